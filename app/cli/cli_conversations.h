// cli_conversations.h — `rwkv-cli export` and `rwkv-cli import` (conversation files). Implementation in
// cli_conversations.cpp; format in docs/conversations.md.
#pragma once

#include <memory>
#include <string>

namespace CLI {
class App;
}
namespace rwkv::store {
class ConversationStore;
}

namespace rwkv::cli {

/// Registers `export --db PATH --conversation ID [--format md|json|bundle] [--out FILE]`,
/// `import --db PATH FILE [--json] [--copy]` and `conversations list --db PATH [--json]`.
void add_conversation_commands(CLI::App& app);

/// Opens --db as the app does (ConversationStore::OpenMode::Automatic). A file that cannot be written is opened
/// read-only: a command that only reads (export) says so on stderr and goes on; one that writes (forWriting: chat,
/// import) throws a runtime_error that says what to do, before anything else happens.
std::unique_ptr<store::ConversationStore> open_store(const std::string& db, bool forWriting);

}  // namespace rwkv::cli
