#!/bin/sh
# own-display.sh 'XVFB ARGS' COMMAND [ARG...]: runs COMMAND with DISPLAY naming an Xvfb of its own (started with XVFB
# ARGS, stopped and reaped after COMMAND) and returns COMMAND's status; as `xvfb-run -a -s 'XVFB ARGS'` did, but Xvfb
# picks a free display number itself (-displayfd: it takes the first number whose socket it can bind, which is atomic)
# and writes it once it accepts connections. So e2e tests started side by side (ctest -j) each get their own display,
# never the same one: xvfb-run -a picked the first number without a /tmp/.X*-lock file, which two runs could read
# at the same moment, and it waited for Xvfb's "ready" signal in a way a busy machine could miss. Used by
# tests/e2e/desktop_process.h (startDesktop, xvfbCommand) and tests/app/test_startup_window_e2e.cpp.
set -u
server_args=$1
shift
dir=$(mktemp -d "${TMPDIR:-/tmp}/own-display.XXXXXX") || exit 1
if ! mkfifo "$dir/display"; then
  rm -rf "$dir"
  exit 1
fi
# Xvfb's own messages (keymap warnings) stay out of COMMAND's stderr, which the tests read; kept in case it fails.
# shellcheck disable=SC2086 # XVFB ARGS are words
Xvfb -displayfd 3 -nolisten tcp $server_args 3>"$dir/display" 2>"$dir/log" &
xvfb=$!
number=
read -r number <"$dir/display"
if [ -z "$number" ]; then  # Xvfb ended (or did not start) before it had a display
  wait "$xvfb"
  echo "own-display.sh: Xvfb did not start:" >&2
  cat "$dir/log" >&2
  rm -rf "$dir"
  exit 1
fi
DISPLAY=":$number" "$@"
status=$?
kill "$xvfb" 2>/dev/null
wait "$xvfb"  # gone before the test goes on (a container's PID 1 may not reap it)
rm -rf "$dir"
exit "$status"
