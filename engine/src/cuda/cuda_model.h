// The CUDA backend (engine-internal): device listing, device memory helpers, the device-memory State
// storage and the CudaModel (RWKV-7 spec §3, token by token; fp16, fp32 or int8 weight-only (per-row fp32
// scales on the big matrices, fp16 elsewhere) weights, fp32 activations and WKV state). Kernels live in kernels/cuda (rwkv_kernels.h). Public entry points are Model::load /
// Model::from_weights with backend "cuda:N" or "auto".
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <cuda_runtime_api.h>

#include "cuda/cuda_gemm.h"
#include "rwkv_kernels.h"  // kernels/cuda
#include "rwkv/devices.h"
#include "rwkv/model.h"

namespace rwkv::cuda {

namespace ck = rwkv::cuda_kernels;

/// Throws rwkv::Error for a failed CUDA call: OutOfMemory for allocation failures, Internal otherwise;
/// the message names `what` and the CUDA error string.
void check(cudaError_t e, const char* what);

/// The CUDA devices of this machine (empty when there is no driver or device).
std::vector<DeviceInfo> list_devices();

/// Why CUDA cannot run here after `e` (cudaGetDeviceCount's error): a sentence a user can act on ("no NVIDIA GPU
/// driver found: use the CPU or Vulkan"), then CUDA's own words in parentheses, and in `problem` which case it is.
std::string unavailable_reason(cudaError_t e, DeviceProblem* problem = nullptr);

/// Parses "cuda" / "cuda:N"; throws BackendUnavailable when the device does not exist.
int parse_device(const std::string& backend);

/// Device bytes a model of this shape needs with `wt` weights (weights, scratch, one state, staging); with
/// `int8` the big matrices take 1 byte per weight plus a 4-byte scale per row, and the rows path's fp16
/// dequantisation buffer is counted.
std::size_t estimate_bytes(const ModelShape& s, ck::WType wt, bool staging, bool int8 = false);

/// Owns device allocations; freed together.
class DeviceArena {
public:
    DeviceArena() = default;
    DeviceArena(const DeviceArena&) = delete;
    DeviceArena& operator=(const DeviceArena&) = delete;
    ~DeviceArena();
    void* alloc(std::size_t bytes, const char* what);  // zeroed
    float* floats(std::size_t n, const char* what) { return static_cast<float*>(alloc(n * 4, what)); }

private:
    std::vector<void*> ptrs_;
};

/// Device copies of one layer's tensors. Vectors are fp32; matrices are WType, [out, in] row-major as in
/// the WeightSet, except ffn_value_t = ffn.value transposed to [F, C] (one neuron = one contiguous row).
/// int8 mode: receptance/key/value/output/ffn_key/ffn_value_t (and the head) are int8 with one fp32 scale per
/// stored row in the *_s arrays (ffn_value_t: per neuron); the *_s pointers are null otherwise.
struct DevLayer {
    const float *ln1_w = nullptr, *ln1_b = nullptr, *ln2_w = nullptr, *ln2_b = nullptr;
    const float* mix6 = nullptr;  // [6, C]: x_r, x_w, x_k, x_v, x_a, x_g
    const float *w0 = nullptr, *a0 = nullptr, *v0 = nullptr, *k_k = nullptr, *k_a = nullptr, *r_k = nullptr;
    const float *lnx_w = nullptr, *lnx_b = nullptr, *ffn_x_k = nullptr;
    const void *receptance = nullptr, *key = nullptr, *value = nullptr, *output = nullptr;
    const void *w1 = nullptr, *w2 = nullptr, *a1 = nullptr, *a2 = nullptr, *v1 = nullptr, *v2 = nullptr;
    const void *g1 = nullptr, *g2 = nullptr;
    const void *ffn_key = nullptr, *ffn_value_t = nullptr;
    const float *receptance_s = nullptr, *key_s = nullptr, *value_s = nullptr, *output_s = nullptr;
    const float *ffn_key_s = nullptr, *ffn_value_s = nullptr;
};
struct DevWeights {
    ModelShape shape;
    ck::WType wt = ck::WType::F16;
    const void* emb = nullptr;   // [V, C]
    const void* head = nullptr;  // [V, C]
    const float* head_s = nullptr;  // int8 mode: [V] row scales
    bool int8 = false;
    const float *ln0_w = nullptr, *ln0_b = nullptr, *ln_out_w = nullptr, *ln_out_b = nullptr;
    std::vector<DevLayer> layers;
    std::size_t bytes = 0;       // device bytes of all weights
};

/// Uploads a WeightSet, converting every matrix to `wt` on the device; with `int8` the big matrices are
/// quantised per row to int8 on the device instead (cuda_weights.cpp).
void upload_weights(const WeightSet& ws, ck::WType wt, bool int8, DeviceArena& arena, DevWeights& out,
                    cudaStream_t stream);
/// Fills every tensor of `shape` with counter-hash random values on the device (bench only): 1/sqrt(fan-in)
/// projections, decays in the real range, and ffn.key biased against a constant ln2 bias so that a fraction
/// `ffn_density` of relu(k)² is non-zero (negative: no bias, about 50%).
void fill_random_weights(const ModelShape& shape, ck::WType wt, bool int8, std::uint64_t seed, double ffn_density,
                         DeviceArena& arena, DevWeights& out, cudaStream_t stream);

/// The CUDA Model. Public members beyond Model are for tests/gpu and the bench.
class CudaModel final : public Model {
public:
    /// wt: the activation/GEMM-input type and the type of every matrix; int8: the big matrices are int8
    /// (wt must be F16 then).
    CudaModel(ModelFingerprint fp, int device, ck::WType wt, bool int8 = false);
    ~CudaModel() override;

    /// Second phase of construction: weights from a WeightSet or random.
    void load(const WeightSet& ws);
    void load_random(std::uint64_t seed, double ffn_density);

    std::string backend_name() const override { return "cuda:" + std::to_string(device_); }
    std::string device_name() const override;
    DType weight_dtype() const override {
        return int8_ ? DType::I8 : wt_ == ck::WType::F16 ? DType::F16 : DType::F32;
    }
    State new_state() const override;
    bool pin_host_memory(std::span<std::byte> memory) const override;
    void unpin_host_memory(std::span<std::byte> memory) const override;
    FfnActivity ffn_activity() const override;
    /// Prompts of at least prefill_min_tokens() tokens run through the rows path (cuda_rows.cpp): blocks of
    /// up to kMaxRows tokens as GEMMs, the WKV recurrence as one scan kernel per layer; shorter ones token by
    /// token through the decode graph.
    void forward(State& state, std::span<const std::int32_t> tokens, std::span<float> logits,
                 const ForwardOptions& options = {}) override;
    /// Batched decode (cuda_rows.cpp): the B tokens are the rows of one step of the rows path (one CUDA graph
    /// per B, cuBLAS GEMMs, states reached through a device pointer table); B = 1 takes the decode graph.
    /// Batches above kMaxRows run in slices of kMaxRows.
    void forward_batch(std::span<State* const> states, std::span<const std::int32_t> tokens,
                       std::span<float> logits) override;
    /// Batched decode with the next tokens sampled on the device (kernels/cuda/sample.cu): only the B ids are
    /// copied to the host, the logits only when `logits` is not empty. B = 1 samples on the host (forward()'s
    /// decode graph: its one row of logits is 256 KB).
    void forward_batch_sample(std::span<State* const> states, std::span<const std::int32_t> tokens,
                              std::span<const TokenSampling> sampling, std::span<std::uint64_t> rng,
                              std::span<std::int32_t> next, std::span<float> logits = {}) override;
    bool has_batched_decode() const noexcept override { return true; }
    DType batch_state_dtype() const noexcept override { return batch_state_f16_ ? DType::F16 : DType::F32; }
    void set_batch_state_dtype(DType dtype) override;  // F32 or F16 (set_batch_state_f16)
    static constexpr int kMaxRows = 1024;  // rows per prefill block / sequences per batched step

    // --- measurement knobs (tests/gpu/bench_cuda.cpp) ---
    void set_use_graph(bool on) { use_graph_ = on; }
    void set_dense_ffn(bool on);
    /// Programmatic Dependent Launch between the kernels (process-wide switch; recaptures the graphs).
    void set_pdl(bool on);
    /// One token through the model eagerly with events between launches: {kernel label, total ms} summed
    /// over layers, median of `reps` repetitions. The state advances by `reps` tokens.
    std::vector<std::pair<std::string, double>> profile_step(State& state, std::int32_t token, int reps);
    std::size_t weight_bytes() const { return w_.bytes; }
    /// Measurement only (results are wrong while set): leave the kernels of these kinds out of the step
    /// graph, so that timing the graph without a kind gives that kind's true cost inside the graph.
    /// Bits: 1 ln_mix, 2 matvec r/k/v+LoRA down, 4 LoRA up, 8 wkv7, 16 output, 32 FFN key, 64 sparse FFN.
    /// Without kSkipKeepFused the step falls back to the unfused form (ln_mix launches, the list sparse kernel);
    /// with it (session 13) the default fusions and poll modes stay, so the differences are those of the shipping
    /// graph (32 without 64 keeps the fallback: the poll kernel would wait for the FFN key forever).
    static constexpr unsigned kSkipKeepFused = 128;
    void set_skip_mask(unsigned mask);
    /// v7 active-neuron list for the sparse FFN (default on; env RWKV_CUDA_SPARSE=chunk: the v6 chunk kernel).
    void set_sparse_list(bool on);
    /// v13 fused LayerNorm tail (env RWKV_CUDA_LN_FUSE=0..3; default 3): kLnFuseSparse — the next layer's
    /// time-mix LayerNorm + mixes (ln_out after the last layer) run in the sparse FFN, one launch fewer per layer: in
    /// the last column slice (list kernel, v13) or spread over the slices' last CTAs (poll kernel, v40: H200 B=1 7.2B
    /// fp16 +3.3-4.6 %; v13's one-CTA tail had lost 2.3-2.6 % there). Needs C <= 4096, the list sparse kernel, no skip
    /// mask and, with the poll kernel, n_layer >= 2; otherwise ln_mix runs. kLnFuseOutput (v43, session 12; env bit 1):
    /// the FFN LayerNorm + x_k mix run by the output projection's grid, spread over its 256-row slices
    /// (ck::MatvecBatch::ln), instead of an ln_mix launch before the FFN key; needs n_layer >= 2, C <= 8192 and no
    /// skip mask. (v13's form of bit 1, the whole LayerNorm in the output matvec's last CTA, had lost.)
    /// Default: both (kLnFuseOutput: H200 B=1 against its ln_mix launch 7.2B fp16 +0.1-0.3 %, int8 +1.0-1.2 %,
    /// 13.3B +0.4 %, dense FFN +0.7 %, docs/perf/cuda-decode.md v43).
    static constexpr unsigned kLnFuseOutput = 1, kLnFuseSparse = 2;
    void set_ln_fuse(unsigned mask);
    /// v14 knob (fp16 weights): matvecs that run 4 rows per CTA group with 2 chunks in flight instead of 2 x 4
    /// (bits: 1 output projection, 2 r/k/v, 4 FFN key; env RWKV_CUDA_ROWS4=N; default 3: H200 B=1 against mask 1,
    /// 7.2B +0.6% / +0.8%, 13.3B +0.7% / +0.6% in two runs; the FFN key did not gain, docs/perf-notes.md v14).
    void set_matvec_rows4(unsigned mask);
    /// v31 sparse FFN value of batch-1 decode (env RWKV_CUDA_SPARSE_POLL=bits): 0 the v7 list kernel after the FFN
    /// key; kSparsePoll the poll kernel (SparseFfnArgs::poll: no wait for the key grid, each 512-neuron chunk's rows
    /// start as soon as the key has stored that chunk); + kSparseEarly: the key's CTAs let it launch as they start
    /// (it then fills the SMs of the key's last wave). Default: poll + early + direct (H200 B=1, docs/perf-notes.md
    /// v31, v34b/v40; int8 ran poll + direct until v47, session 15, made the early trigger win there too). Poll needs
    /// the list setting (set_sparse_list(true)) and no skip mask; otherwise the list kernel runs. The LayerNorm tail (set_ln_fuse)
    /// keeps its own setting; with the poll kernel it runs spread over the column slices (v40, SparseFfnArgs::ln_stats;
    /// needs n_layer >= 2).
    /// + kSparseDirect (v34b, SparseFfnArgs::direct): no per-slice ticket, the last chunk's CTAs poll the other
    /// chunks' partials (and run the v40 tail); bit-identical to poll without it.
    static constexpr unsigned kSparsePoll = 1, kSparseEarly = 2, kSparseDirect = 4;
    void set_sparse_poll(unsigned mode);
    /// v17 (fp16 weights, LoRA widths fitting ck::wkv7_lora_fits): batch-1 decode computes the LoRA up-projections
    /// inside the time-mix kernel (default) or as their own matvec before wkv7 (A/B knob; env RWKV_CUDA_WKV7_LORA=0).
    void set_wkv7_lora(bool on);
    /// v44 (session 13): the fused time-mix kernel with each head on 1 CTA (v17) or a cluster of 4 (default;
    /// ck::Wkv7LoraArgs::split; H200 B=1 against 1, every round: 7.2B fp16 +0.4 %, int8 +0.5 %, 13.3B +0.1 %);
    /// other values: 1.
    void set_wkv7_split(int split);
    /// v47 (session 15, default on; env RWKV_CUDA_WKV7_POLL=0 turns it off): the split time-mix kernel polls its head's
    /// r/k/v rows and the LoRA hidden vectors as the r/k/v grid stores them (that grid ordered head by head, LoRA
    /// downs first; ck::launch_matvec_heads / launch_wkv7_lora_poll) instead of waiting for the whole grid.
    /// Bit-identical. H200 B=1 against v44's wait, same calls, every round, two calls: 7.2B fp16 +2.1 / +2.0 %, 13.3B
    /// +2.8 / +2.0 %, dense FFN +2.4 / +1.6 %, int8 (with sparse mode 7, against mode 5) +0.5 / +1.2 %
    /// (docs/perf/cuda-decode.md v47). Used when the fused split-4 kernel runs, fp16 or int8 weights with 4-row r/k/v
    /// groups (int8, or rows4 bit 2), n_layer >= 2, C % 64 == 0, C > 1024 and no skip mask; otherwise the v44 path
    /// runs.
    void set_wkv7_poll(bool on);
    /// Whether the captured step runs v47 (the knob on and the conditions above met).
    bool wkv7_polled() const;
    /// v49 (session 16; env RWKV_CUDA_I8DP=mode): the form of int8 models' batch-1 matvecs (ck::set_matvec_i8dp): by
    /// default (3) the batches over one wave (r/k/v, FFN key, head) take their dot products on the integer dot-product
    /// unit at 7 CTAs per SM (x rounded to int16 per 16-column chunk, exact int32 sums; not bit-identical to the fp32
    /// FMA path: x moves by <= 2^-15 of its chunk's largest |x|), the output projection the fp32 path; 0 the fp32 path
    /// everywhere (before v49), 5 the fp32 path at 7 CTAs per SM for the big batches (bit-identical to 0). H200 7.2B int8
    /// B=1: 3 +5.0 %, 5 +3.7 % over 0 (docs/perf/cuda-decode.md v49). Process-wide, like set_pdl.
    void set_matvec_i8dp(int mode);
    /// v49c (env RWKV_CUDA_F16_BIG=n): fp16 matvec batches over one wave at n CTAs per SM (7 default, 8 the form before,
    /// 6; ck::set_matvec_f16_big). Bit-identical. H200 B=1, 7 against 8: 7.2B +0.8 %, 13.3B +0.9 %. Process-wide.
    void set_matvec_f16_big(int ctas_per_sm);
    /// v53 (session 19; env RWKV_CUDA_B1_V53=bits; default 4184527: these four, v54's two, v55's, v56's two, v57's,
    /// v61's, v63's, v66's, v68's two, v70's and v71's below): batch-1 decode variants, each bit-identical to bits 0 (the form before) but v71 (int8 only). kV53OutOnly: the output
    /// projection's own matvec instantiation (ck::set_matvec_out_only, process-wide); kV53WkvEarly: the v47 time-mix grid lets the output projection launch as
    /// its CTAs start (ck::set_wkv7_poll_early, process-wide); kV53StepHead: forward()'s last step and the head in one
    /// graph (the head launched with PDL after the last sparse FFN; one graph launch fewer per call); kV53OneCopy: up
    /// to kParamsTokMax tokens uploaded inside the pinned params block (one DMA, no pageable token copy). H200 B=1,
    /// all four against 0, two calls, every round: 7.2B fp16 +1.67 / +1.45 %, int8 +2.72 / +2.09 %, 13.3B +1.47 /
    /// +1.73 %, dense FFN +1.20 / +1.73 %; kV53WkvEarly alone +1.2-1.5 % on every model (docs/perf/cuda-decode.md v53).
    /// v54 (session 20; default on): kV54HeadsOnly the r/k/v + LoRA-down batch, kV54I8Only the int8 FFN key and head,
    /// each by a matvec instantiation with the other job paths compiled out (ck::set_matvec_only, process-wide).
    /// Bit-identical. H200 B=1, 207 against 15, two calls: 7.2B int8 +1.94 / +2.15 % (every round; 64 alone +0.58 %,
    /// 128 alone +1.23 %), dense FFN +0.51 %, fp16 +0.13 / +0.15 %, 13.3B +0.07 / +0.39 % (docs/perf/cuda-decode.md v54).
    /// v55 (session 20; default on): kV55OldEarly, the output projection's residual old x loaded before its block
    /// reduction instead of after it (ck::set_matvec_ln_tail, process-wide). Bit-identical. H200 B=1, 463 against 207,
    /// A B B A rounds in one process: 7.2B fp16 +0.19 % (11 / 12 rounds), int8 +0.04 % (docs/perf/cuda-decode.md v55).
    /// v56 (session 21; default on): kV56ScaleEarly, an int8 matvec CTA's row scales copied to shared memory as it starts
    /// instead of loaded after its block reduction; kV56Sum4, a 4-row CTA's four warp sums by one transposed butterfly
    /// (ck::set_matvec_i8_tail, process-wide). Bit-identical. H200 B=1, 6607 against 463 in one process, every round:
    /// 7.2B int8 +3.3 / +3.0 % (two calls; 2048 alone +2.1 %, 4096 alone +1.1 %); fp16, dense FFN, 13.3B within ±0.2 %
    /// (docs/perf/cuda-decode.md v56).
    /// v57 (session 22; default on): kV57Rows8Heads, the int8 r/k/v of the r/k/v + LoRA-down batch in 8-row CTAs (with
    /// kV54HeadsOnly; ck::set_matvec_i8_rows8, process-wide). Bit-identical. H200 B=1, 22991 against 6607 in one
    /// process, every round: 7.2B int8 +3.3 %; fp16 models unchanged (docs/perf/cuda-decode.md v57).
    /// v61 (session 25; default on): kV61OutPoll, the output projection's FFN LayerNorm tail polls x's new values (a
    /// relaxed copy in ffn_xo_) in each slice's last row group instead of the slice ticket and the x read-back
    /// (ck::set_matvec_ln_tail bit 2, process-wide). Bit-identical. H200 B=1, 55759 against 22991, A B B A slots in one
    /// process, every round: 7.2B int8 +1.3 %, fp16 +0.9-1.0 %, 13.3B +1.0-1.1 %, dense FFN +0.4-0.5 %
    /// (docs/perf/cuda-decode.md v61).
    /// v63 (session 26; default on): kV63HRearm, the FFN activations of even and odd layers in two buffers (h_, h2_):
    /// each layer's sparse FFN grid re-arms the previous layer's buffer in pieces, one per CTA, instead of its last CTA
    /// setting all F activations back after its LayerNorm tail (ck::SparseFfnArgs::h_rearm / h_later; the last layer
    /// still re-arms its own). Bit-identical. H200 B=1, 121295 against 55759, A B B A slots in one process, every round:
    /// 7.2B fp16 +0.8 %, int8 +0.7 %, 13.3B +0.8 %, dense FFN +0.6 % (docs/perf/cuda-decode.md v63).
    /// v66 (session 28; default on): kV66OutPf, the output projection's fp16 4-row groups prefetch their second column
    /// pass into L2 once their first pass's weights are in (ck::set_matvec_out_prefetch, process-wide; int8 models'
    /// output projection holds every weight in registers before its wait and is unchanged). Bit-identical. H200 B=1,
    /// 7.2B fp16 +1.8 / +1.9 % in one process, every round (docs/perf/cuda-decode.md v66).
    /// v68 (session 29; default on): kV68LastFirst, the sparse FFN poll grid laid out chunk by chunk, the last chunk's
    /// CTAs (the slices' finishers) first (ck::SparseFfnArgs::chunk_major); kV68ValPf, the FFN key's last F / 8 rows
    /// prefetch the value rows of their non-zero activations into L2 (ck::MatvecBatch::value_pf; sparse FFN only).
    /// Bit-identical. H200 B=1, both against 252367 in one process, every round: 7.2B fp16 +0.47 %, 13.3B +0.79 %, int8
    /// +0.45 % (docs/perf/cuda-decode.md v68).
    /// v70 (session 31; default on): kV70Rows8Key, the int8-only batches (FFN key, head; with kV54I8Only) in 8-row CTAs
    /// whose lanes issue both column passes' loads (a 4,096-column row's 32 KB per CTA) before griddepcontrol.wait, at
    /// 4 CTAs per SM (ck::set_matvec_i8_rows8 bit 2). Bit-identical. H200 B=1, 2087375 against 1038799 in one process,
    /// every round: 7.2B int8 +1.0 / +1.1 %; fp16 models run none of it (docs/perf/cuda-decode.md v70).
    /// v71 (session 32): kV71OutDp, the int8 output projection's dot on the integer dot-product unit (v49's DP2A: x to
    /// int16 per 16 columns) in its own 8-per-SM instantiation, while set_matvec_i8dp's mode (1-4) puts the big int8
    /// batches there (ck::set_matvec_out_dp, process-wide). Not bit-identical (x moves by <= 2^-15 of its chunk's
    /// largest |x|; fp16 models unchanged), so outside kV53All (the bit-identical bits); kV53Known = every bit. H200 B=1,
    /// 4184527 against 2087375 in one process, every round: 7.2B int8 +0.9 / +1.0 % (docs/perf/cuda-decode.md v71).
    /// v72 (session 33): kV72XqOut, with kV71OutDp on an int8 model: the time-mix kernel (split form) also writes its
    /// output rounded to int16 per 16 columns (v49's rounding, ck::Wkv7LoraArgs::xq) and the output projection's DP2A
    /// dot loads those words and scales instead of reading x twice and rounding it (ck::MatvecLn::xq). The same words:
    /// bit-identical to kV71OutDp alone; nothing changes without kV71OutDp or on fp16 / fp32 models. Default on: H200
    /// B=1, 8378831 against 4184527 in one process, every round: 7.2B int8 +1.34 / +1.31 % (cuda-decode.md v72).
    /// v76 (session 33; default on since session 34): kV76HPair, the sparse FFN poll kernel's threads poll their two
    /// words of h together, both loads in flight per round, instead of the second only once the first is in
    /// (ck::SparseFfnArgs::h_pair). Bit-identical. H200 B=1 against 8378831 in one process: session 33 7.2B int8 +0.4 %
    /// every round, fp16 3 / 4 rounds; session 34 every round, 7.2B fp16 +0.04 to +0.6 %, int8 +0.04 to +0.4 %, 13.3B
    /// (one round) +0.1 % (cuda-decode.md v76, v77).
    /// v77 (session 34; default on): kV77RowsIn, on int8 models only (fp16 / fp32 unchanged: it lost 0.8-1.2 % there),
    /// the sparse FFN poll kernel's threads prefetch into L2 the value row (their CTA's column slice) of each non-zero
    /// word of h as soon as it is in, before the grid ticket, the h re-arm stores and the compaction
    /// (ck::SparseFfnArgs::rows_in). Bit-identical. H200 B=1, 33544655 (with kV76HPair) against 8378831 in one process,
    /// every round: 7.2B int8 +0.6 % (against kV76HPair alone, every round too) (cuda-decode.md v77).
    static constexpr unsigned kV53OutOnly = 1, kV53WkvEarly = 2, kV53StepHead = 4, kV53OneCopy = 8,
                              kV54HeadsOnly = 64, kV54I8Only = 128, kV55OldEarly = 256, kV56ScaleEarly = 2048,
                              kV56Sum4 = 4096, kV57Rows8Heads = 16384, kV61OutPoll = 32768, kV63HRearm = 65536,
                              kV66OutPf = 131072, kV68LastFirst = 262144, kV68ValPf = 524288,
                              kV70Rows8Key = 1048576, kV71OutDp = 2097152, kV72XqOut = 4194304,
                              kV76HPair = 8388608, kV77RowsIn = 16777216,
                              kV53All = 15 | 64 | 128 | 256 | 2048 | 4096 | 16384 | 32768 | 65536 | 131072 | 262144 |
                                        524288 | 1048576 | 8388608 | 16777216,
                              kV53Known = kV53All | kV71OutDp | kV72XqOut, kV53Default = kV53Known;
    void set_b1_v53(unsigned bits);
    unsigned b1_v53() const noexcept { return b1_v53_; }
    /// v45 measurement (session 14): with `on` the sparse FFN poll kernel of every layer writes %globaltimer stamps
    /// (ck::SparseFfnArgs::stamps, its slots) into a [n_layer][16] buffer; the results are unchanged.
    /// sparse_stamps() returns them (ns) and re-arms the buffer for the next step; v75 (session 33): followed by a
    /// second [n_layer][16] region, SparseFfnArgs::stamps_x's slots (2 * n_layer * 16 words in all).
    void set_sparse_stamps(bool on);
    std::vector<unsigned long long> sparse_stamps();
    /// v54 measurement (session 20): with layer >= 1 (< n_layer - 1), the next steps' launches of that layer's r/k/v
    /// grid, time-mix grid, output projection and FFN key, and the next layer's r/k/v grid, run probe instantiations
    /// (ck::set_b1_probe; same arithmetic) that write per-CTA %globaltimer stamps; -1 switches it off. probe_record()
    /// returns the last step's record: kProbeRegions regions of kProbeFields * kProbeMaxCtas words (decode_b1.h; start /
    /// loop done / end ns / SM id / steps per CTA, zero where not written) in that order, and clears it for the next
    /// step.
    static constexpr int kProbeRegions = 5;
    void set_b1_probe(int layer);
    std::vector<unsigned long long> probe_record();
    /// Shortest prompt that forward() prefills through the rows path (default 16; 0 or 1: every multi-token
    /// call; a large value: always token by token).
    void set_prefill_min_tokens(std::size_t n) { prefill_min_ = n; }
    std::size_t prefill_min_tokens() const noexcept { return prefill_min_; }
    /// Rows-path GEMMs through the fallback kernel instead of cuBLAS (tests; env RWKV_CUDA_GEMM=simple).
    void set_gemm_simple(bool on);
    bool gemm_uses_cublas() const noexcept { return gemm_ && gemm_->uses_cublas(); }
    /// Device time of one batched decode step (the graph of forward_batch, logits left on the device): median
    /// ms of `reps` replays timed with events. The states advance by reps + 1 tokens.
    double time_batch_step_ms(std::span<State* const> states, std::span<const std::int32_t> tokens, int reps);
    /// The rows path for S = states.size() sequences of T tokens each (bench tokens), eagerly with events
    /// between the kernel kinds: {kind, ms per call summed over layers}, median of `reps` runs. The states
    /// advance by reps * T tokens.
    std::vector<std::pair<std::string, double>> profile_rows(std::span<State* const> states, int T, int reps);
    /// r/k/v of the rows path as one strided-batched GEMM (default) or three GEMMs (A/B knob).
    void set_rkv_strided(bool on);
    /// v16: LayerNorm + token-shift mixes of the rows path as one kernel (default) or the v1 pair
    /// ln_rows + mix_rows (A/B knob; env RWKV_CUDA_ROWS_LN=0).
    void set_rows_ln_fused(bool on);
    /// v16: T = 1 WKV scans (batched decode) stage one step in 3 KB of shared memory with a 64-register cap
    /// (default) or run the prefill form (8-step stages; A/B knob, process-wide; env RWKV_CUDA_SCAN_T1=0).
    void set_wkv_scan_t1(bool on);
    /// v16e: batched decode (T = 1) runs WKV prep + scan + post as one kernel per (head, sequence), every input
    /// loaded before its first barrier (default; H200 7.2B B=256 14.16 -> 13.49 ms) or the three rows kernels
    /// (A/B knob; env RWKV_CUDA_WKV_FUSED=0).
    void set_rows_wkv_fused(bool on);
    /// v16d: fp16 relu² of the rows path with 16-byte accesses (default) or the v1 element loop (A/B knob,
    /// process-wide).
    void set_relu2_h8(bool on);
    /// v16f: batched decode steps of at least `min_batch` sequences (fp16/fp32 weights, cuBLAS) run as two
    /// independent halves on two streams inside one graph, so that one half's WKV scan (memory-bound) overlaps
    /// the other half's GEMMs (compute-bound). 0 = off. Results per sequence are those of a half-size batch.
    void set_rows_split(int min_batch);
    /// v38 (default on): batched decode (T = 1, fp16 weights, cuBLAS) of at most kSplitKRows rows runs the output
    /// projection and the FFN value (all but the last layer's) as split-K GEMMs of 2 slices, whose partial sums the
    /// next LayerNorm + mix kernel adds into x (more CTAs for the 4096-wide outputs: H200 7.2B B=128 7.35 -> 7.25 ms;
    /// B=256 not measurably faster, B=512 slower). Off: one GEMM each with beta = 1 (A/B knob).
    void set_rows_split_k(bool on);
    static constexpr int kSplitKRows = 128;
    /// v79 (session 52; env RWKV_CUDA_SPARSE_ROWS=N; 8 = kSparseFfnBatchRows is the most): batched decode steps of 2 to
    /// `max_rows` rows run the FFN value as the sparse kernel (ck::launch_sparse_ffn_batch: the value rows of the union
    /// of the rows' active neurons, each read once, int8 rows without the dequantisation) instead of the dense GEMM.
    /// 0 = off (the GEMM at every batch size); -1, the default: the weight type's (sparse_rows(): fp16 6, 8 where v84
    /// runs (set_rows_sparse_mma); int8 8; fp32 4 — H100, 7.2B fp16 a step −15 / −11 / −8 / −1.6 % at B = 2 / 3 / 4 /
    /// 6, +3.7 % at B = 8; int8 −24 / −23 / −22 / −18 / −16 % at B = 2 / 3 / 4 / 6 / 8, every round; sessions 53 and
    /// 54, docs/perf/cuda-rows.md "v79 / v80", "v80b"). Same function; a row's fp32 sum order differs from the GEMM's.
    void set_rows_sparse_ffn(int max_rows);
    /// v79r (default on; env RWKV_CUDA_SPARSE_RELU2=0 turns it off): where the sparse FFN value runs, it applies the
    /// relu² to the FFN key's outputs itself (the values launch_relu2_rows stores: bit-identical) — one launch fewer
    /// per layer.
    void set_rows_sparse_relu2(bool on);
    /// v80 (session 52): batched decode steps of 2 to `max_rows` rows run their nn.Linear products (r/k/v, LoRA,
    /// output, FFN key, head) as ck::launch_matvec_rows — each weight row read once for all rows — instead of cuBLAS
    /// (and without v38's split-K); 0 = off; 8 = kMatvecRowsMax is the most; another summation order. Where v80b takes
    /// a product (set_rows_matvec_split) it runs instead. Default (-1, env RWKV_CUDA_ROWS_MATVEC unset): off, except
    /// 4 rows with int8 weights where v80b is off (v81 reads them as int8: session 53's H100, 7.2B int8 B = 2 / 3 −54 /
    /// −46 % a step against cuBLAS over the dequantised copy; v80b is −8 to −33 % faster still at B = 2-8, session
    /// 54); slower than cuBLAS with fp16 / fp32 weights at every B of 2-8 (+7.5 % at B = 2, +19.5 % at B = 3).
    void set_rows_matvec(int max_rows);
    /// v81 (session 53; default on, env RWKV_CUDA_ROWS_MATVEC_I8=0 turns it off): where set_rows_matvec runs a step's
    /// products, int8 weights go to the matvec rows kernel as int8 with their row scales (1 byte a weight) instead of
    /// being dequantised to fp16 first (gemm_weight: 5 bytes a weight moved). Off: the dequantise path (comparisons).
    void set_rows_matvec_i8(bool on);
    /// v80b (session 53; env RWKV_CUDA_ROWS_MATVEC_SPLIT=N): batched decode steps of 2 to `max_rows` rows run their
    /// nn.Linear products whose K is a multiple of 256 (r/k/v, LoRA down, output, FFN key, head) as
    /// ck::launch_matvec_rows_split — K split over a CTA's 8 warps — instead of cuBLAS / v80 (and without v38's
    /// split-K); fp16 / fp32 weights, and int8 ones read as int8 where v81 is on (set_rows_matvec_i8). Another
    /// summation order. 0 = off; -1, the default: the weight type's (split_rows(): int8 8, fp16 2, fp32 off — session
    /// 54's H100, 7.2B with v79: int8 a step −8 / −11 / −17 / −25 / −33 % against v81 at B = 2 / 3 / 4 / 6 / 8, B = 8
    /// 13.97 → 7.90 ms through `rwkv-cli bench`; fp16 −2.3 % at B = 2 but +2.1 / +5.5 / +25 % at B = 3 / 4 / 8 against
    /// cuBLAS, every round; fp32 not measured; docs/perf/cuda-rows.md "v80b").
    void set_rows_matvec_split(int max_rows);
    /// v82 (session 55; env RWKV_CUDA_ROWS_MMA=N): batched decode steps of 2 to `max_rows` rows run their nn.Linear
    /// products with fp16 or int8 weights, K a multiple of 256 and at least ck::kMatvecMmaMinN outputs (r/k/v,
    /// output, FFN key, head) as ck::launch_matvec_rows_mma — mma.sync on the tensor cores, the rows as the mma's N —
    /// before v80b / v80 / cuBLAS (the LoRA down products keep those). Another summation order. 0 = off; -1, the
    /// default: mma_rows() — up to 8 rows with fp16 and int8 weights (not fp32: the kernel is fp16 in): session 55's
    /// H100, 7.2B, against the session 54 defaults, every round: fp16 −1.5 / −4.6 / −4.2 / −3.5 % a step at B = 2 / 3 /
    /// 4 / 8, int8 −18.5 / −24.1 / −26.0 / −36.1 % (B = 8 through `rwkv-cli bench`: 7.91 → 4.79 ms); docs/perf/
    /// cuda-rows.md "v82".
    void set_rows_matvec_mma(int max_rows);
    /// v84 (session 56; env RWKV_CUDA_SPARSE_MMA=0 / 1): where v79 runs the FFN value (set_rows_sparse_ffn), it runs on
    /// the tensor cores (SparseFfnBatchArgs::mma: the same union of active neurons, mma.sync with the columns as M and
    /// the rows as N) — fp16 and int8 weights, sm_80 and later. int8: the activations times the row scales are rounded
    /// to fp16 (one rounding more than v79). 1 = on, 0 = off; -1, the default: sparse_mma() — on for fp16 and int8
    /// weights from sm_80 (session 56's H100, 7.2B, against v79 every round: int8 −5.5 / −7.2 / −11.3 % a step at B = 2 /
    /// 3 / 8, fp16 −2.9 / −3.9 % at B = 2 / 3 and −2.1 % against the dense GEMM at B = 8; docs/perf/cuda-rows.md "v84").
    void set_rows_sparse_mma(int on);
    /// v85 (session 56; env RWKV_CUDA_SPARSE_SUM4=0 turns it off; default on): the sparse FFN value's last CTA of a
    /// column slice adds the chunks' partial sums 4 columns at a time (SparseFfnBatchArgs::sum4; bit-identical; H100,
    /// 7.2B, against v84 every round: int8 −3.5 / −4.5 / −10.7 % a step at B = 2 / 3 / 8, fp16 −2.5 / −3.2 / −8.2 %;
    /// docs/perf/cuda-rows.md "v85").
    void set_rows_sparse_sum4(bool on);
    /// v86 (session 57; env RWKV_CUDA_LORA_MMA=0 / 1): batched decode steps of 2 to 8 rows run the four LoRA projections
    /// (w, a, v, g) at their own widths on the tensor cores, two launches a layer (ck::launch_lora_down_rows with the
    /// activations in its epilogue, ck::launch_lora_up_rows) instead of v51's padded blocks (three launches, 2.3 x the
    /// bytes at 7.2B) or v19's five — fp16 and int8 models (their LoRA weights are fp16) from sm_80, C a multiple of
    /// 64 and every LoRA width of ck::kLoraRowsDStep. Another summation order. 1 = on, 0 = off; -1, the default: on
    /// (session 58, H100, 7.2B, with v86b, a step every round: int8 −9.9 / −12.7 % at B = 3 / 8, fp16 −5.6 / −6.8 %;
    /// docs/perf/cuda-rows.md "v86").
    void set_rows_lora_mma(int on);
    /// v86b (session 57; env RWKV_CUDA_LORA_SIDE=0 / 1): where v86 runs, its two launches go on a second stream forked
    /// after the LayerNorm + mixes and joined before the WKV step, so that they run beside the r/k/v product instead of
    /// after it (a branch of the step's graph). 1 = on, 0 = off; -1, the default: on (session 58, H100: −2.0 to −2.9 %
    /// a step against v86 on one stream; docs/perf/cuda-rows.md "v86").
    void set_rows_lora_side(int on);
    /// v16h (process-wide, default on): the fused LayerNorm + mixes runs 512 threads per row for C > 2048 (off: 256).
    void set_ln_mix_rows_512(bool on);
    /// v18 fp16-state option of batched decode (default off; env RWKV_CUDA_STATE_F16=1): forward_batch keeps each
    /// state's WKV matrices as an fp16 copy (CudaStateStorage::device_wkv16; fp32 arithmetic, rounded to fp16 on
    /// every store), halving the state traffic of a step. A state entering it is rounded once; export, clone,
    /// batch-1 decode and prefill widen it back to fp32 (exact), so states stay exportable and resumable — but a
    /// resumed fp16-mode run is not bit-identical to an fp32 one. T > 1 (prefill) always runs the fp32 state.
    void set_batch_state_f16(bool on);
    bool batch_state_f16() const noexcept { return batch_state_f16_; }
    /// v19: the rows path runs the LoRA down- and up-projections of v, w and a as one strided-batched GEMM each
    /// (copies of v1/w1/a1 and v2/w2/a2 zero-padded to the widest of the three, ~6 MB per layer at 7.2B, made on
    /// first use) and g's alone: 4 GEMM launches per layer instead of 8. Default on; env RWKV_CUDA_LORA_GROUPED=0.
    void set_rows_lora_grouped(bool on);

private:
    struct Prof;
    void alloc_scratch();
    void enqueue_step(Prof* prof);  // one token, all layers (reads params: state, tokens[pos])
    void enqueue_head(Prof* prof);
    void begin_forward(State& state, std::span<const std::int32_t> tokens);
    void reset_graphs();
    // rows path (cuda_rows.cpp)
    struct Rows;
    void ensure_rows(int rows, int seqs);
    std::unique_ptr<Rows> make_rows(int rows, int seqs);
    bool split_batch(int S, int T) const;  // v16f: this step runs as two halves on two streams
    void ensure_lane2(int seqs);           // the second stream, its cuBLAS handle and scratch (before capture)
    void enqueue_rows(int S, int T, const std::int32_t* d_tokens, bool head, Prof* prof = nullptr);
    void enqueue_lane(Rows& w, GemmRunner& G, cudaStream_t stream, int S, int T, const std::int32_t* d_tokens,
                      float* const* states, std::uint16_t* const* states16, float* logits, bool head, Prof* prof);
    void fill_state_tables(std::span<State* const> states, int T);  // rows_->states (+ states16), before a step
    // cuda_lora_blocks.cpp (before any graph capture)
    void ensure_lora_blocks();       // v19 padded v/w/a LoRA copies
    void ensure_lora4_blocks();      // v51 padded v/w/a/g LoRA copies (set_rows_lora4)
    void alloc_lora4_scratch(Rows& r);  // v51 hidden / activation / up-output scratch of `r`
    void prefill(State& state, std::span<const std::int32_t> tokens, std::span<float> logits,
                 const ForwardOptions& options);
    cudaGraphExec_t prepare_batch(std::span<State* const> states, std::span<const std::int32_t> tokens);
    /// forward_batch (next empty) and forward_batch_sample: slices of up to kMaxRows sequences, one graph each.
    void batch_steps(std::span<State* const> states, std::span<const std::int32_t> tokens, std::span<float> logits,
                     std::span<const TokenSampling> sampling, std::span<std::uint64_t> rng, std::span<std::int32_t> next);

    /// The weight of a rows-path GEMM as cuBLAS input: W itself, or (int8) W dequantised to fp16 into deq_.
    const void* gemm_weight(const void* W, const float* scale, std::int64_t rows, std::int64_t cols);

    int device_;
    ck::WType wt_;
    bool int8_ = false;
    /// The rows for which v80 / v81 run now (set_rows_matvec; -1 = the weight type's default).
    int matvec_rows() const noexcept { return rows_matvec_ >= 0 ? rows_matvec_ : int8_ && split_rows() == 0 ? 4 : 0; }
    /// The rows for which v80b runs now (set_rows_matvec_split; -1 = the weight type's default).
    int split_rows() const noexcept {
        return rows_matvec_split_ >= 0 ? rows_matvec_split_ : int8_ ? 8 : wt_ == ck::WType::F16 ? 2 : 0;
    }
    /// The rows for which v82 runs now (set_rows_matvec_mma; -1 = the weight type's default).
    int mma_rows() const noexcept {
        if (!mma_ok_) return 0;  // before sm_80: no m16n8k16 mma
        return rows_matvec_mma_ >= 0 ? rows_matvec_mma_ : wt_ == ck::WType::F16 ? ck::kMatvecRowsMax : 0;
    }
    /// Whether v84 takes v79's FFN value now (set_rows_sparse_mma; -1 = the default).
    bool sparse_mma() const noexcept {
        if (!mma_ok_ || wt_ != ck::WType::F16) return false;  // fp16 in (int8 models run wt_ F16 too)
        return rows_sparse_mma_ != 0;
    }
    /// Whether v86 runs the small steps' LoRA projections now (set_rows_lora_mma; -1 = the default).
    bool lora_mma() const noexcept {
        if (!mma_ok_ || wt_ != ck::WType::F16) return false;  // fp16 in (int8 models' LoRA weights are fp16)
        return rows_lora_mma_ != 0;  // on unless set off (session 58's H100 measurement)
    }
    /// Whether v86b puts v86's launches on lora_stream_ (set_rows_lora_side; -1 = the default).
    bool lora_side_on() const noexcept { return rows_lora_side_ != 0; }  // on unless set off (session 58)
    /// v86 runs and the shape fits it: C a multiple of 64, every LoRA width of ck::kLoraRowsDStep.
    bool lora_mma_fits(int C) const noexcept {
        const ModelShape& s = shape();
        const int q = ck::kLoraRowsDStep;
        return lora_mma() && C % 64 == 0 && s.lora_w % q == 0 && s.lora_a % q == 0 && s.lora_v % q == 0 &&
               s.lora_g % q == 0 && s.lora_w > 0 && s.lora_a > 0 && s.lora_v > 0 && s.lora_g > 0;
    }
    /// The rows for which v79 runs now (set_rows_sparse_ffn; -1 = the weight type's default).
    int sparse_rows() const noexcept {
        if (rows_sparse_ffn_ >= 0) return rows_sparse_ffn_;
        return int8_ ? 8 : wt_ == ck::WType::F16 ? (sparse_mma() ? 8 : 6) : 4;  // fp16: v84 wins at B = 8, v79 lost
    }
    void* deq_ = nullptr;  // int8: fp16 [max(3C*C, F*C, V*C)] dequantisation buffer of the rows path (lazy)
    cudaStream_t stream_ = nullptr;
    DeviceArena arena_;
    DevWeights w_;
    // scratch
    float *x_ = nullptr, *xmix_ = nullptr, *r_ = nullptr, *k_ = nullptr, *v_ = nullptr, *decay_ = nullptr;
    float *alpha_ = nullptr, *g_ = nullptr, *vgate_ = nullptr, *yg_ = nullptr, *v_first_ = nullptr;
    float *xk_ = nullptr, *hw_ = nullptr, *ha_ = nullptr, *hg_ = nullptr, *hv_ = nullptr, *h_ = nullptr;
    float* h2_ = nullptr;  // v63 (kV63HRearm): the odd layers' FFN activations (h_ the even layers')
    float *partials_ = nullptr, *z_ = nullptr, *logits_ = nullptr;
    ck::StepParams* d_params_ = nullptr;
    unsigned long long* d_active_ = nullptr;
    unsigned* d_counters_ = nullptr;  // sparse FFN column-slice tickets
    unsigned* d_mask_ = nullptr;      // active-neuron bitmask [ceil(F/32)], zero between FFN layers
    bool sparse_list_ = true;
    unsigned ln_fuse_ = kLnFuseSparse | kLnFuseOutput;
    unsigned rows4_ = 3;
    bool wkv7_lora_ = true;
    int wkv7_split_ = 4;
    bool wkv7_poll_ = true;     // v47
    bool rkv_armed_ = false;    // v47: r_/k_/v_ and hid_ armed (what a v47 step needs; it leaves all but the last
                                // layer's hidden vectors armed, those are re-armed by the next step's layer 0)
    float* hid_ = nullptr;      // v47: [n_layer][lora_w + lora_a + lora_g + lora_v] LoRA hidden vectors per layer
    unsigned long long* d_stamps_ = nullptr;  // v45 measurement [n_layer][16], v75 + [n_layer][16]
    unsigned b1_v53_ = kV53Default;           // v53 bits (set_b1_v53)
    void apply_b1_v53(unsigned bits);
    static constexpr std::size_t kParamsTokOff = 64, kParamsTokMax = 16;  // v53: tokens inside the params block
    bool stamps_on_ = false;
    unsigned long long* d_probe_ = nullptr;  // v54 measurement [kProbeRegions][ck::kProbeFields][ck::kProbeMaxCtas]
    int probe_layer_ = -1;
    unsigned ln_fused() const;  // the v13 tails the captured step uses (kLnFuseSparse: ln_out moves into the step)
    unsigned sparse_poll_ = 0;
    bool h_armed_ = false;           // h_ holds ck::kFfnUnset everywhere (what a poll step needs, and leaves)
    bool partials_armed_ = false;    // partials_ likewise (what a kSparseDirect step needs, and leaves)
    unsigned long long* ln_stats_ = nullptr;  // v40: [n_layer][ceil(C/256)] LayerNorm statistics words
    bool ln_stats_armed_ = false;    // all words armed once; a v40 step leaves all but the last layer's armed
    unsigned long long* ffn_ln_stats_ = nullptr;  // v43: the FFN LayerNorm's words, as ln_stats_
    unsigned* ffn_ln_counters_ = nullptr;         // v43: [ceil(C/256)] slice tickets of the output projection
    bool ffn_ln_armed_ = false;
    float* ffn_xo_ = nullptr;  // v61: [C] x's new values for the FFN LayerNorm tail's pollers (armed with ffn_ln_stats_)
    int* xq_ = nullptr;        // v72 (kV72XqOut): [C / 2] the time mix's output as int16 words, [C / 16] their scales
    float* xq_inv_ = nullptr;
    unsigned sparse_mode() const;    // the set_sparse_poll mode the captured step uses
    void arm_sparse_poll();          // before steps: h_ set to kFfnUnset if the poll kernel runs and it is not
    std::int32_t* d_tokens_ = nullptr;
    std::size_t tokens_cap_ = 0;
    float* h_logits_ = nullptr;  // pinned
    ck::StepParams* h_params_ = nullptr;  // pinned
    std::uint64_t ffn_total_ = 0;
    bool use_graph_ = true, dense_ffn_ = false;
    unsigned skip_ = 0;
    bool skip_unfused() const;  // a skip mask that turns the fusions off (set_skip_mask)
    cudaGraphExec_t step_graph_ = nullptr, head_graph_ = nullptr, step_head_graph_ = nullptr;  // v53: step + head
    std::unique_ptr<GemmRunner> gemm_;
    std::unique_ptr<Rows> rows_;
    std::map<int, cudaGraphExec_t> batch_graphs_;  // batched decode step per B (rows_ buffers baked in)
    std::size_t prefill_min_ = 16;
    bool rkv_strided_ = true;
    bool rows_ln_fused_ = true, rows_wkv_fused_ = true;
    int rows_split_min_ = 0;
    bool rows_split_k_ = true;
    int rows_sparse_ffn_ = -1;                        // v79: -1 = fp16 6 rows, int8 8, fp32 4 (sessions 53-54)
    bool rows_sparse_relu2_ = true;                   // v79r
    int rows_matvec_ = -1;                            // v80: -1 = int8 4 rows where v80b is off, else off
    bool rows_matvec_i8_ = true;                      // v81: int8 weights read as int8 where v80 runs
    int rows_matvec_split_ = -1;                      // v80b: -1 = int8 8 rows, fp16 2, fp32 off (session 54)
    int rows_matvec_mma_ = -1;                        // v82: -1 = fp16 and int8 8 rows, fp32 off (session 55)
    int rows_sparse_mma_ = -1;                        // v84: -1 = on for fp16 / int8 from sm_80 (session 56)
    bool rows_sparse_sum4_ = true;                    // v85
    int rows_lora_mma_ = -1;                          // v86: -1 = lora_mma()'s default
    int rows_lora_side_ = -1;                         // v86b: -1 = on
    cudaStream_t lora_stream_ = nullptr;              // v86b's stream and its fork / join (lazy, before capture)
    cudaEvent_t lora_fork_ev_ = nullptr, lora_join_ev_ = nullptr;
    bool mma_ok_ = false;                             // v82 / v84 can run: compute capability 8.0 or later
    bool batch_state_f16_ = false;
    bool lora_grouped_ = true;
    int lora_dp_ = 0;                                 // v19: padded width of the v/w/a LoRA blocks
    std::vector<const void*> lora_down3_, lora_up3_;  // v19 per layer: [3, Dp, C] and [3, C, Dp] (v, w, a)
    int lora_dg_ = 0;                                 // v51: padded width of the v/w/a/g LoRA blocks (0: not made)
    std::vector<const void*> lora_down4_, lora_up4_;  // v51 per layer: [4, Dg, C] and [4, C, Dg] (v, w, a, g)
    cudaStream_t stream2_ = nullptr;  // v16f second lane (lazy)
    cudaEvent_t fork_ev_ = nullptr, join_ev_ = nullptr;
    std::unique_ptr<GemmRunner> gemm2_;
    std::unique_ptr<Rows> rows2_;
    std::mutex mu_;
};

/// Builds a CUDA model from weights (backend "cuda:N"); throws BackendUnavailable / OutOfMemory.
std::unique_ptr<Model> make_cuda_model(const WeightSet& ws, const LoadOptions& options);
/// A random-weight CUDA model generated on the device (bench, tests).
std::unique_ptr<CudaModel> make_random_cuda_model(const ModelShape& shape, int device, DType dtype,
                                                  std::uint64_t seed, double ffn_density);

}  // namespace rwkv::cuda
