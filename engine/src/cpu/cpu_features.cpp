// cpu_features (cpu_features.h): CPUID leaves 1 and 7 and the XCR0 register, via the compiler's <cpuid.h>.
#include "cpu/cpu_features.h"

#if (defined(__x86_64__) || defined(__i386__)) && !defined(RWKV_CPU_PORTABLE_ONLY)
#include <cpuid.h>
#define RWKV_X86 1
#endif

namespace rwkv::cpu {
namespace {

CpuFeatures detect() {
    CpuFeatures f;
#ifdef RWKV_X86
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return f;
    const bool osxsave = c & (1u << 27), avx = c & (1u << 28);
    if (!osxsave || !avx) return f;
    unsigned xcr0_lo = 0, xcr0_hi = 0;
    __asm__ volatile("xgetbv" : "=a"(xcr0_lo), "=d"(xcr0_hi) : "c"(0));
    const bool ymm = (xcr0_lo & 0x6u) == 0x6u, zmm = (xcr0_lo & 0xE6u) == 0xE6u;
    if (!ymm) return f;
    f.fma = c & (1u << 12);
    f.f16c = c & (1u << 29);
    if (__get_cpuid_max(0, nullptr) >= 7) {
        __cpuid_count(7, 0, a, b, c, d);
        f.avx2 = b & (1u << 5);
        f.avx512f = zmm && (b & (1u << 16));
        f.avx512bw = zmm && (b & (1u << 30));
        f.avx512vl = zmm && (b & (1u << 31));
        f.avx512_vnni = zmm && (c & (1u << 11));
        const unsigned max_sub = a;
        if (max_sub >= 1) {
            __cpuid_count(7, 1, a, b, c, d);
            f.avx_vnni = a & (1u << 4);
        }
    }
#endif
    return f;
}

}  // namespace

const CpuFeatures& cpu_features() {
    static const CpuFeatures f = detect();
    return f;
}

}  // namespace rwkv::cpu
