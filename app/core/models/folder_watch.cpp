// models/folder_watch.cpp — see folder_watch.h.
#include "folder_watch.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

#include <sys/stat.h>

namespace rwkv::models {

FolderWatch::FolderWatch(const QStringList& nameFilters, QObject* parent)
    : QObject(parent), nameFilters_(nameFilters) {
    settle_.setSingleShot(true);
    settle_.setInterval(kSettleMs);
    growth_.setSingleShot(true);
    growth_.setInterval(kGrowthPollMs);
    // inotify says a file was made, removed or renamed in the folder, not that it grew: the sizes are polled after.
    connect(&watcher_, &QFileSystemWatcher::directoryChanged, this, &FolderWatch::onDirectoryChanged);
    // A followed file written again after its size held (a copy that paused, or one that reserved the whole size
    // first): looked at within a poll, its size or time changed (session 35's check: left "Damaged" once complete).
    connect(&watcher_, &QFileSystemWatcher::fileChanged, this, [this] {
        if (!growth_.isActive()) growth_.start();
    });
    connect(&settle_, &QTimer::timeout, this, &FolderWatch::settle);
    connect(&growth_, &QTimer::timeout, this, &FolderWatch::poll);
}

void FolderWatch::setFolders(const QStringList& folders) {
    QStringList absolute;
    for (const QString& f : folders) absolute << QFileInfo(f).absoluteFilePath();
    const bool others = absolute != folders_;
    folders_ = absolute;
    if (rewatch() || others) lastSizes_ = sizes();  // tried again each call: a folder it could not take before
}

QPair<quint64, quint64> fileIdentity(const QString& path) {
    struct stat st {};
    if (path.isEmpty() || ::stat(QFile::encodeName(path).constData(), &st) != 0) return {0, 0};
    return {quint64(st.st_dev), quint64(st.st_ino)};
}

bool FolderWatch::rewatch() {
    QStringList wanted;
    const auto want = [&wanted](const QString& path) {
        if (!wanted.contains(path)) wanted << path;
    };
    for (const QString& folder : std::as_const(folders_)) {
        // Every folder above it that exists too: one of them removed or renamed is a change in the one above it
        // (inotify says nothing of a watched folder renamed, nor of the folders above it). Watching only its parent,
        // the data folder renamed away and models made again at the old path left the page listing the old files
        // (session 36's check).
        QFileInfo f(folder);
        if (f.isDir()) want(f.absoluteFilePath());
        while (!f.isRoot()) {
            f = QFileInfo(f.absolutePath());
            if (f.isDir()) want(f.absoluteFilePath());
        }
    }
    // A watch follows its folder, not its path: a path that names another folder now (one above it renamed away and
    // made again) is watched again.
    const QStringList watched = watcher_.directories();
    QStringList gone, added;
    for (const QString& f : watched)
        if (!wanted.contains(f)) gone << f;
    for (const QString& f : std::as_const(wanted)) {
        const QPair<quint64, quint64> id = fileIdentity(f);
        if (!watched.contains(f)) {
            added << f;
        } else if (identities_.value(f) != id) {
            gone << f;
            added << f;
        }
        identities_.insert(f, id);
    }
    for (const QString& f : std::as_const(gone))
        if (!wanted.contains(f)) identities_.remove(f);
    if (!gone.isEmpty()) watcher_.removePaths(gone);
    if (!added.isEmpty()) watcher_.addPaths(added);  // one it cannot watch (no inotify room) is left to the page's open
    return !gone.isEmpty() || !added.isEmpty();
}

void FolderWatch::onDirectoryChanged(const QString& path) {
    // The other changes of a folder above (a file of the data folder made or removed) are not the folders' and say
    // nothing.
    if (rewatch() || folders_.contains(path)) settle_.start();
}

QHash<QString, QPair<qint64, qint64>> FolderWatch::sizes() const {
    QHash<QString, QPair<qint64, qint64>> out;
    for (const QString& folder : folders_)  // a missing one has none
        for (const QFileInfo& f : QDir(folder).entryInfoList(nameFilters_, QDir::Files))
            out.insert(f.absoluteFilePath(), {f.size(), f.lastModified().toMSecsSinceEpoch()});
    return out;
}

void FolderWatch::settle() {
    lastSizes_ = sizes();
    // The followed files themselves are watched too (inotify: written, renamed, removed), those gone are let go.
    QStringList add, drop;
    const QStringList watched = watcher_.files();
    for (auto it = lastSizes_.cbegin(); it != lastSizes_.cend(); ++it)
        if (!watched.contains(it.key())) add << it.key();
    for (const QString& f : watched)
        if (!lastSizes_.contains(f)) drop << f;
    if (!drop.isEmpty()) watcher_.removePaths(drop);
    if (!add.isEmpty()) watcher_.addPaths(add);
    emit changed();
    growth_.start();  // a file being copied in grows after it appears
}

void FolderWatch::poll() {
    auto now = sizes();
    if (now == lastSizes_) return;  // settled: no more polls until the next change
    lastSizes_ = std::move(now);
    emit changed();
    growth_.start();
}

}  // namespace rwkv::models
