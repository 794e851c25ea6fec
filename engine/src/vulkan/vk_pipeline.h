// Compute pipelines from the embedded SPIR-V (kernels/vulkan/*.comp) and the recorder that turns one
// dispatch (pipeline, buffer ranges, push constants, grid) into commands. Shared by the per-shader host files
// (embed.cpp, matvec.cpp, ...); only those files know a shader's bindings and push-constant layout.
#pragma once

#include <map>
#include <memory>
#include <string>
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

/// matvec kernels: matvec.comp with `tpr` threads per row (CPU drivers: 1), or matvec_wide[_sg].comp (several
/// rows per workgroup, all threads split the columns; GPUs).
enum class MatvecKind { PerRow, Wide };

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
    void print_stats(Shader shader, const std::vector<std::uint32_t>& spec) const;

    std::shared_ptr<Context> ctx_;
    VkDescriptorSetLayout set_layout_ = VK_NULL_HANDLE;
    VkPipelineLayout layout_ = VK_NULL_HANDLE;
    VkPipeline pipeline_ = VK_NULL_HANDLE;
    std::uint32_t bindings_ = 0, push_bytes_ = 0;
};

/// Descriptor sets of command buffers that are recorded again (the step of each State): allocated from the
/// scope's own pools while it is active (Ops::set_scope), all freed together by Ops::reset_scope.
struct DescriptorScope {
    std::vector<VkDescriptorPool> pools;
    std::size_t current = 0;  // the pool allocations are taken from
};

/// Pipelines created on first use and descriptor sets for recorded dispatches. Descriptor sets live as long
/// as the Ops (command buffers are recorded once and re-submitted), or until their scope is reset.
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

    /// A new scope owned by the Ops (destroyed with it); set_scope(s) makes dispatch() allocate there, nullptr
    /// the Ops's own pools. reset_scope frees every set of the scope: no command buffer using them may be pending.
    DescriptorScope* new_scope();
    void set_scope(DescriptorScope* s) noexcept { scope_ = s; }
    void reset_scope(DescriptorScope& s);

    /// Dispatches recorded so far (for tests and profiling).
    std::size_t dispatch_count() const noexcept { return dispatches_; }
    /// The shaders (file stems) with a pipeline created so far, sorted, once each (tests: which kernel variant ran).
    std::vector<std::string> shaders_used() const;

    /// Which shader variants record_* uses (vk::ModelConfig fills it; defaults by device kind).
    struct Kernels {
        MatvecKind matvec = MatvecKind::PerRow;
        std::uint32_t matvec_tpr = 1;       // PerRow: threads per row (power of two, 1..64)
        std::uint32_t matvec_rows = 2;      // Wide: rows per workgroup (power of two, 1..64, <= matvec_wg)
        std::uint32_t matvec_unroll = 4;    // Wide: column chunks per loop iteration (1, 2 or 4)
        std::uint32_t matvec_unroll_i8 = 4;  // Wide on int8 rows (16 columns per chunk): the default fits the width
        std::uint32_t matvec_wg = 128;      // Wide: threads per workgroup (64, 128 or 256)
        bool subgroup = false;              // *_sg.comp variants of matvec_wide, token_mix, wkv7
        std::uint32_t token_mix_slice = 0;  // columns per token_mix workgroup, 0 = all (one workgroup)
        bool coop_gemm = false;             // rows path GEMMs on gemm_coop.comp (NV cooperative matrix)
        std::uint32_t coop_bm = 0;          // gemm_coop: rows per tile (16..128; 0: 128 above 64 rows, else 64)
        std::uint32_t coop_bn = 0;          // gemm_coop: columns per tile (16..128; 0: 128 above 64 rows, else 64)
        std::uint32_t coop_split_groups = 1024;  // gemm_coop: split K until ~this many workgroups (0: never)
        std::uint32_t few_rows = 64;        // rows path GEMMs of at most this many rows on gemm_few.comp (0: never)
        std::uint32_t few_groups = 256;     // gemm_few: split K until ~this many workgroups
        bool i8_storage = false;            // int8 weights read through 8-bit storage (*_s8.comp), else as words
        bool i8_copies = false;             // rows path of int8 models: fp16 copies for the GEMMs, else gemm_i8
        // int8 models: GEMMs of at most this many rows on the tensor-core GEMMs' int8 forms (*_i8[_s8].comp; 0 none)
        std::uint32_t i8_stage_rows = 0;
        // Wide int8 matvecs by the integer dot product (matvec_wide_i8_dot[_sg].comp; only where Caps::int_dot)
        bool i8_dot = false;
        std::uint32_t i8_dot_rows = 8;      // their rows per workgroup (power of two, 1..64, <= matvec_wg)
        // The B=1 step's x of those matvecs quantized once by the kernel writing it (token_mix_xq, wkv7_xq) and
        // loaded by matvec_wide_i8_dot_xq[_sg].comp (RWKV_VK_I8_XQ; only with i8_dot, the wide matvec, C % 16 == 0)
        bool i8_xq = false;
    };
    const Kernels& kernels() const noexcept { return kernels_; }
    void set_kernels(const Kernels& k) noexcept { kernels_ = k; }

private:
    VkDescriptorSet allocate_set(VkDescriptorSetLayout layout);

    std::shared_ptr<Context> ctx_;
    std::map<std::pair<int, std::vector<std::uint32_t>>, std::unique_ptr<Pipeline>> pipelines_;
    std::vector<VkDescriptorPool> pools_;
    std::vector<std::unique_ptr<DescriptorScope>> scopes_;
    DescriptorScope* scope_ = nullptr;
    std::size_t dispatches_ = 0;
    Kernels kernels_;
};

/// Spreads `n` workgroups over x and y so that neither exceeds the device limits; returns {gx, gy}.
std::pair<std::uint32_t, std::uint32_t> grid_2d(const Caps& caps, std::uint32_t n);

}  // namespace rwkv::vk
