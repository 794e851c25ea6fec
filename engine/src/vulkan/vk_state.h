// Device-memory StateStorage of the Vulkan backend: one dense buffer in the spec §5 layout (rwkv/state.h).
#pragma once

#include <cstdint>
#include <memory>

#include "rwkv/state.h"
#include "vulkan/vk_context.h"

namespace rwkv::vk {

class DeviceStateStorage final : public StateStorage {
public:
    DeviceStateStorage(std::shared_ptr<Context> ctx, std::size_t floats);
    void download(std::span<float> dst) const override;
    void upload(std::span<const float> src) override;
    void clear() override;
    std::unique_ptr<StateStorage> clone() const override;

    const Context* context() const noexcept { return ctx_.get(); }
    VkBuffer buffer() const noexcept { return buf_.handle(); }
    std::size_t floats() const noexcept { return floats_; }
    /// Unique per storage for the process's lifetime (a destroyed buffer's handle may be reused; this is not):
    /// VulkanModel keeps its state copies recorded for the last storage it ran.
    std::uint64_t id() const noexcept { return id_; }

private:
    std::shared_ptr<Context> ctx_;
    std::size_t floats_;
    Buffer buf_;
    std::uint64_t id_;
};

}  // namespace rwkv::vk
