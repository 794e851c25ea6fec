// GPU tests of the CUDA backend (label gpu; exit 77 = skipped when no CUDA device is present):
//   * every golden of ../shared/testdata/golden on cuda:0 with fp16 weights (logits <= 0.05 max-abs, state
//     <= 0.05*(1+|g|)) and fp32 weights (<= 1e-3);
//   * int8 weights (per-row scales) on every golden, prefilled (rows path: int8 dequantised to fp16 for
//     cuBLAS) and token by token (int8 matvec + int8 sparse FFN): logits <= 0.5 max-abs, state <= 1.0, no
//     NaN/Inf, the golden top-1 (exact on the trained tiny model, within 0.5 of the best logit on the random
//     L3-D128 model whose top-2 margins are as small as 0.04 — the CPU int8 test's rule), both modes <= 0.05
//     apart;
//   * CUDA fp16 vs the CPU fp32 reference on the random 0.1B shape (no NaN/Inf, logits rel. L2 <= 1e-2;
//     int8: <= 5e-2);
//   * export/import continuation bit-exact; graph and eager launches identical; the sparse and dense FFN
//     agree; errors: unknown device, out of memory (and the process keeps working);
//   * v31 sparse FFN modes (poll kernel, list at 4 CTAs/SM) against the list kernel, deterministic run to run;
//   * v43 (the FFN LayerNorm in the output projection's grid, default) against its ln_mix launch: fp32 rounding only
//     (<= 1e-4 on the small models, 1e-3 at C = 2048), bit-identical run to run, eager, without PDL, after dense,
//     list and ln_mix steps; L = 2, 3 and 12, C = 128 to 2048 with a partial last column slice (C = 320).
//   * v44 (each head of the fused time-mix kernel over a cluster of 4 CTAs, default) against one CTA per head: fp32
//     rounding only (<= 1e-4 / 1e-3 at C = 2048, fp16 and int8), bit-identical run to run, eager, without PDL.
//   * v49 (the int8 matvec on the integer dot-product unit, default mode 3): within rel. L2 1e-3 of the fp32 path at
//     C = 2048, bit-identical run to run (mode 3 also eager, without PDL); the int8 goldens again with the fp32 path
//     (mode 0); v49c (fp16 multi-wave matvecs at 7 / 6 CTAs per SM) bit-identical.
//   * v53 / v54 / v55 / v56 / v57 / v61 / v63 / v66 (CudaModel::set_b1_v53 bits, sessions 19-28; default 252367)
//     bit-identical to bits 0, call by call; v66 also at C = 4096 (RWKV_TEST_ONLY=v53: only these).
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

using gpucheck::check;
using golden::testdata;

namespace {

std::vector<float> run(rwkv::Model& m, rwkv::State& s, const std::vector<std::int32_t>& ids) {
    std::vector<float> logits(std::size_t(m.shape().vocab_size));
    m.forward(s, ids, logits);
    return logits;
}

std::string fmt(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.3g", v);
    return b;
}

void goldens(rwkv::DType dt, double logit_tol, double state_tol) {
    const auto idx = golden::index();
    for (const auto& c : idx["cases"]) {
        const std::string model = c["model"];
        std::vector<std::string> files = idx["models"][model]["files"];
        std::vector<std::string> use = {files[0]};
        if (model == "tiny") use.push_back("tiny-rwkv7-834K.pth");
        for (const std::string& file : use) {
            if (!std::filesystem::exists(testdata(file))) continue;
            rwkv::LoadOptions o;
            o.backend = "cuda:0";
            o.weight_dtype = dt;
            auto m = rwkv::Model::load(testdata(file), o);
            rwkv::State s = m->new_state();
            std::vector<std::int32_t> ids = c["token_ids"].get<std::vector<std::int32_t>>();
            if (c["id"] == "en_then_zh_ids") {  // continues from the 'en' golden state with the zh ids only
                s.from_host(golden::read_f32(testdata("golden/rand-L3-D128__en.state.f32")));
                ids.erase(ids.begin(), ids.begin() + 25);  // the 'en' case's token count
            }
            const auto logits = run(*m, s, ids);
            const double dl = golden::max_abs_diff(logits, golden::read_f32(testdata("golden/" + std::string(c["logits_file"]))));
            const double ds = golden::max_scaled_diff(s.to_host(), golden::read_f32(testdata("golden/" + std::string(c["state_file"]))));
            check(dl <= logit_tol && ds <= state_tol, std::string(rwkv::dtype_name(dt)) + " golden " + file + ":" +
                                                          std::string(c["id"]) + " logits " + fmt(dl) + " state " + fmt(ds));
        }
    }
}

bool all_finite(const std::vector<float>& v);

// int8 weight-only on the goldens. Tolerance: per-row absmax/127 rounding leaves each weight within half a
// step (<= 0.4% of the row's largest weight, ~0.2% rms); through 3-4 layers that is the ~0.2 logit error the
// CPU int8 path shows on these models, so 0.5 max-abs (the int8 bound) and state 1.0 (scaled).
// v49: dp >= 0: the int8 matvec mode (CudaModel::set_matvec_i8dp) of the token-by-token runs (-1: the default, 3);
// the same bounds.
void goldens_int8(int dp = -1) {
    const auto idx = golden::index();
    const std::string tag = dp >= 0 ? " (int8 matvec mode " + std::to_string(dp) + ")" : "";
    for (const auto& c : idx["cases"]) {
        const std::string model = c["model"];
        std::vector<std::string> files = idx["models"][model]["files"];
        const std::string file = files[0];
        if (!std::filesystem::exists(testdata(file))) continue;
        rwkv::LoadOptions o;
        o.backend = "cuda:0";
        o.weight_dtype = rwkv::DType::I8;
        auto m = rwkv::Model::load(testdata(file), o);
        auto* cm = dynamic_cast<rwkv::cuda::CudaModel*>(m.get());
        check(cm != nullptr && m->weight_dtype() == rwkv::DType::I8, "int8 model is a CUDA int8 model");
        if (!cm) return;
        cm->set_matvec_i8dp(dp);
        std::vector<std::int32_t> ids = c["token_ids"].get<std::vector<std::int32_t>>();
        const bool cont = c["id"] == "en_then_zh_ids";
        if (cont) ids.erase(ids.begin(), ids.begin() + 25);  // continues from the 'en' golden state
        const auto gl = golden::read_f32(testdata("golden/" + std::string(c["logits_file"])));
        const auto gs = golden::read_f32(testdata("golden/" + std::string(c["state_file"])));
        const int gtop = c["top5_ids"][0].get<int>();
        std::vector<float> modes[2];
        for (int mode = 0; mode < 2; ++mode) {  // 0: default (prefill through the rows path), 1: token by token
            cm->set_prefill_min_tokens(mode == 0 ? 0 : 1u << 30);
            rwkv::State s = m->new_state();
            if (cont) s.from_host(golden::read_f32(testdata("golden/rand-L3-D128__en.state.f32")));
            const auto logits = run(*m, s, ids);
            const auto st = s.to_host();
            const double dl = golden::max_abs_diff(logits, gl);
            const double ds = golden::max_scaled_diff(st, gs);
            const int top = int(std::max_element(logits.begin(), logits.end()) - logits.begin());
            const bool rand = file.find("rand-") == 0;
            const bool top_ok = rand ? logits[std::size_t(gtop)] >= logits[std::size_t(top)] - 0.5 : top == gtop;
            check(all_finite(logits) && all_finite(st) && dl <= 0.5 && ds <= 1.0 && top_ok,
                  std::string("int8 golden ") + (mode == 0 ? "prefill " : "token-by-token ") + file + ":" +
                      std::string(c["id"]) + " logits " + fmt(dl) + " state " + fmt(ds) + " top1 " +
                      std::to_string(top) + " (golden " + std::to_string(gtop) + ")" + tag);
            modes[mode] = logits;
        }
        const double dm = golden::max_abs_diff(modes[0], modes[1]);
        check(dm <= 0.05,
              "int8 " + std::string(c["id"]) + ": prefill vs token by token logits " + fmt(dm) + " <= 0.05" + tag);
        cm->set_matvec_i8dp(-1);
    }
}

double rel_l2(const std::vector<float>& a, const std::vector<float>& ref) {
    double num = 0, den = 0;
    for (std::size_t i = 0; i < ref.size(); ++i) {
        num += (double(a[i]) - ref[i]) * (double(a[i]) - ref[i]);
        den += double(ref[i]) * ref[i];
    }
    return std::sqrt(num / den);
}

bool all_finite(const std::vector<float>& v) {
    for (float x : v)
        if (!std::isfinite(x)) return false;
    return true;
}

// CUDA (fp32 and fp16 weights) against the CPU fp32 reference on the random 0.1B shape.
void cpu_vs_cuda_01b(int n_tokens) {
    rwkv::ModelShape s;
    s.n_layer = 12; s.n_embd = 768; s.n_head = 12; s.head_size = 64; s.vocab_size = 65536; s.dim_ffn = 3072;
    s.lora_w = 64; s.lora_a = 64; s.lora_v = 32; s.lora_g = 128;
    std::vector<std::int32_t> ids;
    std::uint32_t x = 12345;
    for (int i = 0; i < n_tokens; ++i) {
        x = x * 1664525u + 1013904223u;
        ids.push_back(std::int32_t(x % 65536u));
    }
    std::vector<float> lc, sc;
    {
        auto cpu = rwkv::Model::from_weights(random_host_weights(s, 7), rwkv::LoadOptions{});
        rwkv::State st = cpu->new_state();
        lc = run(*cpu, st, ids);
        sc = st.to_host();
    }
    const std::string tag = "0.1B random, " + std::to_string(n_tokens) + " tokens: ";
    for (rwkv::DType dt : {rwkv::DType::F32, rwkv::DType::F16, rwkv::DType::I8}) {
        rwkv::LoadOptions og;
        og.backend = "cuda:0";
        og.weight_dtype = dt;
        auto gpu = rwkv::Model::from_weights(random_host_weights(s, 7), og);
        rwkv::State st = gpu->new_state();
        const auto lg = run(*gpu, st, ids);
        const auto sg = st.to_host();
        const double tol = dt == rwkv::DType::F32 ? 1e-4 : dt == rwkv::DType::F16 ? 1e-2 : 5e-2;
        const std::string name = tag + std::string(rwkv::dtype_name(dt)) + " CUDA vs CPU fp32: ";
        check(all_finite(lg) && all_finite(sg), name + "every logit and state value finite");
        const double rel = rel_l2(lg, lc);
        check(rel <= tol, name + "logits rel L2 " + fmt(rel) + " <= " + fmt(tol));
        const double rs = rel_l2(sg, sc);
        check(rs <= tol, name + "state rel L2 " + fmt(rs) + " <= " + fmt(tol));
    }
}

// Small random shapes, each changing one dimension from a base that matches the goldens: pins a
// shape-dependent bug to the kernel that owns that dimension.
void shape_sweep() {
    struct Case { const char* name; int L, C, F, V, lw, la, lv, lg; };
    const Case cases[] = {
        {"base L2 C128 F512", 2, 128, 512, 4096, 32, 32, 32, 32},
        {"C=768", 2, 768, 512, 4096, 32, 32, 32, 32},
        {"C=512", 2, 512, 512, 4096, 32, 32, 32, 32},
        {"C=320 (a partial column slice)", 3, 320, 512, 4096, 32, 32, 32, 32},
        {"F=3072 (6 FFN chunks)", 2, 128, 3072, 4096, 32, 32, 32, 32},
        {"F=1024 (2 FFN chunks)", 2, 128, 1024, 4096, 32, 32, 32, 32},
        {"LoRA 64/64/32/128", 2, 128, 512, 4096, 64, 64, 32, 128},
        {"L=12", 12, 128, 512, 4096, 32, 32, 32, 32},
        {"V=65536", 2, 128, 512, 65536, 32, 32, 32, 32},
    };
    for (const Case& c : cases) {
        rwkv::ModelShape s;
        s.n_layer = c.L; s.n_embd = c.C; s.n_head = c.C / 64; s.head_size = 64; s.vocab_size = c.V; s.dim_ffn = c.F;
        s.lora_w = c.lw; s.lora_a = c.la; s.lora_v = c.lv; s.lora_g = c.lg;
        std::vector<std::int32_t> ids = {1, 77, 3000, 5, 1234, 42, 999, 7};
        auto cpu = rwkv::Model::from_weights(random_host_weights(s, 3), rwkv::LoadOptions{});
        rwkv::LoadOptions og;
        og.backend = "cuda:0";
        og.weight_dtype = rwkv::DType::F32;
        auto gpu = rwkv::Model::from_weights(random_host_weights(s, 3), og);
        rwkv::State a = cpu->new_state(), b = gpu->new_state();
        const auto la = run(*cpu, a, ids), lb = run(*gpu, b, ids);
        const double rel = rel_l2(lb, la), rs = rel_l2(b.to_host(), a.to_host());
        check(rel <= 1e-4 && rs <= 1e-4, std::string("shape sweep fp32 ") + c.name + ": logits rel " + fmt(rel) + ", state rel " + fmt(rs));
    }
}

void resume_and_modes() {
    rwkv::LoadOptions o;
    o.backend = "cuda:0";
    o.weight_dtype = rwkv::DType::F16;
    auto m = rwkv::Model::load(testdata("rand-rwkv7-L3-D128.safetensors"), o);
    const std::vector<std::int32_t> a = {1, 500, 65535, 42, 7, 7, 7, 1000}, b = {3, 9, 27, 81, 243};
    rwkv::State s = m->new_state();
    run(*m, s, a);
    const auto blob = m->export_state(s);
    const auto l1 = run(*m, s, b);
    rwkv::State s2 = m->import_state(blob);
    const auto l2 = run(*m, s2, b);
    check(std::memcmp(l1.data(), l2.data(), l1.size() * 4) == 0 && s.to_host() == s2.to_host(),
          "export/import: continuation bit-exact (logits and state)");
    rwkv::State s3 = s2.clone();
    const auto l3 = run(*m, s3, b), l4 = run(*m, s2, b);
    check(l3 == l4, "clone: identical continuation");

    auto* cm = dynamic_cast<rwkv::cuda::CudaModel*>(m.get());
    rwkv::State e1 = m->new_state();
    const auto lg = run(*m, e1, a);
    cm->set_use_graph(false);
    rwkv::State e2 = m->new_state();
    const auto le = run(*m, e2, a);
    check(lg == le && e1.to_host() == e2.to_host(), "graph and eager launches bit-identical");
    cm->set_use_graph(true);
    cm->set_pdl(false);
    rwkv::State e4 = m->new_state();
    const auto lp = run(*m, e4, a);
    cm->set_pdl(true);
    check(lg == lp && e1.to_host() == e4.to_host(), "with and without programmatic dependent launch bit-identical");
    // v13: the fused LayerNorm tail in the list sparse kernel (the v7/v13 path), and the poll kernel with the LayerNorm
    // as its own ln_mix launch (v31), against the default (v40: poll kernel, the tail spread over the column slices);
    // same arithmetic, other reduction widths and partitions of the FFN rows: fp32 rounding only
    for (unsigned sp : {0u, 3u}) {  // e1/lg ran with the default
        cm->set_sparse_poll(sp);
        cm->set_ln_fuse(sp == 0 ? rwkv::cuda::CudaModel::kLnFuseSparse : 0u);
        rwkv::State e5 = m->new_state();
        const auto lu = run(*m, e5, a);
        const double dl_fuse = golden::max_abs_diff(lu, lg), ds_fuse = golden::max_abs_diff(e5.to_host(), e1.to_host());
        check(dl_fuse <= 1e-4 && ds_fuse <= 1e-4,
              std::string(sp ? "poll kernel + ln_mix launch" : "LayerNorm tail in the list sparse kernel") +
                  " vs default: logits " + fmt(dl_fuse) + ", state " + fmt(ds_fuse) + " <= 1e-4");
    }
    cm->set_sparse_poll(7);  // the fp16 default
    cm->set_ln_fuse(rwkv::cuda::CudaModel::kLnFuseSparse);  // v43 off: the FFN LayerNorm as its own ln_mix launch
    {
        rwkv::State e8 = m->new_state();
        const auto lo = run(*m, e8, a);
        const double dlo = golden::max_abs_diff(lo, lg), dso = golden::max_abs_diff(e8.to_host(), e1.to_host());
        check(dlo <= 1e-4 && dso <= 1e-4, "FFN LayerNorm as its own launch vs in the output projection's grid (v43): logits " +
                                              fmt(dlo) + ", state " + fmt(dso) + " <= 1e-4");
    }
    cm->set_ln_fuse(rwkv::cuda::CudaModel::kLnFuseSparse | rwkv::cuda::CudaModel::kLnFuseOutput);  // the default
    for (unsigned mask : {0u, 1u, 7u}) {  // v14: 4-row fp16 matvec groups (default 3: output projection + r/k/v)
        cm->set_matvec_rows4(mask);
        rwkv::State e6 = m->new_state();
        const auto l4r = run(*m, e6, a);
        const double dl4 = golden::max_abs_diff(l4r, lg), ds4 = golden::max_abs_diff(e6.to_host(), e1.to_host());
        check(dl4 <= 1e-4 && ds4 <= 1e-4, "4-row fp16 matvec groups mask " + std::to_string(mask) + " vs default: logits " +
                                              fmt(dl4) + ", state " + fmt(ds4) + " <= 1e-4");
    }
    cm->set_matvec_rows4(3);
    cm->set_wkv7_lora(false);  // v17: the LoRA up-projections as their own matvec (default: inside the time mix)
    rwkv::State e7 = m->new_state();
    const auto lwl = run(*m, e7, a);
    cm->set_wkv7_lora(true);
    const double dlw = golden::max_abs_diff(lwl, lg), dsw = golden::max_abs_diff(e7.to_host(), e1.to_host());
    check(dlw <= 1e-4 && dsw <= 1e-4, "LoRA up inside the time-mix kernel vs its own matvec: logits " + fmt(dlw) +
                                          ", state " + fmt(dsw) + " <= 1e-4");
    cm->set_use_graph(false);
    cm->set_dense_ffn(true);
    rwkv::State e3 = m->new_state();
    const auto ld = run(*m, e3, a);
    check(golden::max_abs_diff(ld, lg) <= 1e-4, "dense FFN equals sparse FFN (max diff " + fmt(golden::max_abs_diff(ld, lg)) + ")");
    cm->set_dense_ffn(false);
    cm->set_use_graph(true);
    const auto act = m->ffn_activity();
    check(act.total > 0 && act.active > 0 && act.active <= act.total,
          "ffn_activity counts (" + std::to_string(act.active) + " of " + std::to_string(act.total) + ")");
    // one forward of many tokens = token by token
    rwkv::State t1 = m->new_state(), t2 = m->new_state();
    const auto lm = run(*m, t1, a);
    std::vector<float> lt;
    for (auto id : a) lt = run(*m, t2, {id});
    check(lm == lt, "one call of 8 tokens = 8 calls of one token (bit-exact)");
}

// The C = 2048 shape of the bit-identity checks below (split matvecs, more CTAs than fit at once, an FFN key grid of
// several waves; LoRA 96/96/64/256) and the 8 token ids they feed it.
rwkv::ModelShape c2048_shape() {
    rwkv::ModelShape s;
    s.n_layer = 3; s.n_embd = 2048; s.n_head = 32; s.head_size = 64; s.vocab_size = 65536; s.dim_ffn = 8192;
    s.lora_w = 96; s.lora_a = 96; s.lora_v = 64; s.lora_g = 256;
    return s;
}
const std::vector<std::int32_t> kIds8 = {1, 500, 65535, 42, 7, 7, 1000, 3};

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

// v15: PDL changes only when kernels start, never the arithmetic: PDL off gives bit-identical logits and state,
// fp16 and int8, on a shape whose matvecs are split (C = 2048) and have more CTAs than fit at once.
void pdl_knobs_bit_identical() {
    const rwkv::ModelShape s = c2048_shape();
    const std::vector<std::int32_t>& ids = kIds8;
    for (rwkv::DType dt : {rwkv::DType::F16, rwkv::DType::I8}) {
        auto m = rwkv::cuda::make_random_cuda_model(s, 0, dt, 1, 0.1);
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
        rwkv::State a = m->new_state(), b = m->new_state(), c = m->new_state(), d = m->new_state();
        const auto la = run(*m, a, ids), lb = run(*m, b, ids);
        cm->set_use_graph(false);
        const auto lc = run(*m, c, ids);
        cm->set_use_graph(true);
        cm->set_pdl(false);
        const auto ld = run(*m, d, ids);
        cm->set_pdl(true);
        const auto sa = a.to_host();
        const double dl = golden::max_abs_diff(la, l1), ds = golden::max_abs_diff(sa, st1);
        check(dl <= tol && ds <= tol, name + ": wkv7 split 4 vs one CTA per head: logits " + fmt(dl) + ", state " + fmt(ds) +
                                          " <= " + fmt(tol));
        check(la == lb && lb == lc && lc == ld && sa == b.to_host() && sa == c.to_host() && sa == d.to_host(),
              name + ": wkv7 split 4 bit-identical run to run, eager, without PDL");
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
        rwkv::State s0 = m->new_state();
        const auto l0 = run(*m, s0, ids);
        const auto st0 = s0.to_host();
        m->set_wkv7_poll(true);
        const bool used = m->wkv7_polled();
        rwkv::State a = m->new_state(), b = m->new_state(), c = m->new_state(), d = m->new_state();
        rwkv::State e = m->new_state(), f = m->new_state();
        const auto la = run(*m, a, ids), lb = run(*m, b, ids);
        m->set_use_graph(false);
        const auto lc = run(*m, c, ids);
        m->set_use_graph(true);
        m->set_pdl(false);
        const auto ld = run(*m, d, ids);
        m->set_pdl(true);
        m->set_wkv7_poll(false);
        const auto le = run(*m, e, ids);
        m->set_wkv7_poll(true);
        const auto lf = run(*m, f, ids);
        const bool same = la == l0 && lb == l0 && lc == l0 && ld == l0 && le == l0 && lf == l0;
        bool states = true;
        for (rwkv::State* x : {&a, &b, &c, &d, &e, &f}) states = states && x->to_host() == st0;
        check(used && same && states, name + ": wkv7 polling r/k/v per head (v47) in use and bit-identical to v44 "
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
        rwkv::State a = m->new_state(), b = m->new_state();
        lm[mode] = run(*m, a, ids);
        sm[mode] = a.to_host();
        const auto lb = run(*m, b, ids);
        bool same = lb == lm[mode] && b.to_host() == sm[mode];
        if (mode == 3) {
            rwkv::State c = m->new_state(), d = m->new_state();
            m->set_use_graph(false);
            const auto lc = run(*m, c, ids);
            m->set_use_graph(true);
            m->set_pdl(false);
            const auto ld = run(*m, d, ids);
            m->set_pdl(true);
            same = same && lc == lm[mode] && ld == lm[mode] && c.to_host() == sm[mode] && d.to_host() == sm[mode];
        }
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
    m.set_use_graph(false);
    bool ok = b1_calls(m) == ref;
    m.set_use_graph(true);
    m.set_pdl(false);
    ok = ok && b1_calls(m) == ref;
    m.set_pdl(true);
    return ok;
}

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
                              CM::kV66OutPf, CM::kV53All}) {
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
        // v54 measurement: the probe instantiations (layer 1's grids and layer 2's r/k/v grid) change no arithmetic,
        // and they write their stamps (every CTA of the probed r/k/v grid: start <= loop done <= end)
        m->set_b1_probe(1);
        const bool probe_same = b1_calls(*m) == ref;
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
void b1_v66() {
    using CM = rwkv::cuda::CudaModel;
    rwkv::ModelShape s = c2048_shape();
    s.n_layer = 2; s.n_embd = 4096; s.n_head = 64; s.dim_ffn = 16384;
    const unsigned base = CM::kV53Default & ~CM::kV66OutPf;
    auto m = rwkv::cuda::make_random_cuda_model(s, 0, rwkv::DType::F16, 11, 0.1);
    m->set_b1_v53(base);
    const B1Out ref = b1_calls(*m);
    m->set_b1_v53(CM::kV53Default);
    const bool ok = b1_calls(*m) == ref && b1_calls(*m) == ref && b1_calls_eager_and_without_pdl(*m, ref);
    check(ok, "fp16 C=4096: v66 bits " + std::to_string(CM::kV53Default) + " bit-identical to " + std::to_string(base) +
                  " (twice, eager, without PDL)");
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
        for (std::size_t L = 0; L < st.size(); L += 16)
            for (int k = 1; k <= 6; ++k) ordered = ordered && st[L + k] >= st[L + k - 1] && st[L] > 0;
        check(l2 == l0 && s2.to_host() == st0 && ordered,
              name + ": sparse FFN with stamps bit-identical to without; stamps 0-6 in step order");
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
            rwkv::State sp = m->new_state();
            const auto lp = run(*m, sp, ids);
            cm->set_use_graph(false);
            rwkv::State se = m->new_state();
            const auto le = run(*m, se, ids);
            cm->set_use_graph(true);
            cm->set_pdl(false);
            rwkv::State sn = m->new_state();
            const auto ln = run(*m, sn, ids);
            cm->set_pdl(true);
            cm->set_dense_ffn(true);
            rwkv::State sd = m->new_state();
            const auto ld = run(*m, sd, ids);
            cm->set_dense_ffn(false);
            rwkv::State sa = m->new_state();
            const auto la = run(*m, sa, ids);
            cm->set_sparse_poll(mode == 0 ? 3u : 0u);  // the list kernel (and the v13 tail when fused): leaves h and
            rwkv::State sl = m->new_state();               // partials unarmed (mode 0: a poll step instead)
            run(*m, sl, ids);
            cm->set_sparse_poll(mode);
            rwkv::State sb = m->new_state();
            const auto lb = run(*m, sb, ids);
            cm->set_ln_fuse(fuse ^ rwkv::cuda::CudaModel::kLnFuseOutput);  // a step with v43 toggled
            rwkv::State so = m->new_state();
            run(*m, so, ids);
            cm->set_ln_fuse(fuse);
            rwkv::State sc = m->new_state(), sc2 = m->new_state();
            const auto lc = run(*m, sc, ids), lc2 = run(*m, sc2, ids);
            const double dl0 = golden::max_abs_diff(lp, l0), ds0 = golden::max_abs_diff(sp.to_host(), st0);
            check(le == lp && se.to_host() == sp.to_host() && ln == lp && sn.to_host() == sp.to_host() && la == lp &&
                      sa.to_host() == sp.to_host() && lb == lp && sb.to_host() == sp.to_host() && lc == lp &&
                      sc.to_host() == sp.to_host() && lc2 == lp && sc2.to_host() == sp.to_host() &&
                      golden::max_abs_diff(ld, lp) <= 1e-4 && dl0 <= 1e-4 && ds0 <= 1e-4,
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

void errors() {
    rwkv::LoadOptions o;
    o.backend = "cuda:99";
    bool unavailable = false;
    try {
        rwkv::Model::load(testdata("tiny-rwkv7-834K.pth"), o);
    } catch (const rwkv::Error& e) {
        unavailable = e.code() == rwkv::ErrorCode::BackendUnavailable;
    }
    check(unavailable, "cuda:99 -> BackendUnavailable");
    rwkv::ModelShape huge;
    huge.n_layer = 4000; huge.n_embd = 4096; huge.n_head = 64; huge.vocab_size = 65536; huge.dim_ffn = 16384;
    huge.lora_w = 128; huge.lora_a = 128; huge.lora_v = 96; huge.lora_g = 480;
    bool oom = false;
    try {
        rwkv::cuda::make_random_cuda_model(huge, 0, rwkv::DType::F16, 1, 0.1);
    } catch (const rwkv::Error& e) {
        oom = e.code() == rwkv::ErrorCode::OutOfMemory;
        std::printf("        (%s)\n", e.what());
    }
    check(oom, "a model larger than the device -> OutOfMemory before any allocation");
    o.backend = "cuda:0";
    auto m = rwkv::Model::load(testdata("tiny-rwkv7-834K.pth"), o);
    rwkv::State s = m->new_state();
    const auto l = run(*m, s, {1, 2, 3});
    check(std::isfinite(l[0]), "after the errors the device still runs a model");
    rwkv::State cpu_state(m->shape(), rwkv::make_host_state_storage(m->shape().state_floats()));
    bool mismatch = false;
    try {
        run(*m, cpu_state, {1});
    } catch (const rwkv::Error& e) {
        mismatch = e.code() == rwkv::ErrorCode::StateMismatch;
    }
    check(mismatch, "a host state on the CUDA model -> StateMismatch");
}

}  // namespace

int main() {
    const auto devs = rwkv::list_gpu_devices();
    if (devs.empty()) {
        std::printf("no CUDA device: skipped\n");
        return gpucheck::kSkip;
    }
    std::printf("device %s: %s, %zu MiB free\n", devs[0].backend.c_str(), devs[0].name.c_str(), devs[0].free_bytes >> 20);
    try {
        if (const char* only = std::getenv("RWKV_TEST_ONLY"); only && std::strcmp(only, "v53") == 0) {
            b1_v53();  // the v53 checks alone (a short device call)
            b1_v66();
            return gpucheck::finish();
        }
        goldens(rwkv::DType::F16, 0.05, 0.05);
        goldens(rwkv::DType::F32, 1e-3, 1e-3);
        goldens_int8();
        resume_and_modes();
        pdl_knobs_bit_identical();
        sparse_poll_modes();
        wkv7_split();
        wkv7_poll();
        matvec_i8dp();
        b1_v53();
        b1_v66();
        goldens_int8(0);
        sparse_stamps();
        errors();
        shape_sweep();
        cpu_vs_cuda_01b(48);
    } catch (const std::exception& e) {
        check(false, std::string("exception: ") + e.what());
    }
    return gpucheck::finish();
}
