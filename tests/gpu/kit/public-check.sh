# The public-API check of a commit on the H200 (the lead's end check, docs/perf/public-api.md): from the repo root,
#   C=FOLDER [PART=vk|cuda] [EARLY="cmd"] [VKENV=NAME=VALUE] [ROWS=1] [B1X=1] [VKI8=1] [PROF=1] bash tests/gpu/kit/public-check.sh
# carry [".gl", ".devkit", FOLDER]; ~250 s of command on a cold machine. EARLY runs after the Vulkan checks (an A/B),
# VKENV adds the B=64 fp16-state line with that variable set, ROWS=1 runs test_cuda_rows, B1X=1 the int8 and 13.3B lines,
# VKI8=1 Vulkan's int8 weights: test_vulkan_int8 on NVIDIA (build FOLDER with TARGETS=test_vulkan_int8) and the B=1,
# B=64 and prefill lines with --dtype int8 (docs/vulkan.md "int8 weights"; its prediction in docs/perf/vulkan-decode.md).
# PROF=1 adds Vulkan B=1 `--profile` runs (fp16, and int8 with VKI8=1; per-stage µs per token). PART=vk runs only the
# Vulkan half, PART=cuda only the CUDA half (two calls of < 600 s each when everything is asked for).
# FOLDER holds src.tar.xz (`git archive COMMIT | xz`), src_rev.txt (the commit) and the Vulkan binaries of the same
# commit (tests/gpu/kit/build-vulkan.sh . FOLDER). Carry is at most 64 MiB: with VKI8=1 (qtlibs) split the folder — PART=vk
# with the binaries and no src.tar.xz (the device's tree is then the sources; carry .devkit/devdata.tar.xz, not .devkit),
# PART=cuda with src.tar.xz alone. One process per public line; JSON to $OUT/NAME.json.
set -u
t0=$(date +%s)
if [ -f $C/src.tar.xz ]; then source tests/gpu/kit/dev.sh $C/src.tar.xz lead
else source tests/gpu/kit/dev.sh; S=$PWD; ln -sfn $D .devdata; fi  # PART=vk of the device's own tree: no sources carried
unxz_bin $C; B=/tmp/w/bin
el() { echo "t=$(( $(date +%s) - t0 )) s $*"; }
echo "src $(cat $C/src_rev.txt 2>/dev/null) vk $(head -1 $C/rev.txt)"
nvidia-smi --query-gpu=name,driver_version,power.limit,clocks.max.sm --format=csv,noheader
pb() {  # name binary args... (one process, one JSON line kept in $OUT/name.json)
  local n=$1 cli=$2; shift 2
  timeout 120 $cli bench --random ${SIZE:-7.2b} "$@" 2>/dev/null | tail -1 > /tmp/pb.json
  python3 - "$n" <<'PY'
import json, sys
try: j = json.load(open("/tmp/pb.json"))
except Exception as e: print(sys.argv[1], "FAILED", open("/tmp/pb.json").read()[:300]); sys.exit()
keys = [k for k in j if any(s in k for s in ("tok_s", "ms_per", "ms"))]
print(sys.argv[1], {k: j[k] for k in keys})
PY
  cp /tmp/pb.json $OUT/$n.json 2>/dev/null
}
if [ "${PART:-all}" != cuda ]; then
( cd $S && CLI=$B/rwkv-cli BENCH="" OUT=/tmp bash tests/gpu/run-vulkan-h200.sh 2>&1 | grep -E "FAIL|goldens" ; python3 -c '
import json; r=[json.loads(l) for l in open("/tmp/vulkan-h200.jsonl")]; print("max dlogit %.3g max dstate %.3g" % (max(x["max_dlogit"] for x in r), max(x["max_dstate_scaled"] for x in r)))' )
RWKV_TESTDATA_DIR=$D timeout 120 $B/test_vulkan_coop 2>&1 | tail -1
RWKV_VK_STATE_F16=1 RWKV_TESTDATA_DIR=$D timeout 120 $B/test_vulkan_coop 2>&1 | tail -1
el "vulkan checks done"
[ -n "${EARLY:-}" ] && { eval "$EARLY"; el "early extra done"; }
pb vk_b64h $B/rwkv-cli --backend vulkan:0 --dtype fp16 --batch 64 --prompt 8 --gen 16 --state-dtype fp16
if [ -n "${VKENV:-}" ]; then export $VKENV; pb vk_b64h_env $B/rwkv-cli --backend vulkan:0 --dtype fp16 --batch 64 --prompt 8 --gen 16 --state-dtype fp16; unset ${VKENV%%=*}; fi
pb vk_pre $B/rwkv-cli --backend vulkan:0 --dtype fp16 --prompt 1024 --gen 1
pb vk_b1a $B/rwkv-cli --backend vulkan:0 --dtype fp16 --prompt 16 --gen 128
pb vk_b64a $B/rwkv-cli --backend vulkan:0 --dtype fp16 --batch 64 --prompt 8 --gen 16
if [ "${VKI8:-0}" = 1 ]; then
  # a QtTest: Qt's libraries come in FOLDER/qtlibs.tar.xz (build-vulkan.sh), the GPU machine has none
  [ -f $C/qtlibs.tar.xz ] && tar -C $W -xJf $C/qtlibs.tar.xz
  [ -x $B/test_vulkan_int8 ] && LD_LIBRARY_PATH=$W/qtlibs RWKV_TESTDATA_DIR=$D QT_QPA_PLATFORM=offscreen timeout 300 \
    $B/test_vulkan_int8 2>&1 | grep -E "^(PASS|FAIL|SKIP)|Totals" | tail -16
  pb vk_i8_b1 $B/rwkv-cli --backend vulkan:0 --dtype int8 --prompt 16 --gen 128
  pb vk_i8_b64 $B/rwkv-cli --backend vulkan:0 --dtype int8 --batch 64 --prompt 8 --gen 16 --state-dtype fp16
  pb vk_i8_pre $B/rwkv-cli --backend vulkan:0 --dtype int8 --prompt 1024 --gen 1
fi
prof() {  # name args...: one --profile process; its stages printed, JSON kept
  local n=$1; shift
  timeout 120 $B/rwkv-cli bench --random 7.2b --backend vulkan:0 --prompt 16 --gen 128 --profile "$@" 2>/dev/null | tail -1 > $OUT/$n.json
  python3 - $OUT/$n.json <<'PY'
import json, sys
try: j = json.load(open(sys.argv[1]))
except Exception as e: print(sys.argv[1], "FAILED"); sys.exit()
print(sys.argv[1], "decode_tok_s", j.get("decode_tok_s"), "profile_us_per_token", j.get("profile_us_per_token"))
for s in j.get("profile", []): print("  ", s)
PY
}
if [ "${PROF:-0}" = 1 ]; then prof vk_prof_fp16 --dtype fp16; [ "${VKI8:-0}" = 1 ] && prof vk_prof_i8 --dtype int8; fi
el "vulkan lines done"
fi
[ "${PART:-all}" = vk ] && exit 0
cuda_build test_cuda_forward test_cuda_rows rwkv-cli || exit 1
el "cuda built"
timeout 120 $S/build/tests/gpu/test_cuda_forward 2>&1 | tail -2
[ "${ROWS:-0}" = 1 ] && timeout 150 $S/build/tests/gpu/test_cuda_rows 2>&1 | tail -2
el "cuda tests done"
CC=$S/build/app/cli/rwkv-cli
pb cu_b1 $CC --backend cuda --batch 1 --prompt 1024 --gen 64
pb cu_b256 $CC --backend cuda --batch 256 --prompt 0 --gen 8 --state-dtype fp16
pb cu_b1024 $CC --backend cuda --batch 1024 --prompt 0 --gen 4 --state-dtype fp16
[ "${B1X:-0}" = 1 ] && pb cu_i8 $CC --backend cuda --batch 1 --prompt 16 --gen 128 --dtype int8
[ "${B1X:-0}" = 1 ] && SIZE=13.3b pb cu_13b $CC --backend cuda --batch 1 --prompt 16 --gen 64
el "done"
