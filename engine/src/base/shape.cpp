// ModelShape::to_string (rwkv/shape.h).
#include "rwkv/shape.h"

namespace rwkv {

// Appended piece by piece: the chain "L" + std::to_string(...) + " C" + ... made GCC 12 (-O3) warn a false
// -Wrestrict in std::string's memcpy (char_traits.h:431) on every fresh build.
std::string ModelShape::to_string() const {
    std::string out;
    out.reserve(64);
    const auto field = [&out](const char* label, int value) {
        out += label;
        out += std::to_string(value);
    };
    field("L", n_layer);
    field(" C", n_embd);
    field(" H", n_head);
    field(" F", dim_ffn);
    field(" V", vocab_size);
    field(" lora ", lora_w);
    field("/", lora_a);
    field("/", lora_v);
    field("/", lora_g);
    return out;
}

}  // namespace rwkv
