// ReplyStream: one reply's decode bookkeeping after prefill, shared by Generator::run and generate_several
// (rwkv/generator.h): the byte-level UTF-8 constraint, the record of sampled tokens, UTF-8 hold-back, the stop-string
// filter, the leading-space trim, the reason the reply ended and whether the turn separator must follow. It never
// touches the model or the sampler: the caller samples, feeds, and hands each fed token to take().
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "generate/utf8_constraint.h"
#include "rwkv/generator.h"
#include "rwkv/tokenizer.h"

namespace rwkv {

class ReplyStream {
public:
    /// `vocab_size` is the model's; `on_text` receives each streamed delta (may be empty).
    ReplyStream(const Tokenizer& tokenizer, int vocab_size, const GenerateOptions& options,
                std::function<void(std::string_view)> on_text);

    /// True while another token may be sampled: fewer than max_tokens so far, or (byte-level) a character is open
    /// (up to 3 bytes past max_tokens complete it), and the reply has not ended.
    bool wants_token() const noexcept;
    /// Sets the logits of bytes that cannot come next to -inf (byte-level vocabularies with constrain_utf8).
    void constrain(std::span<float> logits) const;
    /// Records `token`, sampled and already fed to the model, and streams its text. Returns true when it ended the
    /// reply (end of text or a completed stop string).
    bool take(std::int32_t token);
    /// Ends the reply as cancelled (before a token is sampled).
    void cancel() noexcept { result_.reason = StopReason::Cancelled; }
    /// Releases the held-back text of a reply not ended by a stop string and strips trailing whitespace. Returns
    /// true when the caller must feed the turn separator (close_turn, and the reply did not end on a stop string).
    bool finish();

    GenerateResult& result() noexcept { return result_; }

private:
    /// Appends `text` (the leading blanks of a trimmed reply dropped) to the result and streams it. Not "emit": Qt's
    /// keyword, and tests/engine/test_generator feeds a ReplyStream by hand.
    void send(std::string text);

    const Tokenizer& tokenizer_;
    const GenerateOptions& options_;
    std::function<void(std::string_view)> on_text_;
    GenerateResult result_;
    Utf8StreamDecoder utf8_;
    StopStringFilter stops_;
    Utf8ByteConstraint utf8_mask_;
    bool byte_level_;
    bool leading_;
    // The blanks before the reply's first character (trim_leading_space) — the space the model writes after
    // "Assistant:", line breaks — are not the reply's text, so no stop string is matched on them: a client's stop " "
    // ended a reply before its first word (session 56's trial), a stop "\n" one that began with a line break
    // (session 57's loose ends). Held here; the turn separator among them still ends the turn (take()).
    bool leading_blanks_;
    std::string held_blanks_;
    bool ended_ = false;
};

/// Feeds the turn separator (kTurnSeparator) into `state` after a reply not ended by a stop string (close_turn);
/// returns how many tokens it took. `logits`: [V] scratch.
std::size_t close_turn(Model& model, const Tokenizer& tokenizer, State& state, std::span<float> logits);

/// Milliseconds since `t0` on the steady clock (the generator's timings).
inline double ms_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

/// Bans id 0 and ids >= 65530 on `sampler` when options.ban_special_tokens (spec §7.3).
void ban_special_tokens(Sampler& sampler, int vocab_size, const GenerateOptions& options);

}  // namespace rwkv
