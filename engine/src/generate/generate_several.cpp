// generate_several (rwkv/generator.h): one prefill, then N replies decoded together through Model::forward_batch.
#include <algorithm>
#include <cstring>
#include <set>
#include <string>

#include "generate/reply_stream.h"
#include "rwkv/error.h"
#include "rwkv/generator.h"

namespace rwkv {
namespace {

void check_arguments(const State& state, std::span<State* const> replies, std::span<Sampler* const> samplers) {
    const std::size_t N = replies.size();
    if (N == 0) throw Error(ErrorCode::InvalidArgument, "generate_several() needs at least one reply");
    if (samplers.size() != N) {
        throw Error(ErrorCode::InvalidArgument, "generate_several() got " + std::to_string(samplers.size()) +
                                                    " samplers for " + std::to_string(N) + " replies (one each)");
    }
    std::set<const void*> seen_states, seen_samplers;
    for (std::size_t i = 0; i < N; ++i) {
        const std::string which = "generate_several(): reply " + std::to_string(i);
        if (replies[i] == nullptr) throw Error(ErrorCode::InvalidArgument, which + " has a null state");
        if (samplers[i] == nullptr) throw Error(ErrorCode::InvalidArgument, which + " has a null sampler");
        if (replies[i] == &state)
            throw Error(ErrorCode::InvalidArgument, which + "'s state is the prompt state (it must stay the prompt's)");
        if (!seen_states.insert(replies[i]).second)
            throw Error(ErrorCode::InvalidArgument, which + "'s state appears twice (each reply needs its own)");
        if (!seen_samplers.insert(samplers[i]).second)
            throw Error(ErrorCode::InvalidArgument, which + "'s sampler appears twice (each reply needs its own)");
    }
}

}  // namespace

std::vector<GenerateResult> generate_several(Model& model, const Tokenizer& tokenizer, State& state,
                                             std::span<const std::int32_t> prompt, std::span<State* const> replies,
                                             std::span<Sampler* const> samplers, const GenerateOptions& options,
                                             const std::function<void(std::size_t, std::string_view)>& on_text,
                                             const std::function<void(std::size_t, const GenerateResult&)>& on_finished) {
    check_arguments(state, replies, samplers);
    const std::size_t N = replies.size(), V = std::size_t(model.shape().vocab_size);
    std::vector<float> logits(N * V);  // row k belongs to the k-th reply still decoding
    std::vector<float> scratch(V);     // the logits of a turn separator, not wanted

    const auto t0 = std::chrono::steady_clock::now();
    ForwardOptions fwd;
    fwd.cancel = options.cancel;
    fwd.progress = options.prefill_progress;
    model.forward(state, prompt, std::span<float>(logits.data(), V), fwd);  // throws Cancelled mid-prefill
    const double prefill_ms = ms_since(t0);
    for (std::size_t i = 0; i < N; ++i) {
        *replies[i] = state.clone();
        if (i > 0) std::memcpy(logits.data() + i * V, logits.data(), V * sizeof(float));
        ban_special_tokens(*samplers[i], int(V), options);
    }

    const auto t1 = std::chrono::steady_clock::now();
    std::vector<ReplyStream> streams;
    streams.reserve(N);
    for (std::size_t i = 0; i < N; ++i) {
        std::function<void(std::string_view)> stream_text;
        if (on_text) stream_text = [&on_text, i](std::string_view delta) { on_text(i, delta); };
        streams.emplace_back(tokenizer, int(V), options, std::move(stream_text));
        streams[i].result().prefill_tokens = prompt.size();
        streams[i].result().prefill_ms = prefill_ms;
    }
    const auto finish = [&](std::size_t i) {
        GenerateResult& res = streams[i].result();
        if (streams[i].finish())
            res.closing_tokens = close_turn(model, tokenizer, *replies[i], scratch);
        res.decode_ms = ms_since(t1);
        if (on_finished) on_finished(i, res);
    };

    std::vector<std::size_t> active;  // replies still decoding, in row order
    for (std::size_t i = 0; i < N; ++i) {
        if (streams[i].wants_token()) active.push_back(i);
        else finish(i);  // max_tokens <= 0: nothing to sample
    }
    std::vector<State*> batch;
    std::vector<std::int32_t> tokens;
    while (!active.empty()) {
        if (options.cancel && options.cancel->load(std::memory_order_relaxed)) {
            for (std::size_t i : active) {
                streams[i].cancel();
                finish(i);
            }
            break;
        }
        const std::size_t B = active.size();
        batch.clear();
        tokens.clear();
        for (std::size_t k = 0; k < B; ++k) {
            const std::size_t i = active[k];
            const std::span<float> row(logits.data() + k * V, V);
            streams[i].constrain(row);
            const std::int32_t tok = samplers[i]->sample(row);
            if (streams[i].result().decode_tokens == 0) streams[i].result().first_token_ms = ms_since(t0);
            samplers[i]->accept(tok);
            batch.push_back(replies[i]);
            tokens.push_back(tok);
        }
        model.forward_batch(batch, tokens, std::span<float>(logits.data(), B * V));  // every sampled token is fed
        std::size_t kept = 0;  // rows of the replies that go on move up, in order
        for (std::size_t k = 0; k < B; ++k) {
            const std::size_t i = active[k];
            if (streams[i].take(tokens[k]) || !streams[i].wants_token()) {
                finish(i);
                continue;
            }
            if (kept != k) std::memcpy(logits.data() + kept * V, logits.data() + k * V, V * sizeof(float));
            active[kept++] = i;
        }
        active.resize(kept);
    }
    std::vector<GenerateResult> results;
    results.reserve(N);
    for (ReplyStream& s : streams) results.push_back(std::move(s.result()));
    return results;
}

}  // namespace rwkv
