// kernels/cuda/rows.cu — the glue of the sequence ("rows") path, used by chunked prefill and batched decode
// (rwkv_kernels.h RowsGeom): LayerNorm per row (with the embedding + ln0 at layer 0), the token-shift mixes
// (previous row inside a sequence, the stored state for a sequence's first row), element-wise activations
// of the LoRA hidden vectors, and relu² of the FFN key output. Every output that feeds a GEMM is written in
// the weight type AT (fp16 or fp32), everything else stays fp32.
// Live variants: ln_rows_kernel<ET, AT>, mix_rows_kernel<AT>, act_rows_kernel<AT>, relu2_rows_kernel<AT>
// (v1, 2026-11-29). Challenger: none.
#include <algorithm>

#include "common.cuh"

namespace rwkv::cuda_kernels {
namespace {

constexpr int kThreads = 256;

__device__ __forceinline__ void store_at(__half* p, float v) { *p = __float2half_rn(v); }
__device__ __forceinline__ void store_at(float* p, float v) { *p = v; }

// One CTA per (selected) row.
template <typename ET>
__global__ void __launch_bounds__(kThreads) ln_rows_kernel(const __grid_constant__ LnRowsArgs a, int at_half) {
    extern __shared__ float xs[];  // [C]
    __shared__ float red[32];
    const int C = a.g.C, T = a.g.T;
    const int row = a.last_only ? blockIdx.x * T + (T - 1) : blockIdx.x;
    const int s = row / T, t = row % T;
    float* x = a.x + std::size_t(row) * C;
    if (a.mode == kLnFromEmbedding) {
        const ET* e = static_cast<const ET*>(a.emb) + std::size_t(a.tokens[row]) * C;
        for (int k = threadIdx.x; k < C; k += blockDim.x) xs[k] = to_f32(e[k]);
        __syncthreads();
        float m0, i0;
        ln_stats(xs, C, red, m0, i0);
        for (int k = threadIdx.x; k < C; k += blockDim.x) {
            const float v = (xs[k] - m0) * i0 * a.ln0_w[k] + a.ln0_b[k];
            xs[k] = v;
            x[k] = v;
        }
        __syncthreads();
    } else {
        for (int k = threadIdx.x; k < C; k += blockDim.x) xs[k] = x[k];
        __syncthreads();
    }
    float mean, inv;
    ln_stats(xs, C, red, mean, inv);
    const std::size_t out_row = a.last_only ? std::size_t(blockIdx.x) : std::size_t(row);
    for (int k = threadIdx.x; k < C; k += blockDim.x) {
        const float z = (xs[k] - mean) * inv * a.ln_w[k] + a.ln_b[k];
        if (a.zf) a.zf[out_row * C + k] = z;
        if (a.zh) {
            if (at_half) store_at(static_cast<__half*>(a.zh) + out_row * C + k, z);
            else store_at(static_cast<float*>(a.zh) + out_row * C + k, z);
        }
    }
    if (a.shift_offset >= 0 && t == 0) {
        const float* sh = a.g.states[s] + a.shift_offset;
        for (int k = threadIdx.x; k < C; k += blockDim.x) a.prev0[std::size_t(s) * C + k] = sh[k];
    }
}

// grid (ceil(C/256), R): one thread per channel of one row.
template <typename AT>
__global__ void __launch_bounds__(kThreads) mix_rows_kernel(const __grid_constant__ MixRowsArgs a) {
    const int C = a.g.C, T = a.g.T, R = a.g.S * a.g.T;
    const int c = blockIdx.x * kThreads + threadIdx.x, row = blockIdx.y;
    if (c >= C) return;
    const int s = row / T, t = row % T;
    const float z = a.z[std::size_t(row) * C + c];
    const float prev = t > 0 ? a.z[std::size_t(row - 1) * C + c] : a.prev0[std::size_t(s) * C + c];
    const float d = prev - z;
    AT* out = static_cast<AT*>(a.out);
    for (int m = 0; m < a.n_mix; ++m)
        store_at(out + (std::size_t(a.slot[m]) * R + row) * C + c, z + d * a.mix[std::size_t(m) * C + c]);
    if (t == T - 1) a.g.states[s][a.shift_offset + c] = z;
}

template <typename AT>
__global__ void act_rows_kernel(const __grid_constant__ ActBatch b) {
    const ActJob& j = b.job[blockIdx.y];
    AT* out = static_cast<AT*>(j.out);
    for (std::int64_t i = blockIdx.x * std::int64_t(blockDim.x) + threadIdx.x; i < j.n;
         i += std::int64_t(gridDim.x) * blockDim.x) {
        float v = j.in[i];
        if (j.act == kActTanh) v = tanhf(v);
        else if (j.act == kActSigmoid) v = sigmoidf_(v);
        store_at(out + i, v);
    }
}

template <typename AT>
__global__ void __launch_bounds__(kThreads) relu2_rows_kernel(AT* h, std::int64_t n, unsigned long long* active) {
    __shared__ float red[32];
    float nz = 0.0f;
    for (std::int64_t i = blockIdx.x * std::int64_t(blockDim.x) + threadIdx.x; i < n;
         i += std::int64_t(gridDim.x) * blockDim.x) {
        const float v = fmaxf(to_f32(h[i]), 0.0f);
        store_at(h + i, v * v);
        nz += v > 0.0f ? 1.0f : 0.0f;
    }
    if (active) {
        const float tot = block_sum(nz, red);
        if (threadIdx.x == 0 && tot > 0.0f) atomicAdd(active, (unsigned long long)tot);
    }
}

}  // namespace

cudaError_t launch_ln_rows(const LnRowsArgs& a, WType wt, cudaStream_t stream) {
    const std::size_t smem = std::size_t(a.g.C) * sizeof(float);
    if (smem > 48 * 1024 || a.g.S <= 0 || a.g.T <= 0) return cudaErrorInvalidValue;
    const int blocks = a.last_only ? a.g.S : a.g.S * a.g.T;
    const int at_half = wt == WType::F16 ? 1 : 0;
    if (wt == WType::F16) ln_rows_kernel<__half><<<blocks, kThreads, smem, stream>>>(a, at_half);
    else ln_rows_kernel<float><<<blocks, kThreads, smem, stream>>>(a, at_half);
    return cudaGetLastError();
}

cudaError_t launch_mix_rows(const MixRowsArgs& a, WType wt, cudaStream_t stream) {
    if (a.n_mix < 1 || a.n_mix > 6) return cudaErrorInvalidValue;
    const dim3 grid((a.g.C + kThreads - 1) / kThreads, a.g.S * a.g.T);
    if (wt == WType::F16) mix_rows_kernel<__half><<<grid, kThreads, 0, stream>>>(a);
    else mix_rows_kernel<float><<<grid, kThreads, 0, stream>>>(a);
    return cudaGetLastError();
}

cudaError_t launch_act_rows(const ActBatch& b, WType wt, cudaStream_t stream) {
    if (b.n < 1 || b.n > 4) return cudaErrorInvalidValue;
    std::int64_t biggest = 0;
    for (int i = 0; i < b.n; ++i) biggest = biggest > b.job[i].n ? biggest : b.job[i].n;
    const int blocks = int(std::min<std::int64_t>((biggest + kThreads - 1) / kThreads, 1024));
    const dim3 grid(blocks > 0 ? blocks : 1, b.n);
    if (wt == WType::F16) act_rows_kernel<__half><<<grid, kThreads, 0, stream>>>(b);
    else act_rows_kernel<float><<<grid, kThreads, 0, stream>>>(b);
    return cudaGetLastError();
}

cudaError_t launch_relu2_rows(void* h, std::int64_t n, unsigned long long* active, WType wt, cudaStream_t stream) {
    const int blocks = int(std::min<std::int64_t>((n + kThreads - 1) / kThreads, 2048));
    if (blocks <= 0) return cudaSuccess;
    if (wt == WType::F16) relu2_rows_kernel<__half><<<blocks, kThreads, 0, stream>>>(static_cast<__half*>(h), n, active);
    else relu2_rows_kernel<float><<<blocks, kThreads, 0, stream>>>(static_cast<float*>(h), n, active);
    return cudaGetLastError();
}

}  // namespace rwkv::cuda_kernels
