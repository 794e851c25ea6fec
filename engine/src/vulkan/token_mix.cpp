// Host side of kernels/vulkan/token_mix.comp / token_mix_sg.comp (ln1/ln2 + token shift): C / slice workgroups
// of 256 threads (one workgroup when the slice is 0).
#include "ops.h"

namespace rwkv::vk {
namespace {

constexpr std::uint32_t kWorkgroup = 256;

struct Push {
    std::uint32_t C, in_off, out_off, n_mix, ln_idx, shift_off;
    float eps;
    std::uint32_t slice, mask_off, mask_words;
};
static_assert(sizeof(Push) == 40, "token_mix.glsl push constants");

}  // namespace

void record_token_mix(Ops& ops, VkCommandBuffer cmd, const BufferRange& act, const BufferRange& params,
                      const BufferRange& state, const TokenMixArgs& a) {
    const Ops::Kernels& k = ops.kernels();
    const Pipeline& p = ops.pipeline(k.subgroup ? Shader::token_mix_sg : Shader::token_mix, 4, sizeof(Push), {kWorkgroup});
    const std::uint32_t slice = k.token_mix_slice ? k.token_mix_slice : a.C;
    const Push push{a.C, a.in_off, a.out_off, a.n_mix, a.ln_idx, a.shift_off, a.eps, slice, a.mask_off, a.mask_words};
    ops.dispatch(cmd, p, {act, params, state, a.mask_words ? a.mask : state}, &push, (a.C + slice - 1) / slice);
}

}  // namespace rwkv::vk
