// kernels/cuda/lora_rows.cu — v27: the LoRA down-projections of batched decode (fp16 rows) on the tensor cores
// with K split across CTAs. cuBLAS runs these [R, 4096] x [4096, D <= 480] products at ~0.8 TB/s (H200 7.2B
// B=256: 11.5 us for 9 MB): 2-16 output tiles cannot fill 132 SMs. Here CTA (m tile of 64 rows, n tile of 128
// columns of one job, K slice) computes 64 x 128 partial sums with WMMA 16x16x16 (fp16 in, fp32 accumulate),
// fragments loaded straight from global memory (L1 shares them between the warps of a CTA), and stores them to
// part[split][Rpad][D]; launch_act_rows (ActJob::splits) adds the splits in order — deterministic — and applies
// the activation. Live variant: lora_down_rows_kernel (v27). Challenger: cuBLAS (CudaModel::set_lora_down_wmma).
#include <mma.h>

#include "common.cuh"

namespace rwkv::cuda_kernels {
namespace {

using namespace nvcuda;

constexpr int kTileM = 64, kTileN = 128, kWarps = 8;

__global__ void __launch_bounds__(kWarps * 32) lora_down_rows_kernel(const __grid_constant__ LoraDownArgs a) {
    // blockIdx.y: the n tile over all jobs; blockIdx.x: m tile * splits + split
    int job = 0, nt = int(blockIdx.y);
    while (job < a.n - 1 && nt >= (a.job[job].D + kTileN - 1) / kTileN) {
        nt -= (a.job[job].D + kTileN - 1) / kTileN;
        ++job;
    }
    const LoraDownJob& j = a.job[job];
    const int split = int(blockIdx.x) % a.splits, mt = int(blockIdx.x) / a.splits;
    const int warp = int(threadIdx.x) >> 5;
    const int m0 = mt * kTileM + (warp & 1) * 32, n0 = nt * kTileN + (warp >> 1) * 32;
    const int Rpad = (a.R + 15) & ~15;
    const bool mv[2] = {m0 < Rpad, m0 + 16 < Rpad};
    const bool nv[2] = {n0 < j.D, n0 + 16 < j.D};
    if (!mv[0] || !nv[0]) return;  // warp-uniform: nothing of this warp's 32 x 32 lies inside
    const int K = a.K, k0 = split * a.k_slice;
    const __half* x = static_cast<const __half*>(j.x);
    const __half* w = static_cast<const __half*>(j.w);
    wmma::fragment<wmma::accumulator, 16, 16, 16, float> acc[2][2];
#pragma unroll
    for (int i = 0; i < 2; ++i)
#pragma unroll
        for (int q = 0; q < 2; ++q) wmma::fill_fragment(acc[i][q], 0.0f);
    // rows of X past R (up to Rpad) read the rows after it (make_rows pads the activation buffers); their sums are
    // never read. Columns of W past D are skipped (D % 16 == 0).
    const __half* xa[2] = {x + std::size_t(m0) * K, x + std::size_t(mv[1] ? m0 + 16 : m0) * K};
    const __half* wb[2] = {w + std::size_t(n0) * K, w + std::size_t(nv[1] ? n0 + 16 : n0) * K};
#pragma unroll 4
    for (int k = k0; k < k0 + a.k_slice; k += 16) {
        wmma::fragment<wmma::matrix_a, 16, 16, 16, __half, wmma::row_major> fa[2];
        wmma::fragment<wmma::matrix_b, 16, 16, 16, __half, wmma::col_major> fb[2];
#pragma unroll
        for (int i = 0; i < 2; ++i) wmma::load_matrix_sync(fa[i], xa[i] + k, K);
#pragma unroll
        for (int q = 0; q < 2; ++q) wmma::load_matrix_sync(fb[q], wb[q] + k, K);  // B[k][n] = W[n][k]
#pragma unroll
        for (int i = 0; i < 2; ++i)
#pragma unroll
            for (int q = 0; q < 2; ++q) wmma::mma_sync(acc[i][q], fa[i], fb[q], acc[i][q]);
    }
    float* part = j.part + std::size_t(split) * std::size_t(Rpad) * std::size_t(j.D);
#pragma unroll
    for (int i = 0; i < 2; ++i)
#pragma unroll
        for (int q = 0; q < 2; ++q)
            if (mv[i] && nv[q])
                wmma::store_matrix_sync(part + std::size_t(m0 + 16 * i) * j.D + n0 + 16 * q, acc[i][q], unsigned(j.D),
                                        wmma::mem_row_major);
}

}  // namespace

int lora_down_splits(int R, const LoraDownArgs& a) {
    int tiles = 0;
    for (int i = 0; i < a.n; ++i) tiles += (a.job[i].D + kTileN - 1) / kTileN;
    tiles *= (R + kTileM - 1) / kTileM;
    int s = 1;
    while (s < 16 && tiles * s < 200 && a.K % (32 * s) == 0) s *= 2;  // ~1.5 CTAs per SM of an H100/H200
    return s;
}

cudaError_t launch_lora_down_rows(const LoraDownArgs& a, cudaStream_t stream) {
    if (a.n < 1 || a.n > 4 || a.R < 1 || a.splits < 1 || a.K % (16 * a.splits) != 0 || a.k_slice * a.splits != a.K)
        return cudaErrorInvalidValue;
    int tiles = 0;
    for (int i = 0; i < a.n; ++i) {
        if (a.job[i].D < 16 || a.job[i].D % 16 != 0) return cudaErrorInvalidValue;
        tiles += (a.job[i].D + kTileN - 1) / kTileN;
    }
    const dim3 grid(unsigned((a.R + kTileM - 1) / kTileM * a.splits), unsigned(tiles));
    lora_down_rows_kernel<<<grid, kWarps * 32, 0, stream>>>(a);
    return cudaGetLastError();
}

}  // namespace rwkv::cuda_kernels
