#!/usr/bin/env bash
# test_command1_installs.sh SOURCE_DIR BUILD_DIR — README set-up command (1) builds only the targets it names
# (`--target rwkv-desktop rwkv-cli`), and "Install as a package" then runs cpack, which packs what the install rules
# name and builds nothing itself: every file they install from the build folder must come out of those targets.
# Session 56's trial: the icon PNGs (packaging/, target rwkv_icons) did not, and `cpack -G DEB` after command (1)
# failed with "file INSTALL cannot find …/build/packaging/icons/16x16/org.rwkvdesktop.RwkvDesktop.png".
# Reads the build graph (ninja -t commands): skipped (77) in a build that is not Ninja's.
set -euo pipefail
src=${1:?usage: test_command1_installs.sh SOURCE_DIR BUILD_DIR}
build=$(cd "${2:?usage: test_command1_installs.sh SOURCE_DIR BUILD_DIR}" && pwd)
[ -f "$build/build.ninja" ] || { echo "SKIP: $build is not a Ninja build"; exit 77; }
# The targets of command (1): the words after --target in the first ```sh block of README's "Set up".
cmd=$(awk '/^## Set up/ { s = 1 } s && /^ *```sh$/ { getline; print; exit }' "$src/README.md")
targets=$(sed -n 's/.*--target \([^&]*[^ &]\) *&&.*/\1/p' <<<"$cmd")
[ -n "$targets" ] || { echo "FAIL: no --target in README command (1): $cmd"; exit 1; }
# The commands that build them, order-only dependencies included (`ninja -t inputs` stops at those): a file they make
# is named in one (the linker's -o, rsvg-convert's -o …).
# shellcheck disable=SC2086
made=$(ninja -C "$build" -t commands $targets)
installed=$(find "$build" -name cmake_install.cmake -exec grep -ho "\"$build/[^\"\$]*\"" {} + | tr -d '"' |
  grep -v '/cmake_install\.cmake$' | sort -u)
[ -n "$installed" ] || { echo "FAIL: no file installed from $build found"; exit 1; }
missing=0
while read -r file; do
  rel=${file#"$build"/}
  if ! grep -qF -e " $rel" -e "/$rel" <<<"$made"; then
    echo "FAIL: $rel is installed (cpack packs it) but not made by command (1)'s targets: $targets"
    missing=1
  fi
done <<<"$installed"
[ "$missing" = 0 ] || exit 1
echo "PASS: the $(wc -l <<<"$installed") files installed from the build folder come out of: $targets"
