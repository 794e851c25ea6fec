#version 450
// Page touches of several byte ranges of one buffer in one dispatch: workgroup r loads one 16-byte word per `step`
// words of range r (first word, loads) and discards them, so that the ranges' address translations are walked
// before a matvec streams them (docs/perf/vulkan-decode.md "B=1 v15", "B=1 v16"). Host: touch.cpp.
layout(local_size_x = 64) in;

layout(std430, binding = 0) readonly buffer W { uvec4 w[]; };
layout(std430, binding = 1) writeonly buffer Sink { uint sink[]; };

layout(push_constant) uniform Push {
    uint step;          // 16-byte words between loads
    uint keep;          // always 0: the store it guards keeps the loads from being optimised away
    uvec2 range[14];    // (first word, loads) per workgroup
} pc;

void main() {
    const uvec2 r = pc.range[gl_WorkGroupID.x];
    uvec4 acc = uvec4(0);
    for (uint j = gl_LocalInvocationID.x; j < r.y; j += 64) acc ^= w[r.x + j * pc.step];
    if (pc.keep != 0u) sink[0] = acc.x ^ acc.y ^ acc.z ^ acc.w;
}
