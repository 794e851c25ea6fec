// store/database.cpp — SQLite connection, pragmas, statement cache and backups.
// Tested in tests/app/test_store.cpp.
#include "database.h"

#include <sqlite3.h>

namespace rwkv::store {

Database::Database(const QString& path, int busyTimeoutMs) : path_(path) {
    const QByteArray file = path.toUtf8();
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(file.constData(), &db_, flags, nullptr) != SQLITE_OK) {
        StoreError error = StoreError::fromConnection(db_, "open " + file.toStdString());
        sqlite3_close(db_);
        db_ = nullptr;
        throw error;
    }
    sqlite3_extended_result_codes(db_, 1);
    // Connection-level settings only: none of these writes to the file, so a file we later refuse
    // (too new) is left byte-for-byte untouched.
    sqlite3_busy_timeout(db_, busyTimeoutMs);
    try {
        exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA journal_size_limit = 67108864;");
    } catch (...) {
        sqlite3_close(db_);
        db_ = nullptr;
        throw;
    }
}

Database::~Database() {
    cache_.clear();  // statements must be finalized before the connection closes
    if (db_ && sqlite3_close(db_) != SQLITE_OK)
        qWarning("rwkv store: closing %s: %s", qPrintable(path_), sqlite3_errmsg(db_));
}

void Database::exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        sqlite3_free(err);  // the same text is still available through sqlite3_errmsg
        throw StoreError::fromConnection(db_, "exec", sql);
    }
}

CachedStatement Database::cached(const std::string& sql) {
    auto it = cache_.find(sql);
    if (it == cache_.end())
        it = cache_.emplace(sql, std::make_unique<Statement>(db_, sql)).first;
    it->second->reset();
    return CachedStatement(*it->second);
}

qint64 Database::lastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }

qint64 Database::changes() const { return sqlite3_changes64(db_); }

int Database::userVersion() {
    auto s = cached("PRAGMA user_version");
    s->step();
    return int(s->columnInt64(0));
}

void Database::setUserVersion(int version) {
    // PRAGMA takes no bound parameters; version is an int, so formatting it is safe.
    exec("PRAGMA user_version = " + std::to_string(version));
}

bool Database::isEmpty() {
    auto s = cached("SELECT count(*) FROM sqlite_schema");
    s->step();
    return s->columnInt64(0) == 0;
}

void Database::enableWal() {
    if (isMemory())
        return;
    auto s = cached("PRAGMA journal_mode = WAL");
    s->step();
    const QString mode = s->columnText(0).toLower();
    if (mode != QLatin1String("wal"))
        throw StoreError("enable WAL on " + path_.toStdString() + ": SQLite kept journal_mode=" +
                         mode.toStdString());
}

QString Database::journalMode() {
    auto s = cached("PRAGMA journal_mode");
    s->step();
    return s->columnText(0).toLower();
}

void Database::backupTo(const QString& target) {
    auto s = cached("VACUUM INTO ?1");
    s->bindText(1, target);
    s->run();
}

}  // namespace rwkv::store
