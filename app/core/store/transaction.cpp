// store/transaction.cpp — RAII transaction over Database::exec.
// Tested in tests/app/test_store.cpp.
#include "transaction.h"

#include "database.h"

#include <sqlite3.h>

#include <QtGlobal>

namespace rwkv::store {

Transaction::Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
    if (done_)
        return;
    // After some errors (e.g. SQLITE_FULL) SQLite has already rolled back; then there is nothing to do.
    if (sqlite3_get_autocommit(db_.handle()))
        return;
    try {
        db_.exec("ROLLBACK");
    } catch (const StoreError& e) {
        qWarning("rwkv store: rollback failed: %s", e.what());
    }
}

void Transaction::commit() {
    db_.allocateGrowthBeforeCommit();
    db_.exec("COMMIT");
    done_ = true;
}

}  // namespace rwkv::store
