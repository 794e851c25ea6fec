// Host side of kernels/vulkan/rows_embed.comp: the embedding rows of the rows path, one dispatch per piece.
#include "ops.h"

namespace rwkv::vk {
namespace {

struct Push {
    std::uint32_t C, row_begin, rows, out_off;
};
static_assert(sizeof(Push) == 16, "rows_embed.comp push constants");

}  // namespace

void record_rows_embed(Ops& ops, VkCommandBuffer cmd, const Matrix& emb, const BufferRange& act,
                       std::uint32_t out_off, const RowTables& t, std::uint32_t R) {
    const Pipeline& p = ops.pipeline(Shader::rows_embed, 3, sizeof(Push));
    for (const MatrixPiece& piece : emb.pieces) {
        const Push push{emb.cols, piece.row_begin, piece.rows, out_off};
        ops.dispatch(cmd, p, {piece.range, act, t.io}, &push, (emb.cols + 63) / 64, R);
    }
}

}  // namespace rwkv::vk
