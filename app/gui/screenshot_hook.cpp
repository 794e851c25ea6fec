// screenshot_hook.cpp — see screenshot_hook.h.
#include "screenshot_hook.h"

#include <QClipboard>
#include <QColor>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QDateTime>
#include <QImage>
#include <QKeyEvent>
#include <QMap>
#include <QKeySequence>
#include <QPointer>
#include <QQmlContext>
#include <QQmlProperty>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSocketNotifier>
#include <QTextStream>
#include <QWheelEvent>

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <csignal>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <utility>

#include "chat_controller.h"
#include "dialog_rows.h"
#include "screenshot_report.h"
#include "synthetic_mouse.h"

// QtGui's own entry for QTest's key clicks (declared by <QtTest/qtestkeyboard.h>, exported by libQt6Gui): a
// ShortcutOverride to the focused item, then the window's shortcut map, as a key from the window system meets them.
// True when a shortcut took the key.
Q_GUI_EXPORT bool qt_sendShortcutOverrideEvent(QObject* o, ulong timestamp, int k, Qt::KeyboardModifiers mods,
                                               const QString& text = QString(), bool autorep = false, ushort count = 1);

namespace rwkv::gui {

ScreenshotHook::ScreenshotHook(rwkv::app::ChatController& chat, QQuickWindow* window, QString sendText, QString file,
                               int timeoutS, QObject* parent)
    : QObject(parent), chat_(chat), window_(window), sendText_(std::move(sendText)), file_(std::move(file)) {
    connect(&chat_, &rwkv::app::ChatController::modelLoadFinished, this, &ScreenshotHook::onModelLoadFinished);
    connect(&chat_, &rwkv::app::ChatController::replyCompleted, this, &ScreenshotHook::onReplyCompleted);
    timeout_.setSingleShot(true);
    connect(&timeout_, &QTimer::timeout, this, [this, timeoutS] {
        fail(QStringLiteral("timed out after %1 s").arg(timeoutS), 2);
    });
    timeout_.start(timeoutS * 1000);
    if (window_)
        connect(window_, &QQuickWindow::frameSwapped, this, [this] { ++framesShown_; }, Qt::DirectConnection);
}

namespace {
int captureSignalPipe[2] = {-1, -1};  // SIGUSR1's handler writes a byte, the GUI thread reads it (captureOnSignal)
void onCaptureSignal(int) {
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(captureSignalPipe[1], &byte, 1);
}
}  // namespace

void ScreenshotHook::captureOnSignal() {
    if (captureSignalPipe[0] >= 0 || ::pipe2(captureSignalPipe, O_CLOEXEC | O_NONBLOCK) != 0) return;
    auto* notifier = new QSocketNotifier(captureSignalPipe[0], QSocketNotifier::Read, this);
    connect(notifier, &QSocketNotifier::activated, this, [this] {
        char byte = 0;
        while (::read(captureSignalPipe[0], &byte, 1) > 0) {
        }
        captureDue_ = true;
        captureWhenKeysDone();
    });
    struct sigaction action {};
    action.sa_handler = onCaptureSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGUSR1, &action, nullptr);
}

void ScreenshotHook::importStarts() {
    const QQuickItem* message = window_ ? findNamed(window_->contentItem(), QStringLiteral("importMessage")) : nullptr;
    QTextStream(stdout) << "before the import: " << framesShown_.load() << " frames, import banner: "
                        << (message && message->isVisible() ? message->property("text").toString() : QString())
                        << "\n"
                        << "model while importing: " << chat_.modelStatus() << "\n";
    // What the frames before the import showed in an empty sidebar (the import has not written its conversation).
    const QQuickItem* empty = window_ ? findNamed(window_->contentItem(), QStringLiteral("emptyLibraryText")) : nullptr;
    QTextStream(stdout) << "sidebar before the import: "
                        << (empty && empty->isVisible() ? empty->property("text").toString().replace(u'\n', u' ')
                                                        : QStringLiteral("(no empty-library text)"))
                        << "\n";
    importClock_.start();
    importGap_.start();
    importTick_.setInterval(10);
    connect(&importTick_, &QTimer::timeout, this, [this] {
        importLongestGapMs_ = std::max(importLongestGapMs_, importGap_.restart());
    });
    importTick_.start();
}

void ScreenshotHook::importEnds() {
    importTick_.stop();
    importLongestGapMs_ = std::max(importLongestGapMs_, importGap_.restart());
    QTextStream(stdout) << "import done: the window's longest wait " << importLongestGapMs_ << " ms of the import's "
                        << importClock_.elapsed() << " ms\n";
    importRunning_ = false;
    if (const std::function<void()> step = std::exchange(afterImport_, nullptr)) step();
}

void ScreenshotHook::noModelLoads() {
    if (loadHeard_ || awaitingDownload_ || quitting_) return;
    if (importRunning_) {
        afterImport_ = [this] { noModelLoads(); };
        return;
    }
    QTextStream(stdout) << "model: none (no model loads)\n";
    if (!chat_.errorText().isEmpty()) QTextStream(stdout) << "notice: " << chat_.errorText() << "\n";
    if (!sendText_.isEmpty()) return fail(QStringLiteral("no model to send with"));
    whenCaughtUp(kKeyIntervalMs, [this] { pressNextKey(); });
}

void ScreenshotHook::onModelLoadFinished(bool ok) {
    loadHeard_ = true;
    // The --import still runs (the model loads beside it): the last load's step waits for it (a failed start model
    // and the demo model loaded in its place: the demo model's).
    if (importRunning_) {
        afterImport_ = [this, ok] { onModelLoadFinished(ok); };
        return;
    }
    if (awaitingDownload_ && (awaitedPath_.isEmpty() || chat_.loadingModelPath() != awaitedPath_)) {
        QTextStream(stdout) << "model while downloading: " << (ok ? chat_.modelStatus() : chat_.errorText()) << "\n";
        return;
    }
    if (!ok && chat_.composerState() == rwkv::app::ChatController::ComposerState::LoadingModel) {
        // Another model (the demo model, main.cpp) is already loading in its place: act once that one has loaded.
        QTextStream(stdout) << "model did not load; another loads in its place\n";
        return;
    }
    if (!ok) return fail(QStringLiteral("model did not load: ") + chat_.errorText());
    QTextStream(stdout) << "model: " << chat_.modelStatus() << "\n";  // the e2e test checks the backend used
    if (!chat_.errorText().isEmpty()) QTextStream(stdout) << "notice: " << chat_.errorText() << "\n";
    if (sendText_.isEmpty()) {
        whenCaughtUp(kKeyIntervalMs, [this] { pressNextKey(); });
        return;
    }
    if (sent_) return;
    sent_ = true;
    if (!chat_.send(sendText_)) fail(QStringLiteral("send refused: ") + chat_.errorText());
}

int ScreenshotHook::selectedLength() const {
    const QQuickItem* focus = window_ ? window_->activeFocusItem() : nullptr;
    return focus ? static_cast<int>(focus->property("selectedText").toString().size()) : 0;
}

void ScreenshotHook::pressNextKey() {
    if (!lastKey_.isEmpty() && window_) {  // where the previous key left the view and the focus
        QQuickItem* list = findItem(window_->contentItem(), QStringLiteral("messageList"));
        const QQuickItem* focus = window_->activeFocusItem();
        QTextStream(stdout) << "after " << lastKey_ << ": top message " << topRow(list) << ", contentY "
                            << (list ? qRound(list->property("contentY").toReal()) : 0) << ", focus "
                            << (!focus ? QStringLiteral("none")
                                : !focus->objectName().isEmpty() ? focus->objectName()
                                                                : QString::fromLatin1(focus->metaObject()->className()))
                            << "\n";
    }
    lastKey_.clear();
    keysStarted_ = true;
    if (keys_.isEmpty() || !window_) {
        if (!timed_) captureAndQuit();
        else captureWhenKeysDone();
        return;
    }
    const QString name = keys_.takeFirst();
    if (name.compare(QLatin1String("ClipboardToSelection"), Qt::CaseInsensitive) == 0) {
        // What selecting the clipboard's text in another program does: it becomes X11's selection (a middle click pastes it).
        if (QClipboard* clipboard = QGuiApplication::clipboard(); clipboard && clipboard->supportsSelection())
            clipboard->setText(clipboard->text(), QClipboard::Selection);
        else
            return fail(QStringLiteral("--keys ClipboardToSelection: this platform has no selection"));
        whenCaughtUp(kKeyIntervalMs, [this] { pressNextKey(); });
        return;
    }
    if (name.startsWith(QLatin1String("Wait:"), Qt::CaseInsensitive)) {  // the user holds still for MS
        const int ms = waitMs(name);
        if (ms < 0) return fail(QStringLiteral("--keys %1: Wait:MS needs a number of milliseconds").arg(name));
        QTimer::singleShot(ms, this, &ScreenshotHook::pressNextKey);
        return;
    }
    if (name.compare(QLatin1String("Close"), Qt::CaseInsensitive) == 0) {  // the title bar's ✕ (a close event)
        lastKey_ = name;
        window_->close();
        whenCaughtUp(kKeyIntervalMs, [this] { pressNextKey(); });
        return;
    }
    if (isScroll(name)) {
        if (!name.contains(u':')) ++reportsDue_;  // Click:NAME prints nothing of its own
        scrollMessages(name);
        // SelectInReply: the next key once the button is let go (its line comes a second later, the reply streaming on).
        if (name.compare(QLatin1String("SelectInReply"), Qt::CaseInsensitive) == 0)
            QTimer::singleShot(kKeyIntervalMs + kSelectDragMs, this, &ScreenshotHook::pressNextKey);
        // DragUp / DragDown, ScrollBarTop / ScrollBarBottom: the next key once the view has settled (a long
        // conversation's older page read) and its line is printed (reportDone).
        else if (name.startsWith(QLatin1String("Drag"), Qt::CaseInsensitive) ||
                 name.compare(QLatin1String("ScrollBarTop"), Qt::CaseInsensitive) == 0 ||
                 name.compare(QLatin1String("ScrollBarBottom"), Qt::CaseInsensitive) == 0)
            nextKeyAfterReport_ = true;
        else
            whenCaughtUp(kKeyIntervalMs, [this] { pressNextKey(); });
        return;
    }
    lastKey_ = name;
    // Shortcut:KEY — the key as the window system delivers it: a shortcut (Qt's dialogs' Ctrl+L) takes it first.
    static const QLatin1String kShortcut("Shortcut:");
    const bool viaShortcuts = name.startsWith(kShortcut, Qt::CaseInsensitive);
    // A window shortcut fires only in the active window; Xvfb has no window manager to make it so: asked for here, and
    // the key waits for it (at most a second).
    if (viaShortcuts && QGuiApplication::focusWindow() != window_ && activateTries_ < 20) {
        if (activateTries_++ == 0) window_->requestActivate();
        keys_.prepend(name);
        lastKey_.clear();
        QTimer::singleShot(50, this, &ScreenshotHook::pressNextKey);
        return;
    }
    activateTries_ = 0;
    const QKeyCombination combination = QKeySequence(viaShortcuts ? name.mid(kShortcut.size()) : name)[0];
    if ((combination.key() == Qt::Key_Return || combination.key() == Qt::Key_Enter) && !watchingFrames_) {
        watchingFrames_ = true;
        frameClock_.start();
        connect(window_, &QQuickWindow::afterAnimating, this, &ScreenshotHook::onFrame);
    }
    // A keyboard's Shift+Tab arrives as Backtab.
    const bool backtab = combination.key() == Qt::Key_Tab && (combination.keyboardModifiers() & Qt::ShiftModifier);
    const int key = backtab ? Qt::Key_Backtab : combination.key();
    // With the text a keyboard sends, so that a text field reacts as to a real key (a TextArea types a Tab's "\t").
    const Qt::KeyboardModifiers modifiers = combination.keyboardModifiers();
    QString text;
    if (key == Qt::Key_Tab || key == Qt::Key_Backtab) text = QStringLiteral("\t");
    else if (key == Qt::Key_Return || key == Qt::Key_Enter) text = QStringLiteral("\r");
    else if (key >= Qt::Key_Space && key <= Qt::Key_AsciiTilde && !(modifiers & (Qt::ControlModifier | Qt::AltModifier)))
        text = (modifiers & Qt::ShiftModifier) ? QString(QChar(key)) : QString(QChar(key)).toLower();
    if (viaShortcuts && qt_sendShortcutOverrideEvent(window_, ulong(QDateTime::currentMSecsSinceEpoch()), key,
                                                     modifiers, text)) {
        whenCaughtUp(kKeyIntervalMs, [this] { pressNextKey(); });
        return;
    }
    QKeyEvent press(QEvent::KeyPress, key, modifiers, text);
    QCoreApplication::sendEvent(window_, &press);
    QKeyEvent release(QEvent::KeyRelease, key, modifiers, text);
    QCoreApplication::sendEvent(window_, &release);
    whenCaughtUp(kKeyIntervalMs, [this] { pressNextKey(); });
}

void ScreenshotHook::scrollMessages(const QString& name) {
    QQuickItem* list = window_ ? findItem(window_->contentItem(), QStringLiteral("messageList")) : nullptr;
    if (!list) return fail(QStringLiteral("--keys: no message list to scroll"));
    const bool up = !name.endsWith(QLatin1String("Down"), Qt::CaseInsensitive);
    const auto settled = [this, name] {
        QQuickItem* list = window_ ? findItem(window_->contentItem(), QStringLiteral("messageList")) : nullptr;
        QTextStream(stdout) << "top message after " << name << ": " << topRow(list) << "\n";
        QTextStream(stdout) << "top message id after " << name << ": " << messageIdAt(list, topRow(list)) << "\n";
        reportDone();
    };
    if (name.startsWith(QLatin1String("Click:")) || name.startsWith(QLatin1String("RightClick:")) ||
        name.startsWith(QLatin1String("MiddleClick:")) || name.startsWith(QLatin1String("Hover:"))) {
        const Qt::MouseButton button = name.startsWith(QLatin1String("Right"))    ? Qt::RightButton
                                       : name.startsWith(QLatin1String("Middle")) ? Qt::MiddleButton
                                                                                  : Qt::LeftButton;
        QQuickItem* item = findItem(window_->contentItem(), name.section(u':', 1));
        if (!item || !item->isVisible()) return fail(QStringLiteral("--keys %1: no such item in view").arg(name));
        QPointF at = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
        // An item of a page scrolled out of the window (the Settings page's folder buttons): its Flickable scrolls it
        // into view first, as a user would; the click went outside the window before.
        if (!QRectF(QPointF(0, 0), window_->size()).contains(at))
            for (QQuickItem* p = item->parentItem(); p; p = p->parentItem())
                if (p->inherits("QQuickFlickable")) {
                    const qreal top = item->mapToItem(p, QPointF(0, 0)).y();
                    const qreal shift = top < 0 ? top : top + item->height() - p->height();
                    p->setProperty("contentY", p->property("contentY").toReal() + shift);
                    at = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
                    break;
                }
        if (name.startsWith(QLatin1String("Hover:"))) {  // as a hand: onto the item, then a little further in
            hovered_ = name.section(u':', 1);
            sendMouse(window_, QEvent::MouseMove, at - QPointF(4, 0), Qt::NoButton, {});
            return sendMouse(window_, QEvent::MouseMove, at, Qt::NoButton, {});
        }
        // Where it was pressed: a test sees that a note shown meanwhile moved nothing under the pointer.
        QTextStream(stdout) << "pressed " << name << " at " << qRound(at.x()) << "," << qRound(at.y()) << "\n";
        clickAt(window_, at, button);
        return;
    }
    if (name.startsWith(QLatin1String("Drag"), Qt::CaseInsensitive)) {
        // From a third of the way down (DragDown) or two thirds (DragUp): 10 moves of 20 px, one every 30 ms, then held
        // still for 200 ms before the release, as a hand that drags to a place (no flick goes on after it).
        const QPointF at = list->mapToScene(QPointF(list->width() / 2, list->height() * (up ? 2.0 : 1.0) / 3));
        sendMouse(window_, QEvent::MouseButtonPress, at, Qt::LeftButton, Qt::LeftButton, /*stamped=*/true);
        auto* hand = new QTimer(this);
        hand->setInterval(30);
        connect(hand, &QTimer::timeout, this, [this, hand, at, up, settled, step = 0]() mutable {
            if (!window_) return;
            ++step;
            const bool last = step == 17;  // 10 moves, then 6 ticks (~200 ms) still, then the release
            const QPointF to = at + QPointF(0, (up ? -20.0 : 20.0) * std::min(step, 10));
            if (step > 10 && !last) return;
            sendMouse(window_, last ? QEvent::MouseButtonRelease : QEvent::MouseMove, to,
                      last ? Qt::LeftButton : Qt::NoButton, last ? Qt::NoButton : Qt::LeftButton, /*stamped=*/true);
            if (!last) return;
            hand->stop();
            hand->deleteLater();
            whenCaughtUp(kWheelSettleMs, settled, [this] { return listSettled(); });
        });
        hand->start();
        return;
    }
    if (name.compare(QLatin1String("SelectInReply"), Qt::CaseInsensitive) == 0) {
        const int count = list->property("count").toInt();
        QQuickItem* newest = nullptr;
        if (count > 0)
            QMetaObject::invokeMethod(list, "itemAtIndex", Q_RETURN_ARG(QQuickItem*, newest), Q_ARG(int, count - 1));
        QQuickItem* text = firstText(newest);
        if (!text && ++selectTries_ < 50) {  // the reply's first words may not have come yet: wait for them
            QTimer::singleShot(100, this, [this, name] { scrollMessages(name); });
            return;
        }
        if (!text) return fail(QStringLiteral("--keys SelectInReply: the newest message has no text in view"));
        // On the first line, at its start; then, as a hand moves, 20 px to the right every 100 ms for a second (a reply
        // streams on meanwhile), and the button released.
        const QPointF at = text->mapToScene(QPointF(2, 8));
        sendMouse(window_, QEvent::MouseButtonPress, at, Qt::LeftButton, Qt::LeftButton);
        // Where the pressed text is in the window: it moves when the view scrolls (contentY alone also changes when
        // ListView corrects its estimate of the content above, which does not move anything on screen).
        const QPointer<QQuickItem> pressed = text;
        const qreal startY = text->mapToScene(QPointF(0, 0)).y();
        auto* hand = new QTimer(this);
        hand->setInterval(kSelectDragMs / 10);
        connect(hand, &QTimer::timeout, this, [this, hand, at, startY, pressed, name, step = 0]() mutable {
            QQuickItem* list = window_ ? findItem(window_->contentItem(), QStringLiteral("messageList")) : nullptr;
            if (!list) return;
            const QPointF to = at + QPointF(20.0 * ++step, 0);
            const bool last = step == 10;
            sendMouse(window_, last ? QEvent::MouseButtonRelease : QEvent::MouseMove, to,
                      last ? Qt::LeftButton : Qt::NoButton, last ? Qt::NoButton : Qt::LeftButton);
            if (!last) return;
            hand->deleteLater();
            hand->stop();
            // The view under the hand should hold still: a view that follows the reply moves the text under it.
            QTextStream(stdout) << "view moved while selecting: "
                                << (pressed ? qRound(startY - pressed->mapToScene(QPointF(0, 0)).y()) : 99999)
                                << " px\n";
            QTimer::singleShot(kWheelSettleMs, this, [this, name] {
                QTextStream(stdout) << "selected after " << name << ": " << selectedLength() << "\n";
                reportDone();
            });
        });
        hand->start();
        return;
    }
    if (name.startsWith(QLatin1String("ScrollBar"), Qt::CaseInsensitive)) {
        QQuickItem* bar = findItem(list, QStringLiteral("messageScrollBar"));
        const auto* handle = bar ? bar->property("contentItem").value<QQuickItem*>() : nullptr;
        if (!handle) return fail(QStringLiteral("--keys: the message list has no scroll bar"));
        QPointF at = handle->mapToScene(QPointF(handle->width() / 2, handle->height() / 2));
        sendMouse(window_, QEvent::MouseButtonPress, at, Qt::LeftButton, Qt::LeftButton);
        // ScrollBarUp: 150 px up; ScrollBarTop / ScrollBarBottom: to the bar's top / foot, and 10 px beyond
        const qreal by = name.compare(QLatin1String("ScrollBarTop"), Qt::CaseInsensitive) == 0 ? handle->y() + 10
                         : name.compare(QLatin1String("ScrollBarBottom"), Qt::CaseInsensitive) == 0
                             ? -(bar->height() - handle->y() - handle->height() + 10)
                             : 150;
        for (int step = 0; step < 10; ++step) {
            at.ry() -= by / 10;
            sendMouse(window_, QEvent::MouseMove, at, Qt::NoButton, Qt::LeftButton);
        }
        sendMouse(window_, QEvent::MouseButtonRelease, at, Qt::LeftButton, Qt::NoButton);
        whenCaughtUp(kWheelSettleMs, settled, [this] { return listSettled(); });
        return;
    }
    const QPointF at = list->mapToScene(QPointF(list->width() / 2, list->height() / 2));
    QWheelEvent wheel(at, window_->mapToGlobal(at), QPoint(), QPoint(0, up ? 120 : -120), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    // With the time of day in milliseconds, as a window system stamps it: Flickable ignores a wheel event no later than
    // the one before (all stamped 0: only the first turn scrolled).
    wheel.setTimestamp(static_cast<quint64>(QDateTime::currentMSecsSinceEpoch()));
    QCoreApplication::sendEvent(window_, &wheel);
    whenCaughtUp(kWheelSettleMs, settled, [this] { return listSettled(); });
}

void ScreenshotHook::onFrame() {
    if (!frameList_ && window_) frameList_ = findItem(window_->contentItem(), QStringLiteral("messageList"));
    QQuickItem* list = frameList_;
    if (!list || quitting_) return;
    const int count = list->property("count").toInt();
    QQuickItem* newest = nullptr;
    if (count > 0) QMetaObject::invokeMethod(list, "itemAtIndex", Q_RETURN_ARG(QQuickItem*, newest), Q_ARG(int, count - 1));
    // Away: the newest message's top more than a view's height below the view's foot, or not made at all (ListView
    // makes only the messages around the view) — the view shows an older part of the conversation, not the new turn
    // just below it (rows added at the end are followed a moment later).
    const qreal foot = list->property("contentY").toReal() + list->height();
    const bool away = count > 0 && (!newest || newest->y() > foot + list->height());
    const qint64 now = frameClock_.elapsed();
    // Which message each frame shows at the view's top, in turn (no repeats; the first 40): a frame of another part of
    // the conversation shows among them.
    if (const qint64 top = messageIdAt(list, topRow(list)); (topIds_.isEmpty() || topIds_.constLast() != top) &&
                                                            topIds_.size() < 40)
        topIds_ << top;
    if (away) {
        ++awayFrames_;
        if (awaySinceMs_ < 0) awaySinceMs_ = now;
    } else if (awaySinceMs_ >= 0) {
        longestAwayMs_ = std::max(longestAwayMs_, now - awaySinceMs_);
        awaySinceMs_ = -1;
    }
}

void ScreenshotHook::reportDone() {
    reportsDue_ = std::max(0, reportsDue_ - 1);
    if (std::exchange(nextKeyAfterReport_, false)) return whenCaughtUp(kKeyIntervalMs, [this] { pressNextKey(); });
    captureWhenKeysDone();
}

void ScreenshotHook::onReplyCompleted(bool ok) {
    // A reply written whole that a full disk kept from being saved is not a failed reply: it stays on screen and is
    // saved once there is room. The hooks ended the app there ("reply failed"), even before --screenshot-at's time, so
    // that save could not be driven end to end (session 24's trial, F3). The keys (--send with --keys) come next: e.g.
    // Close, then a click in the question the window asks (test_full_disk_e2e).
    if (!ok && !chat_.replyAwaitsRoom()) return fail(QStringLiteral("reply failed: ") + chat_.errorText());
    if (ok) {
        QTextStream(stdout) << "reply status: " << chat_.replyStatus() << "\n";
    } else {
        QTextStream(stdout) << "reply not saved yet: " << chat_.errorText().section(u'\n', 0, 0) << "\n";
        std::fflush(stdout);  // at once: test_full_disk_e2e frees the room when it reads this line
    }
    // --send, --keys: the keys once the reply has come. A reply that a key started (Return, Regenerate) ends among
    // the keys, which go on as they were (a Wait: among them too); before session 43 its end started a second run
    // through the keys beside the first.
    if (keysStarted_) return;
    if (!keys_.isEmpty()) whenCaughtUp(kKeyIntervalMs, [this] { pressNextKey(); });
    else if (!timed_) captureAndQuit();
}

void ScreenshotHook::captureAndQuit(int code) {
    if (quitting_) return;
    quitting_ = true;
    // The last step's effects shown (the final text laid out and drawn, a row made) before grabbing.
    whenCaughtUp(kCaptureWaitMs, [this, code] {
        if (file_.isEmpty()) {
            QCoreApplication::exit(code);
            return;
        }
        // Grabbed first: the grab polishes the items (the layouts, a text laid out again when the font drawn differs)
        // before drawing them, so the lines below read the window as saved. They were read before it, and once said
        // "model button: … (cut)" beside a screenshot with the name whole (session 28's check, C6, under load).
        const QImage image = window_ ? window_->grabWindow() : QImage();
        // The grab lays out first what no frame had yet (a dialog's list the last key scrolled, where the wait ran to its
        // most under load) and may make rows there, whose sizes a zero timer sets after it: waited for, grabbed again.
        if (window_ && dialogPending() && regrabs_ < kMostRegrabs) {
            ++regrabs_;
            quitting_ = false;
            captureAndQuit(code);
            return;
        }
        if (window_) {
            QTextStream(stdout) << "window title: " << window_->title() << "\n";  // checked by the e2e test
            // The most memory the app held so far (test_long_conversation_e2e: a long conversation's start).
            if (rusage use{}; getrusage(RUSAGE_SELF, &use) == 0)
                QTextStream(stdout) << "peak memory: " << use.ru_maxrss / 1024 << " MB\n";
            if (timed_)  // what the status line says by now (a reply not saved at first: saved since?)
                QTextStream(stdout) << "status line: " << chat_.replyStatus() << "\n"
                                    << "reply awaits room: " << (chat_.replyAwaitsRoom() ? "yes" : "no") << "\n";
            if (!chat_.damageNote().isEmpty())
                QTextStream(stdout) << "damaged chat: " << chat_.damageNote() << " | " << chat_.damageDetail() << "\n";
            // Where typing goes (the e2e test: the message box at start): the item's objectName, else its type.
            const QQuickItem* focus = window_->activeFocusItem();
            QTextStream(stdout) << "active focus: "
                                << (!focus ? QStringLiteral("none")
                                    : !focus->objectName().isEmpty() ? focus->objectName()
                                                                    : QString::fromLatin1(focus->metaObject()->className()))
                                << "\n";
            if (focus) QTextStream(stdout) << "active focus in view: " << (wholeInView(window_, focus) ? "yes" : "no") << "\n";
            // Whether a focused control shows it: visualFocus and its outline in the saved window (a dialog's button
            // focused without a Tab reason had no outline, session 34's check; the preset chip's visualFocus, none
            // drawn, read as "yes", session 39's trial), and where it is (X,Y WxH in the window).
            if (focus && focus->property("visualFocus").isValid()) {
                const QRect at = focus->mapRectToScene(QRectF(0, 0, focus->width(), focus->height())).toRect();
                QTextStream(stdout) << "active focus drawn: " << (focusOutlineDrawn(image, focus) ? "yes" : "no") << "\n"
                                    << "active focus at: " << at.x() << ',' << at.y() << ' ' << at.width() << 'x'
                                    << at.height() << "\n";
            }
            // What the message box holds (the e2e test: a 2 MB paste) and a long text pasted beside it.
            if (const QQuickItem* input = findItem(window_->contentItem(), QStringLiteral("messageInput"))) {
                const QString text = input->property("text").toString();
                QTextStream(stdout) << "message box: " << text.size() << " characters\n";
                // U+FFFC is drawn as nothing by the box's TextEdit; TypedText.qml shows it as U+FFFD (session 35).
                if (text.contains(QChar(0xFFFC)) || text.contains(QChar(0xFFFD)))
                    QTextStream(stdout) << "message box U+FFFC: " << text.count(QChar(0xFFFC))
                                        << ", U+FFFD: " << text.count(QChar(0xFFFD)) << "\n";
            }
            if (const QQuickItem* pasted = findItem(window_->contentItem(), QStringLiteral("pastedText")))
                QTextStream(stdout) << "pasted beside the box: " << pasted->property("text").toString().size()
                                    << " characters\n";
            // The window's error banner when shown (its sentence | its details: in the window's language after a switch,
            // session 28's trial, F9) and the header's model button (its text, "cut" when elided: F2).
            if (const QQuickItem* banner = findItem(window_->contentItem(), QStringLiteral("errorBanner"));
                banner && banner->isVisible())
                QTextStream(stdout) << "error banner: "
                                    << banner->property("shown").toString().replace(u'\n', QStringLiteral("\\n")) << " | "
                                    << banner->property("detail").toString().replace(u'\n', QStringLiteral("\\n")) << "\n"
                                    << "error banner style: " << (banner->property("notice").toBool() ? "notice" : "error")
                                    << "\n";
            // The reply's status line as drawn: its lines and whether it is cut (up to three lines, never cut: session
            // 37's trial read "…— re-re…" at 1,100 px).
            if (const QQuickItem* status = findItem(window_->contentItem(), QStringLiteral("replyStatus"));
                status && !status->property("text").toString().isEmpty())
                QTextStream(stdout) << "reply status drawn: " << status->property("lineCount").toInt() << " line(s)"
                                    << (status->property("truncated").toBool() ? ", cut" : "") << "\n"
                                    << "reply status text: " << status->property("text").toString() << "\n";
            // An empty chat's heading when it is drawn: "No messages in this chat" for a chat of the library without
            // one (a chat recovered by its title alone), the welcome for a new chat.
            if (const QQuickItem* empty = findItem(window_->contentItem(), QStringLiteral("emptyChatHeading"));
                empty && empty->isVisible())
                QTextStream(stdout) << "empty chat: " << empty->property("text").toString() << "\n";
            // The sidebar row marked as writing a reply (session 36's trial, F4: no row said which chat was writing;
            // the "send button:" line below shows the chat beside it offers Send, not Stop).
            if (const QQuickItem* mark = findItem(window_->contentItem(), QStringLiteral("conversationWriting")))
                for (const QQuickItem* row = mark; row; row = row->parentItem())
                    if (row->objectName().startsWith(QStringLiteral("conversationRow-"))) {
                        QTextStream(stdout) << "writing in the sidebar: " << row->objectName() << " "
                                            << mark->property("text").toString() << "\n";
                        break;
                    }
            // The import banner when shown (its message: in the window's language after a switch too).
            if (const QQuickItem* message = findItem(window_->contentItem(), QStringLiteral("importMessage"));
                message && message->isVisible()) {
                QTextStream(stdout) << "import banner: "
                                    << message->property("text").toString().replace(u'\n', QStringLiteral("\\n")) << "\n";
                // Its border's colour and each line's: a refused file's line in the danger colour, the banner's border
                // too only when every line is a refusal (session 35's check: one refusal drew the whole banner red).
                const QQuickItem* banner = findItem(window_->contentItem(), QStringLiteral("importBanner"));
                const auto* border = banner ? banner->property("border").value<QObject*>() : nullptr;
                QStringList colours;
                for (const QQuickItem* line : message->childItems())
                    if (line->objectName() == QLatin1String("importLine"))
                        colours << line->property("color").value<QColor>().name();
                QTextStream(stdout) << "import banner colours: border "
                                    << (border ? border->property("color").value<QColor>().name() : QStringLiteral("?"))
                                    << ", lines " << colours.join(QStringLiteral(" ")) << "\n";
            }
            // The download banner's note when shown (why it waits, whose lock it took over) and its colour; and any
            // text drawn as markup (none expected: the app's own markup is Text.StyledText).
            if (const QQuickItem* note = findItem(window_->contentItem(), QStringLiteral("downloadNote"));
                note && note->isVisible())
                QTextStream(stdout) << "download note: "
                                    << note->property("text").toString().replace(u'\n', QStringLiteral("\\n"))
                                    << " | colour " << note->property("color").value<QColor>().name() << "\n";
            // Whether the banner's first line (what downloads, how far) is drawn inside the banner: a note taller than
            // the banner's place pushed it out of view (session 29's check, L3).
            if (QQuickItem* banner = findItem(window_->contentItem(), QStringLiteral("downloadBanner"));
                banner && banner->isVisible())
                if (const QQuickItem* line = findItem(banner, QStringLiteral("downloadText"))) {
                    const QRectF outer = banner->mapRectToScene(QRectF(0, 0, banner->width(), banner->height()));
                    const QRectF inner = line->mapRectToScene(QRectF(0, 0, line->width(), line->height()));
                    QTextStream(stdout) << "download line in the banner: " << (outer.contains(inner) ? "yes" : "no")
                                        << "\n";
                }
            if (const QStringList markup = markupDrawn(window_->contentItem()); !markup.isEmpty())
                QTextStream(stdout) << "drawn as markup: " << markup.join(QStringLiteral(" | ")) << "\n";
            if (const QQuickItem* button = findItem(window_->contentItem(), QStringLiteral("modelButton")))
                if (const auto* label = button->property("contentItem").value<QQuickItem*>()) {
                    QTextStream(stdout) << "model button: " << label->property("text").toString()
                                        << (label->property("truncated").toBool() ? " (cut)" : "") << "\n";
                    if (const QQuickItem* title = findItem(window_->contentItem(), QStringLiteral("chatTitle")))
                        QTextStream(stdout) << "header: title " << qRound(title->width()) << " px, model button "
                                            << qRound(button->width()) << " px\n";
                }
            // The note that the box's text could not be kept as a draft (a full disk), when shown.
            if (const QQuickItem* note = findItem(window_->contentItem(), QStringLiteral("draftNote")); note && note->isVisible())
                QTextStream(stdout) << "draft note: " << note->property("text").toString() << "\n";
            // A read-only library's note above the box when shown, and Send: on or off (session 36's trial, F6).
            if (const QQuickItem* note = findItem(window_->contentItem(), QStringLiteral("readOnlyNote")); note && note->isVisible())
                QTextStream(stdout) << "read-only note: " << note->property("text").toString() << "\n";
            // The empty sidebar's words when shown (session 40's trial: "No conversations yet" beside "Trash (1)").
            if (const QQuickItem* empty = findItem(window_->contentItem(), QStringLiteral("emptyLibraryText")); empty && empty->isVisible())
                QTextStream(stdout) << "empty sidebar: " << empty->property("text").toString().replace(u'\n', u' ') << "\n";
            if (const QQuickItem* send = findItem(window_->contentItem(), QStringLiteral("sendButton")))
                QTextStream(stdout) << "send button: " << send->property("text").toString() << ", "
                                    << (send->isEnabled() ? "enabled" : "disabled") << "\n";
            // The prefill bar when shown (the e2e test: a conversation read again counts its tokens).
            if (const QQuickItem* bar = findItem(window_->contentItem(), QStringLiteral("prefillBar")); bar && bar->isVisible())
                QTextStream(stdout) << "prefill bar: " << bar->property("text").toString() << "\n";
            // The Edit dialog when open (in the overlay): what its box holds and the long text held above it.
            if (const QQuickItem* edit = findItem(window_->contentItem(), QStringLiteral("editInput")))
                QTextStream(stdout) << "edit box: " << edit->property("text").toString().size() << " characters\n";
            if (const QQuickItem* held = findItem(window_->contentItem(), QStringLiteral("editHeldText")))
                QTextStream(stdout) << "held in the edit dialog: " << held->property("text").toString().size()
                                    << " characters\n";
            // Qt Quick's file or folder dialog when open (the e2e test: its current row is readable, session 20's F4;
            // its title names Ctrl+L), and the selected text of its name field (Export…), which keeps the app's colours.
            for (const QString& name : {QStringLiteral("fileDialogListView"), QStringLiteral("folderDialogListView")})
                if (QQuickItem* rows = findItem(window_->contentItem(), name); rows && rows->isVisible()) {
                    QTextStream(stdout) << "dialog row: " << dialogRowColours(rows, window_->activeFocusItem()) << "\n";
                    if (name == QLatin1String("fileDialogListView"))  // each row's size as drawn (session 40's check)
                        QTextStream(stdout) << "dialog sizes: " << dialogRowSizes(rows) << "\n";
                    // The folder it shows (its implementation, "control" in the list's context: session 30's F5).
                    if (const QQmlContext* context = qmlContext(rows))
                        if (const QObject* control = context->objectForName(QStringLiteral("control")))
                            QTextStream(stdout) << "dialog folder: "
                                                << control->property("currentFolder").toUrl().toLocalFile() << "\n";
                }
            if (const QQuickItem* title = findItem(window_->contentItem(), QStringLiteral("dialogTitleBarLabel"));
                title && title->isVisible())
                QTextStream(stdout) << "dialog title: " << title->property("text").toString() << "\n";
            // The path bar's first folder (its text) on the bar (session 32's trial: light grey on white, dark theme).
            if (const QString bar = pathBarColours(window_->contentItem()); !bar.isEmpty())
                QTextStream(stdout) << "dialog path bar: " << bar << "\n";
            if (const QQuickItem* field = findItem(window_->contentItem(), QStringLiteral("fileNameTextField"));
                field && field->isVisible())
                QTextStream(stdout) << "dialog name field: selected text "
                                    << field->property("selectedTextColor").value<QColor>().name() << " on "
                                    << field->property("selectionColor").value<QColor>().name() << "\n";
            // The Rename dialog when open: whether OK can be pressed and the hint under the field (session 23's trial, T7:
            // OK looked enabled for a blank title and Return did nothing, without a word).
            if (const QQuickItem* field = findItem(window_->contentItem(), QStringLiteral("renameTitleField"));
                field && field->isVisible()) {
                const QQuickItem* ok = findItem(window_->contentItem(), QStringLiteral("renameOkButton"));
                const QQuickItem* cancel = findItem(window_->contentItem(), QStringLiteral("renameCancelButton"));
                const QQuickItem* hint = findItem(window_->contentItem(), QStringLiteral("renameTitleHint"));
                const auto textColour = [](const QQuickItem* button) {
                    const auto* label = button ? button->property("contentItem").value<QQuickItem*>() : nullptr;
                    return label ? label->property("color").value<QColor>().name() : QStringLiteral("?");
                };
                QTextStream(stdout) << "rename dialog: OK " << (!ok ? "missing" : ok->isEnabled() ? "enabled" : "disabled")
                                    << " (text " << textColour(ok) << ", Cancel's " << textColour(cancel) << "); hint: "
                                    << (hint && hint->isVisible() ? hint->property("text").toString() : QStringLiteral("none"))
                                    << "\n";
            }
            // The question asked before an export replaces a file (session 22's trial, F11), when shown.
            if (const QQuickItem* question = findItem(window_->contentItem(), QStringLiteral("replaceQuestion"));
                question && question->isVisible())
                QTextStream(stdout) << "replace question: " << question->property("text").toString() << "\n";
            // The question asked when the window is closed with a reply not saved (session 24's trial, F1).
            if (const QQuickItem* question = findItem(window_->contentItem(), QStringLiteral("unsavedQuestion"));
                question && question->isVisible())
                QTextStream(stdout) << "unsaved question: "
                                    << question->property("text").toString().replace(u'\n', QStringLiteral("\\n")) << "\n";
            // The question asked when the window is closed with text a full disk kept from being saved as a draft.
            if (const QQuickItem* question = findItem(window_->contentItem(), QStringLiteral("unsentQuestion"));
                question && question->isVisible())
                QTextStream(stdout) << "unsent text question: " << question->property("text").toString() << "\n";
            // The question Empty trash asks first (session 35's check: it deleted everything at once).
            if (const QQuickItem* question = findItem(window_->contentItem(), QStringLiteral("emptyTrashQuestion"));
                question && question->isVisible())
                QTextStream(stdout) << "empty trash question: " << question->property("text").toString() << "\n";
            // The trash dialog's copy of the error banner when shown (an error raised while the dialog covers the
            // window's banner): its text and where it is in the window, x,y WxH (the e2e test reads its colours there).
            if (const QQuickItem* banner = findItem(window_->contentItem(), QStringLiteral("trashErrorBanner"));
                banner && banner->isVisible()) {
                const QRectF at = banner->mapRectToScene(QRectF(0, 0, banner->width(), banner->height()));
                QTextStream(stdout) << "trash dialog banner: " << qRound(at.x()) << ',' << qRound(at.y()) << ' '
                                    << qRound(at.width()) << 'x' << qRound(at.height()) << ' '
                                    << banner->property("shown").toString().replace(u'\n', QStringLiteral("\\n")) << "\n";
            }
            // The trash dialog's Empty trash and Close, and its question's Delete forever and Cancel, when shown: where
            // they are, x,y WxH, and whether they are on (the e2e tests compare their text's contrast there: an off
            // Empty trash looked on, session 32's trial; and its colour: Delete forever in the danger colour).
            for (const QString& name : {QStringLiteral("emptyTrashButton"), QStringLiteral("trashCloseButton"),
                                        QStringLiteral("emptyTrashConfirm"), QStringLiteral("emptyTrashCancel")})
                if (const QQuickItem* button = findItem(window_->contentItem(), name); button && button->isVisible()) {
                    const QRect at = button->mapRectToScene(QRectF(0, 0, button->width(), button->height())).toRect();
                    QTextStream(stdout) << "trash button: " << name << ' ' << at.x() << ',' << at.y() << ' ' << at.width()
                                        << 'x' << at.height() << (button->isEnabled() ? " on" : " off") << "\n";
                }
            // The Settings page's language, preset and threads boxes and its first device row's detail when open: what
            // they read after a language switch (session 22's trial, F6; the preset box: session 36's trial, F2).
            if (const QQuickItem* box = findItem(window_->contentItem(), QStringLiteral("languageBox")); box && box->isVisible())
                QTextStream(stdout) << "language box: " << box->property("displayText").toString() << "\n";
            if (const QQuickItem* box = findItem(window_->contentItem(), QStringLiteral("presetBox")); box && box->isVisible())
                QTextStream(stdout) << "preset box: " << box->property("displayText").toString() << "\n";
            // The notes that name a path (the folder in use, the settings file), as written (isolated: session 41).
            for (const auto& [name, line] : {std::pair{"dataFolderInUse", "settings: data folder in use: "},
                                             std::pair{"settingsFileNote", "settings: file: "}})
                if (const QQuickItem* note = findItem(window_->contentItem(), QString::fromLatin1(name)); note && note->isVisible())
                    QTextStream(stdout) << line << note->property("text").toString() << "\n";
            if (const QQuickItem* box = findItem(window_->contentItem(), QStringLiteral("threadsBox")); box && box->isVisible()) {
                QTextStream(stdout) << "threads box: " << box->property("displayText").toString() << "\n";
                // The focus outlines drawn in it (2 px borders shown): one at most, around what has the keys; − or +
                // focused drew the field's ring too (session 34's check).
                int outlines = 0;
                const std::function<void(const QQuickItem*)> count = [&](const QQuickItem* item) {
                    const auto* border = item->property("border").value<QObject*>();
                    if (item->isVisible() && border && border->property("width").toReal() >= 2) ++outlines;
                    for (const QQuickItem* child : item->childItems()) count(child);
                };
                count(box);
                QTextStream(stdout) << "threads box focus outlines: " << outlines << "\n";
            }
            // Their text colours (the e2e test: they follow a theme switched with Settings open; session 31's trial).
            if (const QQuickItem* box = findItem(window_->contentItem(), QStringLiteral("languageBox")); box && box->isVisible()) {
                const QQuickItem* threads = findItem(window_->contentItem(), QStringLiteral("threadsBox"));
                const auto colour = [](const QQuickItem* item) {
                    const auto* text = item ? item->property("contentItem").value<QQuickItem*>() : nullptr;
                    return text ? text->property("color").value<QColor>().name() : QStringLiteral("?");
                };
                const auto* background = box->property("background").value<QQuickItem*>();
                QTextStream(stdout) << "settings text colours: language box " << colour(box) << " on "
                                    << (background ? background->property("color").value<QColor>().name() : QStringLiteral("?"))
                                    << ", threads box " << colour(threads) << "\n";
            }
            // The conversation menu when open, its first item's text on the menu, and the tooltip of the item under the
            // pointer (Hover:NAME) when shown: they follow a theme switch (session 32's check).
            if (const QQuickItem* item = findItem(window_->contentItem(), QStringLiteral("renameMenuItem"));
                item && item->isVisible())
                QTextStream(stdout) << "conversation menu: "
                                    << drawnColours(item, item->property("menu").value<QObject*>()) << "\n";
            if (QQuickItem* hovered = hovered_.isEmpty() ? nullptr : findItem(window_->contentItem(), hovered_))
                if (const auto* tip = QQmlProperty(hovered, QStringLiteral("ToolTip.toolTip"), qmlContext(hovered))
                                          .read().value<QObject*>(); tip && tip->property("visible").toBool())
                    QTextStream(stdout) << "tooltip: " << tip->property("text").toString() << " | "
                                        << drawnColours(tip, tip) << "\n";
            // The tooltip on screen, whichever item shows it (Qt shares one): "Next version" shown over the new
            // reply's readouts by ‹ › that Regenerate put under a still pointer (session 38's trial).
            if (const auto* tip = QQmlProperty(window_->contentItem(), QStringLiteral("ToolTip.toolTip"), qmlContext(window_))
                                      .read().value<QObject*>(); tip && tip->property("visible").toBool())
                QTextStream(stdout) << "tooltip on screen: " << tip->property("text").toString() << "\n";
            if (const QQuickItem* detail = findItem(window_->contentItem(), QStringLiteral("deviceDetail"));
                detail && detail->isVisible())
                QTextStream(stdout) << "device detail: " << detail->property("text").toString() << "\n";
            // The file dialog's accept button (Open: enabled only for a shown file, F4), its text colour, the selected entry.
            if (QQuickItem* rows = findItem(window_->contentItem(), QStringLiteral("fileDialogListView")); rows && rows->isVisible())
                if (const FileDialogParts parts = fileDialogParts(rows); parts.accept && parts.impl) {
                    const QString selected = parts.impl->property("selectedFile").toUrl().fileName();
                    const auto* label = parts.accept->property("contentItem").value<QQuickItem*>();
                    QTextStream(stdout) << "dialog accept button: " << parts.accept->property("text").toString() << ", "
                                        << (parts.accept->isEnabled() ? "enabled" : "disabled") << " ("
                                        << (label ? label->property("color").value<QColor>().name() : QStringLiteral("?"))
                                        << "); selected " << (selected.isEmpty() ? QStringLiteral("nothing") : selected)
                                        << "\n";
                }
            // Whether the newest message's foot is in sight (the e2e test: a new turn is followed). Not the list's
            // atYEnd: with messages of different heights its content height is an estimate.
            if (QQuickItem* list = findItem(window_->contentItem(), QStringLiteral("messageList"))) {
                const int count = list->property("count").toInt();
                QQuickItem* newest = nullptr;
                if (count > 0)
                    QMetaObject::invokeMethod(list, "itemAtIndex", Q_RETURN_ARG(QQuickItem*, newest), Q_ARG(int, count - 1));
                const qreal top = list->property("contentY").toReal(), foot = newest ? newest->y() + newest->height() : 0;
                QTextStream(stdout) << "newest message in view: "
                                    << (newest && foot > top && foot <= top + list->height() + 1 ? "yes" : "no") << "\n";
                QTextStream(stdout) << "top message in view: " << topRow(list) << "\n";
                QTextStream(stdout) << "top message id in view: " << messageIdAt(list, topRow(list)) << ", rows "
                                    << count << "\n";
                QTextStream(stdout) << "message rows: " << placedRows(list) << "\n";
                QTextStream(stdout) << "reply notes: " << replyNotes(list) << "\n";
                QTextStream(stdout) << "message texts drawn: " << drawnRowTexts(list) << "\n";
                QTextStream(stdout) << "selected: " << selectedLength() << "\n";
                if (watchingFrames_) {
                    if (awaySinceMs_ >= 0) longestAwayMs_ = std::max(longestAwayMs_, frameClock_.elapsed() - awaySinceMs_);
                    QTextStream(stdout) << "newest message out of view after Return: " << awayFrames_ << " frames, longest "
                                        << longestAwayMs_ << " ms\n";
                    QStringList tops;
                    for (const qint64 id : std::as_const(topIds_)) tops << QString::number(id);
                    QTextStream(stdout) << "top message ids after Return: " << tops.join(u' ') << "\n";
                }
                if (const QClipboard* clipboard = QGuiApplication::clipboard())
                    QTextStream(stdout) << "clipboard: " << QString(clipboard->text()).replace(u'\n', QStringLiteral("\\n"))
                                        << "\n";
            }
            // The Models page when open: the catalog ids of the cards wholly in sight, top to bottom.
            if (QQuickItem* catalog = findItem(window_->contentItem(), QStringLiteral("catalogView"));
                catalog && catalog->isVisible()) {
                const qreal top = catalog->property("contentY").toReal(), bottom = top + catalog->height();
                QMap<qreal, QString> cards;
                if (const auto* content = catalog->property("contentItem").value<QQuickItem*>())
                    for (const QQuickItem* card : content->childItems())
                        if (const QVariant id = card->property("modelId"); id.isValid() && card->isVisible() &&
                                                                           card->y() >= top - 1 && card->y() + card->height() <= bottom + 1)
                            cards.insert(card->y(), id.toString());
                QTextStream(stdout) << "models in view: " << cards.values().join(u',') << "\n";
            }
            // The Models page's line about a catalog file that could not be used (session 23's trial, T6).
            if (const QQuickItem* problem = findItem(window_->contentItem(), QStringLiteral("catalogProblem"));
                problem && problem->isVisible())
                QTextStream(stdout) << "catalog problem: " << problem->property("text").toString() << "\n";
            // Its GPU and RAM line, "whole" when all of it is drawn in its box, in the page: it was drawn on past a
            // box narrower than the text, cut at the window's edge (session 39's trial).
            if (const QQuickItem* memory = findItem(window_->contentItem(), QStringLiteral("modelsMemoryLine"));
                memory && memory->isVisible())
                QTextStream(stdout) << "models memory line: " << memory->property("text").toString() << " | "
                                    << (wholeInView(window_, memory) && !memory->property("truncated").toBool() &&
                                                memory->property("contentWidth").toReal() <= memory->width() + 1
                                            ? "whole" : "cut") << "\n";
            // Its line about a models folder that cannot be written (session 27's trial, F9).
            if (const QQuickItem* note = findItem(window_->contentItem(), QStringLiteral("modelsDirNote"));
                note && note->isVisible())
                QTextStream(stdout) << "models folder note: " << note->property("text").toString() << "\n";
        }
        if (image.isNull() || !image.save(file_, "PNG")) {
            QTextStream(stderr) << "rwkv-desktop test hook: could not save " << file_ << "\n";
            QCoreApplication::exit(1);
            return;
        }
        QTextStream(stdout) << "screenshot saved: " << file_ << " (" << image.width() << "x" << image.height() << ")\n";
        QCoreApplication::exit(code);
    });
}

void ScreenshotHook::fail(const QString& why, int code) {
    QTextStream(stderr) << "rwkv-desktop test hook: " << why << "\n";
    if (code == 2) {  // timed out: the UI may be stuck, do not wait for frames
        QCoreApplication::exit(code);
        return;
    }
    captureAndQuit(code);
}

}  // namespace rwkv::gui
