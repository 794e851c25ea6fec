// store/schema.h — the conversation database's migration ladder (one step per PRAGMA user_version).
// The DDL lives in schema.cpp (downloads: download_store.cpp). Tests: tests/app/test_store_migration.cpp.
#pragma once

#include <QStringList>

#include <span>

#include "migrations.h"

namespace rwkv::store {

/// Steps 1..N in order; N is ConversationStore::schemaVersion(). Never edit a shipped step: add a new one.
std::span<const MigrationStep> schemaSteps();

/// Makes the full-text index (messages_fts and its triggers, schema v3) again, filled from the messages, where its table
/// is missing from a database at v3 or later (dropped by hand or another tool; the messages are whole: session 22's
/// trial, F2). Without it every write to messages failed ("no such table: main.messages_fts") and the app could not
/// start. Returns whether it did; throws StoreError where it cannot write. One transaction.
bool restoreSearchIndex(Database& db);

/// Every table a version of this schema has held — the union over the steps (v1-v2's `states` included, FTS5's
/// shadow tables too, SQLite's own `sqlite_*` left out), read back from an in-memory database the steps build, once.
/// A table not in it marks another program's file (ConversationStore refuses that file untouched).
const QStringList& schemaTableNames();

}  // namespace rwkv::store
