// rwkv.cpp "ggmf" .bin reader (spec §10.1): 24-byte header, then tensor records to the end of the file.
// FP32/FP16 tensors are zero-copy views; Q4_0/Q4_1/Q5_0/Q5_1/Q8_0 are dequantised to owned fp32.
// LoRA matrices are already [out, in]; att.x_rwkvag is split into x_r..x_g; r_k [H,N] is flattened.
#include <algorithm>

#include "formats/byte_reader.h"
#include "formats/dequant.h"
#include "formats/readers.h"

namespace rwkv::formats {

WeightSet read_rwkvcpp(std::shared_ptr<const MappedFile> file, bool index_only) {
    const MappedFile& f = *file;
    ByteReader r(f.bytes(), f.name());
    r.u32("magic");
    const std::uint32_t version = r.u32("version");
    const std::uint32_t n_vocab = r.u32("n_vocab"), n_embed = r.u32("n_embed"), n_layer = r.u32("n_layer");
    r.u32("data_type");
    if (version != 100 && version != 101)
        fail(ErrorCode::UnsupportedFormat, f, "rwkv.cpp file version " + std::to_string(version) + " (expected 100 or 101)");

    WeightSet ws;
    ws.format = CheckpointFormat::RwkvCpp;
    ws.path = f.path();
    ws.keep_alive(file);
    std::size_t records = 0;
    bool head_seen = false;
    while (!r.at_end()) {
        const std::size_t record_at = r.pos();
        const std::uint32_t dims = r.u32("tensor dim count"), key_len = r.u32("tensor key length"),
                            type = r.u32("tensor data type");
        if (dims < 1 || dims > 4)
            fail(ErrorCode::CorruptFile, f, "tensor record at byte " + std::to_string(record_at) + " has " + std::to_string(dims) + " dimensions");
        if (key_len == 0 || key_len > 1024)
            fail(ErrorCode::CorruptFile, f, "tensor record at byte " + std::to_string(record_at) + " has a key of " + std::to_string(key_len) + " bytes");
        std::vector<std::int64_t> shape(dims);
        for (std::uint32_t d = 0; d < dims; ++d) shape[dims - 1 - d] = r.u32("tensor ne");  // ne is reversed torch order
        const std::string name(r.take_str(key_len, "tensor key"));
        head_seen = head_seen || name == "head.weight";
        ++records;
        const std::int64_t n = checked_numel(shape, f, name);

        TensorView v;
        v.shape = shape;
        if (type == 0 || type == 1) {
            v.dtype = type == 0 ? DType::F32 : DType::F16;
            v.nbytes = static_cast<std::size_t>(n) * dtype_size(v.dtype);
            v.data = r.take(v.nbytes, ("data of tensor " + quoted_name(name)).c_str()).data();
        } else {
            BlockType bt;
            switch (type) {
            case 2: bt = BlockType::Q4_0; break;
            case 3: bt = BlockType::Q4_1; break;
            case 7: bt = BlockType::Q5_0; break;
            case 8: bt = BlockType::Q5_1; break;
            case 9: bt = BlockType::Q8_0; break;
            default:
                fail(ErrorCode::UnsupportedFormat, f, "tensor " + quoted_name(name) + " has rwkv.cpp data type " + std::to_string(type) +
                                                          " (supported: 0 FP32, 1 FP16, 2 Q4_0, 3 Q4_1, 7 Q5_0, 8 Q5_1, 9 Q8_0)");
            }
            if (version < 101) fail(ErrorCode::CorruptFile, f, "quantised tensor " + quoted_name(name) + " in a version-100 file");
            if (shape.back() % 32 != 0)
                fail(ErrorCode::CorruptFile, f, "quantised tensor " + quoted_name(name) + " has a row length not divisible by 32");
            const auto src = r.take(static_cast<std::uint64_t>(n / 32) * block_bytes(bt), ("data of tensor " + quoted_name(name)).c_str());
            v.dtype = DType::F32;
            if (!index_only) {  // index-only: its shape alone (readers.h), nothing is dequantised
                auto buf = std::make_shared<std::vector<float>>(static_cast<std::size_t>(n));
                dequantize(bt, src.data(), *buf);
                v.data = reinterpret_cast<const std::byte*>(buf->data());
                v.nbytes = buf->size() * 4;
                ws.keep_alive(std::move(buf));
            }
        }
        constexpr std::string_view kFused = "att.x_rwkvag";
        if (name.size() > kFused.size() && name.compare(name.size() - kFused.size(), kFused.size(), kFused) == 0)
            add_split_rwkvag(ws, f, name.substr(0, name.size() - kFused.size()), v);
        else
            add_official(ws, f, name, std::move(v), LoraLayout::OutIn, index_only);
    }

    // The records have no index: a file cut between two of them reads as whole records. rwkv.cpp's converter writes
    // the checkpoint's tensors in order, head.weight last; records that end without it were cut (a record missing
    // in the middle, head.weight there, is a damaged file: validate_shape names the tensor).
    if (!head_seen)
        fail_truncated(f, "it ends at byte " + std::to_string(f.size()) + ", after " + std::to_string(records) +
                              " tensor records and before head.weight, the last one rwkv.cpp writes");
    ws.shape = validate_shape(ws, index_only);
    if (ws.shape.vocab_size != static_cast<int>(n_vocab) || ws.shape.n_embd != static_cast<int>(n_embed) ||
        ws.shape.n_layer != static_cast<int>(n_layer))
        fail(ErrorCode::CorruptFile, f, "header says n_vocab " + std::to_string(n_vocab) + ", n_embed " + std::to_string(n_embed) +
                                            ", n_layer " + std::to_string(n_layer) + " but the tensors give " + ws.shape.to_string());
    return ws;
}

}  // namespace rwkv::formats
