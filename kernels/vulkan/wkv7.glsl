// Body of wkv7.comp / wkv7_sg.comp: everything of the time mix between the projections and the output matrix,
// one workgroup per head (spec §3.4.5–3.4.13): the LoRA up-projections (w2 on tanh(hw), a2, g2 on sigmoid(hg),
// v2), decay, in-context rate, removal key kk (L2-normalised per head), k modulation, value residual, the WKV-7
// state update and read-out, GroupNorm (ln_x), bonus and output gate. 256 threads: thread (m, q) = (t / 4, t % 4)
// owns columns [16q, 16q + 16) of state row m (value index) in registers, and a quarter of row c = 64h + m of
// each LoRA up matrix. fp32 state and arithmetic. Host: engine/src/vulkan/wkv7.cpp.
#define WG 256
#define MAX_LORA 2048  // Dw + Da + Dg + Dv (checked by the host)
layout(local_size_x = WG) in;
#include "reduce.glsl"

layout(std430, binding = 0) buffer Act { float act[]; };
layout(std430, binding = 1) restrict readonly buffer Params { float params[]; };  // this layer's [19, C] vectors
layout(std430, binding = 2) buffer State4 { vec4 state4[]; };            // this layer's state
// LoRA up matrices [C, D] fp16, read 8 columns per uvec4 (all D % 8 == 0) or 4 per uvec2.
layout(std430, binding = 3) restrict readonly buffer W2 { uvec2 w2[]; };
layout(std430, binding = 4) restrict readonly buffer A2 { uvec2 a2[]; };
layout(std430, binding = 5) restrict readonly buffer G2 { uvec2 g2[]; };
layout(std430, binding = 6) restrict readonly buffer V2 { uvec2 v2[]; };  // layer 0: unused
layout(std430, binding = 3) restrict readonly buffer W2q { uvec4 w2q[]; };
layout(std430, binding = 4) restrict readonly buffer A2q { uvec4 a2q[]; };
layout(std430, binding = 5) restrict readonly buffer G2q { uvec4 g2q[]; };
layout(std430, binding = 6) restrict readonly buffer V2q { uvec4 v2q[]; };

layout(push_constant) uniform Push {
    uint C;
    uint p_base;      // params: w0, a0, v0, k_k, k_a, r_k, lnx_w, lnx_b at p_base + 0..7
    uint wkv_off;     // S of head h at state[wkv_off + h*N*N], row-major [value m][key j]; multiple of 4
    uint first_layer; // 1: v_first = v (layer 0); else v += (v_first - v) * sigmoid(v0 + tv)
    uint r_off, k_off, v_off;             // projections in act
    uint hw_off, ha_off, hg_off, hv_off;  // LoRA hidden vectors in act (before their activations)
    uint vfirst_off, y_off;
    uint Dw, Da, Dg, Dv;                  // multiples of 4
    float gn_eps;
    uint vec8;                            // 1: every D is a multiple of 8
    uint xq_off;                          // XQ: y's 16-column chunks quantized at act[xq_off ..] (i8_xquant.glsl)
} pc;

#ifdef XQ
// wkv7_xq[_sg].comp (RWKV_VK_I8_XQ): the head's 64 outputs also quantized as 4 chunks (quantize_x16 of the same
// floats) for the output projection's int8 dot matvec (matvec_wide_i8_dot_xq), once instead of once per workgroup.
#include "i8_xquant.glsl"
layout(std430, binding = 0) buffer ActQ { uvec4 actq[]; };
shared float s_y[64];
#endif

shared vec4 lh4[MAX_LORA / 4];  // tanh(hw) | ha | sigmoid(hg) | hv
shared float rl[4 * WG];        // LoRA partial sums, [matrix][thread]
shared float lo[4 * 64];        // tw | ta | g | tv of the head's 64 channels
shared float s_r[64], s_w[64], s_k[64], s_kk[64], s_a[64], s_v[64];
shared float red4[WG];

float sigmoid(float v) { return 1.0 / (1.0 + exp(-v)); }
float P(uint i, uint c) { return params[(pc.p_base + i) * pc.C + c]; }
vec4 h4(uvec2 u) { return vec4(unpackHalf2x16(u.x), unpackHalf2x16(u.y)); }

// LoRA up weights of row c held in registers: lane q takes every 4th group of 8 columns (uvec4), up to
// NQ groups per matrix: D <= 4 * 8 * NQ columns (w, a, v: 128; g: 512). Wider matrices take the slow loop
// below. Issued before the first barrier, so all of them are in flight together.
#define NQ_WAV 4
#define NQ_G 16
#define LOAD_Q(REG, NQ, BUFQ, D)                                     \
    uvec4 REG[NQ];                                                   \
    {                                                                \
        const uint n = (D) / 8;                                      \
        [[unroll]] for (uint u = 0; u < NQ; ++u) {                   \
            const uint i = q + 4 * u;                                \
            REG[u] = (fast && i < n) ? BUFQ[c * n + i] : uvec4(0u);  \
        }                                                            \
    }
#define DOT_Q(ACC, REG, NQ, D, OFF)                                                                 \
    [[unroll]] for (uint u = 0; u < NQ; ++u) {                                                      \
        const uint i = q + 4 * u;                                                                   \
        if (i < (D) / 8) ACC += dot(h4(REG[u].xy), lh4[(OFF) / 4 + 2 * i]) + dot(h4(REG[u].zw), lh4[(OFF) / 4 + 2 * i + 1]); \
    }
// Any width that is a multiple of 4: one uvec2 (4 columns) at a time.
#define DOT_SLOW(ACC, BUF, D, OFF)                                            \
    for (uint i = q; i < (D) / 4; i += 4) ACC += dot(h4(BUF[c * ((D) / 4) + i]), lh4[(OFF) / 4 + i]);

// Sum of v over the 4 threads of row m (t = 4m .. 4m + 3), the same order for every thread.
float row_sum(float v, uint t) {
    red4[t] = v;
    barrier();
    const uint b = t & ~3u;
    const float s = red4[b] + red4[b + 1] + red4[b + 2] + red4[b + 3];
    barrier();
    return s;
}

void main() {
    const uint t = gl_LocalInvocationID.x, m = t >> 2, q = t & 3u;
    const uint h = gl_WorkGroupID.x, c = h * 64 + m;
    const bool first = pc.first_layer == 1u;
    const uint ow = 0, oa = pc.Dw, og = oa + pc.Da, ov = og + pc.Dg, nD = ov + (first ? 0 : pc.Dv);
    const bool fast = pc.vec8 == 1u && pc.Dw <= 32 * NQ_WAV && pc.Da <= 32 * NQ_WAV && pc.Dv <= 32 * NQ_WAV &&
                      pc.Dg <= 32 * NQ_G;

    // Every global load first: the state quarter, the LoRA up weights, the LoRA hidden values, and (t < 64) the
    // channel's projections and vectors.
    const uint base = (pc.wkv_off + c * 64 + 16 * q) / 4;
    vec4 S[4];
    [[unroll]] for (uint i = 0; i < 4; ++i) S[i] = state4[base + i];
    LOAD_Q(qw, NQ_WAV, w2q, pc.Dw)
    LOAD_Q(qa, NQ_WAV, a2q, pc.Da)
    LOAD_Q(qg, NQ_G, g2q, pc.Dg)
    LOAD_Q(qv, NQ_WAV, v2q, first ? 0u : pc.Dv)
    float raw[MAX_LORA / WG];
    [[unroll]] for (uint u = 0; u < MAX_LORA / WG; ++u) {
        const uint i = t + u * WG;
        const uint src = i < oa ? pc.hw_off + i : i < og ? pc.ha_off + i - oa : i < ov ? pc.hg_off + i - og : pc.hv_off + i - ov;
        raw[u] = i < nD ? act[src] : 0.0;
    }
    const uint cj = h * 64 + (t & 63u);
    float r = 0.0, k = 0.0, v = 0.0, vfirst = 0.0, p0 = 0.0, p1 = 0.0, p2 = 0.0, p3 = 0.0, p4 = 0.0, p5 = 0.0;
    if (t < 64) {
        r = act[pc.r_off + cj];
        k = act[pc.k_off + cj];
        v = act[pc.v_off + cj];
        vfirst = first ? 0.0 : act[pc.vfirst_off + cj];
        p0 = P(0, cj);
        p1 = P(1, cj);
        p2 = first ? 0.0 : P(2, cj);
        p3 = P(3, cj);
        p4 = P(4, cj);
        p5 = P(5, cj);
    }
    const float lnx_w = P(6, c), lnx_b = P(7, c);

    [[unroll]] for (uint u = 0; u < MAX_LORA / WG; ++u) {
        const uint i = t + u * WG;
        if (i < nD) lh4[i / 4][i % 4] = i < oa ? tanh(raw[u]) : (i >= og && i < ov) ? sigmoid(raw[u]) : raw[u];
    }
    barrier();

    // LoRA up-projections of row c.
    float pw = 0.0, pa = 0.0, pg = 0.0, pv = 0.0;
    if (fast) {
        DOT_Q(pw, qw, NQ_WAV, pc.Dw, ow)
        DOT_Q(pa, qa, NQ_WAV, pc.Da, oa)
        DOT_Q(pg, qg, NQ_G, pc.Dg, og)
        if (!first) {
            DOT_Q(pv, qv, NQ_WAV, pc.Dv, ov)
        }
    } else {
        DOT_SLOW(pw, w2, pc.Dw, ow)
        DOT_SLOW(pa, a2, pc.Da, oa)
        DOT_SLOW(pg, g2, pc.Dg, og)
        if (!first) {
            DOT_SLOW(pv, v2, pc.Dv, ov)
        }
    }
    rl[t] = pw;
    rl[WG + t] = pa;
    rl[2 * WG + t] = pg;
    rl[3 * WG + t] = pv;
    barrier();
    {
        const uint mat = t >> 6, row = t & 63u, b = mat * WG + row * 4;
        lo[mat * 64 + row] = rl[b] + rl[b + 1] + rl[b + 2] + rl[b + 3];
    }
    barrier();

    // Per channel j = t (t < 64): decay, rate, kk, modulated k, value residual, bonus term.
    float kk2 = 0.0, bonus = 0.0;
    if (t < 64) {
        const float alpha = sigmoid(p1 + lo[64 + t]);
        const float kk = k * p3;
        const float km = k * (1.0 + (alpha - 1.0) * p4);
        if (first) {
            act[pc.vfirst_off + cj] = v;
        } else {
            v += (vfirst - v) * sigmoid(p2 + lo[192 + t]);
        }
        s_r[t] = r;
        s_w[t] = exp(-0.606531 * sigmoid(p0 + lo[t]));
        s_k[t] = km;
        s_kk[t] = kk;
        s_a[t] = alpha;
        s_v[t] = v;
        kk2 = kk * kk;
        bonus = r * km * p5;
    }
    const float inv_n = 1.0 / max(sqrt(wg_sum(kk2)), 1e-12);  // wg_sum's barriers also publish s_*
    const float beta = wg_sum(bonus);

    // WKV-7: S = S diag(w) + v k^T + (S (-kk)) (kk a)^T, y = S r, on row m, columns [16q, 16q + 16).
    float sa = 0.0;
    [[unroll]] for (uint i = 0; i < 4; ++i) {
        [[unroll]] for (uint e = 0; e < 4; ++e) sa -= S[i][e] * (s_kk[16 * q + 4 * i + e] * inv_n);
    }
    sa = row_sum(sa, t);
    const float vm = s_v[m];
    float y = 0.0;
    [[unroll]] for (uint i = 0; i < 4; ++i) {
        [[unroll]] for (uint e = 0; e < 4; ++e) {
            const uint j = 16 * q + 4 * i + e;
            const float kkj = s_kk[j] * inv_n;
            const float s = S[i][e] * s_w[j] + s_k[j] * vm + sa * (kkj * s_a[j]);
            S[i][e] = s;
            y += s * s_r[j];
        }
        state4[base + i] = S[i];
    }
    y = row_sum(y, t);

    // GroupNorm over the head's 64 rows, bonus, gate.
    const float mean = wg_sum(q == 0u ? y : 0.0) / 64.0;
    const float d = y - mean;
    const float inv = inversesqrt(wg_sum(q == 0u ? d * d : 0.0) / 64.0 + pc.gn_eps);
#ifdef XQ
    if (q == 0u) {
        const float yo = (d * inv * lnx_w + lnx_b + beta * vm) * lo[128 + m];
        act[pc.y_off + c] = yo;
        s_y[m] = yo;
    }
    barrier();
    if (t < 4) {
        const uint b = 16 * t;
        const XChunk xc = quantize_x16(vec4(s_y[b], s_y[b + 1], s_y[b + 2], s_y[b + 3]),
                                       vec4(s_y[b + 4], s_y[b + 5], s_y[b + 6], s_y[b + 7]),
                                       vec4(s_y[b + 8], s_y[b + 9], s_y[b + 10], s_y[b + 11]),
                                       vec4(s_y[b + 12], s_y[b + 13], s_y[b + 14], s_y[b + 15]));
        const uint o = pc.xq_off / 4 + (h * 4 + t) * XQ_VEC4S;
        actq[o] = xc.hi;
        actq[o + 1] = xc.lo;
        actq[o + 2] = xq_scales(xc);
    }
#else
    if (q == 0u) act[pc.y_off + c] = (d * inv * lnx_w + lnx_b + beta * vm) * lo[128 + m];
#endif
}
