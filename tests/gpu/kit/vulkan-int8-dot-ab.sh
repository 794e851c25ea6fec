#!/usr/bin/env bash
# On the GPU machine: Vulkan through NVIDIA's driver — one VkInstance per process (test_vulkan_forward
# oneInstancePerProcess, session 37's VkResult -9), the int8 dot-product matvec's tests (test_vulkan_i8_dot, the whole
# test_vulkan_int8), the driver's pipeline statistics of matvec_wide_i8[_dot], then the A/B of the prediction in
# docs/perf/vulkan-decode.md "v-next int8 dot": 7.2B int8 B=1, RWKV_VK_I8_DOT=0/1 alternating three times (one process
# per line), rows 4 and 16, and --profile of both (JSON to $OUT/prof0.json, prof1.json). ~400 s on a cold machine.
# Here first: TARGETS="test_vulkan_int8 test_vulkan_i8_dot test_vulkan_forward" tests/gpu/kit/build-vulkan.sh . FOLDER
# (and tests/gpu/kit/pack.sh once); then carry [".gl", ".devkit", "FOLDER"] and run from the repo root:
#   C=FOLDER bash tests/gpu/kit/vulkan-int8-dot-ab.sh
set -u
t0=$(date +%s); el() { echo "t=$(( $(date +%s) - t0 )) s $*"; }
source tests/gpu/kit/dev.sh
C=${C:?set C to the folder of build-vulkan.sh}; unxz_bin $C; B=/tmp/w/bin
tar -C $W -xJf $C/qtlibs.tar.xz
export LD_LIBRARY_PATH=$W/qtlibs RWKV_TESTDATA_DIR=$D QT_QPA_PLATFORM=offscreen
echo "vk $(head -1 $C/rev.txt)"
nvidia-smi --query-gpu=name,driver_version,power.limit,clocks.max.sm --format=csv,noheader
timeout 120 $B/test_vulkan_forward oneInstancePerProcess 2>&1 | grep -E "^(PASS|FAIL|SKIP|QWARN)|Totals|Loc" | head -8
timeout 120 $B/test_vulkan_i8_dot 2>&1 | grep -E "^(FAIL|SKIP)|Totals|Loc" | head -12
el "forward+dot tests"
timeout 300 $B/test_vulkan_int8 2>&1 | grep -E "^(FAIL|SKIP)|Totals|Loc|dot" | head -24
el "int8 tests"
unset LD_LIBRARY_PATH
RWKV_VK_PIPELINE_STATS=1 RWKV_VK_I8_DOT=1 timeout 100 $B/rwkv-cli bench --random 7.2b --backend vulkan:0 --dtype int8 --prompt 0 --gen 4 2>&1 | grep -iE "matvec_wide_i8" | head -6
bb() { # label env... : one int8 B=1 line
  local l=$1; shift
  env "$@" timeout 110 $B/rwkv-cli bench --random 7.2b --backend vulkan:0 --dtype int8 --prompt 16 --gen 128 2>/dev/null | tail -1 |
    python3 -c "import json,sys; j=json.load(sys.stdin); print('$l', j['decode_tok_s'])" 2>&1 | tail -1
}
for r in 1 2 3; do bb "dot0 r$r" RWKV_VK_I8_DOT=0; bb "dot1 r$r" RWKV_VK_I8_DOT=1; el ab$r; done
bb "dot1 rows4" RWKV_VK_I8_DOT=1 RWKV_VK_I8_DOT_ROWS=4
bb "dot1 rows16" RWKV_VK_I8_DOT=1 RWKV_VK_I8_DOT_ROWS=16
el "ab done"
for d in 0 1; do echo "profile dot=$d"; RWKV_VK_I8_DOT=$d timeout 110 $B/rwkv-cli bench --random 7.2b --backend vulkan:0 --dtype int8 --prompt 16 --gen 64 --profile 2>/dev/null | tail -1 > $OUT/prof$d.json; python3 -c "import json; j=json.load(open('$OUT/prof$d.json')); print(j['decode_tok_s'], j.get('profile_us_per_token')); [print(' ', s) for s in j.get('profile', [])]" | head -40; done
el "done"
