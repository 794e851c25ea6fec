// byte_tokenizer.cpp — the byte-level tokenizer of the tiny 256-row models (spec §11.1): id = byte value.
// Tests: tests/engine/test_tokenizer.cpp.
#include "rwkv/error.h"
#include "rwkv/tokenizer.h"

#include <array>

namespace rwkv {
namespace {

class ByteTokenizer final : public Tokenizer {
public:
    ByteTokenizer() {
        for (int b = 0; b < 256; ++b) table_[b] = static_cast<char>(b);
    }

    std::vector<std::int32_t> encode(std::string_view text) const override {
        std::vector<std::int32_t> ids;
        ids.reserve(text.size());
        for (const char c : text) ids.push_back(static_cast<unsigned char>(c));
        return ids;
    }

    std::string decode(std::span<const std::int32_t> ids) const override {
        std::string out;
        out.reserve(ids.size());
        for (const std::int32_t id : ids) out.append(token_bytes(id));
        return out;
    }

    std::string_view token_bytes(std::int32_t id) const override {
        if (id < 0 || id >= 256)
            throw Error(ErrorCode::InvalidToken, "token id " + std::to_string(id) + " is outside [0, 256)");
        return std::string_view(table_.data() + id, 1);
    }

    int vocab_size() const noexcept override { return 256; }
    std::string_view name() const noexcept override { return "byte"; }

private:
    std::array<char, 256> table_{};
};

}  // namespace

std::unique_ptr<Tokenizer> make_byte_tokenizer() { return std::make_unique<ByteTokenizer>(); }

}  // namespace rwkv
