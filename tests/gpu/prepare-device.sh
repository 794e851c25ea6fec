#!/usr/bin/env bash
# Prepares what a bare GPU machine (no Qt, no Debian -dev packages, no network) needs to build the engine,
# rwkv-cli and the GPU tests: header-only dependencies in .devdeps/ and the test data in .devdata/ (both
# git-ignored; name them in the device tool's `carry`). Run here, from the repository root.
set -euo pipefail
cd "$(dirname "$0")/../.."
rm -rf .devdeps && mkdir -p .devdeps/include .devdeps/share/cmake
cp /usr/include/xxhash.h .devdeps/include/
cp -r /usr/include/nlohmann /usr/include/CLI .devdeps/include/
cp -r /usr/share/cmake/nlohmann_json /usr/share/cmake/CLI11 .devdeps/share/cmake/
# SQLite and zstd for `rwkv-cli bench --resume-tokens` (used there only when they link: app/cli/CMakeLists.txt)
mkdir -p .devdeps/lib
cp /usr/include/sqlite3.h /usr/include/zstd.h /usr/include/zstd_errors.h .devdeps/include/
cp /usr/lib/x86_64-linux-gnu/libsqlite3.a /usr/lib/x86_64-linux-gnu/libzstd.a .devdeps/lib/
testdata="${RWKV_TESTDATA_DIR:-../shared/testdata}"
rm -rf .devdata && mkdir -p .devdata
cp -r "$testdata"/* .devdata/
du -sh .devdeps .devdata
