// int8 weights on the Vulkan backend (LoadOptions::weight_dtype I8: att r/k/v/o, ffn key/value and the head as int8
// per stored row with an fp32 scale, quantised at load as the CUDA backend does; the rest fp16) on whatever Vulkan
// device is present (lavapipe in CI), tiny models only:
//   * every golden, prefilled (rows path: gemm_i8 on lavapipe) and token by token (matvec_i8, the int8 sparse
//     FFN): CUDA's int8 rule (tests/gpu/test_cuda_forward.cpp goldens_int8): logits <= 0.5 max-abs,
//     state <= 1.0 scaled, the golden top-1 (within 0.5 of the best logit on the random L3-D128 model, whose top-2
//     margins are as small as 0.04), both modes <= 0.05 apart;
//   * against the CPU backend's int8 (a scale per 64 weights and int8 activations, engine/src/cpu/kernels.h): see
//     kCpuTol;
//   * the packed-word fallback (no 8-bit storage) bit-identical to the 8-bit storage path, prefill, decode, batched;
//   * the rows path's GEMMs staging int8 themselves (gemm_i8) bit-identical to `gemm` on the fp16 copies (dequant_i8;
//     cooperative matrices hidden, RWKV_VK_COOP=0);
//   * on a device with VK_NV_cooperative_matrix (else QSKIP): the tensor-core GEMMs' int8 forms
//     (ModelConfig::int8_gemm_stage) bit-identical to the copies (prefill, batched steps of 3, 5 and 64, the goldens);
//     their selection (choose_kernels) on any machine;
//   * split weight blocks (16 KiB) bit-identical to unsplit on CPU drivers, within 1e-4 scaled on GPUs (another
//     summation order: the sparse FFN value's pieces, the tensor-core tiles); 64 threads per row and the wide int8 matvec (the GPU
//     defaults) close to the per-row form;
//   * the wide int8 matvec by the integer dot product (ModelConfig::int8_dot): test_vulkan_int8_dot.cpp (split from here
//     in session 51; shared helpers: vk_int8_test_util.h);
//   * chunked prefill and batched decode of 5 sequences against token-by-token decode; run_bench (rwkv-cli bench) with
//     --dtype int8 and its profile's int8 bytes; zero validation errors.
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
#include "vk_int8_test_util.h"
#include "vk_test_model.h"

using namespace vk_int8_test;

class TestVulkanInt8 : public QObject {
    Q_OBJECT
    bool device_ = false;
    PrefillLogits goldens_prefilled_;  // goldens(): the default config's prefill logits of every golden

private slots:
    void initTestCase() { device_ = vktest::have_vulkan_device(); }

    void goldens() {
        if (!device_) QSKIP("no usable Vulkan device");
        check_goldens({}, nullptr, false, &goldens_prefilled_);
    }

    // The CPU backend's int8 on the same goldens (prefill), logit by logit. The Vulkan side: goldens()'s prefill
    // logits of the same files with the same (default) config where it ran before in this process (the same
    // computation: lavapipe took ~8 CPU-seconds to prefill the 8 goldens again), else prefilled here.
    void agreesWithCpuInt8() {
        if (!device_) QSKIP("no usable Vulkan device");
        const auto idx = golden::index();
        double worst = 0;
        for (const char* file : {"tiny-rwkv7-834K.safetensors", "rand-rwkv7-L3-D128.safetensors"}) {
            std::unique_ptr<rwkv::Model> vk;
            auto vk_logits = [&](const nlohmann::json& c) {
                const auto it = goldens_prefilled_.find(std::string(file) + ":" + std::string(c["id"]));
                if (it != goldens_prefilled_.end()) return it->second;
                if (!vk) vk = load_i8(file);
                return run_case(*vk, c, 256).first;
            };
            rwkv::LoadOptions o;
            o.backend = "cpu";
            o.weight_dtype = rwkv::DType::I8;
            o.threads = 2;
            auto cpu = rwkv::Model::load(testdata(file), o);
            QCOMPARE(cpu->weight_dtype(), rwkv::DType::I8);
            const std::string model = std::string(file).find("rand-") == 0 ? "rand-L3-D128" : "tiny";
            for (const auto& c : idx["cases"]) {
                if (c["model"] != model) continue;
                const double d = golden::max_abs_diff(vk_logits(c), run_case(*cpu, c, 256).first);
                qInfo("int8 %s:%s Vulkan vs CPU: max|dlogit| %.3g", file, std::string(c["id"]).c_str(), d);
                worst = std::max(worst, d);
            }
        }
        QVERIFY(worst <= kCpuTol);
    }

    // The packed-word fallback (devices without storageBuffer8BitAccess) gives the same bits as 8-bit storage.
    void wordFallbackBitIdentical() {
        if (!device_) QSKIP("no usable Vulkan device");
        rwkv::vk::ModelConfig words, s8;
        words.int8_storage = 0;
        s8.int8_storage = 1;
        const auto a = trace(*load_i8("rand-rwkv7-L3-D128.safetensors", words, kCutVocab));
        std::unique_ptr<rwkv::Model> m;
        try {
            m = load_i8("rand-rwkv7-L3-D128.safetensors", s8, kCutVocab);
        } catch (const rwkv::Error& e) {
            QSKIP("this device has no 8-bit storage buffers");
        }
        const auto b = trace(*m);
        QVERIFY(all_finite(a));
        QVERIFY(a == b);
        for (int sg : {0, 1}) {  // the wide matvec's int8 forms (the GPU default), both reductions
            words.matvec = s8.matvec = "wide";
            words.subgroup = s8.subgroup = sg;
            QVERIFY(trace(*load_i8("tiny-rwkv7-834K.safetensors", words)) ==
                    trace(*load_i8("tiny-rwkv7-834K.safetensors", s8)));
        }
    }

    // The rows path's two forms: gemm_i8 staging the int8 weights itself (the default without tensor-core GEMMs, so
    // on lavapipe) and the fp16 copies filled by dequant_i8 (the default with them) give the same bits; with split
    // blocks too (the copies' pieces split elsewhere than the int8 rows).
    void gemmI8EqualsCopies() {
        if (!device_) QSKIP("no usable Vulkan device");
        // gemm_i8 against `gemm` on the copies: on a tensor-core device the copies would go to the cooperative-matrix
        // GEMMs (another summation order: the H200 in session 37), so the extension is hidden here.
        ScopedEnv no_coop("RWKV_VK_COOP", "0");
        for (std::uint64_t block : {std::uint64_t(0), std::uint64_t(16) << 10}) {
            rwkv::vk::ModelConfig direct, copies;
            direct.int8_gemm_copies = 0;
            copies.int8_gemm_copies = 1;
            direct.max_weight_block = copies.max_weight_block = block;
            auto md = load_i8("tiny-rwkv7-834K.safetensors", direct), mc = load_i8("tiny-rwkv7-834K.safetensors", copies);
            QVERIFY(rwkv::vk::model_stats(*md).kernels.find(", rows path gemm_i8") != std::string::npos);
            QVERIFY(rwkv::vk::model_stats(*mc).kernels.find(", rows path on fp16 copies") != std::string::npos);
            const auto a = trace(*md);
            QVERIFY(all_finite(a));
            QVERIFY(trace(*mc) == a);
            // the copies' fills are dispatches of their own: the two forms did run
            QVERIFY(rwkv::vk::model_stats(*mc).rows_dispatches > rwkv::vk::model_stats(*md).rows_dispatches);
        }
        rwkv::vk::ModelConfig copies;
        copies.int8_gemm_copies = 1;
        QVERIFY(trace(*load_i8("rand-rwkv7-L3-D128.safetensors", copies, kCutVocab)) ==
                trace(*load_i8("rand-rwkv7-L3-D128.safetensors", {}, kCutVocab)));
    }

    // The tensor-core GEMMs' int8 forms (ModelConfig::int8_gemm_stage, RWKV_VK_I8_STAGE) are chosen only where the
    // device has VK_NV_cooperative_matrix and int8_gemm_copies is left at its default; with 1 no fp16 copies are made
    // (Kernels::i8_copies off: no I8Shadow, the budget check does not count them), with 2 only GEMMs of at most 64
    // rows take them (the copies stay for prefill). Any machine: choose_kernels on made-up devices.
    void stageSelection() {
        ScopedEnv stage_env("RWKV_VK_I8_STAGE", nullptr), copies_env("RWKV_VK_I8_COPIES", nullptr);
        rwkv::vk::Caps tc, plain;
        tc.coop_matrix = true;
        auto pick = [](const rwkv::vk::Caps& caps, int stage, int copies) {
            rwkv::vk::ModelConfig c;
            c.int8_gemm_stage = stage;
            c.int8_gemm_copies = copies;
            return rwkv::vk::choose_kernels(caps, c, 128);
        };
        constexpr std::uint32_t all = ~0u;
        struct Case { bool coop; int stage, copies; std::uint32_t want_rows; bool want_copies; };
        for (const Case& c : {Case{true, -1, -1, 64, true}, Case{true, 0, -1, 0, true}, Case{true, 1, -1, all, false},
                              Case{true, 2, -1, 64, true}, Case{true, 1, 1, 0, true}, Case{true, 2, 0, 0, false},
                              Case{false, 1, -1, 0, false}, Case{false, 2, -1, 0, false},
                              Case{false, -1, -1, 0, false}}) {
            const auto k = pick(c.coop ? tc : plain, c.stage, c.copies);
            const std::string tag = "coop " + std::to_string(c.coop) + " stage " + std::to_string(c.stage) +
                                    " copies " + std::to_string(c.copies);
            QVERIFY2(k.i8_stage_rows == c.want_rows, tag.c_str());
            QVERIFY2(k.i8_copies == c.want_copies, tag.c_str());
        }
        const std::string d = rwkv::vk::describe_kernels(pick(tc, 1, -1), true, true);
        QVERIFY2(d.find(", rows path tensor-core gemms on int8") != std::string::npos, d.c_str());
        const std::string d2 = rwkv::vk::describe_kernels(pick(tc, 2, -1), true, true);
        QVERIFY2(d2.find(", rows path tensor-core gemms on int8 at <= 64 rows, fp16 copies above") != std::string::npos,
                 d2.c_str());
        QCOMPARE(error_code_of([&] { pick(tc, 3, -1); }), rwkv::ErrorCode::InvalidArgument);
        qputenv("RWKV_VK_I8_STAGE", "1");  // the hand-run knob, below the config
        QCOMPARE(pick(tc, -1, -1).i8_stage_rows, all);
        QVERIFY(!pick(tc, -1, -1).i8_copies);
        QCOMPARE(pick(tc, 0, -1).i8_stage_rows, 0u);
        QCOMPARE(pick(plain, -1, -1).i8_stage_rows, 0u);
    }

    // On a tensor-core device: the int8 forms of gemm_coop / gemm_few / gemm_few_ws (int8_gemm_stage = 1, and 2: at
    // most 64 rows) against the same GEMMs on the fp16 copies (0): prefill (gemm_coop at 128 rows, its [F, M] FFN
    // form gemm_coop_ht, gemm_few in chunks of 32), batched steps of 3, 5 and 64 sequences (gemm_few_ws at 64 rows) and every golden: logits and states bit
    // for bit (the staged tiles hold the copies' bits).
    void stageBitIdentical_data() {
        QTest::addColumn<int>("stage");
        QTest::newRow("1: every GEMM") << 1;
        QTest::newRow("2: at most 64 rows") << 2;
    }
    void stageBitIdentical() {
        if (!device_) QSKIP("no usable Vulkan device");
        QFETCH(int, stage);
        rwkv::vk::ModelConfig on, off;
        on.int8_gemm_stage = stage;
        off.int8_gemm_stage = 0;
        const char* file = "rand-rwkv7-L3-D128.safetensors";
        auto mon = load_i8(file, on);
        if (rwkv::vk::model_stats(*mon).kernels.find(", rows path tensor-core gemms on int8") == std::string::npos)
            QSKIP("no VK_NV_cooperative_matrix on this Vulkan device: the int8 tensor-core GEMMs need it");
        auto moff = load_i8(file, off);
        QVERIFY(rwkv::vk::model_stats(*moff).kernels.find(", rows path on fp16 copies") != std::string::npos);
        const int V = mon->shape().vocab_size;
        struct Prefill { int n; std::size_t chunk; const char* ffn_ht; };
        // RWKV_VK_FFN_HT=1: the FFN hidden rows stored [F, M] (gemm_coop_ht[_i8]), which this model's widths (N <= 512:
        // split K) leave out by default
        for (const Prefill& pf : {Prefill{128, 256, "1"}, Prefill{128, 256, nullptr}, Prefill{70, 32, nullptr}}) {
            ScopedEnv ht("RWKV_VK_FFN_HT", pf.ffn_ht);
            const int n = pf.n;
            const std::size_t chunk = pf.chunk;
            rwkv::State a = mon->new_state(), b = moff->new_state();
            const auto la = forward_logits(*mon, a, ids_of(n, 3, V), chunk);
            const auto lb = forward_logits(*moff, b, ids_of(n, 3, V), chunk);
            QVERIFY(all_finite(la));
            const std::string tag = "prefill " + std::to_string(n) + " in chunks of " + std::to_string(chunk) +
                                    (pf.ffn_ht ? ", FFN [F, M]" : "");
            QVERIFY2(same_bits(la, lb), (tag + ": logits").c_str());
            QVERIFY2(same_bits(a.to_host(), b.to_host()), (tag + ": state").c_str());
        }
        // the copies' fills are dispatches of their own: none with the int8 forms (the same last call in both)
        QVERIFY(rwkv::vk::model_stats(*mon).rows_dispatches < rwkv::vk::model_stats(*moff).rows_dispatches);
        QVERIFY(same_bits(trace(*mon), trace(*moff)));  // prefill in chunks of 16, decode, B = 3
        for (int B : {5, 64}) {
            std::vector<rwkv::State> sa, sb;
            for (int b = 0; b < B; ++b) {
                sa.push_back(mon->new_state());
                sb.push_back(moff->new_state());
                forward_logits(*mon, sa.back(), ids_of(1 + b % 9, b, V));
                forward_logits(*moff, sb.back(), ids_of(1 + b % 9, b, V));
            }
            std::vector<rwkv::State*> pa, pb;
            for (int b = 0; b < B; ++b) {
                pa.push_back(&sa[std::size_t(b)]);
                pb.push_back(&sb[std::size_t(b)]);
            }
            std::vector<float> la(std::size_t(B) * std::size_t(V)), lb(la.size());
            for (int step = 0; step < 2; ++step) {
                std::vector<std::int32_t> toks;
                for (int b = 0; b < B; ++b) toks.push_back((step * 13 + b * 7 + 3) % V);
                mon->forward_batch(pa, toks, la);
                moff->forward_batch(pb, toks, lb);
                QVERIFY(all_finite(la));
                QVERIFY2(same_bits(la, lb), ("batched logits, B = " + std::to_string(B)).c_str());
            }
            for (int b = 0; b < B; ++b)
                QVERIFY2(same_bits(sa[std::size_t(b)].to_host(), sb[std::size_t(b)].to_host()),
                         ("batched state, B = " + std::to_string(B)).c_str());
        }
        check_goldens(on, &off);
    }

    // Weights split into 16 KiB blocks (many pieces; the fp16 copies split elsewhere than the int8 rows) give the
    // same bits as whole matrices; 64 threads per row (the GPU default) sum in another order only.
    void splitBlocksAndThreadsPerRow() {
        if (!device_) QSKIP("no usable Vulkan device");
        // Every form here reads x as floats (int8_dot = 0): on GPUs whose driver runs the integer dot product
        // accelerated (NVIDIA) the default quantizes x to int8 as well, another result (dotAgainstWords bounds it),
        // which made the per-row comparison below fail on the H100 (session 42) once the dot form became the default.
        rwkv::vk::ModelConfig words;
        words.int8_dot = 0;
        const auto whole = trace(*load_i8("tiny-rwkv7-834K.safetensors", words));
        rwkv::vk::ModelConfig split = words;
        split.max_weight_block = 16 << 10;
        auto m = load_i8("tiny-rwkv7-834K.safetensors", split);
        QVERIFY(rwkv::vk::model_stats(*m).weight_blocks > 20);
        // CPU drivers: bit for bit. GPUs (the H200, session 37): the sparse FFN value adds its pieces into x in
        // separate dispatches, and the tensor-core GEMMs' tiling follows a piece's rows: another summation order,
        // bounded as the other layouts below.
        if (rwkv::vk::model_stats(*m).kernels.find("matvec per_row") != std::string::npos) {
            QVERIFY(trace(*m) == whole);
        } else {
            const double ds = golden::max_scaled_diff(trace(*m), whole);
            qInfo("16 KiB blocks vs whole on a GPU: max scaled diff %.3g", ds);
            QVERIFY(ds <= 1e-4);
        }
        rwkv::vk::ModelConfig tpr = words;
        tpr.matvec_threads_per_row = 64;
        const double d = golden::max_scaled_diff(trace(*load_i8("tiny-rwkv7-834K.safetensors", tpr)), whole);
        qInfo("64 threads per row vs 1: max scaled diff %.3g", d);
        QVERIFY(d <= 1e-4);
        // The wide matvec's int8 forms (16 columns per 16-byte load; at C = 64 = 4 chunks the unrolled chunks past the
        // row re-read one with x = 0), subgroup and shared-memory reductions, 2 to 8 rows per workgroup, split blocks:
        // another summation order.
        struct Wide { int sg; std::uint32_t rows, unroll, wg; std::uint64_t block; };
        for (const Wide& v : {Wide{0, 8, 1, 256, 0}, Wide{1, 2, 4, 128, 0}, Wide{1, 4, 2, 64, 16 << 10}}) {
            rwkv::vk::ModelConfig wide = words;
            wide.matvec = "wide";
            wide.subgroup = v.sg;
            wide.matvec_rows = v.rows;
            wide.matvec_unroll = v.unroll;
            wide.matvec_workgroup = v.wg;
            wide.max_weight_block = v.block;
            auto mw = load_i8("tiny-rwkv7-834K.safetensors", wide);
            QVERIFY(rwkv::vk::model_stats(*mw).kernels.find("matvec wide") != std::string::npos);
            const double dw = golden::max_scaled_diff(trace(*mw), whole);
            qInfo("wide int8 matvec (sg %d, %u rows, unroll %u, wg %u) vs per row: max scaled diff %.3g", v.sg, v.rows,
                  v.unroll, v.wg, dw);
            QVERIFY(dw <= 1e-4);
        }
    }

    // Chunked prefill (the rows path's GEMMs on the fp16 copies) against the step token by token; batched decode of 5
    // sequences of different lengths (the head's fp16 copy at S > 1) against each alone (the random model's layers with
    // its vocabulary cut, kCutVocab: the batched head is the same GEMM on fewer columns).
    void rowsAgainstStep() {
        if (!device_) QSKIP("no usable Vulkan device");
        for (const char* file : {"rand-rwkv7-L3-D128.safetensors", "tiny-rwkv7-834K.safetensors"}) {
            auto m = load_i8(file), step = load_i8_steps(file);
            const int V = m->shape().vocab_size;
            const auto ids = ids_of(70, 1, V);
            rwkv::State a = m->new_state(), b = step->new_state();
            const auto la = forward_logits(*m, a, ids, 32);
            const auto lb = forward_logits(*step, b, ids);  // token by token through the step
            const double dl = golden::max_abs_diff(la, lb), ds = golden::max_scaled_diff(a.to_host(), b.to_host());
            qInfo("%s int8 prefill (chunks of 32) vs step: logits %.3g, state %.3g", file, dl, ds);
            QVERIFY(dl <= kRowsTol && ds <= kRowsTol);
            rwkv::State c = m->new_state();
            QVERIFY(forward_logits(*m, c, ids, 19) == la);  // chunk sizes (19, 19, 19, 13): bit for bit
        }
        auto m = load_i8("rand-rwkv7-L3-D128.safetensors", {}, kCutVocab);
        const int V = m->shape().vocab_size;
        const std::vector<int> lengths = {0, 1, 9, 23, 4};
        std::vector<rwkv::State> batch, single;
        for (std::size_t b = 0; b < lengths.size(); ++b) {
            batch.push_back(m->new_state());
            if (lengths[b] > 0) forward_logits(*m, batch.back(), ids_of(lengths[b], int(b) + 2, V));
            single.push_back(batch.back().clone());
        }
        std::vector<rwkv::State*> ptrs;
        for (auto& s : batch) ptrs.push_back(&s);
        std::vector<float> logits(lengths.size() * std::size_t(V));
        double worst = 0;
        for (int step = 0; step < 3; ++step) {
            std::vector<std::int32_t> toks;
            for (std::size_t b = 0; b < lengths.size(); ++b) toks.push_back((step * 13 + int(b) * 7 + 3) % V);
            m->forward_batch(ptrs, toks, logits);
            for (std::size_t b = 0; b < lengths.size(); ++b) {
                const auto want = forward_logits(*m, single[b], {toks[b]});
                const std::vector<float> got(logits.begin() + std::ptrdiff_t(b * std::size_t(V)),
                                             logits.begin() + std::ptrdiff_t((b + 1) * std::size_t(V)));
                worst = std::max(worst, golden::max_abs_diff(got, want));
            }
        }
        for (std::size_t b = 0; b < lengths.size(); ++b)
            worst = std::max(worst, golden::max_scaled_diff(batch[b].to_host(), single[b].to_host()));
        qInfo("int8 batched B=5 vs single decodes: max diff %.3g", worst);
        QVERIFY(worst <= kRowsTol);
    }

    // rwkv-cli bench's engine (run_bench) on Vulkan with --dtype int8: decode, a batched step, and the profile's
    // per-stage bytes count one byte per int8 weight (the FFN key: F x C bytes a layer, the head V x C).
    void benchRunsInt8() {
        if (!device_) QSKIP("no usable Vulkan device");
        for (int batch : {1, 3}) {
            rwkv::BenchOptions o;
            o.backend = "vulkan";
            o.random = "tiny";
            o.dtype = rwkv::DType::I8;
            o.batch = batch;
            o.prompt = 8;
            o.gen = 2;
            o.warmup_s = 0;
            o.profile = batch == 1;
            const rwkv::BenchResult r = rwkv::run_bench(o);
            QCOMPARE(r.dtype, std::string("int8"));
            QVERIFY(r.decode_tok_s > 0);
            if (batch > 1) continue;
            const rwkv::ModelShape s = rwkv::preset_shape("tiny");
            std::map<std::string, double> bytes;
            for (const auto& st : r.profile) bytes[st.stage] = st.bytes;
            QCOMPARE(bytes["ffn.key"], double(s.n_layer) * s.dim_ffn * s.n_embd);
            QCOMPARE(bytes["head.matvec"], double(s.vocab_size) * s.n_embd);
        }
    }

    // No validation-layer errors on any int8 path, with 8-bit storage and with the word fallback, and the wide matvec
    // by the integer dot product (its SPIR-V declares SPV_KHR_integer_dot_product: the device must enable it).
    void noValidationErrors() {
        if (!device_) QSKIP("no usable Vulkan device");
        for (int storage : {0, -1, 2}) {
            rwkv::vk::ModelConfig cfg = storage == 2 ? dot_config() : rwkv::vk::ModelConfig{};
            cfg.validation = true;
            cfg.int8_storage = storage == 2 ? -1 : storage;
            cfg.int8_gemm_copies = storage == 0 ? 1 : -1;  // both rows-path forms
            cfg.max_weight_block = 16 << 10;
            auto m = load_i8("tiny-rwkv7-834K.safetensors", cfg);
            trace(*m);
            const auto st = rwkv::vk::model_stats(*m);
            if (!st.validation) QSKIP("VK_LAYER_KHRONOS_validation is not installed (vulkan-validationlayers)");
            if (storage == 2) QVERIFY2(!has_dot(*m) || contains(st.shaders_used, "matvec_wide_i8_dot"), st.kernels.c_str());
            for (const auto& e : st.validation_errors) qWarning("validation: %s", e.c_str());
            QVERIFY(st.validation_errors.empty());
        }
    }
};

QTEST_GUILESS_MAIN(TestVulkanInt8)
#include "test_vulkan_int8.moc"
