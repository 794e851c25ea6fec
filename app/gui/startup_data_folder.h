// startup_data_folder.h — the data folder of this start (rwkv-desktop's main.cpp): --data-dir, else
// $RWKV_DESKTOP_DATA_DIR, else the folder chosen in Settings, else the standard one; a folder that cannot be used is
// explained in a start-up window (startup_error.h), which offers the standard folder or Try again. And the window that
// refuses a folder another process holds (data_folder_lock.h).
#pragma once

#include <QString>

#include <functional>
#include <optional>

class QGuiApplication;
class QTextStream;

namespace rwkv::app {
class AppSettings;
struct DataFolderLockHolder;
}  // namespace rwkv::app

namespace rwkv::gui {

struct GuiOptions;

/// The outcome of chooseDataFolder.
struct StartupFolder {
    QString dir = {};                      ///< the data folder of this start (empty only with exitCode set)
    std::function<QString()> notice = {};  ///< set when the standard folder stands in for Settings' choice: the banner's
                                           ///< sentence, made again in the language of the moment
    std::optional<int> exitCode = {};      ///< set: the start stops with this exit status (the user quit, no folder)
    QString made = {};                     ///< the topmost folder this start made for `dir` (rwkv::app::resolveDataDir),
                                           ///< empty when `dir` was there: removeMadeDataFolder's, if the start stops
};

/// Chooses the data folder (see above), tells `appSettings` the one in use (AppSettings::setActiveDataDir), and says on
/// `err` when the standard folder stands in. Shows the start-up windows a folder that cannot be used needs (none with
/// options.ifFolderUnusable "use-standard").
StartupFolder chooseDataFolder(QGuiApplication& app, const GuiOptions& options, rwkv::app::AppSettings& appSettings,
                               QTextStream& err);

/// The window that refuses `dataDir`, which another process holds (the lock's `holder` names it): rwkv-cli writing to
/// it, or another RWKV Desktop, whose window is brought forward where it answers (window_handoff.h). The folder is
/// named by its canonical path (links resolved), the one whose socket the running window listens on. Returns the exit
/// status: 0 when the running window was brought forward (what the user wanted: session 37's trial found exit 1),
/// else 1.
int refuseHeldFolder(QGuiApplication& app, const GuiOptions& options, const QString& dataDir,
                     const rwkv::app::DataFolderLockHolder& holder);

}  // namespace rwkv::gui
