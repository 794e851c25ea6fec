// test_store_connections.cpp — the window's store calls while the InferenceWorker's thread is inside one
// (app/core/store/connection_gate.h): a read never waits for it, and a change waits at most the thread's
// LockWaitLimit. Before session 28 one mutex serialized every call on one connection, so the GUI thread's reads and
// changes waited for the worker's whole save: 2.3-5.1 s for a save of one or two 30 MB states on the 2-core dev box,
// 5 s while that save waited for another program's lock.
#include "store/connection_gate.h"
#include "store/conversation_store.h"
#include "store/database.h"
#include "store/download_store.h"
#include "store/store_error.h"
#include "disk_quota_vfs.h"
#include "other_program.h"

#include <sqlite3.h>  // result-code constants only

#include <QElapsedTimer>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

using namespace rwkv::store;

namespace {

NewSnapshot snapshotOf(qint64 messageId, qsizetype bytes) {
    NewSnapshot s;
    s.message_id = messageId;
    s.tags = {QStringLiteral("0123456789abcdef"), QStringLiteral("fp16"), QStringLiteral("cuda")};
    s.payload.raw_size = bytes;
    s.payload.bytes = QByteArray(bytes, 'x');
    return s;
}

/// Milliseconds `call` took.
qint64 msOf(const std::function<void()>& call) {
    QElapsedTimer clock;
    clock.start();
    call();
    return clock.elapsed();
}

/// Another thread holding `gate`'s writer (marked as freeing the saved states' space when `freeing`) from construction
/// until destruction (at most 10 s): the constructor returns once it is held.
class WriterHeld {
public:
    WriterHeld(const ConnectionGate& gate, const Database& writer, bool freeing = false)
        : holder_([this, &gate, &writer, freeing] {
              const auto lock = gate.lockWriter(writer);
              gate.markFreeingStates(freeing);
              const auto unmark = qScopeGuard([&] { gate.markFreeingStates(false); });
              std::unique_lock state(m_);
              held_ = true;
              changed_.notify_all();
              changed_.wait_for(state, std::chrono::seconds(10), [this] { return letGo_; });
          }) {
        std::unique_lock state(m_);
        changed_.wait_for(state, std::chrono::seconds(20), [this] { return held_; });
    }
    ~WriterHeld() {
        {
            std::lock_guard state(m_);
            letGo_ = true;
        }
        changed_.notify_all();
        holder_.join();
    }
    bool held() {
        std::lock_guard state(m_);
        return held_;
    }

private:
    std::mutex m_;
    std::condition_variable changed_;
    bool held_ = false, letGo_ = false;
    std::thread holder_;  // last: it starts once the members it uses are made
};

}  // namespace

class TestStoreConnections : public QObject {
    Q_OBJECT

private slots:
    void windowDoesNotWaitForASaveHeldInItsWrites();
    void changeWaitsLittleWhileASaveWaitsForAnotherProgram();
    void innermostLockWaitLimitIsInForce();
    void loweredLiveLimitEndsAWaitForTheWriter();
    void downloadListWaitsItsLimitBehindASave();
    void changeDuringFreeingSaysSo();
};

// A save of a reply and its state held inside its writes (a slow disk, or a 30 MB state: 2.3 s on the dev box): the
// window's reads are answered at once from the last commit, and a change made meanwhile is refused after its
// LockWaitLimit, named as this program's own work, not another program's lock. Before, every one of them waited
// until the save was done (here: the hold's 10 s safety release).
void TestStoreConnections::windowDoesNotWaitForASaveHeldInItsWrites() {
    QTemporaryDir dir;
    disk_quota::install(dir.path(), qint64(1) << 40);  // no quota: the VFS for its write hook
    const auto uninstall = qScopeGuard([] {
        disk_quota::gBeforeWrite = nullptr;
        disk_quota::uninstall();
    });
    ConversationStore store(dir.filePath(QStringLiteral("conversations.sqlite")));
    const qint64 trip = store.createConversation(QStringLiteral("Trip"));
    const qint64 other = store.createConversation(QStringLiteral("Other"));
    store.addMessage(other, 0, Role::User, QStringLiteral("Where to?"));
    const auto [question, reply] = store.beginTurn(trip, 0, QStringLiteral("And then?"));

    std::mutex m;
    std::condition_variable changed;
    bool held = false, released = false;
    std::thread::id saver;
    disk_quota::gBeforeWrite = [&] {
        std::unique_lock lock(m);
        if (std::this_thread::get_id() != saver || released) return;
        held = true;
        changed.notify_all();
        // Safety: a store whose reads wait for the save lets it go on after 10 s, so that the test ends (failed).
        if (!changed.wait_for(lock, std::chrono::seconds(10), [&] { return released; })) released = true;
    };
    std::atomic<bool> saved{false};
    std::thread save([&] {
        {
            std::lock_guard lock(m);
            saver = std::this_thread::get_id();
        }
        saved = store.saveTurnResult(trip, reply, QStringLiteral("The coast."), 3, {}, {snapshotOf(reply, 1 << 20)});
    });
    const auto release = [&] {
        {
            std::lock_guard lock(m);
            released = true;
        }
        changed.notify_all();
        if (save.joinable()) save.join();
    };
    const auto releaseOnFailure = qScopeGuard(release);
    {
        std::unique_lock lock(m);
        QVERIFY(changed.wait_for(lock, std::chrono::seconds(20), [&] { return held; }));
    }

    QList<Conversation> list;
    QList<Message> shown;
    QList<SearchHit> hits;
    const qint64 readMs = msOf([&] {
        list = store.listConversations();
        shown = store.messages(trip);
        hits = store.search(QStringLiteral("Where"));
    });
    qInfo("reads during the held save: %lld ms", static_cast<long long>(readMs));
    QVERIFY2(readMs < 1000, qPrintable(QString::number(readMs)));
    QCOMPARE(list.size(), 2);
    QCOMPARE(shown.size(), 2);
    QCOMPARE(shown.back().text, QString());  // the last commit: the save is not in yet
    QCOMPARE(hits.size(), 1);

    int code = 0, extended = 0;
    std::string said;
    const qint64 changeMs = msOf([&] {
        try {
            const ConversationStore::LockWaitLimit quick(200);
            store.renameConversation(other, QStringLiteral("Elsewhere"));
        } catch (const StoreError& e) {
            code = e.code();
            extended = e.extendedCode();
            said = e.userMessage();
        }
    });
    qInfo("a rename during the held save: refused after %lld ms", static_cast<long long>(changeMs));
    QVERIFY2(changeMs < 1000, qPrintable(QString::number(changeMs)));
    QCOMPARE(code, SQLITE_BUSY);
    QCOMPARE(extended, kBusyWithThisProgram);
    QCOMPARE(QString::fromStdString(said),
             QStringLiteral("RWKV Desktop is still saving a reply to the conversation database %1, so this change was "
                            "not made. Try again in a moment.")
                 .arg(store.path()));

    release();
    QVERIFY(saved);
    QCOMPARE(store.messages(trip).back().text, QStringLiteral("The coast."));
    QCOMPARE(store.snapshots(trip).size(), 1);
    store.renameConversation(other, QStringLiteral("Elsewhere"));
    QCOMPARE(store.conversation(other)->title, QStringLiteral("Elsewhere"));
}

// The worker's save waits for another program's write lock (up to the store's 5 s busy timeout), holding the writer
// all that time: the window's reads do not wait, and its changes are refused after their LockWaitLimit as under the
// lock itself (SQLITE_BUSY, not this program's own work). Before, each waited the worker's 5 s.
void TestStoreConnections::changeWaitsLittleWhileASaveWaitsForAnotherProgram() {
    QTemporaryDir dir;
    ConversationStore store(dir.filePath(QStringLiteral("conversations.sqlite")));
    const qint64 trip = store.createConversation(QStringLiteral("Trip"));
    store.addMessage(trip, 0, Role::User, QStringLiteral("Where to?"));
    OtherProgram other(dir);
    QVERIFY(other.begin(true));
    std::atomic<bool> done{false};
    int workerCode = 0;
    std::thread save([&] {
        try {
            store.renameConversation(trip, QStringLiteral("Holiday"));  // no limit: the whole busy timeout
        } catch (const StoreError& e) {
            workerCode = e.code();
        }
        done = true;
    });
    qint64 longestRead = 0, longestChange = 0;
    int rounds = 0;
    QString wrong;
    while (!done) {
        longestRead = std::max(longestRead, msOf([&] {
                                   if (store.messages(trip).size() != 1) wrong = QStringLiteral("messages");
                               }));
        longestChange = std::max(longestChange, msOf([&] {
                                     try {
                                         const ConversationStore::LockWaitLimit quick(200);
                                         store.setPinned(trip, true);
                                         wrong = QStringLiteral("pinned under the lock");
                                     } catch (const StoreError& e) {
                                         if (e.code() != SQLITE_BUSY || e.extendedCode() == kBusyWithThisProgram)
                                             wrong = QString::fromUtf8(e.what());
                                     }
                                 }));
        ++rounds;
        QThread::msleep(50);  // pace: about 4 rounds a second
    }
    save.join();
    QVERIFY(other.commit());
    qInfo("%d rounds while the save waited: longest read %lld ms, longest change %lld ms", rounds,
          static_cast<long long>(longestRead), static_cast<long long>(longestChange));
    QCOMPARE(workerCode, SQLITE_BUSY);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
    QVERIFY(rounds >= 3);
    QVERIFY2(longestRead < 1000, qPrintable(QString::number(longestRead)));
    QVERIFY2(longestChange < 1000, qPrintable(QString::number(longestChange)));
}

// Every wait of the store reads one limit, lockWaitLimitNow(): the innermost LockWaitLimit's, a live one while it
// holds a value (else the enclosing one's), none (-1) outside them all.
void TestStoreConnections::innermostLockWaitLimitIsInForce() {
    QCOMPARE(lockWaitLimitNow(), -1);
    {
        const ConversationStore::LockWaitLimit outer(200);
        QCOMPARE(lockWaitLimitNow(), 200);
        std::atomic<int> live{-1};
        {
            const ConversationStore::LockWaitLimit closing(live);
            QCOMPARE(lockWaitLimitNow(), 200);  // none of its own yet
            live = 50;
            QCOMPARE(lockWaitLimitNow(), 50);
            {
                const ConversationStore::LockWaitLimit inner(100);
                QCOMPARE(lockWaitLimitNow(), 100);
            }
            QCOMPARE(lockWaitLimitNow(), 50);
        }
        QCOMPARE(lockWaitLimitNow(), 200);
    }
    QCOMPARE(lockWaitLimitNow(), -1);
}

// A call waits for the writer, which another thread's call holds, under a live limit of none (-1: a reply's final save
// before the window closes); a third thread sets it to 300 ms (the Close: InferenceWorker::stopSavingWithin). The wait
// ends once it has waited 300 ms in all. Before, ConnectionGate::lockWriter read only the plain limit, once: the wait
// went on until the writer was let go (here: the holder's 10 s safety release).
void TestStoreConnections::loweredLiveLimitEndsAWaitForTheWriter() {
    using Clock = std::chrono::steady_clock;
    const auto msBetween = [](Clock::time_point a, Clock::time_point b) {
        return qint64(std::chrono::duration_cast<std::chrono::milliseconds>(b - a).count());
    };
    QTemporaryDir dir;
    Database writer(dir.filePath(QStringLiteral("gate.sqlite")));
    ConnectionGate gate;
    WriterHeld holder(gate, writer);
    QVERIFY(holder.held());

    std::atomic<int> live{-1};
    Clock::time_point began, ended;
    int code = 0, extended = 0;
    std::string what;
    std::thread waiter([&] {
        const ConversationStore::LockWaitLimit closing(live);
        began = Clock::now();
        try {
            const auto lock = gate.lockWriter(writer);
        } catch (const StoreError& e) {
            code = e.code();
            extended = e.extendedCode();
            what = e.what();
        }
        ended = Clock::now();
    });
    QElapsedTimer waiting;
    waiting.start();
    while (gate.waitingForWriter() == 0 && waiting.elapsed() < 20000) std::this_thread::yield();
    const Clock::time_point lowered = Clock::now();
    live = 300;
    waiter.join();
    const qint64 afterLowering = msBetween(lowered, ended), inAll = msBetween(began, ended);
    qInfo("the wait ended %lld ms after the limit was set to 300 ms, %lld ms after it began",
          static_cast<long long>(afterLowering), static_cast<long long>(inAll));
    QCOMPARE(gate.waitingForWriter(), 0);
    QCOMPARE(code, SQLITE_BUSY);
    QCOMPARE(extended, kBusyWithThisProgram);
    QVERIFY2(what.find("waited 300 ms") != std::string::npos, what.c_str());
    QVERIFY2(inAll >= 300, qPrintable(QString::number(inAll)));
    // 300 ms and a margin of 700 ms for a loaded 2-core box (steps of 10 ms); before: the 10 s release.
    QVERIFY2(afterLowering < 1000, qPrintable(QString::number(afterLowering)));
}

// The download list (DownloadStore: one connection, one call at a time) while the network thread's save of a
// download's progress waits for another program's write lock: a read on a thread with a LockWaitLimit (the Models
// page's, DownloadManager::kReadLockWaitMs) is refused after that limit. Before (std::mutex), it waited for the save's
// 5 s busy timeout; the save still goes through once the lock is let go.
void TestStoreConnections::downloadListWaitsItsLimitBehindASave() {
    QTemporaryDir dir;
    disk_quota::install(dir.path(), qint64(1) << 40);  // no quota: the VFS counts the refused write locks
    const auto uninstall = qScopeGuard([] { disk_quota::uninstall(); });
    const QString path = dir.filePath(QStringLiteral("conversations.sqlite"));
    { const ConversationStore migrated(path); }
    DownloadStore downloads(path);
    DownloadRecord record;
    record.id = QStringLiteral("model");
    record.file_name = QStringLiteral("model.pth");
    record.target_dir = dir.path();
    downloads.save(record);
    OtherProgram other(dir);
    QVERIFY(other.begin(true));
    disk_quota::gRefusedWriteLocks = 0;
    int saveCode = 0;
    std::thread network([&] {
        try {
            downloads.updateProgress(record.id, 4096, 1, {});  // no limit: the busy timeout
        } catch (const StoreError& e) {
            saveCode = e.code();
        }
    });
    const auto joined = qScopeGuard([&] {
        if (!network.joinable()) return;
        other.commit();
        network.join();
    });
    QVERIFY(QTest::qWaitFor([] { return disk_quota::gRefusedWriteLocks > 0; }, 20000));  // it waits, holding the list

    int code = 0;
    std::string what;
    const qint64 readMs = msOf([&] {
        try {
            const ConversationStore::LockWaitLimit quick(200);
            downloads.find(record.id);
        } catch (const StoreError& e) {
            code = e.code();
            what = e.what();
        }
    });
    QVERIFY(other.commit());
    network.join();
    qInfo("a read of the download list behind the waiting save: refused after %lld ms", static_cast<long long>(readMs));
    QCOMPARE(code, SQLITE_BUSY);
    QVERIFY2(what.find("waited 200 ms") != std::string::npos, what.c_str());
    QVERIFY2(readMs >= 200 && readMs < 1000, qPrintable(QString::number(readMs)));  // 200 ms and a 800 ms margin
    QCOMPARE(saveCode, 0);
    QCOMPARE(downloads.find(record.id)->bytes_done, qint64(4096));
}

// A change made while "Free space used by saved states" holds the writer (thinSavedStates marks it) is refused saying
// so — before, a rename or a new chat then read "RWKV Desktop is still saving a reply…" with no reply under way
// (session 49's trial); once it is let go, the same wait says the save's words again.
void TestStoreConnections::changeDuringFreeingSaysSo() {
    QTemporaryDir dir;
    Database writer(dir.filePath(QStringLiteral("gate.sqlite")));
    ConnectionGate gate;
    for (const bool freeing : {true, false}) {
        WriterHeld holder(gate, writer, freeing);
        QVERIFY(holder.held());
        int extended = 0;
        std::string said;
        try {
            const ConversationStore::LockWaitLimit quick(100);
            const auto lock = gate.lockWriter(writer);
        } catch (const StoreError& e) {
            extended = e.extendedCode();
            said = e.userMessage();
        }
        QCOMPARE(extended, freeing ? kBusyFreeingStates : kBusyWithThisProgram);
        const QString db = QStringLiteral("the conversation database ") + writer.path();
        QCOMPARE(QString::fromStdString(said),
                 freeing ? QStringLiteral("RWKV Desktop is freeing the space used by saved states in %1, so this change "
                                          "was not made. Try again once it has finished.").arg(db)
                         : QStringLiteral("RWKV Desktop is still saving a reply to %1, so this change was not made. Try "
                                          "again in a moment.").arg(db));
    }
}

QTEST_GUILESS_MAIN(TestStoreConnections)
#include "test_store_connections.moc"
