#version 450
// Tensor-core GEMM of the rows path (GL_NV_cooperative_matrix, 16 x 16 x 16 fp16 x fp16 -> fp32 subgroup tiles):
// Y[m][n] (+)= act(sum_k X[m][k] * W[n][k]), the same operation as gemm.comp (the fallback on devices without
// VK_NV_cooperative_matrix), for M, N, K multiples of 16. A 128-thread workgroup computes a BM x BN tile of Y:
// per 32-deep step it stages X (fp32, converted to fp16) and W (fp16, 16-byte loads) in shared memory with
// coalesced loads, then each subgroup multiplies its 16 x 16 tiles from there. W is fp16 [N, K] ([out, in]
// row-major) read as the column-major K x N operand; with TRANS = 1 it is Wt [K, N] (ffn.value stored transposed)
// read row-major, X's columns starting at k_base. fp32 accumulation.
// Any subgroup size: tile t of the (BM/16) x (BN/16) tiles belongs to subgroup t % gl_NumSubgroups, ACC tiles per
// subgroup per pass (ACC from the device's subgroup size, host); a larger subgroup than expected (fewer
// subgroups) only adds passes over K.
// splits > 1 (few tiles, e.g. M <= 64): workgroup (bn, sp) sums K range sp and stores its raw sums to
// part[sp][M][N]; the last split of a tile to finish (atomic ticket, reset to 0 for the next dispatch) adds the
// splits in split order, applies act and writes Y: deterministic, no extra dispatch or barrier.
// act: 0 none, 1 relu² (FFN key), 2 tanh (LoRA w), 3 sigmoid (LoRA g). Host: engine/src/vulkan/gemm_coop.cpp.
// (Debian 12's glslc -O crashes on matrix + matrix: the epilogue adds per element. Shared arrays are uvec4: the
// NV loads take no f16vec4 arrays.)
#extension GL_NV_cooperative_matrix : require
#extension GL_KHR_memory_scope_semantics : require
#extension GL_EXT_shader_16bit_storage : require
#extension GL_EXT_shader_explicit_arithmetic_types_float16 : require
#extension GL_EXT_control_flow_attributes : require
#extension GL_KHR_shader_subgroup_basic : require
layout(constant_id = 0) const uint TRANS = 0;
layout(constant_id = 1) const uint BM = 64;   // rows per workgroup tile (multiple of 16)
layout(constant_id = 2) const uint BN = 64;   // columns per workgroup tile (multiple of 16)
layout(constant_id = 3) const uint ACC = 4;   // 16 x 16 accumulators per subgroup and pass
layout(local_size_x = 128) in;
#define WG 128u
#define BK 32u
#define AS (BK / 8u + 1u)        // uvec4 per staged X row / W row (8 halves each, +1 against bank conflicts)
#define BS_T (BN / 8u + 1u)      // uvec4 per staged Wt row (TRANS)
#define F16 fcoopmatNV<16, gl_ScopeSubgroup, 16, 16>
#define F32 fcoopmatNV<32, gl_ScopeSubgroup, 16, 16>

layout(std430, binding = 0) restrict readonly buffer Weight { uvec4 w4[]; };
layout(std430, binding = 1) readonly buffer In { vec4 x4[]; };
layout(std430, binding = 2) buffer Out { float y[]; };
layout(std430, binding = 3) coherent buffer Part { float part[]; };      // [splits][M][N] raw sums
layout(std430, binding = 4) coherent buffer Tickets { uint tickets[]; };  // one per tile, 0 between dispatches

layout(push_constant) uniform Push {
    uint M, N, K;
    uint x_off, x_stride, k_base;  // floats (multiples of 4)
    uint y_off, y_stride;          // Y[m][n] at y[y_off + m * y_stride + n]
    uint act, accumulate;
    uint splits, kchunk;           // K splits and the depth of each (multiple of BK)
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

uvec4 pack8(vec4 a, vec4 b) {
    return uvec4(packHalf2x16(a.xy), packHalf2x16(a.zw), packHalf2x16(b.xy), packHalf2x16(b.zw));
}

void main() {
    const uint t = gl_LocalInvocationID.x;
    const uint nb = (pc.N + BN - 1u) / BN;
    const uint bn = gl_WorkGroupID.x % nb, sp = gl_WorkGroupID.x / nb, bm = gl_WorkGroupID.y;
    const uint m0 = bm * BM, n0 = bn * BN;
    const uint TM = BM / 16u, T = TM * (BN / 16u);
    const uint nsg = gl_NumSubgroups, sg = gl_SubgroupID;
    const uint k_begin = sp * pc.kchunk, k_end = min(pc.K, k_begin + pc.kchunk);
    const uint pbase = pc.part_off + sp * pc.M * pc.N;
    for (uint pass = 0u; pass * nsg * ACC < T; ++pass) {
        F32 acc[ACC];
        [[unroll]] for (uint q = 0; q < ACC; ++q) acc[q] = F32(0.0);
        for (uint k0 = k_begin; k0 < k_end; k0 += BK) {
            // Stage X rows m0.. (BM x BK floats -> fp16) and the W tile, zeros past M, N, K.
            for (uint e = t; e < BM * (BK / 8u); e += WG) {
                const uint r = e / (BK / 8u), c = e % (BK / 8u), gm = m0 + r, gk = k0 + 8u * c;
                uvec4 v = uvec4(0u);
                if (gm < pc.M && gk < k_end) {
                    const uint i = (pc.x_off + gm * pc.x_stride + pc.k_base + gk) / 4u;
                    v = pack8(x4[i], x4[i + 1u]);
                }
                xs[r * AS + c] = v;
            }
            if (TRANS == 0u) {
                for (uint e = t; e < BN * (BK / 8u); e += WG) {
                    const uint r = e / (BK / 8u), c = e % (BK / 8u), gn = n0 + r, gk = k0 + 8u * c;
                    ws[r * AS + c] = (gn < pc.N && gk < k_end) ? w4[(gn * pc.K + gk) / 8u] : uvec4(0u);
                }
            } else {
                for (uint e = t; e < BK * (BN / 8u); e += WG) {
                    const uint r = e / (BN / 8u), c = e % (BN / 8u), gk = k0 + r, gn = n0 + 8u * c;
                    ws[r * BS_T + c] = (gn < pc.N && gk < k_end) ? w4[(gk * pc.N + gn) / 8u] : uvec4(0u);
                }
            }
            barrier();
            [[unroll]] for (uint kk = 0; kk < BK; kk += 16u) {
                [[unroll]] for (uint q = 0; q < ACC; ++q) {
                    const uint tile = (pass * ACC + q) * nsg + sg;
                    if (tile < T) {
                        const uint ti = tile % TM, tj = tile / TM;
                        F16 a, b;
                        coopMatLoadNV(a, xs, ti * 16u * AS + kk / 8u, AS, false);
                        if (TRANS == 0u)
                            coopMatLoadNV(b, ws, tj * 16u * AS + kk / 8u, AS, true);
                        else
                            coopMatLoadNV(b, ws, kk * BS_T + tj * 2u, BS_T, false);
                        acc[q] = coopMatMulAddNV(a, b, acc[q]);
                    }
                }
            }
            barrier();
        }
        [[unroll]] for (uint q = 0; q < ACC; ++q) {
            const uint tile = (pass * ACC + q) * nsg + sg;
            if (tile >= T) continue;
            const uint gm = m0 + (tile % TM) * 16u, gn = n0 + (tile / TM) * 16u;
            if (gm >= pc.M || gn >= pc.N) continue;
            if (pc.splits > 1u) {
                coopMatStoreNV(acc[q], part, pbase + gm * pc.N + gn, pc.N, false);
                continue;
            }
            F32 c = acc[q];
            for (int e = 0; e < c.length(); ++e) c[e] = act_out(c[e]);
            const uint o = pc.y_off + gm * pc.y_stride + gn;
            if (pc.accumulate == 1u) {
                F32 d;
                coopMatLoadNV(d, y, o, pc.y_stride, false);
                for (int e = 0; e < c.length(); ++e) c[e] += d[e];
            }
            coopMatStoreNV(c, y, o, pc.y_stride, false);
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
    const uint rows = min(BM, pc.M - m0), cols = min(BN, pc.N - n0);
    for (uint e = t; e < rows * cols; e += WG) {
        const uint m = m0 + e / cols, n = n0 + e % cols;
        float s = 0.0;
        for (uint q = 0; q < pc.splits; ++q) s += part[pc.part_off + q * pc.M * pc.N + m * pc.N + n];
        const uint o = pc.y_off + m * pc.y_stride + n;
        float v = act_out(s);
        if (pc.accumulate == 1u) v += y[o];
        y[o] = v;
    }
    if (t == 0u) tickets[pc.ticket_off + bm * nb + bn] = 0u;
}
