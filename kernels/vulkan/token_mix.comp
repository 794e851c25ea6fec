#version 450
// LayerNorm (ln1 or ln2) fused with the token shift of spec §3.4.2–3 / §3.5: z = LN(x); for each of n_mix
// coefficient vectors mu_i: out_i = z + (shift - z) * mu_i; then shift = z (the state's att_x or ffn_x).
// One workgroup. Host: engine/src/vulkan/token_mix.cpp.
layout(constant_id = 0) const uint WG = 256;
layout(local_size_x_id = 0) in;
#include "reduce.glsl"

layout(std430, binding = 0) buffer Act { float act[]; };
layout(std430, binding = 1) readonly buffer Params { float params[]; };  // this layer's [19, C] vectors
layout(std430, binding = 2) buffer State { float state[]; };             // this layer's state

layout(push_constant) uniform Push {
    uint C;
    uint in_off;     // x in act
    uint out_off;    // out_i at act[out_off + i*C]
    uint n_mix;
    uint ln_idx;     // params: ln weight at ln_idx, bias at ln_idx + 1, mixes from ln_idx + 2
    uint shift_off;  // shift vector in state
    float eps;
} pc;

void main() {
    const uint t = gl_LocalInvocationID.x;
    const uint C = pc.C;
    float s = 0.0;
    for (uint i = t; i < C; i += WG) s += act[pc.in_off + i];
    const float mean = wg_sum(s) / float(C);
    float q = 0.0;
    for (uint i = t; i < C; i += WG) {
        const float d = act[pc.in_off + i] - mean;
        q += d * d;
    }
    const float inv = inversesqrt(wg_sum(q) / float(C) + pc.eps);
    for (uint i = t; i < C; i += WG) {
        const float z = (act[pc.in_off + i] - mean) * inv * params[pc.ln_idx * C + i] + params[(pc.ln_idx + 1) * C + i];
        const float d = state[pc.shift_off + i] - z;
        for (uint m = 0; m < pc.n_mix; ++m) act[pc.out_off + m * C + i] = z + d * params[(pc.ln_idx + 2 + m) * C + i];
        state[pc.shift_off + i] = z;
    }
}
