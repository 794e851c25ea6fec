#!/usr/bin/env bash
# The whole CUDA check in one command, on an H200 (or any sm_90 machine): builds the engine, the GPU tests
# and the bench for sm_90, runs the GPU tests (ctest -L gpu) and the bench grid, and writes JSON and logs
# to $OUT (default ./out). Needs .devdeps/ and .devdata/ from tests/gpu/prepare-device.sh.
# Usage: tests/gpu/run-h200.sh [--quick]
set -uo pipefail
cd "$(dirname "$0")/../.."
OUT="${OUT:-$PWD/out}"
mkdir -p "$OUT"
nvidia-smi --query-gpu=name,memory.total,clocks.sm,clocks.mem,driver_version --format=csv > "$OUT/gpu.txt" 2>&1
cmake -S . -B build -G Ninja -DRWKV_BUILD_APP=OFF -DRWKV_EXTRA_INCLUDE_DIR="$PWD/.devdeps/include" \
  -DCMAKE_PREFIX_PATH="$PWD/.devdeps" -DCMAKE_CUDA_ARCHITECTURES=90 -DCMAKE_BUILD_TYPE=Release > "$OUT/build.log" 2>&1 \
  && cmake --build build --target test_cuda_forward bench_cuda -j "$(nproc)" >> "$OUT/build.log" 2>&1
if [ $? -ne 0 ]; then tail -40 "$OUT/build.log"; echo "BUILD FAILED"; exit 1; fi
(cd build && ctest -L gpu -V) > "$OUT/tests.log" 2>&1
tests_rc=$?
grep -E "ok |FAIL|passed|tests passed|Failed|Skipped" "$OUT/tests.log" | tail -60
./build/tests/gpu/bench_cuda "$OUT/bench.json" "$@" 2>&1 | tee "$OUT/bench.log"
bench_rc=${PIPESTATUS[0]}
echo "tests rc=$tests_rc bench rc=$bench_rc"
[ $tests_rc -eq 0 ] && [ $bench_rc -eq 0 ]
