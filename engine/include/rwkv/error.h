// rwkv/error.h — the one error type the engine throws.
// Every engine failure is an rwkv::Error carrying a machine-readable code and a message a person can
// read ("tiny.pth: tensor blocks.3.att.key.weight ends past the end of the file"). The engine never
// prints, exits or aborts (../shared/docs/STYLE-EXAMPLES.md, "Errors"; ../shared/docs/ARCHITECTURE.md, "The engine's
// contract").
#pragma once

#include <stdexcept>
#include <string>

namespace rwkv {

enum class ErrorCode {
    InvalidArgument,     // a caller passed something out of range (empty token list, bad option)
    FileNotFound,        // path does not exist or cannot be opened
    Io,                  // read/map/write failed (permissions, full disk, short read)
    UnsupportedFormat,   // not a checkpoint we know (foreign file, unknown container)
    CorruptFile,         // a known container whose content is inconsistent (bad offsets, shapes, damaged bytes)
    /// A file of 0 bytes where a checkpoint was asked for: a download or copy that wrote nothing, so neither a file of
    /// another kind (UnsupportedFormat) nor a damaged container (CorruptFile). The message is "F: empty file, not a
    /// checkpoint". Callers say it as an incomplete file (download or copy it again).
    EmptyFile,
    /// A checkpoint that ends before what its own header or index says it holds: a download or copy stopped part way
    /// (cut in its first bytes, in its header, or in its tensors' data), so neither a file of another kind
    /// (UnsupportedFormat) nor one whose parts contradict each other (CorruptFile). The message says "truncated" and
    /// where the file ends. Callers say it as an incomplete file (download or copy it again), by this code.
    TruncatedFile,
    UnsupportedModel,    // a valid checkpoint of an architecture we do not run (RWKV-4/5/6, rwkv7a, N != 64)
    UnsafeFile,          // a .pth pickle that asks for anything but tensor rebuilds
    InvalidToken,        // token id outside [0, V)
    StateMismatch,       // a state (blob) made for another model, shape or dtype
    CorruptState,        // a state blob that is truncated or fails its checksum
    OutOfMemory,         // allocation failed (host or device)
    BackendUnavailable,  // requested backend/device not compiled in or not present
    Cancelled,           // a long operation was cancelled through its cancel flag
    InvalidLogits,       // the model computed a NaN or +inf logit: damaged weights, not an RWKV-7 model, or overflow
    /// A finite weight that the weight type a backend loads it in cannot hold: beyond fp16's ±65504 (or bf16's
    /// ±3.39e38), it would become infinity there. Not damage: the file loads in a wider type (fp32; int8 on the CPU,
    /// which quantises from the original values). The message names the file, the tensor, the element, the value and
    /// what loads it: "F: tensor NAME holds 70000 (element i of n), beyond fp16's range (±65504): … --dtype fp32 …".
    WeightOutOfRange,
    Internal,            // a bug: an invariant did not hold
};

/// Human-readable name of a code, e.g. "corrupt file".
const char* to_string(ErrorCode code) noexcept;

/// What every engine call throws on failure: code() for the caller's decision (the app words each code in the
/// window's language, app/core/engine_error_text.cpp), what() for the English message, which names the file, tensor,
/// token or setting at fault.
class Error : public std::runtime_error {
public:
    Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
    ErrorCode code() const noexcept { return code_; }

private:
    ErrorCode code_;
};

}  // namespace rwkv
