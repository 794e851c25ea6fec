// DeviceStateStorage (vk_state.h): transfers through one-shot staging buffers; record_state_f16 (state_f16.comp).
#include "vulkan/vk_state.h"

#include <atomic>
#include <cstring>
#include <vector>

#include "rwkv/dtype.h"
#include "vulkan/ops.h"

namespace rwkv::vk {

DeviceStateStorage::DeviceStateStorage(std::shared_ptr<Context> ctx, std::size_t floats, int n_layer, int n_embd)
    : ctx_(std::move(ctx)), floats_(floats), n_layer_(n_layer), n_embd_(n_embd),
      buf_(ctx_, floats * 4, MemoryKind::Device, "a state") {
    static std::atomic<std::uint64_t> next{1};
    id_ = next.fetch_add(1, std::memory_order_relaxed);
}

VkBuffer DeviceStateStorage::wkv16_buffer() {
    if (!wkv16_.handle())
        wkv16_ = Buffer(ctx_, VkDeviceSize(n_layer_) * 64 * VkDeviceSize(n_embd_) * 2, MemoryKind::Device,
                        "a state's fp16 WKV copy");
    return wkv16_.handle();
}

void DeviceStateStorage::download(std::span<float> dst) const {
    const VkDeviceSize size = floats_ * 4, size16 = f32_ok_ ? 0 : wkv16_.size();
    Buffer stage(ctx_, size + size16, MemoryKind::Readback, "state download");
    const VkBuffer src = buf_.handle(), to = stage.handle();
    ctx_->run_once([&](VkCommandBuffer cmd) {
        const VkBufferCopy region{0, 0, size};
        vkCmdCopyBuffer(cmd, src, to, 1, &region);
        if (size16) {
            const VkBufferCopy r16{0, size, size16};
            vkCmdCopyBuffer(cmd, wkv16_.handle(), to, 1, &r16);
        }
        full_barrier(cmd);  // transfer write -> host read
    });
    std::memcpy(dst.data(), stage.mapped(), size);
    if (size16) {  // the fp16 copy is the newer: its matrices over the stale fp32 ones (fp16 -> fp32 is exact)
        const auto* h = reinterpret_cast<const std::uint16_t*>(static_cast<const std::byte*>(stage.mapped()) + size);
        const std::size_t C = std::size_t(n_embd_), wkv = 64 * C, layer = 66 * C;
        for (std::size_t l = 0; l < std::size_t(n_layer_); ++l) {
            float* d = dst.data() + l * layer + C;
            const std::uint16_t* s = h + l * wkv;
            for (std::size_t i = 0; i < wkv; ++i) d[i] = f16_to_f32(s[i]);
        }
    }
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
    wrote_f32();
}

void DeviceStateStorage::clear() {
    const VkBuffer b = buf_.handle(), b16 = wkv16_.handle();
    ctx_->run_once([&](VkCommandBuffer cmd) {
        vkCmdFillBuffer(cmd, b, 0, VK_WHOLE_SIZE, 0);
        if (b16) vkCmdFillBuffer(cmd, b16, 0, VK_WHOLE_SIZE, 0);  // fp16 zero: all bits zero
    });
    f32_ok_ = true;
    f16_ok_ = b16 != VK_NULL_HANDLE;
}

std::unique_ptr<StateStorage> DeviceStateStorage::clone() const {
    auto out = std::make_unique<DeviceStateStorage>(ctx_, floats_, n_layer_, n_embd_);
    const bool with16 = f16_ok_ && wkv16_.handle();
    const VkBuffer from = buf_.handle(), to = out->buf_.handle(), from16 = wkv16_.handle();
    const VkBuffer to16 = with16 ? out->wkv16_buffer() : VK_NULL_HANDLE;
    const VkDeviceSize size = floats_ * 4, size16 = wkv16_.size();
    ctx_->run_once([&](VkCommandBuffer cmd) {
        const VkBufferCopy region{0, 0, size};
        vkCmdCopyBuffer(cmd, from, to, 1, &region);
        if (with16) {
            const VkBufferCopy r16{0, 0, size16};
            vkCmdCopyBuffer(cmd, from16, to16, 1, &r16);
        }
    });
    out->f32_ok_ = f32_ok_;
    out->f16_ok_ = with16;
    return out;
}

void record_state_f16(Ops& ops, VkCommandBuffer cmd, DeviceStateStorage& st, bool widen) {
    struct Push {  // kernels/vulkan/state_f16.comp
        std::uint32_t C4, n, grid_x;
    };
    const std::uint32_t C = std::uint32_t(st.n_embd()), n = std::uint32_t(st.n_layer()) * 16 * C;
    const VkBuffer b16 = st.wkv16_buffer();
    const auto [gx, gy] = grid_2d(ops.caps(), (n + 255) / 256);
    const Push push{C / 4, n, gx};
    const Pipeline& p = ops.pipeline(Shader::state_f16, 2, sizeof(Push), {widen ? 1u : 0u});
    ops.dispatch(cmd, p,
                 {{st.buffer(), 0, VkDeviceSize(st.floats()) * 4},
                  {b16, 0, VkDeviceSize(st.n_layer()) * 64 * VkDeviceSize(C) * 2}},
                 &push, gx, gy);
}

}  // namespace rwkv::vk
