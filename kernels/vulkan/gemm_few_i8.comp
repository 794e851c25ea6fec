#version 450
// gemm_few.comp on int8 weights read as uint words: W staged as round_f16(q * scale)
// (gemm_i8_stage.glsl). Body: gemm_few.glsl; host: gemm_few.cpp.
#define I8 1
#include "gemm_few.glsl"
