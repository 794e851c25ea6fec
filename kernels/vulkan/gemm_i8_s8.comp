#version 450
// gemm.glsl on int8 weights through 8-bit storage buffers (storageBuffer8BitAccess).
#extension GL_EXT_shader_16bit_storage : require
#extension GL_EXT_shader_8bit_storage : require
#extension GL_EXT_control_flow_attributes : require
#define I8 1
#define I8_STORAGE 1
#include "gemm.glsl"
