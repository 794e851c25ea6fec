// models/folder_watch.h — says when the files of some folders change while the app is open (a model copied in or
// removed with the file manager), settled: once after a burst of changes, then once a second while a watched file
// still grows (a copy under way), until its size holds; a file written again later (a copy that paused, or one that
// reserved its whole size first) starts that again. ModelManagerController lists its models folders again then.
// Tests: tests/app/test_local_models.cpp (modelCopiedInIsListedWhileOpen).
#pragma once

#include <QFileSystemWatcher>
#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace rwkv::models {

class FolderWatch : public QObject {
    Q_OBJECT

public:
    /// `nameFilters` ("*.pth", …): the files whose sizes are followed while they grow; any file added, removed or
    /// renamed in a watched folder counts as a change.
    explicit FolderWatch(const QStringList& nameFilters, QObject* parent = nullptr);
    /// Watches these folders from now on (those that exist: a missing one is looked for at the next call).
    void setFolders(const QStringList& folders);
    /// A change is said this long after the last one of a burst (a copy creates, then renames).
    static constexpr int kSettleMs = 250;
    /// While a followed file's size changes, it is looked at again after this long.
    static constexpr int kGrowthPollMs = 1000;

signals:
    /// The folders' files changed (or one's size did): list them again.
    void changed();

private:
    /// Path → (size, modification time in ms) of the followed files in the watched folders now.
    QHash<QString, QPair<qint64, qint64>> sizes() const;
    void settle();  // settle_'s end: said, and the sizes followed
    void poll();    // growth_'s end: said again while they change

    QStringList nameFilters_;
    QFileSystemWatcher watcher_;
    QTimer settle_;
    QTimer growth_;
    QHash<QString, QPair<qint64, qint64>> lastSizes_;
};

}  // namespace rwkv::models
