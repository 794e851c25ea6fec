// terminal_text.cpp — see terminal_text.h. Works on bytes: a C0 control is one byte in UTF-8, a C1 control two (C2 80…
// C2 9F), a bidi control three (E2 80 AA…AE, E2 81 A6…A9); so only a piece's last one or two bytes can wait.
#include "terminal_text.h"

#include <cstdio>

#include "bidi_control.h"

namespace rwkv::cli {
namespace {

std::string escaped(char32_t c) {
    char buf[12];
    std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(c));
    return buf;
}

bool continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

}  // namespace

std::string TerminalText::feed(std::string_view utf8) {
    std::string in;
    in.swap(pending_);  // pending_ is empty from here on
    in.append(utf8);
    std::string out;
    out.reserve(in.size());
    const auto at = [&in](std::size_t i) { return static_cast<unsigned char>(in[i]); };
    for (std::size_t i = 0; i < in.size(); ++i) {
        const unsigned char b = at(i);
        const std::size_t left = in.size() - i;
        if (b == '\r') {
            if (left == 1) {
                pending_.assign(1, '\r');  // "\r\n" may be split between two pieces
                break;
            }
            out += at(i + 1) == '\n' ? "\r" : "\\r";  // "\r\n" ends a line as "\n" does
            continue;
        }
        if ((b < 0x20 && b != '\n' && b != '\t') || b == 0x7F) {
            out += escaped(b);
            continue;
        }
        if (b != 0xC2 && b != 0xE2) {
            out += char(b);
            continue;
        }
        const std::size_t length = b == 0xC2 ? 2 : 3;
        std::size_t have = 1;  // how many bytes of the character are here and fit its form so far
        while (have < length && have < left && continuation(at(i + have))) ++have;
        if (have < length && have == left) {  // the piece ends inside the character: wait for the rest
            pending_ = in.substr(i);
            break;
        }
        if (have == length) {
            const char32_t c = b == 0xC2 ? char32_t(at(i + 1) & 0x3F) | 0x80
                                         : 0x2000 | char32_t(at(i + 1) & 0x3F) << 6 | char32_t(at(i + 2) & 0x3F);
            if ((c >= 0x80 && c <= 0x9F) || app::isBidiControl(c)) {
                out += escaped(c);
                i += length - 1;
                continue;
            }
        }
        out += char(b);  // the rest of the character follows as it is
    }
    return out;
}

std::string TerminalText::finish() {
    std::string rest = pending_ == "\r" ? std::string("\\r") : std::move(pending_);
    pending_.clear();
    return rest;
}

std::string terminal_line(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    std::size_t from = 0;  // the text since the last line break, tab or "\r" goes through TerminalText
    const auto flush = [&](std::size_t to) {
        TerminalText shown;
        out += shown.feed(utf8.substr(from, to - from));
        out += shown.finish();
    };
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const char c = utf8[i];
        if (c != '\n' && c != '\t' && c != '\r') continue;  // ASCII: never inside a UTF-8 sequence
        flush(i);
        out += c == '\n' ? "\\n" : c == '\t' ? "\\t" : "\\r";  // "\r\n" too: no raw "\r" on a line
        from = i + 1;
    }
    flush(utf8.size());
    return out;
}

}  // namespace rwkv::cli
