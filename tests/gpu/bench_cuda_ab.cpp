// bench_cuda's kernel-version A/B benches (bench_cuda_common.h): --b1 (v13-v15 B=1 knobs), --int8, --batch
// (v16-v19 rows path, --b1lora: v17) and the --wkvprobe ncu target. Each alternates its settings in one process.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <cuda_runtime_api.h>
#include <nlohmann/json.hpp>

#include "bench_cuda_common.h"
#include "bench_cuda_probe.h"
#include "cuda/cuda_model.h"
#include "decode_b1.h"    // kernels/cuda
#include "matvec_i8dp.h"  // kernels/cuda
#include "rwkv/devices.h"
#include "rwkv/error.h"

namespace ck = rwkv::cuda_kernels;
using rwkv::cuda::check;

namespace bench_cuda {

// The models every batch-1 A/B runs, one at a time: 7.2B fp16, 7.2B int8, 13.3B fp16.
static const std::vector<std::pair<std::string, rwkv::DType>> kB1Models = {
    {"7.2b", rwkv::DType::F16}, {"7.2b", rwkv::DType::I8}, {"13.3b", rwkv::DType::F16}};

// The logits after 8 single-token steps (tokens 17, 4018, ...) on a fresh state, hashed (FNV-1a of their bits): two
// settings that must be bit-identical print the same hash.
static unsigned long long logits_hash_after_8_steps(rwkv::cuda::CudaModel& m, int vocab_size) {
    rwkv::State st = m.new_state();
    std::vector<float> lg(static_cast<std::size_t>(vocab_size));
    for (int k = 0; k < 8; ++k) {
        const std::int32_t tok = 17 + 4001 * k;
        m.forward(st, std::span<const std::int32_t>(&tok, 1), lg);
    }
    unsigned long long h = 1469598103934665603ull;
    for (float v : lg) {
        unsigned u;
        std::memcpy(&u, &v, 4);
        h = (h ^ u) * 1099511628211ull;
    }
    return h;
}

// v13-v15 A/B (--b1): B=1 decode with the sparse FFN settings (v31 modes, session 11's v34b / v40 / v41, v43; 4 x 100
// tokens each; the dense FFN too), the 4-row matvec masks and PDL off/on, each alternating 3 x 100 tokens per setting, for
// 7.2B fp16, 7.2B int8 and 13.3B fp16 (one model at a time); then the cost of each kernel kind inside the graph
// (session 8).
// RWKV_BENCH_B1=where (session 13): where the shipping B=1 graph's time goes, per launch kind, with the fusions kept
// (CudaModel::kSkipKeepFused): the default graph, the graph without one kind or a pair of kinds, and graphs that keep
// only one kind (a chain of 32 launches of that kind + the head), alternating, 4 x 60 tokens each; then "none" = the
// graph with every layer kernel left out (head, layer 0's ln_mix, the host's forward() around the graph).
static nlohmann::json bench_b1_where() {
    using CM = rwkv::cuda::CudaModel;
    nlohmann::json out = nlohmann::json::array();
    struct Set {
        const char* name;
        unsigned mask;
    };
    const unsigned K = CM::kSkipKeepFused, ALL = 2u | 8u | 16u | 32u | 64u;
    const std::vector<Set> sets = {
        {"full", 0u},           {"-rkv", K | 2u},        {"-wkv", K | 8u},          {"-rkv-wkv", K | 2u | 8u},
        {"-out", K | 16u},      {"-sparse", K | 64u},    {"-key-sparse", K | 32u | 64u},
        {"-wkv-out", K | 8u | 16u},
        {"only rkv", K | (ALL & ~2u)}, {"only wkv", K | (ALL & ~8u)}, {"only out", K | (ALL & ~16u)},
        {"only key", K | (ALL & ~32u)}, {"only key+sparse", K | 2u | 8u | 16u}, {"only rkv+wkv", K | 16u | 32u | 64u},
        {"none", K | ALL}};
    for (auto [name, dt] : std::vector<std::pair<std::string, rwkv::DType>>{{"7.2b", rwkv::DType::F16},
                                                                            {"7.2b", rwkv::DType::I8}}) {
        const rwkv::ModelShape s = shape_of(name);
        auto [m, st, logits] = warm_random_model(s, dt, 0.098);
        std::vector<std::vector<double>> t(sets.size());
        for (int r = 0; r < 4; ++r)
            for (std::size_t q = 0; q < sets.size(); ++q) {
                m->set_skip_mask(sets[q].mask);
                t[q].push_back(decode_ms(*m, st, 60));
            }
        m->set_skip_mask(0);
        const std::string label = name + (dt == rwkv::DType::I8 ? " int8" : " fp16");
        nlohmann::json row = {{"model", label}};
        const double full = median(t[0]);
        std::printf("%-10s B=1 where (ms per token; per layer = (full - x) / L in us):", label.c_str());
        for (std::size_t q = 0; q < sets.size(); ++q) {
            const double ms = median(t[q]);
            row[sets[q].name] = t[q];
            std::printf("\n    %-16s %.4f ms (%.4f-%.4f)  full - x = %.4f ms = %.2f us/layer", sets[q].name, ms,
                        *std::min_element(t[q].begin(), t[q].end()), *std::max_element(t[q].begin(), t[q].end()),
                        full - ms, 1000.0 * (full - ms) / s.n_layer);
        }
        std::printf("\n");
        out.push_back(row);
    }
    return out;
}

// RWKV_BENCH_B1=wkv (session 13, v44): the fused time-mix kernel with each head on 1 CTA (v17) or on a cluster of 4
// (set_wkv7_split), alternating, 6 x 100 tokens each; 7.2B fp16, int8 and 13.3B fp16; the logits hash of 8 steps per
// split (7.2B fp16). (Split 2, the output projection in 2-row groups and v44b's early trigger lost; removed.)
static nlohmann::json bench_b1_wkv(double copy_gbs) {
    nlohmann::json out = nlohmann::json::array();
    struct Set {
        const char* name;
        int split;
    };
    const std::vector<Set> sets = {{"split1", 1}, {"split4", 4}};
    for (const auto& [name, dt] : kB1Models) {
        const rwkv::ModelShape s = shape_of(name);
        const bool i8 = dt == rwkv::DType::I8;
        auto [m, st, logits] = warm_random_model(s, dt, 0.098);
        const auto a0 = m->ffn_activity();
        std::vector<std::vector<double>> t(sets.size());
        for (int r = 0; r < 6; ++r)
            for (std::size_t q = 0; q < sets.size(); ++q) {
                m->set_wkv7_split(sets[q].split);
                t[q].push_back(decode_ms(*m, st, 100));
            }
        const auto a1 = m->ffn_activity();
        for (int split : {1, 4}) {
            if (i8 || name != "7.2b") break;
            m->set_wkv7_split(split);
            std::printf("%-10s B=1 wkv7 split %d: logits hash %016llx after 8 steps\n", "7.2b fp16", split,
                        logits_hash_after_8_steps(*m, s.vocab_size));
        }
        m->set_wkv7_split(4);
        const double dens = measured_density(a0, a1);
        const double es = i8 ? 1.0 : 2.0;
        const double bytes = b1_bytes_per_token(s, es, dens);
        const double roof = copy_gbs * 1e9 / bytes;
        const std::string label = name + (i8 ? " int8" : " fp16");
        nlohmann::json row = {{"model", label}, {"density", dens}, {"roofline_tok_s", roof}};
        std::printf("%-10s B=1 wkv7 split A/B, tok/s (roofline %.0f, density %.3f):", label.c_str(), roof, dens);
        for (std::size_t q = 0; q < sets.size(); ++q) {
            const double ms = median(t[q]);
            row[std::string(sets[q].name) + "_ms"] = t[q];
            std::printf("  %s: %.1f (%.4f ms, %.4f-%.4f, %.1f%%)", sets[q].name, 1000.0 / ms, ms,
                        *std::min_element(t[q].begin(), t[q].end()), *std::max_element(t[q].begin(), t[q].end()),
                        100.0 * 1000.0 / ms / roof);
        }
        std::printf("\n");
        out.push_back(row);
    }
    return out;
}

// RWKV_BENCH_B1=parts (session 14, v45): the sparse FFN + next LayerNorm chain of the shipping B=1 graph by parts, from
// the poll kernel's %globaltimer stamps (CudaModel::set_sparse_stamps): 7.2B fp16 and int8, medians over layers
// 1..L-2 of 8 tokens, in us (the stamps' ticks are 256 ns on the H200). (The v45 A/B of the poll kernel's variants ran
// here; the winners are the kernel now, docs/perf/cuda-decode.md v45+.)
static nlohmann::json bench_b1_parts() {
    nlohmann::json out = nlohmann::json::array();
    const char* parts[] = {"start->chunk in", "rows", "partials polled", "pdl_wait", "x + stats round", "LN outputs",
                           "slice0 end->grid's last end", "slice0 chunk in->latest chunk in", "chunk 0 in->last chunk in",
                           "grid start->last chunk CTA start", "grid's last end->next layer's grid start",
                           "layer period (grid end to grid end)"};
    constexpr int kParts = 12;
    for (auto [name, dt] : std::vector<std::pair<std::string, rwkv::DType>>{{"7.2b", rwkv::DType::F16},
                                                                            {"7.2b", rwkv::DType::I8}}) {
        const rwkv::ModelShape s = shape_of(name);
        auto [m, st, logits] = warm_random_model(s, dt, 0.098);
        m->set_sparse_stamps(true);
        std::vector<float> lg(static_cast<std::size_t>(s.vocab_size));
        for (int k = 0; k < 5; ++k) {
            const std::int32_t tok = 11 + k;
            m->forward(st, std::span<const std::int32_t>(&tok, 1), lg);
        }
        std::vector<std::vector<double>> d(kParts);
        for (int k = 0; k < 8; ++k) {
            m->sparse_stamps();  // arm
            const std::int32_t tok = 100 + k;
            m->forward(st, std::span<const std::int32_t>(&tok, 1), lg);
            const auto v = m->sparse_stamps();
            for (int L = 1; L + 1 < s.n_layer; ++L) {
                const unsigned long long* a = v.data() + 16 * L;
                const unsigned long long* nx = a + 16;
                auto us = [](unsigned long long t1, unsigned long long t0) { return (double(t1) - double(t0)) / 1e3; };
                const double p[kParts] = {us(a[1], a[0]),   us(a[2], a[1]),   us(a[3], a[2]),    us(a[4], a[3]),
                                          us(a[5], a[4]),   us(a[6], a[5]),   us(a[13], a[6]),   us(a[14], a[1]),
                                          us(a[1], a[9]),   us(a[0], a[15]),  us(nx[15], a[13]), us(nx[13], a[13])};
                for (int q = 0; q < kParts; ++q) d[q].push_back(p[q]);
            }
        }
        m->set_sparse_stamps(false);
        const std::string label = name + (dt == rwkv::DType::I8 ? " int8" : " fp16");
        std::printf("%-10s B=1 sparse FFN + next LayerNorm by parts (us, median over %zu layer-steps; min-max):\n",
                    label.c_str(), d[0].size());
        nlohmann::json row = {{"model", label}};
        for (int q = 0; q < kParts; ++q) {
            std::printf("    %-42s %.3f  (%.3f-%.3f)\n", parts[q], median(d[q]),
                        *std::min_element(d[q].begin(), d[q].end()), *std::max_element(d[q].begin(), d[q].end()));
            row[parts[q]] = median(d[q]);
        }
        out.push_back(row);
    }
    return out;
}

// RWKV_BENCH_B1=v47 (session 15): the time-mix kernel polling its head's r/k/v rows (set_wkv7_poll, default) against
// v44's wait for the whole r/k/v grid, and (int8) the FFN key's early trigger (sparse poll mode 7, the default since v47,
// against session 14's int8 default 5), alternating, 8 x 100 tokens per setting; 7.2B fp16, int8, 13.3B fp16; then the
// dense FFN (7.2B fp16) with v47 off / on, 4 x 100 tokens; the logits hash of 8 steps per setting (7.2B fp16 and int8:
// bit-identical settings print the same hash).
static nlohmann::json bench_b1_v47(double copy_gbs) {
    nlohmann::json out = nlohmann::json::array();
    struct Set {
        const char* name;
        bool poll;
        unsigned sparse;  // 0: the model's default
    };
    for (const auto& [name, dt] : kB1Models) {
        const rwkv::ModelShape s = shape_of(name);
        const bool i8 = dt == rwkv::DType::I8;
        std::vector<Set> sets = {{"v44", false, 7u}, {"v47", true, 7u}};
        if (i8) {  // sets[0] and [1] are sessions 14's and 15's defaults
            sets = {{"v44 (mode 5)", false, 5u}, {"v47 (mode 7)", true, 7u}, {"v44 (mode 7)", false, 7u},
                    {"v47 (mode 5)", true, 5u}};
        }
        auto [m, st, logits] = warm_random_model(s, dt, 0.098);
        auto set = [&](const Set& q) {
            m->set_wkv7_poll(q.poll);
            m->set_sparse_poll(q.sparse);
        };
        const auto a0 = m->ffn_activity();
        std::vector<std::vector<double>> t(sets.size());
        for (int r = 0; r < 8; ++r)
            for (std::size_t q = 0; q < sets.size(); ++q) {
                set(sets[q]);
                t[q].push_back(decode_ms(*m, st, 100));
            }
        const auto a1 = m->ffn_activity();
        set(sets[1]);
        const bool used = m->wkv7_polled();
        if (name == "7.2b")
            for (const Set& q : sets) {
                set(q);
                std::printf("%-10s B=1 %s: logits hash %016llx after 8 steps\n", i8 ? "7.2b int8" : "7.2b fp16", q.name,
                            logits_hash_after_8_steps(*m, s.vocab_size));
            }
        const double dens = measured_density(a0, a1);
        const double es = i8 ? 1.0 : 2.0;
        const double bytes = b1_bytes_per_token(s, es, dens);
        const double roof = copy_gbs * 1e9 / bytes;
        const std::string label = name + (i8 ? " int8" : " fp16");
        nlohmann::json row = {{"model", label}, {"density", dens}, {"roofline_tok_s", roof}, {"v47_in_use", used}};
        std::printf("%-10s B=1 v47 A/B (v47 in use: %s), tok/s (roofline %.0f, density %.3f):", label.c_str(),
                    used ? "yes" : "NO", roof, dens);
        for (std::size_t q = 0; q < sets.size(); ++q) {
            const double ms = median(t[q]);
            row[std::string(sets[q].name) + "_ms"] = t[q];
            std::printf("\n    %-20s %.1f (%.4f ms, rounds %.4f-%.4f, %.1f%%)", sets[q].name, 1000.0 / ms, ms,
                        *std::min_element(t[q].begin(), t[q].end()), *std::max_element(t[q].begin(), t[q].end()),
                        100.0 * 1000.0 / ms / roof);
        }
        std::printf("\n    rounds (ms):");
        for (std::size_t q = 0; q < sets.size(); ++q) {
            std::printf("\n    %-20s", sets[q].name);
            for (double v : t[q]) std::printf(" %.4f", v);
        }
        std::printf("\n");
        if (!i8 && name == "7.2b") {  // the dense FFN row (every ffn.value row read)
            m->set_dense_ffn(true);
            std::vector<double> dn[2];
            for (int r = 0; r < 4; ++r)
                for (int q = 0; q < 2; ++q) {
                    set(sets[std::size_t(q)]);
                    dn[q].push_back(decode_ms(*m, st, 100));
                }
            m->set_dense_ffn(false);
            const double droof = copy_gbs * 1e9 / b1_bytes_per_token(s, 2.0, 1.0);
            std::printf("%-10s B=1 dense FFN, tok/s (roofline %.0f):", label.c_str(), droof);
            for (int q = 0; q < 2; ++q) {
                const double ms = median(dn[q]);
                row[std::string("dense_") + sets[std::size_t(q)].name + "_ms"] = dn[q];
                std::printf("  %s %.1f (%.4f ms, rounds %.4f-%.4f, %.1f%%)", sets[std::size_t(q)].name, 1000.0 / ms, ms,
                            *std::min_element(dn[q].begin(), dn[q].end()), *std::max_element(dn[q].begin(), dn[q].end()),
                            100.0 * 1000.0 / ms / droof);
            }
            std::printf("\n");
        }
        set(sets[1]);  // the default
        out.push_back(row);
    }
    return out;
}

// The logits after 8 single-token steps (as logits_hash_after_8_steps) on a fresh state.
static std::vector<float> logits_after_8_steps(rwkv::cuda::CudaModel& m, int vocab_size) {
    rwkv::State st = m.new_state();
    std::vector<float> lg(static_cast<std::size_t>(vocab_size));
    for (int k = 0; k < 8; ++k) {
        const std::int32_t tok = 17 + 4001 * k;
        m.forward(st, std::span<const std::int32_t>(&tok, 1), lg);
    }
    return lg;
}

// RWKV_BENCH_B1=i8dp (session 16, v49): the int8 matvec forms of ck::set_matvec_i8dp (0 the fp32 FMA path; 3 (default)
// dp at 7 CTAs per SM for batches over one wave, else 0; 4 the same at 6 per SM; 5 the fp32 path at 7 per SM for those,
// else 0): the int8 matvec rows alone per mode, then 7.2B int8 B=1 decode (graph) with the modes alternating, 8 x 100
// tokens each; the logits of 8 steps per mode against mode 0 (max-abs, rel. L2; mode 5 must print mode 0's hash), and
// the 7.2B fp16 model of the same seed against int8 mode 0 (the int8 weights' own error, for scale). Then v49c: 7.2B and
// 13.3B fp16 with their multi-wave matvecs at 8 / 7 (default) / 6 CTAs per SM (set_matvec_f16_big), alternating 8 x 100 tokens,
// the hash of 8 steps per setting (bit-identical: one hash).
static nlohmann::json bench_b1_i8dp(double copy_gbs) {
    nlohmann::json out = nlohmann::json::array();
    const std::vector<int> modes = {0, 3, 4, 5};
    const std::size_t nm = modes.size();
    for (int md : modes) {
        ck::set_matvec_i8dp(md);
        std::printf("int8 matvec rows, dp mode %d:\n", md);
        for (auto [r, c] : std::vector<std::pair<int, int>>{{4096, 4096}, {16384, 4096}, {65536, 4096}}) {
            nlohmann::json row = bench_matvec(r, c, copy_gbs, 2);
            row["dp_mode"] = md;
            out.push_back(row);
        }
    }
    ck::set_matvec_i8dp(0);
    const rwkv::ModelShape s = shape_of("7.2b");
    auto [m, st, logits] = warm_random_model(s, rwkv::DType::I8, 0.098);
    auto compare = [](const std::vector<float>& a, const std::vector<float>& ref, const char* what) {
        unsigned long long h = 1469598103934665603ull;
        double num = 0.0, den = 0.0, mx = 0.0;
        bool finite = true;
        for (std::size_t i = 0; i < a.size(); ++i) {
            unsigned u;
            std::memcpy(&u, &a[i], 4);
            h = (h ^ u) * 1099511628211ull;
            const double d = double(a[i]) - ref[i];
            num += d * d;
            den += double(ref[i]) * ref[i];
            mx = std::max(mx, std::fabs(d));
            finite = finite && std::isfinite(a[i]);
        }
        std::printf("%s: logits hash %016llx after 8 steps; vs int8 mode 0 max-abs %.3g rel. L2 %.3g%s\n", what, h, mx,
                    std::sqrt(num / den), finite ? "" : " NON-FINITE");
    };
    std::vector<std::vector<float>> lg(nm);
    for (std::size_t q = 0; q < nm; ++q) {
        m->set_matvec_i8dp(modes[q]);
        lg[q] = logits_after_8_steps(*m, s.vocab_size);
        compare(lg[q], lg[0], ("7.2b int8  B=1 dp mode " + std::to_string(modes[q])).c_str());
    }
    const auto a0 = m->ffn_activity();
    std::vector<std::vector<double>> t(nm);
    for (int r = 0; r < 8; ++r)
        for (std::size_t q = 0; q < nm; ++q) {
            m->set_matvec_i8dp(modes[q]);
            t[q].push_back(decode_ms(*m, st, 100));
        }
    const auto a1 = m->ffn_activity();
    m->set_matvec_i8dp(-1);
    const double dens = measured_density(a0, a1);
    const double roof = copy_gbs * 1e9 / b1_bytes_per_token(s, 1.0, dens);
    nlohmann::json row = {{"model", "7.2b int8"}, {"density", dens}, {"roofline_tok_s", roof}};
    std::printf("7.2b int8  B=1 matvec dp A/B, tok/s (roofline %.0f, density %.3f):", roof, dens);
    for (std::size_t q = 0; q < nm; ++q) {
        const std::vector<double>& v = t[q];
        const double ms = median(v);
        row["dp" + std::to_string(modes[q]) + "_ms"] = v;
        std::printf("\n    dp mode %d   %.1f (%.4f ms, rounds %.4f-%.4f, %.1f%%)", modes[q], 1000.0 / ms, ms,
                    *std::min_element(v.begin(), v.end()), *std::max_element(v.begin(), v.end()),
                    100.0 * 1000.0 / ms / roof);
    }
    std::printf("\n    rounds (ms):");
    for (std::size_t q = 0; q < nm; ++q) {
        std::printf("\n    dp mode %d ", modes[q]);
        for (double v : t[q]) std::printf(" %.4f", v);
    }
    std::printf("\n");
    out.push_back(row);
    for (const char* name : {"7.2b", "13.3b"}) {  // v49c
        const rwkv::ModelShape fs = shape_of(name);
        auto [h, hst, hlg] = warm_random_model(fs, rwkv::DType::F16, 0.098);
        if (std::strcmp(name, "7.2b") == 0)
            compare(logits_after_8_steps(*h, fs.vocab_size), lg[0], "7.2b fp16  B=1 (same seed as the int8 model)");
        const int big[3] = {8, 7, 6};
        for (int n : big) {
            h->set_matvec_f16_big(n);
            std::printf("%-6s fp16 B=1 multi-wave matvecs at %d CTAs/SM: logits hash %016llx after 8 steps\n", name, n,
                        logits_hash_after_8_steps(*h, fs.vocab_size));
        }
        const auto b0 = h->ffn_activity();
        std::vector<std::vector<double>> ft(3);
        for (int r = 0; r < 8; ++r)
            for (int q = 0; q < 3; ++q) {
                h->set_matvec_f16_big(big[q]);
                ft[std::size_t(q)].push_back(decode_ms(*h, hst, 100));
            }
        const auto b1 = h->ffn_activity();
        h->set_matvec_f16_big(-1);  // the default
        const double froof = copy_gbs * 1e9 / b1_bytes_per_token(fs, 2.0, measured_density(b0, b1));
        nlohmann::json frow = {{"model", std::string(name) + " fp16"}, {"roofline_tok_s", froof}};
        std::printf("%-6s fp16 B=1 multi-wave matvecs CTAs/SM A/B, tok/s (roofline %.0f):", name, froof);
        for (int q = 0; q < 3; ++q) {
            const std::vector<double>& v = ft[std::size_t(q)];
            const double ms = median(v);
            frow["big" + std::to_string(big[q]) + "_ms"] = v;
            std::printf("\n    %d/SM   %.1f (%.4f ms, rounds %.4f-%.4f, %.1f%%)", big[q], 1000.0 / ms, ms,
                        *std::min_element(v.begin(), v.end()), *std::max_element(v.begin(), v.end()),
                        100.0 * 1000.0 / ms / froof);
        }
        std::printf("\n    rounds (ms):");
        for (int q = 0; q < 3; ++q) {
            std::printf("\n    %d/SM ", big[q]);
            for (double v : ft[std::size_t(q)]) std::printf(" %.4f", v);
        }
        std::printf("\n");
        out.push_back(frow);
    }
    return out;
}

// RWKV_BENCH_B1=v53 (session 19): the batch-1 decode variants of CudaModel::set_b1_v53 (bits 0: the form before; 15:
// the default), alternating in one process: 7.2B fp16 0 / 1 / 2 / 3 / 4 / 8 / 15, 8 x 100 tokens each; the dense FFN
// (7.2B fp16) 0 / 15, 4 rounds; 7.2B int8 0 / 1 / 2 / 3 / 15, 6 rounds; 13.3B fp16 0 / 3 / 15, 5 rounds; the logits
// hash of 8 steps per setting (7.2B fp16 and int8: every setting must print bits 0's hash). (Session 19's bits 16 / 32,
// the logits copied to the host in pieces / straight into the caller's span, lost and were removed.)
// RWKV_BENCH_B1=v54 (session 20): v53's default (15) against v54's (207 = 15 | 64 the heads-only form | 128 the int8-only
// form): 7.2B fp16 8 rounds, dense FFN 4, int8 6, 13.3B 5 (the gain column is against the first setting, 15). Session
// 20's call 1 ran 15 / 79 / 143 / 207 on int8 and 15 / 79 on fp16 and 13.3B (docs/perf/cuda-decode.md v54).
// RWKV_BENCH_B1=v55 (session 20, cb1b): v54's default (207) against 463 (+ kV55OldEarly, the output projection's old x
// loaded before its block reduction) in the order A B B A each round: 7.2B fp16 12 rounds, int8 10
// (docs/perf/cuda-decode.md v55; its call 1 also ran the poll back-off bits 512 / 1024, removed).
// RWKV_BENCH_B1=v56 (session 21, cb1): v55's default (463) against the v56 bits (2048 kV56ScaleEarly, 4096 kV56Sum4;
// 6607 both, the default), in the order A B C C B A each round: 7.2B int8 463 / 2511 / 6607 5 rounds, fp16 463 / 4559 /
// 6607 6 rounds, dense FFN and 13.3B 463 / 6607 A B B A 4 rounds; bench_b1_v56_rows first. (Call 1 ran int8 463 / 2511 /
// 6607 / 4559, call 2 also bit 8192, the 2-row sums, lost and removed; docs/perf/cuda-decode.md v56.)
// RWKV_BENCH_B1=v57 (session 22, cb1): v56's default (6607) against 22991 (+ kV57Rows8Heads, the int8 r/k/v in 8-row
// CTAs), A B B A, 7.2B int8 6 rounds (the session's calls also ran 14799 / 31183 with the FFN key and head in 8-row CTAs,
// lost and removed, and the int8 matvecs alone; docs/perf/cuda-decode.md v57).
// RWKV_BENCH_B1=v61 (session 25, cb1): v57's default (22991) against 55759 (+ kV61OutPoll: the output projection's FFN
// LayerNorm tail polls x's new values instead of the slice ticket), A B B A: 7.2B int8 5 rounds, fp16 5, dense FFN 3,
// 13.3B 4. (The call also ran bit 65536, the FFN key triggered at the output CTAs' loop end, alone and with 32768, in
// A B C D D C B A rounds: lost on every model, removed; docs/perf/cuda-decode.md v61.)
// RWKV_BENCH_B1=v63 (session 26, cb1): the probe (v63's fields), then v61's default (55759) against 121295 (+ kV63HRearm:
// the FFN activations in two buffers, each re-armed in pieces by the next layer's sparse grid), A B B A: 7.2B int8 5
// rounds, fp16 5, dense FFN 3, 13.3B 4 (docs/perf/cuda-decode.md v63).
struct V53Run {
    std::string name;
    rwkv::DType dt;
    std::vector<unsigned> bits;
    int rounds;
    bool dense;
};
static nlohmann::json bench_b1_v53(double copy_gbs, bool v54, bool v55 = false, bool v56 = false, bool v57 = false,
                                   bool v61 = false, bool v63 = false) {
    nlohmann::json out = nlohmann::json::array();
    using Run = V53Run;
    std::vector<Run> runs;
    if (v63) {
        const std::vector<unsigned> abba = {55759, 121295, 121295, 55759};
        runs.push_back({"7.2b", rwkv::DType::I8, abba, 5, false});
        runs.push_back({"7.2b", rwkv::DType::F16, abba, 5, false});
        runs.push_back({"7.2b", rwkv::DType::F16, abba, 3, true});
        runs.push_back({"13.3b", rwkv::DType::F16, abba, 4, false});
    } else if (v61) {
        const std::vector<unsigned> abcd = {22991, 55759, 55759, 22991};
        runs.push_back({"7.2b", rwkv::DType::I8, abcd, 5, false});
        runs.push_back({"7.2b", rwkv::DType::F16, abcd, 5, false});
        runs.push_back({"7.2b", rwkv::DType::F16, abcd, 3, true});
        runs.push_back({"13.3b", rwkv::DType::F16, abcd, 4, false});
    } else if (v57) {  // v57 (session 22): 6607 against 22991 (+ 16384, the int8 r/k/v in 8-row CTAs), A B B A
        runs.push_back({"7.2b", rwkv::DType::I8, {6607, 22991, 22991, 6607}, 6, false});
    } else if (v56) {  // call 1 ran int8 463 / 2511 / 6607 / 4559 (A B C D D C B A, 6 rounds)
        runs.push_back({"7.2b", rwkv::DType::I8, {463, 2511, 6607, 6607, 2511, 463}, 5, false});
        runs.push_back({"7.2b", rwkv::DType::F16, {463, 4559, 6607, 6607, 4559, 463}, 6, false});
        runs.push_back({"7.2b", rwkv::DType::F16, {463, 6607, 6607, 463}, 4, true});
        runs.push_back({"13.3b", rwkv::DType::F16, {463, 6607, 6607, 463}, 4, false});
    } else if (v55) {  // v55 (session 20, cb1b): 207 (v54's default) against 463 (+ kV55OldEarly), A B B A in each round
        runs.push_back({"7.2b", rwkv::DType::F16, {207, 463, 463, 207}, 12, false});
        runs.push_back({"7.2b", rwkv::DType::I8, {207, 463, 463, 207}, 10, false});
    } else if (v54) {
        runs.push_back({"7.2b", rwkv::DType::F16, {15, 207}, 8, false});
        runs.push_back({"7.2b", rwkv::DType::F16, {15, 207}, 4, true});
        runs.push_back({"7.2b", rwkv::DType::I8, {15, 207}, 6, false});
        runs.push_back({"13.3b", rwkv::DType::F16, {15, 207}, 5, false});
    } else {
        runs.push_back({"7.2b", rwkv::DType::F16, {0, 1, 2, 3, 4, 8, 15}, 8, false});
        runs.push_back({"7.2b", rwkv::DType::F16, {0, 15}, 4, true});
        runs.push_back({"7.2b", rwkv::DType::I8, {0, 1, 2, 3, 15}, 6, false});
        runs.push_back({"13.3b", rwkv::DType::F16, {0, 3, 15}, 5, false});
    }
    std::optional<WarmModel> w;  // consecutive runs of one model and dtype share it (the 7.2B fp16 model: two runs)
    const Run* prev = nullptr;
    for (const Run& run : runs) {
        const rwkv::ModelShape s = shape_of(run.name);
        const bool i8 = run.dt == rwkv::DType::I8;
        if (!w || !prev || run.name != prev->name || run.dt != prev->dt) {
            w.reset();
            w.emplace(warm_random_model(s, run.dt, 0.098));
        }
        prev = &run;
        rwkv::cuda::CudaModel& m = *w->m;
        rwkv::State& keep_st = w->st;
        m.set_dense_ffn(run.dense);
        const auto a0 = m.ffn_activity();
        std::vector<std::vector<double>> t(run.bits.size());
        for (int r = 0; r < run.rounds; ++r)
            for (std::size_t q = 0; q < run.bits.size(); ++q) {
                m.set_b1_v53(run.bits[q]);
                t[q].push_back(decode_ms(m, keep_st, 100));
            }
        const auto a1 = m.ffn_activity();
        const std::string label = run.name + (i8 ? " int8" : " fp16") + (run.dense ? " dense FFN" : "");
        if ((run.name == "7.2b" || v54) && !run.dense)
            for (std::size_t q = 0; q < run.bits.size(); ++q) {
                const unsigned b = run.bits[q];
                if (std::find(run.bits.begin(), run.bits.begin() + std::ptrdiff_t(q), b) != run.bits.begin() + std::ptrdiff_t(q))
                    continue;  // a repeated slot (A B B A) has its hash printed once
                m.set_b1_v53(b);
                std::printf("%-10s B=1 v53 bits %2u: logits hash %016llx after 8 steps\n", label.c_str(), b,
                            logits_hash_after_8_steps(m, s.vocab_size));
            }
        m.set_b1_v53(rwkv::cuda::CudaModel::kV53Default);
        m.set_dense_ffn(false);
        const double dens = run.dense ? 1.0 : measured_density(a0, a1);
        const double roof = copy_gbs * 1e9 / b1_bytes_per_token(s, i8 ? 1.0 : 2.0, dens);
        nlohmann::json row = {{"model", label}, {"density", dens}, {"roofline_tok_s", roof}};
        std::printf("%-10s B=1 v53 A/B, tok/s (roofline %.0f, density %.3f):", label.c_str(), roof, dens);
        const double ms0 = median(t[0]);
        for (std::size_t q = 0; q < run.bits.size(); ++q) {
            const std::vector<double>& v = t[q];
            const double ms = median(v);
            row["bits" + std::to_string(run.bits[q]) + "_ms"] = v;
            int below = 0;  // rounds faster than every round of the first setting
            for (double x : v) below += x < *std::min_element(t[0].begin(), t[0].end()) ? 1 : 0;
            std::printf("\n    bits %2u  %.1f (%.4f ms, rounds %.4f-%.4f, %.1f%%, %+.2f%%, %d/%zu rounds below every "
                        "round of the first setting)",
                        run.bits[q], 1000.0 / ms, ms, *std::min_element(v.begin(), v.end()),
                        *std::max_element(v.begin(), v.end()), 100.0 * 1000.0 / ms / roof, 100.0 * (ms0 / ms - 1.0),
                        below, v.size());
        }
        std::printf("\n    rounds (ms):");
        for (std::size_t q = 0; q < run.bits.size(); ++q) {
            std::printf("\n    bits %2u ", run.bits[q]);
            for (double v : t[q]) std::printf(" %.4f", v);
        }
        std::printf("\n");
        std::fflush(stdout);
        out.push_back(row);
    }
    return out;
}

// RWKV_BENCH_B1=v56 (session 21, cb1): the matvecs alone (bench_matvec: back-to-back launches over rotating weight
// copies, median of 6 repetitions) under ck::set_matvec_i8_tail 0 against 3 (both v56 bits), int8 4096 x 4096 and
// 16384 x 4096 (r/k/v and output; FFN key), fp16 2-row 16384 x 4096 (FFN key) and fp16 4-row 4096 x 4096 (r/k/v,
// output), settings alternating, 3 rounds; the percentages are of the measured copy bandwidth (read + write). (Call 1
// ran 0 / 1 / 3 on the four int8 shapes of the 7.2B model.) Then the decode A/B (bench_b1_v53 with v56).
static nlohmann::json bench_b1_v56_rows(double copy_gbs) {
    nlohmann::json out = nlohmann::json::array();
    struct Shape {
        int r, c, kind;
        std::vector<unsigned> tails;
    };
    const std::vector<Shape> shapes = {{4096, 4096, 2, {0, 3}},
                                       {16384, 4096, 2, {0, 3}},
                                       {16384, 4096, 0, {0, 3}},
                                       {4096, 4096, 1, {0, 3}}};
    for (const Shape& sh : shapes) {
        std::vector<std::vector<double>> us(sh.tails.size());
        for (int r = 0; r < 3; ++r)
            for (std::size_t q = 0; q < sh.tails.size(); ++q) {
                ck::set_matvec_i8_tail(sh.tails[q]);
                us[q].push_back(bench_matvec(sh.r, sh.c, copy_gbs, sh.kind)["us"].get<double>());
            }
        ck::set_matvec_i8_tail(3);  // the default
        const double bytes = double(sh.r) * sh.c * (sh.kind == 2 ? 1 : 2);
        std::printf("v56 rows %5d x %-5d %s:", sh.r, sh.c, sh.kind == 2 ? "int8" : sh.kind == 1 ? "fp16 4-row" : "fp16");
        nlohmann::json row = {{"rows", sh.r}, {"cols", sh.c}, {"kind", sh.kind}};
        for (std::size_t q = 0; q < sh.tails.size(); ++q) {
            const double t = median(us[q]);
            row["tail" + std::to_string(sh.tails[q]) + "_us"] = us[q];
            std::printf("  tail %u %.2f us (%.1f%% of copy)", sh.tails[q], t, 100.0 * bytes / (t * 1e-6) / 1e9 / copy_gbs);
        }
        std::printf("\n");
        std::fflush(stdout);
        out.push_back(row);
    }
    return out;
}

nlohmann::json bench_b1_ab(double copy_gbs) {
    nlohmann::json out = nlohmann::json::array();
    const char* env = std::getenv("RWKV_BENCH_B1");
    if (env && std::strcmp(env, "where") == 0) return bench_b1_where();
    if (env && std::strcmp(env, "wkv") == 0) return bench_b1_wkv(copy_gbs);
    if (env && std::strcmp(env, "parts") == 0) return bench_b1_parts();
    if (env && std::strcmp(env, "v47") == 0) return bench_b1_v47(copy_gbs);
    if (env && std::strcmp(env, "i8dp") == 0) return bench_b1_i8dp(copy_gbs);
    if (env && std::strcmp(env, "v53") == 0) return bench_b1_v53(copy_gbs, false);
    if (env && std::strcmp(env, "v54") == 0) return bench_b1_v53(copy_gbs, true);
    if (env && std::strcmp(env, "v55") == 0) return bench_b1_v53(copy_gbs, true, true);
    if (env && std::strcmp(env, "v56") == 0)
        return {{"rows", bench_b1_v56_rows(copy_gbs)}, {"decode", bench_b1_v53(copy_gbs, true, false, true)}};
    if (env && std::strcmp(env, "v57") == 0) return bench_b1_v53(copy_gbs, true, false, false, true);
    if (env && std::strcmp(env, "v61") == 0) return bench_b1_v53(copy_gbs, true, false, false, false, true);
    if (env && std::strcmp(env, "probe") == 0) return bench_b1_probe(copy_gbs);
    if (env && std::strcmp(env, "v63") == 0)
        return {{"probe", bench_b1_probe(copy_gbs)},
                {"v63", bench_b1_v53(copy_gbs, true, false, false, false, false, true)}};
    if (env && std::strcmp(env, "probe54") == 0) {  // the probe, then the v54 A/B (one device call)
        nlohmann::json j = {{"probe", bench_b1_probe(copy_gbs)}, {"v54", bench_b1_v53(copy_gbs, true)}};
        return j;
    }
    const bool quick = env && std::strcmp(env, "quick") == 0;
    const bool ffnln = env && std::strcmp(env, "ffnln") == 0;  // v43: the default with and without +O, 6 rounds
    const bool only = quick || ffnln || (env && std::strcmp(env, "sparse") == 0);  // the sparse FFN rows only
    for (const auto& [name, dt] : kB1Models) {
        const rwkv::ModelShape s = shape_of(name);
        const bool i8 = dt == rwkv::DType::I8;
        if (quick && (i8 || name != "7.2b")) continue;
        auto [m, st, logits] = warm_random_model(s, dt, 0.098);
        const auto a0 = m->ffn_activity();
        // v31 A/B (session 10) + session 11: sparse FFN settings (set_sparse_poll mode, LayerNorm tail) alternating,
        // 4 x 100 tokens each: 0 list with the v13 tail, 1 poll, 3 poll + the key's early trigger, + 4 v34b (no slice
        // ticket); "+T": the LayerNorm tail in the poll kernel (v40, spread over the column slices); "+O": the FFN
        // LayerNorm in the output projection's grid (v43). Then the model's default (7+T+O; int8 5+T+O before v47).
        // RWKV_BENCH_B1=quick: 7.2B fp16 only, 3+T, 7+T and 7+T+O, 6 rounds, and a hash of 8 decode steps' logits (the
        // same arithmetic must give the same hash); RWKV_BENCH_B1=sparse: only these rows and the dense FFN's;
        // RWKV_BENCH_B1=ffnln: the default with and without +O, 6 rounds (dense FFN 4).
        const unsigned sp_default = 7u;  // int8 too since v47 (session 15)
        struct SpSetting {
            unsigned mode;
            bool tail;
            unsigned out = 1u;  // v43: CudaModel::kLnFuseOutput
        };
        std::vector<SpSetting> sps;
        if (ffnln)
            sps = {{sp_default, true, 0u}, {sp_default, true, 1u}};
        else if (quick)
            sps = {{3u, true, 0u}, {7u, true, 0u}, {7u, true, 1u}};
        else if (i8)
            sps = {{0u, true, 0u}, {1u, false, 0u}, {1u, true, 0u}, {5u, true, 0u}, {5u, true, 1u}};
        else
            sps = {{0u, true, 0u}, {3u, false, 0u}, {7u, false, 0u}, {7u, true, 0u}, {7u, true, 1u}};
        auto sp_set = [&](SpSetting v) {
            m->set_sparse_poll(v.mode);
            m->set_ln_fuse((v.tail ? rwkv::cuda::CudaModel::kLnFuseSparse : 0u) | v.out);
        };
        auto sp_name = [](SpSetting v) {
            return std::to_string(v.mode) + (v.tail ? "+T" : "") + (v.out ? "+O" : "");
        };
        std::vector<std::vector<double>> sp(sps.size());
        for (int r = 0; r < (quick || ffnln ? 6 : 4); ++r)
            for (std::size_t q = 0; q < sps.size(); ++q) {
                sp_set(sps[q]);
                sp[q].push_back(decode_ms(*m, st, 100));
            }
        // the logits after 8 single-token steps on a fresh state, hashed (FNV-1a of the bits): without and with +O
        for (unsigned o : {0u, 1u}) {
            if (!(quick || ffnln) || i8 || name != "7.2b") break;
            sp_set({sp_default, true, o});
            const unsigned long long h = logits_hash_after_8_steps(*m, s.vocab_size);
            std::printf("%-10s B=1 sparse mode %u + tail%s: logits hash %016llx after 8 steps\n", "7.2b fp16", sp_default,
                        o ? " + FFN LayerNorm in the output grid" : "", h);
        }
        sp_set({sp_default, true});
        // v14 knob: 4-row fp16 matvec groups (bits 1 output, 2 r/k/v, 4 FFN key), against 0, alternating
        std::vector<double> r4[4];
        const unsigned r4_masks[4] = {0u, 1u, 3u, 7u};
        if (!i8 && !only)
            for (int r = 0; r < 3; ++r)
                for (int q = 0; q < 4; ++q) {
                    m->set_matvec_rows4(r4_masks[q]);
                    r4[q].push_back(decode_ms(*m, st, 100));
                }
        m->set_matvec_rows4(3);  // the default
        // v15 PDL A/B: off, on (the default)
        const char* const pk[2] = {"off", "on"};
        std::vector<double> pt[2];
        for (int r = 0; r < (only ? 0 : 3); ++r)
            for (int q = 0; q < 2; ++q) {
                m->set_pdl(q == 1);
                pt[q].push_back(decode_ms(*m, st, 100));
            }
        m->set_pdl(true);
        const auto a1 = m->ffn_activity();
        const double dens = measured_density(a0, a1);
        // the same with the dense FFN (7.2B fp16, after the density), 3 x 100 tokens each
        const std::vector<SpSetting> dns = ffnln ? std::vector<SpSetting>{{7u, true, 0u}, {7u, true, 1u}}
                                                 : std::vector<SpSetting>{{0u, true, 0u}, {3u, false, 0u},
                                                                          {7u, true, 0u}, {7u, true, 1u}};
        std::vector<std::vector<double>> dn(dns.size());
        if (!i8 && name == "7.2b" && !quick) {
            m->set_dense_ffn(true);
            for (int r = 0; r < (ffnln ? 4 : 3); ++r)
                for (std::size_t q = 0; q < dns.size(); ++q) {
                    sp_set(dns[q]);
                    dn[q].push_back(decode_ms(*m, st, 100));
                }
            m->set_dense_ffn(false);
            sp_set({sp_default, true});
        }
        const double es = i8 ? 1.0 : 2.0;
        const double bytes = b1_bytes_per_token(s, es, dens);
        const double roof = copy_gbs * 1e9 / bytes;
        const std::string label = name + (i8 ? " int8" : " fp16");
        nlohmann::json row = {{"model", label}, {"density", dens}, {"bytes_per_token", bytes}, {"roofline_tok_s", roof}};
        std::printf("%-10s B=1 sparse FFN settings (mode bits: 1 poll, 2 early key trigger, 4 v34b; +T v40 tail, +O v43), "
                    "tok/s (roofline %.0f, %.2f GB/token, density %.3f):",
                    label.c_str(), roof, bytes / 1e9, dens);
        for (std::size_t q = 0; q < sps.size(); ++q) {
            const double ms = median(sp[q]);
            row["sparse_" + sp_name(sps[q]) + "_ms"] = sp[q];
            row["sparse_" + sp_name(sps[q]) + "_tok_s"] = 1000.0 / ms;
            std::printf("  %s: %.1f (%.3f ms, %.1f%%)", sp_name(sps[q]).c_str(), 1000.0 / ms, ms, 100.0 * 1000.0 / ms / roof);
        }
        std::printf("\n");
        if (!dn[0].empty()) {
            const double dbytes = b1_bytes_per_token(s, 2.0, 1.0);  // fp16, every ffn.value row
            const double droof = copy_gbs * 1e9 / dbytes;
            std::printf("%-10s B=1 dense FFN, sparse FFN settings, tok/s (roofline %.0f):", label.c_str(), droof);
            for (std::size_t q = 0; q < dns.size(); ++q) {
                const double ms = median(dn[q]);
                row["dense_" + sp_name(dns[q]) + "_ms"] = dn[q];
                std::printf("  %s: %.1f (%.3f ms, %.1f%%)", sp_name(dns[q]).c_str(), 1000.0 / ms, ms,
                            100.0 * 1000.0 / ms / droof);
            }
            std::printf("\n");
        }
        if (!i8 && !only) {
            std::printf("%-10s B=1 4-row fp16 matvec masks (0, 1 output, 3 output + r/k/v, 7 all), tok/s:", label.c_str());
            for (int q = 0; q < 4; ++q) {
                const double ms = median(r4[q]);
                row["rows4_mask" + std::to_string(r4_masks[q]) + "_ms"] = r4[q];
                std::printf("  %u: %.1f (%.1f%%)", r4_masks[q], 1000.0 / ms, 100.0 * 1000.0 / ms / roof);
            }
            std::printf("\n");
        }
        // cost of each kernel kind inside the graph (the graph with that kind left out; session 8), measured on the
        // v7/v13 path (list kernel + LayerNorm tail), which the graph without a kind falls back to (v31)
        if (!only) {
            sp_set({0u, true, 0u});
            const double full = decode_ms(*m, st, 50);
            nlohmann::json gj = nlohmann::json::object();
            std::printf("%-10s B=1 %.3f ms; cost inside the graph (ms per token):", label.c_str(), full);
            for (const auto& [kind, cost] : graph_kind_costs(*m, full)) {
                gj[kind] = cost;
                std::printf(" %s %.3f", kind.c_str(), cost);
            }
            std::printf("\n");
            row["graph_cost_ms"] = gj;
            sp_set({sp_default, true});
        }
        if (!only) std::printf("%-10s B=1 PDL (off, on), tok/s:", label.c_str());
        for (int q = 0; q < (only ? 0 : 2); ++q) {
            const double ms = median(pt[q]);
            row[std::string("pdl_") + pk[q] + "_ms"] = pt[q];
            row[std::string("pdl_") + pk[q] + "_tok_s"] = 1000.0 / ms;
            std::printf("  %s: %.1f (%.1f%%)", pk[q], 1000.0 / ms, 100.0 * 1000.0 / ms / roof);
        }
        if (!only) std::printf("\n");
        out.push_back(row);
    }
    return out;
}

// 7.2B B=1 decode with fp16 and with int8 weight-only weights, side by side (one model at a time).
nlohmann::json bench_int8(double copy_gbs) {
    const rwkv::ModelShape s = shape_of("7.2b");
    nlohmann::json out = nlohmann::json::array();
    for (rwkv::DType dt : {rwkv::DType::F16, rwkv::DType::I8}) {
        const bool i8 = dt == rwkv::DType::I8;
        auto [m, st, logits] = warm_random_model(s, dt, 0.098);
        bool finite = true;
        for (float v : logits) finite = finite && std::isfinite(v);
        const auto a0 = m->ffn_activity();
        std::vector<double> reps;
        for (int r = 0; r < 3; ++r) reps.push_back(decode_ms(*m, st, 100));
        const double ms = median(reps);
        const auto a1 = m->ffn_activity();
        const double dens = measured_density(a0, a1);
        // bytes per token: big matrices 1 byte + a 4-byte row scale (int8) or 2 bytes, LoRA fp16, ffn.value at the
        // measured density, the head, the fp32 state read + written (the embedding row is negligible)
        const double C = s.n_embd, F = s.dim_ffn, L = s.n_layer, V = s.vocab_size, bs = i8 ? 1.0 : 2.0;
        const double sc = i8 ? 4.0 : 0.0;
        const double lora = (s.lora_w + s.lora_a + s.lora_v + s.lora_g) * C * 2 * 2.0;
        const double bytes = L * (4 * C * C * bs + 4 * C * sc + F * C * bs + F * sc + lora) +
                             L * F * (C * bs + sc) * dens + V * (C * bs + sc) + 2.0 * s.state_floats() * 4;
        const double roof = copy_gbs * 1e9 / bytes;
        const std::string name = std::string("7.2b ") + (i8 ? "int8" : "fp16");
        std::printf("%-10s decode B=1: %7.3f ms  %7.1f tok/s  density %.3f  %.3f GB/token  roofline %.0f tok/s (%.1f%%)%s\n",
                    name.c_str(), ms, 1000.0 / ms, dens, bytes / 1e9, roof, 100.0 * (1000.0 / ms) / roof,
                    finite ? "" : "  NON-FINITE LOGITS");
        nlohmann::json j = {{"model", name}, {"decode_b1_ms", ms}, {"decode_b1_tok_s", 1000.0 / ms},
                            {"decode_b1_reps_ms", reps}, {"ffn_density_measured", dens}, {"bytes_per_token", bytes},
                            {"roofline_tok_s", roof}, {"roofline_pct", 100.0 * (1000.0 / ms) / roof},
                            {"weight_bytes", double(m->weight_bytes())}, {"logits_finite", finite}};
        const char* kinds[7] = {"ln_mix", "matvec_rkv_lora1", "matvec_lora2", "wkv7", "matvec_output",
                                "matvec_ffn_key", "sparse_ffn_value"};
        nlohmann::json gj = nlohmann::json::object();
        std::printf("%-10s cost inside the graph (ms per token):", name.c_str());
        for (int b = 0; b < 7; ++b) {
            m->set_skip_mask(1u << b);
            rwkv::State sk = m->new_state();
            const double t = decode_ms(*m, sk, 30);
            gj[kinds[b]] = ms - t;
            std::printf(" %s %.3f", kinds[b], ms - t);
        }
        std::printf("\n");
        m->set_skip_mask(0);
        j["graph_cost_ms"] = gj;
        if (i8) j["prefill_t1024_ms"] = bench_prefill_t(*m, 1024);
        if (i8) std::printf("%-10s prefill T=1024: %.2f ms\n", name.c_str(), j["prefill_t1024_ms"].get<double>());
        out.push_back(j);
    }
    return out;
}

// v17 A/B (--batch --b1lora, first): B=1 decode with the LoRA up-projections inside the time-mix kernel (default) and as their
// own matvec, alternating 3 x 100 tokens per setting, 7.2B fp16, 7.2B int8, 13.3B fp16.
nlohmann::json bench_b1_lora(double copy_gbs) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& [name, dt] : kB1Models) {
        const rwkv::ModelShape s = shape_of(name);
        const bool i8 = dt == rwkv::DType::I8;
        auto [m, st, logits] = warm_random_model(s, dt, 0.098);
        const auto a0 = m->ffn_activity();
        std::vector<double> t[2];
        for (int r = 0; r < 3; ++r)
            for (int k = 0; k < 2; ++k) {
                m->set_wkv7_lora(k == 1);
                t[k].push_back(decode_ms(*m, st, 100));
            }
        const auto a1 = m->ffn_activity();
        const double dens = measured_density(a0, a1);
        const double es = i8 ? 1.0 : 2.0;
        const double bytes = b1_bytes_per_token(s, es, dens);
        const double roof = copy_gbs * 1e9 / bytes;
        const std::string label = name + (i8 ? " int8" : " fp16");
        const double off = median(t[0]), on = median(t[1]);
        out.push_back({{"model", label}, {"density", dens}, {"roofline_tok_s", roof}, {"v16_ms", t[0]}, {"v17_ms", t[1]},
                       {"v16_tok_s", 1000.0 / off}, {"v17_tok_s", 1000.0 / on}});
        std::printf("%-10s B=1 decode: LoRA-up matvec + wkv7 %.3f ms %.1f tok/s (%.1f%%) | v17 fused %.3f ms %.1f tok/s (%.1f%%) "
                    "[runs %.3f %.3f %.3f | %.3f %.3f %.3f] roofline %.0f, density %.3f\n",
                    label.c_str(), off, 1000.0 / off, 100.0 * 1000.0 / off / roof, on, 1000.0 / on, 100.0 * 1000.0 / on / roof,
                    t[0][0], t[0][1], t[0][2], t[1][0], t[1][1], t[1][2], roof, dens);
    }
    return out;
}

// Rows-path A/B (--batch): 7.2B fp16 batched decode B=256 / 1024 (graph replay) with the WKV decode step (v20 fp32 state,
// v24 fp16 state) alternated, 3 rounds per setting, medians; then each setting's per-kind profile (eager).
// Bandwidth floor per setting: dense weights + each sequence's state read and written (fp32, or with v18 the WKV
// matrices in fp16 and the token-shift vectors in fp32) over the measured copy bandwidth.
nlohmann::json bench_batch_ab(double copy_gbs) {
    nlohmann::json out = nlohmann::json::object();
    const rwkv::ModelShape s = shape_of("7.2b");
    auto m = rwkv::cuda::make_random_cuda_model(s, 0, rwkv::DType::F16, 1, 0.098);
    struct Setting { const char* name; bool ln512, f16, lora; };
    const Setting settings[] = {{"v20 fp32 state (default)", true, false, true}, {"v24 fp16 state", true, true, true}};
    const Setting v16e = {"256-thread LayerNorm rows", false, false, false};
    const Setting v16e_gh = {"512-thread LayerNorm rows (v16h)", true, false, false};
    constexpr std::size_t kDefault = 0, kF16 = 1;
    auto apply = [&](const Setting& st) {
        m->set_ln_mix_rows_512(st.ln512);
        m->set_batch_state_f16(st.f16);
        m->set_rows_lora_grouped(st.lora);
    };
    // Logits of two settings after `steps` batched steps of B = 64 sequences from fresh states: max |d|, the
    // largest |logit| and the relative L2 error (all rows).
    auto compare = [&](const Setting& sa, const Setting& sb, int steps, const std::string& key) {
        const int B = 64;
        std::vector<float> l[2];
        for (int k = 0; k < 2; ++k) {
            apply(k == 0 ? sa : sb);
            l[k] = batch_logits_after(*m, s.vocab_size, B, steps);
        }
        double d = 0, mx = 0, num = 0, den = 0;
        for (std::size_t i = 0; i < l[0].size(); ++i) {
            const double e = double(l[1][i]) - l[0][i];
            d = std::max(d, std::fabs(e));
            mx = std::max(mx, double(std::fabs(l[0][i])));
            num += e * e;
            den += double(l[0][i]) * l[0][i];
        }
        const double rel = std::sqrt(num / std::max(den, 1e-30));
        std::printf("7.2b B=64, %d step(s): %s vs %s logits max |d| %.3g (max |logit| %.3g), rel L2 %.3g\n", steps,
                    sb.name, sa.name, d, mx, rel);
        out[key] = {{"max_abs", d}, {"max_abs_logit", mx}, {"rel_l2", rel}, {"steps", steps}};
    };
    // The open point of v16: v16e vs v16g + h differ by 0.78 max-abs on random 7.2B: h, the LayerNorm summation order
    // (rounding; g, cache hints only, was bit-identical and is gone); the batched path against B single forward()
    // calls (other kernels, same arithmetic) gives the size of rounding differences on this model.
    if (std::getenv("RWKV_BENCH_LOGITS")) {  // session 5 runs 2-3: the v16 open point (docs/perf-notes.md v18-v19)
        compare(v16e, v16e_gh, 1, "v16gh_vs_v16e_1");
        compare(v16e, v16e_gh, 8, "v16gh_vs_v16e_8");
    }
    compare(settings[kDefault], settings[kF16], 4, "v24f16_vs_v20_4");
    if (std::getenv("RWKV_BENCH_LOGITS")) {
        apply(settings[kDefault]);
        const int B = 8;
        std::vector<rwkv::State> bs, ss;
        for (int b = 0; b < B; ++b) {
            bs.push_back(m->new_state());
            ss.push_back(m->new_state());
        }
        std::vector<rwkv::State*> p;
        for (auto& x : bs) p.push_back(&x);
        std::vector<float> lb(std::size_t(B) * s.vocab_size), ls(std::size_t(s.vocab_size));
        for (int t = 0; t < 8; ++t) {
            std::vector<std::int32_t> ids(static_cast<std::size_t>(B));
            for (int b = 0; b < B; ++b) ids[std::size_t(b)] = (b * 7919 + 11 + 104729 * t) % s.vocab_size;
            m->forward_batch(p, ids, lb);
            double num = 0, den = 0, d = 0;
            for (int b = 0; b < B; ++b) {
                m->forward(ss[std::size_t(b)], {ids.data() + b, 1}, ls);
                for (int v = 0; v < s.vocab_size; ++v) {
                    const double e = double(lb[std::size_t(b) * s.vocab_size + v]) - ls[std::size_t(v)];
                    num += e * e;
                    den += double(ls[std::size_t(v)]) * ls[std::size_t(v)];
                    d = std::max(d, std::fabs(e));
                }
            }
            const double rel = std::sqrt(num / std::max(den, 1e-30));
            std::printf("7.2b B=8 batched (defaults) vs 8 single forward(), step %d: logits max |d| %.3g, rel L2 %.3g\n",
                        t + 1, d, rel);
            out["batched_vs_single"].push_back({{"step", t + 1}, {"max_abs", d}, {"rel_l2", rel}});
        }
    }
    auto state_bytes = [&](bool f16) {
        const double shift = 2.0 * s.n_embd * s.n_layer * 4, wkv = double(s.state_floats()) * 4 - shift;
        return shift + (f16 ? wkv / 2 : wkv);
    };
    for (int B : {256, 1024}) {
        std::vector<rwkv::State> states;
        for (int b = 0; b < B; ++b) states.push_back(m->new_state());
        std::vector<rwkv::State*> ptrs;
        for (auto& st : states) ptrs.push_back(&st);
        std::vector<std::int32_t> ids(static_cast<std::size_t>(B));
        for (int b = 0; b < B; ++b) ids[std::size_t(b)] = (b * 7919 + 11) % s.vocab_size;
        std::vector<std::vector<double>> ms(std::size(settings));
        for (int rep = 0; rep < 3; ++rep)
            for (std::size_t k = 0; k < std::size(settings); ++k) {
                apply(settings[k]);
                ms[k].push_back(m->time_batch_step_ms(ptrs, ids, 10));
            }
        nlohmann::json jb = nlohmann::json::object();
        for (std::size_t k = 0; k < std::size(settings); ++k) {
            const double t = median(ms[k]);
            const double bytes = dense_weight_bytes(s, 2.0) + B * 2.0 * state_bytes(settings[k].f16);
            const double floor_ms = bytes / (copy_gbs * 1e9) * 1e3;
            jb[settings[k].name] = {{"ms", t}, {"tok_s", B / (t * 1e-3)}, {"runs_ms", ms[k]}, {"floor_ms", floor_ms}};
            std::printf("7.2b decode B=%-4d %-28s %8.3f ms/step %8.0f tok/s (runs %.3f %.3f %.3f; bandwidth floor %.2f ms: %.0f%%)\n",
                        B, settings[k].name, t, B / (t * 1e-3), ms[k][0], ms[k][1], ms[k][2], floor_ms, 100.0 * floor_ms / t);
        }
        // Per kind (eager, JSON); printed: the fused WKV step against its bytes (state matrices read and written in the
        // state dtype + ~34 bytes per channel of inputs/outputs) over the copy bandwidth.
        for (std::size_t k = 0; k < std::size(settings); ++k) {
            apply(settings[k]);
            double total = 0, wkv = 0;
            std::string kinds;
            for (auto& [label, t] : m->profile_rows(ptrs, 1, 3)) {
                jb["profile_ms"][settings[k].name][label] = t;
                total += t;
                if (label == "wkv_fused") wkv = t;
                char buf[64];
                std::snprintf(buf, sizeof buf, " %s %.3f", label.c_str(), t);
                kinds += buf;
            }
            std::printf("7.2b B=%-4d %-28s kinds (ms):%s\n", B, settings[k].name, kinds.c_str());
            const double es = settings[k].f16 ? 2.0 : 4.0, L = s.n_layer, C = s.n_embd;
            const double wbytes = B * L * (C * 64 * es * 2 + 34 * C);
            std::printf("7.2b B=%-4d %-28s eager %7.3f ms, WKV %6.3f ms for %5.2f GB: %5.2f TB/s, %3.0f%% of copy (floor %.3f ms)\n",
                        B, settings[k].name, total, wkv, wbytes / 1e9, wbytes / (wkv * 1e-3) / 1e12,
                        100.0 * wbytes / (wkv * 1e-3) / (copy_gbs * 1e9), wbytes / (copy_gbs * 1e9) * 1e3);
        }
        out["b" + std::to_string(B)] = jb;
    }
    apply(settings[kDefault]);
    return out;
}

// --wkvprobe (an ncu target, no timing): 7.2B B=256, 3 eager batched steps with the fp32 state, then 3 with the fp16
// state, so that `ncu -k regex:NAME --launch-skip N --launch-count 1` can pick one WKV kernel launch of each.
void wkv_probe() {
    const rwkv::ModelShape s = shape_of("7.2b");
    auto m = rwkv::cuda::make_random_cuda_model(s, 0, rwkv::DType::F16, 1, 0.098);
    m->set_use_graph(false);
    const int B = 256;
    std::vector<rwkv::State> states;
    for (int b = 0; b < B; ++b) states.push_back(m->new_state());
    std::vector<rwkv::State*> ptrs;
    for (auto& st : states) ptrs.push_back(&st);
    std::vector<std::int32_t> ids(static_cast<std::size_t>(B));
    for (int b = 0; b < B; ++b) ids[std::size_t(b)] = (b * 7919 + 11) % s.vocab_size;
    for (int f16 = 0; f16 < 2; ++f16) {
        m->set_batch_state_f16(f16 == 1);
        for (int t = 0; t < 3; ++t) m->forward_batch(ptrs, ids, {});
    }
}

// --b1probe (an ncu target, no timing; session 13): 7.2B's widths with 8 layers at batch 1, two eager decode steps (fp16 weights, or int8
// with RWKV_PROBE=i8), so that `ncu -k regex:'matvec|wkv7|sparse' --launch-skip 25 --launch-count 5` picks layer 5's
// five launches (r/k/v + LoRA down, wkv7 + LoRA up, output + FFN LayerNorm, FFN key, sparse FFN + next LayerNorm).
void b1_probe() {
    const char* e = std::getenv("RWKV_PROBE");
    const bool i8 = e && std::strcmp(e, "i8") == 0;
    rwkv::ModelShape s = shape_of("7.2b");
    s.n_layer = 8;  // the 7.2B widths; fewer layers load faster
    auto m = rwkv::cuda::make_random_cuda_model(s, 0, i8 ? rwkv::DType::I8 : rwkv::DType::F16, 1, 0.098);
    m->set_use_graph(false);
    rwkv::State st = m->new_state();
    std::vector<float> logits(std::size_t(s.vocab_size));
    for (int t = 0; t < 2; ++t) {
        const std::int32_t tok = 17 + 4001 * t;
        m->forward(st, std::span<const std::int32_t>(&tok, 1), logits);
    }
    std::printf("b1probe done (%s)\n", i8 ? "int8" : "fp16");
}

}  // namespace bench_cuda
