// rwkv/state_blob.h — the versioned binary form of a State (docs/state-blob.md).
// Layout, all little-endian:
//   0  char[8]  magic "RWKVST01"
//   8  u32      format version (1)
//   12 u32      payload dtype (0 = fp32)
//   16 u64      model fingerprint hash
//   24 i32[10]  ModelShape: n_layer, n_embd, n_head, head_size, vocab_size, dim_ffn, lora_w/a/v/g
//   64 u64      payload bytes
//   72 ...      payload (spec §5 layout, fp32)
//   end-8 u64   XXH3-64 of every byte before it
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "rwkv/model.h"

namespace rwkv {

/// Encodes a host-side state (spec §5 layout, fp32, fp.shape.state_floats() floats) made by the model `fp`.
/// Throws Error(StateMismatch) when state.size() is not fp.shape.state_floats().
std::vector<std::byte> encode_state_blob(const ModelFingerprint& fp, std::span<const float> state);
/// Decodes a blob and checks it belongs to `expected`. Throws Error(CorruptState) when shorter than a header, of
/// another magic or version, truncated or with trailing bytes, failing its checksum, or with a payload that is not
/// the shape's size; Error(StateMismatch) when its dtype is not fp32 or it was made for another model (fingerprint
/// hash or shape). Checks in that order (docs/state-blob.md).
std::vector<float> decode_state_blob(std::span<const std::byte> blob, const ModelFingerprint& expected);
/// The same checks as decode_state_blob, without the copy: the payload bytes (fp32, spec §5 layout) inside `blob`.
std::span<const std::byte> state_blob_payload(std::span<const std::byte> blob, const ModelFingerprint& expected);

}  // namespace rwkv
