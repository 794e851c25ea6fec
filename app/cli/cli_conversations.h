// cli_conversations.h — `rwkv-cli export` and `rwkv-cli import` (conversation files). Implementation in
// cli_conversations.cpp; format in docs/conversations.md.
#pragma once

namespace CLI {
class App;
}

namespace rwkv::cli {

/// Registers `export --db PATH --conversation ID [--format md|json|bundle] [--out FILE]` and
/// `import --db PATH FILE [--json]`.
void add_conversation_commands(CLI::App& app);

}  // namespace rwkv::cli
