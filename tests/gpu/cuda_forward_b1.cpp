// test_cuda_forward (tests/gpu), its batch-1 decode part: each form of the B=1 graph (PDL, the time-mix splits and
// polls, the int8 dot-product unit, the sparse FFN's poll modes and stamps, CudaModel::set_b1_v53's bits) against
// the form before it — bit-identical, or within fp32 rounding where the order of a sum changes. main() is in
// test_cuda_forward.cpp.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <utility>

#include "cuda/cuda_model.h"
#include "decode_b1.h"  // kernels/cuda
#include "golden.h"
#include "gpu_check.h"
#include "random_host_weights.h"
#include "rwkv/devices.h"
#include "rwkv/error.h"
#include "rwkv/model.h"

#include "cuda_forward_common.h"

using gpucheck::check;
using golden::testdata;

namespace cuda_forward {

namespace {

// The C = 2048 shape of the bit-identity checks below (split matvecs, more CTAs than fit at once, an FFN key grid of
// several waves; LoRA 96/96/64/256) and the 8 token ids they feed it.
rwkv::ModelShape c2048_shape() {
    rwkv::ModelShape s;
    s.n_layer = 3; s.n_embd = 2048; s.n_head = 32; s.head_size = 64; s.vocab_size = 65536; s.dim_ffn = 8192;
    s.lora_w = 96; s.lora_a = 96; s.lora_v = 64; s.lora_g = 256;
    return s;
}
const std::vector<std::int32_t> kIds8 = {1, 500, 65535, 42, 7, 7, 1000, 3};

// One call of `ids` on a fresh state: the logits and the final state.
struct Out1 {
    std::vector<float> logits, state;
    bool operator==(const Out1&) const = default;
};
Out1 run1(rwkv::Model& m, const std::vector<std::int32_t>& ids) {
    rwkv::State st = m.new_state();
    Out1 o;
    o.logits = run(m, st, ids);
    o.state = st.to_host();
    return o;
}
// `calls()` eager, then without PDL (each switched back on afterwards): both equal `ref`.
template <class Calls, class Out>
bool eager_and_without_pdl(rwkv::cuda::CudaModel& m, Calls calls, const Out& ref) {
    m.set_use_graph(false);
    bool ok = calls() == ref;
    m.set_use_graph(true);
    m.set_pdl(false);
    ok = ok && calls() == ref;
    m.set_pdl(true);
    return ok;
}

// fp16 and int8 models of the C = 2048 shape (random weights of `seed`, FFN density 0.1), then rand-L3-D128 at fp16.
std::vector<std::pair<std::string, std::unique_ptr<rwkv::Model>>> c2048_and_small_models(std::uint64_t seed) {
    std::vector<std::pair<std::string, std::unique_ptr<rwkv::Model>>> models;
    for (rwkv::DType dt : {rwkv::DType::F16, rwkv::DType::I8})
        models.emplace_back(std::string(rwkv::dtype_name(dt)) + " C=2048",
                            rwkv::cuda::make_random_cuda_model(c2048_shape(), 0, dt, seed, 0.1));
    rwkv::LoadOptions o;
    o.backend = "cuda:0";
    o.weight_dtype = rwkv::DType::F16;
    models.emplace_back("rand-L3-D128", rwkv::Model::load(testdata("rand-rwkv7-L3-D128.safetensors"), o));
    return models;
}

}  // namespace

// v15: PDL changes only when kernels start, never the arithmetic: PDL off gives bit-identical logits and state,
// fp16 and int8, on a shape whose matvecs are split (C = 2048) and have more CTAs than fit at once.
void pdl_knobs_bit_identical() {
    const rwkv::ModelShape s = c2048_shape();
    const std::vector<std::int32_t>& ids = kIds8;
    for (rwkv::DType dt : {rwkv::DType::F16, rwkv::DType::I8}) {
        auto m = rwkv::cuda::make_random_cuda_model(s, 0, dt, 1, 0.1);
        // v71: only the output projection's fused grid takes the int8 DP2A dot (kV71OutDp), so the v43 check below
        // (the FFN LayerNorm as its own launch: the output projection in the fp32 form) runs without it; b1_v71 checks it
        using CM = rwkv::cuda::CudaModel;
        m->set_b1_v53(CM::kV53Default & ~CM::kV71OutDp);
        rwkv::State s0 = m->new_state();
        const auto l0 = run(*m, s0, ids);
        const auto st0 = s0.to_host();
        m->set_pdl(false);
        rwkv::State s1 = m->new_state();
        const auto l1 = run(*m, s1, ids);
        check(l1 == l0 && s1.to_host() == st0, std::string(rwkv::dtype_name(dt)) +
                                                   " C=2048: PDL off bit-identical to the default (logits and state)");
        m->set_pdl(true);
        m->set_wkv7_lora(false);  // v17 challenger on the C = 2048 shape (LoRA 96/96/64/256)
        rwkv::State s2 = m->new_state();
        const auto l2 = run(*m, s2, ids);
        m->set_wkv7_lora(true);
        const double dl = golden::max_abs_diff(l2, l0), ds = golden::max_abs_diff(s2.to_host(), st0);
        check(dl <= 1e-3 && ds <= 1e-3, std::string(rwkv::dtype_name(dt)) + " C=2048: LoRA up inside the time-mix kernel vs its own matvec: logits " +
                                            fmt(dl) + ", state " + fmt(ds) + " <= 1e-3");
        m->set_ln_fuse(rwkv::cuda::CudaModel::kLnFuseSparse);  // v43 off (default on)
        rwkv::State s3 = m->new_state();
        const auto l3 = run(*m, s3, ids);
        m->set_ln_fuse(rwkv::cuda::CudaModel::kLnFuseSparse | rwkv::cuda::CudaModel::kLnFuseOutput);
        const double dl3 = golden::max_abs_diff(l3, l0), ds3 = golden::max_abs_diff(s3.to_host(), st0);
        check(dl3 <= 1e-3 && ds3 <= 1e-3, std::string(rwkv::dtype_name(dt)) +
                                              " C=2048: FFN LayerNorm as its own launch vs in the output projection's grid "
                                              "(v43): logits " + fmt(dl3) + ", state " + fmt(ds3) + " <= 1e-3");
        m->set_b1_v53(CM::kV53Default);  // process-wide knobs: back to the default
    }
}

// v44: the fused time-mix kernel with each head split over a cluster of 4 CTAs (default) against one CTA per head
// (v17): the same arithmetic per element, the per-head sums and dot products in other orders (fp32 rounding only:
// <= 1e-4 on rand-L3-D128, 1e-3 at C = 2048); bit-identical run to run, eager and without PDL.
void wkv7_split() {
    const rwkv::ModelShape s = c2048_shape();
    const std::vector<std::int32_t>& ids = kIds8;
    rwkv::LoadOptions o;
    o.backend = "cuda:0";
    o.weight_dtype = rwkv::DType::F16;
    std::vector<std::pair<std::string, std::unique_ptr<rwkv::Model>>> models;
    models.emplace_back("rand-L3-D128 fp16", rwkv::Model::load(testdata("rand-rwkv7-L3-D128.safetensors"), o));
    models.emplace_back("C=2048 fp16", rwkv::cuda::make_random_cuda_model(s, 0, rwkv::DType::F16, 1, 0.1));
    models.emplace_back("C=2048 int8", rwkv::cuda::make_random_cuda_model(s, 0, rwkv::DType::I8, 1, 0.1));
    for (auto& [name, m] : models) {
        auto* cm = dynamic_cast<rwkv::cuda::CudaModel*>(m.get());
        const double tol = name.rfind("rand", 0) == 0 ? 1e-4 : 1e-3;
        cm->set_wkv7_split(1);
        rwkv::State s1 = m->new_state();
        const auto l1 = run(*m, s1, ids);
        const auto st1 = s1.to_host();
        cm->set_wkv7_split(4);  // the default
        const Out1 a = run1(*m, ids), b = run1(*m, ids);
        const bool same = a == b && eager_and_without_pdl(*cm, [&] { return run1(*m, ids); }, a);
        const double dl = golden::max_abs_diff(a.logits, l1), ds = golden::max_abs_diff(a.state, st1);
        check(dl <= tol && ds <= tol, name + ": wkv7 split 4 vs one CTA per head: logits " + fmt(dl) + ", state " + fmt(ds) +
                                          " <= " + fmt(tol));
        check(same, name + ": wkv7 split 4 bit-identical run to run, eager, without PDL");
    }
}

// v47 (session 15, default): the time-mix kernel polling its head's r/k/v rows and LoRA hidden vectors (set_wkv7_poll)
// runs the same arithmetic as v44 (the knob off): logits and state bit-identical to v44, twice, eager, without PDL, and
// after the knob was off in between (the buffers re-armed); fp16 and int8 at C = 2048 (rand-L3-D128 is below the split
// form's width).
void wkv7_poll() {
    const rwkv::ModelShape s = c2048_shape();
    const std::vector<std::int32_t>& ids = kIds8;
    for (rwkv::DType dt : {rwkv::DType::F16, rwkv::DType::I8}) {
        auto m = rwkv::cuda::make_random_cuda_model(s, 0, dt, 5, 0.1);
        const std::string name = std::string(rwkv::dtype_name(dt)) + " C=2048";
        m->set_wkv7_poll(false);
        const Out1 ref = run1(*m, ids);
        m->set_wkv7_poll(true);
        const bool used = m->wkv7_polled();
        bool same = run1(*m, ids) == ref && run1(*m, ids) == ref &&
                    eager_and_without_pdl(*m, [&] { return run1(*m, ids); }, ref);
        m->set_wkv7_poll(false);
        same = same && run1(*m, ids) == ref;
        m->set_wkv7_poll(true);
        same = same && run1(*m, ids) == ref;
        check(used && same, name + ": wkv7 polling r/k/v per head (v47) in use and bit-identical to v44 "
                                   "(twice, eager, without PDL, after the knob off and on)");
    }
}

// v49 (session 16): the int8 matvec on the integer dot-product unit (set_matvec_i8dp modes 1-4) against the fp32 FMA
// path (0) on the C = 2048 int8 model (split matvecs, r/k/v through v47's per-head grid, the output projection with its
// LayerNorm tail, the FFN key, the head): x rounded to int16 per 16 columns moves each dot by ~1e-4 of itself, so logits
// and state within rel. L2 1e-3 of mode 0, all finite; modes 1 and 2 the same arithmetic (bit-identical); mode 5 (the
// fp32 path at 7 CTAs per SM) bit-identical to mode 0; every mode bit-identical run to run, mode 3 also eager and
// without PDL; mode 0 again afterwards bit-identical.
void matvec_i8dp() {
    const rwkv::ModelShape s = c2048_shape();
    const std::vector<std::int32_t>& ids = kIds8;
    auto m = rwkv::cuda::make_random_cuda_model(s, 0, rwkv::DType::I8, 5, 0.1);
    m->set_matvec_i8dp(0);  // whatever RWKV_CUDA_I8DP says
    rwkv::State s0 = m->new_state();
    const auto l0 = run(*m, s0, ids);
    const auto st0 = s0.to_host();
    std::vector<float> lm[6], sm[6];
    for (int mode = 1; mode <= 5; ++mode) {
        m->set_matvec_i8dp(mode);
        const Out1 a = run1(*m, ids);
        lm[mode] = a.logits;
        sm[mode] = a.state;
        bool same = run1(*m, ids) == a;
        if (mode == 3) same = same && eager_and_without_pdl(*m, [&] { return run1(*m, ids); }, a);
        const std::string name = "int8 C=2048: matvec dp mode " + std::to_string(mode);
        if (mode == 5) {
            check(same && lm[5] == l0 && sm[5] == st0, name + " (fp32 path, 7 CTAs/SM) bit-identical to mode 0");
            continue;
        }
        const double dl = rel_l2(lm[mode], l0), ds = rel_l2(sm[mode], st0), dmax = golden::max_abs_diff(lm[mode], l0);
        check(same && all_finite(lm[mode]) && all_finite(sm[mode]) && dl <= 1e-3 && ds <= 1e-3 && lm[mode] != l0,
              name + " (v49) vs the fp32 FMA path: logits rel. L2 " + fmt(dl) + " (max-abs " + fmt(dmax) + "), state " +
                  fmt(ds) + " <= 1e-3; bit-identical run to run" + (mode == 3 ? ", eager, without PDL" : ""));
    }
    check(lm[2] == lm[1] && sm[2] == sm[1], "int8 C=2048: matvec dp modes 1 and 2 bit-identical");
    m->set_matvec_i8dp(0);
    rwkv::State f = m->new_state();
    const auto lf = run(*m, f, ids);
    check(lf == l0 && f.to_host() == st0, "int8 C=2048: mode 0 again after dp: bit-identical to the first mode-0 run");
    m->set_matvec_i8dp(-1);  // the default
    // v49c: fp16 batches over one wave at 7 or 6 CTAs per SM: the same code, bit-identical (C = 2048: r/k/v, key, head)
    auto h = rwkv::cuda::make_random_cuda_model(s, 0, rwkv::DType::F16, 5, 0.1);
    h->set_matvec_f16_big(8);
    rwkv::State h0 = h->new_state();
    const auto lh0 = run(*h, h0, ids);
    bool hsame = true;
    for (int n : {7, 6, 7}) {
        h->set_matvec_f16_big(n);
        rwkv::State h1 = h->new_state();
        hsame = hsame && run(*h, h1, ids) == lh0 && h1.to_host() == h0.to_host();
    }
    h->set_matvec_f16_big(-1);  // the default, 7
    check(hsame, "fp16 C=2048: matvec batches over one wave at 7 / 6 CTAs per SM bit-identical to 8");
}

namespace {

// v53 (session 19; default: all four bits): the batch-1 decode variants of CudaModel::set_b1_v53 (the output
// projection's own matvec instantiation, the time-mix grid's early trigger, the last step and the head in one graph, the
// tokens inside the params upload) change no arithmetic: on the C = 2048 fp16 and int8 models, 8 calls of one token and
// then one call of 8 tokens give logits after every call and a final state bit-identical to bits 0, for each bit alone
// and all together (twice; all together also eager and without PDL), and bits 0 again afterwards.
struct B1Out {
    std::vector<std::vector<float>> logits;
    std::vector<float> state;
    bool operator==(const B1Out&) const = default;
};
// 8 calls of one token, then one call of kIds8: the logits after every call and the final state
B1Out b1_calls(rwkv::cuda::CudaModel& m) {
    B1Out o;
    rwkv::State st = m.new_state();
    for (std::int32_t id : kIds8) o.logits.push_back(run(m, st, {id}));
    o.logits.push_back(run(m, st, kIds8));
    o.state = st.to_host();
    return o;
}
// The same calls eager and without PDL (each switched back on afterwards) equal `ref`.
bool b1_calls_eager_and_without_pdl(rwkv::cuda::CudaModel& m, const B1Out& ref) {
    return eager_and_without_pdl(m, [&] { return b1_calls(m); }, ref);
}
// v71 / v72: the C = 2048 shape, or (C = 4096) 7.2B's widths in two layers: two column passes per matvec lane
rwkv::ModelShape b1_int8_shape(int C) {
    rwkv::ModelShape s = c2048_shape();
    if (C == 4096) {
        s.n_layer = 2; s.n_embd = 4096; s.n_head = 64; s.dim_ffn = 16384;
    }
    return s;
}
// v71 / v72: at set_matvec_i8dp 0 and 5 (the output projection's fp32 dot) `bits` gives the same calls as `base`; the
// mode is set back to the default afterwards and `bits` left set
bool same_at_fp32_dp(rwkv::cuda::CudaModel& m, unsigned base, unsigned bits) {
    bool same = true;
    for (int mode : {0, 5}) {
        m.set_matvec_i8dp(mode);
        m.set_b1_v53(base);
        const B1Out r0 = b1_calls(m);
        m.set_b1_v53(bits);
        same = same && b1_calls(m) == r0;
    }
    m.set_matvec_i8dp(-1);
    return same;
}

}  // namespace

void b1_v53() {
    using CM = rwkv::cuda::CudaModel;
    const rwkv::ModelShape s = c2048_shape();
    for (rwkv::DType dt : {rwkv::DType::F16, rwkv::DType::I8}) {
        auto m = rwkv::cuda::make_random_cuda_model(s, 0, dt, 7, 0.1);
        const std::string name = std::string(rwkv::dtype_name(dt)) + " C=2048";
        m->set_b1_v53(0);
        const B1Out ref = b1_calls(*m);
        bool all_finite_ref = true;
        for (const auto& l : ref.logits) all_finite_ref = all_finite_ref && all_finite(l);
        check(all_finite_ref && all_finite(ref.state) && m->wkv7_polled(), name + ": v53 bits 0 finite (v47 on)");
        for (unsigned bits : {CM::kV53OutOnly, CM::kV53WkvEarly, CM::kV53StepHead, CM::kV53OneCopy, CM::kV54HeadsOnly,
                              CM::kV54I8Only, CM::kV55OldEarly, CM::kV56ScaleEarly, CM::kV56Sum4,
                              CM::kV54HeadsOnly | CM::kV57Rows8Heads, CM::kV61OutPoll, CM::kV63HRearm,
                              CM::kV66OutPf, CM::kV68LastFirst, CM::kV68ValPf, CM::kV54I8Only | CM::kV70Rows8Key,
                              CM::kV53All}) {
            m->set_b1_v53(bits);
            const B1Out a = b1_calls(*m), b = b1_calls(*m);
            bool ok = a == ref && b == ref;
            std::string how = "twice";
            if (bits == CM::kV53All) {
                ok = ok && b1_calls_eager_and_without_pdl(*m, ref);
                how += ", eager, without PDL";
            }
            check(m->b1_v53() == bits && ok,
                  name + ": v53 bits " + std::to_string(bits) + " bit-identical to bits 0 (" + how + ")");
        }
        m->set_b1_v53(0);
        check(b1_calls(*m) == ref, name + ": v53 bits 0 again afterwards bit-identical");
        m->set_b1_v53(CM::kV53Default);
        const B1Out dref = b1_calls(*m);  // v71: the int8 default is not bits 0's arithmetic (kV71OutDp)
        // v54 measurement: the probe instantiations (layer 1's grids and layer 2's r/k/v grid) change no arithmetic,
        // and they write their stamps (every CTA of the probed r/k/v grid: start <= loop done <= end)
        m->set_b1_probe(1);
        const bool probe_same = b1_calls(*m) == dref;
        {
            rwkv::State st = m->new_state();
            (void)run(*m, st, {kIds8[0]});
        }
        const auto rec = m->probe_record();
        constexpr std::size_t M = rwkv::cuda_kernels::kProbeMaxCtas;
        std::size_t n = 0;
        bool ordered = true;
        for (int region = 0; region < CM::kProbeRegions; ++region)
            for (std::size_t b = 0; b < M; ++b) {
                const unsigned long long* r = rec.data() + std::size_t(region) * rwkv::cuda_kernels::kProbeFields * M + b;
                if (r[0] == 0) continue;
                ++n;
                ordered = ordered && r[0] <= r[M] && r[M] <= r[2 * M];
                // v63: a matvec's first wait returned (step 7) after its start and before its main loop's end
                if (region != 1 && r[7 * M] != 0) ordered = ordered && r[0] <= r[7 * M] && r[7 * M] <= r[M];
            }
        m->set_b1_probe(-1);
        check(probe_same && n > 1000 && ordered, name + ": v54 / v63 probe bit-identical, " + std::to_string(n) +
                                                     " CTAs stamped in order");
    }
}

// v66 (session 28): the output projection's L2 prefetch of its groups' second column pass changes no arithmetic. At
// C = 2048 (b1_v53) a row is one pass and nothing is prefetched, so here a C = 4096 fp16 model (two passes of 2,048
// columns): the default with kV66OutPf (also eager and without PDL) bit-identical to the default without it, call by call.
// v68 (session 29): on the same model (7.2B's 32 chunks x 16 slices) the default with v68's bits too (the sparse grid
// chunk by chunk, last chunk first; the FFN key's value-row prefetch) bit-identical to the form before both.
void b1_v66() {
    using CM = rwkv::cuda::CudaModel;
    rwkv::ModelShape s = c2048_shape();
    s.n_layer = 2; s.n_embd = 4096; s.n_head = 64; s.dim_ffn = 16384;
    constexpr unsigned v68 = CM::kV68LastFirst | CM::kV68ValPf;
    const unsigned base = CM::kV53Default & ~CM::kV66OutPf & ~v68;
    auto m = rwkv::cuda::make_random_cuda_model(s, 0, rwkv::DType::F16, 11, 0.1);
    m->set_b1_v53(base);
    const B1Out ref = b1_calls(*m);
    m->set_b1_v53(CM::kV53Default & ~v68);
    const bool ok = b1_calls(*m) == ref && b1_calls(*m) == ref && b1_calls_eager_and_without_pdl(*m, ref);
    check(ok, "fp16 C=4096: v66 bits " + std::to_string(CM::kV53Default & ~v68) + " bit-identical to " +
                  std::to_string(base) + " (twice, eager, without PDL)");
    m->set_b1_v53(CM::kV53Default);
    const bool all = b1_calls(*m) == ref && b1_calls(*m) == ref;
    check(all, "fp16 C=4096: v68 bits " + std::to_string(CM::kV53Default) + " bit-identical to " + std::to_string(base) +
                   " (twice)");
}

// v70 (session 31): the int8 FFN key and head in 8-row CTAs with two passes' loads before the wait change no
// arithmetic. At C = 2048 (b1_v53) a row is one pass, so here a C = 4096 int8 model (7.2B's widths, two layers): the
// default (with kV70Rows8Key) bit-identical to the default without it, call by call, twice, eager and without PDL.
void b1_v70() {
    using CM = rwkv::cuda::CudaModel;
    rwkv::ModelShape s = c2048_shape();
    s.n_layer = 2; s.n_embd = 4096; s.n_head = 64; s.dim_ffn = 16384;
    auto m = rwkv::cuda::make_random_cuda_model(s, 0, rwkv::DType::I8, 13, 0.1);
    const unsigned base = CM::kV53Default & ~CM::kV70Rows8Key;
    m->set_b1_v53(base);
    const B1Out ref = b1_calls(*m);
    m->set_b1_v53(CM::kV53Default);
    const bool ok = b1_calls(*m) == ref && b1_calls(*m) == ref && b1_calls_eager_and_without_pdl(*m, ref);
    check(m->b1_v53() == CM::kV53Default && ok, "int8 C=4096: v70 bits " + std::to_string(CM::kV53Default) +
                                                    " bit-identical to " + std::to_string(base) +
                                                    " (twice, eager, without PDL)");
}

// v71 (session 32): the int8 output projection's dot on the integer dot-product unit (kV71OutDp: v49's rounding of x to
// int16 per 16 columns, so not bit-identical) on the C = 2048 int8 model and a C = 4096 one (7.2B's widths, two layers:
// two column passes per lane): the default against the default without the bit — in use (the logits differ), every
// call's logits and the final state within rel. L2 1e-3 of it (v49's bound for the same rounding), all finite,
// bit-identical run to run, eager and without PDL; at set_matvec_i8dp 0 and 5 (the fp32 path) the bit changes nothing.
void b1_v71() {
    using CM = rwkv::cuda::CudaModel;
    constexpr unsigned base = CM::kV53Default & ~CM::kV71OutDp;
    for (int C : {2048, 4096}) {
        auto m = rwkv::cuda::make_random_cuda_model(b1_int8_shape(C), 0, rwkv::DType::I8, 17, 0.1);
        const std::string name = "int8 C=" + std::to_string(C) + ": v71 bits " + std::to_string(CM::kV53Default);
        m->set_b1_v53(base);
        const B1Out ref = b1_calls(*m);
        m->set_b1_v53(CM::kV53Default);
        const B1Out a = b1_calls(*m);
        const bool same = b1_calls(*m) == a && b1_calls_eager_and_without_pdl(*m, a);
        double dl = 0.0;
        bool fin = all_finite(a.state);
        for (std::size_t i = 0; i < a.logits.size(); ++i) {
            dl = std::max(dl, rel_l2(a.logits[i], ref.logits[i]));
            fin = fin && all_finite(a.logits[i]);
        }
        const double ds = rel_l2(a.state, ref.state);
        check(!(a == ref) && fin && same && dl <= 1e-3 && ds <= 1e-3,
              name + " vs " + std::to_string(base) + ": logits rel. L2 " + fmt(dl) + " (worst call), state " + fmt(ds) +
                  " <= 1e-3, not equal (in use); bit-identical twice, eager, without PDL");
        check(same_at_fp32_dp(*m, base, CM::kV53Default),
              name + " at matvec dp modes 0 and 5 (the fp32 path) bit-identical to " + std::to_string(base));
    }
}

// v72 (session 33): the time mix's int16 copy of its output for the int8 output projection's DP2A dot (kV72XqOut: the
// producer rounds each 16-column chunk as v71's lanes did) on the C = 2048 int8 model and a C = 4096 one (7.2B's
// widths, two layers): the default against the default without the bit, logits after every call and the final state
// bit-identical (the same words and scales), twice, eager and without PDL; at set_matvec_i8dp 0 and 5 (the output
// projection's fp32 path reads the time mix's float output, which the bit's kernel writes from another warp)
// bit-identical too; on the C = 2048 fp16 model the bit changes nothing.
void b1_v72() {
    using CM = rwkv::cuda::CudaModel;
    constexpr unsigned base = CM::kV53Default & ~CM::kV72XqOut;
    for (int C : {2048, 4096}) {
        auto m = rwkv::cuda::make_random_cuda_model(b1_int8_shape(C), 0, rwkv::DType::I8, 19, 0.1);
        const std::string name = "int8 C=" + std::to_string(C) + ": v72 bits " + std::to_string(CM::kV53Default);
        m->set_b1_v53(base);
        const B1Out ref = b1_calls(*m);
        m->set_b1_v53(CM::kV53Default);
        const B1Out a = b1_calls(*m);
        bool fin = all_finite(a.state);
        for (const auto& l : a.logits) fin = fin && all_finite(l);
        const bool same = a == ref && b1_calls(*m) == ref && b1_calls_eager_and_without_pdl(*m, ref);
        check(fin && same, name + " bit-identical to " + std::to_string(base) + " (twice, eager, without PDL)");
        check(same_at_fp32_dp(*m, base, CM::kV53Default),
              name + " at matvec dp modes 0 and 5 (the fp32 path) bit-identical to " + std::to_string(base));
    }
    auto f = rwkv::cuda::make_random_cuda_model(c2048_shape(), 0, rwkv::DType::F16, 19, 0.1);
    f->set_b1_v53(base);
    const B1Out ref = b1_calls(*f);
    f->set_b1_v53(CM::kV53Default);
    check(b1_calls(*f) == ref, "fp16 C=2048: v72 bits " + std::to_string(CM::kV53Default) + " bit-identical to " +
                                   std::to_string(base) + " (the bit is int8's only)");
}

// v76 (session 33): the sparse FFN poll kernel's two words of h per thread polled together (kV76HPair) on the C = 2048
// fp16 and int8 models (sparse FFN, the poll path): the form before v76 and v77 with the bit against that form, logits
// after every call and the final state bit-identical (the same values of h), twice, eager and without PDL.
void b1_v76() {
    using CM = rwkv::cuda::CudaModel;
    constexpr unsigned base = CM::kV53Default & ~(CM::kV76HPair | CM::kV77RowsIn), bits = base | CM::kV76HPair;
    for (rwkv::DType dt : {rwkv::DType::F16, rwkv::DType::I8}) {
        auto m = rwkv::cuda::make_random_cuda_model(c2048_shape(), 0, dt, 19, 0.1);
        const std::string name =
            std::string(dt == rwkv::DType::I8 ? "int8" : "fp16") + " C=2048: v76 bits " + std::to_string(bits);
        m->set_b1_v53(base);
        const B1Out ref = b1_calls(*m);
        m->set_b1_v53(bits);
        const B1Out a = b1_calls(*m);
        bool fin = all_finite(a.state);
        for (const auto& l : a.logits) fin = fin && all_finite(l);
        const bool same = a == ref && b1_calls(*m) == ref && b1_calls_eager_and_without_pdl(*m, ref);
        check(fin && same, name + " bit-identical to " + std::to_string(base) + " (twice, eager, without PDL)");
    }
}

// v77 (session 34): the sparse FFN's value rows prefetched into L2 at chunk-in by the poll kernel (kV77RowsIn; int8
// models only), alone and with kV76HPair (the default since session 34), on the C = 2048 fp16 and int8 models (the
// poll path, density 0.1): logits after every call and the final state bit-identical to the form before v76 and v77
// (prefetches move no value), twice, eager and without PDL. On fp16 the bit must change nothing either.
void b1_v77() {
    using CM = rwkv::cuda::CudaModel;
    constexpr unsigned base = CM::kV53Default & ~(CM::kV76HPair | CM::kV77RowsIn);
    for (rwkv::DType dt : {rwkv::DType::F16, rwkv::DType::I8}) {
        auto m = rwkv::cuda::make_random_cuda_model(c2048_shape(), 0, dt, 19, 0.1);
        m->set_b1_v53(base);
        const B1Out ref = b1_calls(*m);
        for (unsigned bits : {base | CM::kV77RowsIn, CM::kV53Default}) {
            const std::string name =
                std::string(dt == rwkv::DType::I8 ? "int8" : "fp16") + " C=2048: v77 bits " + std::to_string(bits);
            m->set_b1_v53(bits);
            const B1Out a = b1_calls(*m);
            bool fin = all_finite(a.state);
            for (const auto& l : a.logits) fin = fin && all_finite(l);
            const bool same = a == ref && b1_calls(*m) == ref && b1_calls_eager_and_without_pdl(*m, ref);
            check(m->b1_v53() == bits && fin && same,
                  name + " bit-identical to " + std::to_string(base) + " (twice, eager, without PDL)");
        }
        m->set_b1_v53(CM::kV53Default);
    }
}

// v45 (session 14): the sparse FFN poll kernel's %globaltimer stamps (CudaModel::set_sparse_stamps, a measurement
// instantiation) change no arithmetic: logits and state bit-identical to the shipping kernel's; the last chunk's CTA's
// stamps in step order in every layer.
void sparse_stamps() {
    const std::vector<std::int32_t>& ids = kIds8;
    auto models = c2048_and_small_models(3);
    for (auto& [name, m] : models) {
        auto* cm = dynamic_cast<rwkv::cuda::CudaModel*>(m.get());
        rwkv::State s0 = m->new_state();
        const auto l0 = run(*m, s0, ids);
        const auto st0 = s0.to_host();
        cm->set_sparse_stamps(true);
        rwkv::State s2 = m->new_state();
        const auto l2 = run(*m, s2, ids);
        const auto st = cm->sparse_stamps();
        cm->set_sparse_stamps(false);
        bool ordered = true;
        const std::size_t n16 = st.size() / 2;  // v75: the stamps_x region follows
        for (std::size_t L = 0; L < n16; L += 16) {
            for (int k = 1; k <= 6; ++k) ordered = ordered && st[L + k] >= st[L + k - 1] && st[L] > 0;
            const unsigned long long* x = st.data() + n16 + L;  // v75: issued <= done, last chunk in <= any chunk in
            ordered = ordered && x[0] > 0 && x[1] >= x[0] && x[6] > 0 && x[6] <= st[L + 14] && x[12] >= x[10];
        }
        check(l2 == l0 && s2.to_host() == st0 && ordered,
              name + ": sparse FFN with stamps bit-identical to without; stamps 0-6 in step order, v75's consistent");
    }
}

// v31: the sparse FFN value as the poll kernel (no wait for the FFN-key grid, h polled per 512-neuron chunk; with
// and without the key's early trigger) against the list kernel (mode 0). Poll
// partitions the active rows by chunk instead of by rank (another fp32 summation order: <= 1e-4; measured 1.6e-6 on
// the H200), so it is not bit-identical to the list kernel; its modes are to each other. Each mode twice on fresh
// states: bit-identical (a race between the polling CTAs and the key's stores would show as a moving result), also
// eager, without PDL, and after a dense-FFN step and a list-kernel step (which leave h to be armed again). The C = 2048
// shapes (F = 8192: 16 chunks, a key grid of several waves) and rand-L3-D128 (one chunk), fp16 and int8.
// int8 models run here with the fp32 matvec (set_matvec_i8dp 5, bit-identical to 0): the default's rounding of x to
// int16 (v49) would turn these paths' 1e-6 differences into whole int16 steps (4-6e-4 at C = 2048).
void sparse_poll_modes() {
    const std::vector<std::int32_t>& ids = kIds8;
    auto models = c2048_and_small_models(7);
    for (auto& [name, m] : models) {
        auto* cm = dynamic_cast<rwkv::cuda::CudaModel*>(m.get());
        cm->set_matvec_i8dp(5);
        cm->set_sparse_poll(0);
        cm->set_ln_fuse(rwkv::cuda::CudaModel::kLnFuseSparse);  // the list kernel + v13 tail, FFN LayerNorm by ln_mix
        rwkv::State s0 = m->new_state();
        const auto l0 = run(*m, s0, ids);
        const auto st0 = s0.to_host();
        std::vector<float> l1st;
        cm->set_ln_fuse(0);  // the LayerNorm as its own launch first
        for (unsigned mode : {1u, 3u, 5u, 7u}) {  // session 11: + 4 v34b (same sum order)
            cm->set_sparse_poll(mode);
            rwkv::State s1 = m->new_state(), s2 = m->new_state();
            const auto l1 = run(*m, s1, ids), l2 = run(*m, s2, ids);
            if (l1st.empty()) l1st = l1;
            const double dl = golden::max_abs_diff(l1, l0), ds = golden::max_abs_diff(s1.to_host(), st0);
            const bool same = l1 == l2 && s1.to_host() == s2.to_host() && l1 == l1st;
            check(dl <= 1e-4 && ds <= 1e-4 && same, name + ": sparse FFN poll mode " + std::to_string(mode) +
                                                        " vs list: logits " + fmt(dl) + ", state " + fmt(ds) +
                                                        " <= 1e-4; twice and across poll modes bit-identical");
        }
        // v40: the LayerNorm tail spread over the column slices (statistics combined per slice: fp32 rounding
        // against ln_mix's two-pass); every poll mode bit-identical to the others, each twice
        std::vector<float> ltail;
        for (unsigned mode : {3u, 7u, 1u, 5u}) {
            cm->set_sparse_poll(mode);
            cm->set_ln_fuse(rwkv::cuda::CudaModel::kLnFuseSparse);
            rwkv::State s1 = m->new_state(), s2 = m->new_state();
            const auto l1 = run(*m, s1, ids), l2 = run(*m, s2, ids);
            if (ltail.empty()) ltail = l1;
            const double dl = golden::max_abs_diff(l1, l0), ds = golden::max_abs_diff(s1.to_host(), st0);
            const bool same = l1 == l2 && s1.to_host() == s2.to_host() && l1 == ltail;
            check(dl <= 1e-4 && ds <= 1e-4 && same, name + ": poll mode " + std::to_string(mode) +
                                                        " + LayerNorm tail over the slices vs list: logits " + fmt(dl) +
                                                        ", state " + fmt(ds) + " <= 1e-4; twice and across modes bit-identical");
        }
        cm->set_ln_fuse(0);
        // 16: with the v40 tail; 32: with v43 (the FFN LayerNorm in the output projection's grid)
        for (unsigned pm : {3u, 7u, 3u | 16u, 7u | 16u, 7u | 16u | 32u, 5u | 16u | 32u, 0u | 16u | 32u, 3u | 32u}) {
            const unsigned mode = pm & 15u;
            const unsigned fuse = ((pm & 16u) ? rwkv::cuda::CudaModel::kLnFuseSparse : 0u) |
                                  ((pm & 32u) ? rwkv::cuda::CudaModel::kLnFuseOutput : 0u);
            cm->set_sparse_poll(mode);
            cm->set_ln_fuse(fuse);
            const Out1 p = run1(*m, ids);
            bool same = eager_and_without_pdl(*cm, [&] { return run1(*m, ids); }, p);
            cm->set_dense_ffn(true);
            const auto ld = run1(*m, ids).logits;
            cm->set_dense_ffn(false);
            same = same && run1(*m, ids) == p;
            cm->set_sparse_poll(mode == 0 ? 3u : 0u);  // the list kernel (and the v13 tail when fused): leaves h and
            run1(*m, ids);                                 // partials unarmed (mode 0: a poll step instead)
            cm->set_sparse_poll(mode);
            same = same && run1(*m, ids) == p;
            cm->set_ln_fuse(fuse ^ rwkv::cuda::CudaModel::kLnFuseOutput);  // a step with v43 toggled
            run1(*m, ids);
            cm->set_ln_fuse(fuse);
            same = same && run1(*m, ids) == p && run1(*m, ids) == p;
            const auto& lp = p.logits;
            const double dl0 = golden::max_abs_diff(lp, l0), ds0 = golden::max_abs_diff(p.state, st0);
            check(same && golden::max_abs_diff(ld, lp) <= 1e-4 && dl0 <= 1e-4 && ds0 <= 1e-4,
                  name + ": sparse mode " + std::to_string(mode) + ((pm & 16u) ? " + tail" : "") +
                      ((pm & 32u) ? " + FFN LayerNorm in the output grid" : "") +
                      " eager, without PDL, after a dense step, a list (or poll) step and a step with the FFN "
                      "LayerNorm moved, twice: bit-identical; dense " + fmt(golden::max_abs_diff(ld, lp)) +
                      " <= 1e-4; vs list + ln_mix: logits " + fmt(dl0) + ", state " + fmt(ds0) + " <= 1e-4");
        }
        cm->set_ln_fuse(rwkv::cuda::CudaModel::kLnFuseSparse | rwkv::cuda::CudaModel::kLnFuseOutput);  // the default
        cm->set_sparse_poll(cm->weight_dtype() == rwkv::DType::I8 ? 5u : 7u);
        cm->set_matvec_i8dp(-1);
    }
}

}  // namespace cuda_forward
