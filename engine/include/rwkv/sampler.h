// rwkv/sampler.h — choosing the next token from logits (RWKV-7 spec §8, official semantics).
// Order per token: penalties (presence + count * frequency) -> banned ids -> sample -> accept(token)
// (all counts *= decay, then count[token] += 1). Sampling follows the official pipeline (§8.3):
// softmax at temperature 1, nucleus cut at top_p (ties kept), top_k, then p^(1/temperature), draw.
// temperature == 0 or top_p == 0 means greedy; top_p >= 1 means no nucleus cut.
#pragma once

#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

namespace rwkv {

/// One sequence's settings for a step that samples its next token without penalties, bans or top_k
/// (sample_token, Model::forward_batch_sample): the §8.3 pipeline of Sampler::sample with only these two knobs.
struct TokenSampling {
    float temperature = 1.0f;  // finite, >= 0; 0 = greedy
    float top_p = 0.3f;        // finite, >= 0; 0 = greedy; >= 1 = no nucleus cut
    bool greedy() const noexcept { return temperature == 0.0f || top_p == 0.0f; }
};

/// Throws Error(InvalidArgument) unless temperature and top_p are finite and >= 0.
void check_token_sampling(const TokenSampling& sampling);

/// The next number in [0, 1) of the splitmix64 stream whose state is `state`, advancing it: the stream of
/// Sampler (a Sampler with seed s draws the numbers of a stream that starts at state s). Top 53 bits of the
/// output, so every value is an exact double.
double splitmix64_uniform(std::uint64_t& state);

/// Picks a token from `logits` ([V] fp32, unchanged) as Sampler::sample does with this temperature and top_p,
/// top_k = 0 and no penalties or bans: greedy returns the first maximum and leaves `rng` alone; otherwise one
/// number is drawn from the stream `rng` (splitmix64_uniform). Throws Error(InvalidArgument) for invalid
/// settings, an empty span or every logit -inf, Error(InvalidLogits) for a NaN or +inf logit.
std::int32_t sample_token(std::span<const float> logits, const TokenSampling& sampling, std::uint64_t& rng);

/// For the GPU backends' device samplers (kernels/cuda/sample.cu, kernels/vulkan/sample.comp), which write one id per
/// row: -1 where a logit is NaN or +inf, -2 where every logit is -inf. Returns `id` when it is a token below
/// vocab_size; throws Error(InvalidLogits) for -1 and Error(InvalidArgument) for -2 (the errors sample_token throws
/// for such a row, naming `sequence`) and Error(Internal) for any other value.
std::int32_t checked_device_sample(std::int32_t id, std::size_t sequence, std::size_t vocab_size);

/// One reply's sampling settings; the defaults are the official chat values (spec §8.5). Penalties subtract
/// presence + count · frequency from a generated id's logit (spec §8.2); counts decay by penalty_decay per token.
struct SamplerParams {
    float temperature = 1.0f;      // >= 0, finite; 0 = greedy
    float top_p = 0.3f;            // >= 0, finite; 0 = greedy, >= 1 = no nucleus cut
    int top_k = 0;                 // 0 = off
    float presence_penalty = 0.5f;   // logit units, finite
    float frequency_penalty = 0.5f;  // logit units per (decayed) occurrence, finite
    float penalty_decay = 0.996f;    // in [0, 1]
    std::uint64_t seed = 0;          // splitmix64 stream start (splitmix64_uniform)
};

/// The sampler of one reply: penalties, bans and the §8.3 pipeline (file comment) over a vocabulary of V ids, with its
/// own random stream. Not thread-safe: one reply, one thread.
class Sampler {
public:
    /// Throws Error(InvalidArgument) for negative or non-finite temperature/top_p, negative top_k, non-finite
    /// penalties, penalty_decay outside [0, 1], or vocab_size <= 0.
    Sampler(const SamplerParams& params, int vocab_size);

    /// Applies penalties and bans to `logits` (modified in place, [V] fp32) and returns the chosen id.
    /// Does not record the token: call accept() with the id that is actually fed to the model.
    /// Throws Error(InvalidArgument) if logits.size() != vocab_size or every id is banned, Error(InvalidLogits) if a
    /// logit is NaN or +inf (the model's output is not numbers: damaged weights or overflow).
    std::int32_t sample(std::span<float> logits);
    /// Records a generated token for the penalties (decay, then count += 1). Error(InvalidToken) if out of range.
    void accept(std::int32_t token);
    /// Never sample `id` (e.g. token 0 and ids >= 65530 during a chat reply). Error(InvalidToken) if out of range.
    void ban(std::int32_t id);
    /// Forgets the counts (a new reply); bans and the RNG stream stay.
    void reset_penalties();
    /// Restarts the random stream from `seed`.
    void reseed(std::uint64_t seed);
    /// Takes `tokens` as sampled before by a sampler with these params (a reply cut off and continued): accept() each,
    /// and the random stream moves one draw per token unless greedy (sample() draws nothing then), so that the next
    /// sample() is the one the uninterrupted run would have made after them. Error(InvalidToken) if one is out of range.
    void replay(std::span<const std::int32_t> tokens);

    const SamplerParams& params() const noexcept { return params_; }

private:
    SamplerParams params_;
    int vocab_size_;
    std::uint64_t rng_state_;
    std::vector<std::int32_t> banned_;
    std::unordered_map<std::int32_t, float> counts_;
    std::vector<float> probs_;          // scratch [V]
    std::vector<std::int32_t> order_;   // scratch [V]
};

}  // namespace rwkv
