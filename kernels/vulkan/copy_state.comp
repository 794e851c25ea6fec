#version 450
// Copies `layers` blocks of `count` 16-byte words from src (block l at word l * src_stride) to dst (block l at word
// l * dst_stride): the recurrent state into the token step's working state and back (spec §5 layout <-> per-layer
// aligned stride). A compute copy streams at DRAM speed where NVIDIA's vkCmdCopyBuffer on a compute queue moved the
// 7.2B state (34.6 MB) in ~100 µs (docs/perf-notes.md "B=1 v5"). Each thread moves 4 words per pass, loads first.
// Host: copy_state.cpp.
#extension GL_EXT_control_flow_attributes : require
layout(local_size_x = 256) in;

layout(std430, binding = 0) readonly buffer Src { uvec4 src[]; };
layout(std430, binding = 1) writeonly buffer Dst { uvec4 dst[]; };

layout(push_constant) uniform Push {
    uint count;       // words per block
    uint total;       // count * layers
    uint src_stride;  // words between blocks in src
    uint dst_stride;  // words between blocks in dst
} pc;

void main() {
    const uint stride = gl_NumWorkGroups.x * 1024;
    for (uint i = gl_WorkGroupID.x * 1024 + gl_LocalInvocationID.x; i < pc.total; i += stride) {
        uvec4 q[4];
        uint at[4];
        [[unroll]] for (uint u = 0; u < 4; ++u) {
            const uint j = i + u * 256;
            const uint l = j / pc.count, k = j - l * pc.count;
            at[u] = l * pc.dst_stride + k;
            q[u] = j < pc.total ? src[l * pc.src_stride + k] : uvec4(0);
        }
        [[unroll]] for (uint u = 0; u < 4; ++u) {
            if (i + u * 256 < pc.total) dst[at[u]] = q[u];
        }
    }
}
