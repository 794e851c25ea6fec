// store/migrations.h — the schema-version ladder on PRAGMA user_version.
// The steps themselves (the schema DDL) live with the SQL in conversation_store.cpp; tests in
// tests/app/test_store_files.cpp.
#pragma once

#include <QString>

#include <functional>
#include <span>

namespace rwkv::store {

class Database;

/// One rung: brings the schema from version toVersion-1 to toVersion.
struct MigrationStep {
    int toVersion;
    const char* name;                      ///< short description, quoted in errors
    std::function<void(Database&)> apply;  ///< runs inside the step's transaction
};

/// Brings db up to the last step's version.
/// - A file newer than the code (user_version > last step) is refused with StoreError before anything is
///   written, so the file stays untouched.
/// - Before migrating a file that already holds a schema, writes a copy to "<file>.bak-v<N>" (N = the
///   file's version; ".1", ".2"... appended if that name is taken).
/// - Each step runs in its own transaction together with the user_version bump; a failure rolls that step
///   back, leaves the file at the previous version, and throws StoreError naming the step.
/// steps must be numbered 1, 2, 3... in order. Returns the version the database had before; `backup`, when given,
/// receives the copy's path (left unchanged when no copy was made).
int migrate(Database& db, std::span<const MigrationStep> steps, QString* backup = nullptr);

}  // namespace rwkv::store
