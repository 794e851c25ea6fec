#version 450
// A state's WKV matrices between their fp32 form (the spec §5 state buffer: per layer C floats of attention token
// shift, H * 64 * 64 floats of WKV state, C floats of FFN token shift) and the fp16 copy that batched decode keeps
// with Model::set_batch_state_dtype(F16) ([L, H, 64, 64] halves, vk_state.h). WIDEN = 0: fp32 -> fp16, rounded to
// nearest (|x| > 65504 becomes inf, as CUDA's __float2half_rn); WIDEN = 1: fp16 -> fp32, exact. One thread per 4
// floats over a 2-D grid (grid_2d). Host: engine/src/vulkan/vk_state.cpp (record_state_f16).
#extension GL_EXT_shader_16bit_storage : require
#extension GL_EXT_shader_explicit_arithmetic_types_float16 : require
layout(local_size_x = 256) in;
layout(constant_id = 0) const uint WIDEN = 0;
layout(std430, binding = 0) buffer F32 { vec4 f32[]; };
layout(std430, binding = 1) buffer F16 { f16vec4 f16[]; };
layout(push_constant) uniform Push {
    uint C4;       // n_embd / 4
    uint n;        // vec4s of WKV state in all layers: L * 16 * C
    uint grid_x;   // workgroups along x
} pc;

void main() {
    const uint i = (gl_WorkGroupID.y * pc.grid_x + gl_WorkGroupID.x) * 256u + gl_LocalInvocationID.x;
    if (i >= pc.n) return;
    const uint per_layer = 16u * pc.C4 * 4u;  // vec4s of WKV state per layer (64 * C floats)
    const uint l = i / per_layer, j = i - l * per_layer;
    const uint f = l * 66u * pc.C4 + pc.C4 + j;  // vec4 index in the fp32 state: layer l, after the token shift
    if (WIDEN == 1u)
        f32[f] = vec4(f16[i]);
    else
        f16[i] = f16vec4(f32[f]);
}
