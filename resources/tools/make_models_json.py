#!/usr/bin/env python3
# resources/tools/make_models_json.py — builds resources/models.json (the download catalog) from the shared facts file
# (../shared/data/model-catalog-facts.json). Stdlib only. Run: python3 resources/tools/make_models_json.py [facts] [out]
# Checked by tests/app/test_model_catalog.cpp.
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FACTS = os.path.join(HERE, "..", "..", "shared", "data", "model-catalog-facts.json")
OUT = os.path.join(HERE, "..", "resources", "models.json")
SIZES = ["0.1B", "0.4B", "1.5B", "2.9B", "7.2B", "13.3B"]
# Named explicitly by the project (issue 7) even though its size and sha256 are not known yet.
EXTRA_PTH = {"rwkv7-g0a3-13.3b-20251031-ctx4096.pth"}


def urls(e):
    hf = f"https://huggingface.co/{e['hf_repo']}/resolve/main/{e['hf_path']}"
    mirror = f"https://hf-mirror.com/{e['hf_repo']}/resolve/main/{e['hf_path']}"
    ms = f"https://modelscope.cn/models/{e['modelscope_repo']}/resolve/master/{e['modelscope_path']}"
    return {"huggingface": hf, "hf-mirror": mirror, "modelscope": ms}


def name(e):
    generation = e["family"].split("-", 1)[1].capitalize()  # rwkv7-g1d -> G1d
    if e["format"] == "gguf":
        return f"RWKV-7 {generation} {e['params_label']} GGUF {e['quant']}"
    return f"RWKV-7 {generation} {e['params_label']} ({e['date']}, ctx {e['ctx']})"


def entry(e):
    stem = e["file_name"].rsplit(".", 1)[0]
    return {
        "id": stem.lower(),
        "name": name(e),
        "params": e["params_label"],
        "file": e["file_name"],
        "format": e["format"],
        "quant": e["quant"],
        "size": e["size_bytes"],
        "sha256": e["sha256"],
        "param_count": e["param_count"],
        "n_layer": e["n_layer"],
        "n_embd": e["n_embd"],
        "urls": urls(e),
    }


def has_all_sources(e):
    return bool(e["hf_repo"] and e["hf_path"] and e["modelscope_repo"] and e["modelscope_path"])


def pick(facts):
    out = []
    for size in SIZES:
        pth = [e for e in facts if e["format"] == "pth" and e["params_label"] == size and has_all_sources(e)
               and (e.get("newest_verified_pth_for_size") or e["file_name"] in EXTRA_PTH)]
        # The newest GGUF per size from the publisher with both a Hugging Face and a ModelScope repo,
        # with size and sha256 known; "newest" = the newest base checkpoint (GGUF names carry no date).
        gguf = [e for e in facts if e["format"] == "gguf" and e["params_label"] == size and has_all_sources(e)
                and e["publisher"] == "shoumenchougou" and e["size_bytes"] and e["sha256"]]
        gguf.sort(key=lambda e: e.get("base_checkpoint") or "")
        out += sorted(pth, key=lambda e: e["date"] or "", reverse=True)
        out += gguf[-1:]
    return out


def main():
    facts_path = sys.argv[1] if len(sys.argv) > 1 else FACTS
    out_path = sys.argv[2] if len(sys.argv) > 2 else OUT
    with open(facts_path, encoding="utf-8") as f:
        facts = json.load(f)
    catalog = {
        "version": 1,
        "generated_from": "shared/data/model-catalog-facts.json (by resources/tools/make_models_json.py)",
        "sources": ["huggingface", "hf-mirror", "modelscope"],
        "models": [entry(e) for e in pick(facts)],
    }
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(catalog, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"{out_path}: {len(catalog['models'])} models")


if __name__ == "__main__":
    main()
