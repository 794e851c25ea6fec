#!/usr/bin/env bash
# The whole CUDA check in one command, on an H200 (or any sm_90 machine): builds the engine, rwkv-cli, the GPU
# tests and the bench for sm_90, runs the GPU tests (ctest -L gpu), the bench grid (bench_cuda: copy
# bandwidth, matvec, cuBLAS GEMM rates, 7.2B decode B=1, prefill T=256/1024, batched decode B=8..1024, and
# without --quick the 0.1B/1.5B/13.3B B=1 rows) and rwkv-cli bench through the public API, and writes JSON
# and logs to $OUT (default ./out); the int8 weight-only rows too (bench_cuda --int8, rwkv-cli bench --dtype int8). Needs .devdeps/ and .devdata/ from tests/gpu/prepare-device.sh.
# Usage: tests/gpu/run-h200.sh [--quick] [--rows] [--no-cli] [--b1] [--batch]
#   --quick: 7.2B only; --rows: skip the batch-1 knob sweep in bench_cuda; --no-cli: skip rwkv-cli bench;
#   --b1: tests, then only bench_cuda --b1 (matvec rows, B=1 A/B of the v31 sparse FFN modes, the fused LayerNorm tails, 4-row matvec and PDL knobs: 7.2B fp16/int8, 13.3B).
#   --batch: tests, then only bench_cuda --batch (rows-path A/B: 7.2B B=256/1024 decode with the WKV decode step — v20
#   fp32 state, v24 fp16 state — and any knob challengers added there, logits comparisons, per-kind profiles with the WKV step against its bytes;
#   RWKV_BENCH_EXTRA=--b1lora adds the v17 B=1 A/B: 7.2B fp16/int8, 13.3B).
# CCACHE_DIR, when set, is used for the host compiler (carry it between calls of a warm machine).
set -uo pipefail
cd "$(dirname "$0")/../.."
OUT="${OUT:-$PWD/out}"
mkdir -p "$OUT"
bench_args=()
cli=1
b1=0
batch=0
for a in "$@"; do
  case "$a" in
    --no-cli) cli=0 ;;
    --b1) b1=1; cli=0 ;;
    --batch) batch=1; cli=0 ;;
    *) bench_args+=("$a") ;;
  esac
done
nvidia-smi --query-gpu=name,memory.total,clocks.sm,clocks.mem,driver_version --format=csv > "$OUT/gpu.txt" 2>&1
launcher=()
command -v ccache > /dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B build -G Ninja -DRWKV_BUILD_APP=OFF -DRWKV_ENABLE_VULKAN=OFF -DRWKV_EXTRA_INCLUDE_DIR="$PWD/.devdeps/include" \
  -DCMAKE_PREFIX_PATH="$PWD/.devdeps" -DCMAKE_CUDA_ARCHITECTURES=90 -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" \
  > "$OUT/build.log" 2>&1 \
  && cmake --build build --target test_cuda_forward test_cuda_rows bench_cuda $([ $cli -eq 1 ] && echo rwkv-cli) -j "$(nproc)" >> "$OUT/build.log" 2>&1
if [ $? -ne 0 ]; then tail -40 "$OUT/build.log"; echo "BUILD FAILED"; exit 1; fi
(cd build && ctest -L gpu -V) > "$OUT/tests.log" 2>&1
tests_rc=$?
grep -E "ok |FAIL|passed|tests passed|Failed|Skipped" "$OUT/tests.log" | tail -80
if [ $b1 -eq 1 ] || [ $batch -eq 1 ]; then
  mode=$([ $b1 -eq 1 ] && echo b1 || echo batch)
  ./build/tests/gpu/bench_cuda "$OUT/bench_$mode.json" "--$mode" ${RWKV_BENCH_EXTRA:-} 2>&1 | tee "$OUT/bench_$mode.log"
  bench_rc=${PIPESTATUS[0]}
  echo "tests rc=$tests_rc bench rc=$bench_rc"
  [ $tests_rc -eq 0 ] && [ $bench_rc -eq 0 ]
  exit
fi
./build/tests/gpu/bench_cuda "$OUT/bench.json" "${bench_args[@]}" 2>&1 | tee "$OUT/bench.log"
bench_rc=${PIPESTATUS[0]}
# int8 weight-only against fp16, 7.2B decode B=1 (bytes/token, roofline, per-kind costs)
./build/tests/gpu/bench_cuda "$OUT/bench_int8.json" --int8 2>&1 | tee "$OUT/bench_int8.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || bench_rc=1
cli_rc=0
if [ $cli -eq 1 ]; then
  # the public API: prefill of 1024 tokens + decode B=1, and batched decode (next ids sampled on the device, top-p)
  : > "$OUT/cli_bench.jsonl"
  for args in "--batch 1 --prompt 1024 --gen 32" "--batch 256 --prompt 0 --gen 8" "--batch 1 --prompt 256 --gen 64 --dtype int8"; do
    # shellcheck disable=SC2086
    ./build/app/cli/rwkv-cli bench --backend cuda --random 7.2b $args >> "$OUT/cli_bench.jsonl" 2>&1 || cli_rc=1
  done
  cat "$OUT/cli_bench.jsonl"
fi
echo "tests rc=$tests_rc bench rc=$bench_rc cli rc=$cli_rc"
[ $tests_rc -eq 0 ] && [ $bench_rc -eq 0 ] && [ $cli_rc -eq 0 ]
