#version 450
// Multi-row fp16 matvec, shared-memory reduction (any device). Body and host: matvec_wide.glsl.
#extension GL_EXT_control_flow_attributes : require
#include "matvec_wide.glsl"
