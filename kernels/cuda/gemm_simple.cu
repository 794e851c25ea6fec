// kernels/cuda/gemm_simple.cu — a plain tiled GEMM for the rows path when the build has no cuBLAS (or when
// RWKV_CUDA_GEMM=simple forces it, which the GPU tests use to cross-check the cuBLAS call layouts).
// Y[R, N] = beta*Y + X[R, K] · op(W); 16x16 output tiles, K in steps of 16 through shared memory, fp32
// accumulation. Correct, not fast (CUDA cores only). Live variant: gemm_simple_kernel<WT> (v1). Challenger: none.
#include "common.cuh"

namespace rwkv::cuda_kernels {
namespace {

constexpr int kTile = 16;

__device__ __forceinline__ void store_y(float* p, float v) { *p = v; }
__device__ __forceinline__ void store_y(__half* p, float v) { *p = __float2half_rn(v); }

template <typename WT, typename YT>
__global__ void gemm_simple_kernel(int R, int N, int K, const WT* W, bool w_rows_n, const WT* X, YT* Y, float beta) {
    __shared__ float xs[kTile][kTile + 1], ws[kTile][kTile + 1];
    const int tx = threadIdx.x, ty = threadIdx.y;
    const int n = blockIdx.x * kTile + tx, r = blockIdx.y * kTile + ty;
    float acc = 0.0f;
    for (int k0 = 0; k0 < K; k0 += kTile) {
        // xs[ty][tx] = X[row blockIdx.y*16+ty][k0+tx]; ws[ty][tx] = W(n = blockIdx.x*16+ty, k = k0+tx)
        const int xr = blockIdx.y * kTile + ty, kx = k0 + tx;
        xs[ty][tx] = (xr < R && kx < K) ? to_f32(X[std::size_t(xr) * K + kx]) : 0.0f;
        const int wn = blockIdx.x * kTile + ty;
        float wv = 0.0f;
        if (wn < N && kx < K) wv = to_f32(w_rows_n ? W[std::size_t(wn) * K + kx] : W[std::size_t(kx) * N + wn]);
        ws[ty][tx] = wv;
        __syncthreads();
#pragma unroll
        for (int kk = 0; kk < kTile; ++kk) acc = fmaf(xs[ty][kk], ws[tx][kk], acc);
        __syncthreads();
    }
    if (r < R && n < N) {
        YT* y = Y + std::size_t(r) * N + n;
        store_y(y, beta != 0.0f ? beta * to_f32(*y) + acc : acc);
    }
}

}  // namespace

cudaError_t launch_gemm_simple(int R, int N, int K, const void* W, bool w_rows_n, const void* X, void* Y, bool y_wt,
                               float beta, WType wt, cudaStream_t stream) {
    const dim3 grid((N + kTile - 1) / kTile, (R + kTile - 1) / kTile), block(kTile, kTile);
    if (grid.y > 65535) return cudaErrorInvalidValue;
    if (wt == WType::F16) {
        const auto* w = static_cast<const __half*>(W);
        const auto* x = static_cast<const __half*>(X);
        if (y_wt) gemm_simple_kernel<__half, __half><<<grid, block, 0, stream>>>(R, N, K, w, w_rows_n, x, static_cast<__half*>(Y), beta);
        else gemm_simple_kernel<__half, float><<<grid, block, 0, stream>>>(R, N, K, w, w_rows_n, x, static_cast<float*>(Y), beta);
    } else {
        const auto* w = static_cast<const float*>(W);
        const auto* x = static_cast<const float*>(X);
        gemm_simple_kernel<float, float><<<grid, block, 0, stream>>>(R, N, K, w, w_rows_n, x, static_cast<float*>(Y), beta);
    }
    return cudaGetLastError();
}

}  // namespace rwkv::cuda_kernels
