// GemmRunner (cuda_gemm.h): row-major activations and weights mapped onto column-major cuBLAS calls.
// Y[R, N] (row-major) is the column-major N x R matrix Yc = op(Wc) · Xc with Xc = X as a K x R column-major
// matrix (ld K); an [N, K] row-major W is a K x N column-major matrix, so op = T (lda K); a [K, N] row-major
// W is N x K column-major, op = N (lda N).
#include "cuda/cuda_gemm.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "cuda/cuda_model.h"
#include "rwkv/error.h"

#ifdef RWKV_WITH_CUBLAS
#include <cublas_v2.h>
#endif
#if defined(RWKV_WITH_CUBLAS) && defined(RWKV_WITH_CUBLASLT)
#include <cublasLt.h>
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

bool GemmRunner::run_small(int count, int R, int N, int K, const void* W, long long w_stride, const void* X,
                           long long x_stride, void* Y, long long y_stride, bool y_wt, float beta, const char* what,
                           const float* scale, long long scale_stride) {
    if (R > ck::kMatvecRowsMax || force_simple_ || (beta != 0.0f && beta != 1.0f)) return false;
    const bool mma = R <= small_mma_rows_ && K % ck::kMatvecSplitK == 0 && N >= ck::kMatvecMmaMinN &&
                     wt_ == ck::WType::F16;                                   // v82
    const bool split = R <= small_split_rows_ && K % ck::kMatvecSplitK == 0;  // v80b
    if (!mma && !split && (R > small_rows_ || K % 8 != 0)) return false;
    ck::MatvecRowsArgs a;
    a.R = R;
    a.N = N;
    a.K = K;
    a.count = count;
    a.W = W;
    a.X = X;
    a.Y = Y;
    a.w_stride = w_stride;
    a.x_stride = x_stride;
    a.y_stride = y_stride;
    a.y_wt = y_wt && wt_ == ck::WType::F16;
    a.beta = beta;
    a.scale = scale;
    a.scale_stride = scale_stride;
    check(mma     ? ck::launch_matvec_rows_mma(a, wt_, stream_)
          : split ? ck::launch_matvec_rows_split(a, wt_, stream_)
                  : ck::launch_matvec_rows(a, wt_, stream_),
          what);
    return true;
}

bool GemmRunner::linear_i8(int count, int R, int N, int K, const void* W, long long w_stride, const float* scale,
                           long long scale_stride, const void* X, long long x_stride, void* Y, long long y_stride,
                           bool y_wt, float beta, const char* what) {
    if (scale == nullptr || wt_ != ck::WType::F16) return false;  // int8 weights come with fp16 activations
    return run_small(count, R, N, K, W, w_stride, X, x_stride, Y, y_stride, y_wt, beta, what, scale, scale_stride);
}

void GemmRunner::linear(int R, int N, int K, const void* W, const void* X, void* Y, bool y_wt, float beta,
                        const char* what) {
    if (run_small(1, R, N, K, W, 0, X, 0, Y, 0, y_wt, beta, what)) return;
    run(true, R, N, K, W, X, Y, y_wt, beta, what);
}

void GemmRunner::linear_kn(int R, int N, int K, const void* W, const void* X, void* Y, bool y_wt, float beta,
                           const char* what) {
    run(false, R, N, K, W, X, Y, y_wt, beta, what);
}

void GemmRunner::linear_strided(int count, int R, int N, int K, const void* W, long long w_stride, const void* X,
                                long long x_stride, void* Y, long long y_stride, bool y_wt, float beta,
                                const char* what) {
    if (run_small(count, R, N, K, W, w_stride, X, x_stride, Y, y_stride, y_wt, beta, what)) return;
    const std::size_t es = wt_ == ck::WType::F16 ? 2 : 4, ys = (y_wt && wt_ == ck::WType::F16) ? 2 : 4;
#ifdef RWKV_WITH_CUBLAS
    if (handle_ && !force_simple_) {
        if (run_lt(true, count, R, N, K, W, w_stride, X, x_stride, Y, y_stride, y_wt, beta, what)) return;
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
        if (run_lt(w_rows_n, 1, R, N, K, W, 0, X, 0, Y, 0, y_wt, beta, what)) return;
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

#if defined(RWKV_WITH_CUBLAS) && defined(RWKV_WITH_CUBLASLT)
// ---- cuBLASLt tuning hooks (cuda_gemm.h) ----
namespace {

struct LtProblem {
    cublasOperation_t ta = CUBLAS_OP_T;
    int m = 0, n = 0, k = 0, count = 1;
    long long sa = 0, sb = 0, sc = 0;
    cudaDataType_t ct = CUDA_R_32F;
    float beta = 0.0f;
    int calls = 0;
    int R = 0;
    cublasLtMatmulDesc_t op = nullptr;
    cublasLtMatrixLayout_t a = nullptr, b = nullptr, c = nullptr;
    std::vector<cublasLtMatmulHeuristicResult_t> cand;
    int selected = -1;
    int table = -1;  // -1 not looked up, 0 no usable entry, 1 table_algo
    cublasLtMatmulAlgo_t table_algo{};
    bool same(const LtProblem& o) const {
        return ta == o.ta && m == o.m && n == o.n && k == o.k && count == o.count && sa == o.sa && sb == o.sb &&
               sc == o.sc && ct == o.ct && beta == o.beta;
    }
};

// v52: the batched-decode table (cuda_gemm.h, set_gemm_lt_table). Algorithm 66 is cuBLASLt's sm_90 kernel family;
// tiles (cublasLtMatmulTile_t), stages, custom options and cluster shapes (cublasLtClusterShape_t) as cuBLASLt numbers
// them. Measured on the H200 with cuBLAS 13.0 (docs/perf/cuda-rows.md, v52): each entry against cublasGemmEx's
// choice, its stage alone in the 7.2B step's graph, then the step. (B=1024's winners alone lost in the step: none.)
struct LtEntry {
    const char* what;
    cublasOperation_t ta;
    int m, k;              // N and K of the GEMM
    int count_min, count_max;
    cudaDataType_t ct;
    float beta;
    int r_min, r_max;      // rows R (batch size), inclusive
    std::int32_t algo;
    std::uint32_t tile, stages;
    std::uint32_t custom;
    std::uint16_t cluster;
};
constexpr LtEntry kLtTable[] = {
    // 7.2B B=193..256 (together: the two stages alone 2.46 -> 2.19 ms per step; the step's graph -0.10 ms and the
    // public top-p call -0.07 ms, paired medians of 30 rotated rounds, 22 of 30 faster). The FFN value (N = 4096,
    // K = 16384) as 128 x 64 tiles in one wave (cublasGemmEx: 128 x 128, split-K 2, 0.48 waves): 2.08 -> 1.78 ms alone
    {"ffn value", CUBLAS_OP_N, 4096, 16384, 1, 1, CUDA_R_32F, 1.0f, 193, 256, 66, 18, 35, 3, 5},
    // v51's four LoRA up-projections (N = 4096, K = 480, fp16 out) as 128 x 128 tiles (cublasGemmEx: 256 x 128):
    // 0.323 -> 0.291 ms
    {"LoRA v/w/a/g up", CUBLAS_OP_T, 4096, 480, 3, 4, CUDA_R_16F, 0.0f, 193, 256, 66, 20, 35, 1, 3},
};

int lt_table_default() {
    const char* e = std::getenv("RWKV_CUDA_GEMM_LT_TABLE");
    return e != nullptr && std::strcmp(e, "0") == 0 ? 0 : 1;
}

struct LtState {
    std::mutex mu;
    std::atomic<int> table_mode{lt_table_default()};
    std::atomic<long long> table_calls{0};
    std::atomic<bool> record{false};
    std::atomic<int> n_selected{0};
    cublasLtHandle_t handle = nullptr;
    std::map<std::string, LtProblem> problems;
};
LtState& lt() {
    static LtState s;
    return s;
}

void lt_check(cublasStatus_t st, const char* what) {
    if (st == CUBLAS_STATUS_SUCCESS) return;
    throw Error(ErrorCode::Internal, std::string("cuBLASLt: ") + what + ": " + cublasGetStatusString(st));
}

cublasLtMatrixLayout_t lt_layout(cudaDataType_t t, std::uint64_t rows, std::uint64_t cols, std::int64_t ld, int count,
                                 long long stride) {
    cublasLtMatrixLayout_t l = nullptr;
    lt_check(cublasLtMatrixLayoutCreate(&l, t, rows, cols, ld), "layout");
    if (count > 1) {
        const std::int32_t c = count;
        const std::int64_t s = stride;
        lt_check(cublasLtMatrixLayoutSetAttribute(l, CUBLASLT_MATRIX_LAYOUT_BATCH_COUNT, &c, sizeof c), "layout");
        lt_check(cublasLtMatrixLayoutSetAttribute(l, CUBLASLT_MATRIX_LAYOUT_STRIDED_BATCH_OFFSET, &s, sizeof s), "layout");
    }
    return l;
}

// The descriptors of a problem (column-major, as the cublasGemmEx call it replaces: A = W, B = X, C = D = Y).
void lt_describe_problem(LtProblem& p) {
    if (p.op) return;
    lt_check(cublasLtMatmulDescCreate(&p.op, CUBLAS_COMPUTE_32F, CUDA_R_32F), "desc");
    const cublasOperation_t tb = CUBLAS_OP_N;
    lt_check(cublasLtMatmulDescSetAttribute(p.op, CUBLASLT_MATMUL_DESC_TRANSA, &p.ta, sizeof p.ta), "desc");
    lt_check(cublasLtMatmulDescSetAttribute(p.op, CUBLASLT_MATMUL_DESC_TRANSB, &tb, sizeof tb), "desc");
    if (p.ta == CUBLAS_OP_T) p.a = lt_layout(CUDA_R_16F, std::uint64_t(p.k), std::uint64_t(p.m), p.k, p.count, p.sa);
    else p.a = lt_layout(CUDA_R_16F, std::uint64_t(p.m), std::uint64_t(p.k), p.m, p.count, p.sa);
    p.b = lt_layout(CUDA_R_16F, std::uint64_t(p.k), std::uint64_t(p.n), p.k, p.count, p.sb);
    p.c = lt_layout(p.ct, std::uint64_t(p.m), std::uint64_t(p.n), p.m, p.count, p.sc);
}

template <typename T>
T algo_attr(const cublasLtMatmulAlgo_t& a, cublasLtMatmulAlgoConfigAttributes_t attr) {
    T v{};
    std::size_t got = 0;
    cublasLtMatmulAlgoConfigGetAttribute(&a, attr, &v, sizeof v, &got);
    return v;
}

// The table's algorithm for a problem (p.table = 1), or none (0): entry matched by label and shape, then checked.
void lt_resolve_table(LtState& s, LtProblem& p, const std::string& what) {
    p.table = 0;
    for (const LtEntry& e : kLtTable) {
        if (what != e.what || p.ta != e.ta || p.m != e.m || p.k != e.k || p.count < e.count_min ||
            p.count > e.count_max || p.ct != e.ct || p.beta != e.beta || p.R < e.r_min || p.R > e.r_max)
            continue;
        if (!s.handle && cublasLtCreate(&s.handle) != CUBLAS_STATUS_SUCCESS) return;
        try {
            lt_describe_problem(p);
        } catch (const Error&) {
            return;
        }
        cublasLtMatmulAlgo_t a{};
        if (cublasLtMatmulAlgoInit(s.handle, CUBLAS_COMPUTE_32F, CUDA_R_32F, CUDA_R_16F, CUDA_R_16F, p.ct, p.ct, e.algo,
                                   &a) != CUBLAS_STATUS_SUCCESS)
            return;
        const std::int32_t split = 1;
        const std::uint32_t zero = 0;
        const std::uint16_t inner = 0;
        cublasLtMatmulAlgoConfigSetAttribute(&a, CUBLASLT_ALGO_CONFIG_TILE_ID, &e.tile, sizeof e.tile);
        cublasLtMatmulAlgoConfigSetAttribute(&a, CUBLASLT_ALGO_CONFIG_STAGES_ID, &e.stages, sizeof e.stages);
        cublasLtMatmulAlgoConfigSetAttribute(&a, CUBLASLT_ALGO_CONFIG_SPLITK_NUM, &split, sizeof split);
        cublasLtMatmulAlgoConfigSetAttribute(&a, CUBLASLT_ALGO_CONFIG_REDUCTION_SCHEME, &zero, sizeof zero);
        cublasLtMatmulAlgoConfigSetAttribute(&a, CUBLASLT_ALGO_CONFIG_CTA_SWIZZLING, &zero, sizeof zero);
        cublasLtMatmulAlgoConfigSetAttribute(&a, CUBLASLT_ALGO_CONFIG_CUSTOM_OPTION, &e.custom, sizeof e.custom);
        cublasLtMatmulAlgoConfigSetAttribute(&a, CUBLASLT_ALGO_CONFIG_INNER_SHAPE_ID, &inner, sizeof inner);
        cublasLtMatmulAlgoConfigSetAttribute(&a, CUBLASLT_ALGO_CONFIG_CLUSTER_SHAPE_ID, &e.cluster, sizeof e.cluster);
        cublasLtMatmulHeuristicResult_t chk{};
        if (cublasLtMatmulAlgoCheck(s.handle, p.op, p.a, p.b, p.c, p.c, &a, &chk) != CUBLAS_STATUS_SUCCESS ||
            chk.workspaceSize > kWorkspace)
            return;
        p.table_algo = a;
        p.table = 1;
        return;
    }
}

}  // namespace

void set_gemm_lt_table(int mode) { lt().table_mode = mode == 0 ? 0 : 1; }
long long gemm_lt_table_calls() { return lt().table_calls.load(); }

bool gemm_lt_available() { return true; }

void gemm_lt_record(bool on) {
    std::lock_guard g(lt().mu);
    lt().record = on;
}

std::vector<std::pair<std::string, int>> gemm_lt_keys(int R) {
    std::lock_guard g(lt().mu);
    std::vector<std::pair<std::string, int>> v;
    for (const auto& [key, p] : lt().problems)
        if (p.R == R) v.emplace_back(key, p.calls);
    return v;
}

int gemm_lt_candidates(const std::string& key, int max) {
    LtState& s = lt();
    std::lock_guard g(s.mu);
    auto it = s.problems.find(key);
    if (it == s.problems.end()) return 0;
    LtProblem& p = it->second;
    if (!s.handle) lt_check(cublasLtCreate(&s.handle), "create handle");
    lt_describe_problem(p);
    cublasLtMatmulPreference_t pref = nullptr;
    lt_check(cublasLtMatmulPreferenceCreate(&pref), "preference");
    const std::uint64_t ws = kWorkspace;
    lt_check(cublasLtMatmulPreferenceSetAttribute(pref, CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES, &ws, sizeof ws), "preference");
    std::vector<cublasLtMatmulHeuristicResult_t> res(std::size_t(std::max(1, max)));
    int n = 0;
    const cublasStatus_t st =
        cublasLtMatmulAlgoGetHeuristic(s.handle, p.op, p.a, p.b, p.c, p.c, pref, int(res.size()), res.data(), &n);
    cublasLtMatmulPreferenceDestroy(pref);
    p.cand.clear();
    if (st != CUBLAS_STATUS_SUCCESS) return 0;
    for (int i = 0; i < n; ++i)
        if (res[std::size_t(i)].state == CUBLAS_STATUS_SUCCESS) p.cand.push_back(res[std::size_t(i)]);
    // split-K variants (2, 4) of the single-pass candidates whose algorithm supports split-K, checked by cuBLASLt
    const std::size_t base = p.cand.size();
    const std::size_t cap = base + base / 2;  // at most half as many variants as heuristic candidates
    for (std::size_t i = 0; i < base && p.cand.size() < cap; ++i) {
        const cublasLtMatmulAlgo_t a0 = p.cand[i].algo;
        if (algo_attr<std::int32_t>(a0, CUBLASLT_ALGO_CONFIG_SPLITK_NUM) > 1) continue;
        std::int32_t support = 0;
        std::size_t got = 0;
        cublasLtMatmulAlgoCapGetAttribute(&a0, CUBLASLT_ALGO_CAP_SPLITK_SUPPORT, &support, sizeof support, &got);
        std::uint32_t red_mask = 0;
        cublasLtMatmulAlgoCapGetAttribute(&a0, CUBLASLT_ALGO_CAP_REDUCTION_SCHEME_MASK, &red_mask, sizeof red_mask, &got);
        if (!support) continue;
        for (std::int32_t split : {2, 4}) {
            for (std::uint32_t red : {std::uint32_t(CUBLASLT_REDUCTION_SCHEME_COMPUTE_TYPE),
                                      std::uint32_t(CUBLASLT_REDUCTION_SCHEME_INPLACE)}) {
                if (!(red_mask & red)) continue;
                cublasLtMatmulHeuristicResult_t r = p.cand[i];
                cublasLtMatmulAlgoConfigSetAttribute(&r.algo, CUBLASLT_ALGO_CONFIG_SPLITK_NUM, &split, sizeof split);
                cublasLtMatmulAlgoConfigSetAttribute(&r.algo, CUBLASLT_ALGO_CONFIG_REDUCTION_SCHEME, &red, sizeof red);
                cublasLtMatmulHeuristicResult_t chk{};
                if (cublasLtMatmulAlgoCheck(s.handle, p.op, p.a, p.b, p.c, p.c, &r.algo, &chk) != CUBLAS_STATUS_SUCCESS ||
                    chk.workspaceSize > kWorkspace)
                    continue;
                r.workspaceSize = chk.workspaceSize;
                r.wavesCount = chk.wavesCount;
                p.cand.push_back(r);
                break;  // one reduction scheme per split
            }
        }
    }
    return int(p.cand.size());
}

void gemm_lt_select(const std::string& key, int index) {
    LtState& s = lt();
    std::lock_guard g(s.mu);
    auto it = s.problems.find(key);
    if (it == s.problems.end()) return;
    const int was = it->second.selected;
    it->second.selected = index >= 0 && index < int(it->second.cand.size()) ? index : -1;
    s.n_selected += (it->second.selected >= 0) - (was >= 0);
}

void gemm_lt_reset() {
    LtState& s = lt();
    std::lock_guard g(s.mu);
    for (auto& [key, p] : s.problems) p.selected = -1;
    s.n_selected = 0;
}

std::string gemm_lt_describe(const std::string& key, int index) {
    LtState& s = lt();
    std::lock_guard g(s.mu);
    auto it = s.problems.find(key);
    if (it == s.problems.end() || index < 0 || index >= int(it->second.cand.size())) return "cublasGemmEx";
    const cublasLtMatmulHeuristicResult_t& r = it->second.cand[std::size_t(index)];
    char buf[256];
    std::snprintf(buf, sizeof buf, "algo %d tile %u stages %u splitK %d red %u swz %u cust %u inner %u cluster %u ws %zu waves %.2f",
                  algo_attr<std::int32_t>(r.algo, CUBLASLT_ALGO_CONFIG_ID),
                  algo_attr<std::uint32_t>(r.algo, CUBLASLT_ALGO_CONFIG_TILE_ID),
                  algo_attr<std::uint32_t>(r.algo, CUBLASLT_ALGO_CONFIG_STAGES_ID),
                  algo_attr<std::int32_t>(r.algo, CUBLASLT_ALGO_CONFIG_SPLITK_NUM),
                  algo_attr<std::uint32_t>(r.algo, CUBLASLT_ALGO_CONFIG_REDUCTION_SCHEME),
                  algo_attr<std::uint32_t>(r.algo, CUBLASLT_ALGO_CONFIG_CTA_SWIZZLING),
                  algo_attr<std::uint32_t>(r.algo, CUBLASLT_ALGO_CONFIG_CUSTOM_OPTION),
                  unsigned(algo_attr<std::uint16_t>(r.algo, CUBLASLT_ALGO_CONFIG_INNER_SHAPE_ID)),
                  unsigned(algo_attr<std::uint16_t>(r.algo, CUBLASLT_ALGO_CONFIG_CLUSTER_SHAPE_ID)), r.workspaceSize,
                  double(r.wavesCount));
    return buf;
}

// Records the problem (when recording) and runs it through the selected cuBLASLt algorithm when there is one.
bool GemmRunner::run_lt(bool w_rows_n, int count, int R, int N, int K, const void* W, long long w_stride, const void* X,
                        long long x_stride, void* Y, long long y_stride, bool y_wt, float beta, const char* what) {
    LtState& s = lt();
    if (wt_ != ck::WType::F16) return false;
    // The table applies only where an entry names this GEMM's label and row count; outside the bench's tuning
    // (recording, a selection) every other GEMM returns here, before any key, lock or map entry.
    const bool table = lt_table_ && s.table_mode.load(std::memory_order_relaxed) == 1 &&
                       std::any_of(std::begin(kLtTable), std::end(kLtTable), [&](const LtEntry& e) {
                           return R >= e.r_min && R <= e.r_max && std::strcmp(what, e.what) == 0;
                       });
    if (!table && !s.record.load(std::memory_order_relaxed) && s.n_selected.load(std::memory_order_relaxed) == 0)
        return false;
    LtProblem q;
    q.ta = w_rows_n ? CUBLAS_OP_T : CUBLAS_OP_N;
    q.m = N;
    q.n = R;
    q.k = K;
    q.count = count;
    q.sa = count > 1 ? w_stride : 0;
    q.sb = count > 1 ? x_stride : 0;
    q.sc = count > 1 ? y_stride : 0;
    q.ct = y_wt ? CUDA_R_16F : CUDA_R_32F;
    q.beta = beta;
    q.R = R;
    const std::string key = std::string(what) + "|" + std::to_string(R) + "|" + std::to_string(count) + "|" +
                            std::to_string(N) + "|" + std::to_string(K);
    std::lock_guard g(s.mu);
    auto it = s.problems.find(key);
    if (it == s.problems.end()) {
        if (!s.record && !table) return false;
        it = s.problems.emplace(key, q).first;
    }
    LtProblem& p = it->second;
    if (!p.same(q)) return false;  // another shape under the same key: leave it to cublasGemmEx
    if (s.record) ++p.calls;
    const cublasLtMatmulAlgo_t* algo = nullptr;
    if (p.selected >= 0) {
        algo = &p.cand[std::size_t(p.selected)].algo;
    } else if (table) {
        if (p.table < 0) lt_resolve_table(s, p, what);
        if (p.table == 1) algo = &p.table_algo;
    }
    if (algo == nullptr) return false;
    const float alpha = 1.0f;
    lt_check(cublasLtMatmul(s.handle, p.op, &alpha, W, p.a, X, p.b, &beta, Y, p.c, Y, p.c, algo, workspace_, kWorkspace,
                            stream_),
             what);
    if (p.selected < 0) s.table_calls.fetch_add(1, std::memory_order_relaxed);
    return true;
}
#else
void set_gemm_lt_table(int) {}
long long gemm_lt_table_calls() { return 0; }
bool gemm_lt_available() { return false; }
void gemm_lt_record(bool) {}
std::vector<std::pair<std::string, int>> gemm_lt_keys(int) { return {}; }
int gemm_lt_candidates(const std::string&, int) { return 0; }
void gemm_lt_select(const std::string&, int) {}
void gemm_lt_reset() {}
std::string gemm_lt_describe(const std::string&, int) { return "cublasGemmEx"; }
bool GemmRunner::run_lt(bool, int, int, int, int, const void*, long long, const void*, long long, void*, long long,
                        bool, float, const char*) {
    return false;
}
#endif

}  // namespace rwkv::cuda
