#version 450
// rows_lnmix_wide, the working state bound (rows_state.glsl). Body and host: rows_lnmix_wide.glsl.
#extension GL_EXT_control_flow_attributes : require
#extension GL_EXT_shader_16bit_storage : require
#extension GL_KHR_shader_subgroup_shuffle : require
#include "rows_lnmix_wide.glsl"
