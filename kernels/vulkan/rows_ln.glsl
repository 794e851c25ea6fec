// Body of rows_ln.comp / rows_ln_bda.comp: LayerNorm of the rows path, one workgroup per row (spec §3.4.2, §3.5,
// ln0, ln_out), fp32, two-pass statistics with a shared-memory tree (any subgroup size):
//   mode 0 (before a token shift): z of row r goes to zp row r + seq + 1, and the first row of a sequence also
//          copies the sequence's shift vector from the state into zp row r + seq, so that rows_mix.comp finds the
//          previous token's z of every row at zp row r + seq (the state is only read here, written by rows_mix);
//   mode 1: out row r = z (ln0);
//   mode 2: out row s = z of the last row of sequence s (ln_out before the head; workgroup = sequence).
// Host: engine/src/vulkan/rows_ln.cpp.
#define WG 256
layout(local_size_x = WG) in;
#include "reduce.glsl"
#include "rows_common.glsl"

layout(std430, binding = 0) buffer Act { float act[]; };
layout(std430, binding = 1) restrict readonly buffer Params { float params[]; };
layout(std430, binding = 3) restrict readonly buffer Io { uint io[]; };

layout(push_constant) uniform Push {
    uint C, Rc, Sc, mode;
    uint in_off, out_off, ln_idx;
    float eps;
    uint state_base;  // floats: the shift vector of sequence s at state[s * seq_stride + state_base]
    uint seq_stride;
} pc;

#define STATE_T float
#define STATE_QUAL restrict readonly
#define STATE_UNIT 1u
#include "rows_state.glsl"

#define MAXPT 32  // C <= MAXPT * WG

void main() {
    const uint t = gl_LocalInvocationID.x, C = pc.C, g = gl_WorkGroupID.x;
    uint row = g, info = 0u;
    if (pc.mode == 2u) {
        const uint n = io[2u * pc.Rc + pc.Sc + g];
        row = n == 0u ? 0u : io[2u * pc.Rc + g] + n - 1u;
    } else if (pc.mode == 0u) {
        info = io[pc.Rc + g];
        if (ROW_SEQ(info) == PAD_ROW) return;  // uniform per workgroup
    }
    float xv[MAXPT];
    float s = 0.0;
    [[unroll]] for (uint u = 0; u < MAXPT; ++u) {
        const uint i = t + u * WG;
        xv[u] = i < C ? act[pc.in_off + row * C + i] : 0.0;
        s += xv[u];
    }
    const float mean = wg_sum(s) / float(C);
    float q = 0.0;
    [[unroll]] for (uint u = 0; u < MAXPT; ++u) {
        const float d = xv[u] - mean;
        q += t + u * WG < C ? d * d : 0.0;
    }
    const float inv = inversesqrt(wg_sum(q) / float(C) + pc.eps);
    uint out_row = g;
    if (pc.mode == 0u) {
        const uint seq = ROW_SEQ(info);
        out_row = g + seq + 1u;
        if (ROW_FIRST(info) == 1u) {
            STATE_OPEN(seq);
            for (uint i = t; i < C; i += WG) act[pc.out_off + (g + seq) * C + i] = STATE(st_base + pc.state_base + i);
        }
    }
    [[unroll]] for (uint u = 0; u < MAXPT; ++u) {
        const uint i = t + u * WG;
        if (i < C) act[pc.out_off + out_row * C + i] = (xv[u] - mean) * inv * params[pc.ln_idx * C + i] + params[(pc.ln_idx + 1) * C + i];
    }
}
