#version 450
// wkv7_rows_prep.glsl with shared-memory reductions (any device). Body and host: wkv7_rows_prep.glsl.
#extension GL_EXT_control_flow_attributes : require
#include "wkv7_rows_prep.glsl"
