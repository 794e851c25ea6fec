#version 450
// ffn_value.glsl on int8 rows through 8-bit storage buffers (storageBuffer8BitAccess).
#extension GL_EXT_control_flow_attributes : require
#extension GL_EXT_shader_8bit_storage : require
#define I8 1
#define I8_STORAGE 1
#include "ffn_value.glsl"
