// store/statement.cpp — RAII prepared statement over the SQLite C API.
// Tested in tests/app/test_store.cpp.
#include "statement.h"

#include "damage_mark.h"
#include "store_error.h"
#include "surrogate_pairs.h"  // halfSurrogateAt (app/core)

#include <sqlite3.h>

namespace rwkv::store {

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db), sql_(sql) {
    const int rc = sqlite3_prepare_v3(db_, sql_.data(), int(sql_.size()), SQLITE_PREPARE_PERSISTENT, &stmt_,
                                      nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt_);
        stmt_ = nullptr;
        throw StoreError::fromConnection(db_, "prepare", sql_);
    }
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

void Statement::check(int rc, const char* what) {
    if (rc != SQLITE_OK)
        throw StoreError::fromConnection(db_, what, sql_);
}

void Statement::bindInt64(int index, qint64 value) { check(sqlite3_bind_int64(stmt_, index, value), "bind int64"); }

void Statement::bindDouble(int index, double value) { check(sqlite3_bind_double(stmt_, index, value), "bind double"); }

namespace {

/// `value` with each half of a surrogate pair as U+FFFD: QString::toUtf8 writes "?" for it, which a reader and the
/// model take for a question mark (a JSON export's "A\ud800B" was imported as "A?B", session 47's trial). The text
/// itself, no copy, when it has none (the common case).
QString withReplacedHalfPairs(const QString& value) {
    qsizetype i = rwkv::app::halfSurrogateAt(value);
    if (i < 0) return value;
    QString out = value;
    for (; i >= 0; i = rwkv::app::halfSurrogateAt(out, i + 1)) out[i] = QChar(QChar::ReplacementCharacter);
    return out;
}

}  // namespace

void Statement::bindText(int index, const QString& value) {
    const QByteArray utf8 = withReplacedHalfPairs(value).toUtf8();
    check(sqlite3_bind_text64(stmt_, index, utf8.constData(), sqlite3_uint64(utf8.size()), SQLITE_TRANSIENT,
                              SQLITE_UTF8),
          "bind text");
}

void Statement::bindBlobNoCopy(int index, const void* data, qint64 size) {
    // A zero-length blob must still be a BLOB, not NULL: SQLite binds NULL when data is nullptr.
    static const char empty = 0;
    check(sqlite3_bind_blob64(stmt_, index, size > 0 ? data : &empty, sqlite3_uint64(size), SQLITE_STATIC),
          "bind blob");
}

void Statement::bindNull(int index) { check(sqlite3_bind_null(stmt_, index), "bind null"); }

void Statement::bindZeroBlob(int index, qint64 size) {
    check(sqlite3_bind_zeroblob64(stmt_, index, sqlite3_uint64(size)), "bind zeroblob");
}

bool Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    // A write that meets a damaged file leaves a note for the next open's whole-file check (damage_mark.h).
    if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
        if (!sqlite3_stmt_readonly(stmt_) || sqlite3_txn_state(db_, "main") == SQLITE_TXN_WRITE)
            markDamageSeen(db_, sqlite3_errmsg(db_));
    throw StoreError::fromConnection(db_, "step", sql_);
}

void Statement::run() {
    while (step()) {
    }
}

qint64 Statement::columnInt64(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::columnDouble(int column) const { return sqlite3_column_double(stmt_, column); }

QString Statement::columnText(int column) const {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return QString::fromUtf8(text, sqlite3_column_bytes(stmt_, column));
}

QByteArray Statement::columnBlob(int column) const {
    const void* data = sqlite3_column_blob(stmt_, column);
    const int size = sqlite3_column_bytes(stmt_, column);
    return QByteArray(static_cast<const char*>(data), size);
}

bool Statement::columnIsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
bool Statement::columnIsText(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_TEXT; }

void Statement::reset() noexcept {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

}  // namespace rwkv::store
