// store/schema.h — the conversation database's migration ladder (one step per PRAGMA user_version).
// The DDL lives in schema.cpp (downloads: download_store.cpp). Tests: tests/app/test_store_migration.cpp.
#pragma once

#include <QStringList>

#include <span>
#include <string>

#include "migrations.h"

namespace rwkv::store {

/// Steps 1..N in order; N is ConversationStore::schemaVersion(). Never edit a shipped step: add a new one.
std::span<const MigrationStep> schemaSteps();

/// Makes the full-text index (messages_fts and its triggers, schema v3) again, filled from the messages, where its table
/// is missing from a database at v3 or later (dropped by hand or another tool; the messages are whole: session 22's
/// trial, F2). Without it every write to messages failed ("no such table: main.messages_fts") and the app could not
/// start. Returns whether it did; throws StoreError where it cannot write. One transaction.
bool restoreSearchIndex(Database& db);

/// Whether the full-text index (schema v3 and later; earlier: none) can be read: PRAGMA quick_check of its data and
/// idx tables, then one search, which opens the table. Returns SQLite's error where it cannot, an empty string where
/// it can. 26-35 ms on a 6,000-message, 12 MB library; FTS5's 'integrity-check' (it also compares the index with
/// every message's text) took 430-730 ms there, too slow for each start, and is an INSERT, refused read-only.
std::string searchIndexDamage(Database& db);

/// Makes the full-text index again from the messages (it is derived data): FTS5's 'rebuild', or, where the index's
/// own pages cannot be read (an overwritten root page of messages_fts_data fails the table's constructor, so neither
/// 'rebuild' nor DROP TABLE can run), its entries are taken out of sqlite_schema (writable_schema) and
/// restoreSearchIndex makes it anew; a VACUUM then frees the old pages (skipped where it fails). Throws StoreError
/// where the index cannot be made again.
void rebuildSearchIndex(Database& db);

/// Whether the saved states (the snapshots table, schema v3 and later) can be listed: every page of the table's
/// b-tree and of its indexes is read, no state's own (overflow) pages. Returns SQLite's error for damage
/// (SQLITE_CORRUPT, SQLITE_NOTADB), an empty string otherwise. PRAGMA quick_check(snapshots) would read every state
/// in full: 2,771-5,003 ms on a 500-conversation, 6,000-message library with 1,000 states of 2 MiB (2.1 GB; a
/// loaded 2-core machine, the file in the page cache), too slow for each start; this walk 7.5 ms there.
std::string snapshotsDamage(Database& db);

/// Makes the downloads table again, empty (DownloadStore, on a damaged one): the .part files and their records
/// beside them stay, so Download of the same model goes on from its bytes. As remakeSnapshotsTable, one transaction
/// and a VACUUM; throws StoreError where the table cannot be made again.
void remakeDownloadsTable(Database& db);

/// Makes the snapshots table again, empty: the states are a cache of what the messages' text gives again (a chat
/// without one re-reads its text at its next turn). Its entries leave sqlite_schema (writable_schema; its damaged
/// pages cannot be freed by DROP TABLE) and it is made anew, one transaction; a VACUUM then frees the old pages
/// (skipped where it fails). Throws StoreError where the table cannot be made again.
void remakeSnapshotsTable(Database& db);

/// Whether the conversations, messages, folders and (writable only: the ids of what is added) sqlite_sequence tables
/// and every index of them are whole: PRAGMA quick_check of each table (SQLite 3.33+: a table's name checks it and
/// its indexes). Returns its first complaint, named by table, or an empty string. 13-35 ms on a 500-conversation,
/// 6,000-message file (a loaded 2-core machine).
std::string libraryPagesDamage(Database& db);
/// The same check for one table ("conversations", "messages", ...) and its indexes.
std::string tablePagesDamage(Database& db, const char* table);

/// Whether those four tables themselves read whole, their indexes left aside: every column of every row, read by
/// rowid. Returns SQLite's error named by table, or an empty string. Throws StoreError for a failure that is not the
/// rows' (no such table).
std::string libraryTablesDamage(Database& db);

/// Makes every index of the conversations and messages tables again from their rows (indexes are derived data):
/// their entries leave sqlite_schema (writable_schema; DROP INDEX would walk the damaged pages) and each is created
/// again from its stored SQL, one transaction; a VACUUM then frees the old pages (skipped where it fails). Throws
/// StoreError where it cannot write.
void rebuildLibraryIndexes(Database& db);

/// Every table a version of this schema has held — the union over the steps (v1-v2's `states` included, FTS5's
/// shadow tables too, SQLite's own `sqlite_*` left out), read back from an in-memory database the steps build, once.
/// A table not in it marks another program's file (ConversationStore refuses that file untouched).
const QStringList& schemaTableNames();

}  // namespace rwkv::store
