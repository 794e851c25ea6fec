// Extensions of the *_bda.comp variants (rows_state.glsl, STATE_BDA).
#extension GL_EXT_buffer_reference : require
#extension GL_EXT_buffer_reference_uvec2 : require
#define STATE_BDA 1
