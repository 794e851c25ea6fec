// y = act_out(s_r * (Q · x)) for one row piece of an int8 matrix Q [rows, cols] with one fp32 scale s_r per row
// (int8 models: att r/k/v/o, ffn key, head), fp32 accumulation of the integer weights times x, the scale applied
// once per row; optionally added into y (residual), the FFN key's bitmask (the finish: matvec_rows_out.glsl).
// matvec.comp's layout: WG / TPR rows per workgroup, TPR threads per row (1 on CPU drivers), one word (4 columns)
// per thread per step, the TPR partial sums meet in a shared-memory tree (any subgroup size). Variants:
// matvec_i8.comp (uint words), matvec_i8_s8.comp (8-bit storage): bit-identical. Host: engine/src/vulkan/matvec.cpp.
#include "i8_words.glsl"
layout(constant_id = 0) const uint WG = 64;
layout(constant_id = 1) const uint TPR = 64;  // threads per row: a power of two dividing WG
layout(local_size_x_id = 0) in;

I8_BUFFER(0, Weight, w);  // [rows, cols / 4] words
layout(std430, binding = 1) readonly buffer In { float x[]; };
layout(std430, binding = 2) buffer Out { float y[]; };
layout(std430, binding = 3) buffer Mask { uint mask[]; };
layout(std430, binding = 4) restrict readonly buffer Scales { float scales[]; };

layout(push_constant) uniform Push {
    uint rows;
    uint cols;        // multiple of 4
    uint in_off;
    uint out_off;     // y[out_off + row]
    uint act_out;     // 0 none, 1 relu²
    uint accumulate;  // 1: y += result
    uint grid_x;      // workgroups along x (workgroups are spread over x and y)
    uint mask_off;
    uint mask_mode;   // 0 none, 1 bit of every non-zero row, 2 every bit
    uint row_base;    // first row of the piece in the matrix (mask bits)
    uint scale_off;   // scale of the piece's row r at scales[scale_off + r]
} pc;

#include "matvec_rows_out.glsl"

shared float part[WG];

void main() {
    const uint t = gl_LocalInvocationID.x;
    const uint lane = t % TPR;
    const uint row = (gl_WorkGroupID.y * pc.grid_x + gl_WorkGroupID.x) * (WG / TPR) + t / TPR;
    const uint c4 = pc.cols / 4;
    float s = 0.0;
    if (row < pc.rows) {
        for (uint i = lane; i < c4; i += TPR) {
            const uint o = pc.in_off + 4 * i;
            s += dot(vec4(I8_WORD(w, row * c4 + i)), vec4(x[o], x[o + 1], x[o + 2], x[o + 3]));
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
    if (lane == 0 && row < pc.rows) matvec_row_out(row, s * scales[pc.scale_off + row]);
}
