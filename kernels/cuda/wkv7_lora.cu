// kernels/cuda/wkv7_lora.cu — batch-1 decode: the four LoRA up-projections (decay, in-context rate, gate, value
// residual gate; spec §3.4.5-7) fused into the time-mix kernel of wkv7.cu (spec §3.4.8-13). One CTA of 256
// threads per head:
//   * before griddepcontrol.wait (none of it is written by the previous kernels): the head's 64 rows of
//     w2/a2/g2/v2 (fp16, 16-byte chunks, 4 threads per channel, up to 26 chunks per thread in registers),
//     the thread's 16 columns of its state row (4 threads per row, as wkv7_rows.cu's scan) and the constants;
//   * after it: the activated LoRA hidden vectors (written by the LoRA-down matvec) staged in shared memory,
//     the dot products (4 partial sums per channel, two shuffles), the epilogues of matvec.cu (kEpiDecay,
//     kEpiSigmoidBias), then wkv7's arithmetic: kk = L2norm(k * k_k), k modulation, value residual, the state
//     step, GroupNorm (eps 64e-5), bonus and gate.
// Arithmetic of v44 (session 13, wkv7_lora_split_kernel below: each head over a cluster of 4 CTAs; H200 B=1 against
// v17, same call, every round faster: 7.2B fp16 +0.4 %, int8 +0.5 %, 13.3B +0.1 %, docs/perf/cuda-decode.md v44).
// Live since v47 (session 15, decode_b1.h launch_wkv7_lora_poll; CudaModel::set_wkv7_poll, default on): the split
// kernel's poll form (wkv7_lora_split_poll_kernel) polls its channels of r / k / v and the LoRA hidden vectors instead
// of waiting for the r/k/v grid (launched behind launch_matvec_heads, which orders that grid head by head), re-arms what
// it read, and waits for the previous grid only before it exits. H200 B=1 against the v44 wait, every round of two
// calls: 7.2B fp16 +2.0-2.1 %, 13.3B +2.0-2.8 %, int8 (with the key's early trigger) +0.5-1.2 %
// (docs/perf/cuda-decode.md v47). Same arithmetic: bit-identical. v53 (session 19, default on, set_wkv7_poll_early):
// that kernel lets the output projection launch as its CTAs start (wkv7_lora_split_poll_early_kernel), not after its
// poll: H200 B=1 +1.2-1.5 % on every model, every round (docs/perf/cuda-decode.md v53).
// v72 (session 33, default on for int8 models: Wkv7LoraArgs::xq): warp 0 of each cluster CTA also writes its 16 outputs
// rounded to int16 as one chunk for the int8 output projection's DP2A dot (store_out_xq16). H200 B=1 7.2B int8 +1.34 /
// +1.31 %, every round; bit-identical (docs/perf/cuda-decode.md v72).
// Challengers: v44's wait for the r/k/v grid (wkv7_lora_split_kernel, CudaModel::set_wkv7_poll(false)), v17
// (wkv7_lora_kernel, one CTA per head: Wkv7LoraArgs::split = 1, CudaModel::set_wkv7_split(1)) and the LoRA-up matvec +
// wkv7_kernel (CudaModel::set_wkv7_lora(false)).
#include <cooperative_groups.h>

#include "common.cuh"
#include "decode_b1.h"

namespace rwkv::cuda_kernels {
namespace {

constexpr int N = 64;
constexpr int kThreads = 256;
// Chunks of 8 columns per thread (4 threads per channel): w, a, v up to 128 columns, g up to 512.
constexpr int kCw = 4, kCa = 4, kCg = 16, kCv = 4;

__device__ __forceinline__ float dot8(uint4 w, const float* x) {
    const __half2* h = reinterpret_cast<const __half2*>(&w);
    float acc = 0.0f;
#pragma unroll
    for (int i = 0; i < 4; ++i) {
        const float2 f = __half22float2(h[i]);
        acc = fmaf(f.x, x[2 * i], acc);
        acc = fmaf(f.y, x[2 * i + 1], acc);
    }
    return acc;
}

// Row `row` of a [C, D] fp16 matrix: chunk c8 = part + 4 * j for j < kC (guarded by D / 8).
template <int kC>
__device__ __forceinline__ void load_rows(const void* W, int D, int row, int part, uint4 (&q)[kC]) {
    const uint4* p = reinterpret_cast<const uint4*>(static_cast<const __half*>(W) + std::size_t(row) * D);
    const int n8 = D / 8;
#pragma unroll
    for (int j = 0; j < kC; ++j) {
        const int c8 = part + 4 * j;
        q[j] = c8 < n8 ? __ldcs(p + c8) : make_uint4(0u, 0u, 0u, 0u);
    }
}
// v44: the same with kT threads per channel (chunk c8 = part + kT * j) and a kT-lane sum.
template <int kC, int kT>
__device__ __forceinline__ void load_rows_s(const void* W, int D, int row, int part, uint4 (&q)[kC]) {
    const uint4* p = reinterpret_cast<const uint4*>(static_cast<const __half*>(W) + std::size_t(row) * D);
    const int n8 = D / 8;
#pragma unroll
    for (int j = 0; j < kC; ++j) {
        const int c8 = part + kT * j;
        q[j] = c8 < n8 ? __ldcs(p + c8) : make_uint4(0u, 0u, 0u, 0u);
    }
}
template <int kC, int kT>
__device__ __forceinline__ float dot_rows_s(const uint4 (&q)[kC], const float* hs, int D, int part) {
    const int n8 = D / 8;
    float acc = 0.0f;
#pragma unroll
    for (int j = 0; j < kC; ++j) {
        const int c8 = part + kT * j;
        if (c8 < n8) acc += dot8(q[j], hs + 8 * c8);
    }
#pragma unroll
    for (int m = 1; m < kT; m <<= 1) acc += __shfl_xor_sync(0xffffffffu, acc, m);
    return acc;
}

template <int kC>
__device__ __forceinline__ float dot_rows(const uint4 (&q)[kC], const float* hs, int D, int part) {
    const int n8 = D / 8;
    float acc = 0.0f;
#pragma unroll
    for (int j = 0; j < kC; ++j) {
        const int c8 = part + 4 * j;
        if (c8 < n8) acc += dot8(q[j], hs + 8 * c8);
    }
    acc += __shfl_xor_sync(0xffffffffu, acc, 1);
    acc += __shfl_xor_sync(0xffffffffu, acc, 2);
    return acc;
}

// The LoRA hidden vectors (written by the previous kernel) into shared memory: hs = hw | ha | hg | hv at float offsets
// 0 / 128 / 256 / 768 (dw, da <= 128, dg <= 512, dv <= 128); both time-mix kernels stage them the same way.
__device__ __forceinline__ void stage_lora_hidden(const Wkv7LoraArgs& la, bool has_v, int tid, float* hs) {
    for (int i = tid; i < la.dw; i += kThreads) hs[i] = la.hw[i];
    for (int i = tid; i < la.da; i += kThreads) hs[128 + i] = la.ha[i];
    for (int i = tid; i < la.dg; i += kThreads) hs[256 + i] = la.hg[i];
    if (has_v)
        for (int i = tid; i < la.dv; i += kThreads) hs[768 + i] = la.hv[i];
}

__global__ void __launch_bounds__(kThreads) wkv7_lora_kernel(const __grid_constant__ Wkv7LoraArgs la) {
    const Wkv7Args& a = la.base;
    __shared__ __align__(16) float hs[128 + 128 + 512 + 128];  // hw | ha | hg | hv
    __shared__ __align__(16) float P[6 * N];                   // decay, -kk, kk*alpha, kmod, r, v
    __shared__ float s_g[N], red[32];
    const int h = blockIdx.x, tid = threadIdx.x;
    const int ch = tid >> 2, part = tid & 3;  // LoRA: channel h*64 + ch, column chunks part, part + 4, ...
    const int m = tid >> 2, q = tid & 3;      // state: row m, columns 16i + 4q + e
    const int o = h * N + ch;
    uint4 qw[kCw], qa[kCa], qg[kCg], qv[kCv];
    load_rows(la.w2, la.dw, o, part, qw);
    load_rows(la.a2, la.da, o, part, qa);
    load_rows(la.g2, la.dg, o, part, qg);
    const bool has_v = a.layer > 0;
    if (has_v) load_rows(la.v2, la.dv, o, part, qv);
    float* St = a.params->state + a.wkv_offset + (std::size_t(h) * N + m) * N;
    float S[16];
#pragma unroll
    for (int i = 0; i < 4; ++i) {
        const float4 t = *reinterpret_cast<const float4*>(St + 16 * i + 4 * q);
        S[4 * i] = t.x; S[4 * i + 1] = t.y; S[4 * i + 2] = t.z; S[4 * i + 3] = t.w;
    }
    const float c_w0 = la.w0[o], c_a0 = la.a0[o], c_v0 = has_v ? la.v0[o] : 0.0f;
    const float c_kk = a.k_k[o], c_ka = a.k_a[o], c_rk = a.r_k[o], c_lw = a.lnx_w[o], c_lb = a.lnx_b[o];
    pdl_wait();
    pdl_trigger();
    if (a.advance_pos && h == 0 && tid == 0) const_cast<StepParams*>(a.params)->pos += 1;
    // the hidden vectors into shared memory (written by the previous kernel)
    stage_lora_hidden(la, has_v, tid, hs);
    const float k0 = a.k[o], v_in = a.v[o], r = a.r[o];
    const float vf = has_v ? a.v_first[o] : 0.0f;
    __syncthreads();
    const float decay = expf(-0.606531f * sigmoidf_(c_w0 + dot_rows(qw, hs, la.dw, part)));
    const float alpha = sigmoidf_(c_a0 + dot_rows(qa, hs + 128, la.da, part));
    const float g = dot_rows(qg, hs + 256, la.dg, part);
    float v = v_in;
    if (has_v) {
        const float vgate = sigmoidf_(c_v0 + dot_rows(qv, hs + 768, la.dv, part));
        v += (vf - v) * vgate;
    } else if (part == 0) {
        a.v_first[o] = v;
    }
    float kk = k0 * c_kk;
    const float ss = block_sum(part == 0 ? kk * kk : 0.0f, red);
    kk *= 1.0f / fmaxf(sqrtf(ss), 1e-12f);
    const float kmod = k0 * (1.0f + (alpha - 1.0f) * c_ka);
    if (part == 0) {
        P[ch] = decay;
        P[N + ch] = -kk;
        P[2 * N + ch] = kk * alpha;
        P[3 * N + ch] = kmod;
        P[4 * N + ch] = r;
        P[5 * N + ch] = v;
        s_g[ch] = g;
    }
    __syncthreads();
    // state step of row m (wkv7.cu's arithmetic, 4 partial sums per dot product)
    const float vm = P[5 * N + m];
    float sa = 0.0f;
#pragma unroll
    for (int i = 0; i < 4; ++i)
#pragma unroll
        for (int e = 0; e < 4; ++e) sa = fmaf(S[4 * i + e], P[N + 16 * i + 4 * q + e], sa);
    sa += __shfl_xor_sync(0xffffffffu, sa, 1);
    sa += __shfl_xor_sync(0xffffffffu, sa, 2);
    float y = 0.0f;
#pragma unroll
    for (int i = 0; i < 4; ++i)
#pragma unroll
        for (int e = 0; e < 4; ++e) {
            const int j = 16 * i + 4 * q + e;
            const float sv = fmaf(S[4 * i + e], P[j], fmaf(P[3 * N + j], vm, sa * P[2 * N + j]));
            S[4 * i + e] = sv;
            y = fmaf(sv, P[4 * N + j], y);
        }
#pragma unroll
    for (int i = 0; i < 4; ++i)
        *reinterpret_cast<float4*>(St + 16 * i + 4 * q) = make_float4(S[4 * i], S[4 * i + 1], S[4 * i + 2], S[4 * i + 3]);
    y += __shfl_xor_sync(0xffffffffu, y, 1);
    y += __shfl_xor_sync(0xffffffffu, y, 2);
    // GroupNorm over the head's 64 rows, bonus, gate (thread q == 0 of row m owns output h*64 + m)
    const bool own = q == 0;
    const float mean = block_sum(own ? y : 0.0f, red) / float(N);
    const float d = y - mean;
    const float var = block_sum(own ? d * d : 0.0f, red) / float(N);
    const float beta = block_sum(part == 0 ? r * kmod * c_rk : 0.0f, red);
    if (!own) return;
    const float yn = d * rsqrtf(var + 64e-5f) * c_lw + c_lb;  // row m == channel ch: o is this row's output
    a.out[o] = (yn + beta * vm) * s_g[m];
}

// v44 (session 13): the same step with each head split over a thread-block cluster of kQ = 4 CTAs (256 CTAs of 64
// registers instead of 64 of 184). Alone it is no faster (ncu, 7.2B, eager: 10.0 against 9.8 us; the time is a chain
// of dependent loads and barriers, not the per-CTA work); in the graph it gains 0.3-0.6 us per layer, its small CTAs
// fitting beside the r/k/v matvec's last CTAs sooner.
// CTA q of head h owns the head's channels (= state rows) c = q * kCh .. + kCh, kT = 4 * kQ threads per channel:
// its LoRA-up dot products (chunks part, part + kT, ...), decay / alpha / g / value gate and v for those channels,
// and those state rows (thread: float4 columns part, part + kT, ...). Two exchanges through distributed shared
// memory, each one cluster barrier: (1) decay, the raw removal key k * k_k, alpha, kmod and r of the CTA's channels
// into every CTA of the cluster, after which each CTA forms the head's key norm and bonus sum itself (one warp, fixed
// order: the same value in every CTA); (2) the rows' outputs y, after which each CTA forms the GroupNorm statistics
// (two-pass, fixed order) and writes its channels. Arithmetic per element as v17; sums in other orders (fp32
// rounding only).
namespace cg = cooperative_groups;

constexpr int kQ = 4;  // CTAs per head (a cluster); 2 lost (docs/perf/cuda-decode.md v44)

// v47: the hidden vectors hw | ha | hg | hv (dw + da + dg + dv <= 896 values, element i = tid + kThreads * u of their
// concatenation) and the CTA's r / k / v, polled at GPU scope until the producing grid has stored them (kFfnUnset until
// then): all loads in flight at once, every value still unset re-loaded in the same round (32-64 ns back-off).
constexpr int kHidPer = 4;  // hidden values per thread: 896 <= 4 * kThreads
__device__ __forceinline__ float ld_gpu(const float* p) {
    float v;
    asm volatile("ld.relaxed.gpu.global.f32 %0, [%1];" : "=f"(v) : "l"(p) : "memory");
    return v;
}
// The source of concatenated hidden element i and its offset in hs (hw | ha | hg | hv at 0 / 128 / 256 / 768); null past
// the end.
__device__ __forceinline__ const float* hid_src(const Wkv7LoraArgs& la, bool has_v, int i, int& dst) {
    if (i < la.dw) return dst = i, la.hw + i;
    i -= la.dw;
    if (i < la.da) return dst = 128 + i, la.ha + i;
    i -= la.da;
    if (i < la.dg) return dst = 256 + i, la.hg + i;
    i -= la.dg;
    if (has_v && i < la.dv) return dst = 768 + i, la.hv + i;
    return dst = 0, nullptr;
}
__device__ __forceinline__ void poll_inputs(const Wkv7LoraArgs& la, bool has_v, int tid, int o, float* hs, float& k0,
                                            float& v_in, float& r) {
    const Wkv7Args& a = la.base;
    float hv[kHidPer];
#pragma unroll
    for (int u = 0; u < kHidPer; ++u) {
        int d;
        const float* p = hid_src(la, has_v, tid + kThreads * u, d);
        hv[u] = p ? ld_gpu(p) : 0.0f;
    }
    k0 = ld_gpu(a.k + o);
    v_in = ld_gpu(a.v + o);
    r = ld_gpu(a.r + o);
    auto unset = [](float x) { return __float_as_uint(x) == kFfnUnset; };
    for (unsigned ns = 32;; ns = ns < 64u ? 2 * ns : ns) {
        bool any = unset(k0) || unset(v_in) || unset(r);
#pragma unroll
        for (int u = 0; u < kHidPer; ++u) any = any || unset(hv[u]);
        if (!any) break;
        __nanosleep(ns);
#pragma unroll
        for (int u = 0; u < kHidPer; ++u)
            if (unset(hv[u])) {
                int d;
                hv[u] = ld_gpu(hid_src(la, has_v, tid + kThreads * u, d));
            }
        if (unset(k0)) k0 = ld_gpu(a.k + o);
        if (unset(v_in)) v_in = ld_gpu(a.v + o);
        if (unset(r)) r = ld_gpu(a.r + o);
    }
#pragma unroll
    for (int u = 0; u < kHidPer; ++u) {
        int d;
        if (hid_src(la, has_v, tid + kThreads * u, d)) hs[d] = hv[u];
    }
}

// A channel's output: GroupNorm (mean, var of the head's 64 rows, eps 64e-5) with its weight and bias, plus the bonus,
// times the gate (one expression for both of the split kernel's forms: the same rounding and contraction).
__device__ __forceinline__ float time_mix_out(float y, float mean, float var, float lw, float lb, float beta, float v,
                                              float g) {
    const float yn = (y - mean) * rsqrtf(var + 64e-5f) * lw + lb;
    return (yn + beta * v) * g;
}
// v72 (Wkv7LoraArgs::xq): warp 0 of a cluster CTA stores its 16 channels' outputs xo (lane l and l + 16: channel
// o0 + (l & 15)) to base.out and, rounded to int16 as one 16-column chunk (common.cuh's steps: the maximum by a 16-lane
// butterfly of max_nan, order-free), to xq / xq_inv: lane 2i packs channels 2i (low half) and 2i + 1.
__device__ __forceinline__ void store_out_xq16(const Wkv7LoraArgs& la, int o0, float xo, int lane) {
    float m = fabsf(xo);
#pragma unroll
    for (int s = 1; s < 16; s <<= 1) m = max_nan(m, __shfl_xor_sync(0xffffffffu, m, s));
    const Xq16Scale sc = xq16_scale(m);
    const unsigned lo = xq16_round(xo, sc.scale), hi = __shfl_down_sync(0xffffffffu, lo, 1);
    if (lane < 16) {
        la.base.out[o0 + lane] = xo;
        if ((lane & 1) == 0) la.xq[o0 / 2 + lane / 2] = int(__byte_perm(lo, hi, 0x5410u));
        if (lane == 0) la.xq_inv[o0 / 16] = sc.inv;
    }
}

// probe (v54 measurement, decode_b1.h set_b1_probe): per-CTA stamps; a literal nullptr in the shipping kernels
template <bool kPoll, bool kEarly = false>
__device__ __forceinline__ void wkv7_lora_split_body(const Wkv7LoraArgs& la, float* rearm, int n_rearm,
                                                     unsigned long long* probe = nullptr) {
    probe_stamp(probe, 0);
    // v53 (session 19): the output projection may launch once every CTA of this grid is resident, so that its
    // first-round weight loads stream during the head polls and the state step, not after them (launch order only)
    if constexpr (kEarly) pdl_trigger();
    constexpr int kCh = N / kQ;         // channels (and state rows) per CTA
    constexpr int kT = kThreads / kCh;  // threads per channel = 4 * kQ
    constexpr int kF4 = N / 4 / kT;     // float4 columns of a state row per thread
    constexpr int kC1 = (16 + kT - 1) / kT, kC4 = (64 + kT - 1) / kT;  // chunks per thread: 128 / 512 columns
    const Wkv7Args& a = la.base;
    cg::cluster_group cl = cg::this_cluster();
    __shared__ __align__(16) float hs[128 + 128 + 512 + 128];  // hw | ha | hg | hv
    __shared__ __align__(16) float s_w[N], s_kk[N], s_al[N], s_km[N], s_r[N], s_y[N], s_rk[N];
    __shared__ float s_stat[4];
    __shared__ float s_g[kCh], s_v[kCh], s_lw[kCh], s_lb[kCh];  // v72: the CTA's channels for warp 0's outputs
    static_assert(kCh == 16, "v72: a CTA's channels are one 16-column chunk");
    const int q = int(cl.block_rank()), h = blockIdx.x / kQ, tid = threadIdx.x;
    const int cl_ch = tid / kT, part = tid % kT;
    const int c = q * kCh + cl_ch, o = h * N + c;
    uint4 qw[kC1], qa[kC1], qg[kC4], qv[kC1];
    load_rows_s<kC1, kT>(la.w2, la.dw, o, part, qw);
    load_rows_s<kC1, kT>(la.a2, la.da, o, part, qa);
    load_rows_s<kC4, kT>(la.g2, la.dg, o, part, qg);
    const bool has_v = a.layer > 0;
    if (has_v) load_rows_s<kC1, kT>(la.v2, la.dv, o, part, qv);
    float* St = a.params->state + a.wkv_offset + std::size_t(o) * N;
    float4 S[kF4];
#pragma unroll
    for (int u = 0; u < kF4; ++u) S[u] = *reinterpret_cast<const float4*>(St + 4 * (part + kT * u));
    const float c_w0 = la.w0[o], c_a0 = la.a0[o], c_v0 = has_v ? la.v0[o] : 0.0f;
    const float c_kk = a.k_k[o], c_ka = a.k_a[o], c_lw = a.lnx_w[o], c_lb = a.lnx_b[o];
    if (tid < N) s_rk[tid] = a.r_k[h * N + tid];
    float k0, v_in, r, vf;
    if constexpr (kPoll) {
        // v47: the head's inputs as the r/k/v grid stores them. Once any is in, a CTA of that grid has passed its
        // griddepcontrol.wait, so every earlier grid of the step is complete (the embedding step's pos read too).
        poll_inputs(la, has_v, tid, o, hs, k0, v_in, r);
        vf = has_v ? ld_gpu(a.v_first + o) : 0.0f;  // layer 0's time-mix grid is complete by now (read past L1)
        __syncthreads();
        probe_stamp(probe, 1);
        pdl_trigger();
        if (a.advance_pos && blockIdx.x == 0 && tid == 0) const_cast<StepParams*>(a.params)->pos += 1;
        if (part == 0) {  // re-arm this CTA's channels (read by no other CTA; next written after this grid is done)
            float* const rkv[3] = {const_cast<float*>(a.r), const_cast<float*>(a.k), const_cast<float*>(a.v)};
#pragma unroll
            for (int u = 0; u < 3; ++u) rkv[u][o] = __uint_as_float(kFfnUnset);
        }
        if (blockIdx.x == 0)  // the previous layer's hidden vectors: that layer's time-mix grid is complete
            for (int i = tid; i < n_rearm; i += kThreads) rearm[i] = __uint_as_float(kFfnUnset);
    } else {
        pdl_wait();
        pdl_trigger();
        if (a.advance_pos && blockIdx.x == 0 && tid == 0) const_cast<StepParams*>(a.params)->pos += 1;
        stage_lora_hidden(la, has_v, tid, hs);
        k0 = a.k[o];
        v_in = a.v[o];
        r = a.r[o];
        vf = has_v ? a.v_first[o] : 0.0f;
        __syncthreads();
    }
    const float decay = expf(-0.606531f * sigmoidf_(c_w0 + dot_rows_s<kC1, kT>(qw, hs, la.dw, part)));
    const float alpha = sigmoidf_(c_a0 + dot_rows_s<kC1, kT>(qa, hs + 128, la.da, part));
    const float g = dot_rows_s<kC4, kT>(qg, hs + 256, la.dg, part);
    float v = v_in;
    if (has_v) {
        const float vgate = sigmoidf_(c_v0 + dot_rows_s<kC1, kT>(qv, hs + 768, la.dv, part));
        v += (vf - v) * vgate;
    } else if (part == 0) {
        a.v_first[o] = v;
    }
    const float kraw = k0 * c_kk;
    const float kmod = k0 * (1.0f + (alpha - 1.0f) * c_ka);
    probe_stamp(probe, 4);
    if (part < kQ) {  // exchange 1: this channel's values into CTA `part` of the cluster
        cl.map_shared_rank(s_w, part)[c] = decay;
        cl.map_shared_rank(s_kk, part)[c] = kraw;
        cl.map_shared_rank(s_al, part)[c] = alpha;
        cl.map_shared_rank(s_km, part)[c] = kmod;
        cl.map_shared_rank(s_r, part)[c] = r;
    }
    cl.sync();
    probe_stamp(probe, 5);
    if (tid < 32) {  // the head's |k * k_k|^2 (warp 0) and bonus sum (warp 1), in a fixed order
        const float k1 = s_kk[tid], k2 = s_kk[tid + 32];
        const float ss = warp_sum(k1 * k1 + k2 * k2);
        if (tid == 0) s_stat[0] = 1.0f / fmaxf(sqrtf(ss), 1e-12f);
    } else if (tid < 64) {
        const int l = tid - 32;
        const float b = warp_sum(s_r[l] * s_km[l] * s_rk[l] + s_r[l + 32] * s_km[l + 32] * s_rk[l + 32]);
        if (l == 0) s_stat[1] = b;
    }
    __syncthreads();
    const float inv = s_stat[0], beta = s_stat[1];
    // state step of row c (v17's arithmetic per element)
    float sa = 0.0f;
#pragma unroll
    for (int u = 0; u < kF4; ++u) {
        const int j = 4 * (part + kT * u);
        const float4 kk = *reinterpret_cast<const float4*>(s_kk + j);
        sa = fmaf(S[u].x, -(kk.x * inv), sa);
        sa = fmaf(S[u].y, -(kk.y * inv), sa);
        sa = fmaf(S[u].z, -(kk.z * inv), sa);
        sa = fmaf(S[u].w, -(kk.w * inv), sa);
    }
#pragma unroll
    for (int m = 1; m < kT; m <<= 1) sa += __shfl_xor_sync(0xffffffffu, sa, m);
    float y = 0.0f;
#pragma unroll
    for (int u = 0; u < kF4; ++u) {
        const int j = 4 * (part + kT * u);
        const float4 kk = *reinterpret_cast<const float4*>(s_kk + j), w = *reinterpret_cast<const float4*>(s_w + j);
        const float4 al = *reinterpret_cast<const float4*>(s_al + j), km = *reinterpret_cast<const float4*>(s_km + j);
        const float4 rr = *reinterpret_cast<const float4*>(s_r + j);
        float4 t = S[u];
        t.x = fmaf(t.x, w.x, fmaf(km.x, v, sa * ((kk.x * inv) * al.x)));
        t.y = fmaf(t.y, w.y, fmaf(km.y, v, sa * ((kk.y * inv) * al.y)));
        t.z = fmaf(t.z, w.z, fmaf(km.z, v, sa * ((kk.z * inv) * al.z)));
        t.w = fmaf(t.w, w.w, fmaf(km.w, v, sa * ((kk.w * inv) * al.w)));
        y = fmaf(t.x, rr.x, y);
        y = fmaf(t.y, rr.y, y);
        y = fmaf(t.z, rr.z, y);
        y = fmaf(t.w, rr.w, y);
        *reinterpret_cast<float4*>(St + j) = t;
    }
#pragma unroll
    for (int m = 1; m < kT; m <<= 1) y += __shfl_xor_sync(0xffffffffu, y, m);
    probe_stamp(probe, 6);
    const bool xq = la.xq != nullptr;  // v72
    if (xq && part == 0) {
        s_g[cl_ch] = g;
        s_v[cl_ch] = v;
        s_lw[cl_ch] = c_lw;
        s_lb[cl_ch] = c_lb;
    }
    if (part < kQ) cl.map_shared_rank(s_y, part)[c] = y;  // exchange 2: the row outputs
    cl.sync();
    if (tid < 32) {  // GroupNorm statistics over the head's 64 rows (two-pass, fixed order)
        const float y1 = s_y[tid], y2 = s_y[tid + 32];
        const float mean = warp_sum(y1 + y2) / float(N);
        const float d1 = y1 - mean, d2 = y2 - mean;
        const float var = warp_sum(d1 * d1 + d2 * d2) / float(N);
        if (tid == 0) {
            s_stat[2] = mean;
            s_stat[3] = var;
        }
    }
    __syncthreads();
    if constexpr (kPoll) pdl_wait();  // v47: this grid completes after the r/k/v grid (the chain's invariant)
    probe_stamp(probe, 7);
    if (xq) {  // v72: warp 0 writes the CTA's 16 outputs (s_y[c] is this thread's y: every lane of a channel holds it)
        if (tid < 32) {
            const int ch = tid & (kCh - 1);
            store_out_xq16(la, h * N + q * kCh,
                           time_mix_out(s_y[q * kCh + ch], s_stat[2], s_stat[3], s_lw[ch], s_lb[ch], beta, s_v[ch],
                                        s_g[ch]),
                           tid);
        }
        probe_stamp(probe, 2);
        return;
    }
    if (part != 0) return;
    a.out[o] = time_mix_out(y, s_stat[2], s_stat[3], c_lw, c_lb, beta, v, g);
    probe_stamp(probe, 2);
}

__global__ void __launch_bounds__(kThreads) wkv7_lora_split_kernel(const __grid_constant__ Wkv7LoraArgs la) {
    wkv7_lora_split_body<false>(la, nullptr, 0);
}
// v47: 4 CTAs per SM as v44 (79 registers without the cap)
__global__ void __launch_bounds__(kThreads, 4) wkv7_lora_split_poll_kernel(const __grid_constant__ Wkv7LoraArgs la,
                                                                           float* rearm, int n_rearm) {
    wkv7_lora_split_body<true>(la, rearm, n_rearm);
}
// v53 (default): the same with the dependent launch triggered as each CTA starts
__global__ void __launch_bounds__(kThreads, 4)
    wkv7_lora_split_poll_early_kernel(const __grid_constant__ Wkv7LoraArgs la, float* rearm, int n_rearm) {
    wkv7_lora_split_body<true, true>(la, rearm, n_rearm);
}
// v54 measurement: the default (early) kernel with per-CTA stamps (set_b1_probe)
__global__ void __launch_bounds__(kThreads, 4) wkv7_lora_split_poll_probe_kernel(
    const __grid_constant__ Wkv7LoraArgs la, float* rearm, int n_rearm, unsigned long long* probe) {
    wkv7_lora_split_body<true, true>(la, rearm, n_rearm, probe);
}
bool g_poll_early = true;  // v53 (set_wkv7_poll_early; default on)

template <bool kPoll>
cudaError_t launch_split(const Wkv7LoraArgs& a, cudaStream_t stream, float* rearm = nullptr, int n_rearm = 0) {
    cudaLaunchConfig_t cfg = {};
    cfg.gridDim = dim3(unsigned(a.base.H * kQ));
    cfg.blockDim = dim3(kThreads);
    cfg.stream = stream;
    cudaLaunchAttribute attr[2];
    attr[0].id = cudaLaunchAttributeProgrammaticStreamSerialization;
    attr[0].val.programmaticStreamSerializationAllowed = pdl_enabled() ? 1 : 0;
    attr[1].id = cudaLaunchAttributeClusterDimension;
    attr[1].val.clusterDim.x = kQ;
    attr[1].val.clusterDim.y = 1;
    attr[1].val.clusterDim.z = 1;
    cfg.attrs = attr;
    cfg.numAttrs = 2;
    unsigned long long* const probe = kPoll && g_poll_early ? b1_probe_record() : nullptr;
    const cudaError_t e = !kPoll       ? cudaLaunchKernelEx(&cfg, wkv7_lora_split_kernel, a)
                          : probe ? cudaLaunchKernelEx(&cfg, wkv7_lora_split_poll_probe_kernel, a, rearm, n_rearm, probe)
                          : g_poll_early ? cudaLaunchKernelEx(&cfg, wkv7_lora_split_poll_early_kernel, a, rearm, n_rearm)
                                         : cudaLaunchKernelEx(&cfg, wkv7_lora_split_poll_kernel, a, rearm, n_rearm);
    return e != cudaSuccess ? e : cudaGetLastError();
}

// v72: the int16 copy of out needs the split form (one 16-column chunk per CTA) and both of its buffers
bool xq_ok(const Wkv7LoraArgs& a) { return (a.xq == nullptr) == (a.xq_inv == nullptr) && (!a.xq || a.split == kQ); }

}  // namespace

bool wkv7_lora_fits(int dw, int da, int dg, int dv) {
    auto ok = [](int d, int chunks) { return d > 0 && d % 8 == 0 && d / 8 <= 4 * chunks; };
    return ok(dw, kCw) && ok(da, kCa) && ok(dg, kCg) && (dv == 0 || ok(dv, kCv));
}

cudaError_t launch_wkv7_lora(const Wkv7LoraArgs& a, cudaStream_t stream) {
    if (!wkv7_lora_fits(a.dw, a.da, a.dg, a.base.layer > 0 ? a.dv : 0) || !xq_ok(a)) return cudaErrorInvalidValue;
    if (a.split == kQ) return launch_split<false>(a, stream);
    return launch_pdl(wkv7_lora_kernel, dim3(a.base.H), dim3(kThreads), 0, stream, a);
}

void set_wkv7_poll_early(bool on) { g_poll_early = on; }

cudaError_t launch_wkv7_lora_poll(const Wkv7LoraArgs& a, float* rearm, int n_rearm, cudaStream_t stream) {
    if (!wkv7_lora_fits(a.dw, a.da, a.dg, a.base.layer > 0 ? a.dv : 0) || a.split != kQ || !xq_ok(a) || n_rearm < 0 ||
        (n_rearm > 0 && !rearm))
        return cudaErrorInvalidValue;
    return launch_split<true>(a, stream, rearm, n_rearm);
}

}  // namespace rwkv::cuda_kernels
