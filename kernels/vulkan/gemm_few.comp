#version 450
// Few-rows tensor-core GEMM of the rows path (batched decode, short chunks: M = 16, 32 or 64 rows), the same
// product as gemm_coop.comp / gemm.comp: Y[m][n] (+)= act(sum_k X[m][k] * W[n][k]) (TRANS = 1: Wt [K, N]).
// At M <= 64 the product is bound by streaming W once, so a 256-thread workgroup owns ALL M rows (BM = M) and BN
// columns (W is read once, X re-read N/BN times from L2), over a K range: per 64-deep step X (fp32 -> fp16) and W
// (16-byte loads) are staged in shared memory, and the next step's global loads are issued into registers before
// this step's MMAs (one step of prefetch, 2 barriers per step). K is split over workgroups so that the grid fills
// the GPU (host: ~kernels().few_groups workgroups); the last split of a column tile to finish (atomic ticket, left
// at 0) adds the splits' raw sums in split order (deterministic; vec4 loads, 4 splits in flight), applies act and
// writes Y. Any subgroup size: tile t belongs to subgroup t % gl_NumSubgroups, ACC tiles per subgroup and pass
// (host, from the device's subgroup size); fewer subgroups than expected only add passes.
// act: 0 none, 1 relu², 2 tanh, 3 sigmoid. Host: engine/src/vulkan/gemm_few.cpp.
// (Debian 12's glslc -O crashes on matrix + matrix: the epilogue adds per element. Shared arrays are uvec4.)
#extension GL_NV_cooperative_matrix : require
#extension GL_KHR_memory_scope_semantics : require
#extension GL_EXT_shader_16bit_storage : require
#extension GL_EXT_shader_explicit_arithmetic_types_float16 : require
#extension GL_EXT_control_flow_attributes : require
#extension GL_KHR_shader_subgroup_basic : require
layout(constant_id = 0) const uint TRANS = 0;
layout(constant_id = 1) const uint BM = 64;   // = M (16, 32 or 64)
layout(constant_id = 2) const uint BN = 128;  // columns per workgroup tile (multiple of 16, at most 128)
layout(constant_id = 3) const uint ACC = 4;   // 16 x 16 accumulators per subgroup and pass
layout(local_size_x = 256) in;
#define WG 256u
#define BK 64u
#define AS (BK / 8u + 1u)        // uvec4 per staged X row / W row (8 halves each, +1 against bank conflicts)
#define BS_T (BN / 8u + 1u)      // uvec4 per staged Wt row (TRANS)
#define XPT 2u                   // X units (8 values) per thread and step: BM * BK / 8 / WG <= 2
#define WPT 4u                   // W units (8 halves) per thread and step: BN * BK / 8 / WG <= 4
#define F16 fcoopmatNV<16, gl_ScopeSubgroup, 16, 16>
#define F32 fcoopmatNV<32, gl_ScopeSubgroup, 16, 16>

layout(std430, binding = 0) restrict readonly buffer Weight { uvec4 w4[]; };
layout(std430, binding = 1) readonly buffer In { vec4 x4[]; };
layout(std430, binding = 2) buffer Out { float y[]; };
layout(std430, binding = 3) coherent buffer Part { float part[]; };      // [splits][M][N] raw sums
layout(std430, binding = 4) coherent buffer Tickets { uint tickets[]; };  // one per column tile, 0 between dispatches
layout(std430, binding = 3) coherent buffer Part4 { vec4 part4[]; };

layout(push_constant) uniform Push {
    uint M, N, K;
    uint x_off, x_stride;  // floats (multiples of 8)
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

uvec4 pack8(vec4 a, vec4 b) {
    return uvec4(packHalf2x16(a.xy), packHalf2x16(a.zw), packHalf2x16(b.xy), packHalf2x16(b.zw));
}

uvec4 xr[XPT];
uvec4 wr[WPT];

// Loads step k0's X and W units of this thread into registers (zeros past N and k_end).
void fetch(uint t, uint k0, uint k_end, uint n0) {
    [[unroll]] for (uint i = 0; i < XPT; ++i) {
        const uint e = t + i * WG, r = e / (BK / 8u), c = e % (BK / 8u), gk = k0 + 8u * c;
        uvec4 v = uvec4(0u);
        if (e < BM * (BK / 8u) && gk < k_end) {
            const uint j = (pc.x_off + r * pc.x_stride + gk) / 4u;
            v = pack8(x4[j], x4[j + 1u]);
        }
        xr[i] = v;
    }
    [[unroll]] for (uint i = 0; i < WPT; ++i) {
        const uint e = t + i * WG;
        uvec4 v = uvec4(0u);
        if (TRANS == 0u) {
            const uint r = e / (BK / 8u), c = e % (BK / 8u), gn = n0 + r, gk = k0 + 8u * c;
            if (e < BN * (BK / 8u) && gn < pc.N && gk < k_end) v = w4[(gn * pc.K + gk) / 8u];
        } else {
            const uint r = e / (BN / 8u), c = e % (BN / 8u), gk = k0 + r, gn = n0 + 8u * c;
            if (e < BK * (BN / 8u) && gn < pc.N && gk < k_end) v = w4[(gk * pc.N + gn) / 8u];
        }
        wr[i] = v;
    }
}

void stage(uint t) {
    [[unroll]] for (uint i = 0; i < XPT; ++i) {
        const uint e = t + i * WG;
        if (e < BM * (BK / 8u)) xs[(e / (BK / 8u)) * AS + e % (BK / 8u)] = xr[i];
    }
    [[unroll]] for (uint i = 0; i < WPT; ++i) {
        const uint e = t + i * WG;
        if (TRANS == 0u) {
            if (e < BN * (BK / 8u)) ws[(e / (BK / 8u)) * AS + e % (BK / 8u)] = wr[i];
        } else {
            if (e < BK * (BN / 8u)) ws[(e / (BN / 8u)) * BS_T + e % (BN / 8u)] = wr[i];
        }
    }
}

void main() {
    const uint t = gl_LocalInvocationID.x;
    const uint nb = (pc.N + BN - 1u) / BN;
    const uint bn = gl_WorkGroupID.x % nb, sp = gl_WorkGroupID.x / nb;
    const uint n0 = bn * BN;
    const uint TM = BM / 16u, T = TM * (BN / 16u);
    const uint nsg = gl_NumSubgroups, sg = gl_SubgroupID;
    const uint k_begin = sp * pc.kchunk, k_end = min(pc.K, k_begin + pc.kchunk);
    const uint pbase = pc.part_off + sp * pc.M * pc.N;
    for (uint pass = 0u; pass * nsg * ACC < T; ++pass) {
        F32 acc[ACC];
        [[unroll]] for (uint q = 0; q < ACC; ++q) acc[q] = F32(0.0);
        fetch(t, k_begin, k_end, n0);
        for (uint k0 = k_begin; k0 < k_end; k0 += BK) {
            barrier();  // the previous step's MMAs are done with xs / ws
            stage(t);
            barrier();
            if (k0 + BK < k_end) fetch(t, k0 + BK, k_end, n0);  // in flight during this step's MMAs
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
        }
        [[unroll]] for (uint q = 0; q < ACC; ++q) {
            const uint tile = (pass * ACC + q) * nsg + sg;
            if (tile >= T) continue;
            const uint gm = (tile % TM) * 16u, gn = n0 + (tile / TM) * 16u;
            if (gn >= pc.N) continue;
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
    // Split K: the last split of this column tile to finish adds all splits in split order.
    memoryBarrierBuffer();
    barrier();
    if (t == 0u) s_last = atomicAdd(tickets[pc.ticket_off + bn], 1u) == pc.splits - 1u ? 1u : 0u;
    barrier();
    if (s_last == 0u) return;
    memoryBarrierBuffer();
    const uint cols = min(BN, pc.N - n0), c4 = cols / 4u, MN4 = pc.M * pc.N / 4u;
    for (uint e = t; e < BM * c4; e += WG) {
        const uint m = e / c4, n = n0 + 4u * (e % c4);
        const uint p = (pc.part_off + m * pc.N + n) / 4u;
        vec4 s = vec4(0.0);
        uint q = 0u;
        for (; q + 4u <= pc.splits; q += 4u) {  // 4 loads in flight, added in split order
            const vec4 a0 = part4[p + q * MN4], a1 = part4[p + (q + 1u) * MN4];
            const vec4 a2 = part4[p + (q + 2u) * MN4], a3 = part4[p + (q + 3u) * MN4];
            s += a0;
            s += a1;
            s += a2;
            s += a3;
        }
        for (; q < pc.splits; ++q) s += part4[p + q * MN4];
        const uint o = pc.y_off + m * pc.y_stride + n;
        [[unroll]] for (uint i = 0; i < 4u; ++i) {
            float v = act_out(s[i]);
            if (pc.accumulate == 1u) v += y[o + i];
            y[o + i] = v;
        }
    }
    if (t == 0u) tickets[pc.ticket_off + bn] = 0u;
}
