// store/database.h — owns one SQLite connection: opening, pragmas, cached statements, user_version.
// Used by ConversationStore and migrations; tested in tests/app/test_store.cpp.
#pragma once

#include <QString>
#include <QtGlobal>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "statement.h"
#include "store_error.h"

struct sqlite3;

namespace rwkv::store {

class ReadCopy;

/// A statement borrowed from Database::cached(); resets it (and clears its bindings) when destroyed, so
/// no read snapshot or bound pointer outlives the call site.
class CachedStatement {
public:
    explicit CachedStatement(Statement& s) : s_(&s) {}
    ~CachedStatement() { s_->reset(); }
    CachedStatement(const CachedStatement&) = delete;
    CachedStatement& operator=(const CachedStatement&) = delete;
    Statement* operator->() const { return s_; }
    Statement& operator*() const { return *s_; }

private:
    Statement* s_;
};

/// The longest (ms) a statement run on this thread waits for a lock another connection holds, or -1: its
/// connection's busy timeout. Set for a scope by ConversationStore::LockWaitLimit. Waits read lockWaitLimitNow().
int& lockWaitLimitOfThisThread();
/// Another such limit that another thread may set while this one waits (-1: no limit of its own), or nullptr. Set
/// for a scope by ConversationStore::LockWaitLimit's std::atomic form. Waits read lockWaitLimitNow().
const std::atomic<int>*& liveLockWaitLimitOfThisThread();
/// The limit (ms) this thread's wait is under at this moment: the live one when it is set and >= 0, else the plain
/// one when >= 0, else -1 (none: a SQLite lock is waited for up to the connection's busy timeout, a mutex as long as
/// its holder takes). Every wait of the store reads it at each step (Database's busy handler, ConnectionGate,
/// DownloadStore), so they agree, and a live limit lowered meanwhile ends a wait already under way.
int lockWaitLimitNow() noexcept;
/// Takes `mutex`, waiting at most lockWaitLimitNow() in all (re-read every few ms), or as long as it takes while there
/// is none. An unowned lock when the limit passed first; *limitMs (when given) is then the limit that ended the wait.
std::unique_lock<std::timed_mutex> lockWithinLimit(std::timed_mutex& mutex, int* limitMs = nullptr);

/// One SQLite connection. Opening sets the per-connection pragmas (foreign_keys=ON, synchronous=NORMAL,
/// a busy timeout: a lock another connection holds is waited for, up to busyTimeoutMs or this thread's
/// lockWaitLimitOfThisThread() if smaller, then SQLITE_BUSY) but does not write to the file; enableWal() switches
/// the file to WAL once the caller has checked the schema version. Not thread-safe: one owner (ConversationStore
/// serializes its calls).
class Database {
public:
    /// Opens or creates the file at path; ":memory:" opens a private in-memory database.
    /// readOnly opens an existing file for reading only: every write then fails with SQLITE_READONLY. A file that
    /// this process could write (it and its folder writable) is opened read-write with PRAGMA query_only, so that
    /// closing it removes the -wal and -shm files of a WAL database as any other last reader does (a
    /// SQLITE_OPEN_READONLY connection leaves them behind). Otherwise SQLITE_OPEN_READONLY; when SQLite cannot read
    /// it that way because its folder is not writable either (a WAL file needs its -shm index next to it), it is
    /// opened as immutable (no locks, no -shm; nobody can write there). Immutable reads the last checkpoint only:
    /// when a -wal holding pages lies there without its -shm (a writer killed, the folder made read-only since), the
    /// file and its -wal are copied into a temporary folder and read there instead (readsACopy()), the originals
    /// untouched; when that copy cannot be made (no room for it), it is read immutable and newestChangesUnread() says
    /// so. Before session 37 the newest chats and messages, in the -wal, were not shown, without a word.
    /// A file that SQLite may only read although writing was asked (a read-only mount, no write permission: SQLite
    /// then opens it for reading without a word) is opened read-only the same way: isReadOnly() says so.
    /// A -wal next to the file that a writing Database tagged for another file is set aside first (refusesCommit()).
    /// Throws StoreError naming the path if it cannot be opened.
    explicit Database(const QString& path, int busyTimeoutMs = 5000, bool readOnly = false);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    sqlite3* handle() const noexcept { return db_; }
    const QString& path() const noexcept { return path_; }
    bool isMemory() const noexcept { return path_ == QLatin1String(":memory:"); }
    bool isReadOnly() const noexcept { return readOnly_; }
    /// True when a read-only file whose -wal lacks its -shm in a folder that cannot be written is read from a temporary
    /// copy of the two (ReadCopy: one per process, shared by every Database of that file, removed when the last one
    /// closes), so that the -wal's changes are read.
    bool readsACopy() const noexcept { return copy_ != nullptr; }
    /// True when such a file's -wal holds changes that could not be read (its copy could not be made): what is read is
    /// the file as of its last checkpoint.
    bool newestChangesUnread() const noexcept { return newestChangesUnread_; }

    /// Runs one or more statements without parameters (DDL, PRAGMA). Throws StoreError with the SQL.
    void exec(const std::string& sql);
    /// A prepared statement for sql, prepared on first use and kept for the connection's lifetime
    /// (keyed by the SQL text, so one literal per call site prepares once).
    CachedStatement cached(const std::string& sql);

    qint64 lastInsertRowId() const;
    /// Rows changed by the most recent INSERT/UPDATE/DELETE.
    qint64 changes() const;

    int userVersion();
    void setUserVersion(int version);
    /// True when the database has no schema objects yet (a new or empty file).
    bool isEmpty();
    /// Sets journal_mode=WAL (persistent in the file). In-memory databases keep their "memory" journal.
    void enableWal();
    /// The current journal mode in lower case, e.g. "wal", "delete", "memory".
    QString journalMode();

    /// True once the file at path() is no longer the one this read-write connection opened (another program moved a
    /// file over it, as a backup restore or a sync tool does, or removed it). SQLite would go on writing through the
    /// -wal next to that path, damaging the file now there, so every commit from then on is refused: it fails with
    /// StoreError SQLITE_CONSTRAINT_COMMITHOOK, whose userMessage() says why. Checked at each commit (one stat).
    /// The pages already committed to this connection's -wal are then moved into the file it opened and the -wal
    /// emptied (at the next statement, and at the latest when closing): SQLite leaves the -wal of a moved file behind
    /// at close, and the next open of the path would read its pages into the file now there.
    bool fileWasReplaced();
    /// SQLite's commit hook for this read-write connection: true refuses the commit (fileWasReplaced()). Also tags the
    /// -wal, once, with the file it belongs to (an extended attribute): when this program is killed after another
    /// program replaced the file and before its -wal was emptied, the next Database opened on that path sets the -wal
    /// aside instead of letting SQLite read the old file's pages into the new one.
    bool refusesCommit();

    /// True while a statement of this connection waits in the busy handler for a lock another connection holds
    /// (another program writing, or this program's other connection): set there, cleared when the next statement
    /// starts. Read from another thread by ConnectionGate, to tell a wait for another program from this one's work.
    bool waitingForLock() const noexcept { return waitingForLock_; }

    /// Makes this read-only connection read `table` ("conversations", "messages") without any of its indexes, for a
    /// library whose indexes of that table are damaged and cannot be made again here: a temporary view of the same
    /// name that reads main.`table` NOT INDEXED (by rowid only) takes its place for every unqualified name (SQLite
    /// looks in temp first), so the store's own queries run unchanged, only slower. PRAGMA query_only is lifted for
    /// the view's creation alone (it refuses temp objects too); nothing is written to the file. A change to the table
    /// then fails as any change of a read-only connection does: StoreError SQLITE_READONLY (not SQLite's "cannot
    /// modify ... because it is a view").
    void readWithoutIndexes(const std::string& table);
    /// Whether readWithoutIndexes() was called for some table.
    bool readsWithoutIndexes() const noexcept { return readsWithoutIndexes_; }

    /// Writes a consistent copy of the whole database to target (which must not exist) with VACUUM INTO;
    /// safe in WAL mode, where copying the main file alone could miss committed pages.
    void backupTo(const QString& target);

    /// Free bytes on the database's disk below which every commit empties the write-ahead log into the database
    /// (walCommitted): 64 MiB, the most the log was kept at (journal_size_limit).
    static constexpr qint64 kLowDiskBytes = qint64(64) << 20;
    /// SQLite's default: a passive checkpoint once the log holds this many pages (our wal hook replaces SQLite's).
    static constexpr int kAutoCheckpointPages = 1000;
    /// Room on a disk with little room (< kLowDiskBytes free) that the database file may not grow into: the
    /// write-ahead log of the next commits needs it (a commit that frees saved states included).
    static constexpr qint64 kLogRoomBytes = qint64(256) << 10;

    /// Called before COMMIT inside a write transaction (Transaction::commit). On a disk with less than kLowDiskBytes
    /// free, allocates now the room the database file will grow by when the log is written back into it (the
    /// transaction's page_count past the file's size), so that the checkpoint after the commit never needs more disk
    /// (session 36: a log holding pages past the file's end could not be written back on a full disk, and nothing
    /// could be saved again). Throws StoreError SQLITE_FULL, before anything is written, when that growth would leave
    /// less than kLogRoomBytes free or cannot be allocated. Elsewhere (normal disk, read-only, in memory) does nothing.
    void allocateGrowthBeforeCommit();

private:
    sqlite3* db_ = nullptr;
    QString path_;
    int busyTimeoutMs_ = 5000;
    bool readOnly_ = false;
    bool readsWithoutIndexes_ = false;
    std::shared_ptr<ReadCopy> copy_;  // readsACopy(): this process's one copy; closed (db_) before it is let go
    bool newestChangesUnread_ = false;
    bool openCopyWithItsLog(const QString& path, bool* made);
    QByteArray absolutePath_;
    QByteArray walPath_;  // where SQLite keeps this file's -wal (next to the file a link points to)
    quint64 device_ = 0, inode_ = 0;  // of the file opened read-write; 0, 0: not checked (in memory, read-only)
    bool replaced_ = false;
    bool walEmptied_ = false;
    bool walTagged_ = false;
    std::atomic<bool> waitingForLock_{false};
    static int waitForLock(void* database, int count);
    static int walCommitted(void* database, sqlite3* db, const char* name, int pages);
    void emptyWalOfAReplacedFile();
    std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

}  // namespace rwkv::store
