// data_folder_lock.cpp — see data_folder_lock.h.
#include "data_folder_lock.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSysInfo>
#include <QThread>

#include "app_paths.h"

namespace rwkv::app {

namespace {
/// The fields of /proc/PATH/stat after "(COMM) " (state, ppid, ..., flags is the 7th), or empty. COMM may itself hold
/// spaces and ')', so the fields follow the last ')'.
QList<QByteArray> statFields(const QString& path) {
    QFile stat(path);
    if (!stat.open(QIODevice::ReadOnly)) return {};
    const QByteArray line = stat.read(4096);
    const qsizetype close = line.lastIndexOf(')');
    return close >= 0 ? line.mid(close + 2).split(' ') : QList<QByteArray>();
}
}  // namespace

char processState(qint64 pid) {
    if (pid <= 0) return 0;
    const QList<QByteArray> fields = statFields(QStringLiteral("/proc/%1/stat").arg(pid));
    return fields.isEmpty() || fields.first().isEmpty() ? 0 : fields.first().at(0);
}

bool processEnding(qint64 pid) {
    if (pid <= 0) return false;
    constexpr quint64 kExiting = 0x4;  // PF_EXITING, include/linux/sched.h
    const auto ending = [](const QList<QByteArray>& f) {
        return f.size() > 6 && (f[0] == "Z" || f[0] == "X" || (f[6].toULongLong() & kExiting));
    };
    const QDir tasks(QStringLiteral("/proc/%1/task").arg(pid));
    const QStringList threads = tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    if (threads.isEmpty()) return ending(statFields(QStringLiteral("/proc/%1/stat").arg(pid)));
    for (const QString& tid : threads)  // one that has gone meanwhile has no stat left: it ended
        if (const QList<QByteArray> f = statFields(tasks.filePath(tid + QStringLiteral("/stat"))); !f.isEmpty() && !ending(f))
            return false;
    return true;
}

std::unique_ptr<QLockFile> lockDataFolder(const QString& folder, DataFolderLockHolder& holder) {
    auto lock = std::make_unique<QLockFile>(QDir(folder).filePath(QString::fromLatin1(kDataFolderLockFileName)));
    lock->setStaleLockTime(0);
    if (lock->tryLock(200) || lock->error() != QLockFile::LockFailedError) return lock;
    QString host;
    lock->getLockInfo(&holder.pid, &host, &holder.appName);
    if (!host.isEmpty() && host != QSysInfo::machineHostName()) return nullptr;
#if defined(Q_OS_LINUX)
    // A lock file copied with its folder (cp -r, a backup put back) while its holder runs names a running process
    // that holds another file: nobody holds Qt's lock on this one (QLockFile keeps its file flock()ed while it holds
    // it), so removeStaleLockFile() can take it away, which it cannot from a live holder's own file. Session 53's
    // trial: a copy of the data folder made while the app ran was "already open" (naming the app on the first folder)
    // until that app closed.
    if (lock->removeStaleLockFile() && (lock->tryLock(0) || lock->error() != QLockFile::LockFailedError)) return lock;
#endif
    // A holder that has ended or is ending (gone, a zombie, or every thread leaving) lets go of its lock when the kernel
    // closes its files: at once for a small process, seconds later for one that held gigabytes (session 31's trial: a
    // start 1 s after kill -9 was refused). Its lock file is taken over once it is let go: removeStaleLockFile() removes
    // it only then (Qt's own lock on the open file). A live holder is never broken.
    QElapsedTimer waited;
    waited.start();
    for (;;) {
        const bool ending = processEnding(holder.pid);
        const bool gone = !ending && processState(holder.pid) == 0 && QFile::exists(QStringLiteral("/proc/self/stat"));
        if (!ending && !gone) return nullptr;  // running (or no /proc to tell)
        if (lock->removeStaleLockFile() && (lock->tryLock(0) || lock->error() != QLockFile::LockFailedError))
            return lock;
        if (gone || waited.elapsed() >= kEndingHolderWaitMs) return nullptr;
        QThread::msleep(20);
    }
}

}  // namespace rwkv::app
