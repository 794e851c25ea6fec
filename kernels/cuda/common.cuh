// kernels/cuda/common.cuh — device helpers shared by the kernels in this folder: 8-element weight loads
// (fp16 as one 16-byte load, fp32 as two), warp/block reductions.
#pragma once

#include <cuda_fp16.h>
#include <cuda_runtime.h>

#include <utility>

#include "decode_b1.h"
#include "rwkv_kernels.h"

namespace rwkv::cuda_kernels {

// Eight consecutive weights from a 16-byte (fp16) or 32-byte (fp32) aligned address, streamed past L1
// (each weight is read once per token).
__device__ __forceinline__ void load8(const __half* p, float f[8]) {
    const uint4 u = __ldcs(reinterpret_cast<const uint4*>(p));
    const __half2* h = reinterpret_cast<const __half2*>(&u);
#pragma unroll
    for (int i = 0; i < 4; ++i) {
        const float2 t = __half22float2(h[i]);
        f[2 * i] = t.x;
        f[2 * i + 1] = t.y;
    }
}
__device__ __forceinline__ void load8(const float* p, float f[8]) {
    const float4 a = __ldcs(reinterpret_cast<const float4*>(p));
    const float4 b = __ldcs(reinterpret_cast<const float4*>(p) + 1);
    f[0] = a.x; f[1] = a.y; f[2] = a.z; f[3] = a.w;
    f[4] = b.x; f[5] = b.y; f[6] = b.z; f[7] = b.w;
}
__device__ __forceinline__ float to_f32(__half h) { return __half2float(h); }
__device__ __forceinline__ float to_f32(float f) { return f; }

// Sum over the warp (T = float or double: a fixed butterfly, the same result every run); every lane gets it.
template <typename T>
__device__ __forceinline__ T warp_sum(T v) {
#pragma unroll
    for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffffu, v, o);
    return v;
}

// v56 (i8tail bit 2): the warp sums of a 4-row group's four accumulators by one transposed butterfly: the xor-16 step
// exchanges two of the four values (lanes < 16 keep rows 0 and 1, the others rows 2 and 3), the xor-8 step one (lanes
// with bit 3 clear keep the first of their two rows), then xor 4, 2, 1 on the one value left: 6 shuffles instead of
// warp_sum's 20. Every lane adds its own value and its xor-partner's, as warp_sum does, so lane 8 * r ends with row r's
// sum bit-identical to warp_sum(acc_r) (fp32 addition is commutative).
__device__ __forceinline__ float warp_sum4t(float a0, float a1, float a2, float a3, int lane) {
    const bool hi = (lane & 16) != 0;
    const float k0 = hi ? a2 : a0, k1 = hi ? a3 : a1;  // kept
    const float p0 = k0 + __shfl_xor_sync(0xffffffffu, hi ? a0 : a2, 16);
    const float p1 = k1 + __shfl_xor_sync(0xffffffffu, hi ? a1 : a3, 16);
    const bool odd = (lane & 8) != 0;
    float v = (odd ? p1 : p0) + __shfl_xor_sync(0xffffffffu, odd ? p0 : p1, 8);
#pragma unroll
    for (int o = 4; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffffu, v, o);
    return v;  // row (lane >> 4) * 2 + ((lane >> 3) & 1)
}
// v75 (session 32): warp_sum4t's form for two values: the xor-16 step exchanges one of them (lanes < 16 keep a, the
// others b), then xor 8, 4, 2, 1 on the one value left: 5 shuffles instead of 10. Lanes < 16 end with warp_sum(a), the
// others with warp_sum(b), bit for bit (each lane adds its own value and its xor-partner's, as warp_sum does).
__device__ __forceinline__ float warp_sum2t(float a, float b, int lane) {
    const bool hi = (lane & 16) != 0;
    float v = (hi ? b : a) + __shfl_xor_sync(0xffffffffu, hi ? a : b, 16);
#pragma unroll
    for (int o = 8; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffffu, v, o);
    return v;  // lanes < 16: warp_sum(a); lanes >= 16: warp_sum(b)
}

// Sum over the block (blockDim.x a multiple of 32, <= 1024; T = float or double); every thread gets the result.
// `red` holds 32 values of T; the call ends with the buffer free for reuse.
template <typename T>
__device__ __forceinline__ T block_sum(T v, T* red) {
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5, nw = blockDim.x >> 5;
    v = warp_sum(v);
    if (lane == 0) red[warp] = v;
    __syncthreads();
    T t = lane < nw ? red[lane] : T(0);
    t = warp_sum(t);
    __syncthreads();
    return t;
}

// LayerNorm statistics (eps 1e-5, two-pass fp32) of v[0..C) in shared memory: mean and 1/sqrt(var + eps)
// for every thread of the block. `red` holds 32 floats.
__device__ __forceinline__ void ln_stats(const float* v, int C, float* red, float& mean, float& inv) {
    float s = 0.0f;
    for (int c = threadIdx.x; c < C; c += blockDim.x) s += v[c];
    mean = block_sum(s, red) / float(C);
    float q = 0.0f;
    for (int c = threadIdx.x; c < C; c += blockDim.x) {
        const float d = v[c] - mean;
        q += d * d;
    }
    inv = rsqrtf(block_sum(q, red) / float(C) + 1e-5f);
}

// v13 fused LayerNorm tail (kLnPlain, C <= kLnTailMaxC, C % 4 == 0), run by the one CTA of kThreads threads
// that finished a vector last (after a grid ticket and __threadfence): z = LN(x) (two-pass fp32 statistics,
// eps 1e-5, as ln_mix); out[m] = z + (prev - z) * mix[m] for the n_mix mixes and the token-shift state
// becomes z (n_mix == 0: out = z). x was written by other CTAs of this grid, so it is read past L1 (__ldcg)
// into registers (float4 per thread); the per-channel constants are loaded two float4 steps at a time.
// red: shared [32].
template <int kThreads>
__device__ __noinline__ void ln_mix_tail(const LnMixArgs& a, float* red) {
    constexpr int kV = kLnTailMaxC / 4 / kThreads;
    const int C = a.C, C4 = C / 4, tid = threadIdx.x;
    float4 xv[kV];
#pragma unroll
    for (int k = 0; k < kV; ++k) {
        const int i = tid + k * kThreads;
        xv[k] = i < C4 ? __ldcg(reinterpret_cast<const float4*>(a.x) + i) : make_float4(0.f, 0.f, 0.f, 0.f);
    }
    float s = 0.0f;
#pragma unroll
    for (int k = 0; k < kV; ++k) s += (xv[k].x + xv[k].y) + (xv[k].z + xv[k].w);
    const float mean = block_sum(s, red) / float(C);
    float q = 0.0f;
#pragma unroll
    for (int k = 0; k < kV; ++k) {
        if (tid + k * kThreads < C4) {
            const float d0 = xv[k].x - mean, d1 = xv[k].y - mean, d2 = xv[k].z - mean, d3 = xv[k].w - mean;
            q += (d0 * d0 + d1 * d1) + (d2 * d2 + d3 * d3);
        }
    }
    const float inv = rsqrtf(block_sum(q, red) / float(C) + 1e-5f);
    const float4* __restrict__ lw = reinterpret_cast<const float4*>(a.ln_w);
    const float4* __restrict__ lb = reinterpret_cast<const float4*>(a.ln_b);
    const float4* __restrict__ mix = reinterpret_cast<const float4*>(a.mix);
    float4* __restrict__ out = reinterpret_cast<float4*>(a.out);
    float4* __restrict__ shift = a.n_mix > 0 ? reinterpret_cast<float4*>(a.params->state + a.shift_offset) : nullptr;
    const int nm = a.n_mix;
#pragma unroll 2
    for (int k = 0; k < kV; ++k) {
        const int i = tid + k * kThreads;
        if (i >= C4) break;
        const float4 w = lw[i], b = lb[i];
        float4 z;
        z.x = (xv[k].x - mean) * inv * w.x + b.x;
        z.y = (xv[k].y - mean) * inv * w.y + b.y;
        z.z = (xv[k].z - mean) * inv * w.z + b.z;
        z.w = (xv[k].w - mean) * inv * w.w + b.w;
        if (nm == 0) {
            out[i] = z;
            continue;
        }
        const float4 p = shift[i];
        const float4 d = make_float4(p.x - z.x, p.y - z.y, p.z - z.z, p.w - z.w);
        float4 mv[6];
#pragma unroll
        for (int m = 0; m < 6; ++m)
            if (m < nm) mv[m] = mix[std::size_t(m) * C4 + i];
#pragma unroll
        for (int m = 0; m < 6; ++m)
            if (m < nm)
                out[std::size_t(m) * C4 + i] =
                    make_float4(z.x + d.x * mv[m].x, z.y + d.y * mv[m].y, z.z + d.z * mv[m].z, z.w + d.w * mv[m].w);
        shift[i] = z;
    }
}

// v46 (session 14): x / n without a division when n (>= 1) is a power of two 2^k: x * 2^-k with __fmul_rn (never
// contracted into an FMA). IEEE division and multiplication both return the exact real x * 2^-k rounded once to
// nearest-even (2^-k is exact for k <= 126), so the bits equal x / float(n) for every x, subnormal results, zeros,
// infinities included. Other n: the division. (The LayerNorm tails' statistics: docs/perf/cuda-decode.md v46+.)
__device__ __forceinline__ float div_exact(float x, int n) {
    return (n & (n - 1)) == 0 ? __fmul_rn(x, __int_as_float((127 - (__ffs(n) - 1)) << 23)) : x / float(n);
}

__device__ __forceinline__ float sigmoidf_(float x) { return 1.0f / (1.0f + expf(-x)); }

// v49's rounding of x to int16 per 16 columns (matvec_int8.cuh quantize_x16; v72: also its producer, wkv7_lora.cu), in
// three steps: the chunk's largest |x| by max_nan (exact and order-free; NaN wins), its power-of-two scale 2^(140 - E)
// and inverse 2^(E - 140) (E: the biased exponent of that maximum, so |x| * scale < 2^14; inv NaN when an x is not
// finite), and each x rounded to the nearest integer in a float's low mantissa bits (x * scale + 1.5 * 2^23 by one
// FFMA: two's complement in the low 16 bits, two of them packed by PRMT 0x5410).
__device__ __forceinline__ float max_nan(float a, float b) {
    float d;
    asm("max.NaN.f32 %0, %1, %2;" : "=f"(d) : "f"(a), "f"(b));
    return d;
}
struct Xq16Scale {
    float scale, inv;
};
__device__ __forceinline__ Xq16Scale xq16_scale(float mx) {
    const int E = max(__float_as_int(mx) >> 23, 14);  // mx >= 0 (or the canonical NaN 0x7fffffff): E <= 255
    return {__int_as_float((267 - E) << 23), E == 255 ? __int_as_float(0x7fffffff) : __int_as_float((E - 13) << 23)};
}
__device__ __forceinline__ unsigned xq16_round(float x, float scale) {
    return __float_as_uint(fmaf(x, scale, 12582912.0f));
}

// Programmatic Dependent Launch (sm_90): a kernel launched with launch_pdl may start while the previous
// kernel of the stream drains; it must call pdl_wait() before reading anything the previous kernels wrote
// and before writing anything they read (constant weights may be loaded before it). pdl_trigger() lets
// the next kernel launch early. Both are no-ops below sm_90 and without the launch attribute.
__device__ __forceinline__ void pdl_wait() {
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 900
    asm volatile("griddepcontrol.wait;" ::: "memory");
#endif
}
__device__ __forceinline__ void pdl_trigger() {
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 900
    asm volatile("griddepcontrol.launch_dependents;" ::: "memory");
#endif
}

bool pdl_enabled();

// v54 measurement (session 20, decode_b1.h set_b1_probe): per-CTA %globaltimer stamps of one launch. rec holds
// kProbeMaxCtas slots per field: [0, M) CTA start, [M, 2M) its main loop done, [2M, 3M) its end, [3M, 4M) its SM id,
// [4M, 8M) steps inside (decode_b1.h set_b1_probe).
// Written by thread 0 of CTAs below kProbeMaxCtas; the probe instantiations only (the shipping kernels never read rec).
__device__ __forceinline__ unsigned long long probe_ns() {
    unsigned long long t;
    asm volatile("mov.u64 %0, %%globaltimer;" : "=l"(t));
    return t;
}
__device__ __forceinline__ void probe_stamp(unsigned long long* rec, int field) {
    if (rec && threadIdx.x == 0 && blockIdx.x < unsigned(kProbeMaxCtas)) {
        rec[std::size_t(field) * kProbeMaxCtas + blockIdx.x] = probe_ns();
        if (field == 0) {
            unsigned sm;
            asm volatile("mov.u32 %0, %%smid;" : "=r"(sm));
            rec[3 * std::size_t(kProbeMaxCtas) + blockIdx.x] = sm;
        }
    }
}

// v63 measurement: %globaltimer once the loaded word `dep` is in its register — a predicated instruction on it (never
// taken: no weight word of the probed models is that NaN pattern's XOR) comes before the timer read in one asm block.
__device__ __forceinline__ unsigned long long probe_ns_after(unsigned dep) {
    unsigned long long t;
    asm volatile(
        "{\n\t.reg .pred p;\n\tsetp.eq.u32 p, %1, 0x7fc0fadeU;\n\t@p nanosleep.u32 1;\n\t"
        "mov.u64 %0, %%globaltimer;\n\t}"
        : "=l"(t)
        : "r"(dep)
        : "memory");
    return t;
}
// v63: probe_stamp once `dep` is in (probe_ns_after).
__device__ __forceinline__ void probe_stamp_after(unsigned long long* rec, int field, unsigned dep) {
    if (rec && threadIdx.x == 0 && blockIdx.x < unsigned(kProbeMaxCtas))
        rec[std::size_t(field) * kProbeMaxCtas + blockIdx.x] = probe_ns_after(dep);
}

template <typename... KArgs, typename... Args>
cudaError_t launch_pdl(void (*kernel)(KArgs...), dim3 grid, dim3 block, std::size_t smem, cudaStream_t stream,
                       Args&&... args) {
    cudaLaunchConfig_t cfg = {};
    cfg.gridDim = grid;
    cfg.blockDim = block;
    cfg.dynamicSmemBytes = smem;
    cfg.stream = stream;
    cudaLaunchAttribute attr[1];
    attr[0].id = cudaLaunchAttributeProgrammaticStreamSerialization;
    attr[0].val.programmaticStreamSerializationAllowed = pdl_enabled() ? 1 : 0;
    cfg.attrs = attr;
    cfg.numAttrs = 1;
    const cudaError_t e = cudaLaunchKernelEx(&cfg, kernel, std::forward<Args>(args)...);
    return e != cudaSuccess ? e : cudaGetLastError();
}

}  // namespace rwkv::cuda_kernels
