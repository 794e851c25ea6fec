// store/connection_gate.h — which of a ConversationStore's two SQLite connections a call runs on, and how long it
// waits for it. The writer makes every change; the reader, a second connection to the same WAL file that only reads,
// serves a read while the writer is busy — a WAL reader never waits for a writer — so the window's reads do not wait
// for the InferenceWorker's save of a large state, nor for another program's lock that save waits on. docs/conversations.md
// ("Two connections"); tested in tests/app/test_store_connections.cpp.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>

namespace rwkv::store {

class Database;

/// Serializes a store's calls on its connections. Each connection is used by one call at a time.
/// A call holding the writer must not open a Read of the same store: the writer is not recursive, so that read goes
/// to the reader and sees the last commit, not the caller's uncommitted rows (and without a reader it would deadlock).
class ConnectionGate {
public:
    /// The writer held for one call.
    using WriterLock = std::unique_lock<std::timed_mutex>;

    /// Takes the writer for a change, waiting for the call that holds it: at most this thread's lock wait limit
    /// (ConversationStore::LockWaitLimit, read again every few ms through lockWaitLimitNow(), so a live limit another
    /// thread lowers meanwhile ends the wait) when one is set, then throws StoreError SQLITE_BUSY — with extended
    /// code SQLITE_BUSY when that call waits for another program's lock (as the change itself would), else
    /// kBusyWithThisProgram. Without a limit it waits as long as that call takes. `writer` names the file in the
    /// error and says whether it waits for a lock.
    WriterLock lockWriter(const Database& writer) const;
    /// Marks the call holding the writer as thinSavedStates (true) or not (false): a change refused meanwhile says
    /// kBusyFreeingStates, not kBusyWithThisProgram's "still saving a reply".
    void markFreeingStates(bool freeing) const noexcept { freeingStates_.store(freeing); }
    /// How many calls wait in lockWriter() now (for tests: a wait is under way).
    int waitingForWriter() const noexcept { return waitingForWriter_.load(); }

    /// A connection for one read: the writer when it is free, else `reader` (when there is one) inside a read
    /// transaction, so that the call's statements see one commit; without a reader, the writer once free.
    class Read {
    public:
        Read(const ConnectionGate& gate, Database& writer, Database* reader);
        ~Read();
        Read(const Read&) = delete;
        Read& operator=(const Read&) = delete;
        Database& db() const noexcept { return *db_; }
        Database* operator->() const noexcept { return db_; }

    private:
        WriterLock writer_;
        std::unique_lock<std::mutex> reader_;
        Database* db_ = nullptr;
    };

private:
    mutable std::timed_mutex writer_;
    mutable std::mutex reader_;
    mutable std::atomic<int> waitingForWriter_{0};
    mutable std::atomic<bool> freeingStates_{false};
};

/// Opens the reader of a store whose writer has the file at `path` open for writing in WAL mode: a read-write
/// connection with PRAGMA query_only (closing it leaves the -wal to the writer). nullptr when it cannot (the store
/// then reads on the writer, waiting for it as before).
std::unique_ptr<Database> openReader(const Database& writer);

}  // namespace rwkv::store
