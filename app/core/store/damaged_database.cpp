// store/damaged_database.cpp — see damaged_database.h.
#include "damaged_database.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

#include <array>
#include <utility>
#include <vector>

#include "damage_mark.h"
#include "files_with_prefix.h"
#include "store_error.h"

namespace rwkv::store {
namespace {

constexpr std::array<const char*, 3> kCompanions = {"-wal", "-shm", "-journal"};

bool nameIsFree(const QString& base) {
    if (QFileInfo::exists(base)) return false;
    for (const char* suffix : kCompanions)
        if (QFileInfo::exists(base + QLatin1String(suffix))) return false;
    return true;
}

}  // namespace

bool isDamagedDatabase(const std::exception& e) {
    const auto* se = dynamic_cast<const StoreError*>(&e);
    return se != nullptr && (se->code() == SQLITE_CORRUPT || se->code() == SQLITE_NOTADB);
}

QString moveDamagedDatabaseAside(const QString& path, QString* error, const QString& infix) {
    auto fail = [error](const QString& why) {
        if (error) *error = why;
        return QString();
    };
    if (!QFileInfo::exists(path)) return fail(QStringLiteral("%1 does not exist").arg(path));
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss"));
    QString target = path + infix + stamp;
    for (int n = 2; !nameIsFree(target); ++n)
        target = path + infix + QStringLiteral("%1-%2").arg(stamp).arg(n);

    std::vector<std::pair<QString, QString>> moved;  // undone if a later rename fails
    std::vector<std::pair<QString, QString>> renames = {{path, target}};
    for (const char* suffix : kCompanions)
        if (QFileInfo::exists(path + QLatin1String(suffix)))
            renames.emplace_back(path + QLatin1String(suffix), target + QLatin1String(suffix));
    for (const auto& [from, to] : renames) {
        QFile file(from);
        if (!file.rename(to)) {
            const QString why = file.errorString();
            for (auto it = moved.rbegin(); it != moved.rend(); ++it) QFile::rename(it->second, it->first);
            return fail(QStringLiteral("cannot rename %1 to %2: %3").arg(from, to, why));
        }
        moved.emplace_back(from, to);
    }
    QFile::remove(damageMarkPath(path));  // the new file in its place has met no damage (damage_mark.h)
    return target;
}

QStringList upgradeBackups(const QString& path) {
    const QFileInfo file(path);
    return filesWithPrefix(QDir(file.absolutePath()), file.fileName() + QStringLiteral(".bak-v"), QDir::Time);
}

}  // namespace rwkv::store
