// tests/app/test_low_disk.cpp — the start's warning that the data folder's disk has no room for a reply (low_disk.h):
// the threshold (the model's state + 1 MiB) and the sentence. The window's banner: tests/e2e/test_full_disk_e2e.cpp
// (almostFullDiskIsSaidAtStart, a filled tmpfs). And the store on a small disk: its write-ahead log emptied after
// each commit, so the database takes the room (store/database.cpp, a 2 MiB tmpfs: root only, skipped otherwise).
#include "low_disk.h"

#include <QCoreApplication>

#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <sys/mount.h>
#include <sys/statvfs.h>

#include "chat_controller.h"
#include "inference_worker.h"
#include "store/conversation_store.h"
#include "store/database.h"

using namespace rwkv::app;
using rwkv::store::ConversationStore;

class TestLowDisk : public QObject {
    Q_OBJECT

private slots:
    void saidBelowWhatAReplyNeeds();
    void smallDiskIsFilledByTheDatabaseNotItsLog();
    void fullDiskDropsStatesAndKeepsSavingText();
    void stateIsSavedWhileItAndTheLogRoomFit();
    void textRefusedForWantOfRoomDropsNoState();
    void bannerComesWhenAStateFindsNoRoom();
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
             QStringLiteral("The disk of the data folder \u2068/d\u2069 is almost full (1.25 MB free; a reply needs "
                            "up to 1.25 MB): new messages may not be saved. Free some space, or choose a data folder "
                            "on another disk in Settings → Folders (used from the next start)."));
    QCOMPARE(lowDiskText(QStringLiteral("/d"), 1, state),
             QStringLiteral("The disk of the data folder \u2068/d\u2069 is almost full (1 B free; a reply needs up to "
                            "1.25 MB): new messages may not be saved. Free some space, or choose a data folder on "
                            "another disk in Settings → Folders (used from the next start)."));
    // Nothing free: full, not "almost full (0 B free…)" (session 36's trial).
    QCOMPARE(lowDiskText(QStringLiteral("/d"), 0, state),
             QStringLiteral("The disk of the data folder \u2068/d\u2069 is full (a reply needs up to 1.25 MB): new "
                            "messages cannot be saved. Free some space, or choose a data folder on another disk in "
                            "Settings → Folders (used from the next start)."));
    // Session 42's trial: the folder was the one path of the start's notices not isolated (U+2068…U+2069, models::
    // isolated): a folder named with U+202E (or in Arabic) turned the rest of the sentence around.
    QCOMPARE(lowDiskText(QStringLiteral("/home/\u202Eevil"), 0, state).left(49),
             QStringLiteral("The disk of the data folder \u2068/home/\u202Eevil\u2069 is full"));
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
// saved as text, states having been dropped (and counted); the write refused at the end drops none; no -wal beyond its
// header stays after closing; reopened, the library has every saved reply.
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
    qint64 statesBeforeTheWrite = 0;  // before the last write tried
    {
        ConversationStore store(path);
        conv[0] = store.createConversation(QStringLiteral("First"));
        conv[1] = store.createConversation(QStringLiteral("Second"));
        QRandomGenerator random(36);
        for (int turn = 1; turn <= kMostTurns; ++turn) {
            const int c = turn % 2;
            try {
                statesBeforeTheWrite = store.snapshotBytes();
                const auto [question, reply] =
                    store.beginTurn(conv[c], lastReply[c], QStringLiteral("Question %1").arg(turn));
                statesBeforeTheWrite = store.snapshotBytes();
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
        // The write refused dropped no state (the log's own pages did not fit: no state's room inside the file helps
        // there). Until session 56 it had dropped every one before it gave up (0 bytes here), for nothing.
        QVERIFY(statesBeforeTheWrite > 0);
        QCOMPARE(store.snapshotBytes(), statesBeforeTheWrite);
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

// Session 36's list: on a small disk states stopped being saved with ~0.5 MB free. That is the rule, not the reserve
// counted twice: a state is saved when the disk keeps kLogRoomBytes (256 KiB) after the file's growth for it, and that
// room is also where this commit's own log goes (the state's pages, ~the state's size) before the checkpoint empties it.
// The demo model's state (202,752 bytes) is saved with exactly its growth + 256 KiB free, leaving 256 KiB, and not with
// a page less (the turn's text is). A state larger than that room needs about twice its size at the commit (the log
// and the file): one of 1,000,000 bytes with 1.8 MB free is not saved, its text is, and no -wal is left (docs/
// conversations.md, "A small disk").
void TestLowDisk::stateIsSavedWhileItAndTheLogRoomFit() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString disk = dir.filePath(QStringLiteral("disk"));
    if (!mountSmallDisk(disk, "2m")) QSKIP("mounting a 2 MiB tmpfs needs root (or CAP_SYS_ADMIN); not here");
    const auto unmount = qScopeGuard([&] { ::umount2(QFile::encodeName(disk).constData(), MNT_DETACH); });
    const QString path = disk + QStringLiteral("/conversations.sqlite");
    const QString filler = disk + QStringLiteral("/filler");
    const auto freeBytes = [&] {
        struct statvfs d {};
        return ::statvfs(QFile::encodeName(disk).constData(), &d) == 0 ? qint64(d.f_bavail) * qint64(d.f_frsize) : -1;
    };
    struct Turn {
        bool withState = false;
        qint64 before = 0, after = 0, wal = 0;
        QString text;
    };
    // A new library, one turn whose question is saved, `free` bytes left on the disk (0: as it is), then its reply
    // with a state of `stateBytes`.
    const auto turn = [&](qint64 free, int stateBytes) {
        for (const QString& f : {path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm"), filler})
            QFile::remove(f);
        Turn t;
        ConversationStore store(path);
        QRandomGenerator random(37);
        const qint64 conv = store.createConversation(QStringLiteral("Chat"));
        const qint64 reply = store.beginTurn(conv, 0, QStringLiteral("Question")).second;
        if (free > 0) {
            const qint64 fill = freeBytes() - free;
            QFile f(filler);
            if (!f.open(QIODevice::WriteOnly) || f.write(QByteArray(fill, 'x')) != fill) return t;
        }
        rwkv::store::NewSnapshot state = randomState(reply, random);
        state.payload.bytes.resize(stateBytes);
        state.payload.raw_size = stateBytes;
        t.before = freeBytes();
        t.withState = store.saveTurnResult(conv, reply, QStringLiteral("Reply"), 12, {}, {state});
        t.after = freeBytes();
        t.text = store.message(reply)->text;
        t.wal = QFileInfo(path + QStringLiteral("-wal")).size();
        return t;
    };
    constexpr qint64 room = rwkv::store::Database::kLogRoomBytes;
    constexpr int demoState = 202752;
    const Turn roomy = turn(0, demoState);
    QVERIFY(roomy.withState);
    const qint64 growth = roomy.before - roomy.after;  // the file's growth for the state: 49 pages here, 200,704 bytes
    QVERIFY2(growth >= demoState - 2 * 4096 && growth <= demoState + 4 * 4096, qPrintable(QString::number(growth)));
    const Turn exact = turn(growth + room, demoState);
    QCOMPARE(exact.before, growth + room);
    QVERIFY(exact.withState);
    QCOMPARE(exact.after, room);  // the log's room kept, nothing more
    QCOMPARE(exact.wal, qint64(0));
    const Turn short1 = turn(growth + room - 4096, demoState);  // a page less: the text only
    QCOMPARE(short1.before, growth + room - 4096);
    QVERIFY(!short1.withState);
    QCOMPARE(short1.text, QStringLiteral("Reply"));
    QCOMPARE(short1.after, short1.before);  // the reply's text went into pages the file had
    const Turn big = turn(1800000, 1000000);
    QVERIFY2(big.before >= 1000000 + 4 * 4096 + room, qPrintable(QString::number(big.before)));  // the check's rule passes
    QVERIFY(!big.withState);  // the log's write of it did not fit: ~2 MB needed
    QCOMPARE(big.text, QStringLiteral("Reply"));
    QVERIFY2(big.wal <= 32, qPrintable(QString::number(big.wal)));
    qInfo("demo state: growth %lld bytes, saved with %lld free, not with %lld; a 1,000,000-byte state not with %lld",
          growth, exact.before, short1.before, big.before);
}

// Session 55's loose ends: a send refused on a full disk had already dropped the saved states (each drop was committed
// before the text was tried again), so the chat's next send read its whole history again. The drop and the text are
// one transaction now: a question that does not fit even in the room of every state drops none; one that fits in the
// room of the other chat's state drops that one only, and the chat's own stays.
void TestLowDisk::textRefusedForWantOfRoomDropsNoState() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString disk = dir.filePath(QStringLiteral("disk"));
    if (!mountSmallDisk(disk, "2m")) QSKIP("mounting a 2 MiB tmpfs needs root (or CAP_SYS_ADMIN); not here");
    const auto unmount = qScopeGuard([&] { ::umount2(QFile::encodeName(disk).constData(), MNT_DETACH); });
    const QString path = disk + QStringLiteral("/conversations.sqlite");
    ConversationStore store(path);
    QRandomGenerator random(55);
    QList<qint64> conv, reply;
    for (int c = 0; c < 2; ++c) {
        conv << store.createConversation(QStringLiteral("Chat %1").arg(c));
        reply << store.beginTurn(conv[c], 0, QStringLiteral("Question")).second;
        QVERIFY(store.saveTurnResult(conv[c], reply[c], QStringLiteral("Reply"), 1, {}, {randomState(reply[c], random)}));
    }
    const qint64 stateBytes = store.snapshotBytes();
    QCOMPARE(stateBytes, qint64(2 * 202752));
    // The disk filled up to 16 KiB above the log's room: no new page of text fits without a state's pages.
    struct statvfs fs {};
    QCOMPARE(::statvfs(QFile::encodeName(disk).constData(), &fs), 0);
    const qint64 freeBytes = qint64(fs.f_bavail) * qint64(fs.f_frsize);
    const qint64 keep = rwkv::store::Database::kLogRoomBytes + (16 << 10);
    QVERIFY(freeBytes > keep);
    QFile filler(disk + QStringLiteral("/filler"));
    QVERIFY(filler.open(QIODevice::WriteOnly));
    QCOMPARE(filler.write(QByteArray(int(freeBytes - keep), 'x')), freeBytes - keep);
    filler.close();
    // Larger than the room of both states: refused, and both states are still there.
    const QString huge = QStringLiteral("a question longer than every saved state together ").repeated(20000);  // 1 MB
    QVERIFY_THROWS_EXCEPTION(rwkv::store::StoreError, store.beginTurn(conv[0], reply[0], huge));
    QCOMPARE(store.takeStatesDroppedForRoom(), qint64(0));
    QCOMPARE(store.snapshotBytes(), stateBytes);  // was 0: both dropped, the question not saved
    for (int c = 0; c < 2; ++c) {
        QCOMPARE(store.snapshots(conv[c]).size(), 1);
        QCOMPARE(store.messages(conv[c]).size(), 2);  // nothing of the refused question
    }
    // Fits in the other chat's room: that state is dropped with the question's save, this chat's stays.
    const QString fits = QStringLiteral("a question that fits once a state is dropped ").repeated(600);  // 27 KB
    const qint64 question = store.beginTurn(conv[0], reply[0], fits).first;
    QCOMPARE(store.message(question)->text, fits);
    QCOMPARE(store.takeStatesDroppedForRoom(), qint64(1));
    QCOMPARE(store.snapshots(conv[0]).size(), 1);
    QCOMPARE(store.snapshots(conv[1]).size(), 0);
}

// Session 57's trial (LOW): the banner came only for a disk (almost) full when the model loaded; one that filled later
// said only "too little disk space: state not saved" in the status line. Now a reply whose state found no room, or
// for whose text saved states were dropped, shows the standing notice's banner (main.cpp: lowDiskNotice) while it has
// a sentence; a reply saved whole, or a damaged file (its own banner), does not.
void TestLowDisk::bannerComesWhenAStateFindsNoRoom() {
    ConversationStore store(QStringLiteral(":memory:"));
    InferenceWorker worker(store, QString());
    ChatController chat(store, worker);
    QString notice;  // room at the start: nothing to say
    chat.setStandingNotice([&notice] { return notice; });
    const auto finished = [&](bool stateSaved, qint64 dropped, bool damaged = false) {
        TurnStats stats;
        stats.conversationId = 4242;  // not the chat shown (none)
        stats.replySaved = true;
        stats.stateSaved = stateSaved;
        stats.statesDropped = dropped;
        stats.stateDamaged = damaged;
        emit worker.replyFinished(stats);
        QCoreApplication::processEvents();  // the controller's connection is queued (the worker's thread)
    };
    finished(false, 0);
    QCOMPARE(chat.errorText(), QString());  // the disk has room again: no banner
    notice = QStringLiteral("The disk of the data folder is almost full.");
    finished(true, 0);
    QCOMPARE(chat.errorText(), QString());  // saved whole: nothing failed
    finished(false, 0);
    QCOMPARE(chat.errorText(), notice);  // was: "" (the status line alone)
    chat.dismissError();
    finished(false, 0);
    QCOMPARE(chat.errorText(), QString());  // closed by the user: for this run
    ChatController again(store, worker);
    again.setStandingNotice([&notice] { return notice; });
    finished(true, 2);  // states dropped to make room for the text
    QCOMPARE(again.errorText(), notice);
    again.dismissError();
    finished(false, 0, true);  // a damaged file: its own banner, not the disk's
    QVERIFY2(!again.errorText().isEmpty() && !again.errorText().contains(notice), qPrintable(again.errorText()));
}

QTEST_GUILESS_MAIN(TestLowDisk)

#include "test_low_disk.moc"
