// Same-process A/B of recording-time knobs of the Vulkan rows path's batched decode (RowsPath keys its recorded passes
// by the kRecordingKnobs' values, vk_rows.cpp): one model, the arms' environments switched between rounds.
// Usage: bench_vulkan_batch_ab [preset (7.2b)] [batch (64)] [rounds (5)] [steps per round (16)]
// AB_ARMS = arms separated by ';', each "NAME=VALUE,NAME=VALUE" or "base" (every named knob unset); default "base".
// AB_STATE = fp16 (default) | fp32: Model::set_batch_state_dtype.
// First a check: from cloned states, 3 forward_batch steps per arm; the last step's logits and sequence 0's and the
// last sequence's states against arm 0's (max |d|, elements that differ). Then per round every arm, in an order
// rotated by the round: 3 untimed + `steps` timed forward_batch_sample steps (top-p 0.3, T 1, device sampler), wall
// ms per step. The check also compares 3 forward_batch_sample steps' ids (rows top-p 0.3 / greedy / T 0.7 top-p
// 0.9 / no cut) with arm 0's. Prints per arm every round, the median of rounds 2.. and its difference to arm 0's,
// paired by round.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "bench_knob_arms.h"
#include "rwkv/bench.h"
#include "rwkv/model.h"
#include "rwkv/sampler.h"
#include "rwkv/state.h"

using namespace rwkv;

namespace {

using bench::apply_knob_arm;
using bench::KnobArm;
using bench::median;

}  // namespace

int main(int argc, char** argv) {
    const std::string preset = argc > 1 ? argv[1] : "7.2b";
    const int B = argc > 2 ? std::atoi(argv[2]) : 64;
    const int rounds = argc > 3 ? std::atoi(argv[3]) : 5;
    const int steps = argc > 4 ? std::atoi(argv[4]) : 16;
    std::set<std::string> names;
    const char* arms_env = std::getenv("AB_ARMS");
    const std::vector<KnobArm> arms = bench::parse_knob_arms(arms_env ? arms_env : "base", names);
    const char* st = std::getenv("AB_STATE");
    const bool f16 = !(st && std::string(st) == "fp32");

    std::unique_ptr<Model> model = bench::random_fp16_model(preset);
    if (f16) model->set_batch_state_dtype(DType::F16);
    const ModelShape& s = model->shape();
    const std::size_t V = std::size_t(s.vocab_size);
    std::printf("%s B=%d state %s, %zu arms, %d rounds x %d steps\n", preset.c_str(), B, f16 ? "fp16" : "fp32",
                arms.size(), rounds, steps);

    std::vector<State> states;
    for (int b = 0; b < B; ++b) states.push_back(model->new_state());
    std::vector<State*> ptrs;
    for (auto& x : states) ptrs.push_back(&x);
    std::vector<std::int32_t> ids(std::size_t(B), 0);
    std::uint64_t tok = 1;
    auto next_ids = [&] {
        for (auto& id : ids) id = std::int32_t((tok++ * 2654435761ull) % V);
    };
    for (int i = 0; i < 4; ++i) {  // a few tokens into every state
        next_ids();
        model->forward_batch(ptrs, ids, {});
    }

    // Check: the same 3 steps from clones of the states, per arm.
    std::vector<float> ref_logits, ref_s0, ref_sl;
    std::vector<std::int32_t> ref_sampled;
    for (std::size_t a = 0; a < arms.size(); ++a) {
        apply_knob_arm(arms[a], names);
        {  // the device sampler's ids: 3 forward_batch_sample steps, rows top-p 0.3 / greedy / T 0.7 top-p 0.9 / no cut
            std::vector<State> cl;
            for (auto& x : states) cl.push_back(x.clone());
            std::vector<State*> cp;
            for (auto& x : cl) cp.push_back(&x);
            std::vector<TokenSampling> per_row;
            const TokenSampling kinds[4] = {{1.0f, 0.3f}, {0.0f, 0.3f}, {0.7f, 0.9f}, {1.0f, 1.0f}};
            for (int b = 0; b < B; ++b) per_row.push_back(kinds[b % 4]);
            std::vector<std::uint64_t> r(static_cast<std::size_t>(B));
            for (std::size_t b = 0; b < r.size(); ++b) r[b] = 0x51ED270B27F0A5C3ull + 7 * b;
            std::vector<std::int32_t> nx(static_cast<std::size_t>(B)), got;
            std::uint64_t t = 2000;
            for (int i = 0; i < 3; ++i) {
                for (auto& id : ids) id = std::int32_t((t++ * 2654435761ull) % V);
                model->forward_batch_sample(cp, ids, per_row, r, nx);
                got.insert(got.end(), nx.begin(), nx.end());
            }
            if (a == 0) {
                ref_sampled = got;
            } else {
                std::size_t nd = 0;
                for (std::size_t i = 0; i < got.size(); ++i) nd += got[i] != ref_sampled[i];
                std::printf("check %-40s sampled ids: %zu of %zu differ\n", arms[a].name.c_str(), nd, got.size());
            }
        }
        std::vector<State> cl;
        for (auto& x : states) cl.push_back(x.clone());
        std::vector<State*> cp;
        for (auto& x : cl) cp.push_back(&x);
        std::vector<float> logits(static_cast<std::size_t>(B) * V);
        std::uint64_t t = 1000;
        for (int i = 0; i < 3; ++i) {
            for (auto& id : ids) id = std::int32_t((t++ * 2654435761ull) % V);
            model->forward_batch(cp, ids, logits);
        }
        std::vector<float> s0 = cl.front().to_host(), sl = cl.back().to_host();
        if (a == 0) {
            ref_logits = logits;
            ref_s0 = s0;
            ref_sl = sl;
            continue;
        }
        double ml, m0, m1;
        std::size_t nl, n0, n1;
        bench::compare_values(logits, ref_logits, ml, nl);
        bench::compare_values(s0, ref_s0, m0, n0);
        bench::compare_values(sl, ref_sl, m1, n1);
        std::printf("check %-40s logits max|d| %.3g (%zu of %zu differ); state 0 %.3g (%zu), state %d %.3g (%zu)\n",
                    arms[a].name.c_str(), ml, nl, logits.size(), m0, n0, B - 1, m1, n1);
    }

    const TokenSampling sampling{1.0f, 0.3f};
    std::vector<std::uint64_t> rng(static_cast<std::size_t>(B));
    for (std::size_t b = 0; b < rng.size(); ++b) rng[b] = 0x9E3779B97F4A7C15ull + b;
    std::vector<std::int32_t> next(static_cast<std::size_t>(B));
    auto step = [&] {
        next_ids();
        model->forward_batch_sample(ptrs, ids, {&sampling, 1}, rng, next);
    };
    std::vector<std::vector<double>> ms(arms.size());
    for (int r = 0; r < rounds; ++r) {
        for (std::size_t i = 0; i < arms.size(); ++i) {
            const std::size_t a = (i + std::size_t(r)) % arms.size();
            apply_knob_arm(arms[a], names);
            for (int w = 0; w < 3; ++w) step();
            const auto t0 = std::chrono::steady_clock::now();
            for (int k = 0; k < steps; ++k) step();
            ms[a].push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() /
                            steps);
        }
    }
    for (std::size_t a = 0; a < arms.size(); ++a) {
        std::vector<double> tail(ms[a].begin() + (rounds > 1 ? 1 : 0), ms[a].end()), diff;
        for (int r = (rounds > 1 ? 1 : 0); r < rounds; ++r) diff.push_back(ms[a][std::size_t(r)] - ms[0][std::size_t(r)]);
        std::printf("%-44s", arms[a].name.c_str());
        for (double x : ms[a]) std::printf(" %.4f", x);
        const double m = median(tail);
        std::printf(" | median %.4f ms (%.0f tok/s)", m, B * 1e3 / m);
        if (a > 0)
            std::printf(" | vs base %+.4f (per round %+.4f..%+.4f)", median(diff),
                        *std::min_element(diff.begin(), diff.end()), *std::max_element(diff.begin(), diff.end()));
        std::printf("\n");
    }
    return 0;
}
