// Compute pipelines from the embedded SPIR-V (kernels/vulkan/*.comp) and the recorder that turns one
// dispatch (pipeline, buffer ranges, push constants, grid) into commands. Shared by the per-shader host files
// (embed.cpp, matvec.cpp, ...); only those files know a shader's bindings and push-constant layout.
#pragma once

#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "rwkv_vk/shaders.h"
#include "vulkan/vk_context.h"

namespace rwkv::vk {

/// A sub-range of a buffer bound to one storage-buffer binding (offset aligned, range <= maxStorageBufferRange).
struct BufferRange {
    VkBuffer buffer = VK_NULL_HANDLE;
    VkDeviceSize offset = 0;
    VkDeviceSize range = 0;
};

/// One compute pipeline: `bindings` storage buffers at set 0, bindings 0..n-1, `push_bytes` of push
/// constants, specialization constants 0..k-1 (uint32).
class Pipeline {
public:
    Pipeline(std::shared_ptr<Context> ctx, Shader shader, std::uint32_t bindings, std::uint32_t push_bytes,
             const std::vector<std::uint32_t>& spec);
    ~Pipeline();
    Pipeline(const Pipeline&) = delete;
    Pipeline& operator=(const Pipeline&) = delete;

    VkPipeline handle() const noexcept { return pipeline_; }
    VkPipelineLayout layout() const noexcept { return layout_; }
    VkDescriptorSetLayout set_layout() const noexcept { return set_layout_; }
    std::uint32_t bindings() const noexcept { return bindings_; }
    std::uint32_t push_bytes() const noexcept { return push_bytes_; }

private:
    std::shared_ptr<Context> ctx_;
    VkDescriptorSetLayout set_layout_ = VK_NULL_HANDLE;
    VkPipelineLayout layout_ = VK_NULL_HANDLE;
    VkPipeline pipeline_ = VK_NULL_HANDLE;
    std::uint32_t bindings_ = 0, push_bytes_ = 0;
};

/// Pipelines created on first use and descriptor sets for recorded dispatches. Descriptor sets live as long
/// as the Ops (command buffers are recorded once and re-submitted).
class Ops {
public:
    explicit Ops(std::shared_ptr<Context> ctx);
    ~Ops();
    Ops(const Ops&) = delete;
    Ops& operator=(const Ops&) = delete;

    Context& ctx() noexcept { return *ctx_; }
    const Caps& caps() const noexcept { return ctx_->caps(); }

    /// The pipeline for (shader, spec), created on first use.
    const Pipeline& pipeline(Shader shader, std::uint32_t bindings, std::uint32_t push_bytes,
                             const std::vector<std::uint32_t>& spec = {});

    /// Records one dispatch: binds a fresh descriptor set with `ranges` (in binding order), pushes `push`.
    void dispatch(VkCommandBuffer cmd, const Pipeline& p, const std::vector<BufferRange>& ranges, const void* push,
                  std::uint32_t gx, std::uint32_t gy = 1, std::uint32_t gz = 1);

    /// Dispatches recorded so far (for tests and profiling).
    std::size_t dispatch_count() const noexcept { return dispatches_; }

    /// matvec.comp's threads per row (power of two, 1..64): 1 on CPU drivers, 64 on GPUs unless overridden
    /// (tests run the GPU layout on lavapipe too).
    std::uint32_t matvec_tpr() const noexcept { return matvec_tpr_ ? matvec_tpr_ : (caps().cpu_device ? 1 : 64); }
    void set_matvec_tpr(std::uint32_t tpr) noexcept { matvec_tpr_ = tpr; }

private:
    VkDescriptorSet allocate_set(VkDescriptorSetLayout layout);

    std::shared_ptr<Context> ctx_;
    std::map<std::pair<int, std::vector<std::uint32_t>>, std::unique_ptr<Pipeline>> pipelines_;
    std::vector<VkDescriptorPool> pools_;
    std::size_t dispatches_ = 0;
    std::uint32_t matvec_tpr_ = 0;
};

/// Spreads `n` workgroups over x and y so that neither exceeds the device limits; returns {gx, gy}.
std::pair<std::uint32_t, std::uint32_t> grid_2d(const Caps& caps, std::uint32_t n);

}  // namespace rwkv::vk
