// kernels/cuda/ln_mix.cu — the glue before the projections: LayerNorm (eps 1e-5, two-pass fp32 statistics)
// and the token-shift mixes z + (prev - z) * mix_m that feed the projections, writing the new token-shift
// state (spec §3.4.2–3, §3.5); at layer 0 the residual comes from the embedding row through ln0. Also the
// final ln_out.
// Live variant: ln_mix_kernel<__half|float> (v6, embedding dtype) — C/256 CTAs of 256 threads; every CTA
// copies the whole vector (16 KB at C=4096) to shared memory with unrolled loads, computes the statistics
// redundantly and mixes its own 256 channels. v6 loads each thread's constants (LayerNorm weights, up to 6
// mixes) and its token-shift state before griddepcontrol.wait (7.6 -> 5.7 us per call inside the graph). v2 computed the statistics straight from global memory
// (a chain of dependent L2 loads: 10.6 us per call). v1 (one CTA for the whole vector, also summing the FFN partials) took 16.7 us per call at
// C=4096 on H200 (docs/perf-notes.md). Challenger: none.
#include "common.cuh"

namespace rwkv::cuda_kernels {
namespace {

constexpr int kThreads = 256;

// The whole input vector is first copied to shared memory with the loads unrolled (independent, in
// flight together): the statistics then cost no global-memory latency chain.
template <typename WT>
__global__ void __launch_bounds__(kThreads) ln_mix_kernel(const __grid_constant__ LnMixArgs a) {
    extern __shared__ float xs[];  // [C]
    __shared__ float red[32];
    const int C = a.C;
    const int c = blockIdx.x * kThreads + threadIdx.x;
    // v6: this channel's constants (LayerNorm weights, mixes) and its token-shift state are loaded before
    // the wait: nothing in this step writes them before this kernel (the shift was written at the previous
    // token by this same call).
    const bool own = c < C;
    float lw = 0.0f, lb = 0.0f, prev = 0.0f, mx[6] = {0, 0, 0, 0, 0, 0};
    float* shift = a.n_mix > 0 ? a.params->state + a.shift_offset : nullptr;
    if (own) {
        lw = a.ln_w[c];
        lb = a.ln_b[c];
        if (a.n_mix > 0) prev = shift[c];
#pragma unroll
        for (int m = 0; m < 6; ++m)
            if (m < a.n_mix) mx[m] = a.mix[std::size_t(m) * C + c];
    }
    pdl_wait();
    pdl_trigger();
    float mean, inv;
    if (a.mode == kLnFromEmbedding) {
        const int tok = a.params->tokens[a.params->pos];
        const WT* e = static_cast<const WT*>(a.emb) + std::size_t(tok) * C;
#pragma unroll 8
        for (int k = threadIdx.x; k < C; k += blockDim.x) xs[k] = to_f32(e[k]);
        __syncthreads();
        float m0, i0;
        ln_stats(xs, C, red, m0, i0);
        for (int k = threadIdx.x; k < C; k += blockDim.x) xs[k] = (xs[k] - m0) * i0 * a.ln0_w[k] + a.ln0_b[k];
        __syncthreads();
        if (c < C) a.x[c] = xs[c];
    } else {
#pragma unroll 8
        for (int k = threadIdx.x; k < C; k += blockDim.x) xs[k] = a.x[k];
        __syncthreads();
    }
    ln_stats(xs, C, red, mean, inv);
    if (!own) return;
    const float z = (xs[c] - mean) * inv * lw + lb;
    if (a.n_mix == 0) {
        a.out[c] = z;
        return;
    }
    const float d = prev - z;
#pragma unroll
    for (int m = 0; m < 6; ++m)
        if (m < a.n_mix) a.out[std::size_t(m) * C + c] = z + d * mx[m];
    shift[c] = z;
}

}  // namespace

cudaError_t launch_ln_mix(const LnMixArgs& a, WType wt, cudaStream_t stream) {
    const int blocks = (a.C + kThreads - 1) / kThreads;
    const std::size_t smem = std::size_t(a.C) * sizeof(float);
    if (smem > 48 * 1024 || a.n_mix > 6) return cudaErrorInvalidValue;  // C <= 12288
    if (wt == WType::F16) return launch_pdl(ln_mix_kernel<__half>, dim3(blocks), dim3(kThreads), smem, stream, a);
    return launch_pdl(ln_mix_kernel<float>, dim3(blocks), dim3(kThreads), smem, stream, a);
}

}  // namespace rwkv::cuda_kernels
