// Shared by the checkpoint fuzz targets: run one reader on the input held in memory, then validate the shape
// and touch the first and last byte of every tensor (so a view past the input shows up under ASan). Only
// rwkv::Error may escape the reader; anything else (another exception, a crash, a sanitizer report) is a bug.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "formats/mapped_file.h"
#include "formats/readers.h"
#include "rwkv/error.h"
#include "rwkv/weights.h"

namespace rwkv_fuzz {

inline void touch(const rwkv::WeightSet& ws) {
    volatile unsigned sink = 0;
    for (const auto& [name, t] : ws.tensors()) {
        if (t.nbytes == 0) continue;
        sink = sink + static_cast<unsigned>(t.data[0]) + static_cast<unsigned>(t.data[t.nbytes - 1]);
        if (t.numel() > 0) sink = sink + static_cast<unsigned>(t.at(static_cast<std::size_t>(t.numel() - 1)) != 0.0f);
    }
}

/// One input through a reader twice: the index-only check an import runs (check_checkpoint_index) and the full read
/// with shape inference, each touching what it returns. `read` takes (file, index_only).
template <class Reader>
int run_reader(const std::uint8_t* data, std::size_t size, Reader read) {
    auto file = rwkv::formats::MappedFile::from_memory({reinterpret_cast<const std::byte*>(data), size}, "fuzz-input");
    for (bool index_only : {true, false}) {
        try {
            rwkv::WeightSet ws = read(file, index_only);
            if (!index_only) ws.shape = rwkv::infer_and_validate_shape(ws);
            touch(ws);
        } catch (const rwkv::Error&) {
        }
    }
    return 0;
}

}  // namespace rwkv_fuzz
