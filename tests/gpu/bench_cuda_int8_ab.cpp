// bench_cuda's int8 weight benches: --int8 (7.2B B=1 decode with fp16 and with int8 weights, side by side) and
// --b1's RWKV_BENCH_B1=i8dp (v49: the int8 matvec forms of set_matvec_i8dp; v49c: the fp16 multi-wave matvecs'
// CTAs per SM), each alternating its settings in one process.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench_cuda_ab.h"
#include "bench_cuda_common.h"
#include "cuda/cuda_model.h"
#include "matvec_i8dp.h"  // kernels/cuda

namespace ck = rwkv::cuda_kernels;

namespace bench_cuda {

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
nlohmann::json bench_b1_i8dp(double copy_gbs) {
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

}  // namespace bench_cuda
