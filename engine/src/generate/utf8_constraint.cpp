// Utf8ByteConstraint (utf8_constraint.h): the UTF-8 well-formed byte sequences of Unicode §3.9, table 3-7.
#include "generate/utf8_constraint.h"

#include <limits>

namespace rwkv {

bool Utf8ByteConstraint::allowed(std::uint8_t b) const {
    if (need_ > 0) return b >= lo_ && b <= hi_;
    if (b == '\t' || b == '\n') return true;
    if (b >= 0x20 && b <= 0x7E) return true;
    return b >= 0xC2 && b <= 0xF4;  // lead bytes of 2-, 3- and 4-byte sequences
}

void Utf8ByteConstraint::mask(std::span<float> logits) const {
    for (std::size_t i = 0; i < logits.size() && i < 256; ++i) {
        if (!allowed(std::uint8_t(i))) logits[i] = -std::numeric_limits<float>::infinity();
    }
}

void Utf8ByteConstraint::accept(std::uint8_t b) {
    if (need_ > 0) {
        --need_;
        lo_ = 0x80;
        hi_ = 0xBF;
        return;
    }
    lo_ = 0x80;
    hi_ = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
        need_ = 1;
    } else if (b >= 0xE0 && b <= 0xEF) {
        need_ = 2;
        if (b == 0xE0) lo_ = 0xA0;  // no overlong forms
        if (b == 0xED) hi_ = 0x9F;  // no surrogates
    } else if (b >= 0xF0 && b <= 0xF4) {
        need_ = 3;
        if (b == 0xF0) lo_ = 0x90;
        if (b == 0xF4) hi_ = 0x8F;  // nothing above U+10FFFF
    }
}

}  // namespace rwkv
