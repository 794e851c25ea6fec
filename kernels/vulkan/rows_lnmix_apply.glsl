// Body of rows_lnmix_apply.comp / rows_lnmix_apply_bda.comp: the mixing half of rows_lnmix_split (host:
// engine/src/vulkan/rows_lnmix.cpp). After rows_ln_stats.comp wrote every row's mean and 1 / sqrt(var + eps) at
// stat_off + 2 r, each thread mixes four columns of one row (grid (C / 1,024, R)): z of row r and of r2 (the previous
// row, or for a sequence's first row its last row, whose z replaces the shift vector in the state), then
// out_m = z + (prev - z) * mix_m for the n_mix mixes — rows_lnmix_wide's expressions, so the same values bit for bit,
// with no reduction and no barrier in the mixing pass (every load of a thread in flight together). VEC = 1 (the
// host's default where C, the offsets and the stride are multiples of 4): four adjacent columns as one vec4 load /
// f16vec4 store each; VEC = 0: NA = 4 columns 256 apart, scalar. H200, random 7.2B fp16, prefill T = 1,024, same
// process against rows_lnmix_wide: att.ln1+mix 1.66 -> 1.07 ms, ffn.ln2+mix 0.88 -> 0.72 ms per call; the call
// -0.50 ms with VEC = 1 against VEC = 0 in every round (docs/perf/vulkan-rows.md "v29").
#define WG 256
layout(local_size_x = WG) in;
#include "rows_common.glsl"

layout(constant_id = 0) const uint OUT_H = 0;
layout(constant_id = 1) const uint VEC = 0;  // 1: four adjacent columns per thread as vec4 (C, offsets, stride % 4 = 0)
#define NA 4u  // columns per thread: c0 + u * WG

layout(std430, binding = 0) buffer Act { float act[]; };
layout(std430, binding = 0) buffer ActH { float16_t act_h[]; };
layout(std430, binding = 0) buffer Act4 { vec4 act4[]; };
layout(std430, binding = 0) buffer ActH4 { f16vec4 act_h4[]; };
layout(std430, binding = 1) restrict readonly buffer Params { float params[]; };
layout(std430, binding = 1) restrict readonly buffer Params4 { vec4 params4[]; };
layout(std430, binding = 3) restrict readonly buffer Io { uint io[]; };

layout(push_constant) uniform Push {
    uint C, Rc, Sc, n_mix;
    uint in_off, out_off, out_stride, ln_idx;  // out_m row r at out_off + m * out_stride + r * C
    uint mix_idx, stat_off;
    float eps;
    uint state_base;  // floats: the shift vector of sequence s at state[s * seq_stride + state_base]
    uint seq_stride;
} pc;

#define STATE_T float
#define STATE_QUAL restrict
#define STATE_UNIT 1u
#include "rows_state.glsl"

void main_vec() {
    const uint C = pc.C, C4 = pc.C / 4u, r = gl_WorkGroupID.y, c4 = gl_WorkGroupID.x * WG + gl_LocalInvocationID.x;
    if (c4 >= C4) return;
    const uint info = io[pc.Rc + r];
    const uint seq = ROW_SEQ(info);
    if (seq == PAD_ROW) {
        for (uint m = 0; m < pc.n_mix; ++m) {
            const uint o = (pc.out_off + m * pc.out_stride + r * C) / 4u + c4;
            if (OUT_H == 1u)
                act_h4[o] = f16vec4(0.0);
            else
                act4[o] = vec4(0.0);
        }
        return;
    }
    const bool first = ROW_FIRST(info) == 1u, last = ROW_LAST(info) == 1u;
    uint r2 = r - 1u;
    if (first) r2 = last ? r : io[2u * pc.Rc + seq] + io[2u * pc.Rc + pc.Sc + seq] - 1u;
    const float mean1 = act[pc.stat_off + 2u * r], rs1 = act[pc.stat_off + 2u * r + 1u];
    const float mean2 = act[pc.stat_off + 2u * r2], rs2 = act[pc.stat_off + 2u * r2 + 1u];
    const vec4 x1 = act4[(pc.in_off + r * C) / 4u + c4], x2 = act4[(pc.in_off + r2 * C) / 4u + c4];
    const vec4 lw = params4[pc.ln_idx * C4 + c4], lb = params4[(pc.ln_idx + 1u) * C4 + c4];
    const vec4 z = (x1 - mean1) * rs1 * lw + lb;
    const vec4 z2 = (x2 - mean2) * rs2 * lw + lb;
    vec4 pv = z2;
    if (first) {
        STATE_OPEN(seq);
        [[unroll]] for (uint k = 0; k < 4u; ++k) {
            const uint i = st_base + pc.state_base + 4u * c4 + k;
            pv[k] = STATE(i);
            STATE(i) = last ? z[k] : z2[k];
        }
    }
    const vec4 dz = pv - z;
    vec4 mu[6];
    [[unroll]] for (uint m = 0; m < 6; ++m) mu[m] = m < pc.n_mix ? params4[(pc.mix_idx + m) * C4 + c4] : vec4(0.0);
    [[unroll]] for (uint m = 0; m < 6; ++m) {
        if (m >= pc.n_mix) break;
        const vec4 v = z + dz * mu[m];
        const uint o = (pc.out_off + m * pc.out_stride + r * C) / 4u + c4;
        if (OUT_H == 1u)
            act_h4[o] = f16vec4(v);
        else
            act4[o] = v;
    }
}

void main() {
    if (VEC == 1u) {
        main_vec();
        return;
    }
    const uint t = gl_LocalInvocationID.x, C = pc.C, r = gl_WorkGroupID.y;
    const uint c0 = gl_WorkGroupID.x * (WG * NA) + t;
    const uint info = io[pc.Rc + r];
    const uint seq = ROW_SEQ(info);
    if (seq == PAD_ROW) {  // uniform per workgroup: zeros (the GEMMs multiply padding rows too)
        [[unroll]] for (uint u = 0; u < NA; ++u) {
            const uint c = c0 + u * WG;
            if (c >= C) break;
            for (uint m = 0; m < pc.n_mix; ++m) {
                const uint o = pc.out_off + m * pc.out_stride + r * C + c;
                if (OUT_H == 1u)
                    act_h[o] = float16_t(0.0);
                else
                    act[o] = 0.0;
            }
        }
        return;
    }
    const bool first = ROW_FIRST(info) == 1u, last = ROW_LAST(info) == 1u;
    uint r2 = r - 1u;
    if (first) r2 = last ? r : io[2u * pc.Rc + seq] + io[2u * pc.Rc + pc.Sc + seq] - 1u;
    const float mean1 = act[pc.stat_off + 2u * r], rs1 = act[pc.stat_off + 2u * r + 1u];
    const float mean2 = act[pc.stat_off + 2u * r2], rs2 = act[pc.stat_off + 2u * r2 + 1u];
    float x1[NA], x2[NA], lw[NA], lb[NA];
    [[unroll]] for (uint u = 0; u < NA; ++u) {
        const uint c = min(c0 + u * WG, C - 1u);
        x1[u] = act[pc.in_off + r * C + c];
        x2[u] = act[pc.in_off + r2 * C + c];
        lw[u] = params[pc.ln_idx * C + c];
        lb[u] = params[(pc.ln_idx + 1u) * C + c];
    }
    STATE_OPEN(seq);
    float z[NA], dz[NA];
    [[unroll]] for (uint u = 0; u < NA; ++u) {
        const uint c = c0 + u * WG;
        z[u] = (x1[u] - mean1) * rs1 * lw[u] + lb[u];
        const float z2 = (x2[u] - mean2) * rs2 * lw[u] + lb[u];  // r2's z
        float pv = z2;
        if (first && c < C) {
            pv = STATE(st_base + pc.state_base + c);
            STATE(st_base + pc.state_base + c) = last ? z[u] : z2;
        }
        dz[u] = pv - z[u];
    }
    [[unroll]] for (uint m = 0; m < 6; ++m) {
        if (m >= pc.n_mix) break;
        float mu[NA];
        [[unroll]] for (uint u = 0; u < NA; ++u) mu[u] = params[(pc.mix_idx + m) * C + min(c0 + u * WG, C - 1u)];
        [[unroll]] for (uint u = 0; u < NA; ++u) {
            const uint c = c0 + u * WG;
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
