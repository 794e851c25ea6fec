// kernels/cuda/sparse_ffn_chunk.cu — the sparse FFN's v6 chunk kernel; launch_sparse_ffn (sparse_ffn.cu, with the
// list of variants) runs it when SparseFfnArgs::mask and ::poll are unset.
// v6 variant (challenger since v7): sparse_ffn_kernel<__half|float> — grid (F/kFfnChunk, C/256), 128 threads. Each CTA
// compacts the non-zero activations of its 512-neuron chunk into shared memory (warp ballot, fixed
// order), then each warp walks every 4th active row, 8 rows in flight (16 measured in v6: 0.44 -> 0.48 ms per token, dropped), a lane accumulating 8 columns
// (16-byte loads, 512 contiguous bytes per row per CTA), and the 4 warps are summed in a fixed order
// into partials[chunk, :]; the last CTA of each column slice (atomic ticket) adds the partials in chunk order
// to the residual x. No float atomics: the result is bit-identical run to run. `dense` reads every row
// (measurement of the dense FFN). v1 (1024-neuron chunks, 4 rows in flight, partials summed by the next
// single-CTA LayerNorm) ran at 0.7 TB/s on H200 (docs/perf-notes.md).
#include "sparse_ffn_rows.cuh"

namespace rwkv::cuda_kernels {
namespace {

constexpr int kThreads = 128;

template <typename WT>
__global__ void __launch_bounds__(kThreads) sparse_ffn_kernel(const __grid_constant__ SparseFfnArgs a) {
    __shared__ int s_idx[kFfnChunk];
    __shared__ float s_val[kFfnChunk];
    __shared__ int s_wc[4];
    __shared__ float s_red[4][kCols];
    const int tid = threadIdx.x, lane = tid & 31, warp = tid >> 5;
    pdl_wait();
    pdl_trigger();
    const int f0 = blockIdx.x * kFfnChunk;
    const int len = min(kFfnChunk, a.F - f0);
    int count = 0;
    constexpr int kSteps = kFfnChunk / kThreads;
    float hpre[kSteps];  // all activations of the chunk in flight at once
#pragma unroll
    for (int q = 0; q < kSteps; ++q) hpre[q] = q * kThreads + tid < len ? a.h[f0 + q * kThreads + tid] : 0.0f;
#pragma unroll
    for (int q = 0; q < kSteps; ++q) {
        const int step = q * kThreads;
        const int f = f0 + step + tid;
        const bool in = step + tid < len;
        const float hv = hpre[q];
        const bool nz = in && (a.dense || hv != 0.0f);
        compact_active(nz, lane, warp, s_wc, count, [&](int off) {
            s_idx[off] = f;
            s_val[off] = hv;
        });
    }
    if (a.active && blockIdx.y == 0 && tid == 0 && !a.dense) atomicAdd(a.active, (unsigned long long)count);

    const int col = blockIdx.y * kCols + lane * 8;
    const bool col_ok = col < a.C;
    const WT* Vt = static_cast<const WT*>(a.Vt);
    float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    // 4 warps, 8 rows in flight each: one memory round trip covers the ~12 active rows a warp gets at 10 % density
    accumulate_rows<WT, 4>(col_ok, Vt, a.Vscale, a.C, col, s_idx, count, warp,
                           [&](int kc, int, bool ok) { return ok ? s_val[kc] : 0.0f; }, acc);
#pragma unroll
    for (int q = 0; q < 8; ++q) s_red[warp][lane * 8 + q] = acc[q];
    __syncthreads();
    for (int c = tid; c < kCols; c += kThreads) {
        const int gc = blockIdx.y * kCols + c;
        if (gc < a.C)
            a.partials[std::size_t(blockIdx.x) * a.C + gc] = ((s_red[0][c] + s_red[1][c]) + s_red[2][c]) + s_red[3][c];
    }
    // The last CTA of this column slice adds the partials of every chunk, in chunk order, into x.
    __shared__ bool s_last;
    __threadfence();
    __syncthreads();
    if (tid == 0) {
        const unsigned done = atomicAdd(&a.counters[blockIdx.y], 1u);
        s_last = done == gridDim.x - 1;
    }
    __syncthreads();
    if (!s_last) return;
    __threadfence();
    for (int c = tid; c < kCols; c += kThreads) {
        const int gc = blockIdx.y * kCols + c;
        if (gc >= a.C) continue;
        float sum = 0.0f;
#pragma unroll 8
        for (int p = 0; p < int(gridDim.x); ++p) sum += __ldcg(a.partials + std::size_t(p) * a.C + gc);
        a.x[gc] += sum;
    }
    if (tid == 0) a.counters[blockIdx.y] = 0;
}

}  // namespace

cudaError_t launch_sparse_ffn_chunk(const SparseFfnArgs& a, WType wt, dim3 grid, cudaStream_t stream) {
    if (a.Vscale) return launch_pdl(sparse_ffn_kernel<std::int8_t>, grid, dim3(kThreads), 0, stream, a);
    if (wt == WType::F16) return launch_pdl(sparse_ffn_kernel<__half>, grid, dim3(kThreads), 0, stream, a);
    return launch_pdl(sparse_ffn_kernel<float>, grid, dim3(kThreads), 0, stream, a);
}

}  // namespace rwkv::cuda_kernels
