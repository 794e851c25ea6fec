// NonFiniteCheck: a NaN or infinity among a tensor's weights, found while a backend copies or converts them on the
// host at its load, on the rows already in cache: the CPU's (cpu/fast_weights.cpp, cpu/cpu_weights.cpp), Vulkan's
// (vulkan/vk_weights.cpp) and CUDA's (cuda/cuda_weights.cpp, each tensor's fp32 copy before it goes to the device).
// Refused naming the tensor and the element, as rwkv::check_checkpoint_values does (formats/weights.cpp). Where the
// backend converts the values to fp16 (or bf16), a finite one that the conversion would make infinite (|x| >= 65520
// for fp16) is refused too, Error(WeightOutOfRange) naming the value and what loads it (session 57: only the first
// logits caught it, naming no tensor). Tests: test_cpu_forward::nonFiniteWeightIsNamedAtLoad and
// weightBeyondTheLoadTypeIsNamed, test_vulkan_forward's, test_cuda_forward (non_finite_weights); the cost:
// docs/engine.md.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <string>
#include <utility>

#include "formats/readers.h"  // quoted_name
#include "rwkv/dtype.h"
#include "rwkv/error.h"
#include "rwkv/weights.h"

namespace rwkv {

/// The first non-finite value of one tensor, in the file's element order (before any transpose), found by any of
/// the threads that convert it: each reports what its rows hold (found), the tensor is refused once they are done
/// (throw_if_found). One value per weight read: a row's check is a branch-free OR over bits just copied or converted.
/// Made for a conversion to fp16 or bf16 (`to`), it also finds the first finite fp32 value that rounds to infinity
/// there (the same one compare per value: |bits| above the type's limit).
class NonFiniteCheck {
public:
    /// For tensor `name` of `ws`, whose values the backend keeps as they are or in fp32 (`to` F32, or any dtype that
    /// holds every fp32 value: Vulkan's int8 with fp32 scales does), converts to F16 or BF16, or quantises to the CPU's
    /// int8 (`to` I8: a group's scale, its largest |x| / 127, is kept as fp16), where `remedy` says what loads a value
    /// beyond that type's range ("load it with --dtype fp32"). Where the reader laid the tensor out
    /// transposed from the file (WeightSet::transposed_from_file), an element found is named by its place in the file,
    /// as rwkv::first_non_finite_weight (rwkv-cli convert, an import's check) names it.
    NonFiniteCheck(const WeightSet& ws, std::string name, DType to = DType::F32, std::string remedy = {})
        : file_(ws.path.filename().string()), tensor_(std::move(name)), remedy_(std::move(remedy)),
          elements_(ws.get(tensor_).numel()), to_(to), limit_(finite_limit(to)) {
        const TensorView& t = ws.get(tensor_);
        if (ws.transposed_from_file(tensor_) && t.shape.size() == 2) {
            rows_ = t.shape[0];
            cols_ = t.shape[1];
        }
    }

    /// The largest fp32 bit pattern (sign cleared) that stays finite as `to` under round-to-nearest-even
    /// (f32_to_f16, f32_to_bf16): fp16 0x477FEFFF (65519.996 rounds to 65504; 65520, a tie, rounds to the even
    /// infinity), bf16 0x7F7F7FFF (0x7F7F8000 is a tie that rounds to infinity); the CPU's int8 0x4AFDF01F
    /// (8321039.5: 8321039.5f / 127 is the largest scale that stays finite as fp16; quantise_row capped the scale of
    /// a larger one at 65504 and the group's weights came out wrong, session 57); else fp32's largest finite value.
    static constexpr std::uint32_t finite_limit(DType to) noexcept {
        return to == DType::F16 ? 0x477FEFFFu : to == DType::BF16 ? 0x7F7F7FFFu : to == DType::I8 ? 0x4AFDF01Fu
                                                                                                    : 0x7F7FFFFFu;
    }

    /// Element `element` (its index in the tensor as laid out) is NaN (`nan`) or ±infinity.
    void found(std::int64_t element, bool nan) {
        element = in_file(element);
        std::lock_guard lock(mutex_);
        if (first_ < 0 || element < first_) {
            first_ = element;
            nan_ = nan;
        }
    }

    /// Element `element` (its index in the tensor as laid out) is `value`, finite, and beyond the range of the type
    /// the values are converted to.
    void found_out_of_range(std::int64_t element, float value) {
        element = in_file(element);
        std::lock_guard lock(mutex_);
        if (first_big_ < 0 || element < first_big_) {
            first_big_ = element;
            big_ = value;
        }
    }

    /// Throws Error(CorruptFile) "FILE: tensor NAME holds NaN (element i of n): the weights are damaged" (or
    /// infinity) where one was found, in check_checkpoint_values's words ("FILE: " where the set came from a file);
    /// else, where a value beyond the converted type's range was found, Error(WeightOutOfRange) "FILE: tensor NAME
    /// holds 70000 (element i of n), beyond fp16's range (±65504): as fp16 it would be infinity; REMEDY".
    void throw_if_found() const {
        const std::string file = file_.empty() ? std::string() : file_ + ": ";
        if (first_ >= 0)
            throw Error(ErrorCode::CorruptFile,
                        file + NonFiniteWeight{tensor_, first_, elements_, nan_}.what() + ": the weights are damaged");
        if (first_big_ < 0) return;
        const char* type = to_ == DType::F16 ? "fp16" : to_ == DType::I8 ? "int8" : "bf16";
        const char* range = to_ == DType::F16 ? "65504" : to_ == DType::I8 ? "8321039.5" : "3.38953139e+38";
        const char* becomes = to_ == DType::I8 ? "its group's scale (|x| / 127, kept as fp16) would be infinity"
                                               : to_ == DType::F16 ? "as fp16 it would be infinity"
                                                                   : "as bf16 it would be infinity";
        char value[32];  // "%.9g": every fp32 value exactly, 65520 as "65520"
        std::snprintf(value, sizeof value, "%.9g", double(big_));
        throw Error(ErrorCode::WeightOutOfRange,
                    file + "tensor " + formats::quoted_name(tensor_) + " holds " + value + " (element " +
                        std::to_string(first_big_) + " of " + std::to_string(elements_) + "), beyond " + type +
                        "'s range (±" + range + "): " + becomes + (remedy_.empty() ? std::string() : "; " + remedy_));
    }

    /// The whole tensor `name` of `ws` copied to fp32 in its own order (`copy`, numel values): refused as
    /// throw_if_found does where it holds a NaN or infinity, or a value beyond `to`'s range (cpu_weights.cpp's f32,
    /// fast_weights.cpp's vectors, the Vulkan and CUDA loads' fp32 copies; CUDA's before its device converts them).
    static void whole(const WeightSet& ws, const std::string& name, const float* copy, std::size_t n,
                      DType to = DType::F32, std::string remedy = {}) {
        NonFiniteCheck check(ws, name, to, std::move(remedy));
        check.floats(copy, n, [](std::size_t j) { return std::int64_t(j); });
        check.throw_if_found();
    }

    /// `n` fp32 values at `x`; `element(j)` gives value j's index in the tensor. Cheap when all are finite and in
    /// range: one AND, one compare and one OR per value (a NaN or infinity is above every type's limit).
    template <class ElementOf>
    void floats(const float* x, std::size_t n, ElementOf&& element) {
        // Signed: |bits| and every limit are below 2^31, and SSE / AVX2 compare signed words in one instruction (an
        // unsigned compare took three: 25 % slower).
        const std::int32_t limit = std::int32_t(limit_);
        std::uint32_t any = 0;
        for (std::size_t j = 0; j < n; ++j) {
            std::int32_t b;
            std::memcpy(&b, x + j, 4);
            any |= std::uint32_t((b & 0x7fffffff) > limit);
        }
        if (any == 0) return;
        for (std::size_t j = 0; j < n; ++j) {
            float v;
            std::memcpy(&v, x + j, 4);
            if (!std::isfinite(v))
                found(element(j), std::isnan(v));
            else if (std::int32_t b = 0; std::memcpy(&b, &v, 4), (b & 0x7fffffff) > limit)
                found_out_of_range(element(j), v);
        }
    }

    /// `n` values of `dtype` (F32, F16 or BF16) as stored, at `p`: elements `first`, `first` + 1, … of the tensor,
    /// kept in that dtype (NaN and infinity alone are looked for: a value of a type is in its range).
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
    std::int64_t in_file(std::int64_t element) const {
        return rows_ > 0 ? (element % cols_) * rows_ + element / cols_ : element;  // (r, c) is (c, r) in the file
    }

    std::string file_, tensor_, remedy_;
    std::int64_t elements_ = 0;
    DType to_ = DType::F32;
    std::uint32_t limit_ = 0x7F7FFFFFu;  // finite_limit(to_)
    std::int64_t rows_ = 0, cols_ = 0;   // the layout's, where it is the file's transposed; else 0
    std::mutex mutex_;
    std::int64_t first_ = -1;  // the first NaN or infinity
    bool nan_ = false;
    std::int64_t first_big_ = -1;  // the first finite value beyond to_'s range
    float big_ = 0;
};

}  // namespace rwkv
