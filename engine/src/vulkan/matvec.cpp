// Host side of kernels/vulkan/matvec.comp: one dispatch per row piece; 64 threads per row on GPUs, one thread per
// row on CPU drivers (lavapipe runs barrier-free workgroups many times faster).
#include "ops.h"

#include <algorithm>

namespace rwkv::vk {
namespace {

constexpr std::uint32_t kWorkgroup = 64;

struct Push {
    std::uint32_t rows, cols, in_off, out_off, act_in, act_out, accumulate, grid_x;
};
static_assert(sizeof(Push) == 32, "matvec.comp push constants");

}  // namespace

void record_matvec(Ops& ops, VkCommandBuffer cmd, const Matrix& w, const BufferRange& in, std::uint32_t in_off,
                   const BufferRange& out, std::uint32_t out_off, ActIn act_in, ActOut act_out, bool accumulate) {
    const std::uint32_t tpr = std::min(ops.matvec_tpr(), kWorkgroup);
    const std::uint32_t rows_per_group = kWorkgroup / tpr;
    const Pipeline& p = ops.pipeline(Shader::matvec, 3, sizeof(Push), {kWorkgroup, tpr});
    for (const MatrixPiece& piece : w.pieces) {
        const auto [gx, gy] = grid_2d(ops.caps(), (piece.rows + rows_per_group - 1) / rows_per_group);
        const Push push{piece.rows, w.cols, in_off, out_off + piece.row_begin, std::uint32_t(act_in),
                        std::uint32_t(act_out), accumulate ? 1u : 0u, gx};
        ops.dispatch(cmd, p, {piece.range, in, out}, &push, gx, gy);
    }
}

}  // namespace rwkv::vk
