#version 450
// wkv7_rows_scan with four threads per state row (subgroup shuffle sums), each sequence's state by its device
// address (rows_state.glsl). Body and host: wkv7_rows_scan_sg.glsl.
#extension GL_EXT_control_flow_attributes : require
#extension GL_KHR_shader_subgroup_shuffle : require
#include "state_bda_ext.glsl"
#include "wkv7_rows_scan_sg.glsl"
