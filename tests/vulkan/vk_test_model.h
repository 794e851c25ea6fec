// Test helpers of the Vulkan backend tests: is a device there, and the model with fp16 weights on it.
#pragma once

#include <memory>
#include <string>

#include "engine/golden.h"
#include "rwkv/error.h"
#include "rwkv/model.h"
#include "vulkan/vk_context.h"
#include "vulkan/vk_model.h"

namespace vktest {

/// Whether some Vulkan device is usable; false, not an exception, without a loader or driver.
inline bool have_vulkan_device() {
    try {
        for (const auto& d : rwkv::vk::list_devices())
            if (d.usable) return true;
    } catch (const rwkv::Error&) {
    }
    return false;
}

/// The Vulkan backend on testdata `file` with fp16 weights and the backend config `cfg`. Throws what
/// load_weights and make_vulkan_model throw.
inline std::unique_ptr<rwkv::Model> load_vulkan_f16(const std::string& file, const rwkv::vk::ModelConfig& cfg = {}) {
    rwkv::LoadOptions o;
    o.backend = "vulkan";
    o.weight_dtype = rwkv::DType::F16;
    return rwkv::make_vulkan_model(rwkv::load_weights(golden::testdata(file)), o, cfg);
}

}  // namespace vktest
