// vk_int8_test_util.h — what test_vulkan_int8.cpp and test_vulkan_int8_dot.cpp share: the int8 tolerances, the tiny
// models loaded with int8 weights (whole, or for the step alone), token ids, an environment variable set for a scope,
// bit-equality, a golden case run prefilled or token by token, a trace of logits, the goldens checked under a config,
// and the integer dot product's config and whether a model ran it.
#pragma once

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>

#include "engine/golden.h"
#include "engine/model_calls.h"
#include "rwkv/bench.h"
#include "rwkv/error.h"
#include "rwkv/model.h"
#include "rwkv/weights.h"
#include "vulkan/vk_context.h"
#include "vulkan/vk_kernels.h"
#include "vulkan/vk_model.h"
#include "vk_test_model.h"

namespace vk_int8_test {

using golden::error_code_of;
using golden::forward_logits;
using golden::testdata;

constexpr double kGoldenLogitTol = 0.5;  // CUDA's int8 bound (issue 4)
constexpr double kGoldenStateTol = 1.0;  // scaled by (1 + |golden|)
// Prefill / batched rows (the GEMMs read q * s rounded to fp16: 2^-12 relative per weight) against the step (q * x
// summed in fp32, times s): the fp16 rounding of the weights, the fp16 model's golden tolerance.
constexpr double kRowsTol = 0.05;
// Vulkan int8 vs CPU int8: each is within kGoldenLogitTol of the fp64 golden, but the CPU also rounds activations
// to int8 and its scales per 64 weights to fp16, so the two differ by the CPU's activation rounding, about the size
// of the CPU's own golden error (~0.2, test_cpu_fast int8MatchesGoldens); measured below (qInfo), bound 0.5.
constexpr double kCpuTol = 0.5;
// The dot-product matvec (x quantized to int16 per 16 columns) against the float word path on the same int8 weights.
// In a matvec y = W x, x's quantization moves y[r] by at most 0.5 / 32512 sum_k m_k |W[r] on chunk k|_1 (m_k: the
// chunk's max |x|), the int8 weights' own by at most 0.5 / 127 max_c |W[r][c]| |x|_1, which moves the logits by at
// most kGoldenLogitTol. To first order the logits move linearly with such perturbations (the same products, the same
// layers after them), so x's moves them by at most kGoldenLogitTol * 127 / 32512 * K, K = (mean_k m_k / mean |x|) /
// (max |W[r]| / mean |W[r]|): ~1 for Gaussian x and rows, but activations are heavier-tailed than weights (a chunk's
// max is more often far above its typical value), so K = 8 is allowed: 0.0156. Measured on lavapipe, 24 decode steps:
// tiny 3.6e-5, random L3-D128 up to 0.0023 (K ~ 3.5 against its int8 golden error 0.17); the fp32 summation order
// alone (subgroup against shared-memory sums) 1.7e-5. The states: the same bound, scaled by (1 + |value|).
constexpr double kDotTol = kGoldenLogitTol * 127.0 / 32512.0 * 8;

// The random L3-D128 model's vocabulary in the checks that compare two forms on it bit for bit or batched against
// single decodes (vk_test_model.h read_weights): its layers whole, the head 1,000 rows (a 40-column edge tile of the
// GEMM), where the 65,536-row batched head took ~3 CPU-seconds a step on lavapipe. The goldens run the whole head.
constexpr int kCutVocab = 1000;

inline std::unique_ptr<rwkv::Model> load_i8(const std::string& file, const rwkv::vk::ModelConfig& cfg = {}, int vocab = 0) {
    rwkv::LoadOptions o;
    o.backend = "vulkan";
    o.weight_dtype = rwkv::DType::I8;
    return rwkv::make_vulkan_model(vktest::read_weights(file, vocab), o, cfg);
}

// The same weights for token-by-token runs: rows_prefill 0, so one forward() of many tokens runs each through the
// recorded step and the head once, after the last (vk_model.cpp forward); one forward() per token ran the random
// model's 65536-row head after every token, most of the time on lavapipe (until session 39).
inline std::unique_ptr<rwkv::Model> load_i8_steps(const std::string& file, rwkv::vk::ModelConfig cfg = {}, int vocab = 0) {
    cfg.rows_prefill = 0;
    return load_i8(file, cfg, vocab);
}

inline std::vector<std::int32_t> ids_of(int n, int salt, int vocab) {
    std::vector<std::int32_t> v;
    for (int i = 0; i < n; ++i) v.push_back((i * 37 + salt * 101 + 11) % vocab);
    return v;
}

// An environment variable set (value) or unset (nullptr) for a scope, restored after.
struct ScopedEnv {
    const char* name;
    bool had;
    QByteArray old;
    ScopedEnv(const char* n, const char* value) : name(n), had(qEnvironmentVariableIsSet(n)), old(qgetenv(n)) {
        if (value)
            qputenv(name, value);
        else
            qunsetenv(name);
    }
    ~ScopedEnv() {
        if (had)
            qputenv(name, old);
        else
            qunsetenv(name);
    }
};

inline bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

inline bool all_finite(const std::vector<float>& v) {
    return std::all_of(v.begin(), v.end(), [](float x) { return std::isfinite(x); });
}

// One golden case: its ids (the continuation case from the 'en' golden state) on a fresh state, in one forward() of
// `chunk`-token pieces.
inline std::pair<std::vector<float>, std::vector<float>> run_case(rwkv::Model& m, const nlohmann::json& c, std::size_t chunk) {
    rwkv::State s = m.new_state();
    std::vector<std::int32_t> ids = c["token_ids"].get<std::vector<std::int32_t>>();
    if (c["id"] == "en_then_zh_ids") {
        s.from_host(golden::read_f32(testdata("golden/rand-L3-D128__en.state.f32")));
        ids.erase(ids.begin(), ids.begin() + 25);
    }
    const std::vector<float> logits = forward_logits(m, s, ids, chunk);
    return {logits, s.to_host()};
}

// Prefill (20 tokens in two chunks, 11 and 6 in one each: rows buckets 16, 4, 16, 8), decode, and a batched step of
// 3 sequences: every logit and state, for bit comparisons. (Until session 41 prefixes of 20, 27 and 34 tokens: 7
// rows-path calls instead of 4 for the same forms; a rows call of the tiny model takes ~0.5 CPU-seconds on lavapipe,
// and 21 traces of it run.)
inline std::vector<float> trace(rwkv::Model& m) {
    const int V = m.shape().vocab_size;
    std::vector<float> out;
    std::vector<rwkv::State> st;
    for (int b = 0; b < 3; ++b) {
        st.push_back(m.new_state());
        auto l = forward_logits(m, st.back(), ids_of(b == 0 ? 20 : b == 1 ? 11 : 6, b, V), 16);
        out.insert(out.end(), l.begin(), l.end());
        l = forward_logits(m, st.back(), {std::int32_t((5 + b) % V)});
        out.insert(out.end(), l.begin(), l.end());
    }
    std::vector<rwkv::State*> ptrs = {&st[0], &st[1], &st[2]};
    std::vector<float> logits(3 * std::size_t(V));
    m.forward_batch(ptrs, std::vector<std::int32_t>{1, 2, 3}, logits);
    out.insert(out.end(), logits.begin(), logits.end());
    for (auto& s : st) {
        const auto h = s.to_host();
        out.insert(out.end(), h.begin(), h.end());
    }
    return out;
}

// Vulkan int8 with `cfg` on every golden (prefill and token by token; `step_only`: token by token alone); with
// `bits_of` (another config) every prefill's logits and state bit-identical to that config's too. Token by token: one
// forward() of the whole prompt through the step (load_i8_steps); only the last token's logits are compared.
// `prefilled`: each case's prefill logits by "file:id" (agreesWithCpuInt8 compares the default config's with the CPU's).
using PrefillLogits = std::map<std::string, std::vector<float>>;
inline void check_goldens(const rwkv::vk::ModelConfig& cfg, const rwkv::vk::ModelConfig* bits_of = nullptr,
                   bool step_only = false, PrefillLogits* prefilled = nullptr) {
    const auto idx = golden::index();
    int checked = 0;
    for (const auto& [model, info] : idx["models"].items()) {
        const std::string file = info["files"][0];
        // tiny-fp16bin: the tiny model's weights from rwkv.cpp's fp16 .bin; quantised at load from fp32 like any
        // file's (vk_weights.cpp rows_to_i8), its fp16 tensors uploaded as test_vulkan_forward's goldens do: the same
        // shaders on the same shapes as "tiny", with 268 more tokens through lavapipe's step each time.
        if (model == "tiny-fp16bin" || !std::filesystem::exists(testdata(file))) continue;
        auto m = step_only ? nullptr : load_i8(file, cfg);
        auto step = load_i8_steps(file, cfg);
        auto ref = bits_of ? load_i8(file, *bits_of) : nullptr;
        QCOMPARE(step->weight_dtype(), rwkv::DType::I8);
        if (m) QCOMPARE(m->weight_dtype(), rwkv::DType::I8);
        for (const auto& c : idx["cases"]) {
            if (c["model"] != model) continue;
            const auto gl = golden::read_f32(testdata("golden/" + std::string(c["logits_file"])));
            const auto gs = golden::read_f32(testdata("golden/" + std::string(c["state_file"])));
            const int gtop = c["top5_ids"][0].get<int>();
            std::vector<float> modes[2];
            for (int mode = step_only ? 1 : 0; mode < 2; ++mode) {  // 0: prefill through the rows path, 1: token by token
                const auto [logits, state] = mode == 0 ? run_case(*m, c, 256) : run_case(*step, c, 256);
                const double dl = golden::max_abs_diff(logits, gl), ds = golden::max_scaled_diff(state, gs);
                const int top = int(std::max_element(logits.begin(), logits.end()) - logits.begin());
                const std::string tag = file + ":" + std::string(c["id"]) + (mode == 0 ? " prefill" : " step");
                qInfo("int8 %s: max|dlogit| %.3g, state %.3g, top1 %d (golden %d)", tag.c_str(), dl, ds, top, gtop);
                QVERIFY2(all_finite(logits) && all_finite(state), tag.c_str());
                QVERIFY2(dl <= kGoldenLogitTol, tag.c_str());
                QVERIFY2(ds <= kGoldenStateTol, tag.c_str());
                if (file.find("rand-") == 0)
                    QVERIFY2(logits[std::size_t(gtop)] >= logits[std::size_t(top)] - 0.5, tag.c_str());
                else
                    QCOMPARE(top, gtop);
                modes[mode] = logits;
                if (prefilled && mode == 0) (*prefilled)[file + ":" + std::string(c["id"])] = logits;
                if (ref && mode == 0) {
                    const auto [rl, rs] = run_case(*ref, c, 256);
                    QVERIFY2(same_bits(logits, rl) && same_bits(state, rs), tag.c_str());
                }
            }
            if (!step_only) {
                const double dm = golden::max_abs_diff(modes[0], modes[1]);
                qInfo("int8 %s: prefill vs token by token %.3g", std::string(c["id"]).c_str(), dm);
                QVERIFY(dm <= kRowsTol);
            }
            ++checked;
        }
    }
    QVERIFY(checked >= 8);
}

// The wide int8 matvec by the integer dot product (tests: RWKV_VK_MATVEC=wide, as on GPUs; lavapipe defaults to
// per-row), `rows` rows per workgroup (0: default), subgroup reductions `sg`.
inline rwkv::vk::ModelConfig dot_config(int sg = -1, std::uint32_t rows = 0, int dot = 1) {
    rwkv::vk::ModelConfig c;
    c.matvec = "wide";
    c.subgroup = sg;
    c.int8_dot = dot;
    c.int8_dot_rows = rows;
    return c;
}

inline bool has_dot(const rwkv::Model& m) {
    return rwkv::vk::model_stats(m).kernels.find(", int8 matvec dot/") != std::string::npos;
}

inline bool contains(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

}  // namespace vk_int8_test
