// conversation_fork.cpp — where "New chat from here" copies up to (conversation_fork.h).
#include "conversation_fork.h"

#include <optional>

#include <QRegularExpression>
#include <QSet>

#include "conversation_title.h"
#include "store/conversation_store.h"

namespace rwkv::app {

qint64 forkPoint(const store::ConversationStore& store, qint64 conversationId, qint64 messageId, QString* question) {
    const std::optional<store::Message> m = store.message(messageId);
    if (!m || m->conversation_id != conversationId || m->role != store::Role::User) return messageId;
    if (question) *question = m->text;
    // Its parent, when that is a message of the chat; else (a first question, or a damaged row naming a parent that
    // does not exist: shown as a first message) the chat's settings only.
    const std::optional<store::Message> parent = m->parent_id ? store.message(m->parent_id) : std::nullopt;
    return parent && parent->conversation_id == conversationId ? parent->id : 0;
}

ForkResult forkAt(store::ConversationStore& store, qint64 conversationId, qint64 messageId, const QString& title,
                  bool numbered) {
    ForkResult r;
    r.upTo = forkPoint(store, conversationId, messageId, &r.question);
    const QString titled = numbered ? unusedTitle(store, title) : cappedTitle(title);
    r.conversationId = store.forkConversation(conversationId, r.upTo, titled);
    r.messages = int(store.allMessages(r.conversationId).size());
    r.states = int(store.snapshots(r.conversationId).size());
    return r;
}

QString unusedTitle(const store::ConversationStore& store, const QString& title) {
    const QString capped = cappedTitle(title);
    QSet<QString> taken;
    for (const store::Conversation& c : store.listConversations()) taken.insert(c.title);
    if (!taken.contains(capped)) return capped;
    QString stem = capped;
    static const QRegularExpression numberedCopy(QStringLiteral(" \\(([2-9]|[1-9][0-9]{1,2})\\)$"));
    if (const QRegularExpressionMatch m = numberedCopy.match(stem); m.hasMatch()) stem.chop(m.capturedLength());
    for (int n = 2;; ++n) {
        const QString suffix = QStringLiteral(" (%1)").arg(n);
        QString t = stem;
        if (t.size() + suffix.size() > kMaxTitleLength) {
            t.truncate(kMaxTitleLength - suffix.size() - 1);
            if (!t.isEmpty() && t.back().isHighSurrogate()) t.chop(1);
            t += QChar(0x2026);
        }
        t += suffix;
        if (!taken.contains(t)) return t;
    }
}

QString forkTitle(const QString& pattern, const QString& title) {
    const auto base = [&title](const QString& p) -> std::optional<QString> {  // title less p's words, if it reads as p
        const qsizetype at = p.indexOf(QLatin1String("%1"));
        if (at < 0) return std::nullopt;
        const QString before = p.left(at), after = p.mid(at + 2);
        if ((before + after).trimmed().isEmpty() || title.size() < before.size() + after.size() ||
            !title.startsWith(before) || !title.endsWith(after))
            return std::nullopt;
        return title.mid(before.size(), title.size() - before.size() - after.size());
    };
    if (!pattern.contains(QLatin1String("%1"))) return pattern;
    if (base(pattern)) return title;
    // A chat made by rwkv-cli (or in another language of the window) reads as the source text's pattern: its words
    // replaced, not kept beside the window's ("ここから：From here: Report": the fork2 helper's find).
    if (const std::optional<QString> b = base(QString::fromLatin1(kForkTitleSource))) return pattern.arg(*b);
    return pattern.arg(title);
}

}  // namespace rwkv::app
