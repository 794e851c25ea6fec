// Two-pass LayerNorm statistics of one activation row, shared by rows_ln.glsl and rows_lnmix.glsl (one summation
// order, so both give the same z): thread t keeps columns t, t + WG, ... of row `row` in xv and gets
// (mean, 1 / sqrt(var + eps)). Uniform control flow: wg_sum has barriers. Needs WG, MAXPT, act[], wg_sum and
// pc.C / pc.in_off / pc.eps from the including shader.
vec2 row_ln_stats(uint row, out float xv[MAXPT]) {
    const uint t = gl_LocalInvocationID.x, C = pc.C;
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
    return vec2(mean, inversesqrt(wg_sum(q) / float(C) + pc.eps));
}
