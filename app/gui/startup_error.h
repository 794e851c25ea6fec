// startup_error.h — a small window that explains why the app cannot start (data folder not writable,
// conversation database damaged or too new), so a user who started it from the desktop sees more than
// nothing. The message is also printed on stderr.
#pragma once

#include <QString>

class QGuiApplication;

namespace rwkv::gui {

/// Shows `headline` and `detail` until the user quits; with a non-empty `screenshotPath` (test hook) the
/// window is saved there and the app quits at once. Returns the process exit status (1).
int showStartupError(QGuiApplication& app, const QString& headline, const QString& detail,
                     const QString& screenshotPath);

}  // namespace rwkv::gui
