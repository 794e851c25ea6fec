// kernels/cuda/matvec_rows_split.cu — v80b (session 53): the nn.Linear products of a 2-8-row decode step with K split
// over a CTA's warps (launch_matvec_rows_split in rwkv_kernels.h). v80 (matvec_rows.cu) lost to cuBLAS on session 53's
// H100 at every B: a warp owned 4 output rows and walked all of K itself, 8 dependent steps for K = 4,096 with 128
// bytes a lane in flight, and the narrow outputs (the LoRA down products, N = 96-480) launched 6-30 CTAs. Here a CTA
// of 8 warps owns 4 output rows; K is cut into 256-column chunks, warp w takes chunks w, w + 8, ..., two at a time
// with both chunks' loads issued before any arithmetic (K = 4,096: every weight of the CTA in flight at once, 32 KB);
// X's R rows come through L1 (every CTA reads the same R × K values); each warp's sums by shuffles, then the 8 warps'
// partial sums added in warp order through shared memory. fp32 accumulation, deterministic, one summation order of
// its own (not v80's, not cuBLAS's). int8 weights (MatvecRowsArgs::scale, v81's form): 8-byte loads, four chunks at a
// time, the row's scale applied to the CTA's sum.
#include "sparse_ffn_rows.cuh"  // load_row8 (evict-first weight loads), unpack8, warp_sum, store_out

namespace rwkv::cuda_kernels {
namespace {

constexpr int kSplitWarps = 8, kSplitThreads = 32 * kSplitWarps, kSplitRows = 4, kChunk = 256;

// The weights of one 256-column chunk for the CTA's 4 rows, times X's R rows, added into acc.
template <typename WT, typename XT, int kR>
__device__ __forceinline__ void chunk_dot(const uint4 (&w)[kSplitRows][kWords<WT>], const XT* X, int R, int K, int k,
                                          float (&acc)[kSplitRows][kR]) {
    float wf[kSplitRows][8];
#pragma unroll
    for (int i = 0; i < kSplitRows; ++i) unpack8<WT>(w[i], wf[i]);
#pragma unroll
    for (int r = 0; r < kR; ++r) {
        if (r >= R) break;
        uint4 xw[kWords<XT>];
#pragma unroll
        for (int q = 0; q < kWords<XT>; ++q) xw[q] = __ldg(reinterpret_cast<const uint4*>(X + std::size_t(r) * K + k) + q);
        float xf[8];
        unpack8<XT>(xw, xf);
#pragma unroll
        for (int i = 0; i < kSplitRows; ++i)
#pragma unroll
            for (int q = 0; q < 8; ++q) acc[i][r] = fmaf(wf[i][q], xf[q], acc[i][r]);
    }
}

// WT the weights (int8 with a.scale), XT the activations (fp16 with fp16 or int8 weights, fp32 with fp32). kU chunks a
// warp loads before its arithmetic: 2 of 16-bit rows (128 bytes a lane), 4 of int8 rows (the same bytes).
template <typename WT, typename XT, typename YT, int kR>
__global__ void __launch_bounds__(kSplitThreads) matvec_rows_split_kernel(const __grid_constant__ MatvecRowsArgs a) {
    constexpr int kU = sizeof(WT) == 1 ? 4 : 2;
    __shared__ float part[kSplitWarps][kSplitRows * kR];
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    const int n0 = blockIdx.x * kSplitRows, K = a.K, chunks = K / kChunk;
    const WT* W = static_cast<const WT*>(a.W) + std::size_t(blockIdx.y) * std::size_t(a.w_stride);
    const XT* X = static_cast<const XT*>(a.X) + std::size_t(blockIdx.y) * std::size_t(a.x_stride);
    YT* Y = static_cast<YT*>(a.Y) + std::size_t(blockIdx.y) * std::size_t(a.y_stride);
    const WT* wrow[kSplitRows];
#pragma unroll
    for (int i = 0; i < kSplitRows; ++i) wrow[i] = W + std::size_t(min(n0 + i, a.N - 1)) * K;  // past N: row N-1 again
    float acc[kSplitRows][kR];
#pragma unroll
    for (int i = 0; i < kSplitRows; ++i)
#pragma unroll
        for (int r = 0; r < kR; ++r) acc[i][r] = 0.0f;
    for (int c = warp; c < chunks; c += kU * kSplitWarps) {
        uint4 w[kU][kSplitRows][kWords<WT>];
#pragma unroll
        for (int u = 0; u < kU; ++u)
            if (c + u * kSplitWarps < chunks) {
#pragma unroll
                for (int i = 0; i < kSplitRows; ++i) load_row8(wrow[i], 0, K, (c + u * kSplitWarps) * kChunk + lane * 8, w[u][i]);
            }
#pragma unroll
        for (int u = 0; u < kU; ++u)
            if (c + u * kSplitWarps < chunks) chunk_dot<WT, XT, kR>(w[u], X, a.R, K, (c + u * kSplitWarps) * kChunk + lane * 8, acc);
    }
#pragma unroll
    for (int i = 0; i < kSplitRows; ++i)
#pragma unroll
        for (int r = 0; r < kR; ++r) {
            const float v = warp_sum(acc[i][r]);
            if (lane == 0) part[warp][i * kR + r] = v;
        }
    __syncthreads();
    const int t = threadIdx.x, i = t / kR, r = t % kR;
    if (t < kSplitRows * kR && r < a.R && n0 + i < a.N) {
        float s = 0.0f;
#pragma unroll
        for (int w = 0; w < kSplitWarps; ++w) s += part[w][t];
        if constexpr (sizeof(WT) == 1)  // int8: row n's scale (the dequantise path's y[n] = sum_k (q[n,k] * s[n]) * x[k])
            s *= __ldg(a.scale + std::size_t(blockIdx.y) * std::size_t(a.scale_stride) + n0 + i);
        store_out(Y + std::size_t(r) * a.N + n0 + i, s, a.beta);
    }
}

template <typename WT, typename XT, typename YT>
cudaError_t launch_split_typed(const MatvecRowsArgs& a, dim3 grid, cudaStream_t stream) {
    if (a.R <= 2) matvec_rows_split_kernel<WT, XT, YT, 2><<<grid, kSplitThreads, 0, stream>>>(a);
    else if (a.R <= 4) matvec_rows_split_kernel<WT, XT, YT, 4><<<grid, kSplitThreads, 0, stream>>>(a);
    else matvec_rows_split_kernel<WT, XT, YT, 8><<<grid, kSplitThreads, 0, stream>>>(a);
    return cudaGetLastError();
}

}  // namespace

cudaError_t launch_matvec_rows_split(const MatvecRowsArgs& a, WType wt, cudaStream_t stream) {
    if (a.R < 1 || a.R > kMatvecRowsMax || a.N < 1 || a.K < kMatvecSplitK || a.K % kMatvecSplitK != 0 || a.count < 1 ||
        a.count > 65535 || !a.W || !a.X || !a.Y || (a.beta != 0.0f && a.beta != 1.0f) || (a.scale && wt != WType::F16))
        return cudaErrorInvalidValue;
    const dim3 grid(unsigned((a.N + kSplitRows - 1) / kSplitRows), unsigned(a.count));
    if (a.scale) {  // int8 weights, fp16 X (v81's form)
        if (a.y_wt) return launch_split_typed<std::int8_t, __half, __half>(a, grid, stream);
        return launch_split_typed<std::int8_t, __half, float>(a, grid, stream);
    }
    if (wt == WType::F16) {
        if (a.y_wt) return launch_split_typed<__half, __half, __half>(a, grid, stream);
        return launch_split_typed<__half, __half, float>(a, grid, stream);
    }
    return launch_split_typed<float, float, float>(a, grid, stream);
}

}  // namespace rwkv::cuda_kernels
