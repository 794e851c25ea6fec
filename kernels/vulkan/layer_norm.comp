#version 450
// LayerNorm of n fp32 values in the scratch buffer (ln0 and ln_out; spec §0.1): two-pass fp32 mean/variance,
// biased variance, in place allowed. One workgroup. Host: engine/src/vulkan/layer_norm.cpp.
layout(constant_id = 0) const uint WG = 256;
layout(local_size_x_id = 0) in;
#include "reduce.glsl"

layout(std430, binding = 0) buffer Act { float act[]; };
layout(std430, binding = 1) readonly buffer Params { float params[]; };  // [k, n] fp32 vectors

layout(push_constant) uniform Push {
    uint n;
    uint in_off;
    uint out_off;
    uint w_idx;   // params[w_idx * n + i] is the scale
    uint b_idx;   // params[b_idx * n + i] is the bias
    float eps;
} pc;

void main() {
    const uint t = gl_LocalInvocationID.x;
    float s = 0.0;
    for (uint i = t; i < pc.n; i += WG) s += act[pc.in_off + i];
    const float mean = wg_sum(s) / float(pc.n);
    float q = 0.0;
    for (uint i = t; i < pc.n; i += WG) {
        const float d = act[pc.in_off + i] - mean;
        q += d * d;
    }
    const float inv = inversesqrt(wg_sum(q) / float(pc.n) + pc.eps);
    for (uint i = t; i < pc.n; i += WG) {
        const float z = (act[pc.in_off + i] - mean) * inv;
        act[pc.out_off + i] = z * params[pc.w_idx * pc.n + i] + params[pc.b_idx * pc.n + i];
    }
}
