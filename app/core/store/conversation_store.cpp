// store/conversation_store.cpp — the schema ladder and every query of the conversation database.
// The only file with SQL text besides the pragmas in database.cpp. Tests in tests/app/test_store.cpp.
#include "conversation_store.h"

#include "database.h"
#include "download_store.h"
#include "migrations.h"
#include "transaction.h"

#include <QDateTime>

#include <array>
#include <string>

namespace rwkv::store {
namespace {

// --- schema ladder: one step per user_version; never edit a shipped step, add a new one ---

void createSchemaV1(Database& db) {
    db.exec(R"sql(
CREATE TABLE conversations (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    title         TEXT    NOT NULL DEFAULT '',
    system_prompt TEXT    NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX conversations_by_update ON conversations(updated_at DESC, id DESC);

-- A tree per conversation: edit/regenerate add siblings (same parent_id) instead of overwriting.
CREATE TABLE messages (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    parent_id       INTEGER REFERENCES messages(id) ON DELETE CASCADE,  -- NULL = root
    role            INTEGER NOT NULL CHECK (role IN (0, 1, 2)),        -- Role: System, User, Assistant
    text            TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    token_count     INTEGER NOT NULL DEFAULT 0,
    finished        INTEGER NOT NULL DEFAULT 1 CHECK (finished IN (0, 1))
);
CREATE INDEX messages_by_conversation ON messages(conversation_id, id);
CREATE INDEX messages_by_parent ON messages(parent_id);

-- The latest RNN state per conversation, replaced on every save.
CREATE TABLE states (
    conversation_id   INTEGER PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
    message_id        INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    model_fingerprint TEXT    NOT NULL CHECK (length(model_fingerprint) > 0),
    blob              BLOB    NOT NULL,
    created_at        INTEGER NOT NULL
);
CREATE INDEX states_by_message ON states(message_id);
)sql");
}

const std::array<MigrationStep, 2> kSchemaSteps = {{
    {1, "create conversations, messages and states", createSchemaV1},
    {2, "create downloads", createDownloadsTable},  // SQL in download_store.cpp
}};

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

const char* const kMessageColumns =
    "m.id, m.conversation_id, m.parent_id, m.role, m.text, m.created_at, m.token_count, m.finished";

Message readMessage(const Statement& s) {
    Message m;
    m.id = s.columnInt64(0);
    m.conversation_id = s.columnInt64(1);
    m.parent_id = s.columnIsNull(2) ? 0 : s.columnInt64(2);
    m.role = Role(s.columnInt64(3));
    m.text = s.columnText(4);
    m.created_at = s.columnInt64(5);
    m.token_count = s.columnInt64(6);
    m.finished = s.columnBool(7);
    return m;
}

Conversation readConversation(const Statement& s) {
    Conversation c;
    c.id = s.columnInt64(0);
    c.title = s.columnText(1);
    c.created_at = s.columnInt64(2);
    c.updated_at = s.columnInt64(3);
    c.system_prompt = s.columnText(4);
    return c;
}

QList<Message> readMessages(Statement& s) {
    QList<Message> out;
    while (s.step())
        out.append(readMessage(s));
    return out;
}

std::string unknown(const char* what, qint64 id) { return std::string("unknown ") + what + " " + std::to_string(id); }

}  // namespace

ConversationStore::ConversationStore(const QString& path) : db_(std::make_unique<Database>(path)) {
    migrate(*db_, kSchemaSteps);  // refuses a too-new file before anything is written
    db_->enableWal();
}

ConversationStore::~ConversationStore() = default;

int ConversationStore::schemaVersion() { return kSchemaSteps.back().toVersion; }

// --- conversations ---

qint64 ConversationStore::touchConversation(qint64 conversationId, const char* caller) {
    // Strictly greater than every stored updated_at, so the most recently touched conversation sorts
    // first even when two changes fall in the same millisecond.
    auto s = db_->cached("UPDATE conversations SET updated_at = "
                         "max(?1, (SELECT coalesce(max(updated_at), 0) + 1 FROM conversations)) "
                         "WHERE id = ?2 RETURNING updated_at");
    s->bindInt64(1, nowMs());
    s->bindInt64(2, conversationId);
    if (!s->step())
        throw StoreError(std::string(caller) + ": " + unknown("conversation", conversationId));
    return s->columnInt64(0);
}

qint64 ConversationStore::createConversation(const QString& title, const QString& systemPrompt) {
    std::lock_guard lock(mutex_);
    auto s = db_->cached("INSERT INTO conversations (title, system_prompt, created_at, updated_at) "
                         "SELECT ?1, ?2, ?3, max(?3, coalesce(max(updated_at), 0) + 1) FROM conversations");
    s->bindText(1, title);
    s->bindText(2, systemPrompt);
    s->bindInt64(3, nowMs());
    s->run();
    return db_->lastInsertRowId();
}

QList<Conversation> ConversationStore::listConversations() const {
    std::lock_guard lock(mutex_);
    auto s = db_->cached("SELECT id, title, created_at, updated_at, system_prompt FROM conversations "
                         "ORDER BY updated_at DESC, id DESC");
    QList<Conversation> out;
    while (s->step())
        out.append(readConversation(*s));
    return out;
}

std::optional<Conversation> ConversationStore::conversation(qint64 id) const {
    std::lock_guard lock(mutex_);
    auto s = db_->cached("SELECT id, title, created_at, updated_at, system_prompt FROM conversations "
                         "WHERE id = ?1");
    s->bindInt64(1, id);
    if (!s->step())
        return std::nullopt;
    return readConversation(*s);
}

void ConversationStore::renameConversation(qint64 id, const QString& title) {
    std::lock_guard lock(mutex_);
    auto s = db_->cached("UPDATE conversations SET title = ?1 WHERE id = ?2");
    s->bindText(1, title);
    s->bindInt64(2, id);
    s->run();
    if (db_->changes() != 1)
        throw StoreError("renameConversation: " + unknown("conversation", id));
}

void ConversationStore::setSystemPrompt(qint64 id, const QString& systemPrompt) {
    std::lock_guard lock(mutex_);
    auto s = db_->cached("UPDATE conversations SET system_prompt = ?1 WHERE id = ?2");
    s->bindText(1, systemPrompt);
    s->bindInt64(2, id);
    s->run();
    if (db_->changes() != 1)
        throw StoreError("setSystemPrompt: " + unknown("conversation", id));
}

void ConversationStore::deleteConversation(qint64 id) {
    std::lock_guard lock(mutex_);
    auto s = db_->cached("DELETE FROM conversations WHERE id = ?1");  // messages and state cascade
    s->bindInt64(1, id);
    s->run();
}

// --- messages ---

qint64 ConversationStore::addMessage(qint64 conversationId, qint64 parentId, Role role, const QString& text,
                                     bool finished) {
    std::lock_guard lock(mutex_);
    Transaction tx(*db_);
    const qint64 now = touchConversation(conversationId, "addMessage");
    if (parentId != 0) {
        auto p = db_->cached("SELECT conversation_id FROM messages WHERE id = ?1");
        p->bindInt64(1, parentId);
        if (!p->step())
            throw StoreError("addMessage: " + unknown("parent message", parentId));
        if (p->columnInt64(0) != conversationId)
            throw StoreError("addMessage: parent message " + std::to_string(parentId) +
                             " belongs to conversation " + std::to_string(p->columnInt64(0)) + ", not " +
                             std::to_string(conversationId));
    }  // p is reset here, before the INSERT
    auto s = db_->cached("INSERT INTO messages (conversation_id, parent_id, role, text, created_at, finished) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    s->bindInt64(1, conversationId);
    if (parentId != 0)
        s->bindInt64(2, parentId);
    else
        s->bindNull(2);
    s->bindInt64(3, qint64(role));
    s->bindText(4, text);
    s->bindInt64(5, now);
    s->bindBool(6, finished);
    s->run();
    const qint64 id = db_->lastInsertRowId();
    tx.commit();
    return id;
}

void ConversationStore::updateMessageText(qint64 messageId, const QString& text, bool finished) {
    std::lock_guard lock(mutex_);
    auto s = db_->cached("UPDATE messages SET text = ?1, finished = ?2 WHERE id = ?3");
    s->bindText(1, text);
    s->bindBool(2, finished);
    s->bindInt64(3, messageId);
    s->run();
    if (db_->changes() != 1)
        throw StoreError("updateMessageText: " + unknown("message", messageId));
}

std::optional<Message> ConversationStore::message(qint64 messageId) const {
    std::lock_guard lock(mutex_);
    auto s = db_->cached(std::string("SELECT ") + kMessageColumns + " FROM messages m WHERE m.id = ?1");
    s->bindInt64(1, messageId);
    if (!s->step())
        return std::nullopt;
    return readMessage(*s);
}

namespace {

// The messages from the row chosen by `seed` (a SELECT of (id, 0)) up its parent chain, root first.
std::string parentChainQuery(const char* seed) {
    return std::string("WITH RECURSIVE chain(id, depth) AS (") + seed +
           " UNION ALL"
           " SELECT m.parent_id, c.depth + 1 FROM messages m JOIN chain c ON m.id = c.id"
           " WHERE m.parent_id IS NOT NULL) "
           "SELECT " +
           kMessageColumns + " FROM chain JOIN messages m ON m.id = chain.id ORDER BY chain.depth DESC";
}

}  // namespace

QList<Message> ConversationStore::messages(qint64 conversationId) const {
    std::lock_guard lock(mutex_);
    // The newest message is always a leaf (a child is inserted after its parent, so it has a larger id):
    // walk its parent chain up to the root.
    auto s = db_->cached(parentChainQuery("SELECT max(id), 0 FROM messages WHERE conversation_id = ?1"));
    s->bindInt64(1, conversationId);
    return readMessages(*s);
}

QList<Message> ConversationStore::branch(qint64 leafId) const {
    std::lock_guard lock(mutex_);
    auto s = db_->cached(parentChainQuery("SELECT ?1, 0"));
    s->bindInt64(1, leafId);
    return readMessages(*s);
}

QList<Message> ConversationStore::allMessages(qint64 conversationId) const {
    std::lock_guard lock(mutex_);
    auto s = db_->cached(std::string("SELECT ") + kMessageColumns +
                         " FROM messages m WHERE m.conversation_id = ?1 ORDER BY m.id");
    s->bindInt64(1, conversationId);
    return readMessages(*s);
}

// --- turn results and states ---

void ConversationStore::writeState(const StateBlob& state) {
    // INSERT ... SELECT from messages: writes nothing unless the message belongs to the conversation.
    // The blob is bound with sqlite3_bind_blob64 without a copy; streaming it with incremental blob I/O
    // (sqlite3_blob_open on a zeroblob) for very large states is a later issue.
    auto s = db_->cached("INSERT INTO states (conversation_id, message_id, model_fingerprint, blob, created_at) "
                         "SELECT conversation_id, id, ?3, ?4, ?5 FROM messages "
                         "WHERE id = ?2 AND conversation_id = ?1 "
                         "ON CONFLICT (conversation_id) DO UPDATE SET message_id = excluded.message_id, "
                         "model_fingerprint = excluded.model_fingerprint, blob = excluded.blob, "
                         "created_at = excluded.created_at");
    s->bindInt64(1, state.conversation_id);
    s->bindInt64(2, state.message_id);
    s->bindText(3, state.model_fingerprint);
    s->bindBlobNoCopy(4, state.blob.constData(), state.blob.size());
    s->bindInt64(5, state.created_at != 0 ? state.created_at : nowMs());
    s->run();
    if (db_->changes() != 1)
        throw StoreError("save state: message " + std::to_string(state.message_id) +
                         " is not in conversation " + std::to_string(state.conversation_id));
}

void ConversationStore::saveTurnResult(qint64 conversationId, qint64 assistantMessageId, const QString& finalText,
                                       qint64 tokenCount, const QString& stateFingerprint,
                                       const QByteArray& stateBlob, bool finished) {
    std::lock_guard lock(mutex_);
    try {
        Transaction tx(*db_);
        {
            auto s = db_->cached("UPDATE messages SET text = ?1, token_count = ?2, finished = ?3 "
                                 "WHERE id = ?4 AND conversation_id = ?5");
            s->bindText(1, finalText);
            s->bindInt64(2, tokenCount);
            s->bindBool(3, finished);
            s->bindInt64(4, assistantMessageId);
            s->bindInt64(5, conversationId);
            s->run();
            if (db_->changes() != 1)
                throw StoreError("message " + std::to_string(assistantMessageId) + " is not in conversation " +
                                 std::to_string(conversationId));
        }
        if (!stateBlob.isEmpty())
            writeState({conversationId, assistantMessageId, stateFingerprint, stateBlob, 0});
        touchConversation(conversationId, "saveTurnResult");
        tx.commit();
    } catch (const StoreError& e) {
        throw StoreError(std::string("saveTurnResult (nothing was written): ") + e.what(), e.code(),
                         e.extendedCode(), e.sql());
    }
}

void ConversationStore::saveState(const StateBlob& state) {
    std::lock_guard lock(mutex_);
    writeState(state);
}

std::optional<StateBlob> ConversationStore::latestState(qint64 conversationId) const {
    std::lock_guard lock(mutex_);
    auto s = db_->cached("SELECT conversation_id, message_id, model_fingerprint, blob, created_at "
                         "FROM states WHERE conversation_id = ?1");
    s->bindInt64(1, conversationId);
    if (!s->step())
        return std::nullopt;
    return StateBlob{s->columnInt64(0), s->columnInt64(1), s->columnText(2), s->columnBlob(3), s->columnInt64(4)};
}

void ConversationStore::clearState(qint64 conversationId) {
    std::lock_guard lock(mutex_);
    auto s = db_->cached("DELETE FROM states WHERE conversation_id = ?1");
    s->bindInt64(1, conversationId);
    s->run();
}

}  // namespace rwkv::store
