// test_send_during_api.cpp — a Send while a Local API request holds the worker (one request at a time, shared with the
// window's chats): its question is committed and drawn at once, the status line says what it waits for, Stop ends the
// waiting turn with the question kept (the request goes on), and a turn left to wait runs into the rows committed once
// the request ends. Before (session 51's trial) the box cleared, no question was drawn or stored until the request
// ended ("Thinking…" meanwhile), Stop did nothing, and a kill -9 lost the question. The set-up: chat_controller_fixture.h
// with ApiServer on its worker; the demo model's streamed API reply is made long with setReplyPaceMs, as
// test_api_choices does. Code: ChatController::commitWaitingSend, InferenceWorker::cancelWaitingTurn.
#include <QSignalSpy>
#include <QtTest>

#include <memory>

#include "api_server.h"
#include "chat_controller.h"
#include "chat_controller_fixture.h"
#include "long_api_request.h"
#include "store/conversation_store.h"

using namespace rwkv::app;
using State = ChatController::ComposerState;

class TestSendDuringApi : public QObject, private ChatControllerFixture {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void questionIsKeptAtOnceAndStopEndsTheWait();
    void waitingSendRunsOnceTheRequestEnds();

private:
    /// A streamed chat completion of 100,000 tokens at 20 ms a piece, read until it writes: it holds the worker.
    void beginLongApiRequest();
    /// The client leaves: the request ends within a piece and frees the worker (waited for).
    void endApiRequest();

    std::unique_ptr<ApiServer> api_;
    rwkv::test::LongApiRequest request_;
};

void TestSendDuringApi::init() {
    ChatControllerFixture::init();
    loadDemoModel();
    api_ = std::make_unique<ApiServer>(*worker_);
    QVERIFY2(api_->start(0), qPrintable(api_->errorString()));
}

void TestSendDuringApi::cleanup() {
    if (request_.active()) endApiRequest();
    api_.reset();
    ChatControllerFixture::cleanup();
}

void TestSendDuringApi::beginLongApiRequest() {
    api_->setReplyPaceMs(20);
    request_.post(api_->port());
    // Its role, then text: it is being written. A refusal (a 503) ends the wait at once and is said, not waited out.
    QTRY_VERIFY_WITH_TIMEOUT(request_.writing() || request_.finished(), 60000);
    QVERIFY2(request_.writing(), request_.received().constData());
    QVERIFY(worker_->apiRunning());
}

void TestSendDuringApi::endApiRequest() {
    request_.abort();
    QTRY_COMPARE_WITH_TIMEOUT(api_->pendingCount(), 0, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(!worker_->apiRunning(), 60000);  // its job ends within a piece
    api_->setReplyPaceMs(0);
}

void TestSendDuringApi::questionIsKeptAtOnceAndStopEndsTheWait() {
    beginLongApiRequest();
    QVERIFY(chat_->send(QStringLiteral("Hi")));
    // Stored and drawn now, while the request still writes: a kill -9 from here on keeps it.
    const qint64 conv = chat_->currentConversationId();
    QVERIFY(conv != 0);
    QCOMPARE(api_->pendingCount(), 1);
    const auto stored = store_->messages(conv);
    QCOMPARE(stored.size(), 2);
    QCOMPARE(stored.at(0).role, rwkv::store::Role::User);
    QCOMPARE(stored.at(0).text, QStringLiteral("Hi"));
    QCOMPARE(stored.at(1).role, rwkv::store::Role::Assistant);
    QVERIFY(!stored.at(1).finished);
    MessageModel* m = chat_->messages();
    QCOMPARE(m->rowCount(), 2);
    QCOMPARE(m->data(m->index(0), MessageModel::TextRole).toString(), QStringLiteral("Hi"));
    QCOMPARE(chat_->replyStatus(), QStringLiteral("Waiting for a Local API request to finish…"));
    QCOMPARE(chat_->composerState(), State::Generating);
    // Stop ends the wait at once (no signal from the worker, which the request still holds); the question stays.
    chat_->stop();
    QCOMPARE(chat_->composerState(), State::Ready);
    QVERIFY2(chat_->replyStatus().startsWith(QStringLiteral("Stopped")), qPrintable(chat_->replyStatus()));
    QCOMPARE(api_->pendingCount(), 1);  // the request goes on
    QCOMPARE(store_->message(stored.at(1).id)->end, rwkv::store::ReplyEnd::Stopped);
    QCOMPARE(store_->message(stored.at(0).id)->text, QStringLiteral("Hi"));
    // Once the request ends, the dropped turn writes nothing: the next Send is answered after it, in its own rows.
    endApiRequest();
    useGreedyReplies(5);
    QVERIFY(chat_->send(QStringLiteral("Again")));
    QCOMPARE(chat_->replyStatus(), QStringLiteral("Thinking…"));
    waitForReply();
    const auto after = store_->messages(conv);
    QCOMPARE(after.size(), 4);
    QCOMPARE(after.at(1).id, stored.at(1).id);
    QVERIFY(after.at(1).text.isEmpty());
    QCOMPARE(after.at(1).end, rwkv::store::ReplyEnd::Stopped);
    QCOMPARE(after.at(2).text, QStringLiteral("Again"));
    QVERIFY(!after.at(3).text.isEmpty());
}

void TestSendDuringApi::waitingSendRunsOnceTheRequestEnds() {
    beginLongApiRequest();
    useGreedyReplies(5);
    QVERIFY(chat_->send(QStringLiteral("Hi")));
    const qint64 conv = chat_->currentConversationId();
    const auto stored = store_->messages(conv);
    QCOMPARE(stored.size(), 2);
    QCOMPARE(chat_->replyStatus(), QStringLiteral("Waiting for a Local API request to finish…"));
    QSignalSpy done(chat_.get(), &ChatController::replyCompleted);  // before: 5 tokens may be written at once
    endApiRequest();
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 60000);
    QCOMPARE(done.takeFirst().at(0).toBool(), true);
    // Written into the rows committed at the Send: no second question.
    const auto after = store_->messages(conv);
    QCOMPARE(after.size(), 2);
    QCOMPARE(after.at(0).id, stored.at(0).id);
    QCOMPARE(after.at(1).id, stored.at(1).id);
    QVERIFY(after.at(1).finished);
    QCOMPARE(after.at(1).token_count, 5);
    QVERIFY(!chat_->replyStatus().startsWith(QStringLiteral("Waiting")));
    MessageModel* m = chat_->messages();
    QCOMPARE(m->rowCount(), 2);
    QCOMPARE(m->data(m->index(1), MessageModel::TextRole).toString(), after.at(1).text);
}

QTEST_MAIN(TestSendDuringApi)
#include "test_send_during_api.moc"
