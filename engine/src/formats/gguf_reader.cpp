// GGUF reader for llama.cpp's `rwkv7` architecture (spec §10.2): header, metadata KVs (only
// general.architecture / general.alignment / rwkv7.wkv.head_size are used), tensor infos, aligned data.
// F32/F16/BF16 are zero-copy views; Q4_0/Q4_1/Q5_0/Q5_1/Q8_0 and the K-quants Q4_K/Q5_K/Q6_K are dequantised
// to fp16 at load (docs/engine.md); names map back to .pth keys.
#include <cstring>
#include <new>
#include <optional>
#include <set>

#include "formats/byte_reader.h"
#include "formats/dequant.h"
#include "formats/readers.h"

namespace rwkv::formats {
namespace {

enum : std::uint32_t { kU8, kI8, kU16, kI16, kU32, kI32, kF32, kBool, kString, kArray, kU64, kI64, kF64 };

struct Meta {
    std::string architecture;
    std::uint64_t alignment = 32;
    std::optional<std::uint64_t> head_size, block_count, embedding_length, feed_forward_length, vocab_tokens;
};

/// One metadata value: integer scalars as u64, strings, and the element count of arrays.
struct Value {
    std::optional<std::uint64_t> integer;
    std::string text;
    std::optional<std::uint64_t> array_count;
};

/// "unsupported architecture: RWKV-6 ..." for llama.cpp's other RWKV architectures, else a generic message.
std::string architecture_error(const std::string& arch) {
    if (arch.empty()) return "GGUF file without general.architecture; only llama.cpp 'rwkv7' files are supported";
    if (arch == "rwkv6" || arch == "rwkv6qwen2")
        return "unsupported architecture: RWKV-6 (GGUF general.architecture '" + arch + "'); only RWKV-7 is supported";
    if (arch == "arwkv7")
        return "unsupported architecture: ARWKV-7, an RWKV-7/Transformer hybrid (GGUF general.architecture 'arwkv7'); "
               "only RWKV-7 is supported";
    if (arch.rfind("rwkv", 0) == 0)
        return "unsupported architecture: GGUF general.architecture '" + arch + "'; only RWKV-7 ('rwkv7') is supported";
    return "unsupported architecture: '" + arch.substr(0, 64) + "' is not an RWKV model; only RWKV-7 ('rwkv7') is supported";
}

std::uint64_t scalar_size(std::uint32_t t) {
    switch (t) {
    case kU8: case kI8: case kBool: return 1;
    case kU16: case kI16: return 2;
    case kU32: case kI32: case kF32: return 4;
    case kU64: case kI64: case kF64: return 8;
    default: return 0;
    }
}

/// Reads (or skips) one value.
Value read_value(ByteReader& r, std::uint32_t type, const MappedFile& f, int depth) {
    Value out;
    if (type == kString) {
        const std::uint64_t n = r.u64("string length");
        out.text = std::string(r.take_str(n, "string"));
        return out;
    }
    if (type == kArray) {
        if (depth > 3) fail(ErrorCode::CorruptFile, f, "GGUF arrays nested too deeply");
        const std::uint32_t et = r.u32("array element type");
        const std::uint64_t count = r.u64("array length");
        out.array_count = count;
        if (const std::uint64_t es = scalar_size(et)) {
            if (count > r.remaining() / es) r.fail("array data", count * es);
            r.take(count * es, "array data");
        } else {
            if (et != kString && et != kArray)
                fail(ErrorCode::CorruptFile, f, "GGUF array of unknown element type " + std::to_string(et));
            if (count > r.remaining() / 8) r.fail("array data", count);  // every element needs at least 8 bytes
            for (std::uint64_t i = 0; i < count; ++i) read_value(r, et, f, depth + 1);
        }
        return out;
    }
    const std::uint64_t es = scalar_size(type);
    if (es == 0) fail(ErrorCode::CorruptFile, f, "GGUF metadata value of unknown type " + std::to_string(type));
    auto b = r.take(es, "metadata value");
    if (type == kF32 || type == kF64) return out;
    std::uint64_t v = 0;
    std::memcpy(&v, b.data(), es);
    out.integer = v;
    return out;
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

/// Bytes a tensor of `n` elements of ggml type `type` occupies (0 for unsupported types, refused later).
std::uint64_t stored_bytes(std::uint32_t type, std::int64_t n) {
    const auto un = static_cast<std::uint64_t>(n);
    if (type == 0) return un * 4;
    if (type == 1 || type == 30) return un * 2;
    if (const auto bt = block_type_from_ggml(type)) return un / block_elems(*bt) * block_bytes(*bt);
    return 0;
}

/// Dequantises a block-quantised tensor (spec §10.2 "Types") into an owned fp16 buffer (fp32 if a value
/// exceeds fp16's range) and points `v` at it; the source pages are then released. ggml requires the row
/// length ne[0] to be a multiple of the block size.
void add_dequantised(WeightSet& ws, const MappedFile& f, const std::string& name, BlockType bt,
                     const std::vector<std::int64_t>& shape, std::int64_t n, std::uint64_t offset, TensorView& v) {
    const std::string type(block_name(bt));
    const auto be = static_cast<std::int64_t>(block_elems(bt));
    if (shape.back() % be != 0)
        fail(ErrorCode::CorruptFile, f, type + " tensor " + quoted_name(name) + " " + shape_str(shape) + " has a row length of " +
                                            std::to_string(shape.back()) + ", not a multiple of the " + type +
                                            " block size " + std::to_string(be));
    const auto src = f.slice(offset, static_cast<std::uint64_t>(n / be) * block_bytes(bt), "data of " + type + " tensor " + quoted_name(name));
    auto deq = std::make_shared<DequantisedTensor>();
    try {
        *deq = dequantize_tensor(bt, src, static_cast<std::size_t>(n));
    } catch (const std::bad_alloc&) {
        fail(ErrorCode::OutOfMemory, f, "not enough memory to dequantise tensor " + quoted_name(name) + " (" +
                                            std::to_string((n * 2) >> 20) + " MiB)");
    }
    if (deq->first_nonfinite != SIZE_MAX)
        fail(ErrorCode::CorruptFile, f, type + " tensor " + quoted_name(name) + " holds a non-finite value (NaN or infinity) at element " +
                                            std::to_string(deq->first_nonfinite) + " (block " +
                                            std::to_string(deq->first_nonfinite / std::size_t(be)) + ")");
    f.release_pages(src);
    v.dtype = deq->is_f16 ? DType::F16 : DType::F32;
    v.data = deq->bytes.data();
    v.nbytes = deq->bytes.size();
    ws.keep_alive(std::move(deq));
}

}  // namespace

WeightSet read_gguf(std::shared_ptr<const MappedFile> file, bool index_only) {
    const MappedFile& f = *file;
    ByteReader r(f.bytes(), f.name());
    r.u32("magic");
    const std::uint32_t version = r.u32("version");
    if (version < 2 || version > 3) fail(ErrorCode::UnsupportedFormat, f, "GGUF version " + std::to_string(version) + " (expected 2 or 3)");
    const std::uint64_t n_tensors = r.u64("tensor count"), n_kv = r.u64("metadata count");
    if (n_kv > r.remaining() / 12 || n_tensors > r.remaining() / 24) {
        // Counts a model's header has (an RWKV-7 GGUF: tens of keys, tens of tensors per layer) in a file too short for
        // them: cut; counts no model has: a damaged header (as the safetensors reader tells a header length).
        constexpr std::uint64_t kPlausible = 65536;
        if (n_kv <= kPlausible && n_tensors <= kPlausible)
            fail_truncated(f, "it is " + std::to_string(f.size()) + " bytes, too short for the " +
                                  std::to_string(n_kv) + " metadata entries and " + std::to_string(n_tensors) +
                                  " tensors its header lists");
        fail(ErrorCode::CorruptFile, f, "GGUF header claims more entries than the file can hold");
    }

    Meta meta;
    std::set<std::string> keys;
    for (std::uint64_t i = 0; i < n_kv; ++i) {
        const std::uint64_t klen = r.u64("metadata key length");
        if (klen == 0) fail(ErrorCode::CorruptFile, f, "GGUF metadata entry " + std::to_string(i) + " has an empty key");
        if (klen > 65535) fail(ErrorCode::CorruptFile, f, "GGUF metadata entry " + std::to_string(i) + " has a key of " + std::to_string(klen) + " bytes");
        const std::string key(r.take_str(klen, "metadata key"));
        if (!keys.insert(key).second) fail(ErrorCode::CorruptFile, f, "GGUF metadata key " + quoted_name(key) + " appears twice");
        const std::uint32_t type = r.u32("metadata type");
        const Value v = read_value(r, type, f, 0);
        if (key == "general.architecture") meta.architecture = v.text;
        else if (key == "general.alignment" && v.integer) meta.alignment = *v.integer;
        else if (key == "rwkv7.wkv.head_size" && v.integer) meta.head_size = v.integer;
        else if (key == "rwkv7.block_count" && v.integer) meta.block_count = v.integer;
        else if (key == "rwkv7.embedding_length" && v.integer) meta.embedding_length = v.integer;
        else if (key == "rwkv7.feed_forward_length" && v.integer) meta.feed_forward_length = v.integer;
        else if (key == "tokenizer.ggml.tokens" && v.array_count) meta.vocab_tokens = v.array_count;
    }
    if (meta.architecture != "rwkv7") fail(ErrorCode::UnsupportedModel, f, architecture_error(meta.architecture));
    if (meta.head_size && *meta.head_size != 64)
        fail(ErrorCode::UnsupportedModel, f, "head size " + std::to_string(*meta.head_size) + "; only 64 is supported");
    if (meta.alignment == 0 || (meta.alignment & (meta.alignment - 1)) || meta.alignment > 65536)
        fail(ErrorCode::CorruptFile, f, "bad general.alignment " + std::to_string(meta.alignment));

    struct Info { std::string name; std::vector<std::int64_t> shape; std::uint32_t type; std::uint64_t offset; };
    std::vector<Info> infos;
    infos.reserve(static_cast<std::size_t>(n_tensors));
    for (std::uint64_t i = 0; i < n_tensors; ++i) {
        Info t;
        // The length checked before the name is read: a length no name has (misread tensor infos) is damage, not a
        // file that ends before the name it promises.
        const std::uint64_t name_len = r.u64("tensor name length");
        if (name_len == 0 || name_len > 1024)
            fail(ErrorCode::CorruptFile, f, "GGUF tensor info " + std::to_string(i) + " has a name of " + std::to_string(name_len) + " bytes");
        t.name = std::string(r.take_str(name_len, "tensor name"));
        const std::uint32_t dims = r.u32("tensor dims");
        if (dims < 1 || dims > 4) fail(ErrorCode::CorruptFile, f, "tensor " + quoted_name(t.name) + " has " + std::to_string(dims) + " dimensions");
        t.shape.resize(dims);
        for (std::uint32_t d = 0; d < dims; ++d) {
            const std::uint64_t ne = r.u64("tensor ne");
            if (ne > (std::uint64_t(1) << 40)) fail(ErrorCode::CorruptFile, f, "tensor " + quoted_name(t.name) + " has a huge dimension");
            t.shape[dims - 1 - d] = static_cast<std::int64_t>(ne);  // ne[0] is the contiguous dimension
        }
        t.type = r.u32("tensor type");
        t.offset = r.u64("tensor offset");
        if (t.offset % meta.alignment != 0)
            fail(ErrorCode::CorruptFile, f, "tensor " + quoted_name(t.name) + " starts at data offset " + std::to_string(t.offset) +
                                                ", not a multiple of the alignment " + std::to_string(meta.alignment));
        infos.push_back(std::move(t));
    }
    const std::uint64_t data_start = (r.pos() + meta.alignment - 1) / meta.alignment * meta.alignment;

    WeightSet ws;
    ws.format = CheckpointFormat::Gguf;
    ws.path = f.path();
    ws.keep_alive(file);
    std::uint64_t expected_offset = 0;  // ggml packs the tensors in order, each padded to the alignment
    for (auto& t : infos) {
        const std::int64_t n = checked_numel(t.shape, f, t.name);
        if (t.offset > f.size()) fail(ErrorCode::CorruptFile, f, "tensor " + quoted_name(t.name) + " starts past the end of the file");
        if (t.offset != expected_offset)
            fail(ErrorCode::CorruptFile, f, "tensor " + quoted_name(t.name) + " has data offset " + std::to_string(t.offset) + ", expected " +
                                                std::to_string(expected_offset) + " (GGUF tensors are stored in order without gaps)");
        expected_offset += (stored_bytes(t.type, n) + meta.alignment - 1) / meta.alignment * meta.alignment;
        TensorView v;
        v.shape = t.shape;
        const std::optional<BlockType> bt = block_type_from_ggml(t.type);
        if (t.type == 0) v.dtype = DType::F32;
        else if (t.type == 1) v.dtype = DType::F16;
        else if (t.type == 30) v.dtype = DType::BF16;
        else if (!bt) {
            // ggml's name and id ("Q3_K (11)"); an id ggml_type_name does not know, once ("type 99 (99)" until
            // session 59's trial2).
            const std::string id = std::to_string(t.type), name = ggml_type_name(t.type);
            fail(ErrorCode::UnsupportedFormat, f, "tensor " + quoted_name(t.name) + " has ggml type " +
                                                      (name == "type " + id ? id + ", a type unknown here"
                                                                            : name + " (" + id + ")") +
                                                      "; supported: F32, F16, BF16, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, Q4_K, Q5_K, Q6_K");
        }
        if (!bt) {
            v.nbytes = static_cast<std::size_t>(n) * dtype_size(v.dtype);
            v.data = f.slice(data_start + t.offset, v.nbytes, "data of tensor " + quoted_name(t.name)).data();
        } else if (index_only) {
            f.slice(data_start + t.offset, stored_bytes(t.type, n), "data of tensor " + quoted_name(t.name));
            v.dtype = DType::F32;  // its shape only (readers.h): nothing is dequantised
        } else {
            add_dequantised(ws, f, t.name, *bt, t.shape, n, data_start + t.offset, v);
        }
        const std::string official = gguf_to_official(t.name);
        if (official.empty()) {
            ws.add_view("gguf." + t.name, std::move(v));  // unknown extra tensor: kept, never used
        } else if (official.size() > 12 && official.compare(official.size() - 12, 12, "att.x_rwkvag") == 0) {
            add_split_rwkvag(ws, f, official.substr(0, official.size() - 12), v);
        } else {
            add_official(ws, f, official, std::move(v), LoraLayout::OutIn, index_only);
        }
    }

    // The metadata must describe the tensors (a file edited or assembled by hand can disagree).
    ws.shape = validate_shape(ws, index_only);
    auto check = [&](const char* key, const std::optional<std::uint64_t>& meta_value, int actual, const char* what) {
        if (meta_value && *meta_value != static_cast<std::uint64_t>(actual))
            fail(ErrorCode::CorruptFile, f, std::string("metadata ") + key + " = " + std::to_string(*meta_value) +
                                                " but the tensors give " + what + " " + std::to_string(actual));
    };
    check("rwkv7.block_count", meta.block_count, ws.shape.n_layer, "n_layer");
    check("rwkv7.embedding_length", meta.embedding_length, ws.shape.n_embd, "n_embd");
    check("rwkv7.feed_forward_length", meta.feed_forward_length, ws.shape.dim_ffn, "dim_ffn");
    if (meta.vocab_tokens && *meta.vocab_tokens != static_cast<std::uint64_t>(ws.shape.vocab_size))
        fail(ErrorCode::CorruptFile, f, "the embedded vocabulary (tokenizer.ggml.tokens) has " + std::to_string(*meta.vocab_tokens) +
                                            " tokens but the model has " + std::to_string(ws.shape.vocab_size) +
                                            " embedding rows");
    return ws;
}

}  // namespace rwkv::formats
