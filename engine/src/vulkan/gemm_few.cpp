// Host side of kernels/vulkan/gemm_few.comp: the rows path's projections on tensor cores when there are few rows
// (M = 16, 32 or 64: batched decode, short prompt chunks). One dispatch per matrix piece, grid N/BN * splits; K is
// split so that the grid has about Ops::kernels().few_groups workgroups, the last split of a column tile adding
// the splits in order (deterministic). Shares gemm_coop's split-K scratch (CoopScratch).
#include "ops.h"

#include <algorithm>
#include <cstdlib>

#include "rwkv/error.h"

namespace rwkv::vk {
namespace {

constexpr std::uint32_t kLocal = 256;  // gemm_few.comp local_size_x
constexpr std::uint32_t kBK = 64;      // gemm_few.comp staging depth
constexpr std::uint32_t kBN = 128;     // columns per workgroup tile (gemm_few.comp: at most 128; Wt at M = 64: 64)

struct Push {
    std::uint32_t M, N, K, x_off, x_stride, y_off, y_stride, act, accumulate, splits, kchunk, part_off, ticket_off;
};
static_assert(sizeof(Push) == 52, "gemm_few.comp push constants");
struct I8Push {  // gemm_few[_ws]_i8[_s8].comp
    Push p;
    std::uint32_t scale_off;
};
static_assert(sizeof(I8Push) == 56, "gemm_few_i8 push constants");

// gemm_few_ws.comp (warp-specialised loaders / multipliers) for a piece it covers: M = 64, fp16 X, whole 128-column
// tiles and 64-deep steps, subgroups of 32 (H200 7.2B B=64 step 13.05 -> 12.80 ms in v17, -0.17 ms more in v20:
// docs/perf/vulkan-batched.md "Rows path v17", "Rows path v20"). RWKV_VK_FEW_WS: 0 gemm_few.comp everywhere, 1
// gemm_few_ws for the W layout only, 2 (default) for Wt (the FFN value GEMM) too. Its shape knobs
// (RWKV_VK_FEW_WS_LOADERS 128 / 256, _MW 4 / 8, _DEPTH 1-4, _UNROLL, _GROUPS: the split-K target, default few_groups)
// give the forms v20 measured and lost (one workgroup per SM: 0.7-2.8 ms slower). All read at recording time
// (RowsPath keys its recorded passes by them: one process can compare).
int ws_level() {
    const char* e = std::getenv("RWKV_VK_FEW_WS");
    return e && *e ? std::atoi(e) : 2;
}

std::uint32_t env_u32(const char* name, std::uint32_t fallback) {
    const char* e = std::getenv(name);
    return e && *e ? std::uint32_t(std::max(std::atoi(e), 0)) : fallback;
}

// Products shorter than RWKV_VK_FEW_WS_MINK (default 512) along K stay on gemm_few: at B=64 of 7.2B the LoRA ups
// (K = 128, 128, 480; the v up's 96 was there already) are one to eight staging steps deep, where the warp
// specialisation only adds its hand-off to the chain (H200 same process: the step 0.10-0.25 ms faster, 3-8 us per
// layer, bit-identical: docs/perf/vulkan-batched.md "Rows path v28").
// RWKV_VK_FEW_WS_MINN=N (default 0): likewise products narrower than N (experiment: the w, a LoRA downs, N = 128).
bool use_ws(const Ops& ops, bool transposed, std::uint32_t M, bool x_fp16, std::uint32_t N, std::uint32_t K) {
    const int level = ws_level();
    if (level <= 0 || (transposed && level < 2)) return false;
    if (K < env_u32("RWKV_VK_FEW_WS_MINK", 512) || N < env_u32("RWKV_VK_FEW_WS_MINN", 0)) return false;
    return M == 64 && x_fp16 && ops.caps().subgroup_size == 32 && N % 128 == 0 && K % kBK == 0;
}

}  // namespace

bool gemm_few_fits(const Ops& ops, const Matrix& w, bool transposed, std::uint32_t M, std::uint32_t x_off,
                   std::uint32_t x_stride, std::uint32_t y_off, std::uint32_t y_stride) {
    const std::uint32_t lim = ops.kernels().few_rows;
    if (lim == 0 || M > lim || (M != 16 && M != 32 && M != 64)) return false;
    return gemm_coop_fits(ops, w, transposed, M, x_off, x_stride, y_off, y_stride);
}

void record_gemm_few(Ops& ops, VkCommandBuffer cmd, const Matrix& w, bool transposed, std::uint32_t M,
                     const BufferRange& x, std::uint32_t x_off, std::uint32_t x_stride, const BufferRange& y,
                     std::uint32_t y_off, std::uint32_t y_stride, GemmAct act, bool accumulate, CoopScratch& sc,
                     bool x_fp16, bool y_fp16) {
    if (y_fp16 && accumulate) throw Error(ErrorCode::Internal, "gemm_few: fp16 Y cannot accumulate");
    const Ops::Kernels& kn = ops.kernels();
    const std::uint32_t sg = ops.caps().subgroup_size ? ops.caps().subgroup_size : 32;
    const std::uint32_t subgroups = std::max<std::uint32_t>(kLocal / sg, 1);
    for (const MatrixPiece& piece : w.pieces) {
        // transposed: w is [K = w.rows, N = w.cols] in one piece; else this piece is [N = piece.rows, K = w.cols].
        const std::uint32_t N = transposed ? w.cols : piece.rows, K = transposed ? w.rows : w.cols;
        // Warp tile (16 x 16 tiles per subgroup): the tile's share per subgroup, 2 rows when there are two.
        // Wt at M = 64 on gemm_few: 64-column tiles (warp tile 2 x 1 at subgroup 32: 98 registers on the H200, where
        // 128 columns take 131, one workgroup per SM; docs/perf-notes.md "Rows path v5"); gemm_few_ws: 128 columns.
        const bool ws = use_ws(ops, transposed, M, x_fp16, N, K);
        const std::uint32_t groups = ws ? std::max(env_u32("RWKV_VK_FEW_WS_GROUPS", kn.few_groups), 1u)
                                        : kn.few_groups;
        const std::uint32_t bn = transposed && M == 64 && !ws ? 64 : kBN;
        const std::uint32_t tiles = (M / 16) * (bn / 16), per = std::clamp<std::uint32_t>(tiles / subgroups, 1, 8);
        const std::uint32_t wtm = per >= 2 && M >= 32 ? 2 : 1;
        const std::uint32_t wtn = std::min<std::uint32_t>(per / wtm, 4);
        const std::uint32_t nb = (N + bn - 1) / bn;
        std::uint32_t splits = 1, kchunk = (K + kBK - 1) / kBK * kBK;
        // Split K (powers of two, each split at least 2 staging steps deep) until ~few_groups workgroups.
        std::uint32_t want = 1;
        while (nb * want * 2 <= groups && K / (want * 2) >= 2 * kBK) want *= 2;
        if (want > 1) {
            const std::uint32_t chunk = (K / want + kBK - 1) / kBK * kBK;
            const std::uint32_t n_splits = (K + chunk - 1) / chunk;
            const std::uint64_t need = std::uint64_t(M) * N * n_splits;
            if (n_splits >= 2 && sc.part.buffer && sc.part_used + need <= sc.part_floats &&
                sc.tickets_used + nb <= sc.ticket_count) {
                splits = n_splits;
                kchunk = chunk;
            }
        }
        // gemm_few_ws's split-K tail loads Y (accumulate) in the partial sums' round trip (TAILY; H200 B=64 step
        // -0.17 ms, docs/perf/vulkan-batched.md "Rows path v19"); RWKV_VK_FEW_TAIL=0 (read at recording time,
        // RowsPath's kRecordingKnobs) loads it after them.
        const char* te = std::getenv("RWKV_VK_FEW_TAIL");
        const std::uint32_t taily = te && *te && std::atoi(te) == 0 ? 0u : 1u;
        const std::uint32_t depth = std::clamp<std::uint32_t>(env_u32("RWKV_VK_FEW_WS_DEPTH", 1), 1, 4);
        const std::uint32_t unr = env_u32("RWKV_VK_FEW_WS_UNROLL", 0) ? 1u : 0u;
        const std::uint32_t loaders = env_u32("RWKV_VK_FEW_WS_LOADERS", 128) == 256 ? 256u : 128u;
        const std::uint32_t mw = env_u32("RWKV_VK_FEW_WS_MW", 4) == 8 ? 8u : 4u;
        // B fragments a slice ahead in the multipliers (BPF; H200 B=64 step -0.09 to -0.16 ms, bit-identical,
        // docs/perf/vulkan-batched.md "Rows path v22"); RWKV_VK_FEW_WS_BPF=0 gives the form before it.
        const std::uint32_t bpf = env_u32("RWKV_VK_FEW_WS_BPF", 1) ? 1u : 0u;
        // int8 W (Kernels::i8_stage_rows): the int8 forms, one binding (the scales) and one push constant more.
        const bool s8 = kn.i8_storage;
        const Shader shader = !w.i8 ? (ws ? Shader::gemm_few_ws : Shader::gemm_few)
                              : ws  ? (s8 ? Shader::gemm_few_ws_i8_s8 : Shader::gemm_few_ws_i8)
                                    : (s8 ? Shader::gemm_few_i8_s8 : Shader::gemm_few_i8);
        const std::uint32_t bindings = w.i8 ? 6 : 5, push_bytes = w.i8 ? sizeof(I8Push) : sizeof(Push);
        const Pipeline& p = ws ? ops.pipeline(shader, bindings, push_bytes,
                                              {y_fp16 ? 1u : 0u, transposed ? 1u : 0u, taily, depth, unr, loaders, mw,
                                               loaders + 32 * mw, bpf})
                               : ops.pipeline(shader, bindings, push_bytes,
                                              {transposed ? 1u : 0u, M, bn, wtm, wtn, x_fp16 ? 1u : 0u,
                                               y_fp16 ? 1u : 0u});
        const Push push{M,
                        N,
                        K,
                        x_off,
                        x_stride,
                        transposed ? y_off : y_off + piece.row_begin,
                        y_stride,
                        std::uint32_t(act),
                        accumulate ? 1u : 0u,
                        splits,
                        kchunk,
                        sc.part_used,
                        sc.tickets_used};
        if (splits > 1) {
            sc.part_used += M * N * splits;
            sc.tickets_used += nb;
        }
        if (nb * splits > ops.caps().max_group_count_x) throw Error(ErrorCode::Internal, "gemm_few: grid too large");
        const BufferRange part = sc.part.buffer ? sc.part : y, tickets = sc.tickets.buffer ? sc.tickets : y;
        if (!w.i8) {
            ops.dispatch(cmd, p, {piece.range, x, y, part, tickets}, &push, nb * splits, 1);
            continue;
        }
        const I8Push ip{push, w.scale_off + piece.row_begin};  // stored row r's scale at scale_off + r
        ops.dispatch(cmd, p, {piece.range, x, y, part, tickets, w.scales}, &ip, nb * splits, 1);
    }
}

}  // namespace rwkv::vk
