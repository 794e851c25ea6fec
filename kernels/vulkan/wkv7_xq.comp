#version 450
// The per-head time mix, shared-memory reductions (any device), y's int8 dot chunks quantized too (RWKV_VK_I8_XQ).
// Body and host: wkv7.glsl.
#extension GL_EXT_control_flow_attributes : require
#define XQ 1
#include "wkv7.glsl"
