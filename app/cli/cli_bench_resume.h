// cli_bench_resume.h — the resume mode of `rwkv-cli bench` (--resume-tokens N): open a conversation of N tokens and
// reach its first new token from a stored snapshot vs by re-prefilling it. Implementation and JSON fields in
// cli_bench_resume.cpp; numbers in docs/conversations.md.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "rwkv/bench.h"

namespace rwkv::cli {

struct ResumeBenchOptions {
    BenchOptions bench;       ///< backend, model or random shape, dtype, threads, seed (prompt/gen/batch unused)
    int context_tokens = 0;   ///< the conversation's length in tokens
    std::string text_file;    ///< prefill this text (repeated to context_tokens) instead of random ids
};

/// Runs the measurement and returns one JSON object (mode "resume"). Throws rwkv::Error.
nlohmann::ordered_json run_resume_bench(const ResumeBenchOptions& options);

}  // namespace rwkv::cli
