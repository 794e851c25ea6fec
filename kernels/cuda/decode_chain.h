// kernels/cuda/decode_chain.h — batch-1 decode stages fused into one persistent launch with a grid-wide
// barrier (v22, session 7; decode_chain.cu). Separate from rwkv_kernels.h (shared with the rows path).
#pragma once

#include <cstdint>

#include <cuda_runtime_api.h>

#include "rwkv_kernels.h"

namespace rwkv::cuda_kernels {

/// The output projection, the FFN LayerNorm + token shift and the FFN key projection of one layer, one launch:
///   x += Wo · yg                       (spec §3.4.14, residual; int8: row scale Wo_s)
///   grid-wide barrier
///   xk = z + (shift - z) * ffn_x_k,   z = LN2(x)   (spec §3.5; every CTA recomputes the statistics and all C
///                                                  channels into shared memory; CTA 0 writes shift = z)
///   h = relu(Wk · xk)^2, mask bit f |= (h[f] != 0)  (int8: row scale Wk_s)
/// Weights fp16 (or int8 with scales), activations fp32, C % 32 == 0, C <= 4096 (decode_chain_fits).
struct OutKeyChainArgs {
    int C = 0, F = 0;
    const void* Wo = nullptr;           // [C, C] fp16 or int8
    const float* Wo_s = nullptr;        // [C] int8 row scales, null for fp16
    const float* yg = nullptr;          // [C] time-mix output (written by the previous kernel)
    float* x = nullptr;                 // [C] residual stream
    const float* ln_w = nullptr, *ln_b = nullptr, *mix = nullptr;  // [C] LN2 weight/bias, ffn x_k
    const StepParams* params = nullptr;
    std::int64_t shift_offset = 0;      // float offset of the channel-mix token-shift state in params->state
    const void* Wk = nullptr;           // [F, C] fp16 or int8
    const float* Wk_s = nullptr;        // [F] int8 row scales, null for fp16
    float* h = nullptr;                 // [F] relu(k)^2
    unsigned* mask = nullptr;           // [ceil(F/32)] active-neuron bitmask (may be null)
    unsigned* barrier = nullptr;        // 2 words, zero-initialised once; left consistent after every launch
};
bool decode_chain_fits(int C);
/// 1: plain launch (the barrier relies on the grid fitting at once and on one chain kernel in flight per device);
/// 2 (default): with the cooperative launch attribute (the driver guarantees co-residency). Measurement modes
/// (cooperative): 3 FFN-key weights loaded only after the barrier, 4 one extra grid barrier; (plain launch): 5 the
/// second weight round of both stages prefetched into L2 (output before the PDL wait, FFN key before the barrier),
/// 6 only the FFN key's. Process-wide.
void set_decode_chain_mode(int mode);
cudaError_t launch_out_key_chain(const OutKeyChainArgs& a, cudaStream_t stream);

}  // namespace rwkv::cuda_kernels

