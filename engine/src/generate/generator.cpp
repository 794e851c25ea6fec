// Generator::run (rwkv/generator.h): prefill, then sample/feed/stream until a stop condition.
#include "rwkv/generator.h"

#include <chrono>

#include "generate/reply_stream.h"
#include "rwkv/chat_format.h"
#include "rwkv/error.h"

namespace rwkv {
namespace {

using Clock = std::chrono::steady_clock;

}  // namespace

const char* to_string(StopReason r) noexcept {
    switch (r) {
    case StopReason::StopString: return "stop_string";
    case StopReason::MaxTokens: return "max_tokens";
    case StopReason::EndOfText: return "end_of_text";
    case StopReason::Cancelled: return "cancelled";
    }
    return "?";
}

GenerateResult Generator::run(State& state, std::span<const std::int32_t> prompt, const GenerateOptions& options,
                              const std::function<void(std::string_view)>& on_text) {
    const int V = model_.shape().vocab_size;
    std::vector<float> logits(static_cast<std::size_t>(V));

    const auto t0 = Clock::now();
    ForwardOptions fwd;
    fwd.cancel = options.cancel;
    fwd.progress = options.prefill_progress;
    model_.forward(state, prompt, logits, fwd);  // throws Cancelled mid-prefill
    const double prefill_ms = ms_since(t0);
    ban_special_tokens(sampler_, V, options);

    const auto t1 = Clock::now();
    ReplyStream reply(tokenizer_, V, options, on_text);
    GenerateResult& res = reply.result();
    res.prefill_tokens = prompt.size();
    res.prefill_ms = prefill_ms;
    while (reply.wants_token()) {
        if (options.cancel && options.cancel->load(std::memory_order_relaxed)) {
            reply.cancel();
            break;
        }
        reply.constrain(logits);
        const std::int32_t tok = sampler_.sample(logits);
        if (res.decode_tokens == 0) res.first_token_ms = ms_since(t0);
        sampler_.accept(tok);
        const std::int32_t one[1] = {tok};
        model_.forward(state, one, logits);  // every sampled token is fed (spec §7.1)
        if (reply.take(tok)) break;
    }
    if (reply.finish()) res.closing_tokens = close_turn(model_, tokenizer_, state, logits);
    res.decode_ms = ms_since(t1);
    return std::move(res);
}

std::size_t close_turn(Model& model, const Tokenizer& tokenizer, State& state, std::span<float> logits) {
    const std::vector<std::int32_t> sep = tokenizer.encode(kTurnSeparator);
    model.forward(state, sep, logits);
    return sep.size();
}

}  // namespace rwkv
