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
        QList<Message> branch;
        if (atMessageId != 0) {
            auto m = db_->cached("SELECT conversation_id FROM messages WHERE id = ?1");
            m->bindInt64(1, atMessageId);
            if (!m->step()) throw StoreError("fork: " + unknown("message", atMessageId) + "; nothing was written");
            if (m->columnInt64(0) != conversationId)
                throw StoreError("fork: message " + std::to_string(atMessageId) + " belongs to conversation " +
                                 std::to_string(m->columnInt64(0)) + ", not " + std::to_string(conversationId) +
                                 "; nothing was written");
            branch = readBranch(*db_, atMessageId);  // root first; a loop of parents is cut where it closes
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
        // The messages as stored (text, role, times, readouts, how each reply ended), parents renumbered. A damaged
        // row is copied as the window reads it: an unreadable role as the user's, a NULL text as "".
        qint64 parent = 0;
        for (const Message& m : branch) {
            auto s = db_->cached(
                "INSERT INTO messages (conversation_id, parent_id, role, text, created_at, token_count, finished, "
                "prefill_tokens, prefill_ms, decode_ms, ttft_ms, state_source, reply_end, state_tokens) "
                "SELECT ?1, ?2, CASE WHEN role IN (0, 1, 2) THEN role ELSE 1 END, coalesce(text, ''), created_at, "
                "token_count, coalesce(finished, 0), prefill_tokens, prefill_ms, decode_ms, ttft_ms, state_source, "
                "reply_end, state_tokens FROM messages WHERE id = ?3");
            s->bindInt64(1, id);
            if (parent != 0)
                s->bindInt64(2, parent);
            else
                s->bindNull(2);
            s->bindInt64(3, m.id);
            s->run();
            parent = db_->lastInsertRowId();
        }
        // Every state saved right after the last message (each model, weight type and backend), bytes as stored. One
        // whose pages are damaged is left out: the new chat reads its text instead, as the old one would.
        if (parent != 0) {
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
                s->bindInt64(2, parent);
                s->bindInt64(3, state);
                s->run();
            }
        }
        tx.commit();
    });
    return id;
}

}  // namespace rwkv::store
