// Model: backend dispatch for load/from_weights, input validation shared by every backend, and state
// export/import through the blob format (rwkv/model.h).
#include "rwkv/model.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <exception>
#include <set>
#include <thread>

#include "cpu/cpu_model.h"
#include "rwkv/devices.h"
#include "rwkv/error.h"
#include "rwkv/state_blob.h"
#ifdef RWKV_WITH_VULKAN
#include "vulkan/vk_model.h"
#endif
#ifdef RWKV_WITH_CUDA
#include "cuda/cuda_model.h"
#endif

namespace rwkv {

std::unique_ptr<Model> Model::load(const std::filesystem::path& path, const LoadOptions& options) {
    return from_weights(load_weights(path), options);
}

std::vector<DeviceInfo> list_gpu_devices() {
#ifdef RWKV_WITH_CUDA
    return cuda::list_devices();
#else
    return {};
#endif
}

bool fits_on_device(const DeviceInfo& dev, std::size_t bytes, std::size_t extra) {
    const std::size_t margin = std::size_t(512) << 20;
    return bytes + extra + margin <= dev.free_bytes;
}

namespace {

#ifdef RWKV_WITH_CUDA
constexpr bool kCudaBuilt = true;
#else
constexpr bool kCudaBuilt = false;
#endif
#ifdef RWKV_WITH_VULKAN
constexpr bool kVulkanBuilt = true;
#else
constexpr bool kVulkanBuilt = false;
#endif

// Whether `name` is one of the engine's backend names — cpu, auto, cuda, vulkan, or cpu / cuda / vulkan with ":N" —
// whether this build has that backend or not.
bool backend_family(const std::string& name) {
    if (name == "cpu" || name == "auto" || name == "cuda" || name == "vulkan") return true;
    return name.rfind("cpu:", 0) == 0 || name.rfind("cuda:", 0) == 0 || name.rfind("vulkan:", 0) == 0;
}

// The backend strings this build accepts, for error messages.
std::string available_backends() {
    return std::string("cpu, auto") + (kCudaBuilt ? ", cuda:N" : "") + (kVulkanBuilt ? ", vulkan:N" : "");
}

}  // namespace

std::unique_ptr<Model> Model::from_weights(WeightSet weights, const LoadOptions& options) {
    const std::string& b = options.backend;
    if (b == "cpu" || b.empty()) return make_cpu_model(std::move(weights), options);
    // Names a user writes by analogy get their own words, not "not available in this build" (session 54's trial2:
    // "cpu:0" was said to be missing from a build that lists cpu, and "vulkan:" ran on a device it never named).
    if (b.rfind("cpu:", 0) == 0)
        throw Error(ErrorCode::BackendUnavailable, "backend '" + b + "': the CPU takes no device number; give 'cpu'");
    // Written with capitals ("CPU", "Vulkan:0"): "is not a backend" beside a list holding "cpu" left the difference
    // to be found (session 54's trial3).
    std::string lower = b;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (lower != b && backend_family(lower))
        throw Error(ErrorCode::BackendUnavailable,
                    "backend '" + b + "': backend names are written in lower case; give '" + lower + "'");
    // "cuda:" in a build without CUDA is "not available in this build" below: "give cuda:0" led to that same error.
    if ((b == "vulkan:" && kVulkanBuilt) || (b == "cuda:" && kCudaBuilt))
        throw Error(ErrorCode::BackendUnavailable, "backend '" + b + "' names no device: give " + b +
                                                       "0 for the first one, or " + b.substr(0, b.size() - 1) +
                                                       " to let the app pick");
#ifdef RWKV_WITH_VULKAN
    if (b == "vulkan" || b.rfind("vulkan:", 0) == 0) return make_vulkan_model(std::move(weights), options);
#endif
#ifdef RWKV_WITH_CUDA
    if (b == "cuda" || b.rfind("cuda:", 0) == 0) return cuda::make_cuda_model(weights, options);
#endif
    if (b == "auto") {  // the first CUDA device when the model fits there, else a discrete Vulkan GPU, else the CPU
#ifdef RWKV_WITH_CUDA
        const std::vector<DeviceInfo> devs = cuda::list_devices();
        const auto wt = options.weight_dtype == DType::F32 ? cuda::ck::WType::F32 : cuda::ck::WType::F16;
        if (!devs.empty() && fits_on_device(devs[0], cuda::estimate_bytes(weights.shape, wt, true, options.weight_dtype == DType::I8))) {
            LoadOptions o = options;
            o.backend = devs[0].backend;
            return cuda::make_cuda_model(weights, o);
        }
#endif
#ifdef RWKV_WITH_VULKAN
        const DType dt = options.weight_dtype;
        if (dt == DType::F32 || dt == DType::F16 || dt == DType::BF16 || dt == DType::I8) {
            if (const auto vk = vulkan_auto_backend(weights, dt == DType::I8)) {  // stored as fp16 (or int8) there
                LoadOptions o = options;
                o.backend = *vk;
                return make_vulkan_model(std::move(weights), o);
            }
        }
#endif
        return make_cpu_model(std::move(weights), options);
    }
    // Here cpu, auto and cpu:N are past: a name of the family is cuda or vulkan, which this build lacks.
    throw Error(ErrorCode::BackendUnavailable, "backend '" + b + "' " +
                                                   (backend_family(b) ? "is not available in this build"
                                                                      : "is not a backend") +
                                                   " (available: " + available_backends() + ")");
}

void Model::check_tokens(std::span<const std::int32_t> tokens) const {
    if (tokens.empty()) throw Error(ErrorCode::InvalidArgument, "forward() needs at least one token");
    const int V = shape().vocab_size;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (tokens[i] < 0 || tokens[i] >= V) {
            throw Error(ErrorCode::InvalidToken, "token id " + std::to_string(tokens[i]) + " at position " +
                                                     std::to_string(i) + " is outside [0, " + std::to_string(V) + ")");
        }
    }
}

void Model::check_state(const State& state) const {
    if (!state.valid() || !(state.shape() == shape())) {
        throw Error(ErrorCode::StateMismatch, "state does not belong to this model (" + shape().to_string() + ")");
    }
}

void Model::check_forward(const State& state, std::span<const std::int32_t> tokens,
                          std::span<const float> logits) const {
    check_tokens(tokens);
    check_state(state);
    if (logits.size() != std::size_t(shape().vocab_size)) {
        throw Error(ErrorCode::InvalidArgument, "logits buffer has " + std::to_string(logits.size()) +
                                                    " floats, the model has " + std::to_string(shape().vocab_size));
    }
}

void Model::check_forward_batch(std::span<State* const> states, std::span<const std::int32_t> tokens,
                                std::span<const float> logits) const {
    const std::size_t B = states.size(), V = std::size_t(shape().vocab_size);
    if (B == 0) throw Error(ErrorCode::InvalidArgument, "forward_batch() needs at least one state");
    if (tokens.size() != B) {
        throw Error(ErrorCode::InvalidArgument, "forward_batch() got " + std::to_string(tokens.size()) +
                                                    " tokens for " + std::to_string(B) + " states (one each)");
    }
    if (!logits.empty() && logits.size() != B * V) {
        throw Error(ErrorCode::InvalidArgument, "logits buffer has " + std::to_string(logits.size()) +
                                                    " floats, expected 0 or " + std::to_string(B) + " x " +
                                                    std::to_string(V));
    }
    check_tokens(tokens);
    std::set<const State*> seen;
    for (std::size_t b = 0; b < B; ++b) {
        if (states[b] == nullptr) throw Error(ErrorCode::InvalidArgument, "forward_batch(): state " + std::to_string(b) + " is null");
        if (!seen.insert(states[b]).second) {
            throw Error(ErrorCode::InvalidArgument,
                        "forward_batch(): state " + std::to_string(b) + " appears twice in one batch");
        }
        check_state(*states[b]);
    }
}

void Model::forward_batch(std::span<State* const> states, std::span<const std::int32_t> tokens,
                          std::span<float> logits) {
    check_forward_batch(states, tokens, logits);
    const std::size_t V = std::size_t(shape().vocab_size);
    std::vector<float> scratch(logits.empty() ? V : 0);
    for (std::size_t b = 0; b < states.size(); ++b) {
        std::span<float> out = logits.empty() ? std::span<float>(scratch) : logits.subspan(b * V, V);
        forward(*states[b], tokens.subspan(b, 1), out);
    }
}

void Model::check_forward_batch_sample(std::span<State* const> states, std::span<const std::int32_t> tokens,
                                       std::span<const TokenSampling> sampling, std::span<const std::uint64_t> rng,
                                       std::span<const std::int32_t> next, std::span<const float> logits) const {
    check_forward_batch(states, tokens, logits);
    const std::size_t B = states.size();
    if (sampling.size() != 1 && sampling.size() != B)
        throw Error(ErrorCode::InvalidArgument, "forward_batch_sample() got " + std::to_string(sampling.size()) +
                                                    " sampling settings for " + std::to_string(B) + " states (1 or one each)");
    for (const TokenSampling& t : sampling) check_token_sampling(t);
    if (rng.size() != B)
        throw Error(ErrorCode::InvalidArgument, "forward_batch_sample() got " + std::to_string(rng.size()) +
                                                    " random stream states for " + std::to_string(B) + " states (one each)");
    if (next.size() != B)
        throw Error(ErrorCode::InvalidArgument, "forward_batch_sample() got room for " + std::to_string(next.size()) +
                                                    " next tokens for " + std::to_string(B) + " states (one each)");
}

std::size_t Model::sampling_threads(std::size_t rows, std::size_t vocab, unsigned hardware_threads) noexcept {
    const std::size_t by_work = rows * vocab / kSampleLogitsPerThread;
    return std::max<std::size_t>(1, std::min({rows, by_work, std::size_t(std::max(1u, hardware_threads))}));
}

void Model::forward_batch_sample(std::span<State* const> states, std::span<const std::int32_t> tokens,
                                 std::span<const TokenSampling> sampling, std::span<std::uint64_t> rng,
                                 std::span<std::int32_t> next, std::span<float> logits) {
    check_forward_batch_sample(states, tokens, sampling, rng, next, logits);
    const std::size_t B = states.size(), V = std::size_t(shape().vocab_size);
    if (logits.empty() && sample_logits_.size() < B * V) sample_logits_.resize(B * V);
    const std::span<float> all = logits.empty() ? std::span<float>(sample_logits_.data(), B * V) : logits;
    forward_batch(states, tokens, all);
    // Rows are independent (own logits, settings and stream), so they are sampled on several threads where the
    // rows' work pays for starting them (sampling_threads): a top-p row of a flat distribution (random weights, high
    // temperature) sorts its whole nucleus, ~1 ms at V = 65536, which one thread would pay B times per step. The
    // caller samples a share too. Same ids as one thread, row by row.
    const auto sample_row = [&](std::size_t b) {
        next[b] = sample_token(all.subspan(b * V, V), sampling[sampling.size() == 1 ? 0 : b], rng[b]);
    };
    const std::size_t n_threads = sampling_threads(B, V, std::thread::hardware_concurrency());
    if (n_threads <= 1) {
        for (std::size_t b = 0; b < B; ++b) sample_row(b);
        return;
    }
    std::vector<std::exception_ptr> errors(B);  // a failed row's error; the lowest such row is thrown, as serially
    const auto sample_share = [&](std::size_t t) {
        for (std::size_t b = t; b < B; b += n_threads) {
            try {
                sample_row(b);
            } catch (...) {
                errors[b] = std::current_exception();
            }
        }
    };
    std::vector<std::thread> threads;
    threads.reserve(n_threads - 1);
    for (std::size_t t = 1; t < n_threads; ++t) threads.emplace_back(sample_share, t);
    sample_share(0);
    for (std::thread& th : threads) th.join();
    for (const std::exception_ptr& e : errors)
        if (e) std::rethrow_exception(e);
}

void Model::set_batch_state_dtype(DType dtype) {
    if (dtype != DType::F32)
        throw Error(ErrorCode::InvalidArgument, "backend " + backend_name() + " keeps the batched-decode state in fp32 only (asked for " +
                                                    std::string(dtype_name(dtype)) + ")");
}

std::vector<std::byte> Model::export_state(const State& state) const {
    check_state(state);
    return encode_state_blob(fingerprint(), state.to_host());
}

State Model::import_state(std::span<const std::byte> blob) const {
    const std::span<const std::byte> payload = state_blob_payload(blob, fingerprint());
    State s = new_state();
    if (reinterpret_cast<std::uintptr_t>(payload.data()) % alignof(float) == 0) {
        s.from_host({reinterpret_cast<const float*>(payload.data()), payload.size() / sizeof(float)});
    } else {
        std::vector<float> host(payload.size() / sizeof(float));
        std::memcpy(host.data(), payload.data(), payload.size());
        s.from_host(host);
    }
    return s;
}

}  // namespace rwkv
