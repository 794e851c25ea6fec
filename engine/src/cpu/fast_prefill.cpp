// Sequence-mode prefill of FastCpuModel (spec §4.1): a block of T tokens as [T, C] matrices. LayerNorms and
// element-wise math run row-parallel; every projection, LoRA and FFN key product is one GEMM over the T rows
// (threads split the output columns) with the token shift folded into the GEMM's input packing (ShiftMix); the
// FFN value product adds only the active neurons' rows, as decode does; the WKV recurrence is scanned
// sequentially over the rows (wkv7_scan64), one head per task, GroupNorm/bonus/gate in the same task; the FFN
// key GEMM's epilogue applies ReLU² and lists the active neurons (gemm_relu2). Only the last row reaches the head.
// The batched decode step (forward_batch) runs the same layers over B rows that belong to B states: each row's token
// shift mixes with its own state (before the products, not inside them), each row's WKV is one wkv7_step64 on its own
// state, and every row goes through the head. Its products read each weight once per step for all B rows: by
// decode's matvec for several inputs (Kernels::matvec_n, each weight converted once for all rows) one cached row
// block at a time (run_rows, B < kGemmRows), else as the GEMMs above. Below kGemmRows rows the element-wise time mix
// is decode's per-head code (head_mix, with std::exp) instead of the vectorised exp, so every row equals forward()
// bit for bit.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "cpu/cpu_ops.h"
#include "cpu/layer_state.h"
#include "cpu/fast_model.h"

namespace rwkv::cpu {
void FastCpuModel::ensure_seq() {
    const ModelShape& sh = w_.shape;
    const int C = sh.n_embd;
    if (!seq_) {
        seq_ = std::make_unique<Seq>();
        const std::size_t rc = std::size_t(kPrefillBlock) * C, rd = std::size_t(kPrefillBlock) * dmax_;
        for (FVec* v : {&seq_->X, &seq_->Z, &seq_->R, &seq_->K, &seq_->V, &seq_->TW, &seq_->TA, &seq_->TV, &seq_->G, &seq_->KK,
                        &seq_->DEC, &seq_->ALPHA, &seq_->Y, &seq_->VF})
            v->assign(rc, 0.0f);
        for (FVec* v : {&seq_->HW, &seq_->HA, &seq_->HV, &seq_->HG}) v->assign(rd, 0.0f);
        seq_->HF.assign(std::size_t(kPrefillBlock) * sh.dim_ffn, 0.0f);
        seq_->ACT.assign(std::size_t(kPrefillBlock) * sh.dim_ffn, 0);
        seq_->NACT.assign(std::size_t(kPrefillBlock) * std::size_t(pool_.size()), 0);
    }
}

void FastCpuModel::prefill(float* state, const std::int32_t* tokens, int T) {
    const ModelShape& sh = w_.shape;
    const int C = sh.n_embd;
    ensure_seq();
    const int nt = pool_.size();
    float* X = seq_->X.data();
    pool_.run([&](int t) {
        auto [t0, t1] = split_range(T, t, nt);
        for (int i = t0; i < t1; ++i) embed(tokens[i], X + std::size_t(i) * C);
    });
    for (int i = 0; i < sh.n_layer; ++i) {
        const LayerState ls = layer_state(sh, state, i);
        prefill_time_mix(i, T, ls.att_x, ls.wkv);
        prefill_channel_mix(i, T, ls.ffn_x);
    }
    std::memcpy(x_.data(), X + std::size_t(T - 1) * C, std::size_t(C) * 4);
}

void FastCpuModel::batch_step(float* const* states, const std::int32_t* tokens, int B, float* logits) {
    const ModelShape& sh = w_.shape;
    const int C = sh.n_embd, V = sh.vocab_size, nt = pool_.size();
    ensure_seq();
    batch_rows_ = B < kGemmRows;
    float *X = seq_->X.data(), *Z = seq_->Z.data();
    pool_.run([&](int t) {
        auto [t0, t1] = split_range(B, t, nt);
        for (int i = t0; i < t1; ++i) embed(tokens[i], X + std::size_t(i) * C);
    });
    for (int i = 0; i < sh.n_layer; ++i) {
        prefill_time_mix(i, B, nullptr, nullptr, states);
        prefill_channel_mix(i, B, nullptr, states);
    }
    if (logits == nullptr) return;
    pool_.run([&](int t) {
        auto [t0, t1] = split_range(B, t, nt);
        for (int i = t0; i < t1; ++i)
            k_.layer_norm(X + std::size_t(i) * C, w_.ln_out_w.data(), w_.ln_out_b.data(), Z + std::size_t(i) * C, C,
                          kLayerNormEps);
    });
    const Gemm head[] = {{&w_.head, false, Z, C, logits, V, false, {}}};  // logits = Z·Headᵀ, [B, V]
    if (batch_rows_) run_rows(head, 1, B, nullptr); else run_gemms(head, 1, B);
}

// Threads split each product's panels; a narrow product (the LoRA ones, <= kOwnPanels panels) goes whole
// to one thread instead, so its input rows are mixed and packed once, not by every thread: the largest first,
// each to the thread with the fewest owned panels so far. A thread then applies the product's nonlinearity
// (Gemm::post) to the columns it computed, in the same region.
void FastCpuModel::run_gemms(const Gemm* g, int n, int T) {
    const int nt = pool_.size();
    constexpr int kOwnPanels = 8;
    int owner[8], load[64] = {};
    for (int j = 0; j < n; ++j) owner[j] = -1;
    for (;;) {  // greedy: the narrow product with the most panels to the least loaded thread
        int best = -1, bp = 0;
        for (int j = 0; j < n; ++j) {
            const int panels = (g[j].out() + kPanel - 1) / kPanel;
            if (owner[j] < 0 && panels <= kOwnPanels && nt > 1 && nt <= 64 && panels > bp) best = j, bp = panels;
        }
        if (best < 0) break;
        owner[best] = int(std::min_element(load, load + nt) - load);
        load[owner[best]] += bp;
    }
    pool_.run([&](int t) {
        for (int j = 0; j < n; ++j) {
            const int panels = (g[j].out() + kPanel - 1) / kPanel;
            auto [p0, p1] = split_range(panels, t, nt);
            if (owner[j] >= 0) {
                p0 = 0;
                p1 = owner[j] == t ? panels : 0;
            }
            if (p1 <= p0) continue;
            const int c0 = p0 * kPanel, c1 = std::min(g[j].out(), p1 * kPanel);
            k_.gemm(*g[j].m, g[j].transposed, g[j].X, T, g[j].ldx, g[j].Y, g[j].ldy, c0, c1, g[j].acc,
                    pack_[std::size_t(t)].data(), g[j].mix.mu ? &g[j].mix : nullptr);
            if (g[j].post == Post::None) continue;
            // tanh(x) = 1 - 2/(exp(2x) + 1), sigmoid(x) = 1/(1 + exp(-x)), the exps vectorised
            const bool th = g[j].post == Post::Tanh;
            for (int i = 0; i < T; ++i) {
                float* h = g[j].Y + std::size_t(i) * g[j].ldy + c0;
                const int w = c1 - c0;
                for (int d = 0; d < w; ++d) h[d] = th ? 2.0f * h[d] : -h[d];
                k_.exp_inplace(h, w);
                for (int d = 0; d < w; ++d) h[d] = th ? 1.0f - 2.0f / (h[d] + 1.0f) : 1.0f / (1.0f + h[d]);
            }
        }
    });
}

// Batched decode's products: Kernels::matvec_n row block by row block (kGuideRows rows, guided like run_guided), each
// weight loaded and converted once for all T rows of X, so the weights come from memory once per step and every
// output equals what forward()'s matvec computes for that row. acc adds through scratch rows; post as decode.
void FastCpuModel::run_rows(const Gemm* g, int n, int T, float* scratch) {
    for_each_guided_run(n, [&](int j) { return g[j].out(); }, [&](int j, int r0, int r1) {
        k_.matvec_n(*g[j].m, g[j].X, T, g[j].ldx, g[j].acc ? scratch : g[j].Y, g[j].ldy, r0, r1);
        for (int i = 0; i < T; ++i) {
            float* y = g[j].Y + std::size_t(i) * g[j].ldy;
            if (g[j].acc) {
                const float* tmp = scratch + std::size_t(i) * g[j].ldy;
                for (int r = r0; r < r1; ++r) y[r] += tmp[r];
                continue;
            }
            if (g[j].post == Post::Tanh)
                for (int r = r0; r < r1; ++r) y[r] = std::tanh(y[r]);
            else if (g[j].post == Post::Sigmoid)
                for (int r = r0; r < r1; ++r) y[r] = cpu::sigmoid(y[r]);
        }
    });
}

void FastCpuModel::prefill_time_mix(int layer, int T, float* att_x, float* S, float* const* batch) {
    const FastLayer& L = w_.layers[std::size_t(layer)];
    const ModelShape& sh = w_.shape;
    const int C = sh.n_embd, H = sh.n_head, N = sh.head_size, nt = pool_.size(), D = dmax_;
    Seq& q = *seq_;
    auto row = [&](FVec& v, int t) { return v.data() + std::size_t(t) * C; };
    pool_.run([&](int t) {  // ln1 per row
        auto [t0, t1] = split_range(T, t, nt);
        for (int i = t0; i < t1; ++i) k_.layer_norm(row(q.X, i), L.ln1_w.data(), L.ln1_b.data(), row(q.Z, i), C, kLayerNormEps);
    });
    const bool vres = layer > 0;
    const float* Z = q.Z.data();
    if (batch) {  // token shift: row i with its own state's att_x, mixed into free buffers (r, w, k, v, a, g)
        const float* const mu[6] = {L.x_r.data(), L.x_w.data(), L.x_k.data(), L.x_v.data(), L.x_a.data(), L.x_g.data()};
        pool_.run([&](int t) {
            auto [t0, t1] = split_range(T, t, nt);
            for (int i = t0; i < t1; ++i) {
                float* const mixed[6] = {row(q.DEC, i), row(q.ALPHA, i), row(q.KK, i), row(q.Y, i), row(q.TW, i), row(q.TA, i)};
                cpu::token_shift_mix6(row(q.Z, i), layer_state(sh, batch[i], layer).att_x, mu, mixed, C);
            }
        });
        const Gemm first[] = {{&L.receptance, false, q.DEC.data(), C, q.R.data(), C, false, {}},
                              {&L.key, false, q.KK.data(), C, q.K.data(), C, false, {}},
                              {&L.value, false, q.Y.data(), C, q.V.data(), C, false, {}},
                              {&L.w1, false, q.ALPHA.data(), C, q.HW.data(), D, false, {}, Post::Tanh},
                              {&L.a1, false, q.TW.data(), C, q.HA.data(), D, false, {}},
                              {&L.g1, false, q.TA.data(), C, q.HG.data(), D, false, {}, Post::Sigmoid},
                              {&L.v1, false, q.Y.data(), C, q.HV.data(), D, false, {}}};
        if (batch_rows_) run_rows(first, vres ? 7 : 6, T, nullptr); else run_gemms(first, vres ? 7 : 6, T);
    } else {  // token shift (the previous row, or the stored state for row 0) folded into each GEMM's input (ShiftMix)
        const Gemm first[] = {{&L.receptance, false, Z, C, q.R.data(), C, false, {L.x_r.data(), att_x}},
                              {&L.key, false, Z, C, q.K.data(), C, false, {L.x_k.data(), att_x}},
                              {&L.value, false, Z, C, q.V.data(), C, false, {L.x_v.data(), att_x}},
                              {&L.w1, false, Z, C, q.HW.data(), D, false, {L.x_w.data(), att_x}, Post::Tanh},
                              {&L.a1, false, Z, C, q.HA.data(), D, false, {L.x_a.data(), att_x}},
                              {&L.g1, false, Z, C, q.HG.data(), D, false, {L.x_g.data(), att_x}, Post::Sigmoid},
                              {&L.v1, false, Z, C, q.HV.data(), D, false, {L.x_v.data(), att_x}}};
        run_gemms(first, vres ? 7 : 6, T);
        std::memcpy(att_x, row(q.Z, T - 1), std::size_t(C) * 4);
    }
    const Gemm second[] = {{&L.w2, false, q.HW.data(), D, q.TW.data(), C, false, {}},
                           {&L.a2, false, q.HA.data(), D, q.TA.data(), C, false, {}},
                           {&L.g2, false, q.HG.data(), D, q.G.data(), C, false, {}},
                           {&L.v2, false, q.HV.data(), D, q.TV.data(), C, false, {}}};
    if (batch && batch_rows_) run_rows(second, vres ? 4 : 3, T, nullptr); else run_gemms(second, vres ? 4 : 3, T);

    pool_.run([&](int t) {  // decay, rates, κ̂, modulated key, value residual — per row and head
        auto [t0, t1] = split_range(T, t, nt);
        for (int i = t0; i < t1; ++i) {
            float *dec = row(q.DEC, i), *al = row(q.ALPHA, i), *kk = row(q.KK, i), *k = row(q.K, i), *v = row(q.V, i),
                  *vf = row(q.VF, i), *tv = row(q.TV, i);
            const float *tw = row(q.TW, i), *ta = row(q.TA, i);
            if (batch && batch_rows_) {  // batched decode below kGemmRows rows: decode's own per-head code (bit-exact)
                if (!vres) std::memcpy(vf, v, std::size_t(C) * 4);
                for (int hd = 0; hd < H; ++hd) head_mix(L, hd * N, tw, ta, tv, vres ? vf : nullptr, k, v, kk, dec, al);
                continue;
            }
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
    auto norm_bonus_gate = [&](int i, int o) {  // row i, the head at column o: GroupNorm, bonus, gate (as decode)
        head_out(L, o, row(q.R, i), row(q.K, i), row(q.V, i), row(q.G, i), row(q.Y, i));
    };
    if (batch) {
        pool_.run([&](int t) {  // per (row, head): one WKV step on the row's own state (decode's kernel)
            auto [j0, j1] = split_range(T * H, t, nt);
            for (int j = j0; j < j1; ++j) {
                const int i = j / H, o = (j % H) * N;
                float* Si = layer_state(sh, batch[i], layer).wkv + std::size_t(j % H) * N * N;
                k_.wkv7_step64(Si, row(q.R, i) + o, row(q.DEC, i) + o, row(q.K, i) + o, row(q.V, i) + o,
                               row(q.KK, i) + o, row(q.ALPHA, i) + o, row(q.Y, i) + o);
                norm_bonus_gate(i, o);
            }
        });
    } else {
        pool_.run([&](int t) {  // per head: the WKV scan over the rows, then per row GroupNorm, bonus and gate
            auto [h0, h1] = split_range(H, t, nt);
            for (int hd = h0; hd < h1; ++hd) {
                const int o = hd * N;
                k_.wkv7_scan64(S + std::size_t(hd) * N * N, T, std::size_t(C), q.R.data() + o, q.DEC.data() + o,
                               q.K.data() + o, q.V.data() + o, q.KK.data() + o, q.ALPHA.data() + o, q.Y.data() + o);
                for (int i = 0; i < T; ++i) norm_bonus_gate(i, o);
            }
        });
    }
    const Gemm out[] = {{&L.output, false, q.Y.data(), C, q.X.data(), C, true, {}}};  // X += Y·Oᵀ
    if (batch && batch_rows_) run_rows(out, 1, T, q.DEC.data()); else run_gemms(out, 1, T);
}

void FastCpuModel::prefill_channel_mix(int layer, int T, float* ffn_x, float* const* batch) {
    const FastLayer& L = w_.layers[std::size_t(layer)];
    const int C = w_.shape.n_embd, F = w_.shape.dim_ffn, nt = pool_.size();
    Seq& q = *seq_;
    auto row = [&](FVec& v, int t) { return v.data() + std::size_t(t) * C; };
    pool_.run([&](int t) {
        auto [t0, t1] = split_range(T, t, nt);
        for (int i = t0; i < t1; ++i) {
            k_.layer_norm(row(q.X, i), L.ln2_w.data(), L.ln2_b.data(), row(q.Z, i), C, kLayerNormEps);
            if (!batch) continue;
            // batched decode: the token shift with the row's own state, as decode's channel_mix, into R
            float *z = row(q.Z, i), *xk = row(q.R, i), *prev = layer_state(w_.shape, batch[i], layer).ffn_x;
            for (int c = 0; c < C; ++c) {
                xk[c] = z[c] + (prev[c] - z[c]) * L.ffn_x_k[c];
                prev[c] = z[c];
            }
        }
    });
    // HF = relu(XK·Kfᵀ)² with the token shift folded into the GEMM's input, and the list of active neurons made in
    // the GEMM's epilogue: thread t's panels [f0, f1) give per row the indices of the active neurons at ACT[i·F + f0..]
    // and their relu² values compacted in place at HF[i·F + f0..], NACT[t·kPrefillBlock + i] of them.
    const int panels = (F + kPanel - 1) / kPanel;
    auto slice = [&](int t) {
        auto [p0, p1] = split_range(panels, t, nt);
        return std::pair<int, int>{p0 * kPanel, std::min(F, p1 * kPanel)};
    };
    pool_.run([&](int t) {
        auto [f0, f1] = slice(t);
        const ShiftMix mix{L.ffn_x_k.data(), ffn_x};
        int* count = q.NACT.data() + std::size_t(t) * kPrefillBlock;
        if (batch && batch_rows_) {
            for (int r0 = f0; r0 < f1; r0 += kGuideRows)
                k_.matvec_n(L.ffn_key, q.R.data(), T, C, q.HF.data(), F, r0, std::min(f1, r0 + kGuideRows));
            for (int i = 0; i < T; ++i) {
                const std::size_t at = std::size_t(i) * F + std::size_t(f0);
                count[i] = f1 > f0 ? k_.relu2_compact(q.HF.data() + at, f1 - f0, f0, q.ACT.data() + at, q.HF.data() + at) : 0;
            }
        } else if (f1 > f0)
            k_.gemm_relu2(L.ffn_key, batch ? q.R.data() : q.Z.data(), T, C, q.HF.data(), F, f0, f1,
                          pack_[std::size_t(t)].data(), batch ? nullptr : &mix, q.ACT.data(), count);
        else
            std::fill(count, count + T, 0);
    });
    if (!batch) std::memcpy(ffn_x, row(q.Z, T - 1), std::size_t(C) * 4);
    std::uint64_t sum = 0;
    for (int t = 0; t < nt; ++t)
        for (int i = 0; i < T; ++i) sum += std::uint64_t(q.NACT[std::size_t(t) * kPrefillBlock + std::size_t(i)]);
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
                for (int j = 0; j < nt; ++j) {  // the threads' lists in order: increasing neuron, as decode sums
                    const std::size_t at = std::size_t(i) * F + std::size_t(slice(j).first);
                    k_.axpy_rows(L.ffn_value_t, q.ACT.data() + at, q.HF.data() + at,
                                 q.NACT[std::size_t(j) * kPrefillBlock + std::size_t(i)], row(q.X, i), cb, ce);
                }
        }
    });
}

}  // namespace rwkv::cpu
