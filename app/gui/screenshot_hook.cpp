// screenshot_hook.cpp — see screenshot_hook.h.
#include "screenshot_hook.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QImage>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QMap>
#include <QKeySequence>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTextStream>
#include <QWheelEvent>

#include <utility>

#include "chat_controller.h"

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
}

void ScreenshotHook::onModelLoadFinished(bool ok) {
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
        QTimer::singleShot(kKeyIntervalMs, this, &ScreenshotHook::pressNextKey);
        return;
    }
    if (sent_) return;
    sent_ = true;
    if (!chat_.send(sendText_)) fail(QStringLiteral("send refused: ") + chat_.errorText());
}

namespace {
/// The item named `name` in the visual tree under `item` (QML items need not be QObject children of their parent).
QQuickItem* findItem(QQuickItem* item, const QString& name) {
    if (!item) return nullptr;
    if (item->objectName() == name) return item;
    for (QQuickItem* child : item->childItems())
        if (QQuickItem* found = findItem(child, name)) return found;
    return nullptr;
}

/// The row of the first message (a delegate of the message list `list`) whose foot is below the list's top, or -1.
int topRow(QQuickItem* list) {
    const auto* content = list ? list->property("contentItem").value<QQuickItem*>() : nullptr;
    if (!content) return -1;
    const qreal top = list->property("contentY").toReal();
    int row = -1;
    for (const QQuickItem* item : content->childItems())
        if (const QVariant index = item->property("index"); index.isValid() && item->isVisible() &&
                                                           item->y() + item->height() > top &&
                                                           (row < 0 || index.toInt() < row))
            row = index.toInt();
    return row;
}
}  // namespace

void ScreenshotHook::pressNextKey() {
    if (keys_.isEmpty() || !window_) {
        if (!timed_) captureAndQuit();
        return;
    }
    const QString name = keys_.takeFirst();
    if (isScroll(name)) {
        scrollMessages(name);
        QTimer::singleShot(kKeyIntervalMs, this, &ScreenshotHook::pressNextKey);
        return;
    }
    const QKeyCombination combination = QKeySequence(name)[0];
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
    QKeyEvent press(QEvent::KeyPress, key, modifiers, text);
    QCoreApplication::sendEvent(window_, &press);
    QKeyEvent release(QEvent::KeyRelease, key, modifiers, text);
    QCoreApplication::sendEvent(window_, &release);
    QTimer::singleShot(kKeyIntervalMs, this, &ScreenshotHook::pressNextKey);
}

void ScreenshotHook::scrollMessages(const QString& name) {
    QQuickItem* list = window_ ? findItem(window_->contentItem(), QStringLiteral("messageList")) : nullptr;
    if (!list) return fail(QStringLiteral("--keys: no message list to scroll"));
    const bool up = !name.endsWith(QLatin1String("Down"), Qt::CaseInsensitive);
    const auto settled = [this, name] {
        QQuickItem* list = window_ ? findItem(window_->contentItem(), QStringLiteral("messageList")) : nullptr;
        QTextStream(stdout) << "top message after " << name << ": " << topRow(list) << "\n";
    };
    if (name.startsWith(QLatin1String("ScrollBar"), Qt::CaseInsensitive)) {
        QQuickItem* bar = findItem(list, QStringLiteral("messageScrollBar"));
        const auto* handle = bar ? bar->property("contentItem").value<QQuickItem*>() : nullptr;
        if (!handle) return fail(QStringLiteral("--keys: the message list has no scroll bar"));
        QPointF at = handle->mapToScene(QPointF(handle->width() / 2, handle->height() / 2));
        QMouseEvent press(QEvent::MouseButtonPress, at, at, window_->mapToGlobal(at), Qt::LeftButton, Qt::LeftButton,
                          Qt::NoModifier);
        QCoreApplication::sendEvent(window_, &press);
        for (int step = 0; step < 10; ++step) {
            at.ry() -= 15;
            QMouseEvent move(QEvent::MouseMove, at, at, window_->mapToGlobal(at), Qt::NoButton, Qt::LeftButton,
                             Qt::NoModifier);
            QCoreApplication::sendEvent(window_, &move);
        }
        QMouseEvent release(QEvent::MouseButtonRelease, at, at, window_->mapToGlobal(at), Qt::LeftButton, Qt::NoButton,
                            Qt::NoModifier);
        QCoreApplication::sendEvent(window_, &release);
        QTimer::singleShot(kWheelSettleMs, this, settled);
        return;
    }
    const QPointF at = list->mapToScene(QPointF(list->width() / 2, list->height() / 2));
    QWheelEvent wheel(at, window_->mapToGlobal(at), QPoint(), QPoint(0, up ? 120 : -120), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    // With the time of day in milliseconds, as a window system stamps it: Flickable ignores a wheel event no later than
    // the one before (all stamped 0: only the first turn scrolled).
    wheel.setTimestamp(static_cast<quint64>(QDateTime::currentMSecsSinceEpoch()));
    QCoreApplication::sendEvent(window_, &wheel);
    QTimer::singleShot(kWheelSettleMs, this, settled);
}

void ScreenshotHook::onReplyCompleted(bool ok) {
    if (!ok) return fail(QStringLiteral("reply failed: ") + chat_.errorText());
    QTextStream(stdout) << "reply status: " << chat_.replyStatus() << "\n";
    if (!timed_) captureAndQuit();
}

void ScreenshotHook::captureAndQuit(int code) {
    if (quitting_) return;
    quitting_ = true;
    // Give the scene graph a few frames to show the final text before grabbing.
    QTimer::singleShot(400, this, [this, code] {
        if (file_.isEmpty()) {
            QCoreApplication::exit(code);
            return;
        }
        if (window_) {
            QTextStream(stdout) << "window title: " << window_->title() << "\n";  // checked by the e2e test
            // Where typing goes (the e2e test: the message box at start): the item's objectName, else its type.
            const QQuickItem* focus = window_->activeFocusItem();
            QTextStream(stdout) << "active focus: "
                                << (!focus ? QStringLiteral("none")
                                    : !focus->objectName().isEmpty() ? focus->objectName()
                                                                    : QString::fromLatin1(focus->metaObject()->className()))
                                << "\n";
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
        }
        const QImage image = window_ ? window_->grabWindow() : QImage();
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
