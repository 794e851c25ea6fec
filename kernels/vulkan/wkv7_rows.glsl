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

shared float s_r[64], s_w[64], s_k[64], s_kk[64], s_a[64], s_v[64], s_g[64];
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
