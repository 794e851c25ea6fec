// Host side of kernels/vulkan/matvec.comp (one row per TPR threads; CPU drivers use TPR = 1: lavapipe runs
// barrier-free workgroups many times faster) and matvec_wide[_sg].comp (ROWS rows per workgroup of 64-256 threads,
// the columns split over all threads, 16-byte weight loads; GPUs: 2 rows, 128 threads, 4 column chunks per thread
// at once); int8 matrices matvec_i8[_s8].comp (per row) or matvec_wide_i8[_sg][_s8].comp (16 int8 columns per
// 16-byte load; Kernels::i8_dot: matvec_wide_i8_dot[_sg].comp, integer dot products on uint words, their own rows per
// workgroup; with x quantized beforehand, matvec_wide_i8_dot_xq[_sg].comp). One dispatch per row piece.
#include "ops.h"

#include <algorithm>

#include "rwkv/error.h"

namespace rwkv::vk {
namespace {

constexpr std::uint32_t kPerRowWorkgroup = 64;

struct Push {
    std::uint32_t rows, cols, in_off, out_off, act_in, act_out, accumulate, grid_x, mask_off, mask_mode, row_base;
};
static_assert(sizeof(Push) == 44, "matvec.comp push constants");

struct I8Push {
    std::uint32_t rows, cols, in_off, out_off, act_out, accumulate, grid_x, mask_off, mask_mode, row_base, scale_off;
};
static_assert(sizeof(I8Push) == 44, "matvec_i8.glsl push constants");

struct WidePush {
    std::uint32_t rows, cols, in_off, out_off, act_out, accumulate, grid_x, mask_off, mask_mode, row_base, scale_off;
};
static_assert(sizeof(WidePush) == 44, "matvec_wide.glsl push constants");

Shader wide_shader(const Ops::Kernels& k, bool i8) {
    if (!i8) return k.subgroup ? Shader::matvec_wide_sg : Shader::matvec_wide;
    if (k.i8_dot) return k.subgroup ? Shader::matvec_wide_i8_dot_sg : Shader::matvec_wide_i8_dot;  // uint words
    if (k.i8_storage) return k.subgroup ? Shader::matvec_wide_i8_sg_s8 : Shader::matvec_wide_i8_s8;
    return k.subgroup ? Shader::matvec_wide_i8_sg : Shader::matvec_wide_i8;
}

}  // namespace

void record_matvec(Ops& ops, VkCommandBuffer cmd, const Matrix& w, const BufferRange& in, std::uint32_t in_off,
                   const BufferRange& out, std::uint32_t out_off, ActIn act_in, ActOut act_out, bool accumulate,
                   const MaskArgs* mask, std::uint32_t xq_off) {
    const Ops::Kernels& k = ops.kernels();
    const BufferRange mask_range = mask ? mask->mask : out;  // unused binding when there is no mask
    const std::uint32_t mask_mode = mask ? (mask->all ? 2u : 1u) : 0u;
    const std::uint32_t mask_off = mask ? mask->off : 0u;
    if (w.i8 && act_in != ActIn::None) throw Error(ErrorCode::Internal, "int8 matvec: no input activation");
    if (w.i8 && k.matvec == MatvecKind::PerRow) {  // int8 rows: per row, the device's threads per row
        const std::uint32_t tpr = std::min(k.matvec_tpr, kPerRowWorkgroup);
        const std::uint32_t rows_per_group = kPerRowWorkgroup / tpr;
        const Pipeline& p = ops.pipeline(k.i8_storage ? Shader::matvec_i8_s8 : Shader::matvec_i8, 5, sizeof(I8Push),
                                         {kPerRowWorkgroup, tpr});
        for (const MatrixPiece& piece : w.pieces) {
            const auto [gx, gy] = grid_2d(ops.caps(), (piece.rows + rows_per_group - 1) / rows_per_group);
            const I8Push push{piece.rows, w.cols, in_off, out_off + piece.row_begin, std::uint32_t(act_out),
                              accumulate ? 1u : 0u, gx, mask_off, mask_mode, piece.row_begin,
                              w.scale_off + piece.row_begin};
            ops.dispatch(cmd, p, {piece.range, in, out, mask_range, w.scales}, &push, gx, gy);
        }
        return;
    }
    if (k.matvec == MatvecKind::PerRow || act_in != ActIn::None) {
        const std::uint32_t tpr = std::min(k.matvec_tpr, kPerRowWorkgroup);
        const std::uint32_t rows_per_group = kPerRowWorkgroup / tpr;
        const Pipeline& p = ops.pipeline(Shader::matvec, 4, sizeof(Push), {kPerRowWorkgroup, tpr});
        for (const MatrixPiece& piece : w.pieces) {
            const auto [gx, gy] = grid_2d(ops.caps(), (piece.rows + rows_per_group - 1) / rows_per_group);
            const Push push{piece.rows, w.cols, in_off, out_off + piece.row_begin, std::uint32_t(act_in),
                            std::uint32_t(act_out), accumulate ? 1u : 0u, gx, mask_off, mask_mode, piece.row_begin};
            ops.dispatch(cmd, p, {piece.range, in, out, mask_range}, &push, gx, gy);
        }
        return;
    }
    if (in_off % 4 != 0) throw Error(ErrorCode::Internal, "matvec_wide: input offset not a multiple of 4");
    const std::uint32_t rows = w.i8 && k.i8_dot ? k.i8_dot_rows : k.matvec_rows;
    // VEC8: 16-byte loads, 8 fp16 or 16 int8 columns (int8: its own unroll, Ops::Kernels::matvec_unroll_i8).
    const std::uint32_t vec8 = w.cols % (w.i8 ? 16 : 8) == 0 ? 1u : 0u;
    const std::uint32_t unroll = !vec8 ? 1u : w.i8 ? k.matvec_unroll_i8 : k.matvec_unroll;
    // x quantized beforehand (Kernels::i8_xq): the dot form's chunks loaded from in[xq_off ..] (16-column chunks only).
    const bool xq = w.i8 && k.i8_dot && vec8 && xq_off != kNoXq;
    if (xq && xq_off % 4 != 0) throw Error(ErrorCode::Internal, "matvec_wide_i8_dot_xq: offset not a multiple of 4");
    const Shader shader = xq ? (k.subgroup ? Shader::matvec_wide_i8_dot_xq_sg : Shader::matvec_wide_i8_dot_xq)
                             : wide_shader(k, w.i8);
    const Pipeline& p = ops.pipeline(shader, w.i8 ? 5 : 4, sizeof(WidePush), {k.matvec_wg, rows, vec8, unroll});
    for (const MatrixPiece& piece : w.pieces) {
        const auto [gx, gy] = grid_2d(ops.caps(), (piece.rows + rows - 1) / rows);
        const WidePush push{piece.rows, w.cols, xq ? xq_off : in_off, out_off + piece.row_begin, std::uint32_t(act_out),
                            accumulate ? 1u : 0u, gx, mask_off, mask_mode, piece.row_begin, w.scale_off + piece.row_begin};
        std::vector<BufferRange> b = {piece.range, in, out, mask_range};
        if (w.i8) b.push_back(w.scales);
        ops.dispatch(cmd, p, b, &push, gx, gy);
    }
}

}  // namespace rwkv::vk
