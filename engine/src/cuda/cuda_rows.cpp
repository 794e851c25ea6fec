// CudaModel's rows path (cuda_model.h, cuda_rows.h): R = S x T rows through every layer at once — chunked
// prefill (S = 1, T = block of prompt tokens) and batched decode (S = B sequences, T = 1). Per layer:
// LayerNorm rows, token-shift mixes, the r/k/v, LoRA and FFN projections as GEMMs (cuda_gemm.h), the LoRA
// activations, WKV prep / scan / post (kernels/cuda/wkv7_rows.cu), the FFN relu² (dense: at B > 1 the union
// of active neurons is nearly every neuron, and prefill rows are GEMM rows). Sequences keep their own
// state allocations; kernels reach them through a device pointer table (no gather/scatter). Batched decode with
// fp16 weights (v40): the r/k/v and LoRA up GEMMs write fp16, which the fused WKV step reads; up to kLora4Rows rows
// (v51) the v, w, a and g LoRA projections run as one zero-padded strided-batched GEMM each way (cuda_rows.h).
// The batched-decode calls around the step (tables, graphs, sampling, the public call) are in cuda_batch.cpp.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "cuda/cuda_rows.h"
#include "cuda/cuda_state.h"
#include "rwkv/error.h"
#include "rwkv/sampler.h"

namespace rwkv::cuda {

CudaModel::Rows::~Rows() {
    if (h_tokens) cudaFreeHost(h_tokens);  // h_sample lies in the same block
    if (h_states) cudaFreeHost(h_states);
    if (h_states16) cudaFreeHost(h_states16);
    if (h_next) cudaFreeHost(h_next);
}

CudaStateStorage* storage_of(State& s, int device, const std::string& backend) {
    auto* st = dynamic_cast<CudaStateStorage*>(s.storage());
    if (st == nullptr || st->device() != device)
        throw Error(ErrorCode::StateMismatch, "state does not live on " + backend);
    return st;
}

namespace {

// The v16 fused LayerNorm + mixes launch from the arguments of the v1 pair.
ck::LnMixRowsArgs ln_mix_args(const ck::LnRowsArgs& l, const ck::MixRowsArgs& m) {
    ck::LnMixRowsArgs a;
    a.g = l.g;
    a.mode = l.mode;
    a.x = l.x;
    a.tokens = l.tokens;
    a.emb = l.emb;
    a.ln0_w = l.ln0_w;
    a.ln0_b = l.ln0_b;
    a.ln_w = l.ln_w;
    a.ln_b = l.ln_b;
    a.mix = m.mix;
    a.n_mix = m.n_mix;
    std::copy(m.slot, m.slot + 6, a.slot);
    a.shift_offset = m.shift_offset;
    a.out = m.out;
    return a;
}

}  // namespace

namespace {
unsigned g_stage_skip = 0, g_stage_twice = 0;  // set_rows_stage_mask (profiling; 0, 0 = the model)
int g_lora4 = [] {  // set_rows_lora4: -1 by batch, 0 off, 1 on
    const char* e = std::getenv("RWKV_CUDA_LORA4");
    return e == nullptr ? -1 : std::strcmp(e, "1") == 0 ? 1 : std::strcmp(e, "0") == 0 ? 0 : -1;
}();
bool lora4_for(int rows) { return g_lora4 == 1 || (g_lora4 == -1 && rows <= kLora4Rows); }
}  // namespace

namespace {
RowsFfnProbe g_ffn_probe = nullptr;
void* g_ffn_probe_ctx = nullptr;
}  // namespace

void set_rows_ffn_probe(RowsFfnProbe fn, void* ctx) {
    g_ffn_probe = fn;
    g_ffn_probe_ctx = ctx;
}

void set_rows_stage_mask(unsigned skip, unsigned twice) {
    g_stage_skip = skip;
    g_stage_twice = twice;
}

void set_rows_lora4(int mode) { g_lora4 = mode == 0 || mode == 1 ? mode : -1; }

const void* CudaModel::gemm_weight(const void* W, const float* scale, std::int64_t rows, std::int64_t cols) {
    if (scale == nullptr) return W;
    check(ck::launch_dequantize_rows(static_cast<const std::int8_t*>(W), scale, deq_, rows, cols, stream_),
          "rows: dequantise int8 weights");
    return deq_;
}

std::unique_ptr<CudaModel::Rows> CudaModel::make_rows(int R, int S) {
    const ModelShape& s = shape();
    const std::size_t es = wt_ == ck::WType::F16 ? 2 : 4;
    const std::size_t C = std::size_t(s.n_embd), F = std::size_t(s.dim_ffn), V = std::size_t(s.vocab_size);
    const std::size_t H = std::size_t(s.n_head), D = std::size_t(std::max({s.lora_w, s.lora_a, s.lora_v, s.lora_g}));
    const std::size_t Rz = std::size_t(R), Sz = std::size_t(S);
    auto r = std::make_unique<Rows>();
    r->rows = R;
    r->seqs = S;
    auto f = [&](std::size_t n) { return r->arena.floats(n, "rows-path scratch"); };
    auto a = [&](std::size_t n) { return r->arena.alloc(n * es, "rows-path scratch"); };
    for (float** p : {&r->x, &r->z, &r->v_first, &r->y, &r->dw, &r->da, &r->dg, &r->dv}) *p = f(Rz * C);
    r->r = f(3 * Rz * C);
    r->k = r->r + Rz * C;
    r->v = r->k + Rz * C;
    for (float** p : {&r->hw, &r->ha, &r->hg, &r->hv}) *p = f(Rz * D);
    const std::size_t Dp = std::size_t(std::max({s.lora_v, s.lora_w, s.lora_a}));
    r->hvwa = f(3 * Rz * Dp);
    r->hvwa_a = a(3 * Rz * Dp);
    r->dvwa = f(3 * Rz * C);
    r->P = f(Rz * H * 6 * 64);
    r->prev0 = f(Sz * C);
    r->logits = f(Sz * V);
    r->parts = f(2 * std::min<std::size_t>(Rz, std::size_t(kSplitKRows)) * C);
    r->ffn_parts = f(std::size_t(ck::ffn_partials(int(F))) * std::min<std::size_t>(Rz, ck::kSparseFfnBatchRows) * C);
    r->ffn_counters = static_cast<unsigned*>(r->arena.alloc((C + 255) / 256 * 4, "rows-path FFN tickets"));
    r->xmix = a(6 * Rz * C);
    for (void** p : {&r->hw_a, &r->ha_a, &r->hg_a, &r->hv_a}) *p = a(Rz * D);
    r->yg = a(Rz * C);
    r->h = a(Rz * F);
    r->zout = a(Sz * C);
    r->sample_offset = (Rz * 4 + 15) / 16 * 16;
    const std::size_t ts_bytes = r->sample_offset + Sz * sizeof(ck::SampleRow);
    auto* ts = static_cast<unsigned char*>(r->arena.alloc(ts_bytes, "rows-path tokens and sampling"));
    r->tokens = reinterpret_cast<std::int32_t*>(ts);
    r->sample = reinterpret_cast<ck::SampleRow*>(ts + r->sample_offset);
    r->states = static_cast<float**>(r->arena.alloc(Sz * sizeof(float*), "rows-path state table"));
    r->states16 = static_cast<std::uint16_t**>(r->arena.alloc(Sz * sizeof(void*), "rows-path fp16 state table"));
    unsigned char* h_ts = nullptr;
    check(cudaMallocHost(reinterpret_cast<void**>(&h_ts), ts_bytes), "pinned tokens and sampling");
    r->h_tokens = reinterpret_cast<std::int32_t*>(h_ts);
    r->h_sample = reinterpret_cast<ck::SampleRow*>(h_ts + r->sample_offset);
    check(cudaMallocHost(reinterpret_cast<void**>(&r->h_states), Sz * sizeof(float*)), "pinned state table");
    check(cudaMallocHost(reinterpret_cast<void**>(&r->h_states16), Sz * sizeof(void*)), "pinned state table");
    r->next = static_cast<std::int32_t*>(r->arena.alloc(Sz * 4, "rows-path sampled ids"));
    check(cudaMallocHost(reinterpret_cast<void**>(&r->h_next), Sz * 4), "pinned sampled ids");
    return r;
}

void CudaModel::ensure_rows(int rows, int seqs) {
    ensure_lora_blocks();
    // v51: the padded LoRA blocks only for batched decode (seqs = rows >= 2) that will use them
    // (v86 runs the steps of up to 8 rows without them)
    const bool lora4 = seqs >= 2 && rows == seqs && lora4_for(rows) && wt_ == ck::WType::F16 && !int8_ &&
                       !(rows <= ck::kMatvecRowsMax && lora_mma_fits(int(shape().n_embd)));
    if (lora4) ensure_lora4_blocks();
    if (lora_side_on() && lora_mma() && lora_stream_ == nullptr) {  // v86b's second stream (before any capture)
        check(cudaStreamCreate(&lora_stream_), "create stream");
        check(cudaEventCreateWithFlags(&lora_fork_ev_, cudaEventDisableTiming), "event");
        check(cudaEventCreateWithFlags(&lora_join_ev_, cudaEventDisableTiming), "event");
    }
    if (rows_ && rows_->rows >= rows && rows_->seqs >= seqs) {
        if (lora4 && rows_->h4 == nullptr) alloc_lora4_scratch(*rows_);
        return;
    }
    if (int8_ && deq_ == nullptr) {  // before any graph capture: the buffer is baked into the graphs
        const std::size_t C = std::size_t(shape().n_embd), F = std::size_t(shape().dim_ffn);
        deq_ = arena_.alloc(std::max({3 * C * C, F * C, std::size_t(shape().vocab_size) * C}) * 2,
                            "int8 dequantisation buffer");
    }
    const int R = std::max(rows, rows_ ? rows_->rows : 0);
    const int S = std::max(seqs, rows_ ? rows_->seqs : 0);
    check(cudaStreamSynchronize(stream_), "sync");
    for (auto& [b, g] : batch_graphs_) cudaGraphExecDestroy(g);  // they hold the old buffers
    batch_graphs_.clear();
    rows_.reset();
    rows_ = make_rows(R, S);
    if (lora4) alloc_lora4_scratch(*rows_);
}

bool CudaModel::split_batch(int S, int T) const {
    return rows_split_min_ > 0 && T == 1 && S >= 2 && S >= rows_split_min_ && !int8_ && gemm_->uses_cublas();
}

void CudaModel::ensure_lane2(int seqs) {
    if (!stream2_) {
        check(cudaStreamCreate(&stream2_), "create stream");
        check(cudaEventCreateWithFlags(&fork_ev_, cudaEventDisableTiming), "event");
        check(cudaEventCreateWithFlags(&join_ev_, cudaEventDisableTiming), "event");
        gemm2_ = std::make_unique<GemmRunner>(stream2_, wt_);
    }
    if (rows2_ && rows2_->rows >= seqs) return;
    check(cudaStreamSynchronize(stream_), "sync");
    check(cudaStreamSynchronize(stream2_), "sync");
    for (auto& [b, g] : batch_graphs_) cudaGraphExecDestroy(g);  // they hold the old buffers
    batch_graphs_.clear();
    rows2_.reset();
    rows2_ = make_rows(std::max(seqs, rows2_ ? rows2_->rows : 0), seqs);
}

void CudaModel::enqueue_rows(int S, int T, const std::int32_t* d_tokens, bool head, Prof* prof) {
    Rows& w = *rows_;
    std::uint16_t* const* s16 = batch_state_f16_ && T == 1 ? w.states16 : nullptr;
    if (prof || !split_batch(S, T) || !rows2_ || rows2_->rows < S - S / 2) {
        enqueue_lane(w, *gemm_, stream_, S, T, d_tokens, w.states, s16, w.logits, head, prof);
        return;
    }
    // v16f: two independent halves of the batch on two streams (fork/join events; captured as two parallel chains
    // of the graph), so that one half's memory-bound WKV scan runs beside the other half's compute-bound GEMMs.
    const int S0 = S / 2, S1 = S - S0;
    check(cudaEventRecord(fork_ev_, stream_), "fork");
    check(cudaStreamWaitEvent(stream2_, fork_ev_, 0), "fork");
    enqueue_lane(w, *gemm_, stream_, S0, 1, d_tokens, w.states, s16, w.logits, head, nullptr);
    enqueue_lane(*rows2_, *gemm2_, stream2_, S1, 1, d_tokens + S0, w.states + S0, s16 ? s16 + S0 : nullptr,
                 w.logits + std::size_t(S0) * std::size_t(shape().vocab_size), head, nullptr);
    check(cudaEventRecord(join_ev_, stream2_), "join");
    check(cudaStreamWaitEvent(stream_, join_ev_, 0), "join");
}

void CudaModel::enqueue_lane(Rows& w, GemmRunner& G, cudaStream_t stream, int S, int T, const std::int32_t* d_tokens,
                             float* const* states, std::uint16_t* const* states16, float* logits, bool head,
                             Prof* prof) {
    const ModelShape& s = shape();
    const int C = s.n_embd, F = s.dim_ffn, H = s.n_head, R = S * T;
    const std::size_t es = wt_ == ck::WType::F16 ? 2 : 4;
    const std::int64_t spl = std::int64_t(s.state_floats_per_layer());
    const std::int64_t wkv_floats = std::int64_t(H) * 64 * 64;
    const std::size_t RC = std::size_t(R) * std::size_t(C);
    auto at = [&](void* base, std::size_t elems) -> void* { return static_cast<char*>(base) + elems * es; };
    auto mark = [&](const char* label) {
        if (prof) prof->mark(label);
    };
    auto run = [&](int bit, auto&& fn) {  // stage `bit` of set_rows_stage_mask: left out, once, or twice
        if ((g_stage_skip >> bit) & 1u) return;
        fn();
        if ((g_stage_twice >> bit) & 1u) fn();
    };
    const std::size_t CC = std::size_t(C) * std::size_t(C);
    const bool fused_ln = rows_ln_fused_ && C % 4 == 0 && C <= 8192;
    const bool fused_wkv = (rows_wkv_fused_ || states16 != nullptr) && T == 1;
    const bool grouped_lora = lora_grouped_ && !lora_down3_.empty();  // v18 fp16 state: fused kernel only
    // v40: with fp16 weights the r/k/v and LoRA up GEMMs write fp16 for the fused WKV step (its per-channel inputs
    // r, k, v, dw, da, dv, dg and v_first in half the bytes; H200 7.2B graph B=256 -0.9 %, B=1024 -2.6 %)
    const bool in16 = fused_wkv && grouped_lora && wt_ == ck::WType::F16;
    auto at16 = [](void* base, std::size_t elems) -> void* { return static_cast<char*>(base) + elems * 2; };
    void* const r_out = w.r;  // r, k, v: [3, R, C] fp32, or fp16 packed at the block's start (in16)
    void* const k_out = in16 ? at16(w.r, RC) : static_cast<void*>(w.k);
    void* const v_out = in16 ? at16(w.r, 2 * RC) : static_cast<void*>(w.v);
    const long long rkv_stride = in16 ? static_cast<long long>(RC) : static_cast<long long>(w.k - w.r);  // elements
    // v38: split-K output projection / FFN value, their partial sums added by the next LayerNorm + mix kernel
    const int matvec_max = std::min(std::max({matvec_rows(), split_rows(), mma_rows()}), ck::kMatvecRowsMax);
    const bool split_k = rows_split_k_ && T == 1 && R <= kSplitKRows && fused_ln && !int8_ && wt_ == ck::WType::F16 &&
                         G.can_split_k() && C % 2 == 0 && F % 2 == 0 &&
                         !(R >= 2 && R <= matvec_max);  // v80 / v80b run the whole K
    // v79: small batched-decode steps run the FFN value as the sparse kernel (set_rows_sparse_ffn)
    const bool sparse_ffn = T == 1 && R >= 2 && R <= std::min(sparse_rows(), ck::kSparseFfnBatchRows);
    // v86: the small steps' LoRA projections at their own widths (set_rows_lora_mma)
    const bool lora_mma = T == 1 && R >= 2 && R <= ck::kMatvecRowsMax && lora_mma_fits(C);
    // v86b: its launches on lora_stream_, beside the r/k/v product (the main lane only)
    const bool lora_side = lora_mma && lora_side_on() && lora_stream_ != nullptr && stream == stream_;
    bool x_pending = false;  // x still lacks the partial sums in w.parts
    auto with_parts = [&](ck::LnMixRowsArgs a) {
        if (x_pending) a.x_parts = w.parts, a.n_parts = 2, a.part_stride = std::int64_t(RC);
        x_pending = false;
        return a;
    };
    ck::RowsGeom g;
    g.S = S;
    g.T = T;
    g.C = C;
    g.states = states;
    G.set_lt_table(T == 1 && S >= 2);  // v52: the cuBLASLt table serves batched decode only
    G.set_small_rows(T == 1 && R >= 2 ? std::min(matvec_rows(), ck::kMatvecRowsMax) : 0);              // v80 / v81
    G.set_small_split_rows(T == 1 && R >= 2 ? std::min(split_rows(), ck::kMatvecRowsMax) : 0);  // v80b
    G.set_small_mma_rows(T == 1 && R >= 2 ? std::min(mma_rows(), ck::kMatvecRowsMax) : 0);      // v82
    // An nn.Linear of `count` matrices (strides as linear_strided; count 1: linear) whose weights may be int8 (scale
    // non-null; the r/k/v block's 3C row scales are contiguous): v81 reads them as int8 where the matvec rows kernel
    // takes the step (G.linear_i8), otherwise W is dequantised into deq_ (gemm_weight) for the fp16 product.
    auto linear_w = [&](int count, int rows, int N, int K, const void* W, const float* scale, long long w_stride,
                        const void* X, long long x_stride, void* Y, long long y_stride, bool y_wt, float beta,
                        const char* what) {
        if (scale && rows_matvec_i8_ &&
            G.linear_i8(count, rows, N, K, W, w_stride, scale, N, X, x_stride, Y, y_stride, y_wt, beta, what))
            return;
        const void* d = gemm_weight(W, scale, std::int64_t(count) * N, K);
        if (count == 1) G.linear(rows, N, K, d, X, Y, y_wt, beta, what);
        else G.linear_strided(count, rows, N, K, d, w_stride, X, x_stride, Y, y_stride, y_wt, beta, what);
    };
    for (int i = 0; i < s.n_layer; ++i) {
        const DevLayer& L = w_.layers[std::size_t(i)];
        ck::LnRowsArgs la;
        la.g = g;
        la.mode = i == 0 ? ck::kLnFromEmbedding : ck::kLnPlain;
        la.x = w.x;
        la.tokens = d_tokens;
        la.emb = w_.emb;
        la.ln0_w = w_.ln0_w;
        la.ln0_b = w_.ln0_b;
        la.ln_w = L.ln1_w;
        la.ln_b = L.ln1_b;
        la.zf = w.z;
        la.shift_offset = i * spl;
        la.prev0 = w.prev0;
        ck::MixRowsArgs ma;
        ma.g = g;
        ma.z = w.z;
        ma.prev0 = w.prev0;
        ma.mix = L.mix6;
        ma.n_mix = 6;
        const int slots[6] = {0, 3, 1, 2, 4, 5};  // mixes r, w, k, v, a, g -> slots r, k, v, w, a, g
        std::copy(slots, slots + 6, ma.slot);
        ma.shift_offset = i * spl;
        ma.out = w.xmix;
        if (fused_ln) {
            run(0, [&] {
                check(ck::launch_ln_mix_rows(with_parts(ln_mix_args(la, ma)), wt_, stream), "rows: ln1 + time-mix shift");
            });
        } else {
            check(ck::launch_ln_rows(la, wt_, stream), "rows: ln1");
            check(ck::launch_mix_rows(ma, wt_, stream), "rows: time-mix shift");
        }
        mark("ln_mix");
        if (lora_side) {  // v86b: the LoRA projections read only the mixes: fork here, before r/k/v
            check(cudaEventRecord(lora_fork_ev_, stream), "rows: LoRA fork");
            check(cudaStreamWaitEvent(lora_stream_, lora_fork_ev_, 0), "rows: LoRA fork");
        }
        void *xr = at(w.xmix, 0), *xk = at(w.xmix, RC), *xv = at(w.xmix, 2 * RC), *xw = at(w.xmix, 3 * RC),
             *xa = at(w.xmix, 4 * RC), *xg = at(w.xmix, 5 * RC);
        const bool rkv_block = static_cast<const char*>(L.key) == static_cast<const char*>(L.receptance) + CC * es &&
                               static_cast<const char*>(L.value) == static_cast<const char*>(L.key) + CC * es;
        if (int8_) {  // the r/k/v block and its 3C row scales are contiguous: one product (one dequantisation)
            run(1, [&] {
                linear_w(3, R, C, C, L.receptance, L.receptance_s, static_cast<long long>(CC), xr,
                         static_cast<long long>(RC), r_out, rkv_stride, in16, 0.0f, "receptance/key/value");
            });
        } else if (rkv_strided_ && rkv_block) {
            run(1, [&] {
                G.linear_strided(3, R, C, C, L.receptance, static_cast<long long>(CC), xr, static_cast<long long>(RC),
                                 r_out, rkv_stride, in16, 0.0f, "receptance/key/value");
            });
        } else {
            G.linear(R, C, C, L.receptance, xr, r_out, in16, 0.0f, "receptance");
            G.linear(R, C, C, L.key, xk, k_out, in16, 0.0f, "key");
            G.linear(R, C, C, L.value, xv, v_out, in16, 0.0f, "value");
        }
        mark("gemm_rkv");
        const void *up_w = w.dw, *up_a = w.da, *up_v = w.dv;  // the LoRA up outputs the WKV kernels read
        const void* up_g = w.dg;
        if (lora_mma) {  // v86: the four projections at their own widths, two launches
            ck::LoraRowsArgs lr;
            lr.R = R;
            lr.C = C;
            lr.y_f16 = in16;
            auto job = [&](const void* down, const void* up, const void* x, void* h, void* y, int D, int act) {
                lr.job[lr.n_jobs++] = {down, up, x, h, y, D, act};
            };
            job(L.g1, L.g2, xg, w.hg_a, w.dg, s.lora_g, ck::kActSigmoid);  // the widest first: its up CTAs start first
            job(L.w1, L.w2, xw, w.hw_a, w.dw, s.lora_w, ck::kActTanh);
            job(L.a1, L.a2, xa, w.ha_a, w.da, s.lora_a, ck::kActNone);
            if (i > 0) job(L.v1, L.v2, xv, w.hv_a, w.dv, s.lora_v, ck::kActNone);  // layer 0: no value LoRA
            cudaStream_t ls = lora_side ? lora_stream_ : stream;
            run(2, [&] { check(ck::launch_lora_down_rows(lr, ls), "rows: LoRA down + activations (v86)"); });
            mark("gemm_lora_down");
            run(4, [&] { check(ck::launch_lora_up_rows(lr, ls), "rows: LoRA up (v86)"); });
            mark("gemm_lora_up");
            if (lora_side) {  // joined before the WKV step
                check(cudaEventRecord(lora_join_ev_, ls), "rows: LoRA join");
                check(cudaStreamWaitEvent(stream, lora_join_ev_, 0), "rows: LoRA join");
            }
        } else if (grouped_lora && fused_wkv && lora_dg_ > 0 && w.h4 != nullptr && lora4_for(R)) {  // v51: v/w/a/g, one GEMM each way
            const std::size_t Dg = std::size_t(lora_dg_), RD = std::size_t(R) * Dg;
            const int first = i > 0 ? 0 : 1, n = 4 - first;  // layer 0: no value LoRA
            const void* down = lora_down4_[std::size_t(i)];
            const void* up = lora_up4_[std::size_t(i)];
            run(2, [&] {
                G.linear_strided(n, R, int(Dg), C, at(const_cast<void*>(down), first * Dg * std::size_t(C)),
                                 static_cast<long long>(Dg) * C, at(w.xmix, (2 + first) * RC), static_cast<long long>(RC),
                                 w.h4 + first * RD, static_cast<long long>(RD), false, 0.0f, "LoRA v/w/a/g down");
            });
            mark("gemm_lora_down");
            ck::ActBatch ab;  // padding columns: 0 (or sigmoid(0) for g), times the up blocks' zero columns
            if (i > 0) ab.job[ab.n++] = {w.h4, w.a4, std::int64_t(RD), ck::kActNone};
            ab.job[ab.n++] = {w.h4 + RD, at(w.a4, RD), std::int64_t(RD), ck::kActTanh};
            ab.job[ab.n++] = {w.h4 + 2 * RD, at(w.a4, 2 * RD), std::int64_t(RD), ck::kActNone};
            ab.job[ab.n++] = {w.h4 + 3 * RD, at(w.a4, 3 * RD), std::int64_t(RD), ck::kActSigmoid};
            run(3, [&] { check(ck::launch_act_rows(ab, wt_, stream), "rows: LoRA activations"); });
            mark("lora_act");
            auto slot = [&](std::size_t k) -> void* { return in16 ? at16(w.d4, k * RC) : static_cast<void*>(w.d4 + k * RC); };
            run(4, [&] {
                G.linear_strided(n, R, C, int(Dg), at(const_cast<void*>(up), first * std::size_t(C) * Dg),
                                 static_cast<long long>(C) * Dg, at(w.a4, first * RD), static_cast<long long>(RD),
                                 slot(std::size_t(first)), static_cast<long long>(RC), in16, 0.0f, "LoRA v/w/a/g up");
            });
            mark("gemm_lora_up");
            up_v = slot(0);
            up_w = slot(1);
            up_a = slot(2);
            up_g = slot(3);
        } else if (grouped_lora) {  // v19: v, w, a as one strided-batched GEMM each way (slots 2, 3, 4 of xmix), g alone
            const std::size_t Dp = std::size_t(lora_dp_), RD = std::size_t(R) * Dp;
            const int first = i > 0 ? 0 : 1, n = 3 - first;  // layer 0: no value LoRA
            const void* down = lora_down3_[std::size_t(i)];
            const void* up = lora_up3_[std::size_t(i)];
            run(2, [&] {
                G.linear_strided(n, R, int(Dp), C, at(const_cast<void*>(down), first * Dp * std::size_t(C)),
                                 static_cast<long long>(Dp) * C, at(w.xmix, (2 + first) * RC), static_cast<long long>(RC),
                                 w.hvwa + first * RD, static_cast<long long>(RD), false, 0.0f, "LoRA v/w/a down");
                G.linear(R, s.lora_g, C, L.g1, xg, w.hg, false, 0.0f, "g1");
            });
            mark("gemm_lora_down");
            ck::ActBatch ab;  // the padding columns are 0 and stay 0 (tanh(0) = 0); their up weights are 0 anyway
            if (i > 0) ab.job[ab.n++] = {w.hvwa, w.hvwa_a, std::int64_t(RD), ck::kActNone};
            ab.job[ab.n++] = {w.hvwa + RD, at(w.hvwa_a, RD), std::int64_t(RD), ck::kActTanh};
            ab.job[ab.n++] = {w.hvwa + 2 * RD, at(w.hvwa_a, 2 * RD), std::int64_t(RD), ck::kActNone};
            ab.job[ab.n++] = {w.hg, w.hg_a, std::int64_t(R) * s.lora_g, ck::kActSigmoid};
            run(3, [&] { check(ck::launch_act_rows(ab, wt_, stream), "rows: LoRA activations"); });
            mark("lora_act");
            run(4, [&] {
                G.linear_strided(n, R, C, int(Dp), at(const_cast<void*>(up), first * std::size_t(C) * Dp),
                                 static_cast<long long>(C) * Dp, at(w.hvwa_a, first * RD), static_cast<long long>(RD),
                                 in16 ? at16(w.dvwa, first * RC) : static_cast<void*>(w.dvwa + first * RC),
                                 static_cast<long long>(RC), in16, 0.0f, "LoRA v/w/a up");
                G.linear(R, C, s.lora_g, L.g2, w.hg_a, w.dg, in16, 0.0f, "g2");
            });
            mark("gemm_lora_up");
            up_v = w.dvwa;
            up_w = in16 ? at16(w.dvwa, RC) : static_cast<void*>(w.dvwa + RC);
            up_a = in16 ? at16(w.dvwa, 2 * RC) : static_cast<void*>(w.dvwa + 2 * RC);
        } else {
            G.linear(R, s.lora_w, C, L.w1, xw, w.hw, false, 0.0f, "w1");
            G.linear(R, s.lora_a, C, L.a1, xa, w.ha, false, 0.0f, "a1");
            G.linear(R, s.lora_g, C, L.g1, xg, w.hg, false, 0.0f, "g1");
            if (i > 0) G.linear(R, s.lora_v, C, L.v1, xv, w.hv, false, 0.0f, "v1");
            mark("gemm_lora_down");
            ck::ActBatch ab;
            ab.job[ab.n++] = {w.hw, w.hw_a, std::int64_t(R) * s.lora_w, ck::kActTanh};
            ab.job[ab.n++] = {w.ha, w.ha_a, std::int64_t(R) * s.lora_a, ck::kActNone};
            ab.job[ab.n++] = {w.hg, w.hg_a, std::int64_t(R) * s.lora_g, ck::kActSigmoid};
            if (i > 0) ab.job[ab.n++] = {w.hv, w.hv_a, std::int64_t(R) * s.lora_v, ck::kActNone};
            check(ck::launch_act_rows(ab, wt_, stream), "rows: LoRA activations");
            mark("lora_act");
            G.linear(R, C, s.lora_w, L.w2, w.hw_a, w.dw, false, 0.0f, "w2");
            G.linear(R, C, s.lora_a, L.a2, w.ha_a, w.da, false, 0.0f, "a2");
            G.linear(R, C, s.lora_g, L.g2, w.hg_a, w.dg, false, 0.0f, "g2");
            if (i > 0) G.linear(R, C, s.lora_v, L.v2, w.hv_a, w.dv, false, 0.0f, "v2");
            mark("gemm_lora_up");
        }
        if (fused_wkv) {  // v16: T = 1, prep + scan + post in one kernel
            ck::WkvDecodeRowsArgs da;
            da.g = g;
            da.layer = i;
            da.wkv_offset = i * spl + C;
            da.r = r_out;
            da.k = k_out;
            da.v = v_out;
            da.dw = up_w;
            da.da = up_a;
            da.dv = up_v;
            da.dg = up_g;
            da.w0 = L.w0;
            da.a0 = L.a0;
            da.v0 = L.v0;
            da.k_k = L.k_k;
            da.k_a = L.k_a;
            da.r_k = L.r_k;
            da.lnx_w = L.lnx_w;
            da.lnx_b = L.lnx_b;
            da.v_first = w.v_first;
            da.out = w.yg;
            da.states16 = states16;
            da.wkv16_offset = std::int64_t(i) * wkv_floats;
            da.in16 = in16 ? 1 : 0;
            run(5, [&] { check(ck::launch_wkv_decode_rows(da, wt_, stream), "rows: wkv decode"); });
            mark("wkv_fused");
        } else {
            ck::WkvPrepArgs pa;
            pa.R = R;
            pa.C = C;
            pa.layer = i;
            pa.r = w.r;
            pa.k = w.k;
            pa.v = w.v;
            pa.dw = static_cast<const float*>(up_w);
            pa.da = static_cast<const float*>(up_a);
            pa.dv = static_cast<const float*>(up_v);
            pa.w0 = L.w0;
            pa.a0 = L.a0;
            pa.v0 = L.v0;
            pa.k_k = L.k_k;
            pa.k_a = L.k_a;
            pa.v_first = w.v_first;
            pa.P = w.P;
            check(ck::launch_wkv_prep(pa, stream), "rows: wkv prep");
            mark("wkv_prep");
            ck::WkvScanArgs sc;
            sc.g = g;
            sc.wkv_offset = i * spl + C;
            sc.P = w.P;
            sc.y = w.y;
            check(ck::launch_wkv_scan(sc, stream), "rows: wkv scan");
            mark("wkv_scan");
            ck::WkvPostArgs po;
            po.R = R;
            po.C = C;
            po.y = w.y;
            po.P = w.P;
            po.g = w.dg;
            po.r_k = L.r_k;
            po.lnx_w = L.lnx_w;
            po.lnx_b = L.lnx_b;
            po.out = w.yg;
            check(ck::launch_wkv_post(po, wt_, stream), "rows: wkv post");
            mark("wkv_post");
        }
        if (split_k) {
            G.linear_split_k(2, R, C, C, true, L.output, w.yg, w.parts, "output (split-K)");
            x_pending = true;
        } else {
            run(6, [&] {  // x += O·(y*g)
                linear_w(1, R, C, C, L.output, L.output_s, 0, w.yg, 0, w.x, 0, false, 1.0f, "output");
            });
        }
        mark("gemm_output");

        ck::LnRowsArgs lf = la;
        lf.mode = ck::kLnPlain;
        lf.ln_w = L.ln2_w;
        lf.ln_b = L.ln2_b;
        lf.shift_offset = i * spl + C + wkv_floats;
        ck::MixRowsArgs mf = ma;
        mf.mix = L.ffn_x_k;
        mf.n_mix = 1;
        mf.slot[0] = 0;
        mf.shift_offset = i * spl + C + wkv_floats;
        if (fused_ln) {
            run(7, [&] {
                check(ck::launch_ln_mix_rows(with_parts(ln_mix_args(lf, mf)), wt_, stream), "rows: ln2 + channel-mix shift");
            });
        } else {
            check(ck::launch_ln_rows(lf, wt_, stream), "rows: ln2");
            check(ck::launch_mix_rows(mf, wt_, stream), "rows: channel-mix shift");
        }
        mark("ln_mix");
        run(8, [&] {
            linear_w(1, R, F, C, L.ffn_key, L.ffn_key_s, 0, w.xmix, 0, w.h, 0, true, 0.0f, "ffn key");
        });
        mark("gemm_ffn_key");
        // v79r: the sparse kernel applies relu² itself (not while the FFN probe reads h after relu²)
        const bool fuse_relu2 = sparse_ffn && rows_sparse_relu2_ && !(g_ffn_probe && prof);
        if (!fuse_relu2)
            run(9, [&] { check(ck::launch_relu2_rows(w.h, std::int64_t(R) * F, d_active_, wt_, stream), "rows: relu2"); });
        mark("relu2");
        if (g_ffn_probe && prof && wt_ == ck::WType::F16) g_ffn_probe(g_ffn_probe_ctx, i, w.h, R, F, stream);
        if (sparse_ffn) {  // v79: x += Vf·h over the union of the rows' active neurons, each value row read once
            run(10, [&] {
                ck::SparseFfnBatchArgs sb;
                sb.R = R;
                sb.F = F;
                sb.C = C;
                sb.h = w.h;
                sb.Vt = L.ffn_value_t;
                sb.Vscale = L.ffn_value_s;
                sb.partials = w.ffn_parts;
                sb.counters = w.ffn_counters;
                sb.x = w.x;
                sb.dense = dense_ffn_;
                sb.relu2 = fuse_relu2;
                sb.active = d_active_;
                sb.mma = sparse_mma();  // v84
                sb.sum4 = rows_sparse_sum4_;  // v85
                check(ck::launch_sparse_ffn_batch(sb, wt_, stream), "rows: sparse ffn value");
            });
        } else if (split_k && i + 1 < s.n_layer) {  // the last layer's x goes to ln_out, which adds no parts
            G.linear_split_k(2, R, C, F, false, L.ffn_value_t, w.h, w.parts, "ffn value (split-K)");
            x_pending = true;
        } else {
            run(10, [&] {  // x += Vf·h
                G.linear_kn(R, C, F, gemm_weight(L.ffn_value_t, L.ffn_value_s, F, C), w.h, w.x, false, 1.0f,
                            "ffn value");
            });
        }
        mark("gemm_ffn_value");
    }
    if (!head) return;
    ck::LnRowsArgs lo;
    lo.g = g;
    lo.mode = ck::kLnPlain;
    lo.last_only = true;
    lo.x = w.x;
    lo.ln_w = w_.ln_out_w;
    lo.ln_b = w_.ln_out_b;
    lo.zh = w.zout;
    run(11, [&] {
        check(ck::launch_ln_rows(lo, wt_, stream), "rows: ln_out");
        linear_w(1, S, s.vocab_size, C, w_.head, w_.head_s, 0, w.zout, 0, logits, 0, false, 0.0f, "head");
    });
    mark("head");
}

void CudaModel::prefill(State& state, std::span<const std::int32_t> tokens, std::span<float> logits,
                        const ForwardOptions& options) {
    float* sp = storage_of(state, device_, backend_name())->device_data();
    check(cudaSetDevice(device_), "select device");
    const std::size_t T = tokens.size();
    const std::size_t chunk = std::max<std::size_t>(1, options.chunk_size);
    ensure_rows(int(std::min({T, chunk, std::size_t(kMaxRows)})), 1);
    check(cudaStreamSynchronize(stream_), "sync");  // the pinned tables are free
    if (T > tokens_cap_) {
        if (d_tokens_) cudaFree(d_tokens_);
        d_tokens_ = nullptr;
        tokens_cap_ = 0;
        check(cudaMalloc(reinterpret_cast<void**>(&d_tokens_), std::max<std::size_t>(T, 256) * 4), "token buffer");
        tokens_cap_ = std::max<std::size_t>(T, 256);
    }
    check(cudaMemcpyAsync(d_tokens_, tokens.data(), T * 4, cudaMemcpyHostToDevice, stream_), "tokens");
    rows_->h_states[0] = sp;
    check(cudaMemcpyAsync(rows_->states, rows_->h_states, sizeof(float*), cudaMemcpyHostToDevice, stream_), "state table");
    for (std::size_t i = 0; i < T;) {
        if (i % chunk == 0) {
            if (i > 0) check(cudaStreamSynchronize(stream_), "prefill");
            if (options.cancel && options.cancel->load(std::memory_order_relaxed))
                throw Error(ErrorCode::Cancelled, "prefill cancelled after " + std::to_string(i) + " tokens");
            if (options.progress && i > 0) options.progress(i, T);
        }
        const std::size_t chunk_end = (i / chunk + 1) * chunk;
        const std::size_t n = std::min({T - i, chunk_end - i, std::size_t(kMaxRows)});
        enqueue_rows(1, int(n), d_tokens_ + i, i + n == T);
        ffn_total_ += std::uint64_t(n) * std::uint64_t(shape().dim_ffn) * std::uint64_t(shape().n_layer);
        i += n;
    }
    check(cudaMemcpyAsync(h_logits_, rows_->logits, logits.size() * 4, cudaMemcpyDeviceToHost, stream_), "logits");
    check(cudaStreamSynchronize(stream_), "prefill");
    std::memcpy(logits.data(), h_logits_, logits.size() * 4);
    if (options.progress) options.progress(T, T);
}

void CudaModel::set_rows_lora_grouped(bool on) {
    std::lock_guard lock(mu_);
    lora_grouped_ = on;
    reset_graphs();
}

void CudaModel::set_batch_state_f16(bool on) {
    std::lock_guard lock(mu_);
    batch_state_f16_ = on;
    reset_graphs();
}

void CudaModel::set_batch_state_dtype(DType dtype) {
    if (dtype != DType::F32 && dtype != DType::F16)
        throw Error(ErrorCode::InvalidArgument, "the CUDA batched-decode state is fp32 or fp16, not " +
                                                    std::string(dtype_name(dtype)));
    set_batch_state_f16(dtype == DType::F16);
}

void CudaModel::set_rkv_strided(bool on) {
    std::lock_guard lock(mu_);
    rkv_strided_ = on;
    reset_graphs();
}

void CudaModel::set_wkv_scan_t1(bool on) {
    std::lock_guard lock(mu_);
    ck::set_wkv_scan_t1(on);
    reset_graphs();
}

void CudaModel::set_ln_mix_rows_512(bool on) {
    std::lock_guard lock(mu_);
    ck::set_ln_mix_rows_512(on);
    reset_graphs();
}

void CudaModel::set_rows_split_k(bool on) {
    std::lock_guard lock(mu_);
    rows_split_k_ = on;
    reset_graphs();
}

void CudaModel::set_rows_sparse_ffn(int max_rows) {
    std::lock_guard lock(mu_);
    rows_sparse_ffn_ = max_rows < 0 ? -1 : std::min(max_rows, ck::kSparseFfnBatchRows);
    reset_graphs();
}

void CudaModel::set_rows_sparse_relu2(bool on) {
    std::lock_guard lock(mu_);
    rows_sparse_relu2_ = on;
    reset_graphs();
}

void CudaModel::set_rows_matvec(int max_rows) {
    std::lock_guard lock(mu_);
    rows_matvec_ = max_rows < 0 ? -1 : std::min(max_rows, ck::kMatvecRowsMax);
    reset_graphs();
}

void CudaModel::set_rows_matvec_i8(bool on) {
    std::lock_guard lock(mu_);
    rows_matvec_i8_ = on;
    reset_graphs();
}

void CudaModel::set_rows_matvec_split(int max_rows) {
    std::lock_guard lock(mu_);
    rows_matvec_split_ = max_rows < 0 ? -1 : std::min(max_rows, ck::kMatvecRowsMax);
    reset_graphs();
}

void CudaModel::set_rows_matvec_mma(int max_rows) {
    std::lock_guard lock(mu_);
    rows_matvec_mma_ = max_rows < 0 ? -1 : std::min(max_rows, ck::kMatvecRowsMax);
    reset_graphs();
}

void CudaModel::set_rows_sparse_mma(int on) {
    std::lock_guard lock(mu_);
    rows_sparse_mma_ = on < 0 ? -1 : on > 0 ? 1 : 0;
    reset_graphs();
}

void CudaModel::set_rows_sparse_sum4(bool on) {
    std::lock_guard lock(mu_);
    rows_sparse_sum4_ = on;
    reset_graphs();
}

void CudaModel::set_rows_lora_mma(int on) {
    std::lock_guard lock(mu_);
    rows_lora_mma_ = on < 0 ? -1 : on > 0 ? 1 : 0;
    reset_graphs();
}

void CudaModel::set_rows_lora_side(int on) {
    std::lock_guard lock(mu_);
    rows_lora_side_ = on < 0 ? -1 : on > 0 ? 1 : 0;
    reset_graphs();
}

void CudaModel::set_rows_split(int min_batch) {
    std::lock_guard lock(mu_);
    rows_split_min_ = std::max(0, min_batch);
    reset_graphs();
}

void CudaModel::set_relu2_h8(bool on) {
    std::lock_guard lock(mu_);
    ck::set_relu2_h8(on);
    reset_graphs();
}

void CudaModel::set_rows_wkv_fused(bool on) {
    std::lock_guard lock(mu_);
    rows_wkv_fused_ = on;
    reset_graphs();
}

void CudaModel::set_rows_ln_fused(bool on) {
    std::lock_guard lock(mu_);
    rows_ln_fused_ = on;
    reset_graphs();
}

std::vector<std::pair<std::string, double>> CudaModel::profile_rows(std::span<State* const> states, int T, int reps) {
    check_forward_batch(states, std::vector<std::int32_t>(states.size(), 0), {});
    const int S = int(states.size());
    if (T < 1 || reps < 1 || std::size_t(S) * std::size_t(T) > std::size_t(kMaxRows))
        throw Error(ErrorCode::InvalidArgument, "profile_rows: 1 <= S*T <= " + std::to_string(kMaxRows) + ", reps >= 1");
    std::lock_guard lock(mu_);
    check(cudaSetDevice(device_), "select device");
    ensure_rows(S * T, S);
    check(cudaStreamSynchronize(stream_), "sync");
    fill_state_tables(states, T);
    for (int r = 0; r < S * T; ++r) rows_->h_tokens[r] = std::int32_t((std::uint32_t(r) * 7919u + 13u) % std::uint32_t(shape().vocab_size));
    check(cudaMemcpyAsync(rows_->tokens, rows_->h_tokens, std::size_t(S) * T * 4, cudaMemcpyHostToDevice, stream_), "tokens");
    Prof prof;
    std::vector<std::vector<std::pair<std::string, double>>> runs;
    for (int i = 0; i < reps + 1; ++i) {
        prof.begin(stream_);
        enqueue_rows(S, T, rows_->tokens, true, &prof);
        check(cudaStreamSynchronize(stream_), "profile");
        if (i > 0) runs.push_back(prof.sums());  // the first run warms up
    }
    std::vector<std::pair<std::string, double>> out = runs[0];
    for (std::size_t k = 0; k < out.size(); ++k) {
        std::vector<double> v;
        for (const auto& r : runs) v.push_back(r[k].second);
        std::sort(v.begin(), v.end());
        out[k].second = v[v.size() / 2];
    }
    return out;
}

}  // namespace rwkv::cuda
