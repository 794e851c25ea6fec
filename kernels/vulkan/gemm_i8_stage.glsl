// int8 forms of the tensor-core GEMMs (gemm_coop, gemm_few, gemm_few_ws with #define I8; ModelConfig::
// int8_gemm_stage): W holds int8 values with one fp32 scale per stored row (binding 5, from pc.scale_off), and a
// W unit (8 values of one stored row) is staged as the 8 halves round_f16(q * scale) -- the operations and bits of
// dequant_i8.glsl's fp16 copy, so the staged tile, the MMAs and Y are bit-identical to the GEMM on the copy.
// w_fetch(word, row) loads unit (words word, word + 1; scale of stored row `row`); W_STAGE(v) gives its fp16 bits as
// the uvec4 the fp16 forms stage. Packed words (gemm_*_i8.comp): the raw words and the scale are kept in registers
// (3 of the uvec4) and dequantised when staged, after the MMAs the loads overlap; 8-bit storage (_i8_s8.comp): the
// i8vec4 words dequantised at fetch (an 8-bit value cannot be kept in a register without int8 arithmetic).
#include "i8_words.glsl"
I8_BUFFER(0, Weight, wq);
layout(std430, binding = 5) restrict readonly buffer Scales { float scales[]; };

// The 8 values of words a, b times s, each round_f16'd and converted to fp16 (exact) as dequant_i8.glsl does.
uvec4 w_dequant(ivec4 a, ivec4 b, float s) {
    const vec4 u = vec4(a) * s, v = vec4(b) * s;
    return uvec4(packFloat2x16(f16vec2(round_f16(u.x), round_f16(u.y))),
                 packFloat2x16(f16vec2(round_f16(u.z), round_f16(u.w))),
                 packFloat2x16(f16vec2(round_f16(v.x), round_f16(v.y))),
                 packFloat2x16(f16vec2(round_f16(v.z), round_f16(v.w))));
}

// W_UNIT(i, s): the unit that starts at value i of W, s the index of its stored row's scale (the fp16 forms'
// W_UNIT, w4[i / 8], ignores s).
#define W_UNIT(i, s) w_fetch((i) / 4u, s)
#ifdef I8_STORAGE
uvec4 w_fetch(uint word, uint row) { return w_dequant(I8_WORD(wq, word), I8_WORD(wq, word + 1u), scales[row]); }
#define W_STAGE(v) (v)
#else
uvec4 w_fetch(uint word, uint row) { return uvec4(wq[word], wq[word + 1u], floatBitsToUint(scales[row]), 0u); }
#define W_STAGE(v) w_dequant(unpack_i8((v).x), unpack_i8((v).y), uintBitsToFloat((v).z))
#endif
