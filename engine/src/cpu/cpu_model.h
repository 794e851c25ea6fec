// The CPU backend's Model: the fp32 reference forward pass (RWKV-7 spec §3), token by token.
#pragma once

#include <memory>

#include "rwkv/model.h"

namespace rwkv {

/// Builds the CPU backend: weight_dtype F32 gives the fp32 reference (token by token, cpu_model.cpp);
/// F16, BF16 and I8 give the fast path (fast_model.h) with sequence prefill.
/// Throws Error(InvalidArgument) for another weight dtype.
std::unique_ptr<Model> make_cpu_model(WeightSet weights, const LoadOptions& options);

}  // namespace rwkv
