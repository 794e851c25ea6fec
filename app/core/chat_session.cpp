// chat_session.cpp — ChatSession::runTurn and the state lookup (memory -> SQLite blob -> re-prefill).
// A "complete turn" is a user message followed by a finished assistant reply; only complete turns are in the
// saved state and in a rebuilt history, so an interrupted or failed reply never desynchronises the two.
#include "chat_session.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <span>
#include <vector>

#include "rwkv/chat_format.h"
#include "rwkv/error.h"
#include "store/conversation_store.h"

namespace rwkv::app {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("rwkv::app::ChatSession", text); }

std::string utf8(const QString& s) { return s.toStdString(); }

/// The complete turns of a branch (root first), and the id of the last complete reply (0 when none).
std::vector<ChatHistoryTurn> completeTurns(const QList<store::Message>& branch, qint64* anchorId) {
    std::vector<ChatHistoryTurn> turns;
    const store::Message* pendingUser = nullptr;
    *anchorId = 0;
    for (const store::Message& m : branch) {
        if (m.role == store::Role::User) {
            pendingUser = &m;  // an earlier user message without a reply is dropped
        } else if (m.role == store::Role::Assistant) {
            if (pendingUser && m.finished) {
                turns.push_back({utf8(pendingUser->text), utf8(m.text)});
                *anchorId = m.id;
            }
            pendingUser = nullptr;
        }
    }
    return turns;
}

}  // namespace

ChatSession::ChatSession(store::ConversationStore& store, Model& model, const Tokenizer& tokenizer)
    : store_(store), model_(model), tokenizer_(tokenizer), fingerprint_(model.fingerprint().to_string()) {}

ChatSession::Resume ChatSession::takeState(qint64 conversationId, qint64 anchorMessageId,
                                           const QString& systemPrompt) {
    Resume r;
    auto cached = cache_.find(conversationId);
    if (anchorMessageId == 0) {  // nothing said yet: start from zeros
        if (cached != cache_.end()) cache_.erase(cached);
        r.state = model_.new_state();
        r.source = StateSource::Fresh;
        r.firstTurn = true;
        return r;
    }
    r.firstTurn = false;
    if (cached != cache_.end()) {
        const bool usable = cached->second.fingerprint == fingerprint_ &&
                            cached->second.anchorMessageId == anchorMessageId;
        if (usable) {
            r.state = std::move(cached->second.state);
            cache_.erase(cached);  // taken: put back by remember() once the turn succeeds
            r.source = StateSource::Memory;
            return r;
        }
        cache_.erase(cached);
    }

    QString why;
    const std::optional<store::StateBlob> saved = store_.latestState(conversationId);
    if (!saved) {
        why = tr("no saved state");
    } else if (saved->model_fingerprint.toStdString() != fingerprint_) {
        why = tr("saved state belongs to another model");
    } else if (saved->message_id != anchorMessageId) {
        why = tr("saved state is out of date");
    } else {
        try {
            const auto* bytes = reinterpret_cast<const std::byte*>(saved->blob.constData());
            r.state = model_.import_state(std::span<const std::byte>(bytes, std::size_t(saved->blob.size())));
            r.source = StateSource::SavedState;
            return r;
        } catch (const Error& e) {
            why = tr("saved state is unreadable (%1)").arg(QString::fromStdString(e.what()));
        }
    }
    r.source = StateSource::Reprefill;
    r.state = model_.new_state();
    r.note = why;
    return r;
}

void ChatSession::remember(qint64 conversationId, qint64 anchorMessageId, State state) {
    cache_[conversationId] = CachedState{fingerprint_, anchorMessageId, std::move(state), ++useCounter_};
    while (cache_.size() > kMaxCachedStates) {
        auto oldest = std::min_element(cache_.begin(), cache_.end(), [](const auto& a, const auto& b) {
            return a.second.lastUse < b.second.lastUse;
        });
        cache_.erase(oldest);
    }
}

void ChatSession::forget(qint64 conversationId) { cache_.erase(conversationId); }

const State* ChatSession::cachedState(qint64 conversationId) const {
    auto it = cache_.find(conversationId);
    return it == cache_.end() ? nullptr : &it->second.state;
}

TurnStats ChatSession::runTurn(qint64 conversationId, const QString& userText, const ChatParams& params,
                               const DeltaFn& onDelta, const std::atomic<bool>* cancel, const StartedFn& onStarted,
                               const ProgressFn& onPrefillProgress) {
    QElapsedTimer clock;
    clock.start();
    const std::string userUtf8 = utf8(userText);
    if (sanitize_chat_text(userUtf8).empty())
        throw ChatError(tr("The message is empty. Type something before sending.").toStdString());
    if (params.maxTokens < 1) throw ChatError(tr("The reply length must be at least one token.").toStdString());
    const std::optional<store::Conversation> conv = store_.conversation(conversationId);
    if (!conv) throw ChatError(tr("Conversation %1 does not exist.").arg(conversationId).toStdString());

    // 1. Commit the user's message before anything can fail in the engine.
    const QList<store::Message> branch = store_.messages(conversationId);
    qint64 anchorId = 0;
    const std::vector<ChatHistoryTurn> turns = completeTurns(branch, &anchorId);
    TurnStats stats;
    stats.conversationId = conversationId;
    stats.userMessageId =
        store_.addMessage(conversationId, branch.isEmpty() ? 0 : branch.back().id, store::Role::User,
                          userText.trimmed());
    stats.assistantMessageId =
        store_.addMessage(conversationId, stats.userMessageId, store::Role::Assistant, QString(), false);
    if (onStarted) onStarted(stats.userMessageId, stats.assistantMessageId);

    // 2. The state to continue from, and the prompt: [history if re-read] + "User: ...\n\nAssistant:".
    Resume resume = takeState(conversationId, anchorId, conv->system_prompt);
    stats.source = resume.source;
    stats.resumedFromState = resume.source == StateSource::Memory || resume.source == StateSource::SavedState;
    std::vector<std::int32_t> prompt;
    if (resume.source == StateSource::Reprefill) {
        prompt = tokenizer_.encode(format_history(utf8(conv->system_prompt), turns));
        stats.reprefillMessages = qint64(turns.size()) * 2;
        // Two source strings instead of %n: no English .qm is loaded, so "%n message(s)" would show as is.
        stats.resumeNote = stats.reprefillMessages == 1
                               ? tr("%1 — re-reading 1 message").arg(resume.note)
                               : tr("%1 — re-reading %2 messages").arg(resume.note).arg(stats.reprefillMessages);
    }
    const std::vector<std::int32_t> turnTokens =
        tokenizer_.encode(format_user_turn(userUtf8, utf8(conv->system_prompt), resume.firstTurn));
    prompt.insert(prompt.end(), turnTokens.begin(), turnTokens.end());

    // 3. Generate. The cached state was taken out of the cache: on any failure the next turn falls back to the
    //    SQLite blob, which still matches the last complete turn.
    SamplerParams sp = params.sampler;
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
    options.cancel = cancel;
    options.prefill_progress = onPrefillProgress;
    std::string partial;
    GenerateResult result;
    try {
        result = generator.run(resume.state, prompt, options, [&](std::string_view delta) {
            partial.append(delta);
            if (onDelta) onDelta(delta);
        });
    } catch (const Error& e) {
        if (e.code() != ErrorCode::Cancelled) throw;  // placeholder stays unfinished; nothing else written
        stats.stopped = true;
        stats.reason = StopReason::Cancelled;
        stats.totalMs = double(clock.nsecsElapsed()) / 1e6;
        return stats;
    } catch (...) {
        try {
            store_.updateMessageText(stats.assistantMessageId, QString::fromStdString(partial), false);
        } catch (...) {
        }
        throw;
    }

    // 4. Reply and state in one transaction, then keep the state in memory for the next turn.
    stats.reply = QString::fromStdString(result.text);
    stats.reason = result.reason;
    stats.stopped = result.reason == StopReason::Cancelled;
    stats.prefillTokens = qint64(result.prefill_tokens);
    stats.decodeTokens = qint64(result.decode_tokens);
    stats.prefillMs = result.prefill_ms;
    stats.decodeMs = result.decode_ms;
    const std::vector<std::byte> blob = model_.export_state(resume.state);
    store_.saveTurnResult(conversationId, stats.assistantMessageId, stats.reply, stats.decodeTokens,
                          QString::fromStdString(fingerprint_),
                          QByteArray(reinterpret_cast<const char*>(blob.data()), qsizetype(blob.size())), true);
    stats.replySaved = true;
    remember(conversationId, stats.assistantMessageId, std::move(resume.state));
    stats.totalMs = double(clock.nsecsElapsed()) / 1e6;
    return stats;
}

QString titleFromMessage(const QString& text, int maxChars) {
    QString t = text.simplified();
    if (t.size() <= maxChars) return t;
    t.truncate(maxChars);
    const qsizetype space = t.lastIndexOf(QLatin1Char(' '));
    if (space > maxChars / 2) t.truncate(space);
    return t + QStringLiteral("…");
}

}  // namespace rwkv::app
