// test_long_reply_e2e.cpp — a conversation with one very long reply (200 KB and 2 MB of Markdown prose and code, as
// a pasted log or a long program gets) or a very long question (a pasted 200 KB log) opens in the real rwkv-desktop
// window (under Xvfb, see desktop_process.h) at the reply's end, with that end laid out, and Copy under the long
// message puts it on the clipboard exactly. A message is drawn in pieces of at most 4,096 characters made as they come
// near the view (app/gui/qml/ReplyContent.qml, app/core/message_segments.h splitPieces); before session 17 it was one
// text item: 2-3 s of CPU to open 200 KB, ~30 s wall for 2 MB on this box. The --keys test hook clicks the reply's last
// piece (Click:replyEnd-ID: fails when no such item is in view) and a Copy, then prints "clipboard: TEXT" and
// "newest message in view: yes|no".
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <optional>
#include <utility>

#include "desktop_process.h"
#include "long_conversation.h"
#include "store/conversation_store.h"

class TestLongReplyE2e : public QObject {
    Q_OBJECT

private slots:
    void longReplyOpensAtItsEndAndCopies_data();
    void longReplyOpensAtItsEndAndCopies();
    void scrollingUpIntoALongReplyShowsItsText();
    void longPasteIsHeldBesideTheBox();
    void middleClickAndEditHoldALongText();
    void typedTextComesBackInTheBoxBesideAHeldPaste();
    void messageNotSentComesBackPartedAsItWasTyped();
    void leftOutNoteLeavesThePastedTextReadable();
    void longQuestionStaysInViewAfterSwitching();
    void sentLongPasteStaysInView();
    void searchHitInALongMessageOpensAtTheWords();
    void searchHitInCodeOrReasoningOpensAtTheWords();
};

namespace {

/// A reply of about `size` characters: Markdown paragraphs and lists, then one code block of log lines that is most
/// of it, then a closing paragraph.
QString longReply(qsizetype size) {
    QString text = QStringLiteral("Here is what the log says, **step by step**.\n\n");
    for (int i = 0; text.size() < size / 4; ++i)
        text += QStringLiteral("Paragraph %1: the worker read batch %1 and wrote `state_%1.bin`; see [the notes](https://example.org/%1).\n\n"
                               "- first item of list %1\n- second item of list %1\n\n")
                    .arg(i);
    text += QStringLiteral("```log\n");
    for (int i = 0; text.size() < size - 200; ++i)
        text += QStringLiteral("2026-12-01 12:%1:%2 INFO worker[%3] processed batch %4 in %5 ms\n")
                    .arg(i / 60 % 60, 2, 10, QChar(u'0'))
                    .arg(i % 60, 2, 10, QChar(u'0'))
                    .arg(i % 8)
                    .arg(i)
                    .arg(i * 37 % 1000);
    text += QStringLiteral("```\n\nThat was the whole log: every batch finished. The end.");
    return text;
}

/// A pasted log of about `size` characters (plain lines).
QString pastedLog(qsizetype size) {
    QString text;
    for (int i = 0; text.size() < size; ++i)
        text += QStringLiteral("[%1] kernel: usb 1-%2: new device found, idVendor=%3\n").arg(i * 0.013, 0, 'f', 3).arg(i % 9).arg(i * 7 % 9999, 4, 10, QChar(u'0'));
    return text + QStringLiteral("What went wrong here?");
}

/// The trial's paste (session 20, F7): 3,000 numbered log lines with a few CJK characters, 211 K characters.
QString trialPaste() {
    QString text;
    for (int i = 0; i < 3000; ++i)
        text += QStringLiteral("%1 日志行 log line with some text: ERROR something failed at module %2\n")
                    .arg(i, 5, 10, QChar(u'0'))
                    .arg(i % 17);
    return text + QStringLiteral("\nsummarise this log");
}

/// The hook's "message rows" line: the view's top and foot and the top and foot of each row the list has placed, in
/// the list's content coordinates.
struct PlacedRows {
    double top = 0, foot = 0;
    QMap<int, QPair<double, double>> rows;
};
PlacedRows placedRows(const QString& line) {
    PlacedRows r;
    const QStringList parts = line.split(u';');
    const QStringList view = parts.value(0).section(u' ', 1).split(QStringLiteral(".."));
    r.top = view.value(0).toDouble();
    r.foot = view.value(1).toDouble();
    for (const QString& row : parts.value(1).split(u' ', Qt::SkipEmptyParts)) {
        const QStringList span = row.section(u':', 1).split(QStringLiteral(".."));
        r.rows.insert(row.section(u':', 0, 0).toInt(), {span.value(0).toDouble(), span.value(1).toDouble()});
    }
    return r;
}

/// Whether message `question`'s foot (its last line and its Edit/Copy row) and the whole of the newest message
/// `question + 1` right below it are in the view: '' if so, else what is wrong.
QString questionAndNewestInView(const QString& line, int question) {
    const PlacedRows r = placedRows(line);
    const int newest = question + 1;
    if (!r.rows.contains(question) || !r.rows.contains(newest))
        return QStringLiteral("rows %1 and %2 are not both made: %3").arg(question).arg(newest).arg(line);
    const auto [qTop, qFoot] = r.rows.value(question);
    const auto [nTop, nFoot] = r.rows.value(newest);
    Q_UNUSED(qTop);
    if (nTop - qFoot < 0 || nTop - qFoot > 40)  // the list's spacing between them, not a gap
        return QStringLiteral("%1 px between rows %2 and %3: %4").arg(nTop - qFoot).arg(question).arg(newest).arg(line);
    if (qFoot < r.top || nFoot > r.foot + 1)
        return QStringLiteral("not both in view: %1").arg(line);
    return {};
}

// The text of the newest user message of conversation `id` in the database at `dbPath`, or none.
std::optional<QString> lastUserText(const QString& dbPath, qint64 id) {
    rwkv::store::ConversationStore store(dbPath);
    const QList<rwkv::store::Message> all = store.allMessages(id);
    const auto sent = std::find_if(all.crbegin(), all.crend(),
                                   [](const rwkv::store::Message& m) { return m.role == rwkv::store::Role::User; });
    if (sent == all.crend()) return std::nullopt;
    return sent->text;
}

}  // namespace

void TestLongReplyE2e::longReplyOpensAtItsEndAndCopies_data() {
    QTest::addColumn<QString>("question");
    QTest::addColumn<QString>("reply");
    QTest::addColumn<bool>("copyQuestion");  // else the reply
    const QString shortQuestion = QStringLiteral("What does this log say?");
    QTest::newRow("200 KB reply") << shortQuestion << longReply(200'000) << false;
    QTest::newRow("2 MB reply") << shortQuestion << longReply(2'000'000) << false;
    QTest::newRow("200 KB question") << pastedLog(200'000) << QStringLiteral("It is a *log*.") << true;
}

// The conversation opened (--select) shows the reply's foot in view with its last piece made, and Copy under the
// long message gives its exact text. The time to the saved window is printed (no assertion on it: the box may be
// loaded).
void TestLongReplyE2e::longReplyOpensAtItsEndAndCopies() {
    QFETCH(QString, question);
    QFETCH(QString, reply);
    QFETCH(bool, copyQuestion);
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    qint64 id = 0, questionId = 0, replyId = 0;
    {
        rwkv::store::ConversationStore store(QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite")));
        id = store.createConversation(QStringLiteral("Long log"));
        questionId = store.addMessage(id, 0, rwkv::store::Role::User, question);
        replyId = store.addMessage(id, questionId, rwkv::store::Role::Assistant, reply);
    }
    QElapsedTimer clock;
    clock.start();
    const rwkv::e2e::DesktopRun r = rwkv::e2e::runDesktop(
        {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(id), QStringLiteral("--keys"),
         QStringLiteral("Click:replyEnd-%1,Click:copyButton-%2").arg(replyId).arg(copyQuestion ? questionId : replyId),
         QStringLiteral("--screenshot"),
         dir.filePath(QStringLiteral("long.png"))},
        240000, false, config.path());
    qInfo("%s: the window saved %.1f s after start", QTest::currentDataTag(), double(clock.elapsed()) / 1000);
    QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out.left(2000), r.err)));
    QCOMPARE(rwkv::e2e::hookLine(r.out, QStringLiteral("newest message in view")), QStringLiteral("yes"));
    // the long message fills the view
    QCOMPARE(rwkv::e2e::hookLine(r.out, QStringLiteral("top message in view")), copyQuestion ? QStringLiteral("0") : QStringLiteral("1"));
    const QString clipboard = rwkv::e2e::hookLine(r.out, QStringLiteral("clipboard"));
    const QString expected = QString(copyQuestion ? question : reply).replace(u'\n', QStringLiteral("\\n"));
    QVERIFY2(clipboard == expected, qPrintable(QStringLiteral("clipboard: %1 characters, %2 expected; it ends '%3'")
                                                  .arg(clipboard.size())
                                                  .arg(expected.size())
                                                  .arg(clipboard.right(80))));
    if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))  // to look at (docs/testing.md)
        QFile::copy(dir.filePath(QStringLiteral("long.png")),
                    QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR")).filePath(QStringLiteral("long-%1.png").arg(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-'))));
}

// A 2 MB reply followed by six short turns, opened at its end: 30 notches of the wheel up bring the view into the
// long reply (made then, not at the open), and what is in view there is its text, not an empty bubble — dark text
// pixels in the saved window's message area. A first form of the pieces waited for the view to hold still with a QML
// Timer, which never fired when the reply's delegate was made during the wheel's scroll: 0 text pixels.
void TestLongReplyE2e::scrollingUpIntoALongReplyShowsItsText() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    qint64 id = 0;
    {
        rwkv::store::ConversationStore store(QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite")));
        id = store.createConversation(QStringLiteral("After a long one"));
        qint64 parent = store.addMessage(id, 0, rwkv::store::Role::User, QStringLiteral("What does this log say?"));
        parent = store.addMessage(id, parent, rwkv::store::Role::Assistant, longReply(2'000'000));
        for (int turn = 1; turn <= 6; ++turn) {
            parent = store.addMessage(id, parent, rwkv::store::Role::User, QStringLiteral("Question %1").arg(turn));
            parent = store.addMessage(id, parent, rwkv::store::Role::Assistant, QStringLiteral("Answer %1").arg(turn));
        }
    }
    QStringList wheel;
    for (int i = 0; i < 30; ++i) wheel << QStringLiteral("WheelUp");
    const QString shot = dir.filePath(QStringLiteral("scrolled.png"));
    const rwkv::e2e::DesktopRun r = rwkv::e2e::runDesktop(
        {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(id), QStringLiteral("--keys"),
         wheel.join(u','), QStringLiteral("--screenshot"), shot},
        240000, false, config.path());
    QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out.left(2000), r.err)));
    QCOMPARE(rwkv::e2e::hookLine(r.out, QStringLiteral("top message in view")), QStringLiteral("1"));  // in the long reply
    const QImage image(shot);
    QVERIFY(!image.isNull());
    // The messages: right of the sidebar, below the header, above the message box.
    int dark = 0;
    for (int y = image.height() / 10; y < image.height() * 8 / 10; ++y)
        for (int x = image.width() * 3 / 10; x < image.width() * 9 / 10; ++x) dark += qGray(image.pixel(x, y)) < 110;
    qInfo("%d dark pixels in the message area", dark);
    QVERIFY2(dark > 2000, qPrintable(QStringLiteral("%1 dark pixels in the message area").arg(dark)));
    if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))
        QFile::copy(shot, QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR")).filePath(QStringLiteral("long-scrolled-up.png")));
}

// A 2 MB log pasted into the message box (Ctrl+V after Copy under a reply that holds it) is held above the box as
// "Pasted text", not put in it: the box lays out all of its text (4.6-5.0 s of CPU for this paste on a 2-core
// machine, session 18). What is typed goes in the box; Send sends the pasted text, a blank line, then the typed text,
// and empties both. The hook's "message box: N characters" and "pasted beside the box: N characters" lines say where
// the text went (before: "message box: 2000039 characters").
void TestLongReplyE2e::longPasteIsHeldBesideTheBox() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const QString log = pastedLog(2'000'000);
    const QString dbPath = QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite"));
    qint64 id = 0, replyId = 0;
    {
        rwkv::store::ConversationStore store(dbPath);
        id = store.createConversation(QStringLiteral("Paste source"));
        const qint64 question = store.addMessage(id, 0, rwkv::store::Role::User, QStringLiteral("Show me the log."));
        replyId = store.addMessage(id, question, rwkv::store::Role::Assistant, log);
    }
    const QString paste = QStringLiteral("Click:copyButton-%1,Click:messageInput,Ctrl+V,W,H,Y").arg(replyId);
    const QString held = dir.filePath(QStringLiteral("held.png"));
    rwkv::e2e::DesktopRun r = rwkv::e2e::runDesktop(
        {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(id), QStringLiteral("--keys"),
         paste, QStringLiteral("--screenshot"), held},
        240000, false, config.path());
    QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out.left(2000), r.err)));
    QCOMPARE(rwkv::e2e::hookLine(r.out, QStringLiteral("message box")), QStringLiteral("3 characters"));
    QCOMPARE(rwkv::e2e::hookLine(r.out, QStringLiteral("pasted beside the box")),
             QStringLiteral("%1 characters").arg(log.size()));
    if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))
        QFile::copy(held, QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR")).filePath(QStringLiteral("long-paste-held.png")));

    // Return sends both as one message and empties the box and the pasted text. Its own settings: the run before
    // kept what it typed and pasted as the chat's draft (AppSettings::draft), which would come back beside the box.
    QTemporaryDir config2;
    QVERIFY(config2.isValid());
    r = rwkv::e2e::runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(id),
                               QStringLiteral("--keys"), paste + QStringLiteral(",Return"), QStringLiteral("--screenshot"),
                               dir.filePath(QStringLiteral("sent.png"))},
                              240000, false, config2.path());
    QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out.left(2000), r.err)));
    QCOMPARE(rwkv::e2e::hookLine(r.out, QStringLiteral("message box")), QStringLiteral("0 characters"));
    QCOMPARE(rwkv::e2e::hookLine(r.out, QStringLiteral("pasted beside the box")), QStringLiteral("0 characters"));
    const std::optional<QString> sent = lastUserText(dbPath, id);
    QVERIFY(sent.has_value());
    QVERIFY2(*sent == log + QStringLiteral("\n\nwhy"),
             qPrintable(QStringLiteral("sent %1 characters, %2 expected; it ends '%3'")
                            .arg(sent->size())
                            .arg(log.size() + 5)
                            .arg(sent->right(40))));
}

// A long paste with a U+202E in it: held beside the box, the control left out, and the note saying so shown above the
// held text, not over it. Before (session 47's trial), the note stood above the box, on the "Pasted text: …" label
// ("pasted text under the tooltip: yes").
void TestLongReplyE2e::leftOutNoteLeavesThePastedTextReadable() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const QString log = pastedLog(120'000) + QStringLiteral(" \u202Eevil");
    qint64 id = 0, replyId = 0;
    {
        rwkv::store::ConversationStore store(QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite")));
        id = store.createConversation(QStringLiteral("Paste source"));
        const qint64 question = store.addMessage(id, 0, rwkv::store::Role::User, QStringLiteral("Show me the log."));
        replyId = store.addMessage(id, question, rwkv::store::Role::Assistant, log);
    }
    const rwkv::e2e::DesktopRun r = rwkv::e2e::runDesktop(
        {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--select"),
         QString::number(id), QStringLiteral("--keys"),
         QStringLiteral("Click:copyButton-%1,Click:messageInput,Ctrl+V").arg(replyId), QStringLiteral("--screenshot"),
         dir.filePath(QStringLiteral("note.png"))},
        240000, false, config.path());
    QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out.left(2000), r.err)));
    QCOMPARE(rwkv::e2e::hookLine(r.out, QStringLiteral("pasted beside the box")),
             QStringLiteral("%1 characters").arg(log.size() - 1));
    QCOMPARE(rwkv::e2e::hookLine(r.out, QStringLiteral("tooltip on screen")),
             QStringLiteral("Left out U+202E: direction controls turn the text around, so messages keep none."));
    QCOMPARE(rwkv::e2e::hookLine(r.out, QStringLiteral("pasted text under the tooltip")), QStringLiteral("no"));
    if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))
        QFile::copy(dir.filePath(QStringLiteral("note.png")),
                    QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR")).filePath(QStringLiteral("long-paste-note.png")));
}

// A middle click pastes X11's selection (a text selected in another program: ClipboardToSelection); a long one is
// held beside the box as a Ctrl+V is, and the Edit dialog of a long question holds its long part above its box with
// the last paragraph in the box: neither lays the whole text out. Before session 19 the middle click put it in the box
// ("message box: 2115562 characters", 15 s of CPU to the saved window) and the dialog laid out all of it (7.5 s of
// CPU, against 2.4 s now). Sent unchanged, the edited version is the same question, character for character.
void TestLongReplyE2e::middleClickAndEditHoldALongText() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString question = pastedLog(2'000'000) + QStringLiteral("\n\nWhich device failed?");
    const QString dbPath = QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite"));
    qint64 id = 0, questionId = 0, replyId = 0;
    {
        rwkv::store::ConversationStore store(dbPath);
        id = store.createConversation(QStringLiteral("Long question"));
        questionId = store.addMessage(id, 0, rwkv::store::Role::User, question);
        replyId = store.addMessage(id, questionId, rwkv::store::Role::Assistant, QStringLiteral("It is a *log*."));
    }
    const auto run = [&](const QString& keys, const QStringList& more = {}) {
        QTemporaryDir config;  // each run its own settings: what the run before pasted is kept as the chat's draft
        return rwkv::e2e::runDesktop(QStringList{QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"),
                                                 QString::number(id), QStringLiteral("--keys"), keys,
                                                 QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("shot.png"))} +
                                         more,
                                     240000, false, config.path());
    };
    const QString q = QString::number(questionId);
    rwkv::e2e::DesktopRun r = run(QStringLiteral("Click:copyButton-%1,ClipboardToSelection,Click:messageInput,"
                                                 "MiddleClick:messageInput,W,H,Y").arg(q));
    QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out.left(2000), r.err)));
    QCOMPARE(rwkv::e2e::hookLine(r.out, QStringLiteral("message box")), QStringLiteral("3 characters"));
    QCOMPARE(rwkv::e2e::hookLine(r.out, QStringLiteral("pasted beside the box")),
             QStringLiteral("%1 characters").arg(question.size()));

    // A short selection is the box's own middle-click paste, as before.
    r = run(QStringLiteral("Click:copyButton-%1,ClipboardToSelection,Click:messageInput,MiddleClick:messageInput")
                .arg(replyId));
    QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out.left(2000), r.err)));
    QCOMPARE(rwkv::e2e::hookLine(r.out, QStringLiteral("message box")), QStringLiteral("14 characters"));
    QCOMPARE(rwkv::e2e::hookLine(r.out, QStringLiteral("pasted beside the box")), QStringLiteral("0 characters"));

    r = run(QStringLiteral("Click:editButton-%1").arg(q));
    QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out.left(2000), r.err)));
    QCOMPARE(rwkv::e2e::hookLine(r.out, QStringLiteral("edit box")), QStringLiteral("20 characters"));
    QCOMPARE(rwkv::e2e::hookLine(r.out, QStringLiteral("held in the edit dialog")),
             QStringLiteral("%1 characters").arg(question.size() - 22));
    if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))
        QFile::copy(dir.filePath(QStringLiteral("shot.png")),
                    QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR")).filePath(QStringLiteral("long-edit-held.png")));

    // Sent as it is: a new version of the question, the same text. The window is saved once that version is stored
    // (before: at 15 s, its reply still reading the 2 MB question then), at the latest at 15 s as before.
    {
        QTemporaryDir config;  // as run()
        r = rwkv::e2e::runDesktopUntil(
            {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(id), QStringLiteral("--keys"),
             QStringLiteral("Click:editButton-%1,Click:sendEditButton").arg(q), QStringLiteral("--screenshot"),
             dir.filePath(QStringLiteral("shot.png")), QStringLiteral("--screenshot-at"), QStringLiteral("15")},
            [&] {
                try {
                    const rwkv::store::ConversationStore store(dbPath, rwkv::store::ConversationStore::OpenMode::ReadOnly);
                    const QList<rwkv::store::Message> all = store.allMessages(id);
                    return std::any_of(all.cbegin(), all.cend(), [&](const rwkv::store::Message& m) {
                        return m.role == rwkv::store::Role::User && m.id != questionId;
                    });
                } catch (const std::exception&) {  // being written: asked again at the next poll
                    return false;
                }
            },
            240000, config.path());
    }
    QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out.left(2000), r.err)));
    rwkv::store::ConversationStore store(dbPath);
    const QList<rwkv::store::Message> all = store.allMessages(id);
    const auto edited = std::find_if(all.crbegin(), all.crend(), [](const rwkv::store::Message& m) {
        return m.role == rwkv::store::Role::User;
    });
    QVERIFY(edited != all.crend() && edited->id != questionId);
    QVERIFY2(edited->text == question, qPrintable(QStringLiteral("sent %1 characters, %2 expected; it ends '%3'")
                                                      .arg(edited->text.size())
                                                      .arg(question.size())
                                                      .arg(edited->text.right(40))));
}

// What is typed after a long paste comes back in the box, the paste beside it, when the chat opens again (another
// chat opened and this one again, or a restart): the draft is the two joined (Composer.message), parted as the Edit
// dialog parts a long question (PastedText.split). Before (session 57's trial), the whole draft came back as "Pasted
// text" ("message box: 0 characters", "pasted beside the box: 150058 characters"): the typed words out of sight, and
// the ✕ that drops the paste dropped them too. Sent, it is the same message either way. Three paragraphs typed
// (Shift+Enter between them) all come back, in order, where the draft was saved (AppSettings.draftHeld,
// PastedText.parted): parted by its text alone, the box got the last one only ("message box: 1 characters", session
// 58's loose ends).
void TestLongReplyE2e::typedTextComesBackInTheBoxBesideAHeldPaste() {
    QTemporaryDir dir, config;  // one settings folder for every run: the drafts file is in it
    QVERIFY(dir.isValid() && config.isValid());
    const QString log = pastedLog(150'000);
    const QString dbPath = QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite"));
    qint64 id = 0, replyId = 0, other = 0;
    {
        rwkv::store::ConversationStore store(dbPath);
        other = store.createConversation(QStringLiteral("Another chat"));
        store.addMessage(other, 0, rwkv::store::Role::User, QStringLiteral("Hello."));
        id = store.createConversation(QStringLiteral("Paste source"));
        const qint64 question = store.addMessage(id, 0, rwkv::store::Role::User, QStringLiteral("Show me the log."));
        replyId = store.addMessage(id, question, rwkv::store::Role::Assistant, log);
    }
    const auto run = [&](const QString& keys) {
        QStringList args{QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(id),
                         QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("shot.png"))};
        if (!keys.isEmpty()) args << QStringLiteral("--keys") << keys;
        return rwkv::e2e::runDesktop(args, 240000, false, config.path());
    };
    const auto inBox = [](const rwkv::e2e::DesktopRun& r, int typed, qsizetype held) {
        QCOMPARE(rwkv::e2e::hookLine(r.out, QStringLiteral("message box")), QStringLiteral("%1 characters").arg(typed));
        QCOMPARE(rwkv::e2e::hookLine(r.out, QStringLiteral("pasted beside the box")),
                 QStringLiteral("%1 characters").arg(held));
    };
    // Pasted and typed, then the other chat opened and this one again.
    const QString typed = QStringLiteral("why\n\na\n\nb");
    rwkv::e2e::DesktopRun r = run(QStringLiteral("Click:copyButton-%1,Click:messageInput,Ctrl+V,W,H,Y,Shift+Return,"
                                                 "Shift+Return,A,Shift+Return,Shift+Return,B,"
                                                 "Click:conversationRow-%2,Click:conversationRow-%3")
                                      .arg(replyId)
                                      .arg(other)
                                      .arg(id));
    QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out.left(2000), r.err)));
    inBox(r, typed.size(), log.size());
    if (QTest::currentTestFailed()) return;
    // Quit and started again.
    r = run(QString());
    QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out.left(2000), r.err)));
    inBox(r, typed.size(), log.size());
    if (QTest::currentTestFailed()) return;
    if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))
        QFile::copy(dir.filePath(QStringLiteral("shot.png")),
                    QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR")).filePath(QStringLiteral("long-paste-draft.png")));
    // Sent: the paste, a blank line, what was typed.
    r = run(QStringLiteral("Return"));
    QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out.left(2000), r.err)));
    inBox(r, 0, 0);
    const std::optional<QString> sent = lastUserText(dbPath, id);
    QVERIFY(sent.has_value());
    QVERIFY2(*sent == log + QStringLiteral("\n\n") + typed,
             qPrintable(QStringLiteral("sent %1 characters, %2 expected; it ends '%3'")
                            .arg(sent->size())
                            .arg(log.size() + 2 + typed.size())
                            .arg(sent->right(40))));
}

// A message the chat refuses (here: its starting state file is gone, so its first reading cannot start) comes back
// as it was typed: the long paste beside the box, the typed words in it (ChatController::messageNotSent, Composer.qml).
// Before (session 57's trial), all of it came back as "Pasted text" ("message box: 0 characters").
void TestLongReplyE2e::messageNotSentComesBackPartedAsItWasTyped() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const QString log = pastedLog(150'000);
    const QString dbPath = QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite"));
    qint64 id = 0, replyId = 0;
    {
        rwkv::store::ConversationStore store(dbPath);
        id = store.createConversation(QStringLiteral("Paste source"), QString(), dir.filePath(QStringLiteral("gone.pth")),
                                      QStringLiteral("0").repeated(64));
        const qint64 question = store.addMessage(id, 0, rwkv::store::Role::User, QStringLiteral("Show me the log."));
        replyId = store.addMessage(id, question, rwkv::store::Role::Assistant, log);
    }
    const rwkv::e2e::DesktopRun r = rwkv::e2e::runDesktop(
        {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(id), QStringLiteral("--keys"),
         QStringLiteral("Click:copyButton-%1,Click:messageInput,Ctrl+V,W,H,Y,Return").arg(replyId),
         QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("shot.png"))},
        240000, false, config.path());
    QVERIFY2(r.out.contains(QStringLiteral("Your message was not sent: it is back in the message box.")),
             qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out.left(3000), r.err)));
    QCOMPARE(rwkv::e2e::hookLine(r.out, QStringLiteral("message box")), QStringLiteral("3 characters"));
    QCOMPARE(rwkv::e2e::hookLine(r.out, QStringLiteral("pasted beside the box")),
             QStringLiteral("%1 characters").arg(log.size()));
    rwkv::store::ConversationStore store(dbPath);
    QCOMPARE(store.allMessages(id).size(), 2);  // nothing stored
}

// A conversation whose last question is the trial's 211 K-character paste, opened again after another one (five
// clicks between the two in the sidebar, 150 ms apart): shown at its end, the question's last lines and its
// Edit/Copy row right above the reply. Before, the list put the reply halfway down the view with blank space above
// and below it, the question not made, and moved the view 742 px further down again and again (3 runs of 3; session
// 20 trial F7: MessageView's followNewest used positionViewAtEnd, which drops every row when the newest is not made).
void TestLongReplyE2e::longQuestionStaysInViewAfterSwitching() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    qint64 shortId = 0, longId = 0;
    {
        rwkv::store::ConversationStore store(QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite")));
        longId = store.createConversation(QStringLiteral("Long paste"));
        qint64 parent = store.addMessage(longId, 0, rwkv::store::Role::User, QStringLiteral("stop me"));
        parent = store.addMessage(longId, parent, rwkv::store::Role::Assistant, QStringLiteral("Stopped as you asked."));
        parent = store.addMessage(longId, parent, rwkv::store::Role::User, trialPaste());
        store.addMessage(longId, parent, rwkv::store::Role::Assistant, QStringLiteral("It is a log."));
        shortId = store.createConversation(QStringLiteral("Short"));
        parent = store.addMessage(shortId, 0, rwkv::store::Role::User, QStringLiteral("what failed most"));
        store.addMessage(shortId, parent, rwkv::store::Role::Assistant, QStringLiteral("Module 7 failed most."));
    }
    const QString toLong = QStringLiteral("Click:conversationRow-%1").arg(longId);
    const QString toShort = QStringLiteral("Click:conversationRow-%1").arg(shortId);
    const QString shot = dir.filePath(QStringLiteral("switched.png"));
    const rwkv::e2e::DesktopRun r = rwkv::e2e::runDesktop(
        {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(shortId),
         QStringLiteral("--keys"), QStringList{toLong, toShort, toLong, toShort, toLong}.join(u','),
         QStringLiteral("--screenshot"), shot},
        240000, false, config.path());
    QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out.left(2000), r.err)));
    QVERIFY(r.out.contains(QStringLiteral("window title: Long paste")));
    const QString wrong = questionAndNewestInView(rwkv::e2e::hookLine(r.out, QStringLiteral("message rows")), 2);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
    if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))
        QFile::copy(shot, QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR")).filePath(QStringLiteral("long-question-switched.png")));
}

// The trial's steps (F7): Copy under the 211 K-character paste, another conversation, Ctrl+V into the message box,
// a few typed letters, Enter. While the prompt is read (a slow reply: --reply-pace) the sent message's end, its
// Edit/Copy row and the reply's bubble below it are in view. Before, the reply's bubble alone was (2 runs of 2), with
// blank space above it where the message should end, until a restart.
void TestLongReplyE2e::sentLongPasteStaysInView() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    qint64 shortId = 0, longId = 0, pasteId = 0;
    {
        rwkv::store::ConversationStore store(QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite")));
        shortId = store.createConversation(QStringLiteral("Short"));
        qint64 parent = store.addMessage(shortId, 0, rwkv::store::Role::User, QStringLiteral("what failed most"));
        store.addMessage(shortId, parent, rwkv::store::Role::Assistant, QStringLiteral("Module 7 failed most."));
        longId = store.createConversation(QStringLiteral("Paste source"));
        pasteId = store.addMessage(longId, 0, rwkv::store::Role::User, trialPaste());
        store.addMessage(longId, pasteId, rwkv::store::Role::Assistant, QStringLiteral("It is a log."));
    }
    const QString shot = dir.filePath(QStringLiteral("sent.png"));
    // Two scroll steps first, from when --select had opened the paste's conversation 300 ms after the start (since
    // session 44 at the window's first frame, before the model loads and so before the keys).
    const rwkv::e2e::DesktopRun r = rwkv::e2e::runDesktop(
        {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(longId),
         QStringLiteral("--keys"),
         QStringLiteral("WheelDown,WheelDown,Click:copyButton-%1,Click:conversationRow-%2,Click:messageInput,Ctrl+V,W,H,Y,Return")
             .arg(pasteId)
             .arg(shortId),
         QStringLiteral("--reply-pace"), QStringLiteral("40"), QStringLiteral("--screenshot-at"), QStringLiteral("12"),
         QStringLiteral("--screenshot"), shot},
        240000, false, config.path());
    QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out.left(2000), r.err)));
    QVERIFY(r.out.contains(QStringLiteral("window title: Short")));
    QCOMPARE(rwkv::e2e::hookLine(r.out, QStringLiteral("pasted beside the box")), QStringLiteral("0 characters"));
    const QString wrong = questionAndNewestInView(rwkv::e2e::hookLine(r.out, QStringLiteral("message rows")), 2);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
    if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))
        QFile::copy(shot, QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR")).filePath(QStringLiteral("long-paste-sent.png")));
}

// Session 55's trial: a search hit in a 200 KB paste opened its chat with the view at the middle of the message (the
// list centres the hit's row, and a row taller than the view shows its middle), far from the words found. Now the
// view shows the words, selected: the hook's "selected in the messages" line (before: "none"), once near the paste's
// end and once near its start (both away from its middle).
void TestLongReplyE2e::searchHitInALongMessageOpensAtTheWords() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    qint64 shortId = 0, pasteId = 0;
    {
        QString paste = trialPaste();
        const qsizetype late = paste.indexOf(QStringLiteral("\n02700 ")) + 1, early = paste.indexOf(QStringLiteral("\n00300 ")) + 1;
        QVERIFY(late > 0 && early > 0);
        paste.insert(late, QStringLiteral("Zebra\tcrossing closed near module 5. "));
        paste.insert(early, QStringLiteral("Heron sighted by the mill. "));
        rwkv::store::ConversationStore store(QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite")));
        const qint64 longId = store.createConversation(QStringLiteral("Paste"));
        pasteId = store.addMessage(longId, 0, rwkv::store::Role::User, paste);
        store.addMessage(longId, pasteId, rwkv::store::Role::Assistant, QStringLiteral("It is a log."));
        shortId = store.createConversation(QStringLiteral("Short"));
        const qint64 q = store.addMessage(shortId, 0, rwkv::store::Role::User, QStringLiteral("what failed most"));
        store.addMessage(shortId, q, rwkv::store::Role::Assistant, QStringLiteral("Module 7 failed most."));
    }
    for (const auto& [search, selected] : {std::pair{QStringLiteral("zebra crossing"), QStringLiteral("Zebra\tcrossing")},
                                           std::pair{QStringLiteral("heron"), QStringLiteral("Heron")}}) {
        const QString shot = dir.filePath(QStringLiteral("hit-%1.png").arg(search.section(u' ', 0, 0)));
        const rwkv::e2e::DesktopRun r = rwkv::e2e::runDesktop(
            {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(shortId),
             QStringLiteral("--search"), search, QStringLiteral("--keys"), QStringLiteral("Click:searchResult-%1").arg(pasteId),
             QStringLiteral("--screenshot"), shot},
            240000, false, config.path());
        QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out.left(2000), r.err)));
        QVERIFY(r.out.contains(QStringLiteral("window title: Paste")));
        QCOMPARE(rwkv::e2e::hookLine(r.out, QStringLiteral("selected in the messages")),
                 selected + QStringLiteral(" (in view)"));
        if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))
            QFile::copy(shot, QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR")).filePath(QFileInfo(shot).fileName()));
    }
}

// Session 57's loose ends: a hit in a code block or in the reasoning of a long reply opened the view at the section's
// top (the block's header, the reasoning's "▸ Reasoning"), nothing selected, the words hundreds of lines below. Now
// as in prose: the words selected and in view — in a closed reasoning, opened; at the end of a code line wider than
// the block, the block scrolled sideways to them.
void TestLongReplyE2e::searchHitInCodeOrReasoningOpensAtTheWords() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    qint64 shortId = 0, replyId = 0;
    {
        QString reply = QStringLiteral("<think>\n");
        for (int i = 0; i < 400; ++i)
            reply += i == 330 ? QStringLiteral("Step %1: the Kestrel batch needs a second look.\n").arg(i)
                              : QStringLiteral("Step %1: check that batch %1 was read once and written once.\n").arg(i);
        reply += QStringLiteral("</think>\nHere is the log, **as it came**.\n\n```log\n");
        for (int i = 0; i < 600; ++i)
            reply += i == 450   ? QStringLiteral("12:%1 INFO worker saw a Walrus at batch %1\n").arg(i)
                     : i == 520 ? QStringLiteral("12:%1 DEBUG %2 Pelican\n").arg(i).arg(QString(240, u'x'))
                                : QStringLiteral("12:%1 INFO worker processed batch %1\n").arg(i);
        reply += QStringLiteral("```\n\nThat was the whole log.");
        rwkv::store::ConversationStore store(QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite")));
        const qint64 longId = store.createConversation(QStringLiteral("Log"));
        const qint64 q = store.addMessage(longId, 0, rwkv::store::Role::User, QStringLiteral("show me the log"));
        replyId = store.addMessage(longId, q, rwkv::store::Role::Assistant, reply);
        shortId = store.createConversation(QStringLiteral("Short"));
        const qint64 q2 = store.addMessage(shortId, 0, rwkv::store::Role::User, QStringLiteral("what failed most"));
        store.addMessage(shortId, q2, rwkv::store::Role::Assistant, QStringLiteral("Module 7 failed most."));
    }
    for (const auto& [search, selected] : {std::pair{QStringLiteral("walrus"), QStringLiteral("Walrus")},
                                           std::pair{QStringLiteral("pelican"), QStringLiteral("Pelican")},
                                           std::pair{QStringLiteral("kestrel batch"), QStringLiteral("Kestrel batch")}}) {
        const QString shot = dir.filePath(QStringLiteral("hit-%1.png").arg(search.section(u' ', 0, 0)));
        const rwkv::e2e::DesktopRun r = rwkv::e2e::runDesktop(
            {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(shortId),
             QStringLiteral("--search"), search, QStringLiteral("--keys"), QStringLiteral("Click:searchResult-%1").arg(replyId),
             QStringLiteral("--screenshot"), shot},
            240000, false, config.path());
        QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out.left(2000), r.err)));
        if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))
            QFile::copy(shot, QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR")).filePath(QFileInfo(shot).fileName()));
        QVERIFY(r.out.contains(QStringLiteral("window title: Log")));
        QCOMPARE(rwkv::e2e::hookLine(r.out, QStringLiteral("selected in the messages")),
                 selected + QStringLiteral(" (in view)"));
    }
}

QTEST_GUILESS_MAIN(TestLongReplyE2e)
#include "test_long_reply_e2e.moc"
