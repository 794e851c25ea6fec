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
