// models/model_manager_import.cpp — ModelManagerController's Import from disk…: the quick checks, the engine's
// index and weight-value check and the copy on a background thread, a free name for a copy of another file
// ("name (2).pth"), the same bytes not copied twice, importFolder; see model_manager_controller.h.
#include "model_manager_controller.h"

#include "disk_space.h"
#include "engine_error_text.h"  // modelLoadErrorText
#include "foreign_file_text.h"  // notAModelFileSentence
#include "one_line.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QRegularExpression>
#include <QSet>
#include <QThread>

#include "rwkv/weights.h"

namespace rwkv::models {
namespace {


/// The first bytes of a checkpoint the engine reads (the same magic bytes as load_weights' detection): a file that
/// merely has a model's suffix (a renamed picture, an HTML error page saved as .pth) is not copied into the folder.
bool startsLikeACheckpoint(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return true;  // the copy reports what is wrong with reading it
    const QByteArray head = f.read(10);
    if (head.size() < 10) return true;  // cut before its header: the engine's index check says TruncatedFile
    return head.startsWith("PK\x03\x04") || head.startsWith("GGUF") || head.startsWith("fmgg") ||
           (head.size() == 10 && head.mid(8, 2) == QByteArrayLiteral("{\""));
}

/// A file's name as these sentences quote it: isolatedOneLine (one_line.h), its first kShownNameChars characters.
/// A line break in it broke the banner, a U+202E turned the rest of the sentence around (session 43's check). The
/// sentences that name two files told apart by their ends ("m.pth … as m (2).pth") quote both whole (`whole`).
QString shownName(const QString& name, bool whole = false) {
    return isolatedOneLine(name, whole ? -1 : ModelManagerController::kShownNameChars);
}

/// Why a file cannot be used as a model, as the model button and the Models page's rows say it: a plain reason in the
/// window's language, then the engine's words (`unusable`, which begin with the file's name; `code` its
/// rwkv::ErrorCode, -1 for another exception) on a details line. Made on the window's thread (again after a switch).
QString refusalText(const QString& shownFileName, const QString& unusable, int code, const char* kind) {
    // The model button's words, not the engine's alone after the sentence (session 32's trial: "ZIP
    // end-of-central-directory record not found (truncated?)" in a zh_CN window). The engine's words begin with the
    // file's name as it is: on one line (oneLine), as the model button's details and the Models rows' say them.
    const QString worded =
        code < 0 ? unusable : app::modelLoadErrorText(rwkv::Error(rwkv::ErrorCode(code), unusable.toStdString()));
    const qsizetype cut = worded.indexOf(QLatin1Char('\n'));
    if (cut < 0)
        return ModelManagerController::tr("%1 cannot be used as a model, so nothing was copied: %2")
            .arg(shownFileName, oneLine(unusable));
    // A file its first bytes name (a Git LFS pointer, a web page, a picture): what it is, as the model button says it.
    return ModelManagerController::tr("%1 cannot be used as a model, so nothing was copied. %2\nDetails: %3")
        .arg(shownFileName, kind ? app::notAModelFileSentence(kind) : worded.first(cut), oneLine(worded.mid(cut + 1)));
}

/// Runs the engine's `check` of `source` (check_checkpoint_index, check_checkpoint_values) and, where it refuses the
/// file, the sentence that says why (refusalText), made on the window's thread (again after a language switch); empty
/// when the file passes. A file the engine reads no container of is also named by its first bytes (foreignFileKindOf).
std::function<QString()> refusalOf(void (*check)(const std::filesystem::path&), const QString& source) {
    QString unusable;  // the engine's words (English) for a file that is not a usable model
    int code = -1;     // its rwkv::ErrorCode, -1 for another exception
    try {
        check(QFile::encodeName(source).toStdString());
    } catch (const rwkv::Error& e) {
        unusable = QString::fromStdString(e.what());
        code = int(e.code());
    } catch (const std::exception& e) {
        unusable = QString::fromStdString(e.what());
    }
    if (unusable.isEmpty()) return {};
    const char* kind = code == int(rwkv::ErrorCode::UnsupportedFormat) ? app::foreignFileKindOf(source) : nullptr;
    return [name = shownName(QFileInfo(source).fileName()), unusable, code, kind] {
        return refusalText(name, unusable, code, kind);
    };
}

}  // namespace

QUrl ModelManagerController::importFolder() const {
    if (!importFolder_.isEmpty() && QFileInfo(importFolder_).isDir()) return QUrl::fromLocalFile(importFolder_);
    // The first time: where a browser puts a model file it fetched (session 45's trial: the dialog opened in the home
    // folder, the conversation import's in Documents), else the home folder.
    const QString downloads = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    return QUrl::fromLocalFile(!downloads.isEmpty() && QFileInfo(downloads).isDir() ? downloads : QDir::homePath());
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
        return setError([source = isolatedPath(source)] { return tr("%1 is not a file.").arg(source); });
    // The dialog opens here next time (it opened in the working folder: session 33's trial, LOW).
    setImportFolder(info.absolutePath());
    if (!kModelSuffixes.contains(info.suffix().toLower()))
        return setError([name = shownName(name)] {
            return tr("%1 is not a model file (.pth, .gguf, .st, .safetensors or .bin).").arg(name);
        });
    // Not a checkpoint's first bytes: the engine's index check says what the file is instead — a Git LFS pointer (git lfs
    // pull), a web page saved in the file's place, a picture, an archive — as the model button, `rwkv-cli` and the
    // Models page's rows do. Only the first bytes (and a ZIP's index at its end) are read, so it is said at once. Before
    // (session 45's trial), "does not start like a .pth … checkpoint" alone, the file's kind not named.
    if (!startsLikeACheckpoint(source)) {
        // A .pth whose first ZIP header is damaged but whose index reads: the import thread checks its weights.
        if (std::function<QString()> refusal = refusalOf(&rwkv::check_checkpoint_index, source))
            return setError(std::move(refusal));
    }
    // A file of that name already listed: the same bytes are not copied twice; another file goes in under a free name,
    // "name (2).pth" (session 33's trial, LOW: refused by its name alone). Every copy is compared, "name (2)" and the
    // others too (session 33's check: a file with "(2)"'s bytes made "(3)"). Sizes first; equal ones are hashed on
    // the import thread.
    const ModelCopies copies = copiesOf(name);
    const QString freeName = copies.paths.isEmpty() ? name : copies.freeName;
    // The copy is made as "<name>.importing", and a name has at most 255 bytes (ext4, btrfs, XFS, tmpfs): a name of 246
    // bytes or more failed at the copy, "Could not copy … (is the disk full?)". Said before anything is written.
    // The name on one line, its first kShownNameChars characters (shownName): the whole of 246 bytes or more filled
    // the banner.
    const qsizetype nameBytes = QFile::encodeName(name).size();
    if (nameBytes > kLongestImportName)
        return setError([name = shownName(name), nameBytes] {
            return tr("%1 cannot be imported: its file name is %2 bytes long, and the copy is made under its name with "
                      "“.importing” after it, which would pass the 255 bytes a file name can have. The longest name that "
                      "imports is %3 bytes; rename the file, then import it.")
                .arg(name, QString::number(nameBytes), QString::number(kLongestImportName));
        });
    // The name fits, "name (2)" does not: said with the user's name's length (it said the free name's, 246 bytes for a
    // name of 242: session 33's check). At once, unless a copy of the same size may hold these bytes ("already there").
    std::function<QString()> noRoomForANumber;
    if (const qsizetype added = QFile::encodeName(freeName).size() - nameBytes; nameBytes + added > kLongestImportName)
        noRoomForANumber = [name = shownName(name), nameBytes, number = copies.number, added] {
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
        return setError([name = shownName(name), size = info.size(), free] {
            return tr("Not enough disk space to import %1: %2 needed, %3 free.").arg(name, humanBytes(size), humanBytes(free));
        });
    clearError();  // an earlier refusal no longer applies: it stayed over the import that followed (session 32's check)
    importThread_ = QThread::create([this, source, target, sameSize, noRoomForANumber] {
        bool copyFailed = false;
        if (const QString there = copyWithTheBytesOf(source, sameSize); !there.isEmpty()) {
            QMetaObject::invokeMethod(
                this,
                [this, target, chosen = QFileInfo(source).fileName(), copy = QFileInfo(there).fileName()] {
                    onImportDone(
                        target,
                        [chosen, copy] {
                            return chosen == copy ? tr("%1 is already in the models folder.").arg(shownName(chosen))
                                                  : tr("%1 is already in the models folder, as %2.")
                                                        .arg(shownName(chosen, true), shownName(copy, true));
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
        // A cut download or copy: refused here, not copied and then failing at load. Reads the container's index,
        // then every fp32/fp16/bf16 weight once (a NaN weight was copied in and failed only at load: session 36's
        // trial, F1), on this thread: a large file takes a moment, as its copy does. What went wrong is kept as its
        // parts: the sentence is made on the window's thread (again after a switch).
        std::function<QString()> error = refusalOf(&rwkv::check_checkpoint_values, source);
        const QString temp = target + QStringLiteral(".importing");
        if (!error) {
            QFile::remove(temp);
            if (!QFile::copy(source, temp) || !QFile::rename(temp, target)) {
                QFile::remove(temp);
                copyFailed = true;
            }
        }
        if (copyFailed)
            error = [source = isolatedPath(source)] {
                return tr("Could not copy %1 into the models folder (is the disk full?).").arg(source);
            };
        // Copied in (under its own name, or a free one when the folder has another file of its name): said, as a
        // note, and the model loads. A plain import said nothing, its new row maybe below the list's fold (session
        // 38's trial).
        const bool copied = !error;
        if (copied)
            error = [chosen = QFileInfo(source).fileName(), as = QFileInfo(target).fileName()] {
                return chosen == as ? tr("%1 was imported into the models folder.").arg(shownName(chosen))
                                    : tr("%1 was imported as %2: the models folder already has another file named %1.")
                                          .arg(shownName(chosen, true), shownName(as, true));
            };
        QMetaObject::invokeMethod(
            this, [this, target, error, copied] { onImportDone(target, error, copied); }, Qt::QueuedConnection);
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
    out.freeName = QStringLiteral("%1 (%2)%3").arg(stem, QString::number(out.number), suffix);
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

}  // namespace rwkv::models
