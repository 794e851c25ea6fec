// test_disk_quota.cpp — a disk quota used up (EDQUOT) is a full disk to the user. The unix VFS makes only ENOSPC
// SQLITE_FULL; EDQUOT comes as SQLITE_IOERR_WRITE (errno, and the file's last error, say which), and the reply it kept
// from being saved read "the conversation database … could not be written" (session 38's check). The quota is
// tests/app/disk_quota_vfs.h's, its refused writes made to fail as the unix VFS fails them on EDQUOT (or EIO).
// The reply's set-up: unsaved_reply_fixture.h. Code: StoreError::fromConnection (app/core/store/store_error.cpp).
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QtTest>

#include <cerrno>
#include <limits>

#include "disk_quota_vfs.h"
#include "unsaved_reply_fixture.h"
#include "store/store_error.h"

using namespace rwkv::app;
using rwkv::store::ConversationStore;
using rwkv::store::StoreError;

class TestDiskQuota : public QObject, private UnsavedReplyFixture {
    Q_OBJECT

private slots:
    void init() { UnsavedReplyFixture::init(); }
    void cleanup() {
        UnsavedReplyFixture::cleanup();
        disk_quota::uninstall();
    }
    void quotaUsedUpIsAFullDisk_data();
    void quotaUsedUpIsAFullDisk();
    void replyKeptByAQuotaWaitsForRoom();
};

void TestDiskQuota::quotaUsedUpIsAFullDisk_data() {
    QTest::addColumn<int>("errnoOfWrite");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("words");
    QTest::newRow("EDQUOT") << EDQUOT << SQLITE_FULL << QStringLiteral("is full, so this change was not saved");
    QTest::newRow("ENOSPC") << ENOSPC << SQLITE_FULL << QStringLiteral("is full, so this change was not saved");
    QTest::newRow("EIO") << EIO << SQLITE_IOERR << QStringLiteral("A disk error occurred");  // stays an I/O error
}

// A message added once the quota is used up (the write-ahead log cannot grow): SQLITE_FULL and "The disk holding … is
// full" for EDQUOT as for ENOSPC; before, EDQUOT gave SQLITE_IOERR ("A disk error occurred"). EIO stays a disk error.
void TestDiskQuota::quotaUsedUpIsAFullDisk() {
    QFETCH(int, errnoOfWrite);
    QFETCH(int, code);
    QFETCH(QString, words);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversations.sqlite"));
    disk_quota::install(dir.path(), std::numeric_limits<qint64>::max() / 2);
    ConversationStore store(path);
    const qint64 conv = store.createConversation(QStringLiteral("Quota"));
    disk_quota::gRefusal = SQLITE_IOERR_WRITE;  // as the unix VFS reports a write failing with any errno but ENOSPC
    disk_quota::gRefusalErrno = errnoOfWrite;
    disk_quota::gQuota.bytes = 0;
    int caught = -1;
    QString said;
    try {
        store.addMessage(conv, 0, rwkv::store::Role::User, QStringLiteral("A question that does not fit"));
    } catch (const StoreError& e) {
        caught = e.code();
        said = QString::fromStdString(e.userMessage());
    }
    QCOMPARE(caught, code);
    QVERIFY2(said.contains(words), qPrintable(said));
    disk_quota::uninstall();
    QCOMPARE(store.messages(conv).size(), 0);  // nothing half-written
    store.addMessage(conv, 0, rwkv::store::Role::User, QStringLiteral("Room again"));
    QCOMPARE(store.messages(conv).size(), 1);
}

// A reply written while the quota is used up: its banner says no room ("the disk … is full", saved once there is
// room), not "could not be written" with "disk I/O error" on its details line; once there is room it is saved.
void TestDiskQuota::replyKeptByAQuotaWaitsForRoom() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("conversations.sqlite"));
    const auto lift = qScopeGuard([] { disk_quota::uninstall(); });
    const qint64 conv = replyWhile(dir, 0, [] {  // used up from the reply's first piece on
        disk_quota::gRefusal = SQLITE_IOERR_WRITE;
        disk_quota::gRefusalErrno = EDQUOT;
        disk_quota::gQuota.bytes = 0;
    });
    QVERIFY(conv != 0);  // the reply ended, not saved
    QCOMPARE(chat_->errorSummary().section(QLatin1Char('\n'), 0, 0),
             QStringLiteral("This reply is not saved yet: the disk holding the conversation database \u2068%1\u2069 is full.")
                 .arg(path));  // before: "… the conversation database %1 could not be written."
    QCOMPARE(chat_->errorDetail(), QString());  // before: "disk I/O error"
    QVERIFY(chat_->replyAwaitsRoom() && !chat_->replyAwaitsWrite() && !chat_->replyAwaitsLock());
    QVERIFY2(chat_->quitQuestion().startsWith(QStringLiteral("The disk holding the conversation database \u2068%1\u2069 is full")
                                                  .arg(path)),
             qPrintable(chat_->quitQuestion()));
    QCOMPARE(store_->messages(conv).value(1).text, QString());
    disk_quota::uninstall();  // room: the retry saves it
    QTRY_VERIFY_WITH_TIMEOUT(!chat_->replyAwaitsRoom(), 20000);
    QVERIFY(!store_->messages(conv).value(1).text.isEmpty());
}

QTEST_GUILESS_MAIN(TestDiskQuota)
#include "test_disk_quota.moc"
