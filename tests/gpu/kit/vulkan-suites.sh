# Every Vulkan QtTest suite on the device's GPU driver (docs/testing.md "GPU suites on NVIDIA"); CI runs them on lavapipe
# only. Here: TARGETS="test_vulkan_forward test_vulkan_rows test_vulkan_sample test_vulkan_int8 test_vulkan_i8_dot" \
#   tests/gpu/kit/build-vulkan.sh . FOLDER
# On the device, from the repo root (carry [".gl", ".devkit/devdata.tar.xz", FOLDER]; ~90 s of command on an H100):
#   C=FOLDER bash tests/gpu/kit/vulkan-suites.sh
# Each suite's log goes to $OUT/NAME.log; the totals and any failure are printed; test_vulkan_coop runs last.
set -u
source tests/gpu/kit/dev.sh 2>/dev/null
unxz_bin $C; B=/tmp/w/bin
tar -C $W -xJf $C/qtlibs.tar.xz
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
t0=$(date +%s)
for t in test_vulkan_rows test_vulkan_forward test_vulkan_int8 test_vulkan_sample test_vulkan_i8_dot; do
  [ -x $B/$t ] || { echo "$t: not built into $C"; continue; }
  LD_LIBRARY_PATH=$W/qtlibs RWKV_TESTDATA_DIR=$D QT_QPA_PLATFORM=offscreen timeout 240 $B/$t > ${OUT:-/tmp}/$t.log 2>&1
  echo "$t rc=$? t=$(( $(date +%s) - t0 )) s: $(grep -E '^Totals' ${OUT:-/tmp}/$t.log)"
  grep -E "^FAIL|^XPASS" -A2 ${OUT:-/tmp}/$t.log | cut -c1-300 | head -20
done
echo "test_vulkan_coop: $(RWKV_TESTDATA_DIR=$D timeout 120 $B/test_vulkan_coop 2>&1 | tail -1)"
