// Host side of kernels/vulkan/token_mix.comp (ln1/ln2 + token shift): one workgroup.
#include "ops.h"

namespace rwkv::vk {
namespace {

constexpr std::uint32_t kWorkgroup = 256;

struct Push {
    std::uint32_t C, in_off, out_off, n_mix, ln_idx, shift_off;
    float eps;
};
static_assert(sizeof(Push) == 28, "token_mix.comp push constants");

}  // namespace

void record_token_mix(Ops& ops, VkCommandBuffer cmd, const BufferRange& act, const BufferRange& params,
                      const BufferRange& state, const TokenMixArgs& a) {
    const Pipeline& p = ops.pipeline(Shader::token_mix, 3, sizeof(Push), {kWorkgroup});
    const Push push{a.C, a.in_off, a.out_off, a.n_mix, a.ln_idx, a.shift_off, a.eps};
    ops.dispatch(cmd, p, {act, params, state}, &push, 1);
}

}  // namespace rwkv::vk
