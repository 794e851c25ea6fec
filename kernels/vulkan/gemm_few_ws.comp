#version 450
// gemm_few.comp's product at M = 64 rows with fp16 X (batched decode B = 64: r / k / v, the output and FFN key
// GEMMs on W [N, K]; TRANS = 1: the FFN value GEMM on Wt [K, N]), with warp specialisation: of the 256 threads
// (subgroup size 32, host-checked), threads 0..127 only load and stage (W and X of the next 64-deep step in flight
// in registers, 12 uvec4 each); threads 128..255 (four subgroups) only multiply, each a 4 x 2 warp tile (all 64 rows
// x 32 columns, 64 accumulator registers: 6 fragment loads per 8 MMAs where gemm_few's 2 x 2 tiles load 8). gemm_few
// has every thread hold both staging and accumulators (123 registers); here neither role holds both: 112 registers,
// two workgroups per SM as gemm_few, the same bytes in flight per SM, and the H200 B=64 step 0.22-0.34 ms shorter
// (docs/perf/vulkan-batched.md "Rows path v17": more bytes in flight per loader, two W steps, took 130-140 registers, one
// workgroup per SM, and lost 2.3-3.3 ms). The kk loop of the multipliers stays rolled (unrolled: 145 registers). The
// two roles run separate loops with the same barrier sequence (each role is uniform per subgroup). Same split K,
// ticket, tail, act, YH and accumulate as gemm_few.comp; the MMAs of every 16 x 16 tile run in the same k order, so
// with the same splits Y is bit-identical to gemm_few's (the W layout: same splits; Wt: 128-column tiles, so 8
// splits where gemm_few's 64-column tiles take 4). Needs N % 128 = 0, K % 64 = 0, kchunk % 64 = 0 (host:
// engine/src/vulkan/gemm_few.cpp).
#extension GL_NV_cooperative_matrix : require
#extension GL_KHR_memory_scope_semantics : require
#extension GL_EXT_shader_16bit_storage : require
#extension GL_EXT_shader_explicit_arithmetic_types_float16 : require
#extension GL_EXT_control_flow_attributes : require
#extension GL_KHR_shader_subgroup_basic : require
layout(constant_id = 0) const uint YH = 0;     // 1: Y is written as fp16 (y_off, y_stride in halves; no accumulate)
layout(constant_id = 1) const uint TRANS = 0;  // 1: W is Wt [K, N] (staged as BK rows of BN halves)
// TAILY = 1 (the host's default): the split-K tail loads Y (accumulate) in the same round trip as the partial sums,
// not after them (Y of a tile is written only by its own tail): 4 L2 round trips less per accumulating GEMM (H200
// 7.2B B=64: 12.01 -> 11.84 ms per step, docs/perf/vulkan-batched.md "Rows path v19"); same additions, bit-identical.
layout(constant_id = 2) const uint TAILY = 0;
layout(local_size_x = 256) in;
#define WG 256u
#define LOADERS 128u
#define BM 64u
#define BN 128u
#define BK 64u
#define AS (BK / 8u + 1u)             // uvec4 per staged X / W row (8 halves each, +1 against bank conflicts)
#define BS_T (BN / 8u + 1u)           // uvec4 per staged Wt row (TRANS)
#define XPT (BM * BK / 8u / LOADERS)  // 4 X units (8 halves) per loader and step
#define WPT (BN * BK / 8u / LOADERS)  // 8 W units per loader and step
#define F16 fcoopmatNV<16, gl_ScopeSubgroup, 16, 16>
#define F32 fcoopmatNV<32, gl_ScopeSubgroup, 16, 16>

layout(std430, binding = 0) restrict readonly buffer Weight { uvec4 w4[]; };
layout(std430, binding = 1) readonly buffer InH { uvec4 xh8[]; };
layout(std430, binding = 2) buffer Out { float y[]; };
layout(std430, binding = 2) buffer OutH { float16_t yh[]; };
layout(std430, binding = 3) coherent buffer Part { float part[]; };      // [splits][M][N] raw sums
layout(std430, binding = 4) coherent buffer Tickets { uint tickets[]; };  // one per column tile, 0 between dispatches
layout(std430, binding = 3) coherent buffer Part4 { vec4 part4[]; };

layout(push_constant) uniform Push {
    uint M, N, K;
    uint x_off, x_stride;  // halves (multiples of 8)
    uint y_off, y_stride;  // Y[m][n] at y[y_off + m * y_stride + n]
    uint act, accumulate;
    uint splits, kchunk;   // K splits and the depth of each (multiple of BK)
    uint part_off, ticket_off;
} pc;

shared uvec4 xs[BM * AS];
shared uvec4 ws[(TRANS == 0u) ? BN * AS : BK * BS_T];
shared uint s_last;

float act_out(float v) {
    if (pc.act == 1u) {
        v = max(v, 0.0);
        return v * v;
    }
    if (pc.act == 2u) return tanh(v);
    if (pc.act == 3u) return 1.0 / (1.0 + exp(-v));
    return v;
}

// Loader t's units of step k0: W first (DRAM), then X (L2). No bounds: the host guarantees whole tiles.
void fetch(uint t, uint k0, uint n0, out uvec4 xr[XPT], out uvec4 wr[WPT]) {
    [[unroll]] for (uint i = 0; i < WPT; ++i) {
        const uint e = t + i * LOADERS;
        if (TRANS == 0u) {
            const uint r = e / (BK / 8u), c = e % (BK / 8u);
            wr[i] = w4[((n0 + r) * pc.K + k0 + 8u * c) / 8u];
        } else {
            const uint r = e / (BN / 8u), c = e % (BN / 8u);
            wr[i] = w4[((k0 + r) * pc.N + n0 + 8u * c) / 8u];
        }
    }
    [[unroll]] for (uint i = 0; i < XPT; ++i) {
        const uint e = t + i * LOADERS, r = e / (BK / 8u), c = e % (BK / 8u);
        xr[i] = xh8[(pc.x_off + r * pc.x_stride + k0 + 8u * c) / 8u];
    }
}

void stage(uint t, uvec4 xr[XPT], uvec4 wr[WPT]) {
    [[unroll]] for (uint i = 0; i < XPT; ++i) {
        const uint e = t + i * LOADERS;
        xs[(e / (BK / 8u)) * AS + e % (BK / 8u)] = xr[i];
    }
    [[unroll]] for (uint i = 0; i < WPT; ++i) {
        const uint e = t + i * LOADERS;
        if (TRANS == 0u)
            ws[(e / (BK / 8u)) * AS + e % (BK / 8u)] = wr[i];
        else
            ws[(e / (BN / 8u)) * BS_T + e % (BN / 8u)] = wr[i];
    }
}

F32 acc00, acc01, acc10, acc11, acc20, acc21, acc30, acc31;

// The MMAs of one staged step for the warp tile of columns [tn0 * 16, tn0 * 16 + 32), all 64 rows.
void mma_step(uint tn0) {
    [[dont_unroll]] for (uint kk = 0u; kk < BK; kk += 16u) {  // rolled (unrolled: 145 registers)
        F16 a0, a1, a2, a3, b0, b1;
        if (TRANS == 0u) {
            coopMatLoadNV(b0, ws, tn0 * 16u * AS + kk / 8u, AS, true);
            coopMatLoadNV(b1, ws, (tn0 + 1u) * 16u * AS + kk / 8u, AS, true);
        } else {
            coopMatLoadNV(b0, ws, kk * BS_T + tn0 * 2u, BS_T, false);
            coopMatLoadNV(b1, ws, kk * BS_T + (tn0 + 1u) * 2u, BS_T, false);
        }
        coopMatLoadNV(a0, xs, 0u * 16u * AS + kk / 8u, AS, false);
        coopMatLoadNV(a1, xs, 1u * 16u * AS + kk / 8u, AS, false);
        coopMatLoadNV(a2, xs, 2u * 16u * AS + kk / 8u, AS, false);
        coopMatLoadNV(a3, xs, 3u * 16u * AS + kk / 8u, AS, false);
        acc00 = coopMatMulAddNV(a0, b0, acc00);
        acc01 = coopMatMulAddNV(a0, b1, acc01);
        acc10 = coopMatMulAddNV(a1, b0, acc10);
        acc11 = coopMatMulAddNV(a1, b1, acc11);
        acc20 = coopMatMulAddNV(a2, b0, acc20);
        acc21 = coopMatMulAddNV(a2, b1, acc21);
        acc30 = coopMatMulAddNV(a3, b0, acc30);
        acc31 = coopMatMulAddNV(a3, b1, acc31);
    }
}

void store_tile(F32 c, uint gm, uint gn, uint pbase) {
    if (pc.splits > 1u) {
        coopMatStoreNV(c, part, pbase + gm * pc.N + gn, pc.N, false);
        return;
    }
    for (int e = 0; e < c.length(); ++e) c[e] = act_out(c[e]);
    const uint o = pc.y_off + gm * pc.y_stride + gn;
    if (YH == 1u) {
        F16 h = F16(c);
        coopMatStoreNV(h, yh, o, pc.y_stride, false);
        return;
    }
    if (pc.accumulate == 1u) {
        F32 d;
        coopMatLoadNV(d, y, o, pc.y_stride, false);
        for (int e = 0; e < c.length(); ++e) c[e] += d[e];
    }
    coopMatStoreNV(c, y, o, pc.y_stride, false);
}

void main() {
    const uint t = gl_LocalInvocationID.x;
    const uint nb = pc.N / BN;
    const uint bn = gl_WorkGroupID.x % nb, sp = gl_WorkGroupID.x / nb;
    const uint n0 = bn * BN;
    const uint k_begin = sp * pc.kchunk, k_end = min(pc.K, k_begin + pc.kchunk);
    const uint steps = (k_end - k_begin) / BK;
    const uint pbase = pc.part_off + sp * pc.M * pc.N;
    if (t < LOADERS) {
        // Loaders: step s + 1 in flight while the multipliers work on step s; each barrier pair publishes one step.
        uvec4 xr[XPT], wr[WPT];
        fetch(t, k_begin, n0, xr, wr);
        for (uint s = 0u; s < steps; ++s) {
            barrier();  // the multipliers are done with the previous step
            stage(t, xr, wr);
            barrier();
            if (s + 1u < steps) fetch(t, k_begin + (s + 1u) * BK, n0, xr, wr);
        }
    } else {
        // Multipliers: the same barrier sequence (two per step; the loop body covers two steps, as measured);
        // subgroup (t - 128) / 32 owns 32 columns.
        const uint tn0 = ((t - LOADERS) / 32u) * 2u;
        acc00 = F32(0.0); acc01 = F32(0.0); acc10 = F32(0.0); acc11 = F32(0.0);
        acc20 = F32(0.0); acc21 = F32(0.0); acc30 = F32(0.0); acc31 = F32(0.0);
        for (uint s = 0u; s < steps; s += 2u) {
            barrier();
            barrier();
            mma_step(tn0);
            if (s + 1u < steps) {
                barrier();
                barrier();
                mma_step(tn0);
            }
        }
        const uint gn = n0 + tn0 * 16u;
        store_tile(acc00, 0u, gn, pbase);
        store_tile(acc01, 0u, gn + 16u, pbase);
        store_tile(acc10, 16u, gn, pbase);
        store_tile(acc11, 16u, gn + 16u, pbase);
        store_tile(acc20, 32u, gn, pbase);
        store_tile(acc21, 32u, gn + 16u, pbase);
        store_tile(acc30, 48u, gn, pbase);
        store_tile(acc31, 48u, gn + 16u, pbase);
    }
    if (pc.splits == 1u) return;
    // Split K: the last split of this column tile to finish adds all splits in split order (as gemm_few.comp).
    memoryBarrierBuffer();
    barrier();
    if (t == 0u) s_last = atomicAdd(tickets[pc.ticket_off + bn], 1u) == pc.splits - 1u ? 1u : 0u;
    barrier();
    if (s_last == 0u) return;
    memoryBarrierBuffer();
    const uint c4 = BN / 4u, MN4 = pc.M * pc.N / 4u, total = BM * c4;
    for (uint e0 = t; e0 < total; e0 += 2u * WG) {  // two elements per thread: 16 loads in flight
        const bool ok1 = e0 + WG < total;
        uint p[2];
        [[unroll]] for (uint h = 0u; h < 2u; ++h) {
            const uint e = h == 1u && !ok1 ? e0 : e0 + h * WG, m = e / c4, n = n0 + 4u * (e % c4);
            p[h] = (pc.part_off + m * pc.N + n) / 4u;
        }
        vec4 yv[2] = vec4[2](vec4(0.0), vec4(0.0));  // TAILY: Y in the same round trip as the partial sums
        if (TAILY == 1u && YH == 0u && pc.accumulate == 1u) {
            [[unroll]] for (uint h = 0u; h < 2u; ++h) {
                const uint e = h == 1u && !ok1 ? e0 : e0 + h * WG, m = e / c4, n = n0 + 4u * (e % c4);
                const uint o = pc.y_off + m * pc.y_stride + n;
                [[unroll]] for (uint i = 0u; i < 4u; ++i) yv[h][i] = y[o + i];
            }
        }
        vec4 s0 = vec4(0.0), s1 = vec4(0.0);
        uint q = 0u;
        for (; q + 8u <= pc.splits; q += 8u) {  // added in split order
            vec4 a[8], b[8];
            [[unroll]] for (uint i = 0u; i < 8u; ++i) {
                a[i] = part4[p[0] + (q + i) * MN4];
                b[i] = part4[p[1] + (q + i) * MN4];
            }
            [[unroll]] for (uint i = 0u; i < 8u; ++i) {
                s0 += a[i];
                s1 += b[i];
            }
        }
        for (; q < pc.splits; ++q) {
            s0 += part4[p[0] + q * MN4];
            s1 += part4[p[1] + q * MN4];
        }
        [[unroll]] for (uint h = 0u; h < 2u; ++h) {
            if (h == 1u && !ok1) continue;
            const uint e = e0 + h * WG, m = e / c4, n = n0 + 4u * (e % c4);
            const uint o = pc.y_off + m * pc.y_stride + n;
            const vec4 sv = h == 0u ? s0 : s1;
            [[unroll]] for (uint i = 0u; i < 4u; ++i) {
                float v = act_out(sv[i]);
                if (YH == 1u) {
                    yh[o + i] = float16_t(v);
                    continue;
                }
                if (pc.accumulate == 1u) v += TAILY == 1u ? yv[h][i] : y[o + i];
                y[o + i] = v;
            }
        }
    }
    if (t == 0u) tickets[pc.ticket_off + bn] = 0u;
}
