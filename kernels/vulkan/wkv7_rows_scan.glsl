// Body of wkv7_rows_scan.comp / wkv7_rows_scan_bda.comp: the sequential WKV-7 recurrence of the rows path (spec
// §3.4.11, §4.1) between wkv7_rows_prep.comp and wkv7_rows_post.comp. One thread per state row c = h*64 + m (the 64
// columns of row m in registers for the whole sequence), SCAN_WG = 32 rows per workgroup, grid (C / 32, S): rows are
// independent given the per-token vectors, so there is no reduction. The head's per-token 64-vectors are staged in
// shared memory TC = 8 tokens at a time (coalesced loads by the whole workgroup, 2 barriers per stage, not per
// token); per token of sequence s:
//   sa = -S[m]·kkn;  S[m][j] = S[m][j] w_j + k_j v_m + sa b_j;  y_m = S[m]·r     (b = kkn alpha, in the ta block)
// and writes the raw y_m (GroupNorm etc. in wkv7_rows_post). Host: engine/src/vulkan/wkv7_rows.cpp.
#define SCAN_WG 32
#define TC 8  // tokens per shared-memory stage: 11 KiB of shared memory (the Vulkan minimum is 16 KiB)
layout(local_size_x = SCAN_WG) in;
#include "wkv7_rows_push.glsl"

layout(std430, binding = 0) restrict writeonly buffer Y { float act_out[]; };  // act, y block only
layout(std430, binding = 1) restrict readonly buffer Act4 { vec4 act4[]; };    // act, prep's blocks
layout(std430, binding = 3) restrict readonly buffer Io { uint io[]; };

#define STATE_T vec4
#define STATE_QUAL
#define STATE_UNIT 4u
#include "rows_state.glsl"

shared vec4 sh[5 * TC * 16];       // [w, k, kkn, b, r][token][16 vec4] of the head, one stage
shared float sv[TC * SCAN_WG];     // v_m of each thread's row, per token of the stage

void main() {
    const uint lid = gl_LocalInvocationID.x, c = gl_WorkGroupID.x * SCAN_WG + lid, seq = gl_WorkGroupID.y;
    const uint C4 = pc.C / 4u;
    const uint count = io[2u * pc.Rc + pc.Sc + seq], first_row = io[2u * pc.Rc + seq], end = first_row + count;
    if (count == 0u) return;  // uniform per workgroup
    STATE_OPEN(seq);
    const uint base = st_base + (pc.state_base + c * 64u) / 4u;
    vec4 S[16];
    [[unroll]] for (uint i = 0; i < 16; ++i) S[i] = STATE(base + i);
    const uint hb = (c / 64u) * 16u;  // the head's first vec4 in a row
    const uint w4 = pc.tw_off / 4u + hb, k4 = pc.k_off / 4u + hb, kkn4 = pc.tv_off / 4u + hb;
    const uint b4 = pc.ta_off / 4u + hb, r4 = pc.r_off / 4u + hb;
    for (uint row0 = first_row; row0 < end; row0 += TC) {
        const uint n = min(uint(TC), end - row0);
        barrier();  // the previous stage is consumed
        for (uint e = lid; e < 5u * TC * 16u; e += SCAN_WG) {
            const uint vec = e / (TC * 16u), tt = (e / 16u) % TC, i = e % 16u;
            const uint off = vec == 0u ? w4 : vec == 1u ? k4 : vec == 2u ? kkn4 : vec == 3u ? b4 : r4;
            if (tt < n) sh[e] = act4[off + (row0 + tt) * C4 + i];
        }
        for (uint tt = 0; tt < n; ++tt) {
            const uint vi = pc.v_off + (row0 + tt) * pc.C + c;
            sv[tt * SCAN_WG + lid] = act4[vi / 4u][vi % 4u];
        }
        barrier();
        for (uint tt = 0; tt < n; ++tt) {
            const uint W = (0u * TC + tt) * 16u, K = (1u * TC + tt) * 16u, KK = (2u * TC + tt) * 16u;
            const uint B = (3u * TC + tt) * 16u, Rr = (4u * TC + tt) * 16u;
            float sa0 = 0.0, sa1 = 0.0;
            [[unroll]] for (uint i = 0; i < 16; i += 2) {
                sa0 -= dot(S[i], sh[KK + i]);
                sa1 -= dot(S[i + 1], sh[KK + i + 1]);
            }
            const float sa = sa0 + sa1, vm = sv[tt * SCAN_WG + lid];
            float y0 = 0.0, y1 = 0.0;
            [[unroll]] for (uint i = 0; i < 16; i += 2) {
                S[i] = S[i] * sh[W + i] + sh[K + i] * vm + sa * sh[B + i];
                S[i + 1] = S[i + 1] * sh[W + i + 1] + sh[K + i + 1] * vm + sa * sh[B + i + 1];
                y0 += dot(S[i], sh[Rr + i]);
                y1 += dot(S[i + 1], sh[Rr + i + 1]);
            }
            act_out[pc.y_off + (row0 + tt) * pc.C + c] = y0 + y1;
        }
    }
    [[unroll]] for (uint i = 0; i < 16; ++i) STATE(base + i) = S[i];
}
