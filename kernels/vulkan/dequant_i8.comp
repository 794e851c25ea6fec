#version 450
#include "dequant_i8.glsl"
