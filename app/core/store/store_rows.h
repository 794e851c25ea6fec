// store/store_rows.h — internal to the store: column lists and row readers shared by the conversation_store*.cpp
// files. Readers are tolerant: a NULL cell in a damaged row reads as empty/0, an unknown role as User, so one bad
// field never locks a conversation (ux-anchors §2.1).
#pragma once

#include "conversation_store.h"
#include "statement.h"

#include <QDateTime>

#include <algorithm>
#include <string>

namespace rwkv::store::detail {

inline qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

inline std::string unknown(const char* what, qint64 id) { return std::string("unknown ") + what + " " + std::to_string(id); }

inline constexpr const char* kConversationColumns =
    "c.id, c.title, c.created_at, c.updated_at, c.system_prompt, c.last_used_at, c.pinned, c.deleted_at, "
    "c.sampling_preset, c.think_mode, c.model_name, c.viewed_leaf_id, c.start_state, c.start_state_sha256, c.folder_id, "
    "c.forked_from_message_id";

inline Conversation readConversation(const Statement& s) {
    Conversation c;
    c.id = s.columnInt64(0);
    c.title = s.columnText(1);
    c.created_at = s.columnInt64(2);
    c.updated_at = s.columnInt64(3);
    c.system_prompt = s.columnText(4);
    c.last_used_at = s.columnInt64(5);
    c.pinned = s.columnBool(6);
    c.deleted_at = s.columnIsNull(7) ? 0 : s.columnInt64(7);
    c.sampling_preset = s.columnText(8);
    const qint64 think = s.columnInt64(9);
    c.think_mode = think >= 0 && think <= 2 ? ThinkMode(think) : ThinkMode::Off;
    c.model_name = s.columnText(10);
    c.viewed_leaf_id = s.columnIsNull(11) ? 0 : s.columnInt64(11);
    c.start_state = s.columnText(12);
    c.start_state_sha256 = s.columnText(13);
    c.folder_id = s.columnIsNull(14) ? 0 : s.columnInt64(14);
    c.forked_from_message_id = s.columnIsNull(15) ? 0 : s.columnInt64(15);
    return c;
}

inline constexpr const char* kMessageColumns =
    "m.id, m.conversation_id, m.parent_id, m.role, m.text, m.created_at, m.token_count, m.finished, "
    "m.prefill_tokens, m.prefill_ms, m.decode_ms, m.ttft_ms, m.state_source, m.reply_end, m.state_tokens, "
    "m.continued_from";
inline constexpr int kMessageColumnCount = 16;

inline Message readMessage(const Statement& s) {
    Message m;
    m.id = s.columnInt64(0);
    m.conversation_id = s.columnInt64(1);
    m.parent_id = s.columnIsNull(2) ? 0 : s.columnInt64(2);
    const qint64 role = s.columnInt64(3);
    m.role = !s.columnIsNull(3) && role >= 0 && role <= 2 ? Role(role) : Role::User;
    if (s.columnIsNull(3) || role < 0 || role > 2) m.damage |= RoleUnreadable;
    if (!s.columnIsText(4)) m.damage |= TextUnreadable;
    m.text = s.columnText(4);
    m.created_at = s.columnInt64(5);
    m.token_count = s.columnInt64(6);
    m.finished = s.columnBool(7);  // NULL reads as unfinished: such a reply is never trusted as a complete turn
    m.readouts.prefill_tokens = s.columnInt64(8);
    m.readouts.prefill_ms = s.columnDouble(9);
    m.readouts.decode_ms = s.columnDouble(10);
    m.readouts.ttft_ms = s.columnDouble(11);
    const qint64 source = s.columnInt64(12);
    m.readouts.state_source = source >= 0 && source <= 5 ? StateSourceCode(source) : StateSourceCode::Unknown;
    const qint64 end = s.columnInt64(13);  // a later version's value reads as a reply that ended by itself
    m.end = end >= 0 && end <= int(ReplyEnd::TextLost) ? ReplyEnd(end) : ReplyEnd::ByItself;
    m.readouts.state_tokens = std::max<qint64>(0, s.columnInt64(14));  // NULL (a hand-made row) or less: unknown
    m.continued_from = std::max<qint64>(0, s.columnInt64(15));         // NULL: not a continuation
    return m;
}

}  // namespace rwkv::store::detail
