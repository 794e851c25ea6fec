#version 450
// rows_mix, the working state bound (rows_state.glsl). Body and host: rows_mix.glsl.
#extension GL_EXT_control_flow_attributes : require
#include "rows_mix.glsl"
