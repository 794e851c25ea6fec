#version 450
// Reads a range of a weight buffer and discards the values, so that the range sits in the GPU's L2 cache when the
// next stage's matvec streams it. Recorded next to a latency-bound stage (token mix, wkv7, sparse FFN value) with
// no barrier between them: the two run at once and the prefetch uses DRAM bandwidth that stage leaves idle.
// Workgroup g reads 16-byte words [first + g*4*256 + t + u*256], u < 4, then strides by the grid: the range is
// read roughly front to back (the matvec's first workgroups take the first rows). With step > 1 it loads word
// first + j*step instead of first + j (a page touch: one load per 2 MiB walks the range's address translations
// before a matvec streams it; docs/perf/vulkan-decode.md "B=1 v15"). Host: prefetch.cpp.
#extension GL_EXT_control_flow_attributes : require
layout(local_size_x = 256) in;

layout(std430, binding = 0) readonly buffer W { uvec4 w[]; };
layout(std430, binding = 1) writeonly buffer Sink { uint sink[]; };

layout(push_constant) uniform Push {
    uint first;  // first 16-byte word of the range in the bound buffer
    uint count;  // 16-byte words
    uint keep;   // always 0: the store it guards keeps the loads from being optimised away
    uint step;   // 16-byte words between loads: 1 reads the range, more touches one word per step (page touch)
} pc;

void main() {
    const uint t = gl_LocalInvocationID.x;
    const uint stride = gl_NumWorkGroups.x * 1024;
    uvec4 acc = uvec4(0);
    for (uint i = gl_WorkGroupID.x * 1024 + t; i < pc.count; i += stride) {
        uvec4 q[4];
        [[unroll]] for (uint u = 0; u < 4; ++u) {
            const uint j = i + u * 256;
            q[u] = j < pc.count ? w[pc.first + j * pc.step] : uvec4(0);
        }
        [[unroll]] for (uint u = 0; u < 4; ++u) acc ^= q[u];
    }
    if (pc.keep != 0u) sink[0] = acc.x ^ acc.y ^ acc.z ^ acc.w;
}
