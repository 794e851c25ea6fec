// test_conversation_menu_e2e.cpp — the sidebar's conversation menu of the real rwkv-desktop window (under Xvfb, see
// tests/e2e/desktop_process.h) opened with a right-click on the conversation, as in other desktop chat apps and file
// managers, and where typing goes after a click on New chat or a row. The --keys test hook right-clicks the row
// (RightClick:conversationRow-ID), clicks a menu item (Click:renameMenuItem) and types. App:
// app/gui/qml/ConversationDelegate.qml, ConversationSidebar.qml.
#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include "e2e/desktop_process.h"
#include "store/conversation_store.h"

class TestConversationMenuE2e : public QObject {
    Q_OBJECT

private slots:
    void rightClickRenamesAndDeletes();
    void clickOnNewChatOrARowLeavesTheFocusInTheMessageBox();
};

namespace {

/// The chats "Ferry questions" and "Bread", one question each, in the database `db`: their ids.
std::pair<qint64, qint64> seedTwoChats(const QString& db) {
    rwkv::store::ConversationStore store(db);
    const qint64 ferry = store.createConversation(QStringLiteral("Ferry questions"));
    store.addMessage(ferry, 0, rwkv::store::Role::User, QStringLiteral("Is the ferry free?"));
    const qint64 bread = store.createConversation(QStringLiteral("Bread"));
    store.addMessage(bread, 0, rwkv::store::Role::User, QStringLiteral("Why did my sourdough not rise?"));
    return {ferry, bread};
}

}  // namespace

// Right-click on a conversation, Rename…, type "Trip" + Return: the conversation is called Trip. Right-click on the
// other, Delete: it is in the trash (no longer listed). Before session 15 a right-click did nothing (the menu was only
// behind the row's small "⋯"): the hook found no conversationRow item and the app stopped with status 1.
void TestConversationMenuE2e::rightClickRenamesAndDeletes() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const QString db = QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite"));
    const auto [ferry, bread] = seedTwoChats(db);
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

// A click on New chat or on a conversation's row leaves the focus in the message box, as Ctrl+N does. Before (session
// 27's trial, F7) the clicked button or row kept it: the letters typed next were lost and Return pressed New chat
// again.
void TestConversationMenuE2e::clickOnNewChatOrARowLeavesTheFocusInTheMessageBox() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const auto [ferry, bread] = seedTwoChats(QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite")));
    const QString row = QStringLiteral("Click:conversationRow-%1").arg(bread);
    for (const QString& click : {QStringLiteral("Click:newChatButton"), row}) {
        const QString keys = click + QStringLiteral(",H,I");
        const rwkv::e2e::DesktopRun r = rwkv::e2e::runDesktop(
            {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--select"), QString::number(ferry),
             QStringLiteral("--keys"), keys, QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("click.png"))},
            180000, false, config.path());
        QVERIFY2(r.exitCode == 0, qPrintable(keys + u' ' + r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("\nactive focus: messageInput\n")), qPrintable(keys + u' ' + r.out));
        QVERIFY2(r.out.contains(QStringLiteral("\nmessage box: 2 characters\n")), qPrintable(keys + u' ' + r.out));
        const QString title = click == row ? QStringLiteral("Bread — RWKV Desktop\n") : QStringLiteral("RWKV Desktop\n");
        QVERIFY2(r.out.contains(QStringLiteral("\nwindow title: ") + title), qPrintable(keys + u' ' + r.out));
    }
}

QTEST_GUILESS_MAIN(TestConversationMenuE2e)
#include "test_conversation_menu_e2e.moc"
