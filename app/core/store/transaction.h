// store/transaction.h — RAII write transaction: rolls back in the destructor unless commit() was called.
// Tested in tests/app/test_store.cpp.
#pragma once

namespace rwkv::store {

class Database;

/// BEGIN IMMEDIATE on construction (takes the write lock up front, so a WAL reader never has to upgrade
/// and hit SQLITE_BUSY mid-transaction). Inside another transaction of the same connection (ConversationStore::withRoom
/// runs a write inside the one that drops saved states for room), a SAVEPOINT instead: its commit() hands its changes to
/// the outer transaction, which commits them (or rolls them back) with its own. Throws StoreError if BEGIN or COMMIT
/// fails.
class Transaction {
public:
    explicit Transaction(Database& db);
    /// Rolls back if commit() was not reached (an exception unwound through the scope). Never throws.
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    /// Commits. After a failed commit the destructor still rolls back.
    void commit();

private:
    Database& db_;
    bool nested_ = false;  // a SAVEPOINT inside another transaction
    bool done_ = false;
};

}  // namespace rwkv::store
