// kernels/cuda/wkv7_rows.cu — the time mix between the projections and the output projection for R rows
// (chunked prefill and batched decode; rwkv_kernels.h "rows"), in three kernels:
//   * wkv_prep_kernel: row-parallel decay / in-context rate / removal key / key modulation / value residual
//     (spec §3.4.5-10), packed per (row, head) as six 64-vectors so that one step of the scan reads 1.5 KB
//     contiguous;
//   * wkv_scan_kernel: the sequential WKV-7 recurrence (spec §3.4.11, §4.1) over each sequence's T tokens.
//     The update of state row m needs only row m (sa[m] = S[m]·p, y[m] = S[m]·r), so the rows are spread:
//     4 threads per row, each owning 16 columns (float4 chunks q, q+4, q+8, q+12), 2 CTAs of 32 rows per
//     head; sa and y are summed over the 4 threads with two shuffles. The step inputs are staged with
//     cp.async in stages of 8 steps, double-buffered; the state is read once and written once per call;
//   * wkv_post_kernel: GroupNorm (eps 64e-5) + bonus + gate per (row, head), output in AT for the output GEMM.
// Batched decode (T = 1) runs wkv_decode_rows_kernel instead (v16e, 2026-11-29: prep + one scan step + post per (head,
// sequence), every input loaded with the state before the first barrier; H200 7.2B B=256 −0.67 ms per step against
// the three kernels; the same kernel with the loads after the barriers, v16c, lost 1.4 ms); challengers: the three
// kernels with wkv_scan_t1_kernel (v16b, 1-step stages) or the 8-step scan. fp16-state option of batched decode (half
// the state bytes, fp32 arithmetic): wkv_decode_rows_h2r_kernel (v18d, default: two sequences per CTA, 2 rows x 8
// columns per thread; H200 7.2B B=256 WKV 3.40 ms, B=1024 13.5 ms) against the one-sequence kHalf form of
// wkv_decode_rows_kernel (v18, 3.93 ms). Dropped after measuring (perf-notes v18b/v18c, git history): 1 row x 16
// columns with two sequences per CTA (v18b, 3.56 / 14.4 ms in the same run as v18d) and the state staged in shared
// memory with cp.async (v18c, no gain).
// Live variants: v2 (2026-11-29; v1 had the step loop rolled: one warp per scheduler could not hide the
// shuffle latency, 0.34 us per step at T=1024 on H200). The sequential scan is spec §4.1's form (what Albatross runs); the
// chunked algebra of §4.3 is the next step if the scan shows up in the profile. Challenger: none.
#include "common.cuh"

namespace rwkv::cuda_kernels {
namespace {

constexpr int N = 64;
constexpr int kPack = 6 * N;  // floats per (row, head) in P
constexpr int kThreads = 256;
constexpr int kStageSteps = 8;  // scan steps per shared-memory stage (prefill)
constexpr int kScanT1Blocks = 8;  // resident CTAs per SM asked of the T = 1 scan (register cap 64)

__device__ __forceinline__ void store_at(__half* p, float v) { *p = __float2half_rn(v); }
__device__ __forceinline__ void store_at(float* p, float v) { *p = v; }

// Sum over the 64 threads of one head inside a 256-thread CTA (heads = warp pairs). `red` holds 8 floats
// and must not be reused before the next __syncthreads.
__device__ __forceinline__ float head_pair_sum(float v, float* red) {
    const int warp = threadIdx.x >> 5;
    v = warp_sum(v);
    if ((threadIdx.x & 31) == 0) red[warp] = v;
    __syncthreads();
    return red[warp & ~1] + red[warp | 1];
}

__global__ void __launch_bounds__(kThreads) wkv_prep_kernel(const __grid_constant__ WkvPrepArgs a) {
    __shared__ float red[8];
    const int C = a.C, H = C / N, row = blockIdx.y;
    const int c = blockIdx.x * kThreads + threadIdx.x;
    const bool own = c < C;
    const std::size_t o = std::size_t(row) * C + (own ? c : 0);
    const float k = own ? a.k[o] : 0.0f;
    float kk = own ? k * a.k_k[c] : 0.0f;
    const float ss = head_pair_sum(kk * kk, red);
    if (!own) return;
    kk *= 1.0f / fmaxf(sqrtf(ss), 1e-12f);
    const float decay = expf(-0.606531f * sigmoidf_(a.w0[c] + a.dw[o]));
    const float alpha = sigmoidf_(a.a0[c] + a.da[o]);
    const float kmod = k * (1.0f + (alpha - 1.0f) * a.k_a[c]);
    float v = a.v[o];
    if (a.layer == 0) {
        a.v_first[o] = v;
    } else {
        v += (a.v_first[o] - v) * sigmoidf_(a.v0[c] + a.dv[o]);
    }
    float* p = a.P + (std::size_t(row) * H + c / N) * kPack + (c % N);
    p[0] = decay;
    p[N] = -kk;
    p[2 * N] = kk * alpha;
    p[3 * N] = kmod;
    p[4 * N] = a.r[o];
    p[5 * N] = v;
}

__device__ __forceinline__ void cp_async16(void* smem, const void* gmem) {
    const unsigned sa = static_cast<unsigned>(__cvta_generic_to_shared(smem));
    asm volatile("cp.async.cg.shared.global [%0], [%1], 16;" ::"r"(sa), "l"(gmem) : "memory");
}
__device__ __forceinline__ void cp_async_commit() { asm volatile("cp.async.commit_group;" ::: "memory"); }
template <int kPending>
__device__ __forceinline__ void cp_async_wait() {
    asm volatile("cp.async.wait_group %0;" ::"n"(kPending) : "memory");
}

__device__ __forceinline__ void ld4(const float* p, float* d) {
    const float4 t = *reinterpret_cast<const float4*>(p);
    d[0] = t.x; d[1] = t.y; d[2] = t.z; d[3] = t.w;
}

// Thread (row m, quarter q) owns 16 columns of state row m in chunks of kW consecutive columns, chunk c at column
// 4*kW*c + kW*q: kW = 4 (fp32 state, four 16-byte chunks per thread) or 8 (v18 fp16 state, two 16-byte chunks).
template <int kW = 4>
__device__ __forceinline__ void scan_step(const float* p, float (&S)[16], int q, int m, float* yo) {
    float w[16], pa[16], pb[16], pk[16], pr[16];
#pragma unroll
    for (int i = 0; i < 4; ++i) {
        const int j = 4 * kW * ((4 * i) / kW) + kW * q + (4 * i) % kW;
        ld4(p + j, w + 4 * i);
        ld4(p + N + j, pa + 4 * i);
        ld4(p + 2 * N + j, pb + 4 * i);
        ld4(p + 3 * N + j, pk + 4 * i);
        ld4(p + 4 * N + j, pr + 4 * i);
    }
    const float v = p[5 * N + m];
    float c0 = 0.0f, c1 = 0.0f, c2 = 0.0f, c3 = 0.0f;
#pragma unroll
    for (int j = 0; j < 16; j += 4) {
        c0 = fmaf(S[j], pa[j], c0);
        c1 = fmaf(S[j + 1], pa[j + 1], c1);
        c2 = fmaf(S[j + 2], pa[j + 2], c2);
        c3 = fmaf(S[j + 3], pa[j + 3], c3);
    }
    float sa = (c0 + c1) + (c2 + c3);
    sa += __shfl_xor_sync(0xffffffffu, sa, 1);
    sa += __shfl_xor_sync(0xffffffffu, sa, 2);
    float y0 = 0.0f, y1 = 0.0f, y2 = 0.0f, y3 = 0.0f;
#pragma unroll
    for (int j = 0; j < 16; j += 4) {
        S[j] = fmaf(S[j], w[j], fmaf(pk[j], v, sa * pb[j]));
        S[j + 1] = fmaf(S[j + 1], w[j + 1], fmaf(pk[j + 1], v, sa * pb[j + 1]));
        S[j + 2] = fmaf(S[j + 2], w[j + 2], fmaf(pk[j + 2], v, sa * pb[j + 2]));
        S[j + 3] = fmaf(S[j + 3], w[j + 3], fmaf(pk[j + 3], v, sa * pb[j + 3]));
        y0 = fmaf(S[j], pr[j], y0);
        y1 = fmaf(S[j + 1], pr[j + 1], y1);
        y2 = fmaf(S[j + 2], pr[j + 2], y2);
        y3 = fmaf(S[j + 3], pr[j + 3], y3);
    }
    float y = (y0 + y1) + (y2 + y3);
    y += __shfl_xor_sync(0xffffffffu, y, 1);
    y += __shfl_xor_sync(0xffffffffu, y, 2);
    if (q == 0) *yo = y;
}

// grid (2H, S), 128 threads: thread (row m = 32*half + tid/4, quarter q = tid%4) owns S[m][16i + 4q + e].
// kStage steps per stage; batched decode (T = 1) takes kStage = 1 (v16: 3 KB of shared memory instead of 24 KB,
// so that 16 CTAs instead of 9 fit an SM and more state loads are in flight).
template <int kStage>
__device__ __forceinline__ void wkv_scan_body(const WkvScanArgs& a) {
    __shared__ __align__(16) float buf[2][kStage * kPack];
    const int C = a.g.C, T = a.g.T, H = C / N;
    const int h = blockIdx.x >> 1, s = blockIdx.y;
    const int tid = threadIdx.x, q = tid & 3, m = (blockIdx.x & 1) * 32 + (tid >> 2);
    float* St = a.g.states[s] + a.wkv_offset + (std::size_t(h) * N + m) * N;
    float S[16];
#pragma unroll
    for (int i = 0; i < 4; ++i) ld4(St + 16 * i + 4 * q, S + 4 * i);

    const float* P0 = a.P + (std::size_t(s) * T * H + h) * kPack;  // step t at P0 + t*H*kPack
    const std::size_t step_stride = std::size_t(H) * kPack;
    const int stages = (T + kStage - 1) / kStage;
    auto issue = [&](int stage) {
        const int t0 = stage * kStage, n = min(kStage, T - t0);
        float* dst = buf[stage & 1];
        for (int idx = tid; idx < n * (kPack / 4); idx += 128) {
            const int st = idx / (kPack / 4), f4 = idx % (kPack / 4);
            cp_async16(dst + st * kPack + f4 * 4, P0 + std::size_t(t0 + st) * step_stride + f4 * 4);
        }
        cp_async_commit();
    };
    issue(0);
    float* yout = a.y + std::size_t(s) * T * C + h * N + m;
    for (int stage = 0; stage < stages; ++stage) {
        if (stage + 1 < stages) {
            issue(stage + 1);
            cp_async_wait<1>();
        } else {
            cp_async_wait<0>();
        }
        __syncthreads();
        const float* B = buf[stage & 1];
        const int t0 = stage * kStage, n = min(kStage, T - t0);
        // One step: sa = S·a (4 partial chains, two shuffles), S = S*w + k v + sa b, y = S·r. The y reduction
        // is off the recurrence's critical path: with the 8 steps of a full stage unrolled the compiler
        // overlaps it (and the next step's shared-memory loads) with the next step's sa chain (v2).
        if (n == kStage) {
#pragma unroll
            for (int st = 0; st < kStage; ++st) scan_step(B + st * kPack, S, q, m, yout + std::size_t(t0 + st) * C);
        } else {
            for (int st = 0; st < n; ++st) scan_step(B + st * kPack, S, q, m, yout + std::size_t(t0 + st) * C);
        }
        __syncthreads();  // every thread is done with this buffer before it is refilled
    }
#pragma unroll
    for (int i = 0; i < 4; ++i)
        *reinterpret_cast<float4*>(St + 16 * i + 4 * q) = make_float4(S[4 * i], S[4 * i + 1], S[4 * i + 2], S[4 * i + 3]);
}
__global__ void __launch_bounds__(128) wkv_scan_kernel(const __grid_constant__ WkvScanArgs a) {
    wkv_scan_body<kStageSteps>(a);
}
__global__ void __launch_bounds__(128, kScanT1Blocks) wkv_scan_t1_kernel(const __grid_constant__ WkvScanArgs a) {
    wkv_scan_body<1>(a);
}

template <typename AT>
__global__ void __launch_bounds__(kThreads) wkv_post_kernel(const __grid_constant__ WkvPostArgs a) {
    __shared__ float red0[8], red1[8], red2[8];
    const int C = a.C, H = C / N, row = blockIdx.y;
    const int c = blockIdx.x * kThreads + threadIdx.x;
    const bool own = c < C;
    const std::size_t o = std::size_t(row) * C + (own ? c : 0);
    const float* p = a.P + (std::size_t(row) * H + (own ? c : 0) / N) * kPack + (own ? c : 0) % N;
    const float y = own ? a.y[o] : 0.0f;
    const float r = own ? p[4 * N] : 0.0f, kmod = own ? p[3 * N] : 0.0f, v = own ? p[5 * N] : 0.0f;
    const float mean = head_pair_sum(y, red0) / float(N);
    const float beta = head_pair_sum(own ? r * kmod * a.r_k[c] : 0.0f, red1);
    const float d = y - mean;
    const float var = head_pair_sum(d * d, red2) / float(N);
    if (!own) return;
    const float yn = d * rsqrtf(var + 64e-5f) * a.lnx_w[c] + a.lnx_b[c];
    store_at(static_cast<AT*>(a.out) + o, (yn + beta * v) * a.g[o]);
}

// v16 T = 1: prep + scan + post per (head, sequence), grid (H, S), 256 threads: thread (row m = tid/4,
// quarter q = tid%4) owns S[m][16i + 4q + e] as in the scan; threads 0..63 (warps 0, 1) run the per-channel
// prep and post of channel h*64 + tid.
// v18 (kHalf): the state is fp16 at states16[s] + wkv16_offset; thread (m, q) owns columns 8q..8q+7 and
// 32+8q..32+8q+7 (two 16-byte loads; scan_step<8>); the arithmetic is fp32 as in the fp32 form.
template <typename AT, bool kStream, bool kHalf>
__global__ void __launch_bounds__(256, 4) wkv_decode_rows_kernel(const __grid_constant__ WkvDecodeRowsArgs a) {
    __shared__ __align__(16) float P[kPack];
    __shared__ float ys[N];
    __shared__ float red[8];
    const int C = a.g.C, h = blockIdx.x, s = blockIdx.y;
    const int tid = threadIdx.x, q = tid & 3, m = tid >> 2;
    float* St = kHalf ? nullptr : a.g.states[s] + a.wkv_offset + (std::size_t(h) * N + m) * N;
    __half* St16 = kHalf ? reinterpret_cast<__half*>(a.states16[s]) + a.wkv16_offset + (std::size_t(h) * N + m) * N
                         : nullptr;
    float S[16];
    if constexpr (kHalf) {
#pragma unroll
        for (int c = 0; c < 2; ++c) {
            const uint4 t = *reinterpret_cast<const uint4*>(St16 + 32 * c + 8 * q);
            const __half2* h2 = reinterpret_cast<const __half2*>(&t);
#pragma unroll
            for (int e = 0; e < 4; ++e) {
                const float2 f = __half22float2(h2[e]);
                S[8 * c + 2 * e] = f.x;
                S[8 * c + 2 * e + 1] = f.y;
            }
        }
    } else {
#pragma unroll
        for (int i = 0; i < 4; ++i) {  // v16g knob: the state streamed past L2's normal policy (read once, written once)
            const float4* p = reinterpret_cast<const float4*>(St + 16 * i + 4 * q);
            const float4 t = kStream ? __ldcs(p) : *p;
            S[4 * i] = t.x; S[4 * i + 1] = t.y; S[4 * i + 2] = t.z; S[4 * i + 3] = t.w;
        }
    }
    // v16c': every input of prep and post is loaded here, with the state, before the first barrier (one memory
    // round trip per CTA instead of three)
    const bool chan = tid < N;
    const int c = h * N + (chan ? tid : 0);
    const std::size_t o = std::size_t(s) * C + c;
    float k = 0.0f, r = 0.0f, v = 0.0f, dw = 0.0f, da = 0.0f, dv = 0.0f, vf = 0.0f, dg = 0.0f;
    float k_k = 0.0f, w0 = 0.0f, a0 = 0.0f, k_a = 0.0f, v0 = 0.0f, r_k = 0.0f, lw = 0.0f, lb = 0.0f;
    if (chan) {
        k = a.k[o];
        r = a.r[o];
        v = a.v[o];
        dw = a.dw[o];
        da = a.da[o];
        dg = a.dg[o];
        if (a.layer > 0) {
            dv = a.dv[o];
            vf = a.v_first[o];
            v0 = a.v0[c];
        }
        k_k = a.k_k[c];
        w0 = a.w0[c];
        a0 = a.a0[c];
        k_a = a.k_a[c];
        r_k = a.r_k[c];
        lw = a.lnx_w[c];
        lb = a.lnx_b[c];
    }
    float kk = k * k_k;
    const float ss = head_pair_sum(kk * kk, red);  // warps 0 + 1 (the others add zeros into unused slots)
    float kmod = 0.0f;
    if (chan) {
        kk *= 1.0f / fmaxf(sqrtf(ss), 1e-12f);
        const float decay = expf(-0.606531f * sigmoidf_(w0 + dw));
        const float alpha = sigmoidf_(a0 + da);
        kmod = k * (1.0f + (alpha - 1.0f) * k_a);
        if (a.layer == 0) a.v_first[o] = v;
        else v += (vf - v) * sigmoidf_(v0 + dv);
        P[tid] = decay;
        P[N + tid] = -kk;
        P[2 * N + tid] = kk * alpha;
        P[3 * N + tid] = kmod;
        P[4 * N + tid] = r;
        P[5 * N + tid] = v;
    }
    __syncthreads();
    if constexpr (kHalf) {
        scan_step<8>(P, S, q, m, ys + m);
#pragma unroll
        for (int c = 0; c < 2; ++c) {
            uint4 t;
            __half2* h2 = reinterpret_cast<__half2*>(&t);
#pragma unroll
            for (int e = 0; e < 4; ++e) h2[e] = __floats2half2_rn(S[8 * c + 2 * e], S[8 * c + 2 * e + 1]);
            *reinterpret_cast<uint4*>(St16 + 32 * c + 8 * q) = t;
        }
    } else {
        scan_step<4>(P, S, q, m, ys + m);
#pragma unroll
        for (int i = 0; i < 4; ++i) {
            float4* p = reinterpret_cast<float4*>(St + 16 * i + 4 * q);
            const float4 t = make_float4(S[4 * i], S[4 * i + 1], S[4 * i + 2], S[4 * i + 3]);
            if (kStream) __stcs(p, t);
            else *p = t;
        }
    }
    __syncthreads();
    const float y = chan ? ys[tid] : 0.0f;
    const float mean = head_pair_sum(y, red) / float(N);
    __syncthreads();
    const float beta = head_pair_sum(r * kmod * r_k, red);
    __syncthreads();
    const float d = y - mean;
    const float var = head_pair_sum(chan ? d * d : 0.0f, red) / float(N);
    if (!chan) return;
    const float yn = d * rsqrtf(var + 64e-5f) * lw + lb;
    store_at(static_cast<AT*>(a.out) + o, (yn + beta * v) * dg);
}

// fp16 <-> fp32 of 16 state bytes (8 fp16 or 4 fp32 elements).
template <typename ST>
__device__ __forceinline__ void st_to_float(const uint4& t, float* d) {
    if constexpr (sizeof(ST) == 2) {
        const __half2* h2 = reinterpret_cast<const __half2*>(&t);
#pragma unroll
        for (int e = 0; e < 4; ++e) {
            const float2 f = __half22float2(h2[e]);
            d[2 * e] = f.x;
            d[2 * e + 1] = f.y;
        }
    } else {
        d[0] = __uint_as_float(t.x); d[1] = __uint_as_float(t.y); d[2] = __uint_as_float(t.z); d[3] = __uint_as_float(t.w);
    }
}
template <typename ST>
__device__ __forceinline__ uint4 float_to_st(const float* d) {
    uint4 t;
    if constexpr (sizeof(ST) == 2) {
        __half2* h2 = reinterpret_cast<__half2*>(&t);
#pragma unroll
        for (int e = 0; e < 4; ++e) h2[e] = __floats2half2_rn(d[2 * e], d[2 * e + 1]);
    } else {
        t = make_uint4(__float_as_uint(d[0]), __float_as_uint(d[1]), __float_as_uint(d[2]), __float_as_uint(d[3]));
    }
    return t;
}

// v18d fp16 state: two sequences per CTA (same head), grid (H, ceil(S/2)), 256 threads. Both sequences' fp16 state
// rows are loaded first (4 x 16 bytes per thread in flight, as many as the fp32 form; v18, one sequence per CTA, kept
// half of that in flight and read the state at ~52% of copy bandwidth). Warps 0-1 run the per-channel prep and post
// of the first sequence, warps 2-3 those of the second; the scan runs both steps one after the other. Thread (row
// pair p = tid/8, column group g = tid%8) owns rows p and p + 32, columns 8g..8g+7: ncu on v18b (1 row x 16 columns
// per thread; H200 7.2B B=256) read L1/shared 81% busy, DRAM 58%, every thread issuing 20 16-byte shared loads of
// step vectors per sequence; here the 8 columns' vectors serve two rows (10 loads) for 3 shuffles per dot product
// (8 threads per row) instead of 2.
__device__ __forceinline__ float sum8(float v) {
    v += __shfl_xor_sync(0xffffffffu, v, 1);
    v += __shfl_xor_sync(0xffffffffu, v, 2);
    v += __shfl_xor_sync(0xffffffffu, v, 4);
    return v;
}

template <typename AT>
__global__ void __launch_bounds__(256, 4) wkv_decode_rows_h2r_kernel(const __grid_constant__ WkvDecodeRowsArgs a) {
    __shared__ __align__(16) float P[2][kPack];
    __shared__ float ys[2][N];
    __shared__ float red[8];
    const int C = a.g.C, h = blockIdx.x, s0 = 2 * blockIdx.y;
    const bool two = s0 + 1 < a.g.S;
    const int tid = threadIdx.x, g = tid & 7, rp = tid >> 3;  // rows rp and rp + 32, columns 8g..8g+7
    const std::size_t off = std::size_t(a.wkv16_offset) + std::size_t(h) * N * N + std::size_t(rp) * N + 8 * g;
    __half* St[2] = {reinterpret_cast<__half*>(a.states16[s0]) + off,
                     two ? reinterpret_cast<__half*>(a.states16[s0 + 1]) + off : nullptr};
    uint4 raw[2][2];
    raw[0][0] = *reinterpret_cast<const uint4*>(St[0]);
    raw[0][1] = *reinterpret_cast<const uint4*>(St[0] + 32 * N);
    if (two) {
        raw[1][0] = *reinterpret_cast<const uint4*>(St[1]);
        raw[1][1] = *reinterpret_cast<const uint4*>(St[1] + 32 * N);
    }
    const int j = (tid >> 6) & 1;
    const bool chan = tid < 2 * N && (j == 0 || two);
    const int c = h * N + (tid & (N - 1));
    const std::size_t o = std::size_t(s0 + (chan ? j : 0)) * C + c;
    float k = 0.0f, r = 0.0f, v = 0.0f, dw = 0.0f, da = 0.0f, dv = 0.0f, vf = 0.0f, dg = 0.0f;
    float k_k = 0.0f, w0 = 0.0f, a0 = 0.0f, k_a = 0.0f, v0 = 0.0f, r_k = 0.0f, lw = 0.0f, lb = 0.0f;
    if (chan) {
        k = a.k[o];
        r = a.r[o];
        v = a.v[o];
        dw = a.dw[o];
        da = a.da[o];
        dg = a.dg[o];
        if (a.layer > 0) {
            dv = a.dv[o];
            vf = a.v_first[o];
            v0 = a.v0[c];
        }
        k_k = a.k_k[c];
        w0 = a.w0[c];
        a0 = a.a0[c];
        k_a = a.k_a[c];
        r_k = a.r_k[c];
        lw = a.lnx_w[c];
        lb = a.lnx_b[c];
    }
    float kk = k * k_k;
    const float ss = head_pair_sum(kk * kk, red);
    float kmod = 0.0f;
    if (chan) {
        kk *= 1.0f / fmaxf(sqrtf(ss), 1e-12f);
        const float decay = expf(-0.606531f * sigmoidf_(w0 + dw));
        const float alpha = sigmoidf_(a0 + da);
        kmod = k * (1.0f + (alpha - 1.0f) * k_a);
        if (a.layer == 0) a.v_first[o] = v;
        else v += (vf - v) * sigmoidf_(v0 + dv);
        float* p = P[j];
        const int t = tid & (N - 1);
        p[t] = decay;
        p[N + t] = -kk;
        p[2 * N + t] = kk * alpha;
        p[3 * N + t] = kmod;
        p[4 * N + t] = r;
        p[5 * N + t] = v;
    }
    __syncthreads();
#pragma unroll
    for (int sq = 0; sq < 2; ++sq) {
        if (sq == 1 && !two) break;
        const float* p = P[sq];
        float S0[8], S1[8], pa[8];
        st_to_float<__half>(raw[sq][0], S0);
        st_to_float<__half>(raw[sq][1], S1);
        ld4(p + N + 8 * g, pa);
        ld4(p + N + 8 * g + 4, pa + 4);
        float a0s = 0.0f, a1s = 0.0f, b0s = 0.0f, b1s = 0.0f;
#pragma unroll
        for (int e = 0; e < 8; e += 2) {
            a0s = fmaf(S0[e], pa[e], a0s);
            b0s = fmaf(S0[e + 1], pa[e + 1], b0s);
            a1s = fmaf(S1[e], pa[e], a1s);
            b1s = fmaf(S1[e + 1], pa[e + 1], b1s);
        }
        const float sa0 = sum8(a0s + b0s), sa1 = sum8(a1s + b1s);
        float w[8], pb[8], pk[8];
        ld4(p + 8 * g, w);
        ld4(p + 8 * g + 4, w + 4);
        ld4(p + 2 * N + 8 * g, pb);
        ld4(p + 2 * N + 8 * g + 4, pb + 4);
        ld4(p + 3 * N + 8 * g, pk);
        ld4(p + 3 * N + 8 * g + 4, pk + 4);
        const float v0r = p[5 * N + rp], v1r = p[5 * N + rp + 32];
#pragma unroll
        for (int e = 0; e < 8; ++e) {
            S0[e] = fmaf(S0[e], w[e], fmaf(pk[e], v0r, sa0 * pb[e]));
            S1[e] = fmaf(S1[e], w[e], fmaf(pk[e], v1r, sa1 * pb[e]));
        }
        *reinterpret_cast<uint4*>(St[sq]) = float_to_st<__half>(S0);
        *reinterpret_cast<uint4*>(St[sq] + 32 * N) = float_to_st<__half>(S1);
        float pr[8];
        ld4(p + 4 * N + 8 * g, pr);
        ld4(p + 4 * N + 8 * g + 4, pr + 4);
        float y0 = 0.0f, y1 = 0.0f, z0 = 0.0f, z1 = 0.0f;
#pragma unroll
        for (int e = 0; e < 8; e += 2) {
            y0 = fmaf(S0[e], pr[e], y0);
            z0 = fmaf(S0[e + 1], pr[e + 1], z0);
            y1 = fmaf(S1[e], pr[e], y1);
            z1 = fmaf(S1[e + 1], pr[e + 1], z1);
        }
        y0 = sum8(y0 + z0);
        y1 = sum8(y1 + z1);
        if (g == 0) {
            ys[sq][rp] = y0;
            ys[sq][rp + 32] = y1;
        }
    }
    __syncthreads();
    const float y = chan ? ys[j][tid & (N - 1)] : 0.0f;
    const float mean = head_pair_sum(y, red) / float(N);
    __syncthreads();
    const float beta = head_pair_sum(r * kmod * r_k, red);
    __syncthreads();
    const float d = y - mean;
    const float var = head_pair_sum(chan ? d * d : 0.0f, red) / float(N);
    if (!chan) return;
    const float yn = d * rsqrtf(var + 64e-5f) * lw + lb;
    store_at(static_cast<AT*>(a.out) + o, (yn + beta * v) * dg);
}

bool g_scan_t1 = true;
bool g_wkv_stream = false;
bool g_wkv_rows2 = true;
bool scan_t1() { return g_scan_t1; }

}  // namespace

void set_wkv_scan_t1(bool on) { g_scan_t1 = on; }
void set_wkv_stream(bool on) { g_wkv_stream = on; }
void set_wkv_rows2(bool on) { g_wkv_rows2 = on; }

cudaError_t launch_wkv_prep(const WkvPrepArgs& a, cudaStream_t stream) {
    if (a.C % N != 0 || a.R <= 0) return cudaErrorInvalidValue;
    wkv_prep_kernel<<<dim3((a.C + kThreads - 1) / kThreads, a.R), kThreads, 0, stream>>>(a);
    return cudaGetLastError();
}

cudaError_t launch_wkv_scan(const WkvScanArgs& a, cudaStream_t stream) {
    if (a.g.C % N != 0 || a.g.S <= 0 || a.g.T <= 0) return cudaErrorInvalidValue;
    if (a.g.T == 1 && scan_t1()) wkv_scan_t1_kernel<<<dim3(2 * (a.g.C / N), a.g.S), 128, 0, stream>>>(a);
    else wkv_scan_kernel<<<dim3(2 * (a.g.C / N), a.g.S), 128, 0, stream>>>(a);
    return cudaGetLastError();
}

cudaError_t launch_wkv_decode_rows(const WkvDecodeRowsArgs& a, WType wt, cudaStream_t stream) {
    if (a.g.C % N != 0 || a.g.S <= 0 || a.g.T != 1) return cudaErrorInvalidValue;
    const dim3 grid(a.g.C / N, a.g.S);
    if (a.states16 != nullptr && g_wkv_rows2) {
        const dim3 grid2(a.g.C / N, (a.g.S + 1) / 2);
        if (wt == WType::F16) wkv_decode_rows_h2r_kernel<__half><<<grid2, 256, 0, stream>>>(a);
        else wkv_decode_rows_h2r_kernel<float><<<grid2, 256, 0, stream>>>(a);
    } else if (a.states16 != nullptr) {
        if (wt == WType::F16) wkv_decode_rows_kernel<__half, false, true><<<grid, 256, 0, stream>>>(a);
        else wkv_decode_rows_kernel<float, false, true><<<grid, 256, 0, stream>>>(a);
    } else if (g_wkv_stream) {
        if (wt == WType::F16) wkv_decode_rows_kernel<__half, true, false><<<grid, 256, 0, stream>>>(a);
        else wkv_decode_rows_kernel<float, true, false><<<grid, 256, 0, stream>>>(a);
    } else {
        if (wt == WType::F16) wkv_decode_rows_kernel<__half, false, false><<<grid, 256, 0, stream>>>(a);
        else wkv_decode_rows_kernel<float, false, false><<<grid, 256, 0, stream>>>(a);
    }
    return cudaGetLastError();
}

cudaError_t launch_wkv_post(const WkvPostArgs& a, WType wt, cudaStream_t stream) {
    if (a.C % N != 0 || a.R <= 0) return cudaErrorInvalidValue;
    const dim3 grid((a.C + kThreads - 1) / kThreads, a.R);
    if (wt == WType::F16) wkv_post_kernel<__half><<<grid, kThreads, 0, stream>>>(a);
    else wkv_post_kernel<float><<<grid, kThreads, 0, stream>>>(a);
    return cudaGetLastError();
}

}  // namespace rwkv::cuda_kernels
