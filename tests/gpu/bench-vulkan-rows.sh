#!/usr/bin/env bash
# The Vulkan rows path on an NVIDIA GPU machine: test_vulkan_coop (coop GEMM vs fallback vs the step), then
# `rwkv-cli bench` of 7.2B random fp16 weights for each ';'-separated run of RUNS ("ARGS | ENV=VALUE ..."; default:
# prefill T=1024 and batched decode B=64 with the coop GEMM and with the fallback, RWKV_VK_COOP=0, same run).
# Carry .gl and a folder BIN with rwkv-cli and test_vulkan_coop built here (see run-vulkan-h200.sh); prints one
# line per run and writes JSON lines to $OUT/vulkan-rows.jsonl. docs/perf-notes.md "Rows path v1".
set -uo pipefail
cd "$(dirname "$0")/../.."
for f in .gl/*.deb; do dpkg -x "$f" /; done
ldconfig
export VK_DRIVER_FILES=${VK_DRIVER_FILES:-/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json}
BIN=${BIN:-.s4vk}
export LD_LIBRARY_PATH="$BIN${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
OUT=${OUT:-/tmp}
LOG="$OUT/vulkan-rows.jsonl"
: > "$LOG"
SIZE=${SIZE:-7.2b}
if [ "${SKIP_TEST:-0}" != 1 ]; then
  RWKV_TESTDATA_DIR=${RWKV_TESTDATA_DIR:-.devdata} timeout 300 "$BIN/test_vulkan_coop"
fi
RUNS=${RUNS:-"--batch 64 --prompt 8 --gen 8 |;--prompt 1024 --gen 8 |;--batch 64 --prompt 8 --gen 8 | RWKV_VK_COOP=0;--prompt 1024 --gen 8 | RWKV_VK_COOP=0"}
IFS=';' read -ra runs <<< "$RUNS"
for run in "${runs[@]}"; do
  args=${run%%|*}
  envs=${run#*|}
  t0=$(date +%s)
  env $envs timeout 240 "$BIN/rwkv-cli" bench --backend vulkan:0 --random "$SIZE" --dtype fp16 $args > "$OUT/one.json"
  rc=$?
  echo "== [$args] [$envs] rc=$rc $(( $(date +%s) - t0 )) s: $(python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
print("prefill", j.get("prefill_tok_s"), "tok/s; decode", j["decode_tok_s"], "tok/s (B=%d)" % j["batch"], j["ms_per_token"],
      "ms; load", j.get("load_s"), "s;", j.get("kernels", ""))' "$OUT/one.json" 2>&1)"
  python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); j["env"]=sys.argv[2]; j["args"]=sys.argv[3]; print(json.dumps(j))' \
    "$OUT/one.json" "$envs" "$args" >> "$LOG" 2>/dev/null
done
