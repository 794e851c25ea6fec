#version 450
// wkv7_rows_bda.comp (shared-memory reductions) with the WKV state matrices kept as fp16 between steps (batched
// decode, Model::set_batch_state_dtype(F16)). Body and host: wkv7_rows.glsl (WKV_STATE_F16),
// engine/src/vulkan/vk_rows.cpp (record_wkv7_rows_h16).
#extension GL_EXT_control_flow_attributes : require
#define WKV_STATE_F16 1
#include "state_bda_ext.glsl"
#include "wkv7_rows.glsl"
