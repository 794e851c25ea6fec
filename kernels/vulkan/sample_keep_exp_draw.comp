#version 450
// sample_keep_exp.comp whose draw at T = 1 also reads the exp rows, its per-thread sums gathered by bins
// (RWKV_VK_SAMPLE_EXP=2; the same ids bit for bit). Body: sample.glsl (SAMPLE_KEEP_EXP, SAMPLE_DRAW_BINS); host:
// engine/src/vulkan/sample.cpp.
#define SAMPLE_KEEP_EXP 1
#define SAMPLE_DRAW_BINS 1
#include "sample.glsl"
