// Read-only memory mapping of a checkpoint file (RAII) and bounds-checked access to its bytes.
// Readers hold it through a shared_ptr so that WeightSet::keep_alive can keep zero-copy views valid.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>

namespace rwkv::formats {

class MappedFile {
public:
    /// Maps `path` read-only. Throws Error(FileNotFound) for a missing path, Error(InvalidArgument) for a
    /// directory, Error(UnsupportedFormat) for a pipe or device, Error(Io) when it cannot be opened or mapped. An empty file maps to an empty span.
    static std::shared_ptr<const MappedFile> open(const std::filesystem::path& path);

    /// A non-owning view of bytes already in memory, named `name` in messages (fuzzers, tests). The bytes must
    /// outlive the returned object and everything read from it.
    static std::shared_ptr<const MappedFile> from_memory(std::span<const std::byte> bytes, const std::filesystem::path& name);

    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    std::span<const std::byte> bytes() const noexcept { return {data_, size_}; }
    std::size_t size() const noexcept { return size_; }
    const std::filesystem::path& path() const noexcept { return path_; }
    /// "name.pth" — the prefix of every error message about this file.
    std::string name() const { return path_.filename().string(); }

    /// Bytes [offset, offset + length). Throws Error(CorruptFile) "<file>: <what> (bytes a..b) runs past
    /// the end of the file (N bytes)" when the range does not fit (overflow-safe).
    std::span<const std::byte> slice(std::uint64_t offset, std::uint64_t length, const std::string& what) const;

    /// Gives the whole pages inside `bytes` (a part of this mapping that will not be read again, e.g. a
    /// tensor dequantised into its own buffer) back to the OS, so they leave the process's resident memory.
    /// They are read from the file again if touched later. Spans under `min_bytes` are left alone.
    void release_pages(std::span<const std::byte> bytes, std::size_t min_bytes = std::size_t(1) << 20) const noexcept;

private:
    MappedFile() = default;
    std::filesystem::path path_;
    const std::byte* data_ = nullptr;
    std::size_t size_ = 0;
    bool mapped_ = false;  // false for from_memory views
};

}  // namespace rwkv::formats
