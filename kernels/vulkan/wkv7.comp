#version 450
// The per-head time mix, shared-memory reductions (any device). Body and host: wkv7.glsl.
#extension GL_EXT_control_flow_attributes : require
#include "wkv7.glsl"
