// rwkv/weights.h — a checkpoint read from disk: hyper-parameters plus named tensors, the same for
// every container (.pth, .safetensors, rwkv.cpp .bin, .gguf). Readers live in engine/src/formats/.
//
// Canonical form every reader produces (so backends never care where the weights came from):
//   * Names are the official .pth keys (RWKV-7 spec §2.1): "emb.weight", "blocks.0.ln0.weight",
//     "blocks.{i}.att.x_r", ..., "head.weight". Layer 0's unused att.v0/v1/v2 are dropped.
//   * Vectors are 1-D [C]: the [1,1,C] parameters are squeezed and att.r_k [H,N] is flattened to [C]
//     (element (h, j) at h*N + j).
//   * Every matrix is [out, in], row-major (shape {out, in}), applied as M·x. This is the Linear layout of
//     the .pth projections and of rwkv.cpp/GGUF; the eight LoRA matrices of a .pth ([in, out] there) are
//     transposed at load: att.w1 is {Dw, C}, att.w2 is {C, Dw}, likewise a1/a2, v1/v2, g1/g2.
//   * Fused tensors are split: rwkv.cpp's att.x_rwkvag / GGUF's time_mix_lerp_fused become
//     att.x_r, x_w, x_k, x_v, x_a, x_g.
// Tensor data is either a view into the memory-mapped file (zero copy) or owned by the WeightSet
// (transposed or dequantised tensors); either way it stays valid as long as the WeightSet lives.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "rwkv/dtype.h"
#include "rwkv/shape.h"

namespace rwkv {

/// A read-only typed view of one tensor. `shape` is row-major, slowest dimension first (torch order).
struct TensorView {
    DType dtype = DType::F32;
    std::vector<std::int64_t> shape;
    const std::byte* data = nullptr;  // element 0; not necessarily aligned for dtype
    std::size_t nbytes = 0;

    std::int64_t numel() const noexcept;
    /// Element i (row-major index) converted to fp32 (exact for f32/f16/bf16). Slow; for tests and small vectors.
    /// Throws Error(InvalidArgument) for i >= numel(), Error(Internal) for a dtype other than F32/F16/BF16.
    float at(std::size_t i) const;
    /// Converts all elements to fp32 into dst. Throws Error(InvalidArgument) when dst.size() != numel(), and
    /// Error(Internal) for dtypes that need dequantisation the reader should already have done.
    void to_f32(std::span<float> dst) const;
};

/// Where a WeightSet came from.
enum class CheckpointFormat { Pth, Safetensors, RwkvCpp, Gguf };
const char* to_string(CheckpointFormat f) noexcept;

class WeightSet {
public:
    ModelShape shape;
    CheckpointFormat format = CheckpointFormat::Pth;
    std::filesystem::path path;

    /// Throws Error(CorruptFile) naming the tensor when it is missing.
    const TensorView& get(const std::string& name) const;
    bool has(const std::string& name) const { return tensors_.count(name) != 0; }
    const std::map<std::string, TensorView>& tensors() const { return tensors_; }

    /// Total bytes of tensor data as stored (what a backend reads per full pass over the weights).
    std::size_t total_bytes() const noexcept;
    /// Whether the reader laid tensor `name` out transposed from the file (an [in, out] LoRA matrix of a .pth or an
    /// official .safetensors file, made [out, in]): its element (r, c) is element c * rows + r in the file, the order
    /// NonFiniteWeight names an element in.
    bool transposed_from_file(const std::string& name) const { return transposed_.count(name) != 0; }

    // --- for readers ---
    void add_view(std::string name, TensorView view);
    /// Adds a tensor whose bytes the WeightSet owns (transposed / split / dequantised data).
    void add_owned(std::string name, DType dtype, std::vector<std::int64_t> shape, std::vector<std::byte> bytes);
    /// Bytes held by add_owned tensors so far (readers bound it by the file size, so that tensors sharing
    /// storage cannot multiply memory).
    std::size_t owned_bytes() const noexcept { return owned_bytes_; }
    /// Keeps the mapping (or any other backing object) alive as long as this WeightSet.
    void keep_alive(std::shared_ptr<const void> backing) { backing_.push_back(std::move(backing)); }
    /// Notes that tensor `name` is laid out transposed from the file (transposed_from_file).
    void mark_transposed_from_file(const std::string& name) { transposed_.insert(name); }

private:
    std::map<std::string, TensorView> tensors_;
    std::set<std::string> transposed_;
    std::vector<std::shared_ptr<const void>> backing_;
    std::vector<std::unique_ptr<std::vector<std::byte>>> owned_;
    std::size_t owned_bytes_ = 0;
};

/// Opens a checkpoint, detecting the container from its first bytes (never from the file name),
/// infers the hyper-parameters (spec §1.1, §10) and checks that every tensor of §2.1 is present with a
/// consistent shape. Throws Error with FileNotFound, Io, EmptyFile (0 bytes), TruncatedFile (cut part way),
/// UnsupportedFormat, CorruptFile, UnsupportedModel or UnsafeFile; never returns a half-loaded set.
WeightSet load_weights(const std::filesystem::path& path);

/// Checks a checkpoint's container index against the file without reading tensor data (an import's quick check):
/// the ZIP central directory, local headers and pickle of a .pth, the safetensors header and data_offsets, the
/// rwkv.cpp records and the GGUF tensor infos; every tensor's bytes must lie inside the file. Then the architecture
/// and shapes, from the tensors' names and shapes alone, as load_weights checks them (an RWKV-6 or Llama-style file:
/// UnsupportedModel "unsupported architecture: RWKV-6 …", CorruptFile "tensor emb.weight is missing …"). Throws
/// Error like load_weights (a cut file: TruncatedFile); tensor values (NaN in a quantised block) are not checked.
void check_checkpoint_index(const std::filesystem::path& path);

/// A weight that is not a number (NaN) or is infinite: one makes every logit NaN.
struct NonFiniteWeight {
    std::string tensor;         ///< its name as stored in the file
    std::int64_t element = 0;   ///< its index in the tensor, in the file's order (before any transpose)
    std::int64_t elements = 0;  ///< the tensor's element count
    bool nan = false;           ///< NaN; else ±infinity
    /// "tensor NAME holds NaN (element i of n)" (or "infinity"), the name quoted as refusals quote names read from a file.
    std::string what() const;
};

/// check_checkpoint_index, then the values of every fp32 / fp16 / bf16 tensor, read once from the mapping (no copy,
/// no transpose; each tensor's pages are given back after it), tensor by tensor in name order: the first
/// non-finite weight found, or nullopt. Throws like check_checkpoint_index. Quantised tensors' values are not read (load_weights
/// refuses a non-finite value as it dequantises them). Used by check_checkpoint_values and rwkv-cli convert: a scan of
/// the whole file, for the paths that read it whole anyway, never every model load.
std::optional<NonFiniteWeight> first_non_finite_weight(const std::filesystem::path& path);

/// first_non_finite_weight, refused: Error(CorruptFile) "FILE: tensor NAME holds NaN (element i of n): the weights are
/// damaged" (or infinity), which makes every logit NaN (session 36's trial: such a file was imported, then failed at
/// load). Reads the whole file once (an import copies it anyway); quantised tensors' values are not checked (the
/// load's first-logits check still catches them).
void check_checkpoint_values(const std::filesystem::path& path);

/// What write_safetensors wrote.
struct SafetensorsWritten {
    std::uint64_t bytes = 0;           ///< the file's size: the 8-byte header length, the JSON header, the tensor data
    std::uint64_t values = 0;          ///< tensor elements written
    std::uint64_t values_rounded = 0;  ///< elements the conversion to `as` changed (round to nearest even; rwkv/dtype.h)
};

/// Writes `ws` as an official-layout .safetensors file (LoRA matrices back in [in, out]) that load_weights reads back
/// to the same canonical tensors: every F32/F16/BF16 tensor as stored, or converted to `as` (F32, F16 or BF16) a
/// piece at a time (no copy of a whole matrix). The bytes it will take: safetensors_bytes. Throws
/// Error(InvalidArgument) for another dtype, or for a finite value beyond fp16's range (|x| > 65504, which would
/// become infinity) when converting to F16, naming the tensor; Error(Io) when the file cannot be made or written.
SafetensorsWritten write_safetensors(const WeightSet& ws, const std::filesystem::path& path,
                                     std::optional<DType> as = std::nullopt);

/// The size of the file write_safetensors(ws, path, as) writes, in bytes, without writing it.
std::uint64_t safetensors_bytes(const WeightSet& ws, std::optional<DType> as = std::nullopt);

/// Infers ModelShape from canonical tensors and validates every per-layer tensor's shape against it.
/// Readers call this after filling the set. Throws Error(UnsupportedModel / CorruptFile).
ModelShape infer_and_validate_shape(const WeightSet& ws);

}  // namespace rwkv
