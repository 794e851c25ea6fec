// test_data_folder_lock.cpp — the data folder's lock (app/core/data_folder_lock.h) against live, ended and zombie
// holders. The holders are forked children of this test that take the lock with QLockFile as the app does and end
// without releasing it, as kill -9 leaves it.
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLockFile>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

#include "app_paths.h"
#include "data_folder_lock.h"

using rwkv::app::DataFolderLockHolder;
using rwkv::app::lockDataFolder;
using rwkv::app::processState;

class TestDataFolderLock : public QObject {
    Q_OBJECT

private slots:
    void liveHolderIsNamedAndKept();
    void endedHolderIsTakenOver();
    void zombieHolderIsTakenOver();
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

QTEST_GUILESS_MAIN(TestDataFolderLock)
#include "test_data_folder_lock.moc"
