// Host side of kernels/vulkan/wkv7_rows.comp / wkv7_rows_sg.comp: one 256-thread workgroup per (head, sequence).
#include "ops.h"

namespace rwkv::vk {
namespace {

struct Push {
    std::uint32_t C, Rc, Sc, p_base, first_layer;
    std::uint32_t r_off, k_off, v_off, tw_off, ta_off, tg_off, tv_off, vfirst_off, y_off, state_base, seq_stride;
    float gn_eps;
};
static_assert(sizeof(Push) == 68, "wkv7_rows.glsl push constants");

}  // namespace

void record_wkv7_rows(Ops& ops, VkCommandBuffer cmd, const BufferRange& act, const BufferRange& params,
                      const BufferRange& state, const RowTables& t, const Wkv7RowsArgs& a) {
    const Pipeline& p = ops.pipeline(ops.kernels().subgroup ? Shader::wkv7_rows_sg : Shader::wkv7_rows, 4, sizeof(Push));
    const Push push{a.C,      t.rc,     t.sc,     a.p_base, a.first_layer, a.r_off,      a.k_off,      a.v_off, a.tw_off,
                    a.ta_off, a.tg_off, a.tv_off, a.vfirst_off, a.y_off,   a.state_base, a.seq_stride, a.gn_eps};
    ops.dispatch(cmd, p, {act, params, state, t.io}, &push, a.H, a.S);
}

}  // namespace rwkv::vk
