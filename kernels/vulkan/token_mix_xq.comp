#version 450
#extension GL_EXT_control_flow_attributes : require
// LayerNorm + token shift, shared-memory reductions (any device), the int8 dot matvecs' x chunks quantized too
// (RWKV_VK_I8_XQ). Body and host: token_mix.glsl.
#define XQ 1
#include "token_mix.glsl"
