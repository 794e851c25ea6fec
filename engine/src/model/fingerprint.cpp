// compute_fingerprint: identity of a model's weights for matching state blobs (rwkv/model.h).
// The hash covers the shape and, per canonical tensor, its name, shape and 1024 evenly spaced values
// converted to fp32 — cheap on a 26 GB file (no full read) and equal for the same weights in any container.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <cstdio>

#include "rwkv/model.h"

namespace rwkv {
namespace {

constexpr std::size_t kSamplesPerTensor = 1024;

void update(XXH3_state_t* st, const void* p, std::size_t n) { XXH3_64bits_update(st, p, n); }

}  // namespace

std::string ModelFingerprint::to_string() const {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(hash));
    return buf;
}

ModelFingerprint compute_fingerprint(const WeightSet& ws) {
    XXH3_state_t* st = XXH3_createState();
    XXH3_64bits_reset(st);
    const ModelShape& s = ws.shape;
    const int dims[] = {s.n_layer, s.n_embd, s.n_head, s.head_size, s.vocab_size,
                        s.dim_ffn, s.lora_w, s.lora_a, s.lora_v, s.lora_g};
    update(st, dims, sizeof dims);
    for (const auto& [name, t] : ws.tensors()) {  // std::map: sorted, deterministic order
        update(st, name.data(), name.size() + 0);
        for (std::int64_t d : t.shape) update(st, &d, sizeof d);
        const auto n = static_cast<std::size_t>(t.numel());
        const std::size_t samples = n < kSamplesPerTensor ? n : kSamplesPerTensor;
        for (std::size_t i = 0; i < samples; ++i) {
            const std::size_t idx = samples == n ? i : (i * (n - 1)) / (samples - 1);
            const float v = t.at(idx);
            update(st, &v, sizeof v);
        }
    }
    ModelFingerprint fp;
    fp.shape = s;
    fp.hash = XXH3_64bits_digest(st);
    XXH3_freeState(st);
    return fp;
}

}  // namespace rwkv
