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
// HOIST = 1 (the host's default; RWKV_VK_LNMIX_FORM=0 turns it off): where a workgroup's slice has at most PER
// columns per thread, every load of the workgroup (row info, the row, the slice's columns, LayerNorm weight / bias,
// mix factors, and the shift vectors once the row info is in) is issued before the statistics are reduced, so the
// stage waits on about one memory round trip instead of one per 256-column pass (B=64 decode: 4 passes). H200 7.2B
// B=64: att.ln1+mix 796 -> 366 µs, ffn.ln2+mix 889 -> 533 µs per step (docs/perf/vulkan-batched.md "Rows path
// v18"); 123 registers instead of 64, harmless at 256 workgroups.
layout(constant_id = 1) const uint HOIST = 0;
#define PER 4

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

// The statistics a row's token shift needs besides its own: the previous row's (st_prev, when r is not its sequence's
// first row) or, for a first row of a sequence with more rows, its last row's (st_last at row_last, whose z replaces
// the shift vector in the state). Zeros where not needed; row_last = r then.
void neighbour_stats(uint r, uint seq, bool first, bool last, out vec2 st_prev, out vec2 st_last, out uint row_last) {
    st_prev = vec2(0.0);
    st_last = vec2(0.0);
    row_last = r;
    if (!first) st_prev = ln_stats(r - 1u);
    if (first && !last) {
        row_last = io[2u * pc.Rc + seq] + io[2u * pc.Rc + pc.Sc + seq] - 1u;
        st_last = ln_stats(row_last);
    }
}

// A padding row's mixes at element `rc` (= r * C + c) of each mix block: zeros (the GEMMs multiply padding rows too;
// fp16 leftovers of other data could be Inf / NaN).
void zero_mixes(uint rc) {
    [[unroll]] for (uint m = 0; m < 6; ++m) {
        if (m >= pc.n_mix) break;
        const uint o = pc.out_off + m * pc.out_stride + rc;
        if (OUT_H == 1u)
            act_h[o] = float16_t(0.0);
        else
            act[o] = 0.0;
    }
}

// The HOIST = 1 form of main() (same values, same rounding: the statistics in row_ln_stats' order).
void main_hoisted() {
    const uint t = gl_LocalInvocationID.x, C = pc.C, r = gl_WorkGroupID.x;
    const uint c0 = gl_WorkGroupID.y * pc.width, c1 = min(C, c0 + pc.width);
    const uint info = io[pc.Rc + r];
    float lw[PER], lb[PER], mu[PER][6], xc[PER];
    [[unroll]] for (uint u = 0; u < PER; ++u) {
        const uint c = c0 + t + u * WG;
        const bool inside = c < c1;
        xc[u] = inside ? act[pc.in_off + r * C + c] : 0.0;  // also in xv, but at a runtime index there
        lw[u] = inside ? params[pc.ln_idx * C + c] : 0.0;
        lb[u] = inside ? params[(pc.ln_idx + 1u) * C + c] : 0.0;
        [[unroll]] for (uint m = 0; m < 6; ++m) mu[u][m] = inside && m < pc.n_mix ? params[(pc.mix_idx + m) * C + c] : 0.0;
    }
    float xv[MAXPT];
    float s = 0.0;
    [[unroll]] for (uint u = 0; u < MAXPT; ++u) {
        const uint i = t + u * WG;
        xv[u] = i < C ? act[pc.in_off + r * C + i] : 0.0;
    }
    const uint seq = ROW_SEQ(info);
    if (seq == PAD_ROW) {  // uniform per workgroup
        [[unroll]] for (uint u = 0; u < PER; ++u) {
            const uint c = c0 + t + u * WG;
            if (c >= c1) break;
            zero_mixes(r * C + c);
        }
        return;
    }
    const bool first = ROW_FIRST(info) == 1u, last = ROW_LAST(info) == 1u;
    STATE_OPEN(seq);
    float prev[PER];
    if (first) {
        [[unroll]] for (uint u = 0; u < PER; ++u) {
            const uint c = c0 + t + u * WG;
            prev[u] = c < c1 ? STATE(st_base + pc.state_base + c) : 0.0;
        }
    }
    [[unroll]] for (uint u = 0; u < MAXPT; ++u) s += xv[u];
    const float mean = wg_sum(s) / float(C);
    float q = 0.0;
    [[unroll]] for (uint u = 0; u < MAXPT; ++u) {
        const float d = xv[u] - mean;
        q += t + u * WG < C ? d * d : 0.0;
    }
    const vec2 stat = vec2(mean, inversesqrt(wg_sum(q) / float(C) + pc.eps));
    vec2 st_prev, st_last;
    uint row_last;
    neighbour_stats(r, seq, first, last, st_prev, st_last, row_last);
    [[unroll]] for (uint u = 0; u < PER; ++u) {
        const uint c = c0 + t + u * WG;
        if (c >= c1) break;
        const float z = (xc[u] - stat.x) * stat.y * lw[u] + lb[u];
        float pv;
        if (first) {
            pv = prev[u];
            STATE(st_base + pc.state_base + c) = last ? z : ln_z(row_last, st_last, c, lw[u], lb[u]);
        } else {
            pv = ln_z(r - 1u, st_prev, c, lw[u], lb[u]);
        }
        const float d = pv - z;
        [[unroll]] for (uint m = 0; m < 6; ++m) {
            if (m >= pc.n_mix) break;
            const float v = z + d * mu[u][m];
            const uint o = pc.out_off + m * pc.out_stride + r * C + c;
            if (OUT_H == 1u)
                act_h[o] = float16_t(v);
            else
                act[o] = v;
        }
    }
}

void main() {
    if (HOIST == 1u && pc.width <= PER * WG) {  // uniform
        main_hoisted();
        return;
    }
    const uint t = gl_LocalInvocationID.x, C = pc.C, r = gl_WorkGroupID.x;
    const uint info = io[pc.Rc + r];
    const uint seq = ROW_SEQ(info);
    const uint c0 = gl_WorkGroupID.y * pc.width, c1 = min(C, c0 + pc.width);
    if (seq == PAD_ROW) {  // uniform per workgroup
        for (uint c = c0 + t; c < c1; c += WG) zero_mixes(r * C + c);
        return;
    }
    const bool first = ROW_FIRST(info) == 1u, last = ROW_LAST(info) == 1u;
    const vec2 stat = ln_stats(r);
    vec2 st_prev, st_last;
    uint row_last;
    neighbour_stats(r, seq, first, last, st_prev, st_last, row_last);
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
