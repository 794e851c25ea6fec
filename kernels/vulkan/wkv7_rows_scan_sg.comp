#version 450
// wkv7_rows_scan with four threads per state row (subgroup shuffle sums), the working state bound
// (rows_state.glsl). Body and host: wkv7_rows_scan_sg.glsl.
#extension GL_EXT_control_flow_attributes : require
#extension GL_KHR_shader_subgroup_shuffle : require
#include "wkv7_rows_scan_sg.glsl"
