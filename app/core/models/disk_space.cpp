// models/disk_space.cpp — free space, folder checks, byte formatting (see disk_space.h).
#include "disk_space.h"

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

bool largerThanTheDisk(qint64 size, const QString& dir) {
    const qint64 whole = size >= 0 ? totalBytes(dir) : -1;
    return whole >= 0 && size > whole;
}

qint64 totalBytes(const QString& dir) {
    QStorageInfo info(dir);
    if (!info.isValid() || !info.isReady())
        return -1;
    return info.bytesTotal();
}

Wording folderProblem(const QString& dir) {
    const auto said = [](const char* s, std::vector<Wording> args = {}) {
        return Wording("rwkv::models", s, std::move(args));
    };
    if (dir.isEmpty())
        return said(QT_TRANSLATE_NOOP("rwkv::models", "No models folder is set."));
    const QFileInfo info(dir);
    if (!info.exists())
        return said(QT_TRANSLATE_NOOP("rwkv::models", "The models folder %1 does not exist."), {dir});
    if (!info.isDir())
        return said(QT_TRANSLATE_NOOP("rwkv::models", "The models folder %1 is not a folder."), {dir});
    if (const QString why = writeProblem(dir); !why.isEmpty())
        return said(QT_TRANSLATE_NOOP("rwkv::models", "The models folder %1 is not writable (%2)."), {dir, why});
    return {};
}

QString writeProblem(const QString& dir) {
    QTemporaryFile probe(dir + QStringLiteral("/.rwkv-write-probe-XXXXXX"));
    return probe.open() ? QString() : probe.errorString();
}

QString humanBytes(qint64 bytes) {
    if (bytes < 0)
        return QStringLiteral("?");
    if (bytes < 1000)
        return QStringLiteral("%1 B").arg(bytes);
    // qint64 ends below 9.3 EB. A value that rounds to 1000 takes the next unit: 999,999 bytes is "1.00 MB".
    const char* units[] = {"KB", "MB", "GB", "TB", "PB", "EB"};
    double v = double(bytes) / 1000.0;
    int u = 0;
    const auto decimals = [](double x) { return x < 10 ? 2 : 1; };
    while (u < 5 && QString::number(v, 'f', decimals(v)).toDouble() >= 1000.0) {
        v /= 1000.0;
        ++u;
    }
    return QStringLiteral("%1 %2").arg(v, 0, 'f', decimals(v)).arg(QLatin1String(units[u]));
}

}  // namespace rwkv::models
