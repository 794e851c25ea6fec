#version 450
// The rows path's tensor-core GEMM (GL_NV_cooperative_matrix). Body and host: gemm_coop.glsl, gemm_coop.cpp.
#include "gemm_coop.glsl"
