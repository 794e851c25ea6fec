// libFuzzer target: the tokenizers. The first input byte picks what the rest is:
//   0  a World vocabulary file (spec §6.1) to parse; when it parses, text must round-trip through it;
//   1  text for the real World tokenizer: decode(encode(text)) == text, and streaming UTF-8 decoding of the
//      result in pieces equals the one-shot replacement decode;
//   2  little-endian int32 ids for World decode / token_bytes (InvalidToken for ids out of range, never a crash);
//   3  text for the byte tokenizer (round trip).
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rwkv/error.h"
#include "rwkv/tokenizer.h"
#include "tokenizer/world_vocab.h"

namespace {
std::unique_ptr<rwkv::Tokenizer> g_world, g_bytes;

void round_trip(const rwkv::Tokenizer& t, std::string_view text) {
    const auto ids = t.encode(text);
    if (t.decode(ids) != text) std::abort();  // every byte is a token: greedy matching must cover the text exactly
    // Streamed in pieces of up to 3 tokens' bytes == one-shot.
    rwkv::Utf8StreamDecoder dec;
    std::string streamed;
    for (std::size_t i = 0; i < ids.size(); i += 3) {
        const std::size_t n = std::min<std::size_t>(3, ids.size() - i);
        streamed += dec.push(t.decode(std::span<const std::int32_t>(ids.data() + i, n)));
    }
    streamed += dec.flush();
    if (streamed != rwkv::utf8_replace_invalid(text)) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    g_world = rwkv::load_world_tokenizer(RWKV_TESTDATA_DIR "/rwkv_vocab_v20230424.txt");
    g_bytes = rwkv::make_byte_tokenizer();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    switch (data[0] & 3) {
    case 0:
        try {
            const auto t = rwkv::detail::parse_world_vocabulary(rest, "fuzz-vocab");
            round_trip(*t, "Hello, world! \xe4\xbd\xa0\xe5\xa5\xbd \xf0\x9f\x98\x80 \xff\xfe");
        } catch (const rwkv::Error&) {
        }
        break;
    case 1: round_trip(*g_world, rest); break;
    case 2: {
        std::vector<std::int32_t> ids(rest.size() / 4);
        if (!ids.empty()) std::memcpy(ids.data(), rest.data(), ids.size() * 4);
        try {
            g_world->decode(ids);
        } catch (const rwkv::Error& e) {
            if (e.code() != rwkv::ErrorCode::InvalidToken) std::abort();
        }
        for (auto id : ids) {
            try {
                g_world->token_bytes(id);
                g_bytes->token_bytes(id);
            } catch (const rwkv::Error& e) {
                if (e.code() != rwkv::ErrorCode::InvalidToken) std::abort();
            }
        }
        break;
    }
    default: round_trip(*g_bytes, rest); break;
    }
    return 0;
}
