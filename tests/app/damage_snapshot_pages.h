// damageSnapshotPages, overwriteRootPage, overwriteFreeListTrunk: break the pages of a conversation database on disk
// the way a bad sector or a torn write does, for the tests of what the store and the chat session do with damaged
// snapshot, table and index pages.
#pragma once

#include <QFile>
#include <QList>
#include <QString>

#include <sqlite3.h>

// Points every overflow page of the snapshots table (the blobs' chains) at a page far past the end of the file, so
// walking any chain is SQLITE_CORRUPT. Returns the number of pages damaged (-1 when the file cannot be changed).
inline int damageSnapshotPages(const QString& path) {
    int pageSize = 0;
    QList<qint64> overflowPages;
    {
        sqlite3* db = nullptr;
        if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return -1;
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(db, "PRAGMA page_size", -1, &st, nullptr);
        if (sqlite3_step(st) == SQLITE_ROW) pageSize = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
        sqlite3_prepare_v2(db, "SELECT pageno FROM dbstat WHERE name = 'snapshots' AND pagetype = 'overflow'", -1,
                           &st, nullptr);
        while (st && sqlite3_step(st) == SQLITE_ROW) overflowPages << sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        sqlite3_close(db);
    }
    QFile file(path);
    if (pageSize <= 0 || !file.open(QIODevice::ReadWrite)) return -1;
    for (qint64 page : overflowPages)
        if (!file.seek((page - 1) * pageSize) || file.write(QByteArray("\x7f\xff\xff\xf0", 4)) != 4) return -1;
    return int(overflowPages.size());
}

// Overwrites the root page of table or index `name` (its rootpage in sqlite_schema) with 0xA5, as `dd` over that page
// would. Returns the page's number, or 0 when the file cannot be read or changed.
inline qint64 overwriteRootPage(const QString& path, const char* name) {
    qint64 rootPage = 0;
    int pageSize = 0;
    {
        sqlite3* db = nullptr;
        if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return 0;
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(db, "PRAGMA page_size", -1, &st, nullptr);
        if (sqlite3_step(st) == SQLITE_ROW) pageSize = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
        sqlite3_prepare_v2(db, "SELECT rootpage FROM sqlite_schema WHERE name = ?1", -1, &st, nullptr);
        sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
        if (st && sqlite3_step(st) == SQLITE_ROW) rootPage = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        sqlite3_close(db);
    }
    QFile file(path);
    if (rootPage <= 1 || pageSize <= 0 || !file.open(QIODevice::ReadWrite) || !file.seek((rootPage - 1) * pageSize) ||
        file.write(QByteArray(pageSize, char(0xA5))) != pageSize)
        return 0;
    return rootPage;
}

// overwriteRootPage under a store that has the file open: another connection commits and empties the write-ahead log
// first, so the store's connections drop their page caches and read the page from the file. Returns false when the
// log could not be emptied (a reader held it) or the page not written.
inline bool overwriteRootPageWhileOpen(const QString& path, const char* name) {
    sqlite3* db = nullptr;
    bool emptied = false;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK &&
        sqlite3_exec(db, "UPDATE conversations SET title = title WHERE id = 1", nullptr, nullptr, nullptr) == SQLITE_OK) {
        int logFrames = -1, copied = -1;
        emptied = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &logFrames, &copied) == SQLITE_OK;
    }
    sqlite3_close(db);
    return emptied && overwriteRootPage(path, name) > 1;
}

// Overwrites the first free-list trunk page (the header's 4-byte big-endian page number at offset 32) with 0x55, as
// session 54's trial did. Returns the page's number, or 0 when the file has no free page or cannot be changed.
inline qint64 overwriteFreeListTrunk(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite)) return 0;
    const QByteArray header = file.read(100);
    if (header.size() < 100) return 0;
    const auto byte = [&header](int i) { return quint32(quint8(header[i])); };
    const qint64 pageSize = byte(16) << 8 | byte(17);
    const qint64 trunk = byte(32) << 24 | byte(33) << 16 | byte(34) << 8 | byte(35);
    const qint64 size = pageSize == 1 ? 65536 : pageSize;
    if (trunk <= 1 || size < 512 || !file.seek((trunk - 1) * size) ||
        file.write(QByteArray(int(size), char(0x55))) != size)
        return 0;
    return trunk;
}

// overwriteFreeListTrunk under a store that has the file open, as overwriteRootPageWhileOpen does it.
inline bool overwriteFreeListTrunkWhileOpen(const QString& path) {
    sqlite3* db = nullptr;
    bool emptied = false;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK &&
        sqlite3_exec(db, "UPDATE conversations SET title = title WHERE id = 1", nullptr, nullptr, nullptr) ==
            SQLITE_OK) {
        int logFrames = -1, copied = -1;
        emptied = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &logFrames, &copied) == SQLITE_OK;
    }
    sqlite3_close(db);
    return emptied && overwriteFreeListTrunk(path) > 1;
}
