// DeviceStateStorage (vk_state.h): transfers through one-shot staging buffers.
#include "vulkan/vk_state.h"

#include <atomic>
#include <cstring>

namespace rwkv::vk {

DeviceStateStorage::DeviceStateStorage(std::shared_ptr<Context> ctx, std::size_t floats)
    : ctx_(std::move(ctx)), floats_(floats), buf_(ctx_, floats * 4, MemoryKind::Device, "a state") {
    static std::atomic<std::uint64_t> next{1};
    id_ = next.fetch_add(1, std::memory_order_relaxed);
}

void DeviceStateStorage::download(std::span<float> dst) const {
    Buffer stage(ctx_, floats_ * 4, MemoryKind::Readback, "state download");
    const VkBuffer src = buf_.handle(), to = stage.handle();
    const VkDeviceSize size = floats_ * 4;
    ctx_->run_once([&](VkCommandBuffer cmd) {
        const VkBufferCopy region{0, 0, size};
        vkCmdCopyBuffer(cmd, src, to, 1, &region);
        full_barrier(cmd);  // transfer write -> host read
    });
    std::memcpy(dst.data(), stage.mapped(), size);
}

void DeviceStateStorage::upload(std::span<const float> src) {
    Buffer stage(ctx_, floats_ * 4, MemoryKind::Upload, "state upload");
    std::memcpy(stage.mapped(), src.data(), floats_ * 4);
    const VkBuffer from = stage.handle(), to = buf_.handle();
    const VkDeviceSize size = floats_ * 4;
    ctx_->run_once([&](VkCommandBuffer cmd) {
        const VkBufferCopy region{0, 0, size};
        vkCmdCopyBuffer(cmd, from, to, 1, &region);
    });
}

void DeviceStateStorage::clear() {
    const VkBuffer b = buf_.handle();
    ctx_->run_once([&](VkCommandBuffer cmd) { vkCmdFillBuffer(cmd, b, 0, VK_WHOLE_SIZE, 0); });
}

std::unique_ptr<StateStorage> DeviceStateStorage::clone() const {
    auto out = std::make_unique<DeviceStateStorage>(ctx_, floats_);
    const VkBuffer from = buf_.handle(), to = out->buf_.handle();
    const VkDeviceSize size = floats_ * 4;
    ctx_->run_once([&](VkCommandBuffer cmd) {
        const VkBufferCopy region{0, 0, size};
        vkCmdCopyBuffer(cmd, from, to, 1, &region);
    });
    return out;
}

}  // namespace rwkv::vk
