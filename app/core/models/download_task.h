// models/download_task.h — one model download on the DownloadManager's network thread: the request chain
// (manual redirects, Range/If-Range), the .part file, retries with backoff, source fallback, verification
// and the atomic rename. Tests: tests/app/test_download.cpp.
#pragma once

#include "download_types.h"
#include "part_file.h"
#include "wording.h"
#include "store/download_store.h"

#include <QElapsedTimer>
#include <QFile>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

class QNetworkAccessManager;

namespace rwkv::models {

class Sha256Job;

/// Drives one download described by a DownloadRecord. Lives on the network thread; every method is called
/// there. The .part file sits next to the final file (same filesystem, so the final rename is atomic);
/// the record is kept in the DownloadStore until the file is verified.
///
/// Rules that keep the file correct:
/// - appends only to a 206 whose Content-Range starts exactly at the .part size; any other answer to a
///   ranged request (200, or 206 elsewhere) truncates the .part and starts over;
/// - never writes past the expected size (from the first hop's X-Linked-Size, the catalog, or the
///   response), so the .part can never grow larger than the file;
/// - renames into the models folder only after the size and the sha256 (when known) match;
/// - writes the .part only while holding its lock (PartFile: another window on the same models folder waits), and
///   resumes only a .part whose record says this app wrote it for the same file (any other is started over).
class DownloadTask : public QObject {
    Q_OBJECT
public:
    DownloadTask(store::DownloadRecord record, QNetworkAccessManager& nam, store::DownloadStore& store,
                 const DownloadOptions& options, QObject* parent = nullptr);
    ~DownloadTask() override;

    const QString& id() const { return record_.id; }
    DownloadState state() const { return state_; }

    /// Starts or resumes from the .part file.
    void start();
    /// Stops the transfer and keeps the .part file and the record (state Paused, with message).
    void pause(const Wording& message = {});
    /// Stops, removes the .part file (when this task holds it) and the record (state Cancelled).
    void cancel();

signals:
    void progress(const QString& id, qint64 received, qint64 total, double bytesPerSecond, qint64 etaSeconds);
    /// state is a DownloadState value; waitingForOtherWindow: message is information, not a problem: another window
    /// downloads the file (the Downloading state of waitForOtherWindow) or this run took over another computer's lock.
    void stateChanged(const QString& id, int state, const rwkv::models::Wording& message,
                      bool waitingForOtherWindow = false);
    void completed(const QString& id, const QString& filePath, const QString& sha256);

private:
    /// The sentence `source` (marked QT_TR_NOOP) of this class's translations with its arguments, worded where shown.
    static Wording said(const char* source, std::vector<Wording> args = {});
    QString partPath() const;
    QString finalPath() const;
    void sendRequest(const QUrl& url);
    void onMetaDataChanged();
    void onReadyRead();
    void onFinished();
    void onStalled();
    /// Each second while a request is in flight: after options_.quietNoteMs without a byte, the message says how
    /// long the server has been silent (and when it is asked again); the first byte after it clears it.
    void onQuietTick();
    bool serverQuiet() const;
    bool acceptResponse(int status);
    bool writeChunk(const QByteArray& data);
    void handleWriteFailure(const QString& detail, bool diskFull);
    /// Why the rest of the file (record_.expected_size - partSize_) does not fit in the models folder, or empty: the
    /// disk is too small for the whole file, or has too little free (both sizes in words, humanBytes).
    Wording roomProblem() const;
    void restartFromZero(const Wording& why);
    void retryLater(const Wording& why);
    void nextSourceOrFail(const Wording& why);
    void verify();
    void onHashed(const QString& hex, const Wording& error);
    void fail(const Wording& message, bool removePartial);
    /// Another process (a window on another data folder) holds the .part's lock: shows its bytes and asks again every
    /// options_.partLockPollMs; when it is gone, start() takes the file it left (adoptFinishedFile) or the .part.
    void waitForOtherWindow(qint64 holderPid);
    /// Another computer holds the .part's lock (a shared models folder): waits as above, naming that host and the
    /// lock; otherComputerGaveUp says when the lock is abandoned (then start() takes it over).
    void waitForOtherComputer(const LockHolder& holder);
    void showWaiting(const Wording& message);  ///< the waiting state with message; asks again after partLockPollMs
    bool otherComputerGaveUp(const LockHolder& holder);
    /// The lock cannot be taken or read (a folder of its name, no permission): Failed, naming the lock and why.
    void failOnLock(LockHolder::Problem problem);
    void adoptFinishedFile();
    /// Whether the .part found at start() was written by this app for this file (see PartFile::holds).
    bool ownsPart() const;
    PartRecord partRecord() const;
    void stopTransfer();
    bool openPart(bool truncate);
    void closePart();  ///< closes the .part; removes it when empty (nothing to resume), keeps it with bytes
    void setState(DownloadState state, const Wording& message = {});
    void emitProgress(bool force);
    void persist();

    store::DownloadRecord record_;
    PartFile partFile_;       // the .part's lock and record, beside it
    QNetworkAccessManager& nam_;
    store::DownloadStore& store_;
    DownloadOptions options_;
    DownloadState state_ = DownloadState::Queued;

    QList<Source> sources_;   // concrete sources still to try, current first
    QUrl firstUrl_;           // the current source's URL (first hop)
    QUrl hopUrl_;             // the URL of the request in flight
    // The hosts this run asked, and whether any of them answered at all (an HTTP status): with none answering, a failed
    // download is the network's (no connection, no DNS, a proxy), not the catalog's (session 44's trial).
    QStringList hostsAsked_;
    bool anyServerAnswered_ = false;
    int redirects_ = 0;
    bool linkedMetaTaken_ = false;  // X-Linked-* already read on this source
    int attempts_ = 0;        // consecutive attempts without progress on this source
    qint64 attemptStartSize_ = 0;
    QPointer<QNetworkReply> reply_;
    bool accepted_ = false;   // the reply in flight is a 200/206 whose body we write
    QFile part_;
    qint64 partSize_ = 0;
    QTimer retryTimer_;
    QTimer stallTimer_;       // restarted by every byte of the reply in flight; fires onStalled
    QTimer quietTimer_;       // ticks each second while a request is in flight: onQuietTick
    QTimer progressTimer_;    // a progress held back by progressIntervalMs goes out when it fires (no stale bytes)
    qint64 lastByteMs_ = 0;   // clock_ time of the last byte (or of the request) of the reply in flight
    bool quietNote_ = false;  // the message is onQuietTick's note
    Wording message_;         // record_.message as its parts (setState)
    std::unique_ptr<Sha256Job> hash_;
    QTimer lockTimer_;        // asks for the .part's lock again while another window holds it
    bool waitingForOther_ = false;
    QString foreignSeen_;        // another computer's lock, .part and record as last seen (otherComputerGaveUp)
    qint64 foreignSinceMs_ = -1;  // clock_ time since which foreignSeen_ is unchanged, -1 none
    qint64 resumedFrom_ = 0;  // bytes of the .part found at start() (an earlier run's)
    Wording startNote_;       // the message of this run while it downloads ("Starting over: …"), empty = none
    bool startNoteIsInformation_ = false;  // startNote_ says how a normal start went ("Took over the lock …")

    QElapsedTimer clock_;
    qint64 lastProgressMs_ = -1;
    qint64 lastPersistMs_ = -1;
    QList<QPair<qint64, qint64>> samples_;  // (ms, bytes) over the last few seconds, for the speed
};

}  // namespace rwkv::models
