#!/usr/bin/env bash
# test_package.sh BUILD_DIR — the packages work as installed:
#  * `cmake --install` into a temporary prefix: both binaries run and find <prefix>/share/rwkv-desktop;
#  * cpack builds the DEB and the TGZ; the DEB's control fields carry the dpkg-shlibdeps dependencies and the QML
#    modules; `dpkg-deb -x` into a temporary root: rwkv-desktop --version / --help (English, --lang zh_CN, zh_TW, ja,
#    $RWKV_DESKTOP_LANG, system locale), rwkv-cli --help and generate with the bundled demo model, the app's
#    window loads the bundled model (offscreen), the icons have their sizes, the .desktop file passes
#    desktop-file-validate and the metainfo `appstreamcli validate --no-net`.
set -euo pipefail
build=$(cd "$1" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
ok() { echo "ok: $*"; passed=$((passed + 1)); }
bad() { echo "FAIL: $*"; failed=$((failed + 1)); }
check() {  # check DESCRIPTION COMMAND...
    local what=$1; shift
    if "$@" >"$tmp/out" 2>&1; then ok "$what"; else bad "$what"; sed 's/^/    /' "$tmp/out" | tail -20; fi
}
contains() { grep -qF -- "$2" <<<"$1"; }  # contains TEXT NEEDLE
app_id=org.rwkvdesktop.RwkvDesktop
unset RWKV_DESKTOP_RESOURCES RWKV_DESKTOP_LANG RWKV_DESKTOP_DATA_DIR
export QT_QPA_PLATFORM=offscreen LC_ALL=C.UTF-8 LANG=C.UTF-8 LANGUAGE=

# --- cmake --install into a prefix ---
cmake --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; exit 1; }
check "installed rwkv-desktop --version" "$tmp/prefix/bin/rwkv-desktop" --version
check "installed rwkv-desktop loads the demo model from <prefix>/share/rwkv-desktop" \
    "$tmp/prefix/bin/rwkv-desktop" --data-dir "$tmp/prefix-data" --screenshot "$tmp/prefix-shot.png" --timeout 120
grep -q "catalog unavailable" "$tmp/out" && bad "installed app: $(cat "$tmp/out")" || ok "installed app reads models.json"

# --- cpack: DEB and TGZ ---
(cd "$build" && cpack -G "DEB;TGZ" -B "$tmp/pkg") >"$tmp/cpack.log" 2>&1 || { cat "$tmp/cpack.log"; exit 1; }
debs=("$tmp"/pkg/rwkv-desktop_*.deb)
tgzs=("$tmp"/pkg/rwkv-desktop-*.tar.gz)
[ ${#debs[@]} = 1 ] && [ -f "${debs[0]}" ] && ok "one DEB: $(basename "${debs[0]}")" || bad "DEB missing: $(ls "$tmp/pkg")"
[ ${#tgzs[@]} = 1 ] && [ -f "${tgzs[0]}" ] && ok "one TGZ: $(basename "${tgzs[0]}")" || bad "TGZ missing: $(ls "$tmp/pkg")"
deb=${debs[0]}

control=$(dpkg-deb -f "$deb")
echo "$control" | sed 's/^/    /'
[ "$(dpkg-deb -f "$deb" Package)" = rwkv-desktop ] && ok "Package: rwkv-desktop" || bad "Package field"
version=$(sed -n 's/^project(rwkv_desktop VERSION \([0-9.]*\).*/\1/p' "$(dirname "$0")/../../CMakeLists.txt")
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] && ok "Version: $version" || bad "Version field ($version expected)"
[ "$(dpkg-deb -f "$deb" Architecture)" = "$(dpkg --print-architecture)" ] && ok "Architecture" || bad "Architecture"
depends=$(dpkg-deb -f "$deb" Depends)
# dpkg-shlibdeps: every library the binaries link, from the package that ships it (with a version).
for lib in libc6 libstdc++6 libqt6core6 libqt6gui6 libqt6qml6 libqt6quick6 libqt6network6 libqt6httpserver6 libsqlite3-0; do
    contains "$depends" "$lib (>=" && ok "Depends has $lib (from dpkg-shlibdeps)" || bad "Depends lacks $lib: $depends"
done
# Loaded at run time, so listed by hand.
for pkg in qml6-module-qtqml qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts \
           qml6-module-qtquick-dialogs qml6-module-qt-labs-folderlistmodel qml6-module-qtqml-workerscript qt6-qpa-plugins; do
    contains "$depends" "$pkg" && ok "Depends has $pkg" || bad "Depends lacks $pkg: $depends"
done
# Every Debian package named in Depends exists (apt knows it).
for pkg in $(sed 's/([^)]*)//g; s/[,|]/ /g' <<<"$depends"); do
    apt-cache show "$pkg" >/dev/null 2>&1 || bad "unknown package in Depends: $pkg"
done

tar -tzf "${tgzs[0]}" >"$tmp/tgz.list"
for f in bin/rwkv-desktop bin/rwkv-cli share/rwkv-desktop/tiny-rwkv7-834K.pth share/applications/$app_id.desktop; do
    grep -q "/$f\$" "$tmp/tgz.list" && ok "TGZ has $f" || bad "TGZ lacks $f"
done

# --- the DEB unpacked into a temporary root ---
root="$tmp/root"
dpkg-deb -x "$deb" "$root"
for f in usr/bin/rwkv-desktop usr/bin/rwkv-cli usr/share/rwkv-desktop/rwkv_vocab_v20230424.txt \
         usr/share/rwkv-desktop/tiny-rwkv7-834K.pth usr/share/rwkv-desktop/models.json \
         usr/share/applications/$app_id.desktop usr/share/metainfo/$app_id.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/$app_id.svg; do
    [ -s "$root/$f" ] && ok "DEB has /$f" || bad "DEB lacks /$f"
done
for size in 16 24 32 48 64 128 256 512; do
    png="$root/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png"
    # PNG: 8-byte signature, IHDR length and type, then width and height as 32-bit big-endian numbers.
    if [ -s "$png" ] && [ "$(od -An -tx1 -j1 -N3 "$png" | tr -d ' \n')" = 504e47 ] &&
       [ "$(od -An -tu4 --endian=big -j16 -N8 "$png" | xargs)" = "$size $size" ]; then
        ok "icon ${size}x${size}"
    else
        bad "icon ${size}x${size} missing or of the wrong size"
    fi
done

bin="$root/usr/bin"
v=$("$bin/rwkv-desktop" --version 2>&1) && contains "$v" "rwkv-desktop $version" && ok "rwkv-desktop --version: $v" ||
    bad "rwkv-desktop --version: $v"
h=$("$bin/rwkv-desktop" --help 2>&1) && contains "$h" "Interface language" && ok "rwkv-desktop --help (English)" ||
    bad "rwkv-desktop --help: $h"
h=$("$bin/rwkv-desktop" --lang zh_CN --help 2>&1) && contains "$h" "界面语言" && ok "rwkv-desktop --lang zh_CN --help is Chinese" ||
    bad "--lang zh_CN --help: $h"
h=$(RWKV_DESKTOP_LANG=zh_CN "$bin/rwkv-desktop" --help 2>&1) && contains "$h" "界面语言" && ok "RWKV_DESKTOP_LANG=zh_CN is Chinese" ||
    bad "RWKV_DESKTOP_LANG=zh_CN --help: $h"
h=$(LC_ALL=zh_CN.UTF-8 LANG=zh_CN.UTF-8 "$bin/rwkv-desktop" --help 2>&1) && contains "$h" "界面语言" &&
    ok "system locale zh_CN is Chinese" || bad "LC_ALL=zh_CN.UTF-8 --help: $h"
h=$("$bin/rwkv-desktop" --lang zh_TW --help 2>&1) && contains "$h" "介面語言" && ok "--lang zh_TW --help is Traditional Chinese" ||
    bad "--lang zh_TW --help: $h"
h=$(LC_ALL=zh_HK.UTF-8 LANG=zh_HK.UTF-8 "$bin/rwkv-desktop" --help 2>&1) && contains "$h" "介面語言" &&
    ok "system locale zh_HK is Traditional Chinese (zh_TW)" || bad "LC_ALL=zh_HK.UTF-8 --help: $h"
h=$("$bin/rwkv-desktop" --lang ja --help 2>&1) && contains "$h" "インターフェースの言語" && ok "--lang ja --help is Japanese" ||
    bad "--lang ja --help: $h"
h=$(LC_ALL=ja_JP.UTF-8 LANG=ja_JP.UTF-8 "$bin/rwkv-desktop" --help 2>&1) && contains "$h" "インターフェースの言語" &&
    ok "system locale ja_JP is Japanese" || bad "LC_ALL=ja_JP.UTF-8 --help: $h"
h=$(LC_ALL=zh_CN.UTF-8 "$bin/rwkv-desktop" --lang en --help 2>&1) && contains "$h" "Interface language" &&
    ok "--lang en overrides a Chinese system locale" || bad "--lang en --help: $h"
h=$("$bin/rwkv-cli" --help 2>&1) && contains "$h" generate && contains "$h" tokenize && ok "rwkv-cli --help" ||
    bad "rwkv-cli --help: $h"
check "rwkv-cli generate with the bundled demo model and vocabulary" \
    "$bin/rwkv-cli" generate --model "$root/usr/share/rwkv-desktop/tiny-rwkv7-834K.pth" --prompt hi --max-tokens 4 --seed 1
# The window, loading the demo model it finds in <root>/usr/share/rwkv-desktop, then a screenshot.
check "rwkv-desktop loads the bundled model from its share folder (offscreen window, screenshot)" \
    "$bin/rwkv-desktop" --data-dir "$tmp/data" --lang zh_CN --screenshot "$tmp/shot.png" --timeout 120
[ -s "$tmp/shot.png" ] && ok "screenshot written" || bad "no screenshot"

check "desktop-file-validate" desktop-file-validate "$root/usr/share/applications/$app_id.desktop"
check "appstreamcli validate --no-net" appstreamcli validate --no-net "$root/usr/share/metainfo/$app_id.metainfo.xml"
grep -q "^Exec=rwkv-desktop$" "$root/usr/share/applications/$app_id.desktop" && ok "Exec=rwkv-desktop" || bad "Exec line"
grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$root/usr/share/metainfo/$app_id.metainfo.xml" &&
    ok "metainfo launches the installed .desktop" || bad "metainfo launchable"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
