// rwkv-cli's lines on a terminal, run as a user would (QProcess): a path or a name from outside in an error or a
// message is written by terminal_line's rule (app/cli/terminal_text.h: a control or bidi character as an escape, the
// line kept one line), `conversations list` writes its MODEL and TITLE columns by that same rule, padded and cut by
// terminal cells (a title's controls and bidi characters, long, CJK and emoji names: split from
// test_cli_conversations.cpp), and `chat`'s notes on stderr start on a line of their own after a reply. Helpers:
// cli_run.h.
#include "cli_run.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <utility>

#ifdef RWKV_CLI_TEST_STORE
#include "store/conversation_store.h"
#include "store/database.h"
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

    // An imported bundle can set any title: a newline, tab or ESC in it broke the `conversations list` row and the
    // Markdown heading, and the escape code reached the terminal raw (new-user trial, session 10). Both show one line:
    // the row with each control character as an escape (terminal_line, as the MODEL column: session 40), the heading
    // with a space for each; the JSON keeps the exact title.
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
        QVERIFY2(table.out.endsWith("  Line one\\nline\\ttwo \\u001b[31mred\\u001b[0m\\r\n"), table.out.constData());
        const Run md = cli({"export", "--db", db, "--conversation", QString::number(id), "--format", "md"});
        QVERIFY2(md.code == 0, md.err.constData());
        QVERIFY2(md.out.startsWith("# Line one line two [31mred [0m\n\n"), md.out.constData());
        QVERIFY(!md.out.contains('\x1b'));
        const Run js = cli({"conversations", "list", "--db", db, "--json"});
        QCOMPARE(nlohmann::json::parse(js.out.toStdString())[0]["title"].get<std::string>(), title.toStdString());
#endif
    }

    // A title's bidi controls (U+202E RIGHT-TO-LEFT OVERRIDE turned the rest of the row around, U+2066…U+2069, U+202A…)
    // never reach the terminal: the table shows each as an escape ("\u202e", terminal_line's rule, as its MODEL column
    // since session 40; before, left out as the app's sidebar does), and so does the "already imported" line. Before
    // (session 39's trial) `conversations list` printed them raw. The JSON keeps the exact title.
    void bidiControlsInATitleNeverReachTheTerminal() {
#ifndef RWKV_CLI_TEST_STORE
        QSKIP("built without the app's store");
#else
        const QString db = tmp_.filePath("bidi-title.sqlite");
        const nlohmann::json t = chat(db, {"--message", "Hello"});
        QVERIFY(!t.empty());
        const qint64 id = t["conversation_id"].get<qint64>();
        const QString title = QStringLiteral("\u202eRTL override\u202c \u2067x\u2069 \u202Ay\u200F\x1b[2J \u009b");
        rwkv::store::ConversationStore(db).renameConversation(id, title);
        const Run table = cli({"conversations", "list", "--db", db});
        QVERIFY2(table.code == 0, table.err.constData());
        QCOMPARE(table.out.count('\n'), 2);  // header + 1 row
        for (const char* raw : {"\u202e", "\u202c", "\u2067", "\u2069", "\u202a", "\x1b", "\u009b"})
            QVERIFY2(!table.out.contains(QString::fromUtf8(raw).toUtf8()), table.out.constData());
        const QString shown = QStringLiteral("\\u202eRTL override\\u202c \\u2067x\\u2069 \\u202ay\u200F\\u001b[2J \\u009b");
        QVERIFY2(table.out.endsWith(("  " + shown + "\n").toUtf8()), table.out.constData());
        const Run js = cli({"conversations", "list", "--db", db, "--json"});
        QCOMPARE(nlohmann::json::parse(js.out.toStdString())[0]["title"].get<std::string>(), title.toStdString());

        const QString bundle = tmp_.filePath("bidi-title.rwkvchat");
        QVERIFY(cli({"export", "--db", db, "--conversation", QString::number(id), "--format", "bundle", "--out", bundle})
                    .code == 0);
        const Run again = cli({"import", "--db", db, bundle});
        QVERIFY2(again.code == 0, again.err.constData());
        QVERIFY2(again.out.startsWith(
                     QStringLiteral("already imported: conversation %1 (\"%2\")").arg(id).arg(shown).toUtf8()),
                 again.out.constData());
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

    // Session 40's check: the MODEL column was padded and cut in code points, so a CJK or emoji model name (two
    // terminal cells a character) pushed its row's TITLE right of the others, and a long name was cut inside an
    // escape ("…\u20…"). Padded and cut by terminal cells (terminal_cells.h), at a whole escape or character as drawn.
    void conversationsListPadsByTerminalCells() {
#ifndef RWKV_CLI_TEST_STORE
        QSKIP("built without the app's store");
#else
        const QString db = tmp_.filePath("cells.sqlite");
        const QString cjk = QStringLiteral("模型-中文.pth");                                    // 7 + 2 * 4 = 11 cells
        const QString emoji = QStringLiteral("\U0001F468\u200D\U0001F469\u200D\U0001F467 rwkv.pth");  // 2 + 9 cells
        const QString cut = QStringLiteral("rwkv7-g1-2.9b-20250519-ctx4096-abcde\u202Eq.pth");  // its escape at 36
        const QList<std::pair<QString, QString>> rows{
            {QStringLiteral("ASCII"), QStringLiteral("plain.pth")}, {QStringLiteral("标题 中文"), cjk},
            {QStringLiteral("\U0001F469\u200D\U0001F4BB coder"), emoji}, {QStringLiteral("Cut"), cut}};
        {
            rwkv::store::ConversationStore store(db);
            for (const auto& [title, model] : rows) store.createConversation(title);
        }
        {
            rwkv::store::Database sql(db);
            qint64 id = 1;
            for (const auto& row : rows) {
                auto s = sql.cached("UPDATE conversations SET model_name = ?1 WHERE id = ?2");
                s->bindText(1, row.second);
                s->bindInt64(2, id++);
                s->step();
            }
        }
        const Run table = cli({"conversations", "list", "--db", db});
        QVERIFY2(table.code == 0, table.err.constData());
        const QStringList lines = QString::fromUtf8(table.out).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 5);
        // Each row's cells up to its TITLE: as many terminal cells as the heading's (CJK and emoji count two).
        const auto cellsBefore = [](const QString& line, const QString& title) {
            const QString head = line.left(line.lastIndexOf(title));
            qsizetype cells = 0;
            for (const QChar c : head) cells += c.isLowSurrogate() || c.unicode() == 0x200D ? 0
                                                : (c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF) || c.isHighSurrogate() ? 2 : 1;
            return cells;
        };
        const qsizetype titleAt = lines[0].indexOf(QStringLiteral("TITLE"));
        const auto line = [&lines](const QString& title) {
            for (const QString& l : lines)
                if (l.endsWith(QStringLiteral("  ") + title)) return l;
            return QString();
        };
        for (const auto& row : rows) {
            QVERIFY2(!line(row.first).isEmpty(), qPrintable(row.first));
            QVERIFY2(cellsBefore(line(row.first), row.first) == titleAt, qPrintable(line(row.first)));  // before: less
        }
        // 36 characters, "…" and 3 spaces to 40; before: "…abcde\\u2…", the escape cut after 3 of its 6.
        QVERIFY2(line(QStringLiteral("Cut")).contains(QStringLiteral("ctx4096-abcde\u2026     Cut")),
                 qPrintable(line(QStringLiteral("Cut"))));
        QVERIFY2(line(rows[2].first).contains(QStringLiteral("  ") + emoji + QStringLiteral(" ")), qPrintable(line(rows[2].first)));
        QVERIFY2(line(rows[1].first).contains(QStringLiteral("  ") + cjk + QStringLiteral(" ")), qPrintable(line(rows[1].first)));
#endif
    }
};

QTEST_GUILESS_MAIN(TestCliTerminal)
#include "test_cli_terminal.moc"
