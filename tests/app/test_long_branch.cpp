// test_long_branch.cpp — a long conversation is read a page at a time (ConversationStore::branchPage,
// ChatController::loadOlderMessages, MessageModel::olderMessages): it opens on its newest kPageMessages messages, the
// older pages come as rows inserted above the first row — through StableRows (MessageView's rows) too, so a ListView
// keeps the rows it shows where they are — down to the first message, in the branch's order. A search hit far up reads a
// window around it, whose newer end grows as the view is scrolled down; another version of a reply and a loop of
// parents across pages read as the whole branch does. Before (session 29's check) the
// whole branch was read and every row copied at start: a 200,000-message conversation took 7-11 s and 1.2 GB.
// The start of the real app on a 200,000-message conversation: tests/e2e/test_long_conversation_e2e.cpp.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

#include "chat_controller.h"
#include "inference_worker.h"
#include "stable_rows_model.h"
#include "store/conversation_store.h"
#include "store/database.h"

using rwkv::app::ChatController;
using rwkv::app::MessageModel;
using rwkv::gui::StableRowsModel;
using rwkv::store::ConversationStore;
using rwkv::store::Message;

class TestLongBranch : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void opensOnTheNewestPage();
    void olderPagesComeAsRowsInsertedAbove();
    void searchHitFarUpReadsAWindowAroundIt();
    void anotherVersionInAWindowReadsDownFromItsFirstRow();
    void anotherVersionKeepsTheRowsShown();
    void anotherVersionFarUpKeepsItsRow();
    void editOfTheFirstRowShownKeepsRows();
    void loopOfParentsAcrossPagesIsCutAsTheWholeBranch();

private:
    /// A conversation of `count` messages on one branch (question, answer, ...), imported at once; its ids, oldest first.
    QList<qint64> seed(int count);
    /// The controller on the database (opened again after a change made behind the store's back).
    void open();
    QList<qint64> shownIds() const;

    static constexpr int kMessages = 10000;
    static constexpr int kPage = ChatController::kPageMessages;
    QTemporaryDir dir_;
    qint64 conversation_ = 0;
    std::unique_ptr<ConversationStore> store_;
    std::unique_ptr<rwkv::app::InferenceWorker> worker_;
    std::unique_ptr<ChatController> chat_;
    std::unique_ptr<QAbstractItemModelTester> tester_;
};

void TestLongBranch::init() {
    QVERIFY(dir_.isValid());
    for (const char* suffix : {"", "-wal", "-shm"}) QFile::remove(dir_.filePath(QStringLiteral("c.sqlite") + suffix));
    open();
}

void TestLongBranch::cleanup() {
    tester_.reset();
    chat_.reset();
    worker_.reset();
    store_.reset();
}

void TestLongBranch::open() {
    cleanup();
    store_ = std::make_unique<ConversationStore>(dir_.filePath(QStringLiteral("c.sqlite")));
    worker_ = std::make_unique<rwkv::app::InferenceWorker>(*store_, QString());
    chat_ = std::make_unique<ChatController>(*store_, *worker_);
    tester_ = std::make_unique<QAbstractItemModelTester>(chat_->messages(),
                                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
}

QList<qint64> TestLongBranch::seed(int count) {
    rwkv::store::ConversationImport data;
    data.conversation.title = QStringLiteral("Long");
    for (int i = 1; i <= count; ++i) {
        Message m;
        m.id = i;
        m.parent_id = i - 1;
        m.role = i % 2 == 1 ? rwkv::store::Role::User : rwkv::store::Role::Assistant;
        m.text = QStringLiteral("message %1").arg(i);
        data.messages << m;
    }
    conversation_ = store_->importConversation(data);
    QList<qint64> ids;
    for (const Message& m : store_->allMessages(conversation_)) ids << m.id;
    chat_->refreshConversations();
    return ids;
}

QList<qint64> TestLongBranch::shownIds() const {
    QList<qint64> out;
    for (int row = 0; row < chat_->messages()->rowCount(); ++row) out << chat_->messages()->messageAt(row).id;
    return out;
}

// 10,000 messages: the newest 100 are read, in order (before: all 10,000).
void TestLongBranch::opensOnTheNewestPage() {
    const QList<qint64> ids = seed(kMessages);
    chat_->selectConversation(conversation_);
    QCOMPARE(chat_->messages()->rowCount(), kPage);
    QCOMPARE(shownIds(), ids.mid(kMessages - kPage));
    QVERIFY(chat_->messages()->hasOlder());
    QCOMPARE(chat_->messages()->messageAt(kPage - 1).text, QStringLiteral("message %1").arg(kMessages));
    StableRowsModel rows;
    rows.setKeyRole("messageId");
    rows.setSource(chat_->messages());
    QCOMPARE(rows.count(), kPage);
}

// Each older page comes as rows inserted at row 0 (no reset: a view keeps what it shows); the row that was first is
// then row 100, and so on to the first message, after which nothing more is read. The view's rows equal the model's.
void TestLongBranch::olderPagesComeAsRowsInsertedAbove() {
    const QList<qint64> ids = seed(kMessages);
    chat_->selectConversation(conversation_);
    StableRowsModel rows;
    rows.setKeyRole("messageId");
    rows.setSource(chat_->messages());
    QAbstractItemModelTester rowsTester(&rows, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const int idRole = MessageModel::IdRole;
    QSignalSpy resets(&rows, &QAbstractItemModel::modelReset), inserted(&rows, &QAbstractItemModel::rowsInserted),
        removed(&rows, &QAbstractItemModel::rowsRemoved), older(chat_->messages(), &MessageModel::olderMessagesChanged);
    const qint64 wasFirst = rows.data(rows.index(0), idRole).toLongLong();
    QVERIFY(chat_->loadOlderMessages());
    QCOMPARE(resets.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), kPage - 1);
    QCOMPARE(rows.count(), 2 * kPage);
    QCOMPARE(rows.data(rows.index(kPage), idRole).toLongLong(), wasFirst);
    QCOMPARE(shownIds(), ids.mid(kMessages - 2 * kPage));
    int pages = 2;
    while (chat_->loadOlderMessages()) ++pages;
    QCOMPARE(pages, kMessages / kPage);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(shownIds(), ids);
    QCOMPARE(rows.count(), kMessages);
    QCOMPARE(rows.data(rows.index(0), idRole).toLongLong(), ids.first());
    QVERIFY(!chat_->messages()->hasOlder());
    QCOMPARE(older.count(), 1);  // on at the start, off once the first message is read
    QVERIFY(!chat_->loadOlderMessages());
    QCOMPARE(chat_->damageNote(), QString());
}

// A search hit reads a window of the branch around it: 100 messages above it (itself included) and 100 below, the ids
// of the path down to the newest message only. One on message 9,851 of 10,000 shows 9,752..9,951; one on message 51
// then 1..151 — 351 messages read for both. Scrolled down, the window grows a page at a time (rows inserted at its
// end, no reset) to the newest message. Before (session 30's check) every page down to the hit was read: here 9,900
// messages for the second hit, at 200,000 messages ~85 s and 650 MB; messageShown follows each.
void TestLongBranch::searchHitFarUpReadsAWindowAroundIt() {
    const QList<qint64> ids = seed(kMessages);
    chat_->selectConversation(conversation_);
    QSignalSpy shown(chat_.get(), &ChatController::messageShown);
    const qint64 readBefore = store_->messagesRead();
    chat_->showMessage(conversation_, ids[kMessages - 150]);
    QCOMPARE(shown.count(), 1);
    QCOMPARE(shownIds(), ids.mid(kMessages - 150 - kPage + 1, 2 * kPage));
    QVERIFY(chat_->messages()->hasOlder());
    QVERIFY(chat_->messages()->hasNewer());
    chat_->showMessage(conversation_, ids[50]);
    QCOMPARE(shown.count(), 2);
    QCOMPARE(shownIds(), ids.mid(0, 51 + kPage));
    QVERIFY(!chat_->messages()->hasOlder());
    QVERIFY(chat_->messages()->hasNewer());
    QCOMPARE(store_->messagesRead() - readBefore, qint64(2 * kPage + 51 + kPage));

    StableRowsModel rows;
    rows.setKeyRole("messageId");
    rows.setSource(chat_->messages());
    QAbstractItemModelTester rowsTester(&rows, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&rows, &QAbstractItemModel::modelReset), inserted(&rows, &QAbstractItemModel::rowsInserted),
        removed(&rows, &QAbstractItemModel::rowsRemoved);
    QVERIFY(chat_->loadNewerMessages());
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 51 + kPage);
    QCOMPARE(inserted.at(0).at(2).toInt(), 51 + 2 * kPage - 1);
    int pages = 1;
    while (chat_->loadNewerMessages()) ++pages;
    QCOMPARE(pages, (kMessages - 151 + kPage - 1) / kPage);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(shownIds(), ids);
    QVERIFY(!chat_->messages()->hasNewer());
    QCOMPARE(store_->messagesRead() - readBefore, qint64(2 * kPage + kMessages));  // the first hit's window, then all once
}

// A window around a hit on a question with two replies: › to the other reply (a branch of its own) reads the window
// again from its first row down, the other reply last; ‹ back reads the long branch from the same first row, a page
// under the reply, not up from the newest message.
void TestLongBranch::anotherVersionInAWindowReadsDownFromItsFirstRow() {
    const QList<qint64> ids = seed(kMessages);
    const qint64 other = store_->addMessage(conversation_, ids[50], rwkv::store::Role::Assistant,
                                            QStringLiteral("another reply"));
    chat_->showMessage(conversation_, ids[60]);
    QCOMPARE(shownIds(), ids.mid(0, 61 + kPage));
    const qint64 readBefore = store_->messagesRead();
    chat_->showSibling(ids[51], +1);
    QCOMPARE(shownIds(), ids.mid(0, 51) << other);
    QVERIFY(!chat_->messages()->hasNewer());
    chat_->showSibling(other, -1);
    QCOMPARE(shownIds(), ids.mid(0, 54));
    QVERIFY(chat_->messages()->hasNewer());
    // 52 rows, then the newest page (it does not reach the first row) and the window's 54: not the 9,950 between.
    QCOMPARE(store_->messagesRead() - readBefore, qint64(52 + kPage + 54));
}

// The last question has two replies; with two pages shown, ‹ to the older reply reloads the branch down from the row
// shown first: the same 200 rows with the other reply last, and the view's rows change after the kept ones only.
void TestLongBranch::anotherVersionKeepsTheRowsShown() {
    const QList<qint64> ids = seed(kMessages);
    const qint64 other = store_->addMessage(conversation_, ids[kMessages - 2], rwkv::store::Role::Assistant,
                                            QStringLiteral("another reply"));
    chat_->selectConversation(conversation_);
    QCOMPARE(chat_->messages()->lastId(), other);
    QVERIFY(chat_->loadOlderMessages());
    StableRowsModel rows;
    rows.setKeyRole("messageId");
    rows.setSource(chat_->messages());
    QSignalSpy resets(&rows, &QAbstractItemModel::modelReset);
    chat_->showSibling(other, -1);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(shownIds(), ids.mid(kMessages - 2 * kPage));
    QCOMPARE(chat_->messages()->messageAt(2 * kPage - 1).sibling_index, 1);
    QCOMPARE(chat_->messages()->messageAt(2 * kPage - 1).sibling_count, 2);
    QVERIFY(chat_->messages()->hasOlder());
    QCOMPARE(rows.count(), 2 * kPage);
}

// Three pages shown (9,701..10,000) and ‹ › on message 9,751 (row 50), whose other version leads a branch of 500 more
// messages: the other version takes row 50, the 50 rows above it stay (no reset: the view keeps them where they are on
// screen, and so the row switched), its branch below it (a window: fac7f48's reload down from the first row shown).
// Session 30's check, P4: the branch was read from that leaf for the rows shown and 2 more only (302 of its 501
// messages): the version chosen and every row above it were gone, the view ~200 messages away.
void TestLongBranch::anotherVersionFarUpKeepsItsRow() {
    const QList<qint64> ids = seed(kMessages);
    const int at = kMessages - 250;  // ids[at]: message 9,751, row 50 of three pages
    qint64 other = store_->addMessage(conversation_, ids[at - 1], rwkv::store::Role::User, QStringLiteral("other"));
    QList<qint64> otherBranch{other};
    for (int i = 0; i < 500; ++i)
        otherBranch << store_->addMessage(conversation_, otherBranch.last(),
                                          i % 2 == 0 ? rwkv::store::Role::Assistant : rwkv::store::Role::User,
                                          QStringLiteral("below other %1").arg(i));
    store_->setViewedBranch(conversation_, ids.last());
    chat_->selectConversation(conversation_);
    QVERIFY(chat_->loadOlderMessages());
    QVERIFY(chat_->loadOlderMessages());
    QCOMPARE(shownIds(), ids.mid(kMessages - 3 * kPage));
    QCOMPARE(chat_->messages()->indexOfId(ids[at]), 50);
    StableRowsModel rows;
    rows.setKeyRole("messageId");
    rows.setSource(chat_->messages());
    QSignalSpy resets(&rows, &QAbstractItemModel::modelReset);
    chat_->showSibling(ids[at], 1);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(chat_->messages()->indexOfId(other), 50);
    QCOMPARE(shownIds().mid(0, 51), ids.mid(kMessages - 3 * kPage, 50) + QList<qint64>{other});
    QCOMPARE(chat_->messages()->messageAt(50).sibling_index, 2);
    QCOMPARE(chat_->messages()->messageAt(50).sibling_count, 2);
    QVERIFY(chat_->messages()->hasOlder());
    QCOMPARE(rows.count(), chat_->messages()->rowCount());
    // ‹ back: the first version in the same row, its branch down to message 10,000 under it.
    chat_->showSibling(other, -1);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(chat_->messages()->indexOfId(ids[at]), 50);
    QCOMPARE(shownIds().mid(0, 51), ids.mid(kMessages - 3 * kPage, 51));
}

// Session 31's check (P1): the first row shown (message 9,901, the oldest of the page read) edited while older messages
// are left. The turn's start (replyStarted, as the worker sends it once the new question and its empty reply are
// stored) puts the page above the new question as rows inserted at 0 — the view keeps what it shows — and the rows
// from the old question down are replaced by the new two, with no reset; turnShown (the view follows then) comes once
// they are in. Before, no row was kept: the list was reset, and laid out from its top ~100 messages above the question.
void TestLongBranch::editOfTheFirstRowShownKeepsRows() {
    const QList<qint64> ids = seed(kMessages);
    chat_->selectConversation(conversation_);
    QCOMPARE(chat_->messages()->messageAt(0).id, ids[kMessages - kPage]);
    StableRowsModel rows;
    rows.setKeyRole("messageId");
    rows.setSource(chat_->messages());
    QSignalSpy resets(&rows, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&rows, &QAbstractItemModel::rowsInserted);
    QSignalSpy shown(chat_.get(), &ChatController::turnShown);
    const qint64 question = store_->addMessage(conversation_, ids[kMessages - kPage - 1], rwkv::store::Role::User,
                                               QStringLiteral("edited"));
    const qint64 reply = store_->addMessage(conversation_, question, rwkv::store::Role::Assistant, QString());
    emit worker_->replyStarted(conversation_, question, reply);
    QVERIFY(shown.wait(5000));
    QCOMPARE(shown.constFirst().at(0).toLongLong(), reply);
    QCOMPARE(resets.count(), 0);
    const QList<qint64> expected = ids.mid(kMessages - 2 * kPage, kPage) + QList<qint64>{question, reply};
    QCOMPARE(shownIds(), expected);
    QVERIFY(chat_->messages()->hasOlder());
    QCOMPARE(rows.count(), kPage + 2);
    QVERIFY(!inserted.isEmpty());
    QCOMPARE(inserted.constFirst().at(1).toInt(), 0);  // the page above: rows 0..99
    QCOMPARE(inserted.constFirst().at(2).toInt(), kPage - 1);
    QCOMPARE(chat_->messages()->messageAt(kPage).sibling_index, 2);
}

// 300 messages whose first one is saved as a reply to message 251 (a damaged row): read a page at a time, the branch is
// what branch() reads whole — messages 1..300, message 1 flagged as where the loop closes — and the window says so.
void TestLongBranch::loopOfParentsAcrossPagesIsCutAsTheWholeBranch() {
    const QList<qint64> ids = seed(300);
    {
        rwkv::store::Database db(dir_.filePath(QStringLiteral("c.sqlite")));
        db.exec("UPDATE messages SET parent_id = " + std::to_string(ids[250]) + " WHERE id = " + std::to_string(ids[0]));
    }
    open();
    chat_->selectConversation(conversation_);
    QCOMPARE(chat_->messages()->rowCount(), kPage);
    QCOMPARE(chat_->damageNote(), QString());  // not read yet
    QVERIFY(chat_->loadOlderMessages());
    QVERIFY(chat_->loadOlderMessages());
    QVERIFY(!chat_->messages()->hasOlder());
    QCOMPARE(shownIds(), ids);
    const QList<Message> whole = store_->branch(ids.last());
    QCOMPARE(whole.size(), 300);
    QCOMPARE(chat_->messages()->messageAt(0).damage, whole.first().damage);
    QCOMPARE(chat_->messages()->messageAt(0).damage, int(rwkv::store::ParentsLoop));
    QVERIFY2(chat_->damageNote().contains(QStringLiteral("loops")), qPrintable(chat_->damageNote()));
    QCOMPARE(chat_->damageDetail(), rwkv::store::damageRow(whole.first()));
}

QTEST_GUILESS_MAIN(TestLongBranch)
#include "test_long_branch.moc"
