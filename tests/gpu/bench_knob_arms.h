// Same-process A/B of recording-time knobs (bench_vulkan_batch_ab, bench_vulkan_prefill_ab, bench_vulkan_step_ab):
// the arms an environment spec names, setting one arm's variables, and comparing arms' results. Bench-only code.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "rwkv/bench.h"
#include "rwkv/model.h"

namespace rwkv::bench {

/// One arm: its label and the variables it sets (every variable any arm names is unset in the arms that do not).
struct KnobArm {
    std::string name;
    std::vector<std::pair<std::string, std::string>> env;
};

/// Arms of a spec "ARM;ARM;...", each ARM "[NAME:]VAR=VALUE,VAR=VALUE" ("base", "lora0:RWKV_VK_PREFILL_LORA=0").
/// Unnamed arms are labelled by their variables ("VAR=VALUE,VAR=VALUE"); an ARM that sets none ("base") by its own
/// text. Empty ARMs are skipped; an item without '=' sets nothing. `names` collects every variable named.
inline std::vector<KnobArm> parse_knob_arms(const std::string& spec, std::set<std::string>& names) {
    std::vector<KnobArm> arms;
    std::stringstream ss(spec);
    std::string item;
    while (std::getline(ss, item, ';')) {
        if (item.empty()) continue;
        KnobArm a;
        const auto colon = item.find(':');
        const bool named = colon != std::string::npos && colon < item.find('=');
        std::stringstream es(named ? item.substr(colon + 1) : item);
        std::string kv;
        while (std::getline(es, kv, ',')) {
            const auto eq = kv.find('=');
            if (eq == std::string::npos) continue;
            a.env.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
            names.insert(kv.substr(0, eq));
        }
        if (named) {
            a.name = item.substr(0, colon);
        } else if (a.env.empty()) {
            a.name = item;  // "base", or a bare label
        } else {
            for (const auto& [k, v] : a.env) a.name += (a.name.empty() ? "" : ",") + k + "=" + v;
        }
        arms.push_back(std::move(a));
    }
    return arms;
}

/// Unsets every variable in `names`, then sets `arm`'s.
inline void apply_knob_arm(const KnobArm& arm, const std::set<std::string>& names) {
    for (const auto& n : names) unsetenv(n.c_str());
    for (const auto& [k, v] : arm.env) setenv(k.c_str(), v.c_str(), 1);
}

/// A model of random fp16 weights of a preset shape ("7.2b", "tiny", ...) on `backend`.
inline std::unique_ptr<Model> random_fp16_model(const std::string& preset, const std::string& backend = "vulkan:0") {
    RandomWeightsOptions ro;
    ro.shape = preset_shape(preset);
    ro.dtype = DType::F16;
    LoadOptions lo;
    lo.backend = backend;
    lo.weight_dtype = DType::F16;
    return Model::from_weights(make_random_weights(ro), lo);
}

/// Median (the mean of the two middle values for an even count; 0 for none).
inline double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : (v[(v.size() - 1) / 2] + v[v.size() / 2]) / 2;
}

/// Largest |x - y| over equal-length vectors (infinity where a difference is NaN) and the count of elements that differ.
inline void compare_values(const std::vector<float>& x, const std::vector<float>& y, double& max_diff,
                           std::size_t& n_diff) {
    max_diff = 0;
    n_diff = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double d = std::fabs(double(x[i]) - double(y[i]));
        if (x[i] != y[i] || std::isnan(d)) ++n_diff;
        max_diff = std::isnan(d) ? INFINITY : std::max(max_diff, d);
    }
}

}  // namespace rwkv::bench
