// RWKV_BENCH_B1=probe (session 20, v54; included by bench_cuda_b1_ab.cpp): where one layer's batch-1 decode time goes,
// grid by grid, from per-CTA %globaltimer stamps (CudaModel::set_b1_probe: the r/k/v grid, the time-mix grid, the
// output projection and the FFN key of layer 16, and layer 17's r/k/v grid; CudaModel::set_sparse_stamps: the sparse FFN
// grids' earliest start and latest end). Per grid, medians over 8 tokens, in us from the layer's r/k/v grid's first CTA
// start (the stamps tick in 32 ns steps or coarser: session 14 read 256 ns on the H200): first / 10 % / 50 % / 90 % /
// last CTA start, first / last main-loop end, 50 % / 90 % / last CTA end; "owned" = its last end minus the previous
// grid's last end (the chain's share of the layer period; the shares add up to it), the grid's bytes over "owned" in
// GB/s; CTAs started before the previous grid's last end ("early"), the first wave (CTAs started before the grid's
// first end), the CTAs per SM (max - min) and the median CTA's life: start to end, start to its main loop's end, and
// loop's end to its end (reduction, epilogue, tails); "step4".."step7" (first / median / last over the CTAs that
// stamp them): the time mix's LoRA dots done / exchange 1 synced / state step done / final griddepcontrol.wait, the
// output projection's slice tails' ticket won / statistics published / all statistics polled (decode_b1.h); v63
// (session 26): the matvecs' step 4 their first weights in (not the output projection's), step 7 their first
// griddepcontrol.wait returned, "early ..." the same over the CTAs resident before the previous grid's last end only;
// the sparse grids' latest CTA start ("start last"), latest chunk in ("loop last"), the slices' latest partials polled
// ("step4 last") and 1 when the grid's last ticket (the h re-arm at HEAD) went to a last-chunk CTA.
#pragma once

#include <algorithm>
#include <cstdio>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench_cuda_common.h"
#include "cuda/cuda_model.h"
#include "decode_b1.h"  // kernels/cuda

namespace bench_cuda {

namespace probe_detail {

constexpr int kStats = 37;
struct GridStats {
    double v[kStats];  // see kNames
};
constexpr const char* kNames[kStats] = {"CTAs",       "start first", "start 10%",  "start 50%",     "start 90%",
                                        "start last", "loop first",  "loop last",  "end 50%",       "end 90%",
                                        "end last",   "owned",       "GB/s owned", "early CTAs",    "first wave",
                                        "CTAs/SM max-min", "CTA life 50%", "CTA loop 50%", "CTA after loop 50%",
                                        "step4 first", "step4 50%", "step4 last", "step5 first", "step5 50%",
                                        "step5 last", "step6 first", "step6 50%", "step6 last", "step7 first",
                                        "step7 50%", "step7 last", "early step4 50%", "early step4 last",
                                        "early step7 50%", "early step7 last", "early loop last",
                                        "ticket: last chunk"};

inline double q_of(std::vector<double> v, double q) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, std::size_t(q * double(v.size())))];
}

// One grid's stamps (region of the record; times in us from t0); prev_end: the previous grid's last end (us).
inline GridStats grid_stats(const unsigned long long* rg, double t0_ns, double prev_end, double bytes) {
    constexpr std::size_t M = rwkv::cuda_kernels::kProbeMaxCtas;
    std::vector<double> st, lp, en, life, loop, after, steps[4], early4, early7, early_lp;
    std::vector<int> per_sm(1024, 0);
    for (std::size_t b = 0; b < M; ++b) {
        if (rg[b] == 0) continue;
        st.push_back((double(rg[b]) - t0_ns) / 1e3);
        lp.push_back((double(rg[M + b]) - t0_ns) / 1e3);
        en.push_back((double(rg[2 * M + b]) - t0_ns) / 1e3);
        life.push_back(en.back() - st.back());
        loop.push_back(lp.back() - st.back());
        after.push_back(en.back() - lp.back());
        per_sm[std::min<std::size_t>(1023, rg[3 * M + b])]++;
        for (int k = 0; k < 4; ++k)
            if (const unsigned long long t = rg[std::size_t(4 + k) * M + b]; t != 0)
                steps[k].push_back((double(t) - t0_ns) / 1e3);
        if (st.back() < prev_end) {  // v63: the CTAs resident before the previous grid's last end
            early_lp.push_back(lp.back());
            if (const unsigned long long t = rg[4 * M + b]; t != 0) early4.push_back((double(t) - t0_ns) / 1e3);
            if (const unsigned long long t = rg[7 * M + b]; t != 0) early7.push_back((double(t) - t0_ns) / 1e3);
        }
    }
    GridStats g{};
    if (st.empty()) return g;
    const double e_first = *std::min_element(en.begin(), en.end()), e_last = *std::max_element(en.begin(), en.end());
    int early = 0, wave = 0;
    for (double s : st) {
        early += s < prev_end ? 1 : 0;
        wave += s < e_first ? 1 : 0;
    }
    int mx = 0, mn = 1 << 30;
    for (int c : per_sm)
        if (c > 0) {
            mx = std::max(mx, c);
            mn = std::min(mn, c);
        }
    const double owned = e_last - prev_end;
    g = {{double(st.size()), q_of(st, 0.0), q_of(st, 0.1), q_of(st, 0.5), q_of(st, 0.9), q_of(st, 1.0), q_of(lp, 0.0),
          q_of(lp, 1.0), q_of(en, 0.5), q_of(en, 0.9), e_last, owned, owned > 0 ? bytes / (owned * 1e3) : 0.0,
          double(early), double(wave), double(mx - mn), q_of(life, 0.5), q_of(loop, 0.5), q_of(after, 0.5)}};
    for (int k = 0; k < 4; ++k) {
        g.v[19 + 3 * k] = q_of(steps[k], 0.0);
        g.v[20 + 3 * k] = q_of(steps[k], 0.5);
        g.v[21 + 3 * k] = q_of(steps[k], 1.0);
    }
    g.v[31] = q_of(early4, 0.5);
    g.v[32] = q_of(early4, 1.0);
    g.v[33] = q_of(early7, 0.5);
    g.v[34] = q_of(early7, 1.0);
    g.v[35] = q_of(early_lp, 1.0);
    return g;
}

}  // namespace probe_detail

inline nlohmann::json bench_b1_probe(double copy_gbs) {
    using namespace probe_detail;
    nlohmann::json out = nlohmann::json::array();
    constexpr int kLayer = 16, kSteps = 8;
    constexpr std::size_t M = rwkv::cuda_kernels::kProbeMaxCtas;
    for (auto [name, dt] : std::vector<std::pair<std::string, rwkv::DType>>{{"7.2b", rwkv::DType::F16},
                                                                            {"7.2b", rwkv::DType::I8}}) {
        const rwkv::ModelShape s = shape_of(name);
        const bool i8 = dt == rwkv::DType::I8;
        auto [m, st, logits] = warm_random_model(s, dt, 0.098);
        const double es = i8 ? 1.0 : 2.0, C = s.n_embd, F = s.dim_ffn;
        const double lora = double(s.lora_w + s.lora_a + s.lora_g + s.lora_v) * C * 2.0;  // fp16 in every model
        const double state = double(s.n_head) * 64.0 * 64.0 * 4.0 * 2.0;
        // chain order: sparse(L-1), r/k/v(L), time mix(L), output(L), key(L), sparse(L), r/k/v(L+1)
        const char* grid_names[7] = {"sparse FFN (L-1)", "r/k/v + LoRA down", "time mix + LoRA up", "output + FFN LN",
                                     "FFN key", "sparse FFN + LN", "r/k/v (L+1)"};
        const double bytes[7] = {0.098 * F * C * es, 3 * C * C * es + lora, lora + state, C * C * es,
                                 F * C * es,         0.098 * F * C * es,  3 * C * C * es + lora};
        m->set_b1_probe(kLayer);
        m->set_sparse_stamps(true);
        std::vector<float> lg(static_cast<std::size_t>(s.vocab_size));
        for (int k = 0; k < 3; ++k) {  // capture + warm
            const std::int32_t tok = 11 + k;
            m->forward(st, std::span<const std::int32_t>(&tok, 1), lg);
        }
        std::vector<std::vector<GridStats>> per(7);
        constexpr int kX = 13;  // v75: SparseFfnArgs::stamps_x of layer kLayer's sparse grid, per token
        constexpr const char* kXNames[kX] = {
            "rows issued last",       "rows done last",        "rows done-issued max", "chunk in-start max",
            "partial stored last",    "h retries max",         "lastchunk: in last",   "lastchunk: rows done",
            "lastchunk: start last",  "lastchunk: retries max", "lastchunk: 1st h in",  "lastchunk: in-1st h max",
            "1st h in last (all)"};
        constexpr bool kXTime[kX] = {true, true, false, false, true, false, true, true, true, false, true, false, true};
        std::vector<std::vector<double>> xs(kX);
        for (int k = 0; k < kSteps; ++k) {
            m->sparse_stamps();  // arm
            m->probe_record();   // clear
            const std::int32_t tok = 100 + k;
            m->forward(st, std::span<const std::int32_t>(&tok, 1), lg);
            const auto rec = m->probe_record();
            const auto sp = m->sparse_stamps();
            const unsigned long long* r0 = rec.data();
            double t0 = 1e30;
            for (std::size_t b = 0; b < M; ++b)
                if (r0[b]) t0 = std::min(t0, double(r0[b]));
            auto us = [&](unsigned long long t) { return (double(t) - t0) / 1e3; };
            const unsigned long long* spa = sp.data() + 16 * (kLayer - 1);  // slot 15 min start, 13 max end
            const unsigned long long* spb = sp.data() + 16 * kLayer;
            // v63: a sparse grid's latest CTA start (slot 11), latest chunk in (14) and finishers' partials polled (7,
            // as "step4 last"), and whether the grid's last ticket went to a last-chunk CTA (12)
            const int G = rwkv::cuda_kernels::ffn_partials(s.dim_ffn);
            auto sparse = [&](const unsigned long long* sp) {
                GridStats x{};
                x.v[1] = us(sp[15]);
                x.v[5] = us(sp[11]);
                x.v[7] = us(sp[14]);
                x.v[10] = us(sp[13]);
                x.v[21] = sp[7] ? us(sp[7]) : 0.0;
                x.v[36] = (sp[12] >> 32) != 0 && int(sp[12] & 0xFFFF) == G - 1 ? 1.0 : 0.0;
                return x;
            };
            const unsigned long long* xb = sp.data() + 16 * std::size_t(s.n_layer + kLayer);
            for (int q = 0; q < kX; ++q)
                xs[std::size_t(q)].push_back(kXTime[q]                       ? us(xb[q])
                                             : q == 5 || q == 9 ? double(xb[q]) : double(xb[q]) / 1e3);
            double prev = us(spa[13]);
            per[0].push_back(sparse(spa));
            for (int g = 1; g < 7; ++g) {
                GridStats x{};
                if (g == 5) {
                    x = sparse(spb);
                    x.v[11] = x.v[10] - prev;
                    x.v[12] = x.v[11] > 0 ? bytes[g] / (x.v[11] * 1e3) : 0.0;
                } else {
                    const int region = g <= 4 ? g - 1 : 4;
                    x = grid_stats(rec.data() + std::size_t(region) * rwkv::cuda_kernels::kProbeFields * M, t0, prev,
                                   bytes[g]);
                }
                prev = x.v[10];
                per[std::size_t(g)].push_back(x);
            }
        }
        m->set_b1_probe(-1);
        m->set_sparse_stamps(false);
        const std::string label = name + (i8 ? " int8" : " fp16");
        std::printf("%-10s B=1 probe of layer %d, medians over %d tokens (us from the layer's r/k/v grid's first "
                    "start):\n",
                    label.c_str(), kLayer, kSteps);
        // one line per statistic, one column per grid (chain order)
        const char* short_names[7] = {"sparse L-1", "r/k/v", "time mix", "output", "FFN key", "sparse", "r/k/v L+1"};
        std::printf("    %-18s", "");
        for (const char* n : short_names) std::printf(" %10s", n);
        std::printf("\n");
        std::vector<std::vector<double>> med(7, std::vector<double>(kStats, 0.0));
        for (int g = 0; g < 7; ++g)
            for (int q = 0; q < kStats; ++q) {
                std::vector<double> v;
                for (const GridStats& x : per[std::size_t(g)]) v.push_back(x.v[q]);
                med[std::size_t(g)][std::size_t(q)] = q_of(v, 0.5);
            }
        for (int q = 0; q < kStats; ++q) {
            std::printf("    %-18s", kNames[q]);
            for (int g = 0; g < 7; ++g) std::printf(" %10.2f", med[std::size_t(g)][std::size_t(q)]);
            std::printf("\n");
        }
        std::printf("    %-18s", "bytes (MB)");
        for (int g = 0; g < 7; ++g) std::printf(" %10.2f", bytes[g] / 1e6);
        std::printf("\n");
        nlohmann::json row = {{"model", label}, {"layer", kLayer}};
        double owned_sum = 0.0;
        for (int g = 0; g < 7; ++g) {
            nlohmann::json gj;
            for (int q = 0; q < kStats; ++q) gj[kNames[q]] = med[std::size_t(g)][std::size_t(q)];
            if (g >= 1 && g <= 5) owned_sum += med[std::size_t(g)][11];
            row[grid_names[g]] = gj;
        }
        std::printf("    layer %d's grids own %.2f us (its bytes at %.0f GB/s copy: %.2f us)\n", kLayer, owned_sum,
                    copy_gbs, (bytes[1] + bytes[2] + bytes[3] + bytes[4] + bytes[5]) / (copy_gbs * 1e3));
        row["owned_us"] = owned_sum;
        // v75 (session 33): the sparse grid's rows and polls (medians over the tokens; us from t0, durations in us,
        // retries as counts) beside the key's last h store (its step5 last) and the r/k/v (L+1) first weights in
        std::printf("    v75 sparse (L): key step5 last (last h store) %.2f, key end last %.2f, partials polled last "
                    "%.2f, r/k/v L+1 early weights in 50%% / last %.2f / %.2f\n",
                    med[4][24], med[4][10], med[5][21], med[6][31], med[6][32]);
        nlohmann::json xj;
        for (int q = 0; q < kX; ++q) {
            const double v = q_of(xs[std::size_t(q)], 0.5);
            std::printf("      %-24s %10.2f\n", kXNames[q], v);
            xj[kXNames[q]] = v;
        }
        row["v75"] = xj;
        std::fflush(stdout);
        out.push_back(row);
    }
    return out;
}

}  // namespace bench_cuda
