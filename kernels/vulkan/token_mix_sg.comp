#version 450
#extension GL_EXT_control_flow_attributes : require
// LayerNorm + token shift, subgroup reductions. Body and host: token_mix.glsl.
#extension GL_KHR_shader_subgroup_arithmetic : require
#define USE_SUBGROUP 1
#include "token_mix.glsl"
