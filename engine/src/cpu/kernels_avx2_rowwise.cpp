// AVX2 + FMA versions of the per-row fast-path kernels (kernels.h): the WKV-7 step and scan, exp, LayerNorm and
// the ReLU² compaction; the matrix kernels are in kernels_avx2_matvec.cpp and kernels_avx2_gemm.cpp, the run-time
// table in kernels_avx2.cpp. Compiled for that target through a target region (see kernels_avx2.cpp), called only
// through the table after the CPUID check.
#include "cpu/kernels.h"

#if (defined(__x86_64__) || defined(__i386__)) && !defined(RWKV_CPU_PORTABLE_ONLY)
#include <immintrin.h>

#include <cstddef>
#include <cstdint>

namespace rwkv::cpu::avx2 {

#include "cpu/kernels_avx2_target_begin.h"  // AVX2 + FMA + F16C from here

using std::size_t;

namespace {
#include "cpu/kernels_avx2_helpers.h"  // inside the target region and the anonymous namespace (see there)

}  // namespace

// Spec §3.4.11 for N = 64, two rows m, m + 1 (value) at a time: sa = S_m·(-kk); S_m = S_m⊙decay + v_m k +
// sa (kk⊙a); y_m = S_m·r. Each dot product sums in two chains of 4 (the one-chain form waited on 8 dependent
// FMAs twice per row: ~90 cycles per row, measured, vs ~45 now); S rows are re-read from L1 instead of held.
void wkv7_step64(float* S, const float* r, const float* decay, const float* k, const float* v, const float* kk,
                 const float* a, float* y) {
    alignas(32) float b[64];
    for (int j = 0; j < 64; j += 8)
        _mm256_store_ps(b + j, _mm256_mul_ps(_mm256_loadu_ps(kk + j), _mm256_loadu_ps(a + j)));
    for (int m = 0; m < 64; m += 2) {
        float* r0 = S + size_t(m) * 64;
        float* r1 = r0 + 64;
        __m256 p0 = _mm256_setzero_ps(), p1 = p0, q0 = p0, q1 = p0;
#pragma GCC unroll 4
        for (int u = 0; u < 8; u += 2) {
            const __m256 k0 = _mm256_loadu_ps(kk + 8 * u), k1 = _mm256_loadu_ps(kk + 8 * u + 8);
            p0 = _mm256_fmadd_ps(_mm256_loadu_ps(r0 + 8 * u), k0, p0);
            p1 = _mm256_fmadd_ps(_mm256_loadu_ps(r0 + 8 * u + 8), k1, p1);
            q0 = _mm256_fmadd_ps(_mm256_loadu_ps(r1 + 8 * u), k0, q0);
            q1 = _mm256_fmadd_ps(_mm256_loadu_ps(r1 + 8 * u + 8), k1, q1);
        }
        const __m256 sa0 = _mm256_set1_ps(-hsum(_mm256_add_ps(p0, p1))), sa1 = _mm256_set1_ps(-hsum(_mm256_add_ps(q0, q1)));
        const __m256 v0 = _mm256_set1_ps(v[m]), v1 = _mm256_set1_ps(v[m + 1]);
        __m256 y00 = _mm256_setzero_ps(), y01 = y00, y10 = y00, y11 = y00;
#pragma GCC unroll 8
        for (int u = 0; u < 8; ++u) {
            const __m256 d = _mm256_loadu_ps(decay + 8 * u), kv = _mm256_loadu_ps(k + 8 * u), bb = _mm256_load_ps(b + 8 * u),
                         rr = _mm256_loadu_ps(r + 8 * u);
            __m256 t0 = _mm256_mul_ps(_mm256_loadu_ps(r0 + 8 * u), d);
            __m256 t1 = _mm256_mul_ps(_mm256_loadu_ps(r1 + 8 * u), d);
            t0 = _mm256_fmadd_ps(sa0, bb, _mm256_fmadd_ps(kv, v0, t0));
            t1 = _mm256_fmadd_ps(sa1, bb, _mm256_fmadd_ps(kv, v1, t1));
            _mm256_storeu_ps(r0 + 8 * u, t0);
            _mm256_storeu_ps(r1 + 8 * u, t1);
            if (u % 2 == 0) {
                y00 = _mm256_fmadd_ps(t0, rr, y00);
                y10 = _mm256_fmadd_ps(t1, rr, y10);
            } else {
                y01 = _mm256_fmadd_ps(t0, rr, y01);
                y11 = _mm256_fmadd_ps(t1, rr, y11);
            }
        }
        y[m] = hsum(_mm256_add_ps(y00, y01));
        y[m + 1] = hsum(_mm256_add_ps(y10, y11));
    }
}

// wkv7_step64 over T steps with the state transposed, St[j][m] = S[m][j], in a local buffer: every sum then
// runs down a column of 8 values of m in one vector (no horizontal sums, 8 independent chains). Per step:
// sa[m] = -sum_j St[j][m] kk[j]; St[j][m] = St[j][m]·decay[j] + k[j] v[m] + sa[m] kk[j] a[j];
// y[m] = sum_j St[j][m] r[j]. The m range in two halves of 32 (4 vectors each of v, sa, y in registers).
void wkv7_scan64(float* S, int T, size_t ld, const float* r, const float* decay, const float* k, const float* v,
                 const float* kk, const float* a, float* y) {
    alignas(32) float St[64 * 64];
    auto transpose64 = [](const float* src, float* dst) {
        for (int i = 0; i < 64; i += 8)
            for (int j = 0; j < 64; j += 8) {
                __m256 b[8];
                for (int u = 0; u < 8; ++u) b[u] = _mm256_loadu_ps(src + size_t(i + u) * 64 + size_t(j));
                transpose8(b);
                for (int u = 0; u < 8; ++u) _mm256_storeu_ps(dst + size_t(j + u) * 64 + size_t(i), b[u]);
            }
    };
    transpose64(S, St);
    alignas(32) float bq[64];
    for (int t = 0; t < T; ++t) {
        const size_t o = size_t(t) * ld;
        const float *rt = r + o, *dt = decay + o, *kt = k + o, *vt = v + o, *kkt = kk + o, *at = a + o;
        for (int j = 0; j < 64; j += 8)
            _mm256_store_ps(bq + j, _mm256_mul_ps(_mm256_loadu_ps(kkt + j), _mm256_loadu_ps(at + j)));
        __m256 sa[8];
#pragma GCC unroll 8
        for (int u = 0; u < 8; ++u) sa[u] = _mm256_setzero_ps();
        for (int j = 0; j < 64; ++j) {
            const __m256 kj = _mm256_broadcast_ss(kkt + j);
            const float* row = St + size_t(j) * 64;
#pragma GCC unroll 8
            for (int u = 0; u < 8; ++u) sa[u] = _mm256_fmadd_ps(_mm256_load_ps(row + 8 * u), kj, sa[u]);
        }
        alignas(32) float sam[64];
#pragma GCC unroll 8
        for (int u = 0; u < 8; ++u) _mm256_store_ps(sam + 8 * u, _mm256_sub_ps(_mm256_setzero_ps(), sa[u]));
        for (int h = 0; h < 64; h += 32) {
            __m256 vv[4], ss[4], yy[4];
#pragma GCC unroll 4
            for (int u = 0; u < 4; ++u) {
                vv[u] = _mm256_loadu_ps(vt + h + 8 * u);
                ss[u] = _mm256_load_ps(sam + h + 8 * u);
                yy[u] = _mm256_setzero_ps();
            }
            for (int j = 0; j < 64; ++j) {
                const __m256 dj = _mm256_broadcast_ss(dt + j), kj = _mm256_broadcast_ss(kt + j), bj = _mm256_broadcast_ss(bq + j),
                             rj = _mm256_broadcast_ss(rt + j);
                float* row = St + size_t(j) * 64 + h;
#pragma GCC unroll 4
                for (int u = 0; u < 4; ++u) {
                    __m256 s = _mm256_mul_ps(_mm256_load_ps(row + 8 * u), dj);
                    s = _mm256_fmadd_ps(ss[u], bj, _mm256_fmadd_ps(kj, vv[u], s));
                    _mm256_store_ps(row + 8 * u, s);
                    yy[u] = _mm256_fmadd_ps(s, rj, yy[u]);
                }
            }
#pragma GCC unroll 4
            for (int u = 0; u < 4; ++u) _mm256_storeu_ps(y + o + size_t(h + 8 * u), yy[u]);
        }
    }
    transpose64(St, S);
}

// exp in 8 lanes (Cephes expf: x = n·ln2 + r, degree-6 polynomial in r, 2^n through the exponent bits).
void exp_inplace(float* x, int n) {
    const __m256 hi = _mm256_set1_ps(88.3762626647949f), lo = _mm256_set1_ps(-87.3365447504f);
    const __m256 log2e = _mm256_set1_ps(1.44269504088896341f), c1 = _mm256_set1_ps(0.693359375f),
                 c2 = _mm256_set1_ps(-2.12194440e-4f), one = _mm256_set1_ps(1.0f);
    auto exp8 = [&](__m256 v) {
        v = _mm256_max_ps(_mm256_min_ps(v, hi), lo);
        const __m256 fx = _mm256_round_ps(_mm256_mul_ps(v, log2e), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
        const __m256 r = _mm256_fnmadd_ps(fx, c2, _mm256_fnmadd_ps(fx, c1, v));
        __m256 p = _mm256_set1_ps(1.9875691500E-4f);
        p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.3981999507E-3f));
        p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(8.3334519073E-3f));
        p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(4.1665795894E-2f));
        p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.6666665459E-1f));
        p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(5.0000001201E-1f));
        const __m256 y = _mm256_add_ps(_mm256_fmadd_ps(p, _mm256_mul_ps(r, r), r), one);
        const __m256i e = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(fx), _mm256_set1_epi32(127)), 23);
        return _mm256_mul_ps(y, _mm256_castsi256_ps(e));
    };
    int i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(x + i, exp8(_mm256_loadu_ps(x + i)));
    if (i < n) {
        alignas(32) float t[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        for (int j = i; j < n; ++j) t[j - i] = x[j];
        _mm256_store_ps(t, exp8(_mm256_load_ps(t)));
        for (int j = i; j < n; ++j) x[j] = t[j - i];
    }
}

static inline double hsum_pd(__m256d v) {
    __m128d s = _mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
    return _mm_cvtsd_f64(_mm_add_sd(s, _mm_unpackhi_pd(s, s)));
}

// cpu::layer_norm vectorised: mean and variance summed in double (4 lanes x 2 chains), the normalised value
// rounded to float, then ·w + b in float.
void layer_norm(const float* x, const float* w, const float* b, float* out, int n, float eps) {
    const int n8 = n & ~7;
    __m256d s0 = _mm256_setzero_pd(), s1 = s0;
    for (int i = 0; i < n8; i += 8) {
        const __m256 v = _mm256_loadu_ps(x + i);
        s0 = _mm256_add_pd(s0, _mm256_cvtps_pd(_mm256_castps256_ps128(v)));
        s1 = _mm256_add_pd(s1, _mm256_cvtps_pd(_mm256_extractf128_ps(v, 1)));
    }
    double mean = hsum_pd(_mm256_add_pd(s0, s1));
    for (int i = n8; i < n; ++i) mean += x[i];
    mean /= n;
    const __m256d mv = _mm256_set1_pd(mean);
    s0 = s1 = _mm256_setzero_pd();
    for (int i = 0; i < n8; i += 8) {
        const __m256 v = _mm256_loadu_ps(x + i);
        const __m256d d0 = _mm256_sub_pd(_mm256_cvtps_pd(_mm256_castps256_ps128(v)), mv);
        const __m256d d1 = _mm256_sub_pd(_mm256_cvtps_pd(_mm256_extractf128_ps(v, 1)), mv);
        s0 = _mm256_fmadd_pd(d0, d0, s0);
        s1 = _mm256_fmadd_pd(d1, d1, s1);
    }
    double var = hsum_pd(_mm256_add_pd(s0, s1));
    for (int i = n8; i < n; ++i) var += (x[i] - mean) * (x[i] - mean);
    var /= n;
    const double inv = 1.0 / _mm_cvtsd_f64(_mm_sqrt_sd(_mm_setzero_pd(), _mm_set_sd(var + eps)));
    const __m256d iv = _mm256_set1_pd(inv);
    for (int i = 0; i < n8; i += 8) {
        const __m256 v = _mm256_loadu_ps(x + i);
        const __m128 lo = _mm256_cvtpd_ps(_mm256_mul_pd(_mm256_sub_pd(_mm256_cvtps_pd(_mm256_castps256_ps128(v)), mv), iv));
        const __m128 hi = _mm256_cvtpd_ps(_mm256_mul_pd(_mm256_sub_pd(_mm256_cvtps_pd(_mm256_extractf128_ps(v, 1)), mv), iv));
        const __m256 nv = _mm256_insertf128_ps(_mm256_castps128_ps256(lo), hi, 1);
        _mm256_storeu_ps(out + i, _mm256_add_ps(_mm256_mul_ps(nv, _mm256_loadu_ps(w + i)), _mm256_loadu_ps(b + i)));
    }
    for (int i = n8; i < n; ++i) out[i] = float((x[i] - mean) * inv) * w[i] + b[i];
}

int relu2_compact(const float* h, int n, int base, int* idx, float* coef) {
    const int n8 = n & ~7;
    const __m256 zero = _mm256_setzero_ps();
    int j = 0;
    alignas(32) float sq[8];
    for (int i = 0; i < n8; i += 8) {
        const __m256 v = _mm256_loadu_ps(h + i);
        unsigned mask = unsigned(_mm256_movemask_ps(_mm256_cmp_ps(v, zero, _CMP_GT_OQ)));
        if (mask == 0) continue;
        _mm256_store_ps(sq, _mm256_mul_ps(v, v));  // read before any write below: in place is safe
        while (mask) {
            const int u = __builtin_ctz(mask);
            idx[j] = base + i + u;
            coef[j++] = sq[u];
            mask &= mask - 1;
        }
    }
    for (int i = n8; i < n; ++i) {
        const float a = h[i];
        if (a > 0.0f) {
            idx[j] = base + i;
            coef[j++] = a * a;
        }
    }
    return j;
}


#include "cpu/kernels_avx2_target_end.h"

}  // namespace rwkv::cpu::avx2

#endif
