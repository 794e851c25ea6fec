// Host side of kernels/vulkan/touch.comp: page touches of several matrices in one dispatch per weight buffer.
#include "ops.h"
#include "vk_step.h"

#include <algorithm>

namespace rwkv::vk {
namespace {

constexpr std::size_t kMaxRanges = 14;

struct Push {
    std::uint32_t step, keep;
    std::uint32_t range[kMaxRanges][2];
};
static_assert(sizeof(Push) == 120, "touch.comp push constants");

}  // namespace

void record_touch_merged(Ops& ops, VkCommandBuffer cmd, std::span<const Matrix* const> mats,
                         std::uint32_t stride_bytes, const BufferRange& sink) {
    const Pipeline& p = ops.pipeline(Shader::touch, 2, sizeof(Push));
    const std::uint32_t step = std::max<std::uint32_t>(stride_bytes / 16, 1);
    struct Range {
        VkBuffer buffer;
        VkDeviceSize offset, bytes;
    };
    std::vector<Range> ranges;
    for (const Matrix* m : mats) {
        for (const MatrixPiece& piece : m->pieces) {
            const VkDeviceSize bytes = VkDeviceSize(piece.rows) * m->cols * m->elem_bytes();
            if (piece.range.offset % 16 == 0 && bytes >= 16)
                ranges.push_back({piece.range.buffer, piece.range.offset, bytes});
        }
    }
    while (!ranges.empty()) {  // one dispatch per buffer (up to kMaxRanges ranges each)
        const VkBuffer b = ranges.front().buffer;
        Push push{step, 0u, {}};
        std::uint32_t n = 0;
        VkDeviceSize end = 0;
        for (auto it = ranges.begin(); it != ranges.end() && n < kMaxRanges;) {
            if (it->buffer != b) {
                ++it;
                continue;
            }
            push.range[n][0] = std::uint32_t(it->offset / 16);
            push.range[n][1] = std::uint32_t((it->bytes / 16 + step - 1) / step);
            end = std::max(end, it->offset + it->bytes);
            ++n;
            it = ranges.erase(it);
        }
        ops.dispatch(cmd, p, {{b, 0, end}, sink}, &push, n);
    }
}

}  // namespace rwkv::vk
