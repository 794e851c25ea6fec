#version 450
// The rows path's few-rows tensor-core GEMM, warp-specialised. Body and host: gemm_few_ws.glsl, gemm_few.cpp.
#include "gemm_few_ws.glsl"
