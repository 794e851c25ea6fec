// AVX2 + FMA + F16C versions of the fast-path matrix kernels (kernels.h: matvec, sparse rows, GEMM; the per-row
// kernels are in kernels_avx2_rowwise.cpp) and the table kernels() selects at run time after a
// CPUID check (cpu_features.h). The functions below are compiled for that target through a target region
// (GCC: #pragma GCC target, clang: #pragma clang attribute), so the rest of the build stays baseline x86-64.
// No header-defined inline function with external linkage is called inside the target region (the shared
// helpers of kernels_avx2_helpers.h are included into an anonymous namespace), so no AVX2 copy can leak out.
// Other architectures, and builds with RWKV_CPU_PORTABLE_ONLY, get avx2_kernels() == nullptr.
#include "cpu/cpu_features.h"
#include "cpu/kernels.h"

#if (defined(__x86_64__) || defined(__i386__)) && !defined(RWKV_CPU_PORTABLE_ONLY)
#include <immintrin.h>

#include <cstddef>
#include <cstdint>

namespace rwkv::cpu {
namespace {
const Kernels& avx2_table();
}

const Kernels* avx2_kernels() {
    const CpuFeatures& f = cpu_features();
    return f.avx2 && f.fma && f.f16c ? &avx2_table() : nullptr;
}

namespace {

// The 6 x 16 GEMM micro-kernel (ukernel below) in 512-bit registers, for CPUs with AVX-512F: one zmm accumulator per
// row of the tile instead of two ymm, so half the FMA instructions for the same products, in the same order per
// output element (results bit-identical to ukernel). Compiled for AVX-512F alone, outside the AVX2 target region;
// tile() calls it only when cpu_features().avx512f. Measured (session 9, Zen 5, 2 threads): prefill +17-38 %.
__attribute__((target("avx512f"))) void ukernel512(const float* A, const float* B, int kc, float* C, std::size_t ldc,
                                                   bool acc) {
    constexpr int kRows = 6, kCols = 16;
    __m512 c[kRows];
#pragma GCC unroll 8
    for (int i = 0; i < kRows; ++i) c[i] = _mm512_setzero_ps();
    for (int k = 0; k < kc; ++k, A += kRows, B += kCols) {
        const __m512 b = _mm512_loadu_ps(B);
#pragma GCC unroll 8
        for (int i = 0; i < kRows; ++i) c[i] = _mm512_fmadd_ps(_mm512_set1_ps(A[i]), b, c[i]);
    }
#pragma GCC unroll 8
    for (int i = 0; i < kRows; ++i) {
        float* out = C + std::size_t(i) * ldc;
        if (acc) c[i] = _mm512_add_ps(c[i], _mm512_loadu_ps(out));
        _mm512_storeu_ps(out, c[i]);
    }
}

// Two 6 x 16 tiles at once (rows 0-5 from A, rows 6-11 from A + 6·kc, the next packed tile; C rows 0-11): 12 zmm
// accumulators, enough independent FMAs to keep both FMA pipes busy (6 are not, at 4 cycles of FMA latency). Same
// FMA chain per output element as ukernel512 and ukernel.
__attribute__((target("avx512f"))) void ukernel512x2(const float* A, const float* B, int kc, float* C,
                                                     std::size_t ldc, bool acc) {
    constexpr int kRows = 6, kCols = 16;
    const float* A1 = A + std::size_t(kRows) * std::size_t(kc);
    __m512 c[2 * kRows];
#pragma GCC unroll 12
    for (int i = 0; i < 2 * kRows; ++i) c[i] = _mm512_setzero_ps();
    for (int k = 0; k < kc; ++k, A += kRows, A1 += kRows, B += kCols) {
        const __m512 b = _mm512_loadu_ps(B);
#pragma GCC unroll 8
        for (int i = 0; i < kRows; ++i) c[i] = _mm512_fmadd_ps(_mm512_set1_ps(A[i]), b, c[i]);
#pragma GCC unroll 8
        for (int i = 0; i < kRows; ++i) c[kRows + i] = _mm512_fmadd_ps(_mm512_set1_ps(A1[i]), b, c[kRows + i]);
    }
#pragma GCC unroll 12
    for (int i = 0; i < 2 * kRows; ++i) {
        float* out = C + std::size_t(i) * ldc;
        if (acc) c[i] = _mm512_add_ps(c[i], _mm512_loadu_ps(out));
        _mm512_storeu_ps(out, c[i]);
    }
}

}  // namespace

#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx2,fma,f16c"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx2,fma,f16c")
#endif

namespace {

using std::size_t;

// 8 consecutive elements starting at element i, as fp32 (before any I8 group scale).
inline __m256 ld_f32(const void* p, size_t i) { return _mm256_loadu_ps(static_cast<const float*>(p) + i); }
inline __m256 ld_f16(const void* p, size_t i) {
    return _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(static_cast<const std::uint16_t*>(p) + i)));
}
inline __m256 ld_bf16(const void* p, size_t i) {
    const __m128i h = _mm_loadu_si128(reinterpret_cast<const __m128i*>(static_cast<const std::uint16_t*>(p) + i));
    return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(h), 16));
}
inline __m256 ld_i8(const void* p, size_t i) {
    const __m128i q = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(static_cast<const std::int8_t*>(p) + i));
    return _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(q));
}
// One element (tails; ls_f16 also reads the int8 group scales, fp16 bits: kernels.h).
inline float ls_f32(const void* p, size_t i) { return static_cast<const float*>(p)[i]; }
inline float ls_f16(const void* p, size_t i) { return _cvtsh_ss(static_cast<const std::uint16_t*>(p)[i]); }
inline float ls_bf16(const void* p, size_t i) {
    return _mm_cvtss_f32(_mm_castsi128_ps(_mm_cvtsi32_si128(int(std::uint32_t(static_cast<const std::uint16_t*>(p)[i]) << 16))));
}
inline float ls_i8(const void* p, size_t i) { return float(static_cast<const std::int8_t*>(p)[i]); }

#include "cpu/kernels_avx2_helpers.h"  // inside the target region and the anonymous namespace (see there)

using Ld = __m256 (*)(const void*, size_t);
using Ls = float (*)(const void*, size_t);

// Decode matvec: rows of a few hundred bytes to a few KiB are too short for the hardware prefetcher to ramp up
// on (int8 ~3.5 GB/s per core measured); the kernels walk 4 rows at a time, and those 4 rows are one
// contiguous block, so they prefetch the block kAheadBlocks further on at the pace they read this one.
constexpr size_t kAheadBlocks = 2;

template <Ld LD, Ls LS>
void matvec_t(const QMatrix& m, const float* x, float* y, int r0, int r1) {
    const size_t C = size_t(m.cols);
    const size_t es = m.dtype == DType::F32 ? 4 : 2;
    const size_t C8 = C & ~size_t(7);
    int r = r0;
    for (; r + 4 <= r1; r += 4) {
        const size_t b = size_t(r) * C;
        __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0;
        const char* ahead = static_cast<const char*>(m.data) + (b + kAheadBlocks * 4 * C) * es;
        for (size_t c = 0; c < C8; c += 8) {
            if (es < 4 || (c & 8) == 0)  // 4 rows x 8 elements = one line (16-bit), half a line (fp32) per step
                _mm_prefetch(ahead + 4 * c * es, _MM_HINT_T0);
            const __m256 xv = _mm256_loadu_ps(x + c);
            a0 = _mm256_fmadd_ps(LD(m.data, b + c), xv, a0);
            a1 = _mm256_fmadd_ps(LD(m.data, b + C + c), xv, a1);
            a2 = _mm256_fmadd_ps(LD(m.data, b + 2 * C + c), xv, a2);
            a3 = _mm256_fmadd_ps(LD(m.data, b + 3 * C + c), xv, a3);
        }
        float s[4] = {hsum(a0), hsum(a1), hsum(a2), hsum(a3)};
        for (size_t c = C8; c < C; ++c)
            for (int u = 0; u < 4; ++u) s[u] += LS(m.data, b + size_t(u) * C + c) * x[c];
        for (int u = 0; u < 4; ++u) y[r + u] = s[u];
    }
    for (; r < r1; ++r) {
        const size_t b = size_t(r) * C;
        __m256 a0 = _mm256_setzero_ps();
        for (size_t c = 0; c < C8; c += 8) a0 = _mm256_fmadd_ps(LD(m.data, b + c), _mm256_loadu_ps(x + c), a0);
        float s = hsum(a0);
        for (size_t c = C8; c < C; ++c) s += LS(m.data, b + c) * x[c];
        y[r] = s;
    }
}

// y[c0, c0 + 8·NV) += sum_k coef[k] · row idx[k]: the 8·NV columns in registers across all n rows (the same
// fma chain per column as the row-pair loop below, so the two give identical results).
template <Ld LD, int NV>
void axpy_block(const QMatrix& m, const int* idx, const float* coef, int n, float* y, int c0) {
    const size_t C = size_t(m.cols);
    __m256 acc[NV];
#pragma GCC unroll 8
    for (int u = 0; u < NV; ++u) acc[u] = _mm256_loadu_ps(y + c0 + 8 * u);
    constexpr int kAhead = 16;  // rows prefetched ahead: the rows are scattered, no hardware prefetcher sees them
    const size_t esize = m.dtype == DType::F32 ? 4 : 2;
    for (int k = 0; k < n; ++k) {
        const size_t b = size_t(idx[k]) * C + size_t(c0);
        if (k + kAhead < n) {
            const char* p = static_cast<const char*>(m.data) + (size_t(idx[k + kAhead]) * C + size_t(c0)) * esize;
            for (size_t o = 0; o < size_t(8 * NV) * esize; o += 64) _mm_prefetch(p + o, _MM_HINT_T0);
        }
        const __m256 f = _mm256_set1_ps(coef[k]);
#pragma GCC unroll 8
        for (int u = 0; u < NV; ++u) acc[u] = _mm256_fmadd_ps(LD(m.data, b + size_t(8 * u)), f, acc[u]);
    }
#pragma GCC unroll 8
    for (int u = 0; u < NV; ++u) _mm256_storeu_ps(y + c0 + 8 * u, acc[u]);
}

template <Ld LD, Ls LS>
void axpy_rows_t(const QMatrix& m, const int* idx, const float* coef, int n, float* y, int c0, int c1) {
    const size_t C = size_t(m.cols);
    int c8 = c0 + ((c1 - c0) & ~7);
    if (c1 - c0 <= 64) {  // a narrow column block (prefill): accumulate in registers
        switch ((c8 - c0) / 8) {
        case 8: axpy_block<LD, 8>(m, idx, coef, n, y, c0); break;
        case 7: axpy_block<LD, 7>(m, idx, coef, n, y, c0); break;
        case 6: axpy_block<LD, 6>(m, idx, coef, n, y, c0); break;
        case 5: axpy_block<LD, 5>(m, idx, coef, n, y, c0); break;
        case 4: axpy_block<LD, 4>(m, idx, coef, n, y, c0); break;
        case 3: axpy_block<LD, 3>(m, idx, coef, n, y, c0); break;
        case 2: axpy_block<LD, 2>(m, idx, coef, n, y, c0); break;
        case 1: axpy_block<LD, 1>(m, idx, coef, n, y, c0); break;
        default: break;
        }
        if (c8 == c1) return;
        c0 = c8;  // the scalar tail below, as before
    }
    int k = 0;
    auto co = [&](int kk) { return coef[kk]; };
    for (; k + 2 <= n; k += 2) {
        const size_t b0 = size_t(idx[k]) * C, b1 = size_t(idx[k + 1]) * C;
        const __m256 f0 = _mm256_set1_ps(co(k)), f1 = _mm256_set1_ps(co(k + 1));
        for (int c = c0; c < c8; c += 8) {
            __m256 acc = _mm256_loadu_ps(y + c);
            acc = _mm256_fmadd_ps(LD(m.data, b0 + size_t(c)), f0, acc);
            acc = _mm256_fmadd_ps(LD(m.data, b1 + size_t(c)), f1, acc);
            _mm256_storeu_ps(y + c, acc);
        }
        for (int c = c8; c < c1; ++c) y[c] += co(k) * LS(m.data, b0 + size_t(c)) + co(k + 1) * LS(m.data, b1 + size_t(c));
    }
    for (; k < n; ++k) {
        const size_t b0 = size_t(idx[k]) * C;
        const __m256 f0 = _mm256_set1_ps(co(k));
        for (int c = c0; c < c8; c += 8)
            _mm256_storeu_ps(y + c, _mm256_fmadd_ps(LD(m.data, b0 + size_t(c)), f0, _mm256_loadu_ps(y + c)));
        for (int c = c8; c < c1; ++c) y[c] += co(k) * LS(m.data, b0 + size_t(c));
    }
}

// Packs W(n0 + j, k0 + kk) for j < kPanel, kk < kc into pack[kk * kPanel + j] as fp32 (zero for n >= N).
template <Ld LD, Ls LS>
void pack_panel(const QMatrix& m, bool transposed, int n0, int N, int k0, int kc, float* pack) {
    const int nv = N - n0 < kPanel ? N - n0 : kPanel;
    if (transposed) {  // W(n, k) = M(k, n): rows of M are contiguous along n
        const size_t C = size_t(m.cols);
        for (int kk = 0; kk < kc; ++kk) {
            const size_t b = size_t(k0 + kk) * C + size_t(n0);
            float* out = pack + size_t(kk) * kPanel;
            // a 16-column panel lies inside one int8 group (n0 is a multiple of kPanel, kI8Group of kPanel)
            const float sc = m.scale ? ls_f16(m.scale, size_t(k0 + kk) * size_t(m.groups()) + size_t(n0 / kI8Group)) : 1.0f;
            if (nv == kPanel) {
                const __m256 s = _mm256_set1_ps(sc);
                _mm256_storeu_ps(out, _mm256_mul_ps(LD(m.data, b), s));
                _mm256_storeu_ps(out + 8, _mm256_mul_ps(LD(m.data, b + 8), s));
            } else {
                for (int j = 0; j < kPanel; ++j) out[j] = j < nv ? LS(m.data, b + size_t(j)) * sc : 0.0f;
            }
        }
        return;
    }
    const size_t K = size_t(m.cols);
    const int kc8 = kc & ~7;
    // int8: the panel rows' group scales over [k0, k0 + kc) as fp32, converted once (k0 is a multiple of kDepth, so
    // element k0 + kk is in group k0 / kI8Group + kk / kI8Group).
    static_assert(kDepth % kI8Group == 0);
    alignas(32) float gsc[kPanel][kDepth / kI8Group];
    if (m.scale)
        for (int j = 0; j < nv; ++j)
            for (int g = 0; g * kI8Group < kc; ++g)
                gsc[j][g] = ls_f16(m.scale, size_t(n0 + j) * size_t(m.groups()) + size_t(k0 / kI8Group + g));
    // Full groups of 8 rows: 8 x 8 blocks loaded along k (converted, int8 scaled), transposed in registers.
    int j0 = 0;
    for (; j0 + 8 <= nv; j0 += 8) {
        for (int kk = 0; kk < kc8; kk += 8) {
            __m256 v[8];
            for (int u = 0; u < 8; ++u) {
                const size_t b = size_t(n0 + j0 + u) * K + size_t(k0 + kk);
                v[u] = LD(m.data, b);
                if (m.scale) v[u] = _mm256_mul_ps(v[u], _mm256_set1_ps(gsc[j0 + u][kk / kI8Group]));
            }
            transpose8(v);
            for (int u = 0; u < 8; ++u) _mm256_storeu_ps(pack + size_t(kk + u) * kPanel + j0, v[u]);
        }
        for (int u = 0; u < 8; ++u) {
            const size_t b = size_t(n0 + j0 + u) * K + size_t(k0);
            for (int kk = kc8; kk < kc; ++kk)
                pack[size_t(kk) * kPanel + j0 + u] = LS(m.data, b + size_t(kk)) * (m.scale ? gsc[j0 + u][kk / kI8Group] : 1.0f);
        }
    }
    alignas(32) float row[8];
    for (int j = j0; j < kPanel; ++j) {
        if (j >= nv) {
            for (int kk = 0; kk < kc; ++kk) pack[size_t(kk) * kPanel + j] = 0.0f;
            continue;
        }
        const size_t b = size_t(n0 + j) * K + size_t(k0);
        // int8: the scale of the group holding element k (8-element chunks never straddle a group: k0 and kk
        // are multiples of 8, kI8Group of 8)
        int kk = 0;
        for (; kk + 8 <= kc; kk += 8) {
            const __m256 s = _mm256_set1_ps(m.scale ? gsc[j][kk / kI8Group] : 1.0f);
            _mm256_store_ps(row, _mm256_mul_ps(LD(m.data, b + size_t(kk)), s));
            for (int u = 0; u < 8; ++u) pack[size_t(kk + u) * kPanel + j] = row[u];
        }
        for (; kk < kc; ++kk) pack[size_t(kk) * kPanel + j] = LS(m.data, b + size_t(kk)) * (m.scale ? gsc[j][kk / kI8Group] : 1.0f);
    }
}

// C[6 x 16] (+)= A[6 x kc] * B[kc x 16]; A packed [kc][6] (pack_a), B packed [kc][16] (pack_panel), C rows ldc
// apart. Every loop over i is unrolled so the 12 accumulators stay in registers (12 accumulators, 2 B vectors and
// 1 broadcast = 15 of the 16 ymm registers); a loop over i that is not unrolled makes GCC keep the accumulators
// on the stack and store them on every k (measured: 35 % of the FMA peak). A is one sequential stream (24 bytes
// per k) instead of 6 rows ldx apart.
constexpr int kMR = 6;
void ukernel(const float* A, const float* B, int kc, float* C, size_t ldc, bool acc) {
    __m256 c0[kMR], c1[kMR];
#pragma GCC unroll 8
    for (int i = 0; i < kMR; ++i) c0[i] = c1[i] = _mm256_setzero_ps();
    const float* a = A;
    const float* b = B;
    for (int k = 0; k < kc; ++k, a += kMR, b += kPanel) {
        const __m256 b0 = _mm256_loadu_ps(b), b1 = _mm256_loadu_ps(b + 8);
#pragma GCC unroll 8
        for (int i = 0; i < kMR; ++i) {
            const __m256 av = _mm256_broadcast_ss(a + i);
            c0[i] = _mm256_fmadd_ps(av, b0, c0[i]);
            c1[i] = _mm256_fmadd_ps(av, b1, c1[i]);
        }
    }
#pragma GCC unroll 8
    for (int i = 0; i < kMR; ++i) {
        float* out = C + size_t(i) * ldc;
        if (acc) {
            c0[i] = _mm256_add_ps(c0[i], _mm256_loadu_ps(out));
            c1[i] = _mm256_add_ps(c1[i], _mm256_loadu_ps(out + 8));
        }
        _mm256_storeu_ps(out, c0[i]);
        _mm256_storeu_ps(out + 8, c1[i]);
    }
}

// Rows [t, t + mr) of Y against one packed panel; a tile with fewer than 6 rows or a panel narrower than 16
// (nr < kPanel) goes through a 6 x 16 copy of its tile (A's missing rows are packed as zeros).
static_assert(kMR == 6 && kPanel == 16, "ukernel512 is written for 6 x 16 tiles");
const bool kUse512 = cpu_features().avx512f;
inline void ukernel_any(const float* A, const float* B, int kc, float* C, size_t ldc, bool acc) {
    if (kUse512) ukernel512(A, B, kc, C, ldc, acc); else ukernel(A, B, kc, C, ldc, acc);
}
void tile(const float* A, const float* B, int kc, float* Y, size_t ldy, bool acc, int mr, int nr) {
    if (nr == kPanel && mr == kMR) return ukernel_any(A, B, kc, Y, ldy, acc);
    alignas(32) float tmp[kMR * kPanel];
    for (int i = 0; i < kMR; ++i)
        for (int j = 0; j < kPanel; ++j) tmp[i * kPanel + j] = acc && i < mr && j < nr ? Y[size_t(i) * ldy + size_t(j)] : 0.0f;
    ukernel_any(A, B, kc, tmp, kPanel, acc);
    for (int i = 0; i < mr; ++i)
        for (int j = 0; j < nr; ++j) Y[size_t(i) * ldy + size_t(j)] = tmp[i * kPanel + j];
}

// A[t][k0 + kk] for t < T, kk < kc packed tile by tile: tile u (rows 6u..6u+5) at out + u·kc·6, laid out
// [kk][i]; rows past T are zero. 6 rows x 8 columns per step, transposed in registers.
void pack_a(const float* X, int T, size_t ldx, int kc, float* out) {
    for (int t0 = 0; t0 < T; t0 += kMR) {
        float* o = out + size_t(t0) * size_t(kc);
        const int mr = T - t0 < kMR ? T - t0 : kMR;
        if (mr == kMR && (kc & 7) == 0) {
            const float* r[kMR];
            for (int i = 0; i < kMR; ++i) r[i] = X + size_t(t0 + i) * ldx;
            for (int kk = 0; kk < kc; kk += 8) {
                __m256 v[8];
                for (int i = 0; i < kMR; ++i) v[i] = _mm256_loadu_ps(r[i] + kk);
                v[6] = v[7] = _mm256_setzero_ps();
                transpose8(v);  // v[j] = column kk + j: rows 0..5 in lanes 0..5, zeros in 6, 7
                // in increasing j, each 8-float store's 2 extra floats are overwritten by the next one (the
                // last one's land in the next tile or the slack after the last tile: gemm_scratch_floats)
                for (int j = 0; j < 8; ++j) _mm256_storeu_ps(o + size_t(kk + j) * kMR, v[j]);
            }
        } else {
            for (int kk = 0; kk < kc; ++kk)
                for (int i = 0; i < kMR; ++i) o[size_t(kk) * kMR + i] = i < mr ? X[size_t(t0 + i) * ldx + size_t(kk)] : 0.0f;
        }
    }
}

void round_to_i8_grid(const float* X, int T, int ldx, int k0, int kc, float* out);

// pack_a of the token-shift mix of X[:, k0:k0+kc] (ShiftMix) in one pass: each 6-row tile's rows are mixed in
// registers (z + (p - z)·mu, as shift_mix_rows) and transposed, so the mixed rows are never written out.
void pack_a_mix(const float* X, int T, size_t ldx, int k0, int kc, const ShiftMix& mix, float* out) {
    const float* mu = mix.mu + k0;
    for (int t0 = 0; t0 < T; t0 += kMR) {
        float* o = out + size_t(t0) * size_t(kc);
        const int mr = T - t0 < kMR ? T - t0 : kMR;
        const float* r[kMR + 1];  // r[0]: the row before the tile, r[1 + i]: row t0 + i
        r[0] = t0 == 0 ? mix.prev + k0 : X + size_t(t0 - 1) * ldx + size_t(k0);
        for (int i = 0; i < kMR; ++i) r[1 + i] = X + size_t(t0 + (i < mr ? i : 0)) * ldx + size_t(k0);
        if (mr == kMR && (kc & 7) == 0) {
            for (int kk = 0; kk < kc; kk += 8) {
                const __m256 m = _mm256_loadu_ps(mu + kk);
                __m256 v[8];
                __m256 p = _mm256_loadu_ps(r[0] + kk);
                for (int i = 0; i < kMR; ++i) {
                    const __m256 z = _mm256_loadu_ps(r[1 + i] + kk);
                    v[i] = _mm256_add_ps(z, _mm256_mul_ps(_mm256_sub_ps(p, z), m));
                    p = z;
                }
                v[6] = v[7] = _mm256_setzero_ps();
                transpose8(v);
                for (int j = 0; j < 8; ++j) _mm256_storeu_ps(o + size_t(kk + j) * kMR, v[j]);
            }
        } else {
            for (int kk = 0; kk < kc; ++kk)
                for (int i = 0; i < kMR; ++i) {
                    if (i >= mr) {
                        o[size_t(kk) * kMR + i] = 0.0f;
                        continue;
                    }
                    const float z = r[1 + i][kk], pz = r[i][kk];
                    o[size_t(kk) * kMR + i] = z + (pz - z) * mu[kk];
                }
        }
    }
}

// Rows t < T of X[:, k0:k0+kc] replaced by their token-shift mix (ShiftMix) into out (rows kDepth apart).
void shift_mix_rows(const float* X, int T, int ldx, int k0, int kc, const ShiftMix& mix, float* out) {
    const int kc8 = kc & ~7;
    for (int t = 0; t < T; ++t) {
        const float* z = X + size_t(t) * size_t(ldx) + size_t(k0);
        const float* p = t == 0 ? mix.prev + k0 : z - ldx;
        const float* mu = mix.mu + k0;
        float* o = out + size_t(t) * kDepth;
        int k = 0;
        for (; k < kc8; k += 8) {
            const __m256 zv = _mm256_loadu_ps(z + k);
            _mm256_storeu_ps(o + k, _mm256_add_ps(zv, _mm256_mul_ps(_mm256_sub_ps(_mm256_loadu_ps(p + k), zv), _mm256_loadu_ps(mu + k))));
        }
        for (; k < kc; ++k) o[k] = z[k] + (p[k] - z[k]) * mu[k];
    }
}

// ReLU² + active-neuron list of the rows [t, t + mr) x columns [p, p + nr) of Y just finished (gemm_relu2): each
// row's active columns are appended, in increasing column, at position n0 + count[row] of that row of Y (the value
// squared) and of idx (the column). Every such position is <= the column it comes from, and a tile's 16 values are
// read before any of its row is written, so nothing is overwritten before it is read.
struct Relu2Out {
    int n0;
    int* idx;    // rows ldy apart, like Y
    int* count;  // [T]
};

void relu2_tile(float* Y, size_t ldy, int t, int mr, int p, int nr, const Relu2Out& r2) {
    const __m256 zero = _mm256_setzero_ps();
    alignas(32) float sq[kPanel];
    for (int i = 0; i < mr; ++i) {
        float* y = Y + size_t(t + i) * ldy;
        int* ix = r2.idx + size_t(t + i) * ldy + size_t(r2.n0);
        float* co = y + r2.n0;
        int n = r2.count[t + i];
        unsigned mask;
        if (nr == kPanel) {
            const __m256 v0 = _mm256_loadu_ps(y + p), v1 = _mm256_loadu_ps(y + p + 8);
            mask = unsigned(_mm256_movemask_ps(_mm256_cmp_ps(v0, zero, _CMP_GT_OQ))) |
                   unsigned(_mm256_movemask_ps(_mm256_cmp_ps(v1, zero, _CMP_GT_OQ))) << 8;
            if (mask == 0) continue;
            _mm256_store_ps(sq, _mm256_mul_ps(v0, v0));
            _mm256_store_ps(sq + 8, _mm256_mul_ps(v1, v1));
        } else {
            mask = 0;
            for (int j = 0; j < nr; ++j) {
                const float a = y[p + j];
                sq[j] = a * a;
                if (a > 0.0f) mask |= 1u << j;
            }
        }
        while (mask) {
            const int u = __builtin_ctz(mask);
            ix[n] = p + u;
            co[n++] = sq[u];
            mask &= mask - 1;
        }
        r2.count[t + i] = n;
    }
}

template <Ld LD, Ls LS>
void gemm_t(const QMatrix& m, bool transposed, const float* X, int T, int ldx, float* Y, int ldy, int n0, int n1,
            bool acc, float* pack, const ShiftMix* mix, const Relu2Out* r2 = nullptr) {
    const int K = transposed ? m.rows : m.cols;
    const int N = transposed ? m.cols : m.rows;
    const bool round_x = m.dtype == DType::I8 && !transposed;
    float* ap = pack + size_t(kPanel) * kDepth;                  // X[:, k0:k0+kc] packed by pack_a
    float* xq = ap + size_t(T + kMR) * kDepth;                   // mixed and/or (I8) int8-rounded X[:, k0:k0+kc]
    const int tiles = (T + kMR - 1) / kMR;
    for (int k0 = 0; k0 < K; k0 += kDepth) {
        const int kc = K - k0 < kDepth ? K - k0 : kDepth;
        if (mix && !round_x) {
            pack_a_mix(X, T, size_t(ldx), k0, kc, *mix, ap);
        } else if (mix) {
            shift_mix_rows(X, T, ldx, k0, kc, *mix, xq);
            round_to_i8_grid(xq, T, kDepth, 0, kc, xq);
            pack_a(xq, T, kDepth, kc, ap);
        } else if (round_x) {
            round_to_i8_grid(X, T, ldx, k0, kc, xq);
            pack_a(xq, T, kDepth, kc, ap);
        } else {
            pack_a(X + k0, T, size_t(ldx), kc, ap);
        }
        const bool a = acc || k0 > 0;
        const bool last = k0 + kc == K;
        if (r2 && last)
            for (int t = 0; t < T; ++t) r2->count[t] = 0;
        for (int p = n0; p < n1; p += kPanel) {
            const int nr = n1 - p < kPanel ? n1 - p : kPanel;
            pack_panel<LD, LS>(m, transposed, p, N, k0, kc, pack);
            // While this panel is multiplied, prefetch the source of the next one (16 rows of kc elements, from
            // memory or L3: the pack would otherwise wait for each row), a few lines per row tile.
            const char* next = nullptr;
            size_t row_bytes = 0, lines = 0;
            if (!transposed && p + kPanel < n1) {
                const size_t es = m.dtype == DType::F32 ? 4 : m.dtype == DType::I8 ? 1 : 2;
                next = static_cast<const char*>(m.data) + (size_t(p + kPanel) * size_t(K) + size_t(k0)) * es;
                row_bytes = size_t(K) * es;
                lines = (size_t(kc) * es + 63) / 64;
            }
            const size_t total = next ? size_t(kPanel) * lines : 0, per_tile = total / size_t(tiles) + 1;
            size_t done = 0;
            for (int u = 0; u < tiles; ++u) {
                const int t = u * kMR;
                for (size_t e = done + per_tile; done < total && done < e; ++done)
                    _mm_prefetch(next + (done / lines) * row_bytes + (done % lines) * 64, _MM_HINT_T0);
                if (t + 2 * kMR <= T)  // the next tile's output rows (a cache miss each when Y is large)
                    for (int i = 0; i < kMR; ++i) {
                        const float* yr = Y + size_t(t + kMR + i) * ldy + p;
                        _mm_prefetch(reinterpret_cast<const char*>(yr), _MM_HINT_T0);
                        _mm_prefetch(reinterpret_cast<const char*>(yr + kPanel - 1), _MM_HINT_T0);
                    }
                if (kUse512 && nr == kPanel && t + 2 * kMR <= T) {  // tiles u and u + 1 in one pass
                    for (size_t e = done + per_tile; done < total && done < e; ++done)
                        _mm_prefetch(next + (done / lines) * row_bytes + (done % lines) * 64, _MM_HINT_T0);
                    ukernel512x2(ap + size_t(t) * size_t(kc), pack, kc, Y + size_t(t) * ldy + p, size_t(ldy), a);
                    if (r2 && last) {
                        relu2_tile(Y, size_t(ldy), t, kMR, p, nr, *r2);
                        relu2_tile(Y, size_t(ldy), t + kMR, kMR, p, nr, *r2);
                    }
                    ++u;
                    continue;
                }
                tile(ap + size_t(t) * size_t(kc), pack, kc, Y + size_t(t) * ldy + p, size_t(ldy), a,
                     T - t < kMR ? T - t : kMR, nr);
                if (r2 && last) relu2_tile(Y, size_t(ldy), t, T - t < kMR ? T - t : kMR, p, nr, *r2);
            }
        }
    }
}

// --- int8 (kernels.h): activations quantised per group, exact int32 group dot products ---

inline float hmax(__m256 v) {
    __m128 s = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_max_ps(s, _mm_movehl_ps(s, s));
    s = _mm_max_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

// qx = round(x * 127 / max|x_g|) per group (round to nearest even, as nearbyint in the portable kernels), the
// magnitudes |qx| for vpmaddubsw, and sx = max|x_g| / 127.
void quantise_x(const float* x, int C, std::int8_t* qx, std::uint8_t* ax, float* sx) {
    const __m256 absmask = _mm256_castsi256_ps(_mm256_set1_epi32(0x7FFFFFFF));
    const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
    for (int c0 = 0, g = 0; c0 < C; c0 += kI8Group, ++g) {
        const int len = C - c0 < kI8Group ? C - c0 : kI8Group;
        if (len == kI8Group) {
            __m256 v[8], mx = _mm256_setzero_ps();
            for (int u = 0; u < 8; ++u) {
                v[u] = _mm256_loadu_ps(x + c0 + 8 * u);
                mx = _mm256_max_ps(mx, _mm256_and_ps(v[u], absmask));
            }
            const float m = hmax(mx);
            const __m256 inv = _mm256_set1_ps(m > 0 ? 127.0f / m : 0.0f);
            sx[g] = m / 127.0f;
            for (int h = 0; h < 2; ++h) {
                const __m256i i0 = _mm256_cvtps_epi32(_mm256_mul_ps(v[4 * h], inv));
                const __m256i i1 = _mm256_cvtps_epi32(_mm256_mul_ps(v[4 * h + 1], inv));
                const __m256i i2 = _mm256_cvtps_epi32(_mm256_mul_ps(v[4 * h + 2], inv));
                const __m256i i3 = _mm256_cvtps_epi32(_mm256_mul_ps(v[4 * h + 3], inv));
                const __m256i q = _mm256_permutevar8x32_epi32(
                    _mm256_packs_epi16(_mm256_packs_epi32(i0, i1), _mm256_packs_epi32(i2, i3)), order);
                _mm256_storeu_si256(reinterpret_cast<__m256i*>(qx + c0 + 32 * h), q);
                _mm256_storeu_si256(reinterpret_cast<__m256i*>(ax + c0 + 32 * h), _mm256_abs_epi8(q));
            }
        } else {
            float m = 0;
            for (int c = c0; c < c0 + len; ++c) {
                const float a = _mm_cvtss_f32(_mm_and_ps(_mm_set_ss(x[c]), _mm256_castps256_ps128(absmask)));
                m = a > m ? a : m;
            }
            const float inv = m > 0 ? 127.0f / m : 0.0f;
            sx[g] = m / 127.0f;
            for (int c = c0; c < c0 + len; ++c) {
                const int q = _mm_cvtss_si32(_mm_set_ss(x[c] * inv));
                qx[c] = std::int8_t(q);
                ax[c] = std::uint8_t(q < 0 ? -q : q);
            }
        }
    }
}

// Rows t < T of X[:, k0:k0+kc] rounded to their int8 grid (quantise_x, dequantised again) into out (rows kDepth
// apart); k0 is a multiple of kI8Group, so the groups are those of the whole row.
void round_to_i8_grid(const float* X, int T, int ldx, int k0, int kc, float* out) {
    alignas(32) std::int8_t q[kDepth];
    alignas(32) std::uint8_t a[kDepth];
    float s[kDepth / kI8Group];
    for (int t = 0; t < T; ++t) {
        quantise_x(X + size_t(t) * size_t(ldx) + size_t(k0), kc, q, a, s);
        float* o = out + size_t(t) * kDepth;
        for (int c = 0; c < kc; ++c) o[c] = float(q[c]) * s[c / kI8Group];
    }
}

// Sum of |a|·(b·sign(a)) = a·b over 32 int8 pairs, as 8 int32 partial sums (|a|, |b| <= 127: no saturation).
inline __m256i dot32(__m256i ax, __m256i qx, __m256i w) {
    return _mm256_madd_epi16(_mm256_maddubs_epi16(ax, _mm256_sign_epi8(w, qx)), _mm256_set1_epi16(1));
}

void matvec_i8(const QMatrix& m, const float* x, float* y, int r0, int r1) {
    const int C = m.cols, G = m.groups(), full = C / kI8Group;
    alignas(32) std::int8_t qx[kMaxI8Cols];
    alignas(32) std::uint8_t ax[kMaxI8Cols];
    alignas(32) float sx[kMaxI8Cols / kI8Group];
    quantise_x(x, C, qx, ax, sx);
    const auto* q = static_cast<const std::int8_t*>(m.data);
    // The short last group (cols not a multiple of kI8Group) in plain integer arithmetic.
    auto tail = [&](int r) {
        if (full == G) return 0.0f;
        const std::int8_t* row = q + size_t(r) * size_t(C);
        std::int32_t dot = 0;
        for (int c = full * kI8Group; c < C; ++c) dot += std::int32_t(row[c]) * std::int32_t(qx[c]);
        return float(dot) * (ls_f16(m.scale, size_t(r) * size_t(G) + size_t(full)) * sx[full]);
    };
    int r = r0;
    for (; r + 4 <= r1; r += 4) {
        const std::int8_t* w0 = q + size_t(r) * size_t(C);
        const std::uint16_t* s0 = m.scale + size_t(r) * size_t(G);
        __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
        for (int g = 0; g < full; ++g) {
            const int c = g * kI8Group;
            // The 4 rows are one contiguous block of 4·C bytes: prefetch the block kAheadBlocks further on at the
            // same pace (4 lines per group), so the whole next-but-one block is in flight by the time it is read.
            for (int u = 0; u < 4; ++u)
                _mm_prefetch(reinterpret_cast<const char*>(w0) + size_t(kAheadBlocks) * 4 * size_t(C) + size_t(4 * c + 64 * u), _MM_HINT_T0);
            const __m256i xa = _mm256_load_si256(reinterpret_cast<const __m256i*>(ax + c));
            const __m256i xb = _mm256_load_si256(reinterpret_cast<const __m256i*>(ax + c + 32));
            const __m256i qa = _mm256_load_si256(reinterpret_cast<const __m256i*>(qx + c));
            const __m256i qb = _mm256_load_si256(reinterpret_cast<const __m256i*>(qx + c + 32));
            for (int u = 0; u < 4; ++u) {
                const std::int8_t* w = w0 + size_t(u) * size_t(C) + size_t(c);
                const __m256i d = _mm256_add_epi32(dot32(xa, qa, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w))),
                                                   dot32(xb, qb, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w + 32))));
                acc[u] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(d), _mm256_set1_ps(ls_f16(s0, size_t(u) * size_t(G) + size_t(g)) * sx[g]), acc[u]);
            }
        }
        for (int u = 0; u < 4; ++u) y[r + u] = hsum(acc[u]) + tail(r + u);
    }
    for (; r < r1; ++r) {
        const std::int8_t* w0 = q + size_t(r) * size_t(C);
        const std::uint16_t* s0 = m.scale + size_t(r) * size_t(G);
        __m256 acc = _mm256_setzero_ps();
        for (int g = 0; g < full; ++g) {
            const int c = g * kI8Group;
            const __m256i d = _mm256_add_epi32(
                dot32(_mm256_load_si256(reinterpret_cast<const __m256i*>(ax + c)), _mm256_load_si256(reinterpret_cast<const __m256i*>(qx + c)),
                      _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w0 + c))),
                dot32(_mm256_load_si256(reinterpret_cast<const __m256i*>(ax + c + 32)), _mm256_load_si256(reinterpret_cast<const __m256i*>(qx + c + 32)),
                      _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w0 + c + 32))));
            acc = _mm256_fmadd_ps(_mm256_cvtepi32_ps(d), _mm256_set1_ps(ls_f16(s0, size_t(g)) * sx[g]), acc);
        }
        y[r] = hsum(acc) + tail(r);
    }
}

// y[c] += coef[k] * scale(idx[k], c / kI8Group) * q(idx[k], c): the active FFN rows, one factor coef·scale per
// 8 columns (column slices start at multiples of 8, so an 8-chunk never straddles a group). The rows are
// scattered, so no hardware prefetcher sees them: the row kAhead further on is prefetched (measured: without
// it the loads of each row's first line took ~80 % of this function's time in decode).
template <int NV>
void axpy_block_i8(const QMatrix& m, const int* idx, const float* coef, int n, float* y, int c0) {
    const size_t C = size_t(m.cols), G = size_t(m.groups());
    const auto* q = static_cast<const std::int8_t*>(m.data);
    __m256 acc[NV];
#pragma GCC unroll 8
    for (int u = 0; u < NV; ++u) acc[u] = _mm256_loadu_ps(y + c0 + 8 * u);
    constexpr int kAhead = 16;
    for (int k = 0; k < n; ++k) {
        if (k + kAhead < n) {
            const char* p = reinterpret_cast<const char*>(q + size_t(idx[k + kAhead]) * C + size_t(c0));
            _mm_prefetch(p, _MM_HINT_T0);
            if (NV * 8 > 64 - (reinterpret_cast<std::uintptr_t>(p) & 63)) _mm_prefetch(p + 63, _MM_HINT_T0);
        }
        const std::int8_t* row = q + size_t(idx[k]) * C;
        const std::uint16_t* sc = m.scale + size_t(idx[k]) * G;
#pragma GCC unroll 8
        for (int u = 0; u < NV; ++u) {
            const int c = c0 + 8 * u;
            acc[u] = _mm256_fmadd_ps(ld_i8(row, size_t(c)), _mm256_set1_ps(coef[k] * ls_f16(sc, size_t(c / kI8Group))), acc[u]);
        }
    }
#pragma GCC unroll 8
    for (int u = 0; u < NV; ++u) _mm256_storeu_ps(y + c0 + 8 * u, acc[u]);
}

void axpy_rows_i8(const QMatrix& m, const int* idx, const float* coef, int n, float* y, int c0, int c1) {
    const size_t C = size_t(m.cols), G = size_t(m.groups());
    const int c8 = c0 + ((c1 - c0) & ~7);
    const auto* q = static_cast<const std::int8_t*>(m.data);
    if (c1 - c0 <= 64) {  // a narrow column block (prefill): accumulate in registers, same arithmetic per element
        switch ((c8 - c0) / 8) {
        case 8: axpy_block_i8<8>(m, idx, coef, n, y, c0); break;
        case 7: axpy_block_i8<7>(m, idx, coef, n, y, c0); break;
        case 6: axpy_block_i8<6>(m, idx, coef, n, y, c0); break;
        case 5: axpy_block_i8<5>(m, idx, coef, n, y, c0); break;
        case 4: axpy_block_i8<4>(m, idx, coef, n, y, c0); break;
        case 3: axpy_block_i8<3>(m, idx, coef, n, y, c0); break;
        case 2: axpy_block_i8<2>(m, idx, coef, n, y, c0); break;
        case 1: axpy_block_i8<1>(m, idx, coef, n, y, c0); break;
        default: break;
        }
        if (c8 < c1)
            for (int k = 0; k < n; ++k) {
                const std::int8_t* row = q + size_t(idx[k]) * C;
                const std::uint16_t* sc = m.scale + size_t(idx[k]) * G;
                for (int c = c8; c < c1; ++c) y[c] += coef[k] * ls_f16(sc, size_t(c / kI8Group)) * float(row[c]);
            }
        return;
    }
    constexpr int kAhead = 8;
    const size_t span = size_t(c1 - c0);
    for (int k = 0; k < n; ++k) {
        if (k + kAhead < n) {
            const char* p = reinterpret_cast<const char*>(q + size_t(idx[k + kAhead]) * C + size_t(c0));
            for (size_t o = 0; o < span; o += 64) _mm_prefetch(p + o, _MM_HINT_T0);
            _mm_prefetch(p + span - 1, _MM_HINT_T0);
        }
        const std::int8_t* row = q + size_t(idx[k]) * C;
        const std::uint16_t* sc = m.scale + size_t(idx[k]) * G;
        int c = c0;
        while (c < c8) {  // one coef·scale factor per group of kI8Group columns
            const int g = c / kI8Group, ge = (g + 1) * kI8Group < c8 ? (g + 1) * kI8Group : c8;
            const __m256 f = _mm256_set1_ps(coef[k] * ls_f16(sc, size_t(g)));
            for (; c < ge; c += 8)
                _mm256_storeu_ps(y + c, _mm256_fmadd_ps(ld_i8(row, size_t(c)), f, _mm256_loadu_ps(y + c)));
        }
        for (c = c8; c < c1; ++c) y[c] += coef[k] * ls_f16(sc, size_t(c / kI8Group)) * float(row[c]);
    }
}

void matvec(const QMatrix& m, const float* x, float* y, int r0, int r1) {
    switch (m.dtype) {
    case DType::F16: return matvec_t<ld_f16, ls_f16>(m, x, y, r0, r1);
    case DType::BF16: return matvec_t<ld_bf16, ls_bf16>(m, x, y, r0, r1);
    case DType::I8: return matvec_i8(m, x, y, r0, r1);
    default: return matvec_t<ld_f32, ls_f32>(m, x, y, r0, r1);
    }
}

void axpy_rows(const QMatrix& m, const int* idx, const float* coef, int n, float* y, int c0, int c1) {
    switch (m.dtype) {
    case DType::F16: return axpy_rows_t<ld_f16, ls_f16>(m, idx, coef, n, y, c0, c1);
    case DType::BF16: return axpy_rows_t<ld_bf16, ls_bf16>(m, idx, coef, n, y, c0, c1);
    case DType::I8: return axpy_rows_i8(m, idx, coef, n, y, c0, c1);
    default: return axpy_rows_t<ld_f32, ls_f32>(m, idx, coef, n, y, c0, c1);
    }
}

void gemm(const QMatrix& m, bool tr, const float* X, int T, int ldx, float* Y, int ldy, int n0, int n1, bool acc,
          float* pack, const ShiftMix* mix) {
    switch (m.dtype) {
    case DType::F16: return gemm_t<ld_f16, ls_f16>(m, tr, X, T, ldx, Y, ldy, n0, n1, acc, pack, mix);
    case DType::BF16: return gemm_t<ld_bf16, ls_bf16>(m, tr, X, T, ldx, Y, ldy, n0, n1, acc, pack, mix);
    case DType::I8: return gemm_t<ld_i8, ls_i8>(m, tr, X, T, ldx, Y, ldy, n0, n1, acc, pack, mix);
    default: return gemm_t<ld_f32, ls_f32>(m, tr, X, T, ldx, Y, ldy, n0, n1, acc, pack, mix);
    }
}

void gemm_relu2(const QMatrix& m, const float* X, int T, int ldx, float* Y, int ldy, int n0, int n1, float* pack,
                const ShiftMix* mix, int* idx, int* count) {
    const Relu2Out r2{n0, idx, count};
    switch (m.dtype) {
    case DType::F16: return gemm_t<ld_f16, ls_f16>(m, false, X, T, ldx, Y, ldy, n0, n1, false, pack, mix, &r2);
    case DType::BF16: return gemm_t<ld_bf16, ls_bf16>(m, false, X, T, ldx, Y, ldy, n0, n1, false, pack, mix, &r2);
    case DType::I8: return gemm_t<ld_i8, ls_i8>(m, false, X, T, ldx, Y, ldy, n0, n1, false, pack, mix, &r2);
    default: return gemm_t<ld_f32, ls_f32>(m, false, X, T, ldx, Y, ldy, n0, n1, false, pack, mix, &r2);
    }
}

}  // namespace

#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif

namespace avx2 {  // kernels_avx2_rowwise.cpp
void wkv7_step64(float* S, const float* r, const float* decay, const float* k, const float* v, const float* kk,
                 const float* a, float* y);
void wkv7_scan64(float* S, int T, std::size_t ld, const float* r, const float* decay, const float* k, const float* v,
                 const float* kk, const float* a, float* y);
void exp_inplace(float* x, int n);
void layer_norm(const float* x, const float* w, const float* b, float* out, int n, float eps);
int relu2_compact(const float* h, int n, int base, int* idx, float* coef);
}  // namespace avx2

namespace {
const Kernels kAvx2{"avx2",          matvec,           axpy_rows,         gemm,              gemm_relu2,
                    avx2::wkv7_step64, avx2::wkv7_scan64, avx2::exp_inplace, avx2::layer_norm, avx2::relu2_compact};
const Kernels& avx2_table() { return kAvx2; }
}  // namespace

bool gemm_microkernels_for_test(const float* A, const float* B, int kc, bool acc, float* c_ymm, float* c_zmm,
                                float* c_zmm2) {
    if (avx2_kernels() == nullptr || !cpu_features().avx512f) return false;
    constexpr std::size_t ldc = kPanel;
    const float* A1 = A + std::size_t(kMR) * std::size_t(kc);
    ukernel(A, B, kc, c_ymm, ldc, acc);
    ukernel(A1, B, kc, c_ymm + kMR * ldc, ldc, acc);
    ukernel512(A, B, kc, c_zmm, ldc, acc);
    ukernel512(A1, B, kc, c_zmm + kMR * ldc, ldc, acc);
    ukernel512x2(A, B, kc, c_zmm2, ldc, acc);
    return true;
}

}  // namespace rwkv::cpu

#else  // not x86, or the portable path only

namespace rwkv::cpu {
const Kernels* avx2_kernels() { return nullptr; }
bool gemm_microkernels_for_test(const float*, const float*, int, bool, float*, float*, float*) { return false; }
}  // namespace rwkv::cpu

#endif
