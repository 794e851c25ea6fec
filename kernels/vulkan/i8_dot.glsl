// int8 matvec chunks by the integer dot product (SPV_KHR_integer_dot_product's OpSDotKHR on 4 x 8-bit packed words:
// NVIDIA's IDP4A), for matvec_wide_i8_dot[_sg].comp (#define I8_DOT; host: engine/src/vulkan/matvec.cpp; the device
// needs VK_KHR_shader_integer_dot_product, Caps::int_dot). Needs GL_EXT_spirv_intrinsics (Debian 12's glslang has no
// GL_EXT_integer_dot_product).
//
// A thread quantizes its 16-column x chunk once and reuses it for every row of its workgroup: m = max |x| of the 16,
// s = m / 32512, xq = round(x / s) in [-32512, 32512] (an int16; error <= 0.5 s = 0.5 / 32512 of m per element), split
// as xq = 256 hi + lo with hi = floor((xq + 128) / 256) in [-127, 127] and lo in [-128, 127], both int8, packed 4 to a
// word like the weights (column c of the chunk in byte c % 4 of word c / 4). A row's chunk is then 4 words x 2 sdot4x8
// into int32 sums, exact (|dot_hi| <= 16 * 127 * 127, |dot_lo| <= 16 * 128 * 127, both < 2^22), and adds
// (256 dot_hi + dot_lo) s in fp32 (the row's scale multiplies the row's sum later, as in the word path).
// No int <-> float conversions (NVIDIA issues those at a quarter of the FMA rate): fma(x, 32512 / m, 1.5 * 2^23) holds
// xq in its low 22 bits (two's complement, so the low byte is lo's), and the sums start at the bits of 1.5 * 2^23 so
// that their float minus 1.5 * 2^23 is the sum exactly. A chunk with m < 1e-30 (zeros included) quantizes to 0 and
// adds 0: 32512 / m would overflow below ~1e-34, and such a chunk's share of a sum with any ordinary chunk is below
// fp32's resolution (an x whose every chunk is that small gives 0). An infinite x gives NaN (s = inf times a zero sum);
// a NaN in x propagates only where the device's max() returns NaN (Vulkan promises neither; CUDA's int16 x, common.cuh
// xq16_scale, uses max.NaN and a power-of-two scale instead of the division).
#extension GL_EXT_spirv_intrinsics : require

// OpSDotKHR (4450), capabilities DotProductKHR (6019) and DotProductInput4x8BitPackedKHR (6018); fmt 0 =
// PackedVectorFormat4x8Bit: the signed bytes of a and b multiplied pairwise and summed into an int.
spirv_instruction(extensions = ["SPV_KHR_integer_dot_product"], capabilities = [6019, 6018], id = 4450)
int sdot4x8(uint a, uint b, spirv_literal int fmt);

#include "i8_xquant.glsl"
const int kXqMagicBits = 0x4B400000;  // the bits of kXqMagic

// acc + (16 int8 weights of one row, 4 little-endian words) . (the chunk's x), in the chunk's scale.
float dot_chunk(uvec4 w, XChunk c, float acc) {
    int dh = kXqMagicBits, dl = kXqMagicBits;
    [[unroll]] for (int e = 0; e < 4; ++e) {
        dh += sdot4x8(w[e], c.hi[e], 0);
        dl += sdot4x8(w[e], c.lo[e], 0);
    }
    return fma(intBitsToFloat(dh) - kXqMagic, c.s256, fma(intBitsToFloat(dl) - kXqMagic, c.s, acc));
}
