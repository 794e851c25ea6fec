// Portable C++ versions of the fast-path kernels (kernels.h) and the run-time choice between them and AVX2.
// Same contracts and accumulation in fp32; used on CPUs without AVX2/FMA/F16C and as a cross-check in tests.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string_view>

#include "cpu/cpu_ops.h"
#include "cpu/kernels.h"

namespace rwkv::cpu {

std::size_t QMatrix::bytes() const noexcept {
    const std::size_t n = std::size_t(rows) * std::size_t(cols);
    switch (dtype) {
    case DType::F32: return n * 4;
    case DType::F16:
    case DType::BF16: return n * 2;
    case DType::I8: return n + std::size_t(rows) * std::size_t(groups()) * 2;
    default: return 0;
    }
}

namespace {

inline float element(const QMatrix& m, std::size_t r, std::size_t c) {
    const std::size_t i = r * std::size_t(m.cols) + c;
    switch (m.dtype) {
    case DType::F32: {
        float f;
        std::memcpy(&f, static_cast<const std::byte*>(m.data) + 4 * i, 4);
        return f;
    }
    case DType::F16: {
        std::uint16_t h;
        std::memcpy(&h, static_cast<const std::byte*>(m.data) + 2 * i, 2);
        return f16_to_f32(h);
    }
    case DType::BF16: {
        std::uint16_t h;
        std::memcpy(&h, static_cast<const std::byte*>(m.data) + 2 * i, 2);
        return bf16_to_f32(h);
    }
    case DType::I8: return float(static_cast<const std::int8_t*>(m.data)[i]) * f16_to_f32(m.scale[r * std::size_t(m.groups()) + c / kI8Group]);
    default: return 0.0f;
    }
}

// int8 x int8 matvec (kernels.h): x quantised per group, exact int32 group sums, fp16 weight scale per group.
void matvec_i8(const QMatrix& m, const float* x, float* y, int r0, int r1) {
    const int C = m.cols, G = m.groups();
    std::int8_t qx[kMaxI8Cols];
    float sx[kMaxI8Cols / kI8Group];
    for (int g = 0; g < G; ++g) {
        const int c0 = g * kI8Group, c1 = std::min(C, c0 + kI8Group);
        float mx = 0;
        bool finite = true;
        for (int c = c0; c < c1; ++c) {
            const float a = std::fabs(x[c]);
            finite = finite && a <= std::numeric_limits<float>::max();  // false for NaN and infinity
            mx = std::max(mx, a);
        }
        if (!finite) {
            // A NaN or infinite activation has no int8 value (casting NaN to an integer is undefined behaviour: UBSan
            // aborted CI's sanitizer step). The group's scale is NaN instead and its values 0, so every row's sum is
            // NaN, as in the fp32 matvec, and the logits' check downstream still fires.
            sx[g] = std::numeric_limits<float>::quiet_NaN();
            for (int c = c0; c < c1; ++c) qx[c] = 0;
            continue;
        }
        const float inv = mx > 0 ? 127.0f / mx : 0.0f;
        sx[g] = mx / 127.0f;
        for (int c = c0; c < c1; ++c) qx[c] = std::int8_t(std::nearbyint(x[c] * inv));
    }
    const auto* q = static_cast<const std::int8_t*>(m.data);
    for (int r = r0; r < r1; ++r) {
        const std::int8_t* row = q + std::size_t(r) * std::size_t(C);
        const std::uint16_t* sw = m.scale + std::size_t(r) * std::size_t(G);
        float s = 0;
        for (int g = 0; g < G; ++g) {
            const int c0 = g * kI8Group, c1 = std::min(C, c0 + kI8Group);
            std::int32_t dot = 0;
            for (int c = c0; c < c1; ++c) dot += std::int32_t(row[c]) * std::int32_t(qx[c]);
            s += float(dot) * (f16_to_f32(sw[g]) * sx[g]);
        }
        y[r] = s;
    }
}

void matvec(const QMatrix& m, const float* x, float* y, int r0, int r1) {
    if (m.dtype == DType::I8) return matvec_i8(m, x, y, r0, r1);
    for (int r = r0; r < r1; ++r) {
        float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        int c = 0;
        for (; c + 8 <= m.cols; c += 8)
            for (int u = 0; u < 8; ++u) acc[u] += element(m, std::size_t(r), std::size_t(c + u)) * x[c + u];
        float s = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
        for (; c < m.cols; ++c) s += element(m, std::size_t(r), std::size_t(c)) * x[c];
        y[r] = s;
    }
}

void matvec_n(const QMatrix& m, const float* X, int n, int ldx, float* Y, int ldy, int r0, int r1) {
    for (int i = 0; i < n; ++i) matvec(m, X + std::size_t(i) * std::size_t(ldx), Y + std::size_t(i) * std::size_t(ldy), r0, r1);
}

void axpy_rows(const QMatrix& m, const int* idx, const float* coef, int n, float* y, int c0, int c1) {
    for (int k = 0; k < n; ++k)
        for (int c = c0; c < c1; ++c) y[c] += coef[k] * element(m, std::size_t(idx[k]), std::size_t(c));
}

// x rounded to its int8 grid per group (matvec_i8's quantisation, dequantised again).
void round_to_i8_grid(const float* x, int len, float* out) {
    for (int c0 = 0; c0 < len; c0 += kI8Group) {
        const int c1 = std::min(len, c0 + kI8Group);
        float mx = 0;
        for (int c = c0; c < c1; ++c) mx = std::max(mx, std::fabs(x[c]));
        const float inv = mx > 0 ? 127.0f / mx : 0.0f, s = mx / 127.0f;
        for (int c = c0; c < c1; ++c) out[c] = std::nearbyint(x[c] * inv) * s;
    }
}

void gemm(const QMatrix& m, bool transposed, const float* X, int T, int ldx, float* Y, int ldy, int n0, int n1,
          bool acc, float* scratch, const ShiftMix* mix) {
    const int K = transposed ? m.rows : m.cols;
    for (int t = 0; t < T; ++t) {
        const float* xt = X + std::size_t(t) * ldx;
        if (mix) {
            const float* p = t == 0 ? mix->prev : xt - ldx;
            for (int k = 0; k < K; ++k) scratch[k] = xt[k] + (p[k] - xt[k]) * mix->mu[k];
            xt = scratch;
        }
        if (m.dtype == DType::I8 && !transposed) {
            round_to_i8_grid(xt, K, scratch);
            xt = scratch;
        }
        for (int n = n0; n < n1; ++n) {
            float s = 0;
            for (int k = 0; k < K; ++k)
                s += xt[k] *
                     (transposed ? element(m, std::size_t(k), std::size_t(n)) : element(m, std::size_t(n), std::size_t(k)));
            float& out = Y[std::size_t(t) * ldy + n];
            out = acc ? out + s : s;
        }
    }
}

void wkv7_step64(float* S, const float* r, const float* decay, const float* k, const float* v, const float* kk,
                 const float* a, float* y) {
    cpu::wkv7_step(S, r, decay, k, v, kk, a, y, 64);
}

void wkv7_scan64(float* S, int T, std::size_t ld, const float* r, const float* decay, const float* k, const float* v,
                 const float* kk, const float* a, float* y) {
    for (int t = 0; t < T; ++t) {
        const std::size_t o = std::size_t(t) * ld;
        cpu::wkv7_step(S, r + o, decay + o, k + o, v + o, kk + o, a + o, y + o, 64);
    }
}

void exp_inplace(float* x, int n) {
    for (int i = 0; i < n; ++i) x[i] = std::exp(x[i]);
}

int relu2_compact(const float* h, int n, int base, int* idx, float* coef) {
    int j = 0;
    for (int i = 0; i < n; ++i) {
        const float a = h[i];
        if (a > 0.0f) {
            idx[j] = base + i;
            coef[j++] = a * a;
        }
    }
    return j;
}

void gemm_relu2(const QMatrix& m, const float* X, int T, int ldx, float* Y, int ldy, int n0, int n1, float* scratch,
                const ShiftMix* mix, int* idx, int* count) {
    gemm(m, false, X, T, ldx, Y, ldy, n0, n1, false, scratch, mix);
    for (int t = 0; t < T; ++t) {
        float* y = Y + std::size_t(t) * ldy + n0;
        count[t] = relu2_compact(y, n1 - n0, n0, idx + std::size_t(t) * ldy + n0, y);
    }
}

const Kernels kPortable{"portable", matvec, axpy_rows, gemm, gemm_relu2, wkv7_step64, wkv7_scan64, exp_inplace, cpu::layer_norm, relu2_compact,
                         matvec_n};

}  // namespace

const Kernels& portable_kernels() { return kPortable; }

const Kernels& kernels() {
    static const Kernels* chosen = [] {
        const char* env = std::getenv("RWKV_CPU_KERNELS");
        if (env != nullptr && std::string_view(env) == "portable") return &kPortable;
        const Kernels* k = avx2_kernels();
        return k != nullptr ? k : &kPortable;
    }();
    return *chosen;
}

}  // namespace rwkv::cpu
