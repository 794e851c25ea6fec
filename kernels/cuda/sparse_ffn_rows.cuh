// kernels/cuda/sparse_ffn_rows.cuh — the value rows' loads shared by the sparse FFN kernels (sparse_ffn.cu: list and
// poll kernels; sparse_ffn_chunk.cu: the v6 chunk kernel): 8 weights of a row per lane (16-byte loads with the
// evict-first hint; int8 8 bytes) and their unpacking to floats, the column slice width kCols and the rows in flight,
// the loop that accumulates a warp's rows (accumulate_rows, all three kernels); the compaction of a chunk's active
// neurons (compact_active: the chunk kernel and sparse_ffn_batch.cu's v79); and the chunk kernel's launcher, which
// sparse_ffn.cu's launch_sparse_ffn calls. The loads and unpacking serve matvec_rows.cu (v80), matvec_rows_split.cu
// (v80b) and sparse_ffn_batch.cu (v79) too, and the matvec kernels share their output's store (store_out).
#pragma once

#include "common.cuh"

namespace rwkv::cuda_kernels {

// The v6 chunk kernel (sparse_ffn_chunk.cu) on grid (F/kFfnChunk, C/256), 128 threads; the weights' dtype from
// a.Vscale (int8) or wt.
cudaError_t launch_sparse_ffn_chunk(const SparseFfnArgs& a, WType wt, dim3 grid, cudaStream_t stream);
// v84 (sparse_ffn_batch_mma.cu): launch_sparse_ffn_batch's form on the tensor cores, fp16 or int8 (a.Vscale) weights
// and fp16 activations, on v79's grid (F/kFfnChunk, C/kCols), 128 threads; launch_sparse_ffn_batch checks the rest.
cudaError_t launch_sparse_ffn_batch_mma(const SparseFfnBatchArgs& a, dim3 grid, cudaStream_t stream);

namespace {

constexpr int kCols = 256;
constexpr int kInFlight = 8;  // rows per warp in flight (16 measured in v6: no gain)

// A 16-byte weight load with the evict-first hint, as plain (non-volatile) PTX so that ptxas may hoist all
// kInFlight loads ahead of the FMAs (with __ldcs it kept only a few in flight: 34 registers).
__device__ __forceinline__ uint4 ld_stream(const uint4* p) {
    uint4 r;
    asm("ld.global.cs.v4.u32 {%0,%1,%2,%3}, [%4];" : "=r"(r.x), "=r"(r.y), "=r"(r.z), "=r"(r.w) : "l"(p));
    return r;
}

__device__ __forceinline__ uint2 ld_stream8(const uint2* p) {
    uint2 r;
    asm("ld.global.cs.v2.u32 {%0,%1}, [%2];" : "=r"(r.x), "=r"(r.y) : "l"(p));
    return r;
}

// Raw 16-byte words per lane per row (8 columns): fp32 2, fp16 1, int8 1 (half used).
template <typename WT> constexpr int kWords = sizeof(WT) == 4 ? 2 : 1;

// 8 consecutive weights of row idx from column col, raw.
template <typename WT>
__device__ __forceinline__ void load_row8(const WT* Vt, int idx, int C, int col, uint4* w) {
    if constexpr (sizeof(WT) == 1) {
        const uint2 v = ld_stream8(reinterpret_cast<const uint2*>(Vt + std::size_t(idx) * C + col));
        w[0] = make_uint4(v.x, v.y, 0u, 0u);
    } else {
        const uint4* p = reinterpret_cast<const uint4*>(Vt + std::size_t(idx) * C + col);
#pragma unroll
        for (int q = 0; q < kWords<WT>; ++q) w[q] = ld_stream(p + q);
    }
}

// The 8 raw weights as floats (int8: exact, through the 2^23 mantissa trick of matvec.cu).
template <typename WT>
__device__ __forceinline__ void unpack8(const uint4* w, float* f) {
    if constexpr (sizeof(WT) == 1) {
        const unsigned u[2] = {w[0].x ^ 0x80808080u, w[0].y ^ 0x80808080u};
#pragma unroll
        for (int q = 0; q < 8; ++q)
            f[q] = __int_as_float(int(__byte_perm(u[q >> 2], 0x4B000000u, 0x7440u + unsigned(q & 3)))) - 8388736.0f;
    } else if constexpr (sizeof(WT) == 2) {
        const __half2* h2 = reinterpret_cast<const __half2*>(&w[0]);
#pragma unroll
        for (int q = 0; q < 4; ++q) {
            const float2 t = __half22float2(h2[q]);
            f[2 * q] = t.x;
            f[2 * q + 1] = t.y;
        }
    } else {
        const float* fp = reinterpret_cast<const float*>(&w[0]);
#pragma unroll
        for (int q = 0; q < 8; ++q) f[q] = fp[q];
    }
}

// A matvec output: *p = v (beta 0) or *p + v (beta 1), stored as p's type (matvec_rows.cu's v80 / v81 and
// matvec_rows_split.cu's v80b).
__device__ __forceinline__ void store_out(float* p, float v, float beta) { *p = beta != 0.0f ? *p + v : v; }
__device__ __forceinline__ void store_out(__half* p, float v, float beta) {
    *p = __float2half_rn(beta != 0.0f ? __half2float(*p) + v : v);
}

// One step of a 128-thread CTA's compaction of its chunk's active neurons (the chunk kernel, sparse_ffn_batch.cu):
// each thread holds one neuron, active when nz; the active ones take the slots count, count + 1, ... in thread order
// (warp ballot, fixed order: the same list every run), store(slot) writes this thread's neuron there, and count grows
// by the step's active neurons in every thread. The whole CTA calls it together (two __syncthreads); s_wc: shared,
// a count per warp.
template <typename Store>
__device__ __forceinline__ void compact_active(bool nz, int lane, int warp, int (&s_wc)[4], int& count, Store store) {
    const unsigned m = __ballot_sync(0xffffffffu, nz);
    if (lane == 0) s_wc[warp] = __popc(m);
    __syncthreads();
    int off = count;
    for (int w = 0; w < warp; ++w) off += s_wc[w];
    off += __popc(m & ((1u << lane) - 1u));
    if (nz) store(off);
    count += s_wc[0] + s_wc[1] + s_wc[2] + s_wc[3];
    __syncthreads();
}

// The front of the small steps' sparse FFN value kernels (v79 sparse_ffn_batch.cu, v84 sparse_ffn_batch_mma.cu) in a
// CTA of 128 threads on chunk blockIdx.x: every activation of the chunk's kFfnChunk neurons for kR rows in flight at
// once (rows past a.R read as 0) — with a.relu2, max(k, 0)² rounded to HT (the values launch_relu2_rows stores), their
// count of k > 0 added to *a.active by the CTAs of column slice 0 — then the neurons active in any row (every one with
// a.dense) compacted in a fixed order (compact_active): store(slot, neuron, hv) with hv[kR] the neuron's activations.
// The whole CTA calls it; returns the number of active neurons (the same in every thread).
template <typename HT, int kR, typename Store>
__device__ __forceinline__ int compact_chunk_rows(const SparseFfnBatchArgs& a, int (&s_wc)[4], Store store) {
    constexpr int kThreads = 128, kSteps = kFfnChunk / kThreads;
    const int tid = threadIdx.x, lane = tid & 31, warp = tid >> 5;
    const int f0 = blockIdx.x * kFfnChunk;
    const int len = min(kFfnChunk, a.F - f0);
    const HT* h = static_cast<const HT*>(a.h);
    float hpre[kSteps][kR];
#pragma unroll
    for (int q = 0; q < kSteps; ++q) {
        const int j = q * kThreads + tid;
#pragma unroll
        for (int r = 0; r < kR; ++r)
            hpre[q][r] = j < len && r < a.R ? to_f32(h[std::size_t(r) * a.F + f0 + j]) : 0.0f;
    }
    if (a.relu2) {  // h holds the key's outputs: relu² here, rounded to HT as launch_relu2_rows stores it
        unsigned nact = 0;
#pragma unroll
        for (int q = 0; q < kSteps; ++q)
#pragma unroll
            for (int r = 0; r < kR; ++r) {
                const float v = fmaxf(hpre[q][r], 0.0f);
                nact += v > 0.0f;
                hpre[q][r] = to_f32(HT(v * v));
            }
        if (a.active && blockIdx.y == 0) {
            nact = warp_sum(nact);
            if (lane == 0 && nact) atomicAdd(a.active, (unsigned long long)nact);
        }
    }
    int count = 0;
#pragma unroll
    for (int q = 0; q < kSteps; ++q) {
        const int j = q * kThreads + tid;
        bool nz = a.dense && j < len;
#pragma unroll
        for (int r = 0; r < kR; ++r) nz = nz || hpre[q][r] != 0.0f;
        compact_active(nz, lane, warp, s_wc, count, [&](int off) { store(off, f0 + j, hpre[q]); });
    }
    return count;
}

// The end of the small steps' sparse FFN value kernels, once every thread of the CTA stored its part of
// partials[chunk blockIdx.x, row, this slice's kCols columns]: the last CTA of the column slice (atomic ticket) adds
// every chunk's partials, in chunk order, into x and re-arms the slice's counter. No float atomics: deterministic.
// With a.sum4 (v85) a thread sums 4 columns at once (16-byte loads, 16 chunks' loads in flight; C % 8 == 0 keeps a
// group of 4 in or out of C): the same additions in the same order — bit-identical — but the last CTA's R * 256
// sums over ~32 chunks are no longer a chain of 8-load rounds (at R = 8, 16 sums a thread, ~64 rounds).
__device__ __forceinline__ void add_slice_partials(const SparseFfnBatchArgs& a, int tid) {
    __shared__ bool s_last;
    __threadfence();
    __syncthreads();
    if (tid == 0) s_last = atomicAdd(&a.counters[blockIdx.y], 1u) == gridDim.x - 1;
    __syncthreads();
    if (!s_last) return;
    __threadfence();
    if (a.sum4) {
        constexpr int kGroups = kCols / 4;
        const float* __restrict__ parts = a.partials;
        for (int i = tid; i < a.R * kGroups; i += 128) {  // 128 threads a CTA (both kernels)
            const int r = i / kGroups, gc = blockIdx.y * kCols + (i % kGroups) * 4;
            if (gc >= a.C) continue;
            float4 sum = make_float4(0.0f, 0.0f, 0.0f, 0.0f);
#pragma unroll 16
            for (int p = 0; p < int(gridDim.x); ++p) {
                const float4 v = __ldcg(reinterpret_cast<const float4*>(parts + (std::size_t(p) * a.R + r) * a.C + gc));
                sum.x += v.x;
                sum.y += v.y;
                sum.z += v.z;
                sum.w += v.w;
            }
            float4* xp = reinterpret_cast<float4*>(a.x + std::size_t(r) * a.C + gc);
            float4 x = *xp;
            x.x += sum.x;
            x.y += sum.y;
            x.z += sum.z;
            x.w += sum.w;
            *xp = x;
        }
    } else {
        for (int i = tid; i < a.R * kCols; i += 128) {
            const int r = i / kCols, gc = blockIdx.y * kCols + i % kCols;
            if (gc >= a.C) continue;
            float sum = 0.0f;
#pragma unroll 8
            for (int p = 0; p < int(gridDim.x); ++p) sum += __ldcg(a.partials + (std::size_t(p) * a.R + r) * a.C + gc);
            a.x[std::size_t(r) * a.C + gc] += sum;
        }
    }
    if (tid == 0) a.counters[blockIdx.y] = 0;
}

// The value rows' accumulation of the list, poll and chunk kernels: warp `warp` of kWarps walks the active rows
// s_idx[warp], s_idx[warp + kWarps], ... of count, kInFlight rows in flight (raw 16-byte rows, converted at the FMA;
// past the end: row e again, cached, with factor 0), its lane adding columns col .. col + 7 into acc (nothing for a
// lane whose col is past C: col_ok false).
// row_h(kc, idx, ok): the activation of the row at s_idx[kc] = idx (0 when !ok); int8 rows times Vscale[idx].
template <typename WT, int kWarps, typename RowH>
__device__ __forceinline__ void accumulate_rows(bool col_ok, const WT* Vt, const float* Vscale, int C, int col,
                                                const int* s_idx, int count, int warp, RowH row_h, float (&acc)[8]) {
    if (!col_ok) return;
    for (int e = warp; e < count; e += kWarps * kInFlight) {
        uint4 w[kInFlight][kWords<WT>];
        float hv[kInFlight];
#pragma unroll
        for (int u = 0; u < kInFlight; ++u) {
            const int k = e + kWarps * u;
            const bool ok = k < count;
            const int kc = ok ? k : e;
            const int idx = s_idx[kc];
            hv[u] = row_h(kc, idx, ok);
            if (Vscale) hv[u] *= __ldg(Vscale + idx);
            load_row8(Vt, idx, C, col, w[u]);
        }
#pragma unroll
        for (int u = 0; u < kInFlight; ++u) {
            float f[8];
            unpack8<WT>(w[u], f);
#pragma unroll
            for (int q = 0; q < 8; ++q) acc[q] = fmaf(hv[u], f[q], acc[q]);
        }
    }
}

}  // namespace
}  // namespace rwkv::cuda_kernels
