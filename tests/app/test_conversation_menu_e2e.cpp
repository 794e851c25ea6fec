// test_conversation_menu_e2e.cpp — the sidebar's conversation menu of the real rwkv-desktop window (under Xvfb, see
// tests/e2e/desktop_process.h) opened with a right-click on the conversation, as in other desktop chat apps and file
// managers. The --keys test hook right-clicks the row (RightClick:conversationRow-ID), clicks a menu item
// (Click:renameMenuItem) and types. App: app/gui/qml/ConversationDelegate.qml.
#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include "e2e/desktop_process.h"
#include "store/conversation_store.h"

class TestConversationMenuE2e : public QObject {
    Q_OBJECT

private slots:
    void rightClickRenamesAndDeletes();
};

// Right-click on a conversation, Rename…, type "Trip" + Return: the conversation is called Trip. Right-click on the
// other, Delete: it is in the trash (no longer listed). Before session 15 a right-click did nothing (the menu was only
// behind the row's small "⋯"): the hook found no conversationRow item and the app stopped with status 1.
void TestConversationMenuE2e::rightClickRenamesAndDeletes() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const QString db = QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite"));
    qint64 ferry = 0, bread = 0;
    {
        rwkv::store::ConversationStore store(db);
        ferry = store.createConversation(QStringLiteral("Ferry questions"));
        store.addMessage(ferry, 0, rwkv::store::Role::User, QStringLiteral("Is the ferry free?"));
        bread = store.createConversation(QStringLiteral("Bread"));
        store.addMessage(bread, 0, rwkv::store::Role::User, QStringLiteral("Why did my sourdough not rise?"));
    }
    const auto run = [&](const QString& keys) {
        return rwkv::e2e::runDesktop({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"),
                                      QString::number(ferry), QStringLiteral("--keys"), keys, QStringLiteral("--screenshot"),
                                      dir.filePath(QStringLiteral("menu.png"))},
                                     180000, false, config.path());
    };
    const rwkv::e2e::DesktopRun renamed =
        run(QStringLiteral("RightClick:conversationRow-%1,Click:renameMenuItem,Shift+T,R,I,P,Return").arg(ferry));
    QVERIFY2(renamed.exitCode == 0, qPrintable(renamed.out + renamed.err));
    {
        rwkv::store::ConversationStore store(db);
        QCOMPARE(store.conversation(ferry)->title, QStringLiteral("Trip"));
    }
    const rwkv::e2e::DesktopRun deleted = run(QStringLiteral("RightClick:conversationRow-%1,Click:deleteMenuItem").arg(bread));
    QVERIFY2(deleted.exitCode == 0, qPrintable(deleted.out + deleted.err));
    rwkv::store::ConversationStore store(db);
    const auto listed = store.listConversations();
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.first().id, ferry);
}

QTEST_GUILESS_MAIN(TestConversationMenuE2e)
#include "test_conversation_menu_e2e.moc"
