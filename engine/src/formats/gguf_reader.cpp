// GGUF reader for llama.cpp's `rwkv7` architecture (spec §10.2): header, metadata KVs (only
// general.architecture / general.alignment / rwkv7.wkv.head_size are used), tensor infos, aligned data.
// F32/F16/BF16 are zero-copy views, Q4_0/Q4_1/Q5_0/Q5_1/Q8_0 are dequantised; names map back to .pth keys.
#include <cstring>
#include <optional>

#include "formats/byte_reader.h"
#include "formats/dequant.h"
#include "formats/readers.h"

namespace rwkv::formats {
namespace {

enum : std::uint32_t { kU8, kI8, kU16, kI16, kU32, kI32, kF32, kBool, kString, kArray, kU64, kI64, kF64 };

struct Meta {
    std::string architecture;
    std::uint64_t alignment = 32;
    std::optional<std::uint64_t> head_size;
};

std::uint64_t scalar_size(std::uint32_t t) {
    switch (t) {
    case kU8: case kI8: case kBool: return 1;
    case kU16: case kI16: return 2;
    case kU32: case kI32: case kF32: return 4;
    case kU64: case kI64: case kF64: return 8;
    default: return 0;
    }
}

/// Reads (or skips) one value; returns an integer value for integer scalars.
std::optional<std::uint64_t> read_value(ByteReader& r, std::uint32_t type, std::string* str_out, const MappedFile& f, int depth) {
    if (type == kString) {
        const std::uint64_t n = r.u64("string length");
        auto s = r.take_str(n, "string");
        if (str_out) *str_out = std::string(s);
        return std::nullopt;
    }
    if (type == kArray) {
        if (depth > 3) fail(ErrorCode::CorruptFile, f, "GGUF arrays nested too deeply");
        const std::uint32_t et = r.u32("array element type");
        const std::uint64_t count = r.u64("array length");
        if (const std::uint64_t es = scalar_size(et)) {
            if (count > r.remaining() / es) r.fail("array data", count * es);
            r.take(count * es, "array data");
        } else {
            if (count > r.remaining()) r.fail("array data", count);
            for (std::uint64_t i = 0; i < count; ++i) read_value(r, et, nullptr, f, depth + 1);
        }
        return std::nullopt;
    }
    const std::uint64_t es = scalar_size(type);
    if (es == 0) fail(ErrorCode::CorruptFile, f, "GGUF metadata value of unknown type " + std::to_string(type));
    auto b = r.take(es, "metadata value");
    if (type == kF32 || type == kF64) return std::nullopt;
    std::uint64_t v = 0;
    std::memcpy(&v, b.data(), es);
    return v;
}

/// GGUF name -> official .pth name ("" when unknown).
std::string gguf_to_official(const std::string& n) {
    if (n == "token_embd.weight") return "emb.weight";
    if (n == "output.weight") return "head.weight";
    if (n.rfind("token_embd_norm.", 0) == 0) return "blocks.0.ln0." + n.substr(16);
    if (n.rfind("output_norm.", 0) == 0) return "ln_out." + n.substr(12);
    if (n.rfind("blk.", 0) != 0) return {};
    const std::size_t dot = n.find('.', 4);
    if (dot == std::string::npos) return {};
    const std::string b = "blocks." + n.substr(4, dot - 4) + ".";
    const std::string rest = n.substr(dot + 1);
    struct Rule { const char* from; const char* to; };
    static constexpr Rule kRules[] = {
        {"attn_norm_2.", "ln2."}, {"attn_norm.", "ln1."}, {"time_mix_ln.", "att.ln_x."},
        {"time_mix_lerp_fused.weight", "att.x_rwkvag"},
        {"time_mix_w0.weight", "att.w0"}, {"time_mix_w1.weight", "att.w1"}, {"time_mix_w2.weight", "att.w2"},
        {"time_mix_a0.weight", "att.a0"}, {"time_mix_a1.weight", "att.a1"}, {"time_mix_a2.weight", "att.a2"},
        {"time_mix_v0.weight", "att.v0"}, {"time_mix_v1.weight", "att.v1"}, {"time_mix_v2.weight", "att.v2"},
        {"time_mix_g1.weight", "att.g1"}, {"time_mix_g2.weight", "att.g2"},
        {"time_mix_k_k.weight", "att.k_k"}, {"time_mix_k_a.weight", "att.k_a"}, {"time_mix_r_k.weight", "att.r_k"},
        {"time_mix_receptance.weight", "att.receptance.weight"}, {"time_mix_key.weight", "att.key.weight"},
        {"time_mix_value.weight", "att.value.weight"}, {"time_mix_output.weight", "att.output.weight"},
        {"channel_mix_lerp_k.weight", "ffn.x_k"}, {"channel_mix_key.weight", "ffn.key.weight"},
        {"channel_mix_value.weight", "ffn.value.weight"},
    };
    for (const auto& r : kRules) {
        const std::string_view from = r.from;
        if (from.back() == '.' ? rest.rfind(from, 0) == 0 : rest == from)
            return b + r.to + (from.back() == '.' ? rest.substr(from.size()) : std::string());
    }
    return {};
}

}  // namespace

WeightSet read_gguf(std::shared_ptr<const MappedFile> file) {
    const MappedFile& f = *file;
    ByteReader r(f.bytes(), f.name());
    r.u32("magic");
    const std::uint32_t version = r.u32("version");
    if (version < 2 || version > 3) fail(ErrorCode::UnsupportedFormat, f, "GGUF version " + std::to_string(version) + " (expected 2 or 3)");
    const std::uint64_t n_tensors = r.u64("tensor count"), n_kv = r.u64("metadata count");
    if (n_kv > r.remaining() / 12 || n_tensors > r.remaining() / 24)
        fail(ErrorCode::CorruptFile, f, "GGUF header claims more entries than the file can hold");

    Meta meta;
    for (std::uint64_t i = 0; i < n_kv; ++i) {
        const std::uint64_t klen = r.u64("metadata key length");
        const std::string key(r.take_str(klen, "metadata key"));
        const std::uint32_t type = r.u32("metadata type");
        std::string s;
        const auto v = read_value(r, type, &s, f, 0);
        if (key == "general.architecture") meta.architecture = s;
        else if (key == "general.alignment" && v) meta.alignment = *v;
        else if (key == "rwkv7.wkv.head_size" && v) meta.head_size = *v;
    }
    if (meta.architecture != "rwkv7")
        fail(ErrorCode::UnsupportedModel, f, "GGUF architecture '" + meta.architecture + "'; only 'rwkv7' is supported");
    if (meta.head_size && *meta.head_size != 64)
        fail(ErrorCode::UnsupportedModel, f, "head size " + std::to_string(*meta.head_size) + "; only 64 is supported");
    if (meta.alignment == 0 || (meta.alignment & (meta.alignment - 1)) || meta.alignment > 65536)
        fail(ErrorCode::CorruptFile, f, "bad general.alignment " + std::to_string(meta.alignment));

    struct Info { std::string name; std::vector<std::int64_t> shape; std::uint32_t type; std::uint64_t offset; };
    std::vector<Info> infos;
    infos.reserve(static_cast<std::size_t>(n_tensors));
    for (std::uint64_t i = 0; i < n_tensors; ++i) {
        Info t;
        t.name = std::string(r.take_str(r.u64("tensor name length"), "tensor name"));
        const std::uint32_t dims = r.u32("tensor dims");
        if (dims < 1 || dims > 4) fail(ErrorCode::CorruptFile, f, "tensor " + t.name + " has " + std::to_string(dims) + " dimensions");
        t.shape.resize(dims);
        for (std::uint32_t d = 0; d < dims; ++d) {
            const std::uint64_t ne = r.u64("tensor ne");
            if (ne > (std::uint64_t(1) << 40)) fail(ErrorCode::CorruptFile, f, "tensor " + t.name + " has a huge dimension");
            t.shape[dims - 1 - d] = static_cast<std::int64_t>(ne);  // ne[0] is the contiguous dimension
        }
        t.type = r.u32("tensor type");
        t.offset = r.u64("tensor offset");
        infos.push_back(std::move(t));
    }
    const std::uint64_t data_start = (r.pos() + meta.alignment - 1) / meta.alignment * meta.alignment;

    WeightSet ws;
    ws.format = CheckpointFormat::Gguf;
    ws.path = f.path();
    ws.keep_alive(file);
    for (auto& t : infos) {
        const std::int64_t n = checked_numel(t.shape, f, t.name);
        if (t.offset > f.size()) fail(ErrorCode::CorruptFile, f, "tensor " + t.name + " starts past the end of the file");
        TensorView v;
        v.shape = t.shape;
        std::optional<BlockType> bt;
        switch (t.type) {
        case 0: v.dtype = DType::F32; break;
        case 1: v.dtype = DType::F16; break;
        case 30: v.dtype = DType::BF16; break;
        case 2: bt = BlockType::Q4_0; break;
        case 3: bt = BlockType::Q4_1; break;
        case 6: bt = BlockType::Q5_0; break;
        case 7: bt = BlockType::Q5_1; break;
        case 8: bt = BlockType::Q8_0; break;
        default:
            fail(ErrorCode::UnsupportedFormat, f, "tensor " + t.name + " has ggml type " + std::to_string(t.type) +
                                                      " (supported: F32, F16, BF16, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0)");
        }
        if (!bt) {
            v.nbytes = static_cast<std::size_t>(n) * dtype_size(v.dtype);
            v.data = f.slice(data_start + t.offset, v.nbytes, "data of tensor " + t.name).data();
        } else {
            if (t.shape.back() % 32 != 0) fail(ErrorCode::CorruptFile, f, "quantised tensor " + t.name + " has a row length not divisible by 32");
            const auto src = f.slice(data_start + t.offset, static_cast<std::uint64_t>(n / 32) * block_bytes(*bt), "data of tensor " + t.name);
            auto buf = std::make_shared<std::vector<float>>(static_cast<std::size_t>(n));
            dequantize(*bt, src.data(), *buf);
            v.dtype = DType::F32;
            v.data = reinterpret_cast<const std::byte*>(buf->data());
            v.nbytes = buf->size() * 4;
            ws.keep_alive(std::move(buf));
        }
        const std::string official = gguf_to_official(t.name);
        if (official.empty()) {
            ws.add_view("gguf." + t.name, std::move(v));  // unknown extra tensor: kept, never used
        } else if (official.size() > 12 && official.compare(official.size() - 12, 12, "att.x_rwkvag") == 0) {
            add_split_rwkvag(ws, f, official.substr(0, official.size() - 12), v);
        } else {
            add_official(ws, f, official, std::move(v), LoraLayout::OutIn);
        }
    }
    return ws;
}

}  // namespace rwkv::formats
