// store/schema.h — the conversation database's migration ladder (one step per PRAGMA user_version).
// The DDL lives in schema.cpp (downloads: download_store.cpp). Tests: tests/app/test_store_migration.cpp.
#pragma once

#include <span>

#include "migrations.h"

namespace rwkv::store {

/// Steps 1..N in order; N is ConversationStore::schemaVersion(). Never edit a shipped step: add a new one.
std::span<const MigrationStep> schemaSteps();

}  // namespace rwkv::store
