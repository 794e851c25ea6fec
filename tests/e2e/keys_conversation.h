// keys_conversation.h — what the keyboard e2e tests share (test_keyboard_e2e, test_trash_keyboard_e2e,
// test_file_dialogs_e2e): the stored conversation they open, "Keys", a question and its reply; the --keys lists they
// press and the focus the hook prints after each key.
#pragma once

#include <QDir>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include "store/conversation_store.h"

#include <utility>

namespace rwkv::e2e {

/// A conversation "Keys" (Hello / Hi, how can I help?) in the database of `dataDir`; returns its id and the reply's.
inline std::pair<qint64, qint64> seedKeysConversation(const QString& dataDir) {
    rwkv::store::ConversationStore store(QDir(dataDir).filePath(QStringLiteral("conversations.sqlite")));
    const qint64 id = store.createConversation(QStringLiteral("Keys"));
    const qint64 user = store.addMessage(id, 0, rwkv::store::Role::User, QStringLiteral("Hello"));
    return {id, store.addMessage(id, user, rwkv::store::Role::Assistant, QStringLiteral("Hi, how can I help?"))};
}

/// `n` times `key`, comma-separated, for --keys.
inline QString times(int n, const QString& key) {
    QStringList keys;
    for (int i = 0; i < n; ++i) keys << key;
    return keys.join(u',');
}

/// The focus after each key but the first (a click prints none), from the hook's "after KEY: …, focus NAME" lines.
inline QStringList focusAfterEachKey(const QString& out) {
    QStringList names;
    for (const QRegularExpressionMatch& m :
         QRegularExpression(QStringLiteral("\nafter [^:\n]+: top message [^\n]*, focus (\\S+)")).globalMatch(out))
        names << m.captured(1);
    return names;
}

}  // namespace rwkv::e2e
