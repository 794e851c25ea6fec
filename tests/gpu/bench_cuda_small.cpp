// bench_cuda --small (session 52, v79): the small batched-decode steps that several replies and the local API's n run
// (B = 2..8): the defaults (since session 58: v86's LoRA projections on a second stream, v86b) against v86 on the
// step's one stream (set_rows_lora_side 0) and without v86 (set_rows_lora_mma 0: v51 / v19, session 57's defaults)
// (session 57 dropped session 56's arms of the FFN value's forms — v84 / v85 won every round there and are the
// defaults; session 58 v87's, the WKV state prefetched into L2 on v86b's stream, which lost) — in one process: per B, `rounds` interleaved rounds of time_batch_step_ms
// (device ms of the step's graph, median of 20 replays) for each arm, then one eager per-kind profile (profile_rows)
// of each arm. Env: RWKV_BENCH_SMALL_SHAPE (default 7.2b), RWKV_BENCH_SMALL_DTYPE (fp16 | int8, default fp16),
// RWKV_BENCH_SMALL_B (default 2,3,4,8), RWKV_BENCH_SMALL_ROUNDS (default 4), RWKV_BENCH_SMALL_SKIP=1 (session 57: per
// B and arm, the graph with each of set_rows_stage_mask's 12 stages left out — full minus that is the stage's cost
// inside the graph, where the eager profile adds a launch's overhead to every kernel; the logits are meaningless
// meanwhile, and a stage left out can change the FFN's activity). Random weights at ReLU² density 0.098; the states
// are warmed by 4 top-p steps.
// Also the B=1 decode forward() for reference (median ms of 64 tokens, logits to the host).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench_cuda_common.h"
#include "cuda/cuda_rows.h"
#include "rwkv/sampler.h"

namespace bench_cuda {

nlohmann::json bench_small(double copy_gbs) {
    nlohmann::json out = nlohmann::json::object();
    const char* shape_env = std::getenv("RWKV_BENCH_SMALL_SHAPE");
    const char* dtype_env = std::getenv("RWKV_BENCH_SMALL_DTYPE");
    const char* rounds_env = std::getenv("RWKV_BENCH_SMALL_ROUNDS");
    const std::string shape = shape_env ? shape_env : "7.2b";
    const bool int8 = dtype_env && std::strcmp(dtype_env, "int8") == 0;
    const int rounds = rounds_env ? std::max(1, std::atoi(rounds_env)) : 4;
    const rwkv::ModelShape s = shape_of(shape);
    WarmModel w = warm_random_model(s, int8 ? rwkv::DType::I8 : rwkv::DType::F16, 0.098);
    rwkv::cuda::CudaModel& m = *w.m;
    const double b1 = decode_ms(m, w.st, 64);
    std::printf("small %s %s: copy %.0f GB/s; B=1 decode forward() %.3f ms (%.1f tok/s)\n", shape.c_str(),
                int8 ? "int8" : "fp16", copy_gbs, b1, 1e3 / b1);
    out["shape"] = shape;
    out["dtype"] = int8 ? "int8" : "fp16";
    out["b1_ms"] = b1;
    const rwkv::TokenSampling top_p{1.0f, 0.3f};
    for (int B : batches_from_env("RWKV_BENCH_SMALL_B", {2, 3, 4, 8})) {
        BatchInputs in = batch_inputs(m, s.vocab_size, B);
        for (int t = 0; t < 4; ++t) {
            m.forward_batch_sample(in.ptrs, in.ids, {&top_p, 1}, in.rng, in.next);
            in.ids = in.next;
        }
        // arms (session 58): 0 the defaults (cuda_model.h: v82 / v80b for the nn.Linear products, v84 / v85 for the
        // FFN value, v86 + v86b for the LoRA projections), 1 v86 on the step's one stream, 2 without v86 (v51 / v19)
        const char* names[3] = {"default", "one_stream", "no_v86"};
        constexpr int arms = 3;
        auto set_arm = [&](int a) {
            m.set_rows_sparse_ffn(-1);
            m.set_rows_sparse_mma(-1);
            m.set_rows_sparse_sum4(true);
            m.set_rows_sparse_relu2(true);
            m.set_rows_matvec(-1);
            m.set_rows_matvec_split(-1);
            m.set_rows_matvec_mma(-1);
            m.set_rows_matvec_i8(true);
            m.set_rows_lora_mma(a == 2 ? 0 : -1);
            m.set_rows_lora_side(a == 1 ? 0 : -1);
        };
        std::vector<double> arm[arms];
        for (int r = 0; r < rounds; ++r)
            for (int a = 0; a < arms; ++a) {
                set_arm(a);
                arm[a].push_back(m.time_batch_step_ms(in.ptrs, in.ids, 20));
            }
        double med[arms] = {};
        for (int a = 0; a < arms; ++a) med[a] = median(arm[a]);
        auto wins = [&](int a, int b) {
            int n = 0;
            for (int r = 0; r < rounds; ++r) n += arm[a][std::size_t(r)] < arm[b][std::size_t(r)];
            return n;
        };
        const double best = *std::min_element(med, med + arms);
        std::printf("small B=%d: default %.3f | v86 on one stream %.3f | no v86 %.3f ms (default %+.1f %% vs one stream, "
                    "faster in %d/%d; %+.1f %% vs no v86, %d/%d); best = %.2f x B=1's, %.0f tok/s\n", B, med[0], med[1],
                    med[2], 100.0 * (med[0] - med[1]) / med[1], wins(0, 1), rounds, 100.0 * (med[0] - med[2]) / med[2],
                    wins(0, 2), rounds, best / b1, B / (best * 1e-3));
        nlohmann::json jb = {{"batch", B}};
        for (int a = 0; a < arms; ++a) {
            jb[std::string(names[a]) + "_ms"] = arm[a];
            set_arm(a);
            jb[std::string("profile_") + names[a]] =
                print_profile(m.profile_rows(in.ptrs, 1, 3), "small B=" + std::to_string(B) + " " + names[a]);
        }
        if (const char* sk = std::getenv("RWKV_BENCH_SMALL_SKIP"); sk != nullptr && std::strcmp(sk, "1") == 0) {
            static const char* stages[12] = {"ln_mix1", "gemm_rkv", "lora_down", "lora_act", "lora_up", "wkv",
                                             "gemm_output", "ln_mix2", "ffn_key", "relu2", "ffn_value", "head"};
            for (int a = 0; a < arms; ++a) {
            set_arm(a);
            const bool f16 = m.batch_state_f16();
            auto graph_ms = [&](unsigned skip) {
                rwkv::cuda::set_rows_stage_mask(skip, 0u);
                m.set_batch_state_f16(f16);  // drops the graphs: the next capture takes the mask
                std::vector<double> t;
                for (int r = 0; r < 3; ++r) t.push_back(m.time_batch_step_ms(in.ptrs, in.ids, 20));
                return median(t);
            };
            const double full = graph_ms(0u);
            nlohmann::json js = {{"full_ms", full}};
            std::printf("small B=%d %s graph %.3f ms; each stage left out (ms saved):", B, names[a], full);
            for (int b = 0; b < 12; ++b) {
                const double saved = full - graph_ms(1u << b);
                js[stages[b]] = saved;
                std::printf(" %s %.3f", stages[b], saved);
            }
            std::printf("\n");
            rwkv::cuda::set_rows_stage_mask(0u, 0u);
            m.set_batch_state_f16(f16);
            jb[std::string("stage_saved_ms_") + names[a]] = js;
            }
        }
        out["B=" + std::to_string(B)] = jb;
        std::fflush(stdout);
    }
    m.set_rows_sparse_ffn(-1);
    m.set_rows_sparse_mma(-1);
    m.set_rows_sparse_sum4(true);
    m.set_rows_sparse_relu2(true);
    m.set_rows_matvec(-1);
    m.set_rows_matvec_split(-1);
    m.set_rows_matvec_mma(-1);
    m.set_rows_matvec_i8(true);
    m.set_rows_lora_mma(-1);
    m.set_rows_lora_side(-1);
    return out;
}

}  // namespace bench_cuda
