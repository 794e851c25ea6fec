// Host side of kernels/vulkan/rows_embed.comp: the embedding rows of the rows path, one dispatch per piece (embed.cpp's
// record_embed_pieces).
#include "ops.h"

namespace rwkv::vk {

void record_rows_embed(Ops& ops, VkCommandBuffer cmd, const Matrix& emb, const BufferRange& act,
                       std::uint32_t out_off, const RowTables& t, std::uint32_t R) {
    record_embed_pieces(ops, cmd, Shader::rows_embed, emb, act, out_off, t.io, R);
}

}  // namespace rwkv::vk
