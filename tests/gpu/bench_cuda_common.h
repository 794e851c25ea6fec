// Shared helpers of bench_cuda (bench_cuda.cpp: the standard grid; bench_cuda_b1_ab.cpp, bench_cuda_b1_v53.cpp,
// bench_cuda_int8_ab.cpp, bench_cuda_batch_ab.cpp: the kernel-version A/B benches). Times are milliseconds of wall
// clock around synchronous calls unless a name says otherwise.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "cuda/cuda_model.h"

namespace bench_cuda {

using Clock = std::chrono::steady_clock;

/// The official shape named "0.1b" ... "13.3b" (vocabulary 65536, head size 64).
rwkv::ModelShape shape_of(const std::string& name);
/// One item of RWKV_BENCH_AB ("shape:B:rounds,...", e.g. "7.2b:256:12"): a shape of shape_of, a batch size and a
/// number of rounds.
struct AbSet {
    std::string shape;
    int B, rounds;
};
/// The items of RWKV_BENCH_AB, or of `fallback` when it is unset; an item without two ':' is skipped.
std::vector<AbSet> ab_sets_from_env(const char* fallback);
/// The batch sizes in environment variable `name` ("256,1024"), or `fallback` when it is unset.
std::vector<int> batches_from_env(const char* name, std::vector<int> fallback);
/// The shapes "1.5b" and "7.2b", in that order, that an item of `sets` names: the batched A/B benches make one random
/// model per shape and run that shape's items on it.
std::vector<const char*> shapes_in(const std::vector<AbSet>& sets);
/// The [B, V] logits of the `steps`-th forward_batch from B fresh states, row b fed token (b·7919 + 11 + 104729·t) mod
/// V at step t: the fixed input of the batched benches' bit comparisons between kernel settings.
std::vector<float> batch_logits_after(rwkv::cuda::CudaModel& m, int V, int B, int steps);
/// The inputs of the batched top-p benches: B fresh states of a model and their pointers, the first tokens
/// (b·7919 + 11) mod V, a buffer for the sampled ids and each row's RNG stream (0x9E3779B97F4A7C15 + b). `ptrs` point
/// into `states`: keep the struct in one place (moving it keeps them valid, copying does not).
struct BatchInputs {
    std::vector<rwkv::State> states;
    std::vector<rwkv::State*> ptrs;
    std::vector<std::int32_t> ids, next;
    std::vector<std::uint64_t> rng;
};
BatchInputs batch_inputs(rwkv::cuda::CudaModel& m, int V, int B);
/// Median of v (the upper one of an even count).
double median(std::vector<double> v);
/// Median ms of one decode forward() (1 token, logits to the host) over n tokens after 5 warm-up tokens.
double decode_ms(rwkv::cuda::CudaModel& m, rwkv::State& s, int n);
// A random CUDA model of shape `s` in `dtype` at ReLU² density `density`, its state warmed by a 16-token prompt
// (the B=1 decode benches start from there; `logits` holds the prompt's last logits).
struct WarmModel {
    std::unique_ptr<rwkv::cuda::CudaModel> m;
    rwkv::State st;
    std::vector<float> logits;
};
WarmModel warm_random_model(const rwkv::ModelShape& s, rwkv::DType dtype, double density);
/// The ReLU² density measured between two FFN activity snapshots (active / total neurons in between).
double measured_density(const rwkv::Model::FfnActivity& a0, const rwkv::Model::FfnActivity& a1);
/// Bytes of the dense weights read per step (every matrix but the embedding) at es bytes per element.
double dense_weight_bytes(const rwkv::ModelShape& s, double es);
// Bytes per batch-1 token (weights at es bytes each, ffn.value at density dens, the fp32 state read + written).
double b1_bytes_per_token(const rwkv::ModelShape& s, double es, double dens);
/// The cost of each B=1 kernel kind inside the graph: `full_ms` (decode with every kind) minus decode with that kind
/// left out (set_skip_mask; the logits are meaningless meanwhile), as (kind, ms) in step order; the mask is cleared
/// afterwards.
std::vector<std::pair<std::string, double>> graph_kind_costs(rwkv::cuda::CudaModel& m, double full_ms);
/// Median ms of a T-token prefill in one chunk (3 timed of 4 runs).
double bench_prefill_t(rwkv::cuda::CudaModel& m, int T);
/// Prints a per-kind profile (label, ms) with shares of the total under `what`; returns it as a JSON object.
nlohmann::json print_profile(const std::vector<std::pair<std::string, double>>& prof, const std::string& what);

/// One matvec of rows x cols alone (bench_cuda.cpp; kind 0 fp16, 1 fp16 4-row, 2 int8), median us over rotating copies.
nlohmann::json bench_matvec(int rows, int cols, double copy_gbs, int kind);

// The A/B benches (bench_cuda_b1_ab.cpp, bench_cuda_int8_ab.cpp, bench_cuda_batch_ab.cpp); copy_gbs is the measured device copy bandwidth (read + write, GB/s).
nlohmann::json bench_b1_ab(double copy_gbs);     // --b1
nlohmann::json bench_int8(double copy_gbs);      // --int8
nlohmann::json bench_b1_lora(double copy_gbs);   // --batch --b1lora
nlohmann::json bench_batch_ab(double copy_gbs);  // --batch
nlohmann::json bench_sample(double copy_gbs);    // --sample (bench_cuda_sample.cpp)
nlohmann::json bench_small(double copy_gbs);     // --small (bench_cuda_small.cpp, v79)
void wkv_probe();                                // --wkvprobe
void b1_probe();                                 // --b1probe

}  // namespace bench_cuda
