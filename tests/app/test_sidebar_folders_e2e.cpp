// test_sidebar_folders_e2e.cpp — the sidebar's folders in the real rwkv-desktop window (under Xvfb, see
// tests/e2e/desktop_process.h): a folder row closed with a click stays closed at the next start; a chat moved into a
// folder from its right-click menu; "New folder…" with a name that is taken says so and keeps OK off; a folder
// deleted from its row's menu, asked first, its chats kept; the focus back on the chat's row after New folder…, and
// New folder… in line with the folder names. The --keys test hook clicks the rows and menu items by objectName
// (folderRow-ID, moveToFolderMenuItem, moveToFolder-ID, …) and prints "folder rows:", "row menu marks:" and "move to
// folder menu:". App:
// app/gui/qml/ConversationDelegate.qml, ConversationSidebar.qml, ConversationDialogs.qml.
#include <QDir>
#include <QtTest>

#include "e2e/desktop_process.h"
#include "e2e/long_conversation.h"
#include "store/conversation_store.h"

namespace {

/// The library of `folders`: chats "Report", "Kanji", "Bread" and "Loose", folders "Home" (Bread), "Japanese practice"
/// (Kanji) and "Work" (Report). Returns the ids: chats in that order, then the folders in that order.
QList<qint64> seedLibrary(const rwkv::e2e::StartFolders& folders) {
    rwkv::store::ConversationStore store(QDir(folders.path()).filePath(QStringLiteral("conversations.sqlite")));
    QList<qint64> ids;
    for (const char* title : {"Report", "Kanji", "Bread", "Loose"}) {
        const qint64 c = store.createConversation(QString::fromUtf8(title));
        store.addMessage(c, 0, rwkv::store::Role::User, QStringLiteral("A question about ") + QString::fromUtf8(title));
        ids << c;
    }
    for (const char* name : {"Home", "Japanese practice", "Work"}) ids << store.createFolder(QString::fromUtf8(name));
    store.setFolder(ids[2], ids[4]);
    store.setFolder(ids[1], ids[5]);
    store.setFolder(ids[0], ids[6]);
    return ids;
}

QString dbOf(const rwkv::e2e::StartFolders& folders) {
    return QDir(folders.path()).filePath(QStringLiteral("conversations.sqlite"));
}

}  // namespace

class TestSidebarFoldersE2e : public QObject {
    Q_OBJECT

private slots:
    void closedFolderStaysClosedAndChatsMove();
    void takenNameAndDeleteAreSaid();
    void newFolderGivesTheFocusBackToTheChat();
    void newFolderIsInLineWithTheFolderNames();
};

// A click on Home's row closes it; the next start shows it closed (kept in the settings), the others open. Meanwhile
// "Loose" went into Work from its right-click menu's Move to folder.
void TestSidebarFoldersE2e::closedFolderStaysClosedAndChatsMove() {
    const rwkv::e2e::StartFolders folders;
    QVERIFY(folders.isValid());
    const QList<qint64> ids = seedLibrary(folders);
    const auto start = [&](const QString& keys) {
        return rwkv::e2e::runDesktopsAtOnce({folders.start(
            {QStringLiteral("--data-dir"), folders.path(), QStringLiteral("--select"), QString::number(ids[3]),
             QStringLiteral("--keys"), keys, QStringLiteral("--screenshot"), folders.filePath(QStringLiteral("f.png"))})})[0];
    };
    const rwkv::e2e::DesktopRun first =
        start(QStringLiteral("Click:folderRow-%1,RightClick:conversationRow-%2,Click:moveToFolderMenuItem,"
                             "Click:moveToFolder-%3")
                  .arg(ids[4])
                  .arg(ids[3])
                  .arg(ids[6]));
    QVERIFY2(first.exitCode == 0, qPrintable(first.out + first.err));
    QVERIFY2(first.out.contains(QStringLiteral("\nfolder rows: Home 1 closed | Japanese practice 1 open | Work 2 open\n")),
             qPrintable(first.out));
    {
        rwkv::store::ConversationStore store(dbOf(folders));
        QCOMPARE(store.conversation(ids[3])->folder_id, ids[6]);
    }
    const rwkv::e2e::DesktopRun again = start(QStringLiteral("Click:folderRow-%1").arg(ids[5]));  // Japanese closed too
    QVERIFY2(again.exitCode == 0, qPrintable(again.out + again.err));
    QVERIFY2(again.out.contains(QStringLiteral("\nfolder rows: Home 1 closed | Japanese practice 1 closed | Work 2 open\n")),
             qPrintable(again.out));
    // Work closed too: it holds the open chat ("Loose"), and its row is drawn as the selected one.
    const rwkv::e2e::DesktopRun closed = start(QStringLiteral("Click:folderRow-%1").arg(ids[6]));
    QVERIFY2(closed.exitCode == 0, qPrintable(closed.out + closed.err));
    QVERIFY2(closed.out.contains(QStringLiteral("\nfolder rows: Home 1 closed | Japanese practice 1 closed | Work 2 closed, "
                                                "holds the open chat\n")),
             qPrintable(closed.out));
}

// "New folder…" from a chat's menu with the name of a folder there is (in another case): the note says so and OK is
// off, so Return makes nothing. Another start: Delete folder… on Work's row, Yes: the folder is gone, its chat kept.
void TestSidebarFoldersE2e::takenNameAndDeleteAreSaid() {
    const rwkv::e2e::StartFolders naming, deleting;
    QVERIFY(naming.isValid() && deleting.isValid());
    const QList<qint64> ids = seedLibrary(naming);
    QCOMPARE(seedLibrary(deleting), ids);
    const auto start = [&](const rwkv::e2e::StartFolders& folders, const QString& keys) {
        return folders.start({QStringLiteral("--data-dir"), folders.path(), QStringLiteral("--select"),
                              QString::number(ids[3]), QStringLiteral("--keys"), keys, QStringLiteral("--screenshot"),
                              folders.filePath(QStringLiteral("f.png"))});
    };
    const QList<rwkv::e2e::DesktopRun> runs = rwkv::e2e::runDesktopsAtOnce(
        {start(naming, QStringLiteral("RightClick:conversationRow-%1,Click:moveToFolderMenuItem,Click:newFolderMenuItem,"
                                      "H,O,M,E,Return")
                           .arg(ids[3])),
         start(deleting, QStringLiteral("RightClick:folderRow-%1,Click:deleteFolderMenuItem,Click:deleteFolderYesButton")
                             .arg(ids[6]))});
    const rwkv::e2e::DesktopRun& named = runs[0];
    QVERIFY2(named.exitCode == 0, qPrintable(named.out + named.err));
    QVERIFY2(named.out.contains(QStringLiteral("\nfolder dialog note: There is already a folder named “\u2068Home\u2069”.\n")),
             qPrintable(named.out));
    QVERIFY2(named.out.contains(QStringLiteral("\nactive focus: folderNameField\n")), qPrintable(named.out));
    {
        rwkv::store::ConversationStore store(dbOf(naming));
        QCOMPARE(store.listFolders().size(), 3);
        QCOMPARE(store.conversation(ids[3])->folder_id, 0);
    }
    const rwkv::e2e::DesktopRun& deleted = runs[1];
    QVERIFY2(deleted.exitCode == 0, qPrintable(deleted.out + deleted.err));
    QVERIFY2(deleted.out.contains(QStringLiteral("\nfolder rows: Home 1 open | Japanese practice 1 open\n")),
             qPrintable(deleted.out));
    rwkv::store::ConversationStore store(dbOf(deleting));
    QCOMPARE(store.listFolders().size(), 2);
    QCOMPARE(store.listConversations().size(), 4);
    QCOMPARE(store.conversation(ids[0])->folder_id, 0);  // Report, out of the folder, kept
}

// The first folder, made from a chat's right-click menu (New folder…, "work", Return): the chat goes into it, and the
// keyboard focus comes back to the chat's row, which alone draws its "⋯" for the focus (the open chat's for being open).
// Before, the focus the dialog handed back went to another row (Alpha's: ListView's current row, moved by the rows
// inserted above it), which drew its "⋯" where the pointer was not (session 48's trial; the hook's "row menu marks:").
void TestSidebarFoldersE2e::newFolderGivesTheFocusBackToTheChat() {
    const rwkv::e2e::StartFolders folders;
    QVERIFY(folders.isValid());
    QList<qint64> ids;  // Open, Hello, Beta, Alpha
    {
        rwkv::store::ConversationStore store(dbOf(folders));
        for (const char* title : {"Open", "Hello", "Beta", "Alpha"}) {
            ids << store.createConversation(QString::fromUtf8(title));
            store.addMessage(ids.last(), 0, rwkv::store::Role::User, QStringLiteral("About ") + QString::fromUtf8(title));
        }
    }
    const QString beta = QStringLiteral("conversationRow-%1").arg(ids[2]);
    const rwkv::e2e::DesktopRun run = rwkv::e2e::runDesktopsAtOnce({folders.start(
        {QStringLiteral("--data-dir"), folders.path(), QStringLiteral("--select"), QString::number(ids[0]),
         QStringLiteral("--keys"),
         QStringLiteral("Hover:%1,RightClick:%1,Click:moveToFolderMenuItem,Click:newFolderMenuItem,W,O,R,K,Return").arg(beta),
         QStringLiteral("--screenshot"), folders.filePath(QStringLiteral("f.png"))})})[0];
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QCOMPARE(rwkv::e2e::hookLine(run.out, QStringLiteral("folder rows")), QStringLiteral("work 1 open"));
    QCOMPARE(rwkv::e2e::hookLine(run.out, QStringLiteral("active focus")), beta);
    // Beta's row draws its "⋯" for the focus; no other row does (the open chat's for being open, the one under the
    // pointer for that)
    const QString marks = rwkv::e2e::hookLine(run.out, QStringLiteral("row menu marks"));
    QVERIFY2(marks.startsWith(beta + QStringLiteral(" focus")), qPrintable(marks));
    for (const QString& mark : marks.split(QStringLiteral(" | ")))
        QVERIFY2(mark.startsWith(beta + u' ') || !mark.contains(QStringLiteral("focus")), qPrintable(marks));
}

// A chat's Move to folder submenu, open: "New folder…" starts where the folder names do, which keep room for their
// check mark (the hook's "move to folder menu:", px from each item's left edge). Before, it began at 6 and the names
// at 40 (session 48's trial).
void TestSidebarFoldersE2e::newFolderIsInLineWithTheFolderNames() {
    const rwkv::e2e::StartFolders folders;
    QVERIFY(folders.isValid());
    const QList<qint64> ids = seedLibrary(folders);
    const rwkv::e2e::DesktopRun run = rwkv::e2e::runDesktopsAtOnce({folders.start(
        {QStringLiteral("--data-dir"), folders.path(), QStringLiteral("--select"), QString::number(ids[3]),
         QStringLiteral("--keys"), QStringLiteral("RightClick:conversationRow-%1,Click:moveToFolderMenuItem").arg(ids[3]),
         QStringLiteral("--screenshot"), folders.filePath(QStringLiteral("f.png"))})})[0];
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    const QString menu = rwkv::e2e::hookLine(run.out, QStringLiteral("move to folder menu"));
    const QRegularExpressionMatch home = QRegularExpression(QStringLiteral("^Home at (\\d+) \\|")).match(menu);
    QVERIFY2(home.hasMatch() && home.captured(1).toInt() > 20, qPrintable(menu));  // after a check mark's room
    const QString at = QStringLiteral(" at ") + home.captured(1);
    QCOMPARE(menu, QStringLiteral("Home%1 | Japanese practice%1 | Work%1 | New folder…%1").arg(at));
}

QTEST_GUILESS_MAIN(TestSidebarFoldersE2e)
#include "test_sidebar_folders_e2e.moc"
