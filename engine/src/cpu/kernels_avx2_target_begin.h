// The start of an AVX2 + FMA + F16C target region (GCC: #pragma GCC target, clang: #pragma clang attribute): the
// functions defined from here to kernels_avx2_target_end.h are compiled for that target, the rest of the build stays
// baseline x86-64 (the rules of the region: kernels_avx2.cpp). Included by kernels_avx2_matvec.cpp,
// kernels_avx2_gemm.cpp and kernels_avx2_rowwise.cpp, once per region; no include guard.
#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx2,fma,f16c"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx2,fma,f16c")
#endif
