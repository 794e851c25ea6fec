// store/snapshot_codec.h — lossless compression of state blobs for storage: zstd, optionally over a byte
// transpose of the 4-byte words (all first bytes, then all second bytes, ...), which puts the fp32 exponent
// bytes side by side and lets zstd find them. ShuffleZstd cuts the transposed bytes into 1 MiB slices, one zstd frame
// each, encoded and decoded on several threads; a trailing skippable frame lists them. Any zstd reader (and the
// single-frame code of earlier versions) still reads it as one stream. Qt-free (also built into rwkv-cli's resume
// bench). Format in docs/conversations.md "Codec".
// Tested in tests/app/test_store_snapshots.cpp; ratios in docs/conversations.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace rwkv::store {

/// Codec numbers as stored in the snapshots.codec column (same values as SnapshotCodec).
enum class CodecId : int { Raw = 0, Zstd = 1, ShuffleZstd = 2 };

/// A snapshot whose stored bytes cannot be decoded (truncated, not a zstd frame, wrong size). what() is this code's own
/// sentence; zstd's words ("Restored data doesn't match checksum"), when zstd refused the bytes, are libraryWords(), for
/// logs only (the app and rwkv-cli say `kind` in the user's words: ChatSession's stateErrorText).
class CodecError : public std::runtime_error {
public:
    enum class Kind {
        Damaged,       ///< not a zstd frame, a damaged frame table, zstd found the data corrupt
        Checksum,      ///< zstd's content checksum does not match: bytes changed after the save
        CutShort,      ///< fewer bytes than saved (a frame or the blob cut short)
        UnknownCodec,  ///< a codec number this version does not know (a newer version's)
    };
    explicit CodecError(const std::string& what, Kind kind = Kind::Damaged, std::string libraryWords = {})
        : std::runtime_error(what), kind_(kind), libraryWords_(std::move(libraryWords)) {}
    Kind kind() const { return kind_; }
    const std::string& libraryWords() const { return libraryWords_; }

private:
    Kind kind_;
    std::string libraryWords_;
};

/// Bytes of the transposed blob per zstd frame of ShuffleZstd.
inline constexpr std::size_t kSnapshotChunkBytes = std::size_t(1) << 20;

/// Encodes `raw` with `codec` at zstd `level` (1..19; 3 is zstd's default); zstd frames carry a content checksum.
/// ShuffleZstd writes one frame per `chunkBytes` (a multiple of 4) of the transposed bytes plus the frame table,
/// on several threads; chunkBytes 0 writes the single frame of earlier versions. Raw returns a copy.
std::vector<std::byte> encodeSnapshot(std::span<const std::byte> raw, CodecId codec, int level = 3,
                                      std::size_t chunkBytes = kSnapshotChunkBytes);

/// Decodes stored bytes back to exactly `rawSize` bytes. Throws CodecError when the bytes are damaged or do not
/// decode to rawSize bytes, or the codec number is unknown (nothing is partially returned).
std::vector<std::byte> decodeSnapshot(std::span<const std::byte> stored, int codec, std::uint64_t rawSize);
/// Same, into `out` (exactly the raw size: a buffer the caller reuses, e.g. page-locked for a GPU upload). Framed
/// ShuffleZstd decodes on up to `threads` threads (0: the hardware's, at most 8). On error `out` holds garbage.
void decodeSnapshotInto(std::span<const std::byte> stored, int codec, std::span<std::byte> out, unsigned threads = 0);
/// The reader of earlier versions: one ZSTD_decompress over every frame, one thread. Reads both layouts (tests).
std::vector<std::byte> decodeSnapshotSequential(std::span<const std::byte> stored, int codec, std::uint64_t rawSize);

/// The byte transpose used by ShuffleZstd for 4-byte words; bytes past the last whole word are copied as is.
std::vector<std::byte> shuffle4(std::span<const std::byte> in);
std::vector<std::byte> unshuffle4(std::span<const std::byte> in);

}  // namespace rwkv::store
