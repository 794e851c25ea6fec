// app_paths.cpp — data folder and resource folder lookup (see app_paths.h).
#include "app_paths.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace rwkv::app {

QString resolveDataDir(const QString& override) {
    QString dir = override;
    if (dir.isEmpty()) dir = qEnvironmentVariable("RWKV_DESKTOP_DATA_DIR");
    if (dir.isEmpty()) dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty() || !QDir().mkpath(dir)) return {};
    return QDir(dir).absolutePath();
}

QString databasePath(const QString& dataDir) { return QDir(dataDir).filePath(QStringLiteral("conversations.sqlite")); }

QString findResourceDir(const QString& executableDir) {
    QStringList candidates;
    const QString fromEnv = qEnvironmentVariable("RWKV_DESKTOP_RESOURCES");
    if (!fromEnv.isEmpty()) candidates << fromEnv;
    const QDir exe(executableDir);
    candidates << exe.filePath(QStringLiteral("../share/rwkv-desktop")) << exe.filePath(QStringLiteral("resources"))
               << exe.filePath(QStringLiteral("../resources")) << exe.filePath(QStringLiteral("../../resources"));
    for (const QString& c : candidates) {
        if (QFileInfo::exists(QDir(c).filePath(QString::fromLatin1(kVocabFileName))))
            return QDir(c).canonicalPath();
    }
    return {};
}

}  // namespace rwkv::app
