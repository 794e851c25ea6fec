// keys_conversation.h — the stored conversation the keyboard e2e tests open (test_keyboard_e2e,
// test_file_dialogs_e2e): "Keys", a question and its reply.
#pragma once

#include <QDir>
#include <QString>

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

}  // namespace rwkv::e2e
