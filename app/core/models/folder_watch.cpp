// models/folder_watch.cpp — see folder_watch.h.
#include "folder_watch.h"

#include <QDir>
#include <QFileInfo>

namespace rwkv::models {

FolderWatch::FolderWatch(const QStringList& nameFilters, QObject* parent)
    : QObject(parent), nameFilters_(nameFilters) {
    settle_.setSingleShot(true);
    settle_.setInterval(kSettleMs);
    growth_.setSingleShot(true);
    growth_.setInterval(kGrowthPollMs);
    // inotify says a file was made, removed or renamed in the folder, not that it grew: the sizes are polled after.
    connect(&watcher_, &QFileSystemWatcher::directoryChanged, &settle_, qOverload<>(&QTimer::start));
    connect(&settle_, &QTimer::timeout, this, &FolderWatch::settle);
    connect(&growth_, &QTimer::timeout, this, &FolderWatch::poll);
}

void FolderWatch::setFolders(const QStringList& folders) {
    QStringList wanted;
    for (const QString& f : folders)
        if (QFileInfo(f).isDir()) wanted << QFileInfo(f).absoluteFilePath();
    QStringList gone;
    for (const QString& f : watcher_.directories())
        if (!wanted.contains(f)) gone << f;
    if (!gone.isEmpty()) watcher_.removePaths(gone);
    QStringList added;
    for (const QString& f : std::as_const(wanted))
        if (!watcher_.directories().contains(f)) added << f;
    if (!added.isEmpty()) watcher_.addPaths(added);  // one it cannot watch (no inotify room) is left to the page's open
    if (!gone.isEmpty() || !added.isEmpty()) lastSizes_ = sizes();
}

QHash<QString, qint64> FolderWatch::sizes() const {
    QHash<QString, qint64> out;
    for (const QString& folder : watcher_.directories())
        for (const QFileInfo& f : QDir(folder).entryInfoList(nameFilters_, QDir::Files))
            out.insert(f.absoluteFilePath(), f.size());
    return out;
}

void FolderWatch::settle() {
    lastSizes_ = sizes();
    emit changed();
    growth_.start();  // a file being copied in grows after it appears
}

void FolderWatch::poll() {
    QHash<QString, qint64> now = sizes();
    if (now == lastSizes_) return;  // settled: no more polls until the next change
    lastSizes_ = std::move(now);
    emit changed();
    growth_.start();
}

}  // namespace rwkv::models
