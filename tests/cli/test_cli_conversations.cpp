// rwkv-cli and the conversation database, run as a user would (QProcess): `chat` twice on one conversation resumes
// from the saved state, `chat --parent / --regenerate / --edit` branch without erasing and a plain `chat` continues
// the branch the app shows with its sampling preset; `export`/`import` move a conversation with its state (a damaged
// bundle imports nothing); `conversations list` / `upgrade`; a damaged, read-only, full or older database is a clear
// one-line error and is never changed by a command that only reads. Helpers: cli_run.h.
#include "cli_run.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QLockFile>
#include <QSettings>
#include <QtEndian>
#include <QTemporaryDir>

#ifdef RWKV_CLI_TEST_STORE
#include "store/conversation_store.h"
#include "store/database.h"
#endif

using namespace cli_test;

class TestCliConversations : public QObject {
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

    // A message longer than one command-line argument takes (Linux: 128 KiB; `--message "$(cat f)"` with 200,000
    // characters fails with "Argument list too long") is read from a file or the standard input, as the app takes
    // a long paste: stored whole (trimmed, as every message). Not UTF-8, or empty: one line, nothing written.
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
        f.setFileName(dir.filePath("blank.txt"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("\n");
        f.close();
        const Run blank = cli({"chat", "--db", dir.filePath("other.sqlite"), "--model", tinyModel(), "--message-file",
                               f.fileName()});
        QCOMPARE(blank.code, 1);
        QVERIFY2(blank.err.contains("is empty") && blank.err.count('\n') == 1, blank.err.constData());
        QVERIFY(!QFileInfo::exists(dir.filePath("other.sqlite")));
        const Run both = cli({"chat", "--db", db, "--model", tinyModel(), "--message", "x", "--message-file", file});
        QVERIFY2(both.code != 0 && both.err.contains("excludes"), both.err.constData());
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

    // A failed export (here a file-size limit of 100 kB, above the database's 32 KiB -shm index and below the bundle,
    // stands in for a full disk) leaves the file that was at --out:
    // before, --out was truncated first, so an earlier bundle there was lost and an empty file was left behind
    // (new-user trial, session 7).
    void failedExportKeepsTheOldFile() {
        const QString db = tmp_.filePath("export-fails.sqlite");
        const auto t = chat(db, {"--message", "Hello"});
        const QString conv = QString::number(t["conversation_id"].get<qint64>());
        QTemporaryDir outDir;
        const QString out = outDir.filePath("earlier.rwkvchat");
        QFile earlier(out);
        QVERIFY(earlier.open(QIODevice::WriteOnly) && earlier.write("an earlier bundle") == 17);
        earlier.close();
        const Run failed = cliOnAFullDisk({"export", "--db", db, "--conversation", conv, "--format", "bundle", "--out", out});
        QCOMPARE(failed.code, 1);
        QVERIFY2(isPlainOneLineError(failed.err) && failed.err.contains("cannot write"), failed.err.constData());
        QVERIFY(earlier.open(QIODevice::ReadOnly));
        QCOMPARE(earlier.readAll(), QByteArray("an earlier bundle"));
        QCOMPARE(QDir(outDir.path()).entryList(QDir::Files), QStringList{"earlier.rwkvchat"});  // no temporary left
        // With room, the same export replaces it.
        const Run ok = cli({"export", "--db", db, "--conversation", conv, "--format", "bundle", "--out", out});
        QVERIFY2(ok.code == 0, ok.err.constData());
        QVERIFY(QFileInfo(out).size() > 100000);
    }

    // New-user trial: `export --db self.sqlite --out self.sqlite` wrote the export over the database it read (exit 0),
    // and --out replaced any other conversation database. Both are refused now, before anything is written.
    void exportNeverOverwritesADatabase() {
        QTemporaryDir dir;
        const QString db = dir.filePath("self.sqlite");
        const auto t = chat(db, {"--message", "Hello"});
        const QString conv = QString::number(t["conversation_id"].get<qint64>());
        const QString other = dir.filePath("other.sqlite");
        chat(other, {"--message", "Other"});
        QFile::link(db, dir.filePath("link.sqlite"));
        const auto bytesOf = [](const QString& path) {
            QFile f(path);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };
        const QByteArray dbBefore = bytesOf(db), otherBefore = bytesOf(other);
        QVERIFY(dbBefore.startsWith("SQLite format 3"));
        const QStringList targets{db, dir.filePath("./self.sqlite"), dir.filePath("link.sqlite"), db + "-wal",
                                  db + "-journal", other};
        for (const QString& out : targets)
            for (const char* format : {"md", "json", "bundle"}) {
                const Run r = cli({"export", "--db", db, "--conversation", conv, "--format", format, "--out", out});
                QVERIFY2(r.code == 1, qPrintable(out + ": " + r.err));
                QVERIFY2(isPlainOneLineError(r.err) && r.err.contains("nothing was written"), r.err.constData());
                QVERIFY2(r.err.contains(out == other ? "SQLite database" : "the database being exported"),
                         r.err.constData());
            }
        QCOMPARE(bytesOf(db), dbBefore);
        QCOMPARE(bytesOf(other), otherBefore);
        QVERIFY(!QFileInfo::exists(db + "-wal") && !QFileInfo::exists(db + "-journal"));
        // Any other file is still written (replaced when it exists and is not a database).
        const QString md = dir.filePath("self.md");
        QFile old(md);
        QVERIFY(old.open(QIODevice::WriteOnly) && old.write("old export") == 10);
        old.close();
        const Run ok = cli({"export", "--db", db, "--conversation", conv, "--out", md});
        QVERIFY2(ok.code == 0, ok.err.constData());
        QVERIFY(bytesOf(md).contains("Hello"));
        // A folder is named as one (before: "cannot write" with Qt's words after the export was made).
        const Run folder = cli({"export", "--db", db, "--conversation", conv, "--out", dir.path()});
        QCOMPARE(folder.code, 1);
        QVERIFY2(isPlainOneLineError(folder.err) && folder.err.contains("is a folder; pass a file name"),
                 folder.err.constData());
    }

    // New-user trial: another program's SQLite file (a `customers` table) as --db: `conversations upgrade` and `chat`
    // added our tables to it, `conversations list` said it had no schema, and with user_version 7 it was "newer than
    // this version of RWKV Desktop". Every command now refuses it as another program's file and leaves it unchanged.
    void foreignDatabaseIsNeverChanged() {
#ifndef RWKV_CLI_TEST_STORE
        QSKIP("built without the app's store");
#else
        for (const int version : {0, 7}) {
            QTemporaryDir dir;
            const QString db = dir.filePath("shop.sqlite");
            {
                rwkv::store::Database d(db);
                d.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, 'Ann')");
                d.setUserVersion(version);
            }
            QFile f(db);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray before = f.readAll();
            f.close();
            for (const QStringList& args :
                 {QStringList{"conversations", "list", "--db", db}, QStringList{"conversations", "upgrade", "--db", db},
                  QStringList{"export", "--db", db, "--conversation", "1"},
                  QStringList{"chat", "--db", db, "--model", tinyModel(), "--message", "hi", "--max-tokens", "2"}}) {
                const Run r = cli(args);
                QVERIFY2(r.code == 1, qPrintable(args.join(' ') + ": " + r.err));
                QVERIFY2(isPlainOneLineError(r.err) && r.err.contains("belongs to another program") &&
                             r.err.contains("\"customers\"") && !r.err.contains("newer than"),
                         r.err.constData());
                QVERIFY(f.open(QIODevice::ReadOnly));
                QCOMPARE(f.readAll(), before);
                f.close();
                QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"shop.sqlite"});
            }
        }
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

    void exportAndImportABundle() {
        const QString db = tmp_.filePath("sender.sqlite");
        const auto t1 = chat(db, {"--message", "Hello", "--system", "Be brief."});
        const QString conv = QString::number(t1["conversation_id"].get<qint64>());
        chat(db, {"--conversation", conv, "--message", "第二句"});
        const Run md = cli({"export", "--db", db, "--conversation", conv});
        QVERIFY2(md.code == 0, md.err.constData());
        QVERIFY(md.out.startsWith("# Hello\n\n> **System:** Be brief.\n\n**User:** Hello\n\n**Assistant:** "));
        QVERIFY(QString::fromUtf8(md.out).contains(QStringLiteral("**User:** 第二句")));
        const QString bundle = tmp_.filePath("chat.rwkvchat");
        const Run ex = cli({"export", "--db", db, "--conversation", conv, "--format", "bundle", "--out", bundle});
        QVERIFY2(ex.code == 0, ex.err.constData());
        QVERIFY(cli({"export", "--db", db, "--conversation", conv, "--format", "bundle"}).code == 1);  // needs --out

        // The next reply on the sender, and the same reply on the receiver after the import: zero re-prefill.
        const auto next = chat(db, {"--conversation", conv, "--message", "And then?"});
        const QString target = tmp_.filePath("receiver.sqlite");
        // Resources with the vocabulary but no demo model: no models folder next to the receiver, not in the catalog.
        const QString noDemo = tmp_.filePath("resources-without-demo");
        QVERIFY(QDir().mkpath(noDemo) && QFile::copy(vocab(), noDemo + "/rwkv_vocab_v20230424.txt"));
        const Run im = cliWithResources(noDemo, {"import", "--db", target, bundle, "--json"});
        QVERIFY2(im.code == 0, im.err.constData());
        const auto got = nlohmann::json::parse(im.out.toStdString());
        QCOMPARE(got["messages"], 4);
        QCOMPARE(got["with_state"], true);
        QCOMPARE(got["model_file"], "tiny-rwkv7-834K.pth");
        QCOMPARE(got["model_present"], false);
        QCOMPARE(got["download_command"], "");
        // The app ships the demo model in its resources: a chat made with it finds it there (was "not in .../models
        // and not in the model catalog").
        const QString withDemo = tmp_.filePath("resources-with-demo");
        QVERIFY(QDir().mkpath(withDemo) && QFile::copy(vocab(), withDemo + "/rwkv_vocab_v20230424.txt") &&
                QFile::copy(tinyModel(), withDemo + "/tiny-rwkv7-834K.pth"));
        const Run bundled = cliWithResources(withDemo, {"import", "--db", tmp_.filePath("bundled.sqlite"), bundle,
                                                        "--json"});
        QVERIFY2(bundled.code == 0, bundled.err.constData());
        const auto found = nlohmann::json::parse(bundled.out.toStdString());
        QCOMPARE(found["model_present"], true);
        QCOMPARE(QString::fromStdString(found["model_path"]),
                 QDir(withDemo).canonicalPath() + "/tiny-rwkv7-834K.pth");

        // The model is missing but a catalog lists its file: the import names the entry and the download command,
        // with the catalog it was found in (new-user trial, session 16: without --catalog, rwkv-desktop looked the id
        // up in its bundled catalog: 'Unknown model "tiny-834k"'); with the file in the models folder it says nothing
        // more.
        const QString catalog = tmp_.filePath("catalog.json");
        // (No raw strings over several lines here: moc 6.4 then finds no class in this file.)
        const QByteArray entry = "{\"id\": \"tiny-834k\", \"name\": \"Tiny 834K\", \"file\": \"tiny-rwkv7-834K.pth\", "
                                 "\"format\": \"pth\", \"size\": 3400000";
        const QByteArray urls = ", \"urls\": {\"huggingface\": \"https://h/t.pth\", \"hf-mirror\": \"https://m/t.pth\", "
                                "\"modelscope\": \"https://s/t.pth\"}";
        QFile cf(catalog);
        QVERIFY(cf.open(QIODevice::WriteOnly));
        cf.write("{\"models\": [" + entry + urls + "}]}");
        cf.close();
        const Run offer = cliWithResources(noDemo, {"import", "--db", tmp_.filePath("offer.sqlite"), bundle,
                                                    "--catalog", catalog});
        QVERIFY2(offer.code == 0, offer.err.constData());
        QVERIFY2(offer.out.contains("its model Tiny 834K (tiny-rwkv7-834K.pth, catalog id tiny-834k, 3.4 MB) is not in ") &&
                     offer.out.contains(": download it with `rwkv-desktop --catalog " + catalog.toUtf8() +
                                        " --download tiny-834k`"),
                 offer.out.constData());
        // A catalog rwkv-desktop refuses (no download URLs): no command that would do nothing, but why.
        const QString noUrls = tmp_.filePath("no-urls.json");
        QFile nf(noUrls);
        QVERIFY(nf.open(QIODevice::WriteOnly));
        nf.write("{\"models\": [" + entry + "}]}");
        nf.close();
        const Run refused = cliWithResources(noDemo, {"import", "--db", tmp_.filePath("offer.sqlite"), bundle,
                                                      "--catalog", noUrls, "--copy", "--json"});
        QVERIFY2(refused.code == 0, refused.err.constData());
        const auto why = nlohmann::json::parse(refused.out.toStdString());
        QCOMPARE(why["download_command"], "");
        QCOMPARE(why["download_id"], "");
        QVERIFY2(QString::fromStdString(why["catalog_problem"]).contains("field \"urls\" is missing or empty"),
                 refused.out.constData());
        const QString models = tmp_.filePath("models-here");
        QVERIFY(QDir().mkpath(models));
        QVERIFY(QFile::copy(tinyModel(), models + "/tiny-rwkv7-834K.pth"));
        const Run here = cliWithResources(noDemo, {"import", "--db", tmp_.filePath("offer.sqlite"), bundle,
                                                   "--catalog", catalog, "--models-dir", models, "--json"});
        QVERIFY2(here.code == 0, here.err.constData());
        const auto present = nlohmann::json::parse(here.out.toStdString());
        QCOMPARE(present["model_present"], true);
        QCOMPARE(present["download_id"], "");
        const auto cont = chat(target, {"--conversation", QString::number(got["conversation_id"].get<qint64>()),
                                        "--message", "And then?"});
        QCOMPARE(cont["stats"]["state_source"], "snapshot");
        QCOMPARE(cont["reply"], next["reply"]);
        QCOMPARE(cont["stats"]["prefill_tokens"], next["stats"]["prefill_tokens"]);

        // A damaged bundle: a clear one-line error, and no database is even created.
        QFile f(bundle);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QByteArray bytes = f.readAll();
        bytes[bytes.size() / 3] = char(bytes[bytes.size() / 3] ^ 0x10);
        f.seek(0);
        f.write(bytes);
        f.close();
        const QString untouched = tmp_.filePath("never.sqlite");
        const Run bad = cli({"import", "--db", untouched, bundle});
        QCOMPARE(bad.code, 1);
        QVERIFY2(bad.err.startsWith("error: cannot import: the bundle's checksum does not match") &&
                     bad.err.count('\n') == 1, bad.err.constData());
        QVERIFY(!QFile::exists(untouched));
        const Run again = cli({"import", "--db", target, bundle});
        QCOMPARE(again.code, 1);
        QVERIFY(cli({"export", "--db", target, "--conversation", "2"}).code == 1);  // still one conversation
    }

    // A model file given to import (the app's Import… takes the same path) is named as one from its first bytes; a
    // 6 GB checkpoint is not read into memory first (before: the whole file was read, then "neither a bundle nor JSON").
    void importOfAModelFileSaysSoWithoutReadingIt() {
        const QString db = tmp_.filePath("model-import.sqlite");
        QFile big(tmp_.filePath("big.gguf"));
        QVERIFY(big.open(QIODevice::WriteOnly));
        big.write("GGUF\x03\x00\x00\x00");
        QVERIFY(big.resize(qint64(6) << 30));  // sparse: takes no disk space
        big.close();
        QProcess p;  // 1 GB of address space: reading the 6 GB file would fail with "out of memory"
        p.setChildProcessModifier([] {
            rlimit oneGb{rlim_t(1) << 30, rlim_t(1) << 30};
            ::setrlimit(RLIMIT_AS, &oneGb);
        });
        p.start(RWKV_CLI_PATH, {"import", "--db", db, big.fileName()});
        QVERIFY(p.waitForFinished(60000));
        const QByteArray err = p.readAllStandardError();
        QCOMPARE(p.exitCode(), 1);
        QVERIFY2(err.startsWith("error: cannot import: this is a model file (GGUF), not a conversation") &&
                     err.count('\n') == 1,
                 err.constData());
        for (const auto& [file, kind] : {std::pair{"tiny-rwkv7-834K.pth", "PyTorch .pth"},
                                         std::pair{"tiny-rwkv7-834K.safetensors", "safetensors"},
                                         std::pair{"tiny-rwkv-7v0-834K-FP16.bin", "rwkv.cpp .bin"}}) {
            const Run r = cli({"import", "--db", db, QString::fromStdString(testdata(file))});
            QCOMPARE(r.code, 1);
            QVERIFY2(r.err.contains(QByteArray("this is a model file (") + kind + "), not a conversation"),
                     r.err.constData());
        }
        QVERIFY(!QFileInfo::exists(db));  // nothing was written
    }

    // New-user trial (session 16), a JSON export edited by hand and a bundle written by another tool: a question under
    // a question was imported, and then no message could ever be sent in that conversation ('Message 3 is a question;
    // a new message can only follow a reply', in rwkv-cli chat and in the app); "id": 1.7 was read as 1; "version":
    // 1e30 said "the format version is missing" (an out-of-range cast); a snapshot naming a message not in the
    // bundle said "cannot import: import: ...". Each is refused in one line, and nothing is imported. And an export
    // saved with a UTF-8 byte order mark (Windows Notepad) imports.
    void importRefusesWhatCannotBeContinued() {
        const QString json = tmp_.filePath("hand-edited.json");
        const auto importJson = [&](const nlohmann::json& doc, const QString& db) {
            QFile f(json);
            if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) qFatal("cannot write %s", qPrintable(json));
            f.write(QByteArray::fromStdString(doc.dump()));
            f.close();
            return cli({"import", "--db", db, json});
        };
        const auto message = [](nlohmann::json id, nlohmann::json parent, const char* role) {
            return nlohmann::json{{"id", id}, {"parent", parent}, {"role", role}, {"text", "x"}, {"finished", true}};
        };
        const nlohmann::json good = {{"format", "rwkv-desktop-conversation"}, {"version", 1},
                                     {"conversation", {{"title", "Edited"}}}, {"model", {{"file_name", "m.pth"}}},
                                     {"messages", {message(1, nullptr, "user"), message(2, 1, "assistant")}}};
        const QString db = tmp_.filePath("edited.sqlite");
        struct Case {
            const char* name;
            nlohmann::json doc;
            const char* error;
        };
        nlohmann::json chain = good, frac = good, huge = good;
        chain["messages"] = {message(1, nullptr, "user"), message(2, 1, "user"), message(3, 2, "user")};
        frac["messages"][0]["id"] = 1.7;
        frac["messages"][1]["parent"] = 1.7;
        huge["version"] = 1e30;
        for (const Case& c : {Case{"question under a question", chain,
                                   "error: cannot import: message 2 is a question whose parent, message 1, is a "
                                   "question too (a question follows a reply); nothing was imported\n"},
                              Case{"fractional id", frac,
                                   "error: cannot import: message 1: \"id\" is not a whole number; nothing was "
                                   "imported\n"},
                              Case{"huge version", huge,
                                   "error: cannot import: the file: \"version\" is out of range; nothing was "
                                   "imported\n"}}) {
            const Run r = importJson(c.doc, db);
            QVERIFY2(r.code == 1 && r.err == c.error, qPrintable(QString::fromLatin1(c.name) + ": " + r.err));
            QVERIFY2(!QFile::exists(db), c.name);  // nothing imported: not even a database made
        }
        // Questions and replies as the app writes them still import, and the conversation continues.
        nlohmann::json branches = good;
        branches["messages"] = {message(1, nullptr, "user"), message(2, 1, "assistant"), message(3, 1, "assistant"),
                                message(4, 3, "user"), message(5, 2, "user")};
        const Run ok = importJson(branches, db);
        QVERIFY2(ok.code == 0, ok.err.constData());
        QVERIFY2(ok.out.startsWith("imported conversation 1 (5 messages)"), ok.out.constData());
        const auto next = chat(db, {"--conversation", "1", "--message", "go on"});
        QCOMPARE(next["parent_id"], 2);  // after the unanswered question 5: its parent, reply 2
        // The same export saved by an editor that writes a UTF-8 byte order mark (Windows Notepad): it was "neither an
        // RWKV Desktop bundle (.rwkvchat) nor a JSON export".
        QFile bom(json);
        QVERIFY(bom.open(QIODevice::WriteOnly | QIODevice::Truncate));
        bom.write("\xEF\xBB\xBF" + QByteArray::fromStdString(good.dump(2)));
        bom.close();
        const Run withBom = cli({"import", "--db", tmp_.filePath("bom.sqlite"), json});
        QVERIFY2(withBom.code == 0 && withBom.out.startsWith("imported conversation 1 (2 messages)"),
                 withBom.err.constData());

        // A bundle (checksum intact) whose state names a message it does not hold: the store's words, once prefixed.
        const QString src = tmp_.filePath("bundle-src.sqlite");
        const auto t = chat(src, {"--message", "Hello"});
        const QString bundle = tmp_.filePath("other-tool.rwkvchat");
        QVERIFY(cli({"export", "--db", src, "--conversation", QString::number(t["conversation_id"].get<qint64>()),
                     "--format", "bundle", "--out", bundle})
                    .code == 0);
        QFile bf(bundle);
        QVERIFY(bf.open(QIODevice::ReadOnly));
        const QByteArray all = bf.readAll();
        bf.close();
        const quint64 jsonBytes = qFromLittleEndian<quint64>(all.constData() + 16);
        const quint64 snapBytes = qFromLittleEndian<quint64>(all.constData() + 24);
        auto head = nlohmann::json::parse(all.mid(32, qsizetype(jsonBytes)).toStdString());
        QVERIFY(head.contains("snapshot"));
        head["snapshot"]["message"] = 99;
        const QByteArray newJson = QByteArray::fromStdString(head.dump());
        QByteArray out = all.left(16);
        char n[8];
        qToLittleEndian<quint64>(quint64(newJson.size()), n);
        out.append(n, 8);
        out.append(all.mid(24, 8));
        out += newJson + all.mid(32 + qsizetype(jsonBytes), qsizetype(snapBytes));
        out += QCryptographicHash::hash(out, QCryptographicHash::Sha256);
        QVERIFY(bf.open(QIODevice::WriteOnly | QIODevice::Truncate));
        bf.write(out);
        bf.close();
        const QString db2 = tmp_.filePath("other-tool.sqlite");
        const Run r = cli({"import", "--db", db2, bundle});
        QCOMPARE(r.code, 1);
        QCOMPARE(r.err, QByteArray("error: cannot import: the snapshot names message 99, which is not in the "
                                   "conversation; nothing was imported\n"));
    }

    // Importing the same bundle again names the conversation it made the first time and adds nothing; --copy adds a
    // copy titled so.
    void importingTwiceAddsNothing() {
        const QString db = tmp_.filePath("twice-sender.sqlite");
        const auto t1 = chat(db, {"--message", "Once"});
        const QString bundle = tmp_.filePath("twice.rwkvchat");
        QVERIFY(cli({"export", "--db", db, "--conversation", QString::number(t1["conversation_id"].get<qint64>()),
                     "--format", "bundle", "--out", bundle}).code == 0);
        const QString target = tmp_.filePath("twice-receiver.sqlite");
        const Run first = cli({"import", "--db", target, bundle});
        QVERIFY2(first.code == 0 && first.out.startsWith("imported conversation 1 "), first.out.constData());
        const Run second = cli({"import", "--db", target, bundle});
        QVERIFY2(second.code == 0, second.err.constData());
        QVERIFY2(second.out.startsWith("already imported: conversation 1 (\"Once\") holds this file's 2 messages; "
                                       "nothing was added (pass --copy"), second.out.constData());
        const auto js = nlohmann::json::parse(cli({"import", "--db", target, bundle, "--json"}).out.toStdString());
        QCOMPARE(js["already_present"], true);
        QCOMPARE(js["conversation_id"], 1);
        QVERIFY(cli({"export", "--db", target, "--conversation", "2"}).code == 1);  // still one conversation
        const Run copy = cli({"import", "--db", target, bundle, "--copy", "--json"});
        QVERIFY2(copy.code == 0, copy.err.constData());
        const auto c = nlohmann::json::parse(copy.out.toStdString());
        QCOMPARE(c["already_present"], false);
        QCOMPARE(c["conversation_id"], 2);
        QCOMPARE(c["title"], "Once (copy)");
    }

    // New-user trial (session 14): `rwkv-cli chat` wrote the conversations of a data folder that an open RWKV Desktop
    // was answering. The writing commands now take the folder's rwkv-desktop.lock as the app does (QLockFile, stale
    // time 0); here this test process holds it, as a running app would (a live process id in the same file format).
    void dataFolderInUseRefusesWriting() {
        QTemporaryDir folder;
        const QString db = folder.filePath("conversations.sqlite");
        const nlohmann::json made = chat(db, {"--message", "Before the app opened"});
        QVERIFY(!made.empty());
        QVERIFY2(!QFile::exists(folder.filePath("rwkv-desktop.lock")), "rwkv-cli left its lock behind");
        const QString bundle = tmp_.filePath("in-use.rwkvchat");
        QVERIFY(cli({"export", "--db", db, "--conversation", "1", "--format", "bundle", "--out", bundle}).code == 0);
        QFile file(db);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray before = QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
        file.close();

        QLockFile appLock(folder.filePath("rwkv-desktop.lock"));
        QVERIFY(appLock.tryLock(0));
        const QByteArray inUse = "is in use by RWKV Desktop (process " + QByteArray::number(QCoreApplication::applicationPid()) + ")";
        for (const QStringList& args :
             {QStringList{"chat", "--db", db, "--model", tinyModel(), "--message", "Hi"},
              QStringList{"import", "--db", db, bundle}}) {
            const Run r = cli(args);
            QVERIFY2(r.code == 1, qPrintable(args.join(' ')));
            QVERIFY2(r.err.contains(inUse) && r.err.contains("nothing was changed") && r.err.count('\n') == 1,
                     r.err.constData());
        }
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256), before);  // nothing written
        file.close();
        // Reading still works next to the app.
        const Run list = cli({"conversations", "list", "--db", db, "--json"});
        QVERIFY2(list.code == 0 && nlohmann::json::parse(list.out.toStdString()).size() == 1, list.err.constData());
        QVERIFY(cli({"export", "--db", db, "--conversation", "1"}).code == 0);
        // Another folder is not locked, and once the app is gone the folder is written again.
        QVERIFY(!chat(tmp_.filePath("elsewhere.sqlite"), {"--message", "Elsewhere"}).empty());
        appLock.unlock();
        const Run copy = cli({"import", "--db", db, bundle, "--copy"});
        QVERIFY2(copy.code == 0, copy.err.constData());
        QVERIFY(!QFile::exists(folder.filePath("rwkv-desktop.lock")));
    }

    // A damaged database and a read-only one: one line for a person, no SQL. Read-only is read (export) and refused
    // for changes (import, chat) with what to do.
    void libraryProblemsAreClearErrors() {
        const QString garbage = tmp_.filePath("garbage.sqlite");
        QFile g(garbage);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write(QByteArray(8192, 'x'));
        g.close();
        const Run damaged = cli({"export", "--db", garbage, "--conversation", "1"});
        QCOMPARE(damaged.code, 1);
        QVERIFY2(isPlainOneLineError(damaged.err), damaged.err.constData());
        QVERIFY2(damaged.err.contains("garbage.sqlite is not a conversation database (it is not an SQLite file)"),
                 damaged.err.constData());
        // New-user trial: `conversations upgrade` on a JSON export said "damaged", "move it away" and named backups
        // conversations.sqlite.bak-v*. One line now, nothing written; a damaged SQLite file names its own backups.
        const QString json = tmp_.filePath("c1.json");
        QVERIFY(QFile::copy(garbage, json));
        const Run up = cli({"conversations", "upgrade", "--db", json});
        QCOMPARE(up.code, 1);
        QVERIFY2(isPlainOneLineError(up.err) && up.err.contains("c1.json is not a conversation database") &&
                     !up.err.contains("damaged") && !up.err.contains("bak-v"), up.err.constData());
        QCOMPARE(QDir(tmp_.path()).entryList({"c1.json*"}, QDir::Files), QStringList{"c1.json"});
        QCOMPARE(QFileInfo(json).size(), 8192);
        QVERIFY(g.open(QIODevice::WriteOnly));  // SQLite's header, then garbage: a damaged database
        g.write(QByteArray("SQLite format 3", 16) + QByteArray(8176, 'x'));
        g.close();
        const Run broken = cli({"conversations", "upgrade", "--db", garbage});
        QVERIFY2(broken.code == 1 && broken.err.contains("is damaged or is not a conversation database") &&
                     !broken.err.contains("bak-v"), broken.err.constData());  // no upgrade copy beside it

        // A library in a folder nobody may write (a read-only disk), closed cleanly (no WAL index left).
        QVERIFY(QFile::setPermissions(tmp_.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                                       QFile::ReadOther | QFile::ExeOther));  // others may enter
        if (cliWithoutRoot({"--version"}).code != 0)  // root that cannot become nobody, or a build tree nobody can't read
            QSKIP("rwkv-cli cannot run as a user without write access here (as root: setpriv to nobody failed)");
        const QString folder = tmp_.filePath("read-only");
        QVERIFY(QDir().mkpath(folder));
        const QString db = folder + "/conversations.sqlite";
        const auto t1 = chat(db, {"--message", "Kept safe"});
        const QString conv = QString::number(t1["conversation_id"].get<qint64>());
        const QString bundle = tmp_.filePath("ro.rwkvchat");
        QVERIFY(cli({"export", "--db", db, "--conversation", conv, "--format", "bundle", "--out", bundle}).code == 0);
        QVERIFY(!QFile::exists(db + "-shm"));
        const auto all = QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther | QFile::ExeOwner | QFile::ExeGroup |
                         QFile::ExeOther;
        QVERIFY(QFile::setPermissions(tmp_.path(), all | QFile::WriteOwner));  // nobody may enter, not write
        QVERIFY(QFile::setPermissions(folder, all));
        QVERIFY(QFile::setPermissions(db, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
        const QByteArray before = QCryptographicHash::hash([&] {
            QFile f(db);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }(), QCryptographicHash::Sha256);

        const Run md = cliWithoutRoot({"export", "--db", db, "--conversation", conv});
        QVERIFY2(md.code == 0, md.err.constData());
        QVERIFY2(md.out.startsWith("# Kept safe\n\n**User:** Kept safe\n\n**Assistant:** "), md.out.constData());
        QVERIFY2(md.err.contains("is read-only: opened for reading; nothing in it will be changed"), md.err.constData());
        // An existing --out this user cannot read may be a database: refused, not replaced (store::isSqliteFile's
        // Unreadable; before, only a readable SQLite header was refused).
        const QString secret = tmp_.filePath("secret.md");
        QFile hidden(secret);
        QVERIFY(hidden.open(QIODevice::WriteOnly) && hidden.write("SQLite format 3") == 15);
        hidden.close();
        QVERIFY(QFile::setPermissions(secret, QFile::WriteOwner | QFile::WriteOther));  // others may write, not read
        const Run unreadable = cliWithoutRoot({"export", "--db", db, "--conversation", conv, "--out", secret});
        QCOMPARE(unreadable.code, 1);
        QVERIFY2(isPlainOneLineError(unreadable.err) &&
                     unreadable.err.contains("--out " + secret.toUtf8() + " cannot be read (") &&
                     unreadable.err.contains("so export cannot tell whether it is a database"),
                 unreadable.err.constData());
        QCOMPARE(QFileInfo(secret).size(), 15);
        for (const QStringList& change :
             {QStringList{"import", "--db", db, bundle},
              QStringList{"chat", "--db", db, "--model", tinyModel(), "--conversation", conv, "--message", "More"}}) {
            const Run r = cliWithoutRoot(change);
            QCOMPARE(r.code, 1);
            QVERIFY2(isPlainOneLineError(r.err), r.err.constData());
            QVERIFY2(r.err.contains("is read-only (the file or its folder cannot be written), so nothing can be added "
                                    "to it. Make both writable, or pass another --db."), r.err.constData());
        }
        // A new database in that folder cannot be created: said so (before: "Check that its folder exists and can be
        // read", new-user trial, session 10).
        const Run fresh = cliWithoutRoot({"chat", "--db", folder + "/new.sqlite", "--model", tinyModel(), "--message", "Hi"});
        QCOMPARE(fresh.code, 1);
        QVERIFY2(isPlainOneLineError(fresh.err) &&
                     fresh.err.contains("its folder " + folder.toUtf8() + " cannot be written. Make the folder writable"),
                 fresh.err.constData());
        QVERIFY(!QFile::exists(folder + "/new.sqlite"));
        QCOMPARE(QCryptographicHash::hash([&] {
            QFile f(db);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }(), QCryptographicHash::Sha256), before);
        QVERIFY(QFile::setPermissions(folder, all | QFile::WriteOwner));  // QTemporaryDir removes it
    }

    // `conversations list` shows what export / chat --conversation need: ids, titles, models, sizes, times.
    void conversationsListFindsIds() {
        const QString db = tmp_.filePath("list.sqlite");
        const nlohmann::json first = chat(db, {"--message", "First question"});
        QVERIFY(!first.empty());
        const nlohmann::json second = chat(db, {"--message", "Second one"});
        QVERIFY(!second.empty());
        QVERIFY(!chat(db, {"--conversation", QString::number(second["conversation_id"].get<qint64>()), "--message",
                           "More"}).empty());
        const Run r = cli({"conversations", "list", "--db", db, "--json"});
        QVERIFY2(r.code == 0, r.err.constData());
        const nlohmann::json rows = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(rows.size(), std::size_t(2));
        QCOMPARE(rows[0]["id"].get<qint64>(), second["conversation_id"].get<qint64>());  // last used first
        QCOMPARE(rows[0]["messages"].get<int>(), 4);
        QCOMPARE(rows[1]["id"].get<qint64>(), first["conversation_id"].get<qint64>());
        QCOMPARE(rows[1]["messages"].get<int>(), 2);
        QCOMPARE(rows[1]["title"].get<std::string>(), std::string("First question"));
        QCOMPARE(rows[1]["model"].get<std::string>(), std::string("tiny-rwkv7-834K.pth"));
        const QDateTime updated = QDateTime::fromString(QString::fromStdString(rows[0]["updated"]), Qt::ISODate);
        QVERIFY(updated.isValid() && qAbs(updated.secsTo(QDateTime::currentDateTimeUtc())) < 600);
        const Run table = cli({"conversations", "list", "--db", db});
        QVERIFY2(table.code == 0, table.err.constData());
        QCOMPARE(table.out.count('\n'), 3);  // header + 2 rows
        QVERIFY(table.out.startsWith("    ID  UPDATED (UTC)") && table.out.contains("First question"));
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

    // An imported bundle can set any title: a newline, tab or ESC in it broke the `conversations list` row and the
    // Markdown heading, and the escape code reached the terminal raw (new-user trial, session 10). Both show one line
    // with a space for each control character; the JSON keeps the exact title.
    void controlCharactersInATitleStayOnOneLine() {
#ifndef RWKV_CLI_TEST_STORE
        QSKIP("built without the app's store");
#else
        const QString db = tmp_.filePath("control-title.sqlite");
        const nlohmann::json t = chat(db, {"--message", "Hello"});
        QVERIFY(!t.empty());
        const qint64 id = t["conversation_id"].get<qint64>();
        const QString title = QStringLiteral("Line one\nline\ttwo \x1b[31mred\x1b[0m\r");
        rwkv::store::ConversationStore(db).renameConversation(id, title);
        const Run table = cli({"conversations", "list", "--db", db});
        QVERIFY2(table.code == 0, table.err.constData());
        QCOMPARE(table.out.count('\n'), 2);  // header + 1 row
        QVERIFY2(!table.out.contains('\x1b') && !table.out.contains('\t') && !table.out.contains('\r'),
                 table.out.constData());
        QVERIFY2(table.out.endsWith("  Line one line two [31mred [0m\n"), table.out.constData());
        const Run md = cli({"export", "--db", db, "--conversation", QString::number(id), "--format", "md"});
        QVERIFY2(md.code == 0, md.err.constData());
        QVERIFY2(md.out.startsWith("# Line one line two [31mred [0m\n\n"), md.out.constData());
        QVERIFY(!md.out.contains('\x1b'));
        const Run js = cli({"conversations", "list", "--db", db, "--json"});
        QCOMPARE(nlohmann::json::parse(js.out.toStdString())[0]["title"].get<std::string>(), title.toStdString());
#endif
    }

    // The table's MODEL column is as wide as the longest name, up to 40 characters; a longer name ends in "…". Before,
    // a long file name pushed its row's title to the right of every other one (new-user trial, session 9).
    void conversationsListKeepsColumnsAligned() {
        const QString db = tmp_.filePath("columns.sqlite");
        const QString longName = "rwkv7-g1i-1.5b-20260805-ctx16384-my-own-finetune-copy.pth";  // 58 characters
        const QString longModel = tmp_.filePath(longName);
        QVERIFY(QFile::copy(tinyModel(), longModel));
        QVERIFY(!chat(db, {"--message", "Short model"}).empty());
        const Run r = cli({"chat", "--db", db, "--model", longModel, "--message", "Long model", "--max-tokens", "4"});
        QVERIFY2(r.code == 0, r.err.constData());
        const Run table = cli({"conversations", "list", "--db", db});
        QVERIFY2(table.code == 0, table.err.constData());
        const QStringList lines = QString::fromUtf8(table.out).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        const qsizetype titleAt = lines[0].indexOf("TITLE");
        QCOMPARE(lines[1].mid(titleAt), QStringLiteral("Long model"));
        QCOMPARE(lines[2].mid(titleAt), QStringLiteral("Short model"));
        QVERIFY2(lines[1].contains(longName.left(39) + QChar(0x2026) + "  Long model"), qPrintable(lines[1]));
        QVERIFY2(lines[2].contains("tiny-rwkv7-834K.pth "), qPrintable(lines[2]));
        QVERIFY(nlohmann::json::parse(cli({"conversations", "list", "--db", db, "--json"}).out.toStdString())[0]["model"] ==
                longName.toStdString());  // the JSON keeps the whole name
    }

    // Commands that only read never change the database: `conversations list` and `export` on a file of an older schema
    // (the v2 fixture) stop with the command that upgrades it and leave the folder byte for byte as it was; `conversations
    // upgrade` then does what the app does on opening it, keeping the old file as .bak-v2. Before, the listing upgraded
    // (and purged the trash of) the user's database in place without a word (new-user trial, session 9).
    void readingAnOldDatabaseChangesNothing() {
#ifndef RWKV_CLI_TEST_STORE
        QSKIP("built without the app's store");
#else
        const QString folder = tmp_.filePath("old-schema");
        QVERIFY(QDir().mkpath(folder));
        const QString db = folder + "/conversations.sqlite";
        QVERIFY(QFile::copy(RWKV_SOURCE_DIR "/tests/app/fixtures/conversations-v2.sqlite", db));
        QVERIFY(QFile::setPermissions(db, QFile::ReadOwner | QFile::WriteOwner));
        const auto snapshot = [&] {  // every file of the folder (no -wal, -shm or .bak added) with its bytes
            QStringList s;
            for (const QFileInfo& f : QDir(folder).entryInfoList(QDir::Files, QDir::Name)) {
                QFile file(f.filePath());
                s << f.fileName() + ":" +
                         (file.open(QIODevice::ReadOnly)
                              ? QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex()
                              : QByteArray());
            }
            return s;
        };
        const QStringList before = snapshot();
        const int current = rwkv::store::ConversationStore::schemaVersion();
        for (const QStringList& read : {QStringList{"conversations", "list", "--db", db},
                                        QStringList{"export", "--db", db, "--conversation", "1"}}) {
            const Run r = cli(read);
            QCOMPARE(r.code, 1);
            QVERIFY2(isPlainOneLineError(r.err), r.err.constData());
            const QByteArray want = "error: " + db.toUtf8() +
                                    " was written by an older RWKV Desktop (schema version 2; this version reads " +
                                    QByteArray::number(current) + "). `rwkv-cli " + read.mid(0, read[0] == "export" ? 1 : 2).join(' ').toUtf8() +
                                    "` only reads, so it changed nothing: upgrade it with `rwkv-cli conversations "
                                    "upgrade --db " + db.toUtf8() + "` (the old file is kept as " + db.toUtf8() +
                                    ".bak-v2), or by opening it in rwkv-desktop.\n";
            QCOMPARE(r.err, want);
            QCOMPARE(snapshot(), before);
        }
        // A file with no schema at all (empty) is not upgraded by reading either: said so, still 0 bytes, alone.
        QTemporaryDir emptyFolder;
        const QString empty = emptyFolder.filePath("empty.sqlite");
        QFile emptyFile(empty);
        QVERIFY(emptyFile.open(QIODevice::WriteOnly));
        emptyFile.close();
        const Run none = cli({"conversations", "list", "--db", empty});
        QCOMPARE(none.code, 1);
        QCOMPARE(none.err, "error: " + empty.toUtf8() + " holds no conversation database (it has no schema). "
                           "`rwkv-cli conversations list` only reads, so it changed nothing.\n");
        QCOMPARE(QFileInfo(empty).size(), qint64(0));
        QCOMPARE(QDir(emptyFolder.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"empty.sqlite"});
        const Run up = cli({"conversations", "upgrade", "--db", db});
        QVERIFY2(up.code == 0, up.err.constData());
        QCOMPARE(up.out, "upgraded " + db.toUtf8() + " from schema version 2 to " + QByteArray::number(current) +
                             "; the old file is kept as " + db.toUtf8() + ".bak-v2\n");
        QCOMPARE(rwkv::store::ConversationStore::fileSchemaVersion(db + ".bak-v2"), 2);
        QCOMPARE(rwkv::store::ConversationStore::fileSchemaVersion(db), current);
        const QStringList upgraded = snapshot();
        const Run list = cli({"conversations", "list", "--db", db, "--json"});
        QVERIFY2(list.code == 0, list.err.constData());
        QCOMPARE(nlohmann::json::parse(list.out.toStdString()).size(), std::size_t(3));  // the fixture's 3 chats
        QCOMPARE(snapshot(), upgraded);  // reading left no -wal or -shm behind either
        const Run again = cli({"conversations", "upgrade", "--db", db});
        QVERIFY2(again.code == 0 && again.out.endsWith("is at schema version " + QByteArray::number(current) +
                                                        " already: nothing to do\n"),
                 again.out.constData());
#endif
    }
};

QTEST_GUILESS_MAIN(TestCliConversations)
#include "test_cli_conversations.moc"
