// kernels/cuda/sparse_ffn_batch.cu — v79 (session 52): the sparse FFN value of a small batched-decode step (2 to
// kSparseFfnBatchRows rows; launch_sparse_ffn_batch in rwkv_kernels.h). Before it, the rows path ran the FFN value as a
// dense GEMM at every batch size: at B = 3 it read all F rows of ffn.value, where each row's relu² activations are
// ~90 % zero. This kernel is the v6 chunk kernel (sparse_ffn_chunk.cu) over the union of the rows' active neurons:
// grid (F / kFfnChunk, C / 256), 128 threads. Each CTA compacts the neurons of its 512-neuron chunk where any row's
// activation is non-zero (warp ballot, fixed order) with the kR activations of each, then each warp walks every 4th
// active neuron, 8 in flight, loading the neuron's value row ONCE (a lane: 8 columns, 16-byte loads) and adding it,
// times each row's activation, into kR accumulators. Per row, the 4 warps are summed in a fixed order into
// partials[chunk, row, :]; the last CTA of each column slice (atomic ticket) adds the partials in chunk order into
// x[row]. No float atomics: bit-identical run to run. A row's sum takes the other rows' active neurons only as terms of
// activation 0 (exact zeros); the union decides which warp adds which neuron, so the other rows change its fp32
// rounding order only. With SparseFfnBatchArgs::relu2 it also applies the relu² (the launch of launch_relu2_rows goes).
#include "sparse_ffn_rows.cuh"

namespace rwkv::cuda_kernels {
namespace {

constexpr int kThreads = 128, kWarps = kThreads / 32;

template <typename WT, typename HT, int kR>
__global__ void __launch_bounds__(kThreads) sparse_ffn_batch_kernel(const __grid_constant__ SparseFfnBatchArgs a) {
    __shared__ int s_idx[kFfnChunk];
    __shared__ float s_val[kR][kFfnChunk];
    __shared__ int s_wc[kWarps];
    __shared__ float s_red[kWarps][kCols];
    const int tid = threadIdx.x, lane = tid & 31, warp = tid >> 5;
    const int count = compact_chunk_rows<HT, kR>(a, s_wc, [&](int off, int f, const float (&hv)[kR]) {
        s_idx[off] = f;
#pragma unroll
        for (int r = 0; r < kR; ++r) s_val[r][off] = hv[r];
    });

    const int col = blockIdx.y * kCols + lane * 8;
    const WT* Vt = static_cast<const WT*>(a.Vt);
    float acc[kR][8];
#pragma unroll
    for (int r = 0; r < kR; ++r)
#pragma unroll
        for (int q = 0; q < 8; ++q) acc[r][q] = 0.0f;
    if (col < a.C) {
        for (int e = warp; e < count; e += kWarps * kInFlight) {
            uint4 w[kInFlight][kWords<WT>];
            int kcs[kInFlight];
            float sc[kInFlight];
#pragma unroll
            for (int u = 0; u < kInFlight; ++u) {
                const int k = e + kWarps * u;
                const bool ok = k < count;
                kcs[u] = ok ? k : e;  // past the end: row e again (cached), with factor 0
                const int idx = s_idx[kcs[u]];
                sc[u] = ok ? (a.Vscale ? __ldg(a.Vscale + idx) : 1.0f) : 0.0f;
                load_row8(Vt, idx, a.C, col, w[u]);
            }
#pragma unroll
            for (int u = 0; u < kInFlight; ++u) {
                float f[8];
                unpack8<WT>(w[u], f);
#pragma unroll
                for (int r = 0; r < kR; ++r) {
                    const float hv = s_val[r][kcs[u]] * sc[u];
#pragma unroll
                    for (int q = 0; q < 8; ++q) acc[r][q] = fmaf(hv, f[q], acc[r][q]);
                }
            }
        }
    }
    // per row: the 4 warps' sums in a fixed order into partials[chunk, row, slice columns]
#pragma unroll
    for (int r = 0; r < kR; ++r) {
        if (r >= a.R) break;
#pragma unroll
        for (int q = 0; q < 8; ++q) s_red[warp][lane * 8 + q] = acc[r][q];
        __syncthreads();
        for (int c = tid; c < kCols; c += kThreads) {
            const int gc = blockIdx.y * kCols + c;
            if (gc < a.C)
                a.partials[(std::size_t(blockIdx.x) * a.R + r) * a.C + gc] =
                    ((s_red[0][c] + s_red[1][c]) + s_red[2][c]) + s_red[3][c];
        }
        __syncthreads();
    }
    add_slice_partials(a, tid);  // the last CTA of this column slice adds every chunk's partials, in chunk order, into x
}

template <typename WT, typename HT>
cudaError_t launch_rows(const SparseFfnBatchArgs& a, dim3 grid, cudaStream_t stream) {
    if (a.R <= 2) sparse_ffn_batch_kernel<WT, HT, 2><<<grid, kThreads, 0, stream>>>(a);
    else if (a.R <= 4) sparse_ffn_batch_kernel<WT, HT, 4><<<grid, kThreads, 0, stream>>>(a);
    else sparse_ffn_batch_kernel<WT, HT, 8><<<grid, kThreads, 0, stream>>>(a);
    return cudaGetLastError();
}

}  // namespace

cudaError_t launch_sparse_ffn_batch(const SparseFfnBatchArgs& a, WType wt, cudaStream_t stream) {
    if (a.R < 1 || a.R > kSparseFfnBatchRows || a.F < 1 || a.C < 8 || a.C % 8 != 0 || !a.h || !a.Vt || !a.partials ||
        !a.counters || !a.x)
        return cudaErrorInvalidValue;
    const dim3 grid(unsigned((a.F + kFfnChunk - 1) / kFfnChunk), unsigned((a.C + kCols - 1) / kCols));
    if (a.mma) {  // v84: fp16 or int8 weights only (the mma takes fp16)
        if (!a.Vscale && wt != WType::F16) return cudaErrorInvalidValue;
        return launch_sparse_ffn_batch_mma(a, grid, stream);
    }
    if (a.Vscale) return launch_rows<std::int8_t, __half>(a, grid, stream);  // int8 weights: fp16 activations
    if (wt == WType::F16) return launch_rows<__half, __half>(a, grid, stream);
    return launch_rows<float, float>(a, grid, stream);
}

}  // namespace rwkv::cuda_kernels
