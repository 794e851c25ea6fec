// store/schema.cpp — the schema ladder of the conversation database: v1 conversations/messages/states,
// v2 downloads (download_store.cpp), v3 snapshots, readouts, library columns and full-text search, v4 the branch
// each conversation was last viewed on, v5 how each reply ended, v6 the state-tuning file a conversation starts from,
// v7 folders of conversations, v8 the message a conversation was made from ("New chat from here"), v9 how many tokens
// the state after each reply has read, v10 the version each reply was continued from, v11 an index of the unfinished
// messages.
// docs/conversations.md describes the tables. Tests: tests/app/test_store_migration.cpp.
#include "schema.h"

#include "database.h"
#include "download_store.h"
#include "store_error.h"
#include "transaction.h"

#include <sqlite3.h>

#include <array>
#include <vector>

namespace rwkv::store {
namespace {

/// The full-text index over message text (schema v3; restoreSearchIndex makes it again): trigram tokens give
/// case-insensitive substring search in any script (Chinese has no spaces to split words at). External content: the
/// text is stored once, in messages; the triggers keep the index current.
constexpr const char* kSearchIndexSql = R"sql(
CREATE VIRTUAL TABLE messages_fts USING fts5(text, content = 'messages', content_rowid = 'id',
                                             tokenize = 'trigram');
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts (rowid, text) VALUES (new.id, coalesce(new.text, ''));
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, coalesce(old.text, ''));
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, coalesce(old.text, ''));
    INSERT INTO messages_fts (rowid, text) VALUES (new.id, coalesce(new.text, ''));
END;
)sql";

/// The saved states (schema v3; remakeSnapshotsTable makes it again, empty).
constexpr const char* kSnapshotsSql = R"sql(
-- The RNN state right after a message, per model (fingerprint, weight dtype, backend kind): a snapshot is used
-- only when all three match the loaded model. blob is the engine's state blob after the codec; written with
-- incremental blob I/O over a zeroblob. Pruned by the retention policy (retention.h).
CREATE TABLE snapshots (
    id                INTEGER PRIMARY KEY,
    conversation_id   INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    message_id        INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    model_fingerprint TEXT    NOT NULL CHECK (length(model_fingerprint) > 0),
    weight_dtype      TEXT    NOT NULL,
    backend           TEXT    NOT NULL,
    codec             INTEGER NOT NULL CHECK (codec IN (0, 1, 2)),  -- SnapshotCodec: raw, zstd, shuffle+zstd
    raw_size          INTEGER NOT NULL CHECK (raw_size >= 0),       -- bytes of the state blob before the codec
    blob              BLOB    NOT NULL,
    created_at        INTEGER NOT NULL,
    UNIQUE (message_id, model_fingerprint, weight_dtype, backend)
);
CREATE INDEX snapshots_by_conversation ON snapshots(conversation_id, message_id);
)sql";

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

// v3: per-turn snapshots replace the one state per conversation; readouts per reply; library columns
// (pin, last use, trash, per-conversation settings); FTS5 over message text kept in sync by triggers.
void createSchemaV3(Database& db) {
    db.exec(R"sql(
ALTER TABLE conversations ADD COLUMN last_used_at    INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN pinned          INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1));
ALTER TABLE conversations ADD COLUMN deleted_at      INTEGER;                 -- NULL = not in the trash
ALTER TABLE conversations ADD COLUMN sampling_preset TEXT    NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN think_mode      INTEGER NOT NULL DEFAULT 0 CHECK (think_mode IN (0, 1, 2));
ALTER TABLE conversations ADD COLUMN model_name      TEXT    NOT NULL DEFAULT '';
UPDATE conversations SET last_used_at = updated_at;
DROP INDEX conversations_by_update;  -- lists sort by last use now
CREATE INDEX conversations_by_use ON conversations(pinned DESC, last_used_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX conversations_in_trash ON conversations(deleted_at) WHERE deleted_at IS NOT NULL;

-- Readouts of a generated reply (0 = unknown).
ALTER TABLE messages ADD COLUMN prefill_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN prefill_ms     REAL    NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN decode_ms      REAL    NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN ttft_ms        REAL    NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN state_source   INTEGER NOT NULL DEFAULT 0;  -- StateSourceCode
CREATE INDEX messages_by_sibling ON messages(conversation_id, parent_id, id);

)sql");
    db.exec(kSnapshotsSql);
    db.exec(R"sql(
-- Every v1/v2 state was made by the CPU backend with fp32 weights (the only engine those versions loaded).
INSERT INTO snapshots (conversation_id, message_id, model_fingerprint, weight_dtype, backend, codec, raw_size,
                       blob, created_at)
    SELECT conversation_id, message_id, model_fingerprint, 'fp32', 'cpu', 0, length(blob), blob, created_at
    FROM states;
DROP TABLE states;

)sql");
    db.exec(kSearchIndexSql);
    db.exec("INSERT INTO messages_fts (rowid, text) SELECT id, coalesce(text, '') FROM messages;");
}

// v4: the last message of the branch the user viewed last (ChatController opens the conversation on it; NULL = the
// newest branch). No foreign key: a reader checks that the message still belongs to the conversation.
void createSchemaV4(Database& db) { db.exec("ALTER TABLE conversations ADD COLUMN viewed_leaf_id INTEGER;"); }

// v5: how each reply ended (ReplyEnd: 0 by itself, 1 stopped by the user, 2 cut when the app was closed). Every
// earlier reply reads as 0, what v4 showed for it.
void createSchemaV5(Database& db) {
    db.exec("ALTER TABLE messages ADD COLUMN reply_end INTEGER NOT NULL DEFAULT 0;");
}

// v6: the state-tuning file a conversation starts from (rwkv/state_file.h): its path as chosen and the sha256 of its
// bytes then, so that a chat re-read from its text starts from the same state, or says that the file is gone or
// changed. Empty for every earlier conversation: they start from zeros, as v5 read them.
void createSchemaV6(Database& db) {
    db.exec("ALTER TABLE conversations ADD COLUMN start_state TEXT NOT NULL DEFAULT '';"
            "ALTER TABLE conversations ADD COLUMN start_state_sha256 TEXT NOT NULL DEFAULT '';");
}

// v7: folders of conversations (the sidebar's groups, "Work", "Japanese practice"). A conversation is in one folder
// or none (folder_id NULL: every earlier conversation, listed unfiled as v6 listed it); deleting a folder moves its
// chats out (ON DELETE SET NULL), never deletes them. Names are checked by ConversationStore (trimmed, 1-100
// characters, no control or bidi characters, unique without regard to case): SQLite's NOCASE folds ASCII only.
void createSchemaV7(Database& db) {
    db.exec(R"sql(
CREATE TABLE folders (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT    NOT NULL CHECK (length(name) > 0),
    created_at INTEGER NOT NULL
);
ALTER TABLE conversations ADD COLUMN folder_id INTEGER REFERENCES folders(id) ON DELETE SET NULL;
CREATE INDEX conversations_by_folder ON conversations(folder_id) WHERE folder_id IS NOT NULL;
)sql");
}

// v8: the message a chat was made from by "New chat from here" (forkConversation): retention keeps that message's
// saved states in the chat it belongs to, so that the next chat made from it also goes on without reading the text
// again (docs/conversations.md "Retention"). NULL for every earlier conversation, for one made from a chat's settings
// only, and once the message is deleted (ON DELETE SET NULL: its chat was deleted for good). The partial index serves
// that SET NULL, which looks up every deleted message here, and retention's lookup.
void createSchemaV8(Database& db) {
    db.exec(R"sql(
ALTER TABLE conversations ADD COLUMN forked_from_message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL;
CREATE INDEX conversations_by_fork_source ON conversations(forked_from_message_id)
    WHERE forked_from_message_id IS NOT NULL;
)sql");
}

// v9: how many tokens the state after each reply has read since it began (zeros or the chat's starting-state file):
// the chat's "Memory: N tokens read" (docs/gui.md). 0 for every earlier reply: unknown, shown as nothing rather than
// guessed (what an older reply's state read depends on how each turn found its state). An older app refuses the file
// untouched, "newer than this version", as for every bump.
void createSchemaV9(Database& db) {
    db.exec("ALTER TABLE messages ADD COLUMN state_tokens INTEGER NOT NULL DEFAULT 0;");
}

// v10: the version each reply was continued from (Continue writes a new version: the cut text followed by more; its
// token_count and readouts are the continuation's alone, so its readout says "8 more tokens", not "8 tokens" under the
// whole text). NULL for every other reply and every earlier one: a version continued before v10 reads as one written
// whole, as v9 showed it. No foreign key, as viewed_leaf_id (v4): a chat made from here keeps the id of the version in
// the chat it was made from, and keeps it when that chat is deleted (AUTOINCREMENT never gives the id again).
void createSchemaV10(Database& db) { db.exec("ALTER TABLE messages ADD COLUMN continued_from INTEGER;"); }

// v11: the unfinished messages, by id (a partial index: a reply is unfinished while it is written, or when a kill cut
// it): the start's look for versions never begun (ConversationStore::discardRepliesNeverBegun) reads these rows alone.
// It read the newest 256 message ids only, since a scan of every row read a large library's whole text (finished comes
// after the text in each row), and missed a kill's versions older than that (session 53's lows1, LOW).
void createSchemaV11(Database& db) {
    db.exec("CREATE INDEX messages_unfinished ON messages(id) WHERE finished = 0;");
}

const std::array<MigrationStep, 11> kSteps = {{
    {1, "create conversations, messages and states", createSchemaV1},
    {2, "create downloads", createDownloadsTable},  // SQL in download_store.cpp
    {3, "snapshots, readouts, library columns and full-text search", createSchemaV3},
    {4, "the branch each conversation was last viewed on", createSchemaV4},
    {5, "how each reply ended", createSchemaV5},
    {6, "the state-tuning file each conversation starts from", createSchemaV6},
    {7, "folders of conversations", createSchemaV7},
    {8, "the message each conversation was made from", createSchemaV8},
    {9, "how many tokens the state after each reply has read", createSchemaV9},
    {10, "the version each reply was continued from", createSchemaV10},
    {11, "an index of the unfinished messages", createSchemaV11},
}};

}  // namespace

std::span<const MigrationStep> schemaSteps() { return kSteps; }

bool restoreSearchIndex(Database& db) {
    if (db.userVersion() < 3) return false;
    {
        auto s = db.cached("SELECT 1 FROM sqlite_schema WHERE name = 'messages_fts'");
        if (s->step()) return false;
    }
    Transaction tx(db);
    db.exec("DROP TRIGGER IF EXISTS messages_fts_insert; DROP TRIGGER IF EXISTS messages_fts_delete; "
            "DROP TRIGGER IF EXISTS messages_fts_update;");
    db.exec(kSearchIndexSql);
    db.exec("INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');");
    tx.commit();
    return true;
}

const QStringList& schemaTableNames() {
    static const QStringList names = [] {
        Database db(QStringLiteral(":memory:"));
        QStringList out;
        for (const MigrationStep& step : schemaSteps()) {
            step.apply(db);  // after each step: a table a later step drops (states) still counts
            auto s = db.cached("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
                               "ESCAPE '\\'");
            while (s->step())
                if (!out.contains(s->columnText(0))) out.append(s->columnText(0));
        }
        return out;
    }();
    return names;
}

namespace {

/// Takes the sqlite_schema entries `where` selects out (PRAGMA writable_schema), inside the caller's transaction: a
/// damaged table's DROP walks the pages it frees and fails on the damage, so the entries go instead.
void forgetSchemaEntries(Database& db, const char* where) {
    db.exec("PRAGMA writable_schema = ON;");
    db.exec(std::string("DELETE FROM sqlite_schema WHERE ") + where + ";");
    db.exec("PRAGMA writable_schema = RESET;");
}

/// The pages of the entries forgetSchemaEntries took out are unused: VACUUM gives them back (skipped where it fails,
/// e.g. for want of room for its copy; the library works without it).
void freeForgottenPages(Database& db) {
    try {
        db.exec("VACUUM;");
    } catch (const StoreError&) {
    }
}

}  // namespace

std::string searchIndexDamage(Database& db) {
    if (db.userVersion() < 3) return {};
    try {
        if (!db.cached("SELECT 1 FROM sqlite_schema WHERE name = 'messages_fts'")->step())
            return {};  // missing, not damaged: restoreSearchIndex makes it where the file can be written
        // The b-trees of the index's pages, then one search, which opens the table (its constructor)
        for (const char* table : {"messages_fts_data", "messages_fts_idx"}) {
            auto s = db.cached(std::string("PRAGMA quick_check(") + table + ")");
            if (s->step() && s->columnText(0) != QLatin1String("ok")) return s->columnText(0).toStdString();
        }
        db.cached("SELECT rowid FROM messages_fts WHERE messages_fts MATCH 'abc' LIMIT 1")->step();
    } catch (const StoreError& e) {
        return e.what();
    }
    return {};
}

void rebuildSearchIndex(Database& db) {
    try {
        Transaction tx(db);
        db.exec("INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');");
        tx.commit();
        return;
    } catch (const StoreError&) {  // a damaged root page fails the table's constructor: 'rebuild' cannot run either
    }
    {
        Transaction tx(db);
        forgetSchemaEntries(db, "name = 'messages_fts' OR (type = 'table' AND name IN ('messages_fts_data', "
                                "'messages_fts_idx', 'messages_fts_docsize', 'messages_fts_config'))");
        tx.commit();
    }
    restoreSearchIndex(db);
    freeForgottenPages(db);
}

std::string snapshotsDamage(Database& db) {
    if (db.userVersion() < 3) return {};
    // Every page of the table's b-tree and of its two indexes, none of the states' own pages: length(blob) is read
    // from the record header, and a state's overflow chain is checked where it is read or freed (blobChainIsIntact).
    for (const char* sql : {"SELECT count(*), sum(length(blob)) FROM snapshots NOT INDEXED",
                            "SELECT sum(conversation_id + message_id) FROM snapshots "
                            "INDEXED BY snapshots_by_conversation",
                            "SELECT sum(message_id + length(model_fingerprint) + length(weight_dtype) + length(backend))"
                            " FROM snapshots INDEXED BY sqlite_autoindex_snapshots_1"}) {
        try {
            db.cached(sql)->step();
        } catch (const StoreError& e) {
            // Only damage counts: a lock or a disk error is not a reason to drop the saved states
            if (e.code() == SQLITE_CORRUPT || e.code() == SQLITE_NOTADB) return e.what();
        }
    }
    return {};
}

std::string tablePagesDamage(Database& db, const char* table) {
    auto s = db.cached(std::string("PRAGMA quick_check(") + table + ")");
    if (!s->step()) return {};
    const QString first = s->columnText(0);
    if (first == QLatin1String("ok")) return {};
    return std::string("the ") + table + " table or an index of it is damaged: " + first.toStdString();
}

namespace {

/// The tables every start reads or writes besides the saved states and the search index: the sidebar's list joins
/// the folders, and a new chat, message or folder takes its id from sqlite_sequence (AUTOINCREMENT). Session 54's
/// trial: one overwritten page of folders opened an empty sidebar without a word, and of sqlite_sequence a library
/// whose every send failed as "damaged" while the next start opened it as whole; neither has an index to make again.
/// A read-only library adds nothing, so it never reads sqlite_sequence: there its damage keeps no chat out of reach.
std::vector<const char*> libraryTables(const Database& db) {
    if (db.isReadOnly()) return {"conversations", "messages", "folders"};
    return {"conversations", "messages", "folders", "sqlite_sequence"};
}

}  // namespace

std::string libraryPagesDamage(Database& db) {
    for (const char* table : libraryTables(db))
        if (std::string damage = tablePagesDamage(db, table); !damage.empty()) return damage;
    return {};
}

std::string libraryTablesDamage(Database& db) {
    for (const char* table : libraryTables(db)) {
        // Every column of every row, read by rowid (NOT INDEXED): length() of a text reads all of it, overflow
        // pages included; a separate sum per column, so one NULL does not hide the rest of its row
        std::string sql = "SELECT count(*)";
        auto columns = db.cached(std::string("SELECT name FROM pragma_table_info('") + table + "')");
        while (columns->step()) sql += ", sum(length(\"" + columns->columnText(0).toStdString() + "\"))";
        sql += std::string(" FROM ") + table + " NOT INDEXED";
        try {
            db.cached(sql)->step();
        } catch (const StoreError& e) {
            return std::string("the ") + table + " table is damaged: " + e.what();
        }
    }
    return {};
}

void rebuildLibraryIndexes(Database& db) {
    // Each index's own SQL, kept before its entry goes (sqlite_autoindex_* have none; these tables have none either)
    constexpr const char* kIndexes =
        "type = 'index' AND tbl_name IN ('conversations', 'messages') AND sql IS NOT NULL";
    std::vector<std::string> sqls;
    {
        auto s = db.cached(std::string("SELECT sql FROM sqlite_schema WHERE ") + kIndexes + " ORDER BY name");
        while (s->step()) sqls.push_back(s->columnText(0).toStdString());
    }
    {
        // DROP INDEX frees the index's pages, so it walks them and fails on the damage: the entries leave
        // sqlite_schema instead and each index is made anew from the table's rows, one transaction.
        Transaction tx(db);
        forgetSchemaEntries(db, kIndexes);
        for (const std::string& sql : sqls) db.exec(sql + ";");
        tx.commit();
    }
    freeForgottenPages(db);
}

void remakeDownloadsTable(Database& db) {
    {
        // As remakeSnapshotsTable: its entries (the table and its primary key's index) leave sqlite_schema, and it is
        // made anew, empty, in the same transaction.
        Transaction tx(db);
        forgetSchemaEntries(db, "tbl_name = 'downloads'");
        createDownloadsTable(db);
        tx.commit();
    }
    freeForgottenPages(db);
}

void remakeSnapshotsTable(Database& db) {
    {
        // DROP TABLE frees the table's pages, so it walks them and fails on the damage: its entries (the table, its
        // index and UNIQUE's index) leave sqlite_schema instead, and the table is made anew in the same transaction.
        Transaction tx(db);
        forgetSchemaEntries(db, "tbl_name = 'snapshots'");
        db.exec(kSnapshotsSql);
        tx.commit();
    }
    freeForgottenPages(db);
}

}  // namespace rwkv::store
