// Host side of the rows-path WKV-7 time mix, two forms. One pass, wkv7_rows[_sg].comp: one 256-thread workgroup
// per (head, sequence), 5 barrier pairs per token (3 with the _sg variants' shuffle row sums; docs/perf-notes.md
// "Rows path v7"). Split: three passes, wkv7_rows_prep[_sg].comp (per (row, head), all rows in parallel; not before
// _sg1, whose producer warps do its work), wkv7_rows_scan_sg1.comp (the recurrence, eight threads per pair of state
// rows, or four per row with 4-wide subgroups in wkv7_rows_scan_sg.comp, with shuffle row sums, grid (C / 32, S),
// inputs staged in two shared-memory buffers 8 tokens at a time; wkv7_rows_scan.comp, one thread per row, where
// subgroup shuffles are missing), wkv7_rows_post[_sg].comp
// (GroupNorm + bonus + gate per (row, head)).
// Default (H200, docs/perf-notes.md "Rows path v2", "v11"): split when a sequence has more than one row (prefill
// T=1024 on 7.2B: 60.4 -> 25.4 ms with four threads per row), one pass for batched decode (one row per sequence;
// B=64 with the four-thread split scan 13.64 vs 13.01 ms per step). RWKV_VK_WKV_ROWS=split|single pins one form.
// Both forms write y as fp16 when asked (the output GEMM on tensor cores reads it so: half the bytes, no fp32 X in
// flight; docs/perf-notes.md "Rows path v9", docs/perf/vulkan-rows.md "v13"): the one pass at y_off, the split
// form's post pass at y16_off.
#include <cstdlib>
#include <cstring>

#include "ops.h"
#include "rwkv/error.h"

namespace rwkv::vk {
namespace {

struct Push {  // kernels/vulkan/wkv7_rows_push.glsl
    std::uint32_t C, Rc, Sc, H, R, grid_x, p_base, first_layer;
    std::uint32_t r_off, k_off, v_off, tw_off, ta_off, tg_off, tv_off, vfirst_off, y_off, state_base, seq_stride;
    float gn_eps;
    std::uint32_t y16_off;
};
static_assert(sizeof(Push) == 84, "wkv7_rows_push.glsl push constants");

struct PushSingle {  // kernels/vulkan/wkv7_rows.glsl
    std::uint32_t C, Rc, Sc, p_base, first_layer;
    std::uint32_t r_off, k_off, v_off, tw_off, ta_off, tg_off, tv_off, vfirst_off, y_off, state_base, seq_stride;
    float gn_eps;
};
static_assert(sizeof(PushSingle) == 68, "wkv7_rows.glsl push constants");

constexpr std::uint32_t kScanRows = 32;  // state rows per workgroup: SCAN_WG / SCAN_ROWS in wkv7_rows_scan[_sg].glsl

enum class Form { Auto, Single, Split };

Form pinned_form() {
    static const Form form = [] {
        const char* e = std::getenv("RWKV_VK_WKV_ROWS");
        if (e && std::strcmp(e, "split") == 0) return Form::Split;
        if (e && std::strcmp(e, "single") == 0) return Form::Single;
        return Form::Auto;
    }();
    return form;
}

}  // namespace

bool wkv7_rows_split_form(std::uint32_t R, std::uint32_t S) {
    const Form pinned = pinned_form();
    return !(pinned == Form::Single || (pinned == Form::Auto && R <= S));
}

std::uint32_t record_wkv7_rows(Ops& ops, VkCommandBuffer cmd, const BufferRange& act, const BufferRange& params,
                               const BufferRange& state, const RowTables& t, const Wkv7RowsArgs& a,
                               const std::function<void(const char*)>& end_pass) {
    auto pass_done = [&](const char* name, bool last) {
        if (end_pass)
            end_pass(name);
        else if (!last)
            compute_barrier(cmd);
    };
    const bool sg = ops.kernels().subgroup;
    const std::uint32_t seq_stride = t.addr_off ? t.addr_off : a.seq_stride;  // rows_state.glsl
    const bool single = !wkv7_rows_split_form(a.R, a.S);  // R == S: one row each
    if (single) {
        // the _sg variants sum a state row's four threads (consecutive invocations) with subgroupShuffleXor
        const bool sgc = sg && ops.caps().subgroup_shuffle && ops.caps().subgroup_size >= 4;
        const Shader sh = t.addr_off ? (sgc ? Shader::wkv7_rows_sg_bda : Shader::wkv7_rows_bda)
                                     : (sgc ? Shader::wkv7_rows_sg : Shader::wkv7_rows);
        const Pipeline& p = ops.pipeline(sh, 4, sizeof(PushSingle), {a.y_fp16 ? 1u : 0u});
        const PushSingle push{a.C,      t.rc,     t.sc,     a.p_base,     a.first_layer, a.r_off,      a.k_off,
                              a.v_off,  a.tw_off, a.ta_off, a.tg_off,     a.tv_off,      a.vfirst_off,
                              a.y_fp16 ? 2 * a.y_off : a.y_off, a.state_base, seq_stride, a.gn_eps};
        ops.dispatch(cmd, p, {act, params, state, t.io}, &push, a.H, a.S);
        pass_done("att.wkv_scan", true);
        return a.y_fp16 ? a.y_off : kWkvYFp32;
    }
    if (a.C != a.H * 64)
        throw Error(ErrorCode::Internal, "wkv7_rows: C must be H * 64");
    const auto [gx, gy] = grid_2d(ops.caps(), a.R * a.H);
    const Push push{a.C, t.rc,     t.sc,     a.H,      a.R,      gx,       a.p_base,     a.first_layer, a.r_off, a.k_off,
              a.v_off, a.tw_off, a.ta_off, a.tg_off, a.tv_off, a.vfirst_off, a.y_off, a.state_base, seq_stride,
              a.gn_eps, a.y16_off};
    // several threads per state row where a row's threads can shuffle their sums (wkv7_rows_scan_sg.glsl): eight per
    // pair of rows, y summed once per 8-token stage, where subgroups hold 8 (H200 7.2B prefill T=1024, same process:
    // 110.71 -> 108.75 ms per call against v20's eight threads per row with y per token, bit-identical;
    // docs/perf/vulkan-rows.md "v23"; two producer warps stage the inputs: 108.49 -> 106.38 ms, "v24"), else four
    // per row; one where shuffles are missing
    const bool quad = sg && ops.caps().subgroup_shuffle && ops.caps().subgroup_size >= 4;
    const bool eight = quad && ops.caps().subgroup_size >= 8;
    // The eight-thread scan's producer warps do prep's work (reading the layer's vectors at binding 4) and post mixes
    // k itself (RAW): no prep pass (H200 7.2B prefill T=1024, same process: 107.50 -> 105.46 ms per call, "v25").
    if (!eight) {
        const Pipeline& prep = ops.pipeline(sg ? Shader::wkv7_rows_prep_sg : Shader::wkv7_rows_prep, 3, sizeof(Push));
        ops.dispatch(cmd, prep, {act, params, t.io}, &push, gx, gy);
        pass_done("att.wkv_prep", false);
    }
    const Shader scan_sh = eight  ? (t.addr_off ? Shader::wkv7_rows_scan_sg1_bda : Shader::wkv7_rows_scan_sg1)
                           : quad ? (t.addr_off ? Shader::wkv7_rows_scan_sg_bda : Shader::wkv7_rows_scan_sg)
                                  : (t.addr_off ? Shader::wkv7_rows_scan_bda : Shader::wkv7_rows_scan);
    if (eight) {
        const Pipeline& scan = ops.pipeline(scan_sh, 5, sizeof(Push));
        ops.dispatch(cmd, scan, {act, act, state, t.io, params}, &push, a.C / kScanRows, a.S);
    } else {
        const Pipeline& scan = ops.pipeline(scan_sh, 4, sizeof(Push));
        ops.dispatch(cmd, scan, {act, act, state, t.io}, &push, a.C / kScanRows, a.S);
    }
    pass_done("att.wkv_scan", false);
    // One subgroup per (row, head) where subgroups of 8..64 sum (wkv7_rows_post_pair.comp: the _sg form's additions,
    // no barrier; 256 / subgroup size pairs per workgroup, more where the shader's subgroups are smaller);
    // RWKV_VK_POST_PAIR=0 (read at recording time) keeps the 64-thread workgroup per pair.
    const std::uint32_t sgs = ops.caps().subgroup_size;
    const char* pe = std::getenv("RWKV_VK_POST_PAIR");
    if (sg && ops.caps().subgroup_arithmetic && sgs >= 8 && sgs <= 64 && !(pe && std::strcmp(pe, "0") == 0)) {
        const auto [px, py] = grid_2d(ops.caps(), (a.R * a.H + 256 / sgs - 1) / (256 / sgs));
        Push pp = push;
        pp.grid_x = px;
        const Pipeline& post = ops.pipeline(Shader::wkv7_rows_post_pair, 3, sizeof(Push),
                                            {a.y_fp16 ? 1u : 0u, eight ? 1u : 0u});
        ops.dispatch(cmd, post, {act, params, t.io}, &pp, px, py);
    } else {
        const Pipeline& post = ops.pipeline(sg ? Shader::wkv7_rows_post_sg : Shader::wkv7_rows_post, 3, sizeof(Push),
                                            {a.y_fp16 ? 1u : 0u, eight ? 1u : 0u});
        ops.dispatch(cmd, post, {act, params, t.io}, &push, gx, gy);
    }
    pass_done("att.wkv_post", true);
    return a.y_fp16 ? a.y16_off : kWkvYFp32;
}

}  // namespace rwkv::vk
