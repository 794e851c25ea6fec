#version 450
// The device sampler of batched decode (Model::forward_batch_sample). Body and description: sample.glsl; host:
// engine/src/vulkan/sample.cpp.
#include "sample.glsl"
