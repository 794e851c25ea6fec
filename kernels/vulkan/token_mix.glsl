// Body of token_mix.comp / token_mix_sg.comp. LayerNorm (ln1 or ln2) fused with the token shift of spec
// §3.4.2–3 / §3.5: z = LN(x); for each of n_mix coefficient vectors mu_i: out_i = z + (shift - z) * mu_i; then
// shift = z (the state's att_x or ffn_x); with n_mix = 0 a plain LayerNorm (ln0, ln_out: out = z, in != out).
// Every workgroup computes the statistics of the whole x (C floats, read
// from cache) and then handles its own `slice` of columns, so the stage spreads over C / slice workgroups instead
// of one. It also zeroes mask[mask_off, mask_off + mask_words) (the attention mix clears its layer's FFN bitmask
// before that layer's FFN key sets bits in it). Host: engine/src/vulkan/token_mix.cpp.
layout(constant_id = 0) const uint WG = 256;
layout(local_size_x_id = 0) in;
#include "reduce.glsl"

layout(std430, binding = 0) buffer Act { float act[]; };
layout(std430, binding = 1) restrict readonly buffer Params { float params[]; };  // this layer's [19, C] vectors
layout(std430, binding = 2) restrict buffer State { float state[]; };             // this layer's state
layout(std430, binding = 3) buffer Mask { uint mask[]; };

layout(push_constant) uniform Push {
    uint C;
    uint in_off;     // x in act
    uint out_off;    // out_i at act[out_off + i*C]
    uint n_mix;
    uint ln_idx;     // params: ln weight at ln_idx, bias at ln_idx + 1, mixes from ln_idx + 2
    uint shift_off;  // shift vector in state
    float eps;
    uint slice;      // columns per workgroup
    uint mask_off;
    uint mask_words;
    uint xq_off;     // XQ: mix m's 16-column chunks quantized at act[xq_off + m * XQ_VEC4S * 4 * C / 16 ..]
    uint xq_mask;    // XQ: bit m set: mix m is quantized (the mixes an int8 dot matvec reads)
} pc;

#ifdef XQ
// token_mix_xq[_sg].comp (RWKV_VK_I8_XQ): each pass of WG columns also leaves its mixes in shared memory, and the
// pass's 16-column chunks of the mixes in xq_mask are quantized from there (quantize_x16, the same floats the act
// buffer gets) for the int8 dot matvecs (matvec_wide_i8_dot_xq), once instead of once per matvec workgroup. Needs
// C and the slice multiples of 16 (the host's check).
#include "i8_xquant.glsl"
layout(std430, binding = 0) buffer ActQ { uvec4 actq[]; };
shared float xs[6 * WG];  // [mix][column of the pass]
#endif

#define MAXPT 32  // x values each thread keeps in registers: C <= MAXPT * WG stays in registers

// Writes the mixes of column i and updates its shift; n_mix == 0: a plain LayerNorm, out = z (ln0, ln_out).
void mix_column(uint i, float xi, float lw, float lb, float sh, float mu[6], float mean, float inv) {
    const float z = (xi - mean) * inv * lw + lb;
    if (pc.n_mix == 0u) {
        act[pc.out_off + i] = z;
#ifdef XQ
        xs[gl_LocalInvocationID.x] = z;
#endif
        return;
    }
    const float d = sh - z;
    [[unroll]] for (uint m = 0; m < 6; ++m) {
        if (m < pc.n_mix) {
            const float o = z + d * mu[m];
            act[pc.out_off + m * pc.C + i] = o;
#ifdef XQ
            xs[m * WG + gl_LocalInvocationID.x] = o;
#endif
        }
    }
    state[pc.shift_off + i] = z;
}

void main() {
    const uint t = gl_LocalInvocationID.x;
    const uint C = pc.C;
    for (uint i = gl_WorkGroupID.x * WG + t; i < pc.mask_words; i += gl_NumWorkGroups.x * WG) mask[pc.mask_off + i] = 0u;
    // All loads first: x for the statistics (unrolled, predicated), and this thread's first column of the slice.
    float xv[MAXPT];
    [[unroll]] for (uint u = 0; u < MAXPT; ++u) {
        const uint i = t + u * WG;
        xv[u] = i < C ? act[pc.in_off + i] : 0.0;
    }
    const uint c0 = gl_WorkGroupID.x * pc.slice, c1 = min(C, c0 + pc.slice);
    const uint i0 = c0 + t;
    float xi = 0.0, lw = 0.0, lb = 0.0, sh = 0.0, mu[6];
    [[unroll]] for (uint m = 0; m < 6; ++m) mu[m] = 0.0;
    if (i0 < c1) {
        xi = act[pc.in_off + i0];
        lw = params[pc.ln_idx * C + i0];
        lb = params[(pc.ln_idx + 1) * C + i0];
        sh = pc.n_mix > 0u ? state[pc.shift_off + i0] : 0.0;
        [[unroll]] for (uint m = 0; m < 6; ++m) mu[m] = m < pc.n_mix ? params[(pc.ln_idx + 2 + m) * C + i0] : 0.0;
    }
    // Two-pass statistics.
    float s = 0.0;
    [[unroll]] for (uint u = 0; u < MAXPT; ++u) s += xv[u];
    for (uint i = t + MAXPT * WG; i < C; i += WG) s += act[pc.in_off + i];
    const float mean = wg_sum(s) / float(C);
    float q = 0.0;
    [[unroll]] for (uint u = 0; u < MAXPT; ++u) {
        const float d = xv[u] - mean;
        q += t + u * WG < C ? d * d : 0.0;
    }
    for (uint i = t + MAXPT * WG; i < C; i += WG) {
        const float d = act[pc.in_off + i] - mean;
        q += d * d;
    }
    const float inv = inversesqrt(wg_sum(q) / float(C) + pc.eps);
#ifdef XQ
    // The slice in passes of WG columns (a trip count the whole workgroup shares: barriers inside).
    const uint passes = (c1 - c0 + WG - 1) / WG, n_mixes = max(pc.n_mix, 1u), cpm = C / 16 * XQ_VEC4S;
    for (uint p = 0; p < passes; ++p) {
        const uint i = i0 + p * WG;
        if (p == 0u) {
            if (i < c1) mix_column(i0, xi, lw, lb, sh, mu, mean, inv);
        } else if (i < c1) {
            float mv[6];
            [[unroll]] for (uint m = 0; m < 6; ++m) mv[m] = m < pc.n_mix ? params[(pc.ln_idx + 2 + m) * C + i] : 0.0;
            mix_column(i, act[pc.in_off + i], params[pc.ln_idx * C + i], params[(pc.ln_idx + 1) * C + i],
                       pc.n_mix > 0u ? state[pc.shift_off + i] : 0.0, mv, mean, inv);
        }
        barrier();  // the pass's mixes in xs
        const uint first = c0 + p * WG, nc = (min(c1, first + WG) - first) / 16;  // chunks of this pass
        for (uint j = t; j < n_mixes * nc; j += WG) {
            const uint m = j / nc, ch = j % nc;
            if (((pc.xq_mask >> m) & 1u) == 0u) continue;
            const uint b = m * WG + ch * 16;
            const XChunk xc = quantize_x16(vec4(xs[b], xs[b + 1], xs[b + 2], xs[b + 3]),
                                           vec4(xs[b + 4], xs[b + 5], xs[b + 6], xs[b + 7]),
                                           vec4(xs[b + 8], xs[b + 9], xs[b + 10], xs[b + 11]),
                                           vec4(xs[b + 12], xs[b + 13], xs[b + 14], xs[b + 15]));
            const uint o = pc.xq_off / 4 + m * cpm + (first / 16 + ch) * XQ_VEC4S;
            actq[o] = xc.hi;
            actq[o + 1] = xc.lo;
            actq[o + 2] = xq_scales(xc);
        }
        barrier();  // xs free for the next pass
    }
#else
    if (i0 < c1) mix_column(i0, xi, lw, lb, sh, mu, mean, inv);
    for (uint i = i0 + WG; i < c1; i += WG) {
        float mv[6];
        [[unroll]] for (uint m = 0; m < 6; ++m) mv[m] = m < pc.n_mix ? params[(pc.ln_idx + 2 + m) * C + i] : 0.0;
        mix_column(i, act[pc.in_off + i], params[pc.ln_idx * C + i], params[(pc.ln_idx + 1) * C + i],
                   pc.n_mix > 0u ? state[pc.shift_off + i] : 0.0, mv, mean, inv);
    }
#endif
}
