#version 450
// rows_ln, the working state bound (rows_state.glsl). Body and host: rows_ln.glsl.
#extension GL_EXT_control_flow_attributes : require
#include "rows_ln.glsl"
