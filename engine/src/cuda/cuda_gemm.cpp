// GemmRunner (cuda_gemm.h): row-major activations and weights mapped onto column-major cuBLAS calls.
// Y[R, N] (row-major) is the column-major N x R matrix Yc = op(Wc) · Xc with Xc = X as a K x R column-major
// matrix (ld K); an [N, K] row-major W is a K x N column-major matrix, so op = T (lda K); a [K, N] row-major
// W is N x K column-major, op = N (lda N).
#include "cuda/cuda_gemm.h"

#include <cstdlib>
#include <cstring>
#include <string>

#include "cuda/cuda_model.h"
#include "rwkv/error.h"

#ifdef RWKV_WITH_CUBLAS
#include <cublas_v2.h>
#endif

namespace rwkv::cuda {

namespace ck = rwkv::cuda_kernels;

namespace {
constexpr std::size_t kWorkspace = std::size_t(32) << 20;

#ifdef RWKV_WITH_CUBLAS
void check_blas(cublasStatus_t st, const char* what) {
    if (st == CUBLAS_STATUS_SUCCESS) return;
    const std::string msg = std::string("cuBLAS: ") + what + ": " + cublasGetStatusString(st);
    if (st == CUBLAS_STATUS_ALLOC_FAILED) throw Error(ErrorCode::OutOfMemory, msg);
    throw Error(ErrorCode::Internal, msg);
}
#endif
}  // namespace

GemmRunner::GemmRunner(cudaStream_t stream, ck::WType wt) : stream_(stream), wt_(wt) {
    if (const char* g = std::getenv("RWKV_CUDA_GEMM"); g && std::strcmp(g, "simple") == 0) force_simple_ = true;
#ifdef RWKV_WITH_CUBLAS
    cublasHandle_t h = nullptr;
    check_blas(cublasCreate(&h), "create handle");
    handle_ = h;
    check_blas(cublasSetStream(h, stream_), "set stream");
    check(cudaMalloc(&workspace_, kWorkspace), "cuBLAS workspace");
    check_blas(cublasSetWorkspace(h, workspace_, kWorkspace), "set workspace");
    // fp32 weights are the reference mode: no TF32 (CUBLAS_DEFAULT_MATH keeps fp32 GEMMs in fp32).
    check_blas(cublasSetMathMode(h, CUBLAS_DEFAULT_MATH), "math mode");
#endif
}

GemmRunner::~GemmRunner() {
#ifdef RWKV_WITH_CUBLAS
    if (handle_) cublasDestroy(static_cast<cublasHandle_t>(handle_));
#endif
    if (workspace_) cudaFree(workspace_);
}

void GemmRunner::linear(int R, int N, int K, const void* W, const void* X, void* Y, bool y_wt, float beta,
                        const char* what) {
    run(true, R, N, K, W, X, Y, y_wt, beta, what);
}

void GemmRunner::linear_kn(int R, int N, int K, const void* W, const void* X, void* Y, bool y_wt, float beta,
                           const char* what) {
    run(false, R, N, K, W, X, Y, y_wt, beta, what);
}

void GemmRunner::linear_strided(int count, int R, int N, int K, const void* W, long long w_stride, const void* X,
                                long long x_stride, void* Y, long long y_stride, bool y_wt, float beta,
                                const char* what) {
    const std::size_t es = wt_ == ck::WType::F16 ? 2 : 4, ys = (y_wt && wt_ == ck::WType::F16) ? 2 : 4;
#ifdef RWKV_WITH_CUBLAS
    if (handle_ && !force_simple_) {
        const bool half = wt_ == ck::WType::F16;
        const cudaDataType_t ab = half ? CUDA_R_16F : CUDA_R_32F;
        const cudaDataType_t yt = ys == 2 ? CUDA_R_16F : CUDA_R_32F;
        const float alpha = 1.0f;
        check_blas(cublasGemmStridedBatchedEx(static_cast<cublasHandle_t>(handle_), CUBLAS_OP_T, CUBLAS_OP_N, N, R, K,
                                              &alpha, W, ab, K, w_stride, X, ab, K, x_stride, &beta, Y, yt, N,
                                              y_stride, count, CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT),
                   what);
        return;
    }
#endif
    for (int i = 0; i < count; ++i)
        run(true, R, N, K, static_cast<const char*>(W) + std::size_t(i) * std::size_t(w_stride) * es,
            static_cast<const char*>(X) + std::size_t(i) * std::size_t(x_stride) * es,
            static_cast<char*>(Y) + std::size_t(i) * std::size_t(y_stride) * ys, y_wt, beta, what);
}

void GemmRunner::linear_split_k(int splits, int R, int N, int K, bool w_rows_n, const void* W, const void* X,
                                float* Y, const char* what) {
#ifdef RWKV_WITH_CUBLAS
    if (can_split_k() && splits > 0 && K % splits == 0) {
        const cudaDataType_t ab = wt_ == ck::WType::F16 ? CUDA_R_16F : CUDA_R_32F;
        const int ks = K / splits;
        const float alpha = 1.0f, beta = 0.0f;
        // slice j: W's K rows (linear_kn) or columns (linear) [j*ks, (j+1)*ks) with the full leading dimension
        const long long w_stride = w_rows_n ? ks : static_cast<long long>(ks) * N;
        check_blas(cublasGemmStridedBatchedEx(static_cast<cublasHandle_t>(handle_), w_rows_n ? CUBLAS_OP_T : CUBLAS_OP_N,
                                              CUBLAS_OP_N, N, R, ks, &alpha, W, ab, w_rows_n ? K : N, w_stride, X, ab, K,
                                              ks, &beta, Y, CUDA_R_32F, N, static_cast<long long>(R) * N, splits,
                                              CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT),
                   what);
        return;
    }
#endif
    (void)splits, (void)R, (void)N, (void)K, (void)w_rows_n, (void)W, (void)X, (void)Y;
    throw Error(ErrorCode::Internal, std::string(what) + ": split-K GEMM needs cuBLAS and K divisible by the splits");
}

void GemmRunner::run(bool w_rows_n, int R, int N, int K, const void* W, const void* X, void* Y, bool y_wt,
                     float beta, const char* what) {
#ifdef RWKV_WITH_CUBLAS
    if (handle_ && !force_simple_) {
        const bool half = wt_ == ck::WType::F16;
        const cudaDataType_t ab = half ? CUDA_R_16F : CUDA_R_32F;
        const cudaDataType_t yt = (half && y_wt) ? CUDA_R_16F : CUDA_R_32F;
        const float alpha = 1.0f;
        check_blas(cublasGemmEx(static_cast<cublasHandle_t>(handle_), w_rows_n ? CUBLAS_OP_T : CUBLAS_OP_N,
                                CUBLAS_OP_N, N, R, K, &alpha, W, ab, w_rows_n ? K : N, X, ab, K, &beta, Y, yt, N,
                                CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT),
                   what);
        return;
    }
#endif
    check(ck::launch_gemm_simple(R, N, K, W, w_rows_n, X, Y, y_wt, beta, wt_, stream_), what);
}

}  // namespace rwkv::cuda
