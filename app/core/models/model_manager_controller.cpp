// models/model_manager_controller.cpp — the model manager page's logic (see model_manager_controller.h): the catalog
// and its downloads, the download source, the models folder, memory, the page's banner. Its other parts:
// model_manager_local_models.cpp (On this computer), model_manager_import.cpp (Import from disk…),
// model_manager_active_download.cpp (the chat window's download banner).
#include "model_manager_controller.h"

#include "disk_space.h"
#include "download_manager.h"
#include "one_line.h"
#include "rwkv/devices.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <algorithm>

namespace rwkv::models {

const QStringList ModelManagerController::kModelSuffixes = {QStringLiteral("pth"), QStringLiteral("gguf"),
                                                            QStringLiteral("st"), QStringLiteral("safetensors"),
                                                            QStringLiteral("bin")};

namespace {

/// kModelSuffixes as QDir's name filters ("*.pth", …).
QStringList modelNameFilters() {
    QStringList filters;
    for (const QString& suffix : ModelManagerController::kModelSuffixes) filters << QStringLiteral("*.") + suffix;
    return filters;
}

}  // namespace

ModelManagerController::ModelManagerController(const ModelCatalog& catalog, DownloadManager& downloads,
                                               const QString& modelsDir, QObject* parent)
    : QObject(parent), catalog_(catalog), downloads_(downloads), modelsDir_(modelsDir), standardDir_(modelsDir),
      watch_(modelNameFilters()) {
    connect(&watch_, &FolderWatch::changed, this, &ModelManagerController::refreshLocalModels);
    connect(&inUseWatch_, &QFileSystemWatcher::fileChanged, this, &ModelManagerController::refreshLocalModels);
    catalogModel_.setEntries(catalog_.entries());
    ramBytes_ = detectRamBytes();
    catalogModel_.setMemory(gpuBytes_, ramBytes_);
    for (const DownloadStatus& s : downloads_.downloads()) {
        catalogModel_.updateStatus(s);
        if (s.interrupted && s.resumable && s.state == DownloadState::Paused && activeId_.isEmpty())
            activeId_ = s.id;  // the banner offers its Resume (cut by a close or a crash)
    }
    const auto update = [this](const QString& id) {
        if (const auto s = downloads_.status(id))
            catalogModel_.updateStatus(*s);
    };
    connect(&downloads_, &DownloadManager::progress, this, [this, update](const QString& id) {
        update(id);
        if (id == activeId_) emit activeDownloadChanged();
    });
    connect(&downloads_, &DownloadManager::stateChanged, this,
            [this, update](const QString& id, DownloadState state) {
                update(id);
                emit elsewhereNoteChanged();
                if (id == activeId_)
                    state == DownloadState::Cancelled || state == DownloadState::Completed ? setActiveDownload({})
                                                                                           : emit activeDownloadChanged();
                if (state == DownloadState::Cancelled) {
                    DownloadStatus gone;
                    gone.id = id;
                    gone.state = DownloadState::Cancelled;
                    catalogModel_.updateStatus(gone);
                }
            });
    // Worded again after a language switch: a failure's reason followed the language of its moment (session 30).
    connect(&downloads_, &DownloadManager::failed, this, [this](const QString& id, const QString&, const Wording& reason) {
        // A failure its card says (not a start refused before the download had a card's state): errorCardId.
        const std::optional<DownloadStatus> s = downloads_.status(id);
        const bool onCard = s && s->state == DownloadState::Failed && s->reason == reason && catalogModel_.entry(id);
        setError([reason] { return reason.briefText(); }, false, onCard ? id : QString());  // the card: the whole text
    });
    connect(&downloads_, &DownloadManager::finished, this, [this, update](const QString& id, const QString& path) {
        update(id);
        refreshLocalModels();
        emit modelReady(path);
    });
    refreshLocalModels();
}

ModelManagerController::~ModelManagerController() {
    if (importThread_) {
        importThread_->wait();
        delete importThread_;
    }
}

QStringList ModelManagerController::sources() const {
    return {sourceKey(Source::Auto), sourceKey(Source::HuggingFace), sourceKey(Source::HfMirror),
            sourceKey(Source::ModelScope)};
}

QStringList ModelManagerController::sourceLabels() const {
    return {tr("Automatic (fall back on failure)"), tr("Hugging Face"), tr("hf-mirror.com"), tr("ModelScope")};
}

void ModelManagerController::setSource(const QString& key) {
    const auto s = sourceFromKey(key);
    if (!s) {
        setError([key] { return tr("Unknown download source \"%1\".").arg(key); });
        return;
    }
    if (*s == source_)
        return;
    source_ = *s;
    emit sourceChanged();
}

void ModelManagerController::setModelsDir(const QString& dir) {
    // Stored and shown clean and absolute: a typed "…/e/" or "…/real/../e" read as another folder than …/e in the
    // folder comparisons (the standard folder, a download's target) and was shown so (session 29's check, F3).
    QString path = dir.startsWith(QLatin1String("file:")) ? QUrl(dir).toLocalFile() : dir;
    if (!path.isEmpty()) path = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    if (!QFileInfo(path).isDir()) {  // missing or not a folder; one that cannot be written is used (checkWritable)
        setError([path] { return folderProblem(path).text(); });
        return;
    }
    if (path == modelsDir_)
        return;
    modelsDir_ = path;
    emit modelsDirChanged();
    checkWritable();
    emit downloadDirChanged();
    emit elsewhereNoteChanged();
    refreshLocalModels();
}

// Session 28's trial (F10): the models folder changed during a download; the file went on into the folder of its
// start (the one it was asked for) and loaded, but Models listed "No models yet" and offered it for download again.
// It still goes there (moving a .part of many GB to another disk is no quiet step), and both are said.
QString ModelManagerController::elsewhereNote() const {
    const QStringList listed = modelFolders();
    QStringList lines;
    for (const DownloadStatus& s : downloads_.downloads()) {
        const bool unfinished = s.state != DownloadState::Completed && s.state != DownloadState::Cancelled &&
                                s.state != DownloadState::Failed;
        if (!unfinished || s.targetDir.isEmpty() || listed.contains(s.targetDir)) continue;
        const CatalogEntry* e = catalogModel_.entry(s.id);
        lines.append(tr("%1 goes on downloading into %2, the models folder when it started; once there it is listed "
                        "here, with its folder.")
                         .arg(e ? e->name : s.fileName, isolatedPath(s.targetDir)));
    }
    lines.sort();
    return lines.join(QLatin1Char('\n'));
}

QStringList ModelManagerController::downloadedElsewhere() const {
    const QStringList listed = modelFolders();
    QStringList out;
    for (const DownloadStatus& s : downloads_.downloads()) {
        const QFileInfo f(s.filePath);
        if (s.state == DownloadState::Completed && !s.filePath.isEmpty() && f.isFile() &&
            !listed.contains(f.absolutePath()))
            out.append(f.absoluteFilePath());
    }
    out.sort();
    return out;
}

bool ModelManagerController::checkWritable() {
    const QString reason = modelsDir_ == standardDir_ ? QString() : writeProblem(modelsDir_);
    if (reason == readOnlyReason_) return false;
    readOnlyReason_ = reason;
    return true;
}

// The folders as the window's sentences quote a path (isolatedPath): on one line and isolated: a U+202E in a
// folder's name turned the rest of the note around (session 44's check); rwkv-desktop's stderr copy drops the isolates.
QString ModelManagerController::modelsDirNote() const {
    if (readOnlyReason_.isEmpty()) return {};
    return tr("The models folder %1 cannot be written (%2), so downloads and imports go to %3; its models are listed "
              "and can be used, not deleted.")
        .arg(isolatedPath(modelsDir_), readOnlyReason_, isolatedPath(standardDir_));
}

QStringList ModelManagerController::modelFolders() const {
    return downloadDir() == modelsDir_ ? QStringList{modelsDir_} : QStringList{modelsDir_, downloadDir()};
}

void ModelManagerController::setGpuMemoryBytes(qint64 bytes) {
    gpuBytes_ = bytes;
    catalogModel_.setMemory(gpuBytes_, ramBytes_);
    emit memoryChanged();
}

void ModelManagerController::setRamBytes(qint64 bytes) {
    ramBytes_ = bytes;
    catalogModel_.setMemory(gpuBytes_, ramBytes_);
    emit memoryChanged();
}

void ModelManagerController::setDevices(const std::vector<rwkv::DeviceInfo>& devices) {
    // A device's name up to its driver's details: "llvmpipe (LLVM 15.0.6, 256 bits)" → "llvmpipe": the line is short.
    const auto shortName = [](const std::string& name) {
        return QString::fromStdString(name.substr(0, name.find(" (")));
    };
    QString integrated, software;
    for (const rwkv::DeviceInfo& d : devices) {
        if (!d.usable) continue;
        if (integrated.isEmpty() && d.device_type == "integrated") integrated = shortName(d.name);
        if (software.isEmpty() && d.device_type == "cpu" && d.backend.rfind("vulkan:", 0) == 0)
            software = shortName(d.name);
    }
    integratedGpu_ = integrated;
    softwareRenderer_ = software;
    const qint64 bytes = fitHintGpuBytes(devices);
    setGpuMemoryBytes(bytes > 0 ? bytes : -1);  // emits memoryChanged
}

qint64 fitHintGpuBytes(const std::vector<rwkv::DeviceInfo>& devices) {
    qint64 bytes = 0;
    for (const rwkv::DeviceInfo& d : devices) {
        // list_gpu_devices' CUDA devices leave device_type empty; list_all_devices calls them "discrete".
        const bool discrete = d.device_type == "discrete" || d.backend.rfind("cuda:", 0) == 0;
        if (d.usable && discrete) bytes = std::max(bytes, qint64(d.total_bytes));
    }
    return bytes;
}

QString ModelManagerController::memoryText() const {
    const QString gpu = gpuBytes_ > 0                 ? humanBytes(gpuBytes_)
                        : !integratedGpu_.isEmpty()    ? tr("%1 (integrated, shares the RAM)").arg(integratedGpu_)
                        : !softwareRenderer_.isEmpty() ? tr("%1 (software, on the CPU)").arg(softwareRenderer_)
                                                       : tr("none detected");
    const QString ram = ramBytes_ > 0 ? humanBytes(ramBytes_) : tr("unknown");
    return tr("GPU %1 · RAM %2").arg(gpu, ram);
}

void ModelManagerController::download(const QString& id) {
    const CatalogEntry* e = catalogModel_.entry(id);
    if (!e) {
        setError([id] { return tr("Unknown model \"%1\".").arg(id); });
        return;
    }
    // Already downloaded (--download ID run again, or the file copied in, or on a read-only share, or by this run into
    // the folder of before): nothing to fetch, load it.
    QStringList candidates;
    for (const QString& folder : modelFolders())
        candidates.append(QDir(folder).filePath(e->fileName));
    for (const QString& path : downloadedElsewhere())
        if (QFileInfo(path).fileName() == e->fileName) candidates.append(path);
    for (const QString& path : std::as_const(candidates)) {
        const QFileInfo present(path);
        if (present.isFile() && (e->sizeBytes <= 0 || present.size() == e->sizeBytes)) {
            emit modelReady(present.absoluteFilePath());
            return;
        }
    }
    // A file of that name and another size (a copy or download cut short, or another file: its card says
    // "Incomplete" or "A different file") gives way to the download; kept, the verified download would be set aside
    // as "appeared in the models folder during the download", and a longer one made the download fail with "… is
    // already in the models folder." (session 28's check, C3).
    const QFileInfo other(QDir(downloadDir()).filePath(e->fileName));
    if (other.exists() && !other.isFile())  // "… is already in the models folder." said nothing of a folder
        return setError([file = e->fileName, name = e->name] {
            return tr("The models folder holds a folder named %1, so %2 cannot be downloaded: its file has that name.")
                .arg(file, name);
        });
    if (other.isFile() && e->sizeBytes > 0 && other.size() != e->sizeBytes) {
        if (!QFile::remove(other.absoluteFilePath()))
            return setError([file = e->fileName, size = other.size(), want = e->sizeBytes] {
                return tr("%1 in the models folder is not the catalog's file (%2, the catalog's is %3) and could not "
                          "be deleted, so it cannot be downloaded again.")
                    .arg(file, humanBytes(size), humanBytes(want));
            });
        refreshLocalModels();
    }
    if (!downloads_.start(e->downloadRequest(downloadDir(), source_)))
        return;  // the refusal is in errorMessage (DownloadManager::failed)
    setActiveDownload(id);
}

void ModelManagerController::pause(const QString& id) {
    downloads_.pause(id);
    if (id == activeId_) setActiveDownload({});  // paused by the user: no banner (a full disk's pause keeps it)
}
void ModelManagerController::resume(const QString& id) {
    downloads_.resume(id);
    setActiveDownload(id);
}

void ModelManagerController::cancel(const QString& id) { downloads_.cancel(id); }

void ModelManagerController::setError(const QString& message, bool note, const QString& cardId) {
    errorMaker_ = nullptr;
    note = note && !message.isEmpty();
    if (message == errorMessage_ && note == errorIsNote_ && cardId == errorCardId_)
        return;
    errorMessage_ = message;
    errorIsNote_ = note;
    errorCardId_ = message.isEmpty() ? QString() : cardId;
    emit errorMessageChanged();
}

void ModelManagerController::setError(std::function<QString()> make, bool note, const QString& cardId) {
    setError(make(), note, cardId);
    errorMaker_ = std::move(make);
}

void ModelManagerController::clearError() { setError(QString()); }

qint64 ModelManagerController::detectRamBytes() {
    QFile f(QStringLiteral("/proc/meminfo"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("MemTotal:"))
            return line.mid(9).trimmed().split(' ').value(0).toLongLong() * 1024;
    return -1;
}

void ModelManagerController::setUnusableCatalog(const QString& path) {
    unusableCatalog_ = path;
    QString why;
    const std::optional<ModelCatalog> loaded = path.isEmpty() ? std::nullopt : ModelCatalog::load(path, &why);
    // A catalog that loads but lists nothing ({"models": []}) is named too: the page showed "Available models" over
    // nothing without a word (session 24's trial, F10). The path isolated and on one line (isolatedPath), as the
    // page's other sentences quote a path (it was quoted raw until session 45).
    const QString shown = isolatedPath(path);
    const QString problem = path.isEmpty() ? QString()
                            : !loaded      ? tr("The model catalog “%1” could not be used, so no models are listed: %2")
                                                 .arg(shown, why)
                            : loaded->entries().isEmpty() ? tr("The model catalog “%1” lists no models.").arg(shown)
                            : !loaded->skipped().isEmpty()
                                ? tr("Some models of the catalog “%1” cannot be used and are left out; the others are "
                                     "listed. Left out: %2")
                                      .arg(shown, loaded->skipped().join(QStringLiteral("; ")))
                                : QString();
    if (problem == catalogProblem_) return;
    catalogProblem_ = problem;
    emit catalogProblemChanged();
}

void ModelManagerController::retranslate() {
    downloads_.retranslate();  // the cards' and the banners' reasons
    for (const DownloadStatus& s : downloads_.downloads()) catalogModel_.updateStatus(s);
    if (!unusableCatalog_.isEmpty()) setUnusableCatalog(unusableCatalog_);
    if (errorMaker_)
        if (const QString text = errorMaker_(); !text.isEmpty() && text != errorMessage_) {  // "" : the cause is gone
            errorMessage_ = text;
            emit errorMessageChanged();
        }
    emit sourceLabelsChanged();
    emit downloadDirChanged();  // modelsDirNote
    emit elsewhereNoteChanged();
    emit unlistedNoteChanged();
    emit activeDownloadChanged();
    emit memoryChanged();
    catalogModel_.retranslate();
    refreshLocalModels();
}

}  // namespace rwkv::models
