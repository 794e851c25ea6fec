// tests/app/download_test_util.h — small helpers of the download suites (test_download, test_download_failures,
// test_download_part, test_download_write_lock): a seeded random model body, sha256 of bytes and of a file, the GETs an
// HttpTestServer saw for one path, and a round trip through a DownloadManager's network thread.
#pragma once

#include "http_test_server.h"

#include "models/download_manager.h"

#include <QCryptographicHash>
#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>

namespace download_test {

inline QByteArray randomBytes(qsizetype size, quint32 seed) {
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator rng(seed);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char(rng.generate() & 0xff);
    return bytes;
}

inline QString sha256Hex(const QByteArray& bytes) {
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

inline QString fileSha256(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? sha256Hex(f.readAll()) : QString();
}

inline QList<SeenRequest> gets(const HttpTestServer& server, const QByteArray& path) {
    QList<SeenRequest> out;
    for (const SeenRequest& r : server.requests)
        if (r.method == "GET" && r.path == path)
            out.append(r);
    return out;
}

/// A round trip through `manager`'s network thread: Resume of a download it does not know ("probe"), answered by
/// failed("probe"). True once answered: whatever the thread did or sent before (a Cancel's removal of the files) is done.
inline bool networkThreadAnswered(rwkv::models::DownloadManager& manager, int timeoutMs = 20000) {
    QSignalSpy failed(&manager, &rwkv::models::DownloadManager::failed);
    manager.resume(QStringLiteral("probe"));
    return failed.wait(timeoutMs) && failed.constFirst().at(0).toString() == QLatin1String("probe");
}

}  // namespace download_test
