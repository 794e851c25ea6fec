// models/model_manager_controller.h — the model manager page's controller: the catalog list (with fit,
// progress, speed, ETA), the download source, the models folder, and the local models (import, delete).
// Its definitions: model_manager_controller.cpp (catalog, downloads, source, folder, memory, the page's banner),
// model_manager_local_models.cpp (On this computer), model_manager_import.cpp (Import from disk…),
// model_manager_active_download.cpp (the chat window's download banner).
// View: app/gui/qml/ModelManagerPage.qml. Tests: tests/app/test_model_manager.cpp.
#pragma once

#include <utility>

#include "catalog_list_model.h"
#include "download_types.h"
#include "folder_watch.h"
#include "model_catalog.h"
#include "model_file_check.h"

#include <QFileSystemWatcher>
#include <QObject>
#include <QStringList>
#include <QUrl>
#include <QVariantList>

#include <functional>
#include <vector>

class QThread;

namespace rwkv {
struct DeviceInfo;  // rwkv/devices.h
}

namespace rwkv::models {

/// The memory the Models page's "Fits your GPU" hints measure, from the devices Settings lists
/// (rwkv::list_all_devices; rwkv::list_gpu_devices' CUDA devices too): the largest total memory of a usable discrete
/// GPU of any backend built in, a CUDA device (each one is) or a Vulkan adapter of type "discrete"; 0 when there is
/// none. An integrated or virtual GPU and a software renderer (llvmpipe) do not count: "auto" never loads there (the
/// CPU runs the model), and an integrated GPU's memory is the RAM the hints already measure. Before, the hints took
/// CUDA's devices alone, so a build without CUDA (Vulkan on AMD or Intel) never said "Fits your GPU" (session 59).
qint64 fitHintGpuBytes(const std::vector<rwkv::DeviceInfo>& devices);

class DownloadManager;

/// Plain QObject controller; dependencies come in through the constructor. Everything it shows is a
/// property with a NOTIFY signal; QML only binds and forwards clicks.
class ModelManagerController : public QObject {
    Q_OBJECT
    Q_PROPERTY(QAbstractItemModel* catalog READ catalog CONSTANT)
    /// Source keys for the picker: "auto", "huggingface", "hf-mirror", "modelscope".
    Q_PROPERTY(QStringList sources READ sources CONSTANT)
    /// Translated labels, same order as sources.
    Q_PROPERTY(QStringList sourceLabels READ sourceLabels NOTIFY sourceLabelsChanged)
    Q_PROPERTY(QString source READ source WRITE setSource NOTIFY sourceChanged)
    /// The folder whose models are listed (Settings' choice, else the standard one), writable or not.
    Q_PROPERTY(QString modelsDir READ modelsDir WRITE setModelsDir NOTIFY modelsDirChanged)
    /// Where downloads and imports go: modelsDir, or the standard folder when modelsDir cannot be written.
    Q_PROPERTY(QString downloadDir READ downloadDir NOTIFY downloadDirChanged)
    /// Said on the Models page, in Settings and in the download banner when modelsDir cannot be written: "The models
    /// folder /srv/models cannot be written (Read-only file system), so downloads and imports go to …/models; its
    /// models are listed and can be used, not deleted." Empty when it can be.
    Q_PROPERTY(QString modelsDirNote READ modelsDirNote NOTIFY downloadDirChanged)
    /// Said on the Models page while a download goes into a folder that is not listed (the models folder changed after
    /// it started): "Rand L3 slow goes on downloading into /old/models, the models folder when it started; once there
    /// it is listed here, with its folder." Empty when none does.
    Q_PROPERTY(QString elsewhereNote READ elsewhereNote NOTIFY elsewhereNoteChanged)
    /// [{fileName, shownName (oneLine, between U+2066 and U+2069: left to right), path, sizeText, sizeBytes, inUse, deleted, readOnly, sizeNote}] of the model files in
    /// modelFolders() (verified or imported), modelsDir's first, then the bundled demo model (setDemoModelPath) with
    /// bundled true (Use / In use, never Delete). inUse: the model loaded now (setModelInUse; the demo row also when
    /// the model in use, outside the models folders, has the demo model's bytes). A model
    /// in use whose file was deleted stays listed with deleted true (its size 0) until another model is in use: it is
    /// still loaded.
    /// readOnly: in a modelsDir that cannot be written (deleteModel refuses it). folder (present only then): a file
    /// this run downloaded into a folder that is no longer listed (the models folder changed during its download).
    /// sizeNote: for a catalog model's file name of another size than the catalog's, its card's "Incomplete: …" or
    /// "A different file: …" (wrongSizeText), else empty. problem / problemText: a file the engine's index check
    /// refuses (ModelFileCheck: cut, damaged, not RWKV-7), "Damaged" in place of Use and why; empty for a usable one.
    Q_PROPERTY(QVariantList localModels READ localModels NOTIFY localModelsChanged)
    /// Model files of modelFolders() that localModels leaves out, named and said why: "Not listed: m�.pth. A file name
    /// with bytes that are not UTF-8 text (shown as �) cannot be opened here; rename the file to use it." Qt 6 cannot
    /// list or open such a name; before, the file was left out without a word (session 30's check). Empty when none.
    Q_PROPERTY(QString unlistedNote READ unlistedNote NOTIFY unlistedNoteChanged)
    Q_PROPERTY(qint64 gpuMemoryBytes READ gpuMemoryBytes WRITE setGpuMemoryBytes NOTIFY memoryChanged)
    Q_PROPERTY(qint64 ramBytes READ ramBytes WRITE setRamBytes NOTIFY memoryChanged)
    /// "GPU 24.0 GB · RAM 64.0 GB"
    Q_PROPERTY(QString memoryText READ memoryText NOTIFY memoryChanged)
    Q_PROPERTY(bool importing READ importing NOTIFY importingChanged)
    /// Where Import from disk… opens: the folder of the file chosen last (importModel), else the home folder.
    Q_PROPERTY(QUrl importFolder READ importFolder NOTIFY importFolderChanged)
    /// The last error for the page's banner; empty when none.
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorMessageChanged)
    /// errorMessage is a note on an import that succeeded or was not needed ("… was imported as … (2)…", "… is already
    /// in the models folder …"), not a failure: the banner draws it in the neutral colours of a success.
    Q_PROPERTY(bool errorIsNote READ errorIsNote NOTIFY errorMessageChanged)
    /// The catalog id of the card that says errorMessage in full, with Retry (a download's failure); empty when
    /// errorMessage is the page banner's alone. The page's banner leaves such a failure to the card, brought into view
    /// (the chat's download banner says it while the page is closed). Before session 45 the page's banner said it too,
    /// beside the card and the chat's banner: three times at once (session 44's trial).
    Q_PROPERTY(QString errorCardId READ errorCardId NOTIFY errorMessageChanged)
    /// The catalog file that could not be used and why (setUnusableCatalog): the page says it above its empty list.
    /// Empty when the catalog loaded.
    Q_PROPERTY(QString catalogProblem READ catalogProblem NOTIFY catalogProblemChanged)
    /// The download started last in this run (download(), resume()), shown in the chat window's download banner
    /// until it completes, is cancelled or dismissed: its catalog id, empty when none.
    Q_PROPERTY(QString activeDownloadId READ activeDownloadId NOTIFY activeDownloadChanged)
    /// "downloading", "verifying", "paused" or "failed" (also while waiting to retry: "downloading").
    Q_PROPERTY(QString activeDownloadState READ activeDownloadState NOTIFY activeDownloadChanged)
    /// false when the active download is paused for good (larger than the whole disk): no Resume is offered
    Q_PROPERTY(bool activeDownloadResumable READ activeDownloadResumable NOTIFY activeDownloadChanged)
    /// "Downloading RWKV-7 G1 0.1B: 45.0 MB of 382 MB (12 %) · 3.10 MB/s · 1 min 48 s left"; the failure (its brief
    /// form: Wording::briefText, also errorMessage's; the card has the whole text) or pause reason once it stopped.
    Q_PROPERTY(QString activeDownloadText READ activeDownloadText NOTIFY activeDownloadChanged)
    /// Once it failed or paused, the bytes it keeps as its card's line says them ("1.00 KB of 3.00 KB", bytesText);
    /// empty while it runs (activeDownloadText has them) or when it keeps none. Before, the banner gave a failure's
    /// reason without them (session 35's left list).
    Q_PROPERTY(QString activeDownloadBytes READ activeDownloadBytes NOTIFY activeDownloadChanged)
    /// While it runs: why it is waiting ("Retrying in 2.0 s (attempt 2): no network or no DNS: cannot find …"),
    /// else empty.
    Q_PROPERTY(QString activeDownloadNote READ activeDownloadNote NOTIFY activeDownloadChanged)
    /// activeDownloadNote says that another RWKV Desktop window downloads the file and this one waits for it: a note,
    /// nothing wrong (the banner draws it in the muted colour of a note; a retry's or a silent server's note is red).
    Q_PROPERTY(bool activeDownloadWaitsForOtherWindow READ activeDownloadWaitsForOtherWindow NOTIFY activeDownloadChanged)
    /// 0..1, or -1 when the size is unknown.
    Q_PROPERTY(double activeDownloadProgress READ activeDownloadProgress NOTIFY activeDownloadChanged)

public:
    /// modelsDir: the standard models folder, where downloads and imports go unless setModelsDir chooses another that
    /// can be written. RAM is detected (/proc/meminfo); the GPU memory is unknown
    /// (-1) until setGpuMemoryBytes() is called with the engine's device memory.
    ModelManagerController(const ModelCatalog& catalog, DownloadManager& downloads, const QString& modelsDir,
                           QObject* parent = nullptr);
    ~ModelManagerController() override;

    QAbstractItemModel* catalog() { return &catalogModel_; }
    QStringList sources() const;
    QStringList sourceLabels() const;
    QString source() const { return sourceKey(source_); }
    void setSource(const QString& key);
    QString modelsDir() const { return modelsDir_; }
    /// Sets errorMessage (and keeps the old folder) when the folder is missing or not a folder. One that cannot be
    /// written (a team's read-only share of models) is used for its models, and downloads and imports go to the
    /// standard folder (modelsDirNote says so). Before, it was refused whole (session 27's trial, F9).
    void setModelsDir(const QString& dir);
    QString downloadDir() const { return readOnlyReason_.isEmpty() ? modelsDir_ : standardDir_; }
    QString modelsDirNote() const;
    QString elsewhereNote() const;
    /// The folders whose models are listed: modelsDir, then downloadDir when it is another.
    QStringList modelFolders() const;
    QVariantList localModels() const { return localModels_; }
    QString unlistedNote() const;
    qint64 gpuMemoryBytes() const { return gpuBytes_; }
    void setGpuMemoryBytes(qint64 bytes);
    /// The weight type models load with (AppSettings::weightType: "fp16", "int8"): the fit hints measure that load.
    void setWeightType(const QString& type) { catalogModel_.setInt8Weights(type == QLatin1String("int8")); }
    /// The devices Settings lists (DeviceListModel::devices(), listed when Settings or Models is first shown): the fit
    /// hints' GPU memory becomes fitHintGpuBytes' (-1, unknown, where it is 0), and the memory line names what counts
    /// for none: an integrated GPU ("GPU Intel(R) UHD Graphics 620 (integrated, shares the RAM) · RAM 16.5 GB"), else
    /// a software renderer ("GPU llvmpipe (software, on the CPU) · RAM 25.3 GB", where "GPU none detected" read unlike
    /// Settings' list: session 27's trial, N5), else "none detected".
    void setDevices(const std::vector<rwkv::DeviceInfo>& devices);
    qint64 ramBytes() const { return ramBytes_; }
    void setRamBytes(qint64 bytes);
    QString memoryText() const;
    bool importing() const { return importThread_ != nullptr; }
    QUrl importFolder() const;
    /// Sets the folder importFolder opens in (persistModelSettings: the one saved); one that is not a folder now is
    /// ignored.
    void setImportFolder(const QString& folder);
    /// The bundled demo model's file (in the app's resources, not a models folder; empty: none): listed last in
    /// localModels with bundled true, so the page's Use goes back to it. Before, no row named it, and going back to it
    /// meant typing its resources path in the model button's dialog (session 35's trial, MED).
    void setDemoModelPath(const QString& path);
    QString errorMessage() const { return errorMessage_; }
    bool errorIsNote() const { return errorIsNote_; }
    QString errorCardId() const { return errorCardId_; }
    /// What makes errorMessage (again after a language switch); empty for a fixed text.
    std::function<QString()> errorMaker() const { return errorMaker_; }
    QString catalogProblem() const { return catalogProblem_; }
    /// The catalog file main.cpp could not load (--catalog, or the bundled models.json): catalogProblem names it and
    /// says why ("The model catalog “/tmp/cat.json” could not be used, so no models are listed: cat.json is not valid
    /// JSON: …"). Before, the page showed an empty list without a word (session 23's trial, T6). The file is read
    /// again at retranslate(), for the reason in the new language. Also for a catalog loaded with entries left out
    /// (ModelCatalog::skipped): "Some models of the catalog … are left out; … Left out: <each reason>".
    void setUnusableCatalog(const QString& path);
    QString activeDownloadId() const { return activeId_; }
    QString activeDownloadState() const;
    bool activeDownloadResumable() const;
    QString activeDownloadText() const;
    QString activeDownloadBytes() const;
    QString activeDownloadNote() const;
    bool activeDownloadWaitsForOtherWindow() const;
    double activeDownloadProgress() const;

    /// Downloads catalog model `id` into downloadDir(); its file already there (of the catalog's size) emits modelReady
    /// instead. A file of that name and another size is deleted first (Download again). A refusal: errorMessage.
    Q_INVOKABLE void download(const QString& id);
    Q_INVOKABLE void pause(const QString& id);
    Q_INVOKABLE void resume(const QString& id);
    Q_INVOKABLE void cancel(const QString& id);
    /// The longest file name (UTF-8 bytes) importModel takes: 255 bytes, the most a name has on Linux file systems,
    /// less the 10 of ".importing", the name the copy has until it is whole.
    static constexpr qsizetype kLongestImportName = 255 - 10;
    /// A longer name is quoted in the refusal by its first kShownNameChars characters and "…" (oneLine).
    static constexpr qsizetype kShownNameChars = 60;
    /// Imports a model file on a background thread (importing() is true until it ends): the engine checks the
    /// container's index against the file size and every fp32/fp16/bf16 weight for NaN or infinity
    /// (rwkv::check_checkpoint_values; a cut or damaged file is refused in errorMessage and nothing is copied), then
    /// the file is copied into the models folder (".importing" name until complete) and modelReady announces it. The
    /// quick checks (suffix, first bytes, a name of at most kLongestImportName bytes, folder, an existing file, free
    /// space) answer at once; an import that starts clears errorMessage (an earlier refusal).
    Q_INVOKABLE void importModel(const QUrl& fileUrl);
    /// Deletes a file listed in localModels, named by its path or file name; one in a folder that cannot be written
    /// is refused in errorMessage ("… cannot be deleted: the models folder … cannot be written (…).").
    Q_INVOKABLE void deleteModel(const QString& pathOrFileName);
    /// The file of the model loaded now (ChatController::modelPath), empty for none: marks its row of localModels.
    /// Before, deleting it emptied the list ("No models yet") while the chat went on with it (session 27's trial, N3).
    void setModelInUse(const QString& path);
    /// A load of `path` finished (ChatController::modelLoadFinished): the file under that path now is the one in use,
    /// also where it is the path in use already — a file put in place of the one loaded (a new version under its name)
    /// is not In use until it is loaded (refreshLocalModels tells them apart by device and inode).
    void setModelLoaded(const QString& path);
    /// Lists modelFolders() again. Also done by itself when their files change while the app runs (FolderWatch: a
    /// model copied in with the file manager is listed without reopening the page, its size followed while it grows;
    /// before session 35 only opening the page listed it).
    Q_INVOKABLE void refreshLocalModels();
    Q_INVOKABLE void clearError();
    /// Hides the download banner (the download itself goes on; the Models page still shows it).
    Q_INVOKABLE void dismissActiveDownload();
    /// After a language switch: announces every translated text again (source labels, memory, catalog rows).
    void retranslate();

    /// Total RAM from /proc/meminfo, or -1.
    static qint64 detectRamBytes();
    /// The suffixes of model files ("pth", "gguf", "st", "safetensors", "bin"): the files listed and imported.
    static const QStringList kModelSuffixes;

signals:
    void sourceChanged();
    void sourceLabelsChanged();
    void modelsDirChanged();
    void downloadDirChanged();
    void elsewhereNoteChanged();
    void localModelsChanged();
    void unlistedNoteChanged();
    void memoryChanged();
    void importingChanged();
    void importFolderChanged();
    void errorMessageChanged();
    void catalogProblemChanged();
    void activeDownloadChanged();
    /// A verified model file arrived (download or import) and can be loaded.
    void modelReady(const QString& filePath);
    /// deleteModel removed this file (its absolute path): main.cpp forgets it as the model to load at start.
    void modelDeleted(const QString& filePath);
    /// The file of the model in use (setModelInUse's `oldPath`) was renamed or moved while loaded: refreshLocalModels
    /// found the same file (device and inode) as `newPath` (absolute) in a listed folder or in its own folder. Said
    /// after the rows are listed. main.cpp has the chat's footer (ChatController::followRenamedModel) and the model
    /// loaded at the next start (AppSettings::followRenamedModel) name it so; they kept the old name, and the next start
    /// said the file did not exist (session 54's loose ends).
    void modelInUseRenamed(const QString& oldPath, const QString& newPath);

private:
    /// A fixed text (clearError()'s empty one); `note`: errorIsNote; `cardId`: errorCardId.
    void setError(const QString& message, bool note = false, const QString& cardId = {});
    /// The banner's text as `make` makes it, made again by retranslate() in the new language (an empty text there
    /// keeps the old one). Before, every banner of the page kept the language it was shown in.
    void setError(std::function<QString()> make, bool note = false, const QString& cardId = {});
    void setActiveDownload(const QString& id);
    /// Reads again whether modelsDir can be written (a share remounted): true when that changed (the caller announces
    /// downloadDirChanged).
    bool checkWritable();
    std::optional<DownloadStatus> activeStatus() const;
    /// The files this run downloaded into a folder not in modelFolders() (the models folder changed meanwhile).
    QStringList downloadedElsewhere() const;
    /// `copied`: the file went in under the name `target` although `error` has a text (the note that it was imported,
    /// or renamed). `note`: `error` is a note, not a failure (imported, renamed, or already there).
    void onImportDone(const QString& target, const std::function<QString()>& error, bool copied = false,
                      bool note = false);
    /// The files in the models folders that are copies of an import named `name` ("name.pth", "name (2).pth",
    /// "name (7).pth" …: every number, gaps too), and "name (N).pth" for the first N ≥ 2 that no folder has (nor a
    /// ".importing" of it).
    struct ModelCopies {
        QStringList paths;
        QString freeName;
        int number = 2;  // freeName's N
    };
    ModelCopies copiesOf(const QString& name) const;
    /// The first of `copies` holding the bytes of `source` (SHA-256 of each), empty for none or an unreadable source.
    static QString copyWithTheBytesOf(const QString& source, const QStringList& copies);

    ModelCatalog catalog_;
    DownloadManager& downloads_;
    CatalogListModel catalogModel_;
    Source source_ = Source::Auto;
    QString modelsDir_;
    QString standardDir_;     // the constructor's folder
    QString readOnlyReason_;  // why modelsDir_ (not the standard folder) cannot be written; empty: it can be
    QVariantList localModels_;
    QStringList unlisted_;  // unlistedNote's file names
    QString modelInUse_;
    /// modelInUse_'s file (device, inode) when it was set; {0, 0} for none. A rename while it is in use finds it under
    /// its new name (refreshLocalModels).
    std::pair<quint64, quint64> inUseFile_{};
    QString demoModelPath_;  // setDemoModelPath's
    bool demoInUse_ = false;  // modelInUse_ holds demoModelPath_'s bytes (another path to the demo model)
    ModelFileCheck fileCheck_;  // the rows' "Damaged" / "Not RWKV-7", read again only for a file that changed
    QString importFolder_;  // importFolder's; empty: home
    qint64 gpuBytes_ = -1;
    QString softwareRenderer_;  // "llvmpipe"; empty: none
    QString integratedGpu_;     // "Intel(R) UHD Graphics 620" (setDevices); empty: none
    qint64 ramBytes_ = -1;
    QString errorMessage_;
    bool errorIsNote_ = false;
    QString errorCardId_;  // errorCardId's
    std::function<QString()> errorMaker_;  // makes errorMessage_ again after a language switch; empty: a fixed text
    QString unusableCatalog_;
    QString catalogProblem_;
    QString activeId_;
    QThread* importThread_ = nullptr;
    FolderWatch watch_;  // modelFolders(): refreshLocalModels when their files change
    /// The file in use itself (setModelInUse): renamed, moved or removed, the rows are listed again, so that a model
    /// opened from a folder not listed, renamed there, is followed (modelInUseRenamed) with the page closed — that
    /// folder has no watch_ (session 55's trial: the footer kept the old name, the next start said it did not exist).
    QFileSystemWatcher inUseWatch_;
};

}  // namespace rwkv::models
