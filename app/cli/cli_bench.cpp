// rwkv-cli bench: prefill/decode speed of a model (a checkpoint, or random weights of an official shape
// generated in process) on one backend; prints one JSON object (fields in README "Command line").
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <string>
#include <iostream>

#include "cli_bench_resume.h"
#include "cli_checks.h"
#include "commands.h"
#include "cli_common.h"
#include "rwkv/bench.h"
#include "rwkv/error.h"
#include "rwkv/weights.h"
#include "terminal_text.h"

namespace rwkv::cli {
namespace {

double parse_density(const std::string& s) {
    if (s == "natural") return -1.0;
    try {
        std::size_t used = 0;
        const double d = std::stod(s, &used);
        if (used == s.size() && d > 0 && d < 1) return d;
    } catch (const std::exception&) {
    }
    throw Error(ErrorCode::InvalidArgument, "--ffn-density must be a fraction in (0, 1) or 'natural', not '" + s + "'");
}

// Limits checked before anything runs. Threads: at most 16 per hardware thread; more only thrash the spinning
// worker pool (5000 on 2 cores ran for minutes) and 100000 cannot be created. Batch: above this, batch x vocab
// floats of logits per step (4096 x 65536 x 4 B = 1 GiB) on any backend.
constexpr int kMaxBenchBatch = 4096;

// Rounds for printing: 4 significant-ish decimals are plenty for speeds.
double r4(double x) { return std::round(x * 1e4) / 1e4; }

}  // namespace

void add_bench_command(CLI::App& app) {
    struct Opts {
        std::string backend = "cpu", random, model, dtype = "fp16", density = "0.098", state_dtype, sample = "top-p";
        int batch = 1, prompt = 512, gen = 64, threads = 0;
        std::uint64_t seed = 1;
        bool profile = false;
        int warmup_ms = 500;
        int resume_tokens = 0;
        std::string resume_text;
        std::string save_weights;
    };
    auto o = std::make_shared<Opts>();
    CLI::App* cmd = app.add_subcommand("bench", "Measure prefill and decode speed; prints one JSON object");
    cmd->add_option("--backend", o->backend, "cpu (default), auto, cuda:N, vulkan:N");
    auto* rnd = cmd->add_option("--random", o->random, "Random weights of an official shape: 0.1B|0.4B|1.5B|2.9B|7.2B|13.3B, any case (or tiny)");
    auto* mdl = cmd->add_option("--model", o->model, "Checkpoint to load instead of random weights");
    rnd->excludes(mdl);
    cmd->add_option("--dtype", o->dtype, "fp32 (reference) | fp16 | bf16 | int8 (default fp16)");
    auto* batch = cmd->add_option("--batch", o->batch,
                                  "Sequences decoded together, 1 to " + std::to_string(kMaxBenchBatch) + " (default 1)")
                      ->check(whole_number_in(1, kMaxBenchBatch));
    auto* prompt =
        cmd->add_option("--prompt", o->prompt, "Prompt tokens prefilled per sequence, 0 to 1048576 (default 512)")
            ->check(whole_number_in(0, 1 << 20));
    auto* gen = cmd->add_option("--gen", o->gen, "Decoded tokens per sequence, 1 to 1048576 (default 64)")
                    ->check(whole_number_in(1, 1 << 20));
    cmd->add_option("--threads", o->threads, "CPU threads, 0 = automatic (default: all, or 1 for models under 4M weights), at most 16 per core")
        ->check(cpu_threads());
    cmd->add_option("--ffn-density", o->density, "Target ReLU² density of random weights, or 'natural' (default 0.098)");
    cmd->add_option("--seed", o->seed, "Random-weight seed, 0 to 2^64-1 (default 1)")->check(seed_number());
    auto* stateDtype =
        cmd->add_option("--state-dtype", o->state_dtype,
                        "fp32 (default) | fp16: the WKV state of batched decode between steps (fp16: CUDA and Vulkan, "
                        "a speed option; exported states stay fp32)");
    auto* sample =
        cmd->add_option("--sample", o->sample,
                        "What a batched step (--batch > 1) returns: top-p (default: the next ids sampled by the "
                        "backend with temperature 1, top_p 0.3), greedy (ids, argmax) or logits (the B x V fp32 "
                        "logits)");
    auto* warmup =
        cmd->add_option("--warmup-ms", o->warmup_ms,
                        "Untimed prefill and decode before the timed ones: at least one call each, and until this many "
                        "ms have passed, so that GPU clocks are up (0 to 60000, default 500; the JSON's "
                        "first_prefill_ms and first_step_ms are the first calls)")
            ->check(whole_number_in(0, 60000));
    auto* profile =
        cmd->add_flag("--profile", o->profile, "Also time every decode stage on the GPU (device timestamps; Vulkan)");
    cmd->add_option("--save-weights", o->save_weights,
                    "Write the --random weights (stored as --dtype fp32|fp16|bf16) to this .safetensors file and exit");
    auto* resume = cmd->add_option("--resume-tokens", o->resume_tokens,
                                   "Resume mode: time to the first new token of a conversation of N tokens, from a "
                                   "stored snapshot vs re-prefilled (docs/conversations.md)")
                       // An int: a larger number said CLI11's "Could not convert: --resume-tokens = 99999999999"
                       // (session 53's trial), where every other count names its range.
                       ->check(whole_number_in(1, std::numeric_limits<int>::max()));
    cmd->add_option("--resume-text", o->resume_text, "Resume mode: prefill this text file instead of random ids")
        ->needs(resume);
    // Resume mode times one conversation's first new token: the decode measurement's sizes are refused there, not
    // ignored (`--batch 3 --resume-tokens 10` printed a resume line as if it had measured three).
    for (CLI::Option* decodeOnly : {batch, prompt, gen, stateDtype, sample, warmup, profile})
        resume->excludes(decodeOnly);
    cmd->callback([o, sample] {
        const bool sampleGiven = sample->count() > 0;
        if (o->random.empty() == o->model.empty())
            throw Error(ErrorCode::InvalidArgument, "bench needs exactly one of --random SIZE or --model PATH");
        BenchOptions b;
        b.backend = o->backend;
        b.random = o->random;  // sizes as the README and the app write them ("0.1B") name the same presets
        std::transform(b.random.begin(), b.random.end(), b.random.begin(),
                       [](unsigned char c) { return char(std::tolower(c)); });
        b.model = o->model;
        b.dtype = parse_dtype(o->dtype);
        b.batch = o->batch;
        b.prompt = o->prompt;
        b.gen = o->gen;
        b.threads = o->threads;
        b.ffn_density = parse_density(o->density);
        b.seed = o->seed;
        b.profile = o->profile;
        b.warmup_s = o->warmup_ms / 1000.0;
        if (o->sample == "logits") b.batch_output = BenchOptions::BatchOutput::Logits;
        else if (o->sample == "greedy") b.batch_output = BenchOptions::BatchOutput::Greedy;
        else if (o->sample == "top-p") b.batch_output = BenchOptions::BatchOutput::TopP;
        else throw Error(ErrorCode::InvalidArgument, "unknown --sample '" + o->sample + "' (top-p, greedy, logits)");
        if (o->state_dtype == "fp16") b.batch_state_dtype = DType::F16;
        else if (o->state_dtype == "fp32") b.batch_state_dtype = DType::F32;
        else if (!o->state_dtype.empty())
            throw Error(ErrorCode::InvalidArgument, "unknown --state-dtype '" + o->state_dtype + "' (fp32, fp16)");
        if (!o->save_weights.empty()) {
            if (b.random.empty()) throw Error(ErrorCode::InvalidArgument, "--save-weights needs --random SIZE");
            refuse_to_overwrite("--save-weights", o->save_weights);  // before the weights are made
            RandomWeightsOptions ro;
            ro.shape = preset_shape(b.random);
            ro.dtype = b.dtype;
            ro.seed = b.seed;
            ro.ffn_density = b.ffn_density;
            ro.threads = b.threads;
            const WeightSet weights = make_random_weights(ro);
            // Whole or not at all: a full disk or a killed run keeps the file that was there.
            write_file_whole(o->save_weights, "safetensors", "weights.safetensors", "bench",
                             [&](const std::string& file) { write_safetensors(weights, file); });
            std::cout << "wrote " << terminal_line(o->save_weights) << "\n";
            return;
        }
        if (o->resume_tokens > 0) {
            std::cout << run_resume_bench({b, o->resume_tokens, o->resume_text}).dump() << "\n";
            return;
        }
        const BenchResult r = run_bench(b);
        nlohmann::ordered_json j;
        j["backend"] = r.backend;
        j["device"] = r.device;
        j["shape"] = r.shape;
        j["dtype"] = r.dtype;
        j["batch"] = r.batch;
        j["batched_decode"] = r.batched_decode || r.batch == 1;
        j["state_dtype"] = r.state_dtype;
        j["batch_output"] = r.batch_output;
        j["logits_pinned"] = r.logits_pinned;
        // The CPU threads that ran the model: the CPU backend's alone (a GPU's JSON said "threads": 1, which read as
        // a setting of the GPU's run, session 57's loose ends).
        if (r.backend.rfind("cpu", 0) == 0) j["threads"] = r.threads;
        j["prompt"] = r.prompt;
        j["gen"] = r.gen;
        j["ffn_density_target"] = b.random.empty() ? nlohmann::json("file") :
                                  b.ffn_density < 0 ? nlohmann::json("natural") : nlohmann::json(b.ffn_density);
        // Where the backend counted the FFN's active neurons during the timed decode (the CPU; CUDA; Vulkan at batch
        // 1, whose sparse FFN counts them): left out where it has no such count (Vulkan's batched decode multiplies
        // the whole ffn.value and counts nothing; "ffn_density": null read as a measurement that failed).
        if (r.ffn_density >= 0) j["ffn_density"] = r4(r.ffn_density);
        j["prefill_tok_s"] = r.prompt > 0 ? nlohmann::json(r4(r.prefill_tok_s)) : nlohmann::json(nullptr);
        j["decode_tok_s"] = r4(r.decode_tok_s);
        j["ms_per_token"] = r4(r.ms_per_token);
        j["warmup_steps"] = r.warmup_steps;
        j["warmup_ms"] = r4(r.warmup_s * 1e3);
        j["first_step_ms"] = r4(r.first_step_ms);
        j["prefill_warmup_calls"] = r.prefill_warmup_calls;
        j["first_prefill_ms"] = r.prompt > 0 ? nlohmann::json(r4(r.first_prefill_ms)) : nlohmann::json(nullptr);
        j["bytes_per_token"] = std::llround(r.bytes_per_token);
        j["achieved_gb_s"] = r4(r.achieved_gb_s);
        if (r.read_bw_gb_s > 0) {
            j["copy_bw_gb_s"] = r4(r.copy_bw_gb_s);
            j["read_bw_gb_s"] = r4(r.read_bw_gb_s);
            j["roofline_pct"] = r4(r.roofline_pct);
            j["roofline_read_pct"] = r4(r.roofline_read_pct);
        }
        j["weights_gb"] = r4(r.weights_gb);
        j["load_s"] = r4(r.load_s);
        j["peak_rss_load_mb"] = r4(r.peak_rss_load_mb);
        j["rss_after_load_mb"] = r4(r.rss_after_load_mb);
        j["peak_rss_mb"] = r4(r.peak_rss_mb);
        // Options this run could not honour are said, as the weights that ran are (session 55's trial2: --profile on
        // the CPU printed only "profile": [], and --sample at batch 1 nothing at all).
        std::string note = r.note;
        const auto addNote = [&note](const std::string& line) { note += (note.empty() ? "" : "; ") + line; };
        if (b.profile && r.profile.empty())
            addNote("--profile: backend " + r.backend + " has no per-stage profiler (Vulkan has), no stage was timed");
        if (sampleGiven && r.batch == 1)
            addNote("--sample: only a batched step (--batch > 1) takes it; batch 1 returns each step's logits");
        if (!note.empty()) j["note"] = note;
        if (b.profile) {  // per-stage device times; "profile": [] when the backend has no profiler
            nlohmann::ordered_json stages = nlohmann::json::array();
            double total = 0;
            for (const auto& st : r.profile) total += st.us;
            for (const auto& st : r.profile) {
                nlohmann::ordered_json e;
                e["stage"] = st.stage;
                e["calls"] = st.calls;
                e["us"] = r4(st.us);
                e["pct"] = total > 0 ? r4(100.0 * st.us / total) : 0.0;
                if (st.bytes > 0) {
                    e["mb"] = r4(st.bytes / 1e6);
                    e["gb_s"] = st.us > 0 ? r4(st.bytes / (st.us * 1e3)) : 0.0;
                }
                stages.push_back(e);
            }
            j["profile_us_per_token"] = r4(total);
            j["profile"] = stages;
        }
        std::cout << j.dump() << "\n";
    });
}

}  // namespace rwkv::cli
