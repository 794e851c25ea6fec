#version 450
// Advances the token cursor after one token step (the next re-submission of the step reads the next id).
// Host: engine/src/vulkan/step_end.cpp.
layout(local_size_x = 1) in;
layout(std430, binding = 0) buffer Io { uint cursor; };
void main() { cursor += 1; }
