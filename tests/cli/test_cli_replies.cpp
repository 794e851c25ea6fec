// test_cli_replies.cpp — `rwkv-cli chat --conversation ID --regenerate MSG --replies N`, run as a user would (QProcess):
// N versions written at once, version i with seed S + i, each the reply `--regenerate MSG --seed S+i` writes (text,
// tokens, the state it leaves: the next turn after it); --json prints one object a line per version ("version",
// "versions"); streamed, each version's text under its "[version k of N …]" line; --replies without --regenerate, or
// out of 1 to 8, is refused with nothing written; on a full disk the versions saved without their state are named;
// `chat --help` says what --json prints with --replies N. Code: app/cli/cli_chat.cpp, ChatSession::regenerateSeveral.
#include "cli_run.h"

#include <QTemporaryDir>

#include <set>

using namespace cli_test;

namespace {

/// `rwkv-cli chat` on `db` with the tiny model, temperature 1, top-p 0.9, at most `maxTokens`, then `args`.
Run chatRun(const QString& db, int maxTokens, const QStringList& args, bool json = true) {
    QStringList all{"chat", "--db", db, "--model", tinyModel(), "--temperature", "1", "--top-p", "0.9", "--max-tokens",
                    QString::number(maxTokens)};
    if (json) all << "--json";
    return cli(all + args);
}

/// The JSON objects of --json's output, one a line.
std::vector<nlohmann::json> lines(const Run& r) {
    std::vector<nlohmann::json> out;
    if (r.code != 0) {
        qWarning("%s", r.err.constData());
        return out;
    }
    for (const QByteArray& line : r.out.split('\n'))
        if (!line.trimmed().isEmpty()) out.push_back(nlohmann::json::parse(line.toStdString()));
    return out;
}

/// A chat of one question and its reply in `db`: (conversation, reply) as strings for the command line.
std::pair<QString, QString> chat(const QString& db) {
    const std::vector<nlohmann::json> first = lines(chatRun(db, 12, {"--seed", "1", "--message", "Tell me a story"}));
    if (first.size() != 1) return {};
    return {QString::number(first[0]["conversation_id"].get<qint64>()),
            QString::number(first[0]["assistant_message_id"].get<qint64>())};
}

/// The chat's JSON export without its "exported_at" (the time of the export: two exports a second apart differ there).
nlohmann::json exported(const QString& db, const QString& conv) {
    const Run r = cli({"export", "--db", db, "--conversation", conv, "--format", "json"});
    if (r.code != 0) qFatal("export failed: %s", r.err.constData());
    nlohmann::json j = nlohmann::json::parse(r.out.toStdString());
    j.erase("exported_at");
    return j;
}

}  // namespace

class TestCliReplies : public QObject {
    Q_OBJECT

private slots:
    void eachVersionIsItsRegenerate() {
        QTemporaryDir dir;
        const QString several = dir.filePath("several.sqlite"), one = dir.filePath("one.sqlite");
        const auto [conv, reply] = chat(several);
        QCOMPARE(chat(one), std::make_pair(conv, reply));
        const std::vector<nlohmann::json> versions =
            lines(chatRun(several, 30, {"--conversation", conv, "--regenerate", reply, "--replies", "3", "--seed", "40"}));
        QCOMPARE(versions.size(), std::size_t(3));
        std::set<std::string> texts;
        for (std::size_t i = 0; i < versions.size(); ++i) {
            const nlohmann::json& v = versions[i];
            QCOMPARE(v["version"].get<int>(), int(i + 1));
            QCOMPARE(v["versions"].get<int>(), 3);
            QCOMPARE(v["sampling"]["seed"].get<std::uint64_t>(), std::uint64_t(40 + i));
            const std::vector<nlohmann::json> r = lines(chatRun(
                one, 30, {"--conversation", conv, "--regenerate", reply, "--seed", QString::number(40 + i)}));
            QCOMPARE(r.size(), std::size_t(1));
            QCOMPARE(v["user_message_id"], r[0]["user_message_id"]);
            QCOMPARE(QString::fromStdString(v["reply"].get<std::string>()),
                     QString::fromStdString(r[0]["reply"].get<std::string>()));
            QCOMPARE(v["stats"]["decode_tokens"], r[0]["stats"]["decode_tokens"]);
            QCOMPARE(v["stats"]["prefill_tokens"], r[0]["stats"]["prefill_tokens"]);
            QCOMPARE(v["stats"]["state_tokens"], r[0]["stats"]["state_tokens"]);
            QCOMPARE(v["stats"]["state_source"], r[0]["stats"]["state_source"]);
            QCOMPARE(v["stats"]["stop_reason"], r[0]["stats"]["stop_reason"]);
            QVERIFY(v["stats"]["state_saved"].get<bool>());
            texts.insert(v["reply"].get<std::string>());
            // The state after version i is its Regenerate's: the next turn after it writes the same.
            const auto next = [&](const nlohmann::json& after) {
                return QStringList{"--conversation", conv, "--parent",
                                   QString::number(after["assistant_message_id"].get<qint64>()), "--seed", "9",
                                   "--message", "And then?"};
            };
            const std::vector<nlohmann::json> a = lines(chatRun(several, 12, next(v))),
                                              b = lines(chatRun(one, 12, next(r[0])));
            QCOMPARE(a.size(), std::size_t(1));
            QCOMPARE(b.size(), std::size_t(1));
            QCOMPARE(a[0]["reply"], b[0]["reply"]);
            QCOMPARE(a[0]["stats"]["state_source"].get<std::string>(), std::string("snapshot"));
        }
        QCOMPARE(texts.size(), std::size_t(3));  // three different versions
    }

    void streamedEachUnderItsLine() {
        QTemporaryDir dir;
        const QString db = dir.filePath("s.sqlite");
        const auto [conv, reply] = chat(db);
        const std::vector<nlohmann::json> json =
            lines(chatRun(db, 20, {"--conversation", conv, "--regenerate", reply, "--replies", "2", "--seed", "3"}));
        QCOMPARE(json.size(), std::size_t(2));
        const QString other = dir.filePath("t.sqlite");
        QCOMPARE(chat(other), std::make_pair(conv, reply));
        const Run r = chatRun(other, 20, {"--conversation", conv, "--regenerate", reply, "--replies", "2", "--seed", "3"},
                              false);
        QVERIFY2(r.code == 0, r.err.constData());
        const QList<QByteArray> out = r.out.trimmed().split('\n');
        QCOMPARE(out.size(), 2);
        QCOMPARE(QString::fromUtf8(out[0]).trimmed(), QString::fromStdString(json[0]["reply"].get<std::string>()));
        QCOMPARE(QString::fromUtf8(out[1]).trimmed(), QString::fromStdString(json[1]["reply"].get<std::string>()));
        for (int k : {1, 2})
            QVERIFY2(r.err.contains(QByteArray("[version ") + QByteArray::number(k) + " of 2: reply " +
                                    QByteArray::number(json[k - 1]["assistant_message_id"].get<qint64>()) + "]"),
                     r.err.constData());
    }

    // Without --seed each version draws its own seed; they are said before the first word (a run stopped with Ctrl+C
    // still tells them), and --regenerate MSG --seed S repeats the version of seed S.
    void randomSeedsAreSaidFirst() {
        QTemporaryDir dir;
        const QString db = dir.filePath("q.sqlite");
        const auto [conv, reply] = chat(db);
        const Run r = chatRun(db, 12, {"--conversation", conv, "--regenerate", reply, "--replies", "2"});
        QVERIFY2(r.code == 0, r.err.constData());
        const std::vector<nlohmann::json> json = lines(r);
        QCOMPARE(json.size(), std::size_t(2));
        const QByteArray said = QByteArray("[seeds ") +
                                QByteArray::number(json[0]["sampling"]["seed"].get<quint64>()) + ", " +
                                QByteArray::number(json[1]["sampling"]["seed"].get<quint64>()) + ";";
        QVERIFY2(r.err.contains(said), r.err.constData());
        QVERIFY(r.err.indexOf(said) < r.err.indexOf("[version 1 of 2"));
        const Run again = chatRun(db, 12, {"--conversation", conv, "--regenerate", reply, "--seed",
                                           QString::number(json[1]["sampling"]["seed"].get<quint64>())});
        QCOMPARE(lines(again).at(0)["reply"], json[1]["reply"]);
    }

    // On a full disk the versions saved without their state snapshot are named (the warning said "the reply" of all
    // of them: session 52's trial). The chat's first reply and its snapshot (~270 kB) are past the 100 kB file limit.
    void fullDiskNamesTheVersionsWithoutState() {
        QTemporaryDir dir;
        const QString db = dir.filePath("full.sqlite");
        const auto [conv, reply] = chat(db);
        const Run r = cliOnAFullDisk({"chat", "--db", db, "--model", tinyModel(), "--json", "--max-tokens", "12",
                                      "--seed", "3", "--conversation", conv, "--regenerate", reply, "--replies", "2"});
        const std::vector<nlohmann::json> json = lines(r);
        QCOMPARE(json.size(), std::size_t(2));
        for (const nlohmann::json& v : json) QCOMPARE(v["stats"]["state_saved"].get<bool>(), false);
        const QByteArray said = "[warning: the disk is full: version 1 (reply " +
                                QByteArray::number(json[0]["assistant_message_id"].get<qint64>()) +
                                ") and version 2 (reply " +
                                QByteArray::number(json[1]["assistant_message_id"].get<qint64>()) +
                                ") were saved, but not their state snapshots; a turn after them re-reads the "
                                "conversation instead of resuming]\n";
        QVERIFY2(r.err.contains(said), r.err.constData());
    }

    // `chat --help` says what --json prints with --replies N (it said "one JSON object": session 52's trial).
    void helpSaysOneObjectAVersion() {
        const Run r = cli({"chat", "--help"});
        QCOMPARE(r.code, 0);
        const QByteArray help = r.out.simplified();  // however CLI11 wraps it
        QVERIFY2(help.contains("--json Print one JSON object instead of the streamed reply (with --replies N: N "
                               "objects, one a line, each with its \"version\")"),
                 r.out.constData());
    }

    void refusedWithNothingWritten() {
        QTemporaryDir dir;
        const QString db = dir.filePath("r.sqlite");
        const auto [conv, reply] = chat(db);
        const nlohmann::json before = exported(db, conv);
        const Run message = chatRun(db, 10, {"--conversation", conv, "--message", "hi", "--replies", "2"});
        QCOMPARE(message.code, 1);
        QVERIFY2(message.err.contains("--replies 2 needs --regenerate MSG"), message.err.constData());
        // Said alike without a message or with --continue (it asked for --message before).
        for (const QStringList& args : {QStringList{"--conversation", conv, "--replies", "3"},
                                        QStringList{"--conversation", conv, "--continue", "--replies", "3"}}) {
            const Run r = chatRun(db, 10, args);
            QCOMPARE(r.code, 1);
            QVERIFY2(r.err.contains("--replies 3 needs --regenerate MSG"), r.err.constData());
        }
        for (const char* n : {"0", "9", "x"}) {
            const Run r = chatRun(db, 10, {"--conversation", conv, "--regenerate", reply, "--replies", n});
            QVERIFY2(r.code != 0 && r.err.contains("--replies"), r.err.constData());
        }
        QCOMPARE(exported(db, conv), before);
    }
};

QTEST_GUILESS_MAIN(TestCliReplies)
#include "test_cli_replies.moc"
