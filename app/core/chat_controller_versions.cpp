// chat_controller_versions.cpp — ChatController: several versions of a reply written at once ("3 replies",
// regenerateSeveral; docs/conversations.md "Several versions at once"). The worker names their rows as they are
// committed (versionsStarted), sends each one's text apart (versionDelta) and their stats together (versionsFinished).
// The window shows the first as it is written, with ‹ k/N › counting them all from the start; ‹ › steps among them
// meanwhile, the one shown streaming (its text so far, then what comes). Tested in tests/app/test_versions_e2e.cpp.
#include <algorithm>

#include "chat_controller.h"

namespace rwkv::app {

int ChatController::writingVersions() const {
    return generating_ && streamingConversationId_ == currentId_ ? int(versionIds_.size()) : 0;
}

void ChatController::onVersionsStarted(qint64 conversationId, const QList<qint64>& assistantMessageIds) {
    if (conversationId != streamingConversationId_) return;
    versionIds_ = assistantMessageIds;
    versionTexts_.clear();
    emit writingVersionsChanged();
}

void ChatController::onVersionDelta(qint64 conversationId, qint64 assistantMessageId, const QString& text) {
    if (conversationId != streamingConversationId_) return;
    if (assistantMessageId == streamingMessageId_)
        onReplyDelta(conversationId, text);  // the one shown: streamingText_ and its row (kept apart at a step: showVersion)
    else
        versionTexts_[assistantMessageId] += text;
}

bool ChatController::showVersion(qint64 messageId, int step) {
    const qsizetype at = versionIds_.indexOf(messageId);
    if (at < 0) return false;
    if (at + step < 0 || at + step >= versionIds_.size()) return true;  // not past the new versions while written
    const qint64 to = versionIds_.at(at + step);
    versionTexts_[streamingMessageId_] = streamingText_;
    streamingMessageId_ = to;
    streamingText_ = versionTexts_.value(to);
    currentLeafId_ = to;
    rememberBranch(currentId_, to);
    reloadMessages();
    return true;
}

void ChatController::onVersionsFinished(const QList<rwkv::app::TurnStats>& versions) {
    if (versions.isEmpty()) return;
    // The version shown, else (stopped before its first word: not added) the first one kept, else the first: none kept.
    const auto kept = [](const TurnStats& s) { return !s.replyDiscarded; };
    auto shown = std::find_if(versions.begin(), versions.end(), [this, &kept](const TurnStats& s) {
        return s.assistantMessageId == streamingMessageId_ && kept(s);
    });
    if (shown == versions.end()) shown = std::find_if(versions.begin(), versions.end(), kept);
    const TurnStats stats = shown == versions.end() ? versions.front() : *shown;
    versionIds_.clear();
    versionTexts_.clear();
    if (!stats.replyDiscarded && stats.assistantMessageId != streamingMessageId_) {
        streamingMessageId_ = stats.assistantMessageId;
        rememberBranch(stats.conversationId, stats.assistantMessageId);
        if (stats.conversationId == currentId_) currentLeafId_ = stats.assistantMessageId;
    }
    onReplyFinished(stats);
    emit writingVersionsChanged();
    // The versions as stored: ‹ k/N › without those stopped before their first word, each one's end and readouts.
    if (!stats.replyDiscarded && stats.conversationId == currentId_) reloadMessages();
}

}  // namespace rwkv::app
