// Body of gemm_coop.comp and gemm_coop_ht.comp (which defines HT first: the FFN hidden rows [F, M], below).
// Tensor-core GEMM of the rows path (GL_NV_cooperative_matrix, 16 x 16 x 16 fp16 x fp16 -> fp32 subgroup tiles):
// Y[m][n] (+)= act(sum_k X[m][k] * W[n][k]), the same operation as gemm.comp (the fallback on devices without
// VK_NV_cooperative_matrix), for M, N, K multiples of 16. W is fp16 [N, K] ([out, in] row-major) read as the
// column-major K x N operand; with TRANS = 1 it is Wt [K, N] (ffn.value stored transposed) read row-major, X's
// columns starting at k_base. fp32 accumulation.
// A workgroup computes a BM x BN tile of Y. Per BK-deep step, X (fp32, rounded to fp16 when staged; XH: fp16 rows
// written so by their producers, half the bytes and 16 fewer registers: prefill T=1024 on 7.2B 7,538 -> 8,599 tok/s,
// docs/perf/vulkan-rows.md "v12") and W (fp16, 16-byte loads) are staged in shared memory with coalesced loads: the
// loads of step s + 1 are issued into registers before the MMAs of step s and stored after them, into the other of
// two buffers (STAGES 2: one barrier per step, the loop unrolled by two steps so that each buffer's offsets are
// constants) or into the one buffer after a barrier (STAGES 1, for deeper steps).
// The tile is cut into warp tiles of WTM x WTN = 2 x 4 (or 4 x 4) 16 x 16 tiles: each subgroup keeps one warp
// tile's accumulators and reuses every staged A fragment 4 times and every B fragment WTM times. Any subgroup
// size: warp tile w belongs to subgroup w % gl_NumSubgroups; the host sizes the workgroup as (warp tiles) x (its
// subgroup size), so a device with larger subgroups than that (fewer subgroups) only adds passes over K, smaller
// ones leave subgroups idle in the MMAs.
// splits > 1 (few tiles at M <= 64; the prefill LoRA downs): workgroup (bn, sp) sums K range sp and stores its
// raw sums to part[sp][M][N]; the last split of a tile to finish (atomic ticket, reset to 0 for the next dispatch)
// adds the splits in split order, applies act and writes Y: deterministic, no extra dispatch or barrier.
// act: 0 none, 1 relu² (FFN key), 2 tanh (LoRA w), 3 sigmoid (LoRA g). YH: Y written as fp16 (the FFN and LoRA
// hidden rows, which only the next tensor-core GEMM reads). Host: engine/src/vulkan/gemm_coop.cpp.
// (Debian 12's glslc -O crashes on matrix + matrix: the epilogue adds per element. Shared arrays are uvec4: the
// NV loads take no f16vec4 arrays. Debian 12's glslc has no GL_KHR_cooperative_matrix.)
// I8 (gemm_coop[_ht]_i8[_s8].comp): int8 W staged as round_f16(q * scale), gemm_i8_stage.glsl.
#extension GL_NV_cooperative_matrix : require
#extension GL_KHR_memory_scope_semantics : require
#extension GL_EXT_shader_16bit_storage : require
#extension GL_EXT_shader_explicit_arithmetic_types_float16 : require
#extension GL_EXT_control_flow_attributes : require
#extension GL_KHR_shader_subgroup_basic : require
layout(constant_id = 0) const uint TRANS = 0;
layout(constant_id = 1) const uint BM = 128;  // rows per workgroup tile (multiple of WTM x 16)
layout(constant_id = 2) const uint BN = 128;  // columns per workgroup tile (multiple of 64: WTN x 16)
layout(local_size_x_id = 3) in;               // host: (warp tiles) x subgroup size; BM, BN * BK / 8 <= MAXPT * it
layout(constant_id = 4) const uint BK = 32;   // staging depth (multiple of 16)
layout(constant_id = 5) const uint STAGES = 2;  // shared-memory buffers: 2 (one barrier per step) or 1 (two)
layout(constant_id = 6) const uint WTM = 2;   // 16 x 16 tiles per warp tile along M: 2 or 4 (WTN is 4)
layout(constant_id = 7) const uint XH = 0;    // 1: X is fp16 (x_off, x_stride, k_base in halves)
layout(constant_id = 8) const uint YH = 0;    // 1: Y is written as fp16 (y_off, y_stride in halves; no accumulate)
#ifdef HT
// gemm_coop_ht: fp16 rows stored transposed, [columns, M] (the prefill's FFN hidden rows, vk_rows.cpp): the FFN key
// writes h [F, M] and the FFN value stages X from it as 32 rows of 128 m (whole 128-byte lines per warp load, as W
// with TRANS = 1; docs/perf/vulkan-rows.md "v33").
layout(constant_id = 9) const uint XT = 0;    // 1: X[m][k] at x_off + (k_base + k) * x_stride + m (needs XH)
layout(constant_id = 10) const uint YT = 0;   // 1: Y[m][n] at y_off + n * y_stride + m (needs YH; no splits)
#else
#define XT 0u
#define YT 0u
#endif
#define WG gl_WorkGroupSize.x
#define MAXPT 4u                 // staged uvec4 (8 halves) of X and of W per thread and step, at most
#define AS (BK / 8u + 1u)        // uvec4 per staged X row / W row (8 halves each, +1 against bank conflicts)
#define BS_T (BN / 8u + 1u)      // uvec4 per staged Wt row (TRANS)
#ifdef HT
#define AS_T (BM / 8u + 1u)      // uvec4 per staged X row of BM m (XT)
#define XBUF ((XT == 0u) ? BM * AS : BK * AS_T)
#else
#define XBUF (BM * AS)
#endif
#define WBUF ((TRANS == 0u) ? BN * AS : BK * BS_T)
#define XU (BM * (BK / 8u))      // X units (8 values) per step
#define WU (BN * (BK / 8u))      // W units (8 halves) per step, either layout
#define F16 fcoopmatNV<16, gl_ScopeSubgroup, 16, 16>
#define F32 fcoopmatNV<32, gl_ScopeSubgroup, 16, 16>

#ifdef I8
#include "gemm_i8_stage.glsl"
#else
layout(std430, binding = 0) restrict readonly buffer Weight { uvec4 w4[]; };
#define W_UNIT(i, s) w4[(i) / 8u]
#define W_STAGE(v) (v)
#endif
layout(std430, binding = 1) readonly buffer In { vec4 x4[]; };
layout(std430, binding = 1) readonly buffer InH { uvec4 xh8[]; };
layout(std430, binding = 2) buffer Out { float y[]; };
layout(std430, binding = 2) buffer OutH { float16_t yh[]; };
layout(std430, binding = 2) buffer OutV { vec4 y4[]; };
layout(std430, binding = 2) buffer OutH4 { uvec2 yh4[]; };
layout(std430, binding = 3) coherent buffer Part { float part[]; };      // [splits][M][N] raw sums
layout(std430, binding = 3) coherent buffer PartV { vec4 part4[]; };
layout(std430, binding = 4) coherent buffer Tickets { uint tickets[]; };  // one per tile, 0 between dispatches

layout(push_constant) uniform Push {
    uint M, N, K;
    uint x_off, x_stride, k_base;  // floats (halves with XH; multiples of 8)
    uint y_off, y_stride;          // Y[m][n] at y[y_off + m * y_stride + n]
    uint act, accumulate;
    uint splits, kchunk;           // K splits and the depth of each (multiple of BK)
    uint part_off, ticket_off;
#ifdef I8
    uint scale_off;                // scale of stored row r (n, or k with TRANS) at scales[scale_off + r]
#endif
} pc;

shared uvec4 xs[STAGES * XBUF];
shared uvec4 ws[STAGES * WBUF];
shared uint s_last;

#include "gemm_act.glsl"
#include "f16_pack.glsl"

// Registers between the global loads of a step and their shared-memory stores: fp16 X (XH) and W as loaded, fp32 X
// kept as loaded and rounded when stored.
vec4 xa[MAXPT], xb[MAXPT];
uvec4 xr[MAXPT], wr[MAXPT];

void load_w(uint i, uint t, uint n0, uint k0, uint k_end, out uvec4 v) {
    const uint e = i * WG + t;
    v = uvec4(0u);
    if (TRANS == 0u) {
        const uint r = e / (BK / 8u), c = e % (BK / 8u), gn = n0 + r, gk = k0 + 8u * c;
        if (e < WU && gn < pc.N && gk < k_end) v = W_UNIT(gn * pc.K + gk, pc.scale_off + gn);
    } else {
        const uint r = e / (BN / 8u), c = e % (BN / 8u), gk = k0 + r, gn = n0 + 8u * c;
        if (e < WU && gn < pc.N && gk < k_end) v = W_UNIT(gk * pc.N + gn, pc.scale_off + gk);
    }
}

// X unit i of this thread at step k0, fp16 rows (XH); zeros past M and k_end.
uvec4 load_xh(uint i, uint t, uint m0, uint k0, uint k_end) {
#ifdef HT
    if (XT == 1u) {  // X [K, M]: unit e is row k0 + e / (BM / 8), m0 + 8 (e % (BM / 8)) onwards
        const uint e = i * WG + t, r = e / (BM / 8u), c = e % (BM / 8u), gk = k0 + r, gm = m0 + 8u * c;
        if (e < XU && gm < pc.M && gk < k_end)
            return xh8[(pc.x_off + (pc.k_base + gk) * pc.x_stride + gm) / 8u];
        return uvec4(0u);
    }
#endif
    const uint e = i * WG + t, r = e / (BK / 8u), c = e % (BK / 8u), gm = m0 + r, gk = k0 + 8u * c;
    if (e < XU && gm < pc.M && gk < k_end)
        return xh8[(pc.x_off + gm * pc.x_stride + pc.k_base + gk) / 8u];
    return uvec4(0u);
}

// The same from fp32 rows, into xa[i] / xb[i] (rounded to fp16 when staged).
void load_x32(uint i, uint t, uint m0, uint k0, uint k_end) {
    const uint e = i * WG + t, r = e / (BK / 8u), c = e % (BK / 8u), gm = m0 + r, gk = k0 + 8u * c;
    xa[i] = vec4(0.0);
    xb[i] = vec4(0.0);
    if (e < XU && gm < pc.M && gk < k_end) {
        const uint j = (pc.x_off + gm * pc.x_stride + pc.k_base + gk) / 4u;
        xa[i] = x4[j];
        xb[i] = x4[j + 1u];
    }
}

void fetch(uint t, uint m0, uint n0, uint k0, uint k_end) {
    [[unroll]] for (uint i = 0u; i < MAXPT; ++i) {
        wr[i] = uvec4(0u);
        xr[i] = uvec4(0u);
        if (i * WG < WU) load_w(i, t, n0, k0, k_end, wr[i]);
        if (i * WG < XU) {
            if (XH == 1u)
                xr[i] = load_xh(i, t, m0, k0, k_end);
            else
                load_x32(i, t, m0, k0, k_end);
        }
    }
}

void stage(uint t, uint buf) {
    [[unroll]] for (uint i = 0u; i < MAXPT; ++i) {
        const uint e = i * WG + t;
#ifdef HT
        if (XT == 1u && i * WG < XU && e < XU) xs[buf * XBUF + (e / (BM / 8u)) * AS_T + e % (BM / 8u)] = xr[i];
        if (XT == 0u && i * WG < XU && e < XU)
#else
        if (i * WG < XU && e < XU)
#endif
            xs[buf * XBUF + (e / (BK / 8u)) * AS + e % (BK / 8u)] = XH == 1u ? xr[i] : pack8(xa[i], xb[i]);
        if (i * WG < WU && e < WU) {
            if (TRANS == 0u)
                ws[buf * WBUF + (e / (BK / 8u)) * AS + e % (BK / 8u)] = W_STAGE(wr[i]);
            else
                ws[buf * WBUF + (e / (BN / 8u)) * BS_T + e % (BN / 8u)] = W_STAGE(wr[i]);
        }
    }
}

// Warp tile: WTM x WTN = 2 x 4 or 4 x 4 tiles of 16 x 16 (32 or 64 x 64): NVIDIA's compiler keeps arrays
// of cooperative matrices in local memory (512 bytes per thread, measured: half the speed), so the fragments and
// accumulators are named variables.
#define WTN 4u
F32 acc00, acc01, acc02, acc03, acc10, acc11, acc12, acc13, acc20, acc21, acc22, acc23, acc30, acc31, acc32, acc33;
F16 a0, a1, a2, a3, b0, b1, b2, b3;

void load_frags(uint buf, uint tm0, uint tn0, uint kk) {
#ifdef HT
    if (XT == 1u) {  // X staged [k][m]: the A fragments column-major
        const uint xt0 = buf * XBUF + kk * AS_T + tm0 * 2u;
        coopMatLoadNV(a0, xs, xt0, AS_T, true);
        coopMatLoadNV(a1, xs, xt0 + 2u, AS_T, true);
        if (WTM > 2u) {
            coopMatLoadNV(a2, xs, xt0 + 4u, AS_T, true);
            coopMatLoadNV(a3, xs, xt0 + 6u, AS_T, true);
        }
    } else {
#endif
    const uint xa0 = buf * XBUF + tm0 * 16u * AS, xa1 = xa0 + 16u * AS;
    coopMatLoadNV(a0, xs, xa0 + kk / 8u, AS, false);
    coopMatLoadNV(a1, xs, xa1 + kk / 8u, AS, false);
    if (WTM > 2u) {
        coopMatLoadNV(a2, xs, xa1 + 16u * AS + kk / 8u, AS, false);
        coopMatLoadNV(a3, xs, xa1 + 32u * AS + kk / 8u, AS, false);
    }
#ifdef HT
    }
#endif
    if (TRANS == 0u) {
        const uint wb = buf * WBUF + tn0 * 16u * AS + kk / 8u;
        coopMatLoadNV(b0, ws, wb, AS, true);
        coopMatLoadNV(b1, ws, wb + 16u * AS, AS, true);
        coopMatLoadNV(b2, ws, wb + 32u * AS, AS, true);
        coopMatLoadNV(b3, ws, wb + 48u * AS, AS, true);
    } else {
        const uint wb = buf * WBUF + kk * BS_T + tn0 * 2u;
        coopMatLoadNV(b0, ws, wb, BS_T, false);
        coopMatLoadNV(b1, ws, wb + 2u, BS_T, false);
        coopMatLoadNV(b2, ws, wb + 4u, BS_T, false);
        coopMatLoadNV(b3, ws, wb + 6u, BS_T, false);
    }
}

void mma_step(uint buf, uint tm0, uint tn0, uint rows_t) {
    if (rows_t == 0u) return;
    [[unroll]] for (uint kk = 0u; kk < BK; kk += 16u) {
        load_frags(buf, tm0, tn0, kk);
        acc00 = coopMatMulAddNV(a0, b0, acc00);
        acc01 = coopMatMulAddNV(a0, b1, acc01);
        acc02 = coopMatMulAddNV(a0, b2, acc02);
        acc03 = coopMatMulAddNV(a0, b3, acc03);
        if (rows_t > 1u) {
            acc10 = coopMatMulAddNV(a1, b0, acc10);
            acc11 = coopMatMulAddNV(a1, b1, acc11);
            acc12 = coopMatMulAddNV(a1, b2, acc12);
            acc13 = coopMatMulAddNV(a1, b3, acc13);
        }
        if (WTM > 2u && rows_t > 2u) {
            acc20 = coopMatMulAddNV(a2, b0, acc20);
            acc21 = coopMatMulAddNV(a2, b1, acc21);
            acc22 = coopMatMulAddNV(a2, b2, acc22);
            acc23 = coopMatMulAddNV(a2, b3, acc23);
        }
        if (WTM > 2u && rows_t > 3u) {
            acc30 = coopMatMulAddNV(a3, b0, acc30);
            acc31 = coopMatMulAddNV(a3, b1, acc31);
            acc32 = coopMatMulAddNV(a3, b2, acc32);
            acc33 = coopMatMulAddNV(a3, b3, acc33);
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
#ifdef HT
        if (YT == 1u) {  // Y [N, M]: the tile column-major
            coopMatStoreNV(h, yh, pc.y_off + gn * pc.y_stride + gm, pc.y_stride, true);
            return;
        }
#endif
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
    const uint bn = gl_WorkGroupID.x % nb, sp = gl_WorkGroupID.x / nb, bm = gl_WorkGroupID.y;
    const uint m0 = bm * BM, n0 = bn * BN;
    const uint WM = BM / (16u * WTM), NW = WM * (BN / (16u * WTN));  // warp tiles along M, in all
    const uint nsg = gl_NumSubgroups, sg = gl_SubgroupID;
    const uint k_begin = sp * pc.kchunk, k_end = min(pc.K, k_begin + pc.kchunk);
    const uint steps = (k_end - k_begin + BK - 1u) / BK;
    const uint pbase = pc.part_off + sp * pc.M * pc.N;
    for (uint pass = 0u; pass * nsg < NW; ++pass) {
        const uint w = pass * nsg + sg;
        const uint tm0 = (w % WM) * WTM, tn0 = (w / WM) * WTN;  // first 16 x 16 tile of the warp tile
        // 16-row tiles of this warp tile inside M (0 when the subgroup has no warp tile in this pass): tiles wholly
        // past M (padding rows of a small batch) skip their MMAs and stores.
        uint rows_t = 0u;
        if (w < NW && pc.M > m0 + tm0 * 16u) rows_t = min(WTM, (pc.M - m0 - tm0 * 16u) / 16u);
        acc00 = F32(0.0); acc01 = F32(0.0); acc02 = F32(0.0); acc03 = F32(0.0);
        acc10 = F32(0.0); acc11 = F32(0.0); acc12 = F32(0.0); acc13 = F32(0.0);
        if (WTM > 2u) {
            acc20 = F32(0.0); acc21 = F32(0.0); acc22 = F32(0.0); acc23 = F32(0.0);
            acc30 = F32(0.0); acc31 = F32(0.0); acc32 = F32(0.0); acc33 = F32(0.0);
        }
        fetch(t, m0, n0, k_begin, k_end);
        stage(t, 0u);
        barrier();
        if (STAGES == 2u) {
            // Two steps per iteration, buffer 0 then buffer 1: the shared-memory offsets of the fragment loads and
            // stores are constants (H200, M = 1,024, same process against one step per iteration: FFN key 916 ->
            // 899 us, 4096 x 4096 unchanged, Y bit-identical; docs/perf/vulkan-rows.md "v16").
            for (uint s = 0u; s < steps; s += 2u) {
                bool more = s + 1u < steps;
                if (more) fetch(t, m0, n0, k_begin + (s + 1u) * BK, k_end);  // in flight during the MMAs
                mma_step(0u, tm0, tn0, rows_t);
                if (more) stage(t, 1u);
                barrier();
                if (!more) break;
                more = s + 2u < steps;
                if (more) fetch(t, m0, n0, k_begin + (s + 2u) * BK, k_end);
                mma_step(1u, tm0, tn0, rows_t);
                if (more) stage(t, 0u);
                barrier();
            }
        } else {
            for (uint s = 0u; s < steps; ++s) {
                if (s + 1u < steps) fetch(t, m0, n0, k_begin + (s + 1u) * BK, k_end);
                mma_step(0u, tm0, tn0, rows_t);
                barrier();  // every subgroup is done with the one buffer
                if (s + 1u < steps) stage(t, 0u);
                barrier();
            }
        }
        if (rows_t > 0u) {
            const uint gm = m0 + tm0 * 16u, gn = n0 + tn0 * 16u;
            store_tile(acc00, gm, gn, pbase);
            store_tile(acc01, gm, gn + 16u, pbase);
            store_tile(acc02, gm, gn + 32u, pbase);
            store_tile(acc03, gm, gn + 48u, pbase);
            if (rows_t > 1u) {
                store_tile(acc10, gm + 16u, gn, pbase);
                store_tile(acc11, gm + 16u, gn + 16u, pbase);
                store_tile(acc12, gm + 16u, gn + 32u, pbase);
                store_tile(acc13, gm + 16u, gn + 48u, pbase);
            }
            if (WTM > 2u && rows_t > 2u) {
                store_tile(acc20, gm + 32u, gn, pbase);
                store_tile(acc21, gm + 32u, gn + 16u, pbase);
                store_tile(acc22, gm + 32u, gn + 32u, pbase);
                store_tile(acc23, gm + 32u, gn + 48u, pbase);
            }
            if (WTM > 2u && rows_t > 3u) {
                store_tile(acc30, gm + 48u, gn, pbase);
                store_tile(acc31, gm + 48u, gn + 16u, pbase);
                store_tile(acc32, gm + 48u, gn + 32u, pbase);
                store_tile(acc33, gm + 48u, gn + 48u, pbase);
            }
        }
    }
    if (pc.splits == 1u) return;
    // Split K: the last split of this tile to finish adds all splits in split order.
    memoryBarrierBuffer();
    barrier();
    if (t == 0u) s_last = atomicAdd(tickets[pc.ticket_off + bm * nb + bn], 1u) == pc.splits - 1u ? 1u : 0u;
    barrier();
    if (s_last == 0u) return;
    memoryBarrierBuffer();
    // Four columns per thread and step, the first 8 splits' loads issued together (a dynamic loop would wait on
    // each load in turn: the sums of the prefill LoRA downs finish the proj stage, docs/perf/vulkan-rows.md "v14").
    const uint rows = min(BM, pc.M - m0), cols = min(BN, pc.N - n0), units = rows * cols / 4u;
    for (uint e = t; e < units; e += WG) {
        const uint m = m0 + (4u * e) / cols, n = n0 + (4u * e) % cols;
        const uint pi = (pc.part_off + m * pc.N + n) / 4u, ps = pc.M * pc.N / 4u;
        vec4 p[8];
        [[unroll]] for (uint q = 0u; q < 8u; ++q) p[q] = q < pc.splits ? part4[pi + q * ps] : vec4(0.0);
        vec4 s = vec4(0.0);
        [[unroll]] for (uint q = 0u; q < 8u; ++q)
            if (q < pc.splits) s += p[q];
        for (uint q = 8u; q < pc.splits; ++q) s += part4[pi + q * ps];
        const uint o = pc.y_off + m * pc.y_stride + n;
        const vec4 v = vec4(act_out(s.x), act_out(s.y), act_out(s.z), act_out(s.w));
        if (YH == 1u) {
            yh4[o / 4u] = uvec2(packHalf2x16(v.xy), packHalf2x16(v.zw));
            continue;
        }
        y4[o / 4u] = pc.accumulate == 1u ? v + y4[o / 4u] : v;
    }
    if (t == 0u) tickets[pc.ticket_off + bm * nb + bn] = 0u;
}
