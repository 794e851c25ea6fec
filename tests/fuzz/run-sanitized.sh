#!/usr/bin/env bash
# Engine tests under AddressSanitizer + UndefinedBehaviorSanitizer, then every libFuzzer target of tests/fuzz for its
# budget (tests/fuzz/CMakeLists.txt: 10-45 s; RWKV_FUZZ_SECONDS=N: N s each) — the CI step after README command (2)
# (.ci/run). Engine only: no app, no GPU backends. Needs clang-14 and libclang-rt-14-dev (libFuzzer and the sanitizer runtimes).
# Usage: tests/fuzz/run-sanitized.sh [BUILD_DIR]   (default build-sanitize; JOBS=N parallel jobs, default nproc)
set -euo pipefail
src="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$src/build-sanitize}"
jobs="${JOBS:-$(nproc)}"
seconds="${RWKV_FUZZ_SECONDS:-}"  # empty: each target's own budget
cc="${CC_SANITIZE:-clang-14}" cxx="${CXX_SANITIZE:-clang++-14}"
# Coverage instrumentation (-fsanitize=fuzzer-no-link) is added by tests/fuzz/CMakeLists.txt to the parsers only, so
# the numeric kernels run the unit tests at plain ASan+UBSan speed.
flags="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -gline-tables-only"

start=$(date +%s)
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" -DRWKV_BUILD_APP=OFF -DRWKV_ENABLE_CUDA=OFF \
  -DRWKV_ENABLE_VULKAN=OFF -DRWKV_FUZZ=ON -DRWKV_FUZZ_SECONDS="$seconds" >/dev/null

# The engine's unit tests (every test of tests/engine except test_bench, which needs rwkv-cli) and the fuzz targets.
engine_tests=$(ctest --test-dir "$build/tests/engine" -N | sed -n 's/^ *Test *#[0-9]*: \(test_[a-z0-9_]*\)$/\1/p' | grep -v '^test_bench$')
fuzz_targets=$(ctest --test-dir "$build/tests/fuzz" -N | sed -n 's/^ *Test *#[0-9]*: \(fuzz_[a-z0-9_]*\)_replay$/\1/p')
# rwkv-cli too, built only: this is the engine-only rwkv-cli the GPU machine builds (tests/gpu/kit/dev.sh), with no
# Qt there — a Qt header in its Qt-free files broke that build unseen from e0ac837 to session 50's device call.
cmake --build "$build" -j "$jobs" --target $engine_tests $fuzz_targets fuzz_make_seeds rwkv-cli
built=$(date +%s)

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
regex="^($(echo $engine_tests | tr ' ' '|')|fuzz_seeds|fuzz_[a-z_]*_replay)$"
ctest --test-dir "$build" -j "$jobs" --output-on-failure -R "$regex"  # timeouts x4 in this build (tests/CMakeLists.txt)
tested=$(date +%s)
ctest --test-dir "$build" -j "$jobs" --output-on-failure -L fuzz
fuzzed=$(date +%s)
echo "sanitizer build $((built - start)) s, ASan+UBSan unit tests $((tested - built)) s, fuzzing $((fuzzed - tested)) s"
