// write_safetensors (rwkv/weights.h): a WeightSet as an official-layout .safetensors file (spec §2.5 flavour A):
// canonical names, LoRA matrices transposed back to the .pth [in, out] layout, att.r_k as [H, 64], other
// vectors as [C] (the readers squeeze [1, 1, C] anyway). The header is padded with spaces to 8 bytes.
#include <nlohmann/json.hpp>

#include <array>
#include <cstring>
#include <fstream>
#include <string_view>
#include <vector>

#include "rwkv/error.h"
#include "rwkv/weights.h"

namespace rwkv {
namespace {

bool is_lora(const std::string& name) {
    static constexpr std::array<std::string_view, 8> kLora = {".att.w1", ".att.w2", ".att.a1", ".att.a2",
                                                              ".att.v1", ".att.v2", ".att.g1", ".att.g2"};
    for (auto s : kLora)
        if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) return true;
    return false;
}

const char* st_dtype(DType t) {
    switch (t) {
    case DType::F32: return "F32";
    case DType::F16: return "F16";
    case DType::BF16: return "BF16";
    default: throw Error(ErrorCode::InvalidArgument, "write_safetensors: dtype " + std::string(dtype_name(t)) +
                                                          " has no safetensors equivalent here");
    }
}

}  // namespace

void write_safetensors(const WeightSet& ws, const std::filesystem::path& path) {
    nlohmann::ordered_json header;
    header["__metadata__"] = {{"format", "pt"}};
    std::uint64_t offset = 0;
    for (const auto& [name, t] : ws.tensors()) {
        std::vector<std::int64_t> shape = t.shape;
        if (is_lora(name) && shape.size() == 2) std::swap(shape[0], shape[1]);
        if (name.size() > 8 && name.compare(name.size() - 8, 8, ".att.r_k") == 0 && shape.size() == 1)
            shape = {shape[0] / 64, 64};
        header[name] = {{"dtype", st_dtype(t.dtype)}, {"shape", shape}, {"data_offsets", {offset, offset + t.nbytes}}};
        offset += t.nbytes;
    }
    std::string h = header.dump();
    h.append((8 - h.size() % 8) % 8, ' ');
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw Error(ErrorCode::Io, path.string() + ": cannot create");
    const std::uint64_t hl = h.size();
    out.write(reinterpret_cast<const char*>(&hl), 8);
    out.write(h.data(), std::streamsize(h.size()));
    std::vector<std::byte> buf;
    for (const auto& [name, t] : ws.tensors()) {
        if (is_lora(name) && t.shape.size() == 2) {  // [out, in] -> [in, out]
            const std::size_t R = std::size_t(t.shape[0]), C = std::size_t(t.shape[1]), es = dtype_size(t.dtype);
            buf.resize(t.nbytes);
            for (std::size_t r = 0; r < R; ++r)
                for (std::size_t c = 0; c < C; ++c) std::memcpy(buf.data() + (c * R + r) * es, t.data + (r * C + c) * es, es);
            out.write(reinterpret_cast<const char*>(buf.data()), std::streamsize(buf.size()));
        } else {
            out.write(reinterpret_cast<const char*>(t.data), std::streamsize(t.nbytes));
        }
    }
    out.close();
    if (!out) throw Error(ErrorCode::Io, path.string() + ": write failed (disk full?)");
}

}  // namespace rwkv
