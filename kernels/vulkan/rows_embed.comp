#version 450
// Embedding gather of the rows path for one row piece of emb.weight: act[out_off + r * C + c] = emb[tok][c] for
// the rows r whose token id (row table, rows_common.glsl) lies in this piece. Grid (C / 64, R).
// Host: engine/src/vulkan/rows_embed.cpp.
#extension GL_EXT_shader_16bit_storage : require
layout(local_size_x = 64) in;

layout(std430, binding = 0) restrict readonly buffer Emb { float16_t emb[]; };
layout(std430, binding = 1) buffer Act { float act[]; };
layout(std430, binding = 2) restrict readonly buffer Io { uint io[]; };

layout(push_constant) uniform Push {
    uint C, row_begin, rows, out_off;
} pc;

void main() {
    const uint c = gl_GlobalInvocationID.x, r = gl_WorkGroupID.y;
    if (c >= pc.C) return;
    const uint tok = io[r];
    if (tok < pc.row_begin || tok >= pc.row_begin + pc.rows) return;
    act[pc.out_off + r * pc.C + c] = float(emb[(tok - pc.row_begin) * pc.C + c]);
}
