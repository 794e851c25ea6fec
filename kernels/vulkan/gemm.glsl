// Tiled GEMM of the rows path (chunked prefill, batched decode): Y[m][n] (+)= act(sum_k X[m][k] * W[n][k]) for
// m < M rows of fp32 activations and one row piece of an fp16 matrix W [N, K] ([out, in] row-major); with
// TRANS = 1 the piece is Wt [K, N] (ffn.value stored transposed) and X's columns start at k_base. fp32
// accumulation. A 256-thread workgroup computes a 64 x 64 tile of Y through 16-deep shared-memory tiles of X and
// W; thread (ty, tx) = (t / 16, t % 16) owns rows ty + 16i and columns tx + 16j (i, j < 4). Only barriers and
// shared memory: correct for any subgroup size, and each row's sum runs over k in the same order whatever M is.
// act: 0 none, 1 relu² (FFN key), 2 tanh (LoRA w), 3 sigmoid (LoRA g). A matrix split along K (transposed pieces)
// chains its pieces through `part` (chain bit 0: start from the stored sums, bit 1: store the sums and write no
// output), so the split sum is bit-identical to the unsplit one. Host: engine/src/vulkan/gemm.cpp.
// int8 models (#define I8: gemm_i8.comp with uint words, gemm_i8_s8.comp with 8-bit storage): W holds int8 values
// with one fp32 scale per stored row (binding 4), staged as round_f16(q * scale) — the values dequant_i8 writes,
// so the product is bit-identical to gemm.comp on dequant_i8's copy. Body of gemm.comp, gemm_i8[_s8].comp.
layout(constant_id = 0) const uint TRANS = 0;
layout(local_size_x = 256) in;
#define BM 64
#define BN 64
#define BK 16

#ifdef I8
#include "i8_words.glsl"
I8_BYTE_BUFFER(0, Weight, w);
layout(std430, binding = 4) restrict readonly buffer Scales { float scales[]; };
// Value i of the piece, stored row r (n, or k when transposed).
#define W_AT(i, r) round_f16(float(I8_BYTE(w, i)) * scales[pc.scale_off + (r)])
#else
layout(std430, binding = 0) restrict readonly buffer Weight { float16_t w[]; };
#define W_AT(i, r) float(w[i])
#endif
layout(std430, binding = 1) readonly buffer In { float x[]; };
layout(std430, binding = 2) buffer Out { float y[]; };
layout(std430, binding = 3) buffer Part { float part[]; };  // [M, N] running sums of a chained split

layout(push_constant) uniform Push {
    uint M, N, K;      // rows of X/Y, columns of this piece's output, depth of this piece
    uint x_off, x_stride, k_base;
    uint y_off, y_stride;  // Y[m][n] at y[y_off + m * y_stride + n]
    uint act, accumulate;
    uint part_off, chain;
    uint scale_off;  // I8: scale of the piece's stored row r at scales[scale_off + r]
} pc;

shared float xs[BK][BM + 1];
shared float ws[BK][BN + 1];

#include "gemm_act.glsl"

void main() {
    const uint t = gl_LocalInvocationID.x, tx = t % 16u, ty = t / 16u;
    const uint n0 = gl_WorkGroupID.x * BN, m0 = gl_WorkGroupID.y * BM;
    float acc[4][4];
    [[unroll]] for (uint i = 0; i < 4; ++i)
        [[unroll]] for (uint j = 0; j < 4; ++j) {
            const uint gm = m0 + ty + 16u * i, gn = n0 + tx + 16u * j;
            acc[i][j] = ((pc.chain & 1u) != 0u && gm < pc.M && gn < pc.N) ? part[pc.part_off + gm * pc.N + gn] : 0.0;
        }
    for (uint k0 = 0; k0 < pc.K; k0 += BK) {
        [[unroll]] for (uint u = 0; u < 4; ++u) {
            const uint e = t + 256u * u;
            const uint row = e / BK, kk = e % BK, gm = m0 + row, gk = k0 + kk;
            xs[kk][row] = (gm < pc.M && gk < pc.K) ? x[pc.x_off + gm * pc.x_stride + pc.k_base + gk] : 0.0;
            if (TRANS == 0u) {
                const uint gn = n0 + row;
                ws[kk][row] = (gn < pc.N && gk < pc.K) ? W_AT(gn * pc.K + gk, gn) : 0.0;
            } else {
                const uint kr = e / BN, nn = e % BN, gk2 = k0 + kr, gn = n0 + nn;
                ws[kr][nn] = (gn < pc.N && gk2 < pc.K) ? W_AT(gk2 * pc.N + gn, gk2) : 0.0;
            }
        }
        barrier();
        [[unroll]] for (uint kk = 0; kk < BK; ++kk) {
            float a[4], b[4];
            [[unroll]] for (uint i = 0; i < 4; ++i) a[i] = xs[kk][ty + 16u * i];
            [[unroll]] for (uint j = 0; j < 4; ++j) b[j] = ws[kk][tx + 16u * j];
            [[unroll]] for (uint i = 0; i < 4; ++i)
                [[unroll]] for (uint j = 0; j < 4; ++j) acc[i][j] += a[i] * b[j];
        }
        barrier();
    }
    [[unroll]] for (uint i = 0; i < 4; ++i) {
        const uint gm = m0 + ty + 16u * i;
        if (gm >= pc.M) continue;
        [[unroll]] for (uint j = 0; j < 4; ++j) {
            const uint gn = n0 + tx + 16u * j;
            if (gn >= pc.N) continue;
            if ((pc.chain & 2u) != 0u) {
                part[pc.part_off + gm * pc.N + gn] = acc[i][j];
                continue;
            }
            const uint o = pc.y_off + gm * pc.y_stride + gn;
            float v = act_out(acc[i][j]);
            if (pc.accumulate == 1u) v += y[o];
            y[o] = v;
        }
    }
}
