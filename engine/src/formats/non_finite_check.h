// NonFiniteCheck: a NaN or infinity among a tensor's weights, found while a backend copies or converts them on the
// host at its load, on the rows already in cache: the CPU's (cpu/fast_weights.cpp, cpu/cpu_weights.cpp), Vulkan's
// (vulkan/vk_weights.cpp) and CUDA's (cuda/cuda_weights.cpp, each tensor's fp32 copy before it goes to the device).
// Refused naming the tensor and the element, as rwkv::check_checkpoint_values does (formats/weights.cpp). Tests:
// test_cpu_forward::nonFiniteWeightIsNamedAtLoad, test_vulkan_forward::nonFiniteWeightIsNamedAtLoad,
// test_cuda_forward (non_finite_weights); the cost: docs/engine.md.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <string>
#include <utility>

#include "rwkv/dtype.h"
#include "rwkv/error.h"
#include "rwkv/weights.h"

namespace rwkv {

/// The first non-finite value of one tensor, in the file's element order (before any transpose), found by any of
/// the threads that convert it: each reports what its rows hold (found), the tensor is refused once they are done
/// (throw_if_found). One value per weight read: a row's check is a branch-free OR over bits just copied or converted.
class NonFiniteCheck {
public:
    /// For tensor `name` of `ws`. Where the reader laid it out transposed from the file (WeightSet::
    /// transposed_from_file), an element found is named by its place in the file, as rwkv::first_non_finite_weight
    /// (rwkv-cli convert, an import's check) names it.
    NonFiniteCheck(const WeightSet& ws, std::string name)
        : file_(ws.path.filename().string()), tensor_(std::move(name)), elements_(ws.get(tensor_).numel()) {
        const TensorView& t = ws.get(tensor_);
        if (ws.transposed_from_file(tensor_) && t.shape.size() == 2) {
            rows_ = t.shape[0];
            cols_ = t.shape[1];
        }
    }

    /// Element `element` (its index in the tensor as laid out) is NaN (`nan`) or ±infinity.
    void found(std::int64_t element, bool nan) {
        if (rows_ > 0) element = (element % cols_) * rows_ + element / cols_;  // (r, c) is (c, r) in the file
        std::lock_guard lock(mutex_);
        if (first_ < 0 || element < first_) {
            first_ = element;
            nan_ = nan;
        }
    }

    /// Throws Error(CorruptFile) "FILE: tensor NAME holds NaN (element i of n): the weights are damaged" (or
    /// infinity) where one was found, in check_checkpoint_values's words ("FILE: " where the set came from a file).
    void throw_if_found() const {
        if (first_ < 0) return;
        throw Error(ErrorCode::CorruptFile, (file_.empty() ? std::string() : file_ + ": ") +
                                                NonFiniteWeight{tensor_, first_, elements_, nan_}.what() +
                                                ": the weights are damaged");
    }

    /// The whole tensor `name` of `ws` copied to fp32 in its own order (`copy`, numel values): refused as
    /// throw_if_found does where it holds a NaN or infinity (cpu_weights.cpp's f32, fast_weights.cpp's vectors, the
    /// Vulkan and CUDA loads' fp32 copies).
    static void whole(const WeightSet& ws, const std::string& name, const float* copy, std::size_t n) {
        NonFiniteCheck check(ws, name);
        check.floats(copy, n, [](std::size_t j) { return std::int64_t(j); });
        check.throw_if_found();
    }

    /// `n` fp32 values at `x`; `element(j)` gives value j's index in the tensor. Cheap when all are finite.
    template <class ElementOf>
    void floats(const float* x, std::size_t n, ElementOf&& element) {
        std::uint32_t any = 0;
        for (std::size_t j = 0; j < n; ++j) {
            std::uint32_t b;
            std::memcpy(&b, x + j, 4);
            any |= std::uint32_t((b & 0x7f800000u) == 0x7f800000u);
        }
        if (any == 0) return;
        for (std::size_t j = 0; j < n; ++j) {
            float v;
            std::memcpy(&v, x + j, 4);
            if (!std::isfinite(v)) found(element(j), std::isnan(v));
        }
    }

    /// `n` values of `dtype` (F32, F16 or BF16) as stored, at `p`: elements `first`, `first` + 1, … of the tensor.
    void stored(const std::byte* p, std::size_t n, DType dtype, std::int64_t first) {
        if (dtype == DType::F32) {
            floats(reinterpret_cast<const float*>(p), n, [first](std::size_t j) { return first + std::int64_t(j); });
            return;
        }
        const std::uint16_t exponent = dtype == DType::F16 ? 0x7c00u : 0x7f80u;
        const std::uint16_t mantissa = dtype == DType::F16 ? 0x03ffu : 0x007fu;
        std::uint32_t any = 0;
        for (std::size_t j = 0; j < n; ++j) {
            std::uint16_t b;
            std::memcpy(&b, p + 2 * j, 2);
            any |= std::uint32_t((b & exponent) == exponent);
        }
        if (any == 0) return;
        for (std::size_t j = 0; j < n; ++j) {
            std::uint16_t b;
            std::memcpy(&b, p + 2 * j, 2);
            if ((b & exponent) == exponent) found(first + std::int64_t(j), (b & mantissa) != 0);
        }
    }

private:
    std::string file_, tensor_;
    std::int64_t elements_ = 0;
    std::int64_t rows_ = 0, cols_ = 0;  // the layout's, where it is the file's transposed; else 0
    std::mutex mutex_;
    std::int64_t first_ = -1;
    bool nan_ = false;
};

}  // namespace rwkv
