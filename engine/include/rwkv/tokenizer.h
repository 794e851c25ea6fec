// rwkv/tokenizer.h — text <-> token ids (RWKV-7 spec §6).
// World: the 65536-row RWKV World vocabulary (rwkv_vocab_v20230424.txt), greedy longest match over UTF-8
// bytes; id 0 is end-of-text and has no bytes. Byte: token id = byte value (vocab 256, the tiny models).
// decode() returns raw bytes, which may end inside a multi-byte character; Utf8StreamDecoder turns a
// stream of such bytes into valid UTF-8 text for display.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rwkv {

/// Text <-> token ids for one vocabulary (World or Byte, above). Immutable once made: const calls may run on any
/// thread at once.
class Tokenizer {
public:
    virtual ~Tokenizer() = default;
    /// Token ids of the UTF-8 text (no normalisation, no special tokens; spec §6.3). Any bytes encode (every single
    /// byte has a token), so it does not throw for bad UTF-8.
    virtual std::vector<std::int32_t> encode(std::string_view text) const = 0;
    /// Concatenated bytes of the tokens. Ids without bytes (World: 0 and >= 65530) add nothing.
    /// Throws Error(InvalidToken) for an id outside [0, vocab_size()).
    virtual std::string decode(std::span<const std::int32_t> ids) const = 0;
    /// Bytes of one token (empty for ids without bytes). Throws Error(InvalidToken) when out of range.
    virtual std::string_view token_bytes(std::int32_t id) const = 0;
    /// Number of ids the tokenizer can produce or accept (65536 for World, 256 for Byte).
    virtual int vocab_size() const noexcept = 0;
    /// "world" or "byte".
    virtual std::string_view name() const noexcept = 0;
};

/// Reads and validates the World vocabulary file (line format and length column of spec §6.1).
/// Throws Error(FileNotFound) when it cannot be opened, Error(InvalidArgument) for a folder, Error(Io) for a failed
/// read, Error(CorruptFile) naming the first bad line.
std::unique_ptr<Tokenizer> load_world_tokenizer(const std::filesystem::path& vocab_file);
/// The byte tokenizer of the tiny test models: id = byte value, vocab_size() 256, id 0 the byte 0x00. Never throws.
std::unique_ptr<Tokenizer> make_byte_tokenizer();
/// Picks the tokenizer a model of `vocab_size` rows needs: 256 -> byte; 65536 -> World (from vocab_file).
/// Throws Error(UnsupportedModel) for any other size.
std::unique_ptr<Tokenizer> tokenizer_for_vocab_size(int vocab_size, const std::filesystem::path& vocab_file);

/// Incremental UTF-8 decoder for streamed tokens. push() returns the longest complete, valid text;
/// an incomplete trailing sequence (<= 3 bytes) is held back until completed; bytes that can never form
/// a valid character become U+FFFD immediately (one per maximal invalid subpart, like Python's
/// errors="replace"). flush() emits what is held back (as U+FFFD) at the end of generation.
class Utf8StreamDecoder {
public:
    std::string push(std::string_view bytes);
    std::string flush();
    bool has_pending() const noexcept { return !pending_.empty(); }

private:
    std::string pending_;
};

/// One-shot replacement decode with the same rules as Utf8StreamDecoder (push + flush).
std::string utf8_replace_invalid(std::string_view bytes);

}  // namespace rwkv
