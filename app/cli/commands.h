// Registration functions of the rwkv-cli subcommands, one file each (cli_<name>.cpp).
#pragma once

namespace CLI {
class App;
}

namespace rwkv::cli {

void add_eval_command(CLI::App& app);       // cli_eval.cpp
void add_tokenize_commands(CLI::App& app);  // cli_tokenize.cpp: tokenize, detokenize
void add_generate_command(CLI::App& app);   // cli_generate.cpp
void add_bench_command(CLI::App& app);      // cli_bench.cpp
void add_info_command(CLI::App& app);       // cli_info.cpp: a checkpoint's format, shape, dtype, size
void add_convert_command(CLI::App& app);    // cli_convert.cpp: any checkpoint as a .safetensors file

}  // namespace rwkv::cli

#ifdef RWKV_CLI_HAS_CHAT
#include "cli_chat.h"           // add_chat_command (app/core ChatSession, headless)
#include "cli_conversations.h"  // add_conversation_commands: export, import
#endif
#ifdef RWKV_CLI_HAS_SERVE
#include "cli_serve.h"  // add_serve_command (app/core ApiServer, headless)
#endif
