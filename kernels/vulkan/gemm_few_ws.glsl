// gemm_few.comp's product for batched decode at M = 64 rows (fp16 X, W [N, K] or TRANS = 1: Wt [K, N], 128-column
// tiles, 64-deep steps), warp-specialised: LOADERS threads (128 or 256) only load and stage W and X into shared
// memory, each holding DEPTH (1..4) steps in registers (a ring: step s + DEPTH is issued as soon as step s is staged;
// constant ring indices, the step loop unrolled DEPTH times); MW subgroups (of 32, host-checked) only multiply:
// MW = 4, a 4 x 2 warp tile each (all 64 rows x 32 columns); MW = 8, 2 x 2 (32 rows x 32 columns). The workgroup size
// (spec constant 7) is LOADERS + 32 MW. UNR = 1: the multipliers' kk loop unrolled. Split-K tail with Y loaded in
// the partial sums' round trip (TAILY), act, YH (fp16 Y) and accumulate as gemm_few.comp. I8 (gemm_few_ws_i8[_s8].comp):
// int8 W staged as round_f16(q * scale), gemm_i8_stage.glsl.
// The host's default is LOADERS 128, MW 4, DEPTH 1, BPF 1 (110 / 112 registers, two workgroups per SM): session 15's
// first form of this shader (v17: 13.05 -> 12.80 ms per H200 7.2B B=64 step) with the multipliers looping one step per
// iteration instead of two, bit-identical to it and 0.17 ms per step faster (11.675 -> 11.506 ms, docs/perf/
// vulkan-batched.md "Rows path v20", where the two forms stood side by side as gemm_few_ws / gemm_few_ring). Every
// other shape measured there runs one workgroup per SM (96-131 registers at 384 / 512 threads) and lost 0.7-2.8 ms,
// a ring of 4 steps (twice the W bytes in flight) included: at B=64 these GEMMs wait on the MMAs, not on DRAM.
// Host: engine/src/vulkan/gemm_few.cpp.
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
layout(constant_id = 3) const uint DEPTH = 1;     // steps in flight per loader: 1..4
layout(constant_id = 4) const uint UNR = 0;       // 1: the multipliers' kk loop unrolled
layout(constant_id = 5) const uint LOADERS = 128; // 128 or 256
layout(constant_id = 6) const uint MW = 4;        // multiplier subgroups: 4 or 8
layout(local_size_x = 256, local_size_x_id = 7) in;  // LOADERS + 32 MW
// BPF = 1 (the host's default): the multipliers load the B fragments of slice kk + 16 from ws during slice kk's MMAs
// (the same fragments in the same MMAs: bit-identical; H200 7.2B B=64 step -0.09 to -0.16 ms in two processes,
// docs/perf/vulkan-batched.md "Rows path v22").
layout(constant_id = 8) const uint BPF = 0;
const uint WG = gl_WorkGroupSize.x;
#define BM 64u
#define BN 128u
#define BK 64u
#define AS (BK / 8u + 1u)             // uvec4 per staged X / W row (8 halves each, +1 against bank conflicts)
#define BS_T (BN / 8u + 1u)           // uvec4 per staged Wt row (TRANS)
const uint XPT = BM * BK / 8u / LOADERS;  // X units (8 halves) per loader and step: 4 or 2
const uint WPT = BN * BK / 8u / LOADERS;  // W units per loader and step: 8 or 4
#define F16 fcoopmatNV<16, gl_ScopeSubgroup, 16, 16>
#define F32 fcoopmatNV<32, gl_ScopeSubgroup, 16, 16>

#include "gemm_few_io.glsl"

#include "gemm_act.glsl"

// Loader t's units of step k0: W first (DRAM), then X (L2). No bounds: the host guarantees whole tiles.
void fetch(uint t, uint k0, uint n0, out uvec4 xr[4], out uvec4 wr[8]) {
    [[unroll]] for (uint i = 0; i < WPT; ++i) {
        const uint e = t + i * LOADERS;
        if (TRANS == 0u) {
            const uint r = e / (BK / 8u), c = e % (BK / 8u);
            wr[i] = W_UNIT((n0 + r) * pc.K + k0 + 8u * c, pc.scale_off + n0 + r);
        } else {
            const uint r = e / (BN / 8u), c = e % (BN / 8u);
            wr[i] = W_UNIT((k0 + r) * pc.N + n0 + 8u * c, pc.scale_off + k0 + r);
        }
    }
    [[unroll]] for (uint i = 0; i < XPT; ++i) {
        const uint e = t + i * LOADERS, r = e / (BK / 8u), c = e % (BK / 8u);
        xr[i] = xh8[(pc.x_off + r * pc.x_stride + k0 + 8u * c) / 8u];
    }
}

void stage(uint t, uvec4 xr[4], uvec4 wr[8]) {
    [[unroll]] for (uint i = 0; i < XPT; ++i) {
        const uint e = t + i * LOADERS;
        xs[(e / (BK / 8u)) * AS + e % (BK / 8u)] = xr[i];
    }
    [[unroll]] for (uint i = 0; i < WPT; ++i) {
        const uint e = t + i * LOADERS;
        if (TRANS == 0u)
            ws[(e / (BK / 8u)) * AS + e % (BK / 8u)] = W_STAGE(wr[i]);
        else
            ws[(e / (BN / 8u)) * BS_T + e % (BN / 8u)] = W_STAGE(wr[i]);
    }
}

F32 acc00, acc01, acc10, acc11, acc20, acc21, acc30, acc31;

void load_b(uint tn0, uint kk, out F16 b0, out F16 b1) {
    if (TRANS == 0u) {
        coopMatLoadNV(b0, ws, tn0 * 16u * AS + kk / 8u, AS, true);
        coopMatLoadNV(b1, ws, (tn0 + 1u) * 16u * AS + kk / 8u, AS, true);
    } else {
        coopMatLoadNV(b0, ws, kk * BS_T + tn0 * 2u, BS_T, false);
        coopMatLoadNV(b1, ws, kk * BS_T + (tn0 + 1u) * 2u, BS_T, false);
    }
}

// The MMAs of one 16-deep slice kk of a staged step for the warp tile at 16 x 16 tile (tm0, tn0), B fragments b0, b1
// given: 4 x 2 tiles (MW = 4, tm0 = 0) or 2 x 2.
void kmma(uint tm0, uint kk, F16 b0, F16 b1) {
    F16 a0, a1, a2, a3;
    coopMatLoadNV(a0, xs, (tm0 + 0u) * 16u * AS + kk / 8u, AS, false);
    coopMatLoadNV(a1, xs, (tm0 + 1u) * 16u * AS + kk / 8u, AS, false);
    if (MW == 4u) {
        coopMatLoadNV(a2, xs, 2u * 16u * AS + kk / 8u, AS, false);
        coopMatLoadNV(a3, xs, 3u * 16u * AS + kk / 8u, AS, false);
    }
    acc00 = coopMatMulAddNV(a0, b0, acc00);
    acc01 = coopMatMulAddNV(a0, b1, acc01);
    acc10 = coopMatMulAddNV(a1, b0, acc10);
    acc11 = coopMatMulAddNV(a1, b1, acc11);
    if (MW == 4u) {
        acc20 = coopMatMulAddNV(a2, b0, acc20);
        acc21 = coopMatMulAddNV(a2, b1, acc21);
        acc30 = coopMatMulAddNV(a3, b0, acc30);
        acc31 = coopMatMulAddNV(a3, b1, acc31);
    }
}

void kstep(uint tm0, uint tn0, uint kk) {
    F16 b0, b1;
    load_b(tn0, kk, b0, b1);
    kmma(tm0, kk, b0, b1);
}

void mma_step(uint tm0, uint tn0) {
    if (UNR == 1u) {
        kstep(tm0, tn0, 0u);
        kstep(tm0, tn0, 16u);
        kstep(tm0, tn0, 32u);
        kstep(tm0, tn0, 48u);
    } else if (BPF == 1u) {
        // B of slice kk + 16 in flight during slice kk's MMAs (the last slice reloads itself: no read past ws).
        F16 b0, b1;
        load_b(tn0, 0u, b0, b1);
        [[dont_unroll]] for (uint kk = 0u; kk < BK; kk += 16u) {
            F16 c0, c1;
            load_b(tn0, min(kk + 16u, BK - 16u), c0, c1);
            kmma(tm0, kk, b0, b1);
            b0 = c0;
            b1 = c1;
        }
    } else {
        [[dont_unroll]] for (uint kk = 0u; kk < BK; kk += 16u) kstep(tm0, tn0, kk);
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
        // Loaders: a ring of DEPTH steps in flight; slot u holds steps u, u + DEPTH, ... (constant indices: the
        // loop body is unrolled DEPTH times). Each barrier pair publishes one step.
        uvec4 xr[4][4], wr[4][8];
        [[unroll]] for (uint u = 0u; u < 4u; ++u) {
            if (u < DEPTH && u < steps) fetch(t, k_begin + u * BK, n0, xr[u], wr[u]);
        }
        for (uint s0 = 0u; s0 < steps; s0 += DEPTH) {
            [[unroll]] for (uint u = 0u; u < 4u; ++u) {
                if (u >= DEPTH) break;
                const uint s = s0 + u;
                if (s >= steps) break;  // uniform
                barrier();  // the multipliers are done with the previous step
                stage(t, xr[u], wr[u]);
                barrier();
                if (s + DEPTH < steps) fetch(t, k_begin + (s + DEPTH) * BK, n0, xr[u], wr[u]);
            }
        }
    } else {
        // Multipliers: the same barrier sequence (two per step); subgroup w = (t - LOADERS) / 32 owns 32 columns of
        // all 64 rows (MW = 4) or of rows 32 (w & 1) .. + 31 (MW = 8).
        const uint w = (t - LOADERS) / 32u;
        const uint tn0 = (MW == 4u ? w : w >> 1u) * 2u, tm0 = MW == 4u ? 0u : (w & 1u) * 2u;
        acc00 = F32(0.0); acc01 = F32(0.0); acc10 = F32(0.0); acc11 = F32(0.0);
        acc20 = F32(0.0); acc21 = F32(0.0); acc30 = F32(0.0); acc31 = F32(0.0);
        for (uint s = 0u; s < steps; ++s) {
            barrier();
            barrier();
            mma_step(tm0, tn0);
        }
        const uint gn = n0 + tn0 * 16u, gm = tm0 * 16u;
        store_tile(acc00, gm, gn, pbase);
        store_tile(acc01, gm, gn + 16u, pbase);
        store_tile(acc10, gm + 16u, gn, pbase);
        store_tile(acc11, gm + 16u, gn + 16u, pbase);
        if (MW == 4u) {
            store_tile(acc20, 32u, gn, pbase);
            store_tile(acc21, 32u, gn + 16u, pbase);
            store_tile(acc30, 48u, gn, pbase);
            store_tile(acc31, 48u, gn + 16u, pbase);
        }
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
