// store/store_error.cpp — builds StoreError messages from SQLite's error state.
// Tested in tests/app/test_store.cpp.
#include "store_error.h"

#include <sqlite3.h>

#include <utility>

namespace rwkv::store {

StoreError::StoreError(const std::string& message, int code, int extendedCode, std::string sql)
    : std::runtime_error(message), code_(code), extendedCode_(extendedCode), sql_(std::move(sql)) {}

StoreError StoreError::fromConnection(sqlite3* db, const std::string& context, const std::string& sql) {
    const int ext = db ? sqlite3_extended_errcode(db) : SQLITE_CANTOPEN;
    const int code = ext & 0xff;
    std::string msg = context + ": " + (db ? sqlite3_errmsg(db) : "out of memory opening the database");
    msg += " [" + std::string(sqlite3_errstr(ext)) + ", code " + std::to_string(ext) + "]";
    if (!sql.empty())
        msg += " in: " + sql;
    return StoreError(msg, code, ext, sql);
}

}  // namespace rwkv::store
