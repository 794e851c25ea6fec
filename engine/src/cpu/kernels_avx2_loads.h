// Element loads of a weight matrix by its dtype, for the AVX2 kernels of kernels_avx2_matvec.cpp (decode) and
// kernels_avx2_gemm.cpp (prefill): ld_* read 8 consecutive elements as fp32, ls_* one element (the tails), Ld / Ls
// their types (the kernels' template parameters). Include it only inside those files' AVX2 target region and
// anonymous namespace, as kernels_avx2_helpers.h (see there): no AVX2 copy of these inline functions can leak out.
#pragma once

// 8 consecutive elements starting at element i, as fp32 (before any I8 group scale).
inline __m256 ld_f32(const void* p, size_t i) { return _mm256_loadu_ps(static_cast<const float*>(p) + i); }
inline __m256 ld_f16(const void* p, size_t i) {
    return _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(static_cast<const std::uint16_t*>(p) + i)));
}
inline __m256 ld_bf16(const void* p, size_t i) {
    const __m128i h = _mm_loadu_si128(reinterpret_cast<const __m128i*>(static_cast<const std::uint16_t*>(p) + i));
    return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(h), 16));
}
inline __m256 ld_i8(const void* p, size_t i) {
    const __m128i q = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(static_cast<const std::int8_t*>(p) + i));
    return _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(q));
}
// One element (tails; ls_f16 also reads the int8 group scales, fp16 bits: kernels.h).
inline float ls_f32(const void* p, size_t i) { return static_cast<const float*>(p)[i]; }
inline float ls_f16(const void* p, size_t i) { return _cvtsh_ss(static_cast<const std::uint16_t*>(p)[i]); }
inline float ls_bf16(const void* p, size_t i) {
    return _mm_cvtss_f32(_mm_castsi128_ps(_mm_cvtsi32_si128(int(std::uint32_t(static_cast<const std::uint16_t*>(p)[i]) << 16))));
}
inline float ls_i8(const void* p, size_t i) { return float(static_cast<const std::int8_t*>(p)[i]); }

using Ld = __m256 (*)(const void*, size_t);
using Ls = float (*)(const void*, size_t);
