// utf8_char.h — one character read from bytes that may not be UTF-8 (a SQLite text, a message SQLite quotes from a
// damaged file): the decoder of the store's search function (rwkv_holds_invisible_format, store/database.cpp) and of
// printableSqliteWords (store/store_error.h). Without Qt. Tested through both: tests/app/test_store_search.cpp
// (every code point and broken UTF-8) and tests/app/test_damaged_database.cpp (overlong, surrogate, cut forms).
#pragma once

#include <optional>

namespace rwkv::app {

/// A character read from UTF-8: its code point and how many bytes (1-4) encode it.
struct Utf8Char {
    char32_t code;
    int bytes;
};

/// The character whose UTF-8 starts at `p` (p < end), or nullopt where the bytes there are no whole, shortest
/// encoding of one (RFC 3629): a continuation byte or a lead byte over F4 at p, a continuation byte missing or cut off
/// by `end`, an overlong form (C0 AF, E0 82 AD for U+00AD), a UTF-16 surrogate (ED A0 80), a code point over U+10FFFF.
inline std::optional<Utf8Char> utf8CharAt(const unsigned char* p, const unsigned char* end) {
    const int bytes = *p < 0x80 ? 1 : *p < 0xC2 ? 0 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : *p < 0xF5 ? 4 : 0;
    if (bytes == 0 || end - p < bytes) return std::nullopt;
    char32_t c = bytes == 1 ? *p : *p & (0x7F >> bytes);
    for (int i = 1; i < bytes; ++i) {
        if ((p[i] & 0xC0) != 0x80) return std::nullopt;
        c = c << 6 | (p[i] & 0x3F);
    }
    constexpr char32_t kShortest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (c < kShortest[bytes] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return std::nullopt;
    return Utf8Char{c, bytes};
}

}  // namespace rwkv::app
