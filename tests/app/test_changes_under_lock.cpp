// test_changes_under_lock.cpp — changes made from the window while another program holds a write lock on the
// conversation database (an sqlite3 shell in a transaction, a backup, another RWKV Desktop): a rename, a move to the
// trash and a new chat's first message each wait at most ChatController::kChangeLockWaitMs on the GUI thread, so the
// window keeps answering, and the banner says in the lock's words what was not done and that nothing was lost. Before
// (session 26's note) each waited the store's 5 s busy timeout, the window frozen. The other program is
// other_program.h; the set-up chat_controller_fixture.h; the window's waits window_gaps.h. Code:
// app/core/chat_controller*.cpp, library_controller.cpp.
#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>
#include <memory>

#include "chat_controller_fixture.h"
#include "library_controller.h"
#include "other_program.h"
#include "window_gaps.h"

using namespace rwkv::app;
using State = ChatController::ComposerState;

class TestChangesUnderLock : public QObject, private ChatControllerFixture {
    Q_OBJECT

private slots:
    void init() { ChatControllerFixture::init(); }
    void cleanup() {
        library_.reset();
        ChatControllerFixture::cleanup();
    }
    void renameUnderALockKeepsTheName();
    void moveToTrashUnderALockKeepsTheChat();
    void firstMessageUnderALockStaysInTheBox();
    void emptyTrashUnderALockStopsAtTheFirst();

private:
    /// The controllers over a database file in `dir` holding one chat "Trip" (its id), or none when `withChat` is
    /// false; 0 when it could not be made.
    qint64 openLibrary(const QTemporaryDir& dir, bool withChat = true);
    /// Takes `other`'s write lock, runs `change` ("rename" and so on, for the log) and checks it was refused (false)
    /// with the window answering again within 1 s (the store's busy timeout froze it 5 s).
    static void refusedWhileLocked(OtherProgram& other, const char* what, const std::function<bool()>& change);

    std::unique_ptr<LibraryController> library_;
};

qint64 TestChangesUnderLock::openLibrary(const QTemporaryDir& dir, bool withChat) {
    const QString path = dir.filePath(QStringLiteral("conversations.sqlite"));
    qint64 id = 0;
    {
        rwkv::store::ConversationStore writable(path);
        if (withChat) {
            id = writable.createConversation(QStringLiteral("Trip"));
            writable.addMessage(id, 0, rwkv::store::Role::User, QStringLiteral("Where to?"));
        }
    }
    cleanup();
    store_ = std::make_unique<rwkv::store::ConversationStore>(path);
    worker_ = std::make_unique<InferenceWorker>(*store_, QStringLiteral(RWKV_TESTDATA_DIR));
    chat_ = std::make_unique<ChatController>(*store_, *worker_);
    library_ = std::make_unique<LibraryController>(*store_, *chat_);
    chat_->refreshConversations();
    if (withChat) chat_->selectConversation(id);
    return withChat ? id : 1;
}

void TestChangesUnderLock::refusedWhileLocked(OtherProgram& other, const char* what,
                                              const std::function<bool()>& change) {
    QVERIFY(other.begin(true));
    bool done = true;
    const qint64 gap = WindowGaps::longestGapDuring([&] { done = change(); });
    qInfo("%s under the lock: the window did not answer for %lld ms", what, static_cast<long long>(gap));
    QVERIFY(!done);
    QVERIFY2(gap >= 0 && gap < 1000, qPrintable(QString::number(gap)));
}

// A rename while another program holds a write lock: refused within the short wait, the sidebar keeps the old title,
// the banner says the chat was not renamed and keeps that name; nothing written. Once the lock is gone it renames.
void TestChangesUnderLock::renameUnderALockKeepsTheName() {
    QTemporaryDir dir;
    const qint64 id = openLibrary(dir);
    QVERIFY(id != 0);
    OtherProgram other(dir);
    refusedWhileLocked(other, "rename", [&] { return chat_->renameConversation(id, QStringLiteral("Holiday")); });
    if (QTest::currentTestFailed()) return;
    QCOMPARE(chat_->errorText(),
             QStringLiteral("Another program is using the conversation database %1, so the chat was not renamed: it "
                            "keeps the name “\u2068Trip\u2069”. Try again once that program lets go of the database.")
                 .arg(u'\u2068' + store_->path() + u'\u2069'));
    QCOMPARE(chat_->conversations()->titleOf(id), QStringLiteral("Trip"));
    QVERIFY(other.commit());
    QCOMPARE(store_->conversation(id)->title, QStringLiteral("Trip"));
    QVERIFY(chat_->renameConversation(id, QStringLiteral("Holiday")));
    QCOMPARE(chat_->conversations()->titleOf(id), QStringLiteral("Holiday"));
}

// The sidebar's delete (a move to the trash, with Undo) while another program holds a write lock: refused within the
// short wait, the chat stays in the list and open, not in the trash, no Undo offered; the banner says so.
void TestChangesUnderLock::moveToTrashUnderALockKeepsTheChat() {
    QTemporaryDir dir;
    const qint64 id = openLibrary(dir);
    QVERIFY(id != 0);
    OtherProgram other(dir);
    refusedWhileLocked(other, "move to the trash", [&] { return library_->moveToTrash(id); });
    if (QTest::currentTestFailed()) return;
    QCOMPARE(chat_->errorText(),
             QStringLiteral("Another program is using the conversation database %1, so the chat “\u2068Trip\u2069” was not moved "
                            "to the trash: it is kept as it was. Try again once that program lets go of the database.")
                 .arg(u'\u2068' + store_->path() + u'\u2069'));
    QVERIFY(chat_->conversations()->indexOfId(id) >= 0);
    QCOMPARE(chat_->currentConversationId(), id);
    QCOMPARE(chat_->messages()->rowCount(), 1);
    QVERIFY(library_->property("undoTitle").toString().isEmpty());
    QVERIFY(other.commit());
    QCOMPARE(store_->conversation(id)->deleted_at, 0);
    QVERIFY(store_->listTrash().isEmpty());
}

// A new chat's first message while another program holds a write lock: the chat cannot be made, so send() returns
// false and the message box keeps the text (Composer.qml clears it only on true); the banner says so. Nothing is made;
// once the lock is gone the same text is sent.
void TestChangesUnderLock::firstMessageUnderALockStaysInTheBox() {
    // Under a folder named with a U+202E (session 41): its path is isolated, the sentence not drawn backwards.
    QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/db\u202eevil-XXXXXX"));
    QVERIFY(dir.isValid());
    QVERIFY(openLibrary(dir, false) != 0);
    loadDemoModel();
    useGreedyReplies(4);
    chat_->newConversation();
    OtherProgram other(dir);
    refusedWhileLocked(other, "a new chat's first message", [&] { return chat_->send(QStringLiteral("Plan a trip")); });
    if (QTest::currentTestFailed()) return;
    QCOMPARE(chat_->errorText(),
             QStringLiteral("Another program is using the conversation database %1, so the new chat was not started.\n"
                            "Your message was not sent: it is still in the message box.")
                 .arg(u'\u2068' + store_->path() + u'\u2069'));
    QCOMPARE(chat_->composerState(), State::Ready);
    QCOMPARE(chat_->currentConversationId(), 0);
    QCOMPARE(chat_->conversations()->rowCount(), 0);
    QVERIFY(other.commit());
    QVERIFY(store_->listConversations().isEmpty());
    QVERIFY(chat_->send(QStringLiteral("Plan a trip")));
    waitForReply(true);
    QCOMPARE(store_->listConversations().size(), 1);
}

// Empty trash while another program holds a write lock: it stops at the first conversation it cannot delete, one short
// wait in all (it went on through every one, each waiting for the lock: 10 trashed chats froze the window for 2.1 s
// at 200 ms each, 50 s at the 5 s busy timeout before), and all are still in the trash.
void TestChangesUnderLock::emptyTrashUnderALockStopsAtTheFirst() {
    QTemporaryDir dir;
    {
        rwkv::store::ConversationStore writable(dir.filePath(QStringLiteral("conversations.sqlite")));
        for (int i = 0; i < 10; ++i)
            writable.deleteConversation(writable.createConversation(QStringLiteral("Old %1").arg(i)));
    }
    QVERIFY(openLibrary(dir) != 0);
    QCOMPARE(store_->listTrash().size(), 10);
    OtherProgram other(dir);
    QVERIFY(other.begin(true));
    const qint64 gap = WindowGaps::longestGapDuring([&] { library_->emptyTrash(); });
    qInfo("empty trash (10 chats) under the lock: the window did not answer for %lld ms", static_cast<long long>(gap));
    QVERIFY2(gap >= 0 && gap < 1000, qPrintable(QString::number(gap)));
    QVERIFY2(chat_->errorText().startsWith(
                 QStringLiteral("Could not delete the conversation: The conversation database")),
             qPrintable(chat_->errorText()));
    QVERIFY(other.commit());
    QCOMPARE(store_->listTrash().size(), 10);
    library_->emptyTrash();
    QVERIFY(store_->listTrash().isEmpty());
}

QTEST_GUILESS_MAIN(TestChangesUnderLock)
#include "test_changes_under_lock.moc"
