// cli_conversations.h — `rwkv-cli export`, `import` (conversation files) and `conversations list / fork / stats /
// thin / upgrade` (`move`, `folders`: cli_folders.h). Implementation in cli_conversations.cpp,
// cli_conversations_fork.cpp and cli_conversations_states.cpp; format in docs/conversations.md.
#pragma once

#include <memory>
#include <string>

#include <QtGlobal>

namespace CLI {
class App;
}
namespace rwkv::store {
class ConversationStore;
}

namespace rwkv::cli {

/// Registers `export --db PATH --conversation ID [--format md|json|bundle] [--out FILE]`,
/// `import --db PATH FILE [--json] [--copy]`, `conversations list --db PATH [--json]` and
/// `conversations upgrade --db PATH`, and between them cli_folders.h's `conversations move` and `folders`.
void add_conversation_commands(CLI::App& app);

/// Registers `conversations fork --db PATH ID --at MESSAGE_ID [--title T] [--json]` under `conv`
/// (cli_conversations_fork.cpp).
void add_conversations_fork(CLI::App& conv);

/// Opens --db for a command that writes (chat, import) as the app does (ConversationStore::OpenMode::Automatic:
/// created when missing, an older schema upgraded with a copy of the old file kept, which stderr names). A file that
/// cannot be written throws a runtime_error that says what to do, before anything else happens, and so does a data
/// folder in use: the folder's rwkv-desktop.lock (app_paths.h) held by a running rwkv-desktop or another writing
/// rwkv-cli (the message names its process id); this process then holds that lock until it exits. noteUpgrade = false:
/// the caller reports the upgrade itself (`conversations upgrade`).
std::unique_ptr<store::ConversationStore> open_store_for_writing(const std::string& db, bool noteUpgrade = true);

/// Opens --db for a command that only reads (`command`: "export", "conversations list"): read-only, so the file is
/// never changed (no schema upgrade, no trash purge). A file of an older schema is refused with a runtime_error that
/// names `rwkv-cli conversations upgrade`; a file that cannot be written is noted on stderr.
std::unique_ptr<store::ConversationStore> open_store_for_reading(const std::string& db, const std::string& command);

/// Registers `conversations stats --db PATH [--json]` (what the saved model states take) and `conversations thin --db
/// PATH [--json]` (Free space used by saved states) under `conversations` (cli_conversations_states.cpp).
void add_state_commands(CLI::App& conversations);

/// For the commands that open an existing database (export, conversations list, move, folders, fork, upgrade): a
/// link to nothing in --db's place in the store's words (store::databaseFileProblem, as chat and import say it), no
/// file at all in one line naming what `command` does not do. Before, CLI::ExistingFile's "File does not exist: …"
/// [usage] answered both (session 25's trial, N3); a folder is refused by not_a_directory, as chat's and import's --db.
void require_existing_database(const std::string& db, const std::string& command);

/// `text` (an option's UTF-8 value) without its bidi controls (app::withoutBidiControls: the window's Rename… and
/// Instructions… fields and its message box leave them out as typed). `note`: when it held any, the line for stderr
/// that names them and `option` and says what `keepers` ("titles") keep: "[left out U+202E of --title: direction
/// controls turn the text around, so titles keep none]"; else empty. A U+202E in `conversations fork --title`,
/// `chat --system` (session 52's trial) or `chat --message` / `--message-file` (session 53) was stored before.
std::string without_bidi_controls(const std::string& text, const std::string& option, const std::string& keepers,
                                  std::string& note);

/// Says on stderr which messages of conversation `id` are damaged, every branch, in the window's words
/// (store::damageRow; a loop of parents and a missing parent too): "[conversation 3 is damaged: …: message 1: it is
/// shown first, though it is saved as a reply to message 4, one of its own replies (the loop); it can still be exported
/// and continued]". Nothing when none; reads only.
void say_damaged_messages(const store::ConversationStore& store, qint64 id);

}  // namespace rwkv::cli
