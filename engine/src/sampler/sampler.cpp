// sampler.cpp — next-token choice with the official semantics (spec §8.2 penalties, §8.3 PIP sample_logits),
// a seeded splitmix64 stream (bit-identical draws on every platform) and no full sort for small top_p.
// Tests: tests/engine/test_sampler.cpp.
#include "rwkv/sampler.h"

#include "rwkv/error.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

namespace rwkv {
namespace {

void check_param(bool ok, const char* what) {
    if (!ok) throw Error(ErrorCode::InvalidArgument, std::string("sampler: ") + what);
}

void check_token(std::int32_t id, int vocab_size, const char* where) {
    if (id < 0 || id >= vocab_size)
        throw Error(ErrorCode::InvalidToken, std::string("sampler: ") + where + " token id " + std::to_string(id) +
                                                 " is outside [0, " + std::to_string(vocab_size) + ")");
}

// Index of the first maximum; throws InvalidLogits for a NaN / +inf logit, InvalidArgument when every logit is -inf.
std::int32_t checked_argmax(std::span<const float> logits) {
    std::int32_t best = -1;
    float best_value = -std::numeric_limits<float>::infinity();
    for (std::size_t i = 0; i < logits.size(); ++i) {
        const float x = logits[i];
        if (std::isnan(x) || x == std::numeric_limits<float>::infinity())
            throw Error(ErrorCode::InvalidLogits,
                        "the model computed an invalid score (logit " + std::to_string(i) + " is " +
                            (std::isnan(x) ? "NaN" : "+infinity") +
                            "): its weights are probably damaged or overflow this weight type; try another copy "
                            "of the model file, another weight type or device");
        if (x > best_value) {
            best_value = x;
            best = static_cast<std::int32_t>(i);
        }
    }
    if (best < 0) throw Error(ErrorCode::InvalidArgument, "sampler: every token is banned or has logit -infinity");
    return best;
}

// Bucket of a probability in [0, 1]: the top bits of its fp32 pattern (8 buckets per octave). The pattern of a
// non-negative float grows with its value, so a higher bucket never holds a smaller probability.
constexpr std::size_t kBuckets = 1024;  // 1.0f is 0x3F800000 -> bucket 1016
std::size_t bucket_of(float p) {
    std::uint32_t bits = 0;
    std::memcpy(&bits, &p, sizeof bits);
    return std::min<std::size_t>(bits >> 20, kBuckets - 1);
}

// Lowest bucket that the nucleus / top-k can reach: walking down from the top, the first bucket at which the
// mass reaches top_p and at least k_cut ids are covered, one bucket lower as a margin for fp64-vs-fp32 sums.
std::size_t lowest_needed_bucket(std::span<const float> probs, bool nucleus, float top_p, std::size_t k_cut) {
    std::array<double, kBuckets> mass{};
    std::array<std::uint32_t, kBuckets> count{};
    for (const float p : probs) {
        const std::size_t b = bucket_of(p);
        mass[b] += p;
        ++count[b];
    }
    double acc = 0.0;
    std::size_t n = 0;
    for (std::size_t b = kBuckets; b-- > 0;) {
        acc += mass[b];
        n += count[b];
        if ((!nucleus || acc >= top_p) && n >= k_cut) return b > 0 ? b - 1 : 0;
    }
    return 0;
}

// Sorts order[0, c) by descending probability, ties by ascending id, as std::sort with that comparator would:
// an LSD radix sort (4 passes of 8 bits) on the complemented fp32 pattern of each probability (the pattern of a
// non-negative float grows with its value), stable, over ids that arrive in ascending order. O(c) where the
// comparison sort was O(c log c): a flat distribution (random weights, high temperature) puts a third of a 65,536
// vocabulary into the nucleus.
void sort_by_prob_desc(std::span<const float> probs, std::span<std::int32_t> order) {
    const std::size_t c = order.size();
    std::vector<std::uint32_t> key(c), key_tmp(c);
    std::vector<std::int32_t> id_tmp(c);
    for (std::size_t j = 0; j < c; ++j) {
        std::uint32_t bits = 0;
        std::memcpy(&bits, &probs[static_cast<std::size_t>(order[j])], sizeof bits);
        key[j] = ~bits;
    }
    std::uint32_t* k_in = key.data();
    std::uint32_t* k_out = key_tmp.data();
    std::int32_t* i_in = order.data();
    std::int32_t* i_out = id_tmp.data();
    for (int shift = 0; shift < 32; shift += 8) {
        std::array<std::size_t, 257> start{};
        for (std::size_t j = 0; j < c; ++j) ++start[((k_in[j] >> shift) & 0xFF) + 1];
        for (std::size_t d = 0; d < 256; ++d) start[d + 1] += start[d];
        for (std::size_t j = 0; j < c; ++j) {
            const std::size_t at = start[(k_in[j] >> shift) & 0xFF]++;
            k_out[at] = k_in[j];
            i_out[at] = i_in[j];
        }
        std::swap(k_in, k_out);
        std::swap(i_in, i_out);
    }
    // four passes: the sorted ids are back in `order`
}

// §8.3 steps 3-4: writes the kept ids (nucleus at top_p with ties kept, then top_k) to order[0, n) in ascending
// id order and returns n. Only ids in the buckets the cut can reach are sorted, not all V.
std::size_t select_kept(std::span<const float> probs, std::vector<std::int32_t>& order, float top_p, int top_k) {
    const std::size_t V = probs.size();
    const bool nucleus = top_p < 1.0f;  // top_p >= 1: no cut (avoids the fp rounding pitfall of §8.3)
    const std::size_t k_cut = (top_k > 0 && static_cast<std::size_t>(top_k) < V) ? static_cast<std::size_t>(top_k) : 0;
    if (!nucleus && k_cut == 0) {
        std::iota(order.begin(), order.end(), 0);
        return V;
    }
    const auto by_prob = [&](std::int32_t a, std::int32_t b) {
        return probs[a] > probs[b] || (probs[a] == probs[b] && a < b);
    };
    std::size_t low = lowest_needed_bucket(probs, nucleus, top_p, k_cut);
    for (;;) {
        // Candidates: every id at or above bucket `low`; each is larger than every id left out, so their
        // sorted order is the head of the global sorted order.
        std::size_t c = 0;
        for (std::size_t i = 0; i < V; ++i)
            if (bucket_of(probs[i]) >= low) order[c++] = static_cast<std::int32_t>(i);
        if (c > 4096)
            sort_by_prob_desc(probs, {order.data(), c});
        else
            std::sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(c), by_prob);
        float cutoff = 0.0f;
        if (nucleus) {
            float cumulative = 0.0f;  // fp32 running sum, as numpy/torch cumsum in the reference
            std::size_t m = 0;
            while (m < c && (cumulative += probs[order[m]]) < top_p) ++m;
            if (m == c && low > 0) {  // rounding kept the fp32 sum short: widen to every id
                low = 0;
                continue;
            }
            if (m < c) cutoff = probs[order[m]];  // else the sum never reached top_p: keep everything
        }
        std::size_t n = 0;
        if (k_cut == 0) {  // every id at or above the cutoff is a candidate: one pass gives them in id order
            for (std::size_t i = 0; i < V; ++i)
                if (probs[i] >= cutoff && bucket_of(probs[i]) >= low) order[n++] = static_cast<std::int32_t>(i);
            return n;
        }
        const std::size_t limit = std::min(k_cut, c);
        for (std::size_t j = 0; j < limit; ++j)
            if (probs[order[j]] >= cutoff) order[n++] = order[j];
        std::sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(n));
        return n;
    }
}

// §8.3 steps 5-6: p^(1/T) over the kept set, then one draw with u in [0, 1). At T == 1 the weights are the
// probabilities themselves; otherwise exp((logit - max) / T), the same distribution up to normalisation but with
// no 0/0 underflow at small T. `probs` holds p on entry and is used as weight scratch [V].
std::int32_t draw(std::span<const float> logits, float max_logit, float temperature,
                  std::span<const std::int32_t> kept, std::span<float> probs, double u) {
    std::span<float> weights = probs;
    double total = 0.0;
    if (temperature == 1.0f) {
        for (const std::int32_t id : kept) total += weights[static_cast<std::size_t>(id)];
    } else {
        const float inv_t = 1.0f / temperature;
        for (const std::int32_t id : kept) {
            const auto i = static_cast<std::size_t>(id);
            weights[i] = std::exp((logits[i] - max_logit) * inv_t);
            total += weights[i];
        }
    }
    const double target = u * total;
    double cumulative = 0.0;
    std::int32_t last_positive = kept.front();
    for (const std::int32_t id : kept) {
        const float w = weights[static_cast<std::size_t>(id)];
        if (w <= 0.0f) continue;
        cumulative += w;
        last_positive = id;
        if (target < cumulative) return id;
    }
    return last_positive;  // u * total rounded up to the total
}

// §8.3 from the argmax on, for logits that already carry penalties and bans: greedy, or softmax, nucleus, top_k,
// temperature and one draw from `rng`. probs and order are scratch of V entries.
std::int32_t sample_core(std::span<const float> logits, float temperature, float top_p, int top_k,
                         std::vector<float>& probs, std::vector<std::int32_t>& order, std::uint64_t& rng) {
    const std::int32_t argmax = checked_argmax(logits);
    if (temperature == 0.0f || top_p == 0.0f) return argmax;  // §8.3 step 1: greedy

    // §8.3 step 2: softmax at temperature 1, in fp32 like the reference.
    const float max_logit = logits[static_cast<std::size_t>(argmax)];
    const std::size_t V = logits.size();
    probs.resize(V);
    order.resize(V);
    double sum = 0.0;
    for (std::size_t i = 0; i < V; ++i) {
        probs[i] = std::exp(logits[i] - max_logit);
        sum += probs[i];
    }
    const auto inv_sum = static_cast<float>(1.0 / sum);
    for (std::size_t i = 0; i < V; ++i) probs[i] *= inv_sum;

    const std::size_t n_kept = select_kept(probs, order, top_p, top_k);
    const std::span<const std::int32_t> kept(order.data(), n_kept);
    return draw(logits, max_logit, temperature, kept, probs, splitmix64_uniform(rng));
}

}  // namespace

Sampler::Sampler(const SamplerParams& params, int vocab_size)
    : params_(params), vocab_size_(vocab_size), rng_state_(params.seed) {
    check_param(vocab_size > 0, "vocab_size must be positive");
    check_token_sampling({params.temperature, params.top_p});
    check_param(params.top_k >= 0, "top_k must be >= 0");
    check_param(std::isfinite(params.presence_penalty), "presence_penalty must be finite");
    check_param(std::isfinite(params.frequency_penalty), "frequency_penalty must be finite");
    check_param(std::isfinite(params.penalty_decay) && params.penalty_decay >= 0.0f && params.penalty_decay <= 1.0f,
                "penalty_decay must be in [0, 1]");
    probs_.resize(static_cast<std::size_t>(vocab_size));
    order_.resize(static_cast<std::size_t>(vocab_size));
}

void Sampler::accept(std::int32_t token) {
    check_token(token, vocab_size_, "accepted");
    for (auto& entry : counts_) entry.second *= params_.penalty_decay;
    counts_[token] += 1.0f;
}

void Sampler::ban(std::int32_t id) {
    check_token(id, vocab_size_, "banned");
    if (std::find(banned_.begin(), banned_.end(), id) == banned_.end()) banned_.push_back(id);
}

void Sampler::reset_penalties() { counts_.clear(); }

void Sampler::reseed(std::uint64_t seed) { rng_state_ = seed; }

void Sampler::replay(std::span<const std::int32_t> tokens) {
    const bool greedy = params_.temperature == 0.0f || params_.top_p == 0.0f;  // sample_core draws nothing then
    for (const std::int32_t token : tokens) {
        accept(token);
        if (!greedy) splitmix64_uniform(rng_state_);
    }
}

std::int32_t checked_device_sample(std::int32_t id, std::size_t sequence, std::size_t vocab_size) {
    if (id >= 0 && std::size_t(id) < vocab_size) return id;
    if (id != -1 && id != -2)
        throw Error(ErrorCode::Internal,
                    "device sampling returned " + std::to_string(id) + " for sequence " + std::to_string(sequence));
    throw Error(id == -1 ? ErrorCode::InvalidLogits : ErrorCode::InvalidArgument,
                "the model computed an invalid score for sequence " + std::to_string(sequence) + " (" +
                    (id == -1 ? "a logit is NaN or +infinity" : "every logit is -infinity") +
                    "): its weights are probably damaged or overflow this weight type; try another copy of the model "
                    "file, another weight type or device");
}

double splitmix64_uniform(std::uint64_t& state) {
    // splitmix64 (Steele, Lea, Flood 2014): full 64-bit period, passes BigCrush; top 53 bits -> [0, 1).
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return static_cast<double>(z >> 11) * 0x1.0p-53;
}

void check_token_sampling(const TokenSampling& sampling) {
    check_param(std::isfinite(sampling.temperature) && sampling.temperature >= 0.0f, "temperature must be finite and >= 0");
    check_param(std::isfinite(sampling.top_p) && sampling.top_p >= 0.0f, "top_p must be finite and >= 0");
}

std::int32_t sample_token(std::span<const float> logits, const TokenSampling& sampling, std::uint64_t& rng) {
    check_token_sampling(sampling);
    check_param(!logits.empty(), "no logits to sample from");
    std::vector<float> probs;
    std::vector<std::int32_t> order;
    return sample_core(logits, sampling.temperature, sampling.top_p, 0, probs, order, rng);
}

std::int32_t Sampler::sample(std::span<float> logits) {
    if (logits.size() != static_cast<std::size_t>(vocab_size_))
        throw Error(ErrorCode::InvalidArgument, "sampler: got " + std::to_string(logits.size()) +
                                                    " logits, expected " + std::to_string(vocab_size_));
    // §8.2: every id with an entry pays presence + count * frequency (the presence part never decays).
    for (const auto& [id, count] : counts_)
        logits[static_cast<std::size_t>(id)] -= params_.presence_penalty + count * params_.frequency_penalty;
    for (const std::int32_t id : banned_) logits[static_cast<std::size_t>(id)] = -std::numeric_limits<float>::infinity();
    return sample_core(logits, params_.temperature, params_.top_p, params_.top_k, probs_, order_, rng_state_);
}

}  // namespace rwkv
