// cli_folders.cpp — the sidebar's folders from the command line: `conversations move` files a conversation in one or
// takes it out; `conversations folders` lists them with their counts, and `folders create | rename | delete` change
// them as the window does (ConversationStore's name checks and words; a folder's chats move out when it is deleted).
// The changes take the data folder's lock (open_store_for_writing); the list only reads. Tests:
// tests/cli/test_cli_folders.cpp, test_cli_conversations::foldersAreListedAndMoved.
#include "cli_folders.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <QHash>
#include <QStringList>

#include <cstdio>
#include <iostream>
#include <memory>
#include <stdexcept>

#include "cli_checks.h"
#include "cli_common.h"
#include "cli_conversations.h"
#include "store/conversation_store.h"
#include "terminal_text.h"

namespace rwkv::cli {
namespace {

/// A folder's name in a line rwkv-cli writes: quoted, each control or bidi character as an escape (terminal_line).
std::string quoted(const QString& name) { return "\"" + terminal_line(name.toStdString()) + "\""; }

/// The folder of `store` named `name` by the store's rule for one name (sameFolderName: trimmed, composed,
/// case-folded, invisible characters left out), as the window finds it. Throws naming at most 10 of the others
/// (session 48's second trial: 208 names on one line), or how to make one when there is none.
store::Folder folderNamed(const store::ConversationStore& store, const std::string& name, const std::string& db) {
    constexpr qsizetype kNamed = 10;
    const QList<store::Folder> folders = store.listFolders();
    QStringList names;
    for (const store::Folder& f : folders) {
        if (store::ConversationStore::sameFolderName(f.name, QString::fromStdString(name).trimmed())) return f;
        if (names.size() < kNamed) names << QStringLiteral("\"%1\"").arg(f.name);
    }
    if (folders.size() > kNamed)
        names << QStringLiteral("and %1 more (`rwkv-cli conversations folders` lists them)").arg(folders.size() - kNamed);
    throw std::runtime_error(
        "there is no folder named \"" + name + "\" in " + db +
        (names.isEmpty() ? std::string("; it has no folders (make one with `rwkv-cli conversations folders create`)")
                         : "; its folders: " + names.join(", ").toStdString()));
}

/// "1 conversation", "3 conversations".
std::string conversationsText(qsizetype n) {
    return std::to_string(n) + (n == 1 ? " conversation" : " conversations");
}

void addMove(CLI::App& conv) {
    struct MoveOpts {
        std::string db, folder;
        qint64 id = 0;
        bool unfile = false;
    };
    auto mv = std::make_shared<MoveOpts>();
    CLI::App* move = conv.add_subcommand("move", "File a conversation in a folder (--folder NAME) or take it out of "
                                                 "its folder (--no-folder)");
    move->add_option("--db", mv->db, "Conversation database")->required()->check(not_a_directory("conversations.sqlite"));
    move->add_option("id", mv->id, "Conversation id (see `conversations list`)")
        ->required()
        ->check(whole_number_at_least(1));  // "'abc' is not a whole number …", as every id; CLI11 said "Could not convert"
    CLI::Option* folderOpt = move->add_option("--folder", mv->folder, "Name of an existing folder (any case)");
    move->add_flag("--no-folder", mv->unfile, "Take the conversation out of its folder")->excludes(folderOpt);
    move->callback([mv] {
        if (!mv->unfile && mv->folder.empty())
            throw std::runtime_error("conversations move: pass --folder NAME or --no-folder");
        require_existing_database(mv->db, "conversations move");
        const std::unique_ptr<store::ConversationStore> store = open_store_for_writing(mv->db);
        if (!store->conversation(mv->id))
            throw std::runtime_error("there is no conversation " + std::to_string(mv->id) + " in " + mv->db);
        const store::Folder folder = mv->unfile ? store::Folder{} : folderNamed(*store, mv->folder, mv->db);
        store->setFolder(mv->id, folder.id);
        std::cout << "conversation " << mv->id
                  << (folder.id == 0 ? " is in no folder now" : " is in folder " + quoted(folder.name) + " now") << "\n";
    });
}

/// `conversations folders [--json]`: each folder with its chats not in the trash (the sidebar's count) and those in
/// the trash (they go back into it when restored).
void listFolders(const std::string& db, bool json) {
    require_existing_database(db, "conversations folders");
    const std::unique_ptr<store::ConversationStore> store = open_store_for_reading(db, "conversations folders");
    QHash<qint64, int> chats, trashed;
    for (const store::Conversation& c : store->listConversations()) ++chats[c.folder_id];
    for (const store::Conversation& c : store->listTrash()) ++trashed[c.folder_id];
    const QList<store::Folder> folders = store->listFolders();
    if (json) {
        nlohmann::ordered_json rows = nlohmann::json::array();
        for (const store::Folder& f : folders)
            rows.push_back({{"name", f.name.toStdString()},
                            {"conversations", chats.value(f.id)},
                            {"in_trash", trashed.value(f.id)}});
        std::cout << rows.dump() << "\n";
        return;
    }
    if (folders.isEmpty()) {
        std::cout << "no folders in " << terminal_line(db) << "\n";
        return;
    }
    std::printf("%5s  %s\n", "CHATS", "FOLDER");
    for (const store::Folder& f : folders) {
        const int inTrash = trashed.value(f.id);
        std::printf("%5d  %s%s\n", chats.value(f.id), terminal_line(f.name.toStdString()).c_str(),
                    inTrash == 0 ? "" : ("  (and " + std::to_string(inTrash) + " in the trash)").c_str());
    }
}

void addFolders(CLI::App& conv) {
    struct FolderOpts {
        std::string db, name, newName;
        bool json = false;
    };
    auto o = std::make_shared<FolderOpts>();
    CLI::App* folders = conv.add_subcommand(
        "folders", "List the sidebar's folders with their conversations (subcommands: create, rename, delete)");
    folders->add_option("--db", o->db, "Conversation database")->check(not_a_directory("conversations.sqlite"));
    folders->add_flag("--json", o->json, "Print one JSON array instead of a table");
    folders->require_subcommand(0, 1);
    folders->callback([o, folders] {
        if (!folders->get_subcommands().empty()) return;  // create, rename or delete ran
        if (o->db.empty()) throw CLI::RequiredError("--db");
        listFolders(o->db, o->json);
    });

    CLI::App* create = folders->add_subcommand("create", "Make a folder (the window's name rules)");
    create->add_option("--db", o->db, "Conversation database")->required()->check(not_a_directory("conversations.sqlite"));
    create->add_option("name", o->name, "Its name: 1-100 characters, one line, no other folder's in any case")->required();
    create->callback([o] {
        require_existing_database(o->db, "conversations folders create");
        if (!is_utf8(o->name))  // stored as "z\uFFFD\uFFFD" before (session 49's second trial)
            throw std::runtime_error("the folder's name is not UTF-8 text (is the terminal set to UTF-8?)");
        const std::unique_ptr<store::ConversationStore> store = open_store_for_writing(o->db);
        const qint64 id = store->createFolder(QString::fromStdString(o->name));  // FolderNameError: the store's words
        std::cout << "made folder " << quoted(store->folderName(id)) << "\n";
    });

    CLI::App* rename = folders->add_subcommand("rename", "Rename a folder (found by its name in any case)");
    rename->add_option("--db", o->db, "Conversation database")->required()->check(not_a_directory("conversations.sqlite"));
    rename->add_option("old", o->name, "Its name now")->required();
    rename->add_option("new", o->newName, "Its new name")->required();
    rename->callback([o] {
        require_existing_database(o->db, "conversations folders rename");
        if (!is_utf8(o->newName))
            throw std::runtime_error("the folder's new name is not UTF-8 text (is the terminal set to UTF-8?)");
        const std::unique_ptr<store::ConversationStore> store = open_store_for_writing(o->db);
        const store::Folder folder = folderNamed(*store, o->name, o->db);
        store->renameFolder(folder.id, QString::fromStdString(o->newName));
        std::cout << "folder " << quoted(folder.name) << " is named " << quoted(store->folderName(folder.id))
                  << " now\n";
    });

    CLI::App* remove = folders->add_subcommand(
        "delete", "Delete a folder; its conversations move out of it (those in the trash too), none is deleted");
    remove->add_option("--db", o->db, "Conversation database")->required()->check(not_a_directory("conversations.sqlite"));
    remove->add_option("name", o->name, "Its name (any case)")->required();
    remove->callback([o] {
        require_existing_database(o->db, "conversations folders delete");
        const std::unique_ptr<store::ConversationStore> store = open_store_for_writing(o->db);
        const store::Folder folder = folderNamed(*store, o->name, o->db);
        qsizetype inTrash = 0;
        for (const store::Conversation& c : store->listTrash()) inTrash += c.folder_id == folder.id ? 1 : 0;
        const int moved = store->deleteFolder(folder.id);
        std::cout << "deleted folder " << quoted(folder.name) << ": "
                  << (moved == 0 ? std::string("it held no conversation")
                                 : "its " + conversationsText(moved) +
                                       (inTrash == 0 ? std::string()
                                                     : " (" + std::to_string(inTrash) + " of them in the trash)") +
                                       (moved == 1 ? " is" : " are") + " in no folder now; none was deleted")
                  << "\n";
    });
}

}  // namespace

void add_folder_commands(CLI::App& conversations) {
    addMove(conversations);
    addFolders(conversations);
}

}  // namespace rwkv::cli
