// chat_controller_waiting.cpp — ChatController: a turn asked for while a Local API request holds the worker (one reply
// at a time, shared by the window's chats and the API: docs/api.md). Its rows are committed and drawn at once, from
// the window's thread (an API request never writes the database, so nothing waits for it), the status line and the
// sidebar say it waits, and Stop ends it before it begins (InferenceWorker::cancelWaitingTurn). docs/gui.md, "Sending
// while a Local API request is answered"; tests/app/test_send_during_api.cpp, test_actions_during_api.cpp.
#include <QFileInfo>

#include <exception>
#include <tuple>
#include <utility>

#include "chat_controller.h"
#include "store/conversation_store.h"

namespace rwkv::app {

bool ChatController::commitWaitingTurn(TurnRequest& request) {
    const qint64 conv = request.conversationId;
    const QString model = QFileInfo(model_.path).fileName();
    try {
        const store::ConversationStore::LockWaitLimit quick(kChangeLockWaitMs);
        switch (request.kind) {
        case TurnRequest::Kind::Send: {  // as ChatSession::send
            qint64 parent = request.target;
            if (parent == ChatSession::kNewestBranch) {
                const std::optional<store::Message> newest = store_.newestMessage(conv);
                parent = newest ? newest->id : 0;
            }
            std::tie(request.storedQuestionId, request.storedReplyId) =
                store_.beginTurn(conv, parent, request.text.trimmed(), model);
            request.target = parent;
            break;
        }
        case TurnRequest::Kind::Edit: {  // as ChatSession::edit: a new version of the question, beside the old one
            const qint64 parent = ChatSession::questionToEdit(store_, conv, request.target).second;
            std::tie(request.storedQuestionId, request.storedReplyId) =
                store_.beginTurn(conv, parent, request.text.trimmed(), model);
            break;
        }
        case TurnRequest::Kind::Continue: {  // as ChatSession::continueReply: the continued version, empty
            const auto [reply, question] = ChatSession::replyToContinue(store_, conv, request.target);
            request.storedReplyId = store_.beginReply(conv, question.id, reply.id, model);
            break;
        }
        case TurnRequest::Kind::Regenerate: {  // as ChatSession::regenerate (regenerateSeveral: one a seed)
            const store::Message question = ChatSession::questionToAnswerAgain(store_, conv, request.target).second;
            if (request.seeds.size() > 1) {
                for (std::size_t i = 0; i < request.seeds.size(); ++i)
                    request.storedVersionIds.push_back(store_.beginReply(conv, question.id, 0, model));
                request.storedReplyId = request.storedVersionIds.front();
            } else {
                request.storedReplyId = store_.beginReply(conv, question.id, 0, model);
            }
            break;
        }
        }
        return true;
    } catch (const std::exception&) {
        // Another program's lock, or the turn's own refusal (said when it runs): the turn commits its rows itself, as
        // before. Versions already added go again (none is left empty beside the old replies).
        for (const qint64 id : request.storedVersionIds) {
            try {
                store_.discardEmptyReply(id);
            } catch (const std::exception&) {
            }
        }
        request.storedVersionIds.clear();
        request.storedQuestionId = request.storedReplyId = 0;
        return false;
    }
}

void ChatController::showWaitingTurn(const TurnRequest& request) {
    auto status = std::exchange(waitingTurnStatus_, nullptr);  // still waiting: the line stays
    onReplyStarted(request.conversationId, request.storedQuestionId, request.storedReplyId);
    if (!request.storedVersionIds.empty())
        onVersionsStarted(request.conversationId,
                          QList<qint64>(request.storedVersionIds.begin(), request.storedVersionIds.end()));
    waitingTurnStatus_ = std::move(status);  // the worker's replyStarted says it, once the turn begins
    waitingTurn_ = request;
}

void ChatController::stopWaitingTurn() {
    const TurnRequest turn = *std::exchange(waitingTurn_, std::nullopt);
    waitingTurnStatus_ = nullptr;
    setWaitingForApi(false);
    const bool again = turn.kind == TurnRequest::Kind::Regenerate || turn.kind == TurnRequest::Kind::Continue;
    // As ChatSession::stoppedBeforeFirstWord ends a turn stopped before its first word.
    const auto stopped = [&](qint64 replyId) {
        TurnStats stats;
        stats.conversationId = turn.conversationId;
        stats.userMessageId = turn.storedQuestionId;
        stats.assistantMessageId = replyId;
        stats.regenerated = turn.kind == TurnRequest::Kind::Regenerate;
        stats.edited = turn.kind == TurnRequest::Kind::Edit;
        stats.continuedFromId = turn.kind == TurnRequest::Kind::Continue ? turn.target : 0;
        stats.stopped = true;
        stats.reason = StopReason::Cancelled;
        stats.end = store::ReplyEnd::Stopped;
        try {
            const store::ConversationStore::LockWaitLimit quick(kChangeLockWaitMs);
            // A new version with no word is deleted; a Send's or Edit's reply says it was stopped, its question kept.
            if (again) stats.replyDiscarded = store_.discardEmptyReply(replyId);
            if (!stats.replyDiscarded) store_.markStoppedBeforeFirstWord(replyId, stats.end);
        } catch (const std::exception&) {  // left as it is (another program's lock): read as a reply cut off
        }
        return stats;
    };
    if (turn.storedVersionIds.empty()) return onReplyFinished(stopped(turn.storedReplyId));
    QList<TurnStats> all;
    for (const qint64 id : turn.storedVersionIds) all.append(stopped(id));
    onVersionsFinished(all);
}

bool ChatController::endWaitingTurn() {
    if (!waitingTurn_ || !worker_.cancelWaitingTurn(waitingTurn_->storedReplyId)) return false;
    stopWaitingTurn();
    return true;
}

void ChatController::setWaitingForApi(bool waiting) {
    if (waitingForApi_ == waiting) return;
    waitingForApi_ = waiting;
    emit waitingForApiChanged();
}

}  // namespace rwkv::app
