// cli_conversations_fork.cpp — `rwkv-cli conversations fork ID --at MESSAGE_ID`: "New chat from here" of the window
// (app/core/conversation_fork.h: one rule for both). Tests: tests/cli/test_cli_fork.cpp. docs/conversations.md.
#include "cli_conversations.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <QSet>

#include <iostream>

#include "bidi_control.h"  // withoutBidiControls: the window's rule
#include "cli_checks.h"
#include "cli_common.h"  // is_utf8
#include "conversation_fork.h"
#include "invisible_format.h"  // holdsNothingToRead: the window's rule
#include "store/conversation_store.h"
#include "terminal_text.h"

namespace rwkv::cli {

std::string without_bidi_controls(const std::string& text, const std::string& option, const std::string& keepers,
                                  std::string& note) {
    note.clear();
    const QString given = QString::fromStdString(text);
    const QString kept = app::withoutBidiControls(given);
    if (kept.size() == given.size()) return text;
    QStringList names;  // each once, in order, as the window's note names them
    for (const QChar c : given)
        if (app::isBidiControl(c.unicode()))
            names << QStringLiteral("U+%1").arg(c.unicode(), 4, 16, QLatin1Char('0')).toUpper();
    names.removeDuplicates();
    note = "[left out " + names.join(QStringLiteral(", ")).toStdString() + " of " + option +
           ": direction controls turn the text around, so " + keepers + " keep none]";
    return kept.toStdString();
}

void add_conversations_fork(CLI::App& conv) {
    struct ForkOpts {
        std::string db, title;
        qint64 id = 0, at = 0;
        bool json = false;
    };
    auto o = std::make_shared<ForkOpts>();
    CLI::App* fork = conv.add_subcommand(
        "fork", "Make a new conversation of a conversation up to a message (the window's \"New chat from here\"): the "
                "messages up to it and its saved state, so the new one goes on from there without reading them again");
    fork->add_option("--db", o->db, "Conversation database")->required()->check(not_a_directory("conversations.sqlite"));
    fork->add_option("id", o->id, "Conversation id (see `conversations list`)")->required()->check(whole_number_at_least(1));
    fork->add_option("--at", o->at,
                     "Message id (see `export --format json`): a reply, kept with the messages before it; a question, "
                     "the messages before it (--json gives its text, to ask it again)")
        ->required()
        ->check(whole_number_at_least(1));
    fork->add_option("--title", o->title, "Title of the new conversation (default: \"From here: <title>\")");
    fork->add_flag("--json", o->json, "Print one JSON object");
    fork->callback([o] {
        require_existing_database(o->db, "conversations fork");
        const std::unique_ptr<store::ConversationStore> store = open_store_for_writing(o->db);
        const std::optional<store::Conversation> c = store->conversation(o->id);
        if (!c) throw std::runtime_error("there is no conversation " + std::to_string(o->id) + " in " + o->db);
        // --title by the window's rename rule (ChatController::renameConversation): one line, white space simplified
        // — a newline was stored and listed as "a\nb" (session 50's trial) — and UTF-8, as folder names are.
        if (!is_utf8(o->title)) throw std::runtime_error("the title is not UTF-8 text (is the terminal set to UTF-8?)");
        // Its bidi controls left out, as the rename dialog leaves them out (a U+202E was stored: session 52's trial).
        std::string leftOut;
        const QString given =
            QString::fromStdString(without_bidi_controls(o->title, "--title", "titles", leftOut)).simplified();
        // Nothing to read ("\u200b" alone) is blank too: the sidebar drew an empty row (session 53's trial).
        if (!o->title.empty() && (given.isEmpty() || app::holdsNothingToRead(given)))
            throw std::runtime_error("a conversation needs a title: --title is blank");
        if (!leftOut.empty()) std::cerr << leftOut << std::endl;
        const QString title =
            given.isEmpty() ? app::forkTitle(QString::fromLatin1(app::kForkTitleSource), c->title) : given;
        const app::ForkResult r = app::forkAt(*store, o->id, o->at, title, /*numbered=*/given.isEmpty());
        const std::optional<store::Conversation> made = store->conversation(r.conversationId);
        QStringList kinds;  // "cpu fp16": what the copied states continue with, as `chat`'s resume note names them
        for (const store::SnapshotInfo& s : store->snapshots(r.conversationId))
            kinds << s.tags.backend + QLatin1Char(' ') + s.tags.weight_dtype;
        kinds.removeDuplicates();
        if (o->json) {
            std::cout << nlohmann::json{{"conversation_id", r.conversationId},
                                        {"title", made ? made->title.toStdString() : std::string()},
                                        {"from_conversation_id", o->id},
                                        {"at_message_id", o->at},
                                        {"up_to_message_id", r.upTo},
                                        {"messages", r.messages},
                                        {"states", r.states},
                                        {"question", r.question.toStdString()}}
                             .dump()
                      << "\n";
            return;
        }
        std::cout << "conversation " << r.conversationId << " (\""
                  << terminal_line(made ? made->title.toStdString() : std::string()) << "\"): " << r.messages
                  << (r.messages == 1 ? " message" : " messages") << " of conversation " << o->id;
        if (r.upTo == 0)
            std::cout << ", its settings only";
        else
            std::cout << " up to message " << r.upTo;
        if (!r.question.isEmpty())
            std::cout << " (the messages before question " << o->at << "; ask it again with --message)";
        if (r.states > 0)
            std::cout << "; with its saved state (" << kinds.join(QStringLiteral(", ")).toStdString()
                      << "): its next message goes on from there";
        else if (r.messages > 0)
            std::cout << "; no saved state there: its next message reads its text from the start";
        std::cout << "\n";
    });
}

}  // namespace rwkv::cli
