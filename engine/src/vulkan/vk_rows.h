// The Vulkan backend's rows path: R = rows of S sequences through every layer at once, for chunked prefill
// (S = 1, R = a block of prompt tokens) and batched decode (S = B sequences, one row each). Per layer: LayerNorm
// rows, token-shift mixes, the projections as tiled GEMMs (gemm.comp: r/k/v, LoRA down and up, output, FFN key
// and value; the FFN is dense here), the WKV-7 scan per (head, sequence) over the sequence's rows
// (wkv7_rows.comp). Where the device has buffer device addresses, the shaders reach each sequence's own state
// buffer through an address table in the row tables (rows_state.glsl); otherwise the states are gathered into a
// working buffer ([S, L, layer floats], spec §5 layout) before and scattered back after each submission. The commands are recorded once per (row bucket, sequence bucket) —
// powers of two, padding rows are marked in the row tables and skipped — and re-submitted.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "rwkv/shape.h"
#include "vulkan/ops.h"
#include "vulkan/vk_weights.h"

namespace rwkv::vk {

class RowsPath {
public:
    /// One sequence of a call: its state buffer (dense spec layout) and the tokens to run, in order. state16: the
    /// fp16 copy of its WKV matrices (vk_state.h) that the WKV step reads and writes instead of the fp32 ones (the
    /// token-shift vectors stay in `state`); all or none of a call's sequences have one, only in batched decode
    /// (one token each) on a device with buffer device addresses.
    struct Seq {
        VkBuffer state = VK_NULL_HANDLE;
        VkBuffer state16 = VK_NULL_HANDLE;
        std::span<const std::int32_t> tokens;
    };

    RowsPath(std::shared_ptr<Context> ctx, Ops& ops, const ModelShape& shape, const DeviceWeights& w);
    ~RowsPath();
    RowsPath(const RowsPath&) = delete;
    RowsPath& operator=(const RowsPath&) = delete;

    /// Most rows (tokens over all sequences) and sequences of one run().
    std::uint32_t max_rows() const noexcept { return max_rows_; }
    std::uint32_t max_seqs() const noexcept { return max_seqs_; }

    /// Where the device copies the logits itself: host memory imported as a buffer (Buffer::import_host) that holds
    /// run()'s `logits` at byte `offset`.
    struct LogitsTarget {
        VkBuffer buffer = VK_NULL_HANDLE;
        VkDeviceSize offset = 0;
    };

    /// Device sampling in run() (Caps::device_sampling): one SampleRow per sequence in, one id per sequence out
    /// (the token, or -1 / -2 for a row with a NaN / +inf logit or only -inf ones: record_sample).
    struct Sampling {
        std::span<const SampleRow> rows;
        std::span<std::int32_t> ids;
    };

    /// Runs every sequence's tokens (1 <= total <= max_rows(), 1 <= seqs <= max_seqs(), no token list empty) and
    /// waits. With `logits` (seqs.size() * V floats), writes the logits after each sequence's last token: through
    /// the readback buffer and a host copy, or with `direct` (`logits` lies in that imported memory) by the device.
    /// With `sample`, the device picks each sequence's next token from them (sample.comp) and only the ids are read
    /// back (the logits too when `logits` is given).
    void run(const std::vector<Seq>& seqs, float* logits, const LogitsTarget* direct = nullptr,
             const Sampling* sample = nullptr);

    std::size_t submissions() const noexcept { return submissions_; }
    /// Dispatches and barriers of the last recorded rows pass (for tests and docs).
    std::size_t dispatches() const noexcept { return dispatches_; }

private:
    struct Recorded {
        VkCommandBuffer body = VK_NULL_HANDLE, head = VK_NULL_HANDLE, sample = VK_NULL_HANDLE;
        std::vector<std::string> stages;  // RWKV_VK_ROWS_PROFILE=1: the body's stage ending at query i + 1
    };
    void ensure_capacity(std::uint32_t rows, std::uint32_t seqs);
    Recorded& recorded(std::uint32_t rb, std::uint32_t sb, bool h16);
    void record_body(VkCommandBuffer cmd, std::uint32_t R, std::uint32_t S, bool h16);
    void record_head(VkCommandBuffer cmd, std::uint32_t S);
    void record_sample_rows(VkCommandBuffer cmd, std::uint32_t S);  // sample.comp over the head's S logits rows
    CoopScratch coop_scratch() const;  // empty when gemm_coop is not in use
    // RWKV_VK_ROWS_PROFILE=1: the stage times of the pass `rec` that ran last, to stderr
    void print_profile(const Recorded& rec, std::uint32_t R, std::uint32_t S) const;
    void print_call_profile(bool copy, bool sampled, double record_us, double submit_us,
                            double memcpy_us) const;  // ... around it

    std::shared_ptr<Context> ctx_;
    Ops& ops_;
    const ModelShape& s_;
    const DeviceWeights& w_;
    std::uint32_t max_rows_ = 0, max_seqs_ = 0;
    std::uint32_t rc_ = 0, sc_ = 0;  // allocated capacities
    std::uint64_t seq_floats_ = 0;
    bool bda_ = false;  // states bound by device address (Caps::buffer_address): no state_ buffer, no copies
    RowTables tables() const;
    std::uint32_t addr16_off() const noexcept { return 2 * rc_ + 4 * sc_; }  // the fp16 WKV copies' address table
    // float offsets in act_
    std::uint32_t x_ = 0, xmix_ = 0, r_ = 0, k_ = 0, v_ = 0, hw_ = 0, ha_ = 0, hg_ = 0, hv_ = 0, tw_ = 0,
                  ta_ = 0, tg_ = 0, tv_ = 0, vfirst_ = 0, y_ = 0, h_ = 0, zout_ = 0;
    Buffer act_, state_, io_up_, io_dev_, logits_, readback_;
    Buffer sample_in_, sample_out_;  // device sampling: SampleRow per sequence (host-written), ids (host-read)
    Buffer sample_ex_;               // RWKV_VK_SAMPLE_EXP=1 / 2: the sampler's exp(x - max) rows (sample.cpp)
    Buffer coop_part_, coop_tickets_;  // gemm_coop split-K scratch (only with Ops::kernels().coop_gemm)
    I8Shadow i8_;  // int8 models: fp16 copies of a layer's int8 matrices / the head for the GEMMs (vk_weights.h)
    // The layer's matrices the GEMMs of R rows read: w_.layers[l] itself, or for an int8 model with
    // Ops::Kernels::i8_copies (and R above i8_stage_rows) the int8 ones replaced by their fp16 copies in i8_ (then
    // `dequant` records the copies' fills).
    LayerMatrices gemm_layer(int l, std::uint32_t R, VkCommandBuffer dequant) const;
    VkQueryPool prof_pool_ = VK_NULL_HANDLE;  // RWKV_VK_ROWS_PROFILE=1: a timestamp after every body stage
    std::uint32_t prof_queries_ = 0;
    std::vector<std::string> prof_names_;     // record_body's stage names, moved into Recorded::stages
    VkQueryPool call_pool_ = VK_NULL_HANDLE;  // RWKV_VK_ROWS_PROFILE=1: timestamps around the body (kCallQueries)
    VkCommandPool pool_ = VK_NULL_HANDLE;
    VkCommandBuffer in_cmd_ = VK_NULL_HANDLE, out_cmd_ = VK_NULL_HANDLE;
    using Key = std::tuple<std::uint32_t, std::uint32_t, std::string>;  // row bucket, sequence bucket, knobs + h16
    std::map<Key, Recorded> cache_;
    std::size_t submissions_ = 0, dispatches_ = 0;
};

}  // namespace rwkv::vk
