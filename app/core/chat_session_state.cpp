// chat_session_state.cpp — ChatSession: the state before a turn — the messages read up from its parent (readBefore),
// the state they lead to (findState: the hot-state cache -> this model's snapshot of the last reply -> the nearest
// older one + the text after it -> the whole text from zeros), the cache, snapshots made and read, prefetch — and the
// turns of a path as the model reads them (historyTurns). The turns themselves: chat_session.cpp.
// Tests: tests/app/test_chat_session.cpp, test_chat_branches.cpp.
#include <QCoreApplication>
#include <QFileInfo>

#include <algorithm>
#include <map>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "chat_session.h"
#include "chat_session_state.h"
#include "engine_error_text.h"  // startStateErrorSentence
#include "invisible_format.h"  // holdsNothingToRead
#include "models/one_line.h"  // isolated, isolatedPath
#include "rwkv/chat_format.h"
#include "rwkv/error.h"
#include "start_state.h"
#include "store/damaged_database.h"
#include "store/snapshot_codec.h"
#include "store/store_error.h"

namespace rwkv::app {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("rwkv::app::ChatSession", text); }

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

/// The tokens the state after reply `replyId` (one of `path`) has read, as saved with it; -1 when unknown (a reply saved
/// before schema v9 kept none).
qint64 storedStateTokens(const QList<store::Message>& path, qint64 replyId) {
    for (const store::Message& m : path)
        if (m.id == replyId) return m.readouts.state_tokens > 0 ? m.readouts.state_tokens : -1;
    return -1;
}

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

}  // namespace

QString stateErrorText(const std::exception& e) {
    // Not ChatSession's tr() above: lupdate files a free function's tr() under the namespace, "rwkv::app" (before
    // session 38 these six were asked for under "rwkv::app::ChatSession" and stayed English in zh_CN).
    const auto tr = [](const char* source) { return QCoreApplication::translate("rwkv::app", source); };
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

QString unreadableReason(const std::exception& e) {
    QString fallback = QString::fromUtf8(e.what());
    if (const auto* ce = dynamic_cast<const store::CodecError*>(&e); ce && !ce->libraryWords().empty())
        fallback += QStringLiteral(" (zstd: ") + QString::fromStdString(ce->libraryWords()) + u')';
    return store::sqliteReason(e, fallback);  // SQLite's kept words first, a damaged file's bytes in them escaped
}

// --- the state before a turn ---

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
        instructionsChanged_.erase(conversationId);  // the first turn reads them anyway
        startStateChanged_.erase(conversationId);
        r.state = startState(conversationId);
        return r;  // Fresh
    }
    r.firstTurn = false;
    r.anchorId = t.replyIds.back();

    // Snapshots of this model, by message; a snapshot of another model only changes the note.
    std::map<qint64, store::SnapshotInfo> saved;
    // Why a reply's snapshot cannot serve: another model, or this model on another backend or weight dtype
    // (states resume exactly only where they were made).
    using Why = RereadWhy::Kind;
    std::map<qint64, RereadWhy> foreign;
    RereadWhy why;
    bool unexplained = false;  // the newest reply has no state to start from, and no damage says why
    QString unlisted;  // the snapshots table cannot be read (damaged): none is used, the text is read again
    for (const store::SnapshotInfo& s : savedSnapshots(conversationId, &unlisted)) {
        if (s.tags == tags_)
            saved[s.message_id] = s;
        else
            foreign.try_emplace(s.message_id, s.tags.fingerprint != tags_.fingerprint
                                                  ? RereadWhy{Why::AnotherModel}
                                                  : RereadWhy{Why::AnotherSetup, s.tags.backend, s.tags.weight_dtype,
                                                              tags_.backend, tags_.weight_dtype});
    }
    if (!unlisted.isEmpty()) {
        why = {Why::Damaged};
        r.detail = tr("the database's list of saved states is damaged");
        r.detailWords = unlisted;
    }
    for (std::size_t k = n; k >= 1 && !r.fromMessage; --k) {
        const qint64 reply = t.replyIds[k - 1];
        if (const auto c = cache_.find({conversationId, reply}); c != cache_.end()) {
            c->second.lastUse = ++useCounter_;
            r.state = c->second.state.clone();
            r.tokens = c->second.tokens;
            r.source = k == n ? StateSource::Memory : StateSource::Derived;
            r.fromMessage = reply;
        } else if (const auto s = saved.find(reply); s != saved.end()) {
            try {
                const std::optional<store::SnapshotPayload> p = store_.snapshotPayload(s->second.id);
                if (!p) throw store::CodecError("it was pruned meanwhile");
                r.state = importSnapshot(*p);
                r.source = k == n ? StateSource::SavedState : StateSource::Derived;
                r.fromMessage = reply;
                r.tokens = storedStateTokens(before.messages, reply);
                remember(conversationId, reply, r.state, r.tokens);  // hot from now on (regenerating again, switching back)
            } catch (const std::exception& e) {  // damaged: ignored, an older snapshot or the text takes over
                // The user's words in the note (translated); zstd's or SQLite's words ("the stored snapshot is not a
                // zstd frame") go to resumeDetail (the app's log, rwkv-cli's stderr line and JSON). Before, they stood
                // inside the note, in English in the zh_CN status line too (session 23's trial, T2).
                if (why.kind == Why::None) {
                    why = {Why::Damaged};
                    r.detail = stateErrorText(e);
                    r.detailWords = unreadableReason(e);
                }
            }
        }
        if (k == n && !r.fromMessage && why.kind == Why::None) unexplained = true;  // worded once `from` is known
        if (k == 1) break;
    }
    // Read up to a state that turned out damaged, with none above it in what was read: the whole branch then.
    if (!r.fromMessage && !before.whole)
        return findState(conversationId, {store_.branch(before.messages.back().id), true});
    // The instructions changed since the states were made (they went with the change): that is why, whatever else
    // the lookup met. A state found is one made with the new instructions: the mark is done with.
    if (r.fromMessage) {
        instructionsChanged_.erase(conversationId);
        startStateChanged_.erase(conversationId);
    } else if (instructionsChanged_.count(conversationId)) {
        why = {Why::InstructionsChanged};
        unexplained = false;
    } else if (startStateChanged_.count(conversationId)) {
        why = {Why::StartStateChanged};
        unexplained = false;
    }
    std::size_t from = 0;  // turns already in r.state
    if (r.fromMessage) {
        from = std::size_t(std::find(t.replyIds.begin(), t.replyIds.end(), r.fromMessage) - t.replyIds.begin()) + 1;
    } else {
        r.state = startState(conversationId);
        r.source = StateSource::Reprefill;
    }
    if (unexplained) {
        // The reason that decides how much is read again: the newest reply read as text whose snapshot is another
        // model's, backend's or weight type's (a reply cut off above fp16 states, on int8, re-reads the whole chat
        // for them: session 38's trial), else the cut-off reply (alone, it re-reads the last turn), else none saved.
        why = {t.cutOff.back() ? Why::CutOffReply : Why::NoSavedState};
        for (std::size_t k = n; k > from; --k)
            if (const auto f = foreign.find(t.replyIds[k - 1]); f != foreign.end()) {
                why = f->second;
                break;
            }
    }
    if (from < n) {
        const std::vector<ChatHistoryTurn> rest(t.turns.begin() + std::ptrdiff_t(from), t.turns.end());
        // From zeros the system prompt comes first; from a snapshot it is already in the state.
        r.text = format_history(from == 0 ? instructionsRead(store_.conversation(conversationId)->system_prompt)
                                          : std::string(),
                                rest);
        // Each turn's question and reply, and the unanswered questions folded into it (their prefill was cut off):
        // "re-reading 6 messages" while 7 were read before (session 38's check).
        r.textMessages = 0;
        for (const ChatHistoryTurn& turn : rest) r.textMessages += 2 + qint64(turn.unread.size());
        r.note = why;
    } else {
        r.detail.clear();
        r.detailWords.clear();
    }
    return r;
}

QString ChatSession::resumeNote(const TurnStats& stats) {
    if (stats.reprefillMessages <= 0) return {};
    // Two source strings instead of %n: no English .qm is loaded, so "%n message(s)" would show as is. The count
    // grouped as the UI's numbers are (QLocale(): LanguageSwitcher::numberLocale): "re-reading 19998 messages" was
    // the one count of the status line written without (session 53's lows2).
    const QString reading = stats.reprefillMessages == 1
                                ? tr("re-reading 1 message")
                                : tr("re-reading %1 messages").arg(QLocale().toString(stats.reprefillMessages));
    const RereadWhy& w = stats.rereadWhy;
    QString why;
    switch (w.kind) {
    case RereadWhy::Kind::None: return reading;
    case RereadWhy::Kind::NoSavedState: why = tr("no saved state"); break;
    case RereadWhy::Kind::CutOffReply: why = tr("the cut-off reply is read again as text"); break;
    case RereadWhy::Kind::AnotherModel: why = tr("saved state belongs to another model"); break;
    case RereadWhy::Kind::AnotherSetup:
        why = tr("saved state was made with %1 %2, this run uses %3 %4")
                  .arg(w.madeBackend, w.madeDtype, w.runBackend, w.runDtype);
        break;
    case RereadWhy::Kind::Damaged: why = tr("the saved state was damaged; nothing was lost"); break;
    case RereadWhy::Kind::InstructionsChanged: why = tr("the instructions changed"); break;
    case RereadWhy::Kind::StartStateChanged: why = tr("the starting state changed"); break;
    }
    return tr("%1 — %2").arg(why, reading);
}

QString ChatSession::unreadNote(const TurnStats& stats) {
    const std::size_t unread = stats.unreadQuestionIds.size();
    if (unread == 0) return {};
    return unread == 1 ? tr("also read the unanswered question before this one (its reading had been cut off)")
                       : tr("also read the %1 unanswered questions before this one (their reading had been cut off)")
                             .arg(QLocale().toString(qint64(unread)));
}

QString TurnStats::resumeNote() const { return ChatSession::resumeNote(*this); }
QString TurnStats::unreadNote() const { return ChatSession::unreadNote(*this); }

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

void ChatSession::remember(qint64 conversationId, qint64 messageId, const State& state, qint64 tokens) {
    cache_[{conversationId, messageId}] = CacheEntry{state.clone(), ++useCounter_, tokens};
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

void ChatSession::instructionsChanged(qint64 conversationId) {
    forget(conversationId);
    instructionsChanged_.insert(conversationId);
}

void ChatSession::startStateChanged(qint64 conversationId) {
    forget(conversationId);
    startStateChanged_.insert(conversationId);
}

std::vector<float> ChatSession::startStateFloats(const store::Conversation& c) const {
    const QString name = QFileInfo(c.start_state).fileName();
    // Each sentence with the file's name and path as they are (rwkv-cli) and isolated (the window, as it quotes every
    // name: session 57's loose ends).
    const auto error = [&](const QString& sentence, const auto& fill) {
        return ChatError(fill(sentence, name, c.start_state).toStdString(),
                         fill(sentence, models::isolated(name), models::isolatedPath(c.start_state)).toStdString());
    };
    const auto unreadable = [&] {
        return error(tr("This chat starts from the state-tuning file %1, which cannot be read now (%2 is gone or "
                        "unreadable): put it back, or choose another starting state."),
                     [](const QString& s, const QString& n, const QString& p) { return s.arg(n, p); });
    };
    StartStateFile read;
    try {
        read = readStartStateFile(c.start_state);
    } catch (const ChatError&) {
        throw unreadable();
    } catch (const Error& e) {
        // A file there, but cut short or damaged (a NaN among its values) since it was chosen: said so, and what is
        // wrong, as for a model file; before (session 56's loose ends) "gone or unreadable: put it back" — it was there.
        if (e.code() == ErrorCode::CorruptFile || e.code() == ErrorCode::TruncatedFile || e.code() == ErrorCode::EmptyFile)
            throw error(tr("This chat starts from the state-tuning file %1, which is there but damaged now: %2 Put "
                           "a good copy back at %3, or choose another starting state. Details: %4"),
                        [&e](const QString& s, const QString& n, const QString& p) {
                            return s.arg(n, startStateErrorSentence(e), p, QString::fromStdString(e.what()));
                        });
        // What is there now is no state-tuning file (it was one when chosen: other bytes, a named pipe or a device in
        // its place): the window said "The model's file is damaged" for it before (session 49's trial).
        throw unreadable();
    }
    if (read.sha256 != c.start_state_sha256)
        throw error(tr("This chat starts from the state-tuning file %1, which has changed since it was chosen "
                       "(sha256 %2…, now %3…): choose it again to start from it as it is now."),
                    [&](const QString& s, const QString& n, const QString&) {
                        return s.arg(n, c.start_state_sha256.left(12), read.sha256.left(12));
                    });
    try {
        return state_file_floats(read.file, model_.shape());
    } catch (const Error& e) {
        throw Error(e.code(), name.toStdString() + ": " + e.what());
    }
}

void ChatSession::readStartStateForTurn(const store::Conversation& c, qint64 parentReplyId) {
    turnStartState_.reset();
    if (c.start_state.isEmpty()) return;
    // Resumed from the parent reply's state (in memory, or saved for this model): the file is not read. That state
    // already holds what the file gave; a file moved or changed since does not stop a chat that can go on
    // (docs/conversations.md "Starting state" says why).
    if (parentReplyId != 0) {
        if (cache_.count({c.id, parentReplyId})) return;
        for (const store::SnapshotInfo& s : savedSnapshots(c.id))
            if (s.message_id == parentReplyId && s.tags == tags_) return;
    }
    turnStartState_.emplace(c.id, startStateFloats(c));
}

State ChatSession::startState(qint64 conversationId) {
    State s = model_.new_state();
    if (turnStartState_ && turnStartState_->first == conversationId) {  // read and checked for this turn already
        s.from_host(turnStartState_->second);
        return s;
    }
    const std::optional<store::Conversation> c = store_.conversation(conversationId);
    if (c && !c->start_state.isEmpty()) s.from_host(startStateFloats(*c));
    return s;
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
    if (messageId == 0) return startState(conversationId);
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
            remember(conversationId, anchor, importSnapshot(*p), storedStateTokens(path, anchor));
            return true;
        } catch (const std::exception&) {
            return false;
        }
    }
    return false;
}

std::string instructionsRead(const QString& systemPrompt) {
    return holdsNothingToRead(systemPrompt) ? std::string() : utf8(systemPrompt);
}

}  // namespace rwkv::app
