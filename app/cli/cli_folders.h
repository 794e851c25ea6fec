// cli_folders.h — `rwkv-cli conversations move` and `conversations folders [create | rename | delete]`: the sidebar's
// folders from the command line. Implementation in cli_folders.cpp; the folders in docs/conversations.md "Library".
#pragma once

namespace CLI {
class App;
}

namespace rwkv::cli {

/// Registers, under `conversations`: `move --db PATH ID (--folder NAME | --no-folder)`,
/// `folders --db PATH [--json]`, `folders create --db PATH NAME`, `folders rename --db PATH OLD NEW` and
/// `folders delete --db PATH NAME`.
void add_folder_commands(CLI::App& conversations);

}  // namespace rwkv::cli
