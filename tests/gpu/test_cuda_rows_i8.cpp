// The v81 checks of test_cuda_rows (int8 weights in the matvec rows kernel, kernels/cuda/matvec_rows.cu; see
// test_cuda_rows.cpp's header for the list): the kernel alone against the host's double sums, and the rows path's
// small steps with int8 weights read as int8 against the same steps through the dequantise path.
#include <string>
#include <vector>

#include <cuda_runtime_api.h>

#include "cuda/cuda_rows.h"
#include "cuda_rows_util.h"
#include "rwkv/dtype.h"

namespace ck = rwkv::cuda_kernels;

namespace rowscheck {
namespace {

// launch_matvec_rows with int8 weights on random operands against double sums on the host: Y_m[r, n] = beta*Y_m +
// scale_m[n] * sum_k W_m[n, k] * X_m[r, k]. N not a multiple of a CTA's 16 rows (the last warp's rows past N are read
// again from row N-1 and never stored), K not a multiple of a warp's 256-column walk, every row-count template (R = 1,
// 2 | 3, 4 | 5, 8), count 1-3 with each matrix's scales at m*N (the r/k/v block's layout), Y fp32 (beta 0 and 1) and
// fp16, a gap after each Y_m that must stay untouched. fp32 Y within 1e-5 of the sum of |terms| (fp32 accumulation of
// exact int8 x fp16 products over K <= 2,056: the rounding is ~K * 2^-24 of that sum at worst); fp16 Y within one fp16
// rounding (2^-11 relative) more. (H100, session 53: fp32 at 0.2 % of the allowed, fp16 at 74-87 %: the rounding.)
void kernel_vs_host() {
    const MatvecCase cases[] = {{1, 13, 8, 1, false, 0.0f},   {2, 760, 776, 3, true, 0.0f},  {3, 760, 768, 1, false, 1.0f},
                                {4, 37, 264, 2, false, 0.0f}, {5, 1000, 2056, 3, true, 0.0f}, {8, 760, 776, 1, false, 1.0f},
                                {8, 4101, 512, 3, true, 0.0f}};
    matvec_rows_vs_host(ck::launch_matvec_rows, true, cases, 1e-5, 81, "v81 int8 matvec rows kernel vs host:");
    float* buf = nullptr;  // 4 KB: large enough for what the refused calls would have read and written
    const bool got_buf = cudaMalloc(reinterpret_cast<void**>(&buf), 4096) == cudaSuccess;
    ck::MatvecRowsArgs bad;
    bad.R = 2;
    bad.N = 16;
    bad.K = 16;
    bad.W = bad.X = bad.scale = buf;
    bad.Y = buf;
    const cudaError_t e32 = ck::launch_matvec_rows(bad, ck::WType::F32, nullptr);
    bad.K = 12;
    const cudaError_t ek = ck::launch_matvec_rows(bad, ck::WType::F16, nullptr);
    cudaFree(buf);
    check(got_buf && e32 == cudaErrorInvalidValue && ek == cudaErrorInvalidValue,
          "v81 int8 matvec rows kernel: int8 weights with fp32 activations and K % 8 != 0 are refused (invalid value)");
}

// One B-row step from clones of `base` with v81 on or off (its logits, then every state).
std::pair<std::vector<float>, std::vector<float>> step_from(rwkv::Model& m, const std::vector<rwkv::State>& base,
                                                            bool i8) {
    cuda_of(m).set_rows_matvec_i8(i8);
    auto out = batch_step(m, base, 81u);
    cuda_of(m).set_rows_matvec_i8(true);
    return out;
}

// An int8 model's B-row steps with v80 on: v81 (int8 read as int8) against the dequantise path (v81 off: W to fp16,
// then v80's fp16 form; the same summation order). The same int8 weights and fp32 accumulation; the dequantise path
// rounds every scaled weight to fp16 (2^-12 relative on average, random signs: ~3e-4 of a dot of 128-3,072 terms),
// where the step stores fp16 (r/k/v, the FFN key's outputs) that can move a value by one fp16 ulp (4.9e-4), and the
// differences grow through the layers: H100 (session 53) logits rel 0.6-0.7e-3 after 3 layers (rand-L3-D128), 1.35e-3
// after 12 (the 0.1B shape), states 0.2-0.6e-3; the limit 5e-3. Not bit-identical (else the step did not take the
// int8 kernel: with the hook removed these checks read rel 0 and fail).
void int8_vs_dequantise(rwkv::Model& m, const std::string& tag, int min_len) {
    auto& cm = cuda_of(m);
    cm.set_rows_sparse_ffn(8);
    cm.set_rows_matvec(8);
    cm.set_rows_matvec_split(0);  // v81's kernel, not v80b's (on by default for int8: it would take these products)
    cm.set_rows_matvec_mma(0);    // nor v82's (on by default for int8 too)
    for (int B : {2, 3, 8}) {
        const std::vector<rwkv::State> base = prompted_states(m, B, 810u, min_len);
        const auto [li, si] = step_from(m, base, true);
        const auto [ld, sd] = step_from(m, base, false);
        const double rl = rel_l2(li, ld), rs = rel_l2(si, sd);
        check(all_finite(li) && all_finite(si) && rl <= 5e-3 && rs <= 5e-3 && li != ld,
              tag + " B=" + std::to_string(B) + " step, int8 matvec (v81) vs dequantise + fp16 matvec: logits rel " +
                  fmt(rl) + ", state rel " + fmt(rs) + " <= 0.005, not bit-identical " + (li != ld ? "yes" : "no"));
    }
    cm.set_rows_sparse_ffn(0);
    cm.set_rows_matvec(0);
}

}  // namespace

void int8_matvec_rows() {
    kernel_vs_host();
    auto m = load_cuda("rand-rwkv7-L3-D128.safetensors", rwkv::DType::I8);
    int8_vs_dequantise(*m, "int8 rand-L3-D128", 1);
    // The 0.1B random shape (C = 768: three 256-column walks a lane; F = 3,072) with a vocabulary of 65,530: the
    // head's N not a multiple of a CTA's 16 rows. Batched == single with v79 + v80 + v81 (contexts from 24 tokens, as
    // prefill_vs_cpu_01b's fp16 checks), then v81 against the dequantise path.
    auto g = random_01b_cuda(rwkv::DType::I8, 11);
    cuda_of(*g).set_rows_sparse_ffn(8);
    cuda_of(*g).set_rows_matvec(8);
    cuda_of(*g).set_rows_matvec_split(0);
    cuda_of(*g).set_rows_matvec_mma(0);
    for (int B : {2, 3, 8}) batched_equals_single(*g, B, 2, 1e-2, "int8 batched == single, v79 + v80 + v81 (0.1B random shape, V = 65530)", 24);
    int8_vs_dequantise(*g, "int8 0.1B random shape (V = 65530)", 24);
}

}  // namespace rowscheck
