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
// Live variant: v17 (2026-11-29). Challenger: the LoRA-up matvec + wkv7_kernel (CudaModel::set_wkv7_lora(false)).
#include "common.cuh"

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
    for (int i = tid; i < la.dw; i += kThreads) hs[i] = la.hw[i];
    for (int i = tid; i < la.da; i += kThreads) hs[128 + i] = la.ha[i];
    for (int i = tid; i < la.dg; i += kThreads) hs[256 + i] = la.hg[i];
    if (has_v)
        for (int i = tid; i < la.dv; i += kThreads) hs[768 + i] = la.hv[i];
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

}  // namespace

bool wkv7_lora_fits(int dw, int da, int dg, int dv) {
    auto ok = [](int d, int chunks) { return d > 0 && d % 8 == 0 && d / 8 <= 4 * chunks; };
    return ok(dw, kCw) && ok(da, kCa) && ok(dg, kCg) && (dv == 0 || ok(dv, kCv));
}

cudaError_t launch_wkv7_lora(const Wkv7LoraArgs& a, cudaStream_t stream) {
    if (!wkv7_lora_fits(a.dw, a.da, a.dg, a.base.layer > 0 ? a.dv : 0)) return cudaErrorInvalidValue;
    return launch_pdl(wkv7_lora_kernel, dim3(a.base.H), dim3(kThreads), 0, stream, a);
}

}  // namespace rwkv::cuda_kernels
