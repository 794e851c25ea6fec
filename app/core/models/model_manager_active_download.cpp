// models/model_manager_active_download.cpp — ModelManagerController's download started last, as the chat window's
// download banner shows it (activeDownload*: what downloads and how far, why it waits, its failure or pause); see
// model_manager_controller.h.
#include "model_manager_controller.h"

#include "disk_space.h"  // humanBytes
#include "download_manager.h"

namespace rwkv::models {

void ModelManagerController::setActiveDownload(const QString& id) {
    if (id == activeId_) return;
    activeId_ = id;
    emit activeDownloadChanged();
}

void ModelManagerController::dismissActiveDownload() { setActiveDownload({}); }

std::optional<DownloadStatus> ModelManagerController::activeStatus() const {
    if (activeId_.isEmpty()) return std::nullopt;
    return downloads_.status(activeId_);
}

QString ModelManagerController::activeDownloadState() const {
    const auto s = activeStatus();
    if (!s) return activeId_.isEmpty() ? QString() : QStringLiteral("downloading");
    switch (s->state) {
    case DownloadState::Queued:
    case DownloadState::Downloading: return QStringLiteral("downloading");
    case DownloadState::Verifying: return QStringLiteral("verifying");
    case DownloadState::Paused: return QStringLiteral("paused");
    case DownloadState::Failed: return QStringLiteral("failed");
    case DownloadState::Completed:
    case DownloadState::Cancelled: return {};
    }
    return {};
}

bool ModelManagerController::activeDownloadResumable() const {
    const auto s = activeStatus();
    return !s || s->resumable;
}

QString ModelManagerController::activeDownloadText() const {
    if (activeId_.isEmpty()) return {};
    const CatalogEntry* e = catalogModel_.entry(activeId_);
    const QString name = e ? e->name : activeId_;
    const auto s = activeStatus();
    if (!s) return tr("Downloading %1: starting…").arg(name);
    switch (s->state) {
    case DownloadState::Queued:
    case DownloadState::Downloading: {
        QStringList parts;
        if (s->total > 0)
            parts << tr("Downloading %1: %2 of %3 (%4 %)")
                         .arg(name, humanBytes(s->received), humanBytes(s->total))
                         .arg(int(100.0 * double(s->received) / double(s->total)));
        else
            parts << tr("Downloading %1: %2").arg(name, humanBytes(s->received));
        if (const QString speed = speedText(s->bytesPerSecond); !speed.isEmpty()) parts << speed;
        if (const QString eta = etaText(s->etaSeconds); !eta.isEmpty()) parts << eta;
        return parts.join(QStringLiteral(" · "));
    }
    case DownloadState::Verifying: return tr("Checking %1 (size and sha256)…").arg(name);
    case DownloadState::Paused: {
        // The reason is a sentence of its own ("Interrupted when the app closed; …"): after the colon it goes on in
        // lower case ("…paused: interrupted when…"; session 34's trial, nit). A word in capitals (HTTP) stays.
        QString why = s->message;
        if (why.size() > 1 && why[0].isUpper() && why[1].isLower()) why[0] = why[0].toLower();
        return tr("Download of %1 paused: %2").arg(name, why);
    }
    case DownloadState::Failed: return s->reason.briefText();  // "Downloading <file> failed: <why>"; the card: all
    case DownloadState::Completed:
    case DownloadState::Cancelled: return {};
    }
    return {};
}

QString ModelManagerController::activeDownloadBytes() const {
    const auto s = activeStatus();
    const bool stopped = s && (s->state == DownloadState::Failed || s->state == DownloadState::Paused);
    return stopped && s->received > 0 ? bytesText(s->received, s->total) : QString();
}

QString ModelManagerController::activeDownloadNote() const {
    const auto s = activeStatus();
    return s && (s->state == DownloadState::Queued || s->state == DownloadState::Downloading) ? s->message : QString();
}

bool ModelManagerController::activeDownloadWaitsForOtherWindow() const {
    const auto s = activeStatus();
    return s && s->state == DownloadState::Downloading && s->waitingForOtherWindow;
}

double ModelManagerController::activeDownloadProgress() const {
    const auto s = activeStatus();
    return s && s->total > 0 ? double(s->received) / double(s->total) : -1.0;
}

}  // namespace rwkv::models
