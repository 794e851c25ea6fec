// The Vulkan backend's Model (vk_model.h). One token step (embedding, every layer, cursor advance; vk_step.cpp) is
// recorded once into a command buffer and re-submitted: a prefill chunk of n tokens is one vkQueueSubmit of
// [token ids in, state in, step × n, head, state out]. The step reads its token id from a device buffer at a
// device-side cursor, so the same commands serve every token.
#include "vulkan/vk_model.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>

#include "rwkv/error.h"
#include "rwkv/sampler.h"
#include "vulkan/ops.h"
#include "vulkan/vk_kernels.h"
#include "vulkan/vk_rows.h"
#include "vulkan/vk_state.h"
#include "vulkan/vk_step.h"
#include "vulkan/vk_weights.h"

namespace rwkv {
namespace vk {
namespace {

constexpr std::uint32_t kIoCapacity = 1024;          // token ids per submission
constexpr VkDeviceSize kIoHeader = 16;               // cursor, active-neuron count, 2 spare words
constexpr std::uint64_t kDefaultBlock = 1ull << 30;  // weight block cap when the device allows more

std::string mib(std::uint64_t b) { return std::to_string((b + (1 << 19)) >> 20) + " MiB"; }

std::string env_str(const char* name, const char* fallback) {
    const char* v = std::getenv(name);
    return v && *v ? v : fallback;
}

// L2 prefetch sizes of the token step on GPUs (ModelConfig::prefetch): MiB beside the attention token mix, wkv7,
// the FFN token mix (docs/perf/vulkan-decode.md "B=1 v3"; wkv7's window 24 MiB since "B=1 v8").
constexpr const char* kGpuPrefetch = "4,24,8";

// Parses ModelConfig::prefetch ("0" or "A,W,F") into the step's prefetch sizes.
void set_prefetch(const std::string& spec, StepResources& r) {
    std::vector<long> v;
    bool ok = true;
    for (std::size_t i = 0; ok && i <= spec.size();) {
        const std::size_t j = std::min(spec.find(',', i), spec.size());
        const std::string part = spec.substr(i, j - i);
        char* end = nullptr;
        const long x = std::strtol(part.c_str(), &end, 10);
        ok = !part.empty() && *end == 0 && x >= 0 && x <= 4096;
        v.push_back(x);
        i = j + 1;
    }
    if (ok && v.size() == 1 && v[0] == 0) {
        r.prefetch = {};
        return;
    }
    if (!ok || v.size() != r.prefetch.size()) {
        throw Error(ErrorCode::InvalidArgument, "Vulkan prefetch '" + spec + "': expected 0 or A,W,F (MiB, 0..4096 each)");
    }
    for (std::size_t k = 0; k < v.size(); ++k) r.prefetch[k] = std::uint64_t(v[k]) << 20;
}

class VulkanModel final : public Model {
public:
    VulkanModel(ModelFingerprint fp, std::shared_ptr<Context> ctx, DeviceWeights w, const ModelConfig& config)
        : Model(std::move(fp)), ctx_(std::move(ctx)), ops_(std::make_unique<Ops>(ctx_)), w_(std::move(w)),
          res_(shape()) {
        const ModelShape& s = shape();
        const Caps& caps = ctx_->caps();
        ops_->set_kernels(choose_kernels(caps, config, s.n_embd));
        const int sparse = config.sparse_ffn >= 0 ? config.sparse_ffn : int(env_int("RWKV_VK_SPARSE", 1));
        res_.sparse_ffn = sparse != 0;
        const int rows = config.rows_prefill >= 0 ? config.rows_prefill : int(env_int("RWKV_VK_ROWS", 1));
        rows_prefill_ = rows != 0;
        set_prefetch(config.prefetch.empty() ? env_str("RWKV_VK_PREFETCH", caps.cpu_device ? "0" : kGpuPrefetch)
                                             : config.prefetch,
                     res_);
        layer_floats_ = s.state_floats_per_layer();
        layer_stride_ = align_up(layer_floats_ * 4, caps.min_storage_align);
        scratch_ = Buffer(ctx_, VkDeviceSize(res_.sc.total) * 4, MemoryKind::Device, "activations");
        work_state_ = Buffer(ctx_, layer_stride_ * VkDeviceSize(s.n_layer), MemoryKind::Device, "the working state");
        const VkDeviceSize io_bytes = kIoHeader + VkDeviceSize(kIoCapacity) * 4;
        io_up_ = Buffer(ctx_, io_bytes, MemoryKind::Upload, "token ids");
        io_dev_ = Buffer(ctx_, io_bytes, MemoryKind::Device, "token ids");
        res_.mask_words = std::uint32_t((s.dim_ffn + 31) / 32);
        mask_ = Buffer(ctx_, VkDeviceSize(res_.mask_words) * 4 * VkDeviceSize(s.n_layer), MemoryKind::Device, "FFN masks");
        ffn_scratch_ = Buffer(ctx_, ffn_value_scratch_bytes(std::uint32_t(s.n_embd), std::uint32_t(s.dim_ffn)),
                              MemoryKind::Device, "FFN partial sums");
        {
            const VkBuffer b = ffn_scratch_.handle();
            ctx_->run_once([&](VkCommandBuffer cmd) { vkCmdFillBuffer(cmd, b, 0, VK_WHOLE_SIZE, 0); });
        }
        logits_ = Buffer(ctx_, VkDeviceSize(s.vocab_size) * 4, MemoryKind::Device, "logits");
        readback_ = Buffer(ctx_, VkDeviceSize(s.vocab_size) * 4 + kIoHeader, MemoryKind::Readback, "logits readback");
        std::memset(io_up_.mapped(), 0, io_up_.size());

        res_.w = &w_;
        res_.act = {scratch_.handle(), 0, scratch_.size()};
        res_.io = {io_dev_.handle(), 0, io_dev_.size()};
        res_.mask = {mask_.handle(), 0, mask_.size()};
        res_.ffn_scratch = {ffn_scratch_.handle(), 0, ffn_scratch_.size()};
        res_.logits = {logits_.handle(), 0, logits_.size()};
        res_.layer_floats = std::uint32_t(layer_floats_);
        for (int l = 0; l < s.n_layer; ++l) {
            res_.layer_state.push_back({work_state_.handle(), layer_stride_ * VkDeviceSize(l), layer_floats_ * 4});
        }

        pool_ = ctx_->create_command_pool();
        VkCommandBuffer cmds[7];
        ctx_->allocate_command_buffers(pool_, cmds, 7);
        step_cmd_ = cmds[0];
        head_cmd_ = cmds[1];
        in_cmd_ = cmds[2];
        out_cmd_ = cmds[3];
        io_cmd_ = cmds[4];
        prof_cmd_ = cmds[5];
        tail_cmd_ = cmds[6];

        // The step binds each State's buffer itself where its layers lie at offsets the device can bind (every
        // official shape); then it is recorded again when another State runs. Else it works in work_state_.
        const VkDeviceSize layer_bytes = layer_floats_ * 4;
        const int copies = config.state_copies >= 0 ? config.state_copies : int(env_int("RWKV_VK_STATE_COPIES", 0));
        direct_state_ =
            copies == 0 && layer_bytes % caps.min_storage_align == 0 && layer_bytes <= caps.max_storage_range;
        step_scope_ = ops_->new_scope();
        copy_scope_ = ops_->new_scope();
        conv_scope_ = ops_->new_scope();
        batch_f16_ = can_batch_f16() && env_int("RWKV_VK_STATE_F16", 0) == 1;
        StepCounts counts = record_step_even(res_);
        step_barriers_ = counts.barriers;
        if (can_copy_state(caps, layer_floats_ * 4, layer_floats_ * 4, layer_stride_, std::uint32_t(s.n_layer)))
            prepare_copy_state(*ops_);

        begin(head_cmd_, 0);
        record_head(*ops_, head_cmd_, res_, nullptr, counts);
        full_barrier(head_cmd_);
        const VkBufferCopy region{0, 0, logits_.size()};
        vkCmdCopyBuffer(head_cmd_, logits_.handle(), readback_.handle(), 1, &region);
        full_barrier(head_cmd_);
        check(vkEndCommandBuffer(head_cmd_), "recording the head");

        begin(io_cmd_, 0);
        full_barrier(io_cmd_);
        const VkBufferCopy io_region{0, 0, io_bytes};
        vkCmdCopyBuffer(io_cmd_, io_up_.handle(), io_dev_.handle(), 1, &io_region);
        full_barrier(io_cmd_);
        check(vkEndCommandBuffer(io_cmd_), "recording the token-id copy");

        begin(tail_cmd_, 0);  // after the steps of a State bound directly: the io header (FFN activity) out
        full_barrier(tail_cmd_);
        const VkBufferCopy tail_region{0, logits_.size(), kIoHeader};
        vkCmdCopyBuffer(tail_cmd_, io_dev_.handle(), readback_.handle(), 1, &tail_region);
        full_barrier(tail_cmd_);
        check(vkEndCommandBuffer(tail_cmd_), "recording the io header copy");
    }

    ~VulkanModel() override {
        vkDeviceWaitIdle(ctx_->device());
        if (query_pool_) vkDestroyQueryPool(ctx_->device(), query_pool_, nullptr);
        vkDestroyCommandPool(ctx_->device(), pool_, nullptr);
    }

    std::string backend_name() const override { return "vulkan:" + std::to_string(ctx_->info().index); }
    std::string device_name() const override {
        return ctx_->info().name + " (Vulkan, " + ctx_->info().type_name() + ", subgroup " +
               std::to_string(ctx_->caps().subgroup_size) + ")";
    }
    DType weight_dtype() const override { return w_.int8 ? DType::I8 : DType::F16; }

    State new_state() const override {
        auto st = std::make_unique<DeviceStateStorage>(ctx_, shape().state_floats(), shape().n_layer, shape().n_embd);
        st->clear();
        return State(shape(), std::move(st));
    }

    FfnActivity ffn_activity() const override {
        std::lock_guard lock(mu_);
        return {active_, total_};
    }

    void forward(State& state, std::span<const std::int32_t> tokens, std::span<float> logits,
                 const ForwardOptions& options) override {
        check_forward(state, tokens, logits);
        DeviceStateStorage& st = device_state(state);
        std::lock_guard lock(mu_);
        DeviceStateStorage* stp = &st;
        to_form({&stp, 1}, false);  // the fp16 WKV copy of a batched decode widened first, when newer
        if (rows_prefill_ && tokens.size() > 1) {
            forward_rows(st, tokens, logits, options);
            return;
        }
        if (direct_state_)
            record_step_for(st);
        else
            record_state_copies(st);
        const std::size_t chunk = std::clamp<std::size_t>(options.chunk_size, 1, kIoCapacity);
        for (std::size_t i = 0; i < tokens.size();) {
            if (options.cancel && options.cancel->load(std::memory_order_relaxed)) {
                throw Error(ErrorCode::Cancelled, "prefill cancelled after " + std::to_string(i) + " tokens");
            }
            if (options.progress && i > 0) options.progress(i, tokens.size());
            const std::size_t n = std::min(chunk, tokens.size() - i);
            std::vector<VkCommandBuffer> cmds;
            cmds.reserve(n + 4);
            cmds.push_back(io_cmd_);
            if (i == 0 && !direct_state_) cmds.push_back(in_cmd_);
            cmds.insert(cmds.end(), n, step_cmd_);
            if (i + n == tokens.size() && options.logits) cmds.push_back(head_cmd_);
            cmds.push_back(direct_state_ ? tail_cmd_ : out_cmd_);
            run_chunk(tokens.subspan(i, n), cmds);
            i += n;
        }
        if (options.progress) options.progress(tokens.size(), tokens.size());
        if (options.logits) std::memcpy(logits.data(), readback_.mapped(), logits.size() * 4);
    }

    bool has_batched_decode() const noexcept override { return true; }

    // The fp16 WKV state of batched decode (vk_state.h): where the rows path reaches states by address and the
    // device has 16-bit storage (every device the rows path runs on: its shaders need it).
    DType batch_state_dtype() const noexcept override { return batch_f16_ ? DType::F16 : DType::F32; }
    void set_batch_state_dtype(DType dtype) override {
        if (dtype != DType::F32 && dtype != DType::F16)
            throw Error(ErrorCode::InvalidArgument, "the Vulkan batched-decode state is fp32 or fp16, not " +
                                                        std::string(dtype_name(dtype)));
        if (dtype == DType::F16 && !can_batch_f16())
            throw Error(ErrorCode::InvalidArgument, "the Vulkan batched-decode state is fp32 only on " + ctx_->info().name +
                                                        " (the fp16 state needs buffer device addresses)");
        std::lock_guard lock(mu_);
        batch_f16_ = dtype == DType::F16;
    }

    // Batched decode through the rows path: groups of at most rows().max_seqs() sequences, one row each.
    void forward_batch(std::span<State* const> states, std::span<const std::int32_t> tokens,
                       std::span<float> logits) override {
        check_forward_batch(states, tokens, logits);
        batch_steps(states, tokens, logits, {}, {}, {});
    }

    // The same steps, then each row's next token picked on the device (sample.comp) from the draw the host's
    // sample_token would make; only the ids come back (and the logits when asked). Devices without fp64 / int64
    // arithmetic, and vocabularies above kSampleMaxVocab, sample on the host (Model's default).
    void forward_batch_sample(std::span<State* const> states, std::span<const std::int32_t> tokens,
                              std::span<const TokenSampling> sampling, std::span<std::uint64_t> rng,
                              std::span<std::int32_t> next, std::span<float> logits) override {
        if (!ctx_->caps().device_sampling || std::uint64_t(shape().vocab_size) > kSampleMaxVocab) {
            Model::forward_batch_sample(states, tokens, sampling, rng, next, logits);
            return;
        }
        check_forward_batch_sample(states, tokens, sampling, rng, next, logits);
        batch_steps(states, tokens, logits, sampling, rng, next);
    }

    // Runs the device sampler alone on rows of logits (sample_rows_for_test).
    std::vector<std::int32_t> sample_rows(std::span<const float> rows, std::size_t V, std::span<const SampleRow> params) {
        if (!ctx_->caps().device_sampling || V == 0 || V > kSampleMaxVocab) return {};
        std::lock_guard lock(mu_);
        const std::size_t n = params.size(), per = std::max<std::size_t>(1, (std::size_t(64) << 20) / (V * 4));
        std::vector<std::int32_t> ids(n, -7);
        for (std::size_t r0 = 0; r0 < n; r0 += per) {  // chunks under every device's storage range (lavapipe 128 MiB)
            const std::size_t k = std::min(per, n - r0);
            Buffer up(ctx_, VkDeviceSize(k * V * 4), MemoryKind::Upload, "test logits");
            Buffer dev(ctx_, up.size(), MemoryKind::Device, "test logits");
            Buffer prm(ctx_, VkDeviceSize(k * sizeof(SampleRow)), MemoryKind::Upload, "test sampling settings");
            Buffer out(ctx_, VkDeviceSize(k * 4), MemoryKind::Readback, "test sampled ids");
            std::memcpy(up.mapped(), rows.data() + r0 * V, k * V * 4);
            std::memcpy(prm.mapped(), params.data() + r0, k * sizeof(SampleRow));
            std::fill_n(static_cast<std::int32_t*>(out.mapped()), k, std::int32_t(-3));  // -3: not written
            Buffer ex;  // RWKV_VK_SAMPLE_EXP=1 / 2: the exp rows of sample_keep_exp*.comp
            if (sample_keeps_exp()) ex = Buffer(ctx_, up.size(), MemoryKind::Device, "test sampler exp rows");
            const BufferRange ex_range{ex.handle(), 0, ex.size()};
            ctx_->run_once([&](VkCommandBuffer cmd) {
                const VkBufferCopy c{0, 0, up.size()};
                vkCmdCopyBuffer(cmd, up.handle(), dev.handle(), 1, &c);
                full_barrier(cmd);
                record_sample(*ops_, cmd, {dev.handle(), 0, dev.size()}, 0, std::uint32_t(V), std::uint32_t(k),
                              {prm.handle(), 0, prm.size()}, {out.handle(), 0, out.size()}, 0,
                              ex.handle() ? &ex_range : nullptr);
                full_barrier(cmd);
            });
            std::memcpy(ids.data() + r0, out.mapped(), k * 4);
        }
        return ids;
    }

private:
    // forward_batch (sampling empty) and forward_batch_sample, validated.
    void batch_steps(std::span<State* const> states, std::span<const std::int32_t> tokens, std::span<float> logits,
                     std::span<const TokenSampling> sampling, std::span<std::uint64_t> rng,
                     std::span<std::int32_t> next) {
        std::vector<DeviceStateStorage*> st;
        for (State* s : states) st.push_back(&device_state(*s));
        std::lock_guard lock(mu_);
        RowsPath& rp = rows();
        const bool f16 = batch_f16_;
        to_form(st, f16);  // states entering the fp16 form rounded once; the fp32 form widened back exactly
        const std::size_t V = std::size_t(shape().vocab_size), B = states.size();
        for (std::size_t b0 = 0; b0 < B;) {
            const std::size_t n = std::min<std::size_t>(rp.max_seqs(), B - b0);
            std::vector<RowsPath::Seq> seqs;
            for (std::size_t b = b0; b < b0 + n; ++b)
                seqs.push_back({st[b]->buffer(), f16 ? st[b]->wkv16_buffer() : VK_NULL_HANDLE, tokens.subspan(b, 1)});
            float* out = logits.empty() ? nullptr : logits.data() + b0 * V;
            RowsPath::LogitsTarget direct;
            if (out) {  // inside memory imported by pin_host_memory: the device writes the logits there itself
                const auto* p = reinterpret_cast<const std::byte*>(out);
                for (const Pinned& m : pinned_) {
                    if (p >= m.begin && p + n * V * 4 <= m.end) {
                        direct = {m.buffer.handle(), VkDeviceSize(p - m.base)};
                        break;
                    }
                }
            }
            if (next.empty()) {
                rp.run(seqs, out, direct.buffer ? &direct : nullptr);
            } else {
                std::vector<SampleRow> rows(n);
                for (std::size_t i = 0; i < n; ++i) {
                    const TokenSampling& t = sampling[sampling.size() == 1 ? 0 : b0 + i];
                    rows[i] = {t.temperature, t.top_p, t.greedy() ? 0.0 : splitmix64_uniform(rng[b0 + i])};
                }
                const RowsPath::Sampling smp{rows, next.subspan(b0, n)};
                rp.run(seqs, out, direct.buffer ? &direct : nullptr, &smp);
                for (std::size_t i = 0; i < n; ++i) checked_device_sample(next[b0 + i], b0 + i, V);
            }
            b0 += n;
        }
    }

public:

    // Where the device can import host memory (VK_EXT_external_memory_host), the pages around `memory` become a
    // transfer buffer and forward_batch() copies logits that lie inside it on the device (no host memcpy).
    bool pin_host_memory(std::span<std::byte> memory) const override {
        const std::uint64_t a = ctx_->caps().host_import_align;
        if (a == 0 || memory.empty()) return false;
        const auto lo = reinterpret_cast<std::uintptr_t>(memory.data()) / a * a;
        const auto hi = align_up(reinterpret_cast<std::uintptr_t>(memory.data()) + memory.size(), a);
        try {  // whole pages: the import covers the pages the span touches
            Buffer b = Buffer::import_host(ctx_, reinterpret_cast<void*>(lo), hi - lo, "page-locked logits");
            std::lock_guard lock(mu_);
            pinned_.push_back({reinterpret_cast<const std::byte*>(lo), memory.data(), memory.data() + memory.size(),
                               std::move(b)});
            return true;
        } catch (const Error&) {
            return false;
        }
    }
    void unpin_host_memory(std::span<std::byte> memory) const override {
        std::lock_guard lock(mu_);
        vkDeviceWaitIdle(ctx_->device());
        std::erase_if(pinned_, [&](const Pinned& m) { return m.begin == memory.data(); });
    }

    std::vector<StageTime> profile_decode(State& state, std::span<const std::int32_t> tokens) override {
        check_tokens(tokens);
        check_state(state);
        DeviceStateStorage& st = device_state(state);
        std::lock_guard lock(mu_);
        DeviceStateStorage* stp = &st;
        to_form({&stp, 1}, false);
        const Caps& caps = ctx_->caps();
        if (caps.timestamp_bits == 0) {
            throw Error(ErrorCode::BackendUnavailable, "the Vulkan queue of " + ctx_->info().name + " has no timestamps");
        }
        record_profiled_step();
        record_state_copies(st);
        const std::uint64_t mask = caps.timestamp_bits >= 64 ? ~0ull : ((1ull << caps.timestamp_bits) - 1);
        const std::size_t nq = timer_.next;
        std::vector<std::uint64_t> ts(nq);
        std::map<std::string, std::vector<double>> per_token;  // stage -> time of each token, us
        std::map<std::string, int> calls;
        std::vector<std::string> order;
        const std::uint64_t active0 = active_;
        for (std::size_t t = 0; t < tokens.size(); ++t) {
            run_chunk(tokens.subspan(t, 1), {io_cmd_, in_cmd_, prof_cmd_, out_cmd_});
            check(vkGetQueryPoolResults(ctx_->device(), query_pool_, 0, std::uint32_t(nq), nq * 8, ts.data(), 8,
                                        VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WAIT_BIT),
                  "reading timestamps");
            std::map<std::string, double> sum;
            for (std::size_t i = 0; i + 1 < nq; ++i) {
                const double us = double((ts[i + 1] - ts[i]) & mask) * caps.timestamp_ns * 1e-3;
                const std::string& name = timer_.names[i];
                if (!sum.count(name)) {
                    if (t == 0) order.push_back(name);
                    sum[name] = 0;
                }
                sum[name] += us;
                if (t == 0) ++calls[name];
            }
            for (const auto& [name, us] : sum) per_token[name].push_back(us);
        }
        const double active_per_token = tokens.empty() ? 0.0 : double(active_ - active0) / double(tokens.size());
        std::map<std::string, double> bytes;
        for (std::size_t i = 0; i < timer_.names.size(); ++i) bytes[timer_.names[i]] += timer_.bytes[i];
        bytes["ffn.value"] = active_per_token * shape().n_embd * w_.layers[0].ffn_value_t.elem_bytes();
        std::vector<StageTime> out;
        for (const std::string& name : order) {
            std::vector<double>& v = per_token[name];
            std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(v.size() / 2), v.end());
            out.push_back({name, calls[name], v[v.size() / 2], bytes[name]});
        }
        return out;
    }

    ModelStats stats() const {
        ModelStats s;
        s.device = device_name();
        s.subgroup_size = ctx_->caps().subgroup_size;
        s.weight_blocks = w_.blocks.size();
        s.emb_pieces = w_.emb.pieces.size();
        s.head_pieces = w_.head.pieces.size();
        s.step_dispatches = step_dispatches_;
        s.step_barriers = step_barriers_;
        std::lock_guard lock(mu_);
        s.submissions = submissions_ + (rows_ ? rows_->submissions() : 0);
        s.rows_dispatches = rows_ ? rows_->dispatches() : 0;
        s.kernels = describe_kernels(ops_->kernels(), res_.sparse_ffn, w_.int8);
        s.shaders_used = ops_->shaders_used();
        if (res_.prefetch != decltype(res_.prefetch){}) {
            s.kernels += ", L2 prefetch";
            for (std::size_t i = 0; i < res_.prefetch.size(); ++i) {
                s.kernels += i ? '/' : ' ';  // (char, then the number: GCC 12's -Wrestrict misfires on "x" + string&&)
                s.kernels += std::to_string(res_.prefetch[i] >> 20);
            }
            s.kernels += " MiB";
        }
        s.validation = ctx_->validation_enabled();
        s.spin_wait = ctx_->spin_wait();
        s.state_bound = direct_state_;
        s.validation_errors = ctx_->validation_errors();
        return s;
    }

private:
    DeviceStateStorage& device_state(State& state) const {
        auto* st = dynamic_cast<DeviceStateStorage*>(state.storage());
        if (st == nullptr || st->context() != ctx_.get()) {
            throw Error(ErrorCode::StateMismatch, "state does not live on this model's Vulkan device");
        }
        return *st;
    }

    static void begin(VkCommandBuffer cmd, VkCommandBufferUsageFlags flags) {
        VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
        bi.flags = flags;
        check(vkBeginCommandBuffer(cmd, &bi), "recording");
    }

    bool can_batch_f16() const noexcept { return ctx_->caps().buffer_address; }

    // Brings every storage's WKV matrices into the form the next kernels read (f16: the fp16 copy, allocated and
    // rounded from fp32 where that is newer; else fp32, widened from the fp16 copy where that is newer), in one
    // submission for all of them, then marks the form about to be written: the kernels that follow write it.
    void to_form(std::span<DeviceStateStorage* const> st, bool f16) {
        std::vector<DeviceStateStorage*> conv;
        for (DeviceStateStorage* s : st)
            if (f16 ? !s->f16_current() : !s->f32_current()) conv.push_back(s);
        if (!conv.empty()) {
            ops_->reset_scope(*conv_scope_);
            {
                const ScopeGuard scope(*ops_, conv_scope_);
                ctx_->run_once([&](VkCommandBuffer cmd) {
                    full_barrier(cmd);
                    for (DeviceStateStorage* s : conv) record_state_f16(*ops_, cmd, *s, !f16);
                    full_barrier(cmd);
                });
            }
            ops_->reset_scope(*conv_scope_);
            for (DeviceStateStorage* s : conv) s->converted();
        }
        for (DeviceStateStorage* s : st) f16 ? s->wrote_f16() : s->wrote_f32();
    }

    RowsPath& rows() {
        if (!rows_) rows_ = std::make_unique<RowsPath>(ctx_, *ops_, shape(), w_);
        return *rows_;
    }

    // Chunked prefill through the rows path: chunks of min(chunk_size, max_rows) tokens, the head after the last.
    void forward_rows(DeviceStateStorage& st, std::span<const std::int32_t> tokens, std::span<float> logits,
                      const ForwardOptions& options) {
        RowsPath& rp = rows();
        const std::size_t chunk = std::clamp<std::size_t>(options.chunk_size, 1, rp.max_rows());
        for (std::size_t i = 0; i < tokens.size();) {
            if (options.cancel && options.cancel->load(std::memory_order_relaxed)) {
                throw Error(ErrorCode::Cancelled, "prefill cancelled after " + std::to_string(i) + " tokens");
            }
            if (options.progress && i > 0) options.progress(i, tokens.size());
            const std::size_t n = std::min(chunk, tokens.size() - i);
            const bool last = i + n == tokens.size();
            rp.run({{st.buffer(), VK_NULL_HANDLE, tokens.subspan(i, n)}}, last && options.logits ? logits.data() : nullptr);
            i += n;
        }
        if (options.progress) options.progress(tokens.size(), tokens.size());
    }

    // Submits one chunk with its token ids (cursor and activity counter start at 0) and adds its FFN activity.
    void run_chunk(std::span<const std::int32_t> ids, const std::vector<VkCommandBuffer>& cmds) {
        auto* io = static_cast<std::uint32_t*>(io_up_.mapped());
        io[0] = 0;  // cursor
        io[1] = 0;  // active FFN neurons
        std::memcpy(io + kIoHeader / 4, ids.data(), ids.size() * 4);
        ctx_->submit_and_wait(cmds);
        ++submissions_;
        std::uint32_t active = 0;
        std::memcpy(&active, static_cast<const std::byte*>(readback_.mapped()) + logits_.size() + 4, 4);
        active_ += active;
        total_ += std::uint64_t(ids.size()) * std::uint64_t(shape().n_layer) * std::uint64_t(shape().dim_ffn);
    }

    // State buffer (dense spec layout) <-> working state (per-layer aligned stride) by copy_state.comp (or
    // vkCmdCopyBuffer where it cannot); out also copies the io header (the FFN activity counter) behind the logits in
    // the readback buffer. Recorded again only when another storage runs.
    void record_state_copies(const DeviceStateStorage& st) {
        if (st.id() == copies_for_) return;  // recorded for this storage already
        copies_for_ = 0;
        ops_->reset_scope(*copy_scope_);  // the previous storage's descriptor sets
        const ScopeGuard scope(*ops_, copy_scope_);
        const VkBuffer state = st.buffer();
        const int L = shape().n_layer;
        const std::size_t nl = static_cast<std::size_t>(L);
        std::vector<VkBufferCopy> in(nl), out(nl);
        for (int l = 0; l < L; ++l) {
            in[std::size_t(l)] = {VkDeviceSize(l) * layer_floats_ * 4, VkDeviceSize(l) * layer_stride_, layer_floats_ * 4};
            out[std::size_t(l)] = {in[std::size_t(l)].dstOffset, in[std::size_t(l)].srcOffset, layer_floats_ * 4};
        }
        const std::uint64_t block = layer_floats_ * 4, dense = block;
        const bool by_shader = can_copy_state(ctx_->caps(), block, dense, layer_stride_, std::uint32_t(L));
        const BufferRange st_range{state, 0, VkDeviceSize(st.floats()) * 4};
        const BufferRange work_range{work_state_.handle(), 0, work_state_.size()};
        begin(in_cmd_, 0);
        full_barrier(in_cmd_);
        if (by_shader)
            record_copy_state(*ops_, in_cmd_, st_range, work_range, block, dense, layer_stride_, std::uint32_t(L));
        else
            vkCmdCopyBuffer(in_cmd_, state, work_state_.handle(), std::uint32_t(L), in.data());
        full_barrier(in_cmd_);
        check(vkEndCommandBuffer(in_cmd_), "recording the state copy");
        begin(out_cmd_, 0);
        full_barrier(out_cmd_);
        if (by_shader)
            record_copy_state(*ops_, out_cmd_, work_range, st_range, block, layer_stride_, dense, std::uint32_t(L));
        else
            vkCmdCopyBuffer(out_cmd_, work_state_.handle(), state, std::uint32_t(L), out.data());
        const VkBufferCopy io_region{0, logits_.size(), kIoHeader};
        vkCmdCopyBuffer(out_cmd_, io_dev_.handle(), readback_.handle(), 1, &io_region);
        full_barrier(out_cmd_);
        check(vkEndCommandBuffer(out_cmd_), "recording the state copy");
        copies_for_ = st.id();
    }

    // Makes dispatch() allocate in a scope until the guard goes.
    struct ScopeGuard {
        ScopeGuard(Ops& o, DescriptorScope* s) : ops(o) { ops.set_scope(s); }
        ~ScopeGuard() { ops.set_scope(nullptr); }
        Ops& ops;
    };

    // The token step with each layer's state bound in the storage's own buffer (direct_state_), recorded again
    // only when another storage runs (the previous recording's descriptor sets freed first).
    void record_step_for(const DeviceStateStorage& st) {
        if (st.id() == step_for_) return;
        step_for_ = 0;
        StepResources r = res_;
        const VkDeviceSize layer_bytes = layer_floats_ * 4;
        for (std::size_t l = 0; l < r.layer_state.size(); ++l) {
            r.layer_state[l] = {st.buffer(), layer_bytes * VkDeviceSize(l), layer_bytes};
        }
        record_step_even(r);
        step_for_ = st.id();
    }

    // Records the step into step_cmd_ (sets in step_scope_, the previous recording's freed first) as an even-numbered
    // recording of that command buffer: once more first where it would be odd-numbered. H200 (driver 580.159.04):
    // the same commands ran 0.020 ms per token slower on odd-numbered recordings of step_cmd_ (not of the descriptor
    // sets; a released reset or a new command buffer was not always fast): docs/perf/vulkan-decode.md "B=1 v19".
    StepCounts record_step_even(const StepResources& r) {
        StepCounts counts;
        for (int n = step_records_ % 2 == 0 ? 2 : 1; n > 0; --n) {
            ops_->reset_scope(*step_scope_);
            const ScopeGuard scope(*ops_, step_scope_);
            const std::size_t d0 = ops_->dispatch_count();
            begin(step_cmd_, VK_COMMAND_BUFFER_USAGE_SIMULTANEOUS_USE_BIT);
            counts = StepCounts{};
            record_step(*ops_, step_cmd_, r, nullptr, counts);
            check(vkEndCommandBuffer(step_cmd_), "recording the token step");
            step_dispatches_ = ops_->dispatch_count() - d0;
            ++step_records_;
        }
        return counts;
    }

    // The step and head with a timestamp after every stage, recorded on first use.
    void record_profiled_step() {
        if (query_pool_) return;
        const std::uint32_t queries = 8 + 8 * std::uint32_t(shape().n_layer);
        VkQueryPoolCreateInfo qi{VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO};
        qi.queryType = VK_QUERY_TYPE_TIMESTAMP;
        qi.queryCount = queries;
        check(vkCreateQueryPool(ctx_->device(), &qi, nullptr, &query_pool_), "creating a timestamp query pool");
        timer_ = StageTimer{};
        timer_.pool = query_pool_;
        begin(prof_cmd_, 0);
        vkCmdResetQueryPool(prof_cmd_, query_pool_, 0, queries);
        StepCounts counts;
        record_step(*ops_, prof_cmd_, res_, &timer_, counts);
        record_head(*ops_, prof_cmd_, res_, &timer_, counts);
        full_barrier(prof_cmd_);
        check(vkEndCommandBuffer(prof_cmd_), "recording the profiled step");
        if (timer_.next > queries) throw Error(ErrorCode::Internal, "profiler: too few timestamp queries");
    }

    std::shared_ptr<Context> ctx_;
    std::unique_ptr<Ops> ops_;
    DeviceWeights w_;
    std::unique_ptr<RowsPath> rows_;  // created on first use (after w_, destroyed before it)
    struct Pinned {  // host memory imported by pin_host_memory
        const std::byte *base = nullptr, *begin = nullptr, *end = nullptr;  // buffer start (page), the span
        Buffer buffer;
    };
    mutable std::vector<Pinned> pinned_;
    bool rows_prefill_ = true;
    StepResources res_;
    std::size_t layer_floats_ = 0;
    VkDeviceSize layer_stride_ = 0;
    Buffer scratch_, work_state_, io_up_, io_dev_, mask_, ffn_scratch_, logits_, readback_;
    VkCommandPool pool_ = VK_NULL_HANDLE;
    VkCommandBuffer step_cmd_ = VK_NULL_HANDLE, head_cmd_ = VK_NULL_HANDLE, in_cmd_ = VK_NULL_HANDLE,
                    out_cmd_ = VK_NULL_HANDLE, io_cmd_ = VK_NULL_HANDLE, prof_cmd_ = VK_NULL_HANDLE,
                    tail_cmd_ = VK_NULL_HANDLE;
    bool direct_state_ = false;  // the step binds the State's buffer (record_step_for); else copies in / out
    DescriptorScope* step_scope_ = nullptr;  // descriptor sets of step_cmd_ (owned by ops_)
    DescriptorScope* copy_scope_ = nullptr;  // of in_cmd_ / out_cmd_
    DescriptorScope* conv_scope_ = nullptr;  // of to_form's one-shot conversions (reset after each)
    bool batch_f16_ = false;                 // batched decode keeps the WKV state in fp16 (set_batch_state_dtype)
    std::uint64_t step_records_ = 0;  // recordings of step_cmd_ (record_step_even keeps it even)
    std::uint64_t step_for_ = 0;  // DeviceStateStorage::id() that step_cmd_ was recorded for (direct_state_)
    VkQueryPool query_pool_ = VK_NULL_HANDLE;
    StageTimer timer_;
    std::size_t step_dispatches_ = 0, step_barriers_ = 0;
    std::size_t submissions_ = 0;
    std::uint64_t copies_for_ = 0;  // DeviceStateStorage::id() that in_cmd_ / out_cmd_ were recorded for
    std::uint64_t active_ = 0, total_ = 0;
    mutable std::mutex mu_;  // scratch, io, counters and the recorded command buffers: one forward at a time
};

}  // namespace

std::vector<std::int32_t> sample_rows_for_test(Model& model, std::span<const float> logits, std::size_t V,
                                               std::span<const TokenSampling> sampling, std::span<const double> u) {
    auto* m = dynamic_cast<VulkanModel*>(&model);
    if (!m) throw Error(ErrorCode::InvalidArgument, "sample_rows_for_test: not a Vulkan model");
    if (V == 0 || logits.size() != sampling.size() * V || u.size() != sampling.size())
        throw Error(ErrorCode::InvalidArgument, "sample_rows_for_test: rows, settings and draws disagree");
    std::vector<SampleRow> params(sampling.size());
    for (std::size_t r = 0; r < params.size(); ++r) params[r] = {sampling[r].temperature, sampling[r].top_p, u[r]};
    return m->sample_rows(logits, V, params);
}

ModelStats model_stats(const Model& model) {
    const auto* m = dynamic_cast<const VulkanModel*>(&model);
    if (!m) throw Error(ErrorCode::InvalidArgument, "model_stats: not a Vulkan model");
    return m->stats();
}

std::vector<std::string> describe_devices() {
    std::vector<std::string> out;
    for (const DeviceInfo& d : list_devices()) {
        out.push_back(std::to_string(d.index) + ": " + d.name + " (" + d.type_name() + ", " + mib(d.local_bytes) +
                      ", " + mib(d.budget_bytes) + " free" + (d.usable ? "" : ", unusable") + ")");
    }
    return out;
}

}  // namespace vk

std::optional<std::string> vulkan_auto_backend(const WeightSet& weights, bool int8) noexcept {
    try {
        // A tensor-core GPU makes the rows path's fp16 copies, unless its GEMMs stage the int8 weights themselves.
        const bool stage = vk::env_int("RWKV_VK_I8_STAGE", 0) == 1;
        const std::uint64_t copies = int8 && !stage ? vk::i8_copy_bytes(weights.shape) : 0;
        const std::uint64_t need = vk::estimate_device_bytes(weights, int8) + copies + (std::uint64_t(512) << 20);
        if (const auto d = vk::auto_device(vk::list_devices(), need)) return "vulkan:" + std::to_string(d->index);
    } catch (const std::exception&) {  // no loader or driver: not a candidate
    }
    return std::nullopt;
}

std::unique_ptr<Model> make_vulkan_model(WeightSet weights, const LoadOptions& options, const vk::ModelConfig& config) {
    using namespace vk;
    const DType dt = options.weight_dtype;
    if (dt != DType::F32 && dt != DType::F16 && dt != DType::BF16 && dt != DType::I8) {
        throw Error(ErrorCode::InvalidArgument,
                    std::string("the Vulkan backend stores weights as fp16 or int8; it cannot run ") +
                        std::string(dtype_name(dt)));
    }
    const bool int8 = dt == DType::I8;
    const ModelShape& s = weights.shape;
    if (s.head_size != 64 || s.n_head * 64 != s.n_embd) {
        throw Error(ErrorCode::UnsupportedModel, "head size must be 64 (" + s.to_string() + ")");
    }
    if (std::uint64_t(s.lora_w) + s.lora_a + s.lora_g + s.lora_v > kMaxLoraSum) {
        throw Error(ErrorCode::UnsupportedModel, "LoRA widths too large for the Vulkan backend (" + s.to_string() + ")");
    }
    std::string selector;
    const std::string& b = options.backend;
    if (b.rfind("vulkan:", 0) == 0) selector = b.substr(7);
    const std::uint64_t need = estimate_device_bytes(weights, int8);
    const DeviceInfo dev = choose_device(list_devices(), selector, need);
    auto refuse_if_short = [&](std::uint64_t bytes) {
        if (dev.budget_bytes < bytes)
            throw Error(ErrorCode::OutOfMemory, "the model needs about " + mib(bytes) + " of GPU memory; " + dev.name +
                                                    " has " + mib(dev.budget_bytes) + " free");
    };
    refuse_if_short(need);
    ContextOptions co;
    co.validation = config.validation;
    auto ctx = Context::create(dev, co);
    const Ops::Kernels k = choose_kernels(ctx->caps(), config, s.n_embd);  // bad knobs fail before the upload
    if (int8 && k.i8_copies) refuse_if_short(need + i8_copy_bytes(s));  // the rows path's fp16 copies (none at int8_gemm_stage 1)
    ModelFingerprint fp = compute_fingerprint(weights);
    DeviceWeights dw =
        upload_weights(ctx, weights, config.max_weight_block ? config.max_weight_block : kDefaultBlock, int8);
    return std::make_unique<VulkanModel>(std::move(fp), std::move(ctx), std::move(dw), config);
}

}  // namespace rwkv
