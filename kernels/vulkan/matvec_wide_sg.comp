#version 450
// Multi-row fp16 matvec, subgroupAdd reduction (devices with subgroup arithmetic). Body and host: matvec_wide.glsl.
#extension GL_EXT_control_flow_attributes : require
#extension GL_KHR_shader_subgroup_arithmetic : require
#define USE_SUBGROUP 1
#include "matvec_wide.glsl"
