// Microbenchmark of the Vulkan rows path's tensor-core GEMM (kernels/vulkan/gemm_coop.comp) at the 7.2B prefill
// shapes, M = 1,024 rows: r/k/v/output 4096 x 4096 (fp16 X), FFN key 16384 x 4096 (fp16 X, relu², fp16 Y), FFN
// value transposed 4096 x 16384 (fp16 X, accumulating) — the products vk_rows.cpp records in prefill. No model.
// Timing: GPU timestamps around each dispatch of a timed run, after >= 250 ms of the same dispatches in the same
// submission (the H200 idles at 345 MHz; without the warm-up, times of one kernel differed 4x: docs/perf/vulkan-rows.md
// "v12"). Prints per case the median and min us per GEMM, TFLOP/s (2 M N K / median), and max |Y - Y_first| /
// (1 + |Y_first|) against the first case of the shape.
// Usage: bench_vulkan_gemm [device selector] [timed reps]. BENCH_GEMM_M rows (default 1024); BENCH_GEMM_CASES =
// "name|K=V K=V;..." where BM / BN set Ops::Kernels::coop_bm / coop_bn, SPLIT coop_split_groups, and any other key is
// set in the environment while the case runs (RWKV_VK_COOP_WTM, RWKV_VK_COOP_BK: gemm_coop.cpp); BENCH_GEMM_SHAPES
// = comma-separated names from "proj,key,value,upw,upg,ups4,projT,keyT,valueN", run in that order (a name may repeat:
// "key,keyT,key,keyT" alternates two shapes; default "proj,key,value"; upw / upg: the LoRA w and g ups alone, N =
// 4,096, K = 128 / 480; ups4: the four ups recorded together, K = 128, 128, 480, 96, timed as one, TFLOP/s of the
// first; projT / keyT: proj and key with W stored transposed, [K, N] as ffn.value; valueN: value with W as [N, K]). BENCH_GEMM_PROPS=1 first prints the devices' cooperative-matrix extensions and shape lists (NV and KHR)
// and maxComputeSharedMemorySize. Exit 77 without cooperative matrix.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "bench_vulkan_timing.h"
#include "rwkv/dtype.h"
#include "vulkan/ops.h"
#include "vulkan/vk_context.h"
#include "vulkan/vk_pipeline.h"

using namespace rwkv::vk;

namespace {

struct Shape {
    const char* name;
    std::uint32_t N, K;
    bool trans, yh, acc;
    GemmAct act;
    std::vector<std::uint32_t> more_k = {};  // further products recorded after the first with no barrier between
};


struct Case {
    std::string name;
    std::vector<std::pair<std::string, std::string>> env;
    std::uint32_t bm = 0, bn = 0, split = 0;  // split 0: no split K (as in prefill: the part buffer is taken)
};

std::vector<Case> parse_cases(const char* s) {
    std::vector<Case> out;
    std::stringstream ss(s);
    std::string item;
    while (std::getline(ss, item, ';')) {
        if (item.empty()) continue;
        Case c;
        const auto bar = item.find('|');
        c.name = item.substr(0, bar);
        if (bar != std::string::npos) {
            std::stringstream es(item.substr(bar + 1));
            std::string kv;
            while (es >> kv) {
                const auto eq = kv.find('=');
                if (eq == std::string::npos) continue;
                const std::string k = kv.substr(0, eq), v = kv.substr(eq + 1);
                const auto n = std::uint32_t(std::atoi(v.c_str()));
                if (k == "BM") c.bm = n;
                else if (k == "BN") c.bn = n;
                else if (k == "SPLIT") c.split = n;
                else c.env.emplace_back(k, v);
            }
        }
        out.push_back(c);
    }
    return out;
}


// BENCH_GEMM_PROPS=1: the physical devices' cooperative-matrix extensions and property lists (NV and, where the
// driver offers it, KHR: its struct written out here since Debian 12's headers predate it) and the compute
// shared-memory limit, from an instance of its own.
struct KhrCoopProps {  // VkCooperativeMatrixPropertiesKHR
    VkStructureType sType;
    void* pNext;
    std::uint32_t M, N, K, A, B, C, Result;
    VkBool32 saturating;
    std::uint32_t scope;
};

void print_coop_props() {
    VkApplicationInfo app{};
    app.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO;
    app.apiVersion = VK_API_VERSION_1_2;
    VkInstanceCreateInfo ici{};
    ici.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO;
    ici.pApplicationInfo = &app;
    VkInstance inst = VK_NULL_HANDLE;
    if (vkCreateInstance(&ici, nullptr, &inst) != VK_SUCCESS) return;
    std::uint32_t nd = 0;
    vkEnumeratePhysicalDevices(inst, &nd, nullptr);
    std::vector<VkPhysicalDevice> devs(nd);
    vkEnumeratePhysicalDevices(inst, &nd, devs.data());
    for (VkPhysicalDevice d : devs) {
        VkPhysicalDeviceProperties p;
        vkGetPhysicalDeviceProperties(d, &p);
        std::printf("props %s driver %u maxComputeSharedMemorySize %u maxComputeWorkGroupInvocations %u\n",
                    p.deviceName, p.driverVersion, p.limits.maxComputeSharedMemorySize,
                    p.limits.maxComputeWorkGroupInvocations);
        std::uint32_t ne = 0;
        vkEnumerateDeviceExtensionProperties(d, nullptr, &ne, nullptr);
        std::vector<VkExtensionProperties> ex(ne);
        vkEnumerateDeviceExtensionProperties(d, nullptr, &ne, ex.data());
        bool khr = false;
        for (const auto& e : ex) {
            const std::string n = e.extensionName;
            if (n.find("cooperative") != std::string::npos || n.find("shader_float16") != std::string::npos ||
                n.find("subgroup_size") != std::string::npos || n.find("maintenance4") != std::string::npos ||
                n.find("shared_memory") != std::string::npos || n.find("memory_model") != std::string::npos)
                std::printf("props ext %s v%u\n", e.extensionName, e.specVersion);
            khr = khr || n == "VK_KHR_cooperative_matrix";
        }
        auto nv = reinterpret_cast<PFN_vkGetPhysicalDeviceCooperativeMatrixPropertiesNV>(
            vkGetInstanceProcAddr(inst, "vkGetPhysicalDeviceCooperativeMatrixPropertiesNV"));
        if (nv) {
            std::uint32_t np = 0;
            nv(d, &np, nullptr);
            VkCooperativeMatrixPropertiesNV blank{};
            blank.sType = VK_STRUCTURE_TYPE_COOPERATIVE_MATRIX_PROPERTIES_NV;
            std::vector<VkCooperativeMatrixPropertiesNV> cp(np, blank);
            nv(d, &np, cp.data());
            for (const auto& c : cp)
                std::printf("props nv MxNxK %ux%ux%u A %d B %d C %d D %d scope %d\n", c.MSize, c.NSize, c.KSize,
                            int(c.AType), int(c.BType), int(c.CType), int(c.DType), int(c.scope));
        }
        using KhrFn = VkResult (*)(VkPhysicalDevice, std::uint32_t*, KhrCoopProps*);
        auto kf = khr ? reinterpret_cast<KhrFn>(
                            vkGetInstanceProcAddr(inst, "vkGetPhysicalDeviceCooperativeMatrixPropertiesKHR"))
                      : nullptr;
        if (kf) {
            std::uint32_t np = 0;
            kf(d, &np, nullptr);
            std::vector<KhrCoopProps> cp(np);
            for (auto& c : cp) {
                c = {};
                c.sType = VkStructureType(1000506001);  // VK_STRUCTURE_TYPE_COOPERATIVE_MATRIX_PROPERTIES_KHR
            }
            kf(d, &np, cp.data());
            for (const auto& c : cp)
                std::printf("props khr MxNxK %ux%ux%u A %u B %u C %u R %u sat %u scope %u\n", c.M, c.N, c.K, c.A,
                            c.B, c.C, c.Result, c.saturating, c.scope);
        }
    }
    vkDestroyInstance(inst, nullptr);
}

}  // namespace

int main(int argc, char** argv) {
    const std::string selector = argc > 1 ? argv[1] : "";
    const int reps = std::max(argc > 2 ? std::atoi(argv[2]) : 20, 3);
    if (const char* pe = std::getenv("BENCH_GEMM_PROPS"); pe && std::atoi(pe) == 1) print_coop_props();
    auto ctx = Context::create(choose_device(list_devices(), selector, 0), ContextOptions{});
    if (!ctx->caps().coop_matrix || ctx->caps().timestamp_bits == 0) {
        std::puts("no cooperative matrix or no timestamps on this device");
        return 77;
    }
    Ops ops(ctx);
    Ops::Kernels kn = ops.kernels();
    kn.coop_gemm = true;
    const char* cs = std::getenv("BENCH_GEMM_CASES");
    const std::vector<Case> cases = parse_cases(cs ? cs : "default|");
    const char* me = std::getenv("BENCH_GEMM_M");
    const char* sh_env = std::getenv("BENCH_GEMM_SHAPES");
    const std::string want = sh_env ? sh_env : "proj,key,value";
    const std::uint32_t M = me ? std::uint32_t(std::atoi(me)) : 1024, Kmax = 16384, Nmax = 16384;
    const Shape all[] = {{"proj", 4096, 4096, false, false, false, GemmAct::None},
                         {"key", 16384, 4096, false, true, false, GemmAct::Relu2},
                         {"value", 4096, 16384, true, false, true, GemmAct::None},
                         // The prefill LoRA ups (N = C, K = D: 7.2B w / a 128, g 480, v 96; fp16 X, fp32 Y), alone
                         // and the four recorded together as vk_rows.cpp does (one timestamp per four).
                         {"upw", 4096, 128, false, false, false, GemmAct::None},
                         {"upg", 4096, 480, false, false, false, GemmAct::None},
                         {"ups4", 4096, 128, false, false, false, GemmAct::None, {128, 480, 96}},
                         // The same products with the other W layout: [K, N] (TRANS = 1) for proj and key, [N, K]
                         // for value (the layout alone: the shapes, X and Y as above).
                         {"projT", 4096, 4096, true, false, false, GemmAct::None},
                         {"keyT", 16384, 4096, true, true, false, GemmAct::Relu2},
                         {"valueN", 4096, 16384, false, false, true, GemmAct::None}};

    const VkDeviceSize wbytes = VkDeviceSize(Nmax) * 4096 * 2, xbytes = VkDeviceSize(M) * Kmax * 2;
    const VkDeviceSize ybytes = VkDeviceSize(M) * Nmax * 4;
    Buffer W(ctx, wbytes, MemoryKind::Device, "bench W");
    Buffer X(ctx, xbytes, MemoryKind::Device, "bench X");
    Buffer Y(ctx, ybytes, MemoryKind::Device, "bench Y");
    Buffer part(ctx, VkDeviceSize(M) * Nmax * 4 * 4, MemoryKind::Device, "bench part");
    Buffer tickets(ctx, 1 << 20, MemoryKind::Device, "bench tickets");
    Buffer up(ctx, std::max(wbytes, ybytes), MemoryKind::Upload, "bench upload");
    Buffer rb(ctx, ybytes, MemoryKind::Readback, "bench readback");
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> u(-1.f, 1.f);
    auto upload = [&](Buffer& dst, VkDeviceSize n) {
        ctx->run_once([&](VkCommandBuffer cmd) {
            VkBufferCopy c{0, 0, n};
            vkCmdCopyBuffer(cmd, up.handle(), dst.handle(), 1, &c);
        });
    };
    auto* h = static_cast<std::uint16_t*>(up.mapped());
    for (VkDeviceSize i = 0; i < wbytes / 2; ++i) h[i] = rwkv::f32_to_f16(u(rng) * 0.03f);
    upload(W, wbytes);
    for (VkDeviceSize i = 0; i < xbytes / 2; ++i) h[i] = rwkv::f32_to_f16(u(rng));
    upload(X, xbytes);
    ctx->run_once([&](VkCommandBuffer cmd) { vkCmdFillBuffer(cmd, tickets.handle(), 0, VK_WHOLE_SIZE, 0); });

    const bench::TimestampPool pool(ctx, std::uint32_t(reps) + 1);

    CoopScratch sc;
    sc.part = {part.handle(), 0, part.size()};
    sc.tickets = {tickets.handle(), 0, tickets.size()};
    sc.part_floats = std::uint32_t(part.size() / 4);
    sc.ticket_count = std::uint32_t(tickets.size() / 4);
    const BufferRange XR{X.handle(), 0, X.size()}, YR{Y.handle(), 0, Y.size()};
    VkPhysicalDeviceProperties props{};
    vkGetPhysicalDeviceProperties(ctx->physical(), &props);
    std::printf("device %s, M %u, %d timed reps after >= 250 ms of warm-up each, maxComputeSharedMemorySize %u\n",
                ctx->info().name.c_str(), M, reps, props.limits.maxComputeSharedMemorySize);
    std::vector<const Shape*> order;
    {
        std::stringstream ws(want);
        std::string name;
        while (std::getline(ws, name, ','))
            for (const Shape& sh : all)
                if (name == sh.name) order.push_back(&sh);
    }
    for (const Shape* shp : order) {
        const Shape& sh = *shp;
        Matrix w;
        w.rows = sh.trans ? sh.K : sh.N;
        w.cols = sh.trans ? sh.N : sh.K;
        w.pieces.push_back({{W.handle(), 0, VkDeviceSize(sh.N) * sh.K * 2}, 0, w.rows});
        // more_k: product j reads W after the previous ones, X at column block j * 512, writes Y block j.
        std::vector<Matrix> mw;
        VkDeviceSize woff = VkDeviceSize(sh.N) * sh.K * 2;
        for (std::uint32_t k : sh.more_k) {
            Matrix m;
            m.rows = sh.N;
            m.cols = k;
            m.pieces.push_back({{W.handle(), woff, VkDeviceSize(sh.N) * k * 2}, 0, sh.N});
            woff += VkDeviceSize(sh.N) * k * 2;
            mw.push_back(m);
        }
        auto record_more = [&](VkCommandBuffer cmd) {
            for (std::size_t j = 0; j < mw.size(); ++j)
                record_gemm_coop(ops, cmd, mw[j], false, M, XR, std::uint32_t(j + 1) * 512 * M, mw[j].cols, YR,
                                 std::uint32_t(j + 1) * M * sh.N, sh.N, sh.act, sh.acc, sc, true, sh.yh);
        };
        std::vector<float> ref;
        for (const Case& c : cases) {
            for (const auto& [k, v] : c.env) setenv(k.c_str(), v.c_str(), 1);
            kn.coop_bm = c.bm;
            kn.coop_bn = c.bn;
            kn.coop_split_groups = c.split;
            ops.set_kernels(kn);
            // n GEMMs; with timestamps, one before the last `timed` of them and one after each.
            auto record = [&](VkCommandBuffer cmd, int n, int timed) {
                if (timed) vkCmdResetQueryPool(cmd, pool.handle(), 0, pool.count());
                for (int i = 0; i < n; ++i) {
                    if (timed && i == n - timed)
                        vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, pool.handle(), 0);
                    sc.reset();
                    record_gemm_coop(ops, cmd, w, sh.trans, M, XR, 0, sh.K, YR, 0, sh.N, sh.act, sh.acc, sc, true,
                                     sh.yh);
                    record_more(cmd);
                    compute_barrier(cmd);
                    if (timed && i >= n - timed)
                        vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, pool.handle(),
                                            std::uint32_t(i - (n - timed) + 1));
                }
            };
            std::vector<double> per;
            bool ok = true;
            try {
                per = bench::time_after_warmup(*ctx, pool, reps, record);
            } catch (const std::exception& e) {
                std::printf("%-6s %-28s failed: %s\n", sh.name, c.name.c_str(), e.what());
                ok = false;
            }
            if (!ok) {
                for (const auto& [k, v] : c.env) unsetenv(k.c_str());
                continue;
            }
            const std::size_t n = std::size_t(M) * sh.N;
            ctx->run_once([&](VkCommandBuffer cmd) {  // a fresh Y (the value GEMM accumulates)
                vkCmdFillBuffer(cmd, Y.handle(), 0, VkDeviceSize(n) * 4, 0);
                compute_barrier(cmd);
                sc.reset();
                record_gemm_coop(ops, cmd, w, sh.trans, M, XR, 0, sh.K, YR, 0, sh.N, sh.act, sh.acc, sc, true, sh.yh);
                full_barrier(cmd);
                VkBufferCopy cp{0, 0, VkDeviceSize(n) * (sh.yh ? 2 : 4)};
                vkCmdCopyBuffer(cmd, Y.handle(), rb.handle(), 1, &cp);
            });
            // The case's environment stays set until its own Y is read (session 15: unset before this run, the
            // diff of an environment-knob case compared the default kernel's Y).
            for (const auto& [k, v] : c.env) unsetenv(k.c_str());
            std::vector<float> got(n);
            if (sh.yh) {
                const auto* hv = static_cast<const std::uint16_t*>(rb.mapped());
                for (std::size_t i = 0; i < n; ++i) got[i] = rwkv::f16_to_f32(hv[i]);
            } else {
                std::memcpy(got.data(), rb.mapped(), n * 4);
            }
            if (ref.empty()) ref = got;
            double diff = 0;
            for (std::size_t i = 0; i < n; ++i) {
                const double d = std::fabs(double(got[i]) - ref[i]) / (1.0 + std::fabs(double(ref[i])));
                diff = std::isfinite(got[i]) ? std::max(diff, d) : INFINITY;
            }
            const double med = per[per.size() / 2], tflops = 2.0 * M * sh.N * sh.K / (med * 1e-6) / 1e12;
            std::printf("%-6s %-28s median %8.1f us  min %8.1f us  %6.1f TFLOP/s  diff %.2e\n", sh.name,
                        c.name.c_str(), med, per.front(), tflops, diff);
            std::fflush(stdout);
        }
    }
    return 0;
}
