// ZipReader: EOCD search, ZIP64 locator/record, central-directory walk, local-header data offsets.
// Layouts: PKWARE APPNOTE 4.3.12 (central header), 4.3.14-16 (ZIP64 EOCD + locator), 4.5.3 (ZIP64 extra).
#include "formats/zip_reader.h"

#include <algorithm>

#include "formats/byte_reader.h"
#include "formats/readers.h"

namespace rwkv::formats {
namespace {
constexpr std::uint32_t kEocdSig = 0x06054b50, kZip64LocSig = 0x07064b50, kZip64EocdSig = 0x06064b50;
constexpr std::uint32_t kCentralSig = 0x02014b50, kLocalSig = 0x04034b50;
}  // namespace

ZipReader::ZipReader(const MappedFile& file) : file_(file) {
    const auto bytes = file.bytes();
    const std::size_t n = bytes.size();
    if (n < 22)
        fail_truncated(file, "it is " + std::to_string(n) +
                                 " bytes, too short for a ZIP archive's 22-byte end-of-central-directory record");

    // The EOCD is the last 22 bytes plus a comment of up to 65535 bytes.
    std::size_t eocd = n;
    const std::size_t lowest = n >= 22 + 65535 ? n - 22 - 65535 : 0;
    for (std::size_t p = n - 22 + 1; p-- > lowest;) {
        if (load_le<std::uint32_t>(bytes.data() + p) == kEocdSig) {
            eocd = p;
            break;
        }
    }
    // A ZIP writer puts this record last: a ZIP without it (read_pth: one that starts with a local header) was cut.
    if (eocd == n) fail(ErrorCode::TruncatedFile, file, "ZIP end-of-central-directory record not found (truncated?)");

    ByteReader er(bytes.subspan(eocd, 22), file.name(), eocd);
    er.u32("EOCD signature");
    const std::uint16_t disk = er.u16("EOCD disk"), cd_disk = er.u16("EOCD cd disk");
    er.u16("EOCD entries on disk");
    std::uint64_t count = er.u16("EOCD entry count");
    std::uint64_t cd_size = er.u32("EOCD cd size");
    std::uint64_t cd_offset = er.u32("EOCD cd offset");
    if (disk != 0 && disk != 0xFFFF) fail(ErrorCode::UnsupportedFormat, file, "multi-disk ZIP archives are not supported");
    (void)cd_disk;

    if (count == 0xFFFF || cd_size == 0xFFFFFFFFu || cd_offset == 0xFFFFFFFFu) {
        if (eocd < 20) fail(ErrorCode::CorruptFile, file, "ZIP64 end-of-central-directory locator missing");
        ByteReader lr(bytes.subspan(eocd - 20, 20), file.name(), eocd - 20);
        if (lr.u32("ZIP64 locator signature") != kZip64LocSig)
            fail(ErrorCode::CorruptFile, file, "ZIP64 end-of-central-directory locator missing");
        lr.u32("ZIP64 locator disk");
        const std::uint64_t z64 = lr.u64("ZIP64 EOCD offset");
        ByteReader zr(file.slice(z64, 56, "ZIP64 end-of-central-directory record"), file.name(), z64);
        if (zr.u32("ZIP64 EOCD signature") != kZip64EocdSig)
            fail(ErrorCode::CorruptFile, file, "bad ZIP64 end-of-central-directory signature");
        zr.u64("ZIP64 EOCD size");
        zr.u16("version made by");
        zr.u16("version needed");
        zr.u32("disk");
        zr.u32("cd disk");
        zr.u64("entries on disk");
        count = zr.u64("entry count");
        cd_size = zr.u64("cd size");
        cd_offset = zr.u64("cd offset");
    }

    const auto cd = file.slice(cd_offset, cd_size, "ZIP central directory");
    if (count > cd_size / 46) fail(ErrorCode::CorruptFile, file, "ZIP central directory too small for its entry count");
    entries_.reserve(static_cast<std::size_t>(count));
    ByteReader r(cd, file.name(), cd_offset, "the ZIP central directory");
    for (std::uint64_t i = 0; i < count; ++i) {
        if (r.u32("central header signature") != kCentralSig)
            fail(ErrorCode::CorruptFile, file, "bad ZIP central directory header #" + std::to_string(i));
        ZipEntry e;
        r.u16("version made by");
        r.u16("version needed");
        e.flags = r.u16("flags");
        e.method = r.u16("method");
        r.u32("time/date");
        r.u32("crc");
        e.compressed_size = r.u32("compressed size");
        e.size = r.u32("size");
        const std::uint16_t name_len = r.u16("name length"), extra_len = r.u16("extra length"),
                            comment_len = r.u16("comment length");
        r.u16("disk start");
        r.u16("internal attributes");
        r.u32("external attributes");
        e.local_header = r.u32("local header offset");
        e.name = std::string(r.take_str(name_len, "entry name"));
        ByteReader x(r.take(extra_len, "extra field"), file.name(), 0, "a ZIP extra field");
        while (x.remaining() >= 4) {
            const std::uint16_t id = x.u16("extra id"), len = x.u16("extra length");
            ByteReader f(x.take(len, "extra field data"), file.name(), 0, "a ZIP extra field");
            if (id != 0x0001) continue;  // ZIP64: only the fields whose 32-bit value is saturated, in this order
            if (e.size == 0xFFFFFFFFu) e.size = f.u64("ZIP64 size");
            if (e.compressed_size == 0xFFFFFFFFu) e.compressed_size = f.u64("ZIP64 compressed size");
            if (e.local_header == 0xFFFFFFFFu) e.local_header = f.u64("ZIP64 local header offset");
        }
        r.take(comment_len, "entry comment");
        entries_.push_back(std::move(e));
    }
}

const ZipEntry* ZipReader::find(const std::string& name) const {
    for (const auto& e : entries_)
        if (e.name == name) return &e;
    return nullptr;
}

std::span<const std::byte> ZipReader::data(const ZipEntry& e) const {
    if (e.flags & 0x1) fail(ErrorCode::UnsupportedFormat, file_, "ZIP entry " + quoted_name(e.name) + " is encrypted");
    if (e.method != 0)
        fail(ErrorCode::UnsupportedFormat, file_, "ZIP entry " + quoted_name(e.name) + " is compressed (method " +
                                                      std::to_string(e.method) + "); only stored entries are supported");
    if (e.compressed_size != e.size)
        fail(ErrorCode::CorruptFile, file_, "stored ZIP entry " + quoted_name(e.name) + " has different compressed and plain sizes");
    ByteReader lh(file_.slice(e.local_header, 30, "local header of " + quoted_name(e.name)), file_.name(), e.local_header);
    if (lh.u32("local header signature") != kLocalSig)
        fail(ErrorCode::CorruptFile, file_, "bad local header signature for ZIP entry " + quoted_name(e.name));
    lh.seek(26, "local header");
    const std::uint64_t name_len = lh.u16("name length"), extra_len = lh.u16("extra length");
    return file_.slice(e.local_header + 30 + name_len + extra_len, e.size, "data of ZIP entry " + quoted_name(e.name));
}

}  // namespace rwkv::formats
