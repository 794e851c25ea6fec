// Scratch of the CUDA rows path (cuda_rows.cpp): activations of up to `rows` rows ([R, C] row-major) for
// chunked prefill and batched decode, the state pointer table of up to `seqs` sequences and the pinned host
// copies that feed it. Reallocated (and the batch graphs dropped) when a call needs more.
#pragma once

#include <cstdint>

#include "cuda/cuda_model.h"

namespace rwkv::cuda {

struct CudaModel::Rows {
    int rows = 0, seqs = 0;
    DeviceArena arena;
    // fp32 [R, C]
    float *x = nullptr, *z = nullptr, *r = nullptr, *k = nullptr, *v = nullptr, *v_first = nullptr, *y = nullptr;
    float *dw = nullptr, *da = nullptr, *dg = nullptr, *dv = nullptr;  // LoRA up-projection outputs
    float *hw = nullptr, *ha = nullptr, *hg = nullptr, *hv = nullptr;  // LoRA down-projection outputs [R, D]
    float* P = nullptr;        // [R, H, 6, 64] packed scan inputs
    float* prev0 = nullptr;    // [S, C]
    float* logits = nullptr;   // [S, V]
    // weight type (fp16 or fp32): GEMM inputs
    void* xmix = nullptr;      // [6, R, C]
    void *hw_a = nullptr, *ha_a = nullptr, *hg_a = nullptr, *hv_a = nullptr;  // [R, D]
    void* yg = nullptr;        // [R, C]
    void* h = nullptr;         // [R, F]
    void* zout = nullptr;      // [S, C]
    std::int32_t* tokens = nullptr;  // [R] (batched decode)
    float** states = nullptr;        // [S] device pointer table
    std::int32_t* h_tokens = nullptr;  // pinned [R]
    float** h_states = nullptr;        // pinned [S]
    ~Rows();
};

}  // namespace rwkv::cuda
