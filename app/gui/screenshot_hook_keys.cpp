// screenshot_hook_keys.cpp — ScreenshotHook's --keys (see screenshot_hook.h, setKeys): each key, scroll, drag, click
// or wait in turn, the lines they print, and the frames watched from the first Return on.
#include "screenshot_hook.h"

#include <QClipboard>
#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QKeySequence>
#include <QPointer>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTextStream>
#include <QTimer>
#include <QWheelEvent>

#include <algorithm>
#include <utility>

#include "screenshot_report.h"
#include "synthetic_mouse.h"

// QtGui's own entry for QTest's key clicks (declared by <QtTest/qtestkeyboard.h>, exported by libQt6Gui): a
// ShortcutOverride to the focused item, then the window's shortcut map, as a key from the window system meets them.
// True when a shortcut took the key.
Q_GUI_EXPORT bool qt_sendShortcutOverrideEvent(QObject* o, ulong timestamp, int k, Qt::KeyboardModifiers mods,
                                               const QString& text = QString(), bool autorep = false, ushort count = 1);

namespace rwkv::gui {

int ScreenshotHook::selectedLength() const {
    const QQuickItem* focus = window_ ? window_->activeFocusItem() : nullptr;
    return focus ? static_cast<int>(focus->property("selectedText").toString().size()) : 0;
}

void ScreenshotHook::waitForFile(const QString& path, qint64 deadline_ms) {
    if (QFileInfo::exists(path)) return pressNextKey();
    if (QDateTime::currentMSecsSinceEpoch() > deadline_ms)
        return fail(QStringLiteral("--keys WaitFile:%1: no such file after %2 s").arg(path).arg(kWaitFileMs / 1000));
    QTimer::singleShot(50, this, [this, path, deadline_ms] { waitForFile(path, deadline_ms); });
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
    if (isWaitFile(name)) {  // held still until a test says, through a file, that it may go on
        waitForFile(name.mid(9), QDateTime::currentMSecsSinceEpoch() + kWaitFileMs);
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
        QTextStream(stdout) << "list moving after " << name << ": " << (listMoving() ? "yes" : "no") << "\n";
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

}  // namespace rwkv::gui
