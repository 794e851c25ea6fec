// bench_cuda's batch-1 decode A/B benches (bench_cuda_common.h): --b1 (v13-v15: the sparse FFN settings, the 4-row
// matvec masks, PDL; the cost of each kernel kind in the graph) with its RWKV_BENCH_B1 modes quick, sparse, ffnln,
// where, wkv, parts, v47 and probe (bench_cuda_probe.h) here, i8dp in bench_cuda_int8_ab.cpp and v53-v63 in
// bench_cuda_b1_v53.cpp; and the --b1probe ncu target. Each alternates its settings in one process.
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

#include "bench_cuda_ab.h"
#include "bench_cuda_common.h"
#include "bench_cuda_probe.h"
#include "cuda/cuda_model.h"
#include "rwkv/devices.h"
#include "rwkv/error.h"

namespace ck = rwkv::cuda_kernels;
using rwkv::cuda::check;

namespace bench_cuda {

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
    if (env && std::strcmp(env, "v66") == 0)
        return bench_b1_v53(copy_gbs, true, false, false, false, false, false, true);
    if (env && std::strcmp(env, "v68") == 0)
        return bench_b1_v53(copy_gbs, true, false, false, false, false, false, false, true);
    if (env && std::strcmp(env, "v70") == 0)  // the int8 key / head alone, the probe, then the v70 A/B (one device call)
        return {{"rows", bench_b1_v70_rows(copy_gbs)},
                {"probe", bench_b1_probe(copy_gbs)},
                {"v70", bench_b1_v53(copy_gbs, true, false, false, false, false, false, false, false, true)}};
    if (env && std::strcmp(env, "v71") == 0)
        return bench_b1_v53(copy_gbs, true, false, false, false, false, false, false, false, false, true);
    if (env && std::strcmp(env, "v72") == 0)
        return bench_b1_v53(copy_gbs, true, false, false, false, false, false, false, false, false, false, true);
    if (env && std::strcmp(env, "v76") == 0)
        return bench_b1_v53(copy_gbs, true, false, false, false, false, false, false, false, false, false, false, true);
    if (env && std::strcmp(env, "v77") == 0)
        return bench_b1_v53(copy_gbs, true, false, false, false, false, false, false, false, false, false, false, false,
                            true);
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
