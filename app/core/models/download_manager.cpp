// models/download_manager.cpp — request checks, the network thread and status bookkeeping
// (see download_manager.h). Tests: tests/app/test_download.cpp.
#include "download_manager.h"

#include "disk_space.h"
#include "one_line.h"
#include "download_worker.h"
#include "store/conversation_store.h"
#include "store/download_store.h"
#include "store/store_error.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkProxyFactory>
#include <QTimer>

#include <algorithm>

namespace rwkv::models {
namespace {

bool isBareFileName(const QString& name) {
    return !name.isEmpty() && !name.contains(QLatin1Char('/')) && !name.contains(QLatin1Char('\\')) &&
           name != QLatin1String(".") && name != QLatin1String("..") && !name.endsWith(QLatin1String(".part"));
}

}  // namespace

DownloadManager::DownloadManager(store::DownloadStore& store, DownloadOptions options, QObject* parent)
    : QObject(parent), store_(store), answerWaitMs_(options.answerWaitMs) {
    qRegisterMetaType<Wording>();
    if (options.useSystemProxy)
        QNetworkProxyFactory::setUseSystemConfiguration(true);
    thread_.setObjectName(QStringLiteral("downloads"));
    worker_ = new DownloadWorker(store_, options);
    worker_->moveToThread(&thread_);
    // from worker
    connect(worker_, &DownloadWorker::progress, this, &DownloadManager::onProgress, Qt::QueuedConnection);
    connect(worker_, &DownloadWorker::stateChanged, this, &DownloadManager::onStateChanged, Qt::QueuedConnection);
    connect(worker_, &DownloadWorker::completed, this, &DownloadManager::onCompleted, Qt::QueuedConnection);
    thread_.start();
    QMetaObject::invokeMethod(worker_, &DownloadWorker::init, Qt::QueuedConnection);

    try {
        for (const store::DownloadRecord& r : store_.list()) {
            DownloadStatus s;
            s.id = r.id;
            s.fileName = r.file_name;
            s.targetDir = r.target_dir;
            // Failed stays failed with its reason (Retry); any other row is paused (Resume). Before (session 33's
            // check) a failed download came back as a pause, with Resume.
            const bool failed = r.state == int(DownloadState::Failed);
            s.state = failed ? DownloadState::Failed : DownloadState::Paused;
            s.received = QFileInfo(QDir(r.target_dir).filePath(r.file_name + QStringLiteral(".part"))).size();
            s.total = r.expected_size;
            s.resumable = !largerThanTheDisk(r.expected_size, r.target_dir);
            // Still "downloading" in the store: the app was killed or crashed (a close pauses it with its note).
            const bool cut = r.state != int(DownloadState::Paused) && !failed;
            s.interrupted = cut || r.message == QLatin1String(DownloadWorker::kInterruptedAtClose);
            // The message stored as a translation's source text (DownloadWorker::kInterruptedAtClose) or as its parts
            // (Wording::stored) is shown in this session's language; a plain text of an older version's row as it is.
            s.reason = s.interrupted ? Wording("rwkv::models::DownloadWorker", DownloadWorker::kInterruptedAtClose)
                                     : Wording::fromStored(r.message);
            s.message = s.reason.text();
            statuses_.insert(s.id, s);
        }
    } catch (const std::exception& e) {
        qWarning("DownloadManager: cannot list unfinished downloads: %s", e.what());
        listUnread_ = store::sqliteReason(e, QString::fromUtf8(e.what()));
    }
    listRemade_ = store_.listRemade();
}

Wording DownloadManager::earlierListProblem(const QStringList& folders) const {
    if (!listRemade_ && listUnread_.isEmpty()) return {};
    Wording problem = listRemade_
                          ? said(QT_TR_NOOP("The list of unfinished model downloads in the conversation database was "
                                            "damaged and has been made again, empty: downloads paused or cut short "
                                            "before this start are no longer listed."))
                          : said(QT_TR_NOOP("The list of unfinished model downloads in the conversation database "
                                            "cannot be read (%1): downloads paused or cut short before this start are "
                                            "not listed."),
                                 {listUnread_});
    // What was kept: each .part of the models folders, by name (the list that named them is gone).
    QStringList parts;
    for (const QString& folder : folders)
        for (const QString& name : QDir(folder).entryList({QStringLiteral("*.part")}, QDir::Files, QDir::Name))
            if (!parts.contains(name)) parts << name;
    constexpr qsizetype kNamed = 5;  // a sentence, not a listing
    QStringList named;
    for (qsizetype i = 0; i < parts.size() && i < kNamed; ++i) named << isolatedOneLine(parts[i]);
    if (parts.size() > kNamed) named << QStringLiteral("…");
    if (!named.isEmpty())
        problem = problem.then(
            listRemade_ ? said(QT_TR_NOOP("Their partly downloaded files were kept in the models folder (%1): Download "
                                          "on a model's card in Models goes on from its file."),
                               {named.join(QStringLiteral(", "))})
                        : said(QT_TR_NOOP("Their partly downloaded files are still in the models folder (%1)."),
                               {named.join(QStringLiteral(", "))}));
    return problem.then(said(QT_TR_NOOP("Your chats and the models already downloaded were not touched.")));
}

DownloadManager::~DownloadManager() {
    QMetaObject::invokeMethod(worker_, &DownloadWorker::shutdown, Qt::BlockingQueuedConnection);
    thread_.quit();
    thread_.wait();
    delete worker_;
}

Wording DownloadManager::said(const char* source, std::vector<Wording> args) {
    return Wording(staticMetaObject.className(), source, std::move(args));
}

bool DownloadManager::reject(const QString& id, const Wording& message, QString* error) {
    if (error)
        *error = message.text();
    emit failed(id, message.text(), message);
    return false;
}

bool DownloadManager::start(const DownloadRequest& request, QString* error) {
    if (request.id.isEmpty())
        return reject(request.id, said(QT_TR_NOOP("A download needs an id.")), error);
    if (!isBareFileName(request.fileName))
        return reject(request.id, said(QT_TR_NOOP("\"%1\" is not a valid model file name."), {request.fileName}), error);
    // Beside the file a download writes "<name>.part", its ".part.lock" and its ".part.json" (through a QSaveFile:
    // "<name>.part.json.XXXXXX"), and a name has at most 255 bytes (ext4, btrfs, XFS, tmpfs): a catalog name of 246 bytes
    // failed at its lock, after the download had started (session 30's check). Said before anything is written.
    if (const qsizetype bytes = QFile::encodeName(request.fileName).size(); bytes > kLongestFileName)
        return reject(request.id,
                      said(QT_TR_NOOP("%1 cannot be downloaded: its file name is %2 bytes long, and the files a download "
                                      "writes beside it (its name with “.part.json.XXXXXX” after it) would pass the 255 "
                                      "bytes a file name can have. The longest name that downloads is %3 bytes."),
                           {request.fileName, QString::number(bytes), QString::number(kLongestFileName)}),
                      error);
    QJsonObject urls;
    for (auto it = request.urls.begin(); it != request.urls.end(); ++it)
        if (it.key() != Source::Auto && it.value().isValid())
            urls.insert(sourceKey(it.key()), it.value().toString());
    if (request.source == Source::Auto ? urls.isEmpty() : !urls.contains(sourceKey(request.source)))
        return reject(request.id,
                      said(QT_TR_NOOP("%1 has no download address for %2."), {request.fileName, sourceKey(request.source)}),
                      error);
    if (const Wording problem = folderProblem(request.targetDir); !problem.isEmpty())
        return reject(request.id, problem, error);
    if (QFileInfo::exists(QDir(request.targetDir).filePath(request.fileName)))
        return reject(request.id, said(QT_TR_NOOP("%1 is already in the models folder."), {request.fileName}), error);
    const auto known = statuses_.constFind(request.id);
    if (known != statuses_.cend() &&
        (known->state == DownloadState::Downloading || known->state == DownloadState::Verifying))
        return reject(request.id, said(QT_TR_NOOP("%1 is already downloading."), {request.fileName}), error);

    // The row is saved on the network thread (DownloadWorker::record): the save waits for another writer of the
    // database — the chat saving a reply's state (2-5 s for a large one), another program — and the window froze
    // meanwhile, up to the 5 s busy timeout (session 29). A failed save arrives as the download's Failed state.
    store::DownloadRecord record;
    record.id = request.id;
    record.file_name = request.fileName;
    record.target_dir = QDir(request.targetDir).absolutePath();
    record.expected_size = request.expectedSize;
    record.expected_sha256 = request.expectedSha256.toLower();
    record.source = sourceKey(request.source);
    record.urls_json = QString::fromUtf8(QJsonDocument(urls).toJson(QJsonDocument::Compact));
    QJsonObject headers;
    for (auto it = request.headers.begin(); it != request.headers.end(); ++it)
        headers.insert(QString::fromUtf8(it.key()), QString::fromUtf8(it.value()));
    record.extra_headers_json = QString::fromUtf8(QJsonDocument(headers).toJson(QJsonDocument::Compact));
    record.state = int(DownloadState::Queued);

    DownloadStatus& s = statuses_[request.id];
    s.fileName = request.fileName;
    s.targetDir = QDir(request.targetDir).absolutePath();
    s.total = request.expectedSize;
    QMetaObject::invokeMethod(worker_, [w = worker_, record] { w->record(record); }, Qt::QueuedConnection);
    sayQueued(request.id);
    return true;
}

// Said at once: the network thread's first word comes after its saves (the row, the progress), each up to the 5 s busy
// timeout behind another writer, and the card showed nothing meanwhile, not even that Download or Resume was taken
// (session 29's check, W1). A word that never comes must not leave it "Starting…" for good.
void DownloadManager::sayQueued(const QString& id) {
    DownloadStatus& s = statuses_[id];
    const DownloadState before = s.state;  // a new status's is Queued
    s.id = id;
    s.state = DownloadState::Queued;
    s.message.clear();
    s.reason = {};
    s.waitingForOtherWindow = false;
    s.bytesPerSecond = 0;
    s.etaSeconds = -1;
    const quint64 turn = ++queuedTurns_;
    awaitingAnswer_.insert(id, turn);
    QTimer::singleShot(answerWaitMs_, this, [this, id, turn, before] {
        if (awaitingAnswer_.value(id) != turn)
            return;  // the network thread spoke (or Resume was pressed again) since
        const DownloadState back = before == DownloadState::Paused ? DownloadState::Paused : DownloadState::Failed;
        onStateChanged(id, int(back),
                       said(QT_TR_NOOP("The download did not start: no answer within %1 s (another program may be "
                                       "holding the database, or the models folder does not respond). Try again."),
                            {QString::number(std::max(1, (answerWaitMs_ + 500) / 1000))}),
                       false);
    });
    emit stateChanged(id, DownloadState::Queued, QString());
}

void DownloadManager::pause(const QString& id) {
    QMetaObject::invokeMethod(worker_, [w = worker_, id] { w->pause(id); }, Qt::QueuedConnection);
}

void DownloadManager::resume(const QString& id) {
    QMetaObject::invokeMethod(worker_, [w = worker_, id] { w->start(id); }, Qt::QueuedConnection);
    const auto known = statuses_.constFind(id);
    if (known != statuses_.cend() && (known->state == DownloadState::Paused || known->state == DownloadState::Failed))
        sayQueued(id);  // the network thread answers after its first save of the progress (session 29's check, W1)
}

// Said at once, as Download and Resume are (sayQueued): the network thread acts on Cancel after what it is doing, which
// may be a save waiting for another program's write lock (the store's 5 s busy timeout), and the card did nothing that
// long (session 30's note). Its words until its own Cancelled are from before the Cancel: not shown (onStateChanged).
void DownloadManager::cancel(const QString& id) {
    QMetaObject::invokeMethod(worker_, [w = worker_, id] { w->cancel(id); }, Qt::QueuedConnection);
    ++cancelsUnanswered_[id];
    awaitingAnswer_.remove(id);
    statuses_.remove(id);
    emit stateChanged(id, DownloadState::Cancelled, QCoreApplication::translate("rwkv::models::DownloadWorker", "Cancelled"));
}

std::optional<DownloadStatus> DownloadManager::status(const QString& id) const {
    const auto it = statuses_.constFind(id);
    if (it == statuses_.cend())
        return std::nullopt;
    return *it;
}

QList<DownloadStatus> DownloadManager::downloads() const { return statuses_.values(); }

void DownloadManager::retranslate() {
    for (DownloadStatus& s : statuses_) s.message = s.reason.text();
}

void DownloadManager::onProgress(const QString& id, qint64 received, qint64 total, double bytesPerSecond,
                                 qint64 etaSeconds) {
    if (!statuses_.contains(id) || cancelsUnanswered_.contains(id))
        return;  // cancelled (and dropped) since: bytes must not bring it back as a queued download
    DownloadStatus& s = statuses_[id];
    s.id = id;
    s.received = received;
    s.total = total;
    s.bytesPerSecond = bytesPerSecond;
    s.etaSeconds = etaSeconds;
    emit progress(id, received, total, bytesPerSecond, etaSeconds);
}

void DownloadManager::onStateChanged(const QString& id, int state, const Wording& message, bool waitingForOtherWindow) {
    if (const auto cancel = cancelsUnanswered_.find(id); cancel != cancelsUnanswered_.end()) {
        // Said when Cancel was pressed (cancel()); the network thread's words before its Cancelled are older than it.
        if (state == int(DownloadState::Cancelled) && --*cancel == 0) cancelsUnanswered_.erase(cancel);
        return;
    }
    awaitingAnswer_.remove(id);
    DownloadStatus& s = statuses_[id];
    s.id = id;
    s.state = DownloadState(state);
    s.reason = message;
    s.message = message.text();
    s.waitingForOtherWindow = waitingForOtherWindow;
    s.resumable = true;  // the folder and size as start() saved them (the worker may not have saved its own yet)
    if (s.state == DownloadState::Paused) {
        try {
            // Not behind the network thread's save for seconds (DownloadStore waits within this limit): Resume stays.
            const store::ConversationStore::LockWaitLimit quick(kReadLockWaitMs);
            if (const std::optional<store::DownloadRecord> r = store_.find(id))
                s.resumable = !largerThanTheDisk(std::max(s.total, r->expected_size), r->target_dir);
        } catch (const std::exception& e) {
            qWarning("DownloadManager: %s", e.what());
        }
    }
    if (s.state != DownloadState::Downloading) {
        s.bytesPerSecond = 0;
        s.etaSeconds = -1;
    }
    emit stateChanged(id, s.state, s.message);
    if (s.state == DownloadState::Failed)
        emit failed(id, s.message, message);
    if (s.state == DownloadState::Cancelled)
        statuses_.remove(id);
}

void DownloadManager::onCompleted(const QString& id, const QString& filePath, const QString& sha256) {
    DownloadStatus& s = statuses_[id];
    s.id = id;
    s.filePath = filePath;
    s.state = DownloadState::Completed;
    emit finished(id, filePath, sha256);
}

}  // namespace rwkv::models
