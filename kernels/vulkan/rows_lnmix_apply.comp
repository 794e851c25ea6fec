#version 450
// rows_lnmix_apply, the working state bound (rows_state.glsl). Body and host: rows_lnmix_apply.glsl.
#extension GL_EXT_control_flow_attributes : require
#extension GL_EXT_shader_16bit_storage : require
#include "rows_lnmix_apply.glsl"
