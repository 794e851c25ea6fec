// Host side of kernels/vulkan/embed.comp: the embedding row of the current token, one dispatch per row piece.
#include "ops.h"

namespace rwkv::vk {
namespace {

struct Push {
    std::uint32_t C, row_begin, rows, out_off;
};
static_assert(sizeof(Push) == 16, "embed.comp push constants");

}  // namespace

void record_embed(Ops& ops, VkCommandBuffer cmd, const Matrix& emb, const BufferRange& act, std::uint32_t out_off,
                  const BufferRange& io) {
    const Pipeline& p = ops.pipeline(Shader::embed, 3, sizeof(Push));
    for (const MatrixPiece& piece : emb.pieces) {
        const Push push{emb.cols, piece.row_begin, piece.rows, out_off};
        ops.dispatch(cmd, p, {piece.range, act, io}, &push, (emb.cols + 63) / 64);
    }
}

}  // namespace rwkv::vk
