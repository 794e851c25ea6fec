// kernels/cuda/decode_chain.cu — v22 (session 7): batch-1 decode stages in one persistent launch with a grid-wide
// barrier (decode_chain.h). out_key_chain_kernel<kI8>: grid = SMs x resident CTAs (2 of 512 threads per SM on
// the H200), each warp a worker that walks row groups (fp16: 2 rows x 4 chunks of 256 columns in flight per lane;
// int8: 4 rows x 2 chunks of 512 columns, the layout of matvec.cu v12), groups dealt round-robin over the CTAs:
//   1. before griddepcontrol.wait: the first weight round of the warp's first output-projection group, and the
//      FFN LayerNorm weights, x_k mix and token-shift state of the thread's channels (cp.async into shared memory);
//   2. x += Wo · yg (residual; v22d: 2-row groups split by columns over a pair of warps of one CTA, which add
//      their halves through shared memory, so that all workers are busy and each x load serves 2 rows);
//   3. the first weight round of the warp's first FFN-key group is issued BEFORE the grid barrier (the weights
//      do not depend on x, so the weight stream runs on through the barrier);
//   4. grid barrier (count + generation words, one arrival per CTA);
//   5. every CTA reads the whole x (16 KB from L2), computes the LayerNorm statistics itself and writes
//      xk = z + (shift - z) * x_k for all C channels into shared memory (CTA 0 also writes shift = z);
//   6. h = relu(Wk · xk)^2 with the active-neuron bitmask (matvec.cu v7).
// Replaces, per layer, the output matvec + ln_mix (channel mix) + FFN-key matvec launches of CudaModel.
// Co-residency: the barrier needs every CTA resident at once; the grid is the occupancy limit, and the launch
// carries the cooperative attribute (mode 2) or relies on the stream's order (mode 1: only one chain kernel in
// flight per device). Numbers: docs/perf-notes.md "v22+".
#include "common.cuh"
#include "decode_chain.h"

namespace rwkv::cuda_kernels {
namespace {

constexpr int kThreads = 512;
constexpr int kWarps = kThreads / 32;
constexpr int kMaxC = 4096;
constexpr std::size_t kSmem = std::size_t(5) * kMaxC * sizeof(float);  // xk, ln_w, ln_b, mix, shift

// A worker's row group: R rows x U chunks of 16 bytes per lane in flight (8 loads per lane), E weights per load.
template <bool kI8>
struct Elt {
    static constexpr int E = kI8 ? 16 : 8;  // weights per 16-byte load
    static constexpr int CW = 32 * E;       // columns per warp chunk
    static constexpr int ES = kI8 ? 1 : 2;  // bytes per weight
};

template <int R, int U>
struct Frag {
    uint4 a[U][R];
};

// Round of loads: rows w0 + r * stride (r < nrows; the others re-read row 0 and are never stored), columns
// base + u * CW below cend.
template <int R, int U, bool kI8>
__device__ __forceinline__ void load_round(const char* w0, int nrows, int stride, int base, int cend, Frag<R, U>& f) {
    using T = Elt<kI8>;
#pragma unroll
    for (int u = 0; u < U; ++u) {
        const int c = base + u * T::CW;
        if (c < cend) {
#pragma unroll
            for (int r = 0; r < R; ++r) {
                const int rr = r < nrows ? r : 0;
                f.a[u][r] = __ldcs(reinterpret_cast<const uint4*>(w0 + (std::size_t(rr) * stride + c) * T::ES));
            }
        }
    }
}

__device__ __forceinline__ float i8_at(unsigned u, unsigned sel) {
    return __int_as_float(int(__byte_perm(u, 0x4B000000u, sel))) - 8388736.0f;  // exact, as matvec.cu
}

template <bool kGlobal>
__device__ __forceinline__ float4 ldx(const float* x, int k) {
    if constexpr (kGlobal)
        return __ldg(reinterpret_cast<const float4*>(x) + k);  // written by the previous kernel: read-only here
    else
        return reinterpret_cast<const float4*>(x)[k];  // shared memory
}

// One 16-byte weight load · x[c..].
template <bool kI8, bool kGlobal>
__device__ __forceinline__ float dotw(const uint4& w, const float* x) {
    if constexpr (kI8) {
        const unsigned q[4] = {w.x ^ 0x80808080u, w.y ^ 0x80808080u, w.z ^ 0x80808080u, w.w ^ 0x80808080u};
        float s = 0.0f;
#pragma unroll
        for (int k = 0; k < 4; ++k) {
            const float4 xv = ldx<kGlobal>(x, k);
            s = fmaf(i8_at(q[k], 0x7440u), xv.x, s);
            s = fmaf(i8_at(q[k], 0x7441u), xv.y, s);
            s = fmaf(i8_at(q[k], 0x7442u), xv.z, s);
            s = fmaf(i8_at(q[k], 0x7443u), xv.w, s);
        }
        return s;
    } else {
        const __half2* h = reinterpret_cast<const __half2*>(&w);
        const float4 x0 = ldx<kGlobal>(x, 0), x1 = ldx<kGlobal>(x, 1);
        const float2 t0 = __half22float2(h[0]), t1 = __half22float2(h[1]), t2 = __half22float2(h[2]),
                     t3 = __half22float2(h[3]);
        float s = t0.x * x0.x;
        s = fmaf(t0.y, x0.y, s); s = fmaf(t1.x, x0.z, s); s = fmaf(t1.y, x0.w, s);
        s = fmaf(t2.x, x1.x, s); s = fmaf(t2.y, x1.y, s); s = fmaf(t3.x, x1.z, s); s = fmaf(t3.y, x1.w, s);
        return s;
    }
}

template <int R, int U, bool kI8, bool kGlobal>
__device__ __forceinline__ void fma_round(const Frag<R, U>& f, int base, int cend, const float* x, float (&acc)[R]) {
#pragma unroll
    for (int u = 0; u < U; ++u) {
        const int c = base + u * Elt<kI8>::CW;
        if (c < cend) {
#pragma unroll
            for (int r = 0; r < R; ++r) acc[r] += dotw<kI8, kGlobal>(f.a[u][r], x + c);
        }
    }
}

// The warp's dot products of one row group over columns [c0, c1); the first round is already in `f`.
template <int R, int U, bool kI8, bool kGlobal>
__device__ __forceinline__ void group_dot(const char* w0, int nrows, int stride, int c0, int c1, const float* x,
                                          Frag<R, U>& f, float (&acc)[R]) {
    constexpr int kStep = Elt<kI8>::CW * U;
    int base = c0 + (threadIdx.x & 31) * Elt<kI8>::E;
    fma_round<R, U, kI8, kGlobal>(f, base, c1, x, acc);
    for (base += kStep; base < c1; base += kStep) {
        load_round<R, U, kI8>(w0, nrows, stride, base, c1, f);
        fma_round<R, U, kI8, kGlobal>(f, base, c1, x, acc);
    }
#pragma unroll
    for (int r = 0; r < R; ++r) acc[r] = warp_sum(acc[r]);
}

template <int R>
__device__ __forceinline__ float pick(const float (&acc)[R], int lane) {
    float v = acc[0];
#pragma unroll
    for (int r = 1; r < R; ++r)
        if (lane == r) v = acc[r];
    return v;
}

__device__ __forceinline__ unsigned ld_acquire(const unsigned* p) {
    unsigned v;
    asm volatile("ld.acquire.gpu.global.u32 %0, [%1];" : "=r"(v) : "l"(p) : "memory");
    return v;
}

// Grid-wide barrier: bar[0] counts arrivals, bar[1] is the generation. Thread 0 of each CTA reads the generation
// before it arrives; the last arriver resets the count and bumps the generation; the others spin on it (acquire).
// Both words are consistent again after every barrier, so graph replays need no reset.
__device__ __forceinline__ void grid_barrier(unsigned* bar) {
    __syncthreads();
    if (threadIdx.x == 0) {
        const unsigned gen = ld_acquire(bar + 1);
        __threadfence();
        if (atomicAdd(bar, 1u) == gridDim.x - 1) {
            atomicExch(bar, 0u);
            __threadfence();
            atomicAdd(bar + 1, 1u);
        } else {
            while (ld_acquire(bar + 1) == gen) __nanosleep(32);
        }
        __threadfence();
    }
    __syncthreads();
}

__device__ __forceinline__ void cp_async16(void* smem, const void* gmem) {
    const unsigned s = static_cast<unsigned>(__cvta_generic_to_shared(smem));
    asm volatile("cp.async.cg.shared.global [%0], [%1], 16;" ::"r"(s), "l"(gmem) : "memory");
}

// L2 prefetch of `bytes` (multiple of 16, 16-byte aligned) at p (sm_90 bulk prefetch; no registers, no wait).
__device__ __forceinline__ void prefetch_l2(const char* p, unsigned bytes) {
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 900
    asm volatile("cp.async.bulk.prefetch.L2.global [%0], %1;" ::"l"(p), "r"(bytes) : "memory");
#endif
}

// The round after the first of a group, into L2: lane r < nrows prefetches row r's columns [c, min(c + n, cend)).
template <bool kI8>
__device__ __forceinline__ void prefetch_next_round(const char* w0, int nrows, int stride, int c, int n, int cend) {
    const int lane = threadIdx.x & 31, e = min(c + n, cend);
    if (lane < nrows && c < e)
        prefetch_l2(w0 + (std::size_t(lane) * stride + c) * Elt<kI8>::ES, unsigned(e - c) * Elt<kI8>::ES);
}

__device__ __forceinline__ void pair_sync(int id) { asm volatile("bar.sync %0, 64;" ::"r"(id) : "memory"); }

// Stage 2 groups: 2 rows x half the columns per warp (the two warps of a pair share a CTA and add their halves);
// stage 6 groups: fp16 2 rows x 4 chunks, int8 4 rows x 2 chunks per lane.
constexpr int kRa = 2, kUa = 4;
template <bool kI8> constexpr int kRb = kI8 ? 4 : 2;
template <bool kI8> constexpr int kUb = kI8 ? 2 : 4;

template <bool kI8>
__global__ void __launch_bounds__(kThreads, 2) out_key_chain_kernel(const __grid_constant__ OutKeyChainArgs a, int mode) {
    constexpr int RB = kRb<kI8>, UB = kUb<kI8>, ES = Elt<kI8>::ES, EE = Elt<kI8>::E;
    extern __shared__ float4 smem4[];
    __shared__ float red[32];
    __shared__ float part[kWarps / 2][kRa];
    const int C = a.C, F = a.F, C4 = C / 4, tid = threadIdx.x, lane = tid & 31, warp = tid >> 5;
    float4* xk4 = smem4;        // [C/4] the mixed FFN input
    float4* lw4 = xk4 + C4;     // LayerNorm weight, bias, x_k mix, token-shift state (cp.async)
    float4* lb4 = lw4 + C4;
    float4* mx4 = lb4 + C4;
    float4* pv4 = mx4 + C4;
    float4* shift4 = reinterpret_cast<float4*>(a.params->state + a.shift_offset);
    // 1. constants and the token-shift state (written only by this call site, at the previous token)
    for (int i = tid; i < C4; i += kThreads) {
        cp_async16(lw4 + i, reinterpret_cast<const float4*>(a.ln_w) + i);
        cp_async16(lb4 + i, reinterpret_cast<const float4*>(a.ln_b) + i);
        cp_async16(mx4 + i, reinterpret_cast<const float4*>(a.mix) + i);
        cp_async16(pv4 + i, shift4 + i);
    }
    asm volatile("cp.async.commit_group;" ::: "memory");
    // 2. x += Wo · yg: pairs of warps (same CTA) per 2-row group, warp-major over the CTAs
    {
        const int pw = warp >> 1, half = warp & 1, hc = C / 2;
        const int pslot = pw * int(gridDim.x) + int(blockIdx.x), pairs = int(gridDim.x) * (kWarps / 2);
        const int c0 = half * hc, c1 = c0 + hc;
        const char* Wo = static_cast<const char*>(a.Wo);
        const int groups = (C + kRa - 1) / kRa;
        Frag<kRa, kUa> fa;
        if (pslot < groups) {
            const char* w0 = Wo + std::size_t(pslot) * kRa * C * ES;
            load_round<kRa, kUa, kI8>(w0, min(kRa, C - pslot * kRa), C, c0 + lane * EE, c1, fa);
            if (mode == 5)  // the second round into L2 while the previous kernel runs
                prefetch_next_round<kI8>(w0, min(kRa, C - pslot * kRa), C, c0 + kUa * Elt<kI8>::CW, kUa * Elt<kI8>::CW, c1);
        }
        pdl_wait();
        for (int g = pslot; g < groups; g += pairs) {
            const int row0 = g * kRa, nrows = min(kRa, C - row0);
            const char* w0 = Wo + std::size_t(row0) * C * ES;
            if (g != pslot) load_round<kRa, kUa, kI8>(w0, nrows, C, c0 + lane * EE, c1, fa);
            float acc[kRa] = {};
            group_dot<kRa, kUa, kI8, true>(w0, nrows, C, c0, c1, a.yg, fa, acc);
            if (half == 1 && lane == 0) {
                part[pw][0] = acc[0];
                part[pw][1] = acc[1];
            }
            pair_sync(1 + pw);
            if (half == 0 && lane < nrows) {
                const int row = row0 + lane;
                float v = pick<kRa>(acc, lane) + part[pw][lane];
                if (a.Wo_s) v *= a.Wo_s[row];
                a.x[row] += v;
            }
            pair_sync(1 + pw);
        }
    }
    // 3. the FFN key's first weight round, before the barrier
    const int slot = warp * int(gridDim.x) + int(blockIdx.x), workers = int(gridDim.x) * kWarps;
    const char* Wk = static_cast<const char*>(a.Wk);
    const int kgroups = (F + RB - 1) / RB;
    Frag<RB, UB> f;
    if (mode != 3 && slot < kgroups) {
        const char* w0 = Wk + std::size_t(slot) * RB * C * ES;
        load_round<RB, UB, kI8>(w0, min(RB, F - slot * RB), C, lane * EE, C, f);
        if (mode >= 5)  // the second round into L2: the weight stream runs on through the barrier
            prefetch_next_round<kI8>(w0, min(RB, F - slot * RB), C, UB * Elt<kI8>::CW, UB * Elt<kI8>::CW, C);
    }
    asm volatile("cp.async.wait_all;" ::: "memory");  // every CTA's shift reads land before CTA 0 writes it
    // 4.
    grid_barrier(a.barrier);
    if (mode == 4) grid_barrier(a.barrier);  // measurement: the cost of one more barrier
    pdl_trigger();  // every CTA is resident now: the next kernel may launch and wait
    // 5. LayerNorm statistics of the whole x, recomputed per CTA (fp32, eps 1e-5)
    {
        constexpr int kV = kMaxC / 4 / kThreads;
        float4 xv[kV];
#pragma unroll
        for (int k = 0; k < kV; ++k) {
            const int i = tid + k * kThreads;
            xv[k] = i < C4 ? __ldcg(reinterpret_cast<const float4*>(a.x) + i) : make_float4(0.f, 0.f, 0.f, 0.f);
        }
        // one block reduction of (sum, sum of squares) of x - x[0] (the shift keeps the variance exact enough in fp32)
        const float x0 = __ldcg(a.x);
        float s = 0.0f, q = 0.0f;
#pragma unroll
        for (int k = 0; k < kV; ++k) {
            if (tid + k * kThreads < C4) {
                const float d0 = xv[k].x - x0, d1 = xv[k].y - x0, d2 = xv[k].z - x0, d3 = xv[k].w - x0;
                s += (d0 + d1) + (d2 + d3);
                q += (d0 * d0 + d1 * d1) + (d2 * d2 + d3 * d3);
            }
        }
        s = warp_sum(s);
        q = warp_sum(q);
        if (lane == 0) {
            red[warp] = s;
            red[16 + warp] = q;
        }
        __syncthreads();
        float ts = 0.0f, tq = 0.0f;
#pragma unroll
        for (int w = 0; w < kWarps; ++w) {
            ts += red[w];
            tq += red[16 + w];
        }
        const float ms = ts / float(C);
        const float mean = x0 + ms;
        const float inv = rsqrtf(fmaxf(tq / float(C) - ms * ms, 0.0f) + 1e-5f);
#pragma unroll
        for (int k = 0; k < kV; ++k) {
            const int i = tid + k * kThreads;
            if (i < C4) {
                const float4 w = lw4[i], b = lb4[i], m = mx4[i], p = pv4[i];
                float4 z;
                z.x = (xv[k].x - mean) * inv * w.x + b.x;
                z.y = (xv[k].y - mean) * inv * w.y + b.y;
                z.z = (xv[k].z - mean) * inv * w.z + b.z;
                z.w = (xv[k].w - mean) * inv * w.w + b.w;
                xk4[i] = make_float4(z.x + (p.x - z.x) * m.x, z.y + (p.y - z.y) * m.y, z.z + (p.z - z.z) * m.z,
                                     z.w + (p.w - z.w) * m.w);
                if (blockIdx.x == 0) shift4[i] = z;
            }
        }
        __syncthreads();
    }
    // 6. h = relu(Wk · xk)^2 + the active-neuron bits
    const float* xk = reinterpret_cast<const float*>(xk4);
    for (int g = slot; g < kgroups; g += workers) {
        const int row0 = g * RB, nrows = min(RB, F - row0);
        const char* w0 = Wk + std::size_t(row0) * C * ES;
        if (g != slot || mode == 3) load_round<RB, UB, kI8>(w0, nrows, C, lane * EE, C, f);
        float acc[RB] = {};
        group_dot<RB, UB, kI8, false>(w0, nrows, C, 0, C, xk, f, acc);
        bool nz = false;
        if (lane < nrows) {
            const int row = row0 + lane;
            float v = pick<RB>(acc, lane);
            if (a.Wk_s) v *= a.Wk_s[row];
            const float t = fmaxf(v, 0.0f);
            a.h[row] = t * t;
            nz = t * t != 0.0f;
        }
        if (a.mask) {
            const unsigned b = __ballot_sync(0xffffffffu, nz);
            if (lane == 0 && b != 0u) atomicOr(a.mask + (row0 >> 5), b << (row0 & 31));
        }
    }
}

// CTAs resident at once (SMs x occupancy at the largest shared-memory size), per device and instantiation.
template <bool kI8>
int chain_grid() {
    static int cache[64] = {};
    int dev = 0;
    if (cudaGetDevice(&dev) != cudaSuccess || dev < 0 || dev >= 64) return 0;
    if (cache[dev] > 0) return cache[dev];
    auto k = out_key_chain_kernel<kI8>;
    int sms = 0, per = 0;
    if (cudaFuncSetAttribute(k, cudaFuncAttributeMaxDynamicSharedMemorySize, int(kSmem)) != cudaSuccess ||
        cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, dev) != cudaSuccess ||
        cudaOccupancyMaxActiveBlocksPerMultiprocessor(&per, k, kThreads, kSmem) != cudaSuccess || sms * per <= 0) {
        cudaGetLastError();
        return 0;
    }
    cache[dev] = sms * per;
    return cache[dev];
}

int g_chain_mode = 2;

}  // namespace

bool decode_chain_fits(int C) { return C > 0 && C <= kMaxC && C % 32 == 0; }
void set_decode_chain_mode(int mode) { g_chain_mode = mode; }

cudaError_t launch_out_key_chain(const OutKeyChainArgs& a, cudaStream_t stream) {
    if (!decode_chain_fits(a.C) || a.F <= 0 || a.barrier == nullptr || a.params == nullptr) return cudaErrorInvalidValue;
    if ((a.Wo_s == nullptr) != (a.Wk_s == nullptr)) return cudaErrorInvalidValue;  // both int8 or both fp16
    const bool i8 = a.Wo_s != nullptr;
    const int grid = i8 ? chain_grid<true>() : chain_grid<false>();
    if (grid <= 0) return cudaErrorInvalidConfiguration;
    cudaLaunchConfig_t cfg = {};
    cfg.gridDim = dim3(unsigned(grid));
    cfg.blockDim = dim3(kThreads);
    cfg.dynamicSmemBytes = std::size_t(5) * a.C * sizeof(float);
    cfg.stream = stream;
    cudaLaunchAttribute attr[2];
    attr[0].id = cudaLaunchAttributeProgrammaticStreamSerialization;
    attr[0].val.programmaticStreamSerializationAllowed = pdl_enabled() ? 1 : 0;
    attr[1].id = cudaLaunchAttributeCooperative;
    attr[1].val.cooperative = (g_chain_mode == 1 || g_chain_mode >= 5) ? 0 : 1;
    cfg.attrs = attr;
    cfg.numAttrs = 2;
    const int mode = g_chain_mode;
    const cudaError_t e = i8 ? cudaLaunchKernelEx(&cfg, out_key_chain_kernel<true>, a, mode)
                             : cudaLaunchKernelEx(&cfg, out_key_chain_kernel<false>, a, mode);
    return e != cudaSuccess ? e : cudaGetLastError();
}

}  // namespace rwkv::cuda_kernels
