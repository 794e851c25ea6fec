// data_folder_lock.cpp — see data_folder_lock.h.
#include "data_folder_lock.h"

#include <QDir>

#include "app_paths.h"

namespace rwkv::app {

std::unique_ptr<QLockFile> lockDataFolder(const QString& folder, DataFolderLockHolder& holder) {
    auto lock = std::make_unique<QLockFile>(QDir(folder).filePath(QString::fromLatin1(kDataFolderLockFileName)));
    lock->setStaleLockTime(0);
    if (lock->tryLock(200) || lock->error() != QLockFile::LockFailedError) return lock;
    QString host;
    lock->getLockInfo(&holder.pid, &host, &holder.appName);
    return nullptr;
}

}  // namespace rwkv::app
