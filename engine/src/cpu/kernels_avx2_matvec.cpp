// AVX2 + FMA + F16C decode kernels (kernels.h): matvec and the sparse rows of the FFN (axpy_rows) for fp32, fp16,
// bf16 and int8 weights (int8: activations quantised per group, exact int32 group dot products), and round_to_i8_grid,
// the same int8 rounding of activations for the GEMM (kernels_avx2_gemm.cpp).
// Compiled for that target through a target region, selected at run time by the table of kernels_avx2.cpp (see
// there for the rules of the region).
#include "cpu/kernels.h"

#if (defined(__x86_64__) || defined(__i386__)) && !defined(RWKV_CPU_PORTABLE_ONLY)
#include <immintrin.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>

namespace rwkv::cpu {

#include "cpu/kernels_avx2_target_begin.h"  // AVX2 + FMA + F16C from here

namespace {

using std::size_t;

#include "cpu/kernels_avx2_loads.h"    // inside the target region and the anonymous namespace (see there)
#include "cpu/kernels_avx2_helpers.h"  // inside the target region and the anonymous namespace (see there)

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

// matvec for NB <= 4 inputs (Kernels::matvec_n): two rows at a time, each 8 weights loaded and converted once for
// the NB inputs. Per (row, input) one accumulator over c, then hsum and the scalar tail in order: matvec_t's sums,
// so every output equals matvec_t's bit for bit. Prefetches the next two-row blocks as matvec_t does its four.
template <Ld LD, Ls LS, int NB>
void matvec_nb(const QMatrix& m, const float* X, size_t ldx, float* Y, size_t ldy, int r0, int r1) {
    const size_t C = size_t(m.cols);
    const size_t es = m.dtype == DType::F32 ? 4 : 2;
    const size_t C8 = C & ~size_t(7);
    for (int r = r0; r < r1; r += 2) {
        const int rows = r + 2 <= r1 ? 2 : 1;
        const size_t b = size_t(r) * C;
        __m256 a[2][NB];
#pragma GCC unroll 8
        for (int i = 0; i < NB; ++i) a[0][i] = a[1][i] = _mm256_setzero_ps();
        const char* ahead = static_cast<const char*>(m.data) + (b + 2 * kAheadBlocks * 2 * C) * es;
        if (rows == 2) {
            for (size_t c = 0; c < C8; c += 8) {
                if (((2 * c * es) & 63) == 0) _mm_prefetch(ahead + 2 * c * es, _MM_HINT_T0);
                const __m256 w0 = LD(m.data, b + c), w1 = LD(m.data, b + C + c);
#pragma GCC unroll 8
                for (int i = 0; i < NB; ++i) {
                    const __m256 xv = _mm256_loadu_ps(X + size_t(i) * ldx + c);
                    a[0][i] = _mm256_fmadd_ps(w0, xv, a[0][i]);
                    a[1][i] = _mm256_fmadd_ps(w1, xv, a[1][i]);
                }
            }
        } else {
            for (size_t c = 0; c < C8; c += 8) {
                const __m256 w0 = LD(m.data, b + c);
#pragma GCC unroll 8
                for (int i = 0; i < NB; ++i) a[0][i] = _mm256_fmadd_ps(w0, _mm256_loadu_ps(X + size_t(i) * ldx + c), a[0][i]);
            }
        }
        for (int u = 0; u < rows; ++u)
            for (int i = 0; i < NB; ++i) {
                const float* x = X + size_t(i) * ldx;
                float s = hsum(a[u][i]);
                for (size_t c = C8; c < C; ++c) s += LS(m.data, b + size_t(u) * C + c) * x[c];
                Y[size_t(i) * ldy + size_t(r + u)] = s;
            }
    }
}

template <Ld LD, Ls LS>
void matvec_n_t(const QMatrix& m, const float* X, int n, int ldx, float* Y, int ldy, int r0, int r1) {
    for (int i = 0; i < n; i += 4) {  // inputs in groups of 4 (the 2 x 4 accumulators stay in registers)
        const float* Xi = X + size_t(i) * size_t(ldx);
        float* Yi = Y + size_t(i) * size_t(ldy);
        switch (n - i < 4 ? n - i : 4) {
        case 1: matvec_nb<LD, LS, 1>(m, Xi, size_t(ldx), Yi, size_t(ldy), r0, r1); break;
        case 2: matvec_nb<LD, LS, 2>(m, Xi, size_t(ldx), Yi, size_t(ldy), r0, r1); break;
        case 3: matvec_nb<LD, LS, 3>(m, Xi, size_t(ldx), Yi, size_t(ldy), r0, r1); break;
        default: matvec_nb<LD, LS, 4>(m, Xi, size_t(ldx), Yi, size_t(ldy), r0, r1); break;
        }
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

// --- int8 (kernels.h): activations quantised per group, exact int32 group dot products ---

inline float hmax(__m256 v) {
    __m128 s = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_max_ps(s, _mm_movehl_ps(s, s));
    s = _mm_max_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

// A group holding a NaN or infinite activation, as the portable kernels quantise it: values 0 and a NaN scale, so
// every row's sum is NaN (the logits' check fires) — before, cvtps_epi32's 0x80000000 saturated to -128 and the max
// skipped a NaN or not by its place, a finite sum either way.
inline void non_finite_group(int c0, int len, std::int8_t* qx, std::uint8_t* ax, float& sx) {
    std::memset(qx + c0, 0, std::size_t(len));
    std::memset(ax + c0, 0, std::size_t(len));
    sx = std::numeric_limits<float>::quiet_NaN();
}

// qx = round(x * 127 / max|x_g|) per group (round to nearest even, as nearbyint in the portable kernels), the
// magnitudes |qx| for vpmaddubsw, and sx = max|x_g| / 127; a group with a NaN or infinite x: non_finite_group.
void quantise_x(const float* x, int C, std::int8_t* qx, std::uint8_t* ax, float* sx) {
    const __m256 absmask = _mm256_castsi256_ps(_mm256_set1_epi32(0x7FFFFFFF));
    const __m256 inf = _mm256_set1_ps(std::numeric_limits<float>::infinity());
    const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
    for (int c0 = 0, g = 0; c0 < C; c0 += kI8Group, ++g) {
        const int len = C - c0 < kI8Group ? C - c0 : kI8Group;
        if (len == kI8Group) {
            __m256 v[8], mx = _mm256_setzero_ps(), bad = _mm256_setzero_ps();
            for (int u = 0; u < 8; ++u) {
                v[u] = _mm256_loadu_ps(x + c0 + 8 * u);
                const __m256 a = _mm256_and_ps(v[u], absmask);
                bad = _mm256_or_ps(bad, _mm256_cmp_ps(a, inf, _CMP_NLT_UQ));  // NaN or infinite
                mx = _mm256_max_ps(mx, a);
            }
            if (_mm256_movemask_ps(bad) != 0) {
                non_finite_group(c0, kI8Group, qx, ax, sx[g]);
                continue;
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
            bool finite = true;
            for (int c = c0; c < c0 + len; ++c) {
                const float a = _mm_cvtss_f32(_mm_and_ps(_mm_set_ss(x[c]), _mm256_castps256_ps128(absmask)));
                finite = finite && a <= std::numeric_limits<float>::max();
                m = a > m ? a : m;
            }
            if (!finite) {
                non_finite_group(c0, len, qx, ax, sx[g]);
                continue;
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

}  // namespace

namespace avx2 {  // the table of kernels_avx2.cpp; round_to_i8_grid: kernels_avx2_gemm.cpp

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

void matvec(const QMatrix& m, const float* x, float* y, int r0, int r1) {
    switch (m.dtype) {
    case DType::F16: return matvec_t<ld_f16, ls_f16>(m, x, y, r0, r1);
    case DType::BF16: return matvec_t<ld_bf16, ls_bf16>(m, x, y, r0, r1);
    case DType::I8: return matvec_i8(m, x, y, r0, r1);
    default: return matvec_t<ld_f32, ls_f32>(m, x, y, r0, r1);
    }
}

void matvec_n(const QMatrix& m, const float* X, int n, int ldx, float* Y, int ldy, int r0, int r1) {
    switch (m.dtype) {
    case DType::F16: return matvec_n_t<ld_f16, ls_f16>(m, X, n, ldx, Y, ldy, r0, r1);
    case DType::BF16: return matvec_n_t<ld_bf16, ls_bf16>(m, X, n, ldx, Y, ldy, r0, r1);
    case DType::I8:
        for (int i = 0; i < n; ++i) matvec_i8(m, X + size_t(i) * size_t(ldx), Y + size_t(i) * size_t(ldy), r0, r1);
        return;
    default: return matvec_n_t<ld_f32, ls_f32>(m, X, n, ldx, Y, ldy, r0, r1);
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

}  // namespace avx2

#include "cpu/kernels_avx2_target_end.h"

}  // namespace rwkv::cpu

#endif
