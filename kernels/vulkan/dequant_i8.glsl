// Rows path, int8 models: rows of an int8 matrix piece into an fp16 copy (round_f16(q * scale)), so that the
// GEMMs (gemm, gemm_coop, gemm_few, which read fp16 weights) run unchanged on it; one word (4 values) per thread.
// Host: engine/src/vulkan/dequant_i8.cpp. Variants: dequant_i8.comp (uint words), dequant_i8_s8.comp (8-bit storage).
#extension GL_EXT_shader_16bit_storage : require
#include "i8_words.glsl"
layout(local_size_x = 256) in;

I8_BUFFER(0, Src, q);
layout(std430, binding = 1) writeonly buffer Dst { f16vec4 dst[]; };
layout(std430, binding = 2) restrict readonly buffer Scales { float scales[]; };

layout(push_constant) uniform Push {
    uint rows;      // rows to convert
    uint words;     // words (4 values) per row: cols / 4
    uint src_row;   // first row in the source piece
    uint dst_row;   // first row in the destination piece
    uint scale_off; // scale of the first row at scales[scale_off]
    uint grid_x;    // workgroups along x
} pc;

void main() {
    const uint i = (gl_WorkGroupID.y * pc.grid_x + gl_WorkGroupID.x) * 256 + gl_LocalInvocationID.x;
    if (i >= pc.rows * pc.words) return;
    const uint r = i / pc.words, c = i % pc.words;
    const vec4 v = vec4(I8_WORD(q, (pc.src_row + r) * pc.words + c)) * scales[pc.scale_off + r];
    dst[(pc.dst_row + r) * pc.words + c] = f16vec4(vec4(round_f16(v.x), round_f16(v.y), round_f16(v.z), round_f16(v.w)));
}
