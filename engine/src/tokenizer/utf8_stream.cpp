// utf8_stream.cpp — Utf8StreamDecoder and utf8_replace_invalid (spec §6.4): valid UTF-8 out of a byte stream,
// one U+FFFD per maximal invalid subpart (Python errors="replace"), incomplete tails held back.
// Tests: tests/engine/test_tokenizer.cpp (golden decode cases, every byte split of a CJK + emoji string).
#include "rwkv/tokenizer.h"
#include "utf8_scan.h"

namespace rwkv {
namespace detail {

namespace {
constexpr bool is_cont(unsigned char b) { return (b & 0xC0) == 0x80; }
}  // namespace

Utf8Step utf8_scan_one(std::string_view s, std::size_t i) noexcept {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) return {Utf8Kind::Valid, 1};
    std::size_t need = 0;                    // continuation bytes after the lead
    unsigned char lo = 0x80, hi = 0xBF;      // allowed range of the first continuation byte
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        need = 1;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        need = 2;
        if (b0 == 0xE0) lo = 0xA0;           // no overlongs
        if (b0 == 0xED) hi = 0x9F;           // no surrogates
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        need = 3;
        if (b0 == 0xF0) lo = 0x90;           // no overlongs
        if (b0 == 0xF4) hi = 0x8F;           // nothing above U+10FFFF
    } else {
        return {Utf8Kind::Invalid, 1};       // 80..C1, F5..FF can never start a character
    }
    for (std::size_t k = 1; k <= need; ++k) {
        if (i + k >= s.size()) return {Utf8Kind::Incomplete, k};
        const auto b = static_cast<unsigned char>(s[i + k]);
        const bool ok = (k == 1) ? (b >= lo && b <= hi) : is_cont(b);
        if (!ok) return {Utf8Kind::Invalid, k};
    }
    return {Utf8Kind::Valid, need + 1};
}

void utf8_append(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

}  // namespace detail

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Converts `bytes` into `out`; returns the number of trailing bytes that form an incomplete (but so far
// valid) sequence, which the caller either holds back or replaces.
std::size_t convert(std::string_view bytes, std::string& out) {
    std::size_t i = 0;
    while (i < bytes.size()) {
        const detail::Utf8Step step = detail::utf8_scan_one(bytes, i);
        switch (step.kind) {
        case detail::Utf8Kind::Valid: out.append(bytes.substr(i, step.len)); break;
        case detail::Utf8Kind::Invalid: out.append(kReplacement); break;
        case detail::Utf8Kind::Incomplete: return step.len;
        }
        i += step.len;
    }
    return 0;
}

}  // namespace

std::string Utf8StreamDecoder::push(std::string_view bytes) {
    std::string input = std::move(pending_);
    input.append(bytes);
    pending_.clear();
    std::string out;
    out.reserve(input.size());
    const std::size_t held = convert(input, out);
    pending_.assign(input, input.size() - held, held);
    return out;
}

std::string Utf8StreamDecoder::flush() {
    if (pending_.empty()) return {};
    pending_.clear();  // an incomplete sequence is one maximal subpart: a single U+FFFD
    return std::string(kReplacement);
}

std::string utf8_replace_invalid(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    if (convert(bytes, out) > 0) out.append(kReplacement);
    return out;
}

}  // namespace rwkv
