// store/read_copy.h — the temporary copy through which a read-only library whose -wal lacks its -shm is read: one per
// library per process, shared by every connection, and copies left by a process that died are removed.
// Used by Database; tested in tests/app/test_read_copy.cpp.
#pragma once

#include <QString>

#include <memory>

class QLockFile;
class QTemporaryDir;

namespace rwkv::store {

/// A copy of a library file and its -wal in $TMPDIR/rwkv-library-PID-XXXXXX, read instead of them where they cannot
/// be read as they are (a read-only folder without the -wal's -shm index: SQLite could only read them immutable, as of
/// the last checkpoint). Its folder holds a lock file (QLockFile "owner.lock") for as long as the copy is open, so that
/// a later process tells a copy left by a crash or a kill -9 from one still read (removeLeftBehind()).
class ReadCopy {
public:
    /// This process's copy of `path` and `path`-wal: made on the first call (when there is room for them and for the
    /// -wal's pages once more), then the same one for every connection that asks while one holds it, removed when
    /// the last holder lets it go. nullptr when it cannot be made. *made (when given) says whether this call made it.
    /// Before session 37 each connection made its own (two copies of the library per start: the store's and the
    /// downloads' connection), and one could read the copy while the other read the file as of its checkpoint.
    static std::shared_ptr<ReadCopy> of(const QString& path, bool* made = nullptr);
    /// Removes the rwkv-library-* folders in QDir::tempPath() whose process is gone (their lock is stale, or a folder
    /// without one names a pid no longer running); a live process's copy is never touched. Returns how many. Before
    /// session 37 the copies of a killed process stayed for good (a 440 MB library: 842 MB in /tmp).
    static int removeLeftBehind();
    /// removeLeftBehind() once per process (each ConversationStore asks; only the first does it).
    static void removeLeftBehindOnce();

    ~ReadCopy();
    ReadCopy(const ReadCopy&) = delete;
    ReadCopy& operator=(const ReadCopy&) = delete;

    /// The copied library file (its -wal and the -shm SQLite makes lie beside it).
    QString file() const;

private:
    ReadCopy() = default;
    std::unique_ptr<QTemporaryDir> dir_;  // removed after lock_ is released (declared first: destroyed last)
    std::unique_ptr<QLockFile> lock_;
};

}  // namespace rwkv::store
