#version 450
// wkv7_rows_post.glsl with subgroup reductions (any subgroup size). Body and host: wkv7_rows_post.glsl.
#extension GL_EXT_control_flow_attributes : require
#extension GL_KHR_shader_subgroup_arithmetic : require
#define USE_SUBGROUP 1
#include "wkv7_rows_post.glsl"
