// store/blob_io.cpp — see blob_io.h.
#include "blob_io.h"

#include "database.h"

#include <sqlite3.h>

#include <algorithm>
#include <string>

namespace rwkv::store {
namespace {

/// RAII sqlite3_blob handle.
class BlobHandle {
public:
    BlobHandle(Database& db, const char* table, const char* column, qint64 rowid, bool write) : db_(db) {
        if (sqlite3_blob_open(db.handle(), "main", table, column, rowid, write ? 1 : 0, &blob_) != SQLITE_OK) {
            sqlite3_blob_close(blob_);  // SQLite may hand out a handle even on failure; closing nullptr is a no-op
            blob_ = nullptr;
            throw StoreError::fromConnection(db.handle(), std::string("open blob ") + table + "." + column + " of row " +
                                                              std::to_string(rowid));
        }
    }
    ~BlobHandle() { sqlite3_blob_close(blob_); }
    BlobHandle(const BlobHandle&) = delete;
    BlobHandle& operator=(const BlobHandle&) = delete;
    sqlite3_blob* get() const { return blob_; }
    Database& db() const { return db_; }

private:
    Database& db_;
    sqlite3_blob* blob_ = nullptr;
};

}  // namespace

void writeBlob(Database& db, const char* table, const char* column, qint64 rowid, const char* data, qint64 size) {
    BlobHandle blob(db, table, column, rowid, true);
    const qint64 cell = sqlite3_blob_bytes(blob.get());
    if (cell != size)
        throw StoreError(std::string("write blob ") + table + "." + column + " of row " + std::to_string(rowid) +
                         ": the cell holds " + std::to_string(cell) + " bytes, not " + std::to_string(size));
    for (qint64 at = 0; at < size; at += kBlobChunkBytes) {
        const int n = int(std::min(kBlobChunkBytes, size - at));
        if (sqlite3_blob_write(blob.get(), data + at, n, int(at)) != SQLITE_OK)
            throw StoreError::fromConnection(db.handle(), std::string("write blob ") + table + "." + column);
    }
}

QByteArray readBlob(Database& db, const char* table, const char* column, qint64 rowid) {
    BlobHandle blob(db, table, column, rowid, false);
    const qint64 size = sqlite3_blob_bytes(blob.get());
    QByteArray out(size, Qt::Uninitialized);
    for (qint64 at = 0; at < size; at += kBlobChunkBytes) {
        const int n = int(std::min(kBlobChunkBytes, size - at));
        if (sqlite3_blob_read(blob.get(), out.data() + at, n, int(at)) != SQLITE_OK)
            throw StoreError::fromConnection(db.handle(), std::string("read blob ") + table + "." + column);
    }
    return out;
}

bool blobChainIsIntact(Database& db, const char* table, const char* column, qint64 rowid) {
    try {
        BlobHandle blob(db, table, column, rowid, false);
        const int size = sqlite3_blob_bytes(blob.get());
        char last = 0;
        return size == 0 || sqlite3_blob_read(blob.get(), &last, 1, size - 1) == SQLITE_OK;
    } catch (const StoreError&) {
        return false;
    }
}

}  // namespace rwkv::store
