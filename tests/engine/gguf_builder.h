// Test helpers, independent of engine/src/formats: a minimal GGUF reader/writer (container of spec §10.2) and
// encoders for ggml's K-quant super-blocks written from the block layout bit by bit, plus simple quantisers
// that turn floats into the logical (scale, min, quant) values those encoders take.
#pragma once

#include <QByteArray>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "rwkv/dtype.h"

namespace gguf_test {

enum GgmlType : std::uint32_t { F32 = 0, F16 = 1, Q8_0 = 8, Q3_K = 11, Q4_K = 12, Q5_K = 13, Q6_K = 14, BF16 = 30 };

struct Tensor {
    std::string name;
    std::vector<std::uint64_t> ne;     // ne[0] contiguous
    std::uint32_t type = F32;
    QByteArray data;
    std::optional<std::uint64_t> offset;  // default: packed after the previous tensor, aligned
};

struct File {
    std::uint32_t version = 3;
    std::vector<QByteArray> kvs;       // encoded key/value entries, in order
    std::vector<Tensor> tensors;
    std::uint64_t alignment = 32;
    std::optional<std::uint64_t> tensor_count, kv_count;  // override the header counts
};

inline void put(QByteArray& b, const void* p, int n) { b.append(static_cast<const char*>(p), n); }
inline void put32(QByteArray& b, std::uint32_t v) { put(b, &v, 4); }
inline void put64(QByteArray& b, std::uint64_t v) { put(b, &v, 8); }
inline void putStr(QByteArray& b, const std::string& s) {
    put64(b, s.size());
    b.append(s.data(), qsizetype(s.size()));
}

inline QByteArray kvString(const std::string& key, const std::string& value) {
    QByteArray b;
    putStr(b, key);
    put32(b, 8);
    putStr(b, value);
    return b;
}
inline QByteArray kvU32(const std::string& key, std::uint32_t value) {
    QByteArray b;
    putStr(b, key);
    put32(b, 4);
    put32(b, value);
    return b;
}

/// Key of an encoded entry.
inline std::string kvKey(const QByteArray& kv) {
    std::uint64_t n;
    std::memcpy(&n, kv.constData(), 8);
    return kv.mid(8, qsizetype(n)).toStdString();
}

/// Parses a well-formed GGUF (test data only: no bounds checks beyond Qt's).
inline File parse(const QByteArray& d) {
    qsizetype p = 8;
    auto u32 = [&] { std::uint32_t v; std::memcpy(&v, d.constData() + p, 4); p += 4; return v; };
    auto u64 = [&] { std::uint64_t v; std::memcpy(&v, d.constData() + p, 8); p += 8; return v; };
    auto str = [&] { const auto n = qsizetype(u64()); const QByteArray s = d.mid(p, n); p += n; return s.toStdString(); };
    File f;
    std::memcpy(&f.version, d.constData() + 4, 4);
    const auto nt = u64(), nkv = u64();
    const int scalar[] = {1, 1, 2, 2, 4, 4, 4, 1, 0, 0, 8, 8, 8};
    std::function<void(std::uint32_t)> skip = [&](std::uint32_t t) {
        if (t == 8) {
            str();
        } else if (t == 9) {
            const auto et = u32();
            const auto n = u64();
            for (std::uint64_t i = 0; i < n; ++i) skip(et);
        } else {
            p += scalar[t];
        }
    };
    for (std::uint64_t i = 0; i < nkv; ++i) {
        const qsizetype start = p;
        const std::string key = str();
        const auto t = u32();
        if (key == "general.alignment") f.alignment = u32();
        else skip(t);
        f.kvs.push_back(d.mid(start, p - start));
    }
    std::vector<std::uint64_t> offsets;
    for (std::uint64_t i = 0; i < nt; ++i) {
        Tensor t;
        t.name = str();
        t.ne.resize(u32());
        for (auto& n : t.ne) n = u64();
        t.type = u32();
        offsets.push_back(u64());
        f.tensors.push_back(t);
    }
    const qsizetype data = (p + qsizetype(f.alignment) - 1) / qsizetype(f.alignment) * qsizetype(f.alignment);
    for (std::size_t i = 0; i < f.tensors.size(); ++i) {
        std::uint64_t n = 1;
        for (auto e : f.tensors[i].ne) n *= e;
        const std::uint64_t bytes = f.tensors[i].type == F32 ? 4 * n : 2 * n;  // the test files are F32/F16 only
        f.tensors[i].data = d.mid(data + qsizetype(offsets[i]), qsizetype(bytes));
    }
    return f;
}

inline QByteArray write(const File& f) {
    QByteArray b("GGUF");
    put32(b, f.version);
    put64(b, f.tensor_count.value_or(f.tensors.size()));
    put64(b, f.kv_count.value_or(f.kvs.size()));
    for (const auto& kv : f.kvs) b += kv;
    std::uint64_t next = 0;
    std::vector<std::uint64_t> at;
    for (const auto& t : f.tensors) {
        putStr(b, t.name);
        put32(b, std::uint32_t(t.ne.size()));
        for (auto n : t.ne) put64(b, n);
        put32(b, t.type);
        const std::uint64_t off = t.offset.value_or(next);
        put64(b, off);
        at.push_back(off);
        if (!t.offset) next = (off + std::uint64_t(t.data.size()) + f.alignment - 1) / f.alignment * f.alignment;
    }
    const qsizetype start = (b.size() + qsizetype(f.alignment) - 1) / qsizetype(f.alignment) * qsizetype(f.alignment);
    b.append(QByteArray(start - b.size(), '\0'));
    for (std::size_t i = 0; i < f.tensors.size(); ++i) {
        if (f.tensors[i].offset) continue;  // an overridden offset points anywhere: its data is not written
        const qsizetype want = start + qsizetype(at[i]);
        if (b.size() < want) b.append(QByteArray(want - b.size(), '\0'));
        b += f.tensors[i].data;
    }
    return b;
}

inline Tensor* find(File& f, const std::string& name) {
    for (auto& t : f.tensors)
        if (t.name == name) return &t;
    return nullptr;
}

/// F16/F32 tensor data as floats.
inline std::vector<float> floats(const Tensor& t) {
    std::vector<float> out;
    if (t.type == F32) {
        out.resize(std::size_t(t.data.size() / 4));
        std::memcpy(out.data(), t.data.constData(), out.size() * 4);
    } else {
        for (qsizetype i = 0; i + 1 < t.data.size(); i += 2) {
            std::uint16_t h;
            std::memcpy(&h, t.data.constData() + i, 2);
            out.push_back(rwkv::f16_to_f32(h));
        }
    }
    return out;
}

// --- K-quant super-blocks (256 elements), written bit by bit from ggml's block layout ---

/// Writes the `nbits` low bits of `value` at bit `bit` of byte `byte` (bit 0 = least significant).
inline void setBits(QByteArray& b, int byte, int bit, int nbits, unsigned value) {
    for (int k = 0; k < nbits; ++k) {
        const int at = bit + k;
        char& c = b[byte + at / 8];
        const unsigned mask = 1u << (at % 8);
        c = char(((value >> k) & 1u) ? (unsigned(c) | mask) : (unsigned(c) & ~mask));
    }
}

/// Logical content of a Q4_K / Q5_K super-block: value[i] = d·sc[i/32]·q[i] − dmin·m[i/32].
struct Q45K {
    std::uint16_t d = 0, dmin = 0;  // fp16 bits
    int sc[8] = {}, m[8] = {};      // 6-bit
    int q[256] = {};                // 4-bit (Q4_K) or 5-bit (Q5_K)
};

/// block_q4_K {half d; half dmin; u8 scales[12]; u8 qs[128]} / block_q5_K {... scales[12]; u8 qh[32]; u8 qs[128]}.
/// Scales: sub-block s < 4 keeps scale and min in bits 0-5 of bytes s and s+4; s >= 4 splits each into 4 low
/// bits (byte s+4: scale in bits 0-3, min in bits 4-7) and 2 high bits (bits 6-7 of byte s-4 for the scale,
/// of byte s for the min). Quant i = 32s + l: nibble (s odd: high) of qs[32·(s/2) + l]; Q5_K's fifth bit is
/// bit s of qh[l].
inline QByteArray encodeQ45K(const Q45K& v, bool five) {
    QByteArray b(five ? 176 : 144, '\0');
    setBits(b, 0, 0, 16, v.d);
    setBits(b, 2, 0, 16, v.dmin);
    for (int s = 0; s < 8; ++s) {
        if (s < 4) {
            setBits(b, 4 + s, 0, 6, unsigned(v.sc[s]));
            setBits(b, 4 + s + 4, 0, 6, unsigned(v.m[s]));
        } else {
            setBits(b, 4 + s + 4, 0, 4, unsigned(v.sc[s]) & 15);
            setBits(b, 4 + s + 4, 4, 4, unsigned(v.m[s]) & 15);
            setBits(b, 4 + s - 4, 6, 2, unsigned(v.sc[s]) >> 4);
            setBits(b, 4 + s, 6, 2, unsigned(v.m[s]) >> 4);
        }
    }
    const int qs = five ? 48 : 16;
    for (int i = 0; i < 256; ++i) {
        const int s = i / 32, l = i % 32;
        setBits(b, qs + 32 * (s / 2) + l, 4 * (s % 2), 4, unsigned(v.q[i]) & 15);
        if (five) setBits(b, 16 + l, s, 1, unsigned(v.q[i]) >> 4);
    }
    return b;
}

/// Exact expected value (one rounding to fp32, as any correct decoder produces: the products are exact).
inline float valueQ45K(const Q45K& v, int i) {
    const double d = rwkv::f16_to_f32(v.d), dmin = rwkv::f16_to_f32(v.dmin);
    return float(d * v.sc[i / 32] * v.q[i] - dmin * v.m[i / 32]);
}

/// Logical content of a Q6_K super-block: value[i] = d·sc[i/16]·(q[i] − 32).
struct Q6K {
    std::uint16_t d = 0;
    int sc[16] = {};   // int8
    int q[256] = {};   // 6-bit, 0..63
};

/// block_q6_K {u8 ql[128]; u8 qh[64]; i8 scales[16]; half d}. Element i = 128h + 32g + l: low 4 bits in the
/// (g >= 2: high) nibble of ql[64h + 32·(g%2) + l], high 2 bits at bits 2g..2g+1 of qh[32h + l].
inline QByteArray encodeQ6K(const Q6K& v) {
    QByteArray b(210, '\0');
    for (int i = 0; i < 256; ++i) {
        const int h = i / 128, g = (i % 128) / 32, l = i % 32;
        setBits(b, 64 * h + 32 * (g % 2) + l, 4 * (g / 2), 4, unsigned(v.q[i]) & 15);
        setBits(b, 128 + 32 * h + l, 2 * g, 2, unsigned(v.q[i]) >> 4);
    }
    for (int s = 0; s < 16; ++s) setBits(b, 192 + s, 0, 8, unsigned(std::uint8_t(std::int8_t(v.sc[s]))));
    setBits(b, 208, 0, 16, v.d);
    return b;
}

inline float valueQ6K(const Q6K& v, int i) {
    return float(double(rwkv::f16_to_f32(v.d)) * v.sc[i / 16] * (v.q[i] - 32));
}

/// Round-to-nearest quantisers (not ggml's search; any valid encoding will do for the tests).
inline Q45K quantiseQ45K(const float* x, bool five) {
    const int qmax = five ? 31 : 15;
    Q45K v;
    float scale[8], minv[8];
    for (int s = 0; s < 8; ++s) {
        float lo = 0, hi = 0;
        for (int l = 0; l < 32; ++l) lo = std::min(lo, x[32 * s + l]), hi = std::max(hi, x[32 * s + l]);
        scale[s] = (hi - lo) / float(qmax);
        minv[s] = -lo;  // >= 0
    }
    const float smax = *std::max_element(scale, scale + 8), mmax = *std::max_element(minv, minv + 8);
    v.d = rwkv::f32_to_f16(smax / 63.0f);
    v.dmin = rwkv::f32_to_f16(mmax / 63.0f);
    const float d = rwkv::f16_to_f32(v.d), dmin = rwkv::f16_to_f32(v.dmin);
    for (int s = 0; s < 8; ++s) {
        v.sc[s] = d > 0 ? std::clamp(int(std::lround(scale[s] / d)), 0, 63) : 0;
        v.m[s] = dmin > 0 ? std::clamp(int(std::lround(minv[s] / dmin)), 0, 63) : 0;
        const float step = d * float(v.sc[s]), off = dmin * float(v.m[s]);
        for (int l = 0; l < 32; ++l)
            v.q[32 * s + l] = step > 0 ? std::clamp(int(std::lround((x[32 * s + l] + off) / step)), 0, qmax) : 0;
    }
    return v;
}

inline Q6K quantiseQ6K(const float* x) {
    Q6K v;
    float scale[16];
    float smax = 0;
    for (int s = 0; s < 16; ++s) {
        float a = 0;
        for (int l = 0; l < 16; ++l) a = std::max(a, std::fabs(x[16 * s + l]));
        scale[s] = a / 31.0f;
        smax = std::max(smax, scale[s]);
    }
    v.d = rwkv::f32_to_f16(smax / 127.0f);
    const float d = rwkv::f16_to_f32(v.d);
    for (int s = 0; s < 16; ++s) {
        v.sc[s] = d > 0 ? std::clamp(int(std::lround(scale[s] / d)), -128, 127) : 0;
        const float step = d * float(v.sc[s]);
        for (int l = 0; l < 16; ++l)
            v.q[16 * s + l] = step > 0 ? std::clamp(int(std::lround(x[16 * s + l] / step)) + 32, 0, 63) : 32;
    }
    return v;
}

}  // namespace gguf_test
