// cli_conversations_states.cpp — `rwkv-cli conversations stats` (what the saved model states take, as Settings →
// Folders says it) and `conversations thin` (its "Free space used by saved states": ConversationStore::thinSavedStates).
// docs/conversations.md "Freeing the space"; tests in tests/cli/test_cli_states.cpp.
#include "cli_conversations.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <sqlite3.h>

#include <iostream>
#include <memory>

#include "cli_checks.h"
#include "models/disk_space.h"
#include "store/conversation_store.h"
#include "terminal_text.h"

namespace rwkv::cli {
namespace {

std::string bytesText(qint64 bytes) { return models::humanBytes(bytes).toStdString(); }

std::string counted(qint64 n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

void add_state_commands(CLI::App& conv) {
    struct Opts {
        std::string db;
        bool json = false;
    };
    auto st = std::make_shared<Opts>();
    CLI::App* stats = conv.add_subcommand("stats", "Show the space the saved model states take in a database");
    stats->add_option("--db", st->db, "Conversation database")->required()->check(not_a_directory("conversations.sqlite"));
    stats->add_flag("--json", st->json, "Print one JSON object");
    stats->callback([st] {
        require_existing_database(st->db, "conversations stats");
        const std::unique_ptr<store::ConversationStore> store = open_store_for_reading(st->db, "conversations stats");
        const store::StateStorage s = store->stateStorage();
        if (st->json) {
            nlohmann::ordered_json j;
            j["state_bytes"] = s.stateBytes;
            j["states"] = s.states;
            j["chats"] = s.chats;
            j["chats_in_trash"] = s.chatsInTrash;
            j["database_bytes"] = s.fileBytes;
            j["unused_bytes"] = s.freeBytes;
            j["models"] = nlohmann::json::array();
            for (const store::StateStorage::Model& m : s.byModel)
                j["models"].push_back({{"name", m.name.isEmpty() ? nlohmann::ordered_json(nullptr)
                                                                 : nlohmann::ordered_json(m.name.toStdString())},
                                       {"fingerprint", m.tags.fingerprint.toStdString()},
                                       {"weight_dtype", m.tags.weight_dtype.toStdString()},
                                       {"backend", m.tags.backend.toStdString()},
                                       {"states", m.states},
                                       {"bytes", m.bytes}});
            std::cout << j.dump() << "\n";
            return;
        }
        // The window's sentence (Settings → Folders), then what it leaves out.
        std::cout << "Saved model states: " << bytesText(s.stateBytes);
        if (s.chats > 0 || s.chatsInTrash == 0) std::cout << " in " << counted(s.chats, "chat", "chats");
        if (s.chatsInTrash > 0)
            std::cout << (s.chats > 0 ? ", " + std::to_string(s.chatsInTrash) + " more in the trash"
                                      : ", all in " + counted(s.chatsInTrash, "chat", "chats") + " in the trash");
        std::cout << " (database " << bytesText(s.fileBytes) << ")\n";
        std::cout << "  " << counted(s.states, "saved state", "saved states");
        if (s.freeBytes > 0) std::cout << "; " << bytesText(s.freeBytes) << " of the database unused";
        std::cout << "\n";
        // Each model by the file name its chats recorded (the fingerprint is in --json), else by its fingerprint.
        for (const store::StateStorage::Model& m : s.byModel)
            std::cout << "  model "
                      << (m.name.isEmpty() ? "of fingerprint " + terminal_line(m.tags.fingerprint.toStdString())
                                           : "\"" + terminal_line(m.name.toStdString()) + "\"")
                      << " (" << terminal_line(m.tags.weight_dtype.toStdString()) << ", "
                      << terminal_line(m.tags.backend.toStdString()) << "): " << bytesText(m.bytes) << " in "
                      << counted(m.states, "state", "states") << "\n";
        if (s.states > s.chats + s.chatsInTrash)
            std::cout << "`rwkv-cli conversations thin --db " << terminal_line(st->db)
                      << "` keeps each chat's newest state and gives the rest back to the disk.\n";
    });

    auto th = std::make_shared<Opts>();
    CLI::App* thin = conv.add_subcommand(
        "thin", "Free space used by saved states: each chat keeps its newest state on the version it opens on");
    thin->add_option("--db", th->db, "Conversation database")->required()->check(not_a_directory("conversations.sqlite"));
    thin->add_flag("--json", th->json, "Print one JSON object");
    thin->callback([th] {
        require_existing_database(th->db, "conversations thin");
        // Refused while the app (or another writing rwkv-cli) holds the data folder, as chat and import are.
        const std::unique_ptr<store::ConversationStore> store = open_store_for_writing(th->db);
        const store::ThinResult t = store->thinSavedStates();
        if (th->json) {
            nlohmann::ordered_json j;
            j["states_deleted"] = t.statesDeleted;
            j["state_bytes_deleted"] = t.stateBytesDeleted;
            j["chats"] = t.chats;
            j["database_bytes_before"] = t.fileBytesBefore;
            j["database_bytes_after"] = t.fileBytesAfter;
            j["freed_bytes"] = t.freedBytes();
            j["not_shrunk"] = t.notShrunk.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(t.notShrunk);
            std::cout << j.dump() << "\n";
            return;
        }
        if (t.statesDeleted == 0)
            std::cout << "No saved state to delete: each chat keeps only its newest one.";
        else
            std::cout << "Deleted " << counted(t.statesDeleted, "older saved state", "older saved states") << " ("
                      << bytesText(t.stateBytesDeleted) << ") of " << counted(t.chats, "chat", "chats")
                      << "; each keeps its newest state on the version it opens on, and every message.";
        if (t.notShrunkCode == SQLITE_CORRUPT)  // a state's damaged pages, which SQLite's VACUUM calls a full disk
            std::cout << " The database file could not be made smaller: it is damaged where a saved state is kept. The "
                         "next start of RWKV Desktop or rwkv-cli on it checks the whole file; RWKV Desktop then offers "
                         "to recover the chats that can still be read.\n";
        else if (!t.notShrunk.empty())
            std::cout << " The database file could not be made smaller ("
                      << (t.notShrunkCode == SQLITE_FULL ? std::string("the disk is full") : terminal_line(t.notShrunk))
                      << "): the space inside it is reused by later saved states.\n";
        else if (t.freedBytes() > 0)
            std::cout << " Freed " << bytesText(t.freedBytes()) << ": the database is now "
                      << bytesText(t.fileBytesAfter) << ".\n";
        else
            std::cout << "\n";
    });
}

}  // namespace rwkv::cli
