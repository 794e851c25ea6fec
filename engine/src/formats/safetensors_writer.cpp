// write_safetensors (rwkv/weights.h): a WeightSet as an official-layout .safetensors file (spec §2.5 flavour A):
// canonical names, LoRA matrices transposed back to the .pth [in, out] layout, att.r_k as [H, 64], other
// vectors as [C] (the readers squeeze [1, 1, C] anyway). The header is padded with spaces to 8 bytes. Tensors are
// written as stored or converted to one dtype (`rwkv-cli convert --dtype`) a piece at a time.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
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

bool is_float(DType t) { return t == DType::F32 || t == DType::F16 || t == DType::BF16; }

const char* st_dtype(DType t) {
    switch (t) {
    case DType::F32: return "F32";
    case DType::F16: return "F16";
    case DType::BF16: return "BF16";
    default: throw Error(ErrorCode::InvalidArgument, "write_safetensors: dtype " + std::string(dtype_name(t)) +
                                                          " has no safetensors equivalent here");
    }
}

/// The dtype tensor `t` is written in.
DType out_dtype(const TensorView& t, std::optional<DType> as) {
    if (!as) return t.dtype;
    if (!is_float(*as))
        throw Error(ErrorCode::InvalidArgument, "write_safetensors: cannot convert to " +
                                                    std::string(dtype_name(*as)) + " (fp32, fp16 or bf16)");
    if (!is_float(t.dtype))  // readers dequantise, so only a hand-made WeightSet gets here
        throw Error(ErrorCode::InvalidArgument, "write_safetensors: dtype " + std::string(dtype_name(t.dtype)) +
                                                    " cannot be converted here");
    return *as;
}

/// The JSON header, padded with spaces to a multiple of 8 bytes, and the data bytes after it.
std::pair<std::string, std::uint64_t> header_of(const WeightSet& ws, std::optional<DType> as) {
    nlohmann::ordered_json header;
    header["__metadata__"] = {{"format", "pt"}};
    std::uint64_t offset = 0;
    for (const auto& [name, t] : ws.tensors()) {
        const DType dt = out_dtype(t, as);
        std::vector<std::int64_t> shape = t.shape;
        if (is_lora(name) && shape.size() == 2) std::swap(shape[0], shape[1]);
        if (name.size() > 8 && name.compare(name.size() - 8, 8, ".att.r_k") == 0 && shape.size() == 1)
            shape = {shape[0] / 64, 64};
        const std::uint64_t bytes = std::uint64_t(t.numel()) * dtype_size(dt);
        header[name] = {{"dtype", st_dtype(dt)}, {"shape", shape}, {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
    }
    std::string h = header.dump();
    h.append((8 - h.size() % 8) % 8, ' ');
    return {std::move(h), offset};
}

float element(const TensorView& t, std::size_t i) {
    std::uint16_t h;
    switch (t.dtype) {
    case DType::F32: {
        float f;
        std::memcpy(&f, t.data + i * 4, 4);
        return f;
    }
    case DType::F16: std::memcpy(&h, t.data + i * 2, 2); return f16_to_f32(h);
    default: std::memcpy(&h, t.data + i * 2, 2); return bf16_to_f32(h);  // BF16 (out_dtype checked it)
    }
}

/// Elements [begin, begin + count) of `t` (in stored order, index i read at src(i)) converted to `to`, appended to
/// `out`; counts the values the conversion changed. NaN stays NaN and is not counted.
template <typename Src>
void convert_piece(const TensorView& t, const std::string& name, DType to, std::size_t begin, std::size_t count,
                   Src src, std::vector<std::byte>& out, std::uint64_t& rounded) {
    const std::size_t es = dtype_size(to);
    const std::size_t at = out.size();
    out.resize(at + count * es);
    std::byte* dst = out.data() + at;
    for (std::size_t k = 0; k < count; ++k) {
        const float v = element(t, src(begin + k));
        float back = v;
        if (to == DType::F32) {
            std::memcpy(dst + k * 4, &v, 4);
        } else if (to == DType::F16) {
            const std::uint16_t h = f32_to_f16(v);
            back = f16_to_f32(h);
            if (std::isinf(back) && std::isfinite(v))
                throw Error(ErrorCode::InvalidArgument,
                            "tensor " + name + " holds " + std::to_string(v) +
                                ", beyond fp16's range (±65504): it would become infinity; keep its dtype or "
                                "convert to bf16 or fp32");
            std::memcpy(dst + k * 2, &h, 2);
        } else {
            const std::uint16_t h = f32_to_bf16(v);
            back = bf16_to_f32(h);
            std::memcpy(dst + k * 2, &h, 2);
        }
        if (back != v && !std::isnan(v)) ++rounded;
    }
}

}  // namespace

std::uint64_t safetensors_bytes(const WeightSet& ws, std::optional<DType> as) {
    const auto [h, data] = header_of(ws, as);
    return 8 + h.size() + data;
}

SafetensorsWritten write_safetensors(const WeightSet& ws, const std::filesystem::path& path, std::optional<DType> as) {
    const auto [h, data_bytes] = header_of(ws, as);  // checks every dtype before the file is made
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw Error(ErrorCode::Io, path.string() + ": cannot create");
    const auto fail = [&] { throw Error(ErrorCode::Io, path.string() + ": write failed (disk full?)"); };
    const std::uint64_t hl = h.size();
    out.write(reinterpret_cast<const char*>(&hl), 8);
    out.write(h.data(), std::streamsize(h.size()));
    SafetensorsWritten w;
    w.bytes = 8 + h.size() + data_bytes;
    std::vector<std::byte> buf;
    constexpr std::size_t kPiece = std::size_t(1) << 20;  // elements converted per write
    for (const auto& [name, t] : ws.tensors()) {
        const DType to = out_dtype(t, as);
        const std::size_t n = std::size_t(t.numel());
        w.values += n;
        const bool transpose = is_lora(name) && t.shape.size() == 2;  // [out, in] -> [in, out]
        if (!transpose && to == t.dtype) {
            out.write(reinterpret_cast<const char*>(t.data), std::streamsize(t.nbytes));
        } else if (transpose) {  // the LoRA matrices are small (C x 64 at most): one piece
            const std::size_t R = std::size_t(t.shape[0]), C = std::size_t(t.shape[1]);
            buf.clear();
            buf.reserve(n * dtype_size(to));
            convert_piece(t, name, to, 0, n, [&](std::size_t j) { return (j % R) * C + j / R; }, buf,
                          w.values_rounded);
            out.write(reinterpret_cast<const char*>(buf.data()), std::streamsize(buf.size()));
        } else {
            for (std::size_t begin = 0; begin < n && out; begin += kPiece) {
                buf.clear();
                convert_piece(t, name, to, begin, std::min(kPiece, n - begin), [](std::size_t j) { return j; }, buf,
                              w.values_rounded);
                out.write(reinterpret_cast<const char*>(buf.data()), std::streamsize(buf.size()));
            }
        }
        if (!out) fail();
    }
    out.close();
    if (!out) fail();
    return w;
}

}  // namespace rwkv
