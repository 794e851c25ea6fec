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
//   * a NaN or infinite weight refused at the load in fp32, fp16 and int8, naming the tensor (non_finite_weights:
//     test_cpu_forward's rows, non_finite_file.h; RWKV_TEST_ONLY=nonfinite: only these and the next); a finite one
//     beyond fp16's range where the device converts it to fp16 (weights_beyond_fp16);
//   * v31 sparse FFN modes (poll kernel, list at 4 CTAs/SM) against the list kernel, deterministic run to run;
//   * v43 (the FFN LayerNorm in the output projection's grid, default) against its ln_mix launch: fp32 rounding only
//     (<= 1e-4 on the small models, 1e-3 at C = 2048), bit-identical run to run, eager, without PDL, after dense,
//     list and ln_mix steps; L = 2, 3 and 12, C = 128 to 2048 with a partial last column slice (C = 320).
//   * v44 (each head of the fused time-mix kernel over a cluster of 4 CTAs, default) against one CTA per head: fp32
//     rounding only (<= 1e-4 / 1e-3 at C = 2048, fp16 and int8), bit-identical run to run, eager, without PDL.
//   * v49 (the int8 matvec on the integer dot-product unit, default mode 3): within rel. L2 1e-3 of the fp32 path at
//     C = 2048, bit-identical run to run (mode 3 also eager, without PDL); the int8 goldens again with the fp32 path
//     (mode 0); v49c (fp16 multi-wave matvecs at 7 / 6 CTAs per SM) bit-identical.
//   * v53 / v54 / v55 / v56 / v57 / v61 / v63 / v66 / v68 (CudaModel::set_b1_v53 bits, sessions 19-29; default 1038799)
//     bit-identical to bits 0, call by call; v66 and v68 also at C = 4096 (RWKV_TEST_ONLY=v53: only these;
//     RWKV_TEST_ONLY=stamps: the sparse FFN stamps' check only, v75).
//   * v71 (kV71OutDp, default on: the int8 output projection on the DP2A dot): within rel. L2 1e-3 of the default
//     without it at C = 2048 and 4096, bit-identical run to run, eager, without PDL; no change at dp modes 0 and 5.
// The batch-1 decode forms' checks (v15, v31, v44, v47, v49, v53-v68) are in cuda_forward_b1.cpp; this file
// holds the reference checks, resume, errors and main().
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
#include "non_finite_file.h"
#include "random_host_weights.h"
#include "rwkv/devices.h"
#include "rwkv/error.h"
#include "rwkv/model.h"

#include "cuda_forward_common.h"

using gpucheck::check;
using golden::testdata;
using namespace cuda_forward;

namespace {

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

// What loading `file` on cuda:0 with weight type `dt` says: "loaded", or "[CODE] MESSAGE" of the rwkv::Error thrown.
std::string said_at_load(const std::filesystem::path& file, rwkv::DType dt) {
    rwkv::LoadOptions o;
    o.backend = "cuda:0";
    o.weight_dtype = dt;
    try {
        rwkv::Model::load(file, o);
    } catch (const rwkv::Error& e) {
        return std::string("[") + rwkv::to_string(e.code()) + "] " + e.what();
    }
    return "loaded";
}

// Session 56: a file written by `rwkv-cli convert --allow-non-finite` (a NaN kept) loaded on CUDA, and only the first
// logits caught it (or nothing, where the sparse FFN skipped its row). Refused at the load as on the CPU and Vulkan:
// fp32, fp16 and bf16 files × a tensor of each kind (non_finite_file.h) × fp32, fp16 and int8 weights, each with
// check_checkpoint_values's words naming the tensor and its first non-finite element in the file's order (a second
// one of ffn.value where a transposing copy would read it first is not the one named). Then the device still runs.
void non_finite_weights() {
    char made[] = "/tmp/rwkv-nonfinite-XXXXXX";
    check(mkdtemp(made) != nullptr, "a scratch folder for the planted files");
    const std::filesystem::path dir = made;
    for (const char* stored : nonfinite::kStored)
        for (const nonfinite::Planted& p : nonfinite::kPlanted) {
            const auto bad = nonfinite::write_planted(dir, stored, p);
            const std::string row = std::string(stored) + " file, " + p.tensor;
            if (bad.empty()) {
                check(false, row + ": planted");
                continue;
            }
            for (const rwkv::DType dt : {rwkv::DType::F32, rwkv::DType::F16, rwkv::DType::I8}) {
                const std::string said = said_at_load(bad, dt);
                check(said == "[corrupt file] " + nonfinite::refusal(p), row + ", " + std::string(rwkv::dtype_name(dt)) + ": " + said);
            }
        }
    std::filesystem::remove_all(dir);
    rwkv::LoadOptions o;
    o.backend = "cuda:0";
    o.weight_dtype = rwkv::DType::I8;
    auto m = rwkv::Model::load(testdata("tiny-rwkv7-834K.safetensors"), o);
    rwkv::State s = m->new_state();
    check(all_finite(run(*m, s, {1, 2, 3})), "after the refusals the device still runs a model (int8)");
}

// Session 57: a finite weight beyond fp16's range (65520 rounds to infinity) became infinity as the device converted
// it, and only the first logits said so. A tensor the device converts to fp16 (every matrix in fp16, the ones int8
// does not quantise in int8: emb, the LoRA matrices) is refused at the load naming the tensor, the element, the value
// and --dtype fp32, which loads it; a vector (fp32), an int8 matrix and an fp32 load take it.
void weights_beyond_fp16() {
    char made[] = "/tmp/rwkv-beyond-fp16-XXXXXX";
    check(mkdtemp(made) != nullptr, "a scratch folder for the planted files");
    const std::filesystem::path dir = made;
    for (const nonfinite::Planted& p : nonfinite::kPlanted) {
        float read = 0;
        const auto big = nonfinite::write_value(dir, "fp32", p, 65520.0f, read);
        const std::string row = std::string("fp32 file, 65520 in ") + p.tensor;
        if (big.empty()) {
            check(false, row + ": planted");
            continue;
        }
        const std::string tensor = p.tensor;
        const bool vector = tensor == "blocks.0.ln1.weight", lora = tensor == "blocks.0.att.w1";
        for (const rwkv::DType dt : {rwkv::DType::F32, rwkv::DType::F16, rwkv::DType::I8}) {
            const bool refused = !vector && (dt == rwkv::DType::F16 || (dt == rwkv::DType::I8 && lora));
            const std::string want =
                refused ? "[weight out of range] " + nonfinite::out_of_range(p, read, "fp16", "load it with --dtype fp32")
                        : std::string("loaded");
            const std::string said = said_at_load(big, dt);
            check(said == want, row + ", " + std::string(rwkv::dtype_name(dt)) + ": " + said);
        }
    }
    std::filesystem::remove_all(dir);
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
            b1_v70();
            b1_v71();
            b1_v72();
            b1_v76();
            b1_v77();
            return gpucheck::finish();
        }
        if (const char* only = std::getenv("RWKV_TEST_ONLY"); only && std::strcmp(only, "nonfinite") == 0) {
            non_finite_weights();  // the load's NaN / infinity refusals alone
            weights_beyond_fp16();
            return gpucheck::finish();
        }
        if (const char* only = std::getenv("RWKV_TEST_ONLY"); only && std::strcmp(only, "stamps") == 0) {
            sparse_stamps();  // v75: the sparse FFN stamps' check alone (beside a probe call)
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
        b1_v70();
        b1_v71();
        b1_v72();
        b1_v76();
        b1_v77();
        goldens_int8(0);
        sparse_stamps();
        errors();
        non_finite_weights();
        weights_beyond_fp16();
        shape_sweep();
        cpu_vs_cuda_01b(48);
    } catch (const std::exception& e) {
        check(false, std::string("exception: ") + e.what());
    }
    return gpucheck::finish();
}
