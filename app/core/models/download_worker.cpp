// models/download_worker.cpp — the network thread's side of DownloadManager (see download_worker.h).
#include "download_worker.h"

#include "download_task.h"
#include "part_file.h"
#include "store/download_store.h"
#include "store_error_text.h"  // storeEnglishText

#include <QDir>
#include <QNetworkAccessManager>
#include <QNetworkProxy>

namespace rwkv::models {

const char* const DownloadWorker::kInterruptedAtClose =
    QT_TRANSLATE_NOOP("rwkv::models::DownloadWorker", "Interrupted when the app closed; resume to continue.");

DownloadWorker::DownloadWorker(store::DownloadStore& store, const DownloadOptions& options)
    : store_(store), options_(options) {}

DownloadWorker::~DownloadWorker() = default;

Wording DownloadWorker::said(const char* source, std::vector<Wording> args) {
    return Wording(staticMetaObject.className(), source, std::move(args));
}

void DownloadWorker::init() {
    nam_ = new QNetworkAccessManager(this);
    if (!options_.useSystemProxy)
        nam_->setProxy(QNetworkProxy::NoProxy);
}

void DownloadWorker::record(const store::DownloadRecord& request) {
    try {
        store::DownloadRecord record = store_.find(request.id).value_or(store::DownloadRecord{});
        const bool sameFile =
            record.file_name == request.file_name && QDir(record.target_dir) == QDir(request.target_dir);
        if (!sameFile) {  // a new download (or the old row pointed elsewhere): start clean
            record = {};
            record.id = request.id;
            record.file_name = request.file_name;
            record.target_dir = request.target_dir;
            record.expected_size = request.expected_size;
            record.expected_sha256 = request.expected_sha256;
        }
        record.source = request.source;
        record.urls_json = request.urls_json;
        record.extra_headers_json = request.extra_headers_json;
        record.state = request.state;
        store_.save(record);
    } catch (const std::exception& e) {
        emit stateChanged(request.id, int(DownloadState::Failed),
                          said(QT_TR_NOOP("Cannot record the download: %1"),
                               {app::storeEnglishText(e)}));  // each path isolated, not the message whole
        return;
    }
    start(request.id);
}

void DownloadWorker::start(const QString& id) {
    DownloadTask* task = tasks_.value(id);
    if (!task) {
        std::optional<store::DownloadRecord> record;
        try {
            record = store_.find(id);
        } catch (const std::exception& e) {
            emit stateChanged(id, int(DownloadState::Failed),
                              said(QT_TR_NOOP("Cannot read the download list: %1"), {QString::fromUtf8(e.what())}));
            return;
        }
        if (!record) {
            emit stateChanged(id, int(DownloadState::Failed),
                              said(QT_TR_NOOP("There is no download %1 to resume."), {id}));
            return;
        }
        task = new DownloadTask(*record, *nam_, store_, options_, this);
        connect(task, &DownloadTask::progress, this, &DownloadWorker::progress);
        connect(task, &DownloadTask::stateChanged, this, &DownloadWorker::stateChanged);
        connect(task, &DownloadTask::completed, this, &DownloadWorker::completed);
        connect(task, &DownloadTask::stateChanged, this, [this, task](const QString& taskId, int state) {
            // Finished tasks go away; the store row (if kept) lets start() build a fresh one later.
            if (state == int(DownloadState::Completed) || state == int(DownloadState::Cancelled) ||
                state == int(DownloadState::Failed)) {
                tasks_.remove(taskId);
                task->deleteLater();
            }
        });
        tasks_.insert(id, task);
    }
    task->start();
}

void DownloadWorker::pause(const QString& id) {
    if (DownloadTask* task = tasks_.value(id))
        task->pause();
}

void DownloadWorker::cancel(const QString& id) {
    if (DownloadTask* task = tasks_.value(id)) {
        task->cancel();
        return;
    }
    // Not running (paused in an earlier session): remove what is on disk and in the store.
    try {
        if (const auto record = store_.find(id)) {
            // Not the .part another window is writing now (session 28's trial, F5): it holds its lock.
            PartFile part(record->target_dir + QLatin1Char('/') + record->file_name + QStringLiteral(".part"));
            if (part.lock())
                part.remove();
            store_.remove(id);
        }
    } catch (const std::exception& e) {
        qWarning("DownloadWorker: %s", e.what());
    }
    emit stateChanged(id, int(DownloadState::Cancelled), said(QT_TR_NOOP("Cancelled")));
}

void DownloadWorker::shutdown() {
    for (DownloadTask* task : std::as_const(tasks_)) {
        task->disconnect(this);
        if (task->state() == DownloadState::Downloading || task->state() == DownloadState::Verifying)
            task->pause(QString::fromUtf8(kInterruptedAtClose));  // stored untranslated: translated when shown
        delete task;
    }
    tasks_.clear();
    delete nam_;
    nam_ = nullptr;
}

}  // namespace rwkv::models
