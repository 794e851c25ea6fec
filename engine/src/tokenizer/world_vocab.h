// Internal: the World vocabulary parser behind load_world_tokenizer, on bytes already in memory (fuzzers, tests).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "rwkv/tokenizer.h"

namespace rwkv::detail {

/// Parses and validates the contents of rwkv_vocab_v20230424.txt (spec §6.1); `name` prefixes error messages.
/// Throws Error(CorruptFile) naming the first bad line.
std::unique_ptr<Tokenizer> parse_world_vocabulary(std::string_view data, const std::string& name);

}  // namespace rwkv::detail
