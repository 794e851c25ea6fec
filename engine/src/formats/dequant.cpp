// ggml Q4_0/Q4_1/Q5_0/Q5_1/Q8_0 -> fp32 (dequant.h). Nibble order: element j from the low nibble of
// qs[j], element j+16 from the high nibble; Q5 fifth bits from qh bit j / j+16.
#include "formats/dequant.h"

#include <cstring>

#include "rwkv/dtype.h"

namespace rwkv::formats {
namespace {
inline float half_at(const std::byte* p) {
    std::uint16_t h;
    std::memcpy(&h, p, 2);
    return f16_to_f32(h);
}
inline std::uint8_t u8_at(const std::byte* p) { return std::to_integer<std::uint8_t>(*p); }
}  // namespace

std::size_t block_bytes(BlockType t) noexcept {
    switch (t) {
    case BlockType::Q4_0: return 18;
    case BlockType::Q4_1: return 20;
    case BlockType::Q5_0: return 22;
    case BlockType::Q5_1: return 24;
    case BlockType::Q8_0: return 34;
    }
    return 0;
}

void dequantize(BlockType t, const std::byte* src, std::span<float> dst) noexcept {
    const std::size_t nb = dst.size() / 32, bb = block_bytes(t);
    for (std::size_t b = 0; b < nb; ++b) {
        const std::byte* p = src + b * bb;
        float* y = dst.data() + b * 32;
        const float d = half_at(p);
        switch (t) {
        case BlockType::Q8_0:
            for (int j = 0; j < 32; ++j) y[j] = float(static_cast<std::int8_t>(u8_at(p + 2 + j))) * d;
            break;
        case BlockType::Q4_0:
        case BlockType::Q4_1: {
            const bool has_m = t == BlockType::Q4_1;
            const float m = has_m ? half_at(p + 2) : 0.0f;
            const std::byte* qs = p + (has_m ? 4 : 2);
            const int bias = has_m ? 0 : 8;
            for (int j = 0; j < 16; ++j) {
                y[j] = float(int(u8_at(qs + j) & 0xF) - bias) * d + m;
                y[j + 16] = float(int(u8_at(qs + j) >> 4) - bias) * d + m;
            }
            break;
        }
        case BlockType::Q5_0:
        case BlockType::Q5_1: {
            const bool has_m = t == BlockType::Q5_1;
            const float m = has_m ? half_at(p + 2) : 0.0f;
            std::uint32_t qh;
            std::memcpy(&qh, p + (has_m ? 4 : 2), 4);
            const std::byte* qs = p + (has_m ? 8 : 6);
            const int bias = has_m ? 0 : 16;
            for (int j = 0; j < 16; ++j) {
                const int lo = int(u8_at(qs + j) & 0xF) | int((qh >> j) & 1u) << 4;
                const int hi = int(u8_at(qs + j) >> 4) | int((qh >> (j + 16)) & 1u) << 4;
                y[j] = float(lo - bias) * d + m;
                y[j + 16] = float(hi - bias) * d + m;
            }
            break;
        }
        }
    }
}

}  // namespace rwkv::formats
