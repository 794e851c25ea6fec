// Same-process A/B of recording-time knobs of the Vulkan token step (batch-1 decode through Model::forward, one
// token per call, as `rwkv-cli bench --batch 1` times it: the step, the head and the logits copy). Not a test: run by
// hand on a GPU. The step is recorded again whenever another State runs (vk_model.cpp record_step_for), so every arm
// decodes its own State and each switch of arm re-records the step with that arm's environment.
// Usage: bench_vulkan_step_ab [preset (7.2b)] [rounds (6)] [tokens per round (64)]
// AB_ARMS = arms separated by ';', each "[NAME:]VAR=VALUE,VAR=VALUE" or "base" (bench_knob_arms.h); default "base".
// First a check: every arm decodes the same 8 tokens from a clone of one state; its logits and state against arm
// 0's (max |d| and the count of values that differ). Then per round every arm, in an order rotated by the round:
// 3 untimed + `tokens` timed forward() calls, wall ms per token. Prints per arm every round, the median of rounds
// 2.. and its difference to arm 0's, paired by round, and its mean by the parity of the step's recording count.
// The parity (the recording at load counted as the first): on the H200 (driver 580.159.04) blocks timed on an
// odd-numbered recording of the step ran 0.02 ms per token slower than blocks on an even-numbered one, whatever the
// arm (docs/perf/vulkan-decode.md "B=1 v18"), and with two arms the rotation gives each arm one parity for good. So
// by default (AB_PAD=1) a token of a spare State is run first where the arm's recording would be odd-numbered: every
// block runs on an even-numbered recording, as `rwkv-cli bench` does (its State's is the second). AB_PAD=0: no spare.
// Since "B=1 v19" the model itself makes every recording of the step's command buffer even-numbered (vk_model.cpp
// record_step_even; the parity of that command buffer's recordings was the cause), so the padding and the parity
// columns only matter for a build before it.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "bench_knob_arms.h"
#include "rwkv/bench.h"
#include "rwkv/model.h"
#include "rwkv/state.h"

using namespace rwkv;

int main(int argc, char** argv) {
    using Clock = std::chrono::steady_clock;
    const std::string preset = argc > 1 ? argv[1] : "7.2b";
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 6;
    const int tokens = argc > 3 ? std::atoi(argv[3]) : 64;
    std::set<std::string> names;
    const char* arms_env = std::getenv("AB_ARMS");
    const std::vector<bench::KnobArm> arms = bench::parse_knob_arms(arms_env ? arms_env : "base", names);

    const auto t0 = Clock::now();
    std::unique_ptr<Model> model = bench::random_fp16_model(preset);
    const std::size_t V = std::size_t(model->shape().vocab_size);
    std::printf("%s on %s, loaded in %.1f s; %zu arms, %d rounds x %d tokens\n", preset.c_str(),
                model->device_name().c_str(), std::chrono::duration<double>(Clock::now() - t0).count(), arms.size(),
                rounds, tokens);

    std::uint64_t tok = 1;
    auto next_id = [&] { return std::int32_t((tok++ * 2654435761ull) % V); };
    std::vector<float> logits(V);
    State seed = model->new_state();
    for (int i = 0; i < 4; ++i) {  // a few tokens into the state every arm starts from
        const std::int32_t id = next_id();
        model->forward(seed, {&id, 1}, logits);
    }

    std::vector<float> ref_logits, ref_state;
    for (std::size_t a = 0; a < arms.size(); ++a) {
        bench::apply_knob_arm(arms[a], names);
        State st = seed.clone();
        std::uint64_t t = 1000;
        for (int i = 0; i < 8; ++i) {
            const std::int32_t id = std::int32_t((t++ * 2654435761ull) % V);
            model->forward(st, {&id, 1}, logits);
        }
        std::vector<float> s = st.to_host();
        const Model::FfnActivity act = model->ffn_activity();
        if (a == 0) {
            ref_logits = logits;
            ref_state = std::move(s);
            std::printf("check %-40s (reference) FFN density so far %.4f\n", arms[a].name.c_str(),
                        act.total ? double(act.active) / double(act.total) : 0.0);
            continue;
        }
        double ml, ms;
        std::size_t nl, ns;
        bench::compare_values(logits, ref_logits, ml, nl);
        bench::compare_values(s, ref_state, ms, ns);
        std::printf("check %-40s logits max|d| %.3g (%zu of %zu differ); state max|d| %.3g (%zu of %zu)\n",
                    arms[a].name.c_str(), ml, nl, logits.size(), ms, ns, s.size());
    }

    std::vector<State> states;
    for (std::size_t a = 0; a < arms.size(); ++a) states.push_back(seed.clone());
    State spare = seed.clone();
    const char* pad_env = std::getenv("AB_PAD");
    const bool pad = !(pad_env && std::atoi(pad_env) == 0);
    // Recordings of the step counted as the model makes them: one at load, then one whenever another State runs
    // (the seed's, and each check arm's clone above).
    std::size_t recordings = 2 + arms.size();
    const State* last = nullptr;  // the last check's clone: another State than any below
    auto step = [&](State& st) {
        if (&st != last) ++recordings;
        last = &st;
        const std::int32_t id = next_id();
        model->forward(st, {&id, 1}, logits);
    };
    std::vector<std::vector<double>> ms(arms.size());
    std::vector<std::vector<int>> parity(arms.size());
    std::vector<double> density(arms.size(), 0.0);
    for (int r = 0; r < rounds; ++r) {
        for (std::size_t i = 0; i < arms.size(); ++i) {
            const std::size_t a = (i + std::size_t(r)) % arms.size();
            bench::apply_knob_arm(arms[a], names);
            if (pad && (recordings + (last != &states[a] ? 1 : 0)) % 2 == 1) step(spare);
            for (int w = 0; w < 3; ++w) step(states[a]);
            parity[a].push_back(int(recordings % 2));
            const Model::FfnActivity a0 = model->ffn_activity();
            const auto ts = Clock::now();
            for (int k = 0; k < tokens; ++k) {
                const std::int32_t id = next_id();
                model->forward(states[a], {&id, 1}, logits);
            }
            ms[a].push_back(std::chrono::duration<double, std::milli>(Clock::now() - ts).count() / tokens);
            const Model::FfnActivity a1 = model->ffn_activity();
            if (a1.total > a0.total) density[a] = double(a1.active - a0.active) / double(a1.total - a0.total);
        }
    }
    for (std::size_t a = 0; a < arms.size(); ++a) {
        const int first = rounds > 1 ? 1 : 0;
        std::vector<double> tail(ms[a].begin() + first, ms[a].end()), diff;
        for (int r = first; r < rounds; ++r) diff.push_back(ms[a][std::size_t(r)] - ms[0][std::size_t(r)]);
        std::printf("%-44s", arms[a].name.c_str());
        for (double x : ms[a]) std::printf(" %.4f", x);
        const double m = bench::median(tail);
        std::printf(" | median %.4f ms (%.1f tok/s), density %.4f", m, 1e3 / m, density[a]);
        if (a > 0)
            std::printf(" | vs arm 0 %+.4f (per round %+.4f..%+.4f)", bench::median(diff),
                        *std::min_element(diff.begin(), diff.end()), *std::max_element(diff.begin(), diff.end()));
        double sum[2] = {0, 0};
        int n[2] = {0, 0};
        for (int r = first; r < rounds; ++r) {
            sum[parity[a][std::size_t(r)]] += ms[a][std::size_t(r)];
            ++n[parity[a][std::size_t(r)]];
        }
        std::printf(" | mean on even / odd recordings");
        for (int k : {0, 1}) n[k] ? std::printf(" %.4f (%d)", sum[k] / n[k], n[k]) : std::printf(" - (0)");
        std::printf("\n");
    }
    return 0;
}
