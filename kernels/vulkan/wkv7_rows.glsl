// Body of wkv7_rows[_sg][_bda].comp: the WKV-7 scan of the rows path (spec §3.4.5–3.4.13), one workgroup per
// (head h, sequence s) walking the sequence's rows in token order. The projections r, k, v and the LoRA
// up-projections (tw = w2·tanh(w1 x), ta = a2·(a1 x), tg = g2·sigmoid(g1 x), tv = v2·(v1 x)) come from the
// rows-path GEMMs as [R, C] blocks. Per token as wkv7.glsl: decay,
// rate, kk, k modulation, value residual (thread t < 64: channel t), state update (thread (m, q) = (t / 4, t % 4)
// keeps columns 16i + 4q + e (i, e < 4) of state row m in registers: the four threads of a row read its 64
// contiguous bytes per load, so a subgroup's loads and stores use whole 32-byte sectors), GroupNorm, bonus, gate ->
// y row. The state loads are issued before anything waits on the row tables (by address: guarded by the address,
// not the row count). Sums over a state row's four threads: subgroupShuffleXor in the _sg variants (no barrier; the
// host checks the shuffle feature and a subgroup size >= 4), else shared memory. fp32. Host:
// engine/src/vulkan/wkv7_rows.cpp; measured in docs/perf-notes.md "Rows path v7". YH = 1: the y rows are written as
// fp16 (y_off in halves) for the output GEMM on gemm_few, which rounds X to fp16 anyway ("Rows path v9").
#extension GL_EXT_shader_16bit_storage : require
#extension GL_EXT_shader_explicit_arithmetic_types_float16 : require
#define WG 256
layout(local_size_x = WG) in;
#include "rows_common.glsl"

layout(constant_id = 0) const uint YH = 0;
layout(std430, binding = 0) buffer Act { float act[]; };
layout(std430, binding = 0) buffer ActH { float16_t act_h[]; };
layout(std430, binding = 1) restrict readonly buffer Params { float params[]; };  // this layer's vectors
layout(std430, binding = 3) restrict readonly buffer Io { uint io[]; };

layout(push_constant) uniform Push {
    uint C, Rc, Sc, p_base, first_layer;
    uint r_off, k_off, v_off, tw_off, ta_off, tg_off, tv_off, vfirst_off, y_off;  // [R, C] blocks in act
    uint state_base;  // floats: S of head h of sequence s at state[s * seq_stride + state_base + h*64*64]
    uint seq_stride;  // floats, multiple of 4
    float gn_eps;
} pc;

#ifdef WKV_STATE_F16
#define STATE_T f16vec4
#define STATE_ALIGN 8
#else
#define STATE_T vec4
#endif
#define STATE_QUAL
#define STATE_UNIT 4u
#include "rows_state.glsl"  // the state: bound working buffer, or by address (*_bda.comp)

#ifdef WKV_STATE_F16
// The seven per-channel values of the token as vec4 (channel j at [j / 4][j % 4]): a state-row thread reads its 16
// channels of each as four 16-byte loads (main_direct / token4).
shared vec4 s4_r[16], s4_w[16], s4_k[16], s4_kk[16], s4_a[16], s4_v[16], s4_g[16];
// KA = 1 (default; RWKV_VK_WKV_KA=0 records 0, the v24b form): s4_kk holds kk before its normalisation and s4_a the
// product kk·alpha (formed once per channel by the 64 producer threads), so a state-row thread does per channel one
// multiply-add for sa and three operations for the update instead of two and six; inv_n is applied to the row sum
// (sa · inv_n², one multiply). Not bit-identical to KA = 0: rounding only (docs/perf/vulkan-batched.md "v25").
layout(constant_id = 1) const uint KA = 0;
// V8 = 1 (the host's default; RWKV_VK_WKV_V8=0 records 0): thread (m, q) keeps columns 32j + 8q + e (j < 2, e < 8)
// of state row m and moves them as two 16-byte loads / stores (uvec4 of eight halves) instead of four 8-byte ones;
// the token's values are read at the matching vec4 indices (vi). The per-thread sums add other columns together than
// with V8 = 0: rounding differs (H200 7.2B B=64: -0.09 ms per step, docs/perf/vulkan-batched.md "Rows path v33").
layout(constant_id = 2) const uint V8 = 0;
layout(buffer_reference, std430, buffer_reference_align = 16) buffer StateRef8 { uvec4 v[]; };
// vec4 index in the s4_* arrays of thread q's S[i]: columns 16i + 4q .. + 3 (V8 = 0) or 32(i / 2) + 8q + 4(i % 2) ..
uint vi(uint i, uint q) { return V8 == 1u ? 8u * (i >> 1) + 2u * q + (i & 1u) : 4u * i + q; }
#else
shared float s_r[64], s_w[64], s_k[64], s_kk[64], s_a[64], s_v[64], s_g[64];
#endif
shared vec2 red_2[WG];
#ifndef USE_SUBGROUP
shared float red4[WG];
#endif

float sigmoid(float v) { return 1.0 / (1.0 + exp(-v)); }
float P(uint i, uint c) { return params[(pc.p_base + i) * pc.C + c]; }

// Workgroup-wide sums of both components (uniform control flow only): a tree in shared memory whose order does not
// depend on the subgroup size, or (USE_SUBGROUP) subgroupAdd and one partial per subgroup.
vec2 wg_sum2(vec2 v) {
    const uint t = gl_LocalInvocationID.x;
#ifdef USE_SUBGROUP
    const vec2 s = subgroupAdd(v);
    if (subgroupElect()) red_2[gl_SubgroupID] = s;
    barrier();
    vec2 r = vec2(0.0);
    for (uint i = 0; i < gl_NumSubgroups; ++i) r += red_2[i];
#else
    red_2[t] = v;
    barrier();
    for (uint s = WG / 2; s > 0; s >>= 1) {
        if (t < s) red_2[t] += red_2[t + s];
        barrier();
    }
    const vec2 r = red_2[0];
#endif
    barrier();  // red_2 may be reused by the next call
    return r;
}

// Sum over the four threads of a state row.
float row_sum(float v, uint t) {
#ifdef USE_SUBGROUP  // a row's four threads are consecutive invocations of one subgroup: (a + b) + (c + d) in each
    v += subgroupShuffleXor(v, 1u);
    return v + subgroupShuffleXor(v, 2u);
#else
    red4[t] = v;
    barrier();
    const uint b = t & ~3u;
    const float s = red4[b] + red4[b + 1] + red4[b + 2] + red4[b + 3];
    barrier();
    return s;
#endif
}

#ifdef WKV_STATE_F16
// Batched decode with the fp16 WKV state (the only caller, record_wkv7_rows_h16 in vk_rows.cpp, which RowsPath::run
// reaches only with one row per sequence): row s of the call is sequence s, padding sequences (s >= the call's
// sequences) have no state address. So the row inputs and the head's vectors are loaded first, with no wait on the
// row tables, and the state (address -> state) after them; the token's per-channel values go through the vec4
// shared arrays. With KA = 0 the same arithmetic in the same order as the general main below (bit-identical; docs/
// perf/vulkan-batched.md "Rows path v24b"); the default KA = 1 regroups the products ("v25").
struct RowIn { float r, k, v, ta, tw, tg, tv, vf; };
RowIn load_row(uint o, bool first) {
    RowIn a;
    a.r = act[pc.r_off + o];
    a.k = act[pc.k_off + o];
    a.v = act[pc.v_off + o];
    a.ta = act[pc.ta_off + o];
    a.tw = act[pc.tw_off + o];
    a.tg = act[pc.tg_off + o];
    a.tv = first ? 0.0 : act[pc.tv_off + o];
    a.vf = first ? 0.0 : act[pc.vfirst_off + o];
    return a;
}

// One token row of thread (m, q) of head h: the row's inputs in `a` (threads < 64: channel t), the head's
// per-channel vectors p0..p5 (threads < 64) and lnx_w / lnx_b (channel c); S updated in place, the y row written.
void token4(uint row, uint t, uint m, uint q, uint c, uint cj, bool first, RowIn a, float p0, float p1, float p2,
            float p3, float p4, float p5, float lnx_w, float lnx_b, inout vec4 S[4]) {
    const uint o = row * pc.C + cj;
    vec2 kb = vec2(0.0);  // kk·kk, bonus
    if (t < 64) {
        const float r = a.r, k = a.k;
        float v = a.v;
        const float alpha = sigmoid(p1 + a.ta);
        const float kk = k * p3;
        const float km = k * (1.0 + (alpha - 1.0) * p4);
        if (first) {
            act[pc.vfirst_off + o] = v;
        } else {
            v += (a.vf - v) * sigmoid(p2 + a.tv);
        }
        const uint tv = t >> 2, te = t & 3u;
        s4_r[tv][te] = r;
        s4_w[tv][te] = exp(-0.606531 * sigmoid(p0 + a.tw));
        s4_k[tv][te] = km;
        s4_kk[tv][te] = kk;
        s4_a[tv][te] = KA == 1u ? kk * alpha : alpha;
        s4_v[tv][te] = v;
        s4_g[tv][te] = a.tg;
        kb = vec2(kk * kk, r * km * p5);
    }
    kb = wg_sum2(kb);  // its barriers also publish s4_*
    const float inv_n = 1.0 / max(sqrt(kb.x), 1e-12), beta = kb.y;

    float sa = 0.0;
    [[unroll]] for (uint i = 0; i < 4; ++i) {
        const vec4 kk4 = s4_kk[vi(i, q)];  // thread q's channels of S[i]
        if (KA == 1u) {
            [[unroll]] for (uint e = 0; e < 4; ++e) sa -= S[i][e] * kk4[e];
        } else {
            [[unroll]] for (uint e = 0; e < 4; ++e) sa -= S[i][e] * (kk4[e] * inv_n);
        }
    }
    sa = row_sum(sa, t);
    const float vm = s4_v[m >> 2][m & 3u], gm = s4_g[m >> 2][m & 3u];
    float y = 0.0;
    if (KA == 1u) {
        const float sb = sa * (inv_n * inv_n);  // (sa of the normalised kk) · inv_n
        [[unroll]] for (uint i = 0; i < 4; ++i) {
            const uint x = vi(i, q);
            const vec4 w4 = s4_w[x], k4 = s4_k[x], ka4 = s4_a[x], r4 = s4_r[x];
            const vec4 s = S[i] * w4 + (k4 * vm + ka4 * sb);
            S[i] = s;
            [[unroll]] for (uint e = 0; e < 4; ++e) y += s[e] * r4[e];
        }
    } else {
        [[unroll]] for (uint i = 0; i < 4; ++i) {
            const uint x = vi(i, q);
            const vec4 kk4 = s4_kk[x], w4 = s4_w[x], k4 = s4_k[x], a4 = s4_a[x], r4 = s4_r[x];
            [[unroll]] for (uint e = 0; e < 4; ++e) {
                const float kkj = kk4[e] * inv_n;
                const float s = S[i][e] * w4[e] + k4[e] * vm + sa * (kkj * a4[e]);
                S[i][e] = s;
                y += s * r4[e];
            }
        }
    }
    y = row_sum(y, t);
    const float mean = wg_sum2(vec2(q == 0u ? y : 0.0, 0.0)).x / 64.0;
    const float d = y - mean;
    const float inv = inversesqrt(wg_sum2(vec2(q == 0u ? d * d : 0.0, 0.0)).x / 64.0 + pc.gn_eps);
    if (q == 0u) {
        const float yv = (d * inv * lnx_w + lnx_b + beta * vm) * gm;
        if (YH == 1u)
            act_h[pc.y_off + row * pc.C + c] = float16_t(yv);
        else
            act[pc.y_off + row * pc.C + c] = yv;
    }
}

void main() {
    const uint t = gl_LocalInvocationID.x, m = t >> 2, q = t & 3u;
    const uint h = gl_WorkGroupID.x, seq = gl_WorkGroupID.y;
    const bool first = pc.first_layer == 1u;
    const uint c = h * 64 + m, cj = h * 64 + (t & 63u);
    const uint soff = (pc.state_base + c * 64) / 4 + q;  // vec4 i of this thread at soff + 4 i
    RowIn a;
    float p0 = 0.0, p1 = 0.0, p2 = 0.0, p3 = 0.0, p4 = 0.0, p5 = 0.0;
    if (t < 64) {
        a = load_row(seq * pc.C + cj, first);  // padding sequences: rows of the call's row bucket, not used
        p0 = P(0, cj);
        p1 = P(1, cj);
        p2 = first ? 0.0 : P(2, cj);
        p3 = P(3, cj);
        p4 = P(4, cj);
        p5 = P(5, cj);
    }
    const float lnx_w = P(6, c), lnx_b = P(7, c);
    STATE_OPEN(seq);
    if (!STATE_PRESENT(seq)) return;  // uniform: a padding sequence
    vec4 S[4];
    // V8: uvec4 j of this thread at s8 + 4 j (row c's 64 halves are 8 uvec4; the row's four threads read 64 bytes)
    StateRef8 st8 = StateRef8(uvec2(io[pc.seq_stride + 2u * seq], io[pc.seq_stride + 2u * seq + 1u]));
    const uint s8 = (pc.state_base + c * 64) / 8 + q;
    if (V8 == 1u) {
        [[unroll]] for (uint j = 0; j < 2; ++j) {
            const uvec4 u = st8.v[s8 + 4 * j];
            S[2 * j] = vec4(vec2(unpackFloat2x16(u.x)), vec2(unpackFloat2x16(u.y)));
            S[2 * j + 1] = vec4(vec2(unpackFloat2x16(u.z)), vec2(unpackFloat2x16(u.w)));
        }
    } else {
        [[unroll]] for (uint i = 0; i < 4; ++i) S[i] = vec4(STATE(st_base + soff + 4 * i));
    }
    token4(seq, t, m, q, c, cj, first, a, p0, p1, p2, p3, p4, p5, lnx_w, lnx_b, S);
    if (V8 == 1u) {
        [[unroll]] for (uint j = 0; j < 2; ++j) {
            const f16vec4 lo = f16vec4(S[2 * j]), hi = f16vec4(S[2 * j + 1]);
            st8.v[s8 + 4 * j] = uvec4(packFloat2x16(lo.xy), packFloat2x16(lo.zw), packFloat2x16(hi.xy),
                                      packFloat2x16(hi.zw));
        }
    } else {
        [[unroll]] for (uint i = 0; i < 4; ++i) STATE(st_base + soff + 4 * i) = STATE_T(S[i]);
    }
}
#else
void main() {
    const uint t = gl_LocalInvocationID.x, m = t >> 2, q = t & 3u;
    const uint h = gl_WorkGroupID.x, seq = gl_WorkGroupID.y, C = pc.C;
    const uint count = io[2u * pc.Rc + pc.Sc + seq], first_row = io[2u * pc.Rc + seq];
    const bool first = pc.first_layer == 1u;
    const uint c = h * 64 + m, cj = h * 64 + (t & 63u);
    const uint soff = (pc.state_base + c * 64) / 4 + q;  // vec4 i of this thread at soff + 4 i
    STATE_OPEN(seq);
    vec4 S[4];
    if (STATE_PRESENT(seq)) {  // uniform; no wait on the row count
        [[unroll]] for (uint i = 0; i < 4; ++i) S[i] = vec4(STATE(st_base + soff + 4 * i));
    }
    if (count == 0u) return;  // uniform per workgroup
    float p0 = 0.0, p1 = 0.0, p2 = 0.0, p3 = 0.0, p4 = 0.0, p5 = 0.0;
    if (t < 64) {
        p0 = P(0, cj);
        p1 = P(1, cj);
        p2 = first ? 0.0 : P(2, cj);
        p3 = P(3, cj);
        p4 = P(4, cj);
        p5 = P(5, cj);
    }
    const float lnx_w = P(6, c), lnx_b = P(7, c);

    for (uint row = first_row; row < first_row + count; ++row) {
        const uint o = row * C + cj;
        vec2 kb = vec2(0.0);  // kk·kk, bonus
        if (t < 64) {
            const float r = act[pc.r_off + o], k = act[pc.k_off + o];
            float v = act[pc.v_off + o];
            const float alpha = sigmoid(p1 + act[pc.ta_off + o]);
            const float kk = k * p3;
            const float km = k * (1.0 + (alpha - 1.0) * p4);
            if (first) {
                act[pc.vfirst_off + o] = v;
            } else {
                v += (act[pc.vfirst_off + o] - v) * sigmoid(p2 + act[pc.tv_off + o]);
            }
            s_r[t] = r;
            s_w[t] = exp(-0.606531 * sigmoid(p0 + act[pc.tw_off + o]));
            s_k[t] = km;
            s_kk[t] = kk;
            s_a[t] = alpha;
            s_v[t] = v;
            s_g[t] = act[pc.tg_off + o];
            kb = vec2(kk * kk, r * km * p5);
        }
        kb = wg_sum2(kb);  // its barriers also publish s_*
        const float inv_n = 1.0 / max(sqrt(kb.x), 1e-12), beta = kb.y;

        float sa = 0.0;
        [[unroll]] for (uint i = 0; i < 4; ++i) {
            [[unroll]] for (uint e = 0; e < 4; ++e) sa -= S[i][e] * (s_kk[16 * i + 4 * q + e] * inv_n);
        }
        sa = row_sum(sa, t);
        const float vm = s_v[m], gm = s_g[m];
        float y = 0.0;
        [[unroll]] for (uint i = 0; i < 4; ++i) {
            [[unroll]] for (uint e = 0; e < 4; ++e) {
                const uint j = 16 * i + 4 * q + e;
                const float kkj = s_kk[j] * inv_n;
                const float s = S[i][e] * s_w[j] + s_k[j] * vm + sa * (kkj * s_a[j]);
                S[i][e] = s;
                y += s * s_r[j];
            }
        }
        y = row_sum(y, t);
        const float mean = wg_sum2(vec2(q == 0u ? y : 0.0, 0.0)).x / 64.0;
        const float d = y - mean;
        const float inv = inversesqrt(wg_sum2(vec2(q == 0u ? d * d : 0.0, 0.0)).x / 64.0 + pc.gn_eps);
        if (q == 0u) {
            const float yv = (d * inv * lnx_w + lnx_b + beta * vm) * gm;
            if (YH == 1u)
                act_h[pc.y_off + row * C + c] = float16_t(yv);
            else
                act[pc.y_off + row * C + c] = yv;
        }
    }
    [[unroll]] for (uint i = 0; i < 4; ++i) STATE(st_base + soff + 4 * i) = STATE_T(S[i]);
}
#endif
