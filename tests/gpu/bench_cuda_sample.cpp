// bench_cuda --sample: the public batched call with and without device sampling (Model::forward_batch_sample,
// kernels/cuda/sample.cu). 7.2B fp16 random weights (ReLU² density 0.098), B = 256 and 1024, fp16 and fp32 state:
// the graph alone (time_batch_step_ms, logits left on the device) and the wall ms per step of forward_batch with the
// B x V logits to page-locked memory, of forward_batch_sample greedy and top-p (temperature 1, top_p 0.3; ids only).
// 3 rounds with the modes alternated, medians. First (session 10, v32) the sampling kernel alone on synthetic rows
// and on the model's own logits (B = 256 / 1024; top-p 0.3, T 0.8 with top-p 0.9, greedy).
// RWKV_BENCH_SAMPLE=stages (session 13): instead, the cost of each stage of the batched step inside the graph
// (fp16 state, B = 256 / 1024): the graph captured again with the stage left out of, or run twice in, every layer
// (set_rows_stage_mask), 7 replays per capture, 2 rounds; full - skipped and twice - full per stage. Run it on a warm
// GPU and read the second round: the first configurations of a round can run at other clocks (700 W power cap).
// RWKV_BENCH_STAGES_B=B (session 26): that batch only.
// RWKV_BENCH_SAMPLE=v48 (session 16): five arms — v42; the fp16-state WKV decode step with 2 or 1 sequences per CTA
// (v48, set_wkv_decode_seqs); the four LoRA projections as one GEMM each way (v51, set_rows_lora4); v48 2/CTA + v51 —
// logits of each against v42 (bits, max |d|, rel L2), then per shape and B the WKV stage alone, the LoRA stages alone,
// the full graph and the public top-p call, the arms rotated inside each round; then the B=256 stage costs with the
// defaults. RWKV_BENCH_AB picks the shapes and batches, RWKV_BENCH_ARMS the arms (ab_session16, ab_times).
// RWKV_BENCH_SAMPLE=lt (session 18): every fp16 GEMM of the 7.2B batched step (B = 256, 1024) through cuBLASLt's
// heuristic candidates, each timed inside the graph with its stage alone (the model's own weights, 32 layers, X warm in
// L2 as in the step), the best three re-timed against cublasGemmEx's choice in rotated rounds; then default vs the
// winners (and at B=1024 the v16f two-lane split) in rotated rounds: logits after 3 steps, the GEMM stages alone,
// the full graph and the public top-p call (lt_session18). RWKV_BENCH_SAMPLE=lt2: the v52 table (set_gemm_lt_table)
// on vs off: logits after 3 steps, the table's stages alone, then many rotated rounds of the full graph and the
// public top-p call with wall-clock marks for the nvidia-smi log (lt2_session18). RWKV_BENCH_SAMPLE=knob (session 19):
// the arms of one run-time knob in rotated rounds (bench_cuda_knob_ab.cpp). RWKV_BENCH_SAMPLE=step (session 22): the
// public call split and the v56 A/B (bench_cuda_step.cpp). RWKV_BENCH_SAMPLE=stagesj (session 30): the energy of each
// stage alone in the graph (bench_cuda_knob_ab.cpp); RWKV_BENCH_SAMPLE=ffnprobe: the zero blocks of the FFN value's
// relu² operand per layer (bench_cuda_ffn_probe.cpp).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <cuda_runtime.h>

#include "bench_cuda_common.h"
#include "bench_cuda_sample_rows.h"
#include "cuda/cuda_gemm.h"
#include "cuda/cuda_model.h"
#include "cuda/cuda_rows.h"
#include "rwkv/sampler.h"
#include "rwkv_kernels.h"

namespace bench_cuda {
namespace ck = rwkv::cuda_kernels;

namespace {

// The sampling kernel alone: rows of logits of one kind (B rows, V = 65536), top-p 0.3 at T = 1, T = 0.8 with
// top_p 0.9, and greedy; median of 9 launches each (events).
nlohmann::json sample_kernels(const std::vector<float>& model_rows, int V) {
    nlohmann::json out = nlohmann::json::object();
    const int Bmax = 1024;
    SampleKernelBuffers d(Bmax, V);
    std::vector<float> rows(std::size_t(Bmax) * V);
    const char* kinds[] = {"model logits", "flat sd 0.05", "normal sd 1", "normal sd 2", "peaked"};
    for (int kind = 0; kind < 5; ++kind) {
        fill_sample_rows(rows, V, kinds[kind], std::uint32_t(kind), model_rows);
        d.upload_rows(rows);
        for (int B : {256, 1024}) {
            const rwkv::TokenSampling sets[] = {{1.0f, 0.3f}, {0.8f, 0.9f}, {0.0f, 0.0f}};
            const char* set_names[] = {"top-p 0.3", "T 0.8 top-p 0.9", "greedy"};
            for (int si = 0; si < 3; ++si) {
                d.upload_params(B, sets[si], 0x243F6A8885A308D3ull + std::uint64_t(kind));
                std::vector<double> t;
                for (int rep = 0; rep < 10; ++rep) {
                    cudaEventRecord(d.e0, nullptr);
                    rwkv::cuda::check(ck::launch_sample_rows(d.rows, B, V, d.par, d.ids, nullptr), "sample kernel");
                    cudaEventRecord(d.e1, nullptr);
                    cudaEventSynchronize(d.e1);
                    float ms = 0;
                    cudaEventElapsedTime(&ms, d.e0, d.e1);
                    if (rep > 0) t.push_back(ms);
                }
                const double mt = median(t);
                std::printf("sample kernel %-13s B=%-4d %-16s %7.3f ms\n", kinds[kind], B, set_names[si], mt);
                out[std::string(kinds[kind]) + " B=" + std::to_string(B) + " " + set_names[si]] = {{"ms", mt},
                                                                                                   {"rows", B}};
            }
        }
    }
    return out;
}

// RWKV_BENCH_SAMPLE=stages: in-graph stage costs (see the header).
nlohmann::json stage_costs(rwkv::cuda::CudaModel& m, int V, std::vector<int> batches = {256, 1024}) {
    nlohmann::json out = nlohmann::json::object();
    const char* names[12] = {"ln_mix1", "gemm_rkv", "lora_down", "lora_act", "lora_up", "wkv", "gemm_output",
                             "ln_mix2", "ffn_key", "relu2", "ffn_value", "head"};
    struct Cfg {
        std::string name;
        unsigned skip, twice;
    };
    std::vector<Cfg> cfgs{{"full", 0u, 0u}};
    for (int b = 0; b < 12; ++b) cfgs.push_back({std::string("skip ") + names[b], 1u << b, 0u});
    for (int b = 0; b < 11; ++b) cfgs.push_back({std::string("twice ") + names[b], 0u, 1u << b});
    cfgs.push_back({"skip all but wkv", 0xfffu & ~(1u << 5), 0u});
    for (int B : batches) {
        std::vector<rwkv::State> states;
        for (int b = 0; b < B; ++b) states.push_back(m.new_state());
        std::vector<rwkv::State*> ptrs;
        for (auto& st : states) ptrs.push_back(&st);
        std::vector<std::int32_t> ids(static_cast<std::size_t>(B));
        for (int b = 0; b < B; ++b) ids[std::size_t(b)] = (b * 7919 + 11) % V;
        std::vector<std::vector<double>> ms(cfgs.size());
        for (int round = 0; round < 2; ++round) {
            for (std::size_t c = 0; c < cfgs.size(); ++c) {
                rwkv::cuda::set_rows_stage_mask(cfgs[c].skip, cfgs[c].twice);
                m.set_batch_state_f16(true);  // any setter drops the captured graphs: the next call captures the mask
                ms[c].push_back(m.time_batch_step_ms(ptrs, ids, 7));
            }
        }
        rwkv::cuda::set_rows_stage_mask(0, 0);
        m.set_batch_state_f16(true);
        nlohmann::json jb = nlohmann::json::object();
        const double full = ms[0][1];
        for (std::size_t c = 0; c < cfgs.size(); ++c) {
            std::printf("stages B=%-4d %-20s round 2 %8.3f ms  delta %+7.3f  (round 1 %.3f)\n", B, cfgs[c].name.c_str(),
                        ms[c][1], ms[c][1] - full, ms[c][0]);
            jb[cfgs[c].name] = {{"rounds_ms", ms[c]}, {"delta_ms", ms[c][1] - full}};
        }
        out["B=" + std::to_string(B)] = jb;
    }
    return out;
}

// RWKV_BENCH_SAMPLE=v48 (see the header).
struct AbArm {
    int seqs;    // set_wkv_decode_seqs (v48)
    bool lora4;  // set_rows_lora4 (v51)
    const char* name;
};
constexpr int kArms = 5;
const AbArm kArm[kArms] = {{4, false, "v42"}, {2, false, "v48 2/CTA"}, {1, false, "v48 1/CTA"}, {4, true, "v51 LoRA4"},
                           {2, true, "v48+v51"}};
// RWKV_BENCH_ARMS=i,j,...: these arms only (indices into kArm; default all)
std::vector<int> arm_list() {
    std::vector<int> v;
    if (const char* e = std::getenv("RWKV_BENCH_ARMS"))
        for (const char* p = e; *p != 0; ++p)
            if (*p >= '0' && *p < '0' + kArms) v.push_back(*p - '0');
    if (v.empty() || v[0] != 0) v.insert(v.begin(), 0);  // v42 always, first
    return v;
}

void set_arm(rwkv::cuda::CudaModel& m, const AbArm& a) {
    ck::set_wkv_decode_seqs(a.seqs);
    rwkv::cuda::set_rows_lora4(a.lora4 ? 1 : 0);
    m.set_batch_state_f16(true);  // drops the captured graphs
}

void set_defaults(rwkv::cuda::CudaModel& m) {  // both knobs by batch (the shipped behaviour)
    ck::set_wkv_decode_seqs(0);
    rwkv::cuda::set_rows_lora4(-1);
    m.set_rows_lora_grouped(true);
    m.set_batch_state_f16(true);
}

std::vector<rwkv::State*> state_ptrs(std::vector<rwkv::State>& states) {
    std::vector<rwkv::State*> ptrs;
    for (auto& st : states) ptrs.push_back(&st);
    return ptrs;
}

// Logits after 3 steps from fresh states, each arm against v42: bit-equal count, max |d| and L2(d) / L2(ref).
void ab_bits(rwkv::cuda::CudaModel& m, int V, nlohmann::json& out) {
    for (int B : {37, 256}) {
        std::vector<float> ref;
        std::vector<int> list = arm_list();
        list.push_back(-1);  // calibration: v42 with the 8 LoRA GEMMs one by one (v19 off), a summation-order change
        for (int k : list) {
            set_arm(m, kArm[k < 0 ? 0 : k]);
            if (k < 0) {
                m.set_rows_lora_grouped(false);
                m.set_batch_state_f16(true);
            }
            const char* name = k < 0 ? "v19 off" : kArm[k].name;
            const std::vector<float> logits = batch_logits_after(m, V, B, 3);
            if (k == 0) {
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
            const double rel = std::sqrt(d2 / std::max(r2, 1e-30));
            std::printf("ab bits B=%d: %-10s logits %zu/%zu bit-equal to v42's, max |d| %.3g, rel L2 %.3g\n", B, name,
                        same, logits.size(), dmax, rel);
            out[std::string("bits B=") + std::to_string(B) + " " + name] = {
                {"equal", same}, {"n", logits.size()}, {"max_abs", dmax}, {"rel_l2", rel}};
        }
        m.set_rows_lora_grouped(true);
    }
    set_arm(m, kArm[0]);
}

// Per arm and round: the WKV stage alone and the three LoRA stages alone in the graph (stage masks), the full graph
// (9 replays each) and the public top-p call (forward_batch_sample, top-p 0.3, wall, median of 9).
void ab_times(rwkv::cuda::CudaModel& m, int V, const char* shape, int B, int rounds, nlohmann::json& out) {
    BatchInputs in = batch_inputs(m, V, B);
    auto &ptrs = in.ptrs;
    auto &ids = in.ids, &next = in.next;
    auto &rng = in.rng;
    const rwkv::TokenSampling top_p{1.0f, 0.3f};
    std::vector<double> wkv[kArms], lora[kArms], full[kArms], pub[kArms];
    set_arm(m, kArm[0]);
    for (const auto t0 = Clock::now(); std::chrono::duration<double>(Clock::now() - t0).count() < 1.0;)
        m.time_batch_step_ms(ptrs, ids, 3);
    const std::vector<int> list = arm_list();
    const int na = int(list.size());
    for (int r = 0; r < rounds; ++r) {
        for (int i = 0; i < na; ++i) {
            const int k = list[std::size_t((r + i) % na)];
            set_arm(m, kArm[k]);
            rwkv::cuda::set_rows_stage_mask(0xfffu & ~(1u << 5), 0u);
            m.set_batch_state_f16(true);
            wkv[k].push_back(m.time_batch_step_ms(ptrs, ids, 9));
            rwkv::cuda::set_rows_stage_mask(0xfffu & ~(7u << 2), 0u);
            m.set_batch_state_f16(true);
            lora[k].push_back(m.time_batch_step_ms(ptrs, ids, 9));
            rwkv::cuda::set_rows_stage_mask(0u, 0u);
            m.set_batch_state_f16(true);
            full[k].push_back(m.time_batch_step_ms(ptrs, ids, 9));
            m.forward_batch_sample(ptrs, ids, {&top_p, 1}, rng, next);  // capture outside the timing
            std::vector<double> t;
            for (int c = 0; c < 9; ++c) {
                const auto t0 = Clock::now();
                m.forward_batch_sample(ptrs, ids, {&top_p, 1}, rng, next);
                t.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
            }
            pub[k].push_back(median(t));
        }
    }
    set_arm(m, kArm[0]);
    const std::string key = std::string(shape) + " B=" + std::to_string(B);
    auto row = [](const char* what, const std::vector<double>& v) {
        std::printf("  %s %7.3f (", what, median(v));
        for (double x : v) std::printf(" %.3f", x);
        std::printf(" )");
    };
    for (int k : list) {
        std::printf("ab %s B=%-4d %-10s", shape, B, kArm[k].name);
        row("WKV", wkv[k]);
        row("LoRA", lora[k]);
        row("full", full[k]);
        row("top-p call", pub[k]);
        std::printf("\n");
        out[key][kArm[k].name] = {{"wkv_ms", median(wkv[k])},   {"wkv_rounds", wkv[k]},   {"lora_ms", median(lora[k])},
                                  {"lora_rounds", lora[k]},     {"full_ms", median(full[k])}, {"full_rounds", full[k]},
                                  {"topp_call_ms", median(pub[k])}, {"topp_rounds", pub[k]}};
    }
    std::fflush(stdout);
}

// RWKV_BENCH_AB=shape:B:rounds,... (default 1.5b:256:5,7.2b:256:5,7.2b:1024:4; the 1.5B first: not power-capped);
// the bits on the 7.2B; RWKV_BENCH_STAGES=0 leaves out the B=256 stage costs (taken with the defaults).
nlohmann::json ab_session16() {
    nlohmann::json out = nlohmann::json::object();
    const std::vector<AbSet> sets = ab_sets_from_env("1.5b:256:5,7.2b:256:5,7.2b:1024:4");
    for (const char* shape : shapes_in(sets)) {
        const rwkv::ModelShape s = shape_of(shape);
        auto m = rwkv::cuda::make_random_cuda_model(s, 0, rwkv::DType::F16, 1, 0.098);
        if (std::string(shape) == "7.2b") ab_bits(*m, s.vocab_size, out);
        for (const AbSet& st : sets)
            if (st.shape == shape) ab_times(*m, s.vocab_size, shape, st.B, st.rounds, out);
        const char* sg = std::getenv("RWKV_BENCH_STAGES");
        if (std::string(shape) == "7.2b" && !(sg != nullptr && std::strcmp(sg, "0") == 0)) {
            set_defaults(*m);  // the B=256 step by stage, as shipped
            out["stages"] = stage_costs(*m, s.vocab_size, {256});
        }
        set_defaults(*m);
        m->set_batch_state_f16(false);
    }
    return out;
}

// ---- RWKV_BENCH_SAMPLE=lt (see the header) ----
int lt_stage_of(const std::string& key) {  // set_rows_stage_mask bit of a GEMM label
    const std::string what = key.substr(0, key.find('|'));
    if (what == "receptance/key/value") return 1;
    if (what.find(" down") != std::string::npos || what == "g1") return 2;
    if (what.find(" up") != std::string::npos || what == "g2") return 4;
    if (what == "output") return 6;
    if (what == "ffn key") return 8;
    if (what == "ffn value") return 10;
    if (what == "head") return 11;
    return -1;
}

double lt_time(rwkv::cuda::CudaModel& m, const std::vector<rwkv::State*>& ptrs, const std::vector<std::int32_t>& ids,
               unsigned skip, int reps) {
    rwkv::cuda::set_rows_stage_mask(skip, 0u);
    m.set_batch_state_f16(true);  // drops the captured graphs
    try {
        return m.time_batch_step_ms(ptrs, ids, reps);
    } catch (const std::exception& e) {
        std::printf("  (failed: %s)\n", e.what());
        m.set_batch_state_f16(true);
        return 1e9;
    }
}

// Logits after 3 steps from fresh states (bit-equal count, max |d|, rel L2 against `ref`; fills ref when empty).
void lt_bits(rwkv::cuda::CudaModel& m, int V, int B, const char* name, std::vector<float>& ref, nlohmann::json& out) {
    m.set_batch_state_f16(true);
    const std::vector<float> logits = batch_logits_after(m, V, B, 3);
    if (ref.empty()) {
        ref = logits;
        return;
    }
    std::size_t same = 0, bad = 0;
    double dmax = 0, d2 = 0, r2 = 0;
    for (std::size_t i = 0; i < logits.size(); ++i) {
        same += std::memcmp(&logits[i], &ref[i], 4) == 0;
        bad += !std::isfinite(logits[i]);
        const double d = double(logits[i]) - double(ref[i]);
        dmax = std::max(dmax, std::fabs(d));
        d2 += d * d;
        r2 += double(ref[i]) * double(ref[i]);
    }
    const double rel = std::sqrt(d2 / std::max(r2, 1e-30));
    std::printf("lt bits B=%d: %-12s logits %zu/%zu bit-equal to the default's, non-finite %zu, max |d| %.3g, rel L2 %.3g\n",
                B, name, same, logits.size(), bad, dmax, rel);
    out[std::string("bits B=") + std::to_string(B) + " " + name] = {
        {"equal", same}, {"n", logits.size()}, {"nonfinite", bad}, {"max_abs", dmax}, {"rel_l2", rel}};
}

nlohmann::json lt_session18() {
    nlohmann::json out = nlohmann::json::object();
    if (!rwkv::cuda::gemm_lt_available()) {
        std::printf("lt: this build has no cuBLASLt (RWKV_WITH_CUBLASLT)\n");
        return out;
    }
    const rwkv::ModelShape s = shape_of("7.2b");
    const int V = s.vocab_size;
    auto m = rwkv::cuda::make_random_cuda_model(s, 0, rwkv::DType::F16, 1, 0.098);
    set_defaults(*m);
    rwkv::cuda::set_gemm_lt_table(0);  // the sweep compares against cublasGemmEx's choice
    const std::vector<int> batches = batches_from_env("RWKV_BENCH_LT_B", {256, 1024});
    const char* mc = std::getenv("RWKV_BENCH_LT_MAX");
    const int max_cand = mc != nullptr ? std::atoi(mc) : 24;
    const char* rc = std::getenv("RWKV_BENCH_LT_ROUNDS");
    const int ab_rounds = rc != nullptr ? std::atoi(rc) : 5;
    constexpr unsigned kAll = 0xfffu, kGemmOnly = kAll & ~((1u << 1) | (1u << 2) | (1u << 4) | (1u << 6) | (1u << 8) |
                                                            (1u << 10) | (1u << 11));
    for (int B : batches) {
        const auto T0 = Clock::now();
        auto secs = [&] { return std::chrono::duration<double>(Clock::now() - T0).count(); };
        std::vector<rwkv::State> states;
        for (int b = 0; b < B; ++b) states.push_back(m->new_state());
        const auto ptrs = state_ptrs(states);
        std::vector<std::int32_t> ids(static_cast<std::size_t>(B)), next(static_cast<std::size_t>(B));
        for (int b = 0; b < B; ++b) ids[std::size_t(b)] = (b * 7919 + 11) % V;
        rwkv::cuda::gemm_lt_reset();
        rwkv::cuda::gemm_lt_record(true);
        m->set_batch_state_f16(true);
        m->time_batch_step_ms(ptrs, ids, 1);  // the capture records every GEMM's problem
        rwkv::cuda::gemm_lt_record(false);
        for (const auto t0 = Clock::now(); std::chrono::duration<double>(Clock::now() - t0).count() < 1.5;)
            m->time_batch_step_ms(ptrs, ids, 3);
        nlohmann::json jb = nlohmann::json::object();
        std::vector<std::pair<std::string, int>> winners;
        for (const auto& [key, calls] : rwkv::cuda::gemm_lt_keys(B)) {
            const int bit = lt_stage_of(key);
            if (bit < 0 || (calls < 8 && bit != 11)) continue;  // layer 0's own LoRA shapes: one call
            // at B >= 1024 the r/k/v, FFN key and head GEMMs run at 88-97 % of the tensor rate (v34+): not swept
            if (B >= 1024 && (bit == 1 || bit == 8 || bit == 11) && std::getenv("RWKV_BENCH_LT_ALL") == nullptr) continue;
            const int n = rwkv::cuda::gemm_lt_candidates(key, max_cand);
            const unsigned skip = kAll & ~(1u << bit);
            std::vector<double> t1(static_cast<std::size_t>(n), 1e9);
            rwkv::cuda::gemm_lt_select(key, -1);
            const double d1 = lt_time(*m, ptrs, ids, skip, 7);
            for (int i = 0; i < n; ++i) {
                rwkv::cuda::gemm_lt_select(key, i);
                t1[std::size_t(i)] = lt_time(*m, ptrs, ids, skip, 5);
            }
            std::vector<int> order(static_cast<std::size_t>(n));
            for (int i = 0; i < n; ++i) order[std::size_t(i)] = i;
            std::sort(order.begin(), order.end(), [&](int a, int b) { return t1[std::size_t(a)] < t1[std::size_t(b)]; });
            std::vector<int> arms{-1};
            for (int i = 0; i < std::min(3, n); ++i) arms.push_back(order[std::size_t(i)]);
            std::vector<std::vector<double>> t2(arms.size());
            for (int r = 0; r < 3; ++r)
                for (std::size_t j = 0; j < arms.size(); ++j) {
                    const std::size_t a = (j + std::size_t(r)) % arms.size();
                    rwkv::cuda::gemm_lt_select(key, arms[a]);
                    t2[a].push_back(lt_time(*m, ptrs, ids, skip, 7));
                }
            std::size_t best = 0;
            for (std::size_t a = 1; a < arms.size(); ++a)
                if (median(t2[a]) < median(t2[best])) best = a;
            const double def = median(t2[0]), bt = median(t2[best]);
            const bool win = best > 0 && bt < 0.98 * def;
            rwkv::cuda::gemm_lt_select(key, win ? arms[best] : -1);
            if (win) winners.emplace_back(key, arms[best]);
            std::printf("lt B=%-4d %-28s %2d calls, %2d candidates: default %7.3f ms (pass 1 %.3f; heuristic #0 %.3f) | best %7.3f "
                        "(%+.1f %%) %s%s\n",
                        B, key.c_str(), calls, n, def, d1, n > 0 ? t1[0] : 0.0, bt, 100.0 * (bt / def - 1.0),
                        rwkv::cuda::gemm_lt_describe(key, best > 0 ? arms[best] : -1).c_str(), win ? "  <- WIN" : "");
            nlohmann::json jk = {{"calls", calls}, {"candidates", n}, {"default_ms", def}, {"default_rounds", t2[0]},
                                 {"pass1_default_ms", d1}, {"win", win}};
            nlohmann::json jc = nlohmann::json::array();
            for (int i = 0; i < n; ++i)
                jc.push_back({{"i", i}, {"pass1_ms", t1[std::size_t(i)]}, {"desc", rwkv::cuda::gemm_lt_describe(key, i)}});
            jk["pass1"] = jc;
            for (std::size_t a = 1; a < arms.size(); ++a) {
                jk["top"].push_back({{"i", arms[a]}, {"ms", median(t2[a])}, {"rounds", t2[a]},
                                     {"desc", rwkv::cuda::gemm_lt_describe(key, arms[a])}});
                std::printf("      top %-2d %7.3f ms (rounds %.3f %.3f %.3f)  %s\n", arms[a], median(t2[a]), t2[a][0],
                            t2[a][1], t2[a][2], rwkv::cuda::gemm_lt_describe(key, arms[a]).c_str());
            }
            jb["keys"][key] = jk;
            std::fflush(stdout);
        }
        std::printf("lt B=%d sweep done at %.1f s, %zu winners\n", B, secs(), winners.size());
        rwkv::cuda::set_rows_stage_mask(0u, 0u);
        // bits: default, winners, the calibration (v19 off: the LoRA GEMMs one by one, a summation-order change)
        std::vector<float> ref;
        rwkv::cuda::gemm_lt_reset();
        lt_bits(*m, V, B, "default", ref, jb);
        for (const auto& [key, i] : winners) rwkv::cuda::gemm_lt_select(key, i);
        if (!winners.empty()) lt_bits(*m, V, B, "Lt winners", ref, jb);
        rwkv::cuda::gemm_lt_reset();
        m->set_rows_lora_grouped(false);
        lt_bits(*m, V, B, "v19 off", ref, jb);
        m->set_rows_lora_grouped(true);
        // A/B in rotated rounds
        struct Arm {
            const char* name;
            bool lt;
            int split;
        };
        std::vector<Arm> arms{{"default", false, 0}};
        if (!winners.empty()) arms.push_back({"Lt winners", true, 0});
        if (B >= 512) arms.push_back({"v16f split", false, B / 2});
        const int na = int(arms.size());
        std::vector<std::vector<double>> gem(static_cast<std::size_t>(na)), full(static_cast<std::size_t>(na)),
            pub(static_cast<std::size_t>(na));
        const rwkv::TokenSampling top_p{1.0f, 0.3f};
        std::vector<std::uint64_t> rng(static_cast<std::size_t>(B));
        for (int b = 0; b < B; ++b) rng[std::size_t(b)] = 0x9E3779B97F4A7C15ull + std::uint64_t(b);
        auto set_arm18 = [&](const Arm& a) {
            rwkv::cuda::gemm_lt_reset();
            if (a.lt)
                for (const auto& [key, i] : winners) rwkv::cuda::gemm_lt_select(key, i);
            m->set_rows_split(a.split);
        };
        const int rounds = B >= 1024 ? std::max(2, ab_rounds - 1) : ab_rounds;
        for (int r = 0; r < rounds; ++r)
            for (int j = 0; j < na; ++j) {
                const int k = (j + r) % na;
                set_arm18(arms[std::size_t(k)]);
                gem[std::size_t(k)].push_back(lt_time(*m, ptrs, ids, kGemmOnly, 9));
                full[std::size_t(k)].push_back(lt_time(*m, ptrs, ids, 0u, 9));
                m->forward_batch_sample(ptrs, ids, {&top_p, 1}, rng, next);  // capture outside the timing
                std::vector<double> t;
                for (int c = 0; c < 9; ++c) {
                    const auto t0 = Clock::now();
                    m->forward_batch_sample(ptrs, ids, {&top_p, 1}, rng, next);
                    t.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
                }
                pub[std::size_t(k)].push_back(median(t));
            }
        set_arm18(arms[0]);
        rwkv::cuda::set_rows_stage_mask(0u, 0u);
        m->set_batch_state_f16(true);
        auto row = [](const char* what, const std::vector<double>& v) {
            std::printf("  %s %7.3f (", what, median(v));
            for (double x : v) std::printf(" %.3f", x);
            std::printf(" )");
        };
        for (int k = 0; k < na; ++k) {
            std::printf("ab 7.2b B=%-4d %-11s", B, arms[std::size_t(k)].name);
            row("GEMMs alone", gem[std::size_t(k)]);
            row("full", full[std::size_t(k)]);
            row("top-p call", pub[std::size_t(k)]);
            std::printf("\n");
            jb["ab"][arms[std::size_t(k)].name] = {
                {"gemm_ms", median(gem[std::size_t(k)])}, {"gemm_rounds", gem[std::size_t(k)]},
                {"full_ms", median(full[std::size_t(k)])}, {"full_rounds", full[std::size_t(k)]},
                {"topp_call_ms", median(pub[std::size_t(k)])}, {"topp_rounds", pub[std::size_t(k)]}};
        }
        std::printf("lt B=%d done at %.1f s\n", B, secs());
        std::fflush(stdout);
        out["B=" + std::to_string(B)] = jb;
    }
    set_defaults(*m);
    return out;
}

// RWKV_BENCH_SAMPLE=lt2 (see the header).
nlohmann::json lt2_session18() {
    nlohmann::json out = nlohmann::json::object();
    if (!rwkv::cuda::gemm_lt_available()) {
        std::printf("lt2: this build has no cuBLASLt (RWKV_WITH_CUBLASLT)\n");
        return out;
    }
    const rwkv::ModelShape s = shape_of("7.2b");
    const int V = s.vocab_size;
    auto m = rwkv::cuda::make_random_cuda_model(s, 0, rwkv::DType::F16, 1, 0.098);
    set_defaults(*m);
    const char* rc = std::getenv("RWKV_BENCH_LT_ROUNDS");
    const int base_rounds = rc != nullptr ? std::atoi(rc) : 12;
    auto wall_ms = [] {
        return std::chrono::duration<double, std::milli>(std::chrono::system_clock::now().time_since_epoch()).count();
    };
    std::vector<int> batches{256, 1024};
    if (const char* e = std::getenv("RWKV_BENCH_LT_B")) batches = {std::atoi(e)};
    const bool bits = std::getenv("RWKV_BENCH_LT_NOBITS") == nullptr;
    for (int B : batches) {
        nlohmann::json jb = nlohmann::json::object();
        std::vector<float> ref;
        rwkv::cuda::set_gemm_lt_table(0);
        if (bits) lt_bits(*m, V, B, "table off", ref, jb);
        rwkv::cuda::set_gemm_lt_table(1);
        if (bits) {
            const long long c0 = rwkv::cuda::gemm_lt_table_calls();
            lt_bits(*m, V, B, "table on", ref, jb);
            std::printf("lt2 B=%d: %lld GEMM launches through the table in that capture\n", B,
                        rwkv::cuda::gemm_lt_table_calls() - c0);
            rwkv::cuda::set_gemm_lt_table(0);
            m->set_rows_lora_grouped(false);
            lt_bits(*m, V, B, "v19 off", ref, jb);
            m->set_rows_lora_grouped(true);
        }
        std::vector<rwkv::State> states;
        for (int b = 0; b < B; ++b) states.push_back(m->new_state());
        const auto ptrs = state_ptrs(states);
        std::vector<std::int32_t> ids(static_cast<std::size_t>(B)), next(static_cast<std::size_t>(B));
        for (int b = 0; b < B; ++b) ids[std::size_t(b)] = (b * 7919 + 11) % V;
        std::vector<std::uint64_t> rng(static_cast<std::size_t>(B));
        for (int b = 0; b < B; ++b) rng[std::size_t(b)] = 0x9E3779B97F4A7C15ull + std::uint64_t(b);
        const rwkv::TokenSampling top_p{1.0f, 0.3f};
        // the table's stages alone: B=256 FFN value + LoRA ups; B=1024 LoRA downs + ups + output
        const unsigned keep = B <= 256 ? (1u << 10) | (1u << 4) : (1u << 2) | (1u << 4) | (1u << 6);
        for (const auto t0 = Clock::now(); std::chrono::duration<double>(Clock::now() - t0).count() < 1.0;)
            m->time_batch_step_ms(ptrs, ids, 3);
        std::vector<double> st[2], full[2], pub[2];
        const int rounds = B >= 1024 ? std::max(2, base_rounds * 2 / 3) : base_rounds;
        for (int r = 0; r < rounds; ++r)
            for (int j = 0; j < 2; ++j) {
                const int k = (j + r) % 2;
                rwkv::cuda::set_gemm_lt_table(k);
                if (r < 4) st[k].push_back(lt_time(*m, ptrs, ids, 0xfffu & ~keep, 7));
                const double t0 = wall_ms();
                full[k].push_back(lt_time(*m, ptrs, ids, 0u, 9));
                m->forward_batch_sample(ptrs, ids, {&top_p, 1}, rng, next);  // capture outside the timing
                std::vector<double> t;
                for (int c = 0; c < 9; ++c) {
                    const auto c0t = Clock::now();
                    m->forward_batch_sample(ptrs, ids, {&top_p, 1}, rng, next);
                    t.push_back(std::chrono::duration<double, std::milli>(Clock::now() - c0t).count());
                }
                pub[k].push_back(median(t));
                std::printf("mark B=%d arm %d round %d %.1f %.1f\n", B, k, r, t0, wall_ms());
            }
        rwkv::cuda::set_gemm_lt_table(1);
        rwkv::cuda::set_rows_stage_mask(0u, 0u);
        m->set_batch_state_f16(true);
        const char* names[2] = {"table off", "table on"};
        for (int k = 0; k < 2; ++k) {
            std::printf("ab 7.2b B=%-4d %-9s  stages alone %7.3f (", B, names[k], median(st[k]));
            for (double x : st[k]) std::printf(" %.3f", x);
            std::printf(" )  full %7.3f (", median(full[k]));
            for (double x : full[k]) std::printf(" %.3f", x);
            std::printf(" )  top-p call %7.3f (", median(pub[k]));
            for (double x : pub[k]) std::printf(" %.3f", x);
            std::printf(" )\n");
            jb["ab"][names[k]] = {{"stages_ms", median(st[k])}, {"stages_rounds", st[k]}, {"full_ms", median(full[k])},
                                  {"full_rounds", full[k]}, {"topp_call_ms", median(pub[k])}, {"topp_rounds", pub[k]}};
        }
        int wins_full = 0, wins_pub = 0;
        for (int r = 0; r < rounds; ++r) {
            wins_full += full[1][std::size_t(r)] < full[0][std::size_t(r)];
            wins_pub += pub[1][std::size_t(r)] < pub[0][std::size_t(r)];
        }
        std::printf("ab 7.2b B=%d: table on faster in %d / %d rounds (full graph), %d / %d (top-p call)\n", B, wins_full,
                    rounds, wins_pub, rounds);
        std::fflush(stdout);
        out["B=" + std::to_string(B)] = jb;
    }
    set_defaults(*m);
    return out;
}

}  // namespace

nlohmann::json knob_ab();  // RWKV_BENCH_SAMPLE=knob (bench_cuda_knob_ab.cpp)
nlohmann::json step_ab();  // RWKV_BENCH_SAMPLE=step (bench_cuda_step.cpp)
nlohmann::json stage_energy();  // RWKV_BENCH_SAMPLE=stagesj (bench_cuda_knob_ab.cpp)
nlohmann::json ffn_probe();     // RWKV_BENCH_SAMPLE=ffnprobe (bench_cuda_ffn_probe.cpp)

nlohmann::json bench_sample(double copy_gbs) {
    (void)copy_gbs;
    nlohmann::json out = nlohmann::json::object();
    const char* env = std::getenv("RWKV_BENCH_SAMPLE");
    const std::string mode = env != nullptr ? env : "";
    using Mode = nlohmann::json (*)();
    const std::pair<const char*, Mode> own[] = {{"knob", knob_ab},         {"stagesj", stage_energy},
                                                {"ffnprobe", ffn_probe},   {"step", step_ab},
                                                {"lt", lt_session18},      {"lt2", lt2_session18},
                                                {"v48", ab_session16}};
    for (const auto& [name, run] : own) {
        if (mode != name) continue;
        out[name] = run();
        return out;
    }
    const rwkv::ModelShape s = shape_of("7.2b");
    auto m = rwkv::cuda::make_random_cuda_model(s, 0, rwkv::DType::F16, 1, 0.098);
    const std::size_t V = std::size_t(s.vocab_size);
    if (mode == "stages") {
        m->set_batch_state_f16(true);
        std::vector<int> batches{256, 1024};  // RWKV_BENCH_STAGES_B=B: that batch only (session 26)
        if (const char* e = std::getenv("RWKV_BENCH_STAGES_B")) batches = {std::atoi(e)};
        out["stages"] = stage_costs(*m, int(V), batches);
        m->set_batch_state_f16(false);
        return out;
    }
    const char* modes[] = {"graph only", "logits (pinned)", "greedy ids", "top-p ids"};
    constexpr int kModes = 4;
    {  // v32: the sampling kernel alone; the model's rows are its logits after 3 steps of B = 256 from fresh states
        out["kernels"] = sample_kernels(batch_logits_after(*m, int(V), 256, 3), int(V));
    }
    for (bool f16 : {true, false}) {
        m->set_batch_state_f16(f16);
        for (int B : {256, 1024}) {
            std::vector<rwkv::State> states;
            for (int b = 0; b < B; ++b) states.push_back(m->new_state());
            std::vector<rwkv::State*> ptrs;
            for (auto& st : states) ptrs.push_back(&st);
            std::vector<std::int32_t> ids(static_cast<std::size_t>(B)), next(static_cast<std::size_t>(B));
            std::vector<float> logits(std::size_t(B) * V);
            const rwkv::PinnedHostMemory pin(*m, std::as_writable_bytes(std::span<float>(logits)));
            std::vector<std::uint64_t> rng(static_cast<std::size_t>(B));
            for (int b = 0; b < B; ++b) rng[std::size_t(b)] = 0x9E3779B97F4A7C15ull + std::uint64_t(b);
            const rwkv::TokenSampling greedy{0.0f, 0.0f}, top_p{1.0f, 0.3f};
            std::uint32_t x = 1;
            auto fill = [&] {
                for (auto& id : ids) id = std::int32_t(((x = x * 1664525u + 1013904223u) >> 8) % std::uint32_t(V));
            };
            auto step = [&](int mode) {
                fill();
                if (mode == 1) m->forward_batch(ptrs, ids, logits);
                else m->forward_batch_sample(ptrs, ids, {mode == 2 ? &greedy : &top_p, 1}, rng, next);
            };
            for (int mode = 1; mode < kModes; ++mode) step(mode);  // warm-up: scratch, graph capture
            std::vector<double> ms[kModes];
            for (int round = 0; round < 3; ++round) {
                ms[0].push_back(m->time_batch_step_ms(ptrs, ids, 8));
                for (int mode = 1; mode < kModes; ++mode) {
                    std::vector<double> t;
                    for (int i = 0; i < 6; ++i) {
                        const auto t0 = Clock::now();
                        step(mode);
                        t.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
                    }
                    ms[mode].push_back(median(t));
                }
            }
            nlohmann::json jb = nlohmann::json::object();
            const std::string key = std::string(f16 ? "fp16" : "fp32") + " state B=" + std::to_string(B);
            for (int mode = 0; mode < kModes; ++mode) {
                const double t = median(ms[mode]);
                jb[modes[mode]] = {{"ms", t}, {"tok_s", B / (t * 1e-3)}, {"rounds_ms", ms[mode]}};
                std::printf("7.2b decode %-20s %-16s %8.3f ms/step %8.0f tok/s (rounds %.3f %.3f %.3f)\n", key.c_str(),
                            modes[mode], t, B / (t * 1e-3), ms[mode][0], ms[mode][1], ms[mode][2]);
            }
            out[key] = jb;
        }
    }
    m->set_batch_state_f16(false);
    return out;
}

}  // namespace bench_cuda
