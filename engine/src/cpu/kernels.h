// CPU fast-path kernels over weights kept in their stored form (fp32, fp16, bf16, int8 + per-row scales):
// matrix-vector (decode), sparse row accumulation (FFN value, spec §9.4), GEMM over tokens (prefill, spec §4)
// and the WKV-7 step. One implementation per instruction set, chosen once at run time (kernels()).
#pragma once

#include <cstddef>
#include <cstdint>

#include "rwkv/dtype.h"

namespace rwkv::cpu {

/// A row-major matrix [rows, cols] in stored form. dtype F32, F16, BF16 or I8; for I8 element (r, c) is
/// data[r*cols + c] * scale[r]. Data need not be aligned.
struct QMatrix {
    DType dtype = DType::F32;
    int rows = 0, cols = 0;
    const void* data = nullptr;
    const float* scale = nullptr;  // I8 only: [rows]
    std::size_t bytes() const noexcept;
};

/// GEMM output panel width (columns per packed panel) and depth block.
inline constexpr int kPanel = 16;
inline constexpr int kDepth = 256;

struct Kernels {
    const char* name;  // "avx2" or "portable"
    /// y[r] = sum_c M(r, c) * x[c] for r in [r0, r1).
    void (*matvec)(const QMatrix& m, const float* x, float* y, int r0, int r1);
    /// y[c] += sum_k coef[k] * M(idx[k], c) for c in [c0, c1): the rows of active FFN neurons.
    void (*axpy_rows)(const QMatrix& m, const int* idx, const float* coef, int n, float* y, int c0, int c1);
    /// Y[t][n] (+)= sum_k X[t][k] * W(n, k) for t < T and output columns n in [n0, n1) (n0 a multiple of kPanel),
    /// where W(n, k) = M(n, k), or M(k, n) when `transposed` (M stored [in, out]). `acc` adds to Y instead of
    /// overwriting. `pack` is scratch of kPanel*kDepth floats.
    void (*gemm)(const QMatrix& m, bool transposed, const float* X, int T, int ldx, float* Y, int ldy, int n0,
                 int n1, bool acc, float* pack);
    /// One WKV-7 step of one head (as cpu::wkv7_step in cpu_ops.h, N = 64 only).
    void (*wkv7_step64)(float* S, const float* r, const float* decay, const float* k, const float* v,
                        const float* kk, const float* a, float* y);
};

/// The best kernels this CPU supports (AVX2+FMA+F16C, else portable C++). Set RWKV_CPU_KERNELS=portable to
/// force the fallback.
const Kernels& kernels();
const Kernels& portable_kernels();
/// nullptr when the CPU lacks AVX2/FMA/F16C.
const Kernels* avx2_kernels();

}  // namespace rwkv::cpu
