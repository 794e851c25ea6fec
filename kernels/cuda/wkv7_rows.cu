// kernels/cuda/wkv7_rows.cu — the time mix between the projections and the output projection for R rows
// (chunked prefill and batched decode; rwkv_kernels.h "rows"), in three kernels:
//   * wkv_prep_kernel: row-parallel decay / in-context rate / removal key / key modulation / value residual
//     (spec §3.4.5-10), packed per (row, head) as six 64-vectors so that one step of the scan reads 1.5 KB
//     contiguous;
//   * wkv_scan_kernel: the sequential WKV-7 recurrence (spec §3.4.11, §4.1) over each sequence's T tokens.
//     The update of state row m needs only row m (sa[m] = S[m]·p, y[m] = S[m]·r), so the rows are spread:
//     4 threads per row, each owning 16 columns (float4 chunks q, q+4, q+8, q+12), 2 CTAs of 32 rows per
//     head; sa and y are summed over the 4 threads with two shuffles. The step inputs are staged with
//     cp.async in stages of 8 steps, double-buffered; the state is read once and written once per call;
//   * wkv_post_kernel: GroupNorm (eps 64e-5) + bonus + gate per (row, head), output in AT for the output GEMM.
// Batched decode (T = 1) runs prep + one scan step + post in one kernel per group of sequences of one head (v16e
// form: every input loaded with the state before the first barrier; three dependent round trips, v16c, lost 1.4 ms):
// wkv_decode_rows_v20_kernel for the fp32 state (session 6: 2 state rows per thread, the column step vectors read once
// per thread and step; H200 7.2B B=256 WKV 5.48 -> 5.23 ms against v16e) and wkv_decode_rows_v24_kernel for the fp16
// state (session 7: v20's 4-row mapping with the state staged in shared memory by cp.async, 3 CTAs per SM instead of 2;
// B=256 2.91 -> 2.86 ms, B=1024 11.25 -> 10.72 against v20, bit-identical). v40 (session 13): with fp16 weights both
// read their per-channel inputs (r, k, v, the LoRA up outputs, v_first) as fp16, written so by the GEMMs before
// (WkvDecodeRowsArgs::in16; H200 7.2B graph B=256 10.255 -> 10.164 ms, B=1024 35.07 -> 34.17). v42 (session 13):
// with fp16 state and fp16 inputs, wkv_decode_rows_v42_kernel (v24 with the inputs staged in shared memory by
// cp.async ahead of the state; bit-identical; WKV alone B=256 2.824 -> 2.730 ms, B=1024 10.501 -> 10.391); v48
// (session 16): the v42 kernel with 2 sequences per CTA of 128 threads up to 512 sequences (6 CTAs per SM instead of 3;
// bit-identical; 7.2B WKV alone B=256 -2.0 %, B=1024 +0.4 % so 4 there; set_wkv_decode_seqs); v60 (session 26): one
// warp per (sequence, head), no CTA barrier (wkv_decode_rows_v60_kernel; bit-identical); v72 (session 31, the default):
// v60 with each state block moved by the bulk-copy engine (wkv7_rows_warp.cuh; bit-identical). Challengers:
// the three kernels with wkv_scan_t1_kernel (v16b) or the 8-step scan.
// Dropped after measuring (perf-notes v16-v20, git history): v16e (1 row x 16 columns, one sequence per CTA) with
// its streaming-hint knob v16g, the fp16-state v18 / v18b / v18c / v18d kernels, v20 with 4 rows per thread for fp32 and
// 2 for fp16, v20b (one more CTA per SM, at the kernel), v21 (persistent CTAs prefetching the next group's state into shared
// memory with cp.async: WKV 5.26 -> 6.46 ms fp32, 2.90 -> 4.10 fp16, B=256); session 7: v23 (2 barriers per CTA instead of 8,
// the head reductions merged: no gain), v24 at 4 CTAs per SM and for the fp32 state (lost); session 13: v42a (v24 with the
// inputs and constants loaded into registers before the state's copies: B=256 WKV -0.5 %, B=1024 +1.6 %, lost);
// session 14: v43 (v42 with the eight per-channel constants staged in shared memory by cp.async, alone or with the
// post's mean and beta over one barrier and per-sequence named barriers; bit-identical): WKV alone in the graph B=256
// 2.711 -> 2.731-2.742 ms, B=1024 10.326 -> 10.417-10.436, lost; session 15: v44 (Programmatic Dependent Launch after the
// LoRA up GEMMs, with or without the state's copies issued before griddepcontrol.wait; bit-identical): 1.5B B=256 step
// +0.3 / +0.5 %, lost. ncu of v42 (session 15, docs/perf/cuda-rows.md v44-v46): the update loop is ~20 % of the stall
// samples, the CTA's start (state pointer, copies, waits, barriers) ~66 %; L2 78 % busy against DRAM 66 %. Session 15
// (cuda-rows.md v47+): the state copied in by whole 128-byte lines and stored back from the tile after one more barrier
// (v47), with the CTA's 4 pointers fetched first into shared memory (v47b), or copied in by whole lines only (v47c);
// bit-identical: 1.5B B=256 WKV alone 1.078 -> 1.213 / 1.181 / 1.096 ms, lost. Session 26: v59 (v42 with persistent
// CTAs of 2 or 1 sequences that copy the next (head, sequences) item's inputs and state into a second buffer while
// computing the current one; bit-identical): WKV alone 1.5B B=256 1.067 -> 1.257 / 1.177 ms, 7.2B B=256 2.737 ->
// 3.194 / 3.067, B=1024 10.31 -> 10.99 / 10.96, lost. Session 31: v71 (v60 with the row sums, and in a second mode the
// rank-2 update, on the tensor cores: mma.sync over the lane's chunks as A fragments, fp32 operands split into two fp16
// parts; not bit-identical, rel ~5e-4): WKV alone 7.2B B=256 +1.5 / +3.2 %, its energy +0.6 / +3 %, 9 % fewer
// instructions in the first mode — the step's joules are not its arithmetic (cuda-rows.md v71; branch s31cbb-v71).
// Live variants: v2 (2026-11-29; v1 had the step loop rolled: one warp per scheduler could not hide the
// shuffle latency, 0.34 us per step at T=1024 on H200). The sequential scan is spec §4.1's form (what Albatross runs); the
// chunked algebra of §4.3 is the next step if the scan shows up in the profile. Challenger: none.
#include "common.cuh"

#include <cstdint>
#include <cstdlib>

namespace rwkv::cuda_kernels {
namespace {

constexpr int N = 64;
constexpr int kPack = 6 * N;  // floats per (row, head) in P
constexpr int kThreads = 256;
constexpr int kStageSteps = 8;  // scan steps per shared-memory stage (prefill)
constexpr int kScanT1Blocks = 8;  // resident CTAs per SM asked of the T = 1 scan (register cap 64)

__device__ __forceinline__ void store_at(__half* p, float v) { *p = __float2half_rn(v); }
__device__ __forceinline__ void store_at(float* p, float v) { *p = v; }

// Sum over the 64 threads of one head inside a 256-thread CTA (heads = warp pairs). `red` holds 8 floats
// and must not be reused before the next __syncthreads.
__device__ __forceinline__ float head_pair_sum(float v, float* red) {
    const int warp = threadIdx.x >> 5;
    v = warp_sum(v);
    if ((threadIdx.x & 31) == 0) red[warp] = v;
    __syncthreads();
    return red[warp & ~1] + red[warp | 1];
}

__global__ void __launch_bounds__(kThreads) wkv_prep_kernel(const __grid_constant__ WkvPrepArgs a) {
    __shared__ float red[8];
    const int C = a.C, H = C / N, row = blockIdx.y;
    const int c = blockIdx.x * kThreads + threadIdx.x;
    const bool own = c < C;
    const std::size_t o = std::size_t(row) * C + (own ? c : 0);
    const float k = own ? a.k[o] : 0.0f;
    float kk = own ? k * a.k_k[c] : 0.0f;
    const float ss = head_pair_sum(kk * kk, red);
    if (!own) return;
    kk *= 1.0f / fmaxf(sqrtf(ss), 1e-12f);
    const float decay = expf(-0.606531f * sigmoidf_(a.w0[c] + a.dw[o]));
    const float alpha = sigmoidf_(a.a0[c] + a.da[o]);
    const float kmod = k * (1.0f + (alpha - 1.0f) * a.k_a[c]);
    float v = a.v[o];
    if (a.layer == 0) {
        a.v_first[o] = v;
    } else {
        v += (a.v_first[o] - v) * sigmoidf_(a.v0[c] + a.dv[o]);
    }
    float* p = a.P + (std::size_t(row) * H + c / N) * kPack + (c % N);
    p[0] = decay;
    p[N] = -kk;
    p[2 * N] = kk * alpha;
    p[3 * N] = kmod;
    p[4 * N] = a.r[o];
    p[5 * N] = v;
}

__device__ __forceinline__ void cp_async16(void* smem, const void* gmem) {
    const unsigned sa = static_cast<unsigned>(__cvta_generic_to_shared(smem));
    asm volatile("cp.async.cg.shared.global [%0], [%1], 16;" ::"r"(sa), "l"(gmem) : "memory");
}
__device__ __forceinline__ void cp_async_commit() { asm volatile("cp.async.commit_group;" ::: "memory"); }
template <int kPending>
__device__ __forceinline__ void cp_async_wait() {
    asm volatile("cp.async.wait_group %0;" ::"n"(kPending) : "memory");
}

__device__ __forceinline__ void ld4(const float* p, float* d) {
    const float4 t = *reinterpret_cast<const float4*>(p);
    d[0] = t.x; d[1] = t.y; d[2] = t.z; d[3] = t.w;
}

// Thread (row m, quarter q) owns 16 columns of state row m as four float4 chunks, chunk c at column 16c + 4q.
__device__ __forceinline__ void scan_step(const float* p, float (&S)[16], int q, int m, float* yo) {
    float w[16], pa[16], pb[16], pk[16], pr[16];
#pragma unroll
    for (int i = 0; i < 4; ++i) {
        const int j = 16 * i + 4 * q;
        ld4(p + j, w + 4 * i);
        ld4(p + N + j, pa + 4 * i);
        ld4(p + 2 * N + j, pb + 4 * i);
        ld4(p + 3 * N + j, pk + 4 * i);
        ld4(p + 4 * N + j, pr + 4 * i);
    }
    const float v = p[5 * N + m];
    float c0 = 0.0f, c1 = 0.0f, c2 = 0.0f, c3 = 0.0f;
#pragma unroll
    for (int j = 0; j < 16; j += 4) {
        c0 = fmaf(S[j], pa[j], c0);
        c1 = fmaf(S[j + 1], pa[j + 1], c1);
        c2 = fmaf(S[j + 2], pa[j + 2], c2);
        c3 = fmaf(S[j + 3], pa[j + 3], c3);
    }
    float sa = (c0 + c1) + (c2 + c3);
    sa += __shfl_xor_sync(0xffffffffu, sa, 1);
    sa += __shfl_xor_sync(0xffffffffu, sa, 2);
    float y0 = 0.0f, y1 = 0.0f, y2 = 0.0f, y3 = 0.0f;
#pragma unroll
    for (int j = 0; j < 16; j += 4) {
        S[j] = fmaf(S[j], w[j], fmaf(pk[j], v, sa * pb[j]));
        S[j + 1] = fmaf(S[j + 1], w[j + 1], fmaf(pk[j + 1], v, sa * pb[j + 1]));
        S[j + 2] = fmaf(S[j + 2], w[j + 2], fmaf(pk[j + 2], v, sa * pb[j + 2]));
        S[j + 3] = fmaf(S[j + 3], w[j + 3], fmaf(pk[j + 3], v, sa * pb[j + 3]));
        y0 = fmaf(S[j], pr[j], y0);
        y1 = fmaf(S[j + 1], pr[j + 1], y1);
        y2 = fmaf(S[j + 2], pr[j + 2], y2);
        y3 = fmaf(S[j + 3], pr[j + 3], y3);
    }
    float y = (y0 + y1) + (y2 + y3);
    y += __shfl_xor_sync(0xffffffffu, y, 1);
    y += __shfl_xor_sync(0xffffffffu, y, 2);
    if (q == 0) *yo = y;
}

// grid (2H, S), 128 threads: thread (row m = 32*half + tid/4, quarter q = tid%4) owns S[m][16i + 4q + e].
// kStage steps per stage; batched decode (T = 1) takes kStage = 1 (v16: 3 KB of shared memory instead of 24 KB,
// so that 16 CTAs instead of 9 fit an SM and more state loads are in flight).
template <int kStage>
__device__ __forceinline__ void wkv_scan_body(const WkvScanArgs& a) {
    __shared__ __align__(16) float buf[2][kStage * kPack];
    const int C = a.g.C, T = a.g.T, H = C / N;
    const int h = blockIdx.x >> 1, s = blockIdx.y;
    const int tid = threadIdx.x, q = tid & 3, m = (blockIdx.x & 1) * 32 + (tid >> 2);
    float* St = a.g.states[s] + a.wkv_offset + (std::size_t(h) * N + m) * N;
    float S[16];
#pragma unroll
    for (int i = 0; i < 4; ++i) ld4(St + 16 * i + 4 * q, S + 4 * i);

    const float* P0 = a.P + (std::size_t(s) * T * H + h) * kPack;  // step t at P0 + t*H*kPack
    const std::size_t step_stride = std::size_t(H) * kPack;
    const int stages = (T + kStage - 1) / kStage;
    auto issue = [&](int stage) {
        const int t0 = stage * kStage, n = min(kStage, T - t0);
        float* dst = buf[stage & 1];
        for (int idx = tid; idx < n * (kPack / 4); idx += 128) {
            const int st = idx / (kPack / 4), f4 = idx % (kPack / 4);
            cp_async16(dst + st * kPack + f4 * 4, P0 + std::size_t(t0 + st) * step_stride + f4 * 4);
        }
        cp_async_commit();
    };
    issue(0);
    float* yout = a.y + std::size_t(s) * T * C + h * N + m;
    for (int stage = 0; stage < stages; ++stage) {
        if (stage + 1 < stages) {
            issue(stage + 1);
            cp_async_wait<1>();
        } else {
            cp_async_wait<0>();
        }
        __syncthreads();
        const float* B = buf[stage & 1];
        const int t0 = stage * kStage, n = min(kStage, T - t0);
        // One step: sa = S·a (4 partial chains, two shuffles), S = S*w + k v + sa b, y = S·r. The y reduction
        // is off the recurrence's critical path: with the 8 steps of a full stage unrolled the compiler
        // overlaps it (and the next step's shared-memory loads) with the next step's sa chain (v2).
        if (n == kStage) {
#pragma unroll
            for (int st = 0; st < kStage; ++st) scan_step(B + st * kPack, S, q, m, yout + std::size_t(t0 + st) * C);
        } else {
            for (int st = 0; st < n; ++st) scan_step(B + st * kPack, S, q, m, yout + std::size_t(t0 + st) * C);
        }
        __syncthreads();  // every thread is done with this buffer before it is refilled
    }
#pragma unroll
    for (int i = 0; i < 4; ++i)
        *reinterpret_cast<float4*>(St + 16 * i + 4 * q) = make_float4(S[4 * i], S[4 * i + 1], S[4 * i + 2], S[4 * i + 3]);
}
__global__ void __launch_bounds__(128) wkv_scan_kernel(const __grid_constant__ WkvScanArgs a) {
    wkv_scan_body<kStageSteps>(a);
}
__global__ void __launch_bounds__(128, kScanT1Blocks) wkv_scan_t1_kernel(const __grid_constant__ WkvScanArgs a) {
    wkv_scan_body<1>(a);
}

template <typename AT>
__global__ void __launch_bounds__(kThreads) wkv_post_kernel(const __grid_constant__ WkvPostArgs a) {
    __shared__ float red0[8], red1[8], red2[8];
    const int C = a.C, H = C / N, row = blockIdx.y;
    const int c = blockIdx.x * kThreads + threadIdx.x;
    const bool own = c < C;
    const std::size_t o = std::size_t(row) * C + (own ? c : 0);
    const float* p = a.P + (std::size_t(row) * H + (own ? c : 0) / N) * kPack + (own ? c : 0) % N;
    const float y = own ? a.y[o] : 0.0f;
    const float r = own ? p[4 * N] : 0.0f, kmod = own ? p[3 * N] : 0.0f, v = own ? p[5 * N] : 0.0f;
    const float mean = head_pair_sum(y, red0) / float(N);
    const float beta = head_pair_sum(own ? r * kmod * a.r_k[c] : 0.0f, red1);
    const float d = y - mean;
    const float var = head_pair_sum(d * d, red2) / float(N);
    if (!own) return;
    const float yn = d * rsqrtf(var + 64e-5f) * a.lnx_w[c] + a.lnx_b[c];
    store_at(static_cast<AT*>(a.out) + o, (yn + beta * v) * a.g[o]);
}

// Elements 4u..4u+3 of 16 state bytes (fp32: u = 0; fp16: u = 0, 1) widened to / rounded from fp32.
template <typename ST>
__device__ __forceinline__ void st_get4(const uint4& t, int u, float* d) {
    const unsigned* wd = reinterpret_cast<const unsigned*>(&t);
    if constexpr (sizeof(ST) == 2) {
        const float2 f0 = __half22float2(*reinterpret_cast<const __half2*>(wd + 2 * u));
        const float2 f1 = __half22float2(*reinterpret_cast<const __half2*>(wd + 2 * u + 1));
        d[0] = f0.x; d[1] = f0.y; d[2] = f1.x; d[3] = f1.y;
    } else {
        d[0] = __uint_as_float(wd[0]); d[1] = __uint_as_float(wd[1]); d[2] = __uint_as_float(wd[2]); d[3] = __uint_as_float(wd[3]);
    }
}
template <typename ST>
__device__ __forceinline__ void st_put4(uint4& t, int u, const float* d) {
    unsigned* wd = reinterpret_cast<unsigned*>(&t);
    if constexpr (sizeof(ST) == 2) {
        *reinterpret_cast<__half2*>(wd + 2 * u) = __floats2half2_rn(d[0], d[1]);
        *reinterpret_cast<__half2*>(wd + 2 * u + 1) = __floats2half2_rn(d[2], d[3]);
    } else {
        wd[0] = __float_as_uint(d[0]); wd[1] = __float_as_uint(d[1]); wd[2] = __float_as_uint(d[2]); wd[3] = __float_as_uint(d[3]);
    }
}

// v20 (session 6): the decode WKV step for both state dtypes with the column vectors read once per kRows state rows.
// 256 threads = kRows sequences of one head ("a group"), 256 / kRows threads each: thread (row slot rs = lt/4, quarter
// q = lt%4) owns rows rs + (64/kRows)*i (i < kRows) and, per row, kC 16-byte chunks of the state (fp32: kC = 4 chunks
// of 4 columns at 16c + 4q, v16e's mapping; fp16: kC = 2 chunks of 8 columns at 32c + 8q, v18's), so a warp's state
// access covers 8 rows x 64 contiguous bytes. The state stays packed in registers (16-byte raw chunks, widened per
// use; fp32 arithmetic as before). Per sequence and step each thread reads its 16 columns of decay, -kk, kk*alpha, kmod
// and r once from shared memory (20 LDS.128) and applies them to kRows rows, with 2 shuffles per row and dot product:
// v16e (1 row) issued 24 shared-memory/shuffle instructions per 16 state values, v18d 22; here 20 + 5 kRows per
// 16 kRows. The first 64 threads of each sequence run its per-channel prep and post, as in v16e.
struct ChanIn {  // per (sequence, channel) inputs of a step
    float k = 0, r = 0, v = 0, dw = 0, da = 0, dg = 0, dv = 0, vf = 0;
};
struct ChanConst {  // per channel constants
    float k_k = 0, w0 = 0, a0 = 0, k_a = 0, v0 = 0, r_k = 0, lw = 0, lb = 0;
};
// IT: the type of the per-(sequence, channel) inputs (float, or __half with v40's in16).
template <typename IT>
__device__ __forceinline__ ChanIn load_chan_in(const WkvDecodeRowsArgs& a, std::size_t o) {
    auto at = [o](const void* p) { return to_f32(static_cast<const IT*>(p)[o]); };
    ChanIn x;
    x.k = at(a.k);
    x.r = at(a.r);
    x.v = at(a.v);
    x.dw = at(a.dw);
    x.da = at(a.da);
    x.dg = at(a.dg);
    if (a.layer > 0) {
        x.dv = at(a.dv);
        x.vf = at(a.v_first);
    }
    return x;
}
__device__ __forceinline__ ChanConst load_chan_const(const WkvDecodeRowsArgs& a, int c) {
    ChanConst x;
    x.k_k = a.k_k[c];
    x.w0 = a.w0[c];
    x.a0 = a.a0[c];
    x.k_a = a.k_a[c];
    if (a.layer > 0) x.v0 = a.v0[c];
    x.r_k = a.r_k[c];
    x.lw = a.lnx_w[c];
    x.lb = a.lnx_b[c];
    return x;
}

template <int kSeq>  // sequences per CTA
struct GroupShared {
    float P[kSeq][kPack];
    float ys[kSeq][N];
    float Q[kSeq][4][N];  // per channel for the post: r*kmod*r_k, g, lnx_w, lnx_b (no registers held)
    float red[8];
};

template <typename ST, int kRows>
struct GroupGeom {
    static constexpr int kT = 256 / kRows;           // threads per sequence
    static constexpr int kW = 16 / int(sizeof(ST));  // columns per 16-byte chunk
    static constexpr int kC = 16 / kW;               // chunks per row and thread
    static constexpr int kRs = N / kRows;            // row stride between a thread's rows
    int j, lt, q, rs;
    __device__ explicit GroupGeom(int tid) : j(tid / kT), lt(tid % kT), q(lt & 3), rs(lt >> 2) {}
    // the thread's first state element inside a [64, 64] head matrix; row i, chunk cc at + i*kRs*N + 4*kW*cc
    __device__ int base() const { return rs * N + kW * q; }
};

// Where a thread's state chunks (kRows rows x kC 16-byte chunks) live during one step of group_step.
// v20: registers, loaded by the caller, updated in place and written back at the end.
template <typename ST, int kRows>
struct ChunksInRegisters {
    using G = GroupGeom<ST, kRows>;
    uint4 raw[kRows][G::kC];
    __device__ __forceinline__ void ready() const {}
    __device__ __forceinline__ const uint4& at(int i, int cc) const { return raw[i][cc]; }
    __device__ __forceinline__ void put(ST*, int i, int cc, const uint4& v) { raw[i][cc] = v; }
    __device__ __forceinline__ void flush(ST* St) const {
#pragma unroll
        for (int i = 0; i < kRows; ++i)
#pragma unroll
            for (int cc = 0; cc < G::kC; ++cc) *reinterpret_cast<uint4*>(St + i * G::kRs * N + 4 * G::kW * cc) = raw[i][cc];
    }
};
// v24: the thread's own slots of a shared tile, filled by cp.async (waited for in ready()); each updated chunk goes
// straight to global memory. kThreads: the CTA's threads (v48: 64 per sequence of the CTA).
template <typename ST, int kRows, int kThreads = 256>
struct ChunksInShared {
    using G = GroupGeom<ST, kRows>;
    uint4 (*tile)[kThreads];
    int tid;
    __device__ __forceinline__ void ready() const { cp_async_wait<0>(); }
    __device__ __forceinline__ const uint4& at(int i, int cc) const { return tile[i * G::kC + cc][tid]; }
    __device__ __forceinline__ void put(ST* St, int i, int cc, const uint4& v) const {
        *reinterpret_cast<uint4*>(St + i * G::kRs * N + 4 * G::kW * cc) = v;
    }
    __device__ __forceinline__ void flush(ST*) const {}
};

// The state part of one step for one sequence and head: the thread's kRows rows (GroupGeom) of the chunks `ch`, the
// step vectors p (sh.P of the sequence: decay, -kk, kk*alpha, kmod, r, v), the new state written to St, each row's
// y into ys (by the row's quarter 0). v20 / v24 / v42 (kRows = 4, through group_step) and v60 (kRows = 8) run it.
template <typename ST, int kRows, typename Chunks>
__device__ __forceinline__ void update_rows(const float* p, Chunks& ch, ST* St, const GroupGeom<ST, kRows>& gg, float* ys) {
    using G = GroupGeom<ST, kRows>;
    constexpr int kW = G::kW, kC = G::kC, kRs = G::kRs;
    const int q = gg.q, rs = gg.rs;
    float sa[kRows];  // sa[i] = S[i] . (-kk)
#pragma unroll
    for (int i = 0; i < kRows; ++i) sa[i] = 0.0f;
#pragma unroll
    for (int cc = 0; cc < kC; ++cc)
#pragma unroll
        for (int u = 0; u < kW / 4; ++u) {
            float pa[4];
            ld4(p + N + 4 * kW * cc + kW * q + 4 * u, pa);
#pragma unroll
            for (int i = 0; i < kRows; ++i) {
                float e[4];
                st_get4<ST>(ch.at(i, cc), u, e);
#pragma unroll
                for (int x = 0; x < 4; ++x) sa[i] = fmaf(e[x], pa[x], sa[i]);
            }
        }
    float vr[kRows], y[kRows];
#pragma unroll
    for (int i = 0; i < kRows; ++i) {
        sa[i] += __shfl_xor_sync(0xffffffffu, sa[i], 1);
        sa[i] += __shfl_xor_sync(0xffffffffu, sa[i], 2);
        vr[i] = p[5 * N + rs + i * kRs];
        y[i] = 0.0f;
    }
    // S = S*w + kmod v + sa (kk*alpha), y = S . r; one column chunk at a time, 4 columns at a time (16 step-vector
    // registers live)
#pragma unroll
    for (int cc = 0; cc < kC; ++cc) {
        uint4 cur[kRows];
#pragma unroll
        for (int i = 0; i < kRows; ++i) cur[i] = ch.at(i, cc);
#pragma unroll
        for (int u = 0; u < kW / 4; ++u) {
            float w[4], pb[4], pk[4], pr[4];
            const int col = 4 * kW * cc + kW * q + 4 * u;
            ld4(p + col, w);
            ld4(p + 2 * N + col, pb);
            ld4(p + 3 * N + col, pk);
            ld4(p + 4 * N + col, pr);
#pragma unroll
            for (int i = 0; i < kRows; ++i) {
                float e[4];
                st_get4<ST>(cur[i], u, e);
#pragma unroll
                for (int x = 0; x < 4; ++x) {
                    e[x] = fmaf(e[x], w[x], fmaf(pk[x], vr[i], sa[i] * pb[x]));
                    y[i] = fmaf(e[x], pr[x], y[i]);
                }
                st_put4<ST>(cur[i], u, e);
            }
        }
#pragma unroll
        for (int i = 0; i < kRows; ++i) ch.put(St, i, cc, cur[i]);
    }
    ch.flush(St);
#pragma unroll
    for (int i = 0; i < kRows; ++i) {
        y[i] += __shfl_xor_sync(0xffffffffu, y[i], 1);
        y[i] += __shfl_xor_sync(0xffffffffu, y[i], 2);
        if (q == 0) ys[rs + i * kRs] = y[i];
    }
}

// Prep of channel lt of a sequence's head after the sum ss of its kk^2: decay, -kk, kk*alpha, kmod, r and v into the
// step vectors p ([6][N]), r*kmod*r_k, g and the GroupNorm weight and bias into Q; layer 0 stores v_first.
template <typename IT>
__device__ __forceinline__ void prep_channel(const WkvDecodeRowsArgs& a, const ChanIn& in, const ChanConst& kc, float kk,
                                             float ss, std::size_t o, float* p, float (*Q)[N], int lt) {
    kk *= 1.0f / fmaxf(sqrtf(ss), 1e-12f);
    const float decay = expf(-0.606531f * sigmoidf_(kc.w0 + in.dw));
    const float alpha = sigmoidf_(kc.a0 + in.da);
    const float kmod = in.k * (1.0f + (alpha - 1.0f) * kc.k_a);
    float v = in.v;
    if (a.layer == 0) store_at(static_cast<IT*>(a.v_first) + o, v);
    else v += (in.vf - v) * sigmoidf_(kc.v0 + in.dv);
    p[lt] = decay;
    p[N + lt] = -kk;
    p[2 * N + lt] = kk * alpha;
    p[3 * N + lt] = kmod;
    p[4 * N + lt] = in.r;
    p[5 * N + lt] = v;
    Q[0][lt] = in.r * kmod * kc.r_k;
    Q[1][lt] = in.dg;
    Q[2][lt] = kc.lw;
    Q[3][lt] = kc.lb;
}
// GroupNorm (d = y - mean, var) + bonus (beta * v) + gate of channel lt into out.
template <typename AT>
__device__ __forceinline__ void post_channel(const WkvDecodeRowsArgs& a, std::size_t o, float d, float var, float beta,
                                             const float* p, const float (*Q)[N], int lt) {
    const float yn = d * rsqrtf(var + 64e-5f) * Q[2][lt] + Q[3][lt];
    store_at(static_cast<AT*>(a.out) + o, (yn + beta * p[5 * N + lt]) * Q[1][lt]);
}

// One step of one group: prep (channel threads), the state update from the chunks `ch` (requested by the caller)
// with the new state written to St (the thread's base element), y, then GroupNorm + bonus + gate into out. Every
// thread calls it. kSeq (deduced): the CTA's sequences, kRows for v20 / v24 / v42, 2 or 1 for v48.
template <typename AT, typename ST, int kRows, typename IT, int kSeq, typename Chunks>
__device__ __forceinline__ void group_step(const WkvDecodeRowsArgs& a, GroupShared<kSeq>& sh, Chunks& ch,
                                           ST* St, bool valid, bool chan, std::size_t o, const GroupGeom<ST, kRows>& gg,
                                           const ChanIn& in, const ChanConst& kc) {
    const int j = gg.j, lt = gg.lt;
    const float kk = in.k * kc.k_k;
    const float ss = head_pair_sum(kk * kk, sh.red);  // warp pairs: a sequence's channels are its first two warps
    if (chan) prep_channel<IT>(a, in, kc, kk, ss, o, sh.P[j], sh.Q[j], lt);
    ch.ready();  // v24: this thread's own chunks (each thread reads back only the slots it filled)
    __syncthreads();
    if (valid) update_rows<ST, kRows>(sh.P[j], ch, St, gg, sh.ys[j]);
    __syncthreads();
    const float yv = chan ? sh.ys[j][lt] : 0.0f;
    const float mean = head_pair_sum(yv, sh.red) / float(N);
    __syncthreads();
    const float beta = head_pair_sum(chan ? sh.Q[j][0][lt] : 0.0f, sh.red);
    __syncthreads();
    const float d = yv - mean;
    const float var = head_pair_sum(chan ? d * d : 0.0f, sh.red) / float(N);
    if (chan) post_channel<AT>(a, o, d, var, beta, sh.P[j], sh.Q[j], lt);
}

template <typename ST>
__device__ __forceinline__ ST* head_state(const WkvDecodeRowsArgs& a, int s, int h) {
    if constexpr (sizeof(ST) == 2)
        return reinterpret_cast<ST*>(a.states16[s]) + a.wkv16_offset + std::size_t(h) * N * N;
    else
        return reinterpret_cast<ST*>(a.g.states[s]) + a.wkv_offset + std::size_t(h) * N * N;
}

// v20 launch: grid (H, ceil(S / kRows)), one group per CTA; the state, the inputs and the constants are loaded before
// the first barrier. CTAs per SM: fp16 x 4 rows 2 (121 registers), fp32 x 2 rows 3 (80). One more CTA under a lower
// register cap (v20b) measured: fp16 3 (80 registers, 272 bytes spilled) WKV 2.93 -> 4.13 ms, fp32 4 (64 registers,
// 28 bytes spilled) 5.26 -> 5.30 (H200 7.2B B=256).
template <typename AT, typename ST, int kRows, typename IT>
__global__ void __launch_bounds__(256, kRows == 4 ? 2 : 3) wkv_decode_rows_v20_kernel(const __grid_constant__ WkvDecodeRowsArgs a) {
    using G = GroupGeom<ST, kRows>;
    __shared__ GroupShared<kRows> sh;
    const G gg(threadIdx.x);
    const int h = blockIdx.x, s = kRows * blockIdx.y + gg.j;
    const bool valid = s < a.g.S, chan = valid && gg.lt < N;
    ST* St = valid ? head_state<ST>(a, s, h) + gg.base() : nullptr;
    ChunksInRegisters<ST, kRows> ch;
    if (valid) {
#pragma unroll
        for (int i = 0; i < kRows; ++i)
#pragma unroll
            for (int cc = 0; cc < G::kC; ++cc)
                ch.raw[i][cc] = *reinterpret_cast<const uint4*>(St + i * G::kRs * N + 4 * G::kW * cc);
    }
    const int c = h * N + (gg.lt & (N - 1));
    const std::size_t o = std::size_t(chan ? s : 0) * a.g.C + c;
    const ChanIn in = chan ? load_chan_in<IT>(a, o) : ChanIn{};
    const ChanConst kc = chan ? load_chan_const(a, c) : ChanConst{};
    group_step<AT, ST, kRows, IT>(a, sh, ch, St, valid, chan, o, gg, in, kc);
}

// v24 (session 7): the fp16-state decode step — v20's mapping (4 state rows per thread, 4 sequences per CTA) with the
// state staged in shared memory instead of registers. Each thread copies its own 16-byte state chunks into its own
// slots of a 32 KB tile with cp.async at the start (no registers held while the loads are in flight), waits for them
// after prep, reads them back for the sa pass and again, one column chunk at a time, for the update, and writes the new
// state to global memory from registers. Out of the register file the kernel fits 80 registers (v20: 121): 3 CTAs per
// SM instead of 2, 96 KB of state in flight per SM instead of 64. Arithmetic and order are v20's (bit-identical): both
// run group_step, v20 over ChunksInRegisters, v24 over ChunksInShared.
// H200 7.2B, same run: WKV B=256 2.909 -> 2.855 ms, B=1024 11.25 -> 10.72 (86 % of copy bandwidth). Measured and not
// kept: 4 CTAs per SM (64 registers, 44 bytes spilled; 3.19 ms) and the fp32 state staged the same way (3 CTAs: 5.46 ms,
// 4 CTAs: 5.62, against v20's 5.27 — v20 already runs 3 CTAs of fp32 state per SM).
// A thread's state chunks of its sequence (kRows rows x kC 16-byte chunks, GroupGeom's layout) into the CTA's tile by
// cp.async (the caller commits the group); v24 and v42 issue the same copies.
template <typename ST, int kRows, int kThreads = 256>
__device__ __forceinline__ void copy_state_rows(uint4 (*tile)[kThreads], const ST* St) {
    using G = GroupGeom<ST, kRows>;
#pragma unroll
    for (int i = 0; i < kRows; ++i)
#pragma unroll
        for (int cc = 0; cc < G::kC; ++cc)
            cp_async16(&tile[i * G::kC + cc][threadIdx.x], St + i * G::kRs * N + 4 * G::kW * cc);
}

template <typename AT, typename ST, int kRows, typename IT>
__global__ void __launch_bounds__(256, 3) wkv_decode_rows_v24_kernel(const __grid_constant__ WkvDecodeRowsArgs a) {
    using G = GroupGeom<ST, kRows>;
    __shared__ GroupShared<kRows> sh;
    __shared__ uint4 tile[kRows * G::kC][256];
    const G gg(threadIdx.x);
    const int h = blockIdx.x, s = kRows * blockIdx.y + gg.j;
    const bool valid = s < a.g.S, chan = valid && gg.lt < N;
    ST* St = valid ? head_state<ST>(a, s, h) + gg.base() : nullptr;
    if (valid) copy_state_rows<ST, kRows>(tile, St);
    cp_async_commit();
    const int c = h * N + (gg.lt & (N - 1));
    const std::size_t o = std::size_t(chan ? s : 0) * a.g.C + c;
    const ChanIn in = chan ? load_chan_in<IT>(a, o) : ChanIn{};
    const ChanConst kc = chan ? load_chan_const(a, c) : ChanConst{};
    ChunksInShared<ST, kRows> ch{tile, int(threadIdx.x)};
    group_step<AT, ST, kRows, IT>(a, sh, ch, St, valid, chan, o, gg, in, kc);
}

// v42 (session 13): v24 for fp16 inputs (v40's in16) with the inputs staged in shared memory by cp.async. A sequence's
// 64 threads copy its 8 inputs x 64 channels of the head (1 KB) with one 16-byte copy each (thread lt: input lt / 8 in
// the order k, r, v, dw, da, dg, dv, v_first; channels 8 (lt % 8) .. + 7), committed as a group before the state's
// copies, so these short L2 reads no longer queue behind the CTA's 32 KB of state: each thread waits for the inputs'
// group only, one barrier, then reads its channel back (v24 issued eight 2-byte loads per thread after the state's
// copies; ncu put 26 % of its stall samples on their first use). Constants as v24; arithmetic and order are v24's
// (bit-identical logits). 80 registers, 48 KB shared, 3 CTAs per SM as v24. Needs every input 16-byte aligned.
// H200 7.2B fp16, fp16 state, same process, 5 alternated rounds: WKV alone in the graph B=256 2.824 -> 2.730 ms,
// B=1024 10.501 -> 10.391; the full step B=256 10.360 -> 10.064, B=1024 34.621 -> 34.384.
// v48 (session 16, the default up to 512 sequences: kSeqs2Max): kSeq sequences per CTA of 64 kSeq threads (v42: kSeq = kRows = 4, 256 threads, 3 CTAs per SM);
// the per-thread layout, arithmetic and order do not depend on kSeq (bit-identical), only how many independent CTAs
// share an SM: kSeq = 2 gives 6 CTAs of 128 threads (80 registers, 24 KB shared), kSeq = 1 12 of 64, so one CTA's
// serial start (pointer, copies, barriers) overlaps more of the others' updates. H200, WKV alone in the graph, same
// process: 1.5B B=256 1.085 -> 1.072 ms (2/CTA), 1.073 (1/CTA); 7.2B B=256 2.790 -> 2.733, B=512 5.41 -> 5.26, B=1024
// 10.418 -> 10.459 (+0.4 %, so 4/CTA there).
// v42's input copies: piece idx (0..63) of a sequence's 8 fp16 inputs x 64 channels of head h (input idx / 8 in the
// order k, r, v, dw, da, dg, dv, v_first; channels 8 (idx % 8) .. + 7) into xin by one 16-byte cp.async (the caller
// commits) if the sequence is valid. Layer 0 reads neither dv nor v_first.
__device__ __forceinline__ void copy_chan_input(const WkvDecodeRowsArgs& a, __half (*xin)[N], int idx, int s, int h,
                                                bool valid) {
    const int xi = idx >> 3;
    if (valid && (xi < 6 || a.layer > 0)) {
        const void* src = xi == 0 ? a.k : xi == 1 ? a.r : xi == 2 ? a.v : xi == 3 ? a.dw : xi == 4 ? a.da : xi == 5 ? a.dg
                        : xi == 6 ? a.dv : static_cast<const void*>(a.v_first);
        cp_async16(&xin[xi][8 * (idx & 7)], static_cast<const __half*>(src) + std::size_t(s) * a.g.C + h * N + 8 * (idx & 7));
    }
}
// Channel lt's inputs back from xin (after the copies were waited for and the threads synchronized).
__device__ __forceinline__ ChanIn chan_inputs(const __half (*x)[N], int lt, int layer) {
    ChanIn in;
    in.k = __half2float(x[0][lt]);
    in.r = __half2float(x[1][lt]);
    in.v = __half2float(x[2][lt]);
    in.dw = __half2float(x[3][lt]);
    in.da = __half2float(x[4][lt]);
    in.dg = __half2float(x[5][lt]);
    if (layer > 0) {
        in.dv = __half2float(x[6][lt]);
        in.vf = __half2float(x[7][lt]);
    }
    return in;
}

template <typename AT, typename ST, int kRows, int kSeq = kRows>
__global__ void __launch_bounds__(64 * kSeq, 12 / kSeq) wkv_decode_rows_v42_kernel(const __grid_constant__ WkvDecodeRowsArgs a) {
    using G = GroupGeom<ST, kRows>;
    static_assert(G::kT == N, "one channel per thread of a sequence");
    constexpr int kThreads = 64 * kSeq;
    __shared__ GroupShared<kSeq> sh;
    __shared__ uint4 tile[kRows * G::kC][kThreads];
    __shared__ __align__(16) __half xin[kSeq][8][N];
    const G gg(threadIdx.x);
    const int h = blockIdx.x, s = kSeq * blockIdx.y + gg.j;
    const bool valid = s < a.g.S, chan = valid;  // kT == N: every thread of a valid sequence owns a channel
    ST* St = valid ? head_state<ST>(a, s, h) + gg.base() : nullptr;
    const int c = h * N + gg.lt;
    const std::size_t o = std::size_t(chan ? s : 0) * a.g.C + c;
    copy_chan_input(a, xin[gg.j], gg.lt, s, h, valid);
    cp_async_commit();
    if (valid) copy_state_rows<ST, kRows, kThreads>(tile, St);
    cp_async_commit();
    const ChanConst kc = chan ? load_chan_const(a, c) : ChanConst{};
    cp_async_wait<1>();  // the inputs' group
    __syncthreads();
    const ChanIn in = chan ? chan_inputs(xin[gg.j], gg.lt, a.layer) : ChanIn{};
    ChunksInShared<ST, kRows, kThreads> ch{tile, int(threadIdx.x)};
    group_step<AT, ST, kRows, __half>(a, sh, ch, St, valid, chan, o, gg, in, kc);
}

#include "wkv7_rows_warp.cuh"  // v60 and v72 (the default): one warp per (sequence, head)


bool aligned16(const void* p) { return (reinterpret_cast<std::uintptr_t>(p) & 15u) == 0; }

bool g_scan_t1 = true;
bool scan_t1() { return g_scan_t1; }

// v48: sequences per CTA of the fp16-state decode step; 0 = by batch (2 up to kSeqs2Max sequences, else 4)
constexpr int kSeqs2Max = 512;
int seqs_or_auto(int n) { return n == 1 || n == 2 || n == 4 ? n : 0; }
int g_wkv_seqs = [] {  // set_wkv_decode_seqs; env RWKV_CUDA_WKV_SEQS
    const char* e = std::getenv("RWKV_CUDA_WKV_SEQS");
    return seqs_or_auto(e != nullptr ? std::atoi(e) : 0);
}();
// v60 / v72: 1, 2, 4 = v60 with that many warps (= sequences) per CTA, 6 = v72 (4 per CTA, the state block by the
// bulk-copy engine), 0 = off (v42 / v48); probes (memory path alone, not a model): 5 v60's, 9 v72's.
// Session 32: 19 = v75 (the default: v72 with its inputs by bulk copies and its head sums by transposed butterflies); probes (not a
// model): 16 = v72's inputs, prep and post alone (no state block; y = 0), 18 = v75's.
int v60_or_off(int n) { return n == 1 || n == 2 || n == 4 || n == 5 || n == 6 || n == 9 || n == 16 || n == 18 || n == 19 ? n : 0; }
int g_wkv_v60 = [] {  // set_wkv_decode_v60; env RWKV_CUDA_WKV_V60, default 19 (v75)
    const char* e = std::getenv("RWKV_CUDA_WKV_V60");
    return e != nullptr ? v60_or_off(std::atoi(e)) : 19;
}();
// v72's kernel was compiled for sm_90 or later (cp.async.bulk, mbarrier tx counts); else v60 runs in its place
template <typename AT>
bool v72_built() {
    static const bool ok = [] {
        cudaFuncAttributes fa{};
        return cudaFuncGetAttributes(&fa, wkv_decode_rows_v72_kernel<AT, 4, false>) == cudaSuccess && fa.ptxVersion >= 90;
    }();
    return ok;
}

template <typename AT, typename IT>
void launch_decode(const WkvDecodeRowsArgs& a, cudaStream_t stream) {
    const int H = a.g.C / N;
    if constexpr (sizeof(IT) == 2) {  // fp16 inputs and state: v42 (the inputs staged by cp.async) when aligned
        if (a.states16 != nullptr && aligned16(a.k) && aligned16(a.r) && aligned16(a.v) && aligned16(a.dw) &&
            aligned16(a.da) && aligned16(a.dg) && aligned16(a.dv) && aligned16(a.v_first)) {
            if (g_wkv_v60 != 0) {  // v60 / v72: one warp per sequence
                const int form = g_wkv_v60 > 5 && !v72_built<AT>() ? 4 : g_wkv_v60;
                const dim3 grid(H, (a.g.S + (form > 4 ? 4 : form) - 1) / (form > 4 ? 4 : form));
                if (form == 6) wkv_decode_rows_v72_kernel<AT, 4, false><<<grid, 128, 0, stream>>>(a);
                else if (form == 19) wkv_decode_rows_v72_kernel<AT, 4, false, true><<<grid, 128, 0, stream>>>(a);
                else if (form == 9) wkv_decode_rows_v72_kernel<AT, 4, true><<<grid, 128, 0, stream>>>(a);
                else if (form == 16) wkv_decode_rows_v72_kernel<AT, 4, true, false, true><<<grid, 128, 0, stream>>>(a);
                else if (form == 18) wkv_decode_rows_v72_kernel<AT, 4, true, true, true><<<grid, 128, 0, stream>>>(a);
                else if (form == 5) wkv_decode_rows_v60_kernel<AT, 4, true><<<grid, 128, 0, stream>>>(a);
                else if (form == 4) wkv_decode_rows_v60_kernel<AT, 4><<<grid, 128, 0, stream>>>(a);
                else if (form == 2) wkv_decode_rows_v60_kernel<AT, 2><<<grid, 64, 0, stream>>>(a);
                else wkv_decode_rows_v60_kernel<AT, 1><<<grid, 32, 0, stream>>>(a);
                return;
            }
            const int q = g_wkv_seqs != 0 ? g_wkv_seqs : a.g.S <= kSeqs2Max ? 2 : 4;  // v48: sequences per CTA
            const dim3 grid(H, (a.g.S + q - 1) / q);
            if (q == 2) wkv_decode_rows_v42_kernel<AT, __half, 4, 2><<<grid, 128, 0, stream>>>(a);
            else if (q == 1) wkv_decode_rows_v42_kernel<AT, __half, 4, 1><<<grid, 64, 0, stream>>>(a);
            else wkv_decode_rows_v42_kernel<AT, __half, 4><<<grid, 256, 0, stream>>>(a);
            return;
        }
    }
    if (a.states16 != nullptr)  // fp16 state: v24, 4 rows per thread; fp32: v20, 2 (docs/perf-notes.md v20, v24)
        wkv_decode_rows_v24_kernel<AT, __half, 4, IT><<<dim3(H, (a.g.S + 3) / 4), 256, 0, stream>>>(a);
    else
        wkv_decode_rows_v20_kernel<AT, float, 2, IT><<<dim3(H, (a.g.S + 1) / 2), 256, 0, stream>>>(a);
}

}  // namespace

void set_wkv_scan_t1(bool on) { g_scan_t1 = on; }
void set_wkv_decode_seqs(int n) { g_wkv_seqs = seqs_or_auto(n); }
void set_wkv_decode_v60(int n) { g_wkv_v60 = v60_or_off(n); }

cudaError_t launch_wkv_prep(const WkvPrepArgs& a, cudaStream_t stream) {
    if (a.C % N != 0 || a.R <= 0) return cudaErrorInvalidValue;
    wkv_prep_kernel<<<dim3((a.C + kThreads - 1) / kThreads, a.R), kThreads, 0, stream>>>(a);
    return cudaGetLastError();
}

cudaError_t launch_wkv_scan(const WkvScanArgs& a, cudaStream_t stream) {
    if (a.g.C % N != 0 || a.g.S <= 0 || a.g.T <= 0) return cudaErrorInvalidValue;
    if (a.g.T == 1 && scan_t1()) wkv_scan_t1_kernel<<<dim3(2 * (a.g.C / N), a.g.S), 128, 0, stream>>>(a);
    else wkv_scan_kernel<<<dim3(2 * (a.g.C / N), a.g.S), 128, 0, stream>>>(a);
    return cudaGetLastError();
}

cudaError_t launch_wkv_decode_rows(const WkvDecodeRowsArgs& a, WType wt, cudaStream_t stream) {
    if (a.g.C % N != 0 || a.g.S <= 0 || a.g.T != 1) return cudaErrorInvalidValue;
    if (a.in16 && wt != WType::F16) return cudaErrorInvalidValue;  // fp16 inputs come from fp16 GEMMs
    if (wt == WType::F16 && a.in16) launch_decode<__half, __half>(a, stream);
    else if (wt == WType::F16) launch_decode<__half, float>(a, stream);
    else launch_decode<float, float>(a, stream);
    return cudaGetLastError();
}

cudaError_t launch_wkv_post(const WkvPostArgs& a, WType wt, cudaStream_t stream) {
    if (a.C % N != 0 || a.R <= 0) return cudaErrorInvalidValue;
    const dim3 grid((a.C + kThreads - 1) / kThreads, a.R);
    if (wt == WType::F16) wkv_post_kernel<__half><<<grid, kThreads, 0, stream>>>(a);
    else wkv_post_kernel<float><<<grid, kThreads, 0, stream>>>(a);
    return cudaGetLastError();
}

}  // namespace rwkv::cuda_kernels
