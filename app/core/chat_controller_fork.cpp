// chat_controller_fork.cpp — ChatController's "New chat from here" (docs/conversations.md "New chat from here"): the
// copy made on a thread of its own, so that a long chat's does not hold the window (a 50,000-message branch: seconds,
// most of it the full-text index of the copies), and the window's "Made from “…”" line, which follows a rename, the
// trash and a restore of the chat it names. Tests: tests/app/test_chat_fork.cpp, test_chat_fork_thread.cpp,
// test_fork_e2e.cpp.
#include <exception>
#include <optional>

#include "chat_controller.h"
#include "conversation_fork.h"
#include "models/one_line.h"
#include "store/conversation_store.h"
#include "store_error_text.h"

namespace rwkv::app {

qint64 ChatController::forkConversation(qint64 messageId) {
    emit uiActionStarted(QStringLiteral("fork"));  // RWKV_TIMING: the click to the next frame (the window's stall)
    if (forkingMessageId_ != 0) return 0;  // one at a time: the buttons are off meanwhile
    const qint64 from = currentId_;
    QString title;
    try {
        const store::ConversationStore::LockWaitLimit quick(kChangeLockWaitMs);
        const std::optional<store::Conversation> c = store_.conversation(from);
        // At the chat's first question nothing comes before it: the new chat — stored at its first message, as every
        // new chat — takes this chat's instructions, starting state and preset, and the view puts the question in its
        // box. Before, a stored chat of no message said its messages "could not be read back from a damaged
        // conversation database" (session 49's second trial, MED).
        QString question;
        if (c && app::forkPoint(store_, from, messageId, &question) == 0 && !question.isNull()) {
            newChatOwnInstructions_ = c->system_prompt;
            newChatStartState_ = c->start_state;
            newChatStartStateSha256_ = c->start_state_sha256;
            newChatPreset_ = c->sampling_preset;
            return kForkIsTheNewChat;
        }
        title = app::forkTitle(tr("From here: %1"), c ? c->title : QString());
    } catch (const std::exception&) {
        onForkDone({}, std::current_exception());
        return 0;
    }
    // The copy on forkPool_'s one thread (ChatController's constructor): the store's writer serializes it with the
    // worker's saves, and a change of the window meanwhile waits kChangeLockWaitMs for it, then is refused in the words
    // of this program's own save, as beside Free space's VACUUM (LibraryController::freeStateSpace). It waits for
    // another program's lock as the window's changes do, and is refused in the same words.
    forkingMessageId_ = messageId;
    emit forkingChanged();
    forkPool_.start([this, from, messageId, title] {
        ForkResult made;
        std::exception_ptr error;
        try {
            const store::ConversationStore::LockWaitLimit quick(kChangeLockWaitMs);
            made = app::forkAt(store_, from, messageId, title, /*numbered=*/true);
        } catch (const std::exception&) {
            error = std::current_exception();
        }
        QMetaObject::invokeMethod(this, [this, made, error] { onForkDone(made, error); }, Qt::QueuedConnection);
    });
    return kForkIsUnderWay;
}

void ChatController::onForkDone(const ForkResult& made, std::exception_ptr error) {
    if (forkingMessageId_ != 0) {
        forkingMessageId_ = 0;
        emit forkingChanged();
    }
    if (error) {
        try {
            std::rethrow_exception(error);
        } catch (const std::exception& e) {
            if (isAnotherProgramsLock(e))
                setViewError([path = models::isolated(store_.path())] {
                    return tr("Another program is using the conversation database %1, so no new chat was made. Try "
                              "again once that program lets go of the database.")
                        .arg(path);
                });
            else
                setViewError([error] { return tr("Could not make a new chat from here: %1").arg(storeErrorText(error)); });
        }
        return;
    }
    refreshConversations();  // listed first: the view opens it
    emit forkMade(made.conversationId, made.question);
}

ChatController::MadeFrom ChatController::madeFromOf(const store::Conversation& c) const {
    const auto at = c.forked_from_message_id ? store_.message(c.forked_from_message_id) : std::nullopt;
    const auto from = at ? store_.conversation(at->conversation_id) : std::nullopt;
    if (from && from->deleted_at == 0) return {from->id, at->id, from->title};
    return {};
}

void ChatController::setMadeFrom(const MadeFrom& madeFrom) {
    if (madeFrom == madeFrom_) return;
    madeFrom_ = madeFrom;
    emit currentMadeFromChanged();
}

void ChatController::refreshMadeFrom() {
    if (currentId_ == 0) return;
    try {
        const std::optional<store::Conversation> c = store_.conversation(currentId_);
        setMadeFrom(c ? madeFromOf(*c) : MadeFrom{});
    } catch (const std::exception&) {  // kept as it was: the library's own errors say more
    }
}

}  // namespace rwkv::app
