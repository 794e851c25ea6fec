// models/folder_watch.h — says when the files of some folders change while the app is open (a model copied in or
// removed with the file manager), settled: once after a burst of changes, then once a second while a watched file
// still grows (a copy under way), until its size holds; a file written again later (a copy that paused, or one that
// reserved its whole size first) starts that again. A folder that goes away (removed, renamed; itself or a folder above
// it) is waited for: every existing folder above it is watched too, and once it is back it is watched again and said
// changed (a path that names another folder now, by its inode, too).
// ModelManagerController lists its models folders again then.
// Tests: tests/app/test_local_models.cpp (modelCopiedInIsListedWhileOpen, folderMadeAgainIsWatched).
#pragma once

#include <QFileSystemWatcher>
#include <QHash>
#include <QObject>
#include <QPair>
#include <QStringList>
#include <QTimer>

namespace rwkv::models {

/// The file or folder a path names now, as (device, inode); {0, 0} where it cannot be read (no such file). A rename
/// keeps it, a new file put under the old name has another: FolderWatch's folders, the model in use (Models page).
QPair<quint64, quint64> fileIdentity(const QString& path);

class FolderWatch : public QObject {
    Q_OBJECT

public:
    /// `nameFilters` ("*.pth", …): the files whose sizes are followed while they grow; any file added, removed or
    /// renamed in a watched folder counts as a change.
    explicit FolderWatch(const QStringList& nameFilters, QObject* parent = nullptr);
    /// Watches these folders from now on. One that is missing, or goes away later, is waited for (its nearest
    /// existing parent folder is watched): once it is made again, its files are watched and changed() is said.
    /// Before, a models folder removed and made again was not watched until the page opened again.
    void setFolders(const QStringList& folders);
    /// A change is said this long after the last one of a burst (a copy creates, then renames).
    static constexpr int kSettleMs = 250;
    /// While a followed file's size changes, it is looked at again after this long.
    static constexpr int kGrowthPollMs = 1000;

signals:
    /// The folders' files changed (or one's size did): list them again.
    void changed();

private:
    /// Watches each of folders_ that is a folder now and every existing folder above it (where it, or one above it, is
    /// removed, renamed or made again), again where a path names another folder than before (identities_); lets go of
    /// the rest. True when what is watched changed.
    bool rewatch();
    /// A watched folder changed: one of folders_, or a parent where one of them may be back.
    void onDirectoryChanged(const QString& path);
    /// Path → (size, modification time in ms) of the followed files in folders_ now.
    QHash<QString, QPair<qint64, qint64>> sizes() const;
    void settle();  // settle_'s end: said, and the sizes followed
    void poll();    // growth_'s end: said again while they change

    QStringList nameFilters_;
    QStringList folders_;  // setFolders', absolute, whether they exist or not
    QFileSystemWatcher watcher_;
    QHash<QString, QPair<quint64, quint64>> identities_;  // watched folder → (device, inode) when its watch was taken
    QTimer settle_;
    QTimer growth_;
    QHash<QString, QPair<qint64, qint64>> lastSizes_;
};

}  // namespace rwkv::models
