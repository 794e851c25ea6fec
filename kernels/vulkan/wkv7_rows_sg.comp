#version 450
// The WKV-7 scan of the rows path, subgroup reductions (shuffle sums over a state row's threads). Body and host:
// wkv7_rows.glsl.
#extension GL_EXT_control_flow_attributes : require
#extension GL_KHR_shader_subgroup_arithmetic : require
#extension GL_KHR_shader_subgroup_shuffle : require
#define USE_SUBGROUP 1
#include "wkv7_rows.glsl"
