// data_folder_lock.cpp — see data_folder_lock.h.
#include "data_folder_lock.h"

#include <QDir>
#include <QFile>
#include <QSysInfo>

#include "app_paths.h"

namespace rwkv::app {

char processState(qint64 pid) {
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (pid <= 0 || !stat.open(QIODevice::ReadOnly)) return 0;
    // "PID (COMM) STATE ...": COMM may itself hold spaces and ')', so the state follows the last ')'.
    const QByteArray line = stat.read(4096);
    const qsizetype close = line.lastIndexOf(')');
    return close >= 0 && close + 2 < line.size() ? line.at(close + 2) : 0;
}

std::unique_ptr<QLockFile> lockDataFolder(const QString& folder, DataFolderLockHolder& holder) {
    auto lock = std::make_unique<QLockFile>(QDir(folder).filePath(QString::fromLatin1(kDataFolderLockFileName)));
    lock->setStaleLockTime(0);
    if (lock->tryLock(200) || lock->error() != QLockFile::LockFailedError) return lock;
    QString host;
    lock->getLockInfo(&holder.pid, &host, &holder.appName);
    const bool thisMachine = host.isEmpty() || host == QSysInfo::machineHostName();
    const char state = processState(holder.pid);
    if (thisMachine && (state == 'Z' || state == 'X') && lock->removeStaleLockFile() &&
        (lock->tryLock(200) || lock->error() != QLockFile::LockFailedError))
        return lock;
    return nullptr;
}

}  // namespace rwkv::app
