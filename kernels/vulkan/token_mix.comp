#version 450
#extension GL_EXT_control_flow_attributes : require
// LayerNorm + token shift, shared-memory reductions (any device). Body and host: token_mix.glsl.
#include "token_mix.glsl"
