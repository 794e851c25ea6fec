// cli_conversations.cpp — `rwkv-cli export` and `rwkv-cli import`: a conversation of a database as Markdown, JSON or
// a conversation bundle (app/core/conversation_export.h), and a bundle or JSON file back in as a new conversation.
// Errors: one line on stderr, exit status 1 (main.cpp); a damaged file imports nothing.
#include "cli_conversations.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <QFile>

#include <fstream>
#include <iostream>

#include "cli_common.h"
#include "conversation_export.h"
#include "store/conversation_store.h"

namespace rwkv::cli {
namespace {

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

}  // namespace

void add_conversation_commands(CLI::App& app) {
    struct ExportOpts {
        std::string db, format = "md", out, catalog;
        std::int64_t conversation = 0;
    };
    auto e = std::make_shared<ExportOpts>();
    CLI::App* ex = app.add_subcommand("export", "Write a conversation as Markdown, JSON or a conversation bundle");
    ex->add_option("--db", e->db, "Conversation database")->required()->check(CLI::ExistingFile);
    ex->add_option("--conversation", e->conversation, "Conversation id")->required()->check(CLI::PositiveNumber);
    ex->add_option("--format", e->format, "md (newest branch), json (every branch), bundle (json + newest state)")
        ->check(CLI::IsMember({"md", "json", "bundle"}));
    ex->add_option("--out", e->out, "Output file (default: standard output; a bundle needs --out)");
    ex->add_option("--catalog", e->catalog, "Model catalog to name the model from (default: the bundled one)");
    ex->callback([e] {
        if (e->format == "bundle" && e->out.empty()) throw std::runtime_error("a bundle is binary: pass --out FILE");
        store::ConversationStore store(QString::fromStdString(e->db));
        const std::optional<store::Conversation> c = store.conversation(e->conversation);
        if (!c) throw std::runtime_error("conversation " + std::to_string(e->conversation) + " does not exist in " + e->db);
        const QString catalogId = catalogIdFor(c->model_name, e->catalog);
        const QByteArray bytes = e->format == "md"     ? app::exportMarkdown(store, e->conversation)
                                 : e->format == "json" ? app::exportJson(store, e->conversation, catalogId)
                                                       : app::exportBundle(store, e->conversation, catalogId);
        if (e->out.empty()) {
            std::cout.write(bytes.constData(), bytes.size());
            return;
        }
        QFile f(QString::fromStdString(e->out));
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size() || !f.flush())
            throw std::runtime_error("cannot write " + e->out + ": " + f.errorString().toStdString());
        std::cerr << "[conversation " << e->conversation << " -> " << e->out << ", " << bytes.size() << " bytes]\n";
    });

    struct ImportOpts {
        std::string db, file;
        bool json = false;
    };
    auto i = std::make_shared<ImportOpts>();
    CLI::App* im = app.add_subcommand("import", "Add a conversation from a bundle or a JSON export to a database");
    im->add_option("--db", i->db, "Conversation database (created if missing)")->required();
    im->add_option("file", i->file, "A .rwkvchat bundle or a JSON export")->required()->check(CLI::ExistingFile);
    im->add_flag("--json", i->json, "Print one JSON object");
    im->callback([i] {
        QFile f(QString::fromStdString(i->file));
        if (!f.open(QIODevice::ReadOnly)) throw std::runtime_error("cannot read " + i->file);
        const app::ParsedConversation parsed = app::parseConversationFile(f.readAll());  // checked before the database opens
        store::ConversationStore store(QString::fromStdString(i->db));
        const app::ImportResult r = app::importConversation(store, parsed);
        if (i->json) {
            std::cout << nlohmann::json{{"conversation_id", r.conversationId},
                                        {"title", r.title.toStdString()},
                                        {"messages", r.messages},
                                        {"with_state", r.withState},
                                        {"model_fingerprint", r.model.fingerprint.toStdString()},
                                        {"model_file", r.model.fileName.toStdString()},
                                        {"catalog_id", r.model.catalogId.toStdString()}}
                             .dump()
                      << "\n";
        } else {
            std::cout << "imported conversation " << r.conversationId << " (" << r.messages << " messages"
                      << (r.withState ? ", with its state" : "") << ")\n";
            if (r.withState)
                std::cout << "its state continues with model " << r.model.fingerprint.toStdString()
                          << (r.model.fileName.isEmpty() ? "" : " (" + r.model.fileName.toStdString() + ")")
                          << (r.model.catalogId.isEmpty() ? "" : ", catalog id " + r.model.catalogId.toStdString())
                          << "\n";
        }
    });
}

}  // namespace rwkv::cli
