// The Vulkan backend's Model (vk_model.h). One token step (embedding, every layer, cursor advance) is recorded
// once into a command buffer and re-submitted: a prefill chunk of n tokens is one vkQueueSubmit of
// [state in, step × n, head, state out]. The step reads its token id from a host-visible buffer at a device-side
// cursor, so the same commands serve every token. Math: engine/src/cpu/cpu_model.cpp, op by op.
#include "vulkan/vk_model.h"

#include <algorithm>
#include <cstring>
#include <mutex>

#include "rwkv/error.h"
#include "vulkan/ops.h"
#include "vulkan/vk_state.h"
#include "vulkan/vk_weights.h"

namespace rwkv {
namespace vk {
namespace {

constexpr float kLayerNormEps = 1e-5f;
constexpr float kGroupNormEps = 64e-5f;
constexpr std::uint32_t kIoCapacity = 1024;       // token ids per submission
constexpr std::uint64_t kDefaultBlock = 1ull << 30;  // weight block cap when the device allows more

// Float offsets of the activations in the scratch buffer.
struct Scratch {
    std::uint32_t x, xmix, r, k, v, tw, ta, g, tv, yg, vfirst, ffn_in, hw, ha, hg, hv, ffn_h, total;
    explicit Scratch(const ModelShape& s) {
        const std::uint32_t C = std::uint32_t(s.n_embd);
        const std::uint32_t D = std::uint32_t(std::max({s.lora_w, s.lora_a, s.lora_v, s.lora_g}));
        std::uint32_t o = 0;
        auto take = [&](std::uint32_t n) { const std::uint32_t at = o; o += n; return at; };
        x = take(C);
        xmix = take(6 * C);  // xr, xw, xk, xv, xa, xg (token_mix order); xmix also holds ln_out(x) for the head
        r = take(C);
        k = take(C);
        v = take(C);
        tw = take(C);
        ta = take(C);
        g = take(C);
        tv = take(C);
        yg = take(C);
        vfirst = take(C);
        ffn_in = take(C);
        hw = take(D);
        ha = take(D);
        hg = take(D);
        hv = take(D);
        ffn_h = take(std::uint32_t(s.dim_ffn));
        total = o;
    }
};

class VulkanModel final : public Model {
public:
    VulkanModel(ModelFingerprint fp, std::shared_ptr<Context> ctx, DeviceWeights w, const ModelConfig& config)
        : Model(std::move(fp)), ctx_(std::move(ctx)), ops_(std::make_unique<Ops>(ctx_)), w_(std::move(w)),
          sc_(shape()) {
        const ModelShape& s = shape();
        const Caps& caps = ctx_->caps();
        ops_->set_matvec_tpr(config.matvec_threads_per_row);
        layer_floats_ = s.state_floats_per_layer();
        layer_stride_ = align_up(layer_floats_ * 4, caps.min_storage_align);
        scratch_ = Buffer(ctx_, VkDeviceSize(sc_.total) * 4, MemoryKind::Device, "activations");
        work_state_ = Buffer(ctx_, layer_stride_ * VkDeviceSize(s.n_layer), MemoryKind::Device, "the working state");
        io_ = Buffer(ctx_, 16 + VkDeviceSize(kIoCapacity) * 4, MemoryKind::Upload, "token ids");
        logits_ = Buffer(ctx_, VkDeviceSize(s.vocab_size) * 4, MemoryKind::Device, "logits");
        readback_ = Buffer(ctx_, VkDeviceSize(s.vocab_size) * 4, MemoryKind::Readback, "logits readback");
        std::memset(io_.mapped(), 0, io_.size());

        VkCommandPoolCreateInfo pi{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
        pi.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
        pi.queueFamilyIndex = ctx_->queue_family();
        check(vkCreateCommandPool(ctx_->device(), &pi, nullptr, &pool_), "creating a command pool");
        VkCommandBufferAllocateInfo ai{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
        ai.commandPool = pool_;
        ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
        ai.commandBufferCount = 4;
        VkCommandBuffer cmds[4];
        check(vkAllocateCommandBuffers(ctx_->device(), &ai, cmds), "allocating command buffers");
        step_cmd_ = cmds[0];
        head_cmd_ = cmds[1];
        in_cmd_ = cmds[2];
        out_cmd_ = cmds[3];
        record_step();
        step_dispatches_ = ops_->dispatch_count();
        record_head();
    }

    ~VulkanModel() override {
        vkDeviceWaitIdle(ctx_->device());
        vkDestroyCommandPool(ctx_->device(), pool_, nullptr);
    }

    std::string backend_name() const override { return "vulkan:" + std::to_string(ctx_->info().index); }
    std::string device_name() const override {
        return ctx_->info().name + " (Vulkan, " + ctx_->info().type_name() + ", subgroup " +
               std::to_string(ctx_->caps().subgroup_size) + ")";
    }
    DType weight_dtype() const override { return DType::F16; }

    State new_state() const override {
        auto st = std::make_unique<DeviceStateStorage>(ctx_, shape().state_floats());
        st->clear();
        return State(shape(), std::move(st));
    }

    void forward(State& state, std::span<const std::int32_t> tokens, std::span<float> logits,
                 const ForwardOptions& options) override {
        check_forward(state, tokens, logits);
        auto* st = dynamic_cast<DeviceStateStorage*>(state.storage());
        if (st == nullptr || st->context() != ctx_.get()) {
            throw Error(ErrorCode::StateMismatch, "state does not live on this model's Vulkan device");
        }
        std::lock_guard lock(mu_);
        record_state_copies(st->buffer());
        const std::size_t chunk = std::clamp<std::size_t>(options.chunk_size, 1, kIoCapacity);
        for (std::size_t i = 0; i < tokens.size();) {
            if (options.cancel && options.cancel->load(std::memory_order_relaxed)) {
                throw Error(ErrorCode::Cancelled, "prefill cancelled after " + std::to_string(i) + " tokens");
            }
            if (options.progress && i > 0) options.progress(i, tokens.size());
            const std::size_t n = std::min(chunk, tokens.size() - i);
            auto* io = static_cast<std::uint32_t*>(io_.mapped());
            io[0] = 0;  // cursor
            std::memcpy(io + 4, tokens.data() + i, n * 4);
            std::vector<VkCommandBuffer> cmds;
            cmds.reserve(n + 3);
            if (i == 0) cmds.push_back(in_cmd_);
            cmds.insert(cmds.end(), n, step_cmd_);
            if (i + n == tokens.size()) cmds.push_back(head_cmd_);
            cmds.push_back(out_cmd_);
            ctx_->submit_and_wait(cmds);
            ++submissions_;
            i += n;
        }
        if (options.progress) options.progress(tokens.size(), tokens.size());
        std::memcpy(logits.data(), readback_.mapped(), logits.size() * 4);
    }

    ModelStats stats() const {
        ModelStats s;
        s.device = device_name();
        s.subgroup_size = ctx_->caps().subgroup_size;
        s.weight_blocks = w_.blocks.size();
        s.emb_pieces = w_.emb.pieces.size();
        s.head_pieces = w_.head.pieces.size();
        s.step_dispatches = step_dispatches_;
        s.submissions = submissions_;
        s.validation = ctx_->validation_enabled();
        s.validation_errors = ctx_->validation_errors();
        return s;
    }

private:
    BufferRange act() const { return {scratch_.handle(), 0, scratch_.size()}; }
    BufferRange io() const { return {io_.handle(), 0, io_.size()}; }
    BufferRange layer_state(int l) const { return {work_state_.handle(), layer_stride_ * VkDeviceSize(l), layer_floats_ * 4}; }

    static void begin(VkCommandBuffer cmd, VkCommandBufferUsageFlags flags) {
        VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
        bi.flags = flags;
        check(vkBeginCommandBuffer(cmd, &bi), "recording");
    }

    // Embedding + ln0, then per layer (spec §3.4, §3.5) 8 dependent stages, then the cursor advance.
    void record_step() {
        const ModelShape& s = shape();
        const std::uint32_t C = std::uint32_t(s.n_embd);
        VkCommandBuffer cmd = step_cmd_;
        Ops& o = *ops_;
        const BufferRange a = act();
        begin(cmd, VK_COMMAND_BUFFER_USAGE_SIMULTANEOUS_USE_BIT);
        full_barrier(cmd);  // after the previous step or the state copy-in
        record_embed(o, cmd, w_.emb, a, sc_.x, io());
        full_barrier(cmd);
        record_layer_norm(o, cmd, a, C, sc_.x, sc_.x, w_.global_params(), kLn0W, kLn0B, kLayerNormEps);
        for (int l = 0; l < s.n_layer; ++l) {
            const LayerMatrices& L = w_.layers[std::size_t(l)];
            const BufferRange P = w_.layer_params(l), S = layer_state(l);
            full_barrier(cmd);
            record_token_mix(o, cmd, a, P, S, {C, sc_.x, sc_.xmix, 6, kLn1W, 0, kLayerNormEps});
            full_barrier(cmd);
            const std::uint32_t xr = sc_.xmix, xw = xr + C, xk = xw + C, xv = xk + C, xa = xv + C, xg = xa + C;
            record_matvec(o, cmd, L.receptance, a, xr, a, sc_.r, ActIn::None, ActOut::None, false);
            record_matvec(o, cmd, L.key, a, xk, a, sc_.k, ActIn::None, ActOut::None, false);
            record_matvec(o, cmd, L.value, a, xv, a, sc_.v, ActIn::None, ActOut::None, false);
            record_matvec(o, cmd, L.w1, a, xw, a, sc_.hw, ActIn::None, ActOut::None, false);
            record_matvec(o, cmd, L.a1, a, xa, a, sc_.ha, ActIn::None, ActOut::None, false);
            record_matvec(o, cmd, L.g1, a, xg, a, sc_.hg, ActIn::None, ActOut::None, false);
            if (l > 0) record_matvec(o, cmd, L.v1, a, xv, a, sc_.hv, ActIn::None, ActOut::None, false);
            full_barrier(cmd);
            record_matvec(o, cmd, L.w2, a, sc_.hw, a, sc_.tw, ActIn::Tanh, ActOut::None, false);
            record_matvec(o, cmd, L.a2, a, sc_.ha, a, sc_.ta, ActIn::None, ActOut::None, false);
            record_matvec(o, cmd, L.g2, a, sc_.hg, a, sc_.g, ActIn::Sigmoid, ActOut::None, false);
            if (l > 0) record_matvec(o, cmd, L.v2, a, sc_.hv, a, sc_.tv, ActIn::None, ActOut::None, false);
            full_barrier(cmd);
            Wkv7Args wa;
            wa.C = C;
            wa.H = std::uint32_t(s.n_head);
            wa.p_base = kW0;
            wa.wkv_off = C;
            wa.first_layer = l == 0 ? 1 : 0;
            wa.r_off = sc_.r;
            wa.k_off = sc_.k;
            wa.v_off = sc_.v;
            wa.tw_off = sc_.tw;
            wa.ta_off = sc_.ta;
            wa.g_off = sc_.g;
            wa.tv_off = sc_.tv;
            wa.vfirst_off = sc_.vfirst;
            wa.y_off = sc_.yg;
            wa.gn_eps = kGroupNormEps;
            record_wkv7(o, cmd, a, P, S, wa);
            full_barrier(cmd);
            record_matvec(o, cmd, L.output, a, sc_.yg, a, sc_.x, ActIn::None, ActOut::None, true);
            full_barrier(cmd);
            const std::uint32_t ffn_shift = std::uint32_t(layer_floats_) - C;
            record_token_mix(o, cmd, a, P, S, {C, sc_.x, sc_.ffn_in, 1, kLn2W, ffn_shift, kLayerNormEps});
            full_barrier(cmd);
            record_matvec(o, cmd, L.ffn_key, a, sc_.ffn_in, a, sc_.ffn_h, ActIn::None, ActOut::Relu2, false);
            full_barrier(cmd);
            record_matvec(o, cmd, L.ffn_value, a, sc_.ffn_h, a, sc_.x, ActIn::None, ActOut::None, true);
        }
        full_barrier(cmd);
        record_step_end(o, cmd, io());
        check(vkEndCommandBuffer(cmd), "recording the token step");
    }

    // logits = head · LN(x; ln_out), copied to the readback buffer.
    void record_head() {
        const std::uint32_t C = std::uint32_t(shape().n_embd);
        VkCommandBuffer cmd = head_cmd_;
        const BufferRange a = act();
        begin(cmd, 0);
        full_barrier(cmd);
        record_layer_norm(*ops_, cmd, a, C, sc_.x, sc_.xmix, w_.global_params(), kLnOutW, kLnOutB, kLayerNormEps);
        full_barrier(cmd);
        record_matvec(*ops_, cmd, w_.head, a, sc_.xmix, {logits_.handle(), 0, logits_.size()}, 0, ActIn::None,
                      ActOut::None, false);
        full_barrier(cmd);
        const VkBufferCopy region{0, 0, logits_.size()};
        vkCmdCopyBuffer(cmd, logits_.handle(), readback_.handle(), 1, &region);
        full_barrier(cmd);
        check(vkEndCommandBuffer(cmd), "recording the head");
    }

    // State buffer (dense spec layout) <-> working state (per-layer aligned stride).
    void record_state_copies(VkBuffer state) {
        const int L = shape().n_layer;
        const std::size_t nl = static_cast<std::size_t>(L);
        std::vector<VkBufferCopy> in(nl), out(nl);
        for (int l = 0; l < L; ++l) {
            in[std::size_t(l)] = {VkDeviceSize(l) * layer_floats_ * 4, VkDeviceSize(l) * layer_stride_, layer_floats_ * 4};
            out[std::size_t(l)] = {in[std::size_t(l)].dstOffset, in[std::size_t(l)].srcOffset, layer_floats_ * 4};
        }
        begin(in_cmd_, 0);
        full_barrier(in_cmd_);
        vkCmdCopyBuffer(in_cmd_, state, work_state_.handle(), std::uint32_t(L), in.data());
        full_barrier(in_cmd_);
        check(vkEndCommandBuffer(in_cmd_), "recording the state copy");
        begin(out_cmd_, 0);
        full_barrier(out_cmd_);
        vkCmdCopyBuffer(out_cmd_, work_state_.handle(), state, std::uint32_t(L), out.data());
        full_barrier(out_cmd_);
        check(vkEndCommandBuffer(out_cmd_), "recording the state copy");
    }

    std::shared_ptr<Context> ctx_;
    std::unique_ptr<Ops> ops_;
    DeviceWeights w_;
    Scratch sc_;
    std::size_t layer_floats_ = 0;
    VkDeviceSize layer_stride_ = 0;
    Buffer scratch_, work_state_, io_, logits_, readback_;
    VkCommandPool pool_ = VK_NULL_HANDLE;
    VkCommandBuffer step_cmd_ = VK_NULL_HANDLE, head_cmd_ = VK_NULL_HANDLE, in_cmd_ = VK_NULL_HANDLE,
                    out_cmd_ = VK_NULL_HANDLE;
    std::size_t step_dispatches_ = 0;
    std::size_t submissions_ = 0;
    std::mutex mu_;  // scratch, io and the recorded command buffers: one forward at a time
};

std::string mib(std::uint64_t b) { return std::to_string((b + (1 << 19)) >> 20) + " MiB"; }

}  // namespace

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

std::unique_ptr<Model> make_vulkan_model(WeightSet weights, const LoadOptions& options, const vk::ModelConfig& config) {
    using namespace vk;
    const std::uint32_t tpr = config.matvec_threads_per_row;
    if (tpr > 64 || (tpr & (tpr - 1)) != 0) {
        throw Error(ErrorCode::InvalidArgument, "matvec threads per row must be a power of two <= 64");
    }
    if (options.weight_dtype != DType::F32 && options.weight_dtype != DType::F16 && options.weight_dtype != DType::BF16) {
        throw Error(ErrorCode::InvalidArgument, std::string("the Vulkan backend stores weights as fp16; it cannot run ") +
                                                    std::string(dtype_name(options.weight_dtype)));
    }
    const ModelShape& s = weights.shape;
    if (s.head_size != 64 || s.n_head * 64 != s.n_embd) {
        throw Error(ErrorCode::UnsupportedModel, "head size must be 64 (" + s.to_string() + ")");
    }
    std::string selector;
    const std::string& b = options.backend;
    if (b.rfind("vulkan:", 0) == 0) selector = b.substr(7);
    const std::uint64_t need = estimate_device_bytes(weights);
    const DeviceInfo dev = choose_device(list_devices(), selector, need);
    if (dev.budget_bytes < need) {
        throw Error(ErrorCode::OutOfMemory, "the model needs about " + mib(need) + " of GPU memory; " + dev.name +
                                                " has " + mib(dev.budget_bytes) + " free");
    }
    ContextOptions co;
    co.validation = config.validation;
    auto ctx = Context::create(dev, co);
    ModelFingerprint fp = compute_fingerprint(weights);
    DeviceWeights dw = upload_weights(ctx, weights, config.max_weight_block ? config.max_weight_block : kDefaultBlock);
    return std::make_unique<VulkanModel>(std::move(fp), std::move(ctx), std::move(dw), config);
}

}  // namespace rwkv
