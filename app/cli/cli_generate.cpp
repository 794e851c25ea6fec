// rwkv-cli generate: free continuation of a prompt, streamed to stdout (no chat template, no stop string); a summary
// line on stderr names the device, the weights' dtype and the speed.
#include <CLI/CLI.hpp>

#include <chrono>
#include <filesystem>
#include <iostream>

#include "cli_checks.h"
#include "cli_common.h"
#include "commands.h"
#include "rwkv/error.h"
#include "rwkv/generator.h"
#include "rwkv/state_file.h"
#include "terminal_text.h"

namespace rwkv::cli {

void add_generate_command(CLI::App& app) {
    struct Opts {
        std::string model, prompt, vocab, backend = "cpu", dtype = "fp16", state_file;
        int max_tokens = 200;
        float temperature = 1.0f, top_p = 0.3f;
        std::uint64_t seed = 0;
    };
    auto o = std::make_shared<Opts>();
    CLI::App* cmd = app.add_subcommand("generate", "Continue a prompt with a model and print the text");
    cmd->add_option("--model", o->model, "Checkpoint file")->required()->check(not_empty("the model path"));
    cmd->add_option("--prompt", o->prompt, "Prompt text")->required();
    cmd->add_option("--max-tokens", o->max_tokens, "Tokens to generate (default 200)")->check(whole_number_in(1, 1 << 20));
    cmd->add_option("--temperature", o->temperature, "Sampling temperature; 0 = greedy (default 1.0)")
        ->check(number_in(0, 100, "0 to 100"));
    cmd->add_option("--top-p", o->top_p, "Nucleus probability; 0 = greedy (default 0.3)")->check(number_in(0, 1, "0 to 1"));
    cmd->add_option("--seed", o->seed, "Random seed, 0 to 2^64-1 (default 0)")->check(seed_number());
    cmd->add_option("--vocab", o->vocab, "World vocabulary (default: the bundled one)");
    cmd->add_option("--backend", o->backend, "cpu (default), auto, cuda:N, vulkan:N");
    cmd->add_option("--dtype", o->dtype,
                    "Weights in memory: fp16 (default, as chat and the app) | bf16 | int8 | fp32 (the slow reference)");
    cmd->add_option("--state-file", o->state_file,
                    "Start from an RWKV state-tuning file (.pth or .safetensors of blocks.{i}.att.time_state, as "
                    "RWKV-PEFT's state tuning writes it) instead of the zero state")
        ->check(not_empty("the state file"));
    cmd->callback([o] {
        LoadOptions lo;
        lo.backend = o->backend;
        lo.weight_dtype = parse_dtype(o->dtype);
        auto model = Model::load(o->model, lo);
        const std::filesystem::path vocab = vocab_for_model(model->shape().vocab_size, o->vocab);
        auto tokenizer = tokenizer_for_vocab_size(model->shape().vocab_size, vocab);
        SamplerParams sp;
        sp.temperature = o->temperature;
        sp.top_p = o->top_p;
        sp.presence_penalty = 0.2f;  // free generation defaults (spec §8.5, PIP)
        sp.frequency_penalty = 0.2f;
        sp.seed = o->seed;
        Sampler sampler(sp, model->shape().vocab_size);
        const std::vector<std::int32_t> prompt = tokenizer->encode(o->prompt);
        if (prompt.empty()) throw Error(ErrorCode::InvalidArgument, "the prompt is empty");
        State state = o->state_file.empty() ? model->new_state() : [&] {
            try {
                return load_state_file(o->state_file, *model);
            } catch (const Error& e) {
                throw with_raw_state_hint(e, o->state_file);  // a raw state (eval --state-out) given here
            }
        }();
        GenerateOptions go;
        go.max_tokens = o->max_tokens;
        go.stop_strings.clear();
        go.trim_leading_space = false;
        go.close_turn = false;
        Generator gen(*model, *tokenizer, sampler);
        const auto t0 = std::chrono::steady_clock::now();
        bool wrote = false;  // text on stdout, not yet ended by a newline
        TerminalText shown;  // control and bidi characters as escapes (terminal_text.h)
        try {
            gen.run(state, prompt, go, [&wrote, &shown](std::string_view t) {
                wrote = wrote || !t.empty();
                std::cout << shown.feed(t) << std::flush;
            });
        } catch (const Error& e) {  // a damaged model shows only when it runs: named like every other model error
            if (e.code() != ErrorCode::InvalidLogits) throw;
            // The error line starts on a line of its own; nothing written, no empty line (session 36's trial)
            if (wrote) std::cout << shown.finish() << std::endl;
            throw Error(e.code(), std::filesystem::path(o->model).filename().string() + ": " + e.what());
        }
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
        std::cout << shown.finish() << "\n";
        // The CPU fast path and CUDA name the weights' dtype in device_name() already; say it once.
        const std::string device = model->device_name();
        const std::string weights = std::string(dtype_name(model->weight_dtype())) + " weights";
        std::cerr << "[" << terminal_line(std::filesystem::path(o->model).filename().string()) << ": " << device
                  << (device.find(weights) == std::string::npos ? ", " + weights : std::string()) << "; "
                  << prompt.size() << " prompt tokens, " << ms.count() << " ms]\n";
    });
}

}  // namespace rwkv::cli
