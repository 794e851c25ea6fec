// Sequence-mode prefill of FastCpuModel (spec §4.1): a block of T tokens as [T, C] matrices. LayerNorms,
// token shift and element-wise math run row-parallel; every projection, LoRA and FFN key product is one GEMM
// over the T rows (threads split the output columns); the FFN value product adds only the active neurons'
// rows, as decode does; the WKV recurrence is scanned sequentially over the rows, one head per task. Only
// the last row reaches the head.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "cpu/cpu_ops.h"
#include "cpu/fast_model.h"

namespace rwkv::cpu {
namespace {

struct Gemm {
    const QMatrix* m;
    bool transposed;
    const float* X;
    int ldx;
    float* Y;
    int ldy;
    bool acc;
    int out() const { return transposed ? m->cols : m->rows; }
};

}  // namespace

void FastCpuModel::prefill(float* state, const std::int32_t* tokens, int T) {
    const ModelShape& sh = w_.shape;
    const int C = sh.n_embd;
    if (!seq_) {
        seq_ = std::make_unique<Seq>();
        const std::size_t rc = std::size_t(kPrefillBlock) * C, rd = std::size_t(kPrefillBlock) * dmax_;
        for (FVec* v : {&seq_->X, &seq_->Z, &seq_->XR, &seq_->XW, &seq_->XK, &seq_->XV, &seq_->XA, &seq_->XG,
                        &seq_->R, &seq_->K, &seq_->V, &seq_->TW, &seq_->TA, &seq_->TV, &seq_->G, &seq_->KK,
                        &seq_->DEC, &seq_->ALPHA, &seq_->Y, &seq_->VF})
            v->assign(rc, 0.0f);
        for (FVec* v : {&seq_->HW, &seq_->HA, &seq_->HV, &seq_->HG}) v->assign(rd, 0.0f);
        seq_->HF.assign(std::size_t(kPrefillBlock) * sh.dim_ffn, 0.0f);
        seq_->ACT.assign(std::size_t(kPrefillBlock) * sh.dim_ffn, 0);
        seq_->NACT.assign(std::size_t(kPrefillBlock), 0);
    }
    const int nt = pool_.size();
    float* X = seq_->X.data();
    pool_.run([&](int t) {
        auto [t0, t1] = split_range(T, t, nt);
        for (int i = t0; i < t1; ++i) embed(tokens[i], X + std::size_t(i) * C);
    });
    for (int i = 0; i < sh.n_layer; ++i) {
        float* att_x = state + std::size_t(i) * sh.state_floats_per_layer();
        float* wkv = att_x + C;
        float* ffn_x = wkv + std::size_t(sh.n_head) * sh.head_size * sh.head_size;
        prefill_time_mix(i, T, att_x, wkv);
        prefill_channel_mix(i, T, ffn_x);
    }
    std::memcpy(x_.data(), X + std::size_t(T - 1) * C, std::size_t(C) * 4);
}

void FastCpuModel::prefill_time_mix(int layer, int T, float* att_x, float* S) {
    const FastLayer& L = w_.layers[std::size_t(layer)];
    const ModelShape& sh = w_.shape;
    const int C = sh.n_embd, H = sh.n_head, N = sh.head_size, nt = pool_.size(), D = dmax_;
    Seq& q = *seq_;
    auto row = [&](FVec& v, int t) { return v.data() + std::size_t(t) * C; };
    auto rowd = [&](FVec& v, int t) { return v.data() + std::size_t(t) * D; };
    auto gemms = [&](const Gemm* g, int n) {
        pool_.run([&](int t) {
            for (int j = 0; j < n; ++j) {
                const int panels = (g[j].out() + kPanel - 1) / kPanel;
                auto [p0, p1] = split_range(panels, t, nt);
                if (p1 > p0)
                    k_.gemm(*g[j].m, g[j].transposed, g[j].X, T, g[j].ldx, g[j].Y, g[j].ldy, p0 * kPanel,
                            std::min(g[j].out(), p1 * kPanel), g[j].acc, pack_[std::size_t(t)].data());
            }
        });
    };

    pool_.run([&](int t) {  // ln1 per row
        auto [t0, t1] = split_range(T, t, nt);
        for (int i = t0; i < t1; ++i) cpu::layer_norm(row(q.X, i), L.ln1_w.data(), L.ln1_b.data(), row(q.Z, i), C, kLayerNormEps);
    });
    pool_.run([&](int t) {  // token shift: the previous row, or the stored state for row 0
        auto [t0, t1] = split_range(T, t, nt);
        for (int i = t0; i < t1; ++i) {
            const float* z = row(q.Z, i);
            const float* prev = i == 0 ? att_x : row(q.Z, i - 1);
            float *xr = row(q.XR, i), *xw = row(q.XW, i), *xk = row(q.XK, i), *xv = row(q.XV, i),
                  *xa = row(q.XA, i), *xg = row(q.XG, i);
            for (int c = 0; c < C; ++c) {
                const float d = prev[c] - z[c];
                xr[c] = z[c] + d * L.x_r[c];
                xw[c] = z[c] + d * L.x_w[c];
                xk[c] = z[c] + d * L.x_k[c];
                xv[c] = z[c] + d * L.x_v[c];
                xa[c] = z[c] + d * L.x_a[c];
                xg[c] = z[c] + d * L.x_g[c];
            }
        }
    });
    std::memcpy(att_x, row(q.Z, T - 1), std::size_t(C) * 4);

    const bool vres = layer > 0;
    const Gemm first[] = {{&L.receptance, false, q.XR.data(), C, q.R.data(), C, false},
                          {&L.key, false, q.XK.data(), C, q.K.data(), C, false},
                          {&L.value, false, q.XV.data(), C, q.V.data(), C, false},
                          {&L.w1, false, q.XW.data(), C, q.HW.data(), D, false},
                          {&L.a1, false, q.XA.data(), C, q.HA.data(), D, false},
                          {&L.g1, false, q.XG.data(), C, q.HG.data(), D, false},
                          {&L.v1, false, q.XV.data(), C, q.HV.data(), D, false}};
    gemms(first, vres ? 7 : 6);
    pool_.run([&](int t) {
        auto [t0, t1] = split_range(T, t, nt);
        for (int i = t0; i < t1; ++i) {
            for (int d = 0; d < sh.lora_w; ++d) rowd(q.HW, i)[d] = std::tanh(rowd(q.HW, i)[d]);
            for (int d = 0; d < sh.lora_g; ++d) rowd(q.HG, i)[d] = cpu::sigmoid(rowd(q.HG, i)[d]);
        }
    });
    const Gemm second[] = {{&L.w2, false, q.HW.data(), D, q.TW.data(), C, false},
                           {&L.a2, false, q.HA.data(), D, q.TA.data(), C, false},
                           {&L.g2, false, q.HG.data(), D, q.G.data(), C, false},
                           {&L.v2, false, q.HV.data(), D, q.TV.data(), C, false}};
    gemms(second, vres ? 4 : 3);

    pool_.run([&](int t) {  // decay, rates, κ̂, modulated key, value residual — per row and head
        auto [t0, t1] = split_range(T, t, nt);
        for (int i = t0; i < t1; ++i) {
            float *dec = row(q.DEC, i), *al = row(q.ALPHA, i), *kk = row(q.KK, i), *k = row(q.K, i), *v = row(q.V, i),
                  *vf = row(q.VF, i), *tv = row(q.TV, i);
            const float *tw = row(q.TW, i), *ta = row(q.TA, i);
            // decay = exp(-kDecayScale·sigmoid(w0 + tw)), alpha = sigmoid(a0 + ta), the exps vectorised (k_.exp_inplace)
            for (int c = 0; c < C; ++c) {
                dec[c] = -(L.w0[c] + tw[c]);
                al[c] = -(L.a0[c] + ta[c]);
            }
            k_.exp_inplace(dec, C);
            k_.exp_inplace(al, C);
            for (int c = 0; c < C; ++c) {
                dec[c] = -kDecayScale / (1.0f + dec[c]);
                al[c] = 1.0f / (1.0f + al[c]);
            }
            k_.exp_inplace(dec, C);
            for (int hd = 0; hd < H; ++hd) {
                const int o = hd * N;
                double ss = 0;
                for (int c = o; c < o + N; ++c) {
                    kk[c] = k[c] * L.k_k[c];
                    ss += double(kk[c]) * kk[c];
                }
                const float inv = float(1.0 / std::max(std::sqrt(ss), kL2Eps));
                for (int c = o; c < o + N; ++c) {
                    kk[c] *= inv;
                    k[c] = k[c] * (1.0f + (al[c] - 1.0f) * L.k_a[c]);
                }
            }
            if (!vres) {
                std::memcpy(vf, v, std::size_t(C) * 4);
            } else {  // v += (v_first - v)·sigmoid(v0 + tv)
                for (int c = 0; c < C; ++c) tv[c] = -(L.v0[c] + tv[c]);
                k_.exp_inplace(tv, C);
                for (int c = 0; c < C; ++c) v[c] += (vf[c] - v[c]) / (1.0f + tv[c]);
            }
        }
    });
    pool_.run([&](int t) {  // WKV: sequential over rows, one head per task
        auto [h0, h1] = split_range(H, t, nt);
        for (int hd = h0; hd < h1; ++hd) {
            const int o = hd * N;
            float* Sh = S + std::size_t(hd) * N * N;
            for (int i = 0; i < T; ++i)
                k_.wkv7_step64(Sh, row(q.R, i) + o, row(q.DEC, i) + o, row(q.K, i) + o, row(q.V, i) + o,
                               row(q.KK, i) + o, row(q.ALPHA, i) + o, row(q.Y, i) + o);
        }
    });
    pool_.run([&](int t) {  // GroupNorm, bonus, gate
        auto [t0, t1] = split_range(T, t, nt);
        for (int i = t0; i < t1; ++i) {
            float* y = row(q.Y, i);
            const float *r = row(q.R, i), *k = row(q.K, i), *v = row(q.V, i), *g = row(q.G, i);
            cpu::group_norm(y, L.lnx_w.data(), L.lnx_b.data(), H, N, kGroupNormEps);
            for (int hd = 0; hd < H; ++hd) {
                const int o = hd * N;
                float beta = 0;
                for (int c = o; c < o + N; ++c) beta += r[c] * k[c] * L.r_k[c];
                for (int c = o; c < o + N; ++c) y[c] = (y[c] + beta * v[c]) * g[c];
            }
        }
    });
    const Gemm out[] = {{&L.output, false, q.Y.data(), C, q.X.data(), C, true}};  // X += Y·Oᵀ
    gemms(out, 1);
}

void FastCpuModel::prefill_channel_mix(int layer, int T, float* ffn_x) {
    const FastLayer& L = w_.layers[std::size_t(layer)];
    const int C = w_.shape.n_embd, F = w_.shape.dim_ffn, nt = pool_.size();
    Seq& q = *seq_;
    auto row = [&](FVec& v, int t) { return v.data() + std::size_t(t) * C; };
    pool_.run([&](int t) {
        auto [t0, t1] = split_range(T, t, nt);
        for (int i = t0; i < t1; ++i) cpu::layer_norm(row(q.X, i), L.ln2_w.data(), L.ln2_b.data(), row(q.Z, i), C, kLayerNormEps);
    });
    pool_.run([&](int t) {
        auto [t0, t1] = split_range(T, t, nt);
        for (int i = t0; i < t1; ++i) {
            const float* z = row(q.Z, i);
            const float* prev = i == 0 ? ffn_x : row(q.Z, i - 1);
            float* xk = row(q.XK, i);
            for (int c = 0; c < C; ++c) xk[c] = z[c] + (prev[c] - z[c]) * L.ffn_x_k[c];
        }
    });
    std::memcpy(ffn_x, row(q.Z, T - 1), std::size_t(C) * 4);
    pool_.run([&](int t) {  // HF = relu(XK·Kfᵀ)²
        const int panels = (F + kPanel - 1) / kPanel;
        auto [p0, p1] = split_range(panels, t, nt);
        if (p1 > p0)
            k_.gemm(L.ffn_key, false, q.XK.data(), T, C, q.HF.data(), F, p0 * kPanel, std::min(F, p1 * kPanel), false,
                    pack_[std::size_t(t)].data());
    });
    // relu², and per row the list of active neurons: their indices into ACT, their relu² values compacted in
    // place at the front of the row of HF (position n <= f, so no value is overwritten before it is read)
    pool_.run([&](int t) {
        auto [t0, t1] = split_range(T, t, nt);
        std::uint64_t total = 0;
        for (int i = t0; i < t1; ++i) {
            float* h = q.HF.data() + std::size_t(i) * F;
            int* idx = q.ACT.data() + std::size_t(i) * F;
            int n = 0;
            for (int f = 0; f < F; ++f) {
                const float a = h[f];
                if (a > 0.0f) {
                    idx[n] = f;
                    h[n++] = a * a;
                }
            }
            q.NACT[std::size_t(i)] = n;
            total += std::uint64_t(n);
        }
        act_n_[std::size_t(t)] = int(total);
    });
    std::uint64_t sum = 0;
    for (int n : act_n_) sum += std::uint64_t(n);
    ffn_active_.fetch_add(sum, std::memory_order_relaxed);
    ffn_total_.fetch_add(std::uint64_t(F) * std::uint64_t(T), std::memory_order_relaxed);
    // X += HF·Vf over the active rows only (spec §9.4), Vf stored transposed [F, C]: each thread a slice of
    // the columns, walked in blocks of kValueCols so the block of Vf stays in L2 across all T rows; per row
    // the same kernel and order as decode, so prefill and decode compute this product bit for bit alike.
    pool_.run([&](int t) {
        constexpr int kValueCols = 64;
        auto [c0, c1] = split_range(C, t, nt, 8);
        for (int cb = c0; cb < c1; cb += kValueCols) {
            const int ce = std::min(c1, cb + kValueCols);
            for (int i = 0; i < T; ++i)
                k_.axpy_rows(L.ffn_value_t, q.ACT.data() + std::size_t(i) * F, q.HF.data() + std::size_t(i) * F,
                             q.NACT[std::size_t(i)], row(q.X, i), cb, ce);
        }
    });
}

}  // namespace rwkv::cpu
