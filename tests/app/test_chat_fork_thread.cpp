// test_chat_fork_thread.cpp — "New chat from here" on a long chat copies it off the GUI thread
// (ChatController::forkConversation, chat_controller_fork.cpp): every write of the copy is made on another thread
// (disk_quota_vfs.h's write hook names the thread of each), the button's message is "forking" until the chat is
// made, and forkMade names a chat holding the whole branch. Before, the copy ran in the click: a 50,000-message chat
// held the window 10.5-11.7 s on the loaded 2-core box (docs/conversations.md "New chat from here").
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <mutex>

#include "chat_controller.h"
#include "disk_quota_vfs.h"
#include "inference_worker.h"
#include "store/conversation_store.h"

using rwkv::app::ChatController;
using namespace rwkv::store;

class TestChatForkThread : public QObject {
    Q_OBJECT

private slots:
    void aLongChatIsCopiedOffTheGuiThread();
};

void TestChatForkThread::aLongChatIsCopiedOffTheGuiThread() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    disk_quota::install(dir.path(), qint64(1) << 40);  // no quota: the VFS for its write hook
    const auto uninstall = qScopeGuard([] {
        disk_quota::gBeforeWrite = nullptr;
        disk_quota::uninstall();
    });
    ConversationStore store(dir.filePath(QStringLiteral("conversations.sqlite")));
    constexpr int kMessages = 4000;
    ConversationImport data;
    data.conversation.title = QStringLiteral("Long report");
    data.conversation.created_at = 1764000000000;
    for (int m = 1; m <= kMessages; ++m) {
        Message msg;
        msg.id = m;
        msg.parent_id = m - 1;
        msg.role = m % 2 ? Role::User : Role::Assistant;
        msg.text = QStringLiteral("Page %1 of the report, read and answered.").arg(m);
        msg.created_at = data.conversation.created_at + m;
        data.messages.append(msg);
    }
    const qint64 c = store.importConversation(data);
    rwkv::app::InferenceWorker worker(store, QStringLiteral(RWKV_TESTDATA_DIR));
    ChatController chat(store, worker);
    chat.refreshConversations();
    chat.selectConversation(c);
    const qint64 leaf = store.newestMessage(c)->id;

    std::mutex m;
    QSet<QThread*> writers;
    disk_quota::gBeforeWrite = [&] {
        std::lock_guard lock(m);
        writers << QThread::currentThread();
    };
    QSignalSpy made(&chat, &ChatController::forkMade);
    QCOMPARE(chat.forkConversation(leaf), ChatController::kForkIsUnderWay);
    QCOMPARE(chat.forkingMessageId(), leaf);  // the button says "Making the new chat…"
    QVERIFY(made.wait(60000));
    disk_quota::gBeforeWrite = nullptr;
    QCOMPARE(chat.forkingMessageId(), 0);
    {
        std::lock_guard lock(m);
        QVERIFY(!writers.isEmpty());  // the copy was written through the hook
        QVERIFY2(!writers.contains(QThread::currentThread()), "the copy was written on the GUI thread");
    }
    const qint64 fork = made.first().first().toLongLong();
    QVERIFY(made.first().at(1).toString().isNull());  // made under a reply: no question for its box
    QCOMPARE(store.listConversations().first().id, fork);
    QCOMPARE(store.messages(fork).size(), kMessages);
    QCOMPARE(store.messages(fork).last().text, QStringLiteral("Page %1 of the report, read and answered.").arg(kMessages));
    QCOMPARE(chat.errorText(), QString());
}

QTEST_GUILESS_MAIN(TestChatForkThread)
#include "test_chat_fork_thread.moc"
