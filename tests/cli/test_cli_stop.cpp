// test_cli_stop.cpp — Ctrl+C (SIGINT) or SIGTERM while `rwkv-cli chat` writes a reply, sent as a terminal or a service
// manager sends it (QProcess, kill(2)) once the reply is being printed: the reply is stopped and saved whole with what
// was printed (text, tokens, state snapshot; with --replies 2 both versions), ended "stopped" for Ctrl+C as the
// window's Stop stores it and "closed" for SIGTERM as the window stores a reply its closing or a SIGTERM cut (session
// 52 stored "stopped" for both), stderr says so in one line, and the exit status is 128 + the signal. Before, the signal killed the
// program and the database kept its last checkpoint (session 52's trial: 35,219 of 52,195 characters printed).
// Code: app/cli/cli_stop_signal.h, app/cli/cli_chat.cpp. Helpers: cli_run.h.
#include "cli_run.h"

#include <QElapsedTimer>
#include <QTemporaryDir>

#include <csignal>

#include "store/conversation_store.h"

using namespace cli_test;
using namespace rwkv;

namespace {

/// `rwkv-cli chat` on `db` with the tiny model, greedy (it writes "the the the …" without end) and at most a million
/// tokens (~100 s), then `args`; once `printed` bytes of the reply are on stdout, `sig` is sent. The run's result.
Run chatStoppedBy(int sig, const QString& db, const QStringList& args, qsizetype printed = 4000) {
    QProcess p;
    p.setProcessEnvironment(cliEnvironment());
    p.start(RWKV_CLI_PATH, QStringList{"chat", "--db", db, "--model", tinyModel(), "--temperature", "0",
                                       "--max-tokens", "1000000"} + args);
    QByteArray out;
    QElapsedTimer clock;
    clock.start();
    while (out.size() < printed && p.state() != QProcess::NotRunning && clock.elapsed() < 60000) {
        p.waitForReadyRead(1000);
        out += p.readAllStandardOutput();
    }
    if (p.state() == QProcess::Running) ::kill(pid_t(p.processId()), sig);
    p.waitForFinished(60000);
    out += p.readAllStandardOutput();
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, out, p.readAllStandardError()};
}

/// Checks that reply `id` is stored as cut (`end`: Stopped or Closed) with `printed` as its text, its tokens counted
/// and its state saved.
void checkStoppedAsPrinted(const store::ConversationStore& store, qint64 id, const QByteArray& printed,
                           store::ReplyEnd end = store::ReplyEnd::Stopped) {
    const std::optional<store::Message> m = store.message(id);
    QVERIFY(m.has_value());
    QVERIFY2(printed.size() > 3000, printed.left(200).constData());  // stopped mid-way (4000 bytes in), not at its start
    QCOMPARE(m->text.size(), QString::fromUtf8(printed.trimmed()).size());  // the length first: a readable failure
    QCOMPARE(m->text, QString::fromUtf8(printed.trimmed()));
    QVERIFY(m->finished);
    QCOMPARE(int(m->end), int(end));
    QVERIFY(m->token_count > 700);  // "the " a token: one a 4 bytes
    bool snapshot = false;
    for (const store::SnapshotInfo& s : store.snapshots(m->conversation_id)) snapshot = snapshot || s.message_id == id;
    QVERIFY2(snapshot, "the state after the stopped reply is saved");
}

}  // namespace

class TestCliStop : public QObject {
    Q_OBJECT

private slots:
    void stopSavesWhatWasPrinted_data() {
        QTest::addColumn<int>("sig");
        QTest::addColumn<QByteArray>("said");
        QTest::addColumn<int>("end");
        QTest::newRow("Ctrl+C") << int(SIGINT) << QByteArray("[stopped (Ctrl+C): the reply so far is saved;")
                                << int(store::ReplyEnd::Stopped);
        QTest::newRow("SIGTERM") << int(SIGTERM) << QByteArray("[closed (SIGTERM): the reply so far is saved;")
                                 << int(store::ReplyEnd::Closed);
    }

    /// The reply cut mid-way is stored as printed, as the window's Stop (Ctrl+C) or closing (SIGTERM) stores it; exit
    /// status 130 / 143.
    void stopSavesWhatWasPrinted() {
        QFETCH(int, sig);
        QFETCH(QByteArray, said);
        QFETCH(int, end);
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("c.sqlite"));
        const Run r = chatStoppedBy(sig, db, {"--message", "hi"});
        QCOMPARE(r.code, 128 + sig);
        QVERIFY2(r.err.contains(said + " --conversation 1 --continue goes on from it]\n"), r.err.constData());
        QVERIFY2(r.err.endsWith("]\n") && r.err.count(said.left(said.indexOf(' '))) == 1, r.err.constData());  // one line
        const store::ConversationStore store(db);
        checkStoppedAsPrinted(store, 2, r.out, store::ReplyEnd(end));  // message 1 is the question
    }

    void stopSavesEveryVersion_data() {
        QTest::addColumn<int>("sig");
        QTest::addColumn<QByteArray>("said");
        QTest::addColumn<int>("end");
        QTest::newRow("Ctrl+C") << int(SIGINT) << QByteArray("[stopped (Ctrl+C): the 2 versions so far saved as stopped]")
                                << int(store::ReplyEnd::Stopped);
        QTest::newRow("SIGTERM") << int(SIGTERM) << QByteArray("[closed (SIGTERM): the 2 versions so far saved as closed]")
                                 << int(store::ReplyEnd::Closed);
    }

    /// --regenerate MSG --replies 2: both versions are saved as cut (stopped / closed), each with the text printed
    /// for it.
    void stopSavesEveryVersion() {
        QFETCH(int, sig);
        QFETCH(QByteArray, said);
        QFETCH(int, end);
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("c.sqlite"));
        QCOMPARE(cli({"chat", "--db", db, "--model", tinyModel(), "--message", "hi", "--max-tokens", "3"}).code, 0);
        const Run r = chatStoppedBy(sig, db, {"--conversation", "1", "--regenerate", "1", "--replies", "2"});
        QCOMPARE(r.code, 128 + sig);
        QVERIFY2(r.err.contains(said + "\n"), r.err.constData());
        // Version 1 streamed, then version 2 after it (its "[version 2 of 2 …]" line on stderr): a line each.
        const QList<QByteArray> printed = r.out.split('\n');
        QCOMPARE(printed.size(), 3);  // and the empty rest after the last line break
        const store::ConversationStore store(db);
        checkStoppedAsPrinted(store, 3, printed[0], store::ReplyEnd(end));
        checkStoppedAsPrinted(store, 4, printed[1], store::ReplyEnd(end));
    }
};

QTEST_GUILESS_MAIN(TestCliStop)
#include "test_cli_stop.moc"
