// Internal interface of the checkpoint readers: one entry point per container, plus the helpers that
// turn tensors named and shaped like an official .pth (spec §2.1) into the canonical form of rwkv/weights.h.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "formats/mapped_file.h"
#include "rwkv/error.h"
#include "rwkv/weights.h"

namespace rwkv::formats {

// Each reader fills tensors, format, path and keep_alive; load_weights then infers and validates the shape.
// All throw rwkv::Error (CorruptFile, UnsupportedFormat, UnsupportedModel, UnsafeFile).
// `index_only` (check_checkpoint_index): every index check and every tensor's byte range against the file, and every
// tensor added under its canonical name and shape, but no tensor data is read: no LoRA transpose (the view keeps the
// file's bytes under the transposed shape) and no dequantisation (a quantised tensor is an F32 view with data nullptr
// and nbytes 0). The result is for validate_shape(ws, true) alone, never for reading tensor data.
WeightSet read_pth(std::shared_ptr<const MappedFile> file, bool index_only = false);          // ZIP + pickle (spec §2.4)
WeightSet read_safetensors(std::shared_ptr<const MappedFile> file, bool index_only = false);  // spec §2.5, A and B
WeightSet read_rwkvcpp(std::shared_ptr<const MappedFile> file, bool index_only = false);      // rwkv.cpp .bin (§10.1)
WeightSet read_gguf(std::shared_ptr<const MappedFile> file, bool index_only = false);         // rwkv7 GGUF (§10.2)

/// load_weights (rwkv/weights.h) on an opened file: container detection by magic bytes, the reader, then
/// infer_and_validate_shape. Same errors. `index_only`: the readers' index checks alone (check_checkpoint_index).
WeightSet load_weights_from(std::shared_ptr<const MappedFile> file, bool index_only = false);

/// infer_and_validate_shape (rwkv/weights.h); `index_only`: on an index-only set (above), whose tensors' byte sizes
/// and data are not checked. Same errors.
ModelShape validate_shape(const WeightSet& ws, bool index_only);

/// Throws Error(code, "<file name>: <message>").
[[noreturn]] void fail(ErrorCode code, const MappedFile& file, const std::string& message);

/// The readers' one wording for a file that ends before its own index says it does (ErrorCode::TruncatedFile: the app
/// and rwkv-cli say what to do by the code; rwkv-cli's what_to_do, app/cli/cli_common.cpp, looks for the question in
/// kTruncatedWords so as not to ask it twice): Error(TruncatedFile, "<file name>: the file is truncated (an incomplete
/// download or copy?): <how>"), `how` saying where it ends and what was still to come ("it is 12 bytes, too short …").
inline constexpr const char* kTruncatedWords = "the file is truncated (an incomplete download or copy?)";
[[noreturn]] void fail_truncated(const MappedFile& file, const std::string& how);
/// The same for a range read from the file that runs past its end, which a cut or a damaged index both explain:
/// Error(TruncatedFile, "<file name>: <what>: the file is truncated (an incomplete download or copy?) or damaged").
[[noreturn]] void fail_truncated_or_damaged(const MappedFile& file, const std::string& what);

/// A name read from a file (a tensor's, a dtype, a storage key) for a refusal: as it is when it is only ASCII letters,
/// digits, '.', '_' and '-' (every real checkpoint's names); else in double quotes with '"' and '\\' escaped and every
/// other byte outside printable ASCII as \n, \t or \xHH, so that a name with a newline or a terminal's escape
/// sequence neither breaks the line nor reaches the terminal, and an empty one reads "" (session 29's check, S1).
/// A longer name is cut: about kShownNameChars characters of it are shown (whole escapes), then "…" (U+2026, after the
/// closing quote of a quoted one); a 5,000-character name was printed whole (session 30's note). Real names have < 100.
inline constexpr std::size_t kShownNameChars = 200;
std::string quoted_name(std::string_view name);

/// "[1, 1, 64]"
std::string shape_str(const std::vector<std::int64_t>& shape);

/// The first `n` bytes of `b` as hex pairs ("50 4b 03 04"): what an error shows of a file it cannot name.
std::string first_bytes_hex(std::span<const std::byte> b, std::size_t n = 8);

/// Whether a ZIP end-of-central-directory record lies in `b`'s last 64 KiB + 22 bytes: a .pth whose first local
/// header is damaged is still told by its tail.
bool has_zip_end_record(std::span<const std::byte> b);

/// The file's extension in lower case (".pth"; "" for none).
std::string lower_extension(const MappedFile& file);

/// "blocks.{i}.att.time_state" (a state-tuning file's tensor, rwkv/state_file.h) -> i; -1 for any other name.
int time_state_layer(std::string_view name);

/// Product of the dimensions; throws Error(CorruptFile) for a negative dimension or an element count
/// above 2^48 (no real checkpoint comes near it; keeps every byte computation overflow-free).
std::int64_t checked_numel(const std::vector<std::int64_t>& shape, const MappedFile& file, const std::string& name);

/// How the eight LoRA matrices w1,w2,a1,a2,v1,v2,g1,g2 are stored.
enum class LoraLayout {
    InOut,  // official .pth / safetensors flavour A: [in, out], used as x·M -> transposed at load
    OutIn,  // rwkv.cpp, GGUF, fla: already [out, in]
};

/// Adds one tensor that carries its official .pth name into `ws` in canonical form: drops layer-0
/// att.v0/v1/v2, squeezes the [1,1,C] vectors, flattens att.r_k [H,64] (Error(UnsupportedModel) when the
/// head size is not 64), transposes the LoRA matrices when `lora` is InOut (into owned memory).
/// `raw.shape` is the torch shape. Other names pass through unchanged (validated later). `index_only`: an InOut
/// LoRA matrix keeps its bytes as they are under the transposed shape (nothing is read or copied).
void add_official(WeightSet& ws, const MappedFile& file, const std::string& name, TensorView raw, LoraLayout lora,
                  bool index_only = false);

/// Splits a fused token-shift tensor (rwkv.cpp att.x_rwkvag, GGUF time_mix_lerp_fused, fla attn.x_x) of
/// 6·C elements, rows r,w,k,v,a,g, into blocks.{layer}.att.x_r ... x_g views.
void add_split_rwkvag(WeightSet& ws, const MappedFile& file, const std::string& layer_prefix, const TensorView& fused);

}  // namespace rwkv::formats
