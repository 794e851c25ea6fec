// kernels/cuda/mma_m16n8k16.cuh — the tensor-core pieces shared by the small steps' kernels: one mma.sync m16n8k16
// (fp16 in, fp32 accumulate) and int8 → fp16 exactly. Used by matvec_rows_mma.cu (v82, the nn.Linear products) and
// sparse_ffn_batch_mma.cu (v84, the sparse FFN value). Fragment layout (PTX ISA, "mma.m16n8k16"): lane (g, t) with
// g = lane / 4, t = lane % 4 holds A rows g / g + 8 at K columns 2t, 2t + 1 (a0 / a1) and 2t + 8, 2t + 9 (a2 / a3), B at
// K rows 2t, 2t + 1 (b0) and 2t + 8, 2t + 9 (b1) of N column g, and D rows g / g + 8 at N columns 2t, 2t + 1; each
// 32-bit register holds two fp16, the lower K index (or N column for D's pairs) in the low half.
#pragma once

#include <cuda_fp16.h>

namespace rwkv::cuda_kernels {
namespace {

// D = A·B + D for one m16n8k16 tile (d: rows g / g + 8, N-columns 2t and 2t + 1). sm_80 and later
// (CudaModel::mma_rows() is 0 on older devices; a build for them traps here if called anyway).
__device__ __forceinline__ void mma16816(float (&d)[4], unsigned a0, unsigned a1, unsigned a2, unsigned a3, unsigned b0,
                                         unsigned b1) {
#if !defined(__CUDA_ARCH__) || __CUDA_ARCH__ >= 800
    asm volatile(
        "mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};"
        : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
        : "r"(a0), "r"(a1), "r"(a2), "r"(a3), "r"(b0), "r"(b1));
#else
    __trap();
#endif
}

// Two fp16 pairs made of the bytes of `p` already biased by 128 (the signed int8 XOR 0x80): {p0, p1} and {p2, p3},
// exactly — the byte under the exponent of 1024 (0x64XX = 1024 + u), minus 1152.
__device__ __forceinline__ void biased_u8x4_to_half2x2(unsigned p, unsigned& lo, unsigned& hi) {
    unsigned pl = __byte_perm(p, 0x64646464u, 0x4140u), ph = __byte_perm(p, 0x64646464u, 0x4342u);
    const __half2 bias = __half2half2(__ushort_as_half(0x6480));  // 1152
    const __half2 l = __hsub2(*reinterpret_cast<const __half2*>(&pl), bias);
    const __half2 h = __hsub2(*reinterpret_cast<const __half2*>(&ph), bias);
    lo = *reinterpret_cast<const unsigned*>(&l);
    hi = *reinterpret_cast<const unsigned*>(&h);
}

// Four int8 weights (one 32-bit word, bytes b0..b3) as two fp16 pairs {b0, b1}, {b2, b3}, exactly.
__device__ __forceinline__ void i8x4_to_half2x2(unsigned w, unsigned& lo, unsigned& hi) {
    biased_u8x4_to_half2x2(w ^ 0x80808080u, lo, hi);
}

}  // namespace
}  // namespace rwkv::cuda_kernels
