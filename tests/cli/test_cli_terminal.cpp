// rwkv-cli's lines on a terminal, run as a user would (QProcess): a path or a name from outside in an error or a
// message is written by terminal_line's rule (app/cli/terminal_text.h: a control or bidi character as an escape, the
// line kept one line), `conversations list` writes its MODEL and TITLE columns by that same rule, and `chat`'s notes
// on stderr start on a line of their own after a reply. Helpers: cli_run.h.
#include "cli_run.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#ifdef RWKV_CLI_TEST_STORE
#include "store/conversation_store.h"
#endif

using namespace cli_test;

namespace {

/// ESC ] 0 ; … BEL retitles a terminal, ESC [ 2 J clears it, U+202E turns the rest of the line around.
const QString kNasty = QStringLiteral("a\x1b]0;x\x07\u202e" "b\x1b[2J");
/// kNasty as terminal_line writes it.
const QByteArray kNastyShown = "a\\u001b]0;x\\u0007\\u202eb\\u001b[2J";

/// Whether `bytes` hold none of kNasty's raw characters.
bool noRawControls(const QByteArray& bytes) {
    return !bytes.contains('\x1b') && !bytes.contains('\x07') && !bytes.contains(QStringLiteral("\u202e").toUtf8());
}

/// rwkv-cli with stderr written into stdout as a terminal shows both: in the order they were written.
QByteArray merged(const QStringList& args, int* code) {
    QProcess p;
    p.setProcessEnvironment(cliEnvironment());
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(RWKV_CLI_PATH, args);
    p.waitForFinished(120000);
    *code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return p.readAllStandardOutput();
}

}  // namespace

class TestCliTerminal : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;

private slots:
    // A path given on the command line came back raw in the error line: `generate --model` with ESC sequences or
    // U+202E in it retitled, cleared or turned the terminal's line around (session 40's brief). Every command's error
    // line writes it by terminal_line's rule now, and stays one line with a line break in the path.
    void aPathInAnErrorNeverDrivesTheTerminal_data() {
        QTest::addColumn<QStringList>("args");
        const QString missing = tmp_.filePath(kNasty + ".pth");
        const QString broken = tmp_.filePath("line\nbreak" + kNasty + ".pth");
        QTest::newRow("generate --model") << QStringList{"generate", "--model", missing, "--prompt", "Hi"};
        QTest::newRow("generate, a line break") << QStringList{"generate", "--model", broken, "--prompt", "Hi"};
        QTest::newRow("info") << QStringList{"info", missing};
        QTest::newRow("eval --model") << QStringList{"eval", "--model", missing, "--tokens", "1", "--logits-out",
                                                     tmp_.filePath("logits.f32")};
        QTest::newRow("eval --logits-out")
            << QStringList{"eval", "--model", tinyModel(), "--tokens", "1", "--logits-out", tmp_.filePath(kNasty + "/")};
        QTest::newRow("tokenize --vocab") << QStringList{"tokenize", "--vocab", missing, "--text", "Hi"};
        QTest::newRow("unknown option") << QStringList{"info", "--" + kNasty};
        QTest::newRow("unknown command") << QStringList{kNasty};
#ifdef RWKV_CLI_TEST_STORE
        QTest::newRow("chat --model") << QStringList{"chat", "--db", tmp_.filePath("c.sqlite"), "--model", missing,
                                                     "--message", "Hi"};
        QTest::newRow("export --db") << QStringList{"export", "--db", tmp_.filePath(kNasty + ".sqlite"),
                                                    "--conversation", "1"};
        QTest::newRow("conversations list --db")
            << QStringList{"conversations", "list", "--db", tmp_.filePath(kNasty + ".sqlite")};
        QTest::newRow("import") << QStringList{"import", "--db", tmp_.filePath("c.sqlite"), missing};
#endif
    }
    void aPathInAnErrorNeverDrivesTheTerminal() {
        QFETCH(QStringList, args);
        const Run r = cli(args);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.startsWith("error: ") && r.err.count('\n') == 1 && r.err.endsWith('\n'), r.err.constData());
        QVERIFY2(noRawControls(r.err) && r.err.contains(kNastyShown), r.err.constData());
        QVERIFY2(!r.err.contains('\r') && r.err.count('\n') == 1, r.err.constData());
        if (QString(QTest::currentDataTag()).contains("line break"))
            QVERIFY2(r.err.contains("line\\nbreak"), r.err.constData());
    }

#ifdef RWKV_CLI_TEST_STORE
    // The lines that name a file on success: `conversations list` of an empty database, `export --out`, `chat` with
    // `generate`'s summary line naming the model file.
    void aPathInAMessageNeverDrivesTheTerminal() {
        QDir(tmp_.path()).mkdir("msg");
        const QString db = tmp_.filePath("msg/" + kNasty + ".sqlite");
        { rwkv::store::ConversationStore store(db); }  // an empty database
        const Run empty = cli({"conversations", "list", "--db", db});
        QVERIFY2(empty.code == 0 && noRawControls(empty.out) && empty.out.contains("no conversations in ") &&
                     empty.out.contains(kNastyShown + ".sqlite\n"),
                 empty.out.constData());
        const QString model = tmp_.filePath("msg/" + kNasty + ".pth");
        QVERIFY(QFile::copy(tinyModel(), model));
        const Run gen = cli({"generate", "--model", model, "--prompt", "Hi", "--max-tokens", "2"});
        QVERIFY2(gen.code == 0 && noRawControls(gen.err) && gen.err.startsWith("[" + kNastyShown + ".pth: "),
                 gen.err.constData());
        const nlohmann::json t = chat(db, {"--message", "Hello"});
        QVERIFY(!t.empty());
        const QString out = tmp_.filePath("msg/" + kNasty + ".md");
        const Run ex = cli({"export", "--db", db, "--conversation", QString::number(t["conversation_id"].get<qint64>()),
                            "--out", out});
        QVERIFY2(ex.code == 0 && noRawControls(ex.err) && ex.err.contains(" -> " + QDir(tmp_.path()).filePath("msg/").toUtf8() + kNastyShown + ".md, "),
                 ex.err.constData());
    }

    // The MODEL column wrote a model file name's U+202E as "\u202e" (models::oneLine) while the TITLE column left a
    // title's out and made its ESC a space (shownTitle): two rules in one row, and two titles differing only there
    // read the same. Both columns, and import's "already imported" line, now write by terminal_line's rule.
    void modelAndTitleColumnsShowTheSameEscapes() {
        QDir(tmp_.path()).mkdir("cols");
        const QString db = tmp_.filePath("cols/c.sqlite");
        const QString model = tmp_.filePath("cols/" + kNasty + ".pth");
        QVERIFY(QFile::copy(tinyModel(), model));
        const Run r = cli({"chat", "--db", db, "--model", model, "--message", "Hi", "--max-tokens", "2", "--json"});
        QVERIFY2(r.code == 0, r.err.constData());
        const qint64 id = nlohmann::json::parse(r.out.toStdString())["conversation_id"].get<qint64>();
        const QString title = kNasty + QStringLiteral(" \u2067x\u2069\tline\nnext \U0001F469\u200D\U0001F4BB");
        rwkv::store::ConversationStore(db).renameConversation(id, title);
        const Run table = cli({"conversations", "list", "--db", db});
        QVERIFY2(table.code == 0 && noRawControls(table.out), table.out.constData());
        QCOMPARE(table.out.count('\n'), 2);  // header + 1 row
        const QByteArray model_cell = kNastyShown + ".pth";
        const QByteArray title_cell = kNastyShown + QStringLiteral(" \\u2067x\\u2069\\tline\\nnext \U0001F469\u200D\U0001F4BB")
                                                        .toUtf8();  // the emoji's U+200D (ZWJ) kept
        QVERIFY2(table.out.endsWith("  " + model_cell + "  " + title_cell + "\n"), table.out.constData());
        const Run js = cli({"conversations", "list", "--db", db, "--json"});  // exact
        QCOMPARE(nlohmann::json::parse(js.out.toStdString())[0]["title"].get<std::string>(), title.toStdString());
        QCOMPARE(nlohmann::json::parse(js.out.toStdString())[0]["model"].get<std::string>(),
                 (kNasty + ".pth").toStdString());

        const QString bundle = tmp_.filePath("cols/c.rwkvchat");
        QVERIFY(cli({"export", "--db", db, "--conversation", QString::number(id), "--format", "bundle", "--out", bundle})
                    .code == 0);
        const Run again = cli({"import", "--db", db, bundle});
        QVERIFY2(again.code == 0 && noRawControls(again.out), again.out.constData());
        QVERIFY2(again.out.startsWith("already imported: conversation " + QByteArray::number(id) + " (\"" + title_cell +
                                      "\")"),
                 again.out.constData());
    }

    // `chat`'s reply has no final line break; a note on stderr after it ("[not resumed from a saved state: …;
    // --dtype fp16 resumes it]") was written before the reply's line ended, so on a terminal it was glued to the
    // reply's last word. The reply's line ends first now.
    void aNoteAfterTheReplyStartsOnItsOwnLine() {
        const QString db = tmp_.filePath("hint.sqlite");
        const nlohmann::json t1 = chat(db, {"--message", "Hello", "--dtype", "fp16"});
        QCOMPARE(t1["stats"]["state_saved"], true);
        int code = -1;
        const QByteArray out =
            merged({"chat", "--db", db, "--model", tinyModel(), "--max-tokens", "6", "--seed", "5", "--temperature", "1",
                    "--top-p", "1", "--conversation", QString::number(t1["conversation_id"].get<qint64>()),
                    "--message", "Again", "--dtype", "int8"},  // re-reads: its state is fp16's
                   &code);
        QCOMPARE(code, 0);
        const qsizetype note = out.indexOf("[not resumed from a saved state: ");
        QVERIFY2(note > 0 && out.contains("; --dtype fp16 resumes it]\n"), out.constData());
        QVERIFY2(out.at(note - 1) == '\n', out.constData());
        // The line before the note is the reply, with text that did not end in a line break (what glued the note).
        const QList<QByteArray> lines = out.left(note - 1).split('\n');
        QVERIFY2(!lines.isEmpty() && !lines.last().isEmpty() && !lines.last().startsWith('['), out.constData());
        const qint64 replyId = rwkv::store::ConversationStore(db).messages(t1["conversation_id"].get<qint64>()).last().id;
        const QString reply = rwkv::store::ConversationStore(db).message(replyId)->text;
        QVERIFY2(!reply.isEmpty() && !reply.endsWith('\n'), qPrintable(reply));
    }
#endif
};

QTEST_GUILESS_MAIN(TestCliTerminal)
#include "test_cli_terminal.moc"
