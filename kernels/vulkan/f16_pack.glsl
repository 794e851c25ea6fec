// pack8: 8 fp32 values (a, then b) rounded to fp16, as the 8 halves of one 16-byte unit: the tensor-core GEMMs' fp32 X
// rows staged in shared memory (gemm_coop.glsl, gemm_few.glsl). One copy so that the two cannot drift apart.
uvec4 pack8(vec4 a, vec4 b) {
    return uvec4(packHalf2x16(a.xy), packHalf2x16(a.zw), packHalf2x16(b.xy), packHalf2x16(b.zw));
}
