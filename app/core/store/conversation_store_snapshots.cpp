// store/conversation_store_snapshots.cpp — per-turn state snapshots: written with incremental blob I/O over a
// zeroblob, read back the same way, pruned by the retention policy (retention.h) inside the writing transaction.
// Tests in tests/app/test_store_snapshots.cpp.
#include "conversation_store.h"

#include "blob_io.h"
#include "database.h"
#include "store_rows.h"
#include "transaction.h"

#include <sqlite3.h>
#include <QScopeGuard>

#include <exception>
#include <map>
#include <tuple>

namespace rwkv::store {

using namespace detail;

namespace {

// Only columns stored before `blob`, and length(blob) (read from the record header): a column after a large blob
// (created_at) makes SQLite walk the blob's whole overflow chain, so a listing read every snapshot in full (hundreds
// of MB per turn on a 7B model) and one damaged page made the conversation fail instead of re-reading its text.
constexpr const char* kSnapshotColumns =
    "id, conversation_id, message_id, model_fingerprint, weight_dtype, backend, codec, raw_size, length(blob)";

SnapshotInfo readSnapshotInfo(const Statement& s) {
    SnapshotInfo i;
    i.id = s.columnInt64(0);
    i.conversation_id = s.columnInt64(1);
    i.message_id = s.columnInt64(2);
    i.tags = {s.columnText(3), s.columnText(4), s.columnText(5)};
    i.codec = SnapshotCodec(s.columnInt64(6));
    i.raw_size = s.columnInt64(7);
    i.stored_size = s.columnInt64(8);
    return i;
}

}  // namespace

void ConversationStore::writeSnapshot(qint64 conversationId, const NewSnapshot& snap) {
    if (snap.tags.fingerprint.isEmpty()) throw StoreError("save snapshot: the model fingerprint is empty");
    // Replacing a snapshot frees its blob's pages; a damaged chain there (SQLITE_CORRUPT) would fail the whole turn
    // (see applyRetention). That happens when a chat re-reads its text past a damaged snapshot and saves the same
    // point again: keep the damaged one (resuming skips it) and write nothing for this message.
    qint64 existing = 0;
    {
        auto q = db_->cached("SELECT id FROM snapshots WHERE message_id = ?1 AND model_fingerprint = ?2 AND "
                             "weight_dtype = ?3 AND backend = ?4");
        q->bindInt64(1, snap.message_id);
        q->bindText(2, snap.tags.fingerprint);
        q->bindText(3, snap.tags.weight_dtype);
        q->bindText(4, snap.tags.backend);
        if (q->step()) existing = q->columnInt64(0);
    }
    if (existing != 0 && !blobChainIsIntact(*db_, "snapshots", "blob", existing)) return;
    // INSERT ... SELECT from messages: writes nothing unless the message belongs to the conversation. The bytes go
    // in afterwards with sqlite3_blob_write, so a 34 MB state is never bound as one SQL value. OR REPLACE gives a
    // re-saved snapshot a new id, so ids are in save order (latestSnapshot sorts by id, not by created_at).
    auto s = db_->cached("INSERT OR REPLACE INTO snapshots (conversation_id, message_id, model_fingerprint, "
                         "weight_dtype, backend, codec, raw_size, blob, created_at) "
                         "SELECT conversation_id, id, ?3, ?4, ?5, ?6, ?7, ?8, ?9 FROM messages "
                         "WHERE id = ?2 AND conversation_id = ?1 RETURNING id");
    s->bindInt64(1, conversationId);
    s->bindInt64(2, snap.message_id);
    s->bindText(3, snap.tags.fingerprint);
    s->bindText(4, snap.tags.weight_dtype);
    s->bindText(5, snap.tags.backend);
    s->bindInt64(6, qint64(snap.payload.codec));
    s->bindInt64(7, snap.payload.raw_size);
    s->bindZeroBlob(8, snap.payload.bytes.size());
    s->bindInt64(9, nowMs());
    if (!s->step())
        throw StoreError("save snapshot: message " + std::to_string(snap.message_id) + " is not in conversation " +
                         std::to_string(conversationId));
    const qint64 rowid = s->columnInt64(0);
    s->run();  // finish the statement before opening the blob
    writeBlob(*db_, "snapshots", "blob", rowid, snap.payload.bytes.constData(), snap.payload.bytes.size());
}

void ConversationStore::applyRetention(qint64 conversationId) {
    std::vector<RetentionNode> tree;
    {
        // A message some chat was made from (in the trash too: restored, it is as it was; purged, it lets go).
        auto s = db_->cached("SELECT m.id, m.parent_id, m.role, EXISTS (SELECT 1 FROM conversations f WHERE "
                             "f.forked_from_message_id = m.id) FROM messages m WHERE m.conversation_id = ?1");
        s->bindInt64(1, conversationId);
        while (s->step())
            tree.push_back({s->columnInt64(0), s->columnIsNull(1) ? 0 : s->columnInt64(1),
                            s->columnInt64(2) == qint64(Role::Assistant), s->columnBool(3)});
    }
    // The policy runs per model: snapshots of another model (or dtype, backend) never crowd each other out.
    std::map<std::tuple<QString, QString, QString>, std::vector<RetentionSnapshot>> groups;
    {
        auto s = db_->cached("SELECT id, message_id, model_fingerprint, weight_dtype, backend FROM snapshots "
                             "WHERE conversation_id = ?1");
        s->bindInt64(1, conversationId);
        while (s->step())
            groups[{s->columnText(2), s->columnText(3), s->columnText(4)}].push_back(
                {s->columnInt64(0), s->columnInt64(1)});
    }
    for (const auto& [tags, snaps] : groups) {
        for (qint64 id : snapshotsToPrune(tree, snaps, retention_)) {
            // Deleting frees the blob's overflow pages, so it walks them, and a damaged chain there is SQLITE_CORRUPT
            // that fails the whole transaction (SQLite refuses further writes in it), i.e. the turn being saved. A
            // damaged snapshot stays instead: it cannot be read either, and resuming skips it. The pages read here
            // are the ones the DELETE reads next.
            if (!blobChainIsIntact(*db_, "snapshots", "blob", id)) continue;
            auto d = db_->cached("DELETE FROM snapshots WHERE id = ?1");
            d->bindInt64(1, id);
            d->run();
        }
    }
}

void ConversationStore::saveSnapshot(qint64 conversationId, const NewSnapshot& snapshot) {
    const auto lock = gate_.lockWriter(*db_);
    Transaction tx(*db_);
    writeSnapshot(conversationId, snapshot);
    applyRetention(conversationId);
    tx.commit();
}

QList<SnapshotInfo> ConversationStore::snapshots(qint64 conversationId) const {
    const ConnectionGate::Read db(gate_, *db_, reader_.get());
    auto s = db->cached(std::string("SELECT ") + kSnapshotColumns +
                         " FROM snapshots WHERE conversation_id = ?1 ORDER BY message_id, id");
    s->bindInt64(1, conversationId);
    QList<SnapshotInfo> out;
    while (s->step()) out.append(readSnapshotInfo(*s));
    return out;
}

std::optional<SnapshotPayload> ConversationStore::snapshotPayload(qint64 snapshotId) const {
    const ConnectionGate::Read db(gate_, *db_, reader_.get());
    SnapshotPayload p;
    {
        auto s = db->cached("SELECT codec, raw_size FROM snapshots WHERE id = ?1");
        s->bindInt64(1, snapshotId);
        if (!s->step()) return std::nullopt;
        p.codec = SnapshotCodec(s->columnInt64(0));
        p.raw_size = s->columnInt64(1);
    }
    // The row cannot change in between: this call holds the writer, or reads inside one read transaction.
    p.bytes = readBlob(db.db(), "snapshots", "blob", snapshotId);
    return p;
}

std::optional<SnapshotInfo> ConversationStore::latestSnapshot(qint64 conversationId) const {
    const ConnectionGate::Read db(gate_, *db_, reader_.get());
    auto s = db->cached(std::string("SELECT ") + kSnapshotColumns +
                         " FROM snapshots WHERE conversation_id = ?1 ORDER BY message_id DESC, id DESC LIMIT 1");
    s->bindInt64(1, conversationId);
    if (!s->step()) return std::nullopt;
    return readSnapshotInfo(*s);
}

void ConversationStore::clearSnapshots(qint64 conversationId) {
    const auto lock = gate_.lockWriter(*db_);
    auto s = db_->cached("DELETE FROM snapshots WHERE conversation_id = ?1");
    s->bindInt64(1, conversationId);
    s->run();
}

qint64 ConversationStore::dropStatesForRoom(qint64 keepConversationId, bool all) {
    // Every other chat's states and this chat's older ones; its newest only when nothing else is left, or `all`. A
    // DELETE only frees pages: the file does not grow, and under withRoom's secure_delete FAST their blobs' pages go to
    // the free list unwritten, so its log is a few pages. Inside withRoom's transaction: the write that follows takes
    // the pages freed, and a write that still does not fit rolls the drop back with it.
    if (!all) {
        auto s = db_->cached("DELETE FROM snapshots WHERE conversation_id != ?1 OR id < (SELECT max(id) FROM "
                             "snapshots WHERE conversation_id = ?1)");
        s->bindInt64(1, keepConversationId);
        s->run();
        if (const qint64 dropped = db_->changes(); dropped > 0) return dropped;
    }
    db_->exec("DELETE FROM snapshots");
    return db_->changes();
}

void ConversationStore::withRoom(qint64 conversationId, const std::function<void()>& write) {
    const auto full = [](const StoreError& e) {
        return e.code() == SQLITE_FULL || e.extendedCode() == SQLITE_IOERR_WRITE;
    };
    try {
        write();
        return;
    } catch (const StoreError& e) {
        if (!full(e)) throw;
    }
    // Debian's SQLite zeroes every freed page (secure_delete on), so the log of a DELETE, or of the full-text index's
    // merge that a message's text starts, holds every page it frees: the dropped states' blobs whole (the drop itself
    // did not fit), and ~270 KB for a 64-token reply. FAST leaves freed pages unwritten (160 KB) while the disk is full.
    int secureDelete = 1;  // the connection's setting before the disk was found full
    {
        auto s = db_->cached("PRAGMA secure_delete");
        if (s->step()) secureDelete = int(s->columnInt64(0));
    }
    db_->exec("PRAGMA secure_delete = FAST");
    const auto restore = qScopeGuard([&] {
        try {
            db_->exec("PRAGMA secure_delete = " + std::to_string(secureDelete));
        } catch (const StoreError&) {  // a connection setting: nothing to undo in the file
        }
    });
    // The drop and the write in one transaction: a write that still does not fit rolls the drop back, so a refusal
    // loses nothing. Before (session 55's loose ends), each drop was committed first: a send refused on a full disk
    // had already freed the chat's saved states, and the next send read the whole chat again. The first round drops
    // what dropStatesForRoom drops first (it tries again even with none to drop: FAST may be enough), the second every
    // state, this chat's newest too, when that is more.
    std::exception_ptr stillFull;  // the first round's error, thrown when the second would drop nothing more
    qint64 droppedFirst = -1;      // what the first round dropped (and rolled back); -1: the drop itself failed
    for (const bool all : {false, true}) {
        // Best effort: the log emptied first (a failed commit may leave its frames there).
        sqlite3_wal_checkpoint_v2(db_->handle(), nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
        try {
            Transaction tx(*db_);  // the write's own transaction is a savepoint inside this one (Transaction)
            const qint64 dropped = dropStatesForRoom(conversationId, all);
            if (!all) droppedFirst = dropped;
            else if (dropped <= droppedFirst) std::rethrow_exception(stillFull);  // the same round again: no
            write();
            tx.commit();
            statesDroppedForRoom_ += dropped;
            return;
        } catch (const StoreError& e) {
            if (!full(e) || all) throw;
            stillFull = std::current_exception();
        }
    }
}

qint64 ConversationStore::snapshotBytes(qint64 conversationId) const {
    const ConnectionGate::Read db(gate_, *db_, reader_.get());
    auto s = db->cached("SELECT coalesce(sum(length(blob)), 0) FROM snapshots WHERE ?1 = 0 OR conversation_id = ?1");
    s->bindInt64(1, conversationId);
    s->step();
    return s->columnInt64(0);
}

void ConversationStore::setRetentionPolicy(const RetentionPolicy& policy) {
    const auto lock = gate_.lockWriter(*db_);
    retention_ = policy;
}

RetentionPolicy ConversationStore::retentionPolicy() const {
    const auto lock = gate_.lockWriter(*db_);
    return retention_;
}

}  // namespace rwkv::store
