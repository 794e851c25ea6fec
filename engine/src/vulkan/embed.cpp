// Host side of kernels/vulkan/embed.comp (the embedding row of the current token) and of rows_embed.comp's dispatches
// (rows_embed.cpp): one dispatch per row piece of the embedding matrix.
#include "ops.h"

namespace rwkv::vk {
namespace {

struct Push {
    std::uint32_t C, row_begin, rows, out_off;
};
static_assert(sizeof(Push) == 16, "embed.comp / rows_embed.comp push constants");

}  // namespace

void record_embed_pieces(Ops& ops, VkCommandBuffer cmd, Shader shader, const Matrix& emb, const BufferRange& act,
                         std::uint32_t out_off, const BufferRange& io, std::uint32_t groups_y) {
    const Pipeline& p = ops.pipeline(shader, 3, sizeof(Push));
    for (const MatrixPiece& piece : emb.pieces) {
        const Push push{emb.cols, piece.row_begin, piece.rows, out_off};
        ops.dispatch(cmd, p, {piece.range, act, io}, &push, (emb.cols + 63) / 64, groups_y);
    }
}

void record_embed(Ops& ops, VkCommandBuffer cmd, const Matrix& emb, const BufferRange& act, std::uint32_t out_off,
                  const BufferRange& io) {
    record_embed_pieces(ops, cmd, Shader::embed, emb, act, out_off, io, 1);
}

}  // namespace rwkv::vk
