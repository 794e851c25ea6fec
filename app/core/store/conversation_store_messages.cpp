// store/conversation_store_messages.cpp — the message tree (add, branch, siblings), turn results in one
// transaction, and importing a whole conversation. Tests in tests/app/test_store.cpp.
#include "conversation_store.h"

#include "database.h"
#include "files_with_prefix.h"
#include "store_rows.h"
#include "transaction.h"

#include <sqlite3.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QStringList>

#include <mutex>

namespace rwkv::store {

using namespace detail;

namespace {

/// A turn in a conversation that is in the trash would be purged with it (kTrashDays) and is listed nowhere: rwkv-cli
/// chat --conversation N on a conversation trashed in the app wrote its reply there silently.
void refuseTrashed(Database& db, qint64 conversationId) {
    auto s = db.cached("SELECT 1 FROM conversations WHERE id = ?1 AND deleted_at IS NOT NULL");
    s->bindInt64(1, conversationId);
    if (s->step())
        throw StoreError("conversation " + std::to_string(conversationId) +
                         " is in the trash: restore it (Trash, at the bottom of RWKV Desktop's sidebar) to continue it; "
                         "nothing was written");
}

// The model that writes the conversation's newest reply, recorded as it starts (none given: left as it is).
void recordModelName(Database& db, qint64 conversationId, const QString& modelName) {
    if (modelName.isEmpty()) return;
    auto s = db.cached("UPDATE conversations SET model_name = ?1 WHERE id = ?2");
    s->bindText(1, modelName);
    s->bindInt64(2, conversationId);
    s->run();
}

}  // namespace

void ConversationStore::checkParent(qint64 conversationId, qint64 parentId, const char* caller) {
    if (parentId == 0) return;
    auto p = db_->cached("SELECT conversation_id FROM messages WHERE id = ?1");
    p->bindInt64(1, parentId);
    if (!p->step()) throw StoreError(std::string(caller) + ": " + unknown("parent message", parentId));
    if (p->columnInt64(0) != conversationId)
        throw StoreError(std::string(caller) + ": parent message " + std::to_string(parentId) +
                         " belongs to conversation " + std::to_string(p->columnInt64(0)) + ", not " +
                         std::to_string(conversationId));
}

qint64 ConversationStore::insertMessage(qint64 conversationId, qint64 parentId, Role role, const QString& text,
                                        bool finished, qint64 createdAt) {
    auto s = db_->cached("INSERT INTO messages (conversation_id, parent_id, role, text, created_at, finished) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    s->bindInt64(1, conversationId);
    if (parentId != 0)
        s->bindInt64(2, parentId);
    else
        s->bindNull(2);
    s->bindInt64(3, qint64(role));
    s->bindText(4, text);
    s->bindInt64(5, createdAt);
    s->bindBool(6, finished);
    s->run();
    return db_->lastInsertRowId();
}

qint64 ConversationStore::addMessage(qint64 conversationId, qint64 parentId, Role role, const QString& text,
                                     bool finished) {
    const auto lock = gate_.lockWriter(*db_);
    Transaction tx(*db_);
    const qint64 now = touchConversation(conversationId, "addMessage");
    checkParent(conversationId, parentId, "addMessage");
    const qint64 id = insertMessage(conversationId, parentId, role, text, finished, now);
    tx.commit();
    return id;
}

std::pair<qint64, qint64> ConversationStore::beginTurn(qint64 conversationId, qint64 parentId, const QString& userText,
                                                      const QString& modelName) {
    const auto lock = gate_.lockWriter(*db_);
    qint64 user = 0, reply = 0;
    withRoom(conversationId, [&] {
        Transaction tx(*db_);
        refuseTrashed(*db_, conversationId);
        const qint64 now = touchConversation(conversationId, "beginTurn");
        checkParent(conversationId, parentId, "beginTurn");
        user = insertMessage(conversationId, parentId, Role::User, userText, true, now);
        reply = insertMessage(conversationId, user, Role::Assistant, QString(), false, now);
        recordModelName(*db_, conversationId, modelName);
        tx.commit();
    });
    return {user, reply};
}

qint64 ConversationStore::beginReply(qint64 conversationId, qint64 userMessageId, qint64 continuedFrom,
                                     const QString& modelName) {
    const auto lock = gate_.lockWriter(*db_);
    Transaction tx(*db_);
    refuseTrashed(*db_, conversationId);
    const qint64 now = touchConversation(conversationId, "beginReply");
    checkParent(conversationId, userMessageId, "beginReply");
    if (continuedFrom != 0) {  // a version of the same reply: under the same question, in the same chat
        auto c = db_->cached("SELECT 1 FROM messages WHERE id = ?1 AND conversation_id = ?2 AND parent_id = ?3 AND "
                             "role = ?4");
        c->bindInt64(1, continuedFrom);
        c->bindInt64(2, conversationId);
        c->bindInt64(3, userMessageId);
        c->bindInt64(4, qint64(Role::Assistant));
        if (!c->step())
            throw StoreError("beginReply: message " + std::to_string(continuedFrom) + " is not a reply to message " +
                             std::to_string(userMessageId) + " of conversation " + std::to_string(conversationId) +
                             "; nothing was written");
    }
    const qint64 reply = insertMessage(conversationId, userMessageId, Role::Assistant, QString(), false, now);
    if (continuedFrom != 0) {
        auto s = db_->cached("UPDATE messages SET continued_from = ?1 WHERE id = ?2");
        s->bindInt64(1, continuedFrom);
        s->bindInt64(2, reply);
        s->run();
    }
    recordModelName(*db_, conversationId, modelName);
    tx.commit();
    return reply;
}

bool ConversationStore::discardEmptyReply(qint64 messageId) {
    const auto lock = gate_.lockWriter(*db_);
    auto s = db_->cached("DELETE FROM messages WHERE id = ?1 AND role = ?2 AND text = '' AND "
                         "NOT EXISTS (SELECT 1 FROM messages c WHERE c.parent_id = ?1)");
    s->bindInt64(1, messageId);
    s->bindInt64(2, qint64(Role::Assistant));
    s->run();
    return db_->changes() == 1;
}

void ConversationStore::updateMessageText(qint64 messageId, const QString& text, bool finished) {
    const auto lock = gate_.lockWriter(*db_);
    auto s = db_->cached("UPDATE messages SET text = ?1, finished = ?2 WHERE id = ?3");
    s->bindText(1, text);
    s->bindBool(2, finished);
    s->bindInt64(3, messageId);
    s->run();
    if (db_->changes() != 1) throw StoreError("updateMessageText: " + unknown("message", messageId));
    forgetTextNotSaved(messageId);
}

QString ConversationStore::unsavedNotePath(qint64 messageId) const {
    return db_->path() + QStringLiteral("-unsaved-") + QString::number(messageId);
}

void ConversationStore::noteTextNotSaved(qint64 messageId) noexcept {
    try {
        const auto lock = gate_.lockWriter(*db_);
        if (db_->isMemory() || db_->isReadOnly() || textNotSaved_.contains(messageId)) return;
        QFile note(unsavedNotePath(messageId));
        if (note.open(QIODevice::WriteOnly)) textNotSaved_.insert(messageId);
    } catch (...) {
    }
}

bool ConversationStore::markStoppedBeforeFirstWord(qint64 messageId, ReplyEnd end) {
    const auto lock = gate_.lockWriter(*db_);
    auto s = db_->cached("UPDATE messages SET reply_end = ?1 WHERE id = ?2 AND role = ?3 AND finished = 0 AND text = ''");
    s->bindInt64(1, qint64(end));
    s->bindInt64(2, messageId);
    s->bindInt64(3, qint64(Role::Assistant));
    s->run();
    return db_->changes() == 1;
}

int ConversationStore::discardRepliesNeverBegun() {
    const auto lock = gate_.lockWriter(*db_);
    if (db_->isReadOnly()) return 0;
    Transaction tx(*db_);
    struct Version {
        qint64 id, conversation, question, continued;
    };
    QList<Version> versions;
    QSet<qint64> doomed;
    // The unfinished rows alone, through their partial index (schema v11: messages_unfinished): a scan of every row
    // would read a large library's whole text (finished and reply_end come after it in each row) at every start.
    // Before, only the newest 256 ids were looked at, and a kill's versions older than those stayed.
    auto s = db_->cached("SELECT m.id, m.conversation_id, m.parent_id, coalesce(m.continued_from, 0) FROM messages m "
                         "WHERE m.finished = 0 AND m.role = ?1 AND m.text = '' AND m.reply_end = ?2 AND "
                         "NOT EXISTS (SELECT 1 FROM messages c WHERE c.parent_id = m.id) AND "
                         "EXISTS (SELECT 1 FROM messages o WHERE o.parent_id = m.parent_id AND "
                         "o.conversation_id = m.conversation_id AND o.role = ?1 AND o.id < m.id) ORDER BY m.id");
    s->bindInt64(1, qint64(Role::Assistant));
    s->bindInt64(2, qint64(ReplyEnd::ByItself));
    while (s->step()) {
        const qint64 id = s->columnInt64(0);
        if (QFile::exists(unsavedNotePath(id))) continue;  // its text was shown: TextLost once the note is adopted
        versions.append({id, s->columnInt64(1), s->columnInt64(2), s->columnInt64(3)});
        doomed.insert(id);
    }
    for (const Version& v : versions) {
        qint64 instead = doomed.contains(v.continued) ? 0 : v.continued;
        if (instead == 0) {  // the newest older reply kept (the oldest one is never deleted: none is older)
            auto older = db_->cached("SELECT id FROM messages WHERE parent_id = ?1 AND conversation_id = ?2 AND "
                                     "role = ?3 AND id < ?4 ORDER BY id DESC");
            older->bindInt64(1, v.question);
            older->bindInt64(2, v.conversation);
            older->bindInt64(3, qint64(Role::Assistant));
            older->bindInt64(4, v.id);
            while (instead == 0 && older->step())
                if (!doomed.contains(older->columnInt64(0))) instead = older->columnInt64(0);
        }
        auto viewed = db_->cached("UPDATE conversations SET viewed_leaf_id = nullif(?1, 0) WHERE id = ?2 AND "
                                  "viewed_leaf_id = ?3");
        viewed->bindInt64(1, instead);
        viewed->bindInt64(2, v.conversation);
        viewed->bindInt64(3, v.id);
        viewed->run();
        auto gone = db_->cached("DELETE FROM messages WHERE id = ?1");
        gone->bindInt64(1, v.id);
        gone->run();
    }
    tx.commit();
    return int(versions.size());
}

void ConversationStore::forgetTextNotSaved(qint64 messageId) {
    if (textNotSaved_.remove(messageId)) QFile::remove(unsavedNotePath(messageId));
}

void ConversationStore::adoptTextNotSavedNotes() {
    if (db_->isMemory()) return;
    const QFileInfo db(db_->path());
    const QString prefix = db.fileName() + QStringLiteral("-unsaved-");
    for (const QString& name : filesWithPrefix(db.dir(), prefix)) {
        bool ok = false;
        const qint64 id = name.mid(prefix.size()).toLongLong(&ok);
        if (ok) {
            auto s = db_->cached("UPDATE messages SET reply_end = ?1 WHERE id = ?2 AND finished = 0 AND text = ''");
            s->bindInt64(1, qint64(ReplyEnd::TextLost));
            s->bindInt64(2, id);
            s->run();  // a full disk still: throws, and the note waits for the next open
        }
        QFile::remove(db.dir().filePath(name));  // marked, or its reply saved, gone or never ours
    }
}

std::optional<Message> ConversationStore::message(qint64 messageId) const {
    const ConnectionGate::Read db(gate_, *db_, reader_.get());
    auto s = db->cached(std::string("SELECT ") + kMessageColumns + " FROM messages m WHERE m.id = ?1");
    s->bindInt64(1, messageId);
    if (!s->step()) return std::nullopt;
    return readMessage(*s);
}

namespace {

// The parent walk of readChain and branchIds, ?1 the leaf and ?2 how deep it goes: "<kChainWalk> COLUMNS <kChainRows>"
// gives the chain's rows of the leaf's conversation, root first (m is the message row).
constexpr const char* kChainWalk =
    "WITH RECURSIVE chain(id, depth) AS (SELECT ?1, 0 UNION ALL SELECT m.parent_id, c.depth + 1 FROM messages m JOIN "
    "chain c ON m.id = c.id WHERE m.parent_id IS NOT NULL AND c.depth < ?2) SELECT ";
constexpr const char* kChainRows =
    " FROM chain JOIN messages m ON m.id = chain.id WHERE m.conversation_id = (SELECT conversation_id FROM messages "
    "WHERE id = ?1) ORDER BY chain.depth DESC";

/// How many messages the conversation of message `id` holds: the deepest a whole branch's walk goes (a longer chain
/// loops: readChain).
qint64 messagesOfItsConversation(Database& db, qint64 id) {
    auto n = db.cached("SELECT count(*) FROM messages WHERE conversation_id = "
                       "(SELECT conversation_id FROM messages WHERE id = ?1)");
    n->bindInt64(1, id);
    return n->step() ? n->columnInt64(0) : 0;
}

}  // namespace

QList<Message> ConversationStore::readBranch(Database& db, qint64 leafId) { return readChain(db, leafId, 0, {}).messages; }

QList<qint64> ConversationStore::branchIds(Database& db, qint64 leafId) {
    // readChain's walk and rule (a chain at most as deep as the conversation is long; only its rows; cut at the first
    // message seen twice from the leaf up), without the rows' texts and sibling counts: a 50,000-message branch's rows
    // read whole took seconds of the fork's time, its ids 60 ms.
    auto s = db.cached(std::string(kChainWalk) + "m.id" + kChainRows);
    s->bindInt64(1, leafId);
    s->bindInt64(2, messagesOfItsConversation(db, leafId));
    QList<qint64> out;
    while (s->step()) out.append(s->columnInt64(0));
    QSet<qint64> seen;
    for (qsizetype i = out.size() - 1; i >= 0; --i) {
        if (seen.contains(out[i])) {
            out.remove(0, i + 1);
            break;
        }
        seen.insert(out[i]);
    }
    return out;
}

ConversationStore::BranchPage ConversationStore::readChain(Database& db, qint64 leafId, int limit,
                                                           const QSet<qint64>& below) {
    // How deep the walk goes. A page: one message more than asked for, which says whether more lies above. The whole
    // branch: the conversation's message count, so that a chain longer than its conversation's messages loops — a
    // damaged row made a message its own ancestor (session 22's trial, F1: the walk never ended and the app hung at
    // start). The walk stops there, and the branch is the chain from the leaf up to the first message seen twice, drawn
    // as if it began there.
    const qint64 bound = limit > 0 ? limit : messagesOfItsConversation(db, leafId);
    // The parent chain of leafId, root first, with each message's position among its siblings.
    auto s = db.cached(
        std::string(kChainWalk) + kMessageColumns +
        ", (SELECT count(*) FROM messages s WHERE s.conversation_id = m.conversation_id AND s.parent_id IS m.parent_id),"
        " (SELECT count(*) FROM messages s WHERE s.conversation_id = m.conversation_id AND s.parent_id IS m.parent_id"
        " AND s.id <= m.id)" + kChainRows);
    s->bindInt64(1, leafId);
    s->bindInt64(2, bound);
    BranchPage page;
    QList<Message>& out = page.messages;
    while (s->step()) {
        Message m = readMessage(*s);
        m.sibling_count = int(std::max<qint64>(1, s->columnInt64(kMessageColumnCount)));
        m.sibling_index = int(std::clamp<qint64>(s->columnInt64(kMessageColumnCount + 1), 1, m.sibling_count));
        out.append(m);
    }
    QSet<qint64> seen = below;  // from the leaf up: at the first message seen twice, what lies above it is the loop again
    for (qsizetype i = out.size() - 1; i >= 0; --i)
        if (seen.contains(out[i].id)) {
            out.remove(0, i + 1);
            if (out.isEmpty()) return page;  // leafId itself was read before: not a chain of this conversation
            // Said of the message shown first, as damageRow says it: "the parents of message 4 loop at message 4"
            // named another message than the window's detail (session 26's trial, F5).
            static QSet<qint64> told;  // once per loop and process
            static std::mutex toldMutex;  // readBranch runs on two connections at once (ConnectionGate)
            if (std::lock_guard lock(toldMutex); !told.contains(out.first().id)) {
                told.insert(out.first().id);
                qWarning("conversation %lld: message %lld is saved as a reply to message %lld, one of its own replies "
                         "(a loop of parents, a damaged row): it is shown first",
                         static_cast<long long>(out.first().conversation_id), static_cast<long long>(out.first().id),
                         static_cast<long long>(out.first().parent_id));
            }
            out.first().damage |= ParentsLoop;  // the window says so (ChatController::damageNote)
            return page;
        } else {
            seen.insert(out[i].id);
        }
    if (limit > 0 && out.size() > limit) {  // the message read beyond the page: more lies above
        out.removeFirst();
        page.olderLeft = true;
        return page;
    }
    // A parent_id naming no message of the conversation (a hand-made row) ended the walk there: the messages above
    // were hidden without a word (session 26's trial, F6). The branch's first message is read as a first message: it
    // and the conversation's other first messages are siblings, so each of their branches can be shown.
    if (out.isEmpty()) return page;
    Message& first = out.first();
    if (first.parent_id != 0) first.damage |= ParentMissing;
    const QList<qint64> firsts = firstMessages(db, first.conversation_id);
    if (const qsizetype at = firsts.indexOf(first.id); at >= 0) {
        first.sibling_count = int(firsts.size());
        first.sibling_index = int(at + 1);
    }
    return page;
}

QList<qint64> ConversationStore::firstMessages(Database& db, qint64 conversationId) {
    auto s = db.cached("SELECT m.id FROM messages m WHERE m.conversation_id = ?1 AND (m.parent_id IS NULL OR NOT "
                         "EXISTS (SELECT 1 FROM messages p WHERE p.id = m.parent_id AND p.conversation_id = ?1)) "
                         "ORDER BY m.id");
    s->bindInt64(1, conversationId);
    QList<qint64> out;
    while (s->step()) out.append(s->columnInt64(0));
    return out;
}

QString damageRow(const Message& m) {
    if (m.damage == 0) return {};
    QStringList what;
    if (m.damage & RoleUnreadable) what << QStringLiteral("its role is unreadable");
    if (m.damage & TextUnreadable) what << QStringLiteral("its text is not text");
    if (m.damage & ParentsLoop)
        what << QStringLiteral("it is shown first, though it is saved as a reply to message %1, one of its own replies "
                               "(the loop)").arg(m.parent_id);
    if (m.damage & ParentMissing)
        what << QStringLiteral("it is saved as a reply to message %1, which does not exist, so it is shown as a first "
                               "message").arg(m.parent_id);
    return QStringLiteral("message %1: %2").arg(m.id).arg(what.join(QStringLiteral(", ")));
}

QList<Message> ConversationStore::messages(qint64 conversationId) const {
    const ConnectionGate::Read db(gate_, *db_, reader_.get());
    qint64 leaf = 0;
    {
        auto s = db->cached("SELECT max(id) FROM messages WHERE conversation_id = ?1");
        s->bindInt64(1, conversationId);
        if (s->step() && !s->columnIsNull(0)) leaf = s->columnInt64(0);
    }
    QList<Message> out = leaf == 0 ? QList<Message>() : readBranch(db.db(), leaf);
    messagesRead_ += out.size();
    return out;
}

std::optional<Message> ConversationStore::newestMessage(qint64 conversationId) const {
    const ConnectionGate::Read db(gate_, *db_, reader_.get());
    auto s = db->cached(std::string("SELECT ") + kMessageColumns +
                         " FROM messages m WHERE m.conversation_id = ?1 ORDER BY m.id DESC LIMIT 1");
    s->bindInt64(1, conversationId);
    if (!s->step()) return std::nullopt;
    return readMessage(*s);
}

QList<Message> ConversationStore::branch(qint64 leafId) const {
    const ConnectionGate::Read db(gate_, *db_, reader_.get());
    QList<Message> out = readBranch(db.db(), leafId);
    messagesRead_ += out.size();
    return out;
}

ConversationStore::BranchPage ConversationStore::branchPage(qint64 leafId, int limit, const QSet<qint64>& below) const {
    const ConnectionGate::Read db(gate_, *db_, reader_.get());
    BranchPage page = readChain(db.db(), leafId, std::max(1, limit), below);
    messagesRead_ += page.messages.size();
    return page;
}

std::optional<QList<qint64>> ConversationStore::idsBelow(qint64 topId, qint64 leafId) const {
    const ConnectionGate::Read db(gate_, *db_, reader_.get());
    auto n = db->cached("SELECT count(*) FROM messages WHERE conversation_id = "
                         "(SELECT conversation_id FROM messages WHERE id = ?1)");
    n->bindInt64(1, leafId);
    const qint64 bound = n->step() ? n->columnInt64(0) : 0;
    // The parent chain of leafId up to topId (ids only), deepest first, at most as deep as the conversation is long.
    auto s = db->cached("WITH RECURSIVE up(id, depth) AS (SELECT ?1, 0 UNION ALL SELECT m.parent_id, up.depth + 1 "
                         "FROM messages m JOIN up ON m.id = up.id WHERE up.id <> ?2 AND m.parent_id IS NOT NULL AND "
                         "up.depth < ?3) SELECT id FROM up ORDER BY depth DESC");
    s->bindInt64(1, leafId);
    s->bindInt64(2, topId);
    s->bindInt64(3, bound);
    QList<qint64> out;
    while (s->step()) out.append(s->columnInt64(0));
    if (out.isEmpty() || out.first() != topId) return std::nullopt;
    out.removeFirst();
    return out;
}

qint64 ConversationStore::newestLeafUnder(qint64 messageId) const {
    const ConnectionGate::Read db(gate_, *db_, reader_.get());
    // Ids grow with time and a child is newer than its parent, so the largest id of the subtree is a leaf. UNION ends
    // the walk on a damaged loop of parents (see viewedLeaf).
    auto s = db->cached("WITH RECURSIVE sub(id) AS (SELECT id FROM messages WHERE id = ?1 UNION "
                         "SELECT m.id FROM messages m JOIN sub ON m.parent_id = sub.id) SELECT max(id) FROM sub");
    s->bindInt64(1, messageId);
    return s->step() && !s->columnIsNull(0) ? s->columnInt64(0) : 0;
}

QList<qint64> ConversationStore::siblings(qint64 messageId) const {
    const ConnectionGate::Read db(gate_, *db_, reader_.get());
    auto c = db->cached("SELECT conversation_id FROM messages WHERE id = ?1");
    c->bindInt64(1, messageId);
    if (c->step()) {
        const QList<qint64> firsts = firstMessages(db.db(), c->columnInt64(0));  // a parent that does not exist: a first one
        if (firsts.contains(messageId)) return firsts;
    }
    auto s = db->cached("SELECT s.id FROM messages m JOIN messages s ON s.conversation_id = m.conversation_id "
                         "AND s.parent_id IS m.parent_id WHERE m.id = ?1 ORDER BY s.id");
    s->bindInt64(1, messageId);
    QList<qint64> out;
    while (s->step()) out.append(s->columnInt64(0));
    return out;
}

QList<Message> ConversationStore::allMessages(qint64 conversationId) const {
    const ConnectionGate::Read db(gate_, *db_, reader_.get());
    auto s = db->cached(std::string("SELECT ") + kMessageColumns +
                         " FROM messages m WHERE m.conversation_id = ?1 ORDER BY m.id");
    s->bindInt64(1, conversationId);
    QList<Message> out;
    while (s->step()) out.append(readMessage(*s));
    messagesRead_ += out.size();
    return out;
}

// --- turn results ---

bool ConversationStore::saveTurnResult(qint64 conversationId, qint64 assistantMessageId, const QString& finalText,
                                       qint64 tokenCount, const Readouts& r, const QList<NewSnapshot>& snapshots,
                                       const QString& modelName, bool finished, ReplyEnd end,
                                       std::exception_ptr* stateError) {
    if (stateError) *stateError = nullptr;
    const auto lock = gate_.lockWriter(*db_);
    const auto write = [&](const QList<NewSnapshot>& snaps) {
        Transaction tx(*db_);
        {
            auto s = db_->cached("UPDATE messages SET text = ?1, token_count = ?2, finished = ?3, prefill_tokens = ?4,"
                                 " prefill_ms = ?5, decode_ms = ?6, ttft_ms = ?7, state_source = ?8, reply_end = ?11, "
                                 "state_tokens = ?12 WHERE id = ?9 AND conversation_id = ?10");
            s->bindText(1, finalText);
            s->bindInt64(2, tokenCount);
            s->bindBool(3, finished);
            s->bindInt64(4, r.prefill_tokens);
            s->bindDouble(5, r.prefill_ms);
            s->bindDouble(6, r.decode_ms);
            s->bindDouble(7, r.ttft_ms);
            s->bindInt64(8, qint64(r.state_source));
            s->bindInt64(9, assistantMessageId);
            s->bindInt64(10, conversationId);
            s->bindInt64(11, qint64(end));
            s->bindInt64(12, std::max<qint64>(0, r.state_tokens));
            s->run();
            if (db_->changes() != 1)
                throw StoreError("message " + std::to_string(assistantMessageId) + " is not in conversation " +
                                 std::to_string(conversationId));
        }
        for (const NewSnapshot& snap : snaps) writeSnapshot(conversationId, snap);
        if (!snaps.isEmpty()) applyRetention(conversationId);
        if (!modelName.isEmpty()) {
            auto s = db_->cached("UPDATE conversations SET model_name = ?1 WHERE id = ?2");
            s->bindText(1, modelName);
            s->bindInt64(2, conversationId);
            s->run();
        }
        touchConversation(conversationId, "saveTurnResult");
        tx.commit();
    };
    try {
        try {
            write(snapshots);
            forgetTextNotSaved(assistantMessageId);
            return true;
        } catch (const StoreError& e) {
            // The disk is full (SQLITE_FULL; a file-size limit reads as a write I/O error), or the file is damaged
            // where the snapshots go (their table, the free pages): the snapshots are only a cache of what the text
            // gives again, so the turn is saved without them rather than lost. Damage in the messages fails again.
            const bool full = e.code() == SQLITE_FULL || e.extendedCode() == SQLITE_IOERR_WRITE;
            const bool damaged = e.code() == SQLITE_CORRUPT || e.code() == SQLITE_NOTADB;
            if (!full && !(damaged && !snapshots.isEmpty())) throw;
            if (stateError && !snapshots.isEmpty()) *stateError = std::current_exception();
        }
        // The write-ahead log holds this turn's question and every change since the last checkpoint, and only grows
        // until one: moving its pages into the database file (mostly pages that are there already) and emptying it
        // frees that room for the text. Best effort: if it cannot, the write below says the disk is full.
        sqlite3_wal_checkpoint_v2(db_->handle(), nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
        withRoom(conversationId, [&] { write({}); });  // still full: saved states dropped to make room
        // Once committed: withRoom's own transaction commits the text after write's (a savepoint inside it) has ended.
        forgetTextNotSaved(assistantMessageId);
        return snapshots.isEmpty();
    } catch (const StoreError& e) {
        // The file and SQLite's words travel on: the banner names the database by its path, as every other store
        // error does (session 23's trial, T1: "conversations.sqlite" here, "/mnt/tx/conversations.sqlite" elsewhere).
        throw StoreError(std::string("saveTurnResult (nothing was written): ") + e.what(), e.code(),
                         e.extendedCode(), e.sql(), e.file(), e.sqliteMessage());
    }
}

// --- import ---

qint64 ConversationStore::importConversation(const ConversationImport& data, bool* folderMade) {
    if (folderMade) *folderMade = false;
    const auto lock = gate_.lockWriter(*db_);
    Transaction tx(*db_);
    const Conversation& c = data.conversation;
    const qint64 now = nowMs();
    qint64 id = 0;
    bool made = false;
    const qint64 folder = data.folder.isEmpty() ? 0 : folderForImport(data.folder, &made);
    {
        auto s = db_->cached("INSERT INTO conversations (title, system_prompt, created_at, updated_at, last_used_at,"
                             " sampling_preset, think_mode, model_name, start_state, start_state_sha256, folder_id) "
                             "SELECT ?1, ?2, ?3, t, t, ?5, ?6, ?7, ?8, ?9, nullif(?10, 0) FROM (SELECT max(?4, "
                             "coalesce(max(max(updated_at), max(last_used_at)), 0) + 1) AS t FROM conversations)");
        s->bindText(1, c.title);
        s->bindText(2, c.system_prompt);
        s->bindInt64(3, c.created_at > 0 ? c.created_at : now);
        s->bindInt64(4, now);
        s->bindText(5, c.sampling_preset);
        s->bindInt64(6, qint64(c.think_mode));
        s->bindText(7, c.model_name);
        s->bindText(8, c.start_state);  // the state-tuning file it starts from (an import keeps its path + sha256)
        s->bindText(9, c.start_state_sha256);
        s->bindInt64(10, folder);  // the export's folder, found here by its name or made (folderForImport)
        s->run();
        id = db_->lastInsertRowId();
    }
    QHash<qint64, qint64> newIds;  // bundle id -> row id
    for (const Message& m : data.messages) {
        if (m.id <= 0 || newIds.contains(m.id))
            throw StoreError("import: message id " + std::to_string(m.id) + " is missing or repeated");
        if (m.parent_id != 0 && !newIds.contains(m.parent_id))
            throw StoreError("import: message " + std::to_string(m.id) + " names parent " +
                             std::to_string(m.parent_id) + ", which does not come before it");
        const qint64 row = insertMessage(id, newIds.value(m.parent_id, 0), m.role, m.text, m.finished,
                                         m.created_at > 0 ? m.created_at : now);
        auto s = db_->cached("UPDATE messages SET token_count = ?1, prefill_tokens = ?2, prefill_ms = ?3, "
                             "decode_ms = ?4, ttft_ms = ?5, state_source = ?6, reply_end = ?8, state_tokens = ?9, "
                             "continued_from = ?10 WHERE id = ?7");
        s->bindInt64(1, m.token_count);
        s->bindInt64(2, m.readouts.prefill_tokens);
        s->bindDouble(3, m.readouts.prefill_ms);
        s->bindDouble(4, m.readouts.decode_ms);
        s->bindDouble(5, m.readouts.ttft_ms);
        s->bindInt64(6, qint64(m.readouts.state_source));
        s->bindInt64(7, row);
        s->bindInt64(8, qint64(m.end));
        s->bindInt64(9, std::max<qint64>(0, m.readouts.state_tokens));
        // The version it was continued from, renumbered as parents are; one that is not an earlier message of the
        // file (an export of a chat made from here names the version in the chat it was made from) is left out.
        if (const qint64 from = newIds.value(m.continued_from, 0); from != 0)
            s->bindInt64(10, from);
        else
            s->bindNull(10);
        s->run();
        newIds.insert(m.id, row);
    }
    // The branch viewed last where it was exported: the chat opens on it (viewedLeaf). One the file does not hold is
    // passed over: the newest branch, as for a file without it.
    if (const qint64 viewed = newIds.value(c.viewed_leaf_id, 0); viewed != 0) {
        auto s = db_->cached("UPDATE conversations SET viewed_leaf_id = ?1 WHERE id = ?2");
        s->bindInt64(1, viewed);
        s->bindInt64(2, id);
        s->run();
    }
    if (data.snapshot) {
        NewSnapshot snap = *data.snapshot;
        if (!newIds.contains(snap.message_id))
            throw StoreError("import: the snapshot names message " + std::to_string(snap.message_id) +
                             ", which is not in the conversation");
        snap.message_id = newIds.value(snap.message_id);
        writeSnapshot(id, snap);
    }
    tx.commit();
    if (folderMade) *folderMade = made;
    return id;
}

qint64 ConversationStore::findImported(const ConversationImport& data) const {
    const ConnectionGate::Read db(gate_, *db_, reader_.get());
    if (data.conversation.created_at <= 0)
        return 0;
    QList<qint64> candidates;
    {
        auto s = db->cached("SELECT id FROM conversations WHERE created_at = ?1 AND deleted_at IS NULL ORDER BY id");
        s->bindInt64(1, data.conversation.created_at);
        while (s->step()) candidates.append(s->columnInt64(0));
    }
    for (const qint64 id : candidates) {
        auto s = db->cached("SELECT id, parent_id, role, text, created_at FROM messages WHERE conversation_id = ?1 "
                             "ORDER BY id LIMIT ?2");
        s->bindInt64(1, id);
        s->bindInt64(2, qint64(data.messages.size()));
        QHash<qint64, qint64> rows;  // import id -> row id (an import inserts in the import's order)
        bool same = true;
        for (const Message& m : data.messages) {
            if (!s->step()) {
                same = false;
                break;
            }
            const qint64 parent = m.parent_id == 0 ? 0 : rows.value(m.parent_id, -1);
            same = s->columnInt64(1) == parent && s->columnInt64(2) == qint64(m.role) && s->columnText(3) == m.text &&
                   (m.created_at <= 0 || s->columnInt64(4) == m.created_at);
            if (!same)
                break;
            rows.insert(m.id, s->columnInt64(0));
        }
        if (same)
            return id;
    }
    return 0;
}

}  // namespace rwkv::store
