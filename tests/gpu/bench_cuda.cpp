// CUDA bench (tests/gpu/run-h200.sh runs it): device copy bandwidth, the matvec kernel on the issue's
// shapes against it, and decode/prefill speed of random-weight models of the official shapes (weights
// generated on the device; FFN density set by biasing ffn.key, measured back through ffn_activity).
// The kernel-version A/B benches live in bench_cuda_b1_ab.cpp (--b1, --b1probe; its v53-v63 modes in
// bench_cuda_b1_v53.cpp), bench_cuda_int8_ab.cpp (--int8) and bench_cuda_batch_ab.cpp (--batch, --b1lora, --wkvprobe).
// Usage: bench_cuda [out.json] [--quick] [--rows] [--int8] [--b1] [--batch [--b1lora]] [--sample] [--small] [--wkvprobe] [--mvprobe] [--b1probe].
// --sample: the public batched call, B x V logits to the host vs device sampling (bench_cuda_sample.cpp). --batch: only the rows-path
// A/B (7.2B B=256/1024 decode: v16e/h, v19 grouped LoRA, v18/v18d fp16 state; logits comparisons; prefill T=1024, per-kind profiles); --b1lora adds the v17 B=1 A/B first. --quick: 7.2B only; --rows: skip the batch-1 knob
// sweep (eager, PDL, sparse variants, per-kind costs); --int8: only 7.2B B=1 decode fp16 vs
// int8 weight-only (bytes/token, roofline, per-kind graph costs) and int8 prefill T=1024. Prints a table;
// writes every number to the JSON.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <cuda_runtime_api.h>
#include <nlohmann/json.hpp>

#include "bench_cuda_common.h"
#include "cuda/cuda_model.h"
#include "rwkv/devices.h"
#include "rwkv/error.h"

namespace ck = rwkv::cuda_kernels;
using rwkv::cuda::check;

namespace bench_cuda {

double copy_bandwidth_gbs() {
    const std::size_t bytes = std::size_t(2) << 30;
    void *a = nullptr, *b = nullptr;
    check(cudaMalloc(&a, bytes), "bench alloc");
    check(cudaMalloc(&b, bytes), "bench alloc");
    check(cudaMemset(a, 1, bytes), "memset");
    cudaEvent_t e0, e1;
    cudaEventCreate(&e0);
    cudaEventCreate(&e1);
    float best = 1e30f;
    for (int i = 0; i < 6; ++i) {
        cudaEventRecord(e0);
        check(cudaMemcpy(b, a, bytes, cudaMemcpyDeviceToDevice), "copy");
        cudaEventRecord(e1);
        cudaEventSynchronize(e1);
        float ms = 0;
        cudaEventElapsedTime(&ms, e0, e1);
        if (i > 0) best = std::min(best, ms);
    }
    cudaFree(a);
    cudaFree(b);
    return 2.0 * double(bytes) / (best * 1e-3) / 1e9;
}

// Matvec of rows x cols, rotating over enough copies that the working set is ~4x the L2. kind 0: fp16 (2-row
// groups), 1: fp16 with 4-row groups (MatvecJob::rows4, the kI8 kernel), 2: int8 with per-row scales (random
// bytes; the dequantisation does not depend on the values).
nlohmann::json bench_matvec(int rows, int cols, double copy_gbs, int kind) {
    const std::size_t es = kind == 2 ? 1 : 2;
    const std::size_t bytes = std::size_t(rows) * cols * es;
    const int copies = int(std::max<std::size_t>(2, (std::size_t(1) << 30) / bytes));
    std::vector<void*> W(static_cast<std::size_t>(copies));
    for (auto& w : W) {
        check(cudaMalloc(&w, bytes), "bench alloc");
        if (kind == 2)
            check(ck::launch_fill_random(w, ck::WType::F32, std::int64_t(bytes / 4), 7, 1.0f, 0.0f, nullptr), "fill");
        else
            check(ck::launch_fill_random(w, ck::WType::F16, std::int64_t(rows) * cols, 7, 0.05f, 0.0f, nullptr), "fill");
    }
    float *x = nullptr, *y = nullptr, *scale = nullptr;
    check(cudaMalloc(reinterpret_cast<void**>(&x), std::size_t(cols) * 4), "alloc");
    check(cudaMalloc(reinterpret_cast<void**>(&y), std::size_t(rows) * 4), "alloc");
    check(cudaMalloc(reinterpret_cast<void**>(&scale), std::size_t(rows) * 4), "alloc");
    check(ck::launch_fill_random(x, ck::WType::F32, cols, 9, 1.0f, 0.0f, nullptr), "fill");
    check(ck::launch_fill_random(scale, ck::WType::F32, rows, 11, 0.01f, 0.02f, nullptr), "fill");
    cudaEvent_t e0, e1;
    cudaEventCreate(&e0);
    cudaEventCreate(&e1);
    std::vector<double> us;
    for (int rep = 0; rep < 7; ++rep) {
        const int iters = 20 * copies;
        cudaEventRecord(e0);
        for (int i = 0; i < iters; ++i) {
            ck::MatvecBatch b;
            b.job[b.n++] = {W[std::size_t(i % copies)], x, y, nullptr, rows, cols, ck::kEpiNone, nullptr,
                            kind == 2 ? scale : nullptr, kind == 1 ? 1 : 0};
            check(ck::launch_matvec(b, ck::WType::F16, nullptr), "matvec");
        }
        cudaEventRecord(e1);
        check(cudaEventSynchronize(e1), "sync");
        float ms = 0;
        cudaEventElapsedTime(&ms, e0, e1);
        if (rep > 0) us.push_back(ms * 1e3 / iters);
    }
    std::sort(us.begin(), us.end());
    const double t = us[us.size() / 2];
    const double gbs = double(bytes) / (t * 1e-6) / 1e9;
    for (auto w : W) cudaFree(w);
    cudaFree(x);
    cudaFree(y);
    cudaFree(scale);
    const char* kn = kind == 2 ? "int8" : kind == 1 ? "fp16 4-row" : "fp16";
    std::printf("matvec %6d x %-6d %-10s: %8.2f us  %7.0f GB/s  %5.1f%% of copy bw\n", rows, cols, kn, t, gbs,
                100.0 * gbs / copy_gbs);
    return {{"rows", rows}, {"cols", cols}, {"kind", kn}, {"us", t}, {"gb_s", gbs}, {"pct_copy_bw", 100.0 * gbs / copy_gbs}};
}

// --mvprobe (an ncu target, no timing): one int8 matvec launch on 16384 x 4096 (the 7.2B FFN key shape), then
// one fp16 4096 x 4096.
void mv_probe() {
    const int rows = 16384, cols = 4096;
    void* W = nullptr;
    float *x = nullptr, *y = nullptr, *scale = nullptr;
    check(cudaMalloc(&W, std::size_t(rows) * cols), "alloc");
    check(cudaMalloc(reinterpret_cast<void**>(&x), std::size_t(cols) * 4), "alloc");
    check(cudaMalloc(reinterpret_cast<void**>(&y), std::size_t(rows) * 4), "alloc");
    check(cudaMalloc(reinterpret_cast<void**>(&scale), std::size_t(rows) * 4), "alloc");
    check(ck::launch_fill_random(W, ck::WType::F32, std::int64_t(rows) * cols / 4, 7, 1.0f, 0.0f, nullptr), "fill");
    check(ck::launch_fill_random(x, ck::WType::F32, cols, 9, 1.0f, 0.0f, nullptr), "fill");
    check(ck::launch_fill_random(scale, ck::WType::F32, rows, 11, 0.01f, 0.02f, nullptr), "fill");
    ck::MatvecBatch b;
    b.job[b.n++] = {W, x, y, nullptr, rows, cols, ck::kEpiNone, nullptr, scale, 0};
    check(ck::launch_matvec(b, ck::WType::F16, nullptr), "matvec int8");
    ck::MatvecBatch h;
    h.job[h.n++] = {W, x, y, nullptr, 4096, cols, ck::kEpiNone};
    check(ck::launch_matvec(h, ck::WType::F16, nullptr), "matvec fp16");
    check(cudaDeviceSynchronize(), "sync");
    cudaFree(W);
    cudaFree(x);
    cudaFree(y);
    cudaFree(scale);
    std::printf("mvprobe done\n");
}

rwkv::ModelShape shape_of(const std::string& n) {
    rwkv::ModelShape s;
    s.vocab_size = 65536;
    s.head_size = 64;
    auto set = [&](int L, int C, int lw, int la, int lv, int lg) {
        s.n_layer = L; s.n_embd = C; s.n_head = C / 64; s.dim_ffn = 4 * C;
        s.lora_w = lw; s.lora_a = la; s.lora_v = lv; s.lora_g = lg;
    };
    if (n == "0.1b") set(12, 768, 64, 64, 32, 128);
    else if (n == "1.5b") set(24, 2048, 96, 96, 64, 256);
    else if (n == "7.2b") set(32, 4096, 128, 128, 96, 480);
    else if (n == "13.3b") set(61, 4096, 128, 128, 96, 480);
    return s;
}

std::vector<int> batches_from_env(const char* name, std::vector<int> fallback) {
    const char* e = std::getenv(name);
    if (e == nullptr) return fallback;
    std::vector<int> out;
    for (const char* q = e; *q != 0;) {
        out.push_back(std::atoi(q));
        while (*q != 0 && *q != ',') ++q;
        if (*q == ',') ++q;
    }
    return out;
}

std::vector<AbSet> ab_sets_from_env(const char* fallback) {
    const char* e = std::getenv("RWKV_BENCH_AB");
    const std::string spec = e != nullptr ? e : fallback;
    std::vector<AbSet> sets;
    for (std::size_t at = 0; at < spec.size();) {
        std::size_t end = spec.find(',', at);
        if (end == std::string::npos) end = spec.size();
        const std::string item = spec.substr(at, end - at);
        const std::size_t c1 = item.find(':'), c2 = item.find(':', c1 + 1);
        if (c1 != std::string::npos && c2 != std::string::npos)
            sets.push_back({item.substr(0, c1), std::atoi(item.c_str() + c1 + 1), std::atoi(item.c_str() + c2 + 1)});
        at = end + 1;
    }
    return sets;
}

std::vector<const char*> shapes_in(const std::vector<AbSet>& sets) {
    std::vector<const char*> shapes;
    for (const char* shape : {"1.5b", "7.2b"})
        if (std::any_of(sets.begin(), sets.end(), [&](const AbSet& st) { return st.shape == shape; }))
            shapes.push_back(shape);
    return shapes;
}

std::vector<float> batch_logits_after(rwkv::cuda::CudaModel& m, int V, int B, int steps) {
    std::vector<rwkv::State> states;
    for (int b = 0; b < B; ++b) states.push_back(m.new_state());
    std::vector<rwkv::State*> ptrs;
    for (auto& st : states) ptrs.push_back(&st);
    std::vector<std::int32_t> ids(static_cast<std::size_t>(B));
    std::vector<float> logits(std::size_t(B) * std::size_t(V));
    for (int t = 0; t < steps; ++t) {
        for (int b = 0; b < B; ++b) ids[std::size_t(b)] = (b * 7919 + 11 + 104729 * t) % V;
        m.forward_batch(ptrs, ids, logits);
    }
    return logits;
}

BatchInputs batch_inputs(rwkv::cuda::CudaModel& m, int V, int B) {
    BatchInputs in;
    for (int b = 0; b < B; ++b) in.states.push_back(m.new_state());
    for (auto& st : in.states) in.ptrs.push_back(&st);
    in.ids.resize(std::size_t(B));
    in.next.resize(std::size_t(B));
    in.rng.resize(std::size_t(B));
    for (int b = 0; b < B; ++b) {
        in.ids[std::size_t(b)] = (b * 7919 + 11) % V;
        in.rng[std::size_t(b)] = 0x9E3779B97F4A7C15ull + std::uint64_t(b);
    }
    return in;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// Median ms of one decode forward() (1 token, logits to the host), after a short prompt.
double decode_ms(rwkv::cuda::CudaModel& m, rwkv::State& s, int n) {
    std::vector<float> logits(std::size_t(m.shape().vocab_size));
    std::vector<double> ms;
    for (int i = 0; i < n + 5; ++i) {
        const std::int32_t t[1] = {std::int32_t((i * 7919) % 65536)};
        const auto t0 = Clock::now();
        m.forward(s, t, logits);
        if (i >= 5) ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    return median(ms);
}

std::vector<std::pair<std::string, double>> graph_kind_costs(rwkv::cuda::CudaModel& m, double full_ms) {
    const char* kinds[7] = {"ln_mix", "matvec_rkv_lora1", "matvec_lora2", "wkv7", "matvec_output",
                            "matvec_ffn_key", "sparse_ffn_value"};  // set_skip_mask bits 1 .. 64
    std::vector<std::pair<std::string, double>> costs;
    for (int b = 0; b < 7; ++b) {
        m.set_skip_mask(1u << b);
        rwkv::State sk = m.new_state();
        costs.emplace_back(kinds[b], full_ms - decode_ms(m, sk, 30));
    }
    m.set_skip_mask(0);
    return costs;
}

WarmModel warm_random_model(const rwkv::ModelShape& s, rwkv::DType dtype, double density) {
    WarmModel w{rwkv::cuda::make_random_cuda_model(s, 0, dtype, 1, density), {}, {}};
    w.st = w.m->new_state();
    w.logits.resize(std::size_t(s.vocab_size));
    std::vector<std::int32_t> prompt(16);
    for (int i = 0; i < 16; ++i) prompt[std::size_t(i)] = i * 997;
    w.m->forward(w.st, prompt, w.logits);
    return w;
}

// The ReLU² density measured between two FFN activity snapshots (active / total neurons in between).
double measured_density(const rwkv::Model::FfnActivity& a0, const rwkv::Model::FfnActivity& a1) {
    return double(a1.active - a0.active) / double(std::max<std::uint64_t>(1, a1.total - a0.total));
}

// Dense weights read per step (every matrix but the embedding) and FLOPs per token (2 per weight).
double dense_weight_bytes(const rwkv::ModelShape& s, double es) {
    const double C = s.n_embd, F = s.dim_ffn, L = s.n_layer, V = s.vocab_size;
    const double lora = (s.lora_w + s.lora_a + s.lora_v + s.lora_g) * C * 2;
    return L * (4 * C * C + 2 * F * C + lora) * es + V * C * es;
}

// Bytes one batch-1 token step reads and writes: every matrix but the embedding and ffn.value at es bytes per weight
// (1 for int8, 2 for fp16; the LoRA factors stay fp16), ffn.value's rows at the measured ReLU² density, and the fp32
// WKV state read and written once. Copy bandwidth / this = the roofline in tok/s (docs/perf/cuda-decode.md "The two
// numbers").
double b1_bytes_per_token(const rwkv::ModelShape& s, double es, double dens) {
    const double C = s.n_embd, F = s.dim_ffn, L = s.n_layer, V = s.vocab_size;
    const double lora = (s.lora_w + s.lora_a + s.lora_v + s.lora_g) * C * 2;
    return L * (4 * C * C + F * C) * es + L * lora * 2.0 + V * C * es + L * F * C * es * dens + 2.0 * s.state_floats() * 4;
}

bool g_rows_only = false;  // --rows: B=1 decode, prefill, batch and GEMM rows only (no B=1 knob sweep)
double g_gemm_tflops = 0;  // measured fp16 cuBLAS rate (8192^3), the compute ceiling of the batch rows

// cuBLAS fp16 rate on a large square product (compute ceiling), and on the rows-path shapes.
nlohmann::json bench_gemm() {
    nlohmann::json out = nlohmann::json::array();
    cudaStream_t st;
    check(cudaStreamCreate(&st), "stream");
    {
        rwkv::cuda::GemmRunner g(st, ck::WType::F16);
        struct Shape { int R, N, K; };
        for (Shape sh : {Shape{8192, 8192, 8192}, Shape{256, 4096, 4096}, Shape{1024, 4096, 4096},
                         Shape{256, 16384, 4096}, Shape{1024, 16384, 4096}, Shape{1024, 4096, 16384}}) {
            void *W, *X, *Y;
            check(cudaMalloc(&W, std::size_t(sh.N) * sh.K * 2), "alloc");
            check(cudaMalloc(&X, std::size_t(sh.R) * sh.K * 2), "alloc");
            check(cudaMalloc(&Y, std::size_t(sh.R) * sh.N * 4), "alloc");
            check(ck::launch_fill_random(W, ck::WType::F16, std::int64_t(sh.N) * sh.K, 3, 0.05f, 0.0f, st), "fill");
            check(ck::launch_fill_random(X, ck::WType::F16, std::int64_t(sh.R) * sh.K, 4, 1.0f, 0.0f, st), "fill");
            cudaEvent_t e0, e1;
            cudaEventCreate(&e0);
            cudaEventCreate(&e1);
            std::vector<double> ms;
            for (int rep = 0; rep < 12; ++rep) {
                cudaEventRecord(e0, st);
                g.linear(sh.R, sh.N, sh.K, W, X, Y, false, 0.0f, "bench gemm");
                cudaEventRecord(e1, st);
                check(cudaEventSynchronize(e1), "sync");
                float t = 0;
                cudaEventElapsedTime(&t, e0, e1);
                if (rep >= 2) ms.push_back(t);
            }
            const double t = median(ms);
            const double tf = 2.0 * sh.R * sh.N * double(sh.K) / (t * 1e-3) / 1e12;
            if (sh.R == 8192) g_gemm_tflops = tf;
            std::printf("gemm fp16 R=%-5d N=%-5d K=%-5d: %8.3f ms  %6.1f TFLOP/s%s\n", sh.R, sh.N, sh.K, t, tf,
                        g.uses_cublas() ? "" : " (fallback kernel)");
            out.push_back({{"R", sh.R}, {"N", sh.N}, {"K", sh.K}, {"ms", t}, {"tflops", tf}, {"cublas", g.uses_cublas()}});
            cudaFree(W);
            cudaFree(X);
            cudaFree(Y);
        }
    }
    cudaStreamDestroy(st);
    return out;
}

// Median ms of a T-token prefill (one chunk) and of a B-sequence batched step on the device.
double bench_prefill_t(rwkv::cuda::CudaModel& m, int T) {
    std::vector<std::int32_t> p(static_cast<std::size_t>(T));
    for (int i = 0; i < T; ++i) p[std::size_t(i)] = (i * 7717 + 5) % 65536;
    std::vector<float> logits(static_cast<std::size_t>(m.shape().vocab_size));
    rwkv::ForwardOptions o;
    o.chunk_size = std::size_t(T);
    std::vector<double> ms;
    for (int rep = 0; rep < 4; ++rep) {
        rwkv::State sp = m.new_state();
        const auto t0 = Clock::now();
        m.forward(sp, p, logits, o);
        if (rep > 0) ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    return median(ms);
}

nlohmann::json print_profile(const std::vector<std::pair<std::string, double>>& prof, const std::string& what) {
    nlohmann::json pj = nlohmann::json::object();
    double total = 0;
    for (auto& [label, t] : prof) total += t;
    std::printf("%s: per kind (eager, ms, sum over layers; total %.3f ms)\n", what.c_str(), total);
    for (auto& [label, t] : prof) {
        pj[label] = t;
        std::printf("         %-16s %8.3f ms  %5.1f%%\n", label.c_str(), t, 100.0 * t / total);
    }
    return pj;
}

// Prefill of T tokens through the rows path (one forward() with one chunk).
nlohmann::json bench_prefill(rwkv::cuda::CudaModel& m, const std::string& name, double copy_gbs) {
    nlohmann::json out = nlohmann::json::object();
    std::vector<float> logits(std::size_t(m.shape().vocab_size));
    const double flops_tok = 2.0 * dense_weight_bytes(m.shape(), 2.0) / 2.0;
    for (int T : {256, 1024}) {
        std::vector<std::int32_t> p(static_cast<std::size_t>(T));
        for (int i = 0; i < T; ++i) p[std::size_t(i)] = (i * 31337 + T) % 65536;
        rwkv::ForwardOptions o;
        o.chunk_size = std::size_t(T);
        std::vector<double> ms;
        for (int rep = 0; rep < 4; ++rep) {
            rwkv::State sp = m.new_state();
            const auto tp = Clock::now();
            m.forward(sp, p, logits, o);
            if (rep > 0) ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - tp).count());
        }
        const double t = median(ms), tok_s = T / (t * 1e-3);
        const double floor_ms = flops_tok * T / (g_gemm_tflops * 1e12) * 1e3;
        char key[16];  // "t" + std::to_string(T) trips GCC 12's -Wrestrict false positive (GCC bug 105329)
        std::snprintf(key, sizeof key, "t%d", T);
        out[key] = {{"ms", t}, {"tok_s", tok_s}, {"gemm_floor_ms", floor_ms},
                   {"pct_of_gemm_floor", 100.0 * floor_ms / t}};
        std::printf("%-6s prefill B=1 T=%-4d: %8.2f ms  %8.0f tok/s  (compute floor %.2f ms at %.0f TFLOP/s: %.0f%%)\n",
                    name.c_str(), T, t, tok_s, floor_ms, g_gemm_tflops, 100.0 * floor_ms / t);
    }
    {  // where the time of a 1024-token block goes (eager, events between kinds)
        rwkv::State sp = m.new_state();
        rwkv::State* one[1] = {&sp};
        out["profile_t1024_ms"] = print_profile(m.profile_rows(one, 1024, 3), name + " prefill T=1024");
    }
    (void)copy_gbs;
    return out;
}

// Batched decode: B fresh states, median step time through forward_batch (logits to the host) and of the
// graph replay alone (logits left on the device, as the Albatross anchor measures).
nlohmann::json bench_batch(rwkv::cuda::CudaModel& m, const std::string& name, double copy_gbs, bool quick) {
    nlohmann::json out = nlohmann::json::array();
    const rwkv::ModelShape& s = m.shape();
    const std::vector<int> grid = quick ? std::vector<int>{64, 256, 1024} : std::vector<int>{8, 64, 256, 1024};
    for (int B : grid) {
        std::vector<rwkv::State> states;
        for (int b = 0; b < B; ++b) states.push_back(m.new_state());
        std::vector<rwkv::State*> ptrs;
        for (auto& st : states) ptrs.push_back(&st);
        std::vector<std::int32_t> ids(static_cast<std::size_t>(B));
        std::vector<float> logits(std::size_t(B) * std::size_t(s.vocab_size));
        std::uint32_t x = 1;
        auto fill = [&] {
            for (auto& id : ids) id = std::int32_t((x = x * 1664525u + 1013904223u) >> 16);
        };
        fill();
        m.forward_batch(ptrs, ids, logits);  // warm-up: rows scratch, graph capture
        std::vector<double> api;
        for (int i = 0; i < 8; ++i) {
            fill();
            const auto t0 = Clock::now();
            m.forward_batch(ptrs, ids, logits);
            api.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        }
        fill();
        const double dev = m.time_batch_step_ms(ptrs, ids, 10);
        const double t_api = median(api);
        const double bytes = dense_weight_bytes(s, 2.0) + B * 2.0 * s.state_floats() * 4;
        const double flops = 2.0 * dense_weight_bytes(s, 2.0) / 2.0 * B;
        const double floor_ms = std::max(bytes / (copy_gbs * 1e9), flops / (g_gemm_tflops * 1e12)) * 1e3;
        out.push_back({{"batch", B}, {"step_ms_api", t_api}, {"tok_s_api", B / (t_api * 1e-3)}, {"step_ms_device", dev},
                       {"tok_s_device", B / (dev * 1e-3)}, {"bytes_per_step", bytes}, {"flops_per_step", flops},
                       {"floor_ms", floor_ms}, {"pct_of_floor_device", 100.0 * floor_ms / dev}});
        std::printf("%-6s decode B=%-4d: device %8.3f ms/step %8.0f tok/s (floor %.2f ms: %.0f%%); with logits to host %8.3f ms %8.0f tok/s\n",
                    name.c_str(), B, dev, B / (dev * 1e-3), floor_ms, 100.0 * floor_ms / dev, t_api, B / (t_api * 1e-3));
        if (B >= 256) out.back()["profile_ms"] = print_profile(m.profile_rows(ptrs, 1, 3), name + " decode B=" + std::to_string(B));
    }
    return out;
}

nlohmann::json bench_model(const std::string& name, double density, double copy_gbs, bool full, bool quick) {
    const rwkv::ModelShape s = shape_of(name);
    const auto t0 = Clock::now();
    auto m = rwkv::cuda::make_random_cuda_model(s, 0, rwkv::DType::F16, 1, density);
    const double load_s = std::chrono::duration<double>(Clock::now() - t0).count();
    rwkv::State st = m->new_state();
    std::vector<float> logits(std::size_t(s.vocab_size));
    std::vector<std::int32_t> prompt(16);
    for (int i = 0; i < 16; ++i) prompt[std::size_t(i)] = i * 997;
    m->forward(st, prompt, logits);
    const auto a0 = m->ffn_activity();
    const double ms = decode_ms(*m, st, 100);
    const auto a1 = m->ffn_activity();
    const double dens = measured_density(a0, a1);
    // bytes per token: all weights but the embedding, ffn.value at the measured density, the fp32 state r+w
    const double es = 2.0, C = s.n_embd, F = s.dim_ffn, L = s.n_layer, V = s.vocab_size;
    const double lora = (s.lora_w + s.lora_a + s.lora_v + s.lora_g) * C * 2;
    const double dense_bytes = L * (4 * C * C + F * C + lora) * es + V * C * es;
    const double bytes = b1_bytes_per_token(s, es, dens);
    const double roof = copy_gbs * 1e9 / bytes;
    nlohmann::json j = {{"model", name}, {"shape", s.to_string()}, {"load_s", load_s},
                        {"ffn_density_target", density}, {"ffn_density_measured", dens},
                        {"decode_b1_ms", ms}, {"decode_b1_tok_s", 1000.0 / ms},
                        {"bytes_per_token", bytes}, {"roofline_tok_s", roof},
                        {"roofline_pct", 100.0 * (1000.0 / ms) / roof}};
    std::printf("%-6s decode B=1: %7.3f ms  %7.1f tok/s  density %.3f  %.2f GB/token  roofline %.0f tok/s (%.1f%%)\n",
                name.c_str(), ms, 1000.0 / ms, dens, bytes / 1e9, roof, 100.0 * (1000.0 / ms) / roof);
    if (full) {
        j["prefill"] = bench_prefill(*m, name, copy_gbs);
        j["batch"] = bench_batch(*m, name, copy_gbs, quick);
    }
    if (full && !g_rows_only) {
        m->set_use_graph(false);
        const double eager = decode_ms(*m, st, 30);
        m->set_use_graph(true);
        m->set_pdl(false);
        const double no_pdl = decode_ms(*m, st, 50);
        m->set_pdl(true);
        j["decode_b1_no_pdl_tok_s"] = 1000.0 / no_pdl;
        std::printf("%-6s graph without PDL: %7.1f tok/s\n", name.c_str(), 1000.0 / no_pdl);
        // v6 chunk sparse FFN (scans h) against the v7 active-neuron list
        m->set_sparse_list(false);
        const double chunk = decode_ms(*m, st, 100);
        m->set_sparse_list(true);
        const double list2 = decode_ms(*m, st, 100);
        j["decode_b1_sparse_chunk_tok_s"] = 1000.0 / chunk;
        j["decode_b1_sparse_list_again_tok_s"] = 1000.0 / list2;
        std::printf("%-6s sparse FFN v6 chunk kernel: %7.1f tok/s; v7 list again: %7.1f tok/s\n", name.c_str(),
                    1000.0 / chunk, 1000.0 / list2);
        m->set_dense_ffn(true);
        const double dense = decode_ms(*m, st, 50);
        m->set_dense_ffn(false);
        const double dense_bytes_tok = dense_bytes + L * F * C * es + 2.0 * s.state_floats() * 4;
        j["decode_b1_eager_tok_s"] = 1000.0 / eager;
        j["decode_b1_dense_ffn_tok_s"] = 1000.0 / dense;
        j["decode_b1_dense_ffn_roofline_tok_s"] = copy_gbs * 1e9 / dense_bytes_tok;
        std::printf("%-6s eager (no graph): %7.1f tok/s; dense FFN: %7.1f tok/s (roofline %.0f)\n", name.c_str(),
                    1000.0 / eager, 1000.0 / dense, copy_gbs * 1e9 / dense_bytes_tok);
        // true cost of each kernel kind inside the graph: time the step without it (results meaningless)
        nlohmann::json gj = nlohmann::json::object();
        std::printf("%-6s cost inside the graph (decode ms minus decode ms without the kind):\n", name.c_str());
        for (const auto& [kind, cost] : graph_kind_costs(*m, ms)) {
            gj[kind] = cost;
            std::printf("         %-20s %7.3f ms\n", kind.c_str(), cost);
        }
        j["graph_cost_ms"] = gj;
        // per-kernel profile (eager with events; sums over layers)
        const auto prof = m->profile_step(st, 123, 7);
        nlohmann::json pj = nlohmann::json::object();
        double total = 0;
        for (auto& [label, t] : prof) total += t;
        std::printf("%-6s per-kernel (eager, ms per token, sum over layers):\n", name.c_str());
        for (auto& [label, t] : prof) {
            pj[label] = t;
            std::printf("         %-20s %7.3f ms  %5.1f%%\n", label.c_str(), t, 100.0 * t / total);
        }
        j["profile_ms"] = pj;
    }
    return j;
}

}  // namespace bench_cuda

using namespace bench_cuda;

int main(int argc, char** argv) {
    std::string out = argc > 1 ? argv[1] : "bench_cuda.json";
    bool quick = false, int8_only = false, b1 = false, batch_ab = false, b1_lora = false, sample = false, small = false;
    for (int i = 1; i < argc; ++i) {
        quick |= std::strcmp(argv[i], "--quick") == 0;
        int8_only |= std::strcmp(argv[i], "--int8") == 0;
        g_rows_only |= std::strcmp(argv[i], "--rows") == 0;
        b1 |= std::strcmp(argv[i], "--b1") == 0;
        batch_ab |= std::strcmp(argv[i], "--batch") == 0;
        b1_lora |= std::strcmp(argv[i], "--b1lora") == 0;
        sample |= std::strcmp(argv[i], "--sample") == 0;
        small |= std::strcmp(argv[i], "--small") == 0;
        if (std::strcmp(argv[i], "--mvprobe") == 0 && !rwkv::list_gpu_devices().empty()) {
            mv_probe();
            return 0;
        }
        if (std::strcmp(argv[i], "--b1probe") == 0 && !rwkv::list_gpu_devices().empty()) {
            b1_probe();
            return 0;
        }
        if (std::strcmp(argv[i], "--wkvprobe") == 0 && !rwkv::list_gpu_devices().empty()) {
            wkv_probe();
            return 0;
        }
    }
    const auto devs = rwkv::list_gpu_devices();
    if (devs.empty()) {
        std::printf("no CUDA device: skipped\n");
        return 77;
    }
    nlohmann::json j;
    try {
        j["device"] = devs[0].name;
        const double bw = copy_bandwidth_gbs();
        j["copy_bw_gb_s"] = bw;
        std::printf("device %s, copy bandwidth (read+write) %.0f GB/s\n", devs[0].name.c_str(), bw);
        if (b1) {  // matvec rows + the B=1 A/B of the fused LayerNorm tails
            j["matvec"] = nlohmann::json::array();
            const char* b1env = std::getenv("RWKV_BENCH_B1");
            const bool rows = !(b1env && (std::strcmp(b1env, "where") == 0 || std::strcmp(b1env, "wkv") == 0 ||
                                          std::strcmp(b1env, "v70") == 0 ||  // v70: its own rows
                                          std::strcmp(b1env, "v71") == 0 || std::strcmp(b1env, "v77") == 0));
            for (auto [r, c] : std::vector<std::pair<int, int>>{{4096, 4096}, {16384, 4096}, {4096, 16384}})
                if (rows) j["matvec"].push_back(bench_matvec(r, c, bw, 0));
            // int8 (the 7.2B int8 model's matvec shapes and its head): it streams at 96% on the head, 53-76% on the
            // smaller ones (docs/perf-notes.md, session 8)
            for (auto [r, c] : std::vector<std::pair<int, int>>{{4096, 4096}, {16384, 4096}, {4096, 16384}, {65536, 4096}})
                if (rows) j["matvec"].push_back(bench_matvec(r, c, bw, 2));
            if (rows) j["matvec"].push_back(bench_matvec(4096, 4096, bw, 1));  // the default r/k/v and output form (rows4 mask 3)
            j["b1_ab"] = bench_b1_ab(bw);
            std::ofstream(out) << j.dump(2);
            return 0;
        }
        if (batch_ab) {  // v16 rows-path A/B
            if (b1_lora) {
                j["b1_lora"] = bench_b1_lora(bw);
                std::ofstream(out) << j.dump(2);
            }
            j["batch_ab"] = bench_batch_ab(bw);
            std::ofstream(out) << j.dump(2);
            return 0;
        }
        if (small) {  // v79: B = 2..8 steps, sparse FFN value vs GEMM
            j["small"] = bench_small(bw);
            std::ofstream(out) << j.dump(2);
            return 0;
        }
        if (sample) {  // the public batched call: logits copy vs device sampling
            j["sample"] = bench_sample(bw);
            std::ofstream(out) << j.dump(2);
            return 0;
        }
        if (int8_only) {
            j["int8"] = bench_int8(bw);
            std::ofstream(out) << j.dump(2);
            return 0;
        }
        j["matvec"] = nlohmann::json::array();
        for (auto [r, c] : std::vector<std::pair<int, int>>{{4096, 4096}, {16384, 4096}, {4096, 16384}, {65536, 4096}})
            j["matvec"].push_back(bench_matvec(r, c, bw, 0));
        j["gemm"] = bench_gemm();
        j["models"] = nlohmann::json::array();
        j["models"].push_back(bench_model("7.2b", 0.098, bw, true, quick));
        if (!quick) {
            j["models"].push_back(bench_model("0.1b", 0.098, bw, false, quick));
            j["models"].push_back(bench_model("1.5b", 0.098, bw, false, quick));
            j["models"].push_back(bench_model("13.3b", 0.098, bw, false, quick));
        }
    } catch (const std::exception& e) {
        std::printf("bench failed: %s\n", e.what());
        j["error"] = e.what();
        std::ofstream(out) << j.dump(2);
        return 1;
    }
    std::ofstream(out) << j.dump(2);
    return 0;
}
