// bench_cuda --b1's RWKV_BENCH_B1=v53 / v54 / v55 / v56 / v57 / v61 / v63 / v66 / v68 / v70 / v71 / v72 / v76 / v77
// (bench_cuda_b1_ab.cpp hands them here): the batch-1 decode variants of CudaModel::set_b1_v53's bits, alternating in
// one process, and v56's int8 matvec tails alone (bench_b1_v56_rows).
#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench_cuda_ab.h"
#include "bench_cuda_common.h"
#include "cuda/cuda_model.h"
#include "decode_b1.h"    // kernels/cuda

namespace ck = rwkv::cuda_kernels;

namespace bench_cuda {

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
// RWKV_BENCH_B1=v68 (session 29, cb1): 252367 (v66's default) / 776655 (+ kV68ValPf, the FFN key's last F / 8 rows
// prefetching their value rows) / 1038799 (+ kV68LastFirst, the sparse grid chunk by chunk, the last chunk first) /
// 514511 (kV68LastFirst alone), A B C D D C B A: 7.2B fp16 4 rounds, 13.3B 3, int8 3; the dense FFN 252367 / 514511
// A B B A 2 rounds (docs/perf/cuda-decode.md v68; call
// 1 ran the grid chunk by chunk with the last chunk last, lost, and with the prefetch from F / 4).
// RWKV_BENCH_B1=v70 (session 31, cb1): the int8 key and head shapes alone (bench_b1_v70_rows), the probe (fp16 and
// int8 at the default), then v68's default (1038799) against 2087375 (+ kV70Rows8Key: the int8 FFN key and head in
// 8-row CTAs, two passes' loads before the wait, 4 per SM), A B B A: 7.2B int8 4 rounds (fp16 models run none of it).
// The session's call ran the same form at 5 CTAs per SM and the r/k/v batch in it, at 5 and 4 per SM (lost, removed;
// docs/perf/cuda-decode.md v70).
// RWKV_BENCH_B1=v71 (session 32, cb1): the default without kV71OutDp (the int8 output projection's DP2A dot) against
// the default, A B B A: 7.2B int8 4 rounds (fp16 models run none of it).
// RWKV_BENCH_B1=v72 (session 33, cb1): the default without kV72XqOut (the time mix's int16 chunks for the output
// projection's DP2A dot) against the default, A B B A: 7.2B int8 6 rounds, 7.2B fp16 2 (a control: fp16 runs none of
// it).
// RWKV_BENCH_B1=v76 (session 33, cb5): session 33's default (8378831) against + kV76HPair (the sparse FFN's two words
// of h polled together; default on since session 34), A B B A: 7.2B fp16 4 rounds, int8 4.
// RWKV_BENCH_B1=v77 (session 34, cb1): session 33's default (A, 8378831) against + kV76HPair (B) and, on int8, + both
// (C, the default since session 34; kV77RowsIn changes nothing on fp16): 7.2B fp16 A B B A 4 rounds, int8 A B C C B A 4
// rounds, 13.3B A B B A 1 round. (The session's call, 6cb9957's form, ran A / + kV77RowsIn / + the key's prefetch
// from F / 4 / + kV76HPair / + both / + all three on every model: docs/perf/cuda-decode.md v77.)
// RWKV_BENCH_B1=v66 (session 28, cb1): v63's default (121295) against 252367 (+ kV66OutPf: the output projection's fp16
// groups prefetch their second column pass into L2), A B B A: 7.2B fp16 5 rounds, 13.3B 4, dense FFN 3, int8 2 (no
// fp16 output groups: unchanged). Call 1 of the session measured the same prefetch also in the r/k/v groups (int8 8-row
// early / late, fp16 4-row late: lost 1.3-1.7 %, removed; docs/perf/cuda-decode.md v66).
struct V53Run {
    std::string name;
    rwkv::DType dt;
    std::vector<unsigned> bits;
    int rounds;
    bool dense;
};
nlohmann::json bench_b1_v53(double copy_gbs, bool v54, bool v55, bool v56, bool v57, bool v61, bool v63, bool v66,
                            bool v68, bool v70, bool v71, bool v72, bool v76, bool v77) {
    nlohmann::json out = nlohmann::json::array();
    using Run = V53Run;
    std::vector<Run> runs;
    if (v77) {  // v77 (session 34): the sparse FFN's value rows to L2 at chunk-in (int8), with v76
        using CM = rwkv::cuda::CudaModel;
        constexpr unsigned a = CM::kV53Default & ~(CM::kV76HPair | CM::kV77RowsIn), b = a | CM::kV76HPair,
                           c = CM::kV53Default;
        runs.push_back({"7.2b", rwkv::DType::F16, {a, b, b, a}, 4, false});
        runs.push_back({"7.2b", rwkv::DType::I8, {a, b, c, c, b, a}, 4, false});
        runs.push_back({"13.3b", rwkv::DType::F16, {a, b, b, a}, 1, false});
    } else if (v76) {  // v76 (session 33): the sparse FFN poll kernel's h words polled together
        using CM = rwkv::cuda::CudaModel;
        constexpr unsigned a = CM::kV53Default & ~(CM::kV76HPair | CM::kV77RowsIn), b = a | CM::kV76HPair;
        runs.push_back({"7.2b", rwkv::DType::F16, {a, b, b, a}, 4, false});
        runs.push_back({"7.2b", rwkv::DType::I8, {a, b, b, a}, 4, false});
    } else if (v72) {  // v72 (session 33): the time mix's int16 chunks for v71's dot; fp16 models run none of it (control)
        using CM = rwkv::cuda::CudaModel;
        constexpr unsigned a = CM::kV53Default & ~CM::kV72XqOut, b = CM::kV53Default;
        runs.push_back({"7.2b", rwkv::DType::I8, {a, b, b, a}, 6, false});
        runs.push_back({"7.2b", rwkv::DType::F16, {a, b, b, a}, 2, false});
    } else if (v71) {  // v71 (session 32): the int8 output projection's DP2A dot; fp16 models run none of it (controls)
        using CM = rwkv::cuda::CudaModel;
        constexpr unsigned a = CM::kV53Default & ~CM::kV71OutDp, b = CM::kV53Default;
        runs.push_back({"7.2b", rwkv::DType::I8, {a, b, b, a}, 4, false});
    } else if (v70) {
        using CM = rwkv::cuda::CudaModel;
        constexpr unsigned a = CM::kV53Default & ~CM::kV70Rows8Key, b = CM::kV53Default;
        runs.push_back({"7.2b", rwkv::DType::I8, {a, b, b, a}, 4, false});
    } else if (v68) {
        using CM = rwkv::cuda::CudaModel;
        constexpr unsigned a = CM::kV53Default & ~(CM::kV68LastFirst | CM::kV68ValPf), b = a | CM::kV68ValPf,
                           c = b | CM::kV68LastFirst,
                           d = a | CM::kV68LastFirst;  // c: the default since session 29
        const std::vector<unsigned> abcd = {a, b, c, d, d, c, b, a};
        runs.push_back({"7.2b", rwkv::DType::F16, abcd, 4, false});
        runs.push_back({"13.3b", rwkv::DType::F16, abcd, 3, false});
        runs.push_back({"7.2b", rwkv::DType::I8, abcd, 3, false});
        runs.push_back({"7.2b", rwkv::DType::F16, {a, d, d, a}, 2, true});  // the dense FFN: no value prefetch
    } else if (v66) {
        const std::vector<unsigned> abba = {121295, 252367, 252367, 121295};
        runs.push_back({"7.2b", rwkv::DType::F16, abba, 5, false});
        runs.push_back({"7.2b", rwkv::DType::F16, abba, 3, true});
        runs.push_back({"13.3b", rwkv::DType::F16, abba, 4, false});
        runs.push_back({"7.2b", rwkv::DType::I8, abba, 2, false});
    } else if (v63) {
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
nlohmann::json bench_b1_v56_rows(double copy_gbs) {
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

// RWKV_BENCH_B1=v70's first part (session 31, cb1): the int8 FFN key and head shapes alone (bench_matvec, back-to-back
// launches) under ck::set_matvec_i8_rows8 1 (v57's: 4-row CTAs at 7 per SM) against 3 (the default since v70: 8-row
// CTAs, two passes' loads before the wait, 4 per SM), alternating, 3 rounds.
nlohmann::json bench_b1_v70_rows(double copy_gbs) {
    nlohmann::json out = nlohmann::json::array();
    const std::vector<unsigned> forms = {1, 3};
    for (auto [r, c] : std::vector<std::pair<int, int>>{{16384, 4096}, {65536, 4096}}) {
        std::vector<std::vector<double>> us(forms.size());
        for (int k = 0; k < 3; ++k)
            for (std::size_t q = 0; q < forms.size(); ++q) {
                ck::set_matvec_i8_rows8(forms[q]);
                us[q].push_back(bench_matvec(r, c, copy_gbs, 2)["us"].get<double>());
            }
        ck::set_matvec_i8_rows8(3);  // the default
        for (std::size_t q = 0; q < forms.size(); ++q)
            out.push_back({{"rows", r}, {"cols", c}, {"i8_rows8", forms[q]}, {"us", us[q]}});
    }
    return out;
}

}  // namespace bench_cuda
