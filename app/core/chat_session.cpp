// chat_session.cpp — ChatSession: send / regenerate / edit on the message tree, and the state lookup (hot-state cache
// -> snapshot -> nearest kept ancestor snapshot + text -> re-prefill). A "turn" is a user message followed by an
// assistant reply that is finished or has text: a reply cut off mid-stream (killed app, engine error) is read again as
// text before the next turn, as a reply stopped by the user is (the user sees it in the chat, so the model must know
// it too); a reply that never produced text (stopped or killed during prefill) is no turn: its question is read with
// the next one (historyTurns). The same rule makes the saved
// states and the re-read text, so the two never disagree. Tests: tests/app/test_chat_session.cpp,
// test_chat_branches.cpp.
#include "chat_session.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QThread>

#include <algorithm>
#include <chrono>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "rwkv/chat_format.h"
#include "rwkv/error.h"
#include "sampling_presets.h"
#include "store/damaged_database.h"
#include "store/snapshot_codec.h"
#include "store/store_error.h"

namespace rwkv::app {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("rwkv::app::ChatSession", text); }

// Why a saved state could not be read, in the library's words, for logs (TurnStats::resumeLog): SQLite's own words
// for a store error (what() also holds the statement and the result code), the codec's message and zstd's words.
QString unreadableReason(const std::exception& e) {
    if (const auto* se = dynamic_cast<const store::StoreError*>(&e); se && !se->sqliteMessage().empty())
        return QString::fromStdString(se->sqliteMessage());
    if (const auto* ce = dynamic_cast<const store::CodecError*>(&e); ce && !ce->libraryWords().empty())
        return QString::fromUtf8(e.what()) + QStringLiteral(" (zstd: ") + QString::fromStdString(ce->libraryWords()) +
               u')';
    return QString::fromUtf8(e.what());
}

// The same in the user's words, translated (TurnStats::resumeDetail): zstd's "Restored data doesn't match checksum"
// or "Src size is incorrect" stood there before (session 35's trial), as SQLite's words did before session 23.
QString stateErrorText(const std::exception& e) {
    if (const auto* ce = dynamic_cast<const store::CodecError*>(&e)) {
        switch (ce->kind()) {
        case store::CodecError::Kind::Checksum: return tr("the saved state is damaged: its checksum does not match");
        case store::CodecError::Kind::CutShort: return tr("the saved state is damaged: it is cut short");
        case store::CodecError::Kind::UnknownCodec: return tr("the saved state is in a format this version does not read");
        case store::CodecError::Kind::Damaged: return tr("the saved state is damaged");
        }
    }
    if (const auto* se = dynamic_cast<const store::StoreError*>(&e); se && store::isDamagedDatabase(*se))
        return tr("the saved state is damaged: the database is damaged where it is kept");
    return tr("the saved state could not be read");
}

std::string utf8(const QString& s) { return s.toStdString(); }

/// A reply as it goes back into re-read history: without its reasoning block (spec §7.2 recommendation).
std::string historyReply(const QString& text) {
    if (text.startsWith(QLatin1String("<think"))) {
        const qsizetype end = text.indexOf(QLatin1String("</think>"));
        if (end >= 0) return utf8(text.mid(end + 8).trimmed());
    }
    return utf8(text);
}

/// The turns of a path (root first) and, per turn, the id of its reply and whether that reply was cut off. A question
/// whose reply has no text (its prefill was killed or stopped) is no turn of its own: it is read with the next question
/// (ChatHistoryTurn::unread), or, after the last turn, with the new message (`unread`), so the model reads every question
/// the window shows (session 37's trial: the next turn resumed from a state that had never read it, and said nothing).
struct Turns {
    std::vector<ChatHistoryTurn> turns;
    std::vector<qint64> replyIds;
    std::vector<bool> cutOff;
    std::vector<std::string> unread;  // questions after the last turn without a reply: read with the new message
    std::vector<qint64> unreadIds;
};

Turns historyTurns(const QList<store::Message>& path) {
    Turns t;
    const store::Message* pendingUser = nullptr;
    const auto leaveUnread = [&t](const store::Message& q) {
        t.unread.push_back(utf8(q.text));
        t.unreadIds.push_back(q.id);
    };
    for (const store::Message& m : path) {
        if (m.role == store::Role::User) {
            if (pendingUser) leaveUnread(*pendingUser);  // two questions in a row (a lost reply row): both are shown
            pendingUser = &m;
        } else if (m.role == store::Role::Assistant) {
            if (pendingUser && (m.finished || !m.text.isEmpty())) {
                // a cut-off reply inside its reasoning block has no answer yet: the question alone is read again
                const bool openThink = !m.finished && m.text.startsWith(QLatin1String("<think")) &&
                                       !m.text.contains(QLatin1String("</think>"));
                t.turns.push_back({utf8(pendingUser->text), openThink ? std::string() : historyReply(m.text),
                                   std::exchange(t.unread, {})});
                t.unreadIds.clear();
                t.replyIds.push_back(m.id);
                t.cutOff.push_back(!m.finished);
            } else if (pendingUser) {
                leaveUnread(*pendingUser);  // no text: its prefill was cut off, so the state never read it
            }
            pendingUser = nullptr;
        }
    }
    return t;
}

rwkv::ThinkMode engineThink(store::ThinkMode mode) {
    switch (mode) {
    case store::ThinkMode::Think: return rwkv::ThinkMode::Think;
    case store::ThinkMode::FakeThink: return rwkv::ThinkMode::FakeThink;
    case store::ThinkMode::Off: break;
    }
    return rwkv::ThinkMode::Off;
}

}  // namespace

store::StateSourceCode stateSourceCode(StateSource s) {
    switch (s) {
    case StateSource::Fresh: return store::StateSourceCode::Fresh;
    case StateSource::Memory: return store::StateSourceCode::Memory;
    case StateSource::SavedState: return store::StateSourceCode::Snapshot;
    case StateSource::Derived: return store::StateSourceCode::Derived;
    case StateSource::Reprefill: return store::StateSourceCode::Reprefill;
    }
    return store::StateSourceCode::Unknown;
}

std::string ThinkFilter::push(std::string_view delta) {
    std::string out;
    if (mode_ == store::ThinkMode::Think && !opened_) {
        // Hold the text back until its first non-blank character says whether the model closed the tag.
        held_.append(delta);
        const std::size_t first = held_.find_first_not_of(" \t\r\n");
        if (first == std::string::npos) return out;
        opened_ = true;
        if (held_[first] == '>') {
            out = "<think>";
            out.append(held_, first + 1);
        } else {
            out = held_.substr(first);  // no reasoning block: the answer, without the unfinished tag
        }
        held_.clear();
        return out;
    }
    if (mode_ == store::ThinkMode::FakeThink && !skipped_) {
        std::size_t i = 0;
        for (; i < delta.size(); ++i) {
            const char c = delta[i];
            if (c == '>' && !sawClose_) {
                sawClose_ = true;
            } else if (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
                skipped_ = true;
                break;
            }
        }
        delta.remove_prefix(i);
    }
    out.append(delta);
    return out;
}

store::SnapshotTags snapshotTagsOf(const Model& model) {
    QString backend = QString::fromStdString(model.backend_name());
    if (const qsizetype colon = backend.indexOf(QLatin1Char(':')); colon >= 0) backend.truncate(colon);
    const std::string_view dtype = dtype_name(model.weight_dtype());
    return {QString::fromStdString(model.fingerprint().to_string()),
            QString::fromLatin1(dtype.data(), qsizetype(dtype.size())), backend};
}

ChatSession::ChatSession(store::ConversationStore& store, Model& model, const Tokenizer& tokenizer)
    : store_(store), model_(model), tokenizer_(tokenizer), tags_(snapshotTagsOf(model)) {}

ChatSession::~ChatSession() = default;

// --- the state before a turn ---

struct ChatSession::Lookup {
    State state;               // the state after `fromMessage` (zeros when 0)
    StateSource source = StateSource::Fresh;
    QString note;              // why no exact state was used
    QString detail;            // a damaged state: why, translated (TurnStats::resumeDetail)
    QString detailWords;       // the same in the codec's or SQLite's words (TurnStats::resumeLog)
    qint64 fromMessage = 0;    // the reply whose state was found
    qint64 anchorId = 0;       // the last complete reply before the turn (0 = none)
    std::string text;          // text to prefill from `state` to reach the anchor's state
    qint64 textMessages = 0;
    bool firstTurn = true;
    std::vector<std::string> unread;  // questions after the anchor the state never read: fed with the new message
    std::vector<qint64> unreadIds;
};

ChatSession::Before ChatSession::readBefore(qint64 conversationId, qint64 leafId, bool untilState) const {
    // The replies a turn can start from without the text above them: states in memory and saved for this model.
    QSet<qint64> resumable;
    if (untilState) {
        for (const auto& entry : cache_)
            if (entry.first.first == conversationId) resumable.insert(entry.first.second);
        for (const store::SnapshotInfo& s : savedSnapshots(conversationId))
            if (s.tags == tags_) resumable.insert(s.message_id);
    }
    // A complete reply at `at` that a turn can start from (historyTurns' rule: the question right before it).
    const auto serves = [&](const QList<store::Message>& path, qsizetype at) {
        const store::Message& m = path[at];
        return at > 0 && m.role == store::Role::Assistant && path[at - 1].role == store::Role::User &&
               (m.finished || !m.text.isEmpty()) && (!untilState || resumable.contains(m.id));
    };
    Before b;
    QSet<qint64> below;  // the messages read under the first one: a loop of parents reaching one of them ends there
    int limit = kFirstPageMessages;
    for (qint64 from = leafId;;) {
        const bool more = !b.messages.isEmpty();
        store::ConversationStore::BranchPage page = store_.branchPage(from, limit + (more ? 1 : 0), below);
        if (more) {  // `from` again, now read with the message above it (as ChatController::loadOlderMessages)
            if (page.messages.isEmpty() || page.messages.back().id != from) return b;
            b.messages.first() = page.messages.takeLast();
            below.insert(from);
        }
        for (qsizetype i = 1; i < page.messages.size(); ++i) below.insert(page.messages[i].id);
        const qsizetype added = page.messages.size();
        b.messages = page.messages + b.messages;
        b.whole = !page.olderLeft;
        if (b.whole) return b;
        for (qsizetype at = 1; at <= added && at < b.messages.size(); ++at)
            if (serves(b.messages, at)) return b;
        from = b.messages.first().id;
        limit = std::min(limit * 2, kLastPageMessages);
    }
}

ChatSession::Before ChatSession::shownBefore(const store::Message& question) const {
    // A question in a loop of parents (a damaged row) is shown first, with nothing before it: its parent's branch is
    // the whole loop, itself included, so its new reply read the looped chat as context (session 26's trial, F5).
    // It is answered from what the window shows before it: nothing. Whether its parent's chain reaches it: ids only.
    if (question.parent_id == 0 || store_.idsBelow(question.id, question.parent_id)) return {};
    return readBefore(question.conversation_id, question.parent_id);
}

ChatSession::Lookup ChatSession::findState(qint64 conversationId, const Before& before) {
    const Turns t = historyTurns(before.messages);
    Lookup r;
    r.unread = t.unread;
    r.unreadIds = t.unreadIds;
    const std::size_t n = t.turns.size();
    if (n == 0) {
        r.state = model_.new_state();
        return r;  // Fresh
    }
    r.firstTurn = false;
    r.anchorId = t.replyIds.back();

    // Snapshots of this model, by message; a snapshot of another model at the anchor only changes the note.
    std::map<qint64, store::SnapshotInfo> saved;
    // Why the anchor's snapshot cannot serve: another model, or this model on another backend or weight dtype
    // (states resume exactly only where they were made).
    QString foreignAtAnchor;
    QString why;
    QString unlisted;  // the snapshots table cannot be read (damaged): none is used, the text is read again
    for (const store::SnapshotInfo& s : savedSnapshots(conversationId, &unlisted)) {
        if (s.tags == tags_)
            saved[s.message_id] = s;
        else if (s.message_id == r.anchorId && foreignAtAnchor.isEmpty())
            foreignAtAnchor = s.tags.fingerprint != tags_.fingerprint
                                  ? tr("saved state belongs to another model")
                                  : tr("saved state was made with %1 %2, this run uses %3 %4")
                                        .arg(s.tags.backend, s.tags.weight_dtype, tags_.backend, tags_.weight_dtype);
    }
    if (!unlisted.isEmpty()) {
        why = tr("the saved state was damaged; nothing was lost");
        r.detail = tr("the database's list of saved states is damaged");
        r.detailWords = unlisted;
    }
    for (std::size_t k = n; k >= 1 && !r.fromMessage; --k) {
        const qint64 reply = t.replyIds[k - 1];
        if (const auto c = cache_.find({conversationId, reply}); c != cache_.end()) {
            c->second.lastUse = ++useCounter_;
            r.state = c->second.state.clone();
            r.source = k == n ? StateSource::Memory : StateSource::Derived;
            r.fromMessage = reply;
        } else if (const auto s = saved.find(reply); s != saved.end()) {
            try {
                const std::optional<store::SnapshotPayload> p = store_.snapshotPayload(s->second.id);
                if (!p) throw store::CodecError("it was pruned meanwhile");
                r.state = importSnapshot(*p);
                r.source = k == n ? StateSource::SavedState : StateSource::Derived;
                r.fromMessage = reply;
                remember(conversationId, reply, r.state);  // hot from now on (regenerating again, switching back)
            } catch (const std::exception& e) {  // damaged: ignored, an older snapshot or the text takes over
                // The user's words in the note (translated); zstd's or SQLite's words ("the stored snapshot is not a
                // zstd frame") go to resumeDetail (the app's log, rwkv-cli's stderr line and JSON). Before, they stood
                // inside the note, in English in the zh_CN status line too (session 23's trial, T2).
                if (why.isEmpty()) {
                    why = tr("the saved state was damaged; nothing was lost");
                    r.detail = stateErrorText(e);
                    r.detailWords = unreadableReason(e);
                }
            }
        }
        if (k == n && !r.fromMessage && why.isEmpty())
            why = t.cutOff.back()       ? tr("the cut-off reply is read again as text")
                  : !foreignAtAnchor.isEmpty() ? foreignAtAnchor
                                               : tr("no saved state");
        if (k == 1) break;
    }
    // Read up to a state that turned out damaged, with none above it in what was read: the whole branch then.
    if (!r.fromMessage && !before.whole)
        return findState(conversationId, {store_.branch(before.messages.back().id), true});
    std::size_t from = 0;  // turns already in r.state
    if (r.fromMessage) {
        from = std::size_t(std::find(t.replyIds.begin(), t.replyIds.end(), r.fromMessage) - t.replyIds.begin()) + 1;
    } else {
        r.state = model_.new_state();
        r.source = StateSource::Reprefill;
    }
    if (from < n) {
        const std::vector<ChatHistoryTurn> rest(t.turns.begin() + std::ptrdiff_t(from), t.turns.end());
        // From zeros the system prompt comes first; from a snapshot it is already in the state.
        r.text = format_history(from == 0 ? utf8(store_.conversation(conversationId)->system_prompt) : std::string(),
                                rest);
        r.textMessages = qint64(rest.size()) * 2;
        r.note = why;
    } else {
        r.detail.clear();
        r.detailWords.clear();
    }
    return r;
}

QList<store::SnapshotInfo> ChatSession::savedSnapshots(qint64 conversationId, QString* why) const {
    try {
        return store_.snapshots(conversationId);
    } catch (const store::StoreError& e) {  // a damaged table (session 33's check): the send failed here, question saved
        if (!store::isDamagedDatabase(e)) throw;  // a lock, a disk error: the turn fails and says so, as before
        if (why) *why = unreadableReason(e);
        qWarning("conversation %lld: the saved states cannot be listed (%s); the text is read again",
                 static_cast<long long>(conversationId), e.what());
        return {};
    }
}

void ChatSession::remember(qint64 conversationId, qint64 messageId, const State& state) {
    cache_[{conversationId, messageId}] = CacheEntry{state.clone(), ++useCounter_};
    while (cache_.size() > kMaxCachedStates) {
        auto oldest = std::min_element(cache_.begin(), cache_.end(), [](const auto& a, const auto& b) {
            return a.second.lastUse < b.second.lastUse;
        });
        cache_.erase(oldest);
    }
}

void ChatSession::forget(qint64 conversationId) {
    std::erase_if(cache_, [&](const auto& e) { return e.first.first == conversationId; });
}

const State* ChatSession::cachedState(qint64 conversationId, qint64 messageId) const {
    const auto it = cache_.find({conversationId, messageId});
    return it == cache_.end() ? nullptr : &it->second.state;
}

const State* ChatSession::cachedState(qint64 conversationId) const {
    const Turns t = historyTurns(store_.messages(conversationId));
    return t.replyIds.empty() ? nullptr : cachedState(conversationId, t.replyIds.back());
}

State ChatSession::importSnapshot(const store::SnapshotPayload& payload) {
    if (payload.raw_size < 0 || payload.raw_size > (qint64(1) << 34))
        throw store::CodecError("the stored snapshot declares " + std::to_string(payload.raw_size) + " bytes");
    if (decodeBuffer_.size() != std::size_t(payload.raw_size)) {  // a new model: a new buffer, pinned once
        decodeBufferPin_.reset();
        decodeBuffer_.assign(std::size_t(payload.raw_size), std::byte{0});
        decodeBufferPin_ = PinnedHostMemory(model_, decodeBuffer_);
    }
    const auto* bytes = reinterpret_cast<const std::byte*>(payload.bytes.constData());
    store::decodeSnapshotInto(std::span<const std::byte>(bytes, std::size_t(payload.bytes.size())), int(payload.codec),
                              decodeBuffer_);
    return model_.import_state(decodeBuffer_);
}

store::NewSnapshot ChatSession::makeSnapshot(qint64 messageId, const State& state) const {
    const std::vector<std::byte> blob = model_.export_state(state);
    const std::vector<std::byte> stored = store::encodeSnapshot(blob, store::CodecId::ShuffleZstd, kSnapshotLevel);
    store::NewSnapshot s;
    s.message_id = messageId;
    s.tags = tags_;
    s.payload.codec = store::SnapshotCodec::ShuffleZstd;
    s.payload.raw_size = qint64(blob.size());
    s.payload.bytes = QByteArray(reinterpret_cast<const char*>(stored.data()), qsizetype(stored.size()));
    return s;
}

State ChatSession::stateAfter(qint64 conversationId, qint64 messageId) {
    if (messageId == 0) return model_.new_state();
    const Before path = readBefore(conversationId, messageId);
    if (path.messages.isEmpty() || path.messages.back().conversation_id != conversationId)
        throw ChatError(tr("Message %1 is not in conversation %2.").arg(messageId).arg(conversationId).toStdString());
    Lookup l = findState(conversationId, path);
    if (!l.text.empty()) {
        std::vector<float> logits(std::size_t(model_.shape().vocab_size));
        model_.forward(l.state, tokenizer_.encode(l.text), logits);
    }
    return std::move(l.state);
}

// --- turns ---

TurnStats ChatSession::run(const TurnRequest& r, const ChatParams& params, const Callbacks& callbacks) {
    switch (r.kind) {
    case TurnRequest::Kind::Send: return send(r.conversationId, r.target, r.text, params, callbacks);
    case TurnRequest::Kind::Regenerate: return regenerate(r.conversationId, r.target, params, callbacks);
    case TurnRequest::Kind::Edit: return edit(r.conversationId, r.target, r.text, params, callbacks);
    }
    throw ChatError("unknown turn kind");
}

bool ChatSession::prefetch(qint64 conversationId, qint64 leafMessageId) {
    const QList<store::Message> path = readBefore(conversationId, leafMessageId, false).messages;  // to the last turn
    if (path.isEmpty() || path.back().conversation_id != conversationId) return false;
    const Turns t = historyTurns(path);
    if (t.replyIds.empty()) return false;
    const qint64 anchor = t.replyIds.back();
    if (cache_.count({conversationId, anchor})) return true;
    for (const store::SnapshotInfo& s : savedSnapshots(conversationId)) {
        if (s.message_id != anchor || !(s.tags == tags_)) continue;
        try {
            const std::optional<store::SnapshotPayload> p = store_.snapshotPayload(s.id);
            if (!p) return false;
            remember(conversationId, anchor, importSnapshot(*p));
            return true;
        } catch (const std::exception&) {
            return false;
        }
    }
    return false;
}

TurnStats ChatSession::send(qint64 conversationId, qint64 parentId, const QString& userText, const ChatParams& params,
                            const Callbacks& callbacks) {
    if (sanitize_chat_text(utf8(userText)).empty())
        throw ChatError(tr("The message is empty. Type something before sending.").toStdString());
    if (params.maxTokens < 1) throw ChatError(tr("The reply length must be at least one token.").toStdString());
    const std::optional<store::Conversation> conv = store_.conversation(conversationId);
    if (!conv) throw ChatError(tr("Conversation %1 does not exist.").arg(conversationId).toStdString());

    // The parent's own row first: a long chat without a saved state is read whole below (readBefore), after the
    // question is committed and shown — before, its bubble appeared only after that read (session 31's check: 6-9 s
    // for 200,000 messages, "Thinking…" over an empty composer meanwhile).
    if (parentId == kNewestBranch) {
        const std::optional<store::Message> newest = store_.newestMessage(conversationId);
        parentId = newest ? newest->id : 0;
    } else if (parentId != 0) {
        const std::optional<store::Message> parent = store_.message(parentId);
        if (!parent || parent->conversation_id != conversationId)
            throw ChatError(
                tr("Message %1 is not in conversation %2.").arg(parentId).arg(conversationId).toStdString());
        if (parent->role == store::Role::User)
            throw ChatError(tr("Message %1 is a question; a new message can only follow a reply.")
                                .arg(parentId)
                                .toStdString());
    }
    // 1. The user's message and the empty reply are committed (one transaction) before the engine runs.
    TurnStats stats;
    stats.conversationId = conversationId;
    stats.parentId = parentId;
    std::tie(stats.userMessageId, stats.assistantMessageId) =
        store_.beginTurn(conversationId, parentId, userText.trimmed());
    if (callbacks.onStarted) callbacks.onStarted(stats.userMessageId, stats.assistantMessageId);
    // 2. What the reply follows: up to the nearest state (readBefore).
    const Before before = parentId != 0 ? readBefore(conversationId, parentId) : Before{};
    return runReply(*conv, before, stats.assistantMessageId, userText, params, callbacks, stats);
}

TurnStats ChatSession::regenerate(qint64 conversationId, qint64 messageId, const ChatParams& params,
                                  const Callbacks& callbacks) {
    if (params.maxTokens < 1) throw ChatError(tr("The reply length must be at least one token.").toStdString());
    const std::optional<store::Conversation> conv = store_.conversation(conversationId);
    if (!conv) throw ChatError(tr("Conversation %1 does not exist.").arg(conversationId).toStdString());
    std::optional<store::Message> m = store_.message(messageId);
    if (!m || m->conversation_id != conversationId)
        throw ChatError(tr("Message %1 is not in conversation %2.").arg(messageId).arg(conversationId).toStdString());
    if (m->role == store::Role::Assistant) m = m->parent_id ? store_.message(m->parent_id) : std::nullopt;
    if (!m || m->role != store::Role::User)
        throw ChatError(tr("Only a reply to a question can be generated again.").toStdString());
    const Before before = shownBefore(*m);
    TurnStats stats;
    stats.conversationId = conversationId;
    stats.parentId = before.messages.isEmpty() ? 0 : m->parent_id;
    stats.regenerated = true;
    stats.userMessageId = m->id;
    stats.assistantMessageId = store_.beginReply(conversationId, m->id);
    if (callbacks.onStarted) callbacks.onStarted(stats.userMessageId, stats.assistantMessageId);
    return runReply(*conv, before, stats.assistantMessageId, m->text, params, callbacks, stats);
}

TurnStats ChatSession::edit(qint64 conversationId, qint64 messageId, const QString& newText, const ChatParams& params,
                            const Callbacks& callbacks) {
    const std::optional<store::Message> m = store_.message(messageId);
    if (!m || m->conversation_id != conversationId || m->role != store::Role::User)
        throw ChatError(tr("Message %1 is not a question in conversation %2.")
                            .arg(messageId)
                            .arg(conversationId)
                            .toStdString());
    // The edited version follows what the window shows before the question: for one shown first in a loop of parents,
    // nothing, so it is a new first message answered with no context (it followed message 4 of the loop, whose
    // branch is the whole looped chat). The looped rows stay as they are.
    return send(conversationId, shownBefore(*m).messages.isEmpty() ? 0 : m->parent_id, newText, params, callbacks);
}

qint64 steadyClockNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

TurnStats ChatSession::runReply(const store::Conversation& conv, const Before& before,
                                qint64 assistantId, const QString& userText, const ChatParams& params,
                                const Callbacks& cb, TurnStats stats) {
    QElapsedTimer clock;
    clock.start();
    // The wait between the request and this point (the queue to the worker, the user message's commit) counts too.
    const double waitedMs = params.requestedAtNs > 0 ? std::max<qint64>(0, steadyClockNs() - params.requestedAtNs) / 1e6
                                                     : 0.0;
    const qint64 conversationId = conv.id;

    // 2. The state before the turn, and what must be read to get there.
    Lookup state = findState(conversationId, before);
    stats.source = state.text.empty() ? state.source : (state.fromMessage ? StateSource::Derived : StateSource::Reprefill);
    stats.resumedFromState = stats.source == StateSource::Memory || stats.source == StateSource::SavedState;
    stats.derivedFromMessageId = stats.source == StateSource::Derived ? state.fromMessage : 0;
    const std::vector<std::int32_t> history = tokenizer_.encode(state.text);
    // Questions the window shows without a reply (their prefill was cut off) come first, after the system prompt of a
    // first turn: the state never read them (historyTurns).
    std::string turnText;
    if (!state.unread.empty()) {
        turnText = state.firstTurn ? format_history(utf8(conv.system_prompt), {}) : std::string();
        turnText += format_unread_questions(state.unread);
        stats.unreadQuestionIds = state.unreadIds;
        stats.unreadNote = state.unread.size() == 1
                               ? tr("also read the unanswered question before this one (its reading had been cut off)")
                               : tr("also read the %1 unanswered questions before this one (their reading had been "
                                    "cut off)")
                                     .arg(state.unread.size());
    }
    turnText += format_user_turn(utf8(userText), state.unread.empty() ? utf8(conv.system_prompt) : std::string(),
                                 state.firstTurn && state.unread.empty(), engineThink(conv.think_mode));
    const std::vector<std::int32_t> turn = tokenizer_.encode(turnText);
    if (!history.empty()) {
        stats.reprefillMessages = state.textMessages;
        // Two source strings instead of %n: no English .qm is loaded, so "%n message(s)" would show as is.
        const QString reading = stats.reprefillMessages == 1 ? tr("re-reading 1 message")
                                                             : tr("re-reading %1 messages").arg(stats.reprefillMessages);
        stats.resumeNote = state.note.isEmpty() ? reading : tr("%1 — %2").arg(state.note, reading);
        stats.resumeDetail = state.detail;
        stats.resumeLog = state.detailWords;
    }
    const std::size_t total = history.size() + turn.size();
    const auto progress = [&cb, total](std::size_t offset) {
        return [&cb, offset, total](std::size_t done, std::size_t) {
            if (cb.onPrefillProgress) cb.onPrefillProgress(offset + done, total);
        };
    };

    // 3. Derive the anchor's state from an older one when needed; it is saved with the turn, so regenerating or
    //    editing this turn again starts from the very same state.
    std::optional<store::NewSnapshot> derivedSnapshot;
    double derivationMs = 0;
    if (!history.empty()) {
        QElapsedTimer d;
        d.start();
        try {
            reread(state.state, history, params, cb, total);
        } catch (const Error& e) {
            if (e.code() != ErrorCode::Cancelled) throw;
            stats.stopped = true;
            stats.reason = StopReason::Cancelled;
            discardStoppedRegenerate(stats);
            stats.totalMs = double(clock.nsecsElapsed()) / 1e6;
            return stats;
        }
        derivationMs = double(d.nsecsElapsed()) / 1e6;
        remember(conversationId, state.anchorId, state.state);
        derivedSnapshot = makeSnapshot(state.anchorId, state.state);
    }

    // 4. Generate, checkpointing the partial reply every few seconds.
    SamplerParams sp = params.useConversationPreset ? withSamplingPreset(params.sampler, conv.sampling_preset)
                                                    : params.sampler;
    if (tokenizer_.vocab_size() == 256) {
        // Byte-level vocabulary (the demo model): every letter is a token, so repetition penalties would soon
        // push all common letters away and the reply drifts into random symbols. Penalties apply to words only.
        sp.presence_penalty = 0;
        sp.frequency_penalty = 0;
    }
    Sampler sampler(sp, model_.shape().vocab_size);
    Generator generator(model_, tokenizer_, sampler);
    GenerateOptions options;
    options.max_tokens = params.maxTokens;
    options.cancel = cb.cancel;
    options.prefill_progress = progress(history.size());
    ThinkFilter think(conv.think_mode);
    std::string partial;
    QElapsedTimer sinceCheckpoint;
    sinceCheckpoint.start();
    bool checkpointed = false;  // the first words are saved at once, then every checkpointMs
    const double beforeRunMs = double(clock.nsecsElapsed()) / 1e6;
    GenerateResult result;
    try {
        result = generator.run(state.state, turn, options, [&](std::string_view delta) {
            const std::string shown = think.push(delta);
            partial.append(shown);
            if (cb.onDelta && !shown.empty()) cb.onDelta(shown);
            if (params.paceMs > 0) QThread::msleep(static_cast<unsigned long>(params.paceMs));
            // At once for the first words: a run killed before the first checkpoint left the reply empty, read as
            // "No reply: it ended before its first word" though words were shown (session 35's check).
            if (sinceCheckpoint.elapsed() >= params.checkpointMs ||
                (!checkpointed && !partial.empty() && params.checkpointMs != ChatParams::kNoCheckpoints)) {
                sinceCheckpoint.restart();
                checkpointed = true;
                // Another program's lock (SQLITE_BUSY) is waited for a few ms only, not the 5 s busy timeout: the
                // checkpoint is skipped and the next one writes the whole text so far. The final save waits it all.
                const store::ConversationStore::LockWaitLimit quick(kCheckpointLockWaitMs);
                try {
                    store_.updateMessageText(assistantId, QString::fromStdString(partial), false);
                } catch (const std::exception&) {
                    // A failed checkpoint loses nothing yet: the final save reports the database error. Should the
                    // app end first (killed), the note beside the database says the text was shown, not saved.
                    if (!partial.empty()) store_.noteTextNotSaved(assistantId);
                }
            }
        });
    } catch (const Error& e) {
        if (derivedSnapshot) {
            try {
                store_.saveSnapshot(conversationId, *derivedSnapshot);
            } catch (const std::exception&) {
            }
        }
        if (e.code() != ErrorCode::Cancelled) throw;  // placeholder stays unfinished
        stats.stopped = true;
        stats.reason = StopReason::Cancelled;
        discardStoppedRegenerate(stats);
        stats.totalMs = double(clock.nsecsElapsed()) / 1e6;
        return stats;
    } catch (...) {
        try {
            store_.updateMessageText(assistantId, QString::fromStdString(partial), false);
        } catch (...) {
            if (!partial.empty()) store_.noteTextNotSaved(assistantId);
        }
        throw;
    }

    // 5. Reply, readouts and snapshots in one transaction, then keep the state in memory for the next turn.
    std::string reply = partial;  // the streamed text (think-mode shaped); result.text for plain replies
    while (!reply.empty() && (reply.back() == ' ' || reply.back() == '\n')) reply.pop_back();
    stats.reply = QString::fromStdString(reply);
    stats.reason = result.reason;
    stats.stopped = result.reason == StopReason::Cancelled;
    if (stats.stopped && reply.empty() && stats.regenerated) {  // read whole, stopped before a word was shown
        if (derivedSnapshot) {
            try {
                store_.saveSnapshot(conversationId, *derivedSnapshot);
            } catch (const std::exception&) {
            }
        }
        if (discardStoppedRegenerate(stats)) {
            stats.totalMs = double(clock.nsecsElapsed()) / 1e6;
            return stats;
        }
    }
    // Stop and a close cut the reply alike (the text and the state end at its last token); the row says which.
    if (stats.stopped)
        stats.end = cb.cancelIsClose && cb.cancelIsClose->load() ? store::ReplyEnd::Closed : store::ReplyEnd::Stopped;
    else if (result.reason == StopReason::MaxTokens)  // cut by the length limit: shown and exported as such
        stats.end = store::ReplyEnd::LengthLimit;
    stats.prefillTokens = qint64(result.prefill_tokens + history.size());
    stats.decodeTokens = qint64(result.decode_tokens);
    stats.prefillMs = result.prefill_ms + derivationMs;
    notePrefillRate(result.prefill_tokens, result.prefill_ms);
    stats.decodeMs = result.decode_ms;
    stats.ttftMs = result.decode_tokens > 0 ? waitedMs + beforeRunMs + result.first_token_ms : 0;
    const store::Readouts readouts = stats.readouts();
    QList<store::NewSnapshot> snapshots;
    if (derivedSnapshot) snapshots.append(*derivedSnapshot);
    snapshots.append(makeSnapshot(assistantId, state.state));
    // A stop for a window that closes or a quit (InferenceWorker::stopSavingWithin) waits less for another program's
    // lock: the reply is then kept on screen and the window asks, instead of showing nothing for 5 s. Also when it
    // comes while this save already waits (the reply ended by itself): the limit is read at each step of the wait —
    // read once here, such a Close still waited the whole 5 s (session 27's brief).
    std::optional<store::ConversationStore::LockWaitLimit> hurried;
    if (cb.finalSaveLockWaitMs) hurried.emplace(*cb.finalSaveLockWaitMs);
    try {
        std::exception_ptr stateError;  // what kept the state out (a full disk, a damaged file)
        stats.stateSaved = store_.saveTurnResult(conversationId, assistantId, stats.reply, stats.decodeTokens,
                                                 readouts, snapshots, modelName_, true, stats.end, &stateError);
        stats.statesDropped = store_.takeStatesDroppedForRoom();  // also those the question's save dropped
        if (stateError) {
            try {
                std::rethrow_exception(stateError);
            } catch (const store::StoreError& e) {
                stats.stateDamaged = store::isDamagedDatabase(e);
                stats.stateDetail = unreadableReason(e);
                if (stats.stateDamaged)
                    qWarning("conversation %lld: the reply was saved without its state: %s",
                             static_cast<long long>(conversationId), e.what());
            }
        }
    } catch (const std::exception&) {
        // Not even the text fits (a full disk): the reply on screen is whole, so the caller keeps it to save later.
        if (!stats.reply.isEmpty()) store_.noteTextNotSaved(assistantId);
        if (cb.onReplyNotSaved) cb.onReplyNotSaved(stats);
        throw;
    }
    stats.replySaved = true;
    remember(conversationId, assistantId, state.state);
    stats.totalMs = double(clock.nsecsElapsed()) / 1e6;
    return stats;
}

// A regenerate stopped before its first word added an empty version beside the reply it was to replace (‹ 2/2 › with
// nothing in it, session 33's check); that reply and its snapshot stay as they were. A send or an edit keeps its
// question, and the next turn reads it with its own (the file's comment).
bool ChatSession::discardStoppedRegenerate(TurnStats& stats) {
    if (!stats.regenerated) return false;
    try {
        stats.replyDiscarded = store_.discardEmptyReply(stats.assistantMessageId);
    } catch (const std::exception&) {
    }
    return stats.replyDiscarded;
}

void ChatSession::notePrefillRate(std::size_t tokens, double ms) {
    if (tokens >= 16 && ms > 0) prefillTokensPerMs_ = double(tokens) / ms;
}

// A conversation read again took ~47 s for 580 tokens on llvmpipe (new-user trial, session 19) with one progress report
// per 256-token chunk, the first after ~21 s, and Stop waiting as long: the window showed only "Thinking…". Now the
// caller hears of the re-read at once (onRereading), and the pieces are sized by this session's prefill rate to about
// rereadStepMs each: 256 tokens (the engine's default chunk) wherever that is fast enough, down to 16 on a slow device.
// The first re-read of a session (after a device switch: a new session) measures the rate on a 16-token probe first.
void ChatSession::reread(State& state, std::span<const std::int32_t> history, const ChatParams& params,
                         const Callbacks& cb, std::size_t total) {
    constexpr std::size_t kMinPiece = 16, kMaxPiece = 256;
    if (cb.onRereading) cb.onRereading(history.size(), total);
    std::vector<float> logits(std::size_t(model_.shape().vocab_size));
    std::size_t done = 0;
    QElapsedTimer clock;
    clock.start();
    const auto read = [&](std::size_t n, std::size_t chunk) {
        ForwardOptions fwd;
        fwd.cancel = cb.cancel;
        fwd.chunk_size = chunk;
        const std::size_t offset = done;
        fwd.progress = [&cb, &params, offset, total](std::size_t d, std::size_t) {
            if (cb.onPrefillProgress) cb.onPrefillProgress(offset + d, total);
            if (params.paceMs > 0) QThread::msleep(static_cast<unsigned long>(params.paceMs));
        };
        model_.forward(state, history.subspan(done, n), logits, fwd);
        done += n;
    };
    if (prefillTokensPerMs_ <= 0 && history.size() > 2 * kMinPiece) {
        read(kMinPiece, kMinPiece);
        notePrefillRate(kMinPiece, double(clock.nsecsElapsed()) / 1e6);
    }
    const double perStep = prefillTokensPerMs_ * std::max(1, params.rereadStepMs);
    const std::size_t piece = prefillTokensPerMs_ <= 0
                                  ? kMaxPiece
                                  : std::clamp<std::size_t>(std::size_t(perStep) / kMinPiece * kMinPiece, kMinPiece,
                                                            kMaxPiece);
    if (done < history.size()) read(history.size() - done, piece);
    notePrefillRate(history.size(), double(clock.nsecsElapsed()) / 1e6);
}

QString titleFromMessage(const QString& text, int maxChars) {
    QString t = text;
    for (QChar& c : t)  // pasted binary: control characters drew as boxes in the sidebar
        if (c.category() == QChar::Other_Control) c = QLatin1Char(' ');
    t = t.simplified();
    if (t.size() <= maxChars) return t;
    t.truncate(maxChars);
    const qsizetype space = t.lastIndexOf(QLatin1Char(' '));
    if (space > maxChars / 2) t.truncate(space);
    return t + QStringLiteral("…");
}

}  // namespace rwkv::app
