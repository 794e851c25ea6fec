// rwkv-cli export and import, run as a user would (QProcess): a conversation moves with its state (Markdown, JSON,
// bundle, with its instructions, which `chat --system` changes, without bidi controls); --out never overwrites a
// database and a failed write keeps the old file; a damaged, foreign or edited bundle imports nothing; importing twice
// adds nothing. Helpers: cli_run.h.
#include "cli_run.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QLockFile>
#include <QSettings>
#include <QtEndian>

#include <tuple>

#include <sys/stat.h>
#include <QTemporaryDir>

#ifdef RWKV_CLI_TEST_STORE
#include "store/conversation_store.h"
#include "store/database.h"
#endif

using namespace cli_test;

class TestCliExport : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;

    /// Writes a JSON export of one conversation, "One", that holds one question ("x"), to `path`; false if it cannot.
    static bool writeOneQuestionExport(const QString& path) {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)) return false;
        const nlohmann::json doc{
            {"format", "rwkv-desktop-conversation"}, {"version", 1}, {"conversation", {{"title", "One"}}},
            {"messages", {{{"id", 1}, {"parent", nullptr}, {"role", "user"}, {"text", "x"}, {"finished", true}}}}};
        const QByteArray bytes = QByteArray::fromStdString(doc.dump());
        return f.write(bytes) == bytes.size();
    }

private slots:
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

    // `chat --conversation ID --system TEXT` changes that chat's instructions (before: ignored without a word): its
    // saved states were made with the old ones, so this turn reads the chat again with the new (stderr says so) and the
    // export shows them; the same text again changes nothing and the turn resumes from the saved state.
    void systemOnAnExistingChatChangesItsInstructions() {
        const QString db = tmp_.filePath("instructions.sqlite");
        const auto t1 = chat(db, {"--message", "Hello", "--system", "Be brief."});
        const QString conv = QString::number(t1["conversation_id"].get<qint64>());
        const QStringList turn{"chat", "--db", db, "--model", tinyModel(), "--max-tokens", "4", "--seed", "5",
                               "--conversation", conv, "--json"};
        const Run changed = cli(turn + QStringList{"--system", "Answer in rhymes.", "--message", "Go on"});
        QVERIFY2(changed.code == 0, changed.err.constData());
        QVERIFY2(changed.err.contains("[instructions of conversation " + conv.toUtf8() +
                                      " changed: its saved states were made with the old ones and were dropped]"),
                 changed.err.constData());
        const nlohmann::json j = nlohmann::json::parse(changed.out.toStdString());
        QCOMPARE(j["stats"]["state_source"], "reprefill");
        QCOMPARE(j["stats"]["resume_note"], "the instructions changed — re-reading 2 messages");
        const Run md = cli({"export", "--db", db, "--conversation", conv});
        QVERIFY2(md.out.startsWith("# Hello\n\n> **System:** Answer in rhymes.\n\n"), md.out.constData());
        const Run same = cli(turn + QStringList{"--system", "Answer in rhymes.", "--message", "More"});
        QVERIFY2(same.code == 0 && !same.err.contains("[instructions of"), same.err.constData());
        QCOMPARE(nlohmann::json::parse(same.out.toStdString())["stats"]["state_source"], "snapshot");
    }

    // `chat --system` leaves out the bidi controls, as the app's Instructions… field does (app::withoutBidiControls):
    // a U+202E was stored and turned the instructions around wherever they were shown (session 52's trial). stderr
    // names what was left out; a new chat's and an existing chat's alike.
    void systemLeavesOutBidiControls() {
        const QString db = tmp_.filePath("bidi.sqlite");
        const QStringList turn{"chat", "--db", db, "--model", tinyModel(), "--max-tokens", "4", "--seed", "5", "--json"};
        const Run made = cli(turn + QStringList{"--system", QStringLiteral("Be \u202Eevil\u2066 now"), "--message", "Hi"});
        QVERIFY2(made.code == 0, made.err.constData());
        QVERIFY2(made.err.startsWith("[left out U+202E, U+2066 of --system: direction controls turn the text around, so "
                                     "instructions keep none]\n"),
                 made.err.constData());
        const QString conv = QString::number(nlohmann::json::parse(made.out.toStdString())["conversation_id"].get<qint64>());
        QVERIFY2(cli({"export", "--db", db, "--conversation", conv}).out.startsWith("# Hi\n\n> **System:** Be evil now\n"),
                 "the instructions without their bidi controls");
        const Run changed = cli(turn + QStringList{"--conversation", conv, "--system", QStringLiteral("\u202Dx"),
                                                   "--message", "Go on"});
        QVERIFY2(changed.code == 0 && changed.err.contains("[left out U+202D of --system"), changed.err.constData());
        QVERIFY(cli({"export", "--db", db, "--conversation", conv}).out.startsWith("# Hi\n\n> **System:** x\n"));
    }

    // `chat --system` keeps the app's limit (app::kMaxInstructionsLength, 10,000 characters): one more is a one-line
    // error before anything is loaded or written — no database made for a new chat, an existing chat's instructions
    // and saved states kept. Before session 47 any length was stored (the app's dialog then froze on it).
    void systemOverTheLimitIsRefused() {
        const QString db = tmp_.filePath("limit.sqlite");
        const std::string most(10000, 'a');
        const QString tooLong = QString::fromStdString(most) + QStringLiteral("é");
        const QStringList turn{"chat", "--db", db, "--model", tinyModel(), "--max-tokens", "4", "--seed", "5", "--json"};
        const Run refused = cli(turn + QStringList{"--system", tooLong, "--message", "Hello"});
        QCOMPARE(refused.code, 1);
        QVERIFY2(isPlainOneLineError(refused.err) &&
                     refused.err.contains("instructions hold at most 10000 characters, and these have 10001; nothing "
                                          "was written"),
                 refused.err.constData());
        QVERIFY(!QFile::exists(db));
        const auto t1 = chat(db, {"--message", "Hello", "--system", QString::fromStdString(most)});  // the limit: kept
        const QString conv = QString::number(t1["conversation_id"].get<qint64>());
        const Run again = cli(turn + QStringList{"--conversation", conv, "--system", tooLong, "--message", "Go on"});
        QCOMPARE(again.code, 1);
        QVERIFY2(isPlainOneLineError(again.err), again.err.constData());
        const Run md = cli({"export", "--db", db, "--conversation", conv});
        QVERIFY2(md.out.startsWith("# Hello\n\n> **System:** " + QByteArray::fromStdString(most) + "\n\n**User:** Hello\n\n"
                                   "**Assistant:** ") && md.out.count("**User:**") == 1,
                 md.out.left(200).constData());
        // Its saved state is still there: the next turn with the same instructions resumes from it.
        const Run same = cli(turn + QStringList{"--conversation", conv, "--system", QString::fromStdString(most),
                                                "--message", "Go on"});
        QVERIFY2(same.code == 0, same.err.constData());
        QCOMPARE(nlohmann::json::parse(same.out.toStdString())["stats"]["state_source"], "snapshot");
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

        // One damaged byte in the state (session 35's trial: the whole bundle was refused): the text comes in, the
        // state is left out and said so, and the next reply re-reads the conversation.
        QFile f(bundle);
        QVERIFY(f.open(QIODevice::ReadWrite));
        const QByteArray whole = f.readAll();
        const qsizetype jsonEnd = 32 + qsizetype(qFromLittleEndian<quint64>(whole.constData() + 16));
        QByteArray bytes = whole;
        bytes[jsonEnd + 100] = char(bytes[jsonEnd + 100] ^ 0x10);
        f.seek(0);
        f.write(bytes);
        f.flush();
        const Run stateless = cli({"import", "--db", tmp_.filePath("stateless.sqlite"), bundle});
        QVERIFY2(stateless.code == 0, stateless.err.constData());
        QVERIFY2(stateless.out.startsWith("imported conversation 1 (4 messages)\n") &&
                     stateless.out.contains("its saved state was damaged (the stored snapshot is damaged") &&
                     stateless.out.contains(") and was left out: its next reply re-reads the conversation\n") &&
                     !stateless.out.contains("its state belongs to"),
                 stateless.out.constData());
        QVERIFY2(stateless.err.isEmpty(), stateless.err.constData());
        const auto reread = chat(tmp_.filePath("stateless.sqlite"), {"--conversation", "1", "--message", "And then?"});
        QCOMPARE(reread["stats"]["state_source"], "reprefill");
        QCOMPARE(reread["reply"], next["reply"]);

        // The good file after its damaged copy came in (session 36's check: "already imported", "with_state": true,
        // and the library's copy still had no state): that copy gains the file's state, and continues from it.
        const QString regained = tmp_.filePath("regained.sqlite");
        QVERIFY(cli({"import", "--db", regained, bundle}).code == 0);
        const QString good = tmp_.filePath("good-again.rwkvchat");
        {
            QFile g(good);
            QVERIFY(g.open(QIODevice::WriteOnly) && g.write(whole) == whole.size());
        }
        const Run added = cli({"import", "--db", regained, good});
        QVERIFY2(added.code == 0 && added.out.startsWith("already imported: conversation 1 (") &&
                     added.out.endsWith("\") holds this file's 4 messages; it had no saved state, and this file's was "
                                        "added (pass --copy to import it again as a copy)\n"),
                 added.out.constData());
        const Run addedJson = cli({"import", "--db", regained, good, "--json"});
        QVERIFY2(addedJson.code == 0, addedJson.err.constData());
        const auto present2 = nlohmann::json::parse(addedJson.out.toStdString());
        QCOMPARE(present2["already_present"], true);
        QCOMPARE(present2["with_state"], true);
        QCOMPARE(present2["state_added"], false);  // added by the run before
        const auto resumed = chat(regained, {"--conversation", "1", "--message", "And then?"});
        QCOMPARE(resumed["stats"]["state_source"], "snapshot");
        QCOMPARE(resumed["reply"], next["reply"]);

        // A damaged byte in the text: a clear one-line error, and no database is even created.
        bytes = whole;
        bytes[jsonEnd - 100] = char(bytes[jsonEnd - 100] ^ 0x10);
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

    // A file that is neither a bundle nor a JSON export is named from its first bytes where they tell what it is
    // (rwkv::describe_foreign_file, the words the engine gives of a file given as a model, less what they say of a
    // model). Before session 45 (session 44's trial: a PNG) it said "neither … nor a JSON export" and no more.
    void importOfAForeignFileSaysWhatItIs() {
        const QString db = tmp_.filePath("foreign-import.sqlite");
        const QByteArray neither = "error: cannot import: this is neither an RWKV Desktop bundle (.rwkvchat) nor a JSON "
                                   "export";
        const QByteArray lfs = "version https://git-lfs.github.com/spec/v1\noid sha256:"
                               "4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 3000000000\n";
        for (const auto& [name, bytes, said] :
             {std::tuple{"photo.rwkvchat", QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), QByteArray(": it is a PNG picture")},
              std::tuple{"chat.json", lfs, QByteArray(": it is a Git LFS pointer")},
              std::tuple{"chat.html", QByteArray("<!DOCTYPE html><html><body>Sign in</body></html>"),
                         QByteArray(": it is a web page (HTML)")},
              std::tuple{"notes.txt", QByteArray("Hello,\nthese are my notes.\n"), QByteArray(": it is a text file")},
              std::tuple{"chat.json.gz", QByteArray("\x1f\x8b\x08\0\0\0\0\0", 8),
                         QByteArray(": it is a gzip-compressed file: unpack it first (gunzip)")},
              // Bytes that name nothing known: said as before.
              std::tuple{"noise.bin", QByteArray("\x01\x02\x03\xfe\xff", 5), QByteArray()}}) {
            QFile f(tmp_.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
            f.close();
            const Run r = cli({"import", "--db", db, f.fileName()});
            QCOMPARE(r.code, 1);
            QCOMPARE(r.err, neither + said + "; nothing was imported\n");
        }
        QVERIFY(!QFileInfo::exists(db));  // nothing was written
    }

    // A JSON file larger than any export can be (2^31 - 1 bytes: the most Qt's JSON reader takes) is refused by its
    // size, in the app's words (the same check: refuseIfLargerThanAnyExport), before it is read. Before, the whole file
    // was read, then "the JSON is damaged (illegal value)" (session 24's trial, F7: `printf '{' > big.json; truncate
    // -s 2G big.json`; 1 GB of address space here, so the read ends in "out of memory" instead).
    void importOfAFileLargerThanAnyExportIsRefusedUnread() {
        const QString db = tmp_.filePath("huge-import.sqlite");
        QFile big(tmp_.filePath("big.json"));
        QVERIFY(big.open(QIODevice::WriteOnly));
        big.write("{");
        QVERIFY(big.resize(qint64(2) << 30));  // sparse: takes no disk space
        big.close();
        QProcess p;
        p.setChildProcessModifier([] {
            rlimit oneGb{rlim_t(1) << 30, rlim_t(1) << 30};
            ::setrlimit(RLIMIT_AS, &oneGb);
        });
        p.start(RWKV_CLI_PATH, {"import", "--db", db, big.fileName()});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(QString::fromUtf8(p.readAllStandardError()),
                 QStringLiteral("error: cannot import: the file is 2.1 GB (2147483648 bytes), larger than any JSON "
                                "export can be (at most 2147483647 bytes); it was not read; nothing was imported\n"));
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(!QFileInfo::exists(db));  // nothing was written
    }

    // A bundle whose header gives a part larger than the whole file says that length as it is written: a JSON part of
    // 2^63 + 919 bytes was added to the header's and the hash's 64 and said as "its header says 9223372036854776791"
    // (session 54's trial). The 134-byte file: a header (RWKVCB01, version 1), "{}" and 100 zero bytes.
    void importOfBundleWithLengthsPastTheFileSaysThem() {
        const QString db = tmp_.filePath("lengths.sqlite");
        const auto write = [&](const QString& name, quint64 jsonBytes, quint64 stateBytes) {
            QByteArray header("RWKVCB01\x01\0\0\0\0\0\0\0", 16);
            header.resize(32);
            qToLittleEndian<quint64>(jsonBytes, header.data() + 16);
            qToLittleEndian<quint64>(stateBytes, header.data() + 24);
            QFile f(tmp_.filePath(name));
            if (!f.open(QIODevice::WriteOnly)) return QString();
            f.write(header + "{}" + QByteArray(100, '\0'));
            return f.fileName();
        };
        const QString json = write("json.rwkvchat", (quint64(1) << 63) + 919, 0);
        const QString state = write("state.rwkvchat", 2, ~quint64(0));
        const QString sum = write("sum.rwkvchat", 100, 100);  // each part fits, the two together do not
        for (const auto& [file, why] :
             {std::pair{json, QStringLiteral("the bundle is damaged or truncated: its header says its JSON part is "
                                             "9223372036854776727 bytes, more than the whole file (134 bytes)")},
              std::pair{state, QStringLiteral("the bundle is damaged or truncated: its header says its state part is "
                                              "18446744073709551615 bytes, more than the whole file (134 bytes)")},
              std::pair{sum, QStringLiteral("the bundle is truncated or has extra bytes (134 bytes, its header says "
                                            "264)")}}) {
            QVERIFY(!file.isEmpty());
            const Run r = cli({"import", "--db", db, file});
            QCOMPARE(r.code, 1);
            QCOMPARE(QString::fromUtf8(r.err), "error: cannot import: " + why + "; nothing was imported\n");
        }
        QVERIFY(!QFileInfo::exists(db));  // nothing was written
    }

    // A named pipe (FIFO) or a device given to import is refused at once: open() of a FIFO waits for a writer, and
    // import blocked until killed (session 23's trial, T10); /dev/zero was refused as "neither a bundle nor JSON".
    void importRefusesWhatIsNotARegularFile() {
        const QString db = tmp_.filePath("fifo.sqlite");
        const QString fifo = tmp_.filePath("x.rwkvchat");
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        for (const QString& file : {fifo, QStringLiteral("/dev/zero")}) {
            QProcess p;
            p.setProcessEnvironment(cliEnvironment());
            p.start(RWKV_CLI_PATH, {"import", "--db", db, file});
            const bool ended = p.waitForFinished(10000);
            if (!ended) {
                p.kill();
                p.waitForFinished();
            }
            QVERIFY2(ended, qPrintable(file + " blocked import"));
            QCOMPARE(p.exitCode(), 1);
            // Which it is (session 57's loose ends: "a named pipe, a device or a socket" for both)
            QCOMPARE(p.readAllStandardError(), "error: cannot import: " + file.toUtf8() + " is " +
                                                   (file == fifo ? "a named pipe (FIFO)" : "a character device") +
                                                   ", not a file stored on a disk; nothing was imported\n");
        }
        QVERIFY(!QFileInfo::exists(db));  // nothing was written
    }

    // A folder, a link to nothing and a link loop given to import: CLI11's "File is actually a directory" / "File
    // does not exist" (see rwkv-cli import --help) [usage]; and "(1 messages)" (session 24's trial, F6).
    void importNamesWhatIsNotAFile() {
        const QString db = tmp_.filePath("notafile.sqlite");
        const QString dir = tmp_.filePath("dir.rwkvchat");
        const QString dangling = tmp_.filePath("dangling.rwkvchat");
        const QString loop = tmp_.filePath("loop.rwkvchat");
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(QFile::link(tmp_.filePath("nowhere/x.rwkvchat"), dangling));
        QVERIFY(QFile::link(loop, loop));
        for (const auto& [file, why] : {std::pair{dir, dir + " is a folder, not a file"},
                                        std::pair{dangling, dangling + " is a link to " + tmp_.filePath("nowhere/x.rwkvchat") +
                                                                ", which does not exist"},
                                        std::pair{loop, loop + " is a link that leads back to itself (too many levels "
                                                               "of symbolic links)"},
                                        std::pair{tmp_.filePath("missing.json"), tmp_.filePath("missing.json") +
                                                                                     " does not exist"}}) {
            const Run r = cli({"import", "--db", db, file});
            QCOMPARE(r.code, 1);
            QCOMPARE(QString::fromUtf8(r.err), "error: cannot import: " + why + "; nothing was imported\n");
        }
        QVERIFY(!QFileInfo::exists(db));  // nothing was written
        // One message: "1 message".
        const QString json = tmp_.filePath("one.json");
        QVERIFY(writeOneQuestionExport(json));
        const Run one = cli({"import", "--db", db, json});
        QVERIFY2(one.code == 0 && one.out.startsWith("imported conversation 1 (1 message)\n"), one.out + one.err);
    }

    // A bad --db, the same words from every command that takes one (session 25's trial, N3: export, conversations
    // list and upgrade said CLI11's "File is actually a directory" / "File does not exist" [usage]): a folder, as
    // chat's and import's not_a_directory; a link to nothing, store::databaseFileProblem's sentence (chat and import
    // reach it through the store); no file, or no folder either, for the commands that open an existing database.
    void everyCommandNamesABadDb() {
        const QString dir = tmp_.filePath("baddb/folder.sqlite");
        const QString dangling = tmp_.filePath("baddb/dangling.sqlite");
        const QString nowhere = tmp_.filePath("baddb/nowhere/x.sqlite");
        const QString missing = tmp_.filePath("baddb/missing.sqlite");
        const QString noFolder = tmp_.filePath("baddb/nofolder/c.sqlite");
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(QFile::link(nowhere, dangling));
        const QString json = tmp_.filePath("baddb/one.json");
        QVERIFY(writeOneQuestionExport(json));
        const QString tiny = QString::fromStdString(testdata("tiny-rwkv-7v0-834K-FP16.bin"));
        const auto command = [&](const QString& name, const QString& db) -> QStringList {
            if (name == "export") return {"export", "--db", db, "--conversation", "1"};
            if (name == "conversations list") return {"conversations", "list", "--db", db};
            if (name == "conversations upgrade") return {"conversations", "upgrade", "--db", db};
            if (name == "chat") return {"chat", "--db", db, "--model", tiny, "--message", "hi", "--max-tokens", "1"};
            return {"import", "--db", db, json};
        };
        for (const QString name : {"export", "conversations list", "conversations upgrade", "chat", "import"}) {
            const Run folder = cli(command(name, dir));
            QCOMPARE(folder.code, 1);
            QCOMPARE(QString::fromUtf8(folder.err), "error: --db: '" + dir + "' is a directory, not a file: give a file "
                                                    "such as " + dir + "/conversations.sqlite (see rwkv-cli " + name +
                                                    " --help) [usage]\n");
            const Run link = cli(command(name, dangling));
            QCOMPARE(link.code, 1);
            QCOMPARE(QString::fromUtf8(link.err), "error: The conversation database " + dangling + " is a link to " +
                                                      nowhere + ", which does not exist: remove the link, or point it "
                                                      "at a database file.\n");
            if (name == "chat" || name == "import") continue;  // these two create a missing database
            const Run none = cli(command(name, missing));
            QCOMPARE(none.code, 1);
            QCOMPARE(QString::fromUtf8(none.err), "error: The conversation database " + missing + " does not exist. "
                                                  "`rwkv-cli " + name + "` opens an existing database; rwkv-cli chat "
                                                  "and import create one.\n");
            const Run noDir = cli(command(name, noFolder));
            QCOMPARE(noDir.code, 1);
            QCOMPARE(QString::fromUtf8(noDir.err), "error: The conversation database " + noFolder + " does not exist "
                                                   "(nor does its folder " + tmp_.filePath("baddb/nofolder") + "). "
                                                   "`rwkv-cli " + name + "` opens an existing database; rwkv-cli chat "
                                                   "and import create one.\n");
        }
        QVERIFY(!QFileInfo::exists(missing) && !QFileInfo::exists(tmp_.filePath("baddb/nofolder")));  // nothing made
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
        nlohmann::json chain = good, frac = good, huge = good, none = good;
        none["messages"] = nlohmann::json::array();  // session 23's trial, T9: imported as an empty conversation
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
                                   "imported\n"},
                              Case{"no messages", none,
                                   "error: cannot import: the conversation holds no messages; nothing was "
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

    // --out names why it cannot be written (session 20's new-user trial, F13): /proc/version said "No such file or
    // directory" (it exists; QSaveFile's temporary file could not be made in /proc), /dev/full "cannot be read
    // (Unknown error)" and /dev/null was refused the same way. A device is written directly now: /dev/null takes the
    // export, /dev/full says the disk is full; a file whose folder takes no new file says so, as a user without the
    // right "Permission denied".
    void exportOutNamesTheRealReason() {
        const QString db = tmp_.filePath("out-reasons.sqlite");
        QVERIFY(!chat(db, {"--message", "Hello"}).empty());
        const QStringList base{"export", "--db", db, "--conversation", "1", "--out"};
        const Run null = cli(base + QStringList{"/dev/null"});
        QVERIFY2(null.code == 0 && null.err.startsWith("[conversation 1 -> /dev/null, "), null.err.constData());
        const Run full = cli(base + QStringList{"/dev/full"});
        QCOMPARE(full.code, 1);
        QVERIFY2(full.err.startsWith("error: cannot write /dev/full: the disk is full") &&
                     full.err.endsWith("(nothing was written)\n") && full.err.count('\n') == 1,
                 full.err.constData());
        const Run proc = cli(base + QStringList{"/proc/version"});
        QCOMPARE(proc.code, 1);
        QVERIFY2(proc.err.startsWith("error: cannot write /proc/version: ") &&
                     !proc.err.contains("No such file or directory") && proc.err.count('\n') == 1,
                 proc.err.constData());
        const Run missing = cli(base + QStringList{tmp_.filePath("no-folder/x.md")});
        QCOMPARE(missing.code, 1);
        QVERIFY2(missing.err.contains(": its folder " + tmp_.filePath("no-folder").toUtf8() + " does not exist"),
                 missing.err.constData());
        // A name longer than a file name may be (100 Chinese characters, ".md": 303 bytes) is said as such: before,
        // "the disk is full or the file cannot grow (… bytes needed)" (session 30's trial, A5: QSaveFile opens its
        // temporary file without a name, O_TMPFILE, and fails only when commit() gives it the name).
        const QString tooLong = tmp_.filePath(QString(100, QChar(0x957F)) + ".md");
        const Run longName = cli(base + QStringList{tooLong});
        QCOMPARE(longName.code, 1);
        QCOMPARE(longName.err, "error: cannot write " + tooLong.toUtf8() + ": File name too long (nothing was written)\n");
        QVERIFY(!QFileInfo::exists(tooLong));
        // As a user (root may open /proc/version for writing): the database readable by all in a folder all may enter.
        if (cliWithoutRoot({"--version"}).code != 0)
            QSKIP("rwkv-cli cannot run as a user without write access here (as root: setpriv to nobody failed)");
        QTemporaryDir open;
        const QString shared = open.filePath("shared.sqlite");
        QVERIFY(QFile::copy(db, shared));
        const auto all = QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther | QFile::ExeOwner | QFile::ExeGroup |
                         QFile::ExeOther;
        QVERIFY(QFile::setPermissions(open.path(), all | QFile::WriteOwner));
        QVERIFY(QFile::setPermissions(shared, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
        const Run user = cliWithoutRoot({"export", "--db", shared, "--conversation", "1", "--out", "/proc/version"});
        QCOMPARE(user.code, 1);
        QVERIFY2(user.err.endsWith("error: cannot write /proc/version: Permission denied (nothing was written)\n"),
                 user.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliExport)
#include "test_cli_export.moc"
