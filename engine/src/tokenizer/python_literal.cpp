// python_literal.cpp — Python 3 str/bytes literal decoding for the World vocab file (spec §6.1 escapes:
// \n \t \r \\ \' \" \xNN \uNNNN, plus the rest of Python's set). Tests: tests/engine/test_tokenizer.cpp.
#include "python_literal.h"

#include "utf8_scan.h"

#include <cstdint>

namespace rwkv::detail {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool read_hex(std::string_view s, std::size_t& i, int digits, std::uint32_t& value) {
    value = 0;
    for (int k = 0; k < digits; ++k, ++i) {
        if (i >= s.size() || hex_value(s[i]) < 0) return false;
        value = value * 16 + static_cast<std::uint32_t>(hex_value(s[i]));
    }
    return true;
}

// Decodes the escape whose backslash is at body[i - 1]; advances i past it. In a bytes literal \x is a raw
// byte and \u, \U, \N are not escapes; in a str literal every value is a code point encoded as UTF-8.
bool decode_escape(std::string_view body, std::size_t& i, bool is_bytes, std::string& out, std::string& why) {
    const char c = body[i++];
    switch (c) {
    case '\\': out.push_back('\\'); return true;
    case '\'': out.push_back('\''); return true;
    case '"': out.push_back('"'); return true;
    case 'a': out.push_back('\a'); return true;
    case 'b': out.push_back('\b'); return true;
    case 'f': out.push_back('\f'); return true;
    case 'n': out.push_back('\n'); return true;
    case 'r': out.push_back('\r'); return true;
    case 't': out.push_back('\t'); return true;
    case 'v': out.push_back('\v'); return true;
    default: break;
    }
    std::uint32_t cp = 0;
    if (c >= '0' && c <= '7') {  // octal, up to three digits
        cp = static_cast<std::uint32_t>(c - '0');
        for (int k = 0; k < 2 && i < body.size() && body[i] >= '0' && body[i] <= '7'; ++k)
            cp = cp * 8 + static_cast<std::uint32_t>(body[i++] - '0');
    } else if (c == 'x') {
        if (!read_hex(body, i, 2, cp)) { why = "\\x needs two hex digits"; return false; }
    } else if (!is_bytes && (c == 'u' || c == 'U')) {
        if (!read_hex(body, i, c == 'u' ? 4 : 8, cp)) {
            why = std::string("\\") + c + " needs " + (c == 'u' ? "4" : "8") + " hex digits";
            return false;
        }
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            why = "escape is not a Unicode scalar value (surrogate or above U+10FFFF)";
            return false;
        }
    } else if (!is_bytes && c == 'N') {
        why = "\\N{...} escapes are not supported";
        return false;
    } else {  // Python keeps unknown escapes as written
        out.push_back('\\');
        out.push_back(c);
        return true;
    }
    if (is_bytes) {
        if (cp > 0xFF) { why = "octal escape above \\377 in a bytes literal"; return false; }
        out.push_back(static_cast<char>(cp));
    } else {
        utf8_append(out, cp);
    }
    return true;
}

}  // namespace

bool decode_python_literal(std::string_view literal, std::string& out, std::string& why) {
    out.clear();
    bool is_bytes = false;
    if (!literal.empty() && literal.front() == 'b') {
        is_bytes = true;
        literal.remove_prefix(1);
    }
    if (literal.size() < 2 || (literal.front() != '\'' && literal.front() != '"') ||
        literal.back() != literal.front()) {
        why = "not a quoted Python literal";
        return false;
    }
    const char quote = literal.front();
    const std::string_view body = literal.substr(1, literal.size() - 2);
    std::size_t i = 0;
    while (i < body.size()) {
        const char c = body[i];
        if (c == quote) { why = "unescaped quote inside the literal"; return false; }
        if (c == '\n' || c == '\r') { why = "line break inside the literal"; return false; }
        if (c == '\\') {
            if (++i >= body.size()) { why = "literal ends with a backslash (closing quote escaped)"; return false; }
            if (!decode_escape(body, i, is_bytes, out, why)) return false;
            continue;
        }
        const auto b = static_cast<unsigned char>(c);
        if (b < 0x80) {
            out.push_back(c);
            ++i;
            continue;
        }
        if (is_bytes) { why = "bytes literal contains a non-ASCII character"; return false; }
        const Utf8Step step = utf8_scan_one(body, i);
        if (step.kind != Utf8Kind::Valid) { why = "str literal is not valid UTF-8"; return false; }
        out.append(body.substr(i, step.len));
        i += step.len;
    }
    return true;
}

}  // namespace rwkv::detail
