// startup_error.h — a small window that explains why the app cannot start (data folder not writable,
// conversation database damaged or too new), so a user who started it from the desktop sees more than
// nothing. The message is also printed on stderr. For a damaged database it also offers to recover what can be read
// or to move the file aside and start with an empty history (main.cpp does the move and the recovery:
// store/damaged_database.h, store/database_recovery.h).
#pragma once

#include <QString>
#include <QStringList>

class QGuiApplication;

namespace rwkv::gui {

/// What the user chose in the startup error window.
enum class StartupChoice { Quit, StartFresh, Recover };

/// Shows `headline` and `detail` until the user quits; with a non-empty `freshStartLabel` a second button with
/// that text returns StartupChoice::StartFresh, with a non-empty `recoverLabel` a first one (highlighted then)
/// StartupChoice::Recover. With a non-empty `screenshotPath` (test hook) the window is saved there once drawn (active,
/// two frames presented) and the app quits (Quit).
StartupChoice showStartupError(QGuiApplication& app, const QString& headline, const QString& detail,
                               const QString& screenshotPath, const QString& freshStartLabel = {},
                               const QString& recoverLabel = {});

/// The colours of the start-up windows shown from now on: dark (the app's dark theme) or the light default. main.cpp
/// sets it from the theme saved in Settings (QSettings: readable without the database), "system" read from the
/// desktop's palette; before (session 32's brief) a damaged database's window was light for a user who chose dark.
void setStartupDark(bool dark);

/// Test hook (--startup-click TEXT, --startup-click-when FILE): the next start-up window shown clicks its button
/// `buttonText` with the mouse — a press and a release at the button's centre, delivered by the window as a user's
/// click — once the window is drawn and, when `whenFile` is not empty, once that file exists (a test frees the disk
/// first, then creates it). It prints "clicked: TEXT" on stdout. A window without that button stops the app with
/// exit status 1. Only one window is clicked: a later one waits for the user, or is saved by --screenshot.
void setStartupClick(const QString& buttonText, const QString& whenFile);

/// Test hook (--startup-keys KEYS): the next start-up window shown, once drawn, gets `keys` (Tab, Shift+Tab, Return,
/// Space, Escape…) one every 150 ms as a keyboard sends them, in place of a click. It prints "start-up focus: TEXT
/// (drawn|not drawn)" — the focused button's text and whether its focus outline shows, "none" without one — first and
/// "start-up focus after KEY: …" after each key.
void setStartupKeys(const QStringList& keys);

}  // namespace rwkv::gui
