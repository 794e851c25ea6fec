#version 450
// Multi-row matvec on int8 rows as uint words by the integer dot product, x's chunks quantized beforehand
// (RWKV_VK_I8_XQ), subgroupAdd reduction. Body and host: matvec_wide.glsl.
#extension GL_EXT_control_flow_attributes : require
#extension GL_KHR_shader_subgroup_arithmetic : require
#define USE_SUBGROUP 1
#define I8 1
#define I8_DOT 1
#define I8_XQ 1
#include "matvec_wide.glsl"
