// Body of rows_lnmix.comp / rows_lnmix_bda.comp: LayerNorm + token shift of the rows path in one stage (spec §3.4.2,
// §3.4.3, §3.5), fp32 statistics as rows_ln.glsl (two-pass, the same summation order). Grid (R, slices): workgroup
// (r, s) computes the statistics of row r (and of the rows it needs below; each row is 16 KB at C = 4096, re-read
// from L2) and writes columns [s * width, (s + 1) * width) of the n_mix outputs
//   out_m[r] = z_r + (prev - z_r) * mu_m,  z = LN(x; params[ln_idx], params[ln_idx + 1]), mu_m = params[mix_idx + m],
// prev = z of the previous row of the sequence, or the sequence's shift vector from the state for its first row.
// Only the first row's workgroups touch the state: they read the shift vector and then write z of the sequence's
// last row over it (same thread, same column: no race with other workgroups). OUT_H = 1: the outputs are fp16
// (out_off, out_stride in halves; read by gemm_few as X). Padding rows get zeros.
// Each thread loads its column's LayerNorm weight, bias and mix factors before it stores any output, so the loads
// are in flight together (H200 7.2B prefill: att.ln1+mix 3.03 -> 1.88 ms, docs/perf/vulkan-rows.md "v14").
// Host: engine/src/vulkan/rows_lnmix.cpp.
#define WG 256
layout(local_size_x = WG) in;
#include "reduce.glsl"
#include "rows_common.glsl"

layout(constant_id = 0) const uint OUT_H = 0;

layout(std430, binding = 0) buffer Act { float act[]; };
layout(std430, binding = 0) buffer ActH { float16_t act_h[]; };
layout(std430, binding = 1) restrict readonly buffer Params { float params[]; };
layout(std430, binding = 3) restrict readonly buffer Io { uint io[]; };

layout(push_constant) uniform Push {
    uint C, Rc, Sc, n_mix;
    uint in_off, out_off, out_stride, ln_idx;  // out_m row r at out_off + m * out_stride + r * C
    uint mix_idx, width;                        // columns per workgroup (grid y = ceil(C / width))
    float eps;
    uint state_base;  // floats: the shift vector of sequence s at state[s * seq_stride + state_base]
    uint seq_stride;
} pc;

#define STATE_T float
#define STATE_QUAL restrict
#define STATE_UNIT 1u
#include "rows_state.glsl"

#define MAXPT 32  // C <= MAXPT * WG

#include "ln_stats.glsl"

// Mean and 1 / sqrt(var + eps) of row `row` (uniform: contains barriers).
vec2 ln_stats(uint row) {
    float xv[MAXPT];
    return row_ln_stats(row, xv);
}

// z of row `row` in column i: the same expression for every row (one rounding sequence).
float ln_z(uint row, vec2 st, uint i, float lw, float lb) {
    return (act[pc.in_off + row * pc.C + i] - st.x) * st.y * lw + lb;
}

void main() {
    const uint t = gl_LocalInvocationID.x, C = pc.C, r = gl_WorkGroupID.x;
    const uint info = io[pc.Rc + r];
    const uint seq = ROW_SEQ(info);
    const uint c0 = gl_WorkGroupID.y * pc.width, c1 = min(C, c0 + pc.width);
    if (seq == PAD_ROW) {  // uniform per workgroup: zeros (the GEMMs multiply padding rows too; fp16 leftovers of
        for (uint c = c0 + t; c < c1; c += WG) {  // other data could be Inf / NaN)
            [[unroll]] for (uint m = 0; m < 6; ++m) {
                if (m >= pc.n_mix) break;
                const uint o = pc.out_off + m * pc.out_stride + r * C + c;
                if (OUT_H == 1u)
                    act_h[o] = float16_t(0.0);
                else
                    act[o] = 0.0;
            }
        }
        return;
    }
    const bool first = ROW_FIRST(info) == 1u, last = ROW_LAST(info) == 1u;
    const vec2 stat = ln_stats(r);
    vec2 st_prev = vec2(0.0), st_last = vec2(0.0);
    uint row_last = r;
    if (!first) st_prev = ln_stats(r - 1u);
    if (first && !last) {
        row_last = io[2u * pc.Rc + seq] + io[2u * pc.Rc + pc.Sc + seq] - 1u;
        st_last = ln_stats(row_last);
    }
    STATE_OPEN(seq);
    for (uint c = c0 + t; c < c1; c += WG) {
        const float lw = params[pc.ln_idx * C + c], lb = params[(pc.ln_idx + 1u) * C + c];
        float mu[6];
        [[unroll]] for (uint m = 0; m < 6; ++m) mu[m] = m < pc.n_mix ? params[(pc.mix_idx + m) * C + c] : 0.0;
        const float z = ln_z(r, stat, c, lw, lb);
        float prev;
        if (first) {
            prev = STATE(st_base + pc.state_base + c);
            STATE(st_base + pc.state_base + c) = last ? z : ln_z(row_last, st_last, c, lw, lb);
        } else {
            prev = ln_z(r - 1u, st_prev, c, lw, lb);
        }
        const float d = prev - z;
        [[unroll]] for (uint m = 0; m < 6; ++m) {
            if (m >= pc.n_mix) break;
            const float v = z + d * mu[m];
            const uint o = pc.out_off + m * pc.out_stride + r * C + c;
            if (OUT_H == 1u)
                act_h[o] = float16_t(v);
            else
                act[o] = v;
        }
    }
}
