// tests/app/test_low_disk.cpp — the start's warning that the data folder's disk has no room for a reply (low_disk.h):
// the threshold (the model's state + 1 MiB) and the sentence. The window's banner: tests/e2e/test_full_disk_e2e.cpp
// (almostFullDiskIsSaidAtStart, a filled tmpfs). And the store on a small disk: its write-ahead log emptied after
// each commit, so the database takes the room (store/database.cpp, a 2 MiB tmpfs: root only, skipped otherwise).
#include "low_disk.h"

#include <QFileInfo>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <sys/mount.h>

#include "store/conversation_store.h"

using namespace rwkv::app;
using rwkv::store::ConversationStore;

class TestLowDisk : public QObject {
    Q_OBJECT

private slots:
    void saidBelowWhatAReplyNeeds();
    void smallDiskIsFilledByTheDatabaseNotItsLog();
    void fullDiskDropsStatesAndKeepsSavingText();
};

namespace {

/// Mounts a tmpfs of `size` (e.g. "2m") at `disk`; false when this process may not (not root).
bool mountSmallDisk(const QString& disk, const char* size) {
    const QByteArray options = QByteArray("size=") + size;
    return QDir().mkpath(disk) &&
           ::mount("tmpfs", QFile::encodeName(disk).constData(), "tmpfs", 0, options.constData()) == 0;
}

/// A turn's state as the demo model's (202,752 random bytes: as large stored as raw) for message `reply`.
rwkv::store::NewSnapshot randomState(qint64 reply, QRandomGenerator& random) {
    rwkv::store::NewSnapshot state;
    state.message_id = reply;
    state.tags = {QStringLiteral("0123456789abcdef"), QStringLiteral("fp32"), QStringLiteral("cpu")};
    state.payload.bytes.resize(202752);
    random.fillRange(reinterpret_cast<quint32*>(state.payload.bytes.data()), 202752 / 4);
    state.payload.raw_size = state.payload.bytes.size();
    return state;
}

}  // namespace

// The demo model's state (12 layers × (2 × 64 + 64 × 64) floats, 202,752 bytes) + 1 MiB = 1,251,328 bytes: one byte
// less free is said, with both amounts; that much or more, or an unknown amount, is not.
void TestLowDisk::saidBelowWhatAReplyNeeds() {
    constexpr qint64 state = 202752;
    QCOMPARE(replyNeedsBytes(state), qint64(1251328));
    QCOMPARE(replyNeedsBytes(-1), kReplyMarginBytes);  // no model: the margin alone
    QCOMPARE(lowDiskText(QStringLiteral("/d"), 1251328, state), QString());
    QCOMPARE(lowDiskText(QStringLiteral("/d"), -1, state), QString());
    QCOMPARE(lowDiskText(QStringLiteral("/d"), 1251327, state),
             QStringLiteral("The disk of the data folder /d is almost full (1.25 MB free; a reply needs up to 1.25 MB): "
                            "new messages may not be saved. Free some space, or start with --data-dir on another disk."));
    QCOMPARE(lowDiskText(QStringLiteral("/d"), 1, state),
             QStringLiteral("The disk of the data folder /d is almost full (1 B free; a reply needs up to 1.25 MB): new "
                            "messages may not be saved. Free some space, or start with --data-dir on another disk."));
    // Nothing free: full, not "almost full (0 B free…)" (session 36's trial).
    QCOMPARE(lowDiskText(QStringLiteral("/d"), 0, state),
             QStringLiteral("The disk of the data folder /d is full (a reply needs up to 1.25 MB): new messages cannot "
                            "be saved. Free some space, or start with --data-dir on another disk."));
    QTemporaryDir dir;  // this machine's disk has room for a reply: nothing to say
    QCOMPARE(lowDiskNotice(dir.path(), state), QString());
}

// Session 35's check: with the data folder on a 2 MiB disk, ~6 turns of the demo model fitted. Each turn's state
// (202,752 bytes) went into the write-ahead log, which SQLite empties only after 1,000 pages (~4 MiB, more than the
// disk) and the old journal_size_limit (64 MiB) did not shrink: the log, not the database, filled the disk, and the
// retention policy's freed pages in the database were never reused. Now, on a disk with little room, every commit
// empties the log into the database. 40 turns with a state each (random bytes: as large stored as raw); counted: the
// turns whose state fitted before the first that did not, and the log's size then.
void TestLowDisk::smallDiskIsFilledByTheDatabaseNotItsLog() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString disk = dir.filePath(QStringLiteral("disk"));
    if (!mountSmallDisk(disk, "2m"))
        QSKIP("mounting a 2 MiB tmpfs needs root (or CAP_SYS_ADMIN); not here");
    const auto unmount = qScopeGuard([&] { ::umount2(QFile::encodeName(disk).constData(), MNT_DETACH); });
    const QString path = disk + QStringLiteral("/conversations.sqlite");
    constexpr int kTurns = 40;
    int saved = 0, firstWithoutState = 0;
    qint64 walThen = -1, walMost = 0;
    {
        ConversationStore store(path);
        const qint64 conv = store.createConversation(QStringLiteral("Small disk"));
        qint64 parent = 0;
        QRandomGenerator random(35);
        for (int turn = 1; turn <= kTurns; ++turn) {
            try {
                const auto [question, reply] = store.beginTurn(conv, parent, QStringLiteral("Question %1").arg(turn));
                const bool withState = store.saveTurnResult(conv, reply, QStringLiteral("Reply %1").arg(turn), 12,
                                                            {}, {randomState(reply, random)});
                ++saved;
                parent = reply;
                const qint64 wal = QFileInfo(path + QStringLiteral("-wal")).size();
                walMost = std::max(walMost, wal);
                if (!withState && firstWithoutState == 0) {
                    firstWithoutState = turn;
                    walThen = wal;
                }
            } catch (const rwkv::store::StoreError& e) {
                qInfo("turn %d not saved: %s", turn, e.what());
                break;
            }
        }
    }
    qInfo("%d of %d turns saved; the first without its state: %d (0: none), the log then %lld bytes, at most %lld",
          saved, kTurns, firstWithoutState, walThen, walMost);
    QCOMPARE(saved, kTurns);  // the text of every turn fits
    QVERIFY2(firstWithoutState == 0 || firstWithoutState > 6, qPrintable(QString::number(firstWithoutState)));
    QVERIFY2(walMost < 256 * 1024, qPrintable(QString::number(walMost)));  // was most of the disk
}

// Session 36's check: on that 2 MiB disk the 52nd turn of rwkv-cli chat failed "disk is full", and every write after
// it, for good: the log held pages past the database file's end, and writing them back needed the file to grow on a
// disk with no room (a 413,696-byte -wal stayed after quitting). Now a commit allocates the file's growth first and
// leaves the log room; a write of text that meets a full disk drops saved states and goes on. Two chats take turns
// (a state each) until a turn's text no longer fits: after the first turn saved without its state, more turns are
// saved as text, states having been dropped (and counted); no -wal beyond its header stays after closing; reopened,
// the library has every saved reply.
void TestLowDisk::fullDiskDropsStatesAndKeepsSavingText() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString disk = dir.filePath(QStringLiteral("disk"));
    if (!mountSmallDisk(disk, "2m")) QSKIP("mounting a 2 MiB tmpfs needs root (or CAP_SYS_ADMIN); not here");
    const auto unmount = qScopeGuard([&] { ::umount2(QFile::encodeName(disk).constData(), MNT_DETACH); });
    const QString path = disk + QStringLiteral("/conversations.sqlite");
    const QString filler = QStringLiteral("words of a long reply that fill the disk ").repeated(50);  // 2,050 chars
    constexpr int kMostTurns = 2000;
    int saved = 0, firstWithoutState = 0;
    qint64 dropped = 0;
    QString endedBy;
    QList<qint64> conv(2);
    QList<qint64> lastReply(2, 0);
    {
        ConversationStore store(path);
        conv[0] = store.createConversation(QStringLiteral("First"));
        conv[1] = store.createConversation(QStringLiteral("Second"));
        QRandomGenerator random(36);
        for (int turn = 1; turn <= kMostTurns; ++turn) {
            const int c = turn % 2;
            try {
                const auto [question, reply] =
                    store.beginTurn(conv[c], lastReply[c], QStringLiteral("Question %1").arg(turn));
                const bool withState = store.saveTurnResult(conv[c], reply, QStringLiteral("Reply %1 ").arg(turn) +
                                                            filler, 12, {}, {randomState(reply, random)});
                ++saved;
                lastReply[c] = reply;
                if (!withState && firstWithoutState == 0) firstWithoutState = turn;
                dropped += store.takeStatesDroppedForRoom();
            } catch (const rwkv::store::StoreError& e) {
                endedBy = QString::fromStdString(e.what());
                break;
            }
        }
        QVERIFY2(!endedBy.isEmpty(), "the disk never filled");
        QVERIFY2(endedBy.contains(QStringLiteral("full")), qPrintable(endedBy));
        QCOMPARE(store.snapshotBytes(), qint64(0));  // the text stopped fitting only once no state was left to drop
    }
    const qint64 wal = QFileInfo(path + QStringLiteral("-wal")).size();  // 0: none
    qInfo("%d turns saved; the first without its state: %d; %lld states dropped for room; then: %s; -wal %lld bytes",
          saved, firstWithoutState, dropped, qPrintable(endedBy), wal);
    QVERIFY(firstWithoutState > 6);
    QVERIFY2(saved >= firstWithoutState + 20, qPrintable(QString::number(saved)));  // text went on after the states
    QVERIFY(dropped > 0);
    QVERIFY2(wal <= 32, qPrintable(QString::number(wal)));
    ConversationStore reopened(path);
    int replies = 0;
    for (int c = 0; c < 2; ++c)
        for (const auto& m : reopened.allMessages(conv[c]))
            if (m.text.startsWith(QStringLiteral("Reply "))) ++replies;
    QCOMPARE(replies, saved);
}

QTEST_GUILESS_MAIN(TestLowDisk)
#include "test_low_disk.moc"
