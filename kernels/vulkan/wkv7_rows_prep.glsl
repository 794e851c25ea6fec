// Body of wkv7_rows_prep.comp / wkv7_rows_prep_sg.comp: the state-free part of the rows-path time mix (spec
// §3.4.5–3.4.10), one 64-thread workgroup per (row, head), all rows in parallel, before wkv7_rows_scan.comp. In
// place in the [R, C] blocks of act, element by element (thread j reads its inputs before it writes):
//   tw <- w = exp(-0.606531 sigmoid(w0 + tw))             decay
//   k  <- k (1 + (alpha - 1) k_a),  alpha = sigmoid(a0 + ta)  modulated key
//   tv <- kk / max(||kk||, 1e-12),  kk = k k_k              removal key, normalised over the head
//   ta <- (kk / ||kk||) alpha                              in-context rate times removal key
//   v  <- v + (v_first - v) sigmoid(v0 + tv) (layer > 0; layer 0 writes v_first = v)
// Host: engine/src/vulkan/wkv7_rows.cpp.
#include "wkv7_rows_pass.glsl"

float sigmoid(float v) { return 1.0 / (1.0 + exp(-v)); }

void main() {
    uint cj, o;
    if (!pass_element(cj, o)) return;  // uniform per workgroup
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
