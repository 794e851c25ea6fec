// Host side of kernels/vulkan/layer_norm.comp (ln0, ln_out): one workgroup.
#include "ops.h"

namespace rwkv::vk {
namespace {

constexpr std::uint32_t kWorkgroup = 256;

struct Push {
    std::uint32_t n, in_off, out_off, w_idx, b_idx;
    float eps;
};
static_assert(sizeof(Push) == 24, "layer_norm.comp push constants");

}  // namespace

void record_layer_norm(Ops& ops, VkCommandBuffer cmd, const BufferRange& act, std::uint32_t n, std::uint32_t in_off,
                       std::uint32_t out_off, const BufferRange& params, std::uint32_t w_idx, std::uint32_t b_idx,
                       float eps) {
    const Pipeline& p = ops.pipeline(Shader::layer_norm, 2, sizeof(Push), {kWorkgroup});
    const Push push{n, in_off, out_off, w_idx, b_idx, eps};
    ops.dispatch(cmd, p, {act, params}, &push, 1);
}

}  // namespace rwkv::vk
