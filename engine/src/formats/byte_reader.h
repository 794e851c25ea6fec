// ByteReader: a bounds-checked little-endian cursor over a byte span, used by the binary container
// parsers (ZIP, rwkv.cpp .bin, GGUF, pickle). A read past the end throws Error(TruncatedFile) for bytes that run to the
// file's end (the file stops before what its header says), Error(CorruptFile) for a part of a whole file (a ZIP's
// central directory, data.pkl) whose contents run past that part's own end.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

#include "rwkv/error.h"

namespace rwkv::formats {

static_assert(std::endian::native == std::endian::little, "the checkpoint readers assume a little-endian host");

class ByteReader {
public:
    /// `who` prefixes error messages ("tiny.gguf"); `base` is the file offset of bytes[0] (for messages). `part`:
    /// null when `bytes` run to the end of the file, else what they are ("the ZIP central directory"), named when a
    /// read runs past them.
    ByteReader(std::span<const std::byte> bytes, std::string who, std::uint64_t base = 0, const char* part = nullptr)
        : bytes_(bytes), who_(std::move(who)), base_(base), part_(part) {}

    std::size_t pos() const noexcept { return pos_; }
    std::size_t size() const noexcept { return bytes_.size(); }
    std::size_t remaining() const noexcept { return bytes_.size() - pos_; }
    bool at_end() const noexcept { return pos_ == bytes_.size(); }
    void seek(std::size_t p, const char* what) {
        if (p > bytes_.size()) fail(what, p - pos_);
        pos_ = p;
    }

    /// `n` bytes at the cursor, advancing it. `what` names the field in the error.
    std::span<const std::byte> take(std::uint64_t n, const char* what) {
        if (n > remaining()) fail(what, n);
        auto s = bytes_.subspan(pos_, static_cast<std::size_t>(n));
        pos_ += static_cast<std::size_t>(n);
        return s;
    }
    std::string_view take_str(std::uint64_t n, const char* what) {
        auto s = take(n, what);
        return {reinterpret_cast<const char*>(s.data()), s.size()};
    }
    template <class T>
    T le(const char* what) {
        auto s = take(sizeof(T), what);
        T v;
        std::memcpy(&v, s.data(), sizeof(T));  // every supported host is little-endian
        return v;
    }
    std::uint8_t u8(const char* what) { return le<std::uint8_t>(what); }
    std::uint16_t u16(const char* what) { return le<std::uint16_t>(what); }
    std::uint32_t u32(const char* what) { return le<std::uint32_t>(what); }
    std::uint64_t u64(const char* what) { return le<std::uint64_t>(what); }

    [[noreturn]] void fail(const char* what, std::uint64_t wanted) const {
        const std::string needs = std::string(what) + " needs " + std::to_string(wanted) + " bytes at offset " +
                                  std::to_string(base_ + pos_) + " but only " + std::to_string(remaining()) + " remain";
        if (part_) throw Error(ErrorCode::CorruptFile, who_ + ": " + needs + " in " + part_ + ": the file is damaged");
        throw Error(ErrorCode::TruncatedFile, who_ + ": truncated: " + needs);
    }

private:
    std::span<const std::byte> bytes_;
    std::string who_;
    std::uint64_t base_ = 0;
    const char* part_ = nullptr;
    std::size_t pos_ = 0;
};

/// Little-endian load of a T from unaligned bytes.
template <class T>
inline T load_le(const std::byte* p) noexcept {
    T v;
    std::memcpy(&v, p, sizeof(T));
    return v;
}

}  // namespace rwkv::formats
