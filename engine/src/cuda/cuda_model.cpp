// CudaModel (cuda_model.h): the batch-1 decode step as 8 launches per layer (ln_mix, grouped matvec of r/k/v and
// the LoRA down-projections, grouped LoRA up-projections with their activations, wkv7, output projection
// with the residual add, ln_mix for the FFN, FFN key with relu², sparse FFN value added into the
// residual), captured once into a
// CUDA graph (v13: the time-mix ln_mix of layers 1.. and ln_out run as the sparse FFN's tail, 7 launches per
// layer) that serves every state and token (the kernels read StepParams from device memory). v31: the sparse FFN
// value polls the FFN key's activations per chunk instead of waiting for its grid, and the time-mix ln_mix runs as
// its own launch again (docs/perf-notes.md v31); v40 moved it back into the sparse FFN, spread over its column slices,
// and v43 (session 12) the FFN's ln_mix into the output projection's grid: 5 launches per layer. v47 (session 15): the
// time-mix kernel polls its head's r/k/v rows and LoRA hidden vectors instead of waiting for the r/k/v grid. v53
// (session 19, set_b1_v53): forward()'s last step and the head run as one graph, and the tokens travel in the pinned
// params block. The knobs that pick these variants and arm_sparse_poll: cuda_model_settings.cpp.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>

#include "cuda/cuda_model.h"
#include "cuda/cuda_rows.h"
#include "cuda/cuda_state.h"
#include "decode_b1.h"  // kernels/cuda
#include "matvec_i8dp.h"  // kernels/cuda
#include "rwkv/error.h"

namespace rwkv::cuda {

CudaModel::CudaModel(ModelFingerprint fp, int device, ck::WType wt, bool int8)
    : Model(std::move(fp)), device_(device), wt_(wt), int8_(int8) {
    if (int8_ && wt_ != ck::WType::F16) throw Error(ErrorCode::InvalidArgument, "int8 weights need fp16 activations");
    check(cudaSetDevice(device_), "select device");
    // A blocking stream: it orders itself with the legacy default stream, which the State storage's
    // cudaMemcpy/cudaMemset use (and pageable cudaMemcpy may return before its DMA has landed).
    check(cudaStreamCreate(&stream_), "create stream");
    gemm_ = std::make_unique<GemmRunner>(stream_, wt_);
}

CudaModel::~CudaModel() {
    cudaSetDevice(device_);
    if (stream_) cudaStreamSynchronize(stream_);
    reset_graphs();
    if (stream2_) cudaStreamSynchronize(stream2_);
    if (lora_stream_) cudaStreamSynchronize(lora_stream_);
    rows_.reset();
    rows2_.reset();
    gemm_.reset();
    gemm2_.reset();
    if (fork_ev_) cudaEventDestroy(fork_ev_);
    if (join_ev_) cudaEventDestroy(join_ev_);
    if (stream2_) cudaStreamDestroy(stream2_);
    if (lora_fork_ev_) cudaEventDestroy(lora_fork_ev_);
    if (lora_join_ev_) cudaEventDestroy(lora_join_ev_);
    if (lora_stream_) cudaStreamDestroy(lora_stream_);
    if (h_logits_) cudaFreeHost(h_logits_);
    if (h_params_) cudaFreeHost(h_params_);
    if (d_tokens_) cudaFree(d_tokens_);
    if (d_stamps_) cudaFree(d_stamps_);
    if (d_probe_) cudaFree(d_probe_);
    ck::set_b1_probe(nullptr);
    if (stream_) cudaStreamDestroy(stream_);
}

void CudaModel::reset_graphs() {
    if (step_graph_) cudaGraphExecDestroy(step_graph_);
    if (head_graph_) cudaGraphExecDestroy(head_graph_);
    if (step_head_graph_) cudaGraphExecDestroy(step_head_graph_);
    step_graph_ = head_graph_ = step_head_graph_ = nullptr;
    for (auto& [b, g] : batch_graphs_) cudaGraphExecDestroy(g);
    batch_graphs_.clear();
}

void CudaModel::load(const WeightSet& ws) {
    upload_weights(ws, wt_, int8_, arena_, w_, stream_);
    alloc_scratch();
}

void CudaModel::load_random(std::uint64_t seed, double ffn_density) {
    fill_random_weights(shape(), wt_, int8_, seed, ffn_density, arena_, w_, stream_);
    alloc_scratch();
}

void CudaModel::alloc_scratch() {
    const ModelShape& s = shape();
    const std::size_t C = std::size_t(s.n_embd);
    const std::size_t D = std::size_t(std::max({s.lora_w, s.lora_a, s.lora_v, s.lora_g}));
    x_ = arena_.floats(C, "scratch");
    xmix_ = arena_.floats(6 * C, "scratch");
    for (float** p : {&r_, &k_, &v_, &decay_, &alpha_, &g_, &vgate_, &yg_, &v_first_, &xk_, &z_})
        *p = arena_.floats(C, "scratch");
    for (float** p : {&hw_, &ha_, &hg_, &hv_}) *p = arena_.floats(D, "scratch");
    hid_ = arena_.floats(std::size_t(s.n_layer) * std::size_t(s.lora_w + s.lora_a + s.lora_g + s.lora_v), "scratch");
    h_ = arena_.floats(std::size_t(s.dim_ffn), "scratch");
    h2_ = arena_.floats(std::size_t(s.dim_ffn), "scratch");
    partials_ = arena_.floats(std::size_t(ck::ffn_partials(s.dim_ffn)) * C, "scratch");
    logits_ = arena_.floats(std::size_t(s.vocab_size), "scratch");
    // v53: the params block holds up to kParamsTokMax tokens after the StepParams (one upload for both)
    d_params_ = static_cast<ck::StepParams*>(arena_.alloc(kParamsTokOff + kParamsTokMax * 4, "params"));
    d_active_ = static_cast<unsigned long long*>(arena_.alloc(8, "counter"));
    d_counters_ = static_cast<unsigned*>(arena_.alloc(std::size_t(s.n_embd / 8 + 8) * 4, "counters"));
    check(cudaMallocHost(reinterpret_cast<void**>(&h_logits_), std::size_t(s.vocab_size) * 4), "pinned logits");
    check(cudaMallocHost(reinterpret_cast<void**>(&h_params_), kParamsTokOff + kParamsTokMax * 4), "pinned params");
    d_mask_ = static_cast<unsigned*>(arena_.alloc(std::size_t((s.dim_ffn + 31) / 32) * 4, "mask"));
    ln_stats_ = static_cast<unsigned long long*>(
        arena_.alloc(std::size_t(s.n_layer) * std::size_t((s.n_embd + 255) / 256) * 8, "LayerNorm statistics"));
    ffn_ln_stats_ = static_cast<unsigned long long*>(
        arena_.alloc(std::size_t(s.n_layer) * std::size_t((s.n_embd + 255) / 256) * 8, "LayerNorm statistics"));
    ffn_ln_counters_ = static_cast<unsigned*>(arena_.alloc(std::size_t((s.n_embd + 255) / 256) * 4, "counters"));
    ffn_xo_ = arena_.floats(std::size_t(s.n_embd), "scratch");  // v61
    xq_ = static_cast<int*>(arena_.alloc(std::size_t(s.n_embd / 2) * 4, "scratch"));  // v72
    xq_inv_ = arena_.floats(std::size_t(s.n_embd / 16), "scratch");
    int cc_major = 0;  // v82's mma.sync m16n8k16 needs sm_80 or later
    if (cudaDeviceGetAttribute(&cc_major, cudaDevAttrComputeCapabilityMajor, device_) != cudaSuccess) cudaGetLastError();
    mma_ok_ = cc_major >= 8;
    if (const char* g = std::getenv("RWKV_CUDA_GRAPH"); g && std::strcmp(g, "0") == 0) use_graph_ = false;
    if (const char* sp = std::getenv("RWKV_CUDA_SPARSE"); sp && std::strcmp(sp, "chunk") == 0) sparse_list_ = false;
    // v31 (docs/perf-notes.md): the poll sparse FFN (+ the key's early trigger for fp16/fp32 weights); session 11: v34b
    // (no slice ticket) and v40 (the next LayerNorm spread over the column slices): H200 B=1 7.2B fp16 +4.3 %, int8
    // +7.6 %, 13.3B +4.9 % against v31
    // v47 (session 15): int8 also with the key's early trigger (with v47 on: +0.5 % against mode 5 without v47, every
    // round; without v47 it lost 0.5 %, docs/perf/cuda-decode.md v47)
    sparse_poll_ = kSparsePoll | kSparseEarly | kSparseDirect;
    if (const char* sp = std::getenv("RWKV_CUDA_SPARSE_POLL"); sp) sparse_poll_ = unsigned(std::atoi(sp)) & 7u;
    ln_fuse_ = kLnFuseSparse | kLnFuseOutput;
    if (const char* lf = std::getenv("RWKV_CUDA_LN_FUSE"); lf)
        ln_fuse_ = unsigned(std::atoi(lf)) & (kLnFuseSparse | kLnFuseOutput);
    if (const char* r4 = std::getenv("RWKV_CUDA_ROWS4"); r4) rows4_ = unsigned(std::atoi(r4)) & 7u;
    if (const char* rl = std::getenv("RWKV_CUDA_ROWS_LN"); rl) rows_ln_fused_ = std::strcmp(rl, "0") != 0;
    if (const char* st = std::getenv("RWKV_CUDA_SCAN_T1"); st) ck::set_wkv_scan_t1(std::strcmp(st, "0") != 0);
    if (const char* wf = std::getenv("RWKV_CUDA_WKV_FUSED"); wf) rows_wkv_fused_ = std::strcmp(wf, "0") != 0;
    if (const char* sp2 = std::getenv("RWKV_CUDA_ROWS_SPLIT"); sp2) rows_split_min_ = std::max(0, std::atoi(sp2));
    if (const char* sr = std::getenv("RWKV_CUDA_SPARSE_ROWS"); sr)
        rows_sparse_ffn_ = std::clamp(std::atoi(sr), 0, ck::kSparseFfnBatchRows);
    if (const char* s2 = std::getenv("RWKV_CUDA_SPARSE_RELU2"); s2) rows_sparse_relu2_ = std::strcmp(s2, "0") != 0;
    if (const char* mr = std::getenv("RWKV_CUDA_ROWS_MATVEC"); mr)
        rows_matvec_ = std::clamp(std::atoi(mr), 0, ck::kMatvecRowsMax);
    if (const char* mi = std::getenv("RWKV_CUDA_ROWS_MATVEC_I8"); mi) rows_matvec_i8_ = std::strcmp(mi, "0") != 0;
    if (const char* ms = std::getenv("RWKV_CUDA_ROWS_MATVEC_SPLIT"); ms)
        rows_matvec_split_ = std::clamp(std::atoi(ms), 0, ck::kMatvecRowsMax);
    if (const char* mm = std::getenv("RWKV_CUDA_ROWS_MMA"); mm)
        rows_matvec_mma_ = std::clamp(std::atoi(mm), 0, ck::kMatvecRowsMax);
    if (const char* sm = std::getenv("RWKV_CUDA_SPARSE_MMA"); sm) rows_sparse_mma_ = std::atoi(sm) > 0 ? 1 : 0;
    if (const char* s4 = std::getenv("RWKV_CUDA_SPARSE_SUM4"); s4) rows_sparse_sum4_ = std::strcmp(s4, "0") != 0;
    if (const char* lm = std::getenv("RWKV_CUDA_LORA_MMA"); lm) rows_lora_mma_ = std::atoi(lm) > 0 ? 1 : 0;
    if (const char* ls = std::getenv("RWKV_CUDA_LORA_SIDE"); ls) rows_lora_side_ = std::atoi(ls) > 0 ? 1 : 0;
    if (const char* wl = std::getenv("RWKV_CUDA_WKV7_LORA"); wl) wkv7_lora_ = std::strcmp(wl, "0") != 0;
    if (const char* wp = std::getenv("RWKV_CUDA_WKV7_POLL"); wp) wkv7_poll_ = std::strcmp(wp, "0") != 0;
    if (const char* sf = std::getenv("RWKV_CUDA_STATE_F16"); sf) batch_state_f16_ = std::strcmp(sf, "0") != 0;
    if (const char* lg = std::getenv("RWKV_CUDA_LORA_GROUPED"); lg) lora_grouped_ = std::strcmp(lg, "0") != 0;
    // process-wide (docs/perf-notes.md v15): RWKV_CUDA_PDL=0 turns PDL off
    if (const char* p = std::getenv("RWKV_CUDA_PDL"); p) ck::set_pdl(std::strcmp(p, "0") != 0);
    if (const char* dp = std::getenv("RWKV_CUDA_I8DP"); dp) ck::set_matvec_i8dp(std::atoi(dp));  // v49, process-wide
    if (const char* fb = std::getenv("RWKV_CUDA_F16_BIG"); fb) ck::set_matvec_f16_big(std::atoi(fb));
    if (const char* v = std::getenv("RWKV_CUDA_B1_V53"); v) apply_b1_v53(unsigned(std::atoi(v)));
}

std::string CudaModel::device_name() const {
    cudaDeviceProp p{};
    if (cudaGetDeviceProperties(&p, device_) != cudaSuccess) return "CUDA device " + std::to_string(device_);
    return std::string(p.name) + " (" + std::to_string(p.totalGlobalMem >> 20) + " MiB, sm_" +
           std::to_string(p.major) + std::to_string(p.minor) + ", " +
           (int8_ ? "int8" : wt_ == ck::WType::F16 ? "fp16" : "fp32") + " weights)";
}

State CudaModel::new_state() const {
    return State(shape(), std::make_unique<CudaStateStorage>(device_, shape().state_floats(), shape().n_layer, shape().n_embd));
}

bool CudaModel::pin_host_memory(std::span<std::byte> memory) const {
    if (memory.empty() || cudaSetDevice(device_) != cudaSuccess) return false;
    if (cudaHostRegister(memory.data(), memory.size(), cudaHostRegisterDefault) != cudaSuccess) {
        cudaGetLastError();  // clear the (non-sticky) error; the memory stays pageable
        return false;
    }
    return true;
}

void CudaModel::unpin_host_memory(std::span<std::byte> memory) const {
    if (memory.empty()) return;
    if (cudaSetDevice(device_) == cudaSuccess && cudaHostUnregister(memory.data()) != cudaSuccess) cudaGetLastError();
}

Model::FfnActivity CudaModel::ffn_activity() const {
    unsigned long long active = 0;
    if (cudaMemcpy(&active, d_active_, 8, cudaMemcpyDeviceToHost) != cudaSuccess) cudaGetLastError();
    return {active, dense_ffn_ ? 0 : ffn_total_};
}

constexpr std::size_t kProbeWords = std::size_t(ck::kProbeFields) * ck::kProbeMaxCtas;  // one region of the v54 record

void CudaModel::set_b1_probe(int layer) {
    std::lock_guard lock(mu_);
    check(cudaStreamSynchronize(stream_), "sync");
    const bool on = layer >= 1 && layer + 1 < shape().n_layer;
    if (on && !d_probe_)
        check(cudaMalloc(reinterpret_cast<void**>(&d_probe_), kProbeRegions * kProbeWords * 8), "probe record");
    if (d_probe_) check(cudaMemset(d_probe_, 0, kProbeRegions * kProbeWords * 8), "probe record");
    probe_layer_ = on ? layer : -1;
    reset_graphs();
}

std::vector<unsigned long long> CudaModel::probe_record() {
    std::vector<unsigned long long> v(kProbeRegions * kProbeWords, 0ull);
    if (!d_probe_) return v;
    check(cudaStreamSynchronize(stream_), "sync");
    check(cudaMemcpy(v.data(), d_probe_, v.size() * 8, cudaMemcpyDeviceToHost), "probe record");
    check(cudaMemset(d_probe_, 0, v.size() * 8), "probe record");
    return v;
}

std::vector<unsigned long long> CudaModel::sparse_stamps() {
    const std::size_t n16 = std::size_t(shape().n_layer) * 16, n = 2 * n16;  // v75: the stamps_x slots after
    std::vector<unsigned long long> v(n, 0ull);
    if (!d_stamps_) return v;
    check(cudaStreamSynchronize(stream_), "sync");
    check(cudaMemcpy(v.data(), d_stamps_, n * 8, cudaMemcpyDeviceToHost), "stamps");
    std::vector<unsigned long long> arm(n, 0ull);
    for (std::size_t i = 15; i < n16; i += 16) arm[i] = ~0ull;  // slot 15: min over the CTAs
    check(cudaMemcpy(d_stamps_, arm.data(), n * 8, cudaMemcpyHostToDevice), "stamps");
    return v;
}

void CudaModel::enqueue_step(Prof* prof) {
    const ModelShape& s = shape();
    const int C = s.n_embd, H = s.n_head;
    const std::int64_t spl = std::int64_t(s.state_floats_per_layer());
    const std::int64_t wkv_floats = std::int64_t(H) * 64 * 64;
    auto mark = [&](const char* l) {
        if (prof) prof->mark(l);
    };
    const bool fuse_sparse = (ln_fused() & kLnFuseSparse) != 0;
    const bool fuse_output = (ln_fused() & kLnFuseOutput) != 0;  // v43
    const std::size_t S = std::size_t((C + 255) / 256);
    const unsigned sp_mode = sparse_mode();
    const bool poll = (sp_mode & kSparsePoll) != 0;  // v31
    const bool v47 = wkv7_polled();                  // v47 (session 15)
    const int Dh = s.lora_w + s.lora_a + s.lora_g + s.lora_v;
    // v54 measurement: the probe record's region for the next launch of layer i (-1: none)
    auto probe_at = [&](int i, int region) {
        const bool on = d_probe_ && probe_layer_ >= 0 && region >= 0 &&
                        (i == probe_layer_ || (region == 4 && i == probe_layer_ + 1));
        ck::set_b1_probe(on ? d_probe_ + std::size_t(region) * kProbeWords : nullptr);
    };
    for (int i = 0; i < s.n_layer; ++i) {
        const DevLayer& L = w_.layers[std::size_t(i)];
        ck::LnMixArgs lm;
        lm.mode = i == 0 ? ck::kLnFromEmbedding : ck::kLnPlain;
        lm.C = C;
        lm.x = x_;
        lm.emb = w_.emb;
        lm.ln0_w = w_.ln0_w;
        lm.ln0_b = w_.ln0_b;
        lm.ln_w = L.ln1_w;
        lm.ln_b = L.ln1_b;
        lm.mix = L.mix6;
        lm.n_mix = 6;
        lm.params = d_params_;
        lm.shift_offset = i * spl;
        lm.out = xmix_;
        // v13: after layer 0 the time-mix LayerNorm runs in the previous layer's sparse FFN tail
        if (i == 0 || !fuse_sparse) {
            if (!(skip_ & 1)) check(ck::launch_ln_mix(lm, wt_, stream_), "ln_mix (time mix)");
            mark("ln_mix");
        }

        const float *xr = xmix_, *xw = xmix_ + C, *xkk = xmix_ + 2 * C, *xv = xmix_ + 3 * C, *xa = xmix_ + 4 * C,
                    *xg = xmix_ + 5 * C;
        // v47: this layer's own hidden vectors (polled by the time-mix kernel, re-armed by the next layer's)
        float* const hid = v47 ? hid_ + std::size_t(i) * std::size_t(Dh) : nullptr;
        float* const hw = v47 ? hid : hw_;
        float* const ha = v47 ? hid + s.lora_w : ha_;
        float* const hg = v47 ? hid + s.lora_w + s.lora_a : hg_;
        float* const hv = v47 ? hid + s.lora_w + s.lora_a + s.lora_g : hv_;
        ck::MatvecBatch A;
        const ck::MatvecJob rkv[3] = {{L.receptance, xr, r_, nullptr, C, C, ck::kEpiNone},
                                      {L.key, xkk, k_, nullptr, C, C, ck::kEpiNone},
                                      {L.value, xv, v_, nullptr, C, C, ck::kEpiNone}};
        const int r0 = v47 ? (i > 0 ? 4 : 3) : 0;  // v47: the LoRA downs first, r/k/v last
        if (!v47)
            for (const ck::MatvecJob& q : rkv) A.job[A.n++] = q;
        A.job[A.n++] = {L.w1, xw, hw, nullptr, s.lora_w, C, ck::kEpiTanh};
        A.job[A.n++] = {L.a1, xa, ha, nullptr, s.lora_a, C, ck::kEpiNone};
        A.job[A.n++] = {L.g1, xg, hg, nullptr, s.lora_g, C, ck::kEpiSigmoid};
        if (i > 0) A.job[A.n++] = {L.v1, xv, hv, nullptr, s.lora_v, C, ck::kEpiNone};
        if (v47)
            for (const ck::MatvecJob& q : rkv) A.job[A.n++] = q;
        A.job[r0].scale = L.receptance_s;  // int8 mode (null otherwise)
        A.job[r0 + 1].scale = L.key_s;
        A.job[r0 + 2].scale = L.value_s;
        for (int q = 0; q < 3; ++q) A.job[r0 + q].rows4 = (rows4_ & 2u) ? 1 : 0;
        probe_at(i, i == probe_layer_ ? 0 : 4);
        if (!(skip_ & 2))
            check(v47 ? ck::launch_matvec_heads(A, wt_, stream_) : ck::launch_matvec(A, wt_, stream_),
                  "matvec r/k/v + LoRA down");
        probe_at(i, -1);
        mark("matvec_rkv_lora1");

        ck::MatvecBatch B;
        B.job[B.n++] = {L.w2, hw, decay_, L.w0, C, s.lora_w, ck::kEpiDecay};
        B.job[B.n++] = {L.a2, ha, alpha_, L.a0, C, s.lora_a, ck::kEpiSigmoidBias};
        B.job[B.n++] = {L.g2, hg, g_, nullptr, C, s.lora_g, ck::kEpiNone};
        if (i > 0) B.job[B.n++] = {L.v2, hv, vgate_, L.v0, C, s.lora_v, ck::kEpiSigmoidBias};
        const bool lora_fused = wkv7_lora_ && wt_ == ck::WType::F16 &&
                                ck::wkv7_lora_fits(s.lora_w, s.lora_a, s.lora_g, i > 0 ? s.lora_v : 0);
        // v72: the time mix's int16 copy of its output for the int8 output projection's DP2A dot (split form only)
        const bool xq_out = int8_ && (b1_v53_ & kV72XqOut) && (b1_v53_ & kV71OutDp) && lora_fused &&
                            wkv7_split_ == 4 && fuse_output;
        if (!lora_fused) {
            if (!(skip_ & 4)) check(ck::launch_matvec(B, wt_, stream_), "matvec LoRA up");
            mark("matvec_lora2");
        }

        ck::Wkv7Args wa;
        wa.H = H;
        wa.layer = i;
        wa.advance_pos = i == 0;
        wa.r = r_;
        wa.k = k_;
        wa.v = v_;
        wa.decay = decay_;
        wa.alpha = alpha_;
        wa.g = g_;
        wa.vgate = vgate_;
        wa.v_first = v_first_;
        wa.k_k = L.k_k;
        wa.k_a = L.k_a;
        wa.r_k = L.r_k;
        wa.lnx_w = L.lnx_w;
        wa.lnx_b = L.lnx_b;
        wa.params = d_params_;
        wa.wkv_offset = i * spl + C;
        wa.out = yg_;
        if (lora_fused) {  // v17: the LoRA up-projections inside the time-mix kernel
            ck::Wkv7LoraArgs wl;
            wl.base = wa;
            wl.w2 = L.w2;
            wl.a2 = L.a2;
            wl.g2 = L.g2;
            wl.v2 = L.v2;
            wl.hw = hw;
            wl.ha = ha;
            wl.hg = hg;
            wl.hv = hv;
            wl.w0 = L.w0;
            wl.a0 = L.a0;
            wl.v0 = L.v0;
            wl.dw = s.lora_w;
            wl.da = s.lora_a;
            wl.dg = s.lora_g;
            wl.dv = i > 0 ? s.lora_v : 0;
            wl.split = wkv7_split_;  // v44
            wl.xq = xq_out ? xq_ : nullptr;  // v72
            wl.xq_inv = xq_out ? xq_inv_ : nullptr;
            if (v47) {  // the previous layer's hidden vectors re-armed by this grid (the last layer's: by layer 0)
                float* prev = hid_ + std::size_t((i + s.n_layer - 1) % s.n_layer) * std::size_t(Dh);
                probe_at(i, 1);
                check(ck::launch_wkv7_lora_poll(wl, prev, Dh, stream_), "wkv7 + LoRA up (v47)");
                probe_at(i, -1);
            } else if (!(skip_ & 8)) {
                check(ck::launch_wkv7_lora(wl, stream_), "wkv7 + LoRA up");
            }
            mark("wkv7_lora");
        } else {
            if (!(skip_ & 8)) check(ck::launch_wkv7(wa, stream_), "wkv7");
            mark("wkv7");
        }

        ck::LnMixArgs lf;
        lf.mode = ck::kLnPlain;
        lf.C = C;
        lf.x = x_;
        lf.ln_w = L.ln2_w;
        lf.ln_b = L.ln2_b;
        lf.mix = L.ffn_x_k;
        lf.n_mix = 1;
        lf.params = d_params_;
        lf.shift_offset = i * spl + C + wkv_floats;
        lf.out = xk_;

        ck::MatvecBatch O;
        O.job[O.n++] = {L.output, yg_, x_, nullptr, C, C, ck::kEpiAdd};
        O.job[0].scale = L.output_s;
        O.job[0].rows4 = (rows4_ & 1u) ? 1 : 0;
        if (fuse_output) {  // v43: the FFN LayerNorm + x_k mix in the output projection's grid
            O.has_ln = true;
            O.ln.ln_w = L.ln2_w;
            O.ln.ln_b = L.ln2_b;
            O.ln.mix = L.ffn_x_k;
            O.ln.params = d_params_;
            O.ln.shift_offset = lf.shift_offset;
            O.ln.out = xk_;
            O.ln.counters = ffn_ln_counters_;
            O.ln.stats = ffn_ln_stats_ + std::size_t(i) * S;
            O.ln.stats_rearm = ffn_ln_stats_ + std::size_t((i + s.n_layer - 1) % s.n_layer) * S;
            O.ln.xo = ffn_xo_;  // v61 (used with ck::set_matvec_ln_tail bit 2)
            O.ln.xq = xq_out ? xq_ : nullptr;  // v72
            O.ln.xq_inv = xq_out ? xq_inv_ : nullptr;
        }
        probe_at(i, 2);
        if (!(skip_ & 16)) check(ck::launch_matvec(O, wt_, stream_), "matvec output");
        probe_at(i, -1);
        mark("matvec_output");
        if (!fuse_output) {
            if (!(skip_ & 1)) check(ck::launch_ln_mix(lf, wt_, stream_), "ln_mix (channel mix)");
            mark("ln_mix");
        }

        // v63: layer i's activations in h_ (even i) or h2_ (odd i); its sparse grid re-arms layer i-1's buffer
        const bool v63 = poll && (b1_v53_ & kV63HRearm) != 0u;
        float* const hb = v63 && (i & 1) ? h2_ : h_;
        ck::MatvecBatch K;
        K.job[K.n++] = {L.ffn_key, xk_, hb, nullptr, s.dim_ffn, C, ck::kEpiRelu2,
                        sparse_list_ && !poll ? d_mask_ : nullptr, L.ffn_key_s, (rows4_ & 4u) ? 1 : 0};
        K.poll = poll ? ((sp_mode & kSparseEarly) ? 2 : 1) : 0;
        if (poll && !dense_ffn_ && (b1_v53_ & kV68ValPf)) {  // v68: the last F / 8 rows' value rows to L2
            K.value_pf = L.ffn_value_t;
            K.value_pf_from = s.dim_ffn - s.dim_ffn / 8;
            K.value_pf_row_bytes = C * (L.ffn_value_s ? 1 : wt_ == ck::WType::F16 ? 2 : 4);
        }
        probe_at(i, 3);
        if (!(skip_ & 32)) check(ck::launch_matvec(K, wt_, stream_), "matvec ffn key");
        probe_at(i, -1);
        mark("matvec_ffn_key");

        ck::SparseFfnArgs sf;
        sf.F = s.dim_ffn;
        sf.C = C;
        sf.h = hb;
        sf.h_rearm = v63 && i > 0 ? (hb == h_ ? h2_ : h_) : nullptr;  // layer 0: none (the last layer left both armed)
        sf.h_later = v63 && i + 1 < s.n_layer;  // the last layer re-arms its own (the next step's layer 0 reads h_)
        sf.Vt = L.ffn_value_t;
        sf.partials = partials_;
        sf.counters = d_counters_;
        sf.x = x_;
        sf.active = d_active_;
        sf.dense = dense_ffn_;
        sf.mask = sparse_list_ && !poll ? d_mask_ : nullptr;
        sf.poll = poll;
        sf.direct = poll && (sp_mode & kSparseDirect);  // v34b (as in arm_sparse_poll)
        sf.chunk_major = sf.direct && (b1_v53_ & kV68LastFirst);  // v68
        sf.h_pair = poll && (b1_v53_ & kV76HPair);  // v76
        sf.rows_in = poll && !dense_ffn_ && L.ffn_value_s && (b1_v53_ & kV77RowsIn);  // v77: int8 only
        sf.Vscale = L.ffn_value_s;
        sf.stamps = stamps_on_ && d_stamps_ ? d_stamps_ + std::size_t(i) * 16 : nullptr;
        sf.stamps_x = sf.stamps ? d_stamps_ + std::size_t(s.n_layer + i) * 16 : nullptr;  // v75
        if (fuse_sparse) {  // v13: the next LayerNorm (next layer's time mix, or ln_out) in the last column slice
            sf.has_ln_tail = true;
            ck::LnMixArgs& t = sf.ln_tail;
            t.mode = ck::kLnPlain;
            t.C = C;
            t.x = x_;
            t.params = d_params_;
            if (poll) {  // v40: the tail spread over the column slices; this layer's statistics words
                sf.ln_stats = ln_stats_ + std::size_t(i) * S;
                sf.ln_stats_rearm = ln_stats_ + std::size_t((i + s.n_layer - 1) % s.n_layer) * S;
            }
            if (i + 1 < s.n_layer) {
                const DevLayer& N = w_.layers[std::size_t(i + 1)];
                t.ln_w = N.ln1_w;
                t.ln_b = N.ln1_b;
                t.mix = N.mix6;
                t.n_mix = 6;
                t.shift_offset = (i + 1) * spl;
                t.out = xmix_;
            } else {
                t.ln_w = w_.ln_out_w;
                t.ln_b = w_.ln_out_b;
                t.n_mix = 0;
                t.out = z_;
            }
        }
        if (!(skip_ & 64)) check(ck::launch_sparse_ffn(sf, wt_, stream_), "sparse ffn");
        mark("sparse_ffn_value");
    }
}

void CudaModel::enqueue_head(Prof* prof) {
    const ModelShape& s = shape();
    ck::LnMixArgs lo;
    lo.mode = ck::kLnPlain;
    lo.C = s.n_embd;
    lo.x = x_;
    lo.ln_w = w_.ln_out_w;
    lo.ln_b = w_.ln_out_b;
    lo.n_mix = 0;
    lo.params = d_params_;
    lo.out = z_;
    if (!(ln_fused() & kLnFuseSparse)) {  // v13: otherwise the last layer's sparse FFN wrote z
        check(ck::launch_ln_mix(lo, wt_, stream_), "ln_out");
        if (prof) prof->mark("ln_mix");
    }
    ck::MatvecBatch Hd;
    Hd.job[Hd.n++] = {w_.head, z_, logits_, nullptr, s.vocab_size, s.n_embd, ck::kEpiNone, nullptr, w_.head_s};
    check(ck::launch_matvec(Hd, wt_, stream_), "matvec head");
    if (prof) prof->mark("matvec_head");
}

void CudaModel::begin_forward(State& state, std::span<const std::int32_t> tokens) {
    auto* st = dynamic_cast<CudaStateStorage*>(state.storage());
    if (st == nullptr || st->device() != device_)
        throw Error(ErrorCode::StateMismatch, "state does not live on " + backend_name());
    check(cudaSetDevice(device_), "select device");
    if (tokens.size() > tokens_cap_) {
        if (d_tokens_) cudaFree(d_tokens_);
        d_tokens_ = nullptr;
        tokens_cap_ = 0;
        check(cudaMalloc(reinterpret_cast<void**>(&d_tokens_), std::max<std::size_t>(tokens.size(), 256) * 4), "token buffer");
        tokens_cap_ = std::max<std::size_t>(tokens.size(), 256);
    }
    check(cudaStreamSynchronize(stream_), "sync");  // previous users of the pinned params are done
    // v53 bit kV53OneCopy: a few tokens travel in the pinned params block (one DMA, no pageable copy)
    const bool packed = (b1_v53_ & kV53OneCopy) && tokens.size() <= kParamsTokMax;
    if (packed) {
        std::memcpy(reinterpret_cast<char*>(h_params_) + kParamsTokOff, tokens.data(), tokens.size() * 4);
        const char* d_tok = reinterpret_cast<const char*>(d_params_) + kParamsTokOff;
        h_params_->tokens = reinterpret_cast<const std::int32_t*>(d_tok);
    } else {
        check(cudaMemcpyAsync(d_tokens_, tokens.data(), tokens.size() * 4, cudaMemcpyHostToDevice, stream_), "tokens");
        h_params_->tokens = d_tokens_;
    }
    h_params_->state = st->device_data();
    h_params_->pos = 0;
    check(cudaMemcpyAsync(d_params_, h_params_, packed ? kParamsTokOff + tokens.size() * 4 : sizeof(ck::StepParams),
                          cudaMemcpyHostToDevice, stream_),
          "params");
}

void CudaModel::forward(State& state, std::span<const std::int32_t> tokens, std::span<float> logits,
                        const ForwardOptions& options) {
    check_forward(state, tokens, logits);
    std::lock_guard lock(mu_);
    if (tokens.size() >= std::max<std::size_t>(2, prefill_min_)) {
        prefill(state, tokens, logits, options);
        return;
    }
    begin_forward(state, tokens);
    const bool step_head = use_graph_ && (b1_v53_ & kV53StepHead);  // v53: the last step and the head in one graph
    if (use_graph_ && !step_graph_) {
        cudaGraph_t g = nullptr;
        check(cudaStreamBeginCapture(stream_, cudaStreamCaptureModeThreadLocal), "graph capture");
        enqueue_step(nullptr);
        check(cudaStreamEndCapture(stream_, &g), "graph capture");
        check(cudaGraphInstantiate(&step_graph_, g, 0), "graph instantiate");
        cudaGraphDestroy(g);
        check(cudaStreamBeginCapture(stream_, cudaStreamCaptureModeThreadLocal), "graph capture");
        enqueue_head(nullptr);
        check(cudaStreamEndCapture(stream_, &g), "graph capture");
        check(cudaGraphInstantiate(&head_graph_, g, 0), "graph instantiate");
        cudaGraphDestroy(g);
    }
    if (step_head && !step_head_graph_) {
        cudaGraph_t g = nullptr;
        check(cudaStreamBeginCapture(stream_, cudaStreamCaptureModeThreadLocal), "graph capture");
        enqueue_step(nullptr);
        enqueue_head(nullptr);  // launched with PDL after the last sparse FFN: its weight loads start under that tail
        check(cudaStreamEndCapture(stream_, &g), "graph capture");
        check(cudaGraphInstantiate(&step_head_graph_, g, 0), "graph instantiate");
        cudaGraphDestroy(g);
    }
    arm_sparse_poll();
    const std::size_t chunk = std::max<std::size_t>(1, options.chunk_size);
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (i % chunk == 0 && i > 0) {
            check(cudaStreamSynchronize(stream_), "forward");
            if (options.cancel && options.cancel->load(std::memory_order_relaxed))
                throw Error(ErrorCode::Cancelled, "prefill cancelled after " + std::to_string(i) + " tokens");
            if (options.progress) options.progress(i, tokens.size());
        }
        if (use_graph_)
            check(cudaGraphLaunch(step_head && i + 1 == tokens.size() ? step_head_graph_ : step_graph_, stream_),
                  "graph launch");
        else
            enqueue_step(nullptr);
        ffn_total_ += std::uint64_t(shape().dim_ffn) * std::uint64_t(shape().n_layer);
    }
    if (!use_graph_)
        enqueue_head(nullptr);
    else if (!step_head)
        check(cudaGraphLaunch(head_graph_, stream_), "graph launch");
    check(cudaMemcpyAsync(h_logits_, logits_, logits.size() * 4, cudaMemcpyDeviceToHost, stream_), "logits");
    check(cudaStreamSynchronize(stream_), "forward");
    std::memcpy(logits.data(), h_logits_, logits.size() * 4);
    if (options.progress) options.progress(tokens.size(), tokens.size());
}

std::vector<std::pair<std::string, double>> CudaModel::profile_step(State& state, std::int32_t token, int reps) {
    std::lock_guard lock(mu_);
    Prof prof;
    std::map<std::string, std::vector<double>> per;
    std::vector<std::string> order;
    for (int r = 0; r < reps; ++r) {
        const std::int32_t t[1] = {token};
        begin_forward(state, t);
        arm_sparse_poll();
        prof.begin(stream_);
        enqueue_step(&prof);
        enqueue_head(&prof);
        check(cudaStreamSynchronize(stream_), "profile");
        std::map<std::string, double> sum;
        cudaEvent_t prev = prof.start;
        for (auto& [label, e] : prof.marks) {
            float ms = 0;
            check(cudaEventElapsedTime(&ms, prev, e), "event time");
            if (!sum.count(label) && r == 0) order.push_back(label);
            sum[label] += ms;
            prev = e;
        }
        for (auto& [label, ms] : sum) per[label].push_back(ms);
    }
    std::vector<std::pair<std::string, double>> out;
    for (const std::string& l : order) {
        auto v = per[l];
        std::sort(v.begin(), v.end());
        out.emplace_back(l, v[v.size() / 2]);
    }
    return out;
}

std::unique_ptr<Model> make_cuda_model(const WeightSet& ws, const LoadOptions& options) {
    const int dev = parse_device(options.backend == "auto" ? std::string("cuda:0") : options.backend);
    ck::WType wt;
    const bool int8 = options.weight_dtype == DType::I8;
    if (options.weight_dtype == DType::F16 || options.weight_dtype == DType::BF16 || int8)
        wt = ck::WType::F16;
    else if (options.weight_dtype == DType::F32)
        wt = ck::WType::F32;
    else
        throw Error(ErrorCode::InvalidArgument, std::string("the CUDA backend runs fp16, fp32 or int8 weights, not ") +
                                                    std::string(dtype_name(options.weight_dtype)));
    if (ws.shape.head_size != 64 || ws.shape.n_head * 64 != ws.shape.n_embd || ws.shape.n_embd % 8 != 0)
        throw Error(ErrorCode::UnsupportedModel, "head size must be 64 (" + ws.shape.to_string() + ")");
    check(cudaSetDevice(dev), "select device");
    std::size_t free_b = 0, total_b = 0;
    check(cudaMemGetInfo(&free_b, &total_b), "query device memory");
    const std::size_t need = estimate_bytes(ws.shape, wt, /*staging=*/true, int8);
    if (need > free_b) {
        throw Error(ErrorCode::OutOfMemory, "the model needs about " + std::to_string(need >> 20) + " MiB on cuda:" +
                                                std::to_string(dev) + ", " + std::to_string(free_b >> 20) +
                                                " MiB are free (" + std::to_string(total_b >> 20) + " MiB total)");
    }
    auto m = std::make_unique<CudaModel>(compute_fingerprint(ws), dev, wt, int8);
    m->load(ws);
    return m;
}

std::unique_ptr<CudaModel> make_random_cuda_model(const ModelShape& shape, int device, DType dtype,
                                                  std::uint64_t seed, double ffn_density) {
    const ck::WType wt = dtype == DType::F32 ? ck::WType::F32 : ck::WType::F16;
    const bool int8 = dtype == DType::I8;
    check(cudaSetDevice(device), "select device");
    std::size_t free_b = 0, total_b = 0;
    check(cudaMemGetInfo(&free_b, &total_b), "query device memory");
    const std::size_t need = estimate_bytes(shape, wt, int8, int8);  // int8: the fp32 random staging buffer
    if (need > free_b)
        throw Error(ErrorCode::OutOfMemory, "random model needs about " + std::to_string(need >> 20) + " MiB, " +
                                                std::to_string(free_b >> 20) + " MiB free");
    ModelFingerprint fp{shape, seed};
    auto m = std::make_unique<CudaModel>(fp, device, wt, int8);
    m->load_random(seed, ffn_density);
    return m;
}

}  // namespace rwkv::cuda
