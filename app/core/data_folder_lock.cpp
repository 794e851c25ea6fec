// data_folder_lock.cpp — see data_folder_lock.h.
#include "data_folder_lock.h"

#include <QDir>
#include <QFile>
#include <QSysInfo>

#include "app_paths.h"

namespace rwkv::app {

namespace {

/// True when process `pid` has ended but nobody has reaped it yet (a zombie: state Z or X in /proc/PID/stat, Linux).
/// Such a process writes nothing any more, yet QLockFile counts it as running: kill(pid, 0) succeeds on it. A killed
/// app stays a zombie for good where its parent died too and PID 1 does not reap (as in some containers: the CI run
/// of session 16 found its data folder "already open" by a process killed minutes before).
bool isZombie(qint64 pid) {
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (pid <= 0 || !stat.open(QIODevice::ReadOnly)) return false;
    // "PID (COMM) STATE ..."; COMM may itself hold spaces and ')', so the state follows the last ')'.
    const QByteArray line = stat.read(4096);
    const qsizetype close = line.lastIndexOf(')');
    if (close < 0 || close + 2 >= line.size()) return false;
    const char state = line.at(close + 2);
    return state == 'Z' || state == 'X';
}

}  // namespace

std::unique_ptr<QLockFile> lockDataFolder(const QString& folder, DataFolderLockHolder& holder) {
    auto lock = std::make_unique<QLockFile>(QDir(folder).filePath(QString::fromLatin1(kDataFolderLockFileName)));
    lock->setStaleLockTime(0);
    if (lock->tryLock(200) || lock->error() != QLockFile::LockFailedError) return lock;
    QString host;
    lock->getLockInfo(&holder.pid, &host, &holder.appName);
    const bool thisMachine = host.isEmpty() || host == QSysInfo::machineHostName();
    if (thisMachine && isZombie(holder.pid) && lock->removeStaleLockFile() &&
        (lock->tryLock(200) || lock->error() != QLockFile::LockFailedError))
        return lock;
    return nullptr;
}

}  // namespace rwkv::app
