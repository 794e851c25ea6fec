// The Vulkan rows path (engine/src/vulkan/vk_rows.*: tiled GEMMs over rows, per-row LayerNorm / token shift, the
// WKV-7 scan per sequence) on whatever Vulkan device is present (lavapipe in CI): chunked prefill equals the
// token-by-token recorded step, batched decode of B sequences of different lengths equals B single decodes,
// fp16 weights on both sides, so only the fp32 summation order differs (limits below). Chunk sizes give
// bit-identical results (each row's sums run in the same order whatever the chunk). Without a usable Vulkan device
// every test QSKIPs. The goldens (test_vulkan_forward) run through this path too: prompts of several tokens
// prefill through it.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <utility>

#include "engine/golden.h"
#include "engine/model_calls.h"
#include "rwkv/error.h"
#include "rwkv/model.h"
#include "vulkan/vk_context.h"
#include "vulkan/vk_model.h"
#include "vk_test_model.h"

using golden::forward_logits;
using golden::testdata;

namespace {

constexpr double kLogitTol = 2e-3;  // rows vs step: fp32 sums in another order (measured: see the qInfo lines)
constexpr double kStateTol = 2e-3;  // scaled by (1 + |reference|)
// Devices whose rows path runs tensor-core GEMMs (cooperative matrices: NVIDIA) feed them fp16 activations (x rounded
// to fp16, 2^-11 relative) where the step's matvecs read fp32 x: rows vs step is then an fp16 difference, bounded by
// the fp16 tolerance as CUDA's batched == single is (1e-2). Measured on the H200 (session 42): logits up to
// 3.8e-3, state 1.6e-3 scaled — over the fp32-order bound above, which lavapipe (fp32 tiled GEMMs) keeps.
constexpr double kCoopTol = 1e-2;

bool coop_gemms(const rwkv::Model& m) {
    return rwkv::vk::model_stats(m).kernels.find("coop gemm") != std::string::npos;
}
// The vocabulary of the random L3-D128 model in the checks that compare two ways of running it (vk_test_model.h
// read_weights): its layers whole, its batched head 1,000 rows (a 40-column edge tile) instead of 65,536.
constexpr int kCutVocab = 1000;

std::unique_ptr<rwkv::Model> load_vk(const std::string& file, int rows_prefill, int vocab = 0) {
    rwkv::vk::ModelConfig cfg;
    cfg.rows_prefill = rows_prefill;
    return vktest::load_vulkan_f16(file, cfg, vocab);
}

std::vector<std::int32_t> ids_of(int n, int salt, int vocab) {
    std::vector<std::int32_t> v;
    for (int i = 0; i < n; ++i) v.push_back((i * 37 + salt * 101 + 11) % vocab);
    return v;
}

void check_close(const char* what, const std::vector<float>& got, const std::vector<float>& want, double tol) {
    QCOMPARE(got.size(), want.size());
    for (float g : got) QVERIFY2(std::isfinite(g), what);
    const double d = golden::max_scaled_diff(got, want);
    qInfo("%s: max scaled diff %.3g", what, d);
    QVERIFY2(d <= tol, qPrintable(QString("%1: diff %2 > %3").arg(what).arg(d).arg(tol)));
}

}  // namespace

class TestVulkanRows : public QObject {
    Q_OBJECT
    bool device_ = false;

private slots:
    void initTestCase() { device_ = vktest::have_vulkan_device(); }

    // A 70-token prompt (3 chunks of the rows path) against the recorded step token by token. The random model's
    // layers with its vocabulary cut (kCutVocab): each of the 7 heads here read 65,536 rows before session 43.
    void prefillEqualsTokenByToken() {
        if (!device_) QSKIP("no usable Vulkan device");
        for (const char* file : {"rand-rwkv7-L3-D128.safetensors", "tiny-rwkv7-834K.safetensors"}) {
            const int vocab = std::string(file).rfind("rand-", 0) == 0 ? kCutVocab : 0;
            auto rows = load_vk(file, 1, vocab), step = load_vk(file, 0, vocab);
            const int V = rows->shape().vocab_size;
            const auto ids = ids_of(70, 1, V);
            rwkv::State a = rows->new_state(), b = step->new_state();
            const auto la = forward_logits(*rows, a, ids, 32);
            const auto lb = forward_logits(*step, b, ids);
            const bool coop = coop_gemms(*rows);
            check_close((std::string(file) + " prefill logits").c_str(), la, lb, coop ? kCoopTol : kLogitTol);
            check_close((std::string(file) + " prefill state").c_str(), a.to_host(), b.to_host(), coop ? kCoopTol : kStateTol);
            QVERIFY(rwkv::vk::model_stats(*rows).rows_dispatches > 0);
            QCOMPARE(rwkv::vk::model_stats(*step).rows_dispatches, std::size_t(0));
            // Chunks of 32 and of 19 (19, 19, 19, 13: other chunk edges, 13 and 3 padding rows): bit for bit; then
            // decode continues from the rows-path state.
            rwkv::State c = rows->new_state();
            QCOMPARE(forward_logits(*rows, c, ids, 19), la);
            QCOMPARE(c.to_host(), a.to_host());
            // One chunk of 70 (the 128-row bucket, 58 padding rows): bit for bit as well where one GEMM kernel serves
            // every chunk size (lavapipe). With tensor-core GEMMs, chunks above 64 rows take the tiled cooperative
            // GEMM and smaller ones the few-rows GEMM (vk_rows.cpp), two kernels on fp16 operands: measured on the
            // H100 (session 42) logits 2.7e-3, state 1.3e-3 scaled apart, over the fp32-order bound, so the fp16 one.
            rwkv::State d = rows->new_state();
            const auto ld = forward_logits(*rows, d, ids, 70);
            if (coop) {
                check_close("one chunk of 70 vs chunks of 32 (tensor-core gemms)", ld, la, kCoopTol);
                check_close("one chunk of 70 vs chunks of 32, state", d.to_host(), a.to_host(), kCoopTol);
            } else {
                QCOMPARE(ld, la);
                QCOMPARE(d.to_host(), a.to_host());
            }
            check_close("decode after rows prefill", forward_logits(*rows, a, {5}), forward_logits(*step, b, {5}),
                        coop ? kCoopTol : kLogitTol);
        }
    }

    // B = 5 sequences with prefixes of different lengths (0 .. 23 tokens) decoded together for 3 steps equal each
    // sequence decoded alone; an empty logits span advances the states all the same. The random model's layers with
    // its vocabulary cut (kCutVocab): the batched head is the same GEMM on fewer columns.
    void batchedDecodeEqualsSingleRuns() {
        if (!device_) QSKIP("no usable Vulkan device");
        auto m = load_vk("rand-rwkv7-L3-D128.safetensors", 1, kCutVocab);
        QVERIFY(m->has_batched_decode());
        const int V = m->shape().vocab_size;
        const std::vector<int> lengths = {0, 1, 9, 23, 4};
        const std::size_t B = lengths.size();
        std::vector<rwkv::State> batch, single;
        for (std::size_t b = 0; b < B; ++b) {
            batch.push_back(m->new_state());
            if (lengths[b] > 0) forward_logits(*m, batch.back(), ids_of(lengths[b], int(b) + 2, V));
            single.push_back(batch.back().clone());
        }
        std::vector<rwkv::State*> ptrs;
        for (auto& s : batch) ptrs.push_back(&s);
        std::vector<float> logits(B * std::size_t(V));
        for (int step = 0; step < 3; ++step) {
            std::vector<std::int32_t> toks;
            for (std::size_t b = 0; b < B; ++b) toks.push_back((step * 13 + int(b) * 7 + 3) % V);
            if (step == 1) {
                m->forward_batch(ptrs, toks, {});
                for (std::size_t b = 0; b < B; ++b) forward_logits(*m, single[b], {toks[b]});
                continue;
            }
            m->forward_batch(ptrs, toks, logits);
            for (std::size_t b = 0; b < B; ++b) {
                const auto want = forward_logits(*m, single[b], {toks[b]});
                const std::vector<float> got(logits.begin() + std::ptrdiff_t(b * std::size_t(V)),
                                             logits.begin() + std::ptrdiff_t((b + 1) * std::size_t(V)));
                check_close(qPrintable(QString("batch row %1 step %2").arg(b).arg(step)), got, want,
                            coop_gemms(*m) ? kCoopTol : kLogitTol);
            }
        }
        for (std::size_t b = 0; b < B; ++b)
            check_close("batch state", batch[b].to_host(), single[b].to_host(), coop_gemms(*m) ? kCoopTol : kStateTol);
    }

    // Logits in memory pinned through the model (VK_EXT_external_memory_host: the device copies them there itself)
    // equal the logits copied out of the readback buffer, bit for bit, also at an offset inside the pinned span (the
    // cut vocabulary: 3 rows of 1,000 logits, 12 KB over 4 pages).
    void batchedLogitsIntoPinnedMemory() {
        if (!device_) QSKIP("no usable Vulkan device");
        auto m = load_vk("rand-rwkv7-L3-D128.safetensors", 1, kCutVocab);
        const std::size_t V = std::size_t(m->shape().vocab_size), B = 3;
        std::vector<rwkv::State> a, b;
        for (std::size_t i = 0; i < B; ++i) {
            a.push_back(m->new_state());
            forward_logits(*m, a.back(), ids_of(int(i) + 2, int(i) + 1, int(V)));
            b.push_back(a.back().clone());
        }
        std::vector<rwkv::State*> pa, pb;
        for (std::size_t i = 0; i < B; ++i) pa.push_back(&a[i]), pb.push_back(&b[i]);
        std::vector<float> plain(B * V), pinned_buf(B * V + 37, -1.0f);
        auto inner = [&] {
            return std::vector<float>(pinned_buf.begin() + 17, pinned_buf.begin() + 17 + std::ptrdiff_t(B * V));
        };
        const auto bytes = std::as_writable_bytes(std::span<float>(pinned_buf));
        const bool pinned = m->pin_host_memory(bytes);
        qInfo("host memory import: %s", pinned ? "yes" : "no (readback path twice)");
        for (int step = 0; step < 2; ++step) {
            const std::vector<std::int32_t> toks = {std::int32_t(step + 4), 11, std::int32_t(V) - 1};
            m->forward_batch(pa, toks, plain);
            m->forward_batch(pb, toks, std::span<float>(pinned_buf).subspan(17, B * V));
            QCOMPARE(inner(), plain);
            QCOMPARE(pinned_buf[16], -1.0f);  // nothing written around the span
            QCOMPARE(pinned_buf[17 + B * V], -1.0f);
        }
        if (pinned) m->unpin_host_memory(bytes);
        const std::vector<std::int32_t> last = {1, 2, 3};
        m->forward_batch(pb, last, std::span<float>(pinned_buf).subspan(17, B * V));  // after unpinning
        m->forward_batch(pa, last, plain);
        QCOMPARE(inner(), plain);
    }

    // The fp16 WKV state of batched decode (Model::set_batch_state_dtype(F16), by address only): the goldens of the
    // rand-L3-D128 model up to 60 tokens decoded token by token as one batch (a sequence that has ended is snapshot
    // by clone() and goes on with token 7, so the batch keeps its size; en_then_zh_ids enters the fp16 form from a
    // nonzero fp32 state) meet the goldens' fp16-weight tolerance (logits 0.05, state 1e-2 scaled, same top token)
    // and, in the first kFp32Steps steps, stay within 0.05 of the same batch with the fp32 state (max |dlogit| printed).
    // That comparison of two ways of running the model's layers runs on the model with its vocabulary cut (kCutVocab:
    // its logits are the whole model's first 1,000), a twin of the batch from the same starting states with each
    // golden id taken modulo 1,000 (the cut model has no others); the whole
    // model's batch asks for logits (the 65,536-row head, ~3 of the ~3.4 CPU-seconds of a step on lavapipe) only at
    // each case's last step, the others advance the states alone (the same body, an empty logits span). Until
    // session 43 the whole model ran the fp32 twin too, and logits at its first 4 steps: 11 heads instead of 3. A state
    // leaving the fp16 form is widened exactly: on the host (to_host) and on the device (forward() of a clone) they
    // agree bit for bit. (The long decodes, mixed300 and the tiny model's, run on the GPU machine:
    // docs/perf/vulkan-batched.md "Rows path v23".)
    void batchedDecodeFp16State() {
        if (!device_) QSKIP("no usable Vulkan device");
        // Batched decode in the fp16 state always takes the one-pass step (RWKV_VK_WKV_ROWS pins prefill's form only):
        // test_vulkan_rows_single_sg runs the same shaders; on lavapipe this check is most of the executable's time.
        if (qEnvironmentVariable("RWKV_VK_WKV_ROWS") == QLatin1String("split"))
            QSKIP("the split-form variant decodes the fp16 state as test_vulkan_rows_single_sg does");
        const auto idx = golden::index();
        const std::string model_id = "rand-L3-D128", file = "rand-rwkv7-L3-D128.safetensors";
        auto m = load_vk(file, 1);
        QCOMPARE(m->batch_state_dtype(), rwkv::DType::F32);
        try {  // refused where the rows path has no buffer device addresses (RWKV_VK_BDA=0: test_vulkan_rows_copy)
            m->set_batch_state_dtype(rwkv::DType::F16);
            m->set_batch_state_dtype(rwkv::DType::F32);
        } catch (const rwkv::Error& e) {
            QCOMPARE(e.code(), rwkv::ErrorCode::InvalidArgument);
            qInfo("%s", e.what());
            QSKIP("the fp16 batched-decode state is refused on this device");
        }
        auto cut = load_vk(file, 1, kCutVocab);
        const std::size_t V = std::size_t(m->shape().vocab_size), VC = std::size_t(kCutVocab);
        struct Case {
            std::string id;
            std::vector<std::int32_t> ids;
            nlohmann::json json;
        };
        std::vector<Case> cases;
        std::vector<rwkv::State> s16, c16, c32;  // the whole model's fp16 batch; the cut model's fp16 and fp32 twins
        for (const auto& c : idx["cases"]) {
            if (c["model"] != model_id) continue;
            std::vector<std::int32_t> ids = c["token_ids"].get<std::vector<std::int32_t>>();
            if (ids.size() > 60) continue;
            s16.push_back(m->new_state());
            c16.push_back(cut->new_state());
            if (c["id"] == "en_then_zh_ids") {
                ids.erase(ids.begin(), ids.begin() + 25);
                const auto en = golden::read_f32(testdata("golden/rand-L3-D128__en.state.f32"));
                s16.back().from_host(en);
                c16.back().from_host(en);
            }
            c32.push_back(c16.back().clone());
            cases.push_back({c["id"].get<std::string>(), ids, c});
        }
        QVERIFY(!cases.empty());
        std::size_t longest = 0;
        for (const Case& c : cases) longest = std::max(longest, c.ids.size());
        std::vector<std::vector<float>> last(cases.size());
        std::vector<rwkv::State> snap(cases.size());
        std::vector<rwkv::State*> p16, q16, q32;
        for (std::size_t i = 0; i < cases.size(); ++i) p16.push_back(&s16[i]), q16.push_back(&c16[i]), q32.push_back(&c32[i]);
        std::vector<float> l16(cases.size() * V), k16(cases.size() * VC), k32(cases.size() * VC);
        double worst = 0;  // fp16 vs fp32 state, each of the first kFp32Steps steps' logits
        constexpr std::size_t kFp32Steps = 4;
        for (std::size_t t = 0; t < longest; ++t) {
            std::vector<std::int32_t> toks;
            for (const Case& c : cases) toks.push_back(t < c.ids.size() ? c.ids[t] : 7);
            if (t < kFp32Steps) {
                std::vector<std::int32_t> cut_toks;
                for (std::int32_t id : toks) cut_toks.push_back(id % kCutVocab);
                cut->set_batch_state_dtype(rwkv::DType::F16);
                cut->forward_batch(q16, cut_toks, k16);
                cut->set_batch_state_dtype(rwkv::DType::F32);
                cut->forward_batch(q32, cut_toks, k32);
                for (float x : k16) QVERIFY(std::isfinite(x));
                worst = std::max(worst, golden::max_abs_diff(k16, k32));
            }
            bool checked = false;  // a case's last step: the whole model's logits are compared with the golden's
            for (const Case& c : cases) checked = checked || t + 1 == c.ids.size();
            m->set_batch_state_dtype(rwkv::DType::F16);
            QCOMPARE(m->batch_state_dtype(), rwkv::DType::F16);
            if (!checked) {
                m->forward_batch(p16, toks, {});
                continue;
            }
            m->forward_batch(p16, toks, l16);
            for (float x : l16) QVERIFY(std::isfinite(x));
            for (std::size_t i = 0; i < cases.size(); ++i) {
                if (t + 1 != cases[i].ids.size()) continue;
                last[i].assign(l16.begin() + std::ptrdiff_t(i * V), l16.begin() + std::ptrdiff_t((i + 1) * V));
                snap[i] = s16[i].clone();  // in the fp16 form: clone copies the fp16 copy
            }
        }
        qInfo("%s: fp16 vs fp32 batched state, max |dlogit| over %zu steps: %.3g", model_id.c_str(), kFp32Steps, worst);
        QVERIFY2(worst <= 0.05, qPrintable(QString("fp16 state drifts: %1").arg(worst)));
        for (std::size_t i = 0; i < cases.size(); ++i) {
            const auto gl = golden::read_f32(testdata("golden/" + cases[i].json["logits_file"].get<std::string>()));
            const auto gs = golden::read_f32(testdata("golden/" + cases[i].json["state_file"].get<std::string>()));
            const auto st = snap[i].to_host();
            const double dl = golden::max_abs_diff(last[i], gl), ds = golden::max_scaled_diff(st, gs);
            qInfo("%s %s (%zu steps, fp16 state): max |dlogit| %.3g, state %.3g", model_id.c_str(), cases[i].id.c_str(),
                  cases[i].ids.size(), dl, ds);
            QVERIFY2(dl <= 0.05 && ds <= 1e-2, qPrintable(QString::fromStdString(cases[i].id)));
            const auto top = std::max_element(last[i].begin(), last[i].end()) - last[i].begin();
            QCOMPARE(std::int64_t(top), cases[i].json["top5_ids"][0].get<std::int64_t>());
        }
        // Leaving the fp16 form: widened on the device (forward of a clone) == widened on the host (to_host).
        rwkv::State a = s16[0].clone(), b = m->new_state();
        b.from_host(s16[0].to_host());
        QCOMPARE(a.to_host(), b.to_host());
        QCOMPARE(forward_logits(*m, a, {7}), forward_logits(*m, b, {7}));
        QCOMPARE(a.to_host(), b.to_host());
    }

    // The cut vocabulary of the checks above (vk_test_model.h read_weights): the whole model's layers, its first
    // kCutVocab logits, bit for bit (a prefill through the rows path, then a step).
    void cutVocabularyKeepsTheLayers() {
        if (!device_) QSKIP("no usable Vulkan device");
        auto whole = load_vk("rand-rwkv7-L3-D128.safetensors", 1), cut = load_vk("rand-rwkv7-L3-D128.safetensors", 1, kCutVocab);
        QCOMPARE(cut->shape().vocab_size, kCutVocab);
        QCOMPARE(whole->shape().vocab_size, 65536);
        rwkv::State a = whole->new_state(), b = cut->new_state();
        for (const auto& ids : {ids_of(9, 3, kCutVocab), std::vector<std::int32_t>{kCutVocab - 1}}) {
            const auto lw = forward_logits(*whole, a, ids), lc = forward_logits(*cut, b, ids);
            QCOMPARE(lc, std::vector<float>(lw.begin(), lw.begin() + kCutVocab));
            QCOMPARE(b.to_host(), a.to_host());
        }
    }

    // Repeated or foreign states are refused before any submission.
    void batchRefusesBadInput() {
        if (!device_) QSKIP("no usable Vulkan device");
        auto m = load_vk("tiny-rwkv7-834K.safetensors", 1);
        rwkv::State a = m->new_state();
        const std::size_t before = rwkv::vk::model_stats(*m).submissions;
        std::vector<rwkv::State*> twice = {&a, &a};
        std::vector<std::int32_t> toks = {1, 2};
        QVERIFY_THROWS_EXCEPTION(rwkv::Error, m->forward_batch(twice, toks, {}));
        auto cpu = rwkv::Model::load(testdata("tiny-rwkv7-834K.pth"));
        rwkv::State c = cpu->new_state();
        std::vector<rwkv::State*> mixed = {&a, &c};
        QVERIFY_THROWS_EXCEPTION(rwkv::Error, m->forward_batch(mixed, toks, {}));
        QCOMPARE(rwkv::vk::model_stats(*m).submissions, before);
    }
};

QTEST_GUILESS_MAIN(TestVulkanRows)
#include "test_vulkan_rows.moc"
