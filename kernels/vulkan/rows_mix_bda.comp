#version 450
// rows_mix, each sequence's state by its device address (rows_state.glsl). Body and host: rows_mix.glsl.
#extension GL_EXT_control_flow_attributes : require
#include "state_bda_ext.glsl"
#include "rows_mix.glsl"
