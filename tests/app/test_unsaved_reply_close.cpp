// test_unsaved_reply_close.cpp — the window closed or the app quit with a reply ChatController has not saved (set-up:
// unsaved_reply_fixture.h): the close dialog's question on a full disk, a Close while a reply is written or its final
// save waits for another program's lock (the wait is short and said), and a quit nobody can answer (stderr says the
// reply is lost; with nothing holding the database it is saved as cut by the close). The full disk alone:
// test_unsaved_reply_disk; another program's lock alone: test_unsaved_reply_lock.
// Code: app/core/chat_controller_unsaved_reply.cpp
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>

#include "unsaved_reply_fixture.h"

using namespace rwkv::app;
using rwkv::store::ReplyEnd;
using State = ChatController::ComposerState;

class TestUnsavedReplyClose : public QObject, private UnsavedReplyFixture {
    Q_OBJECT

private slots:
    void init() { UnsavedReplyFixture::init(); }
    void cleanup() { UnsavedReplyFixture::cleanup(); }
    void closingWithAReplyNotSavedAsksFirst();
    void closingWhileAReplyIsWrittenWaitsForItsSave();
    void closingWhileAFinishedReplysSaveWaitsAsksSoon();
    void quitWhileAReplyIsWrittenSaysItIsLost();
    void quitWhileAReplyIsWrittenSavesItAsClosed();
};

// Session 24's trial (F1): the window closed while the disk was still full lost the reply without a word, although the
// banner promised a save "when you quit". Closing now asks first (Main.qml's onClosing: saveBeforeQuit false, then
// UnsavedReplyDialog with quitQuestion, Try again, Copy reply — unsavedReplyText — and Quit anyway), and the banner
// promises no more than that.
void TestUnsavedReplyClose::closingWithAReplyNotSavedAsksFirst() {
    QTemporaryDir dir;
    const auto lift = qScopeGuard([] { disk_quota::uninstall(); });
    const qint64 conv = replyOnAFullDisk(dir);
    QVERIFY(conv != 0);
    const QString error = chat_->errorText();
    QVERIFY2(!error.contains(QStringLiteral("when you quit")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("(tried again every few seconds and at the next message); closing the window "
                                           "before that asks first. Copy it now if you cannot free space.")),
             qPrintable(error));
    const QString shown =
        chat_->messages()->data(chat_->messages()->index(chat_->messages()->rowCount() - 1), MessageModel::TextRole)
            .toString();
    QVERIFY(!shown.isEmpty());
    QVERIFY(!chat_->saveBeforeQuit());  // still full: the window asks instead of closing
    QCOMPARE(chat_->unsavedReplyText(), shown);  // what Copy reply puts on the clipboard
    QCOMPARE(chat_->quitQuestion(),
             QStringLiteral("The disk holding the conversation database \u2068%1\u2069 is full, so the last reply is not saved. If "
                            "you quit now, it is lost. Free some space and click Try again, or copy the reply to keep "
                            "it elsewhere.")
                 .arg(dir.filePath(QStringLiteral("conversations.sqlite"))));
    QCOMPARE(store_->messages(conv)[1].text, QString());
    disk_quota::uninstall();  // space freed, then Try again
    QVERIFY(chat_->saveBeforeQuit());  // saved: the window closes
    QCOMPARE(store_->messages(conv)[1].text, shown);
    QVERIFY(store_->messages(conv)[1].finished);
    QCOMPARE(chat_->unsavedReplyText(), QString());
    QVERIFY(chat_->saveBeforeQuit());  // nothing left: closing does not ask
}

// Session 26's trial: the window closed while a reply was being written and another program (an sqlite3 shell) held a
// write lock on the database. It closed at once without asking (saveBeforeQuit: nothing unsaved yet); the reply's
// final save failed on the lock after this controller was gone, and the row stayed empty ("No reply" at the next
// start). Close now stops the reply and waits for its save; failed on the lock, the window asks the lock's question.
void TestUnsavedReplyClose::closingWhileAReplyIsWrittenWaitsForItsSave() {
    QTemporaryDir dir;
    const auto lift = qScopeGuard([] { disk_quota::uninstall(); });
    OtherProgram other(dir);
    const qint64 conv = replyBeingWrittenUnder(dir, [&] { return other.begin(true); });
    QVERIFY(conv != 0);
    QSignalSpy done(chat_.get(), &ChatController::replyCompleted);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(!chat_->saveBeforeQuit());  // the window's ✕: not closed (before: true, closed at once)
    QCOMPARE(chat_->composerState(), State::Generating);  // stopped, its save under way: Main.qml waits for it
    QVERIFY(!chat_->replyAwaitsRoom());
    // The wait is said on screen, and short: the final save waits for the lock at most
    // ChatController::kCloseSaveLockWaitMs (500 ms), then the dialog asks. Before (session 27's brief) the window
    // showed nothing for the store's whole 5 s busy timeout.
    QCOMPARE(chat_->replyStatus(), QStringLiteral("Saving the reply before closing…"));
    QVERIFY(done.wait(30000));
    const qint64 waitedMs = clock.elapsed();
    qInfo("Close to the end of the reply's save: %lld ms", waitedMs);
    QVERIFY2(waitedMs < 2500, qPrintable(QString::number(waitedMs)));  // before: 5,000 and more
    QCOMPARE(done.takeFirst().at(0).toBool(), false);
    // The reply as a finished one is kept: the streamed text less its trailing spaces and newlines (ChatSession's
    // step 5). The stop lands after any piece, so the text on screen may end in a space ("the the ") — compared
    // as shown, this failed whenever it did.
    QString shown = lastShown();
    while (shown.endsWith(u' ') || shown.endsWith(u'\n')) shown.chop(1);
    QVERIFY(!shown.isEmpty());
    QVERIFY(chat_->replyAwaitsLock());
    QVERIFY(!chat_->saveBeforeQuit());  // Main.qml closes again once the reply has ended: the dialog asks
    QCOMPARE(chat_->quitQuestion(),
             QStringLiteral("Another program is using the conversation database \u2068%1\u2069, so the last reply is not saved. If "
                            "you quit now, it is lost. Close that program and click Try again, or copy the reply to "
                            "keep it elsewhere.")
                 .arg(dir.filePath(QStringLiteral("conversations.sqlite"))));
    QCOMPARE(chat_->unsavedReplyText(), shown);  // Copy reply
    MessageModel* const messages = chat_->messages();  // kept on screen as it will be saved: cut by the close
    QCOMPARE(messages->data(messages->index(1), MessageModel::ReplyEndRole).toInt(), int(ReplyEnd::Closed));
    QCOMPARE(store_->messages(conv)[1].text, QString());
    QVERIFY(other.commit());  // the other program lets go, then Try again
    QVERIFY(chat_->saveBeforeQuit());
    QCOMPARE(store_->messages(conv)[1].text, shown);
    QCOMPARE(store_->messages(conv)[1].end, ReplyEnd::Closed);
}

// The same Close once the reply has ended by itself, its final save already waiting for another program's write lock
// (session 27's brief: the window still showed "Saving the reply before closing…" for the store's whole 5 s busy
// timeout, as stopSavingWithin's limit was read only as that save began). The save now ends once it has waited
// ChatController::kCloseSaveLockWaitMs (500 ms) in all, and the window asks.
void TestUnsavedReplyClose::closingWhileAFinishedReplysSaveWaitsAsksSoon() {
    QTemporaryDir dir;
    const auto lift = qScopeGuard([] { disk_quota::uninstall(); });
    OtherProgram other(dir);
    std::atomic<bool> held = false;
    disk_quota::gRefusedWriteLocks = 0;
    // 24 tokens, unpaced, and no checkpoint of the partial reply: the first save that meets the lock is the final one.
    // Before, the test counted on the reply being written before the first checkpoint (2 s after the turn began): on a
    // busy machine the checkpoint was refused the lock first, and the Close stopped a reply still being written
    // (session 34's check: flaked once under load). The lock is waited for at the first piece (the worker's thread
    // stops there until it is held): refused at once, each of the 24 pieces could meet the store's own write and the
    // reply ended unlocked (the project's CI after session 38: no refusal in 30 s).
    const qint64 conv = startReplyWhile(
        dir, 0,
        [&] {
            if (!held) held = other.begin(true);
        },
        0, false);
    QVERIFY(conv != 0);
    QSignalSpy done(chat_.get(), &ChatController::replyCompleted);
    // The reply has ended and its final save waits: the store's connection is refused the write lock.
    QVERIFY(QTest::qWaitFor([] { return disk_quota::gRefusedWriteLocks > 0; }, 30000));
    QVERIFY(held);
    QCOMPARE(done.count(), 0);
    QCOMPARE(chat_->composerState(), State::Generating);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(!chat_->saveBeforeQuit());  // the window's ✕
    QCOMPARE(chat_->replyStatus(), QStringLiteral("Saving the reply before closing…"));
    QVERIFY(done.wait(30000));
    const qint64 waitedMs = clock.elapsed();
    qInfo("Close to the end of the waiting save: %lld ms", waitedMs);
    QVERIFY2(waitedMs < 2500, qPrintable(QString::number(waitedMs)));  // before: the rest of the 5 s
    QCOMPARE(done.takeFirst().at(0).toBool(), false);
    QVERIFY(chat_->replyAwaitsLock());
    // It ended by itself before Close: the line of a finished reply, not "Stopped · …".
    QVERIFY2(QRegularExpression(QStringLiteral("^new conversation, read [0-9]+ tokens · [1-9][0-9]* tokens at [0-9.,]+ tok/s$"))
                 .match(chat_->replyStatus())
                 .hasMatch(),
             qPrintable(chat_->replyStatus()));
    QVERIFY(!chat_->saveBeforeQuit());  // Main.qml closes again: the dialog asks, in the lock's words
    QVERIFY2(chat_->quitQuestion().startsWith(QStringLiteral("Another program is using the conversation database ")),
             qPrintable(chat_->quitQuestion()));
    const QString reply = chat_->unsavedReplyText();
    QVERIFY(!reply.isEmpty());
    QCOMPARE(store_->messages(conv)[1].text, QString());
    QVERIFY(other.commit());  // the other program lets go, then Try again: saved whole and finished
    QVERIFY(chat_->saveBeforeQuit());
    QCOMPARE(store_->messages(conv)[1].text, reply);
    QVERIFY(store_->messages(conv)[1].finished);
    // It had ended before the Close, at its 24-token limit: saved as such, not as cut by the Close.
    QCOMPARE(store_->messages(conv)[1].end, ReplyEnd::LengthLimit);
}

// The same quit when nobody can answer it (SIGTERM, the test hooks' end: the controller destroyed while the reply is
// being written): it lost the reply without a word. Now the reply is stopped, its save waited for and tried once more,
// and stderr says that it is lost and why.
void TestUnsavedReplyClose::quitWhileAReplyIsWrittenSaysItIsLost() {
    QTemporaryDir dir;
    const auto lift = qScopeGuard([] { disk_quota::uninstall(); });
    OtherProgram other(dir);
    const qint64 conv = replyBeingWrittenUnder(dir, [&] { return other.begin(true); });
    QVERIFY(conv != 0);
    const QString file = dir.filePath(QStringLiteral("conversations.sqlite"));
    const QString lost = QStringLiteral("^rwkv-desktop: the last reply \\([1-9][0-9]* characters\\) was not saved and is "
                                        "lost: another program is still using ");
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(lost + QRegularExpression::escape(file) + QLatin1Char('$')));
    readouts_.reset();
    listTester_.reset();
    messageTester_.reset();
    QElapsedTimer clock;
    clock.start();
    chat_.reset();  // the quit
    const qint64 quitMs = clock.elapsed();
    QCOMPARE(store_->messages(conv)[1].text, QString());
    // One bounded wait (ChatController::kQuitSaveLockWaitMs, 5 s) for the reply's final save and the last try together;
    // before, each waited the store's 5 s busy timeout in turn: 10 s at least. The bound sits between the two with
    // 3.5 s for the stop and the threads on a loaded machine (5,067-5,406 ms beside a build or five other suites and two
    // busy loops, session 39; 7,000 left 1.6 s) and 1.5 s below the old 10 s.
    qInfo("the quit took %lld ms", quitMs);
    QVERIFY2(quitMs < 8500, qPrintable(QString::number(quitMs)));
}

// A quit nobody can answer (SIGTERM, logout: the controller destroyed) while a reply is written and nothing holds the
// database: the reply is saved with the state after its last token, and as cut by the close. Before (session 28's
// trial, N8) it was kept as a reply that ended by itself, "127 tokens" and no mark, where a kill -9 said "Unfinished".
void TestUnsavedReplyClose::quitWhileAReplyIsWrittenSavesItAsClosed() {
    loadDemoModel();
    startLongReply();
    const qint64 conv = chat_->currentConversationId();
    readouts_.reset();
    listTester_.reset();
    messageTester_.reset();
    chat_.reset();  // the quit
    const QList<rwkv::store::Message> saved = store_->messages(conv);
    QCOMPARE(saved.size(), 2);
    QVERIFY(saved[1].finished);
    QVERIFY(!saved[1].text.isEmpty());
    QVERIFY(saved[1].token_count > 0 && saved[1].token_count < 200000);
    QCOMPARE(saved[1].end, ReplyEnd::Closed);
    QCOMPARE(store_->latestSnapshot(conv)->message_id, saved[1].id);  // the next turn continues from it
}

QTEST_GUILESS_MAIN(TestUnsavedReplyClose)
#include "test_unsaved_reply_close.moc"
