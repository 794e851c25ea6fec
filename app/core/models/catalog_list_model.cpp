// models/catalog_list_model.cpp — rows, roles and text formatting of the catalog list (see catalog_list_model.h).
#include "catalog_list_model.h"

#include "disk_space.h"

#include <QLocale>

#include <algorithm>

namespace rwkv::models {
namespace {

QString stateKey(DownloadState s) {
    switch (s) {
    case DownloadState::Queued: return QStringLiteral("queued");
    case DownloadState::Downloading: return QStringLiteral("downloading");
    case DownloadState::Verifying: return QStringLiteral("verifying");
    case DownloadState::Paused: return QStringLiteral("paused");
    case DownloadState::Failed: return QStringLiteral("failed");
    case DownloadState::Completed: return QStringLiteral("completed");
    case DownloadState::Cancelled: return {};
    }
    return {};
}

}  // namespace

QString wrongSizeText(qint64 size, qint64 catalogSize, const QString& keptFor, bool catalogFileThere) {
    if (catalogSize <= 0 || size == catalogSize) return {};
    QString have = humanBytes(size), want = humanBytes(catalogSize);
    if (have == want) {  // "35.0 MB … the catalog's is 35.0 MB" for 100 bytes more: every byte said
        const QLocale grouped(QLocale::English);  // "35,000,100" in every language (the C locale has no separators)
        have = CatalogListModel::tr("%1 bytes").arg(grouped.toString(size));
        want = CatalogListModel::tr("%1 bytes").arg(grouped.toString(catalogSize));
    }
    if (keptFor.isEmpty())
        return size < catalogSize
                   ? CatalogListModel::tr("Incomplete: %1 of %2 in the models folder (a copy or download cut short). "
                                          "Download again replaces it.")
                         .arg(have, want)
                   : CatalogListModel::tr("A different file: %1 in the models folder, the catalog's is %2. Download "
                                          "again replaces it.")
                         .arg(have, want);
    // In a models folder that cannot be written: a download goes to keptFor and this file stays (download()).
    if (catalogFileThere)
        return size < catalogSize
                   ? CatalogListModel::tr("Incomplete: %1 of %2 in the models folder (a copy or download cut short); "
                                          "the whole file is in %3.")
                         .arg(have, want, keptFor)
                   : CatalogListModel::tr("A different file: %1 in the models folder, the catalog's is %2; the "
                                          "catalog's file is in %3.")
                         .arg(have, want, keptFor);
    return size < catalogSize
               ? CatalogListModel::tr("Incomplete: %1 of %2 in the models folder (a copy or download cut short). The "
                                      "models folder cannot be written, so Download again puts the whole file in %3 "
                                      "and leaves this one.")
                     .arg(have, want, keptFor)
               : CatalogListModel::tr("A different file: %1 in the models folder, the catalog's is %2. The models "
                                      "folder cannot be written, so Download again puts the catalog's file in %3 and "
                                      "leaves this one.")
                     .arg(have, want, keptFor);
}

QString bytesText(qint64 received, qint64 total) {
    return CatalogListModel::tr("%1 of %2").arg(humanBytes(received), humanBytes(total));
}

QString speedText(double bytesPerSecond) {
    return bytesPerSecond > 0 ? CatalogListModel::tr("%1/s").arg(humanBytes(qint64(bytesPerSecond))) : QString();
}

QString etaText(qint64 s) {
    if (s < 0)
        return {};
    if (s >= 3600)
        return CatalogListModel::tr("%1 h %2 min left").arg(s / 3600).arg((s % 3600) / 60);
    if (s >= 60)
        return CatalogListModel::tr("%1 min %2 s left").arg(s / 60).arg(s % 60);
    return CatalogListModel::tr("%1 s left").arg(s);
}

CatalogListModel::CatalogListModel(QObject* parent) : QAbstractListModel(parent) {}

int CatalogListModel::rowOf(const QString& id) const {
    for (qsizetype i = 0; i < entries_.size(); ++i)
        if (entries_[i].id == id) return int(i);
    return -1;
}

void CatalogListModel::setEntries(const QList<CatalogEntry>& entries) {
    beginResetModel();
    entries_ = entries;
    endResetModel();
}

void CatalogListModel::setMemory(qint64 gpuBytes, qint64 ramBytes) {
    gpuBytes_ = gpuBytes;
    ramBytes_ = ramBytes;
    if (!entries_.isEmpty())
        emit dataChanged(index(0), index(rowCount() - 1), {FitRole, FitTextRole});
}

void CatalogListModel::setInt8Weights(bool int8) {
    if (int8 == int8_) return;
    int8_ = int8;
    if (!entries_.isEmpty())
        emit dataChanged(index(0), index(rowCount() - 1), {FitRole, FitTextRole, SizeTextRole});
}

void CatalogListModel::setInstalledFiles(const QMultiHash<QString, LocalFile>& files, const QString& downloadDir) {
    installed_ = files;
    downloadDir_ = downloadDir;
    if (!entries_.isEmpty())
        emit dataChanged(index(0), index(rowCount() - 1), {InstalledRole, WrongSizeTextRole});
}

void CatalogListModel::updateStatus(const DownloadStatus& status) {
    for (qsizetype row = 0; row < entries_.size(); ++row) {
        if (entries_[row].id != status.id)
            continue;
        statuses_.insert(status.id, status);
        emit dataChanged(index(int(row)), index(int(row)),
                         {StateRole, ProgressRole, ProgressTextRole, SpeedTextRole, EtaTextRole, MessageRole,
                          ResumableRole, TransferTextRole});
        return;
    }
}

const CatalogEntry* CatalogListModel::entry(const QString& id) const {
    for (const CatalogEntry& e : entries_)
        if (e.id == id)
            return &e;
    return nullptr;
}

int CatalogListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(entries_.size()); }

QVariant CatalogListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CatalogEntry& e = entries_[index.row()];
    const auto st = statuses_.constFind(e.id);
    const bool hasStatus = st != statuses_.cend();
    switch (role) {
    case Qt::DisplayRole:
    case NameRole: return e.name;
    case IdRole: return e.id;
    case ParamsRole: return e.params;
    case FormatRole: return e.quant.isEmpty() ? e.format : e.format + QLatin1Char(' ') + e.quant;
    case SizeTextRole: {
        // A GGUF file loads dequantised: its 9.99 GB file "Too large" without a word of the ~26.5 GB it loads as
        // (session 37's check, LOW 7). Said when the load is a tenth or more above the file, or (int8 weights, any
        // format: the 7.2B .pth's 14.4 GB loads as ~7.9 GB, session 38's trial) a tenth or more below it. A .pth is
        // never said to load larger than its file (a test's stand-in of a shape). The load comes from the shape
        // (rwkv::loaded_weight_bytes), so an entry without a file size but with a shape still gets it.
        const qint64 load = e.estimatedMemoryBytes(int8_);
        const bool shaped = e.nLayer > 0 && e.nEmbd > 0 && load > 0;
        if (e.sizeBytes <= 0)
            return shaped ? tr("download size not in the catalog; loads as about %1").arg(humanBytes(load))
                          : tr("size not in the catalog");
        const bool larger = e.format == QLatin1String("gguf") && load > e.sizeBytes + e.sizeBytes / 10;
        return shaped && (larger || load < e.sizeBytes - e.sizeBytes / 10)
                   ? tr("%1, loads as about %2").arg(humanBytes(e.sizeBytes), humanBytes(load))
                   : humanBytes(e.sizeBytes);
    }
    // No "0 layers × 0" for an entry without a shape: nothing, and the card leaves it out.
    case ShapeTextRole: return e.nLayer > 0 && e.nEmbd > 0 ? tr("%1 layers × %2").arg(e.nLayer).arg(e.nEmbd) : QString();
    case FitRole:
    case FitTextRole: {
        const Fit fit = fitFor(e, gpuBytes_, ramBytes_, int8_);
        if (role == FitRole)
            return fit == Fit::Gpu ? QStringLiteral("gpu")
                   : fit == Fit::Ram ? QStringLiteral("ram")
                   : fit == Fit::TooLarge ? QStringLiteral("too-large")
                                          : QStringLiteral("unknown");
        // "with int8 weights" only where int8 is what makes it fit (there, or at all): not on a 0.4B card that fits
        // either way (session 37's check, nit 11).
        const Fit asFp16 = int8_ ? fitFor(e, gpuBytes_, ramBytes_, false) : fit;
        if (int8_ && (fit == Fit::Gpu || fit == Fit::Ram) && asFp16 != fit)
            return fit == Fit::Gpu ? tr("Fits your GPU with int8 weights") : tr("Fits your RAM (CPU) with int8 weights");
        // Too large as fp16 but not as int8: say so and where it is chosen (session 37's check, LOW 7).
        if (!int8_ && fit == Fit::TooLarge) {
            const Fit asInt8 = fitFor(e, gpuBytes_, ramBytes_, true);
            if (asInt8 == Fit::Gpu)
                return tr("Too large as fp16; fits your GPU with int8 weights (Settings → Weights in memory)");
            if (asInt8 == Fit::Ram)
                return tr("Too large as fp16; fits your RAM (CPU) with int8 weights (Settings → Weights in memory)");
        }
        return fit == Fit::Gpu ? tr("Fits your GPU")
               : fit == Fit::Ram ? tr("Fits your RAM (CPU)")
               : fit == Fit::TooLarge ? tr("Too large for this computer")
                                      : tr("Memory need unknown");
    }
    case InstalledRole:
    case WrongSizeTextRole: {
        const QList<LocalFile> files = installed_.values(e.fileName);
        const bool installed =
            !files.isEmpty() && (e.sizeBytes <= 0 || std::any_of(files.cbegin(), files.cend(), [&e](const LocalFile& f) {
                                     return f.size == e.sizeBytes;
                                 }));
        if (role == InstalledRole) return installed;
        if (installed || files.isEmpty()) return QString();
        // The file a download replaces, where there is one; else one it leaves (a read-only models folder's).
        const auto replaced = std::find_if(files.cbegin(), files.cend(), [](const LocalFile& f) { return f.replaceable; });
        return replaced != files.cend() ? wrongSizeText(replaced->size, e.sizeBytes)
                                        : wrongSizeText(files.constFirst().size, e.sizeBytes, downloadDir_);
    }
    case StateRole: return hasStatus ? stateKey(st->state) : QString();
    // Queued: taken, waiting for its row to be saved (behind another writer of the database, up to 5 s) and its
    // first answer: a moving bar, no byte count yet (session 29's check, W1).
    case ProgressRole:
        return hasStatus && st->total > 0 && st->state != DownloadState::Queued ? double(st->received) / double(st->total)
                                                                                : -1.0;
    case ProgressTextRole:
        return !hasStatus                           ? QString()
               : st->state == DownloadState::Queued ? tr("Starting…")
                                                    : bytesText(st->received, st->total);
    case SpeedTextRole:
        return hasStatus && st->state == DownloadState::Downloading ? speedText(st->bytesPerSecond) : QString();
    case EtaTextRole:
        return hasStatus && st->state == DownloadState::Downloading ? etaText(st->etaSeconds) : QString();
    case TransferTextRole: {
        if (!hasStatus) return QString();
        if (st->state == DownloadState::Failed)
            return st->received > 0 ? data(index, ProgressTextRole).toString() : QString();
        if (st->state != DownloadState::Queued && st->state != DownloadState::Downloading &&
            st->state != DownloadState::Paused)
            return QString();
        QStringList parts;
        for (const int role : {int(ProgressTextRole), int(SpeedTextRole), int(EtaTextRole)})
            if (const QString part = data(index, role).toString(); !part.isEmpty()) parts << part;
        return parts.join(QStringLiteral("  ·  "));
    }
    case MessageRole: return hasStatus ? st->message : QString();
    case ResumableRole: return !hasStatus || st->resumable;
    }
    return {};
}

QHash<int, QByteArray> CatalogListModel::roleNames() const {
    return {{IdRole, "modelId"},         {NameRole, "name"},           {ParamsRole, "params"},
            {FormatRole, "format"},      {SizeTextRole, "sizeText"},   {ShapeTextRole, "shapeText"},
            {FitRole, "fit"},            {FitTextRole, "fitText"},     {InstalledRole, "installed"},
            {WrongSizeTextRole, "wrongSizeText"},
            {StateRole, "downloadState"}, {ProgressRole, "progress"},  {ProgressTextRole, "progressText"},
            {SpeedTextRole, "speedText"}, {EtaTextRole, "etaText"},    {MessageRole, "message"},
            {ResumableRole, "resumable"}, {TransferTextRole, "transferText"}};
}

void CatalogListModel::retranslate() {
    if (!entries_.isEmpty()) emit dataChanged(index(0), index(int(entries_.size()) - 1));
}

}  // namespace rwkv::models
