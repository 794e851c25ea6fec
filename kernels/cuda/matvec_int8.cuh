// kernels/cuda/matvec_int8.cuh — the int8 jobs' device code of matvec.cu's matvec_kernel (see the variants listed
// at the top of matvec.cu): v11/v12's dequantisation in registers (dot16_i8), v49's dot on the integer dot-product
// unit (quantize_x16, dot16_dp2), v56's row scales copied by cp.async and 4-row warp sums by one butterfly, v57's
// 8-row form (matvec_i8_rows8). A part of matvec.cu's translation unit, not a header of its own: matvec.cu includes
// it inside its anonymous namespace, after the JobTable, epilogue, x loads and mark_active it uses.
#pragma once

// 16 int8 weights (one 16-byte load) · x[0..15]. Each byte b becomes the float 2^23 + (b + 128) by placing
// b ^ 0x80 into the low mantissa byte of 0x4B000000 (one PRMT), minus 2^23 + 128 (one FADD): exact, and
// no conversion instructions (I2F runs at 16/clk/SM on sm_90, below the int8 byte rate of HBM3e).
__device__ __forceinline__ float i8_at(unsigned u, unsigned sel) {
    return __int_as_float(int(__byte_perm(u, 0x4B000000u, sel))) - 8388736.0f;
}
__device__ __forceinline__ float dot16_i8(const uint4& q, const float* x) {
    const unsigned w[4] = {q.x ^ 0x80808080u, q.y ^ 0x80808080u, q.z ^ 0x80808080u, q.w ^ 0x80808080u};
    float s = 0.0f;
#pragma unroll
    for (int k = 0; k < 4; ++k) {
        const float4 xv = ld_x4(x + 4 * k);
        s = fmaf(i8_at(w[k], 0x7440u), xv.x, s);
        s = fmaf(i8_at(w[k], 0x7441u), xv.y, s);
        s = fmaf(i8_at(w[k], 0x7442u), xv.z, s);
        s = fmaf(i8_at(w[k], 0x7443u), xv.w, s);
    }
    return s;
}

// v49 (session 16, MatvecJob::scale jobs with set_matvec_i8dp): the int8 dot on the integer dot-product unit. The 16
// x of a lane's chunk become int16 at a power-of-two scale 2^(140 - E) (E: the biased exponent of their largest
// magnitude m, so |x| * scale < 2^14): one FFMA x * scale + 1.5 * 2^23 rounds each to the nearest integer in the
// float's low mantissa bits, one PRMT packs two of them; the dot with the 16 weights is 8 DP2A (int16 x int8 pairs,
// exact int32 sums), shared by the lane's 4 rows, then one I2F and one FFMA by 2^(E - 140) per row and chunk.
// Per weight and row ~1.3 instructions instead of dot16_i8's 3.25 (PRMT + FADD + FFMA + the XOR). Not bit-identical
// to dot16_i8: each x moves by at most 2^-15 of its chunk's largest |x| (relative error of a 4096-column dot ~1e-4,
// 1/50 of the int8 weights' own rounding). A NaN or infinite x makes the chunk's sum NaN.
struct XQ16 {
    int w[8];   // x[2i], x[2i+1] as two int16 (low half first)
    float inv;  // 2^(E - 140), NaN when an x is not finite
};
// v57: x by ld.global.ca (the L1 path of ordinary loads) instead of __ldg's read-only path (kCa).
__device__ __forceinline__ float4 ld_ca4(const float* p) {
    float4 v;
    asm("ld.global.ca.v4.f32 {%0,%1,%2,%3}, [%4];" : "=f"(v.x), "=f"(v.y), "=f"(v.z), "=f"(v.w) : "l"(p));
    return v;
}
// v57: the pointer through an asm the compiler cannot see into, after griddepcontrol.wait (both volatile: kept in
// order), so that no load from it is scheduled above the wait.
__device__ __forceinline__ const float* after_wait(const float* p) {
    const float* q;
    asm volatile("mov.b64 %0, %1;" : "=l"(q) : "l"(p) : "memory");
    return q;
}
template <bool kCa = false>
__device__ __forceinline__ XQ16 quantize_x16(const float* x) {
    float4 v[4];
#pragma unroll
    for (int k = 0; k < 4; ++k) v[k] = kCa ? ld_ca4(x + 4 * k) : ld_x4(x + 4 * k);
    float m[4];
#pragma unroll
    for (int k = 0; k < 4; ++k)
        m[k] = max_nan(max_nan(fabsf(v[k].x), fabsf(v[k].y)), max_nan(fabsf(v[k].z), fabsf(v[k].w)));
    const Xq16Scale sc = xq16_scale(max_nan(max_nan(m[0], m[1]), max_nan(m[2], m[3])));  // common.cuh
    XQ16 q;
    q.inv = sc.inv;
#pragma unroll
    for (int k = 0; k < 4; ++k) {
        const unsigned a = xq16_round(v[k].x, sc.scale), b = xq16_round(v[k].y, sc.scale);
        const unsigned c = xq16_round(v[k].z, sc.scale), d = xq16_round(v[k].w, sc.scale);
        q.w[2 * k] = int(__byte_perm(a, b, 0x5410u));
        q.w[2 * k + 1] = int(__byte_perm(c, d, 0x5410u));
    }
    return q;
}
// v71 (session 32, the output projection's int8 DP2A form): quantize_x16's arithmetic with x read twice from L1 —
// four 4-float loads for the largest magnitude, then again for the rounding — so that fewer x are live beside the
// lane's 8 weight chunks (the form holding all 16 spilled 36 B / 60 B at 64 registers; this one 20 B / 44 B). max is
// exact and order-free (NaN propagates either way): the same words as quantize_x16. (A variant that made the second
// reads wait for the first pass had no spills but ran 2.4 % slower: docs/perf/cuda-decode.md v71.)
__device__ __forceinline__ XQ16 quantize_x16_lean(const float* x) {
    float mx = 0.0f;
#pragma unroll
    for (int k = 0; k < 4; ++k) {
        const float4 v = ld_x4(x + 4 * k);
        const float m = max_nan(max_nan(fabsf(v.x), fabsf(v.y)), max_nan(fabsf(v.z), fabsf(v.w)));
        mx = k == 0 ? m : max_nan(mx, m);
    }
    const Xq16Scale sc = xq16_scale(mx);
    XQ16 q;
    q.inv = sc.inv;
#pragma unroll
    for (int k = 0; k < 4; ++k) {
        const float4 v = ld_x4(x + 4 * k);
        const unsigned a = xq16_round(v.x, sc.scale), b = xq16_round(v.y, sc.scale);
        const unsigned c = xq16_round(v.z, sc.scale), d = xq16_round(v.w, sc.scale);
        q.w[2 * k] = int(__byte_perm(a, b, 0x5410u));
        q.w[2 * k + 1] = int(__byte_perm(c, d, 0x5410u));
    }
    return q;
}
// v72 (session 33, the output projection's int8 DP2A form with MatvecLn::xq): the chunk at column c as its producer
// (the time-mix kernel, wkv7_lora.cu) rounded it by the same steps — words xq[c / 2 ..][0..7], scale xq_inv[c / 16] —
// so the lane loads 36 B instead of reading 64 B of x twice, and quantizes nothing. ld.global.ca and asm volatile as
// ld_x4 (after griddepcontrol.wait: the producer is the previous grid).
__device__ __forceinline__ XQ16 load_xq16(const int* xq, const float* xq_inv, int c) {
    XQ16 q;
    const int* p = xq + c / 2;
    asm volatile("ld.global.ca.v4.s32 {%0,%1,%2,%3}, [%4];"
                 : "=r"(q.w[0]), "=r"(q.w[1]), "=r"(q.w[2]), "=r"(q.w[3]) : "l"(p));
    asm volatile("ld.global.ca.v4.s32 {%0,%1,%2,%3}, [%4];"
                 : "=r"(q.w[4]), "=r"(q.w[5]), "=r"(q.w[6]), "=r"(q.w[7]) : "l"(p + 4));
    asm volatile("ld.global.ca.f32 %0, [%1];" : "=f"(q.inv) : "l"(xq_inv + c / 16));
    return q;
}

// sum_i q_i * xq_i over 16 int8 weights (bytes in column order) and the packed int16 x: exact in int32.
__device__ __forceinline__ int dot16_dp2(const uint4& w, const XQ16& q) {
    int d = __dp2a_lo(q.w[0], int(w.x), 0);
    d = __dp2a_hi(q.w[1], int(w.x), d);
    d = __dp2a_lo(q.w[2], int(w.y), d);
    d = __dp2a_hi(q.w[3], int(w.y), d);
    d = __dp2a_lo(q.w[4], int(w.z), d);
    d = __dp2a_hi(q.w[5], int(w.z), d);
    d = __dp2a_lo(q.w[6], int(w.w), d);
    d = __dp2a_hi(q.w[7], int(w.w), d);
    return d;
}

// v56: one float copied to shared memory (no register held until it is read back after cp.async.wait_all)
__device__ __forceinline__ void cp_async4(float* smem, const float* gmem) {
    asm volatile("cp.async.ca.shared.global [%0], [%1], 4;" ::"r"(unsigned(__cvta_generic_to_shared(smem))), "l"(gmem)
                 : "memory");
}
// v56's warp_sum4t (the four rows' warp sums by one transposed butterfly) is in common.cuh (v75 uses it too).

// v57 (session 22, set_matvec_i8_rows8; kG8 instantiation of v54's int8 heads form): an int8 r/k/v job's CTA takes 8
// rows instead of 4, each lane one 16-byte chunk of each row in flight per step (8 loads, as the 4-row form's 4 rows x
// 2 chunks), so a 4,096-column CTA moves 32 KB in two round trips and its tail (warp sums, block reduction, scales,
// stores) runs once per 32 KB instead of per 16 KB; half the CTAs (8 groups per 64-row head and matrix). The chunks of a
// lane are summed in the same order as the 4-row form (chunk c, then c + kWarps * 512, ...), the x quantization per
// chunk is the same, the warp sums by warp_sum4t (bit-identical to warp_sum) and the block reduction in warp order:
// bit-identical to the 4-row form. x is read by ld.global.ca through a pointer laundered after griddepcontrol.wait:
// with __ldg (the read-only path) this form read stale x (the previous layer's) on the H200, and ld.global.cg (L2
// only) was correct but 6-20 % slower (docs/perf/cuda-decode.md v57). The scales: cp.async at CTA start (v56's form).
// H200 B=1 7.2B int8 +3.3 % (same process, every round); the FFN key and head in this form lost (-1.1 %).
// v70 (session 31, kPasses = 2; set_matvec_i8_rows8 bit 2, the int8-only batches: FFN key and head): each lane issues
// the loads of two passes (16 chunks, 8 rows x 2 passes, 256 B) before griddepcontrol.wait and the dot products, so a
// 4,096-column CTA moves its 32 KB in one round trip instead of two (kPasses = 1 issues a pass's loads only after the
// previous pass's dot products, which wait for its loads and x). The 16 chunks' registers need 4 CTAs per SM (kMinB 4:
// 128 registers, no spills; at 5, 96 registers with 56-76 B of spills, it lost). Same order of sums per lane (chunk c,
// then c + kWarps * 512, ...): bit-identical to kPasses = 1 and to the 4-row form. H200 B=1 7.2B int8 +1.0 / +1.1 %
// (every round); r/k/v in this form lost 4-5 % (docs/perf/cuda-decode.md v70).
template <bool kDp, bool kProbe, int kPasses = 1>
__device__ __forceinline__ void matvec_i8_rows8(const JobTable& t, const MatvecJob& job, int row0, int nrows, int lane,
                                                int warp) {
    static_assert(kDp, "v57: the 8-row form exists for v49's DP2A dot only");
    __shared__ float red8[kWarps][kRowsG8];
    __shared__ float s_scale8[kRowsG8];
    const int cols = job.cols;
    const float* x = job.x;
    if (threadIdx.x < nrows) cp_async4(&s_scale8[threadIdx.x], job.scale + row0 + threadIdx.x);
    const std::int8_t* q0 = static_cast<const std::int8_t*>(job.W) + std::size_t(row0) * cols;
    // rows past the end re-read row0 (their sums are never stored); v70 (kPasses 2): the offsets computed at the loads
    // instead of held in registers across the loop
    int off[kPasses == 1 ? kRowsG8 : 1];
    if constexpr (kPasses == 1) {
#pragma unroll
        for (int r = 0; r < kRowsG8; ++r) off[r] = r < nrows ? r * cols : 0;
    }
    float acc[kRowsG8];
#pragma unroll
    for (int r = 0; r < kRowsG8; ++r) acc[r] = 0.0f;
    constexpr int kStride = kWarps * 512;
    for (int c0 = warp * 512 + lane * 16; c0 < cols; c0 += kStride * kPasses) {
        uint4 a[kPasses][kRowsG8];
#pragma unroll
        for (int p = 0; p < kPasses; ++p)
            if (p == 0 || c0 + p * kStride < cols) {
#pragma unroll
                for (int r = 0; r < kRowsG8; ++r)
                    a[p][r] = __ldcs(reinterpret_cast<const uint4*>(
                        q0 + (kPasses == 1 ? off[kPasses == 1 ? r : 0] : (r < nrows ? r : 0) * cols) + c0 + p * kStride));
            }
        if constexpr (kProbe)  // v63: the first weights in (4), the first wait returned (7)
            if (c0 == warp * 512 + lane * 16) probe_stamp_after(t.probe, 4, a[0][0].x ^ a[0][kRowsG8 - 1].w);
        pdl_wait();
        if constexpr (kProbe)
            if (c0 == warp * 512 + lane * 16) probe_stamp(t.probe, 7);
#pragma unroll
        for (int p = 0; p < kPasses; ++p) {
            const int c = c0 + p * kStride;
            if (p == 0 || c < cols) {
                const XQ16 q = quantize_x16<true>(after_wait(x + c));
#pragma unroll
                for (int r = 0; r < kRowsG8; ++r) acc[r] = fmaf(float(dot16_dp2(a[p][r], q)), q.inv, acc[r]);
            }
        }
    }
    pdl_wait();
    pdl_trigger();
    if constexpr (kProbe) probe_stamp(t.probe, 1);
    const float lo = warp_sum4t(acc[0], acc[1], acc[2], acc[3], lane);  // lane 8 * r: row r
    const float hi = warp_sum4t(acc[4], acc[5], acc[6], acc[7], lane);  // lane 8 * r: row 4 + r
    if ((lane & 7) == 0) {
        red8[warp][lane >> 3] = lo;
        red8[warp][4 + (lane >> 3)] = hi;
    }
    __syncthreads();
    if (warp == 0) {
        bool nz = false;
        if (threadIdx.x < nrows) {
            const int r = threadIdx.x;
            float a = 0.0f;
#pragma unroll
            for (int w = 0; w < kWarps; ++w) a += red8[w][r];
            const int row = row0 + r;
            asm volatile("cp.async.wait_all;" ::: "memory");  // this thread's own copy
            a *= s_scale8[r];
            const float old = job.epi == kEpiAdd ? job.y[row] : 0.0f;
            const float y = epilogue(job.epi, a, job.bias, row, old);
            store_y(job.y + row, y, t.poll);
            nz = y != 0.0f;
        }
        if (job.mask) mark_active(job.mask, row0, nz, lane);
        if (t.vpf) prefetch_value_rows(t, row0, nz, lane);  // v68 (the FFN key; v70's form of it)
    }
    if constexpr (kProbe) probe_stamp(t.probe, 2);
}
