#version 450
// ffn_value.glsl on int8 rows read as uint words.
#extension GL_EXT_control_flow_attributes : require
#define I8 1
#include "ffn_value.glsl"
