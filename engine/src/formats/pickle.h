// A restricted unpickler for PyTorch state dicts (spec §2.4). It interprets a small set of opcodes as
// data only and never executes anything: the only "callables" are a whitelist of known constructors
// (OrderedDict, torch._utils._rebuild_tensor_v2 / _rebuild_parameter, the bf16/fp16/fp32 storage classes),
// evaluated by hand. Any other global, or an opcode that calls an object -> Error(UnsafeFile) naming it;
// any other unaccepted byte (an opcode torch.save never writes, or none) -> Error(CorruptFile).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "rwkv/dtype.h"

namespace rwkv::formats {

/// One tensor as described by the pickle: a view (offset/size/stride in elements) of a storage entry.
struct PickledTensor {
    std::string storage_key;  // entry "<dir>/data/<storage_key>" of the archive
    DType dtype = DType::F32;
    std::int64_t storage_numel = 0;
    std::int64_t offset = 0;
    std::vector<std::int64_t> size;
    std::vector<std::int64_t> stride;
};

/// Decodes a state-dict pickle into (name, tensor) pairs in file order. `who` prefixes error messages.
/// Throws Error(UnsafeFile) for a forbidden global or a calling opcode, Error(CorruptFile) for malformed, damaged or
/// oversized input (limits: 1M stack items, 1M memo slots, nesting depth 64).
std::vector<std::pair<std::string, PickledTensor>> unpickle_state_dict(std::span<const std::byte> pickle,
                                                                       const std::string& who);

}  // namespace rwkv::formats
