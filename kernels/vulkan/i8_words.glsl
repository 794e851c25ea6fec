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
