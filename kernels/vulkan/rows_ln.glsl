// Body of rows_ln.comp: LayerNorm of the rows path, one workgroup per row (spec §3.5 ln0, ln_out), fp32, two-pass
// statistics with a shared-memory tree (any subgroup size); the LayerNorms before the token shifts run in
// rows_lnmix.glsl:
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
    uint state_base, seq_stride;  // unused (the state is rows_lnmix's)
} pc;

#define MAXPT 32  // C <= MAXPT * WG
#include "ln_stats.glsl"

void main() {
    const uint t = gl_LocalInvocationID.x, C = pc.C, g = gl_WorkGroupID.x;
    uint row = g;
    if (pc.mode == 2u) {
        const uint n = io[2u * pc.Rc + pc.Sc + g];
        row = n == 0u ? 0u : io[2u * pc.Rc + g] + n - 1u;
    }
    float xv[MAXPT];
    const vec2 st = row_ln_stats(row, xv);
    const float mean = st.x, inv = st.y;
    const uint out_row = g;
    [[unroll]] for (uint u = 0; u < MAXPT; ++u) {
        const uint i = t + u * WG;
        if (i < C) act[pc.out_off + out_row * C + i] = (xv[u] - mean) * inv * params[pc.ln_idx * C + i] + params[(pc.ln_idx + 1) * C + i];
    }
}
