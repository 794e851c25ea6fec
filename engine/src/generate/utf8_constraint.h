// Utf8ByteConstraint: for byte-level vocabularies (token id = byte), masks the logits so that sampled text
// is always valid UTF-8 without control characters (tab and newline excepted). World-vocabulary models need
// no mask: their tokens are whole characters or pieces the model itself completes.
#pragma once

#include <cstdint>
#include <span>

namespace rwkv {

class Utf8ByteConstraint {
public:
    /// Sets the logits of every byte that cannot come next to -infinity. logits: [256].
    void mask(std::span<float> logits) const;
    /// Records the byte that was sampled.
    void accept(std::uint8_t byte);
    bool allowed(std::uint8_t byte) const;
    /// True inside a multi-byte character (more continuation bytes must follow).
    bool pending() const noexcept { return need_ > 0; }

private:
    int need_ = 0;                     // continuation bytes still expected
    std::uint8_t lo_ = 0x80, hi_ = 0xBF;  // valid range of the next continuation byte
};

}  // namespace rwkv
