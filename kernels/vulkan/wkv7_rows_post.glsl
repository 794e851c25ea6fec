// Body of wkv7_rows_post.comp / wkv7_rows_post_sg.comp: after wkv7_rows_scan.comp, one 64-thread workgroup per
// (row, head), all rows in parallel: GroupNorm of the head's raw y (eps pc.gn_eps) with ln_x weight and bias,
// plus the bonus beta v with beta = sum_j r_j k_j r_k_j (k modulated by wkv7_rows_prep,
// or here with RAW after the _sg1 scan, which does prep's work), times the gate g
// (spec §3.4.12–3.4.13); the y row is overwritten in place, or with YH = 1 written as fp16 rows to another block
// (pc.y16_off: the output GEMM on tensor cores reads them; other workgroups still read the fp32 y rows, so not in
// place). Host: engine/src/vulkan/wkv7_rows.cpp.
#extension GL_EXT_shader_16bit_storage : require
#extension GL_EXT_shader_explicit_arithmetic_types_float16 : require
#include "wkv7_rows_pass.glsl"
layout(constant_id = 0) const uint YH = 0;
layout(constant_id = 1) const uint RAW = 0;  // 1: k raw (no prep pass; the _sg1 scan mixed v in place): mix k here
layout(std430, binding = 0) buffer ActH { float16_t act_h[]; };

void main() {
    uint cj, o;
    if (!pass_element(cj, o)) return;  // uniform per workgroup
    const float y = act[pc.y_off + o];
    float km = act[pc.k_off + o];
    if (RAW == 1u) km *= 1.0 + (1.0 / (1.0 + exp(-(P(1, cj) + act[pc.ta_off + o]))) - 1.0) * P(4, cj);
    const float beta = wg_sum(act[pc.r_off + o] * km * P(5, cj));
    const float mean = wg_sum(y) / 64.0;
    const float d = y - mean;
    const float inv = inversesqrt(wg_sum(d * d) / 64.0 + pc.gn_eps);
    const float out_y = (d * inv * P(6, cj) + P(7, cj) + beta * act[pc.v_off + o]) * act[pc.tg_off + o];
    if (YH == 1u)
        act_h[2u * pc.y16_off + o] = float16_t(out_y);
    else
        act[pc.y_off + o] = out_y;
}
