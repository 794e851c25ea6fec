// Host side of kernels/vulkan/dequant_i8.glsl (dequant_i8.comp, dequant_i8_s8.comp): an int8 matrix into an fp16
// copy for the rows path's GEMMs, one dispatch per overlap of a source and a destination piece.
#include "ops.h"

#include <algorithm>

#include "rwkv/error.h"

namespace rwkv::vk {
namespace {

struct Push {
    std::uint32_t rows, words, src_row, dst_row, scale_off, grid_x;
};
static_assert(sizeof(Push) == 24, "dequant_i8.glsl push constants");

}  // namespace

void record_dequant_i8(Ops& ops, VkCommandBuffer cmd, const Matrix& src, const Matrix& dst) {
    if (!src.i8 || dst.i8 || src.rows != dst.rows || src.cols != dst.cols || src.cols % 4 != 0)
        throw Error(ErrorCode::Internal, "dequant_i8: an int8 source and an fp16 copy of its shape");
    const Pipeline& p = ops.pipeline(ops.kernels().i8_storage ? Shader::dequant_i8_s8 : Shader::dequant_i8, 3,
                                     sizeof(Push));
    const std::uint32_t words = src.cols / 4;
    for (const MatrixPiece& s : src.pieces) {
        for (const MatrixPiece& d : dst.pieces) {
            const std::uint32_t r0 = std::max(s.row_begin, d.row_begin);
            const std::uint32_t r1 = std::min(s.row_begin + s.rows, d.row_begin + d.rows);
            if (r1 <= r0) continue;
            const std::uint64_t groups = (std::uint64_t(r1 - r0) * words + 255) / 256;
            const auto [gx, gy] = grid_2d(ops.caps(), std::uint32_t(groups));
            const Push push{r1 - r0, words, r0 - s.row_begin, r0 - d.row_begin, src.scale_off + r0, gx};
            ops.dispatch(cmd, p, {s.range, d.range, src.scales}, &push, gx, gy);
        }
    }
}

}  // namespace rwkv::vk
