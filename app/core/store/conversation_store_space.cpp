// store/conversation_store_space.cpp — the space saved states take (stateStorage: the figure of Settings and
// `rwkv-cli conversations stats`) and "Free space used by saved states" (thinSavedStates: each chat keeps its newest
// state on the version it opens on, then VACUUM). docs/conversations.md "Freeing the space". Tests in
// tests/app/test_store_space.cpp.
#include "conversation_store.h"

#include "blob_io.h"
#include "damage_mark.h"
#include "database.h"
#include "transaction.h"

#include <sqlite3.h>
#include <QFileInfo>
#include <QScopeGuard>

#include <algorithm>
#include <map>
#include <tuple>

namespace rwkv::store {

namespace {

// The database file and its -wal on disk (the -wal next to the file a link points to, where SQLite keeps it).
qint64 fileBytesOf(const Database& db) {
    if (db.isMemory()) return 0;
    const QFileInfo file(db.path());
    const QString real = file.canonicalFilePath().isEmpty() ? file.absoluteFilePath() : file.canonicalFilePath();
    const QFileInfo main(real), wal(real + QStringLiteral("-wal"));
    return (main.exists() ? main.size() : 0) + (wal.exists() ? wal.size() : 0);
}

// The message a conversation opens on: the newest under the stored viewed branch (viewedLeaf), else its newest.
qint64 openLeaf(Database& db, qint64 conversationId) {
    auto s = db.cached("WITH RECURSIVE sub(id) AS (SELECT m.id FROM conversations c JOIN messages m ON "
                       "m.id = c.viewed_leaf_id AND m.conversation_id = c.id WHERE c.id = ?1 UNION "
                       "SELECT m.id FROM messages m JOIN sub ON m.parent_id = sub.id) SELECT coalesce((SELECT max(id) "
                       "FROM sub), (SELECT max(id) FROM messages WHERE conversation_id = ?1))");
    s->bindInt64(1, conversationId);
    return s->step() && !s->columnIsNull(0) ? s->columnInt64(0) : 0;
}

// Whether PRAGMA quick_check finds the whole file whole. It reads every page (seconds on a library of several GB):
// asked only after a VACUUM failed.
bool checksWhole(Database& db) {
    try {
        auto s = db.cached("PRAGMA quick_check(1)");
        return s->step() && s->columnText(0) == QLatin1String("ok");
    } catch (const StoreError&) {  // a file too damaged to check
        return false;
    }
}

}  // namespace

StateStorage ConversationStore::stateStorage() const {
    const ConnectionGate::Read db(gate_, *db_, reader_.get());
    StateStorage out;
    {
        // length(blob) from the record header, no state's own pages, summed here: a GROUP BY in SQL copies each row's
        // blob into its sorter before length() is taken, and read all 680 MB of a 3,000-state library (1.9 s warm,
        // against 9 ms for this listing).
        std::map<std::tuple<QString, QString, QString>, StateStorage::Model> models;
        auto s = db->cached("SELECT model_fingerprint, weight_dtype, backend, length(blob) FROM snapshots");
        while (s->step()) {
            StateStorage::Model& m = models[{s->columnText(0), s->columnText(1), s->columnText(2)}];
            m.tags = {s->columnText(0), s->columnText(1), s->columnText(2)};
            ++m.states;
            m.bytes += s->columnInt64(3);
            ++out.states;
            out.stateBytes += s->columnInt64(3);
        }
        for (const auto& [tags, m] : models) out.byModel.append(m);
        std::stable_sort(out.byModel.begin(), out.byModel.end(),
                         [](const StateStorage::Model& a, const StateStorage::Model& b) { return a.bytes > b.bytes; });
    }
    {
        // Those the sidebar lists and those in the trash apart: Settings said "10 chats" beside 9 listed (session 49).
        auto s = db->cached("SELECT c.deleted_at IS NOT NULL, count(*) FROM conversations c "
                            "WHERE EXISTS (SELECT 1 FROM snapshots s WHERE s.conversation_id = c.id) GROUP BY 1");
        while (s->step()) (s->columnInt64(0) ? out.chatsInTrash : out.chats) = s->columnInt64(1);
    }
    {
        // A model's name is the file name its chats recorded (model_name, written with each reply and its state): a
        // chat names the model of its newest state, the newest such chat last (a file renamed since). A chat whose
        // newest state is another model's says nothing of this one's name.
        std::map<QString, QString> names;  // fingerprint -> name
        auto s = db->cached("SELECT s.model_fingerprint, c.model_name FROM conversations c JOIN snapshots s ON s.id = "
                            "(SELECT max(id) FROM snapshots WHERE conversation_id = c.id) WHERE c.model_name != '' "
                            "ORDER BY s.id");
        while (s->step()) names[s->columnText(0)] = s->columnText(1);
        for (StateStorage::Model& m : out.byModel)
            if (const auto it = names.find(m.tags.fingerprint); it != names.end()) m.name = it->second;
    }
    {
        auto s = db->cached("SELECT (SELECT freelist_count FROM pragma_freelist_count) * "
                            "(SELECT page_size FROM pragma_page_size)");
        if (s->step()) out.freeBytes = s->columnInt64(0);
    }
    out.fileBytes = fileBytesOf(db.db());
    return out;
}

ThinResult ConversationStore::thinSavedStates() {
    const auto lock = gate_.lockWriter(*db_);
    gate_.markFreeingStates(true);  // a change refused meanwhile says why (kBusyFreeingStates)
    const auto unmark = qScopeGuard([this] { gate_.markFreeingStates(false); });
    ThinResult out;
    out.fileBytesBefore = fileBytesOf(*db_);

    struct Row {
        qint64 id = 0, message = 0, bytes = 0;
    };
    // conversation -> model tags -> its states
    std::map<qint64, std::map<std::tuple<QString, QString, QString>, std::vector<Row>>> states;
    {
        auto s = db_->cached("SELECT id, conversation_id, message_id, model_fingerprint, weight_dtype, backend, "
                             "length(blob) FROM snapshots");
        while (s->step())
            states[s->columnInt64(1)][{s->columnText(3), s->columnText(4), s->columnText(5)}].push_back(
                {s->columnInt64(0), s->columnInt64(2), s->columnInt64(6)});
    }
    std::vector<Row> doomed;
    bool damageMet = false;  // a state whose pages cannot be read: the VACUUM, which copies every row, cannot finish
    for (const auto& [conversationId, groups] : states) {
        std::vector<RetentionNode> tree;
        {
            auto s = db_->cached("SELECT id, parent_id, role FROM messages WHERE conversation_id = ?1");
            s->bindInt64(1, conversationId);
            while (s->step())
                tree.push_back({s->columnInt64(0), s->columnIsNull(1) ? 0 : s->columnInt64(1),
                                s->columnInt64(2) == qint64(Role::Assistant)});
        }
        const qint64 leaf = openLeaf(*db_, conversationId);
        bool thinned = false;
        for (const auto& [tags, rows] : groups) {
            std::vector<RetentionSnapshot> snaps;
            for (const Row& r : rows) snaps.push_back({r.id, r.message});
            const std::vector<qint64> ids = snapshotsToThin(tree, snaps, leaf);
            for (const Row& r : rows)
                if (std::find(ids.begin(), ids.end(), r.id) != ids.end()) doomed.push_back(r);
            thinned = thinned || !ids.empty();
        }
        if (thinned) ++out.chats;
    }

    if (!doomed.empty()) {
        // Debian's SQLite zeroes every page it frees (secure_delete on): the log of this DELETE would hold every state
        // deleted, whole (gigabytes on a 7B model's library). FAST frees them unwritten; the VACUUM below rewrites the
        // file, so their bytes do not stay in it.
        int secureDelete = 1;
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
        Transaction tx(*db_);
        for (const Row& r : doomed) {
            // A damaged chain fails the DELETE that walks it, and the whole transaction (see applyRetention): such a
            // state stays; it cannot be read either, and resuming skips it.
            if (!blobChainIsIntact(*db_, "snapshots", "blob", r.id)) {
                damageMet = true;
                continue;
            }
            auto d = db_->cached("DELETE FROM snapshots WHERE id = ?1");
            d->bindInt64(1, r.id);
            d->run();
            out.statesDeleted += db_->changes();
            out.stateBytesDeleted += db_->changes() ? r.bytes : 0;
        }
        tx.commit();
    }

    qint64 freePages = 0;
    {
        auto s = db_->cached("PRAGMA freelist_count");
        if (s->step()) freePages = s->columnInt64(0);
    }
    if (freePages > 0 && !db_->isMemory()) {
        // VACUUM writes the pages kept into the write-ahead log (one transaction: killed midway, the file stays as it
        // was); the checkpoint then writes them back and truncates the file to its new size, and empties the -wal.
        try {
            db_->exec("VACUUM");
        } catch (const StoreError& e) {
            out.notShrunkCode = e.code();
            out.notShrunk = e.userMessage();
            // SQLite says "database or disk is full" for a VACUUM that meets a state's damaged chain of pages (see
            // damage_mark.cpp's onlyTheFreeList), whatever room the disk has: a library on a disk with 71 GB free was
            // said to be on a full disk, and its damage was never named (session 56's trial). The damage is said as
            // such, and noted for the next open's whole-file check, which offers the recovery.
            if (e.code() == SQLITE_FULL && (damageMet || !checksWhole(*db_))) {
                markDamageSeen(db_->handle(), "VACUUM: database or disk is full, over a saved state's damaged pages");
                out.notShrunkCode = SQLITE_CORRUPT;
                out.notShrunk = "the conversation database is damaged where a saved state is kept; the next start "
                                "checks the whole file and offers to recover the chats that can still be read";
            }
        }
        sqlite3_wal_checkpoint_v2(db_->handle(), nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
    }
    out.fileBytesAfter = fileBytesOf(*db_);
    return out;
}

}  // namespace rwkv::store
