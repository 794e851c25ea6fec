// Recording of the Vulkan backend's token step and head (the commands re-submitted for every token), with the
// optional device timestamps of `rwkv-cli bench --profile`. Math: RWKV-7 spec §3, as engine/src/cpu/cpu_model.cpp.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "rwkv/shape.h"
#include "vulkan/ops.h"
#include "vulkan/vk_weights.h"

namespace rwkv::vk {

/// Float offsets of the activations in the scratch buffer (each a multiple of 16 floats).
struct Scratch {
    std::uint32_t x, xmix, r, k, v, yg, vfirst, ffn_in, hw, ha, hg, hv, ffn_h;
    // Kernels::i8_xq: the int8 dot matvecs' x chunks quantized (xq_floats(C) each): the six mixes (the head's ln_out
    // in the first), ffn_in, yg.
    std::uint32_t xq_mix, xq_ffn, xq_yg;
    std::uint32_t total;
    explicit Scratch(const ModelShape& s);
};

/// Where the token step prefetches the next matvec's first bytes into L2 (StepResources::prefetch).
enum PrefetchSite : int { kPrefetchAttMix = 0, kPrefetchWkv = 1, kPrefetchFfnMix = 2 };

/// Everything a recorded step touches.
struct StepResources {
    const ModelShape* shape = nullptr;
    const DeviceWeights* w = nullptr;
    Scratch sc;
    BufferRange act, io, mask, logits, ffn_scratch;
    std::vector<BufferRange> layer_state;  // per layer, in the working state
    std::uint32_t layer_floats = 0;
    std::uint32_t mask_words = 0;          // per layer: ceil(F / 32)
    bool sparse_ffn = true;                // false: every FFN value row is read (mask bits all set)
    /// L2 prefetch (prefetch.comp) beside the latency-bound stages, bytes per PrefetchSite: beside the attention
    /// token mix (of r, k, v), wkv7 (of the output projection), the FFN token mix (of the FFN key). 0: none.
    /// Where any window is on, the step also touches the pages of the next matvec stage's matrices (record_touch).
    std::array<std::uint64_t, 3> prefetch{};
    explicit StepResources(const ModelShape& s) : shape(&s), sc(s) {}
};

/// Device timestamps after every stage of a recorded step, named by stage.
struct StageTimer {
    VkQueryPool pool = VK_NULL_HANDLE;
    std::uint32_t next = 0;                 // next query index
    std::vector<std::string> names;         // names[i]: the stage ending at query i + 1
    std::vector<double> bytes;              // bytes that stage reads and writes (0 = not counted)
};

/// Barriers a recorded step has, for stats.
struct StepCounts {
    std::size_t barriers = 0;
};

/// Records one token step: embedding + ln0, per layer 7 dependent stages (attention token mix; r/k/v and the LoRA
/// down projections; wkv7 with the LoRA up projections; output + residual; FFN token mix; FFN key + relu² +
/// mask; sparse FFN value + residual), the cursor advance. With `timer`, a timestamp after every stage. Where
/// `r.prefetch` has a window, page touches ride beside the stages before each matvec stage (and the head).
void record_step(Ops& ops, VkCommandBuffer cmd, const StepResources& r, StageTimer* timer, StepCounts& counts);

/// Page touch: one 16-byte load per `stride_bytes` of each piece of `mats` (prefetch.comp with a step; `sink` bound
/// but never written), so that the pages' address translations are walked before a matvec streams them. The token
/// step's weights span ~14 GB at 7.2B, beyond what the GPU's translation caches hold: without touches each matvec
/// begins with page walks (docs/perf/vulkan-decode.md "B=1 v15"). Recorded beside a stage, without a barrier.
void record_touch(Ops& ops, VkCommandBuffer cmd, std::span<const Matrix* const> mats, std::uint32_t stride_bytes,
                  const BufferRange& sink);

/// Reads `bytes` of `buf` from `offset` (multiples of 16) into L2 (prefetch.comp, one dispatch; `sink` bound but
/// never written): a later stage's small vectors (LayerNorm parameters, the state) warmed beside an earlier stage.
void record_warm(Ops& ops, VkCommandBuffer cmd, const BufferRange& buf, VkDeviceSize offset, VkDeviceSize bytes,
                 const BufferRange& sink);

/// The same touches as record_touch in one touch.comp dispatch per weight buffer (one workgroup per piece, up to 14
/// pieces per dispatch): the token step's form (docs/perf/vulkan-decode.md "B=1 v16").
void record_touch_merged(Ops& ops, VkCommandBuffer cmd, std::span<const Matrix* const> mats,
                         std::uint32_t stride_bytes, const BufferRange& sink);

/// Records the head: logits = head · LN(x; ln_out) into r.logits.
void record_head(Ops& ops, VkCommandBuffer cmd, const StepResources& r, StageTimer* timer, StepCounts& counts);

}  // namespace rwkv::vk
