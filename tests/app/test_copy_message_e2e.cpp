// test_copy_message_e2e.cpp — Copy (and the row's tooltips) under a message of the real rwkv-desktop window (Xvfb, see
// tests/e2e/desktop_process.h) puts the whole message on the clipboard as it was written (a reply's Markdown). The
// --keys test hook clicks it (Click:copyButton-ID) or reaches it with Shift+Tab and presses Space, and prints
// "clipboard: TEXT" and "active focus: NAME" with the saved window. App: app/gui/qml/MessageActions.qml.
#include <QDir>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <tuple>

#include "e2e/desktop_process.h"
#include "store/conversation_store.h"

class TestCopyMessageE2e : public QObject {
    Q_OBJECT

private slots:
    void copyPutsTheWholeMessageOnTheClipboard();
    void copyIsReachedWithTheKeyboard();
    void versionTooltipWaitsForThePointerToMove();
    void regenerateTooltipWaitsForThePointerToMove();
    void aReplyWithoutWordsOffersNoCopy();
    void aReplyOfBlanksOffersNoCopy();
};

namespace {

using rwkv::e2e::hookValue;

/// A conversation "France" (a question and a reply of two paragraphs with Markdown) in `dataDir`; returns the ids of
/// the conversation, the question and the reply.
std::tuple<qint64, qint64, qint64> seedFrance(const QString& dataDir, const QString& question, const QString& reply) {
    rwkv::store::ConversationStore store(QDir(dataDir).filePath(QStringLiteral("conversations.sqlite")));
    const qint64 id = store.createConversation(QStringLiteral("France"));
    const qint64 questionId = store.addMessage(id, 0, rwkv::store::Role::User, question);
    return {id, questionId, store.addMessage(id, questionId, rwkv::store::Role::Assistant, reply)};
}


}  // namespace

// A reply of two paragraphs with Markdown and a question: Copy on each puts exactly its text on the clipboard (line
// breaks and Markdown kept). Before session 15 there was no Copy: a reply could only be copied by selecting it with the
// mouse (new-user trial, LM Studio / GPT4All habit: a copy button under every reply).
void TestCopyMessageE2e::copyPutsTheWholeMessageOnTheClipboard() {
    const QString reply = QStringLiteral("**Paris** is the capital of France.\n\nIt has about `2.1 million` people.");
    const QString question = QStringLiteral("What is the capital of France?");
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const auto [id, questionId, replyId] = seedFrance(dir.path(), question, reply);
    for (const auto& [messageId, text] : {std::pair{replyId, reply}, std::pair{questionId, question}}) {
        const rwkv::e2e::DesktopRun r = rwkv::e2e::runDesktop(
            {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(id),
             QStringLiteral("--keys"), QStringLiteral("Click:copyButton-%1").arg(messageId), QStringLiteral("--screenshot"),
             dir.filePath(QStringLiteral("copy.png"))},
            180000, false, config.path());
        QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out, r.err)));
        QCOMPARE(hookValue(r.out, QStringLiteral("clipboard")), QString(text).replace(u'\n', QStringLiteral("\\n")));
    }
}

// Keyboard-only use: Shift+Tab from the message box reaches the last reply's Copy (after its Regenerate and New chat
// from here in the chain, as on screen) and Space copies the reply; Shift+Tab x5 (the reply's Copy, its New chat from
// here, its 3 replies, its Regenerate, the question's Copy) and Space copy the question. Before (session 15), Copy was left out of the Tab chain: Shift+Tab reached Regenerate and
// Space wrote another reply.
void TestCopyMessageE2e::copyIsReachedWithTheKeyboard() {
    const QString reply = QStringLiteral("**Paris** is the capital of France.\n\nIt has about `2.1 million` people.");
    const QString question = QStringLiteral("What is the capital of France?");
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const auto [id, questionId, replyId] = seedFrance(dir.path(), question, reply);
    for (const auto& [keys, messageId, text] :
         {std::tuple{QStringLiteral("Shift+Tab,Space"), replyId, reply},
          std::tuple{QStringLiteral("Shift+Tab,Shift+Tab,Shift+Tab,Shift+Tab,Shift+Tab,Space"), questionId, question}}) {
        const rwkv::e2e::DesktopRun r = rwkv::e2e::runDesktop(
            {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(id),
             QStringLiteral("--keys"), keys, QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("copy.png"))},
            180000, false, config.path());
        QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out, r.err)));
        QCOMPARE(hookValue(r.out, QStringLiteral("active focus")), QStringLiteral("copyButton-%1").arg(messageId));
        QCOMPARE(hookValue(r.out, QStringLiteral("clipboard")), QString(text).replace(u'\n', QStringLiteral("\\n")));
    }
    // Nothing else happened: still one reply.
    QCOMPARE(rwkv::store::ConversationStore(QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite"))).messages(id).size(),
             2);
}

namespace {

// A chat "Versions" taller than the window (4 turns of a long reply) in `dir`'s library: the view follows its foot, so
// the last reply's actions row stays where it is while a new reply is written, under the pointer. `twoVersions`: the
// last reply has a second version, shown. Returns the chat's id and the shown last reply's id.
std::pair<qint64, qint64> versionsChat(const QString& dir, bool twoVersions) {
    rwkv::store::ConversationStore store(QDir(dir).filePath(QStringLiteral("conversations.sqlite")));
    const qint64 id = store.createConversation(QStringLiteral("Versions"));
    const QString longReply = QStringLiteral("A reply of several lines, long enough to wrap. ").repeated(12);
    qint64 question = 0, replyId = 0;
    for (int turn = 0; turn < 4; ++turn) {
        question = store.addMessage(id, replyId, rwkv::store::Role::User, QStringLiteral("Hi"));
        replyId = store.addMessage(id, question, rwkv::store::Role::Assistant, longReply);
    }
    if (twoVersions) replyId = store.addMessage(id, question, rwkv::store::Role::Assistant, longReply);
    return {id, replyId};
}

// The app on that library with chat `id` shown, `keys` and then the pointer held still for 1.3 s before the grab (past
// the tooltips' 600 ms delay and a regenerated reply's end; until session 43: six keys that did nothing, 150 ms apart,
// and 400 ms to the grab).
rwkv::e2e::DesktopRun runVersions(const QString& dir, const QString& config, qint64 id, const QString& keys,
                                  const char* png) {
    return rwkv::e2e::runDesktop({QStringLiteral("--data-dir"), dir, QStringLiteral("--lang"), QStringLiteral("en"),
                                  QStringLiteral("--select"), QString::number(id), QStringLiteral("--keys"),
                                  keys + QStringLiteral(",Wait:1300"), QStringLiteral("--screenshot"),
                                  QDir(dir).filePath(QLatin1String(png))},
                                 180000, false, config);
}

}  // namespace

// Session 38's trial (nit): Regenerate puts ‹ 2/2 › where the pointer is (the Regenerate button moves right), and the
// "Next version" tooltip showed at once, over the new reply's readouts (speed, tokens). ‹ ›'s tooltips now wait for
// the pointer to move on them: none is on screen after Regenerate with the pointer still (1 s after the reply: past
// the tooltip's delay), and a pointer moved onto ‹ shows "Previous version".
void TestCopyMessageE2e::versionTooltipWaitsForThePointerToMove() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    // A chat taller than the window, as in the trial: the view follows its foot, so the last reply's actions row
    // stays where it is while the new reply is written, under the pointer.
    const auto [id, replyId] = versionsChat(dir.path(), false);
    const auto run = [&](const QString& keys) { return runVersions(dir.path(), config.path(), id, keys, "versions.png"); };
    // The pointer on Regenerate, then its click (the hook's clicks move no pointer: it stays where Hover put it).
    const rwkv::e2e::DesktopRun regenerated =
        run(QStringLiteral("Hover:regenerateButton-%1,Click:regenerateButton-%1").arg(replyId));
    QVERIFY2(regenerated.exitCode == 0, qPrintable(regenerated.out + regenerated.err));
    QVERIFY2(regenerated.out.contains(QStringLiteral("\nreply status: ")), qPrintable(regenerated.out));
    QVERIFY2(!regenerated.out.contains(QStringLiteral("\ntooltip on screen: ")), qPrintable(regenerated.out));
    const rwkv::e2e::DesktopRun hovered = run(QStringLiteral("Hover:previousVersionButton-%1").arg(replyId + 1));
    QVERIFY2(hovered.exitCode == 0, qPrintable(hovered.out + hovered.err));
    QVERIFY2(hovered.out.contains(QStringLiteral("\ntooltip on screen: Previous version\n")), qPrintable(hovered.out));
}

// Session 38's check (LOW): with a reply already in two versions, Regenerate's row comes back as it was (‹ 3/3 ›, then
// Regenerate) under the pointer left still on Regenerate, and its own tooltip "Write another reply from the same
// point; this one is kept" covered the new reply's readouts. The row's buttons share ‹ ›'s wait (PointerMovedHover):
// none is on screen after the reply, and a pointer moved onto Regenerate shows it.
void TestCopyMessageE2e::regenerateTooltipWaitsForThePointerToMove() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const auto [id, replyId] = versionsChat(dir.path(), true);
    const auto run = [&](const QString& keys) { return runVersions(dir.path(), config.path(), id, keys, "regenerate.png"); };
    const QString button = QStringLiteral("regenerateButton-%1").arg(replyId);
    const rwkv::e2e::DesktopRun regenerated = run(QStringLiteral("Hover:%1,Click:%1").arg(button));
    QVERIFY2(regenerated.exitCode == 0, qPrintable(regenerated.out + regenerated.err));
    QVERIFY2(regenerated.out.contains(QStringLiteral("\nreply status: ")), qPrintable(regenerated.out));
    // The hook's "tooltip on screen: TEXT" line, or "" when none is on screen.
    const auto tooltip = [](const QString& out) {
        const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("\ntooltip on screen: ([^\n]*)")).match(out);
        return m.hasMatch() ? m.captured(1) : QString();
    };
    QCOMPARE(tooltip(regenerated.out), QString());  // before: "Write another reply from the same point; this one is kept"
    // A later start shows the new reply (version 3 of 3): the pointer moved onto its Regenerate.
    const rwkv::e2e::DesktopRun hovered = run(QStringLiteral("Hover:regenerateButton-%1").arg(replyId + 1));
    QVERIFY2(hovered.exitCode == 0, qPrintable(hovered.out + hovered.err));
    QCOMPARE(tooltip(hovered.out), QStringLiteral("Write another reply from the same point; this one is kept"));
}

// Session 38's check (nit): the "No reply: it ended before its first word …" bubble (a reply cut off before its first
// token: unfinished, empty) offered Copy, which put nothing on the clipboard. Its row has no Copy now: Shift+Tab from
// the message box reaches its 3 replies (after Regenerate), and a click on its Copy finds none; the question's Copy
// stays.
void TestCopyMessageE2e::aReplyWithoutWordsOffersNoCopy() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    qint64 id = 0, questionId = 0, replyId = 0;
    {
        rwkv::store::ConversationStore store(QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite")));
        id = store.createConversation(QStringLiteral("Cut off"));
        std::tie(questionId, replyId) = store.beginTurn(id, 0, QStringLiteral("What is the capital of France?"));
    }
    const auto run = [&](const QString& keys) {
        return rwkv::e2e::runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--lang"),
                                      QStringLiteral("en"), QStringLiteral("--select"), QString::number(id),
                                      QStringLiteral("--keys"), keys, QStringLiteral("--screenshot"),
                                      dir.filePath(QStringLiteral("noreply.png"))},
                                     180000, false, config.path());
    };
    const rwkv::e2e::DesktopRun walked = run(QStringLiteral("Shift+Tab"));
    QVERIFY2(walked.exitCode == 0, qPrintable(walked.out + walked.err));
    QCOMPARE(hookValue(walked.out, QStringLiteral("active focus")),  // before: copyButton-<reply>
             QStringLiteral("threeRepliesButton-%1").arg(replyId));  // the last of Regenerate, 3 replies
    const rwkv::e2e::DesktopRun clicked = run(QStringLiteral("Click:copyButton-%1").arg(replyId));
    QVERIFY2(clicked.exitCode != 0 && (clicked.out + clicked.err).contains(QStringLiteral("no such item in view")),
             qPrintable(clicked.out + clicked.err));
    const rwkv::e2e::DesktopRun question = run(QStringLiteral("Click:copyButton-%1").arg(questionId));
    QVERIFY2(question.exitCode == 0, qPrintable(question.out + question.err));
    QCOMPARE(hookValue(question.out, QStringLiteral("clipboard")), QStringLiteral("What is the capital of France?"));
}

// Session 39's check: a reply of blanks only (spaces, line breaks, a tab: written so, and finished) still offered Copy,
// which put the blanks on the clipboard; 293ecab hid it only for a reply of no characters at all. Now none either;
// a question or reply with a word among blanks keeps it.
void TestCopyMessageE2e::aReplyOfBlanksOffersNoCopy() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const auto [id, questionId, replyId] =
        seedFrance(dir.path(), QStringLiteral("  Paris?\n"), QStringLiteral("  \n\n \t\n"));
    const auto run = [&](const QString& keys) {
        return rwkv::e2e::runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--lang"),
                                      QStringLiteral("en"), QStringLiteral("--select"), QString::number(id),
                                      QStringLiteral("--keys"), keys, QStringLiteral("--screenshot"),
                                      dir.filePath(QStringLiteral("blanks.png"))},
                                     180000, false, config.path());
    };
    const rwkv::e2e::DesktopRun clicked = run(QStringLiteral("Click:copyButton-%1").arg(replyId));  // before: copied
    QVERIFY2(clicked.exitCode != 0 && (clicked.out + clicked.err).contains(QStringLiteral("no such item in view")),
             qPrintable(clicked.out + clicked.err));
    const rwkv::e2e::DesktopRun question = run(QStringLiteral("Click:copyButton-%1").arg(questionId));
    QVERIFY2(question.exitCode == 0, qPrintable(question.out + question.err));
    QCOMPARE(hookValue(question.out, QStringLiteral("clipboard")), QStringLiteral("  Paris?\\n"));
}

QTEST_GUILESS_MAIN(TestCopyMessageE2e)
#include "test_copy_message_e2e.moc"
