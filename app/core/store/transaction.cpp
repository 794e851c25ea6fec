// store/transaction.cpp — RAII transaction over Database::exec.
// Tested in tests/app/test_store.cpp.
#include "transaction.h"

#include "database.h"

#include <sqlite3.h>

#include <QtGlobal>

namespace rwkv::store {

Transaction::Transaction(Database& db) : db_(db), nested_(!sqlite3_get_autocommit(db.handle())) {
    db_.exec(nested_ ? "SAVEPOINT nested_write" : "BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
    if (done_)
        return;
    // After some errors (e.g. SQLITE_FULL) SQLite has already rolled back; then there is nothing to do.
    if (sqlite3_get_autocommit(db_.handle()))
        return;
    try {
        db_.exec(nested_ ? "ROLLBACK TO nested_write; RELEASE nested_write" : "ROLLBACK");
    } catch (const StoreError& e) {
        qWarning("rwkv store: rollback failed: %s", e.what());
    }
}

void Transaction::commit() {
    if (nested_) {  // into the outer transaction, which allocates the file's growth when it commits
        db_.exec("RELEASE nested_write");
    } else {
        db_.allocateGrowthBeforeCommit();
        db_.exec("COMMIT");
    }
    done_ = true;
}

}  // namespace rwkv::store
