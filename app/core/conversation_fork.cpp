// conversation_fork.cpp — where "New chat from here" copies up to (conversation_fork.h).
#include "conversation_fork.h"

#include "conversation_title.h"
#include "store/conversation_store.h"

namespace rwkv::app {

ForkResult forkAt(store::ConversationStore& store, qint64 conversationId, qint64 messageId, const QString& title) {
    ForkResult r;
    r.upTo = messageId;
    const std::optional<store::Message> m = store.message(messageId);
    if (m && m->conversation_id == conversationId && m->role == store::Role::User) {
        r.question = m->text;
        // Its parent, when that is a message of the chat; else (a first question, or a damaged row naming a parent
        // that does not exist: shown as a first message) the chat's settings only.
        const std::optional<store::Message> parent = m->parent_id ? store.message(m->parent_id) : std::nullopt;
        r.upTo = parent && parent->conversation_id == conversationId ? parent->id : 0;
    }
    r.conversationId = store.forkConversation(conversationId, r.upTo, cappedTitle(title));
    r.messages = int(store.allMessages(r.conversationId).size());
    r.states = int(store.snapshots(r.conversationId).size());
    return r;
}

QString forkTitle(const QString& pattern, const QString& title) {
    const qsizetype at = pattern.indexOf(QLatin1String("%1"));
    if (at < 0) return pattern;
    const QString before = pattern.left(at), after = pattern.mid(at + 2);
    if (!(before + after).trimmed().isEmpty() && title.size() >= before.size() + after.size() &&
        title.startsWith(before) && title.endsWith(after))
        return title;
    return pattern.arg(title);
}

}  // namespace rwkv::app
