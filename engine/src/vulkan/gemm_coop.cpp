// Host side of kernels/vulkan/gemm_coop.comp (the rows path's projections on tensor cores through
// GL_NV_cooperative_matrix): one dispatch per matrix piece, grid (N/BN * splits, M/BM); K is split over several
// workgroups when there are few output tiles (batched decode), the last split of a tile adding the splits in order
// (deterministic). The tiling (workgroup tile, warp tile, workgroup size) is chosen by rows here. X may be fp16 rows
// and Y fp16 (spec constants XH / YH; the rows path's mixes and hidden rows, docs/perf/vulkan-rows.md "v12").
#include "ops.h"

#include <algorithm>
#include <cstdlib>

#include "rwkv/error.h"

namespace rwkv::vk {
namespace {

constexpr std::uint32_t kWarpN = 64;    // gemm_coop.comp warp tile: WTM (2 or 4) x 4 tiles of 16 x 16
constexpr std::uint32_t kMaxPT = 4;     // gemm_coop.comp MAXPT: staged uvec4 of X (and of W) per thread and step
constexpr std::uint32_t kMaxLocal = 1024;
constexpr std::uint32_t kWideSplits = 8, kWideSplitN = 512;  // above 64 rows: K splits of the products N <= 512

struct Push {
    std::uint32_t M, N, K, x_off, x_stride, k_base, y_off, y_stride, act, accumulate, splits, kchunk, part_off,
        ticket_off;
};
static_assert(sizeof(Push) == 56, "gemm_coop.comp push constants");
struct I8Push {  // gemm_coop[_ht]_i8[_s8].comp
    Push p;
    std::uint32_t scale_off;
};
static_assert(sizeof(I8Push) == 60, "gemm_coop_i8 push constants");

bool a16(std::uint32_t v) { return v % 16 == 0; }
bool a8(std::uint32_t v) { return v % 8 == 0; }

struct Tiling {
    std::uint32_t bm, bn, local, bk, stages, wtm;
};

// Workgroup tile BM x BN (Ops::kernels().coop_bm / coop_bn, 0 = by rows; at least one warp tile) and workgroup =
// warp tiles x subgroup size. Above 64 rows (prefill): 128 x 128; at most 64 rows (batched decode): 64 x 64 (more
// workgroups, split K). Staging depth RWKV_VK_COOP_BK=32 (default: two shared-memory buffers) or 64 (one buffer,
// two barriers per step). Warp tile rows RWKV_VK_COOP_WTM=2 (32 x 64 per subgroup) or 4 (64 x 64); default 4
// above 64 rows (H200 7.2B prefill T=1024: 5,562 vs 5,486 tok/s, 241 registers, 128 threads per 128 x 128 tile),
// else 2.
// Above 64 rows the LoRA products take tiles of 2 x 4 warp tiles (168 registers instead of 232, twice the tiles),
// H200 7.2B prefill T = 1,024, same process, logits and state bit-identical (docs/perf/vulkan-rows.md "v21"):
// * ups (K <= 512 < N: K = D = 96..480, N = C, four recorded together with no barrier): 128 x 64, so the four
//   dispatches overlap more (one alone is slower): the four 101.8 -> 92.1 us, prefill 113.59 -> 112.90 ms;
// * downs (N <= 512 < K, split K 8 ways after r / k / v): 64 x 128, prefill 112.88 -> 112.50 ms (128 x 64: no gain).
Tiling tiling(const Ops& ops, std::uint32_t M, std::uint32_t N, std::uint32_t K) {
    const Ops::Kernels& kn = ops.kernels();
    const bool wide = M > 64, pick = wide && !kn.coop_bm && !kn.coop_bn;
    const bool up = pick && K <= kWideSplitN && N > kWideSplitN, down = pick && N <= kWideSplitN && K > kWideSplitN;
    const char* wt = std::getenv("RWKV_VK_COOP_WTM");
    const std::uint32_t wtm = wt ? (std::atoi(wt) == 4 ? 4 : 2) : (wide && !up && !down ? 4 : 2);
    Tiling t{std::max(kn.coop_bm ? kn.coop_bm : (wide && !down ? 128u : 64u), 16 * wtm),
             std::max(kn.coop_bn ? kn.coop_bn : (wide && !up ? 128u : 64u), kWarpN), 0, 32, 2, wtm};
    if (const char* e = std::getenv("RWKV_VK_COOP_BK"); e && std::atoi(e) == 64) {
        t.bk = 64;
        t.stages = 1;
    }
    const std::uint32_t sg = ops.caps().subgroup_size ? ops.caps().subgroup_size : 32;
    const std::uint32_t warps = (t.bm / (16 * t.wtm)) * (t.bn / kWarpN);
    // Staging needs BM * BK / 8 and BN * BK / 8 uvec4 <= MAXPT per thread.
    const std::uint32_t need = (std::max(t.bm, t.bn) * (t.bk / 8) + kMaxPT - 1) / kMaxPT;
    t.local = std::min(std::max(warps * sg, (need + sg - 1) / sg * sg), kMaxLocal);
    return t;
}

}  // namespace

bool gemm_coop_splits_wide(std::uint32_t M, std::uint32_t N) { return M > 64 && N <= kWideSplitN; }

bool gemm_coop_fits(const Ops& ops, const Matrix& w, bool transposed, std::uint32_t M, std::uint32_t x_off,
                    std::uint32_t x_stride, std::uint32_t y_off, std::uint32_t y_stride) {
    const Ops::Kernels& k = ops.kernels();
    // int8: the int8 forms up to Kernels::i8_stage_rows rows, else gemm_i8 or the rows path's fp16 copies
    if (!k.coop_gemm || (w.i8 && M > k.i8_stage_rows) || M < 16 || !a16(M) || !a16(w.cols) || !a16(w.rows))
        return false;
    if (!a8(x_off) || !a8(x_stride) || !a8(y_off) || !a8(y_stride)) return false;
    if (transposed) return w.pieces.size() == 1;
    for (const MatrixPiece& p : w.pieces)
        if (!a16(p.rows) || !a16(p.row_begin)) return false;
    return true;
}

void record_gemm_coop(Ops& ops, VkCommandBuffer cmd, const Matrix& w, bool transposed, std::uint32_t M,
                      const BufferRange& x, std::uint32_t x_off, std::uint32_t x_stride, const BufferRange& y,
                      std::uint32_t y_off, std::uint32_t y_stride, GemmAct act, bool accumulate, CoopScratch& sc,
                      bool x_fp16, bool y_fp16, bool x_t, bool y_t) {
    if (y_fp16 && accumulate) throw Error(ErrorCode::Internal, "gemm_coop: fp16 Y cannot accumulate");
    if ((x_t && !x_fp16) || (y_t && !y_fp16)) throw Error(ErrorCode::Internal, "gemm_coop: [K, M] X / [N, M] Y are fp16");
    const Ops::Kernels& kn = ops.kernels();
    const Tiling tl = tiling(ops, M, transposed ? w.cols : w.pieces.front().rows, transposed ? w.rows : w.cols);
    const std::uint32_t BM = tl.bm, BN = tl.bn;
    std::vector<std::uint32_t> spec{transposed ? 1u : 0u, BM, BN, tl.local, tl.bk, tl.stages, tl.wtm,
                                    x_fp16 ? 1u : 0u, y_fp16 ? 1u : 0u};
    const bool ht = x_t || y_t;
    if (ht) {
        spec.push_back(x_t ? 1u : 0u);
        spec.push_back(y_t ? 1u : 0u);
    }
    const bool s8 = kn.i8_storage;
    const Shader shader = !w.i8 ? (ht ? Shader::gemm_coop_ht : Shader::gemm_coop)
                          : ht  ? (s8 ? Shader::gemm_coop_ht_i8_s8 : Shader::gemm_coop_ht_i8)
                                : (s8 ? Shader::gemm_coop_i8_s8 : Shader::gemm_coop_i8);
    const Pipeline& p = ops.pipeline(shader, w.i8 ? 6 : 5, w.i8 ? sizeof(I8Push) : sizeof(Push), spec);
    for (const MatrixPiece& piece : w.pieces) {
        // transposed: w is [K = w.rows, N = w.cols] in one piece; else this piece is [N = piece.rows, K = w.cols].
        const std::uint32_t N = transposed ? w.cols : piece.rows, K = transposed ? w.rows : w.cols;
        const std::uint32_t mb = (M + BM - 1) / BM, nb = (N + BN - 1) / BN, blocks = mb * nb;
        std::uint32_t splits = 1, kchunk = (K + tl.bk - 1) / tl.bk * tl.bk;
        // Split K at few rows (M <= 64: batched decode where gemm_few does not fit) until ~coop_split_groups
        // workgroups. Above 64 rows (prefill) only the narrow products (N <= 512: the LoRA downs, N = 96..480),
        // recorded after r / k / v with no barrier between: short split-K workgroups fill the SMs that
        // r / k / v's last wave leaves idle, where unsplit ones (as long as an r / k / v tile) add a whole wave
        // (H200 7.2B prefill T=1024: proj stage 28.4 -> 25.9 ms; 4 splits measured 12 % slower overall,
        // docs/perf/vulkan-rows.md "v14"). 2-way splits of the 256-tile output and FFN value GEMMs lose 9 %
        // ("v13").
        std::uint32_t want = 1;
        if (M <= 64 && kn.coop_split_groups > 0 && blocks * 2 <= kn.coop_split_groups) {
            while (blocks * want * 2 <= kn.coop_split_groups && K / (want * 2) >= 8 * tl.bk) want *= 2;
        } else if (gemm_coop_splits_wide(M, N)) {
            while (want * 2 <= kWideSplits && K / (want * 2) >= 2 * tl.bk &&
                   sc.part_used + std::uint64_t(M) * N * want * 2 <= sc.part_floats)
                want *= 2;
        }
        if (want > 1 && !ht) {
            const std::uint32_t chunk = (K / want + tl.bk - 1) / tl.bk * tl.bk;
            const std::uint32_t n_splits = (K + chunk - 1) / chunk;
            const std::uint64_t need = std::uint64_t(M) * N * n_splits;
            if (n_splits >= 2 && sc.part_used + need <= sc.part_floats && sc.tickets_used + blocks <= sc.ticket_count) {
                splits = n_splits;
                kchunk = chunk;
            }
        }
        const Push push{M,
                        N,
                        K,
                        x_off,
                        x_stride,
                        0,
                        transposed ? y_off : y_off + piece.row_begin * (y_t ? y_stride : 1u),
                        y_stride,
                        std::uint32_t(act),
                        accumulate ? 1u : 0u,
                        splits,
                        kchunk,
                        sc.part_used,
                        sc.tickets_used};
        if (splits > 1) {
            sc.part_used += M * N * splits;
            sc.tickets_used += blocks;
        }
        if (nb * splits > ops.caps().max_group_count_x || mb > ops.caps().max_group_count_y)
            throw Error(ErrorCode::Internal, "gemm_coop: grid too large");
        const BufferRange part = sc.part.buffer ? sc.part : y, tickets = sc.tickets.buffer ? sc.tickets : y;
        if (!w.i8) {
            ops.dispatch(cmd, p, {piece.range, x, y, part, tickets}, &push, nb * splits, mb);
            continue;
        }
        const I8Push ip{push, w.scale_off + piece.row_begin};  // stored row r's scale at scale_off + r
        ops.dispatch(cmd, p, {piece.range, x, y, part, tickets, w.scales}, &ip, nb * splits, mb);
    }
}

}  // namespace rwkv::vk
