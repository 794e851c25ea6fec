// Model::forward_batch on the CPU fp32 reference (the base-class default): B sequences of different lengths advanced
// together equal B forward() calls bit for bit, an empty logits span still advances the states (the fast path's own
// batched step: test_cpu_batch), and every input error is thrown before any state changes. forward_batch_sample's default
// picks what sample_token (and so a Sampler without penalties) picks from the logits forward_batch returns.
#include <QtTest>

#include <thread>

#include "golden.h"
#include "model_calls.h"
#include "rwkv/error.h"
#include "rwkv/model.h"
#include "rwkv/sampler.h"

using golden::error_code_of;
using golden::testdata;

class TestForwardBatch : public QObject {
    Q_OBJECT

    static void equalsSingle(rwkv::DType dt) {
        rwkv::LoadOptions o;
        o.weight_dtype = dt;
        auto m = rwkv::Model::load(testdata("tiny-rwkv7-834K.safetensors"), o);
        QVERIFY(!m->has_batched_decode());
        const std::size_t V = std::size_t(m->shape().vocab_size);
        std::vector<rwkv::State> batch, single;
        std::vector<float> logits(V);
        for (int b = 0; b < 4; ++b) {  // prompts of 0, 3, 6, 9 tokens
            rwkv::State s = m->new_state();
            std::vector<std::int32_t> prompt;
            for (int i = 0; i < 3 * b; ++i) prompt.push_back((b * 31 + i * 7) % 256);
            if (!prompt.empty()) m->forward(s, prompt, logits);
            batch.push_back(s.clone());
            single.push_back(std::move(s));
        }
        std::vector<rwkv::State*> ptrs;
        for (auto& s : batch) ptrs.push_back(&s);
        for (int step = 0; step < 3; ++step) {
            const std::vector<std::int32_t> ids = {10 + step, 200, 7 * step, 255};
            std::vector<float> all(4 * V);
            m->forward_batch(ptrs, ids, all);
            for (int b = 0; b < 4; ++b) {
                m->forward(single[std::size_t(b)], {ids.data() + b, 1}, logits);
                QVERIFY(std::equal(logits.begin(), logits.end(), all.begin() + std::ptrdiff_t(b * V)));
            }
        }
        for (int b = 0; b < 4; ++b) QCOMPARE(batch[std::size_t(b)].to_host(), single[std::size_t(b)].to_host());
        m->forward_batch(ptrs, std::vector<std::int32_t>{1, 2, 3, 4}, {});  // logits not wanted
        QVERIFY(batch[0].to_host() != single[0].to_host());
    }

private slots:
    void fp32EqualsSingle() { equalsSingle(rwkv::DType::F32); }

    // The default forward_batch_sample == forward_batch + sample_token per row (same ids, same streams, the same
    // logits when asked), and == a Sampler {temperature, top_p, seed, no penalties} on its first draw.
    void sampleEqualsSamplingTheLogits() {
        auto m = rwkv::Model::load(testdata("tiny-rwkv7-834K.safetensors"));
        const std::size_t V = std::size_t(m->shape().vocab_size), B = 5;
        std::vector<rwkv::State> a, c;
        for (std::size_t b = 0; b < B; ++b) {
            a.push_back(m->new_state());
            std::vector<float> l(V);
            m->forward(a.back(), std::vector<std::int32_t>{int(b) + 1, 40, int(7 * b)}, l);
            c.push_back(a.back().clone());
        }
        std::vector<rwkv::State*> pa, pc;
        for (std::size_t b = 0; b < B; ++b) pa.push_back(&a[b]), pc.push_back(&c[b]);
        const std::vector<rwkv::TokenSampling> rows = {{0.0f, 0.3f}, {1.0f, 0.3f}, {0.7f, 0.9f}, {1.5f, 1.0f}, {1.0f, 0.0f}};
        for (int step = 0; step < 4; ++step) {
            const std::vector<std::int32_t> ids = {3 + step, 100, 7 * step, 255, 31};
            std::vector<std::uint64_t> rng = {11, 22, 33, std::uint64_t(step), 0}, host = rng;
            std::vector<std::int32_t> next(B, -1);
            std::vector<float> got(B * V), want(B * V);
            m->forward_batch_sample(pa, ids, rows, rng, next, step % 2 ? std::span<float>(got) : std::span<float>());
            m->forward_batch(pc, ids, want);
            if (step % 2) QVERIFY(got == want);
            for (std::size_t b = 0; b < B; ++b) {
                const std::span<const float> row(want.data() + b * V, V);
                const std::uint64_t seed = host[b];
                QCOMPARE(next[b], rwkv::sample_token(row, rows[b], host[b]));
                rwkv::SamplerParams sp;
                sp.temperature = rows[b].temperature;
                sp.top_p = rows[b].top_p;
                sp.presence_penalty = sp.frequency_penalty = 0.0f;
                sp.seed = seed;
                rwkv::Sampler sampler(sp, int(V));
                std::vector<float> copy(row.begin(), row.end());
                QCOMPARE(next[b], sampler.sample(copy));
            }
            QCOMPARE(rng, host);  // rows 0 and 4 greedy: their streams did not move
            QCOMPARE(rng[0], std::uint64_t(11));
        }
        for (std::size_t b = 0; b < B; ++b) QCOMPARE(a[b].to_host(), c[b].to_host());
    }

    // forward_batch_sample's default starts threads only where the rows' work pays for them: a step of 3 rows of the
    // demo model's 256 logits on 3 threads cost 6x a single step (session 51's trial, `bench --batch 3`).
    void samplingThreadsOnlyWhereTheyPay() {
        using rwkv::Model;
        QCOMPARE(Model::sampling_threads(3, 256, 16), std::size_t(1));    // the demo model: one thread
        QCOMPARE(Model::sampling_threads(127, 256, 16), std::size_t(1));
        QCOMPARE(Model::sampling_threads(128, 256, 16), std::size_t(2));  // 2 x kSampleLogitsPerThread
        QCOMPARE(Model::sampling_threads(1, 65536, 16), std::size_t(1));  // never more threads than rows
        QCOMPARE(Model::sampling_threads(3, 65536, 16), std::size_t(3));  // a real vocabulary: one row each
        QCOMPARE(Model::sampling_threads(8, 65536, 2), std::size_t(2));   // never more than the hardware's
        QCOMPARE(Model::sampling_threads(8, 65536, 0), std::size_t(1));   // hardware_concurrency unknown
        QCOMPARE(Model::sampling_threads(0, 65536, 16), std::size_t(1));
    }

    // Enough rows of the demo model to be sampled on several threads: the same ids as sample_token row by row.
    void manyRowsOnThreadsPickTheSameIds() {
        auto m = rwkv::Model::load(testdata("tiny-rwkv7-834K.safetensors"));
        const std::size_t V = std::size_t(m->shape().vocab_size), B = 160;
        if (rwkv::Model::sampling_threads(B, V, std::thread::hardware_concurrency()) < 2)
            QSKIP("one hardware thread: nothing runs on threads here");
        std::vector<rwkv::State> a, c;
        for (std::size_t b = 0; b < B; ++b) a.push_back(m->new_state()), c.push_back(m->new_state());
        std::vector<rwkv::State*> pa, pc;
        for (std::size_t b = 0; b < B; ++b) pa.push_back(&a[b]), pc.push_back(&c[b]);
        std::vector<rwkv::TokenSampling> rows(B);
        std::vector<std::uint64_t> rng(B);
        for (std::size_t b = 0; b < B; ++b) {
            rows[b] = {b % 4 == 0 ? 0.0f : 0.5f + 0.1f * float(b % 7), 0.3f + 0.1f * float(b % 6)};
            rng[b] = 1000 + b;
        }
        std::vector<std::uint64_t> host = rng;
        for (int step = 0; step < 2; ++step) {
            std::vector<std::int32_t> ids(B), next(B, -1);
            for (std::size_t b = 0; b < B; ++b) ids[b] = std::int32_t((b * 37 + std::size_t(step) * 11) % V);
            std::vector<float> want(B * V);
            m->forward_batch_sample(pa, ids, rows, rng, next);
            m->forward_batch(pc, ids, want);
            for (std::size_t b = 0; b < B; ++b)
                QCOMPARE(next[b], rwkv::sample_token({want.data() + b * V, V}, rows[b], host[b]));
            QCOMPARE(rng, host);
        }
    }

    void sampleErrorsLeaveStatesUntouched() {
        auto m = rwkv::Model::load(testdata("tiny-rwkv7-834K.safetensors"));
        rwkv::State a = m->new_state(), b = m->new_state();
        const auto before = a.to_host();
        std::vector<rwkv::State*> two = {&a, &b};
        const std::vector<std::int32_t> ids = {5, 6};
        std::vector<std::uint64_t> rng(2), short_rng(1);
        std::vector<std::int32_t> next(2), short_next(1);
        const std::vector<rwkv::TokenSampling> three(3), one(1);
        const rwkv::TokenSampling negative{-0.5f, 0.3f}, inf_top_p{1.0f, INFINITY};
        QCOMPARE(error_code_of([&] { m->forward_batch_sample(two, ids, three, rng, next); }), rwkv::ErrorCode::InvalidArgument);
        QCOMPARE(error_code_of([&] { m->forward_batch_sample(two, ids, {}, rng, next); }), rwkv::ErrorCode::InvalidArgument);
        QCOMPARE(error_code_of([&] { m->forward_batch_sample(two, ids, {&negative, 1}, rng, next); }), rwkv::ErrorCode::InvalidArgument);
        QCOMPARE(error_code_of([&] { m->forward_batch_sample(two, ids, {&inf_top_p, 1}, rng, next); }), rwkv::ErrorCode::InvalidArgument);
        QCOMPARE(error_code_of([&] { m->forward_batch_sample(two, ids, one, short_rng, next); }), rwkv::ErrorCode::InvalidArgument);
        QCOMPARE(error_code_of([&] { m->forward_batch_sample(two, ids, one, rng, short_next); }), rwkv::ErrorCode::InvalidArgument);
        QCOMPARE(error_code_of([&] { m->forward_batch_sample(two, std::vector<std::int32_t>{5, 256}, one, rng, next); }),
                 rwkv::ErrorCode::InvalidToken);
        QCOMPARE(a.to_host(), before);
        QCOMPARE(b.to_host(), m->new_state().to_host());
    }

    void errorsLeaveStatesUntouched() {
        auto m = rwkv::Model::load(testdata("tiny-rwkv7-834K.safetensors"));
        const std::size_t V = std::size_t(m->shape().vocab_size);
        rwkv::State a = m->new_state(), b = m->new_state();
        std::vector<float> one(V);
        m->forward(a, std::vector<std::int32_t>{1, 2, 3}, one);
        const auto before = a.to_host();
        std::vector<float> logits(2 * V), short_logits(V);
        std::vector<rwkv::State*> dup = {&a, &a}, two = {&b, &a}, with_null = {&a, nullptr}, none;
        const std::vector<std::int32_t> ids = {5, 6};
        QCOMPARE(error_code_of([&] { m->forward_batch(dup, ids, logits); }), rwkv::ErrorCode::InvalidArgument);
        QCOMPARE(error_code_of([&] { m->forward_batch(with_null, ids, logits); }), rwkv::ErrorCode::InvalidArgument);
        QCOMPARE(error_code_of([&] { m->forward_batch(none, {}, {}); }), rwkv::ErrorCode::InvalidArgument);
        QCOMPARE(error_code_of([&] { m->forward_batch(two, std::vector<std::int32_t>{5}, logits); }),
                 rwkv::ErrorCode::InvalidArgument);
        QCOMPARE(error_code_of([&] { m->forward_batch(two, std::vector<std::int32_t>{5, 256}, logits); }),
                 rwkv::ErrorCode::InvalidToken);
        QCOMPARE(error_code_of([&] { m->forward_batch(two, ids, short_logits); }), rwkv::ErrorCode::InvalidArgument);
        auto other = rwkv::Model::load(testdata("rand-rwkv7-L3-D128.safetensors"));
        rwkv::State foreign = other->new_state();
        std::vector<rwkv::State*> mixed = {&a, &foreign};
        QCOMPARE(error_code_of([&] { m->forward_batch(mixed, ids, logits); }), rwkv::ErrorCode::StateMismatch);
        QCOMPARE(a.to_host(), before);  // no error above touched a state (b was first in `two`)
        QCOMPARE(b.to_host(), m->new_state().to_host());
    }
};

QTEST_APPLESS_MAIN(TestForwardBatch)
#include "test_forward_batch.moc"
