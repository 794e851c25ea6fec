// screenshot_hook_wait.cpp — ScreenshotHook's waits for the window (see screenshot_hook.h): each key, a scroll's line
// and the saved window come once the window has caught up with the step before, not a fixed time later (session 43).
#include "screenshot_hook.h"

#include <QElapsedTimer>
#include <QQmlEngine>
#include <QQmlIncubationController>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTimer>

#include <functional>
#include <utility>

#include "chat_controller.h"
#include "screenshot_report.h"

namespace rwkv::gui {

void ScreenshotHook::whenCaughtUp(int mostMs, std::function<void()> step, std::function<bool()> settled) {
    auto* poll = new QTimer(this);
    poll->setInterval(kCaughtUpPollMs);
    QElapsedTimer clock;
    clock.start();
    if (window_) window_->update();  // a frame even where nothing changed
    connect(poll, &QTimer::timeout, this,
            [this, poll, clock, framesBefore = framesShown_.load(), busy = false, pending = false, dialogWork = false, mostMs,
             step = std::move(step), settled = std::move(settled)]() mutable {
                // The app at work on another thread: what it ends there (a Stop's focus handed back) comes when it
                // comes, so the wait runs to its most, as the fixed wait did.
                // New chat from here copying on its thread: waited for (at most kForkMostMs past the most), then the new
                // chat opened drawn — two frames from its end, as from the call. Not under --screenshot-at, which saves
                // the window as it is at its time (the button's "Making the new chat…").
                if (!timed_ && chat_.forkingMessageId() != 0 && clock.elapsed() < mostMs + kForkMostMs) {
                    framesBefore = framesShown_.load();
                    pending = false;
                    if (window_) window_->update();
                    return;
                }
                busy = busy || appBusy();
                dialogWork = dialogWork || dialogPending();
                bool caughtUp = false;
                if (window_ && !busy && pending && !effectPending(mostMs)) {  // what it was (rows made, a drawer
                    pending = false;                                          // slid in) drawn: two frames more
                    framesBefore = framesShown_.load();
                    window_->update();
                } else if (window_ && !busy && !pending) {
                    // Two frames: the first may have been synced before this call (the threaded render loop), the
                    // second was laid out and drawn after it.
                    const int frames = framesShown_.load() - framesBefore;
                    if (frames == 1) window_->update();
                    if (frames >= 2) {
                        pending = effectPending(mostMs);
                        caughtUp = !pending && (!settled || settled());
                    }
                }
                if (!caughtUp && clock.elapsed() < mostMs) return;
                // Busy, the wait ran to its most; a drawer still sliding in or out then is waited for still (at most
                // kSlideMostMs more): the next step acted on it half-way, a click where its page's control was not yet
                // (test_settings_e2e::noteOfAChoiceDuringAReplyMovesNoRow: int8 pressed mid-slide, then where it had
                // come to rest; 2 runs of 4 on a loaded box until session 44).
                if (!caughtUp && popupSliding() && clock.elapsed() < mostMs + kSlideMostMs) return;
                // A scroll's list still moving then (a wheel's flick, drawn frame by frame) is waited for likewise (at
                // most kFlickMostMs more): its line read the view mid-flick, and the window saved later showed it
                // further on (test_scroll_e2e, session 53: 19 of 20 runs read a flick still going, 4 at once beside two
                // busy loops).
                if (!caughtUp && settled && listMoving() && clock.elapsed() < mostMs + kFlickMostMs) return;
                // A file or folder dialog still reading its folder or setting its rows' sizes is waited for likewise (at
                // most kDialogMostMs more): under load the saved window came before (test_file_dialogs_e2e, session 44:
                // "dialog row: none" in Import…, its folder not yet read; "m29.pth 1.95 KiB", Qt's size not yet set).
                // Its end drawn too (two frames, as above), where the app was not busy meanwhile.
                if (!caughtUp && (dialogPending() || (dialogWork && !busy)) && clock.elapsed() < mostMs + kDialogMostMs)
                    return;
                poll->stop();
                poll->deleteLater();
                step();
            });
    poll->start();
}

bool ScreenshotHook::appBusy() const {
    using State = rwkv::app::ChatController::ComposerState;
    if (const State state = chat_.composerState(); state == State::Generating || state == State::LoadingModel) return true;
    QQmlEngine* engine = window_ ? qmlEngine(window_) : nullptr;
    static const int importerType = qmlTypeId("RwkvDesktop.Core", 1, 0, "Importer");
    const QObject* importer = engine && importerType >= 0 ? engine->singletonInstance<QObject*>(importerType) : nullptr;
    return importer && importer->property("importing").toBool();
}

bool ScreenshotHook::effectPending(int mostMs) const {
    if (!window_) return false;
    const QQmlEngine* engine = qmlEngine(window_);
    if (const QQmlIncubationController* incubation = engine ? engine->incubationController() : nullptr;
        incubation && incubation->incubatingObjectCount() > 0)
        return true;  // rows still being made between frames
    if (dialogPending()) return true;
    return anyInWindow([mostMs](const QObject* object) {
        if (object->inherits("QQuickPopup")) return sliding(object);
        return object->inherits("QQmlTimer") && object->property("running").toBool() &&
               !object->property("repeat").toBool() && object->property("interval").toInt() <= mostMs;
    });
}

bool ScreenshotHook::dialogPending() const {
    if (!window_) return false;
    for (const QString& name : {QStringLiteral("fileDialogListView"), QStringLiteral("folderDialogListView")}) {
        const QQuickItem* list = findItem(window_->contentItem(), name);
        if (!list || !list->isVisible()) continue;
        // Qt's FolderListModel reads the folder on a thread of its own: its rows (and the current one) come once its
        // status is Ready (Null before the first read, Loading during one).
        if (const auto* folder = list->property("model").value<QObject*>()) {
            const QVariant status = folder->property("status");
            if (status.isValid() && status.toInt() != kFolderReady) return true;
        }
        // DialogRows' zero timer that sets the sizes of the rows made or changed (dialog_rows.cpp, watchFileSizes).
        if (const auto* sizes = list->findChild<QTimer*>(QStringLiteral("fileSizes"), Qt::FindDirectChildrenOnly);
            sizes && sizes->isActive())
            return true;
    }
    return false;
}

bool ScreenshotHook::sliding(const QObject* popup) {  // the Basic style's Drawer: ~200 ms in or out
    return popup->property("visible").toBool() && !popup->property("opened").toBool();
}

bool ScreenshotHook::popupSliding() const {
    return window_ && anyInWindow([](const QObject* object) { return object->inherits("QQuickPopup") && sliding(object); });
}

bool ScreenshotHook::anyInWindow(const std::function<bool(const QObject*)>& test) const {
    const std::function<bool(const QQuickItem*)> walk = [&](const QQuickItem* item) {
        for (const QObject* child : item->children())
            if (test(child)) return true;
        for (const QQuickItem* child : item->childItems())
            if (walk(child)) return true;
        return false;
    };
    for (const QObject* child : window_->children())  // Main.qml's own
        if (test(child)) return true;
    return walk(window_->contentItem());
}

bool ScreenshotHook::listMoving() {
    if (!settledList_ && window_) settledList_ = findItem(window_->contentItem(), QStringLiteral("messageList"));
    const QQuickItem* list = settledList_;
    return list && (list->property("moving").toBool() || list->property("flicking").toBool() ||
                    list->property("dragging").toBool());
}

bool ScreenshotHook::listSettled() {
    if (!settledList_ && window_) settledList_ = findItem(window_->contentItem(), QStringLiteral("messageList"));
    QQuickItem* list = settledList_;
    if (!list) return true;
    const qreal y = list->property("contentY").toReal();
    const int frames = framesShown_.load();
    if (y != settledY_) {
        settledY_ = y;
        settledFrames_ = 0;
        settledFrameMark_ = frames;
    } else if (frames != settledFrameMark_) {
        ++settledFrames_;
        settledFrameMark_ = frames;
    }
    if (listMoving()) return false;
    if (settledFrames_ >= 2) return true;
    window_->update();  // the next frame, to see whether it moves on
    return false;
}

void ScreenshotHook::captureWhenKeysDone() {
    if (captureDue_ && keys_.isEmpty() && lastKey_.isEmpty() && reportsDue_ == 0) captureAndQuit();
}

}  // namespace rwkv::gui
