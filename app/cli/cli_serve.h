// cli_serve.h — `rwkv-cli serve`: the app's local OpenAI-compatible API without a window (cli_serve.cpp; docs/api.md).
#pragma once

namespace CLI {
class App;
}

namespace rwkv::cli {

void add_serve_command(CLI::App& app);

}  // namespace rwkv::cli
