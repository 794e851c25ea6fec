// Host side of kernels/vulkan/copy_state.comp: blocks of 16-byte words from one buffer to another.
#include "ops.h"

#include <algorithm>

namespace rwkv::vk {
namespace {

constexpr std::uint64_t kWordsPerGroup = 1024;  // 256 threads x 4 words per pass
constexpr std::uint64_t kMaxGroups = 4096;

struct Push {
    std::uint32_t count, total, src_stride, dst_stride;
};
static_assert(sizeof(Push) == 16, "copy_state.comp push constants");

const Pipeline& pipeline(Ops& ops) { return ops.pipeline(Shader::copy_state, 2, sizeof(Push)); }

}  // namespace

void prepare_copy_state(Ops& ops) { pipeline(ops); }

bool can_copy_state(const Caps& caps, std::uint64_t block_bytes, std::uint64_t src_stride, std::uint64_t dst_stride,
                    std::uint32_t blocks) {
    if (blocks == 0 || block_bytes == 0 || block_bytes % 16 || src_stride % 16 || dst_stride % 16) return false;
    const std::uint64_t src_end = (blocks - 1) * src_stride + block_bytes;
    const std::uint64_t dst_end = (blocks - 1) * dst_stride + block_bytes;
    const std::uint64_t words = block_bytes / 16 * blocks;  // below 2^32 with room for a pass's index arithmetic
    return src_end <= caps.max_storage_range && dst_end <= caps.max_storage_range &&
           words < (1ull << 32) - kWordsPerGroup * 4;
}

void record_copy_state(Ops& ops, VkCommandBuffer cmd, const BufferRange& src, const BufferRange& dst,
                       std::uint64_t block_bytes, std::uint64_t src_stride, std::uint64_t dst_stride,
                       std::uint32_t blocks) {
    const Pipeline& p = pipeline(ops);
    const std::uint64_t total = block_bytes / 16 * blocks;
    const Push push{std::uint32_t(block_bytes / 16), std::uint32_t(total), std::uint32_t(src_stride / 16),
                    std::uint32_t(dst_stride / 16)};
    const auto groups = std::uint32_t(std::min(kMaxGroups, (total + kWordsPerGroup - 1) / kWordsPerGroup));
    ops.dispatch(cmd, p, {src, dst}, &push, groups);
}

}  // namespace rwkv::vk
