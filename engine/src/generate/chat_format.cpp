// RWKV World chat prompt format (rwkv/chat_format.h, spec §7.1–7.2).
#include "rwkv/chat_format.h"

namespace rwkv {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string strip(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && is_space(s[b])) ++b;
    while (e > b && is_space(s[e - 1])) --e;
    return std::string(s.substr(b, e - b));
}

}  // namespace

std::string sanitize_chat_text(std::string_view text) {
    std::string crlf;
    crlf.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;  // "\r\n" -> "\n"
        crlf.push_back(text[i]);
    }
    std::string collapsed;
    collapsed.reserve(crlf.size());
    for (char c : crlf) {
        if (c == '\n' && !collapsed.empty() && collapsed.back() == '\n') continue;  // "\n{2,}" -> "\n"
        collapsed.push_back(c);
    }
    return strip(collapsed);
}

std::string format_user_turn(std::string_view user_text, std::string_view system_prompt, bool first_turn,
                             ThinkMode think) {
    std::string out;
    if (first_turn) {
        const std::string sys = sanitize_chat_text(system_prompt);
        if (!sys.empty()) out += "System: " + sys + "\n\n";
    }
    out += "User: " + sanitize_chat_text(user_text) + "\n\nAssistant:";
    switch (think) {
    case ThinkMode::Off: break;
    case ThinkMode::Think: out += " <think"; break;
    case ThinkMode::FakeThink: out += " <think>\n</think"; break;
    }
    return out;
}

std::string format_unread_questions(const std::vector<std::string>& questions) {
    std::string out;
    for (const std::string& q : questions) out += "User: " + sanitize_chat_text(q) + "\n\n";
    return out;
}

std::string format_opening_replies(const std::vector<std::string>& replies) {
    std::string out;
    for (const std::string& a : replies) out += "Assistant: " + sanitize_chat_text(a) + "\n\n";
    return out;
}

std::string format_history(std::string_view system_prompt, const std::vector<ChatHistoryTurn>& turns) {
    std::string out;
    const std::string sys = sanitize_chat_text(system_prompt);
    if (!sys.empty()) out += "System: " + sys + "\n\n";
    for (const ChatHistoryTurn& t : turns) {
        out += format_unread_questions(t.unread) + "User: " + sanitize_chat_text(t.user) + "\n\nAssistant: " + sanitize_chat_text(t.assistant) + "\n\n";
    }
    return out;
}

}  // namespace rwkv
