// One layer's parts of a sequence state in the engine's fp32 layout (RWKV-7 spec §5.1, official order): the
// time-mix shift vector, the WKV matrices, the channel-mix shift vector, one layer after another.
#pragma once

#include <cstddef>

#include "rwkv/shape.h"

namespace rwkv::cpu {

struct LayerState {
    float* att_x;  // s_att [C]: the time mix's token-shift vector (ln1 output of the last token)
    float* wkv;    // S [H, N, N] = [head][value m][key j]
    float* ffn_x;  // s_ffn [C]: the channel mix's token-shift vector (ln2 output of the last token)
};

/// Layer `layer`'s parts of `state` ([L * sh.state_floats_per_layer()] floats).
inline LayerState layer_state(const ModelShape& sh, float* state, int layer) {
    float* att_x = state + std::size_t(layer) * sh.state_floats_per_layer();
    float* wkv = att_x + sh.n_embd;
    return {att_x, wkv, wkv + std::size_t(sh.n_head) * sh.head_size * sh.head_size};
}

}  // namespace rwkv::cpu
