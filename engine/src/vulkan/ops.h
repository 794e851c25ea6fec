// The Vulkan backend's ops: one record_* function per shader, implemented next to nothing else in the host file
// of the same stem (kernels/vulkan/matvec.comp <-> engine/src/vulkan/matvec.cpp). Each records dispatches into a
// command buffer; barriers between dependent ops are the caller's (vk_model.cpp). Activations are fp32 in one
// scratch buffer and addressed by float offsets; weights are fp16 matrix pieces; vectors fp32 in `params`.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "vulkan/vk_pipeline.h"

namespace rwkv::vk {

/// Rows [row_begin, row_begin + rows) of a matrix [rows, cols], bound as one storage range.
struct MatrixPiece {
    BufferRange range;
    std::uint32_t row_begin = 0;
    std::uint32_t rows = 0;
};

/// An [out, in] row-major matrix, split by rows into pieces that respect maxStorageBufferRange: fp16, or (int8
/// models: `i8`) int8 with one fp32 scale per stored row (row r of the matrix is scales[scale_off + r] * q[r]).
struct Matrix {
    std::uint32_t rows = 0, cols = 0;
    std::vector<MatrixPiece> pieces;
    bool i8 = false;
    BufferRange scales;           // i8: the weights' scales buffer (fp32), bound whole
    std::uint32_t scale_off = 0;  // i8: floats
    std::uint32_t elem_bytes() const noexcept { return i8 ? 1u : 2u; }
    std::uint64_t bytes() const noexcept { return std::uint64_t(rows) * cols * elem_bytes(); }
};

enum class ActIn : std::uint32_t { None = 0, Tanh = 1, Sigmoid = 2 };
enum class ActOut : std::uint32_t { None = 0, Relu2 = 1 };

/// The FFN key's bitmask of non-zero outputs (ffn_value.comp reads it): bit (row) of mask[off ..].
struct MaskArgs {
    BufferRange mask;
    std::uint32_t off = 0;  // words
    bool all = false;       // set every bit (the dense FFN, for measurements)
};

/// out[out_off + r] (+)= act_out(sum_c W[r][c] * act_in(in[in_off + c])) for every row r, one dispatch per piece
/// (no barrier between them: they write disjoint rows). `in` and `out` may be the same buffer (disjoint ranges).
/// The kernel is Ops::kernels().matvec (matvec.comp per row, matvec_wide[_sg].comp); act_in needs PerRow. An int8
/// matrix (act_in None only) runs matvec_i8[_s8].comp (per row, Ops::kernels().matvec_tpr threads per row) or
/// matvec_wide_i8[_sg][_s8].comp (Kernels::i8_dot: matvec_wide_i8_dot[_sg].comp).
/// `in_off` must be a multiple of 4. With `mask`, non-zero rows set their bit. `xq_off` (not kNoXq): x's 16-column
/// chunks also stored quantized at in[xq_off ..] (token_mix_xq / wkv7_xq, Kernels::i8_xq), which the int8 dot matvec
/// (matvec_wide_i8_dot_xq[_sg].comp) then reads instead of x, where it runs with 16-column chunks; else ignored.
constexpr std::uint32_t kNoXq = ~0u;
void record_matvec(Ops& ops, VkCommandBuffer cmd, const Matrix& w, const BufferRange& in, std::uint32_t in_off,
                   const BufferRange& out, std::uint32_t out_off, ActIn act_in, ActOut act_out, bool accumulate,
                   const MaskArgs* mask = nullptr, std::uint32_t xq_off = kNoXq);

/// Reads bytes [begin, end) of the concatenation of `mats` (each matrix's pieces in row order) and discards them
/// (prefetch.comp), so that they are in the L2 cache for the matvec that streams them next; one dispatch per piece
/// the window touches, at most 256 workgroups each (16 KB in flight per workgroup). Recorded beside a
/// latency-bound stage without a barrier between them. `sink` is bound as a never-written output.
void record_prefetch(Ops& ops, VkCommandBuffer cmd, std::span<const Matrix* const> mats, std::uint64_t begin,
                     std::uint64_t end, const BufferRange& sink);

/// The dispatches of record_embed and record_rows_embed: `shader` (Shader::embed or Shader::rows_embed, the same
/// push constants {C, row_begin, rows, out_off}) once per row piece of emb, grid ((C + 63) / 64, groups_y); `io` is
/// the shader's uint table (the token step's io, or RowTables::io).
void record_embed_pieces(Ops& ops, VkCommandBuffer cmd, Shader shader, const Matrix& emb, const BufferRange& act,
                         std::uint32_t out_off, const BufferRange& io, std::uint32_t groups_y);
/// act[out_off + c] = emb[io.tokens[io.cursor]][c] for c < C (emb [V, C] fp16), one dispatch per piece.
void record_embed(Ops& ops, VkCommandBuffer cmd, const Matrix& emb, const BufferRange& act, std::uint32_t out_off,
                  const BufferRange& io);

/// Whether record_copy_state can copy `blocks` blocks of `block_bytes` (all sizes and strides multiples of 16 bytes,
/// both spans within maxStorageBufferRange).
bool can_copy_state(const Caps& caps, std::uint64_t block_bytes, std::uint64_t src_stride, std::uint64_t dst_stride,
                    std::uint32_t blocks);
/// dst[l * dst_stride + i] = src[l * src_stride + i] for bytes i < block_bytes, blocks l < `blocks` (copy_state.comp,
/// one dispatch); byte strides from the start of each range. Check can_copy_state first.
void record_copy_state(Ops& ops, VkCommandBuffer cmd, const BufferRange& src, const BufferRange& dst,
                       std::uint64_t block_bytes, std::uint64_t src_stride, std::uint64_t dst_stride,
                       std::uint32_t blocks);
/// Creates copy_state.comp's pipeline now (at load), not in the first forward (up to ~25 ms on the H200).
void prepare_copy_state(Ops& ops);

/// io.cursor += 1 (end of a token step).
void record_step_end(Ops& ops, VkCommandBuffer cmd, const BufferRange& io);

/// LayerNorm + token shift: z = LN(x; params[ln_idx], params[ln_idx+1]); out_m = z + (shift - z) * params[ln_idx+2+m]
/// for m < n_mix at act[out_off + m*C]; shift := z (shift = state[shift_off ..]); zeroes mask_words words of
/// `mask` from mask_off. Spread over Ops::kernels().token_mix_slice columns per workgroup. xq_mask != 0
/// (token_mix_xq[_sg].comp; C and the slice multiples of 16): out_m for each bit m also quantized per 16 columns
/// for the int8 dot matvec at act[xq_off + m * xq_floats(C) ..] (record_matvec's xq_off).
struct TokenMixArgs {
    std::uint32_t C = 0, in_off = 0, out_off = 0, n_mix = 0, ln_idx = 0, shift_off = 0;
    float eps = 1e-5f;
    BufferRange mask;
    std::uint32_t mask_off = 0, mask_words = 0;
    std::uint32_t xq_off = 0, xq_mask = 0;
};
/// Floats of one x of C columns quantized per 16 columns (i8_xquant.glsl: 3 uvec4 a chunk).
constexpr std::uint32_t xq_floats(std::uint32_t C) { return (C + 15) / 16 * 12; }
void record_token_mix(Ops& ops, VkCommandBuffer cmd, const BufferRange& act, const BufferRange& params,
                      const BufferRange& state, const TokenMixArgs& a);

/// The per-head part of the time mix (wkv7.glsl): LoRA up-projections, decay, rate, kk, k modulation, value
/// residual, WKV-7 update, GroupNorm, bonus, gate. Offsets are floats in act / params index / state. The LoRA up
/// matrices must be single pieces (upload_weights keeps them whole); v2 is unused in layer 0.
struct Wkv7Args {
    std::uint32_t C = 0, H = 0, p_base = 0, wkv_off = 0, first_layer = 0;
    std::uint32_t r_off = 0, k_off = 0, v_off = 0, hw_off = 0, ha_off = 0, hg_off = 0, hv_off = 0;
    std::uint32_t vfirst_off = 0, y_off = 0;
    float gn_eps = 64e-5f;
    std::uint32_t xq_off = kNoXq;  // not kNoXq: y also quantized per 16 columns there (wkv7_xq[_sg].comp)
};
struct LoraUp {
    const Matrix* w2 = nullptr;
    const Matrix* a2 = nullptr;
    const Matrix* g2 = nullptr;
    const Matrix* v2 = nullptr;  // null in layer 0
};
/// Largest Dw + Da + Dg + Dv wkv7.glsl takes (MAX_LORA).
constexpr std::uint32_t kMaxLoraSum = 2048;
void record_wkv7(Ops& ops, VkCommandBuffer cmd, const BufferRange& act, const BufferRange& params,
                 const BufferRange& state, const LoraUp& lora, const Wkv7Args& a);

/// Sparse FFN value + residual (ffn_value.comp; int8 vt: ffn_value_i8.comp): act[y_off + c] += sum over set
/// mask bits f of act[h_off + f] * vt[f][c]. `vt` is ffn.value transposed ([F, C]); up to 4 pieces per dispatch, more pieces
/// are chained with barriers. With `count`, the number of set bits is added to counter[1]. `scratch` holds
/// ffn_value_scratch_bytes(C, F) bytes, zero before the first use (the kernel leaves it reusable).
struct FfnValueArgs {
    std::uint32_t C = 0, h_off = 0, y_off = 0, mask_off = 0;
    bool count = true;
};
void record_ffn_value(Ops& ops, VkCommandBuffer cmd, const BufferRange& act, const BufferRange& mask,
                      const BufferRange& counter, const BufferRange& scratch, const Matrix& vt, const FfnValueArgs& a);
/// Bytes of the zero-initialised scratch record_ffn_value needs (tickets and per-partition partial sums).
std::uint64_t ffn_value_scratch_bytes(std::uint32_t C, std::uint32_t F);

/// dst = src for an int8 `src` and an fp16 `dst` of the same shape (any pieces): q * scale rounded to fp16
/// (dequant_i8[_s8].comp), one dispatch per overlap of a source and a destination piece, no barrier. The rows path's
/// GEMMs read the fp16 copy.
void record_dequant_i8(Ops& ops, VkCommandBuffer cmd, const Matrix& src, const Matrix& dst);

// ---- The rows path (vk_rows.cpp): R rows = tokens of S sequences, activations [R, C] fp32 row-major. ----

/// Row tables of the rows path in one uint buffer (kernels/vulkan/rows_common.glsl): token ids [rc], row info
/// [rc], first row [sc] and row count [sc] of each sequence.
struct RowTables {
    BufferRange io;
    std::uint32_t rc = 0, sc = 0;  // capacities (rows, sequences)
    /// Non-zero: the states are each sequence's own buffer, found by device address at io[addr_off + 2 s] (low,
    /// high word; the *_bda shader variants, rows_state.glsl); the `state` range and seq_stride are then unused.
    std::uint32_t addr_off = 0;
};

enum class GemmAct : std::uint32_t { None = 0, Relu2 = 1, Tanh = 2, Sigmoid = 3 };

/// Y[m][y_off + m*y_stride + n] (+)= act(sum_k X[x_off + m*x_stride + k] * W[n][k]) for m < M (gemm.comp, fp32
/// accumulation, 64 x 64 tiles; an int8 W: gemm_i8[_s8].comp, W staged as round_f16(q * scale), the bits of
/// gemm.comp on record_dequant_i8's copy). A matrix stored transposed (`transposed`: w is [K, N], e.g. ffn.value_t) is
/// split along K: its pieces run one after another (a barrier between them) and carry their running sums through
/// `part` ([M, N] floats at part_off; required when there are several pieces), bit-identical to one piece.
/// Returns the barriers recorded.
std::size_t record_gemm(Ops& ops, VkCommandBuffer cmd, const Matrix& w, bool transposed, std::uint32_t M,
                        const BufferRange& x, std::uint32_t x_off, std::uint32_t x_stride, const BufferRange& y,
                        std::uint32_t y_off, std::uint32_t y_stride, GemmAct act, bool accumulate,
                        const BufferRange* part = nullptr, std::uint32_t part_off = 0);

/// Split-K scratch of gemm_coop.comp: partial sums and one ticket per output block (zero before the first use;
/// the shader leaves the tickets at 0). GEMMs between two barriers take disjoint parts: `reset()` after a barrier.
struct CoopScratch {
    BufferRange part;     // floats
    BufferRange tickets;  // uints
    std::uint32_t part_floats = 0, ticket_count = 0;
    std::uint32_t part_used = 0, tickets_used = 0;
    void reset() noexcept { part_used = tickets_used = 0; }
};

/// Whether record_gemm_coop may split K over several workgroups above 64 rows (prefill): the narrow products,
/// N <= 512 output columns (the LoRA downs), when its scratch has room. The x_t / y_t form never splits.
bool gemm_coop_splits_wide(std::uint32_t M, std::uint32_t N);

/// Whether record_gemm_coop can run this product: Ops::kernels().coop_gemm (the device has VK_NV_cooperative_matrix
/// with 16x16x16 fp16 -> fp32), W fp16 (not int8), M >= 16 and M, N, K and the pieces multiples of 16, offsets and strides multiples
/// of 8 floats, a transposed matrix in one piece.
bool gemm_coop_fits(const Ops& ops, const Matrix& w, bool transposed, std::uint32_t M, std::uint32_t x_off,
                    std::uint32_t x_stride, std::uint32_t y_off, std::uint32_t y_stride);

/// record_gemm's product on tensor cores (gemm_coop.comp): X rows converted to fp16 as they are staged, fp16
/// weights, fp32 accumulation, Ops::kernels().coop_bm x coop_bn tiles per workgroup; at M <= 64, K split over
/// several workgroups when there are at most Ops::kernels().coop_split_groups / 2 tiles (uses `sc`; splits summed
/// in order, deterministic). x_fp16 / y_fp16: X is read / Y written as fp16, their offsets and strides in halves
/// (y_fp16: no accumulate; throws ErrorCode::Internal). x_t / y_t (gemm_coop_ht.comp, the prefill's FFN hidden
/// rows): fp16 X read as [K, M] (X[m][k] at x_off + k * x_stride + m) / fp16 Y written as [N, M], with no K splits.
/// Precondition: gemm_coop_fits (with the offsets in floats of the same region).
void record_gemm_coop(Ops& ops, VkCommandBuffer cmd, const Matrix& w, bool transposed, std::uint32_t M,
                      const BufferRange& x, std::uint32_t x_off, std::uint32_t x_stride, const BufferRange& y,
                      std::uint32_t y_off, std::uint32_t y_stride, GemmAct act, bool accumulate, CoopScratch& sc,
                      bool x_fp16 = false, bool y_fp16 = false, bool x_t = false, bool y_t = false);

/// Whether record_gemm_few can run this product: gemm_coop_fits and M is 16, 32 or 64, at most
/// Ops::kernels().few_rows (0: never).
bool gemm_few_fits(const Ops& ops, const Matrix& w, bool transposed, std::uint32_t M, std::uint32_t x_off,
                   std::uint32_t x_stride, std::uint32_t y_off, std::uint32_t y_stride);

/// record_gemm_coop's product for few rows (gemm_few.comp): one workgroup per 128 columns (transposed at M = 64: 64)
/// and ALL M rows, so W is streamed once; 64-deep staging with the next step's loads in flight during the MMAs; K
/// split until about Ops::kernels().few_groups workgroups (uses `sc`; splits summed in order, deterministic).
/// x_fp16 / y_fp16: X is read / Y written as fp16, their offsets and strides in halves (y_fp16: no accumulate).
/// At M = 64 with fp16 X, whole 128-column tiles and 32-wide subgroups it records gemm_few_ws.comp instead (the same
/// product: loader and multiplier subgroups; RWKV_VK_FEW_WS, docs/vulkan.md).
/// Precondition: gemm_few_fits (with the offsets in floats of the same region).
void record_gemm_few(Ops& ops, VkCommandBuffer cmd, const Matrix& w, bool transposed, std::uint32_t M,
                     const BufferRange& x, std::uint32_t x_off, std::uint32_t x_stride, const BufferRange& y,
                     std::uint32_t y_off, std::uint32_t y_stride, GemmAct act, bool accumulate, CoopScratch& sc,
                     bool x_fp16 = false, bool y_fp16 = false);

/// act[out_off + r*C ..] = emb[token r] for every row r < R (rows_embed.comp), one dispatch per piece.
void record_rows_embed(Ops& ops, VkCommandBuffer cmd, const Matrix& emb, const BufferRange& act,
                       std::uint32_t out_off, const RowTables& t, std::uint32_t R);

/// LayerNorm per row (rows_ln.comp; the LayerNorms before token shifts are record_rows_lnmix's). Mode Plain: out row
/// r. Mode LastRow: out row s = LN(x of the last row of sequence s), for s < `groups`. `state` is not used.
enum class RowsLnMode : std::uint32_t { Plain = 1, LastRow = 2 };
struct RowsLnArgs {
    RowsLnMode mode = RowsLnMode::Plain;
    std::uint32_t C = 0, groups = 0, in_off = 0, out_off = 0, ln_idx = 0;
    float eps = 1e-5f;
    std::uint32_t state_base = 0, seq_stride = 0;
};
void record_rows_ln(Ops& ops, VkCommandBuffer cmd, const BufferRange& act, const BufferRange& params,
                    const BufferRange& state, const RowTables& t, const RowsLnArgs& a);

/// LayerNorm + token shift in one stage (rows_lnmix.comp, grid rows x column slices): out_m row r =
/// z_r + (prev - z_r) * mu_m for m < n_mix (mu_m = params row mix_idx + m, z = LN(act row r at in_off; params rows
/// ln_idx, ln_idx + 1)), prev = z of the previous row of the sequence or its shift vector (state[s*seq_stride +
/// state_base ..]) for the first row; the sequence's shift vector becomes z of its last row. Outputs at
/// act[out_off + m*out_stride + r*C]; out_fp16: as fp16, out_off and out_stride in halves (gemm_few's x_fp16).
struct RowsLnMixArgs {
    std::uint32_t C = 0, R = 0, n_mix = 0, in_off = 0, out_off = 0, out_stride = 0, ln_idx = 0, mix_idx = 0;
    float eps = 1e-5f;
    std::uint32_t state_base = 0, seq_stride = 0;
    bool out_fp16 = false;
    std::uint32_t stat_off = ~0u;  // 2 R free floats for rows_lnmix_split's statistics (~0u: none, one pass)
};
void record_rows_lnmix(Ops& ops, VkCommandBuffer cmd, const BufferRange& act, const BufferRange& params,
                       const BufferRange& state, const RowTables& t, const RowsLnMixArgs& a);

/// The WKV-7 time mix of the rows path between the projections and the output projection (spec §3.4.5–3.4.13):
/// by default one pass per (head, sequence) (wkv7_rows[_sg].comp, grid (H, S)); with RWKV_VK_WKV_ROWS=split, prep
/// over (row, head) in place in the k/v/tw/ta/tv blocks, the scan over each sequence's rows (state updated in place),
/// post over (row, head) writing the y block (wkv7_rows_prep/_scan/_post.comp). R = rows (bucket, padding rows
/// skipped), S = sequences; C must be H * 64 (the split path throws ErrorCode::Internal otherwise).
struct Wkv7RowsArgs {
    std::uint32_t C = 0, H = 0, S = 0, R = 0, p_base = 0, first_layer = 0;
    std::uint32_t r_off = 0, k_off = 0, v_off = 0, tw_off = 0, ta_off = 0, tg_off = 0, tv_off = 0;
    std::uint32_t vfirst_off = 0, y_off = 0, state_base = 0, seq_stride = 0;
    float gn_eps = 64e-5f;
    bool y_fp16 = false;  // write y as fp16 rows (stride C halves): the one pass at y_off, the split form at y16_off
    std::uint32_t y16_off = 0;  // floats; a block of >= R * C / 2 floats that no pass reads (split form, y_fp16)
};
/// record_wkv7_rows's answer when y was written as fp32 at a.y_off (a.y_fp16 false).
constexpr std::uint32_t kWkvYFp32 = ~0u;
/// Returns where y was written as fp16 rows (a.y_off for the one pass, a.y16_off for the split form; in floats, the
/// rows at halves 2 * offset + row * C) when a.y_fp16, else kWkvYFp32 (fp32 at a.y_off).
/// `end_pass` (may be empty): called after every pass recorded, with its profile name ("att.wkv_scan" for the one
/// pass; "att.wkv_prep" (not where the `_sg1` scan does prep's work), "att.wkv_scan", "att.wkv_post" for the split
/// form); it must record the barrier that orders the next pass. Empty: barriers between the split form's passes, none
/// after the last.
std::uint32_t record_wkv7_rows(Ops& ops, VkCommandBuffer cmd, const BufferRange& act, const BufferRange& params,
                               const BufferRange& state, const RowTables& t, const Wkv7RowsArgs& a,
                               const std::function<void(const char*)>& end_pass = {});
/// True when record_wkv7_rows records the split form (prep / scan / post) for R rows of S sequences: then only the
/// post pass reads the gate rows (tg_off), so their producer may run beside the scan.
bool wkv7_rows_split_form(std::uint32_t R, std::uint32_t S);

// ---- The device sampler (sample.cpp) -------------------------------------------------------------------------

/// One row's settings for sample.comp (its std430 Row): rwkv::TokenSampling and the row's uniform number u in [0, 1)
/// (splitmix64_uniform on the host, the draw sample_token would make; unused by greedy rows).
struct SampleRow {
    float temperature = 1.0f;  // 0: greedy
    float top_p = 1.0f;        // 0: greedy; >= 1: no nucleus cut
    double u = 0.0;
};
/// Largest vocabulary sample.comp takes (V * 2^46 and V * 2^15 fit its integer sums).
constexpr std::uint32_t kSampleMaxVocab = 1u << 17;
/// sample.comp's workgroup size on this device: 1024 threads, fewer where the device allows fewer (a power of two).
std::uint32_t sample_workgroup_size(const Caps& caps);
/// ids[out_off + r] = the token sample_token (rwkv/sampler.h) picks from logits row r (V floats at
/// logits[x_off + r * V]) with params[r] and its u, or -1 when the row holds a NaN or +inf, -2 when every logit is
/// -inf, for r < rows: one workgroup per row (sample.comp). Greedy ids are the first maximum, exactly; sampled ids
/// equal the host's except where its fp32 running sum puts the nucleus edge elsewhere (within rounding).
/// Throws Error(Internal) without Caps::device_sampling or for V outside [1, kSampleMaxVocab].
/// With `scratch` (rows * V floats) and sample_keeps_exp() 1 (the default), sample_keep_exp.comp: the softmax pass
/// keeps exp(x - max) there and the nucleus passes read it back; 2 sample_keep_exp_draw.comp: the draw's sums at T = 1
/// too; without `scratch` or with 0, sample.comp. The same ids bit for bit (vulkan-batched.md v26).
void record_sample(Ops& ops, VkCommandBuffer cmd, const BufferRange& logits, std::uint32_t x_off, std::uint32_t V,
                   std::uint32_t rows, const BufferRange& params, const BufferRange& ids, std::uint32_t out_off,
                   const BufferRange* scratch = nullptr);
/// RWKV_VK_SAMPLE_EXP now (read at recording time): 0 (sample.comp) or 2 when set so, else 1 (the default).
int sample_keeps_exp();

}  // namespace rwkv::vk
