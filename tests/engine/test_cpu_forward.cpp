// The CPU fp32 reference forward pass against the fp64 goldens (golden/index.json), for every file of every
// golden model, plus rwkv.cpp's own tiny-model check and input validation; a NaN or infinity among the weights is
// refused at the load in every dtype of the CPU backend (fp32, fp16, bf16, int8).
// Tolerance: 1e-4 max-abs on logits and 1e-4*(1+|g|) on the state — the index's guidance for an fp32
// engine (a plain fp32 run of the same algorithm differs from the fp64 goldens by <= 1.4e-5).
#include <QtTest>

#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <utility>

#include "cancel_probe.h"
#include "golden.h"
#include "model_calls.h"
#include "non_finite_file.h"
#include "rwkv/bench.h"
#include "rwkv/error.h"
#include "rwkv/model.h"

using golden::forward_logits;
using golden::testdata;

class TestCpuForward : public QObject {
    Q_OBJECT

    static constexpr double kLogitTol = 1e-4;
    static constexpr double kStateTol = 1e-4;
    static constexpr const char* kTinyGguf = "tiny-rwkv7-834K-F16.gguf";

private slots:
    void goldens_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("caseId");
        const auto idx = golden::index();
        for (const auto& c : idx["cases"]) {
            const std::string model = c["model"];
            std::vector<std::string> files = idx["models"][model]["files"];
            if (model == "tiny") files.push_back(kTinyGguf);  // same weights as GGUF (README-gguf.md)
            for (const std::string& file : files) {
                if (!std::filesystem::exists(testdata(file))) continue;  // e.g. files kept out of testdata
                const std::string tag = file + ":" + std::string(c["id"]);
                QTest::newRow(tag.c_str()) << QString::fromStdString(file) << QString::fromStdString(c["id"]);
            }
        }
    }

    void goldens() {
        QFETCH(QString, file);
        QFETCH(QString, caseId);
        const auto idx = golden::index();
        nlohmann::json c;
        for (const auto& x : idx["cases"]) {
            bool fileOfModel = x["model"] == "tiny" && file == kTinyGguf;
            for (const auto& f : idx["models"][std::string(x["model"])]["files"]) fileOfModel |= f == file.toStdString();
            if (x["id"] == caseId.toStdString() && fileOfModel) c = x;
        }
        QVERIFY(!c.is_null());
        auto model = rwkv::Model::load(testdata(file.toStdString()));
        rwkv::State state = model->new_state();
        std::vector<std::int32_t> ids = c["token_ids"].get<std::vector<std::int32_t>>();
        if (c["id"] == "en_then_zh_ids") {  // continues from the 'en' golden state with the zh ids only
            state.from_host(golden::read_f32(testdata("golden/rand-L3-D128__en.state.f32")));
            const std::size_t n_en = 25;  // the 'en' case's token count
            QCOMPARE(ids.size(), std::size_t(58));
            ids.erase(ids.begin(), ids.begin() + n_en);
        }
        const auto logits = forward_logits(*model, state, ids);
        const auto want_logits = golden::read_f32(testdata("golden/" + std::string(c["logits_file"])));
        const auto want_state = golden::read_f32(testdata("golden/" + std::string(c["state_file"])));
        const double dl = golden::max_abs_diff(logits, want_logits);
        const double ds = golden::max_scaled_diff(state.to_host(), want_state);
        qInfo("%s/%s: max|dlogit| %.3g, max state diff %.3g", qPrintable(file), qPrintable(caseId), dl, ds);
        QVERIFY2(dl <= kLogitTol, qPrintable(QString("logit diff %1").arg(dl)));
        QVERIFY2(ds <= kStateTol, qPrintable(QString("state diff %1").arg(ds)));
        const auto top = std::max_element(logits.begin(), logits.end()) - logits.begin();
        QCOMPARE(int(top), c["top5_ids"][0].get<int>());
    }

    // The fp32 reference splits its large matrix-vector products over threads (matrices of 4 MiB and more, so
    // this shape: C = 1024, F = 4096, V = 4096); every row is computed the same way whatever the split, so 1, 2 and
    // 5 threads give the same logits and state bit for bit.
    void threadCountDoesNotChangeResults() {
        rwkv::RandomWeightsOptions ro;
        ro.shape = rwkv::preset_shape("tiny");
        ro.shape.n_layer = 1;
        ro.shape.n_embd = 1024;
        ro.shape.n_head = 16;
        ro.shape.dim_ffn = 4096;
        ro.shape.vocab_size = 4096;
        ro.dtype = rwkv::DType::F32;
        ro.ffn_density = -1;
        ro.seed = 11;
        const std::vector<std::int32_t> ids = {1, 4095, 17, 300, 2048, 9};
        std::vector<float> ref_logits, ref_state;
        for (int threads : {1, 2, 5}) {
            rwkv::LoadOptions o;
            o.threads = threads;
            auto m = rwkv::Model::from_weights(rwkv::make_random_weights(ro), o);
            QCOMPARE(m->device_name(), std::string("CPU (fp32 reference)"));
            rwkv::State st = m->new_state();
            const auto logits = forward_logits(*m, st, ids);
            QVERIFY(std::all_of(logits.begin(), logits.end(), [](float x) { return std::isfinite(x); }));
            if (threads == 1) {
                ref_logits = logits;
                ref_state = st.to_host();
                continue;
            }
            QVERIFY2(logits == ref_logits, qPrintable(QString("logits differ with %1 threads").arg(threads)));
            QVERIFY2(st.to_host() == ref_state, qPrintable(QString("state differs with %1 threads").arg(threads)));
        }
    }

    // Per-position logits (logits_all) of the tiny cases, token by token.
    void allPositions() {
        const auto idx = golden::index();
        auto model = rwkv::Model::load(testdata("tiny-rwkv7-834K.pth"));
        int checked = 0;
        for (const auto& c : idx["cases"]) {
            if (c["model"] != "tiny" || !c.contains("logits_all_file")) continue;
            const auto all = golden::read_f32(testdata("golden/" + std::string(c["logits_all_file"])));
            rwkv::State s = model->new_state();
            const auto ids = c["token_ids"].get<std::vector<std::int32_t>>();
            for (std::size_t p = 0; p < ids.size(); ++p) {
                const auto l = forward_logits(*model, s, {ids[p]});
                const std::vector<float> want(all.begin() + std::ptrdiff_t(p * 256), all.begin() + std::ptrdiff_t((p + 1) * 256));
                QVERIFY2(golden::max_abs_diff(l, want) <= kLogitTol, qPrintable(QString("position %1").arg(p)));
                ++checked;
            }
        }
        QVERIFY(checked >= 200);
    }

    // rwkv.cpp's own test: logits after the bytes '"', 'i', 'n' (spec §11.1), max-abs and the signed-sum rule.
    void rwkvCppExpectedLogits() {
        const auto want = golden::read_f32(testdata("expected-logits-7v0-834K.bin"));
        QCOMPARE(want.size(), std::size_t(256));
        for (const char* f : {"tiny-rwkv-7v0-834K-FP32.bin", "tiny-rwkv-7v0-834K-FP16.bin", "tiny-rwkv7-834K.pth"}) {
            auto model = rwkv::Model::load(testdata(f));
            rwkv::State s = model->new_state();
            const auto got = forward_logits(*model, s, {34, 105, 110});
            QVERIFY2(golden::max_abs_diff(got, want) <= kLogitTol, f);
            double sum = 0;
            for (int i = 0; i < 256; ++i) sum += double(got[i]) - want[i];
            QVERIFY2(std::fabs(sum) <= 0.00105, f);  // rwkv.cpp: |Σ diff| <= 1.05 * 0.001
        }
    }

    // One call with all tokens equals one call per token, bit for bit (same per-row operations on CPU).
    void chunkedEqualsTokenByToken() {
        auto model = rwkv::Model::load(testdata("tiny-rwkv7-834K.safetensors"));
        const std::vector<std::int32_t> ids = {72, 101, 108, 108, 111, 44, 32, 119, 111, 114, 108, 100};
        rwkv::State a = model->new_state(), b = model->new_state();
        const auto la = forward_logits(*model, a, ids);
        std::vector<float> lb;
        for (auto t : ids) lb = forward_logits(*model, b, {t});
        QCOMPARE(la, lb);
        QCOMPARE(a.to_host(), b.to_host());
    }

    void invalidInputLeavesStateUntouched() {
        auto model = rwkv::Model::load(testdata("tiny-rwkv7-834K.pth"));
        rwkv::State s = model->new_state();
        forward_logits(*model, s, {1, 2, 3});
        const auto before = s.to_host();
        std::vector<float> logits(256);
        for (std::vector<std::int32_t> bad : {std::vector<std::int32_t>{5, 256}, {-1}, {}}) {
            try {
                model->forward(s, bad, logits);
                QFAIL("forward accepted invalid input");
            } catch (const rwkv::Error& e) {
                QVERIFY(e.code() == rwkv::ErrorCode::InvalidToken || e.code() == rwkv::ErrorCode::InvalidArgument);
            }
        }
        QCOMPARE(s.to_host(), before);
        std::vector<float> small(10);
        QVERIFY_THROWS_EXCEPTION(rwkv::Error, model->forward(s, std::vector<std::int32_t>{1}, small));
    }

    void cancelStopsPrefill() {
        auto model = rwkv::Model::load(testdata("tiny-rwkv7-834K.pth"));
        rwkv::State s = model->new_state();
        golden::CancelProbe probe;
        std::vector<std::int32_t> ids(40, 65);
        std::vector<float> logits(256);
        try {
            model->forward(s, ids, logits, probe.options);
            QFAIL("not cancelled");
        } catch (const rwkv::Error& e) {
            QCOMPARE(e.code(), rwkv::ErrorCode::Cancelled);
        }
        QCOMPARE(probe.seen, std::size_t(8));
        // the chunk after progress(8) ran (CancelProbe): the state holds exactly the first 12 tokens
        rwkv::State r = model->new_state();
        forward_logits(*model, r, std::vector<std::int32_t>(12, 65));
        QCOMPARE(s.to_host(), r.to_host());
    }

    // Each wrong name says what is wrong with it (session 54's trial2: "cpu:0" was "not available in this build", and
    // "vulkan:" loaded on the device the app picks, as "vulkan" does; trial3: capitals, "cuda:" without CUDA).
    void unknownBackendIsAClearError() {
        const std::vector<std::pair<std::string, std::string>> cases = {
            {"quantum:0", "backend 'quantum:0' is not a backend (available: cpu, auto"},
            {"cpu:0", "backend 'cpu:0': the CPU takes no device number; give 'cpu'"},
#ifdef RWKV_WITH_VULKAN
            {"vulkan:", "backend 'vulkan:' names no device: give vulkan:0 for the first one, or vulkan to let the app pick"},
#else  // a build without Vulkan (CI's sanitizer build) says so, as for "cuda:" below
            {"vulkan:", "backend 'vulkan:' is not available in this build (available: cpu, auto"},
#endif
#ifdef RWKV_WITH_CUDA
            {"cuda:", "backend 'cuda:' names no device: give cuda:0 for the first one, or cuda to let the app pick"},
#else  // session 54's trial3: "give cuda:0", which is "not available in this build" too
            {"cuda:", "backend 'cuda:' is not available in this build (available: cpu, auto"},
#endif
            // session 54's trial3: "backend 'CPU' is not a backend (available: cpu, …)"
            {"CPU", "backend 'CPU': backend names are written in lower case; give 'cpu'"},
            {"Vulkan:0", "backend 'Vulkan:0': backend names are written in lower case; give 'vulkan:0'"},
            {"AUTO", "backend 'AUTO': backend names are written in lower case; give 'auto'"},
            {"Cuda", "backend 'Cuda': backend names are written in lower case; give 'cuda'"},
            {"Quantum", "backend 'Quantum' is not a backend (available: cpu, auto"},
        };
        for (const auto& [backend, said] : cases) {
            rwkv::LoadOptions o;
            o.backend = backend;
            try {
                rwkv::Model::load(testdata("tiny-rwkv7-834K.pth"), o);
                QFAIL(("loaded on backend " + backend).c_str());
            } catch (const rwkv::Error& e) {
                QCOMPARE(e.code(), rwkv::ErrorCode::BackendUnavailable);
                QVERIFY2(std::string(e.what()).rfind(said, 0) == 0, e.what());
            }
        }
    }

    // Session 54: a model written by `rwkv-cli convert --allow-non-finite` (a NaN kept) was refused in fp32 only by the
    // app's first-logits check, which named no tensor, and ran in fp16: the sparse FFN skips a row of ffn.value that
    // no activation reaches, NaN or not. Every dtype of the CPU backend refuses it at the load now, naming the tensor
    // and its first non-finite element in the file's order, whatever the file's dtype (fp32, fp16, bf16), the path
    // that reads the tensor (a vector, a LoRA matrix kept as stored, a matrix copied, converted or transposed) and the
    // thread that finds it: a second one planted where ffn.value's transpose reads it first is not the one named.
    void nonFiniteWeightIsNamedAtLoad_data() {
        QTest::addColumn<QString>("stored");
        QTest::addColumn<int>("planted");  // nonfinite::kPlanted's row (non_finite_file.h, shared with the GPU tests)
        for (const char* stored : nonfinite::kStored)
            for (int i = 0; i < int(std::size(nonfinite::kPlanted)); ++i)
                QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(QLatin1String(stored),
                                                                     QLatin1String(nonfinite::kPlanted[i].tensor))))
                    << QString::fromLatin1(stored) << i;
    }
    void nonFiniteWeightIsNamedAtLoad() {
        QFETCH(QString, stored);
        QFETCH(int, planted);
        const nonfinite::Planted& p = nonfinite::kPlanted[planted];
        QTemporaryDir dir;
        const auto bad = nonfinite::write_planted(dir.path().toStdString(), stored.toStdString(), p);
        QVERIFY(!bad.empty());
        const std::string said = nonfinite::refusal(p);
        for (const rwkv::DType dtype : {rwkv::DType::F32, rwkv::DType::F16, rwkv::DType::BF16, rwkv::DType::I8}) {
            rwkv::LoadOptions o;
            o.weight_dtype = dtype;
            o.threads = 3;  // the conversions' parallel paths (1 thread for this model by default)
            try {
                rwkv::Model::load(bad, o);
                QFAIL(("loaded in " + std::string(rwkv::dtype_name(dtype))).c_str());
            } catch (const rwkv::Error& e) {
                QVERIFY2(e.code() == rwkv::ErrorCode::CorruptFile && e.what() == said,
                         (std::string(rwkv::dtype_name(dtype)) + ": [" + rwkv::to_string(e.code()) + "] " + e.what())
                             .c_str());
            }
        }
    }

    // Session 57: a finite weight beyond fp16's range (70000) became infinity in an fp16 load, and only the first
    // logits said so, naming no tensor (or nothing, where the sparse FFN skipped its row). A matrix converted to fp16
    // (or bf16) is refused at the load naming the tensor, the element in the file's order (a second, larger value
    // where ffn.value's transpose reads first is not the one named), the value and what loads it; one kept as it is
    // (a vector in fp32, a LoRA matrix as stored) or quantised to int8 is not. 65520 rounds to fp16's infinity (a tie
    // to even), the float below it to 65504: fp16's edge is the rounding's, not 65504. bf16 holds 3.39e38, fp32 more.
    void weightBeyondTheLoadTypeIsNamed_data() {
        QTest::addColumn<QString>("stored");
        QTest::addColumn<float>("value");
        QTest::addColumn<int>("planted");  // nonfinite::kPlanted's row: the kinds of tensor
        const std::pair<const char*, float> values[] = {
            {"fp32", 65520.0f},
            {"fp32", std::nextafter(65520.0f, 0.0f)},  // 65519.996: 65504 as fp16
            {"fp32", -std::numeric_limits<float>::max()},
            {"bf16", 65536.0f},
            // The CPU's int8 keeps a group's scale, max |x| / 127, as fp16: 8321039.5 is the largest |x| it holds
            // (above, the scale was capped at 65504 and the group came out wrong, session 57's loose ends).
            {"fp32", 1e8f},
            {"fp32", 8321040.0f},
            {"fp32", 8321039.5f},
            {"bf16", -1.6777216e7f},
        };
        for (const auto& [stored, value] : values)
            for (int i = 0; i < int(std::size(nonfinite::kPlanted)); ++i)
                QTest::newRow(qPrintable(QStringLiteral("%1 %2 %3").arg(QLatin1String(stored)).arg(double(value), 0, 'g', 9)
                                             .arg(QLatin1String(nonfinite::kPlanted[i].tensor))))
                    << QString::fromLatin1(stored) << value << i;
    }
    void weightBeyondTheLoadTypeIsNamed() {
        QFETCH(QString, stored);
        QFETCH(float, value);
        QFETCH(int, planted);
        const nonfinite::Planted& p = nonfinite::kPlanted[planted];
        QTemporaryDir dir;
        float read = 0;
        const auto big = nonfinite::write_value(dir.path().toStdString(), stored.toStdString(), p, value, read);
        QVERIFY(!big.empty());
        QCOMPARE(read, value);  // each a value of its file's dtype
        const std::string tensor = p.tensor;
        const bool converted = tensor != "blocks.0.ln1.weight" && tensor != "blocks.0.att.w1";  // a vector, a LoRA
        for (const rwkv::DType dtype : {rwkv::DType::F32, rwkv::DType::F16, rwkv::DType::BF16, rwkv::DType::I8}) {
            std::string said;  // the refusal expected; empty: it loads
            if (converted && dtype == rwkv::DType::F16 && std::fabs(value) >= 65520.0f)
                said = nonfinite::out_of_range(p, value, "fp16", "load it with --dtype fp32, bf16 or int8");
            if (converted && dtype == rwkv::DType::BF16 && std::fabs(value) > 3.3895314e38f)
                said = nonfinite::out_of_range(p, value, "bf16", "load it with --dtype fp32");
            if (converted && dtype == rwkv::DType::I8 && std::fabs(value) > 8321039.5f)
                said = nonfinite::out_of_range(p, value, "int8", "load it with --dtype fp32 or bf16");
            rwkv::LoadOptions o;
            o.weight_dtype = dtype;
            o.threads = 3;  // the conversions' parallel paths
            const std::string run = std::string(rwkv::dtype_name(dtype)) + ": ";
            try {
                auto m = rwkv::Model::load(big, o);
                QVERIFY2(said.empty(), (run + "loaded; expected " + said).c_str());
            } catch (const rwkv::Error& e) {
                QVERIFY2(e.code() == rwkv::ErrorCode::WeightOutOfRange && e.what() == said,
                         (run + "[" + rwkv::to_string(e.code()) + "] " + e.what() + "; expected " + said).c_str());
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestCpuForward)
#include "test_cpu_forward.moc"
