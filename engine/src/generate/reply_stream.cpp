// ReplyStream (generate/reply_stream.h): one reply's text and stop bookkeeping during decode.
#include "generate/reply_stream.h"

#include <algorithm>
#include <utility>

#include "rwkv/chat_format.h"

namespace rwkv {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

ReplyStream::ReplyStream(const Tokenizer& tokenizer, int vocab_size, const GenerateOptions& options,
                         std::function<void(std::string_view)> on_text)
    : tokenizer_(tokenizer),
      options_(options),
      on_text_(std::move(on_text)),
      stops_(options.stop_strings),
      byte_level_(options.constrain_utf8 && tokenizer.vocab_size() == 256 && vocab_size == 256),
      leading_(options.trim_leading_space),
      leading_blanks_(options.trim_leading_space) {
    result_.reason = StopReason::MaxTokens;
}

bool ReplyStream::wants_token() const noexcept {
    if (ended_ || result_.reason == StopReason::Cancelled) return false;
    return result_.decode_tokens < std::size_t(std::max(options_.max_tokens, 0)) ||
           (byte_level_ && utf8_mask_.pending());
}

void ReplyStream::constrain(std::span<float> logits) const {
    if (byte_level_) utf8_mask_.mask(logits);
}

bool ReplyStream::take(std::int32_t token) {
    if (byte_level_) utf8_mask_.accept(std::uint8_t(token));
    result_.tokens.push_back(token);
    ++result_.decode_tokens;
    if (token == 0) {
        result_.reason = StopReason::EndOfText;
        return ended_ = true;
    }
    std::string text = utf8_.push(tokenizer_.token_bytes(token));
    if (leading_blanks_) {
        std::size_t i = 0;
        while (i < text.size() && is_space(text[i])) ++i;
        held_blanks_.append(text, 0, i);
        text.erase(0, i);
        const bool separator =
            held_blanks_.find(kTurnSeparator) != std::string::npos &&
            std::find(options_.stop_strings.begin(), options_.stop_strings.end(), kTurnSeparator) !=
                options_.stop_strings.end();
        if (separator) {  // "\n\n" at once ends the turn, as the window's replies always have: the filter sees them
            text.insert(0, held_blanks_);
            leading_blanks_ = false;
        } else if (text.empty()) {
            return false;  // blanks only so far
        } else {
            leading_blanks_ = false;
        }
        held_blanks_.clear();
    }
    send(stops_.push(std::move(text)));
    if (stops_.stopped()) {
        result_.reason = StopReason::StopString;
        return ended_ = true;
    }
    return false;
}

bool ReplyStream::finish() {
    const bool stop_string = result_.reason == StopReason::StopString;
    if (!stop_string) {
        std::string cut = utf8_.flush();  // the bytes of a character not complete at the end, as U+FFFD
        if (options_.drop_cut_character &&
            (result_.reason == StopReason::MaxTokens || result_.reason == StopReason::Cancelled))
            cut.clear();  // cut by the limit, not written wrong by the model: GenerateOptions::drop_cut_character
        send(stops_.push(std::move(cut)));
        if (!stops_.stopped()) send(stops_.flush());
    }
    std::string& text = result_.text;
    while (!text.empty() && is_space(text.back())) text.pop_back();
    return !stop_string && options_.close_turn;
}

void ReplyStream::send(std::string text) {
    if (leading_) {
        std::size_t i = 0;
        while (i < text.size() && is_space(text[i])) ++i;
        text.erase(0, i);
        if (text.empty()) return;
        leading_ = false;
    }
    result_.text += text;
    if (on_text_ && !text.empty()) on_text_(text);
}

void ban_special_tokens(Sampler& sampler, int vocab_size, const GenerateOptions& options) {
    if (!options.ban_special_tokens) return;
    sampler.ban(0);
    for (int id = 65530; id < vocab_size; ++id) sampler.ban(id);
}

}  // namespace rwkv
