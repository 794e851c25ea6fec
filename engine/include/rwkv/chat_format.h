// rwkv/chat_format.h — the RWKV World chat prompt format (RWKV-7 spec §7.1, official G1 template).
//   [System: SYS\n\n]User: MSG\n\nAssistant:            <- prompt for a new reply (no trailing space)
//   Assistant: ANSWER\n\n                               <- how a past reply appears in rebuilt history
// Every text put into a turn — user, system, and a past or opening reply in rebuilt history — is sanitised: "\r\n" ->
// "\n", every run of 2+ "\n" -> one "\n", outer whitespace stripped, so a message can never contain the "\n\n" turn
// separator.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rwkv {

/// Applies the official sanitising rules above.
std::string sanitize_chat_text(std::string_view text);

/// Think mode for G1/G0 reasoning models (spec §7.2): what format_user_turn appends after "Assistant:" — Off nothing,
/// Think " <think" (the model writes its reasoning), FakeThink " <think>\n</think" (reasoning skipped).
enum class ThinkMode { Off, Think, FakeThink };

/// The text to feed for one new user turn, given that the state already holds every earlier turn and
/// ends at a turn boundary. `system_prompt` is written only when non-empty (after sanitising) and `first_turn` is true.
std::string format_user_turn(std::string_view user_text, std::string_view system_prompt, bool first_turn,
                             ThinkMode think = ThinkMode::Off);

struct ChatHistoryTurn {
    std::string user;       // raw user text (sanitised here)
    std::string assistant;  // the displayed reply (sanitised here too: blank lines inside it become single ones)
    std::vector<std::string> unread = {};  // earlier questions without a reply (their prefill was cut off), read
                                           // as "User: q\n\n" each right before `user`
};

/// "User: q\n\n" for each question: questions the state has not read (no reply), fed before the next user turn.
std::string format_unread_questions(const std::vector<std::string>& questions);

/// "Assistant: a\n\n" for each message: assistant messages that open a conversation before its first user message
/// (a greeting), read right after the System turn.
std::string format_opening_replies(const std::vector<std::string>& replies);

/// The whole conversation as text, for re-prefilling a state from scratch: system turn, then each
/// "User: u\n\nAssistant: a\n\n". The returned text ends at a turn boundary.
std::string format_history(std::string_view system_prompt, const std::vector<ChatHistoryTurn>& turns);

/// The separator that ends a turn; fed into the state when a reply stopped early so that every saved
/// state ends at a turn boundary.
inline constexpr std::string_view kTurnSeparator = "\n\n";

}  // namespace rwkv
