// Body of matvec_wide.comp / matvec_wide_sg.comp (the _sg file defines USE_SUBGROUP first).
// y[row] (+)= act_out(W[row] . x) for one row piece of an fp16 matrix W [rows, cols] ([out, in] row-major), fp32
// accumulation. A workgroup of WG threads owns ROWS consecutive rows and splits the columns among all its threads:
// thread t reads 8 columns at a time (one 16-byte load per row; VEC8 = false: 4 columns, 8 bytes, for
// cols % 8 != 0), keeps the x chunk in registers for all ROWS rows, and the ROWS partial sums meet in shared memory
// (USE_SUBGROUP: subgroupAdd first, then one value per subgroup; correct for any subgroup size and for partially
// filled subgroups, since every invocation belongs to exactly one subgroup).
// act_out (0 none, 1 relu², FFN key), accumulate and mask_mode (FFN key: the bitmask of non-zero rows): the per-row
// finish, matvec_rows_out.glsl.
// int8 models (#define I8: matvec_wide_i8[_sg].comp as uint words, matvec_wide_i8[_sg]_s8.comp through 8-bit
// storage; bit-identical): a 16-byte load holds 16 int8 columns (VEC8 true: cols % 16 == 0, read as uint words in
// both variants and unpacked by i8_word_f; else one 4-byte word of 4 columns), summed as q * x in fp32 and
// multiplied by the row's scale (binding 4) once, before act_out. I8_DOT (matvec_wide_i8_dot[_sg].comp, uint words
// only): the 16-column chunks by the integer dot product instead, x quantized per chunk (i8_dot.glsl); the 4-column
// words of cols % 16 != 0 as in I8. I8_XQ (matvec_wide_i8_dot_xq[_sg].comp, RWKV_VK_I8_XQ; VEC8 only): x's chunks
// already quantized by the kernel that wrote x (token_mix_xq, wkv7_xq: XQ_VEC4S uvec4 a chunk, i8_xquant.glsl) are
// loaded instead of quantized by every workgroup again; the same bits, so the same sums.
// Host: engine/src/vulkan/matvec.cpp.
layout(constant_id = 0) const uint WG = 256;
layout(constant_id = 1) const uint ROWS = 8;   // divides WG
layout(constant_id = 2) const bool VEC8 = true;
layout(constant_id = 3) const uint UNROLL = 1;  // column chunks per thread per loop iteration (1 or 2; VEC8 only)
layout(local_size_x_id = 0) in;

#ifdef I8
#include "i8_words.glsl"
#ifdef I8_DOT
#include "i8_dot.glsl"
#endif
layout(std430, binding = 4) restrict readonly buffer Scales { float scales[]; };
// VEC8: 16-byte loads of 4 words, unpacked to floats by i8_word_f in both variants (no int-to-float conversions).
layout(std430, binding = 0) readonly buffer WQ16 { uvec4 wq16[]; };  // [rows, cols/16] when VEC8
#define RAW16 uvec4
#define LOAD16(i) wq16[i]
#define UNPACK16(raw, e) i8_word_f(raw[e])
#ifdef I8_STORAGE
layout(std430, binding = 0) readonly buffer WQ { i8vec4 wq[]; };  // [rows, cols/4] words otherwise
#define LOAD4(i) ivec4(wq[i])
#else
layout(std430, binding = 0) readonly buffer WQ4 { uint wq4[]; };     // [rows, cols/4] otherwise
#define LOAD4(i) unpack_i8(wq4[i])
#endif
#else
layout(std430, binding = 0) readonly buffer W8 { uvec4 w8[]; };  // [rows, cols/8] when VEC8
layout(std430, binding = 0) readonly buffer W4 { uvec2 w4[]; };  // [rows, cols/4] otherwise
#endif
layout(std430, binding = 1) readonly buffer X { vec4 x4[]; };
#ifdef I8_XQ
layout(std430, binding = 1) readonly buffer XQ { uvec4 xq4[]; };  // I8_XQ: in_off / 4 = the first chunk's uvec4
#endif
layout(std430, binding = 2) buffer Y { float y[]; };
layout(std430, binding = 3) buffer Mask { uint mask[]; };

layout(push_constant) uniform Push {
    uint rows;
    uint cols;        // multiple of 4 (of 8 when VEC8)
    uint in_off;      // x at x4[in_off / 4 ..], in_off a multiple of 4
    uint out_off;     // y[out_off + row]
    uint act_out;
    uint accumulate;  // 1: y += result
    uint grid_x;      // workgroups along x (workgroups are spread over x and y)
    uint mask_off;
    uint mask_mode;
    uint row_base;    // index of this piece's first row in the whole matrix (mask bits)
    uint scale_off;   // I8: scale of the piece's row r at scales[scale_off + r]
} pc;

#include "matvec_rows_out.glsl"

shared float part[ROWS * WG];

void main() {
    const uint t = gl_LocalInvocationID.x;
    const uint row0 = (gl_WorkGroupID.y * pc.grid_x + gl_WorkGroupID.x) * ROWS;
    float acc[ROWS];
    [[unroll]] for (uint r = 0; r < ROWS; ++r) acc[r] = 0.0;
    const uint last = pc.rows - 1;  // rows past the end re-read the last row (no divergent branches in the loop)
#ifdef I8
    if (VEC8) {  // 16 columns per chunk: one 16-byte load per row, 4 x vectors
        const uint c16 = pc.cols / 16, xb = pc.in_off / 4;
        for (uint i0 = t; i0 < c16; i0 += WG * UNROLL) {
            uint ci[UNROLL];
#ifdef I8_XQ
            // The chunks as token_mix_xq / wkv7_xq stored them (quantize_x16 of the same floats); past the row's
            // end the chunk of zeros (hi = lo = 0, s = 0), as quantize_x16 makes it.
            XChunk xc[UNROLL];
            [[unroll]] for (uint u = 0; u < UNROLL; ++u) {
                const uint i = i0 + u * WG;
                ci[u] = i < c16 ? i : i0;
                const uint b = xb + XQ_VEC4S * i;
                xc[u] = i < c16 ? xq_chunk(xq4[b], xq4[b + 1], xq4[b + 2]) : XChunk(uvec4(0u), uvec4(0u), 0.0, 0.0);
            }
#else
            vec4 xv[UNROLL * 4];
            [[unroll]] for (uint u = 0; u < UNROLL; ++u) {
                const uint i = i0 + u * WG;
                ci[u] = i < c16 ? i : i0;
                [[unroll]] for (uint e = 0; e < 4; ++e) xv[u * 4 + e] = i < c16 ? x4[xb + 4 * i + e] : vec4(0.0);
            }
#endif
            RAW16 q[ROWS * UNROLL];
            [[unroll]] for (uint u = 0; u < UNROLL; ++u) {
                [[unroll]] for (uint r = 0; r < ROWS; ++r) q[u * ROWS + r] = LOAD16(min(row0 + r, last) * c16 + ci[u]);
            }
#ifdef I8_DOT
            [[unroll]] for (uint u = 0; u < UNROLL; ++u) {
#ifdef I8_XQ
                [[unroll]] for (uint r = 0; r < ROWS; ++r) acc[r] = dot_chunk(q[u * ROWS + r], xc[u], acc[r]);
#else
                const XChunk xc = quantize_x16(xv[u * 4], xv[u * 4 + 1], xv[u * 4 + 2], xv[u * 4 + 3]);
                [[unroll]] for (uint r = 0; r < ROWS; ++r) acc[r] = dot_chunk(q[u * ROWS + r], xc, acc[r]);
#endif
            }
#else
            [[unroll]] for (uint u = 0; u < UNROLL; ++u) {
                [[unroll]] for (uint r = 0; r < ROWS; ++r) {
                    acc[r] += dot(vec4(UNPACK16(q[u * ROWS + r], 0)), xv[u * 4]) +
                              dot(vec4(UNPACK16(q[u * ROWS + r], 1)), xv[u * 4 + 1]) +
                              dot(vec4(UNPACK16(q[u * ROWS + r], 2)), xv[u * 4 + 2]) +
                              dot(vec4(UNPACK16(q[u * ROWS + r], 3)), xv[u * 4 + 3]);
                }
            }
#endif
        }
    } else {
        const uint c4 = pc.cols / 4, xb = pc.in_off / 4;
        for (uint i = t; i < c4; i += WG) {
            const vec4 xa = x4[xb + i];
            [[unroll]] for (uint r = 0; r < ROWS; ++r) acc[r] += dot(vec4(LOAD4(min(row0 + r, last) * c4 + i)), xa);
        }
    }
#else
    if (VEC8) {
        const uint c8 = pc.cols / 8, xb = pc.in_off / 4;
        for (uint i0 = t; i0 < c8; i0 += WG * UNROLL) {
            // UNROLL chunks (i0, i0 + WG, ...) at once: ROWS * UNROLL 16-byte loads in flight; a chunk past the end
            // re-reads chunk i0 with x = 0.
            vec4 xa[UNROLL], xb4[UNROLL];
            uint ci[UNROLL];
            [[unroll]] for (uint u = 0; u < UNROLL; ++u) {
                const uint i = i0 + u * WG;
                ci[u] = i < c8 ? i : i0;
                xa[u] = i < c8 ? x4[xb + 2 * i] : vec4(0.0);
                xb4[u] = i < c8 ? x4[xb + 2 * i + 1] : vec4(0.0);
            }
            uvec4 q[ROWS * UNROLL];
            [[unroll]] for (uint u = 0; u < UNROLL; ++u) {
                [[unroll]] for (uint r = 0; r < ROWS; ++r) q[u * ROWS + r] = w8[min(row0 + r, last) * c8 + ci[u]];
            }
            [[unroll]] for (uint u = 0; u < UNROLL; ++u) {
                [[unroll]] for (uint r = 0; r < ROWS; ++r) {
                    const uvec4 w = q[u * ROWS + r];
                    acc[r] += dot(vec4(unpackHalf2x16(w.x), unpackHalf2x16(w.y)), xa[u]) +
                              dot(vec4(unpackHalf2x16(w.z), unpackHalf2x16(w.w)), xb4[u]);
                }
            }
        }
    } else {
        const uint c4 = pc.cols / 4, xb = pc.in_off / 4;
        for (uint i = t; i < c4; i += WG) {
            const vec4 xa = x4[xb + i];
            [[unroll]] for (uint r = 0; r < ROWS; ++r) {
                const uvec2 q = w4[min(row0 + r, last) * c4 + i];
                acc[r] += dot(vec4(unpackHalf2x16(q.x), unpackHalf2x16(q.y)), xa);
            }
        }
    }
#endif

    float s = 0.0;
#ifdef USE_SUBGROUP
    [[unroll]] for (uint r = 0; r < ROWS; ++r) {
        const float v = subgroupAdd(acc[r]);
        if (subgroupElect()) part[r * WG + gl_SubgroupID] = v;
    }
    barrier();
    if (t < ROWS) {
        for (uint g = 0; g < gl_NumSubgroups; ++g) s += part[t * WG + g];
    }
#else
    // Deterministic for any subgroup size: thread t adds ROWS strided partials of row t / P, then a tree over
    // the P = WG / ROWS threads of each row.
    [[unroll]] for (uint r = 0; r < ROWS; ++r) part[r * WG + t] = acc[r];
    barrier();
    const uint P = WG / ROWS, rr = t / P, seg = t % P;
    float v = 0.0;
    for (uint i = 0; i < ROWS; ++i) v += part[rr * WG + seg + P * i];
    barrier();
    part[t] = v;
    barrier();
    for (uint st = P / 2; st > 0; st >>= 1) {
        if (seg < st) part[t] += part[t + st];
        barrier();
    }
    if (t < ROWS) s = part[t * P];
#endif
    const uint row = row0 + t;
    if (t < ROWS && row < pc.rows) {
#ifdef I8
        s *= scales[pc.scale_off + row];
#endif
        matvec_row_out(row, s);
    }
}
