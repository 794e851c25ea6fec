// tokenizer_select.cpp — picks the tokenizer for a model's vocabulary size (256 -> byte, 65536 -> World).
// Tests: tests/engine/test_tokenizer.cpp.
#include "rwkv/error.h"
#include "rwkv/tokenizer.h"

namespace rwkv {

std::unique_ptr<Tokenizer> tokenizer_for_vocab_size(int vocab_size, const std::filesystem::path& vocab_file) {
    if (vocab_size == 256) return make_byte_tokenizer();
    if (vocab_size == 65536) return load_world_tokenizer(vocab_file);
    throw Error(ErrorCode::UnsupportedModel,
                "no tokenizer for a vocabulary of " + std::to_string(vocab_size) + " rows (expected 256 or 65536)");
}

}  // namespace rwkv
