// kernels/cuda/matvec_ffn_ln.cuh — the FFN LayerNorm + x_k mix that matvec.cu's output projection grid runs after
// its rows (MatvecBatch::ln: v43 ticket and statistics words, v46 without fp32 divisions, v61 x polled; kLn
// instantiations of matvec_kernel). A part of matvec.cu's translation unit, not a header of its own: matvec.cu
// includes it inside its anonymous namespace.
#pragma once

// v43: the FFN LayerNorm + x_k mix after the output projection (MatvecLn), run by one warp per 256-row slice of the
// residual x: each warp that stored rows row0.. of x (g rows per group) takes the slice's ticket; the last one reads
// the slice (its lane: columns 4*lane.. and 128 + 4*lane..) together with its columns' constants, publishes the
// slice's sum and squared deviations about its own mean as one 64-bit word, polls every slice's word, combines them
// in slice order (Chan et al.'s pairwise update, as sparse_ffn.cu v40) and writes its columns' mix and token shift.
// Fixed orders: bit-reproducible.
constexpr unsigned long long kStatsUnset = ~0ull;
__device__ __forceinline__ float4 ld_f4(const float* p, bool ok) {
    return ok ? *reinterpret_cast<const float4*>(p) : make_float4(0.f, 0.f, 0.f, 0.f);
}
__device__ __forceinline__ void cp_async16(float4* smem, const float* gmem) {
    asm volatile("cp.async.cg.shared.global [%0], [%1], 16;" ::"r"(unsigned(__cvta_generic_to_shared(smem))), "l"(gmem)
                 : "memory");
}
__device__ __forceinline__ float sq_dev4(float4 x, float m) {
    const float a = x.x - m, b = x.y - m, c = x.z - m, d = x.w - m;
    return (a * a + b * b) + (c * c + d * d);
}
// out = z + (prev - z) * mix and the token shift z = (x - mean) * inv * w + b for 4 columns.
__device__ __forceinline__ void ln_mix4(float4 x, float mean, float inv, float4 w, float4 b, float4 p, float4 m,
                                        float* out, float* shift) {
    const float4 z = make_float4((x.x - mean) * inv * w.x + b.x, (x.y - mean) * inv * w.y + b.y,
                                 (x.z - mean) * inv * w.z + b.z, (x.w - mean) * inv * w.w + b.w);
    *reinterpret_cast<float4*>(out) = make_float4(z.x + (p.x - z.x) * m.x, z.y + (p.y - z.y) * m.y,
                                                  z.z + (p.z - z.z) * m.z, z.w + (p.w - z.w) * m.w);
    *reinterpret_cast<float4*>(shift) = z;
}
// probe (v54 measurement): the kProbe instantiations' record (stamps 4-6 by lane 0 of a slice's tail), else null.
// v61 (tail bit 2): x's new values polled, not ticketed. Every writer also stores its rows' new x relaxed into L.xo
// (kFfnUnset between layers: the values are their own readiness flags, as sparse_ffn.cu v34b's partials); the slice's
// last row group (its CTA is placed last) polls the slice's 256 values of L.xo and re-arms them. No atomic, no fence,
// no read-back of x after a ticket: the last writer's store is one half round trip from the poller, where the ticket
// path put a release (the warp's stores acknowledged), an atomic and the x read-back in series. Same values, same
// statistics: bit-identical. The poller's constants (token shift, LayerNorm weights) are in flight during its poll.
__device__ __forceinline__ float4 ld_poll4(const float* p) {
    float4 v;
    asm volatile("ld.relaxed.gpu.global.v4.f32 {%0,%1,%2,%3}, [%4];"
                 : "=f"(v.x), "=f"(v.y), "=f"(v.z), "=f"(v.w)
                 : "l"(p)
                 : "memory");
    return v;
}
__device__ __forceinline__ bool unset4(float4 v) {
    return (__float_as_uint(v.x) == kFfnUnset) | (__float_as_uint(v.y) == kFfnUnset) |
           (__float_as_uint(v.z) == kFfnUnset) | (__float_as_uint(v.w) == kFfnUnset);
}
__device__ __forceinline__ void ffn_ln_tail(const MatvecLn& L, float* x, int C, int row0, int g, int lane,
                                            unsigned tail, unsigned long long* probe = nullptr) {
    const int slice = row0 >> 8, S = (C + 255) >> 8, base = slice << 8;
    const int n = min(256, C - base);
    const bool direct = (tail & 2u) != 0u;  // v61
    if (direct) {
        if (row0 + g < base + n) return;  // not the slice's last row group
    } else {
        const unsigned arrivals = unsigned((n + g - 1) / g);
        // The ticket as one acquire-release atomic of lane 0 after __syncwarp (the warp's stores of x ordered before
        // it, as a CTA barrier + one thread's fenced atomic in a grid sync); v43a's __threadfence (fence.sc) by every
        // lane before it and after the last ticket lost 0.2-0.5 % (H200, docs/perf/cuda-decode.md v43).
        unsigned last = 0u;
        __syncwarp();
        if (lane == 0) {
            unsigned old;
            asm volatile("atom.acq_rel.gpu.global.add.u32 %0, [%1], 1;" : "=r"(old) : "l"(L.counters + slice) : "memory");
            last = old == arrivals - 1u ? 1u : 0u;
        }
        if (__shfl_sync(0xffffffffu, last, 0) == 0u) return;
        __syncwarp();  // lane 0's acquire, then every lane's loads
        probe_stamp(probe, 4);
    }
    const int c0 = base + 4 * lane, c1 = c0 + 128;
    const bool own0 = 4 * lane < n, own1 = 128 + 4 * lane < n;
    float4 x0 = make_float4(0.f, 0.f, 0.f, 0.f), x1 = x0;
    if (!direct) {
        if (own0) x0 = __ldcg(reinterpret_cast<const float4*>(x + c0));
        if (own1) x1 = __ldcg(reinterpret_cast<const float4*>(x + c1));
    }
    float* shift = L.params->state + L.shift_offset;
    const float4 p0 = ld_f4(shift + c0, own0), p1 = ld_f4(shift + c1, own1);
    // the columns' LayerNorm weight, bias and mix, in flight with x (before the statistics round trip), copied to
    // shared memory with cp.async: no registers held across the round trip (one tail warp per CTA at most)
    __shared__ float4 s_c[6][32];
    const float* src[3] = {L.ln_w, L.ln_b, L.mix};
#pragma unroll
    for (int k = 0; k < 3; ++k) {
        if (own0) cp_async16(&s_c[2 * k][lane], src[k] + c0);
        if (own1) cp_async16(&s_c[2 * k + 1][lane], src[k] + c1);
    }
    if (direct) {  // v61: poll the slice's new x (both float4s of a lane in flight each round, 32 ns back-off)
        bool need0 = own0, need1 = own1;
        if (need0) x0 = ld_poll4(L.xo + c0);
        if (need1) x1 = ld_poll4(L.xo + c1);
        need0 = need0 && unset4(x0);
        need1 = need1 && unset4(x1);
        while (need0 || need1) {
            __nanosleep(32);
            if (need0) x0 = ld_poll4(L.xo + c0);
            if (need1) x1 = ld_poll4(L.xo + c1);
            need0 = need0 && unset4(x0);
            need1 = need1 && unset4(x1);
        }
        const float u = __uint_as_float(kFfnUnset);
        if (own0) *reinterpret_cast<float4*>(L.xo + c0) = make_float4(u, u, u, u);  // re-armed for the next layer
        if (own1) *reinterpret_cast<float4*>(L.xo + c1) = make_float4(u, u, u, u);
        __syncwarp();
        probe_stamp(probe, 4);
    } else if (lane == 0) {
        L.counters[slice] = 0u;
    }
    const float ssum = warp_sum(((x0.x + x0.y) + (x0.z + x0.w)) + ((x1.x + x1.y) + (x1.z + x1.w)));
    const float ms = div_exact(ssum, n);
    const float m2 = warp_sum((own0 ? sq_dev4(x0, ms) : 0.0f) + (own1 ? sq_dev4(x1, ms) : 0.0f));
    if (lane == 0)
        asm volatile("st.relaxed.gpu.global.u64 [%0], %1;" ::"l"(L.stats + slice),
                     "l"((static_cast<unsigned long long>(__float_as_uint(m2)) << 32) | __float_as_uint(ssum))
                     : "memory");
    probe_stamp(probe, 5);
    unsigned long long v = 0ull;
    if (lane < S) {
        for (unsigned ns = 32;; ns = ns < 256 ? 2 * ns : ns) {
            asm volatile("ld.relaxed.gpu.global.u64 %0, [%1];" : "=l"(v) : "l"(L.stats + lane) : "memory");
            if (v != kStatsUnset) break;
            __nanosleep(ns);
        }
    }
    const float vs = __uint_as_float(unsigned(v)), vm = __uint_as_float(unsigned(v >> 32));
    float tot = 0.0f;
    for (int q = 0; q < S; ++q) tot += __shfl_sync(0xffffffffu, vs, q);
    probe_stamp(probe, 6);  // after the shuffles: every lane's poll is done
    // v46: x / 2^k as x * 2^-k (div_exact, bit-identical; as sparse_ffn.cu ln_tail_slices)
    const float mean = div_exact(tot, C);
    float M2 = 0.0f;
    for (int q = 0; q < S - 1; ++q) {
        const float dm = __fmul_rn(__shfl_sync(0xffffffffu, vs, q), 1.0f / 256) - mean;
        M2 += __shfl_sync(0xffffffffu, vm, q) + 256.0f * dm * dm;
    }
    const int nl = C - (S - 1) * 256;  // the last slice: 1..256 rows
    const float dm = div_exact(__shfl_sync(0xffffffffu, vs, S - 1), nl) - mean;
    M2 += __shfl_sync(0xffffffffu, vm, S - 1) + float(nl) * dm * dm;
    const float inv = rsqrtf(div_exact(M2, C) + 1e-5f);
    if (lane == 0) L.stats_rearm[slice] = kStatsUnset;
    asm volatile("cp.async.wait_all;" ::: "memory");  // each lane reads back only its own copies
    if (own0) ln_mix4(x0, mean, inv, s_c[0][lane], s_c[2][lane], p0, s_c[4][lane], L.out + c0, shift + c0);
    if (own1) ln_mix4(x1, mean, inv, s_c[1][lane], s_c[3][lane], p1, s_c[5][lane], L.out + c1, shift + c1);
}
