// models/download_types.h — the value types shared by DownloadManager, DownloadTask and the model manager:
// download sources, states, a request, a status snapshot and the tunable options.
// Tests: tests/app/test_download.cpp.
#pragma once

#include "wording.h"

#include <QList>
#include <QMap>
#include <QObject>
#include <QString>
#include <QUrl>
#include <QtGlobal>

#include <optional>

namespace rwkv::models {
Q_NAMESPACE

/// Where a model file is fetched from. Auto tries the concrete sources in kAutoOrder, moving on when one
/// fails (HTTP 4xx, or retries used up).
enum class Source { Auto, HuggingFace, HfMirror, ModelScope };
Q_ENUM_NS(Source)

/// The stable key of a source as used in models.json and the database: "auto", "huggingface", "hf-mirror",
/// "modelscope".
QString sourceKey(Source source);
/// The source for a key, or nullopt for an unknown key.
std::optional<Source> sourceFromKey(const QString& key);
/// The order in which Auto tries sources.
inline constexpr Source kAutoOrder[] = {Source::HuggingFace, Source::HfMirror, Source::ModelScope};

/// A download's lifecycle. The integer values are stored in the database: never renumber them.
enum class DownloadState : int {
    Queued = 0,       ///< accepted, not started yet
    Downloading = 1,  ///< transferring (or waiting to retry)
    Verifying = 2,    ///< all bytes there; checking size and sha256
    Paused = 3,       ///< stopped by the user, a restart, or a full disk; the .part file is kept
    Failed = 4,       ///< stopped for good (bad checksum, folder problem, every source failed); message says why
    Completed = 5,    ///< verified and renamed into the models folder
    Cancelled = 6,    ///< stopped by the user; .part removed
};
Q_ENUM_NS(DownloadState)

/// What to download and where to put it.
struct DownloadRequest {
    QString id;                      ///< unique key, normally the catalog id
    QString fileName;                ///< final name in targetDir; a bare name (no '/', '\\' or "..")
    QString targetDir;               ///< the models folder; must exist and be writable
    QMap<Source, QUrl> urls;         ///< URL per concrete source
    Source source = Source::Auto;    ///< which source to use
    qint64 expectedSize = -1;        ///< bytes from the catalog, -1 unknown (the server's first hop may say)
    QString expectedSha256;          ///< hex from the catalog, empty unknown (the server's first hop may say)
    QMap<QByteArray, QByteArray> headers;  ///< extra headers (e.g. Authorization), sent to the first host only
};

/// A snapshot of one download, as last reported.
struct DownloadStatus {
    QString id;
    QString fileName;
    DownloadState state = DownloadState::Queued;
    qint64 received = 0;         ///< bytes in the .part file
    qint64 total = -1;           ///< expected bytes, -1 unknown
    double bytesPerSecond = 0;   ///< over the last few seconds
    qint64 etaSeconds = -1;      ///< -1 unknown
    QString message;             ///< error or pause reason: reason in the language of now (DownloadManager::retranslate)
    Wording reason;              ///< message as its parts
    /// message says that another window downloads this file into the same models folder and this one waits for it,
    /// or that this download took over another computer's stale lock: information, not a problem (the banner draws it in the neutral colour of a note, not the red of an error)
    bool waitingForOtherWindow = false;
    QString filePath;            ///< the final file once Completed
    QString targetDir;           ///< the models folder it goes into: the one chosen when it started
    /// false when Paused for good: the file is larger than the whole disk of its folder (largerThanTheDisk), so
    /// Resume, which can never succeed, is not offered (session 26's trial, F9)
    bool resumable = true;
    /// Paused because the app stopped (closed, killed, crashed), not by the user nor for a problem: the chat window
    /// offers its Resume at the next start (session 27's trial, N4: only Models showed it).
    bool interrupted = false;
};

/// Tunables. Defaults are for the app; tests shorten the delays and may set the write limit.
struct DownloadOptions {
    bool useSystemProxy = true;     ///< QNetworkProxyFactory::setUseSystemConfiguration(true); false = no proxy
    int retryBaseMs = 1000;         ///< first retry delay; doubles per failed attempt
    int retryMaxMs = 60000;         ///< cap of the retry delay
    int maxAttemptsPerSource = 6;   ///< consecutive attempts without progress before giving up on a source (a
                                    ///< host not found or refusing: at once, where another source is left)
    int maxRedirects = 10;
    int progressIntervalMs = 200;   ///< minimum gap between progress signals
    int stallTimeoutMs = 30000;     ///< a request that receives nothing for this long is dropped and retried (a
                                    ///< connection that went silent: Wi-Fi changed, a NAT forgot it); 0 = never
    int quietNoteMs = 5000;         ///< a request that receives nothing for this long says so in the download's message
                                    ///< ("Waiting for the server: nothing received for N s"), counted each second
    int partLockPollMs = 2000;      ///< while another window downloads the same file, how often its lock is asked for
    int otherComputerStaleMs = 300000;  ///< another computer's lock with nothing changing beside it (.part, record)
                                        ///< for this long is taken over as abandoned (a live window whose server
                                        ///< stays silent gives up within ~4 min: 6 attempts of stallTimeoutMs)
    int answerWaitMs = 30000;       ///< Download or Resume without a word from the network thread for this long (it
                                    ///< waits at most the store's 5 s busy timeout per save): the card stops saying
                                    ///< "Starting…" and is paused (or failed) again, saying so
    qint64 maxWritableBytes = -1;   ///< TEST HOOK: writes beyond this .part size fail like a full disk; -1 = off
};

}  // namespace rwkv::models
