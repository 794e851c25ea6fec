// bench_cuda --sample with RWKV_BENCH_SAMPLE=knob (session 19): a same-process A/B of the arms of one run-time knob of
// the batched-decode step, the arms rotated inside every round. Per shape and batch (RWKV_BENCH_AB=shape:B:rounds,...;
// default 1.5b:256:6,7.2b:256:14,7.2b:1024:4 — the 1.5B first: not power-capped): per arm and round the knob's stages
// alone in the graph (set_rows_stage_mask; the first 4 rounds), the full graph (time_batch_step_ms, 9 replays, median)
// and the public top-p call (forward_batch_sample, top-p 0.3, wall, median of 9); every arm's round paired against
// arm 0's (wins and the median of the differences). Before the timing, on the 7.2B at B = 37 and 256: the logits
// after 3 steps from fresh states of every arm against arm 0's, bit for bit. Wall-clock marks per arm and round for
// an nvidia-smi log beside it. The knob (RWKV_BENCH_KNOB): "ln" (default) ck::set_ln_mix_v53 (v53), stages ln_mix 1 +
// 2; "lora" (session 20) rwkv::cuda::set_rows_lora4 (arm = mode: 0 v19, 1 v51), stages r/k/v + the LoRA chain; "wkv"
// (session 26) ck::set_wkv_decode_v60 (arm: 0 v42 / v48, 1 / 2 / 4 = v60 with that many warps per CTA; session 31: 6 v72,
// the state block by the bulk-copy engine; 5 / 9 the memory path alone of v60 / v72; session 32: 19 (j)
// v75, the default, 16 (g) / 18 (i) v72's / v75's inputs, prep and post alone), stage WKV. Arms
// RWKV_BENCH_ARMS (digits, default "012"). Session 20: per arm and round also the energy per step over RWKV_BENCH_EREPS
// graph replays (default 30, 10 at B > 512): the board power and SM clock sampled every 10 ms by a second thread
// through NVML (libnvidia-ml loaded at run time), J/step = mean power x wall time / replays. NVML's total-energy
// counter over the same window is kept as j_counter: on the H200 it moves in ~100 ms steps, so over a 0.3 s window it
// reads 6.7 or 9.0 J for the same 7.2B B=256 step (docs/perf/cuda-rows.md v54) — too coarse to rank arms.
// RWKV_BENCH_EALONE=1 (session 31): that energy over the knob's stages alone in the graph instead of the full graph
// (~0.6 s of replays, NVML's instant power after 0.2 s, as stagesj); with "wkv" (session 32) per round also two
// plain copies of the WKV state's bytes under the same window (one copy; one per layer). Arms 10-35: letters a-z.
// RWKV_BENCH_SAMPLE=stagesj (session 30, stage_energy below): the energy of each stage alone, read from NVML's
// instant power field (cuda-rows.md v69), and of a plain device copy of the WKV state's bytes (its traffic's floor).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <cuda_runtime.h>
#include <dlfcn.h>

#include <nlohmann/json.hpp>

#include "bench_cuda_common.h"
#include "cuda/cuda_model.h"
#include "cuda/cuda_rows.h"
#include "rwkv_kernels.h"

namespace bench_cuda {
namespace ck = rwkv::cuda_kernels;

namespace {

double wall_ms() {
    return std::chrono::duration<double, std::milli>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// NVML through dlopen (no link dependency): the board's energy counter (mJ), SM clock (MHz) and power (mW).
struct Nvml {
    using Init = int (*)();
    using Handle = int (*)(unsigned, void**);
    using Energy = int (*)(void*, unsigned long long*);
    using Clock = int (*)(void*, int, unsigned*);
    using Power = int (*)(void*, unsigned*);
    struct Field {  // nvmlFieldValue_t
        unsigned field_id, scope_id;
        long long timestamp, latency_us;
        int value_type, ret;
        union {
            double d;
            unsigned ui;
            unsigned long ul;
            unsigned long long ull;
            long long sll;
            int si;
            unsigned short us;
        } value;
    };
    using Fields = int (*)(void*, int, Field*);
    void* dev = nullptr;
    Energy energy = nullptr;
    Clock clock = nullptr;
    Power power = nullptr;
    Fields fields = nullptr;
    // NVML_FI_DEV_POWER_INSTANT (field 186) in mW, or -1 where the driver lacks it (nvmlDeviceGetPowerUsage is a
    // trailing 1 s average on Hopper).
    double instant_mw() const {
        Field f{};
        f.field_id = 186;
        if (!fields || fields(dev, 1, &f) != 0 || f.ret != 0) return -1;
        switch (f.value_type) {
            case 0: return f.value.d;
            case 1: return f.value.ui;
            case 2: return double(f.value.ul);
            case 3: return double(f.value.ull);
            case 4: return double(f.value.sll);
            case 5: return f.value.si;
            case 6: return f.value.us;
            default: return -1;
        }
    }
    Nvml() {
        void* lib = dlopen("libnvidia-ml.so.1", RTLD_NOW);
        if (lib == nullptr) return;
        auto init = reinterpret_cast<Init>(dlsym(lib, "nvmlInit_v2"));
        auto handle = reinterpret_cast<Handle>(dlsym(lib, "nvmlDeviceGetHandleByIndex_v2"));
        energy = reinterpret_cast<Energy>(dlsym(lib, "nvmlDeviceGetTotalEnergyConsumption"));
        clock = reinterpret_cast<Clock>(dlsym(lib, "nvmlDeviceGetClockInfo"));
        power = reinterpret_cast<Power>(dlsym(lib, "nvmlDeviceGetPowerUsage"));
        fields = reinterpret_cast<Fields>(dlsym(lib, "nvmlDeviceGetFieldValues"));
        if (!init || !handle || !energy || !clock || !power || init() != 0 || handle(0, &dev) != 0) dev = nullptr;
    }
    bool ok() const { return dev != nullptr; }
    double mj() const {
        unsigned long long e = 0;
        return ok() && energy(dev, &e) == 0 ? double(e) : 0.0;
    }
};
const Nvml& nvml() {
    static const Nvml n;
    return n;
}

struct EnergyWindow {  // J per step (mean power x time; and from the coarse counter), mean SM MHz and board W
    double j_step = 0, j_counter = 0, mhz = 0, watts = 0, ms = 0;
    bool instant = false;  // the power read as NVML's instant field
};
// settle_ms: power samples taken before then are left out of the mean; instant: NVML's instant power field where
// the driver has it (else the trailing average of nvmlDeviceGetPowerUsage).
// `timed(reps)` runs the timed work reps + 1 times (one warm-up) and returns its ms per replay.
template <class Run>
EnergyWindow energy_window_of(Run timed, int reps, double settle_ms, bool instant) {
    EnergyWindow w;
    w.instant = instant && nvml().instant_mw() > 0;
    const Nvml& n = nvml();
    std::atomic<bool> run{true};
    double mhz = 0, mw = 0;
    int ns = 0;
    const auto ts = Clock::now();
    std::thread sampler([&] {
        while (run.load()) {
            unsigned c = 0, p = 0;
            const bool settled = std::chrono::duration<double, std::milli>(Clock::now() - ts).count() >= settle_ms;
            const double pi = w.instant ? n.instant_mw() : -1;
            if (settled && n.ok() && n.clock(n.dev, 1 /* NVML_CLOCK_SM */, &c) == 0 &&
                (pi > 0 || n.power(n.dev, &p) == 0)) {
                mhz += c;
                mw += pi > 0 ? pi : double(p);
                ++ns;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    });
    const double e0 = n.mj();
    const auto t0 = Clock::now();
    w.ms = timed(reps);
    const double wall = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    const double e1 = n.mj();
    run = false;
    sampler.join();
    w.j_counter = (e1 - e0) / 1000.0 / double(reps + 1);
    w.mhz = ns > 0 ? mhz / ns : 0;
    w.watts = ns > 0 ? mw / ns / 1000.0 : 0;
    w.j_step = w.watts * wall / 1000.0 / double(reps + 1);
    return w;
}

EnergyWindow energy_window(rwkv::cuda::CudaModel& m, const std::vector<rwkv::State*>& ptrs,
                           const std::vector<std::int32_t>& ids, int reps, double settle_ms = 0, bool instant = false) {
    return energy_window_of([&](int n) { return m.time_batch_step_ms(ptrs, ids, n); }, reps, settle_ms, instant);
}

// The bytes' floor of the WKV step (session 30, lead): a device-to-device cudaMemcpyAsync of `bytes` (read once,
// written once), as the WKV step reads and writes every state byte once; ms per copy, timed by events.
struct CopyFloor {
    void* src = nullptr;
    void* dst = nullptr;
    std::size_t bytes = 0;
    explicit CopyFloor(std::size_t n) : bytes(n) {
        if (cudaMalloc(&src, n) != cudaSuccess || cudaMalloc(&dst, n) != cudaSuccess) bytes = 0;
        else cudaMemset(src, 0x3c, n);
    }
    ~CopyFloor() {
        cudaFree(src);
        cudaFree(dst);
    }
    // parts (session 32): the bytes as that many consecutive copies (the WKV step's one launch per layer)
    double run(int reps, int parts = 1) const {
        cudaEvent_t a, b;
        cudaEventCreate(&a);
        cudaEventCreate(&b);
        const std::size_t n = bytes / std::size_t(parts);
        auto once = [&] {
            for (int p = 0; p < parts; ++p)
                cudaMemcpyAsync(static_cast<char*>(dst) + p * n, static_cast<const char*>(src) + p * n, n,
                                cudaMemcpyDeviceToDevice);
        };
        once();  // warm-up
        cudaEventRecord(a);
        for (int i = 0; i < reps; ++i) once();
        cudaEventRecord(b);
        cudaEventSynchronize(b);
        float ms = 0;
        cudaEventElapsedTime(&ms, a, b);
        cudaEventDestroy(a);
        cudaEventDestroy(b);
        return double(ms) / std::max(reps, 1);
    }
};

struct Knob {
    std::string name;
    std::vector<int> arms;
    unsigned stage_keep = 0;  // set_rows_stage_mask bits of the stages the knob changes
    void set(rwkv::cuda::CudaModel& m, int arm) const {
        if (name == "lora") rwkv::cuda::set_rows_lora4(arm);
        else if (name == "wkv") ck::set_wkv_decode_v60(arm);
        else ck::set_ln_mix_v53(arm);
        m.set_batch_state_f16(true);  // drops the captured graphs
    }
    void reset() const {
        if (name == "lora") rwkv::cuda::set_rows_lora4(-1);
        else if (name == "wkv") ck::set_wkv_decode_v60(19);
        else ck::set_ln_mix_v53(2);
    }
};

Knob knob_from_env() {
    Knob k;
    const char* kn = std::getenv("RWKV_BENCH_KNOB");
    k.name = kn != nullptr && (std::string(kn) == "lora" || std::string(kn) == "wkv") ? kn : "ln";
    k.stage_keep = k.name == "lora" ? (1u << 1) | (1u << 2) | (1u << 3) | (1u << 4)
                   : k.name == "wkv" ? (1u << 5)
                                     : (1u << 0) | (1u << 7);
    const char* a = std::getenv("RWKV_BENCH_ARMS");
    for (const char* p = a != nullptr ? a : "012"; *p != 0; ++p) {  // digits 0-9, letters a-z = 10-35
        if (*p >= '0' && *p <= '9') k.arms.push_back(*p - '0');
        else if (*p >= 'a' && *p <= 'z') k.arms.push_back(*p - 'a' + 10);
    }
    if (k.arms.empty()) k.arms = {0, 1};
    return k;
}

double graph_ms(rwkv::cuda::CudaModel& m, const std::vector<rwkv::State*>& ptrs, const std::vector<std::int32_t>& ids,
                unsigned skip, int reps) {
    rwkv::cuda::set_rows_stage_mask(skip, 0u);
    m.set_batch_state_f16(true);
    const double t = m.time_batch_step_ms(ptrs, ids, reps);
    rwkv::cuda::set_rows_stage_mask(0u, 0u);
    m.set_batch_state_f16(true);
    return t;
}

void bits(rwkv::cuda::CudaModel& m, const Knob& k, int V, nlohmann::json& out) {
    for (int B : {37, 256}) {
        std::vector<float> ref;
        for (int arm : k.arms) {
            k.set(m, arm);
            const std::vector<float> logits = batch_logits_after(m, V, B, 3);
            if (ref.empty()) {
                ref = logits;
                continue;
            }
            std::size_t same = 0;
            double dmax = 0, d2 = 0, r2 = 0;
            for (std::size_t i = 0; i < logits.size(); ++i) {
                same += std::memcmp(&logits[i], &ref[i], 4) == 0;
                const double d = double(logits[i]) - double(ref[i]);
                dmax = std::max(dmax, std::fabs(d));
                d2 += d * d;
                r2 += double(ref[i]) * double(ref[i]);
            }
            const double rel = r2 > 0 ? std::sqrt(d2 / r2) : 0.0;
            std::printf("knob %s bits B=%d: arm %d logits %zu/%zu bit-equal to arm %d's, max |d| %.3g, rel L2 %.4f\n",
                        k.name.c_str(), B, arm, same, logits.size(), k.arms[0], dmax, rel);
            out["bits B=" + std::to_string(B) + " arm " + std::to_string(arm)] = {
                {"equal", same}, {"n", logits.size()}, {"max_abs", dmax}, {"rel_l2", rel}};
        }
    }
    k.set(m, k.arms[0]);
}

void times(rwkv::cuda::CudaModel& m, const Knob& k, int V, const std::string& shape, int B, int rounds,
           nlohmann::json& out) {
    BatchInputs in = batch_inputs(m, V, B);
    auto &ptrs = in.ptrs;
    auto &ids = in.ids, &next = in.next;
    auto &rng = in.rng;
    const rwkv::TokenSampling top_p{1.0f, 0.3f};
    const std::size_t na = k.arms.size();
    std::vector<std::vector<double>> st(na), full(na), pub(na), ej(na), ec(na), emhz(na), ew(na);
    // wkv with RWKV_BENCH_EALONE (session 32): per round also the WKV state's bytes moved by plain copies under the
    // same energy window — one copy of all layers' state, and one copy per layer (the step's 32 launches' shape)
    const bool copies = k.name == "wkv" && std::getenv("RWKV_BENCH_EALONE") != nullptr && nvml().ok();
    const rwkv::ModelShape ms = shape_of(shape);
    const std::size_t layer_bytes = std::size_t(B) * std::size_t(ms.n_head) * std::size_t(ms.head_size) *
                                    std::size_t(ms.head_size) * 2;  // fp16 state of one layer
    const std::unique_ptr<CopyFloor> copy = copies ? std::make_unique<CopyFloor>(layer_bytes * std::size_t(ms.n_layer)) : nullptr;
    std::vector<std::vector<double>> cms(2), cj(2), cw(2);
    const char* er = std::getenv("RWKV_BENCH_EREPS");
    const int ereps = er != nullptr ? std::max(0, std::atoi(er)) : B > 512 ? 10 : 30;
    k.set(m, k.arms[0]);
    for (const auto t0 = Clock::now(); std::chrono::duration<double>(Clock::now() - t0).count() < 1.0;)
        m.time_batch_step_ms(ptrs, ids, 3);
    for (int r = 0; r < rounds; ++r) {
        for (std::size_t j = 0; j < na; ++j) {
            const std::size_t a = (j + std::size_t(r)) % na;
            k.set(m, k.arms[a]);
            if (r < 4) st[a].push_back(graph_ms(m, ptrs, ids, 0xfffu & ~k.stage_keep, 7));
            const double w0 = wall_ms();
            full[a].push_back(graph_ms(m, ptrs, ids, 0u, 9));
            m.forward_batch_sample(ptrs, ids, {&top_p, 1}, rng, next);  // capture outside the timing
            std::vector<double> t;
            for (int c = 0; c < 9; ++c) {
                const auto c0 = Clock::now();
                m.forward_batch_sample(ptrs, ids, {&top_p, 1}, rng, next);
                t.push_back(std::chrono::duration<double, std::milli>(Clock::now() - c0).count());
            }
            pub[a].push_back(median(t));
            if (ereps > 0 && nvml().ok()) {
                const bool alone = std::getenv("RWKV_BENCH_EALONE") != nullptr;  // the knob's stages alone
                if (alone) {
                    rwkv::cuda::set_rows_stage_mask(0xfffu & ~k.stage_keep, 0u);
                    m.set_batch_state_f16(true);  // drops the graphs: the next call captures the mask
                }
                const int reps = alone ? std::max(20, int(600.0 / std::max(m.time_batch_step_ms(ptrs, ids, 3), 0.01))) : ereps;
                const EnergyWindow e = alone ? energy_window(m, ptrs, ids, reps, 200.0, true) : energy_window(m, ptrs, ids, ereps);
                if (alone) {
                    rwkv::cuda::set_rows_stage_mask(0u, 0u);
                    m.set_batch_state_f16(true);
                }
                ej[a].push_back(e.j_step);
                ec[a].push_back(e.j_counter);
                emhz[a].push_back(e.mhz);
                ew[a].push_back(e.watts);
            }
            std::printf("mark %s B=%d arm %d round %d %.1f %.1f\n", shape.c_str(), B, k.arms[a], r, w0, wall_ms());
        }
        for (int c = 0; copy && copy->bytes > 0 && c < 2; ++c) {
            const int parts = c == 0 ? 1 : ms.n_layer;
            const double t = copy->run(2, parts);
            const int reps = std::max(20, int(600.0 / std::max(t, 0.01)));
            const EnergyWindow e = energy_window_of([&](int n) { return copy->run(n, parts); }, reps, 200.0, true);
            cms[c].push_back(e.ms), cj[c].push_back(e.j_step), cw[c].push_back(e.watts);
        }
    }
    k.set(m, k.arms[0]);
    const std::string key = shape + " B=" + std::to_string(B);
    auto list = [](const std::vector<double>& v) {
        std::string s;
        char b[24];
        for (double x : v) std::snprintf(b, sizeof b, " %.3f", x), s += b;
        return s;
    };
    for (int c = 0; c < 2 && !cms[c].empty(); ++c) {
        const double gb = 2.0 * double(copy->bytes) / 1e9;
        std::printf("knob %s %s copy of the WKV state (%.2f GB read + written, %s): %.3f ms (%s ), %.4f J/step (%s ), %.0f W, "
                    "%.0f GB/s\n", k.name.c_str(), key.c_str(), gb, c == 0 ? "one copy" : "one copy per layer",
                    median(cms[c]), list(cms[c]).c_str(), median(cj[c]), list(cj[c]).c_str(), median(cw[c]),
                    gb / median(cms[c]) * 1e3);
        out[key][c == 0 ? "copy" : "copy per layer"] = {{"ms", median(cms[c])}, {"ms_rounds", cms[c]}, {"j_step", median(cj[c])},
                                                       {"j_rounds", cj[c]}, {"watts", median(cw[c])}};
    }
    for (std::size_t a = 0; a < na; ++a) {
        int wf = 0, wp = 0;
        std::vector<double> df, dp;
        for (int r = 0; r < rounds; ++r) {
            const double f = full[a][std::size_t(r)] - full[0][std::size_t(r)];
            const double p = pub[a][std::size_t(r)] - pub[0][std::size_t(r)];
            wf += f < 0;
            wp += p < 0;
            df.push_back(f);
            dp.push_back(p);
        }
        std::printf("knob %s %s arm %d: stages alone %.3f (%s ) | full %.3f (%s ) | top-p call %.3f (%s )", k.name.c_str(),
                    key.c_str(), k.arms[a], median(st[a]), list(st[a]).c_str(), median(full[a]), list(full[a]).c_str(),
                    median(pub[a]), list(pub[a]).c_str());
        if (a > 0)
            std::printf(" | vs arm %d paired: full %+.3f ms, faster %d/%d; call %+.3f ms, faster %d/%d", k.arms[0],
                        median(df), wf, rounds, median(dp), wp, rounds);
        std::printf("\n");
        int we = 0;
        std::vector<double> de;
        for (std::size_t r = 0; r < ej[a].size() && r < ej[0].size(); ++r) {
            de.push_back(ej[a][r] - ej[0][r]);
            we += ej[a][r] < ej[0][r];
        }
        if (!ej[a].empty()) {
            std::printf("knob %s %s arm %d energy: %.4f J/step (%s ), %.0f MHz, %.0f W", k.name.c_str(), key.c_str(),
                        k.arms[a], median(ej[a]), list(ej[a]).c_str(), median(emhz[a]), median(ew[a]));
            if (a > 0) std::printf(" | paired %+.4f J/step, lower %d/%zu", median(de), we, de.size());
            std::printf("\n");
            out[key]["arm " + std::to_string(k.arms[a])]["energy"] = {
                {"j_step", median(ej[a])}, {"j_rounds", ej[a]}, {"j_counter", ec[a]}, {"mhz", emhz[a]}, {"watts", ew[a]},
                {"paired_j", a > 0 && !de.empty() ? median(de) : 0.0}, {"lower", we}};
        }
        out[key]["arm " + std::to_string(k.arms[a])].update({
            {"stages_ms", median(st[a])}, {"stages_rounds", st[a]},  {"full_ms", median(full[a])},
            {"full_rounds", full[a]},     {"topp_call_ms", median(pub[a])}, {"topp_rounds", pub[a]},
            {"paired_full_ms", a > 0 ? median(df) : 0.0}, {"paired_call_ms", a > 0 ? median(dp) : 0.0},
            {"faster_full", wf},          {"faster_call", wp}});
    }
    std::fflush(stdout);
}

}  // namespace

// RWKV_BENCH_SAMPLE=stagesj (session 30): the energy of each stage of the batched step alone. Random fp16 7.2B
// (density 0.098), fp16 state, B = RWKV_BENCH_STAGES_B (default 256): the graph with every stage, with one stage
// alone (set_rows_stage_mask: all others left out, in all 32 layers) and with none (the launches' floor); per
// configuration and round (RWKV_BENCH_EROUNDS, default 2, configurations rotated) ~1.0 s of replays, the board power
// (NVML's instant field) sampled every 10 ms after the first 0.3 s: ms per step, W, MHz, J per step (mean power x
// wall time per replay, the host's waits between replays included).
nlohmann::json stage_energy() {
    nlohmann::json out = nlohmann::json::object();
    const rwkv::ModelShape s = shape_of("7.2b");
    auto m = rwkv::cuda::make_random_cuda_model(s, 0, rwkv::DType::F16, 1, 0.098);
    const char* e = std::getenv("RWKV_BENCH_STAGES_B");
    const int B = e != nullptr ? std::atoi(e) : 256;
    const char* er = std::getenv("RWKV_BENCH_EROUNDS");
    const int rounds = er != nullptr ? std::max(1, std::atoi(er)) : 2;
    const char* names[12] = {"ln_mix1", "gemm_rkv", "lora_down", "lora_act", "lora_up", "wkv", "gemm_output",
                             "ln_mix2", "ffn_key", "relu2", "ffn_value", "head"};
    std::vector<std::pair<std::string, unsigned>> cfgs{{"full", 0u}};
    for (int b = 0; b < 12; ++b) cfgs.push_back({std::string("alone ") + names[b], 0xfffu & ~(1u << b)});
    cfgs.push_back({"none", 0xfffu});
    BatchInputs in = batch_inputs(*m, s.vocab_size, B);
    m->set_batch_state_f16(true);
    for (const auto t0 = Clock::now(); std::chrono::duration<double>(Clock::now() - t0).count() < 1.0;)
        m->time_batch_step_ms(in.ptrs, in.ids, 3);
    const std::size_t nc = cfgs.size();
    std::vector<std::vector<double>> ms(nc), j(nc), w(nc), mhz(nc);
    for (int r = 0; r < rounds; ++r) {
        for (std::size_t c0 = 0; c0 < nc; ++c0) {
            const std::size_t c = (c0 + std::size_t(r) * 5) % nc;
            rwkv::cuda::set_rows_stage_mask(cfgs[c].second, 0u);
            m->set_batch_state_f16(true);  // drops the graphs: the next call captures the mask
            const double t = m->time_batch_step_ms(in.ptrs, in.ids, 3);
            const int reps = std::max(20, int(1000.0 / std::max(t, 0.01)));
            const EnergyWindow ew = energy_window(*m, in.ptrs, in.ids, reps, 300.0, true);
            if (r == 0 && c0 == 0) std::printf("stagesj power source: %s\n", ew.instant ? "NVML instant field" : "nvmlDeviceGetPowerUsage");
            ms[c].push_back(ew.ms);
            j[c].push_back(ew.j_step);
            w[c].push_back(ew.watts);
            mhz[c].push_back(ew.mhz);
        }
    }
    rwkv::cuda::set_rows_stage_mask(0u, 0u);
    m->set_batch_state_f16(true);
    double sum_j = 0, sum_ms = 0;
    for (std::size_t c = 0; c < nc; ++c) {
        std::printf("stagesj 7.2b B=%d %-18s %8.3f ms  %7.0f W  %5.0f MHz  %7.4f J/step  (J rounds", B,
                    cfgs[c].first.c_str(), median(ms[c]), median(w[c]), median(mhz[c]), median(j[c]));
        for (double x : j[c]) std::printf(" %.4f", x);
        std::printf(")\n");
        if (c > 0 && c + 1 < nc) sum_j += median(j[c]), sum_ms += median(ms[c]);
        out[cfgs[c].first] = {{"ms", median(ms[c])}, {"ms_rounds", ms[c]}, {"watts", median(w[c])},
                              {"mhz", median(mhz[c])}, {"j_step", median(j[c])}, {"j_rounds", j[c]}};
    }
    std::printf("stagesj 7.2b B=%d stages alone summed: %.3f ms, %.4f J (full %.3f ms, %.4f J; none %.3f ms, %.4f J)\n",
                B, sum_ms, sum_j, median(ms[0]), median(j[0]), median(ms[nc - 1]), median(j[nc - 1]));
    {  // the WKV state's bytes moved by a plain copy: the energy floor of the WKV step's traffic
        const std::size_t state_bytes = std::size_t(B) * std::size_t(s.n_layer) * std::size_t(s.n_head) *
                                        std::size_t(s.head_size) * std::size_t(s.head_size) * 2;  // fp16 state
        const CopyFloor copy(state_bytes);
        std::vector<double> cms, cj, cw, cmhz;
        for (int r = 0; copy.bytes > 0 && r < rounds; ++r) {
            const double t = copy.run(2);
            const int reps = std::max(20, int(1000.0 / std::max(t, 0.01)));
            const EnergyWindow ew = energy_window_of([&](int n) { return copy.run(n); }, reps, 300.0, true);
            cms.push_back(ew.ms), cj.push_back(ew.j_step), cw.push_back(ew.watts), cmhz.push_back(ew.mhz);
        }
        if (!cms.empty()) {
            const double gb = 2.0 * double(state_bytes) / 1e9;  // read + written
            std::printf("stagesj 7.2b B=%d copy of the WKV state (%.2f GB read + written, cudaMemcpyAsync D2D) %8.3f ms "
                        " %7.0f W  %5.0f MHz  %7.4f J  %.0f GB/s  %.0f pJ/B  (wkv alone %.4f J = %.0f pJ/B)\n",
                        B, gb, median(cms), median(cw), median(cmhz), median(cj), gb / median(cms) * 1e3,
                        median(cj) / (gb * 1e9) * 1e12, median(j[6]), median(j[6]) / (gb * 1e9) * 1e12);
            out["copy wkv state"] = {{"ms", median(cms)}, {"watts", median(cw)}, {"mhz", median(cmhz)},
                                     {"j", median(cj)}, {"j_rounds", cj}, {"bytes_moved", 2.0 * double(state_bytes)}};
        } else {
            std::printf("stagesj copy floor: %zu bytes could not be allocated twice\n", state_bytes);
        }
    }
    std::fflush(stdout);
    m->set_batch_state_f16(false);
    return out;
}

nlohmann::json knob_ab() {
    nlohmann::json out = nlohmann::json::object();
    const Knob k = knob_from_env();
    const std::vector<AbSet> sets = ab_sets_from_env("1.5b:256:6,7.2b:256:14,7.2b:1024:4");
    for (const char* shape : shapes_in(sets)) {
        const rwkv::ModelShape s = shape_of(shape);
        auto m = rwkv::cuda::make_random_cuda_model(s, 0, rwkv::DType::F16, 1, 0.098);
        if (std::string(shape) == "7.2b" && std::getenv("RWKV_BENCH_NOBITS") == nullptr) bits(*m, k, s.vocab_size, out);
        for (const AbSet& st : sets)
            if (st.shape == shape) times(*m, k, s.vocab_size, shape, st.B, st.rounds, out);
        m->set_batch_state_f16(false);
    }
    k.reset();  // the defaults
    return out;
}

}  // namespace bench_cuda
