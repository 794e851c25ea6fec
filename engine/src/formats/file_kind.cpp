// What a file that is no checkpoint is, from its first bytes (rwkv/file_kind.h). Session 44's new user gave a PNG
// as a model and was told "not a known checkpoint container; first bytes 89 50 4e 47": true, but the two cases a
// user meets most say nothing more that way — a clone of a Hugging Face repository without Git LFS (every .pth is a
// 130-byte pointer file) and a web page saved in place of the file (a /blob/ link instead of /resolve/).
#include "rwkv/file_kind.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <utility>

namespace rwkv {
namespace {

bool starts_with(std::string_view s, std::string_view prefix, std::size_t at = 0) {
    return s.size() >= at + prefix.size() && s.compare(at, prefix.size(), prefix) == 0;
}

// "5.9 GB", "130.0 MB", "812 bytes": the size a Git LFS pointer states for the file it stands for.
std::string readable_size(std::uint64_t bytes) {
    char out[32];
    if (bytes >= 1000000000u)
        std::snprintf(out, sizeof out, "%.1f GB", double(bytes) / 1e9);
    else if (bytes >= 1000000u)
        std::snprintf(out, sizeof out, "%.1f MB", double(bytes) / 1e6);
    else
        std::snprintf(out, sizeof out, "%llu bytes", static_cast<unsigned long long>(bytes));
    return out;
}

// Git LFS pointer files (spec v1): "version https://git-lfs.github.com/spec/v1\noid sha256:…\nsize N\n" (the
// oldest ones name hawser.github.com). The size line tells how big the real file is.
std::string lfs_pointer(std::string_view s) {
    if (!starts_with(s, "version https://git-lfs.github.com/spec/") &&
        !starts_with(s, "version https://hawser.github.com/spec/"))
        return {};
    std::string stated;
    if (const std::size_t at = s.find("\nsize "); at != std::string_view::npos) {
        std::uint64_t n = 0;
        std::size_t i = at + 6, digits = 0;
        for (; i < s.size() && digits < 19 && std::isdigit(static_cast<unsigned char>(s[i])); ++i, ++digits)
            n = n * 10 + std::uint64_t(s[i] - '0');
        if (digits > 0 && (i == s.size() || s[i] == '\n')) stated = "; the model itself is " + readable_size(n);
    }
    return "a Git LFS pointer, not the model (the repository was cloned without Git LFS" + stated +
           "): run `git lfs pull` in the clone, or download the model file itself (the app's Models page does)";
}

struct Found {
    ForeignFileKind kind = ForeignFileKind::Unknown;
    std::string words;  // describe_foreign_file's
};

// Markup after an optional UTF-8 byte order mark and white space: a web page or a server's XML error answer.
Found markup(std::string_view s) {
    if (starts_with(s, "\xEF\xBB\xBF")) s.remove_prefix(3);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    if (s.empty()) return {};
    if (s.front() == '<') {  // HTML: a doctype or an <html> tag in the first 256 characters, in any case
        std::string lower(s.substr(0, std::min<std::size_t>(s.size(), 256)));
        for (char& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
        if (starts_with(lower, "<!doctype html") || lower.find("<html") != std::string::npos)
            return {ForeignFileKind::WebPage,
                    "a web page (HTML), not the model: the page that shows the file was saved instead of the file "
                    "(on Hugging Face, a link with /resolve/ downloads the file, one with /blob/ shows its page)"};
    }
    if (starts_with(s, "<?xml")) return {ForeignFileKind::XmlDocument, "an XML document (a server's error answer?), not the model"};
    if (s.front() == '{' || s.front() == '[')
        return {ForeignFileKind::JsonText, "JSON text (a server's error answer, or a configuration file?), not the model"};
    return {};
}

// Printable text (UTF-8 or another ASCII-based encoding): no control bytes but tab, line feed, carriage return and
// form feed in the bytes given.
bool is_text(std::string_view s) {
    return !s.empty() && std::none_of(s.begin(), s.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F;
    });
}

struct Magic {
    std::string_view bytes;
    std::size_t at;
    ForeignFileKind kind;
    const char* what;
};

// Sorted by nothing but readability; no entry's bytes start another's.
constexpr Magic kMagics[] = {
    {"\x89PNG\r\n\x1a\n", 0, ForeignFileKind::PngPicture, "a PNG picture"},
    {"\xFF\xD8\xFF", 0, ForeignFileKind::JpegPicture, "a JPEG picture"},
    {"GIF87a", 0, ForeignFileKind::GifPicture, "a GIF picture"},
    {"GIF89a", 0, ForeignFileKind::GifPicture, "a GIF picture"},
    {"%PDF-", 0, ForeignFileKind::PdfDocument, "a PDF document"},
    {"\x1F\x8B", 0, ForeignFileKind::GzipFile, "a gzip-compressed file: unpack it first (gunzip)"},
    {"\xFD" "7zXZ", 0, ForeignFileKind::XzFile, "an xz-compressed file: unpack it first (unxz)"},
    {"\x28\xB5\x2F\xFD", 0, ForeignFileKind::ZstdFile, "a zstd-compressed file: unpack it first (unzstd)"},
    {"7z\xBC\xAF\x27\x1C", 0, ForeignFileKind::SevenZipArchive, "a 7-Zip archive: unpack it first"},
    {"Rar!\x1A\x07", 0, ForeignFileKind::RarArchive, "a RAR archive: unpack it first"},
    {"ustar", 257, ForeignFileKind::TarArchive, "a tar archive: unpack it first (tar -xf)"},
    {"\x7F" "ELF", 0, ForeignFileKind::Program, "a program or library (ELF), not a model"},
    {"\x93NUMPY", 0, ForeignFileKind::NumpyArray, "a NumPy array (.npy), not a model checkpoint"},
    {"\x89HDF\r\n\x1a\n", 0, ForeignFileKind::Hdf5File, "an HDF5 file (.h5), not an RWKV checkpoint"},
    {"lmgg", 0, ForeignFileKind::LegacyGgml, "a llama.cpp file in a format older than GGUF (ggml): use a .gguf or .pth of the model"},
    {"tjgg", 0, ForeignFileKind::LegacyGgml, "a llama.cpp file in a format older than GGUF (ggjt): use a .gguf or .pth of the model"},
    {"algg", 0, ForeignFileKind::LegacyGgml, "a llama.cpp file in a format older than GGUF (ggla): use a .gguf or .pth of the model"},
    {"RWKVST01", 0, ForeignFileKind::RwkvDesktopState, "a conversation state saved by RWKV Desktop, not a model"},
    {"RWKVCB01", 0, ForeignFileKind::RwkvDesktopBundle, "an RWKV Desktop conversation bundle (.rwkvchat), not a model: import it as a conversation"},
};

Found find(std::span<const std::byte> head) {
    const std::string_view s(reinterpret_cast<const char*>(head.data()),
                             std::min(head.size(), kForeignFileHeadBytes));
    if (std::string lfs = lfs_pointer(s); !lfs.empty()) return {ForeignFileKind::GitLfsPointer, std::move(lfs)};
    for (const Magic& m : kMagics)
        if (starts_with(s, m.bytes, m.at)) return {m.kind, m.what};
    if (starts_with(s, "RIFF") && starts_with(s, "WEBP", 8)) return {ForeignFileKind::WebpPicture, "a WebP picture"};
    if (starts_with(s, "BZh") && s.size() > 3 && s[3] >= '1' && s[3] <= '9')
        return {ForeignFileKind::Bzip2File, "a bzip2-compressed file: unpack it first (bunzip2)"};
    // Python's pickle from protocol 2 on starts with PROTO n: a PyTorch file saved in the format before 1.6's ZIP
    // (torch.save(..., _use_new_zipfile_serialization=False)), or any other pickle.
    if (s.size() >= 2 && static_cast<unsigned char>(s[0]) == 0x80 && s[1] >= 2 && s[1] <= 5)
        return {ForeignFileKind::LegacyPickle,
                "a Python pickle without the ZIP container of a .pth (a PyTorch file in the format before PyTorch 1.6?), "
                "which is not read: save it again with a current PyTorch's torch.save"};
    if (Found m = markup(s); m.kind != ForeignFileKind::Unknown) return m;
    if (is_text(s)) return {ForeignFileKind::Text, "a text file, not a model"};
    return {};
}

}  // namespace

ForeignFileKind classify_foreign_file(std::span<const std::byte> head) { return find(head).kind; }

std::string describe_foreign_file(std::span<const std::byte> head) { return find(head).words; }

}  // namespace rwkv
