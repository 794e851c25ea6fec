// What the CPU we run on supports (x86 CPUID + XGETBV: the instructions and the OS saving their registers),
// read once. On other architectures, and in builds with RWKV_CPU_PORTABLE_ONLY, everything is false.
#pragma once

namespace rwkv::cpu {

struct CpuFeatures {
    bool avx2 = false, fma = false, f16c = false;  // the AVX2 kernel set needs all three
    bool avx512f = false, avx512bw = false, avx512vl = false;
    bool avx512_vnni = false, avx_vnni = false;    // int8 dot products (vpdpbusd, 512- or 256-bit)
};

const CpuFeatures& cpu_features();

}  // namespace rwkv::cpu
