// Read-only ZIP archive index for PyTorch .pth files (spec §2.4): central directory, ZIP64 records,
// stored (uncompressed) entries only. Every offset and size is checked against the file size.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "formats/mapped_file.h"

namespace rwkv::formats {

struct ZipEntry {
    std::string name;
    std::uint16_t method = 0;        // 0 = stored
    std::uint16_t flags = 0;
    std::uint64_t size = 0;          // uncompressed
    std::uint64_t compressed_size = 0;
    std::uint64_t local_header = 0;  // offset of the local file header
};

class ZipReader {
public:
    /// Parses the end-of-central-directory record (ZIP64 when needed) and the central directory.
    /// Throws Error(CorruptFile) naming the record that is inconsistent.
    explicit ZipReader(const MappedFile& file);

    const std::vector<ZipEntry>& entries() const noexcept { return entries_; }
    /// Entry by exact name, or nullptr.
    const ZipEntry* find(const std::string& name) const;
    /// Payload of a stored entry (parses its local header to find where the data starts).
    /// Throws Error(UnsupportedFormat) for compressed or encrypted entries, Error(CorruptFile) for bad offsets.
    std::span<const std::byte> data(const ZipEntry& e) const;

private:
    const MappedFile& file_;
    std::vector<ZipEntry> entries_;
};

}  // namespace rwkv::formats
