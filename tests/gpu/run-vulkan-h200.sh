#!/usr/bin/env bash
# The Vulkan backend on an NVIDIA GPU machine through NVIDIA's Vulkan driver: every golden through
# `rwkv-cli eval --backend vulkan:0` (fp16 weights: logits <= 0.05, state <= 1e-2*(1+|g|)), then
# `rwkv-cli bench --profile` on random weights (BENCH below). The GPU machine has no glslc, so rwkv-cli is built
# here (engine-only, e.g. cmake -S . -B build-h5 -G Ninja -DRWKV_BUILD_APP=OFF -DRWKV_ENABLE_CUDA=OFF, target
# rwkv-cli; CUDA_BENCH=1 needs a CUDA build) and carried with .gl (the Vulkan loader debs, see the device README)
# and .devdata (tests/gpu/prepare-device.sh); CLI names the binary. Writes JSON lines to $OUT/vulkan-h200.jsonl.
set -uo pipefail
cd "$(dirname "$0")/../.."
for f in .gl/*.deb; do dpkg -x "$f" /; done
ldconfig
export VK_DRIVER_FILES=${VK_DRIVER_FILES:-/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json}
CLI=${CLI:-build-dev/app/cli/rwkv-cli}
OUT=${OUT:-/tmp}
LOG="$OUT/vulkan-h200.jsonl"
: > "$LOG"

python3 - "$CLI" "$LOG" <<'PY'
import json, subprocess, sys, numpy as np, os, tempfile
cli, log = sys.argv[1], sys.argv[2]
d = ".devdata"
idx = json.load(open(f"{d}/golden/index.json"))
ok = bad = 0
tmp = tempfile.mkdtemp()
for c in idx["cases"]:
    for f in idx["models"][c["model"]]["files"]:
        ids = c["token_ids"]
        args = [cli, "eval", "--backend", "vulkan:0", "--model", f"{d}/{f}",
                "--logits-out", f"{tmp}/l", "--state-out", f"{tmp}/s"]
        if c["id"] == "en_then_zh_ids":
            ids = ids[25:]
            args += ["--state-in", f"{d}/golden/rand-L3-D128__en.state.f32"]
        args += ["--tokens", ",".join(map(str, ids))]
        r = subprocess.run(args, capture_output=True, text=True)
        if r.returncode != 0:
            print("FAIL", f, c["id"], r.stderr.strip()); bad += 1; continue
        l = np.fromfile(f"{tmp}/l", np.float32); s = np.fromfile(f"{tmp}/s", np.float32)
        gl = np.fromfile(f"{d}/golden/{c['logits_file']}", np.float32)
        gs = np.fromfile(f"{d}/golden/{c['state_file']}", np.float32)
        dl = float(np.abs(l - gl).max()); ds = float((np.abs(s - gs) / (1 + np.abs(gs))).max())
        good = dl <= 0.05 and ds <= 1e-2 and int(l.argmax()) == c["top5_ids"][0]
        ok += good; bad += not good
        rec = {"case": c["id"], "file": f, "max_dlogit": dl, "max_dstate_scaled": ds, "pass": good}
        open(log, "a").write(json.dumps(rec) + "\n")
        print(("PASS " if good else "FAIL ") + json.dumps(rec))
print(f"vulkan goldens: {ok} passed, {bad} failed")
PY

# Benchmarks: BENCH holds ';'-separated runs "SIZE [ENV=VALUE ...]" (the environment picks kernel variants,
# docs/vulkan.md); each prints one JSON line with the per-stage profile. CUDA_BENCH=1 adds the CUDA backend
# (needs an rwkv-cli built with CUDA). DTYPE=int8 benches int8 weights (docs/vulkan.md "int8 weights").
BENCH=${BENCH-"7.2b;0.1b"}  # BENCH="" runs the goldens only
DTYPE=${DTYPE:-fp16}
GEN=${GEN:-64}
PROMPT=${PROMPT:-128}
IFS=';' read -ra runs <<< "$BENCH"
for run in "${runs[@]}"; do
  set -- $run
  size=$1; shift
  echo "== vulkan $size $DTYPE $*"
  env "$@" timeout 300 "$CLI" bench --backend vulkan:0 --random "$size" --dtype "$DTYPE" --prompt "$PROMPT" --gen "$GEN" \
    --profile | LOG="$LOG" python3 -c '
import json, os, sys
for line in sys.stdin:
    j = json.loads(line)
    j["env"] = sys.argv[1:]
    open(os.environ["LOG"], "a").write(json.dumps(j) + "\n")
    print(j["shape"], j["env"], "decode", j["decode_tok_s"], "tok/s,", j["ms_per_token"], "ms; prefill",
          j["prefill_tok_s"], "tok/s; density", j.get("ffn_density"), "; profiled", j.get("profile_us_per_token"), "us")
    for st in j.get("profile", []):
        print("   %-14s %3d calls %9.1f us %5.1f%% %9.1f MB %8.1f GB/s" % (st["stage"], st["calls"], st["us"],
              st["pct"], st.get("mb", 0), st.get("gb_s", 0)))' "$@"
  if [ "${CUDA_BENCH:-0}" = 1 ]; then
    timeout 240 "$CLI" bench --backend cuda --random "$size" --dtype "$DTYPE" --prompt "$PROMPT" --gen "$GEN" | tee -a "$LOG"
  fi
done
