// A device sampler (Model::forward_batch_sample's kernel) against the host's rwkv::sample_token, for the GPU
// backends' tests (tests/vulkan/test_vulkan_sample on lavapipe in CI, tests/gpu/test_vulkan_coop on the GPU machine).
// Plain C++: no Qt (the GPU machine has none).
//   * synthetic_rows: 8 kinds of rows (random, every id tied, one peak, a third banned to -inf, a NaN, every logit
//     -inf, two tied maxima, crowded) x 7 settings (greedy, top-p 0.3, T 0.7 / top-p 0.9, T 1.5 / no cut, a tiny
//     top_p, T 0.05, top_p 0) x 12 random streams = 672 rows, each with the uniform number sample_token would draw
//     from its stream and the host's answer (-1 for the NaN rows' error, -2 for the all -inf rows').
//   * compare: the device's ids against the host's. A different id is allowed only where the host's fp32 running
//     sum and the device's exact fixed-point sum can disagree about the nucleus edge, or the draw lands on a range
//     boundary: it must lie in the nucleus (mass of the ids above it < top_p + 1e-5, the fp32 cumulative rounding
//     over 65,536 terms), and at most 1 % of the rows may differ. Greedy rows and errors must match exactly.
//     Crowded rows (every p within ~3 % of 1/V) are counted apart, under the nucleus check alone: neighbouring p
//     differ by ~1e-11 there while the host's fp32 running sum (ulp 3e-8 near 0.3, 20,000+ additions) drifts by
//     ~1e-6, a tenth of one id's mass, so the host's own edge often lands on a neighbouring id (CUDA: 10 of 84 rows
//     on the H200, session 10; its session-9 and v32 kernels drew the same ids on 3,840 bench rows of that kind).
//   * model_check: Model::forward_batch_sample against forward_batch + sample_token on copies of the states (see
//     there).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "rwkv/error.h"
#include "rwkv/model.h"
#include "rwkv/sampler.h"

namespace samplecheck {

struct Rows {
    int V = 0;
    std::vector<float> logits;                   // [rows, V]
    std::vector<rwkv::TokenSampling> settings;   // per row
    std::vector<double> u;                       // per row: the draw (0 for greedy rows)
    std::vector<std::int32_t> host;              // sample_token's id, or -1 / -2 for its errors
    std::vector<int> kind;                       // Kind
    int rows() const { return int(settings.size()); }
};

enum Kind { kRandom, kFlat, kPeaked, kBanned, kNaN, kAllNegInf, kTiedMax, kCrowded, kKinds };

inline Rows synthetic_rows(int V) {
    const std::vector<rwkv::TokenSampling> settings = {{0.0f, 0.3f}, {1.0f, 0.3f}, {0.7f, 0.9f}, {1.5f, 1.0f},
                                                       {1.0f, 1e-9f}, {0.05f, 0.5f}, {1.0f, 0.0f}};
    const int streams = 12;
    Rows r;
    r.V = V;
    std::uint32_t x = 12345u;
    auto uni = [&] {
        x = x * 1664525u + 1013904223u;
        return float(x >> 8) / float(1u << 24);
    };
    for (int kind = 0; kind < kKinds; ++kind) {
        std::vector<float> row(std::size_t(V), 0.0f);
        for (int i = 0; i < V; ++i) {
            const float g = (uni() + uni() + uni() - 1.5f) * 4.0f;  // roughly normal, sd 2
            switch (kind) {
            case kFlat: row[std::size_t(i)] = 0.25f; break;  // every id tied
            case kPeaked: row[std::size_t(i)] = g * 0.1f; break;
            case kBanned: row[std::size_t(i)] = (i % 3 == 0) ? -INFINITY : g; break;
            case kAllNegInf: row[std::size_t(i)] = -INFINITY; break;
            case kCrowded: row[std::size_t(i)] = 0.25f + g * 0.005f; break;  // a few bins per histogram pass
            default: row[std::size_t(i)] = g; break;
            }
        }
        if (kind == kPeaked) row[std::size_t(V / 3)] = 30.0f;
        if (kind == kNaN) row[std::size_t(V / 2)] = NAN;
        if (kind == kTiedMax) row[5] = row[9] = 40.0f;
        for (const auto& st : settings)
            for (int k = 0; k < streams; ++k) {
                std::uint64_t rng = 0x51ED270B27ull * std::uint64_t(kind * 100 + k + 1);
                std::uint64_t draw = rng;
                const double u = st.greedy() ? 0.0 : rwkv::splitmix64_uniform(draw);
                std::int32_t id;
                try {
                    id = rwkv::sample_token(row, st, rng);
                } catch (const rwkv::Error&) {
                    id = kind == kNaN ? -1 : -2;
                }
                r.logits.insert(r.logits.end(), row.begin(), row.end());
                r.settings.push_back(st);
                r.u.push_back(u);
                r.host.push_back(id);
                r.kind.push_back(kind);
            }
    }
    return r;
}

// Mass of the ids whose host probability (sample_token's fp32 softmax) is strictly above that of `id`: `id` is in the
// nucleus of top_p when this is below top_p (the ids before it in sorted order had not reached top_p yet).
inline double mass_above(const float* logits, int V, int id) {
    float m = -INFINITY;
    for (int i = 0; i < V; ++i) m = std::max(m, logits[i]);
    double sum = 0;
    for (int i = 0; i < V; ++i) sum += std::exp(logits[i] - m);
    const float inv = float(1.0 / sum), pid = std::exp(logits[id] - m) * inv;
    double above = 0;
    for (int i = 0; i < V; ++i) {
        const float p = std::exp(logits[i] - m) * inv;
        if (p > pid) above += p;
    }
    return above;
}

struct Result {
    int rows = 0, same = 0, differ = 0, differ_crowded = 0, bad = 0;
    std::string first_bad;
    bool ok() const { return rows > 0 && bad == 0 && differ * 100 <= rows; }
    std::string summary() const {
        return std::to_string(same) + " of " + std::to_string(rows) +
               " ids as the host's sample_token (errors -1/-2 included), " + std::to_string(differ) +
               " others inside the nucleus (<= 1 %), " + std::to_string(differ_crowded) +
               " others inside the nucleus on crowded rows, " + std::to_string(bad) + " wrong" +
               (first_bad.empty() ? "" : " (" + first_bad + ")");
    }
};

inline Result compare(const Rows& r, const std::vector<std::int32_t>& device) {
    Result res;
    res.rows = r.rows();
    if (int(device.size()) != res.rows) {
        res.bad = res.rows;
        res.first_bad = "got " + std::to_string(device.size()) + " ids";
        return res;
    }
    for (int i = 0; i < res.rows; ++i) {
        const auto& st = r.settings[std::size_t(i)];
        const std::int32_t e = r.host[std::size_t(i)], g = device[std::size_t(i)];
        if (g == e) {
            ++res.same;
            continue;
        }
        const float* row = r.logits.data() + std::size_t(i) * std::size_t(r.V);
        const bool in_nucleus = e >= 0 && !st.greedy() && g >= 0 && g < r.V && std::isfinite(row[g]) &&
                                (st.top_p >= 1.0f || mass_above(row, r.V, g) < double(st.top_p) + 1e-5);
        if (in_nucleus) {
            ++(r.kind[std::size_t(i)] == kCrowded ? res.differ_crowded : res.differ);
        } else if (++res.bad == 1) {
            res.first_bad = "row " + std::to_string(i) + " kind " + std::to_string(r.kind[std::size_t(i)]) + " T " +
                            std::to_string(st.temperature) + " top_p " + std::to_string(st.top_p) + ": device " +
                            std::to_string(g) + ", host " + std::to_string(e);
        }
    }
    return res;
}

struct ModelResult {
    bool logits_same = true, greedy_same = true, streams_same = true, independent = true, single_same = true;
    int sampled = 0, same = 0, differ = 0, outside = 0, distinct = 0;
    bool ok() const {
        return logits_same && greedy_same && streams_same && independent && single_same && outside == 0 &&
               differ * 20 <= sampled && sampled > 0;
    }
    std::string summary() const {
        auto yn = [](bool b) { return b ? "yes" : "NO"; };
        return std::string("logits == forward_batch's bit for bit: ") + yn(logits_same) + "; greedy ids == host's: " +
               yn(greedy_same) + "; sampled: " + std::to_string(same) + " of " + std::to_string(sampled) +
               " as the host's, " + std::to_string(differ) + " others inside the nucleus (<= 5 %), " +
               std::to_string(outside) + " outside; streams advanced as the host's: " + yn(streams_same) +
               "; rows independent of their batch position (" + std::to_string(distinct) +
               " distinct ids from 12 streams): " + yn(independent) + "; B = 1: sample_token's id (or one inside the nucleus) of the returned logits: " +
               yn(single_same);
    }
};

inline std::vector<std::int32_t> lcg_ids(int n, int vocab, std::uint32_t seed) {
    std::vector<std::int32_t> ids;
    std::uint32_t x = seed;
    for (int i = 0; i < n; ++i) {
        x = x * 1664525u + 1013904223u;
        ids.push_back(std::int32_t((x >> 8) % std::uint32_t(vocab)));
    }
    return ids;
}

// B states (prefixes of 1-5 tokens), 4 steps of forward_batch_sample (step 0 one greedy setting for all, then greedy /
// top-p 0.3 / T 0.8 top-p 0.95 by row) against forward_batch on copies of the states + sample_token with copies of the
// streams: the logits bit for bit (the same pass), greedy ids equal, sampled ids equal or inside the nucleus (at most
// 5 % other), the streams advanced alike. Then 24 copies of one state with streams 0..11 twice and the batch reversed:
// a row's id depends only on its stream. Then B = 1.
// `batched_prefixes`: the prefixes' tokens go through forward_batch without logits (token i of every prefix longer than
// i in one call: 5 calls, no head) instead of a forward() per state (B calls, each with the head); the same states
// up to the summation order (tests/vulkan/test_vulkan_sample.cpp: lavapipe, where each head of the random model's
// 65,536 rows takes a fraction of a second).
inline ModelResult model_check(rwkv::Model& m, int B, bool batched_prefixes = false) {
    ModelResult res;
    const int V = m.shape().vocab_size;
    std::vector<float> logits(static_cast<std::size_t>(V));
    std::vector<rwkv::State> a, c;
    std::vector<std::vector<std::int32_t>> prefix;
    for (int b = 0; b < B; ++b) {
        rwkv::State s = m.new_state();
        prefix.push_back(lcg_ids(1 + b % 5, V, 500u + unsigned(b)));
        if (!batched_prefixes) m.forward(s, prefix.back(), logits);
        a.push_back(std::move(s));
    }
    for (std::size_t i = 0; batched_prefixes && i < 5; ++i) {
        std::vector<rwkv::State*> ps;
        std::vector<std::int32_t> ts;
        for (int b = 0; b < B; ++b)
            if (prefix[std::size_t(b)].size() > i) ps.push_back(&a[std::size_t(b)]), ts.push_back(prefix[std::size_t(b)][i]);
        m.forward_batch(ps, ts, {});
    }
    for (const rwkv::State& s : a) c.push_back(s.clone());
    std::vector<rwkv::State*> pa, pc;
    for (auto& s : a) pa.push_back(&s);
    for (auto& s : c) pc.push_back(&s);
    const rwkv::TokenSampling greedy{0.0f, 0.3f}, top_p{1.0f, 0.3f}, hot{0.8f, 0.95f};
    for (int step = 0; step < 4; ++step) {
        const auto ids = lcg_ids(B, V, 77u + unsigned(step));
        std::vector<float> la(std::size_t(B) * std::size_t(V)), lc(la.size());
        std::vector<std::int32_t> next(static_cast<std::size_t>(B), -1);
        std::vector<std::uint64_t> rng(static_cast<std::size_t>(B)), host_rng;
        for (int b = 0; b < B; ++b) rng[std::size_t(b)] = 1000003ull * std::uint64_t(b) + std::uint64_t(step);
        host_rng = rng;
        std::vector<rwkv::TokenSampling> per_row;
        if (step == 0) per_row = {greedy};
        else
            for (int b = 0; b < B; ++b) per_row.push_back(b % 3 == 0 ? greedy : b % 3 == 1 ? top_p : hot);
        m.forward_batch_sample(pa, ids, per_row, rng, next, la);
        m.forward_batch(pc, ids, lc);
        res.logits_same = res.logits_same && la == lc;
        for (int b = 0; b < B; ++b) {
            const float* row = la.data() + std::size_t(b) * std::size_t(V);
            const rwkv::TokenSampling& st = per_row[per_row.size() == 1 ? 0 : std::size_t(b)];
            const std::int32_t host = rwkv::sample_token({row, std::size_t(V)}, st, host_rng[std::size_t(b)]);
            const std::int32_t dev = next[std::size_t(b)];
            if (st.greedy()) {
                res.greedy_same = res.greedy_same && dev == host;
                continue;
            }
            ++res.sampled;
            if (dev == host) ++res.same;
            else if (dev >= 0 && dev < V && mass_above(row, V, dev) < double(st.top_p) + 1e-5) ++res.differ;
            else ++res.outside;
        }
        res.streams_same = res.streams_same && rng == host_rng;
    }
    {
        rwkv::State base = m.new_state();
        m.forward(base, lcg_ids(6, V, 99u), logits);
        const int N = 24;
        std::vector<rwkv::State> copies, rev;
        for (int b = 0; b < N; ++b) copies.push_back(base.clone()), rev.push_back(base.clone());
        std::vector<rwkv::State*> p1, p2;
        for (auto& s : copies) p1.push_back(&s);
        for (int b = N - 1; b >= 0; --b) p2.push_back(&rev[std::size_t(b)]);
        std::vector<std::uint64_t> r1(static_cast<std::size_t>(N)), r2(static_cast<std::size_t>(N));
        for (int b = 0; b < N; ++b) {
            r1[std::size_t(b)] = std::uint64_t(b % 12) * 7919ull;
            r2[std::size_t(N - 1 - b)] = r1[std::size_t(b)];
        }
        std::vector<std::int32_t> n1(static_cast<std::size_t>(N)), n2(static_cast<std::size_t>(N));
        const std::vector<std::int32_t> tok(static_cast<std::size_t>(N), 42);
        const rwkv::TokenSampling wide{1.0f, 1.0f};
        m.forward_batch_sample(p1, tok, {&wide, 1}, r1, n1);
        m.forward_batch_sample(p2, tok, {&wide, 1}, r2, n2);
        std::vector<std::int32_t> d;
        for (int b = 0; b < N; ++b) {
            res.independent = res.independent && n1[std::size_t(b)] == n1[std::size_t((b + 12) % N)] &&
                              n1[std::size_t(b)] == n2[std::size_t(N - 1 - b)];
            if (std::find(d.begin(), d.end(), n1[std::size_t(b)]) == d.end()) d.push_back(n1[std::size_t(b)]);
        }
        res.distinct = int(d.size());
        res.independent = res.independent && res.distinct >= 6;  // top_p 1 over the whole vocabulary
    }
    {
        std::vector<float> l1(static_cast<std::size_t>(V));
        std::vector<std::int32_t> n1(1);
        std::vector<std::uint64_t> r1 = {123};
        std::uint64_t h1 = 123;
        const std::int32_t tok = 17;
        m.forward_batch_sample({pa.data(), 1}, {&tok, 1}, {&top_p, 1}, r1, n1, l1);
        const std::int32_t host = rwkv::sample_token(l1, top_p, h1);
        res.single_same = (n1[0] == host || mass_above(l1.data(), V, n1[0]) < double(top_p.top_p) + 1e-5) && r1[0] == h1;
    }
    return res;
}

}  // namespace samplecheck
