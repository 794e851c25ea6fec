// rwkv-cli chat on a conversation database, run as a user would (QProcess): a bad model creates nothing, a long message
// comes from a file, a message's bidi controls are left out, `--parent / --regenerate / --edit` branch without
// erasing, a plain `chat` continues the branch the app shows with its sampling preset, a full disk keeps the reply, a
// conversation in the trash is refused. Which saved state a turn resumes from: test_cli_chat_states.cpp. Helpers:
// cli_run.h.
#include "cli_run.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QLockFile>
#include <QSettings>
#include <QStandardPaths>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <csignal>
#include <utility>

#ifdef RWKV_CLI_TEST_STORE
#include "store/conversation_store.h"
#include "store/database.h"
#endif

using namespace cli_test;

class TestCliChat : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;

private slots:
    // New-user trial: `chat --db new.sqlite --model typo.pth` created an empty new.sqlite before it found the model
    // bad. The model is checked first now: nothing is created (no database, no -wal/-journal files).
    void chatWithABadModelCreatesNoDatabase() {
        QTemporaryDir dir;
        const QString db = dir.filePath("new.sqlite");
        const QString notModel = dir.filePath("notes.pth");
        QFile f(notModel);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a model at all");
        f.close();
        for (const QString& model : {dir.filePath("missing.pth"), notModel}) {
            const Run r = cli({"chat", "--db", db, "--model", model, "--message", "hi"});
            QCOMPARE(r.code, 1);
            QVERIFY2(r.err.contains(QFileInfo(model).fileName().toUtf8()), r.err.constData());
            QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"notes.pth"});
        }
    }

    // A model whose weights give NaN logits (its output norm's gains all 3.4e38, each a number) is refused at its
    // load, as the app refuses it, named like every other model error: the turn failed at its first token before,
    // leaving a new conversation of the question and an empty reply (session 51's trial). Nothing is written, into a
    // new database or an existing one. A weight that is NaN itself is refused before that, naming the tensor (session
    // 55); so is one beyond fp16's range (its head all 3.4e38), which the fp16 load would make infinity (session 57).
    void chatRefusesAModelWhoseOutputsAreNotNumbers_data() {
        QTest::addColumn<int>("model");  // 0 overflowOutputsModel, 1 nanHeadModel, 2 overflowHeadModel, 3 a head of 70000
        QTest::addColumn<QByteArray>("refusal");
        QTest::newRow("logits") << 0
                                << QByteArray("error: overflow-outputs.safetensors: the model's first logits hold NaN "
                                              "(logit 0 of token 0 from a new state); nothing was written [invalid "
                                              "logits]\n");
        QTest::newRow("weights") << 1
                                 << QByteArray("error: nan-head.safetensors: tensor head.weight holds NaN (element 0 of "
                                               "16384): the weights are damaged [corrupt file]\n");
        // What to do in chat's own options, fp16 or int8 (session 57's loose ends: "--dtype fp32, bf16 or int8", two
        // types chat does not take): 3.4e38 is beyond int8's range too (the CPU's int8 scale is fp16).
        QTest::newRow("beyond fp16") << 2
                                     << QByteArray("error: overflow-head.safetensors: tensor head.weight holds "
                                                   "3.40282347e+38 (element 0 of 16384), beyond fp16's range (±65504): "
                                                   "as fp16 it would be infinity; neither fp16 nor int8, the weights "
                                                   "`rwkv-cli chat` loads, holds it: `rwkv-cli generate --dtype fp32` "
                                                   "(or bf16) loads it [weight out of range]\n");
        QTest::newRow("beyond fp16, within int8") << 3
                                                  << QByteArray("error: big-head.safetensors: tensor head.weight holds "
                                                                "70000 (element 0 of 16384), beyond fp16's range "
                                                                "(±65504): as fp16 it would be infinity; load it with "
                                                                "--dtype int8 [weight out of range]\n");
    }
    void chatRefusesAModelWhoseOutputsAreNotNumbers() {
        QFETCH(int, model);
        QFETCH(QByteArray, refusal);
        QTemporaryDir dir;
        const QString bad = model == 0   ? overflowOutputsModel(dir.path())
                            : model == 1 ? nanHeadModel(dir.path())
                            : model == 2 ? overflowHeadModel(dir.path())
                                         : headModel(dir.path(), QStringLiteral("big-head.safetensors"), 70000.0f);
        QVERIFY(!bad.isEmpty());
        const QString db = dir.filePath("new.sqlite");
        const Run fresh = cli({"chat", "--db", db, "--model", bad, "--message", "hi"});
        QCOMPARE(fresh.code, 1);
        QCOMPARE(fresh.err, refusal);
        QVERIFY(!QFileInfo::exists(db));
        const auto made = chat(db, {"--message", "hello"});  // with the tiny model: a question and its reply
        const qint64 id = made["conversation_id"].get<qint64>();
        const Run existing = cli({"chat", "--db", db, "--model", bad, "--conversation", QString::number(id),
                                  "--message", "hi"});
        QCOMPARE(existing.code, 1);
        QCOMPARE(existing.err, refusal);
        const Run list = cli({"conversations", "list", "--db", db, "--json"});
        QVERIFY2(list.code == 0, list.err.constData());
        const nlohmann::json listed = nlohmann::json::parse(list.out.toStdString());
        QCOMPARE(listed.size(), std::size_t(1));
        QCOMPARE(listed[0]["messages"].get<int>(), 2);
    }

    // A message longer than one command-line argument takes (Linux: 128 KiB; `--message "$(cat f)"` with 200,000
    // characters fails with "Argument list too long") is read from a file or the standard input, as the app takes
    // a long paste: stored whole (trimmed, as every message). Not UTF-8, or empty: one line, nothing written.
    // --message and --message-file leave out the bidi controls, as the window's message box does as a message is typed
    // or pasted (TypedText.qml; app::withoutBidiControls, the rule --system and `fork --title` use): a U+202E was
    // stored and turned the question around wherever it was shown or copied (session 52's trial). stderr names what
    // was left out; a message of nothing else is empty, refused before anything is written.
    void messageLeavesOutBidiControls() {
        QTemporaryDir dir;
        const QString db = dir.filePath("bidi.sqlite");
        const QStringList turn{"chat", "--db", db, "--model", tinyModel(), "--max-tokens", "2", "--seed", "5", "--json"};
        const Run sent = cli(turn + QStringList{"--message", QStringLiteral("Say \u202Eevil\u2069 now")});
        QVERIFY2(sent.code == 0, sent.err.constData());
        QVERIFY2(sent.err.startsWith("[left out U+202E, U+2069 of --message: direction controls turn the text around, "
                                     "so messages keep none]\n"),
                 sent.err.constData());
        const QString conv = QString::number(nlohmann::json::parse(sent.out.toStdString())["conversation_id"].get<qint64>());
        const QString file = dir.filePath("m.txt");
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("\u202Dfrom a file\n").toUtf8());
        f.close();
        const Run fromFile = cli(turn + QStringList{"--conversation", conv, "--message-file", file});
        QVERIFY2(fromFile.code == 0 && fromFile.err.contains("[left out U+202D of --message-file: "), fromFile.err.constData());
        const Run md = cli({"export", "--db", db, "--conversation", conv});
        QVERIFY2(md.out.startsWith("# Say evil now\n") && md.out.contains("Say evil now\n") &&
                     md.out.contains("from a file\n") && !md.out.contains("\u202D") && !md.out.contains("\u202E"),
                 md.out.constData());
        const Run blank = cli(turn + QStringList{"--conversation", conv, "--message", QStringLiteral(" \u202E")});
        QCOMPARE(blank.code, 1);
        QVERIFY2(blank.err.endsWith("error: the message is empty\n"), blank.err.constData());
        // Only a bidi control: the message was given, so it is empty, not missing (session 53's trial2: it said
        // "--message (or --message-file) is required"); an empty file is named as such.
        const Run onlyControl = cli(turn + QStringList{"--conversation", conv, "--message", QStringLiteral("\u202E")});
        QCOMPARE(onlyControl.code, 1);
        QVERIFY2(onlyControl.err.endsWith("error: the message is empty\n"), onlyControl.err.constData());
        const QString emptyFile = dir.filePath("empty.txt");
        QFile e(emptyFile);
        QVERIFY(e.open(QIODevice::WriteOnly));
        e.close();
        const Run fromEmpty = cli(turn + QStringList{"--conversation", conv, "--message-file", emptyFile});
        QCOMPARE(fromEmpty.code, 1);
        QVERIFY2(fromEmpty.err.endsWith("error: --message-file: " + emptyFile.toUtf8() + " is empty\n"),
                 fromEmpty.err.constData());
        // Nothing was added: the same export but for its footer's time of export (a second may have passed).
        const auto messages = [](const QByteArray& exported) { return exported.left(exported.indexOf("\n---\n")); };
        QCOMPARE(messages(cli({"export", "--db", db, "--conversation", conv}).out), messages(md.out));
    }

    void chatTakesALongMessageFromAFile() {
        QTemporaryDir dir;
        const QString db = dir.filePath("c.sqlite");
        QString text = QStringLiteral("Read this, ü: ");
        while (text.size() < 200000) text += QStringLiteral("word ");
        const QString file = dir.filePath("long.txt");
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text.toUtf8() + "\n");
        f.close();
        const auto fromFile = chat(db, {"--message-file", file});
        QVERIFY(fromFile.contains("conversation_id"));
        QProcess p;  // standard input
        p.setProcessEnvironment(cliEnvironment());
        p.start(RWKV_CLI_PATH, {"chat", "--db", db, "--model", tinyModel(), "--json", "--max-tokens", "2", "--seed",
                                "5", "--conversation", QString::number(fromFile["conversation_id"].get<qint64>()),
                                "--message-file", "-"});
        p.write("And from the standard input\r\n");
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const Run ex = cli({"export", "--db", db, "--conversation",
                            QString::number(fromFile["conversation_id"].get<qint64>()), "--format", "json"});
        QVERIFY2(ex.code == 0, ex.err.constData());
        const nlohmann::json messages = nlohmann::json::parse(ex.out.toStdString())["messages"];
        QCOMPARE(messages.size(), std::size_t(4));
        QCOMPARE(QString::fromStdString(messages[0]["text"].get<std::string>()), text.trimmed());  // as the app stores it
        QCOMPARE(messages[2]["text"].get<std::string>(), std::string("And from the standard input"));

        f.setFileName(dir.filePath("latin1.txt"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("caf\xe9\n");
        f.close();
        const Run latin1 = cli({"chat", "--db", dir.filePath("other.sqlite"), "--model", tinyModel(), "--message-file",
                                f.fileName()});
        QCOMPARE(latin1.code, 1);
        QVERIFY2(latin1.err.startsWith("error: --message-file: ") && latin1.err.contains(" is not UTF-8 text") &&
                     latin1.err.count('\n') == 1, latin1.err.constData());
        // The same bytes as --message (a terminal in Latin-1): refused as the file's are, nothing written; they were
        // stored as "caf\uFFFD" (session 48's trial). Through sh: QProcess passes its arguments as UTF-8.
        QProcess sh;
        sh.setProcessEnvironment(cliEnvironment());
        sh.start(QStringLiteral("/bin/sh"),
                 {QStringLiteral("-c"), QStringLiteral("exec \"$0\" chat --db \"$1\" --model \"$2\" --message \"$(printf 'caf\\351')\""),
                  QStringLiteral(RWKV_CLI_PATH), dir.filePath("other.sqlite"), tinyModel()});
        QVERIFY(sh.waitForFinished(120000));
        const QByteArray shErr = sh.readAllStandardError();
        QCOMPARE(sh.exitCode(), 1);
        QVERIFY2(shErr.startsWith("error: --message is not UTF-8 text (is the terminal set to UTF-8?)") &&
                     shErr.count('\n') == 1, shErr.constData());
        f.setFileName(dir.filePath("blank.txt"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("\n");
        f.close();
        const Run blank = cli({"chat", "--db", dir.filePath("other.sqlite"), "--model", tinyModel(), "--message-file",
                               f.fileName()});
        QCOMPARE(blank.code, 1);
        QVERIFY2(blank.err.contains("is empty") && blank.err.count('\n') == 1, blank.err.constData());
        QVERIFY(!QFileInfo::exists(dir.filePath("other.sqlite")));
        // Characters drawn as nothing are nothing to read, as in the window: "\u200b\u2060" was sent and answered
        // (session 50's trial).
        const Run invisible = cli({"chat", "--db", dir.filePath("other.sqlite"), "--model", tinyModel(), "--message",
                                   QStringLiteral(u"\u200b \u2060\ufeff")});
        QCOMPARE(invisible.code, 1);
        QCOMPARE(invisible.err, QByteArray("error: the message is empty\n"));
        QVERIFY(!QFileInfo::exists(dir.filePath("other.sqlite")));
        // A file that is not there is named by its option and with the system's reason (session 45's trial: "error:
        // cannot open F [file not found]"), and no database is made.
        const Run missing = cli({"chat", "--db", dir.filePath("other.sqlite"), "--model", tinyModel(), "--message-file",
                                 dir.filePath("no-such.txt")});
        QCOMPARE(missing.code, 1);
        QCOMPARE(missing.err, QByteArray("error: --message-file: cannot open ") + dir.filePath("no-such.txt").toUtf8() +
                                  ": No such file or directory\n");
        QVERIFY(!QFileInfo::exists(dir.filePath("other.sqlite")));
        const Run both = cli({"chat", "--db", db, "--model", tinyModel(), "--message", "x", "--message-file", file});
        QVERIFY2(both.code != 0 && both.err.contains("excludes"), both.err.constData());
    }

    // Reading a long message (the prefill: minutes for a big --message-file on a CPU) is said on stderr (session 23's
    // trial, T8: 130 s without a word): a terminal shows a line redrawn in place once it takes 2 s; a pipe or a log
    // gets nothing unless --progress is given, then plain lines and "[read N prompt tokens in S s, R tok/s]". The
    // logic with a clock of its own: test_cli_progress. Here: --progress through a pipe and through a terminal
    // (`script`'s pseudo-terminal, where there is one), and nothing through a pipe without it.
    void chatSaysHowFarItReadsALongMessage() {
        QTemporaryDir dir;
        const QString db = dir.filePath("c.sqlite");
        const QString file = dir.filePath("long.txt");
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        for (int i = 0; i < 4000; ++i) f.write("some words ");  // 44,000 tokens of the tiny byte model
        f.close();
        const QStringList turn{"chat", "--db", db, "--model", tinyModel(), "--max-tokens", "2", "--seed", "5",
                               "--message-file", file};
        const Run quiet = cli(turn);
        QVERIFY2(quiet.code == 0, quiet.err.constData());
        QVERIFY2(!quiet.err.contains("[reading the prompt") && !quiet.err.contains("[read "), quiet.err.constData());
        const Run asked = cli(turn + QStringList{"--progress"});
        QVERIFY2(asked.code == 0, asked.err.constData());
        const QRegularExpression line(QStringLiteral(R"(\n\[reading the prompt: \d+ / (\d+) tokens)"));
        const QRegularExpression last(QStringLiteral(R"(\n\[read (\d+) prompt tokens in \d+\.\d s, \d+ tok/s\]\n)"));
        const QString err = QString::fromUtf8(asked.err);
        QVERIFY2(line.match(err).hasMatch() && last.match(err).hasMatch() && !err.contains(u'\r'), asked.err.constData());
        QCOMPARE(line.match(err).captured(1), last.match(err).captured(1));
        QVERIFY(last.match(err).captured(1).toInt() > 44000);
        const QString script = QStandardPaths::findExecutable(QStringLiteral("script"));
        if (script.isEmpty()) QSKIP("no `script` for a terminal");
        QStringList quoted;
        for (const QString& a : QStringList{RWKV_CLI_PATH} + turn + QStringList{"--progress"})
            quoted << u'\'' + a + u'\'';
        QProcess p;
        p.setProcessEnvironment(cliEnvironment());
        p.start(script, {"-qec", quoted.join(u' '), "/dev/null"});  // stdout and stderr on one pseudo-terminal
        QVERIFY(p.waitForFinished(120000));
        const QByteArray terminal = p.readAllStandardOutput();
        QVERIFY2(p.exitCode() == 0, terminal.constData());
        QVERIFY2(terminal.contains("\r[reading the prompt: ") && terminal.contains("\r[read "), terminal.constData());
    }

    // A question whose prefill was killed (kill -9 of `chat` while it read, session 37's trial: the next turn said
    // "resumed_from_state": true, "prefill_tokens": 30 and nothing about it) is read with the next message: the
    // prefill grows by "User: QUESTION\n\n" (the tiny model's tokens are bytes), and stderr and the JSON say so.
    void questionWhosePrefillWasKilledIsReadWithTheNext() {
#ifndef RWKV_CLI_TEST_STORE
        QSKIP("built without the app's store");
#else
        QTemporaryDir dir;
        const QString db = dir.filePath("c.sqlite");
        const QByteArray killed = "Killed while it read";
        qint64 question = 0;
        QStringList convs;
        for (int i = 0; i < 2; ++i) {
            const auto t1 = chat(db, {"--message", "Hello"});
            convs << QString::number(t1["conversation_id"].get<qint64>());
            if (i == 0) {
                rwkv::store::ConversationStore s(db);  // the store as the killed process left it
                question = s.beginTurn(convs[0].toLongLong(), t1["assistant_message_id"].get<qint64>(),
                                       QString::fromUtf8(killed)).first;
            }
        }
        const QStringList turn{"chat", "--db", db, "--model", tinyModel(), "--max-tokens", "4", "--seed", "5",
                               "--json", "--message", "after the kill", "--conversation"};
        const Run after = cli(turn + QStringList{convs[0]}), plain = cli(turn + QStringList{convs[1]});
        QVERIFY2(after.code == 0 && plain.code == 0, (after.err + plain.err).constData());
        const auto a = nlohmann::json::parse(after.out.toStdString()), p = nlohmann::json::parse(plain.out.toStdString());
        QCOMPARE(a["stats"]["resumed_from_state"], true);
        QCOMPARE(a["stats"]["prefill_tokens"].get<qint64>(),
                 p["stats"]["prefill_tokens"].get<qint64>() + qint64(("User: " + killed + "\n\n").size()));
        QCOMPARE(a["stats"]["unread_question_ids"], nlohmann::json::array({question}));
        QCOMPARE(p["stats"]["unread_question_ids"], nlohmann::json::array());
        QVERIFY2(a["stats"]["unread_note"].get<std::string>().find("unanswered question") != std::string::npos,
                 after.out.constData());
        QVERIFY2(after.err.contains("[also read the unanswered question before this one (its reading had been cut "
                                    "off): message " + QByteArray::number(question) + "]\n") &&
                     !plain.err.contains("unanswered"),
                 (after.err + plain.err).constData());
#endif
    }

    // Ctrl+C while the prompt is being read (session 25's trial, N6): the line drawn in place was left open (the
    // shell's next output landed on it) with no word that the reading stopped. Now the line is ended and
    // "[stopped after N / M prompt tokens]" said, and the process still ends by SIGINT (130 through `script -e`, as
    // before; a signal death through a pipe). SIGINT goes out once the first progress line is seen.
    void chatInterruptedWhileReadingSaysWhereItStopped() {
        QTemporaryDir dir;
        const QString file = dir.filePath("long.txt");
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        for (int i = 0; i < 40000; ++i) f.write("some words ");  // 440,000 tokens of the tiny byte model: ~20 s
        f.close();
        const auto turn = [&](const QString& db) {
            return QStringList{"chat", "--db", db, "--model", tinyModel(), "--max-tokens", "2", "--seed", "5",
                               "--message-file", file, "--progress"};
        };
        const auto interruptOnceReading = [](QProcess& p, QByteArray& seen, auto pid) {
            if (!p.waitForStarted(10000)) return false;
            QElapsedTimer t;
            t.start();
            while (!seen.contains("[reading the prompt: ") && t.elapsed() < 60000 && p.state() == QProcess::Running) {
                p.waitForReadyRead(200);
                seen += p.readAll();
            }
            if (!seen.contains("[reading the prompt: ")) return false;
            ::kill(pid(), SIGINT);
            const bool ended = p.waitForFinished(60000);
            seen += p.readAll();
            return ended;
        };
        const QRegularExpression stopped(QStringLiteral(R"(\n\[stopped after (\d+) / (\d+) prompt tokens\]\r?\n$)"));
        const auto checkStopped = [&](const QByteArray& seen) {
            const QRegularExpressionMatch m = stopped.match(QString::fromUtf8(seen));
            QVERIFY2(m.hasMatch() && !seen.contains("[read "), seen.right(400).constData());
            QVERIFY2(m.captured(1).toLongLong() > 0 && m.captured(1).toLongLong() < m.captured(2).toLongLong() &&
                         m.captured(2).toLongLong() > 440000,
                     seen.right(400).constData());
        };
        // A pipe: plain lines, then the word, and the process killed by SIGINT.
        {
            QProcess p;
            p.setProcessEnvironment(cliEnvironment());
            p.setReadChannel(QProcess::StandardError);
            p.start(RWKV_CLI_PATH, turn(dir.filePath("pipe.sqlite")));
            QByteArray seen;
            QVERIFY(interruptOnceReading(p, seen, [&p] { return pid_t(p.processId()); }));
            QCOMPARE(p.exitStatus(), QProcess::CrashExit);
            checkStopped(seen);
        }
        // A terminal (`script`'s pseudo-terminal): the line drawn in place is ended before the word.
        const QString script = QStandardPaths::findExecutable(QStringLiteral("script"));
        if (script.isEmpty()) QSKIP("no `script` for a terminal");
        const QString pidFile = dir.filePath("pid");
        QStringList quoted;
        for (const QString& a : QStringList{RWKV_CLI_PATH} + turn(dir.filePath("terminal.sqlite")))
            quoted << u'\'' + a + u'\'';
        QProcess p;
        p.setProcessEnvironment(cliEnvironment());
        // `exec`: the shell's pid, written first, is rwkv-cli's.
        p.start(script, {"-qefc", "echo $$ > '" + pidFile + "'; exec " + quoted.join(u' '), "/dev/null"});
        QByteArray seen;
        QVERIFY(interruptOnceReading(p, seen, [&] {
            QFile pf(pidFile);
            return pf.open(QIODevice::ReadOnly) ? pid_t(pf.readAll().trimmed().toInt()) : pid_t(-1);
        }));
        QCOMPARE(p.exitCode(), 130);  // script -e: the command's status, 128 + SIGINT, as before
        checkStopped(seen);
        // The line drawn in place ("…]" and the blanks over a longer one) ends right before the word.
        QVERIFY2(QRegularExpression(QStringLiteral(R"(\r\[reading the prompt: [^\r\n]*\] *\r\n\[stopped after )"))
                     .match(QString::fromUtf8(seen))
                     .hasMatch(),
                 seen.right(400).constData());
    }

    void chatBranchesWithoutErasing() {
        const QString db = tmp_.filePath("branches.sqlite");
        const auto t1 = chat(db, {"--message", "Hello"});
        QVERIFY(!t1.empty());
        const QString conv = QString::number(t1["conversation_id"].get<qint64>());
        const auto t2 = chat(db, {"--conversation", conv, "--message", "Tell me more"});
        QCOMPARE(t2["stats"]["state_source"], "snapshot");  // a new process: resumed from the database
        const QString reply2 = QString::number(t2["assistant_message_id"].get<qint64>());
        // Regenerating with the same seed from the exact pre-turn state: the same reply, as a new sibling.
        const auto r1 = chat(db, {"--conversation", conv, "--regenerate", reply2});
        const auto r2 = chat(db, {"--conversation", conv, "--regenerate", reply2});
        QCOMPARE(r1["reply"], t2["reply"]);
        QCOMPARE(r2["reply"], t2["reply"]);
        QVERIFY(r1["assistant_message_id"] != t2["assistant_message_id"]);
        QCOMPARE(r1["user_message_id"], t2["user_message_id"]);
        // A branch after the first reply, and an edit of the second question.
        const auto b = chat(db, {"--conversation", conv, "--parent", QString::number(t1["assistant_message_id"].get<qint64>()),
                                 "--message", "Something else"});
        QCOMPARE(b["parent_id"], t1["assistant_message_id"]);
        QCOMPARE(b["stats"]["state_source"], "snapshot");
        const auto e = chat(db, {"--conversation", conv, "--edit", QString::number(t2["user_message_id"].get<qint64>()),
                                 "--message", "Tell me less"});
        QCOMPARE(e["parent_id"], t1["assistant_message_id"]);
        // Everything is still there: the JSON export holds all 10 messages.
        const Run ex = cli({"export", "--db", db, "--conversation", conv, "--format", "json"});
        QVERIFY2(ex.code == 0, ex.err.constData());
        const auto tree = nlohmann::json::parse(ex.out.toStdString());
        QCOMPARE(tree["messages"].size(), std::size_t(10));
        QCOMPARE(tree["model"]["file_name"], "tiny-rwkv7-834K.pth");
        // Refused: a question as parent, branching options without a conversation, both --message and --regenerate.
        const QString user1 = QString::number(t1["user_message_id"].get<qint64>());
        for (const QStringList& bad :
             {QStringList{"--conversation", conv, "--parent", user1, "--message", "x"},
              QStringList{"--regenerate", reply2},
              QStringList{"--conversation", conv, "--regenerate", reply2, "--message", "x"},
              QStringList{"--conversation", conv, "--regenerate", "99999"}}) {
            const Run r = cli(QStringList{"chat", "--db", db, "--model", tinyModel()} + bad);
            QVERIFY2(r.code == 1 && r.err.startsWith("error: ") && r.err.count('\n') == 1,
                     qPrintable(bad.join(' ') + ": " + r.err));
        }
        // A question as parent is named as the other bad ids are, with its option and what it should be (it was
        // "Message N is a question; …" alone: session 48's trial).
        const Run q = cli({"chat", "--db", db, "--model", tinyModel(), "--conversation", conv, "--parent", user1,
                           "--message", "x"});
        QCOMPARE(q.err, "error: --parent " + user1.toUtf8() + ": message " + user1.toUtf8() +
                            " is not a reply in conversation " + conv.toUtf8() + " of " + db.toUtf8() +
                            "; nothing was written (a new message follows a reply)\n");
    }

    // `chat --conversation` without --parent continues the branch rwkv-desktop opens the conversation on (the one
    // viewed last there), says so, and leaves the app opening on the new reply. Before, it followed the newest message
    // while the app showed an older branch (new-user trial, session 9).
    void chatContinuesTheBranchLastViewed() {
#ifndef RWKV_CLI_TEST_STORE
        QSKIP("built without the app's store");
#else
        const QString db = tmp_.filePath("viewed.sqlite");
        const auto t1 = chat(db, {"--message", "Hello"});
        QVERIFY(!t1.empty());
        const qint64 conv = t1["conversation_id"].get<qint64>();
        const qint64 first = t1["assistant_message_id"].get<qint64>();
        const auto again = chat(db, {"--conversation", QString::number(conv), "--regenerate", QString::number(first)});
        QVERIFY(!again.empty());
        const qint64 second = again["assistant_message_id"].get<qint64>();  // the newest message: reply 2/2
        {
            rwkv::store::ConversationStore store(db);
            QCOMPARE(store.viewedLeaf(conv), second);  // remembered as the app does on every new reply
            store.setViewedBranch(conv, first);        // in the app, the user goes back to reply 1/2 and quits
        }
        const QStringList send{"chat", "--db", db, "--model", tinyModel(), "--conversation", QString::number(conv),
                               "--json", "--max-tokens", "4", "--message"};
        const Run r = cli(send + QStringList{"Go on"});
        QVERIFY2(r.code == 0, r.err.constData());
        const nlohmann::json onViewed = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(onViewed["parent_id"].get<qint64>(), first);
        const QByteArray note = "[continuing after message " + QByteArray::number(first) +
                                ", on the branch the app opens (the one viewed last there; the newest message is " +
                                QByteArray::number(second) + "); --parent MSG continues after another reply]";
        QVERIFY2(r.err.contains(note), r.err.constData());
        {
            rwkv::store::ConversationStore store(db);
            QCOMPARE(store.viewedLeaf(conv), onViewed["assistant_message_id"].get<qint64>());  // the app opens there
            store.setViewedBranch(conv, 0);  // nothing stored (a database of schema v3): the newest branch
        }
        const Run n = cli(send + QStringList{"And then?"});
        QVERIFY2(n.code == 0, n.err.constData());
        const qint64 newest = onViewed["assistant_message_id"].get<qint64>();
        QCOMPARE(nlohmann::json::parse(n.out.toStdString())["parent_id"].get<qint64>(), newest);
        QVERIFY2(n.err.contains("[continuing after message " + QByteArray::number(newest) + ", on the newest branch;"),
                 n.err.constData());
#endif
    }

    // A conversation's own sampling preset (chosen beside Send in the app) samples its replies in `chat` too, unless
    // --temperature or --top-p is given; the JSON says what was used. Before, the CLI always used its defaults.
    void chatUsesTheConversationPreset() {
#ifndef RWKV_CLI_TEST_STORE
        QSKIP("built without the app's store");
#else
        const QString db = tmp_.filePath("preset.sqlite");
        const auto t1 = chat(db, {"--message", "Hello"});
        QVERIFY(!t1.empty() && t1.contains("sampling"));
        // A new conversation: the options (1 and 1 here), so no preset is named (before: "preset":"", session 10).
        QVERIFY(!t1["sampling"].contains("preset"));
        QCOMPARE(t1["sampling"]["top_p"].get<double>(), 1.0);
        const qint64 conv = t1["conversation_id"].get<qint64>();
        rwkv::store::ConversationStore(db).setSamplingPreset(conv, "precise");
        const QStringList send{"chat", "--db", db, "--model", tinyModel(), "--conversation", QString::number(conv),
                               "--json", "--max-tokens", "4", "--message", "More"};
        const Run r = cli(send);
        QVERIFY2(r.code == 0, r.err.constData());
        const nlohmann::json own = nlohmann::json::parse(r.out.toStdString());
        QVERIFY(own.contains("sampling"));
        QCOMPARE(own["sampling"]["preset"], "precise");
        QCOMPARE(float(own["sampling"]["temperature"].get<double>()), 1.0f);
        QCOMPARE(float(own["sampling"]["top_p"].get<double>()), 0.1f);  // sampling_presets.cpp: precise
        // The float's shortest decimal, not the float widened to double ("top_p":0.10000000149011612 before).
        QVERIFY2(r.out.contains("\"top_p\":0.1}") || r.out.contains("\"top_p\":0.1,"), r.out.constData());
        QVERIFY2(r.err.contains("[sampling with this conversation's preset precise (temperature 1, top-p 0.1); "
                                "--temperature or --top-p overrides it]"),
                 r.err.constData());
        const Run o = cli(send + QStringList{"--top-p", "0.5"});
        QVERIFY2(o.code == 0, o.err.constData());
        const nlohmann::json given = nlohmann::json::parse(o.out.toStdString());
        QVERIFY(!given["sampling"].contains("preset"));  // --top-p overrides the conversation's preset
        QCOMPARE(float(given["sampling"]["top_p"].get<double>()), 0.5f);
        QCOMPARE(float(given["sampling"]["temperature"].get<double>()), 1.0f);  // the option's default
#endif
    }

    // A conversation without a preset of its own samples with the default preset chosen in RWKV Desktop's Settings,
    // read from the app's own settings file, as the app does (--temperature / --top-p replace its values; the
    // conversation's own preset wins over it). Before, rwkv-cli sampled with its own defaults (the Chat preset's).
    void chatUsesTheSettingsDefaultPreset() {
#ifndef RWKV_CLI_TEST_STORE
        QSKIP("built without the app's store");
#else
        QTemporaryDir config;  // XDG_CONFIG_HOME: the app keeps rwkv-desktop/rwkv-desktop.conf there (docs/gui.md)
        const QString conf = config.filePath("rwkv-desktop/rwkv-desktop.conf");
        QSettings(conf, QSettings::IniFormat).setValue("chat/samplingPreset", "creative");
        const QString db = tmp_.filePath("settings-preset.sqlite");
        const QStringList send{"chat", "--db", db, "--model", tinyModel(), "--json", "--max-tokens", "4",
                               "--seed", "3", "--message", "Hello"};
        const auto sampling = [](const Run& r) {
            return r.code == 0 ? nlohmann::json::parse(r.out.toStdString())["sampling"] : nlohmann::json();
        };
        const Run r = cliWithSettings(config.path(), send);
        QVERIFY2(r.code == 0, r.err.constData());
        const nlohmann::json s = sampling(r);
        QCOMPARE(s["default_preset"], "creative");
        QVERIFY(!s.contains("preset"));  // that key names a conversation's own preset
        QCOMPARE(float(s["temperature"].get<double>()), 1.2f);  // sampling_presets.cpp: creative
        QCOMPARE(float(s["top_p"].get<double>()), 0.6f);
        QVERIFY2(r.err.contains("[sampling with the default preset of RWKV Desktop's Settings, creative (temperature "
                                "1.2, top-p 0.6); --temperature or --top-p overrides it]"),
                 r.err.constData());
        // --top-p replaces the preset's top-p only; no preset is named then.
        const nlohmann::json given = sampling(cliWithSettings(config.path(), send + QStringList{"--top-p", "0.5"}));
        QCOMPARE(float(given["top_p"].get<double>()), 0.5f);
        QCOMPARE(float(given["temperature"].get<double>()), 1.2f);
        QVERIFY(!given.contains("default_preset") && !given.contains("preset"));
        // The conversation's own preset wins over the Settings' default.
        const qint64 conv = nlohmann::json::parse(r.out.toStdString())["conversation_id"].get<qint64>();
        rwkv::store::ConversationStore(db).setSamplingPreset(conv, "precise");
        const nlohmann::json own =
            sampling(cliWithSettings(config.path(), send + QStringList{"--conversation", QString::number(conv)}));
        QCOMPARE(own["preset"], "precise");
        QVERIFY(!own.contains("default_preset"));
        QCOMPARE(float(own["top_p"].get<double>()), 0.1f);
        // A value the app would not take reads as the app reads it: Chat. No Settings at all: Chat too, and reading
        // them wrote no settings file.
        QSettings(conf, QSettings::IniFormat).setValue("chat/samplingPreset", "foo");
        const nlohmann::json bad = sampling(cliWithSettings(config.path(), send));
        QCOMPARE(bad["default_preset"], "chat");
        QCOMPARE(float(bad["top_p"].get<double>()), 0.3f);
        const nlohmann::json none = sampling(cli(send));
        QCOMPARE(none["default_preset"], "chat");
        QCOMPARE(float(none["temperature"].get<double>()), 1.0f);
        QVERIFY(QDir(cliEnvironment().value("XDG_CONFIG_HOME")).isEmpty());
#endif
    }

    // New-user trial: on a nearly full disk the state snapshot of a finished reply did not fit, so the reply was lost
    // (an error, and an empty unfinished reply that the next chat continued after). The reply is saved without its
    // snapshot now, with a warning and "state_saved": false; the next turn continues after it by re-reading the text.
    void fullDiskKeepsTheReply() {
        QTemporaryDir dir;
        const QString db = dir.filePath("full.sqlite");
        const auto t1 = chat(db, {"--message", "Hello"});  // ~250 kB with its snapshot: past the 100 kB limit below
        QCOMPARE(t1["stats"]["state_saved"], true);
        const QString conv = QString::number(t1["conversation_id"].get<qint64>());
        const Run full = cliOnAFullDisk({"chat", "--db", db, "--model", tinyModel(), "--json", "--max-tokens", "12",
                                         "--seed", "5", "--conversation", conv, "--message", "Second"});
        QVERIFY2(full.code == 0, full.err.constData());
        QVERIFY2(full.err.contains("[warning: the disk is full: the reply was saved, but not its state snapshot"),
                 full.err.constData());
        const auto t2 = nlohmann::json::parse(full.out.toStdString());
        QCOMPARE(t2["stats"]["state_saved"], false);
        const std::string reply = t2["reply"].get<std::string>();
        QVERIFY(!reply.empty());
        const Run md = cli({"export", "--db", db, "--conversation", conv});
        QVERIFY2(md.code == 0, md.err.constData());
        QVERIFY2(md.out.contains("4 of 4 messages") && md.out.contains(QByteArray::fromStdString(reply)),
                 md.out.constData());
        const auto t3 = chat(db, {"--conversation", conv, "--message", "Third"});
        QCOMPARE(t3["parent_id"], t2["assistant_message_id"]);
        QCOMPARE(t3["stats"]["state_source"], "derived");  // from the first reply's snapshot plus the text after it
        QCOMPARE(t3["stats"]["state_saved"], true);
    }

    // New-user trial: `chat --regenerate MSG` without --seed gave the same reply every time (the seed defaulted to 0).
    // Without --seed every reply draws a new one, printed on stderr and in the JSON; --seed with it repeats the reply.
    void regenerateWithoutSeedGivesANewReply() {
        QTemporaryDir dir;
        const QString db = dir.filePath("seeds.sqlite");
        const auto t = chat(db, {"--message", "Hello"});
        QCOMPARE(t["sampling"]["seed"], 5);  // given: kept, and no "[seed" line
        const QString conv = QString::number(t["conversation_id"].get<qint64>());
        const QString reply = QString::number(t["assistant_message_id"].get<qint64>());
        const QStringList base{"chat", "--db", db, "--model", tinyModel(), "--json", "--max-tokens", "24",
                               "--temperature", "1", "--top-p", "1", "--conversation", conv, "--regenerate", reply};
        QSet<std::uint64_t> seeds;
        QSet<std::string> replies;
        nlohmann::json last;
        for (int i = 0; i < 3; ++i) {
            const Run r = cli(base);
            QVERIFY2(r.code == 0, r.err.constData());
            last = nlohmann::json::parse(r.out.toStdString());
            const std::uint64_t seed = last["sampling"]["seed"].get<std::uint64_t>();
            QVERIFY2(r.err.contains(QByteArray("[seed ") + QByteArray::number(qulonglong(seed)) + "; --seed "),
                     r.err.constData());
            seeds.insert(seed);
            replies.insert(last["reply"].get<std::string>());
        }
        QCOMPARE(seeds.size(), 3);
        QVERIFY2(replies.size() >= 2, "three regenerations without --seed gave one reply");  // 24 tokens at T = 1
        const QString seed = QString::number(last["sampling"]["seed"].get<std::uint64_t>());
        const Run again = cli(base + QStringList{"--seed", seed});
        QVERIFY2(again.code == 0, again.err.constData());
        QVERIFY(!again.err.contains("[seed "));
        const auto repeated = nlohmann::json::parse(again.out.toStdString());
        QCOMPARE(repeated["reply"], last["reply"]);
        QCOMPARE(repeated["sampling"]["seed"], last["sampling"]["seed"]);
    }

    // `chat --conversation N` on a conversation in the trash says so and how to restore it, in one line, before any
    // "[continuing after message ...]" line (new-user trial, session 10); an unknown id names the command listing ids.
    void chatOnATrashedConversationSaysSo() {
#ifndef RWKV_CLI_TEST_STORE
        QSKIP("built without the app's store");
#else
        const QString db = tmp_.filePath("trashed.sqlite");
        const nlohmann::json t = chat(db, {"--message", "Hello"});
        QVERIFY(!t.empty());
        const QString id = QString::number(t["conversation_id"].get<qint64>());
        rwkv::store::ConversationStore(db).deleteConversation(id.toLongLong());
        const Run r = cli({"chat", "--db", db, "--model", tinyModel(), "--conversation", id, "--message", "More"});
        QCOMPARE(r.code, 1);
        QVERIFY2(isPlainOneLineError(r.err) &&
                     r.err.contains("conversation " + id.toUtf8() + " is in the trash of " + db.toUtf8() +
                                    ": restore it (Trash, at the bottom of RWKV Desktop's sidebar) to continue it"),
                 r.err.constData());
        const Run unknown = cli({"chat", "--db", db, "--model", tinyModel(), "--conversation", "999", "--message", "x"});
        QCOMPARE(unknown.code, 1);
        QVERIFY2(unknown.err.contains("conversation 999 does not exist in " + db.toUtf8() +
                                      " (`rwkv-cli conversations list --db " + db.toUtf8() + "` shows the ids)"),
                 unknown.err.constData());
        QCOMPARE(rwkv::store::ConversationStore(db).messages(id.toLongLong()).size(), 2);  // nothing was added
#endif
    }

    // A message id that is not in the conversation (--parent, --regenerate, --edit) is one error line in the form of
    // every other ("error: conversation 999 does not exist …"), naming the option, before the model is loaded;
    // before, ChatSession's banner sentence came through: "error: Message 999 is not in conversation 1." (session 20's
    // new-user trial, F13).
    void aMessageOfAnotherConversationIsOneLine() {
#ifndef RWKV_CLI_TEST_STORE
        QSKIP("built without the app's store");
#else
        const QString db = tmp_.filePath("ids.sqlite");
        const nlohmann::json first = chat(db, {"--message", "Hello"});
        const nlohmann::json other = chat(db, {"--message", "Another"});
        QVERIFY(!first.empty() && !other.empty());
        const QString conv = QString::number(first["conversation_id"].get<qint64>());
        const QString foreign = QString::number(other["assistant_message_id"].get<qint64>());
        for (const auto& [option, id] : {std::pair<QString, QString>{"--parent", "999"}, {"--parent", foreign},
                                         {"--regenerate", "999"}, {"--edit", foreign}}) {
            QStringList args{"chat", "--db", db, "--model", "no-model-needed.pth", "--conversation", conv, option, id};
            if (option != "--regenerate") args << "--message" << "x";
            const Run r = cli(args);
            QCOMPARE(r.code, 1);
            QCOMPARE(r.err, "error: " + option.toUtf8() + " " + id.toUtf8() + ": message " + id.toUtf8() +
                                " is not in conversation " + conv.toUtf8() + " of " + db.toUtf8() +
                                "; nothing was written\n");
        }
        // --edit names a question: a reply of the conversation is refused in the same form, before the model is loaded
        // (session 23's trial, T8: "error: Message 2 is not a question in conversation 1." after loading it).
        const QString reply = QString::number(first["assistant_message_id"].get<qint64>());
        const Run r = cli({"chat", "--db", db, "--model", "no-model-needed.pth", "--conversation", conv, "--edit", reply,
                           "--message", "x"});
        QCOMPARE(r.code, 1);
        QCOMPARE(r.err, "error: --edit " + reply.toUtf8() + ": message " + reply.toUtf8() +
                            " is not a question in conversation " + conv.toUtf8() + " of " + db.toUtf8() +
                            "; nothing was written\n");
        QCOMPARE(rwkv::store::ConversationStore(db).messages(conv.toLongLong()).size(), 2);  // nothing was added
#endif
    }
};

QTEST_GUILESS_MAIN(TestCliChat)
#include "test_cli_chat.moc"
