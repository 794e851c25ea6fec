// CudaModel (cuda_model.h): the batch-1 decode step's settings — the A/B knobs (set_b1_v53 and the set_* of the
// sparse FFN, LayerNorm fusion, wkv7, matvec, PDL and the stamps), which variant of each the step enqueues
// (skip_unfused, sparse_mode, ln_fused, wkv7_polled) and arm_sparse_poll (the poll buffers' flags before a step).
// The step itself is enqueue_step (cuda_model.cpp).
#include <cstddef>

#include "cuda/cuda_model.h"
#include "decode_b1.h"  // kernels/cuda
#include "matvec_i8dp.h"  // kernels/cuda

namespace rwkv::cuda {

void CudaModel::apply_b1_v53(unsigned bits) {
    b1_v53_ = bits & kV53Known;
    ck::set_matvec_out_only((b1_v53_ & kV53OutOnly) != 0u);
    ck::set_wkv7_poll_early((b1_v53_ & kV53WkvEarly) != 0u);
    ck::set_matvec_only(((b1_v53_ & kV54HeadsOnly) ? 1u : 0u) | ((b1_v53_ & kV54I8Only) ? 2u : 0u));  // v54
    ck::set_matvec_ln_tail(((b1_v53_ & kV55OldEarly) ? 1u : 0u) | ((b1_v53_ & kV61OutPoll) ? 2u : 0u));  // v55, v61
    ck::set_matvec_i8_tail(((b1_v53_ & kV56ScaleEarly) ? 1u : 0u) | ((b1_v53_ & kV56Sum4) ? 2u : 0u));  // v56
    ck::set_matvec_i8_rows8(((b1_v53_ & kV57Rows8Heads) ? 1u : 0u) | ((b1_v53_ & kV70Rows8Key) ? 2u : 0u));  // v57, v70
    ck::set_matvec_out_prefetch((b1_v53_ & kV66OutPf) != 0u);  // v66
    ck::set_matvec_out_dp((b1_v53_ & kV71OutDp) != 0u);  // v71
}

void CudaModel::set_b1_v53(unsigned bits) {
    std::lock_guard lock(mu_);
    apply_b1_v53(bits);
    reset_graphs();
}

void CudaModel::set_dense_ffn(bool on) {
    std::lock_guard lock(mu_);
    dense_ffn_ = on;
    reset_graphs();
}

void CudaModel::set_skip_mask(unsigned mask) {
    std::lock_guard lock(mu_);
    skip_ = mask;
    reset_graphs();
    // kernels left out leave the poll / statistics buffers in any state: re-arm all of them before the next step
    h_armed_ = partials_armed_ = ln_stats_armed_ = ffn_ln_armed_ = false;
    // a skipped sparse FFN leaves the FFN key's bits in the mask: start clean
    if (d_mask_) check(cudaMemset(d_mask_, 0, std::size_t((shape().dim_ffn + 31) / 32) * 4), "clear mask");
}

void CudaModel::set_sparse_list(bool on) {
    std::lock_guard lock(mu_);
    sparse_list_ = on;
    reset_graphs();
}

void CudaModel::set_sparse_poll(unsigned mode) {
    std::lock_guard lock(mu_);
    sparse_poll_ = mode & 7u;
    reset_graphs();
}

bool CudaModel::skip_unfused() const {
    const bool keep = (skip_ & kSkipKeepFused) && !((skip_ & 32u) && !(skip_ & 64u));
    return skip_ != 0 && !keep;
}

unsigned CudaModel::sparse_mode() const { return sparse_list_ && !skip_unfused() ? sparse_poll_ : 0u; }

void CudaModel::arm_sparse_poll() {
    const bool poll = (sparse_mode() & kSparsePoll) != 0;
    if (poll && !h_armed_)  // 0xFF bytes = ck::kFfnUnset in every activation (v63: both buffers)
        for (float* h : {h_, h2_})
            check(cudaMemsetAsync(h, 0xFF, std::size_t(shape().dim_ffn) * 4, stream_), "arm the FFN activations");
    h_armed_ = poll;  // a poll step leaves h armed; any other step leaves activations in it
    const bool fuse = (ln_fused() & kLnFuseSparse) != 0;
    const bool armed = poll && (sparse_mode() & kSparseDirect);
    if (armed && !partials_armed_) {
        const std::size_t n = std::size_t(ck::ffn_partials(shape().dim_ffn)) * std::size_t(shape().n_embd);
        check(cudaMemsetAsync(partials_, 0xFF, n * 4, stream_), "arm the FFN partials");
    }
    partials_armed_ = armed;  // likewise for the partials of a v34b step
    if (poll && fuse && !ln_stats_armed_) {  // v40: every layer's words (a v40 step re-arms what it read)
        const std::size_t n = std::size_t(shape().n_layer) * std::size_t((shape().n_embd + 255) / 256);
        check(cudaMemsetAsync(ln_stats_, 0xFF, n * 8, stream_), "arm the LayerNorm statistics");
        ln_stats_armed_ = true;
    }
    const bool v47 = wkv7_polled();
    if (v47 && !rkv_armed_) {  // v47: r, k, v and every layer's LoRA hidden vectors
        const ModelShape& s = shape();
        for (float* p : {r_, k_, v_}) check(cudaMemsetAsync(p, 0xFF, std::size_t(s.n_embd) * 4, stream_), "arm r/k/v");
        const std::size_t n = std::size_t(s.n_layer) * std::size_t(s.lora_w + s.lora_a + s.lora_g + s.lora_v);
        check(cudaMemsetAsync(hid_, 0xFF, n * 4, stream_), "arm the LoRA hidden vectors");
    }
    rkv_armed_ = v47;  // a v47 step leaves them armed; any other step leaves values in r/k/v
    if ((ln_fused() & kLnFuseOutput) && !ffn_ln_armed_) {  // v43: likewise
        const std::size_t n = std::size_t(shape().n_layer) * std::size_t((shape().n_embd + 255) / 256);
        check(cudaMemsetAsync(ffn_ln_stats_, 0xFF, n * 8, stream_), "arm the LayerNorm statistics");
        check(cudaMemsetAsync(ffn_xo_, 0xFF, std::size_t(shape().n_embd) * 4, stream_), "arm x's poll copy");  // v61
        ffn_ln_armed_ = true;
    }
}

void CudaModel::set_ln_fuse(unsigned mask) {
    std::lock_guard lock(mu_);
    ln_fuse_ = mask & (kLnFuseSparse | kLnFuseOutput);
    reset_graphs();
}

void CudaModel::set_wkv7_lora(bool on) {
    std::lock_guard lock(mu_);
    wkv7_lora_ = on;
    reset_graphs();
}

void CudaModel::set_wkv7_split(int split) {
    std::lock_guard lock(mu_);
    wkv7_split_ = split == 4 ? 4 : 1;
    reset_graphs();
}

void CudaModel::set_wkv7_poll(bool on) {
    std::lock_guard lock(mu_);
    wkv7_poll_ = on;
    reset_graphs();
}

bool CudaModel::wkv7_polled() const {
    const ModelShape& s = shape();
    return wkv7_poll_ && wkv7_lora_ && wkv7_split_ == 4 && wt_ == ck::WType::F16 && skip_ == 0 &&
           (int8_ || (rows4_ & 2u)) && s.n_layer >= 2 && s.n_embd % 64 == 0 && s.n_embd > 1024 &&
           ck::wkv7_lora_fits(s.lora_w, s.lora_a, s.lora_g, s.lora_v);
}

void CudaModel::set_matvec_i8dp(int mode) {
    std::lock_guard lock(mu_);
    ck::set_matvec_i8dp(mode);
    reset_graphs();
}

void CudaModel::set_matvec_f16_big(int ctas_per_sm) {
    std::lock_guard lock(mu_);
    ck::set_matvec_f16_big(ctas_per_sm);
    reset_graphs();
}

void CudaModel::set_sparse_stamps(bool on) {
    check(cudaStreamSynchronize(stream_), "sync");
    if (on && !d_stamps_)
        check(cudaMalloc(reinterpret_cast<void**>(&d_stamps_), std::size_t(shape().n_layer) * 32 * 8), "stamps");  // v75: + stamps_x
    stamps_on_ = on;
    reset_graphs();
    if (on) sparse_stamps();  // arms
}

void CudaModel::set_matvec_rows4(unsigned mask) {
    std::lock_guard lock(mu_);
    rows4_ = mask & 7u;
    reset_graphs();
}

unsigned CudaModel::ln_fused() const {
    if (skip_unfused()) return 0u;
    unsigned f = 0u;
    // v40 and v43 re-arm the previous layer's statistics words: n_layer >= 2
    if (sparse_list_ && shape().n_embd <= ck::kLnTailMaxC && !((sparse_mode() & kSparsePoll) && shape().n_layer < 2))
        f |= ln_fuse_ & kLnFuseSparse;
    if (shape().n_layer >= 2 && shape().n_embd <= 8192) f |= ln_fuse_ & kLnFuseOutput;
    return f;
}

void CudaModel::set_gemm_simple(bool on) {
    std::lock_guard lock(mu_);
    gemm_->set_force_simple(on);
    reset_graphs();
}

void CudaModel::set_pdl(bool on) {
    std::lock_guard lock(mu_);
    ck::set_pdl(on);
    reset_graphs();
}

}  // namespace rwkv::cuda
