// test_rename_e2e.cpp — the Rename… dialog of a chat's "⋯" menu in the real rwkv-desktop window (under Xvfb, see
// desktop_process.h) given a title of nothing to read: a pasted "\u3164" (HANGUL FILLER, drawn as nothing) was taken,
// and the chat was listed as an empty row with an empty header (session 53's trial). App:
// app/gui/qml/ConversationDialogs.qml (titleOk), ChatController::renameConversation.
#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include "desktop_process.h"
#include "store/conversation_store.h"

class TestRenameE2e : public QObject {
    Q_OBJECT

private slots:
    void titleOfNothingToReadIsRefused();
};

// The question "\u3164" copied with its Copy, pasted over the title in Rename…, and Return: OK stays off, the line under
// the field says why, and the chat keeps its title. Before, Return renamed it to "\u3164".
void TestRenameE2e::titleOfNothingToReadIsRefused() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    qint64 id = 0, question = 0;
    {
        rwkv::store::ConversationStore store(dir.filePath(QStringLiteral("conversations.sqlite")));
        id = store.createConversation(QStringLiteral("Keys"));
        question = store.addMessage(id, 0, rwkv::store::Role::User, QStringLiteral("\u3164"));
        store.addMessage(id, question, rwkv::store::Role::Assistant, QStringLiteral("A reply"));
    }
    const rwkv::e2e::DesktopRun r = rwkv::e2e::runDesktop(
        {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--lang"), QStringLiteral("en"),
         QStringLiteral("--select"), QString::number(id), QStringLiteral("--keys"),
         QStringLiteral("Click:copyButton-%1,Click:conversationMenuButton,Click:renameMenuItem,Ctrl+A,Ctrl+V,Return")
             .arg(question),
         QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("rename.png"))},
        180000, false, config.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QCOMPARE(rwkv::e2e::hookValue(r.out, QStringLiteral("clipboard")), QStringLiteral("\u3164"));  // what was pasted
    QCOMPARE(rwkv::e2e::hookValue(r.out, QStringLiteral("active focus")), QStringLiteral("renameTitleField"));
    const QString dialog = rwkv::e2e::hookValue(r.out, QStringLiteral("rename dialog"));
    QVERIFY2(dialog.startsWith(QStringLiteral("OK disabled ")), qPrintable(dialog));
    QVERIFY2(dialog.endsWith(QStringLiteral("; hint: A conversation needs a title.")), qPrintable(dialog));
    rwkv::store::ConversationStore store(dir.filePath(QStringLiteral("conversations.sqlite")));
    QCOMPARE(store.conversation(id).value().title, QStringLiteral("Keys"));
}

QTEST_MAIN(TestRenameE2e)
#include "test_rename_e2e.moc"
