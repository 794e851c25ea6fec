// Device-memory StateStorage of the Vulkan backend: one dense buffer in the spec §5 layout (rwkv/state.h), fp32;
// with the fp16-state option of batched decode (Model::set_batch_state_dtype(F16)) also an fp16 copy of the WKV
// matrices, allocated on first use. Which of the two WKV forms is current is tracked here, as in the CUDA backend
// (engine/src/cuda/cuda_state.h): download() widens the fp16 copy on the host when it is the newer (exact), clone()
// copies whichever forms are current; the model widens it on the device before any fp32 reader (forward(), prefill,
// fp32 batched decode) and rounds the fp32 matrices to fp16 once when a state enters the fp16 form.
#pragma once

#include <cstdint>
#include <memory>

#include "rwkv/state.h"
#include "vulkan/vk_context.h"

namespace rwkv::vk {

class Ops;

class DeviceStateStorage final : public StateStorage {
public:
    /// floats = n_layer * (66 * n_embd) (head size 64); not zeroed (VulkanModel::new_state clears it).
    DeviceStateStorage(std::shared_ptr<Context> ctx, std::size_t floats, int n_layer, int n_embd);
    void download(std::span<float> dst) const override;  // fp32; the fp16 WKV copy widened when it is newer
    void upload(std::span<const float> src) override;    // the fp16 copy is then stale
    void clear() override;                               // both forms zero
    std::unique_ptr<StateStorage> clone() const override;

    const Context* context() const noexcept { return ctx_.get(); }
    VkBuffer buffer() const noexcept { return buf_.handle(); }
    std::size_t floats() const noexcept { return floats_; }
    int n_layer() const noexcept { return n_layer_; }
    int n_embd() const noexcept { return n_embd_; }
    /// Unique per storage for the process's lifetime (a destroyed buffer's handle may be reused; this is not):
    /// VulkanModel keeps its state copies recorded for the last storage it ran.
    std::uint64_t id() const noexcept { return id_; }

    /// The fp16 copy of the WKV matrices ([n_layer, n_embd / 64, 64, 64] halves, n_layer * 64 * n_embd * 2 bytes),
    /// allocated (not converted) on first use; throws OutOfMemory.
    VkBuffer wkv16_buffer();
    bool f32_current() const noexcept { return f32_ok_; }  // the fp32 WKV matrices hold the state
    bool f16_current() const noexcept { return f16_ok_; }  // the fp16 copy holds it
    /// After a kernel wrote the fp16 copy (fp32 WKV matrices now stale; the token-shift vectors stay fp32), after
    /// one wrote the fp32 state (the copy stale), after a conversion (both current).
    void wrote_f16() noexcept { f16_ok_ = true, f32_ok_ = false; }
    void wrote_f32() noexcept { f32_ok_ = true, f16_ok_ = false; }
    void converted() noexcept { f32_ok_ = f16_ok_ = true; }

private:
    std::shared_ptr<Context> ctx_;
    std::size_t floats_;
    int n_layer_, n_embd_;
    Buffer buf_, wkv16_;
    std::uint64_t id_;
    bool f32_ok_ = true, f16_ok_ = false;
};

/// Records state_f16.comp over one storage: widen = false rounds its fp32 WKV matrices into the fp16 copy
/// (allocated first), widen = true writes the fp16 copy back into them (exact). Callers mark the storage
/// converted() once the commands ran, and put a barrier between these dispatches and the kernels that read the result.
void record_state_f16(Ops& ops, VkCommandBuffer cmd, DeviceStateStorage& st, bool widen);

}  // namespace rwkv::vk
