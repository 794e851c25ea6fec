// store/conversation_store_fork.cpp — "New chat from here": a new conversation made of one branch of another, up to a
// message, with the saved states at that message, so that it goes on from there without reading the text again
// (ux-anchors §3 items 2 and 5). Tests in tests/app/test_store_fork.cpp. docs/conversations.md, "Forking a chat".
#include "conversation_store.h"

#include "blob_io.h"
#include "database.h"
#include "store_rows.h"
#include "transaction.h"

namespace rwkv::store {

using namespace detail;

qint64 ConversationStore::forkConversation(qint64 conversationId, qint64 atMessageId, const QString& title) {
    const auto lock = gate_.lockWriter(*db_);
    qint64 id = 0;
    withRoom(conversationId, [&] {  // on a full disk, its states are the last dropped
        Transaction tx(*db_);
        {
            auto c = db_->cached("SELECT deleted_at FROM conversations WHERE id = ?1");
            c->bindInt64(1, conversationId);
            if (!c->step()) throw StoreError("fork: " + unknown("conversation", conversationId) + "; nothing was written");
            if (!c->columnIsNull(0))
                throw StoreError("fork: conversation " + std::to_string(conversationId) +
                                 " is in the trash: restore it (Trash, at the bottom of RWKV Desktop's sidebar) to make "
                                 "a new chat from it; nothing was written");
        }
        QList<qint64> branch;
        if (atMessageId != 0) {
            auto m = db_->cached("SELECT conversation_id FROM messages WHERE id = ?1");
            m->bindInt64(1, atMessageId);
            if (!m->step()) throw StoreError("fork: " + unknown("message", atMessageId) + "; nothing was written");
            if (m->columnInt64(0) != conversationId)
                throw StoreError("fork: message " + std::to_string(atMessageId) + " belongs to conversation " +
                                 std::to_string(m->columnInt64(0)) + ", not " + std::to_string(conversationId) +
                                 "; nothing was written");
            branch = branchIds(*db_, atMessageId);  // root first; a loop of parents is cut where it closes
        }
        // The chat's settings as they are; new times, so that it lists first; not pinned, its own branch viewed.
        {
            auto s = db_->cached(
                "INSERT INTO conversations (title, system_prompt, created_at, updated_at, last_used_at, sampling_preset, "
                "think_mode, model_name, start_state, start_state_sha256, folder_id, forked_from_message_id) "
                "SELECT ?2, c.system_prompt, ?3, t, t, c.sampling_preset, c.think_mode, c.model_name, c.start_state, "
                "c.start_state_sha256, c.folder_id, nullif(?4, 0) FROM conversations c, (SELECT max(?3, "
                "coalesce(max(max(updated_at), max(last_used_at)), 0) + 1) AS t FROM conversations) WHERE c.id = ?1");
            s->bindInt64(1, conversationId);
            s->bindText(2, title);
            s->bindInt64(3, nowMs());
            s->bindInt64(4, atMessageId);  // the source: its chat's retention keeps its states
            s->run();
            id = db_->lastInsertRowId();
        }
        // The messages as stored (text, role, times, readouts, how each reply ended, the tokens its state read, the
        // version each was continued from: a sibling, never on this branch, so the id of the one in the chat it was
        // made from), parents renumbered: one statement over the ids, each copy numbered after the largest id the
        // table ever had (AUTOINCREMENT's rule) and the previous one's parent. A damaged row is copied as the window
        // reads it: an unreadable role as the user's, a NULL text as "". Before, each row was read whole (readBranch)
        // and then copied by a statement of its own: 8.4 s for a 50,000-message branch, most of what is left the
        // full-text index of the copies.
        qint64 last = 0;  // the copy of atMessageId
        if (!branch.isEmpty()) {
            qint64 first = 1;
            {
                auto s = db_->cached("SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'messages'), 0), "
                                     "coalesce((SELECT max(id) FROM messages), 0)) + 1");
                if (s->step()) first = s->columnInt64(0);
            }
            QByteArray ids = "[";
            for (const qint64 m : branch) ids += QByteArray::number(m) + ',';
            ids.back() = ']';
            auto s = db_->cached(
                "INSERT INTO messages (id, conversation_id, parent_id, role, text, created_at, token_count, finished, "
                "prefill_tokens, prefill_ms, decode_ms, ttft_ms, state_source, reply_end, state_tokens, "
                "continued_from) "
                "SELECT ?2 + p.key, ?1, CASE WHEN p.key = 0 THEN NULL ELSE ?2 + p.key - 1 END, "
                "CASE WHEN m.role IN (0, 1, 2) THEN m.role ELSE 1 END, coalesce(m.text, ''), m.created_at, "
                "m.token_count, coalesce(m.finished, 0), m.prefill_tokens, m.prefill_ms, m.decode_ms, m.ttft_ms, "
                "m.state_source, m.reply_end, m.state_tokens, m.continued_from FROM json_each(?3) p JOIN messages m "
                "ON m.id = p.value "
                "ORDER BY p.key");
            s->bindInt64(1, id);
            s->bindInt64(2, first);
            s->bindText(3, QString::fromLatin1(ids));
            s->run();
            last = first + branch.size() - 1;
        }
        // Every state saved right after the last message (each model, weight type and backend), bytes as stored. One
        // whose pages are damaged is left out: the new chat reads its text instead, as the old one would.
        if (last != 0) {
            QList<qint64> states;
            {
                auto s = db_->cached("SELECT id FROM snapshots WHERE message_id = ?1 ORDER BY id");
                s->bindInt64(1, atMessageId);
                while (s->step()) states.append(s->columnInt64(0));
            }
            for (const qint64 state : states) {
                if (!blobChainIsIntact(*db_, "snapshots", "blob", state)) continue;
                auto s = db_->cached(
                    "INSERT INTO snapshots (conversation_id, message_id, model_fingerprint, weight_dtype, backend, codec, "
                    "raw_size, blob, created_at) SELECT ?1, ?2, model_fingerprint, weight_dtype, backend, codec, raw_size, "
                    "blob, created_at FROM snapshots WHERE id = ?3");
                s->bindInt64(1, id);
                s->bindInt64(2, last);
                s->bindInt64(3, state);
                s->run();
            }
        }
        tx.commit();
    });
    return id;
}

}  // namespace rwkv::store
