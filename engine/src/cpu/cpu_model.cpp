// CPU fp32 reference backend: one token step at a time, RWKV-7 spec §3.3–3.6 in the order of the
// reference pseudocode (§3.7). Checked against the fp64 goldens in tests/engine/test_cpu_forward.cpp.
// Large matrix-vector products split their rows over a thread pool; every row is still one cpu::matvec call
// in the same order, so the results do not depend on the thread count (bit-identical).
#include "cpu/cpu_model.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <memory>
#include <mutex>
#include <thread>

#include "cpu/cpu_ops.h"
#include "cpu/layer_state.h"
#include "cpu/cpu_weights.h"
#include "cpu/fast_model.h"
#include "cpu/thread_pool.h"
#include "rwkv/error.h"

namespace rwkv {
namespace {

using cpu::Vec;

constexpr float kLayerNormEps = 1e-5f;    // ln0, ln1, ln2, ln_out (spec §3.1)
constexpr float kGroupNormEps = 64e-5f;   // ln_x
constexpr double kL2Eps = 1e-12;          // κ normalisation
constexpr float kDecayScale = 0.606531f;  // official inference constant (spec §12 #1)

class CpuModel final : public Model {
public:
    CpuModel(ModelFingerprint fp, cpu::ModelWeights w, int threads)
        : Model(std::move(fp)), w_(std::move(w)) {
        if (threads > 1) pool_ = std::make_unique<cpu::ThreadPool>(threads);
        const ModelShape& s = w_.shape;
        const int C = s.n_embd;
        for (Vec* v : {&x_, &z_, &xr_, &xw_, &xk_, &xv_, &xa_, &xg_, &r_, &k_, &v_, &decay_, &alpha_, &g_, &kk_,
                       &y_, &v_first_, &tmp_})
            v->assign(std::size_t(C), 0.0f);
        const int D = std::max({s.lora_w, s.lora_a, s.lora_v, s.lora_g});
        lora_h_.assign(std::size_t(D), 0.0f);
        ffn_h_.assign(std::size_t(s.dim_ffn), 0.0f);
    }

    std::string backend_name() const override { return "cpu"; }
    std::string device_name() const override { return "CPU (fp32 reference)"; }
    DType weight_dtype() const override { return DType::F32; }

    FfnActivity ffn_activity() const override {
        return {ffn_active_.load(std::memory_order_relaxed), ffn_total_.load(std::memory_order_relaxed)};
    }

    State new_state() const override {
        return State(shape(), make_host_state_storage(shape().state_floats()));
    }

    void forward(State& state, std::span<const std::int32_t> tokens, std::span<float> logits,
                 const ForwardOptions& options) override {
        check_forward(state, tokens, logits);
        float* s = state.storage()->host_data();
        if (s == nullptr) throw Error(ErrorCode::StateMismatch, "state does not live in host memory");
        std::lock_guard lock(mu_);
        const std::size_t chunk = std::max<std::size_t>(1, options.chunk_size);
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            if (i % chunk == 0) {
                if (options.cancel && options.cancel->load(std::memory_order_relaxed)) {
                    throw Error(ErrorCode::Cancelled, "prefill cancelled after " + std::to_string(i) + " tokens");
                }
                if (options.progress && i > 0) options.progress(i, tokens.size());
            }
            step(s, tokens[i]);
        }
        if (options.progress) options.progress(tokens.size(), tokens.size());
        head(logits.data());
    }

private:
    // One token through embedding and all blocks; leaves the residual stream in x_.
    void step(float* state, std::int32_t token) {
        const ModelShape& sh = w_.shape;
        const int C = sh.n_embd;
        const float* e = w_.emb.data() + std::size_t(token) * C;
        cpu::layer_norm(e, w_.ln0_w.data(), w_.ln0_b.data(), x_.data(), C, kLayerNormEps);
        for (int i = 0; i < sh.n_layer; ++i) {
            const cpu::LayerState ls = cpu::layer_state(sh, state, i);
            time_mix(i, ls.att_x, ls.wkv);
            channel_mix(i, ls.ffn_x);
        }
    }

    // Spec §3.4: x += O·(y ⊙ g) where y is the WKV read-out after GroupNorm and bonus.
    void time_mix(int layer, float* att_x, float* S) {
        const cpu::LayerWeights& L = w_.layers[std::size_t(layer)];
        const ModelShape& sh = w_.shape;
        const int C = sh.n_embd, H = sh.n_head, N = sh.head_size;
        cpu::layer_norm(x_.data(), L.ln1_w.data(), L.ln1_b.data(), z_.data(), C, kLayerNormEps);
        const float* const mu[6] = {L.x_r.data(), L.x_w.data(), L.x_k.data(), L.x_v.data(), L.x_a.data(), L.x_g.data()};
        float* const mixed[6] = {xr_.data(), xw_.data(), xk_.data(), xv_.data(), xa_.data(), xg_.data()};
        cpu::token_shift_mix6(z_.data(), att_x, mu, mixed, C);  // §3.4.2–3
        mv(L.receptance.data(), xr_.data(), r_.data(), C, C);
        mv(L.key.data(), xk_.data(), k_.data(), C, C);
        mv(L.value.data(), xv_.data(), v_.data(), C, C);

        float* h = lora_h_.data();
        mv(L.w1.data(), xw_.data(), h, sh.lora_w, C);  // decay (§3.4.5)
        for (int d = 0; d < sh.lora_w; ++d) h[d] = std::tanh(h[d]);
        mv(L.w2.data(), h, tmp_.data(), C, sh.lora_w);
        for (int c = 0; c < C; ++c) decay_[c] = std::exp(-kDecayScale * cpu::sigmoid(L.w0[c] + tmp_[c]));

        mv(L.a1.data(), xa_.data(), h, sh.lora_a, C);  // in-context learning rate (§3.4.6)
        mv(L.a2.data(), h, tmp_.data(), C, sh.lora_a);
        for (int c = 0; c < C; ++c) alpha_[c] = cpu::sigmoid(L.a0[c] + tmp_[c]);

        mv(L.g1.data(), xg_.data(), h, sh.lora_g, C);  // output gate (§3.4.7)
        for (int d = 0; d < sh.lora_g; ++d) h[d] = cpu::sigmoid(h[d]);
        mv(L.g2.data(), h, g_.data(), C, sh.lora_g);

        for (int hd = 0; hd < H; ++hd) {  // removal key κ̂ (§3.4.8), from k before modulation
            const int o = hd * N;
            double ss = 0;
            for (int j = 0; j < N; ++j) {
                kk_[o + j] = k_[o + j] * L.k_k[o + j];
                ss += double(kk_[o + j]) * kk_[o + j];
            }
            const float inv = float(1.0 / std::max(std::sqrt(ss), kL2Eps));
            for (int j = 0; j < N; ++j) kk_[o + j] *= inv;
        }
        for (int c = 0; c < C; ++c) k_[c] = k_[c] * (1.0f + (alpha_[c] - 1.0f) * L.k_a[c]);  // §3.4.9

        if (layer == 0) {  // value residual (§3.4.10)
            std::copy(v_.begin(), v_.end(), v_first_.begin());
        } else {
            mv(L.v1.data(), xv_.data(), h, sh.lora_v, C);
            mv(L.v2.data(), h, tmp_.data(), C, sh.lora_v);
            for (int c = 0; c < C; ++c) v_[c] += (v_first_[c] - v_[c]) * cpu::sigmoid(L.v0[c] + tmp_[c]);
        }

        for (int hd = 0; hd < H; ++hd) {  // WKV (§3.4.11)
            const int o = hd * N;
            cpu::wkv7_step(S + std::size_t(hd) * N * N, &r_[o], &decay_[o], &k_[o], &v_[o], &kk_[o], &alpha_[o],
                           &y_[o], N);
        }
        cpu::group_norm(y_.data(), L.lnx_w.data(), L.lnx_b.data(), H, N, kGroupNormEps);  // §3.4.12
        for (int hd = 0; hd < H; ++hd) {  // bonus (§3.4.13)
            const int o = hd * N;
            float beta = 0;
            for (int j = 0; j < N; ++j) beta += r_[o + j] * k_[o + j] * L.r_k[o + j];
            for (int j = 0; j < N; ++j) y_[o + j] += beta * v_[o + j];
        }
        for (int c = 0; c < C; ++c) y_[c] *= g_[c];
        mv(L.output.data(), y_.data(), tmp_.data(), C, C);  // §3.4.14
        for (int c = 0; c < C; ++c) x_[c] += tmp_[c];
    }

    // Spec §3.5: x += Vf · relu(Kf · x_k)².
    void channel_mix(int layer, float* ffn_x) {
        const cpu::LayerWeights& L = w_.layers[std::size_t(layer)];
        const int C = w_.shape.n_embd, F = w_.shape.dim_ffn;
        cpu::layer_norm(x_.data(), L.ln2_w.data(), L.ln2_b.data(), z_.data(), C, kLayerNormEps);
        for (int c = 0; c < C; ++c) {
            const float z = z_[c];
            xk_[c] = z + (ffn_x[c] - z) * L.ffn_x_k[c];
            ffn_x[c] = z;
        }
        mv(L.ffn_key.data(), xk_.data(), ffn_h_.data(), F, C);
        std::uint64_t active = 0;
        for (int f = 0; f < F; ++f) {
            const float a = std::max(ffn_h_[f], 0.0f);
            ffn_h_[f] = a * a;
            active += ffn_h_[f] != 0.0f;
        }
        ffn_active_.fetch_add(active, std::memory_order_relaxed);
        ffn_total_.fetch_add(std::uint64_t(F), std::memory_order_relaxed);
        mv(L.ffn_value.data(), ffn_h_.data(), tmp_.data(), C, F);
        for (int c = 0; c < C; ++c) x_[c] += tmp_[c];
    }

    // Spec §3.6: logits = Head · LN(x; ln_out).
    void head(float* logits) {
        const int C = w_.shape.n_embd;
        cpu::layer_norm(x_.data(), w_.ln_out_w.data(), w_.ln_out_b.data(), z_.data(), C, kLayerNormEps);
        mv(w_.head.data(), z_.data(), logits, w_.shape.vocab_size, C);
    }

    // y[rows] = M[rows, cols] · x: cpu::matvec, its rows split over the pool for matrices of 4 MiB and more
    // (C >= 1024 models and 65536-row heads; smaller ones are not worth waking the workers).
    void mv(const float* M, const float* x, float* y, int rows, int cols) {
        if (!pool_ || std::size_t(rows) * std::size_t(cols) < (std::size_t(1) << 20)) {
            cpu::matvec(M, x, y, rows, cols);
            return;
        }
        const int n = pool_->size();
        pool_->run([&](int i) {
            const auto [b, e] = cpu::split_range(rows, i, n, 16);
            if (e > b) cpu::matvec(M + std::size_t(b) * cols, x, y + b, e - b, cols);
        });
    }

    cpu::ModelWeights w_;
    std::unique_ptr<cpu::ThreadPool> pool_;  // null when running on one thread
    std::atomic<std::uint64_t> ffn_active_{0}, ffn_total_{0};
    std::mutex mu_;  // scratch buffers below: one forward at a time per model
    Vec x_, z_, xr_, xw_, xk_, xv_, xa_, xg_, r_, k_, v_, decay_, alpha_, g_, kk_, y_, v_first_, tmp_, lora_h_,
        ffn_h_;
};

}  // namespace

int auto_cpu_threads(const ModelShape& s) {
    const double C = s.n_embd, per_layer = 4 * C * C + 2 * C * s.dim_ffn +
                                           2 * C * double(s.lora_w + s.lora_a + s.lora_v + s.lora_g);
    const double matrix_weights = s.n_layer * per_layer + double(s.vocab_size) * C;  // + the head
    if (matrix_weights < 4e6) return 1;
    return int(std::max(1u, std::thread::hardware_concurrency()));
}

std::unique_ptr<Model> make_cpu_model(WeightSet weights, const LoadOptions& options) {
    if (weights.shape.head_size != 64 || weights.shape.n_head * 64 != weights.shape.n_embd) {
        throw Error(ErrorCode::UnsupportedModel, "head size must be 64 (" + weights.shape.to_string() + ")");
    }
    const DType dt = options.weight_dtype;
    if (dt != DType::F32 && dt != DType::F16 && dt != DType::BF16 && dt != DType::I8) {
        throw Error(ErrorCode::InvalidArgument, "the CPU backend runs fp32, fp16, bf16 or int8 weights, not " +
                                                    std::string(dtype_name(dt)));
    }
    ModelFingerprint fp = compute_fingerprint(weights);
    const int threads = options.threads > 0 ? options.threads : auto_cpu_threads(weights.shape);
    if (dt == DType::F32) {  // the fp32 reference every backend is checked against
        cpu::ModelWeights w = cpu::load_fp32_weights(weights);
        return std::make_unique<CpuModel>(std::move(fp), std::move(w), threads);
    }
    return std::make_unique<cpu::FastCpuModel>(std::move(fp), std::move(weights), dt, threads);
}

}  // namespace rwkv
