#version 450
// wkv7_rows_sg_bda.comp with the WKV state matrices kept as fp16 between steps (batched decode,
// Model::set_batch_state_dtype(F16)): each sequence's fp16 WKV copy by its device address. Body and host:
// wkv7_rows.glsl (WKV_STATE_F16), engine/src/vulkan/vk_rows.cpp (record_wkv7_rows_h16).
#extension GL_EXT_control_flow_attributes : require
#extension GL_KHR_shader_subgroup_arithmetic : require
#extension GL_KHR_shader_subgroup_shuffle : require
#define USE_SUBGROUP 1
#define WKV_STATE_F16 1
#include "state_bda_ext.glsl"
#include "wkv7_rows.glsl"
