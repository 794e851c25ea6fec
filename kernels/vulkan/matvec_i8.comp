#version 450
#include "matvec_i8.glsl"
