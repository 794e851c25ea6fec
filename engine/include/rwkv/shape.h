// rwkv/shape.h — the hyper-parameters of one RWKV-7 model, inferred from tensor names and shapes
// (never from file names; RWKV-7 spec §1.1). Dimension letters as in the spec §0.1:
//   V vocabulary rows, C = n_embd, L = n_layer, N = head_size (64), H = C / N, F = dim_ffn,
//   Dw/Da/Dv/Dg the low-rank widths of the decay, in-context-rate, value-residual and gate MLPs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace rwkv {

struct ModelShape {
    int n_layer = 0;    // L
    int n_embd = 0;     // C
    int n_head = 0;     // H = C / N
    int head_size = 64; // N, fixed at 64 by every RWKV-7 kernel
    int vocab_size = 0; // V
    int dim_ffn = 0;    // F
    int lora_w = 0;     // Dw
    int lora_a = 0;     // Da
    int lora_v = 0;     // Dv (layer >= 1; layer 0 has no value-residual gate)
    int lora_g = 0;     // Dg

    /// Floats in one layer's state: att_x [C] + wkv [H*N*N] + ffn_x [C] (spec §5).
    std::size_t state_floats_per_layer() const noexcept {
        return std::size_t(2) * n_embd + std::size_t(n_head) * head_size * head_size;
    }
    /// Floats in a whole-sequence state, all layers.
    std::size_t state_floats() const noexcept { return state_floats_per_layer() * std::size_t(n_layer); }

    /// "L12 C768 H12 F3072 V65536 lora 64/64/32/128"
    std::string to_string() const;

    bool operator==(const ModelShape&) const = default;
};

}  // namespace rwkv
