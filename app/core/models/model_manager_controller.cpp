// models/model_manager_controller.cpp — the model manager page's logic (see model_manager_controller.h).
#include "model_manager_controller.h"

#include "app_paths.h"  // kDemoModelFileName
#include "disk_space.h"
#include "download_manager.h"
#include "engine_error_text.h"  // modelLoadErrorText
#include "one_line.h"

#include <QCryptographicHash>
#include <QDir>
#include <QHash>
#include <QRegularExpression>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QStringDecoder>
#include <QThread>

#include <dirent.h>
#include <sys/stat.h>

#include "rwkv/weights.h"

namespace rwkv::models {
namespace {

/// The first bytes of a checkpoint the engine reads (the same magic bytes as load_weights' detection): a file that
/// merely has a model's suffix (a renamed picture, an HTML error page saved as .pth) is not copied into the folder.
bool startsLikeACheckpoint(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return true;  // the copy reports what is wrong with reading it
    const QByteArray head = f.read(10);
    if (head.size() < 10) return true;  // cut before its header: the engine's index check says "truncated"
    return head.startsWith("PK\x03\x04") || head.startsWith("GGUF") || head.startsWith("fmgg") ||
           (head.size() == 10 && head.mid(8, 2) == QByteArrayLiteral("{\""));
}

const QStringList kModelSuffixes = {QStringLiteral("pth"), QStringLiteral("gguf"), QStringLiteral("st"),
                                    QStringLiteral("safetensors"), QStringLiteral("bin")};

/// kModelSuffixes as QDir's name filters ("*.pth", …).
QStringList modelNameFilters() {
    QStringList filters;
    for (const QString& suffix : kModelSuffixes) filters << QStringLiteral("*.") + suffix;
    return filters;
}

/// The files of `folder` with a model's suffix whose names are not UTF-8 text, as Qt shows such a name (each bad byte
/// U+FFFD), sorted. Qt 6 leaves them out of QDir's lists (its directory iterator skips a name it cannot decode), and
/// no Qt path opens them, so they are read here with readdir.
QStringList modelNamesNotUtf8(const QString& folder) {
    QStringList names;
    DIR* dir = ::opendir(QFile::encodeName(folder).constData());
    if (!dir) return names;
    while (const dirent* entry = ::readdir(dir)) {
        QStringDecoder utf8(QStringDecoder::Utf8);
        const QString shown = utf8(QByteArrayView(entry->d_name));
        const qsizetype dot = shown.lastIndexOf(u'.');
        struct stat st {};
        if (utf8.hasError() && dot > 0 && kModelSuffixes.contains(shown.mid(dot + 1).toLower()) &&
            ::fstatat(::dirfd(dir), entry->d_name, &st, 0) == 0 && S_ISREG(st.st_mode))
            names.append(shown);
    }
    ::closedir(dir);
    names.sort();
    return names;
}

}  // namespace

ModelManagerController::ModelManagerController(const ModelCatalog& catalog, DownloadManager& downloads,
                                               const QString& modelsDir, QObject* parent)
    : QObject(parent), catalog_(catalog), downloads_(downloads), modelsDir_(modelsDir), standardDir_(modelsDir),
      watch_(modelNameFilters()) {
    connect(&watch_, &FolderWatch::changed, this, &ModelManagerController::refreshLocalModels);
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
    connect(&downloads_, &DownloadManager::failed, this, [this](const QString&, const QString&, const Wording& reason) {
        setError([reason] { return reason.briefText(); });  // the card has the whole text
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
                         .arg(e ? e->name : s.fileName, s.targetDir));
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

QString ModelManagerController::modelsDirNote() const {
    if (readOnlyReason_.isEmpty()) return {};
    return tr("The models folder %1 cannot be written (%2), so downloads and imports go to %3; its models are listed "
              "and can be used, not deleted.")
        .arg(modelsDir_, readOnlyReason_, standardDir_);
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

void ModelManagerController::setSoftwareRenderer(const QString& label) {
    if (label == softwareRenderer_) return;
    softwareRenderer_ = label;
    emit memoryChanged();
}

QString ModelManagerController::memoryText() const {
    const QString gpu = gpuBytes_ > 0                 ? humanBytes(gpuBytes_)
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
void ModelManagerController::cancel(const QString& id) { downloads_.cancel(id); }

void ModelManagerController::refreshLocalModels() {
    if (checkWritable()) emit downloadDirChanged();  // a share remounted since
    watch_.setFolders(modelFolders());  // the folders listed now (setModelsDir, a share remounted)
    QVariantList list;
    QMultiHash<QString, CatalogListModel::LocalFile> names;  // for the catalog's Ready / Incomplete / A different file
    QHash<QString, qint64> catalogSizes;  // a catalog model's file name → its size
    for (const CatalogEntry& e : catalog_.entries()) catalogSizes.insert(e.fileName, e.sizeBytes);
    const QFileInfo inUse(modelInUse_);
    // A file of another size in a models folder that cannot be written stays there: Download again puts the
    // catalog's file in downloadDir (download()), and its row says so, not "Download again replaces it".
    // Whether the catalog's file of `f`'s name is whole in the folder downloads go to (`f` in a read-only folder is then
    // left, and nothing is wrong any more).
    const auto catalogFileThere = [&](const QFileInfo& f) {
        const QFileInfo there(QDir(downloadDir()).filePath(f.fileName()));
        return there.isFile() && there.size() == catalogSizes.value(f.fileName(), -1);
    };
    const auto sizeNote = [&](const QFileInfo& f, bool readOnly) {
        const qint64 catalogSize = catalogSizes.value(f.fileName(), -1);
        if (!readOnly) return wrongSizeText(f.size(), catalogSize);
        return wrongSizeText(f.size(), catalogSize, downloadDir(), catalogFileThere(f));
    };
    QStringList checked;  // the files fileCheck_ keeps
    const auto row = [&](const QFileInfo& f, bool deleted, bool readOnly) {
        // A file the engine's index check refuses (cut, damaged, RWKV-6, Llama …): "Damaged" in place of Use, and why
        // under the row. Before, a cut file was "1.00 MB · Use" until the load failed (session 35's trial, LOW).
        std::optional<ModelFileCheck::Problem> problem;
        if (!deleted) {
            problem = fileCheck_.check(f);
            checked << f.absoluteFilePath();
        }
        return QVariantMap{{QStringLiteral("problem"), problem ? problem->label() : QString()},
                           {QStringLiteral("problemText"), problem ? problem->text() : QString()},
                           {QStringLiteral("fileName"), f.fileName()},
                           {QStringLiteral("shownName"), oneLine(f.fileName())},
                           {QStringLiteral("path"), f.absoluteFilePath()},
                           {QStringLiteral("sizeText"), deleted ? QString() : humanBytes(f.size())},
                           {QStringLiteral("sizeBytes"), deleted ? 0 : f.size()},
                           {QStringLiteral("inUse"), !modelInUse_.isEmpty() && f == inUse},
                           {QStringLiteral("deleted"), deleted},
                           {QStringLiteral("readOnly"), readOnly},
                           // a catalog model's file of another size: its card's note on its row too (session 28's
                           // check, C4: the row said nothing until Use failed)
                           {QStringLiteral("sizeNote"), deleted ? QString() : sizeNote(f, readOnly)},
                           // the note says where the whole file is: information, drawn grey (session 29's check, M2)
                           {QStringLiteral("sizeNoteIsInfo"), !deleted && readOnly && catalogFileThere(f)}};
    };
    bool inUseListed = false;  // its folder is one of these
    QStringList unlisted;
    for (const QString& folder : modelFolders()) {
        unlisted += modelNamesNotUtf8(folder);
        const bool readOnly = folder == modelsDir_ && !readOnlyReason_.isEmpty();
        for (const QFileInfo& f : QDir(folder).entryInfoList(QDir::Files, QDir::Name)) {
            if (!kModelSuffixes.contains(f.suffix().toLower()))
                continue;  // .part / .importing files are never listed: nothing partial can be loaded
            names.insert(f.fileName(), {f.size(), !readOnly});
            list.append(row(f, false, readOnly));
        }
        inUseListed = inUseListed || inUse.absoluteDir() == QDir(folder);
    }
    for (const QString& path : downloadedElsewhere()) {  // F10: said with its folder
        const QFileInfo f(path);
        if (names.contains(f.fileName())) continue;
        names.insert(f.fileName(), {f.size(), false});
        QVariantMap r = row(f, false, false);
        r.insert(QStringLiteral("folder"), f.absolutePath());
        list.append(r);
    }
    if (!modelInUse_.isEmpty() && !inUse.exists() && inUseListed)
        list.append(row(inUse, true, false));  // deleted (here or elsewhere) but still loaded
    // The model in use from another folder (chosen in another data folder, a file opened from anywhere): listed with
    // its folder, not deleted from here. Before, the page said "No models yet" while the chat used it (session 31's
    // trial). Not the bundled demo model: it has its own row, below.
    if (!modelInUse_.isEmpty() && inUse.isFile() && !inUseListed && !names.contains(inUse.fileName()) &&
        inUse.fileName() != QLatin1String(rwkv::app::kDemoModelFileName)) {
        QVariantMap r = row(inUse, false, true);
        r.insert(QStringLiteral("folder"), inUse.absolutePath());
        r.insert(QStringLiteral("elsewhere"), true);
        list.append(r);
    }
    // The bundled demo model, last: Use goes back to it (session 35's trial, MED: no row named it, and the model
    // button's dialog opened in the models folder). Not deleted from here (deleteModel skips it).
    if (const QFileInfo demo(demoModelPath_); !demoModelPath_.isEmpty() && demo.isFile()) {
        QVariantMap r = row(demo, false, true);
        r.insert(QStringLiteral("bundled"), true);
        list.append(r);
    }
    // Rows of one name (a read-only models folder's file and the standard folder's) say their folders: two
    // "m.pth" rows, one "Use" and one "In use", did not say which was where (session 29's check, M2).
    QHash<QString, int> rowsNamed;
    for (const QVariant& v : std::as_const(list)) ++rowsNamed[v.toMap().value(QStringLiteral("fileName")).toString()];
    for (QVariant& v : list) {
        QVariantMap r = v.toMap();
        if (rowsNamed.value(r.value(QStringLiteral("fileName")).toString()) < 2 || r.contains(QStringLiteral("folder")))
            continue;
        r.insert(QStringLiteral("folder"), QFileInfo(r.value(QStringLiteral("path")).toString()).absolutePath());
        v = r;
    }
    fileCheck_.keepOnly(checked);
    catalogModel_.setInstalledFiles(names, downloadDir());
    if (list != localModels_) {
        localModels_ = list;
        emit localModelsChanged();
    }
    if (unlisted != unlisted_) {
        unlisted_ = unlisted;
        emit unlistedNoteChanged();
    }
}

QString ModelManagerController::unlistedNote() const {
    if (unlisted_.isEmpty()) return {};
    // A few names, then how many more: 400 such files made the note taller than the page (session 31's check), the
    // catalog's list squeezed to nothing and the note's end (what to do) off the page.
    constexpr qsizetype kShownNames = 3;
    QStringList shown;
    for (const QString& name : unlisted_.first(std::min(unlisted_.size(), kShownNames))) shown << oneLine(name);
    QString names = shown.join(QStringLiteral(", "));
    if (unlisted_.size() > kShownNames)
        names = tr("%1 and %n more", "model files not listed", int(unlisted_.size() - kShownNames)).arg(names);
    return tr("Not listed: %1. A file name with bytes that are not UTF-8 text (shown as �) cannot be opened here; rename "
              "the file to use it.")
        .arg(names);
}

QUrl ModelManagerController::importFolder() const {
    return QUrl::fromLocalFile(!importFolder_.isEmpty() && QFileInfo(importFolder_).isDir() ? importFolder_
                                                                                           : QDir::homePath());
}

void ModelManagerController::setImportFolder(const QString& folder) {
    const QString absolute = folder.isEmpty() ? QString() : QFileInfo(folder).absoluteFilePath();
    if (absolute == importFolder_ || (!absolute.isEmpty() && !QFileInfo(absolute).isDir())) return;
    importFolder_ = absolute;
    emit importFolderChanged();
}

void ModelManagerController::importModel(const QUrl& fileUrl) {
    const QString source = fileUrl.isLocalFile() ? fileUrl.toLocalFile() : fileUrl.toString();
    const QFileInfo info(source);
    if (importThread_)
        return setError([] { return tr("An import is already running."); });
    const QString name = info.fileName();
    if (!info.isFile())
        return setError([source] { return tr("%1 is not a file.").arg(source); });
    // The dialog opens here next time (it opened in the working folder: session 33's trial, LOW).
    setImportFolder(info.absolutePath());
    if (!kModelSuffixes.contains(info.suffix().toLower()))
        return setError([name] { return tr("%1 is not a model file (.pth, .gguf, .st, .safetensors or .bin).").arg(name); });
    if (!startsLikeACheckpoint(source))
        return setError([name] {
            return tr("%1 is not a model file: it does not start like a .pth, .gguf, .safetensors or rwkv.cpp .bin "
                      "checkpoint. Nothing was copied.")
                .arg(name);
        });
    // A file of that name already listed: the same bytes are not copied twice; another file goes in under a free name,
    // "name (2).pth" (session 33's trial, LOW: refused by its name alone). Every copy is compared, "name (2)" and the
    // others too (session 33's check: a file with "(2)"'s bytes made "(3)"). Sizes first; equal ones are hashed on
    // the import thread.
    const ModelCopies copies = copiesOf(name);
    const QString freeName = copies.paths.isEmpty() ? name : copies.freeName;
    // The copy is made as "<name>.importing", and a name has at most 255 bytes (ext4, btrfs, XFS, tmpfs): a name of 246
    // bytes or more failed at the copy, "Could not copy … (is the disk full?)". Said before anything is written.
    // The name on one line, its first kShownNameChars characters: the whole of 246 bytes or more filled the banner.
    const qsizetype nameBytes = QFile::encodeName(name).size();
    if (nameBytes > kLongestImportName)
        return setError([name = oneLine(name, kShownNameChars), nameBytes] {
            return tr("%1 cannot be imported: its file name is %2 bytes long, and the copy is made under its name with "
                      "“.importing” after it, which would pass the 255 bytes a file name can have. The longest name that "
                      "imports is %3 bytes; rename the file, then import it.")
                .arg(name, QString::number(nameBytes), QString::number(kLongestImportName));
        });
    // The name fits, "name (2)" does not: said with the user's name's length (it said the free name's, 246 bytes for a
    // name of 242: session 33's check). At once, unless a copy of the same size may hold these bytes ("already there").
    std::function<QString()> noRoomForANumber;
    if (const qsizetype added = QFile::encodeName(freeName).size() - nameBytes; nameBytes + added > kLongestImportName)
        noRoomForANumber = [name = oneLine(name, kShownNameChars), nameBytes, number = copies.number, added] {
            return tr("%1 cannot be imported under another name: the models folder already has a file of that name, "
                      "and its name, %2 bytes long, leaves no room for “ (%3)” in the 255 bytes a file name can have "
                      "(the copy is made with “.importing” after it). Rename the file to at most %4 bytes, then import "
                      "it.")
                .arg(name, QString::number(nameBytes), QString::number(number),
                     QString::number(kLongestImportName - added));
        };
    const QString into = downloadDir();  // the standard folder when the chosen one cannot be written
    if (const Wording problem = folderProblem(into); !problem.isEmpty())
        return setError([problem] { return problem.text(); });
    QStringList sameSize;  // the copies the file may be
    for (const QString& path : copies.paths)
        if (QFileInfo(path).size() == info.size()) sameSize << path;
    if (noRoomForANumber && sameSize.isEmpty())
        return setError(noRoomForANumber);
    const QString target = QDir(into).filePath(freeName);
    const qint64 free = freeBytes(into);
    if (free >= 0 && free < info.size())
        return setError([name, size = info.size(), free] {
            return tr("Not enough disk space to import %1: %2 needed, %3 free.").arg(name, humanBytes(size), humanBytes(free));
        });
    clearError();  // an earlier refusal no longer applies: it stayed over the import that followed (session 32's check)
    importThread_ = QThread::create([this, source, target, sameSize, noRoomForANumber] {
        // What went wrong, as its parts: the sentence is made on the window's thread (again after a switch).
        QString unusable;  // the engine's words (English) for a file that is not a usable model
        int code = -1;     // its rwkv::ErrorCode, -1 for another exception
        bool copyFailed = false;
        if (const QString there = copyWithTheBytesOf(source, sameSize); !there.isEmpty()) {
            QMetaObject::invokeMethod(
                this,
                [this, target, chosen = QFileInfo(source).fileName(), copy = QFileInfo(there).fileName()] {
                    onImportDone(
                        target,
                        [chosen, copy] {
                            return chosen == copy ? tr("%1 is already in the models folder.").arg(chosen)
                                                  : tr("%1 is already in the models folder, as %2.").arg(chosen, copy);
                        },
                        false, true);
                },
                Qt::QueuedConnection);
            return;
        }
        if (noRoomForANumber) {  // other bytes: a copy would need the name that does not fit
            QMetaObject::invokeMethod(
                this, [this, target, noRoomForANumber] { onImportDone(target, noRoomForANumber); }, Qt::QueuedConnection);
            return;
        }
        try {  // a cut download or copy: refused here, not copied and then failing at load. Reads the container's
               // index, not the tensor data, but on the worker: a large file's index still takes a moment.
            rwkv::check_checkpoint_index(source.toStdString());
        } catch (const rwkv::Error& e) {
            unusable = QString::fromStdString(e.what());
            code = int(e.code());
        } catch (const std::exception& e) {
            unusable = QString::fromStdString(e.what());
        }
        const QString temp = target + QStringLiteral(".importing");
        if (unusable.isEmpty()) {
            QFile::remove(temp);
            if (!QFile::copy(source, temp) || !QFile::rename(temp, target)) {
                QFile::remove(temp);
                copyFailed = true;
            }
        }
        std::function<QString()> error;
        if (!unusable.isEmpty())
            error = [name = QFileInfo(source).fileName(), unusable, code] {
                // The model button's words (a plain reason in the window's language, then the engine's on a details
                // line), not the engine's alone after the sentence (session 32's trial: "ZIP end-of-central-directory
                // record not found (truncated?)" in a zh_CN window).
                const QString worded =
                    code < 0 ? unusable
                             : app::modelLoadErrorText(rwkv::Error(rwkv::ErrorCode(code), unusable.toStdString()));
                const qsizetype cut = worded.indexOf(QLatin1Char('\n'));
                if (cut < 0) return tr("%1 cannot be used as a model, so nothing was copied: %2").arg(name, unusable);
                return tr("%1 cannot be used as a model, so nothing was copied. %2\nDetails: %3")
                    .arg(name, worded.first(cut), worded.mid(cut + 1));
            };
        else if (copyFailed)
            error = [source] { return tr("Could not copy %1 into the models folder (is the disk full?).").arg(source); };
        const QString chosen = QFileInfo(source).fileName(), copied = QFileInfo(target).fileName();
        const bool renamed = !error && chosen != copied;  // copied under a free name: said, and the model loads
        if (renamed)
            error = [chosen, copied] {
                return tr("%1 was imported as %2: the models folder already has another file named %1.").arg(chosen, copied);
            };
        QMetaObject::invokeMethod(
            this, [this, target, error, renamed] { onImportDone(target, error, renamed); }, Qt::QueuedConnection);
    });
    importThread_->start();
    emit importingChanged();
}

void ModelManagerController::onImportDone(const QString& target, const std::function<QString()>& error, bool copied,
                                          bool note) {
    importThread_->wait();
    delete importThread_;
    importThread_ = nullptr;
    emit importingChanged();
    refreshLocalModels();
    if (error)
        setError(error, note || copied);
    if (!error || copied)  // copied under another name: the note, and it loads
        emit modelReady(target);
}

ModelManagerController::ModelCopies ModelManagerController::copiesOf(const QString& name) const {
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    const QString stem = dot > 0 ? name.first(dot) : name, suffix = dot > 0 ? name.mid(dot) : QString();
    // "stem (N)suffix" for any N, after a gap too (a "(2)" deleted leaves "(3)" to compare).
    const QRegularExpression copy(QRegularExpression::anchoredPattern(QRegularExpression::escape(stem) +
                                                                      QStringLiteral(" \\(([1-9][0-9]{0,8})\\)") +
                                                                      QRegularExpression::escape(suffix)));
    const QString importing = QStringLiteral(".importing");
    ModelCopies out;
    QSet<int> taken;  // by a file, a folder or a copy under way
    for (const QString& folder : modelFolders()) {
        const QDir dir(folder);
        for (const QString& entry : dir.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System)) {
            const bool partial = entry.endsWith(importing);
            const QRegularExpressionMatch m = copy.match(partial ? entry.chopped(importing.size()) : entry);
            if (m.hasMatch()) taken.insert(m.captured(1).toInt());
            if (!partial && (entry == name || m.hasMatch())) out.paths << dir.filePath(entry);
        }
    }
    while (taken.contains(out.number)) ++out.number;
    out.freeName = QStringLiteral("%1 (%2)%3").arg(stem).arg(out.number).arg(suffix);
    return out;
}

QString ModelManagerController::copyWithTheBytesOf(const QString& source, const QStringList& copies) {
    const auto hash = [](const QString& path) {
        QFile f(path);
        QCryptographicHash h(QCryptographicHash::Sha256);
        return f.open(QIODevice::ReadOnly) && h.addData(&f) ? h.result() : QByteArray();
    };
    if (copies.isEmpty()) return {};
    const QByteArray wanted = hash(source);
    if (wanted.isEmpty()) return {};
    for (const QString& path : copies)
        if (hash(path) == wanted) return path;
    return {};
}

void ModelManagerController::deleteModel(const QString& pathOrFileName) {
    for (const QVariant& v : std::as_const(localModels_)) {
        const QVariantMap m = v.toMap();
        const QString fileName = m.value(QStringLiteral("fileName")).toString();
        const QString path = m.value(QStringLiteral("path")).toString();
        if ((pathOrFileName != path && pathOrFileName != fileName) || m.value(QStringLiteral("bundled")).toBool())
            continue;  // the demo model: "… is not in the models folder."
        if (m.value(QStringLiteral("readOnly")).toBool())
            setError([fileName, dir = modelsDir_, why = readOnlyReason_] {
                return tr("%1 cannot be deleted: the models folder %2 cannot be written (%3).").arg(fileName, dir, why);
            });
        else if (QFileInfo::exists(path) && !QFile::remove(path))  // already gone (deleted outside the app): unlisted
            setError([fileName] { return tr("Could not delete %1.").arg(fileName); });
        else
            emit modelDeleted(QFileInfo(path).absoluteFilePath());
        refreshLocalModels();
        return;
    }
    setError([pathOrFileName] { return tr("%1 is not in the models folder.").arg(pathOrFileName); });
}

void ModelManagerController::setModelInUse(const QString& path) {
    if (path == modelInUse_)
        return;
    modelInUse_ = path;
    refreshLocalModels();
}

void ModelManagerController::setDemoModelPath(const QString& path) {
    const QString absolute = path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
    if (absolute == demoModelPath_) return;
    demoModelPath_ = absolute;
    refreshLocalModels();
}

void ModelManagerController::setError(const QString& message, bool note) {
    errorMaker_ = nullptr;
    note = note && !message.isEmpty();
    if (message == errorMessage_ && note == errorIsNote_)
        return;
    errorMessage_ = message;
    errorIsNote_ = note;
    emit errorMessageChanged();
}

void ModelManagerController::setError(std::function<QString()> make, bool note) {
    setError(make(), note);
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
    // nothing without a word (session 24's trial, F10).
    const QString problem = path.isEmpty() ? QString()
                            : !loaded      ? tr("The model catalog “%1” could not be used, so no models are listed: %2")
                                                 .arg(path, why)
                            : loaded->entries().isEmpty() ? tr("The model catalog “%1” lists no models.").arg(path)
                            : !loaded->skipped().isEmpty()
                                ? tr("Some models of the catalog “%1” cannot be used and are left out; the others are "
                                     "listed. Left out: %2")
                                      .arg(path, loaded->skipped().join(QStringLiteral("; ")))
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
