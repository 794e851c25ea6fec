// models/model_manager_local_models.cpp — ModelManagerController's models on this computer (the Models page's
// "On this computer": localModels' rows, unlistedNote, the model in use, the demo model, Delete); see
// model_manager_controller.h.
#include "model_manager_controller.h"

#include "app_paths.h"  // kDemoModelFileName
#include "disk_space.h"  // humanBytes
#include "one_line.h"

#include <QCollator>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLocale>
#include <QStringDecoder>

#include <algorithm>

#include <dirent.h>
#include <sys/stat.h>

namespace rwkv::models {
namespace {

/// A row's shown name (oneLine: no control of its own left in it) between U+2066 LEFT-TO-RIGHT ISOLATE and U+2069 POP
/// DIRECTIONAL ISOLATE: left-aligned and read in the order of its characters, as the list is, also when it starts with
/// an Arabic or Hebrew letter. Such a row was drawn as a right-to-left paragraph: moved to the right beside its size,
/// and an escape in it split around its backslash ("نموذج\u202egguf.pth" as "u202egguf.pth\نموذج", session 42's
/// trial). Delete's question quotes it isolated too ("Delete %1 from the models folder?").
QString leftToRight(const QString& shown) { return QStringLiteral("\u2066") + shown + QStringLiteral("\u2069"); }

/// The files of `folder` with a model's suffix whose names are not UTF-8 text, as Qt shows such a name (each bad byte
/// U+FFFD), sorted. Qt 6 leaves them out of QDir's lists (its directory iterator skips a name it cannot decode), and
/// no Qt path opens them, so they are read here with readdir.
/// Whether `a` and `b` are files of the same bytes (read only when their sizes match).
bool sameBytes(const QString& a, const QString& b) {
    QFile fa(a), fb(b);
    if (a.isEmpty() || b.isEmpty() || fa.size() != fb.size() || !fa.open(QIODevice::ReadOnly) ||
        !fb.open(QIODevice::ReadOnly))
        return false;
    constexpr qint64 kChunk = qint64(1) << 20;
    while (!fa.atEnd())
        if (fa.read(kChunk) != fb.read(kChunk)) return false;
    return true;
}

QStringList modelNamesNotUtf8(const QString& folder) {
    QStringList names;
    DIR* dir = ::opendir(QFile::encodeName(folder).constData());
    if (!dir) return names;
    while (const dirent* entry = ::readdir(dir)) {
        QStringDecoder utf8(QStringDecoder::Utf8);
        const QString shown = utf8(QByteArrayView(entry->d_name));
        const qsizetype dot = shown.lastIndexOf(u'.');
        struct stat st {};
        const QString suffix = dot > 0 ? shown.mid(dot + 1).toLower() : QString();
        if (utf8.hasError() && dot > 0 && ModelManagerController::kModelSuffixes.contains(suffix) &&
            ::fstatat(::dirfd(dir), entry->d_name, &st, 0) == 0 && S_ISREG(st.st_mode))
            names.append(shown);
    }
    ::closedir(dir);
    names.sort();
    return names;
}

/// `files` in the order a person reads their names: numbers by their value, capitals beside their small letters
/// ("m2" before "m10", "b" before "C"). QDir::Name compares code units: a folder of 39 checkpoints read m1, m10 … m19,
/// m2, m20 (session 54's trial3).
QFileInfoList inNameOrder(QFileInfoList files) {
    // The C locale's collator compares code units and knows no numbers (Qt's ICU collator): English's then
    QCollator order(QLocale().language() == QLocale::C ? QLocale(QLocale::English) : QLocale());
    order.setNumericMode(true);
    order.setCaseSensitivity(Qt::CaseInsensitive);
    std::stable_sort(files.begin(), files.end(), [&order](const QFileInfo& a, const QFileInfo& b) {
        const int c = order.compare(a.fileName(), b.fileName());
        return c != 0 ? c < 0 : a.fileName() < b.fileName();  // names alike but for case: in code-unit order
    });
    return files;
}

/// The file of `folder` (any name, hidden ones too) that is the file `identity` (fileIdentity), or "".
QString sameFileInFolder(const QString& folder, std::pair<quint64, quint64> identity) {
    if (identity == std::pair<quint64, quint64>{}) return {};
    for (const QFileInfo& f : QDir(folder).entryInfoList(QDir::Files | QDir::Hidden | QDir::System))
        if (fileIdentity(f.absoluteFilePath()) == identity) return f.absoluteFilePath();
    return {};
}

}  // namespace

void ModelManagerController::refreshLocalModels() {
    if (checkWritable()) emit downloadDirChanged();  // a share remounted since
    watch_.setFolders(modelFolders());  // the folders listed now (setModelsDir, a share remounted)
    QVariantList list;
    QMultiHash<QString, CatalogListModel::LocalFile> names;  // for the catalog's Ready / Incomplete / A different file
    QHash<QString, qint64> catalogSizes;  // a catalog model's file name → its size
    for (const CatalogEntry& e : catalog_.entries()) catalogSizes.insert(e.fileName, e.sizeBytes);
    const QFileInfo inUse(modelInUse_);
    // Another file under the name in use (a new version put in its place, the loaded one renamed or deleted): not the
    // one loaded. It was "In use", with no Use to load it, while the chat went on with the old file (session 55's
    // trial); now it is a row to Use, and the loaded file is found renamed or said deleted, as when the name is gone.
    const bool inUseReplaced = !modelInUse_.isEmpty() && inUseFile_ != std::pair<quint64, quint64>{} &&
                               inUse.exists() && fileIdentity(modelInUse_) != inUseFile_;
    const bool inUseGone = !modelInUse_.isEmpty() && (!inUse.exists() || inUseReplaced);
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
                           {QStringLiteral("shownName"), leftToRight(oneLine(f.fileName()))},
                           {QStringLiteral("path"), f.absoluteFilePath()},
                           {QStringLiteral("sizeText"), deleted ? QString() : humanBytes(f.size())},
                           {QStringLiteral("sizeBytes"), deleted ? 0 : f.size()},
                           {QStringLiteral("inUse"), !modelInUse_.isEmpty() && f == inUse && (deleted || !inUseReplaced)},
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
        for (const QFileInfo& f : inNameOrder(QDir(folder).entryInfoList(QDir::Files, QDir::Name))) {
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
    QString renamedTo;  // the file in use under its new name (modelInUseRenamed, said once the rows are set)
    if (inUseGone && inUseListed) {
        // Renamed (or moved to another folder listed) while in use: the same file (device and inode) under its new
        // name is the one loaded, In use with the name it was loaded as — it was "Deleted" beside a row of it to Use
        // (session 54's loose ends).
        const auto renamed = std::find_if(list.begin(), list.end(), [this](const QVariant& v) {
            return inUseFile_ != std::pair<quint64, quint64>{} &&
                   fileIdentity(v.toMap().value(QStringLiteral("path")).toString()) == inUseFile_;
        });
        if (renamed != list.end()) {
            renamedTo = renamed->toMap().value(QStringLiteral("path")).toString();
            QVariantMap r = renamed->toMap();
            r.insert(QStringLiteral("inUse"), true);
            r.insert(QStringLiteral("loadedAs"), leftToRight(oneLine(
                                                     QFileInfo(r.value(QStringLiteral("path")).toString()).fileName() ==
                                                             inUse.fileName()
                                                         ? inUse.absoluteFilePath()
                                                         : inUse.fileName())));
            *renamed = r;
        } else {
            // Deleted (here or elsewhere) but still loaded; or renamed to a name no model file has (m.pth →
            // m.pth.bak), so not listed: said as such, not "Deleted", since the file is still there (session 55's
            // trial3).
            QVariantMap r = row(inUse, true, false);
            if (const QString now = sameFileInFolder(inUse.absolutePath(), inUseFile_); !now.isEmpty())
                r.insert(QStringLiteral("renamedTo"), leftToRight(oneLine(QFileInfo(now).fileName())));
            list.append(r);
        }
    } else if (inUseGone && inUseFile_ != std::pair<quint64, quint64>{}) {
        // A model opened from another folder (not listed here) and renamed there: found in its own folder, so that the
        // chat and the next start follow it as they do in a models folder (its row, "in FOLDER", comes back then).
        for (const QFileInfo& f : QDir(inUse.absolutePath()).entryInfoList(QDir::Files, QDir::Name))
            if (kModelSuffixes.contains(f.suffix().toLower()) && fileIdentity(f.absoluteFilePath()) == inUseFile_) {
                renamedTo = f.absoluteFilePath();
                break;
            }
    }
    // The model in use from another folder (chosen in another data folder, a file opened from anywhere): listed with
    // its folder, not deleted from here. Before, the page said "No models yet" while the chat used it (session 31's
    // trial). Not the bundled demo model: it has its own row, below.
    const bool inUseElsewhere = !modelInUse_.isEmpty() && inUse.isFile() && !inUseListed &&
                                !names.contains(inUse.fileName()) &&
                                inUse.fileName() != QLatin1String(rwkv::app::kDemoModelFileName);
    if (inUseElsewhere) {
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
        // The same file by another path (the source tree's resources/ next to the build's copy: session 36's trial,
        // nit): In use, not Use with no row in use.
        // Not when that other path has its own row: a copy of the demo model by another name, opened from another
        // folder, was "In use" twice, on its row and on this one (session 40's trial, nit).
        if (!inUseListed && !inUseElsewhere && demoInUse_) r.insert(QStringLiteral("inUse"), true);
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
    // Last: the chat that follows it sets the model in use again (setModelInUse), which lists the rows anew.
    if (!renamedTo.isEmpty()) emit modelInUseRenamed(inUse.absoluteFilePath(), renamedTo);
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
    if (path != modelInUse_) setModelLoaded(path);
}

void ModelManagerController::setModelLoaded(const QString& path) {
    modelInUse_ = path;
    inUseFile_ = fileIdentity(path);
    if (const QStringList watched = inUseWatch_.files(); !watched.isEmpty()) inUseWatch_.removePaths(watched);
    if (inUseFile_ != std::pair<quint64, quint64>{}) inUseWatch_.addPath(path);  // none for a file gone (Deleted)
    demoInUse_ = sameBytes(modelInUse_, demoModelPath_);
    refreshLocalModels();
}

void ModelManagerController::setDemoModelPath(const QString& path) {
    const QString absolute = path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
    if (absolute == demoModelPath_) return;
    demoModelPath_ = absolute;
    demoInUse_ = sameBytes(modelInUse_, demoModelPath_);
    refreshLocalModels();
}

}  // namespace rwkv::models
