// AVX2 + FMA + F16C GEMM of prefill (kernels.h: gemm, gemm_relu2) for fp32, fp16, bf16 and int8 weights: the packed
// panels and 6 x 16 tiles, their micro-kernels (in 512-bit registers where the CPU has AVX-512F), the token-shift mix
// of the packed activations (their int8 rounding, round_to_i8_grid, is in kernels_avx2_matvec.cpp), the ReLU² +
// active-neuron list of the FFN key rows. Compiled for that target through a target region, selected at run time by
// the table of kernels_avx2.cpp (see there for the rules of the region).
#include "cpu/cpu_features.h"
#include "cpu/kernels.h"

#if (defined(__x86_64__) || defined(__i386__)) && !defined(RWKV_CPU_PORTABLE_ONLY)
#include <immintrin.h>

#include <cstddef>
#include <cstdint>

namespace rwkv::cpu {

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

#include "cpu/kernels_avx2_target_begin.h"  // AVX2 + FMA + F16C from here

namespace avx2 {
void round_to_i8_grid(const float* X, int T, int ldx, int k0, int kc, float* out);  // kernels_avx2_matvec.cpp
}  // namespace avx2

namespace {

using std::size_t;

#include "cpu/kernels_avx2_loads.h"    // inside the target region and the anonymous namespace (see there)
#include "cpu/kernels_avx2_helpers.h"  // inside the target region and the anonymous namespace (see there)

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

using avx2::round_to_i8_grid;

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

}  // namespace

namespace avx2 {  // the table of kernels_avx2.cpp

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

}  // namespace avx2

#include "cpu/kernels_avx2_target_end.h"

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

#endif
