// Test helpers: one forward() that returns the logits, and the error code a call throws. Shared by the CPU and
// Vulkan backend tests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "rwkv/error.h"
#include "rwkv/model.h"

namespace golden {

/// m.forward(s, ids) with prefill chunks of `chunk` tokens (ForwardOptions' default 256); returns the logits
/// [vocab_size] of the last token. Throws what forward() throws.
inline std::vector<float> forward_logits(rwkv::Model& m, rwkv::State& s, const std::vector<std::int32_t>& ids,
                                         std::size_t chunk = rwkv::ForwardOptions{}.chunk_size) {
    std::vector<float> logits(std::size_t(m.shape().vocab_size));
    rwkv::ForwardOptions fo;
    fo.chunk_size = chunk;
    m.forward(s, ids, logits, fo);
    return logits;
}

/// The code of the rwkv::Error that f() throws; ErrorCode::Internal when it throws none.
inline rwkv::ErrorCode error_code_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const rwkv::Error& e) {
        return e.code();
    }
    return rwkv::ErrorCode::Internal;  // did not throw
}

}  // namespace golden
