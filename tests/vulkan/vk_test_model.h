// Test helpers of the Vulkan backend tests: is a device there, and the model with fp16 weights on it.
#pragma once

#include <memory>
#include <string>
#include <utility>

#include "engine/golden.h"
#include "rwkv/error.h"
#include "rwkv/model.h"
#include "rwkv/weights.h"
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

/// Testdata `file` read by load_weights; `vocab` > 0: its vocabulary cut to ids 0 .. vocab - 1 (emb.weight and
/// head.weight the first `vocab` rows of the file's, views into the same mapping; every other tensor as read). The
/// cut model's layers are the file's, and its logits are the first `vocab` logits of the whole model's (each logit is
/// one head row's product). For checks that compare two paths on the random L3-D128 model (batched against single
/// decodes, pinned against copied logits, two weight layouts): on lavapipe its 65,536-row head as a batched GEMM takes
/// ~3 of the ~3.4 CPU-seconds of a batched step, the same shader on more column tiles; a vocabulary that is not a
/// multiple of the GEMM's 64-column tiles also runs its edge tiles. The whole head runs batched in
/// test_vulkan_rows' batchedDecodeFp16State (goldens); test_vulkan_sample's forwardBatchSampleMatchesHost runs on the
/// cut model since session 44.
inline rwkv::WeightSet read_weights(const std::string& file, int vocab = 0) {
    rwkv::WeightSet whole = rwkv::load_weights(golden::testdata(file));
    if (vocab <= 0 || vocab >= whole.shape.vocab_size) return whole;
    auto keep = std::make_shared<rwkv::WeightSet>(std::move(whole));
    rwkv::WeightSet cut;
    cut.format = keep->format;
    cut.path = keep->path;
    for (const auto& [name, view] : keep->tensors()) {
        rwkv::TensorView v = view;
        if (name == "emb.weight" || name == "head.weight") {
            v.nbytes = view.nbytes / std::size_t(view.shape[0]) * std::size_t(vocab);
            v.shape[0] = vocab;
        }
        cut.add_view(name, v);
    }
    cut.keep_alive(keep);
    cut.shape = rwkv::infer_and_validate_shape(cut);
    return cut;
}

/// The Vulkan backend on testdata `file` (`vocab` > 0: cut as read_weights does) with fp16 weights and the backend
/// config `cfg`. Throws what load_weights and make_vulkan_model throw.
inline std::unique_ptr<rwkv::Model> load_vulkan_f16(const std::string& file, const rwkv::vk::ModelConfig& cfg = {},
                                                    int vocab = 0) {
    rwkv::LoadOptions o;
    o.backend = "vulkan";
    o.weight_dtype = rwkv::DType::F16;
    return rwkv::make_vulkan_model(read_weights(file, vocab), o, cfg);
}

}  // namespace vktest
