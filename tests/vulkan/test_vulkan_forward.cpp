// The Vulkan backend against the fp64 goldens (golden/index.json) on whatever Vulkan device is present — in CI
// that is lavapipe (Mesa's CPU driver). fp16 weights: max|dlogit| <= 0.05 and state max|d| / (1 + |g|) <= 1e-2
// (the index's fp16-engine guidance, with the tighter 1e-2 of issue 5). Also: the split-weight path forced by a
// tiny block limit (bit-identical to the unsplit run), export/import continuing bit-exactly, prefill chunking,
// bad input refused before any submission, a NaN or infinite weight refused at the load naming it, device choice,
// error mapping, zero validation-layer errors.
// Without a usable Vulkan device every device test QSKIPs.
// RWKV_VK_RESULTS_OUT=<file> writes a digest of every golden run's logits and state (the LP_NATIVE_VECTOR_WIDTH
// ctest entries compare those files: subgroup sizes 4, 8 and 16 must give identical results).
#include <QtTest>

#include <QTemporaryDir>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iterator>
#include <map>
#include <filesystem>
#include <fstream>

#include "engine/cancel_probe.h"
#include "engine/golden.h"
#include "engine/model_calls.h"
#include "engine/non_finite_file.h"
#include "rwkv/bench.h"
#include "rwkv/error.h"
#include "rwkv/model.h"
#include "vulkan/ops.h"
#include "vulkan/vk_context.h"
#include "vulkan/vk_model.h"
#include "vk_test_model.h"

using golden::error_code_of;
using golden::forward_logits;
using golden::testdata;
using vktest::have_vulkan_device;
using vktest::load_vulkan_f16;

namespace {

constexpr double kLogitTol = 0.05;
constexpr double kStateTol = 1e-2;  // scaled by (1 + |golden|)
// The random L3-D128 model's vocabulary in the checks that compare two ways of running its layers bit for bit
// (vk_test_model.h read_weights): the whole model's first 1,000 logits (test_vulkan_rows cutVocabularyKeepsTheLayers).
constexpr int kCutVocab = 1000;

}  // namespace

class TestVulkanForward : public QObject {
    Q_OBJECT

    bool device_ = false;

    // Runs one golden case; returns {logits, state}.
    std::pair<std::vector<float>, std::vector<float>> run_case(rwkv::Model& m, const nlohmann::json& c) {
        rwkv::State state = m.new_state();
        std::vector<std::int32_t> ids = c["token_ids"].get<std::vector<std::int32_t>>();
        if (c["id"] == "en_then_zh_ids") {  // continues from the 'en' golden state with the zh ids only
            state.from_host(golden::read_f32(testdata("golden/rand-L3-D128__en.state.f32")));
            ids.erase(ids.begin(), ids.begin() + 25);
        }
        auto logits = forward_logits(m, state, ids);
        return {logits, state.to_host()};
    }

    void check_case(const std::string& tag, const nlohmann::json& c, const std::vector<float>& logits,
                    const std::vector<float>& state) {
        const auto want_logits = golden::read_f32(testdata("golden/" + std::string(c["logits_file"])));
        const auto want_state = golden::read_f32(testdata("golden/" + std::string(c["state_file"])));
        const double dl = golden::max_abs_diff(logits, want_logits);
        const double ds = golden::max_scaled_diff(state, want_state);
        qInfo("%s: max|dlogit| %.3g, max state diff %.3g", tag.c_str(), dl, ds);
        QVERIFY2(dl <= kLogitTol, qPrintable(QString::fromStdString(tag) + QString(" logit diff %1").arg(dl)));
        QVERIFY2(ds <= kStateTol, qPrintable(QString::fromStdString(tag) + QString(" state diff %1").arg(ds)));
        if (c["top6_consecutive_gaps"][0].get<double>() > 2 * kLogitTol) {
            const auto top = std::max_element(logits.begin(), logits.end()) - logits.begin();
            QCOMPARE(int(top), c["top5_ids"][0].get<int>());
        }
    }

private slots:
    void initTestCase() {
        device_ = have_vulkan_device();
        if (device_) {
            for (const auto& line : rwkv::vk::describe_devices()) qInfo("Vulkan device %s", line.c_str());
        }
    }

    // Every golden case of every model file (as for the CPU backend), on the default device.
    void goldens() {
        std::ofstream digest;  // opened (truncated) first: a skipped run leaves it empty, not stale
        if (const char* out = std::getenv("RWKV_VK_RESULTS_OUT")) digest.open(out);
        if (!device_) QSKIP("no usable Vulkan device");
        if (std::getenv("RWKV_VK_SKIP_GOLDENS")) QSKIP("RWKV_VK_SKIP_GOLDENS: the test_vulkan_goldens_w* entries run them");
        const auto idx = golden::index();
        std::vector<std::string> files;
        for (const auto& [model, info] : idx["models"].items())
            for (const std::string f : info["files"]) files.push_back(f);
        files.push_back("tiny-rwkv7-834K-F16.gguf");
        int checked = 0;
        for (const std::string& file : files) {
            if (!std::filesystem::exists(testdata(file))) continue;
            auto m = load_vulkan_f16(file);
            if (checked == 0) qInfo("%s, subgroup size %u", rwkv::vk::model_stats(*m).device.c_str(), rwkv::vk::model_stats(*m).subgroup_size);
            for (const auto& c : idx["cases"]) {
                const std::string model = c["model"];
                bool ofModel = file == "tiny-rwkv7-834K-F16.gguf" && model == "tiny";
                for (const auto& f : idx["models"][model]["files"]) ofModel |= f == file;
                if (!ofModel) continue;
                const auto [logits, state] = run_case(*m, c);
                check_case(file + ":" + std::string(c["id"]), c, logits, state);
                if (digest) {
                    std::uint64_t h = 1469598103934665603ull;  // FNV-1a over the float bits
                    for (const auto* v : {&logits, &state})
                        for (float x : *v) {
                            std::uint32_t u;
                            std::memcpy(&u, &x, 4);
                            h = (h ^ u) * 1099511628211ull;
                        }
                    digest << file << ' ' << std::string(c["id"]) << ' ' << std::hex << h << std::dec << '\n';
                }
                ++checked;
            }
        }
        QVERIFY(checked >= 20);
    }

    // A tiny weight-block limit splits emb, head and the FFN matrices into many pieces (many buffers); the
    // results are bit-identical to the unsplit run (row pieces change no arithmetic) and within the goldens.
    void splitBuffers() {
        if (!device_) QSKIP("no usable Vulkan device");
        const auto idx = golden::index();
        struct Run {
            const char* file;
            const char* caseId;
            std::uint64_t block;
        };
        for (const Run r : {Run{"tiny-rwkv7-834K.safetensors", "hello", 16 << 10},
                            Run{"rand-rwkv7-L3-D128.safetensors", "en", 1 << 20}}) {
            rwkv::vk::ModelConfig cfg;
            cfg.max_weight_block = r.block;
            auto split = load_vulkan_f16(r.file, cfg);
            auto whole = load_vulkan_f16(r.file);
            const auto st = rwkv::vk::model_stats(*split);
            qInfo("%s split at %llu bytes: %zu blocks, emb %zu pieces, head %zu pieces, %zu dispatches per token",
                  r.file, (unsigned long long)r.block, st.weight_blocks, st.emb_pieces, st.head_pieces,
                  st.step_dispatches);
            QVERIFY(st.emb_pieces >= 2 && st.head_pieces >= 2 && st.weight_blocks >= 4);
            QCOMPARE(rwkv::vk::model_stats(*whole).head_pieces, std::size_t(1));
            for (const auto& c : idx["cases"]) {
                if (c["id"] != r.caseId) continue;
                const auto a = run_case(*split, c);
                const auto b = run_case(*whole, c);
                check_case(std::string(r.file) + ":" + r.caseId + " (split)", c, a.first, a.second);
                // CPU drivers (the per-row matvec): bit for bit. GPUs: the sparse FFN value adds its row pieces into
                // x in separate dispatches and the tensor-core GEMMs' tiles follow a piece's rows, so the fp32 sums
                // run in another order (not bit-identical on the H200, session 42); bounded as test_vulkan_int8's
                // splitBlocksAndThreadsPerRow bounds the same splits of int8 weights.
                if (st.kernels.find("matvec per_row") != std::string::npos) {
                    QCOMPARE(a.first, b.first);
                    QCOMPARE(a.second, b.second);
                } else {
                    const double dl = golden::max_scaled_diff(a.first, b.first);
                    const double ds = golden::max_scaled_diff(a.second, b.second);
                    qInfo("%s split vs whole on a GPU: logits %.3g, state %.3g (scaled)", r.file, dl, ds);
                    QVERIFY(dl <= 1e-4 && ds <= 1e-4);
                }
            }
        }
    }

    // The GPU kernel variants on this device too (lavapipe's defaults are the per-row matvec, shared-memory
    // reductions and one token-mix workgroup, so without this the H200's code paths would go untested in CI):
    // per-row matvec with 64 / 8 threads per row, the wide matvec with shared-memory and subgroup reductions
    // (any subgroup size: the widths entries run this under 4, 8 and 16), token mix over several workgroups,
    // the dense FFN value (all mask bits set) and the L2 prefetch dispatches, each against the goldens.
    // RWKV_VK_VARIANTS=subgroup: only the variants with subgroup reductions (their shaders, the rows path's `_sg` forms
    // included, depend on the subgroup size); the shared-memory and per-row ones sum in an order that does not
    // (docs/vulkan.md "Reductions never assume a subgroup size"), so one width entry runs them (CMakeLists.txt).
    // Each golden prefills through the rows path, where a config reaches the rows kernels and the head's matvec only;
    // so in the entry that runs every variant (not RWKV_VK_VARIANTS=subgroup: _w256) each variant also runs the
    // shortest golden of each model through the token step (rows_prefill 0: every token through the recorded step,
    // the head once after the last; rows_dispatches 0 asserted), where its token mix, FFN (sparse or dense), layer
    // matvecs and prefetch run: tiny's quote_in (3 tokens) and the random model's en (25). Until session 44 no variant
    // reached the step's kernels on lavapipe.
    void gpuKernelVariants() {
        if (!device_) QSKIP("no usable Vulkan device");
        if (std::getenv("RWKV_VK_SKIP_GOLDENS")) QSKIP("RWKV_VK_SKIP_GOLDENS: the test_vulkan_goldens_w* entries run them");
        const auto idx = golden::index();
        struct Variant {
            const char* name;
            rwkv::vk::ModelConfig cfg;
        };
        std::vector<Variant> variants;
        auto add = [&](const char* name, auto&& set) {
            rwkv::vk::ModelConfig c;
            set(c);
            variants.push_back({name, c});
        };
        add("per_row tpr 64", [](auto& c) { c.matvec_threads_per_row = 64; });
        add("per_row tpr 8", [](auto& c) { c.matvec_threads_per_row = 8; });
        // wide: the GPU default for the model's width (C < 2048 here: 8 rows x 1 chunk, 256 threads; from C = 2048
        // 2 rows x 4 chunks, 128 threads, named below) and other layouts.
        add("wide shared", [](auto& c) { c.matvec = "wide"; c.subgroup = 0; c.token_mix_slice = 32; });
        add("wide subgroup", [](auto& c) { c.matvec = "wide"; c.subgroup = 1; c.token_mix_slice = 64; });
        auto layout = [](auto& c, std::uint32_t rows, std::uint32_t unroll, std::uint32_t wg) {
            c.matvec = "wide";
            c.matvec_rows = rows;
            c.matvec_unroll = unroll;
            c.matvec_workgroup = wg;
        };
        add("wide/2 x4 wg128 subgroup", [&](auto& c) { layout(c, 2, 4, 128); c.subgroup = 1; });
        add("wide/8 x1 wg256 shared", [&](auto& c) { layout(c, 8, 1, 256); c.subgroup = 0; });
        add("wide/8 x2 wg256 subgroup", [&](auto& c) { layout(c, 8, 2, 256); c.subgroup = 1; c.token_mix_slice = 256; });
        add("wide/4 x4 wg64 shared", [&](auto& c) { layout(c, 4, 4, 64); c.subgroup = 0; });
        add("wide/1 x1 wg256 subgroup dense", [&](auto& c) { layout(c, 1, 1, 256); c.subgroup = 1; c.sparse_ffn = 0; });
        add("wide/64 x1 wg256 shared", [&](auto& c) { layout(c, 64, 1, 256); c.subgroup = 0; });
        add("wide subgroup prefetch", [](auto& c) { c.matvec = "wide"; c.subgroup = 1; c.prefetch = "1,1,1"; });
        const bool subgroup_only = qEnvironmentVariable("RWKV_VK_VARIANTS") == QLatin1String("subgroup");
        for (const auto& [file, model] : {std::pair{"tiny-rwkv7-834K.pth", "tiny"}, {"rand-rwkv7-L3-D128.safetensors", "rand-L3-D128"}}) {
            for (const Variant& v : variants) {
                if (subgroup_only && v.cfg.subgroup != 1) continue;
                auto m = load_vulkan_f16(file, v.cfg);
                for (const auto& c : idx["cases"]) {
                    if (c["model"] != model || (c["id"] != "hello" && c["id"] != "en")) continue;
                    const auto [logits, state] = run_case(*m, c);
                    check_case(std::string(file) + ":" + std::string(c["id"]) + " " + v.name + " (" +
                                   rwkv::vk::model_stats(*m).kernels + ")",
                               c, logits, state);
                }
                if (subgroup_only) continue;
                rwkv::vk::ModelConfig steps = v.cfg;
                steps.rows_prefill = 0;
                auto s = load_vulkan_f16(file, steps);
                const char* shortest = std::strcmp(model, "tiny") == 0 ? "quote_in" : "en";
                int stepped = 0;
                for (const auto& c : idx["cases"]) {
                    if (c["model"] != model || c["id"] != shortest) continue;
                    const auto [logits, state] = run_case(*s, c);
                    check_case(std::string(file) + ":" + shortest + " step " + v.name + " (" +
                                   rwkv::vk::model_stats(*s).kernels + ")",
                               c, logits, state);
                    ++stepped;
                }
                QCOMPARE(stepped, 1);
                QCOMPARE(rwkv::vk::model_stats(*s).rows_dispatches, std::size_t(0));  // every token through the step
            }
        }
    }

    // fp32 random weights (not fp16-exact, unlike the test checkpoints): Vulkan (weights rounded to fp16) vs the
    // CPU fp32 reference over a 200-token prompt: finite, relative L2 of logits and state <= 1e-2 (issue 5's
    // criterion for the 1.5B shape on the H200, here on the small "tiny" preset).
    void randomWeightsVsCpu() {
        if (!device_) QSKIP("no usable Vulkan device");
        rwkv::RandomWeightsOptions ro;
        ro.shape = rwkv::preset_shape("tiny");
        ro.dtype = rwkv::DType::F32;
        ro.ffn_density = -1;
        ro.seed = 7;
        std::vector<std::int32_t> ids(200);
        for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = std::int32_t((i * 2654435761u) % std::uint32_t(ro.shape.vocab_size));
        auto cpu = rwkv::Model::from_weights(rwkv::make_random_weights(ro));
        rwkv::LoadOptions o;
        o.backend = "vulkan";
        auto vk = rwkv::Model::from_weights(rwkv::make_random_weights(ro), o);
        QCOMPARE(vk->fingerprint(), cpu->fingerprint());
        rwkv::State sc = cpu->new_state(), sv = vk->new_state();
        const auto lc = forward_logits(*cpu, sc, ids), lv = forward_logits(*vk, sv, ids);
        auto rel_l2 = [](const std::vector<float>& a, const std::vector<float>& ref) {
            double num = 0, den = 0;
            for (std::size_t i = 0; i < a.size(); ++i) {
                if (!std::isfinite(a[i])) return double(INFINITY);
                num += (double(a[i]) - ref[i]) * (double(a[i]) - ref[i]);
                den += double(ref[i]) * ref[i];
            }
            return std::sqrt(num / std::max(den, 1e-30));
        };
        const double rl = rel_l2(lv, lc), rs = rel_l2(sv.to_host(), sc.to_host());
        qInfo("random tiny preset, fp32 weights, 200 tokens: rel L2 logits %.3g, state %.3g", rl, rs);
        QVERIFY2(rl <= 1e-2, qPrintable(QString("logits rel L2 %1").arg(rl)));
        QVERIFY2(rs <= 1e-2, qPrintable(QString("state rel L2 %1").arg(rs)));
    }

    // Export after a prefix, import into a fresh state, continue: the same logits and state bit for bit as
    // continuing the original; a host round trip (to_host/from_host) is exact too.
    void exportImportContinuesBitExactly() {
        if (!device_) QSKIP("no usable Vulkan device");
        auto m = load_vulkan_f16("tiny-rwkv7-834K.pth");
        const std::vector<std::int32_t> a = {72, 101, 108, 108, 111}, b = {44, 32, 119, 111, 114, 108, 100};
        rwkv::State s = m->new_state();
        forward_logits(*m, s, a);
        const auto blob = m->export_state(s);
        rwkv::State t = m->import_state(blob);
        QCOMPARE(t.to_host(), s.to_host());
        rwkv::State u = s.clone();
        const auto ls = forward_logits(*m, s, b), lt = forward_logits(*m, t, b), lu = forward_logits(*m, u, b);
        QCOMPARE(lt, ls);
        QCOMPARE(lu, ls);
        QCOMPARE(t.to_host(), s.to_host());
        QCOMPARE(u.to_host(), s.to_host());
    }

    // One call with all tokens = chunks of 5 bit for bit (the rows path: each row's sums in the same order whatever
    // the chunk); one call per token (the recorded step) agrees within fp32 rounding (test_vulkan_rows).
    void chunkingIsExact() {
        if (!device_) QSKIP("no usable Vulkan device");
        auto m = load_vulkan_f16("tiny-rwkv7-834K.safetensors");
        const std::vector<std::int32_t> ids = {72, 101, 108, 108, 111, 44, 32, 119, 111, 114, 108, 100};
        rwkv::State a = m->new_state(), b = m->new_state(), c = m->new_state();
        const auto la = forward_logits(*m, a, ids);
        const auto lb = forward_logits(*m, b, ids, 5);
        std::vector<float> lc;
        for (auto t : ids) lc = forward_logits(*m, c, {t});
        QCOMPARE(lb, la);
        QCOMPARE(b.to_host(), a.to_host());
        QVERIFY(golden::max_abs_diff(lc, la) <= 1e-3);
        QVERIFY(golden::max_scaled_diff(c.to_host(), a.to_host()) <= 1e-3);
    }

    // ForwardOptions::logits = false (a chat's text read again): the head is skipped, the logits left as they were,
    // and the state is the same bit for bit, through the rows path and the recorded step; the next token's logits too.
    void prefillWithoutLogitsKeepsTheState() {
        if (!device_) QSKIP("no usable Vulkan device");
        for (const int rows : {-1, 0}) {
            rwkv::vk::ModelConfig cfg;
            cfg.rows_prefill = rows;
            auto m = load_vulkan_f16("rand-rwkv7-L3-D128.safetensors", cfg);
            std::vector<std::int32_t> ids(70);
            for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = std::int32_t((i * 104729 + 7) % 65536);
            rwkv::State a = m->new_state(), b = m->new_state();
            std::vector<float> la(65536), lb(65536, 1234.5f);
            rwkv::ForwardOptions with, without;
            with.chunk_size = without.chunk_size = 32;
            without.logits = false;
            m->forward(a, ids, la, with);
            m->forward(b, ids, lb, without);
            QCOMPARE(b.to_host(), a.to_host());
            QCOMPARE(std::count(lb.begin(), lb.end(), 1234.5f), std::ptrdiff_t(lb.size()));  // no head ran
            QCOMPARE(forward_logits(*m, b, {5}), forward_logits(*m, a, {5}));
        }
    }

    // Bad ids, an empty list and a short logits buffer are refused before anything is submitted.
    void badInputRefusedBeforeDispatch() {
        if (!device_) QSKIP("no usable Vulkan device");
        auto m = load_vulkan_f16("tiny-rwkv7-834K.pth");
        rwkv::State s = m->new_state();
        forward_logits(*m, s, {1, 2, 3});
        const auto before = s.to_host();
        const std::size_t submits = rwkv::vk::model_stats(*m).submissions;
        std::vector<float> logits(256), small(10);
        using rwkv::ErrorCode;
        QCOMPARE(error_code_of([&] { m->forward(s, std::vector<std::int32_t>{5, 256}, logits); }), ErrorCode::InvalidToken);
        QCOMPARE(error_code_of([&] { m->forward(s, std::vector<std::int32_t>{-1}, logits); }), ErrorCode::InvalidToken);
        QCOMPARE(error_code_of([&] { m->forward(s, std::vector<std::int32_t>{}, logits); }), ErrorCode::InvalidArgument);
        QCOMPARE(error_code_of([&] { m->forward(s, std::vector<std::int32_t>{1}, small); }), ErrorCode::InvalidArgument);
        QCOMPARE(rwkv::vk::model_stats(*m).submissions, submits);
        QCOMPARE(s.to_host(), before);
        // A CPU state is another backend's: refused.
        auto cpu = rwkv::Model::load(testdata("tiny-rwkv7-834K.pth"));
        rwkv::State cs = cpu->new_state();
        QCOMPARE(error_code_of([&] { m->forward(cs, std::vector<std::int32_t>{1}, logits); }), ErrorCode::StateMismatch);
    }

    // Session 56: a file written by `rwkv-cli convert --allow-non-finite` (a NaN kept) loaded on Vulkan, and only the
    // first logits caught it (or nothing, where the sparse FFN skipped its row). Refused at the load as on the CPU
    // (test_cpu_forward's rows, non_finite_file.h), naming the tensor and its first non-finite element in the file's
    // order, whatever the file's dtype and the upload's path: fp16 copied as stored (att.key, the LoRA w1 of an fp16
    // file) or converted (fp32, bf16 files), transposed (ffn.value), int8 quantised (att.key, ffn.value, the head),
    // a vector (ln1); whole and in pieces of 2 KiB. F32 and BF16 requests store fp16, as F16. After them the device
    // still runs a model.
    void nonFiniteWeightIsNamedAtLoad_data() {
        QTest::addColumn<QString>("stored");
        QTest::addColumn<int>("planted");  // nonfinite::kPlanted's row
        for (const char* stored : nonfinite::kStored)
            for (int i = 0; i < int(std::size(nonfinite::kPlanted)); ++i)
                QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(QLatin1String(stored),
                                                                     QLatin1String(nonfinite::kPlanted[i].tensor))))
                    << QString::fromLatin1(stored) << i;
    }
    void nonFiniteWeightIsNamedAtLoad() {
        if (!device_) QSKIP("no usable Vulkan device");
        QFETCH(QString, stored);
        QFETCH(int, planted);
        const nonfinite::Planted& p = nonfinite::kPlanted[planted];
        QTemporaryDir dir;
        const auto bad = nonfinite::write_planted(dir.path().toStdString(), stored.toStdString(), p);
        QVERIFY(!bad.empty());
        for (const rwkv::DType dtype : {rwkv::DType::F16, rwkv::DType::I8, rwkv::DType::F32})
            for (const std::uint64_t block : {std::uint64_t(0), std::uint64_t(2048)}) {  // 2 KiB: matrices in pieces
                rwkv::LoadOptions o;
                o.backend = "vulkan";
                o.weight_dtype = dtype;
                rwkv::vk::ModelConfig cfg;
                cfg.max_weight_block = block;
                const std::string run = std::string(rwkv::dtype_name(dtype)) + (block ? ", split" : "");
                try {
                    if (block) rwkv::make_vulkan_model(rwkv::load_weights(bad), o, cfg);
                    else rwkv::Model::load(bad, o);
                    QFAIL(("loaded in " + run).c_str());
                } catch (const rwkv::Error& e) {
                    QVERIFY2(e.code() == rwkv::ErrorCode::CorruptFile && e.what() == nonfinite::refusal(p),
                             (run + ": [" + rwkv::to_string(e.code()) + "] " + e.what()).c_str());
                }
            }
        rwkv::LoadOptions o;
        o.backend = "vulkan";
        o.weight_dtype = rwkv::DType::I8;
        auto m = rwkv::Model::load(testdata("tiny-rwkv7-834K.safetensors"), o);
        rwkv::State s = m->new_state();
        const auto logits = forward_logits(*m, s, {1, 2, 3});
        QVERIFY(std::all_of(logits.begin(), logits.end(), [](float x) { return std::isfinite(x); }));
    }

    // Session 57: a finite weight beyond fp16's range (65520 rounds to infinity) became infinity in the upload, and
    // only the first logits said so. Vulkan keeps every matrix in fp16 (int8 where asked, for the int8 kinds), whatever
    // was asked: such a matrix is refused at the load, naming the tensor, the element, the value and what loads it;
    // a vector (fp32) or an int8 matrix (quantised from the value) loads. Whole and in 2 KiB pieces.
    void weightBeyondFp16IsNamedAtLoad_data() {
        QTest::addColumn<int>("planted");  // nonfinite::kPlanted's row
        for (int i = 0; i < int(std::size(nonfinite::kPlanted)); ++i)
            QTest::newRow(nonfinite::kPlanted[i].tensor) << i;
    }
    void weightBeyondFp16IsNamedAtLoad() {
        if (!device_) QSKIP("no usable Vulkan device");
        QFETCH(int, planted);
        const nonfinite::Planted& p = nonfinite::kPlanted[planted];
        QTemporaryDir dir;
        float read = 0;
        const auto big = nonfinite::write_value(dir.path().toStdString(), "fp32", p, 65520.0f, read);
        QVERIFY(!big.empty());
        const std::string tensor = p.tensor;
        const bool vector = tensor == "blocks.0.ln1.weight", lora = tensor == "blocks.0.att.w1";
        for (const rwkv::DType dtype : {rwkv::DType::F16, rwkv::DType::I8, rwkv::DType::F32})
            for (const std::uint64_t block : {std::uint64_t(0), std::uint64_t(2048)}) {
                std::string said;  // empty: it loads
                if (lora)
                    said = nonfinite::out_of_range(p, read, "fp16", "Vulkan keeps this tensor in fp16: load it on the "
                                                                    "CPU with --backend cpu --dtype fp32");
                else if (!vector && dtype != rwkv::DType::I8)
                    said = nonfinite::out_of_range(p, read, "fp16", "Vulkan keeps this tensor in fp16 unless --dtype "
                                                                    "int8: load it with --dtype int8, or on the CPU "
                                                                    "with --backend cpu --dtype fp32");
                rwkv::LoadOptions o;
                o.backend = "vulkan";
                o.weight_dtype = dtype;
                rwkv::vk::ModelConfig cfg;
                cfg.max_weight_block = block;
                const std::string run = std::string(rwkv::dtype_name(dtype)) + (block ? ", split" : "") + ": ";
                try {
                    if (block) rwkv::make_vulkan_model(rwkv::load_weights(big), o, cfg);
                    else rwkv::Model::load(big, o);
                    QVERIFY2(said.empty(), (run + "loaded; expected " + said).c_str());
                } catch (const rwkv::Error& e) {
                    QVERIFY2(e.code() == rwkv::ErrorCode::WeightOutOfRange && e.what() == said,
                             (run + "[" + rwkv::to_string(e.code()) + "] " + e.what() + "; expected " + said).c_str());
                }
            }
    }

    void cancelStopsPrefill() {
        if (!device_) QSKIP("no usable Vulkan device");
        auto m = load_vulkan_f16("tiny-rwkv7-834K.pth");
        rwkv::State s = m->new_state();
        golden::CancelProbe probe;
        std::vector<std::int32_t> ids(40, 65);
        std::vector<float> logits(256);
        QCOMPARE(error_code_of([&] { m->forward(s, ids, logits, probe.options); }), rwkv::ErrorCode::Cancelled);
        QCOMPARE(probe.seen, std::size_t(8));
        // As on the CPU: the chunk after progress(8) ran (CancelProbe); the state holds exactly those 12 tokens.
        rwkv::State r = m->new_state();
        forward_logits(*m, r, std::vector<std::int32_t>(12, 65));
        QCOMPARE(s.to_host(), r.to_host());
    }

    // The validation layer (when installed) reports no error over load, forward, profiling, state transfers, for
    // the device's default kernels and the GPU variants.
    void validationClean() {
        if (!device_) QSKIP("no usable Vulkan device");
        for (bool gpu : {false, true}) {
            rwkv::vk::ModelConfig cfg;
            cfg.validation = true;
            cfg.max_weight_block = 16 << 10;
            if (gpu) {
                cfg.matvec = "wide";
                cfg.subgroup = 1;
                cfg.token_mix_slice = 32;
                cfg.prefetch = "1,1,1";  // L2 prefetch dispatches over the split matrices
            }
            auto m = load_vulkan_f16("tiny-rwkv7-834K.pth", cfg);
            rwkv::State s = m->new_state();
            forward_logits(*m, s, {72, 101, 108, 108, 111}, 2);
            QCOMPARE(int(m->profile_decode(s, std::vector<std::int32_t>{33, 34}).size()), 12);
            m->import_state(m->export_state(s));
            const auto st = rwkv::vk::model_stats(*m);
            if (!st.validation) QSKIP("VK_LAYER_KHRONOS_validation is not installed (vulkan-validationlayers)");
            const auto errors = st.validation_errors;
            for (const auto& e : errors) qWarning("validation: %s", e.c_str());
            QVERIFY(errors.empty());
        }
    }

    // Fence polling (RWKV_VK_SPIN=1; the default on GPUs, off on CPU drivers) and the L2 prefetch (reads only)
    // leave every result bit-identical to a blocking wait without prefetch, over prefill and decode; a malformed
    // prefetch spec is refused. The random model's layers with its vocabulary cut (kCutVocab: two ways of running the
    // same layers, as test_vulkan_rows compares them; the wide matvec over the whole 65,536-row head was most of this
    // test's time on lavapipe) and 64 KiB blocks: the layers' matrices (the FFN's 128 KiB ones in pieces), emb and the
    // head split, so the prefetch windows over r, k, v and the FFN key run across pieces.
    void spinWaitAndPrefetchKeepResults() {
        if (!device_) QSKIP("no usable Vulkan device");
        const std::vector<std::int32_t> ids = {936, 332, 400, 17, 9, 250};  // ids of the cut vocabulary
        auto once = [&](const char* spin, const char* prefetch, bool expect_spin) {
            qputenv("RWKV_VK_SPIN", spin);
            rwkv::vk::ModelConfig cfg;
            cfg.matvec = "wide";
            cfg.prefetch = prefetch;
            cfg.max_weight_block = 64 << 10;  // prefetch windows across split pieces
            auto m = load_vulkan_f16("rand-rwkv7-L3-D128.safetensors", cfg, kCutVocab);
            qunsetenv("RWKV_VK_SPIN");
            const auto st = rwkv::vk::model_stats(*m);
            qInfo("spin %s prefetch %s: %s; %zu blocks, head %zu pieces", spin, prefetch, st.kernels.c_str(),
                  st.weight_blocks, st.head_pieces);
            if (st.head_pieces < 2 || st.weight_blocks < 8) {
                qWarning("the weights did not split: %zu blocks, head %zu pieces", st.weight_blocks, st.head_pieces);
                return std::vector<float>{};
            }
            if (st.spin_wait != expect_spin) {
                qWarning("spin_wait %d, expected %d", int(st.spin_wait), int(expect_spin));
                return std::vector<float>{};
            }
            rwkv::State s = m->new_state();
            std::vector<float> out = forward_logits(*m, s, ids, 4);  // a chunk of 4 tokens, then 2
            for (std::int32_t t : {5, 77, kCutVocab - 1}) {
                const auto l = forward_logits(*m, s, {t});
                out.insert(out.end(), l.begin(), l.end());
            }
            const auto h = s.to_host();
            out.insert(out.end(), h.begin(), h.end());
            return out;
        };
        const auto base = once("0", "0", false);
        QVERIFY(!base.empty());
        QCOMPARE(once("1", "1,2,3", true), base);
        rwkv::vk::ModelConfig bad;
        bad.prefetch = "1,2";
        QCOMPARE(error_code_of([&] { load_vulkan_f16("rand-rwkv7-L3-D128.safetensors", bad); }), rwkv::ErrorCode::InvalidArgument);
    }

    // Every context and device listing of a process lives on one VkInstance per validation mode: NVIDIA's driver
    // refused vkCreateInstance (VK_ERROR_INCOMPATIBLE_DRIVER) after many create / destroy cycles in one process
    // (session 37, test_vulkan_int8 on the H200). 40 contexts one after the other, with listings between them, all
    // come up on the same instance, and a context outlived by its instance leaves it usable.
    void oneInstancePerProcess() {
        if (!device_) QSKIP("no usable Vulkan device");
        namespace vk = rwkv::vk;
        const std::vector<vk::DeviceInfo> devices = vk::list_devices();
        const vk::DeviceInfo dev = vk::choose_device(devices, "", 0);
        VkInstance first = VK_NULL_HANDLE;
        for (int i = 0; i < 40; ++i) {
            auto ctx = vk::Context::create(dev, {});
            QVERIFY(ctx->instance() != VK_NULL_HANDLE);
            if (i == 0) first = ctx->instance();
            QCOMPARE(ctx->instance(), first);
            QCOMPARE(vk::list_devices().size(), devices.size());
        }
        auto a = vk::Context::create(dev, {});
        auto b = vk::Context::create(dev, {});  // two at once share it too
        QCOMPARE(a->instance(), first);
        QCOMPARE(b->instance(), first);
        a.reset();
        vk::Buffer buf(b, 4096, vk::MemoryKind::Readback, "test buffer after another context ended");
        b->run_once([&](VkCommandBuffer cmd) { 
            vkCmdFillBuffer(cmd, buf.handle(), 0, 4096, 0x5A5A5A5Au);
            vk::full_barrier(cmd);
        });
        QCOMPARE(static_cast<const std::uint32_t*>(buf.mapped())[1023], 0x5A5A5A5Au);
    }

    // The state copies between a State's buffer and the step's working state (copy_state.comp): every block of
    // 16-byte words lands at its stride, bit for bit, and nothing between the blocks is written; sizes that are not
    // whole words are refused (the model then copies with vkCmdCopyBuffer).
    void stateCopyShader() {
        if (!device_) QSKIP("no usable Vulkan device");
        namespace vk = rwkv::vk;
        auto ctx = vk::Context::create(vk::choose_device(vk::list_devices(), "", 0), {});
        vk::Ops ops(ctx);
        QVERIFY(!vk::can_copy_state(ctx->caps(), 40, 48, 48, 4));  // 40-byte blocks: not whole 16-byte words
        QVERIFY(!vk::can_copy_state(ctx->caps(), 48, 56, 48, 4));
        QVERIFY(!vk::can_copy_state(ctx->caps(), 48, 48, 48, 0));
        const std::uint32_t blocks = 1000, block = 48 * 4, sstride = 64 * 4, dstride = 80 * 4;  // bytes
        QVERIFY(vk::can_copy_state(ctx->caps(), block, sstride, dstride, blocks));
        const VkDeviceSize sbytes = VkDeviceSize(blocks) * sstride, dbytes = VkDeviceSize(blocks) * dstride;
        vk::Buffer src(ctx, sbytes, vk::MemoryKind::Upload, "test source");
        vk::Buffer dst(ctx, dbytes, vk::MemoryKind::Readback, "test destination");
        auto* s = static_cast<std::uint32_t*>(src.mapped());
        for (std::size_t i = 0; i < sbytes / 4; ++i) s[i] = std::uint32_t(i * 2654435761u + 7);
        std::memset(dst.mapped(), 0xA5, dbytes);
        ctx->run_once([&](VkCommandBuffer cmd) {
            vk::record_copy_state(ops, cmd, {src.handle(), 0, sbytes}, {dst.handle(), 0, dbytes}, block, sstride,
                                  dstride, blocks);
            vk::full_barrier(cmd);
        });
        const auto* d = static_cast<const std::uint32_t*>(dst.mapped());
        std::size_t wrong = 0;
        for (std::size_t l = 0; l < blocks; ++l) {
            for (std::size_t i = 0; i < dstride / 4; ++i) {
                const std::uint32_t want = i < block / 4 ? s[l * sstride / 4 + i] : 0xA5A5A5A5u;
                wrong += d[l * dstride / 4 + i] != want;
            }
        }
        QCOMPARE(wrong, std::size_t(0));
    }

    // The state copies are recorded once per State (DeviceStateStorage::id) and re-recorded when another State runs:
    // two States decoding in turns, a clone, and a State created after another was destroyed give exactly the
    // results of each run alone.
    // Both ways of the step's state: bound directly (default where the layers lie at bindable offsets, as here)
    // and copied in / out of the working state (state_copies = 1); the same bits either way. The random model's
    // layers with its vocabulary cut (kCutVocab): every token here ran its 65,536-row head on lavapipe before.
    void statesTakeTurns_data() {
        QTest::addColumn<int>("copies");
        QTest::newRow("bound") << 0;
        QTest::newRow("copies") << 1;
    }
    void statesTakeTurns() {
        if (!device_) QSKIP("no usable Vulkan device");
        QFETCH(int, copies);
        rwkv::vk::ModelConfig cfg;
        cfg.state_copies = copies;
        auto m = load_vulkan_f16("rand-rwkv7-L3-D128.safetensors", cfg, kCutVocab);
        QCOMPARE(rwkv::vk::model_stats(*m).state_bound, copies == 0);
        const std::vector<std::int32_t> a = {936, 332, 400, 17, 9}, b = {250, 5, 77, kCutVocab - 1, 41};
        auto alone = [&](const std::vector<std::int32_t>& ids) {
            rwkv::State s = m->new_state();
            std::vector<float> out;
            for (std::int32_t t : ids) out = forward_logits(*m, s, {t});
            const auto h = s.to_host();
            out.insert(out.end(), h.begin(), h.end());
            return out;
        };
        const auto want_a = alone(a), want_b = alone(b);
        rwkv::State sa = m->new_state(), sb = m->new_state();
        std::vector<float> la, lb;
        for (std::size_t i = 0; i < a.size(); ++i) {
            la = forward_logits(*m, sa, {a[i]});
            lb = forward_logits(*m, sb, {b[i]});
        }
        const auto ha = sa.to_host(), hb = sb.to_host();
        la.insert(la.end(), ha.begin(), ha.end());
        lb.insert(lb.end(), hb.begin(), hb.end());
        QCOMPARE(la, want_a);
        QCOMPARE(lb, want_b);
        {  // a clone continues from the same state as its source
            rwkv::State c = sa.clone();
            const auto lc = forward_logits(*m, c, {7});
            QCOMPARE(forward_logits(*m, sa, {7}), lc);
        }
        QCOMPARE(alone(b), want_b);  // a new State after the clone was destroyed
        // The other way of the state gives the same bits.
        rwkv::vk::ModelConfig other;
        other.state_copies = 1 - copies;
        auto m2 = load_vulkan_f16("rand-rwkv7-L3-D128.safetensors", other, kCutVocab);
        rwkv::State s2 = m2->new_state();
        std::vector<float> l2;
        for (std::int32_t t : a) l2 = forward_logits(*m2, s2, {t});
        const auto h2 = s2.to_host();
        l2.insert(l2.end(), h2.begin(), h2.end());
        QCOMPARE(l2, want_a);
    }

    // profile_decode: one entry per stage, calls per token as recorded (per-layer stages once per layer), positive
    // times, weight bytes of the matrices, FFN activity counted; the state advances exactly as forward() would.
    void profileDecode() {
        if (!device_) QSKIP("no usable Vulkan device");
        // No L2 prefetch: on GPUs the step also records prefetch windows, page touches and warm dispatches beside
        // the stages (vk_step.cpp; none on CPU drivers), which the count below leaves out.
        rwkv::vk::ModelConfig no_prefetch;
        no_prefetch.prefetch = "0";
        auto m = load_vulkan_f16("rand-rwkv7-L3-D128.safetensors", no_prefetch);
        const std::vector<std::int32_t> ids = {1136, 332, 4000, 17};
        rwkv::State a = m->new_state(), b = m->new_state();
        const auto prof = m->profile_decode(a, ids);
        for (auto t : ids) forward_logits(*m, b, {t});
        QCOMPARE(a.to_host(), b.to_host());
        std::map<std::string, rwkv::Model::StageTime> by;
        for (const auto& st : prof) {
            QVERIFY2(st.us > 0, st.stage.c_str());
            by[st.stage] = st;
        }
        QCOMPARE(by.size(), prof.size());
        QCOMPARE(by["att.proj"].calls, 3);
        QCOMPARE(by["ffn.value"].calls, 3);
        QCOMPARE(by["head.matvec"].calls, 1);
        const auto& s = m->shape();
        QCOMPARE(by["head.matvec"].bytes, double(s.vocab_size) * s.n_embd * 2);
        QCOMPARE(by["ffn.key"].bytes, 3.0 * s.dim_ffn * s.n_embd * 2);
        QVERIFY(by["ffn.value"].bytes > 0);
        QVERIFY(m->ffn_activity().total > 0 && m->ffn_activity().active > 0);
        // The recorded step: 13 dispatches per layer (12 in layer 0: no v1) + embed, ln0, cursor advance; 7 barriers
        // per layer + 4 (docs/vulkan.md, "Execution").
        const auto st = rwkv::vk::model_stats(*m);
        QCOMPARE(st.step_dispatches, std::size_t(13 * s.n_layer + 2));
        QCOMPARE(st.step_barriers, std::size_t(7 * s.n_layer + 4));
    }

    // Device choice is pure logic: test it with made-up adapters.
    void deviceChoice() {
        using rwkv::vk::DeviceInfo;
        auto dev = [](int i, const char* name, VkPhysicalDeviceType t, std::uint64_t gib, bool usable = true) {
            DeviceInfo d;
            d.index = i;
            d.name = name;
            d.type = t;
            d.local_bytes = d.budget_bytes = gib << 30;
            d.usable = usable;
            return d;
        };
        const std::vector<DeviceInfo> devs = {
            dev(0, "AMD Radeon 780M", VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU, 32),
            dev(1, "llvmpipe", VK_PHYSICAL_DEVICE_TYPE_CPU, 64),
            dev(2, "NVIDIA RTX 4060", VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU, 8),
            dev(3, "NVIDIA RTX 4090", VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU, 24),
            dev(4, "Old GPU", VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU, 48, false),
        };
        using rwkv::vk::choose_device;
        QCOMPARE(choose_device(devs, "auto", 1ull << 30).index, 3);   // the discrete GPU with the most memory
        QCOMPARE(choose_device(devs, "", 20ull << 30).index, 3);
        QCOMPARE(choose_device(devs, "auto", 30ull << 30).index, 0);  // only the iGPU and the CPU fit
        QCOMPARE(choose_device(devs, "1", 0).index, 1);               // pinned by index
        QCOMPARE(choose_device(devs, "rtx 4060", 0).index, 2);        // pinned by name
        QCOMPARE(error_code_of([&] { choose_device(devs, "9", 0); }), rwkv::ErrorCode::BackendUnavailable);
        QCOMPARE(error_code_of([&] { choose_device(devs, "Old", 0); }), rwkv::ErrorCode::BackendUnavailable);
        QCOMPARE(error_code_of([&] { choose_device({}, "auto", 0); }), rwkv::ErrorCode::BackendUnavailable);

        // The generic "auto" backend: only a discrete GPU that fits, the one with the most free memory.
        using rwkv::vk::auto_device;
        QCOMPARE(auto_device(devs, 1ull << 30)->index, 3);
        QCOMPARE(auto_device(devs, 20ull << 30)->index, 3);
        QVERIFY(!auto_device(devs, 30ull << 30));  // the iGPU and the CPU driver would fit: not taken
        QVERIFY(!auto_device({devs[0], devs[1]}, 0));
        QVERIFY(!auto_device({devs[4]}, 0));  // unusable
    }

    // "auto" never picks a CPU driver or an integrated GPU: on lavapipe it is the CPU backend.
    void autoBackendSkipsCpuDrivers() {
        if (!device_) QSKIP("no usable Vulkan device");
        bool discrete = false;
        for (const auto& d : rwkv::vk::list_devices()) discrete |= d.usable && d.type == VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU;
        if (discrete) QSKIP("a discrete GPU is present: auto may take it");
        rwkv::LoadOptions o;
        o.backend = "auto";
        o.weight_dtype = rwkv::DType::F16;
        auto m = rwkv::Model::load(testdata("tiny-rwkv7-834K.pth"), o);
        QCOMPARE(QString::fromStdString(m->backend_name()).left(3), QString("cpu"));
    }

    void errorMapping() {
        using rwkv::ErrorCode;
        QCOMPARE(error_code_of([] { rwkv::vk::check(VK_ERROR_OUT_OF_DEVICE_MEMORY, "x"); }), ErrorCode::OutOfMemory);
        QCOMPARE(error_code_of([] { rwkv::vk::check(VK_ERROR_OUT_OF_HOST_MEMORY, "x"); }), ErrorCode::OutOfMemory);
        QCOMPARE(error_code_of([] { rwkv::vk::check(VK_ERROR_DEVICE_LOST, "x"); }), ErrorCode::BackendUnavailable);
        if (!device_) QSKIP("no usable Vulkan device");
        rwkv::LoadOptions o;
        o.backend = "vulkan:no-such-gpu";
        QCOMPARE(error_code_of([&] { rwkv::Model::load(testdata("tiny-rwkv7-834K.pth"), o); }), ErrorCode::BackendUnavailable);
        o.backend = "vulkan:0";
        auto m = rwkv::Model::load(testdata("tiny-rwkv7-834K.pth"), o);
        QCOMPARE(QString::fromStdString(m->backend_name()), QString("vulkan:0"));
    }
};

QTEST_APPLESS_MAIN(TestVulkanForward)
#include "test_vulkan_forward.moc"
