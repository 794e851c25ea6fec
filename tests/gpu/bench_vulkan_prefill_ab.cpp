// Same-process A/B of the Vulkan rows path's prefill (not a test: run by hand on a GPU). Random weights of one size
// (AB_SIZE, default 7.2b; fp16), one prompt of T tokens (argv[2], default 1,024) in one chunk through
// Model::forward, as `rwkv-cli bench --prompt T` times it (wall clock with the head and the logits copy). Modes
// AB_MODES = "name:ENV=V,ENV=V;name:..." (the first is the reference; every variable named by any mode is unset in the
// modes that do not name it): the rows path keys its recorded passes by its recording knobs (vk_rows.cpp), so each
// mode records its own pass in this process. First every mode's logits and state after the prompt from a fresh
// state against the first mode's (max |d| scaled and the count of differing values), then AB_WARM (default 1)
// uncounted rounds and `rounds` (argv[1], default 5) counted rounds with the modes in rotated order, each 1 warm-up
// + 3 timed calls from fresh states; per mode the median over counted rounds of each round's median and every
// counted round's difference to the first mode. Before each mode's calls of a round, "ab mode NAME round R" on stderr
// (with RWKV_VK_ROWS_PROFILE=1 the profile tables that follow are that mode's; R < 0: warm rounds).
// Usage: bench_vulkan_prefill_ab [rounds] [T] [backend]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "bench_knob_arms.h"
#include "rwkv/bench.h"
#include "rwkv/model.h"

namespace {

using Mode = rwkv::bench::KnobArm;

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    using Clock = std::chrono::steady_clock;
    const int rounds = argc > 1 ? std::atoi(argv[1]) : 5;
    const int T = argc > 2 ? std::atoi(argv[2]) : 1024;
    const std::string backend = argc > 3 ? argv[3] : "vulkan:0";
    const char* size = std::getenv("AB_SIZE");
    std::set<std::string> vars;
    const char* modes_env = std::getenv("AB_MODES");
    std::vector<Mode> modes = rwkv::bench::parse_knob_arms(modes_env ? modes_env : "head:", vars);
    auto apply = [&](const Mode& m) { rwkv::bench::apply_knob_arm(m, vars); };

    rwkv::RandomWeightsOptions ro;
    ro.shape = rwkv::preset_shape(size ? size : "7.2b");
    ro.dtype = rwkv::DType::F16;
    const auto t0 = Clock::now();
    rwkv::LoadOptions lo;
    lo.backend = backend;
    lo.weight_dtype = rwkv::DType::F16;
    auto model = rwkv::Model::from_weights(rwkv::make_random_weights(ro), lo);
    std::printf("model %s on %s (%s), loaded in %.1f s\n", ro.shape.to_string().c_str(), model->device_name().c_str(),
                backend.c_str(), std::chrono::duration<double>(Clock::now() - t0).count());
    const int V = model->shape().vocab_size;
    std::vector<std::int32_t> prompt(static_cast<std::size_t>(T));
    for (int i = 0; i < T; ++i) {
        std::uint64_t x = std::uint64_t(i) * 0x9E3779B97F4A7C15ull + 0x1234567ull;
        x ^= x >> 31;
        x *= 0xBF58476D1CE4E5B9ull;
        x ^= x >> 29;
        prompt[std::size_t(i)] = std::int32_t(x % std::uint64_t(V));
    }
    rwkv::ForwardOptions whole;
    whole.chunk_size = std::size_t(T);
    std::vector<float> logits(static_cast<std::size_t>(V));

    // Check: every mode against the first, from fresh states.
    std::vector<float> ref_l, ref_s;
    std::vector<Mode> ok;  // the modes whose first call ran (a mode that throws is dropped)
    for (std::size_t mi = 0; mi < modes.size(); ++mi) {
        apply(modes[mi]);
        rwkv::State st = model->new_state();
        try {
            model->forward(st, prompt, logits, whole);
        } catch (const std::exception& e) {
            std::printf("check %-12s FAILED: %s (dropped)\n", modes[mi].name.c_str(), e.what());
            continue;
        }
        ok.push_back(modes[mi]);
        const std::vector<float> s = st.to_host();
        if (ok.size() == 1) {
            ref_l = logits;
            ref_s = s;
            std::printf("check %-12s (reference)\n", modes[mi].name.c_str());
            continue;
        }
        double dl = 0, ds = 0, ml = 0;
        std::size_t nl = 0, ns = 0;
        for (std::size_t i = 0; i < logits.size(); ++i) {
            const double d = std::fabs(double(logits[i]) - ref_l[i]);
            dl = std::max(dl, std::isnan(d) ? 1e30 : d);
            ml = std::max(ml, double(std::fabs(ref_l[i])));
            nl += logits[i] != ref_l[i];
        }
        for (std::size_t i = 0; i < s.size(); ++i) {
            const double d = std::fabs(double(s[i]) - ref_s[i]) / (1.0 + std::fabs(ref_s[i]));
            ds = std::max(ds, std::isnan(d) ? 1e30 : d);
            ns += s[i] != ref_s[i];
        }
        std::printf("check %-12s logits max|d| %.3g (max|logit| %.3g, %zu of %zu differ), state max|d|/(1+|g|) %.3g "
                    "(%zu of %zu differ)\n",
                    modes[mi].name.c_str(), dl, ml, nl, logits.size(), ds, ns, s.size());
    }
    std::fflush(stdout);

    // Timing: AB_WARM (default 1) uncounted rounds of every mode first (the first calls of a process ran slower
    // than the later ones whichever mode came first: docs/perf/vulkan-rows.md "v28", "v28b"), then rotated rounds.
    modes = ok;
    const std::size_t n = modes.size();
    const char* warm_env = std::getenv("AB_WARM");
    const int warm = warm_env ? std::atoi(warm_env) : 1;
    std::vector<std::vector<double>> per(n);  // per mode: each counted round's median ms
    for (int r = -warm; r < rounds; ++r) {
        for (std::size_t j = 0; j < n; ++j) {
            const std::size_t mi = (j + std::size_t(r + warm)) % n;
            apply(modes[mi]);
            // Marks whose calls follow on stderr (RWKV_VK_ROWS_PROFILE=1 tables: the stages per mode).
            std::fprintf(stderr, "ab mode %s round %d\n", modes[mi].name.c_str(), r);
            std::vector<double> ms;
            for (int c = 0; c < 4; ++c) {
                rwkv::State st = model->new_state();
                const auto a = Clock::now();
                model->forward(st, prompt, logits, whole);
                const double t = std::chrono::duration<double, std::milli>(Clock::now() - a).count();
                if (c > 0) ms.push_back(t);
            }
            if (r >= 0) per[mi].push_back(median(ms));
        }
    }
    std::printf("\n%-12s %10s %9s %21s  %s\n", "mode", "median ms", "tok/s", "range", "per round vs first (ms)");
    for (std::size_t mi = 0; mi < n; ++mi) {
        const double med = median(per[mi]);
        const auto [lo_it, hi_it] = std::minmax_element(per[mi].begin(), per[mi].end());
        std::printf("%-12s %10.3f %9.1f %10.3f-%-10.3f ", modes[mi].name.c_str(), med, T / med * 1e3, *lo_it, *hi_it);
        for (int r = 0; r < rounds; ++r) std::printf(" %+.3f", per[mi][std::size_t(r)] - per[0][std::size_t(r)]);
        std::printf("\n");
    }
    return 0;
}
