// test_copy_message_e2e.cpp — Copy under a message of the real rwkv-desktop window (under Xvfb, see
// tests/e2e/desktop_process.h) puts the whole message on the clipboard as it was written (a reply's Markdown). The
// --keys test hook clicks it (Click:copyButton-ID) and prints "clipboard: TEXT" with the saved window. App:
// app/gui/qml/MessageActions.qml.
#include <QDir>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "e2e/desktop_process.h"
#include "store/conversation_store.h"

class TestCopyMessageE2e : public QObject {
    Q_OBJECT

private slots:
    void copyPutsTheWholeMessageOnTheClipboard();
};

// A reply of two paragraphs with Markdown and a question: Copy on each puts exactly its text on the clipboard (line
// breaks and Markdown kept). Before session 15 there was no Copy: a reply could only be copied by selecting it with the
// mouse (new-user trial, LM Studio / GPT4All habit: a copy button under every reply).
void TestCopyMessageE2e::copyPutsTheWholeMessageOnTheClipboard() {
    const QString reply = QStringLiteral("**Paris** is the capital of France.\n\nIt has about `2.1 million` people.");
    const QString question = QStringLiteral("What is the capital of France?");
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    qint64 id = 0, questionId = 0, replyId = 0;
    {
        rwkv::store::ConversationStore store(QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite")));
        id = store.createConversation(QStringLiteral("France"));
        questionId = store.addMessage(id, 0, rwkv::store::Role::User, question);
        replyId = store.addMessage(id, questionId, rwkv::store::Role::Assistant, reply);
    }
    for (const auto& [messageId, text] : {std::pair{replyId, reply}, std::pair{questionId, question}}) {
        const rwkv::e2e::DesktopRun r = rwkv::e2e::runDesktop(
            {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(id),
             QStringLiteral("--keys"), QStringLiteral("Click:copyButton-%1").arg(messageId), QStringLiteral("--screenshot"),
             dir.filePath(QStringLiteral("copy.png"))},
            180000, false, config.path());
        QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out, r.err)));
        const QRegularExpressionMatch m =
            QRegularExpression(QStringLiteral("^clipboard: (.*)$"), QRegularExpression::MultilineOption).match(r.out);
        QVERIFY2(m.hasMatch(), qPrintable(r.out));
        QCOMPARE(m.captured(1), QString(text).replace(u'\n', QStringLiteral("\\n")));
    }
}

QTEST_GUILESS_MAIN(TestCopyMessageE2e)
#include "test_copy_message_e2e.moc"
