// tests/app/download_fixture.h — the set-up test_download and test_download_failures share: a temporary folder with a
// models folder and the app database (the migrations of a ConversationStore, a DownloadStore on it), a loopback
// HttpTestServer on 127.0.0.1 serving a seeded random body of kFileSize bytes at /file.bin, and the steps the tests
// take (the catalog's request for it, a loopback-only DownloadManager whose progress and .part file are watched never
// to pass the file's size, waiting for a state, a pause at a fraction). A test class derives from QObject and this,
// and calls init() / cleanup() from its own slots.
#pragma once

#include "download_test_util.h"
#include "http_test_server.h"

#include "models/download_manager.h"
#include "store/conversation_store.h"
#include "store/download_store.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace download_test {

inline constexpr qint64 kFileSize = 3 * 1024 * 1024 + 123;  // odd on purpose
inline constexpr int kWaitMs = 20000;

class DownloadFixture {
protected:
    /// A fresh folder (models/, app.sqlite), the body and its sha256, and the server listening with /file.bin.
    void init() {
        dir_ = std::make_unique<QTemporaryDir>();
        QVERIFY(QDir().mkpath(modelsDir()));
        const QString db = dir_->filePath(QStringLiteral("app.sqlite"));
        conversations_ = std::make_unique<rwkv::store::ConversationStore>(db);  // runs the migrations (downloads table)
        downloads_ = std::make_unique<rwkv::store::DownloadStore>(db);
        body_ = randomBytes(kFileSize, 7);
        sha_ = sha256Hex(body_);
        server_ = std::make_unique<HttpTestServer>(QHostAddress(QStringLiteral("127.0.0.1")));
        QVERIFY(server_->listen());
        server_->setFile("/file.bin", body_);
        oversized_ = false;
    }

    /// Everything init() made, the server first.
    void cleanup() {
        server_.reset();
        downloads_.reset();
        conversations_.reset();
        dir_.reset();
    }

    /// The request for model.pth ("model") from `url` into the models folder, with the catalog's size and sha256
    /// unless `withCatalogFacts` is false.
    rwkv::models::DownloadRequest request(const QUrl& url, bool withCatalogFacts = true) const {
        rwkv::models::DownloadRequest r;
        r.id = QStringLiteral("model");
        r.fileName = QStringLiteral("model.pth");
        r.targetDir = modelsDir();
        r.urls.insert(rwkv::models::Source::HuggingFace, url);
        r.source = rwkv::models::Source::HuggingFace;
        if (withCatalogFacts) {
            r.expectedSize = kFileSize;
            r.expectedSha256 = sha_;
        }
        return r;
    }

    /// A manager on the test database: loopback only, fast retries and progress, writes past `maxWritable` bytes
    /// failing like ENOSPC (-1: no limit); its sizes watched (watchSizes).
    std::unique_ptr<rwkv::models::DownloadManager> newManager(qint64 maxWritable = -1,
                                                              rwkv::models::DownloadOptions o = {}) {
        o.useSystemProxy = false;  // loopback only, whatever the environment says
        o.retryBaseMs = 20;
        o.retryMaxMs = 200;
        if (o.progressIntervalMs == rwkv::models::DownloadOptions{}.progressIntervalMs)
            o.progressIntervalMs = 10;
        o.maxWritableBytes = maxWritable;
        auto m = std::make_unique<rwkv::models::DownloadManager>(*downloads_, o);
        watchSizes(*m);
        return m;
    }

    QString modelsDir() const { return dir_->filePath(QStringLiteral("models")); }
    QString finalPath() const { return modelsDir() + QStringLiteral("/model.pth"); }
    QString partPath() const { return finalPath() + QStringLiteral(".part"); }

    /// True once download "model" is in `state`; false after `timeoutMs`.
    bool waitForState(rwkv::models::DownloadManager& m, rwkv::models::DownloadState state, int timeoutMs = kWaitMs) {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            const auto s = m.status(QStringLiteral("model"));
            if (s && s->state == state)
                return true;
            QTest::qWait(5);
        }
        return false;
    }

    /// Pauses the download once `fraction` of its bytes have arrived.
    void pauseAtFraction(rwkv::models::DownloadManager& m, double fraction) {
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = QObject::connect(&m, &rwkv::models::DownloadManager::progress, &m,
                                       [&m, fraction, connection](const QString& id, qint64 received, qint64 total) {
                                           if (total > 0 && received >= qint64(double(total) * fraction)) {
                                               QObject::disconnect(*connection);
                                               m.pause(id);
                                           }
                                       });
    }

    /// Sets oversized_ (which the tests check) if any progress signal, or the .part file at that moment, exceeds the
    /// file size.
    void watchSizes(rwkv::models::DownloadManager& m) {
        QObject::connect(&m, &rwkv::models::DownloadManager::progress, &m,
                         [this](const QString&, qint64 received, qint64 total) {
                             if (received > kFileSize || total > kFileSize || (total >= 0 && received > total) ||
                                 QFileInfo(partPath()).size() > kFileSize)
                                 oversized_ = true;
                         });
    }

    std::unique_ptr<QTemporaryDir> dir_;
    std::unique_ptr<HttpTestServer> server_;
    std::unique_ptr<rwkv::store::ConversationStore> conversations_;
    std::unique_ptr<rwkv::store::DownloadStore> downloads_;
    QByteArray body_;
    QString sha_;
    bool oversized_ = false;
};

}  // namespace download_test
