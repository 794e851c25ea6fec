// fp32 copies of a model's canonical tensors for the CPU reference backend, shapes in comments
// (letters as in rwkv/shape.h; every matrix [out, in] row-major, see rwkv/weights.h).
#pragma once

#include <vector>

#include "rwkv/weights.h"

namespace rwkv::cpu {

using Vec = std::vector<float>;

struct LayerWeights {
    Vec ln1_w, ln1_b, ln2_w, ln2_b;            // [C]
    Vec x_r, x_w, x_k, x_v, x_a, x_g;          // [C] token-shift mix coefficients
    Vec w0, a0, v0, k_k, k_a, r_k;             // [C] (r_k flattened [H*N])
    Vec w1, a1, v1, g1;                        // [Dw|Da|Dv|Dg, C]
    Vec w2, a2, v2, g2;                        // [C, Dw|Da|Dv|Dg]
    Vec receptance, key, value, output;        // [C, C]
    Vec lnx_w, lnx_b;                          // [C] GroupNorm affine
    Vec ffn_x_k;                               // [C]
    Vec ffn_key;                               // [F, C]
    Vec ffn_value;                             // [C, F]
};

struct ModelWeights {
    ModelShape shape;
    Vec emb;                 // [V, C]
    Vec ln0_w, ln0_b;        // [C]
    Vec ln_out_w, ln_out_b;  // [C]
    Vec head;                // [V, C]
    std::vector<LayerWeights> layers;
};

/// Converts every tensor to fp32. Throws Error(OutOfMemory) when the copy does not fit.
ModelWeights load_fp32_weights(const WeightSet& ws);

}  // namespace rwkv::cpu
