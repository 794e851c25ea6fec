// Generator::run (rwkv/generator.h): prefill, then sample/feed/stream until a stop condition.
#include "rwkv/generator.h"

#include <chrono>

#include "generate/utf8_constraint.h"
#include "rwkv/chat_format.h"
#include "rwkv/error.h"

namespace rwkv {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

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
    GenerateResult res;
    std::vector<float> logits(static_cast<std::size_t>(V));

    const auto t0 = Clock::now();
    ForwardOptions fwd;
    fwd.cancel = options.cancel;
    fwd.progress = options.prefill_progress;
    model_.forward(state, prompt, logits, fwd);  // throws Cancelled mid-prefill
    res.prefill_tokens = prompt.size();
    res.prefill_ms = ms_since(t0);

    if (options.ban_special_tokens) {
        sampler_.ban(0);
        for (int id = 65530; id < V; ++id) sampler_.ban(id);
    }

    const auto t1 = Clock::now();
    Utf8StreamDecoder utf8;
    StopStringFilter stops(options.stop_strings);
    bool leading = options.trim_leading_space;
    auto emit = [&](std::string text) {
        if (leading) {
            std::size_t i = 0;
            while (i < text.size() && is_space(text[i])) ++i;
            text.erase(0, i);
            if (text.empty()) return;
            leading = false;
        }
        res.text += text;
        if (on_text && !text.empty()) on_text(text);
    };

    const bool byte_level = options.constrain_utf8 && tokenizer_.vocab_size() == 256 && V == 256;
    Utf8ByteConstraint utf8_mask;
    res.reason = StopReason::MaxTokens;
    // A byte-level reply never ends inside a character: up to 3 bytes past max_tokens complete it.
    for (int n = 0; n < options.max_tokens || (byte_level && utf8_mask.pending()); ++n) {
        if (options.cancel && options.cancel->load(std::memory_order_relaxed)) {
            res.reason = StopReason::Cancelled;
            break;
        }
        if (byte_level) utf8_mask.mask(logits);
        const std::int32_t tok = sampler_.sample(logits);
        if (n == 0) res.first_token_ms = ms_since(t0);
        sampler_.accept(tok);
        if (byte_level) utf8_mask.accept(std::uint8_t(tok));
        const std::int32_t one[1] = {tok};
        model_.forward(state, one, logits);  // every sampled token is fed (spec §7.1)
        res.tokens.push_back(tok);
        ++res.decode_tokens;
        if (tok == 0) {
            res.reason = StopReason::EndOfText;
            break;
        }
        emit(stops.push(utf8.push(tokenizer_.token_bytes(tok))));
        if (stops.stopped()) {
            res.reason = StopReason::StopString;
            break;
        }
    }
    if (res.reason != StopReason::StopString) {
        emit(stops.push(utf8.flush()));
        if (!stops.stopped()) emit(stops.flush());
        if (options.close_turn) {
            const std::vector<std::int32_t> sep = tokenizer_.encode(kTurnSeparator);
            model_.forward(state, sep, logits);
            res.closing_tokens = sep.size();
        }
    }
    res.decode_ms = ms_since(t1);
    while (!res.text.empty() && is_space(res.text.back())) res.text.pop_back();
    return res;
}

}  // namespace rwkv
