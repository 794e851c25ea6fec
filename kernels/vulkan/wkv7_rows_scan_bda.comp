#version 450
// wkv7_rows_scan, each sequence's state by its device address (rows_state.glsl). Body and host: wkv7_rows_scan.glsl.
#extension GL_EXT_control_flow_attributes : require
#include "state_bda_ext.glsl"
#include "wkv7_rows_scan.glsl"
