// seedTwoTurns / loopTwoTurns: a small conversation stored the way the app stores one, then broken by hand the way the
// trials broke theirs, for the tests of what the window (tests/e2e) and rwkv-cli (tests/cli) say about damaged rows.
#pragma once

#include "store/conversation_store.h"
#include "store/database.h"

#include <QString>

#include <string>

/// The ids of a conversation of two turns, "Hello" / "Hi" / "More" / "Sure", each message a reply to the one before.
struct TwoTurns {
    qint64 id, first, reply, second, last;
};

/// Stores a conversation titled `title` of two turns in the database `db` (the damaged-chat tests then break a row).
inline TwoTurns seedTwoTurns(const QString& db, const QString& title) {
    rwkv::store::ConversationStore store(db);
    TwoTurns t{};
    t.id = store.createConversation(title);
    t.first = store.addMessage(t.id, 0, rwkv::store::Role::User, QStringLiteral("Hello"));
    t.reply = store.addMessage(t.id, t.first, rwkv::store::Role::Assistant, QStringLiteral("Hi"));
    t.second = store.addMessage(t.id, t.reply, rwkv::store::Role::User, QStringLiteral("More"));
    t.last = store.addMessage(t.id, t.second, rwkv::store::Role::Assistant, QStringLiteral("Sure"));
    return t;
}

/// Makes the first question a reply to the last answer (session 25's trial, N3c: one UPDATE; PRAGMA integrity_check
/// still says ok): a loop of parents with no message outside it. The store shows it from "Hello" (ParentsLoop).
inline void loopTwoTurns(const QString& db, const TwoTurns& t) {
    rwkv::store::Database(db).exec("UPDATE messages SET parent_id = " + std::to_string(t.last) + " WHERE id = " +
                                   std::to_string(t.first));
}

/// Makes the second question a reply to message 999, which does not exist (session 26's trial, F6: one UPDATE). The
/// store shows "More" / "Sure" with "More" as a first message (ParentMissing), a sibling of "Hello".
inline void orphanTwoTurns(const QString& db, const TwoTurns& t) {
    rwkv::store::Database d(db);
    d.exec("PRAGMA foreign_keys = OFF");  // as the sqlite3 shell has it: the trial's UPDATE
    d.exec("UPDATE messages SET parent_id = 999 WHERE id = " + std::to_string(t.second));
}
