// FastCpuModel (fast_model.h): construction, forward() (validation, chunking, cancel/progress), the decode
// step and the head. Every parallel region hands each pool thread a fixed slice, so nothing is allocated per
// token. Prefill blocks are in fast_prefill.cpp.
#include "cpu/fast_model.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "cpu/cpu_ops.h"
#include "cpu/layer_state.h"
#include "rwkv/error.h"

namespace rwkv::cpu {

FastCpuModel::FastCpuModel(ModelFingerprint fp, WeightSet ws, DType dtype, int threads)
    : Model(std::move(fp)), pool_(threads), w_(load_fast_weights(std::move(ws), dtype, pool_)), k_(kernels()) {
    const ModelShape& s = w_.shape;
    const std::size_t C = std::size_t(s.n_embd);
    for (FVec* v : {&x_, &z_, &xr_, &xw_, &xk_, &xv_, &xa_, &xg_, &r_, &k_vec_, &v_, &tw_, &ta_, &tv_, &g_, &kk_,
                    &decay_, &alpha_, &y_, &v_first_, &tmp_})
        v->assign(C, 0.0f);
    dmax_ = std::max({s.lora_w, s.lora_a, s.lora_v, s.lora_g});
    for (FVec* v : {&hw_, &ha_, &hv_, &hg_}) v->assign(std::size_t(dmax_), 0.0f);
    ffn_h_.assign(std::size_t(s.dim_ffn), 0.0f);
    const int nt = pool_.size();
    act_idx_.assign(std::size_t(nt), std::vector<int>(std::size_t(s.dim_ffn)));
    act_coef_.assign(std::size_t(nt), FVec(std::size_t(s.dim_ffn)));
    act_n_.assign(std::size_t(nt), 0);
    pack_.assign(std::size_t(nt), FVec(gemm_scratch_floats(kPrefillBlock)));
}

std::string FastCpuModel::device_name() const {
    return "CPU, " + std::to_string(pool_.size()) + (pool_.size() == 1 ? " thread, " : " threads, ") + k_.name + " kernels, " +
           std::string(dtype_name(w_.dtype)) + " weights";
}

State FastCpuModel::new_state() const { return State(shape(), make_host_state_storage(shape().state_floats())); }

void FastCpuModel::forward(State& state, std::span<const std::int32_t> tokens, std::span<float> logits,
                           const ForwardOptions& options) {
    check_forward(state, tokens, logits);
    float* s = state.storage()->host_data();
    if (s == nullptr) throw Error(ErrorCode::StateMismatch, "state does not live in host memory");
    std::lock_guard lock(mu_);
    const std::size_t chunk = std::max<std::size_t>(1, options.chunk_size);
    for (std::size_t i = 0; i < tokens.size(); i += chunk) {
        if (options.cancel && options.cancel->load(std::memory_order_relaxed))
            throw Error(ErrorCode::Cancelled, "prefill cancelled after " + std::to_string(i) + " tokens");
        if (options.progress && i > 0) options.progress(i, tokens.size());
        const std::size_t end = std::min(tokens.size(), i + chunk);
        for (std::size_t b = i; b < end; b += kPrefillBlock) {
            const int T = int(std::min<std::size_t>(kPrefillBlock, end - b));
            if (T == 1) decode(s, tokens[b]); else prefill(s, tokens.data() + b, T);
        }
    }
    if (options.progress) options.progress(tokens.size(), tokens.size());
    if (options.logits) head(logits.data());
}

void FastCpuModel::forward_batch(std::span<State* const> states, std::span<const std::int32_t> tokens,
                                 std::span<float> logits) {
    check_forward_batch(states, tokens, logits);
    for (State* st : states)
        if (st->storage()->host_data() == nullptr)
            throw Error(ErrorCode::StateMismatch, "state does not live in host memory");
    std::lock_guard lock(mu_);
    const std::size_t B = states.size(), V = std::size_t(shape().vocab_size);
    batch_states_.resize(B);
    for (std::size_t b = 0; b < B; ++b) batch_states_[b] = states[b]->storage()->host_data();
    for (std::size_t b0 = 0; b0 < B; b0 += kPrefillBlock) {  // blocks of up to kPrefillBlock rows (the GEMM scratch)
        const int n = int(std::min<std::size_t>(kPrefillBlock, B - b0));
        batch_step(batch_states_.data() + b0, tokens.data() + b0, n, logits.empty() ? nullptr : logits.data() + b0 * V);
    }
}

void FastCpuModel::embed(std::int32_t token, float* out) const {
    const QMatrix& e = w_.emb;
    const int C = e.cols;
    const std::size_t base = std::size_t(token) * std::size_t(C);
    for (int c = 0; c < C; ++c) {
        const std::size_t i = base + std::size_t(c);
        float f;
        switch (e.dtype) {
        case DType::F32: std::memcpy(&f, static_cast<const std::byte*>(e.data) + 4 * i, 4); break;
        case DType::F16: {
            std::uint16_t h;
            std::memcpy(&h, static_cast<const std::byte*>(e.data) + 2 * i, 2);
            f = f16_to_f32(h);
            break;
        }
        case DType::BF16: {
            std::uint16_t h;
            std::memcpy(&h, static_cast<const std::byte*>(e.data) + 2 * i, 2);
            f = bf16_to_f32(h);
            break;
        }
        default: f = float(static_cast<const std::int8_t*>(e.data)[i]) * f16_to_f32(e.scale[std::size_t(token) * std::size_t(e.groups()) + std::size_t(c / kI8Group)]); break;
        }
        out[c] = f;
    }
    cpu::layer_norm(out, w_.ln0_w.data(), w_.ln0_b.data(), out, C, kLayerNormEps);
}

template <class After>
void FastCpuModel::run_guided(const RowJob* jobs, int n, After&& after) {
    for_each_guided_run(n, [&](int j) { return jobs[j].m->rows; }, [&](int j, int r0, int r1) {
        k_.matvec(*jobs[j].m, jobs[j].x, jobs[j].y, r0, r1);
        if (j == n - 1) after(r0, r1);
    });
}

void FastCpuModel::decode(float* state, std::int32_t token) {
    const ModelShape& sh = w_.shape;
    embed(token, x_.data());
    for (int i = 0; i < sh.n_layer; ++i) {
        const LayerState ls = layer_state(sh, state, i);
        time_mix(i, ls.att_x, ls.wkv);
        channel_mix(i, ls.ffn_x);
    }
}

void FastCpuModel::time_mix(int layer, float* att_x, float* S) {
    const FastLayer& L = w_.layers[std::size_t(layer)];
    const ModelShape& sh = w_.shape;
    const int C = sh.n_embd, H = sh.n_head, N = sh.head_size, nt = pool_.size();
    k_.layer_norm(x_.data(), L.ln1_w.data(), L.ln1_b.data(), z_.data(), C, kLayerNormEps);
    const float* const mu[6] = {L.x_r.data(), L.x_w.data(), L.x_k.data(), L.x_v.data(), L.x_a.data(), L.x_g.data()};
    float* const mixed[6] = {xr_.data(), xw_.data(), xk_.data(), xv_.data(), xa_.data(), xg_.data()};
    cpu::token_shift_mix6(z_.data(), att_x, mu, mixed, C);  // §3.4.2–3
    using Job = RowJob;
    const bool vres = layer > 0;
    const Job first[] = {{&L.receptance, xr_.data(), r_.data()}, {&L.key, xk_.data(), k_vec_.data()},
                         {&L.value, xv_.data(), v_.data()},      {&L.w1, xw_.data(), hw_.data()},
                         {&L.a1, xa_.data(), ha_.data()},        {&L.g1, xg_.data(), hg_.data()},
                         {&L.v1, xv_.data(), hv_.data()}};
    const int n_first = vres ? 7 : 6;
    run_guided(first, n_first, [](int, int) {});
    for (int d = 0; d < sh.lora_w; ++d) hw_[d] = std::tanh(hw_[d]);
    for (int d = 0; d < sh.lora_g; ++d) hg_[d] = cpu::sigmoid(hg_[d]);
    // The LoRA up products (w2, a2, g2, v2: C rows each) run inside the per-head region, each thread the rows of
    // its own heads (what those heads read next): one barrier fewer per layer. Same rows, same kernel: the per-head
    // row ranges are multiples of 4 like split_range's, so every row is computed as before.
    const Job second[] = {{&L.w2, hw_.data(), tw_.data()}, {&L.a2, ha_.data(), ta_.data()},
                          {&L.g2, hg_.data(), g_.data()},  {&L.v2, hv_.data(), tv_.data()}};
    const int n_second = vres ? 4 : 3;
    pool_.run([&](int t) {  // per head: LoRA up, decay, rates, κ̂, value residual, WKV, GroupNorm, bonus, gate
        auto [h0, h1] = split_range(H, t, nt);
        if (h1 > h0) {
            for (int j = 0; j < n_second; ++j) k_.matvec(*second[j].m, second[j].x, second[j].y, h0 * N, h1 * N);
            if (!vres) std::copy(v_.begin() + h0 * N, v_.begin() + h1 * N, v_first_.begin() + h0 * N);
        }
        for (int hd = h0; hd < h1; ++hd) {
            const int o = hd * N;
            head_mix(L, o, tw_.data(), ta_.data(), tv_.data(), vres ? v_first_.data() : nullptr, k_vec_.data(),
                     v_.data(), kk_.data(), decay_.data(), alpha_.data());
            k_.wkv7_step64(S + std::size_t(hd) * N * N, &r_[o], &decay_[o], &k_vec_[o], &v_[o], &kk_[o], &alpha_[o],
                           &y_[o]);
            head_out(L, o, r_.data(), k_vec_.data(), v_.data(), g_.data(), y_.data());
        }
    });
    const Job out{&L.output, y_.data(), tmp_.data()};  // x += O·y
    run_guided(&out, 1, [&](int r0, int r1) {
        for (int c = r0; c < r1; ++c) x_[c] += tmp_[c];
    });
}

void FastCpuModel::head_mix(const FastLayer& L, int o, const float* tw, const float* ta, const float* tv, const float* vf,
                            float* k, float* v, float* kk, float* decay, float* alpha) const {
    const int N = w_.shape.head_size;
    double ss = 0;
    for (int c = o; c < o + N; ++c) {
        decay[c] = std::exp(-kDecayScale * cpu::sigmoid(L.w0[c] + tw[c]));
        alpha[c] = cpu::sigmoid(L.a0[c] + ta[c]);
        kk[c] = k[c] * L.k_k[c];
        ss += double(kk[c]) * kk[c];
    }
    const float inv = float(1.0 / std::max(std::sqrt(ss), kL2Eps));
    for (int c = o; c < o + N; ++c) {
        kk[c] *= inv;
        k[c] = k[c] * (1.0f + (alpha[c] - 1.0f) * L.k_a[c]);
        if (vf) v[c] += (vf[c] - v[c]) * cpu::sigmoid(L.v0[c] + tv[c]);
    }
}

void FastCpuModel::head_out(const FastLayer& L, int o, const float* r, const float* k, const float* v, const float* g,
                            float* y) const {
    const int N = w_.shape.head_size;
    k_.layer_norm(y + o, L.lnx_w.data() + o, L.lnx_b.data() + o, y + o, N, kGroupNormEps);
    float beta = 0;
    for (int c = o; c < o + N; ++c) beta += r[c] * k[c] * L.r_k[c];
    for (int c = o; c < o + N; ++c) y[c] = (y[c] + beta * v[c]) * g[c];
}

void FastCpuModel::channel_mix(int layer, float* ffn_x) {
    const FastLayer& L = w_.layers[std::size_t(layer)];
    const int C = w_.shape.n_embd, F = w_.shape.dim_ffn, nt = pool_.size();
    k_.layer_norm(x_.data(), L.ln2_w.data(), L.ln2_b.data(), z_.data(), C, kLayerNormEps);
    for (int c = 0; c < C; ++c) {
        const float z = z_[c];
        xk_[c] = z + (ffn_x[c] - z) * L.ffn_x_k[c];
        ffn_x[c] = z;
    }
    pool_.run([&](int t) {  // h = relu(Kf·x)², keeping the list of non-zero neurons
        auto [f0, f1] = split_range(F, t, nt, 8);
        k_.matvec(L.ffn_key, xk_.data(), ffn_h_.data(), f0, f1);
        act_n_[std::size_t(t)] = k_.relu2_compact(ffn_h_.data() + f0, f1 - f0, f0, act_idx_[std::size_t(t)].data(),
                                                  act_coef_[std::size_t(t)].data());
    });
    std::uint64_t active = 0;
    for (int n : act_n_) active += std::uint64_t(n);
    ffn_active_.fetch_add(active, std::memory_order_relaxed);
    ffn_total_.fetch_add(std::uint64_t(F), std::memory_order_relaxed);
    pool_.run([&](int t) {  // x += Vfᵀ rows of the active neurons, each thread a column slice
        auto [c0, c1] = split_range(C, t, nt, 8);
        for (int j = 0; j < nt; ++j)
            k_.axpy_rows(L.ffn_value_t, act_idx_[std::size_t(j)].data(), act_coef_[std::size_t(j)].data(),
                         act_n_[std::size_t(j)], x_.data(), c0, c1);
    });
}

void FastCpuModel::head(float* logits) {
    const int C = w_.shape.n_embd;
    k_.layer_norm(x_.data(), w_.ln_out_w.data(), w_.ln_out_b.data(), z_.data(), C, kLayerNormEps);
    const RowJob job{&w_.head, z_.data(), logits};
    run_guided(&job, 1, [](int, int) {});
}

}  // namespace rwkv::cpu
