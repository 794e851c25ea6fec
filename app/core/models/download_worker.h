// models/download_worker.h — the object that lives on DownloadManager's network thread: owns the
// QNetworkAccessManager and the DownloadTasks. Only DownloadManager talks to it (queued calls).
// Tests: tests/app/test_download.cpp.
#pragma once

#include "download_types.h"
#include "wording.h"

#include <QHash>
#include <QObject>

class QNetworkAccessManager;

namespace rwkv::store {
class DownloadStore;
struct DownloadRecord;
}

namespace rwkv::models {

class DownloadTask;

/// Every method runs on the network thread (DownloadManager invokes them with Qt::QueuedConnection, or
/// BlockingQueuedConnection for shutdown()).
class DownloadWorker : public QObject {
    Q_OBJECT
public:
    DownloadWorker(store::DownloadStore& store, const DownloadOptions& options);
    ~DownloadWorker() override;

    /// Creates the network access manager (must run on the thread).
    void init();
    /// Records a new download (DownloadManager::start's request) and starts it: a stored row of the same file and
    /// folder keeps its folder, size, checksum and validator (its .part is resumed). Here, not on the GUI thread: the
    /// save waits for another writer of the database (the chat saving a reply's state, another program) up to the
    /// store's busy timeout, and the window must not freeze meanwhile. A save that fails makes the download Failed
    /// ("Cannot record the download: …").
    void record(const store::DownloadRecord& request);
    /// Starts or resumes the download whose record is in the store.
    void start(const QString& id);
    void pause(const QString& id);
    void cancel(const QString& id);
    /// Pauses every running download (keeping .part files and records) and deletes the tasks and the
    /// network access manager, so the thread can end. The pause reason is stored untranslated
    /// (kInterruptedAtClose) and translated when the next session shows it, in that session's language.
    void shutdown();
    /// The stored pause reason of shutdown(): the English source text of a translation in this class's context.
    static const char* const kInterruptedAtClose;

signals:
    // from tasks, forwarded to DownloadManager
    void progress(const QString& id, qint64 received, qint64 total, double bytesPerSecond, qint64 etaSeconds);
    void stateChanged(const QString& id, int state, const rwkv::models::Wording& message,
                      bool waitingForOtherWindow = false);
    void completed(const QString& id, const QString& filePath, const QString& sha256);

private:
    /// The sentence `source` (marked QT_TR_NOOP) of this class's translations, worded where it is shown.
    static Wording said(const char* source, std::vector<Wording> args = {});
    store::DownloadStore& store_;
    DownloadOptions options_;
    QNetworkAccessManager* nam_ = nullptr;
    QHash<QString, DownloadTask*> tasks_;
};

}  // namespace rwkv::models
