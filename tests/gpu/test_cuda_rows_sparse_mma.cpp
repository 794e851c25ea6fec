// The v84 checks of test_cuda_rows (the sparse FFN value of a 2-8-row step on the tensor cores,
// kernels/cuda/sparse_ffn_batch_mma.cu; see test_cuda_rows.cpp's header for the list): the kernel alone against the
// host's double sums (fp16 and int8 weights, with and without relu² inside), and the rows path's steps with it against
// v79 and == single.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <cuda_runtime_api.h>

#include "cuda/cuda_rows.h"
#include "cuda_rows_util.h"
#include "rwkv/dtype.h"

namespace ck = rwkv::cuda_kernels;

namespace rowscheck {
namespace {

struct SparseCase {
    int R, F, C;
    double density;  // of each row's non-zero activations
    bool relu2;      // h holds the key's outputs (negative where inactive): relu² inside the kernel
};

// launch_sparse_ffn_batch with `mma` on random operands against double sums on the host: x[r, c] += sum over f of
// a(h[r, f]) * s[f] * Vt[f, c], a = relu² rounded to fp16 (relu2) or the identity, s = 1 for fp16 weights. F not a
// multiple of the 512-neuron chunk, C not a multiple of a warp's 64 columns or the CTA's 256 (lanes past C), R = 1-8
// (the mma's N is 8), densities from 1 % to every neuron; a row R of x past the step that must stay untouched; the
// active count of relu2 against the host's. Bounds, per output, of the sum S of |terms|: the products are exact (fp16 ×
// fp16; int8 → fp16 exactly), the sums fp32 in the tensor cores (which may truncate: at most F / 16 steps of 2^-23 each)
// then over 32 chunks in fp32 — fp16 within 1e-4 S; int8 weights also round each activation times its row scale to
// fp16 (2^-11 relative): within 1e-4 S + 2^-11 S. A wrong fragment or column mapping is off by whole terms.
void kernel_vs_host(bool int8) {
    const SparseCase cases[] = {{1, 700, 264, 0.1, true},   {2, 1536, 256, 0.3, false}, {3, 1100, 136, 0.05, true},
                                {4, 512, 8, 0.5, false},    {5, 2048, 520, 0.1, true},  {6, 777, 64, 1.0, false},
                                {7, 3000, 1000, 0.01, true}, {8, 4096, 768, 0.1, true}, {8, 1024, 4096, 0.6, false}};
    std::mt19937 rng(int8 ? 84 : 840);
    std::uniform_real_distribution<float> u(-1.0f, 1.0f), u01(0.0f, 1.0f);
    std::uniform_int_distribution<int> qd(-127, 127);
    for (const SparseCase& c : cases) {
        const std::size_t FC = std::size_t(c.F) * c.C, RF = std::size_t(c.R) * c.F;
        std::vector<std::int8_t> q(int8 ? FC : 0);
        std::vector<std::uint16_t> w16(int8 ? 0 : FC), h16(RF);
        std::vector<float> w(FC), scale(std::size_t(c.F), 1.0f), act(RF), x0(std::size_t(c.R + 1) * c.C);
        for (std::size_t i = 0; i < FC; ++i) {
            if (int8) w[i] = q[i] = std::int8_t(qd(rng));
            else w[i] = rwkv::f16_to_f32(w16[i] = rwkv::f32_to_f16(u(rng)));
        }
        if (int8)
            for (auto& v : scale) v = (1.0f + 0.5f * u(rng)) / 127.0f;
        unsigned long long host_active = 0;
        for (std::size_t i = 0; i < RF; ++i) {
            const bool on = u01(rng) < c.density;
            const float k = on ? 0.05f + 3.0f * u01(rng) : (c.relu2 ? -u01(rng) : 0.0f);
            h16[i] = rwkv::f32_to_f16(k);
            const float kv = rwkv::f16_to_f32(h16[i]);
            act[i] = c.relu2 ? rwkv::f16_to_f32(rwkv::f32_to_f16(std::max(kv, 0.0f) * std::max(kv, 0.0f))) : kv;
            host_active += c.relu2 && kv > 0.0f;
        }
        for (auto& v : x0) v = u(rng);
        void *dw = nullptr, *dh = nullptr;
        float *ds = nullptr, *dx = nullptr, *dp = nullptr;
        unsigned* dcnt = nullptr;
        unsigned long long* dact = nullptr;
        const std::size_t wbytes = FC * (int8 ? 1 : 2), slices = std::size_t((c.C + 255) / 256);
        bool ok = cudaMalloc(&dw, wbytes) == cudaSuccess && cudaMalloc(&dh, RF * 2) == cudaSuccess &&
                  cudaMalloc(reinterpret_cast<void**>(&ds), scale.size() * 4) == cudaSuccess &&
                  cudaMalloc(reinterpret_cast<void**>(&dx), x0.size() * 4) == cudaSuccess &&
                  cudaMalloc(reinterpret_cast<void**>(&dp), std::size_t(ck::ffn_partials(c.F)) * c.R * c.C * 4) ==
                      cudaSuccess &&
                  cudaMalloc(reinterpret_cast<void**>(&dcnt), slices * 4) == cudaSuccess &&
                  cudaMalloc(reinterpret_cast<void**>(&dact), 8) == cudaSuccess;
        ok = ok &&
             cudaMemcpy(dw, int8 ? static_cast<const void*>(q.data()) : w16.data(), wbytes, cudaMemcpyHostToDevice) ==
                 cudaSuccess &&
             cudaMemcpy(dh, h16.data(), RF * 2, cudaMemcpyHostToDevice) == cudaSuccess &&
             cudaMemcpy(ds, scale.data(), scale.size() * 4, cudaMemcpyHostToDevice) == cudaSuccess &&
             cudaMemset(dcnt, 0, slices * 4) == cudaSuccess;
        ck::SparseFfnBatchArgs a;
        a.R = c.R;
        a.F = c.F;
        a.C = c.C;
        a.h = dh;
        a.Vt = dw;
        a.Vscale = int8 ? ds : nullptr;
        a.partials = dp;
        a.counters = dcnt;
        a.x = dx;
        a.relu2 = c.relu2;
        a.active = dact;
        a.mma = true;
        // twice from the same x: the second run must give the same bits (deterministic), the counters re-armed
        std::vector<float> x1(x0.size()), x2(x0.size());
        unsigned long long active = 0;
        for (std::vector<float>* out : {&x1, &x2}) {
            ok = ok && cudaMemcpy(dx, x0.data(), x0.size() * 4, cudaMemcpyHostToDevice) == cudaSuccess &&
                 cudaMemset(dact, 0, 8) == cudaSuccess &&
                 ck::launch_sparse_ffn_batch(a, ck::WType::F16, nullptr) == cudaSuccess &&
                 cudaDeviceSynchronize() == cudaSuccess &&
                 cudaMemcpy(out->data(), dx, x0.size() * 4, cudaMemcpyDeviceToHost) == cudaSuccess &&
                 cudaMemcpy(&active, dact, 8, cudaMemcpyDeviceToHost) == cudaSuccess;
        }
        double worst = 0.0;  // the largest error as a fraction of its bound
        bool gap_ok = true;
        const double lim = 1e-4 + (int8 ? std::ldexp(1.0, -11) : 0.0);
        for (int r = 0; r < c.R && ok; ++r)
            for (int col = 0; col < c.C; ++col) {
                double sum = 0.0, sabs = 0.0;
                for (int f = 0; f < c.F; ++f) {
                    const double t = double(act[std::size_t(r) * c.F + f]) * scale[std::size_t(f)] *
                                     w[std::size_t(f) * c.C + col];
                    sum += t;
                    sabs += std::fabs(t);
                }
                const std::size_t i = std::size_t(r) * c.C + col;
                const double err = std::fabs(double(x1[i]) - (double(x0[i]) + sum));
                worst = std::max(worst, err / (lim * sabs + 1e-6 + 2e-7 * std::fabs(x0[i])));
            }
        for (int col = 0; col < c.C; ++col) {
            const std::size_t i = std::size_t(c.R) * c.C + col;
            gap_ok = gap_ok && x1[i] == x0[i];
        }
        cudaFree(dw);
        cudaFree(dh);
        cudaFree(ds);
        cudaFree(dx);
        cudaFree(dp);
        cudaFree(dcnt);
        cudaFree(dact);
        const bool act_ok = !c.relu2 || active == host_active;
        check(ok && worst <= 1.0 && gap_ok && x1 == x2 && act_ok,
              std::string("v84 sparse FFN value on the tensor cores, ") + (int8 ? "int8" : "fp16") + " weights, R=" +
                  std::to_string(c.R) + " F=" + std::to_string(c.F) + " C=" + std::to_string(c.C) + " density " +
                  fmt(c.density) + (c.relu2 ? " relu² inside" : "") + ": worst error " + fmt(worst) +
                  " of its bound, row R untouched " + (gap_ok ? "yes" : "no") + ", run twice bit-identical " +
                  (x1 == x2 ? "yes" : "no") + (c.relu2 ? ", active " + std::to_string(active) + " == host " +
                                                             std::to_string(host_active) : std::string()));
    }
}

// It refuses fp32 weights (the mma is fp16 in).
void kernel_refusal() {
    float* buf = nullptr;
    const bool got_buf = cudaMalloc(reinterpret_cast<void**>(&buf), 65536) == cudaSuccess;
    ck::SparseFfnBatchArgs bad;
    bad.R = 2;
    bad.F = 512;
    bad.C = 8;
    bad.h = bad.Vt = buf;
    bad.partials = bad.x = buf;
    bad.counters = reinterpret_cast<unsigned*>(buf);
    bad.mma = true;
    const cudaError_t e = ck::launch_sparse_ffn_batch(bad, ck::WType::F32, nullptr);
    cudaFree(buf);
    check(got_buf && e == cudaErrorInvalidValue, "v84 sparse FFN value: fp32 weights are refused (invalid value)");
}

// The random 0.1B shape on cuda:0 (C = 768, F = 3,072: 6 chunks, 3 column slices): one step with v84 against v79 at
// B = 2, 3, 8 — fp16 within 2e-3 (v79's own limit against the GEMM: a value stored in fp16 downstream may move by one
// ulp), int8 within 5e-3 (the activations times the row scales rounded to fp16, v82's int8 limit); not bit-identical
// (else v84 did not run). Then batched == single with it on at B = 2, 3, 8.
void sparse_mma_steps() {
    for (rwkv::DType dt : {rwkv::DType::F16, rwkv::DType::I8}) {
        const std::string d(rwkv::dtype_name(dt));
        auto g = random_01b_cuda(dt, 15);
        auto& cm = cuda_of(*g);
        cm.set_rows_sparse_ffn(8);
        for (int B : {2, 3, 8}) {
            const std::vector<rwkv::State> base = prompted_states(*g, B, 850u);
            cm.set_rows_sparse_mma(1);
            const auto [lm, sm] = batch_step(*g, base, 84u);
            cm.set_rows_sparse_mma(0);
            const auto [lv, sv] = batch_step(*g, base, 84u);
            const double lim = dt == rwkv::DType::F16 ? 2e-3 : 5e-3, rl = rel_l2(lm, lv), rs = rel_l2(sm, sv);
            check(all_finite(lm) && all_finite(sm) && rl <= lim && rs <= lim && (lm != lv || sm != sv),
                  d + " 0.1B shape B=" + std::to_string(B) + " step, v84 sparse FFN mma vs v79: logits rel " + fmt(rl) +
                      ", state rel " + fmt(rs) + " <= " + fmt(lim) + ", not bit-identical " +
                      (lm != lv || sm != sv ? "yes" : "no"));
        }
        cm.set_rows_sparse_mma(1);
        for (int B : {2, 3, 8})
            batched_equals_single(*g, B, 2, 1e-2, d + " batched == single, v84 up to 8 rows (0.1B random shape)", 24);
        cm.set_rows_sparse_mma(-1);
        cm.set_rows_sparse_ffn(-1);
    }
}

// The defaults (session 56's H100 measurements; cuda_model.h set_rows_sparse_mma -1, set_rows_sparse_sum4 on): v84 with
// fp16 and int8 weights from sm_80 — a default step is bit for bit the step with v84 set by hand and differs from v84
// off (v79) — never with fp32 (the step is v79's: the same with v84 on or off by hand); v85's four-column sums are
// bit-identical to the one-column ones (sum4 off), in every weight type. B = 2, 3, 8 (v79 / v84 run to 8 rows).
void sparse_mma_defaults() {
    for (rwkv::DType dt : {rwkv::DType::F32, rwkv::DType::F16, rwkv::DType::I8}) {
        const std::string d(rwkv::dtype_name(dt));
        auto g = random_01b_cuda(dt, 16);
        auto& cm = cuda_of(*g);
        const bool on = dt != rwkv::DType::F32;  // on sm_80 and later, as mma_defaults assumes
        cm.set_rows_sparse_ffn(8);
        for (int B : {2, 3, 8}) {
            const std::vector<rwkv::State> base = prompted_states(*g, B, 860u);
            cm.set_rows_sparse_mma(-1);
            const auto def = batch_step(*g, base, 85u);
            cm.set_rows_sparse_mma(1);
            const auto by_hand = batch_step(*g, base, 85u);
            cm.set_rows_sparse_mma(0);
            const auto off = batch_step(*g, base, 85u);
            cm.set_rows_sparse_mma(-1);
            cm.set_rows_sparse_sum4(false);
            const auto sum1 = batch_step(*g, base, 85u);
            cm.set_rows_sparse_sum4(true);
            const bool ok = (on ? def == by_hand && def.first != off.first : def == off && def == by_hand) && def == sum1;
            check(ok, d + " B=" + std::to_string(B) + " default step " +
                          (on ? "== v84 set by hand (" + std::string(def == by_hand ? "yes" : "no") + "), != v84 off (" +
                                    (def.first != off.first ? "yes" : "no") + ")"
                              : "== v84 off and on by hand: never on fp32 (" +
                                    std::string(def == off && def == by_hand ? "yes" : "no") + ")") +
                          ", v85 four-column sums == one-column, bit for bit (" + (def == sum1 ? "yes" : "no") + ")");
        }
        cm.set_rows_sparse_ffn(-1);
    }
}

}  // namespace

void sparse_mma_rows() {
    kernel_vs_host(false);
    kernel_vs_host(true);
    kernel_refusal();
    sparse_mma_steps();
    sparse_mma_defaults();
}

}  // namespace rowscheck
