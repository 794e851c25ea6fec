#version 450
// gemm.glsl on int8 weights read as uint words.
#extension GL_EXT_shader_16bit_storage : require
#extension GL_EXT_control_flow_attributes : require
#define I8 1
#include "gemm.glsl"
