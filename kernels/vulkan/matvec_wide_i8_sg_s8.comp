#version 450
// Multi-row matvec on int8 rows through 8-bit storage, subgroupAdd reduction. Body and host: matvec_wide.glsl.
#extension GL_EXT_control_flow_attributes : require
#extension GL_KHR_shader_subgroup_arithmetic : require
#extension GL_EXT_shader_8bit_storage : require
#define USE_SUBGROUP 1
#define I8 1
#define I8_STORAGE 1
#include "matvec_wide.glsl"
