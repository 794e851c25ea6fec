// other_program.h — another program (a backup, an sqlite3 shell) on a test's conversation database: its own SQLite
// connection, through the plain unix VFS (no quota of disk_quota_vfs.h), that holds a transaction until commit().
// Used by test_unsaved_reply_lock and _close (the final save of a reply), test_chat_session (the checkpoints while it
// streams) and test_changes_under_lock (a rename, a move to the trash, a new chat under the lock), test_download and
// test_store_connections (the download list's record under the lock).
#pragma once

#include <sqlite3.h>

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

class OtherProgram {
public:
    /// The database `conversations.sqlite` in `dir`; nothing is opened yet.
    explicit OtherProgram(const QTemporaryDir& dir) : OtherProgram(dir.filePath(QStringLiteral("conversations.sqlite"))) {}
    /// The database at `path` (test_download's app database).
    explicit OtherProgram(const QString& path) : path_(path.toUtf8()) {}
    ~OtherProgram() { sqlite3_close(db_); }
    OtherProgram(const OtherProgram&) = delete;
    OtherProgram& operator=(const OtherProgram&) = delete;
    /// Opens the database (it must exist) and holds a write transaction (`writing`) or a read one; true when it does.
    /// `waitMs`: how long a write lock held by another connection (the app's own save) is waited for. sqlite3's default
    /// is none: BEGIN IMMEDIATE is refused at once while the store writes, and a test that tried once (or once per
    /// streamed piece, each of which may meet the store's checkpoint) held no lock on a loaded machine (the project's CI
    /// after session 38). The wait makes the lock sure; a test that needs a refusal passes 0.
    static constexpr int kLockWaitMs = 10000;
    bool begin(bool writing, int waitMs = kLockWaitMs) {
        if (!db_ && sqlite3_open_v2(path_.constData(), &db_, SQLITE_OPEN_READWRITE, "unix") != SQLITE_OK) return false;
        sqlite3_busy_timeout(db_, waitMs);
        const char* sql = writing ? "BEGIN IMMEDIATE" : "BEGIN; SELECT count(*) FROM messages";
        return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
    }
    /// Lets go of the database.
    bool commit() { return sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK; }

private:
    QByteArray path_;
    sqlite3* db_ = nullptr;
};
