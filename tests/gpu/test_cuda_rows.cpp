// GPU tests of the CUDA rows path (label gpu; exit 77 = skipped without a CUDA device):
//   * chunked prefill == token by token (fp32 weights <= 1e-4 relative, fp16 and int8 <= 1e-2: int8 prefill
//     dequantises to fp16 tiles for cuBLAS, int8 decode reads int8 in the matvec) across block and chunk
//     boundaries (blocks of chunk_size and of CudaModel::kMaxRows), against the CPU fp32 reference on the
//     random 0.1B shape, a 2,000-token prompt without NaN/Inf, cancellation and progress between chunks;
//   * batched decode == B forward() calls (per row) for sequences of different lengths, several steps,
//     B above kMaxRows (slices), graph and eager, cuBLAS and the fallback GEMM, the v16 kernels (fused
//     LayerNorm + mixes, fused WKV) and their v15 challengers, the 0.1B shape, B = 1 bit-exact;
//   * v79 / v80: steps of 2..8 rows (the sparse FFN value kernel, the matvec rows kernel) == single, at 9 rows and
//     with both off (cuBLAS) too; one step in each form against the others (relu² bit for bit; orders within 1e-5 fp32);
//   * v81 (test_cuda_rows_i8.cpp): the matvec rows kernel with int8 weights against the host's double sums (N not a
//     multiple of a CTA's rows, every row-count form, strided r/k/v-style calls, fp16 / fp32 Y, beta 1); int8 steps of
//     2, 3 and 8 rows against the dequantise path (rand-L3-D128 and the 0.1B shape with V = 65530) and == single;
//   * v80b (test_cuda_rows_split.cpp): the split-K matvec rows kernel's steps against cuBLAS on the 0.1B shape with V =
//     65530 (fp32 / fp16 / int8), batched == single with it;
//   * v82 (test_cuda_rows_mma.cpp): the mma matvec rows kernel against the host's double sums (fp16 and int8 weights;
//     every R of 1-8, N not a multiple of 16, strided, beta 1, fp16 Y) and its refusals; its steps against cuBLAS on
//     the 0.1B shape with V = 65530 (fp16 / int8), batched == single with it;
//   * v84 (test_cuda_rows_sparse_mma.cpp): the sparse FFN value on the tensor cores against the host's double sums
//     (fp16 and int8 weights, R = 1-8, F and C off the chunk and slice sizes, relu² inside, deterministic, the active
//     count) and its refusal of fp32; its steps against v79 on the 0.1B shape, batched == single with it;
//   * v86 (test_cuda_rows_lora_mma.cpp): the small steps' LoRA down (with its activations) and up kernels against the
//     host's double sums (R = 1-8, 1-4 jobs of widths 32-480, C 64-4096, fp32 and fp16 y, deterministic, row R
//     untouched) and their refusals; its steps against v51 / v19 on the 0.1B shape (fp16 / int8; fp32 never runs it),
//     batched == single with it;
//   * forward_batch input errors leave every state untouched;
//   * v19 grouped LoRA GEMMs (default) and the 8 single ones: batched == single, prefill == token by token;
//   * v18 fp16-state option of batched decode (v20 kernel): against the fp32 state (logits rel <= 1e-2, state rel <= 2e-3),
//     against B single runs, export -> import bit-exact, forward() after it; rand-L3-D128 and a C = 4096 shape;
//   * device sampling (test_cuda_rows_sampling.cpp; forward_batch_sample, kernels/cuda/sample.cu): the kernel against
//     the host's sample_token on synthetic rows (peaked, flat ties, crowded near 1/V, banned -inf, NaN, all -inf, tied maxima; V = 65536,
//     51203 and 1003) with the same uniform numbers; on the model: greedy == argmax of the returned logits, top-p
//     ids inside the nucleus and equal to the host's, the random streams advanced as the host's, rows independent
//     of their batch position, errors;
//   * v48: the fp16-state decode step with 2 or 1 sequences per CTA == the 4-sequence form (v42), bit for bit; v60
//     (one warp per sequence; 4, 2 or 1 per CTA), v72 (v60 with its state block moved by the bulk-copy engine) and v75
//     (v72 with its inputs by bulk copies and its head sums by transposed butterflies) likewise, at B = 11, 37 and 300 (RWKV_TEST_ROWS_ONLY=wkv: these alone);
//   * v53: the batched-decode LayerNorm + mixes (ln_mix_dec_kernel, set_ln_mix_v53 1 and 2) == the v43L kernel, bit for bit;
//   * v51: batched decode with the v/w/a/g LoRA projections as one GEMM each way (the default up to kLora4Rows rows)
//     and as two (v19, forced by set_rows_lora4(0)) both == single on the C = 4096 shape;
//   * v52: the cuBLASLt table's batched-decode GEMMs (builds that link cuBLASLt) on a 7.2B-wide 2-layer shape at
//     B = 200 (the entries' row range): batched == single with the table on and off.

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "cuda/cuda_gemm.h"
#include "cuda/cuda_model.h"
#include "cuda/cuda_rows.h"
#include "cuda_rows_util.h"
#include "random_host_weights.h"
#include "rwkv/devices.h"
#include "rwkv/error.h"
#include "rwkv/model.h"
#include "rwkv/sampler.h"

namespace ck = rwkv::cuda_kernels;

namespace {

using namespace rowscheck;

void prefill_equals_token_by_token() {
    for (rwkv::DType dt : {rwkv::DType::F32, rwkv::DType::F16, rwkv::DType::I8}) {
        const double tol = dt == rwkv::DType::F32 ? 1e-4 : 1e-2;
        const std::string tag = std::string(rwkv::dtype_name(dt)) + " prefill vs token by token, ";
        for (const char* file : {"rand-rwkv7-L3-D128.safetensors", "tiny-rwkv7-834K.safetensors"}) {
            auto m = load_cuda(file, dt);
            const int V = m->shape().vocab_size;
            struct Case { int n; std::size_t chunk; const char* what; };
            const Case cases[] = {{2, 256, "2 tokens"}, {77, 256, "77 tokens, one block"},
                                  {300, 128, "300 tokens, chunks of 128"},
                                  {1100, 4096, "1100 tokens, blocks of 1024 + 76"}};
            for (const Case& c : cases) {
                const auto ids = random_ids(c.n, V, 99u + unsigned(c.n));
                rwkv::ForwardOptions o;
                o.chunk_size = c.chunk;
                const auto [lt, st] = run(*m, ids, std::size_t(1) << 30);
                const auto [lp, sp] = run(*m, ids, 0, o);
                const double rl = rel_l2(lp, lt), rs = rel_l2(sp, st);
                check(all_finite(lp) && all_finite(sp) && rl <= tol && rs <= tol,
                      tag + file + ", " + c.what + ": logits rel " + fmt(rl) + ", state rel " + fmt(rs) + " <= " + fmt(tol));
            }
        }
    }
}

void cancel_and_progress() {
    auto m = load_cuda("rand-rwkv7-L3-D128.safetensors", rwkv::DType::F16);
    const auto ids = random_ids(300, m->shape().vocab_size, 5u);
    std::vector<std::pair<std::size_t, std::size_t>> seen;
    rwkv::ForwardOptions o;
    o.chunk_size = 128;
    o.progress = [&](std::size_t done, std::size_t total) { seen.emplace_back(done, total); };
    rwkv::State s = m->new_state();
    std::vector<float> logits(std::size_t(m->shape().vocab_size));
    m->forward(s, ids, logits, o);
    const bool prog = seen.size() == 3 && seen[0] == std::pair<std::size_t, std::size_t>(128, 300) &&
                      seen[1].first == 256 && seen[2].first == 300;
    check(prog, "prefill progress after each chunk of 128: " + std::to_string(seen.size()) + " calls");
    std::atomic<bool> cancel{false};
    rwkv::ForwardOptions oc;
    oc.chunk_size = 128;
    oc.cancel = &cancel;
    oc.progress = [&](std::size_t done, std::size_t) {  // seen at the 128 boundary, checked at the next one
        if (done >= 128) cancel = true;
    };
    rwkv::State c = m->new_state();
    bool cancelled = false;
    try {
        m->forward(c, ids, logits, oc);
    } catch (const rwkv::Error& e) {
        cancelled = e.code() == rwkv::ErrorCode::Cancelled;
    }
    // the state holds the first two chunks (cancel is checked before each chunk, as on the CPU backend)
    const std::vector<std::int32_t> first(ids.begin(), ids.begin() + 256);
    const auto [l256, s256] = run(*m, first, 0);
    const double rs = rel_l2(c.to_host(), s256);
    check(cancelled && rs <= 1e-2, "prefill cancel between chunks: Cancelled, state = first 256 tokens (rel " + fmt(rs) + ")");
}

}  // namespace

namespace rowscheck {

void batched_equals_single(rwkv::Model& m, int B, int steps, double tol, const std::string& tag, int min_len) {
    const int V = m.shape().vocab_size;
    std::vector<rwkv::State> single, batch;
    std::vector<float> logits(static_cast<std::size_t>(V));
    for (int b = 0; b < B; ++b) {
        rwkv::State s = m.new_state();
        const int len = min_len + (b * 7) % 23;  // min_len (0: a fresh state) .. min_len + 22 tokens
        if (len > 0) m.forward(s, random_ids(len, V, 1000u + unsigned(b)), logits);
        batch.push_back(s.clone());
        single.push_back(std::move(s));
    }
    std::vector<rwkv::State*> ptrs;
    for (auto& s : batch) ptrs.push_back(&s);
    double worst = 0, worst_state = 0;
    for (int step = 0; step < steps; ++step) {
        const auto ids = random_ids(B, V, 31u * unsigned(step) + 7u);
        std::vector<float> bl(std::size_t(B) * std::size_t(V));
        m.forward_batch(ptrs, ids, bl);
        for (int b = 0; b < B; ++b) {
            m.forward(single[std::size_t(b)], {ids.data() + b, 1}, logits);
            worst = std::max(worst, rel_l2(bl.data() + std::size_t(b) * V, logits.data(), std::size_t(V)));
        }
    }
    bool finite = true;
    for (int b = 0; b < B; ++b) {
        const auto sb = batch[std::size_t(b)].to_host(), ss = single[std::size_t(b)].to_host();
        finite = finite && all_finite(sb);
        worst_state = std::max(worst_state, rel_l2(sb, ss));
    }
    check(finite && worst <= tol && worst_state <= tol, tag + ": B=" + std::to_string(B) + ", " + std::to_string(steps) +
                                                          " steps, worst row logits rel " + fmt(worst) + ", state rel " +
                                                          fmt(worst_state) + " <= " + fmt(tol));
}

}  // namespace rowscheck

namespace {

using namespace rowscheck;

// Prefill (fp32 and fp16 weights) against the CPU fp32 reference on the random 0.1B shape.
void prefill_vs_cpu_01b() {
    const rwkv::ModelShape s = shape_01b();
    const auto ids = random_ids(64, s.vocab_size, 4242u);
    std::vector<float> lc, sc;
    {
        auto cpu = rwkv::Model::from_weights(random_host_weights(s, 11), rwkv::LoadOptions{});
        rwkv::State st = cpu->new_state();
        lc.resize(std::size_t(s.vocab_size));
        cpu->forward(st, ids, lc);
        sc = st.to_host();
    }
    for (rwkv::DType dt : {rwkv::DType::F32, rwkv::DType::F16}) {
        rwkv::LoadOptions og;
        og.backend = "cuda:0";
        og.weight_dtype = dt;
        auto gpu = rwkv::Model::from_weights(random_host_weights(s, 11), og);
        const auto [lg, sg] = run(*gpu, ids, 0);
        const double tol = dt == rwkv::DType::F32 ? 1e-4 : 1e-2;
        const double rl = rel_l2(lg, lc), rs = rel_l2(sg, sc);
        check(all_finite(lg) && all_finite(sg) && rl <= tol && rs <= tol,
              std::string("0.1B random, 64-token prefill, ") + std::string(rwkv::dtype_name(dt)) + " CUDA vs CPU fp32: logits rel " +
                  fmt(rl) + ", state rel " + fmt(rs) + " <= " + fmt(tol));
        // Short contexts of this random model amplify rounding (CPU fp16 weights vs the fp32 reference: 0.95%
        // after 5 tokens, 0.16% after 24): fp32 checks contexts from 0 tokens, fp16 from 24 (fp16 activations
        // in the batched GEMMs against fp32 activations in forward() read 6.6% on one fresh 2-token row).
        const bool f32 = dt == rwkv::DType::F32;
        batched_equals_single(*gpu, 33, 2, f32 ? 1e-4 : 1e-2,
                              std::string(rwkv::dtype_name(dt)) + " batched == single (0.1B random shape, contexts from " +
                                  (f32 ? "0" : "24") + " tokens)",
                              f32 ? 0 : 24);
        cuda_of(*gpu).set_rows_sparse_ffn(8);  // v79 past its default of 6 rows, v80 (off by default: it lost)
        cuda_of(*gpu).set_rows_matvec(8);
        cuda_of(*gpu).set_rows_matvec_split(0);  // v80b off, which would take v80's products (its own checks: _split)
        cuda_of(*gpu).set_rows_matvec_mma(0);    // v82 too (its own checks: _mma)
        batched_equals_single(*gpu, 3, 2, f32 ? 1e-4 : 1e-2,  // v79's sparse FFN value: 3 column slices, 6 chunks
                              std::string(rwkv::dtype_name(dt)) + " batched == single, v79 + v80 (0.1B random shape)",
                              f32 ? 0 : 24);
        if (dt == rwkv::DType::F16) {  // 2,000 tokens: prefill against token by token, nothing overflows
            const auto long_ids = random_ids(2000, s.vocab_size, 777u);
            const auto [lt, st] = run(*gpu, long_ids, std::size_t(1) << 30);
            const auto [lp, sp] = run(*gpu, long_ids, 0);
            const double r2 = rel_l2(lp, lt), s2 = rel_l2(sp, st);
            check(all_finite(lt) && all_finite(st) && all_finite(lp) && all_finite(sp) && r2 <= 1e-2 && s2 <= 1e-2,
                  "0.1B random fp16, 2000 tokens: no NaN/Inf; prefill vs token by token logits rel " + fmt(r2) +
                      ", state rel " + fmt(s2) + " <= 0.01");
        }
    }
}

void batched_decode() {
    for (rwkv::DType dt : {rwkv::DType::F32, rwkv::DType::F16, rwkv::DType::I8}) {
        const double tol = dt == rwkv::DType::F32 ? 1e-4 : 1e-2;
        const std::string d(rwkv::dtype_name(dt));
        auto m = load_cuda("rand-rwkv7-L3-D128.safetensors", dt);
        batched_equals_single(*m, 5, 3, tol, d + " batched == single (rand-L3-D128)");
        batched_equals_single(*m, 64, 2, tol, d + " batched == single (rand-L3-D128)");
        cuda_of(*m).set_use_graph(false);
        batched_equals_single(*m, 9, 2, tol, d + " batched == single, eager launches");
        cuda_of(*m).set_use_graph(true);
        cuda_of(*m).set_gemm_simple(true);
        batched_equals_single(*m, 9, 2, tol, d + " batched == single, fallback GEMM");
        cuda_of(*m).set_gemm_simple(false);
        cuda_of(*m).set_rows_ln_fused(false);  // the v15 challengers of the v16 kernels stay right
        cuda_of(*m).set_wkv_scan_t1(false);
        cuda_of(*m).set_rows_wkv_fused(false);
        batched_equals_single(*m, 9, 2, tol, d + " batched == single, v15 LayerNorm/mix pair, WKV prep/8-step scan/post");
        cuda_of(*m).set_rows_ln_fused(true);
        cuda_of(*m).set_wkv_scan_t1(true);
        batched_equals_single(*m, 9, 2, tol, d + " batched == single, WKV prep/T=1 scan/post");
        cuda_of(*m).set_rows_wkv_fused(true);
        cuda_of(*m).set_relu2_h8(false);
        batched_equals_single(*m, 9, 2, tol, d + " batched == single, v1 relu2 element loop");
        cuda_of(*m).set_relu2_h8(true);
        cuda_of(*m).set_rows_lora_grouped(false);  // v19 off: the 8 LoRA GEMMs
        batched_equals_single(*m, 9, 2, tol, d + " batched == single, LoRA GEMMs one by one (v19 off)");
        {
            const auto ids = random_ids(300, m->shape().vocab_size, 4711u);
            const auto [lt, st] = run(*m, ids, std::size_t(1) << 30);
            const auto [lp, sp] = run(*m, ids, 0);
            const double rl = rel_l2(lp, lt), rs = rel_l2(sp, st);
            check(rl <= tol && rs <= tol, d + " prefill (v19 off) == token by token: logits rel " + fmt(rl) + ", state rel " +
                                              fmt(rs) + " <= " + fmt(tol));
        }
        cuda_of(*m).set_rows_lora_grouped(true);
        cuda_of(*m).set_rows_split(2);  // v16f: two half batches on two streams
        batched_equals_single(*m, 9, 2, tol, d + " batched == single, two half-batch streams");
        batched_equals_single(*m, 64, 2, tol, d + " batched == single, two half-batch streams");
        cuda_of(*m).set_use_graph(false);
        batched_equals_single(*m, 9, 2, tol, d + " batched == single, two half-batch streams, eager");
        cuda_of(*m).set_use_graph(true);
        cuda_of(*m).set_rows_split(0);
        auto t = load_cuda("tiny-rwkv7-834K.safetensors", dt);
        batched_equals_single(*t, rwkv::cuda::CudaModel::kMaxRows + 7, 1, tol, d + " batched == single, slices of kMaxRows (tiny)");
    }
    // B = 1 takes the decode graph: bit-exact with forward()
    auto m = load_cuda("rand-rwkv7-L3-D128.safetensors", rwkv::DType::F16);
    rwkv::State a = m->new_state(), b = m->new_state();
    std::vector<float> la(std::size_t(m->shape().vocab_size)), lb(la.size());
    const std::int32_t id[1] = {4321};
    rwkv::State* pb[1] = {&b};
    m->forward(a, id, la);
    m->forward_batch(pb, id, lb);
    check(la == lb && a.to_host() == b.to_host(), "forward_batch with B=1 == forward() (bit-exact)");
    check(cuda_of(*m).gemm_uses_cublas(), "rows-path GEMMs run through cuBLAS in this build");
}

// v79 / v80: steps of 2..8 rows run the FFN value as the sparse kernel (launch_sparse_ffn_batch) and their nn.Linear
// products as launch_matvec_rows; 9 rows and the knobs at 0 run cuBLAS. All == single; and one B=3 step from equal
// states in each form: relu² inside the sparse kernel == its own launch, bit for bit (the same fp16 values); the
// sparse kernel against the GEMM and the matvec against cuBLAS are the same sums in another order — fp32 within 1e-5;
// fp16 within 2e-3 (where the step stores fp16 — r/k/v, the FFN key's outputs — another order can move a value by one
// fp16 ulp, 4.9e-4 relative); int8 within 1e-2 for the FFN value and (v81) the matvec (cuBLAS reads the weights
// dequantised to fp16, the kernels scale the int8 values in fp32).
void small_batch_rows() {
    for (rwkv::DType dt : {rwkv::DType::F32, rwkv::DType::F16, rwkv::DType::I8}) {
        const double tol = dt == rwkv::DType::F32 ? 1e-4 : 1e-2;
        const std::string d(rwkv::dtype_name(dt));
        auto m = load_cuda("rand-rwkv7-L3-D128.safetensors", dt);
        auto& cm = cuda_of(*m);
        cm.set_rows_sparse_ffn(8);
        cm.set_rows_matvec(8);
        cm.set_rows_matvec_split(0);  // v80's and cuBLAS's forms here, not v80b's (on by default for fp16 / int8)
        cm.set_rows_matvec_mma(0);    // nor v82's (on by default for fp16 / int8 up to 8 rows)
        for (int B : {2, 3, 8, 9}) batched_equals_single(*m, B, 3, tol, d + " batched == single, v79 + v80 up to 8 rows");
        std::vector<rwkv::State> base;
        for (int b = 0; b < 3; ++b) {
            base.push_back(m->new_state());
            std::vector<float> l(std::size_t(m->shape().vocab_size));
            m->forward(base.back(), random_ids(5 + 4 * b, m->shape().vocab_size, 900u + unsigned(b)), l);
        }
        struct Out {
            std::vector<float> logits, state;
            unsigned long long active = 0;
        };
        auto step = [&](int sparse, bool relu2, int matvec) {  // one B=3 step from clones of `base` in one form
            cm.set_rows_sparse_ffn(sparse);
            cm.set_rows_sparse_relu2(relu2);
            cm.set_rows_matvec(matvec);
            std::vector<rwkv::State> st;
            std::vector<rwkv::State*> p;
            for (auto& s : base) st.push_back(s.clone());
            for (auto& s : st) p.push_back(&s);
            Out o;
            o.logits.resize(3 * std::size_t(m->shape().vocab_size));
            const auto f0 = m->ffn_activity();
            m->forward_batch(p, random_ids(3, m->shape().vocab_size, 77u), o.logits);
            o.active = m->ffn_activity().active - f0.active;
            for (auto& s : st) {
                const auto h = s.to_host();
                o.state.insert(o.state.end(), h.begin(), h.end());
            }
            return o;
        };
        const Out def = step(8, true, 8), relu2_launch = step(8, false, 8), gemm_ffn = step(0, true, 8),
                  blas = step(8, true, 0);
        cm.set_rows_sparse_ffn(0);
        cm.set_rows_matvec(0);
        batched_equals_single(*m, 3, 2, tol, d + " batched == single, cuBLAS and the FFN value GEMM (v79, v80 off)");
        cm.set_rows_sparse_ffn(8);
        cm.set_rows_sparse_relu2(true);
        cm.set_rows_matvec(8);
        check(def.logits == relu2_launch.logits && def.state == relu2_launch.state && def.active == relu2_launch.active &&
                  def.active > 0,
              d + " B=3 step: relu² inside the sparse kernel == its own launch (logits, states, active count " +
                  std::to_string(def.active) + " == " + std::to_string(relu2_launch.active) + ")");
        const bool f32 = dt == rwkv::DType::F32;
        const double lim_ffn = f32 ? 1e-5 : dt == rwkv::DType::F16 ? 2e-3 : 1e-2, lim_mv = f32 ? 1e-5 : dt == rwkv::DType::F16 ? 2e-3 : 1e-2;
        const double rf = rel_l2(def.logits, gemm_ffn.logits), sf = rel_l2(def.state, gemm_ffn.state);
        check(all_finite(def.logits) && rf <= lim_ffn && sf <= lim_ffn,
              d + " B=3 step, sparse FFN value vs GEMM: logits rel " + fmt(rf) + ", state rel " + fmt(sf) + " <= " +
                  fmt(lim_ffn));
        const double rm = rel_l2(def.logits, blas.logits), sm = rel_l2(def.state, blas.state);
        check(rm <= lim_mv && sm <= lim_mv, d + " B=3 step, matvec rows vs cuBLAS: logits rel " + fmt(rm) +
                                                ", state rel " + fmt(sm) + " <= " + fmt(lim_mv));
    }
}

void batch_errors() {
    auto m = load_cuda("rand-rwkv7-L3-D128.safetensors", rwkv::DType::F16);
    const std::size_t V = std::size_t(m->shape().vocab_size);
    rwkv::State a = m->new_state(), b = m->new_state();
    std::vector<float> one(V);
    m->forward(a, std::vector<std::int32_t>{1, 2, 3}, one);
    const auto before = a.to_host();
    auto code_of = [&](auto&& fn) {
        try {
            fn();
        } catch (const rwkv::Error& e) {
            return e.code();
        }
        return rwkv::ErrorCode::Internal;  // nothing thrown
    };
    std::vector<float> logits(2 * V);
    std::vector<rwkv::State*> dup = {&a, &a}, two = {&a, &b};
    const std::vector<std::int32_t> ids = {5, 6}, bad = {5, std::int32_t(V)};
    rwkv::State host(m->shape(), rwkv::make_host_state_storage(m->shape().state_floats()));
    std::vector<rwkv::State*> with_host = {&a, &host};
    std::vector<float> short_logits(V);
    check(code_of([&] { m->forward_batch(dup, ids, logits); }) == rwkv::ErrorCode::InvalidArgument,
          "forward_batch: a state twice -> InvalidArgument");
    check(code_of([&] { m->forward_batch(two, std::vector<std::int32_t>{5}, logits); }) == rwkv::ErrorCode::InvalidArgument,
          "forward_batch: 1 token for 2 states -> InvalidArgument");
    check(code_of([&] { m->forward_batch(two, bad, logits); }) == rwkv::ErrorCode::InvalidToken,
          "forward_batch: token id V -> InvalidToken");
    check(code_of([&] { m->forward_batch(two, ids, short_logits); }) == rwkv::ErrorCode::InvalidArgument,
          "forward_batch: logits of V floats for 2 states -> InvalidArgument");
    check(code_of([&] { m->forward_batch(with_host, ids, logits); }) == rwkv::ErrorCode::StateMismatch,
          "forward_batch: a host state -> StateMismatch");
    check(a.to_host() == before, "after the rejected batches the state is untouched");
    m->forward_batch(two, ids, {});  // logits not wanted
    check(a.to_host() != before, "forward_batch with an empty logits span still advances the states");
}

// The knob whose kernels only differ at C > 2048 (v16h: 512 threads per LayerNorm row), on a random C = 4096 shape
// (2 layers, fp16): batched == single.
void wide_shape_knobs() {
    rwkv::ModelShape s;
    s.n_layer = 2; s.n_embd = 4096; s.n_head = 64; s.head_size = 64; s.vocab_size = 4096; s.dim_ffn = 4096;
    s.lora_w = 128; s.lora_a = 128; s.lora_v = 96; s.lora_g = 480;
    auto m = rwkv::cuda::make_random_cuda_model(s, 0, rwkv::DType::F16, 5, 0.1);
    batched_equals_single(*m, 9, 2, 1e-2, "fp16 C=4096 batched == single (v16 defaults: 512-thread LayerNorm rows)", 24);
    m->set_ln_mix_rows_512(false);
    batched_equals_single(*m, 9, 2, 1e-2, "fp16 C=4096 batched == single, 256-thread LayerNorm rows", 24);
    m->set_ln_mix_rows_512(true);
    rwkv::cuda::set_rows_lora4(0);
    m->set_ln_mix_rows_512(true);  // drops the captured graphs
    batched_equals_single(*m, 9, 2, 1e-2, "fp16 C=4096 batched == single, v/w/a and g LoRA GEMMs apart (v51 off)", 24);
    rwkv::cuda::set_rows_lora4(1);
    m->set_ln_mix_rows_512(true);
    batched_equals_single(*m, 9, 2, 1e-2, "fp16 C=4096 batched == single, v/w/a/g LoRA as one GEMM each way (v51 on)", 24);
    rwkv::cuda::set_rows_lora4(-1);
    m->set_ln_mix_rows_512(true);
}

// v18 fp16-state option of batched decode, against the fp32 state on the same batched path from the same states
// (B sequences of different lengths, `steps` steps): logits rel <= 1e-2 (fp16 tolerance), state rel <= 2e-3 (a few
// roundings to fp16, 2^-11 relative each); then export -> import of an fp16-mode state continues bit-exact (the
// export widens exactly and re-rounding an fp16 value is the identity), and a batch-1 forward() on it works.
void fp16_state_vs_fp32(rwkv::cuda::CudaModel& m, int B, int steps, int min_len, const std::string& tag) {
    const int V = m.shape().vocab_size;
    std::vector<rwkv::State> a, h;
    std::vector<float> logits(static_cast<std::size_t>(V));
    for (int b = 0; b < B; ++b) {
        rwkv::State s = m.new_state();
        const int len = min_len + (b * 7) % 23;
        if (len > 0) m.forward(s, random_ids(len, V, 2000u + unsigned(b)), logits);
        h.push_back(s.clone());
        a.push_back(std::move(s));
    }
    std::vector<rwkv::State*> pa, ph;
    for (int b = 0; b < B; ++b) {
        pa.push_back(&a[std::size_t(b)]);
        ph.push_back(&h[std::size_t(b)]);
    }
    std::vector<float> la(std::size_t(B) * std::size_t(V)), lh(la.size());
    double worst = 0;
    bool finite = true;
    for (int step = 0; step < steps; ++step) {
        const auto ids = random_ids(B, V, 57u * unsigned(step) + 3u);
        m.set_batch_state_f16(false);
        m.forward_batch(pa, ids, la);
        m.set_batch_state_f16(true);
        m.forward_batch(ph, ids, lh);
        finite = finite && all_finite(lh);
        for (int b = 0; b < B; ++b)
            worst = std::max(worst, rel_l2(lh.data() + std::size_t(b) * V, la.data() + std::size_t(b) * V, std::size_t(V)));
    }
    double worst_state = 0;
    for (int b = 0; b < B; ++b) {
        const auto sh = h[std::size_t(b)].to_host();
        finite = finite && all_finite(sh);
        worst_state = std::max(worst_state, rel_l2(sh, a[std::size_t(b)].to_host()));
    }
    check(finite && worst <= 1e-2 && worst_state <= 2e-3,
          tag + ": fp16 state vs fp32 state, B=" + std::to_string(B) + ", " + std::to_string(steps) +
              " steps: worst row logits rel " + fmt(worst) + " <= 0.01, state rel " + fmt(worst_state) + " <= 0.002");
    // export -> import: the imported copy continues exactly like the original (both in fp16-state mode)
    rwkv::State imported = m.new_state();
    imported.from_host(h[0].to_host());
    rwkv::State h1 = h[1].clone();
    std::vector<rwkv::State*> p1 = {&h[0], &h[1]}, p3 = {&imported, &h1};
    std::vector<float> l1(2 * std::size_t(V)), l2(l1.size());
    const auto ids = random_ids(2, V, 99u);
    m.forward_batch(p1, ids, l1);
    m.forward_batch(p3, ids, l2);
    const bool same = l1 == l2 && h[0].to_host() == imported.to_host();
    check(same, tag + ": fp16-state export -> import continues bit-exact (logits and state after one more step)");
    // a batch-1 forward() on an fp16-mode state (widened first) agrees with the fp32 path's state
    m.forward(h[0], std::vector<std::int32_t>{7}, logits);
    std::vector<float> ref(logits.size());
    m.forward(a[0], std::vector<std::int32_t>{ids[0]}, ref);
    m.forward(a[0], std::vector<std::int32_t>{7}, ref);
    const double r1 = rel_l2(logits, ref);
    check(all_finite(logits) && r1 <= 1e-2, tag + ": forward() after fp16-state steps: logits rel " + fmt(r1) +
                                                " <= 0.01 against the fp32-state run");
    m.set_batch_state_f16(false);
}

// The fp16-state option on the v20 kernel (4 state rows per thread, 4 sequences per CTA: B = 34 leaves a CTA part-filled).
void fp16_state() {
    for (rwkv::DType dt : {rwkv::DType::F32, rwkv::DType::F16}) {
        const std::string d(rwkv::dtype_name(dt));
        auto m = load_cuda("rand-rwkv7-L3-D128.safetensors", dt);
        auto& c = cuda_of(*m);
        fp16_state_vs_fp32(c, 9, 3, dt == rwkv::DType::F32 ? 0 : 24, d + " rand-L3-D128");
        c.set_batch_state_f16(true);  // and batched (fp16 state) == B single runs (fp32 state)
        batched_equals_single(*m, 33, 3, 1e-2, d + " batched with fp16 state == single (rand-L3-D128)", 24);
        c.set_use_graph(false);
        batched_equals_single(*m, 9, 2, 1e-2, d + " batched with fp16 state == single, eager (rand-L3-D128)", 24);
        c.set_use_graph(true);
        c.set_batch_state_f16(false);
    }
    rwkv::ModelShape s;  // 64 heads: the fp16 state's column mapping at the 7.2B width
    s.n_layer = 2; s.n_embd = 4096; s.n_head = 64; s.head_size = 64; s.vocab_size = 4096; s.dim_ffn = 4096;
    s.lora_w = 128; s.lora_a = 128; s.lora_v = 96; s.lora_g = 480;
    auto w = rwkv::cuda::make_random_cuda_model(s, 0, rwkv::DType::F16, 6, 0.1);
    fp16_state_vs_fp32(*w, 9, 3, 24, "fp16 C=4096");
    w->set_batch_state_f16(true);
    batched_equals_single(*w, 9, 2, 1e-2, "fp16 C=4096 batched with fp16 state == single", 24);
    batched_equals_single(*w, 34, 2, 1e-2, "fp16 C=4096 batched with fp16 state == single", 24);
    w->set_batch_state_f16(false);
}


// v48 (session 16): the fp16-state, fp16-input decode step with 2 and 1 sequences per CTA (set_wkv_decode_seqs) ==
// the 4-sequence v42 form, bit for bit: ids of 3 top-p steps, the logits of one more step and every state, from
// prefilled states of different lengths; C = 4096 (64 heads, as the 7.2B), B = 11 and 37 (the last CTA part-filled
// at 4 and 2 sequences per CTA).
// Ids of 3 top-p steps, the logits of one more step and every state of B prefilled sequences (fp16 state), for the
// bit-for-bit checks of kernel forms that must not change a result.
struct DecodeBits {
    std::vector<std::int32_t> ids;
    std::vector<float> logits, state;
    bool operator==(const DecodeBits& o) const {
        return ids == o.ids && logits.size() == o.logits.size() && state.size() == o.state.size() &&
               std::memcmp(logits.data(), o.logits.data(), logits.size() * 4) == 0 &&
               std::memcmp(state.data(), o.state.data(), state.size() * 4) == 0;
    }
};
DecodeBits decode_bits(rwkv::cuda::CudaModel& m, int B) {
    const int V = m.shape().vocab_size;
    const rwkv::TokenSampling top_p{1.0f, 0.5f};
    m.set_batch_state_f16(true);  // drops the captured graphs
    std::vector<float> lg(static_cast<std::size_t>(V));
    std::vector<rwkv::State> st;
    for (int b = 0; b < B; ++b) {
        st.push_back(m.new_state());
        m.forward(st.back(), random_ids(1 + b % 4, V, 900u + unsigned(b)), lg);
    }
    std::vector<rwkv::State*> ptrs;
    for (auto& x : st) ptrs.push_back(&x);
    std::vector<std::uint64_t> rng(static_cast<std::size_t>(B));
    for (int b = 0; b < B; ++b) rng[std::size_t(b)] = 77u + std::uint64_t(b);
    std::vector<std::int32_t> next(static_cast<std::size_t>(B));
    DecodeBits r;
    for (int t = 0; t < 3; ++t) {
        m.forward_batch_sample(ptrs, random_ids(B, V, 40u + unsigned(t)), {&top_p, 1}, rng, next);
        r.ids.insert(r.ids.end(), next.begin(), next.end());
    }
    r.logits.resize(std::size_t(B) * std::size_t(V));
    m.forward_batch(ptrs, next, r.logits);
    for (auto* x : ptrs) {
        const std::vector<float> h = x->to_host();
        r.state.insert(r.state.end(), h.begin(), h.end());
    }
    return r;
}

rwkv::ModelShape wide_shape(int C) {  // 2 layers, the 7.2B LoRA widths
    rwkv::ModelShape s;
    s.n_layer = 2; s.n_embd = C; s.n_head = C / 64; s.head_size = 64; s.vocab_size = 4096; s.dim_ffn = 4096;
    s.lora_w = 128; s.lora_a = 128; s.lora_v = 96; s.lora_g = 480;
    return s;
}

void wkv_seqs_bit_identical() {
    auto m = rwkv::cuda::make_random_cuda_model(wide_shape(4096), 0, rwkv::DType::F16, 7, 0.1);
    for (int B : {11, 37, 300}) {
        ck::set_wkv_decode_v60(0);  // v42 / v48 first
        DecodeBits ref;
        for (int seqs : {4, 2, 1}) {
            ck::set_wkv_decode_seqs(seqs);
            const DecodeBits r = decode_bits(*m, B);
            if (seqs == 4) {
                ref = r;
                continue;
            }
            check(r == ref, "fp16 state C=4096, B=" + std::to_string(B) + ": WKV step with " + std::to_string(seqs) +
                                " sequence(s) per CTA (v48) == 4 (v42), ids, logits and states bit for bit");
        }
        ck::set_wkv_decode_seqs(0);
        for (int warps : {4, 2, 1}) {
            ck::set_wkv_decode_v60(warps);
            check(decode_bits(*m, B) == ref, "fp16 state C=4096, B=" + std::to_string(B) + ": one warp per sequence (v60), " +
                                                 std::to_string(warps) + " per CTA == v42, ids, logits and states bit for bit");
        }
        ck::set_wkv_decode_v60(6);  // v72: the state block by the bulk-copy engine
        check(decode_bits(*m, B) == ref, "fp16 state C=4096, B=" + std::to_string(B) +
                                             ": bulk-copied state block (v72) == v42, ids, logits and states bit for bit");
        ck::set_wkv_decode_v60(19);  // v75: v72 with bulk-copied inputs and transposed head sums
        check(decode_bits(*m, B) == ref, "fp16 state C=4096, B=" + std::to_string(B) +
                                             ": bulk-copied inputs, transposed head sums (v75) == v42, ids, logits and states bit for bit");
    }
    ck::set_wkv_decode_v60(19);  // the defaults
    ck::set_wkv_decode_seqs(0);
    m->set_batch_state_f16(false);
}

// v57: the public batched call with the sampling rows after the graph's launch and the fp16 tables made without device
// selection (set_batch_step_early; with the lean host and without) == the call before v57, bit for bit, at B = 13 and
// 64 (C = 4096).
void step_v57_bit_identical() {
    auto m = rwkv::cuda::make_random_cuda_model(wide_shape(4096), 0, rwkv::DType::F16, 9, 0.1);
    for (int B : {13, 64}) {
        rwkv::cuda::set_batch_step_early(false);
        rwkv::cuda::set_batch_step_lean(true);
        const DecodeBits ref = decode_bits(*m, B);
        for (bool lean : {true, false}) {
            rwkv::cuda::set_batch_step_early(true);
            rwkv::cuda::set_batch_step_lean(lean);
            check(decode_bits(*m, B) == ref, "fp16 state C=4096, B=" + std::to_string(B) + ": early sampling rows, lean " +
                                                 std::to_string(int(lean)) +
                                                 " (v57) == the call before v57, ids, logits and states bit for bit");
        }
    }
    rwkv::cuda::set_batch_step_early(true);  // the defaults
    rwkv::cuda::set_batch_step_lean(true);
    m->set_batch_state_f16(false);
}

// v53: the batched-decode LayerNorm + mixes as ln_mix_dec_kernel (modes 1 and 2 of set_ln_mix_v53) == the v43L kernel
// (mode 0), bit for bit, at C = 4096 (512 threads per row) and C = 2048 (256).
void ln_v53_bit_identical() {
    for (int C : {4096, 2048}) {
        auto m = rwkv::cuda::make_random_cuda_model(wide_shape(C), 0, rwkv::DType::F16, 8, 0.1);
        for (int B : {13, 40}) {
            ck::set_ln_mix_v53(0);
            const DecodeBits ref = decode_bits(*m, B);
            for (int mode : {1, 2}) {
                ck::set_ln_mix_v53(mode);
                check(decode_bits(*m, B) == ref, "fp16 state C=" + std::to_string(C) + ", B=" + std::to_string(B) +
                                                     ": LayerNorm + mixes v53 mode " + std::to_string(mode) +
                                                     " == v43L, ids, logits and states bit for bit");
            }
        }
        ck::set_ln_mix_v53(2);  // the default
        m->set_batch_state_f16(false);
    }
}

// v52: the cuBLASLt table (cuda_gemm.h, set_gemm_lt_table) on the 7.2B widths (C = 4096, F = 16384, the 7.2B LoRA
// widths; 2 layers) at B = 200, inside its entries' row range (FFN value, v51 LoRA ups). Batched == single with the
// table on (and the entries really used) and off.
void lt_table() {
    if (!rwkv::cuda::gemm_lt_available()) {
        std::printf("lt_table: this build has no cuBLASLt: skipped\n");
        return;
    }
    rwkv::ModelShape s;
    s.n_layer = 2; s.n_embd = 4096; s.n_head = 64; s.head_size = 64; s.vocab_size = 4096; s.dim_ffn = 16384;
    s.lora_w = 128; s.lora_a = 128; s.lora_v = 96; s.lora_g = 480;
    auto m = rwkv::cuda::make_random_cuda_model(s, 0, rwkv::DType::F16, 6, 0.1);
    const int B = 200;
    rwkv::cuda::set_gemm_lt_table(1);
    m->set_ln_mix_rows_512(true);  // drops the captured graphs
    const long long before = rwkv::cuda::gemm_lt_table_calls();
    batched_equals_single(*m, B, 2, 1e-2, "fp16 C=4096 F=16384 batched == single, cuBLASLt table on", 24);
    const long long used = rwkv::cuda::gemm_lt_table_calls() - before;
    check(used > 0, "cuBLASLt table entries used at B=" + std::to_string(B) + ": " + std::to_string(used) +
                        " GEMM launches");
    rwkv::cuda::set_gemm_lt_table(0);
    m->set_ln_mix_rows_512(true);
    batched_equals_single(*m, B, 2, 1e-2, "fp16 C=4096 F=16384 batched == single, cuBLASLt table off", 24);
    rwkv::cuda::set_gemm_lt_table(1);
    m->set_ln_mix_rows_512(true);
}
}  // namespace

int main() {
    const auto devs = rwkv::list_gpu_devices();
    if (devs.empty()) {
        std::printf("no CUDA device: skipped\n");
        return gpucheck::kSkip;
    }
    std::printf("device %s: %s\n", devs[0].backend.c_str(), devs[0].name.c_str());
    try {
        if (const char* only = std::getenv("RWKV_TEST_ROWS_ONLY"); only && std::strcmp(only, "sparse") == 0) {
            small_batch_rows();  // v79 / v80 / v81 alone
            int8_matvec_rows();
            split_matvec_rows();
            mma_matvec_rows();
            sparse_mma_rows();
            lora_mma_rows();
            return gpucheck::finish();
        }
        if (const char* only = std::getenv("RWKV_TEST_ROWS_ONLY"); only && std::strcmp(only, "lt_table") == 0) {
            lt_table();  // the one check alone (device calls short of time)
            return gpucheck::finish();
        }
        if (const char* only = std::getenv("RWKV_TEST_ROWS_ONLY"); only && std::strcmp(only, "sample") == 0) {
            device_sampling();  // the sampler's forms and the public call's host forms (v56)
            return gpucheck::finish();
        }
        if (const char* only = std::getenv("RWKV_TEST_ROWS_ONLY"); only && std::strcmp(only, "step") == 0) {
            step_v57_bit_identical();  // the public call's early sampling rows (v57), then the sampler checks
            device_sampling();
            return gpucheck::finish();
        }
        if (const char* only = std::getenv("RWKV_TEST_ROWS_ONLY"); only && std::strcmp(only, "wkv") == 0) {
            wkv_seqs_bit_identical();  // the fp16-state decode step's forms (v48, v60)
            return gpucheck::finish();
        }
        if (const char* only = std::getenv("RWKV_TEST_ROWS_ONLY"); only && std::strcmp(only, "ln_v53") == 0) {
            ln_v53_bit_identical();
            return gpucheck::finish();
        }
        prefill_equals_token_by_token();
        cancel_and_progress();
        batched_decode();
        small_batch_rows();
        int8_matvec_rows();
        split_matvec_rows();
        mma_matvec_rows();
        sparse_mma_rows();
        lora_mma_rows();
        batch_errors();
        prefill_vs_cpu_01b();
        wide_shape_knobs();
        fp16_state();
        device_sampling();
        wkv_seqs_bit_identical();
        step_v57_bit_identical();
        ln_v53_bit_identical();
        lt_table();
    } catch (const std::exception& e) {
        check(false, std::string("exception: ") + e.what());
    }
    return gpucheck::finish();
}
