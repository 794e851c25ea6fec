#version 450
// wkv7_rows_scan, the working state bound (rows_state.glsl). Body and host: wkv7_rows_scan.glsl.
#extension GL_EXT_control_flow_attributes : require
#include "wkv7_rows_scan.glsl"
