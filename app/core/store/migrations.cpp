// store/migrations.cpp — runs the migration ladder: version check, backup, one transaction per step.
// Tested in tests/app/test_store_files.cpp.
#include "migrations.h"

#include "database.h"
#include "transaction.h"

#include <QFileInfo>

#include <string>

namespace rwkv::store {
namespace {

QString freeBackupName(const QString& file, int version) {
    const QString base = file + QStringLiteral(".bak-v%1").arg(version);
    QString name = base;
    for (int i = 1; QFileInfo::exists(name); ++i)
        name = base + QStringLiteral(".%1").arg(i);
    return name;
}

}  // namespace

int migrate(Database& db, std::span<const MigrationStep> steps, QString* backupPath) {
    const int target = steps.empty() ? 0 : steps.back().toVersion;
    const std::string where = db.path().toStdString();
    const int start = db.userVersion();
    if (start > target)
        throw StoreError(where + ": the database has schema version " + std::to_string(start) +
                         ", newer than this version of RWKV Desktop understands (" + std::to_string(target) +
                         "); it was left unchanged. Use a newer RWKV Desktop or another database file.");
    if (start == target)
        return start;

    if (!db.isMemory() && !db.isEmpty()) {
        const QString backup = freeBackupName(db.path(), start);
        try {
            db.backupTo(backup);
            if (backupPath) *backupPath = backup;
        } catch (const StoreError& e) {
            throw StoreError(where + ": backup to " + backup.toStdString() + " before migrating from version " +
                                 std::to_string(start) + " failed; nothing was migrated. " + e.what(),
                             e.code(), e.extendedCode(), e.sql(), e.file(), e.sqliteMessage());
        }
    }

    for (const MigrationStep& step : steps) {
        if (step.toVersion <= start)
            continue;
        try {
            Transaction tx(db);
            step.apply(db);
            db.setUserVersion(step.toVersion);
            tx.commit();
        } catch (const std::exception& e) {
            const auto* se = dynamic_cast<const StoreError*>(&e);
            throw StoreError(where + ": migration step " + std::to_string(step.toVersion) + " (\"" + step.name +
                                 "\") failed; the database stays at version " +
                                 std::to_string(step.toVersion - 1) + ". " + e.what(),
                             se ? se->code() : 0, se ? se->extendedCode() : 0, se ? se->sql() : std::string(),
                             se ? se->file() : std::string(), se ? se->sqliteMessage() : std::string());
        }
    }
    return start;
}

}  // namespace rwkv::store
