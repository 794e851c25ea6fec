// kernels/cuda/sparse_ffn.cu — the channel-mix value projection with the ReLU² sparsity (lossless): rows
// of the transposed value matrix Vt [F, C] whose activation h[f] is exactly 0 are never read.
// v6 variant (challenger since v7): sparse_ffn_kernel, in sparse_ffn_chunk.cu (the row loads it shares with the
// kernels here: sparse_ffn_rows.cuh).
// v7 (default when SparseFfnArgs::mask is set): sparse_ffn_list_kernel below — the FFN-key matvec marks the
// active neurons in a bitmask and the rows are split evenly over the CTAs. The chunk kernel (v6) stays as
// the challenger (mask == null; CudaModel::set_sparse_list(false)).
// v13 (list kernel, SparseFfnArgs::has_ln_tail): the last column slice to finish x (ticket) runs the next
// LayerNorm + mixes (the next layer's time mix, or ln_out) in its 256 threads: one ln_mix launch fewer per layer
// (7.2B B=1 271.9 -> 274.8 tok/s on H200, docs/perf-notes.md).
// v31 (default for batch-1 decode, SparseFfnArgs::poll): sparse_ffn_poll_kernel — no wait for the FFN-key grid; each
// CTA polls its 512-neuron chunk of h until the key has stored it, so the value rows of finished chunks stream while
// the key's last wave runs (H200 7.2B B=1 +2.3% fp16, +1.9% int8, dense FFN +6.4%; docs/perf-notes.md).
// v40 (session 11, poll kernel with has_ln_tail, default): the next LayerNorm + mixes spread over the column slices'
// last CTAs (ln_tail_slices: per-slice statistics published and polled), one ln_mix launch fewer per layer; v34b
// (SparseFfnArgs::direct, default): no per-slice ticket, the last chunk's CTA polls the partials (finish_slice_direct).
// Together H200 7.2B B=1 fp16 +4.3 %, int8 +7.6 %, 13.3B +4.9 %, dense FFN +4.5 % (docs/perf-notes.md).
// v45 (session 14, poll kernel): its CTAs trigger the next launch as they start (the next layer's r/k/v CTAs take the
// SMs that finished value CTAs free during the key's last wave), the last chunk's CTA reads x with the partials and
// polls with 32 ns back-offs, and (v45b, fp16 / fp32 weights) keeps the token shift's address from its prefetch and
// re-arms the partials while the statistics are polled. H200 B=1 against v44, same call, every round: 7.2B fp16
// +1.2 %, int8 +0.6 %, 13.3B +1.5 % (docs/perf/cuda-decode.md v45+). SparseFfnArgs::stamps: a measurement
// instantiation with %globaltimer stamps of the chain. v46 (session 14): the tail's statistics combined without fp32
// divisions (kFd, div_exact: x / 2^k as x * 2^-k, bit-identical; docs/perf/cuda-decode.md v46+).
// v63 (session 26, SparseFfnArgs::h_rearm / h_later, default on): h in two buffers (even / odd layers); each grid re-arms
// the previous layer's in pieces (32 floats per CTA) instead of its grid-last CTA writing all 16,384 after its LayerNorm
// tail, the next layer's r/k/v wait behind it. H200 B=1, every round: 7.2B fp16 +0.8 %, int8 +0.7 %, 13.3B +0.8 %, dense
// FFN +0.6 %; bit-identical (docs/perf/cuda-decode.md v63).
// v68 (session 29, SparseFfnArgs::chunk_major, default on): the poll grid laid out (slice, chunk) with the last chunk's CTAs
// (the finishers) first, then chunk by chunk as the key stores h; with the FFN key's value-row prefetch of its last F / 8
// rows (matvec.cu) H200 B=1, every round: 7.2B fp16 +0.5 %, 13.3B +0.8 %, int8 +0.5 %; bit-identical
// (docs/perf/cuda-decode.md v68; the last chunk last lost 1.1 %).
// v76 (session 33, SparseFfnArgs::h_pair, default on since session 34): a thread's two words of h polled together.
// v77 (session 34, SparseFfnArgs::rows_in, default on, int8 value rows only): each non-zero word's value row towards L2
// as soon as the word is in, before the ticket and the compaction. H200 B=1, both against neither, every round: 7.2B
// int8 +0.6 %, fp16 +0.3 % (v76 alone: v77 lost 0.8-1.2 % on fp16); bit-identical (docs/perf/cuda-decode.md v77).
// int8 (v11, SparseFfnArgs::Vscale set): the kernels with WT = int8_t — an 8-byte load per lane per row (same
// 8 columns per lane), dequantised in registers, h[f] * Vscale[f] as the row's factor.
#include "sparse_ffn_rows.cuh"

namespace rwkv::cuda_kernels {
namespace {

// v7 list variant: grid (ffn_partials(F), C/256), 256 threads (8 warps). Every CTA reads the whole
// active-neuron bitmask (F/8 bytes from L2), ranks the set bits with a block scan and takes the active
// rows [n*g/G, n*(g+1)/G) in index order: the same number of rows for every CTA whatever the distribution
// of the active neurons, ~6 per warp at 10% density (one memory round trip with 8 rows in flight). h[f] is
// loaded beside the weight row. Partials and the per-slice ticket as in the chunk kernel; the last CTA of
// the whole grid (ticket counters[slices]) zeroes the mask for the next layer's FFN key.
constexpr int kListThreads = 256;
constexpr int kListWarps = kListThreads / 32;
constexpr int kMaxWordsPerThread = 8;  // F <= 256 * 8 * 32 = 65536

// Relaxed loads and stores at GPU scope: values that are their own readiness flags (kFfnUnset until written) are
// polled with them while the grid that writes them runs (v31 h, v34b partials, v40 LayerNorm statistics).
__device__ __forceinline__ float ld_poll(const float* p) {
    float v;
    asm volatile("ld.relaxed.gpu.global.f32 %0, [%1];" : "=f"(v) : "l"(p) : "memory");
    return v;
}
__device__ __forceinline__ unsigned long long ld_poll64(const unsigned long long* p) {
    unsigned long long v;
    asm volatile("ld.relaxed.gpu.global.u64 %0, [%1];" : "=l"(v) : "l"(p) : "memory");
    return v;
}
__device__ __forceinline__ void st_relaxed(float* p, float v) {
    asm volatile("st.relaxed.gpu.global.f32 [%0], %1;" ::"l"(p), "f"(v) : "memory");
}
__device__ __forceinline__ void st_relaxed64(unsigned long long* p, unsigned long long v) {
    asm volatile("st.relaxed.gpu.global.u64 [%0], %1;" ::"l"(p), "l"(v) : "memory");
}
__device__ __forceinline__ void cp_async4(float* smem, const float* gmem) {
    asm volatile("cp.async.ca.shared.global [%0], [%1], 4;" ::"r"(unsigned(__cvta_generic_to_shared(smem))), "l"(gmem)
                 : "memory");
}
constexpr unsigned long long kStatsUnset = ~0ull;  // v40: both floats kFfnUnset

// v68 (SparseFfnArgs::chunk_major): the poll grid's CTA (chunk g, column slice) is blockIdx (g, slice), or with
// chunk_major (slice, q) — q = 0 the last chunk (each slice's finisher), then chunks 0 .. G-2: the finishers start first
// and the other CTAs chunk by chunk, in the order the FFN key stores the chunks of h.
__device__ __forceinline__ int cta_chunk(const SparseFfnArgs& a) {
    return a.chunk_major ? (blockIdx.y == 0 ? int(gridDim.y) - 1 : int(blockIdx.y) - 1) : int(blockIdx.x);
}
__device__ __forceinline__ int n_chunks(const SparseFfnArgs& a) { return a.chunk_major ? gridDim.y : gridDim.x; }
__device__ __forceinline__ int cta_slice(const SparseFfnArgs& a) { return a.chunk_major ? blockIdx.x : blockIdx.y; }
__device__ __forceinline__ int n_slices(const SparseFfnArgs& a) { return a.chunk_major ? gridDim.x : gridDim.y; }

// v45 (session 14) flags of the poll kernel's end (docs/perf/cuda-decode.md v45+): kFp the 32 ns poll back-off of the
// direct path's statistics (the ticket path keeps 32-256 ns); kFb (v45b, fp16 / fp32 weights only: it lost 0.4 % on
// int8, whose kernel then spills) the token shift's address kept from the tail's prefetch and the partials re-armed
// while the statistics are polled; kFs %globaltimer stamps (SparseFfnArgs::stamps, measurement).
constexpr int kFp = 1, kFb = 2, kFs = 4;
// v46 (session 14): kFd the LayerNorm tail's statistics combined without fp32 divisions (div_exact: x / 2^k as
// x * 2^-k, bit-identical; the direct path, every poll kernel). The ticket path (finish_slice, poll modes without
// kSparseDirect) keeps the divisions: its division-free form made ptxas spill (fp16 24 B, int8 12 B).
constexpr int kFd = 8;
// v76 (session 33, SparseFfnArgs::h_pair): kFh, each thread's kFfnChunk / kListThreads words of h polled together:
// all loads in flight per round, the ones still unset re-loaded in the next (one round trip per round, not per word).
constexpr int kFh = 16;
// v77 (session 34, SparseFfnArgs::rows_in; int8 value rows only): kFr, each non-zero word of h, once in, has its value
// row's column slice (kCols weights: two 128-byte lines of int8) prefetched into L2 by the thread that polled it.
constexpr int kFr = 32;
template <typename WT>
__device__ __forceinline__ void prefetch_row_slice(const SparseFfnArgs& a, int f, int sl) {
    const int c0 = sl * kCols, nb = min(kCols, a.C - c0) * int(sizeof(WT));
    const char* p = static_cast<const char*>(a.Vt) + (std::size_t(f) * a.C + c0) * sizeof(WT);
    for (int off = 0; off < nb; off += 128) asm volatile("prefetch.global.L2 [%0];" ::"l"(p + off) : "memory");
}
__device__ __forceinline__ unsigned long long global_ns() {
    unsigned long long t;
    asm volatile("mov.u64 %0, %%globaltimer;" : "=l"(t));
    return t;
}

// v34b: the n <= 32 partials p[q * stride] of one column, loaded relaxed and all in flight; every one still unset
// is re-loaded in the same round (one round trip per round, not per partial; back-off 32 ns, v45: 32-256 before); then
// added in order to sum.
__device__ __forceinline__ float sum_polled(const float* p, std::size_t stride, int n, float sum) {
    float v[32];
#pragma unroll
    for (int q = 0; q < 32; ++q) v[q] = q < n ? ld_poll(p + q * stride) : 0.0f;
    for (unsigned ns = 32;; ns = ns < 32u ? 2 * ns : ns) {  // v45: 32 ns (256 before)
        bool unset = false;
#pragma unroll
        for (int q = 0; q < 32; ++q) unset |= __float_as_uint(v[q]) == kFfnUnset;
        if (!unset) break;
        __nanosleep(ns);
#pragma unroll
        for (int q = 0; q < 32; ++q)
            if (__float_as_uint(v[q]) == kFfnUnset) v[q] = ld_poll(p + q * stride);
    }
#pragma unroll
    for (int q = 0; q < 32; ++q)
        if (q < n) sum += v[q];
    return sum;
}

// v40: the LayerNorm tail (kLnPlain: z = LN(x), out[m] = z + (prev - z) * mix[m], the token shift becomes z; n_mix 0:
// out = z) spread over the column slices: run by the last CTA of every slice with its new x (one column per thread,
// own: the column exists). Statistics: the slice's sum and squared deviations about its own mean (block sums, fixed
// order) are published as one 64-bit word; all slices' words are polled and combined in slice order (Chan et al.'s
// pairwise update: exact algebra, fp32 rounding only against ln_mix's two-pass over the whole vector).
// c holds the column's constants, loaded by the caller beside the partials: ln_w, ln_b, prev, mix[0..5].
template <int kF>
__device__ __forceinline__ void ln_tail_slices(const SparseFfnArgs& a, float xn, bool own, const float* c,
                                               float* shift = nullptr, float* rearm = nullptr, int n_rearm = 0) {
    __shared__ float red[32];
    __shared__ float2 s_st[32];
    const LnMixArgs& t = a.ln_tail;
    const int tid = threadIdx.x, S = n_slices(a), C = a.C, sl = cta_slice(a);
    const int gc = sl * kCols + tid;
    const int ni = min(kCols, C - int(sl) * kCols);
    const float n = float(ni);
    const float ssum = block_sum(own ? xn : 0.0f, red);
    const float d = own ? xn - ((kF & kFd) ? div_exact(ssum, ni) : ssum / n) : 0.0f;
    const float m2 = block_sum(d * d, red);
    if (tid == 0)
        st_relaxed64(a.ln_stats + sl,
                     (static_cast<unsigned long long>(__float_as_uint(m2)) << 32) | __float_as_uint(ssum));
    if constexpr ((kF & kFb) != 0) {
        if (own)
            for (int p = 0; p < n_rearm; ++p) rearm[std::size_t(p) * C] = __uint_as_float(kFfnUnset);
    }
    if (tid < S) {
        unsigned long long v = ld_poll64(a.ln_stats + tid);
        for (unsigned ns = 32; v == kStatsUnset; ns = ns < ((kF & kFp) ? 32u : 256u) ? 2 * ns : ns) {
            __nanosleep(ns);
            v = ld_poll64(a.ln_stats + tid);
        }
        s_st[tid] = make_float2(__uint_as_float(unsigned(v)), __uint_as_float(unsigned(v >> 32)));
    }
    __syncthreads();
    if constexpr ((kF & kFs) != 0) {
        if (tid == 0 && a.stamps && sl == 0) a.stamps[5] = global_ns();
    }
    float tot = 0.0f;
    for (int q = 0; q < S; ++q) tot += s_st[q].x;
    const float mean = (kF & kFd) ? div_exact(tot, C) : tot / float(C);
    float M2 = 0.0f;
    // v46 (kFd): the same operations in the same order, x / 2^k as x * 2^-k (each division costs a call with a
    // slow-path check: 19 per thread at C = 4096)
    if constexpr ((kF & kFd) != 0) {
        static_assert((kCols & (kCols - 1)) == 0, "full slices: a power-of-two count");
        for (int q = 0; q < S - 1; ++q) {
            const float dm = __fmul_rn(s_st[q].x, 1.0f / kCols) - mean;
            M2 += s_st[q].y + float(kCols) * dm * dm;
        }
        const int nl = C - (S - 1) * kCols;  // the last slice: 1..256 columns
        const float dm = div_exact(s_st[S - 1].x, nl) - mean;
        M2 += s_st[S - 1].y + float(nl) * dm * dm;
    } else {
        for (int q = 0; q < S; ++q) {
            const float nq = float(min(kCols, C - q * kCols));
            const float dm = s_st[q].x / nq - mean;
            M2 += s_st[q].y + nq * dm * dm;
        }
    }
    const float inv = rsqrtf(((kF & kFd) ? div_exact(M2, C) : M2 / float(C)) + 1e-5f);
    if (tid == 0) a.ln_stats_rearm[sl] = kStatsUnset;  // the previous layer's word: read by a finished grid
    if (!own) return;
    const float z = (xn - mean) * inv * c[0] + c[1];
    if (t.n_mix == 0) {
        t.out[gc] = z;
        return;
    }
    const float dz = c[2] - z;
#pragma unroll
    for (int m = 0; m < 6; ++m)
        if (m < t.n_mix) t.out[std::size_t(m) * C + gc] = z + dz * c[3 + m];
    if constexpr ((kF & kFb) != 0)
        shift[gc] = z;
    else
        t.params->state[t.shift_offset + gc] = z;
}

// v40: the LayerNorm constants of column gc (ln_w, ln_b, the mixes) copied to shared memory with cp.async (no
// registers held while the partials load) into rows 0..7 of s (the CTA's free s_red); the token shift (prev) into a
// register. Thread tid reads back only its own column (after cp.async.wait_all: no barrier).
__device__ __forceinline__ float ln_tail_prefetch(const SparseFfnArgs& a, float (*s)[kCols], int gc,
                                                  float** shift = nullptr) {
    const LnMixArgs& t = a.ln_tail;
    const int tid = threadIdx.x;
    cp_async4(&s[0][tid], t.ln_w + gc);
    cp_async4(&s[1][tid], t.ln_b + gc);
    for (int m = 0; m < t.n_mix; ++m) cp_async4(&s[2 + m][tid], t.mix + std::size_t(m) * a.C + gc);
    if (shift) {  // v45b
        *shift = t.params->state + t.shift_offset;
        return t.n_mix > 0 ? (*shift)[gc] : 0.0f;
    }
    return t.n_mix > 0 ? t.params->state[t.shift_offset + gc] : 0.0f;
}
template <int kF>
__device__ __forceinline__ void ln_tail_columns(const SparseFfnArgs& a, float (*s)[kCols], float xn, bool own,
                                                float prev, float* shift = nullptr, float* rearm = nullptr,
                                                int n_rearm = 0) {
    asm volatile("cp.async.wait_all;" ::: "memory");
    const int tid = threadIdx.x;
    float c[9];
    c[0] = s[0][tid];
    c[1] = s[1][tid];
    c[2] = prev;
#pragma unroll
    for (int m = 0; m < 6; ++m) c[3 + m] = s[2 + m][tid];
    ln_tail_slices<kF>(a, xn, own, c, shift, rearm, n_rearm);
}

// The end of a list / poll CTA (kListThreads == kCols threads): the kListWarps rows of s_red (this CTA's sums per
// warp, filled by the caller) are added in warp order into partials[g, slice]; the last CTA of the column slice
// (ticket counters[slice]) adds the G partials of every column in order into x. kPoll (the v31 poll kernel, which
// starts without waiting for the FFN-key grid): that CTA calls pdl_wait() before it writes x. The LayerNorm tail:
// v13 (list kernel) the last slice to finish x (ticket counters[slices + 1]) runs it in one CTA; v40 (poll kernel)
// every slice's last CTA runs it for its own columns (ln_tail_slices). Returns true in the last CTA of the whole grid
// (grid_done: thread 0's earlier grid ticket on counters[slices]); that CTA also resets its ticket.
template <bool kPoll>
__device__ __forceinline__ bool finish_slice(const SparseFfnArgs& a, float (*s_red)[kCols], int g, int G,
                                             unsigned grid_done) {
    __shared__ bool s_last, s_grid_last;
    const int tid = threadIdx.x;
    const int gc = blockIdx.y * kCols + tid;  // kListThreads == kCols
    const bool own = gc < a.C;
    __syncthreads();
    if (own) {
        float sum = 0.0f;
#pragma unroll
        for (int w = 0; w < kListWarps; ++w) sum += s_red[w][tid];
        a.partials[std::size_t(g) * a.C + gc] = sum;
    }
    if (tid == 0) s_grid_last = grid_done == unsigned(G) * gridDim.y - 1;
    __threadfence();
    __syncthreads();  // s_red is free from here
    if (tid == 0) {
        const unsigned done = atomicAdd(&a.counters[blockIdx.y], 1u);
        s_last = done == unsigned(G) - 1;
    }
    __syncthreads();
    if (s_last) {
        if (kPoll) pdl_wait();
        __threadfence();
        const bool tail = kPoll && a.has_ln_tail;
        const float prev = tail && own ? ln_tail_prefetch(a, s_red, gc) : 0.0f;  // v40, in flight with the partials
        float xn = 0.0f;
        if (own) {
            const float x0 = a.x[gc];
            // all (up to 32) partials of the column in flight at once, then summed in chunk order
            float sum = 0.0f;
            for (int p0 = 0; p0 < G; p0 += 32) {
                float v[32];
#pragma unroll
                for (int q = 0; q < 32; ++q) v[q] = p0 + q < G ? __ldcg(a.partials + std::size_t(p0 + q) * a.C + gc) : 0.0f;
#pragma unroll
                for (int q = 0; q < 32; ++q)
                    if (p0 + q < G) sum += v[q];
            }
            xn = x0 + sum;
            a.x[gc] = xn;
        }
        if (tid == 0) a.counters[blockIdx.y] = 0;
        if (tail) {
            ln_tail_columns<0>(a, s_red, xn, own, prev);
        } else if (!kPoll && a.has_ln_tail) {  // v13: the last slice to finish x runs the next LayerNorm + mixes
            __shared__ bool s_ln_last;
            __syncthreads();
            if (tid == 0) {
                __threadfence();
                s_ln_last = atomicAdd(&a.counters[gridDim.y + 1], 1u) == gridDim.y - 1;
            }
            __syncthreads();
            if (s_ln_last) {
                __threadfence();
                if (tid == 0) a.counters[gridDim.y + 1] = 0;
                ln_mix_tail<kListThreads>(a.ln_tail, &s_red[0][0]);
            }
        }
    }
    if (!s_grid_last) return false;
    if (tid == 0) a.counters[gridDim.y] = 0;
    return true;
}

// v34b (SparseFfnArgs::direct, poll kernel): the end of a poll CTA without tickets. The partials are their own
// readiness flags (kFfnUnset between layers): CTA (g < G-1, slice) stores its column sums relaxed and exits; the CTA of
// the last chunk polls the G-1 other partials of its columns (sum_polled), adds them and its own sums in chunk order
// (finish_slice's order: bit-identical), writes x, re-arms what it read and, with a LayerNorm tail, runs v40's tail for
// its columns. Returns true in the last CTA of the whole grid, which also resets its ticket.
template <int kF>
__device__ __forceinline__ bool finish_slice_direct(const SparseFfnArgs& a, float (*s_red)[kCols], int g, int G,
                                                    unsigned grid_done) {
    __shared__ bool s_grid_last;
    const int tid = threadIdx.x, S = n_slices(a), sl = cta_slice(a);
    if (tid == 0) s_grid_last = grid_done == unsigned(G) * S - 1;
    __syncthreads();
    const int gc = sl * kCols + tid;  // kListThreads == kCols
    const bool own = gc < a.C;
    float mine = 0.0f;
    if (own) {
#pragma unroll
        for (int w = 0; w < kListWarps; ++w) mine += s_red[w][tid];
    }
    float* col = a.partials + gc;
    if (g != G - 1) {
        if (own) st_relaxed(col + std::size_t(g) * a.C, mine);
        if constexpr ((kF & kFs) != 0)  // v75: thread 0's partial store issued
            if (tid == 0 && a.stamps_x) atomicMax(a.stamps_x + 4, global_ns());
    } else {
        const bool tail = a.has_ln_tail;
        float prev = 0.0f;
        float* shift = nullptr;  // v45b
        if (tail) {
            __syncthreads();  // every thread has read s_red
            if (own) prev = (kF & kFb) ? ln_tail_prefetch(a, s_red, gc, &shift) : ln_tail_prefetch(a, s_red, gc);
        }
        float xn = 0.0f;
        const bool st = (kF & kFs) != 0 && tid == 0 && a.stamps && sl == 0;
        if (own) {
            // v45: x (last written by the output projection, two grids back) read with the partials, not after them
            const float x0 = ld_poll(a.x + gc);
            float sum = 0.0f;
            for (int p0 = 0; p0 < G - 1; p0 += 32)
                sum = sum_polled(col + std::size_t(p0) * a.C, a.C, min(32, G - 1 - p0), sum);
            sum += mine;
            if (st) a.stamps[3] = global_ns();
            if ((kF & kFs) != 0 && tid == 0 && a.stamps) atomicMax(a.stamps + 7, global_ns());  // v63
            pdl_wait();  // the key grid is done (a formality by now): x may be written
            if (st) a.stamps[4] = global_ns();
            xn = x0 + sum;
            a.x[gc] = xn;
            if (!(kF & kFb) || !tail)
                for (int p = 0; p < G - 1; ++p) col[std::size_t(p) * a.C] = __uint_as_float(kFfnUnset);
        } else {
            pdl_wait();
        }
        if (tail) ln_tail_columns<kF>(a, s_red, xn, own, prev, shift, col, G - 1);
        if (st) a.stamps[6] = global_ns();
    }
    if (!s_grid_last) return false;
    if (tid == 0) a.counters[S] = 0;
    return true;
}

template <typename WT>
__global__ void __launch_bounds__(kListThreads) sparse_ffn_list_kernel(const __grid_constant__ SparseFfnArgs a) {
    __shared__ int s_idx[kFfnChunk];
    __shared__ int s_wsum[kListWarps];
    __shared__ float s_red[kListWarps][kCols];
    const int tid = threadIdx.x, lane = tid & 31, warp = tid >> 5;
    pdl_wait();
    pdl_trigger();
    const int G = gridDim.x, g = blockIdx.x;
    const int nwords = (a.F + 31) >> 5;
    const int per = (nwords + kListThreads - 1) / kListThreads;
    const int w0 = tid * per;
    unsigned words[kMaxWordsPerThread];
    int mine = 0;
#pragma unroll
    for (int q = 0; q < kMaxWordsPerThread; ++q) {
        words[q] = 0u;
        if (q < per && w0 + q < nwords) words[q] = a.dense ? ~0u : __ldcg(a.mask + w0 + q);
        if (a.dense && q < per && w0 + q == nwords - 1 && (a.F & 31)) words[q] = (1u << (a.F & 31)) - 1u;
        mine += __popc(words[q]);
    }
    // exclusive block scan of `mine`
    int incl = mine;
#pragma unroll
    for (int o = 1; o < 32; o <<= 1) {
        const int t = __shfl_up_sync(0xffffffffu, incl, o);
        if (lane >= o) incl += t;
    }
    if (lane == 31) s_wsum[warp] = incl;
    __syncthreads();
    // grid ticket, issued now (every thread of this CTA has read its mask words) and used at the end: its
    // latency hides behind the row loads; the last CTA to arrive zeroes the mask for the next FFN key
    unsigned grid_done = 0u;
    if (tid == 0) grid_done = atomicAdd(&a.counters[gridDim.y], 1u);
    int before = 0, total = 0;
#pragma unroll
    for (int w = 0; w < kListWarps; ++w) {
        const int v = s_wsum[w];
        before += w < warp ? v : 0;
        total += v;
    }
    int pos = before + incl - mine;
    const int lo = int((long long)total * g / G), hi = int((long long)total * (g + 1) / G);
    if (pos < hi && pos + mine > lo) {
#pragma unroll
        for (int q = 0; q < kMaxWordsPerThread; ++q) {
            unsigned m = words[q];
            while (m) {
                const int b = __ffs(m) - 1;
                m &= m - 1u;
                if (pos >= lo && pos < hi) s_idx[pos - lo] = (w0 + q) * 32 + b;
                ++pos;
            }
        }
    }
    if (a.active && g == 0 && blockIdx.y == 0 && tid == 0 && !a.dense) atomicAdd(a.active, (unsigned long long)total);
    __syncthreads();
    const int count = hi - lo;

    const int col = blockIdx.y * kCols + lane * 8;
    const bool col_ok = col < a.C;
    const WT* Vt = static_cast<const WT*>(a.Vt);
    float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    // h[f] loaded beside the row (L2: the key grid wrote it)
    accumulate_rows<WT, kListWarps>(col_ok, Vt, a.Vscale, a.C, col, s_idx, count, warp,
                                    [&](int, int idx, bool ok) { return ok ? __ldcg(a.h + idx) : 0.0f; }, acc);
#pragma unroll
    for (int q = 0; q < 8; ++q) s_red[warp][lane * 8 + q] = acc[q];
    if (!finish_slice<false>(a, s_red, g, G, grid_done)) return;  // the last CTA of the grid: every CTA has read the mask
    for (int w = tid; w < nwords; w += kListThreads) a.mask[w] = 0u;
}

// v31 poll variant (SparseFfnArgs::poll): grid (ffn_partials(F), C/256), 256 threads, launched behind the FFN-key
// matvec (MatvecBatch::poll) without waiting for it. CTA (chunk, slice) polls the kFfnChunk activations of its chunk
// (relaxed loads at GPU scope, until none holds kFfnUnset; the key's CTAs store them in row order, so the first
// chunks are complete while the key's last wave still streams), compacts the non-zero ones in index order (block
// ballot), and its 8 warps take every 8th active row, 8 rows in flight, h from shared memory. Partials, tickets and
// the LayerNorm tail: finish_slice (its x-writing CTAs wait for the key grid first, a formality by then). The last CTA
// of the grid (ticket taken after its polls) sets h back to kFfnUnset. Same arithmetic as the chunk kernel's
// partition (one partial per 512-neuron chunk, fixed order): results are bit-identical run to run.
template <typename WT, int kF>
__global__ void __launch_bounds__(kListThreads, 4) sparse_ffn_poll_kernel(const __grid_constant__ SparseFfnArgs a) {
    __shared__ int s_idx[kFfnChunk];
    __shared__ float s_val[kFfnChunk];
    __shared__ int s_wc[2][kListWarps];
    __shared__ float s_red[kListWarps][kCols];
    const int tid = threadIdx.x, lane = tid & 31, warp = tid >> 5;
    const int G = n_chunks(a), g = cta_chunk(a), S = n_slices(a), sl = cta_slice(a);
    const int f0 = g * kFfnChunk, len = min(kFfnChunk, a.F - f0);
    constexpr int kSteps = kFfnChunk / kListThreads;
    pdl_trigger();  // v45: the next layer's r/k/v grid may launch once every CTA of this grid is resident
    // kFs: slots 0-2 (last chunk, slice 0: start, chunk in, rows done), 8-10 (chunk 0, slice 0), 13/14/15 max end /
    // max chunk-in / min start over all CTAs
    const bool st_last = (kF & kFs) != 0 && tid == 0 && a.stamps && sl == 0 && g == G - 1;
    const bool st_first = (kF & kFs) != 0 && tid == 0 && a.stamps && sl == 0 && g == 0;
    unsigned long long t_start = 0, t_first = 0, t_in = 0, t_iss = 0;  // v75 (kFs, thread 0)
    unsigned tries = 0;                                                 // v75 (kFs): this thread's h poll retries
    if constexpr ((kF & kFs) != 0) {
        if (tid == 0 && a.stamps) {
            const unsigned long long t = global_ns();
            t_start = t;
            if (st_last) a.stamps[0] = t;
            if (st_first) a.stamps[8] = t;
            atomicMin(a.stamps + 15, t);
            atomicMax(a.stamps + 11, t);  // v63
        }
    }
    float hv[kSteps];
    if constexpr ((kF & kFh) != 0) {  // v76: the words' polls together (never with kFs: the probe keeps v31's form)
#pragma unroll
        for (int q = 0; q < kSteps; ++q)
            hv[q] = q * kListThreads + tid < len ? ld_poll(a.h + f0 + q * kListThreads + tid) : 0.0f;
        const unsigned cap = g == G - 1 ? 32u : 512u;  // v45: the last chunk gates the tail
        for (unsigned ns = g == G - 1 ? 32u : 64u;; ns = ns < cap ? 2 * ns : ns) {
            bool unset = false;
#pragma unroll
            for (int q = 0; q < kSteps; ++q) unset = unset || __float_as_uint(hv[q]) == kFfnUnset;
            if (!unset) break;
            __nanosleep(ns);
#pragma unroll
            for (int q = 0; q < kSteps; ++q)
                if (__float_as_uint(hv[q]) == kFfnUnset) hv[q] = ld_poll(a.h + f0 + q * kListThreads + tid);
        }
        if constexpr ((kF & kFr) != 0) {  // v77: the rows of this thread's non-zero words, before the ticket
#pragma unroll
            for (int q = 0; q < kSteps; ++q)
                if (q * kListThreads + tid < len && hv[q] != 0.0f)
                    prefetch_row_slice<WT>(a, f0 + q * kListThreads + tid, sl);
        }
    } else {
#pragma unroll
        for (int q = 0; q < kSteps; ++q) {
            const int i = q * kListThreads + tid;
            hv[q] = 0.0f;
            if (i < len) {
                float v = ld_poll(a.h + f0 + i);
                if constexpr ((kF & kFs) != 0)
                    if (q == 0 && tid == 0) t_first = probe_ns_after(__float_as_uint(v));
                const unsigned cap = g == G - 1 ? 32u : 512u;  // v45: the last chunk gates the tail
                for (unsigned ns = g == G - 1 ? 32u : 64u; __float_as_uint(v) == kFfnUnset;
                     ns = ns < cap ? 2 * ns : ns) {
                    __nanosleep(ns);
                    v = ld_poll(a.h + f0 + i);
                    if constexpr ((kF & kFs) != 0) ++tries;
                }
                hv[q] = v;
                if constexpr ((kF & kFr) != 0)  // v77: this word's row, before the next word's polls
                    if (v != 0.0f) prefetch_row_slice<WT>(a, f0 + i, sl);
            }
        }
    }
    unsigned m[kSteps];
#pragma unroll
    for (int q = 0; q < kSteps; ++q) {
        const bool nz = q * kListThreads + tid < len && (a.dense || hv[q] != 0.0f);
        m[q] = __ballot_sync(0xffffffffu, nz);
        if (lane == 0) s_wc[q][warp] = __popc(m[q]);
    }
    __syncthreads();  // every activation of the chunk is in: the key grid has stored this chunk
    pdl_trigger();    // (v31's trigger point; a no-op after v45's trigger at the start, kept as measured)
    if constexpr ((kF & kFs) != 0) {
        if (tid == 0 && a.stamps) {
            const unsigned long long t = global_ns();
            t_in = t;
            if (st_last) a.stamps[1] = t;
            if (st_first) a.stamps[9] = t;
            atomicMax(a.stamps + 14, t);
        }
        if (a.stamps_x) {  // v75: the chunk's polls
            const unsigned r = __reduce_max_sync(0xffffffffu, tries);
            if (lane == 0) atomicMax(a.stamps_x + (g == G - 1 ? 9 : 5), static_cast<unsigned long long>(r));
            if (tid == 0) {
                unsigned long long* x = a.stamps_x;
                atomicMax(x + 3, t_in - t_start);
                atomicMax(x + 12, t_first);
                if (g == G - 1) {
                    atomicMax(x + 6, t_in);
                    atomicMax(x + 8, t_start);
                    atomicMax(x + 10, t_first);
                    atomicMax(x + 11, t_in - t_first);
                }
            }
        }
    }
    unsigned grid_done = 0u;
    if (tid == 0) grid_done = atomicAdd(&a.counters[S], 1u);  // after this CTA's reads of h
    if constexpr ((kF & kFs) != 0) {  // v63: which CTA took the grid's last ticket
        if (tid == 0 && a.stamps && grid_done == unsigned(G) * S - 1u)
            a.stamps[12] = unsigned(g) | (static_cast<unsigned long long>(sl) << 16) | (1ull << 32);
    }
    // v63: the previous layer's h buffer re-armed in pieces by every CTA (one store per thread of the first F / CTAs),
    // not by one CTA after the chain's end. Its readers (the previous sparse grid) are done: this chunk of h was stored
    // by key CTAs that passed their griddepcontrol.wait, which this layer's chain of waits orders after that grid.
    if (a.h_rearm) {
        const int nb = G * S, per = (a.F + nb - 1) / nb, f = (sl * G + g) * per + tid;
        for (int q = f; q < min(a.F, f - tid + per); q += kListThreads) a.h_rearm[q] = __uint_as_float(kFfnUnset);
    }
    int count = 0;
#pragma unroll
    for (int q = 0; q < kSteps; ++q) {
        int off = count;
#pragma unroll
        for (int w = 0; w < kListWarps; ++w) {
            const int c = s_wc[q][w];
            off += w < warp ? c : 0;
            count += c;
        }
        if ((m[q] >> lane) & 1u) {
            off += __popc(m[q] & ((1u << lane) - 1u));
            s_idx[off] = f0 + q * kListThreads + tid;
            s_val[off] = hv[q];
        }
    }
    if (a.active && sl == 0 && tid == 0 && !a.dense) atomicAdd(a.active, (unsigned long long)count);
    __syncthreads();
    if constexpr ((kF & kFs) != 0)
        if (tid == 0 && a.stamps_x) {  // v75: warp 0's first row loads about to issue
            t_iss = global_ns();
            atomicMax(a.stamps_x + 0, t_iss);
        }

    const int col = sl * kCols + lane * 8;
    const bool col_ok = col < a.C;
    const WT* Vt = static_cast<const WT*>(a.Vt);
    float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    accumulate_rows<WT, kListWarps>(col_ok, Vt, a.Vscale, a.C, col, s_idx, count, warp,
                                    [&](int kc, int, bool ok) { return ok ? s_val[kc] : 0.0f; }, acc);
#pragma unroll
    for (int q = 0; q < 8; ++q) s_red[warp][lane * 8 + q] = acc[q];
    if constexpr ((kF & kFs) != 0) {
        if (tid == 0 && a.stamps_x) {  // v75: warp 0's rows done (its FMAs consumed every load)
            const unsigned long long t = probe_ns_after(__float_as_uint(acc[0]));
            atomicMax(a.stamps_x + 1, t);
            atomicMax(a.stamps_x + 2, t - t_iss);
            if (g == G - 1) atomicMax(a.stamps_x + 7, t);
        }
        if (st_last) a.stamps[2] = global_ns();
        if (st_first) a.stamps[10] = global_ns();
        if (a.direct) {
            const bool last = finish_slice_direct<kF>(a, s_red, g, G, grid_done);
            if (tid == 0 && a.stamps) atomicMax(a.stamps + 13, global_ns());
            if (!last) return;
        } else if (!finish_slice<true>(a, s_red, g, G, grid_done)) {
            return;
        }
    } else if (a.direct) {
        if (!finish_slice_direct<kF>(a, s_red, g, G, grid_done)) return;
    } else if (!finish_slice<true>(a, s_red, g, G, grid_done)) {
        return;
    }
    if (a.h_later) return;  // v63: the next layer's grid re-arms h (SparseFfnArgs::h_rearm)
    for (int f = tid; f < a.F; f += kListThreads) a.h[f] = __uint_as_float(kFfnUnset);  // every CTA has read h
}

template <int kF>  // kFb for fp16 / fp32 weights only (v45b)
cudaError_t launch_poll(const SparseFfnArgs& a, WType wt, dim3 grid, cudaStream_t stream) {
    if (a.Vscale) return launch_pdl(sparse_ffn_poll_kernel<std::int8_t, kF>, grid, dim3(kListThreads), 0, stream, a);
    if (wt == WType::F16)
        return launch_pdl(sparse_ffn_poll_kernel<__half, kF | kFb>, grid, dim3(kListThreads), 0, stream, a);
    return launch_pdl(sparse_ffn_poll_kernel<float, kF | kFb>, grid, dim3(kListThreads), 0, stream, a);
}

}  // namespace

cudaError_t launch_sparse_ffn(const SparseFfnArgs& a, WType wt, cudaStream_t stream) {
    if (a.C % 8 != 0) return cudaErrorInvalidValue;
    const dim3 grid(ffn_partials(a.F), (a.C + kCols - 1) / kCols);
    if (a.has_ln_tail && (!(a.mask || a.poll) || a.ln_tail.C > kLnTailMaxC || a.ln_tail.mode != kLnPlain ||
                          a.ln_tail.n_mix > 6 || (a.poll && (!a.ln_stats || !a.ln_stats_rearm))))
        return cudaErrorInvalidValue;
    if (a.chunk_major && !(a.poll && a.direct)) return cudaErrorInvalidValue;  // v68: the direct poll path only
    if (a.poll) {  // v31
        const dim3 pg = a.chunk_major ? dim3(grid.y, grid.x) : grid;  // v68
        if (a.stamps) return launch_poll<kFp | kFs | kFd>(a, wt, pg, stream);
        if (a.rows_in && a.Vscale && !a.dense) {  // v77: int8 value rows only (it lost 0.8-1.2 % on fp16)
            if (a.h_pair)
                return launch_pdl(sparse_ffn_poll_kernel<std::int8_t, kFp | kFd | kFh | kFr>, pg, dim3(kListThreads), 0,
                                  stream, a);
            return launch_pdl(sparse_ffn_poll_kernel<std::int8_t, kFp | kFd | kFr>, pg, dim3(kListThreads), 0, stream,
                              a);
        }
        if (a.h_pair) return launch_poll<kFp | kFd | kFh>(a, wt, pg, stream);  // v76
        return launch_poll<kFp | kFd>(a, wt, pg, stream);
    }
    if (a.mask) {
        if (a.F > kListThreads * kMaxWordsPerThread * 32) return cudaErrorInvalidValue;
        if (a.Vscale) return launch_pdl(sparse_ffn_list_kernel<std::int8_t>, grid, dim3(kListThreads), 0, stream, a);
        if (wt == WType::F16) return launch_pdl(sparse_ffn_list_kernel<__half>, grid, dim3(kListThreads), 0, stream, a);
        return launch_pdl(sparse_ffn_list_kernel<float>, grid, dim3(kListThreads), 0, stream, a);
    }
    return launch_sparse_ffn_chunk(a, wt, grid, stream);
}

}  // namespace rwkv::cuda_kernels
