// Vulkan context: adapters, device, queue, buffers, submissions (vk_context.h).
#include "vulkan/vk_context.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <mutex>

#include "rwkv/error.h"

namespace rwkv::vk {
namespace {

constexpr const char* kValidationLayer = "VK_LAYER_KHRONOS_validation";

std::string mib(std::uint64_t bytes) { return std::to_string((bytes + (1 << 19)) >> 20) + " MiB"; }

std::string lower(std::string s) {
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool has_layer(const char* name) {
    std::uint32_t n = 0;
    if (vkEnumerateInstanceLayerProperties(&n, nullptr) != VK_SUCCESS) return false;
    std::vector<VkLayerProperties> layers(n);
    vkEnumerateInstanceLayerProperties(&n, layers.data());
    for (const auto& l : layers)
        if (std::strcmp(l.layerName, name) == 0) return true;
    return false;
}

bool has_instance_extension(const char* name) {
    std::uint32_t n = 0;
    if (vkEnumerateInstanceExtensionProperties(nullptr, &n, nullptr) != VK_SUCCESS) return false;
    std::vector<VkExtensionProperties> ext(n);
    vkEnumerateInstanceExtensionProperties(nullptr, &n, ext.data());
    for (const auto& e : ext)
        if (std::strcmp(e.extensionName, name) == 0) return true;
    return false;
}

bool has_device_extension(VkPhysicalDevice pd, const char* name) {
    std::uint32_t n = 0;
    vkEnumerateDeviceExtensionProperties(pd, nullptr, &n, nullptr);
    std::vector<VkExtensionProperties> ext(n);
    vkEnumerateDeviceExtensionProperties(pd, nullptr, &n, ext.data());
    for (const auto& e : ext)
        if (std::strcmp(e.extensionName, name) == 0) return true;
    return false;
}

VkInstance new_instance(bool validation, bool debug_utils) {
    VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
    app.pApplicationName = "RWKV Desktop";
    app.pEngineName = "librwkv";
    app.apiVersion = VK_API_VERSION_1_2;
    VkInstanceCreateInfo ci{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
    ci.pApplicationInfo = &app;
    const char* layers[] = {kValidationLayer};
    const char* exts[] = {VK_EXT_DEBUG_UTILS_EXTENSION_NAME};
    if (validation) {
        ci.enabledLayerCount = 1;
        ci.ppEnabledLayerNames = layers;
    }
    if (debug_utils) {
        ci.enabledExtensionCount = 1;
        ci.ppEnabledExtensionNames = exts;
    }
    VkInstance inst = VK_NULL_HANDLE;
    const VkResult r = vkCreateInstance(&ci, nullptr, &inst);
    if (r == VK_ERROR_INCOMPATIBLE_DRIVER || r == VK_ERROR_INITIALIZATION_FAILED || r == VK_ERROR_LAYER_NOT_PRESENT ||
        r == VK_ERROR_EXTENSION_NOT_PRESENT) {
        throw Error(ErrorCode::BackendUnavailable, "no Vulkan 1.2 driver is installed (vkCreateInstance failed, VkResult " +
                                                       std::to_string(int(r)) + ")");
    }
    check(r, "creating the Vulkan instance");
    return inst;
}

// The process's VkInstance for one validation mode: created on first use, then kept until the process exits, never
// destroyed and created again. NVIDIA's driver fails vkCreateInstance with VK_ERROR_INCOMPATIBLE_DRIVER after many
// create / destroy cycles in one process (session 37: test_vulkan_int8 on the H200, after the cases' model loads;
// reported by others as other corruption after ~11 cycles), and every model load and device listing was one cycle.
// A failed creation is not kept: the next call tries again. Thread-safe.
VkInstance process_instance(bool validation) {
    static std::mutex mu;
    static VkInstance instances[2] = {VK_NULL_HANDLE, VK_NULL_HANDLE};
    std::lock_guard lock(mu);
    VkInstance& inst = instances[validation ? 1 : 0];
    if (!inst) inst = new_instance(validation, validation && has_instance_extension(VK_EXT_DEBUG_UTILS_EXTENSION_NAME));
    return inst;
}

DeviceInfo describe(VkPhysicalDevice pd, int index) {
    DeviceInfo d;
    d.index = index;
    VkPhysicalDeviceProperties p{};
    vkGetPhysicalDeviceProperties(pd, &p);
    d.name = p.deviceName;
    d.type = p.deviceType;
    d.api_version = p.apiVersion;

    const bool budget_ext = has_device_extension(pd, VK_EXT_MEMORY_BUDGET_EXTENSION_NAME);
    VkPhysicalDeviceMemoryBudgetPropertiesEXT budget{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_BUDGET_PROPERTIES_EXT};
    VkPhysicalDeviceMemoryProperties2 mp{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_PROPERTIES_2};
    if (budget_ext) mp.pNext = &budget;
    vkGetPhysicalDeviceMemoryProperties2(pd, &mp);
    for (std::uint32_t h = 0; h < mp.memoryProperties.memoryHeapCount; ++h) {
        const auto& heap = mp.memoryProperties.memoryHeaps[h];
        if (!(heap.flags & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT) || heap.size < d.local_bytes) continue;
        d.local_bytes = heap.size;
        d.budget_bytes = budget_ext && budget.heapBudget[h] > 0 ? budget.heapBudget[h] : heap.size;
    }

    VkPhysicalDeviceVulkan11Features f11{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES};
    VkPhysicalDeviceFeatures2 f{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
    f.pNext = &f11;
    if (p.apiVersion >= VK_API_VERSION_1_2) vkGetPhysicalDeviceFeatures2(pd, &f);
    d.usable = p.apiVersion >= VK_API_VERSION_1_2 && f11.storageBuffer16BitAccess;
    return d;
}

int type_rank(VkPhysicalDeviceType t) {
    switch (t) {
        case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return 0;
        case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return 1;
        case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return 2;
        case VK_PHYSICAL_DEVICE_TYPE_CPU: return 3;
        default: return 4;
    }
}

}  // namespace

void check(VkResult r, const std::string& what) {
    if (r == VK_SUCCESS) return;
    switch (r) {
        case VK_ERROR_OUT_OF_DEVICE_MEMORY:
            throw Error(ErrorCode::OutOfMemory, "the GPU is out of memory (" + what + ")");
        case VK_ERROR_OUT_OF_HOST_MEMORY:
            throw Error(ErrorCode::OutOfMemory, "out of host memory in the Vulkan driver (" + what + ")");
        case VK_ERROR_FRAGMENTED_POOL:
        case VK_ERROR_OUT_OF_POOL_MEMORY:
        case VK_ERROR_TOO_MANY_OBJECTS:
            throw Error(ErrorCode::OutOfMemory, "Vulkan ran out of object memory (" + what + ")");
        case VK_ERROR_DEVICE_LOST:
            throw Error(ErrorCode::BackendUnavailable, "the Vulkan device was lost (" + what + ")");
        case VK_ERROR_INCOMPATIBLE_DRIVER:
        case VK_ERROR_INITIALIZATION_FAILED:
        case VK_ERROR_FEATURE_NOT_PRESENT:
        case VK_ERROR_EXTENSION_NOT_PRESENT:
            throw Error(ErrorCode::BackendUnavailable, "the Vulkan driver cannot do this (" + what + ", VkResult " +
                                                           std::to_string(int(r)) + ")");
        default:
            throw Error(ErrorCode::Internal, "Vulkan call failed (" + what + ", VkResult " + std::to_string(int(r)) + ")");
    }
}

std::string DeviceInfo::type_name() const {
    switch (type) {
        case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return "discrete";
        case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return "integrated";
        case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return "virtual";
        case VK_PHYSICAL_DEVICE_TYPE_CPU: return "cpu";
        default: return "other";
    }
}

std::vector<DeviceInfo> list_devices() {
    VkInstance inst = process_instance(false);
    std::uint32_t n = 0;
    VkResult r = vkEnumeratePhysicalDevices(inst, &n, nullptr);
    std::vector<VkPhysicalDevice> pds(n);
    if (r == VK_SUCCESS && n > 0) r = vkEnumeratePhysicalDevices(inst, &n, pds.data());
    std::vector<DeviceInfo> out;
    if (r == VK_SUCCESS || r == VK_INCOMPLETE) {
        for (std::uint32_t i = 0; i < n; ++i) out.push_back(describe(pds[i], int(i)));
    }
    return out;
}

DeviceInfo choose_device(const std::vector<DeviceInfo>& devices, const std::string& selector,
                         std::uint64_t needed_bytes) {
    if (devices.empty()) throw Error(ErrorCode::BackendUnavailable, "no Vulkan device is present");
    std::string list;
    for (const auto& d : devices) {
        list += (list.empty() ? "" : ", ") + std::to_string(d.index) + ": " + d.name + " (" + d.type_name() +
                (d.usable ? "" : ", unusable: needs Vulkan 1.2 and 16-bit storage") + ")";
    }
    const DeviceInfo* pick = nullptr;
    if (selector.empty() || selector == "auto") {
        auto better = [&](const DeviceInfo& a, const DeviceInfo& b) {  // a ranks before b
            const bool fa = a.budget_bytes >= needed_bytes, fb = b.budget_bytes >= needed_bytes;
            if (fa != fb) return fa;
            if (type_rank(a.type) != type_rank(b.type)) return type_rank(a.type) < type_rank(b.type);
            return a.budget_bytes > b.budget_bytes;
        };
        for (const auto& d : devices)
            if (d.usable && (!pick || better(d, *pick))) pick = &d;
        if (!pick) throw Error(ErrorCode::BackendUnavailable, "no usable Vulkan device (" + list + ")");
        return *pick;
    }
    const bool numeric = std::all_of(selector.begin(), selector.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    for (const auto& d : devices) {
        if (numeric ? d.index == std::atoi(selector.c_str()) : lower(d.name).find(lower(selector)) != std::string::npos) {
            pick = &d;
            break;
        }
    }
    if (!pick) throw Error(ErrorCode::BackendUnavailable, "no Vulkan device matches '" + selector + "' (" + list + ")");
    if (!pick->usable) {
        throw Error(ErrorCode::BackendUnavailable,
                    "Vulkan device '" + pick->name + "' lacks Vulkan 1.2 or 16-bit storage buffers");
    }
    return *pick;
}

std::optional<DeviceInfo> auto_device(const std::vector<DeviceInfo>& devices, std::uint64_t needed_bytes) {
    const DeviceInfo* best = nullptr;
    for (const auto& d : devices) {
        if (!d.usable || d.type != VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU || d.budget_bytes < needed_bytes) continue;
        if (!best || d.budget_bytes > best->budget_bytes) best = &d;
    }
    if (!best) return std::nullopt;
    return *best;
}

// --- Buffer ---

Buffer::Buffer(std::shared_ptr<Context> ctx, VkDeviceSize size, MemoryKind kind, const std::string& purpose)
    : ctx_(std::move(ctx)), size_(size) {
    VkDevice dev = ctx_->device();
    VkBufferCreateInfo bi{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
    bi.size = std::max<VkDeviceSize>(size, 4);
    bi.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
    const bool with_address = kind == MemoryKind::Device && ctx_->caps().buffer_address;
    if (with_address) bi.usage |= VK_BUFFER_USAGE_SHADER_DEVICE_ADDRESS_BIT;
    bi.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    const std::string what = "allocating " + mib(size) + " for " + purpose + " on " + ctx_->info().name;
    check(vkCreateBuffer(dev, &bi, nullptr, &buffer_), what);
    VkMemoryRequirements req{};
    vkGetBufferMemoryRequirements(dev, buffer_, &req);
    VkMemoryAllocateInfo ai{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    ai.allocationSize = req.size;
    ai.memoryTypeIndex = ctx_->memory_type(req.memoryTypeBits, kind);
    VkMemoryAllocateFlagsInfo af{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_FLAGS_INFO};
    af.flags = VK_MEMORY_ALLOCATE_DEVICE_ADDRESS_BIT;
    if (with_address) ai.pNext = &af;
    const VkResult r = vkAllocateMemory(dev, &ai, nullptr, &memory_);
    if (r != VK_SUCCESS) {
        vkDestroyBuffer(dev, buffer_, nullptr);
        buffer_ = VK_NULL_HANDLE;
        check(r, what);
    }
    check(vkBindBufferMemory(dev, buffer_, memory_, 0), what);
    if (kind != MemoryKind::Device) check(vkMapMemory(dev, memory_, 0, VK_WHOLE_SIZE, 0, &mapped_), what);
    if (with_address) {
        VkBufferDeviceAddressInfo info{VK_STRUCTURE_TYPE_BUFFER_DEVICE_ADDRESS_INFO};
        info.buffer = buffer_;
        address_ = vkGetBufferDeviceAddress(dev, &info);
    }
}

Buffer Buffer::import_host(std::shared_ptr<Context> ctx, void* ptr, VkDeviceSize size, const std::string& purpose) {
    const std::uint64_t align = ctx->caps().host_import_align;
    const std::string what = "importing " + mib(size) + " of host memory for " + purpose + " on " + ctx->info().name;
    if (align == 0 || reinterpret_cast<std::uintptr_t>(ptr) % align != 0 || size % align != 0 || size == 0)
        throw Error(ErrorCode::Internal, what + ": not available or not aligned");
    VkDevice dev = ctx->device();
    auto get_props = reinterpret_cast<PFN_vkGetMemoryHostPointerPropertiesEXT>(
        vkGetDeviceProcAddr(dev, "vkGetMemoryHostPointerPropertiesEXT"));
    if (!get_props) throw Error(ErrorCode::BackendUnavailable, what + ": no vkGetMemoryHostPointerPropertiesEXT");
    VkMemoryHostPointerPropertiesEXT hp{VK_STRUCTURE_TYPE_MEMORY_HOST_POINTER_PROPERTIES_EXT};
    check(get_props(dev, VK_EXTERNAL_MEMORY_HANDLE_TYPE_HOST_ALLOCATION_BIT_EXT, ptr, &hp), what);
    Buffer b;
    b.ctx_ = ctx;
    b.size_ = size;
    VkExternalMemoryBufferCreateInfo eb{VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_BUFFER_CREATE_INFO};
    eb.handleTypes = VK_EXTERNAL_MEMORY_HANDLE_TYPE_HOST_ALLOCATION_BIT_EXT;
    VkBufferCreateInfo bi{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
    bi.pNext = &eb;
    bi.size = size;
    bi.usage = VK_BUFFER_USAGE_TRANSFER_DST_BIT;
    bi.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    check(vkCreateBuffer(dev, &bi, nullptr, &b.buffer_), what);  // b's destructor cleans up from here on
    VkMemoryRequirements req{};
    vkGetBufferMemoryRequirements(dev, b.buffer_, &req);
    const std::uint32_t bits = req.memoryTypeBits & hp.memoryTypeBits;
    if (bits == 0) throw Error(ErrorCode::BackendUnavailable, what + ": no memory type fits");
    VkImportMemoryHostPointerInfoEXT ii{VK_STRUCTURE_TYPE_IMPORT_MEMORY_HOST_POINTER_INFO_EXT};
    ii.handleType = VK_EXTERNAL_MEMORY_HANDLE_TYPE_HOST_ALLOCATION_BIT_EXT;
    ii.pHostPointer = ptr;
    VkMemoryAllocateInfo ai{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    ai.pNext = &ii;
    ai.allocationSize = size;
    ai.memoryTypeIndex = ctx->memory_type(bits, MemoryKind::Readback);
    check(vkAllocateMemory(dev, &ai, nullptr, &b.memory_), what);
    check(vkBindBufferMemory(dev, b.buffer_, b.memory_, 0), what);
    return b;
}

Buffer::~Buffer() {
    if (!ctx_) return;
    VkDevice dev = ctx_->device();
    if (mapped_) vkUnmapMemory(dev, memory_);
    if (buffer_) vkDestroyBuffer(dev, buffer_, nullptr);
    if (memory_) vkFreeMemory(dev, memory_, nullptr);
}

void Buffer::swap(Buffer& o) noexcept {
    std::swap(ctx_, o.ctx_);
    std::swap(buffer_, o.buffer_);
    std::swap(memory_, o.memory_);
    std::swap(size_, o.size_);
    std::swap(mapped_, o.mapped_);
    std::swap(address_, o.address_);
}

// --- Context ---

std::shared_ptr<Context> Context::create(const DeviceInfo& device, const ContextOptions& options) {
    std::shared_ptr<Context> c(new Context());
    const char* env = std::getenv("RWKV_VK_VALIDATION");
    const bool want_validation = options.validation || (env && std::string(env) == "1");
    const bool validation = want_validation && has_layer(kValidationLayer);
    const bool debug_utils = validation && has_instance_extension(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
    c->instance_ = process_instance(validation);
    if (debug_utils) {
        auto create = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
            vkGetInstanceProcAddr(c->instance_, "vkCreateDebugUtilsMessengerEXT"));
        VkDebugUtilsMessengerCreateInfoEXT mi{VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
        mi.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
        mi.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT;
        mi.pfnUserCallback = &Context::on_message;
        mi.pUserData = c.get();
        if (create) check(create(c->instance_, &mi, nullptr, &c->messenger_), "creating the validation messenger");
    }

    std::uint32_t n = 0;
    check(vkEnumeratePhysicalDevices(c->instance_, &n, nullptr), "listing Vulkan devices");
    std::vector<VkPhysicalDevice> pds(n);
    check(vkEnumeratePhysicalDevices(c->instance_, &n, pds.data()), "listing Vulkan devices");
    if (device.index < 0 || std::uint32_t(device.index) >= n) {
        throw Error(ErrorCode::BackendUnavailable, "Vulkan device " + std::to_string(device.index) + " disappeared");
    }
    c->physical_ = pds[std::size_t(device.index)];
    c->info_ = describe(c->physical_, device.index);
    vkGetPhysicalDeviceMemoryProperties(c->physical_, &c->mem_props_);

    // Capabilities.
    VkPhysicalDeviceSubgroupProperties sub{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_PROPERTIES};
    VkPhysicalDeviceMaintenance3Properties m3{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MAINTENANCE_3_PROPERTIES};
    m3.pNext = &sub;
    VkPhysicalDeviceProperties2 props{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2};
    props.pNext = &m3;
    vkGetPhysicalDeviceProperties2(c->physical_, &props);
    const VkPhysicalDeviceLimits& lim = props.properties.limits;
    c->caps_.max_storage_range = lim.maxStorageBufferRange;
    c->caps_.max_allocation = m3.maxMemoryAllocationSize;
    c->caps_.min_storage_align = std::max<VkDeviceSize>(lim.minStorageBufferOffsetAlignment, 4);
    c->caps_.max_group_count_x = lim.maxComputeWorkGroupCount[0];
    c->caps_.max_group_count_y = lim.maxComputeWorkGroupCount[1];
    c->caps_.subgroup_size = sub.subgroupSize;
    c->caps_.max_workgroup_size = std::min(lim.maxComputeWorkGroupInvocations, lim.maxComputeWorkGroupSize[0]);
    c->caps_.cpu_device = props.properties.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU;
    c->caps_.subgroup_arithmetic = (sub.supportedStages & VK_SHADER_STAGE_COMPUTE_BIT) &&
                                   (sub.supportedOperations & VK_SUBGROUP_FEATURE_ARITHMETIC_BIT);
    c->caps_.subgroup_shuffle = c->caps_.subgroup_arithmetic &&
                                (sub.supportedOperations & VK_SUBGROUP_FEATURE_SHUFFLE_BIT);

    VkPhysicalDeviceVulkan12Features f12{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES};
    VkPhysicalDeviceVulkan11Features f11{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES};
    f11.pNext = &f12;
    VkPhysicalDeviceFeatures2 feats{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
    feats.pNext = &f11;
    vkGetPhysicalDeviceFeatures2(c->physical_, &feats);
    if (!f11.storageBuffer16BitAccess) {
        throw Error(ErrorCode::BackendUnavailable, "Vulkan device '" + c->info_.name + "' lacks 16-bit storage buffers");
    }
    c->caps_.fp16_arithmetic = f12.shaderFloat16;
    c->caps_.storage_8bit = f12.storageBuffer8BitAccess;

    // Enable only what we use: 16-bit storage (required), the optional ones when present.
    VkPhysicalDeviceVulkan12Features e12{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES};
    e12.shaderFloat16 = f12.shaderFloat16;
    e12.storageBuffer8BitAccess = f12.storageBuffer8BitAccess;
    // Buffer device addresses: the rows path binds each sequence's state through its address (rows_state.glsl).
    const char* bda_env = std::getenv("RWKV_VK_BDA");
    e12.bufferDeviceAddress = f12.bufferDeviceAddress && !(bda_env && std::string(bda_env) == "0");
    c->caps_.buffer_address = e12.bufferDeviceAddress;
    VkPhysicalDeviceVulkan11Features e11{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES};
    e11.storageBuffer16BitAccess = VK_TRUE;
    // fp64 and int64 arithmetic: the device sampler's exact sums (sample.comp); without them the host samples.
    VkPhysicalDeviceFeatures core{};
    core.shaderFloat64 = feats.features.shaderFloat64;
    core.shaderInt64 = feats.features.shaderInt64;
    c->caps_.device_sampling = core.shaderFloat64 && core.shaderInt64;
    e11.pNext = &e12;

    std::uint32_t qn = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(c->physical_, &qn, nullptr);
    std::vector<VkQueueFamilyProperties> qf(qn);
    vkGetPhysicalDeviceQueueFamilyProperties(c->physical_, &qn, qf.data());
    bool found = false;
    for (std::uint32_t i = 0; i < qn && !found; ++i) {  // prefer a compute queue without graphics
        if ((qf[i].queueFlags & VK_QUEUE_COMPUTE_BIT) && !(qf[i].queueFlags & VK_QUEUE_GRAPHICS_BIT)) {
            c->queue_family_ = i;
            found = true;
        }
    }
    for (std::uint32_t i = 0; i < qn && !found; ++i) {
        if (qf[i].queueFlags & VK_QUEUE_COMPUTE_BIT) {
            c->queue_family_ = i;
            found = true;
        }
    }
    if (!found) throw Error(ErrorCode::BackendUnavailable, "Vulkan device '" + c->info_.name + "' has no compute queue");
    c->caps_.timestamp_bits = qf[c->queue_family_].timestampValidBits;
    c->caps_.timestamp_ns = lim.timestampPeriod;

    // Diagnostics: the driver's per-pipeline statistics (registers, spills), printed by vk_pipeline.cpp.
    const char* stats_env = std::getenv("RWKV_VK_PIPELINE_STATS");
    VkPhysicalDevicePipelineExecutablePropertiesFeaturesKHR pe{
        VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PIPELINE_EXECUTABLE_PROPERTIES_FEATURES_KHR};
    std::vector<const char*> extensions;
    void** tail = &e12.pNext;  // optional feature structs are chained here
    // Cooperative matrix (gemm_coop.comp): the NV extension (Debian 12's glslc compiles GL_NV_cooperative_matrix
    // only) with the one shape the shader uses.
    VkPhysicalDeviceCooperativeMatrixFeaturesNV cm{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_COOPERATIVE_MATRIX_FEATURES_NV};
    const char* coop_env = std::getenv("RWKV_VK_COOP");
    if (!(coop_env && std::string(coop_env) == "0") && f12.shaderFloat16 &&
        (sub.supportedOperations & VK_SUBGROUP_FEATURE_BALLOT_BIT) &&
        (sub.supportedStages & VK_SHADER_STAGE_COMPUTE_BIT) &&
        has_device_extension(c->physical_, VK_NV_COOPERATIVE_MATRIX_EXTENSION_NAME)) {
        VkPhysicalDeviceCooperativeMatrixFeaturesNV q{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_COOPERATIVE_MATRIX_FEATURES_NV};
        VkPhysicalDeviceFeatures2 f2{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
        f2.pNext = &q;
        vkGetPhysicalDeviceFeatures2(c->physical_, &f2);
        auto get_props = reinterpret_cast<PFN_vkGetPhysicalDeviceCooperativeMatrixPropertiesNV>(
            vkGetInstanceProcAddr(c->instance_, "vkGetPhysicalDeviceCooperativeMatrixPropertiesNV"));
        bool shape = false;
        if (q.cooperativeMatrix && get_props) {
            std::uint32_t np = 0;
            get_props(c->physical_, &np, nullptr);
            std::vector<VkCooperativeMatrixPropertiesNV> cp(np, {VK_STRUCTURE_TYPE_COOPERATIVE_MATRIX_PROPERTIES_NV});
            if (np) get_props(c->physical_, &np, cp.data());
            for (const auto& p : cp) {
                shape = shape || (p.MSize == 16 && p.NSize == 16 && p.KSize == 16 &&
                                  p.AType == VK_COMPONENT_TYPE_FLOAT16_NV && p.BType == VK_COMPONENT_TYPE_FLOAT16_NV &&
                                  p.CType == VK_COMPONENT_TYPE_FLOAT32_NV && p.DType == VK_COMPONENT_TYPE_FLOAT32_NV &&
                                  p.scope == VK_SCOPE_SUBGROUP_NV);
            }
        }
        if (shape) {
            extensions.push_back(VK_NV_COOPERATIVE_MATRIX_EXTENSION_NAME);
            cm.cooperativeMatrix = VK_TRUE;
            *tail = &cm;
            tail = &cm.pNext;
            c->caps_.coop_matrix = true;
        }
    }
    // Integer dot products (VK_KHR_shader_integer_dot_product, core in Vulkan 1.3; the instance asks for 1.2, so the
    // extension): the int8 matvec's dot-product form (matvec_wide_i8_dot.comp, RWKV_VK_I8_DOT).
    VkPhysicalDeviceShaderIntegerDotProductFeaturesKHR idot{
        VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_INTEGER_DOT_PRODUCT_FEATURES_KHR};
    if (has_device_extension(c->physical_, VK_KHR_SHADER_INTEGER_DOT_PRODUCT_EXTENSION_NAME)) {
        VkPhysicalDeviceShaderIntegerDotProductFeaturesKHR q{
            VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_INTEGER_DOT_PRODUCT_FEATURES_KHR};
        VkPhysicalDeviceFeatures2 f2{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
        f2.pNext = &q;
        vkGetPhysicalDeviceFeatures2(c->physical_, &f2);
        if (q.shaderIntegerDotProduct) {
            VkPhysicalDeviceShaderIntegerDotProductPropertiesKHR ip{
                VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_INTEGER_DOT_PRODUCT_PROPERTIES_KHR};
            VkPhysicalDeviceProperties2 p2{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2};
            p2.pNext = &ip;
            vkGetPhysicalDeviceProperties2(c->physical_, &p2);
            extensions.push_back(VK_KHR_SHADER_INTEGER_DOT_PRODUCT_EXTENSION_NAME);
            idot.shaderIntegerDotProduct = VK_TRUE;
            *tail = &idot;
            tail = &idot.pNext;
            c->caps_.int_dot = true;
            c->caps_.int_dot_accelerated = ip.integerDotProduct4x8BitPackedSignedAccelerated;
        }
    }
    // Host memory import (VK_EXT_external_memory_host): batched logits copied by the device straight into the
    // caller's page-locked buffer, no host memcpy (docs/perf-notes.md "Rows path v6").
    if (has_device_extension(c->physical_, VK_EXT_EXTERNAL_MEMORY_HOST_EXTENSION_NAME)) {
        VkPhysicalDeviceExternalMemoryHostPropertiesEXT hp{
            VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_MEMORY_HOST_PROPERTIES_EXT};
        VkPhysicalDeviceProperties2 p2{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2};
        p2.pNext = &hp;
        vkGetPhysicalDeviceProperties2(c->physical_, &p2);
        if (hp.minImportedHostPointerAlignment > 0) {
            extensions.push_back(VK_EXT_EXTERNAL_MEMORY_HOST_EXTENSION_NAME);
            c->caps_.host_import_align = hp.minImportedHostPointerAlignment;
        }
    }
    if (stats_env && std::string(stats_env) == "1" &&
        has_device_extension(c->physical_, VK_KHR_PIPELINE_EXECUTABLE_PROPERTIES_EXTENSION_NAME)) {
        extensions.push_back(VK_KHR_PIPELINE_EXECUTABLE_PROPERTIES_EXTENSION_NAME);
        pe.pipelineExecutableInfo = VK_TRUE;
        *tail = &pe;
        c->caps_.pipeline_stats = true;
    }

    const float prio = 1.0f;
    VkDeviceQueueCreateInfo qi{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
    qi.queueFamilyIndex = c->queue_family_;
    qi.queueCount = 1;
    qi.pQueuePriorities = &prio;
    VkDeviceCreateInfo di{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
    di.pNext = &e11;
    di.pEnabledFeatures = &core;
    di.queueCreateInfoCount = 1;
    di.pQueueCreateInfos = &qi;
    di.enabledExtensionCount = std::uint32_t(extensions.size());
    di.ppEnabledExtensionNames = extensions.data();
    check(vkCreateDevice(c->physical_, &di, nullptr, &c->device_), "creating the Vulkan device on " + c->info_.name);
    vkGetDeviceQueue(c->device_, c->queue_family_, 0, &c->queue_);

    VkCommandPoolCreateInfo pi{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    pi.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT | VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
    pi.queueFamilyIndex = c->queue_family_;
    check(vkCreateCommandPool(c->device_, &pi, nullptr, &c->once_pool_), "creating a command pool");
    VkFenceCreateInfo fi{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    check(vkCreateFence(c->device_, &fi, nullptr, &c->fence_), "creating a fence");
    const char* spin = std::getenv("RWKV_VK_SPIN");
    c->spin_wait_ = spin && *spin ? std::string(spin) == "1" : !c->caps_.cpu_device;
    return c;
}

Context::~Context() {
    if (device_) {
        vkDeviceWaitIdle(device_);
        if (fence_) vkDestroyFence(device_, fence_, nullptr);
        if (once_pool_) vkDestroyCommandPool(device_, once_pool_, nullptr);
        vkDestroyDevice(device_, nullptr);
    }
    if (messenger_) {
        auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
            vkGetInstanceProcAddr(instance_, "vkDestroyDebugUtilsMessengerEXT"));
        if (destroy) destroy(instance_, messenger_, nullptr);
    }
    // instance_ is the process's (process_instance): kept.
}

VKAPI_ATTR VkBool32 VKAPI_CALL Context::on_message(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                                   VkDebugUtilsMessageTypeFlagsEXT,
                                                   const VkDebugUtilsMessengerCallbackDataEXT* data, void* self) {
    if (severity >= VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT && data && data->pMessage) {
        auto* c = static_cast<Context*>(self);
        std::lock_guard lock(c->msg_mu_);
        c->validation_errors_.emplace_back(data->pMessage);
    }
    return VK_FALSE;
}

std::vector<std::string> Context::validation_errors() const {
    std::lock_guard lock(msg_mu_);
    return validation_errors_;
}

std::uint32_t Context::memory_type(std::uint32_t type_bits, MemoryKind kind) const {
    auto find = [&](VkMemoryPropertyFlags want) -> int {
        for (std::uint32_t i = 0; i < mem_props_.memoryTypeCount; ++i) {
            if ((type_bits & (1u << i)) && (mem_props_.memoryTypes[i].propertyFlags & want) == want) return int(i);
        }
        return -1;
    };
    const VkMemoryPropertyFlags host = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    int t = -1;
    switch (kind) {
        case MemoryKind::Device: t = find(VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT); break;
        case MemoryKind::Upload: t = find(host); break;
        case MemoryKind::Readback:
            t = find(host | VK_MEMORY_PROPERTY_HOST_CACHED_BIT);
            if (t < 0) t = find(host);
            break;
    }
    if (t < 0) t = find(0);
    if (t < 0) throw Error(ErrorCode::BackendUnavailable, "no suitable Vulkan memory type on " + info_.name);
    return std::uint32_t(t);
}

VkCommandPool Context::create_command_pool() const {
    VkCommandPoolCreateInfo pi{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    pi.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
    pi.queueFamilyIndex = queue_family_;
    VkCommandPool pool = VK_NULL_HANDLE;
    check(vkCreateCommandPool(device_, &pi, nullptr, &pool), "creating a command pool");
    return pool;
}

void Context::allocate_command_buffers(VkCommandPool pool, VkCommandBuffer* out, std::uint32_t n) const {
    VkCommandBufferAllocateInfo ai{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    ai.commandPool = pool;
    ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    ai.commandBufferCount = n;
    check(vkAllocateCommandBuffers(device_, &ai, out), "allocating command buffers");
}

void Context::submit_and_wait(const std::vector<VkCommandBuffer>& cmds) {
    std::lock_guard lock(queue_mu_);
    VkSubmitInfo si{VK_STRUCTURE_TYPE_SUBMIT_INFO};
    si.commandBufferCount = std::uint32_t(cmds.size());
    si.pCommandBuffers = cmds.data();
    check(vkQueueSubmit(queue_, 1, &si, fence_), "submitting work to " + info_.name);
    VkResult r = VK_NOT_READY;
    if (spin_wait_) {  // poll: a blocking wait returned 0.1-0.6 ms late per token on the H200 (perf-notes "B=1 v3")
        const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(kSpinMs);
        while ((r = vkGetFenceStatus(device_, fence_)) == VK_NOT_READY && std::chrono::steady_clock::now() < until) {
        }
    }
    if (r == VK_NOT_READY) r = vkWaitForFences(device_, 1, &fence_, VK_TRUE, UINT64_MAX);
    vkResetFences(device_, 1, &fence_);
    check(r, "waiting for " + info_.name);
}

void Context::run_once(const std::function<void(VkCommandBuffer)>& fn) {
    VkCommandBufferAllocateInfo ai{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    ai.commandPool = once_pool_;
    ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    ai.commandBufferCount = 1;
    VkCommandBuffer cmd = VK_NULL_HANDLE;
    {
        std::lock_guard lock(queue_mu_);  // the pool is shared: allocate/free under the queue lock
        check(vkAllocateCommandBuffers(device_, &ai, &cmd), "allocating a command buffer");
    }
    struct Free {
        Context* c;
        VkCommandBuffer cmd;
        ~Free() {
            std::lock_guard lock(c->queue_mu_);
            vkFreeCommandBuffers(c->device_, c->once_pool_, 1, &cmd);
        }
    } guard{this, cmd};
    VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    check(vkBeginCommandBuffer(cmd, &bi), "recording");
    fn(cmd);
    check(vkEndCommandBuffer(cmd), "recording");
    submit_and_wait({cmd});
}

void full_barrier(VkCommandBuffer cmd) {
    VkMemoryBarrier mb{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
    mb.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT | VK_ACCESS_HOST_WRITE_BIT;
    mb.dstAccessMask = VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_READ_BIT |
                       VK_ACCESS_TRANSFER_WRITE_BIT | VK_ACCESS_HOST_READ_BIT;
    const VkPipelineStageFlags stages =
        VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT | VK_PIPELINE_STAGE_HOST_BIT;
    vkCmdPipelineBarrier(cmd, stages, stages, 0, 1, &mb, 0, nullptr, 0, nullptr);
}

void compute_barrier(VkCommandBuffer cmd) {
    VkMemoryBarrier mb{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
    mb.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT;
    mb.dstAccessMask = VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT;
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, 0, 1, &mb, 0,
                         nullptr, 0, nullptr);
}

}  // namespace rwkv::vk
