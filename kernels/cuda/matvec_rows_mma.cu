// kernels/cuda/matvec_rows_mma.cu — v82 (session 55): the nn.Linear products of a 2-8-row decode step on the tensor
// cores (launch_matvec_rows_mma in rwkv_kernels.h). v80b (matvec_rows_split.cu) stays issue-bound: each weight is
// unpacked to fp32 and takes R FMAs a lane, so int8 ran at 26-36 % of the copy rate at B = 3-8 and fp16 lost to cuBLAS
// from B = 3 (session 54's H100). Here one mma.sync m16n8k16 (fp16 in, fp32 accumulate) takes 16 output rows times the
// step's R <= 8 rows (as the mma's N; rows past R read row R - 1 again and their sums are dropped) over 16 columns of
// K: the FMAs leave the issue slots, and an int8 weight costs one byte permute and half an fp16 subtraction (exact:
// |q| <= 127 is an fp16 integer). The mma's K order is free (a dot product is a sum): lane (g, t) (g = lane / 4,
// t = lane % 4) loads the 64-column step's columns [16 t, 16 t + 16) of weight rows g and g + 8 and of X's row g as
// whole 16-byte words, and the four mmas of a step read them in the same order on both sides. A CTA of 8 warps owns
// 16 output rows; K is cut into 64-column steps, warp w takes steps w, w + 8, … with kU steps' loads in flight before
// any mma (fp16 2: 64 bytes of weights a lane; int8 4: the same bytes). The 8 warps' accumulators are added in warp
// order through shared memory (deterministic; one summation order of its own: not v80b's, not cuBLAS's), then int8's
// row scale, then the output (beta 0 or 1, fp32 or fp16).
// v86 (session 57, launch_lora_down_rows / launch_lora_up_rows): the LoRA projections of the same steps at their own
// widths. The downs (K = C) are v82's loop with a job per projection and the activation in the epilogue (16 warps a
// CTA: 52 CTAs at 7.2B, a K = 4,096 row's loads in one or two rounds); the ups (K = D = 96-480, N = C) give 16 outputs
// to 1, 2 or 4 warps that split K (up_split: at most 4 steps' loads a warp, one round) in 32-column steps — lane t
// loads columns [8t, 8t + 8) of its two weight rows and of h's row as one 16-byte word each, and the step's two mmas
// read them in the same order on both sides. (The first form, a warp over all of K, took 4 rounds for 7.2B's g and
// ran the ups slower than cuBLAS: 0.35 against 0.20-0.27 ms a step in the graph, session 57's H100.)
#include "mma_m16n8k16.cuh"     // mma16816, i8x4_to_half2x2
#include "sparse_ffn_rows.cuh"  // ld_stream (evict-first weight loads), store_out

namespace rwkv::cuda_kernels {
namespace {

constexpr int kMmaWarps = 8, kMmaThreads = 32 * kMmaWarps, kMmaRows = 16, kMmaStep = 64;

// One 64-column step's loads of a lane: weight rows g and g + 8 (fp16: 2 words each; int8: 1) and X's row (2 words).
template <typename WT>
struct StepLoads {
    static constexpr int kW = sizeof(WT) == 1 ? 1 : 2;
    uint4 w0[kW], w1[kW], x[2];
};

template <typename WT>
__device__ __forceinline__ void load_step(const WT* w0, const WT* w1, const __half* x, int col, StepLoads<WT>& s) {
#pragma unroll
    for (int q = 0; q < StepLoads<WT>::kW; ++q) {
        s.w0[q] = ld_stream(reinterpret_cast<const uint4*>(w0 + col) + q);
        s.w1[q] = ld_stream(reinterpret_cast<const uint4*>(w1 + col) + q);
    }
#pragma unroll
    for (int q = 0; q < 2; ++q) s.x[q] = __ldg(reinterpret_cast<const uint4*>(x + col) + q);
}

// The step's four mmas: mma j takes the lane's words 2j (columns 2t, 2t + 1 of its k16 tile) and 2j + 1 (2t + 8, 2t + 9).
template <typename WT>
__device__ __forceinline__ void step_mma(const StepLoads<WT>& s, float (&d)[4]) {
    const unsigned* x = reinterpret_cast<const unsigned*>(s.x);
    if constexpr (sizeof(WT) == 1) {
        const unsigned* p0 = reinterpret_cast<const unsigned*>(s.w0);
        const unsigned* p1 = reinterpret_cast<const unsigned*>(s.w1);
#pragma unroll
        for (int j = 0; j < 4; ++j) {
            unsigned a0, a2, a1, a3;
            i8x4_to_half2x2(p0[j], a0, a2);
            i8x4_to_half2x2(p1[j], a1, a3);
            mma16816(d, a0, a1, a2, a3, x[2 * j], x[2 * j + 1]);
        }
    } else {
        const unsigned* p0 = reinterpret_cast<const unsigned*>(s.w0);
        const unsigned* p1 = reinterpret_cast<const unsigned*>(s.w1);
#pragma unroll
        for (int j = 0; j < 4; ++j) mma16816(d, p0[2 * j], p1[2 * j], p0[2 * j + 1], p1[2 * j + 1], x[2 * j], x[2 * j + 1]);
    }
}

// The K loop of a CTA that owns 16 outputs (weight rows w0 / w1: outputs g and g + 8 of lane (g, t)) for X's rows
// (x: the lane's row g): 64-column steps split over the CTA's kWarps warps (warp w takes steps w, w + kWarps, …, kU
// steps' loads in flight before any mma), each warp's accumulators stored to part[warp] for the CTA's sums in warp
// order (v82 and v86's down).
template <typename WT, int kWarps, int kU>
__device__ __forceinline__ void cta_mma_steps(const WT* w0, const WT* w1, const __half* x, int steps,
                                              float (&part)[kWarps][4][32]) {
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    float d[4] = {0.0f, 0.0f, 0.0f, 0.0f};
    for (int s = warp; s < steps; s += kU * kWarps) {
        StepLoads<WT> l[kU];
#pragma unroll
        for (int u = 0; u < kU; ++u)
            if (s + u * kWarps < steps) load_step(w0, w1, x, (s + u * kWarps) * kMmaStep, l[u]);
#pragma unroll
        for (int u = 0; u < kU; ++u)
            if (s + u * kWarps < steps) step_mma(l[u], d);
    }
#pragma unroll
    for (int e = 0; e < 4; ++e) part[warp][e][lane] = d[e];
    __syncthreads();
}

// WT the weights (__half, or int8 with a.scale), X fp16, YT the output (fp32, or fp16 with y_wt).
template <typename WT, typename YT>
__global__ void __launch_bounds__(kMmaThreads) matvec_rows_mma_kernel(const __grid_constant__ MatvecRowsArgs a) {
    constexpr int kU = sizeof(WT) == 1 ? 4 : 2;
    __shared__ float part[kMmaWarps][4][32];
    const int lane = threadIdx.x & 31, g = lane >> 2, t = lane & 3;
    const int n0 = blockIdx.x * kMmaRows, K = a.K, steps = K / kMmaStep;
    const WT* W = static_cast<const WT*>(a.W) + std::size_t(blockIdx.y) * std::size_t(a.w_stride);
    const __half* X = static_cast<const __half*>(a.X) + std::size_t(blockIdx.y) * std::size_t(a.x_stride);
    YT* Y = static_cast<YT*>(a.Y) + std::size_t(blockIdx.y) * std::size_t(a.y_stride);
    const WT* w0 = W + std::size_t(min(n0 + g, a.N - 1)) * K + t * 16;  // past N: row N - 1 again
    const WT* w1 = W + std::size_t(min(n0 + g + 8, a.N - 1)) * K + t * 16;
    const __half* x = X + std::size_t(min(g, a.R - 1)) * K + t * 16;
    cta_mma_steps<WT, kMmaWarps, kU>(w0, w1, x, steps, part);
    if (threadIdx.x < 128) {  // one output each: accumulator e of lane l
        const int l = threadIdx.x & 31, e = threadIdx.x >> 5;
        const int n = n0 + (l >> 2) + (e >= 2 ? 8 : 0), r = 2 * (l & 3) + (e & 1);
        if (r < a.R && n < a.N) {
            float v = 0.0f;
#pragma unroll
            for (int w = 0; w < kMmaWarps; ++w) v += part[w][e][l];
            if constexpr (sizeof(WT) == 1)  // int8: row n's scale (the dequantise path's y[n] = sum_k (q[n,k] s[n]) x[k])
                v *= __ldg(a.scale + std::size_t(blockIdx.y) * std::size_t(a.scale_stride) + n);
            store_out(Y + std::size_t(r) * a.N + n, v, a.beta);
        }
    }
}

constexpr int kDownWarps = 16, kUpWarps = 4;

__device__ __forceinline__ float lora_act(float v, int act) {
    return act == kActTanh ? tanhf(v) : act == kActSigmoid ? sigmoidf_(v) : v;
}

constexpr int kUpU = 4;  // an up warp's 32-column steps in flight

// The up's K split over 1, 2 or 4 warps of a CTA for width D, so that a warp has at most kUpU steps (one round of
// loads) up to D = 512: 7.2B's g (D = 480, 15 steps) 4 warps, w / a / v (128 / 128 / 96) 1.
__host__ __device__ constexpr int up_split(int D) {
    const int steps = D / kLoraRowsDStep;
    return steps <= kUpU ? 1 : steps <= 2 * kUpU ? 2 : 4;
}

// Outputs a CTA of job j: the down 16; the up 16 per warp over its K split (64, 32 or 16).
__host__ __device__ constexpr int lora_per_cta(int D, bool up) { return up ? kMmaRows * kUpWarps / up_split(D) : kMmaRows; }

// The job of CTA `b` and the CTA's first output in it, jobs in order, CTAs of job j covering D_j (down) or C (up).
__device__ __forceinline__ int lora_job(const LoraRowsArgs& a, int b, bool up, int& n0) {
    int j = 0;
    for (; j < a.n_jobs - 1; ++j) {
        const int per = lora_per_cta(a.job[j].D, up);
        const int n = ((up ? a.C : a.job[j].D) + per - 1) / per;
        if (b < n) break;
        b -= n;
    }
    n0 = b * lora_per_cta(a.job[j].D, up);
    return j;
}

// h_j = act_j(x_j · down_jᵀ): 16 outputs of one job a CTA, K = C split over 16 warps in v82's 64-column steps.
__global__ void __launch_bounds__(32 * kDownWarps) lora_down_rows_kernel(const __grid_constant__ LoraRowsArgs a) {
    constexpr int kU = 2;
    __shared__ float part[kDownWarps][4][32];
    const int lane = threadIdx.x & 31, g = lane >> 2, t = lane & 3;
    int n0 = 0;
    const LoraRowsJob& jb = a.job[lora_job(a, blockIdx.x, false, n0)];
    const int K = a.C, N = jb.D, steps = K / kMmaStep;
    const __half* W = static_cast<const __half*>(jb.down);
    const __half* w0 = W + std::size_t(min(n0 + g, N - 1)) * K + t * 16;  // past N: row N - 1 again
    const __half* w1 = W + std::size_t(min(n0 + g + 8, N - 1)) * K + t * 16;
    const __half* x = static_cast<const __half*>(jb.x) + std::size_t(min(g, a.R - 1)) * K + t * 16;
    cta_mma_steps<__half, kDownWarps, kU>(w0, w1, x, steps, part);
    if (threadIdx.x < 128) {  // one output each: accumulator e of lane l
        const int l = threadIdx.x & 31, e = threadIdx.x >> 5;
        const int n = n0 + (l >> 2) + (e >= 2 ? 8 : 0), r = 2 * (l & 3) + (e & 1);
        if (r < a.R && n < N) {
            float v = 0.0f;
#pragma unroll
            for (int w = 0; w < kDownWarps; ++w) v += part[w][e][l];
            static_cast<__half*>(jb.h)[std::size_t(r) * N + n] = __float2half_rn(lora_act(v, jb.act));
        }
    }
}

// y_j = h_j · up_jᵀ: 16 outputs per up_split(D_j) warps, each warp over its share of K = D_j in 32-column steps (kUpU
// in flight); the split's partial sums added in warp order through shared memory (deterministic).
template <typename YT>
__global__ void __launch_bounds__(32 * kUpWarps) lora_up_rows_kernel(const __grid_constant__ LoraRowsArgs a) {
    __shared__ float part[kUpWarps][4][32];
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5, g = lane >> 2, t = lane & 3;
    int n0 = 0;
    const LoraRowsJob& jb = a.job[lora_job(a, blockIdx.x, true, n0)];
    const int K = jb.D, N = a.C, steps = K / kLoraRowsDStep, split = up_split(K);
    const int share = (steps + split - 1) / split, s0 = (warp % split) * share, s1 = min(steps, s0 + share);
    n0 += (warp / split) * kMmaRows;  // C % 64 == 0: every warp's 16 outputs are inside C
    const __half* W = static_cast<const __half*>(jb.up);
    const uint4* w0 = reinterpret_cast<const uint4*>(W + std::size_t(n0 + g) * K + t * 8);
    const uint4* w1 = reinterpret_cast<const uint4*>(W + std::size_t(n0 + g + 8) * K + t * 8);
    const uint4* x = reinterpret_cast<const uint4*>(static_cast<const __half*>(jb.h) + std::size_t(min(g, a.R - 1)) * K + t * 8);
    constexpr int kW = kLoraRowsDStep / 8;  // 16-byte words a row per step
    float d[4] = {0.0f, 0.0f, 0.0f, 0.0f};
    for (int s = s0; s < s1; s += kUpU) {
        uint4 p0[kUpU], p1[kUpU], q[kUpU];
#pragma unroll
        for (int u = 0; u < kUpU; ++u)
            if (s + u < s1) {
                p0[u] = ld_stream(w0 + (s + u) * kW);
                p1[u] = ld_stream(w1 + (s + u) * kW);
                q[u] = __ldg(x + (s + u) * kW);
            }
#pragma unroll
        for (int u = 0; u < kUpU; ++u)
            if (s + u < s1) {
                const unsigned* a0 = reinterpret_cast<const unsigned*>(&p0[u]);
                const unsigned* a1 = reinterpret_cast<const unsigned*>(&p1[u]);
                const unsigned* b = reinterpret_cast<const unsigned*>(&q[u]);
                mma16816(d, a0[0], a1[0], a0[1], a1[1], b[0], b[1]);
                mma16816(d, a0[2], a1[2], a0[3], a1[3], b[2], b[3]);
            }
    }
    if (split > 1) {  // the split's sums in warp order, by its first warp
#pragma unroll
        for (int e = 0; e < 4; ++e) part[warp][e][lane] = d[e];
        __syncthreads();
        if (warp % split != 0) return;
        for (int p = 1; p < split; ++p)
#pragma unroll
            for (int e = 0; e < 4; ++e) d[e] += part[warp + p][e][lane];
    }
    YT* Y = static_cast<YT*>(jb.y);
#pragma unroll
    for (int e = 0; e < 4; ++e) {
        const int n = n0 + g + (e >= 2 ? 8 : 0), r = 2 * t + (e & 1);
        if (r < a.R) {
            if constexpr (sizeof(YT) == 2) Y[std::size_t(r) * N + n] = __float2half_rn(d[e]);
            else Y[std::size_t(r) * N + n] = d[e];
        }
    }
}

bool lora_args_ok(const LoraRowsArgs& a) {
    if (a.R < 1 || a.R > kMatvecRowsMax || a.n_jobs < 1 || a.n_jobs > 4 || a.C < kMmaStep || a.C % kMmaStep != 0)
        return false;
    for (int j = 0; j < a.n_jobs; ++j) {
        const LoraRowsJob& b = a.job[j];
        if (b.D < kLoraRowsDStep || b.D % kLoraRowsDStep != 0 || !b.down || !b.up || !b.x || !b.h || !b.y) return false;
    }
    return true;
}

}  // namespace

cudaError_t launch_matvec_rows_mma(const MatvecRowsArgs& a, WType wt, cudaStream_t stream) {
    if (a.R < 1 || a.R > kMatvecRowsMax || a.N < 1 || a.K < kMatvecSplitK || a.K % kMatvecSplitK != 0 || a.count < 1 ||
        a.count > 65535 || !a.W || !a.X || !a.Y || (a.beta != 0.0f && a.beta != 1.0f) || wt != WType::F16)
        return cudaErrorInvalidValue;
    const dim3 grid(unsigned((a.N + kMmaRows - 1) / kMmaRows), unsigned(a.count));
    if (a.scale) {
        if (a.y_wt) matvec_rows_mma_kernel<std::int8_t, __half><<<grid, kMmaThreads, 0, stream>>>(a);
        else matvec_rows_mma_kernel<std::int8_t, float><<<grid, kMmaThreads, 0, stream>>>(a);
    } else {
        if (a.y_wt) matvec_rows_mma_kernel<__half, __half><<<grid, kMmaThreads, 0, stream>>>(a);
        else matvec_rows_mma_kernel<__half, float><<<grid, kMmaThreads, 0, stream>>>(a);
    }
    return cudaGetLastError();
}

cudaError_t launch_lora_down_rows(const LoraRowsArgs& a, cudaStream_t stream) {
    if (!lora_args_ok(a)) return cudaErrorInvalidValue;
    unsigned ctas = 0;
    for (int j = 0; j < a.n_jobs; ++j) ctas += unsigned((a.job[j].D + kMmaRows - 1) / kMmaRows);  // lora_per_cta: 16
    lora_down_rows_kernel<<<ctas, 32 * kDownWarps, 0, stream>>>(a);
    return cudaGetLastError();
}

cudaError_t launch_lora_up_rows(const LoraRowsArgs& a, cudaStream_t stream) {
    if (!lora_args_ok(a)) return cudaErrorInvalidValue;
    unsigned ctas = 0;
    for (int j = 0; j < a.n_jobs; ++j) ctas += unsigned(a.C / lora_per_cta(a.job[j].D, true));
    if (a.y_f16) lora_up_rows_kernel<__half><<<ctas, 32 * kUpWarps, 0, stream>>>(a);
    else lora_up_rows_kernel<float><<<ctas, 32 * kUpWarps, 0, stream>>>(a);
    return cudaGetLastError();
}

}  // namespace rwkv::cuda_kernels
