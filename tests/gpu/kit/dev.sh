# On the device (carry .gl and .devkit from tests/gpu/kit/pack.sh), sourced from the repo root as the first thing of a
# run command:
#   source tests/gpu/kit/dev.sh [SRC_TARBALL [TAG]]
# Unpacks the Vulkan loader (.gl), sets VK_DRIVER_FILES, unpacks the test data / header deps once per machine into
# /tmp/w/{devdata,devdeps}; with SRC_TARBALL (git archive | xz of your tree) syncs it into /tmp/w/src-TAG (default TAG: main; only files whose
# content changed are rewritten, so a warm machine's $S/build rebuilds only what changed) and links
# .devdata/.devdeps into it. Exports W=/tmp/w, S=/tmp/w/src-TAG, D=/tmp/w/devdata and the function cuda_build TARGETS...
# (sm_90 Release build in $S/build, log $OUT/cuda-build.log) and unxz_bin DIR (decompress DIR/*.xz but the *.tar.xz into /tmp/w/bin).
for f in .gl/*.deb; do dpkg -x "$f" /; done; ldconfig
export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
export W=/tmp/w S=/tmp/w/src-${2:-main} D=/tmp/w/devdata
mkdir -p $W
[ -f $W/devdata/.ok ] || { rm -rf $W/devdata; mkdir -p $W/devdata; tar -C $W/devdata -xJf .devkit/devdata.tar.xz && touch $W/devdata/.ok; }
[ -f $W/devdeps/.ok ] || { rm -rf $W/devdeps; mkdir -p $W/devdeps; tar -C $W/devdeps -xJf .devkit/devdeps.tar.xz && touch $W/devdeps/.ok; }
if [ -n "${1:-}" ]; then
  rm -rf $W/stage; mkdir -p $W/stage $S; tar -C $W/stage -xJf "$1"; export SYNC_DST=$S
  python3 - <<'PY'
import os, filecmp, shutil
st, dst = "/tmp/w/stage", os.environ["SYNC_DST"]
keep = set()
for root, dirs, files in os.walk(st):
    rel = os.path.relpath(root, st)
    os.makedirs(os.path.join(dst, rel), exist_ok=True)
    for f in files:
        a = os.path.join(root, f); b = os.path.normpath(os.path.join(dst, rel, f)); keep.add(b)
        if not os.path.exists(b) or not filecmp.cmp(a, b, shallow=False):
            shutil.copy2(a, b); os.utime(b)
for root, dirs, files in os.walk(dst):
    dirs[:] = [d for d in dirs if not (root == dst and d in ("build", ".devdata", ".devdeps"))]
    for f in files:
        p = os.path.join(root, f)
        if p not in keep: os.remove(p)
PY
  ln -sfn $W/devdata $S/.devdata; ln -sfn $W/devdeps $S/.devdeps
fi
cuda_build() {
  ( cd $S && { [ -f build/build.ninja ] || cmake -S . -B build -G Ninja -DRWKV_BUILD_APP=OFF -DRWKV_ENABLE_VULKAN=OFF \
      -DRWKV_EXTRA_INCLUDE_DIR=$S/.devdeps/include -DCMAKE_PREFIX_PATH=$S/.devdeps -DCMAKE_CUDA_ARCHITECTURES=90 \
      -DCMAKE_BUILD_TYPE=Release; } > ${OUT:-/tmp}/cuda-build.log 2>&1 && cmake --build build --target "$@" -j 16 >> ${OUT:-/tmp}/cuda-build.log 2>&1 ) \
    || { tail -30 ${OUT:-/tmp}/cuda-build.log; echo CUDA BUILD FAILED; return 1; }
}
unxz_bin() { mkdir -p $W/bin; for f in "$1"/*.xz; do case $f in *.tar.xz) continue;; esac  # sources, Qt libraries
  xz -dc "$f" > $W/bin/$(basename "$f" .xz); chmod +x $W/bin/$(basename "$f" .xz); done; }
