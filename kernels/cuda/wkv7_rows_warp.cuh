// kernels/cuda/wkv7_rows_warp.cuh — the fp16-state, fp16-input batched decode step with one warp per (sequence, head):
// v60 (session 26), v72 (session 31: v60 with each (sequence, head)'s contiguous 8 KB state block moved by the Hopper
// bulk-copy engine instead of 16 per-lane 16-byte cp.async copies and 16 16-byte stores per lane) and v75 (session 32,
// the default: v72 with the input rows by bulk copies too and the head sums by transposed butterflies).
// Included by wkv7_rows.cu (it uses that file's helpers: GroupGeom, ChunksInShared, update_rows, prep_channel,
// post_channel, copy_chan_input, copy_state_rows, chan_inputs, head_state); not a translation unit of its own.

// v60 (session 26): the fp16-state, fp16-input decode step with one warp per (sequence, head) and no CTA barrier. A
// lane owns v42's columns (quarter q = lane % 4: columns 8q + 32cc) of 8 state rows (lane / 4 + 8i) instead of 4, so
// each row's sa and y are summed in v42's order with v42's two shuffles; the lane preps and posts channels lane and
// lane + 32, and every head sum is warp_sum(channels 0-31) + warp_sum(channels 32-63) — v42's head_pair_sum, whose two
// warps hold those halves. Same arithmetic and order as v42: bit-identical. kWarps sequences of one head per CTA,
// each warp on its own (only __syncwarp), so a warp waiting for its state copies never holds up another's update.
// ptxas (sm_90, CUDA 13.0): 128 registers, 0 spills, 12 KB shared per warp: 16 warps (sequences) per SM against v42's
// 12. H200, same process, fp16 state (docs/perf/cuda-rows.md v59-v60): WKV alone in the graph 1.5B B=256 1.067 ->
// 1.045 ms, 7.2B B=256 2.737 -> 2.701 / 2.746 -> 2.771 (two calls, at the 700 W cap), B=1024 10.33-10.90 -> 10.07-10.10;
// the public top-p call at 7.2B B=256 lower in 12 of 13 rounds (-0.17 to -0.19 ms), the graph alone in 8 of 13.
// 4 warps per CTA under v72 / v75 (below; v75 the default), or alone where v72 was not built for sm_90;
// set_wkv_decode_v60(4) runs it, set_wkv_decode_v60(0) v42 / v48.
template <int kWarps>
struct WarpShared {
    float P[kWarps][kPack];
    float Q[kWarps][4][N];
    float ys[kWarps][N];
};
// v75 (session 32; kT): the head sums by transposed butterflies (common.cuh's warp_sum2t, warp_sum4t): ss's two sums in
// 6 shuffles (10), mean's and beta's four in 8 (20), var's two in 6 (10). Each sum is warp_sum's, bit for bit, and the
// halves are added as before (fp32 addition is commutative): bit-identical.
template <bool kT>
__device__ __forceinline__ float head_sum2(float a, float b, int lane) {  // warp_sum(a) + warp_sum(b), every lane
    if constexpr (kT) {
        const float v = warp_sum2t(a, b, lane);
        return v + __shfl_xor_sync(0xffffffffu, v, 16);
    } else {
        return warp_sum(a) + warp_sum(b);
    }
}
// A warp's prep of its sequence's channels lane and lane + 32 (o0: channel lane's offset) from the staged inputs.
template <bool kT = false>
__device__ __forceinline__ void warp_prep(const WkvDecodeRowsArgs& a, const __half (*xin)[N], const ChanConst& k0,
                                          const ChanConst& k1, std::size_t o0, float* P, float (*Q)[N], int lane) {
    const ChanIn in0 = chan_inputs(xin, lane, a.layer), in1 = chan_inputs(xin, lane + 32, a.layer);
    const float kk0 = in0.k * k0.k_k, kk1 = in1.k * k1.k_k;
    const float ss = head_sum2<kT>(kk0 * kk0, kk1 * kk1, lane);
    prep_channel<__half>(a, in0, k0, kk0, ss, o0, P, Q, lane);
    prep_channel<__half>(a, in1, k1, kk1, ss, o0 + 32, P, Q, lane + 32);
}
// A warp's GroupNorm + bonus + gate of channels lane and lane + 32 from the head's y (ys).
template <typename AT, bool kT = false>
__device__ __forceinline__ void warp_post(const WkvDecodeRowsArgs& a, const float* ys, const float* P, const float (*Q)[N],
                                          std::size_t o0, int lane) {
    const float y0 = ys[lane], y1 = ys[lane + 32];
    float mean, beta;
    if constexpr (kT) {
        const float v4 = warp_sum4t(y0, y1, Q[0][lane], Q[0][lane + 32], lane);  // lanes 0-7 / 8-15 y0's / y1's sum, 16-31 Q's
        const float u = v4 + __shfl_xor_sync(0xffffffffu, v4, 8);  // lanes < 16: y0's + y1's; the others: the Q sums'
        const float w = __shfl_xor_sync(0xffffffffu, u, 16);
        mean = (lane < 16 ? u : w) / float(N);
        beta = lane < 16 ? w : u;
    } else {
        mean = (warp_sum(y0) + warp_sum(y1)) / float(N);
        beta = warp_sum(Q[0][lane]) + warp_sum(Q[0][lane + 32]);
    }
    const float d0 = y0 - mean, d1 = y1 - mean;
    const float var = head_sum2<kT>(d0 * d0, d1 * d1, lane) / float(N);
    post_channel<AT>(a, o0, d0, var, beta, P, Q, lane);
    post_channel<AT>(a, o0 + 32, d1, var, beta, P, Q, lane + 32);
}
// The memory-path probes (kMemOnly): y = 0 for the warp's rows (lane / 4 + 8i, by the rows' quarter 0).
__device__ __forceinline__ void zero_rows_y(float* ys, int lane) {
    if ((lane & 3) == 0)
#pragma unroll
        for (int i = 0; i < 8; ++i) ys[lane / 4 + 8 * i] = 0.0f;
}
// kMemOnly (probe for the bench, not a model form): the same copies and 16-byte stores with the state unchanged, y = 0.
template <typename AT, int kWarps, bool kMemOnly = false>
__global__ void __launch_bounds__(32 * kWarps, 16 / kWarps) wkv_decode_rows_v60_kernel(const __grid_constant__ WkvDecodeRowsArgs a) {
    using ST = __half;
    constexpr int kRows = 8;
    using G = GroupGeom<ST, kRows>;
    static_assert(G::kT == 32, "one warp per sequence");
    constexpr int kThreads = 32 * kWarps;
    __shared__ WarpShared<kWarps> sh;
    __shared__ uint4 tile[kRows * G::kC][kThreads];
    __shared__ __align__(16) __half xin[kWarps][8][N];
    const G gg(threadIdx.x);
    const int j = gg.j, lane = gg.lt, h = blockIdx.x, s = kWarps * blockIdx.y + j;
    if (s >= a.g.S) return;  // the whole warp: no barrier below spans warps
    ST* St = head_state<ST>(a, s, h) + gg.base();
    copy_chan_input(a, xin[j], lane, s, h, true);
    copy_chan_input(a, xin[j], lane + 32, s, h, true);
    cp_async_commit();
    copy_state_rows<ST, kRows, kThreads>(tile, St);
    cp_async_commit();
    const int c0 = h * N + lane;
    const std::size_t o0 = std::size_t(s) * a.g.C + c0;
    const ChanConst k0 = load_chan_const(a, c0), k1 = load_chan_const(a, c0 + 32);
    cp_async_wait<1>();  // the inputs' group
    __syncwarp();
    warp_prep(a, xin[j], k0, k1, o0, sh.P[j], sh.Q[j], lane);
    cp_async_wait<0>();  // the state's group
    __syncwarp();
    ChunksInShared<ST, kRows, kThreads> ch{tile, int(threadIdx.x)};
    if constexpr (kMemOnly) {
#pragma unroll
        for (int i = 0; i < kRows; ++i)
#pragma unroll
            for (int cc = 0; cc < G::kC; ++cc) ch.put(St, i, cc, ch.at(i, cc));
        zero_rows_y(sh.ys[j], lane);
    } else {
        update_rows<ST, kRows>(sh.P[j], ch, St, gg, sh.ys[j]);
    }
    __syncwarp();
    warp_post<AT>(a, sh.ys[j], sh.P[j], sh.Q[j], o0, lane);
}

// v72 (session 31; needs sm_90: the launcher checks the kernel's PTX version and runs v60 otherwise): lane 0 arms one
// mbarrier with the block's 8,192 bytes and copies the block into shared memory, linear (row-major),
// by one cp.async.bulk ... mbarrier::complete_tx::bytes; every lane waits on the barrier's phase 0, updates its chunks
// (v60's rows lane / 4 + 8i, columns 8 (lane % 4) + 32cc) there in place through v60's update_rows (same arithmetic and
// order: bit-identical), fences its writes to the async proxy (fence.proxy.async.shared::cta); after __syncwarp lane 0
// stores the block back by one cp.async.bulk.global.shared::cta.bulk_group and waits for it to have been read before the
// CTA exits. In the linear block a quarter-warp's two rows share banks (2-way conflicts on the lanes' 16-byte reads);
// a conflict-free split layout needed 64 row copies each way and lost (docs/perf/cuda-rows.md v72).
// H200, same process, fp16 state, WKV alone in the graph (v72 against v60): 7.2B B=256 2.636 -> 2.618 ms and 1.876 ->
// 1.775 J per step (lower in 4 of 4 rounds), B=1024 10.14 -> 9.74 ms (2 of 2).
// kMemOnly (probe for the bench, not a model form): the same copies in and out with the block unchanged and y = 0.

// The PTX below needs sm_90; built for an older target the helpers trap (the launcher never runs v72 there: v72_built).
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ < 900
#define RWKV_BULK_ASM(...) __trap()
#else
#define RWKV_BULK_ASM(...) asm volatile(__VA_ARGS__)
#endif
__device__ __forceinline__ unsigned smem_u32(const void* p) { return static_cast<unsigned>(__cvta_generic_to_shared(p)); }
__device__ __forceinline__ void mbar_init(std::uint64_t* bar) {
    RWKV_BULK_ASM("mbarrier.init.shared::cta.b64 [%0], 1;" ::"r"(smem_u32(bar)) : "memory");
    RWKV_BULK_ASM("fence.mbarrier_init.release.cluster;" ::: "memory");
}
__device__ __forceinline__ void mbar_expect_tx(std::uint64_t* bar, unsigned bytes) {
    RWKV_BULK_ASM("mbarrier.arrive.expect_tx.shared::cta.b64 _, [%0], %1;" ::"r"(smem_u32(bar)), "r"(bytes) : "memory");
}
__device__ __forceinline__ void mbar_wait0(std::uint64_t* bar) {  // phase 0 of a fresh barrier
    RWKV_BULK_ASM(
        "{\n\t.reg .pred P1;\n"
        "WAIT_%=:\n\t"
        "mbarrier.try_wait.parity.shared::cta.b64 P1, [%0], 0;\n\t"
        "@!P1 bra WAIT_%=;\n}" ::"r"(smem_u32(bar))
        : "memory");
}
__device__ __forceinline__ void bulk_in(void* smem, const void* gmem, unsigned bytes, std::uint64_t* bar) {
    RWKV_BULK_ASM("cp.async.bulk.shared::cluster.global.mbarrier::complete_tx::bytes [%0], [%1], %2, [%3];" ::"r"(smem_u32(smem)),
                 "l"(gmem), "r"(bytes), "r"(smem_u32(bar))
                 : "memory");
}
__device__ __forceinline__ void bulk_out(void* gmem, const void* smem, unsigned bytes) {
    RWKV_BULK_ASM("cp.async.bulk.global.shared::cta.bulk_group [%0], [%1], %2;" ::"l"(gmem), "r"(smem_u32(smem)), "r"(bytes)
                 : "memory");
}
__device__ __forceinline__ void bulk_commit() { RWKV_BULK_ASM("cp.async.bulk.commit_group;" ::: "memory"); }
__device__ __forceinline__ void bulk_wait_read() { RWKV_BULK_ASM("cp.async.bulk.wait_group.read 0;" ::: "memory"); }
__device__ __forceinline__ void fence_proxy_async() { RWKV_BULK_ASM("fence.proxy.async.shared::cta;" ::: "memory"); }

constexpr int kBlkBytes = N * N * 2;  // one head's fp16 state block

// The lane's chunks (v60's: rows lane / 4 + 8i, columns 8 (lane % 4) + 32cc) inside the warp's linear block in shared
// memory, read and updated in place.
struct ChunksInBlock {
    unsigned char* base;  // the lane's first chunk: blk + 128 (lane / 4) + 16 (lane % 4); row rs + 8i at + 1024i
    __device__ __forceinline__ uint4* addr(int i, int cc) const { return reinterpret_cast<uint4*>(base + 1024 * i + 64 * cc); }
    __device__ __forceinline__ void ready() const {}
    __device__ __forceinline__ uint4 at(int i, int cc) const { return *addr(i, cc); }
    __device__ __forceinline__ void put(__half*, int i, int cc, const uint4& v) const { *addr(i, cc) = v; }
    __device__ __forceinline__ void flush(__half*) const {}
};

template <int kWarps>
struct BulkShared {
    WarpShared<kWarps> w;
    __align__(128) unsigned char blk[kWarps][kBlkBytes];
    __align__(128) __half xin[kWarps][8][N];
    std::uint64_t bar[kWarps];
    std::uint64_t bar_in[kWarps];  // v75: the inputs' barrier
};

// v75 (session 32): the warp's input rows (k, r, v, dw, da, dg and after layer 0 dv, v_first: 128 bytes each, of
// sequence s and head h) into xin by the bulk-copy engine, one request per row, issued by lanes 0-7 on the inputs'
// barrier (armed by lane 0 with their bytes before the __syncwarp the caller puts between), instead of 64 16-byte
// cp.async pieces.
__device__ __forceinline__ void bulk_chan_inputs(const WkvDecodeRowsArgs& a, __half (*xin)[N], int lane, int s, int h,
                                                 std::uint64_t* bar) {
    if (lane < 6 || (lane < 8 && a.layer > 0)) {
        const void* src = lane == 0 ? a.k : lane == 1 ? a.r : lane == 2 ? a.v : lane == 3 ? a.dw : lane == 4 ? a.da
                        : lane == 5 ? a.dg : lane == 6 ? a.dv : static_cast<const void*>(a.v_first);
        bulk_in(xin[lane], static_cast<const __half*>(src) + std::size_t(s) * a.g.C + h * N, N * 2, bar);
    }
}

// grid (H, ceil(S / kWarps)), 32 kWarps threads; warp j of CTA y handles sequence kWarps y + j of head blockIdx.x.
// kV75 (session 32, v75, the default): the inputs by bulk_chan_inputs on their own barrier, issued before the block's
// request, and the head sums by warp_prep<true> / warp_post<AT, true>; the rest is v72's: bit-identical. H200, same
// process, fp16 state, WKV alone in the graph (v75 against v72): 7.2B B=256 2.658 -> 2.568 ms and -0.013 J per step
// (faster and lower in 4 of 4 rounds), B=1024 10.08 / 9.76 -> 9.65 / 9.65 ms (2 of 2; docs/perf/cuda-rows.md v75). kNoBlock (probe for the bench, not a model
// form; with kMemOnly): no state block at all, only the inputs, prep, y = 0 and post (session 32's probe g, knob 16,
// with v72's inputs; knob 18 with v75's).
template <typename AT, int kWarps, bool kMemOnly, bool kV75 = false, bool kNoBlock = false>
__global__ void __launch_bounds__(32 * kWarps, 16 / kWarps) wkv_decode_rows_v72_kernel(const __grid_constant__ WkvDecodeRowsArgs a) {
    static_assert(!kNoBlock || kMemOnly, "the no-block probe leaves the state alone");
    using ST = __half;
    constexpr int kRows = 8;
    using G = GroupGeom<ST, kRows>;
    static_assert(G::kT == 32, "one warp per sequence");
    __shared__ BulkShared<kWarps> sh;
    const G gg(threadIdx.x);
    const int j = gg.j, lane = gg.lt, h = blockIdx.x, s = kWarps * blockIdx.y + j;
    if (s >= a.g.S) return;  // the whole warp: no barrier below spans warps
    ST* Sh = head_state<ST>(a, s, h);
    if constexpr (kV75) {
        if (lane == 0) {
            mbar_init(&sh.bar_in[j]);
            if constexpr (!kNoBlock) mbar_init(&sh.bar[j]);
            mbar_expect_tx(&sh.bar_in[j], (a.layer > 0 ? 8 : 6) * N * 2);
        }
        __syncwarp();
        bulk_chan_inputs(a, sh.xin[j], lane, s, h, &sh.bar_in[j]);
        if constexpr (!kNoBlock) {
            if (lane == 0) {
                mbar_expect_tx(&sh.bar[j], kBlkBytes);
                bulk_in(sh.blk[j], Sh, kBlkBytes, &sh.bar[j]);
            }
        }
    } else {
        if constexpr (!kNoBlock) {
            if (lane == 0) mbar_init(&sh.bar[j]);
            __syncwarp();
            if (lane == 0) {
                mbar_expect_tx(&sh.bar[j], kBlkBytes);
                bulk_in(sh.blk[j], Sh, kBlkBytes, &sh.bar[j]);
            }
        }
        copy_chan_input(a, sh.xin[j], lane, s, h, true);
        copy_chan_input(a, sh.xin[j], lane + 32, s, h, true);
        cp_async_commit();
    }
    const int c0 = h * N + lane;
    const std::size_t o0 = std::size_t(s) * a.g.C + c0;
    const ChanConst k0 = load_chan_const(a, c0), k1 = load_chan_const(a, c0 + 32);
    if constexpr (kV75) mbar_wait0(&sh.bar_in[j]);  // the inputs
    else cp_async_wait<0>();
    __syncwarp();
    warp_prep<kV75>(a, sh.xin[j], k0, k1, o0, sh.w.P[j], sh.w.Q[j], lane);
    if constexpr (!kNoBlock) mbar_wait0(&sh.bar[j]);  // the state's block
    __syncwarp();
    if constexpr (kMemOnly) {
        zero_rows_y(sh.w.ys[j], lane);
    } else {
        ChunksInBlock ch{sh.blk[j] + 128 * gg.rs + 16 * gg.q};
        update_rows<ST, kRows>(sh.w.P[j], ch, nullptr, gg, sh.w.ys[j]);  // in place: no global pointer
    }
    if constexpr (!kNoBlock) {
        fence_proxy_async();  // this lane's writes to the block, before the bulk store reads it
        __syncwarp();
        if (lane == 0) {
            bulk_out(Sh, sh.blk[j], kBlkBytes);
            bulk_commit();
        }
    }
    __syncwarp();
    warp_post<AT, kV75>(a, sh.w.ys[j], sh.w.P[j], sh.w.Q[j], o0, lane);
    if constexpr (!kNoBlock) bulk_wait_read();  // the block stays in shared memory until the store has read it
}

#undef RWKV_BULK_ASM
