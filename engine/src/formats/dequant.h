// Dequantisation of ggml block formats to fp32, shared by the rwkv.cpp and GGUF readers.
// Legacy blocks of 32 elements (Q4_0/Q4_1/Q5_0/Q5_1/Q8_0, spec §10.1) and the K-quant super-blocks of 256
// (Q4_K/Q5_K/Q6_K, ggml-common.h): a super-block is 8 sub-blocks of 32 (Q4_K/Q5_K: fp16 d and dmin, 6-bit
// scale and min per sub-block packed in 12 bytes, value = d·sc·q − dmin·m) or 16 sub-blocks of 16 (Q6_K:
// int8 scale per sub-block, fp16 d, value = d·sc·(q − 32)).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rwkv::formats {

enum class BlockType { Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, Q4_K, Q5_K, Q6_K };

/// Elements per block: 32, or 256 for the K-quants.
std::size_t block_elems(BlockType t) noexcept;
/// Bytes per block: Q4_0 18, Q4_1 20, Q5_0 22, Q5_1 24, Q8_0 34, Q4_K 144, Q5_K 176, Q6_K 210.
std::size_t block_bytes(BlockType t) noexcept;
/// ggml's name of the type: "Q4_K".
std::string_view block_name(BlockType t) noexcept;
/// The block type of a ggml type id (GGUF tensor info), nullopt for F32/F16/BF16 and unsupported ids.
std::optional<BlockType> block_type_from_ggml(std::uint32_t ggml_type) noexcept;
/// ggml's name of any type id ("Q3_K", "IQ2_XS", ...; "type 99" for unknown ids), for error messages.
std::string ggml_type_name(std::uint32_t ggml_type);

/// Dequantises `dst.size()` elements (a multiple of block_elems(t)) from `src` (dst.size()/block_elems(t)
/// blocks, bounds checked by the caller) into dst.
void dequantize(BlockType t, const std::byte* src, std::span<float> dst) noexcept;

/// A whole tensor dequantised for a WeightSet: fp16 (2 bytes per element) when every value fits fp16's range,
/// else fp32. `first_nonfinite` is the index of the first NaN/inf value (a damaged block), or SIZE_MAX.
struct DequantisedTensor {
    bool is_f16 = true;
    std::vector<std::byte> bytes;
    std::size_t first_nonfinite = SIZE_MAX;
};
/// Dequantises `n` elements (a multiple of block_elems(t); `src` holds exactly n/block_elems(t) blocks), in
/// parallel on all cores for large tensors. Throws std::bad_alloc when the output does not fit.
DequantisedTensor dequantize_tensor(BlockType t, std::span<const std::byte> src, std::size_t n);

}  // namespace rwkv::formats
