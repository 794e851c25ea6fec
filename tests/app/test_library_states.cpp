// test_library_states.cpp — LibraryController's saved-states part (library_controller_states.cpp), as Settings →
// Folders uses it: the figure read on its own thread is the store's (the blobs' sizes, the file's), "Free space used
// by saved states" runs on that thread, says what it freed and reads the figure again, and is refused while a reply
// is being written (the tiny model of the test data) — its state is saved at its end.
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

#include "chat_controller.h"
#include "inference_worker.h"
#include "library_controller.h"
#include "store/conversation_store.h"

using namespace rwkv::app;
using namespace rwkv::store;

class TestLibraryStates : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void figureAndFreeing();
    void refusedWhileAReplyIsWritten();
    void aSendIsRefusedWhileTheSpaceIsFreed();

private:
    // `turns` turns, a state of `size` random bytes (stored raw) after every reply.
    qint64 chatWithStates(int turns, qint64 size) {
        store_->setRetentionPolicy({1000, 0, false});
        const qint64 c = store_->createConversation(QStringLiteral("Chat"));
        qint64 parent = 0;
        for (int t = 0; t < turns; ++t) {
            const qint64 q = store_->addMessage(c, parent, Role::User, QStringLiteral("Question %1").arg(t));
            parent = store_->addMessage(c, q, Role::Assistant, QStringLiteral("Answer %1").arg(t));
            QByteArray bytes(size, Qt::Uninitialized);
            QRandomGenerator rng(quint32(c * 100 + t));
            rng.fillRange(reinterpret_cast<quint32*>(bytes.data()), size / 4);
            store_->saveSnapshot(c, {parent, {QStringLiteral("0123456789abcdef"), QStringLiteral("fp32"),
                                              QStringLiteral("cpu")}, {SnapshotCodec::Raw, size, bytes}});
        }
        chat_->refreshConversations();
        return c;
    }

    QTemporaryDir dir_;
    std::unique_ptr<ConversationStore> store_;
    std::unique_ptr<InferenceWorker> worker_;
    std::unique_ptr<ChatController> chat_;
    std::unique_ptr<LibraryController> library_;
};

void TestLibraryStates::init() {
    QVERIFY(dir_.isValid());
    QFile::remove(dir_.filePath(QStringLiteral("conversations.sqlite")));
    store_ = std::make_unique<ConversationStore>(dir_.filePath(QStringLiteral("conversations.sqlite")));
    worker_ = std::make_unique<InferenceWorker>(*store_, QStringLiteral(RWKV_TESTDATA_DIR));
    chat_ = std::make_unique<ChatController>(*store_, *worker_);
    library_ = std::make_unique<LibraryController>(*store_, *chat_);
}

void TestLibraryStates::cleanup() {
    library_.reset();  // waits for its thread
    chat_.reset();
    worker_.reset();
    store_.reset();
}

void TestLibraryStates::figureAndFreeing() {
    chatWithStates(4, 256 << 10);
    chatWithStates(2, 256 << 10);
    store_->deleteConversation(chatWithStates(1, 256 << 10));  // counted apart: Settings said 10 chats beside 9 listed
    QVERIFY(!library_->stateStorageKnown());
    QSignalSpy figure(library_.get(), &LibraryController::stateStorageChanged);
    library_->refreshStateStorage();
    QVERIFY(figure.wait(10000));
    QVERIFY(library_->stateStorageKnown());
    QCOMPARE(library_->stateBytes(), qint64(7) * (256 << 10));
    QCOMPARE(library_->stateChats(), 2);
    QCOMPARE(library_->stateChatsInTrash(), 1);
    QCOMPARE(library_->databaseBytes(), store_->stateStorage().fileBytes);
    QVERIFY(library_->databaseBytes() > library_->stateBytes());
    QCOMPARE(library_->bytesText(1'200'000'000), QStringLiteral("1.20 GB"));

    QSignalSpy freed(library_.get(), &LibraryController::statesFreedChanged);
    QCOMPARE(library_->statesFreed(), -1);
    QVERIFY(library_->freeStateSpace());
    QVERIFY(library_->freeingStates());
    QVERIFY(!library_->freeStateSpace());  // one at a time
    QVERIFY(freed.wait(20000));
    QVERIFY(!library_->freeingStates());
    QCOMPARE(library_->statesFreed(), 4);
    QVERIFY2(library_->bytesFreed() >= qint64(4) * (256 << 10), qPrintable(QString::number(library_->bytesFreed())));
    QCOMPARE(library_->notShrunk(), QString());
    QVERIFY(figure.wait(10000));  // read again after the freeing
    QCOMPARE(library_->stateBytes(), qint64(3) * (256 << 10));
    QCOMPARE(library_->stateChats(), 2);
    QCOMPARE(library_->stateChatsInTrash(), 1);
    QCOMPARE(library_->databaseBytes(), store_->stateStorage().fileBytes);
    QCOMPARE(chat_->errorText(), QString());
}

void TestLibraryStates::refusedWhileAReplyIsWritten() {
    chatWithStates(3, 4096);
    QSignalSpy loaded(chat_.get(), &ChatController::modelLoadFinished);
    chat_->loadModel(QStringLiteral(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth"));
    QVERIFY(loaded.wait(20000));
    ChatParams p;
    p.maxTokens = 200000;  // until Stop
    chat_->setParams(p);
    QSignalSpy text(chat_->messages(), &QAbstractItemModel::dataChanged);
    QVERIFY(chat_->send(QStringLiteral("Tell me everything")));
    QVERIFY(text.wait(20000));
    QVERIFY(chat_->writingConversationId() != 0);
    QVERIFY(!library_->freeStateSpace());
    QVERIFY(!library_->freeingStates());
    QCOMPARE(store_->stateStorage().states, qint64(3));  // nothing deleted
    QSignalSpy done(chat_.get(), &ChatController::replyCompleted);
    chat_->stop();
    QVERIFY(done.wait(60000));
    QCOMPARE(chat_->writingConversationId(), qint64(0));
    QSignalSpy freed(library_.get(), &LibraryController::statesFreedChanged);
    QVERIFY(library_->freeStateSpace());
    QVERIFY(freed.wait(20000));
    QCOMPARE(library_->statesFreed(), 2);  // the new chat's one state stays, and the first chat's newest
    QCOMPARE(store_->stateStorage().states, qint64(2));
}

// A Send while the freeing runs is refused with why, its text left in the box (send() false) and nothing stored; once
// the freeing has ended the banner goes and the same Send is answered. Before, the turn was taken and waited unseen
// for the store's writer the VACUUM holds (session 49's trial: "Thinking…" for 15-25 s, the question neither in the box
// nor in the chat, and lost when the app was killed meanwhile). The freeing's end comes through the event loop, so
// the Send right after freeStateSpace() always meets it running.
void TestLibraryStates::aSendIsRefusedWhileTheSpaceIsFreed() {
    const qint64 c = chatWithStates(3, 4096);
    QSignalSpy loaded(chat_.get(), &ChatController::modelLoadFinished);
    chat_->loadModel(QStringLiteral(RWKV_TESTDATA_DIR "/tiny-rwkv7-834K.pth"));
    QVERIFY(loaded.wait(20000));
    ChatParams p;
    p.maxTokens = 4;
    chat_->setParams(p);
    chat_->selectConversation(c);
    QSignalSpy freed(library_.get(), &LibraryController::statesFreedChanged);
    QVERIFY(library_->freeStateSpace());
    QVERIFY(!chat_->send(QStringLiteral("Are you there?")));
    QCOMPARE(chat_->errorText(),
             QStringLiteral("RWKV Desktop is freeing the space used by saved states (Settings → Folders); try again once "
                            "it has finished.\nYour message was not sent: it is still in the message box."));
    QVERIFY(!chat_->regenerate(store_->messages(c).last().id));
    QCOMPARE(chat_->errorText(),
             QStringLiteral("RWKV Desktop is freeing the space used by saved states (Settings → Folders); try again once "
                            "it has finished."));
    QCOMPARE(chat_->writingConversationId(), qint64(0));
    QCOMPARE(store_->allMessages(c).size(), 6);  // nothing stored
    QVERIFY(freed.wait(20000));
    QCOMPARE(library_->statesFreed(), 2);
    QCOMPARE(chat_->errorText(), QString());  // the banner went with the freeing
    QSignalSpy done(chat_.get(), &ChatController::replyCompleted);
    QVERIFY(chat_->send(QStringLiteral("Are you there?")));
    QVERIFY(done.wait(60000));
    QCOMPARE(store_->allMessages(c).size(), 8);
    QCOMPARE(store_->allMessages(c).at(6).text, QStringLiteral("Are you there?"));
}

QTEST_GUILESS_MAIN(TestLibraryStates)
#include "test_library_states.moc"
