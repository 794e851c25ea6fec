// store/read_copy.cpp — one temporary copy of a read-only library per process; copies of dead processes removed.
// Tested in tests/app/test_read_copy.cpp.
#include "read_copy.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QStorageInfo>
#include <QTemporaryDir>

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <map>
#include <mutex>
#include <utility>

namespace rwkv::store {

namespace {

constexpr char kPrefix[] = "rwkv-library-";
constexpr char kLockName[] = "owner.lock";

std::mutex& copiesMutex() {
    static std::mutex m;
    return m;
}

// The live copies of this process, by the absolute path of the library they copy.
std::map<QString, std::weak_ptr<ReadCopy>>& copies() {
    static std::map<QString, std::weak_ptr<ReadCopy>> m;
    return m;
}

// A folder rwkv-library-PID-XXXXXX's PID, or 0 (an older build's rwkv-library-XXXXXX, or another name).
qint64 pidInName(const QString& name) {
    const QStringList parts = name.mid(int(sizeof kPrefix) - 1).split(u'-');
    bool ok = false;
    const qint64 pid = parts.size() == 2 ? parts[0].toLongLong(&ok) : 0;
    return ok && pid > 0 ? pid : 0;
}

}  // namespace

std::shared_ptr<ReadCopy> ReadCopy::of(const QString& path, bool* made) {
    if (made) *made = false;
    const QString key = QFileInfo(path).absoluteFilePath();
    const std::lock_guard guard(copiesMutex());
    if (auto held = copies()[key].lock()) return held;
    const QString wal = path + QStringLiteral("-wal");
    const qint64 fileBytes = QFileInfo(path).size(), walBytes = QFileInfo(wal).size();
    std::shared_ptr<ReadCopy> copy(new ReadCopy);
    copy->dir_ = std::make_unique<QTemporaryDir>(QDir::tempPath() + u'/' + QLatin1String(kPrefix) +
                                                 QString::number(::getpid()) + QStringLiteral("-XXXXXX"));
    if (!copy->dir_->isValid()) return nullptr;
    copy->lock_ = std::make_unique<QLockFile>(copy->dir_->filePath(QLatin1String(kLockName)));
    copy->lock_->setStaleLockTime(0);  // stale only when its process is gone, never by age
    // Room for the copy, and for the -wal's pages that closing it writes back into the copied file.
    if (!copy->lock_->tryLock(0) ||
        QStorageInfo(copy->dir_->path()).bytesAvailable() < fileBytes + 2 * walBytes + (qint64(1) << 20))
        return nullptr;
    const QString file = copy->file();
    for (const auto& [from, to] : {std::pair{path, file}, std::pair{wal, file + QStringLiteral("-wal")}})
        if (!QFile::copy(from, to) || !QFile::setPermissions(to, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
            return nullptr;
    copies()[key] = copy;
    if (made) *made = true;
    return copy;
}

ReadCopy::~ReadCopy() {
    if (lock_) lock_->unlock();
    lock_.reset();
    dir_.reset();  // removes the folder and all in it
}

QString ReadCopy::file() const { return dir_->filePath(QStringLiteral("library.sqlite")); }

int ReadCopy::removeLeftBehind() {
    int removed = 0;
    const QDir tmp(QDir::tempPath());
    for (const QString& name :
         tmp.entryList({QLatin1String(kPrefix) + u'*'}, QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden)) {
        const QString folder = tmp.filePath(name);
        const QString lockPath = folder + u'/' + QLatin1String(kLockName);
        bool gone = false;
        QLockFile lock(lockPath);
        lock.setStaleLockTime(0);
        if (QFileInfo::exists(lockPath)) {
            gone = lock.tryLock(0);  // takes it only when its owner is not running any more (a stale lock)
        } else if (const qint64 pid = pidInName(name); pid > 0 && pid != ::getpid()) {
            // No lock yet (a copy being made this instant, or its lock not written before the process died).
            gone = ::kill(pid_t(pid), 0) != 0 && errno == ESRCH;
        }
        if (!gone) continue;
        // The copy first, the lock file (released) last: QLockFile warns when its file went before unlock().
        QDir copy(folder);
        for (const QString& file : copy.entryList(QDir::Files | QDir::Hidden | QDir::System))
            if (file != QLatin1String(kLockName)) copy.remove(file);
        if (lock.isLocked()) lock.unlock();
        if (copy.removeRecursively()) ++removed;
    }
    return removed;
}

void ReadCopy::removeLeftBehindOnce() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (const int removed = removeLeftBehind(); removed > 0)
            qWarning("rwkv store: removed %d temporary copy(ies) of a read-only library left in %s by a program that "
                     "stopped without removing them",
                     removed, qPrintable(QDir::tempPath()));
    });
}

}  // namespace rwkv::store
