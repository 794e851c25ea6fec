// kernels/cuda/sparse_ffn_batch_mma.cu — v84 (session 56): v79's sparse FFN value of a small batched-decode step
// (sparse_ffn_batch.cu; launch_sparse_ffn_batch with SparseFfnBatchArgs::mma) on the tensor cores. v79 adds each value
// row of the union of the rows' active neurons to kR accumulators a lane, R FMAs per weight after unpacking it: issue-
// bound — at B = 8 with int8 weights it took 1.93 ms of a 6.73 ms step (session 55's H100 profile) for ~1.2 GB read.
// Here one mma.sync m16n8k16 takes 16 columns of x (the mma's M) times 8 step rows (its N; rows past R have activation
// 0) over 16 neurons of the chunk's compacted list (its K). The value rows are [F, C] (a neuron's row is contiguous in
// the columns), so the A fragment's neuron pairs come from two rows: lane (g, t) loads the 8 columns col .. col + 7 of
// the rows of list entries 2t, 2t + 1, 2t + 8, 2t + 9 (fp16 16 bytes, int8 8 bytes each) and pairs them by byte
// permutes; mma j of a step takes columns col + 2j (as M row g) and col + 2j + 1 (as M row g + 8). The activations
// (the B fragment) are fp16 in shared memory, [step row][list entry], int8's row scale folded in there.
// Same grid, compaction (compact_chunk_rows), partials and deterministic slice sums (add_slice_partials) as v79; a warp
// owns 64 of the CTA's 256 columns and walks the whole list (no cross-warp sum), kU steps' loads in flight before
// their mmas. The list is padded to whole 16-neuron steps with the chunk's first neuron at activation 0.
#include <type_traits>

#include "mma_m16n8k16.cuh"
#include "sparse_ffn_rows.cuh"

namespace rwkv::cuda_kernels {
namespace {

constexpr int kThreads = 128, kWarps = kThreads / 32;
constexpr int kWarpCols = kCols / kWarps;  // 64: 8 columns a lane (one per g), 4 mmas a step
// Row stride of the activations in shared memory: 260 words, so that the 32 lanes' reads of a step (row g, entries
// e + 2t, e + 2t + 1) fall into 32 banks (4 g + t + e / 2).
constexpr int kActStride = kFfnChunk + 8;
static_assert(kWarpCols == 64 && kFfnChunk % 16 == 0, "v84's lane layout");

// A lane's loads of one 16-neuron step: the rows of list entries 2t, 2t + 1, 2t + 8, 2t + 9 at its 8 columns.
template <typename WT>
struct StepRows {
    using Word = std::conditional_t<sizeof(WT) == 1, uint2, uint4>;
    Word w[4];
};

template <typename WT>
__device__ __forceinline__ void load_step_rows(const WT* Vt, int C, int col, const int* s_idx, int e, int t,
                                               StepRows<WT>& l) {
    const int k[4] = {e + 2 * t, e + 2 * t + 1, e + 2 * t + 8, e + 2 * t + 9};
#pragma unroll
    for (int i = 0; i < 4; ++i) {
        const WT* p = Vt + std::size_t(s_idx[k[i]]) * C + col;
        if constexpr (sizeof(WT) == 1) l.w[i] = ld_stream8(reinterpret_cast<const uint2*>(p));
        else l.w[i] = ld_stream(reinterpret_cast<const uint4*>(p));
    }
}

// The step's four mmas (b0, b1: the B fragment of N row g). fp16: word j of a row holds columns col + 2j, col + 2j + 1;
// the pair of rows (2t, 2t + 1) gives A row g's neuron pair by the low halves, row g + 8's by the high ones. int8: the
// bytes of rows 2t and 2t + 1 interleaved ([a0, b0, a1, b1]), then made fp16 pairs exactly (biased_u8x4_to_half2x2).
template <typename WT>
__device__ __forceinline__ void step_mma(const StepRows<WT>& l, unsigned b0, unsigned b1, float (&d)[4][4]) {
    if constexpr (sizeof(WT) == 1) {
        const unsigned r[4][2] = {{l.w[0].x, l.w[0].y}, {l.w[1].x, l.w[1].y}, {l.w[2].x, l.w[2].y}, {l.w[3].x, l.w[3].y}};
#pragma unroll
        for (int h = 0; h < 2; ++h) {  // columns col + 4h .. col + 4h + 3: mmas 2h and 2h + 1
            unsigned a[2][4];          // [mma 2h / 2h + 1][a0..a3]
            biased_u8x4_to_half2x2(__byte_perm(r[0][h], r[1][h], 0x5140u) ^ 0x80808080u, a[0][0], a[0][1]);
            biased_u8x4_to_half2x2(__byte_perm(r[0][h], r[1][h], 0x7362u) ^ 0x80808080u, a[1][0], a[1][1]);
            biased_u8x4_to_half2x2(__byte_perm(r[2][h], r[3][h], 0x5140u) ^ 0x80808080u, a[0][2], a[0][3]);
            biased_u8x4_to_half2x2(__byte_perm(r[2][h], r[3][h], 0x7362u) ^ 0x80808080u, a[1][2], a[1][3]);
            mma16816(d[2 * h], a[0][0], a[0][1], a[0][2], a[0][3], b0, b1);
            mma16816(d[2 * h + 1], a[1][0], a[1][1], a[1][2], a[1][3], b0, b1);
        }
    } else {
        const unsigned* r0 = reinterpret_cast<const unsigned*>(&l.w[0]);
        const unsigned* r1 = reinterpret_cast<const unsigned*>(&l.w[1]);
        const unsigned* r2 = reinterpret_cast<const unsigned*>(&l.w[2]);
        const unsigned* r3 = reinterpret_cast<const unsigned*>(&l.w[3]);
#pragma unroll
        for (int j = 0; j < 4; ++j)
            mma16816(d[j], __byte_perm(r0[j], r1[j], 0x5410u), __byte_perm(r0[j], r1[j], 0x7632u),
                     __byte_perm(r2[j], r3[j], 0x5410u), __byte_perm(r2[j], r3[j], 0x7632u), b0, b1);
    }
}

// WT: __half, or int8 with a.Vscale; the activations h are fp16 (both weight types' AT).
template <typename WT, int kR>
__global__ void __launch_bounds__(kThreads) sparse_ffn_batch_mma_kernel(const __grid_constant__ SparseFfnBatchArgs a) {
    constexpr int kU = sizeof(WT) == 1 ? 4 : 2;  // steps in flight: 32 words of weights a lane either way
    __shared__ int s_idx[kFfnChunk];
    __shared__ __align__(16) __half s_act[8][kActStride];  // [step row][list entry], int8: times the row's scale
    __shared__ int s_wc[kWarps];
    const int tid = threadIdx.x, lane = tid & 31, warp = tid >> 5, g = lane >> 2, t = lane & 3;
    const float* Vscale = a.Vscale;
    const int count = compact_chunk_rows<__half, kR>(a, s_wc, [&](int off, int f, const float (&hv)[kR]) {
        s_idx[off] = f;
        const float sc = Vscale ? __ldg(Vscale + f) : 1.0f;
#pragma unroll
        for (int r = 0; r < 8; ++r) s_act[r][off] = __float2half_rn(r < kR ? hv[r] * sc : 0.0f);
    });
    const int padded = (count + 15) & ~15;  // <= kFfnChunk
    if (tid < padded - count) {
        s_idx[count + tid] = blockIdx.x * kFfnChunk;  // a row that exists, at activation 0
#pragma unroll
        for (int r = 0; r < 8; ++r) s_act[r][count + tid] = __float2half_rn(0.0f);
    }
    __syncthreads();

    const int wcol = blockIdx.y * kCols + warp * kWarpCols, col = wcol + g * 8;
    const bool col_ok = col < a.C;  // C % 8 == 0: a lane's 8 columns are all in or all out
    float d[4][4] = {};
    if (wcol < a.C) {  // a warp with any column: every lane takes part in the mmas (a lane past C reads column 0 and
                       // its M rows, its own columns, are never stored)
        const WT* Vt = static_cast<const WT*>(a.Vt);
        const int lcol = col_ok ? col : 0, steps = padded / 16;
        const __half* act = &s_act[g][2 * t];
        for (int s = 0; s < steps; s += kU) {
            StepRows<WT> l[kU];
#pragma unroll
            for (int u = 0; u < kU; ++u)
                if (s + u < steps) load_step_rows(Vt, a.C, lcol, s_idx, (s + u) * 16, t, l[u]);
#pragma unroll
            for (int u = 0; u < kU; ++u)
                if (s + u < steps) {
                    const int e = (s + u) * 16;
                    step_mma(l[u], *reinterpret_cast<const unsigned*>(act + e),
                             *reinterpret_cast<const unsigned*>(act + e + 8), d);
                }
        }
    }
    // rows 2t and 2t + 1 of this chunk's partials at columns col .. col + 7 (mma j: col + 2j in d[j][0 / 1], col + 2j + 1
    // in d[j][2 / 3])
    if (col_ok) {
#pragma unroll
        for (int h = 0; h < 2; ++h) {
            const int r = 2 * t + h;
            if (r < a.R) {
                float4* p = reinterpret_cast<float4*>(a.partials + (std::size_t(blockIdx.x) * a.R + r) * a.C + col);
                p[0] = make_float4(d[0][h], d[0][2 + h], d[1][h], d[1][2 + h]);
                p[1] = make_float4(d[2][h], d[2][2 + h], d[3][h], d[3][2 + h]);
            }
        }
    }
    add_slice_partials(a, tid);
}

template <typename WT>
void launch_rows(const SparseFfnBatchArgs& a, dim3 grid, cudaStream_t stream) {
    if (a.R <= 2) sparse_ffn_batch_mma_kernel<WT, 2><<<grid, kThreads, 0, stream>>>(a);
    else if (a.R <= 4) sparse_ffn_batch_mma_kernel<WT, 4><<<grid, kThreads, 0, stream>>>(a);
    else sparse_ffn_batch_mma_kernel<WT, 8><<<grid, kThreads, 0, stream>>>(a);
}

}  // namespace

cudaError_t launch_sparse_ffn_batch_mma(const SparseFfnBatchArgs& a, dim3 grid, cudaStream_t stream) {
    if (a.Vscale) launch_rows<std::int8_t>(a, grid, stream);
    else launch_rows<__half>(a, grid, stream);
    return cudaGetLastError();
}

}  // namespace rwkv::cuda_kernels
