#!/usr/bin/env bash
# Here (the dev box, with Debian's -dev packages): packs what a bare GPU machine of the device tool needs into the
# git-ignored folder .devkit/ — the test data and header-only dependencies of tests/gpu/prepare-device.sh as
# xz tarballs (~34 MB: the tree + this + a few binaries stay under the tool's 64 MiB carry limit) — and fetches the
# Vulkan loader debs into .gl/ (the device README's headless-rendering paragraph) when they are missing.
# Then carry [".gl", ".devkit", YOUR_FOLDER] and begin each device command with `source tests/gpu/kit/dev.sh ...`.
# Usage: RWKV_TESTDATA_DIR=/path/to/shared/testdata tests/gpu/kit/pack.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
bash tests/gpu/prepare-device.sh > /dev/null
mkdir -p .devkit
tar -C .devdata -cf - . | xz -T2 -6 > .devkit/devdata.tar.xz
tar -C .devdeps -cf - . | xz -T2 -6 > .devkit/devdeps.tar.xz
if ! ls .gl/libvulkan1_*.deb > /dev/null 2>&1; then
  mkdir -p .gl /tmp/amd64/partial
  o=(-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/amd64)
  apt-get "${o[@]}" update -q > /dev/null
  (cd .gl && apt-get "${o[@]}" download libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2 > /dev/null 2>&1)
fi
du -sh .devkit .gl
