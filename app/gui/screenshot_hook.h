// screenshot_hook.h — the --send/--screenshot test hook: once the model is loaded it sends a message through
// ChatController::send (the Send button's path) — as the message box would send it typed: its bidi embeddings,
// overrides and isolates left out ("send left out: U+202E …") —, waits for the reply, saves the window as PNG and quits.
// Exit status: 0 saved, 1 failure (load, send, reply or save), 2 timed out; on a failure the window is still saved
// (it shows the error banner), which helps to debug. A model that fails while another loads in its place (the demo
// model standing in at start, main.cpp) is no failure: the hook waits for that one. Used by tests/e2e/test_app_e2e.cpp.
// Its parts: screenshot_hook.cpp (its course: the load, the reply, an import, a failure), screenshot_hook_keys.cpp
// (--keys), screenshot_hook_capture.cpp (the saved window and the lines that describe it), screenshot_hook_wait.cpp
// (the waits for the window to catch up); what it reads of the items: screenshot_report.h.
#pragma once

#include <functional>

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <atomic>

class QImage;
class QQuickItem;
class QQuickWindow;

namespace rwkv::app {
class ChatController;
}

namespace rwkv::gui {

class ScreenshotHook : public QObject {
    Q_OBJECT
public:
    /// An empty `sendText` takes the screenshot right after the model loaded; an empty `file` just quits.
    ScreenshotHook(rwkv::app::ChatController& chat, QQuickWindow* window, QString sendText, QString file,
                   int timeoutS, QObject* parent = nullptr);

    /// Gives up with exit status 1 (e.g. the --download hook's download failed); the window is still saved.
    void abort(const QString& why) { fail(why); }
    /// --download: the model loaded at start (the demo model, which answers meanwhile) is not the one to wait
    /// for; the hook acts when the downloaded file given to expectModel() has loaded (or failed to).
    void awaitDownloadedModel() { awaitingDownload_ = true; }
    void expectModel(const QString& path) { awaitedPath_ = path; }
    /// The start has run (--select, --search, --import) and no model is loading or will load (none chosen and no demo
    /// model: the resources folder missing): the hook goes on as after a load — the keys, then the window is saved —
    /// instead of waiting its whole --timeout (exit 2) for a load that never comes. A --send has no model to send
    /// with: exit status 1. Nothing happens when a load has been heard of or a download is awaited.
    void noModelLoads();
    /// --import: an import will run (main.cpp, before the model's load starts beside it): the hook's steps after a
    /// load (or noModelLoads) wait for importEnds().
    void awaitImport() { importRunning_ = true; }
    /// --import's import is about to run (main.cpp: once the window has drawn its "Importing …" note): prints
    /// "before the import: N frames, import banner: TEXT" (the frames presented so far and the banner's text) and
    /// "model while importing: STATUS" (the status line's model text: the model loads meanwhile, since session 32).
    void importStarts();
    /// --import's import has shown its outcome: prints "import done: the window's longest wait N ms of the import's
    /// M ms" — the longest gap between the turns of a 10 ms timer on the GUI thread from importStarts() on (the whole
    /// import when it held that thread, as until session 31), and the time since importStarts() —, then takes the
    /// steps that waited for it.
    void importEnds();
    /// --screenshot-at: saves the window `seconds` after start instead (exit status 0), whatever is on screen then
    /// (a download in progress, a reply half written); the model loading or a reply finishing no longer saves it.
    /// With --keys, not before the last key was pressed and its line printed ("after KEY: …", "top message after
    /// WheelUp: …" once a scroll has settled): the keys start once the model has loaded, which on a loaded machine can
    /// come so late that a window saved at its time missed the keys' lines (the e2e tests count S from the start).
    void captureAfter(int seconds) {
        timed_ = true;
        QTimer::singleShot(seconds * 1000, this, [this] {
            captureDue_ = true;
            captureWhenKeysDone();
        });
    }
    /// With captureAfter(): a SIGUSR1 to the app brings that time forward (the window is saved as then, once the keys
    /// are done), for a test that waits for a state it can read (a reply stored, a line on stdout) rather than for a
    /// time long enough on a busy machine (tests/e2e/desktop_process.h, captureNow). Set before a model has loaded
    /// (main.cpp); a SIGUSR1 before it ends the app, the signal's default.
    void captureOnSignal();

    /// --keys: pressed in turn (QKeySequence names) once the model is loaded (with --send: once the reply has come, or
    /// stays on screen unsaved: a full disk), before the window is saved; sent to the
    /// window as key events, so they reach the focused item (application shortcuts such as Ctrl+N do not fire;
    /// Shortcut:KEY sends KEY through the window's shortcuts first, as the window system does: Qt's file dialogs'
    /// Ctrl+L, which opens their path field, is one). Each
    /// once the window has caught up with the one before (whenCaughtUp: a frame presented, no row still being made, no
    /// short QML Timer still to fire; at most kKeyIntervalMs, as until session 43 always), the first likewise after
    /// the load: the window lays out and draws in between (a ListView makes the messages a key scrolled to), which keys
    /// sent in one go never let it do. Wait:MS holds still for MS milliseconds, as a person who waits: where the time
    /// itself is the point (a tooltip's delay passed, a reply streaming on before Close). WaitFile:PATH holds still
    /// until the file PATH exists (polled every 50 ms; after 120 s the hook fails): a test's signal that something
    /// outside the window has happened (test_api_wait_e2e: its Local API request is being written).
    /// Three names among the keys scroll the message list with the mouse instead, as a person scrolls to read:
    /// WheelUp and WheelDown turn the wheel one notch (angle 120) over it, ScrollBarUp drags its scroll bar's handle
    /// 150 px up (press, move, release). Once the list has stopped moving (not moving, the same place in two frames; at
    /// most kWheelSettleMs later, and where a reply was being written meanwhile that long, then a flick still going on
    /// waited for, at most kFlickMostMs more) the hook prints
    /// "top message after WheelUp: ROW" (the row of the first message in view) and "list moving after WheelUp: no"
    /// ("yes": still moving when the wait gave up); the saved window's
    /// "top message in view: ROW" then says whether the view stayed where the user put it.
    /// DragDown and DragUp drag the messages themselves 200 px with the mouse (press on the list, 10 moves 30 ms apart,
    /// held still 200 ms, release: no flick after it), as on a touch screen: DragDown brings older messages into view. SelectInReply drags the mouse across the
    /// first line of the newest message's text as a hand does (press near its start, 20 px to the right every 100 ms,
    /// released after kSelectDragMs), as a user selects a few words of a reply still being written; at the release the
    /// hook prints "view moved while selecting: N px" (how far the pressed text moved up in the window), a second later
    /// "selected after SelectInReply: N" (the characters selected in the item that has the focus), and the saved
    /// window's "selected: N" says whether the selection lasted while the reply streamed on. Click:NAME clicks the
    /// visible item of that objectName with the mouse (press and release at its centre; fails when there is none),
    /// RightClick:NAME with the right button, MiddleClick:NAME with the middle one (X11: pastes the selection);
    /// Close closes the window as its title bar's ✕ does (a close event: the window may ask first, Main.qml).
    /// ClipboardToSelection makes the clipboard's text X11's selection, as selecting it in another program does. The
    /// saved window comes with "clipboard: TEXT" (the clipboard's text, line breaks written \n), "message box: N
    /// characters" and "pasted beside the box: N characters" (a long paste held above the box, Composer.qml), and
    /// while the Edit dialog is open "edit box: N characters" and "held in the edit dialog: N characters".
    /// From the first Return on, every frame is checked for the view being away from the newest message (the last
    /// row: the new turn once it is shown): its top more than a view's height below the view's foot, or not made at
    /// all. The saved window comes with "newest message out of view after Return: N frames, longest M ms" (M: how long
    /// such frames stayed on screen, to the next frame near it or to the capture), and "top message ids after Return:
    /// ID ID …" (the message at the view's top in those frames, each change once). A Send in a conversation shown at
    /// its end should give 0 frames: the view stays at the end and follows the new turn; an Edit far up shows no frame
    /// of the old branch's end.
    void setKeys(QStringList keys) { keys_ = std::move(keys); }
    /// MS of Wait:MS among --keys (milliseconds, 0 or more), or -1 for any other key.
    static int waitMs(const QString& key) {
        bool ok = false;
        const int ms = key.startsWith(QLatin1String("Wait:"), Qt::CaseInsensitive) ? key.mid(5).toInt(&ok) : -1;
        return ok && ms >= 0 ? ms : -1;
    }
    static bool isWait(const QString& key) { return waitMs(key) >= 0; }
    static bool isWaitFile(const QString& key) {
        return key.startsWith(QLatin1String("WaitFile:"), Qt::CaseInsensitive) && key.size() > 9;
    }
    static bool isScroll(const QString& key) {
        for (const char* name : {"WheelUp", "WheelDown", "ScrollBarUp", "ScrollBarTop", "ScrollBarBottom", "DragUp",
                                 "DragDown", "SelectInReply"})
            if (key.compare(QLatin1String(name), Qt::CaseInsensitive) == 0) return true;
        return (key.startsWith(QLatin1String("Click:")) && key.size() > 6) ||
               (key.startsWith(QLatin1String("RightClick:")) && key.size() > 11) ||
               (key.startsWith(QLatin1String("MiddleClick:")) && key.size() > 12) ||
               (key.startsWith(QLatin1String("Hover:")) && key.size() > 6);  // the pointer moved onto NAME
    }
    /// The most a key waits for the window to catch up with the key before it (whenCaughtUp); until session 43 every
    /// key waited this long.
    static constexpr int kKeyIntervalMs = 150;
    static constexpr qint64 kWaitFileMs = 120000;  // WaitFile:PATH gives up after this long
    /// The most a scroll waits for the list to stop moving before its line is printed; until session 43 always this long.
    static constexpr int kWheelSettleMs = 1000;
    /// The most the window waits to be saved after the last step (whenCaughtUp); until session 43 always this long.
    static constexpr int kCaptureWaitMs = 400;
    static constexpr int kSelectDragMs = 1000;  ///< how long SelectInReply holds the button
    static constexpr int kDragMs = 510;  ///< how long DragUp / DragDown hold it (10 moves 30 ms apart, then 200 ms still)

private:
    /// Runs `step` once the window has caught up with what was done before this call: two frames presented since (the
    /// items laid out and drawn: a ListView has made the rows a key scrolled to), then no effect still to come
    /// (effectPending: a row being made, a short QML Timer, a drawer sliding, a file dialog at work (dialogPending); two
    /// frames more once one ended) and,
    /// when given, `settled` true. At most `mostMs` after this call (a window that presents nothing: closed, hidden),
    /// and that long whenever the app was busy on another thread meanwhile (appBusy). These conditions, polled every
    /// 10 ms, replaced the fixed waits of `mostMs` each (session 43: the keys' 150 ms, the saved window's 400 ms, a
    /// scroll's second), which were most of a start of the app under the e2e tests.
    void whenCaughtUp(int mostMs, std::function<void()> step, std::function<bool()> settled = {});
    /// Whether the app works on another thread at what the last step asked for: a reply being written (a Stop's end, the
    /// focus then handed back), a model loading, an import (Import…'s file read on a thread of its own). The caught-up
    /// wait then runs to its end, as the fixed waits did.
    bool appBusy() const;
    /// Whether an effect of the last step is still to come in the window: a delegate still being made (the QML
    /// engine's incubation, between frames), a QML Timer that fires once, within `mostMs`,
    /// runs, a popup is in its enter or exit transition (visible, not `opened`: the Settings and Models drawers slide
    /// in, ~200 ms; a page read while it slid in was cut at the window's edge), or a file dialog is at work
    /// (dialogPending).
    bool effectPending(int mostMs) const;
    /// Whether a popup is in its enter or exit transition (a drawer sliding): whenCaughtUp waits for its end also where
    /// the app was busy (at most kSlideMostMs past its most).
    bool popupSliding() const;
    static bool sliding(const QObject* popup);  ///< visible, not `opened`
    /// Whether `test` holds for an object of the window's: Main.qml's own children, the items and their children.
    bool anyInWindow(const std::function<bool(const QObject*)>& test) const;
    static constexpr int kSlideMostMs = 1000;
    /// Whether the message list is moving (a wheel's flick, a drag): whenCaughtUp with `settled` waits for its end also
    /// where the app was busy (at most kFlickMostMs past its most). A wheel's flick is drawn frame by frame: on a
    /// loaded box it outlasts the second a scroll waited while a reply was written, and the scroll's line read the view
    /// still moving (session 53: test_scroll_e2e::scrolledUpViewStaysWhileAReplyStreams, once under ctest -j2).
    bool listMoving();
    static constexpr int kFlickMostMs = 5000;
    /// How much longer whenCaughtUp waits while New chat from here copies its chat (ChatController::forkingMessageId).
    static constexpr int kForkMostMs = 60000;
    /// Whether an open file or folder dialog is still at work on what it shows: its folder being read (Qt's
    /// FolderListModel, on a thread: no rows yet, no current row) or the sizes of rows just made not yet set
    /// (DialogRows' zero timer "fileSizes": Qt's own "1.95 KiB" until then). whenCaughtUp waits for it also past its
    /// most (at most kDialogMostMs more), and the window is saved again when the grab itself made rows (captureAndQuit).
    bool dialogPending() const;
    static constexpr int kDialogMostMs = 5000;
    static constexpr int kFolderReady = 1;  ///< FolderListModel.Ready (Null 0, Loading 2)
    static constexpr int kMostRegrabs = 3;  ///< captureAndQuit: grabs again while the grab made dialog rows
    int regrabs_ = 0;
    /// Whether the message list has stopped moving: not flicked, dragged or moving, and the same contentY in the last
    /// two frames presented (a page read above, the view put back where it was, takes a frame or two).
    bool listSettled();
    qreal settledY_ = -1e9;       // listSettled(): the contentY it saw last
    int settledFrames_ = 0;       // frames presented with that contentY
    int settledFrameMark_ = -1;   // framesShown_ when it last looked
    QPointer<QQuickItem> settledList_;  // the message list listSettled() looks at (found once)
    bool nextKeyAfterReport_ = false;   // a drag's next key waits for its line (reportDone)
    bool keysStarted_ = false;          // pressNextKey() has run: a reply's end does not start the keys again
    static constexpr int kCaughtUpPollMs = 10;
    int activateTries_ = 0;  // a Shortcut:KEY waiting for the window to become active (pressNextKey)
    QString hovered_;        // the item of the last Hover:NAME: the saved window's "tooltip:" line is its tooltip's
    void onModelLoadFinished(bool ok);
    /// Presses the first of keys_, then again kKeyIntervalMs later; once none is left, saves the window.
    void pressNextKey();
    /// Scrolls the message list as --keys WheelUp, WheelDown or ScrollBarUp (`name`) says.
    void scrollMessages(const QString& name);
    /// The number of characters selected in the item that has the keyboard focus (a reply's text after a drag), or 0.
    int selectedLength() const;
    /// A frame is about to be drawn (QQuickWindow::afterAnimating, GUI thread, after the items' layout): once a Return
    /// was pressed, counts the frames without the newest message in view and how long they stayed on screen.
    void onFrame();
    void onReplyCompleted(bool ok);
    /// Saves the window after a few frames, then exits with `code` (screenshot_hook_capture.cpp).
    void captureAndQuit(int code = 0);
    /// The saved window's lines, printed by captureAndQuit after the grab (window_ set), one function a part of the
    /// window, in this order: the window itself and its focus (`image`, the grab: whether the focus outline is drawn);
    /// the chat page (the message box, the banners, the header, the sidebar, the Edit dialog); the file and folder
    /// dialogs, the Rename dialog, the questions and the trash dialog; the Settings page, the conversation menu, the
    /// tooltips, the device detail and the file dialog's accept button; the message list; the Models page.
    void reportWindow(const QImage& image);
    void reportChat();
    void reportDialogs();
    void reportSettingsAndPopups();
    void reportMessageList();
    void reportModelsPage();
    /// --screenshot-at's time has come (captureDue_): saves the window once no key is left and no line of one is due.
    void captureWhenKeysDone();
    /// A line about a scroll key is printed (or will not be): one fewer due; the saved window may follow.
    void reportDone();
    void fail(const QString& why, int code = 1);
    void waitForFile(const QString& path, qint64 deadline_ms);  // WaitFile:PATH (steady clock ms)

    rwkv::app::ChatController& chat_;
    QPointer<QQuickWindow> window_;
    QString sendText_;
    QStringList keys_;
    int selectTries_ = 0;  ///< SelectInReply waits up to 5 s for the newest message's first words
    QString lastKey_;  ///< the key pressed last (not a scroll): the next step prints "after KEY: top message ROW, …"
    QString file_;
    QTimer timeout_;
    bool sent_ = false;
    bool loadHeard_ = false;  ///< modelLoadFinished came (noModelLoads() then does nothing)
    bool awaitingDownload_ = false;
    QString awaitedPath_;
    bool quitting_ = false;
    bool timed_ = false;  ///< captureAfter() was called: only its timer (or a failure) saves the window
    bool captureDue_ = false;  ///< captureAfter()'s time has come; the window is saved once the keys are done
    int reportsDue_ = 0;       ///< scroll keys whose "top message after …" / "selected after …" line is still to come
    bool watchingFrames_ = false;  ///< a Return was pressed: onFrame() checks every frame from then on
    QPointer<QQuickItem> frameList_;  ///< the message list onFrame() looks at (found once)
    QElapsedTimer frameClock_;     ///< since that Return
    bool importRunning_ = false;          ///< between awaitImport() and importEnds()
    std::function<void()> afterImport_;  ///< the step a load (or noModelLoads) asked for meanwhile
    QTimer importTick_;                ///< 10 ms, from importStarts() to importEnds()
    QElapsedTimer importGap_;          ///< since its last turn
    QElapsedTimer importClock_;        ///< since importStarts()
    qint64 importLongestGapMs_ = 0;
    std::atomic<int> framesShown_{0};  ///< frames the window presented (QQuickWindow::frameSwapped, render thread)
    int awayFrames_ = 0;           ///< frames drawn without the newest message in view
    qint64 awaySinceMs_ = -1;      ///< when the current run of such frames began (-1: the last frame showed it)
    qint64 longestAwayMs_ = 0;     ///< the longest such run, to the next frame with it in view
    QList<qint64> topIds_;         ///< the message at the view's top in the frames since that Return, as it changed
};

}  // namespace rwkv::gui
