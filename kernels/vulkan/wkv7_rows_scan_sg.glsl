// Body of wkv7_rows_scan_sg[_bda].comp and wkv7_rows_scan_sg1[_bda].comp: the sequential WKV-7 recurrence of the rows
// path (spec §3.4.11, §4.1) between wkv7_rows_prep (_sg only; _sg1 does prep's work itself) and wkv7_rows_post, as
// wkv7_rows_scan.glsl computes it, with several threads per state row, 32 rows per workgroup. _sg (subgroups of 4 or
// more): four threads per row, 128 per workgroup; thread (row m, quarter q) keeps columns 16i + 4q + e of row m (i, e <
// 4: the four threads of a row read and write its 64 contiguous bytes per instruction); sa and y are summed over the
// row's four threads (consecutive invocations) with two subgroupShuffleXor each. _sg1 (SCAN_ONE8, subgroups of 8 or
// more): eight threads per pair of rows (p, p + 16), 128 computing threads per workgroup (+ 64 producers, below);
// thread e keeps columns 4e..4e+3 and 32+4e..32+4e+3 of both rows (128 contiguous bytes per row and instruction; each
// staged head vector loaded once serves two rows), three shuffle levels on a vec2 per sum. y is summed once per stage:
// each thread keeps its partial y of the stage's 8 tokens and a reduce-scatter over the eight threads (7 vec2 shuffles
// instead of 24, levels xor 1, 2, 4 as a per-token sum takes them: the same grouping of the partials, bit-identical)
// leaves token e's y with thread e, so the next token's sa no longer waits behind this token's y shuffles in the warp's
// in-order issue. H200 7.2B prefill T=1024, same process (docs/perf/vulkan-rows.md "v23"): eight threads per row with y
// per token (v20) 110.71 ms per call, with y per stage 109.49, eight threads per pair of rows with y per stage 108.75
// (all three bit-identical; four threads per row with y per stage 110.40). Host: VK_SUBGROUP_FEATURE_SHUFFLE_BIT. Grid
// (C / 32, S) as the one-thread form. Per token of sequence s:
//   sa = -S[m]·kkn;  S[m][j] = S[m][j] w_j + k_j v_m + sa b_j;  y_m = S[m]·r     (b = kkn alpha, in the ta block)
// The per-token vectors of the head (w, k, kkn, b, r) and the workgroup's 32 values v_m are staged TC tokens at a
// time in two shared-memory buffers, one barrier per stage. _sg: the next stage's global loads are issued into
// registers before this stage's tokens are computed and stored after them (prep's results, wkv7_rows_prep.glsl).
// _sg1: warp-specialised, 192 threads: the 128 computing threads never load from global memory inside the loop; two
// producer warps (threads 128..191) read the next stage's raw blocks and store it while the others compute this one
// (H200 7.2B prefill T=1024, same process: 108.49 -> 106.38 ms per call, docs/perf/vulkan-rows.md "v24"; the old
// staging's loads sat on the computing warps, and neither loads two stages ahead (+2.2 ms) nor 16-token stages (+1.55
// ms) hid them). The producers also do wkv7_rows_prep's work (no prep pass before _sg1): producer t takes token t / 8
// of the stage and vec4 g, g + 8 of the head (g = t % 8) plus vec4 g of the workgroup's 32 v rows, computes
//   w = exp(-0.606531 sigmoid(w0 + tw)),  k (1 + (alpha - 1) k_a),  kkn = kk / max(||kk||, 1e-12) (kk = k k_k, the
//   norm summed over the token's 8 producers by shuffles),  b = kkn alpha,  r,  v mixed with v_first (layer > 0)
// and writes the mixed v back in place for wkv7_rows_post (which mixes k itself: its RAW) and, at layer 0, v_first.
// H200 7.2B prefill T=1024, same process: 107.50 -> 105.46 ms per call (prep's pass gone; "v25").
// Host: engine/src/vulkan/wkv7_rows.cpp.
#define SCAN_ROWS 32u
#define SCAN_WG 128u           // computing threads: _sg 4 threads x 32 rows, _sg1 8 threads x 16 pairs of rows
#define TC 8u                  // tokens per stage (16: no faster on the H200, docs/perf-notes.md; scatter8 sums 8)
#define TOK 88u                // vec4 per staged token: w, k, kkn, b, r (16 each) + the 32 v_m (8)
#define STAGE (TC * TOK)       // TC 8: 704 vec4 = 11 KiB per buffer
#define PT ((STAGE + SCAN_WG - 1u) / SCAN_WG)  // staged vec4 per thread and stage
#ifdef SCAN_ONE8
#define WS_P 64u               // _sg1: two producer warps after the 128 computing threads stage the next 8 tokens
layout(local_size_x = 192) in;
#else
layout(local_size_x = 128) in;
#endif
#include "wkv7_rows_push.glsl"

layout(std430, binding = 0) restrict writeonly buffer Y { float act_out[]; };  // act: y (_sg1: and v / v_first)
layout(std430, binding = 1) restrict readonly buffer Act4 { vec4 act4[]; };    // act: prep's blocks (_sg1: raw)
layout(std430, binding = 3) restrict readonly buffer Io { uint io[]; };
#ifdef SCAN_ONE8
layout(std430, binding = 4) restrict readonly buffer Params4 { vec4 params4[]; };  // this layer's vectors (P(i, c))
#endif

#define STATE_T vec4
#define STATE_QUAL
#define STATE_UNIT 4u
#include "rows_state.glsl"

shared vec4 sh[2u * STAGE];
vec4 pre[PT];  // the next stage between its global loads and its shared-memory stores

void load_stage(uint lid, uint row0, uint n, uint c0) {
    const uint C4 = pc.C / 4u, hb = (c0 / 64u) * 16u;  // the head's first vec4 in a row
    [[unroll]] for (uint u = 0u; u < PT; ++u) {
        const uint e = u * SCAN_WG + lid, tt = e / TOK, j = e % TOK;
        if (e < STAGE && tt < n) {
            const uint row = row0 + tt;
            uint idx;
            if (j < 80u) {
                const uint vec = j / 16u;
                const uint off = vec == 0u ? pc.tw_off : vec == 1u ? pc.k_off : vec == 2u ? pc.tv_off
                               : vec == 3u ? pc.ta_off : pc.r_off;
                idx = off / 4u + row * C4 + hb + j % 16u;
            } else {
                idx = (pc.v_off + row * pc.C + c0) / 4u + (j - 80u);
            }
            pre[u] = act4[idx];
        }
    }
}

void store_stage(uint lid, uint buf) {
    [[unroll]] for (uint u = 0u; u < PT; ++u) {
        const uint e = u * SCAN_WG + lid;
        if (e < STAGE) sh[buf * STAGE + e] = pre[u];
    }
}

float quad_sum(float v) {
    v += subgroupShuffleXor(v, 1u);
    return v + subgroupShuffleXor(v, 2u);
}

// One token: t0 is the token's first vec4 in sh; returns y_m (the same in the row's four threads).
float scan_token(uint t0, uint q, uint mr, inout vec4 S0, inout vec4 S1, inout vec4 S2, inout vec4 S3) {
    const uint W = t0 + q, K = W + 16u, KK = W + 32u, B = W + 48u, Rr = W + 64u;
    float sa = -((dot(S0, sh[KK]) + dot(S1, sh[KK + 4u])) + (dot(S2, sh[KK + 8u]) + dot(S3, sh[KK + 12u])));
    sa = quad_sum(sa);
    const float vm = sh[t0 + 80u + mr / 4u][mr % 4u];
    S0 = S0 * sh[W] + sh[K] * vm + sa * sh[B];
    S1 = S1 * sh[W + 4u] + sh[K + 4u] * vm + sa * sh[B + 4u];
    S2 = S2 * sh[W + 8u] + sh[K + 8u] * vm + sa * sh[B + 8u];
    S3 = S3 * sh[W + 12u] + sh[K + 12u] * vm + sa * sh[B + 12u];
    const float y = (dot(S0, sh[Rr]) + dot(S1, sh[Rr + 4u])) + (dot(S2, sh[Rr + 8u]) + dot(S3, sh[Rr + 12u]));
    return quad_sum(y);
}

// SCAN_ONE8: one token for rows p and p + 16 of the workgroup, columns 4e..4e+3 (S0, S2) and 32+4e..32+4e+3 (S1,
// S3); returns this thread's partial y of both rows (its eight columns; summed over the pair's threads by scatter8).
vec2 scan_token2(uint t0, uint e, uint p, inout vec4 S0, inout vec4 S1, inout vec4 S2, inout vec4 S3) {
    const uint W = t0 + e, K = W + 16u, KK = W + 32u, B = W + 48u, Rr = W + 64u;
    const vec4 kk0 = sh[KK], kk1 = sh[KK + 8u];
    vec2 sa = -vec2(dot(S0, kk0) + dot(S1, kk1), dot(S2, kk0) + dot(S3, kk1));
    sa += subgroupShuffleXor(sa, 1u);
    sa += subgroupShuffleXor(sa, 2u);
    sa += subgroupShuffleXor(sa, 4u);
    const float v0 = sh[t0 + 80u + p / 4u][p % 4u], v1 = sh[t0 + 84u + p / 4u][p % 4u];  // v of rows p, p + 16
    const vec4 w0 = sh[W], w1 = sh[W + 8u], k0 = sh[K], k1 = sh[K + 8u], b0 = sh[B], b1 = sh[B + 8u];
    S0 = S0 * w0 + k0 * v0 + sa.x * b0;
    S1 = S1 * w1 + k1 * v0 + sa.x * b1;
    S2 = S2 * w0 + k0 * v1 + sa.y * b0;
    S3 = S3 * w1 + k1 * v1 + sa.y * b1;
    const vec4 r0 = sh[Rr], r1 = sh[Rr + 8u];
    return vec2(dot(S0, r0) + dot(S1, r1), dot(S2, r0) + dot(S3, r1));
}

// The partial y of the stage's tokens 0..7 summed over the eight threads of a pair of rows (consecutive
// invocations); thread e gets token e's sums. Levels xor 1, 2, 4 as a per-token all-reduce would take them, so each
// sum groups the partials as ((e0 + e1) + (e2 + e3)) + ((e4 + e5) + (e6 + e7)) whatever the token's place in the
// stage (the result does not depend on where chunks or stages start).
vec2 scatter8(uint e, vec2 v0, vec2 v1, vec2 v2, vec2 v3, vec2 v4, vec2 v5, vec2 v6, vec2 v7) {
    const bool h1 = (e & 1u) != 0u, h2 = (e & 2u) != 0u, h4 = (e & 4u) != 0u;
    const vec2 u0 = (h1 ? v1 : v0) + subgroupShuffleXor(h1 ? v0 : v1, 1u);  // tokens 0/1, 2/3, 4/5, 6/7 by bit 0
    const vec2 u1 = (h1 ? v3 : v2) + subgroupShuffleXor(h1 ? v2 : v3, 1u);
    const vec2 u2 = (h1 ? v5 : v4) + subgroupShuffleXor(h1 ? v4 : v5, 1u);
    const vec2 u3 = (h1 ? v7 : v6) + subgroupShuffleXor(h1 ? v6 : v7, 1u);
    const vec2 w0 = (h2 ? u1 : u0) + subgroupShuffleXor(h2 ? u0 : u1, 2u);  // then by bit 1
    const vec2 w1 = (h2 ? u3 : u2) + subgroupShuffleXor(h2 ? u2 : u3, 2u);
    return (h4 ? w1 : w0) + subgroupShuffleXor(h4 ? w0 : w1, 4u);             // token e
}

#ifdef SCAN_ONE8
vec4 sigmoid4(vec4 x) { return 1.0 / (1.0 + exp(-x)); }
vec4 par[9];  // producer: w0, a0, k_k, k_a of head vec4 g (par[0, 1, 4, 5]) and g + 8 (par[2, 3, 6, 7]); v0 (par[8])

// Producer thread t: prep's results for token t / 8 of the stage of n tokens at rows row0.. into buffer buf (layout
// TOK: w, k, kkn, b, r at 0, 16, 32, 48, 64 + the head's vec4; the 32 v_m at 80); wkv7_rows_prep.glsl's formulas.
void ws_stage(uint t, uint row0, uint n, uint buf, uint c0) {
    const uint C4 = pc.C / 4u, hb = (c0 / 64u) * 16u, tt = t / 8u, g = t % 8u;
    const bool on = tt < n;
    const uint row = row0 + tt;
    vec4 tw[2], kr[2], ta[2], rr[2];
    vec4 v = vec4(0.0), vf = vec4(0.0), tv = vec4(0.0);
    [[unroll]] for (uint i = 0u; i < 2u; ++i) {
        const uint h = row * C4 + hb + g + 8u * i;
        tw[i] = on ? act4[pc.tw_off / 4u + h] : vec4(0.0);
        kr[i] = on ? act4[pc.k_off / 4u + h] : vec4(0.0);
        ta[i] = on ? act4[pc.ta_off / 4u + h] : vec4(0.0);
        rr[i] = on ? act4[pc.r_off / 4u + h] : vec4(0.0);
    }
    const uint vo = row * C4 + c0 / 4u + g;
    if (on) {
        v = act4[pc.v_off / 4u + vo];
        if (pc.first_layer == 0u) {
            vf = act4[pc.vfirst_off / 4u + vo];
            tv = act4[pc.tv_off / 4u + vo];
        }
    }
    vec4 kk[2], al[2];
    float ss = 0.0;
    [[unroll]] for (uint i = 0u; i < 2u; ++i) {
        al[i] = sigmoid4(par[2u * i + 1u] + ta[i]);
        kk[i] = kr[i] * par[4u + 2u * i];
        ss += dot(kk[i], kk[i]);
    }
    ss += subgroupShuffleXor(ss, 1u);  // the token's 8 producers are consecutive invocations
    ss += subgroupShuffleXor(ss, 2u);
    ss += subgroupShuffleXor(ss, 4u);
    const float inv = 1.0 / max(sqrt(ss), 1e-12);
    const uint base = buf * STAGE + tt * TOK;
    [[unroll]] for (uint i = 0u; i < 2u; ++i) {
        const uint q = base + g + 8u * i;
        sh[q] = exp(-0.606531 * sigmoid4(par[2u * i] + tw[i]));
        sh[q + 16u] = kr[i] * (1.0 + (al[i] - 1.0) * par[5u + 2u * i]);
        const vec4 kkn = kk[i] * inv;
        sh[q + 32u] = kkn;
        sh[q + 48u] = kkn * al[i];
        sh[q + 64u] = rr[i];
    }
    if (pc.first_layer == 0u) v += (vf - v) * sigmoid4(par[8] + tv);
    if (on) {  // layer 0: v_first = v; else the mixed v in place for post (only this workgroup reads these v rows)
        const uint o = (pc.first_layer == 1u ? pc.vfirst_off : pc.v_off) + row * pc.C + c0 + 4u * g;
        act_out[o] = v.x;
        act_out[o + 1u] = v.y;
        act_out[o + 2u] = v.z;
        act_out[o + 3u] = v.w;
    }
    sh[base + 80u + g] = v;
}

void main_pair() {
    const uint lid = gl_LocalInvocationID.x, seq = gl_WorkGroupID.y;
    const bool prod = lid >= SCAN_WG;  // uniform per subgroup (SCAN_WG is a multiple of the subgroup size)
    const uint e = lid % 8u, p = (lid / 8u) % 16u, t = lid % WS_P;
    const uint c0 = gl_WorkGroupID.x * SCAN_ROWS;
    const uint count = io[2u * pc.Rc + pc.Sc + seq], first_row = io[2u * pc.Rc + seq], end = first_row + count;
    if (count == 0u) return;  // uniform per workgroup
    STATE_OPEN(seq);
    const uint ba = st_base + (pc.state_base + (c0 + p) * 64u) / 4u + e, bb = ba + 16u * 16u;  // rows p, p + 16
    vec4 S0 = vec4(0.0), S1 = vec4(0.0), S2 = vec4(0.0), S3 = vec4(0.0);
    if (prod) {
        const uint C4 = pc.C / 4u, hb = (c0 / 64u) * 16u, g = t % 8u;  // hb: the head's first vec4 in a row
        [[unroll]] for (uint i = 0u; i < 2u; ++i) {
            const uint c4 = hb + g + 8u * i;
            par[2u * i] = params4[(pc.p_base + 0u) * C4 + c4];       // w0
            par[2u * i + 1u] = params4[(pc.p_base + 1u) * C4 + c4];  // a0
            par[4u + 2u * i] = params4[(pc.p_base + 3u) * C4 + c4];  // k_k
            par[5u + 2u * i] = params4[(pc.p_base + 4u) * C4 + c4];  // k_a
        }
        par[8] = params4[(pc.p_base + 2u) * C4 + c0 / 4u + g];       // v0
        ws_stage(t, first_row, min(TC, count), 0u, c0);
    } else {
        S0 = STATE(ba);
        S1 = STATE(ba + 8u);
        S2 = STATE(bb);
        S3 = STATE(bb + 8u);
    }
    barrier();
    uint buf = 0u;
    for (uint row0 = first_row; row0 < end; row0 += TC) {
        const uint n = min(TC, end - row0);
        if (prod) {
            if (row0 + TC < end) ws_stage(t, row0 + TC, min(TC, end - row0 - TC), buf ^ 1u, c0);
        } else {
            const uint sb = buf * STAGE;
            vec2 q[TC];  // partial y of the stage's tokens (constant indices: registers)
            if (n == TC) {
                [[unroll]] for (uint tt = 0u; tt < TC; ++tt) q[tt] = scan_token2(sb + tt * TOK, e, p, S0, S1, S2, S3);
            } else {
                [[unroll]] for (uint tt = 0u; tt < TC; ++tt) {
                    q[tt] = vec2(0.0);
                    if (tt < n) q[tt] = scan_token2(sb + tt * TOK, e, p, S0, S1, S2, S3);
                }
            }
            const vec2 y = scatter8(e, q[0], q[1], q[2], q[3], q[4], q[5], q[6], q[7]);
            if (e < n) {
                const uint o = pc.y_off + (row0 + e) * pc.C + c0 + p;
                act_out[o] = y.x;
                act_out[o + 16u] = y.y;
            }
        }
        barrier();
        buf ^= 1u;
    }
    if (!prod) {
        STATE(ba) = S0;
        STATE(ba + 8u) = S1;
        STATE(bb) = S2;
        STATE(bb + 8u) = S3;
    }
}

#endif  // SCAN_ONE8

void main() {
#ifdef SCAN_ONE8
    main_pair();
#else
    const uint lid = gl_LocalInvocationID.x, q = lid % 4u, mr = lid / 4u, seq = gl_WorkGroupID.y;
    const uint c0 = gl_WorkGroupID.x * SCAN_ROWS, c = c0 + mr;
    const uint count = io[2u * pc.Rc + pc.Sc + seq], first_row = io[2u * pc.Rc + seq], end = first_row + count;
    if (count == 0u) return;  // uniform per workgroup
    STATE_OPEN(seq);
    const uint base = st_base + (pc.state_base + c * 64u) / 4u + q;
    vec4 S0 = STATE(base), S1 = STATE(base + 4u), S2 = STATE(base + 8u), S3 = STATE(base + 12u);
    load_stage(lid, first_row, min(TC, count), c0);
    store_stage(lid, 0u);
    barrier();
    uint buf = 0u;
    for (uint row0 = first_row; row0 < end; row0 += TC) {
        const uint n = min(TC, end - row0);
        const bool more = row0 + TC < end;
        if (more) load_stage(lid, row0 + TC, min(TC, end - row0 - TC), c0);
        const uint sb = buf * STAGE;
        const uint yo = pc.y_off + row0 * pc.C + c;
        if (n == TC) {
            [[unroll]] for (uint tt = 0u; tt < TC; ++tt) {
                const float y = scan_token(sb + tt * TOK, q, mr, S0, S1, S2, S3);
                if (q == 0u) act_out[yo + tt * pc.C] = y;
            }
        } else {
            for (uint tt = 0u; tt < n; ++tt) {
                const float y = scan_token(sb + tt * TOK, q, mr, S0, S1, S2, S3);
                if (q == 0u) act_out[yo + tt * pc.C] = y;
            }
        }
        if (more) store_stage(lid, buf ^ 1u);
        barrier();
        buf ^= 1u;
    }
    STATE(base) = S0;
    STATE(base + 4u) = S1;
    STATE(base + 8u) = S2;
    STATE(base + 12u) = S3;
#endif
}
