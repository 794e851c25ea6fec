// The Vulkan backend's ops: one record_* function per shader, implemented next to nothing else in the host file
// of the same stem (kernels/vulkan/matvec.comp <-> engine/src/vulkan/matvec.cpp). Each records dispatches into a
// command buffer; barriers between dependent ops are the caller's (vk_model.cpp). Activations are fp32 in one
// scratch buffer and addressed by float offsets; weights are fp16 matrix pieces; vectors fp32 in `params`.
#pragma once

#include <cstdint>
#include <vector>

#include "vulkan/vk_pipeline.h"

namespace rwkv::vk {

/// Rows [row_begin, row_begin + rows) of an fp16 matrix [rows, cols], bound as one storage range.
struct MatrixPiece {
    BufferRange range;
    std::uint32_t row_begin = 0;
    std::uint32_t rows = 0;
};

/// An fp16 [out, in] row-major matrix, split by rows into pieces that respect maxStorageBufferRange.
struct Matrix {
    std::uint32_t rows = 0, cols = 0;
    std::vector<MatrixPiece> pieces;
};

enum class ActIn : std::uint32_t { None = 0, Tanh = 1, Sigmoid = 2 };
enum class ActOut : std::uint32_t { None = 0, Relu2 = 1 };

/// out[out_off + r] (+)= act_out(sum_c W[r][c] * act_in(in[in_off + c])) for every row r, one dispatch per piece
/// (no barrier between them: they write disjoint rows). `in` and `out` may be the same buffer (disjoint ranges).
void record_matvec(Ops& ops, VkCommandBuffer cmd, const Matrix& w, const BufferRange& in, std::uint32_t in_off,
                   const BufferRange& out, std::uint32_t out_off, ActIn act_in, ActOut act_out, bool accumulate);

/// act[out_off + c] = emb[io.tokens[io.cursor]][c] for c < C (emb [V, C] fp16), one dispatch per piece.
void record_embed(Ops& ops, VkCommandBuffer cmd, const Matrix& emb, const BufferRange& act, std::uint32_t out_off,
                  const BufferRange& io);

/// io.cursor += 1 (end of a token step).
void record_step_end(Ops& ops, VkCommandBuffer cmd, const BufferRange& io);

/// act[out_off + i] = LN(act[in_off ..])[i] * params[w_idx*n + i] + params[b_idx*n + i], i < n. In place allowed.
void record_layer_norm(Ops& ops, VkCommandBuffer cmd, const BufferRange& act, std::uint32_t n, std::uint32_t in_off,
                       std::uint32_t out_off, const BufferRange& params, std::uint32_t w_idx, std::uint32_t b_idx,
                       float eps);

/// LayerNorm + token shift: z = LN(x; params[ln_idx], params[ln_idx+1]); out_m = z + (shift - z) * params[ln_idx+2+m]
/// for m < n_mix at act[out_off + m*C]; shift := z (shift = state[shift_off ..]).
struct TokenMixArgs {
    std::uint32_t C = 0, in_off = 0, out_off = 0, n_mix = 0, ln_idx = 0, shift_off = 0;
    float eps = 1e-5f;
};
void record_token_mix(Ops& ops, VkCommandBuffer cmd, const BufferRange& act, const BufferRange& params,
                      const BufferRange& state, const TokenMixArgs& a);

/// The per-head part of the time mix (wkv7.comp): decay, rate, kk, k modulation, value residual, WKV-7 update,
/// GroupNorm, bonus, gate. Offsets are floats in act / params index / state.
struct Wkv7Args {
    std::uint32_t C = 0, H = 0, p_base = 0, wkv_off = 0, first_layer = 0;
    std::uint32_t r_off = 0, k_off = 0, v_off = 0, tw_off = 0, ta_off = 0, g_off = 0, tv_off = 0;
    std::uint32_t vfirst_off = 0, y_off = 0;
    float gn_eps = 64e-5f;
};
void record_wkv7(Ops& ops, VkCommandBuffer cmd, const BufferRange& act, const BufferRange& params,
                 const BufferRange& state, const Wkv7Args& a);

}  // namespace rwkv::vk
