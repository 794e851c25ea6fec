// GEMMs of the CUDA rows path (chunked prefill, batched decode): cuBLAS (fp16 x fp16 -> fp32 accumulation on
// the tensor cores; fp32 weights: plain fp32) when the build has it, otherwise — or when RWKV_CUDA_GEMM=simple
// is set — the plain fallback kernel of kernels/cuda/gemm_simple.cu. Calls are stream-ordered and may be
// captured into a CUDA graph (cuBLAS gets a fixed workspace, so capture allocates nothing).
#pragma once

#include <cuda_runtime_api.h>

#include "rwkv_kernels.h"  // kernels/cuda

namespace rwkv::cuda {

class GemmRunner {
public:
    GemmRunner(cudaStream_t stream, cuda_kernels::WType wt);
    ~GemmRunner();
    GemmRunner(const GemmRunner&) = delete;
    GemmRunner& operator=(const GemmRunner&) = delete;

    /// Y[R, N] = beta*Y + X[R, K] · Wᵀ with W [N, K] row-major (an nn.Linear weight), X in the weight type,
    /// Y fp32 (or the weight type when y_wt). beta is 0 or 1. Throws rwkv::Error on a failed call.
    void linear(int R, int N, int K, const void* W, const void* X, void* Y, bool y_wt, float beta, const char* what);
    /// Y[R, N] = beta*Y + X[R, K] · W with W [K, N] row-major (the transposed FFN value matrix).
    void linear_kn(int R, int N, int K, const void* W, const void* X, void* Y, bool y_wt, float beta, const char* what);
    /// `count` independent linear() products in one call: W_i = W + i*w_stride, X_i = X + i*x_stride,
    /// Y_i = Y + i*y_stride (strides in elements of each operand's type).
    void linear_strided(int count, int R, int N, int K, const void* W, long long w_stride, const void* X,
                        long long x_stride, void* Y, long long y_stride, bool y_wt, float beta, const char* what);
    /// Split-K: the K range in `splits` equal slices, each slice's product into its own fp32 block of Y
    /// ([splits, R, N], block stride R*N; beta 0) in one strided-batched call, for the caller to add up. W is [N, K]
    /// row-major when w_rows_n (linear), else [K, N] (linear_kn). Needs can_split_k() and K % splits == 0; throws
    /// rwkv::Error (Internal) otherwise.
    void linear_split_k(int splits, int R, int N, int K, bool w_rows_n, const void* W, const void* X, float* Y,
                        const char* what);
    /// True when linear_split_k can run (cuBLAS present and not forced off).
    bool can_split_k() const noexcept { return handle_ != nullptr && !force_simple_; }
    /// True when the GEMMs run through cuBLAS.
    bool uses_cublas() const noexcept { return handle_ != nullptr; }
    /// Switches to the fallback kernel (tests) or back to cuBLAS when present.
    void set_force_simple(bool on) { force_simple_ = on; }

private:
    void run(bool w_rows_n, int R, int N, int K, const void* W, const void* X, void* Y, bool y_wt, float beta,
             const char* what);
    cudaStream_t stream_;
    cuda_kernels::WType wt_;
    void* handle_ = nullptr;     // cublasHandle_t
    void* workspace_ = nullptr;  // device
    bool force_simple_ = false;
};

}  // namespace rwkv::cuda
