// test_kill.cpp — the kill test (ctest label "stress"; docs/conversations.md "Crash safety"). SIGKILLs `rwkv-cli chat`
// at random moments of its turns (sends, regenerations, branches; every other run under strace with each pwrite64
// delayed, so many kills land inside database writes: the user message, checkpoints, the reply + snapshot
// transaction), and rwkv-desktop under Xvfb mid-reply. After every kill: PRAGMA integrity_check is "ok", the FTS
// index checks out, every user message the process reported committed is there with its text, every completed turn
// is there with its reply, every snapshot decodes, and the database still opens and goes on.
// RWKV_KILL_RUNS (default 50) and RWKV_KILL_APP_RUNS (default 10) set the counts; ctest runs a short form (20 + 4,
// tests/stress/CMakeLists.txt) so the default suite stays well under a minute.
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <span>

#include "store/conversation_store.h"
#include "store/database.h"
#include "store/snapshot_codec.h"

using namespace rwkv::store;

namespace {

int envInt(const char* name, int fallback) {
    bool ok = false;
    const int v = qEnvironmentVariableIntValue(name, &ok);
    return ok && v >= 0 ? v : fallback;
}

QString tinyModel() { return QStringLiteral(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth"); }

/// The pid of the program strace runs (its first child), or 0.
qint64 tracee(qint64 stracePid) {
    QFile f(QStringLiteral("/proc/%1/task/%1/children").arg(stracePid));
    if (!f.open(QIODevice::ReadOnly)) return 0;
    return f.readAll().trimmed().split(' ').value(0).toLongLong();
}

struct Committed {
    qint64 id = 0;
    QString text;
};

}  // namespace

class TestKill : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void killCliDuringTurns();
    void killAppDuringReplies();

private:
    /// Everything the database must hold after any kill.
    void checkDatabase(const QString& path, const QString& when);

    QTemporaryDir tmp_;
    QString strace_;
    QList<Committed> users_;    // user messages a process reported committed
    QList<Committed> replies_;  // replies of turns that completed
};

void TestKill::initTestCase() {
    QVERIFY(tmp_.isValid());
    QVERIFY(QFile::exists(QStringLiteral(RWKV_CLI_PATH)));
    QVERIFY(QFile::exists(tinyModel()));
    strace_ = QStandardPaths::findExecutable(QStringLiteral("strace"));
    if (strace_.isEmpty()) qInfo("strace not found: every run without delayed writes");
}

void TestKill::checkDatabase(const QString& path, const QString& when) {
    {
        Database db(path);
        auto s = db.cached("PRAGMA integrity_check");
        QVERIFY(s->step());
        QVERIFY2(s->columnText(0) == QLatin1String("ok"), qPrintable(when + ": " + s->columnText(0)));
    }
    {
        Database db(path);
        if (db.userVersion() >= 3) db.exec("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')");
    }
    ConversationStore store(path);  // what the next start of the app does: it must open
    for (const Committed& u : users_) {
        const std::optional<Message> m = store.message(u.id);
        QVERIFY2(m.has_value(), qPrintable(when + QStringLiteral(": user message %1 is missing").arg(u.id)));
        QCOMPARE(m->role, Role::User);
        QCOMPARE(m->text, u.text);
    }
    for (const Committed& r : replies_) {
        const std::optional<Message> m = store.message(r.id);
        QVERIFY2(m.has_value(), qPrintable(when + QStringLiteral(": reply %1 is missing").arg(r.id)));
        QVERIFY(m->finished);
        QCOMPARE(m->text, r.text);
    }
    for (const Conversation& c : store.listConversations()) {
        for (const SnapshotInfo& info : store.snapshots(c.id)) {
            const std::optional<SnapshotPayload> p = store.snapshotPayload(info.id);
            QVERIFY(p.has_value());
            const auto* bytes = reinterpret_cast<const std::byte*>(p->bytes.constData());
            try {
                decodeSnapshot(std::span<const std::byte>(bytes, std::size_t(p->bytes.size())), int(p->codec),
                               std::uint64_t(p->raw_size));
            } catch (const CodecError& e) {
                QFAIL(qPrintable(when + QStringLiteral(": snapshot %1 is damaged: %2").arg(info.id).arg(e.what())));
            }
        }
    }
}

void TestKill::killCliDuringTurns() {
    const int runs = envInt("RWKV_KILL_RUNS", 50);
    const QString db = tmp_.filePath(QStringLiteral("kill.sqlite"));
    QRandomGenerator rng(20261129);
    auto chatArgs = [&](int i) {
        return QStringList{"chat", "--db", db, "--model", tinyModel(), "--json", "--max-tokens", "300",
                           "--temperature", "1", "--top-p", "1", "--seed", QString::number(i)};
    };
    // Calibrate on one full turn: kills are spread over 0..1.3x of it.
    QElapsedTimer clock;
    clock.start();
    QProcess first;
    first.start(QStringLiteral(RWKV_CLI_PATH), chatArgs(0) << "--message" << "A first message to calibrate on");
    QVERIFY(first.waitForFinished(120000));
    QCOMPARE(first.exitCode(), 0);
    const qint64 turnMs = std::max<qint64>(50, clock.elapsed());
    const QJsonObject firstJson = QJsonDocument::fromJson(first.readAllStandardOutput()).object();
    const qint64 conv = firstJson["conversation_id"].toInteger();
    replies_.append({firstJson["assistant_message_id"].toInteger(), firstJson["reply"].toString()});
    users_.append({firstJson["user_message_id"].toInteger(), QStringLiteral("A first message to calibrate on")});

    const QRegularExpression started(QStringLiteral("\\[started: user message (\\d+), reply (\\d+)\\]"));
    QList<qint64> targets = {replies_.front().id};  // conv's replies: --parent / --regenerate targets
    int killedBeforeStart = 0, killedMidTurn = 0, killedDuringSave = 0, completed = 0, delayed = 0;
    const QString traceLog = tmp_.filePath(QStringLiteral("strace.log"));
    // The same turn under strace, every database write delayed 3 ms: kills spread over 0..2x of each kind of run.
    qint64 slowTurnMs = turnMs;
    if (!strace_.isEmpty()) {
        clock.restart();
        QProcess slow;
        slow.start(strace_, QStringList{"-f", "-qq", "-o", "/dev/null", "-e", "trace=pwrite64", "-e",
                                        "inject=pwrite64:delay_enter=3000", "--", QStringLiteral(RWKV_CLI_PATH)} +
                                chatArgs(0) << "--conversation" << QString::number(conv) << "--message" << "Calibrating");
        QVERIFY(slow.waitForFinished(120000));
        QCOMPARE(slow.exitCode(), 0);
        slowTurnMs = std::max<qint64>(50, clock.elapsed());
    }
    for (int i = 1; i <= runs; ++i) {
        QStringList args = chatArgs(i) << "--conversation" << QString::number(conv);
        const QString text = QStringLiteral("kill-test message %1: %2").arg(i).arg(rng.generate());
        bool sendsText = true;
        switch (i % 4) {
        case 0: args << "--message" << text; break;  // the newest branch
        case 1: args = chatArgs(i) << "--message" << text; break;  // a new conversation
        case 2:  // another reply to an earlier question
            args << "--regenerate" << QString::number(targets.at(int(rng.bounded(qsizetype(targets.size())))));
            sendsText = false;
            break;
        default:  // a branch after an earlier reply
            args << "--parent" << QString::number(targets.at(int(rng.bounded(qsizetype(targets.size())))))
                 << "--message" << text;
        }
        QProcess p;
        const bool slowWrites = !strace_.isEmpty() && i % 2 == 1;
        if (slowWrites) {
            ++delayed;
            p.start(strace_, QStringList{"-f", "-qq", "-o", traceLog, "-e", "trace=pwrite64,write", "-e",
                                         "inject=pwrite64:delay_enter=3000", "--", QStringLiteral(RWKV_CLI_PATH)} +
                                 args);
        } else {
            p.start(QStringLiteral(RWKV_CLI_PATH), args);
        }
        QVERIFY(p.waitForStarted(10000));
        const int delay = int(rng.bounded(int((slowWrites ? slowTurnMs : turnMs) * 2) + 1));
        bool killed = false;
        if (!p.waitForFinished(delay)) {
            const qint64 target = slowWrites ? tracee(p.processId()) : p.processId();
            if (target > 0) ::kill(pid_t(target), SIGKILL);
            if (!p.waitForFinished(5000)) {
                p.kill();
                p.waitForFinished(20000);
            }
            QCOMPARE(p.state(), QProcess::NotRunning);
            killed = true;
        }
        const QString err = QString::fromUtf8(p.readAllStandardError());
        const QRegularExpressionMatch m = started.match(err);
        if (!killed && (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0))
            QFAIL(qPrintable(QStringLiteral("run %1 failed by itself: %2").arg(i).arg(err)));
        if (m.hasMatch() && sendsText) users_.append({m.captured(1).toLongLong(), text});
        if (!killed) {
            const QJsonObject j = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
            replies_.append({j["assistant_message_id"].toInteger(), j["reply"].toString()});
            if (j["conversation_id"].toInteger() == conv) targets.append(j["assistant_message_id"].toInteger());
            ++completed;
        } else if (m.hasMatch()) {
            ++killedMidTurn;
            if (slowWrites) {
                // Database writes after the "[started" line belong to the turn's save (reply, snapshots, retention).
                QFile log(traceLog);
                QVERIFY(log.open(QIODevice::ReadOnly));
                const QByteArray trace = log.readAll();
                const qsizetype at = trace.indexOf("[started:");
                if (at >= 0 && trace.indexOf("pwrite64(", at) >= 0) ++killedDuringSave;
            }
        } else {
            ++killedBeforeStart;
        }
        checkDatabase(db, QStringLiteral("after CLI run %1").arg(i));
        if (QTest::currentTestFailed()) return;
    }
    // The database goes on: one more turn in the most-killed conversation.
    QProcess last;
    last.start(QStringLiteral(RWKV_CLI_PATH), chatArgs(9999) << "--conversation" << QString::number(conv)
                                                            << "--message" << "Still there?");
    QVERIFY(last.waitForFinished(120000));
    QCOMPARE(last.exitCode(), 0);
    qInfo("CLI: %d runs (%d with delayed writes): %d killed before the user message was committed, %d killed "
          "mid-turn (%d of them inside the turn's save: reply + snapshot transaction), %d completed; %lld user "
          "messages and %lld replies verified after every kill; a turn takes ~%lld ms (~%lld ms with delayed writes)",
          runs, delayed, killedBeforeStart, killedMidTurn, killedDuringSave, completed, qint64(users_.size()),
          qint64(replies_.size()), turnMs, slowTurnMs);
}

void TestKill::killAppDuringReplies() {
    const int runs = envInt("RWKV_KILL_APP_RUNS", 10);
    if (runs == 0) QSKIP("RWKV_KILL_APP_RUNS=0");
    const QString xvfb = QStandardPaths::findExecutable(QStringLiteral("Xvfb"));
    QProcess server;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!xvfb.isEmpty()) {
        // Xvfb picks a free display itself and writes its number to stdout once it accepts connections
        // (-displayfd), so a display taken by a parallel test is never shared or raced for.
        server.start(xvfb, {"-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"});
        QVERIFY(server.waitForStarted(10000));
        QByteArray number;
        QDeadlineTimer ready(20000);
        while (!number.contains('\n') && !ready.hasExpired() && server.state() == QProcess::Running)
            if (server.waitForReadyRead(200)) number += server.readAllStandardOutput();
        QVERIFY2(number.contains('\n'), "Xvfb did not report its display within 20 s");
        const QString display = QStringLiteral(":") + QString::fromLatin1(number.trimmed());
        env.insert(QStringLiteral("DISPLAY"), display);
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    } else {
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    }
    const QString data = tmp_.filePath(QStringLiteral("app-data"));
    QDir().mkpath(data);
    const QString db = data + QStringLiteral("/conversations.sqlite");
    users_.clear();
    replies_.clear();
    QRandomGenerator rng(7);
    int killed = 0;
    for (int i = 0; i < runs; ++i) {
        QProcess app;
        app.setProcessEnvironment(env);
        app.start(QStringLiteral(RWKV_DESKTOP_PATH),
                  {"--data-dir", data, "--model", tinyModel(), "--send",
                   QStringLiteral("app kill-test %1, please write a long answer").arg(i), "--screenshot",
                   tmp_.filePath(QStringLiteral("app.png")), "--timeout", "60"});
        QVERIFY(app.waitForStarted(10000));
        const int delay = 500 + int(rng.bounded(3500));  // start-up ~1 s, then the reply
        if (!app.waitForFinished(delay)) {
            app.kill();  // SIGKILL
            app.waitForFinished(20000);
            QCOMPARE(app.state(), QProcess::NotRunning);
            ++killed;
        }
        checkDatabase(db, QStringLiteral("after app run %1").arg(i));
        if (QTest::currentTestFailed()) break;
        // What is there now must stay, unchanged, through every later kill.
        ConversationStore store(db);
        users_.clear();
        replies_.clear();
        for (const Conversation& c : store.listConversations())
            for (const Message& m : store.allMessages(c.id)) {
                if (m.role == Role::User) users_.append({m.id, m.text});
                else if (m.role == Role::Assistant && m.finished) replies_.append({m.id, m.text});
            }
    }
    if (server.state() != QProcess::NotRunning) {
        server.terminate();
        server.waitForFinished(5000);
    }
    qInfo("app: %d runs, %d killed mid-run; afterwards %lld user messages and %lld finished replies, all verified "
          "after every later kill", runs, killed, qint64(users_.size()), qint64(replies_.size()));
}

QTEST_GUILESS_MAIN(TestKill)
#include "test_kill.moc"
