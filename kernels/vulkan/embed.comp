#version 450
// Embedding gather for one row piece of emb.weight: act[out_off + c] = emb[tok - row_begin][c] when the
// current token (io.tokens[io.cursor]) lies in this piece's rows, else nothing. One dispatch per piece;
// the pieces write disjoint conditions, so no barrier between them. Host: engine/src/vulkan/embed.cpp.
#extension GL_EXT_shader_16bit_storage : require
layout(local_size_x = 64) in;

layout(std430, binding = 0) readonly buffer Emb { float16_t emb[]; };   // [rows, C] fp16
layout(std430, binding = 1) buffer Act { float act[]; };                // scratch, fp32
layout(std430, binding = 2) readonly buffer Io { uint cursor; uint pad0, pad1, pad2; int tokens[]; };

layout(push_constant) uniform Push {
    uint C;
    uint row_begin;
    uint rows;
    uint out_off;
} pc;

void main() {
    const uint c = gl_GlobalInvocationID.x;
    if (c >= pc.C) return;
    const uint tok = uint(tokens[cursor]);
    if (tok < pc.row_begin || tok >= pc.row_begin + pc.rows) return;
    act[pc.out_off + c] = float(emb[(tok - pc.row_begin) * pc.C + c]);
}
