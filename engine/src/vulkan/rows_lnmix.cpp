// Host side of kernels/vulkan/rows_lnmix.comp: LayerNorm + token shift in one stage, grid (rows, column slices); above
// 128 rows kernels/vulkan/rows_lnmix_wide.comp, or rows_ln_stats.comp + rows_lnmix_apply.comp (the same values).
#include "ops.h"

#include <algorithm>
#include <cstdlib>

#include "rwkv/error.h"
#include "vulkan/vk_context.h"

namespace rwkv::vk {
namespace {

struct Push {
    std::uint32_t C, Rc, Sc, n_mix, in_off, out_off, out_stride, ln_idx, mix_idx, width;
    float eps;
    std::uint32_t state_base, seq_stride;
};
static_assert(sizeof(Push) == 52, "rows_lnmix.comp push constants");
// rows_ln_stats.comp / rows_lnmix_apply.glsl: Push with stat_off (floats) in width's place.
struct SplitPush {
    std::uint32_t C, Rc, Sc, n_mix, in_off, out_off, out_stride, ln_idx, mix_idx, stat_off;
    float eps;
    std::uint32_t state_base, seq_stride;
};
static_assert(sizeof(SplitPush) == 52, "rows_lnmix_apply.glsl push constants");

}  // namespace

void record_rows_lnmix(Ops& ops, VkCommandBuffer cmd, const BufferRange& act, const BufferRange& params,
                       const BufferRange& state, const RowTables& t, const RowsLnMixArgs& a) {
    if (a.C > 32 * 256) throw Error(ErrorCode::UnsupportedModel, "rows_lnmix: C > 8192");
    if (a.n_mix == 0 || a.n_mix > 6) throw Error(ErrorCode::Internal, "rows_lnmix: 1..6 mixes");
    // Column slices so that the grid has ~256 workgroups (B=64 decode: 4 slices of 1,024 columns); each slice a
    // multiple of 256 columns (one pass of the workgroup per 256).
    // Knobs read at recording time (RowsPath keys its passes by them): RWKV_VK_LNMIX_SLICES sets the slices;
    // RWKV_VK_LNMIX_FORM=0 keeps the column-pass loop where the hoisted form (rows_lnmix.glsl HOIST, the default)
    // would fit (H200 7.2B B=64: both stages 1,685 -> 899 µs per step, docs/perf/vulkan-batched.md "Rows path v18").
    // Above 128 rows (prefill; rows_lnmix's grid there is one workgroup per row too) rows_lnmix_wide.comp: the same values
    // bit for bit, both rows' loads together, 2 barriers per reduction, the outputs mix by mix (H200 7.2B prefill
    // T = 1,024, same process: 105.05 -> 104.27 ms per call, docs/perf/vulkan-rows.md "v26"). Needs subgroup
    // shuffles and C <= 4,096; RWKV_VK_LNMIX_WIDE=0 keeps rows_lnmix (read at recording time).
    const char* ew = std::getenv("RWKV_VK_LNMIX_WIDE");
    const bool wide =
        a.R > 128 && a.C <= 16 * 256 && ops.caps().subgroup_shuffle && !(ew && *ew && std::atoi(ew) == 0);
    // Where the wide form runs and the caller gives 2 R free floats (a.stat_off), the split form: rows_ln_stats.comp
    // (one workgroup per row, one row in registers: its mean and 1 / sqrt(var + eps)), a barrier, then
    // rows_lnmix_apply.comp (every (row, column) mixed from the two rows' statistics, no reduction): the wide form's
    // values bit for bit. RWKV_VK_LNMIX_SPLIT (read at recording time), a bit mask: 1 the six-mix stage (att.ln1),
    // 2 the one-mix stage (ffn.ln2); default 3. H200 7.2B prefill T = 1,024, same process, with the vec4 apply and
    // wkv7_rows_post_pair: 103.00 -> 101.98 ms per call against the wide form and the old post, every round
    // (docs/perf/vulkan-rows.md "v29").
    const char* es = std::getenv("RWKV_VK_LNMIX_SPLIT");
    const std::uint32_t split = es && *es ? std::uint32_t(std::strtoul(es, nullptr, 0)) : 3u;
    if (wide && a.stat_off != ~0u && (split & (a.n_mix == 1 ? 2u : 1u)) != 0) {
        const SplitPush sp{a.C,       t.rc,         t.sc,     a.n_mix,   a.in_off,
                           a.out_off, a.out_stride, a.ln_idx, a.mix_idx, a.stat_off,
                           a.eps,     a.state_base, t.addr_off ? t.addr_off : a.seq_stride};
        const Pipeline& ps = ops.pipeline(Shader::rows_ln_stats, 1, sizeof(SplitPush), {});
        ops.dispatch(cmd, ps, {act}, &sp, a.R, 1);
        compute_barrier(cmd);
        // Four adjacent columns per thread (vec4 loads, f16vec4 / vec4 stores) where C, the offsets and the stride
        // allow; RWKV_VK_LNMIX_VEC=0 (read at recording time) keeps NA = 4 columns 256 apart per thread.
        const char* ev4 = std::getenv("RWKV_VK_LNMIX_VEC");
        const bool vec = !(ev4 && *ev4 && std::atoi(ev4) == 0) && a.C % 4 == 0 && a.in_off % 4 == 0 &&
                         a.out_off % 4 == 0 && a.out_stride % 4 == 0;
        const Pipeline& pa = ops.pipeline(t.addr_off ? Shader::rows_lnmix_apply_bda : Shader::rows_lnmix_apply, 4,
                                          sizeof(SplitPush), {a.out_fp16 ? 1u : 0u, vec ? 1u : 0u});
        ops.dispatch(cmd, pa, {act, params, state, t.io}, &sp, (a.C + 1023) / 1024, a.R);
        return;
    }
    if (wide) {
        const Pipeline& pw = ops.pipeline(t.addr_off ? Shader::rows_lnmix_wide_bda : Shader::rows_lnmix_wide, 4,
                                          sizeof(Push), {a.out_fp16 ? 1u : 0u});
        const Push pw_push{a.C,      t.rc,      t.sc, a.n_mix, a.in_off,     a.out_off, a.out_stride,
                           a.ln_idx, a.mix_idx, a.C,  a.eps,   a.state_base, t.addr_off ? t.addr_off : a.seq_stride};
        ops.dispatch(cmd, pw, {act, params, state, t.io}, &pw_push, a.R, 1);
        return;
    }
    const char* ev = std::getenv("RWKV_VK_LNMIX_SLICES");
    const std::uint32_t want = ev && *ev ? std::uint32_t(std::max(std::atoi(ev), 0)) : 0;
    const char* ef = std::getenv("RWKV_VK_LNMIX_FORM");
    // Default: hoisted at R <= 64 only; above, one slice per row makes it slower (H200 7.2B prefill T = 1,024, same
    // process: -0.99 ms with the loop, bit-identical; docs/perf/vulkan-rows.md "v21").
    const std::uint32_t hoist = ef && *ef ? (std::atoi(ef) == 0 ? 0u : 1u) : (a.R <= 64 ? 1u : 0u);
    const std::uint32_t slices = std::clamp<std::uint32_t>(want ? want : 256 / std::max(a.R, 1u), 1,
                                                           std::max(a.C / 256, 1u));
    const std::uint32_t width = (a.C / slices + 255) / 256 * 256;
    const std::uint32_t gy = (a.C + width - 1) / width;
    const Pipeline& p = ops.pipeline(t.addr_off ? Shader::rows_lnmix_bda : Shader::rows_lnmix, 4, sizeof(Push),
                                     {a.out_fp16 ? 1u : 0u, hoist});
    const Push push{a.C,       t.rc,          t.sc,    a.n_mix, a.in_off, a.out_off, a.out_stride, a.ln_idx, a.mix_idx,
                    width,     a.eps,         a.state_base, t.addr_off ? t.addr_off : a.seq_stride};
    ops.dispatch(cmd, p, {act, params, state, t.io}, &push, a.R, gy);
}

}  // namespace rwkv::vk
