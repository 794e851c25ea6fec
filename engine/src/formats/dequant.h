// Dequantisation of ggml block formats (32 elements per block) to fp32, shared by the rwkv.cpp and GGUF
// readers. Block layouts: spec §10.1 (ggml-common.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace rwkv::formats {

enum class BlockType { Q4_0, Q4_1, Q5_0, Q5_1, Q8_0 };

/// Bytes per 32-element block: 18, 20, 22, 24, 34.
std::size_t block_bytes(BlockType t) noexcept;

/// Dequantises `dst.size()` elements (a multiple of 32) from `src` (dst.size()/32 blocks, checked by the
/// caller) into dst.
void dequantize(BlockType t, const std::byte* src, std::span<float> dst) noexcept;

}  // namespace rwkv::formats
