// int8 weight rows read as words of 4 values (per stored row, symmetric, fp32 scale; docs/vulkan.md "int8 weights").
// With I8_STORAGE (the _s8 shader variants, devices with storageBuffer8BitAccess) a word is an i8vec4 of an 8-bit
// storage buffer; otherwise a uint unpacked with bitfieldExtract. Both give the same four integers, so the two
// variants are bit-identical. I8_BUFFER(binding, Block, name) declares a read-only word array; I8_WORD(name, i)
// returns word i as an ivec4 (value c of the word in component c, little-endian bytes).
#ifdef I8_STORAGE
#define I8_BUFFER(b, Block, name) layout(std430, binding = b) restrict readonly buffer Block { i8vec4 name[]; }
#define I8_WORD(name, i) ivec4(name[i])
#else
#define I8_BUFFER(b, Block, name) layout(std430, binding = b) restrict readonly buffer Block { uint name[]; }
#define I8_WORD(name, i) unpack_i8(name[i])
ivec4 unpack_i8(uint u) {
    const int s = int(u);
    return ivec4(bitfieldExtract(s, 0, 8), bitfieldExtract(s, 8, 8), bitfieldExtract(s, 16, 8), bitfieldExtract(s, 24, 8));
}
#endif
// The four int8 values of a little-endian word as exact floats (value c in component c) without int-to-float
// conversions, which NVIDIA runs at a quarter of the FMA rate (the B=1 int8 matvecs were bound by them: session 37,
// docs/perf/vulkan-decode.md "Vulkan int8 B=1"): q XOR 0x80 = q + 128 in [1, 255] put into the mantissa of 2^23 is the
// float 2^23 + q + 128 exactly, and subtracting 2^23 + 128 leaves q exactly. The same floats as vec4(ivec4(q)).
vec4 i8_word_f(uint u) {
    const uint v = u ^ 0x80808080u;
    return uintBitsToFloat(uvec4(v & 0xFFu, (v >> 8) & 0xFFu, (v >> 16) & 0xFFu, v >> 24) | 0x4B000000u) - 8388736.0;
}
// I8_BYTE_BUFFER / I8_BYTE(name, i): the same weights addressed by value (byte i), for element-wise staging (gemm).
#ifdef I8_STORAGE
#define I8_BYTE_BUFFER(b, Block, name) layout(std430, binding = b) restrict readonly buffer Block { int8_t name[]; }
#define I8_BYTE(name, i) int(name[i])
#else
#define I8_BYTE_BUFFER(b, Block, name) layout(std430, binding = b) restrict readonly buffer Block { uint name[]; }
#define I8_BYTE(name, i) bitfieldExtract(int(name[(i) >> 2]), int(((i) & 3u) * 8u), 8)
#endif
// v rounded to the nearest fp16 value, ties to even, as fp32 (|v| <= 65504): the value of the rows path's fp16 weight
// copies (q * scale), spelled out so that it needs no fp16 arithmetic and does not follow the device's fp32 -> fp16
// conversion mode (RTE or RTZ, implementation-defined): the copies then hold exactly this value, and a GEMM that
// forms it while staging (gemm_i8) gets the same bits.
float round_f16(float v) {
    if (abs(v) < 6.103515625e-05) return roundEven(v * 16777216.0) * 5.9604644775390625e-08;  // subnormals: 2^-24 steps
    const uint b = floatBitsToUint(v);
    return uintBitsToFloat((b + 0xFFFu + ((b >> 13) & 1u)) & ~0x1FFFu);  // 10 fraction bits, ties to even
}
