// test_actions_during_api.cpp — Edit, Regenerate, Continue and "3 replies" while a Local API request holds the worker
// (one request at a time, shared with the window's chats), as test_send_during_api checks a Send: the rows each action
// would commit as it began are committed and drawn at once (the edited question and its empty reply, the new empty
// version, the continued version, the three versions), the status line and the sidebar say the turn waits, Stop ends
// it at once as a turn stopped before its first word (an Edit's question kept and its reply marked Stopped; a new
// version deleted), the request going on; and a turn left to wait writes into those rows once the request ends.
// Before (session 51's "Left"), nothing was stored until the request ended (n × max_tokens), a kill meanwhile lost the
// edited question, Stop did nothing, and the sidebar said "Writing a reply…". Code: ChatController::commitWaitingTurn,
// stopWaitingTurn (chat_controller_waiting.cpp), InferenceWorker::cancelWaitingTurn.
#include <QSignalSpy>
#include <QtTest>

#include <memory>

#include "api_server.h"
#include "chat_controller.h"
#include "chat_controller_fixture.h"
#include "long_api_request.h"
#include "store/conversation_store.h"

using namespace rwkv::app;
using rwkv::store::ReplyEnd;
using rwkv::store::Role;
using State = ChatController::ComposerState;

namespace {
enum Action { Edit, Regenerate, Continue, ThreeReplies };
const QString kWaiting = QStringLiteral("Waiting for a Local API request to finish…");
}  // namespace

class TestActionsDuringApi : public QObject, private ChatControllerFixture {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void storedAtOnceAndStopEndsTheWait_data() { actions(); }
    void storedAtOnceAndStopEndsTheWait();
    void writtenIntoItsRowsOnceTheRequestEnds_data() { actions(); }
    void writtenIntoItsRowsOnceTheRequestEnds();
    void closingEndsTheWaitAtOnce_data() { actions(); }
    void closingEndsTheWaitAtOnce();
    void sendInAnotherChatSaysTheReplyWaits();

private:
    static void actions();
    /// A chat of one question ("Hi") and its greedy reply of 5 tokens, cut by the length limit (it can be continued).
    void makeChat();
    /// The action of the row, on that chat: true when the window took it.
    bool act(Action action);
    /// How many rows the action adds as it begins.
    static int rowsAdded(Action action) { return action == Edit ? 2 : action == ThreeReplies ? 3 : 1; }
    /// A streamed chat completion of 100,000 tokens at 20 ms a piece, read until it writes: it holds the worker.
    void beginLongApiRequest();
    /// The client leaves: the request ends within a piece and frees the worker (waited for).
    void endApiRequest();

    std::unique_ptr<ApiServer> api_;
    rwkv::test::LongApiRequest request_;
    qint64 conv_ = 0, question_ = 0, reply_ = 0;
    QString replyText_;
};

void TestActionsDuringApi::actions() {
    QTest::addColumn<int>("action");
    QTest::newRow("edit") << int(Edit);
    QTest::newRow("regenerate") << int(Regenerate);
    QTest::newRow("continue") << int(Continue);
    QTest::newRow("3 replies") << int(ThreeReplies);
}

void TestActionsDuringApi::init() {
    ChatControllerFixture::init();
    loadDemoModel();
    api_ = std::make_unique<ApiServer>(*worker_);
    QVERIFY2(api_->start(0), qPrintable(api_->errorString()));
}

void TestActionsDuringApi::cleanup() {
    if (request_.active()) endApiRequest();
    api_.reset();
    ChatControllerFixture::cleanup();
}

void TestActionsDuringApi::makeChat() {
    useGreedyReplies(5);
    QVERIFY(chat_->send(QStringLiteral("Hi")));
    waitForReply();
    conv_ = chat_->currentConversationId();
    const auto rows = store_->allMessages(conv_);
    QCOMPARE(rows.size(), 2);
    question_ = rows.at(0).id;
    reply_ = rows.at(1).id;
    replyText_ = rows.at(1).text;
    QVERIFY(!replyText_.isEmpty());
    QCOMPARE(rows.at(1).end, ReplyEnd::LengthLimit);
}

bool TestActionsDuringApi::act(Action action) {
    switch (action) {
    case Edit: return chat_->editMessage(question_, QStringLiteral("Why"));
    case Regenerate: return chat_->regenerate(reply_);
    case Continue: return chat_->continueReply(reply_);
    case ThreeReplies: return chat_->regenerateSeveral(reply_, 3);
    }
    return false;
}

void TestActionsDuringApi::beginLongApiRequest() {
    api_->setReplyPaceMs(20);
    request_.post(api_->port());
    QTRY_VERIFY_WITH_TIMEOUT(request_.writing(), 60000);  // its role, then text: it is being written
    QVERIFY(worker_->apiRunning());
}

void TestActionsDuringApi::endApiRequest() {
    request_.abort();
    QTRY_COMPARE_WITH_TIMEOUT(api_->pendingCount(), 0, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(!worker_->apiRunning(), 60000);  // its job ends within a piece
    api_->setReplyPaceMs(0);
}

void TestActionsDuringApi::storedAtOnceAndStopEndsTheWait() {
    QFETCH(int, action);
    const auto a = Action(action);
    makeChat();
    beginLongApiRequest();
    QVERIFY(act(a));
    // Stored now, while the request still writes: a kill -9 from here on keeps it.
    QCOMPARE(api_->pendingCount(), 1);
    const auto rows = store_->allMessages(conv_);
    QCOMPARE(rows.size(), 2 + rowsAdded(a));
    MessageModel* m = chat_->messages();
    QCOMPARE(m->rowCount(), 2);
    if (a == Edit) {  // a new version of the question, beside the old one, and its empty reply
        QCOMPARE(rows.at(2).role, Role::User);
        QCOMPARE(rows.at(2).text, QStringLiteral("Why"));
        QCOMPARE(rows.at(2).parent_id, qint64(0));
        QCOMPARE(rows.at(3).parent_id, rows.at(2).id);
        QCOMPARE(m->data(m->index(0), MessageModel::TextRole).toString(), QStringLiteral("Why"));
    }
    for (qsizetype i = a == Edit ? 3 : 2; i < rows.size(); ++i) {  // the empty replies the turn will write
        QCOMPARE(rows.at(i).role, Role::Assistant);
        QVERIFY(rows.at(i).text.isEmpty());
        QVERIFY(!rows.at(i).finished);
        if (a != Edit) QCOMPARE(rows.at(i).parent_id, question_);
        QCOMPARE(rows.at(i).continued_from, a == Continue ? reply_ : qint64(0));
    }
    const qint64 newReply = rows.at(a == Edit ? 3 : 2).id;
    QCOMPARE(m->data(m->index(1), MessageModel::IdRole).toLongLong(), newReply);  // the new version shown
    if (a == Continue)  // drawn with the cut text, as the continued version is while written
        QCOMPARE(m->data(m->index(1), MessageModel::TextRole).toString(), replyText_);
    QCOMPARE(chat_->writingVersions(), a == ThreeReplies ? 3 : 0);
    QCOMPARE(chat_->replyStatus(), kWaiting);
    QCOMPARE(chat_->composerState(), State::Generating);
    QCOMPARE(chat_->writingConversationId(), conv_);
    QVERIFY(chat_->property("waitingForApi").toBool());  // the sidebar says it waits

    // Stop ends the wait at once (no signal from the worker, which the request still holds).
    chat_->stop();
    QCOMPARE(chat_->composerState(), State::Ready);
    QVERIFY(!chat_->property("waitingForApi").toBool());
    QVERIFY2(chat_->replyStatus().startsWith(QStringLiteral("Stopped")), qPrintable(chat_->replyStatus()));
    QCOMPARE(api_->pendingCount(), 1);  // the request goes on
    const auto stopped = store_->allMessages(conv_);
    if (a == Edit) {  // the question kept, its reply stopped before the first word
        QCOMPARE(stopped.size(), 4);
        QCOMPARE(stopped.at(2).text, QStringLiteral("Why"));
        QCOMPARE(stopped.at(3).end, ReplyEnd::Stopped);
        QCOMPARE(m->data(m->index(0), MessageModel::TextRole).toString(), QStringLiteral("Why"));
    } else {  // no version added, the reply shown before shown again
        QCOMPARE(stopped.size(), 2);
        QCOMPARE(m->data(m->index(1), MessageModel::IdRole).toLongLong(), reply_);
        QCOMPARE(chat_->writingVersions(), 0);
    }
    QCOMPARE(store_->message(reply_)->text, replyText_);  // the old reply untouched

    // Once the request ends, the dropped turn writes nothing: the next Send is answered after it, in its own rows.
    endApiRequest();
    QVERIFY(chat_->send(QStringLiteral("Again")));
    QCOMPARE(chat_->replyStatus(), QStringLiteral("Thinking…"));
    waitForReply();
    const auto after = store_->allMessages(conv_);
    QCOMPARE(after.size(), stopped.size() + 2);
    for (qsizetype i = 0; i < stopped.size(); ++i) {
        QCOMPARE(after.at(i).id, stopped.at(i).id);
        QCOMPARE(after.at(i).text, stopped.at(i).text);
    }
    QCOMPARE(after.at(after.size() - 2).text, QStringLiteral("Again"));
    QVERIFY(!after.back().text.isEmpty());
}

void TestActionsDuringApi::writtenIntoItsRowsOnceTheRequestEnds() {
    QFETCH(int, action);
    const auto a = Action(action);
    makeChat();
    beginLongApiRequest();
    QVERIFY(act(a));
    const auto rows = store_->allMessages(conv_);
    QCOMPARE(rows.size(), 2 + rowsAdded(a));
    QCOMPARE(chat_->replyStatus(), kWaiting);
    QSignalSpy done(chat_.get(), &ChatController::replyCompleted);
    endApiRequest();
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 60000);
    QCOMPARE(done.takeFirst().at(0).toBool(), true);
    QVERIFY(!chat_->property("waitingForApi").toBool());
    QVERIFY(!chat_->replyStatus().startsWith(QStringLiteral("Waiting")));
    // Written into the rows committed at the action: none added since.
    const auto after = store_->allMessages(conv_);
    QCOMPARE(after.size(), rows.size());
    for (qsizetype i = a == Edit ? 3 : 2; i < after.size(); ++i) {
        QCOMPARE(after.at(i).id, rows.at(i).id);
        QVERIFY(after.at(i).finished);
        if (a == Continue)  // the cut text, then new words
            QVERIFY2(after.at(i).text.startsWith(replyText_) && after.at(i).text.size() > replyText_.size(),
                     qPrintable(after.at(i).text));
        else
            QCOMPARE(after.at(i).token_count, 5);
    }
    if (a == Edit) QCOMPARE(after.at(2).text, QStringLiteral("Why"));
    MessageModel* m = chat_->messages();
    QCOMPARE(m->rowCount(), 2);
    QCOMPARE(m->data(m->index(1), MessageModel::TextRole).toString(), after.at(a == Edit ? 3 : 2).text);
}

// The window closed (Main.qml's onClosing: saveBeforeQuit) while the turn waits: it ends as Stop ends it and the window
// may close now, the request going on. Before (session 52's trial), saveBeforeQuit said false and "Saving the reply
// before closing…" until the request ended — 100,000 tokens at 20 ms: over half an hour.
void TestActionsDuringApi::closingEndsTheWaitAtOnce() {
    QFETCH(int, action);
    const auto a = Action(action);
    makeChat();
    beginLongApiRequest();
    QVERIFY(act(a));
    QCOMPARE(store_->allMessages(conv_).size(), 2 + rowsAdded(a));
    QVERIFY(chat_->saveBeforeQuit());  // nothing to wait for: the window closes
    QCOMPARE(chat_->composerState(), State::Ready);
    QVERIFY(!chat_->property("waitingForApi").toBool());
    QCOMPARE(api_->pendingCount(), 1);  // the request goes on
    const auto rows = store_->allMessages(conv_);
    if (a == Edit) {  // the edited question kept, its reply stopped before its first word
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows.at(2).text, QStringLiteral("Why"));
        QCOMPARE(rows.at(3).end, ReplyEnd::Stopped);
    } else {  // no empty version left beside the reply
        QCOMPARE(rows.size(), 2);
    }
    QCOMPARE(store_->message(reply_)->text, replyText_);
}

// A message sent in another chat while the turn waits is refused with a banner saying that the reply there waits for a
// Local API request. Before (session 52's trial) it said "A reply is being written in “Hi”", while nothing was written
// there and its sidebar row said "Waiting for the Local API…".
void TestActionsDuringApi::sendInAnotherChatSaysTheReplyWaits() {
    makeChat();
    beginLongApiRequest();
    QVERIFY(act(Regenerate));
    chat_->newConversation();
    QVERIFY(!chat_->send(QStringLiteral("Bread")));
    QVERIFY(!chat_->replyElsewhere().isEmpty());
    QCOMPARE(chat_->errorText(), QStringLiteral("A reply in “%1” is waiting for a Local API request. Send once it has "
                                                "ended, or stop it there; your message stays in the box.")
                                     .arg(chat_->replyElsewhere()));
    chat_->selectConversation(conv_);
    chat_->stop();  // the wait ends: the banner goes, and the other chat's Send is taken (it waits in turn)
    QCOMPARE(chat_->composerState(), State::Ready);
    chat_->newConversation();
    QVERIFY(chat_->send(QStringLiteral("Bread")));
    QCOMPARE(chat_->replyStatus(), kWaiting);
}

QTEST_MAIN(TestActionsDuringApi)
#include "test_actions_during_api.moc"
