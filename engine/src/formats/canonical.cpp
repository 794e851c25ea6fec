// Conversion of official-named tensors into the canonical form of rwkv/weights.h: drop layer-0 v-LoRA,
// squeeze [1,1,C] vectors, flatten r_k, transpose [in,out] LoRA matrices, split fused x_rwkvag.
#include <array>
#include <cstring>
#include <string_view>

#include "formats/readers.h"

namespace rwkv::formats {
namespace {


/// "blocks.{i}.att.w1" -> {i, "att.w1"}; {-1, ""} for other names.
std::pair<long, std::string_view> split_block(std::string_view name) {
    constexpr std::string_view kPre = "blocks.";
    if (name.substr(0, kPre.size()) != kPre) return {-1, {}};
    std::size_t i = kPre.size();
    long layer = 0;
    const std::size_t start = i;
    while (i < name.size() && name[i] >= '0' && name[i] <= '9' && i - start < 6) layer = layer * 10 + (name[i++] - '0');
    if (i == start || i >= name.size() || name[i] != '.') return {-1, {}};
    return {layer, name.substr(i + 1)};
}

constexpr std::array<std::string_view, 8> kLora = {"att.w1", "att.w2", "att.a1", "att.a2",
                                                   "att.v1", "att.v2", "att.g1", "att.g2"};
constexpr std::array<std::string_view, 12> kVectors = {"att.x_r", "att.x_w", "att.x_k", "att.x_v", "att.x_a", "att.x_g",
                                                       "att.w0",  "att.a0",  "att.v0",  "att.k_k", "att.k_a", "ffn.x_k"};

template <std::size_t K>
bool one_of(std::string_view s, const std::array<std::string_view, K>& set) {
    for (auto x : set)
        if (s == x) return true;
    return false;
}

}  // namespace

void add_official(WeightSet& ws, const MappedFile& file, const std::string& name, TensorView raw, LoraLayout lora,
                  bool index_only) {
    const auto [layer, suffix] = split_block(name);
    if (layer == 0 && (suffix == "att.v0" || suffix == "att.v1" || suffix == "att.v2")) return;  // never used (§2.1)

    const std::int64_t n = checked_numel(raw.shape, file, name);
    const std::size_t es = dtype_size(raw.dtype);
    if (es == 0 || (raw.data && raw.nbytes != static_cast<std::size_t>(n) * es))  // data nullptr: index-only, quantised
        fail(ErrorCode::Internal, file, "tensor " + quoted_name(name) + ": byte size does not match its shape");

    if (layer >= 0 && one_of(suffix, kVectors)) {
        for (std::size_t d = 0; d + 1 < raw.shape.size(); ++d)
            if (raw.shape[d] != 1)
                fail(ErrorCode::CorruptFile, file, "tensor " + quoted_name(name) + " has shape " + shape_str(raw.shape) + ", expected [1, 1, C]");
        raw.shape = {n};
    } else if (layer >= 0 && suffix == "att.r_k") {
        if (raw.shape.size() == 2 && raw.shape[1] != 64)
            fail(ErrorCode::UnsupportedModel, file, "head size " + std::to_string(raw.shape[1]) + " (tensor " + quoted_name(name) + " " +
                                                      shape_str(raw.shape) + "); only RWKV-7 with head size 64 is supported");
        if (raw.shape.size() > 2)
            fail(ErrorCode::CorruptFile, file, "tensor " + quoted_name(name) + " has shape " + shape_str(raw.shape) + ", expected [H, 64]");
        raw.shape = {n};
    } else if (layer >= 0 && one_of(suffix, kLora)) {
        if (raw.shape.size() != 2)
            fail(ErrorCode::CorruptFile, file, "LoRA matrix " + quoted_name(name) + " has shape " + shape_str(raw.shape) + ", expected 2-D");
        if (lora == LoraLayout::InOut && index_only) {
            raw.shape = {raw.shape[1], raw.shape[0]};  // the shape it gets; its bytes are not read
        } else if (lora == LoraLayout::InOut) {
            if (ws.owned_bytes() + raw.nbytes > file.size())
                fail(ErrorCode::CorruptFile, file, "LoRA matrix " + quoted_name(name) + ": the tensors declare more data than the file "
                                                   "holds (several tensors share the same bytes)");
            const auto rows = static_cast<std::size_t>(raw.shape[0]), cols = static_cast<std::size_t>(raw.shape[1]);
            std::vector<std::byte> t(raw.nbytes);
            for (std::size_t r = 0; r < rows; ++r)
                for (std::size_t c = 0; c < cols; ++c)
                    std::memcpy(t.data() + (c * rows + r) * es, raw.data + (r * cols + c) * es, es);
            ws.add_owned(name, raw.dtype, {raw.shape[1], raw.shape[0]}, std::move(t));
            ws.mark_transposed_from_file(name);  // a NaN in it is named by its place in the file (NonFiniteWeight)
            file.release_pages({raw.data, raw.nbytes}, 64 << 10);  // only the copy is read from now on
            return;
        }
    }
    ws.add_view(name, std::move(raw));
}

void add_split_rwkvag(WeightSet& ws, const MappedFile& file, const std::string& layer_prefix, const TensorView& fused) {
    const std::int64_t n = checked_numel(fused.shape, file, layer_prefix + "x_rwkvag");
    const std::size_t es = dtype_size(fused.dtype);
    if (es == 0 || n % 6 != 0 || fused.shape.empty() || fused.shape[0] != 6)
        fail(ErrorCode::CorruptFile, file, "fused token-shift tensor of " + layer_prefix + " has shape " +
                                               shape_str(fused.shape) + ", expected 6 rows (r,w,k,v,a,g)");
    static constexpr const char* kNames[6] = {"x_r", "x_w", "x_k", "x_v", "x_a", "x_g"};
    const std::int64_t c = n / 6;
    for (int row = 0; row < 6; ++row) {
        TensorView v;
        v.dtype = fused.dtype;
        v.shape = {c};
        v.data = fused.data ? fused.data + static_cast<std::size_t>(row * c) * es : nullptr;  // nullptr: index-only
        v.nbytes = fused.data ? static_cast<std::size_t>(c) * es : 0;
        ws.add_view(layer_prefix + "att." + kNames[row], std::move(v));
    }
}

}  // namespace rwkv::formats
