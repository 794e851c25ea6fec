// chat_session_several.cpp — ChatSession::regenerateSeveral: "3 replies" (docs/conversations.md "Several versions at
// once"). The state a regenerate starts from is found and the prompt read once; the versions are decoded together from
// copies of it (rwkv::generate_several), version i sampled with its own seed, and each is checkpointed and saved as the
// regenerate with that seed would save it (saveReply). Tests: tests/app/test_chat_several.cpp.
#include "chat_session.h"
#include "chat_session_state.h"

#include <QCoreApplication>
#include <QScopeGuard>

#include <exception>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "rwkv/error.h"

namespace rwkv::app {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("rwkv::app::ChatSession", text); }

}  // namespace

std::vector<TurnStats> ChatSession::regenerateSeveral(qint64 conversationId, qint64 messageId,
                                                      std::span<const std::uint64_t> seeds, const ChatParams& params,
                                                      const Callbacks& cb, std::span<const qint64> storedReplyIds) {
    if (seeds.empty() || seeds.size() > std::size_t(kMaxVersions))
        throw ChatError(tr("From 1 to %1 replies can be written at once.").arg(kMaxVersions).toStdString());
    if (params.maxTokens < 1) throw ChatError(tr("The reply length must be at least one token.").toStdString());
    const auto [conv, question] = questionToAnswerAgain(store_, conversationId, messageId);
    // As replyAgain: the state before the question as the window shows it.
    const Before before = shownBefore(question);
    const auto turnDone = qScopeGuard([this] { turnStartState_.reset(); });
    readStartStateForTurn(conv, before.messages.isEmpty() ? 0 : question.parent_id);
    TurnStats base;
    base.regenerated = true;
    base.conversationId = conv.id;
    base.parentId = before.messages.isEmpty() ? 0 : question.parent_id;
    base.userMessageId = question.id;
    std::vector<qint64> ids(storedReplyIds.begin(), storedReplyIds.end());  // committed by the window (a Local API
    if (ids.size() != seeds.size()) {                                        // request held this thread), else now
        ids.clear();
        for (std::size_t i = 0; i < seeds.size(); ++i)
            ids.push_back(store_.beginReply(conv.id, question.id, 0, modelName()));
    }
    base.assistantMessageId = ids.front();
    if (cb.onStarted) cb.onStarted(question.id, ids.front());
    if (cb.onVersionsStarted) cb.onVersionsStarted(question.id, ids);

    const auto each = [&](const std::function<void(TurnStats&, std::size_t)>& f) {
        std::vector<TurnStats> all(ids.size(), base);
        for (std::size_t i = 0; i < ids.size(); ++i) {
            all[i].assistantMessageId = ids[i];
            f(all[i], i);
        }
        return all;
    };
    const auto noneWritten = [&](const TurnStats& first) {  // a cancel before the first word: no version is added
        return each([&](TurnStats& s, std::size_t i) {
            if (i == 0)
                s = first;
            else
                stoppedBeforeFirstWord(s, cb);
        });
    };
    Prepared p;
    TurnStats first = base;
    if (!prepareReply(conv, before, question.text, params, cb, first, nullptr, p)) return noneWritten(first);

    std::vector<Sampler> samplers;
    std::vector<ReplyText> texts;
    samplers.reserve(ids.size());
    texts.reserve(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
        SamplerParams sp = p.sampler;
        sp.seed = seeds[i];
        samplers.emplace_back(sp, model_.shape().vocab_size);
        texts.emplace_back(store_, ids[i], conv.think_mode, params, std::string());
    }
    std::vector<State> states(ids.size());
    std::vector<State*> statePointers;
    std::vector<Sampler*> samplerPointers;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        statePointers.push_back(&states[i]);
        samplerPointers.push_back(&samplers[i]);
    }
    // Each version saved as its regenerate would save it the moment it ends (generate_several's on_finished), while
    // the others go on: a kill after one has ended leaves it whole (its end, readouts and state), not Unfinished. The
    // first also saves the derived state (once is enough). One whose save fails (a full disk) is told to
    // onReplyNotSaved, as a single reply is, so that the window keeps it whole and saves it later: until session 52
    // the callback was left out, and each such version kept only its checkpointed text, unfinished.
    std::vector<TurnStats> all = each([&](TurnStats& s, std::size_t) {
        s.source = first.source;
        s.resumedFromState = first.resumedFromState;
        s.derivedFromMessageId = first.derivedFromMessageId;
        s.startStateName = first.startStateName;
        s.unreadQuestionIds = first.unreadQuestionIds;
        s.reprefillMessages = first.reprefillMessages;
        s.rereadWhy = first.rereadWhy;
        s.resumeDetail = first.resumeDetail;
        s.resumeLog = first.resumeLog;
    });
    std::vector<bool> saved(ids.size(), false);
    std::exception_ptr firstError;
    const auto save = [&](std::size_t i, const GenerateResult& result) {
        saved[i] = true;
        try {
            all[i] = saveReply(conv, p, states[i], result, texts[i], cb, all[i], nullptr, i == 0);
        } catch (...) {
            if (!firstError) firstError = std::current_exception();
        }
    };
    const auto unsavedAfterFailure = [&] {
        for (std::size_t i = 0; i < texts.size(); ++i)
            if (!saved[i]) texts[i].saveAfterFailure(false);
    };
    p.beforeRunMs = double(p.clock.nsecsElapsed()) / 1e6;
    try {
        generate_several(
            model_, tokenizer_, p.state.state, p.turn, statePointers, samplerPointers, p.options,
            [&](std::size_t i, std::string_view delta) {
                texts[i].push(delta, [&](const std::string& shown) {
                    if (i == 0 && cb.onDelta) cb.onDelta(shown);
                    if (cb.onVersionDelta) cb.onVersionDelta(i, shown);
                });
            },
            save);
    } catch (const Error& e) {
        if (p.derivedSnapshot) {
            try {
                store_.saveSnapshot(conv.id, *p.derivedSnapshot);
            } catch (const std::exception&) {
            }
        }
        if (e.code() != ErrorCode::Cancelled) {
            unsavedAfterFailure();
            throw;
        }
        stoppedBeforeFirstWord(first, cb);
        first.totalMs = double(p.clock.nsecsElapsed()) / 1e6;
        return noneWritten(first);
    } catch (...) {
        unsavedAfterFailure();
        throw;
    }
    if (firstError) std::rethrow_exception(firstError);
    return all;
}

}  // namespace rwkv::app
