// Test helpers: the tiny model with one NaN or infinity planted, as `rwkv-cli convert --allow-non-finite` keeps it,
// and the words every backend's load refuses it with; also a finite value beyond fp16's range (write_value,
// out_of_range). Shared by the load checks of each backend: test_cpu_forward::nonFiniteWeightIsNamedAtLoad and
// weightBeyondTheLoadTypeIsNamed, test_vulkan_forward's, and tests/gpu/test_cuda_forward's non_finite_weights. Plain
// C++ (the GPU machine has no Qt).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "golden.h"
#include "rwkv/dtype.h"
#include "rwkv/weights.h"

namespace nonfinite {

/// One weight planted: element `element` (the file's order) of `tensor` (`elements` values), NaN or +infinity.
struct Planted {
    const char* tensor;
    std::int64_t element, elements;
    bool nan;
};

/// A tensor of each kind of the tiny model (C 64, F 256, V 256): ffn.value ([C, F] in the file, which the backends
/// store transposed: neuron 200's row), a matrix, a vector, a LoRA matrix (stored [in, out] in the file, laid out
/// [out, in] by the reader), the head.
inline constexpr Planted kPlanted[] = {
    {"blocks.0.ffn.value.weight", 5 * 256 + 200, 64 * 256, true},
    {"blocks.1.att.key.weight", 77, 64 * 64, false},
    {"blocks.0.ln1.weight", 5, 64, true},
    {"blocks.0.att.w1", 9, 64 * 32, false},
    {"head.weight", 1000, 256 * 64, true},
};

/// The dtypes the tiny model is stored in for these checks (write_planted's `stored`).
inline constexpr const char* kStored[] = {"fp32", "fp16", "bf16"};

/// The byte offset in safetensors `bytes` of element `element` (the file's order) of `tensor`, whose dtype ("F32",
/// "F16" or "BF16") goes to `dtype`; -1 where the tensor or the element is not there.
inline std::int64_t element_at(const std::string& bytes, const std::string& tensor, std::int64_t element,
                               std::string& dtype) {
    if (bytes.size() < 8) return -1;
    std::uint64_t header_length = 0;
    std::memcpy(&header_length, bytes.data(), 8);  // u64 LE, then the JSON header, then the data
    if (header_length > bytes.size() - 8) return -1;
    const auto header = nlohmann::json::parse(bytes.substr(8, header_length), nullptr, /*allow_exceptions=*/false);
    if (!header.is_object() || !header.contains(tensor)) return -1;
    const auto& entry = header[tensor];
    dtype = entry.value("dtype", "");
    const std::int64_t size = dtype == "F32" ? 4 : 2;
    const std::int64_t data = 8 + std::int64_t(header_length);
    const std::int64_t begin = data + entry["data_offsets"][0].get<std::int64_t>();
    const std::int64_t end = data + entry["data_offsets"][1].get<std::int64_t>();
    const std::int64_t at = begin + element * size;
    if (element < 0 || at + size > end || end > std::int64_t(bytes.size())) return -1;
    return at;
}

/// `file` (a safetensors file) with element `element` (the file's order) of `tensor` set to the bits `f32`, `f16` or
/// `bf16`, whichever is the tensor's stored dtype, written to `out` (which may be `file`). False where the tensor or the
/// element is not there, or a file cannot be read or written.
inline bool plant_bits(const std::filesystem::path& file, const std::filesystem::path& out, const std::string& tensor,
                       std::int64_t element, std::uint32_t f32, std::uint16_t f16, std::uint16_t bf16) {
    std::string bytes;
    {
        std::ifstream in(file, std::ios::binary);
        if (!in) return false;
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    std::string dtype;
    const std::int64_t at = element_at(bytes, tensor, element, dtype);
    if (at < 0) return false;
    if (dtype == "F32") std::memcpy(bytes.data() + at, &f32, 4);  // little-endian, as the file
    else std::memcpy(bytes.data() + at, dtype == "F16" ? &f16 : &bf16, 2);
    std::ofstream o(out, std::ios::binary | std::ios::trunc);
    return bool(o.write(bytes.data(), std::streamsize(bytes.size())));
}

/// `file` (a safetensors file) with element `element` (the file's order) of `tensor` set to NaN (`nan`) or +infinity
/// in the tensor's stored dtype, written to `out` (which may be `file`). False where the tensor or the element is not
/// there, or a file cannot be read or written.
inline bool plant(const std::filesystem::path& file, const std::filesystem::path& out, const std::string& tensor,
                  std::int64_t element, bool nan) {
    return plant_bits(file, out, tensor, element, nan ? 0x7fc00000u : 0x7f800000u, nan ? 0x7e00u : 0x7c00u,
                      nan ? 0x7fc0u : 0x7f80u);
}

/// The tiny model stored in `stored` ("fp32", "fp16" or "bf16"), as write_planted makes it, in `dir`.
inline std::filesystem::path tiny_stored(const std::filesystem::path& dir, const std::string& stored) {
    std::filesystem::path source = golden::testdata(stored == "bf16" ? "tiny-rwkv7-834K-bf16.safetensors"
                                                                     : "tiny-rwkv7-834K.safetensors");
    if (stored == "fp16") {
        const auto f16 = dir / "tiny-f16.safetensors";
        rwkv::write_safetensors(rwkv::load_weights(source), f16, rwkv::DType::F16);
        source = f16;
    }
    return source;
}

/// The tiny model stored in `stored` ("fp32"; "fp16" as `rwkv-cli convert --dtype fp16` writes it, by
/// write_safetensors; "bf16") with `p` planted, as `dir`/bad.safetensors; for ffn.value also a second value of the
/// other kind after it in the file where a transposing copy reads it first (neuron 3's row): the one named is still
/// the first in the file's order. Returns the path; empty where the file could not be made.
inline std::filesystem::path write_planted(const std::filesystem::path& dir, const std::string& stored, const Planted& p) {
    const std::filesystem::path source = tiny_stored(dir, stored);
    const auto bad = dir / "bad.safetensors";
    if (!plant(source, bad, p.tensor, p.element, p.nan)) return {};
    if (std::string(p.tensor) == "blocks.0.ffn.value.weight" && !plant(bad, bad, p.tensor, p.element + 256 - 197, !p.nan))
        return {};
    return bad;
}

/// What every backend's load of write_planted's file says (Error CorruptFile, check_checkpoint_values's words):
/// "bad.safetensors: tensor NAME holds NaN (element i of n): the weights are damaged" (or infinity).
inline std::string refusal(const Planted& p) {
    return "bad.safetensors: tensor " + std::string(p.tensor) + " holds " + (p.nan ? "NaN" : "infinity") + " (element " +
           std::to_string(p.element) + " of " + std::to_string(p.elements) + "): the weights are damaged";
}

/// The tiny model stored in `stored` ("fp32" or "bf16") with element `p.element` of `p.tensor` set to `value` (a
/// finite number, as that dtype stores it: bf16 rounds it), as `dir`/big.safetensors; for ffn.value also the same
/// value after it in the file where a transposing copy reads it first (as write_planted). Returns the path; empty
/// where the file could not be made. `stored_value` gets the value a load reads.
inline std::filesystem::path write_value(const std::filesystem::path& dir, const std::string& stored, const Planted& p,
                                         float value, float& stored_value) {
    const auto bits = [](float v, std::uint32_t& f32, std::uint16_t& bf16) {
        std::memcpy(&f32, &v, 4);
        bf16 = rwkv::f32_to_bf16(v);
    };
    std::uint32_t f32 = 0;
    std::uint16_t bf16 = 0;
    bits(value, f32, bf16);
    if (stored == "bf16") stored_value = rwkv::bf16_to_f32(bf16);
    else std::memcpy(&stored_value, &f32, 4);
    const auto big = dir / "big.safetensors";
    if (!plant_bits(tiny_stored(dir, stored), big, p.tensor, p.element, f32, rwkv::f32_to_f16(value), bf16)) return {};
    if (std::string(p.tensor) == "blocks.0.ffn.value.weight" &&
        !plant_bits(big, big, p.tensor, p.element + 256 - 197, f32, rwkv::f32_to_f16(value), bf16))
        return {};
    return big;
}

/// What a load of write_value's file that converts `p`'s tensor to `type` ("fp16" or "bf16") says (Error
/// WeightOutOfRange, NonFiniteCheck's words): "big.safetensors: tensor NAME holds VALUE (element i of n), beyond
/// fp16's range (±65504): as fp16 it would be infinity; REMEDY".
inline std::string out_of_range(const Planted& p, float value, const std::string& type, const std::string& remedy) {
    char v[32];
    std::snprintf(v, sizeof v, "%.9g", double(value));
    const std::string becomes = type == "int8" ? "its group's scale (|x| / 127, kept as fp16) would be infinity"
                                               : "as " + type + " it would be infinity";
    return "big.safetensors: tensor " + std::string(p.tensor) + " holds " + v + " (element " +
           std::to_string(p.element) + " of " + std::to_string(p.elements) + "), beyond " + type + "'s range (±" +
           (type == "fp16" ? "65504" : type == "int8" ? "8321039.5" : "3.38953139e+38") + "): " + becomes + "; " +
           remedy;
}

}  // namespace nonfinite
