// Body of wkv7_rows_prep.comp / wkv7_rows_prep_sg.comp: the state-free part of the rows-path time mix (spec
// §3.4.5–3.4.10), one 64-thread workgroup per (row, head), all rows in parallel, before wkv7_rows_scan.comp. In
// place in the [R, C] blocks of act, element by element (thread j reads its inputs before it writes):
//   tw <- w = exp(-0.606531 sigmoid(w0 + tw))             decay
//   k  <- k (1 + (alpha - 1) k_a),  alpha = sigmoid(a0 + ta)  modulated key
//   tv <- kk / max(||kk||, 1e-12),  kk = k k_k              removal key, normalised over the head
//   ta <- (kk / ||kk||) alpha                              in-context rate times removal key
//   v  <- v + (v_first - v) sigmoid(v0 + tv) (layer > 0; layer 0 writes v_first = v)
// Host: engine/src/vulkan/wkv7_rows.cpp.
#define WG 64
layout(local_size_x = WG) in;
#include "reduce.glsl"
#include "rows_common.glsl"
#include "wkv7_rows_push.glsl"

layout(std430, binding = 0) buffer Act { float act[]; };
layout(std430, binding = 1) restrict readonly buffer Params { float params[]; };  // this layer's vectors
layout(std430, binding = 2) restrict readonly buffer Io { uint io[]; };

float sigmoid(float v) { return 1.0 / (1.0 + exp(-v)); }
float P(uint i, uint c) { return params[(pc.p_base + i) * pc.C + c]; }

void main() {
    const uint g = gl_WorkGroupID.y * pc.grid_x + gl_WorkGroupID.x;
    if (g >= pc.R * pc.H) return;  // uniform per workgroup
    const uint row = g / pc.H, h = g % pc.H;
    if (ROW_SEQ(io[pc.Rc + row]) == PAD_ROW) return;  // uniform per workgroup
    const uint cj = h * 64 + gl_LocalInvocationID.x, o = row * pc.C + cj;
    const float k = act[pc.k_off + o];
    float v = act[pc.v_off + o];
    const float alpha = sigmoid(P(1, cj) + act[pc.ta_off + o]);
    const float kk = k * P(3, cj);
    const float km = k * (1.0 + (alpha - 1.0) * P(4, cj));
    if (pc.first_layer == 1u) {
        act[pc.vfirst_off + o] = v;
    } else {
        v += (act[pc.vfirst_off + o] - v) * sigmoid(P(2, cj) + act[pc.tv_off + o]);
    }
    const float w = exp(-0.606531 * sigmoid(P(0, cj) + act[pc.tw_off + o]));
    const float kkn = kk / max(sqrt(wg_sum(kk * kk)), 1e-12);
    act[pc.tw_off + o] = w;
    act[pc.k_off + o] = km;
    act[pc.v_off + o] = v;
    act[pc.tv_off + o] = kkn;
    act[pc.ta_off + o] = kkn * alpha;
}
