// The CPU backend's Model: the fp32 reference forward pass (RWKV-7 spec §3), token by token.
#pragma once

#include <memory>

#include "rwkv/model.h"

namespace rwkv {

/// Builds the CPU backend. Throws Error(InvalidArgument) for a weight dtype the CPU path lacks.
std::unique_ptr<Model> make_cpu_model(WeightSet weights, const LoadOptions& options);

}  // namespace rwkv
