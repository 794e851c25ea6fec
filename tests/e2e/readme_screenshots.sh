#!/usr/bin/env bash
# tests/e2e/readme_screenshots.sh BUILD [OUT] — makes the README screenshots that test_app_e2e does not make:
# branches-and-search.png, import-download-offer.png, models-downloading.png and models-zh_CN.png (OUT: default
# docs/screenshots). Each runs the real rwkv-desktop under xvfb-run (1280x800 screen; the window is 1100x720) on a
# fresh data folder and settings folder, with the conversations of tests/e2e/screenshot-conversations/*.json
# (rwkv-cli JSON exports, written by hand) imported by `rwkv-cli import`, and saves the window with --screenshot-at
# (select, search and import run at start, so a fixed time shows them done). The download is the demo model served
# by a local Python server at ~30 KB/s through a one-model catalog (--catalog), shot 8 s in. Look at every png.
set -euo pipefail
BUILD=$(cd "${1:?usage: readme_screenshots.sh BUILD [OUT]}" && pwd)
OUT=$(mkdir -p "${2:-docs/screenshots}" && cd "${2:-docs/screenshots}" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=$HERE/screenshot-conversations
CLI=$BUILD/app/cli/rwkv-cli
APP=$BUILD/app/gui/rwkv-desktop
WORK=$(mktemp -d /tmp/rwkv-shots.XXXXXX)
export XDG_CONFIG_HOME=$WORK/config  # never the Settings of whoever runs this
unset RWKV_DESKTOP_DATA_DIR RWKV_DESKTOP_LANG
mkdir -p "$WORK/branches" "$WORK/import" "$WORK/zh" "$WORK/download"
shot() { xvfb-run -a -s "-screen 0 1280x800x24" "$APP" "$@"; }
import_json() {  # DIR FILE: prints the new conversation's id
    "$CLI" import --db "$1/conversations.sqlite" "$2" --json |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["conversation_id"])'
}

# A conversation with a regenerated reply (‹ 2/2 ›) and a search for "ferry" in the sidebar.
import_json "$WORK/branches" "$DATA/packing.json" > /dev/null
helsinki=$(import_json "$WORK/branches" "$DATA/helsinki.json")
shot --data-dir "$WORK/branches" --select "$helsinki" --search ferry --screenshot "$OUT/branches-and-search.png" \
    --screenshot-at 5

# An imported conversation whose model (G1i 1.5B, in the bundled catalog) is not here: the download offer.
shot --data-dir "$WORK/import" --import "$DATA/kyoto.json" --screenshot "$OUT/import-download-offer.png" \
    --screenshot-at 5

# The model manager in Simplified Chinese, over a Chinese conversation.
import_json "$WORK/zh" "$DATA/chinese.json" > /dev/null
shot --data-dir "$WORK/zh" --lang zh_CN --open models --screenshot "$OUT/models-zh_CN.png" --screenshot-at 5

# The model manager mid-download: the demo model from a slow local server.
MODEL=$BUILD/resources/tiny-rwkv7-834K.pth
python3 - "$MODEL" "$WORK/port" <<'PY' &
import http.server, sys, time
body = open(sys.argv[1], "rb").read()
class Slow(http.server.BaseHTTPRequestHandler):
    def head(self):
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Type", "application/octet-stream")
        self.end_headers()
    def do_HEAD(self):
        self.head()
    def do_GET(self):
        self.head()
        try:
            for i in range(0, len(body), 3000):
                self.wfile.write(body[i:i + 3000])
                self.wfile.flush()
                time.sleep(0.1)  # ~30 KB/s
        except (BrokenPipeError, ConnectionResetError):
            pass
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Slow)
open(sys.argv[2], "w").write(str(server.server_address[1]))
server.serve_forever()
PY
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -s "$WORK/port" ] && break; sleep 0.1; done
URL=http://127.0.0.1:$(cat "$WORK/port")/tiny-rwkv7-834K.pth
SHA=$(sha256sum "$MODEL" | cut -d' ' -f1)
cat > "$WORK/catalog.json" <<JSON
{"models": [{"id": "tiny-demo", "name": "RWKV-7 tiny demo (834K)", "params": "834K", "file": "tiny-demo.pth",
  "format": "pth", "size": $(stat -c %s "$MODEL"), "sha256": "$SHA", "n_layer": 2, "n_embd": 128,
  "urls": {"huggingface": "$URL", "hf-mirror": "$URL", "modelscope": "$URL"}}]}
JSON
shot --data-dir "$WORK/download" --catalog "$WORK/catalog.json" --download tiny-demo --open models \
    --screenshot "$OUT/models-downloading.png" --screenshot-at 8
echo "saved in $OUT (work folder $WORK)"
