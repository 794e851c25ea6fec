// Host side of kernels/vulkan/rows_ln.comp: one 256-thread workgroup per row (or per sequence, LastRow).
#include "ops.h"

#include "rwkv/error.h"

namespace rwkv::vk {
namespace {

struct Push {
    std::uint32_t C, Rc, Sc, mode, in_off, out_off, ln_idx;
    float eps;
    std::uint32_t state_base, seq_stride;
};
static_assert(sizeof(Push) == 40, "rows_ln.comp push constants");

}  // namespace

void record_rows_ln(Ops& ops, VkCommandBuffer cmd, const BufferRange& act, const BufferRange& params,
                    const BufferRange& state, const RowTables& t, const RowsLnArgs& a) {
    if (a.C > 32 * 256) throw Error(ErrorCode::UnsupportedModel, "rows_ln: C > 8192");
    const Pipeline& p = ops.pipeline(Shader::rows_ln, 4, sizeof(Push));
    const Push push{a.C,       t.rc, t.sc, std::uint32_t(a.mode), a.in_off, a.out_off, a.ln_idx, a.eps,
                    a.state_base, t.addr_off ? t.addr_off : a.seq_stride};
    ops.dispatch(cmd, p, {act, params, state, t.io}, &push, a.groups);
}

}  // namespace rwkv::vk
