#version 450
// gemm_coop with the spec constants XT / YT (the prefill's FFN hidden rows stored [F, M], vk_rows.cpp). Body:
// gemm_coop.glsl; host: gemm_coop.cpp.
#define HT 1
#include "gemm_coop.glsl"
