// kernels/cuda/convert.cu — load-time helpers: fp32 -> fp16/fp32 conversion (optionally transposing, for
// the FFN value matrix) and counter-hash random fills (bench weights generated on the device).
// Live variants: convert_kernel<__half|float>, fill_random_kernel<__half|float>, quantize_rows_kernel (one CTA
// per output row: max-abs, then round to int8), dequantize_rows_kernel (int8 -> fp16 for the rows path's
// cuBLAS GEMMs), state_wkv_convert_kernel (v18: a state's WKV matrices to / from the fp16-state copy). Challenger: none.
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

constexpr int kQThreads = 256;

__global__ void __launch_bounds__(kQThreads) quantize_rows_kernel(const float* src, std::int8_t* dst, float* scale,
                                                                  std::int64_t rows, std::int64_t cols, bool transpose) {
    __shared__ float s_max[kQThreads / 32];
    const std::int64_t r = blockIdx.x;                 // output row
    const std::int64_t n = transpose ? rows : cols;    // its length
    auto at = [&](std::int64_t c) { return transpose ? src[c * cols + r] : src[r * cols + c]; };
    float m = 0.0f;
    for (std::int64_t c = threadIdx.x; c < n; c += kQThreads) m = fmaxf(m, fabsf(at(c)));
    for (int o = 16; o > 0; o >>= 1) m = fmaxf(m, __shfl_xor_sync(0xffffffffu, m, o));
    if ((threadIdx.x & 31) == 0) s_max[threadIdx.x >> 5] = m;
    __syncthreads();
    m = 0.0f;
    for (int w = 0; w < kQThreads / 32; ++w) m = fmaxf(m, s_max[w]);
    const float sc = m > 0.0f ? m / 127.0f : 1.0f;
    if (threadIdx.x == 0) scale[r] = sc;
    for (std::int64_t c = threadIdx.x; c < n; c += kQThreads) {
        const float q = fminf(fmaxf(rintf(at(c) / sc), -127.0f), 127.0f);
        dst[r * n + c] = std::int8_t(int(q));
    }
}

__global__ void dequantize_rows_kernel(const std::int8_t* q, const float* scale, __half* dst, std::int64_t rows,
                                       std::int64_t cols) {
    for (std::int64_t r = blockIdx.x; r < rows; r += gridDim.x) {
        const float sc = scale[r];
        const std::int8_t* qr = q + r * cols;
        __half* dr = dst + r * cols;
        if ((cols & 7) == 0) {  // 8 values per thread: an 8-byte load, a 16-byte store
            for (std::int64_t c = threadIdx.x * 8; c < cols; c += std::int64_t(blockDim.x) * 8) {
                const uint2 w = *reinterpret_cast<const uint2*>(qr + c);
                const std::int8_t* b = reinterpret_cast<const std::int8_t*>(&w);
                __align__(16) __half h[8];
#pragma unroll
                for (int i = 0; i < 8; ++i) h[i] = __float2half_rn(float(b[i]) * sc);
                *reinterpret_cast<uint4*>(dr + c) = *reinterpret_cast<const uint4*>(h);
            }
        } else {
            for (std::int64_t c = threadIdx.x; c < cols; c += blockDim.x) dr[c] = __float2half_rn(float(qr[c]) * sc);
        }
    }
}

// v18 fp16-state mode: element e of the fp16 WKV copy [L, 64C] is float (e / 64C) * 66C + C + e % 64C of the
// spec §5 state (the token-shift vectors of each layer are skipped).
template <bool kToF16>
__global__ void state_wkv_convert_kernel(float* state, __half* wkv16, int n_layer, int C) {
    const std::int64_t per = 64 * std::int64_t(C), n = per * n_layer;
    for (std::int64_t e = blockIdx.x * std::int64_t(blockDim.x) + threadIdx.x; e < n;
         e += std::int64_t(gridDim.x) * blockDim.x) {
        const std::int64_t l = e / per, f = l * (per + 2 * std::int64_t(C)) + C + (e - l * per);
        if (kToF16) wkv16[e] = __float2half_rn(state[f]);
        else state[f] = __half2float(wkv16[e]);
    }
}

}  // namespace

cudaError_t launch_quantize_rows(const float* src, std::int8_t* dst, float* scale, std::int64_t rows,
                                 std::int64_t cols, bool transpose, cudaStream_t stream) {
    const std::int64_t out_rows = transpose ? cols : rows;
    if (out_rows <= 0 || out_rows > 0x7fffffff) return cudaErrorInvalidValue;
    quantize_rows_kernel<<<unsigned(out_rows), kQThreads, 0, stream>>>(src, dst, scale, rows, cols, transpose);
    return cudaGetLastError();
}

cudaError_t launch_dequantize_rows(const std::int8_t* q, const float* scale, void* dst, std::int64_t rows,
                                   std::int64_t cols, cudaStream_t stream) {
    dequantize_rows_kernel<<<2048, 256, 0, stream>>>(q, scale, static_cast<__half*>(dst), rows, cols);
    return cudaGetLastError();
}

cudaError_t launch_convert(const float* src, void* dst, WType wt, std::int64_t rows, std::int64_t cols,
                           bool transpose, cudaStream_t stream) {
    const int blocks = 1024;
    if (wt == WType::F16)
        convert_kernel<__half><<<blocks, 256, 0, stream>>>(src, static_cast<__half*>(dst), rows, cols, transpose);
    else
        convert_kernel<float><<<blocks, 256, 0, stream>>>(src, static_cast<float*>(dst), rows, cols, transpose);
    return cudaGetLastError();
}

cudaError_t launch_state_wkv_to_f16(const float* state, std::uint16_t* wkv16, int n_layer, int C, cudaStream_t stream) {
    if (n_layer <= 0 || C <= 0 || C % 64 != 0) return cudaErrorInvalidValue;
    state_wkv_convert_kernel<true><<<1024, 256, 0, stream>>>(const_cast<float*>(state), reinterpret_cast<__half*>(wkv16),
                                                             n_layer, C);
    return cudaGetLastError();
}

cudaError_t launch_state_wkv_to_f32(const std::uint16_t* wkv16, float* state, int n_layer, int C, cudaStream_t stream) {
    if (n_layer <= 0 || C <= 0 || C % 64 != 0) return cudaErrorInvalidValue;
    state_wkv_convert_kernel<false><<<1024, 256, 0, stream>>>(state, reinterpret_cast<__half*>(const_cast<std::uint16_t*>(wkv16)),
                                                              n_layer, C);
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
