// models/sha256_job.h — hashes a file with QCryptographicHash on its own thread (never the GUI thread)
// and reports back on the owner's thread. Used by DownloadTask; tests in tests/app/test_download.cpp.
#pragma once

#include "wording.h"

#include <QObject>
#include <QString>

#include <atomic>

class QThread;

namespace rwkv::models {

/// One hashing run. Start with start(); done() arrives on the thread that owns this object.
/// Destroying the job cancels the run and waits for its thread.
class Sha256Job : public QObject {
    Q_OBJECT
public:
    explicit Sha256Job(QString path, QObject* parent = nullptr);
    ~Sha256Job() override;

    void start();

signals:
    /// hex = lower-case sha256 of the whole file, or empty with error set (cannot read, cancelled).
    void done(const QString& hex, const rwkv::models::Wording& error);

private:
    QString path_;
    QThread* thread_ = nullptr;
    std::atomic<bool> cancel_{false};
};

}  // namespace rwkv::models
