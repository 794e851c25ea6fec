#version 450
// The WKV-7 scan of the rows path, subgroup reductions (shuffle sums over a state row's threads), each sequence's
// state by its device address (rows_state.glsl). Body and host: wkv7_rows.glsl.
#extension GL_EXT_control_flow_attributes : require
#extension GL_KHR_shader_subgroup_arithmetic : require
#extension GL_KHR_shader_subgroup_shuffle : require
#define USE_SUBGROUP 1
#include "state_bda_ext.glsl"
#include "wkv7_rows.glsl"
