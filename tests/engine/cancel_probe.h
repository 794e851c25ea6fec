// Test helper: forward options that cancel a chunked prefill part way, the same probe for every backend's test.
#pragma once

#include <atomic>
#include <cstddef>

#include "rwkv/model.h"

namespace golden {

/// Prefill in chunks of 4 tokens that asks to cancel once progress has reported `stop_at` tokens. The flag is
/// checked before each chunk and progress reported after it, so the chunk after that report still runs: a
/// cancelled 40-token prompt with stop_at = 8 leaves 12 tokens in the state. `seen` is the last progress count.
struct CancelProbe {
    std::atomic<bool> cancel{false};
    std::size_t seen = 0;
    rwkv::ForwardOptions options;

    explicit CancelProbe(std::size_t stop_at = 8) {
        options.cancel = &cancel;
        options.chunk_size = 4;
        options.progress = [this, stop_at](std::size_t done, std::size_t) {
            seen = done;
            if (done >= stop_at) cancel = true;
        };
    }
    CancelProbe(const CancelProbe&) = delete;
    CancelProbe& operator=(const CancelProbe&) = delete;
};

}  // namespace golden
