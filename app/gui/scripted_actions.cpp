// scripted_actions.cpp — see scripted_actions.h.
#include "scripted_actions.h"

#include <QTextStream>
#include <QTimer>

#include <memory>

#include "chat_controller.h"
#include "library_controller.h"

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
    auto next = std::make_shared<std::function<void()>>();
    *next = [steps, next, done] {
        if (steps->isEmpty()) {
            if (done) done();
            *next = nullptr;  // breaks the self-reference
            return;
        }
        steps->takeFirst()();
        QTimer::singleShot(300, *next);
    };
    if (steps->isEmpty()) {
        if (done) done();
        return;
    }
    QTimer::singleShot(300, *next);
}

}  // namespace rwkv::gui
