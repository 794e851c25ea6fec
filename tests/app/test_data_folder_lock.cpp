// test_data_folder_lock.cpp — the data folder's lock (app/core/data_folder_lock.h) against live, ended and zombie
// holders. The holders are forked children of this test that take the lock with QLockFile as the app does and end
// without releasing it, as kill -9 leaves it.
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLockFile>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <pthread.h>
#include <sched.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app_paths.h"
#include "data_folder_lock.h"

using rwkv::app::DataFolderLockHolder;
using rwkv::app::lockDataFolder;
using rwkv::app::processEnding;
using rwkv::app::processState;

class TestDataFolderLock : public QObject {
    Q_OBJECT

private slots:
    void liveHolderIsNamedAndKept();
    void endedHolderIsTakenOver();
    void zombieHolderIsTakenOver();
    void endingHolderIsWaitedFor();
    void holderWhoseFirstThreadEndedIsKept();
    void copiedLockFileOfALiveHolderIsTakenOver();
};

namespace {

QString lockPath(const QTemporaryDir& dir) {
    return QDir(dir.path()).filePath(QString::fromLatin1(rwkv::app::kDataFolderLockFileName));
}

/// A child that takes the lock and ends at once without unlocking (exit status 0 if it held the lock, 3 if not).
pid_t childTakingTheLock(const QString& path) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        QLockFile held(path);
        held.setStaleLockTime(0);
        ::_exit(held.tryLock(1000) ? 0 : 3);  // no destructor: the lock file stays, as after kill -9
    }
    return pid;
}

/// Waits (at most 5 s) until process `pid` reads as a zombie ('Z' in /proc); true when it does.
bool becomesZombie(pid_t pid) {
    QElapsedTimer waited;
    waited.start();
    while (processState(pid) != 'Z' && waited.elapsed() < 5000) QTest::qWait(5);
    return processState(pid) == 'Z';
}

/// Forks a child that takes the lock at `path` (never released) and then runs `rest(fd)`, which writes a byte to `fd`
/// once the child is as the test wants it and does not return. Returns the child once that byte has come, or -1.
pid_t holderThat(const QString& path, void (*rest)(int fd)) {
    int ready[2];
    if (::pipe(ready) != 0) return -1;
    const pid_t child = ::fork();
    if (child == 0) {
        auto* held = new QLockFile(path);  // kept: the threads or processes that go on hold it
        held->setStaleLockTime(0);
        if (!held->tryLock(1000)) ::_exit(3);
        rest(ready[1]);
        ::_exit(4);
    }
    char byte = 0;
    const bool came = child > 0 && ::read(ready[0], &byte, 1) == 1;
    ::close(ready[0]);
    ::close(ready[1]);
    return came ? child : -1;
}

}  // namespace

// A running holder (this very process, through a second QLockFile) keeps the folder: no lock, the holder named.
void TestDataFolderLock::liveHolderIsNamedAndKept() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QLockFile mine(lockPath(dir));
    QVERIFY(mine.tryLock(0));
    DataFolderLockHolder holder;
    QVERIFY(lockDataFolder(dir.path(), holder) == nullptr);
    QCOMPARE(holder.pid, QCoreApplication::applicationPid());
    QVERIFY(QFile::exists(lockPath(dir)));
    QVERIFY(mine.isLocked());
}

// A holder that ended and was reaped (kill -9, then its parent waited): the lock file left behind is taken over.
void TestDataFolderLock::endedHolderIsTakenOver() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const pid_t child = childTakingTheLock(lockPath(dir));
    QVERIFY(child > 0);
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    QVERIFY(QFile::exists(lockPath(dir)));
    DataFolderLockHolder holder;
    const auto lock = lockDataFolder(dir.path(), holder);
    QVERIFY(lock != nullptr);
    QVERIFY(lock->isLocked());
}

// A holder that ended but is not reaped (a zombie: its parent — here this test — has not waited for it; in a container
// whose PID 1 does not reap, an orphan stays so for good). QLockFile alone counts it as running (kill(pid, 0)
// succeeds), so the app refused the folder for ever (session 16's CI run); the lock is now taken over.
void TestDataFolderLock::zombieHolderIsTakenOver() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const pid_t child = childTakingTheLock(lockPath(dir));
    QVERIFY(child > 0);
    QElapsedTimer waited;
    waited.start();
    while (processState(child) != 'Z' && waited.elapsed() < 10000) QTest::qWait(10);
    QCOMPARE(processState(child), 'Z');
    QVERIFY(::kill(child, 0) == 0);  // what QLockFile asks: "running"
    QVERIFY(QFile::exists(lockPath(dir)));
    DataFolderLockHolder holder;
    const auto lock = lockDataFolder(dir.path(), holder);
    QVERIFY2(lock != nullptr, qPrintable(QStringLiteral("refused, holder %1 %2").arg(holder.pid).arg(holder.appName)));
    QVERIFY(lock->isLocked());
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY(WIFEXITED(status) && WEXITSTATUS(status) == 0);  // the child did hold the lock
}

// A holder killed with kill -9 whose lock the kernel lets go of only a moment later: here its file table is shared
// (CLONE_FILES) with a helper process that ends 1.5 s after it started, as the kernel closes a big process's files only
// once its memory is let go (seconds for gigabytes; session 31's trial: a start 1 s after kill -9 was refused, naming
// the killed process). The holder is a zombie at once; the lock is taken once the file is closed. Before, the first try
// failed (Qt's lock on the open file) and the folder was refused.
void TestDataFolderLock::endingHolderIsWaitedFor() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const pid_t child = holderThat(lockPath(dir), [](int ready) {
        // The helper, a child of the test: this process's files (the lock's among them) stay open while it sleeps.
        if (::syscall(SYS_clone, CLONE_FILES | CLONE_PARENT | SIGCHLD, 0, 0, 0, 0) == 0) {
            ::usleep(1500 * 1000);
            ::_exit(0);
        }
        (void)!::write(ready, "r", 1);
        for (;;) ::pause();
    });
    QVERIFY(child > 0);
    QCOMPARE(::kill(child, SIGKILL), 0);
    QVERIFY(becomesZombie(child));
    QVERIFY(processEnding(child));
    QElapsedTimer waited;
    waited.start();
    DataFolderLockHolder holder;
    const auto lock = lockDataFolder(dir.path(), holder);
    qInfo("taken after %lld ms", static_cast<long long>(waited.elapsed()));
    QVERIFY2(lock != nullptr, qPrintable(QStringLiteral("refused, holder %1 %2").arg(holder.pid).arg(holder.appName)));
    QVERIFY(lock->isLocked());
    QCOMPARE(holder.pid, qint64(child));
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    QVERIFY(::waitpid(-1, &status, 0) > 0);  // the helper
    QVERIFY(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

// A running holder whose first thread has ended (the exit system call) while another goes on: /proc reads that thread as a
// zombie, yet the process runs and holds the lock. Not ending: refused at once (no wait for it), the holder named.
void TestDataFolderLock::holderWhoseFirstThreadEndedIsKept() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const pid_t child = holderThat(lockPath(dir), [](int ready) {
        pthread_t other;
        ::pthread_create(&other, nullptr, [](void* fd) -> void* {
            (void)!::write(int(reinterpret_cast<intptr_t>(fd)), "r", 1);
            for (;;) ::pause();
        }, reinterpret_cast<void*>(intptr_t(ready)));
        ::syscall(SYS_exit, 0);  // this thread alone, nothing run on its way out (pthread_exit hung in a forked child)
    });
    QVERIFY(child > 0);
    const auto end = qScopeGuard([child] {
        ::kill(child, SIGKILL);
        ::waitpid(child, nullptr, 0);
    });
    QVERIFY(becomesZombie(child));  // its first thread
    QVERIFY(!processEnding(child));
    QElapsedTimer waited;
    waited.start();
    DataFolderLockHolder holder;
    QVERIFY(lockDataFolder(dir.path(), holder) == nullptr);
    QVERIFY2(waited.elapsed() < 2000, qPrintable(QString::number(waited.elapsed())));
    QCOMPARE(holder.pid, qint64(child));
}

// The folder copied with its lock file while its holder runs (cp -r, a backup put back): the copy's lock file names a
// running process that holds the other file. Taken over, the holder named; the holder keeps its own folder. Before
// (session 53's trial), the copy was refused until that process ended: "already open", naming the app on the first.
void TestDataFolderLock::copiedLockFileOfALiveHolderIsTakenOver() {
    QTemporaryDir dir, copy;
    QVERIFY(dir.isValid() && copy.isValid());
    const pid_t child = holderThat(lockPath(dir), [](int ready) {
        (void)!::write(ready, "r", 1);
        for (;;) ::pause();
    });
    QVERIFY(child > 0);
    const auto end = qScopeGuard([child] {
        ::kill(child, SIGKILL);
        ::waitpid(child, nullptr, 0);
    });
    QVERIFY(QFile::copy(lockPath(dir), lockPath(copy)));
    DataFolderLockHolder holder;
    const auto lock = lockDataFolder(copy.path(), holder);
    QVERIFY2(lock != nullptr, qPrintable(QStringLiteral("refused, holder %1 %2").arg(holder.pid).arg(holder.appName)));
    QVERIFY(lock->isLocked());
    QCOMPARE(holder.pid, qint64(child));
    DataFolderLockHolder first;
    QVERIFY(lockDataFolder(dir.path(), first) == nullptr);  // the holder's own file: kept
    QCOMPARE(first.pid, qint64(child));
    QVERIFY(::kill(child, 0) == 0);
}

QTEST_GUILESS_MAIN(TestDataFolderLock)
#include "test_data_folder_lock.moc"
