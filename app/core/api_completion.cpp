// api_completion.cpp — an API request's reply on the loaded model, and the states kept after recent replies.
#include "api_completion.h"

#include <QRandomGenerator>
#include <QThread>

#include <algorithm>
#include <memory>
#include <optional>
#include <vector>

#include "api_responses.h"
#include "rwkv/chat_format.h"
#include "rwkv/error.h"
#include "rwkv/generator.h"
#include "rwkv/sampler.h"
#include "sampling_presets.h"

namespace rwkv::app {

std::optional<ApiStateCache::Hit> ApiStateCache::longestPrefixOf(std::span<const std::int32_t> prompt) {
    auto best = entries_.end();
    for (auto it = entries_.begin(); it != entries_.end(); ++it)
        if (it->tokens.size() < prompt.size() && std::equal(it->tokens.begin(), it->tokens.end(), prompt.begin()) &&
            (best == entries_.end() || it->tokens.size() > best->tokens.size()))
            best = it;
    if (best == entries_.end()) return std::nullopt;
    entries_.splice(entries_.begin(), entries_, best);
    return Hit{best->tokens.size(), best->state.clone()};
}

void ApiStateCache::put(std::vector<std::int32_t> tokens, State state) {
    for (auto it = entries_.begin(); it != entries_.end(); ++it)
        if (it->tokens == tokens) {
            entries_.erase(it);
            break;
        }
    entries_.push_front(Entry{std::move(tokens), std::move(state)});
    while (entries_.size() > kCapacity) entries_.pop_back();
}

void ApiStateCache::clear() {
    entries_.clear();
    std::lock_guard lock(responsesMutex_);
    responses_.clear();
    dropped_.clear();
}

std::optional<ApiStateCache::KeptResponse> ApiStateCache::response(const QString& id) {
    std::lock_guard lock(responsesMutex_);
    dropped_.clear();
    for (auto it = responses_.begin(); it != responses_.end(); ++it)
        if (it->first == id) {
            responses_.splice(responses_.begin(), responses_, it);
            const KeptResponse& kept = responses_.front().second;
            return KeptResponse{kept.state.clone(), kept.tokens, kept.instructions, kept.json, kept.inputItems};
        }
    return std::nullopt;
}

void ApiStateCache::keepResponse(const QString& id, KeptResponse kept) {
    std::lock_guard lock(responsesMutex_);
    dropped_.clear();
    responses_.emplace_front(id, std::move(kept));
    while (responses_.size() > kResponseCapacity) responses_.pop_back();
}

std::size_t ApiStateCache::responseCount() const {
    std::lock_guard lock(responsesMutex_);
    return responses_.size();
}

std::optional<QByteArray> ApiStateCache::responseJson(const QString& id) const {
    std::lock_guard lock(responsesMutex_);
    for (const auto& [keptId, kept] : responses_)
        if (keptId == id) return kept.json;
    return std::nullopt;
}

std::optional<QJsonArray> ApiStateCache::responseInputItems(const QString& id) const {
    std::lock_guard lock(responsesMutex_);
    for (const auto& [keptId, kept] : responses_)
        if (keptId == id) return kept.inputItems;
    return std::nullopt;
}

bool ApiStateCache::dropResponse(const QString& id) {
    std::lock_guard lock(responsesMutex_);
    for (auto it = responses_.begin(); it != responses_.end(); ++it)
        if (it->first == id) {
            dropped_.push_back(std::move(it->second.state));
            responses_.erase(it);
            return true;
        }
    return false;
}

void ApiStateCache::releaseDropped() {
    std::lock_guard lock(responsesMutex_);
    dropped_.clear();
}

namespace {

bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace

ApiOutcome runApiCompletion(Model& model, const Tokenizer& tokenizer, ApiStateCache* cache, const ApiJob& job,
                            const std::function<void(std::size_t, std::string_view)>& onText,
                            const std::function<void(std::size_t, bool)>& onChoiceEnd) {
    const ApiRequest& request = job.request;
    const std::atomic<bool>* cancel = job.cancel.get();
    if (cancel && cancel->load()) throw Error(ErrorCode::Cancelled, "the API request was cancelled before it began");

    // The state to begin from: a kept one whose tokens the prompt's start with (the client sent its history or its
    // prompt again, longer), else a new one. usage.prompt_tokens stays the whole prompt's count; cached_tokens says
    // what was not read.
    const bool chat = request.kind != ApiKind::Completion;  // a Response is written as a chat's reply
    const ApiResponseFields& response = request.response;
    std::optional<ApiStateCache::KeptResponse> previous;
    if (request.kind == ApiKind::Response && !response.previousResponseId.isEmpty()) {
        previous = cache ? cache->response(response.previousResponseId) : std::nullopt;
        if (!previous)
            throw ApiRequestRefused(ApiError{
                400,
                QStringLiteral("The state after response '%1' is not kept (this server keeps the last %2 responses, in "
                               "memory, until they are deleted or the model changes; store: false keeps none): send "
                               "the whole conversation in 'input', without 'previous_response_id'.")
                    .arg(shownClientText(response.previousResponseId))
                    .arg(ApiStateCache::kResponseCapacity),
                QStringLiteral("invalid_request_error"), QStringLiteral("previous_response_id"),
                QStringLiteral("previous_response_not_found")});
        if (response.instructions && response.instructions != previous->instructions)
            throw ApiRequestRefused(ApiError{
                400,
                QStringLiteral("'instructions' differ from those of the conversation response '%1' continues: its "
                               "state has read them. Send the same ones (or none), or the whole conversation without "
                               "'previous_response_id'.")
                    .arg(shownClientText(response.previousResponseId)),
                QStringLiteral("invalid_request_error"), QStringLiteral("instructions"), {}});
    }
    const std::vector<std::int32_t> whole = tokenizer.encode(request.prompt);
    if (whole.empty()) throw Error(ErrorCode::InvalidArgument, "the prompt is empty");
    // The state to begin from: the previous response's; a kept one whose tokens the prompt's start with (the client
    // sent its history or its prompt again, longer); else a new one. usage.prompt_tokens stays the whole
    // conversation's count; cached_tokens says what was not read.
    std::optional<ApiStateCache::Hit> hit;
    if (previous)
        hit = ApiStateCache::Hit{0, std::move(previous->state)};
    else if (cache)
        hit = cache->longestPrefixOf(whole);
    State state = hit ? std::move(hit->state) : model.new_state();
    const std::size_t hitTokens = hit ? hit->tokens : 0;
    std::span<const std::int32_t> toRead = std::span(whole).subspan(hitTokens);
    const std::size_t readBefore = previous ? previous->tokens : 0;  // tokens the state had read before this prompt

    // A chat's sampling has a chat turn's penalties (withPenaltiesForVocabulary); a completion's, generate's (as sent).
    // n choices: choice i is sampled with seed + i (each its own seed when none was sent).
    const std::size_t n = request.kind == ApiKind::Response ? 1 : std::size_t(std::max(1, request.choices));
    const SamplerParams sp = chat ? withPenaltiesForVocabulary(request.sampler, tokenizer.vocab_size()) : request.sampler;
    std::vector<std::unique_ptr<Sampler>> samplers;
    for (std::size_t i = 0; i < n; ++i) {
        SamplerParams choice = sp;
        choice.seed = request.seedGiven ? sp.seed + i : QRandomGenerator::global()->generate64();
        samplers.push_back(std::make_unique<Sampler>(choice, model.shape().vocab_size));
    }
    GenerateOptions options;
    options.max_tokens = request.maxTokens;
    // A character max_tokens cut in half (the World vocabulary) is left out, not ended as U+FFFD: "max_tokens":3 on
    // the rand model gave "EncΤ\uFFFD" (session 57's loose ends; docs/api.md).
    options.drop_cut_character = true;
    if (!chat) {  // a free continuation, as `rwkv-cli generate` writes it
        options.stop_strings.clear();
        options.trim_leading_space = false;
        options.close_turn = false;
    }
    options.stop_strings.insert(options.stop_strings.end(), request.stop.begin(), request.stop.end());
    options.cancel = cancel;

    struct ChoiceText {
        std::string written;     // a completion's text: every piece as written
        std::string heldBlanks;  // blanks at the end of a chat's text so far: sent once text follows (it is stripped)
    };
    std::vector<ChoiceText> texts(n);
    if (!chat && request.echo)
        for (std::size_t i = 0; i < n; ++i) {
            texts[i].written = request.prompt;
            if (onText) onText(i, texts[i].written);
        }
    const auto write = [&](std::size_t i, std::string_view piece) {
        ChoiceText& t = texts[i];
        if (!chat) {
            t.written.append(piece);
            if (onText) onText(i, piece);
        } else {
            std::size_t end = piece.size();
            while (end > 0 && isBlank(piece[end - 1])) --end;
            if (end > 0 && onText) {
                std::string out = std::exchange(t.heldBlanks, {});
                out.append(piece.substr(0, end));
                onText(i, out);
            } else if (end > 0) {
                t.heldBlanks.clear();
            }
            t.heldBlanks.append(piece.substr(end));
        }
        if (job.paceMs > 0) QThread::msleep(static_cast<unsigned long>(job.paceMs));
    };
    // A chat's one reply is kept by the tokens a client sends it back as (below); where its sampled tokens are not
    // those, the state is read again from readAgainFrom, which has read the prompt's first readAgainAt tokens. A
    // Response's too, unless it continues another (its prompt is then only the new turns, read from the state kept
    // by id): until session 59 none was, and a client that sent the same input again read all of it again.
    const bool keptByTokens = cache && !previous;
    const bool mayReadAgain = keptByTokens && chat && n == 1;
    std::optional<State> readAgainFrom;
    std::size_t readAgainAt = hitTokens;
    // The state after the prompt but its last token (a reply is sampled from the logits of a token read, so a prompt
    // sent again must read at least its last one), kept by those tokens: the same request sent again (a client's retry,
    // a Regenerate), a prompt sent again longer without the reply (an editor's completion as the user types), or a
    // chat sent back with its reply edited reads only what follows them. Until session 58 only the state after the
    // reply was kept, and an identical request read its whole prompt again (1,285 tokens: 340-450 ms to the first
    // token on the demo model, every time). Nothing to read before it when the kept state found is that one already.
    if (keptByTokens && toRead.size() > 1) {
        std::vector<float> logits(std::size_t(model.shape().vocab_size));
        ForwardOptions fwd;
        fwd.cancel = cancel;
        model.forward(state, toRead.first(toRead.size() - 1), logits, fwd);  // throws Cancelled mid-prefill
        cache->put(std::vector<std::int32_t>(whole.begin(), whole.end() - 1), state.clone());
        readAgainAt = whole.size() - 1;
        toRead = toRead.last(1);
    }
    if (mayReadAgain) readAgainFrom = state.clone();
    std::vector<GenerateResult> results;
    if (n == 1) {  // the window's path (Generator::run), token for token
        Generator generator(model, tokenizer, *samplers[0]);
        results.push_back(generator.run(state, toRead, options, [&](std::string_view piece) { write(0, piece); }));
    } else {  // the prompt read once into `state`, the n replies decoded together from copies of it
        std::vector<State> replies;
        replies.reserve(n);
        std::vector<State*> replyStates;
        std::vector<Sampler*> choiceSamplers;
        for (std::size_t i = 0; i < n; ++i) {
            replyStates.push_back(&replies.emplace_back(model.new_state()));
            choiceSamplers.push_back(samplers[i].get());
        }
        const auto ended = [&](std::size_t i, const GenerateResult& result) {
            if (onChoiceEnd && result.reason != StopReason::Cancelled)
                onChoiceEnd(i, result.reason == StopReason::MaxTokens);
        };
        results = generate_several(model, tokenizer, state, toRead, replyStates, choiceSamplers, options, write, ended);
    }
    for (const GenerateResult& result : results)
        if (result.reason == StopReason::Cancelled) throw Error(ErrorCode::Cancelled, "the API request was cancelled");

    if (keptByTokens && n == 1) {
        // With n > 1 only the state after the prompt (but its last token, above) is kept: a client that sends one of
        // the choices back (as "Assistant: " + choice) and a new question reads only that choice and the question,
        // whichever it chose, where the n states after the choices would push the other clients' out of the cache.
        // The tokens the state has read: the prompt's, every sampled one, and for a chat the separator the generator
        // feeds after a reply that ended without the stop string. A client that sends this prompt and continuation and
        // more gives a prompt whose tokens start with them when the continuation's tokens are the ones the tokenizer
        // reads for its text.
        const GenerateResult& result = results.front();
        std::vector<std::int32_t> tokens = whole;
        tokens.insert(tokens.end(), result.tokens.begin(), result.tokens.end());
        if (chat && result.reason != StopReason::StopString) {
            const std::vector<std::int32_t> separator = tokenizer.encode(kTurnSeparator);
            tokens.insert(tokens.end(), separator.begin(), separator.end());
        }
        // A chat's client sends the reply back as it was given (its blanks at the end stripped) in its history, which
        // the next prompt reads as format_history does: this prompt, " ", the reply, the separator. Where those are
        // not the tokens read — a reply that ended in a blank (the blank's token read, not sent back), or one whose
        // tokens split its text otherwise —, the kept state matched no prompt, and the next request read the whole
        // history again (session 55's loose ends). The state of what is sent back is then read from the state after
        // the prompt but its last token (its last token, the reply's text and the separator: what that next request
        // would have read anyway), so that it gives what reading the whole history gives. (Where they differ before
        // that — the reply's first token merged with the prompt's last two — nothing is read again: the next request
        // then misses this state, as it would miss the state after the prompt.)
        std::optional<State> readBack;  // the state of what is sent back, where it is not the one read
        if (chat) {
            std::vector<std::int32_t> sentBack =
                tokenizer.encode(request.prompt + " " + sanitize_chat_text(result.text) + std::string(kTurnSeparator));
            if (sentBack != tokens && readAgainFrom && sentBack.size() > readAgainAt &&
                std::equal(whole.begin(), whole.begin() + std::ptrdiff_t(readAgainAt), sentBack.begin())) {
                readBack = std::move(*readAgainFrom);
                std::vector<float> logits(std::size_t(model.shape().vocab_size));
                model.forward(*readBack, std::span(sentBack).subspan(readAgainAt), logits);
                tokens = std::move(sentBack);
            }
        }
        // A stored Response keeps the state after its reply by id as well (below): the cache gets a copy.
        const bool keptById = request.kind == ApiKind::Response && response.store;
        cache->put(std::move(tokens), readBack ? std::move(*readBack) : keptById ? state.clone() : std::move(state));
    }

    ApiOutcome outcome;
    for (std::size_t i = 0; i < n; ++i) {
        outcome.choices.push_back(ApiChoice{QString::fromStdString(chat ? results[i].text : texts[i].written),
                                            results[i].reason == StopReason::MaxTokens});
        outcome.usage.completionTokens += qint64(results[i].decode_tokens);
    }
    outcome.usage.promptTokens = qint64(readBefore + whole.size());
    outcome.usage.cachedTokens = qint64(readBefore + hitTokens);
    const GenerateResult& result = results.front();  // a Response's one reply
    if (request.kind == ApiKind::Response)
        outcome.response = responseJson(job.ids, job.messageId, request, outcome.choices[0].text,
                                        outcome.choices[0].lengthLimit, outcome.usage);
    if (cache && request.kind == ApiKind::Response && response.store) {
        // A Response's state, for previous_response_id: it ends at a turn boundary (the separator sampled, or fed).
        // Its object beside it, for GET /v1/responses/{id}.
        std::size_t tokens = readBefore + whole.size() + result.tokens.size();
        if (result.reason != StopReason::StopString) tokens += tokenizer.encode(kTurnSeparator).size();
        cache->keepResponse(job.ids.id, {std::move(state), tokens,
                                         previous ? previous->instructions : response.instructions, outcome.response,
                                         response.inputItems});
    }
    return outcome;
}

}  // namespace rwkv::app
