// Vulkan device context of the Vulkan backend: adapter listing and choice, the logical device and its compute
// queue, device capabilities as named values, memory/buffers, one-shot submissions and the mapping of VkResult
// to rwkv::Error. Vulkan 1.2 C API. Everything here is internal to the engine (no public header).
#pragma once

#include <vulkan/vulkan.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace rwkv::vk {

/// Throws rwkv::Error for a failed VkResult: OutOfMemory for VK_ERROR_OUT_OF_{DEVICE,HOST}_MEMORY (and
/// fragmented/too-many-objects), BackendUnavailable for a lost device or missing driver, Internal otherwise.
/// `what` names the operation ("allocating 512 MiB for weights").
void check(VkResult r, const std::string& what);

/// One Vulkan adapter as seen by list_devices().
struct DeviceInfo {
    int index = 0;                 // position in vkEnumeratePhysicalDevices, what "vulkan:N" pins
    std::string name;              // driver's device name ("llvmpipe (LLVM 15.0.6, 256 bits)", "NVIDIA H200")
    VkPhysicalDeviceType type = VK_PHYSICAL_DEVICE_TYPE_OTHER;
    std::uint64_t local_bytes = 0;   // size of the largest device-local heap
    std::uint64_t budget_bytes = 0;  // VK_EXT_memory_budget of that heap (== local_bytes without the extension)
    std::uint32_t api_version = 0;
    bool usable = false;             // Vulkan 1.2 and 16-bit storage buffers (required by our shaders)
    std::string type_name() const;   // "discrete", "integrated", "virtual", "cpu", "other"
};

/// Lists the adapters of the system's Vulkan loader (through the process's instance, see Context). Throws
/// BackendUnavailable when there is no loader/driver.
std::vector<DeviceInfo> list_devices();

/// Picks an adapter for `selector` (the part after "vulkan:"; "" or "auto" = automatic). Automatic choice:
/// among usable adapters, those whose budget fits `needed_bytes` first, then discrete > integrated > virtual >
/// cpu > other, then the largest budget; so a CPU or integrated device is never taken while a discrete one
/// fits. A number pins by index, anything else by case-insensitive substring of the name. Throws
/// BackendUnavailable when nothing matches or the pinned device is not usable.
DeviceInfo choose_device(const std::vector<DeviceInfo>& devices, const std::string& selector,
                         std::uint64_t needed_bytes);

/// The adapter the engine's generic "auto" backend takes (after CUDA, before the CPU): the usable discrete GPU with
/// the most free memory among those whose budget holds `needed_bytes`; none when no discrete GPU fits (an
/// integrated GPU or a CPU driver is never chosen automatically: the CPU backend is the better default there).
std::optional<DeviceInfo> auto_device(const std::vector<DeviceInfo>& devices, std::uint64_t needed_bytes);

/// Capabilities of the opened device, queried once (ncnn's GpuInfo).
struct Caps {
    std::uint64_t max_storage_range = 0;   // maxStorageBufferRange (lavapipe 128 MiB, NVIDIA 4 GiB - 1)
    std::uint64_t max_allocation = 0;      // maxMemoryAllocationSize
    std::uint64_t min_storage_align = 0;   // minStorageBufferOffsetAlignment
    std::uint32_t max_group_count_x = 0;   // maxComputeWorkGroupCount[0]
    std::uint32_t max_group_count_y = 0;
    std::uint32_t subgroup_size = 0;       // informational only: shaders never assume a size
    std::uint32_t max_workgroup_size = 0;  // min(maxComputeWorkGroupInvocations, maxComputeWorkGroupSize[0])
    bool fp16_arithmetic = false;          // shaderFloat16 (optional, not used yet)
    bool storage_8bit = false;             // storageBuffer8BitAccess (optional: int8 weights via *_s8.comp)
    bool subgroup_arithmetic = false;      // VK_SUBGROUP_FEATURE_ARITHMETIC_BIT in compute (optional)
    bool subgroup_shuffle = false;         // VK_SUBGROUP_FEATURE_SHUFFLE_BIT too (wkv7_rows_sg: row sums)
    /// VK_NV_cooperative_matrix with a 16x16x16 fp16 x fp16 -> fp32 subgroup shape, shaderFloat16 and subgroup
    /// ballot: gemm_coop.comp can run (enabled on the device when present; RWKV_VK_COOP=0 hides it).
    bool coop_matrix = false;
    /// shaderFloat64 and shaderInt64 enabled: sample.comp (the batched decode's device sampler) can run.
    bool device_sampling = false;
    bool buffer_address = false;  // bufferDeviceAddress enabled: device buffers have addresses (RWKV_VK_BDA=0 hides it)
    /// VK_KHR_shader_integer_dot_product's shaderIntegerDotProduct enabled: SPV_KHR_integer_dot_product shaders
    /// (matvec_wide_i8_dot[_sg].comp, RWKV_VK_I8_DOT) can run.
    bool int_dot = false;
    /// integerDotProduct4x8BitPackedSignedAccelerated: the driver runs the 4 x 8-bit signed packed dot product
    /// natively (NVIDIA: IDP4A), not as shifts and multiplies (informational: it does not select a kernel).
    bool int_dot_accelerated = false;
    bool cpu_device = false;               // a CPU driver (lavapipe): wide workgroups without barriers win
    bool pipeline_stats = false;           // VK_KHR_pipeline_executable_properties enabled (RWKV_VK_PIPELINE_STATS=1)
    /// VK_EXT_external_memory_host enabled: minImportedHostPointerAlignment (0: not available). The rows path then
    /// copies batched logits straight into the caller's page-locked memory (Model::pin_host_memory).
    std::uint64_t host_import_align = 0;
    std::uint32_t timestamp_bits = 0;      // timestampValidBits of the queue family (0: no timestamps)
    double timestamp_ns = 0;               // timestampPeriod: nanoseconds per tick
};

enum class MemoryKind {
    Device,    // device-local, not necessarily host visible (weights, state, scratch)
    Upload,    // host visible + coherent, written by the CPU (staging, token ids)
    Readback,  // host visible + coherent (+ cached when available), read by the CPU (logits, downloads)
};

class Context;

/// A VkBuffer with its own VkDeviceMemory; mapped when host visible. Move-only RAII.
class Buffer {
public:
    Buffer() = default;
    Buffer(std::shared_ptr<Context> ctx, VkDeviceSize size, MemoryKind kind, const std::string& purpose);
    ~Buffer();
    Buffer(Buffer&& o) noexcept { swap(o); }
    Buffer& operator=(Buffer&& o) noexcept {
        Buffer t(std::move(o));
        swap(t);
        return *this;
    }
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;
    /// A transfer-destination buffer over host memory [ptr, ptr + size) imported with VK_EXT_external_memory_host
    /// (Caps::host_import_align > 0; ptr and size multiples of it). The memory must outlive the buffer.
    /// Throws Error (BackendUnavailable, OutOfMemory, ...) when the driver refuses the import.
    static Buffer import_host(std::shared_ptr<Context> ctx, void* ptr, VkDeviceSize size, const std::string& purpose);

    VkBuffer handle() const noexcept { return buffer_; }
    VkDeviceSize size() const noexcept { return size_; }
    void* mapped() const noexcept { return mapped_; }  // nullptr unless Upload/Readback
    /// The buffer's device address (GL_EXT_buffer_reference); 0 unless Caps::buffer_address and a Device buffer.
    VkDeviceAddress address() const noexcept { return address_; }

private:
    void swap(Buffer& o) noexcept;
    std::shared_ptr<Context> ctx_;
    VkBuffer buffer_ = VK_NULL_HANDLE;
    VkDeviceMemory memory_ = VK_NULL_HANDLE;
    VkDeviceSize size_ = 0;
    void* mapped_ = nullptr;
    VkDeviceAddress address_ = 0;
};

/// Context creation options (tests use them; the app takes the defaults).
struct ContextOptions {
    /// Enable VK_LAYER_KHRONOS_validation when installed (also when RWKV_VK_VALIDATION=1 is set).
    bool validation = false;
};

/// The chosen physical device, the logical device and its compute queue, on the process's VkInstance (one per
/// validation mode, created on first use and kept until exit: NVIDIA's driver refuses vkCreateInstance after many
/// create / destroy cycles in one process). With validation, each context's messenger hears the whole instance:
/// contexts alive at the same time see each other's validation errors.
class Context : public std::enable_shared_from_this<Context> {
public:
    static std::shared_ptr<Context> create(const DeviceInfo& device, const ContextOptions& options);
    ~Context();
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;

    VkDevice device() const noexcept { return device_; }
    VkPhysicalDevice physical() const noexcept { return physical_; }
    /// The process's instance this context lives on (shared with every context of the same validation mode).
    VkInstance instance() const noexcept { return instance_; }
    const Caps& caps() const noexcept { return caps_; }
    const DeviceInfo& info() const noexcept { return info_; }
    std::uint32_t queue_family() const noexcept { return queue_family_; }

    /// A command pool on this device's queue family whose buffers can be reset one by one (the caller destroys it).
    /// Throws Error(Backend).
    VkCommandPool create_command_pool() const;
    /// Allocates `n` primary command buffers from `pool` into out[0..n). Throws Error(Backend).
    void allocate_command_buffers(VkCommandPool pool, VkCommandBuffer* out, std::uint32_t n) const;
    /// Submits command buffers in order and waits for them. Serialised on the queue. GPUs: the fence is polled for
    /// up to kSpinMs (a token step returns ~0.5 ms sooner than from a blocking wait), then waited on; CPU drivers
    /// wait at once (a polling thread would take a core from the driver's workers). RWKV_VK_SPIN=0|1 overrides.
    void submit_and_wait(const std::vector<VkCommandBuffer>& cmds);
    /// Whether submit_and_wait polls the fence first.
    bool spin_wait() const noexcept { return spin_wait_; }
    static constexpr int kSpinMs = 50;
    /// Records `fn` into a one-time command buffer, submits it and waits.
    void run_once(const std::function<void(VkCommandBuffer)>& fn);

    /// Messages of the validation layer at error severity since creation (empty without validation).
    std::vector<std::string> validation_errors() const;
    bool validation_enabled() const noexcept { return messenger_ != VK_NULL_HANDLE; }

    std::uint32_t memory_type(std::uint32_t type_bits, MemoryKind kind) const;

private:
    Context() = default;
    static VKAPI_ATTR VkBool32 VKAPI_CALL on_message(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                                     VkDebugUtilsMessageTypeFlagsEXT, const VkDebugUtilsMessengerCallbackDataEXT* data,
                                                     void* self);

    VkInstance instance_ = VK_NULL_HANDLE;
    VkDebugUtilsMessengerEXT messenger_ = VK_NULL_HANDLE;
    VkPhysicalDevice physical_ = VK_NULL_HANDLE;
    VkDevice device_ = VK_NULL_HANDLE;
    VkQueue queue_ = VK_NULL_HANDLE;
    std::uint32_t queue_family_ = 0;
    VkCommandPool once_pool_ = VK_NULL_HANDLE;
    VkFence fence_ = VK_NULL_HANDLE;
    bool spin_wait_ = false;
    VkPhysicalDeviceMemoryProperties mem_props_{};
    Caps caps_;
    DeviceInfo info_;
    std::mutex queue_mu_;
    mutable std::mutex msg_mu_;
    std::vector<std::string> validation_errors_;
};

/// Full compute/transfer memory dependency: every earlier shader or transfer write is visible to every later
/// shader or transfer access. Used between dependent dispatches.
void full_barrier(VkCommandBuffer cmd);

/// Compute-to-compute memory dependency (shader writes visible to later shader reads and writes): the barrier
/// between dependent dispatches of a token step.
void compute_barrier(VkCommandBuffer cmd);

/// Rounds `v` up to a multiple of `a` (a > 0).
inline std::uint64_t align_up(std::uint64_t v, std::uint64_t a) { return (v + a - 1) / a * a; }

}  // namespace rwkv::vk
