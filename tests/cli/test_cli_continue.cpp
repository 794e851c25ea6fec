// test_cli_continue.cpp — `rwkv-cli chat --conversation ID --continue`, run as a user would (QProcess): the last reply
// of the branch the app opens, cut at the length limit after N tokens and continued for M more with the same seed, is
// the reply written with N + M (text and tokens), as a second version of it; streamed, the whole text is printed; a
// reply that ended by itself, a question last, or --continue without --conversation or with --message is refused with
// nothing written. Code: app/cli/cli_chat.cpp, ChatSession::continueReply. Helpers: cli_run.h.
#include "cli_run.h"

#include <QRegularExpression>
#include <QTemporaryDir>

#ifdef RWKV_CLI_TEST_STORE
#include "store/conversation_store.h"
#endif

using namespace cli_test;

namespace {

/// `rwkv-cli chat` on `db` with the tiny model, seed 5, temperature 1, top-p 1, at most `maxTokens`, then `args`.
Run chatRun(const QString& db, int maxTokens, const QStringList& args, bool json = true) {
    QStringList all{"chat",     "--db",   db,  "--model",       tinyModel(),           "--seed", "5", "--temperature",
                    "1",        "--top-p", "1", "--max-tokens", QString::number(maxTokens)};
    if (json) all << "--json";
    return cli(all + args);
}

nlohmann::json parsed(const Run& r) {
    if (r.code != 0) {
        qWarning("%s", r.err.constData());
        return {};
    }
    return nlohmann::json::parse(r.out.toStdString());
}

}  // namespace

class TestCliContinue : public QObject {
    Q_OBJECT

private slots:
    void continuedIsTheLongerReply() {
        QTemporaryDir dir;
        constexpr int kN = 20, kM = 30;
        const nlohmann::json longer = parsed(chatRun(dir.filePath("a.sqlite"), kN + kM, {"--message", "Tell me a story"}));
        const QString db = dir.filePath("b.sqlite");
        const nlohmann::json cut = parsed(chatRun(db, kN, {"--message", "Tell me a story"}));
        QVERIFY(!longer.empty() && !cut.empty());
        QCOMPARE(cut["stats"]["stop_reason"].get<std::string>(), std::string("max_tokens"));
        const QString conv = QString::number(cut["conversation_id"].get<qint64>());
        const nlohmann::json c = parsed(chatRun(db, kM, {"--conversation", conv, "--continue"}));
        QVERIFY(!c.empty());
        QCOMPARE(c["continued_from_id"].get<qint64>(), cut["assistant_message_id"].get<qint64>());
        QCOMPARE(c["user_message_id"].get<qint64>(), cut["user_message_id"].get<qint64>());
        QCOMPARE(QString::fromStdString(c["reply"].get<std::string>()),
                 QString::fromStdString(longer["reply"].get<std::string>()));
        QCOMPARE(cut["stats"]["decode_tokens"].get<qint64>() + c["stats"]["decode_tokens"].get<qint64>(),
                 longer["stats"]["decode_tokens"].get<qint64>());
        // A second version of the reply: the export lists both, the cut one as it was.
        const Run ex = cli({"export", "--db", db, "--conversation", conv, "--format", "json"});
        QVERIFY2(ex.code == 0, ex.err.constData());
        const nlohmann::json messages = nlohmann::json::parse(ex.out.toStdString())["messages"];
        QCOMPARE(messages.size(), std::size_t(3));
        QCOMPARE(messages[1]["text"], cut["reply"]);
        QCOMPARE(messages[2]["text"], longer["reply"]);
        QCOMPARE(messages[2]["parent"], messages[1]["parent"]);
        // The stored link (schema v10) is the JSON's continued_from_id: the export names the cut version by its id.
        QCOMPARE(messages[2]["continued_from"].get<qint64>(), c["continued_from_id"].get<qint64>());
        QCOMPARE(messages[1]["id"].get<qint64>(), c["continued_from_id"].get<qint64>());
        QVERIFY(!messages[1].contains("continued_from"));

        // Streamed: the whole text (the cut part, then the new words), and the continued version is the one it opens.
        const Run streamed = chatRun(db, 8, {"--conversation", conv, "--continue"}, false);
        QVERIFY2(streamed.code == 0, streamed.err.constData());
        const QString out = QString::fromUtf8(streamed.out).trimmed();
        QVERIFY2(out.startsWith(QString::fromStdString(longer["reply"].get<std::string>())) &&
                     out.size() > QString::fromStdString(longer["reply"].get<std::string>()).size(),
                 streamed.out.constData());
        QVERIFY2(streamed.err.contains("[continuing reply " + QByteArray::number(c["assistant_message_id"].get<qint64>())),
                 streamed.err.constData());
        // The summary line counts the tokens written after the cut text, as the window's readout does.
        QVERIFY2(QRegularExpression(QStringLiteral(R"(, \d+ more tokens in \d+ ms)")).match(QString::fromUtf8(streamed.err))
                     .hasMatch(),
                 streamed.err.constData());
    }

    void whatCannotBeContinuedIsRefused() {
        QTemporaryDir dir;
        const QString db = dir.filePath("r.sqlite");
        const nlohmann::json first = parsed(chatRun(db, 6, {"--message", "Hello"}));
        QVERIFY(!first.empty());
        const QString conv = QString::number(first["conversation_id"].get<qint64>());
        const auto refused = [&](const QStringList& args, const char* words) {
            const Run r = chatRun(db, 6, args);
            QCOMPARE(r.code, 1);
            QVERIFY2(r.err.contains(words), r.err.constData());
            QVERIFY(r.out.isEmpty());
        };
        refused({"--continue"}, "need --conversation");
        refused({"--conversation", conv, "--continue", "--message", "x"}, "excludes");
#ifdef RWKV_CLI_TEST_STORE
        const qint64 id = conv.toLongLong();
        qint64 last = first["assistant_message_id"].get<qint64>();
        {  // a reply that ended by itself last (the tiny model always writes on to the limit)
            rwkv::store::ConversationStore store(db);
            last = store.beginTurn(id, last, QStringLiteral("Next")).second;
            store.updateMessageText(last, QStringLiteral("A whole answer."), true);
        }
        refused({"--conversation", conv, "--continue"}, "ended by itself; only a reply cut off");
        {  // a question whose reply was killed while it was read: an empty unfinished reply, last on the branch
            rwkv::store::ConversationStore store(db);
            store.beginTurn(id, last, QStringLiteral("And next"));
        }
        refused({"--conversation", conv, "--continue"}, "has no text");
        QCOMPARE(rwkv::store::ConversationStore(db).allMessages(id).size(), 6);  // nothing was written
#endif
    }
};

QTEST_GUILESS_MAIN(TestCliContinue)
#include "test_cli_continue.moc"
