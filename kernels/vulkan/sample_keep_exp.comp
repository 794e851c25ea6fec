#version 450
// sample.comp whose softmax pass keeps exp(x - max) in a scratch row for the nucleus passes (RWKV_VK_SAMPLE_EXP=1;
// the same ids bit for bit). Body: sample.glsl (SAMPLE_KEEP_EXP); host: engine/src/vulkan/sample.cpp.
#define SAMPLE_KEEP_EXP 1
#include "sample.glsl"
