// api_completion.cpp — an API request's reply on the loaded model, and the states kept after recent replies.
#include "api_completion.h"

#include <QRandomGenerator>
#include <QThread>

#include <vector>

#include "rwkv/chat_format.h"
#include "rwkv/error.h"
#include "rwkv/generator.h"
#include "rwkv/sampler.h"
#include "sampling_presets.h"

namespace rwkv::app {

std::optional<ApiStateCache::Hit> ApiStateCache::longestPrefixOf(std::string_view prompt) {
    auto best = entries_.end();
    for (auto it = entries_.begin(); it != entries_.end(); ++it)
        if (it->text.size() < prompt.size() && prompt.substr(0, it->text.size()) == it->text &&
            (best == entries_.end() || it->text.size() > best->text.size()))
            best = it;
    if (best == entries_.end()) return std::nullopt;
    entries_.splice(entries_.begin(), entries_, best);
    return Hit{best->text.size(), best->state.clone()};
}

void ApiStateCache::put(std::string text, State state) {
    for (auto it = entries_.begin(); it != entries_.end(); ++it)
        if (it->text == text) {
            entries_.erase(it);
            break;
        }
    entries_.push_front(Entry{std::move(text), std::move(state)});
    while (entries_.size() > kCapacity) entries_.pop_back();
}

namespace {

bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace

ApiOutcome runApiCompletion(Model& model, const Tokenizer& tokenizer, ApiStateCache* cache, const ApiJob& job,
                            const std::function<void(std::string_view)>& onText) {
    const ApiChatRequest& request = job.request;
    const std::atomic<bool>* cancel = job.cancel.get();
    if (cancel && cancel->load()) throw Error(ErrorCode::Cancelled, "the API request was cancelled before it began");

    // The state to begin from: a kept one whose text the prompt starts with (the client sent its history again),
    // else a new one. usage.prompt_tokens stays the whole prompt's count; cached_tokens says what was not read.
    const std::vector<std::int32_t> whole = tokenizer.encode(request.prompt);
    std::optional<ApiStateCache::Hit> hit = cache ? cache->longestPrefixOf(request.prompt) : std::nullopt;
    State state = hit ? std::move(hit->state) : model.new_state();
    const std::vector<std::int32_t> toRead =
        hit ? tokenizer.encode(std::string_view(request.prompt).substr(hit->textBytes)) : whole;

    // The request's sampling, penalties as a chat turn has them (withPenaltiesForVocabulary).
    SamplerParams sp = withPenaltiesForVocabulary(request.sampler, tokenizer.vocab_size());
    if (!request.seedGiven) sp.seed = QRandomGenerator::global()->generate64();
    Sampler sampler(sp, model.shape().vocab_size);
    Generator generator(model, tokenizer, sampler);
    GenerateOptions options;
    options.max_tokens = request.maxTokens;
    options.stop_strings.insert(options.stop_strings.end(), request.stop.begin(), request.stop.end());
    options.cancel = cancel;

    std::string heldBlanks;  // blanks at the end of the text so far: sent once text follows them (the reply is stripped)
    const GenerateResult result = generator.run(state, toRead, options, [&](std::string_view piece) {
        std::size_t end = piece.size();
        while (end > 0 && isBlank(piece[end - 1])) --end;
        if (end > 0 && onText) {
            std::string out = std::exchange(heldBlanks, {});
            out.append(piece.substr(0, end));
            onText(out);
        } else if (end > 0) {
            heldBlanks.clear();
        }
        heldBlanks.append(piece.substr(end));
        if (job.paceMs > 0) QThread::msleep(static_cast<unsigned long>(job.paceMs));
    });
    if (result.reason == StopReason::Cancelled) throw Error(ErrorCode::Cancelled, "the API request was cancelled");

    if (cache) {
        // The text the state has read: the prompt, every sampled token, and the separator the generator feeds after a
        // reply that ended without the stop string. A client that sends this reply back (as "Assistant: " + reply)
        // and a new question gives a prompt that starts with it, when the reply's text is exactly its tokens'.
        std::string text = request.prompt + tokenizer.decode(result.tokens);
        if (result.reason != StopReason::StopString) text += kTurnSeparator;
        cache->put(std::move(text), std::move(state));
    }

    ApiOutcome outcome;
    outcome.text = QString::fromStdString(result.text);
    outcome.lengthLimit = result.reason == StopReason::MaxTokens;
    outcome.usage.promptTokens = qint64(whole.size());
    outcome.usage.completionTokens = qint64(result.decode_tokens);
    outcome.usage.cachedTokens = std::max<qint64>(0, qint64(whole.size()) - qint64(toRead.size()));
    return outcome;
}

}  // namespace rwkv::app
