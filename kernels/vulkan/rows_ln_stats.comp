#version 450
// The statistics half of rows_lnmix_split (LayerNorm + token shift of many rows in two passes; host:
// engine/src/vulkan/rows_lnmix.cpp): one 256-thread workgroup per row r (grid (R, 1)) writes the row's mean and
// 1 / sqrt(var + eps) as two floats at stat_off + 2 r, then rows_lnmix_apply.comp mixes every (row, column) from them.
// The values are rows_lnmix_wide's bit for bit: thread t sums its columns t, t + 256, ... (16 at most: C <= 4,096)
// in order, and each reduction is wg_sum2's tree for one component (levels 128, 64, 32 by one subgroup's 32 lanes
// from shared memory, 16..1 by xor shuffles; smaller subgroups in shared memory). One row in registers instead of
// two (the previous row's statistics are its own workgroup's), so a 1,024-row prompt fits one wave on the H200.
// Needs subgroup shuffles. Push constants: rows_lnmix_apply's.
#extension GL_EXT_control_flow_attributes : require
#extension GL_KHR_shader_subgroup_shuffle : require
#define WG 256
layout(local_size_x = WG) in;
#define NU 16u  // columns per thread; C <= NU * WG

layout(std430, binding = 0) buffer Act { float act[]; };

layout(push_constant) uniform Push {
    uint C, Rc, Sc, n_mix;
    uint in_off, out_off, out_stride, ln_idx;
    uint mix_idx, stat_off;
    float eps;
    uint state_base, seq_stride;
} pc;

shared float red[WG];
shared float tot[2];

// rows_lnmix_wide.glsl's wg_sum2 for one value: the same additions in the same order.
float wg_sum1(float v, uint slot) {
    const uint t = gl_LocalInvocationID.x;
    red[t] = v;
    barrier();
    if (gl_SubgroupSize >= 32u) {
        if (gl_SubgroupID == 0u) {
            const uint l = gl_SubgroupInvocationID;
            float s = 0.0;
            if (l < 32u) {
                const float a0 = red[l] + red[l + 128u], a1 = red[l + 64u] + red[l + 192u];
                const float a2 = red[l + 32u] + red[l + 160u], a3 = red[l + 96u] + red[l + 224u];
                s = (a0 + a1) + (a2 + a3);
            }
            [[unroll]] for (uint k = 16u; k > 0u; k >>= 1) s = s + subgroupShuffleXor(s, k);
            if (l == 0u) tot[slot] = s;
        }
    } else {
        float s = 0.0;
        if (t < 32u) {
            const float a0 = red[t] + red[t + 128u], a1 = red[t + 64u] + red[t + 192u];
            const float a2 = red[t + 32u] + red[t + 160u], a3 = red[t + 96u] + red[t + 224u];
            s = (a0 + a1) + (a2 + a3);
        }
        barrier();
        if (t < 32u) red[t] = s;
        barrier();
        for (uint k = 16u; k > 0u; k >>= 1) {
            if (t < k) red[t] += red[t + k];
            barrier();
        }
        if (t == 0u) tot[slot] = red[0];
    }
    barrier();
    return tot[slot];
}

void main() {
    const uint t = gl_LocalInvocationID.x, C = pc.C, r = gl_WorkGroupID.x;
    float x[NU];
    float s = 0.0;
    [[unroll]] for (uint u = 0; u < NU; ++u) {
        const uint i = t + u * WG;
        x[u] = i < C ? act[pc.in_off + r * C + i] : 0.0;
        s += x[u];
    }
    const float mean = wg_sum1(s, 0u) / float(C);
    float q = 0.0;
    [[unroll]] for (uint u = 0; u < NU; ++u) {
        const float d = x[u] - mean;
        q += t + u * WG < C ? d * d : 0.0;
    }
    const float rs = inversesqrt(wg_sum1(q, 1u) / float(C) + pc.eps);
    if (t == 0u) {
        act[pc.stat_off + 2u * r] = mean;
        act[pc.stat_off + 2u * r + 1u] = rs;
    }
}
