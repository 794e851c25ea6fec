// ModelShape::to_string (rwkv/shape.h).
#include "rwkv/shape.h"

namespace rwkv {

std::string ModelShape::to_string() const {
    return "L" + std::to_string(n_layer) + " C" + std::to_string(n_embd) + " H" + std::to_string(n_head) +
           " F" + std::to_string(dim_ffn) + " V" + std::to_string(vocab_size) + " lora " +
           std::to_string(lora_w) + "/" + std::to_string(lora_a) + "/" + std::to_string(lora_v) + "/" +
           std::to_string(lora_g);
}

}  // namespace rwkv
