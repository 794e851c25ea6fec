// store/damage_mark.h — the note a write that met a damaged conversation database leaves beside it, so that the next
// open checks the whole file. The open's own checks read each table (schema.h: libraryPagesDamage, snapshotsDamage,
// searchIndexDamage) but not the free-page list, and the whole file's PRAGMA quick_check reads every saved state, too
// slow for each start: session 54's trial overwrote the first free-list trunk page, every reply then failed as damaged
// ("RWKV Desktop offers to recover … when it starts with this file") while every start opened the file as whole.
// The note is a file, not a row: the damaged file may refuse the row. Tested in tests/app/test_damage_mark.cpp.
#pragma once

#include <QString>

struct sqlite3;

namespace rwkv::store {

class Database;

/// The note's path: "<database>.damage-seen", beside the file (moveDamagedDatabaseAside removes it with the file).
QString damageMarkPath(const QString& databasePath);

/// Leaves the note beside `db`'s main file (not for an in-memory or temporary one, nor where it is there already):
/// one line naming what failed and SQLite's words. Called where a statement that writes failed with SQLITE_CORRUPT
/// or SQLITE_NOTADB (Statement::step, Database::exec). Never throws: a note that cannot be written is logged.
void markDamageSeen(sqlite3* db, const char* sqliteWords);

/// What the open does with a file that has the note (writable only; a read-only open changes nothing and leaves it):
/// the whole file's PRAGMA quick_check. "ok" removes the note. Where every complaint is the free-page list's (its
/// trunk or leaf pages, or pages it lost), a VACUUM writes the file anew (every row copied into a new file and back,
/// the list rebuilt; no free page is read), the file is checked again, and "ok" removes the note: nothing is lost.
/// Any other complaint, rows the VACUUM cannot read, or a check that still complains throw the damaged-database
/// StoreError (SQLITE_CORRUPT), so the app offers its recovery; the note stays until the file is moved aside. A full
/// disk during the VACUUM throws SQLITE_FULL with extendedCode kFullWhileMending (the note stays: the next open tries
/// again; ConversationStore opens the file read-only and says the room it needs); a VACUUM refused for another reason
/// (a lock) is that error. Returns whether the file was written anew.
bool checkMarkedDamage(Database& db, const QString& path);

}  // namespace rwkv::store
