// store/blob_io.h — incremental BLOB I/O (sqlite3_blob_open/read/write) on a Database: large state snapshots
// are written into a zeroblob and read back in chunks, never bound or copied as one huge SQL value.
// Tested in tests/app/test_store_snapshots.cpp.
#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace rwkv::store {

class Database;

/// Bytes moved per sqlite3_blob_read/write call.
inline constexpr qint64 kBlobChunkBytes = qint64(1) << 20;

/// Writes `size` bytes into table.column of row `rowid`, which must already hold exactly `size` bytes (insert
/// zeroblob(size) first, in the same transaction). Throws StoreError naming the row.
void writeBlob(Database& db, const char* table, const char* column, qint64 rowid, const char* data, qint64 size);

/// Reads the whole BLOB in table.column of row `rowid`. Throws StoreError when the row does not exist or the
/// cell is not a BLOB/TEXT.
QByteArray readBlob(Database& db, const char* table, const char* column, qint64 rowid);

/// True when the BLOB's last byte can be read, which walks its whole overflow chain (the pages a DELETE frees).
/// False for a damaged chain (SQLITE_CORRUPT) or a missing row. Never throws.
bool blobChainIsIntact(Database& db, const char* table, const char* column, qint64 rowid);

}  // namespace rwkv::store
