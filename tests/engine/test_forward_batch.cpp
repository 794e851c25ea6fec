// Model::forward_batch on the CPU backends (the base-class default): B sequences of different lengths advanced
// together equal B forward() calls bit for bit (fp32 reference and fp16 fast path), an empty logits span still
// advances the states, and every input error is thrown before any state changes.
#include <QtTest>

#include "golden.h"
#include "rwkv/error.h"
#include "rwkv/model.h"

using golden::testdata;

class TestForwardBatch : public QObject {
    Q_OBJECT

    static rwkv::ErrorCode codeOf(const std::function<void()>& f) {
        try {
            f();
        } catch (const rwkv::Error& e) {
            return e.code();
        }
        return rwkv::ErrorCode::Internal;  // "did not throw"
    }

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
    void fp16EqualsSingle() { equalsSingle(rwkv::DType::F16); }

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
        QCOMPARE(codeOf([&] { m->forward_batch(dup, ids, logits); }), rwkv::ErrorCode::InvalidArgument);
        QCOMPARE(codeOf([&] { m->forward_batch(with_null, ids, logits); }), rwkv::ErrorCode::InvalidArgument);
        QCOMPARE(codeOf([&] { m->forward_batch(none, {}, {}); }), rwkv::ErrorCode::InvalidArgument);
        QCOMPARE(codeOf([&] { m->forward_batch(two, std::vector<std::int32_t>{5}, logits); }),
                 rwkv::ErrorCode::InvalidArgument);
        QCOMPARE(codeOf([&] { m->forward_batch(two, std::vector<std::int32_t>{5, 256}, logits); }),
                 rwkv::ErrorCode::InvalidToken);
        QCOMPARE(codeOf([&] { m->forward_batch(two, ids, short_logits); }), rwkv::ErrorCode::InvalidArgument);
        auto other = rwkv::Model::load(testdata("rand-rwkv7-L3-D128.safetensors"));
        rwkv::State foreign = other->new_state();
        std::vector<rwkv::State*> mixed = {&a, &foreign};
        QCOMPARE(codeOf([&] { m->forward_batch(mixed, ids, logits); }), rwkv::ErrorCode::StateMismatch);
        QCOMPARE(a.to_host(), before);  // no error above touched a state (b was first in `two`)
        QCOMPARE(b.to_host(), m->new_state().to_host());
    }
};

QTEST_APPLESS_MAIN(TestForwardBatch)
#include "test_forward_batch.moc"
