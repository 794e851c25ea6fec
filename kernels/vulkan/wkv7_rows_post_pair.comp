#version 450
// wkv7_rows_post.glsl's GroupNorm + bonus + gate with one subgroup per (row, head) instead of one 64-thread
// workgroup: 256-thread workgroups, each subgroup takes pair g = workgroup * (subgroups per workgroup) + subgroup,
// lane l its channels j * S + l (S the subgroup size, j < 64 / S), and every sum over the head's 64 channels is
// subgroupAdd per chunk j, the chunks added in order from 0.0: wkv7_rows_post_sg's additions (there subgroup j of the
// 64-thread workgroup holds chunk j and wg_sum adds their sums from 0.0 in subgroup order), with no shared memory
// and no barrier. Subgroups of 8..64 (MAXJ chunks at most). The 64-thread form ran 65,536 workgroups per layer at
// 1,024 rows, 32 resident per SM (the workgroup limit), each waiting on three barriers. H200, random 7.2B fp16,
// prefill T = 1,024, same process: post 1.51 -> 1.22 ms per call, the call -0.03 to -0.53 ms in every round,
// bit-identical (docs/perf/vulkan-rows.md "v28", "v29"). Host: engine/src/vulkan/wkv7_rows.cpp (subgroup
// arithmetic, subgroup size 8..64).
#extension GL_EXT_control_flow_attributes : require
#extension GL_KHR_shader_subgroup_arithmetic : require
#extension GL_EXT_shader_16bit_storage : require
#extension GL_EXT_shader_explicit_arithmetic_types_float16 : require
layout(local_size_x = 256) in;
#include "rows_common.glsl"
#include "wkv7_rows_push.glsl"
layout(constant_id = 0) const uint YH = 0;
layout(constant_id = 1) const uint RAW = 0;  // 1: k raw (no prep pass; the _sg1 scan mixed v in place): mix k here

layout(std430, binding = 0) buffer Act { float act[]; };
layout(std430, binding = 0) buffer ActH { float16_t act_h[]; };
layout(std430, binding = 1) restrict readonly buffer Params { float params[]; };  // this layer's vectors
layout(std430, binding = 2) restrict readonly buffer Io { uint io[]; };

float P(uint i, uint c) { return params[(pc.p_base + i) * pc.C + c]; }

#define MAXJ 8u  // channel chunks per lane: 64 / S

float pair_sum(float v[MAXJ], uint nj) {
    float r = 0.0;
    [[unroll]] for (uint j = 0u; j < MAXJ; ++j)
        if (j < nj) r += subgroupAdd(v[j]);
    return r;
}

void main() {
    const uint S = gl_SubgroupSize, nj = 64u / S, lane = gl_SubgroupInvocationID;
    const uint g = (gl_WorkGroupID.y * pc.grid_x + gl_WorkGroupID.x) * gl_NumSubgroups + gl_SubgroupID;
    if (g >= pc.R * pc.H) return;  // uniform per subgroup, as everything below
    const uint row = g / pc.H, h = g % pc.H;
    if (ROW_SEQ(io[pc.Rc + row]) == PAD_ROW) return;
    float y[MAXJ], b[MAXJ];
    [[unroll]] for (uint j = 0u; j < MAXJ; ++j) {
        y[j] = 0.0;
        b[j] = 0.0;
        if (j < nj) {
            const uint cj = h * 64u + j * S + lane, o = row * pc.C + cj;
            y[j] = act[pc.y_off + o];
            float km = act[pc.k_off + o];
            if (RAW == 1u) km *= 1.0 + (1.0 / (1.0 + exp(-(P(1, cj) + act[pc.ta_off + o]))) - 1.0) * P(4, cj);
            b[j] = act[pc.r_off + o] * km * P(5, cj);
        }
    }
    const float beta = pair_sum(b, nj);
    const float mean = pair_sum(y, nj) / 64.0;
    float q[MAXJ];
    [[unroll]] for (uint j = 0u; j < MAXJ; ++j) {
        const float d = y[j] - mean;
        q[j] = d * d;
    }
    const float inv = inversesqrt(pair_sum(q, nj) / 64.0 + pc.gn_eps);
    [[unroll]] for (uint j = 0u; j < MAXJ; ++j) {
        if (j >= nj) break;
        const uint cj = h * 64u + j * S + lane, o = row * pc.C + cj;
        const float d = y[j] - mean;
        const float out_y = (d * inv * P(6, cj) + P(7, cj) + beta * act[pc.v_off + o]) * act[pc.tg_off + o];
        if (YH == 1u)
            act_h[2u * pc.y16_off + o] = float16_t(out_y);
        else
            act[pc.y_off + o] = out_y;
    }
}
