// long_conversation.h — what the e2e tests of scrolling and of the mouse share: a stored conversation longer than
// the window, and the screenshot hook's "name: VALUE" lines read back from the app's output.
#pragma once

#include <QDir>
#include <QRegularExpression>
#include <QString>

#include "store/conversation_store.h"

namespace rwkv::e2e {

/// A conversation "Long" of 20 turns (Question N / Answer N) in the database of `dataDir`, longer than the window.
/// Returns its id. Throws rwkv::store::StoreError when the database cannot be written.
inline qint64 seedLongConversation(const QString& dataDir) {
    rwkv::store::ConversationStore store(QDir(dataDir).filePath(QStringLiteral("conversations.sqlite")));
    const qint64 id = store.createConversation(QStringLiteral("Long"));
    qint64 parent = 0;
    for (int turn = 1; turn <= 20; ++turn) {
        parent = store.addMessage(id, parent, rwkv::store::Role::User, QStringLiteral("Question %1").arg(turn));
        parent = store.addMessage(id, parent, rwkv::store::Role::Assistant, QStringLiteral("Answer %1").arg(turn));
    }
    return id;
}

/// The value of the hook's last line "`name`: VALUE" in `out`, or "(no NAME)".
inline QString hookLine(const QString& out, const QString& name) {
    QString value = QStringLiteral("(no %1)").arg(name);
    auto it = QRegularExpression(QStringLiteral("^") + QRegularExpression::escape(name) + QStringLiteral(": (.*)$"),
                                 QRegularExpression::MultilineOption)
                  .globalMatch(out);
    while (it.hasNext()) value = it.next().captured(1);
    return value;
}

}  // namespace rwkv::e2e
