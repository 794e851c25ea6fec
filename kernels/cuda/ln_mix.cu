// kernels/cuda/ln_mix.cu — the glue before the projections: LayerNorm (eps 1e-5, two-pass fp32 statistics)
// and the token-shift mixes z + (prev - z) * mix_m that feed the projections, writing the new token-shift
// state (spec §3.4.2–3, §3.5); at layer 0 the residual comes from the embedding row through ln0. Also the
// final ln_out.
// Live variant: ln_mix_kernel<__half|float> (v2, embedding dtype) — C/256 CTAs of 256 threads; every CTA
// computes the (cheap, 16 KB) statistics over the whole vector redundantly and mixes its own 256
// channels. v1 (one CTA for the whole vector, also summing the FFN partials) took 16.7 us per call at
// C=4096 on H200 (docs/perf-notes.md). Challenger: none.
#include "common.cuh"

namespace rwkv::cuda_kernels {
namespace {

constexpr float kEps = 1e-5f;
constexpr int kThreads = 256;

// Mean and 1/sqrt(var + eps) of v[0..C) (global memory), every thread gets them.
template <typename T>
__device__ void stats(const T* v, int C, float* red, float& mean, float& inv) {
    float s = 0.0f;
    for (int c = threadIdx.x; c < C; c += blockDim.x) s += to_f32(v[c]);
    mean = block_sum(s, red) / float(C);
    float q = 0.0f;
    for (int c = threadIdx.x; c < C; c += blockDim.x) {
        const float d = to_f32(v[c]) - mean;
        q += d * d;
    }
    inv = rsqrtf(block_sum(q, red) / float(C) + kEps);
}

template <typename WT>
__global__ void __launch_bounds__(kThreads) ln_mix_kernel(const __grid_constant__ LnMixArgs a) {
    __shared__ float red[32];
    __shared__ float xs[kThreads];
    const int C = a.C;
    const int c = blockIdx.x * kThreads + threadIdx.x;
    float mean, inv;
    if (a.mode == kLnFromEmbedding) {
        // x = LN0(e) for the whole vector is needed for the statistics of LN1: every CTA computes it into
        // the shared buffer chunk by chunk (two passes over the 8 KB row, L2-resident).
        const int tok = a.params->tokens[a.params->pos];
        const WT* e = static_cast<const WT*>(a.emb) + std::size_t(tok) * C;
        float m0, i0;
        stats(e, C, red, m0, i0);
        float s = 0.0f;
        for (int k = threadIdx.x; k < C; k += blockDim.x) s += (to_f32(e[k]) - m0) * i0 * a.ln0_w[k] + a.ln0_b[k];
        mean = block_sum(s, red) / float(C);
        float q = 0.0f;
        for (int k = threadIdx.x; k < C; k += blockDim.x) {
            const float d = (to_f32(e[k]) - m0) * i0 * a.ln0_w[k] + a.ln0_b[k] - mean;
            q += d * d;
        }
        inv = rsqrtf(block_sum(q, red) / float(C) + kEps);
        if (c < C) {
            const float xv = (to_f32(e[c]) - m0) * i0 * a.ln0_w[c] + a.ln0_b[c];
            a.x[c] = xv;
            xs[threadIdx.x] = xv;
        }
    } else {
        stats(a.x, C, red, mean, inv);
        if (c < C) xs[threadIdx.x] = a.x[c];
    }
    if (c >= C) return;
    const float z = (xs[threadIdx.x] - mean) * inv * a.ln_w[c] + a.ln_b[c];
    if (a.n_mix == 0) {
        a.out[c] = z;
        return;
    }
    float* shift = a.params->state + a.shift_offset;
    const float d = shift[c] - z;
    for (int m = 0; m < a.n_mix; ++m) a.out[std::size_t(m) * C + c] = z + d * a.mix[std::size_t(m) * C + c];
    shift[c] = z;
}

}  // namespace

cudaError_t launch_ln_mix(const LnMixArgs& a, WType wt, cudaStream_t stream) {
    const int blocks = (a.C + kThreads - 1) / kThreads;
    if (wt == WType::F16)
        ln_mix_kernel<__half><<<blocks, kThreads, 0, stream>>>(a);
    else
        ln_mix_kernel<float><<<blocks, kThreads, 0, stream>>>(a);
    return cudaGetLastError();
}

}  // namespace rwkv::cuda_kernels
