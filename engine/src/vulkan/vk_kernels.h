// Which shader variants the Vulkan backend records (matvec kind and layout, subgroup reductions, token-mix slices,
// the rows path's tensor-core GEMMs) for a device, a ModelConfig and a model width; vk_model.cpp applies them.
#pragma once

#include <string>

#include "vulkan/vk_context.h"
#include "vulkan/vk_model.h"
#include "vulkan/vk_pipeline.h"

namespace rwkv::vk {

/// The integer in environment variable `name`, or `fallback` when it is unset, empty or not a whole number.
long env_int(const char* name, long fallback);

/// The kernels for this device, config and model width: the config's values first, then the environment's
/// (RWKV_VK_MATVEC, _TPR, _MATVEC_ROWS, _MATVEC_UNROLL, _MATVEC_WG, _SUBGROUP, _TOKEN_MIX_SLICE, _COOP_BM / _BN /
/// _SPLIT, _FEW_ROWS, _FEW_GROUPS), then the defaults. Throws InvalidArgument for a bad value and
/// BackendUnavailable for subgroup reductions the device lacks.
Ops::Kernels choose_kernels(const Caps& caps, const ModelConfig& c, int n_embd);

/// One line naming the chosen kernels (ModelStats::kernels, rwkv-cli's "kernels"); `int8`: also the int8 forms.
std::string describe_kernels(const Ops::Kernels& k, bool sparse, bool int8 = false);

}  // namespace rwkv::vk
