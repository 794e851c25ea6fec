// window_handoff.h — a second start on a data folder that an open RWKV Desktop holds brings that window forward instead
// of opening a notice behind it (session 36's trial: under Xvfb without a window manager the "already open" notice
// opened behind the running window and looked like a hang). The running app listens on a local socket named for its
// data folder; the second start asks it, and shows its own notice only when no answer comes (an older app, another
// user's). Tested by tests/e2e/test_data_folder_e2e.cpp (secondWindowOnTheSameFolderIsRefused).
#pragma once

#include <QObject>
#include <QString>

class QLocalServer;
class QWindow;

namespace rwkv::gui {

/// The local socket's name for `dataDir`: "rwkv-desktop-" and the first 16 hex digits of the SHA-256 of its canonical
/// path (symlinks and ".." resolved; its absolute path while it does not exist): one per folder and user, however the
/// folder is named (QLocalServer makes it in the temporary folder). Tested by tests/app/test_window_handoff.cpp.
QString handoffName(const QString& dataDir);

/// The running app's side: while it lives, a second start's request raises and activates the window (shown again
/// first when minimised; none yet while the app starts: it opens on top anyway) and is answered "forward". Prints
/// "window brought forward: a second start asked" on stdout.
class WindowHandoff : public QObject {
    Q_OBJECT
public:
    /// Listens for `dataDir` from now on, as soon as the folder's lock is taken (a socket left by a killed app is
    /// removed first: the caller holds the lock), so that a second start during this one's start is answered too.
    explicit WindowHandoff(const QString& dataDir, QObject* parent = nullptr);
    /// The window to bring forward, once it is made.
    void setWindow(QWindow* window) { window_ = window; }
    /// Whether it listens (false: no socket could be made; a second start then shows its notice).
    bool listening() const;

private:
    QLocalServer* server_ = nullptr;
    QWindow* window_ = nullptr;
};

/// The second start's side: asks the app holding `dataDir` to bring its window forward; true once it answered within
/// `timeoutMs` (the app answers from its event loop: a start that is busy loading answers late).
bool askToBringForward(const QString& dataDir, int timeoutMs = 5000);

}  // namespace rwkv::gui
