// Host side of kernels/vulkan/prefetch.comp: a byte window of a sequence of matrices (their pieces in row order) read
// into the L2 cache, one dispatch per piece the window touches; and page touches (one load per stride of each piece).
#include "ops.h"
#include "vk_step.h"

#include <algorithm>

namespace rwkv::vk {
namespace {

constexpr std::uint32_t kWordsPerGroup = 1024;  // 256 threads x 4 loads of 16 bytes per iteration
constexpr std::uint32_t kMaxGroups = 256;       // ~4 MB in flight (128 or 96 lengthened wkv7 more: perf-notes B=1 v3)

struct Push {
    std::uint32_t first, count, keep, step;
};
static_assert(sizeof(Push) == 16, "prefetch.comp push constants");

}  // namespace

void record_prefetch(Ops& ops, VkCommandBuffer cmd, std::span<const Matrix* const> mats, std::uint64_t begin,
                     std::uint64_t end, const BufferRange& sink) {
    if (begin >= end) return;
    const Pipeline& p = ops.pipeline(Shader::prefetch, 2, sizeof(Push));
    std::uint64_t pos = 0;  // bytes of the sequence before the current piece
    for (const Matrix* m : mats) {
        for (const MatrixPiece& piece : m->pieces) {
            const std::uint64_t bytes = std::uint64_t(piece.rows) * m->cols * m->elem_bytes();
            const std::uint64_t lo = std::max(begin, pos), hi = std::min(end, pos + bytes);
            if (lo < hi && piece.range.offset % 16 == 0) {
                const std::uint64_t w0 = (lo - pos) / 16, w1 = (hi - pos) / 16;
                if (w1 > w0) {
                    const Push push{std::uint32_t(w0), std::uint32_t(w1 - w0), 0u, 1u};
                    const std::uint32_t n =
                        std::uint32_t(std::min<std::uint64_t>(kMaxGroups, (w1 - w0 + kWordsPerGroup - 1) / kWordsPerGroup));
                    ops.dispatch(cmd, p, {piece.range, sink}, &push, n);
                }
            }
            pos += bytes;
            if (pos >= end) return;
        }
    }
}

void record_warm(Ops& ops, VkCommandBuffer cmd, const BufferRange& buf, VkDeviceSize offset, VkDeviceSize bytes,
                 const BufferRange& sink) {
    if (offset % 16 != 0 || bytes < 16) return;
    const Pipeline& p = ops.pipeline(Shader::prefetch, 2, sizeof(Push));
    const std::uint32_t words = std::uint32_t(bytes / 16);
    const Push push{std::uint32_t(offset / 16), words, 0u, 1u};
    const std::uint32_t n = std::min(kMaxGroups, (words + kWordsPerGroup - 1) / kWordsPerGroup);
    ops.dispatch(cmd, p, {buf, sink}, &push, n);
}

void record_touch(Ops& ops, VkCommandBuffer cmd, std::span<const Matrix* const> mats, std::uint32_t stride_bytes,
                  const BufferRange& sink) {
    const Pipeline& p = ops.pipeline(Shader::prefetch, 2, sizeof(Push));
    const std::uint32_t step = std::max<std::uint32_t>(stride_bytes / 16, 1);
    for (const Matrix* m : mats) {
        for (const MatrixPiece& piece : m->pieces) {
            const std::uint64_t words = std::uint64_t(piece.rows) * m->cols * m->elem_bytes() / 16;
            if (piece.range.offset % 16 != 0 || words == 0) continue;
            const std::uint32_t loads = std::uint32_t((words + step - 1) / step);
            const Push push{0u, loads, 0u, step};
            const std::uint32_t groups = std::min(kMaxGroups, (loads + kWordsPerGroup - 1) / kWordsPerGroup);
            ops.dispatch(cmd, p, {piece.range, sink}, &push, groups);
        }
    }
}

}  // namespace rwkv::vk
