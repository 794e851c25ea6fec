// The wide int8 matvec on the Vulkan backend by the integer dot product (ModelConfig::int8_dot; devices with
// VK_KHR_shader_integer_dot_product, lavapipe included, else QSKIP): the goldens, against the float word path
// (kDotTol), that it ran (ModelStats::shaders_used), with x quantized once (ModelConfig::int8_xq) byte-equal logits and
// states to it, and its selection. Split from test_vulkan_int8.cpp (int8 weights on the Vulkan backend) in session 51;
// shared helpers: vk_int8_test_util.h. The kernel alone against an fp64 reference: test_vulkan_i8_dot.cpp.
// Without a usable Vulkan device every test QSKIPs.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>

#include "engine/golden.h"
#include "engine/model_calls.h"
#include "rwkv/bench.h"
#include "rwkv/error.h"
#include "rwkv/model.h"
#include "rwkv/weights.h"
#include "vulkan/vk_context.h"
#include "vulkan/vk_kernels.h"
#include "vulkan/vk_model.h"
#include "vk_test_model.h"
#include "vk_int8_test_util.h"

using namespace vk_int8_test;

class TestVulkanInt8Dot : public QObject {
    Q_OBJECT
    bool device_ = false;

private slots:
    void initTestCase() { device_ = vktest::have_vulkan_device(); }

    // The dot-product matvec on every golden, token by token, within the int8 bound. Token by token only: a prefill
    // reaches the matvec for its last row's head alone, which every step runs too, and prefilling the goldens again
    // doubled this CI entry's time on lavapipe (the default int8 goldens prefill them). check_goldens runs each prompt
    // in one forward() without the rows path (rows_prefill 0): every token through the step, the head after the last.
    // In workgroups of 64 threads and 4 dot rows (matvec_workgroup 64, int8_dot_rows 4; the defaults for these widths
    // are 256 and 8), which give the same sums bit for bit on these models, asserted first on each model's shortest
    // golden: a row's 16-column chunks are at most 32 (C = 64 and 128, the FFN value's 4C), one a thread in either
    // size, the threads without one add exact zeros, and the shared-memory reduction pairs the rest alike (a thread's
    // 4 strided partials, then a tree over 16 threads, against 8 partials and a tree over 32: at most 2 nonzero partials
    // each, summed first as the wider tree's stride-16 step does; a subgroup sum sees the same lanes). Lavapipe runs
    // every thread of a workgroup, 248-252 of 256 idle here: the goldens 35.9 -> ~18 CPU-seconds (session 44; the dot
    // rows 8, 16 or 64 beside 64 threads changed little).
    void dotGoldens() {
        if (!device_) QSKIP("no usable Vulkan device");
        if (std::getenv("RWKV_VK_SKIP_DOT")) QSKIP("RWKV_VK_SKIP_DOT: the test_vulkan_int8_dot entry runs it");
        auto tiny = load_i8_steps("tiny-rwkv7-834K.safetensors", dot_config());
        if (!has_dot(*tiny)) QSKIP("no VK_KHR_shader_integer_dot_product on this Vulkan device");
        rwkv::State s = tiny->new_state();
        forward_logits(*tiny, s, ids_of(3, 0, tiny->shape().vocab_size), 256);
        const auto st = rwkv::vk::model_stats(*tiny);  // 3 tokens in one call: the step's dot matvec, no rows pass
        const bool dot_made = std::any_of(st.shaders_used.begin(), st.shaders_used.end(),
                                          [](const std::string& n) { return n.rfind("matvec_wide_i8_dot", 0) == 0; });
        QVERIFY2(dot_made && st.rows_dispatches == 0, st.kernels.c_str());
        rwkv::vk::ModelConfig wg64 = dot_config();
        wg64.matvec_workgroup = 64;
        wg64.int8_dot_rows = 4;
        const auto idx = golden::index();
        int same = 0;
        for (const auto& [file, id] : {std::pair{"tiny-rwkv7-834K.safetensors", "quote_in"},
                                       std::pair{"rand-rwkv7-L3-D128.safetensors", "en"}}) {
            auto whole = load_i8_steps(file, dot_config()), narrow = load_i8_steps(file, wg64);
            const std::string kw = rwkv::vk::model_stats(*whole).kernels, kn = rwkv::vk::model_stats(*narrow).kernels;
            QVERIFY2(kw.find(" wg256") != std::string::npos && kn.find(" wg64") != std::string::npos, (kw + " | " + kn).c_str());
            for (const auto& c : idx["cases"]) {
                if (c["id"] != id || idx["models"][std::string(c["model"])]["files"][0] != file) continue;
                const auto [lw, sw] = run_case(*whole, c, 256);
                const auto [ln, sn] = run_case(*narrow, c, 256);
                QVERIFY2(same_bits(lw, ln) && same_bits(sw, sn), (std::string(file) + ":" + id).c_str());
                ++same;
            }
        }
        QCOMPARE(same, 2);
        check_goldens(wg64, nullptr, true);
    }

    // The dot-product matvec against the float word path on the same weights and layout: 24 tokens decoded through the
    // step, the logits after tokens 8, 16 and 24 and the states within kDotTol; both reductions, 1 and 8 rows per
    // workgroup (tiny: C = 64, F = 256, four 16-column chunks a row, so the unrolled chunks past the row's end run
    // too). Every token runs the layers' dot matvecs; the head's runs after every 8th token (one forward() of 8 tokens
    // through the step: load_i8_steps), not after each as until session 41. The random model with its vocabulary cut
    // (kCutVocab: two forms of the same layers; its wide 65,536-row head, both forms, was most of this test's time
    // on lavapipe until session 43).
    void dotAgainstWords() {
        if (!device_) QSKIP("no usable Vulkan device");
        if (std::getenv("RWKV_VK_SKIP_DOT")) QSKIP("RWKV_VK_SKIP_DOT: the test_vulkan_int8_dot entry runs it");
        double worst_l = 0, worst_s = 0;
        for (const char* file : {"tiny-rwkv7-834K.safetensors", "rand-rwkv7-L3-D128.safetensors"}) {
            for (const auto& [sg, rows] : {std::pair{0, 8u}, std::pair{1, 1u}, std::pair{1, 8u}}) {
                const int vocab = std::strncmp(file, "rand-", 5) == 0 ? kCutVocab : 0;
                auto words = load_i8_steps(file, dot_config(sg, rows, 0), vocab),
                     dot = load_i8_steps(file, dot_config(sg, rows, 1), vocab);
                if (!has_dot(*dot)) QSKIP("no VK_KHR_shader_integer_dot_product on this Vulkan device");
                QVERIFY(!has_dot(*words));
                const int V = dot->shape().vocab_size;
                rwkv::State a = words->new_state(), b = dot->new_state();
                const auto ids = ids_of(24, sg + int(rows), V);
                for (std::size_t i = 0; i < ids.size(); i += 8) {
                    const std::vector<std::int32_t> part(ids.begin() + std::ptrdiff_t(i), ids.begin() + std::ptrdiff_t(i + 8));
                    const auto lw = forward_logits(*words, a, part, 256), ld = forward_logits(*dot, b, part, 256);
                    QVERIFY(all_finite(ld));
                    worst_l = std::max(worst_l, golden::max_abs_diff(ld, lw));
                }
                QCOMPARE(rwkv::vk::model_stats(*dot).rows_dispatches, std::size_t(0));  // every token through the step
                worst_s = std::max(worst_s, golden::max_scaled_diff(b.to_host(), a.to_host()));
            }
        }
        qInfo("int8 dot vs word matvec, 24 decode steps (logits after 8, 16, 24): max|dlogit| %.3g, state %.3g (bound %.3g)", worst_l, worst_s,
              kDotTol);
        QVERIFY(worst_l > 0);  // x was quantized: another result than the float path's
        QVERIFY(worst_l <= kDotTol && worst_s <= kDotTol);
    }

    // The dot-product path did run: its pipeline was made and the word forms' were not, with 8-bit storage too (the
    // dot form reads uint words on every device, so there is one variant per reduction); ModelStats::kernels says so.
    // Every place a matvec runs: a prefill of one sequence (the rows path's head at one row, vk_rows.cpp) and a decode
    // step (every layer's matrices and the head); batched steps and longer prefills run GEMMs only (until session 43
    // trace(): 4 rows calls and a batched step more, ~3 CPU-seconds of the tiny model each on lavapipe).
    void dotRan() {
        if (!device_) QSKIP("no usable Vulkan device");
        if (std::getenv("RWKV_VK_SKIP_DOT")) QSKIP("RWKV_VK_SKIP_DOT: the test_vulkan_int8_dot entry runs it");
        for (int storage : {0, 1}) {
            for (int sg : {0, 1}) {
                rwkv::vk::ModelConfig cfg = dot_config(sg);
                cfg.int8_storage = storage;
                std::unique_ptr<rwkv::Model> m;
                try {
                    m = load_i8("tiny-rwkv7-834K.safetensors", cfg);
                } catch (const rwkv::Error&) {
                    continue;  // no 8-bit storage or subgroup arithmetic here
                }
                if (!has_dot(*m)) QSKIP("no VK_KHR_shader_integer_dot_product on this Vulkan device");
                rwkv::State s = m->new_state();
                QVERIFY(all_finite(forward_logits(*m, s, ids_of(5, sg, m->shape().vocab_size))));  // rows path
                QVERIFY(all_finite(forward_logits(*m, s, {7})));                                      // the step
                const auto st = rwkv::vk::model_stats(*m);
                QVERIFY(st.rows_dispatches > 0);
                const std::string dot = sg ? "matvec_wide_i8_dot_sg" : "matvec_wide_i8_dot";
                QVERIFY2(contains(st.shaders_used, dot), st.kernels.c_str());
                for (const char* word : {"matvec_wide_i8", "matvec_wide_i8_s8", "matvec_wide_i8_sg", "matvec_wide_i8_sg_s8",
                                         "matvec_i8", "matvec_i8_s8"})
                    QVERIFY2(!contains(st.shaders_used, word), word);
                QVERIFY2(st.kernels.find(", int8 matvec dot/8") != std::string::npos, st.kernels.c_str());
            }
        }
    }

    // int8_xq / RWKV_VK_I8_XQ: x quantized once by the kernels writing it (token_mix_xq, wkv7_xq) and loaded by the
    // dot matvec (matvec_wide_i8_dot_xq), the same quantize_x16 of the same floats as the matvec quantizing x itself:
    // logits and states byte-equal to the dot path over 7 decode steps (6 tokens in one forward(), then 1: the head
    // twice), both reductions, 1 and 4 rows, on tiny (C = 64; token mix slices of 32: two workgroups), the random
    // L3-D128 and a random C = 320 model (the token mix's slice in two passes of 256 columns, the second of 64).
    // Its selection: off by default, only with the dot form, RWKV_VK_I8_XQ below the config, bad values refused.
    void dotXqBitIdentical() {
        if (!device_) QSKIP("no usable Vulkan device");
        if (std::getenv("RWKV_VK_SKIP_DOT")) QSKIP("RWKV_VK_SKIP_DOT: the test_vulkan_int8_dot entry runs it");
        rwkv::RandomWeightsOptions ro;
        ro.shape = rwkv::preset_shape("tiny");
        ro.shape.n_layer = 1;
        ro.shape.n_embd = 320;
        ro.shape.n_head = 5;
        ro.shape.dim_ffn = 1280;
        ro.shape.vocab_size = 512;
        ro.seed = 41;
        auto load = [&](const char* file, rwkv::vk::ModelConfig cfg) {
            cfg.rows_prefill = 0;
            if (*file) return load_i8(file, cfg, std::strncmp(file, "rand-", 5) == 0 ? kCutVocab : 0);
            rwkv::LoadOptions o;
            o.backend = "vulkan";
            o.weight_dtype = rwkv::DType::I8;
            return rwkv::make_vulkan_model(rwkv::make_random_weights(ro), o, cfg);
        };
        const char* tiny = "tiny-rwkv7-834K.safetensors";
        struct Run { const char* file; int sg; std::uint32_t rows; };
        // Random L3-D128 once, with its vocabulary cut (kCutVocab): its 65536-row head was most of this test's time on
        // lavapipe.
        const Run runs[] = {{tiny, 0, 4}, {tiny, 1, 1}, {tiny, 1, 4}, {"rand-rwkv7-L3-D128.safetensors", 1, 4},
                            {"", 0, 4},   {"", 1, 1}};
        int compared = 0;
        for (const auto& [file, sg, rows] : runs) {
            rwkv::vk::ModelConfig c = dot_config(sg, rows);
            if (file[0] == 't') c.token_mix_slice = 32;
            c.int8_xq = 0;
            rwkv::vk::ModelConfig cx = c;
            cx.int8_xq = 1;
            auto dot = load(file, c), xq = load(file, cx);
            if (!has_dot(*dot)) QSKIP("no VK_KHR_shader_integer_dot_product on this Vulkan device");
            const auto ks = rwkv::vk::model_stats(*xq).kernels;
            QVERIFY2(ks.find(", x quantized once") != std::string::npos, ks.c_str());
            QVERIFY(rwkv::vk::model_stats(*dot).kernels.find("quantized once") == std::string::npos);
            const int V = dot->shape().vocab_size;
            rwkv::State a = dot->new_state(), b = xq->new_state();
            const auto ids = ids_of(7, sg + int(rows), V);
            const std::string tag = std::string(*file ? file : "random C320") + " sg " + std::to_string(sg) +
                                    " rows " + std::to_string(rows);
            const std::vector<std::int32_t> first(ids.begin(), ids.begin() + 6);
            QVERIFY2(same_bits(forward_logits(*dot, a, first), forward_logits(*xq, b, first)), tag.c_str());
            for (std::size_t i = 6; i < ids.size(); ++i) {
                const auto ld = forward_logits(*dot, a, {ids[i]}), lx = forward_logits(*xq, b, {ids[i]});
                QVERIFY2(all_finite(lx) && same_bits(ld, lx), tag.c_str());
            }
            QVERIFY2(same_bits(a.to_host(), b.to_host()), tag.c_str());
            const auto used = rwkv::vk::model_stats(*xq).shaders_used;
            const std::string sfx = sg ? "_sg" : "";
            for (const char* n : {"token_mix_xq", "wkv7_xq", "matvec_wide_i8_dot_xq"})
                QVERIFY2(contains(used, n + sfx), (tag + ": " + n).c_str());
            QVERIFY2(!contains(used, "matvec_wide_i8_dot" + sfx), tag.c_str());  // every int8 matvec read chunks
            ++compared;
        }
        QCOMPARE(compared, 6);
        ScopedEnv xq_env("RWKV_VK_I8_XQ", nullptr);
        rwkv::vk::Caps with;
        with.int_dot = true;
        auto pick = [&](const rwkv::vk::ModelConfig& c) { return rwkv::vk::choose_kernels(with, c, 4096); };
        rwkv::vk::ModelConfig c = dot_config();
        QVERIFY(!pick(c).i8_xq);  // off by default where the dot product is not accelerated (lavapipe)
        rwkv::vk::Caps accelerated = with;
        accelerated.int_dot_accelerated = true;
        QVERIFY(rwkv::vk::choose_kernels(accelerated, rwkv::vk::ModelConfig{}, 4096).i8_xq);  // NVIDIA: the default
        c.int8_xq = 0;
        QVERIFY(!rwkv::vk::choose_kernels(accelerated, c, 4096).i8_xq);
        c.int8_xq = -2;
        QCOMPARE(error_code_of([&] { pick(c); }), rwkv::ErrorCode::InvalidArgument);
        c.int8_xq = 1;
        QVERIFY(pick(c).i8_xq);
        QVERIFY(!rwkv::vk::choose_kernels(rwkv::vk::Caps{}, c, 4096).i8_xq);  // no dot product: no chunks
        QVERIFY(!rwkv::vk::choose_kernels(with, c, 4104).i8_xq);               // C % 16 != 0
        c.int8_dot = 0;
        QVERIFY(!pick(c).i8_xq);
        c.int8_dot = 1;
        c.int8_xq = 2;
        QCOMPARE(error_code_of([&] { pick(c); }), rwkv::ErrorCode::InvalidArgument);
        c.int8_xq = -1;
        qputenv("RWKV_VK_I8_XQ", "1");
        QVERIFY(pick(c).i8_xq);
        c.int8_xq = 0;
        QVERIFY(!pick(c).i8_xq);
    }

    // int8_dot / RWKV_VK_I8_DOT: by default on where the driver runs the integer dot product accelerated; asked for,
    // on where the device has it at all (else the word path, silently); the dot form's rows per workgroup; bad values
    // refused. Any machine: made-up devices.
    void dotSelection() {
        ScopedEnv dot_env("RWKV_VK_I8_DOT", nullptr), rows_env("RWKV_VK_I8_DOT_ROWS", nullptr),
            mrows_env("RWKV_VK_MATVEC_ROWS", nullptr);
        rwkv::vk::Caps with, without, accelerated;
        with.int_dot = true;
        accelerated.int_dot = accelerated.int_dot_accelerated = true;
        auto pick = [](const rwkv::vk::Caps& caps, const rwkv::vk::ModelConfig& c) {
            return rwkv::vk::choose_kernels(caps, c, 4096);
        };
        QVERIFY(!pick(with, dot_config(-1, 0, -1)).i8_dot);        // lavapipe: the extension, not accelerated
        QVERIFY(pick(accelerated, dot_config(-1, 0, -1)).i8_dot);  // NVIDIA: the default
        QVERIFY(!pick(without, dot_config(-1, 0, -1)).i8_dot);
        QVERIFY(!pick(accelerated, dot_config(-1, 0, 0)).i8_dot);
        QVERIFY(pick(with, dot_config()).i8_dot);
        QVERIFY(!pick(without, dot_config()).i8_dot);
        QVERIFY(!pick(with, dot_config(-1, 0, 0)).i8_dot);
        QCOMPARE(pick(with, dot_config()).i8_dot_rows, 4u);        // 7.2B's wide rows are 2: the dot form takes 4
        QCOMPARE(pick(with, dot_config(-1, 32)).i8_dot_rows, 32u);
        QCOMPARE(error_code_of([&] { pick(with, dot_config(-1, 0, 2)); }), rwkv::ErrorCode::InvalidArgument);
        QCOMPARE(error_code_of([&] { pick(with, dot_config(-1, 0, -2)); }), rwkv::ErrorCode::InvalidArgument);
        QCOMPARE(error_code_of([&] { pick(with, dot_config(-1, 3)); }), rwkv::ErrorCode::InvalidArgument);
        const std::string d = rwkv::vk::describe_kernels(pick(with, dot_config()), true, true);
        QVERIFY2(d.find(", int8 matvec dot/4") != std::string::npos, d.c_str());
        QVERIFY(rwkv::vk::describe_kernels(pick(without, dot_config()), true, true).find("dot") == std::string::npos);
        qputenv("RWKV_VK_I8_DOT", "1");  // the hand-run knobs, below the config
        qputenv("RWKV_VK_I8_DOT_ROWS", "16");
        QVERIFY(pick(with, dot_config(-1, 0, -1)).i8_dot);
        QVERIFY(!pick(without, dot_config(-1, 0, -1)).i8_dot);
        QCOMPARE(pick(with, dot_config(-1, 0, -1)).i8_dot_rows, 16u);
        QVERIFY(!pick(with, dot_config(-1, 0, 0)).i8_dot);
        qunsetenv("RWKV_VK_I8_DOT_ROWS");
        qputenv("RWKV_VK_MATVEC_ROWS", "32");  // wider than 8: the wide matvec's rows
        QCOMPARE(pick(with, dot_config(-1, 0, -1)).i8_dot_rows, 32u);
    }
};

QTEST_GUILESS_MAIN(TestVulkanInt8Dot)
#include "test_vulkan_int8_dot.moc"
