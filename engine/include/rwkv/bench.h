// rwkv/bench.h — random weights of the official RWKV-7 shapes (spec §1.4), generated in process, and the
// measurement behind `rwkv-cli bench` (prefill / decode speed, FFN density, bytes per token, roofline).
// Random weights are for speed measurements only: their logits mean nothing.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "rwkv/dtype.h"
#include "rwkv/model.h"
#include "rwkv/shape.h"
#include "rwkv/weights.h"

namespace rwkv {

/// Shape of an official size: "0.1b", "0.4b", "1.5b", "2.9b", "7.2b", "13.3b" (spec §1.4: V 65536, F = 4C,
/// LoRA widths of the table), plus "tiny" (L2 C128 F512 V4096, for tests). Throws Error(InvalidArgument).
ModelShape preset_shape(const std::string& name);
/// The preset names accepted by preset_shape, smallest first.
std::vector<std::string> preset_names();

struct RandomWeightsOptions {
    ModelShape shape;
    DType dtype = DType::F16;  // storage of every tensor: F32, F16 or BF16 (int8 is a backend option)
    std::uint64_t seed = 1;
    /// Target fraction of channel-mix activations relu(k)² that are non-zero (0 < x < 1), reached by biasing
    /// ffn.key against a constant ln2 bias (the real 7.2B model measures ~9.8%). Negative = "natural"
    /// (no bias: about 50%).
    double ffn_density = 0.098;
    int threads = 0;  // 0 = all hardware threads
};

/// A canonical WeightSet (rwkv/weights.h) of the given shape, filled from a counter-based hash RNG (the same
/// seed gives the same values for any thread count; bits may differ in the last place between the AVX2 and
/// the portable generator). Magnitudes keep activations bounded
/// (unit-scale LayerNorm inputs, 1/sqrt(fan-in) projections, decays in the real models' range).
/// The buffers are owned by the set; 7.2B fp16 (14.4 GB) takes a few seconds on a few cores.
/// Throws Error(InvalidArgument) for a bad dtype/density, Error(OutOfMemory) when it does not fit.
WeightSet make_random_weights(const RandomWeightsOptions& options);

/// Bytes of weights one decode token reads (emb row, all block matrices incl. LoRA and vectors, head),
/// with `value_density` of ffn.value rows read (1 = dense) and `dtype` for the large matrices
/// (int8 adds one fp32 scale per 64 weights; LoRA counted as 16-bit for 16-bit/int8 dtypes, vectors as fp32).
double decode_weight_bytes(const ModelShape& s, DType dtype, double value_density);

/// Bytes of weights a model of shape `s` holds once loaded with `dtype` weights (LoadOptions::weight_dtype): every
/// matrix with its int8 row scales, LoRA and vector (decode_weight_bytes, dense) plus the whole embedding, which int8
/// keeps 16-bit. The one estimate of a load's size before it is made: RWKV Desktop's Models page fit hints and its
/// "with int8 weights it would fit on the GPU" note (with fits_on_device's margin there).
double loaded_weight_bytes(const ModelShape& s, DType dtype);

struct BenchOptions {
    std::string backend = "cpu";       // passed to Model::from_weights
    std::string random;                // preset name, or empty to load `model`
    std::filesystem::path model;       // checkpoint to load when `random` is empty
    DType dtype = DType::F16;          // LoadOptions::weight_dtype (and storage of random weights)
    int batch = 1;                     // sequences decoded together
    int prompt = 512;                  // prompt tokens (prefill), 0 = skip
    int gen = 64;                      // decoded tokens per sequence
    int threads = 0;                   // 0 = automatic (auto_cpu_threads)
    double ffn_density = 0.098;        // random weights only; negative = natural
    std::uint64_t seed = 1;
    bool profile = false;              // also time each decode stage on the device (Model::profile_decode)
    /// Untimed decode steps before the timed ones: the first, then more until this many seconds have passed after it. GPU
    /// drivers raise the clocks only after work has run for a while (H200 through Vulkan: the first ~0.1-0.17 s of
    /// decode after an idle load at 11-14 ms per token instead of 4.4; docs/perf-notes.md "B=1 v5"), so the timed
    /// loop measures the steady rate; BenchResult::first_step_ms reports the first step. The prompt's untimed prefill
    /// warm-up follows the same rule (BenchResult::first_prefill_ms reports its first call).
    double warmup_s = 0.5;
    std::optional<DType> batch_state_dtype;  // Model::set_batch_state_dtype when set (CUDA and Vulkan: F16 option)
    /// What a batched step (batch > 1) returns: the B x V logits (forward_batch into page-locked memory), or the B
    /// next ids sampled by the backend (forward_batch_sample, no logits): greedy, or top-p = the app's default
    /// sampling (temperature 1, top_p 0.3) with the B random streams seeded from `seed`.
    enum class BatchOutput { Logits, Greedy, TopP };
    BatchOutput batch_output = BatchOutput::TopP;
};
/// "logits", "greedy", "top-p".
const char* batch_output_name(BenchOptions::BatchOutput output);

struct BenchResult {
    std::string backend, device, shape;
    std::string dtype;  // dtype_name() of the weights that ran (Model::weight_dtype(); Vulkan runs fp16 for fp32 / bf16, CUDA for bf16)
    std::string state_dtype = "fp32";  // Model::batch_state_dtype() of batched decode ("fp32" or "fp16")
    bool logits_pinned = false;        // batched decode's B x V logits buffer page-locked (Model::pin_host_memory)
    std::string batch_output = "logits";  // batch_output_name() of what batched steps returned ("logits" at batch 1)
    int batch = 1;
    bool batched_decode = false;   // false: the backend ran the B sequences one after another
    std::string note;              // anything the reader must know (e.g. why batching was emulated)
    int threads = 0, prompt = 0, gen = 0;
    int warmup_steps = 0;          // untimed decode steps before the timed loop (BenchOptions::warmup_s)
    double warmup_s = 0;           // their wall time, seconds (the first step's included)
    double first_step_ms = 0;      // the first of them (the first decode step after the prompt), ms
    int prefill_warmup_calls = 0;  // untimed prefills of the whole prompt on a throw-away state before the timed one
    double first_prefill_ms = 0;   // the first of them (the first prefill after the load), ms; 0 when prompt = 0
    double ffn_density = -1;       // measured during decode, -1 when the backend does not report it
    double prefill_tok_s = 0, decode_tok_s = 0, ms_per_token = 0;
    double bytes_per_token = 0;    // weights read per decoded token (at the measured density on CPU)
    double achieved_gb_s = 0;      // bytes_per_token * decode tok/s (per sequence step)
    double read_bw_gb_s = 0;       // measured host read bandwidth (CPU backend), 0 if not measured
    double copy_bw_gb_s = 0;       // measured host memcpy bandwidth, bytes read + written
    double roofline_pct = 0;       // achieved / copy bandwidth * 100 (the definition), 0 if not measured
    double roofline_read_pct = 0;  // achieved / read bandwidth * 100
    double weights_gb = 0;         // stored weight bytes / 1e9
    double load_s = 0;             // weight generation or loading + backend set-up, seconds
    double peak_rss_load_mb = 0;   // peak resident memory of the process once the model is loaded (getrusage)
    double rss_after_load_mb = 0;  // resident memory right after the load (/proc/self/statm)
    double peak_rss_mb = 0;        // peak resident memory after prefill and decode (before the bandwidth test)
    std::vector<Model::StageTime> profile;  // per-stage device times of `gen` extra decode steps (--profile)
};

/// Runs one benchmark: prompt prefill (one forward() of `prompt` tokens per sequence), then `gen` decode
/// steps. Throws rwkv::Error (unknown preset, backend unavailable, out of memory).
BenchResult run_bench(const BenchOptions& options);

/// The `note` for a CPU decode above the memory roofline (either percentage over 100: the weights read per token stay
/// in the CPU caches, as for --random tiny), naming the percentages over 100; "" when neither is. Session 27 keyed
/// it on roofline_pct alone, so roofline_read_pct 115.6 with roofline_pct 73.1 had no note (session 28's trial, N5).
/// Where the weights read per token are more than `cache_bytes` (the CPU's largest cache; 0 = unknown: not compared),
/// they cannot stay in the caches: the note says the bandwidth measurement looks disturbed instead.
std::string roofline_note(double bytes_per_token, double roofline_pct, double roofline_read_pct, double cache_bytes = 0);

/// The size of CPU 0's largest cache in bytes (Linux sysfs, usually the shared last level); 0 where unknown.
double cpu_cache_bytes();

/// Measured host memory bandwidth with `threads` threads over `bytes`-sized buffers:
/// {read GB/s (sum of a buffer), copy GB/s (memcpy, read + written bytes)}; best of a few passes.
std::pair<double, double> measure_host_bandwidth(int threads, std::size_t bytes = std::size_t(256) << 20);

/// Peak resident set size of this process so far (getrusage ru_maxrss), MiB.
double peak_rss_mb();
/// Resident set size of this process now (/proc/self/statm), MiB; 0 where unavailable.
double current_rss_mb();

}  // namespace rwkv
