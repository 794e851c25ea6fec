// store/snapshot_codec.h — lossless compression of state blobs for storage: zstd, optionally over a byte
// transpose of the 4-byte words (all first bytes, then all second bytes, ...), which puts the fp32 exponent
// bytes side by side and lets zstd find them. Qt-free (also built into rwkv-cli's resume bench).
// Tested in tests/app/test_store_snapshots.cpp; ratios in docs/conversations.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <vector>

namespace rwkv::store {

/// Codec numbers as stored in the snapshots.codec column (same values as SnapshotCodec).
enum class CodecId : int { Raw = 0, Zstd = 1, ShuffleZstd = 2 };

/// A snapshot whose stored bytes cannot be decoded (truncated, not a zstd frame, wrong size).
class CodecError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Encodes `raw` with `codec` at zstd `level` (1..19; 3 is zstd's default); zstd frames carry a content checksum.
/// Raw returns a copy.
std::vector<std::byte> encodeSnapshot(std::span<const std::byte> raw, CodecId codec, int level = 3);

/// Decodes stored bytes back to exactly `rawSize` bytes. Throws CodecError when the bytes are damaged or do not
/// decode to rawSize bytes, or the codec number is unknown (nothing is partially returned).
std::vector<std::byte> decodeSnapshot(std::span<const std::byte> stored, int codec, std::uint64_t rawSize);

/// The byte transpose used by ShuffleZstd for 4-byte words; bytes past the last whole word are copied as is.
std::vector<std::byte> shuffle4(std::span<const std::byte> in);
std::vector<std::byte> unshuffle4(std::span<const std::byte> in);

}  // namespace rwkv::store
