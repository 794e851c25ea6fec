#version 450
// Multi-row matvec on int8 rows through 8-bit storage, shared-memory reduction. Body and host: matvec_wide.glsl.
#extension GL_EXT_control_flow_attributes : require
#extension GL_EXT_shader_8bit_storage : require
#define I8 1
#define I8_STORAGE 1
#include "matvec_wide.glsl"
