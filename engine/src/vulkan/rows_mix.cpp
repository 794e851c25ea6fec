// Host side of kernels/vulkan/rows_mix.comp: one thread per (row, column), 256 per workgroup.
#include "ops.h"

namespace rwkv::vk {
namespace {

struct Push {
    std::uint32_t C, Rc, R, n_mix, zp_off, out_off, out_stride, mix_idx, state_base, seq_stride, grid_x;
};
static_assert(sizeof(Push) == 44, "rows_mix.comp push constants");

}  // namespace

void record_rows_mix(Ops& ops, VkCommandBuffer cmd, const BufferRange& act, const BufferRange& params,
                     const BufferRange& state, const RowTables& t, const RowsMixArgs& a) {
    const Pipeline& p = ops.pipeline(t.addr_off ? Shader::rows_mix_bda : Shader::rows_mix, 4, sizeof(Push));
    const auto [gx, gy] = grid_2d(ops.caps(), (a.R * a.C + 255) / 256);
    const std::uint32_t seq_stride = t.addr_off ? t.addr_off : a.seq_stride;  // rows_state.glsl
    const Push push{a.C, t.rc, a.R, a.n_mix, a.zp_off, a.out_off, a.out_stride, a.mix_idx, a.state_base, seq_stride, gx};
    ops.dispatch(cmd, p, {act, params, state, t.io}, &push, gx, gy);
}

}  // namespace rwkv::vk
