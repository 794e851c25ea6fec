// startup_error.h — a small window that explains why the app cannot start (data folder not writable,
// conversation database damaged or too new), so a user who started it from the desktop sees more than
// nothing. The message is also printed on stderr. For a damaged database it also offers to move the file aside
// and start with an empty history (main.cpp does the move: store/damaged_database.h).
#pragma once

#include <QString>

class QGuiApplication;

namespace rwkv::gui {

/// What the user chose in the startup error window.
enum class StartupChoice { Quit, StartFresh };

/// Shows `headline` and `detail` until the user quits; with a non-empty `freshStartLabel` a second button with
/// that text returns StartupChoice::StartFresh. With a non-empty `screenshotPath` (test hook) the window is saved
/// there and the app quits at once (Quit).
StartupChoice showStartupError(QGuiApplication& app, const QString& headline, const QString& detail,
                               const QString& screenshotPath, const QString& freshStartLabel = {});

}  // namespace rwkv::gui
