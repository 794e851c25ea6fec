// The rows path of the Vulkan backend (vk_rows.h). Math: RWKV-7 spec §3, as engine/src/cpu/cpu_model.cpp; design
// as the CUDA rows path (engine/src/cuda/cuda_rows.cpp).
#include "vulkan/vk_rows.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "rwkv/error.h"
#include "vulkan/vk_step.h"

namespace rwkv::vk {
namespace {

constexpr float kLayerNormEps = 1e-5f;
constexpr float kGroupNormEps = 64e-5f;
constexpr std::uint32_t kMaxRows = 1024;
constexpr std::uint32_t kMaxSeqs = 64;
constexpr std::uint32_t kPadRow = 0x3FFFFFFFu;
constexpr std::uint32_t kCoopPartFloats = 8u << 20;  // split-K sums of the GEMMs between two barriers
constexpr std::uint32_t kCoopTickets = 1u << 16;
constexpr std::uint32_t kCoopMinRows = 16;  // gemm_coop works on 16-row tiles: row buckets start there
// RWKV_VK_ROWS_PROFILE=1, the call around the body: 0 start, 1 after the state copies in, 2 head start, 3 after
// ln_out + head GEMM, 4 after the logits copy, 5 state copies out start, 6 after them, 7 after the device sampler.
constexpr std::uint32_t kCallQueries = 8;
// Environment knobs read while a pass is recorded (RowsPath keys its recorded passes by their values, so one process
// can alternate them): RWKV_VK_FEW_WS, RWKV_VK_FEW_TAIL, RWKV_VK_FEW_WS_* (gemm_few.cpp), RWKV_VK_LNMIX_FORM,
// RWKV_VK_LNMIX_SLICES (rows_lnmix.cpp), RWKV_VK_ROWS_TOUCH, RWKV_VK_PREFILL_LORA (record_body), RWKV_VK_WKV_KA
// (record_wkv7_rows_h16), RWKV_VK_SAMPLE_EXP (sample.cpp), RWKV_VK_POST_PAIR (record_wkv7_rows),
// RWKV_VK_LNMIX_SPLIT (rows_lnmix.cpp), RWKV_VK_WKV_V8 (record_wkv7_rows_h16).
constexpr const char* kRecordingKnobs[] = {
    "RWKV_VK_FEW_WS",          "RWKV_VK_LNMIX_FORM",       "RWKV_VK_LNMIX_SLICES",   "RWKV_VK_FEW_TAIL",
    "RWKV_VK_FEW_WS_GROUPS",   "RWKV_VK_FEW_WS_DEPTH",     "RWKV_VK_FEW_WS_UNROLL",  "RWKV_VK_FEW_WS_LOADERS",
    "RWKV_VK_FEW_WS_MW",       "RWKV_VK_FEW_WS_BPF",       "RWKV_VK_ROWS_TOUCH",     "RWKV_VK_WKV_KA",
    "RWKV_VK_PREFILL_LORA",    "RWKV_VK_SAMPLE_EXP",       "RWKV_VK_FEW_WS_MINK",    "RWKV_VK_FEW_WS_MINN",
    "RWKV_VK_POST_PAIR",       "RWKV_VK_LNMIX_SPLIT",     "RWKV_VK_LNMIX_VEC",      "RWKV_VK_FFN_HT",
    "RWKV_VK_WKV_V8"};

std::uint32_t bucket(std::uint32_t n) {
    std::uint32_t b = 1;
    while (b < n) b <<= 1;
    return b;
}

// Copies the logits out of the mapped readback buffer. One thread reads host-cached memory written by the device at
// ~5-6 GB/s (H200 machine, B=64: 16.8 MB in 2.7-3.6 ms per step), so copies of 2 MB and more are split over up to 8
// threads (there: 0.71-0.84 ms; docs/perf-notes.md "Rows path v4").
void copy_logits(float* dst, const void* src, std::size_t bytes) {
    constexpr std::size_t kPerThread = std::size_t(1) << 20;
    const std::size_t hw = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t n = std::min<std::size_t>({8, hw, bytes / kPerThread});
    if (n <= 1) {
        std::memcpy(dst, src, bytes);
        return;
    }
    const std::size_t part = (bytes / n + 63) / 64 * 64;
    auto piece = [&](std::size_t i) {
        const std::size_t b = std::min(bytes, i * part), e = std::min(bytes, b + part);
        std::memcpy(reinterpret_cast<char*>(dst) + b, static_cast<const char*>(src) + b, e - b);
    };
    std::vector<std::thread> pool;
    pool.reserve(n - 1);
    std::size_t started = 1;
    try {
        for (; started < n; ++started) pool.emplace_back(piece, started);
    } catch (const std::system_error&) {  // no thread: this one copies the rest
    }
    for (std::size_t i = started; i < n; ++i) piece(i);
    piece(0);
    for (std::thread& t : pool) t.join();
}

void begin(VkCommandBuffer cmd, VkCommandBufferUsageFlags flags) {
    VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    bi.flags = flags;
    check(vkBeginCommandBuffer(cmd, &bi), "recording");
}

// Batched decode with the fp16 WKV state (Seq::state16): the one-pass WKV step (wkv7_rows_[sg_]bda_h16.comp,
// wkv7_rows.glsl's WKV_STATE_F16 main) reading and writing each sequence's fp16 copy through the address table at
// addr16; state_base in halves of that copy ([L, H, 64, 64]). That main takes row s of the call as sequence s (one
// row per sequence, no wait on the row tables) and a zero address as a padding sequence: RowsPath::run admits the
// fp16 state only by address with one token per sequence. Returns where y is, as record_wkv7_rows does.
std::uint32_t record_wkv7_rows_h16(Ops& ops, VkCommandBuffer cmd, const BufferRange& act, const BufferRange& params,
                                   const RowTables& t, const Wkv7RowsArgs& a, std::uint32_t layer,
                                   std::uint32_t addr16) {
    struct PushSingle {  // kernels/vulkan/wkv7_rows.glsl
        std::uint32_t C, Rc, Sc, p_base, first_layer;
        std::uint32_t r_off, k_off, v_off, tw_off, ta_off, tg_off, tv_off, vfirst_off, y_off, state_base, seq_stride;
        float gn_eps;
    };
    static_assert(sizeof(PushSingle) == 68, "wkv7_rows.glsl push constants");
    const bool sgc = ops.kernels().subgroup && ops.caps().subgroup_shuffle && ops.caps().subgroup_size >= 4;
    const char* ka = std::getenv("RWKV_VK_WKV_KA");  // 0: the v24b form (kRecordingKnobs); default the KA form
    // 16-byte state loads / stores (V8; docs/perf/vulkan-batched.md "Rows path v33": H200 7.2B B=64, same process,
    // -0.09 ms per step); RWKV_VK_WKV_V8=0 (kRecordingKnobs) records the 8-byte form before it.
    const char* v8 = std::getenv("RWKV_VK_WKV_V8");
    const Pipeline& p = ops.pipeline(sgc ? Shader::wkv7_rows_sg_bda_h16 : Shader::wkv7_rows_bda_h16, 4,
                                     sizeof(PushSingle),
                                     {a.y_fp16 ? 1u : 0u, ka && *ka == '0' ? 0u : 1u, v8 && *v8 == '0' ? 0u : 1u});
    const PushSingle push{a.C,      t.rc,     t.sc,     a.p_base,     a.first_layer, a.r_off,
                          a.k_off,  a.v_off,  a.tw_off, a.ta_off,     a.tg_off,      a.tv_off,
                          a.vfirst_off, a.y_fp16 ? 2 * a.y_off : a.y_off, layer * 64 * a.C, addr16, a.gn_eps};
    ops.dispatch(cmd, p, {act, params, act, t.io}, &push, a.H, a.S);  // binding 2 unused (states by address)
    return a.y_fp16 ? a.y_off : kWkvYFp32;
}

}  // namespace

RowsPath::RowsPath(std::shared_ptr<Context> ctx, Ops& ops, const ModelShape& shape, const DeviceWeights& w)
    : ctx_(std::move(ctx)), ops_(ops), s_(shape), w_(w) {
    const Caps& caps = ctx_->caps();
    seq_floats_ = std::uint64_t(s_.n_layer) * s_.state_floats_per_layer();
    bda_ = caps.buffer_address;
    const std::uint64_t limit = std::min(caps.max_storage_range, caps.max_allocation);
    max_seqs_ = bda_ ? kMaxSeqs : std::uint32_t(std::clamp<std::uint64_t>(limit / (seq_floats_ * 4), 1, kMaxSeqs));
    max_seqs_ = bucket(max_seqs_ + 1) / 2;  // a power of two
    max_rows_ = kMaxRows;
    const std::uint64_t C = std::uint64_t(s_.n_embd), F = std::uint64_t(s_.dim_ffn);
    auto act_floats = [&](std::uint64_t R) {
        return R * (C * 17 + F + std::uint64_t(s_.lora_w + s_.lora_a + s_.lora_g + std::max(s_.lora_v, 1)) + 64) +
               kMaxSeqs * C * 2;
    };
    while (max_rows_ > 16 && act_floats(max_rows_) * 4 > limit) max_rows_ /= 2;
    if (ops_.kernels().i8_copies) i8_ = make_i8_shadow(ctx_, w_);
    if (ops_.kernels().coop_gemm) {  // gemm_coop's split-K partial sums and tickets (zero once, see ops.h)
        coop_part_ = Buffer(ctx_, VkDeviceSize(kCoopPartFloats) * 4, MemoryKind::Device, "rows-path split-K sums");
        coop_tickets_ = Buffer(ctx_, VkDeviceSize(kCoopTickets) * 4, MemoryKind::Device, "rows-path split-K tickets");
        const VkBuffer t = coop_tickets_.handle();
        ctx_->run_once([&](VkCommandBuffer cmd) { vkCmdFillBuffer(cmd, t, 0, VK_WHOLE_SIZE, 0); });
    }
    const char* prof = std::getenv("RWKV_VK_ROWS_PROFILE");
    if (prof && std::string(prof) == "1" && caps.timestamp_bits > 0) {
        prof_queries_ = 4 + 12 * std::uint32_t(s_.n_layer);
        VkQueryPoolCreateInfo qi{VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO};
        qi.queryType = VK_QUERY_TYPE_TIMESTAMP;
        qi.queryCount = prof_queries_;
        check(vkCreateQueryPool(ctx_->device(), &qi, nullptr, &prof_pool_), "creating a timestamp query pool");
        qi.queryCount = kCallQueries;
        check(vkCreateQueryPool(ctx_->device(), &qi, nullptr, &call_pool_), "creating a timestamp query pool");
    }
    pool_ = ctx_->create_command_pool();
    VkCommandBuffer cmds[2];
    ctx_->allocate_command_buffers(pool_, cmds, 2);
    in_cmd_ = cmds[0];
    out_cmd_ = cmds[1];
}

RowsPath::~RowsPath() {
    vkDeviceWaitIdle(ctx_->device());
    vkDestroyCommandPool(ctx_->device(), pool_, nullptr);
    if (prof_pool_) vkDestroyQueryPool(ctx_->device(), prof_pool_, nullptr);
    if (call_pool_) vkDestroyQueryPool(ctx_->device(), call_pool_, nullptr);
}

void RowsPath::ensure_capacity(std::uint32_t rows, std::uint32_t seqs) {
    if (rows <= rc_ && seqs <= sc_) return;
    vkDeviceWaitIdle(ctx_->device());
    for (auto& [key, rec] : cache_) {
        VkCommandBuffer b[3] = {rec.body, rec.head, rec.sample};
        vkFreeCommandBuffers(ctx_->device(), pool_, 3, b);
    }
    cache_.clear();
    rc_ = std::max(rows, rc_);
    sc_ = std::max(seqs, sc_);
    const std::uint32_t C = std::uint32_t(s_.n_embd), F = std::uint32_t(s_.dim_ffn), R = rc_;
    std::uint32_t o = 0;
    auto take = [&](std::uint64_t n) {
        const std::uint32_t at = o;
        o += std::uint32_t((n + 15) / 16 * 16);
        return at;
    };
    x_ = take(std::uint64_t(R) * C);
    xmix_ = take(6ull * R * C);
    r_ = take(std::uint64_t(R) * C);
    k_ = take(std::uint64_t(R) * C);
    v_ = take(std::uint64_t(R) * C);
    hw_ = take(std::uint64_t(R) * std::uint32_t(s_.lora_w));
    ha_ = take(std::uint64_t(R) * std::uint32_t(s_.lora_a));
    hg_ = take(std::uint64_t(R) * std::uint32_t(s_.lora_g));
    hv_ = take(std::uint64_t(R) * std::uint32_t(std::max(s_.lora_v, 1)));
    tw_ = take(std::uint64_t(R) * C);
    ta_ = take(std::uint64_t(R) * C);
    tg_ = take(std::uint64_t(R) * C);
    tv_ = take(std::uint64_t(R) * C);
    vfirst_ = take(std::uint64_t(R) * C);
    y_ = take(std::uint64_t(R) * C);
    h_ = take(std::uint64_t(R) * F);
    zout_ = take(std::uint64_t(sc_) * C);
    act_ = Buffer(ctx_, VkDeviceSize(o) * 4, MemoryKind::Device, "rows-path activations");
    if (!bda_) state_ = Buffer(ctx_, VkDeviceSize(seq_floats_ * 4 * sc_), MemoryKind::Device, "rows-path states");
    const VkDeviceSize io_bytes = VkDeviceSize(2 * rc_ + 2 * sc_ + (bda_ ? 4 * sc_ : 0)) * 4;  // + both address tables
    io_up_ = Buffer(ctx_, io_bytes, MemoryKind::Upload, "rows-path tables");
    io_dev_ = Buffer(ctx_, io_bytes, MemoryKind::Device, "rows-path tables");
    logits_ = Buffer(ctx_, VkDeviceSize(sc_) * std::uint64_t(s_.vocab_size) * 4, MemoryKind::Device, "rows-path logits");
    readback_ = Buffer(ctx_, logits_.size(), MemoryKind::Readback, "rows-path logits readback");
    if (ctx_->caps().device_sampling) {
        sample_in_ = Buffer(ctx_, VkDeviceSize(sc_) * sizeof(SampleRow), MemoryKind::Upload, "sampling settings");
        sample_out_ = Buffer(ctx_, VkDeviceSize(sc_) * 4, MemoryKind::Readback, "sampled token ids");
    }
    const VkBuffer a = act_.handle();
    ctx_->run_once([&](VkCommandBuffer cmd) { vkCmdFillBuffer(cmd, a, 0, VK_WHOLE_SIZE, 0); });
}

RowsPath::Recorded& RowsPath::recorded(std::uint32_t rb, std::uint32_t sb, bool h16) {
    // Kernel choices read from the environment at recording time (kRecordingKnobs) are part of the key, so one
    // process can alternate them (same-process A/B benchmarks).
    std::string knobs;
    for (const char* name : kRecordingKnobs) {
        const char* v = std::getenv(name);
        knobs += v ? v : "-";
        knobs += ';';
    }
    if (h16) knobs += "h16";
    const Key key{rb, sb, knobs};
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
    VkCommandBuffer cmds[3];
    ctx_->allocate_command_buffers(pool_, cmds, 3);
    Recorded rec{cmds[0], cmds[1], cmds[2]};
    const std::size_t d0 = ops_.dispatch_count();
    begin(rec.body, VK_COMMAND_BUFFER_USAGE_SIMULTANEOUS_USE_BIT);
    record_body(rec.body, rb, sb, h16);
    check(vkEndCommandBuffer(rec.body), "recording the rows pass");
    rec.stages = std::move(prof_names_);  // each pass its own names: one process may record several knob settings
    dispatches_ = ops_.dispatch_count() - d0;
    begin(rec.head, VK_COMMAND_BUFFER_USAGE_SIMULTANEOUS_USE_BIT);
    record_head(rec.head, sb);
    check(vkEndCommandBuffer(rec.head), "recording the rows head");
    begin(rec.sample, VK_COMMAND_BUFFER_USAGE_SIMULTANEOUS_USE_BIT);
    if (sample_in_.handle()) record_sample_rows(rec.sample, sb);
    check(vkEndCommandBuffer(rec.sample), "recording the rows sampler");
    return cache_.emplace(key, rec).first->second;
}

void RowsPath::print_profile(const Recorded& rec, std::uint32_t R, std::uint32_t S) const {
    const std::vector<std::string>& names = rec.stages;
    const std::size_t nq = names.size() + 1;
    std::vector<std::uint64_t> ts(nq);
    check(vkGetQueryPoolResults(ctx_->device(), prof_pool_, 0, std::uint32_t(nq), nq * 8, ts.data(), 8,
                                VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WAIT_BIT),
          "reading timestamps");
    const Caps& caps = ctx_->caps();
    const std::uint64_t mask = caps.timestamp_bits >= 64 ? ~0ull : ((1ull << caps.timestamp_bits) - 1);
    std::vector<std::pair<std::string, std::pair<int, double>>> stages;  // name -> (calls, us), first-seen order
    double total = 0;
    for (std::size_t i = 0; i + 1 < nq; ++i) {
        const double us = double((ts[i + 1] - ts[i]) & mask) * caps.timestamp_ns * 1e-3;
        total += us;
        auto it = std::find_if(stages.begin(), stages.end(), [&](const auto& e) { return e.first == names[i]; });
        if (it == stages.end()) it = stages.insert(stages.end(), {names[i], {0, 0.0}});
        it->second.first += 1;
        it->second.second += us;
    }
    std::fprintf(stderr, "rows profile: %u rows, %u sequences, body %.1f us\n", R, S, total);
    for (const auto& [name, cu] : stages)
        std::fprintf(stderr, "   %-28s %3d calls %10.1f us %5.1f%%\n", name.c_str(), cu.first, cu.second,
                     total > 0 ? 100.0 * cu.second / total : 0.0);
}

RowTables RowsPath::tables() const {
    return {{io_dev_.handle(), 0, io_dev_.size()}, rc_, sc_, bda_ ? 2 * rc_ + 2 * sc_ : 0};
}

CoopScratch RowsPath::coop_scratch() const {
    CoopScratch sc;
    if (coop_part_.handle()) {
        sc.part = {coop_part_.handle(), 0, coop_part_.size()};
        sc.tickets = {coop_tickets_.handle(), 0, coop_tickets_.size()};
        sc.part_floats = kCoopPartFloats;
        sc.ticket_count = kCoopTickets;
    }
    return sc;
}

LayerMatrices RowsPath::gemm_layer(int l, std::uint32_t R, VkCommandBuffer dequant) const {
    LayerMatrices L = w_.layers[std::size_t(l)];
    // fp16; int8 through gemm_i8 or the tensor-core GEMMs' int8 forms (R rows up to Kernels::i8_stage_rows)
    if (!w_.int8 || !ops_.kernels().i8_copies || R <= ops_.kernels().i8_stage_rows) return L;
    for (auto kind : {&LayerMatrices::receptance, &LayerMatrices::key, &LayerMatrices::value, &LayerMatrices::output,
                      &LayerMatrices::ffn_key, &LayerMatrices::ffn_value_t}) {
        if (dequant) record_dequant_i8(ops_, dequant, L.*kind, i8_.layer.*kind);
        L.*kind = i8_.layer.*kind;
    }
    return L;
}

void RowsPath::record_body(VkCommandBuffer cmd, std::uint32_t R, std::uint32_t S, bool h16) {
    const std::uint32_t C = std::uint32_t(s_.n_embd), F = std::uint32_t(s_.dim_ffn);
    const std::uint32_t lf = std::uint32_t(s_.state_floats_per_layer()), seq = std::uint32_t(seq_floats_);
    const BufferRange A{act_.handle(), 0, act_.size()};
    const BufferRange St = bda_ ? A : BufferRange{state_.handle(), 0, state_.size()};  // bda_: unused binding
    const RowTables T = tables();
    const std::uint32_t RC = rc_ * C;  // stride of the mix blocks
    const std::uint32_t Dw = std::uint32_t(s_.lora_w), Da = std::uint32_t(s_.lora_a), Dg = std::uint32_t(s_.lora_g),
                        Dv = std::uint32_t(std::max(s_.lora_v, 1));
    CoopScratch sc = coop_scratch();
    prof_names_.clear();
    // Ends a stage: a barrier (GEMMs after it reuse the split-K scratch), then with RWKV_VK_ROWS_PROFILE=1 a
    // timestamp closing the stage's interval.
    auto end_stage = [&](const char* name) {
        compute_barrier(cmd);
        sc.reset();
        if (!prof_pool_) return;
        vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, prof_pool_, std::uint32_t(prof_names_.size() + 1));
        prof_names_.emplace_back(name);
    };
    full_barrier(cmd);  // after the table and state copies
    if (prof_pool_) {
        vkCmdResetQueryPool(cmd, prof_pool_, 0, prof_queries_);
        vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, prof_pool_, 0);
    }
    record_rows_embed(ops_, cmd, w_.emb, A, y_, T, R);
    end_stage("rows.embed");
    const BufferRange G = w_.global_params();
    record_rows_ln(ops_, cmd, A, G, St, T, {RowsLnMode::Plain, C, R, y_, x_, kLn0W, kLayerNormEps, 0, 0});
    end_stage("rows.ln0");
    const std::uint32_t xr = xmix_, xw = xr + RC, xk = xw + RC, xv = xk + RC, xa = xv + RC, xg = xa + RC;
    // Page touches (docs/perf/vulkan-decode.md "B=1 v15"): one 16-byte load per 2 MiB of a later stage's matrices,
    // recorded before a stage with no barrier between them, so that the GEMM finds the pages' address translations
    // walked (the step's weights span ~14 GB). Sites, bits of RWKV_VK_ROWS_TOUCH (read when a pass is recorded):
    // 1 r, k, v, the LoRA downs beside att.ln1+mix; 2 the LoRA ups beside att.proj; 4 the output beside the WKV
    // step; 8 the FFN key beside ffn.ln2+mix; 16 the FFN value beside the FFN key; 32 the head beside the last FFN
    // value; 64 the next layer's r, k, v, LoRA downs beside the FFN value. Default 29, all but the LoRA ups
    // (docs/perf/vulkan-batched.md "Rows path v25", "v25b": H200 7.2B B=64 with the fp16-state WKV's KA form, none
    // 10.79 -> 31 10.71 -> 29 10.64 ms per step; 64 and 32 lose; 31 is +0.01 to +0.08 over 29 in every round of two
    // calls). Prefill records them too (T=1,024: 29 vs 31 -0.1 to -0.3 %, separate processes, not resolved).
    const char* tenv = std::getenv("RWKV_VK_ROWS_TOUCH");
    const std::uint32_t touch = tenv ? std::uint32_t(std::strtoul(tenv, nullptr, 0)) : 29u;
    auto touch_mats = [&](std::uint32_t bit, std::initializer_list<const Matrix*> ms) {
        if ((touch & bit) == 0) return;
        const std::vector<const Matrix*> v(ms);
        record_touch(ops_, cmd, v, 2u << 20, A);
    };
    const char* lora_env = std::getenv("RWKV_VK_PREFILL_LORA");  // 0: the prefill's LoRA order before v27 (below)
    const bool lora_order = !(lora_env && std::strcmp(lora_env, "0") == 0);
    // The FFN hidden rows stored [F, R] between the key and value GEMMs (gemm_coop_ht.comp; docs/perf/vulkan-rows.md
    // "v34"): the key GEMM writes each 16 x 16 tile column-major, the value GEMM stages X as 32 rows of 128 m (whole
    // 128-byte lines per warp load): H200 7.2B T = 1,024 prefill -3.0 ms of 102.6, bit-identical. The [F, R] form
    // has no K splits, so by default (RWKV_VK_FFN_HT unset) it runs only where gemm_coop would not split either
    // (both N above gemm_coop_splits_wide's limit: the same sums in the same order); 1 forces it wherever both GEMMs
    // are gemm_coop's (tiny models: unsplit, within fp16 tolerance), 0 keeps the rows [R, F].
    const char* ht_env = std::getenv("RWKV_VK_FFN_HT");
    const int ffn_ht = ht_env && *ht_env ? std::atoi(ht_env) : -1;
    auto touch_proj = [&](std::uint32_t bit, int l) {
        const LayerMatrices& L = w_.layers[std::size_t(l)];  // int8: the int8 matrices the next fills read
        if (l > 0)
            touch_mats(bit, {&L.receptance, &L.key, &L.value, &L.w1, &L.a1, &L.g1, &L.v1});
        else
            touch_mats(bit, {&L.receptance, &L.key, &L.value, &L.w1, &L.a1, &L.g1});
    };
    for (int l = 0; l < s_.n_layer; ++l) {
        // int8: the layer's fp16 copies filled beside att.ln1+mix (the last readers of the copies, the previous
        // layer's FFN GEMMs, ended behind a barrier; the barrier after the mix orders the fills before the GEMMs).
        const LayerMatrices L = gemm_layer(l, R, cmd);
        const BufferRange P = w_.layer_params(l);
        const std::uint32_t sb = std::uint32_t(l) * lf;
        // Tensor-core GEMMs (gemm_few at M <= 64, else gemm_coop) round X to fp16 as they stage it, so rows that
        // only they read travel as fp16 (half the bytes, no conversion): offsets and strides then in halves of the
        // same blocks (docs/perf-notes.md "Rows path v5", "v6", "v9"; gemm_coop since session 12).
        auto tc_fits = [&](const Matrix& m, bool tr, std::uint32_t in, std::uint32_t in_stride, std::uint32_t out,
                           std::uint32_t out_stride) {
            return gemm_few_fits(ops_, m, tr, R, in, in_stride, out, out_stride) ||
                   gemm_coop_fits(ops_, m, tr, R, in, in_stride, out, out_stride);
        };
        auto tc_gemm = [&](const Matrix& m, bool tr, std::uint32_t in, std::uint32_t in_stride, std::uint32_t out,
                           std::uint32_t out_stride, GemmAct act, bool acc, bool xh, bool yh) {
            const std::uint32_t xi = xh ? 2 * in : in, yo = yh ? 2 * out : out;
            if (gemm_few_fits(ops_, m, tr, R, in, in_stride, out, out_stride))
                record_gemm_few(ops_, cmd, m, tr, R, A, xi, in_stride, A, yo, out_stride, act, acc, sc, xh, yh);
            else
                record_gemm_coop(ops_, cmd, m, tr, R, A, xi, in_stride, A, yo, out_stride, act, acc, sc, xh, yh);
        };
        auto tc_mix = [&](const Matrix& m, std::uint32_t in, std::uint32_t out, std::uint32_t out_stride) {
            return tc_fits(m, false, in, C, out, out_stride);
        };
        const bool att_h = tc_mix(L.receptance, xr, r_, C) && tc_mix(L.key, xk, k_, C) &&
                           tc_mix(L.value, xv, v_, C) && tc_mix(L.w1, xw, hw_, Dw) && tc_mix(L.a1, xa, ha_, Da) &&
                           tc_mix(L.g1, xg, hg_, Dg) && (l == 0 || tc_mix(L.v1, xv, hv_, Dv));
        touch_proj(1, l);
        record_rows_lnmix(ops_, cmd, A, P, St, T,
                          {C, R, 6, x_, att_h ? 2 * xmix_ : xmix_, att_h ? 2 * RC : RC, kLn1W, kXR, kLayerNormEps, sb,
                           seq, att_h, y_});  // y_: dead until the WKV step
        end_stage("att.ln1+mix");
        auto gemm = [&](const Matrix& m, std::uint32_t in, std::uint32_t in_stride, std::uint32_t out,
                        std::uint32_t out_stride, GemmAct act, bool acc) {
            if (att_h && in >= xmix_ && in < xmix_ + 6 * RC)  // fp16 mixed rows: offsets in halves, same blocks
                tc_gemm(m, false, in, in_stride, out, out_stride, act, acc, true, false);
            else if (gemm_few_fits(ops_, m, false, R, in, in_stride, out, out_stride))
                record_gemm_few(ops_, cmd, m, false, R, A, in, in_stride, A, out, out_stride, act, acc, sc);
            else if (gemm_coop_fits(ops_, m, false, R, in, in_stride, out, out_stride))
                record_gemm_coop(ops_, cmd, m, false, R, A, in, in_stride, A, out, out_stride, act, acc, sc);
            else
                record_gemm(ops_, cmd, m, false, R, A, in, in_stride, A, out, out_stride, act, acc);
        };
        // No barrier between these seven. Batched decode (R <= 64): the LoRA downs (N = 96..480, K split 32 ways:
        // long split-K tails) are recorded first so that their tails overlap the r / k / v streaming
        // (docs/perf-notes.md "Rows path v9").
        // A LoRA's hidden rows travel as fp16 when its down and up GEMMs both run on tensor cores: the down writes
        // them (YH), the up reads half the bytes with no fp32 X in flight (XH).
        auto lora_down = [&](const Matrix& down, const Matrix& up, std::uint32_t in, std::uint32_t hid,
                             std::uint32_t D, std::uint32_t out, GemmAct act) {
            const bool h16 = att_h && tc_fits(up, false, hid, D, out, C);
            if (h16)
                tc_gemm(down, false, in, C, hid, D, act, false, true, true);
            else
                gemm(down, in, C, hid, D, act, false);
            return h16;
        };
        auto lora_up = [&](const Matrix& up, bool h16, std::uint32_t hid, std::uint32_t D, std::uint32_t out) {
            if (h16)
                tc_gemm(up, false, hid, D, out, C, GemmAct::None, false, true, false);
            else
                gemm(up, hid, D, out, C, GemmAct::None, false);
        };
        if (l > 0)
            touch_mats(2, {&L.w2, &L.a2, &L.g2, &L.v2});
        else
            touch_mats(2, {&L.w2, &L.a2, &L.g2});
        auto rkv = [&] {
            gemm(L.receptance, xr, C, r_, C, GemmAct::None, false);
            gemm(L.key, xk, C, k_, C, GemmAct::None, false);
            gemm(L.value, xv, C, v_, C, GemmAct::None, false);
        };
        // Above 64 rows (prefill) where the split WKV form runs, three stages (docs/perf/vulkan-rows.md "v27"): the
        // w, a, v downs alone (split K 8 ways, gemm_coop.cpp); r / k / v, then the g down and the w, a, v ups in the
        // SMs that r / k / v's last wave leaves idle; the g up after the WKV scan's dispatch, beside the scan (only
        // the post pass reads g). H200 7.2B T = 1,024, same process, bit-identical: 104.85 -> 104.21 ms per call.
        // RWKV_VK_PREFILL_LORA=0: the order before (r / k / v with all the downs in their tail, then the ups alone:
        // "v14"); at most 64 rows (batched decode) the downs first, r / k / v, then the ups ("Rows path v9").
        const bool prefill = R > 64, g_late = prefill && lora_order && wkv7_rows_split_form(R, S);
        bool g16 = false, g_pending = false;
        if (g_late) {
            const bool w16 = lora_down(L.w1, L.w2, xw, hw_, Dw, tw_, GemmAct::Tanh);
            const bool a16 = lora_down(L.a1, L.a2, xa, ha_, Da, ta_, GemmAct::None);
            const bool v16 = l > 0 && lora_down(L.v1, L.v2, xv, hv_, Dv, tv_, GemmAct::None);
            end_stage("att.lora_down w,a,v");
            rkv();
            g16 = lora_down(L.g1, L.g2, xg, hg_, Dg, tg_, GemmAct::Sigmoid);
            lora_up(L.w2, w16, hw_, Dw, tw_);
            lora_up(L.a2, a16, ha_, Da, ta_);
            if (l > 0) lora_up(L.v2, v16, hv_, Dv, tv_);
            end_stage("att.rkv+g_down+ups");
            g_pending = true;
        } else {
            if (prefill) rkv();
            const bool w16 = lora_down(L.w1, L.w2, xw, hw_, Dw, tw_, GemmAct::Tanh);
            const bool a16 = lora_down(L.a1, L.a2, xa, ha_, Da, ta_, GemmAct::None);
            g16 = lora_down(L.g1, L.g2, xg, hg_, Dg, tg_, GemmAct::Sigmoid);
            const bool v16 = l > 0 && lora_down(L.v1, L.v2, xv, hv_, Dv, tv_, GemmAct::None);
            if (!prefill) rkv();
            end_stage("att.proj (r,k,v,LoRA down)");
            lora_up(L.w2, w16, hw_, Dw, tw_);
            lora_up(L.a2, a16, ha_, Da, ta_);
            lora_up(L.g2, g16, hg_, Dg, tg_);
            if (l > 0) lora_up(L.v2, v16, hv_, Dv, tv_);
            end_stage("att.lora_up");
        }
        // The late g up: recorded after the scan's dispatch (its workgroups start first), before the barrier after it.
        auto scan_end = [&](const char* name) {
            if (g_pending && std::strcmp(name, "att.wkv_scan") == 0) {
                lora_up(L.g2, g16, hg_, Dg, tg_);
                g_pending = false;
            }
            end_stage(name);
        };
        Wkv7RowsArgs wa;
        wa.C = C;
        wa.H = std::uint32_t(s_.n_head);
        wa.S = S;
        wa.R = R;
        wa.p_base = kW0;
        wa.first_layer = l == 0 ? 1 : 0;
        wa.r_off = r_;
        wa.k_off = k_;
        wa.v_off = v_;
        wa.tw_off = tw_;
        wa.ta_off = ta_;
        wa.tg_off = tg_;
        wa.tv_off = tv_;
        wa.vfirst_off = vfirst_;
        wa.y_off = y_;
        wa.state_base = sb + C;
        wa.seq_stride = seq;
        wa.gn_eps = kGroupNormEps;
        // y as fp16 for the tensor-core GEMM's XH: the split form's post pass writes it into the mixes' block,
        // dead since the projections (the fp32 y rows are still read by other workgroups of the pass).
        wa.y_fp16 = tc_fits(L.output, false, y_, C, x_, C) && tc_fits(L.output, false, xmix_, C, x_, C);
        wa.y16_off = xmix_;
        std::uint32_t y16;
        touch_mats(4, {&L.output});
        if (h16) {
            y16 = record_wkv7_rows_h16(ops_, cmd, A, P, T, wa, std::uint32_t(l), addr16_off());
            end_stage("att.wkv_scan");
        } else {
            y16 = record_wkv7_rows(ops_, cmd, A, P, St, T, wa, scan_end);  // ends its own stages
        }
        if (y16 != kWkvYFp32)
            tc_gemm(L.output, false, y16, C, x_, C, GemmAct::None, true, true, false);
        else
            gemm(L.output, y_, C, x_, C, GemmAct::None, true);
        end_stage("att.output");
        const bool ffn_h = tc_mix(L.ffn_key, xmix_, h_, F);
        touch_mats(8, {&L.ffn_key});
        record_rows_lnmix(ops_, cmd, A, P, St, T,
                          {C, R, 1, x_, ffn_h ? 2 * xmix_ : xmix_, RC, kLn2W, kFfnXK, kLayerNormEps, sb + lf - C, seq,
                           ffn_h, y_});  // y_: dead after the output projection
        end_stage("ffn.ln2+mix");
        // Both FFN GEMMs on tensor cores: the hidden rows travel as fp16 (at h_, in halves; the value GEMM rounds X
        // to fp16 anyway, so the product is the same and it re-reads half the bytes from L2).
        const bool h16 = tc_fits(L.ffn_key, false, xmix_, C, h_, F) && tc_fits(L.ffn_value_t, true, h_, F, x_, C);
        touch_mats(16, {&L.ffn_value_t});
        const bool ht = ffn_ht != 0 && h16 && !gemm_few_fits(ops_, L.ffn_key, false, R, xmix_, C, h_, F) &&
                        !gemm_few_fits(ops_, L.ffn_value_t, true, R, h_, F, x_, C) &&
                        (ffn_ht == 1 || (!gemm_coop_splits_wide(R, F) && !gemm_coop_splits_wide(R, C)));
        if (ht)
            record_gemm_coop(ops_, cmd, L.ffn_key, false, R, A, ffn_h ? 2 * xmix_ : xmix_, C, A, 2 * h_, R,
                             GemmAct::Relu2, false, sc, ffn_h, true, false, true);
        else if (h16 || ffn_h)
            tc_gemm(L.ffn_key, false, xmix_, C, h_, F, GemmAct::Relu2, false, ffn_h, h16);
        else
            gemm(L.ffn_key, xmix_, C, h_, F, GemmAct::Relu2, false);
        end_stage("ffn.key");
        if (l + 1 < s_.n_layer)
            touch_proj(64, l + 1);
        else if (S > 1)
            touch_mats(32, {&w_.head});
        if (ht)
            record_gemm_coop(ops_, cmd, L.ffn_value_t, true, R, A, 2 * h_, R, A, x_, C, GemmAct::None, true, sc, true,
                             false, true, false);
        else if (h16)
            tc_gemm(L.ffn_value_t, true, h_, F, x_, C, GemmAct::None, true, true, false);
        else if (gemm_coop_fits(ops_, L.ffn_value_t, true, R, h_, F, x_, C))
            record_gemm_coop(ops_, cmd, L.ffn_value_t, true, R, A, h_, F, A, x_, C, GemmAct::None, true, sc);
        else
            record_gemm(ops_, cmd, L.ffn_value_t, true, R, A, h_, F, A, x_, C, GemmAct::None, true, &A, tw_);
        end_stage("ffn.value");
    }
}

void RowsPath::record_head(VkCommandBuffer cmd, std::uint32_t S) {
    const std::uint32_t C = std::uint32_t(s_.n_embd), V = std::uint32_t(s_.vocab_size);
    const BufferRange A{act_.handle(), 0, act_.size()};
    const BufferRange St = bda_ ? A : BufferRange{state_.handle(), 0, state_.size()};  // bda_: unused binding
    const RowTables T = tables();
    const BufferRange G = w_.global_params();
    full_barrier(cmd);
    if (call_pool_) vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, call_pool_, 2);
    record_rows_ln(ops_, cmd, A, G, St, T, {RowsLnMode::LastRow, C, S, x_, zout_, kLnOutW, kLayerNormEps, 0, 0});
    const BufferRange L{logits_.handle(), 0, logits_.size()};
    CoopScratch sc = coop_scratch();
    // One row (a single sequence's prefill): the decode step's matvec reads the 537 MB head of 7.2B in ~0.16 ms where
    // gemm_few (16-row tiles, 15 of them padding) took 1.54 ms (H200, docs/perf/vulkan-rows.md "v22"). An int8 head
    // at S > 1: its fp16 copy (filled beside ln_out; the body's GEMMs ended behind the full barrier above), unless
    // the tensor-core GEMMs' int8 forms take S rows (Kernels::i8_stage_rows).
    const bool head_copy = S > 1 && w_.head.i8 && ops_.kernels().i8_copies && S > ops_.kernels().i8_stage_rows;
    if (head_copy) record_dequant_i8(ops_, cmd, w_.head, i8_.head);
    compute_barrier(cmd);
    const Matrix& head = head_copy ? i8_.head : w_.head;
    if (S == 1)
        record_matvec(ops_, cmd, head, A, zout_, L, 0, ActIn::None, ActOut::None, false);
    else if (gemm_few_fits(ops_, head, false, S, zout_, C, 0, V))
        record_gemm_few(ops_, cmd, head, false, S, A, zout_, C, L, 0, V, GemmAct::None, false, sc);
    else if (gemm_coop_fits(ops_, head, false, S, zout_, C, 0, V))
        record_gemm_coop(ops_, cmd, head, false, S, A, zout_, C, L, 0, V, GemmAct::None, false, sc);
    else
        record_gemm(ops_, cmd, head, false, S, A, zout_, C, L, 0, V, GemmAct::None, false);
    full_barrier(cmd);
    if (call_pool_) vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, call_pool_, 3);
}

void RowsPath::record_sample_rows(VkCommandBuffer cmd, std::uint32_t S) {
    // after the head (which ends with a full barrier); the ids are written to host-visible memory, made visible to
    // the host by the barrier that opens out_cmd_. Padding sequences' rows are sampled greedily and ignored.
    // RWKV_VK_SAMPLE_EXP=1 / 2: a scratch row of exp(x - max) per sequence (made at the first recording that asks; the
    // capacity's growth frees every recording, so a larger one is only made when none refers to the old)
    const VkDeviceSize ex_bytes = VkDeviceSize(sc_) * std::uint64_t(s_.vocab_size) * 4;
    if (sample_keeps_exp() && sample_ex_.size() < ex_bytes)
        sample_ex_ = Buffer(ctx_, ex_bytes, MemoryKind::Device, "device sampler exp rows");
    const BufferRange ex{sample_ex_.handle(), 0, sample_ex_.size()};
    record_sample(ops_, cmd, {logits_.handle(), 0, logits_.size()}, 0, std::uint32_t(s_.vocab_size), S,
                  {sample_in_.handle(), 0, sample_in_.size()}, {sample_out_.handle(), 0, sample_out_.size()}, 0,
                  sample_ex_.handle() ? &ex : nullptr);
    if (call_pool_) {
        full_barrier(cmd);
        vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, call_pool_, 7);
    }
}

void RowsPath::run(const std::vector<Seq>& seqs, float* logits, const LogitsTarget* direct, const Sampling* sample) {
    const auto t0 = std::chrono::steady_clock::now();
    const std::uint32_t S = std::uint32_t(seqs.size());
    std::uint32_t R = 0;
    for (const Seq& q : seqs) R += std::uint32_t(q.tokens.size());
    if (S == 0 || S > max_seqs_ || R == 0 || R > max_rows_) throw Error(ErrorCode::Internal, "rows path: bad call size");
    const bool h16 = seqs[0].state16 != VK_NULL_HANDLE;
    for (const Seq& q : seqs)
        if ((q.state16 != VK_NULL_HANDLE) != h16 || (h16 && (!bda_ || q.tokens.size() != 1)))
            throw Error(ErrorCode::Internal, "rows path: the fp16 WKV state is for batched decode by address only");
    const std::uint32_t rb = std::max(bucket(R), ops_.kernels().coop_gemm ? kCoopMinRows : 1u), sb = bucket(S);
    ensure_capacity(rb, sb);
    const Recorded& rec = recorded(rb, sb, h16);
    if (sample) {
        if (!sample_in_.handle() || sample->rows.size() != S || sample->ids.size() != S)
            throw Error(ErrorCode::Internal, "rows path: bad sampling call");
        auto* rows = static_cast<SampleRow*>(sample_in_.mapped());
        for (std::uint32_t s = 0; s < sb; ++s) rows[s] = s < S ? sample->rows[s] : SampleRow{0.0f, 0.0f, 0.0};
        std::fill_n(static_cast<std::int32_t*>(sample_out_.mapped()), S, std::int32_t(-3));  // -3: not written
    }

    auto* io = static_cast<std::uint32_t*>(io_up_.mapped());
    std::uint32_t* tok = io;
    std::uint32_t* info = io + rc_;
    std::uint32_t* first = io + 2 * rc_;
    std::uint32_t* count = first + sc_;
    std::uint32_t r = 0;
    for (std::uint32_t s = 0; s < sb; ++s) {
        const std::uint32_t n = s < S ? std::uint32_t(seqs[s].tokens.size()) : 0;
        first[s] = r;
        count[s] = n;
        for (std::uint32_t i = 0; i < n; ++i, ++r) {
            tok[r] = std::uint32_t(seqs[s].tokens[i]);
            info[r] = s | (i == 0 ? 1u << 30 : 0u) | (i + 1 == n ? 1u << 31 : 0u);
        }
    }
    for (; r < rb; ++r) {
        tok[r] = 0;
        info[r] = kPadRow;
    }
    if (bda_) {  // each sequence's state (and fp16 WKV copy) by address (rows_state.glsl); padding sequences: 0
        std::uint32_t* addr = count + sc_;
        std::uint32_t* addr16 = io + addr16_off();
        auto address = [&](VkBuffer b) {
            VkBufferDeviceAddressInfo info_a{VK_STRUCTURE_TYPE_BUFFER_DEVICE_ADDRESS_INFO};
            info_a.buffer = b;
            const std::uint64_t a = vkGetBufferDeviceAddress(ctx_->device(), &info_a);
            if (a == 0) throw Error(ErrorCode::Internal, "rows path: a state buffer without a device address");
            return a;
        };
        for (std::uint32_t s = 0; s < sb; ++s) {
            const std::uint64_t a = s < S ? address(seqs[s].state) : 0;
            const std::uint64_t a16 = s < S && h16 ? address(seqs[s].state16) : 0;
            addr[2 * s] = std::uint32_t(a);
            addr[2 * s + 1] = std::uint32_t(a >> 32);
            addr16[2 * s] = std::uint32_t(a16);
            addr16[2 * s + 1] = std::uint32_t(a16 >> 32);
        }
    }
    const VkDeviceSize sbytes = VkDeviceSize(seq_floats_) * 4;
    begin(in_cmd_, 0);
    if (call_pool_) {
        vkCmdResetQueryPool(in_cmd_, call_pool_, 0, kCallQueries);
        vkCmdWriteTimestamp(in_cmd_, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, call_pool_, 0);
    }
    full_barrier(in_cmd_);
    const VkBufferCopy io_region{0, 0, io_up_.size()};
    vkCmdCopyBuffer(in_cmd_, io_up_.handle(), io_dev_.handle(), 1, &io_region);
    for (std::uint32_t s = 0; s < S && !bda_; ++s) {
        const VkBufferCopy c{0, sbytes * s, sbytes};
        vkCmdCopyBuffer(in_cmd_, seqs[s].state, state_.handle(), 1, &c);
    }
    if (call_pool_) {
        full_barrier(in_cmd_);
        vkCmdWriteTimestamp(in_cmd_, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, call_pool_, 1);
    }
    check(vkEndCommandBuffer(in_cmd_), "recording the rows-path state copy");
    begin(out_cmd_, 0);
    full_barrier(out_cmd_);
    if (logits) {  // the logits of the S sequences to the readback buffer, or straight to the caller's memory
        const VkBufferCopy region{0, direct ? direct->offset : 0, VkDeviceSize(S) * s_.vocab_size * 4};
        vkCmdCopyBuffer(out_cmd_, logits_.handle(), direct ? direct->buffer : readback_.handle(), 1, &region);
        full_barrier(out_cmd_);
        if (call_pool_) vkCmdWriteTimestamp(out_cmd_, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, call_pool_, 4);
    }
    if (call_pool_) vkCmdWriteTimestamp(out_cmd_, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, call_pool_, 5);
    for (std::uint32_t s = 0; s < S && !bda_; ++s) {
        const VkBufferCopy c{sbytes * s, 0, sbytes};
        vkCmdCopyBuffer(out_cmd_, state_.handle(), seqs[s].state, 1, &c);
    }
    full_barrier(out_cmd_);
    if (call_pool_) vkCmdWriteTimestamp(out_cmd_, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, call_pool_, 6);
    check(vkEndCommandBuffer(out_cmd_), "recording the rows-path state copy");
    std::vector<VkCommandBuffer> cmds{in_cmd_, rec.body};
    if (logits || sample) cmds.push_back(rec.head);
    if (sample) cmds.push_back(rec.sample);
    cmds.push_back(out_cmd_);
    const auto t1 = std::chrono::steady_clock::now();
    ctx_->submit_and_wait(cmds);
    const auto t2 = std::chrono::steady_clock::now();
    ++submissions_;
    if (logits && !direct) copy_logits(logits, readback_.mapped(), std::size_t(S) * std::size_t(s_.vocab_size) * 4);
    if (sample) std::memcpy(sample->ids.data(), sample_out_.mapped(), std::size_t(S) * 4);
    if (prof_pool_) {
        const auto t3 = std::chrono::steady_clock::now();
        print_profile(rec, R, S);
        auto us = [](auto a, auto b) { return std::chrono::duration<double, std::micro>(b - a).count(); };
        print_call_profile(logits != nullptr, sample != nullptr, us(t0, t1), us(t1, t2), us(t2, t3));
    }
}

void RowsPath::print_call_profile(bool copy, bool sampled, double record_us, double submit_us, double memcpy_us) const {
    std::uint64_t ts[kCallQueries] = {};
    auto get = [&](std::uint32_t first, std::uint32_t n) {
        check(vkGetQueryPoolResults(ctx_->device(), call_pool_, first, n, n * 8, ts + first, 8,
                                    VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WAIT_BIT),
              "reading timestamps");
    };
    get(0, 2);
    get(5, 2);
    if (copy || sampled) get(2, 2);
    if (copy) get(4, 1);
    if (sampled) get(7, 1);
    const Caps& caps = ctx_->caps();
    const std::uint64_t mask = caps.timestamp_bits >= 64 ? ~0ull : ((1ull << caps.timestamp_bits) - 1);
    auto d = [&](int a, int b) { return double((ts[b] - ts[a]) & mask) * caps.timestamp_ns * 1e-3; };
    std::fprintf(stderr, "rows call (states %s): states in %.1f us, states out %.1f us",
                 bda_ ? "by address" : "copied", d(0, 1), d(5, 6));
    if (copy || sampled) std::fprintf(stderr, ", head (ln_out + GEMM) %.1f us", d(2, 3));
    if (sampled) std::fprintf(stderr, ", device sampling %.1f us", d(3, 7));
    if (copy) std::fprintf(stderr, ", logits copy %.1f us", sampled ? d(7, 4) : d(3, 4));  // the copy runs last
    std::fprintf(stderr, "; host: tables + recording %.1f us, submit..fence %.1f us, logits memcpy %.1f us\n", record_us,
                 submit_us, memcpy_us);
}

}  // namespace rwkv::vk
