#version 450
// rows_lnmix_apply, each sequence's state by its device address (rows_state.glsl). Body and host:
// rows_lnmix_apply.glsl.
#extension GL_EXT_control_flow_attributes : require
#extension GL_EXT_shader_16bit_storage : require
#include "state_bda_ext.glsl"
#include "rows_lnmix_apply.glsl"
