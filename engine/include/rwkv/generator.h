// rwkv/generator.h — prefill a prompt, then decode and stream text until a stop condition.
// Streaming rules (../shared/docs/ARCHITECTURE.md, "One message, end to end"): deltas are valid UTF-8 (incomplete
// characters held back, spec §6.4) and never contain a stop string nor any prefix of one that might still
// complete; the stop string itself is never emitted. Every sampled token, including the one that completes a
// stop string, is fed to the model, so the state after a stop-string finish ends exactly after the stop
// string (spec §7.1). After a finish for any other reason (max tokens, cancel) the generator feeds the turn
// separator when `close_turn` is set, so a saved state always ends at a turn boundary.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rwkv/model.h"
#include "rwkv/sampler.h"
#include "rwkv/tokenizer.h"

namespace rwkv {

enum class StopReason { StopString, MaxTokens, EndOfText, Cancelled };
const char* to_string(StopReason r) noexcept;

struct GenerateOptions {
    int max_tokens = 512;
    std::vector<std::string> stop_strings = {"\n\n"};
    bool ban_special_tokens = true;  // ban id 0 and ids >= 65530 (World) while decoding (spec §7.3)
    bool trim_leading_space = true;  // drop the space the model writes after "Assistant:"
    bool close_turn = true;          // see file comment
    bool constrain_utf8 = true;      // byte-level vocabularies: only sample valid UTF-8 without control chars
    /// A character that max_tokens (or a cancel) cut in half — a token that ends part way through its bytes, possible
    /// on the World vocabulary — is dropped from the text, where it is otherwise flushed as U+FFFD (spec §6.4): a
    /// reply that ends in a replacement character the model never wrote (the Local API sets it, docs/api.md).
    bool drop_cut_character = false;
    const std::atomic<bool>* cancel = nullptr;  // checked every token and every prefill chunk
    std::function<void(std::size_t, std::size_t)> prefill_progress;  // (done, total) tokens
};

struct GenerateResult {
    std::string text;             // the reply, stop string excluded, trailing whitespace stripped
    StopReason reason = StopReason::MaxTokens;
    std::size_t prefill_tokens = 0;
    std::size_t decode_tokens = 0;  // tokens sampled (and fed)
    std::size_t closing_tokens = 0; // the turn separator fed after a reply not ended by a stop string (close_turn)
    double prefill_ms = 0;
    double decode_ms = 0;
    double first_token_ms = 0;      // from the start of run() to the first sampled token (prefill + one sample)
    std::vector<std::int32_t> tokens;  // sampled ids
};

class Generator {
public:
    Generator(Model& model, const Tokenizer& tokenizer, Sampler& sampler)
        : model_(model), tokenizer_(tokenizer), sampler_(sampler) {}

    /// Feeds `prompt` into `state` (must be non-empty), then samples up to max_tokens tokens.
    /// `on_text` receives each streamed delta. Cancellation during prefill throws Error(Cancelled) (the
    /// caller restores its snapshot); during decode it returns with reason Cancelled.
    GenerateResult run(State& state, std::span<const std::int32_t> prompt, const GenerateOptions& options,
                       const std::function<void(std::string_view)>& on_text = {});

private:
    Model& model_;
    const Tokenizer& tokenizer_;
    Sampler& sampler_;
};

/// Writes N = replies.size() replies to one prompt together ("3 alternatives", ux-anchors §3 item 7): feeds `prompt`
/// into `state` once (prefill; `state` then holds the state after the prompt), copies it into every *replies[i]
/// (overwritten), then decodes the N sequences together through Model::forward_batch (one pass over the weights per
/// step where has_batched_decode()), reply i sampled by *samplers[i] (its own penalties, seed and bans; special
/// tokens banned as run() does) under the same `options` (stop strings, max_tokens, trim, close_turn, UTF-8
/// constraint). A reply that finishes leaves the batch (the others go on, B shrinks); close_turn feeds it the
/// separator alone. Reply i is what Generator(model, tokenizer, *samplers[i]).run(copy of state, prompt, options)
/// returns, token for token where forward_batch equals forward() (backends without a batched step, the CPU fast path
/// below 12 rows), else within that backend's forward_batch tolerance. on_text(i, delta) streams reply i (deltas as
/// run()'s). options.cancel stops all
/// replies (reason Cancelled each, turns closed as run()); during prefill it throws Error(Cancelled) as run().
/// Every result carries the shared prefill numbers (prefill_tokens, prefill_ms); decode_ms is the wall time from the
/// end of prefill until that reply finished (its separator fed), first_token_ms from the call's start to its first
/// sampled token. on_finished(i, result) is called once reply i has finished (its last delta streamed, its
/// separator fed, its result final), while the others may still be decoding — also for a cancelled reply.
/// Errors, before any work: Error(InvalidArgument) for N == 0, N != samplers.size(), a null or
/// repeated state or sampler, or `state` among the replies; then those of Model::forward (prompt, state).
std::vector<GenerateResult> generate_several(
    Model& model, const Tokenizer& tokenizer, State& state, std::span<const std::int32_t> prompt,
    std::span<State* const> replies, std::span<Sampler* const> samplers, const GenerateOptions& options,
    const std::function<void(std::size_t reply, std::string_view delta)>& on_text = {},
    const std::function<void(std::size_t reply, const GenerateResult& result)>& on_finished = {});

/// Holds back streamed text that could still turn into a stop string (used by Generator; public for tests).
class StopStringFilter {
public:
    explicit StopStringFilter(std::vector<std::string> stops) : stops_(std::move(stops)) {}
    /// Appends text; returns what can be shown now. Sets stopped() once a stop string appeared; the text
    /// before it is returned and everything from the stop string on is dropped.
    std::string push(std::string_view text);
    /// End of stream without a stop: returns the held-back tail.
    std::string flush();
    bool stopped() const noexcept { return stopped_; }

private:
    std::vector<std::string> stops_;
    std::string held_;
    bool stopped_ = false;
};

}  // namespace rwkv
