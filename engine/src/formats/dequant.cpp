// ggml block formats -> fp32 (dequant.h). Legacy nibble order: element j from the low nibble of qs[j],
// element j+16 from the high nibble; Q5 fifth bits from qh bit j / j+16. K-quants: see the helpers below.
#include "formats/dequant.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <thread>

#include "rwkv/dtype.h"

namespace rwkv::formats {
namespace {
inline float half_at(const std::byte* p) {
    std::uint16_t h;
    std::memcpy(&h, p, 2);
    return f16_to_f32(h);
}
inline std::uint8_t u8_at(const std::byte* p) { return std::to_integer<std::uint8_t>(*p); }

// Q4_K/Q5_K: the 6-bit scale and min of sub-block s (0..7) from the 12 packed bytes. Sub-blocks 0-3 keep
// theirs in the low 6 bits of bytes s (scale) and s+4 (min); sub-blocks 4-7 take the low 4 bits from the
// nibbles of byte s+4 (scale low, min high) and the top 2 bits from the spare high bits of bytes s-4 / s.
void k_scale_min(const std::byte* sc, int s, int& scale, int& min) {
    if (s < 4) {
        scale = u8_at(sc + s) & 63;
        min = u8_at(sc + s + 4) & 63;
    } else {
        scale = (u8_at(sc + s + 4) & 0xF) | ((u8_at(sc + s - 4) >> 6) << 4);
        min = (u8_at(sc + s + 4) >> 4) | ((u8_at(sc + s) >> 6) << 4);
    }
}

// Q4_K (144 B: d, dmin, scales[12], qs[128]) and Q5_K (176 B: d, dmin, scales[12], qh[32], qs[128]).
// Sub-block s covers elements 32s..32s+31; its 4-bit quants are the low (s even) or high (s odd) nibbles of
// qs[32·(s/2) + l]; Q5_K adds bit s of qh[l] as the fifth bit.
void dequant_q45_k(const std::byte* p, float* y, bool five) {
    const float d = half_at(p), dmin = half_at(p + 2);
    const std::byte* scales = p + 4;
    const std::byte* qh = p + 16;
    const std::byte* qs = p + (five ? 48 : 16);
    for (int s = 0; s < 8; ++s) {
        int sc, m;
        k_scale_min(scales, s, sc, m);
        const float ds = d * float(sc), ms = dmin * float(m);
        const std::byte* q = qs + 32 * (s / 2);
        const int shift = (s & 1) * 4;
        for (int l = 0; l < 32; ++l) {
            int v = (u8_at(q + l) >> shift) & 0xF;
            if (five) v |= ((u8_at(qh + l) >> s) & 1) << 4;
            y[32 * s + l] = ds * float(v) - ms;
        }
    }
}

// Q6_K (210 B: ql[128], qh[64], scales[16] int8, d). Element i = 128h + 32g + l (h = half, g = quarter,
// l < 32): low 4 bits from ql[64h + l + 32·(g&1)] (low nibble for g < 2, high for g >= 2), high 2 bits from
// bits 2g..2g+1 of qh[32h + l]; scale = scales[i/16]; value = d·scale·(q − 32).
void dequant_q6_k(const std::byte* p, float* y) {
    const std::byte* ql = p;
    const std::byte* qh = p + 128;
    const std::byte* scales = p + 192;
    const float d = half_at(p + 208);
    for (int i = 0; i < 256; ++i) {
        const int h = i / 128, g = (i / 32) % 4, l = i % 32;
        const int lo = (u8_at(ql + 64 * h + l + 32 * (g & 1)) >> (g >= 2 ? 4 : 0)) & 0xF;
        const int hi = (u8_at(qh + 32 * h + l) >> (2 * g)) & 3;
        const int sc = static_cast<std::int8_t>(u8_at(scales + i / 16));
        y[i] = d * float(sc) * float((lo | hi << 4) - 32);
    }
}
}  // namespace

std::size_t block_elems(BlockType t) noexcept {
    return t == BlockType::Q4_K || t == BlockType::Q5_K || t == BlockType::Q6_K ? 256 : 32;
}

std::size_t block_bytes(BlockType t) noexcept {
    switch (t) {
    case BlockType::Q4_0: return 18;
    case BlockType::Q4_1: return 20;
    case BlockType::Q5_0: return 22;
    case BlockType::Q5_1: return 24;
    case BlockType::Q8_0: return 34;
    case BlockType::Q4_K: return 144;
    case BlockType::Q5_K: return 176;
    case BlockType::Q6_K: return 210;
    }
    return 0;
}

std::string_view block_name(BlockType t) noexcept {
    switch (t) {
    case BlockType::Q4_0: return "Q4_0";
    case BlockType::Q4_1: return "Q4_1";
    case BlockType::Q5_0: return "Q5_0";
    case BlockType::Q5_1: return "Q5_1";
    case BlockType::Q8_0: return "Q8_0";
    case BlockType::Q4_K: return "Q4_K";
    case BlockType::Q5_K: return "Q5_K";
    case BlockType::Q6_K: return "Q6_K";
    }
    return "?";
}

std::optional<BlockType> block_type_from_ggml(std::uint32_t ggml_type) noexcept {
    switch (ggml_type) {
    case 2: return BlockType::Q4_0;
    case 3: return BlockType::Q4_1;
    case 6: return BlockType::Q5_0;
    case 7: return BlockType::Q5_1;
    case 8: return BlockType::Q8_0;
    case 12: return BlockType::Q4_K;
    case 13: return BlockType::Q5_K;
    case 14: return BlockType::Q6_K;
    default: return std::nullopt;
    }
}

std::string ggml_type_name(std::uint32_t ggml_type) {
    static constexpr const char* kNames[] = {
        "F32",    "F16",   "Q4_0",    "Q4_1",   "Q4_2",  "Q4_3",  "Q5_0",   "Q5_1",  "Q8_0",  "Q8_1",
        "Q2_K",   "Q3_K",  "Q4_K",    "Q5_K",   "Q6_K",  "Q8_K",  "IQ2_XXS", "IQ2_XS", "IQ3_XXS", "IQ1_S",
        "IQ4_NL", "IQ3_S", "IQ2_S",   "IQ4_XS", "I8",    "I16",   "I32",    "I64",   "F64",   "IQ1_M",
        "BF16",   "Q4_0_4_4", "Q4_0_4_8", "Q4_0_8_8", "TQ1_0", "TQ2_0", "IQ4_NL_4_4", "IQ4_NL_4_8", "IQ4_NL_8_8",
        "MXFP4"};
    if (ggml_type < std::size(kNames)) return kNames[ggml_type];
    return "type " + std::to_string(ggml_type);
}

void dequantize(BlockType t, const std::byte* src, std::span<float> dst) noexcept {
    const std::size_t be = block_elems(t), nb = dst.size() / be, bb = block_bytes(t);
    for (std::size_t b = 0; b < nb; ++b) {
        const std::byte* p = src + b * bb;
        float* y = dst.data() + b * be;
        switch (t) {
        case BlockType::Q4_K: dequant_q45_k(p, y, false); continue;
        case BlockType::Q5_K: dequant_q45_k(p, y, true); continue;
        case BlockType::Q6_K: dequant_q6_k(p, y); continue;
        default: break;
        }
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
        default: break;
        }
    }
}

DequantisedTensor dequantize_tensor(BlockType t, std::span<const std::byte> src, std::size_t n) {
    const std::size_t be = block_elems(t), bb = block_bytes(t), nb = n / be;
    DequantisedTensor out;
    out.bytes.resize(n * 2);
    // Blocks are split evenly over the threads; each converts a few blocks at a time through an fp32 buffer.
    const std::size_t hw = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t nt = std::min<std::size_t>(hw, std::max<std::size_t>(1, n >> 20));
    std::atomic<bool> overflow{false};
    std::atomic<std::size_t> bad{SIZE_MAX};
    constexpr std::size_t kStep = 16;
    std::vector<std::vector<float>> bufs(nt, std::vector<float>(kStep * be));  // allocated before any thread runs
    auto to_f16 = [&](std::size_t t_index) noexcept {
        const std::size_t b0 = nb * t_index / nt, b1 = nb * (t_index + 1) / nt;
        std::vector<float>& buf = bufs[t_index];
        auto* dst = reinterpret_cast<std::uint16_t*>(out.bytes.data());
        for (std::size_t b = b0; b < b1; b += kStep) {
            const std::size_t k = std::min(kStep, b1 - b);
            dequantize(t, src.data() + b * bb, std::span<float>(buf.data(), k * be));
            for (std::size_t i = 0; i < k * be; ++i) {
                const float v = buf[i];
                if (!std::isfinite(v)) {
                    std::size_t cur = bad.load();
                    while (b * be + i < cur && !bad.compare_exchange_weak(cur, b * be + i)) {
                    }
                } else if (std::fabs(v) > 65504.0f) {
                    overflow = true;
                }
                std::uint16_t h = f32_to_f16(v);
                std::memcpy(dst + b * be + i, &h, 2);
            }
        }
    };
    if (nt == 1) {
        to_f16(0);
    } else {
        std::vector<std::thread> pool;
        for (std::size_t i = 0; i < nt; ++i) pool.emplace_back(to_f16, i);
        for (auto& th : pool) th.join();
    }
    out.first_nonfinite = bad.load();
    if (overflow && out.first_nonfinite == SIZE_MAX) {  // values beyond fp16's range: keep fp32
        out.is_f16 = false;
        out.bytes.assign(n * 4, std::byte{0});
        dequantize(t, src.data(), std::span<float>(reinterpret_cast<float*>(out.bytes.data()), n));
    }
    return out;
}

}  // namespace rwkv::formats
