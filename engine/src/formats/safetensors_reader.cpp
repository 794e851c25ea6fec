// safetensors reader (spec §2.5): 8-byte header length, JSON header (nlohmann-json), BF16/F16/F32 data as
// zero-copy views. Flavour A uses the official .pth names; flavour B (HF/fla "model.layers.*") is renamed.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "formats/byte_reader.h"
#include "formats/readers.h"

namespace rwkv::formats {
namespace {

/// HF/fla name -> official name (spec §2.5 B). "x_x" maps to the pseudo-name "<prefix>x_x" for splitting.
std::optional<std::string> hf_to_official(const std::string& n) {
    if (n == "model.embeddings.weight") return "emb.weight";
    if (n == "lm_head.weight") return "head.weight";
    if (n.rfind("model.norm.", 0) == 0) return "ln_out." + n.substr(11);
    constexpr std::string_view kLayers = "model.layers.";
    if (n.rfind(kLayers, 0) != 0) return std::nullopt;
    const std::size_t dot = n.find('.', kLayers.size());
    if (dot == std::string::npos) return std::nullopt;
    const std::string layer = n.substr(kLayers.size(), dot - kLayers.size());
    const std::string rest = n.substr(dot + 1);
    const std::string b = "blocks." + layer + ".";
    struct Rule { const char* from; const char* to; };
    static constexpr Rule kRules[] = {
        {"pre_norm.", "ln0."},          {"attn_norm.", "ln1."},          {"ffn_norm.", "ln2."},
        {"attn.x_x", "att.x_x"},        {"attn.k_k", "att.k_k"},         {"attn.k_a", "att.k_a"},
        {"attn.r_k", "att.r_k"},        {"attn.r_proj.", "att.receptance."}, {"attn.k_proj.", "att.key."},
        {"attn.v_proj.", "att.value."}, {"attn.o_proj.", "att.output."}, {"attn.g_norm.", "att.ln_x."},
        {"attn.w_lora.lora.0.weight", "att.w1"}, {"attn.w_lora.lora.2.weight", "att.w2"}, {"attn.w_lora.lora.2.bias", "att.w0"},
        {"attn.a_lora.lora.0.weight", "att.a1"}, {"attn.a_lora.lora.2.weight", "att.a2"}, {"attn.a_lora.lora.2.bias", "att.a0"},
        {"attn.v_lora.lora.0.weight", "att.v1"}, {"attn.v_lora.lora.2.weight", "att.v2"}, {"attn.v_lora.lora.2.bias", "att.v0"},
        {"attn.g_lora.lora.0.weight", "att.g1"}, {"attn.g_lora.lora.2.weight", "att.g2"},
        {"ffn.x_k", "ffn.x_k"},         {"ffn.key.", "ffn.key."},        {"ffn.value.", "ffn.value."},
    };
    for (const auto& r : kRules) {
        const std::string_view from = r.from;
        const bool prefix = from.back() == '.';
        if ((prefix && rest.rfind(from, 0) == 0) || (!prefix && rest == from))
            return b + r.to + (prefix ? rest.substr(from.size()) : std::string());
    }
    return std::nullopt;
}

/// A non-negative JSON integer (a float, negative or out-of-range number is an error, not a conversion).
std::int64_t integer(const nlohmann::json& j, const char* what) {
    if (j.is_number_unsigned() && j.get<std::uint64_t>() <= std::uint64_t(INT64_MAX)) return static_cast<std::int64_t>(j.get<std::uint64_t>());
    if (j.is_number_integer() && j.get<std::int64_t>() >= 0) return j.get<std::int64_t>();
    throw std::runtime_error("has " + j.dump().substr(0, 40) + " in its " + what + ", not a non-negative integer");
}

/// The entry's field `key`; throws the end of a sentence ("has no dtype") when it is missing.
const nlohmann::json& field(const nlohmann::json& e, const char* key) {
    const auto it = e.find(key);
    if (it == e.end()) throw std::runtime_error(std::string("has no ") + key);
    return *it;
}

/// One tensor's byte range in the data block, [begin, end).
struct Range {
    std::uint64_t begin, end;
    const std::string* name;
};

/// The format lets no two tensors share bytes (a header edited so that they do reads as noise, trial 29 T1): the
/// first overlapping pair, named. Empty tensors overlap nothing. Holes between tensors are not refused: the data
/// is read right, and a missing tensor is better named by the shape check (past the file's end, fail_past_end tells
/// a hole from a cut).
void check_no_overlap(std::vector<Range> ranges, const MappedFile& f) {
    std::erase_if(ranges, [](const Range& r) { return r.begin == r.end; });
    std::sort(ranges.begin(), ranges.end(), [](const Range& a, const Range& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end != b.end ? a.end < b.end : *a.name < *b.name;
    });
    const Range* reach = nullptr;  // of the tensors so far, the one that ends last
    for (const Range& r : ranges) {
        if (reach && r.begin < reach->end)
            fail(ErrorCode::CorruptFile, f, "tensor " + quoted_name(*r.name) + " overlaps tensor " + quoted_name(*reach->name) + " (data bytes " +
                                                std::to_string(r.begin) + " to " + std::to_string(r.end) + " and " +
                                                std::to_string(reach->begin) + " to " + std::to_string(reach->end) +
                                                "): the header is damaged");
        if (!reach || r.end > reach->end) reach = &r;
    }
}

/// `past`, of the tensors that end past the file the one that ends last, and `described`, the bytes the header's
/// tensors add up to (their ranges checked against their shapes and for overlaps): a file cut short when the tensors
/// fill the data block up to `past`'s end with no gap, else a header whose offsets no download explains (session
/// 38's trial: data_offsets near 1e12 in a file of a few KB were called "an incomplete download").
[[noreturn]] void fail_past_end(const Range& past, std::uint64_t described, std::uint64_t data_start, const MappedFile& f) {
    if (past.end == described)
        fail_truncated(f, "it is " + std::to_string(f.size()) + " bytes, its tensor " + quoted_name(*past.name) +
                              " ends at byte " + std::to_string(data_start + past.end));
    fail(ErrorCode::CorruptFile, f, "not a valid safetensors file (tensor " + quoted_name(*past.name) + " has data_offsets [" +
                                        std::to_string(past.begin) + ", " + std::to_string(past.end) + "], but the header's " +
                                        "tensors add up to " + std::to_string(described) + " bytes of data and the file has " +
                                        std::to_string(f.size() - data_start) + " after its header): its header is damaged");
}

}  // namespace

WeightSet read_safetensors(std::shared_ptr<const MappedFile> file, bool index_only) {
    const MappedFile& f = *file;
    ByteReader r(f.bytes(), f.name());
    const std::uint64_t header_len = r.u64("safetensors header length");
    // A length no safetensors header has (under 2 bytes, over the format's 100 MiB) is no truncation: the file is whole
    // and its first 8 bytes are wrong (session 37's trial: 2^60 in a full-size file was called "incomplete").
    if (header_len < 2 || header_len > (std::uint64_t(100) << 20))
        fail(ErrorCode::CorruptFile, f, "not a valid safetensors file (its header length is " +
                                            std::to_string(header_len) + " bytes, the file is " +
                                            std::to_string(f.size()) + "): its first 8 bytes are damaged");
    if (header_len > f.size() - 8)
        fail_truncated_or_damaged(f, "safetensors header length " + std::to_string(header_len) +
                                         " does not fit the file (" + std::to_string(f.size()) + " bytes)");
    const auto header = r.take_str(header_len, "safetensors header");
    const std::uint64_t data_start = 8 + header_len;
    const std::uint64_t data_size = f.size() - data_start;

    // Where the JSON breaks and what stands there, not nlohmann's "[json.exception.parse_error.101] ...".
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(header.begin(), header.end());
    } catch (const nlohmann::json::parse_error& e) {  // e.byte: 1-based position in the header, which starts at 8
        const std::size_t at = e.byte > 0 ? std::min<std::size_t>(e.byte - 1, header.size()) : 0;
        std::string found = "it ends early";
        if (at < header.size()) {
            const auto c = static_cast<unsigned char>(header[at]);
            static const char* hex = "0123456789abcdef";
            found = c >= 0x20 && c < 0x7f ? std::string("'") + char(c) + "'"
                                          : std::string("byte 0x") + hex[c >> 4] + hex[c & 15];
        }
        fail(ErrorCode::CorruptFile, f, "damaged safetensors header (not JSON: " + found + ", at byte " +
                                            std::to_string(8 + at) + " of the file)");
    } catch (const nlohmann::json::exception&) {
        fail(ErrorCode::CorruptFile, f, "damaged safetensors header (not JSON)");
    }
    if (!j.is_object()) fail(ErrorCode::CorruptFile, f, "damaged safetensors header (not a JSON object)");

    bool hf = j.contains("model.embeddings.weight");
    for (auto it = j.begin(); !hf && it != j.end(); ++it) hf = it.key().rfind("model.layers.", 0) == 0;

    WeightSet ws;
    ws.format = CheckpointFormat::Safetensors;
    ws.path = f.path();
    ws.keep_alive(file);
    std::vector<std::pair<const std::string*, TensorView>> views;
    std::vector<Range> ranges;
    std::uint64_t described = 0;  // the data bytes of all tensors, by their offsets (saturating)
    std::optional<Range> past;    // of the tensors that end past the file, the one that ends last
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string& name = it.key();
        if (name == "__metadata__") continue;
        const auto& e = it.value();
        TensorView v;
        try {
            if (!e.is_object()) throw std::runtime_error("has a header entry that is not a JSON object");
            const auto& dtype = field(e, "dtype");
            if (!dtype.is_string()) throw std::runtime_error("has a dtype that is not a string");
            const std::string& dt = dtype.get_ref<const std::string&>();
            if (dt == "BF16") v.dtype = DType::BF16;
            else if (dt == "F16") v.dtype = DType::F16;
            else if (dt == "F32") v.dtype = DType::F32;
            else fail(ErrorCode::UnsupportedFormat, f, "tensor " + quoted_name(name) + " has dtype " + quoted_name(dt) + "; only BF16, F16 and F32 are supported");
            const auto& shape = field(e, "shape");
            if (!shape.is_array() || shape.size() > 8) throw std::runtime_error("has a shape that is not a list of up to 8 sizes");
            for (const auto& d : shape) v.shape.push_back(integer(d, "shape"));
            const auto& off = field(e, "data_offsets");
            if (!off.is_array() || off.size() != 2) throw std::runtime_error("has data_offsets that are not [begin, end]");
            const auto begin = static_cast<std::uint64_t>(integer(off[0], "data_offsets")),
                       end = static_cast<std::uint64_t>(integer(off[1], "data_offsets"));
            const std::int64_t n = checked_numel(v.shape, f, name);
            if (begin > end)
                fail(ErrorCode::CorruptFile, f, "tensor " + quoted_name(name) + " data_offsets [" + std::to_string(begin) + ", " +
                                                    std::to_string(end) + "] are reversed");
            v.nbytes = static_cast<std::size_t>(n) * dtype_size(v.dtype);
            if (end - begin != v.nbytes)
                fail(ErrorCode::CorruptFile, f, "tensor " + quoted_name(name) + " has " + std::to_string(end - begin) + " bytes, its shape " +
                                                    shape_str(v.shape) + " needs " + std::to_string(v.nbytes));
            described = end - begin > UINT64_MAX - described ? UINT64_MAX : described + (end - begin);
            if (end > data_size) {  // said after the whole header is read: truncated, or offsets no download explains
                if (!past || end > past->end) past = Range{begin, end, &name};
            } else {
                v.data = f.bytes().data() + data_start + begin;
            }
            ranges.push_back({begin, end, &name});
        } catch (const nlohmann::json::exception&) {  // not expected after the checks above; no library jargon
            fail(ErrorCode::CorruptFile, f, "the safetensors header entry of tensor " + quoted_name(name) + " cannot be read");
        } catch (const std::runtime_error& ex) {
            if (dynamic_cast<const Error*>(&ex)) throw;
            fail(ErrorCode::CorruptFile, f, "tensor " + quoted_name(name) + " " + ex.what());
        }
        views.emplace_back(&name, std::move(v));
    }
    check_no_overlap(std::move(ranges), f);
    if (past) fail_past_end(*past, described, data_start, f);
    for (auto& [name_ptr, v] : views) {
        const std::string& name = *name_ptr;
        if (!hf) {
            add_official(ws, f, name, std::move(v), LoraLayout::InOut, index_only);
            continue;
        }
        const auto official = hf_to_official(name);
        if (!official) {
            ws.add_view("hf." + name, std::move(v));  // unknown extra tensor: kept under its own name, never used
        } else if (official->size() > 7 && official->substr(official->size() - 7) == "att.x_x") {
            if (v.shape.size() != 2 || v.shape[0] != 6)
                fail(ErrorCode::CorruptFile, f, "tensor " + quoted_name(name) + " has shape " + shape_str(v.shape) + ", expected [6, C]");
            add_split_rwkvag(ws, f, official->substr(0, official->size() - 7), v);
        } else {
            add_official(ws, f, *official, std::move(v), LoraLayout::OutIn, index_only);
        }
    }
    return ws;
}

}  // namespace rwkv::formats
