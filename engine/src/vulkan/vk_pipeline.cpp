// Pipelines and the dispatch recorder (vk_pipeline.h).
#include "vulkan/vk_pipeline.h"

#include <algorithm>
#include <cstdio>

#include "rwkv/error.h"

namespace rwkv::vk {
namespace {
constexpr std::uint32_t kSetsPerPool = 512;
constexpr std::uint32_t kMaxBindings = 8;  // per set; the largest shaders (wkv7, ffn_value) bind 7 buffers
}  // namespace

Pipeline::Pipeline(std::shared_ptr<Context> ctx, Shader shader, std::uint32_t bindings, std::uint32_t push_bytes,
                   const std::vector<std::uint32_t>& spec)
    : ctx_(std::move(ctx)), bindings_(bindings), push_bytes_(push_bytes) {
    VkDevice dev = ctx_->device();
    const std::string what = std::string("creating pipeline ") + shader_name(shader);
    std::vector<VkDescriptorSetLayoutBinding> b(bindings);
    for (std::uint32_t i = 0; i < bindings; ++i) {
        b[i].binding = i;
        b[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
        b[i].descriptorCount = 1;
        b[i].stageFlags = VK_SHADER_STAGE_COMPUTE_BIT;
    }
    VkDescriptorSetLayoutCreateInfo li{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
    li.bindingCount = bindings;
    li.pBindings = b.data();
    check(vkCreateDescriptorSetLayout(dev, &li, nullptr, &set_layout_), what);

    VkPushConstantRange pr{VK_SHADER_STAGE_COMPUTE_BIT, 0, push_bytes};
    VkPipelineLayoutCreateInfo pli{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
    pli.setLayoutCount = 1;
    pli.pSetLayouts = &set_layout_;
    pli.pushConstantRangeCount = push_bytes ? 1 : 0;
    pli.pPushConstantRanges = &pr;
    check(vkCreatePipelineLayout(dev, &pli, nullptr, &layout_), what);

    const auto code = shader_spirv(shader);
    VkShaderModuleCreateInfo si{VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
    si.codeSize = code.size() * 4;
    si.pCode = code.data();
    VkShaderModule module = VK_NULL_HANDLE;
    check(vkCreateShaderModule(dev, &si, nullptr, &module), what);

    std::vector<VkSpecializationMapEntry> entries(spec.size());
    for (std::size_t i = 0; i < spec.size(); ++i) entries[i] = {std::uint32_t(i), std::uint32_t(i * 4), 4};
    VkSpecializationInfo spi{std::uint32_t(spec.size()), entries.data(), spec.size() * 4, spec.data()};
    VkComputePipelineCreateInfo ci{VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO};
    ci.stage.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
    ci.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
    ci.stage.module = module;
    ci.stage.pName = "main";
    ci.stage.pSpecializationInfo = spec.empty() ? nullptr : &spi;
    ci.layout = layout_;
    if (ctx_->caps().pipeline_stats) ci.flags |= VK_PIPELINE_CREATE_CAPTURE_STATISTICS_BIT_KHR;
    const VkResult r = vkCreateComputePipelines(dev, VK_NULL_HANDLE, 1, &ci, nullptr, &pipeline_);
    vkDestroyShaderModule(dev, module, nullptr);
    check(r, what);
    if (ctx_->caps().pipeline_stats) print_stats(shader, spec);
}

// RWKV_VK_PIPELINE_STATS=1: one stderr line per pipeline with the driver's statistics (registers, spills, ...).
void Pipeline::print_stats(Shader shader, const std::vector<std::uint32_t>& spec) const {
    VkDevice dev = ctx_->device();
    auto props = reinterpret_cast<PFN_vkGetPipelineExecutablePropertiesKHR>(
        vkGetDeviceProcAddr(dev, "vkGetPipelineExecutablePropertiesKHR"));
    auto stats = reinterpret_cast<PFN_vkGetPipelineExecutableStatisticsKHR>(
        vkGetDeviceProcAddr(dev, "vkGetPipelineExecutableStatisticsKHR"));
    if (!props || !stats) return;
    VkPipelineInfoKHR pi{VK_STRUCTURE_TYPE_PIPELINE_INFO_KHR};
    pi.pipeline = pipeline_;
    std::uint32_t n = 0;
    if (props(dev, &pi, &n, nullptr) != VK_SUCCESS) return;
    std::string line = "[vk] pipeline ";
    line.append(shader_name(shader)).append(" spec {");
    for (std::size_t i = 0; i < spec.size(); ++i) {
        if (i) line.push_back(',');
        line.append(std::to_string(spec[i]));
    }
    line.append("}:");
    for (std::uint32_t e = 0; e < n; ++e) {
        VkPipelineExecutableInfoKHR ei{VK_STRUCTURE_TYPE_PIPELINE_EXECUTABLE_INFO_KHR};
        ei.pipeline = pipeline_;
        ei.executableIndex = e;
        std::uint32_t m = 0;
        if (stats(dev, &ei, &m, nullptr) != VK_SUCCESS) continue;
        std::vector<VkPipelineExecutableStatisticKHR> v(m, {VK_STRUCTURE_TYPE_PIPELINE_EXECUTABLE_STATISTIC_KHR});
        if (stats(dev, &ei, &m, v.data()) != VK_SUCCESS) continue;
        for (const auto& st : v) {
            line.append(" ").append(st.name).append("=");
            switch (st.format) {
                case VK_PIPELINE_EXECUTABLE_STATISTIC_FORMAT_BOOL32_KHR: line += st.value.b32 ? "true" : "false"; break;
                case VK_PIPELINE_EXECUTABLE_STATISTIC_FORMAT_INT64_KHR: line += std::to_string(st.value.i64); break;
                case VK_PIPELINE_EXECUTABLE_STATISTIC_FORMAT_UINT64_KHR: line += std::to_string(st.value.u64); break;
                case VK_PIPELINE_EXECUTABLE_STATISTIC_FORMAT_FLOAT64_KHR: line += std::to_string(st.value.f64); break;
                default: line += "?";
            }
            line += ";";
        }
    }
    std::fprintf(stderr, "%s\n", line.c_str());
}

Pipeline::~Pipeline() {
    VkDevice dev = ctx_->device();
    if (pipeline_) vkDestroyPipeline(dev, pipeline_, nullptr);
    if (layout_) vkDestroyPipelineLayout(dev, layout_, nullptr);
    if (set_layout_) vkDestroyDescriptorSetLayout(dev, set_layout_, nullptr);
}

Ops::Ops(std::shared_ptr<Context> ctx) : ctx_(std::move(ctx)) {}

Ops::~Ops() {
    for (VkDescriptorPool p : pools_) vkDestroyDescriptorPool(ctx_->device(), p, nullptr);
    for (const auto& s : scopes_) {
        for (VkDescriptorPool p : s->pools) vkDestroyDescriptorPool(ctx_->device(), p, nullptr);
    }
}

DescriptorScope* Ops::new_scope() {
    scopes_.push_back(std::make_unique<DescriptorScope>());
    return scopes_.back().get();
}

void Ops::reset_scope(DescriptorScope& s) {
    for (VkDescriptorPool p : s.pools) check(vkResetDescriptorPool(ctx_->device(), p, 0), "resetting a descriptor pool");
    s.current = 0;
}

const Pipeline& Ops::pipeline(Shader shader, std::uint32_t bindings, std::uint32_t push_bytes,
                              const std::vector<std::uint32_t>& spec) {
    auto key = std::make_pair(int(shader), spec);
    auto it = pipelines_.find(key);
    if (it == pipelines_.end()) {
        it = pipelines_.emplace(key, std::make_unique<Pipeline>(ctx_, shader, bindings, push_bytes, spec)).first;
    }
    return *it->second;
}

std::vector<std::string> Ops::shaders_used() const {
    std::vector<std::string> names;
    for (const auto& entry : pipelines_) names.emplace_back(shader_name(Shader(entry.first.first)));
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

VkDescriptorSet Ops::allocate_set(VkDescriptorSetLayout layout) {
    VkDescriptorSetAllocateInfo ai{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    ai.descriptorSetCount = 1;
    ai.pSetLayouts = &layout;
    VkDescriptorSet set = VK_NULL_HANDLE;
    // A scope's pools are taken in order (reset_scope starts again at the first); the Ops's own pools: the last.
    std::vector<VkDescriptorPool>& pools = scope_ ? scope_->pools : pools_;
    for (std::size_t i = scope_ ? scope_->current : (pools_.empty() ? 0 : pools_.size() - 1); i < pools.size(); ++i) {
        ai.descriptorPool = pools[i];
        const VkResult r = vkAllocateDescriptorSets(ctx_->device(), &ai, &set);
        if (r == VK_SUCCESS) {
            if (scope_) scope_->current = i;
            return set;
        }
        if (r != VK_ERROR_OUT_OF_POOL_MEMORY && r != VK_ERROR_FRAGMENTED_POOL) check(r, "allocating a descriptor set");
    }
    VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, kSetsPerPool * kMaxBindings};
    VkDescriptorPoolCreateInfo pi{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    pi.maxSets = kSetsPerPool;
    pi.poolSizeCount = 1;
    pi.pPoolSizes = &size;
    VkDescriptorPool pool = VK_NULL_HANDLE;
    check(vkCreateDescriptorPool(ctx_->device(), &pi, nullptr, &pool), "creating a descriptor pool");
    pools.push_back(pool);
    if (scope_) scope_->current = pools.size() - 1;
    ai.descriptorPool = pool;
    check(vkAllocateDescriptorSets(ctx_->device(), &ai, &set), "allocating a descriptor set");
    return set;
}

void Ops::dispatch(VkCommandBuffer cmd, const Pipeline& p, const std::vector<BufferRange>& ranges, const void* push,
                   std::uint32_t gx, std::uint32_t gy, std::uint32_t gz) {
    if (ranges.size() != p.bindings()) throw Error(ErrorCode::Internal, "dispatch: wrong number of buffers");
    const Caps& c = caps();
    VkDescriptorSet set = allocate_set(p.set_layout());
    std::vector<VkDescriptorBufferInfo> infos(ranges.size());
    std::vector<VkWriteDescriptorSet> writes(ranges.size());
    for (std::size_t i = 0; i < ranges.size(); ++i) {
        const BufferRange& r = ranges[i];
        if (r.range == 0 || r.range > c.max_storage_range || r.offset % c.min_storage_align != 0) {
            throw Error(ErrorCode::Internal, "dispatch: binding " + std::to_string(i) + " has range " +
                                                 std::to_string(r.range) + " at offset " + std::to_string(r.offset) +
                                                 " (limit " + std::to_string(c.max_storage_range) + ", alignment " +
                                                 std::to_string(c.min_storage_align) + ")");
        }
        infos[i] = {r.buffer, r.offset, r.range};
        writes[i] = {VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
        writes[i].dstSet = set;
        writes[i].dstBinding = std::uint32_t(i);
        writes[i].descriptorCount = 1;
        writes[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
        writes[i].pBufferInfo = &infos[i];
    }
    vkUpdateDescriptorSets(ctx_->device(), std::uint32_t(writes.size()), writes.data(), 0, nullptr);
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, p.handle());
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, p.layout(), 0, 1, &set, 0, nullptr);
    if (p.push_bytes()) vkCmdPushConstants(cmd, p.layout(), VK_SHADER_STAGE_COMPUTE_BIT, 0, p.push_bytes(), push);
    vkCmdDispatch(cmd, gx, gy, gz);
    ++dispatches_;
}

std::pair<std::uint32_t, std::uint32_t> grid_2d(const Caps& caps, std::uint32_t n) {
    const std::uint32_t gx = std::max<std::uint32_t>(1, std::min<std::uint32_t>(n, std::min<std::uint32_t>(caps.max_group_count_x, 32768)));
    const std::uint32_t gy = (n + gx - 1) / gx;
    if (gy > caps.max_group_count_y) throw Error(ErrorCode::Internal, "dispatch grid too large");
    return {gx, gy};
}

}  // namespace rwkv::vk
