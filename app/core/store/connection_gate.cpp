// store/connection_gate.cpp — see connection_gate.h.
#include "connection_gate.h"

#include "database.h"
#include "store_error.h"

#include <sqlite3.h>

#include <QtGlobal>

#include <string>

namespace rwkv::store {

ConnectionGate::WriterLock ConnectionGate::lockWriter(const Database& writer) const {
    int limitMs = -1;
    waitingForWriter_.fetch_add(1);
    WriterLock lock = lockWithinLimit(writer_, &limitMs);
    waitingForWriter_.fetch_sub(1);
    if (lock.owns_lock()) return lock;
    const std::string file = writer.path().toStdString();
    const std::string waited = std::to_string(limitMs) + " ms";
    if (writer.waitingForLock())  // the call holding it waits for another program: so would this change
        throw StoreError("the database is locked: this thread's call waited " + waited + " for the store's writer, "
                         "which waits for another program's lock",
                         SQLITE_BUSY, SQLITE_BUSY, {}, file, "database is locked");
    if (freeingStates_.load())
        throw StoreError("the store's writer is freeing the space of saved states (thinSavedStates); this thread "
                         "waited " + waited + " for it",
                         SQLITE_BUSY, kBusyFreeingStates, {}, file, "busy freeing the space of saved states");
    throw StoreError("the store's writer is busy with this program's other call (a reply and its state being saved); "
                     "this thread waited " + waited + " for it",
                     SQLITE_BUSY, kBusyWithThisProgram, {}, file, "busy with this program's other call");
}

ConnectionGate::Read::Read(const ConnectionGate& gate, Database& writer, Database* reader) {
    if (reader) {
        if (gate.writer_.try_lock()) {
            writer_ = WriterLock(gate.writer_, std::adopt_lock);
            db_ = &writer;
            return;
        }
        reader_ = std::unique_lock(gate.reader_);
        db_ = reader;
        if (sqlite3_get_autocommit(reader->handle())) reader->exec("BEGIN");
        return;
    }
    writer_ = WriterLock(gate.writer_);
    db_ = &writer;
}

ConnectionGate::Read::~Read() {
    if (!reader_.owns_lock() || sqlite3_get_autocommit(db_->handle())) return;
    // A read transaction: COMMIT only ends it. Should it fail, ROLLBACK does the same.
    if (sqlite3_exec(db_->handle(), "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
        sqlite3_exec(db_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

std::unique_ptr<Database> openReader(const Database& writer) {
    if (writer.isMemory() || writer.isReadOnly()) return nullptr;
    try {
        auto reader = std::make_unique<Database>(writer.path(), 5000, true);
        // Only a read-write connection with query_only reads what the writer commits as it commits it (Database's
        // other read-only forms may be immutable) and leaves the -wal to the writer when it closes.
        if (sqlite3_db_readonly(reader->handle(), "main") == 0 && reader->journalMode() == QLatin1String("wal"))
            return reader;
    } catch (const StoreError& e) {
        qWarning("rwkv store: %s: no second connection for reads (%s); reads wait for the writer", qPrintable(writer.path()),
                 e.what());
    }
    return nullptr;
}

}  // namespace rwkv::store
