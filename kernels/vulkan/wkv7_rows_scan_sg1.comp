#version 450
// wkv7_rows_scan with eight threads per pair of state rows (128 computing threads and two producer warps per
// workgroup, which also do wkv7_rows_prep's work; subgroup shuffle sums), the working state bound
// (rows_state.glsl). Body and host: wkv7_rows_scan_sg.glsl (SCAN_ONE8).
#extension GL_EXT_control_flow_attributes : require
#extension GL_KHR_shader_subgroup_shuffle : require
#define SCAN_ONE8 1
#include "wkv7_rows_scan_sg.glsl"
