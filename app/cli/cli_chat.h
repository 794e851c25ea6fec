// cli_chat.h — `rwkv-cli chat`: one chat turn in a conversation database, headless, through the same
// ChatSession as the desktop app (app/core/chat_session.h). Implementation in cli_chat.cpp.
#pragma once

namespace CLI {
class App;
}

namespace rwkv::cli {

/// Registers `chat --db PATH --model PATH [--conversation ID] (--message T | --message-file F) [--max-tokens N]
/// [--seed N] [--json]` (F "-": standard input).
void add_chat_command(CLI::App& app);

}  // namespace rwkv::cli
