// rwkv-cli conversations fork, run as a user would (QProcess): the new chat continued from the copied saved state
// writes what the old chat continued at the same reply writes (the same seed), without reading the text again; a fork
// at a question holds the chat before it; without a saved state the text is read again, and said; --title is one line
// without bidi controls; bad ids are refused with nothing written. The store's side: tests/app/test_store_fork.cpp. Helpers: cli_run.h.
#include "cli_run.h"

#ifdef RWKV_CLI_TEST_STORE
#include "store/conversation_store.h"
#include "store/database.h"
#endif

using namespace cli_test;

namespace {

QString idOf(const nlohmann::json& j, const char* key) { return QString::number(j[key].get<qint64>()); }

nlohmann::json forkJson(const QString& db, const QString& conversation, const QString& at) {
    const Run r = cli({"conversations", "fork", "--db", db, conversation, "--at", at, "--json"});
    if (r.code != 0) {
        qWarning("%s", r.err.constData());
        return {};
    }
    return nlohmann::json::parse(r.out.toStdString());
}

}  // namespace

class TestCliFork : public QObject {
    Q_OBJECT

private slots:
    // The decisive one: a fork at reply R continued with message Q (seed 5) gives the reply the chat itself gives when
    // continued at R with Q (a new version there), token for token, and resumes from R's saved state: the prefill is
    // Q's tokens only, as in the chat itself.
    void forkGoesOnFromTheSavedState() {
        QTemporaryDir dir;
        const QString db = dir.filePath("c.sqlite");
        const auto t1 = chat(db, {"--message", "Read this once: the harbour opens at six and closes at nine."});
        const QString c = idOf(t1, "conversation_id");
        const auto t2 = chat(db, {"--conversation", c, "--message", "When does it open?"});
        const QString r2 = idOf(t2, "assistant_message_id");
        const auto t3 = chat(db, {"--conversation", c, "--message", "And on Sunday?"});  // R2's reply: not in the fork
        QVERIFY(!t3.empty());

        const auto f = forkJson(db, c, r2);
        QVERIFY(!f.empty());
        const QString fork = idOf(f, "conversation_id");
        QVERIFY(fork != c);
        QCOMPARE(f["messages"].get<int>(), 4);
        QCOMPARE(f["states"].get<int>(), 1);
        QCOMPARE(idOf(f, "up_to_message_id"), r2);
        QCOMPARE(f["question"].get<std::string>(), std::string());
        const Run list = cli({"conversations", "list", "--db", db, "--json"});
        const auto rows = nlohmann::json::parse(list.out.toStdString());
        QCOMPARE(rows.size(), 2u);
        QCOMPARE(idOf(rows[0], "id"), fork);  // listed first
        QCOMPARE(f["title"].get<std::string>(), "From here: " + rows[1]["title"].get<std::string>());

        const auto inFork = chat(db, {"--conversation", fork, "--message", "Who runs it?"});
        const auto inChat = chat(db, {"--conversation", c, "--parent", r2, "--message", "Who runs it?"});
        QVERIFY(!inFork.empty() && !inChat.empty());
        QCOMPARE(inFork["conversation_id"].get<qint64>(), fork.toLongLong());
        QVERIFY(!inFork["reply"].get<std::string>().empty());
        QCOMPARE(inFork["reply"], inChat["reply"]);
        QCOMPARE(inFork["stats"]["decode_tokens"], inChat["stats"]["decode_tokens"]);
        QCOMPARE(inFork["stats"]["resumed_from_state"], true);
        QCOMPARE(inFork["stats"]["state_source"], "snapshot");
        QCOMPARE(inFork["stats"]["resume_note"], "");
        QCOMPARE(inFork["stats"]["prefill_tokens"], inChat["stats"]["prefill_tokens"]);
        QCOMPARE(inChat["stats"]["resumed_from_state"], true);
        // The whole chat read again would be far more than the question's tokens.
        QVERIFY(inFork["stats"]["prefill_tokens"].get<int>() < t1["stats"]["prefill_tokens"].get<int>());
#ifdef RWKV_CLI_TEST_STORE
        {  // the same tokens written: the stored replies' token counts and text
            rwkv::store::ConversationStore store(db, rwkv::store::ConversationStore::OpenMode::ReadOnly);
            const auto a = store.message(inFork["assistant_message_id"].get<qint64>());
            const auto b = store.message(inChat["assistant_message_id"].get<qint64>());
            QVERIFY(a && b);
            QCOMPARE(a->token_count, b->token_count);
            QCOMPARE(a->text, b->text);
            QCOMPARE(store.messages(fork.toLongLong()).size(), 6);  // its four, the question and the reply
        }
#endif
        // Without --json the turn says so on stderr, as every resumed turn.
        const Run plain = cli({"chat", "--db", db, "--model", tinyModel(), "--max-tokens", "4", "--seed", "5",
                               "--conversation", fork, "--message", "Thanks."});
        QVERIFY2(plain.code == 0 && plain.err.contains("(resumed from saved state)") && !plain.err.contains("not resumed"),
                 plain.err.constData());
    }

    // At a question: the chat before it (up to the reply it was asked after), the question's text given back. The
    // plain line names what was copied.
    void forkAtAQuestionHoldsTheChatBeforeIt() {
        QTemporaryDir dir;
        const QString db = dir.filePath("c.sqlite");
        const auto t1 = chat(db, {"--message", "Hello"});
        const QString c = idOf(t1, "conversation_id");
        const auto t2 = chat(db, {"--conversation", c, "--message", "What is a harbour?"});
        const auto f = forkJson(db, c, idOf(t2, "user_message_id"));
        QCOMPARE(f["messages"].get<int>(), 2);
        QCOMPARE(idOf(f, "up_to_message_id"), idOf(t1, "assistant_message_id"));
        QCOMPARE(f["question"].get<std::string>(), std::string("What is a harbour?"));
        QCOMPARE(f["states"].get<int>(), 1);
        // At the first question: the settings only, no message.
        const Run first = cli({"conversations", "fork", "--db", db, c, "--at", idOf(t1, "user_message_id"),
                               "--title", "Fresh start"});
        QVERIFY2(first.code == 0, first.err.constData());
        QVERIFY2(first.out.endsWith("(\"Fresh start\"): 0 messages of conversation " + c.toUtf8() +
                                    ", its settings only (the messages before question " +
                                    idOf(t1, "user_message_id").toUtf8() + "; ask it again with --message)\n"),
                 first.out.constData());
        const Run reply = cli({"conversations", "fork", "--db", db, c, "--at", idOf(t2, "assistant_message_id")});
        QVERIFY2(reply.code == 0 && reply.out.contains(": 4 messages of conversation " + c.toUtf8() + " up to message " +
                                                       idOf(t2, "assistant_message_id").toUtf8() +
                                                       "; with its saved state (cpu fp16): its next message goes on "
                                                       "from there\n"),
                 reply.out.constData());
    }

    // "Read once, ask many" (ux-anchors §3 item 5): a chat reads a document, a chat is made from its reply, the first
    // chat goes on three turns (retention keeps its newest two states), and a second chat made from the same reply
    // still gets its state and goes on from it: the question's tokens only. Before, the state was pruned and the
    // second chat re-read the whole document ("no saved state there").
    void readOnceAskMany() {
        QTemporaryDir dir;
        const QString db = dir.filePath("c.sqlite");
        const auto t1 = chat(db, {"--message", "Read this once: the harbour opens at six, closes at nine, and the "
                                               "ferry leaves from the north pier every hour on the hour."});
        const QString c = idOf(t1, "conversation_id"), r1 = idOf(t1, "assistant_message_id");
        const auto first = forkJson(db, c, r1);
        QCOMPARE(first["states"].get<int>(), 1);
        for (const char* q : {"When does it open?", "And close?", "Which pier?"})
            QVERIFY(!chat(db, {"--conversation", c, "--message", q}).empty());
        const auto second = forkJson(db, c, r1);
        QCOMPARE(second["messages"].get<int>(), 2);
        QCOMPARE(second["states"].get<int>(), 1);
        const auto asked = chat(db, {"--conversation", idOf(second, "conversation_id"), "--message", "Who runs it?"});
        QVERIFY(!asked.empty());
        QCOMPARE(asked["stats"]["resumed_from_state"], true);
        QCOMPARE(asked["stats"]["state_source"], "snapshot");
        QVERIFY(asked["stats"]["prefill_tokens"].get<int>() < t1["stats"]["prefill_tokens"].get<int>());
    }

    // A reply whose saved state was pruned: the fork reads its text again at its next message, and says so.
    void withoutASavedStateTheTextIsReadAgain() {
#ifndef RWKV_CLI_TEST_STORE
        QSKIP("built without the app's store");
#else
        QTemporaryDir dir;
        const QString db = dir.filePath("c.sqlite");
        const auto t1 = chat(db, {"--message", "Hello"});
        const QString c = idOf(t1, "conversation_id");
        {
            rwkv::store::Database d(db);
            d.exec("DELETE FROM snapshots");
        }
        const Run made = cli({"conversations", "fork", "--db", db, c, "--at", idOf(t1, "assistant_message_id")});
        QVERIFY2(made.code == 0 && made.out.contains("; no saved state there: its next message reads its text from the "
                                                     "start\n"), made.out.constData());
        const QString fork = made.out.mid(13, made.out.indexOf(' ', 13) - 13);
        const auto next = chat(db, {"--conversation", fork, "--message", "Again"});
        QVERIFY(!next.empty());
        QCOMPARE(next["stats"]["resumed_from_state"], false);
        QVERIFY(!next["stats"]["resume_note"].get<std::string>().empty());
#endif
    }

    // A fork of a fork keeps its title, "From here: Hello" (numbered: the first fork has it), not "From here: From
    // here: Hello" (session 49's trial).
    void aForkOfAForkIsNotTitledTwice() {
        QTemporaryDir dir;
        const QString db = dir.filePath("c.sqlite");
        const auto t1 = chat(db, {"--message", "Hello"});
        const auto first = forkJson(db, idOf(t1, "conversation_id"), idOf(t1, "assistant_message_id"));
        QCOMPARE(first["title"].get<std::string>(), "From here: Hello");
        const Run exported = cli({"export", "--db", db, "--conversation", idOf(first, "conversation_id"), "--format", "json"});
        QCOMPARE(exported.code, 0);
        const auto reply = nlohmann::json::parse(exported.out.toStdString())["messages"].back();  // the fork's own copy
        QCOMPARE(reply["role"].get<std::string>(), "assistant");
        const auto second = forkJson(db, idOf(first, "conversation_id"), idOf(reply, "id"));
        QVERIFY(!second.empty());
        QVERIFY(second["conversation_id"] != first["conversation_id"]);
        QCOMPARE(second["title"].get<std::string>(), "From here: Hello (2)");
    }

    // Forks of one chat are told apart as file managers name copies: "From here: Hello", "(2)", "(3)"; a fork of
    // "(2)" takes the next free number, not "(2) (2)". Three were all "From here: turn 1: …" (session 51's trial). A
    // --title is the user's: kept as given, taken or not.
    void forksOfOneChatAreNumbered() {
        QTemporaryDir dir;
        const QString db = dir.filePath("c.sqlite");
        const auto t1 = chat(db, {"--message", "Hello"});
        const QString c = idOf(t1, "conversation_id"), r = idOf(t1, "assistant_message_id");
        QCOMPARE(forkJson(db, c, r)["title"].get<std::string>(), "From here: Hello");
        const auto second = forkJson(db, c, r);
        QCOMPARE(second["title"].get<std::string>(), "From here: Hello (2)");
        QCOMPARE(forkJson(db, c, r)["title"].get<std::string>(), "From here: Hello (3)");
        const Run exported =
            cli({"export", "--db", db, "--conversation", idOf(second, "conversation_id"), "--format", "json"});
        QCOMPARE(exported.code, 0);
        const auto reply = nlohmann::json::parse(exported.out.toStdString())["messages"].back();
        QCOMPARE(forkJson(db, idOf(second, "conversation_id"), idOf(reply, "id"))["title"].get<std::string>(),
                 "From here: Hello (4)");
        const Run given =
            cli({"conversations", "fork", "--db", db, c, "--at", r, "--title", "From here: Hello", "--json"});
        QCOMPARE(given.code, 0);
        QCOMPARE(nlohmann::json::parse(given.out.toStdString())["title"].get<std::string>(), "From here: Hello");
    }

    // --title as the window's rename takes it: one line (a newline was stored and listed as "a\nb": session 50's
    // trial); blank or not UTF-8: refused, nothing written.
    void aTitleIsOneLineOfText() {
        QTemporaryDir dir;
        const QString db = dir.filePath("c.sqlite");
        const auto t = chat(db, {"--message", "Hello"});
        const QString id = idOf(t, "conversation_id"), at = idOf(t, "assistant_message_id");
        const Run made = cli({"conversations", "fork", "--db", db, id, "--at", at, "--title", "a\n  b\tc ", "--json"});
        QCOMPARE(made.code, 0);
        QCOMPARE(nlohmann::json::parse(made.out.toStdString())["title"].get<std::string>(), "a b c");
        const Run before = cli({"conversations", "list", "--db", db, "--json"});
        const Run blank = cli({"conversations", "fork", "--db", db, id, "--at", at, "--title", " \n "});
        QCOMPARE(blank.code, 1);
        QCOMPARE(blank.err, QByteArray("error: a conversation needs a title: --title is blank\n"));
        QProcess sh;  // bytes that are not UTF-8 need a shell: QProcess passes its arguments as UTF-8
        sh.setProcessEnvironment(cliEnvironment());
        sh.start(QStringLiteral("/bin/sh"),
                 {QStringLiteral("-c"),
                  QStringLiteral("exec \"$0\" conversations fork --db \"$1\" \"$2\" --at \"$3\" --title \"$(printf 'z\\377')\""),
                  QStringLiteral(RWKV_CLI_PATH), db, id, at});
        QVERIFY(sh.waitForFinished(60000));
        QCOMPARE(sh.exitCode(), 1);
        QCOMPARE(sh.readAllStandardError(), QByteArray("error: the title is not UTF-8 text (is the terminal set to UTF-8?)\n"));
        QCOMPARE(cli({"conversations", "list", "--db", db, "--json"}).out, before.out);
    }

    // --title leaves out the bidi controls, as the window's Rename… field does (app::withoutBidiControls): a U+202E
    // was stored and turned the title around in the sidebar's row (session 52's trial). stderr names what was left
    // out; a title of nothing else is blank.
    void aTitleLeavesOutBidiControls() {
        QTemporaryDir dir;
        const QString db = dir.filePath("c.sqlite");
        const auto t = chat(db, {"--message", "Hello"});
        const QString id = idOf(t, "conversation_id"), at = idOf(t, "assistant_message_id");
        const Run made = cli({"conversations", "fork", "--db", db, id, "--at", at, "--title",
                              QStringLiteral("ab\u202Ecd\u2067"), "--json"});
        QCOMPARE(made.code, 0);
        QCOMPARE(nlohmann::json::parse(made.out.toStdString())["title"].get<std::string>(), "abcd");
        QCOMPARE(made.err, QByteArray("[left out U+202E, U+2067 of --title: direction controls turn the text around, so "
                                      "titles keep none]\n"));
        const Run blank = cli({"conversations", "fork", "--db", db, id, "--at", at, "--title", QStringLiteral(" \u202E")});
        QCOMPARE(blank.code, 1);
        QCOMPARE(blank.err, QByteArray("error: a conversation needs a title: --title is blank\n"));
        // Nothing to read is blank too, as the window's Rename… takes it (session 53's trial: "\u200b" was stored, an
        // empty row in the sidebar).
        const Run invisible = cli({"conversations", "fork", "--db", db, id, "--at", at, "--title", QStringLiteral("\u200b")});
        QCOMPARE(invisible.code, 1);
        QCOMPARE(invisible.err, QByteArray("error: a conversation needs a title: --title is blank\n"));
        QCOMPARE(cli({"conversations", "list", "--db", db, "--json"}).out.count("\"id\""), 2);  // nothing written
    }

    // Bad ids and a chat in the trash: one line each, nothing written.
    void badIdsWriteNothing() {
        QTemporaryDir dir;
        const QString db = dir.filePath("c.sqlite");
        const auto a = chat(db, {"--message", "Hello"});
        const auto b = chat(db, {"--message", "Other"});
        const QString ca = idOf(a, "conversation_id");
        const Run before = cli({"conversations", "list", "--db", db, "--json"});
        const struct {
            QStringList args;
            QByteArray words;
        } cases[] = {
            {{ca, "--at", "999"}, "error: fork: unknown message 999; nothing was written\n"},
            {{ca, "--at", idOf(b, "assistant_message_id")},
             "error: fork: message " + idOf(b, "assistant_message_id").toUtf8() + " belongs to conversation " +
                 idOf(b, "conversation_id").toUtf8() + ", not " + ca.toUtf8() + "; nothing was written\n"},
            {{"77", "--at", "1"}, "error: there is no conversation 77 in " + db.toUtf8() + "\n"},
        };
        for (const auto& k : cases) {
            const Run r = cli(QStringList{"conversations", "fork", "--db", db} + k.args);
            QCOMPARE(r.code, 1);
            QCOMPARE(r.err, k.words);
            QVERIFY(r.out.isEmpty());
        }
#ifdef RWKV_CLI_TEST_STORE
        {
            rwkv::store::ConversationStore store(db);
            store.deleteConversation(ca.toLongLong());
        }
        Q_UNUSED(before);
        const Run trashed = cli({"conversations", "fork", "--db", db, ca, "--at", idOf(a, "assistant_message_id")});
        QCOMPARE(trashed.code, 1);
        QVERIFY2(trashed.err.startsWith("error: fork: conversation " + ca.toUtf8() + " is in the trash: restore it"),
                 trashed.err.constData());
        const Run after = cli({"conversations", "list", "--db", db, "--json"});
        QCOMPARE(nlohmann::json::parse(after.out.toStdString()).size(), 1);  // b alone: a is in the trash, no fork
#else
        QCOMPARE(cli({"conversations", "list", "--db", db, "--json"}).out, before.out);
#endif
    }
};

QTEST_GUILESS_MAIN(TestCliFork)
#include "test_cli_fork.moc"
