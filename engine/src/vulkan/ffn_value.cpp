// Host side of kernels/vulkan/ffn_value.glsl (ffn_value.comp; int8: ffn_value_i8.comp; sparse FFN value + residual): a grid of column slices (64-256
// columns) x neuron partitions, ~256 workgroups of 256 threads; up to 4 row pieces of the transposed matrix per
// dispatch, more pieces (tiny forced block limits) are chained, each dispatch adding its neurons into x after a
// barrier.
#include "ops.h"

#include <algorithm>

#include "rwkv/error.h"

namespace rwkv::vk {
namespace {

constexpr std::uint32_t kNone = 0xffffffffu;
constexpr std::uint32_t kTargetGroups = 256;
constexpr std::uint32_t kMaxPartition = 4096;  // MAX_PS
constexpr std::uint32_t kMaxSlices = 256;      // tickets[]

struct Push {
    std::uint32_t C, h_off, y_off, mask_off, f_begin, f_end, p1, p2, p3, count, SW, PS, P, scale_off;
};
static_assert(sizeof(Push) == 56, "ffn_value.glsl push constants");

std::uint32_t slice_width(std::uint32_t C) { return C % 256 == 0 ? 256 : C % 128 == 0 ? 128 : 64; }

// Neurons per partition for n neurons: about kTargetGroups workgroups in all, a multiple of 32.
std::uint32_t partition_size(std::uint32_t n, std::uint32_t slices) {
    const std::uint32_t parts = std::max<std::uint32_t>(1, kTargetGroups / slices);
    std::uint32_t ps = (n + parts - 1) / parts;
    ps = std::max<std::uint32_t>(32, (ps + 31) / 32 * 32);
    return std::min(ps, kMaxPartition);
}

}  // namespace

std::uint64_t ffn_value_scratch_bytes(std::uint32_t C, std::uint32_t F) {
    const std::uint32_t slices = C / slice_width(C);
    const std::uint32_t parts = (F + partition_size(F, slices) - 1) / partition_size(F, slices);
    return kMaxSlices * 4 + std::uint64_t(parts) * C * 4;
}

void record_ffn_value(Ops& ops, VkCommandBuffer cmd, const BufferRange& act, const BufferRange& mask,
                      const BufferRange& counter, const BufferRange& scratch, const Matrix& vt, const FfnValueArgs& a) {
    const std::uint32_t SW = slice_width(a.C);
    if (a.C % 64 != 0 || a.C / SW > kMaxSlices) throw Error(ErrorCode::Internal, "ffn_value: unsupported C");
    const Shader shader = vt.i8 ? Shader::ffn_value_i8 : Shader::ffn_value;
    const Pipeline& p = ops.pipeline(shader, vt.i8 ? 9 : 8, sizeof(Push));
    for (std::size_t first = 0; first < vt.pieces.size(); first += 4) {
        if (first > 0) compute_barrier(cmd);  // the next pieces add into the same x
        const std::size_t n = std::min<std::size_t>(4, vt.pieces.size() - first);
        std::vector<BufferRange> ranges = {act, mask, counter};
        std::uint32_t starts[4] = {kNone, kNone, kNone, kNone};
        for (std::size_t i = 0; i < 4; ++i) {
            const MatrixPiece& piece = vt.pieces[first + std::min(i, n - 1)];
            ranges.push_back(piece.range);
            if (i < n) starts[i] = piece.row_begin;
        }
        ranges.push_back(scratch);
        if (vt.i8) ranges.push_back(vt.scales);
        const MatrixPiece& last = vt.pieces[first + n - 1];
        const std::uint32_t f_begin = starts[0], f_end = last.row_begin + last.rows;
        const std::uint32_t slices = a.C / SW;
        // The same partition size as ffn_value_scratch_bytes gives for the whole matrix, so the scratch fits.
        const std::uint32_t PS = partition_size(vt.rows, slices);
        const std::uint32_t P = (f_end - f_begin + PS - 1) / PS;
        if (std::uint64_t(P) * a.C * 4 + kMaxSlices * 4 > scratch.range) {
            throw Error(ErrorCode::Internal, "ffn_value: partial-sum scratch too small");
        }
        // Each dispatch counts the active neurons of its own pieces.
        const Push q{a.C,       a.h_off,   a.y_off,   a.mask_off, f_begin, f_end, starts[1],
                     starts[2], starts[3], a.count ? 1u : 0u, SW, PS, P, vt.scale_off};
        ops.dispatch(cmd, p, ranges, &q, slices, P);
    }
}

}  // namespace rwkv::vk
