// disk_quota_vfs.h — a full disk for SQLite tests: a VFS over the default one whose writes fail with SQLITE_FULL (as
// the unix VFS reports ENOSPC) once the files of one folder would grow past a quota. The folder's usage is the sum of
// its files' sizes (the database, its -wal, -shm and -journal), read at every growing write, so it is what a small
// disk holding that folder would see; writes inside a file's current size always succeed, as on a real disk.
// PRAGMA max_page_count cannot stand in here: it limits the database file only, never the write-ahead log. It also
// counts the times its connections are refused the write lock (gRefusedWriteLocks): a test sees a save wait for it;
// and it stands in for a slow disk: gBeforeWrite.
#pragma once

#include <sqlite3.h>

#include <QDir>
#include <QFileInfo>
#include <QString>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <functional>
#include <limits>

namespace disk_quota {

struct Quota {
    QString folder;
    qint64 bytes = 0;
};
inline Quota gQuota;
/// Called before every write through this VFS (any file, any thread), e.g. to hold a save inside its writes as a slow
/// disk does (test_store_connections); empty: none.
inline std::function<void()> gBeforeWrite;
/// What a write refused by the quota returns: SQLITE_FULL (a full disk), or e.g. SQLITE_IOERR_WRITE for a disk error or
/// a file made immutable (chattr +i) while open, as the unix VFS reports EIO / EPERM.
inline int gRefusal = SQLITE_FULL;
/// The system's error number a refused write leaves, as the unix VFS keeps it: in errno and in the file's last error
/// (SQLITE_FCNTL_LAST_ERRNO). With gRefusal SQLITE_IOERR_WRITE, EDQUOT is a disk quota used up (the unix VFS makes only
/// ENOSPC SQLITE_FULL), EIO a disk error; 0: none kept.
inline int gRefusalErrno = 0;
inline sqlite3_vfs gVfs{};
inline sqlite3_io_methods gMethods{};

struct File {
    sqlite3_file base;  // must be first: SQLite sees this struct as a sqlite3_file
    sqlite3_file* real;
    int lastErrno;      // gRefusalErrno of the last write refused (SQLITE_FCNTL_LAST_ERRNO), else 0
};

inline sqlite3_file* real(sqlite3_file* f) { return reinterpret_cast<File*>(f)->real; }

inline qint64 folderBytes() {
    qint64 sum = 0;
    for (const QFileInfo& i : QDir(gQuota.folder).entryInfoList(QDir::Files | QDir::Hidden)) sum += i.size();
    return sum;
}

inline int xWrite(sqlite3_file* f, const void* p, int n, sqlite3_int64 off) {
    if (gBeforeWrite) gBeforeWrite();
    sqlite3_int64 size = 0;
    real(f)->pMethods->xFileSize(real(f), &size);
    const sqlite3_int64 growth = off + n > size ? off + n - size : 0;
    if (growth > 0 && folderBytes() + growth > gQuota.bytes) {
        if (gRefusalErrno != 0) reinterpret_cast<File*>(f)->lastErrno = errno = gRefusalErrno;
        return gRefusal;
    }
    return real(f)->pMethods->xWrite(real(f), p, n, off);
}
inline int xClose(sqlite3_file* f) {
    const int rc = real(f)->pMethods ? real(f)->pMethods->xClose(real(f)) : SQLITE_OK;
    sqlite3_free(real(f));
    return rc;
}
inline int xRead(sqlite3_file* f, void* p, int n, sqlite3_int64 o) { return real(f)->pMethods->xRead(real(f), p, n, o); }
inline int xTruncate(sqlite3_file* f, sqlite3_int64 s) { return real(f)->pMethods->xTruncate(real(f), s); }
inline int xSync(sqlite3_file* f, int fl) { return real(f)->pMethods->xSync(real(f), fl); }
inline int xFileSize(sqlite3_file* f, sqlite3_int64* s) { return real(f)->pMethods->xFileSize(real(f), s); }
inline int xLock(sqlite3_file* f, int l) { return real(f)->pMethods->xLock(real(f), l); }
inline int xUnlock(sqlite3_file* f, int l) { return real(f)->pMethods->xUnlock(real(f), l); }
inline int xCheckReservedLock(sqlite3_file* f, int* r) { return real(f)->pMethods->xCheckReservedLock(real(f), r); }
inline int xFileControl(sqlite3_file* f, int op, void* a) {
    if (op == SQLITE_FCNTL_LAST_ERRNO && reinterpret_cast<File*>(f)->lastErrno != 0) {
        *static_cast<int*>(a) = reinterpret_cast<File*>(f)->lastErrno;
        return SQLITE_OK;
    }
    return real(f)->pMethods->xFileControl(real(f), op, a);
}
inline int xSectorSize(sqlite3_file* f) { return real(f)->pMethods->xSectorSize(real(f)); }
inline int xDeviceCharacteristics(sqlite3_file* f) { return real(f)->pMethods->xDeviceCharacteristics(real(f)); }
inline int xShmMap(sqlite3_file* f, int pg, int sz, int ext, void volatile** pp) {
    return real(f)->pMethods->xShmMap(real(f), pg, sz, ext, pp);
}
/// How many times a connection of this VFS was refused the write-ahead log's write lock (held by another connection):
/// each step of a wait for another program's write transaction counts one.
inline std::atomic<int> gRefusedWriteLocks = 0;
inline int xShmLock(sqlite3_file* f, int o, int n, int fl) {
    const int rc = real(f)->pMethods->xShmLock(real(f), o, n, fl);
    // Slot 0 is the WAL's write lock (WAL_WRITE_LOCK in SQLite's wal.c).
    if (rc == SQLITE_BUSY && o == 0 && n == 1 && fl == (SQLITE_SHM_LOCK | SQLITE_SHM_EXCLUSIVE)) ++gRefusedWriteLocks;
    return rc;
}
inline void xShmBarrier(sqlite3_file* f) { real(f)->pMethods->xShmBarrier(real(f)); }
inline int xShmUnmap(sqlite3_file* f, int del) { return real(f)->pMethods->xShmUnmap(real(f), del); }
inline int xFetch(sqlite3_file* f, sqlite3_int64 o, int n, void** pp) {
    *pp = nullptr;  // no memory-mapped reads: every page goes through xRead / xWrite
    (void)o, (void)n;
    return SQLITE_OK;
}
inline int xUnfetch(sqlite3_file*, sqlite3_int64, void*) { return SQLITE_OK; }

inline int xOpen(sqlite3_vfs* vfs, const char* name, sqlite3_file* f, int flags, int* outFlags) {
    sqlite3_vfs* parent = static_cast<sqlite3_vfs*>(vfs->pAppData);
    auto* r = static_cast<sqlite3_file*>(sqlite3_malloc(parent->szOsFile));
    if (!r) return SQLITE_NOMEM;
    std::memset(r, 0, std::size_t(parent->szOsFile));
    auto* mine = reinterpret_cast<File*>(f);
    mine->real = r;
    mine->lastErrno = 0;
    const int rc = parent->xOpen(parent, name, r, flags, outFlags);
    if (rc != SQLITE_OK) {
        sqlite3_free(r);
        mine->base.pMethods = nullptr;
        return rc;
    }
    mine->base.pMethods = &gMethods;
    return SQLITE_OK;
}

/// Makes the quota VFS the default for connections opened from now on: files in `folder` may grow to `bytes` in all.
inline void install(const QString& folder, qint64 bytes) {
    gQuota = {folder, bytes};
    if (gVfs.zName) {
        sqlite3_vfs_register(&gVfs, 1);
        return;
    }
    sqlite3_vfs* parent = sqlite3_vfs_find(nullptr);
    gVfs = *parent;
    gVfs.zName = "disk_quota";
    gVfs.pAppData = parent;
    gVfs.szOsFile = int(sizeof(File));
    gVfs.xOpen = xOpen;
    gMethods = {3,         xClose,   xRead,     xWrite,      xTruncate,          xSync,       xFileSize,
                xLock,     xUnlock,  xCheckReservedLock,     xFileControl,       xSectorSize, xDeviceCharacteristics,
                xShmMap,   xShmLock, xShmBarrier,            xShmUnmap,          xFetch,      xUnfetch};
    sqlite3_vfs_register(&gVfs, 1);
}

/// Lifts the quota (also for connections still open, which keep this VFS) and makes SQLite's own VFS the default again.
inline void uninstall() {
    gQuota.bytes = std::numeric_limits<qint64>::max() / 2;
    gRefusal = SQLITE_FULL;
    gRefusalErrno = 0;
    if (gVfs.zName) sqlite3_vfs_register(static_cast<sqlite3_vfs*>(gVfs.pAppData), 1);
}

}  // namespace disk_quota
