// TensorView and WeightSet (rwkv/weights.h), and load_weights: container detection by magic bytes.
// Shape inference/validation is in validate.cpp; the canonicalising helpers in canonical.cpp.
#include <algorithm>
#include <cctype>
#include <cstring>
#include <limits>

#include "formats/byte_reader.h"
#include "formats/mapped_file.h"
#include "formats/readers.h"
#include "rwkv/error.h"
#include "rwkv/file_kind.h"
#include "rwkv/weights.h"

namespace rwkv {

std::int64_t TensorView::numel() const noexcept {
    std::int64_t n = 1;
    for (auto d : shape) n *= d;
    return n;
}

namespace {
inline float element_f32(DType t, const std::byte* base, std::size_t i) {
    switch (t) {
    case DType::F32: {
        float f;
        std::memcpy(&f, base + 4 * i, 4);
        return f;
    }
    case DType::F16: {
        std::uint16_t h;
        std::memcpy(&h, base + 2 * i, 2);
        return f16_to_f32(h);
    }
    case DType::BF16: {
        std::uint16_t h;
        std::memcpy(&h, base + 2 * i, 2);
        return bf16_to_f32(h);
    }
    default:
        throw Error(ErrorCode::Internal, std::string("TensorView: dtype ") + std::string(dtype_name(t)) +
                                             " cannot be read element-wise (should have been dequantised)");
    }
}
}  // namespace

float TensorView::at(std::size_t i) const {
    if (i >= static_cast<std::size_t>(numel()))
        throw Error(ErrorCode::InvalidArgument, "TensorView::at: index " + std::to_string(i) + " out of range (" +
                                                    std::to_string(numel()) + " elements)");
    return element_f32(dtype, data, i);
}

void TensorView::to_f32(std::span<float> dst) const {
    const auto n = static_cast<std::size_t>(numel());
    if (dst.size() != n)
        throw Error(ErrorCode::InvalidArgument, "TensorView::to_f32: destination has " + std::to_string(dst.size()) +
                                                    " elements, tensor has " + std::to_string(n));
    if (dtype == DType::F32) {
        if (n) std::memcpy(dst.data(), data, n * 4);
        return;
    }
    for (std::size_t i = 0; i < n; ++i) dst[i] = element_f32(dtype, data, i);
}

const char* to_string(CheckpointFormat f) noexcept {
    switch (f) {
    case CheckpointFormat::Pth: return "pth";
    case CheckpointFormat::Safetensors: return "safetensors";
    case CheckpointFormat::RwkvCpp: return "rwkv.cpp";
    case CheckpointFormat::Gguf: return "gguf";
    }
    return "?";
}

const TensorView& WeightSet::get(const std::string& name) const {
    auto it = tensors_.find(name);
    if (it == tensors_.end())
        throw Error(ErrorCode::CorruptFile, path.filename().string() + ": tensor " + formats::quoted_name(name) + " is missing");
    return it->second;
}

std::size_t WeightSet::total_bytes() const noexcept {
    std::size_t n = 0;
    for (const auto& [name, t] : tensors_) n += t.nbytes;
    return n;
}

void WeightSet::add_view(std::string name, TensorView view) {
    if (tensors_.count(name))
        throw Error(ErrorCode::CorruptFile, path.filename().string() + ": tensor " + formats::quoted_name(name) + " appears twice");
    tensors_.emplace(std::move(name), std::move(view));
}

void WeightSet::add_owned(std::string name, DType dtype, std::vector<std::int64_t> shape, std::vector<std::byte> bytes) {
    auto buf = std::make_unique<std::vector<std::byte>>(std::move(bytes));
    TensorView v;
    v.dtype = dtype;
    v.shape = std::move(shape);
    v.data = buf->data();
    v.nbytes = buf->size();
    add_view(std::move(name), std::move(v));  // throws before taking ownership on a duplicate
    owned_bytes_ += buf->size();
    owned_.push_back(std::move(buf));
}

WeightSet load_weights(const std::filesystem::path& path) {
    return formats::load_weights_from(formats::MappedFile::open(path));
}

void check_checkpoint_index(const std::filesystem::path& path) {
    formats::load_weights_from(formats::MappedFile::open(path), /*index_only=*/true);
}

namespace {

/// The index of the first element of a raw fp32 / fp16 / bf16 tensor whose exponent bits are all ones (NaN or
/// infinity), or -1; `nan` says which. Other dtypes: -1 (not checked).
std::int64_t first_non_finite(const TensorView& v, bool& nan) {
    const auto scan = [&](auto bits_type, auto exponent, auto mantissa) -> std::int64_t {
        using Bits = decltype(bits_type);
        const std::size_t n = v.nbytes / sizeof(Bits);
        for (std::size_t i = 0; i < n; ++i) {
            Bits b;
            std::memcpy(&b, v.data + i * sizeof(Bits), sizeof(Bits));
            if ((b & exponent) == exponent) {
                nan = (b & mantissa) != 0;
                return std::int64_t(i);
            }
        }
        return -1;
    };
    if (v.data == nullptr) return -1;  // index-only quantised tensor
    switch (v.dtype) {
    case DType::F32: return scan(std::uint32_t{}, std::uint32_t{0x7f800000u}, std::uint32_t{0x007fffffu});
    case DType::F16: return scan(std::uint16_t{}, std::uint16_t{0x7c00u}, std::uint16_t{0x03ffu});
    case DType::BF16: return scan(std::uint16_t{}, std::uint16_t{0x7f80u}, std::uint16_t{0x007fu});
    default: return -1;
    }
}

}  // namespace

std::string NonFiniteWeight::what() const {
    return "tensor " + formats::quoted_name(tensor) + " holds " + (nan ? "NaN" : "infinity") + " (element " +
           std::to_string(element) + " of " + std::to_string(elements) + ")";
}

std::optional<NonFiniteWeight> first_non_finite_weight(const std::filesystem::path& path) {
    const auto file = formats::MappedFile::open(path);
    const WeightSet ws = formats::load_weights_from(file, /*index_only=*/true);
    for (const auto& [name, view] : ws.tensors()) {
        bool nan = false;
        const std::int64_t at = first_non_finite(view, nan);
        if (at >= 0) return NonFiniteWeight{name, at, view.numel(), nan};
        if (view.data != nullptr) file->release_pages({view.data, view.nbytes});
    }
    return std::nullopt;
}

void check_checkpoint_values(const std::filesystem::path& path) {
    if (const auto bad = first_non_finite_weight(path))
        throw Error(ErrorCode::CorruptFile,
                    path.filename().string() + ": " + bad->what() + ": the weights are damaged");
}

namespace formats {

namespace {

// A file cut before its container can be recognised (a download stopped in its first bytes) is named by its
// extension only: when it is shorter than what that container always starts with, it is truncated, not foreign.
void truncated_before_its_header(const MappedFile& file) {
    struct Header {
        const char* extension;
        std::size_t bytes;
        const char* what;
    };
    static constexpr Header kHeaders[] = {
        {".safetensors", 9, "an 8-byte header length and the JSON header's '{'"},
        {".st", 9, "an 8-byte header length and the JSON header's '{'"},
        {".pth", 4, "the ZIP signature PK\\x03\\x04"},
        {".gguf", 4, "the magic GGUF"},
        {".bin", 4, "the rwkv.cpp magic 'ggmf'"},
    };
    const std::string ext = lower_extension(file);
    for (const Header& h : kHeaders)
        if (ext == h.extension && file.bytes().size() < h.bytes)
            fail_truncated(file, "it is " + std::to_string(file.bytes().size()) +
                                     (file.bytes().size() == 1 ? " byte" : " bytes") + ", shorter than the " +
                                     std::to_string(h.bytes) + " bytes every " + h.extension + " file starts with (" +
                                     h.what + ")");
}

// A file named .safetensors (or .st) whose first 8 bytes are a header length that fits the file: the safetensors
// reader's words for it ("damaged safetensors header (not JSON: …)"), not "not a known checkpoint container", when its
// header does not start with '{' (session 35's trial).
bool safetensors_by_name(const MappedFile& file) {
    const std::string ext = lower_extension(file);
    const auto b = file.bytes();
    if ((ext != ".safetensors" && ext != ".st") || b.size() < 9) return false;
    const std::uint64_t header_len = load_le<std::uint64_t>(b.data());
    return header_len >= 2 && header_len <= b.size() - 8;
}

}  // namespace

WeightSet load_weights_from(std::shared_ptr<const MappedFile> file, bool index_only) {
    const auto b = file->bytes();
    const auto u8 = [&](std::size_t i) { return static_cast<unsigned char>(b[i]); };
    // 0 bytes: a download or copy that wrote nothing, told apart by its code (the app says "incomplete").
    if (b.empty()) fail(ErrorCode::EmptyFile, *file, "empty file, not a checkpoint");

    // A ZIP is recognised by its first local header or, when that is damaged, by the end-of-central-directory
    // record in its last 64 KiB, so that a .pth with a zeroed first header gets the ZIP reader's diagnosis.
    WeightSet ws;
    if (b.size() >= 4 && std::memcmp(b.data(), "PK\x03\x04", 4) == 0) {
        ws = read_pth(file, index_only);
    } else if (b.size() >= 4 && std::memcmp(b.data(), "GGUF", 4) == 0) {
        ws = read_gguf(file, index_only);
    } else if (b.size() >= 4 && load_le<std::uint32_t>(b.data()) == 0x67676D66u) {
        ws = read_rwkvcpp(file, index_only);
    } else if (b.size() >= 9 && u8(8) == '{') {
        ws = read_safetensors(file, index_only);
    } else if (has_zip_end_record(b)) {
        ws = read_pth(file, index_only);
    } else if (safetensors_by_name(*file)) {
        ws = read_safetensors(file, index_only);
    } else {
        truncated_before_its_header(*file);
        const std::string kind = describe_foreign_file(b);
        fail(ErrorCode::UnsupportedFormat, *file,
             "not a known checkpoint container (.pth, .safetensors, rwkv.cpp .bin, .gguf)" +
                 (kind.empty() ? std::string() : ": it is " + kind) + "; first bytes " + first_bytes_hex(b));
    }
    ws.path = file->path();
    ws.shape = validate_shape(ws, index_only);
    return ws;
}

void fail(ErrorCode code, const MappedFile& file, const std::string& message) {
    throw Error(code, file.name() + ": " + message);
}

void fail_truncated(const MappedFile& file, const std::string& how) {
    fail(ErrorCode::TruncatedFile, file, std::string(kTruncatedWords) + ": " + how);
}

void fail_truncated_or_damaged(const MappedFile& file, const std::string& what) {
    fail(ErrorCode::TruncatedFile, file, what + ": " + kTruncatedWords + " or damaged");
}

std::string quoted_name(std::string_view name) {
    const auto plain = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    };
    constexpr const char* kMore = "\xe2\x80\xa6";  // U+2026: the name goes on
    if (!name.empty() && std::all_of(name.begin(), name.end(), plain))
        return name.size() > kShownNameChars ? std::string(name.substr(0, kShownNameChars)) + kMore : std::string(name);
    std::string q = "\"";
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (q.size() > kShownNameChars) return q + '"' + kMore;  // whole escapes only
        const char ch = name[i];
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') (q += '\\') += ch;
        else if (c == '\n') q += "\\n";
        else if (c == '\t') q += "\\t";
        else if (c >= 0x20 && c < 0x7f) q += ch;
        else {
            static constexpr char kHex[] = "0123456789abcdef";
            ((q += "\\x") += kHex[c >> 4]) += kHex[c & 15];
        }
    }
    return q + '"';
}

std::string first_bytes_hex(std::span<const std::byte> b, std::size_t n) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string s;
    for (std::size_t i = 0; i < std::min(n, b.size()); ++i) {
        if (i) s += ' ';
        const auto c = std::to_integer<unsigned>(b[i]);
        (s += kHex[c >> 4]) += kHex[c & 15];
    }
    return s;
}

bool has_zip_end_record(std::span<const std::byte> b) {
    const std::size_t lowest = b.size() > 22 + 65535 ? b.size() - 22 - 65535 : 0;
    for (std::size_t p = b.size() >= 22 ? b.size() - 22 + 1 : 0; p-- > lowest;)
        if (std::memcmp(b.data() + p, "PK\x05\x06", 4) == 0) return true;
    return false;
}

std::string lower_extension(const MappedFile& file) {
    std::string ext = file.path().extension().string();
    for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

std::string shape_str(const std::vector<std::int64_t>& shape) {
    std::string s = "[";
    for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + "]";
}

std::int64_t checked_numel(const std::vector<std::int64_t>& shape, const MappedFile& file, const std::string& name) {
    constexpr std::int64_t kMax = std::int64_t(1) << 48;
    std::int64_t n = 1;
    for (auto d : shape) {
        // Sentences like the header's other refusals (session 29's check, S2: "has bad shape [0, 4611686018427387904]").
        if (d < 0 || d > kMax)
            fail(ErrorCode::CorruptFile, file, "tensor " + quoted_name(name) + " has a size of " + std::to_string(d) +
                                                   " in its shape " + shape_str(shape) +
                                                   (d < 0 ? ": the file is damaged" : ": no model is that large, the file is damaged"));
        if (d != 0 && n > kMax / d)
            fail(ErrorCode::CorruptFile, file, "tensor " + quoted_name(name) + " is implausibly large: its shape " +
                                                   shape_str(shape) + " has more than 2^48 elements, the file is damaged");
        n *= d;
    }
    return n;
}

}  // namespace formats
}  // namespace rwkv
