#version 450
#extension GL_EXT_control_flow_attributes : require
// LayerNorm + token shift, subgroup reductions, the int8 dot matvecs' x chunks quantized too (RWKV_VK_I8_XQ). Body
// and host: token_mix.glsl.
#extension GL_KHR_shader_subgroup_arithmetic : require
#define USE_SUBGROUP 1
#define XQ 1
#include "token_mix.glsl"
