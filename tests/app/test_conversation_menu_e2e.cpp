// test_conversation_menu_e2e.cpp — the sidebar's conversation menu of the real rwkv-desktop window (under Xvfb, see
// tests/e2e/desktop_process.h) opened with a right-click on the conversation, as in other desktop chat apps and file
// managers, drawn in the theme of the moment, and where typing goes after a click on New chat or a row. The --keys test
// hook right-clicks the row (RightClick:conversationRow-ID), clicks a menu item (Click:renameMenuItem) and types. App:
// app/gui/qml/ConversationDelegate.qml, ConversationSidebar.qml.
#include <QDir>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include <utility>

#include "e2e/desktop_process.h"
#include "store/conversation_store.h"

class TestConversationMenuE2e : public QObject {
    Q_OBJECT

private slots:
    void rightClickRenamesAndDeletes();
    void clickOnNewChatOrARowLeavesTheFocusInTheMessageBox();
    void deleteAndRestoreLeaveTheFocusInTheMessageBox();
    void menuFollowsAThemeSwitchedAfterItOpened();
    void tooltipFollowsAThemeSwitch();
    void replyInAnotherChatIsNamedThere();
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

/// rwkv-desktop in `lang`, started in theme `from` ("light" or "dark") on conversation `open` of the data folder of
/// `folders`: the keys `before`, Settings' other theme chosen with the keyboard (as the user does), Esc, two Tabs while
/// Settings slides away, then `after`. For runDesktopsAtOnce(); the saved window: switched.png in that folder.
rwkv::e2e::DesktopStart acrossAThemeSwitch(const rwkv::e2e::StartFolders& folders, qint64 open, const QString& from,
                                           const QString& lang, const QString& before, const QString& after) {
    QSettings(QDir(folders.config.path()).filePath(QStringLiteral("rwkv-desktop/rwkv-desktop.conf")), QSettings::IniFormat)
        .setValue(QStringLiteral("ui/theme"), from);
    const int tabs = from == QLatin1String("light") ? 6 : 5;  // to the Dark or Light button
    const QString keys = before + QStringLiteral(",Click:settingsButton,") + QStringLiteral("Tab,").repeated(tabs) +
                         QStringLiteral("Space,Esc,Tab,Tab,") + after;
    return folders.start({QStringLiteral("--data-dir"), folders.path(), QStringLiteral("--lang"), lang,
                          QStringLiteral("--select"), QString::number(open), QStringLiteral("--keys"), keys,
                          QStringLiteral("--screenshot"), folders.filePath(QStringLiteral("switched.png"))});
}

/// Keeps the saved window of `folders` (acrossAThemeSwitch) as `shot` under $RWKV_SCREENSHOT_DIR.
void keepSwitched(const rwkv::e2e::StartFolders& folders, const QString& shot) {
    if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))
        QFile::copy(folders.filePath(QStringLiteral("switched.png")),
                    QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR")).filePath(shot));
}

}  // namespace

// Right-click on a conversation, Rename…, type "Trip" + Return: the conversation is called Trip. Right-click on the
// other, Delete: it is in the trash (no longer listed). Before session 15 a right-click did nothing (the menu was only
// behind the row's small "⋯"): the hook found no conversationRow item and the app stopped with status 1.
void TestConversationMenuE2e::rightClickRenamesAndDeletes() {
    const rwkv::e2e::StartFolders renaming, deleting;  // the two starts side by side
    QVERIFY(renaming.isValid() && deleting.isValid());
    const QString db = QDir(renaming.path()).filePath(QStringLiteral("conversations.sqlite"));
    const QString deletingDb = QDir(deleting.path()).filePath(QStringLiteral("conversations.sqlite"));
    const auto [ferry, bread] = seedTwoChats(db);
    QCOMPARE(seedTwoChats(deletingDb), std::pair(ferry, bread));
    const auto start = [&](const rwkv::e2e::StartFolders& folders, const QString& keys) {
        return folders.start({QStringLiteral("--data-dir"), folders.path(), QStringLiteral("--select"), QString::number(ferry),
                              QStringLiteral("--keys"), keys, QStringLiteral("--screenshot"),
                              folders.filePath(QStringLiteral("menu.png"))});
    };
    const QList<rwkv::e2e::DesktopRun> runs = rwkv::e2e::runDesktopsAtOnce(
        {start(renaming, QStringLiteral("RightClick:conversationRow-%1,Click:renameMenuItem,Shift+T,R,I,P,Return").arg(ferry)),
         start(deleting, QStringLiteral("RightClick:conversationRow-%1,Click:deleteMenuItem").arg(bread))});
    const rwkv::e2e::DesktopRun& renamed = runs[0];
    QVERIFY2(renamed.exitCode == 0, qPrintable(renamed.out + renamed.err));
    {
        rwkv::store::ConversationStore store(db);
        QCOMPARE(store.conversation(ferry)->title, QStringLiteral("Trip"));
    }
    const rwkv::e2e::DesktopRun& deleted = runs[1];
    QVERIFY2(deleted.exitCode == 0, qPrintable(deleted.out + deleted.err));
    rwkv::store::ConversationStore store(deletingDb);
    const auto listed = store.listConversations();
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.first().id, ferry);
}

// A click on New chat or on a conversation's row leaves the focus in the message box, as Ctrl+N does. Before (session
// 27's trial, F7) the clicked button or row kept it: the letters typed next were lost and Return pressed New chat
// again.
void TestConversationMenuE2e::clickOnNewChatOrARowLeavesTheFocusInTheMessageBox() {
    const rwkv::e2e::StartFolders folders[2];  // the two starts side by side
    QVERIFY(folders[0].isValid() && folders[1].isValid());
    const auto [ferry, bread] = seedTwoChats(QDir(folders[0].path()).filePath(QStringLiteral("conversations.sqlite")));
    QCOMPARE(seedTwoChats(QDir(folders[1].path()).filePath(QStringLiteral("conversations.sqlite"))), std::pair(ferry, bread));
    const QString row = QStringLiteral("Click:conversationRow-%1").arg(bread);
    const QStringList clicks{QStringLiteral("Click:newChatButton"), row};
    QList<rwkv::e2e::DesktopStart> starts;
    for (int i = 0; i < 2; ++i)
        starts << folders[i].start({QStringLiteral("--data-dir"), folders[i].path(), QStringLiteral("--select"),
                                    QString::number(ferry), QStringLiteral("--keys"), clicks[i] + QStringLiteral(",H,I"),
                                    QStringLiteral("--screenshot"), folders[i].filePath(QStringLiteral("click.png"))});
    const QList<rwkv::e2e::DesktopRun> runs = rwkv::e2e::runDesktopsAtOnce(starts);
    for (int i = 0; i < 2; ++i) {
        const QString& click = clicks[i];
        const QString keys = click + QStringLiteral(",H,I");
        const rwkv::e2e::DesktopRun& r = runs[i];
        QVERIFY2(r.exitCode == 0, qPrintable(keys + u' ' + r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("\nactive focus: messageInput\n")), qPrintable(keys + u' ' + r.out));
        QVERIFY2(r.out.contains(QStringLiteral("\nmessage box: 2 characters\n")), qPrintable(keys + u' ' + r.out));
        const QString title = click == row ? QStringLiteral("Bread — RWKV Desktop\n") : QStringLiteral("RWKV Desktop\n");
        QVERIFY2(r.out.contains(QStringLiteral("\nwindow title: ") + title), qPrintable(keys + u' ' + r.out));
    }
}

// Delete of the open conversation from its row's right-click menu or its "⋯" leaves the focus in the message box of
// the new empty chat, as Ctrl+N does; so do closing the trash dialog after a Restore (the restored chat is open
// behind it, the Trash button still there) and the toast's Undo of a Delete. Before (session 29's trial, T3), the
// menu's row went with the delete and the focus with it ("active focus: none" or the window's content item): the
// letters typed next were lost; after a Restore the Trash button kept it; after Undo (session 29's check, D1) the
// toast's button went with the toast.
void TestConversationMenuE2e::deleteAndRestoreLeaveTheFocusInTheMessageBox() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto [ferry, bread] = seedTwoChats(QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite")));
    struct Case {
        qint64 open;
        QString keys, title;
    };
    // Bread alone is left for the "⋯" case: its row's button is the only one.
    const QList<Case> cases{
        {ferry, QStringLiteral("RightClick:conversationRow-%1,Click:deleteMenuItem,H,I").arg(ferry), QString()},
        {bread, QStringLiteral("Click:conversationMenuButton,Click:deleteMenuItem,H,I"), QString()},
        {0, QStringLiteral("Click:trashButton,Click:restoreButton-%1,Click:trashCloseButton,H,I").arg(ferry),
         QStringLiteral("Ferry questions — ")},  // both in the trash: the Trash button stays after the Restore
        // The toast's Undo of a Delete opens the chat again; its button went with the toast and the focus with it
        // (session 29's check, D1: the letters typed next were lost).
        {ferry,
         QStringLiteral("RightClick:conversationRow-%1,Click:deleteMenuItem,Click:undoButton,H,I").arg(ferry),
         QStringLiteral("Ferry questions — ")},
    };
    for (int i = 0; i < cases.size(); ++i) {
        const Case& c = cases[i];
        // Each run its own settings: the letters typed and not sent are kept as the open chat's draft (b40f693),
        // and would come back in the next run's box.
        QTemporaryDir config;
        QVERIFY(config.isValid());
        QStringList args{QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--keys"), c.keys,
                         QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("delete.png"))};
        if (c.open != 0) args << QStringLiteral("--select") << QString::number(c.open);
        const rwkv::e2e::DesktopRun r = rwkv::e2e::runDesktop(args, 180000, false, config.path());
        QVERIFY2(r.exitCode == 0, qPrintable(c.keys + u' ' + r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("\nactive focus: messageInput\n")), qPrintable(c.keys + u' ' + r.out));
        QVERIFY2(r.out.contains(QStringLiteral("\nmessage box: 2 characters\n")), qPrintable(c.keys + u' ' + r.out));
        QVERIFY2(r.out.contains(QStringLiteral("\nwindow title: ") + c.title + QStringLiteral("RWKV Desktop\n")),
                 qPrintable(c.keys + u' ' + r.out));
        if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))
            QFile::copy(dir.filePath(QStringLiteral("delete.png")),
                        QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR"))
                            .filePath(QStringLiteral("focus-after-%1.png").arg(i)));
    }
    rwkv::store::ConversationStore store(QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite")));
    QCOMPARE(store.conversation(ferry).value().deleted_at, 0);  // restored
    QVERIFY(store.conversation(bread).value().deleted_at != 0);  // in the trash
}

// The menu opened, closed, the theme switched in Settings (the keyboard, as the user does), the menu opened again: it
// is drawn in the new theme. Before (session 32's check), a menu once opened kept the theme of that moment — Qt 6.4
// does not pass a palette change on to a popup made in a list's delegate —: "#1d2129 on #ffffff" in the dark theme.
void TestConversationMenuE2e::menuFollowsAThemeSwitchedAfterItOpened() {
    const rwkv::e2e::StartFolders fromLight, fromDark;  // the two starts side by side
    QVERIFY(fromLight.isValid() && fromDark.isValid());
    const qint64 ferry = seedTwoChats(QDir(fromLight.path()).filePath(QStringLiteral("conversations.sqlite"))).first;
    QCOMPARE(seedTwoChats(QDir(fromDark.path()).filePath(QStringLiteral("conversations.sqlite"))).first, ferry);
    const QString menu = QStringLiteral("RightClick:conversationRow-%1").arg(ferry);
    const QList<rwkv::e2e::DesktopRun> runs = rwkv::e2e::runDesktopsAtOnce(
        {acrossAThemeSwitch(fromLight, ferry, QStringLiteral("light"), QStringLiteral("en"), menu + QStringLiteral(",Esc"), menu),
         acrossAThemeSwitch(fromDark, ferry, QStringLiteral("dark"), QStringLiteral("en"), menu + QStringLiteral(",Esc"), menu)});
    keepSwitched(fromLight, QStringLiteral("menu-after-switch-from-light.png"));
    keepSwitched(fromDark, QStringLiteral("menu-after-switch-from-dark.png"));
    const std::pair<const char*, const char*> cases[] = {{"light", "#e6e8ec on #1b1d22"}, {"dark", "#1d2129 on #ffffff"}};
    for (int i = 0; i < 2; ++i) {
        const auto& [from, drawn] = cases[i];
        const rwkv::e2e::DesktopRun& r = runs[i];
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("\nconversation menu: %1\n").arg(QLatin1String(drawn))),
                 qPrintable(QLatin1String(from) + u' ' + r.out));
    }
}

// The pointer on the open chat's "⋯" (its tooltip shown), the theme switched in Settings, the pointer back on it: the
// tooltip is drawn in the new theme (zh_CN: its text translated). Before (session 32's check), the tooltip Qt shares
// between every ToolTip.text kept the palette it had over that row: "#1d2129 on #f5f6f8" (light) on the dark window.
void TestConversationMenuE2e::tooltipFollowsAThemeSwitch() {
    const rwkv::e2e::StartFolders fromLight, fromDark;  // the two starts side by side
    QVERIFY(fromLight.isValid() && fromDark.isValid());
    // Bread, the newest: its row is the first, whose "⋯" the hook finds (shown on the open chat's row).
    const qint64 bread = seedTwoChats(QDir(fromLight.path()).filePath(QStringLiteral("conversations.sqlite"))).second;
    QCOMPARE(seedTwoChats(QDir(fromDark.path()).filePath(QStringLiteral("conversations.sqlite"))).second, bread);
    const QString hover = QStringLiteral("Hover:conversationMenuButton");
    const QList<rwkv::e2e::DesktopRun> runs = rwkv::e2e::runDesktopsAtOnce(
        {acrossAThemeSwitch(fromLight, bread, QStringLiteral("light"), QStringLiteral("zh_CN"), hover, hover),
         acrossAThemeSwitch(fromDark, bread, QStringLiteral("dark"), QStringLiteral("zh_CN"), hover, hover)});
    keepSwitched(fromLight, QStringLiteral("tooltip-after-switch-from-light.png"));
    keepSwitched(fromDark, QStringLiteral("tooltip-after-switch-from-dark.png"));
    const std::pair<const char*, const char*> cases[] = {{"light", "#e6e8ec on #22252b"}, {"dark", "#1d2129 on #f5f6f8"}};
    for (int i = 0; i < 2; ++i) {
        const auto& [from, drawn] = cases[i];
        const rwkv::e2e::DesktopRun& r = runs[i];
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("\ntooltip: 重命名、指令、导出、起始状态、置顶、文件夹或删除 | %1\n").arg(QLatin1String(drawn))),
                 qPrintable(QLatin1String(from) + u' ' + r.out));
    }
}


// Session 36's trial (F4): while "Ferry questions" writes its reply (--reply-pace: a slow device), the user opens
// "Bread", types and presses Enter. Before, Bread showed a red Stop (it stopped Ferry's reply) and "Writing…" in its
// status line, Enter did nothing without a word, and no row said which chat was writing. Now Bread offers Send, its
// status line names the chat writing, Enter says why the message waits and keeps it in the box (not sent, nothing
// stored in Bread), and Ferry's row reads "Writing a reply…".
void TestConversationMenuE2e::replyInAnotherChatIsNamedThere() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const QString db = QDir(dir.path()).filePath(QStringLiteral("conversations.sqlite"));
    const auto [ferry, bread] = seedTwoChats(db);
    const QString keys = QStringLiteral("H,I,Return,Click:conversationRow-%1,Q,Return").arg(bread);
    const rwkv::e2e::DesktopRun r = rwkv::e2e::runDesktop(
        {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--select"),
         QString::number(ferry), QStringLiteral("--reply-pace"), QStringLiteral("100"), QStringLiteral("--keys"), keys,
         QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("elsewhere.png")), QStringLiteral("--screenshot-at"),
         QStringLiteral("3")},
        180000, false, config.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY2(r.out.contains(QStringLiteral("\nwindow title: Bread — RWKV Desktop\n")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("\nsend button: Send, enabled\n")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("\nreply status text: A reply is being written in “Ferry questions”…\n")),
             qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("\nerror banner: A reply is being written in “Ferry questions”. Send once it has "
                                           "ended, or stop it there; your message stays in the box. | \n")),
             qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("\nmessage box: 1 characters\n")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("\nwriting in the sidebar: conversationRow-%1 Writing a reply…\n").arg(ferry)),
             qPrintable(r.out));
    rwkv::store::ConversationStore store(db);
    QCOMPARE(store.messages(bread).size(), 1);  // Bread's question alone: Q was not sent
    if (qEnvironmentVariableIsSet("RWKV_SCREENSHOT_DIR"))
        QFile::copy(dir.filePath(QStringLiteral("elsewhere.png")),
                    QDir(qEnvironmentVariable("RWKV_SCREENSHOT_DIR")).filePath(QStringLiteral("reply-elsewhere.png")));
}

QTEST_GUILESS_MAIN(TestConversationMenuE2e)
#include "test_conversation_menu_e2e.moc"
