#version 450
// The WKV-7 scan of the rows path, shared-memory reductions (any device). Body and host: wkv7_rows.glsl.
#extension GL_EXT_control_flow_attributes : require
#include "wkv7_rows.glsl"
