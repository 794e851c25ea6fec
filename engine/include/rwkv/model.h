// rwkv/model.h — a loaded RWKV-7 model on one backend: the forward pass, states and state blobs.
// The math is RWKV-7 spec §3 (RNN mode); prefill may process a chunk of tokens at once (spec §4) but must
// equal token-by-token evaluation within the backend's tolerance.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "rwkv/dtype.h"
#include "rwkv/sampler.h"
#include "rwkv/shape.h"
#include "rwkv/state.h"
#include "rwkv/weights.h"

namespace rwkv {

/// Identity of a model's weights, used to refuse states made by another model.
/// `hash` covers the shape and, per tensor, its name, shape and a fixed sample of its values converted
/// to fp32 — so the same weights stored as .pth bf16 or .safetensors fp32 share one fingerprint.
struct ModelFingerprint {
    ModelShape shape;
    std::uint64_t hash = 0;
    std::string to_string() const;  // 16 hex digits
    bool operator==(const ModelFingerprint&) const = default;
};
ModelFingerprint compute_fingerprint(const WeightSet& ws);

struct LoadOptions {
    /// "cpu" (or empty), "cuda" / "cuda:N", "vulkan" / "vulkan:N" (N: a device's index, as DeviceInfo::backend of
    /// list_all_devices() writes it; Vulkan also takes a part of the device's name), or
    /// "auto": the first CUDA device when the model fits there, else the discrete Vulkan GPU with the most free memory
    /// where it fits, else the CPU.
    /// Names are lower case; "cpu:N", "CPU", "vulkan:" and a backend this build lacks are Error(BackendUnavailable)
    /// saying what to give instead.
    std::string backend = "cpu";
    /// Weights in memory: F32 (on the CPU the fp32 reference), F16, BF16 or I8 (int8 with scales). Vulkan stores F32
    /// and BF16 as F16, CUDA BF16 as F16 (weight_dtype() says what runs); any other dtype is Error(InvalidArgument).
    DType weight_dtype = DType::F32;
    int threads = 0;              // CPU threads; 0 = automatic (auto_cpu_threads)
};

/// The CPU thread count that LoadOptions::threads = 0 stands for: all hardware threads, or 1 for a model with
/// fewer than 4M matrix weights read per token (the 834K demo model), where every hand-off to a second thread costs
/// more than its share of the work and a busy core stalls it (docs/perf-notes.md, CPU, session 7).
int auto_cpu_threads(const ModelShape& shape);

struct ForwardOptions {
    /// Checked between prefill chunks; when it becomes true forward() throws Error(Cancelled) and the
    /// state holds the tokens processed so far (callers restore their snapshot).
    const std::atomic<bool>* cancel = nullptr;
    /// Called after each chunk with (tokens done, tokens total).
    std::function<void(std::size_t, std::size_t)> progress;
    /// Tokens per prefill chunk.
    std::size_t chunk_size = 256;
    /// false: the caller does not read the logits after the last token (a chat's text read again, whose prompt
    /// follows), so a backend may skip the head (the vocabulary-wide matrix product): the Vulkan and fast CPU backends
    /// do, and `logits` then holds unspecified values; the state is the same either way. On lavapipe the head of
    /// a 65,536-token vocabulary took ~0.35 s a call on a loaded 2-core box, more than a 16-token piece's own reading.
    bool logits = true;
};

class Model {
public:
    virtual ~Model() = default;

    /// Loads a checkpoint (any supported container) onto the requested backend.
    /// Throws rwkv::Error: load_weights' codes; from the backend BackendUnavailable (see LoadOptions::backend),
    /// InvalidArgument (a weight_dtype it cannot run), UnsupportedModel (head size other than 64), OutOfMemory,
    /// CorruptFile (a NaN or infinite weight: every backend checks each weight as its load copies it; NonFiniteCheck,
    /// docs/engine.md) and WeightOutOfRange (a finite weight the chosen weight type cannot hold).
    static std::unique_ptr<Model> load(const std::filesystem::path& path, const LoadOptions& options = {});
    /// Builds a model from weights already read (tests, bench with random weights). Throws as load() after its read.
    static std::unique_ptr<Model> from_weights(WeightSet weights, const LoadOptions& options = {});

    const ModelShape& shape() const noexcept { return fingerprint_.shape; }
    const ModelFingerprint& fingerprint() const noexcept { return fingerprint_; }
    /// "cpu", "cuda:0", ...
    virtual std::string backend_name() const = 0;
    /// Human description of the device ("CPU, 16 threads").
    virtual std::string device_name() const = 0;
    virtual DType weight_dtype() const = 0;

    /// A zeroed state on this model's backend.
    virtual State new_state() const = 0;

    /// Channel-mix activations seen by forward() since the model was built: `active` of `total` values of
    /// relu(Kf·x)² were non-zero (spec §9.4; rwkv-cli bench reports the ratio). Both 0 when the backend
    /// does not count them.
    struct FfnActivity {
        std::uint64_t active = 0, total = 0;
    };
    virtual FfnActivity ffn_activity() const { return {}; }

    /// Device time of one stage of a decode step (`rwkv-cli bench --profile`).
    struct StageTime {
        std::string stage;  // "att.proj", "ffn.value", ... (backend-specific names)
        int calls = 0;      // times the stage runs per token (once per layer for per-layer stages)
        double us = 0;      // median over the profiled tokens of the stage's device time per token, microseconds
        double bytes = 0;   // weight and state bytes the stage reads and writes per token (0 = not counted)
    };
    /// Decodes `tokens` one step each on `state` (advancing it as forward() would) with a device timestamp
    /// after every stage, and returns the per-stage times. Empty when the backend has no device profiler
    /// (the CPU backends). Validates like forward().
    virtual std::vector<StageTime> profile_decode(State& state, std::span<const std::int32_t> tokens) {
        check_tokens(tokens);
        check_state(state);
        return {};
    }

    /// Runs `tokens` (ids in [0, V)) through the model, advancing `state` in place, and writes the logits of
    /// the last token into `logits` ([V] fp32). Validates every id and the state's shape before any work:
    /// throws Error(InvalidToken) / Error(StateMismatch) / Error(InvalidArgument) for an empty token list or
    /// logits.size() != V, leaving the state untouched. A cancel seen between prefill chunks throws Error(Cancelled)
    /// (ForwardOptions::cancel: the state then holds the chunks done).
    virtual void forward(State& state, std::span<const std::int32_t> tokens, std::span<float> logits,
                         const ForwardOptions& options = {}) = 0;

    /// Batched decode: advances B = states.size() independent sequences by one token each (tokens[b] for
    /// *states[b]) and writes their logits as B rows of V floats (row b belongs to states[b]); an empty
    /// `logits` span means the caller does not want them. Validates everything before any work:
    /// Error(InvalidArgument) for B == 0, tokens.size() != B, a null or repeated state, or logits.size() not
    /// 0 or B*V; Error(InvalidToken) / Error(StateMismatch) as forward(). The result equals B forward() calls
    /// within the backend's tolerance. This default runs those B calls one after another; backends with a
    /// real batched step (has_batched_decode()) override it. A caller that decodes step after step should keep
    /// `logits` in page-locked memory (pin_host_memory): CUDA copies pageable memory at a third of bus speed.
    virtual void forward_batch(std::span<State* const> states, std::span<const std::int32_t> tokens,
                               std::span<float> logits);
    /// Batched decode that also picks every sequence's next token: advances the B = states.size() sequences by
    /// tokens[b] as forward_batch() does, then sets next[b] (in [0, V)) to sample_token(row b of the logits,
    /// sampling[b], rng[b]) (rwkv/sampler.h: Sampler::sample's temperature / top_p pipeline, spec §8.3, without
    /// penalties, bans or top_k; greedy = the first maximum). sampling holds B settings, or 1 for every row.
    /// rng holds B splitmix64 stream states: a row that is not greedy draws one number from rng[b] and advances it,
    /// so a row seeded with s draws what Sampler{seed = s} would. The B x V fp32 logits (before sampling) are also
    /// written to `logits` when it is not empty (0 or B*V floats, row b for states[b]); with it empty, a GPU backend
    /// sends only the B ids to the host (no B x V copy).
    /// Errors before any work: those of forward_batch(), and Error(InvalidArgument) for sampling.size() not 1 or B,
    /// a negative or non-finite temperature / top_p, or rng.size() or next.size() != B. After the step, a row whose
    /// logits hold a NaN or +inf throws Error(InvalidLogits), one whose logits are all -inf Error(InvalidArgument)
    /// (the states have advanced).
    /// This default runs forward_batch() and samples the rows on the host, on sampling_threads(B, V) threads
    /// (the same ids as one thread; of several failing rows, the lowest one's error is thrown); CUDA (has_batched_decode()) samples on the
    /// device: greedy ids are the same; a sampled id can differ from the host's only when the nucleus edge or the
    /// draw falls within the rounding of a different summation order (fp32/fp64, relative ~1e-6).
    virtual void forward_batch_sample(std::span<State* const> states, std::span<const std::int32_t> tokens,
                                      std::span<const TokenSampling> sampling, std::span<std::uint64_t> rng,
                                      std::span<std::int32_t> next, std::span<float> logits = {});
    /// Logits one thread of forward_batch_sample()'s default samples at least: a thread's start and join
    /// (~65-175 us on a loaded 2-core box) costs about as much as top-p over 16384 logits (~6-37 ns a logit).
    static constexpr std::size_t kSampleLogitsPerThread = 16384;
    /// The threads forward_batch_sample()'s default samples `rows` rows of `vocab` logits on: 1 while rows x vocab
    /// < 2 x kSampleLogitsPerThread (the demo model's V = 256 up to B = 127: starting threads cost a step of 3
    /// rows 6x a single step, session 51), else one per kSampleLogitsPerThread logits, at most `rows` and
    /// `hardware_threads` (std::thread::hardware_concurrency(); 0 counts as 1).
    static std::size_t sampling_threads(std::size_t rows, std::size_t vocab, unsigned hardware_threads) noexcept;
    /// True when forward_batch() decodes the B sequences together (one pass over the weights per step).
    virtual bool has_batched_decode() const noexcept { return false; }
    /// The dtype forward_batch() keeps the WKV state matrices in between steps: F32 (default, every backend), or
    /// F16 where a backend offers it as a speed option (CUDA and Vulkan: half the state bytes of a batched step,
    /// fp32 arithmetic; a state leaving it — export, forward(), prefill — is widened back exactly, but a run in it
    /// is not bit-identical to one in fp32). Not the dtype of exported states, which stay fp32.
    virtual DType batch_state_dtype() const noexcept { return DType::F32; }
    /// Chooses that dtype. Throws Error(InvalidArgument) for a dtype other than F32 on a backend without the
    /// option (F16 on CUDA, and on Vulkan devices with buffer device addresses; the default also follows the
    /// environment variables RWKV_CUDA_STATE_F16=1 / RWKV_VK_STATE_F16=1).
    virtual void set_batch_state_dtype(DType dtype);

    /// Serialises a state into a self-describing blob: magic, version, fingerprint, dtype, payload,
    /// checksum (docs/state-blob.md; 72 + 4 * state_floats() + 8 bytes). Throws Error(StateMismatch) for a state of
    /// another model.
    std::vector<std::byte> export_state(const State& state) const;
    /// Reads a blob made by export_state. Throws Error(StateMismatch) for another model's blob and
    /// Error(CorruptState) for a truncated blob or a bad checksum. A 4-byte aligned blob is uploaded from where it
    /// lies (no host copy); from page-locked memory (pin_host_memory) a GPU upload runs at full bus speed.
    State import_state(std::span<const std::byte> blob) const;
    /// Page-locks host memory that states are imported from again and again, or that forward_batch() writes
    /// its B x V logits to every step, so the copy runs at full bus speed without a staging copy. CUDA:
    /// cudaHostRegister (H200, B=256: 67 MB of logits 4.5-6.2 ms pageable); Vulkan (VK_EXT_external_memory_host):
    /// the pages become a transfer buffer and batched logits are copied into them by the device (no host memcpy).
    /// Returns false when the backend gains nothing (CPU) or the driver refuses; the memory works either way.
    /// Unpin (same span) before freeing it.
    virtual bool pin_host_memory(std::span<std::byte> memory) const { (void)memory; return false; }
    virtual void unpin_host_memory(std::span<std::byte> memory) const { (void)memory; }

protected:
    explicit Model(ModelFingerprint fp) : fingerprint_(std::move(fp)) {}
    void check_tokens(std::span<const std::int32_t> tokens) const;  // throws InvalidToken / InvalidArgument
    void check_state(const State& state) const;                     // throws StateMismatch
    /// Everything forward() validates before any work: the ids, the state, and logits.size() == V
    /// (InvalidToken / InvalidArgument / StateMismatch). Every backend calls it first.
    void check_forward(const State& state, std::span<const std::int32_t> tokens, std::span<const float> logits) const;
    /// Everything forward_batch() validates before any work (see there).
    void check_forward_batch(std::span<State* const> states, std::span<const std::int32_t> tokens,
                             std::span<const float> logits) const;
    /// Everything forward_batch_sample() validates before any work (see there).
    void check_forward_batch_sample(std::span<State* const> states, std::span<const std::int32_t> tokens,
                                    std::span<const TokenSampling> sampling, std::span<const std::uint64_t> rng,
                                    std::span<const std::int32_t> next, std::span<const float> logits) const;

private:
    ModelFingerprint fingerprint_;
    /// forward_batch_sample()'s B x V logits when the caller asks for none: kept across steps, so a step does not
    /// allocate and first-touch B x V fresh floats (16 MiB at B = 64).
    std::vector<float> sample_logits_;
};

/// Keeps `memory` page-locked for `model` (Model::pin_host_memory) while it lives and unpins it on destruction or
/// reset(). Move-only. pinned() is false where the backend gains nothing or the driver refused; the memory works
/// either way. Destroy (or reset) it before the memory is freed or resized, and before the model.
class PinnedHostMemory {
public:
    PinnedHostMemory() = default;
    PinnedHostMemory(const Model& model, std::span<std::byte> memory)
        : model_(&model), memory_(memory), pinned_(model.pin_host_memory(memory)) {}
    PinnedHostMemory(PinnedHostMemory&& o) noexcept : model_(o.model_), memory_(o.memory_), pinned_(o.pinned_) {
        o.pinned_ = false;
    }
    PinnedHostMemory& operator=(PinnedHostMemory&& o) noexcept {
        if (this != &o) {
            reset();
            model_ = o.model_, memory_ = o.memory_, pinned_ = o.pinned_;
            o.pinned_ = false;
        }
        return *this;
    }
    PinnedHostMemory(const PinnedHostMemory&) = delete;
    PinnedHostMemory& operator=(const PinnedHostMemory&) = delete;
    ~PinnedHostMemory() { reset(); }

    bool pinned() const { return pinned_; }
    void reset() {
        if (pinned_) model_->unpin_host_memory(memory_);
        pinned_ = false;
    }

private:
    const Model* model_ = nullptr;
    std::span<std::byte> memory_;
    bool pinned_ = false;
};

}  // namespace rwkv
