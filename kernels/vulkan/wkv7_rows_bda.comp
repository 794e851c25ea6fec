#version 450
// The WKV-7 scan of the rows path, shared-memory reductions, each sequence's state by its device address
// (rows_state.glsl). Body and host: wkv7_rows.glsl.
#extension GL_EXT_control_flow_attributes : require
#include "state_bda_ext.glsl"
#include "wkv7_rows.glsl"
