// screenshot_hook.cpp — see screenshot_hook.h: the hook's course — what it waits for (the model's load, the reply,
// an --import, --screenshot-at's time or SIGUSR1) and what comes next; a failure. The keys it presses:
// screenshot_hook_keys.cpp; the saved window and its lines: screenshot_hook_capture.cpp; the waits for the window:
// screenshot_hook_wait.cpp.
#include "screenshot_hook.h"

#include <QCoreApplication>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSocketNotifier>
#include <QTextStream>

#include <fcntl.h>
#include <unistd.h>

#include <csignal>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <utility>

#include "bidi_control.h"  // withoutBidiControls: --send leaves out what the message box leaves out
#include "chat_controller.h"
#include "dialog_rows.h"

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
    // What the message box sends for this text typed or pasted: without its bidi embeddings, overrides and isolates
    // (TypedText.qml's leaveOutBidiControls, the same rule: bidi_control.h). Sent as given, they were stored and drawn
    // as U+FFFD (drawableText) — a message no user can send, which read as right-to-left input failing (session 54's
    // trial). The marks U+200E / U+200F / U+061C stay, as in the box. Said, as the box says it under itself.
    QString typed = rwkv::app::withoutBidiControls(sendText_);
    if (typed != sendText_) {
        QStringList names;
        for (const QChar c : sendText_)
            if (rwkv::app::isBidiControl(c.unicode()))
                if (const QString name = QStringLiteral("U+%1").arg(int(c.unicode()), 4, 16, QLatin1Char('0')).toUpper();
                    !names.contains(name))
                    names << name;
        QTextStream(stdout) << "send left out: " << names.join(QStringLiteral(", ")) << " (as the message box does)\n";
    }
    // And U+FFFC (object replacement: an image's place in text copied from a browser) as U+FFFD, as the box shows and
    // sends it (TypedText.qml's showObjectReplacements); stored as given before (session 55's loose ends), a message
    // no one can send from the box.
    if (const qsizetype objects = typed.count(QChar(0xFFFC)); objects > 0) {
        typed.replace(QChar(0xFFFC), QChar(0xFFFD));
        QTextStream(stdout) << "send replaced: " << objects << " U+FFFC with U+FFFD (as the message box does)\n";
    }
    if (!chat_.send(typed)) fail(QStringLiteral("send refused: ") + chat_.errorText());
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

void ScreenshotHook::fail(const QString& why, int code) {
    QTextStream(stderr) << "rwkv-desktop test hook: " << why << "\n";
    if (code == 2) {  // timed out: the UI may be stuck, do not wait for frames
        QCoreApplication::exit(code);
        return;
    }
    captureAndQuit(code);
}

}  // namespace rwkv::gui
