// The Vulkan rows path with its tensor-core GEMM (kernels/vulkan/gemm_coop.comp, GL_NV_cooperative_matrix) against
// the fallback GEMM (gemm.comp) and the recorded token step, on whatever Vulkan device is present. Plain C++ (the
// GPU machine has no Qt; tests/vulkan/test_vulkan_rows is the Qt twin that CI runs on lavapipe, where there is no
// cooperative matrix). Checks, on the rand model (C 128, V 65536) with fp16 weights:
//   * a 70-token prefill (rows path, coop when the device has it) == token by token through the step;
//   * the same prefill == the fallback GEMM (RWKV_VK_COOP=0 hides the extension);
//   * the FFN hidden rows stored [F, M] (gemm_coop_ht): forced here, within the tolerance; by default on a random
//     model of the 0.1B width (where it runs), bit for bit the rows [M, F] form;
//   * batched decode of 5 sequences (prefixes of 0-23 tokens) for 3 steps == single decodes, states too;
//   * batched decode of 64 sequences (M = 64: K split over workgroups, summed by the last split) == single decodes;
//   * that split is deterministic (the same batch twice is bit-identical) and agrees with the unsplit GEMM;
//   * the device sampler (sample.comp) against the host's sample_token: tests/engine/sample_rows_check.h.
// Tolerance: max |d| / (1 + |ref|) <= 5e-2, the goldens' logit tolerance (the coop GEMM rounds the activation rows
// to fp16; measured on the H200: prefill 2.9e-3, B=64 vs single 1.7e-2, split vs unsplit 5.1e-3), no NaN/Inf.
// Data: $RWKV_TESTDATA_DIR or the configured testdata folder. Exit 77 without a usable Vulkan device. Prints whether
// the coop GEMM was in use (a device without it runs the fallback twice).
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "engine/sample_rows_check.h"
#include "gpu_check.h"
#include "random_host_weights.h"
#include "rwkv/error.h"
#include "rwkv/model.h"
#include "vulkan/vk_context.h"
#include "vulkan/vk_model.h"

using gpucheck::check;

namespace {

constexpr double kTol = 5e-2;

std::string data(const std::string& rel) {
    const char* d = std::getenv("RWKV_TESTDATA_DIR");
    return std::string(d && *d ? d : RWKV_TESTDATA_DIR) + "/" + rel;
}

std::unique_ptr<rwkv::Model> load(int rows_prefill, bool coop, bool split = true) {
    if (coop)
        unsetenv("RWKV_VK_COOP");
    else
        setenv("RWKV_VK_COOP", "0", 1);
    if (split)
        unsetenv("RWKV_VK_COOP_SPLIT");
    else
        setenv("RWKV_VK_COOP_SPLIT", "0", 1);
    rwkv::LoadOptions o;
    o.backend = "vulkan";
    o.weight_dtype = rwkv::DType::F16;
    rwkv::vk::ModelConfig cfg;
    cfg.rows_prefill = rows_prefill;
    auto m = rwkv::make_vulkan_model(rwkv::load_weights(data("rand-rwkv7-L3-D128.safetensors")), o, cfg);
    unsetenv("RWKV_VK_COOP");
    unsetenv("RWKV_VK_COOP_SPLIT");
    return m;
}

std::vector<float> run(rwkv::Model& m, rwkv::State& s, const std::vector<std::int32_t>& ids) {
    std::vector<float> logits(std::size_t(m.shape().vocab_size));
    m.forward(s, ids, logits);
    return logits;
}

std::vector<std::int32_t> ids_of(int n, int salt, int vocab) {
    std::vector<std::int32_t> v;
    for (int i = 0; i < n; ++i) v.push_back((i * 37 + salt * 101 + 11) % vocab);
    return v;
}

double scaled_diff(const std::vector<float>& a, const std::vector<float>& ref) {
    if (a.size() != ref.size()) return INFINITY;
    double m = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!std::isfinite(a[i])) return INFINITY;
        m = std::max(m, std::fabs(double(a[i]) - double(ref[i])) / (1.0 + std::fabs(double(ref[i]))));
    }
    return m;
}

std::string fmt(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.3g", v);
    return b;
}

// B sequences with prefixes of `lengths` tokens, 3 batched steps (the middle one without logits) vs single runs.
void batched_vs_single(rwkv::Model& m, const std::vector<int>& lengths, const std::string& tag) {
    const int V = m.shape().vocab_size;
    const std::size_t B = lengths.size();
    std::vector<rwkv::State> batch, single;
    for (std::size_t b = 0; b < B; ++b) {
        batch.push_back(m.new_state());
        if (lengths[b] > 0) run(m, batch.back(), ids_of(lengths[b], int(b) + 2, V));
        single.push_back(batch.back().clone());
    }
    std::vector<rwkv::State*> ptrs;
    for (auto& s : batch) ptrs.push_back(&s);
    std::vector<float> logits(B * std::size_t(V));
    double worst = 0, worst_state = 0;
    for (int step = 0; step < 3; ++step) {
        std::vector<std::int32_t> toks;
        for (std::size_t b = 0; b < B; ++b) toks.push_back((step * 13 + int(b) * 7 + 3) % V);
        m.forward_batch(ptrs, toks, step == 1 ? std::span<float>{} : std::span<float>(logits));
        for (std::size_t b = 0; b < B; ++b) {
            const auto want = run(m, single[b], {toks[b]});
            if (step == 1) continue;
            const std::vector<float> got(logits.begin() + std::ptrdiff_t(b * std::size_t(V)),
                                         logits.begin() + std::ptrdiff_t((b + 1) * std::size_t(V)));
            worst = std::max(worst, scaled_diff(got, want));
        }
    }
    for (std::size_t b = 0; b < B; ++b) worst_state = std::max(worst_state, scaled_diff(batch[b].to_host(), single[b].to_host()));
    check(worst <= kTol && worst_state <= kTol, tag + ": batched == single decodes (logits " + fmt(worst) + ", state " +
                                                    fmt(worst_state) + ")");
}

void run_all() {
    auto coop = load(1, true);
    const std::string kernels = rwkv::vk::model_stats(*coop).kernels;
    const bool uses = kernels.find("coop gemm") != std::string::npos;
    std::printf("device %s; kernels: %s\n", rwkv::vk::model_stats(*coop).device.c_str(), kernels.c_str());
    std::printf("coop GEMM in use: %s\n", uses ? "yes" : "no (the device lacks VK_NV_cooperative_matrix 16x16x16)");
    auto fallback = load(1, false);
    check(rwkv::vk::model_stats(*fallback).kernels.find("coop gemm") == std::string::npos,
          "RWKV_VK_COOP=0 selects the fallback GEMM");
    auto step = load(0, false);
    const int V = coop->shape().vocab_size;
    const auto ids = ids_of(70, 1, V);
    rwkv::State sc = coop->new_state(), sf = fallback->new_state(), ss = step->new_state();
    const auto lc = run(*coop, sc, ids), lf = run(*fallback, sf, ids), ls = run(*step, ss, ids);
    const double d_step = scaled_diff(lc, ls), d_fb = scaled_diff(lc, lf);
    const double s_step = scaled_diff(sc.to_host(), ss.to_host()), s_fb = scaled_diff(sc.to_host(), sf.to_host());
    check(d_step <= kTol && s_step <= kTol,
          "70-token prefill == token by token (logits " + fmt(d_step) + ", state " + fmt(s_step) + ")");
    check(d_fb <= kTol && s_fb <= kTol,
          "70-token prefill == fallback GEMM (logits " + fmt(d_fb) + ", state " + fmt(s_fb) + ")");
    // The FFN hidden rows stored [F, M] between the key and value GEMMs (gemm_coop_ht.comp, vk_rows.cpp). Forced
    // (RWKV_VK_FFN_HT=1) on this model (C = 128, F = 512: the row form splits K there, the [F, M] form does not, so
    // the sums differ in order): within the tolerance of the row form, all finite.
    {
        const auto ids300 = ids_of(300, 3, V);
        rwkv::State ha = coop->new_state(), hb = coop->new_state();
        setenv("RWKV_VK_FFN_HT", "0", 1);
        const auto lha = run(*coop, ha, ids300);
        setenv("RWKV_VK_FFN_HT", "1", 1);
        const auto lhb = run(*coop, hb, ids300);
        unsetenv("RWKV_VK_FFN_HT");
        const double d = scaled_diff(lhb, lha), ds = scaled_diff(hb.to_host(), ha.to_host());
        check(d <= kTol && ds <= kTol, "300-token prefill, FFN hidden rows [F, M] forced == rows [M, F] (logits " +
                                           fmt(d) + ", state " + fmt(ds) + ")");
    }
    // By default the [F, M] form runs only where neither GEMM splits K (both N > 512): there the same MMAs run in
    // the same order, so the prefill is bit for bit the row form's (a random 2-layer model of the 0.1B width).
    {
        rwkv::ModelShape s;
        s.n_layer = 2; s.n_embd = 768; s.n_head = 12; s.head_size = 64; s.vocab_size = 65536; s.dim_ffn = 3072;
        s.lora_w = 64; s.lora_a = 64; s.lora_v = 32; s.lora_g = 128;
        rwkv::LoadOptions o;
        o.backend = "vulkan";
        o.weight_dtype = rwkv::DType::F16;
        rwkv::vk::ModelConfig cfg;
        cfg.rows_prefill = 1;
        auto wide = rwkv::make_vulkan_model(random_host_weights(s, 5), o, cfg);
        const auto ids300 = ids_of(300, 4, s.vocab_size);
        rwkv::State ha = wide->new_state(), hb = wide->new_state();
        setenv("RWKV_VK_FFN_HT", "0", 1);
        const auto lha = run(*wide, ha, ids300);
        unsetenv("RWKV_VK_FFN_HT");
        const auto lhb = run(*wide, hb, ids300);
        const bool finite = scaled_diff(lhb, lha) < INFINITY;
        check(finite && lha == lhb && ha.to_host() == hb.to_host(),
              "0.1B-width 300-token prefill, FFN hidden rows [F, M] by default == rows [M, F], bit for bit");
    }
    // Continue decoding after the rows prefill: both models agree on the next token's logits.
    const auto nc = run(*coop, sc, {42}), nf = run(*fallback, sf, {42});
    check(scaled_diff(nc, nf) <= kTol, "decode after the prefill == fallback (" + fmt(scaled_diff(nc, nf)) + ")");
    batched_vs_single(*coop, {0, 1, 9, 23, 4}, "B=5");
    std::vector<int> lengths;
    for (int b = 0; b < 64; ++b) lengths.push_back(b % 7);
    batched_vs_single(*coop, lengths, "B=64 (split K)");
    // Split K (the last split of a tile sums the others' partials after an atomic ticket) is deterministic: the
    // same batch twice is bit-identical; and it agrees with the unsplit GEMM within the fp16 tolerance.
    auto nosplit = load(1, true, false);
    auto batch64 = [&](rwkv::Model& m, std::vector<float>& out) {
        std::vector<rwkv::State> st;
        std::vector<rwkv::State*> p;
        for (int i = 0; i < 64; ++i) st.push_back(m.new_state());
        for (auto& x : st) p.push_back(&x);
        out.assign(64 * std::size_t(V), 0.f);
        for (int step = 0; step < 3; ++step) {
            std::vector<std::int32_t> toks;
            for (int i = 0; i < 64; ++i) toks.push_back((step * 31 + i * 17 + 5) % V);
            m.forward_batch(p, toks, out);
        }
    };
    std::vector<float> la, la2, lb;
    batch64(*coop, la);
    batch64(*coop, la2);
    batch64(*nosplit, lb);
    check(la == la2, "B=64 split K: two identical runs are bit-identical");
    const double d = scaled_diff(la, lb);
    check(d <= kTol, "B=64: split K == no split (" + fmt(d) + ")");
}

}  // namespace

// The device sampler (sample.comp) on this device's driver: tests/engine/sample_rows_check.h, as
// tests/vulkan/test_vulkan_sample does on lavapipe.
void device_sampling() {
    auto m = load(1, true);
    const std::vector<float> probe(3, 0.0f);
    const rwkv::TokenSampling g{0.0f, 0.3f};
    if (rwkv::vk::sample_rows_for_test(*m, probe, 3, {&g, 1}, std::vector<double>{0.0}).empty()) {
        std::printf("device sampling: not available (no shaderFloat64 / shaderInt64): the host samples\n");
        return;
    }
    for (int V : {65536, 1003}) {
        const samplecheck::Rows rows = samplecheck::synthetic_rows(V);
        const auto ids = rwkv::vk::sample_rows_for_test(*m, rows.logits, std::size_t(V), rows.settings, rows.u);
        const samplecheck::Result r = samplecheck::compare(rows, ids);
        check(r.ok(), "sample kernel V=" + std::to_string(V) + ": " + r.summary());
    }
    const samplecheck::ModelResult r = samplecheck::model_check(*m, 64);
    check(r.ok(), "forward_batch_sample B=64: " + r.summary());
}

int main() {
    try {
        bool any = false;
        for (const auto& d : rwkv::vk::list_devices()) any = any || d.usable;
        if (!any) {
            std::printf("no usable Vulkan device: skipped\n");
            return gpucheck::kSkip;
        }
        run_all();
        device_sampling();
    } catch (const std::exception& e) {
        check(false, std::string("exception: ") + e.what());
    }
    return gpucheck::finish();
}
