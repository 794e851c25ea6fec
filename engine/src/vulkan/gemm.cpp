// Host side of kernels/vulkan/gemm.glsl (gemm.comp; int8 matrices gemm_i8[_s8].comp; the rows path's projections):
// one dispatch per matrix piece, grid (ceil(N / 64), ceil(M / 64)).
#include "ops.h"

#include "rwkv/error.h"

namespace rwkv::vk {
namespace {

constexpr std::uint32_t kTile = 64;

struct Push {
    std::uint32_t M, N, K, x_off, x_stride, k_base, y_off, y_stride, act, accumulate, part_off, chain, scale_off;
};
static_assert(sizeof(Push) == 52, "gemm.glsl push constants");

}  // namespace

std::size_t record_gemm(Ops& ops, VkCommandBuffer cmd, const Matrix& w, bool transposed, std::uint32_t M,
                        const BufferRange& x, std::uint32_t x_off, std::uint32_t x_stride, const BufferRange& y,
                        std::uint32_t y_off, std::uint32_t y_stride, GemmAct act, bool accumulate,
                        const BufferRange* part, std::uint32_t part_off) {
    const Shader shader = !w.i8 ? Shader::gemm : ops.kernels().i8_storage ? Shader::gemm_i8_s8 : Shader::gemm_i8;
    const Pipeline& p = ops.pipeline(shader, w.i8 ? 5 : 4, sizeof(Push), {transposed ? 1u : 0u});
    const std::size_t n = w.pieces.size();
    if (transposed && n > 1 && !part) throw Error(ErrorCode::Internal, "gemm: a split transposed matrix needs `part`");
    const BufferRange& pr = part ? *part : y;  // unused binding when nothing is chained
    const std::uint32_t gy = (M + kTile - 1) / kTile;
    if (gy > ops.caps().max_group_count_x) throw Error(ErrorCode::Internal, "gemm: too many rows");
    auto bindings = [&](const MatrixPiece& piece) {
        std::vector<BufferRange> b = {piece.range, x, y, pr};
        if (w.i8) b.push_back(w.scales);
        return b;
    };
    std::size_t barriers = 0;
    for (std::size_t i = 0; i < w.pieces.size(); ++i) {
        const MatrixPiece& piece = w.pieces[i];
        if (transposed) {
            if (i > 0) {
                compute_barrier(cmd);
                ++barriers;
            }
            const std::uint32_t chain = (i > 0 ? 1u : 0u) | (i + 1 < n ? 2u : 0u);
            const Push push{M,       w.cols, piece.rows, x_off, x_stride, piece.row_begin, y_off, y_stride,
                            std::uint32_t(act), accumulate ? 1u : 0u, part_off, chain, w.scale_off + piece.row_begin};
            ops.dispatch(cmd, p, bindings(piece), &push, (w.cols + kTile - 1) / kTile, gy);
        } else {
            const Push push{M, piece.rows, w.cols, x_off, x_stride, 0, y_off + piece.row_begin, y_stride,
                            std::uint32_t(act), accumulate ? 1u : 0u, 0, 0, w.scale_off + piece.row_begin};
            ops.dispatch(cmd, p, bindings(piece), &push, (piece.rows + kTile - 1) / kTile, gy);
        }
    }
    return barriers;
}

}  // namespace rwkv::vk
