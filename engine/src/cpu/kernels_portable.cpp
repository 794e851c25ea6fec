// Portable C++ versions of the fast-path kernels (kernels.h) and the run-time choice between them and AVX2.
// Same contracts and accumulation in fp32; used on CPUs without AVX2/FMA/F16C and as a cross-check in tests.
#include <cstdlib>
#include <cstring>
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
    case DType::I8: return n + std::size_t(rows) * 4;
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
    case DType::I8: return float(static_cast<const std::int8_t*>(m.data)[i]) * m.scale[r];
    default: return 0.0f;
    }
}

void matvec(const QMatrix& m, const float* x, float* y, int r0, int r1) {
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

void axpy_rows(const QMatrix& m, const int* idx, const float* coef, int n, float* y, int c0, int c1) {
    for (int k = 0; k < n; ++k)
        for (int c = c0; c < c1; ++c) y[c] += coef[k] * element(m, std::size_t(idx[k]), std::size_t(c));
}

void gemm(const QMatrix& m, bool transposed, const float* X, int T, int ldx, float* Y, int ldy, int n0, int n1,
          bool acc, float* /*pack*/) {
    const int K = transposed ? m.rows : m.cols;
    for (int t = 0; t < T; ++t) {
        for (int n = n0; n < n1; ++n) {
            float s = 0;
            for (int k = 0; k < K; ++k)
                s += X[std::size_t(t) * ldx + k] *
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

const Kernels kPortable{"portable", matvec, axpy_rows, gemm, wkv7_step64};

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
