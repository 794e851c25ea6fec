#version 450
// gemm_coop.comp on int8 weights read as uint words: W staged as round_f16(q * scale)
// (gemm_i8_stage.glsl). Body: gemm_coop.glsl; host: gemm_coop.cpp.
#define I8 1
#include "gemm_coop.glsl"
