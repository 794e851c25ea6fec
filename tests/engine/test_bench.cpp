// Random weights of the official shapes (sizes, determinism, FFN density) and `rwkv-cli bench` output (one
// JSON object with every field of issue 3), on short runs of small shapes. Speed itself is never asserted.
#include <QProcess>
#include <cstdlib>
#include <thread>
#include <QtTest>

#include <nlohmann/json.hpp>

#include "rwkv/bench.h"
#include "rwkv/error.h"
#include "rwkv/model.h"

class TestBench : public QObject {
    Q_OBJECT

private slots:
    void presetShapes() {
        const rwkv::ModelShape s = rwkv::preset_shape("7.2b");
        QCOMPARE(s.n_layer, 32);
        QCOMPARE(s.n_embd, 4096);
        QCOMPARE(s.dim_ffn, 16384);
        QCOMPARE(s.lora_g, 480);
        QCOMPARE(rwkv::preset_shape("13.3b").n_layer, 61);
        QVERIFY_THROWS_EXCEPTION(rwkv::Error, rwkv::preset_shape("3b"));
    }

    // 0.1B has 191,034,624 parameters (spec §1.4 table).
    void officialParameterCount() {
        rwkv::RandomWeightsOptions o;
        o.shape = rwkv::preset_shape("0.1b");
        o.dtype = rwkv::DType::BF16;
        const rwkv::WeightSet ws = rwkv::make_random_weights(o);
        QCOMPARE(ws.total_bytes(), std::size_t(2) * 191034624);
        QCOMPARE(ws.shape, o.shape);
    }

    void sameSeedSameBitsAnyThreadCount() {
        rwkv::RandomWeightsOptions o;
        o.shape = rwkv::preset_shape("tiny");
        o.threads = 1;
        const rwkv::WeightSet a = rwkv::make_random_weights(o);
        o.threads = 3;
        const rwkv::WeightSet b = rwkv::make_random_weights(o);
        o.seed = 2;
        const rwkv::WeightSet c = rwkv::make_random_weights(o);
        const auto& ta = a.get("blocks.1.ffn.key.weight");
        const auto& tb = b.get("blocks.1.ffn.key.weight");
        const auto& tc = c.get("blocks.1.ffn.key.weight");
        QCOMPARE(std::memcmp(ta.data, tb.data, ta.nbytes), 0);
        QVERIFY(std::memcmp(ta.data, tc.data, ta.nbytes) != 0);
        // magnitudes: emb ~ unit variance, decays in range
        double ss = 0;
        const auto& e = a.get("emb.weight");
        for (int i = 0; i < 10000; ++i) ss += double(e.at(std::size_t(i))) * e.at(std::size_t(i));
        QVERIFY(ss / 10000 > 0.8 && ss / 10000 < 1.2);
    }

    // LoadOptions::threads = 0: one thread for a model too small to share its work (the "tiny" preset, the 834K demo
    // model: hand-offs cost more than the rows), all hardware threads for an official size; the bench reports what ran.
    void automaticThreadsFollowTheModelSize() {
        const int hw = int(std::max(1u, std::thread::hardware_concurrency()));
        QCOMPARE(rwkv::auto_cpu_threads(rwkv::preset_shape("tiny")), 1);
        QCOMPARE(rwkv::auto_cpu_threads(rwkv::preset_shape("0.1b")), hw);
        rwkv::BenchOptions o;
        o.random = "tiny";
        o.prompt = 4;
        o.gen = 2;
        const rwkv::BenchResult r = rwkv::run_bench(o);
        QCOMPARE(r.threads, 1);
        QVERIFY2(r.device.find("CPU, 1 thread,") != std::string::npos, r.device.c_str());
        o.threads = 2;
        const rwkv::BenchResult two = rwkv::run_bench(o);
        QCOMPARE(two.threads, 2);
        QVERIFY2(two.device.find("CPU, 2 threads,") != std::string::npos, two.device.c_str());
    }

    // The untimed decode warm-up runs one step and then more until warmup_s has passed after it (GPU clocks; perf-notes
    // "B=1 v5": a first step that compiles pipelines for seconds must not end the warm-up on its own); the timed loop
    // is unchanged by it; the prefill's warm-up likewise (vulkan-rows.md "Rows path v30"). A warm-up outside 0..60 s
    // is refused.
    void decodeWarmUpRunsForItsTime() {
        rwkv::BenchOptions o;
        o.random = "tiny";
        o.prompt = 4;
        o.gen = 2;
        o.warmup_s = 0;
        const rwkv::BenchResult none = rwkv::run_bench(o);
        QCOMPARE(none.warmup_steps, 1);
        QVERIFY(none.first_step_ms > 0 && none.first_step_ms <= none.warmup_s * 1e3 + 1e-9);
        o.warmup_s = 0.2;
        const rwkv::BenchResult some = rwkv::run_bench(o);
        QVERIFY2(some.warmup_s >= 0.2, std::to_string(some.warmup_s).c_str());
        QVERIFY2(some.warmup_s * 1e3 >= some.first_step_ms + 200,
                 (std::to_string(some.warmup_s) + " s after a first step of " + std::to_string(some.first_step_ms) + " ms").c_str());
        QVERIFY(some.warmup_steps > 1);
        QCOMPARE(some.gen, 2);
        // The prompt's untimed prefill follows the same rule: one call at warmup_s = 0, more until 0.2 s after the first.
        QCOMPARE(none.prefill_warmup_calls, 1);
        QVERIFY(none.first_prefill_ms > 0);
        QVERIFY2(some.prefill_warmup_calls > 1, std::to_string(some.prefill_warmup_calls).c_str());
        QVERIFY(some.first_prefill_ms > 0);
        o.prompt = 0;
        o.warmup_s = 0.2;
        const rwkv::BenchResult no_prompt = rwkv::run_bench(o);
        QCOMPARE(no_prompt.prefill_warmup_calls, 0);
        QCOMPARE(no_prompt.first_prefill_ms, 0.0);
        o.prompt = 4;
        o.warmup_s = 61;
        QVERIFY_THROWS_EXCEPTION(rwkv::Error, rwkv::run_bench(o));
    }

    void measuredDensityNearTarget() {
        for (double target : {0.098, 0.3, -1.0}) {
            rwkv::BenchOptions o;
            o.random = "tiny";
            o.prompt = 8;
            o.gen = 16;
            o.ffn_density = target;
            const rwkv::BenchResult r = rwkv::run_bench(o);
            const double want = target > 0 ? target : 0.5;
            qInfo("target %.3f: measured FFN density %.4f", target, r.ffn_density);
            QVERIFY(std::fabs(r.ffn_density - want) < 0.3 * want);
        }
    }

    void bytesPerToken() {
        const rwkv::ModelShape s = rwkv::preset_shape("0.1b");
        // dense fp16: every matrix but emb once (one emb row) + LoRA/vectors in fp32; int8 about half of it
        const double f16 = rwkv::decode_weight_bytes(s, rwkv::DType::F16, 1.0);
        const double i8 = rwkv::decode_weight_bytes(s, rwkv::DType::I8, 1.0);
        QVERIFY(f16 > 2.0 * 140.7e6 && f16 < 2.0 * 140.8e6 + 25e6);
        QVERIFY(i8 > 0.45 * f16 && i8 < 0.6 * f16);
        QVERIFY(rwkv::decode_weight_bytes(s, rwkv::DType::F16, 0.1) < f16);
    }

    // Session 28's trial (N5): roofline_read_pct 115.6 beside roofline_pct 73.1 came with no note.
    void rooflineNoteNamesThePercentageOver100() {
        QCOMPARE(rwkv::roofline_note(4.2e6, 73.1, 99.9), std::string());
        QCOMPARE(rwkv::roofline_note(4.2e6, 73.1, 115.6),
                 std::string("the 4.2 MB of weights read per token fit in the CPU caches, so decode runs above the memory "
                             "roofline (roofline_read_pct > 100 measures cache, not DRAM, bandwidth)"));
        QCOMPARE(rwkv::roofline_note(4.2e6, 130.0, 180.0),
                 std::string("the 4.2 MB of weights read per token fit in the CPU caches, so decode runs above the memory "
                             "roofline (roofline_pct and roofline_read_pct > 100 measure cache, not DRAM, bandwidth)"));
        QVERIFY(rwkv::roofline_note(4.2e6, 101.0, 90.0).find("(roofline_pct > 100 measures") != std::string::npos);
        // Weights within the cache: the same note (32 MiB of L3 here).
        QCOMPARE(rwkv::roofline_note(4.2e6, 73.1, 115.6, 33554432.0), rwkv::roofline_note(4.2e6, 73.1, 115.6));
    }

    // Session 57's trial: `bench --random 0.1b --backend cpu` said "230.8 MB of weights … fit in the CPU caches" on a
    // 32 MB L3 (roofline_read_pct > 100 from a bandwidth measured while other work ran). Now it says what is likelier.
    void rooflineNoteOfWeightsBeyondTheCacheSaysTheMeasurementLooksDisturbed() {
        QCOMPARE(rwkv::roofline_note(230.8e6, 88.0, 104.2, 33554432.0),
                 std::string("the bandwidth measurement looks disturbed (roofline_read_pct > 100): the 230.8 MB of "
                             "weights read per token do not fit in the CPU's 33.6 MB of cache, so decode cannot run "
                             "above the memory roofline; run the bench again on an idle machine"));
        QCOMPARE(rwkv::roofline_note(230.8e6, 88.0, 99.0, 33554432.0), std::string());
        // This machine's cache, where sysfs tells it: at least an L1's 4 KiB, at most a few GB.
        const double cache = rwkv::cpu_cache_bytes();
        QVERIFY2(cache == 0 || (cache >= 4096 && cache < 4e9), std::to_string(cache).c_str());
    }

    // The result's dtype names the weights that ran: Vulkan runs fp16 for --dtype fp32 and bf16, and the note says so
    // first (session 54's trial2 read "dtype":"fp32" over an fp16 Vulkan run); the CPU runs what was asked, no note.
    void dtypeIsTheWeightsThatRan() {
        rwkv::BenchOptions o;
        o.random = "tiny";
        o.prompt = 0;
        o.gen = 2;
        o.warmup_s = 0;
        o.threads = 1;
        for (rwkv::DType d : {rwkv::DType::F32, rwkv::DType::F16}) {
            o.dtype = d;
            const rwkv::BenchResult cpu = rwkv::run_bench(o);
            QCOMPARE(cpu.dtype, std::string(rwkv::dtype_name(d)));
            QVERIFY2(cpu.note.find("not --dtype") == std::string::npos, cpu.note.c_str());
        }
        o.backend = "vulkan:0";
        for (rwkv::DType d : {rwkv::DType::F32, rwkv::DType::BF16}) {
            o.dtype = d;
            rwkv::BenchResult gpu;
            try {
                gpu = rwkv::run_bench(o);
            } catch (const rwkv::Error& e) {
                QSKIP(qPrintable(QString("no usable Vulkan device here: ") + e.what()));
            }
            QCOMPARE(gpu.dtype, std::string("fp16"));
            const std::string said = gpu.device + " runs fp16 weights, not --dtype " + std::string(rwkv::dtype_name(d));
            QVERIFY2(gpu.note.rfind(said, 0) == 0, gpu.note.c_str());
        }
    }

    // "ffn_density" is the share of FFN neurons the timed decode found active, where the backend counts them: Vulkan
    // at batch 1 (its sparse FFN's count), and left out of Vulkan's batched decode, which multiplies the whole
    // ffn.value and counts nothing (session 57: it read "ffn_density": null, as a measurement that failed).
    void vulkanBenchSaysFfnDensityWhereItIsCounted() {
#ifndef RWKV_WITH_VULKAN
        QSKIP("a build without Vulkan");
#else
        for (const char* batch : {"1", "2"}) {
            QProcess p;
            p.start(RWKV_CLI_PATH, {"bench", "--backend", "vulkan:0", "--random", "tiny", "--prompt", "4", "--gen", "4",
                                    "--warmup-ms", "0", "--batch", batch});
            QVERIFY(p.waitForFinished(300000));
            const QByteArray err = p.readAllStandardError();
            if (p.exitCode() != 0 && err.contains("[backend unavailable]")) QSKIP("no usable Vulkan device");
            QVERIFY2(p.exitCode() == 0, err.constData());
            const auto j = nlohmann::json::parse(p.readAllStandardOutput().toStdString());
            QCOMPARE(j["backend"].get<std::string>(), std::string("vulkan:0"));
            QCOMPARE(j["batch"].get<int>(), std::atoi(batch));
            // No CPU threads ran the model: the key is the CPU's (it said "threads": 1 here before session 57's end).
            QVERIFY2(!j.contains("threads"), j.dump().c_str());
            if (std::string(batch) == "1") {  // --random's default target 0.098 (tiny's 256 neurons: a rough share)
                QVERIFY2(j.contains("ffn_density") && j["ffn_density"].is_number(), j.dump().c_str());
                const double d = j["ffn_density"].get<double>();
                QVERIFY2(d > 0.02 && d < 0.3, j.dump().c_str());
            } else {
                QVERIFY2(!j.contains("ffn_density"), j.dump().c_str());
                QVERIFY(j["decode_tok_s"].get<double>() > 0);
            }
        }
#endif
    }

    // The resume bench's JSON names the CPU threads only where the CPU ran the model, as the decode bench's does
    // (session 59's trial2: `--resume-tokens N --backend vulkan:0` said "threads": 1).
    void resumeBenchSaysThreadsOnlyForTheCpu() {
        for (const char* backend : {"cpu", "vulkan:0"}) {
#ifndef RWKV_WITH_VULKAN
            if (std::string(backend) != "cpu") continue;
#endif
            QProcess p;
            p.start(RWKV_CLI_PATH, {"bench", "--backend", backend, "--random", "tiny", "--resume-tokens", "12",
                                    "--threads", "2"});
            QVERIFY(p.waitForFinished(300000));
            const QByteArray err = p.readAllStandardError();
            if (p.exitCode() != 0 && err.contains("[backend unavailable]")) continue;  // no usable Vulkan device
            QVERIFY2(p.exitCode() == 0, err.constData());
            const auto j = nlohmann::json::parse(p.readAllStandardOutput().toStdString());
            QCOMPARE(j["mode"].get<std::string>(), std::string("resume"));
            QCOMPARE(j["backend"].get<std::string>(), std::string(backend));
            if (std::string(backend) == "cpu") QCOMPARE(j.value("threads", 0), 2);
            else QVERIFY2(!j.contains("threads"), j.dump().c_str());
        }
    }

    // --backend's help names what it takes, as generate's and eval's do: "cuda, vulkan" read as device kinds without
    // the device's number (session 57's loose ends); bench --backend vulkan:0 is what runs.
    void backendHelpNamesDevices() {
        QProcess p;
        p.start(RWKV_CLI_PATH, {"bench", "--help"});
        QVERIFY(p.waitForFinished(60000));
        const QByteArray help = p.readAllStandardOutput();
        QVERIFY2(help.contains("cpu (default), auto, cuda:N, vulkan:N"), help.constData());
    }

    void cliPrintsOneJsonObject() {
        QProcess p;
        p.start(RWKV_CLI_PATH, {"bench", "--random", "tiny", "--dtype", "int8", "--prompt", "20", "--gen", "4",
                                "--threads", "2", "--batch", "2"});
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 0);
        const auto out = p.readAllStandardOutput().toStdString();
        const auto j = nlohmann::json::parse(out);
        for (const char* k : {"backend", "device", "shape", "dtype", "batch", "threads", "ffn_density", "prefill_tok_s",
                              "decode_tok_s", "ms_per_token", "bytes_per_token", "achieved_gb_s", "roofline_pct",
                              "note", "warmup_steps", "warmup_ms", "first_step_ms", "prefill_warmup_calls",
                              "first_prefill_ms"})
            QVERIFY2(j.contains(k), k);
        QCOMPARE(j["backend"].get<std::string>(), std::string("cpu"));
        QCOMPARE(j["dtype"].get<std::string>(), std::string("int8"));
        QCOMPARE(j["batch"].get<int>(), 2);
        QCOMPARE(j["batched_decode"].get<bool>(), true);  // the CPU fast path's batched step (FastCpuModel::forward_batch)
        QCOMPARE(j["state_dtype"].get<std::string>(), std::string("fp32"));
        QCOMPARE(j["batch_output"].get<std::string>(), std::string("top-p"));  // the default: ids sampled by the backend
        QVERIFY(j["decode_tok_s"].get<double>() > 0);
        QVERIFY(j["warmup_steps"].get<int>() >= 1);
        QVERIFY(j["warmup_ms"].get<double>() >= 500);  // the default --warmup-ms
        QVERIFY(j["bytes_per_token"].get<double>() > 0);
        // tiny's few MB per token stay in the caches: a roofline above 100 % must say why
        if (j["roofline_pct"].get<double>() > 100.0 || j["roofline_read_pct"].get<double>() > 100.0)
            QVERIFY2(j["note"].get<std::string>().find("fit in the CPU caches") != std::string::npos,
                     j["note"].get<std::string>().c_str());

        QProcess bad;  // a clear error, not a crash
        bad.start(RWKV_CLI_PATH, {"bench", "--random", "3b"});
        QVERIFY(bad.waitForFinished(30000));
        QCOMPARE(bad.exitCode(), 1);
        QVERIFY(bad.readAllStandardError().contains("unknown model size"));

        QProcess f16;  // the fp16 batched-decode state is a CUDA option: the CPU refuses it with a clear error
        f16.start(RWKV_CLI_PATH, {"bench", "--random", "tiny", "--batch", "2", "--state-dtype", "fp16"});
        QVERIFY(f16.waitForFinished(60000));
        QCOMPARE(f16.exitCode(), 1);
        QVERIFY(f16.readAllStandardError().contains("fp32 only"));
        QProcess f8;
        f8.start(RWKV_CLI_PATH, {"bench", "--random", "tiny", "--state-dtype", "fp8"});
        QVERIFY(f8.waitForFinished(30000));
        QCOMPARE(f8.exitCode(), 1);
        QVERIFY(f8.readAllStandardError().contains("unknown --state-dtype"));

        for (const char* mode : {"greedy", "logits"}) {  // what a batched step returns, as the JSON says
            QProcess sm;
            sm.start(RWKV_CLI_PATH, {"bench", "--random", "tiny", "--prompt", "0", "--gen", "2", "--batch", "3", "--sample", mode});
            QVERIFY(sm.waitForFinished(60000));
            QCOMPARE(sm.exitCode(), 0);
            const auto js = nlohmann::json::parse(sm.readAllStandardOutput().toStdString());
            QCOMPARE(js["batch_output"].get<std::string>(), std::string(mode));
        }
        QProcess one;  // batch 1 decodes through forward(): its logits
        one.start(RWKV_CLI_PATH, {"bench", "--random", "tiny", "--prompt", "0", "--gen", "2", "--sample", "greedy"});
        QVERIFY(one.waitForFinished(60000));
        QCOMPARE(one.exitCode(), 0);
        QCOMPARE(nlohmann::json::parse(one.readAllStandardOutput().toStdString())["batch_output"].get<std::string>(),
                 std::string("logits"));
        QProcess bad_sample;
        bad_sample.start(RWKV_CLI_PATH, {"bench", "--random", "tiny", "--sample", "top-k"});
        QVERIFY(bad_sample.waitForFinished(30000));
        QCOMPARE(bad_sample.exitCode(), 1);
        QVERIFY(bad_sample.readAllStandardError().contains("unknown --sample"));
    }
};

QTEST_APPLESS_MAIN(TestBench)
#include "test_bench.moc"
