// The x chunk quantization of the int8 dot-product matvec (i8_dot.glsl describes it), alone so that the kernels
// producing an x can quantize it once for every matvec workgroup (RWKV_VK_I8_XQ: token_mix_xq[_sg].comp,
// wkv7_xq[_sg].comp write the chunks, matvec_wide_i8_dot_xq[_sg].comp read them). No extension needed.
// Stored form of a chunk (XQ_VEC4S uvec4): hi, lo, (bits of s, bits of s256, 0, 0).
#define XQ_VEC4S 3u
const float kXqMagic = 12582912.0;  // 1.5 * 2^23: integers |v| < 2^22 in the low mantissa bits

// A quantized 16-column x chunk: the hi and lo bytes of xq as 4 words each, s and 256 s.
struct XChunk {
    uvec4 hi, lo;
    float s, s256;
};

// The 4 bytes of v's components (byte `shift` of each, as in v >> shift) packed into one word, component c in byte c.
uint pack_bytes(ivec4 v, int shift) {
    const uvec4 b = uvec4(v >> shift) & 0xFFu;
    return b.x | (b.y << 8) | (b.z << 16) | (b.w << 24);
}

// x[0..3] (columns 4e..4e+3 in x[e]) quantized as above.
XChunk quantize_x16(vec4 x0, vec4 x1, vec4 x2, vec4 x3) {
    const vec4 a = max(max(abs(x0), abs(x1)), max(abs(x2), abs(x3)));
    const float m = max(max(a.x, a.y), max(a.z, a.w));
    const float inv = m >= 1e-30 ? 32512.0 / m : 0.0;
    XChunk c;
    c.s = m * (1.0 / 32512.0);
    c.s256 = m * (256.0 / 32512.0);
    const vec4 xs[4] = vec4[4](x0, x1, x2, x3);
    [[unroll]] for (int e = 0; e < 4; ++e) {
        const ivec4 v = floatBitsToInt(fma(xs[e], vec4(inv), vec4(kXqMagic)));  // 1.5 * 2^23 + xq
        c.lo[e] = pack_bytes(v, 0);
        c.hi[e] = pack_bytes(v + 128, 8);  // bits 8..15 of xq + 128: floor((xq + 128) / 256) mod 256
    }
    return c;
}

// The stored form's 3 uvec4 of a chunk.
uvec4 xq_scales(XChunk c) { return uvec4(floatBitsToUint(c.s), floatBitsToUint(c.s256), 0u, 0u); }
XChunk xq_chunk(uvec4 hi, uvec4 lo, uvec4 sc) { return XChunk(hi, lo, uintBitsToFloat(sc.x), uintBitsToFloat(sc.y)); }
