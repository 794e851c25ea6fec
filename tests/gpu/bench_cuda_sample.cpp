// bench_cuda --sample: the public batched call with and without device sampling (Model::forward_batch_sample,
// kernels/cuda/sample.cu). 7.2B fp16 random weights (ReLU² density 0.098), B = 256 and 1024, fp16 and fp32 state:
// the graph alone (time_batch_step_ms, logits left on the device) and the wall ms per step of forward_batch with the
// B x V logits to page-locked memory, of forward_batch_sample greedy and top-p (temperature 1, top_p 0.3; ids only).
// 3 rounds with the modes alternated, medians.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench_cuda_common.h"
#include "cuda/cuda_model.h"
#include "rwkv/sampler.h"

namespace bench_cuda {

nlohmann::json bench_sample(double copy_gbs) {
    (void)copy_gbs;
    nlohmann::json out = nlohmann::json::object();
    const rwkv::ModelShape s = shape_of("7.2b");
    auto m = rwkv::cuda::make_random_cuda_model(s, 0, rwkv::DType::F16, 1, 0.098);
    const std::size_t V = std::size_t(s.vocab_size);
    const char* modes[] = {"graph only", "logits (pinned)", "greedy ids", "top-p ids"};
    constexpr int kModes = 4;
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
