// damageSnapshotPages: breaks the stored states of a conversation database on disk the way a bad sector or a torn
// write does, for the tests of what the store and the chat session do with damaged snapshot pages.
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
