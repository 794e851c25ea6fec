// The Vulkan device sampler (kernels/vulkan/sample.comp: Model::forward_batch_sample picks each row's next token on
// the device and reads back only the ids) against the host's rwkv::sample_token, on whatever Vulkan device is
// present (lavapipe in CI; tests/gpu/test_vulkan_coop runs the same checks on the GPU machine). The checks are
// tests/engine/sample_rows_check.h's (shared with tests/gpu/test_cuda_rows): 672 synthetic rows (ties, bans, NaN,
// all -inf, peaked, flat, crowded) at V = 65,536
// and 1,003 through the kernel alone, then forward_batch_sample (B = 37) against forward_batch + sample_token, each
// sampler form, on the rand model's layers with its vocabulary cut to 1,000 ids. Without a device, or on a device
// without shaderFloat64 / shaderInt64 (the host samples there, and the test says so), the tests QSKIP.
#include <QtTest>

#include <cstring>
#include <map>

#include "engine/golden.h"
#include "engine/sample_rows_check.h"
#include "rwkv/error.h"
#include "rwkv/model.h"
#include "vulkan/ops.h"
#include "vulkan/vk_context.h"
#include "vulkan/vk_model.h"
#include "vk_test_model.h"

using golden::testdata;

namespace {

std::unique_ptr<rwkv::Model> load_vk() {
    if (!vktest::have_vulkan_device()) return nullptr;
    return vktest::load_vulkan_f16("rand-rwkv7-L3-D128.safetensors");
}

}  // namespace

class TestVulkanSample : public QObject {
    Q_OBJECT
    std::unique_ptr<rwkv::Model> m_;
    std::unique_ptr<rwkv::Model> cut_;  // cut(): m_'s file with its vocabulary cut to 1,000 ids

    // The random model's layers with its vocabulary cut to 1,000 ids (vk_test_model.h read_weights): the model the
    // forward_batch_sample checks run on, loaded once.
    rwkv::Model& cut() {
        if (!cut_) cut_ = vktest::load_vulkan_f16("rand-rwkv7-L3-D128.safetensors", {}, 1000);
        return *cut_;
    }

    // The synthetic rows of one V, the 24 rows tied at the nucleus edge after them (keepExpMatchesSampleComp), and
    // the default form's ids on all of them: kernelMatchesSampleToken checks the synthetic rows' ids against the
    // host's, keepExpMatchesSampleComp all of them against the other forms. Made once per V (the rows' host answers,
    // sample_token over 672 rows of 65,536, and a pass of the kernel over them, seconds each on lavapipe).
    struct Sampled {
        samplecheck::Rows rows;  // synthetic, then the tied rows
        std::size_t synthetic = 0;
        std::vector<std::int32_t> ids;  // the default form's (RWKV_VK_SAMPLE_EXP unset)
    };
    std::map<int, Sampled> sampled_;

    bool ready() {
        if (!m_) return false;
        const std::vector<float> row(3, 0.0f);
        const rwkv::TokenSampling g{0.0f, 0.3f};
        return !rwkv::vk::sample_rows_for_test(*m_, row, 3, {&g, 1}, std::vector<double>{0.0}).empty();
    }

    const Sampled& sampled(int V) {
        auto it = sampled_.find(V);
        if (it != sampled_.end()) return it->second;
        Sampled s;
        s.rows = samplecheck::synthetic_rows(V);
        s.synthetic = s.rows.settings.size();
        // rows whose nucleus edge falls among equal probabilities (ties at the cut) with top_p 0.5 / 1
        for (int k = 0; k < 24; ++k) {
            for (int i = 0; i < V; ++i) s.rows.logits.push_back(float((i * 7 + k) % 5) * 0.5f);
            s.rows.settings.push_back({k % 3 == 0 ? 1.0f : 0.8f, k % 2 ? 0.5f : 1.0f});
            s.rows.u.push_back((k + 0.5) / 24.0);
        }
        qunsetenv("RWKV_VK_SAMPLE_EXP");
        s.ids = rwkv::vk::sample_rows_for_test(*m_, s.rows.logits, std::size_t(V), s.rows.settings, s.rows.u);
        return sampled_.emplace(V, std::move(s)).first->second;
    }

private slots:
    void initTestCase() { m_ = load_vk(); }

    void kernelMatchesSampleToken_data() {
        QTest::addColumn<int>("V");
        QTest::newRow("V=65536") << 65536;
        QTest::newRow("V=1003") << 1003;
    }
    // The default form (RWKV_VK_SAMPLE_EXP unset, 1: sample_keep_exp.comp) on the synthetic rows (the first 672 of
    // sampled(V): a row's id depends on that row alone, keepExpMatchesSampleComp's rows after them change nothing).
    void kernelMatchesSampleToken() {
        QFETCH(int, V);
        if (!ready()) QSKIP("no Vulkan device that samples (fp64 + int64)");
        const Sampled& s = sampled(V);
        samplecheck::Rows rows = s.rows;
        rows.logits.resize(s.synthetic * std::size_t(V));
        rows.settings.resize(s.synthetic);
        rows.u.resize(s.synthetic);
        QCOMPARE(rows.host.size(), s.synthetic);
        QCOMPARE(s.ids.size(), s.rows.settings.size());
        const std::vector<std::int32_t> ids(s.ids.begin(), s.ids.begin() + std::ptrdiff_t(s.synthetic));
        const samplecheck::Result r = samplecheck::compare(rows, ids);
        qInfo("V=%d: %s", V, r.summary().c_str());
        QVERIFY2(r.ok(), r.summary().c_str());
    }

    // RWKV_VK_SAMPLE_EXP=1 / 2 (sample_keep_exp.comp: the nucleus passes read the softmax pass's exp rows back;
    // sample_keep_exp_draw.comp: the draw's sums too) pick the same ids as sample.comp on every synthetic row (ties,
    // NaN, all -inf, greedy, top_p 0 / tiny / 1) and on rows tied at the nucleus edge, bit for bit. Form 1 is the
    // default: its ids are sampled(V)'s (one pass of the kernel for both tests).
    void keepExpMatchesSampleComp_data() { kernelMatchesSampleToken_data(); }
    void keepExpMatchesSampleComp() {
        QFETCH(int, V);
        if (!ready()) QSKIP("no Vulkan device that samples (fp64 + int64)");
        const Sampled& s = sampled(V);
        const samplecheck::Rows& rows = s.rows;
        qputenv("RWKV_VK_SAMPLE_EXP", "0");  // sample.comp, the reference
        const auto base = rwkv::vk::sample_rows_for_test(*m_, rows.logits, std::size_t(V), rows.settings, rows.u);
        qunsetenv("RWKV_VK_SAMPLE_EXP");
        QCOMPARE(rwkv::vk::sample_keeps_exp(), 1);  // the default (v26)
        for (const char* knob : {"1", "2"}) {
            std::vector<std::int32_t> kept = s.ids;  // "1": the default's
            if (std::strcmp(knob, "1") != 0) {
                qputenv("RWKV_VK_SAMPLE_EXP", knob);
                kept = rwkv::vk::sample_rows_for_test(*m_, rows.logits, std::size_t(V), rows.settings, rows.u);
                qunsetenv("RWKV_VK_SAMPLE_EXP");
            }
            QCOMPARE(kept.size(), rows.settings.size());
            int differ = 0;
            for (std::size_t r = 0; r < kept.size(); ++r) differ += kept[r] != base[r];
            qInfo("RWKV_VK_SAMPLE_EXP=%s, V=%d: %zu rows (%zu synthetic), %d ids differ", knob, V, kept.size(),
                  s.synthetic, differ);
            QCOMPARE(differ, 0);
        }
    }

    // forward_batch_sample with the default form (1) against forward_batch + sample_token (model_check), on the random
    // model's layers with its vocabulary cut to 1,000 ids. model_check compares two ways of running the same layers
    // and head on the same states: the logits bit for bit, the ids, the streams, the rows' independence; none of it
    // depends on how many rows the head has. The sampler itself on rows of 65,536 ids is kernelMatchesSampleToken's
    // and keepExpMatchesSampleComp's (672 + 24 rows, every form); the 65,536-row batched head is checked against the
    // goldens by test_vulkan_rows batchedDecodeFp16State, and the cut model's logits are the whole model's first 1,000
    // (test_vulkan_rows cutVocabularyKeepsTheLayers). On the whole model (until session 44) its 11 batched heads of
    // 65,536 rows were ~35 s of lavapipe.
    void forwardBatchSampleMatchesHost() {
        if (!ready()) QSKIP("no Vulkan device that samples (fp64 + int64)");
        QCOMPARE(cut().shape().vocab_size, 1000);
        const samplecheck::ModelResult r = samplecheck::model_check(cut(), 37, true);
        qInfo("%s", r.summary().c_str());
        QVERIFY2(r.ok(), r.summary().c_str());
        // a row of NaN logits is refused like sample_token's, after the step
        const std::vector<float> bad(4, NAN);
        const std::vector<rwkv::TokenSampling> st(2, {1.0f, 0.3f});
        const auto ids = rwkv::vk::sample_rows_for_test(*m_, bad, 2, st, std::vector<double>{0.5, 0.5});
        QCOMPARE(ids, (std::vector<std::int32_t>{-1, -1}));
    }

    // The batched path with the other sampler forms (the default, 1, checked above), on the same cut model: the forms
    // differ in the sampler alone (their ids on rows of 65,536 and 1,003: keepExpMatchesSampleComp).
    void forwardBatchSampleKeepExp() {
        if (!ready()) QSKIP("no Vulkan device that samples (fp64 + int64)");
        for (const char* knob : {"0", "2"}) {
            qputenv("RWKV_VK_SAMPLE_EXP", knob);
            const samplecheck::ModelResult r = samplecheck::model_check(cut(), 37, true);
            qunsetenv("RWKV_VK_SAMPLE_EXP");
            qInfo("RWKV_VK_SAMPLE_EXP=%s: %s", knob, r.summary().c_str());
            QVERIFY2(r.ok(), r.summary().c_str());
        }
    }

    void cleanupTestCase() {
        sampled_.clear();
        cut_.reset();
        m_.reset();
    }
};

QTEST_GUILESS_MAIN(TestVulkanSample)
#include "test_vulkan_sample.moc"
