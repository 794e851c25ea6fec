// Body of rows_lnmix_wide.comp / rows_lnmix_wide_bda.comp: the prefill form of rows_lnmix (LayerNorm + token shift,
// spec §3.4.2, §3.4.3, §3.5) for many rows: one 256-thread workgroup per row r (grid (R, 1)), the same values as
// rows_lnmix.glsl bit for bit (the statistics in row_ln_stats' order and wg_sum's shared-memory tree, the same z and
// mix expressions), with fewer round trips:
// * both rows a workgroup needs (r and r2: the previous row, or for a sequence's first row its last row, whose z
//   replaces the shift vector in the state) are loaded together, and their statistics are reduced together as vec2;
// * a reduction is wg_sum's tree, but its levels 128, 64 and 32 are summed by the 32 lanes of one subgroup from
//   shared memory and its levels 16..1 by xor shuffles (subgroups of 32 or more; smaller ones finish the tree in
//   shared memory): 2 barriers per reduction instead of 9 (rows_lnmix: 4 reductions of 9 per row, 36 barriers);
// * the outputs mix by mix: a mix's 16 factors per thread loaded together, then its 16 values stored.
// H200, random 7.2B fp16, prefill T = 1,024, same process: 105.05 -> 104.27 ms per call, logits and state
// bit-identical (docs/perf/vulkan-rows.md "v26"; the first two forms, factors loaded per column with all six mixes,
// lost +0.8 ms: att.ln1+mix 1.83 -> 2.70 ms). NU = 16 columns per thread: C <= 4,096. Push constants:
// rows_lnmix.glsl's (width = C). Needs subgroup shuffles. Host: engine/src/vulkan/rows_lnmix.cpp.
#define WG 256
layout(local_size_x = WG) in;
#include "rows_common.glsl"

layout(constant_id = 0) const uint OUT_H = 0;
#define NU 16u  // columns per thread: t, t + WG, ...; C <= NU * WG

layout(std430, binding = 0) buffer Act { float act[]; };
layout(std430, binding = 0) buffer ActH { float16_t act_h[]; };
layout(std430, binding = 1) restrict readonly buffer Params { float params[]; };
layout(std430, binding = 3) restrict readonly buffer Io { uint io[]; };

layout(push_constant) uniform Push {
    uint C, Rc, Sc, n_mix;
    uint in_off, out_off, out_stride, ln_idx;  // out_m row r at out_off + m * out_stride + r * C
    uint mix_idx, width;
    float eps;
    uint state_base;  // floats: the shift vector of sequence s at state[s * seq_stride + state_base]
    uint seq_stride;
} pc;

#define STATE_T float
#define STATE_QUAL restrict
#define STATE_UNIT 1u
#include "rows_state.glsl"

shared vec2 red2[WG];
shared vec2 tot2[2];

// wg_sum (reduce.glsl, shared-memory tree) of two values at once, per component the same additions in the same
// order: level s adds element i + s to element i (i < s) for s = 128, 64, ..., 1. Result in tot2[slot] for every
// thread. Uniform control flow.
vec2 wg_sum2(vec2 v, uint slot) {
    const uint t = gl_LocalInvocationID.x;
    red2[t] = v;
    barrier();
    if (gl_SubgroupSize >= 32u) {
        if (gl_SubgroupID == 0u) {
            const uint l = gl_SubgroupInvocationID;
            vec2 s = vec2(0.0);
            if (l < 32u) {
                const vec2 a0 = red2[l] + red2[l + 128u], a1 = red2[l + 64u] + red2[l + 192u];
                const vec2 a2 = red2[l + 32u] + red2[l + 160u], a3 = red2[l + 96u] + red2[l + 224u];
                s = (a0 + a1) + (a2 + a3);
            }
            [[unroll]] for (uint k = 16u; k > 0u; k >>= 1) s = s + subgroupShuffleXor(s, k);
            if (l == 0u) tot2[slot] = s;
        }
    } else {
        vec2 s = vec2(0.0);
        if (t < 32u) {
            const vec2 a0 = red2[t] + red2[t + 128u], a1 = red2[t + 64u] + red2[t + 192u];
            const vec2 a2 = red2[t + 32u] + red2[t + 160u], a3 = red2[t + 96u] + red2[t + 224u];
            s = (a0 + a1) + (a2 + a3);
        }
        barrier();
        if (t < 32u) red2[t] = s;
        barrier();
        for (uint k = 16u; k > 0u; k >>= 1) {
            if (t < k) red2[t] += red2[t + k];
            barrier();
        }
        if (t == 0u) tot2[slot] = red2[0];
    }
    barrier();
    return tot2[slot];
}

void main() {
    const uint t = gl_LocalInvocationID.x, C = pc.C, r = gl_WorkGroupID.x;
    const uint info = io[pc.Rc + r];
    const uint seq = ROW_SEQ(info);
    if (seq == PAD_ROW) {  // uniform per workgroup: zeros (the GEMMs multiply padding rows too)
        for (uint c = t; c < C; c += WG)
            for (uint m = 0; m < pc.n_mix; ++m) {
                const uint o = pc.out_off + m * pc.out_stride + r * C + c;
                if (OUT_H == 1u)
                    act_h[o] = float16_t(0.0);
                else
                    act[o] = 0.0;
            }
        return;
    }
    const bool first = ROW_FIRST(info) == 1u, last = ROW_LAST(info) == 1u;
    uint r2 = r - 1u;
    if (first) r2 = last ? r : io[2u * pc.Rc + seq] + io[2u * pc.Rc + pc.Sc + seq] - 1u;
    float x1[NU], x2[NU];
    vec2 s = vec2(0.0);
    [[unroll]] for (uint u = 0; u < NU; ++u) {
        const uint i = t + u * WG;
        x1[u] = i < C ? act[pc.in_off + r * C + i] : 0.0;
        x2[u] = i < C ? act[pc.in_off + r2 * C + i] : 0.0;
        s += vec2(x1[u], x2[u]);
    }
    const vec2 mean = wg_sum2(s, 0u) / float(C);
    vec2 q = vec2(0.0);
    [[unroll]] for (uint u = 0; u < NU; ++u) {
        const vec2 d = vec2(x1[u], x2[u]) - mean;
        q += t + u * WG < C ? d * d : vec2(0.0);
    }
    const vec2 rs = inversesqrt(wg_sum2(q, 1u) / float(C) + pc.eps);
    STATE_OPEN(seq);
    // z of row r and d = prev - z per column first (the state's shift vector read and replaced on a sequence's first
    // row), then per mix its 16 factors loaded together and its 16 values stored (mix outer: 16 independent loads
    // per round trip instead of the 8 of one column).
    float z[NU], dz[NU];
    [[unroll]] for (uint u = 0; u < NU; ++u) {
        const uint c = t + u * WG;
        z[u] = 0.0;
        dz[u] = 0.0;
        if (c < C) {
            const float lw = params[pc.ln_idx * C + c], lb = params[(pc.ln_idx + 1u) * C + c];
            z[u] = (x1[u] - mean.x) * rs.x * lw + lb;
            const float z2 = (x2[u] - mean.y) * rs.y * lw + lb;  // r2's z
            float pv;
            if (first) {
                pv = STATE(st_base + pc.state_base + c);
                STATE(st_base + pc.state_base + c) = last ? z[u] : z2;
            } else {
                pv = z2;
            }
            dz[u] = pv - z[u];
        }
    }
    [[unroll]] for (uint m = 0; m < 6; ++m) {
        if (m >= pc.n_mix) break;
        float mu[NU];
        [[unroll]] for (uint u = 0; u < NU; ++u) {
            const uint c = t + u * WG;
            mu[u] = c < C ? params[(pc.mix_idx + m) * C + c] : 0.0;
        }
        [[unroll]] for (uint u = 0; u < NU; ++u) {
            const uint c = t + u * WG;
            if (c >= C) break;
            const float v = z[u] + dz[u] * mu[u];
            const uint o = pc.out_off + m * pc.out_stride + r * C + c;
            if (OUT_H == 1u)
                act_h[o] = float16_t(v);
            else
                act[o] = v;
        }
    }
}
