// models/download_manager.h — resumable, verified model downloads from Hugging Face, hf-mirror and
// ModelScope, run on a network thread of their own. The GUI-thread face of DownloadWorker/DownloadTask.
// Tests: tests/app/test_download.cpp (loopback HTTP servers only).
#pragma once

#include "download_types.h"

#include <QHash>
#include <QObject>
#include <QThread>

namespace rwkv::store {
class DownloadStore;
}

namespace rwkv::models {

class DownloadWorker;

/// Downloads model files into a models folder. Each download writes "<file>.part" next to the final file
/// and keeps its metadata in the DownloadStore, so it resumes after pause() and after an app restart
/// (resume(id) on a new manager). The file is renamed to its final name only after its size and sha256
/// match the expectation (X-Linked-Size/X-Linked-Etag of the first hop, else the request's values); the
/// models folder therefore never holds a partial or unverified model.
///
/// Lives on the GUI thread; signals arrive there. All methods return at once.
class DownloadManager : public QObject {
    Q_OBJECT
public:
    /// store must outlive the manager. Downloads recorded in the store (from an earlier run) are listed
    /// by downloads() as Paused until resume() is called.
    explicit DownloadManager(store::DownloadStore& store, DownloadOptions options = {}, QObject* parent = nullptr);
    /// Pauses running downloads (their .part files and records are kept) and stops the network thread.
    ~DownloadManager() override;

    /// The longest file name (UTF-8 bytes) start() takes: 255 bytes, the most a name has on Linux file systems, less
    /// the 17 of ".part.json.XXXXXX", the longest name a download writes beside its file.
    static constexpr qsizetype kLongestFileName = 255 - 17;

    /// Checks the request (id, a bare file name of at most kLongestFileName bytes, a URL for the chosen source, the
    /// target folder exists and is writable, the file is not there yet) and starts it. On bad input returns false, sets *error, emits
    /// failed(), and touches nothing on disk. Starting an id that has a paused .part resumes it. The download's row is
    /// saved on the network thread: start() does not wait for the database, and emits stateChanged(Queued) before it
    /// returns; should that save fail, the download becomes Failed and failed() says why. Without a word from the
    /// network thread within DownloadOptions::answerWaitMs it becomes Failed (Paused, if it was) with a sentence.
    bool start(const DownloadRequest& request, QString* error = nullptr);
    /// Stops the transfer; the .part file stays. No-op for unknown ids.
    void pause(const QString& id);
    /// Continues a paused or failed download from its .part file (also one from an earlier run); like start(), emits
    /// stateChanged(Queued) before it returns.
    void resume(const QString& id);
    /// Stops and deletes the .part file and the record. Emits stateChanged(Cancelled) and forgets the download before it
    /// returns; the network thread removes the files after what it is doing (a save behind another writer: seconds).
    void cancel(const QString& id);

    /// The last known status of id (received bytes, speed, state, message), if the manager knows it.
    std::optional<DownloadStatus> status(const QString& id) const;
    /// Every download the manager knows: this run's, plus the unfinished ones from the store.
    QList<DownloadStatus> downloads() const;
    /// After a language switch: every status's message worded again from its reason (no signal; the caller re-reads).
    void retranslate();
    /// Why the downloads of earlier runs are not listed, for the start's banner, or empty when their list was read: it
    /// was damaged and made again, empty (store::DownloadStore::listRemade), or it cannot be read (a read-only library);
    /// then the partly downloaded files (each "*.part" of `folders`, the models folders) that were kept, and that the
    /// chats and the models already downloaded were not touched. Before session 59 only stderr said it: a paused
    /// download's Resume banner was gone without a word.
    Wording earlierListProblem(const QStringList& folders) const;

signals:
    /// received <= total whenever total is known; bytesPerSecond over the last few seconds; etaSeconds -1
    /// when unknown.
    void progress(const QString& id, qint64 received, qint64 total, double bytesPerSecond, qint64 etaSeconds);
    void stateChanged(const QString& id, rwkv::models::DownloadState state, const QString& message);
    /// The verified file is in place at filePath.
    void finished(const QString& id, const QString& filePath, const QString& sha256);
    /// The download stopped for good (state Failed), or start() refused it; message says why, translated: reason
    /// worded now (its briefText() is the short form for a banner beside the download's card).
    void failed(const QString& id, const QString& message, const rwkv::models::Wording& reason);

private:
    /// The longest (ms) the GUI thread waits for the download list (a read behind the network thread's save).
    static constexpr int kReadLockWaitMs = 200;
    void onProgress(const QString& id, qint64 received, qint64 total, double bytesPerSecond, qint64 etaSeconds);
    void onStateChanged(const QString& id, int state, const Wording& message, bool waitingForOtherWindow);
    void onCompleted(const QString& id, const QString& filePath, const QString& sha256);
    bool reject(const QString& id, const Wording& message, QString* error);
    /// The sentence `source` (marked QT_TR_NOOP) of this class's translations, worded where it is shown.
    static Wording said(const char* source, std::vector<Wording> args = {});
    /// Sets id's status Queued and says so (stateChanged) before the network thread answers.
    void sayQueued(const QString& id);

    store::DownloadStore& store_;
    QThread thread_;
    DownloadWorker* worker_ = nullptr;
    QHash<QString, DownloadStatus> statuses_;
    int answerWaitMs_;
    quint64 queuedTurns_ = 0;
    QHash<QString, quint64> awaitingAnswer_;  ///< id -> the sayQueued() turn still without the network thread's word
    QHash<QString, int> cancelsUnanswered_;   ///< id -> cancel() calls whose Cancelled the network thread has not sent
    bool listRemade_ = false;                 ///< the store made the damaged list again, empty, at its open
    QString listUnread_;                      ///< why the list of earlier downloads could not be read; empty: it was
};

}  // namespace rwkv::models
