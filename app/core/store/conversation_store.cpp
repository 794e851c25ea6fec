// store/conversation_store.cpp — opening the database (ladder, WAL, trash purge) and the conversation list:
// create, rename, settings, pin, last use, trash, full-text search. Messages: conversation_store_messages.cpp;
// snapshots: conversation_store_snapshots.cpp. Tests in tests/app/test_store.cpp.
#include "conversation_store.h"

#include "invisible_format.h"  // withoutInvisibleFormat (app/core): what a shown title leaves out, a search looks past
#include "damage_mark.h"
#include "database.h"
#include "read_copy.h"
#include "schema.h"
#include "store_error.h"
#include "store_rows.h"
#include "transaction.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QRegularExpression>

#include <sqlite3.h>

#include <algorithm>
#include <limits>
#include <utility>

namespace rwkv::store {

using namespace detail;

namespace {

/// Throws StoreError when the file at `path` is another program's SQLite database: user_version 0 with a table that
/// is not one of ours (schemaTableNames(); a new or empty file is ours to create), or a user_version set without our
/// conversations table. Reads only, so the file is left as it was. Without this, opening it added our tables to it,
/// and a high user_version was reported as "newer than this version of RWKV Desktop".
void refuseForeignDatabase(Database& db, int version, const QString& path) {
    auto s = db.cached("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                       "ORDER BY name");
    bool ours = false;
    QString foreign;
    while (s->step()) {
        const QString name = s->columnText(0);
        if (name == QLatin1String("conversations")) ours = true;
        if (!schemaTableNames().contains(name) && foreign.isEmpty()) foreign = name;
    }
    if ((version == 0 && foreign.isEmpty()) || (version > 0 && ours)) return;
    const std::string what = foreign.isEmpty()
                                 ? "schema version " + std::to_string(version) + " and no RWKV Desktop conversations"
                                 : "it holds a table \"" + foreign.toStdString() + "\" and no RWKV Desktop conversations";
    throw StoreError(path.toStdString() + ": this SQLite file belongs to another program (" + what +
                         "), so it is not a conversation database; it was left unchanged. Pass another database file.",
                     0, 0, {}, path.toStdString());
}

}  // namespace

ConversationStore::LockWaitLimit::LockWaitLimit(int ms)
    : previous_(std::exchange(lockWaitLimitOfThisThread(), std::max(ms, 0))),
      previousLive_(std::exchange(liveLockWaitLimitOfThisThread(), nullptr)) {}

ConversationStore::LockWaitLimit::LockWaitLimit(const std::atomic<int>& ms)
    : previous_(lockWaitLimitOfThisThread()), previousLive_(std::exchange(liveLockWaitLimitOfThisThread(), &ms)) {}

ConversationStore::LockWaitLimit::~LockWaitLimit() {
    lockWaitLimitOfThisThread() = previous_;
    liveLockWaitLimitOfThisThread() = previousLive_;
}

bool ConversationStore::cannotWrite(const QString& path) {
    const QFileInfo file(path);
    return path != QLatin1String(":memory:") && file.exists() &&
           (!file.isWritable() || !QFileInfo(file.absolutePath()).isWritable());
}

ConversationStore::ConversationStore(const QString& path, OpenMode mode) {
    // Copies of a read-only library left in $TMPDIR by a program killed while reading one (read_copy.h).
    if (path != QLatin1String(":memory:")) ReadCopy::removeLeftBehindOnce();
    const bool readOnly = mode == OpenMode::ReadOnly || (mode == OpenMode::Automatic && cannotWrite(path));
    try {
        open(path, readOnly);
    } catch (const StoreError& e) {
        // A full disk (or a file-size limit): the -shm index cannot grow to 32 KiB, or the first write fails. The
        // library can still be read; without this the app could only say "disk I/O error" and quit.
        if (readOnly || mode != OpenMode::Automatic || (e.code() != SQLITE_FULL && e.code() != SQLITE_IOERR)) throw;
        reader_.reset();
        db_.reset();
        try {
            open(path, true);
        } catch (const std::exception&) {
            throw e;  // not readable either (or a new, empty file): the first error says what went wrong
        }
        readOnlyBecauseFull_ = e.code() == SQLITE_FULL;
        readOnlyReason_ = readOnlyBecauseFull_ ? std::string("the disk is full") : e.sqliteMessage();
        // The mend's VACUUM copies the file into a temporary one and back through the WAL: about twice its size.
        if (e.extendedCode() == kFullWhileMending) {
            roomToMend_ = 2 * QFileInfo(path).size();
            readOnlyReason_ = "the disk is full: mending the file's damaged list of free pages writes it anew, which "
                              "needs about " + std::to_string((roomToMend_ + (1 << 20) - 1) >> 20) +
                              " MB free on its disk; nothing was lost, and the next start tries again";
        }
    }
}

QString ConversationStore::readOnlyReasonText() const {
    // The zh_CN banner said "(the disk is full)" in English (session 40's check): the store's own words are translated
    // under "StoreError", as databaseFileProblem's; SQLite's ("disk I/O error") stay as the other sentences' details.
    if (roomToMend_ > 0)
        return QCoreApplication::translate("StoreError",
                                           "the disk is full: mending the file's damaged list of free pages writes it "
                                           "anew, which needs about %1 free on its disk; nothing was lost, and the "
                                           "next start tries again")
            .arg(QLocale().formattedDataSize(roomToMend_));
    if (readOnlyBecauseFull_) return QCoreApplication::translate("StoreError", "the disk is full");
    return QString::fromStdString(readOnlyReason_);
}

void ConversationStore::open(const QString& path, bool readOnly) {
    // A new database that cannot be made whole (a full disk while its schema is written, step by step) is removed
    // again: left behind it read as one "written by an older RWKV Desktop" and was "upgraded" with a backup.
    // A link to nothing is not new: it was removed here, then named as "Check that its folder exists" (session 24's
    // trial, F5).
    const bool isNew = !readOnly && path != QLatin1String(":memory:") && !QFileInfo::exists(path) &&
                       !QFileInfo(path).isSymLink();
    try {
        openFile(path, readOnly);
    } catch (...) {
        if (isNew) {
            reader_.reset();
            db_.reset();
            for (const char* suffix : {"", "-wal", "-shm", "-journal"}) QFile::remove(path + QLatin1String(suffix));
        }
        throw;
    }
}

namespace {

/// The damaged-database error (SQLITE_CORRUPT) the app names and offers to move aside; `what` says which part.
StoreError damagedDatabase(const QString& path, const std::string& what) {
    return StoreError(path.toStdString() + ": database disk image is malformed (" + what + ")", SQLITE_CORRUPT,
                      SQLITE_CORRUPT, {}, path.toStdString(), "database disk image is malformed");
}

/// A damaged file can open and migrate (the header and schema pages intact) and then fail every read of the library,
/// which the app would show as an empty history: PRAGMA quick_check of the conversations and messages tables with
/// every one of their indexes (libraryPagesDamage) runs at every open. An index is derived data: where only indexes
/// are damaged (the tables' rows read whole, libraryTablesDamage) a writable library has them made again
/// (rebuildLibraryIndexes) and checked once more; session 35's trial: one overwritten page of the sidebar's index
/// (conversations_by_use) offered only "Move it aside and start fresh", every chat out of reach. Read-only, where
/// they cannot be made again, the library opens as it is and is read without the damaged table's indexes
/// (Database::readWithoutIndexes: by rowid, slower).
/// Damage in the rows themselves is a damaged database (SQLITE_CORRUPT: the app names it and offers the move aside).
/// The whole file's quick_check also reads every snapshot (160+ ms on a 1,000-conversation one): the snapshots table
/// has its own cheaper walk (checkSavedStates), and a state's own pages are checked where they are read.
/// Returns what it found: nothing, indexes made again, or (read-only) indexes left damaged.
// The log lines opening writes about IndexRepair (with SQLite's own report of the damage). rwkv-cli turns them off
// (quietIndexRepairLog), as it says the same once, in words (session 36's check: said twice, SQLite's raw "*** in
// database main *** Page 4: …" first).
Q_LOGGING_CATEGORY(indexRepairLog, "rwkv.store.indexrepair")

ConversationStore::IndexRepair checkLibraryPages(Database& db, const QString& path) {
    // A row its CHECKs refuse (a role out of range, text stored as a BLOB) is read as well as it can be and named
    // per conversation (damageRow), not a damaged file: quick_check skips CHECKs while this is on.
    db.exec("PRAGMA ignore_check_constraints = ON");
    struct Restore {
        Database& db;
        ~Restore() {
            try {
                db.exec("PRAGMA ignore_check_constraints = OFF");
            } catch (...) {  // a connection that cannot take a PRAGMA fails its next statement anyway
            }
        }
    } restore{db};
    const std::string damage = libraryPagesDamage(db);
    if (damage.empty()) return ConversationStore::IndexRepair::None;
    if (const std::string rows = libraryTablesDamage(db); !rows.empty())
        throw damagedDatabase(path, damage + "; " + rows);
    if (db.isReadOnly()) {
        // Read without the damaged table's indexes (by rowid), so that every chat is listed and opens; before
        // (session 35's check) the sidebar's list failed as damaged and showed no chat at all.
        for (const char* table : {"conversations", "messages"})
            if (!tablePagesDamage(db, table).empty()) db.readWithoutIndexes(table);
        qCWarning(indexRepairLog,
                  "%s: index damage in the conversations or messages table (%s); the rows are whole, but opened "
                  "read-only it cannot be made again: the library is read without it (slower)",
                  qPrintable(path), damage.c_str());
        return ConversationStore::IndexRepair::LeftDamaged;
    }
    qCWarning(indexRepairLog,
              "%s: index damage in the conversations or messages table (%s); the rows are whole: making the indexes "
              "again",
              qPrintable(path), damage.c_str());
    try {
        rebuildLibraryIndexes(db);
    } catch (const StoreError& e) {
        // Another program changing the file (a lock), a full disk: not damage, said as what it is. As a damaged
        // database the app offered to move a whole library aside (session 37).
        if (e.code() != 0 && e.code() != SQLITE_CORRUPT && e.code() != SQLITE_NOTADB) throw;
        throw damagedDatabase(path, damage + "; its indexes could not be made again: " + e.what());
    }
    if (const std::string after = libraryPagesDamage(db); !after.empty())
        throw damagedDatabase(path, damage + "; still damaged after its indexes were made again: " + after);
    return ConversationStore::IndexRepair::Rebuilt;
}

/// Read-only, the full-text index cannot be made again: a missing or damaged one is left as it is and search() scans
/// the messages (session 34's trial: a read-only folder whose index alone was damaged was named damaged, every message
/// out of reach, and the offered move aside failed for want of write access). Returns whether search must scan.
bool searchIndexUnusable(Database& db, const QString& path) {
    const bool missing = !db.cached("SELECT 1 FROM sqlite_schema WHERE name = 'messages_fts'")->step();
    const std::string damage = missing ? std::string("missing") : searchIndexDamage(db);
    if (damage.empty()) return false;
    qWarning("%s: the search index cannot be used (%s) and cannot be made again in a read-only library; search "
             "reads every message instead",
             qPrintable(path), damage.c_str());
    return true;
}

/// The full-text index is derived from the messages: a damaged one (session 33's check: an overwritten root page of
/// messages_fts_data opened without a word, found nothing, then failed every send and the trash's purge) is made
/// again at open and logged. Where that fails, the file is named damaged (read-only: searchIndexUnusable).
void checkSearchIndex(Database& db, const QString& path) {
    const std::string damage = searchIndexDamage(db);
    if (damage.empty()) return;
    qWarning("%s: the search index is damaged (%s); making it again from the messages", qPrintable(path),
             damage.c_str());
    try {
        rebuildSearchIndex(db);
    } catch (const StoreError& e) {
        throw damagedDatabase(path, "the search index is damaged (" + damage + ") and could not be made again: " +
                                        e.what());
    }
}

/// The saved states are a cache of what the messages give again: a damaged snapshots table (session 33's check: its
/// root page overwritten opened without a word, then failed the next send) is made again, empty, at open and logged;
/// each chat re-reads its text at its next turn. Read-only, where it cannot be, the library opens as it is (as with a
/// damaged search index): nothing can be sent there, and a turn that cannot list the states reads the text.
bool checkSavedStates(Database& db, const QString& path) {
    const std::string damage = snapshotsDamage(db);
    if (damage.empty()) return false;
    if (db.isReadOnly()) {
        qWarning("%s: the saved states are damaged (%s) and cannot be made again in a read-only library",
                 qPrintable(path), damage.c_str());
        return false;
    }
    qWarning("%s: the saved states are damaged (%s); removing them (each chat re-reads its text at its next turn)",
             qPrintable(path), damage.c_str());
    try {
        remakeSnapshotsTable(db);
    } catch (const StoreError& e) {
        throw damagedDatabase(path, "the saved states are damaged (" + damage + ") and could not be made again: " +
                                        e.what());
    }
    return true;
}

}  // namespace

void ConversationStore::openFile(const QString& path, bool readOnly) {
    db_ = std::make_unique<Database>(path, 5000, readOnly);
    refuseForeignDatabase(*db_, db_->userVersion(), path);  // before anything is written to it
    if (db_->isReadOnly()) {
        const int version = db_->userVersion();
        if (version < schemaVersion())
            throw OlderSchemaError(path.toStdString() + ": this conversation database was written by an older "
                                       "version of RWKV Desktop (schema version " + std::to_string(version) + ") and "
                                       "must be upgraded before it can be read, which needs write access. Make the "
                                       "file and its folder writable and start again; nothing was changed.",
                                   version, path.toStdString());
    }
    openedAtVersion_ = migrate(*db_, schemaSteps(), &upgradeBackup_);  // refuses a too-new file untouched
    indexRepair_ = checkLibraryPages(*db_, path);
    if (db_->isReadOnly()) {
        searchByScan_ = searchIndexUnusable(*db_, path);
        checkSavedStates(*db_, path);
        return;  // no WAL switch, no purge: nothing is written
    }
    db_->enableWal();
    if (restoreSearchIndex(*db_))
        qWarning("%s: the search index was missing; made again from the messages", qPrintable(path));
    else
        checkSearchIndex(*db_, path);
    savedStatesRemade_ = checkSavedStates(*db_, path);  // before the purge, which deletes states with their chats
    checkMarkedDamage(*db_, path);  // a write met damage the checks above do not see (a free-page list): the whole file
    try {  // the trash's purge is housekeeping: a failure leaves the trash as it was and never keeps the library shut
        purgedOnOpen_ = purgeTrash(nowMs() - qint64(kTrashDays) * 24 * 3600 * 1000);
    } catch (const StoreError& e) {
        qWarning("%s: the trash was not emptied: %s", qPrintable(path), e.what());
    }
    try {  // as the purge: a disk still full leaves the notes for the next open
        adoptTextNotSavedNotes();
    } catch (const StoreError& e) {
        qWarning("%s: replies whose text was not saved are not marked yet: %s", qPrintable(path), e.what());
    }
    reader_ = openReader(*db_);
}

bool ConversationStore::rebuildDamagedIndexes(const QString& path) {
    Database db(path, 5000, false);
    return checkLibraryPages(db, path) == IndexRepair::Rebuilt;
}

ConversationStore::~ConversationStore() = default;

bool ConversationStore::isReadOnly() const noexcept { return db_->isReadOnly(); }

bool ConversationStore::newestChangesUnread() const noexcept { return db_->newestChangesUnread(); }

QString ConversationStore::path() const { return db_->path(); }

int ConversationStore::schemaVersion() { return schemaSteps().back().toVersion; }

int ConversationStore::fileSchemaVersion(const QString& path) {
    Database db(path, 5000, true);
    const int version = db.userVersion();
    refuseForeignDatabase(db, version, path);
    return version;
}

// --- conversations ---

qint64 ConversationStore::touchConversation(qint64 conversationId, const char* caller) {
    // Strictly greater than every stored time, so the most recently touched conversation sorts first even when
    // two changes fall in the same millisecond.
    auto s = db_->cached("UPDATE conversations SET updated_at = "
                         "max(?1, (SELECT coalesce(max(max(updated_at), max(last_used_at)), 0) + 1 FROM conversations)),"
                         " last_used_at = "
                         "max(?1, (SELECT coalesce(max(max(updated_at), max(last_used_at)), 0) + 1 FROM conversations)) "
                         "WHERE id = ?2 RETURNING updated_at");
    s->bindInt64(1, nowMs());
    s->bindInt64(2, conversationId);
    if (!s->step())
        throw StoreError(std::string(caller) + ": " + unknown("conversation", conversationId));
    return s->columnInt64(0);
}

qint64 ConversationStore::createConversation(const QString& title, const QString& systemPrompt,
                                             const QString& startState, const QString& startStateSha256) {
    const auto lock = gate_.lockWriter(*db_);
    qint64 id = 0;
    withRoom(0, [&] {
        Transaction tx(*db_);  // its commit allocates the file's growth first on a small disk
        auto s = db_->cached("INSERT INTO conversations (title, system_prompt, created_at, updated_at, last_used_at, "
                             "start_state, start_state_sha256) "
                             "SELECT ?1, ?2, ?3, t, t, ?4, ?5 FROM (SELECT max(?3, coalesce(max(max(updated_at), "
                             "max(last_used_at)), 0) + 1) AS t FROM conversations)");
        s->bindText(1, title);
        s->bindText(2, systemPrompt);
        s->bindInt64(3, nowMs());
        s->bindText(4, startState);
        s->bindText(5, startStateSha256);
        s->run();
        id = db_->lastInsertRowId();
        tx.commit();
    });
    return id;
}

namespace {

QList<Conversation> readConversations(Statement& s) {
    QList<Conversation> out;
    while (s.step()) out.append(readConversation(s));
    return out;
}

}  // namespace

QList<Conversation> ConversationStore::listConversations() const {
    const ConnectionGate::Read db(gate_, *db_, reader_.get());
    auto s = db->cached(std::string("SELECT ") + kConversationColumns +
                         " FROM conversations c WHERE c.deleted_at IS NULL "
                         "ORDER BY c.pinned DESC, c.last_used_at DESC, c.id DESC");
    return readConversations(*s);
}

QList<Conversation> ConversationStore::listTrash() const {
    const ConnectionGate::Read db(gate_, *db_, reader_.get());
    auto s = db->cached(std::string("SELECT ") + kConversationColumns +
                         " FROM conversations c WHERE c.deleted_at IS NOT NULL ORDER BY c.deleted_at DESC, c.id DESC");
    return readConversations(*s);
}

std::optional<Conversation> ConversationStore::conversation(qint64 id) const {
    const ConnectionGate::Read db(gate_, *db_, reader_.get());
    auto s = db->cached(std::string("SELECT ") + kConversationColumns + " FROM conversations c WHERE c.id = ?1");
    s->bindInt64(1, id);
    if (!s->step())
        return std::nullopt;
    return readConversation(*s);
}

namespace {

// UPDATE conversations SET <column> = ?1 WHERE id = ?2, throwing for an unknown id.
template <typename Bind>
void setColumn(Database& db, const char* sql, qint64 id, const char* caller, Bind bind) {
    auto s = db.cached(sql);
    bind(*s);
    s->bindInt64(2, id);
    s->run();
    if (db.changes() != 1)
        throw StoreError(std::string(caller) + ": " + unknown("conversation", id));
}

}  // namespace

void ConversationStore::renameConversation(qint64 id, const QString& title) {
    const auto lock = gate_.lockWriter(*db_);
    setColumn(*db_, "UPDATE conversations SET title = ?1 WHERE id = ?2", id, "renameConversation",
              [&](Statement& s) { s.bindText(1, title); });
}

bool ConversationStore::setSystemPrompt(qint64 id, const QString& systemPrompt) {
    const auto lock = gate_.lockWriter(*db_);
    // Every saved state of the chat was made with the old instructions (its first turn holds them): they go in the same
    // transaction, so that no turn can resume from one with the new text (docs/conversations.md "Instructions").
    Transaction tx(*db_);
    auto s = db_->cached("UPDATE conversations SET system_prompt = ?1 WHERE id = ?2 AND system_prompt IS NOT ?1");
    s->bindText(1, systemPrompt);
    s->bindInt64(2, id);
    s->run();
    if (db_->changes() == 0) {
        auto e = db_->cached("SELECT 1 FROM conversations WHERE id = ?1");
        e->bindInt64(1, id);
        if (!e->step()) throw StoreError("setSystemPrompt: " + unknown("conversation", id));
        return false;  // the same text: the states still fit
    }
    auto d = db_->cached("DELETE FROM snapshots WHERE conversation_id = ?1");
    d->bindInt64(1, id);
    d->run();
    tx.commit();
    return true;
}

bool ConversationStore::setStartState(qint64 id, const QString& path, const QString& sha256) {
    const auto lock = gate_.lockWriter(*db_);
    Transaction tx(*db_);  // the states made from the old start go with it (setSystemPrompt's rule)
    auto s = db_->cached("UPDATE conversations SET start_state = ?1, start_state_sha256 = ?3 WHERE id = ?2 AND "
                         "(start_state IS NOT ?1 OR start_state_sha256 IS NOT ?3)");
    s->bindText(1, path);
    s->bindInt64(2, id);
    s->bindText(3, sha256);
    s->run();
    if (db_->changes() == 0) {
        auto e = db_->cached("SELECT 1 FROM conversations WHERE id = ?1");
        e->bindInt64(1, id);
        if (!e->step()) throw StoreError("setStartState: " + unknown("conversation", id));
        return false;
    }
    auto d = db_->cached("DELETE FROM snapshots WHERE conversation_id = ?1");
    d->bindInt64(1, id);
    d->run();
    tx.commit();
    return true;
}

bool ConversationStore::relocateStartState(qint64 id, const QString& path, const QString& sha256) {
    const auto lock = gate_.lockWriter(*db_);
    auto s = db_->cached("UPDATE conversations SET start_state = ?1 WHERE id = ?2 AND start_state_sha256 = ?3 AND "
                         "start_state IS NOT ?1");
    s->bindText(1, path);
    s->bindInt64(2, id);
    s->bindText(3, sha256);
    s->run();
    if (db_->changes() > 0) return true;
    auto e = db_->cached("SELECT 1 FROM conversations WHERE id = ?1");
    e->bindInt64(1, id);
    if (!e->step()) throw StoreError("relocateStartState: " + unknown("conversation", id));
    return false;
}

void ConversationStore::setSamplingPreset(qint64 id, const QString& preset) {
    const auto lock = gate_.lockWriter(*db_);
    setColumn(*db_, "UPDATE conversations SET sampling_preset = ?1 WHERE id = ?2", id, "setSamplingPreset",
              [&](Statement& s) { s.bindText(1, preset); });
}

void ConversationStore::setThinkMode(qint64 id, ThinkMode mode) {
    const auto lock = gate_.lockWriter(*db_);
    setColumn(*db_, "UPDATE conversations SET think_mode = ?1 WHERE id = ?2", id, "setThinkMode",
              [&](Statement& s) { s.bindInt64(1, qint64(mode)); });
}

void ConversationStore::setPinned(qint64 id, bool pinned) {
    const auto lock = gate_.lockWriter(*db_);
    setColumn(*db_, "UPDATE conversations SET pinned = ?1 WHERE id = ?2", id, "setPinned",
              [&](Statement& s) { s.bindBool(1, pinned); });
}

void ConversationStore::markUsed(qint64 id) {
    const auto lock = gate_.lockWriter(*db_);
    if (db_->isReadOnly())
        return;  // only the sort order; a read-only library keeps its own
    auto s = db_->cached("UPDATE conversations SET last_used_at = "
                         "max(?1, (SELECT coalesce(max(last_used_at), 0) + 1 FROM conversations)) WHERE id = ?2");
    s->bindInt64(1, nowMs());
    s->bindInt64(2, id);
    s->run();
}

void ConversationStore::setViewedBranch(qint64 conversationId, qint64 leafId) {
    const auto lock = gate_.lockWriter(*db_);
    if (db_->isReadOnly())
        return;  // a view setting, like markUsed
    auto s = db_->cached("UPDATE conversations SET viewed_leaf_id = nullif(?1, 0) WHERE id = ?2 AND (?1 = 0 OR "
                         "EXISTS (SELECT 1 FROM messages WHERE id = ?1 AND conversation_id = ?2))");
    s->bindInt64(1, leafId);
    s->bindInt64(2, conversationId);
    s->run();
}

qint64 ConversationStore::viewedLeaf(qint64 conversationId) const {
    const ConnectionGate::Read db(gate_, *db_, reader_.get());
    // Ids grow with time and a child is newer than its parent, so the largest id of the subtree is a leaf. UNION, not
    // UNION ALL: a damaged row whose parent chain loops (1 -> 6 -> 5 -> ... -> 1) ends the walk instead of growing it
    // for ever (session 22's trial, F1: the app hung at start).
    auto s = db->cached("WITH RECURSIVE sub(id) AS (SELECT m.id FROM conversations c JOIN messages m ON "
                         "m.id = c.viewed_leaf_id AND m.conversation_id = c.id WHERE c.id = ?1 UNION "
                         "SELECT m.id FROM messages m JOIN sub ON m.parent_id = sub.id) SELECT max(id) FROM sub");
    s->bindInt64(1, conversationId);
    return s->step() && !s->columnIsNull(0) ? s->columnInt64(0) : 0;
}

void ConversationStore::deleteConversation(qint64 id) {
    const auto lock = gate_.lockWriter(*db_);
    auto s = db_->cached("UPDATE conversations SET deleted_at = ?1 WHERE id = ?2 AND deleted_at IS NULL");
    s->bindInt64(1, nowMs());
    s->bindInt64(2, id);
    s->run();
}

bool ConversationStore::restoreConversation(qint64 id) {
    const auto lock = gate_.lockWriter(*db_);
    auto s = db_->cached("UPDATE conversations SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL");
    s->bindInt64(1, id);
    s->run();
    return db_->changes() == 1;
}

namespace {

// SQLite runs each ON DELETE CASCADE as a nested trigger: deleting a conversation deletes its first message, which
// deletes its child, ... one level per message down a parent_id chain, and stops at SQLITE_MAX_TRIGGER_DEPTH (1,000)
// with "too many levels of trigger recursion" — a chat of more than ~1,000 messages could not be deleted, and its
// purge 30 days after the trash kept the app from starting (session 32's check, HIGH). The messages are unlinked from
// their parents first, in the same transaction, so each message's delete is one level deep (60,000 messages: ~1 s).
/// Deletes for good the conversations that `where` selects (a condition on `conversations` whose one parameter ?1 is
/// `value`), with their messages, snapshots and FTS rows; returns how many conversations went. The caller holds the
/// writer's lock. Throws StoreError (nothing deleted) when SQLite fails.
int deleteConversationsWhere(Database& db, const std::string& where, qint64 value) {
    Transaction tx(db);
    auto u = db.cached("UPDATE messages SET parent_id = NULL WHERE parent_id IS NOT NULL AND conversation_id IN "
                       "(SELECT id FROM conversations WHERE " + where + ")");
    u->bindInt64(1, value);
    u->run();
    auto s = db.cached("DELETE FROM conversations WHERE " + where);  // messages, snapshots and FTS rows follow
    s->bindInt64(1, value);
    s->run();
    const int deleted = int(db.changes());
    tx.commit();
    return deleted;
}

}  // namespace

void ConversationStore::deleteConversationForever(qint64 id) {
    const auto lock = gate_.lockWriter(*db_);
    deleteConversationsWhere(*db_, "id = ?1", id);
}

int ConversationStore::purgeTrash(qint64 beforeMs) {
    const auto lock = gate_.lockWriter(*db_);
    return deleteConversationsWhere(*db_, "deleted_at IS NOT NULL AND deleted_at < ?1", beforeMs);
}

// --- search ---

namespace {

constexpr char16_t kMarkOpen = 0xE000, kMarkClose = 0xE001;  // around the match in SearchHit::snippet

using rwkv::app::withoutInvisibleFormat;  // what a search matches, as a shown title is those letters

/// The letters a search reads in `text`: without its invisible formatting characters, composed (NFC: "e\u0301" reads
/// "é", as it is drawn and as a keyboard types it).
QString searchedLetters(const QString& text) {
    return withoutInvisibleFormat(text).normalized(QString::NormalizationForm_C);
}

/// A snippet of about `radius` characters on each side of the match of `length` characters at `at` (-1: none).
QString snippetAt(const QString& text, qsizetype at, qsizetype length, int radius = 40) {
    if (at < 0) return text.left(2 * radius);
    const qsizetype from = std::max<qsizetype>(0, at - radius);
    const qsizetype to = std::min<qsizetype>(text.size(), at + length + radius);
    return (from > 0 ? QStringLiteral("…") : QString()) + text.mid(from, at - from) + QChar(kMarkOpen) +
           text.mid(at, length) + QChar(kMarkClose) + text.mid(at + length, to - at - length) +
           (to < text.size() ? QStringLiteral("…") : QString());
}

/// A query of several words (simplified: one space between them) matches them in turn with any run of white space
/// between, as a text shows them: a line break, a tab, two spaces. Before (session 55's trial), the query was
/// simplified and the text not, so two lines copied from a message ("error delta\n002718 alpha") or a code line with
/// two spaces found nothing, though the window showed them.
QRegularExpression wordsInTurn(const QStringList& words) {
    QStringList escaped;
    for (const QString& w : words) escaped << QRegularExpression::escape(w);
    return QRegularExpression(escaped.join(QStringLiteral("\\s+")),
                              QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
}

}  // namespace

QList<SearchHit> ConversationStore::search(const QString& query, int limit) const {
    // What the user sees is searched: a text's invisible formatting characters (isInvisibleFormat: the window leaves
    // them out of titles and snippets, draws U+200B and the marks as nothing, and
    // marks them in a message) are looked past, in the query and in the messages. Before, a chat titled from a question
    // "\u202eevil\u202c title" showed "evil title", and a search for that found nothing (session 39's check). Both
    // are read composed too (NFC, rwkv_read_as_letters): "café" pasted as "cafe\u0301" was found by no "café" typed
    // (session 44's trial).
    const QString q = searchedLetters(query).simplified();
    QList<SearchHit> out;
    if (q.isEmpty() || limit <= 0) return out;
    const QStringList words = q.split(QLatin1Char(' '));
    const bool severalWords = words.size() > 1;
    const QRegularExpression inTurn = severalWords ? wordsInTurn(words) : QRegularExpression();
    const ConnectionGate::Read db(gate_, *db_, reader_.get());
    // A row read, its snippet of the text's letters (the match marked: a control inside it is left out). One read only
    // as holding one or as not composed (rwkv_read_as_letters, database.cpp) is a hit when those letters hold q;
    // the index's and LIKE's rows matched as they are (their case folding kept). A query of several words: every row
    // is a hit when its letters hold them in turn (wordsInTurn), the index and LIKE having found each word.
    const auto take = [&](Statement& s, bool checked) {
        const QString text = s.columnText(3);
        const QString letters = searchedLetters(text);
        qsizetype at = -1, length = q.size();
        if (severalWords) {
            const QRegularExpressionMatch m = inTurn.match(letters);
            if (!m.hasMatch()) return;
            at = m.capturedStart();
            length = m.capturedLength();
        } else {
            if (checked && letters != text && !letters.contains(q, Qt::CaseInsensitive)) return;
            at = letters.indexOf(q, 0, Qt::CaseInsensitive);
        }
        const qint64 role = s.columnInt64(4);
        out.append({s.columnInt64(0), s.columnInt64(1), s.columnText(2), snippetAt(letters, at, length),
                    role >= 0 && role <= 2 ? Role(role) : Role::User, s.columnInt64(5)});
    };
    // trigram tokens: shorter queries cannot use the index; a read-only library without a usable one scans it all.
    // Several words: each of 3 characters or more is a phrase the text must hold (the others are checked by take).
    QStringList phrases;
    for (const QString& w : severalWords ? words : QStringList{q}) {
        if (w.toUcs4().size() < 3) continue;
        QString phrase = w;
        phrase.replace(QLatin1Char('"'), QStringLiteral("\"\""));  // quotes doubled
        phrases << QLatin1Char('"') + phrase + QLatin1Char('"');
    }
    const bool useIndex = !searchByScan_ && !phrases.isEmpty();
    if (useIndex) {
        // Phrase queries: the text must contain each as a substring (trigram FTS5).
        auto s = db->cached(
            "SELECT m.conversation_id, m.id, c.title, m.text, m.role, m.created_at "
            "FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid "
            "JOIN conversations c ON c.id = m.conversation_id "
            "WHERE messages_fts MATCH ?1 AND c.deleted_at IS NULL ORDER BY messages_fts.rowid DESC LIMIT ?2");
        s->bindText(1, phrases.join(QStringLiteral(" AND ")));
        s->bindInt64(2, severalWords ? -1 : limit);  // several words: rows not holding them in turn are passed over
        while (out.size() < limit && s->step()) take(*s, false);
        // The index holds a text as it is: "evil title" is not in "\u202eevil\u202c title" there. The texts holding
        // an invisible formatting character among the newest kShortQueryScan messages (as a short query's scan) are
        // matched by their letters, newest first, as many as can be shown, and merged in message order.
        QList<qint64> found;
        for (const SearchHit& h : out) found.append(h.message_id);
        auto b = db->cached("SELECT m.conversation_id, m.id, c.title, m.text, m.role, m.created_at "
                            "FROM messages m JOIN conversations c ON c.id = m.conversation_id "
                            "WHERE m.id > (SELECT coalesce(max(id), 0) FROM messages) - ?1 "
                            "AND c.deleted_at IS NULL AND rwkv_read_as_letters(m.text) ORDER BY m.id DESC");
        b->bindInt64(1, qint64(kShortQueryScan));
        const qsizetype before = out.size();
        while (out.size() - before < limit && b->step())
            if (!found.contains(b->columnInt64(1))) take(*b, true);
        if (out.size() > before) {
            std::sort(out.begin(), out.end(),
                      [](const SearchHit& x, const SearchHit& y) { return x.message_id > y.message_id; });
            if (out.size() > limit) out.resize(limit);
        }
    } else {
        // No index can serve 1-2 characters: scan, newest first, at most kShortQueryScan messages (a third
        // character searches everything through the index).
        auto s = db->cached("SELECT m.conversation_id, m.id, c.title, m.text, m.role, m.created_at "
                             "FROM messages m JOIN conversations c ON c.id = m.conversation_id "
                             "WHERE m.id > (SELECT coalesce(max(id), 0) FROM messages) - ?3 "
                             "AND c.deleted_at IS NULL "
                             "AND (m.text LIKE ?1 ESCAPE '\\' OR rwkv_read_as_letters(m.text)) ORDER BY m.id DESC");
        // LIKE: the same ASCII-only case folding as lower() (SQLite without ICU) but no copy of every text; 3x
        // faster on the 20,000-message scan (29 -> 9 ms for a query with no hit). %, _ and \ in q match literally.
        QStringList patterns;  // several words: each in turn, anything between (take checks the white space)
        for (QString pattern : words) {
            pattern.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
                .replace(QLatin1Char('%'), QStringLiteral("\\%"))
                .replace(QLatin1Char('_'), QStringLiteral("\\_"));
            patterns << pattern;
        }
        s->bindText(1, QLatin1Char('%') + patterns.join(QLatin1Char('%')) + QLatin1Char('%'));
        s->bindInt64(3, searchByScan_ ? std::numeric_limits<qint64>::max() : qint64(kShortQueryScan));
        while (out.size() < limit && s->step()) take(*s, true);
    }
    return out;
}

}  // namespace rwkv::store
