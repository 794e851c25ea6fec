// test_versions_never_begun.cpp — the versions a kill -9 left before their first word are deleted when the window
// starts again (ChatController's constructor, ConversationStore::discardRepliesNeverBegun), as Stop deletes them: a
// Regenerate's or a Continue's version committed while a Local API request held the model, and "3 replies"' three
// committed as the prompt was read (older than the newest 256 messages too: aVersionOlderThanTheNewestRowsIsGoneToo). The chat opens as
// before the action, on the reply they were to replace. Before (session 52's trial) each stayed as an empty "No reply"
// version, three of them for "3 replies". A Send's or an Edit's reply, a version whose text was shown but not saved
// (its "-unsaved-" note) and one marked stopped stay. Code: app/core/chat_controller.cpp,
// app/core/store/conversation_store_messages.cpp.
#include <QTemporaryDir>
#include <QtTest>

#include "chat_controller_fixture.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store/schema.h"

using rwkv::store::Role;

class TestVersionsNeverBegun : public QObject, private ChatControllerFixture {
    Q_OBJECT

private slots:
    void init() { ChatControllerFixture::init(); }
    void cleanup() { ChatControllerFixture::cleanup(); }
    void regenerateKilledBeforeItsFirstWordIsGoneAtStart();
    void continueKilledBeforeItsFirstWordIsGoneAtStart();
    void threeRepliesKilledWhileReadAreGoneAtStart();
    void repliesThatAreNoVersionStay();
    void aVersionWhoseTextWasShownStays();
    void aVersionOlderThanTheNewestRowsIsGoneToo();
    void theUnfinishedRowsAreFoundByTheirIndex();

private:
    /// The window started again over the same store: a new controller (the worker and its model as they were).
    void restart() {
        messageTester_.reset();
        listTester_.reset();
        chat_.reset();
        chat_ = std::make_unique<rwkv::app::ChatController>(*store_, *worker_);
    }
    /// The rows chat `conv` opens on: "text/k/N" for each message ("Q/1/1 | A/1/1").
    QString opened(qint64 conv) {
        chat_->refreshConversations();
        chat_->selectConversation(conv);
        QStringList rows;
        const rwkv::app::MessageModel* m = chat_->messages();
        for (int row = 0; row < m->rowCount(); ++row) {
            const rwkv::store::Message message = m->messageAt(row);
            rows.append(QStringLiteral("%1/%2/%3").arg(message.text.isEmpty() ? QStringLiteral("-") : message.text)
                            .arg(message.sibling_index).arg(message.sibling_count));
        }
        return rows.join(QStringLiteral(" | "));
    }
    qint64 conv_ = 0, question_ = 0, reply_ = 0;
    /// A chat "Q" → "A" (its viewed branch ends at "A").
    void chatWithAReply() {
        conv_ = store_->createConversation(QStringLiteral("Versions"));
        question_ = store_->addMessage(conv_, 0, Role::User, QStringLiteral("Q"));
        reply_ = store_->addMessage(conv_, question_, Role::Assistant, QStringLiteral("A"));
    }
};

// A Regenerate's empty version, the branch viewed on it (as the window remembers a turn's reply as it begins).
void TestVersionsNeverBegun::regenerateKilledBeforeItsFirstWordIsGoneAtStart() {
    chatWithAReply();
    const qint64 version = store_->beginReply(conv_, question_, 0, QStringLiteral("m.pth"));
    store_->setViewedBranch(conv_, version);
    restart();
    QVERIFY(!store_->message(version));
    QCOMPARE(store_->viewedLeaf(conv_), reply_);
    QCOMPARE(opened(conv_), QStringLiteral("Q/1/1 | A/1/1"));
}

// A Continue's version (continued_from the reply it goes on from): that reply current again, not a newer sibling.
void TestVersionsNeverBegun::continueKilledBeforeItsFirstWordIsGoneAtStart() {
    chatWithAReply();
    const qint64 newer = store_->addMessage(conv_, question_, Role::Assistant, QStringLiteral("B"));
    const qint64 version = store_->beginReply(conv_, question_, reply_, QStringLiteral("m.pth"));
    store_->setViewedBranch(conv_, version);
    restart();
    QVERIFY(!store_->message(version));
    QCOMPARE(store_->viewedLeaf(conv_), reply_);
    QCOMPARE(opened(conv_), QStringLiteral("Q/1/1 | A/1/2"));
    QVERIFY(store_->message(newer));
}

// "3 replies" killed while the prompt was read: three empty versions, none left.
void TestVersionsNeverBegun::threeRepliesKilledWhileReadAreGoneAtStart() {
    chatWithAReply();
    QList<qint64> versions;
    for (int i = 0; i < 3; ++i) versions.append(store_->beginReply(conv_, question_, 0, QStringLiteral("m.pth")));
    store_->setViewedBranch(conv_, versions.front());
    restart();
    for (const qint64 id : versions) QVERIFY(!store_->message(id));
    QCOMPARE(store_->siblings(reply_), QList<qint64>{reply_});
    QCOMPARE(opened(conv_), QStringLiteral("Q/1/1 | A/1/1"));
}

// A Send's reply killed before its first word (no older reply: its question is read with the next message), an Edit's
// (under its new question), a regenerate marked stopped (its delete refused by a lock) and a version with text stay.
void TestVersionsNeverBegun::repliesThatAreNoVersionStay() {
    chatWithAReply();
    const auto [sent, sentReply] = store_->beginTurn(conv_, reply_, QStringLiteral("Q2"));
    const auto [edited, editedReply] = store_->beginTurn(conv_, 0, QStringLiteral("Q edited"));
    const qint64 stopped = store_->beginReply(conv_, question_, 0);
    QVERIFY(store_->markStoppedBeforeFirstWord(stopped, rwkv::store::ReplyEnd::Stopped));
    const qint64 cut = store_->beginReply(conv_, question_, 0);
    store_->updateMessageText(cut, QStringLiteral("Once"), false);
    restart();
    for (const qint64 id : {sent, sentReply, edited, editedReply, stopped, cut})
        QVERIFY2(store_->message(id), qPrintable(QString::number(id)));
}

// A version whose words were shown but whose save was refused (a full disk): its note waits for the next open of the
// database, which marks it TextLost ("Reply not saved: …"); it is not taken for one that never began.
void TestVersionsNeverBegun::aVersionWhoseTextWasShownStays() {
    QTemporaryDir dir;
    cleanup();
    store_ = std::make_unique<rwkv::store::ConversationStore>(dir.filePath(QStringLiteral("conversations.sqlite")));
    worker_ = std::make_unique<rwkv::app::InferenceWorker>(*store_, QStringLiteral(RWKV_TESTDATA_DIR));
    chatWithAReply();
    const qint64 shown = store_->beginReply(conv_, question_, 0);
    store_->noteTextNotSaved(shown);
    const qint64 never = store_->beginReply(conv_, question_, 0);
    restart();
    QVERIFY(store_->message(shown));
    QVERIFY(!store_->message(never));
}

// A kill's versions older than the newest 256 message ids (rwkv-cli wrote 300 messages in another chat after it) are
// gone as well: the start read only the newest 256 ids before, and this one stayed as an empty "No reply" version.
void TestVersionsNeverBegun::aVersionOlderThanTheNewestRowsIsGoneToo() {
    chatWithAReply();
    const qint64 far = store_->beginReply(conv_, question_, 0);
    store_->setViewedBranch(conv_, far);
    const qint64 other = store_->createConversation(QStringLiteral("Written after"));
    qint64 parent = 0;
    for (int i = 0; i < 300; ++i)
        parent = store_->addMessage(other, parent, i % 2 ? Role::Assistant : Role::User, QStringLiteral("m"));
    const qint64 cut = store_->addMessage(other, parent, Role::Assistant, QString());  // a Send's: no older reply
    restart();
    QVERIFY(!store_->message(far));
    QCOMPARE(store_->viewedLeaf(conv_), reply_);
    QCOMPARE(opened(conv_), QStringLiteral("Q/1/1 | A/1/1"));
    QVERIFY(store_->message(cut));
    QCOMPARE(store_->allMessages(other).size(), 301);
}

// The look reads the unfinished rows only, through the partial index schema v11 adds (a v10 file gets it at its
// upgrade), not every row: a scan would read a large library's whole text at each start.
void TestVersionsNeverBegun::theUnfinishedRowsAreFoundByTheirIndex() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v10.sqlite"));
    qint64 never = 0;
    {
        rwkv::store::Database db(path);
        rwkv::store::migrate(db, rwkv::store::schemaSteps().first(10));
        db.exec("INSERT INTO conversations (title, created_at, updated_at, last_used_at) VALUES ('ten', 1, 1, 1)");
        db.exec("INSERT INTO messages (conversation_id, parent_id, role, text, created_at) VALUES (1, NULL, 1, 'Q', 1)");
        db.exec("INSERT INTO messages (conversation_id, parent_id, role, text, created_at, finished) "
                "VALUES (1, 1, 2, 'A', 2, 1)");
        db.exec("INSERT INTO messages (conversation_id, parent_id, role, text, created_at, finished) "
                "VALUES (1, 1, 2, '', 3, 0)");
        never = db.lastInsertRowId();
    }
    {
        rwkv::store::ConversationStore store(path);
        QCOMPARE(store.openedAtVersion(), 10);
        QCOMPARE(store.discardRepliesNeverBegun(), 1);
        QVERIFY(!store.message(never));
    }
    rwkv::store::Database db(path);
    auto plan = db.cached("EXPLAIN QUERY PLAN SELECT id FROM messages m WHERE m.finished = 0 AND m.role = 2 AND "
                          "m.text = '' AND m.reply_end = 0");
    QStringList steps;
    while (plan->step()) steps.append(plan->columnText(3));
    QVERIFY2(steps.join(u'|').contains(QStringLiteral("USING INDEX messages_unfinished")), qPrintable(steps.join(u'|')));
}

QTEST_GUILESS_MAIN(TestVersionsNeverBegun)
#include "test_versions_never_begun.moc"
