// rwkv-cli eval: run token ids from the zero state (or a state file) and write the last logits and the
// final state as raw little-endian float32 (state in RWKV-7 spec §5 layout).
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <tuple>

#include "cli_common.h"
#include "cli_checks.h"
#include "commands.h"
#include "rwkv/dtype.h"
#include "rwkv/error.h"
#include "rwkv/model.h"
#include "rwkv/state_file.h"

namespace rwkv::cli {

void add_eval_command(CLI::App& app) {
    struct Opts {
        std::string model, tokens, backend = "cpu", dtype = "fp32", state_in, state_file, logits_out, state_out;
    };
    auto o = std::make_shared<Opts>();
    CLI::App* cmd = app.add_subcommand("eval", "Run token ids through a model; write logits (and state)");
    cmd->add_option("--model", o->model, "Checkpoint (.pth, .safetensors, rwkv.cpp .bin, .gguf)")
        ->required()
        ->check(not_empty("the model path"));
    cmd->add_option("--tokens", o->tokens, "Comma-separated token ids, e.g. 1,2,3")->required();
    cmd->add_option("--backend", o->backend, "cpu (default), auto, cuda:N, vulkan:N");
    auto* dtypeOpt = cmd->add_option("--dtype", o->dtype,
                    "Weights in memory: fp32 (default: the reference) | fp16 | bf16 | int8; Vulkan runs fp32 and bf16 "
                    "as fp16, CUDA bf16 (its fp32 stays fp32), and either says so on stderr");
    auto* stateIn = cmd->add_option("--state-in", o->state_in,
                                    "Start state: raw float32, spec §5 layout (as --state-out writes it; not a "
                                    "state-tuning file: see --state-file)");
    cmd->add_option("--state-file", o->state_file,
                    "Start from an RWKV state-tuning file (.pth or .safetensors of blocks.{i}.att.time_state, "
                    "RWKV-PEFT's state tuning) instead of the zero state")
        ->check(not_empty("the state file"))
        ->excludes(stateIn);
    // An empty name is refused as one (session 28's check, C5: `--logits-out ''` said " is a folder").
    cmd->add_option("--logits-out", o->logits_out, "Where to write the last logits (float32 [V])")
        ->required()
        ->check(not_empty("the file name"));
    cmd->add_option("--state-out", o->state_out, "Where to write the final state (float32)")
        ->check(not_empty("the file name"));
    cmd->callback([o, dtypeOpt] {
        const DType dtype = parse_dtype(o->dtype);  // before the load, as the token list
        if (check_token_list(o->tokens) == 0)  // before the load: a typo costs no model load
            throw Error(ErrorCode::InvalidArgument, "--tokens is empty: give at least one token id, e.g. --tokens 1,2,3");
        for (const auto& [option, path, example] : {std::tuple{"--logits-out", o->logits_out, "logits.f32"},
                                                     std::tuple{"--state-out", o->state_out, "state.f32"}}) {
            std::error_code ec;  // before the load: a folder given for a file costs no model load
            if (!path.empty() && (std::filesystem::is_directory(path, ec) || path.back() == '/'))
                throw Error(ErrorCode::InvalidArgument,
                            std::string(option) + " " + path + " is a folder: give the name of a file to write (raw "
                            "float32), e.g. " + (std::filesystem::path(path) / example).lexically_normal().string());
        }
        for (const auto& [option, path] : {std::pair{"--logits-out", o->logits_out}, {"--state-out", o->state_out}})
            if (!path.empty())  // the model, the --state-in or a conversation library was overwritten, exit 0 (s33)
                refuse_to_overwrite(option, path,
                                    {{"--model", o->model}, {"--state-in", o->state_in}, {"--state-file", o->state_file}});
        if (!o->state_out.empty()) {  // one file for both: the state was renamed over the logits, exit 0
            std::error_code ec;
            const auto logits = std::filesystem::weakly_canonical(o->logits_out, ec);
            const auto state = std::filesystem::weakly_canonical(o->state_out, ec);
            const bool special = std::filesystem::exists(logits, ec) && !std::filesystem::is_regular_file(logits, ec);
            if (logits == state && !special)  // /dev/null for both is fine
                throw Error(ErrorCode::InvalidArgument,
                            "--logits-out " + o->logits_out + " and --state-out " + o->state_out +
                                " are the same file: give each its own (nothing was written)");
        }
        LoadOptions lo;
        lo.backend = o->backend;
        lo.weight_dtype = dtype;
        auto model = Model::load(o->model, lo);
        // Vulkan keeps fp16 for --dtype fp32 and bf16, CUDA for bf16 (cuda_model.cpp: its fp32 stays fp32): said, as
        // generate's last line names the weights that ran (the logits were fp16's without a word, session 37's check
        // and trial).
        if (model->weight_dtype() != dtype)
            std::cerr << "[eval: " << model->device_name() << " runs " << dtype_name(model->weight_dtype())
                      << " weights, not " << (dtypeOpt->count() > 0 ? "--dtype " + o->dtype : o->dtype + " (eval's default --dtype)")
                      << "]" << std::endl;  // an option not given is named as the default (session 59's trial2)
        const std::vector<std::int32_t> ids = parse_token_list(o->tokens, model->shape().vocab_size);
        State state = o->state_file.empty() ? model->new_state() : [&] {
            try {
                return load_state_file(o->state_file, *model);
            } catch (const Error& e) {
                throw with_raw_state_hint(e, o->state_file);  // a raw state (eval --state-out) given here
            }
        }();
        if (!o->state_in.empty()) {
            const std::vector<float> in = read_f32_file(o->state_in);
            if (in.size() != state.size())  // first: a file of another model is not "a NaN at float k"
                throw Error(ErrorCode::StateMismatch,
                            o->state_in + " holds " + std::to_string(in.size()) + " floats, this model's state has " +
                                std::to_string(state.size()) +
                                (is_state_file(o->state_in)
                                     ? ": it is an RWKV state-tuning file, which --state-file reads"
                                     : ": a state of another model (or not a state)"));
            const auto bad = std::find_if(in.begin(), in.end(), [](float v) { return !std::isfinite(v); });
            if (bad != in.end())  // a NaN state gives NaN logits: say so instead of writing them as a result
                throw Error(ErrorCode::CorruptState,
                            o->state_in + " holds a value that is not a number or infinite (float " +
                                std::to_string(bad - in.begin()) + " of " + std::to_string(in.size()) +
                                "): not a state a model can continue from");
            state.from_host(in);
        }
        std::vector<float> logits(std::size_t(model->shape().vocab_size));
        model->forward(state, ids, logits);
        const std::vector<float> final_state = o->state_out.empty() ? std::vector<float>() : state.to_host();
        if (o->state_out.empty())
            write_f32_file(o->logits_out, logits);
        else  // both or neither
            write_f32_files({{o->logits_out, &logits}, {o->state_out, &final_state}});
        const auto finite = [](const std::vector<float>& v) {
            return std::find_if(v.begin(), v.end(), [](float x) { return !std::isfinite(x); });
        };
        if (const auto bad = finite(logits); bad != logits.end()) {  // written for inspection, but not a result
            const std::string head = "logit " + std::to_string(bad - logits.begin()) +
                                     " is not a number or infinite (written to " + o->logits_out + ")";
            if (!o->state_in.empty()) {
                // A state of finite but huge values (3e38 everywhere) overflows: blame it, not the weights, when the
                // same tokens from a fresh state give numbers (new-user trial, session 16: "the model's weights are
                // probably damaged" for a damaged state file).
                State fresh = model->new_state();
                std::vector<float> check(logits.size());
                model->forward(fresh, ids, check);
                if (finite(check) == check.end())
                    throw Error(ErrorCode::CorruptState, head + ": " + o->state_in +
                                                             " is not a state this model can continue from (from a "
                                                             "fresh state the same tokens give finite logits)");
            }
            throw Error(ErrorCode::CorruptFile,
                        head + ": the model's weights are probably damaged or overflow this backend");
        }
    });
}

}  // namespace rwkv::cli
