#version 450
// wkv7_rows_post.glsl with shared-memory reductions (any device). Body and host: wkv7_rows_post.glsl.
#extension GL_EXT_control_flow_attributes : require
#include "wkv7_rows_post.glsl"
