// kernels/cuda/sample.cu — the next token of every row of a batched decode step, picked on the device
// (Model::forward_batch_sample): greedy, or spec §8.3 without penalties / bans / top_k — softmax at temperature 1,
// nucleus cut at top_p (ties kept), p^(1/T) over the kept ids, one draw with the caller's uniform number — the
// definitions of engine/src/sampler/sampler.cpp (sample_token). One CTA of 1024 threads per row (one CTA per SM: the
// first 51,200 values of the row stay in shared memory, the rest are read again from L2), nothing sorted:
//   1. max and the first index of it; NaN / +inf anywhere -> code -1, every logit -inf -> code -2; greedy stops here.
//   2. e = exp(x - max), summed in fp64 (e replaces the logit in shared memory); p = e * float(1 / sum) in fp32, as
//      the host.
//   3. (top_p < 1) the nucleus edge by radix selection over the fp32 bit patterns of p (monotone for p >= 0):
//      11 + 10 + 10 bits, each pass a shared-memory histogram of probability mass in 2^-46 fixed point (integer
//      sums: the same whatever the order), walked from the top until the mass reaches top_p. The result is the
//      host's cutoff: the largest p whose mass of ids at or above it reaches top_p (the host finds it with an fp32
//      running sum in sorted order: the edge differs only within that sum's rounding). Kept: p >= cutoff.
//      Ids of mass below (lower bound of the row's total mass - target) / V are left out of the histograms (v35):
//      together they hold less than total - target, so the ids at or above them already reach top_p and the edge
//      lies above every one of them — the same cutoff, bin for bin. A mass m is added as two native 32-bit atomics,
//      m >> 15 and m & 0x7fff (neither sum overflows: the high parts add up to at most ~2^31, the low ones to
//      V * 2^15 <= 2^32); a bin that holds many lanes of a warp is summed first and added once (v32: colliding
//      atomics on crowded rows), and a warp with no lane in the histogram skips it (v35). After the first pass (v38),
//      when the selected bin provably holds at most kListMax histogram ids (its mass over the least mass an id in it
//      can have), one pass lists them in shared memory and sums the draw weights of the ids above the bin per warp
//      range; passes 2 and 3 and the draw's first phase then read only the list (the same ids, sums and cutoff).
//      Each pass's bins are walked by all 32 warps (v43w, session 14): lane sums of 2 (or 1) bins, exact integer
//      suffixes over the lanes and then over the warps' totals (red_u2, free until the draw), and the selected warp's
//      lanes find the highest bin whose suffix reaches top_p (before: warp 0 alone, 64 bins per lane serially, while
//      31 warps waited). The same sums, so the same bin. H200 (the kernel alone, ids identical on every row): the
//      random 7.2B's logits top-p 0.3 B=256 0.194 -> 0.172 ms, B=1024 0.739 -> 0.655; flat, peaked and sd-2 rows
//      -4 to -13 %.
//   v56 (session 22): the first pass reads the row with 16-byte loads (V a multiple of 4: 4 x 16 bytes in flight per
//   thread instead of 4 x 4; the wave's 33 MB were read at latency) and the softmax pass reads the tail past the
//   cache in a loop of its own; the same ids, values and order. H200, the kernel alone: -3 to -6 % on every row kind
//   (7.2B logits top-p 0.3 B=256 0.173 -> 0.168 ms, B=1024 0.661 -> 0.632). Lost: the list pass with the ids
//   interleaved over the warps (+25 % on model rows: every warp's atomics on the same draw range).
//   v58 (session 25; set_sample_rows_v58, default on): the softmax pass also marks, per 32 ids in two bit planes (in
//   the histogram arrays), which of three thresholds (2^-4, 2^-4.5, 2^-5) each e = exp(x - max) reaches; the lowest
//   threshold T whose ids fit in kCandCap gives a list of candidate ids in ascending order (a block scan of the words'
//   popcounts), and when the list's histogram ids of p > L = fp32(T * inv_sum) hold at least the target mass, the
//   three radix passes and the draw run over the list alone (step 3's header argument: every id left out has
//   p <= L, below the edge, and dropping ids below the edge changes no pass's bin; the kept ids are all listed): the
//   same cutoff, weights and ids. Rows where no list fits, or the bound falls short, run the full passes (the cache is
//   43,008 values then, the list's 32 KB past it). H200, the kernel alone on the random 7.2B's logits, top-p 0.3
//   (97 % of the rows by the list): B=256 0.167 -> 0.158 ms, B=1024 0.623 -> 0.470; rows that fall back 10-24 %
//   slower (flat rows, top-p 0.9 on these logits): docs/perf/cuda-rows.md v58.
//   4. the draw: weights p (T = 1) or exp((x - max) / T) of the kept ids in 2^-46 fixed point, in ascending id order:
//      per-warp sums of contiguous id ranges find the range holding u * total, the block splits that range again
//      (v35), and one warp scans its piece: the first id whose running sum exceeds u * total. Integer sums are
//      exact, so exactly one id is picked and it has a positive weight.
#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdlib>

#include "common.cuh"

namespace rwkv::cuda_kernels {
namespace {

constexpr int kThreads = 1024;
constexpr int kWarps = kThreads / 32;
// values per row kept in shared memory (200 KB: with the 25 KB of histograms, the id list and reductions, inside
// the 227 KB a CTA may have on sm_90)
constexpr int kCacheMax = 51200;
// 2^46: p in [0, 1] as an integer mass, for the nucleus histograms and the draw weights; V * 2^46 < 2^64 for
// V <= kSampleMaxVocab, and V * 2^15 <= 2^32 for the histograms' low halves
constexpr double kFix = 70368744177664.0;
constexpr int kLoBits = 15;
constexpr int kCrowd = 6;    // a bin holding at least this many lanes of a warp is summed before its atomic add
constexpr int kCrowdRounds = 4;
// ids of the first pass's selected bin kept in a list for the two later radix passes (v38; 8 KB of shared memory)
constexpr int kListMax = 2048;
// v58 (session 25): with the candidate list on, the cache holds fewer values and the list of candidate ids (uint16)
// follows it in dynamic shared memory: 43,008 x 4 + 16,384 x 2 bytes + the static 26 KB, inside sm_90's 227 KB
constexpr int kCache58 = 43008;
constexpr int kCandCap = 16384;
// the three thresholds on e = exp(x - max) (descending); the candidate list holds the ids of e >= one of them
constexpr float kCandT0 = 0.0625f, kCandT1 = 0.0441941738f, kCandT2 = 0.03125f;  // 2^-4, 2^-4.5, 2^-5
static_assert(double(kSampleMaxVocab) * double(1 << kLoBits) <= 4294967296.0, "histogram low halves overflow");

__device__ unsigned long long g_v58_rows = 0;  // rows whose cutoff and draw came from the v58 list (tests, bench)

// Inclusive scan over the warp (exact: integers).
__device__ __forceinline__ std::uint64_t warp_incl_scan(std::uint64_t v, int lane) {
#pragma unroll
    for (int o = 1; o < 32; o <<= 1) {
        const std::uint64_t t = __shfl_up_sync(0xffffffffu, v, o);
        if (lane >= o) v += t;
    }
    return v;
}

// floor(p * 2^46) for p in [0, 1]: the product is exact in fp32 (a power of two), so this equals v32's fp64
// conversion uint64(double(p) * 2^46) bit for bit, without the fp64 work.
__device__ __forceinline__ std::uint64_t fixed_mass(float p) { return __float2ull_rz(p * 70368744177664.0f); }

// hist[bin] += mass for each lane with bin >= 0 (the whole warp calls it, `act` = the ballot of bin >= 0, not 0):
// the mass in two 32-bit halves, hi[bin] += mass >> kLoBits, lo[bin] += the low kLoBits bits. Up to kCrowdRounds
// times the bin of the first lane left is looked at: when it holds kCrowd lanes or more they are summed and added
// once (the case where the lanes' atomics would collide); otherwise, and for the lanes left, plain atomics.
__device__ __forceinline__ void hist_add(int bin, std::uint64_t mass, int lane, unsigned act, std::uint32_t* hi,
                                         std::uint32_t* lo) {
    const std::uint32_t h = std::uint32_t(mass >> kLoBits), l = std::uint32_t(mass) & ((1u << kLoBits) - 1u);
#pragma unroll 1
    for (int r = 0; r < kCrowdRounds && act != 0; ++r) {  // warp-uniform
        const int leader = __ffs(int(act)) - 1;
        const int b = __shfl_sync(0xffffffffu, bin, leader);
        const unsigned grp = __ballot_sync(0xffffffffu, bin == b);  // inside act: b >= 0, and earlier groups left it
        if (__popc(grp) < kCrowd) break;
        const bool in = bin == b;  // a bin's lanes sum to at most its mass (< ~2^31 + 2^20)
        const std::uint32_t sh = __reduce_add_sync(0xffffffffu, in ? h : 0u);
        const std::uint32_t sl = __reduce_add_sync(0xffffffffu, in ? l : 0u);
        if (lane == leader) atomicAdd(&hi[b], sh), atomicAdd(&lo[b], sl);
        act &= ~grp;
    }
    if ((act >> lane) & 1u) atomicAdd(&hi[bin], h), atomicAdd(&lo[bin], l);
}

// The draw's last steps, for the whole vocabulary (entry j = id j) and v58's candidate list (entry j = cand[j]) alike:
// red_u[w] holds the kept weight of entries [w * per_range, (w + 1) * per_range) of n. The first range whose running
// sum passes the target u * total is split again over the warps, one piece each; the one warp whose piece holds the
// target scans it and writes the id of the first entry past the target to *out. The whole block calls it.
template <class IdOf, class Weight>
__device__ __forceinline__ void draw_in_ranges(const std::uint64_t* red_u, std::uint64_t* red_u2, int n, int per_range,
                                               double u, IdOf id_of, Weight weight, int warp, int lane, std::int32_t* out) {
    std::uint64_t total = 0;
    for (int w = 0; w < kWarps; ++w) total += red_u[w];
    // the maximum has weight 2^46 (and is listed), so total > 0; u < 1 keeps the target below the total
    std::uint64_t target = std::uint64_t(u * double(total));
    if (target >= total) target = total - 1;
    int sw = 0;  // the range: the first warp whose running sum exceeds the target
    std::uint64_t run = 0;
    while (target >= run + red_u[sw]) run += red_u[sw++];
    const int r0 = sw * per_range, r1 = min(n, r0 + per_range), sub = (r1 - r0 + kWarps - 1) / kWarps;
    const int s0 = min(r1, r0 + warp * sub), s1 = min(r1, s0 + sub);
    {
        std::uint64_t acc = 0;
        for (int j = s0 + lane; j < s1; j += 32) acc += weight(id_of(j));
        acc = warp_sum(acc);
        if (lane == 0) red_u2[warp] = acc;
    }
    __syncthreads();
    std::uint64_t excl = run, part = 0;
    for (int w = 0; w < kWarps; ++w) {
        if (w < warp) excl += red_u2[w];
        if (w == warp) part = red_u2[w];
    }
    if (excl <= target && target < excl + part) {  // exactly one warp: scan its piece
        std::uint64_t r = excl;
        for (int base = s0; base < s1; base += 32) {
            const int j = base + lane;
            const std::uint64_t incl = warp_incl_scan(j < s1 ? weight(id_of(j)) : 0, lane);
            const unsigned hit = __ballot_sync(0xffffffffu, target < r + incl);
            if (hit) {  // the first entry past the target: its weight is positive
                if (lane == 0) *out = id_of(base + __ffs(int(hit)) - 1);
                break;
            }
            r += __shfl_sync(0xffffffffu, incl, 31);
        }
    }
}

__global__ void __launch_bounds__(kThreads, 1) sample_rows_kernel(const float* __restrict__ logits, int V,
                                                                  const SampleRow* __restrict__ rows,
                                                                  std::int32_t* __restrict__ out, int mode) {
    extern __shared__ __align__(16) float cache[];  // [min(V, kCacheMax)]: the logits, then e = exp(x - max)
    __shared__ std::uint32_t hist_hi[2048], hist_lo[2048];
    __shared__ float red_f[kWarps];
    __shared__ int red_i[kWarps];
    __shared__ double red_d[32];
    __shared__ std::uint64_t red_u[kWarps], red_u2[kWarps];
    __shared__ std::uint64_t sel_above, sel_mass;
    __shared__ int sel_bin;
    __shared__ int list_ids[kListMax];
    __shared__ int list_n;
    __shared__ int red3[3][kWarps];
    const int tid = threadIdx.x, lane = tid & 31, warp = tid >> 5;
    const float* x = logits + std::size_t(blockIdx.x) * std::size_t(V);
    const SampleRow prm = rows[blockIdx.x];
    const int v56 = mode & 1;
    const int cache_n = min(V, (mode & 2) ? kCache58 : kCacheMax);
    std::uint16_t* const cand = reinterpret_cast<std::uint16_t*>(cache + cache_n);  // v58: after the cache
    if (tid == 0) list_n = 0;  // published by the barriers below

    // 1. max, first index of it, invalid values; the row's head into shared memory
    float best = -INFINITY;
    int best_i = INT_MAX;
    int bad = 0;
    if ((v56 & 1) && (V & 3) == 0) {  // v56: 16-byte loads, 4 in flight per thread (cache_n is a multiple of 4 too);
        // each thread's ids ascend, so `>` keeps its first index of the maximum, as below
        const float4* x4 = reinterpret_cast<const float4*>(x);
        float4* c4 = reinterpret_cast<float4*>(cache);
        const int V4 = V >> 2, n4 = cache_n >> 2;
#pragma unroll 4
        for (int j = tid; j < V4; j += kThreads) {
            const float4 q = x4[j];
            if (j < n4) c4[j] = q;
            const float v[4] = {q.x, q.y, q.z, q.w};
#pragma unroll
            for (int k = 0; k < 4; ++k) {
                if (isnan(v[k]) || v[k] == INFINITY) bad = 1;
                if (v[k] > best) best = v[k], best_i = 4 * j + k;
            }
        }
    } else {
#pragma unroll 4
        for (int i = tid; i < V; i += kThreads) {
            const float v = x[i];
            if (i < cache_n) cache[i] = v;
            if (isnan(v) || v == INFINITY) bad = 1;
            if (v > best) best = v, best_i = i;
        }
    }
#pragma unroll
    for (int o = 16; o > 0; o >>= 1) {
        const float ob = __shfl_xor_sync(0xffffffffu, best, o);
        const int oi = __shfl_xor_sync(0xffffffffu, best_i, o);
        if (ob > best || (ob == best && oi < best_i)) best = ob, best_i = oi;
    }
    if (lane == 0) red_f[warp] = best, red_i[warp] = best_i;
    bad = __syncthreads_or(bad);
    if (warp == 0) {
        best = red_f[lane];
        best_i = red_i[lane];
#pragma unroll
        for (int o = 16; o > 0; o >>= 1) {
            const float ob = __shfl_xor_sync(0xffffffffu, best, o);
            const int oi = __shfl_xor_sync(0xffffffffu, best_i, o);
            if (ob > best || (ob == best && oi < best_i)) best = ob, best_i = oi;
        }
        if (lane == 0) red_f[0] = best, red_i[0] = best_i;
    }
    __syncthreads();
    const float m = red_f[0];
    const int argmax = red_i[0];
    if (bad || argmax == INT_MAX) {
        if (tid == 0) out[blockIdx.x] = bad ? -1 : -2;
        return;
    }
    if (prm.temperature == 0.0f || prm.top_p == 0.0f) {
        if (tid == 0) out[blockIdx.x] = argmax;
        return;
    }

    // v58: the candidate list path (block-uniform): a nucleus cut, V a multiple of 32 (every warp's 32 ids in one
    // 32-bit word of the bit planes), ids in 16 bits
    const bool fast58 = (mode & 2) && prm.top_p < 1.0f && (V & 31) == 0 && V <= 65536;

    // 2. softmax at temperature 1; each entry is read and rewritten by one thread (step 1's barriers published it)
    double s = 0.0;
    if (fast58) {  // v56's loops (the same ids in the same order, so the same sum) + each id's threshold code
        // code = how many of the thresholds e reaches (0-3), as two bit planes of one word per 32 ids in the
        // histogram arrays (free until the nucleus passes): plane 0 = code bit 0, plane 1 = code bit 1
        auto mark = [&](int i, float e) {
            const int code = (e >= kCandT0 ? 1 : 0) + (e >= kCandT1 ? 1 : 0) + (e >= kCandT2 ? 1 : 0);
            const unsigned b0 = __ballot_sync(0xffffffffu, (code & 1) != 0);
            const unsigned b1 = __ballot_sync(0xffffffffu, (code & 2) != 0);
            if (lane == 0) hist_hi[i >> 5] = b0, hist_lo[i >> 5] = b1;
        };
        int i = tid;
        for (; i < cache_n; i += kThreads) {  // cache_n is a multiple of 32: warp-uniform
            const float e = expf(cache[i] - m);
            cache[i] = e;
            s += double(e);
            mark(i, e);
        }
#pragma unroll 4
        for (; i < V; i += kThreads) {
            const float e = expf(x[i] - m);
            s += double(e);
            mark(i, e);
        }
    } else if (v56 & 1) {  // v56: the same ids in the same order, the tail's loads (L2) in a loop of their own, 4 in flight
        int i = tid;
        for (; i < cache_n; i += kThreads) {
            const float e = expf(cache[i] - m);
            cache[i] = e;
            s += double(e);
        }
#pragma unroll 4
        for (; i < V; i += kThreads) s += double(expf(x[i] - m));
    } else {
        for (int i = tid; i < V; i += kThreads) {
            const float e = expf((i < cache_n ? cache[i] : x[i]) - m);
            if (i < cache_n) cache[i] = e;
            s += double(e);
        }
    }
    const float inv_sum = float(1.0 / block_sum(s, red_d));  // its barriers publish the cache
    auto prob = [&](int i) { return (i < cache_n ? cache[i] : expf(x[i] - m)) * inv_sum; };
    const bool t1 = prm.temperature == 1.0f;
    const float inv_t = 1.0f / prm.temperature;
    const int per_warp = (V + kWarps - 1) / kWarps;  // the draw's contiguous id range per warp
    // v38: after the first radix pass, when its selected bin provably holds at most kListMax histogram ids, one pass
    // lists them (list_ids) and sums the draw's weights of the ids above that bin per warp range (red_u); the two
    // later radix passes and the draw's first phase then read only the list.
    bool list_mode = false;
    int n_list = 0;

    // The walk over a pass's bins (v43w, session 14): warp w owns bins [w*wb, (w+1)*wb), lane l cw of them; the highest
    // bin j with above + mass(bins >= j) >= target, from exact integer suffix sums (lanes, then warps), into sel_bin,
    // sel_above and sel_mass (sel_bin -1: none). Every thread calls it after the pass's histogram barrier.
    auto walk_bins = [&](int nb, std::uint64_t above, std::uint64_t target) {
        auto hist = [&](int j) { return (std::uint64_t(hist_hi[j]) << kLoBits) + hist_lo[j]; };
        const int wb = nb / kWarps, cw = wb / 32, b0 = warp * wb + lane * cw;
        std::uint64_t own = 0;
        for (int j = 0; j < cw; ++j) own += hist(b0 + j);
        std::uint64_t lsuf = own;  // mass of bins >= b0 in this warp
#pragma unroll
        for (int o = 1; o < 32; o <<= 1) {
            const std::uint64_t t = __shfl_down_sync(0xffffffffu, lsuf, o);
            if (lane + o < 32) lsuf += t;
        }
        if (lane == 0) red_u2[warp] = lsuf;
        __syncthreads();
        std::uint64_t wsuf = red_u2[lane];  // lane l: mass of the warps >= l
#pragma unroll
        for (int o = 1; o < 32; o <<= 1) {
            const std::uint64_t t = __shfl_down_sync(0xffffffffu, wsuf, o);
            if (lane + o < 32) wsuf += t;
        }
        const unsigned wreach = __ballot_sync(0xffffffffu, above + wsuf >= target);
        const std::uint64_t wabove = __shfl_sync(0xffffffffu, wsuf, min(warp + 1, 31));
        if (wreach == 0) {
            if (tid == 0) sel_bin = -1;
        } else if (warp == 31 - __clz(wreach)) {  // the highest bin j with above + mass(>= j) >= target
            std::uint64_t acc = above + (warp < 31 ? wabove : 0) + lsuf;  // above + mass(>= b0 + j)
            int cbin = -1;
            std::uint64_t c_above = 0, c_mass = 0;
            for (int j = 0; j < cw; ++j) {
                const std::uint64_t hj = hist(b0 + j);
                if (acc >= target) cbin = b0 + j, c_above = acc - hj, c_mass = hj;
                acc -= hj;
            }
            const unsigned lreach = __ballot_sync(0xffffffffu, cbin >= 0);
            if (lane == 31 - __clz(lreach)) sel_bin = cbin, sel_above = c_above, sel_mass = c_mass;
        }
    };

    // 3. nucleus edge (cutoff 0 keeps every id)
    float cutoff = 0.0f;
    bool done58 = false;  // v58: the cutoff came from the candidate list (cand[0, n_cand)), which the draw reads too
    int n_cand = 0;
    if (prm.top_p < 1.0f) {
        std::uint64_t target = std::uint64_t(double(prm.top_p) * kFix);
        if (target == 0) target = 1;  // a tiny top_p keeps the top id (an empty bin never reaches it)
        // The row's total mass is at least 2^46 - 2^26 - V: sum p >= 1 - 2^-22 (fp32 rounding of 1 / sum and of each
        // product, relative 2^-24 each; the fp64 sum's error is far smaller), and flooring loses < 1 per id. Ids
        // of mass below (that - target) / V hold less than total - target together: left out (see the header).
        const std::uint64_t total_lb = (1ull << 46) - (1ull << 26) - std::uint64_t(V);
        const std::uint64_t skip = total_lb > target ? (total_lb - target) / std::uint64_t(V) : 0;
        const std::uint64_t min_mass = skip > 0 ? skip : 1;
        // v58 (session 25): the nucleus passes and the draw over a list of candidate ids instead of the whole row. The
        // list holds, in ascending order, every id whose e reaches a threshold T (the lowest of kCandT0-2 whose ids fit
        // in kCandCap), from the bit planes of the softmax pass. With L = fp32(T * inv_sum), an id outside the list
        // has p <= L (rounding is monotone), so when the list's histogram ids of p > L hold mass >= target, the edge
        // (the largest p whose ids at or above it reach the target) lies above every id left out: dropping ids
        // strictly below the edge leaves each pass's selected bin, and the mass above it, unchanged (the bins above
        // hold only ids above the edge, all listed; the selected bin's listed mass still reaches the target), so the
        // cutoff is the full passes' cutoff; and the kept ids, all listed, are drawn in the same ascending order with
        // the same weights. Otherwise (too many candidates, the bound short) the full passes below run.
        if (fast58) {
            const int nw = V >> 5, wpt = (nw + kThreads - 1) / kThreads;
            const int w0 = min(nw, tid * wpt), w1 = min(nw, w0 + wpt);
            auto word_of = [&](int k, int w) {  // the ids of e >= kCandT<k> among ids 32w .. 32w + 31
                const std::uint32_t p0 = hist_hi[w], p1 = hist_lo[w];
                return k == 0 ? (p0 & p1) : k == 1 ? p1 : (p0 | p1);
            };
            int c0 = 0, c1 = 0, c2 = 0;
            for (int w = w0; w < w1; ++w) c0 += __popc(word_of(0, w)), c1 += __popc(word_of(1, w)), c2 += __popc(word_of(2, w));
            c0 = warp_sum(c0), c1 = warp_sum(c1), c2 = warp_sum(c2);
            if (lane == 0) red3[0][warp] = c0, red3[1][warp] = c1, red3[2][warp] = c2;
            __syncthreads();
            int n0 = 0, n1 = 0, n2 = 0;  // the list's length for each threshold
            for (int w = 0; w < kWarps; ++w) n0 += red3[0][w], n1 += red3[1][w], n2 += red3[2][w];
            const int k = n2 <= kCandCap ? 2 : n1 <= kCandCap ? 1 : n0 <= kCandCap ? 0 : -1;  // block-uniform
            if (k >= 0) {
                int own = 0;  // this thread's words, in order: an exclusive scan over the threads places its ids
                for (int w = w0; w < w1; ++w) own += __popc(word_of(k, w));
                int incl = own;
#pragma unroll
                for (int o = 1; o < 32; o <<= 1) {
                    const int t = __shfl_up_sync(0xffffffffu, incl, o);
                    if (lane >= o) incl += t;
                }
                if (lane == 31) red_i[warp] = incl;
                __syncthreads();
                int at = incl - own;
                for (int w = 0; w < warp; ++w) at += red_i[w];
                for (int w = w0; w < w1; ++w)
                    for (std::uint32_t bits = word_of(k, w); bits != 0; bits &= bits - 1u)
                        cand[at++] = std::uint16_t(32 * w + __ffs(int(bits)) - 1);
                n_cand = k == 0 ? n0 : k == 1 ? n1 : n2;
                __syncthreads();  // the list is complete; the bit planes (the histograms) are free
                const float L = (k == 0 ? kCandT0 : k == 1 ? kCandT1 : kCandT2) * inv_sum;
                std::uint32_t prefix = 0, prefix_mask = 0;
                std::uint64_t above = 0;
                bool ok = true;
                for (int d = 0; d < 3; ++d) {
                    const int shift = d == 0 ? 20 : d == 1 ? 10 : 0, nb = d == 0 ? 2048 : 1024;
                    for (int j = tid; j < nb; j += kThreads) hist_hi[j] = 0, hist_lo[j] = 0;
                    __syncthreads();
                    std::uint64_t bound = 0;  // pass 0: the mass of the listed histogram ids of p > L
                    for (int base = warp * 32; base < n_cand; base += kThreads) {  // warp-uniform trip count
                        const int j = base + lane;
                        const float p = j < n_cand ? prob(int(cand[j])) : -1.0f;
                        const std::uint32_t bits = __float_as_uint(p);
                        int bin = -1;
                        std::uint64_t mass = 0;
                        if ((bits & prefix_mask) == prefix && p >= 0.0f) {
                            mass = fixed_mass(p);
                            if (mass >= min_mass) bin = int((bits >> shift) & std::uint32_t(nb - 1));
                        }
                        if (bin >= 0 && p > L) bound += mass;
                        const unsigned act = __ballot_sync(0xffffffffu, bin >= 0);
                        if (act != 0) hist_add(bin, mass, lane, act, hist_hi, hist_lo);
                    }
                    if (d == 0) {
                        bound = warp_sum(bound);
                        if (lane == 0) red_u[warp] = bound;
                    }
                    __syncthreads();
                    if (d == 0) {
                        std::uint64_t tb = 0;
                        for (int w = 0; w < kWarps; ++w) tb += red_u[w];
                        if (tb < target) {  // block-uniform: the full passes decide
                            ok = false;
                            break;
                        }
                    }
                    walk_bins(nb, above, target);
                    __syncthreads();
                    const int bin = sel_bin;
                    if (bin < 0) {  // not reached (the bound keeps every pass's target in the list); full passes
                        ok = false;
                        break;
                    }
                    above = sel_above;
                    prefix |= std::uint32_t(bin) << shift;
                    prefix_mask |= std::uint32_t(nb - 1) << shift;
                    __syncthreads();  // sel_* and hist are rewritten by the next pass
                }
                if (ok) {
                    cutoff = __uint_as_float(prefix);
                    done58 = true;
                }
            }
        }
        if (!done58) {
            std::uint32_t prefix = 0, prefix_mask = 0;
            std::uint64_t above = 0;  // mass of the ids above the selected prefix (< target)
            bool keep_all = false;
            for (int d = 0; d < 3; ++d) {  // bits 30..20, 19..10, 9..0 (bit 31, the sign, is 0)
                const int shift = d == 0 ? 20 : d == 1 ? 10 : 0, nb = d == 0 ? 2048 : 1024;
                for (int j = tid; j < nb; j += kThreads) hist_hi[j] = 0, hist_lo[j] = 0;
                __syncthreads();
                if (list_mode) {
                    for (int base = warp * 32; base < n_list; base += kThreads) {
                        const int j = base + lane;
                        const float p = j < n_list ? prob(list_ids[j]) : -1.0f;
                        const std::uint32_t bits = __float_as_uint(p);
                        int bin = -1;
                        std::uint64_t mass = 0;
                        if ((bits & prefix_mask) == prefix && p >= 0.0f) {
                            mass = fixed_mass(p);
                            if (mass >= min_mass) bin = int((bits >> shift) & std::uint32_t(nb - 1));
                        }
                        const unsigned act = __ballot_sync(0xffffffffu, bin >= 0);
                        if (act != 0) hist_add(bin, mass, lane, act, hist_hi, hist_lo);
                    }
                } else {
                    for (int base = warp * 32; base < V; base += kThreads) {  // warp-uniform trip count (hist_add syncs)
                        const int i = base + lane;
                        const float p = i < V ? prob(i) : -1.0f;  // -1: no id (its bits fail every prefix: sign set)
                        const std::uint32_t bits = __float_as_uint(p);
                        int bin = -1;
                        std::uint64_t mass = 0;
                        if ((bits & prefix_mask) == prefix && p >= 0.0f) {
                            mass = fixed_mass(p);
                            if (mass >= min_mass) bin = int((bits >> shift) & std::uint32_t(nb - 1));
                        }
                        const unsigned act = __ballot_sync(0xffffffffu, bin >= 0);
                        if (act != 0) hist_add(bin, mass, lane, act, hist_hi, hist_lo);
                    }
                }
                __syncthreads();
                walk_bins(nb, above, target);
                __syncthreads();
                const int bin = sel_bin;
                if (bin < 0) {
                    keep_all = true;  // the whole mass stays below top_p (rounding): no cut, as on the host
                    break;
                }
                above = sel_above;
                prefix |= std::uint32_t(bin) << shift;
                prefix_mask |= std::uint32_t(nb - 1) << shift;
                // the bin's histogram ids number at most its mass over the least mass one of them can have
                const std::uint64_t least = max(min_mass, fixed_mass(__uint_as_float(std::uint32_t(bin) << shift)));
                const bool to_list = d == 0 && sel_mass / least <= std::uint64_t(kListMax);
                __syncthreads();  // sel_* and hist are rewritten by the next pass
                if (to_list) {  // block-uniform: the list of the bin's histogram ids, the weights above the bin per warp
                    const std::uint32_t b1 = std::uint32_t(bin);
                    const int w0 = min(V, warp * per_warp), w1 = min(V, w0 + per_warp);
                    std::uint64_t acc = 0;
                    for (int b0 = w0; b0 < w1; b0 += 32) {  // warp-uniform trip count (the ballot)
                        const int i = b0 + lane;
                        const float p = i < w1 ? prob(i) : -1.0f;
                        const std::uint32_t top = __float_as_uint(p) >> 20;
                        if (p >= 0.0f && top > b1) acc += fixed_mass(t1 ? p : expf((x[i] - m) * inv_t));  // kept
                        const bool put = p >= 0.0f && top == b1 && fixed_mass(p) >= min_mass;
                        const unsigned bal = __ballot_sync(0xffffffffu, put);
                        if (bal != 0) {
                            const int leader = __ffs(int(bal)) - 1;
                            int at = 0;
                            if (lane == leader) at = atomicAdd(&list_n, __popc(bal));
                            at = __shfl_sync(0xffffffffu, at, leader);
                            if (put) list_ids[at + __popc(bal & ((1u << lane) - 1u))] = i;
                        }
                    }
                    acc = warp_sum(acc);
                    if (lane == 0) red_u[warp] = acc;
                    __syncthreads();
                    n_list = list_n;
                    list_mode = true;
                }
            }
            if (!keep_all) cutoff = __uint_as_float(prefix);
        }
    }

    // 4. the draw over the kept ids, in ascending id order
    auto weight = [&](int i) -> std::uint64_t {
        const float p = prob(i);
        if (!(p >= cutoff)) return 0;
        return fixed_mass(t1 ? p : expf((x[i] - m) * inv_t));
    };
    if (done58) {  // v58: the kept ids are all listed, in ascending order: the same draw over the list's entries
        if (tid == 0) atomicAdd(&g_v58_rows, 1ull);
        // warp w sums the weights of entries [w*cpw, (w+1)*cpw); the range holding the target is split again over
        // the warps, and the one warp whose piece holds it scans that piece
        const int cpw = (n_cand + kWarps - 1) / kWarps;
        {
            const int e0 = min(n_cand, warp * cpw), e1 = min(n_cand, e0 + cpw);
            std::uint64_t acc = 0;
            for (int j = e0 + lane; j < e1; j += 32) acc += weight(int(cand[j]));
            acc = warp_sum(acc);
            if (lane == 0) red_u[warp] = acc;
        }
        __syncthreads();
        draw_in_ranges(red_u, red_u2, n_cand, cpw, prm.u, [&](int j) { return int(cand[j]); }, weight, warp, lane,
                       &out[blockIdx.x]);
        return;
    }
    // warp w sums the weights of ids [w0, w1); every thread then finds the range that holds the target
    if (list_mode && cutoff > 0.0f) {  // the ids above the list's bin are in red_u already; add the list's kept ids
        for (int j = tid; j < n_list; j += kThreads) {
            const int i = list_ids[j];
            const std::uint64_t wt = weight(i);
            if (wt != 0) atomicAdd(reinterpret_cast<unsigned long long*>(&red_u[i / per_warp]), (unsigned long long)wt);
        }
    } else {
        const int w0 = min(V, warp * per_warp), w1 = min(V, w0 + per_warp);
        std::uint64_t acc = 0;
        for (int i = w0 + lane; i < w1; i += 32) acc += weight(i);
        acc = warp_sum(acc);
        if (lane == 0) red_u[warp] = acc;
    }
    __syncthreads();
    draw_in_ranges(red_u, red_u2, V, per_warp, prm.u, [](int i) { return i; }, weight, warp, lane,
                   &out[blockIdx.x]);
}

int g_sample_v56 = [] {  // set_sample_rows_v56; env RWKV_CUDA_SAMPLE_V56 = 0 / 1
    const char* e = std::getenv("RWKV_CUDA_SAMPLE_V56");
    return e != nullptr && e[0] == '0' ? 0 : 1;
}();
int g_sample_v58 = [] {  // set_sample_rows_v58; env RWKV_CUDA_SAMPLE_V58 = 0 / 1
    const char* e = std::getenv("RWKV_CUDA_SAMPLE_V58");
    return e != nullptr && e[0] == '0' ? 0 : 1;
}();

}  // namespace

void set_sample_rows_v56(int mode) { g_sample_v56 = mode & 1; }
void set_sample_rows_v58(int mode) { g_sample_v58 = mode & 1; }

unsigned long long sample_rows_v58_count() {
    unsigned long long n = 0;
    if (cudaMemcpyFromSymbol(&n, g_v58_rows, sizeof n) != cudaSuccess) return ~0ull;
    return n;
}

cudaError_t launch_sample_rows(const float* logits, int rows, int V, const SampleRow* params, std::int32_t* out,
                               cudaStream_t stream) {
    if (rows <= 0) return cudaSuccess;
    if (V <= 0 || V > kSampleMaxVocab) return cudaErrorInvalidValue;
    const bool v58 = g_sample_v58 != 0;
    const std::size_t smem = v58 ? std::size_t(std::min(V, kCache58)) * sizeof(float) + std::size_t(kCandCap) * 2
                                 : std::size_t(std::min(V, kCacheMax)) * sizeof(float);
    const cudaError_t e = cudaFuncSetAttribute(sample_rows_kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, int(smem));
    if (e != cudaSuccess) return e;
    sample_rows_kernel<<<rows, kThreads, smem, stream>>>(logits, V, params, out, g_sample_v56 | (v58 ? 2 : 0));
    return cudaGetLastError();
}

}  // namespace rwkv::cuda_kernels
