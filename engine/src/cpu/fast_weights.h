// Weights of the CPU fast path: large matrices kept in their stored 16-bit form (copied out of the mapped file,
// no fp32 copy) or converted once at load (fp16 <-> bf16, int8 with one fp16 scale per 64 elements of a row); LoRA matrices
// as stored (16-bit or fp32, never int8), vectors in fp32; ffn.value stored transposed [F, C] so one FFN neuron is one contiguous row (spec §9.4).
#pragma once

#include <memory>
#include <vector>

#include "cpu/kernels.h"
#include "cpu/thread_pool.h"
#include "rwkv/weights.h"

namespace rwkv::cpu {

using FVec = std::vector<float>;

struct FastLayer {
    FVec ln1_w, ln1_b, ln2_w, ln2_b;               // [C]
    FVec x_r, x_w, x_k, x_v, x_a, x_g;             // [C]
    FVec w0, a0, v0, k_k, k_a, r_k, lnx_w, lnx_b;  // [C] (v0 empty in layer 0)
    FVec ffn_x_k;                                  // [C]
    QMatrix w1, a1, v1, g1;                        // [D, C], as stored (fp32/fp16/bf16)
    QMatrix w2, a2, v2, g2;                        // [C, D], as stored
    QMatrix receptance, key, value, output;        // [C, C], fast dtype
    QMatrix ffn_key;                               // [F, C], fast dtype
    QMatrix ffn_value_t;                           // [F, C] = ffn.value transposed, fast dtype
};

struct FastWeights {
    ModelShape shape;
    DType dtype = DType::F16;
    QMatrix emb, head;                             // [V, C], fast dtype
    FVec ln0_w, ln0_b, ln_out_w, ln_out_b;         // [C]
    std::vector<FastLayer> layers;
    WeightSet source;                              // the canonical tensors while loading; emptied once copied
    std::vector<std::unique_ptr<std::byte[]>> owned;
};

/// Builds the fast-path weights for `dtype` (F32, F16, BF16 or I8) from canonical tensors (F32/F16/BF16),
/// converting in parallel on `pool`. Source pages of converted large tensors are released (madvise) so a
/// load's resident memory stays near the stored size. Throws Error(InvalidArgument) for another dtype,
/// Error(OutOfMemory) when the converted copy does not fit.
FastWeights load_fast_weights(WeightSet ws, DType dtype, ThreadPool& pool);

}  // namespace rwkv::cpu
