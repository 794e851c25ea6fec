// CPU fast-path kernels over weights kept in their stored form (fp32, fp16, bf16, int8 + fp16 per-group scales):
// matrix-vector (decode), sparse row accumulation (FFN value, spec §9.4), GEMM over tokens (prefill, spec §4)
// and the WKV-7 step. One implementation per instruction set, chosen once at run time (kernels()).
#pragma once

#include <cstddef>
#include <cstdint>

#include "rwkv/dtype.h"

namespace rwkv::cpu {

/// int8 weights have one scale per group of kI8Group consecutive elements of a row (along the input dimension of a
/// matrix applied as M·x); the last group of a row may be shorter. The scales are stored as fp16 (2 bytes per 64
/// weights instead of 4: −3 % of the bytes an int8 decode step reads); the weights are rounded against the stored
/// scale (fast_weights.cpp), so the error per weight is still at most half a step.
inline constexpr int kI8Group = 64;

/// A row-major matrix [rows, cols] in stored form. dtype F32, F16, BF16 or I8; for I8 element (r, c) is
/// data[r*cols + c] * f16_to_f32(scale[r * groups() + c / kI8Group]). Data need not be aligned.
struct QMatrix {
    DType dtype = DType::F32;
    int rows = 0, cols = 0;
    const void* data = nullptr;
    const std::uint16_t* scale = nullptr;  // I8 only: [rows, groups()], fp16 bits
    int groups() const noexcept { return (cols + kI8Group - 1) / kI8Group; }
    std::size_t bytes() const noexcept;
};

/// GEMM output panel width (columns per packed panel) and depth block.
inline constexpr int kPanel = 16;
/// Longest row an I8 matvec takes (the activation quantisation buffer lives on the stack).
inline constexpr int kMaxI8Cols = 32768;
inline constexpr int kDepth = 256;
/// Floats of GEMM scratch for T rows of X: a packed weight panel, the packed rows of X and (I8) the rounded
/// activations.
inline constexpr std::size_t gemm_scratch_floats(int T) {
    return std::size_t(kPanel) * kDepth + 2 * std::size_t(T + 8) * kDepth;
}

/// Token shift folded into a GEMM's input (spec §3.4.2-3): row t of the input is z[t] + (z[t-1] - z[t])·mu,
/// where z is the GEMM's X and z[-1] = prev (the state's last row of the previous block).
struct ShiftMix {
    const float* mu;    // [K]
    const float* prev;  // [K]
};

struct Kernels {
    const char* name;  // "avx2" or "portable"
    /// y[r] = sum_c M(r, c) * x[c] for r in [r0, r1). For I8, x is first quantised like the weights (int8, one
    /// scale max|x_g|/127 per group, round to nearest even) and each group's dot product is exact in int32:
    /// y[r] = sum_g scale_w(r, g) * scale_x(g) * sum_{c in g} q_w(r, c) q_x(c) (every implementation alike).
    /// I8 needs cols <= kMaxI8Cols (load_fast_weights checks it).
    void (*matvec)(const QMatrix& m, const float* x, float* y, int r0, int r1);
    /// y[c] += sum_k coef[k] * M(idx[k], c) for c in [c0, c1): the rows of active FFN neurons.
    void (*axpy_rows)(const QMatrix& m, const int* idx, const float* coef, int n, float* y, int c0, int c1);
    /// Y[t][n] (+)= sum_k X[t][k] * W(n, k) for t < T and output columns n in [n0, n1) (n0 a multiple of kPanel),
    /// where W(n, k) = M(n, k), or M(k, n) when `transposed` (M stored [in, out]). `acc` adds to Y instead of
    /// overwriting. `pack` is scratch of gemm_scratch_floats(T) floats. For I8 not transposed, each row of X is
    /// first rounded to its int8 grid exactly as matvec quantises x, so prefill computes what decode computes
    /// (transposed I8, the FFN value rows, takes X as it is, like axpy_rows). `mix` (may be null) replaces each
    /// row of X by its token-shift mix before anything else (ShiftMix).
    void (*gemm)(const QMatrix& m, bool transposed, const float* X, int T, int ldx, float* Y, int ldy, int n0,
                 int n1, bool acc, float* pack, const ShiftMix* mix);
    /// gemm (not transposed, Y overwritten) followed by ReLU² with the list of active neurons of each row's slice
    /// [n0, n1) (prefill's FFN key, spec §3.5): for t < T, count[t] = the number of columns n in [n0, n1) with
    /// Y(t, n) > 0 and, for j < count[t] in increasing n, idx[t·ldy + n0 + j] = n and Y[t·ldy + n0 + j] = Y(t, n)²
    /// (the rest of the slice is left undefined). Equal to gemm then relu2_compact on each row's slice; idx has
    /// Y's layout ([T, ldy] ints).
    void (*gemm_relu2)(const QMatrix& m, const float* X, int T, int ldx, float* Y, int ldy, int n0, int n1,
                       float* pack, const ShiftMix* mix, int* idx, int* count);
    /// One WKV-7 step of one head (as cpu::wkv7_step in cpu_ops.h, N = 64 only).
    void (*wkv7_step64)(float* S, const float* r, const float* decay, const float* k, const float* v,
                        const float* kk, const float* a, float* y);
    /// T consecutive WKV-7 steps of one head (prefill): step t reads r, decay, k, v, kk, a at offset t·ld and
    /// writes y there; S as in wkv7_step64 (same math; AVX2 keeps S transposed in a local buffer for the scan, so
    /// its sums run in another order than wkv7_step64's).
    void (*wkv7_scan64)(float* S, int T, std::size_t ld, const float* r, const float* decay, const float* k,
                        const float* v, const float* kk, const float* a, float* y);
    /// x[i] = exp(x[i]) for i < n (prefill's element-wise time mix). AVX2: within 2 ulp of expf for
    /// x in [-87.3, 88.3], clamped to that range outside it; portable: expf.
    void (*exp_inplace)(float* x, int n);
    /// LayerNorm of n floats (as cpu::layer_norm: mean and variance in double; out may be x).
    void (*layer_norm)(const float* x, const float* w, const float* b, float* out, int n, float eps);
    /// ReLU² with the list of active neurons: for i < n with h[i] > 0, in increasing i, idx[j] = base + i and
    /// coef[j] = h[i]²; returns how many. coef may be h (compacted in place).
    int (*relu2_compact)(const float* h, int n, int base, int* idx, float* coef);
    /// matvec for n inputs (batched decode): Y[i·ldy + r] = sum_c M(r, c) * X[i·ldx + c] for i < n, r in [r0, r1),
    /// each equal bit for bit to matvec(m, X + i·ldx, Y + i·ldy, r0, r1) where cols is a multiple of 8 (every matrix
    /// of the supported shapes; a scalar tail may be contracted differently). AVX2 (fp32, fp16, bf16) loads and
    /// converts each weight once for all n inputs; int8 and the portable set run matvec per input.
    void (*matvec_n)(const QMatrix& m, const float* X, int n, int ldx, float* Y, int ldy, int r0, int r1);
};

/// The best kernels this CPU supports (AVX2+FMA+F16C, else portable C++; the AVX2 set runs its GEMM micro-kernel in
/// 512-bit registers where AVX-512F is present, with identical results). Set RWKV_CPU_KERNELS=portable to force the
/// fallback.
const Kernels& kernels();
const Kernels& portable_kernels();
/// nullptr when the CPU lacks AVX2/FMA/F16C.
const Kernels* avx2_kernels();
/// The AVX2 set's 6 x 16 GEMM micro-kernels on one pair of packed tiles, for the test that they agree bit for bit
/// (tests/engine/test_cpu_fast.cpp). A: 2 packed tiles of kc x 6 floats (tile 1 at A + 6 kc); B: a packed panel of
/// kc x 16; each C: 12 x 16 floats (row stride 16), added to when acc. c_ymm gets the 256-bit kernel on each tile,
/// c_zmm the 512-bit one on each tile, c_zmm2 the 512-bit two-tile kernel. Returns false, leaving every C untouched,
/// unless the CPU has AVX2/FMA/F16C and AVX-512F.
bool gemm_microkernels_for_test(const float* A, const float* B, int kc, bool acc, float* c_ymm, float* c_zmm,
                                float* c_zmm2);

}  // namespace rwkv::cpu
