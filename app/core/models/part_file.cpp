// models/part_file.cpp — the lock and the record beside a download's .part (see part_file.h).
#include "part_file.h"

#include "one_line.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSysInfo>

namespace rwkv::models {

namespace {

// QLockFile's lines: pid, application, host name, and since Qt 5.10 the machine id and boot id. Read here (and not by
// QLockFile::getLockInfo) for the machine id, which decides "this computer" as QLockFile does.
std::optional<LockHolder> readHolder(const QString& lockPath) {
    QFile f(lockPath);
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QList<QByteArray> lines = f.read(4096).split('\n');
    bool ok = false;
    const qint64 pid = lines.value(0).trimmed().toLongLong(&ok);
    if (!ok || pid <= 0 || lines.size() < 3)
        return std::nullopt;
    LockHolder h;
    h.pid = pid;
    h.host = QString::fromUtf8(lines.value(2).trimmed());
    const QByteArray hostId = lines.value(3).trimmed();
    const QByteArray ourId = QSysInfo::machineUniqueId();
    const bool sameComputer = !hostId.isEmpty() && !ourId.isEmpty()
                                  ? hostId == ourId
                                  : h.host.isEmpty() || h.host == QSysInfo::machineHostName();
    h.kind = sameComputer ? LockHolder::Kind::ThisComputer : LockHolder::Kind::OtherComputer;
    return h;
}

}  // namespace

QString LockHolder::shownHost() const { return oneLine(host, 64); }  // a host name has at most 64 characters

PartFile::PartFile(const QString& partPath) : path_(partPath), lock_(partPath + QStringLiteral(".lock")) {
    lock_.setStaleLockTime(0);
}

// Session 29's trial (T2): every failure read as "held", so a folder named like the lock, or another computer's lock
// on a shared folder, made the download wait forever.
bool PartFile::lock(LockHolder* holder) {
    if (lock_.isLocked() || lock_.tryLock(0))
        return true;
    LockHolder h;
    const QFileInfo info(lockPath());
    const auto unusable = [&h](LockHolder::Problem p) {
        h.kind = LockHolder::Kind::Unusable;
        h.problem = p;
    };
    if (info.exists() && !info.isFile()) {
        unusable(LockHolder::Problem::NotAFile);
    } else if (lock_.error() == QLockFile::PermissionError) {
        unusable(LockHolder::Problem::NoPermission);
    } else if (lock_.error() != QLockFile::LockFailedError) {
        unusable(LockHolder::Problem::CannotCreate);
    } else if (info.isSymLink() && !info.exists()) {
        // A link to nothing: its size 0 and its missing time read as "an empty lock just made" at every look, so the
        // download waited forever (session 29's check, L2).
        unusable(LockHolder::Problem::Unreadable);
    } else if (const std::optional<LockHolder> read = readHolder(lockPath())) {
        h = *read;
    } else if (!(info.size() == 0 && qAbs(info.lastModified().msecsTo(QDateTime::currentDateTime())) < 10000)) {
        unusable(LockHolder::Problem::Unreadable);
    }  // else: an empty lock just made, whose taker writes its lines now: held (asked again later)
    if (holder)
        *holder = h;
    return false;
}

bool PartFile::takeOver(const LockHolder& holder) {
    const std::optional<LockHolder> now = readHolder(lockPath());
    if (holder.kind != LockHolder::Kind::OtherComputer || !now || now->kind != holder.kind || now->pid != holder.pid ||
        now->host != holder.host)
        return false;
    // removeStaleLockFile() takes the file's native lock first: it cannot remove a lock a live QLockFile holds (two
    // windows of this computer taking over at once: one removes, the other finds that one's fresh lock).
    return lock_.removeStaleLockFile() && lock_.tryLock(0);
}

QString PartFile::besideState() const {
    QString out;
    for (const QString& path : {path_, recordPath(), lockPath()}) {
        const QFileInfo f(path);
        out += f.exists() ? QStringLiteral("%1@%2;").arg(f.size()).arg(f.lastModified().toMSecsSinceEpoch())
                          : QStringLiteral("-;");
    }
    return out;
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
