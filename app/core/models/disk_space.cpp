// models/disk_space.cpp — free space, folder checks, byte formatting (see disk_space.h).
#include "disk_space.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QStorageInfo>
#include <QTemporaryFile>

namespace rwkv::models {

qint64 freeBytes(const QString& dir) {
    QStorageInfo info(dir);
    if (!info.isValid() || !info.isReady())
        return -1;
    return info.bytesAvailable();
}

QString folderProblem(const QString& dir) {
    const auto tr = [](const char* s) { return QCoreApplication::translate("rwkv::models", s); };
    if (dir.isEmpty())
        return tr("No models folder is set.");
    const QFileInfo info(dir);
    if (!info.exists())
        return tr("The models folder %1 does not exist.").arg(dir);
    if (!info.isDir())
        return tr("The models folder %1 is not a folder.").arg(dir);
    QTemporaryFile probe(dir + QStringLiteral("/.rwkv-write-probe-XXXXXX"));
    if (!probe.open())
        return tr("The models folder %1 is not writable (%2).").arg(dir, probe.errorString());
    return {};
}

QString humanBytes(qint64 bytes) {
    if (bytes < 0)
        return QStringLiteral("?");
    const char* units[] = {"B", "KB", "MB", "GB", "TB"};
    double v = double(bytes);
    int u = 0;
    while (v >= 1000.0 && u < 4) {
        v /= 1000.0;
        ++u;
    }
    return u == 0 ? QStringLiteral("%1 B").arg(bytes)
                  : QStringLiteral("%1 %2").arg(v, 0, 'f', v < 10 ? 2 : 1).arg(QLatin1String(units[u]));
}

}  // namespace rwkv::models
