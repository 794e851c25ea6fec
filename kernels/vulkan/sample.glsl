// sample: the next token of every row of logits, picked on the device (batched decode,
// Model::forward_batch_sample): greedy, or spec §8.3 without penalties / bans / top_k — softmax at temperature 1,
// nucleus cut at top_p (ties kept), p^(1/T) over the kept ids, one draw with the caller's uniform number u — the
// definitions of engine/src/sampler/sampler.cpp (sample_token), as kernels/cuda/sample.cu. One workgroup of WG
// threads per row, nothing sorted, no subgroup operation (any subgroup size): reductions and scans are
// shared-memory trees whose order depends only on WG.
//   1. max and the first index of it (one 64-bit key: orderable value bits, complemented index); NaN / +inf
//      anywhere -> -1, every logit -inf -> -2; greedy stops here.
//   2. sum of exp(x - max) in fp64; p = exp(x - max) * float(1 / sum) in fp32, as the host.
//   3. (top_p < 1) the nucleus edge by radix selection over the fp32 bit patterns of p (monotone for p >= 0):
//      11 + 10 + 10 bits, each pass a shared-memory histogram of probability mass in 2^-46 fixed point (integer
//      sums, the same in any order: a mass m is added as two 32-bit atomics, m >> 15 and m & 0x7fff, neither of
//      whose sums can overflow — the high parts add up to ~2^31, the low ones to < V * 2^15), walked from the top
//      until the mass reaches top_p. Kept: p >= the cutoff found (the host's cutoff up to its fp32 running sum's
//      rounding).
//   4. the draw: weights p (T = 1) or exp((x - max) / T) of the kept ids in 2^-46 fixed point; thread t owns the
//      contiguous ids [t * per, (t + 1) * per), an exact scan of the threads' sums gives each its start; the one
//      thread whose range holds u * total walks it: the first id whose running sum exceeds the target (its weight
//      is positive).
// exp() is computed here (Cody-Waite reduction, degree-7 polynomial, within ~1 ulp as the host's std::exp) rather
// than by the driver's approximate exp. Needs shaderFloat64 and shaderInt64 (Caps::device_sampling).
// SAMPLE_KEEP_EXP (sample_keep_exp.comp, RWKV_VK_SAMPLE_EXP=1): step 2 also writes each exp(x - max) to a scratch
// row (binding 3) and step 3's passes read it back instead of computing it again: every thread reads only the ids it
// wrote (the same stride), so the values and the ids picked are the same bit for bit. SAMPLE_DRAW_BINS as well
// (sample_keep_exp_draw.comp, RWKV_VK_SAMPLE_EXP=2): at T = 1 step 4's per-thread sums come from the same coalesced
// stride over the exp rows, each kept id's weight added to its owner's bin (shared atomics, the histogram's split
// sums: exact), instead of every thread reading its own contiguous ids; the one thread whose range holds the target
// walks it as before.
// Host: engine/src/vulkan/sample.cpp; the entry points sample.comp and sample_keep_exp.comp.
#extension GL_EXT_shader_explicit_arithmetic_types_int64 : require
#extension GL_EXT_control_flow_attributes : require

layout(local_size_x_id = 0) in;
layout(constant_id = 0) const uint WG = 1024;  // a power of two, 64..1024

struct Row {
    float temperature;  // 0: greedy
    float top_p;        // 0: greedy; >= 1: no nucleus cut
    double u;           // in [0, 1)
};
layout(std430, binding = 0) readonly buffer Logits { float logits[]; };
layout(std430, binding = 1) readonly buffer Params { Row prm[]; };
layout(std430, binding = 2) writeonly buffer Out { int ids[]; };
#ifdef SAMPLE_KEEP_EXP
layout(std430, binding = 3) buffer Ex { float ex[]; };  // rows * V: exp(x - max) of step 2, read by the same thread
#endif
layout(push_constant) uniform Push {
    uint V;      // logits per row
    uint rows;   // rows to sample (workgroups beyond them return)
    uint x_off;  // float offset of row 0 in `logits`
    uint out_off;
} pc;

const double kFix = 70368744177664.0;  // 2^46: p in [0, 1] as an integer mass (nucleus), and the draw weights;
                                       // V * 2^46 < 2^64 and V * 2^15 <= 2^32 for V <= 2^17

shared uint hist_lo[2048];
shared uint hist_hi[2048];
shared uint64_t red[WG];
shared int sel_bin;
shared uint64_t sel_above;
shared uint any_bad;

// exp(x) for x <= 0 (x = logit - max, possibly -inf): x = n ln2 + r, |r| <= ln2 / 2, e^r by its Taylor polynomial to
// r^7 (truncation < 6e-9 relative), times 2^n; results below 2^-126 flush to 0 (they weigh nothing in any sum).
float exp_acc(float x) {
    if (x < -87.0) return 0.0;
    const float n = roundEven(x * 1.44269504);
    float r = fma(n, -0.693145752, x);    // ln2 high part (few mantissa bits: n * it is exact)
    r = fma(n, -1.42860677e-6, r);         // ln2 low part
    float q = 1.0 / 5040.0;
    q = fma(q, r, 1.0 / 720.0);
    q = fma(q, r, 1.0 / 120.0);
    q = fma(q, r, 1.0 / 24.0);
    q = fma(q, r, 1.0 / 6.0);
    q = fma(q, r, 0.5);
    q = fma(q, r, 1.0);
    q = fma(q, r, 1.0);
    const int e = int(n) + 127;
    return e <= 0 ? 0.0 : q * uintBitsToFloat(uint(e) << 23);
}

// Keys that order as the values (-0 and +0 equal, as the host's comparisons see them).
uint orderable(float v) {
    const uint b = v == 0.0 ? 0u : floatBitsToUint(v);
    return (b & 0x80000000u) != 0u ? ~b : (b | 0x80000000u);
}

// Tree reductions over the workgroup (fixed order: the same result on every run and device).
uint64_t max_all(uint64_t v) {
    const uint t = gl_LocalInvocationID.x;
    red[t] = v;
    barrier();
    [[unroll]] for (uint s = WG / 2; s > 0; s >>= 1) {
        if (t < s) red[t] = max(red[t], red[t + s]);
        barrier();
    }
    const uint64_t r = red[0];
    barrier();
    return r;
}

double sum_all(double v) {
    const uint t = gl_LocalInvocationID.x;
    red[t] = doubleBitsToUint64(v);
    barrier();
    [[unroll]] for (uint s = WG / 2; s > 0; s >>= 1) {
        if (t < s) red[t] = doubleBitsToUint64(uint64BitsToDouble(red[t]) + uint64BitsToDouble(red[t + s]));
        barrier();
    }
    const double r = uint64BitsToDouble(red[0]);
    barrier();
    return r;
}

// Inclusive scan of v over the threads (suffix: over threads >= t instead), integers: exact. Leaves the scan in red.
uint64_t scan_all(uint64_t v, bool suffix) {
    const uint t = gl_LocalInvocationID.x;
    red[t] = v;
    barrier();
    [[unroll]] for (uint off = 1; off < WG; off <<= 1) {
        uint64_t add = 0;
        if (suffix ? t + off < WG : t >= off) add = red[suffix ? t + off : t - off];
        barrier();
        red[t] += add;
        barrier();
    }
    return red[t];
}

void hist_add(uint bin, uint64_t m) {
    atomicAdd(hist_hi[bin], uint(m >> 15));
    atomicAdd(hist_lo[bin], uint(m) & 0x7fffu);
}

uint64_t hist_at(uint bin) { return (uint64_t(hist_hi[bin]) << 15) + uint64_t(hist_lo[bin]); }

// An id's draw weight in 2^-46 fixed point: 0 outside the nucleus (p < cutoff), else p (T = 1) or exp((x - max) / T).
uint64_t weight(float v, float m, float inv_sum, float cutoff, bool t1, float inv_t) {
    const float p = exp_acc(v - m) * inv_sum;
    if (!(p >= cutoff)) return 0ul;
    return uint64_t(double(t1 ? p : exp_acc((v - m) * inv_t)) * kFix);
}

void main() {
    const uint t = gl_LocalInvocationID.x, row = gl_WorkGroupID.x, V = pc.V;
    if (row >= pc.rows) return;  // the whole workgroup
    const uint base = pc.x_off + row * V;
    const Row P = prm[row];

    // 1. max, first index of it, invalid values
    if (t == 0) any_bad = 0u;
    float best = uintBitsToFloat(0xFF800000u);  // -inf
    uint best_i = 0xFFFFFFFFu;
    bool bad = false;
    for (uint i = t; i < V; i += WG) {
        const float v = logits[base + i];
        if (isnan(v) || (isinf(v) && v > 0.0)) bad = true;
        if (v > best) {
            best = v;
            best_i = i;
        }
    }
    barrier();
    if (bad) atomicOr(any_bad, 1u);
    const uint64_t key = max_all(best_i == 0xFFFFFFFFu ? 0ul : (uint64_t(orderable(best)) << 32) | uint64_t(~best_i));
    if (any_bad != 0u || key == 0ul) {
        if (t == 0) ids[pc.out_off + row] = any_bad != 0u ? -1 : -2;
        return;
    }
    const uint argmax = ~uint(key);
    if (P.temperature == 0.0 || P.top_p == 0.0) {
        if (t == 0) ids[pc.out_off + row] = int(argmax);
        return;
    }
    const float m = logits[base + argmax];

    // 2. softmax at temperature 1
    double s = 0.0;
#ifdef SAMPLE_KEEP_EXP
    const uint eb = row * V;
    for (uint i = t; i < V; i += WG) {
        const float e = exp_acc(logits[base + i] - m);
        ex[eb + i] = e;
        s += double(e);
    }
#else
    for (uint i = t; i < V; i += WG) s += double(exp_acc(logits[base + i] - m));
#endif
    const float inv_sum = float(1.0 / sum_all(s));

    // 3. nucleus edge (cutoff 0 keeps every id)
    float cutoff = 0.0;
    if (P.top_p < 1.0) {
        uint64_t target = uint64_t(double(P.top_p) * kFix);
        if (target == 0ul) target = 1ul;  // a tiny top_p keeps the top id (an empty bin never reaches it)
        uint prefix = 0u, prefix_mask = 0u;
        uint64_t above = 0ul;  // mass of the ids above the selected prefix (< target)
        bool keep_all = false;
        [[unroll]] for (int d = 0; d < 3; ++d) {  // bits 30..20, 19..10, 9..0 (bit 31, the sign, is 0)
            const uint shift = d == 0 ? 20u : d == 1 ? 10u : 0u, nb = d == 0 ? 2048u : 1024u;
            for (uint j = t; j < nb; j += WG) {
                hist_lo[j] = 0u;
                hist_hi[j] = 0u;
            }
            if (t == 0) sel_bin = -1;
            barrier();
            // runs of one bin in a thread's ids are added once: fewer atomics on the crowded bins
            int run_bin = -1;
            uint64_t run = 0ul;
            for (uint i = t; i < V; i += WG) {
#ifdef SAMPLE_KEEP_EXP
                const float p = ex[eb + i] * inv_sum;  // this thread's own write of step 2
#else
                const float p = exp_acc(logits[base + i] - m) * inv_sum;
#endif
                const uint bits = floatBitsToUint(p);
                if ((bits & prefix_mask) != prefix) continue;
                const int bin = int((bits >> shift) & (nb - 1u));
                if (bin != run_bin) {
                    if (run_bin >= 0 && run != 0ul) hist_add(uint(run_bin), run);
                    run_bin = bin;
                    run = 0ul;
                }
                run += uint64_t(double(p) * kFix);
            }
            if (run_bin >= 0 && run != 0ul) hist_add(uint(run_bin), run);
            barrier();
            // walk the bins from the top: thread t owns bins [t * bpt, (t + 1) * bpt)
            const uint bpt = nb / WG;
            uint64_t own = 0ul;
            for (uint j = 0; j < bpt; ++j) own += hist_at(t * bpt + j);
            const uint64_t suffix = scan_all(own, true);  // mass of the bins of threads >= t
            const uint64_t after = t + 1 < WG ? red[t + 1] : 0ul;
            if (above + suffix >= target && above + after < target) {  // exactly one thread
                uint64_t acc = above + after;
                uint j = (t + 1) * bpt - 1;
                for (; j > t * bpt; --j) {
                    if (acc + hist_at(j) >= target) break;
                    acc += hist_at(j);
                }
                sel_bin = int(j);
                sel_above = acc;
            }
            barrier();
            const int bin = sel_bin;
            if (bin < 0) {
                keep_all = true;  // the whole mass stays below top_p (rounding): no cut, as on the host
                break;
            }
            above = sel_above;
            prefix |= uint(bin) << shift;
            prefix_mask |= (nb - 1u) << shift;
            barrier();  // sel_* and the histograms are rewritten by the next pass
        }
        if (!keep_all) cutoff = uintBitsToFloat(prefix);
    }

    // 4. the draw over the kept ids in ascending id order
    const bool t1 = P.temperature == 1.0;
    const float inv_t = 1.0 / P.temperature;
    const uint per = (V + WG - 1u) / WG;
    const uint w0 = min(V, t * per), w1 = min(V, w0 + per);
    uint64_t part = 0ul;
#ifdef SAMPLE_DRAW_BINS
    if (t1) {  // per-thread sums by bins (WG <= 2048 bins); the kept mass <= ~1, so the split sums fit as in step 3
        hist_lo[t] = 0u;
        hist_hi[t] = 0u;
        barrier();
        for (uint i = t; i < V; i += WG) {
            const float p = ex[eb + i] * inv_sum;  // this thread's own write of step 2
            if (p >= cutoff) hist_add(i / per, uint64_t(double(p) * kFix));
        }
        barrier();
        part = hist_at(t);
    } else
#endif
    for (uint i = w0; i < w1; ++i) part += weight(logits[base + i], m, inv_sum, cutoff, t1, inv_t);
    const uint64_t incl = scan_all(part, false);
    const uint64_t total = red[WG - 1];
    const uint64_t excl = incl - part;
    // the maximum has weight 2^46, so total > 0; u < 1 keeps the target below the total
    uint64_t target = uint64_t(P.u * double(total));
    if (target >= total) target = total - 1ul;
    if (excl <= target && target < incl) {  // exactly one thread
        uint64_t run = excl;
        for (uint i = w0; i < w1; ++i) {
            run += weight(logits[base + i], m, inv_sum, cutoff, t1, inv_t);
            if (target < run) {
                ids[pc.out_off + row] = int(i);
                break;
            }
        }
    }
}
