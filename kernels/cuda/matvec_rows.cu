// kernels/cuda/matvec_rows.cu — v80 (session 52): the rows path's nn.Linear products for a small batched-decode step
// (R = 1..kMatvecRowsMax rows; launch_matvec_rows in rwkv_kernels.h). cuBLAS runs them as GEMMs whose tiles pad R to
// 16-64 rows and, for the 4,096-wide outputs, launch ~32 CTAs per matrix (v38's split-K was the workaround); this is a
// matrix-vector kernel that reads each weight row once for all R rows of X: a warp owns 4 consecutive output rows, its
// lanes walk K in 8-element chunks (one 16-byte fp16 load per row and chunk, evict-first), each chunk of X's R rows
// loaded once per warp (through L1: the CTA's 4 warps share it) and used for the 4 weight rows, fp32 accumulation,
// the warp's sums by shuffles in a fixed order. Deterministic; not bit-identical to cuBLAS (another summation order).
// v81 (session 53): int8 weights (MatvecRowsArgs::scale) in the same kernel — each lane's 8 weights of a row and chunk
// one 8-byte evict-first load (load_row8), unpacked by the 2^23 mantissa trick (unpack8), four chunks in flight (the
// same 128 bytes per lane), X fp16, the row's fp32 scale applied to its warp sum: each weight moves 1 byte instead of
// the dequantise path's 5 (int8 read, fp16 written, fp16 read). The same summation order as the fp16 form.
#include "sparse_ffn_rows.cuh"  // ld_stream (16-byte evict-first loads), unpack8

namespace rwkv::cuda_kernels {
namespace {

constexpr int kThreads = 128, kWarps = kThreads / 32, kRowsPerWarp = 4;


// WT the weights (int8 with a.scale), XT the activations (fp16 with fp16 or int8 weights, fp32 with fp32)
template <typename WT, typename XT, typename YT, int kR>
__global__ void __launch_bounds__(kThreads) matvec_rows_kernel(const __grid_constant__ MatvecRowsArgs a) {
    constexpr int kInFlight = sizeof(WT) == 1 ? 4 : 2;  // chunks per lane in flight: 128 bytes of int8 or fp16 rows
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    const int n0 = (blockIdx.x * kWarps + warp) * kRowsPerWarp;
    if (n0 >= a.N) return;
    const int K = a.K;
    const WT* W = static_cast<const WT*>(a.W) + std::size_t(blockIdx.y) * std::size_t(a.w_stride);
    const XT* X = static_cast<const XT*>(a.X) + std::size_t(blockIdx.y) * std::size_t(a.x_stride);
    YT* Y = static_cast<YT*>(a.Y) + std::size_t(blockIdx.y) * std::size_t(a.y_stride);
    float acc[kRowsPerWarp][kR];
#pragma unroll
    for (int i = 0; i < kRowsPerWarp; ++i)
#pragma unroll
        for (int r = 0; r < kR; ++r) acc[i][r] = 0.0f;
    const WT* wrow[kRowsPerWarp];
#pragma unroll
    for (int i = 0; i < kRowsPerWarp; ++i) wrow[i] = W + std::size_t(min(n0 + i, a.N - 1)) * K;  // past N: row N-1 again
#pragma unroll kInFlight
    for (int k = lane * 8; k < K; k += 32 * 8) {
        uint4 w[kRowsPerWarp][kWords<WT>];
#pragma unroll
        for (int i = 0; i < kRowsPerWarp; ++i) load_row8(wrow[i], 0, K, k, w[i]);
#pragma unroll
        for (int r = 0; r < kR; ++r) {
            if (r >= a.R) break;
            uint4 xw[kWords<XT>];
#pragma unroll
            for (int q = 0; q < kWords<XT>; ++q)
                xw[q] = __ldg(reinterpret_cast<const uint4*>(X + std::size_t(r) * K + k) + q);
            float xf[8];
            unpack8<XT>(xw, xf);
#pragma unroll
            for (int i = 0; i < kRowsPerWarp; ++i) {
                float wf[8];
                unpack8<WT>(w[i], wf);
#pragma unroll
                for (int q = 0; q < 8; ++q) acc[i][r] = fmaf(wf[q], xf[q], acc[i][r]);
            }
        }
    }
    float scale[kRowsPerWarp];  // int8: row n's scale (the dequantise path's y[n] = sum_k (q[n,k] * s[n]) * x[k])
#pragma unroll
    for (int i = 0; i < kRowsPerWarp; ++i)
        scale[i] = sizeof(WT) == 1 && lane == 0 && n0 + i < a.N
                       ? __ldg(a.scale + std::size_t(blockIdx.y) * std::size_t(a.scale_stride) + n0 + i)
                       : 1.0f;
#pragma unroll
    for (int i = 0; i < kRowsPerWarp; ++i)
#pragma unroll
        for (int r = 0; r < kR; ++r) {
            if (r >= a.R) break;
            const float v = warp_sum(acc[i][r]);
            if (lane == 0 && n0 + i < a.N)
                store_out(Y + std::size_t(r) * a.N + n0 + i, sizeof(WT) == 1 ? v * scale[i] : v, a.beta);
        }
}

template <typename WT, typename XT, typename YT>
cudaError_t launch_typed(const MatvecRowsArgs& a, dim3 grid, cudaStream_t stream) {
    if (a.R <= 2) matvec_rows_kernel<WT, XT, YT, 2><<<grid, kThreads, 0, stream>>>(a);
    else if (a.R <= 4) matvec_rows_kernel<WT, XT, YT, 4><<<grid, kThreads, 0, stream>>>(a);
    else matvec_rows_kernel<WT, XT, YT, 8><<<grid, kThreads, 0, stream>>>(a);
    return cudaGetLastError();
}

}  // namespace

cudaError_t launch_matvec_rows(const MatvecRowsArgs& a, WType wt, cudaStream_t stream) {
    if (a.R < 1 || a.R > kMatvecRowsMax || a.N < 1 || a.K < 8 || a.K % 8 != 0 || a.count < 1 || a.count > 65535 ||
        !a.W || !a.X || !a.Y || (a.beta != 0.0f && a.beta != 1.0f) || (a.scale && wt != WType::F16))
        return cudaErrorInvalidValue;
    const int per_cta = kWarps * kRowsPerWarp;
    const dim3 grid(unsigned((a.N + per_cta - 1) / per_cta), unsigned(a.count));
    if (a.scale) {  // v81: int8 weights, fp16 X
        if (a.y_wt) return launch_typed<std::int8_t, __half, __half>(a, grid, stream);
        return launch_typed<std::int8_t, __half, float>(a, grid, stream);
    }
    if (wt == WType::F16) {
        if (a.y_wt) return launch_typed<__half, __half, __half>(a, grid, stream);
        return launch_typed<__half, __half, float>(a, grid, stream);
    }
    return launch_typed<float, float, float>(a, grid, stream);
}

}  // namespace rwkv::cuda_kernels
