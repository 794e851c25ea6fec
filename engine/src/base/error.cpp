// Names of rwkv::ErrorCode values (rwkv/error.h).
#include "rwkv/error.h"

namespace rwkv {

const char* to_string(ErrorCode code) noexcept {
    switch (code) {
    case ErrorCode::InvalidArgument: return "invalid argument";
    case ErrorCode::FileNotFound: return "file not found";
    case ErrorCode::Io: return "i/o error";
    case ErrorCode::UnsupportedFormat: return "unsupported format";
    case ErrorCode::CorruptFile: return "corrupt file";
    case ErrorCode::EmptyFile: return "empty file";
    case ErrorCode::TruncatedFile: return "truncated file";
    case ErrorCode::UnsupportedModel: return "unsupported model";
    case ErrorCode::UnsafeFile: return "unsafe file";
    case ErrorCode::InvalidToken: return "invalid token";
    case ErrorCode::StateMismatch: return "state mismatch";
    case ErrorCode::CorruptState: return "corrupt state";
    case ErrorCode::OutOfMemory: return "out of memory";
    case ErrorCode::BackendUnavailable: return "backend unavailable";
    case ErrorCode::Cancelled: return "cancelled";
    case ErrorCode::InvalidLogits: return "invalid logits";
    case ErrorCode::WeightOutOfRange: return "weight out of range";
    case ErrorCode::Internal: return "internal error";
    }
    return "unknown error";
}

}  // namespace rwkv
