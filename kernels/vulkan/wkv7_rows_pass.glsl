// The part of wkv7_rows_prep.glsl and wkv7_rows_post.glsl that is the same: one 64-thread workgroup per (row,
// head) of the rows path, the three buffers both read and write, the layer's vectors P(i, c), and which element a
// thread owns. Host: engine/src/vulkan/wkv7_rows.cpp.
#define WG 64
layout(local_size_x = WG) in;
#include "reduce.glsl"
#include "rows_common.glsl"
#include "wkv7_rows_push.glsl"

layout(std430, binding = 0) buffer Act { float act[]; };
layout(std430, binding = 1) restrict readonly buffer Params { float params[]; };  // this layer's vectors
layout(std430, binding = 2) restrict readonly buffer Io { uint io[]; };

float P(uint i, uint c) { return params[(pc.p_base + i) * pc.C + c]; }

// Channel cj of this thread and its element o in the [R, C] blocks of act; false (uniform per workgroup: the caller
// returns before any barrier) for a workgroup past the R·H (row, head) pairs or on a padding row.
bool pass_element(out uint cj, out uint o) {
    const uint g = gl_WorkGroupID.y * pc.grid_x + gl_WorkGroupID.x;
    if (g >= pc.R * pc.H) return false;
    const uint row = g / pc.H, h = g % pc.H;
    if (ROW_SEQ(io[pc.Rc + row]) == PAD_ROW) return false;
    cj = h * 64 + gl_LocalInvocationID.x;
    o = row * pc.C + cj;
    return true;
}
