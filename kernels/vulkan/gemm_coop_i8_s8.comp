#version 450
// gemm_coop.comp on int8 weights through 8-bit storage buffers (storageBuffer8BitAccess): W staged as round_f16(q * scale)
// (gemm_i8_stage.glsl). Body: gemm_coop.glsl; host: gemm_coop.cpp.
#extension GL_EXT_shader_8bit_storage : require
#define I8 1
#define I8_STORAGE 1
#include "gemm_coop.glsl"
