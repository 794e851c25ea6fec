// chat_session.cpp — ChatSession: send / regenerate / edit on the message tree, from the state the lookup finds
// (chat_session_state.cpp: hot-state cache -> snapshot -> nearest kept ancestor snapshot + text -> re-prefill), the
// re-read of text in pieces sized to the device, and the turn's result saved. A "turn" is a user message followed by an
// assistant reply that is finished or has text: a reply cut off mid-stream (killed app, engine error) is read again as
// text before the next turn, as a reply stopped by the user is (the user sees it in the chat, so the model must know
// it too); a reply that never produced text (stopped or killed during prefill) is no turn: its question is read with
// the next one (historyTurns). The same rule makes the saved
// states and the re-read text, so the two never disagree. Tests: tests/app/test_chat_session.cpp,
// test_chat_branches.cpp.
#include "chat_session.h"
#include "chat_session_state.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLocale>
#include <QScopeGuard>
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
#include "start_state.h"
#include "store/damaged_database.h"
#include "store/store_error.h"

namespace rwkv::app {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("rwkv::app::ChatSession", text); }

std::string utf8(const QString& s) { return s.toStdString(); }

rwkv::ThinkMode engineThink(store::ThinkMode mode) {
    switch (mode) {
    case store::ThinkMode::Think: return rwkv::ThinkMode::Think;
    case store::ThinkMode::FakeThink: return rwkv::ThinkMode::FakeThink;
    case store::ThinkMode::Off: break;
    }
    return rwkv::ThinkMode::Off;
}

/// Whether the model began reply `m` with the space the generator trims after "Assistant:", as told by the tokens it
/// sampled (Message::token_count, kept with a reply cut by the length limit, Stop or a close): the form of its text
/// whose tokens are that many. None where neither form is: no count (a reply killed mid-stream), trailing blanks gone
/// with the stored text's trim, or a version made by Continue, whose count is its continuation's alone.
std::optional<bool> beganWithSpace(const store::Message& m, const Tokenizer& tokenizer) {
    if (m.token_count <= 0) return std::nullopt;
    const std::size_t sampled = std::size_t(m.token_count);
    // (appended, not " " + std::string: GCC 12 warns of a memcpy overlap there, -Wrestrict, a known false alarm)
    if (sampled == tokenizer.encode(std::string(1, ' ').append(utf8(m.text))).size()) return true;
    if (sampled == tokenizer.encode(utf8(m.text)).size()) return false;
    return std::nullopt;
}

/// Whether the cut reply began with that space: told by its own token count; a version made by Continue, its text the
/// version it continued and then more (its count the continuation's alone), by the version it was continued from
/// (messages.continued_from, schema v10), followed back to the one the Continues began from; a row without it (made
/// before v10) by the longest earlier version of the reply whose text it starts with and whose count tells; else the
/// space, which RWKV chat models write there. Told by the continued version's own count alone, a second Continue of a
/// reply begun without a space read one before it, and went on otherwise than the uninterrupted reply (session 50's
/// trial); the longest earlier version is a guess, wrong where another version (a regenerate cut later) starts the text
/// too (session 52).
bool cutBeganWithSpace(const store::Message& cut, const store::ConversationStore& store, const Tokenizer& tokenizer) {
    if (cut.continued_from > 0) {
        // Back to the version the Continues began from (each an earlier row, an id below: the walk ends), whose count
        // is its whole text's. A row not found on the way (deleted) leaves the guess below.
        std::optional<store::Message> origin = cut;
        while (origin && origin->continued_from > 0 && origin->continued_from < origin->id)
            origin = store.message(origin->continued_from);
        if (origin && origin->continued_from == 0)
            if (const std::optional<bool> told = beganWithSpace(*origin, tokenizer)) return *told;
    } else if (const std::optional<bool> told = beganWithSpace(cut, tokenizer)) {
        return *told;
    }
    std::optional<store::Message> continued;
    for (const qint64 id : store.siblings(cut.id)) {
        if (id >= cut.id) continue;
        const std::optional<store::Message> earlier = store.message(id);
        if (!earlier || earlier->role != store::Role::Assistant || earlier->text.trimmed().isEmpty() ||
            earlier->text.size() >= cut.text.size() || !cut.text.startsWith(earlier->text) ||
            !beganWithSpace(*earlier, tokenizer) || (continued && continued->text.size() >= earlier->text.size()))
            continue;
        continued = earlier;
    }
    return continued ? *beganWithSpace(*continued, tokenizer) : true;
}

/// A cut reply's text as the model wrote it after the prompt (format_user_turn), to be read again as the reply so far:
/// the ">" that closes the prompt's "<think" (Think: the reasoning block the text starts with) or "</think" (FakeThink),
/// which ThinkFilter took away, and the space the generator trims after "Assistant:" when the model wrote one
/// (`spaced`: cutBeganWithSpace). Blanks the filter dropped are not known.
std::string replySoFar(const store::Message& cut, store::ThinkMode mode, bool spaced) {
    const QString& text = cut.text;
    const auto after = [](char first, const QString& rest) { return std::string(1, first).append(utf8(rest)); };
    if (mode == store::ThinkMode::Think && text.startsWith(QLatin1String("<think>"))) return after('>', text.mid(7));
    if (mode == store::ThinkMode::FakeThink) return after('>', text);
    return spaced ? after(' ', text) : utf8(text);  // no space: the model began without (a byte-level model's byte)
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

// --- turns ---

TurnStats ChatSession::run(const TurnRequest& r, const ChatParams& params, const Callbacks& callbacks) {
    switch (r.kind) {
    case TurnRequest::Kind::Send:
        return send(r.conversationId, r.target, r.text, params, callbacks, {r.storedQuestionId, r.storedReplyId});
    case TurnRequest::Kind::Regenerate:
        return regenerate(r.conversationId, r.target, params, callbacks, r.storedReplyId);
    case TurnRequest::Kind::Edit:
        return edit(r.conversationId, r.target, r.text, params, callbacks, {r.storedQuestionId, r.storedReplyId});
    case TurnRequest::Kind::Continue:
        return continueReply(r.conversationId, r.target, params, callbacks, r.storedReplyId);
    }
    throw ChatError("unknown turn kind");
}

TurnStats ChatSession::send(qint64 conversationId, qint64 parentId, const QString& userText, const ChatParams& params,
                            const Callbacks& callbacks, std::pair<qint64, qint64> stored) {
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
    // Its state-tuning file, where the turn reads the chat from its start: gone or changed, refused before anything is
    // written; read once for the turn (startState takes these floats).
    const auto turnDone = qScopeGuard([this] { turnStartState_.reset(); });
    readStartStateForTurn(*conv, parentId);
    // 1. The user's message and the empty reply are committed (one transaction) before the engine runs.
    TurnStats stats;
    stats.conversationId = conversationId;
    stats.parentId = parentId;
    // (Already committed by the window when a Local API request held this thread: ChatController::commitWaitingTurn.)
    std::tie(stats.userMessageId, stats.assistantMessageId) =
        stored.second != 0 ? stored : store_.beginTurn(conversationId, parentId, userText.trimmed(), modelName());
    if (callbacks.onStarted) callbacks.onStarted(stats.userMessageId, stats.assistantMessageId);
    // 2. What the reply follows: up to the nearest state (readBefore).
    const Before before = parentId != 0 ? readBefore(conversationId, parentId) : Before{};
    return runReply(*conv, before, stats.assistantMessageId, userText, params, callbacks, stats);
}

std::pair<store::Conversation, store::Message> ChatSession::questionToAnswerAgain(const store::ConversationStore& store,
                                                                                qint64 conversationId,
                                                                                qint64 messageId) {
    const std::optional<store::Conversation> conv = store.conversation(conversationId);
    if (!conv) throw ChatError(tr("Conversation %1 does not exist.").arg(conversationId).toStdString());
    std::optional<store::Message> m = store.message(messageId);
    if (!m || m->conversation_id != conversationId)
        throw ChatError(tr("Message %1 is not in conversation %2.").arg(messageId).arg(conversationId).toStdString());
    if (m->role == store::Role::Assistant) m = m->parent_id ? store.message(m->parent_id) : std::nullopt;
    if (!m || m->role != store::Role::User)
        throw ChatError(tr("Only a reply to a question can be generated again.").toStdString());
    return {*conv, *m};
}

TurnStats ChatSession::regenerate(qint64 conversationId, qint64 messageId, const ChatParams& params,
                                  const Callbacks& callbacks, qint64 storedReplyId) {
    if (params.maxTokens < 1) throw ChatError(tr("The reply length must be at least one token.").toStdString());
    const auto [conv, question] = questionToAnswerAgain(store_, conversationId, messageId);
    TurnStats stats;
    stats.regenerated = true;
    stats.assistantMessageId = storedReplyId;  // 0: replyAgain begins it
    return replyAgain(conv, question, params, callbacks, stats);
}

TurnStats ChatSession::replyAgain(const store::Conversation& conv, const store::Message& question,
                                  const ChatParams& params, const Callbacks& callbacks, TurnStats stats,
                                  const store::Message* soFar) {
    const Before before = shownBefore(question);
    const auto turnDone = qScopeGuard([this] { turnStartState_.reset(); });
    readStartStateForTurn(conv, before.messages.isEmpty() ? 0 : question.parent_id);  // as send()
    stats.conversationId = conv.id;
    stats.parentId = before.messages.isEmpty() ? 0 : question.parent_id;
    stats.userMessageId = question.id;
    if (stats.assistantMessageId == 0)  // (else committed by the window while a Local API request held this thread)
        stats.assistantMessageId =
            store_.beginReply(conv.id, question.id, stats.continuedFromId, modelName());  // kept: its readout
    if (callbacks.onStarted) callbacks.onStarted(stats.userMessageId, stats.assistantMessageId);
    return runReply(conv, before, stats.assistantMessageId, question.text, params, callbacks, stats, soFar);
}

std::pair<store::Message, store::Message> ChatSession::replyToContinue(const store::ConversationStore& store,
                                                                     qint64 conversationId, qint64 replyId) {
    const std::optional<store::Message> reply = store.message(replyId);
    if (!reply || reply->conversation_id != conversationId)
        throw ChatError(tr("Message %1 is not in conversation %2.").arg(replyId).arg(conversationId).toStdString());
    if (reply->role != store::Role::Assistant)
        throw ChatError(tr("Message %1 is not a reply; only a reply can be continued.").arg(replyId).toStdString());
    if (reply->text.trimmed().isEmpty())
        throw ChatError(tr("Reply %1 has no text to continue; regenerate it instead.").arg(replyId).toStdString());
    if (reply->finished && reply->end == store::ReplyEnd::ByItself)
        throw ChatError(tr("Reply %1 ended by itself; only a reply cut off (by the length limit, Stop, closing the "
                           "app, or a crash) can be continued.")
                            .arg(replyId)
                            .toStdString());
    const std::optional<store::Message> question = reply->parent_id ? store.message(reply->parent_id) : std::nullopt;
    if (!question || question->role != store::Role::User)
        throw ChatError(tr("Only a reply to a question can be continued.").toStdString());
    return {*reply, *question};
}

TurnStats ChatSession::continueReply(qint64 conversationId, qint64 replyId, const ChatParams& params,
                                    const Callbacks& callbacks, qint64 storedReplyId) {
    if (params.maxTokens < 1) throw ChatError(tr("The reply length must be at least one token.").toStdString());
    const std::optional<store::Conversation> conv = store_.conversation(conversationId);
    if (!conv) throw ChatError(tr("Conversation %1 does not exist.").arg(conversationId).toStdString());
    const auto [reply, question] = replyToContinue(store_, conversationId, replyId);
    // The state before the reply's turn, as regenerate finds it (what the window shows before the question).
    TurnStats stats;
    stats.continuedFromId = replyId;
    stats.assistantMessageId = storedReplyId;  // 0: replyAgain begins it
    return replyAgain(*conv, question, params, callbacks, stats, &reply);
}

std::pair<store::Message, qint64> ChatSession::questionToEdit(const store::ConversationStore& store,
                                                            qint64 conversationId, qint64 messageId) {
    const std::optional<store::Message> m = store.message(messageId);
    if (!m || m->conversation_id != conversationId || m->role != store::Role::User)
        throw ChatError(tr("Message %1 is not a question in conversation %2.")
                            .arg(messageId)
                            .arg(conversationId)
                            .toStdString());
    // The edited version follows what the window shows before the question (shownBefore): for one shown first in a
    // loop of parents, nothing, so it is a new first message answered with no context (it followed message 4 of the
    // loop, whose branch is the whole looped chat). The looped rows stay as they are.
    return {*m, m->parent_id == 0 || store.idsBelow(m->id, m->parent_id) ? 0 : m->parent_id};
}

TurnStats ChatSession::edit(qint64 conversationId, qint64 messageId, const QString& newText, const ChatParams& params,
                            const Callbacks& callbacks, std::pair<qint64, qint64> stored) {
    const auto [question, parent] = questionToEdit(store_, conversationId, messageId);
    TurnStats stats = send(conversationId, parent != 0 && !shownBefore(question).messages.isEmpty() ? parent : 0,
                           newText, params, callbacks, stored);
    stats.edited = true;
    return stats;
}

qint64 steadyClockNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

TurnStats ChatSession::runReply(const store::Conversation& conv, const Before& before,
                                qint64 assistantId, const QString& userText, const ChatParams& params,
                                const Callbacks& cb, TurnStats stats, const store::Message* soFar) {
    Prepared p;
    if (!prepareReply(conv, before, userText, params, cb, stats, soFar, p)) return stats;

    // 4. Generate, checkpointing the partial reply every few seconds.
    Sampler sampler(p.sampler, model_.shape().vocab_size);
    sampler.replay(p.soFarTokens);  // penalties and the random stream as after the cut reply's tokens
    Generator generator(model_, tokenizer_, sampler);
    ReplyText text(store_, assistantId, soFar ? store::ThinkMode::Off : conv.think_mode,  // the cut text passed it
                   params, soFar ? utf8(soFar->text) : std::string());
    p.beforeRunMs = double(p.clock.nsecsElapsed()) / 1e6;
    GenerateResult result;
    try {
        result = generator.run(p.state.state, p.turn, p.options, [&](std::string_view delta) {
            text.push(delta, [&](const std::string& shown) {
                if (cb.onDelta) cb.onDelta(shown);
            });
        });
    } catch (const Error& e) {
        if (p.derivedSnapshot) {
            try {
                store_.saveSnapshot(conv.id, *p.derivedSnapshot);
            } catch (const std::exception&) {
            }
        }
        if (e.code() != ErrorCode::Cancelled) throw;  // placeholder stays unfinished
        stoppedBeforeFirstWord(stats, cb);
        stats.totalMs = double(p.clock.nsecsElapsed()) / 1e6;
        return stats;
    } catch (...) {
        text.saveAfterFailure(soFar != nullptr);
        throw;
    }
    return saveReply(conv, p, p.state.state, result, text, cb, stats, soFar, true);
}

bool ChatSession::prepareReply(const store::Conversation& conv, const Before& before, const QString& userText,
                               const ChatParams& params, const Callbacks& cb, TurnStats& stats,
                               const store::Message* soFar, Prepared& p) {
    p.clock.start();
    // The wait between the request and this point (the queue to the worker, the user message's commit) counts too.
    p.waitedMs = params.requestedAtNs > 0 ? std::max<qint64>(0, steadyClockNs() - params.requestedAtNs) / 1e6 : 0.0;
    const qint64 conversationId = conv.id;

    // 2. The state before the turn, and what must be read to get there.
    p.state = findState(conversationId, before);
    Lookup& state = p.state;
    stats.source = state.text.empty() ? state.source : (state.fromMessage ? StateSource::Derived : StateSource::Reprefill);
    stats.resumedFromState = stats.source == StateSource::Memory || stats.source == StateSource::SavedState;
    stats.derivedFromMessageId = stats.source == StateSource::Derived ? state.fromMessage : 0;
    if ((stats.source == StateSource::Fresh || stats.source == StateSource::Reprefill) && !conv.start_state.isEmpty())
        stats.startStateName = startStateFileName(conv.start_state, conv.start_state_sha256);
    p.history = tokenizer_.encode(state.text);
    const std::vector<std::int32_t>& history = p.history;
    // Questions the window shows without a reply (their prefill was cut off) come first, after the system prompt of a
    // first turn: the state never read them (historyTurns).
    std::string turnText;
    if (!state.unread.empty()) {
        turnText = state.firstTurn ? format_history(instructionsRead(conv.system_prompt), {}) : std::string();
        turnText += format_unread_questions(state.unread);
        stats.unreadQuestionIds = state.unreadIds;  // said by stats.unreadNote(), in the language shown then
    }
    turnText += format_user_turn(utf8(userText),
                                 state.unread.empty() ? instructionsRead(conv.system_prompt) : std::string(),
                                 state.firstTurn && state.unread.empty(), engineThink(conv.think_mode));
    p.turn = tokenizer_.encode(turnText);
    // Continue: the cut reply follows the prompt as the model wrote it, its tokens those the sampler replays.
    if (soFar)
        p.soFarTokens =
            tokenizer_.encode(replySoFar(*soFar, conv.think_mode, cutBeganWithSpace(*soFar, store_, tokenizer_)));
    p.turn.insert(p.turn.end(), p.soFarTokens.begin(), p.soFarTokens.end());
    if (!history.empty()) {
        // What happened, not its words: stats.resumeNote() says it in the language shown when it is shown.
        stats.reprefillMessages = state.textMessages;
        stats.rereadWhy = state.note;
        stats.resumeDetail = state.detail;
        stats.resumeLog = state.detailWords;
    }
    const std::size_t total = history.size() + p.turn.size();

    // 3. Derive the anchor's state from an older one when needed; it is saved with the turn, so regenerating or
    //    editing this turn again starts from the very same state.
    if (!history.empty()) {
        QElapsedTimer d;
        d.start();
        try {
            reread(state.state, history, params, cb, total);
        } catch (const Error& e) {
            if (e.code() != ErrorCode::Cancelled) throw;
            stoppedBeforeFirstWord(stats, cb);
            stats.totalMs = double(p.clock.nsecsElapsed()) / 1e6;
            return false;
        }
        p.derivationMs = double(d.nsecsElapsed()) / 1e6;
        if (state.tokens >= 0) state.tokens += qint64(history.size());  // the re-read text, counted from its state's
        remember(conversationId, state.anchorId, state.state, state.tokens);
        p.derivedSnapshot = makeSnapshot(state.anchorId, state.state);
    }

    // What step 4 samples with and how long it may write.
    p.preset = !params.useConversationPreset           ? QString()
               : samplingPreset(conv.sampling_preset) ? conv.sampling_preset
                                                      : params.preset;
    p.sampler = withPenaltiesForVocabulary(withSamplingPreset(params.sampler, p.preset), tokenizer_.vocab_size());
    p.options.max_tokens = samplingPresetMaxTokens(p.preset, params.maxTokens);
    p.options.cancel = cb.cancel;
    const std::size_t offset = history.size();
    p.options.prefill_progress = [&cb, offset, total](std::size_t done, std::size_t) {
        if (cb.onPrefillProgress) cb.onPrefillProgress(offset + done, total);
    };
    p.options.trim_leading_space = !soFar;  // a continued reply goes on mid-text: a space there is the model's
    // A character the length limit (or Stop) cut in half — a World token ending part way through its bytes — is left
    // out, as the Local API leaves it out: it was shown and stored as a U+FFFD the model never wrote (session 58's
    // loose ends), and Continue read that U+FFFD back as the reply so far. The spec's flush as U+FFFD (§6.4) stays
    // the engine's default, for bytes the model did write wrong.
    p.options.drop_cut_character = true;
    return true;
}

ChatSession::ReplyText::ReplyText(store::ConversationStore& store, qint64 assistantId, store::ThinkMode mode,
                                  const ChatParams& params, std::string soFar)
    : store_(store), assistantId_(assistantId), think_(mode), params_(params), partial_(std::move(soFar)),
      soFarBytes_(partial_.size()) {
    sinceCheckpoint_.start();
}

void ChatSession::ReplyText::push(std::string_view delta, const std::function<void(const std::string&)>& show) {
    const std::string shown = think_.push(delta);
    partial_.append(shown);
    if (!shown.empty()) show(shown);
    if (params_.paceMs > 0) QThread::msleep(static_cast<unsigned long>(params_.paceMs));
    // At once for the first words: a run killed before the first checkpoint left the reply empty, read as
    // "No reply: it ended before its first word" though words were shown (session 35's check).
    if (sinceCheckpoint_.elapsed() >= params_.checkpointMs ||
        (!checkpointed_ && !partial_.empty() && params_.checkpointMs != ChatParams::kNoCheckpoints)) {
        sinceCheckpoint_.restart();
        checkpointed_ = true;
        // Another program's lock (SQLITE_BUSY) is waited for a few ms only, not the 5 s busy timeout: the
        // checkpoint is skipped and the next one writes the whole text so far. The final save waits it all.
        const store::ConversationStore::LockWaitLimit quick(kCheckpointLockWaitMs);
        try {
            store_.updateMessageText(assistantId_, QString::fromStdString(partial_), false);
        } catch (const std::exception&) {
            // A failed checkpoint loses nothing yet: the final save reports the database error. Should the
            // app end first (killed), the note beside the database says the text was shown, not saved.
            if (!partial_.empty()) store_.noteTextNotSaved(assistantId_);
        }
    }
}

void ChatSession::ReplyText::saveAfterFailure(bool continued) noexcept {
    try {
        if (partial_.size() == soFarBytes_ && continued)  // a continue with no new word: no version of the cut text
            store_.discardEmptyReply(assistantId_);
        else
            store_.updateMessageText(assistantId_, QString::fromStdString(partial_), false);
    } catch (...) {
        if (!partial_.empty()) store_.noteTextNotSaved(assistantId_);
    }
}

TurnStats ChatSession::saveReply(const store::Conversation& conv, Prepared& p, State& replyState,
                                 const GenerateResult& result, const ReplyText& text, const Callbacks& cb,
                                 TurnStats stats, const store::Message* soFar, bool withDerived) {
    // 5. Reply, readouts and snapshots in one transaction, then keep the state in memory for the next turn.
    const qint64 conversationId = conv.id;
    const qint64 assistantId = text.assistantId();
    const Lookup& state = p.state;
    const std::optional<store::NewSnapshot>& derivedSnapshot = p.derivedSnapshot;
    std::string reply = text.text();  // the streamed text (think-mode shaped); result.text for plain replies
    while (!reply.empty() && (reply.back() == ' ' || reply.back() == '\n')) reply.pop_back();
    stats.reply = QString::fromStdString(reply);
    stats.reason = result.reason;
    stats.stopped = result.reason == StopReason::Cancelled;
    const std::size_t soFarBytes = text.soFarBytes();
    const bool noNewWord = soFar ? reply.size() <= soFarBytes : reply.empty();
    if (stats.stopped && noNewWord && (stats.regenerated || soFar)) {  // read whole, stopped before a word was shown
        if (derivedSnapshot && withDerived) {
            try {
                store_.saveSnapshot(conversationId, *derivedSnapshot);
            } catch (const std::exception&) {
            }
        }
        // A continue's first piece is checkpointed at once, and its row then holds the cut text (and a blank the trim
        // drops): emptied, it goes as a regenerate's does, where it stayed as a second version of the same text.
        if (soFar) {
            try {
                store_.updateMessageText(assistantId, QString(), false);
            } catch (const std::exception&) {
            }
        }
        if (discardStoppedRegenerate(stats)) {
            stats.totalMs = double(p.clock.nsecsElapsed()) / 1e6;
            return stats;
        }
    }
    // Stop and a close cut the reply alike (the text and the state end at its last token); the row says which.
    if (stats.stopped)
        stats.end = cb.cancelIsClose && cb.cancelIsClose->load() ? store::ReplyEnd::Closed : store::ReplyEnd::Stopped;
    else if (result.reason == StopReason::MaxTokens)  // cut by the length limit: shown and exported as such
        stats.end = store::ReplyEnd::LengthLimit;
    stats.prefillTokens = qint64(result.prefill_tokens + p.history.size());
    stats.decodeTokens = qint64(result.decode_tokens);
    if (state.tokens >= 0)  // what the state had read, then the prompt, each sampled token and the turn's close
        stats.stateTokens = state.tokens + qint64(result.prefill_tokens + result.decode_tokens + result.closing_tokens);
    stats.prefillMs = result.prefill_ms + p.derivationMs;
    notePrefillRate(result.prefill_tokens, result.prefill_ms);
    stats.decodeMs = result.decode_ms;
    stats.ttftMs = result.decode_tokens > 0 ? p.waitedMs + p.beforeRunMs + result.first_token_ms : 0;
    const store::Readouts readouts = stats.readouts();
    QList<store::NewSnapshot> snapshots;
    if (derivedSnapshot && withDerived) snapshots.append(*derivedSnapshot);
    snapshots.append(makeSnapshot(assistantId, replyState));
    // A stop for a window that closes or a quit (InferenceWorker::stopSavingWithin) waits less for another program's
    // lock: the reply is then kept on screen and the window asks, instead of showing nothing for 5 s. Also when it
    // comes while this save already waits (the reply ended by itself): the limit is read at each step of the wait —
    // read once here, such a Close still waited the whole 5 s (session 27's brief).
    std::optional<store::ConversationStore::LockWaitLimit> hurried;
    if (cb.finalSaveLockWaitMs) hurried.emplace(*cb.finalSaveLockWaitMs);
    try {
        std::exception_ptr stateError;  // what kept the state out (a full disk, a damaged file)
        stats.stateSaved = store_.saveTurnResult(conversationId, assistantId, stats.reply, stats.decodeTokens,
                                                 readouts, snapshots, modelName(), true, stats.end, &stateError);
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
        // Not even the text is saved (a full disk, another program's lock, a file that cannot be written): the reply on
        // screen is whole, so the caller keeps it to save later, and tells the reason by the error's result code.
        if (!stats.reply.isEmpty()) store_.noteTextNotSaved(assistantId);
        if (cb.onReplyNotSaved) cb.onReplyNotSaved(stats);
        throw;
    }
    stats.replySaved = true;
    remember(conversationId, assistantId, replyState, stats.stateTokens > 0 ? stats.stateTokens : -1);
    stats.totalMs = double(p.clock.nsecsElapsed()) / 1e6;
    return stats;
}

// A regenerate stopped before its first word added an empty version beside the reply it was to replace (‹ 2/2 › with
// nothing in it, session 33's check); that reply and its snapshot stay as they were. A send or an edit keeps its
// question, and the next turn reads it with its own (the file's comment).
bool ChatSession::discardStoppedRegenerate(TurnStats& stats) {
    if (!stats.regenerated && !stats.continuedFromId) return false;
    try {
        stats.replyDiscarded = store_.discardEmptyReply(stats.assistantMessageId);
    } catch (const std::exception&) {
    }
    return stats.replyDiscarded;
}

void ChatSession::stoppedBeforeFirstWord(TurnStats& stats, const Callbacks& cb) {
    stats.stopped = true;
    stats.reason = StopReason::Cancelled;
    stats.end = cb.cancelIsClose && cb.cancelIsClose->load() ? store::ReplyEnd::Closed : store::ReplyEnd::Stopped;
    if (discardStoppedRegenerate(stats)) return;
    try {  // a send or an edit: its row says it was stopped, not "stopped, failed or cut off"
        store_.markStoppedBeforeFirstWord(stats.assistantMessageId, stats.end);
    } catch (const std::exception&) {  // unmarked (another program's lock): read as before
    }
}

void ChatSession::notePrefillRate(std::size_t tokens, double ms) {
    if (tokens >= 16 && ms > 0) prefillTokensPerMs_ = double(tokens) / ms;
}

// A conversation read again took ~47 s for 580 tokens on llvmpipe (new-user trial, session 19) with one progress report
// per 256-token chunk, the first after ~21 s, and Stop waiting as long: the window showed only "Thinking…". Now the
// caller hears of the re-read at once (onRereading), and the pieces are sized by the measured prefill rate: 256 tokens
// (the engine's default chunk) wherever that is fast enough, smaller on a slow device.
// Session 57's trial: the first piece of a session also pays the backend's warm-up, and judged by it the pieces stayed
// at 16 tokens for good. Now the first piece is never judged (the second is as small), each later piece is sized by
// the rate of the piece before it alone, and a piece at most doubles the one before it.
// Session 58: in pieces of ~0.5 s, lavapipe read a 1,467-token chat at 15-17 tok/s against 56 tok/s of prefill (a loaded
// 2-core box): each piece's forward() also ran the 65,536-token head (~0.35 s there), and the rows path reads small
// pieces at a fraction of its rate (one forward() of the whole text: 34 tok/s in 32-token chunks, 45 in 64 or 128, 58
// in 256). Now no piece runs the head (ForwardOptions::logits: the prompt's prefill that follows gives the logits), and
// a piece may take up to rereadStepMs (4 s), which lets lavapipe's pieces grow to 256 tokens.
void ChatSession::reread(State& state, std::span<const std::int32_t> history, const ChatParams& params,
                         const Callbacks& cb, std::size_t total) {
    if (cb.onRereading) cb.onRereading(history.size(), total);
    std::vector<float> logits(std::size_t(model_.shape().vocab_size));
    std::size_t done = 0;
    const auto read = [&](std::size_t n, std::size_t chunk) {
        ForwardOptions fwd;
        fwd.cancel = cb.cancel;
        fwd.chunk_size = chunk;
        fwd.logits = false;  // never read: the turn's prompt follows
        const std::size_t offset = done;
        // --reply-pace plays a slow device: paceMs for each 16 tokens read (as long for a larger piece, so that the
        // pieces' sizing above sees a device that is slow per token, not per call)
        fwd.progress = [&cb, &params, offset, total, last = std::size_t(0)](std::size_t d, std::size_t) mutable {
            if (cb.onPrefillProgress) cb.onPrefillProgress(offset + d, total);
            if (params.paceMs > 0)
                QThread::msleep(static_cast<unsigned long>(params.paceMs) *
                                static_cast<unsigned long>(std::max<std::size_t>(1, (d - last) / kRereadMinPiece)));
            last = d;
        };
        model_.forward(state, history.subspan(done, n), logits, fwd);
        done += n;
    };
    std::size_t piece = prefillTokensPerMs_ > 0 ? rereadPieceTokens(prefillTokensPerMs_, params.rereadStepMs, kRereadMaxPiece)
                                                : kRereadMinPiece;
    bool first = true;
    while (done < history.size()) {
        const std::size_t n = std::min(piece, history.size() - done);
        QElapsedTimer clock;
        clock.start();
        read(n, n);
        const double ms = double(clock.nsecsElapsed()) / 1e6;
        if (first) {  // the backend's warm-up: the next piece is as small, and judged
            first = false;
            continue;
        }
        if (n == piece) notePrefillRate(n, ms);  // a short last piece is not judged either
        const std::size_t next = rereadPieceTokens(double(n) / std::max(ms, 1e-3), params.rereadStepMs, 2 * piece);
        // Grown as far as it goes: the rest in one forward() of such chunks (progress and Stop still per chunk).
        if (next == piece && done < history.size()) {
            read(history.size() - done, piece);
            break;
        }
        piece = next;
    }
}

std::size_t rereadPieceTokens(double tokensPerMs, int stepMs, std::size_t atMost) {
    const double perStep = tokensPerMs * std::max(1, stepMs);
    const std::size_t cap = std::clamp(atMost, kRereadMinPiece, kRereadMaxPiece);
    if (!(perStep < double(cap))) return cap;  // also NaN
    return std::max(kRereadMinPiece, std::size_t(perStep) / kRereadMinPiece * kRereadMinPiece);
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
