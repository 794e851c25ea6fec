// store/damaged_database.h — what the app does with a conversation database SQLite calls damaged: tell it apart
// from other open errors, and move it (with its -wal/-shm/-journal files) aside so that a new, empty one can be
// started. The file is renamed, never deleted or changed. Tested in tests/app/test_damaged_database.cpp.
#pragma once

#include <QString>
#include <QStringList>

#include <exception>

namespace rwkv::store {

/// True when `e` is a StoreError whose SQLite code says the file is damaged or is not a database
/// (SQLITE_CORRUPT, SQLITE_NOTADB). A locked, read-only or newer-version file is not "damaged".
bool isDamagedDatabase(const std::exception& e);

/// Renames `path` to "<path>.damaged-<yyyyMMdd-hhmmss>" (", -2", "-3"… appended when that name is taken; never
/// overwrites) and its companions "<path>-wal", "<path>-shm" and "<path>-journal", when present, to the same new
/// name plus their suffix, so SQLite can still read the moved file with its journal. Returns the new path of the
/// main file; on failure returns an empty string, puts the reason in *error and leaves every file where it was. The
/// note of damage met by a write (damage_mark.h) is removed: the new file in the old one's place has met none.
/// `infix` replaces ".damaged-" (".not-a-database-" for a file of another kind in the database's place).
QString moveDamagedDatabaseAside(const QString& path, QString* error = nullptr,
                                 const QString& infix = QStringLiteral(".damaged-"));

/// The copies an upgrade kept of `path` ("<path>.bak-v<N>", written by migrations.h before a schema change) that
/// are next to it now, as file names, newest first; empty when there are none (a message then names none).
QStringList upgradeBackups(const QString& path);

}  // namespace rwkv::store
