// Few-rows tensor-core GEMM of the rows path (batched decode, short chunks: M = 16, 32 or 64 rows), the same
// product as gemm_coop.comp / gemm.comp: Y[m][n] (+)= act(sum_k X[m][k] * W[n][k]) (TRANS = 1: Wt [K, N]).
// At M <= 64 the product is bound by streaming W once, so a 256-thread workgroup owns ALL M rows (BM = M) and BN
// columns (W is read once, X re-read N/BN times from L2), over a K range: per 64-deep step X (fp32, rounded to fp16
// as it arrives) and W (16-byte loads, issued first) are staged in shared memory; the next step's loads are in
// flight in registers during this step's MMAs. Register count decides the speed (H200: 127 registers = two
// workgroups per SM, 1.3-1.5x the speed of 137 with X kept fp32 until staged; docs/perf-notes.md "Rows path v4").
// Each subgroup keeps a warp tile of WTM x WTN 16 x 16 accumulators as named variables (NVIDIA's compiler keeps
// arrays of cooperative matrices in local memory) and reuses each staged A fragment WTN times, each B fragment
// WTM times. Any subgroup size: warp tile w belongs to subgroup w % gl_NumSubgroups (host: WTM x WTN from the
// device's subgroup size); fewer subgroups than expected only add passes. K is split over workgroups so that the
// grid fills the GPU (host: ~kernels().few_groups workgroups); the last split of a column tile to finish (atomic
// ticket, left at 0) adds the splits' raw sums in split order (deterministic; two elements per thread, 16 loads in
// flight), applies act and writes Y. act: 0 none, 1 relu², 2 tanh, 3 sigmoid. XH / YH: X read / Y written as fp16
// (the FFN and LoRA hidden rows, the WKV y rows: half the X bytes the next GEMM re-reads from L2; docs/perf-notes.md
// "Rows path v5", "v9"). Host: engine/src/vulkan/gemm_few.cpp.
// (Debian 12's glslc -O crashes on matrix + matrix: the epilogue adds per element. Shared arrays are uvec4.)
// I8 (gemm_few_i8[_s8].comp): int8 W staged as round_f16(q * scale), gemm_i8_stage.glsl.
#extension GL_NV_cooperative_matrix : require
#extension GL_KHR_memory_scope_semantics : require
#extension GL_EXT_shader_16bit_storage : require
#extension GL_EXT_shader_explicit_arithmetic_types_float16 : require
#extension GL_EXT_control_flow_attributes : require
#extension GL_KHR_shader_subgroup_basic : require
layout(constant_id = 0) const uint TRANS = 0;
layout(constant_id = 1) const uint BM = 64;   // = M (16, 32 or 64)
layout(constant_id = 2) const uint BN = 128;  // columns per workgroup tile (multiple of 16 * WTN, at most 128)
layout(constant_id = 3) const uint WTM = 2;   // warp tile rows (16 x 16 tiles): 1 or 2
layout(constant_id = 4) const uint WTN = 2;   // warp tile columns: 1, 2 or 4
layout(constant_id = 5) const uint XH = 0;    // 1: X is fp16 (x_off, x_stride in halves)
layout(constant_id = 6) const uint YH = 0;    // 1: Y is written as fp16 (y_off, y_stride in halves; no accumulate)
layout(local_size_x = 256) in;
#define WG 256u
#define BK 64u
#define AS (BK / 8u + 1u)        // uvec4 per staged X row / W row (8 halves each, +1 against bank conflicts)
#define BS_T (BN / 8u + 1u)      // uvec4 per staged Wt row (TRANS)
#define XPT 2u                   // X units (8 values) per thread and step: BM * BK / 8 / WG <= 2
#define WPT 4u                   // W units (8 halves) per thread and step: BN * BK / 8 / WG <= 4
#define F16 fcoopmatNV<16, gl_ScopeSubgroup, 16, 16>
#define F32 fcoopmatNV<32, gl_ScopeSubgroup, 16, 16>

#define X_FP32 1
#include "gemm_few_io.glsl"

#include "gemm_act.glsl"
#include "f16_pack.glsl"

// Loads step k0's W and X units of this thread (zeros past N and k_end): the W loads first, then X (from L2),
// rounded to fp16 as it arrives (fewer registers than keeping it fp32 until stage()).
void fetch(uint t, uint k0, uint k_end, uint n0, out uvec4 xr[XPT], out uvec4 wr[WPT]) {
    [[unroll]] for (uint i = 0; i < WPT; ++i) {
        const uint e = t + i * WG;
        wr[i] = uvec4(0u);
        if (i * WG >= BN * (BK / 8u)) continue;  // BN = 64: 2 W units per thread (folded at specialisation)
        const bool all = (i + 1u) * WG <= BN * (BK / 8u);
        if (TRANS == 0u) {
            const uint r = e / (BK / 8u), c = e % (BK / 8u), gn = n0 + r, gk = k0 + 8u * c;
            if ((all || e < BN * (BK / 8u)) && gn < pc.N && gk < k_end)
                wr[i] = W_UNIT(gn * pc.K + gk, pc.scale_off + gn);
        } else {
            const uint r = e / (BN / 8u), c = e % (BN / 8u), gk = k0 + r, gn = n0 + 8u * c;
            if ((all || e < BK * (BN / 8u)) && gn < pc.N && gk < k_end)
                wr[i] = W_UNIT(gk * pc.N + gn, pc.scale_off + gk);
        }
    }
    [[unroll]] for (uint i = 0; i < XPT; ++i) {
        const uint e = t + i * WG, r = e / (BK / 8u), c = e % (BK / 8u), gk = k0 + 8u * c;
        const bool in_range = ((i + 1u) * WG <= BM * (BK / 8u) || e < BM * (BK / 8u)) && gk < k_end;
        if (XH == 1u) {
            xr[i] = in_range ? xh8[(pc.x_off + r * pc.x_stride + gk) / 8u] : uvec4(0u);
            continue;
        }
        vec4 a = vec4(0.0), b = vec4(0.0);
        if (in_range) {
            const uint j = (pc.x_off + r * pc.x_stride + gk) / 4u;
            a = x4[j];
            b = x4[j + 1u];
        }
        xr[i] = pack8(a, b);
    }
}

void stage(uint t, uvec4 xr[XPT], uvec4 wr[WPT]) {
    [[unroll]] for (uint i = 0; i < XPT; ++i) {
        const uint e = t + i * WG;
        if ((i + 1u) * WG <= BM * (BK / 8u) || e < BM * (BK / 8u)) xs[(e / (BK / 8u)) * AS + e % (BK / 8u)] = xr[i];
    }
    [[unroll]] for (uint i = 0; i < WPT; ++i) {
        const uint e = t + i * WG;
        if (i * WG >= BN * (BK / 8u)) continue;
        if (TRANS == 0u) {
            if (e < BN * (BK / 8u)) ws[(e / (BK / 8u)) * AS + e % (BK / 8u)] = W_STAGE(wr[i]);
        } else {
            if (e < BK * (BN / 8u)) ws[(e / (BN / 8u)) * BS_T + e % (BN / 8u)] = W_STAGE(wr[i]);
        }
    }
}

F32 acc00, acc01, acc02, acc03, acc10, acc11, acc12, acc13;

void load_b(out F16 b, uint tn, uint kk) {
    if (TRANS == 0u)
        coopMatLoadNV(b, ws, tn * 16u * AS + kk / 8u, AS, true);
    else
        coopMatLoadNV(b, ws, kk * BS_T + tn * 2u, BS_T, false);
}

// The MMAs of one staged step for the warp tile at 16 x 16 tile (tm0, tn0).
void mma_step(uint tm0, uint tn0) {
    [[unroll]] for (uint kk = 0u; kk < BK; kk += 16u) {
        F16 a0, a1, b0, b1, b2, b3;
        coopMatLoadNV(a0, xs, tm0 * 16u * AS + kk / 8u, AS, false);
        if (WTM > 1u) coopMatLoadNV(a1, xs, (tm0 + 1u) * 16u * AS + kk / 8u, AS, false);
        load_b(b0, tn0, kk);
        if (WTN > 1u) load_b(b1, tn0 + 1u, kk);
        if (WTN > 2u) {
            load_b(b2, tn0 + 2u, kk);
            load_b(b3, tn0 + 3u, kk);
        }
        acc00 = coopMatMulAddNV(a0, b0, acc00);
        if (WTN > 1u) acc01 = coopMatMulAddNV(a0, b1, acc01);
        if (WTN > 2u) {
            acc02 = coopMatMulAddNV(a0, b2, acc02);
            acc03 = coopMatMulAddNV(a0, b3, acc03);
        }
        if (WTM > 1u) {
            acc10 = coopMatMulAddNV(a1, b0, acc10);
            if (WTN > 1u) acc11 = coopMatMulAddNV(a1, b1, acc11);
            if (WTN > 2u) {
                acc12 = coopMatMulAddNV(a1, b2, acc12);
                acc13 = coopMatMulAddNV(a1, b3, acc13);
            }
        }
    }
}

void store_tile(F32 c, uint gm, uint gn, uint pbase) {
    if (gn >= pc.N) return;
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
    const uint nb = (pc.N + BN - 1u) / BN;
    const uint bn = gl_WorkGroupID.x % nb, sp = gl_WorkGroupID.x / nb;
    const uint n0 = bn * BN;
    const uint WM = BM / (16u * WTM), NW = WM * (BN / (16u * WTN));  // warp tiles along M, in all
    const uint nsg = gl_NumSubgroups, sg = gl_SubgroupID;
    const uint k_begin = sp * pc.kchunk, k_end = min(pc.K, k_begin + pc.kchunk);
    const uint pbase = pc.part_off + sp * pc.M * pc.N;
    uvec4 xr[XPT], wr[WPT];
    for (uint pass = 0u; pass * nsg < NW; ++pass) {
        const uint w = pass * nsg + sg;
        const bool mine = w < NW;  // this subgroup has a warp tile in this pass
        const uint tm0 = (w % WM) * WTM, tn0 = (w / WM) * WTN;
        acc00 = F32(0.0); acc01 = F32(0.0); acc02 = F32(0.0); acc03 = F32(0.0);
        acc10 = F32(0.0); acc11 = F32(0.0); acc12 = F32(0.0); acc13 = F32(0.0);
        fetch(t, k_begin, k_end, n0, xr, wr);
        for (uint k0 = k_begin; k0 < k_end; k0 += BK) {
            barrier();  // the previous step's MMAs are done with xs / ws
            stage(t, xr, wr);
            barrier();
            if (k0 + BK < k_end) fetch(t, k0 + BK, k_end, n0, xr, wr);  // in flight during the MMAs
            if (mine) mma_step(tm0, tn0);
        }
        if (mine) {
            const uint gm = tm0 * 16u, gn = n0 + tn0 * 16u;
            store_tile(acc00, gm, gn, pbase);
            if (WTN > 1u) store_tile(acc01, gm, gn + 16u, pbase);
            if (WTN > 2u) {
                store_tile(acc02, gm, gn + 32u, pbase);
                store_tile(acc03, gm, gn + 48u, pbase);
            }
            if (WTM > 1u) {
                store_tile(acc10, gm + 16u, gn, pbase);
                if (WTN > 1u) store_tile(acc11, gm + 16u, gn + 16u, pbase);
                if (WTN > 2u) {
                    store_tile(acc12, gm + 16u, gn + 32u, pbase);
                    store_tile(acc13, gm + 16u, gn + 48u, pbase);
                }
            }
        }
    }
    if (pc.splits == 1u) return;
    // Split K: the last split of this column tile to finish adds all splits in split order.
    memoryBarrierBuffer();
    barrier();
    if (t == 0u) s_last = atomicAdd(tickets[pc.ticket_off + bn], 1u) == pc.splits - 1u ? 1u : 0u;
    barrier();
    if (s_last == 0u) return;
    memoryBarrierBuffer();
    const uint cols = min(BN, pc.N - n0), c4 = cols / 4u, MN4 = pc.M * pc.N / 4u, total = BM * c4;
    for (uint e0 = t; e0 < total; e0 += 2u * WG) {  // two elements per thread: 16 loads in flight
        const bool ok1 = e0 + WG < total;
        uint p[2];
        [[unroll]] for (uint h = 0u; h < 2u; ++h) {
            const uint e = h == 1u && !ok1 ? e0 : e0 + h * WG, m = e / c4, n = n0 + 4u * (e % c4);
            p[h] = (pc.part_off + m * pc.N + n) / 4u;
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
                if (pc.accumulate == 1u) v += y[o + i];
                y[o + i] = v;
            }
        }
    }
    if (t == 0u) tickets[pc.ticket_off + bn] = 0u;
}
