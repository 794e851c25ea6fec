// The v80b checks of test_cuda_rows (the nn.Linear products of a 2-8-row step with K split over a CTA's warps,
// kernels/cuda/matvec_rows_split.cu; see test_cuda_rows.cpp's header for the list): on the random 0.1B shape with a
// vocabulary of 65,530 (C = 768 and F = 3,072: every K a multiple of 256, so r/k/v (3 strided matrices, fp16 outputs
// with fp16 weights), LoRA down, output (beta 1), FFN key and head (N = 65,530, not a multiple of a CTA's 4 rows) take
// the kernel; the LoRA up products (K = 32-128) stay on cuBLAS), one step in each weight type against cuBLAS, and
// batched == single with it on.
#include <memory>
#include <string>
#include <vector>

#include "cuda/cuda_rows.h"
#include "cuda_rows_util.h"
#include "rwkv/dtype.h"

namespace rowscheck {
namespace {

// The random 0.1B shape with V = 65,530 (every K but the LoRA up ones a multiple of 256) on cuda:0 in weight type `dt`.
std::unique_ptr<rwkv::Model> split_model(rwkv::DType dt) {
    return random_01b_cuda(dt, 12);
}

// One B-row step from clones of `base` with v80b at `split` rows (0 = off: cuBLAS); its logits, then every state.
std::pair<std::vector<float>, std::vector<float>> split_step(rwkv::Model& m, const std::vector<rwkv::State>& base,
                                                             int split) {
    cuda_of(m).set_rows_matvec_split(split);
    return batch_step(m, base, 80u);
}

// The defaults (session 54's H100 measurements; cuda_model.h set_rows_sparse_ffn / set_rows_matvec_split, all -1; v82, on
// by default since session 55, stays at its default on every side, taking the wide products): a
// step at the weight type's default is bit for bit the step with its form set by hand, and not the other form — fp16:
// v80b at B = 2 only, v79 up to 6 rows (8 since session 56's v84, from sm_80); int8: v80b (int8 read as int8, v80 off) and v79 up to 8 rows; fp32: v80b off,
// v79 up to 4 rows. Failing, the defaults are not the ones docs/perf/cuda-rows.md "v80b" measured. v86 (on by default
// since session 58 for fp16 / int8 from sm_80) takes the LoRA products, the last v80b had beside v82: so these run with
// v86 off (where v80b's defaults still act: before sm_80, RWKV_CUDA_LORA_MMA=0), and then, v86 at its default, a step
// is the same with v80b on and off (fp16 / int8: nothing left to it; fp32: v86 never runs, so v80b acts as above).
void split_defaults() {
    for (rwkv::DType dt : {rwkv::DType::F32, rwkv::DType::F16, rwkv::DType::I8}) {
        const std::string d(rwkv::dtype_name(dt));
        auto g = split_model(dt);
        auto& cm = cuda_of(*g);
        const int split = dt == rwkv::DType::I8 ? 8 : dt == rwkv::DType::F16 ? 2 : 0;
        // fp16: 8 rows where v84 runs (sm_80 and later, as mma_defaults assumes; before, v79's 6)
        const int sparse = dt == rwkv::DType::I8 ? 8 : dt == rwkv::DType::F16 ? 8 : 4;
        cm.set_rows_lora_mma(0);
        for (int B : {2, 3, 8}) {
            const std::vector<rwkv::State> base = prompted_states(*g, B, 820u);
            cm.set_rows_sparse_ffn(-1);
            cm.set_rows_matvec(-1);
            cm.set_rows_matvec_split(-1);
            const auto def = batch_step(*g, base, 81u);
            const bool split_on = B <= split;
            cm.set_rows_sparse_ffn(sparse);
            cm.set_rows_matvec(0);
            cm.set_rows_matvec_split(split_on ? 8 : 0);
            const auto same = batch_step(*g, base, 81u);
            cm.set_rows_matvec_split(split_on ? 0 : 8);
            const auto other = batch_step(*g, base, 81u);
            cm.set_rows_matvec_split(-1);
            cm.set_rows_sparse_ffn(B <= sparse ? 0 : 8);  // v79 the other way
            const auto other_ffn = batch_step(*g, base, 81u);
            check(def == same && def.first != other.first && def.first != other_ffn.first,
                  d + " B=" + std::to_string(B) + " default step == v80b " + (split_on ? "on" : "off") + ", v79 " +
                      (B <= sparse ? "on" : "off") + " set by hand (" + (def == same ? "yes" : "no") +
                      "), != v80b " + (split_on ? "off" : "on") + " (" + (def.first != other.first ? "yes" : "no") +
                      "), != v79 " + (B <= sparse ? "off" : "on") + " (" + (def.first != other_ffn.first ? "yes" : "no") + ")");
        }
        cm.set_rows_sparse_ffn(-1);
        cm.set_rows_matvec(-1);
        cm.set_rows_matvec_split(-1);
        cm.set_rows_lora_mma(-1);
        if (dt == rwkv::DType::F32) continue;
        for (int B : {2, 8}) {
            const std::vector<rwkv::State> base = prompted_states(*g, B, 822u);
            const auto on = split_step(*g, base, 8);
            const auto off = split_step(*g, base, 0);
            cm.set_rows_matvec_split(-1);
            check(on == off, d + " B=" + std::to_string(B) + " v86 at its default: the step with v80b on == off (" +
                                 (on == off ? "yes" : "no") + ")");
        }
    }
}

}  // namespace

// v80b against cuBLAS: the same sums in another order — fp32 within 1e-5 (fp32 accumulation over K <= 3,072 both
// ways); fp16 within 2e-3 (where the step stores fp16 — r/k/v, the FFN key's outputs — another order can move a value
// by one fp16 ulp, 4.9e-4 relative), as small_batch_rows' v80 limits; int8 (read as int8, the row scale on the sum)
// against cuBLAS over the weights dequantised to fp16 within 5e-3, as test_cuda_rows_i8's v81 limit (each scaled weight
// rounded to fp16 on that side); not bit-identical (else the kernel did not run).
// Then B = 2, 3, 8 (8 = kMatvecRowsMax; the R = 2, 4 and 8 forms) and 9 (past it: cuBLAS) batched == single with it on.
void split_matvec_rows() {
    for (rwkv::DType dt : {rwkv::DType::F32, rwkv::DType::F16, rwkv::DType::I8}) {
        const bool f32 = dt == rwkv::DType::F32;
        const std::string d(rwkv::dtype_name(dt));
        auto g = split_model(dt);
        auto& cm = cuda_of(*g);
        cm.set_rows_sparse_ffn(8);
        cm.set_rows_matvec_mma(0);  // v80b's own products, not v82's (on by default for fp16 / int8: it would take them)
        for (int B : {2, 3, 8}) {
            const std::vector<rwkv::State> base = prompted_states(*g, B, 800u);
            const auto [ls, ss] = split_step(*g, base, 8);
            const auto [lb, sb] = split_step(*g, base, 0);
            const double lim = f32 ? 1e-5 : dt == rwkv::DType::F16 ? 2e-3 : 5e-3, rl = rel_l2(ls, lb), rs = rel_l2(ss, sb);
            check(all_finite(ls) && all_finite(ss) && rl <= lim && rs <= lim && ls != lb,
                  d + " 0.1B shape (V = 65530) B=" + std::to_string(B) + " step, v80b split matvec vs cuBLAS: logits rel " +
                      fmt(rl) + ", state rel " + fmt(rs) + " <= " + fmt(lim) + ", not bit-identical " +
                      (ls != lb ? "yes" : "no"));
        }
        cm.set_rows_matvec_split(8);
        for (int B : {2, 3, 8, 9})
            batched_equals_single(*g, B, 2, f32 ? 1e-4 : 1e-2,
                                  d + " batched == single, v79 + v80b up to 8 rows (0.1B random shape, V = 65530)", 24);
        cm.set_rows_matvec_split(-1);  // the defaults again
        cm.set_rows_matvec_mma(-1);
        cm.set_rows_sparse_ffn(-1);
    }
    split_defaults();
}

}  // namespace rowscheck
