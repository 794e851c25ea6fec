// branch_to_continue.cpp — see branch_to_continue.h.
#include "branch_to_continue.h"

namespace rwkv::app {

qint64 leafToShow(const store::ConversationStore& store, qint64 conversationId, qint64 streamingReplyId) {
    const qint64 viewed = store.viewedLeaf(conversationId);
    // The branch's last message alone: the whole branch read here was read again at once to show it (a conversation
    // of 200,000 messages: about a quarter of the app's start, session 29's trial, N2).
    const std::optional<store::Message> newest =
        viewed != 0 ? store.message(viewed) : store.newestMessage(conversationId);
    if (!newest) return viewed;
    // A regenerated reply killed before its first word (app killed, crash) ends the newest branch, but the reply it
    // was to replace is the one to continue: the next message would follow the empty reply and its turn is never read
    // again, so the model forgot that question and answer.
    const store::Message& last = *newest;
    if (last.role != store::Role::Assistant || last.finished || !last.text.isEmpty() || last.id == streamingReplyId)
        return viewed;
    const QList<qint64> siblings = store.siblings(last.id);
    for (qsizetype i = siblings.size() - 1; i >= 0; --i)
        if (const auto m = store.message(siblings[i]); m && m->id != last.id && (m->finished || !m->text.isEmpty()))
            return store.newestLeafUnder(m->id);
    return viewed;
}

qint64 leafShowing(const store::ConversationStore& store, qint64 conversationId, qint64 shownLeafId, qint64 messageId) {
    qint64 leaf = shownLeafId;
    if (leaf == 0)
        if (const auto newest = store.newestMessage(conversationId)) leaf = newest->id;
    // Ids only between the hit and the leaf (a long branch is not read); nullopt: the hit is on another branch.
    if (leaf != 0 && store.idsBelow(messageId, leaf)) return leaf;
    return store.newestLeafUnder(messageId);
}

qint64 parentForNewMessage(const store::Message& last) {
    return last.id == 0 ? 0 : last.role == store::Role::User ? last.parent_id : last.id;
}

}  // namespace rwkv::app
