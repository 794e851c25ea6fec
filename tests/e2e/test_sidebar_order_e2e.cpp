// test_sidebar_order_e2e.cpp — the sidebar's rows re-sorted by last use in the real rwkv-desktop window (under Xvfb, see
// desktop_process.h): a reply in a chat far down a long list moved its row to the top, out of the list still scrolled
// down to it, and the row that took its place looked like the open chat (session 54's trial2). App:
// app/gui/qml/ConversationSidebar.qml (keepOpenRowInSight), ConversationListModel::setRows.
#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include "desktop_process.h"
#include "store/conversation_store.h"

class TestSidebarOrderE2e : public QObject {
    Q_OBJECT

private slots:
    void openChatsRowStaysInSightWhenItsReplyMovesIt();
};

// 30 chats; the oldest used, at the foot of the list, is opened (the list scrolls down to it) and a message sent there:
// its reply makes it the chat used last, so its row moves to the top. The hook's "open chat's row:" line says whether
// that row is in sight once the reply has come. Before, it was not even made ("not made": the list stayed scrolled down).
void TestSidebarOrderE2e::openChatsRowStaysInSightWhenItsReplyMovesIt() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const QString db = dir.filePath(QStringLiteral("conversations.sqlite"));
    qint64 oldest = 0;
    {
        rwkv::store::ConversationStore store(db);
        for (int i = 1; i <= 30; ++i) {
            const qint64 id = store.createConversation(QStringLiteral("Chat %1").arg(i));
            const qint64 q = store.addMessage(id, 0, rwkv::store::Role::User, QStringLiteral("Question %1").arg(i));
            store.addMessage(id, q, rwkv::store::Role::Assistant, QStringLiteral("Reply %1").arg(i));
            if (i == 1) oldest = id;
            else store.markUsed(id);  // each later than the one before: "Chat 1" stays the last row
            QTest::qWait(2);
        }
    }
    const rwkv::e2e::DesktopRun r = rwkv::e2e::runDesktop(
        {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--lang"), QStringLiteral("en"),
         QStringLiteral("--select"), QString::number(oldest), QStringLiteral("--send"), QStringLiteral("Hello"),
         QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("sidebar.png"))},
        180000, false, config.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QCOMPARE(rwkv::e2e::hookValue(r.out, QStringLiteral("window title")), QStringLiteral("Chat 1 — RWKV Desktop"));
    // The reply re-sorted the list: "Chat 1" is the chat used last now, its row first.
    rwkv::store::ConversationStore store(db);
    QCOMPARE(store.listConversations().value(0).id, oldest);
    QCOMPARE(rwkv::e2e::hookValue(r.out, QStringLiteral("open chat's row")),
             QStringLiteral("conversationRow-%1 in view").arg(oldest));
}

QTEST_MAIN(TestSidebarOrderE2e)
#include "test_sidebar_order_e2e.moc"
