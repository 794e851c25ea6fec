# CPack: `cpack -G DEB` / `cpack -G TGZ` in the build folder (after a Release build) packages what `cmake --install`
# installs: bin/rwkv-desktop, bin/rwkv-cli, share/rwkv-desktop (vocabulary, demo model, catalog), the .desktop
# file, the metainfo and the icons. The DEB's library dependencies come from dpkg-shlibdeps; QML modules and the
# Qt platform plugins are loaded at run time, so no linker sees them: they are listed here by hand.
set(CPACK_PACKAGE_NAME rwkv-desktop)
set(CPACK_PACKAGE_VENDOR "RWKV Desktop developers")
set(CPACK_PACKAGE_CONTACT "RWKV Desktop developers <rwkv-desktop@users.noreply.example>"
    CACHE STRING "Maintainer of the DEB package")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Chat with RWKV-7 language models on your computer")
set(CPACK_PACKAGE_DESCRIPTION
    "RWKV Desktop is a native Qt chat app for RWKV-7 language models with its own inference engine.\n\
Conversations are saved together with the model's recurrent state, so a chat you reopen continues instantly.\n\
Includes rwkv-cli (eval, generate, chat, tokenize, bench) and a tiny demo model.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_INSTALL_DIRECTORY rwkv-desktop)
set(CPACK_GENERATOR "DEB;TGZ" CACHE STRING "Generators that plain `cpack` runs")
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_GENERATOR "")

# DEB
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # rwkv-desktop_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
# What a trace of the running app loads (QML_IMPORT_TRACE=1), by owning package; QtQuick.Dialogs' own FileDialog
# imports Qt.labs.folderlistmodel.
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "qml6-module-qtqml, qml6-module-qtquick, qml6-module-qtquick-controls, qml6-module-qtquick-templates, \
qml6-module-qtquick-layouts, qml6-module-qtquick-window, qml6-module-qtquick-dialogs, \
qml6-module-qt-labs-folderlistmodel, qml6-module-qtqml-workerscript, qt6-qpa-plugins")
# Fonts for the Chinese interface and for the two emoji in the sidebar (the Trash button's 🗑, a pinned chat's 📌):
# without a colour-emoji font, as on a minimal Debian 12, they are drawn as empty boxes. Amiri (fonts-hosny-amiri, 0.6 MB)
# for the Arabic ligatures no other of them has: ﷽ (U+FDFD) in a message was a box (docs/gui.md). FreeFont
# (fonts-freefont-ttf, 2.5 MB) for the combining marks DejaVu lacks: U+0354 and U+0355 were boxes (docs/gui.md).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
    "fonts-noto-cjk, fonts-noto-color-emoji, fonts-hosny-amiri, fonts-freefont-ttf, qt6-translations-l10n")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# TGZ: a relocatable tree (bin/, share/) — the binaries find share/rwkv-desktop relative to themselves.
set(CPACK_ARCHIVE_FILE_NAME "${CPACK_PACKAGE_NAME}-${PROJECT_VERSION}-${CMAKE_SYSTEM_NAME}-${CMAKE_SYSTEM_PROCESSOR}")

include(CPack)
