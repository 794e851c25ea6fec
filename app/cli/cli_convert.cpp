// rwkv-cli convert IN OUT: any checkpoint the engine reads (.pth, .safetensors, rwkv.cpp .bin, .gguf) written as an
// official-layout .safetensors file — the format other RWKV tools (web-rwkv, Ai00, Hugging Face) load without running
// a pickle — with its tensors as stored or converted to fp32 / fp16 / bf16 (--dtype). The file is written whole or not
// at all (a temporary file renamed over OUT), the disk's free space is checked first, and the written file is read
// back: the line "conversations" says whether states saved with IN resume with OUT (the same model fingerprint,
// docs/state-blob.md) or are read again from their text once.
#include <sys/statvfs.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>

#include "cli_checks.h"
#include "cli_common.h"
#include "commands.h"
#include "rwkv/error.h"
#include "rwkv/model.h"
#include "rwkv/weights.h"
#include "terminal_text.h"

namespace rwkv::cli {
namespace {

namespace fs = std::filesystem;

/// The dtype most of the set's elements have (the matrices'; the small vectors may differ).
DType main_dtype(const WeightSet& ws) {
    std::map<DType, std::uint64_t> count;
    for (const auto& [name, t] : ws.tensors()) count[t.dtype] += std::uint64_t(t.numel());
    DType best = DType::F32;
    std::uint64_t most = 0;
    for (const auto& [dt, n] : count)
        if (n > most) most = n, best = dt;
    return best;
}

/// Refuses a name that says another format: the file would be a .safetensors under a .pth name.
void check_output_name(const std::string& out) {
    std::string ext = fs::path(out).extension().string();
    for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
    if (ext == ".pth" || ext == ".pt" || ext == ".gguf" || ext == ".bin" || ext == ".ckpt")
        throw Error(ErrorCode::InvalidArgument,
                    "convert writes .safetensors files, so " + out + " would be one under a " + ext +
                        " name: name the output e.g. " + fs::path(out).replace_extension(".safetensors").string() +
                        " (nothing was written)");
}

/// Refuses, before anything is written, an output the disk cannot hold whole (the temporary file beside it is
/// written in full before it replaces anything).
void check_free_space(const std::string& out, std::uint64_t needed) {
    std::error_code ec;
    fs::path folder = fs::weakly_canonical(fs::path(out), ec).parent_path();
    if (folder.empty()) folder = ".";
    struct statvfs st {};
    if (::statvfs(folder.c_str(), &st) != 0) return;  // no folder: the write says why
    const std::uint64_t free_bytes = std::uint64_t(st.f_bavail) * std::uint64_t(st.f_frsize);
    if (free_bytes < needed)
        throw Error(ErrorCode::Io, "cannot write " + out + ": it takes " + short_bytes(needed) + " (" +
                                       with_commas(needed) + " bytes) and the disk of " + folder.string() +
                                       " has " + short_bytes(free_bytes) + " free (nothing was written)");
}

/// Refuses, before anything is written, a checkpoint holding a NaN or infinite fp32 / fp16 / bf16 weight (the
/// first, by tensor and element): convert wrote it on silently (session 53's trial), a file whose every logit is NaN.
/// One scan of the file (rwkv::first_non_finite_weight), here and not in load_weights: every model load would pay it.
/// Quantised GGUF tensors are checked as they are dequantised (load_weights refuses them, flag or not).
void refuse_non_finite_weights(const std::string& input) {
    if (const auto bad = first_non_finite_weight(input))
        throw Error(ErrorCode::CorruptFile, fs::path(input).filename().string() + ": " + bad->what() +
                                                ": the weights are damaged, and would make every logit NaN; add "
                                                "--allow-non-finite to write them as they are (nothing was written)");
}

}  // namespace

void add_convert_command(CLI::App& app) {
    struct Opts {
        std::string input, output, dtype = "keep";
        bool force = false, json = false, allow_non_finite = false;
    };
    auto o = std::make_shared<Opts>();
    CLI::App* cmd = app.add_subcommand(
        "convert", "Write a checkpoint (.pth, .safetensors, rwkv.cpp .bin, .gguf) as a .safetensors file");
    cmd->add_option("input", o->input, "Checkpoint to read")->required()->check(not_empty("the input path"));
    cmd->add_option("output", o->output, "The .safetensors file to write")
        ->required()
        ->check(not_empty("the output path"));
    cmd->add_option("--dtype", o->dtype, "keep (each tensor as stored), fp32, fp16 or bf16")->capture_default_str();
    cmd->add_flag("--force", o->force, "Replace the output file when it exists");
    cmd->add_flag("--allow-non-finite", o->allow_non_finite,
                  "Write weights that are NaN or infinite as they are (refused otherwise: they make every logit NaN)");
    cmd->add_flag("--json", o->json, "Print one JSON object instead of lines");
    cmd->callback([o] {
        std::optional<DType> as;
        if (o->dtype == "int8")
            throw Error(ErrorCode::InvalidArgument,
                        "convert writes fp32, fp16 or bf16 weights (--dtype keep, fp32, fp16, bf16): int8 is made when "
                        "a model loads (chat, generate and bench take --dtype int8)");
        if (o->dtype != "keep" && o->dtype != "fp32" && o->dtype != "fp16" && o->dtype != "bf16")
            throw Error(ErrorCode::InvalidArgument, "unknown --dtype '" + o->dtype + "' (keep, fp32, fp16, bf16)");
        if (o->dtype != "keep") as = parse_dtype(o->dtype);
        check_output_name(o->output);
        refuse_to_overwrite("the output", o->output, {{"convert", o->input}});
        std::error_code ec;
        if (!o->force && fs::is_regular_file(o->output, ec))
            throw Error(ErrorCode::InvalidArgument,
                        o->output + " exists: add --force to replace it (nothing was written)");
        const auto start = std::chrono::steady_clock::now();
        if (!o->allow_non_finite) refuse_non_finite_weights(o->input);
        const WeightSet in = load_weights(o->input);  // throws naming the file, as every command's model error
        check_free_space(o->output, safetensors_bytes(in, as));
        SafetensorsWritten written;
        write_file_whole(o->output, "safetensors", "model.safetensors", "convert",
                         [&](const std::string& file) { written = write_safetensors(in, file, as); });
        const ModelFingerprint before = compute_fingerprint(in);
        std::optional<ModelFingerprint> after;  // a device or a pipe cannot be read back
        if (fs::is_regular_file(o->output, ec)) after = compute_fingerprint(load_weights(o->output));
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const DType dtype = as ? *as : main_dtype(in);
        const bool same = after && *after == before;
        if (o->json) {
            nlohmann::ordered_json j = {
                {"input", o->input},
                {"input_format", to_string(in.format)},
                {"output", o->output},
                {"format", "safetensors"},
                {"dtype", std::string(dtype_name(dtype))},
                {"bytes", written.bytes},
                {"values", written.values},
                {"values_rounded", written.values_rounded},
                {"input_fingerprint", before.to_string()},
                {"fingerprint", after ? nlohmann::json(after->to_string()) : nlohmann::json(nullptr)},
                {"same_fingerprint", same},
                {"seconds", seconds},
            };
            std::cout << j.dump() << "\n";
            return;
        }
        const std::string in_name = terminal_line(fs::path(o->input).filename().string());
        char secs[32];
        std::snprintf(secs, sizeof secs, "%.1f", seconds);
        std::cout << "wrote " << terminal_line(o->output) << " (safetensors, " << dtype_name(dtype) << ", "
                  << short_bytes(written.bytes) << ": " << with_commas(written.bytes) << " bytes) in " << secs
                  << " s\n"
                  << "  from           " << in_name << " (" << to_string(in.format) << ", "
                  << dtype_name(main_dtype(in)) << ")\n"
                  << "  values         "
                  << (written.values_rounded == 0
                          ? "all " + with_commas(written.values) + " kept exactly"
                          : with_commas(written.values_rounded) + " of " + with_commas(written.values) +
                                " rounded to " + std::string(dtype_name(dtype)) + " (round to nearest even)")
                  << "\n"
                  << "  conversations  ";
        if (!after)
            std::cout << "(the output cannot be read back to compare)\n";
        else if (same)
            std::cout << "saved with " << in_name << " continue with it (the same model fingerprint "
                      << before.to_string() << ")\n";
        else
            std::cout << "saved with " << in_name << " read their text again once with it (model fingerprint "
                      << after->to_string() << ", " << in_name << ": " << before.to_string() << ")\n";
    });
}

}  // namespace rwkv::cli
