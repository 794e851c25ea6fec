// The v86 checks of test_cuda_rows (the LoRA projections of a 2-8-row step on the tensor cores at their own widths,
// kernels/cuda/matvec_rows_mma.cu launch_lora_down_rows / launch_lora_up_rows; see test_cuda_rows.cpp's header for the
// list): both kernels alone against the host's double sums, their refusals, and the rows path's steps with v86 against
// v51 / v19, v86b (on a second stream) == v86, and == single; the defaults (v86 + v86b on since session 58).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
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

struct LoraCase {
    int R, C;
    std::vector<int> D;  // one job per width; activations none, tanh, sigmoid, none, ... in turn
};

double act_of(double v, int act) {
    return act == ck::kActTanh ? std::tanh(v) : act == ck::kActSigmoid ? 1.0 / (1.0 + std::exp(-v)) : v;
}

// One case: random fp16 operands, the down kernel then the up kernel (the up reading the device's h), each against
// double sums on the host. Bounds, per output, of the sum S of |terms| (the products are exact, fp16 × fp16; the sums
// fp32 in the tensor cores and, for the down, over 16 warps): the down's sum within 1e-4 S, then the activation
// (tanh and sigmoid move an error by at most 1× and 1/4×) and one fp16 rounding (2^-11 relative); the up within 1e-4 S,
// fp16 y one rounding more. A wrong fragment, K order or job mapping is off by whole terms. Row R of h and y (past the
// step) must stay untouched; a second run gives the same bits.
void one_case(const LoraCase& c, bool y_f16, std::mt19937& rng) {
    std::uniform_real_distribution<float> u(-1.0f, 1.0f);
    const int J = int(c.D.size());
    const std::size_t RC1 = std::size_t(c.R + 1) * c.C;
    std::vector<std::vector<std::uint16_t>> w1(J), w2(J), x(J);
    std::vector<void*> dw1(J), dw2(J), dx(J), dh(J), dy(J);
    ck::LoraRowsArgs a;
    a.R = c.R;
    a.C = c.C;
    a.y_f16 = y_f16;
    bool ok = true;
    const std::uint16_t sentinel = rwkv::f32_to_f16(-7.0f);
    for (int j = 0; j < J; ++j) {
        const std::size_t DC = std::size_t(c.D[j]) * c.C, RD1 = std::size_t(c.R + 1) * c.D[j];
        w1[j].resize(DC);
        w2[j].resize(DC);
        x[j].resize(std::size_t(c.R) * c.C);
        for (auto& v : w1[j]) v = rwkv::f32_to_f16(0.05f * u(rng));
        for (auto& v : w2[j]) v = rwkv::f32_to_f16(u(rng));
        for (auto& v : x[j]) v = rwkv::f32_to_f16(u(rng));
        const std::vector<std::uint16_t> h0(RD1, sentinel);
        const std::vector<float> y0(RC1, -7.0f);
        ok = ok && cudaMalloc(&dw1[j], DC * 2) == cudaSuccess && cudaMalloc(&dw2[j], DC * 2) == cudaSuccess &&
             cudaMalloc(&dx[j], x[j].size() * 2) == cudaSuccess && cudaMalloc(&dh[j], RD1 * 2) == cudaSuccess &&
             cudaMalloc(&dy[j], RC1 * 4) == cudaSuccess &&
             cudaMemcpy(dw1[j], w1[j].data(), DC * 2, cudaMemcpyHostToDevice) == cudaSuccess &&
             cudaMemcpy(dw2[j], w2[j].data(), DC * 2, cudaMemcpyHostToDevice) == cudaSuccess &&
             cudaMemcpy(dx[j], x[j].data(), x[j].size() * 2, cudaMemcpyHostToDevice) == cudaSuccess &&
             cudaMemcpy(dh[j], h0.data(), RD1 * 2, cudaMemcpyHostToDevice) == cudaSuccess &&
             cudaMemcpy(dy[j], y0.data(), RC1 * 4, cudaMemcpyHostToDevice) == cudaSuccess;
        a.job[j] = {dw1[j], dw2[j], dx[j], dh[j], dy[j], c.D[j], j % 3 == 1 ? ck::kActTanh : j % 3 == 2 ? ck::kActSigmoid
                                                                                                         : ck::kActNone};
    }
    a.n_jobs = J;
    // twice: the same bits
    std::vector<std::vector<std::uint16_t>> h1(J), h2(J);
    std::vector<std::vector<unsigned char>> y1(J), y2(J);
    for (int run = 0; run < 2 && ok; ++run) {
        ok = ck::launch_lora_down_rows(a, nullptr) == cudaSuccess && ck::launch_lora_up_rows(a, nullptr) == cudaSuccess &&
             cudaDeviceSynchronize() == cudaSuccess;
        for (int j = 0; j < J && ok; ++j) {
            auto& h = run == 0 ? h1[j] : h2[j];
            auto& y = run == 0 ? y1[j] : y2[j];
            h.resize(std::size_t(c.R + 1) * c.D[j]);
            y.resize(RC1 * 4);
            ok = cudaMemcpy(h.data(), dh[j], h.size() * 2, cudaMemcpyDeviceToHost) == cudaSuccess &&
                 cudaMemcpy(y.data(), dy[j], y.size(), cudaMemcpyDeviceToHost) == cudaSuccess;
        }
    }
    double worst_down = 0.0, worst_up = 0.0;
    bool gap_ok = true;
    const double rnd = std::ldexp(1.0, -11);
    for (int j = 0; j < J && ok; ++j) {
        const int D = c.D[j], act = a.job[j].act;
        for (int r = 0; r < c.R; ++r)
            for (int d = 0; d < D; ++d) {
                double sum = 0.0, sabs = 0.0;
                for (int k = 0; k < c.C; ++k) {
                    const double t = double(rwkv::f16_to_f32(x[j][std::size_t(r) * c.C + k])) *
                                     rwkv::f16_to_f32(w1[j][std::size_t(d) * c.C + k]);
                    sum += t;
                    sabs += std::fabs(t);
                }
                const double want = act_of(sum, act), got = rwkv::f16_to_f32(h1[j][std::size_t(r) * D + d]);
                worst_down = std::max(worst_down, std::fabs(got - want) / (1e-4 * sabs + rnd * std::fabs(want) + 1e-7));
            }
        for (int d = 0; d < D; ++d) gap_ok = gap_ok && h1[j][std::size_t(c.R) * D + d] == sentinel;
        for (int r = 0; r < c.R; ++r)
            for (int n = 0; n < c.C; ++n) {
                double sum = 0.0, sabs = 0.0;
                for (int d = 0; d < D; ++d) {
                    const double t = double(rwkv::f16_to_f32(h1[j][std::size_t(r) * D + d])) *
                                     rwkv::f16_to_f32(w2[j][std::size_t(n) * D + d]);
                    sum += t;
                    sabs += std::fabs(t);
                }
                const std::size_t i = std::size_t(r) * c.C + n;
                double got;
                if (y_f16) {
                    std::uint16_t v;
                    std::memcpy(&v, y1[j].data() + 2 * i, 2);
                    got = rwkv::f16_to_f32(v);
                } else {
                    float v;
                    std::memcpy(&v, y1[j].data() + 4 * i, 4);
                    got = v;
                }
                const double lim = 1e-4 * sabs + (y_f16 ? rnd * std::fabs(sum) : 0.0) + 1e-7;
                worst_up = std::max(worst_up, std::fabs(got - sum) / lim);
            }
        // row R of y untouched (fp16 y: the first R rows take R * C halves; fp32: R * C floats)
        const std::size_t es = y_f16 ? 2 : 4, from = std::size_t(c.R) * c.C * es;
        const std::vector<float> y0(RC1, -7.0f);
        gap_ok = gap_ok && std::equal(y1[j].begin() + std::ptrdiff_t(from), y1[j].end(),
                                      reinterpret_cast<const unsigned char*>(y0.data()) + from);
    }
    const bool same = h1 == h2 && y1 == y2;
    for (int j = 0; j < J; ++j)
        for (void* p : {dw1[j], dw2[j], dx[j], dh[j], dy[j]}) cudaFree(p);
    std::string widths;
    for (int d : c.D) widths += (widths.empty() ? "" : "/") + std::to_string(d);
    check(ok && worst_down <= 1.0 && worst_up <= 1.0 && gap_ok && same,
          "v86 LoRA down + up on the tensor cores, R=" + std::to_string(c.R) + " C=" + std::to_string(c.C) + " D=" +
              widths + (y_f16 ? " fp16 y" : " fp32 y") + ": worst error down " + fmt(worst_down) + ", up " +
              fmt(worst_up) + " of its bound, row R untouched " + (gap_ok ? "yes" : "no") +
              ", run twice bit-identical " + (same ? "yes" : "no"));
}

void kernels_vs_host() {
    std::mt19937 rng(86);
    const LoraCase cases[] = {{1, 64, {32}},
                              {2, 768, {128, 64, 64, 32}},
                              {3, 192, {96, 32}},
                              {5, 1024, {480, 128, 128, 96}},
                              {8, 768, {128, 64, 64}},
                              {8, 4096, {480, 128, 128, 96}}};
    for (const LoraCase& c : cases)
        for (bool y16 : {false, true}) one_case(c, y16, rng);
}

// The launches refuse what the kernels cannot take: R outside 1..8, a width not a multiple of 32, C not a multiple of
// 64, no jobs or more than 4, a null pointer (cudaErrorInvalidValue, nothing launched).
void kernels_refuse() {
    void* buf = nullptr;
    const bool got = cudaMalloc(&buf, 1 << 20) == cudaSuccess;
    auto args = [&](int R, int C, int D, int jobs) {
        ck::LoraRowsArgs a;
        a.R = R;
        a.C = C;
        a.n_jobs = jobs;
        for (auto& j : a.job) j = {buf, buf, buf, buf, buf, D, ck::kActNone};
        return a;
    };
    bool ok = got;
    for (const ck::LoraRowsArgs& a : {args(0, 64, 32, 1), args(9, 64, 32, 1), args(2, 64, 48, 1), args(2, 100, 32, 1),
                                      args(2, 64, 32, 0), args(2, 64, 32, 5)})
        ok = ok && ck::launch_lora_down_rows(a, nullptr) == cudaErrorInvalidValue &&
             ck::launch_lora_up_rows(a, nullptr) == cudaErrorInvalidValue;
    ck::LoraRowsArgs null_up = args(2, 64, 32, 1);
    null_up.job[0].up = nullptr;
    ok = ok && ck::launch_lora_up_rows(null_up, nullptr) == cudaErrorInvalidValue;
    cudaFree(buf);
    check(ok, "v86 LoRA kernels refuse R 0 / 9, D 48, C 100, 0 or 5 jobs and a null weight (invalid value)");
}

// The random 0.1B shape on cuda:0 (C = 768, LoRA widths w 64, a 64, v 32, g 128): one step with v86 against v51 (fp16)
// / v19 (int8) at B = 2, 3, 8 — within 2e-3 (fp16 weights: the hidden vectors are fp16 on both paths, the sums in
// another order may move a value stored in fp16 downstream by one ulp, v84's limit) and 5e-3 (int8: v82's limit, the
// rest of the step being int8); not bit-identical (else v86 did not run). Then batched == single with it on. fp32
// weights never run it (the same step bit for bit with it on or off). v86b (its launches on a second stream, a branch
// of the graph) gives v86's bits.
void lora_mma_steps() {
    for (rwkv::DType dt : {rwkv::DType::F16, rwkv::DType::I8, rwkv::DType::F32}) {
        const std::string d(rwkv::dtype_name(dt));
        auto g = random_01b_cuda(dt, 17);
        auto& cm = cuda_of(*g);
        for (int B : {2, 3, 8}) {
            const std::vector<rwkv::State> base = prompted_states(*g, B, 870u);
            cm.set_rows_lora_mma(1);
            cm.set_rows_lora_side(0);
            const auto on = batch_step(*g, base, 86u);
            cm.set_rows_lora_side(1);
            const auto side = batch_step(*g, base, 86u);
            cm.set_rows_lora_side(-1);
            cm.set_rows_lora_mma(0);
            const auto off = batch_step(*g, base, 86u);
            if (dt == rwkv::DType::F32) {
                check(on == off && side == off, d + " B=" + std::to_string(B) +
                                                    " step: v86 never runs with fp32 weights (on == off, with v86b too: " +
                                                    (on == off && side == off ? "yes" : "no") + ")");
                continue;
            }
            check(side == on, d + " B=" + std::to_string(B) + " step: v86b (the LoRA launches on a second stream) == v86 "
                              "on one, bit for bit (" + (side == on ? "yes" : "no") + ")");
            const double lim = dt == rwkv::DType::F16 ? 2e-3 : 5e-3, rl = rel_l2(on.first, off.first),
                         rs = rel_l2(on.second, off.second);
            check(all_finite(on.first) && all_finite(on.second) && rl <= lim && rs <= lim && on != off,
                  d + " 0.1B shape B=" + std::to_string(B) + " step, v86 LoRA mma vs " +
                      (dt == rwkv::DType::F16 ? "v51" : "v19") + ": logits rel " + fmt(rl) + ", state rel " + fmt(rs) +
                      " <= " + fmt(lim) + ", not bit-identical " + (on != off ? "yes" : "no"));
        }
        if (dt != rwkv::DType::F32) {
            cm.set_rows_lora_mma(1);
            cm.set_rows_lora_side(1);
            for (int B : {2, 3, 8})
                batched_equals_single(*g, B, 2, 1e-2, d + " batched == single, v86 + v86b (0.1B random shape)", 24);
            cm.set_rows_lora_side(-1);
        }
        cm.set_rows_lora_mma(-1);
    }
}

// The defaults (session 58's H100 measurement; cuda_model.h set_rows_lora_mma / set_rows_lora_side -1): v86 on a
// second stream (v86b) for fp16 and int8 weights from sm_80 — a default step is bit for bit the step with both set by
// hand and differs from v86 off (v51 / v19) — never with fp32 (the step is the same with v86 off). B = 2, 3, 8.
void lora_mma_defaults() {
    for (rwkv::DType dt : {rwkv::DType::F32, rwkv::DType::F16, rwkv::DType::I8}) {
        const std::string d(rwkv::dtype_name(dt));
        auto g = random_01b_cuda(dt, 18);
        auto& cm = cuda_of(*g);
        const bool on = dt != rwkv::DType::F32;  // on sm_80 and later, as mma_defaults assumes
        for (int B : {2, 3, 8}) {
            const std::vector<rwkv::State> base = prompted_states(*g, B, 880u);
            cm.set_rows_lora_mma(-1);
            cm.set_rows_lora_side(-1);
            const auto def = batch_step(*g, base, 87u);
            cm.set_rows_lora_mma(1);
            cm.set_rows_lora_side(1);
            const auto by_hand = batch_step(*g, base, 87u);
            cm.set_rows_lora_mma(0);
            const auto off = batch_step(*g, base, 87u);
            cm.set_rows_lora_mma(-1);
            cm.set_rows_lora_side(-1);
            const bool ok = on ? def == by_hand && def.first != off.first : def == off;
            check(ok, d + " B=" + std::to_string(B) + " default step " +
                          (on ? "== v86 + v86b set by hand (" + std::string(def == by_hand ? "yes" : "no") +
                                    "), != v86 off (" + (def.first != off.first ? "yes" : "no") + ")"
                              : "== v86 off: never on fp32 (" + std::string(def == off ? "yes" : "no") + ")"));
        }
    }
}

}  // namespace

void lora_mma_rows() {
    kernels_vs_host();
    kernels_refuse();
    lora_mma_steps();
    lora_mma_defaults();
}

}  // namespace rowscheck
