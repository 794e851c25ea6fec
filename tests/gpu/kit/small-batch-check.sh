# The small-batch check of v79 / v80b / v82 / v84 / v85 / v86 (docs/perf/cuda-rows.md "v79 / v80", "v80b", "v82",
# "v84", "v85", "v86") on the H200, from the repo root:
#   C=FOLDER [FULL=1] [I8=0] [SB=2,3,4,8] [SR=4] bash tests/gpu/kit/small-batch-check.sh
# carry [".gl", ".devkit", FOLDER]; FOLDER holds src.tar.xz (`git archive COMMIT | xz`). Builds test_cuda_rows,
# bench_cuda, test_cuda_forward and rwkv-cli for sm_90; runs the small-step checks of test_cuda_rows
# (RWKV_TEST_ROWS_ONLY=sparse; FULL=1: then the whole binary), test_cuda_forward's load refusals
# (RWKV_TEST_ONLY=nonfinite), `bench_cuda --small` (fp16 at the batches SB, SR rounds; I8=1, the default: int8 at B=3
# too) (arms since session 58: the defaults, v86 on one stream, without v86) and the public lines (fp16 and int8 B=3: all off, session
# 55's defaults, the default, v86 on one stream, without v86; int8 B=8: session 55's defaults, the default, v86 on one
# stream, without v86).
# ~300 s on a cold H100 (session 54).
set -u
source tests/gpu/kit/dev.sh $C/src.tar.xz lead
nvidia-smi --query-gpu=name,power.limit,clocks.max.sm --format=csv,noheader
t0=$(date +%s)
cuda_build test_cuda_rows test_cuda_forward rwkv-cli bench_cuda || exit 1
echo "built $(( $(date +%s) - t0 )) s"
cd $S
RWKV_TEST_ROWS_ONLY=sparse RWKV_TESTDATA_DIR=$D timeout 150 build/tests/gpu/test_cuda_rows 2>&1 | tail -${TAILN:-20}
[ "${FULL:-0}" = 1 ] && RWKV_TESTDATA_DIR=$D timeout 200 build/tests/gpu/test_cuda_rows 2>&1 | tail -3
RWKV_TEST_ONLY=nonfinite RWKV_TESTDATA_DIR=$D timeout 60 build/tests/gpu/test_cuda_forward 2>&1 | tail -4
echo "tested $(( $(date +%s) - t0 )) s"
RWKV_BENCH_SMALL_B=${SB:-2,3,4,8} RWKV_BENCH_SMALL_ROUNDS=${SR:-4} timeout 150 build/tests/gpu/bench_cuda $OUT/small.json --small 2>&1 | grep -E "^small|^ +[a-z_0-9]+ " | head -80
echo "fp16 small $(( $(date +%s) - t0 )) s"
[ "${I8:-1}" = 1 ] && RWKV_BENCH_SMALL_DTYPE=int8 RWKV_BENCH_SMALL_B=3 RWKV_BENCH_SMALL_ROUNDS=3 timeout 120 build/tests/gpu/bench_cuda $OUT/small_i8.json --small 2>&1 | grep -E "^small" | head
echo "int8 small $(( $(date +%s) - t0 )) s"
pb() { # label "ENV=V ..." args...
  local l=$1 e=$2; shift 2
  env $e timeout 90 build/app/cli/rwkv-cli bench --random ${SIZE:-7.2b} --backend cuda:0 "$@" 2>/dev/null | tail -1 > /tmp/pb.json
  python3 - "$l [$e]" <<'PY'
import json, sys
try: j = json.load(open("/tmp/pb.json"))
except Exception: print(sys.argv[1], "FAILED", open("/tmp/pb.json").read()[:300]); sys.exit()
print(sys.argv[1], {k: j[k] for k in j if any(s in k for s in ("tok_s", "ms", "density"))})
PY
}
# Each line's form (session 56's defaults: v82 for fp16 / int8 up to 8 rows, v80b for the LoRA down products where on —
# int8 up to 8 rows, fp16 at 2 —, the sparse FFN value up to 8 rows as v84 with v85's sums for fp16 / int8, v79 for
# fp32): cuBLAS + dense FFN value, then session 55's defaults (v84, v85 off, fp16's sparse rows 6), then the default.
off="RWKV_CUDA_SPARSE_ROWS=0 RWKV_CUDA_ROWS_MATVEC=0 RWKV_CUDA_ROWS_MATVEC_SPLIT=0 RWKV_CUDA_ROWS_MMA=0 RWKV_CUDA_LORA_MMA=0"
s55="RWKV_CUDA_SPARSE_MMA=0 RWKV_CUDA_SPARSE_SUM4=0"
one="RWKV_CUDA_LORA_SIDE=0" nov86="RWKV_CUDA_LORA_MMA=0"  # session 58 defaults v86 + v86b: v86 on one stream; without v86
for e in "$off" "$s55 RWKV_CUDA_SPARSE_ROWS=6" "DEFAULT=1" "$one" "$nov86"; do pb "cli fp16 B=3" "$e" --dtype fp16 --batch 3 --prompt 16 --gen 64; done
[ "${I8:-1}" = 1 ] && for e in "$off" "$s55" "DEFAULT=1" "$one" "$nov86"; do pb "cli int8 B=3" "$e" --dtype int8 --batch 3 --prompt 16 --gen 64; done
[ "${I8:-1}" = 1 ] && for e in "$s55" "DEFAULT=1" "$one" "$nov86"; do pb "cli int8 B=8" "$e" --dtype int8 --batch 8 --prompt 16 --gen 64; done
echo "done $(( $(date +%s) - t0 )) s"
