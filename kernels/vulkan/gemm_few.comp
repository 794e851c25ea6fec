#version 450
// The rows path's few-rows tensor-core GEMM. Body and host: gemm_few.glsl, gemm_few.cpp.
#include "gemm_few.glsl"
