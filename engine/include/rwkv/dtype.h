// rwkv/dtype.h — element types of stored weights and the exact conversions between them.
// bf16 -> fp32 is exact (the 16 bits become the high half); fp16 -> fp32 is exact; fp32 -> fp16/bf16
// round to nearest even (RWKV-7 spec §2.2, §9).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace rwkv {

enum class DType : std::uint8_t {
    F32 = 0,
    F16 = 1,
    BF16 = 2,
    I8 = 3,     // int8 weights with separate scales (CPU/GPU fast paths)
    Q8_0 = 8,   // ggml block formats (GGUF); dequantised at load unless a backend runs them natively
    Q4_K = 12,
    Q5_K = 13,
    Q6_K = 14,
};

/// Size in bytes of one element; 0 for block-quantised types (use their block size instead).
std::size_t dtype_size(DType t) noexcept;
/// Short lower-case name: "fp32", "fp16", "bf16", "int8", "q8_0", ...
std::string_view dtype_name(DType t) noexcept;

/// bfloat16 -> float, exact: the 16 bits become the float's high half.
inline float bf16_to_f32(std::uint16_t h) noexcept {
    std::uint32_t u = std::uint32_t(h) << 16;
    float f;
    std::memcpy(&f, &u, 4);
    return f;
}

/// IEEE half -> float, exact for every input (subnormals, inf, NaN included).
float f16_to_f32(std::uint16_t h) noexcept;
/// float -> IEEE half, round to nearest even; overflow gives inf.
std::uint16_t f32_to_f16(float f) noexcept;
/// float -> bfloat16, round to nearest even; NaN stays NaN.
std::uint16_t f32_to_bf16(float f) noexcept;

}  // namespace rwkv
