// models/part_file.cpp — the lock and the record beside a download's .part (see part_file.h).
#include "part_file.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace rwkv::models {

PartFile::PartFile(const QString& partPath) : path_(partPath), lock_(partPath + QStringLiteral(".lock")) {
    lock_.setStaleLockTime(0);
}

bool PartFile::lock(qint64* holderPid) {
    if (lock_.isLocked() || lock_.tryLock(0))
        return true;
    qint64 pid = 0;
    QString host, app;
    if (lock_.error() == QLockFile::LockFailedError)
        lock_.getLockInfo(&pid, &host, &app);
    if (holderPid)
        *holderPid = pid;
    return false;
}

std::optional<PartRecord> PartFile::record() const {
    QFile f(recordPath());
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(f.read(64 * 1024)).object();
    if (!o.value(QStringLiteral("file")).isString())
        return std::nullopt;
    PartRecord r;
    r.fileName = o.value(QStringLiteral("file")).toString();
    r.expectedSize = qint64(o.value(QStringLiteral("size")).toDouble(-1));
    r.sha256 = o.value(QStringLiteral("sha256")).toString();
    r.url = o.value(QStringLiteral("url")).toString();
    r.validator = o.value(QStringLiteral("validator")).toString();
    return r;
}

bool PartFile::holds(const PartRecord& wanted) const {
    const std::optional<PartRecord> r = record();
    if (!r || r->fileName != wanted.fileName)
        return false;
    if (r->expectedSize >= 0 && wanted.expectedSize >= 0 && r->expectedSize != wanted.expectedSize)
        return false;
    if (!r->sha256.isEmpty() && !wanted.sha256.isEmpty())
        return r->sha256 == wanted.sha256;
    return r->url == wanted.url;
}

bool PartFile::writeRecord(const PartRecord& record) const {
    const QJsonObject o{{QStringLiteral("file"), record.fileName},
                        {QStringLiteral("size"), double(record.expectedSize)},
                        {QStringLiteral("sha256"), record.sha256},
                        {QStringLiteral("url"), record.url},
                        {QStringLiteral("validator"), record.validator},
                        {QStringLiteral("writer"), QStringLiteral("RWKV Desktop")}};
    const QByteArray bytes = QJsonDocument(o).toJson();
    if (bytes == written_ && QFile::exists(recordPath()))
        return true;  // unchanged: no write (and fsync) at every retry
    QSaveFile f(recordPath());
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) < 0 || !f.commit())
        return false;
    written_ = bytes;
    return true;
}

void PartFile::remove() const {
    QFile::remove(path_);
    QFile::remove(recordPath());
}

}  // namespace rwkv::models
