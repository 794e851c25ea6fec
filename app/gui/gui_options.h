// gui_options.h — the rwkv-desktop command line: --version, --data-dir, --model, --lang, --catalog, --download,
// and the test hooks --send and --screenshot (used by tests/e2e/test_app_e2e.cpp).
#pragma once

#include <QString>
#include <QStringList>

class QCoreApplication;

namespace rwkv::gui {

struct GuiOptions {
    QString dataDir;     ///< --data-dir (else $RWKV_DESKTOP_DATA_DIR, else the platform's app data folder)
    QString modelPath;   ///< --model (else the bundled demo model)
    int apiPort = 0;     ///< --api-port: serve the local API on this port this run (0: as Settings says)
    QString sendText;    ///< --send: sent through ChatController once the model is loaded
    QString screenshot;  ///< --screenshot: PNG of the window after the reply, then quit
    int timeoutS = 120;  ///< --timeout: the test hooks give up (exit 2) after this many seconds
    int screenshotAtS = 0;  ///< --screenshot-at: save the window this many seconds after start instead; 0 = off
    QString language;    ///< --lang (else $RWKV_DESKTOP_LANG, else the system locale); read early by main.cpp
    QString catalog;     ///< --catalog: a models.json to use instead of the bundled one (own mirror, tests)
    QString downloadId;  ///< --download: start downloading this catalog model; load it once verified
    QStringList settings;  ///< --set KEY=VALUE (repeatable): applied like the Settings page once the window is up
    QString openPage;      ///< --open PAGE: "settings", "about", "models" or "presets" is shown once the window is up
    int replyPaceMs = 0;    ///< --reply-pace: test hook, a pause after each streamed piece of a reply; 0 = none
    int saveRetryMs = 0;    ///< --save-retry-ms: test hook, how often a reply not saved yet is tried again; 0 = 5 s
    QStringList keys;       ///< --keys: test hook, keys pressed in turn once the model is loaded (QKeySequence names)
    QStringList selectIds;  ///< --select ID (repeatable): test hook, opens these conversations in turn at start
    QStringList importFiles;  ///< --import FILE (repeatable): imports these conversation bundles at start, in turn,
                              ///< as Import… does (each its own line in the banner)
    QStringList searches;   ///< --search TEXT (repeatable): test hook, runs these sidebar searches in turn at start
    QString ifDamaged;      ///< --if-damaged: "ask" (default), "recover" or "move-aside" (no question) for a damaged database
    QString ifFolderUnusable;  ///< --if-folder-unusable: "ask" (default) or "use-standard" (no question) when the
                               ///< conversations folder chosen in Settings cannot be used
    QString startupClick;      ///< --startup-click: test hook, the button of the first start-up window to click
    QString startupClickWhen;  ///< --startup-click-when: the click waits until this file exists
    QStringList startupKeys;   ///< --startup-keys: test hook, keys pressed in the first start-up window instead
};

/// Parses the command line. Handles --help/--version itself (prints and exits) and exits with status 1 on
/// bad options, like QCommandLineParser::process.
GuiOptions parseGuiOptions(const QCoreApplication& app);

}  // namespace rwkv::gui
