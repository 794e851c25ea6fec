// Host side of kernels/vulkan/wkv7.comp: one workgroup of N = 64 threads per head.
#include "ops.h"

namespace rwkv::vk {
namespace {

struct Push {
    std::uint32_t C, p_base, wkv_off, first_layer;
    std::uint32_t r_off, k_off, v_off, tw_off, ta_off, g_off, tv_off, vfirst_off, y_off;
    float gn_eps;
};
static_assert(sizeof(Push) == 56, "wkv7.comp push constants");

}  // namespace

void record_wkv7(Ops& ops, VkCommandBuffer cmd, const BufferRange& act, const BufferRange& params,
                 const BufferRange& state, const Wkv7Args& a) {
    const Pipeline& p = ops.pipeline(Shader::wkv7, 3, sizeof(Push));
    const Push push{a.C,     a.p_base, a.wkv_off, a.first_layer, a.r_off,      a.k_off, a.v_off,
                    a.tw_off, a.ta_off, a.g_off,   a.tv_off,      a.vfirst_off, a.y_off, a.gn_eps};
    ops.dispatch(cmd, p, {act, params, state}, &push, a.H);
}

}  // namespace rwkv::vk
