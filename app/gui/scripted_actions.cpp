// scripted_actions.cpp — see scripted_actions.h.
#include "scripted_actions.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QQuickWindow>
#include <QTextStream>
#include <QTimer>

#include <memory>
#include <utility>

#include "chat_controller.h"
#include "library_controller.h"
#include "store/conversation_store.h"

namespace rwkv::gui {

void runScriptedActions(rwkv::app::ChatController& chat, rwkv::app::LibraryController& library,
                        const QStringList& selectIds, const QStringList& searches, std::function<void()> done) {
    auto steps = std::make_shared<QList<std::function<void()>>>();
    for (const QString& id : selectIds) {
        bool ok = false;
        const qint64 n = id.toLongLong(&ok);
        if (!ok || n <= 0) {
            QTextStream(stderr) << "rwkv-desktop: --select needs a conversation id, not \"" << id << "\"\n";
            continue;
        }
        steps->append([&chat, n] { chat.selectConversation(n); });
    }
    for (const QString& text : searches) steps->append([&library, text] { library.search(text); });
    if (steps->isEmpty()) {
        if (done) done();
        return;
    }
    QQuickWindow* window = nullptr;  // the app's window (main.cpp shows it before this call; the only one at start)
    for (QWindow* shown : QGuiApplication::topLevelWindows())
        if (auto* quick = qobject_cast<QQuickWindow*>(shown); quick && quick->isVisible()) window = quick;
    const auto afterFrame = [window](std::function<void()> then) {
        if (window) return afterNextFrame(window, window, std::move(then));
        QTimer::singleShot(300, QCoreApplication::instance(), std::move(then));  // no window to draw: as before
    };
    auto next = std::make_shared<std::function<void()>>();
    *next = [steps, next, done, afterFrame] {
        if (steps->isEmpty()) {
            if (done) done();
            *next = nullptr;  // breaks the self-reference
            return;
        }
        steps->takeFirst()();
        afterFrame([next] { (*next)(); });
    };
    // Each step once the window has presented a frame since the one before (the first: its first frame), which ends
    // the step's RWKV_TIMING line (timing_probe.h): the next step does not overwrite it. Until session 44 a fixed 300 ms
    // before each step and after the last (0.6 s of every e2e start with one --select).
    afterFrame([next] { (*next)(); });
}

void afterNextFrame(QQuickWindow* window, QObject* context, std::function<void()> then) {
    auto once = std::make_shared<std::function<void()>>(std::move(then));
    const auto run = [once] {
        if (const std::function<void()> f = std::exchange(*once, nullptr)) f();
    };
    if (window) {  // frameSwapped comes from the render thread: queued to `context`
        QObject::connect(window, &QQuickWindow::frameSwapped, context, run,
                         Qt::ConnectionType(Qt::QueuedConnection | Qt::SingleShotConnection));
        window->update();
    }
    QTimer::singleShot(kFrameWaitMs, context, run);
}

QString selectProblem(const rwkv::store::ConversationStore& store, const QString& dbPath, const QStringList& selectIds) {
    for (const QString& id : selectIds) {
        std::optional<rwkv::store::Conversation> conversation;
        try {
            conversation = store.conversation(id.toLongLong());
        } catch (const std::exception&) {
            return {};  // the store's own error is said when the window reads it
        }
        if (!conversation)
            return QCoreApplication::translate("main", "rwkv-desktop: --select needs the id of a conversation in %1, not "
                                                       "'%2': there is no conversation %2.")
                .arg(dbPath, id);
        if (conversation->deleted_at != 0)
            return QCoreApplication::translate("main", "rwkv-desktop: --select needs the id of a conversation in %1, not "
                                                       "'%2': conversation %2 is in the trash.")
                .arg(dbPath, id);
    }
    return {};
}

}  // namespace rwkv::gui
