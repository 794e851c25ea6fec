// Microbenchmark of the token step's wide matvec (kernels/vulkan/matvec_wide[_sg].comp) at the 7.2B shapes: output
// projection 4096 x 4096 (32 MiB), FFN key 16384 x 4096 (128 MiB), head 65536 x 4096 (512 MiB); fp16 weights, fp32
// x and y. No model. Each timed dispatch follows a compute barrier, as in the step, and is bracketed by GPU
// timestamps after >= 250 ms of the same dispatches in the same submission (the H200 idles at a low clock).
// Weights "cold": each dispatch reads another copy of the matrix in a 1 GiB buffer (not in the 50 MB L2); "hot":
// the same copy every time (a 32 MiB matrix stays in L2). Fitting t = fixed + bytes / bandwidth over the three
// shapes splits a dispatch's time into its fixed part (launch ramp, dependent load round, sums, drain, barrier)
// and its streaming part.
// Usage: bench_vulkan_matvec [device selector] [timed reps]. BENCH_MV_LAYOUTS = "WG/ROWS/UNROLL,..." (default
// "128/2/4,128/4/4,256/8/1"). Prints per layout, shape and mode the median and min us per dispatch and GB/s.
// BENCH_MV_KEY_ACT=1 adds the FFN key as the step runs it: relu^2 output ("key+r2"), and relu^2 with the active-row
// bitmask's atomics ("key+mask"); x >= 0 and weights biased by -4e-4 give ~10 % positive rows, as in the step.
// BENCH_MV_KEY_NB=1 times the FFN key (cold, plain) after what precedes it in the token step, each neighbour and the
// key separated by compute barriers and only the key timed (a timestamp pair around the key and its barrier):
// "nb:none" nothing, "nb:pf8" an 8 MiB L2 prefetch of the key's first rows (prefetch.comp, as beside the FFN token
// mix), "nb:out" the output projection (32 MiB, cold, accumulating), "nb:out+pf8" both in the step's order.
// BENCH_MV_SPAN=N times the FFN key and the head with their copies spread over N more GiB (page translations; the
// page touch of record_touch before them), see span_test. BENCH_MV_LAYOUTS=none skips the layout sweep.
// Exit 77 without timestamps.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "bench_vulkan_timing.h"
#include "rwkv/dtype.h"
#include "vulkan/ops.h"
#include "vulkan/vk_context.h"
#include "vulkan/vk_pipeline.h"
#include "vulkan/vk_step.h"

using namespace rwkv::vk;

namespace {

struct Layout {
    std::uint32_t wg, rows, unroll;
};

std::vector<Layout> parse_layouts(const char* s) {
    std::vector<Layout> out;
    std::stringstream ss(s);
    std::string item;
    while (std::getline(ss, item, ',')) {
        Layout l{};
        if (std::sscanf(item.c_str(), "%u/%u/%u", &l.wg, &l.rows, &l.unroll) == 3) out.push_back(l);
    }
    return out;
}

// A matrix of `rows` x K fp16 at byte `off` of W, in pieces within maxStorageBufferRange (as the loader splits).
Matrix matrix_at(Context& ctx, const Buffer& W, VkDeviceSize off, std::uint32_t rows, std::uint32_t K) {
    Matrix w;
    w.rows = rows;
    w.cols = K;
    const std::uint32_t piece_rows = std::uint32_t(std::min<VkDeviceSize>(rows, ctx.caps().max_storage_range / (K * 2)));
    for (std::uint32_t r0 = 0; r0 < rows; r0 += piece_rows) {
        const std::uint32_t n_rows = std::min(piece_rows, rows - r0);
        w.pieces.push_back({{W.handle(), off + VkDeviceSize(r0) * K * 2, VkDeviceSize(n_rows) * K * 2}, r0, n_rows});
    }
    return w;
}

// BENCH_MV_KEY_NB: the FFN key (16384 x 4096, cold) after its step neighbours; only the key and its barrier timed.
void key_neighbours(Context& ctx, Ops& ops, Ops::Kernels kn, const Buffer& W, const BufferRange& XR,
                    const BufferRange& YR, int reps) {
    kn.matvec_wg = 128;  // the 7.2B step's layout
    kn.matvec_rows = 2;
    kn.matvec_unroll = 4;
    ops.set_kernels(kn);
    const std::uint32_t K = 4096, F = 16384;
    const VkDeviceSize kbytes = VkDeviceSize(F) * K * 2, obytes = VkDeviceSize(K) * K * 2;
    const std::uint32_t copies = std::uint32_t(W.size() / kbytes);  // 8 copies of the key in 1 GiB
    const bench::TimestampPool pool(ctx.shared_from_this(), 2 * std::uint32_t(reps));
    const char* names[] = {"nb:none", "nb:pf8", "nb:out", "nb:out+pf8"};
    for (int mode = 0; mode < 4; ++mode) {
        auto record = [&](VkCommandBuffer cmd, int n, int timed) {
            vkCmdResetQueryPool(cmd, pool.handle(), 0, pool.count());
            for (int i = 0; i < n; ++i) {
                const Matrix key = matrix_at(ctx, W, VkDeviceSize(std::uint32_t(i) % copies) * kbytes, F, K);
                // The output matrix: the last 32 MiB of another copy (not the rows the key reads next).
                const Matrix out = matrix_at(ctx, W, VkDeviceSize(std::uint32_t(i + 3) % copies) * kbytes + kbytes - obytes, K, K);
                compute_barrier(cmd);
                if (mode & 2) {
                    record_matvec(ops, cmd, out, XR, 0, YR, F, ActIn::None, ActOut::None, true);
                    compute_barrier(cmd);
                }
                if (mode & 1) {
                    const Matrix* mats[] = {&key};
                    record_prefetch(ops, cmd, mats, 0, VkDeviceSize(8) << 20, YR);
                    compute_barrier(cmd);
                }
                const bool t = i >= n - timed;
                const std::uint32_t k = std::uint32_t(i - (n - timed));
                if (t) vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, pool.handle(), 2 * k);
                record_matvec(ops, cmd, key, XR, 0, YR, 0, ActIn::None, ActOut::None, false);
                compute_barrier(cmd);
                if (t) vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, pool.handle(), 2 * k + 1);
            }
        };
        const std::vector<double> per = bench::time_pairs_after_warmup(ctx, pool, reps, record);
        const double med = per[per.size() / 2];
        std::printf("layout 128/2/4 key %-11s cold median %8.2f us  min %8.2f us  %7.1f GB/s (the key alone timed)\n",
                    names[mode], med, per.front(), double(kbytes) / med * 1e-3);
        std::fflush(stdout);
    }
}

// BENCH_MV_SPAN=N (vk1 s22): the FFN key (or the head) with its copies spread over N more GiB buffers (the step's
// weights span ~14 GiB; the cold modes above rotate over 1 GiB): does the address span (page translations) cost
// the matvec? Modes: "span1" = the 1 GiB rotation, "spanN" consecutive dispatches in different buffers (each copy
// revisited after N GiB), "+t64"/"+t2M" a page touch (one 16-byte load per 64 KiB / 2 MiB of the matrix) before
// it, "+pf8" the 8 MiB L2 prefetch before it; only the matvec and its barrier timed.
void span_test(Context& ctx, Ops& ops, Ops::Kernels kn, const Buffer& W, const std::vector<Buffer>& bufs,
               const BufferRange& XR, const BufferRange& YR, int reps) {
    kn.matvec_wg = 128;
    kn.matvec_rows = 2;
    kn.matvec_unroll = 4;
    ops.set_kernels(kn);
    const std::uint32_t K = 4096;
    const bench::TimestampPool pool(ctx.shared_from_this(), 2 * std::uint32_t(reps));
    const std::uint32_t N = std::uint32_t(bufs.size());
    struct Mode { const char* name; bool spread; std::uint32_t touch; bool pf; };
    const Mode modes[] = {{"span1", false, 0, false},          {"spanN", true, 0, false},
                          {"spanN+t64", true, 64u << 10, false},  {"spanN+t2M", true, 2u << 20, false},
                          {"spanN+pf8", true, 0, true},           {"spanN+pf8+t64", true, 64u << 10, true},
                          {"span1+t64", false, 64u << 10, false}};
    for (std::uint32_t rows : {16384u, 65536u}) {
        const VkDeviceSize mb = VkDeviceSize(rows) * K * 2;
        const std::uint32_t per = std::uint32_t(W.size() / mb);
        for (const Mode& md : modes) {
            if (rows == 65536u && (md.touch == (2u << 20) || md.pf)) continue;
            auto record = [&](VkCommandBuffer cmd, int n, int timed) {
                vkCmdResetQueryPool(cmd, pool.handle(), 0, pool.count());
                for (int i = 0; i < n; ++i) {
                    const std::uint32_t ui = std::uint32_t(i);
                    const Buffer& B = md.spread ? bufs[ui % N] : W;
                    const std::uint32_t copy = md.spread ? (ui / N) % per : ui % per;
                    const Matrix m = matrix_at(ctx, B, VkDeviceSize(copy) * mb, rows, K);
                    const Matrix* mats[] = {&m};
                    compute_barrier(cmd);
                    if (md.pf) record_prefetch(ops, cmd, mats, 0, VkDeviceSize(8) << 20, YR);
                    if (md.touch) record_touch(ops, cmd, mats, md.touch, YR);
                    if (md.pf || md.touch) compute_barrier(cmd);
                    const bool t = i >= n - timed;
                    const std::uint32_t k = std::uint32_t(i - (n - timed));
                    if (t) vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, pool.handle(), 2 * k);
                    record_matvec(ops, cmd, m, XR, 0, YR, 0, ActIn::None, ActOut::None, false);
                    compute_barrier(cmd);
                    if (t) vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, pool.handle(), 2 * k + 1);
                }
            };
            const std::vector<double> v = bench::time_pairs_after_warmup(ctx, pool, reps, record);
            const double med = v[v.size() / 2];
            std::printf("span %s %-14s N=%u GiB median %8.2f us  min %8.2f us  %7.1f GB/s\n",
                        rows == 16384u ? "key " : "head", md.name, N, med, v.front(), double(mb) / med * 1e-3);
            std::fflush(stdout);
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    const std::string selector = argc > 1 ? argv[1] : "";
    const int reps = std::max(argc > 2 ? std::atoi(argv[2]) : 30, 3);
    auto ctx = Context::create(choose_device(list_devices(), selector, 0), ContextOptions{});
    if (ctx->caps().timestamp_bits == 0) {
        std::puts("no timestamps on this device");
        return 77;
    }
    Ops ops(ctx);
    Ops::Kernels kn = ops.kernels();
    kn.matvec = MatvecKind::Wide;
    kn.subgroup = ctx->caps().subgroup_arithmetic;
    const char* le = std::getenv("BENCH_MV_LAYOUTS");
    const std::vector<Layout> layouts = parse_layouts(le ? le : "128/2/4,128/4/4,256/8/1");

    const std::uint32_t K = 4096;
    const VkDeviceSize wbytes = VkDeviceSize(1) << 30;
    Buffer W(ctx, wbytes, MemoryKind::Device, "bench W");
    Buffer X(ctx, K * 4, MemoryKind::Device, "bench x");
    Buffer Y(ctx, 65536 * 4, MemoryKind::Device, "bench y");
    Buffer M(ctx, 65536 / 8, MemoryKind::Device, "bench mask");
    const char* ka = std::getenv("BENCH_MV_KEY_ACT");
    const bool key_act = ka && std::atoi(ka) != 0;
    Buffer up(ctx, VkDeviceSize(64) << 20, MemoryKind::Upload, "bench upload");
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> u(-1.f, 1.f);
    auto* h = static_cast<std::uint16_t*>(up.mapped());
    for (VkDeviceSize i = 0; i < up.size() / 2; ++i) h[i] = rwkv::f32_to_f16(u(rng) * 0.03f - 4e-4f);
    for (VkDeviceSize off = 0; off < wbytes; off += up.size()) {  // 16 copies of 64 MiB of random halves
        ctx->run_once([&](VkCommandBuffer cmd) {
            VkBufferCopy c{0, off, up.size()};
            vkCmdCopyBuffer(cmd, up.handle(), W.handle(), 1, &c);
        });
    }
    auto* xf = static_cast<float*>(up.mapped());
    for (std::uint32_t i = 0; i < K; ++i) xf[i] = std::fabs(u(rng));
    ctx->run_once([&](VkCommandBuffer cmd) {
        VkBufferCopy c{0, 0, K * 4};
        vkCmdCopyBuffer(cmd, up.handle(), X.handle(), 1, &c);
    });

    const bench::TimestampPool pool(ctx, std::uint32_t(reps) + 1);
    const BufferRange XR{X.handle(), 0, X.size()}, YR{Y.handle(), 0, Y.size()};
    std::printf("device %s, %d timed reps after >= 250 ms of warm-up each, subgroup %d\n", ctx->info().name.c_str(),
                reps, int(kn.subgroup));
    struct Shape { const char* name; std::uint32_t rows; int act; };  // act: 0 none, 1 relu^2, 2 relu^2 + mask
    std::vector<Shape> shapes = {{"output", 4096, 0}, {"key", 16384, 0}, {"head", 65536, 0}};
    if (key_act) {
        shapes.push_back({"key+r2", 16384, 1});
        shapes.push_back({"key+mask", 16384, 2});
    }
    const MaskArgs key_mask{{M.handle(), 0, M.size()}, 0, false};
    for (const Layout& l : layouts) {
        kn.matvec_wg = l.wg;
        kn.matvec_rows = l.rows;
        kn.matvec_unroll = l.unroll;
        ops.set_kernels(kn);
        for (const Shape& sh : shapes) {
            const VkDeviceSize mbytes = VkDeviceSize(sh.rows) * K * 2;
            const std::uint32_t copies = std::uint32_t(wbytes / mbytes);
            for (int hot = 0; hot < 2; ++hot) {
                if (hot && mbytes > (VkDeviceSize(40) << 20)) continue;  // only a matrix that fits in L2
                auto record = [&](VkCommandBuffer cmd, int n, int timed) {
                    vkCmdResetQueryPool(cmd, pool.handle(), 0, pool.count());
                    for (int i = 0; i < n; ++i) {
                        const VkDeviceSize off = hot ? 0 : VkDeviceSize(std::uint32_t(i) % copies) * mbytes;
                        const Matrix w = matrix_at(*ctx, W, off, sh.rows, K);
                        compute_barrier(cmd);
                        if (i == n - timed)
                            vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, pool.handle(), 0);
                        record_matvec(ops, cmd, w, XR, 0, YR, 0, ActIn::None, sh.act ? ActOut::Relu2 : ActOut::None,
                                      false, sh.act == 2 ? &key_mask : nullptr);
                        if (i >= n - timed)
                            vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, pool.handle(),
                                                std::uint32_t(i - (n - timed) + 1));
                    }
                };
                const std::vector<double> per = bench::time_after_warmup(*ctx, pool, reps, record);
                const double est = per[per.size() / 2];
                std::printf("layout %u/%u/%u %-8s %-4s median %8.2f us  min %8.2f us  %7.1f GB/s\n", l.wg, l.rows,
                            l.unroll, sh.name, hot ? "hot" : "cold", est, per.front(), double(mbytes) / est * 1e-3);
                std::fflush(stdout);
            }
        }
    }
    if (const char* nb = std::getenv("BENCH_MV_KEY_NB"); nb && std::atoi(nb) != 0) key_neighbours(*ctx, ops, kn, W, XR, YR, reps);
    if (const char* sp = std::getenv("BENCH_MV_SPAN"); sp && std::atoi(sp) > 0) {
        std::vector<Buffer> bufs;
        for (int b = 0; b < std::atoi(sp); ++b) {
            bufs.emplace_back(ctx, wbytes, MemoryKind::Device, "bench span");
            const VkBuffer vb = bufs.back().handle();
            ctx->run_once([&](VkCommandBuffer cmd) { vkCmdFillBuffer(cmd, vb, 0, VK_WHOLE_SIZE, 0x1c001c00u); });
        }
        span_test(*ctx, ops, kn, W, bufs, XR, YR, reps);
    }
    return 0;
}
