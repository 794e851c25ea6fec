#version 450
// Everything of the time mix between the projections and the output matrix, for one head per workgroup
// (spec §3.4.5–3.4.13): decay, in-context rate, removal key kk (L2-normalised per head), k modulation, value
// residual, the WKV-7 state update and read-out, GroupNorm (ln_x), bonus and output gate. Thread m owns state
// row m (value index). fp32 state and arithmetic. Host: engine/src/vulkan/wkv7.cpp.
#define WG 64
layout(local_size_x = 64) in;  // = head size N
#include "reduce.glsl"

layout(std430, binding = 0) buffer Act { float act[]; };
layout(std430, binding = 1) readonly buffer Params { float params[]; };  // this layer's [19, C] vectors
layout(std430, binding = 2) buffer State { float state[]; };             // this layer's state

layout(push_constant) uniform Push {
    uint C;
    uint p_base;      // params: w0, a0, v0, k_k, k_a, r_k, lnx_w, lnx_b at p_base + 0..7
    uint wkv_off;     // S of head h at state[wkv_off + h*N*N], row-major [value m][key j]
    uint first_layer; // 1: v_first = v (layer 0); else v += (v_first - v) * sigmoid(v0 + tv)
    uint r_off, k_off, v_off;     // projections in act
    uint tw_off, ta_off, g_off, tv_off;  // LoRA outputs in act (g is the finished gate)
    uint vfirst_off, y_off;
    float gn_eps;
} pc;

shared float s_r[64], s_w[64], s_k[64], s_kk[64], s_b[64];

float sigmoid(float v) { return 1.0 / (1.0 + exp(-v)); }
float P(uint i, uint c) { return params[(pc.p_base + i) * pc.C + c]; }

void main() {
    const uint t = gl_LocalInvocationID.x;
    const uint h = gl_WorkGroupID.x;
    const uint c = h * 64 + t;
    const float r = act[pc.r_off + c];
    const float k = act[pc.k_off + c];
    float v = act[pc.v_off + c];
    const float decay = exp(-0.606531 * sigmoid(P(0, c) + act[pc.tw_off + c]));
    const float alpha = sigmoid(P(1, c) + act[pc.ta_off + c]);
    float kk = k * P(3, c);
    const float ss = wg_sum(kk * kk);
    kk *= 1.0 / max(sqrt(ss), 1e-12);
    const float km = k * (1.0 + (alpha - 1.0) * P(4, c));
    if (pc.first_layer == 1u) {
        act[pc.vfirst_off + c] = v;
    } else {
        v += (act[pc.vfirst_off + c] - v) * sigmoid(P(2, c) + act[pc.tv_off + c]);
    }
    s_r[t] = r;
    s_w[t] = decay;
    s_k[t] = km;
    s_kk[t] = kk;
    s_b[t] = kk * alpha;
    barrier();

    const uint base = pc.wkv_off + (h * 64 + t) * 64;
    float sa = 0.0;
    for (uint j = 0; j < 64; ++j) sa -= state[base + j] * s_kk[j];
    float y = 0.0;
    for (uint j = 0; j < 64; ++j) {
        const float s = state[base + j] * s_w[j] + s_k[j] * v + sa * s_b[j];
        state[base + j] = s;
        y += s * s_r[j];
    }

    const float mean = wg_sum(y) / 64.0;
    const float d = y - mean;
    const float inv = inversesqrt(wg_sum(d * d) / 64.0 + pc.gn_eps);
    y = d * inv * P(6, c) + P(7, c);
    const float beta = wg_sum(r * km * P(5, c));
    y += beta * v;
    act[pc.y_off + c] = y * act[pc.g_off + c];
}
