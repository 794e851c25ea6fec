// kernels/cuda/matvec.cu — grouped matrix-vector products y = epilogue(W·x), M = 1 (decode, batch 1).
// Live variants:
//   * matvec_kernel<__half|float> (v2): one CTA of 4 warps per kRows=2 consecutive output rows, the warps
//     splitting the columns in 256-wide chunks (kSplit; matrices with cols <= 1024, the LoRA up-projections,
//     use one warp per 2 rows instead); 16-byte streaming loads of the weights kept raw in registers
//     (8 fp16 / 2x4 fp32 per lane), kUnroll=4 chunks per row in flight per lane, fp32 FMA, warp-shuffle +
//     shared-memory reduction in a fixed order, fused epilogue (rwkv_kernels.h Epilogue). Up to kMaxJobs matrices of
//     different shapes in one launch (r/k/v + the LoRA down-projections share one launch).
//     A scalar path serves matrices whose column count is not a multiple of 8.
//   * int8 jobs (MatvecJob::scale set; v11, any WT; v12: 4 rows per group and 2 chunks per row in flight,
//     so a lane keeps as many bytes in flight as fp16's 2 rows x 4 chunks — v11's 2 rows x 4 slots left half
//     the slots empty on 4096-column rows): the same CTA/warp layout with 16 int8 per lane per 16-byte load
//     (512 columns per warp chunk), dequantised in registers without I2F (byte_perm into the
//     mantissa of 2^23 + 128 + q, one FADD: exact), fp32 FMA, and the row's scale applied once after the
//     reduction. r/k/v (int8) and the LoRA down-projections (fp16) share one launch; the branch is per job.
//   * fp16 jobs with MatvecJob::rows4 (v14; run by the kI8 instantiation): 4 rows per group and 2 chunks per row
//     in flight (the int8 layout), half the CTAs of the 2-row form; default for the output projection only
//     (H200 7.2B B=1 +0.9%, 13.3B +1.0%; r/k/v and FFN key no gain).
//   * MatvecBatch::poll (v31, the FFN key ahead of the sparse FFN's poll kernel): y stored with st.relaxed.gpu
//     (polled while this grid runs), and with poll == 2 every CTA lets the dependent grid launch as it starts.
//   * MatvecBatch::ln (v43, session 12): the output projection's grid also runs the FFN LayerNorm + x_k mix
//     (ffn_ln_tail: per-slice ticket, statistics words published and polled as sparse_ffn.cu v40) instead of an
//     ln_mix launch between it and the FFN key (kLn instantiations; the others are unchanged). H200 B=1 against the
//     ln_mix launch: 7.2B fp16 +0.1-0.3 %, int8 +1.0-1.2 %, 13.3B +0.4 %, dense FFN +0.7 %
//     (docs/perf/cuda-decode.md v43); v46 (session 14): its statistics combined without fp32 divisions (div_exact,
//     bit-identical). Its mode 2 (the FFN key polling per-slice readiness flags instead of waiting for this grid; acquire + coherent
//     x loads) lost 11-13 % and was removed.
//   * launch_matvec_heads (v47, session 15, decode_b1.h; kHeads instantiation; batch-1 decode's r/k/v launch by
//     default): the r/k/v + LoRA-down batch of a time-mix kernel that polls per head — the LoRA jobs first, then r, k
//     and v interleaved per 64-row head, stored relaxed, the dependent launch triggered as each CTA starts. Same
//     arithmetic per row (docs/perf/cuda-decode.md v47).
//   * v49 (session 16, matvec_i8dp.h): batches over one wave (at 8 CTAs per SM) run at 7 CTAs per SM (72 registers,
//     no spills: kMinB) — fp16 ones bit-identically (v49c, set_matvec_f16_big), int8 ones with the dot on the integer
//     dot-product unit (quantize_x16 + dot16_dp2: x to int16 per 16 columns, DP2A; set_matvec_i8dp mode 3); the
//     output projection (1,024 CTAs: one wave at 8, two at 7) keeps the 8-per-SM fp32 form. H200 B=1: 7.2B int8 +5.0 /
//     +4.7 % (of which +3.7 % the occupancy alone), fp16 7.2B +0.8 %, 13.3B +0.9 % (docs/perf/cuda-decode.md v49).
//   * v51 (written in session 18, default since session 19: set_matvec_out_only): the output projection's batch runs an
//     instantiation with every other job path compiled out (template kOnly). H200 B=1: int8 +1.15 %, fp16 +0.29 %
//     (docs/perf/cuda-decode.md v53).
//   * v54 (session 20, default on: set_matvec_only): the same for the r/k/v + LoRA-down batch (kOnly 3 int8 / 4 fp16)
//     and for batches of int8 jobs only (the int8 FFN key and head, kOnly 1). H200 B=1: int8 +1.94 / +2.15 %, fp16
//     +0.13 / +0.15 %, dense FFN +0.51 %, 13.3B +0.07 / +0.39 % (docs/perf/cuda-decode.md v54). kProbe: the measurement twins of the
//     default B=1 forms (set_b1_probe: per-CTA %globaltimer stamps).
//   * v55 (session 20, default on: set_matvec_ln_tail): the output projection's residual old x loaded before its block
//     reduction (one L2 round trip off each CTA's end). H200 B=1: 7.2B fp16 +0.19 %, int8 +0.04 % (cuda-decode.md v55).
//   * v56 (session 21, default on: set_matvec_i8_tail): an int8 CTA's row scales copied to shared memory (cp.async) as it
//     starts instead of loaded after its block reduction, and a 4-row CTA's four warp sums by one transposed butterfly
//     (6 shuffles instead of 20): the int8 CTAs' time after their main loop 1.28 -> 0.77-1.02 us. H200 B=1: 7.2B int8
//     +3.3 / +3.0 %, fp16 lines within +-0.2 %; bit-identical (docs/perf/cuda-decode.md v56).
//   * v57 (session 22, default on: set_matvec_i8_rows8): v54's int8 heads form (r/k/v) in 8-row CTAs (matvec_i8_rows8,
//     kG8): one CTA tail per 32 KB instead of per 16 KB, half the CTAs. H200 B=1: 7.2B int8 +3.3 %; bit-identical
//     (docs/perf/cuda-decode.md v57).
//   * v61 (session 25, default on: set_matvec_ln_tail bit 2): the FFN LayerNorm tail without the slice ticket — every
//     writer also stores its new x relaxed into MatvecLn::xo (armed kFfnUnset) and each slice's last row group polls
//     them: no release + atomic + x read-back in series at the grid's end. H200 B=1 in one process, every round: 7.2B
//     int8 +1.3 %, fp16 +0.9-1.0 %, 13.3B +1.0-1.1 %; bit-identical (docs/perf/cuda-decode.md v61).
//   * v66 (session 28, default on: set_matvec_out_prefetch): the output projection's fp16 4-row groups prefetch their
//     second column pass into L2 once their first pass's weights are in (the grid is resident through the time mix,
//     whose memory is mostly idle). H200 B=1 in one process, every round: 7.2B fp16 +1.8 to +2.5 %, 13.3B +1.7 %, dense
//     FFN +1.1 %; bit-identical (docs/perf/cuda-decode.md v66; the same prefetch in the r/k/v groups lost, removed).
//   * v70 (session 31, default on: set_matvec_i8_rows8 bit 2): the int8-only batches (FFN key, head) in 8-row CTAs
//     (matvec_i8_rows8 with kG8 = 2) whose lanes issue both column passes' loads before the wait, at 4 CTAs per SM (128
//     registers): one round trip and one CTA tail per 32 KB. H200 B=1: 7.2B int8 +1.0 / +1.1 % in one process, every
//     round; bit-identical (docs/perf/cuda-decode.md v70; the same form for r/k/v, and either at 5 per SM, lost).
//   * v68 (session 29, default on: MatvecBatch::value_pf): the FFN key's CTAs of the last F / 8 rows prefetch the value
//     rows of their non-zero activations into L2 after storing them; with the sparse grid's last-chunk-first layout
//     (sparse_ffn.cu) H200 B=1, every round: 7.2B fp16 +0.5 %, 13.3B +0.8 %, int8 +0.5 %; bit-identical
//     (docs/perf/cuda-decode.md v68; the prefetch from F / 4 no better).
//   * v71 (session 32, default on: set_matvec_out_dp): the int8 output projection's own form on v49's DP2A dot at 8 per
//     SM (kDp with kLn, kOnly 1) where set_matvec_i8dp puts the big int8 batches on it; x quantized by
//     quantize_x16_lean (read twice from L1) and the row offsets computed at the loads: 20 B / 44 B of spills (v59's
//     form 36 B / 60 B). H200 B=1 7.2B int8 +0.9 / +1.0 %, every round (session 32's lead call); not bit-identical: x
//     to int16 per 16 columns, logits within rel. L2 1e-3 (docs/perf/cuda-decode.md v71).
//   * v72 (session 33, default on: MatvecLn::xq, CudaModel bit kV72XqOut): that form (kDp = 2) loads x's int16 chunks
//     and scales as the time-mix kernel rounded them (load_xq16: 36 B per chunk) instead of rounding x itself: 64
//     registers, no spills. H200 B=1 7.2B int8 +1.34 / +1.31 %, every round; bit-identical to v71 (cuda-decode.md v72).
//   Removed after they lost on the H200 (docs/perf-notes.md): v13's LayerNorm tail in the last CTA of the output
//   matvec (271.9 -> 249.8 tok/s), v15's L2 prefetch of later waves (277.3 -> 255.4) and v6's early PDL trigger.
// v1 (one warp per 2 rows, whole row per warp, weights converted to fp32 registers) reached 58-76% of copy
// bandwidth on H200 (docs/perf-notes.md); v2 replaced it. Challenger: none yet. Bandwidth target: >= 90% of measured device copy bandwidth on 4096x4096 and
// 16384x4096 fp16 (tests/gpu/bench_cuda.cpp "matvec" rows).
// The int8 jobs' device code (v11/v12, v49, v56, v57) is in matvec_int8.cuh, the output projection's FFN LayerNorm
// tail (v43, v46, v61) in matvec_ffn_ln.cuh: both are included below, parts of this translation unit.
#include "common.cuh"
#include "decode_b1.h"
#include "matvec_i8dp.h"

namespace rwkv::cuda_kernels {
namespace {

constexpr int kRows = 2;
constexpr int kRows8 = 4;    // rows per group of an int8 job (v12)
constexpr int kRowsG8 = 8;   // v57 (kG8 instantiations): rows per group of an int8 job
constexpr int kUnroll = 4;
constexpr int kUnroll8 = 2;  // int8: 4 rows x 2 chunks x 16 B in flight per lane, as fp16's 2 x 4 x 16 B
constexpr int kWarps = 4;

struct JobTable {
    MatvecJob job[kMaxJobs];
    int start[kMaxJobs + 1];  // first warp-row-group of each job (kRows rows per group, kRows8 for int8 jobs)
    int n;
    int poll;  // MatvecBatch::poll (v31)
    MatvecLn ln;  // v43 (kLn instantiations only)
    int heads;    // v47 (kHeads instantiations only): the last three jobs (r, k, v) interleaved per 64-row head
    unsigned long long* probe;  // v54 measurement (kProbe instantiations only): decode_b1.h set_b1_probe's record
    unsigned tail;  // v55 (kLn only; set_matvec_ln_tail): 1 the residual's old x loaded before the block reduction;
                    // v61: 2 x's new values polled through ln.xo instead of the slice ticket
    unsigned i8tail;  // v56 (set_matvec_i8_tail): 1 int8 row scales copied to shared memory at CTA start, 2 the 4-row
                      // groups' warp sums by one transposed butterfly
    unsigned outpf;   // v66 (kLn only; set_matvec_out_prefetch): the group's later column passes prefetched into L2
    const char* vpf;  // v68 (MatvecBatch::value_pf): rows >= vpf_from with a non-zero y prefetch this row of vpf
    int vpf_from, vpf_bytes;
};

// v66: one 128-byte line of constant weights towards L2 (fire and forget: no register, no L1 line held), issued only
// once `dep` (made of the lane's first-pass weight words) has arrived, so that it queues behind those loads
__device__ __forceinline__ void prefetch_l2_after(const void* p, unsigned dep) {
    asm volatile("{\n\t.reg .pred p;\n\tsetp.eq.u32 p, %1, 0x7fc0fadeU;\n\t@p nanosleep.u32 1;\n\t"
                 "prefetch.global.L2 [%0];\n\t}" ::"l"(p), "r"(dep) : "memory");
}

// v68: the value rows (t.vpf) of the group's rows with a non-zero y towards L2, one 128-byte line per lane at a time;
// called by all 32 lanes of the warp that stored y (lanes < nrows hold the rows' nz)
__device__ __forceinline__ void prefetch_value_rows(const JobTable& t, int row0, bool nz, int lane) {
    unsigned b = __ballot_sync(0xffffffffu, nz);
    if (row0 < t.vpf_from) return;
    while (b != 0u) {
        const char* row = t.vpf + std::size_t(row0 + __ffs(b) - 1) * t.vpf_bytes;
        b &= b - 1u;
        for (int off = lane * 128; off < t.vpf_bytes; off += 32 * 128)
            asm volatile("prefetch.global.L2 [%0];" ::"l"(row + off) : "memory");
    }
}

// v31: y stored for a consumer grid that polls it (MatvecBatch::poll) — a strong store at GPU scope.
__device__ __forceinline__ void store_y(float* p, float v, int poll) {
    if (poll)
        asm volatile("st.relaxed.gpu.global.f32 [%0], %1;" ::"l"(p), "f"(v) : "memory");
    else
        *p = v;
}

__device__ __forceinline__ void st_relaxed_f32(float* p, float v) {
    asm volatile("st.relaxed.gpu.global.f32 [%0], %1;" ::"l"(p), "f"(v) : "memory");
}

__device__ __forceinline__ float epilogue(int epi, float acc, const float* bias, int row, float old) {
    switch (epi) {
    case kEpiTanh: return tanhf(acc);
    case kEpiSigmoid: return sigmoidf_(acc);
    case kEpiDecay: return expf(-0.606531f * sigmoidf_(bias[row] + acc));
    case kEpiSigmoidBias: return sigmoidf_(bias[row] + acc);
    case kEpiAdd: return old + acc;
    case kEpiRelu2: {
        const float t = fmaxf(acc, 0.0f);
        return t * t;
    }
    default: return acc;
    }
}

__device__ __forceinline__ void load_raw(const __half* p, uint4& a, uint4& b) {
    a = __ldcs(reinterpret_cast<const uint4*>(p));
    b = a;  // unused for fp16
}
__device__ __forceinline__ void load_raw(const float* p, uint4& a, uint4& b) {
    a = __ldcs(reinterpret_cast<const uint4*>(p));
    b = __ldcs(reinterpret_cast<const uint4*>(p) + 1);
}
// v57b: x (written by the previous grids of the step, read after griddepcontrol.wait) by ld.global.ca, not
// __ldg: ld.global.nc is only for data read-only during the whole kernel, and with PDL the previous grid is still
// writing x while this kernel runs its weight loads (v57 saw stale x through __ldg). Same values, same sums.
// asm volatile: kept after the (volatile) griddepcontrol.wait and not merged, like __ldg's placement.
__device__ __forceinline__ float4 ld_x4(const float* p) {
    float4 v;
    asm volatile("ld.global.ca.v4.f32 {%0,%1,%2,%3}, [%4];" : "=f"(v.x), "=f"(v.y), "=f"(v.z), "=f"(v.w) : "l"(p));
    return v;
}
__device__ __forceinline__ float dot8(const __half*, const uint4& a, const uint4&, const float* x) {
    const __half2* h = reinterpret_cast<const __half2*>(&a);
    const float4 x0 = ld_x4(x), x1 = ld_x4(x + 4);
    float2 t0 = __half22float2(h[0]), t1 = __half22float2(h[1]), t2 = __half22float2(h[2]), t3 = __half22float2(h[3]);
    float s = t0.x * x0.x;
    s = fmaf(t0.y, x0.y, s); s = fmaf(t1.x, x0.z, s); s = fmaf(t1.y, x0.w, s);
    s = fmaf(t2.x, x1.x, s); s = fmaf(t2.y, x1.y, s); s = fmaf(t3.x, x1.z, s); s = fmaf(t3.y, x1.w, s);
    return s;
}
__device__ __forceinline__ float dot8(const float*, const uint4& a, const uint4& b, const float* x) {
    const float4 x0 = ld_x4(x), x1 = ld_x4(x + 4);
    const float4 w0 = *reinterpret_cast<const float4*>(&a), w1 = *reinterpret_cast<const float4*>(&b);
    float s = w0.x * x0.x;
    s = fmaf(w0.y, x0.y, s); s = fmaf(w0.z, x0.z, s); s = fmaf(w0.w, x0.w, s);
    s = fmaf(w1.x, x1.x, s); s = fmaf(w1.y, x1.y, s); s = fmaf(w1.z, x1.z, s); s = fmaf(w1.w, x1.w, s);
    return s;
}

// Active-neuron bitmask (v7): lanes 0..nrows-1 of one warp hold the rows row0.. (row0 a multiple of 2, or of 4
// for int8 groups, so all bits
// share a word); one fire-and-forget atomicOr per warp with any non-zero row. The OR is order-free: the mask
// is the same bits every run.
__device__ __forceinline__ void mark_active(unsigned* mask, int row0, bool nz, int lane) {
    const unsigned b = __ballot_sync(0xffffffffu, nz);
    if (lane == 0 && b != 0u) atomicOr(mask + (row0 >> 5), b << (row0 & 31));
}

#include "matvec_int8.cuh"
#include "matvec_ffn_ln.cuh"

// pdl_wait() after a main loop's weight loads; the kProbe instantiations (v63 measurement) stamp, at the loop's first
// round, step 4 once the loaded word `dep` has arrived (not in kLn forms: their steps 4-6 are the LayerNorm tail's)
// and step 7 once the wait has returned.
template <bool kProbe, bool kLn>
__device__ __forceinline__ void probe_first_wait(const JobTable& t, bool first, unsigned dep) {
    if constexpr (kProbe && !kLn)
        if (first) probe_stamp_after(t.probe, 4, dep);
    pdl_wait();
    if constexpr (kProbe)
        if (first) probe_stamp(t.probe, 7);
}

// One CTA = kRows rows; its kWarps warps split the columns in 256-wide chunks (warp w: chunks w, w+4, ...),
// kUnroll chunks per row in flight per lane, then a shared-memory sum over the warps in a fixed order.
// kSplit = false (narrow matrices, cols <= 1024: the LoRA up-projections): each warp owns its own kRows
// rows and walks all their columns; no shared-memory step.
// kI8: the batch has int8 jobs (the branch per job is compiled in only then, so fp16/fp32 models run the
// v10 code unchanged: the int8 path's registers made the fp16 kernel spill).
// kLn (v43): the batch is the output projection's residual job; its writers then run ffn_ln_tail.
// kHeads (v47): the last three jobs are r, k, v in 4-row groups (int8 or rows4), their groups ordered head by head
// (head h: 16 groups of r, then of k, then of v), so that a time-mix kernel polling per head finds head h's rows early.
// kDp (v49): the int8 jobs' dot on the integer dot-product unit (dot16_dp2; set_matvec_i8dp), 1 with x quantized by the
// lanes, 2 (v72, kLn only) with x's int16 chunks and scales as the time mix wrote them (MatvecLn::xq, load_xq16);
// kMinB: CTAs per SM the registers are capped for (8: 64 registers, 7: 72, 6: 80).
// kOnly (v51, session 18): 0 any job; 1 int8 jobs with cols % 16 == 0 only, 2 fp16 4-row jobs with cols % 8 == 0 only
// (the output projection's batch: the other paths compiled out, fewer live registers at the 64 of 8 CTAs per SM);
// v54 (session 20): 3 int8 jobs and fp16 2-row jobs (the int8 heads batch), 4 fp16 4-row and 2-row jobs (the fp16 heads
// batch), every job's cols % 16 == 0. kProbe (v54 measurement): per-CTA %globaltimer stamps into t.probe. kG8 (v57): the
// int8 jobs in 8-row groups (matvec_i8_rows8; the heads form kOnly 3), its value the column passes per loop step (v70: 2,
// a 4,096-column row's loads all before the wait; the int8-only form kOnly 1 at kMinB 4).
template <typename WT, bool kSplit, bool kI8, bool kLn, bool kHeads = false, int kDp = 0, int kMinB = 8,
          int kOnly = 0, bool kProbe = false, int kG8 = 0>
__global__ void __launch_bounds__(kWarps * 32, kMinB) matvec_kernel(const __grid_constant__ JobTable t) {
    __shared__ float red[kWarps][kRows8];
    __shared__ float s_scale[kRows8];  // v56 (i8tail bit 1)
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    if constexpr (kProbe) probe_stamp(t.probe, 0);
    // v31: the polling consumer may take the SMs this grid's last wave frees; v46b (kLn): the FFN key's CTAs may take
    // the SMs of the output projection's finished CTAs (its weight loads before its pdl_wait)
    if (t.poll == 2 || kLn) pdl_trigger();
    const int group = kSplit ? blockIdx.x : blockIdx.x * kWarps + warp;
    if (!kSplit && group >= t.start[t.n]) return;
    int j = 0;
    while (j + 1 < t.n && group >= t.start[j + 1]) ++j;
    int head_row0 = -1;
    if constexpr (kHeads) {
        constexpr int kGph = 64 / (kG8 ? kRowsG8 : kRows8);  // row groups per head and matrix (v57: 8-row int8)
        const int j0 = t.n - 3;
        if (j >= j0) {
            const int gg = group - t.start[j0];
            const int hd = gg / (3 * kGph), rem = gg - hd * (3 * kGph);
            j = j0 + rem / kGph;
            head_row0 = (hd * kGph + rem % kGph) * (kG8 ? kRowsG8 : kRows8);
        }
    }
    const MatvecJob& job = t.job[j];
    const bool i8 = kI8 && kOnly != 2 && kOnly != 4 && (kOnly == 1 || job.scale != nullptr);
    // v14: an fp16 job in 4-row groups
    const bool r4 = kI8 && kOnly != 1 && kOnly != 3 && (kOnly == 2 || (!i8 && job.rows4 != 0 && sizeof(WT) == 2));
    const bool four = i8 || r4;
    const int grows = kG8 && i8 ? kRowsG8 : four ? kRows8 : kRows;  // rows per group
    const int row0 = kHeads && head_row0 >= 0 ? head_row0 : (group - t.start[j]) * grows;
    const int cols = job.cols;
    const WT* W = static_cast<const WT*>(job.W);
    const float* x = job.x;
    const int nrows = min(grows, job.rows - row0);
    if constexpr (kG8 && kSplit) {  // v57: an int8 job in 8-row groups
        if (i8) {
            matvec_i8_rows8<kDp != 0, kProbe, kG8>(t, job, row0, nrows, lane, warp);
            return;
        }
    }
    float acc0 = 0.0f, acc1 = 0.0f, acc2 = 0.0f, acc3 = 0.0f;
    // v56 (i8tail bit 1): the group's row scales (constant weights) on their way to shared memory before the main loop;
    // thread r < nrows (warp 0) copies row0 + r's and reads it back after the block reduction
    const bool scale_early = kSplit && i8 && (t.i8tail & 1u);
    if (scale_early && threadIdx.x < nrows) cp_async4(&s_scale[threadIdx.x], job.scale + row0 + threadIdx.x);
    if (i8) {  // int8 weights, 4 rows per group, per-row scale applied after the reduction
        const std::int8_t* q0 = static_cast<const std::int8_t*>(job.W) + std::size_t(row0) * cols;
        int off[kRows8];  // rows past the end re-read row0 (their sums are never stored)
#pragma unroll
        for (int r = 0; r < kRows8; ++r) off[r] = r < nrows ? r * cols : 0;
        if (kOnly == 1 || kOnly == 3 || (cols & 15) == 0) {
            constexpr int kStride = kSplit ? kWarps * 512 : 512;
            for (int base = (kSplit ? warp * 512 : 0) + lane * 16; base < cols; base += kStride * kUnroll8) {
                uint4 a[kUnroll8][kRows8];
#pragma unroll
                for (int u = 0; u < kUnroll8; ++u) {
                    const int c = base + u * kStride;
                    if (c < cols) {
#pragma unroll
                        for (int r = 0; r < kRows8; ++r)  // v71 (kLn kDp): the offsets at the loads, not held
                            a[u][r] = __ldcs(reinterpret_cast<const uint4*>(
                                q0 + (kLn && kDp ? (r < nrows ? r : 0) * cols : off[r]) + c));
                    }
                }
                probe_first_wait<kProbe, kLn>(t, base == (kSplit ? warp * 512 : 0) + lane * 16,
                                              a[0][0].x ^ a[0][kRows8 - 1].w);
#pragma unroll
                for (int u = 0; u < kUnroll8; ++u) {
                    const int c = base + u * kStride;
                    if (c < cols) {
                        if constexpr (kDp) {  // v49
                            const XQ16 q = kDp == 2 ? load_xq16(t.ln.xq, t.ln.xq_inv, c)  // v72
                                           : kLn    ? quantize_x16_lean(x + c)
                                                    : quantize_x16(x + c);
                            acc0 = fmaf(float(dot16_dp2(a[u][0], q)), q.inv, acc0);
                            acc1 = fmaf(float(dot16_dp2(a[u][1], q)), q.inv, acc1);
                            acc2 = fmaf(float(dot16_dp2(a[u][2], q)), q.inv, acc2);
                            acc3 = fmaf(float(dot16_dp2(a[u][3], q)), q.inv, acc3);
                        } else {
                            acc0 += dot16_i8(a[u][0], x + c);
                            acc1 += dot16_i8(a[u][1], x + c);
                            acc2 += dot16_i8(a[u][2], x + c);
                            acc3 += dot16_i8(a[u][3], x + c);
                        }
                    }
                }
            }
        } else {
            pdl_wait();
            for (int c = (kSplit ? warp * 32 : 0) + lane; c < cols; c += (kSplit ? kWarps * 32 : 32)) {
                const float xc = x[c];
                acc0 = fmaf(float(q0[off[0] + c]), xc, acc0);
                acc1 = fmaf(float(q0[off[1] + c]), xc, acc1);
                acc2 = fmaf(float(q0[off[2] + c]), xc, acc2);
                acc3 = fmaf(float(q0[off[3] + c]), xc, acc3);
            }
        }
    } else if (r4 && (kOnly == 2 || kOnly == 4 || (cols & 7) == 0)) {
        // v14: fp16, 4 rows x kUnroll8 chunks of 256 columns per lane
        const WT* w0 = W + std::size_t(row0) * cols;
        int off[kRows8];  // rows past the end re-read row0 (their sums are never stored)
#pragma unroll
        for (int r = 0; r < kRows8; ++r) off[r] = r < nrows ? r * cols : 0;
        constexpr int kStride = kSplit ? kWarps * 256 : 256;
        for (int base = (kSplit ? warp * 256 : 0) + lane * 8; base < cols; base += kStride * kUnroll8) {
            uint4 a[kUnroll8][kRows8];
            const uint4 b = make_uint4(0u, 0u, 0u, 0u);  // unused by the fp16 dot8
#pragma unroll
            for (int u = 0; u < kUnroll8; ++u) {
                const int c = base + u * kStride;
                if (c < cols) {
#pragma unroll
                    for (int r = 0; r < kRows8; ++r) a[u][r] = __ldcs(reinterpret_cast<const uint4*>(w0 + off[r] + c));
                }
            }
            if (kLn && kSplit && t.outpf && base == warp * 256 + lane * 8) {
                // v66: the group's later passes (at C = 4096 the second 2,048 columns) towards L2 once the first
                // pass's weights are in: lane l takes row l >> 3, chunk (l >> 2) & 1 and 128-byte line l & 3
                unsigned dep = 0u;
#pragma unroll
                for (int u = 0; u < kUnroll8; ++u)
#pragma unroll
                    for (int k = 0; k < kRows8; ++k) dep ^= a[u][k].x;
                const int r = lane >> 3;
                if (r < nrows)
                    for (int c = warp * 256 + kStride * kUnroll8 + ((lane >> 2) & 1) * kStride + (lane & 3) * 64;
                         c < cols; c += kStride * kUnroll8)
                        prefetch_l2_after(w0 + off[r] + c, dep);
            }
            probe_first_wait<kProbe, kLn>(t, base == (kSplit ? warp * 256 : 0) + lane * 8,
                                          a[0][0].x ^ a[0][kRows8 - 1].w);
#pragma unroll
            for (int u = 0; u < kUnroll8; ++u) {
                const int c = base + u * kStride;
                if (c < cols) {
                    acc0 += dot8(W, a[u][0], b, x + c);
                    acc1 += dot8(W, a[u][1], b, x + c);
                    acc2 += dot8(W, a[u][2], b, x + c);
                    acc3 += dot8(W, a[u][3], b, x + c);
                }
            }
        }
    } else if (kOnly >= 3 || (kOnly == 0 && (cols & 7) == 0)) {
        const WT* w0 = W + std::size_t(row0) * cols;
        const WT* w1 = nrows > 1 ? w0 + cols : w0;
        constexpr int kStride = kSplit ? kWarps * 256 : 256;
        for (int base = (kSplit ? warp * 256 : 0) + lane * 8; base < cols; base += kStride * kUnroll) {
            uint4 a0[kUnroll], b0[kUnroll], a1[kUnroll], b1[kUnroll];
#pragma unroll
            for (int u = 0; u < kUnroll; ++u) {
                const int c = base + u * kStride;
                if (c < cols) {
                    load_raw(w0 + c, a0[u], b0[u]);
                    load_raw(w1 + c, a1[u], b1[u]);
                }
            }
            // the weights above are constant; x (and y) come from the previous kernels
            probe_first_wait<kProbe, kLn>(t, base == (kSplit ? warp * 256 : 0) + lane * 8, a0[0].x ^ a1[0].w);
#pragma unroll
            for (int u = 0; u < kUnroll; ++u) {
                const int c = base + u * kStride;
                if (c < cols) {
                    acc0 += dot8(W, a0[u], b0[u], x + c);
                    acc1 += dot8(W, a1[u], b1[u], x + c);
                }
            }
        }
    } else if (kOnly == 0) {
        pdl_wait();
        for (int c = (kSplit ? warp * 32 : 0) + lane; c < cols; c += (kSplit ? kWarps * 32 : 32)) {
            acc0 = fmaf(to_f32(W[std::size_t(row0) * cols + c]), x[c], acc0);
            if (nrows > 1) acc1 = fmaf(to_f32(W[std::size_t(row0 + 1) * cols + c]), x[c], acc1);
        }
    }
    pdl_wait();  // warps without columns (narrow matrices) still wait before writing
    pdl_trigger();
    // v55 (t.tail bit 1, kLn): the residual's old x in flight during the block reduction (an L2 round trip off the end)
    float old_early = 0.0f;
    if constexpr (kLn && kSplit)
        if ((t.tail & 1u) && warp == 0 && lane < nrows && job.epi == kEpiAdd) old_early = job.y[row0 + lane];
    if constexpr (kProbe) probe_stamp(t.probe, 1);
    const bool sum4t = kSplit && four && (t.i8tail & 2u);  // v56
    if (sum4t) {
        acc0 = warp_sum4t(acc0, acc1, acc2, acc3, lane);  // lane 8 * r: row r's sum
    } else {
        acc0 = warp_sum(acc0);
        acc1 = warp_sum(acc1);
        if (four) {
            acc2 = warp_sum(acc2);
            acc3 = warp_sum(acc3);
        }
    }
    if (!kSplit) {
        bool nz = false;
        if (lane < nrows) {
            const int row = row0 + lane;
            float a = lane == 0 ? acc0 : lane == 1 ? acc1 : lane == 2 ? acc2 : acc3;
            if (job.scale) a *= job.scale[row];
            const float old = job.epi == kEpiAdd ? job.y[row] : 0.0f;
            const float y = epilogue(job.epi, a, job.bias, row, old);
            if (kLn && (t.tail & 2u)) st_relaxed_f32(t.ln.xo + row, y);  // v61
            store_y(job.y + row, y, t.poll);
            nz = y != 0.0f;
        }
        if (job.mask) mark_active(job.mask, row0, nz, lane);
        if (kLn) ffn_ln_tail(t.ln, job.y, job.rows, row0, four ? kRows8 : kRows, lane, t.tail);
        return;
    }
    if (sum4t) {
        if ((lane & 7) == 0) red[warp][lane >> 3] = acc0;
    } else if (lane == 0) {
        red[warp][0] = acc0;
        red[warp][1] = acc1;
        red[warp][2] = acc2;
        red[warp][3] = acc3;
    }
    __syncthreads();
    if (warp == 0) {
        bool nz = false;
        if (threadIdx.x < nrows) {
            const int r = threadIdx.x;
            float a = 0.0f;
#pragma unroll
            for (int w = 0; w < kWarps; ++w) a += red[w][r];
            const int row = row0 + r;
            if (scale_early) {
                asm volatile("cp.async.wait_all;" ::: "memory");  // this thread's own copy
                a *= s_scale[r];
            } else if (job.scale) {
                a *= job.scale[row];
            }
            const float old = job.epi != kEpiAdd ? 0.0f : kLn && (t.tail & 1u) ? old_early : job.y[row];
            const float y = epilogue(job.epi, a, job.bias, row, old);
            if (kLn && (t.tail & 2u)) st_relaxed_f32(t.ln.xo + row, y);  // v61
            store_y(job.y + row, y, t.poll);
            if constexpr (kProbe && !kLn) probe_stamp(t.probe, 5);  // v75: thread 0's y (h) store issued
            nz = y != 0.0f;
        }
        if (job.mask) mark_active(job.mask, row0, nz, lane);
        if constexpr (!kLn && !kHeads)
            if (t.vpf) prefetch_value_rows(t, row0, nz, lane);  // v68
        if (kLn)
            ffn_ln_tail(t.ln, job.y, job.rows, row0, four ? kRows8 : kRows, lane, t.tail, kProbe ? t.probe : nullptr);
    }
    if constexpr (kProbe) probe_stamp(t.probe, 2);
}

}  // namespace

namespace {
bool g_pdl = true;
int g_i8dp = 3;    // v49 (default: mode 3)
int g_f16_big = 7;  // v49c (default: 7)
bool g_out_only = true;  // v51 (default on since session 19's v53 call)
unsigned g_only = 3u;    // v54 (set_matvec_only; default both since session 20's call 1)
unsigned long long* g_probe = nullptr;  // v54 measurement (set_b1_probe)
unsigned g_ln_tail = 3u;                // v55 (set_matvec_ln_tail; default on since session 20's cb1b call 2); v61 (2)
unsigned g_i8_tail = 3u;                // v56 (set_matvec_i8_tail; default both since session 21's cb1 call 2)
unsigned g_i8_rows8 = 3u;               // v57 (set_matvec_i8_rows8; default on since session 22's cb1 call 5); v70 (2)
bool g_out_pf = true;                   // v66 (set_matvec_out_prefetch; default on since session 28's cb1 call 1)
bool g_out_dp = true;                   // v71 (set_matvec_out_dp; default on since session 32's lead call)

// v54: a launch with its probe twin (kProbe) while set_b1_probe holds a record; only the default B=1 forms go through
// here, so only they have a probe instantiation.
template <typename WT, bool kSplit, bool kI8, bool kLn, bool kHeads, int kDp, int kMinB, int kOnly, int kG8 = 0>
cudaError_t launch_probed(JobTable t, dim3 grid, dim3 block, cudaStream_t stream) {
    if (g_probe) {
        t.probe = g_probe;
        return launch_pdl(matvec_kernel<WT, kSplit, kI8, kLn, kHeads, kDp, kMinB, kOnly, true, kG8>, grid, block, 0,
                          stream, t);
    }
    return launch_pdl(matvec_kernel<WT, kSplit, kI8, kLn, kHeads, kDp, kMinB, kOnly, false, kG8>, grid, block, 0, stream,
                      t);
}

template <typename WT, bool kSplit, bool kI8, bool kDp = false, int kMinB = 8>
cudaError_t launch_mv(const JobTable& t, dim3 grid, dim3 block, cudaStream_t stream) {
    if (t.ln.counters)
        return launch_pdl(matvec_kernel<WT, kSplit, kI8, true, false, kDp, kMinB>, grid, block, 0, stream, t);
    return launch_pdl(matvec_kernel<WT, kSplit, kI8, false, false, kDp, kMinB>, grid, block, 0, stream, t);
}
// v49: the (dot, CTAs per SM) form of a batch with int8 jobs and `ctas` CTAs under set_matvec_i8dp's mode; "big" =
// more CTAs than one wave at 8 per SM (a 4096-row int8 matrix alone, 1,024 CTAs, fits one wave at 8 but not at 7).
struct I8Form {
    bool dp;
    int min_blocks;
};
bool big_grid(int ctas) {
    int dev = 0, sms = 132;
    if (cudaGetDevice(&dev) == cudaSuccess) cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, dev);
    return ctas > 8 * sms;
}
I8Form i8_form(int ctas) {
    const bool big = big_grid(ctas);
    switch (g_i8dp) {
    case 1: return {true, 8};
    case 2: return {true, 7};
    case 3: return big ? I8Form{true, 7} : I8Form{false, 8};
    case 4: return big ? I8Form{true, 6} : I8Form{false, 8};
    case 5: return big ? I8Form{false, 7} : I8Form{false, 8};
    default: return {false, 8};
    }
}
template <bool kSplit>
cudaError_t launch_mv_i8(const JobTable& t, I8Form f, dim3 grid, dim3 block, cudaStream_t stream) {
    if (f.dp && f.min_blocks == 7) return launch_mv<__half, kSplit, true, true, 7>(t, grid, block, stream);
    if (f.dp && f.min_blocks == 6) return launch_mv<__half, kSplit, true, true, 6>(t, grid, block, stream);
    if (f.dp) return launch_mv<__half, kSplit, true, true, 8>(t, grid, block, stream);
    if (f.min_blocks == 7) return launch_mv<__half, kSplit, true, false, 7>(t, grid, block, stream);
    return launch_mv<__half, kSplit, true>(t, grid, block, stream);
}
bool has_int8_job(const MatvecBatch& batch) {
    for (int j = 0; j < batch.n; ++j)
        if (batch.job[j].scale != nullptr) return true;
    return false;
}
}  // namespace
void set_pdl(bool on) { g_pdl = on; }
bool pdl_enabled() { return g_pdl; }
void set_matvec_i8dp(int mode) { g_i8dp = mode >= 0 && mode <= 5 ? mode : 3; }
int matvec_i8dp() { return g_i8dp; }
void set_matvec_f16_big(int ctas_per_sm) { g_f16_big = ctas_per_sm == 8 || ctas_per_sm == 6 ? ctas_per_sm : 7; }
void set_matvec_out_only(bool on) { g_out_only = on; }
void set_matvec_only(unsigned mask) { g_only = mask & 3u; }
void set_b1_probe(unsigned long long* rec) { g_probe = rec; }
void set_matvec_ln_tail(unsigned bits) { g_ln_tail = bits & 3u; }
void set_matvec_i8_tail(unsigned bits) { g_i8_tail = bits & 3u; }
void set_matvec_i8_rows8(unsigned bits) { g_i8_rows8 = bits & 3u; }
void set_matvec_out_prefetch(bool on) { g_out_pf = on; }
void set_matvec_out_dp(bool on) { g_out_dp = on; }
unsigned long long* b1_probe_record() { return g_probe; }

namespace {
// The job table of a batch: job starts in row groups (4 rows for int8 jobs — 8 with g8, v57's kG8 instantiations — and
// fp16 rows4 jobs, else 2).
void fill_table(const MatvecBatch& batch, WType wt, JobTable& t, bool g8 = false) {
    t.n = batch.n;
    t.i8tail = g_i8_tail;
    t.poll = batch.poll;
    t.start[0] = 0;
    for (int j = 0; j < batch.n; ++j) {
        t.job[j] = batch.job[j];
        const bool four = batch.job[j].scale != nullptr || (batch.job[j].rows4 != 0 && wt == WType::F16);
        const int g = g8 && batch.job[j].scale != nullptr ? kRowsG8 : four ? kRows8 : kRows;
        t.start[j + 1] = t.start[j] + (batch.job[j].rows + g - 1) / g;
    }
}
// v54: every job int8 (with 4-row groups), or fp16 in 2-row groups (int8_ok) / 4-row groups (f16_ok), cols % 16 == 0
bool only_form(const MatvecBatch& batch, bool int8_ok, bool f16_2_ok, bool f16_4_ok) {
    for (int j = 0; j < batch.n; ++j) {
        const MatvecJob& q = batch.job[j];
        const bool ok = q.cols % 16 == 0 &&
                        (q.scale != nullptr ? int8_ok : q.rows4 != 0 ? f16_4_ok : f16_2_ok);
        if (!ok) return false;
    }
    return true;
}
int max_cols_of(const MatvecBatch& batch) {
    int max_cols = 0;
    for (int j = 0; j < batch.n; ++j) max_cols = max_cols > batch.job[j].cols ? max_cols : batch.job[j].cols;
    return max_cols;
}
}  // namespace

cudaError_t launch_matvec(const MatvecBatch& batch, WType wt, cudaStream_t stream) {
    if (batch.n <= 0 || batch.n > kMaxJobs) return cudaErrorInvalidValue;
    JobTable t{};
    if (batch.has_ln) {  // v43: one residual job of a square matrix, C <= 8192 (32 statistics words)
        const MatvecJob& o = batch.job[0];
        if (batch.n != 1 || o.epi != kEpiAdd || o.rows != o.cols || o.rows > 8192 || o.rows % 8 != 0 ||
            !batch.ln.counters || !batch.ln.stats || !batch.ln.stats_rearm || !batch.ln.params || !batch.ln.out)
            return cudaErrorInvalidValue;
        t.ln = batch.ln;
        t.tail = batch.ln.xo ? g_ln_tail : g_ln_tail & ~2u;  // v61 needs its buffer
        t.outpf = g_out_pf ? 1u : 0u;                        // v66
        if ((batch.ln.xq == nullptr) != (batch.ln.xq_inv == nullptr) || (batch.ln.xq && o.cols % 16 != 0))
            return cudaErrorInvalidValue;  // v72
    }
    fill_table(batch, wt, t);
    const bool split = max_cols_of(batch) > 1024;
    if (batch.value_pf) {  // v68: one job with a ReLU² epilogue (the FFN key); only the split form prefetches
        if (batch.n != 1 || batch.job[0].epi != kEpiRelu2 || batch.value_pf_row_bytes <= 0 || batch.has_ln)
            return cudaErrorInvalidValue;
        t.vpf = static_cast<const char*>(batch.value_pf);
        t.vpf_from = batch.value_pf_from;
        t.vpf_bytes = batch.value_pf_row_bytes;
    }
    const dim3 grid(split ? t.start[batch.n] : (t.start[batch.n] + kWarps - 1) / kWarps);
    const dim3 block(kWarps * 32);
    bool any_i8 = false;
    for (int j = 0; j < batch.n; ++j) any_i8 = any_i8 || batch.job[j].scale != nullptr;
    if (any_i8 && wt != WType::F16) return cudaErrorInvalidValue;  // int8 models keep fp16 for the other matrices
    for (int j = 0; j < batch.n; ++j) any_i8 = any_i8 || (batch.job[j].rows4 != 0 && wt == WType::F16);  // v14
    if (g_out_only && t.ln.counters && split && wt == WType::F16 && any_i8) {  // v51: the output projection's own form
        const MatvecJob& o = batch.job[0];
        if (o.scale != nullptr && o.cols % 16 == 0 && (g_i8dp == 0 || !big_grid(int(grid.x)))) {
            if (g_out_dp && g_i8dp >= 1 && g_i8dp <= 4) {  // v71: the DP2A dot where the big int8 batches use it
                if (t.ln.xq)  // v72: x's int16 chunks from the time mix
                    return launch_probed<__half, true, true, true, false, 2, 8, 1>(t, grid, block, stream);
                return launch_probed<__half, true, true, true, false, 1, 8, 1>(t, grid, block, stream);
            }
            return launch_probed<__half, true, true, true, false, false, 8, 1>(t, grid, block, stream);
        }
        if (o.scale == nullptr && o.rows4 != 0 && o.cols % 8 == 0 && (g_f16_big == 8 || !big_grid(int(grid.x))))
            return launch_probed<__half, true, true, true, false, false, 8, 2>(t, grid, block, stream);
    }
    if (any_i8 && g_i8dp != 0 && has_int8_job(batch)) {  // v49
        const I8Form f = i8_form(int(grid.x));
        if (split && f.dp && f.min_blocks == 7 && !t.ln.counters) {  // the int8 FFN key's and head's default form
            if ((g_only & 2u) && only_form(batch, true, false, false)) {  // v54: int8 jobs only
                if (g_i8_rows8 & 2u) {  // v70: in 8-row groups, two passes' loads before the wait, 4 CTAs per SM
                    JobTable t8 = t;
                    fill_table(batch, wt, t8, true);
                    return launch_probed<__half, true, true, false, false, true, 4, 1, 2>(t8, dim3(t8.start[batch.n]),
                                                                                            block, stream);
                }
                return launch_probed<__half, true, true, false, false, true, 7, 1>(t, grid, block, stream);
            }
            return launch_probed<__half, true, true, false, false, true, 7, 0>(t, grid, block, stream);
        }
        return split ? launch_mv_i8<true>(t, f, grid, block, stream) : launch_mv_i8<false>(t, f, grid, block, stream);
    }
    if (wt == WType::F16 && split && g_f16_big == 7 && !any_i8 && !t.ln.counters && big_grid(int(grid.x)))
        return launch_probed<__half, true, false, false, false, false, 7, 0>(t, grid, block, stream);  // v49c, fp16
    if (wt == WType::F16 && split && g_f16_big != 8 && !has_int8_job(batch) && big_grid(int(grid.x))) {  // v49c
        if (any_i8)
            return g_f16_big == 7 ? launch_mv<__half, true, true, false, 7>(t, grid, block, stream)
                                  : launch_mv<__half, true, true, false, 6>(t, grid, block, stream);
        return g_f16_big == 7 ? launch_mv<__half, true, false, false, 7>(t, grid, block, stream)
                              : launch_mv<__half, true, false, false, 6>(t, grid, block, stream);
    }
    if (any_i8)
        return split ? launch_mv<__half, true, true>(t, grid, block, stream)
                     : launch_mv<__half, false, true>(t, grid, block, stream);
    if (wt == WType::F16)
        return split ? launch_mv<__half, true, false>(t, grid, block, stream)
                     : launch_mv<__half, false, false>(t, grid, block, stream);
    return split ? launch_mv<float, true, false>(t, grid, block, stream)
                 : launch_mv<float, false, false>(t, grid, block, stream);
}

cudaError_t launch_matvec_heads(const MatvecBatch& batch, WType wt, cudaStream_t stream) {
    if (batch.n < 3 || batch.n > kMaxJobs || batch.has_ln || wt != WType::F16) return cudaErrorInvalidValue;
    const MatvecJob& r = batch.job[batch.n - 3];
    for (int j = batch.n - 3; j < batch.n; ++j) {
        const MatvecJob& q = batch.job[j];
        const bool four = q.scale != nullptr || q.rows4 != 0;
        if (!four || q.rows != r.rows || q.cols != r.cols || q.rows % 64 != 0 || q.mask) return cudaErrorInvalidValue;
    }
    if (max_cols_of(batch) <= 1024) return cudaErrorInvalidValue;  // the split form (one CTA per group) only
    JobTable t{};
    fill_table(batch, wt, t);
    t.poll = 2;
    t.heads = 1;
    const bool only = (g_only & 1u) != 0u;  // v54
    if (g_i8dp != 0 && has_int8_job(batch)) {  // v49
        const dim3 grid(t.start[batch.n]), block(kWarps * 32);
        const I8Form f = i8_form(int(grid.x));
        if (f.dp && f.min_blocks == 7) {
            if (only && only_form(batch, true, true, false)) {
                if (g_i8_rows8 & 1u) {  // v57: r/k/v in 8-row groups (8 per head and matrix)
                    JobTable t8 = t;
                    fill_table(batch, wt, t8, true);
                    t8.poll = 2;
                    t8.heads = 1;
                    return launch_probed<__half, true, true, false, true, true, 7, 3, 1>(
                        t8, dim3(t8.start[batch.n]), block, stream);
                }
                return launch_probed<__half, true, true, false, true, true, 7, 3>(t, grid, block, stream);
            }
            return launch_probed<__half, true, true, false, true, true, 7, 0>(t, grid, block, stream);
        }
        if (f.dp && f.min_blocks == 6)
            return launch_pdl(matvec_kernel<__half, true, true, false, true, true, 6>, grid, block, 0, stream, t);
        if (f.dp) return launch_pdl(matvec_kernel<__half, true, true, false, true, true, 8>, grid, block, 0, stream, t);
        if (f.min_blocks == 7)
            return launch_pdl(matvec_kernel<__half, true, true, false, true, false, 7>, grid, block, 0, stream, t);
    }
    if (g_f16_big != 8 && !has_int8_job(batch) && big_grid(int(t.start[batch.n]))) {  // v49c
        const dim3 grid(t.start[batch.n]), block(kWarps * 32);
        if (g_f16_big == 7) {
            if (only && only_form(batch, false, true, true))
                return launch_probed<__half, true, true, false, true, false, 7, 4>(t, grid, block, stream);
            return launch_probed<__half, true, true, false, true, false, 7, 0>(t, grid, block, stream);
        }
        return launch_pdl(matvec_kernel<__half, true, true, false, true, false, 6>, grid, block, 0, stream, t);
    }
    return launch_pdl(matvec_kernel<__half, true, true, false, true>, dim3(t.start[batch.n]), dim3(kWarps * 32), 0,
                      stream, t);
}

}  // namespace rwkv::cuda_kernels
