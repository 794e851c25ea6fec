// kernels/cuda/rwkv_kernels.h — host-side launchers of the CUDA kernels of the RWKV-7 decode step.
// Plain C++ (no CUDA syntax): included by engine/src/cuda. One kernel per .cu file in this folder, each with
// its launcher and a header comment listing its live variants. Activations are fp32; weights are fp16
// ("F16") or fp32 ("F32") as the model was loaded. Every launcher enqueues on `stream` and returns the
// launch error (cudaGetLastError) so that the caller turns it into an rwkv::Error.
#pragma once

#include <cstdint>

#include <cuda_runtime_api.h>

namespace rwkv::cuda_kernels {

enum class WType : int { F16 = 0, F32 = 1 };

/// Programmatic Dependent Launch between the decode kernels (sm_90; default on): each kernel may start
/// while the previous one drains and stream its constant weights before waiting for its inputs.
void set_pdl(bool on);

/// Per-step values the captured CUDA graph reads at run time, so that one graph serves every state and
/// every token: the state base pointer, the token ids of this forward() and the position in them.
struct StepParams {
    float* state = nullptr;          // spec §5 layout, fp32
    const std::int32_t* tokens = nullptr;
    std::int32_t pos = 0;            // read by the layer-0 ln_mix (embedding), advanced by the layer-0 wkv7
};

// ---- ln_mix.cu: residual update + LayerNorm + token-shift mixes (one CTA) --------------------------------
enum LnMixMode : int {
    kLnFromEmbedding = 0,  // x = LN0(emb[tokens[pos]]), then LN
    kLnPlain = 2,          // LN(x)
};
struct LnMixArgs {
    int mode = kLnPlain;
    int C = 0;
    float* x = nullptr;                 // residual stream [C] (written in modes 0 and 1)
    const void* emb = nullptr;          // [V, C] WType (mode 0)
    const float* ln0_w = nullptr, *ln0_b = nullptr;
    const float* ln_w = nullptr, *ln_b = nullptr;
    const float* mix = nullptr;         // [n_mix, C] mix coefficients, consecutive
    int n_mix = 0;                      // 0: out = LN(x) alone
    const StepParams* params = nullptr; // state base + tokens
    std::int64_t shift_offset = -1;     // float offset of the token-shift state in params->state, -1: none
    float* out = nullptr;               // [max(n_mix,1), C]
};
cudaError_t launch_ln_mix(const LnMixArgs& a, WType wt, cudaStream_t stream);
/// Largest C of a fused LayerNorm tail (SparseFfnArgs::ln_tail): the vector is held in
/// registers (float4 per thread).
constexpr int kLnTailMaxC = 4096;

// ---- matvec.cu: y = epilogue(W·x) for up to kMaxJobs independent matrices in one launch -------------------
enum Epilogue : int {
    kEpiNone = 0,        // y = acc
    kEpiTanh = 1,        // y = tanh(acc)
    kEpiSigmoid = 2,     // y = sigmoid(acc)
    kEpiDecay = 3,       // y = exp(-0.606531 * sigmoid(bias + acc))
    kEpiSigmoidBias = 4, // y = sigmoid(bias + acc)
    kEpiAdd = 5,         // y += acc (residual)
    kEpiRelu2 = 6,       // y = max(acc, 0)^2
};
constexpr int kMaxJobs = 8;
struct MatvecJob {
    const void* W = nullptr;   // [rows, cols] row-major, WType
    const float* x = nullptr;  // [cols]
    float* y = nullptr;        // [rows]
    const float* bias = nullptr;
    int rows = 0, cols = 0, epi = kEpiNone;
    unsigned* mask = nullptr;  // kEpiRelu2 only: bit r of mask[r/32] |= (y[r] != 0) (active-neuron bitmask, v7)
    /// Non-null: W is int8 [rows, cols] (the batch's WType is ignored for this job) and row r of W·x is
    /// multiplied by scale[r] before the epilogue (per-row weight-only quantisation, fp32 accumulation).
    const float* scale = nullptr;
    /// v14 knob (fp16 weights only, ignored otherwise): 4 rows per group with 2 chunks per row in flight (the
    /// int8 layout) instead of 2 rows x 4 chunks: half as many CTAs for the same bytes in flight.
    int rows4 = 0;
};
/// v43 (session 12, MatvecBatch::ln): the FFN LayerNorm + x_k token-shift mix run by the output projection's own grid
/// (batch-1 decode; replaces ln_mix's launch before the FFN key). The batch holds one job with epi kEpiAdd whose y is
/// the residual x (rows = cols = C <= 8192, C % 8 == 0). Every warp that stores rows of x takes a ticket on its 256-row
/// slice (counters[slice], one atom.acq_rel.gpu); the last one reads the slice's new x, publishes its sum and squared
/// deviations about the slice mean in stats[slice] (one 64-bit word; all-ones until published, as
/// SparseFfnArgs::ln_stats), polls every slice's word, combines them in slice order (fp32 rounding only against
/// ln_mix's two-pass) and writes out[c] = z + (prev - z) * mix[c] with z = LN(x; ln_w, ln_b), eps 1e-5, for its
/// columns; the token shift becomes z. It re-arms stats_rearm[slice] (the previous layer's words, read by a grid that
/// has finished) and resets its ticket. stats must hold all-ones before the first launch that reads it.
struct MatvecLn {
    const float *ln_w = nullptr, *ln_b = nullptr, *mix = nullptr;  // [C]
    const StepParams* params = nullptr;
    std::int64_t shift_offset = 0;  // float offset of the token-shift state (prev, becomes z) in params->state
    float* out = nullptr;           // [C]
    unsigned* counters = nullptr;   // [ceil(C/256)], zero before the launch (and after it)
    unsigned long long *stats = nullptr, *stats_rearm = nullptr;  // [ceil(C/256)] each
    /// v61 (set_matvec_ln_tail bit 2): [C] x's new values for the slices' pollers; kFfnUnset before the launch (and
    /// after it: each poller re-arms what it read). Null: the slice ticket form.
    float* xo = nullptr;
    /// v72 (session 33; both or neither, cols % 16 == 0): the job's x as its producer rounded it to int16 per 16
    /// columns (Wkv7LoraArgs::xq, v49's rounding): xq [cols / 2] int32 words (chunk k's eight at 8k, x[2i] in the low
    /// half), xq_inv [cols / 16] the chunks' scales 2^(E - 140). Read instead of x by the int8 DP2A form
    /// (set_matvec_out_dp); the same words as that form's own rounding, so the same y. Ignored by the other forms.
    const int* xq = nullptr;
    const float* xq_inv = nullptr;
};
struct MatvecBatch {
    MatvecJob job[kMaxJobs];
    int n = 0;
    bool has_ln = false;  // v43: run `ln` after the (single) residual job
    MatvecLn ln;
    /// v31 (the FFN key ahead of sparse_ffn_poll, SparseFfnArgs::poll): 1 = y is stored with st.relaxed.gpu (the
    /// consumer polls it while this grid still runs); 2 = that, and every CTA lets the dependent grid launch
    /// (PDL) as soon as it starts, so the consumer's CTAs take the SMs that the last wave frees.
    int poll = 0;
    /// v68 (session 29, the FFN key of batch-1 decode, split form): rows r >= value_pf_from whose y is non-zero have row
    /// r of value_pf (value_pf_row_bytes each: the sparse FFN's value rows) prefetched into L2 by the CTA that stored
    /// y[r] — fire and forget, no arithmetic changes (split form only: cols > 1024; ignored otherwise). Null: none.
    const void* value_pf = nullptr;
    int value_pf_from = 0, value_pf_row_bytes = 0;
};
cudaError_t launch_matvec(const MatvecBatch& batch, WType wt, cudaStream_t stream);

// ---- wkv7.cu: k-normalisation, gates, value residual, WKV-7 update, GroupNorm, bonus, output gate --------
struct Wkv7Args {
    int H = 0, layer = 0;
    bool advance_pos = false;  // params->pos += 1 (once per token, after the embedding lookup)
    const float* r = nullptr, *k = nullptr, *v = nullptr;  // [C]
    const float* decay = nullptr, *alpha = nullptr, *g = nullptr, *vgate = nullptr;
    float* v_first = nullptr;                              // [C]: written at layer 0, read after
    const float* k_k = nullptr, *k_a = nullptr, *r_k = nullptr, *lnx_w = nullptr, *lnx_b = nullptr;
    const StepParams* params = nullptr;
    std::int64_t wkv_offset = 0;  // float offset of this layer's [H,64,64] state
    float* out = nullptr;         // [C] = (GroupNorm(y) + bonus) * g
};
cudaError_t launch_wkv7(const Wkv7Args& a, cudaStream_t stream);
/// v17 (fp16 LoRA weights): the LoRA up-projections fused into wkv7 — one CTA of 256 threads per head computes
/// its 64 channels of decay = exp(-0.606531 sigmoid(w0 + w2·hw)), alpha = sigmoid(a0 + a2·ha), g = g2·hg and
/// (layer > 0) vgate = sigmoid(v0 + v2·hv) (4 threads per channel, the weight rows loaded before the PDL wait),
/// then runs wkv7's arithmetic with 4 threads per state row. The decay/alpha/g/vgate fields of Wkv7Args are
/// ignored. Needs every LoRA width a multiple of 8 and w, a, v <= 128, g <= 512 (wkv7_lora_fits).
struct Wkv7LoraArgs {
    Wkv7Args base;
    const void *w2 = nullptr, *a2 = nullptr, *g2 = nullptr, *v2 = nullptr;  // [C, D] fp16
    const float *hw = nullptr, *ha = nullptr, *hg = nullptr, *hv = nullptr;  // [D] activated LoRA hidden vectors
    const float *w0 = nullptr, *a0 = nullptr, *v0 = nullptr;                 // [C]
    int dw = 0, da = 0, dg = 0, dv = 0;
    /// v44 (session 13): 1 = one CTA per head (v17); 4 = each head over a thread-block cluster of 4 CTAs (the head's
    /// channels, LoRA rows and state rows split; the per-head sums exchanged through distributed shared memory).
    /// Other values: 1.
    int split = 1;
    /// v72 (session 33; split == 4 only, both or neither): also base.out rounded to int16 per 16 columns for the int8
    /// output projection's DP2A dot (MatvecLn::xq's layout: [C / 2] words, [C / 16] scales; v49's rounding, each
    /// cluster CTA's 16 channels one chunk).
    int* xq = nullptr;
    float* xq_inv = nullptr;
};
bool wkv7_lora_fits(int dw, int da, int dg, int dv);
cudaError_t launch_wkv7_lora(const Wkv7LoraArgs& a, cudaStream_t stream);

// ---- sparse_ffn.cu: x += sum over non-zero h[f] of h[f] * Vt[f, :] ------------------------------------------
constexpr int kFfnChunk = 512;  // neurons per partial
inline int ffn_partials(int F) { return (F + kFfnChunk - 1) / kFfnChunk; }
struct SparseFfnArgs {
    int F = 0, C = 0;
    float* h = nullptr;            // [F] relu(k)^2 (read only, but the v31 poll kernel re-arms it)
    const void* Vt = nullptr;      // [F, C] (ffn.value transposed), WType
    float* partials = nullptr;     // [ffn_partials(F), C] scratch
    unsigned* counters = nullptr;  // [ceil(C/256)] zero-initialised; the last CTA of a column slice resets it
    float* x = nullptr;            // [C] residual: += the sum of the partials (fixed order)
    unsigned long long* active = nullptr;  // += number of non-zero h (may be null)
    bool dense = false;            // read every row (for measurements)
    // v7 active-neuron list: the FFN-key matvec ORs the bit of every non-zero h into mask[ceil(F/32)]; the
    // value kernel splits the active rows evenly over its CTAs (in index order) and its last CTA zeroes the
    // mask again (counters[ceil(C/256)] is the grid ticket). null: the v6 chunk kernel (scans h).
    unsigned* mask = nullptr;
    /// Non-null: Vt is int8 [F, C] and row f is scaled by Vscale[f] (per-neuron scale; the batch's WType is
    /// ignored for Vt).
    const float* Vscale = nullptr;
    /// v13 (list kernel): the last column slice to finish x (ticket counters[ceil(C/256) + 1]) runs this
    /// LayerNorm + mixes over the new x (the next layer's time mix, or ln_out): one launch fewer per layer. The poll
    /// kernel runs it spread over the column slices instead (v40, ln_stats below).
    bool has_ln_tail = false;
    LnMixArgs ln_tail;
    /// v31: no wait for the FFN-key grid (launched behind it with MatvecBatch::poll set, mask unused): CTA
    /// (chunk, column slice) polls its kFfnChunk activations until none holds kFfnUnset (the key's grid stores
    /// them while this one starts), so the value rows of finished chunks stream during the key's last wave;
    /// the last CTA of the grid sets h back to kFfnUnset for the next layer. h must hold kFfnUnset before
    /// the first such launch. Partials, tickets and the LayerNorm tail as the list kernel; fixed order.
    bool poll = false;
    /// v34b (session 11, with poll): no per-slice ticket. partials must hold kFfnUnset before the launch (and do
    /// after it): CTA (chunk g < G-1, slice) stores its sums there, the last chunk's CTA of the slice polls them (all
    /// still unset re-loaded together each round), adds them in chunk order into x (bit-identical to the ticket path),
    /// re-arms them and runs the v40 LayerNorm tail for its columns.
    bool direct = false;
    /// v40 (poll kernel with has_ln_tail): the LayerNorm tail spread over the column slices. The last CTA of each
    /// slice publishes its 256 columns' sum and squared deviations in ln_stats[slice] (one 64-bit word: two floats),
    /// polls every slice's word (kFfnUnset in both halves until published), combines them in slice order and writes
    /// its own columns' LayerNorm + mixes; it re-arms ln_stats_rearm[slice] (the previous layer's words). ceil(C/256)
    /// words each, <= 32; ln_stats must hold all-ones before the first launch that reads it.
    unsigned long long* ln_stats = nullptr;
    unsigned long long* ln_stats_rearm = nullptr;
    /// v45 measurement (session 14; poll kernel with direct and the LayerNorm tail): non-null, the poll kernel writes
    /// %globaltimer stamps (ns) of its steps into stamps[0..16): slots 0-6 the last chunk's CTA of slice 0 (start, its
    /// chunk of h complete, rows done, partials polled, after pdl_wait, statistics polled, end), 8-10 chunk 0's CTA
    /// of slice 0 (start, chunk complete, rows done), 13 / 14 the latest end / chunk-complete and 15 the earliest start
    /// over all CTAs (atomic max / min: arm 13-14 with 0 and 15 with all-ones before the step). v63 (session 26): 7 the
    /// latest "partials polled" over the slices' last-chunk CTAs (thread 0's column), 11 the latest CTA start, 12 the CTA
    /// that took the grid's last ticket (and so re-armed h): chunk | slice << 16 | 1 << 32 (arm 7, 11, 12 with 0).
    unsigned long long* stamps = nullptr;
    /// v75 measurement (session 33; with stamps): 16 more slots, all atomic max (arm with 0) over the CTAs named:
    /// 0 / 1 rows issued / rows done (warp 0, every CTA), 2 rows done - issued, 3 chunk of h in - CTA start (ns),
    /// 4 a non-last chunk's partial stored, 5 h poll retries of one thread (count), 6-10 the last chunk's CTAs only:
    /// chunk in, rows done, start, poll retries (count), thread 0's first h load returned; 11 chunk in - first h load
    /// returned (ns, last chunk), 12 first h load returned (every CTA). Null: none.
    unsigned long long* stamps_x = nullptr;
    /// v63 (session 26, poll kernel): the previous layer's activations (the other of two h buffers), re-armed to
    /// kFfnUnset by this grid, F / CTAs floats per CTA after its chunk of h is in (the previous grid is complete by
    /// then: the key grid that stored this chunk waited for it, transitively). Null: none.
    float* h_rearm = nullptr;
    /// v63: the grid's last CTA leaves h as it is (the next launch re-arms it through its h_rearm) instead of setting
    /// all F activations back to kFfnUnset after its LayerNorm tail.
    bool h_later = false;
    /// v68 (session 29, poll + direct only): the grid laid out (column slice, chunk) instead of (chunk, slice), the last
    /// chunk first: each slice's finisher (the last chunk's CTA) starts first, the other CTAs chunk by chunk as the FFN
    /// key stores h. The same CTAs and arithmetic: bit-identical.
    bool chunk_major = false;
    /// v76 (session 33, poll kernel; not with stamps): each thread's words of its chunk of h polled together, all
    /// loads in flight per round, instead of the second word's polls only after the first is in. Bit-identical.
    bool h_pair = false;
    /// v77 (session 34, poll kernel with int8 Vt (Vscale set); ignored with stamps, dense or fp16 / fp32 Vt): each
    /// thread, as soon as a word of its chunk of h is in and non-zero, issues prefetch.global.L2 of that neuron's Vt
    /// row over its CTA's 256 columns, so the value rows leave before the grid ticket, the h re-arm stores and the
    /// compaction. Bit-identical.
    bool rows_in = false;
};
/// v31: the bit pattern (a NaN; relu² never produces one) of an activation not yet written.
constexpr unsigned kFfnUnset = 0xFFFFFFFFu;
cudaError_t launch_sparse_ffn(const SparseFfnArgs& a, WType wt, cudaStream_t stream);

/// v79 (session 52; sparse_ffn_batch.cu): the FFN value of a batched-decode step of R = 2..kSparseFfnBatchRows rows,
/// x[r] += sum over f of h[r, f] * Vt[f, :], reading only the value rows of the union of the rows' non-zero h (relu²
/// makes ~90 % of them zero per row) and each of those once for all R rows — the rows path's dense GEMM read all F.
/// Deterministic (fixed summation order, no float atomics); a row's result depends on the other rows only through
/// its fp32 rounding order. Errors: cudaErrorInvalidValue for R outside [1, kSparseFfnBatchRows], C % 8 != 0, a null
/// pointer, or `mma` with fp32 weights. v84 (session 56; sparse_ffn_batch_mma.cu, `mma`): the same sums on the tensor
/// cores (sm_80+), for fp16 and int8 weights.
constexpr int kSparseFfnBatchRows = 8;
struct SparseFfnBatchArgs {
    int R = 0, F = 0, C = 0;
    const void* h = nullptr;         // [R, F] relu(k)² as AT (fp16 with fp16 or int8 weights, fp32 with fp32)
    const void* Vt = nullptr;        // [F, C] ffn.value transposed, WType, or int8 with Vscale
    const float* Vscale = nullptr;   // non-null: Vt is int8 and neuron f's row is scaled by Vscale[f]
    float* partials = nullptr;       // [ffn_partials(F), R, C] scratch
    unsigned* counters = nullptr;    // [ceil(C/256)] zero-initialised; the last CTA of a column slice resets it
    float* x = nullptr;              // [R, C] fp32 residual, += the sums (in chunk order)
    bool dense = false;              // read every value row (measurements of the dense FFN)
    /// v79r: h holds the FFN key's outputs k: the kernel uses max(k, 0)² rounded to AT (the values launch_relu2_rows
    /// would store: bit-identical results; h is left as it is) and adds the number of k > 0 to *active (may be null).
    bool relu2 = false;
    unsigned long long* active = nullptr;
    /// v84: the products on the tensor cores (mma.sync m16n8k16, fp32 accumulation; sm_80 and later): the weights
    /// exact in fp16 (int8 too), the activations fp16 — with int8 weights each times its row's scale, rounded to fp16
    /// (one rounding, 2^-11 relative, more than v79). Another summation order than v79's; deterministic.
    bool mma = false;
    /// v85: the last CTA of a column slice adds the chunks' partials 4 columns at a time (bit-identical; shorter).
    bool sum4 = false;
};
cudaError_t launch_sparse_ffn_batch(const SparseFfnBatchArgs& a, WType wt, cudaStream_t stream);

/// v80 (session 52; matvec_rows.cu): `count` nn.Linear products of a small batched-decode step, Y_m[R, N] = beta*Y_m +
/// X_m[R, K] · W_mᵀ with W_m [N, K] row-major (W_m = W + m*w_stride, X_m = X + m*x_stride, Y_m = Y + m*y_stride;
/// strides in elements), R = 1..kMatvecRowsMax: each weight row read once for all R rows (what GemmRunner runs instead
/// of cuBLAS for such steps, CudaModel::set_rows_matvec). W and X are WType, Y fp32 (or fp16 with y_wt and fp16
/// weights); fp32 accumulation; beta 0 or 1. v81 (session 53): with `scale`, W is int8 [N, K] with fp32 row scales
/// (scale_m = scale + m*scale_stride; Y_m[r, n] = scale_m[n] * sum_k W_m[n, k] * X_m[r, k], the dequantised weights'
/// product without the fp16 copy), X fp16 (wt F16). Errors: cudaErrorInvalidValue for R outside [1, kMatvecRowsMax],
/// K % 8 != 0, another beta, a null pointer or a scale with wt other than F16.
constexpr int kMatvecRowsMax = 8;
struct MatvecRowsArgs {
    int R = 0, N = 0, K = 0, count = 1;
    const void* W = nullptr;
    const void* X = nullptr;
    void* Y = nullptr;
    long long w_stride = 0, x_stride = 0, y_stride = 0;
    bool y_wt = false;
    float beta = 0.0f;
    const float* scale = nullptr;  // v81: non-null: W is int8 and row n of W_m is scaled by scale[m*scale_stride + n]
    long long scale_stride = 0;
};
cudaError_t launch_matvec_rows(const MatvecRowsArgs& a, WType wt, cudaStream_t stream);

/// v80b (session 53; matvec_rows_split.cu): the same products as launch_matvec_rows (same arguments, fp16 / fp32
/// weights) with K split over the 8 warps of a CTA that owns 4 output rows — every weight of a K = 4,096 row in flight
/// at once; the warps' partial sums added in a fixed order (deterministic; another summation order than v80's and
/// cuBLAS's). K must be a multiple of kMatvecSplitK. Errors: as launch_matvec_rows, and K % kMatvecSplitK != 0.
constexpr int kMatvecSplitK = 256;
cudaError_t launch_matvec_rows_split(const MatvecRowsArgs& a, WType wt, cudaStream_t stream);

/// v82 (session 55; matvec_rows_mma.cu): the same products as launch_matvec_rows_split on the tensor cores — mma.sync
/// m16n8k16 with 16 output rows as M and the R <= 8 rows as N, fp16 weights or int8 ones with `scale` (converted to
/// fp16 exactly), X fp16, fp32 accumulation; a CTA of 8 warps owns 16 output rows with K split over its warps, their
/// sums added in a fixed order (deterministic; another summation order than v80b's and cuBLAS's). wt must be F16
/// (fp32 weights: launch_matvec_rows_split). Errors: as launch_matvec_rows_split, and wt other than F16.
cudaError_t launch_matvec_rows_mma(const MatvecRowsArgs& a, WType wt, cudaStream_t stream);
/// v82's narrowest output it takes in GemmRunner: below it (the LoRA down products, N = 96-480) 16-row CTAs would
/// leave most SMs idle, and those products stay with v80b / cuBLAS.
constexpr int kMatvecMmaMinN = 512;

/// v86 (session 57; matvec_rows_mma.cu): the LoRA projections of a 2-8-row decode step (RWKV-7 spec §3.4.5-7: decay w,
/// in-context rate a, value residual v, gate g) at their own widths on the tensor cores, in two launches a layer —
/// v51 padded all four to the widest D (2.3 x the bytes at 7.2B) in three, v19 ran five. Job j (at most 4):
///   down: h_j[r, d] = act_j(sum_c x_j[r, c] · down_j[d, c])   down_j [D_j, C], x_j [R, C], h_j [R, D_j]: fp16
///   up:   y_j[r, c] = sum_d h_j[r, d] · up_j[c, d]            up_j [C, D_j] fp16; y_j [R, C] fp16 (y_f16) or fp32
/// act_j is kActNone, kActTanh or kActSigmoid (launch_act_rows's, then rounded to fp16 as that kernel's fp16 output).
/// mma.sync m16n8k16 with 16 outputs as M and the rows as N, fp32 accumulation, the down's warps' sums added in a
/// fixed order: deterministic, another summation order than cuBLAS's and v80b's. sm_80 and later. Errors:
/// cudaErrorInvalidValue for R outside [1, kMatvecRowsMax], n_jobs outside [1, 4], C not a multiple of 64, a D_j not a
/// multiple of kLoraRowsDStep or a null pointer.
constexpr int kLoraRowsDStep = 32;
struct LoraRowsJob {
    const void* down = nullptr;
    const void* up = nullptr;
    const void* x = nullptr;
    void* h = nullptr;
    void* y = nullptr;
    int D = 0;
    int act = 0;  // RowsAct (below)
};
struct LoraRowsArgs {
    LoraRowsJob job[4];
    int n_jobs = 0;
    int R = 0, C = 0;
    bool y_f16 = false;
};
cudaError_t launch_lora_down_rows(const LoraRowsArgs& a, cudaStream_t stream);
cudaError_t launch_lora_up_rows(const LoraRowsArgs& a, cudaStream_t stream);

// ---- rows.cu / wkv7_rows.cu: the sequence ("rows") path — chunked prefill and batched decode ------------
// R = S x T rows: S sequences of T consecutive tokens each, row r = s*T + t (prefill: S = 1; batched decode:
// T = 1). Activations are [R, C] row-major; the inputs of the GEMMs are AT = the weight type (fp16 or fp32),
// everything else fp32. Each sequence's state (spec §5 layout) is reached through states[s] (a device array
// of S pointers), so states stay separate allocations (no gather/scatter).
struct RowsGeom {
    int S = 0, T = 0, C = 0;
    float* const* states = nullptr;  // [S] device pointers
};

/// Per selected row: (mode kLnFromEmbedding: x[r] = LN0(emb[tokens[r]]), written to x) then
/// z = LN(x[r]; ln_w, ln_b) written to zf (fp32, may be null) and/or zh (AT, may be null). With `last_only`
/// the CTAs cover only the last row of each sequence and write zf/zh compactly ([S, C]). With
/// shift_offset >= 0 the first row of each sequence copies the token-shift state at that float offset into
/// prev0[s] (read later by launch_mix_rows, which overwrites the state).
struct LnRowsArgs {
    RowsGeom g;
    int mode = kLnPlain;
    bool last_only = false;
    float* x = nullptr;
    const std::int32_t* tokens = nullptr;  // [R] (embedding mode)
    const void* emb = nullptr;
    const float *ln0_w = nullptr, *ln0_b = nullptr, *ln_w = nullptr, *ln_b = nullptr;
    float* zf = nullptr;
    void* zh = nullptr;
    std::int64_t shift_offset = -1;
    float* prev0 = nullptr;  // [S, C]
};
cudaError_t launch_ln_rows(const LnRowsArgs& a, WType wt, cudaStream_t stream);

/// Token-shift mixes: out[m][r] = z[r] + (prev - z[r]) * mix[m] (AT), prev = z[r-1] inside a sequence and
/// prev0[s] for its first row; the last row of each sequence stores z into the state at shift_offset.
struct MixRowsArgs {
    RowsGeom g;
    const float* z = nullptr;      // [R, C]
    const float* prev0 = nullptr;  // [S, C]
    const float* mix = nullptr;    // [n_mix, C]
    int n_mix = 1;
    int slot[6] = {0, 1, 2, 3, 4, 5};  // mix m is written to out slot slot[m]
    std::int64_t shift_offset = 0;
    void* out = nullptr;           // [n_mix, R, C] AT
};
cudaError_t launch_mix_rows(const MixRowsArgs& a, WType wt, cudaStream_t stream);

/// v16 LayerNorm + token-shift mixes of the rows path in one kernel (replaces launch_ln_rows + launch_mix_rows
/// for every row; C % 4 == 0, C <= 8192): one CTA per row r = s*T + t, x in registers. mode kLnFromEmbedding:
/// x[r] = LN0(emb[tokens[r]]) (written to x). z = LN(x[r]; ln_w, ln_b); prev = LN(x[r-1]) recomputed for t > 0,
/// the token-shift state at shift_offset for t == 0; out[slot[m]][r] = z + (prev - z) * mix[m] (AT). The CTA of
/// t == 0 also computes z of the sequence's last row and stores it into the state (after reading it).
struct LnMixRowsArgs {
    RowsGeom g;
    int mode = kLnPlain;
    float* x = nullptr;
    const std::int32_t* tokens = nullptr;  // [R] (embedding mode)
    const void* emb = nullptr;
    const float *ln0_w = nullptr, *ln0_b = nullptr, *ln_w = nullptr, *ln_b = nullptr;
    const float* mix = nullptr;  // [n_mix, C]
    int n_mix = 1;
    int slot[6] = {0, 1, 2, 3, 4, 5};
    std::int64_t shift_offset = 0;
    void* out = nullptr;  // [n_mix, R, C] AT
    // split-K partial sums of the GEMM that last wrote x (batched decode, plain mode): x += Σ parts[j] (fp32
    // [n_parts, R, C], j ascending, `part_stride` floats apart) before the LayerNorm, and x is written back
    const float* x_parts = nullptr;
    int n_parts = 0;
    std::int64_t part_stride = 0;
};
cudaError_t launch_ln_mix_rows(const LnMixRowsArgs& a, WType wt, cudaStream_t stream);
/// v16h (process-wide, default on; off = 256 threads): batched-decode rows (T = 1) of C > 2048 run with 512 threads
/// per CTA (2 float4 each at C = 4096; H200 7.2B B=256 13.46 -> 13.14 ms per step). Prefill keeps 256 (not timed).
void set_ln_mix_rows_512(bool on);
/// v53 (process-wide; env RWKV_CUDA_LN_V53, default 2): the fp16 batched-decode LayerNorm + mixes with 1 or 6 mixes
/// as ln_mix_dec_kernel — 1: a thread's constants (LayerNorm weight, bias, mixes) all loaded before its stores, through
/// the read-only path; 2 (any other value): as 1, and the one-mix form (ln_mix 2) loads them before the statistics;
/// 0: the v43L kernel. Bit-identical to 0 (same arithmetic). H200, two ln_mix stages alone in the graph: 1.5B B=256
/// 0.320 -> 0.204 ms, 7.2B B=256 0.531 -> 0.424, B=1024 1.749 -> 1.566 (docs/perf/cuda-rows.md v53).
void set_ln_mix_v53(int mode);

/// Element-wise activation + conversion to AT for up to 4 arrays (LoRA hidden vectors): out = act(in).
enum RowsAct : int { kActNone = 0, kActTanh = 1, kActSigmoid = 2 };
struct ActJob {
    const float* in = nullptr;
    void* out = nullptr;
    std::int64_t n = 0;
    int act = kActNone;
};
struct ActBatch {
    ActJob job[4];
    int n = 0;
};
cudaError_t launch_act_rows(const ActBatch& b, WType wt, cudaStream_t stream);

/// In place on AT values: h = max(h, 0)^2; adds the number of non-zero results to *active (may be null).
cudaError_t launch_relu2_rows(void* h, std::int64_t n, unsigned long long* active, WType wt, cudaStream_t stream);
/// v16d A/B knob (process-wide, default on): fp16 relu² with 16-byte accesses (off: the v1 element loop).
void set_relu2_h8(bool on);

/// Per row and head (spec §3.4.5-10): decay, in-context rate, removal key, key modulation and value residual
/// from the projections and the raw LoRA up-projection outputs; packs per (row, head) the six 64-vectors the
/// scan needs: P[r][h][0..5][64] = decay, -kk, kk*alpha, k (modulated), r, v (after the value residual).
/// Layer 0 writes v_first[r]; later layers read it.
struct WkvPrepArgs {
    int R = 0, C = 0, layer = 0;
    const float *r = nullptr, *k = nullptr, *v = nullptr;      // [R, C]
    const float *dw = nullptr, *da = nullptr, *dv = nullptr;   // [R, C] LoRA up outputs (dv unused at layer 0)
    const float *w0 = nullptr, *a0 = nullptr, *v0 = nullptr, *k_k = nullptr, *k_a = nullptr;
    float* v_first = nullptr;  // [R, C]
    float* P = nullptr;        // [R, H, 6, 64]
};
cudaError_t launch_wkv_prep(const WkvPrepArgs& a, cudaStream_t stream);

/// The WKV-7 recurrence (spec §3.4.11) over the T tokens of every sequence, in order, from and back into the
/// fp32 state at wkv_offset: y[r] = S_t r_t (raw, before GroupNorm). Grid: 2 CTAs per head per sequence,
/// 4 threads per state row (16 columns each); the packed step inputs are staged through shared memory with
/// cp.async, 8 steps per stage, double-buffered.
struct WkvScanArgs {
    RowsGeom g;
    std::int64_t wkv_offset = 0;
    const float* P = nullptr;  // [R, H, 6, 64]
    float* y = nullptr;        // [R, C]
};
cudaError_t launch_wkv_scan(const WkvScanArgs& a, cudaStream_t stream);
/// v16 A/B knob (process-wide, default on): T = 1 scans (batched decode) stage one step (3 KB of shared memory).
void set_wkv_scan_t1(bool on);

/// Batched decode (T = 1): wkv prep + scan + post in one kernel, one CTA of 256 threads per head and group of 2 (fp32
/// state) or 4 (fp16 state) sequences (v20: 4 threads per state row, 2 or 4 rows per thread; fp16: v24, the state
/// staged in shared memory by cp.async). The CTA loads its state rows first, computes the six packed 64-vectors of
/// launch_wkv_prep into shared memory, runs the step of launch_wkv_scan, writes the state back and applies
/// launch_wkv_post's GroupNorm + bonus + gate to its outputs.
/// Same arithmetic as the three kernels.
struct WkvDecodeRowsArgs {
    RowsGeom g;  // T must be 1
    int layer = 0;
    std::int64_t wkv_offset = 0;
    const void *r = nullptr, *k = nullptr, *v = nullptr;                    // [S, C] fp32, or fp16 when in16
    const void *dw = nullptr, *da = nullptr, *dv = nullptr, *dg = nullptr;  // [S, C] LoRA up outputs, as r
    const float *w0 = nullptr, *a0 = nullptr, *v0 = nullptr, *k_k = nullptr, *k_a = nullptr;
    const float *r_k = nullptr, *lnx_w = nullptr, *lnx_b = nullptr;
    void* v_first = nullptr;   // [S, C] as r (written at layer 0, read after)
    void* out = nullptr;       // [S, C] AT
    /// v40: r, k, v, dw, da, dv, dg and v_first are fp16 (the GEMMs before write fp16), not fp32.
    int in16 = 0;
    /// v18 fp16-state mode (states16 non-null): the WKV state is read from and written back to
    /// states16[s] + wkv16_offset (fp16 bits, [H, 64, 64] row-major per layer) instead of the fp32 state at
    /// states[s] + wkv_offset; the arithmetic stays fp32 (the state is rounded to fp16 once per step, on store).
    std::uint16_t* const* states16 = nullptr;
    std::int64_t wkv16_offset = 0;
};
cudaError_t launch_wkv_decode_rows(const WkvDecodeRowsArgs& a, WType wt, cudaStream_t stream);
/// v48 knob (process-wide; default from env RWKV_CUDA_WKV_SEQS, else 0): sequences per CTA of the fp16-state,
/// fp16-input decode step (v42 form): 4 (256 threads, 3 CTAs per SM), 2 (128 threads, 6 per SM) or 1 (64, 12); 0 (or
/// any other value) = by batch, 2 up to 512 sequences and 4 above (H200 7.2B WKV step alone, 2/CTA against 4: B=64
/// -1.8 %, B=256 -2.0 %, B=512 -2.7 %, B=1024 +0.4 %). Same per-thread work, arithmetic and order: bit-identical.
void set_wkv_decode_seqs(int n);
/// v60 / v72 / v75 knob (process-wide; default from env RWKV_CUDA_WKV_V60, else 19): the fp16-state, fp16-input decode
/// step with one warp per (sequence, head), no CTA-wide barrier: n = 1, 2 or 4 = v60 with n sequences per CTA; n = 6 =
/// v72 (4 per CTA, each 8 KB state block moved by the sm_90 bulk-copy engine); n = 19 = v75 (v72 with the 128-byte input
/// rows by bulk copies too and the head sums by transposed butterflies); v60 runs instead of 6 / 19 where the kernel was
/// not built for sm_90; 0 (or any other value) = the v42 / v48 kernel. Same arithmetic and order as v42: bit-identical.
/// H200 WKV step alone: v60 against v42 1.5B B=256 -2.1 %, 7.2B B=1024 -2 to -7 %; v72 against v60 7.2B B=256 -0.7 % and
/// -5 % joules, B=1024 -4 %; v75 against v72 B=256 -3.4 %, B=1024 -1.6 to -4.3 % (docs/perf/cuda-rows.md v60, v72, v75).
/// n = 5 / 9: the memory path alone of v60 / v72; 16 / 18: v72's / v75's inputs, prep and post alone (bench probes:
/// the state is left unchanged and y = 0; not a model).
void set_wkv_decode_v60(int n);

/// Per row and head (spec §3.4.12-13): out = (GroupNorm(y) + (sum r*k*r_k) * v) * g, written as AT.
struct WkvPostArgs {
    int R = 0, C = 0;
    const float* y = nullptr;   // [R, C]
    const float* P = nullptr;   // [R, H, 6, 64]
    const float* g = nullptr;   // [R, C] (g2 output)
    const float *r_k = nullptr, *lnx_w = nullptr, *lnx_b = nullptr;
    void* out = nullptr;        // [R, C] AT
};
cudaError_t launch_wkv_post(const WkvPostArgs& a, WType wt, cudaStream_t stream);

// ---- sample.cu: the next token of each row of logits (batched decode, Model::forward_batch_sample) -------
/// One row's sampling settings (TokenSampling of rwkv/sampler.h) and its uniform number.
struct SampleRow {
    float temperature = 1.0f;  // 0: greedy
    float top_p = 1.0f;        // 0: greedy; >= 1: no nucleus cut
    double u = 0.0;            // in [0, 1): the draw (splitmix64_uniform on the host)
};
/// out[r] = the token picked from logits [rows, V] row r with params[r] (the host's sample_token semantics), or -1
/// when the row holds a NaN or +inf, -2 when every logit is -inf. One CTA of 1024 threads and 200 KB of shared
/// memory per row; cudaErrorInvalidValue for V outside [1, kSampleMaxVocab].
constexpr int kSampleMaxVocab = 1 << 17;
cudaError_t launch_sample_rows(const float* logits, int rows, int V, const SampleRow* params, std::int32_t* out,
                               cudaStream_t stream);
/// v56 knob (process-wide; env RWKV_CUDA_SAMPLE_V56 = 0 / 1, default 1): 1 reads the row in the first pass with
/// 16-byte loads (V a multiple of 4) and the softmax pass's tail (ids past the shared-memory cache) in a loop of its
/// own; 0 is the v38-v55 form. The same ids, bit for bit (H200, the kernel alone on the 7.2B's logits, top-p 0.3:
/// B=256 0.173 -> 0.168 ms, B=1024 0.661 -> 0.632).
void set_sample_rows_v56(int mode);
/// v58 knob (process-wide; env RWKV_CUDA_SAMPLE_V58 = 0 / 1, default 1): 1 runs the nucleus passes and the draw over a list of
/// candidate ids (those whose exp(x - max) reaches 2^-4, 2^-4.5 or 2^-5, marked in the softmax pass) when the list
/// provably holds the nucleus, else the full passes; the cache shrinks to 43,008 values to make room for the list.
/// The same ids, bit for bit (docs/perf/cuda-rows.md v58).
void set_sample_rows_v58(int mode);
/// How many rows so far took v58's list path (the process's launches on the current device; tests and bench).
unsigned long long sample_rows_v58_count();

// ---- gemm_simple.cu: fallback GEMM when cuBLAS is not available (or forced, for tests) --------------------
/// Y[R, N] = beta * Y + X[R, K] * op(W): w_rows_n (W [N, K] row-major, nn.Linear) or else W [K, N]
/// row-major. X and W are WType; Y is fp32, or WType when y_wt. fp32 accumulation, plain loops.
cudaError_t launch_gemm_simple(int R, int N, int K, const void* W, bool w_rows_n, const void* X, void* Y,
                               bool y_wt, float beta, WType wt, cudaStream_t stream);

// ---- convert.cu: load-time conversions and random fills -------------------------------------------------
/// dst[i] = src[i] (fp32 -> WType); with transpose, src is [rows, cols] and dst [cols, rows].
cudaError_t launch_convert(const float* src, void* dst, WType wt, std::int64_t rows, std::int64_t cols,
                           bool transpose, cudaStream_t stream);
/// Per-row symmetric int8 quantisation: with transpose, src is [rows, cols] and the quantised matrix is its
/// transpose [cols, rows] (the FFN value matrix); for each output row r: scale[r] = max|row| / 127 (1 for an
/// all-zero row) and dst[r, c] = round(row[c] / scale[r]) in [-127, 127].
cudaError_t launch_quantize_rows(const float* src, std::int8_t* dst, float* scale, std::int64_t rows,
                                 std::int64_t cols, bool transpose, cudaStream_t stream);
/// dst[r, c] = fp16(q[r, c] * scale[r]) for an int8 matrix [rows, cols] (rows path: int8 tiles for cuBLAS).
cudaError_t launch_dequantize_rows(const std::int8_t* q, const float* scale, void* dst, std::int64_t rows,
                                   std::int64_t cols, cudaStream_t stream);
/// v18 fp16-state mode: the WKV parts of one spec §5 state (n_layer layers of state_floats_per_layer = 2C + 64C
/// floats; the WKV matrix of layer l at l * (66C) + C) to / from an fp16 copy [n_layer, C/64, 64, 64] (fp16 bits).
/// to_f16 rounds to nearest (values beyond the fp16 range become inf); to_f32 is exact.
cudaError_t launch_state_wkv_to_f16(const float* state, std::uint16_t* wkv16, int n_layer, int C, cudaStream_t stream);
cudaError_t launch_state_wkv_to_f32(const std::uint16_t* wkv16, float* state, int n_layer, int C, cudaStream_t stream);
/// dst[i] = offset + scale * u(seed, i), u uniform in [-1, 1) from a counter hash (bench weights).
cudaError_t launch_fill_random(void* dst, WType wt, std::int64_t n, std::uint64_t seed, float scale,
                               float offset, cudaStream_t stream);

}  // namespace rwkv::cuda_kernels
