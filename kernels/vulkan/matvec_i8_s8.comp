#version 450
// matvec_i8.glsl through 8-bit storage buffers (storageBuffer8BitAccess).
#extension GL_EXT_shader_8bit_storage : require
#define I8_STORAGE 1
#include "matvec_i8.glsl"
