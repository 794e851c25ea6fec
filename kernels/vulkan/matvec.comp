#version 450
// y = act_out(W · act_in(x)) for one row piece of an fp16 matrix W [rows, cols] ([out, in] row-major), fp32
// accumulation; optionally added into y (residual). A workgroup of WG threads handles WG / TPR rows with TPR
// threads per row (specialization constants): TPR = 1 for CPU drivers (lavapipe: no barriers at all), larger on
// GPUs; the TPR partial sums meet in shared memory, so any subgroup size works.
// act_in: 0 none, 1 tanh, 2 sigmoid (LoRA hidden activations, spec §3.4.5/§3.4.7);
// act_out: 0 none, 1 relu² (FFN key, spec §3.5); mask_mode: matvec_rows_out.glsl. Host: engine/src/vulkan/matvec.cpp.
#extension GL_EXT_shader_16bit_storage : require
layout(constant_id = 0) const uint WG = 64;
layout(constant_id = 1) const uint TPR = 64;  // threads per row: a power of two dividing WG
layout(local_size_x_id = 0) in;

layout(std430, binding = 0) readonly buffer Weight { f16vec4 w[]; };  // [rows, cols/4]
layout(std430, binding = 1) readonly buffer In { float x[]; };
layout(std430, binding = 2) buffer Out { float y[]; };
layout(std430, binding = 3) buffer Mask { uint mask[]; };

layout(push_constant) uniform Push {
    uint rows;
    uint cols;        // multiple of 4
    uint in_off;
    uint out_off;     // y[out_off + row]
    uint act_in;
    uint act_out;
    uint accumulate;  // 1: y += result
    uint grid_x;      // workgroups along x (workgroups are spread over x and y)
    uint mask_off;
    uint mask_mode;
    uint row_base;
} pc;

#include "matvec_rows_out.glsl"

shared float part[WG];

float act_in(float v) {
    if (pc.act_in == 1u) return tanh(v);
    if (pc.act_in == 2u) return 1.0 / (1.0 + exp(-v));
    return v;
}

void main() {
    const uint t = gl_LocalInvocationID.x;
    const uint lane = t % TPR;
    const uint row = (gl_WorkGroupID.y * pc.grid_x + gl_WorkGroupID.x) * (WG / TPR) + t / TPR;
    const uint c4 = pc.cols / 4;
    float s = 0.0;
    if (row < pc.rows) {
        for (uint i = lane; i < c4; i += TPR) {
            const vec4 wv = vec4(w[row * c4 + i]);
            const uint o = pc.in_off + 4 * i;
            const vec4 xv = vec4(act_in(x[o]), act_in(x[o + 1]), act_in(x[o + 2]), act_in(x[o + 3]));
            s += dot(wv, xv);
        }
    }
    if (TPR > 1) {  // tree over the TPR lanes of each row (removed when TPR == 1)
        part[t] = s;
        barrier();
        for (uint st = TPR / 2; st > 0; st >>= 1) {
            if (lane < st) part[t] += part[t + st];
            barrier();
        }
        s = part[t];
    }
    if (lane == 0 && row < pc.rows) matvec_row_out(row, s);
}
