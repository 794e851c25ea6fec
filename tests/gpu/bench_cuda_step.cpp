// bench_cuda --sample with RWKV_BENCH_SAMPLE=step (session 22, v56): where the public top-p call's time goes beyond
// the step's graph, and a same-process A/B of v56's two changes to it.
//   1. The sampling kernel alone (kernels/cuda/sample.cu) in its two v56 forms (ck::set_sample_rows_v56: 1 the
//      16-byte first pass, 0 before) on the 7.2B's logits after 3 steps and on synthetic rows
//      (normal sd 1 / sd 2, flat sd 0.05, one peak), top-p 0.3 and T 0.8 top-p 0.9, B = 256 and 1024: every form's ids
//      against form 0's, bit for bit, and its time (events, forms alternated, RWKV_BENCH_KREPS rounds, default 7).
//   2. Bits of the public call: per arm (below) 4 top-p steps from fresh states at B = 37 and 256, each step fed the
//      ids it sampled; every arm's ids against arm 0's.
//   3. Per shape and batch (RWKV_BENCH_AB, default 1.5b:256:3,7.2b:256:8,7.2b:1024:3) and round, the arms rotated: the
//      graph replayed alone (time_batch_step_ms, 9 replays, median) and 9 public calls (forward_batch_sample, top-p
//      0.3, wall) with rwkv::cuda::set_batch_step_trace on: per call the GPU idle before it (the previous call's last
//      event to this one's first), the GPU's wait for the host's preparation (entry to the graph's start), the graph,
//      the sampler, the ids' copy, and the host's own split; board power and SM clock (NVML, every 10 ms) over the
//      public calls, and the host's time in the call's argument checks (the call's entry to batch_steps). Arms
//      (RWKV_BENCH_ARMS digits, default "01", arm 0 always first) since v57, both with v56's lean host and sampler
//      form 1: arm 1 set_batch_step_early on, arm 0 off (the call before v57). (Session 22's arms were the v56 changes,
//      session 23's call also measured host wait modes, since removed: docs/perf/cuda-rows.md v56, v57.)
//      RWKV_BENCH_KREPS=0 leaves part 1 out.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include <dlfcn.h>

#include <nlohmann/json.hpp>

#include "bench_cuda_common.h"
#include "bench_cuda_sample_rows.h"
#include "cuda/cuda_model.h"
#include "cuda/cuda_rows.h"
#include "rwkv/sampler.h"
#include "rwkv_kernels.h"

namespace bench_cuda {
namespace ck = rwkv::cuda_kernels;

namespace {

// Board power (W) and SM clock (MHz) sampled every 10 ms by NVML (dlopen: no link dependency) between start and stop.
class PowerLog {
public:
    PowerLog() {
        void* lib = dlopen("libnvidia-ml.so.1", RTLD_NOW);
        if (lib == nullptr) return;
        auto init = reinterpret_cast<int (*)()>(dlsym(lib, "nvmlInit_v2"));
        auto handle = reinterpret_cast<int (*)(unsigned, void**)>(dlsym(lib, "nvmlDeviceGetHandleByIndex_v2"));
        clock_ = reinterpret_cast<int (*)(void*, int, unsigned*)>(dlsym(lib, "nvmlDeviceGetClockInfo"));
        power_ = reinterpret_cast<int (*)(void*, unsigned*)>(dlsym(lib, "nvmlDeviceGetPowerUsage"));
        if (!init || !handle || !clock_ || !power_ || init() != 0 || handle(0, &dev_) != 0) dev_ = nullptr;
    }
    void start() {
        run_ = true;
        mw_ = mhz_ = 0;
        n_ = 0;
        th_ = std::thread([this] {
            while (run_.load()) {
                unsigned c = 0, p = 0;
                if (dev_ && clock_(dev_, 1, &c) == 0 && power_(dev_, &p) == 0) mhz_ += c, mw_ += p, ++n_;
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            }
        });
    }
    std::pair<double, double> stop() {  // mean W, mean MHz
        run_ = false;
        th_.join();
        return n_ > 0 ? std::make_pair(mw_ / n_ / 1000.0, mhz_ / n_) : std::make_pair(0.0, 0.0);
    }

private:
    void* dev_ = nullptr;
    int (*clock_)(void*, int, unsigned*) = nullptr;
    int (*power_)(void*, unsigned*) = nullptr;
    std::atomic<bool> run_{false};
    std::thread th_;
    double mw_ = 0, mhz_ = 0;
    int n_ = 0;
};

// RWKV_BENCH_STEP_KNOB=v58 (session 25): the kernel's two forms and the arms are v58's list path off (0) / on (1),
// with v56's form 1 and v57's early rows on in both.
bool knob_v58() {
    const char* e = std::getenv("RWKV_BENCH_STEP_KNOB");
    return e != nullptr && std::strcmp(e, "v58") == 0;
}

void set_form(int form) {
    if (knob_v58()) {
        ck::set_sample_rows_v56(1);
        ck::set_sample_rows_v58(form);
    } else {
        ck::set_sample_rows_v56(form);
    }
}

void set_arm(rwkv::cuda::CudaModel& m, int arm) {
    rwkv::cuda::set_batch_step_lean(true);
    ck::set_sample_rows_v56(1);
    if (knob_v58()) ck::set_sample_rows_v58(arm);
    rwkv::cuda::set_batch_step_early(knob_v58() || arm == 1);
    m.set_batch_state_f16(true);  // drops the captured graphs
}

std::vector<int> arms_from_env() {
    std::vector<int> a;
    const char* e = std::getenv("RWKV_BENCH_ARMS");
    for (const char* p = e != nullptr ? e : "01"; *p != 0; ++p)
        if (*p >= '0' && *p <= '1') a.push_back(*p - '0');
    if (a.empty() || a[0] != 0) a.insert(a.begin(), 0);
    return a;
}

float ev_ms(cudaEvent_t a, cudaEvent_t b) {
    float ms = 0;
    rwkv::cuda::check(cudaEventElapsedTime(&ms, a, b), "event time");
    return ms;
}

// 1. the kernel alone in its four forms
nlohmann::json kernel_forms(const std::vector<float>& model_rows, int V) {
    nlohmann::json out = nlohmann::json::object();
    const int Bmax = 1024;
    SampleKernelBuffers d(Bmax, V);
    const char* er = std::getenv("RWKV_BENCH_KREPS");
    const int rounds = er != nullptr ? std::max(1, std::atoi(er)) : 7;
    std::vector<float> rows(std::size_t(Bmax) * V);
    const char* kinds[] = {"model logits", "normal sd 1", "normal sd 2", "flat sd 0.05", "peaked"};
    int bad = 0;
    for (int kind = 0; kind < 5; ++kind) {
        fill_sample_rows(rows, V, kinds[kind], std::uint32_t(kind), model_rows);
        d.upload_rows(rows);
        for (int B : {256, 1024}) {
            const rwkv::TokenSampling sets[] = {{1.0f, 0.3f}, {0.8f, 0.9f}};
            const char* set_names[] = {"top-p 0.3", "T 0.8 top-p 0.9"};
            for (int si = 0; si < 2; ++si) {
                d.upload_params(B, sets[si], 0x243F6A8885A308D3ull + std::uint64_t(kind * 2 + si));  // neither greedy
                std::vector<std::int32_t> ref;
                std::vector<double> t[2];
                const unsigned long long hits0 = ck::sample_rows_v58_count();
                for (int r = 0; r <= rounds; ++r) {
                    for (int f = 0; f < 2; ++f) {
                        const int form = (f + r) % 2;
                        set_form(form);
                        rwkv::cuda::check(cudaMemset(d.ids, 0xff, std::size_t(B) * 4), "poison ids");
                        rwkv::cuda::check(cudaEventRecord(d.e0, nullptr), "event");
                        rwkv::cuda::check(ck::launch_sample_rows(d.rows, B, V, d.par, d.ids, nullptr), "sample kernel");
                        rwkv::cuda::check(cudaEventRecord(d.e1, nullptr), "event");
                        rwkv::cuda::check(cudaEventSynchronize(d.e1), "event");
                        if (r > 0) t[form].push_back(ev_ms(d.e0, d.e1));  // round 0 warms up
                        std::vector<std::int32_t> got(static_cast<std::size_t>(B));
                        rwkv::cuda::check(cudaMemcpy(got.data(), d.ids, got.size() * 4, cudaMemcpyDeviceToHost), "ids");
                        if (r == 0 && form == 0) ref = got;
                        else if (form == 0 && got != ref) ++bad;  // form 0 against itself: a race would show here
                        if (form != 0 && !ref.empty() && got != ref) ++bad;
                    }
                }
                const unsigned long long hits = ck::sample_rows_v58_count() - hits0;  // over the rounds' form-1 launches
                char line[256];
                std::snprintf(line, sizeof line, "%s kernel %-13s B=%-4d %-15s form 0 %.4f | 1 %.4f ms | v58 list rows %.1f %%",
                              knob_v58() ? "v58" : "v56", kinds[kind], B, set_names[si], median(t[0]), median(t[1]),
                              100.0 * double(hits) / double(B) / double(rounds + 1));
                std::printf("%s\n", line);
                out[std::string(kinds[kind]) + " B=" + std::to_string(B) + " " + set_names[si]] = {{"form0", t[0]},
                                                                                                   {"form1", t[1]}};
            }
        }
    }
    std::printf("%s kernel forms: ids differing from form 0's in %d of the checks (0 = bit-identical)\n",
                knob_v58() ? "v58" : "v56", bad);
    out["mismatches"] = bad;
    ck::set_sample_rows_v56(1);
    ck::set_sample_rows_v58(1);
    std::fflush(stdout);
    return out;
}

// 2. the public call's ids per arm
void call_bits(rwkv::cuda::CudaModel& m, const std::vector<int>& arms, int V, nlohmann::json& out) {
    const rwkv::TokenSampling top_p{1.0f, 0.3f};
    for (int B : {37, 256}) {
        std::vector<std::int32_t> ref;
        for (int arm : arms) {
            set_arm(m, arm);
            BatchInputs in = batch_inputs(m, V, B);
            auto &ptrs = in.ptrs;
            auto &ids = in.ids, &next = in.next;
            auto &rng = in.rng;
            std::vector<std::int32_t> all;
            for (int t = 0; t < 4; ++t) {
                m.forward_batch_sample(ptrs, ids, {&top_p, 1}, rng, next);
                all.insert(all.end(), next.begin(), next.end());
                ids = next;
            }
            if (ref.empty()) ref = all;
            std::size_t same = 0;
            for (std::size_t i = 0; i < all.size(); ++i) same += all[i] == ref[i];
            std::printf("v56 call bits B=%d: arm %d ids %zu/%zu equal to arm %d's\n", B, arm, same, all.size(), arms[0]);
            out["call bits B=" + std::to_string(B) + " arm " + std::to_string(arm)] = {{"equal", same}, {"n", all.size()}};
        }
    }
    set_arm(m, arms[0]);
    std::fflush(stdout);
}

// 3. the public call split, per arm and round
void call_split(rwkv::cuda::CudaModel& m, const std::vector<int>& arms, int V, const std::string& shape, int B,
                int rounds, nlohmann::json& out) {
    BatchInputs in = batch_inputs(m, V, B);
    auto &ptrs = in.ptrs;
    auto &ids = in.ids, &next = in.next;
    auto &rng = in.rng;
    const rwkv::TokenSampling top_p{1.0f, 0.3f};
    rwkv::cuda::BatchStepTrace tr[2];
    for (auto& t : tr)
        for (auto& e : t.ev) rwkv::cuda::check(cudaEventCreate(&e), "event");
    // pieces: 0 wall, 1 graph alone (replays), 2 GPU idle before, 3 GPU waits for the preparation, 4 graph in the
    // call, 5 sampler, 6 ids' copy, 7 host entry -> prepared, 8 prepared -> graph launch, 9 launch -> enqueued,
    // 10 wait in the sync, 11 after the sync -> return, 12 the call's entry -> batch_steps (argument checks), 13 W,
    // 14 MHz
    const char* names[] = {"wall",   "graph alone", "idle before", "prep wait", "graph in call", "sampler",
                           "ids copy", "h prep",    "h fill",      "h enqueue", "h sync",        "h return",
                           "h check", "W",          "MHz"};
    constexpr int kP = 15;
    const std::size_t na = arms.size();
    std::vector<std::vector<std::vector<double>>> v(na, std::vector<std::vector<double>>(kP));
    PowerLog pw;
    set_arm(m, arms[0]);
    for (const auto t0 = Clock::now(); std::chrono::duration<double>(Clock::now() - t0).count() < 1.0;)
        m.forward_batch_sample(ptrs, ids, {&top_p, 1}, rng, next);
    for (int r = 0; r < rounds; ++r) {
        for (std::size_t j = 0; j < na; ++j) {
            const std::size_t a = (j + std::size_t(r)) % na;
            set_arm(m, arms[a]);
            v[a][1].push_back(m.time_batch_step_ms(ptrs, ids, 9));
            m.forward_batch_sample(ptrs, ids, {&top_p, 1}, rng, next);  // capture outside the timing
            std::vector<double> p[kP];
            pw.start();
            for (int c = 0; c < 10; ++c) {
                rwkv::cuda::BatchStepTrace& cur = tr[c & 1];
                rwkv::cuda::set_batch_step_trace(&cur);
                const auto c0 = Clock::now();
                m.forward_batch_sample(ptrs, ids, {&top_p, 1}, rng, next);
                const auto c1 = Clock::now();
                rwkv::cuda::set_batch_step_trace(nullptr);
                if (c == 0) continue;  // its predecessor had no trace
                const rwkv::cuda::BatchStepTrace& prev = tr[(c + 1) & 1];
                const double ret_us = std::chrono::duration<double, std::micro>(c1.time_since_epoch()).count();
                p[0].push_back(std::chrono::duration<double, std::milli>(c1 - c0).count());
                p[2].push_back(ev_ms(prev.ev[4], cur.ev[0]));
                p[3].push_back(ev_ms(cur.ev[0], cur.ev[1]));
                p[4].push_back(ev_ms(cur.ev[1], cur.ev[2]));
                p[5].push_back(ev_ms(cur.ev[2], cur.ev[3]));
                p[6].push_back(ev_ms(cur.ev[3], cur.ev[4]));
                p[7].push_back((cur.host_us[2] - cur.host_us[0]) * 1e-3);
                p[8].push_back((cur.host_us[3] - cur.host_us[2]) * 1e-3);
                p[9].push_back((cur.host_us[4] - cur.host_us[3]) * 1e-3);
                p[10].push_back((cur.host_us[5] - cur.host_us[4]) * 1e-3);
                p[11].push_back((ret_us - cur.host_us[5]) * 1e-3);
                p[12].push_back((cur.host_us[0] - std::chrono::duration<double, std::micro>(c0.time_since_epoch()).count()) *
                                1e-3);
            }
            const auto [w, mhz] = pw.stop();
            for (int k = 0; k < kP; ++k)
                if (k != 1 && k < 13) v[a][std::size_t(k)].push_back(median(p[k]));
            v[a][13].push_back(w);
            v[a][14].push_back(mhz);
        }
    }
    set_arm(m, arms[0]);
    for (auto& t : tr)
        for (auto& e : t.ev) cudaEventDestroy(e);
    const std::string key = shape + " B=" + std::to_string(B);
    for (std::size_t a = 0; a < na; ++a) {
        std::printf("v56 split %s arm %d:", key.c_str(), arms[a]);
        nlohmann::json ja = nlohmann::json::object();
        for (int k = 0; k < kP; ++k) {
            std::printf(" %s %.3f%s", names[k], median(v[a][std::size_t(k)]), k == 1 || k == 6 || k == 12 ? " |" : "");
            ja[names[k]] = {{"median", median(v[a][std::size_t(k)])}, {"rounds", v[a][std::size_t(k)]}};
        }
        if (a > 0) {  // paired against arm 0 per round: the public call's wall and the graph alone
            std::vector<double> dw, dg;
            int fw = 0;
            for (int r = 0; r < rounds; ++r) {
                dw.push_back(v[a][0][std::size_t(r)] - v[0][0][std::size_t(r)]);
                dg.push_back(v[a][1][std::size_t(r)] - v[0][1][std::size_t(r)]);
                fw += dw.back() < 0;
            }
            std::printf(" || vs arm %d paired: call %+.3f ms, faster %d/%d; graph alone %+.3f", arms[0], median(dw), fw,
                        rounds, median(dg));
            ja["paired_call_ms"] = median(dw);
            ja["faster_call"] = fw;
            ja["paired_graph_ms"] = median(dg);
        }
        std::printf("\n");
        std::printf("v56 split %s arm %d wall rounds:", key.c_str(), arms[a]);
        for (double x : v[a][0]) std::printf(" %.3f", x);
        std::printf("\n");
        out[key]["arm " + std::to_string(arms[a])] = ja;
    }
    std::fflush(stdout);
}

}  // namespace

nlohmann::json step_ab() {
    nlohmann::json out = nlohmann::json::object();
    const std::vector<int> arms = arms_from_env();
    const std::vector<AbSet> sets = ab_sets_from_env("1.5b:256:3,7.2b:256:8,7.2b:1024:3");
    for (const char* shape : shapes_in(sets)) {
        const rwkv::ModelShape s = shape_of(shape);
        auto m = rwkv::cuda::make_random_cuda_model(s, 0, rwkv::DType::F16, 1, 0.098);
        m->set_batch_state_f16(true);
        if (std::string(shape) == "7.2b" && std::getenv("RWKV_BENCH_NOBITS") == nullptr) {
            const char* kr = std::getenv("RWKV_BENCH_KREPS");
            if (kr == nullptr || std::atoi(kr) != 0)
                out["kernel"] = kernel_forms(batch_logits_after(*m, s.vocab_size, 256, 3), s.vocab_size);
            call_bits(*m, arms, s.vocab_size, out);
        }
        for (const AbSet& st : sets)
            if (st.shape == shape) call_split(*m, arms, s.vocab_size, shape, st.B, st.rounds, out);
        m->set_batch_state_f16(false);
    }
    rwkv::cuda::set_batch_step_lean(true);  // the defaults
    ck::set_sample_rows_v56(1);
    ck::set_sample_rows_v58(1);
    rwkv::cuda::set_batch_step_early(true);
    return out;
}

}  // namespace bench_cuda
