// screenshot_hook.cpp — see screenshot_hook.h.
#include "screenshot_hook.h"

#include <QCoreApplication>
#include <QImage>
#include <QQuickWindow>
#include <QTextStream>

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
    if (!ok) return fail(QStringLiteral("model did not load: ") + chat_.errorText());
    if (sendText_.isEmpty()) return captureAndQuit();
    if (sent_) return;
    sent_ = true;
    if (!chat_.send(sendText_)) fail(QStringLiteral("send refused: ") + chat_.errorText());
}

void ScreenshotHook::onReplyCompleted(bool ok) {
    if (!ok) return fail(QStringLiteral("reply failed: ") + chat_.errorText());
    captureAndQuit();
}

void ScreenshotHook::captureAndQuit() {
    // Give the scene graph a few frames to show the final text before grabbing.
    QTimer::singleShot(400, this, [this] {
        if (file_.isEmpty()) {
            QCoreApplication::exit(0);
            return;
        }
        if (!window_) return fail(QStringLiteral("no window to capture"));
        const QImage image = window_->grabWindow();
        if (image.isNull() || !image.save(file_, "PNG")) return fail(QStringLiteral("could not save ") + file_);
        QTextStream(stdout) << "screenshot saved: " << file_ << " (" << image.width() << "x" << image.height() << ")\n";
        QCoreApplication::exit(0);
    });
}

void ScreenshotHook::fail(const QString& why, int code) {
    QTextStream(stderr) << "rwkv-desktop test hook: " << why << "\n";
    QCoreApplication::exit(code);
}

}  // namespace rwkv::gui
