// test_sampler.cpp — rwkv::Sampler (spec §8): greedy, top_p with ties, top_k, temperature frequencies,
// penalties and decay (§8.2), bans, seeded determinism (pinned splitmix64 draws) and argument errors; sample_token
// (the penalty-free form batched decode uses) against Sampler.
#include "rwkv/error.h"
#include "rwkv/sampler.h"

#include <QElapsedTimer>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <random>
#include <set>

using rwkv::Error;
using rwkv::ErrorCode;
using rwkv::Sampler;
using rwkv::SamplerParams;

namespace {

SamplerParams no_penalty(float temperature, float top_p, int top_k = 0, std::uint64_t seed = 7) {
    SamplerParams p;
    p.temperature = temperature;
    p.top_p = top_p;
    p.top_k = top_k;
    p.presence_penalty = 0.0f;
    p.frequency_penalty = 0.0f;
    p.seed = seed;
    return p;
}

std::vector<float> log_of(const std::vector<double>& probs) {
    std::vector<float> logits;
    for (const double p : probs) logits.push_back(static_cast<float>(std::log(p)));
    return logits;
}

// Draw counts per id over n samples (fresh copy of the logits each time; no accept(), so no penalties).
std::map<int, int> histogram(Sampler& s, const std::vector<float>& logits, int n) {
    std::map<int, int> counts;
    for (int i = 0; i < n; ++i) {
        std::vector<float> l = logits;
        ++counts[s.sample(l)];
    }
    return counts;
}

std::set<int> keys(const std::map<int, int>& m) {
    std::set<int> out;
    for (const auto& [k, v] : m) out.insert(k);
    return out;
}

// Five binomial standard deviations: a correct sampler fails this with probability < 1e-6 per check.
double tolerance(double p, int n) { return 5.0 * std::sqrt(p * (1.0 - p) / n); }

// A 10-token distribution: sorted 0.35 (id 1), 0.25 (id 2), 0.15, 0.10, 0.05, 0.05, 0.03, 0.01, 0.005, 0.005.
const std::vector<double> kProbs{0.05, 0.35, 0.25, 0.15, 0.10, 0.05, 0.03, 0.01, 0.005, 0.005};

}  // namespace

class TestSampler : public QObject {
    Q_OBJECT

private slots:
    void greedy() {
        const std::vector<float> logits{0.1f, 2.5f, -1.0f, 2.4f, 2.5f};
        for (const auto& p : {no_penalty(0.0f, 0.3f), no_penalty(1.0f, 0.0f), no_penalty(0.0f, 0.0f)}) {
            Sampler s(p, 5);
            for (int i = 0; i < 20; ++i) {
                std::vector<float> l = logits;
                QCOMPARE(s.sample(l), 1);  // first maximum on ties
            }
        }
    }

    void topPKeepsNucleus() {
        // top_p 0.5: cumulative 0.35, 0.60 >= 0.5 at id 2 -> cutoff 0.25 -> only ids 1 and 2, in ratio 0.35 : 0.25.
        const int n = 10000;
        Sampler s(no_penalty(1.0f, 0.5f), 10);
        const auto h = histogram(s, log_of(kProbs), n);
        QCOMPARE(keys(h), (std::set<int>{1, 2}));
        const double p1 = 0.35 / 0.60;
        QVERIFY(std::abs(h.at(1) / double(n) - p1) < tolerance(p1, n));
        // top_p 0.3 is already reached by the first token (0.35): only id 1 is left.
        Sampler s2(no_penalty(1.0f, 0.3f), 10);
        QCOMPARE(keys(histogram(s2, log_of(kProbs), 1000)), (std::set<int>{1}));
    }

    void topPKeepsTies() {
        // 0.4, 0.2, 0.2, 0.2 with top_p 0.5: cutoff is 0.2 and every tie with it stays (official rule).
        Sampler s(no_penalty(1.0f, 0.5f), 4);
        const auto h = histogram(s, log_of({0.4, 0.2, 0.2, 0.2}), 4000);
        QCOMPARE(keys(h), (std::set<int>{0, 1, 2, 3}));
    }

    void topPOneMeansNoCut() {
        // With top_p >= 1 every id is drawable; the rarest (p = 0.005) is expected 50 times in 10k draws.
        for (float top_p : {1.0f, 1.5f}) {
            Sampler s(no_penalty(1.0f, top_p), 10);
            const int n = 10000;
            const auto h = histogram(s, log_of(kProbs), n);
            QCOMPARE(keys(h).size(), std::size_t(10));
            for (const auto& [id, count] : h)
                QVERIFY(std::abs(count / double(n) - kProbs[id]) < tolerance(kProbs[id], n));
        }
    }

    void topK() {
        Sampler s(no_penalty(1.0f, 1.0f, 2), 10);
        QCOMPARE(keys(histogram(s, log_of(kProbs), 4000)), (std::set<int>{1, 2}));
        Sampler s3(no_penalty(1.0f, 1.0f, 3), 10);
        QCOMPARE(keys(histogram(s3, log_of(kProbs), 4000)), (std::set<int>{1, 2, 3}));
        // top_k and top_p intersect: top_k 3 with top_p 0.5 leaves ids 1 and 2.
        Sampler both(no_penalty(1.0f, 0.5f, 3), 10);
        QCOMPARE(keys(histogram(both, log_of(kProbs), 4000)), (std::set<int>{1, 2}));
        // top_k >= V is off.
        Sampler big(no_penalty(1.0f, 1.0f, 10), 10);
        QCOMPARE(keys(histogram(big, log_of(kProbs), 10000)).size(), std::size_t(10));
    }

    void temperature() {
        // Two tokens with p = 0.25 / 0.75: at T the probability of id 1 is 3^(1/T) / (1 + 3^(1/T)).
        const std::vector<float> logits{0.0f, static_cast<float>(std::log(3.0))};
        const int n = 20000;
        for (const float t : {0.5f, 1.0f, 2.0f}) {
            Sampler s(no_penalty(t, 1.0f), 2);
            const auto h = histogram(s, logits, n);
            const double w = std::pow(3.0, 1.0 / t);
            const double expected = w / (1.0 + w);  // 0.9, 0.75, 0.634
            const double got = h.count(1) ? h.at(1) / double(n) : 0.0;
            QVERIFY2(std::abs(got - expected) < tolerance(expected, n),
                     qPrintable(QString("T=%1: %2 vs %3").arg(t).arg(got).arg(expected)));
        }
        // Temperature applies after the nucleus: T = 100 flattens the kept set {1, 2} but never adds id 3.
        Sampler hot(no_penalty(100.0f, 0.5f), 10);
        const auto h = histogram(hot, log_of(kProbs), n);
        QCOMPARE(keys(h), (std::set<int>{1, 2}));
        const double w1 = std::pow(0.35, 0.01), w2 = std::pow(0.25, 0.01), e1 = w1 / (w1 + w2);
        QVERIFY(std::abs(h.at(1) / double(n) - e1) < tolerance(e1, n));
        // A tiny temperature must not underflow to NaN: it is effectively greedy.
        Sampler cold(no_penalty(1e-4f, 1.0f), 10);
        QCOMPARE(keys(histogram(cold, log_of(kProbs), 200)), (std::set<int>{1}));
    }

    void penalties() {
        SamplerParams p = no_penalty(0.0f, 0.0f);
        p.presence_penalty = 0.5f;
        p.frequency_penalty = 0.25f;
        p.penalty_decay = 0.9f;
        Sampler s(p, 8);
        s.accept(3);  // counts {3: 1}
        s.accept(3);  // {3: 1 * 0.9 + 1 = 1.9}
        s.accept(5);  // {3: 1.71, 5: 1}
        std::vector<float> l(8, 0.0f);
        l[3] = 1.0f;
        QCOMPARE(s.sample(l), 3);  // id 3 keeps 1 - 0.9275 = 0.0725 > 0
        // Hand-computed: logit - (presence + count * frequency); fp32 arithmetic, so 1e-6 slack.
        QVERIFY(std::abs(l[3] - (1.0f - (0.5f + 1.71f * 0.25f))) < 1e-6f);
        QVERIFY(std::abs(l[5] - (0.0f - (0.5f + 1.0f * 0.25f))) < 1e-6f);
        for (int id : {0, 1, 2, 4, 6, 7}) QCOMPARE(l[id], 0.0f);
        // Decay: ten more tokens elsewhere; count[3] = 1.71 * 0.9^10, count[5] = 0.9^10; presence stays whole.
        for (int i = 0; i < 10; ++i) s.accept(7);
        std::vector<float> m(8, 0.0f);
        s.sample(m);
        const double d10 = std::pow(0.9, 10);
        double c7 = 0.0;
        for (int i = 0; i < 10; ++i) c7 = c7 * 0.9 + 1.0;
        QVERIFY(std::abs(m[3] + (0.5 + 1.71 * d10 * 0.25)) < 1e-5);  // float counts after 13 decays: 1e-5
        QVERIFY(std::abs(m[5] + (0.5 + d10 * 0.25)) < 1e-5);
        QVERIFY(std::abs(m[7] + (0.5 + c7 * 0.25)) < 1e-5);
        QCOMPARE(m[0], 0.0f);
        // reset_penalties forgets everything.
        s.reset_penalties();
        std::vector<float> r(8, 0.0f);
        s.sample(r);
        for (const float x : r) QCOMPARE(x, 0.0f);
    }

    void bans() {
        Sampler s(no_penalty(0.0f, 0.0f), 5);
        s.ban(1);
        s.ban(1);  // twice is harmless
        std::vector<float> l{0.1f, 2.5f, -1.0f, 2.4f, 2.0f};
        QCOMPARE(s.sample(l), 3);
        QCOMPARE(l[1], -std::numeric_limits<float>::infinity());
        // A banned token is never drawn even when it dominates.
        Sampler r(no_penalty(1.0f, 1.0f), 3);
        r.ban(0);
        QVERIFY(!histogram(r, {50.0f, 0.0f, 0.0f}, 2000).count(0));
        // Banning everything leaves nothing to sample.
        Sampler all(no_penalty(1.0f, 1.0f), 2);
        all.ban(0);
        all.ban(1);
        std::vector<float> two{1.0f, 2.0f};
        try {
            all.sample(two);
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(e.code(), ErrorCode::InvalidArgument);
        }
    }

    void determinism() {
        std::mt19937 gen(99);
        std::normal_distribution<float> normal(0.0f, 2.0f);  // only builds the test logits
        std::vector<float> logits(1000);
        for (auto& x : logits) x = normal(gen);
        auto run = [&](Sampler& s) {
            std::vector<int> seq;
            for (int i = 0; i < 500; ++i) {
                std::vector<float> l = logits;
                const int id = s.sample(l);
                s.accept(id);
                seq.push_back(id);
            }
            return seq;
        };
        SamplerParams p;  // defaults: T 1, top_p 0.3, penalties 0.5 / 0.5 / 0.996
        p.top_p = 0.9f;
        p.seed = 42;
        Sampler a(p, 1000), b(p, 1000);
        const auto sa = run(a);
        QCOMPARE(run(b), sa);
        p.seed = 43;
        Sampler c(p, 1000);
        QVERIFY(run(c) != sa);
        a.reseed(42);
        a.reset_penalties();
        QCOMPARE(run(a), sa);
        // Pinned stream: splitmix64 from seed 0 gives u = 0.883, 0.432, 0.026, 0.971; two equal logits -> 1,0,0,1.
        Sampler pinned(no_penalty(1.0f, 1.0f, 0, 0), 2);
        std::vector<int> draws;
        for (int i = 0; i < 4; ++i) {
            std::vector<float> l{0.5f, 0.5f};
            draws.push_back(pinned.sample(l));
        }
        QCOMPARE(draws, (std::vector<int>{1, 0, 0, 1}));
    }

    // sample_token == a Sampler with the same temperature / top_p, no penalties, seeded with the stream's state, draw
    // after draw; greedy leaves the stream alone; splitmix64_uniform is the pinned stream above.
    void sampleTokenIsSamplerWithoutPenalties() {
        std::uint64_t st = 0;
        QCOMPARE(std::round(rwkv::splitmix64_uniform(st) * 1000), 883.0);
        QCOMPARE(std::round(rwkv::splitmix64_uniform(st) * 1000), 432.0);
        std::mt19937 gen(5);
        std::normal_distribution<float> normal(0.0f, 2.0f);
        std::vector<float> logits(3000);
        for (auto& x : logits) x = normal(gen);
        logits[17] = logits[18] = 9.0f;  // a tied top
        const std::vector<rwkv::TokenSampling> settings = {{1.0f, 0.3f}, {0.6f, 0.8f}, {1.3f, 1.0f}, {0.0f, 0.5f}, {1.0f, 0.0f}};
        for (const auto& t : settings) {
            Sampler ref(no_penalty(t.temperature, t.top_p, 0, 1234), int(logits.size()));
            std::uint64_t rng = 1234;
            for (int i = 0; i < 200; ++i) {
                std::vector<float> copy = logits;
                QCOMPARE(rwkv::sample_token(logits, t, rng), ref.sample(copy));
            }
            if (t.greedy()) QCOMPARE(rng, std::uint64_t(1234));
            else QVERIFY(rng != 1234);
        }
        std::uint64_t rng = 0;
        QVERIFY_THROWS_EXCEPTION(Error, rwkv::sample_token(logits, rwkv::TokenSampling{-1.0f, 0.3f}, rng));
        QVERIFY_THROWS_EXCEPTION(Error, rwkv::sample_token({}, rwkv::TokenSampling{}, rng));
        std::vector<float> bad = logits;
        bad[3] = std::numeric_limits<float>::quiet_NaN();
        QVERIFY_THROWS_EXCEPTION(Error, rwkv::sample_token(bad, rwkv::TokenSampling{0.0f, 0.0f}, rng));
    }

    void deviceSampleCodesBecomeErrors() {
        // The GPU samplers' row codes (-1: a NaN / +inf logit, -2: every logit -inf) become sample_token's errors,
        // naming the sequence; any other id outside the vocabulary is an internal error.
        QCOMPARE(rwkv::checked_device_sample(0, 0, 10), 0);
        QCOMPARE(rwkv::checked_device_sample(9, 3, 10), 9);
        const auto code_and_text = [](std::int32_t id) -> std::pair<ErrorCode, std::string> {
            try {
                rwkv::checked_device_sample(id, 7, 10);
            } catch (const Error& e) {
                return {e.code(), e.what()};
            }
            return {ErrorCode::Internal, "no error"};
        };
        const auto nan_row = code_and_text(-1), neg_inf_row = code_and_text(-2);
        QCOMPARE(nan_row.first, ErrorCode::InvalidLogits);  // a damaged model, not a caller's mistake
        QVERIFY(nan_row.second.find("sequence 7 (a logit is NaN or +infinity)") != std::string::npos);
        QCOMPARE(neg_inf_row.first, ErrorCode::InvalidArgument);
        QVERIFY(neg_inf_row.second.find("sequence 7 (every logit is -infinity)") != std::string::npos);
        for (std::int32_t id : {10, -3, -7}) {
            const auto other = code_and_text(id);
            QCOMPARE(other.first, ErrorCode::Internal);
            QVERIFY(other.second.find("device sampling returned " + std::to_string(id)) != std::string::npos);
        }
    }

    void flatDistributionDrawsEqualFullSortReference() {
        // A flat distribution (random weights, high temperature) keeps tens of thousands of ids in the nucleus, where
        // the sampler sorts its candidates by radix: every draw must equal the plain §8.3 reference (a full sort of
        // all V by descending probability, ties by id; fp32 cumulative sum; kept = p >= cutoff in id order; fp64 draw).
        const int V = 65536;
        std::mt19937 gen(11);
        std::normal_distribution<float> normal(0.0f, 0.5f);
        std::vector<float> logits(V);
        for (auto& x : logits) x = normal(gen);
        logits[77] = logits[78] = logits[79];  // ties
        const auto reference = [&](float temperature, float top_p, std::uint64_t& rng, int& kept) {
            const float mx = *std::max_element(logits.begin(), logits.end());
            std::vector<float> p(V);
            double sum = 0.0;
            for (int i = 0; i < V; ++i) sum += (p[i] = std::exp(logits[i] - mx));
            const auto inv = static_cast<float>(1.0 / sum);
            for (auto& x : p) x *= inv;
            std::vector<int> order(V);
            std::iota(order.begin(), order.end(), 0);
            std::sort(order.begin(), order.end(), [&](int a, int b) { return p[a] > p[b] || (p[a] == p[b] && a < b); });
            float cum = 0.0f, cutoff = 0.0f;
            for (const int id : order)
                if ((cum += p[id]) >= top_p) { cutoff = p[id]; break; }
            std::vector<double> w(V, 0.0);
            double total = 0.0;
            kept = 0;
            for (int i = 0; i < V; ++i)
                if (p[i] >= cutoff && ++kept)
                    total += (w[i] = temperature == 1.0f ? p[i] : std::exp((logits[i] - mx) * (1.0f / temperature)));
            const double target = rwkv::splitmix64_uniform(rng) * total;
            double acc = 0.0;
            int last = -1;
            for (int i = 0; i < V; ++i) {
                if (p[i] < cutoff || w[i] <= 0.0) continue;
                acc += static_cast<float>(w[i]);
                last = i;
                if (target < acc) return i;
            }
            return last;
        };
        for (const float temperature : {1.0f, 0.7f})
            for (const float top_p : {0.3f, 0.9f}) {
                std::uint64_t rng = 1234, ref_rng = 1234;
                int kept = 0;
                for (int draw = 0; draw < 20; ++draw) {
                    const int id = rwkv::sample_token(logits, rwkv::TokenSampling{temperature, top_p}, rng);
                    QCOMPARE(id, reference(temperature, top_p, ref_rng, kept));
                }
                QCOMPARE(rng, ref_rng);
                QVERIFY2(kept > 4096, "the nucleus must be large enough for the radix sort path");
            }
    }

    void largeVocabMatchesFullSort() {
        // V = 65536: the kept set must equal the one from a full sort (cumulative >= top_p, ties kept).
        const int V = 65536;
        std::mt19937 gen(5);
        std::normal_distribution<float> normal(0.0f, 3.0f);
        std::vector<float> logits(V);
        for (auto& x : logits) x = normal(gen);
        for (const float top_p : {0.3f, 0.9f}) {
            const float mx = *std::max_element(logits.begin(), logits.end());
            std::vector<float> p(V);
            double sum = 0.0;
            for (int i = 0; i < V; ++i) sum += (p[i] = std::exp(logits[i] - mx));  // same fp32 steps as the sampler
            const auto inv = static_cast<float>(1.0 / sum);
            for (auto& x : p) x *= inv;
            std::vector<float> sorted = p;
            std::sort(sorted.begin(), sorted.end(), std::greater<>());
            float cum = 0.0f, cutoff = 0.0f;
            for (const float x : sorted)
                if ((cum += x) >= top_p) { cutoff = x; break; }
            std::set<int> allowed;
            for (int i = 0; i < V; ++i)
                if (p[i] >= cutoff) allowed.insert(i);
            Sampler s(no_penalty(1.0f, top_p), V);
            QElapsedTimer timer;
            timer.start();
            const auto h = histogram(s, logits, 2000);
            qInfo("V=65536 top_p=%.1f: %zu kept ids, 2000 samples in %lld ms", top_p, allowed.size(),
                  static_cast<long long>(timer.elapsed()));
            for (const auto& [id, count] : h) QVERIFY(allowed.count(id));
            QVERIFY(h.size() > 1);
        }
    }

    void invalidArguments() {
        auto expect_invalid = [](const SamplerParams& p, int v) {
            try {
                Sampler s(p, v);
                return false;
            } catch (const Error& e) {
                return e.code() == ErrorCode::InvalidArgument;
            }
        };
        SamplerParams ok;
        QVERIFY(!expect_invalid(ok, 10));
        QVERIFY(expect_invalid(ok, 0));
        QVERIFY(expect_invalid(ok, -5));
        SamplerParams p = ok;
        p.temperature = -0.1f;
        QVERIFY(expect_invalid(p, 10));
        p = ok;
        p.temperature = std::numeric_limits<float>::quiet_NaN();
        QVERIFY(expect_invalid(p, 10));
        p = ok;
        p.top_p = -0.01f;
        QVERIFY(expect_invalid(p, 10));
        p = ok;
        p.top_k = -1;
        QVERIFY(expect_invalid(p, 10));
        p = ok;
        p.penalty_decay = 1.5f;
        QVERIFY(expect_invalid(p, 10));
        p = ok;
        p.frequency_penalty = std::numeric_limits<float>::infinity();
        QVERIFY(expect_invalid(p, 10));

        Sampler s(ok, 4);
        std::vector<float> wrong(5, 0.0f);
        try {
            s.sample(wrong);
            QFAIL("no error for a wrong logits size");
        } catch (const Error& e) {
            QCOMPARE(e.code(), ErrorCode::InvalidArgument);
        }
        std::vector<float> nan{0.0f, std::numeric_limits<float>::quiet_NaN(), 0.0f, 0.0f};
        try {
            s.sample(nan);
            QFAIL("no error for a NaN logit");
        } catch (const Error& e) {
            QCOMPARE(e.code(), ErrorCode::InvalidLogits);  // the app names a damaged model by this code
            // What a person sees when a damaged model computes NaN (the app's "The reply failed: ..."): what went
            // wrong and what to try, not the sampler's internals.
            const QString shown = QString::fromUtf8(e.what());
            QVERIFY2(shown.contains(QLatin1String("logit 1 is NaN")), qPrintable(shown));
            QVERIFY2(shown.contains(QLatin1String("weights are probably damaged")), qPrintable(shown));
            QVERIFY2(!shown.startsWith(QLatin1String("sampler:")), qPrintable(shown));
        }
        for (int id : {-1, 4}) {
            try {
                s.accept(id);
                QFAIL("no error");
            } catch (const Error& e) {
                QCOMPARE(e.code(), ErrorCode::InvalidToken);
            }
            try {
                s.ban(id);
                QFAIL("no error");
            } catch (const Error& e) {
                QCOMPARE(e.code(), ErrorCode::InvalidToken);
            }
        }
    }

    // A reply cut off after 15 tokens and continued (Sampler::replay, ChatSession's Continue): the sampler that replays
    // them draws the very tokens an uninterrupted one draws next, penalties and the random stream included — sampled,
    // greedy, and with penalties that change the pick.
    void replayContinuesAsTheUninterruptedRun() {
        SamplerParams withPenalties = no_penalty(1.0f, 0.9f, 0, 11);
        withPenalties.presence_penalty = 0.4f;
        withPenalties.frequency_penalty = 0.3f;
        for (const SamplerParams& p : {withPenalties, no_penalty(1.0f, 0.8f, 3, 5), no_penalty(0.0f, 0.3f)}) {
            const auto logitsAt = [](int step) {  // a distribution that moves with the step, as a model's does
                std::vector<float> l(10);
                for (int i = 0; i < 10; ++i) l[std::size_t(i)] = float(std::sin(0.7 * i + 0.3 * step)) * 2.0f;
                return l;
            };
            const auto run = [&](Sampler& s, int from, int to) {
                std::vector<std::int32_t> out;
                for (int step = from; step < to; ++step) {
                    std::vector<float> l = logitsAt(step);
                    out.push_back(s.sample(l));
                    s.accept(out.back());
                }
                return out;
            };
            Sampler whole(p, 10);
            const std::vector<std::int32_t> all = run(whole, 0, 40);
            const std::vector<std::int32_t> cut(all.begin(), all.begin() + 15);
            Sampler continued(p, 10);
            continued.replay(cut);
            QCOMPARE(run(continued, 15, 40), std::vector<std::int32_t>(all.begin() + 15, all.end()));
            if (p.temperature > 0) {  // without the replay the next tokens are others: the test can tell
                Sampler fresh(p, 10);
                QVERIFY(run(fresh, 15, 40) != std::vector<std::int32_t>(all.begin() + 15, all.end()));
            }
        }
        Sampler s(no_penalty(1.0f, 0.5f), 10);
        const std::vector<std::int32_t> outOfRange{3, 10};
        QVERIFY_THROWS_EXCEPTION(Error, s.replay(outOfRange));
    }
};

QTEST_APPLESS_MAIN(TestSampler)
#include "test_sampler.moc"
