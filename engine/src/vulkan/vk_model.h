// The Vulkan backend's Model ("vulkan", "vulkan:auto", "vulkan:N", "vulkan:<name>"): fp16 (or int8) weights, fp32
// activations, state and reductions; the math of engine/src/cpu/cpu_model.cpp (RWKV-7 spec §3) on the GPU. Batched
// decode can keep the WKV state in fp16 between steps (Model::set_batch_state_dtype(F16), RWKV_VK_STATE_F16=1 as the
// default; vk_state.h), where states are reached by buffer device address.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "rwkv/model.h"
#include "rwkv/sampler.h"

namespace rwkv {

namespace vk {

/// Knobs for tests and hand runs; the app uses the defaults. Each knob left at its default can also be set for hand
/// runs through the environment (RWKV_VK_MATVEC=per_row|wide, RWKV_VK_TPR, RWKV_VK_MATVEC_ROWS, RWKV_VK_MATVEC_UNROLL,
/// RWKV_VK_MATVEC_WG, RWKV_VK_SUBGROUP=0|1, RWKV_VK_SPARSE=0|1, RWKV_VK_TOKEN_MIX_SLICE, RWKV_VK_STATE_COPIES).
struct ModelConfig {
    /// Caps the size of one weight block / matrix piece below the device's maxStorageBufferRange, so that the
    /// split-buffer path runs on any device (tests use a few KiB). 0 = the device limit (capped at 1 GiB).
    std::uint64_t max_weight_block = 0;
    /// matvec kernel: "" = device default (per_row on CPU drivers, wide on GPUs), "per_row" (matvec.comp),
    /// "wide" (matvec_wide[_sg].comp).
    std::string matvec;
    /// per_row: threads per row (a power of two <= 64); non-zero selects per_row. 0 = 1 on CPU drivers, else 64.
    std::uint32_t matvec_threads_per_row = 0;
    /// wide: rows per workgroup (a power of two <= 64, at most the workgroup's threads); 0 = 2 (8 below C = 2048).
    std::uint32_t matvec_rows = 0;
    /// wide: column chunks each thread loads per loop iteration, 1, 2 or 4 (more loads in flight); 0 = 4 (1 below
    /// C = 2048).
    std::uint32_t matvec_unroll = 0;
    /// wide: threads per workgroup, 64, 128 or 256; 0 = 128 (256 below C = 2048). The default 128 / 2 rows / 4 chunks
    /// gives a thread all 8 of its 16-byte loads at once at C = 4096 (docs/perf-notes.md "B=1 v6"); below C = 2048
    /// 256 / 8 rows / 1 chunk reads faster (perf-notes "The public API at the end of session 11").
    std::uint32_t matvec_workgroup = 0;
    /// Subgroup-reduction shader variants: -1 = device default (GPUs with subgroup arithmetic), 0 off, 1 on.
    int subgroup = -1;
    /// false: the FFN value kernel reads every row (all mask bits set), for measuring the sparse FFN's gain.
    int sparse_ffn = -1;  // -1 = default (on)
    /// Columns per token-mix workgroup; 0 = device default (all C in one workgroup on CPU drivers, 256 on GPUs).
    std::uint32_t token_mix_slice = 0;
    /// Prefill of more than one token through the rows path (vk_rows.h: GEMMs over a chunk of tokens): -1 = default
    /// (on), 0 = token by token through the recorded step, 1 = on. RWKV_VK_ROWS=0|1 for hand runs.
    int rows_prefill = -1;
    /// L2 prefetch of the next matvec's first bytes beside the latency-bound stages (prefetch.comp; vk_step.h
    /// StepResources::prefetch): "A,W,F" MiB beside the attention token mix, wkv7 and the FFN token mix; "0" =
    /// none; "" = device default (GPUs "4,24,8", CPU drivers none). RWKV_VK_PREFETCH for hand runs. Throws
    /// InvalidArgument on a malformed spec.
    std::string prefetch;
    /// The token step's state: -1 = default (the step binds each State's buffer directly where every layer starts
    /// at a bindable offset, else copies it into a working buffer before and out after each forward), 1 = always
    /// the copies (tests of that path). RWKV_VK_STATE_COPIES=1 for hand runs.
    int state_copies = -1;
    /// int8 weights (LoadOptions::weight_dtype I8) read through 8-bit storage buffers: -1 = device default (where the
    /// device has storageBuffer8BitAccess), 0 = the packed-word fallback (tests of that path; bit-identical), 1 = 8-bit
    /// storage (Error BackendUnavailable without it). RWKV_VK_I8_STORAGE=0|1 for hand runs.
    int int8_storage = -1;
    /// Rows path (prefill, batched decode) of int8 models: -1 = default (fp16 copies of each layer's int8 matrices
    /// where the tensor-core GEMMs run, which read fp16; else gemm_i8 reads the int8 weights while staging its tiles),
    /// 1 = the copies on any device (tests: bit-identical to gemm_i8), 0 = gemm_i8 (every GEMM on the tiled one).
    /// RWKV_VK_I8_COPIES=0|1 for hand runs.
    int int8_gemm_copies = -1;
    /// Rows path of int8 models on a tensor-core device: 1 = the tensor-core GEMMs' int8 forms (gemm_coop, gemm_few,
    /// gemm_few_ws as *_i8[_s8].comp) stage W from the int8 weights as round_f16(q * scale), bit-identical to the
    /// copies, with no copies made or filled; 2 = those forms at most 64 rows (batched decode), the copies above
    /// (prefill; the default, -1: on the H200 +28 % tok/s at B=64, while a staged prefill ran 1.8x slower than the
    /// copies' fills, docs/perf/vulkan-rows.md "Rows path v35"); 0 = the copies. Ignored without
    /// VK_NV_cooperative_matrix or with int8_gemm_copies set; other values: Error InvalidArgument.
    /// RWKV_VK_I8_STAGE=0|1|2 for hand runs.
    int int8_gemm_stage = -1;
    /// Wide int8 matvecs (B=1 decode) by the integer dot product (matvec_wide_i8_dot[_sg].comp: x quantized to int16
    /// per 16 columns, two 4 x 8-bit dot products per weight word; docs/vulkan.md "int8 weights"): -1 = default (on
    /// where the driver reports the 4 x 8-bit packed dot product accelerated, e.g. NVIDIA: H100 7.2B +6 %; off on
    /// lavapipe), 0 off, 1 on where the device has VK_KHR_shader_integer_dot_product at all (elsewhere the float word
    /// path, silently); other values: Error InvalidArgument. RWKV_VK_I8_DOT=0|1 for hand runs.
    int int8_dot = -1;
    /// Rows per workgroup of those dot-product matvecs (a power of two <= 64, at most the workgroup's threads): the
    /// x chunk's quantization is shared by this many rows. 0 = 4 (or the wide matvec's rows when larger; H100 7.2B:
    /// 2 rows 270 tok/s, 4 rows 297, 8 rows 292).
    /// RWKV_VK_I8_DOT_ROWS for hand runs.
    std::uint32_t int8_dot_rows = 0;
    /// With int8_dot on: the token step's x of those matvecs quantized once, by the kernel that writes it (the token
    /// mixes, wkv7; token_mix_xq / wkv7_xq), not by every matvec workgroup again (matvec_wide_i8_dot_xq): -1 = default
    /// (on where the driver runs the dot product accelerated, as int8_dot: H200 7.2B +3.2 %), 0 off, 1 on
    /// (bit-identical to off; ignored where the dot form doesn't run on the wide matvec or C % 16 != 0); other values:
    /// Error InvalidArgument. RWKV_VK_I8_XQ=0|1 for hand runs.
    int int8_xq = -1;
    /// Enable VK_LAYER_KHRONOS_validation when installed (RWKV_VK_VALIDATION=1 does the same).
    bool validation = false;
};

/// Internals a test may check.
struct ModelStats {
    std::string device;
    std::uint32_t subgroup_size = 0;
    std::size_t weight_blocks = 0;          // VkBuffers holding matrices
    std::size_t emb_pieces = 0, head_pieces = 0;
    std::size_t step_dispatches = 0;        // dispatches in the recorded token step
    std::size_t step_barriers = 0;          // pipeline barriers in the recorded token step
    std::size_t submissions = 0;            // queue submissions by forward() and forward_batch() so far
    std::size_t rows_dispatches = 0;        // dispatches of the last recorded rows pass (0: none recorded)
    std::string kernels;                    // the shader variants in use, e.g. "matvec wide/8 sg, sparse ffn"
    std::vector<std::string> shaders_used;  // shaders (file stems) whose pipelines were created so far (Ops::shaders_used)
    bool validation = false;                // the validation layer is active
    bool spin_wait = false;                 // submissions poll their fence (Context::submit_and_wait)
    bool state_bound = false;               // the token step binds each State's buffer (no state copies)
    std::vector<std::string> validation_errors;
};

/// The device sampler (kernels/vulkan/sample.comp, Model::forward_batch_sample's) alone, for tests: row r of
/// `logits` ([rows, V] fp32) sampled with sampling[r] and the uniform number u[r] (what splitmix64_uniform would
/// draw; unused by greedy rows). Returns one id per row, -1 for a row with a NaN or +inf logit, -2 for a row of
/// -inf only; empty when the device cannot sample (no shaderFloat64 / shaderInt64, or V > 2^17). Throws
/// Error(InvalidArgument) for another backend's model or sizes that disagree.
std::vector<std::int32_t> sample_rows_for_test(Model& model, std::span<const float> logits, std::size_t V,
                                               std::span<const TokenSampling> sampling, std::span<const double> u);

/// Stats of a model made by make_vulkan_model. Throws Error(InvalidArgument) for another backend's model.
ModelStats model_stats(const Model& model);

/// Adapters of the system, one line each ("0: llvmpipe (...) cpu, 2048 MiB"), for `rwkv-cli` and tests.
std::vector<std::string> describe_devices();

}  // namespace vk

/// "vulkan:N" for the generic "auto" backend: the discrete GPU (vk::auto_device) whose free memory holds these
/// weights as fp16 (`int8`: as int8 with the rows path's fp16 copies, estimate_device_bytes) plus 512 MiB; empty
/// when there is none or no Vulkan driver. Never throws.
std::optional<std::string> vulkan_auto_backend(const WeightSet& weights, bool int8 = false) noexcept;

/// Builds the Vulkan backend on the device named by options.backend. Throws Error(BackendUnavailable) without a
/// usable device, Error(OutOfMemory) when the weights do not fit, Error(InvalidArgument) for a weight dtype other
/// than fp32/fp16/bf16 (all stored as fp16 on the device) or int8 (the big matrices int8 per row: vk_weights.h),
/// Error(UnsupportedModel) for head size != 64.
std::unique_ptr<Model> make_vulkan_model(WeightSet weights, const LoadOptions& options,
                                         const vk::ModelConfig& config = {});

}  // namespace rwkv
