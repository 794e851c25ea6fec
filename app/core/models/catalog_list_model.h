// models/catalog_list_model.h — the catalog as a QAbstractListModel for the model manager page: one row
// per CatalogEntry with its memory fit, install state and live download progress.
// Owned by ModelManagerController; tests: tests/app/test_model_manager.cpp.
#pragma once

#include "download_types.h"
#include "model_catalog.h"

#include <QAbstractListModel>
#include <QHash>
#include <QSet>

namespace rwkv::models {

class CatalogListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Roles {
        IdRole = Qt::UserRole + 1,  ///< QString catalog id
        NameRole,                   ///< QString display name
        ParamsRole,                 ///< QString "1.5B"
        FormatRole,                 ///< QString "pth" / "gguf" (+ " Q8_0" for quantized files)
        SizeTextRole,               ///< QString "3.06 GB", "9.99 GB, loads as about 26.5 GB" (GGUF; int8),
                                    ///< "size not in the catalog"
        ShapeTextRole,              ///< QString "24 layers × 2048"; "" without a shape
        FitRole,                    ///< QString "gpu", "ram", "too-large" or "unknown"
        FitTextRole,                ///< QString translated, e.g. "Fits your GPU"
        InstalledRole,              ///< bool: the file is in the models folder, of the catalog's size (or none given)
        WrongSizeTextRole,          ///< QString: "Incomplete: 20.0 MB of 35.0 MB …", "A different file: …" or ""
        StateRole,                  ///< QString "", "queued", "downloading", "verifying", "paused", "failed", "completed"
        ProgressRole,               ///< double 0..1, or -1 when the size is unknown or the download is queued
        ProgressTextRole,           ///< QString "1.2 GB of 3.06 GB", "Starting…" while queued
        SpeedTextRole,              ///< QString "12.5 MB/s" or ""
        EtaTextRole,                ///< QString "4 min 10 s left" or ""
        MessageRole,                ///< QString last error or pause reason
        ResumableRole,              ///< bool: false when paused for good (the file is larger than the whole disk)
        /// QString, the card's line under its bar: "1.2 GB of 3.06 GB  ·  12.5 MB/s  ·  4 min 10 s left" while it
        /// downloads (without speed and time when paused); failed, the bytes kept ("312 MB of 1.2 GB", which Retry
        /// goes on from; "" when none, as after a checksum mismatch); else "". Before session 35 a failed card dropped
        /// it.
        TransferTextRole,
    };
    Q_ENUM(Roles)

    explicit CatalogListModel(QObject* parent = nullptr);

    void setEntries(const QList<CatalogEntry>& entries);
    /// Memory sizes used for FitRole; -1 unknown.
    void setMemory(qint64 gpuBytes, qint64 ramBytes);
    /// Whether models load with int8 weights (Settings → Weights in memory): FitRole measures that load (about half of
    /// fp16's), and FitTextRole names int8 where int8 is what makes it fit ("Fits your GPU with int8 weights"); with
    /// fp16, a model too large as fp16 but not as int8 says so and points to that setting.
    void setInt8Weights(bool int8);
    /// A model file in a listed folder: its size, and whether a download of its name replaces it (it is in the folder
    /// downloads go to; a file in a models folder that cannot be written stays there).
    struct LocalFile {
        qint64 size = 0;
        bool replaceable = true;
    };
    /// The model files present in the models folders: name → file (one per folder holding it); `downloadDir`, where
    /// downloads go. A file of a size other than the catalog's is not installed: shorter, it is incomplete (a copy or
    /// download cut short); longer, another file of that name. Its card says so and offers Download again (session
    /// 28's trial, F7 and its check's C3: each read "Ready" and Use or --download failed), and what that does: replace
    /// it, or, in a models folder that cannot be written, put the catalog's file in downloadDir and leave it.
    void setInstalledFiles(const QMultiHash<QString, LocalFile>& files, const QString& downloadDir);
    /// Updates the row of status.id (ignored when the id is not in the catalog).
    void updateStatus(const DownloadStatus& status);

    const CatalogEntry* entry(const QString& id) const;
    /// The row of catalog id `id`, or -1 (the Models page scrolls to a download started elsewhere).
    Q_INVOKABLE int rowOf(const QString& id) const;
    /// After a language switch: every row's texts changed (dataChanged over all rows).
    void retranslate();

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QList<CatalogEntry> entries_;
    QHash<QString, DownloadStatus> statuses_;
    QMultiHash<QString, LocalFile> installed_;  // file name → file, per folder
    QString downloadDir_;
    qint64 gpuBytes_ = -1;
    qint64 ramBytes_ = -1;
    bool int8_ = false;
};

/// Why a catalog model's file of `size` bytes is not that model's file, for its card and its row under "On this
/// computer": "Incomplete: 20.0 MB of 35.0 MB in the models folder …" (shorter) or "A different file: 40.0 MB in the
/// models folder, the catalog's is 35.0 MB. …" (longer); empty when the sizes agree or the catalog gives none. Then
/// what Download again does: replace it (`keptFor` empty), or, for a file in a models folder that cannot be written,
/// put the catalog's file in `keptFor` (the folder downloads go to) and leave this one; once that file is there
/// (`catalogFileThere`), where it is. Before, a read-only share's file also read "Download again replaces it".
/// Sizes that round alike are said in bytes ("35,000,100 bytes … the catalog's is 35,000,000 bytes": the same "35.0
/// MB" said twice read as no difference, session 29's check, M1).
QString wrongSizeText(qint64 size, qint64 catalogSize, const QString& keptFor = {}, bool catalogFileThere = false);
/// "45.0 MB of 382 MB": a download's bytes so far of its whole, as its card's line says them (and the chat window's
/// download banner after a failure or a pause).
QString bytesText(qint64 received, qint64 total);
/// "12.5 MB/s"; empty for 0.
QString speedText(double bytesPerSecond);
/// "1 h 5 min left", "4 min 10 s left", "12 s left"; empty when unknown.
QString etaText(qint64 seconds);

}  // namespace rwkv::models
