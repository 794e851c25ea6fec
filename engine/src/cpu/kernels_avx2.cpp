// The table of AVX2 + FMA + F16C kernels (kernels.h) that kernels() selects at run time after a CPUID check
// (cpu_features.h): matvec and sparse rows in kernels_avx2_matvec.cpp, GEMM in kernels_avx2_gemm.cpp, the per-row
// kernels in kernels_avx2_rowwise.cpp. Those functions are compiled for that target through a target region
// (GCC: #pragma GCC target, clang: #pragma clang attribute: kernels_avx2_target_begin.h, kernels_avx2_target_end.h),
// so the rest of the build stays baseline x86-64.
// No header-defined inline function with external linkage is called inside the target region (the shared
// helpers of kernels_avx2_helpers.h and kernels_avx2_loads.h are included into an anonymous namespace), so no AVX2
// copy can leak out. Other architectures, and builds with RWKV_CPU_PORTABLE_ONLY, get avx2_kernels() == nullptr.
#include "cpu/cpu_features.h"
#include "cpu/kernels.h"

#if (defined(__x86_64__) || defined(__i386__)) && !defined(RWKV_CPU_PORTABLE_ONLY)
#include <cstddef>

namespace rwkv::cpu {
namespace {
const Kernels& avx2_table();
}

const Kernels* avx2_kernels() {
    const CpuFeatures& f = cpu_features();
    return f.avx2 && f.fma && f.f16c ? &avx2_table() : nullptr;
}

namespace avx2 {  // kernels_avx2_matvec.cpp, kernels_avx2_gemm.cpp, kernels_avx2_rowwise.cpp
void matvec(const QMatrix& m, const float* x, float* y, int r0, int r1);
void axpy_rows(const QMatrix& m, const int* idx, const float* coef, int n, float* y, int c0, int c1);
void gemm(const QMatrix& m, bool tr, const float* X, int T, int ldx, float* Y, int ldy, int n0, int n1, bool acc,
          float* pack, const ShiftMix* mix);
void gemm_relu2(const QMatrix& m, const float* X, int T, int ldx, float* Y, int ldy, int n0, int n1, float* pack,
                const ShiftMix* mix, int* idx, int* count);
void wkv7_step64(float* S, const float* r, const float* decay, const float* k, const float* v, const float* kk,
                 const float* a, float* y);
void wkv7_scan64(float* S, int T, std::size_t ld, const float* r, const float* decay, const float* k, const float* v,
                 const float* kk, const float* a, float* y);
void exp_inplace(float* x, int n);
void layer_norm(const float* x, const float* w, const float* b, float* out, int n, float eps);
int relu2_compact(const float* h, int n, int base, int* idx, float* coef);
void matvec_n(const QMatrix& m, const float* X, int n, int ldx, float* Y, int ldy, int r0, int r1);
}  // namespace avx2

namespace {
const Kernels kAvx2{"avx2",           avx2::matvec,      avx2::axpy_rows,   avx2::gemm,        avx2::gemm_relu2,
                    avx2::wkv7_step64, avx2::wkv7_scan64, avx2::exp_inplace, avx2::layer_norm, avx2::relu2_compact,
                    avx2::matvec_n};
const Kernels& avx2_table() { return kAvx2; }
}  // namespace

}  // namespace rwkv::cpu

#else  // not x86, or the portable path only

namespace rwkv::cpu {
const Kernels* avx2_kernels() { return nullptr; }
bool gemm_microkernels_for_test(const float*, const float*, int, bool, float*, float*, float*) { return false; }
}  // namespace rwkv::cpu

#endif
