// cli_conversations.cpp — `rwkv-cli export` and `rwkv-cli import`: a conversation of a database as Markdown, JSON or
// a conversation bundle (app/core/conversation_export.h), and a bundle or JSON file back in as a new conversation;
// `conversations list` and `conversations upgrade` (`move` and `folders`: cli_folders.cpp). Reading commands open the
// database read-only (an older schema is refused, naming `upgrade`); export never writes over its --db (or its
// -wal/-shm/-journal) nor over any other SQLite file. Errors: one line on stderr, exit status 1 (main.cpp); a damaged file imports nothing.
#include "cli_conversations.h"
#include "cli_folders.h"  // add_folder_commands: conversations move, folders

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLockFile>
#include <QLoggingCategory>
#include <QSet>

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>
#include <iostream>

#include "cli_checks.h"
#include "app_paths.h"
#include "branch_to_continue.h"  // leafToShow: the branch the app shows
#include "data_folder_lock.h"
#include "conversation_title.h"  // refusedFolderShown
#include "models/model_catalog.h"
#include "cli_common.h"
#include "cli_out_file.h"
#include "conversation_export.h"
#include "store/conversation_store.h"
#include "surrogate_pairs.h"
#include "store/store_error.h"
#include "terminal_cells.h"
#include "terminal_text.h"

namespace rwkv::cli {
namespace {

/// `name` with each half of a surrogate pair as U+FFFD, as the window's banner draws it: QString::toStdString wrote
/// "?" for the half in a damaged export's folder name ("z\ud83d", refused: checkedImportedFolderName).
QString withHalvesShown(QString name) {
    for (qsizetype i = app::halfSurrogateAt(name); i >= 0; i = app::halfSurrogateAt(name, i + 1))
        name[i] = QChar(QChar::ReplacementCharacter);
    return name;
}

/// The catalog id (resources/models.json) of a model file name, or "" when the catalog or the entry is missing.
QString catalogIdFor(const QString& fileName, const std::string& catalogPath) {
    if (fileName.isEmpty()) return {};
    const std::filesystem::path path = catalogPath.empty() ? find_bundled_resource("models.json") : std::filesystem::path(catalogPath);
    std::ifstream f(path);
    if (!f) return {};
    const nlohmann::json catalog = nlohmann::json::parse(f, nullptr, false);
    if (!catalog.is_object() || !catalog.contains("models")) return {};
    for (const auto& m : catalog["models"])
        if (m.is_object() && m.value("file", std::string()) == fileName.toStdString())
            return QString::fromStdString(m.value("id", std::string()));
    return {};
}

/// "1 message", "5 messages" (session 24's trial, F6: "(1 messages)").
std::string messagesText(long long n) { return std::to_string(n) + (n == 1 ? " message" : " messages"); }

/// A catalog entry as the import message names it.
struct CatalogModel {
    std::string id, name, file;
    std::int64_t size = -1;
    std::string catalogPath;  ///< the catalog file it is listed in
    std::string unusable;     ///< why rwkv-desktop refuses that catalog (ModelCatalog's words), "" when it loads it
};

/// The first file (by name) in `dir`, not in a folder below it, of `bytes` bytes and not named `except`: a missing
/// model's download kept under another name (its catalog size known, its contents not read). "" when there is none.
std::string sameSizeFile(const std::filesystem::path& dir, std::int64_t bytes, const std::string& except) {
    std::vector<std::string> names;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code fec;
        if (it->is_regular_file(fec) && it->file_size(fec) == std::uintmax_t(bytes) && !fec &&
            it->path().filename() != except)
            names.push_back(it->path().filename().string());
    }
    return names.empty() ? std::string() : *std::min_element(names.begin(), names.end());
}

/// `s` as one shell word: as is when it holds only characters no shell treats specially, else in single quotes.
std::string shellWord(const std::string& s) {
    const bool plain = !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
        return std::isalnum(c) || std::string_view("_./-+=:,@%").find(char(c)) != std::string_view::npos;
    });
    if (plain) return s;
    std::string out = "'";
    for (const char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

/// The catalog entry with this id, else the one with this file name; nullopt when neither is listed.
std::optional<CatalogModel> catalogModelFor(const QString& catalogId, const QString& fileName,
                                            const std::string& catalogPath) {
    const std::filesystem::path path = catalogPath.empty() ? find_bundled_resource("models.json") : std::filesystem::path(catalogPath);
    std::ifstream f(path);
    if (!f) return std::nullopt;
    const nlohmann::json catalog = nlohmann::json::parse(f, nullptr, false);
    if (!catalog.is_object() || !catalog.contains("models") || !catalog["models"].is_array()) return std::nullopt;
    for (const bool byId : {true, false})
        for (const auto& m : catalog["models"]) {
            if (!m.is_object()) continue;
            const std::string key = m.value(byId ? "id" : "file", std::string());
            const QString want = byId ? catalogId : fileName;
            if (want.isEmpty() || key != want.toStdString()) continue;
            CatalogModel c;
            c.id = m.value("id", std::string());
            c.name = m.value("name", std::string());
            c.file = m.value("file", std::string());
            if (m.contains("size") && m["size"].is_number_integer()) c.size = m["size"].get<std::int64_t>();
            c.catalogPath = std::filesystem::absolute(path).lexically_normal().string();
            // The command printed for this entry runs rwkv-desktop, which reads the catalog with ModelCatalog: a
            // catalog it refuses (an entry without a URL for each source, say) downloads nothing (new-user trial,
            // session 16: `rwkv-desktop --download ID` then did nothing, the refusal only on its stderr).
            QString why;
            if (!models::ModelCatalog::load(QString::fromStdString(path.string()), &why))
                c.unusable = why.isEmpty() ? std::string("it cannot be read") : why.toStdString();
            return c;
        }
    return std::nullopt;
}

/// Throws when writing --out would destroy a database: out is the --db file itself (same file by inode, or the same
/// canonical path when out does not exist yet) or its -wal / -shm / -journal, named as such; a folder named as one;
/// then what every rwkv-cli output refuses (refuse_to_overwrite: any SQLite database, an unreadable file, a disk).
void refuseToOverwriteADatabase(const std::string& db, const std::string& out) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path outPath(out);
    const fs::path dbCanonical = fs::weakly_canonical(fs::path(db), ec);
    const fs::path outCanonical = fs::weakly_canonical(outPath, ec);
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        const fs::path companion = fs::path(db + suffix);
        const bool same = fs::exists(outPath, ec) && fs::exists(companion, ec) ? fs::equivalent(outPath, companion, ec)
                                                                             : false;
        if (same || (!dbCanonical.empty() && outCanonical == fs::path(dbCanonical.string() + suffix)))
            throw std::runtime_error("--out " + out + " is " +
                                     (*suffix ? "the " + std::string(suffix) + " file of " : std::string()) +
                                     "the database being exported (--db " + db +
                                     "); writing it would destroy the conversations. Pass another --out; nothing "
                                     "was written.");
    }
    if (fs::is_directory(outPath, ec))
        throw std::runtime_error("--out " + out + " is a folder; pass a file name. Nothing was written.");
    // An SQLite database, its journal, a file that cannot be read, a disk: refused as every rwkv-cli output is.
    refuse_to_overwrite("--out", out, {{"--db", db}});
}

std::string sizeText(std::int64_t bytes) {
    if (bytes < 0) return "size unknown";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f GB", double(bytes) / 1e9);
    if (bytes < 1000000000) std::snprintf(buf, sizeof buf, "%.1f MB", double(bytes) / 1e6);
    return buf;
}

// The data folder's lock (data_folder_lock.h), as rwkv-desktop takes it (app/gui/main.cpp): a chat or import next
// to an open window wrote the conversations the window was answering. Held until the process exits; a folder where no
// lock can be made (read-only, missing) goes without one and the store says what it can do there.
// A database named through a symbolic link to it is locked in the folder it is in (session 57's trial: `chat --db
// LINK` wrote an open app's conversations beside it, the lock taken in the link's folder).
void lock_data_folder(const std::string& db) {
    static std::map<QString, std::unique_ptr<QLockFile>> held;
    const QFileInfo given(QString::fromStdString(db));
    const QString file = given.exists() ? given.canonicalFilePath() : given.absoluteFilePath();
    const QString folder = QFileInfo(file).absolutePath();
    if (held.count(folder)) return;
    app::DataFolderLockHolder holder;
    std::unique_ptr<QLockFile> lock = app::lockDataFolder(folder, holder);
    if (!lock) {
        // Only what is true of the holder: the app writes its conversations.sqlite in that folder, not every file
        // there (a database moved aside as '….damaged-…', say); the lock keeps every writer out of the whole folder.
        const bool cliHolds = holder.appName == QLatin1String("rwkv-cli");
        const std::string appDb = app::databasePath(folder).toStdString();
        const bool appsOwn = file == QString::fromStdString(appDb);
        const std::string what =
            cliHolds  ? "another rwkv-cli command (process " + std::to_string(holder.pid) +
                            "), which is changing a database there"
            : appsOwn ? "RWKV Desktop (process " + std::to_string(holder.pid) + "), which writes " + db + " too"
                      : "RWKV Desktop (process " + std::to_string(holder.pid) + "), which keeps its conversations in " +
                            appDb + "; while it runs, no other program changes a database in that folder";
        throw std::runtime_error("the data folder " + folder.toStdString() + " is in use by " + what +
                                 ". Close it (or wait for it to finish) and try again, or pass a --db in another "
                                 "folder; nothing was changed. Reading commands (export, conversations list) still "
                                 "work.");
    }
    if (lock->isLocked()) held.emplace(folder, std::move(lock));
}

/// The store's log lines about a damaged index (its category in conversation_store.cpp, with SQLite's own report of
/// the page) are left out: the notes below say it once, in words (session 36's check: said twice).
void quietIndexRepairLog() { QLoggingCategory::setFilterRules(QStringLiteral("rwkv.store.indexrepair.warning=false")); }

/// What the app says at its start (ConversationStore::IndexRepair::Rebuilt), as a note on stderr: any index of the
/// conversations or messages table (session 54: "the conversation list's index" was said of messages_unfinished).
void note_index_rebuilt() {
    std::cerr << "[An index of the conversation database was damaged and has been rebuilt; nothing was lost.]\n";
}

/// The damaged index of a file that can be written could not be rebuilt (another program changing the file, a full
/// disk): what happened, what still works and what to do, in words, as the app's notices say them; the store's text
/// (SQLite's) only on a "details:" line (session 37: it stood alone, raw, in the one line).
void note_index_not_rebuilt(const std::string& file, const store::StoreError& e) {
    const bool locked = e.code() == SQLITE_BUSY || e.code() == SQLITE_LOCKED, full = e.code() == SQLITE_FULL;
    std::cerr << "[An index of the conversation database " << terminal_line(file)
              << " is damaged and could not be rebuilt: "
              << (locked ? "another program is changing the database (RWKV Desktop, or another rwkv-cli command)"
                  : full ? "the disk is full"
                         : "making it again failed")
              << ". Your conversations are still listed and read, more slowly, and nothing was changed. "
              << (locked ? "Close the other program and run the command again"
                  : full ? "Free some space and run the command again"
                         : "Run the command again")
              << " to rebuild the index (RWKV Desktop also rebuilds it when it starts).]\n"
              << "[details: " << terminal_line(e.what()) << "]\n";
}

}  // namespace

void require_existing_database(const std::string& db, const std::string& command) {
    const QString path = QString::fromStdString(db);
    const QFileInfo f(path);
    if (f.isSymLink() && !f.exists())
        throw std::runtime_error(store::databaseFileProblem(path, store::Words::English).toStdString());
    if (f.exists()) return;
    const QFileInfo folder(f.absolutePath());
    throw std::runtime_error("The conversation database " + db + " does not exist" +
                             (folder.exists() ? std::string()
                                              : " (nor does its folder " + folder.absoluteFilePath().toStdString() + ")") +
                             ". `rwkv-cli " + command +
                             "` opens an existing database; rwkv-cli chat and import create one.");
}

std::unique_ptr<store::ConversationStore> open_store_for_writing(const std::string& db, bool noteUpgrade) {
    lock_data_folder(db);
    quietIndexRepairLog();
    auto store = std::make_unique<store::ConversationStore>(QString::fromStdString(db),
                                                            store::ConversationStore::OpenMode::Automatic);
    if (store->isReadOnly())
        throw std::runtime_error("the conversation database " + db + " is read-only (" +
                                 (store->readOnlyReason().empty() ? "the file or its folder cannot be written"
                                                                  : store->readOnlyReason()) +  // "the disk is full"
                                 "), so nothing can be added to it. " +
                                 (store->readOnlyReason().empty() ? "Make both writable, or pass another --db."
                                                                  : "Free some space, or pass another --db."));
    if (store->indexRepair() == store::ConversationStore::IndexRepair::Rebuilt) note_index_rebuilt();
    if (noteUpgrade && !store->upgradeBackup().isEmpty())
        std::cerr << "[upgraded " << terminal_line(db) << " from schema version " << store->openedAtVersion() << " to "
                  << store::ConversationStore::schemaVersion() << "; the old file is kept as "
                  << terminal_line(store->upgradeBackup().toStdString()) << "]\n";
    return store;
}

std::unique_ptr<store::ConversationStore> open_store_for_reading(const std::string& db, const std::string& command) {
    const QString path = QString::fromStdString(db);
    // Named absolutely, as the store's own errors name it (session 26's trial, F12: an empty file was
    // "dbz/conversations.sqlite holds no …" while a text file was "The file /tmp/…/dbt/conversations.sqlite is not …").
    const std::string file = QFileInfo(path).absoluteFilePath().toStdString();
    std::unique_ptr<store::ConversationStore> store;
    bool notRebuilt = false;  // said by note_index_not_rebuilt
    quietIndexRepairLog();
    try {  // one open: a damaged or foreign file is a StoreError said in words, an older schema refused untouched
        store = std::make_unique<store::ConversationStore>(path, store::ConversationStore::OpenMode::ReadOnly);
    } catch (const store::OlderSchemaError& e) {  // reading it needs the upgrade, which writes: name how instead
        const int version = e.fileVersion();
        const int current = store::ConversationStore::schemaVersion();
        throw std::runtime_error(
            file + (version == 0 ? " holds no conversation database (it has no schema)"
                                 : " was written by an older RWKV Desktop (schema version " + std::to_string(version) +
                                       "; this version reads " + std::to_string(current) + ")") +
            ". `rwkv-cli " + command + "` only reads, so it changed nothing" +
            (version == 0 ? std::string(".")
                          : ": upgrade it with `rwkv-cli conversations upgrade --db " + file +
                                "` (the old file is kept as " + file + ".bak-v" + std::to_string(version) +
                                "), or by opening it in rwkv-desktop."));
    }
    if (store::ConversationStore::cannotWrite(path))  // worth knowing before a chat or import fails on it
        std::cerr << "[" << terminal_line(file)
                  << " is read-only: opened for reading; nothing in it will be changed]\n";
    else if (store->indexRepair() == store::ConversationStore::IndexRepair::LeftDamaged) {
        // An index is derived data: made again from the rows, as the app does at its start (session 35's trial:
        // one overwritten page of the sidebar's index refused `conversations list` and `export` as "damaged")
        store.reset();
        try {
            if (store::ConversationStore::rebuildDamagedIndexes(path)) note_index_rebuilt();
        } catch (const store::StoreError& e) {  // a lock, say: read without the index, as a read-only file is
            note_index_not_rebuilt(file, e);
            notRebuilt = true;
        }
        store = std::make_unique<store::ConversationStore>(path, store::ConversationStore::OpenMode::ReadOnly);
    }
    if (store->indexRepair() == store::ConversationStore::IndexRepair::LeftDamaged && !notRebuilt)
        std::cerr << "[an index of the conversation database is damaged and cannot be rebuilt in a read-only file; it "
                     "is read without it (more slowly)]\n";
    return store;
}

namespace {
/// The damaged messages of conversation `id`, every branch (store::Message::damage). allMessages() reads rows, not
/// branches: a loop of parents is flagged where ConversationStore::branch cuts it (ParentsLoop), on the branches read
/// from each message in or under the loop that has no reply, and from the newest message (the branch messages() reads);
/// a parent_id naming no message of the conversation is flagged ParentMissing, as branch() flags it.
QList<store::Message> damagedMessages(const store::ConversationStore& store, qint64 id) {
    QList<store::Message> all = store.allMessages(id);
    QSet<qint64> ids;
    for (const store::Message& m : all) ids.insert(m.id);
    QHash<qint64, QList<qint64>> replies;
    QList<qint64> todo;  // from the roots (no parent in this conversation) down: what reaches a root is in no loop
    for (const store::Message& m : all) (ids.contains(m.parent_id) ? replies[m.parent_id] : todo) << m.id;
    QSet<qint64> rooted;
    while (!todo.isEmpty()) {
        const qint64 m = todo.takeLast();
        rooted.insert(m);
        todo << replies.value(m);
    }
    QSet<qint64> loopStarts;
    if (rooted.size() < all.size())
        for (const store::Message& m : all)
            if (!rooted.contains(m.id) && (!replies.contains(m.id) || m.id == all.constLast().id))
                for (const store::Message& b : store.branch(m.id))
                    if (b.damage & store::ParentsLoop) loopStarts.insert(b.id);
    QList<store::Message> out;
    for (store::Message& m : all) {
        if (loopStarts.contains(m.id)) m.damage |= store::ParentsLoop;
        if (m.parent_id != 0 && !ids.contains(m.parent_id)) m.damage |= store::ParentMissing;  // as branch() reads it
        if (m.damage != 0) out << m;
    }
    return out;
}

/// Each damaged message in words (store::damageRow, as the window's details: "message 2: its role is unreadable").
std::vector<std::string> damageRows(const QList<store::Message>& damaged) {
    std::vector<std::string> rows;
    for (const store::Message& m : damaged) rows.push_back(store::damageRow(m).toStdString());
    return rows;
}

/// One stderr line for a conversation with damaged rows (session 22's trial, F3: read without a word before; a loop
/// of parents, session 25's trial, N3c: only the store's warning before).
void sayDamaged(qint64 id, const QList<store::Message>& damaged) {
    if (damaged.isEmpty()) return;
    qsizetype unreadable = 0;
    bool loop = false, orphan = false;
    for (const store::Message& m : damaged) {
        if (m.damage & (store::RoleUnreadable | store::TextUnreadable)) ++unreadable;
        if (m.damage & store::ParentsLoop) loop = true;
        if (m.damage & store::ParentMissing) orphan = true;
    }
    std::string what, list;
    if (unreadable > 0)
        what = std::to_string(unreadable) +
               " of its messages are read as well as they can be (one whose role cannot be read as the user's)";
    if (loop)
        what += std::string(what.empty() ? "" : ", and ") +
                "the order of its messages loops (a message is saved as a reply to one of its own replies), so it is "
                "read from where the loop closes, each message once";
    if (orphan)
        what += std::string(what.empty() ? "" : ", and ") +
                "a message is saved as a reply to a message that does not exist, so it is read as a first message "
                "(its branch and the others are all kept)";
    for (const std::string& r : damageRows(damaged)) list += (list.empty() ? "" : "; ") + r;
    std::cerr << "[conversation " << id << " is damaged: " << what << ": " << list
              << "; it can still be exported and continued]\n";
}
}  // namespace

void say_damaged_messages(const store::ConversationStore& store, qint64 id) { sayDamaged(id, damagedMessages(store, id)); }

void add_conversation_commands(CLI::App& app) {
    struct ExportOpts {
        std::string db, format = "md", out, catalog;
        std::int64_t conversation = 0;
    };
    auto e = std::make_shared<ExportOpts>();
    CLI::App* ex = app.add_subcommand("export", "Write a conversation as Markdown, JSON or a conversation bundle");
    ex->add_option("--db", e->db, "Conversation database")->required()->check(not_a_directory("conversations.sqlite"));
    ex->add_option("--conversation", e->conversation, "Conversation id")->required()->check(whole_number_at_least(1));
    ex->add_option("--format", e->format,
                   "md (the branch the app shows), json (every branch; an import opens on the branch the app shows), "
                   "bundle (json + that branch's newest state)")
        ->check(CLI::IsMember({"md", "json", "bundle"}));
    ex->add_option("--out", e->out, "Output file (default: standard output; a bundle needs --out)");
    ex->add_option("--catalog", e->catalog, "Model catalog to name the model from (default: the bundled one)");
    ex->callback([e] {
        if (e->format == "bundle" && e->out.empty()) throw std::runtime_error("a bundle is binary: pass --out FILE");
        require_existing_database(e->db, "export");
        if (!e->out.empty()) refuseToOverwriteADatabase(e->db, e->out);  // before anything is opened or written
        const std::unique_ptr<store::ConversationStore> opened = open_store_for_reading(e->db, "export");
        store::ConversationStore& store = *opened;
        const std::optional<store::Conversation> c = store.conversation(e->conversation);
        if (!c) throw std::runtime_error("conversation " + std::to_string(e->conversation) + " does not exist in " + e->db);
        const QString catalogId = catalogIdFor(c->model_name, e->catalog);
        say_damaged_messages(store, e->conversation);
        const QByteArray bytes = e->format == "md"     ? app::exportMarkdown(store, e->conversation)
                                 : e->format == "json" ? app::exportJson(store, e->conversation, catalogId)
                                                       : app::exportBundle(store, e->conversation, catalogId);
        if (e->out.empty()) {
            std::cout.write(bytes.constData(), bytes.size());
            return;
        }
        // A temporary file renamed over --out only when complete: a full disk or a killed export leaves the file
        // that was there (an earlier bundle, say) instead of an empty or half-written one.
        write_out_file(e->out, bytes);  // a device (/dev/null) directly; the reason named when it fails
        std::cerr << "[conversation " << e->conversation << " -> " << terminal_line(e->out) << ", " << bytes.size()
                  << " bytes]\n";
    });

    // conversations list: what is in a database, so an id can be found for export / chat --conversation.
    struct ListOpts {
        std::string db;
        bool json = false;
    };
    auto l = std::make_shared<ListOpts>();
    CLI::App* conv = app.add_subcommand(
        "conversations",
        "Conversations of a database (subcommands: list, move, folders, fork, stats, thin, upgrade)");
    conv->require_subcommand(1);
    CLI::App* ls = conv->add_subcommand(
        "list", "List the conversations of a database (not those in the trash); MESSAGES counts the branch the app "
                "shows (the version viewed last, else the newest), as export writes it; --json's all_messages counts "
                "every version");
    ls->add_option("--db", l->db, "Conversation database")->required()->check(not_a_directory("conversations.sqlite"));
    ls->add_flag("--json", l->json, "Print one JSON array instead of a table");
    ls->callback([l] {
        require_existing_database(l->db, "conversations list");
        const std::unique_ptr<store::ConversationStore> opened = open_store_for_reading(l->db, "conversations list");
        const store::ConversationStore& store = *opened;
        nlohmann::ordered_json rows = nlohmann::json::array();
        QHash<qint64, QString> folders;  // the window's folders (schema v7), by id
        for (const store::Folder& f : store.listFolders()) folders.insert(f.id, f.name);
        for (const store::Conversation& c : store.listConversations()) {
            nlohmann::ordered_json r;
            r["id"] = c.id;
            r["title"] = c.title.toStdString();
            // The folder it is filed in, null for none (a folder_id another tool left naming no folder reads as none)
            r["folder"] = folders.contains(c.folder_id) ? nlohmann::ordered_json(folders.value(c.folder_id).toStdString())
                                                        : nlohmann::ordered_json(nullptr);
            r["model"] = c.model_name.toStdString();
            // The branch the app opens the chat on (the version viewed last, else the newest), which export writes
            // and chat --conversation continues; every version as all_messages. Before session 56: the newest
            // branch's, which the window, export and chat did not show once another version was viewed.
            const qint64 shown = app::leafToShow(store, c.id);
            r["messages"] = (shown != 0 ? store.branch(shown) : store.messages(c.id)).size();
            r["all_messages"] = store.allMessages(c.id).size();
            r["updated"] = QDateTime::fromMSecsSinceEpoch(c.updated_at, Qt::UTC).toString(Qt::ISODate).toStdString();
            const QList<store::Message> damaged = damagedMessages(store, c.id);
            r["damaged_messages"] = damageRows(damaged);
            if (!l->json) sayDamaged(c.id, damaged);
            rows.push_back(r);
        }
        if (l->json) {
            std::cout << rows.dump() << "\n";
            return;
        }
        if (rows.empty()) {
            std::cout << "no conversations in " << terminal_line(l->db) << "\n";
            return;
        }
        // The MODEL column is as wide as the longest name, at most kModelColumn terminal cells: longer names end in "…",
        // cut at a whole escape or character (terminal_cells.h: a CJK or emoji character is two cells).
        // The model file's name and the title by one rule, terminal_line's (terminal_text.h): each control or bidi
        // character as an escape ("\u202e", "\u001b", "\n"), the rest as it is. An imported bundle can set either,
        // and a raw ESC or U+202E in it reached the terminal (session 39's trial); then the MODEL column wrote
        // "\u202e" (models::oneLine) and the TITLE column left it out or made it a space (shownTitle), so two titles
        // that differ only there read the same. Escapes, as in every other line rwkv-cli writes (a reply, a path in an
        // error): what is shown is what is stored, and --json has it exact. Not oneLine: it escapes every other format
        // character too (U+200B, the direction marks), which a terminal shows as nothing and turns nothing with.
        constexpr qsizetype kModelColumn = 40;
        const auto modelName = [](const nlohmann::ordered_json& r) {
            return QString::fromStdString(r["model"].get<std::string>());
        };
        qsizetype width = 5;
        for (const auto& r : rows) width = std::max(width, terminalWidth(modelName(r)));
        width = std::min(width, kModelColumn);
        const auto cell = [width](const QString& text) { return terminalCell(text, width); };
        // A FOLDER column only where some chat is filed: as wide as the longest folder name shown, at most
        // kFolderColumn cells, the name by terminal_line's rule as the model's (a name holds no control: the store
        // refuses them, but another tool may have written one)
        constexpr qsizetype kFolderColumn = 24;
        const auto folderName = [](const nlohmann::ordered_json& r) {
            return r["folder"].is_null() ? QString() : QString::fromStdString(r["folder"].get<std::string>());
        };
        qsizetype folderWidth = 0;
        for (const auto& r : rows)
            if (!r["folder"].is_null()) folderWidth = std::max({folderWidth, qsizetype(6), terminalWidth(folderName(r))});
        folderWidth = std::min(folderWidth, kFolderColumn);
        const auto folderCell = [folderWidth](const QString& text) {
            return folderWidth == 0 ? std::string() : terminalCell(text, folderWidth) + "  ";
        };
        std::printf("%6s  %-20s  %8s  %s  %s%s\n", "ID", "UPDATED (UTC)", "MESSAGES",
                    cell(QStringLiteral("MODEL")).c_str(), folderCell(QStringLiteral("FOLDER")).c_str(), "TITLE");
        for (const auto& r : rows)
            std::printf("%6lld  %-20s  %8d  %s  %s%s\n", r["id"].get<long long>(),
                        r["updated"].get<std::string>().c_str(), r["messages"].get<int>(), cell(modelName(r)).c_str(),
                        folderCell(folderName(r)).c_str(), terminal_line(r["title"].get<std::string>()).c_str());
    });

    add_folder_commands(*conv);  // move, folders (cli_folders.cpp)

    add_conversations_fork(*conv);  // cli_conversations_fork.cpp
    add_state_commands(*conv);      // stats, thin: cli_conversations_states.cpp

    // conversations upgrade: what the app does when it opens a database of an older schema, asked for explicitly.
    auto u = std::make_shared<std::string>();
    CLI::App* up = conv->add_subcommand(
        "upgrade", "Upgrade a database written by an older RWKV Desktop to this version (a copy of the old file is kept)");
    up->add_option("--db", *u, "Conversation database")->required()->check(not_a_directory("conversations.sqlite"));
    up->callback([u] {
        require_existing_database(*u, "conversations upgrade");
        const int before = store::ConversationStore::fileSchemaVersion(QString::fromStdString(*u));
        const int current = store::ConversationStore::schemaVersion();
        if (before == current) {
            std::cout << terminal_line(*u) << " is at schema version " << current << " already: nothing to do\n";
            return;
        }
        const std::unique_ptr<store::ConversationStore> store = open_store_for_writing(*u, false);  // newer: refused
        std::cout << "upgraded " << terminal_line(*u) << " from schema version " << before << " to " << current
                  << (store->upgradeBackup().isEmpty()
                          ? std::string()
                          : "; the old file is kept as " + terminal_line(store->upgradeBackup().toStdString()))
                  << "\n";
    });

    struct ImportOpts {
        std::string db, file, modelsDir, catalog;
        bool json = false, copy = false;
    };
    auto i = std::make_shared<ImportOpts>();
    CLI::App* im = app.add_subcommand("import", "Add a conversation from a bundle or a JSON export to a database");
    im->add_option("--db", i->db, "Conversation database (created if missing)")
        ->required()
        ->check(not_a_directory("conversations.sqlite"));
    // No CLI::ExistingFile: its "File is actually a directory" / "File does not exist" (a link loop too) were CLI11's
    // words, not the other import errors' (session 24's trial, F6); app::refuseWhatIsNotAFile says them.
    im->add_option("file", i->file, "A .rwkvchat bundle or a JSON export")->required();
    im->add_flag("--json", i->json, "Print one JSON object");
    im->add_flag("--copy", i->copy,
                 "When the database already holds this conversation (an earlier import of the same file), import it "
                 "again as a copy titled \"<title> (copy)\" instead of naming the one it has");
    im->add_option("--models-dir", i->modelsDir,
                   "Where the conversation's model is looked for (default: the \"models\" folder next to --db, "
                   "as rwkv-desktop keeps it)");
    im->add_option("--catalog", i->catalog, "Model catalog to offer a missing model from (default: the bundled one)");
    im->callback([i] {
        app::refuseWhatIsNotAFile(QString::fromStdString(i->file));  // a named pipe: open() would wait for good
        QFile f(QString::fromStdString(i->file));
        if (!f.open(QIODevice::ReadOnly)) throw std::runtime_error("cannot read " + i->file);
        const app::ParsedConversation parsed = app::parseConversationFile(app::readConversationFile(f));  // checked before the database opens
        const std::unique_ptr<store::ConversationStore> store = open_store_for_writing(i->db);
        const app::ImportResult r = app::importConversation(
            *store, parsed, i->copy ? app::OnDuplicate::ImportCopy : app::OnDuplicate::OpenExisting);
        if (!r.folderRefused.isEmpty()) {  // a name this library cannot have: imported unfiled, never refused
            // A name of any length stays on the line; one of nothing to read as escapes (the banner's rule too).
            const QString name = app::refusedFolderShown(r.folderRefused, withHalvesShown(r.folderRefused), 40);
            std::cerr << "[its folder \"" << terminal_line(name.toStdString()) << "\" was not made here: "
                      << r.folderRefusal.toStdString() << " It is in no folder.]\n";
        }
        // Is the model it was made with here? Else name the catalog entry and the command that downloads it.
        const std::filesystem::path modelsDir =
            !i->modelsDir.empty() ? std::filesystem::path(i->modelsDir)
                                  : std::filesystem::absolute(i->db).parent_path() / "models";
        const std::optional<CatalogModel> entry =
            r.model.fileName.isEmpty() && r.model.catalogId.isEmpty()
                ? std::nullopt
                : catalogModelFor(r.model.catalogId, r.model.fileName, i->catalog);
        bool modelHere = r.model.fileName.isEmpty() && r.model.catalogId.isEmpty();
        // The models folder, then the app's bundled resources (the demo model ships there, as rwkv-desktop finds it).
        std::error_code ec;
        const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
        const QString resources = app::findResourceDir(QString::fromStdString(exe.parent_path().string()));
        std::string modelPath;
        for (const std::string& name : {r.model.fileName.toStdString(), entry ? entry->file : std::string()}) {
            if (name.empty() || modelHere) continue;
            for (const std::filesystem::path& dir : {modelsDir, std::filesystem::path(resources.toStdString())})
                if (!dir.empty() && std::filesystem::is_regular_file(dir / name, ec) && modelPath.empty())
                    modelPath = (dir / name).lexically_normal().string();
            modelHere = !modelPath.empty();
        }
        // The command names --catalog when one was given: rwkv-desktop otherwise looks the id up in its bundled
        // catalog ('Unknown model "ID"', new-user trial, session 16).
        const bool offer = entry && !modelHere && entry->unusable.empty();
        // Session 54's trial: the file by another name ("model.pth" for the catalog's file) was "not in DIR" alone.
        const std::string sameSize =
            entry && !modelHere && entry->size > 0 ? sameSizeFile(modelsDir, entry->size, entry->file) : std::string();
        const std::string download =
            offer ? "rwkv-desktop " + (i->catalog.empty() ? std::string() : "--catalog " + shellWord(entry->catalogPath) + " ") +
                        "--download " + shellWord(entry->id)
                  : std::string();
        // Where its state resumes: states continue only on the backend and weight dtype they were made with, and
        // `rwkv-cli chat` runs fp16 or int8 weights (--dtype) on --backend (cpu unless given). A Vulkan chat's bundle
        // was said to "continue" while every CLI reply re-read it (session 33's trial).
        const store::SnapshotTags stateTags = parsed.data.snapshot ? parsed.data.snapshot->tags : store::SnapshotTags{};
        const std::string stateBackend = stateTags.backend.toStdString(), stateDtype = stateTags.weight_dtype.toStdString();
        const bool chatDtype = stateDtype == "fp16" || stateDtype == "int8";  // what `rwkv-cli chat --dtype` loads
        const std::string dtypeOption = stateDtype == "int8" ? " --dtype int8" : "";
        const std::optional<DeviceInfo> device =
            r.withState && chatDtype ? first_usable_device(stateBackend) : std::nullopt;
        const std::string continueBackend =
            !r.withState || !chatDtype ? std::string()
            : stateBackend == "cpu"             ? std::string("cpu")
            : device                            ? device->backend
                                                : std::string();
        if (i->json) {
            std::cout << nlohmann::json{{"conversation_id", r.conversationId},
                                        {"already_present", r.alreadyPresent},
                                        {"title", r.title.toStdString()},
                                        {"messages", r.messages},
                                        {"with_state", r.withState},
                                        {"state_damage", r.stateDamage.toStdString()},
                                        {"state_unknown_codec", r.stateUnknownCodec},
                                        {"state_added", r.stateAdded},
                                        {"start_state_added", r.startStateAdded},
                                        {"start_state", r.startState.toStdString()},
                                        {"start_state_damage", r.startStateDamage.toStdString()},
                                        {"folder", r.folder.isEmpty() ? nlohmann::json(nullptr)
                                                                      : nlohmann::json(r.folder.toStdString())},
                                        {"folder_made", r.folderMade},
                                        {"folder_refused", withHalvesShown(r.folderRefused).toStdString()},
                                        {"folder_refusal", r.folderRefusal.toStdString()},
                                        {"state_backend", stateBackend},
                                        {"state_weight_dtype", stateDtype},
                                        {"state_continues_with_backend", continueBackend},
                                        {"model_fingerprint", r.model.fingerprint.toStdString()},
                                        {"model_file", r.model.fileName.toStdString()},
                                        {"catalog_id", r.model.catalogId.toStdString()},
                                        {"model_present", modelHere},
                                        {"model_path", modelPath},
                                        {"download_id", offer ? entry->id : std::string()},
                                        {"download_command", download},
                                        {"catalog_problem", entry && !modelHere ? entry->unusable : std::string()},
                                        {"same_size_file", sameSize}}
                             .dump()
                      << "\n";
        } else if (r.alreadyPresent) {
            std::cout << "already imported: conversation " << r.conversationId << " (\""
                      << terminal_line(r.title.toStdString())
                      << "\") holds this file's " << messagesText(r.messages) << "; "
                      << (r.stateAdded && r.startStateAdded
                              ? "it had no saved state and could not read its starting state: this file's were added"
                          : r.stateAdded      ? "it had no saved state, and this file's was added"
                          : r.startStateAdded ? "it could not read its starting state, and this file's was added"
                                              : "nothing was added")
                      << " (pass --copy to import it again as a copy)\n";
        } else {
            std::cout << "imported conversation " << r.conversationId << " (" << messagesText(r.messages)
                      << (r.withState ? ", with its state" : "") << ")\n";
            if (r.titleCut)  // session 22's trial, F8
                std::cout << "its title was cut to its first " << app::kMaxTitleLength << " characters\n";
            if (!r.folder.isEmpty())  // the folder its file names, as this library names it
                std::cout << "it is in folder \"" << terminal_line(r.folder.toStdString()) << "\""
                          << (r.folderMade ? " (made for it)" : "") << "\n";
            if (!r.stateDamage.isEmpty())  // session 35's trial: the whole chat was refused
                std::cout << (r.stateUnknownCodec ? "its saved state is in a form this version cannot read ("
                                                  : "its saved state was damaged (")
                          << terminal_line(r.stateDamage.toStdString())
                          << (r.stateUnknownCodec ? "; perhaps made by a newer RWKV Desktop" : "")
                          << ") and was left out: its next reply re-reads the conversation\n";
            if (!r.startStateDamage.isEmpty())  // as a damaged state: the chat comes in without the file
                std::cout << "its starting state was damaged (" << terminal_line(r.startStateDamage.toStdString())
                          << ") and was left out: give it again with `rwkv-cli chat --conversation "
                          << r.conversationId << " --state-file FILE` when the chat asks for it\n";
            else if (!r.startState.isEmpty())
                std::cout << "it starts from the state-tuning file " << terminal_line(r.startState.toStdString())
                          << "\n";
            const std::string resumeText =
                continueBackend == "cpu" ? "`rwkv-cli chat" + dtypeOption + "` continues it (on the CPU, its default)"
                : !continueBackend.empty()
                    ? "`rwkv-cli chat --backend " + continueBackend + dtypeOption + "` continues it (" + device->name +
                          "); on another backend its next reply re-reads the conversation"
                : !chatDtype
                    ? "RWKV Desktop and `rwkv-cli chat` run fp16 or int8 weights, so its next reply re-reads the "
                      "conversation"
                    : "this machine has no usable " + stateBackend + " device, so its next reply here re-reads the "
                      "conversation (nothing is lost)";
            if (r.withState)
                std::cout << "its state belongs to model " << terminal_line(r.model.fingerprint.toStdString())
                          << (r.model.fileName.isEmpty() ? ""
                                                         : " (" + terminal_line(r.model.fileName.toStdString()) + ")")
                          << (r.model.catalogId.isEmpty()
                                  ? ""
                                  : ", catalog id " + terminal_line(r.model.catalogId.toStdString()))
                          << " and was made with " << terminal_line(stateBackend + " " + stateDtype) << ": "
                          << terminal_line(resumeText) << "\n";
            if (offer)
                std::cout << "its model " << terminal_line(entry->name) << " (" << terminal_line(entry->file)
                          << ", catalog id " << terminal_line(entry->id) << ", " << sizeText(entry->size)
                          << ") is not in " << terminal_line(modelsDir.string()) << ": download it with `"
                          << terminal_line(download) << "` (or Download in the app's banner)\n";
            else if (!modelHere && entry)
                std::cout << "its model " << terminal_line(entry->name) << " (" << terminal_line(entry->file)
                          << ", catalog id " << terminal_line(entry->id) << ", " << sizeText(entry->size)
                          << ") is not in " << terminal_line(modelsDir.string())
                          << ", and RWKV Desktop cannot download it from the catalog "
                          << terminal_line(entry->catalogPath) << ": " << terminal_line(entry->unusable) << "\n";
            else if (!modelHere)
                std::cout << "its model " << terminal_line(r.model.fileName.toStdString()) << " is not in "
                          << terminal_line(modelsDir.string())
                          << " and not in the model catalog\n";
            if (!sameSize.empty())
                std::cout << "a file of the same size is there under another name: " << terminal_line(sameSize)
                          << " (if it is this model, rename it to " << terminal_line(entry->file) << ")\n";
        }
    });
}

}  // namespace rwkv::cli
