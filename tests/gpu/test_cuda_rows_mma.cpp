// The v82 checks of test_cuda_rows (the nn.Linear products of a 2-8-row step on the tensor cores,
// kernels/cuda/matvec_rows_mma.cu; see test_cuda_rows.cpp's header for the list): the kernel alone against the host's
// double sums (fp16 and int8 weights), and the rows path's steps with it against cuBLAS and == single.
#include <string>
#include <vector>

#include <cuda_runtime_api.h>

#include "cuda/cuda_rows.h"
#include "cuda_rows_util.h"
#include "rwkv/dtype.h"

namespace ck = rwkv::cuda_kernels;

namespace rowscheck {
namespace {

// launch_matvec_rows_mma on random operands against double sums on the host: Y_m[r, n] = beta*Y_m + s_m[n] * sum_k
// W_m[n, k] * X_m[r, k] (s = 1 for fp16 weights). N not a multiple of a CTA's 16 rows (rows past N read row N - 1 again
// and are never stored), every R of 1-8 (rows past R read row R - 1 again: the mma's N is 8), K = 256 (warps 4-7 of a
// CTA without a step) to 4,096, count 1-3 with the int8 scales at m*N, Y fp32 (beta 0 and 1) and fp16, a gap after each
// Y_m that must stay untouched. The products are exact (fp16 × fp16, and int8 → fp16 is exact), the sums fp32 in the
// tensor cores and then over 8 warps: fp32 Y within 1e-4 of the sum of |terms| (the tensor cores' fp32 accumulation may
// truncate, not round: at most K / 16 steps of 2^-23 each, 3.1e-5 at K = 4,096, plus the warps' 8 roundings);
// fp16 Y one fp16 rounding (2^-11 relative) more. A wrong fragment layout is off by whole terms, far past this.
void kernel_vs_host(bool int8) {
    const MatvecCase cases[] = {{1, 13, 256, 1, false, 0.0f}, {2, 760, 768, 3, true, 0.0f},   {3, 760, 768, 1, false, 1.0f},
                                {4, 37, 512, 2, false, 0.0f}, {5, 1000, 2048, 3, true, 0.0f}, {6, 529, 4096, 1, false, 1.0f},
                                {7, 96, 1024, 2, true, 1.0f}, {8, 4101, 512, 3, true, 0.0f}};
    matvec_rows_vs_host(ck::launch_matvec_rows_mma, int8, cases, 1e-4, int8 ? 82 : 820,
                        std::string("v82 mma matvec rows kernel, ") + (int8 ? "int8" : "fp16") + " weights, vs host:");
}

// The calls it must refuse: fp32 weights, K not a multiple of 256, R past 8.
void kernel_refusals() {
    float* buf = nullptr;  // 64 KB: large enough for what the refused calls would have read and written
    const bool got_buf = cudaMalloc(reinterpret_cast<void**>(&buf), 65536) == cudaSuccess;
    ck::MatvecRowsArgs bad;
    bad.R = 2;
    bad.N = 16;
    bad.K = 256;
    bad.W = bad.X = buf;
    bad.Y = buf;
    const cudaError_t e32 = ck::launch_matvec_rows_mma(bad, ck::WType::F32, nullptr);
    bad.K = 264;
    const cudaError_t ek = ck::launch_matvec_rows_mma(bad, ck::WType::F16, nullptr);
    bad.K = 256;
    bad.R = 9;
    const cudaError_t er = ck::launch_matvec_rows_mma(bad, ck::WType::F16, nullptr);
    cudaFree(buf);
    check(got_buf && e32 == cudaErrorInvalidValue && ek == cudaErrorInvalidValue && er == cudaErrorInvalidValue,
          "v82 mma matvec rows kernel: fp32 weights, K % 256 != 0 and R = 9 are refused (invalid value)");
}

// The random 0.1B shape with V = 65,530 on cuda:0 (C = 768, F = 3,072): r/k/v (3 strided matrices, fp16 outputs),
// output (beta 1), FFN key and head (N = 65,530) take v82; the LoRA products (N < kMatvecMmaMinN, or K < 256) do not.
// One step with v82 against cuBLAS (v80b, v80 off; v79 on in both): fp16 within 2e-3, int8 (converted to fp16 exactly,
// the row scale on the sum) against cuBLAS over the weights dequantised to fp16 within 5e-3 — the limits and reasons
// of v80b's checks (test_cuda_rows_split.cpp); not bit-identical (else the kernel did not run). Then batched == single
// with it on at B = 2, 3, 8 and 9 (past kMatvecRowsMax: cuBLAS).
void mma_steps() {
    for (rwkv::DType dt : {rwkv::DType::F16, rwkv::DType::I8}) {
        const std::string d(rwkv::dtype_name(dt));
        auto g = random_01b_cuda(dt, 13);
        auto& cm = cuda_of(*g);
        cm.set_rows_sparse_ffn(8);
        cm.set_rows_matvec(0);
        cm.set_rows_matvec_split(0);
        for (int B : {2, 3, 8}) {
            const std::vector<rwkv::State> base = prompted_states(*g, B, 830u);
            cm.set_rows_matvec_mma(8);
            const auto [lm, sm] = batch_step(*g, base, 82u);
            cm.set_rows_matvec_mma(0);
            const auto [lb, sb] = batch_step(*g, base, 82u);
            const double lim = dt == rwkv::DType::F16 ? 2e-3 : 5e-3, rl = rel_l2(lm, lb), rs = rel_l2(sm, sb);
            check(all_finite(lm) && all_finite(sm) && rl <= lim && rs <= lim && lm != lb,
                  d + " 0.1B shape (V = 65530) B=" + std::to_string(B) + " step, v82 mma matvec vs cuBLAS: logits rel " +
                      fmt(rl) + ", state rel " + fmt(rs) + " <= " + fmt(lim) + ", not bit-identical " +
                      (lm != lb ? "yes" : "no"));
        }
        cm.set_rows_matvec_mma(8);
        for (int B : {2, 3, 8, 9})
            batched_equals_single(*g, B, 2, 1e-2, d + " batched == single, v79 + v82 up to 8 rows (0.1B random shape, V = 65530)",
                                  24);
        cm.set_rows_matvec_mma(-1);  // the defaults again
        cm.set_rows_matvec_split(-1);
        cm.set_rows_matvec(-1);
        cm.set_rows_sparse_ffn(-1);
    }
}

// The default (session 55's H100 measurements; cuda_model.h set_rows_matvec_mma, -1): v82 up to 8 rows with fp16 and
// int8 weights — a default step is bit for bit the step with v82 at 8 rows set by hand and differs from v82 off — and
// never with fp32 weights (the kernel is fp16 in: GemmRunner does not give it fp32 products, so 8 by hand, 0 and the
// default are one step). B = 2, 3, 8 (the R = 2 mma form, one past v80b's fp16 default of 2 rows, kMatvecRowsMax).
void mma_defaults() {
    for (rwkv::DType dt : {rwkv::DType::F32, rwkv::DType::F16, rwkv::DType::I8}) {
        const std::string d(rwkv::dtype_name(dt));
        const bool on = dt != rwkv::DType::F32;
        auto g = random_01b_cuda(dt, 14);
        auto& cm = cuda_of(*g);
        for (int B : {2, 3, 8}) {
            const std::vector<rwkv::State> base = prompted_states(*g, B, 840u);
            cm.set_rows_matvec_mma(-1);
            const auto def = batch_step(*g, base, 83u);
            cm.set_rows_matvec_mma(8);
            const auto by_hand = batch_step(*g, base, 83u);
            cm.set_rows_matvec_mma(0);
            const auto off = batch_step(*g, base, 83u);
            cm.set_rows_matvec_mma(-1);
            const bool ok = def == by_hand && (on ? def.first != off.first : def == off);
            check(ok, d + " B=" + std::to_string(B) + " default step == v82 at 8 rows set by hand (" +
                          (def == by_hand ? "yes" : "no") + "), " + (on ? "!= v82 off (" : "== v82 off: never on fp32 (") +
                          ((def == off) != on ? "yes" : "no") + ")");
        }
    }
}

}  // namespace

void mma_matvec_rows() {
    kernel_vs_host(false);
    kernel_vs_host(true);
    kernel_refusals();
    mma_steps();
    mma_defaults();
}

}  // namespace rowscheck
