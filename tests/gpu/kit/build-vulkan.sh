#!/usr/bin/env bash
# Here (the device has no glslc): builds the engine-only Vulkan binaries of a source tree into a folder to carry:
# rwkv-cli, test_vulkan_coop and the targets named in $TARGETS (e.g. "bench_vulkan_batch_ab bench_vulkan_prefill_ab"),
# stripped and xz-compressed (~0.6-0.8 MB each), plus rev.txt (the tree's commit and `git status --short`).
# Build dir: TREE/build-vk (Release, no app, no CUDA; ccache with base_dir set lets worktrees share the cache).
# Usage: tests/gpu/kit/build-vulkan.sh [TREE (default .)] [OUT (default TREE/build-vk/carry)]; logs in TREE/build-vk/.
set -euo pipefail
T=$(cd "${1:-.}" && pwd); O=${2:-$T/build-vk/carry}
mkdir -p "$T/build-vk" "$O"
# Tests built in (e.g. TARGETS=test_vulkan_int8) read the test data where dev.sh unpacks it on the device ($D).
cmake -S "$T" -B "$T/build-vk" -G Ninja -DRWKV_BUILD_APP=OFF -DRWKV_ENABLE_CUDA=OFF -DCMAKE_BUILD_TYPE=Release \
  -DRWKV_TESTDATA_DIR=/tmp/w/devdata > "$T/build-vk/configure.log" 2>&1
nice cmake --build "$T/build-vk" --target rwkv-cli test_vulkan_coop ${TARGETS:-} -j2 > "$T/build-vk/build.log" 2>&1 \
  || { tail -30 "$T/build-vk/build.log"; exit 1; }
for b in "$T/build-vk/app/cli/rwkv-cli" "$T/build-vk/tests/gpu/test_vulkan_coop" \
         $(for t in ${TARGETS:-}; do find "$T/build-vk" -name "$t" -type f -executable; done); do
  n=$(basename "$b"); strip -o "$O/$n" "$b"; xz -T2 -f -6 "$O/$n"
done
# Qt test suites among the targets (test_vulkan_int8 is a QtTest) need Qt's libraries, which the GPU machine lacks:
# their shared libraries beside glibc, libstdc++ and the Vulkan loader (.gl brings that) go into qtlibs.tar.xz
# (~11.5 MB), unpacked by public-check.sh into a folder on LD_LIBRARY_PATH for those tests only.
libs=$(for t in ${TARGETS:-}; do f=$(find "$T/build-vk" -name "$t" -type f -executable | head -1); [ -n "$f" ] && ldd "$f"; done |
  awk '$3 ~ /^\// {print $3}' | grep -vE '/(libc|libm|libgcc_s|libstdc\+\+|libvulkan|ld-linux[^/]*)\.so' | sort -u)
if echo "$libs" | grep -q libQt6; then
  rm -rf "$T/build-vk/qtlibs"; mkdir -p "$T/build-vk/qtlibs"; cp -L $libs "$T/build-vk/qtlibs/"
  tar -C "$T/build-vk" -cf - qtlibs | xz -T2 -6 > "$O/qtlibs.tar.xz"
fi
{ git -C "$T" rev-parse HEAD; git -C "$T" status --short; } > "$O/rev.txt"
ls -la "$O"
