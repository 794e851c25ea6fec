// bench_cuda --small (session 52, v79): the small batched-decode steps that several replies and the local API's n run
// (B = 2..8), with the FFN value as v79's sparse kernel and as the dense GEMM (CudaModel::set_rows_sparse_ffn 8 / 0),
// in one process: per B, `rounds` interleaved rounds of time_batch_step_ms (device ms of the step's graph, median of
// 20 replays) for each arm, then one eager per-kind profile (profile_rows) of each arm. Env: RWKV_BENCH_SMALL_SHAPE
// (default 7.2b), RWKV_BENCH_SMALL_DTYPE (fp16 | int8, default fp16), RWKV_BENCH_SMALL_B (default 2,3,4,8),
// RWKV_BENCH_SMALL_ROUNDS (default 4). Random weights at ReLU² density 0.098; the states are warmed by 4 top-p steps.
// Also the B=1 decode forward() for reference (median ms of 64 tokens, logits to the host).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench_cuda_common.h"
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
        std::vector<double> arm[2];  // 0: GEMM, 1: sparse
        for (int r = 0; r < rounds; ++r)
            for (int a = 0; a < 2; ++a) {
                m.set_rows_sparse_ffn(a == 0 ? 0 : rwkv::cuda_kernels::kSparseFfnBatchRows);
                arm[a].push_back(m.time_batch_step_ms(in.ptrs, in.ids, 20));
            }
        const double g = median(arm[0]), sp = median(arm[1]);
        int wins = 0;
        for (int r = 0; r < rounds; ++r) wins += arm[1][std::size_t(r)] < arm[0][std::size_t(r)];
        std::printf("small B=%d: GEMM %.3f ms, sparse %.3f ms (%+.1f %%, faster in %d of %d rounds); sparse step = %.2f x "
                    "B=1's; %.0f tok/s\n", B, g, sp, 100.0 * (sp - g) / g, wins, rounds, sp / b1, B / (sp * 1e-3));
        nlohmann::json jb = {{"batch", B}, {"gemm_ms", arm[0]}, {"sparse_ms", arm[1]}, {"gemm_median_ms", g},
                             {"sparse_median_ms", sp}, {"sparse_over_b1", sp / b1}};
        for (int a = 0; a < 2; ++a) {
            m.set_rows_sparse_ffn(a == 0 ? 0 : rwkv::cuda_kernels::kSparseFfnBatchRows);
            jb[a == 0 ? "profile_gemm" : "profile_sparse"] =
                print_profile(m.profile_rows(in.ptrs, 1, 3), "small B=" + std::to_string(B) + (a == 0 ? " GEMM" : " sparse"));
        }
        out["B=" + std::to_string(B)] = jb;
        std::fflush(stdout);
    }
    m.set_rows_sparse_ffn(rwkv::cuda_kernels::kSparseFfnBatchRows);
    return out;
}

}  // namespace bench_cuda
