#!/usr/bin/env bash
# test_readme_ci_command.sh SOURCE_DIR — .ci/run runs README set-up command (2) verbatim: the line after its
# "README command (2), keep identical" marker must equal the second ```sh block of README's "Set up" section, so an
# edit of either (a README reworded, a flag added to CI) cannot leave CI running another command than users do.
set -euo pipefail
src=${1:?usage: test_readme_ci_command.sh SOURCE_DIR}
ci=$(awk '/README command \(2\), keep identical/ { getline; print; exit }' "$src/.ci/run")
readme=$(awk '/^## Set up/ { s = 1 } s && /^ *```sh$/ { if (++n == 2) { getline; sub(/^ +/, ""); print; exit } }' \
  "$src/README.md")
if [ -z "$ci" ] || [ -z "$readme" ]; then
  echo "FAIL: no command found (.ci/run: '${ci}', README: '${readme}')"
  exit 1
fi
if [ "$ci" != "$readme" ]; then
  printf 'FAIL: .ci/run and README command (2) differ\n  .ci/run: %s\n  README:  %s\n' "$ci" "$readme"
  exit 1
fi
echo "PASS: .ci/run runs README command (2) verbatim: $ci"
