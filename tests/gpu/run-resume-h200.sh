#!/usr/bin/env bash
# The resume measurement on the H200 (docs/conversations.md "Resume"): builds rwkv-cli engine-only for sm_90 (with
# SQLite and zstd from .devdeps when they link there) and runs `rwkv-cli bench --backend cuda --resume-tokens N` on
# the 7.2B shape (then 1.5B): time from opening a conversation of N tokens to its first new token, from the stored
# snapshot vs re-prefilled. Writes JSON lines to $OUT/resume.jsonl. Needs .devdeps/ (tests/gpu/prepare-device.sh).
# Usage: tests/gpu/run-resume-h200.sh [N=8000]
set -uo pipefail
cd "$(dirname "$0")/../.."
OUT="${OUT:-$PWD/out}"
N="${1:-8000}"
mkdir -p "$OUT"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv > "$OUT/gpu.txt" 2>&1
cmake -S . -B build-resume -G Ninja -DRWKV_BUILD_APP=OFF -DRWKV_BUILD_TESTS=OFF -DRWKV_ENABLE_VULKAN=OFF \
  -DRWKV_EXTRA_INCLUDE_DIR="$PWD/.devdeps/include" -DCMAKE_PREFIX_PATH="$PWD/.devdeps" \
  -DCMAKE_CUDA_ARCHITECTURES=90 -DCMAKE_BUILD_TYPE=Release > "$OUT/build.log" 2>&1 \
  && cmake --build build-resume --target rwkv-cli -j "$(nproc)" >> "$OUT/build.log" 2>&1
if [ $? -ne 0 ]; then tail -40 "$OUT/build.log"; echo "BUILD FAILED"; exit 1; fi
grep -E "resume-tokens" "$OUT/build.log"
: > "$OUT/resume.jsonl"
for shape in 7.2b 1.5b; do
  ./build-resume/app/cli/rwkv-cli bench --backend cuda --random "$shape" --resume-tokens "$N" | tee -a "$OUT/resume.jsonl"
done
