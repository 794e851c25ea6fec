// store/store_error.h — the one exception type of the SQLite store layer.
// Carries SQLite's message, its (extended) result code and the statement that failed, so nothing is lost
// on the way to the user or the log. Tested in tests/app/test_store.cpp.
#pragma once

#include <stdexcept>
#include <string>

struct sqlite3;

namespace rwkv::store {

/// Thrown by every store class on failure. what() reads like
/// "saveTurnResult: CHECK constraint failed: length(model_fingerprint) > 0 [SQLITE_CONSTRAINT_CHECK 275]
///  in: INSERT INTO states ...".
class StoreError : public std::runtime_error {
public:
    /// code/extendedCode are SQLite result codes (0 when the failure is not SQLite's, e.g. a version check);
    /// sql is the failing statement's text (empty when none).
    StoreError(const std::string& message, int code = 0, int extendedCode = 0, std::string sql = {});

    /// Builds an error from the connection's current error state: "<context>: <sqlite3_errmsg> [...] in: <sql>".
    static StoreError fromConnection(sqlite3* db, const std::string& context, const std::string& sql = {});

    int code() const noexcept { return code_; }                  ///< primary SQLite result code, e.g. SQLITE_CONSTRAINT
    int extendedCode() const noexcept { return extendedCode_; }  ///< e.g. SQLITE_CONSTRAINT_CHECK
    const std::string& sql() const noexcept { return sql_; }     ///< the failing statement, or empty

private:
    int code_ = 0;
    int extendedCode_ = 0;
    std::string sql_;
};

}  // namespace rwkv::store
