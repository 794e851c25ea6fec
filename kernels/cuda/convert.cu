// kernels/cuda/convert.cu — load-time helpers: fp32 -> fp16/fp32 conversion (optionally transposing, for
// the FFN value matrix) and counter-hash random fills (bench weights generated on the device).
// Live variants: convert_kernel<__half|float>, fill_random_kernel<__half|float>. Challenger: none.
#include "common.cuh"

namespace rwkv::cuda_kernels {
namespace {

__device__ __forceinline__ void store(__half* p, float v) { *p = __float2half_rn(v); }
__device__ __forceinline__ void store(float* p, float v) { *p = v; }

template <typename WT>
__global__ void convert_kernel(const float* src, WT* dst, std::int64_t rows, std::int64_t cols, bool transpose) {
    const std::int64_t n = rows * cols;
    for (std::int64_t i = blockIdx.x * std::int64_t(blockDim.x) + threadIdx.x; i < n;
         i += std::int64_t(gridDim.x) * blockDim.x) {
        if (!transpose) {
            store(dst + i, src[i]);
        } else {  // dst [cols, rows]: element (c, r) = src (r, c)
            const std::int64_t c = i / rows, r = i % rows;
            store(dst + i, src[r * cols + c]);
        }
    }
}

__device__ __forceinline__ std::uint64_t mix64(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

template <typename WT>
__global__ void fill_random_kernel(WT* dst, std::int64_t n, std::uint64_t seed, float scale, float offset) {
    for (std::int64_t i = blockIdx.x * std::int64_t(blockDim.x) + threadIdx.x; i < n;
         i += std::int64_t(gridDim.x) * blockDim.x) {
        const std::uint64_t h = mix64(seed * 0x9e3779b97f4a7c15ull + std::uint64_t(i));
        const float u = float(h >> 40) * (2.0f / 16777216.0f) - 1.0f;  // [-1, 1)
        store(dst + i, offset + scale * u);
    }
}

}  // namespace

cudaError_t launch_convert(const float* src, void* dst, WType wt, std::int64_t rows, std::int64_t cols,
                           bool transpose, cudaStream_t stream) {
    const int blocks = 1024;
    if (wt == WType::F16)
        convert_kernel<__half><<<blocks, 256, 0, stream>>>(src, static_cast<__half*>(dst), rows, cols, transpose);
    else
        convert_kernel<float><<<blocks, 256, 0, stream>>>(src, static_cast<float*>(dst), rows, cols, transpose);
    return cudaGetLastError();
}

cudaError_t launch_fill_random(void* dst, WType wt, std::int64_t n, std::uint64_t seed, float scale, float offset,
                               cudaStream_t stream) {
    const int blocks = 2048;
    if (wt == WType::F16)
        fill_random_kernel<__half><<<blocks, 256, 0, stream>>>(static_cast<__half*>(dst), n, seed, scale, offset);
    else
        fill_random_kernel<float><<<blocks, 256, 0, stream>>>(static_cast<float*>(dst), n, seed, scale, offset);
    return cudaGetLastError();
}

}  // namespace rwkv::cuda_kernels
