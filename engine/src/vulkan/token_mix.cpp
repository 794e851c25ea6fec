// Host side of kernels/vulkan/token_mix.comp / token_mix_sg.comp (ln1/ln2 + token shift): C / slice workgroups
// of 256 threads (one workgroup when the slice is 0); token_mix_xq[_sg].comp where TokenMixArgs::xq_mask asks for the
// int8 dot matvec's quantized chunks too.
#include "ops.h"

#include <algorithm>

#include "rwkv/error.h"

namespace rwkv::vk {
namespace {

constexpr std::uint32_t kWorkgroup = 256;

struct Push {
    std::uint32_t C, in_off, out_off, n_mix, ln_idx, shift_off;
    float eps;
    std::uint32_t slice, mask_off, mask_words, xq_off, xq_mask;
};
static_assert(sizeof(Push) == 48, "token_mix.glsl push constants");

}  // namespace

void record_token_mix(Ops& ops, VkCommandBuffer cmd, const BufferRange& act, const BufferRange& params,
                      const BufferRange& state, const TokenMixArgs& a) {
    const Ops::Kernels& k = ops.kernels();
    const std::uint32_t slice = k.token_mix_slice ? k.token_mix_slice : a.C;
    const bool xq = a.xq_mask != 0;
    if (xq && (a.C % 16 != 0 || slice % 16 != 0 || a.xq_off % 4 != 0 || a.xq_mask >> std::max(a.n_mix, 1u) != 0))
        throw Error(ErrorCode::Internal, "token_mix_xq: C, slice or offset not a multiple of 16 / 4, or no such mix");
    const Shader s = xq ? (k.subgroup ? Shader::token_mix_xq_sg : Shader::token_mix_xq)
                        : (k.subgroup ? Shader::token_mix_sg : Shader::token_mix);
    const Pipeline& p = ops.pipeline(s, 4, sizeof(Push), {kWorkgroup});
    const Push push{a.C, a.in_off, a.out_off, a.n_mix, a.ln_idx, a.shift_off, a.eps, slice, a.mask_off, a.mask_words,
                    a.xq_off, a.xq_mask};
    ops.dispatch(cmd, p, {act, params, state, a.mask_words ? a.mask : state}, &push, (a.C + slice - 1) / slice);
}

}  // namespace rwkv::vk
