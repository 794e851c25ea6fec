// utf8_scan.h — internal: classify one UTF-8 sequence (Unicode "maximal subpart" rules, as Python's
// errors="replace"). Shared by utf8_stream.cpp and the vocab literal parser; tested via test_tokenizer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace rwkv::detail {

enum class Utf8Kind { Valid, Invalid, Incomplete };

struct Utf8Step {
    Utf8Kind kind;
    std::size_t len;  // bytes: the whole sequence (Valid), the maximal invalid subpart (Invalid, >= 1),
                      // or the bytes left before the end of input (Incomplete, a valid prefix)
};

/// Classifies the sequence starting at s[i] (i < s.size()).
Utf8Step utf8_scan_one(std::string_view s, std::size_t i) noexcept;

/// Appends the UTF-8 encoding of `cp` (<= 0x10FFFF, not a surrogate: caller checks).
void utf8_append(std::string& out, std::uint32_t cp);

}  // namespace rwkv::detail
