// store/statement.h — RAII wrapper of one prepared SQLite statement (bind by index, step, read columns).
// Obtained through Database::cached() so each call site prepares once. Tested in tests/app/test_store.cpp.
#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace rwkv::store {

/// A prepared statement. Bind indexes are 1-based (as in SQLite), column indexes 0-based.
/// Not thread-safe; owned by one Database.
class Statement {
public:
    /// Prepares sql on db; throws StoreError (with the SQL text) if it does not compile.
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    void bindInt64(int index, qint64 value);
    void bindDouble(int index, double value);
    void bindText(int index, const QString& value);  ///< copied (UTF-8; half a surrogate pair as U+FFFD)
    void bindBool(int index, bool value) { bindInt64(index, value ? 1 : 0); }
    /// Binds bytes with sqlite3_bind_blob64 without copying them: data must stay alive and unchanged until
    /// the statement is reset (Database::cached() resets when its handle goes out of scope).
    void bindBlobNoCopy(int index, const void* data, qint64 size);
    void bindNull(int index);
    /// Binds a BLOB of `size` zero bytes (sqlite3_bind_zeroblob64), to be filled with incremental blob I/O.
    void bindZeroBlob(int index, qint64 size);

    /// Runs one step: true when a row is available, false when done. Throws StoreError on failure.
    bool step();
    /// Steps to completion, ignoring any rows (for INSERT/UPDATE/DELETE).
    void run();

    qint64 columnInt64(int column) const;
    double columnDouble(int column) const;
    bool columnBool(int column) const { return columnInt64(column) != 0; }
    QString columnText(int column) const;
    QByteArray columnBlob(int column) const;  ///< a deep copy of the bytes
    bool columnIsNull(int column) const;
    bool columnIsText(int column) const;  ///< the cell's storage class is TEXT (not NULL, a number or a BLOB)

    /// Resets to run again and clears all bindings. Never throws (a step error was already reported).
    void reset() noexcept;

    const std::string& sql() const noexcept { return sql_; }

private:
    void check(int rc, const char* what);

    sqlite3* db_ = nullptr;
    sqlite3_stmt* stmt_ = nullptr;
    std::string sql_;
};

}  // namespace rwkv::store
