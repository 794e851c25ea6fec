#version 450
// dequant_i8.glsl through 8-bit storage buffers (storageBuffer8BitAccess).
#extension GL_EXT_shader_8bit_storage : require
#define I8_STORAGE 1
#include "dequant_i8.glsl"
