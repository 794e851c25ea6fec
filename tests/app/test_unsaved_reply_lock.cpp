// test_unsaved_reply_lock.cpp — a reply ChatController could not save for another program's lock on the database
// (set-up: unsaved_reply_fixture.h, the other program other_program.h): the window keeps answering while a save waits
// for it, and the banner, the close dialog's question and the status line name the lock, for a reply that ended and one
// stopped, and follow the reason the reply waits for. The full disk: test_unsaved_reply_disk; the window closed or the
// app quit: test_unsaved_reply_close. Code: app/core/chat_controller_unsaved_reply.cpp
#include <QDir>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>

#include "unsaved_reply_fixture.h"
#include "window_gaps.h"

using namespace rwkv::app;
using rwkv::store::ReplyEnd;
using State = ChatController::ComposerState;

class TestUnsavedReplyLock : public QObject, private UnsavedReplyFixture {
    Q_OBJECT

private slots:
    void init() { UnsavedReplyFixture::init(); }
    void cleanup() { UnsavedReplyFixture::cleanup(); }
    void savingPastAnotherProgramsLockKeepsTheWindowAnswering_data();
    void savingPastAnotherProgramsLockKeepsTheWindowAnswering();
    void replyKeptByAnotherProgramsLockSaysSo();
    void stoppedReplyKeptByAnotherProgramsLockSaysStopped();
    void bannerFollowsTheReasonTheReplyWaitsFor();
};

void TestUnsavedReplyLock::savingPastAnotherProgramsLockKeepsTheWindowAnswering_data() {
    QTest::addColumn<bool>("writing");  // the other program holds a write transaction; else a read one
    QTest::newRow("reading") << false;
    QTest::newRow("writing") << true;
}

// Session 26: while another program held a transaction on the database (a backup reading it, an sqlite3 shell), each
// try to save a reply a full disk kept from being saved waited the store's 5 s busy timeout on the GUI thread: a read
// one for the write-ahead log to be emptied (SQLITE_CHECKPOINT_TRUNCATE), a write one to begin; the window frozen for
// 5 s of every 5 s retry; and a write lock still held then (SQLITE_BUSY) gave the reply up, lost. Now a try waits at
// most ChatController::kSaveLockWaitMs and keeps the reply: the event loop turns (window_gaps.h's 10 ms ticks, through
// a retry of the controller's own timer), and the reply is saved once there is room and the lock is gone.
void TestUnsavedReplyLock::savingPastAnotherProgramsLockKeepsTheWindowAnswering() {
    QFETCH(bool, writing);
    QTemporaryDir dir;
    const auto lift = qScopeGuard([] { disk_quota::uninstall(); });
    // Room in the database file for the log's pages: emptying the log gets as far as waiting for the other's read.
    const qint64 conv = replyOnAFullDisk(dir, 1 << 20);
    QVERIFY(conv != 0);
    QVERIFY(chat_->replyAwaitsRoom());
    const QString shown =
        chat_->messages()->data(chat_->messages()->index(chat_->messages()->rowCount() - 1), MessageModel::TextRole)
            .toString();
    QVERIFY(!shown.isEmpty());

    // A change in the write-ahead log for the other program to read (the worker's try emptied the log into the spare
    // pages), then the disk full again.
    disk_quota::uninstall();
    store_->markUsed(conv);
    disk_quota::gQuota.bytes = 0;

    OtherProgram other(dir);  // holding a transaction
    QVERIFY(other.begin(writing));

    const WindowGaps gaps;  // the window's waits from here on
    chat_->dismissError();  // the banner's ✕: a try at once
    const qint64 tryMs = gaps.elapsedMs();
    auto* retry = chat_->findChild<QTimer*>(QStringLiteral("unsavedRetry"));
    QVERIFY(retry);
    QSignalSpy retried(retry, &QTimer::timeout);  // connected after the controller's own try: it has run
    QVERIFY2(retried.wait(15000), "the reply was given up: no retry");
    qInfo("%s: a try took %lld ms; %d ticks in %lld ms, the longest gap %lld ms", writing ? "writing" : "reading",
          tryMs, gaps.ticks(), gaps.elapsedMs(), gaps.longestMs());
    // Before: the store's 5 s busy timeout, 5,000 ms and more. Half of that: a try waits kSaveLockWaitMs per lock it
    // meets, but SQLite's busy handler sleeps in steps that a loaded machine stretches (160-244 ms beside a build,
    // 311-350 ms beside five other suites and two busy loops, session 39: it grows with the load; 1,000 left 650 ms).
    QVERIFY2(tryMs < 2500, qPrintable(QString::number(tryMs)));
    QVERIFY2(gaps.longestMs() < 2500, qPrintable(QString::number(gaps.longestMs())));
    QVERIFY(chat_->replyAwaitsRoom());
    QCOMPARE(store_->messages(conv)[1].text, QString());

    if (writing) {
        disk_quota::uninstall();  // room again, the lock still held
        chat_->dismissError();
        QVERIFY(chat_->replyAwaitsRoom());  // kept for the next try, not lost
        QVERIFY(chat_->replyAwaitsLock());  // now for the lock alone: the dialog says so
        QCOMPARE(store_->messages(conv)[1].text, QString());
    }
    QVERIFY(other.commit());  // the other program lets go
    disk_quota::uninstall();  // room (again)
    QTRY_VERIFY_WITH_TIMEOUT(!chat_->replyAwaitsRoom(), 15000);  // by the controller's retry
    QCOMPARE(store_->messages(conv)[1].text, shown);
    QVERIFY(store_->messages(conv)[1].finished);
    QCOMPARE(chat_->errorText(), QString());
    qInfo("ticks: %d in %lld ms, the longest gap %lld ms", gaps.ticks(), gaps.elapsedMs(), gaps.longestMs());
    QVERIFY2(gaps.longestMs() < 2500, qPrintable(QString::number(gaps.longestMs())));
}

// Session 26: a reply another program's write lock (not a full disk) kept from being saved — held from the reply's first
// piece of text on, so that its final save, the worker's 5 s wait, fails with SQLITE_BUSY — was said to wait for room:
// the banner, the close dialog's question and the status line once saved all said the disk was full, sending the user
// to free space for nothing. Each now names the other program.
// Session 41: the database under a folder named with a U+202E (RIGHT-TO-LEFT OVERRIDE): the banner and the question
// named its path bare, so the rest of each sentence was drawn backwards; both now isolate it (U+2068 … U+2069).
void TestUnsavedReplyLock::replyKeptByAnotherProgramsLockSaysSo() {
    QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/db\u202eevil-XXXXXX"));
    QVERIFY(dir.isValid());
    const auto lift = qScopeGuard([] { disk_quota::uninstall(); });
    OtherProgram other(dir);
    std::atomic<bool> held = false;
    const qint64 conv = replyWhile(dir, 0, [&] {
        if (!held) held = other.begin(true);
    });
    QVERIFY(conv != 0);
    QVERIFY(held);
    const QString file = dir.filePath(QStringLiteral("conversations.sqlite"));
    const QString error = chat_->errorText();
    QCOMPARE(error.section(QLatin1Char('\n'), 0, 0),
             QStringLiteral("This reply is not saved yet: another program is using the conversation database \u2068%1\u2069.")
                 .arg(file));
    QVERIFY2(error.contains(QStringLiteral("as soon as that program lets go of the database (tried again every few "
                                           "seconds and at the next message); closing the window before that asks "
                                           "first. Copy it now if you cannot close that program.")),
             qPrintable(error));
    QVERIFY2(!error.contains(QStringLiteral("full")) && !error.contains(QStringLiteral("room")), qPrintable(error));
    QVERIFY(chat_->replyAwaitsRoom());
    QVERIFY(chat_->replyAwaitsLock());
    const QString shown =
        chat_->messages()->data(chat_->messages()->index(chat_->messages()->rowCount() - 1), MessageModel::TextRole)
            .toString();
    QVERIFY(!shown.isEmpty());
    // The status line of a finished reply, as once saved (stoppedReplyKeptByAnotherProgramsLockSaysStopped: "Stopped").
    QVERIFY2(QRegularExpression(QStringLiteral("^new conversation, read [0-9]+ tokens · [1-9][0-9]* tokens at [0-9.,]+ tok/s$"))
                 .match(chat_->replyStatus())
                 .hasMatch(),
             qPrintable(chat_->replyStatus()));

    QVERIFY(!chat_->saveBeforeQuit());  // still held: the window asks
    QCOMPARE(chat_->quitQuestion(),
             QStringLiteral("Another program is using the conversation database \u2068%1\u2069, so the last reply is not saved. If "
                            "you quit now, it is lost. Close that program and click Try again, or copy the reply to "
                            "keep it elsewhere.")
                 .arg(file));
    QCOMPARE(store_->messages(conv)[1].text, QString());
    QVERIFY(other.commit());  // the other program lets go, then Try again
    QVERIFY(chat_->saveBeforeQuit());
    QCOMPARE(store_->messages(conv)[1].text, shown);
    QCOMPARE(chat_->errorText(), QString());
    QCOMPARE(chat_->replyStatus(),
             QStringLiteral("The other program let go of the conversation database: the reply is saved."));
    QVERIFY(!chat_->replyAwaitsLock());
}

// A reply stopped (Stop, or Close) while another program holds a write lock: its final save fails and it is kept on
// screen, not saved yet. A finished one showed as finished, but the status line of a stopped one lost its "Stopped · …"
// (it was cleared with the failed save, session 27's brief); both now read as the saved ones do, beside the banner.
void TestUnsavedReplyLock::stoppedReplyKeptByAnotherProgramsLockSaysStopped() {
    QTemporaryDir dir;
    const auto lift = qScopeGuard([] { disk_quota::uninstall(); });
    OtherProgram other(dir);
    const qint64 conv = replyBeingWrittenUnder(dir, [&] { return other.begin(true); });
    QVERIFY(conv != 0);
    chat_->stop();  // the window's Stop
    QVERIFY(QTest::qWaitFor([this] { return chat_->composerState() != State::Generating; }, 30000));
    QVERIFY(chat_->replyAwaitsRoom());  // its save failed on the lock: kept on screen
    QVERIFY(chat_->replyAwaitsLock());
    const QString status = chat_->replyStatus();
    QVERIFY2(status.startsWith(QStringLiteral("Stopped · new conversation, read ")) &&
                 status.contains(QStringLiteral(" tokens at ")),
             qPrintable(status));
    QVERIFY2(!status.contains(QStringLiteral("before the reply began")) && !status.contains(QStringLiteral("disk")),
             qPrintable(status));
    MessageModel* const messages = chat_->messages();
    QCOMPARE(messages->data(messages->index(1), MessageModel::StatusRole).toInt(), int(MessageModel::Status::Complete));
    QCOMPARE(messages->data(messages->index(1), MessageModel::ReplyEndRole).toInt(), int(ReplyEnd::Stopped));
    QVERIFY2(chat_->errorText().startsWith(QStringLiteral("This reply is not saved yet: another program is using ")),
             qPrintable(chat_->errorText()));
    QVERIFY(other.commit());
    QVERIFY(chat_->saveBeforeQuit());  // saved, finished as a stopped reply is, and said to be stopped
    QVERIFY(store_->messages(conv)[1].finished);
    QVERIFY(!store_->messages(conv)[1].text.isEmpty());
    QCOMPARE(store_->messages(conv)[1].end, ReplyEnd::Stopped);
}

// A reply a full disk kept from being saved, then room again while another program holds a write lock: the dialog's
// question and the status line followed the new reason (replyAwaitsLock), but the banner still said the disk was full,
// sending the user to free space (session 27's brief). It now follows too, both ways.
void TestUnsavedReplyLock::bannerFollowsTheReasonTheReplyWaitsFor() {
    QTemporaryDir dir;
    const auto lift = qScopeGuard([] { disk_quota::uninstall(); });
    const qint64 conv = replyOnAFullDisk(dir);
    QVERIFY(conv != 0);
    const QString file = dir.filePath(QStringLiteral("conversations.sqlite"));
    const QString full = QStringLiteral("This reply is not saved yet: the disk holding the conversation database \u2068%1\u2069 is "
                                        "full.").arg(file);
    const QString lock =
        QStringLiteral("This reply is not saved yet: another program is using the conversation database \u2068%1\u2069.")
            .arg(file);
    QCOMPARE(chat_->errorSummary().section(QLatin1Char('\n'), 0, 0), full);
    QVERIFY(!chat_->replyAwaitsLock());

    OtherProgram other(dir);
    QVERIFY(other.begin(true));
    disk_quota::uninstall();  // room again, the lock held: the next retry meets the lock
    QSignalSpy reason(chat_.get(), &ChatController::replyAwaitsRoomChanged);
    QVERIFY(reason.wait(15000));
    QVERIFY(chat_->replyAwaitsRoom());
    QVERIFY(chat_->replyAwaitsLock());
    QVERIFY2(chat_->quitQuestion().startsWith(QStringLiteral("Another program is using")), qPrintable(chat_->quitQuestion()));
    QCOMPARE(chat_->errorText().section(QLatin1Char('\n'), 0, 0), lock);  // before: still the full disk's sentence
    QCOMPARE(chat_->errorSummary().section(QLatin1Char('\n'), 0, 0), lock);
    QVERIFY2(chat_->errorText().contains(QStringLiteral("Copy it now if you cannot close that program.")),
             qPrintable(chat_->errorText()));
    QCOMPARE(chat_->errorDetail(), QString());  // the full disk's words from SQLite are not shown beside it

    QVERIFY(other.commit());  // the lock gone, the disk full again: back to the full disk's words
    disk_quota::gQuota.bytes = 0;
    QVERIFY(reason.wait(15000));
    QVERIFY(chat_->replyAwaitsRoom());
    QVERIFY(!chat_->replyAwaitsLock());
    QCOMPARE(chat_->errorText().section(QLatin1Char('\n'), 0, 0), full);
    QCOMPARE(chat_->errorSummary().section(QLatin1Char('\n'), 0, 0), full);

    disk_quota::uninstall();  // room: saved, the banner gone
    QTRY_VERIFY_WITH_TIMEOUT(!chat_->replyAwaitsRoom(), 15000);
    QCOMPARE(chat_->errorText(), QString());
    QVERIFY(!store_->messages(conv)[1].text.isEmpty());
}

QTEST_GUILESS_MAIN(TestUnsavedReplyLock)
#include "test_unsaved_reply_lock.moc"
