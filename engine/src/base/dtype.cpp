// Element sizes, names and exact fp16/bf16 conversions (rwkv/dtype.h).
#include "rwkv/dtype.h"

namespace rwkv {

std::size_t dtype_size(DType t) noexcept {
    switch (t) {
    case DType::F32: return 4;
    case DType::F16:
    case DType::BF16: return 2;
    case DType::I8: return 1;
    default: return 0;
    }
}

std::string_view dtype_name(DType t) noexcept {
    switch (t) {
    case DType::F32: return "fp32";
    case DType::F16: return "fp16";
    case DType::BF16: return "bf16";
    case DType::I8: return "int8";
    case DType::Q8_0: return "q8_0";
    case DType::Q4_K: return "q4_k";
    case DType::Q5_K: return "q5_k";
    case DType::Q6_K: return "q6_k";
    }
    return "?";
}

float f16_to_f32(std::uint16_t h) noexcept {
    const std::uint32_t sign = std::uint32_t(h & 0x8000u) << 16;
    std::uint32_t exp = (h >> 10) & 0x1Fu;
    std::uint32_t mant = h & 0x3FFu;
    std::uint32_t bits;
    if (exp == 0) {
        if (mant == 0) {
            bits = sign;
        } else {  // subnormal: normalise
            int e = -1;
            do {
                ++e;
                mant <<= 1;
            } while ((mant & 0x400u) == 0);
            mant &= 0x3FFu;
            bits = sign | (std::uint32_t(127 - 15 - e) << 23) | (mant << 13);
        }
    } else if (exp == 0x1F) {
        bits = sign | 0x7F800000u | (mant << 13);
    } else {
        bits = sign | ((exp + (127 - 15)) << 23) | (mant << 13);
    }
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}

std::uint16_t f32_to_f16(float f) noexcept {
    std::uint32_t x;
    std::memcpy(&x, &f, 4);
    const std::uint16_t sign = std::uint16_t((x >> 16) & 0x8000u);
    const std::uint32_t absx = x & 0x7FFFFFFFu;
    if (absx >= 0x7F800000u) {  // inf or NaN
        return std::uint16_t(sign | 0x7C00u | (absx > 0x7F800000u ? 0x200u : 0u));
    }
    if (absx >= 0x477FF000u) return std::uint16_t(sign | 0x7C00u);  // rounds to >= 65520 -> inf
    if (absx < 0x38800000u) {  // below the smallest normal half: subnormal or zero
        if (absx < 0x33000000u) return sign;  // < 2^-25 rounds to 0
        const std::uint32_t e = absx >> 23;
        const std::uint32_t m = (absx & 0x7FFFFFu) | 0x800000u;
        const int shift = int(125 - e);  // value in units of 2^-24 is m >> (126 - e) = m >> (shift + 1)
        std::uint32_t q = m >> (shift + 1);
        const std::uint32_t rem = m & ((1u << (shift + 1)) - 1);
        const std::uint32_t half = 1u << shift;
        if (rem > half || (rem == half && (q & 1u))) ++q;
        return std::uint16_t(sign | q);
    }
    std::uint32_t r = absx - 0x38000000u;  // rebias exponent 127 -> 15
    const std::uint32_t lsb = (r >> 13) & 1u;
    r += 0xFFFu + lsb;  // round to nearest even
    return std::uint16_t(sign | (r >> 13));
}

std::uint16_t f32_to_bf16(float f) noexcept {
    std::uint32_t x;
    std::memcpy(&x, &f, 4);
    if ((x & 0x7FFFFFFFu) > 0x7F800000u) return std::uint16_t((x >> 16) | 0x40u);  // quiet NaN
    const std::uint32_t lsb = (x >> 16) & 1u;
    x += 0x7FFFu + lsb;
    return std::uint16_t(x >> 16);
}

}  // namespace rwkv
