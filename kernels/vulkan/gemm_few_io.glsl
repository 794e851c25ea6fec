// The buffers, push constants and shared tiles of the few-rows tensor-core GEMMs (gemm_few.glsl, gemm_few_ws.glsl),
// one copy so that the two cannot drift apart. Include after the spec constants and BM, BN, BK, AS, BS_T; X_FP32
// (gemm_few.glsl) also declares X as fp32 rows (x4), read unless the spec constant XH is 1. W is fp16 (w4) or, with
// I8, int8 words and one scale per stored row (gemm_i8_stage.glsl); W_UNIT / W_STAGE load and stage a 16-byte unit
// of either.
#ifdef I8
#include "gemm_i8_stage.glsl"
#else
layout(std430, binding = 0) restrict readonly buffer Weight { uvec4 w4[]; };
#define W_UNIT(i, s) w4[(i) / 8u]
#define W_STAGE(v) (v)
#endif
#ifdef X_FP32
layout(std430, binding = 1) readonly buffer In { vec4 x4[]; };
#endif
layout(std430, binding = 1) readonly buffer InH { uvec4 xh8[]; };
layout(std430, binding = 2) buffer Out { float y[]; };
layout(std430, binding = 2) buffer OutH { float16_t yh[]; };
layout(std430, binding = 3) coherent buffer Part { float part[]; };      // [splits][M][N] raw sums
layout(std430, binding = 4) coherent buffer Tickets { uint tickets[]; };  // one per column tile, 0 between dispatches
layout(std430, binding = 3) coherent buffer Part4 { vec4 part4[]; };

layout(push_constant) uniform Push {
    uint M, N, K;
    uint x_off, x_stride;  // floats, halves with fp16 X (multiples of 8)
    uint y_off, y_stride;  // Y[m][n] at y[y_off + m * y_stride + n]
    uint act, accumulate;
    uint splits, kchunk;   // K splits and the depth of each (multiple of BK)
    uint part_off, ticket_off;
#ifdef I8
    uint scale_off;        // scale of stored row r (n, or k with TRANS) at scales[scale_off + r]
#endif
} pc;

shared uvec4 xs[BM * AS];
shared uvec4 ws[(TRANS == 0u) ? BN * AS : BK * BS_T];
shared uint s_last;
