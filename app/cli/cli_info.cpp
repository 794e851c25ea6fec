// rwkv-cli info MODEL: what a checkpoint is — container format, shape (L/C/H/F/V and the LoRA widths), the weights'
// dtype, the vocabulary it needs, its parameter count and size on disk — without running it (session 20's new-user
// trial, F13). The file is memory-mapped and indexed by load_weights: tensor data stays on disk except the small LoRA
// matrices a .pth / safetensors stores transposed; quantised rwkv.cpp / GGUF tensors are dequantised to be counted.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>

#include "cli_checks.h"
#include "cli_common.h"
#include "commands.h"
#include "rwkv/error.h"
#include "rwkv/state_file.h"
#include "rwkv/weights.h"
#include "terminal_text.h"

namespace rwkv::cli {
void add_info_command(CLI::App& app) {
    struct Opts {
        std::string model;
        bool json = false;
    };
    auto o = std::make_shared<Opts>();
    CLI::App* cmd = app.add_subcommand("info", "Print a checkpoint's format, shape, dtype, vocabulary, parameter count "
                                               "and size, without running it (or a state-tuning file's shape)");
    cmd->add_option("model", o->model,
                    "Checkpoint (.pth, .safetensors, rwkv.cpp .bin, .gguf), or an RWKV state-tuning file")
        ->required()
        ->check(not_empty("the model path"));
    cmd->add_flag("--json", o->json, "Print one JSON object instead of lines");
    cmd->callback([o] {
        if (is_state_file(o->model)) {  // a .pth / .safetensors of blocks.{i}.att.time_state: its shape, read whole
            const StateFile sf = [&] {
                try {
                    return read_state_file(o->model);
                } catch (const Error& e) {
                    throw with_raw_state_hint(e, o->model);
                }
            }();
            std::error_code ec;
            const auto file_bytes = std::filesystem::file_size(o->model, ec);
            const std::string shape = "L" + std::to_string(sf.n_layer) + " H" + std::to_string(sf.n_head) + " N" +
                                      std::to_string(sf.head_size);
            if (o->json) {
                std::cout << nlohmann::json{{"file", o->model},
                                            {"kind", "state-tuning"},
                                            {"format", to_string(sf.format)},
                                            {"n_layer", sf.n_layer},
                                            {"n_head", sf.n_head},
                                            {"head_size", sf.head_size},
                                            {"n_embd", sf.n_head * sf.head_size},
                                            {"dtype", std::string(dtype_name(sf.dtype))},
                                            {"file_bytes", ec ? nlohmann::json(nullptr) : nlohmann::json(file_bytes)}}
                                 .dump()
                          << "\n";
                return;
            }
            std::cout << terminal_line(std::filesystem::path(o->model).filename().string()) << "\n"
                      << "  kind        RWKV-7 state-tuning file, " << shape << "\n"
                      << "  fits        models of " << sf.n_layer << " layers and width " << sf.n_head * sf.head_size
                      << " (C); start from it with --state-file (generate, chat, eval)\n"
                      << "  format      " << to_string(sf.format) << "\n"
                      << "  dtype       " << dtype_name(sf.dtype) << "\n"
                      << "  size        "
                      << (ec ? std::string("unknown (") + ec.message() + ")"
                             : short_bytes(file_bytes) + " on disk (" + with_commas(file_bytes) + " bytes)")
                      << "\n";
            return;
        }
        const WeightSet ws = [&] {  // throws naming the file, as every other command's model error
            try {
                return load_weights(o->model);
            } catch (const Error& e) {
                throw with_raw_state_hint(e, o->model);  // a raw state (eval --state-out) is no container
            }
        }();
        const ModelShape& s = ws.shape;
        std::uint64_t parameters = 0;
        std::map<std::string, std::uint64_t> by_dtype;  // parameters per dtype, as loaded
        for (const auto& [name, t] : ws.tensors()) {
            if (name.rfind("blocks.", 0) != 0 && name.rfind("emb.", 0) != 0 && name.rfind("head.", 0) != 0 &&
                name.rfind("ln_out.", 0) != 0)
                continue;  // extra tensors a converter left (kept under "gguf." / "hf."): never used
            parameters += std::uint64_t(t.numel());
            by_dtype[std::string(dtype_name(t.dtype))] += std::uint64_t(t.numel());
        }
        std::string dtype;  // the dtype of most parameters (the matrices); the small vectors may differ
        std::uint64_t most = 0;
        for (const auto& [name, n] : by_dtype)
            if (n > most) most = n, dtype = name;
        std::error_code ec;
        const auto file_bytes = std::filesystem::file_size(o->model, ec);
        // rwkv.cpp / GGUF tensors take more bytes loaded than in the file only when the file stores them quantised.
        const bool quantised = (ws.format == CheckpointFormat::RwkvCpp || ws.format == CheckpointFormat::Gguf) && !ec &&
                               ws.total_bytes() > file_bytes;
        const bool bytes_vocab = s.vocab_size == 256;
        if (o->json) {
            nlohmann::json dtypes = nlohmann::json::object();
            for (const auto& [name, n] : by_dtype) dtypes[name] = n;
            nlohmann::json j = {
                {"file", o->model},
                {"format", to_string(ws.format)},
                {"n_layer", s.n_layer},
                {"n_embd", s.n_embd},
                {"n_head", s.n_head},
                {"head_size", s.head_size},
                {"dim_ffn", s.dim_ffn},
                {"vocab_size", s.vocab_size},
                {"lora", {{"w", s.lora_w}, {"a", s.lora_a}, {"v", s.lora_v}, {"g", s.lora_g}}},
                {"dtype", quantised ? "quantised" : dtype},
                {"dtypes_loaded", dtypes},
                {"vocabulary", bytes_vocab ? "bytes" : "world"},
                {"parameters", parameters},
                {"file_bytes", ec ? nlohmann::json(nullptr) : nlohmann::json(file_bytes)},
            };
            std::cout << j.dump() << "\n";
            return;
        }
                std::string mixed;
        if (by_dtype.size() > 1)
            for (const auto& [name, n] : by_dtype)
                if (name != dtype) {
                    char pct[16];
                    std::snprintf(pct, sizeof pct, "%.1f", 100.0 * double(n) / double(parameters ? parameters : 1));
                    mixed += std::string(mixed.empty() ? " (" : ", ") + name + ": " + pct + " %";
                }
        if (!mixed.empty()) mixed += " of the parameters)";  // "fp16 (fp32: 1.8 % of the parameters)"
        std::cout << terminal_line(std::filesystem::path(o->model).filename().string()) << "\n"
                  << "  format      " << to_string(ws.format) << "\n"
                  << "  shape       " << s.to_string() << " (head size " << s.head_size << "; lora: the LoRA ranks of w/a/v/g)\n"
                  << "  dtype       "
                  << (quantised ? "quantised in the file (" + dtype + " once loaded)" : dtype + mixed)
                  << "\n"
                  << "  vocabulary  "
                  << (bytes_vocab ? "bytes (256 tokens: no vocabulary file)"
                                  : "World, " + with_commas(std::uint64_t(s.vocab_size)) + " tokens")
                  << "\n"
                  << "  parameters  " << with_commas(parameters) << " ("
                  << short_count(parameters) << ")\n"
                  << "  size        "
                  << (ec ? std::string("unknown (") + ec.message() + ")"
                         : short_bytes(file_bytes) + " on disk (" + with_commas(file_bytes) +
                               " bytes)")
                  << "\n";
    });
}

}  // namespace rwkv::cli
