// Helpers shared by the CUDA rows-path tests (test_cuda_rows.cpp, test_cuda_rows_sampling.cpp, test_cuda_rows_i8.cpp,
// test_cuda_rows_split.cpp, test_cuda_rows_mma.cpp, test_cuda_rows_sparse_mma.cpp,
// test_cuda_rows_lora_mma.cpp;
// one executable):
// formatting, relative L2 errors, token streams, loading a test model on cuda:0 and forward() with a prefill threshold.
#pragma once

#include <cmath>
#include <cstdio>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "cuda/cuda_model.h"
#include "golden.h"
#include "gpu_check.h"
#include "random_host_weights.h"
#include "rwkv/model.h"
#include "sample_rows_check.h"

namespace rowscheck {

using gpucheck::check;
using golden::testdata;

inline std::string fmt(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.3g", v);
    return b;
}

inline double rel_l2(const float* a, const float* ref, std::size_t n) {
    double num = 0, den = 0;
    for (std::size_t i = 0; i < n; ++i) {
        num += (double(a[i]) - ref[i]) * (double(a[i]) - ref[i]);
        den += double(ref[i]) * ref[i];
    }
    return den > 0 ? std::sqrt(num / den) : std::sqrt(num);
}
inline double rel_l2(const std::vector<float>& a, const std::vector<float>& ref) {
    return a.size() == ref.size() ? rel_l2(a.data(), ref.data(), a.size()) : INFINITY;
}
inline bool all_finite(const std::vector<float>& v) {
    for (float x : v)
        if (!std::isfinite(x)) return false;
    return true;
}

// n token ids below vocab from a fixed LCG stream (the sampler checks' generator: the same ids for the same seed).
inline std::vector<std::int32_t> random_ids(int n, int vocab, std::uint32_t seed) {
    return samplecheck::lcg_ids(n, vocab, seed);
}

inline rwkv::cuda::CudaModel& cuda_of(rwkv::Model& m) { return dynamic_cast<rwkv::cuda::CudaModel&>(m); }

inline std::unique_ptr<rwkv::Model> load_cuda(const std::string& file, rwkv::DType dt) {
    rwkv::LoadOptions o;
    o.backend = "cuda:0";
    o.weight_dtype = dt;
    return rwkv::Model::load(testdata(file), o);
}

// The random 0.1B shape of the rows tests (12 layers, C = 768, F = 3,072) with the given vocabulary.
inline rwkv::ModelShape shape_01b(int vocab = 65536) {
    rwkv::ModelShape s;
    s.n_layer = 12; s.n_embd = 768; s.n_head = 12; s.head_size = 64; s.vocab_size = vocab; s.dim_ffn = 3072;
    s.lora_w = 64; s.lora_a = 64; s.lora_v = 32; s.lora_g = 128;
    return s;
}

/// The random 0.1B shape with V = 65,530 (the head's N not a multiple of a CTA's 16 rows; random_host_weights.h, its
/// `seed`) on cuda:0 with weight type `dt`: the small-step kernels' checks (v81, v80b, v82, v84, v86).
inline std::unique_ptr<rwkv::Model> random_01b_cuda(rwkv::DType dt, unsigned seed) {
    rwkv::LoadOptions o;
    o.backend = "cuda:0";
    o.weight_dtype = dt;
    return rwkv::Model::from_weights(random_host_weights(shape_01b(65530), seed), o);
}

// Logits and state after `ids` through forward() with the given prefill threshold and options.
inline std::pair<std::vector<float>, std::vector<float>> run(rwkv::Model& m, const std::vector<std::int32_t>& ids,
                                                             std::size_t prefill_min, const rwkv::ForwardOptions& o = {}) {
    cuda_of(m).set_prefill_min_tokens(prefill_min);
    rwkv::State s = m.new_state();
    std::vector<float> logits(std::size_t(m.shape().vocab_size));
    m.forward(s, ids, logits, o);
    cuda_of(m).set_prefill_min_tokens(16);
    return {logits, s.to_host()};
}

/// One batched decode step (forward_batch) of base.size() rows from clones of `base` (left as they are), the next
/// tokens drawn from `seed`: its logits [B, V], then every clone's state (host floats, row after row).
inline std::pair<std::vector<float>, std::vector<float>> batch_step(rwkv::Model& m, const std::vector<rwkv::State>& base,
                                                                    unsigned seed) {
    std::vector<rwkv::State> st;
    std::vector<rwkv::State*> p;
    for (const auto& s : base) st.push_back(s.clone());
    for (auto& s : st) p.push_back(&s);
    std::vector<float> logits(base.size() * std::size_t(m.shape().vocab_size)), states;
    m.forward_batch(p, random_ids(int(base.size()), m.shape().vocab_size, seed), logits);
    for (auto& s : st) {
        const auto h = s.to_host();
        states.insert(states.end(), h.begin(), h.end());
    }
    return {logits, states};
}

/// B sequences with prompts of different lengths (min_len .. min_len + 22 tokens), then `steps` batched decode steps
/// against forward() on clones: every row's logits and every state within `tol` (relative L2) (test_cuda_rows.cpp).
void batched_equals_single(rwkv::Model& m, int B, int steps, double tol, const std::string& tag, int min_len = 0);

/// B states on `m` that have read prompts of min_len, min_len + 3, … random tokens (seeds seed, seed + 1, …): the
/// starting point of a batched step.
inline std::vector<rwkv::State> prompted_states(rwkv::Model& m, int B, unsigned seed, int min_len = 24) {
    std::vector<rwkv::State> base;
    std::vector<float> l(std::size_t(m.shape().vocab_size));
    for (int b = 0; b < B; ++b) {
        base.push_back(m.new_state());
        m.forward(base.back(), random_ids(min_len + 3 * b, m.shape().vocab_size, seed + unsigned(b)), l);
    }
    return base;
}

/// One product of a matvec rows kernel against the host (matvec_rows_vs_host).
struct MatvecCase {
    int R, N, K, count;
    bool y16;
    float beta;
};
using MatvecRowsLaunch = cudaError_t (*)(const rwkv::cuda_kernels::MatvecRowsArgs&, rwkv::cuda_kernels::WType,
                                         cudaStream_t);

/// `launch` (ck::launch_matvec_rows or launch_matvec_rows_mma, called with WType::F16) on random operands of each case
/// against double sums on the host (cuda_rows_matvec_host.cpp): Y_m[r, n] = beta*Y_m + s_m[n] * sum_k W_m[n, k] *
/// X_m[r, k], W int8 with fp32 row scales s at m*N (`int8`) or fp16 (s = 1), X fp16, count matrices strided as the
/// r/k/v block, Y fp32 or fp16 with a gap after each Y_m that must stay untouched. fp32 Y within `rel` of the sum of
/// |terms| (the products are exact: int8 or fp16 times fp16; the bound is the kernel's fp32 summation), fp16 Y one
/// fp16 rounding (2^-11 relative) more. One check per case, named `tag` and the case.
void matvec_rows_vs_host(MatvecRowsLaunch launch, bool int8, std::span<const MatvecCase> cases, double rel,
                         unsigned seed, const std::string& tag);

/// The v81 checks (test_cuda_rows_i8.cpp): the int8 matvec rows kernel against the host, the rows path's small int8
/// steps against the dequantise path.
void int8_matvec_rows();

/// The v80b checks (test_cuda_rows_split.cpp): the split-K matvec rows kernel's steps against cuBLAS and batched ==
/// single with it, fp32 / fp16 / int8 weights on the random 0.1B shape.
void split_matvec_rows();

/// The v82 checks (test_cuda_rows_mma.cpp): the mma matvec rows kernel against the host (fp16 and int8 weights), the
/// rows path's steps with it against cuBLAS and batched == single, fp16 / int8 weights on the random 0.1B shape.
void mma_matvec_rows();

/// The v84 checks (test_cuda_rows_sparse_mma.cpp): the sparse FFN value on the tensor cores against the host (fp16 and
/// int8 weights, relu² inside or not), its refusal of fp32 weights, the rows path's steps with it against v79 and
/// batched == single, fp16 / int8 weights on the random 0.1B shape.
void sparse_mma_rows();

/// The v86 checks (test_cuda_rows_lora_mma.cpp): the small steps' LoRA down and up kernels against the host, their
/// refusals, the rows path's steps with them against v51 / v19 and batched == single on the random 0.1B shape.
void lora_mma_rows();

/// The device sampling checks (test_cuda_rows_sampling.cpp): the kernel against the host's sample_token, its forms,
/// and forward_batch_sample against forward_batch + sample_token.
void device_sampling();

}  // namespace rowscheck
