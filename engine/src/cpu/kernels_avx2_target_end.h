// The end of the target region kernels_avx2_target_begin.h opened; no include guard.
#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif
