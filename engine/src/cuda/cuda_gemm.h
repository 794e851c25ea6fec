// GEMMs of the CUDA rows path (chunked prefill, batched decode): cuBLAS (fp16 x fp16 -> fp32 accumulation on
// the tensor cores; fp32 weights: plain fp32) when the build has it, otherwise — or when RWKV_CUDA_GEMM=simple
// is set — the plain fallback kernel of kernels/cuda/gemm_simple.cu. Calls are stream-ordered and may be
// captured into a CUDA graph (cuBLAS gets a fixed workspace, so capture allocates nothing).
#pragma once

#include <string>
#include <utility>
#include <vector>

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
    /// Lets the GEMMs enqueued from now on use the v52 cuBLASLt table (set_gemm_lt_table below): the rows path sets
    /// it for batched decode (T = 1, B >= 2) and clears it for prefill.
    void set_lt_table(bool on) { lt_table_ = on; }
    /// v80: linear() and linear_strided() calls of at most `max_rows` rows (<= kMatvecRowsMax; 0 = none) run
    /// ck::launch_matvec_rows instead of cuBLAS (K % 8 == 0; not with the fallback forced). The rows path sets it for
    /// small batched-decode steps (CudaModel::set_rows_matvec) and clears it otherwise.
    void set_small_rows(int max_rows) { small_rows_ = max_rows; }
    /// v81: linear_strided() with int8 W_i [N, K] (byte stride w_stride) and fp32 row scales scale_i = scale +
    /// i*scale_stride, X and a y_wt Y fp16, through ck::launch_matvec_rows reading the int8 weights as they are — when
    /// the small-rows matvec takes the call (as linear_strided would: R <= set_small_rows, K % 8 == 0, ...). Returns
    /// false and enqueues nothing otherwise: the caller dequantises W and calls linear / linear_strided.
    bool linear_i8(int count, int R, int N, int K, const void* W, long long w_stride, const float* scale,
                   long long scale_stride, const void* X, long long x_stride, void* Y, long long y_stride, bool y_wt,
                   float beta, const char* what);
    /// v80b: linear() and linear_strided() calls of at most `max_rows` rows (0 = none) whose K is a multiple of
    /// ck::kMatvecSplitK run ck::launch_matvec_rows_split (before v80's kernel and cuBLAS); the others (the LoRA up
    /// products, K = 32-480) go on as before. Set by the rows path (CudaModel::set_rows_matvec_split).
    void set_small_split_rows(int max_rows) { small_split_rows_ = max_rows; }
    /// v82: linear() / linear_strided() / linear_i8() calls of at most `max_rows` rows (0 = none) with fp16 or int8
    /// weights, K a multiple of ck::kMatvecSplitK and N >= ck::kMatvecMmaMinN run ck::launch_matvec_rows_mma (before
    /// v80b, v80 and cuBLAS). Set by the rows path (CudaModel::set_rows_matvec_mma).
    void set_small_mma_rows(int max_rows) { small_mma_rows_ = max_rows; }

private:
    bool run_lt(bool w_rows_n, int count, int R, int N, int K, const void* W, long long w_stride, const void* X,
                long long x_stride, void* Y, long long y_stride, bool y_wt, float beta, const char* what);
    void run(bool w_rows_n, int R, int N, int K, const void* W, const void* X, void* Y, bool y_wt, float beta,
             const char* what);
    cudaStream_t stream_;
    cuda_kernels::WType wt_;
    void* handle_ = nullptr;     // cublasHandle_t
    void* workspace_ = nullptr;  // device
    bool force_simple_ = false;
    bool lt_table_ = false;
    int small_rows_ = 0;
    int small_split_rows_ = 0;
    int small_mma_rows_ = 0;
    bool run_small(int count, int R, int N, int K, const void* W, long long w_stride, const void* X, long long x_stride,
                   void* Y, long long y_stride, bool y_wt, float beta, const char* what, const float* scale = nullptr,
                   long long scale_stride = 0);
};

/// Tuning hooks (bench_cuda, RWKV_BENCH_SAMPLE=lt; session 18): process-wide cuBLASLt algorithm choices for the fp16
/// GEMMs of the rows path. Only in builds with cuBLASLt (RWKV_WITH_CUBLASLT); elsewhere the calls do nothing and
/// gemm_lt_available() is false. A GEMM is known by its key "what|R|count|N|K" (label passed to linear*, rows, batch
/// count, outputs, depth).
/// While recording, every fp16 GEMM call stores its problem (shape, layouts, types, beta) under its key; the bench
/// then asks cuBLASLt's heuristic for candidates and selects one per key; the selected algorithm runs through
/// cublasLtMatmul (same operands, workspace and stream) in launches enqueued afterwards — drop captured graphs first.
/// Not bit-identical to cublasGemmEx's choice in general (another kernel, maybe split-K): a summation-order change.
bool gemm_lt_available();
void gemm_lt_record(bool on);
/// Keys recorded so far with row count R, and how many calls each had.
std::vector<std::pair<std::string, int>> gemm_lt_keys(int R);
/// Heuristic candidates for a recorded key (up to `max`, plus split-K variants of the single-pass ones); returns how many.
int gemm_lt_candidates(const std::string& key, int max);
/// Use candidate `index` for `key` (-1: cublasGemmEx again); gemm_lt_reset() drops every choice.
void gemm_lt_select(const std::string& key, int index);
void gemm_lt_reset();
/// "algo A tile T stages S splitK K red R swz Z cust C inner I cluster L ws W waves V" of a candidate (-1: "cublasGemmEx").
std::string gemm_lt_describe(const std::string& key, int index);

/// v52 (session 18): batched-decode fp16 GEMMs whose cuBLASLt algorithm is fixed by a table (cuda_gemm.cpp, kLtTable:
/// label, exact N / K / batch count / output type / beta, a row range; each entry's algorithm as measured inside the
/// 7.2B step's graph on the H200 with RWKV_BENCH_SAMPLE=lt) instead of cublasGemmEx's choice. An entry is used when the
/// build links cuBLASLt, the GEMM comes from batched decode (GemmRunner::set_lt_table) and cublasLtMatmulAlgoCheck
/// accepts the algorithm on this device; otherwise cublasGemmEx runs as before. mode 1 on (default; env
/// RWKV_CUDA_GEMM_LT_TABLE=0 turns it off), 0 off; applies to launches enqueued afterwards (drop captured graphs).
void set_gemm_lt_table(int mode);
/// GEMM launches enqueued through a table entry so far (tests).
long long gemm_lt_table_calls();

}  // namespace rwkv::cuda
