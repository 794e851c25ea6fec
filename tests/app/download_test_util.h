// tests/app/download_test_util.h — small helpers of the download suites (test_download, test_download_part): a
// seeded random model body, sha256 of bytes and of a file, and the GETs an HttpTestServer saw for one path.
#pragma once

#include "http_test_server.h"

#include <QCryptographicHash>
#include <QFile>
#include <QRandomGenerator>

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

}  // namespace download_test
