// chat_controller_model_load.cpp — ChatController: loading a model — what is refused before the worker is asked (a
// folder, a link to itself, a file that is not a regular file, a name that is not UTF-8 text, a file that is not
// there, a load while a reply is written), and the loads that wait (a download or changed settings while a reply is
// written or a model loads). The worker's answer: chat_controller_from_worker.cpp. Tests: tests/app/test_chat_model_load.cpp.
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUrl>

#include <utility>

#ifdef Q_OS_UNIX
#include <dirent.h>
#include <sys/stat.h>

#include <cerrno>
#endif

#include "app_paths.h"
#include "chat_controller.h"
#include "conversation_export.h"
#include "engine_error_text.h"
#include "models/one_line.h"  // isolated
#include "models/wording.h"  // joinSentences

namespace rwkv::app {

namespace {
/// Whether `path`, which names nothing, stands for a file (or folder) whose name is not UTF-8 text: Qt reads such a
/// name from the command line with U+FFFD for the bytes that are not text and cannot open it by that text
/// (QFile::encodeName gives U+FFFD's own bytes back); QDir and the file dialog leave such names out of their listings.
/// True when the first part of `path` that is not there holds U+FFFD and its folder, read by the system's readdir,
/// has an entry that Qt reads as that name.
bool nameIsNotText(const QString& path) {
    if (!path.contains(QChar::ReplacementCharacter)) return false;
    QFileInfo missing(QFileInfo(path).absoluteFilePath());
    while (!missing.dir().exists() && !missing.dir().isRoot()) missing = QFileInfo(missing.absolutePath());
    if (!missing.fileName().contains(QChar::ReplacementCharacter)) return false;
    bool found = false;
#ifdef Q_OS_UNIX
    if (DIR* dir = ::opendir(QFile::encodeName(missing.absolutePath()).constData())) {
        while (const dirent* entry = ::readdir(dir))
            if (QFile::decodeName(entry->d_name) == missing.fileName()) found = true;
        ::closedir(dir);
    }
#endif
    return found;
}

/// Whether `path` is a symbolic link that leads back to itself, directly or through other links (stat: ELOOP).
bool linksToItself(const QString& path) {
#ifdef Q_OS_UNIX
    struct stat st {};
    return !path.isEmpty() && QFileInfo(path).isSymLink() && ::stat(QFile::encodeName(path).constData(), &st) != 0 &&
           errno == ELOOP;
#else
    return false;
#endif
}
}  // namespace

void ChatController::loadModel(const QString& pathOrUrl) {
    if (generating_) {
        showReplyInTheWay([] { return tr("Stop the reply before changing the model."); }, false);
        return;
    }
    if (loading_) {
        showError([] { return tr("A model is already loading. Please wait a moment."); });
        return;
    }
    setOptionsWaiting(false);  // this load takes the options of now
    const QUrl url(pathOrUrl);
    const QString path = url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
    if (QFileInfo(path).isDir()) {
        // Isolated and on one line as every other path here (session 56's loose ends: a folder named with U+202E drew
        // the rest of the sentence backwards).
        showError([path] {
            return ErrorTexts{tr("“%1” is a folder, not a model file.").arg(models::isolatedPath(path)), {}};
        });
        setFailedLoad(path, errorMaker_);
        emit modelLoadFinished(false);
        return;
    }
    if (!path.isEmpty() && QFileInfo::exists(path) && !QFileInfo(path).isFile()) {
        // A named pipe, a device or a socket was "does not exist" here while rwkv-cli said "not a regular file"
        // (session 26's trial, F7): named by the check import uses for the same files.
        try {
            refuseWhatIsNotAFile(path);
        } catch (const ImportError& e) {
            // ImportError::reason() is translated when it is made: the check is made again for the new language
            showError([path, first = withoutFinalStop(e.reason())] {
                QString why = first;
                try {
                    refuseWhatIsNotAFile(path);
                } catch (const ImportError& again) {
                    why = withoutFinalStop(again.reason());
                }
                return ErrorTexts{tr("The model file cannot be loaded: %1.").arg(why), {}};
            });
            setFailedLoad(path, errorMaker_);
            emit modelLoadFinished(false);
            return;
        }
    }
    if (!QFileInfo::exists(path) && nameIsNotText(path)) {
        // Said as such, not "does not exist" (session 30's trial, A4: "mod\xe8le.pth" of an old archive, which rwkv-cli
        // opens). Not opened: every path is a QString here (settings, the worker, the models list), the command line's
        // bytes are gone before the app sees them, and Qt's file dialog does not list such a file at all.
        const QString still = modelLoaded_ ? models::isolatedOneLine(model_.name) : QString();
        showError([path, still] {
            const QString why = tr("The model file “%1” cannot be opened by its name: the name, or a folder's on its "
                                   "path, has bytes that are not UTF-8 text (shown as �). Rename it to open it here.")
                                    .arg(models::isolatedPath(path));
            return ErrorTexts{still.isEmpty() ? why : models::joinSentences(why, tr("Still using %1.").arg(still)), {}};
        });
        setFailedLoad(path, errorMaker_);
        emit modelLoadFinished(false);
        return;
    }
    if (linksToItself(path)) {
        // A link that points to itself (or a loop of links) was "does not exist" (session 56's loose ends).
        showError([path] {
            return ErrorTexts{tr("The model file “%1” is a link that points to itself (too many levels of symbolic "
                                 "links), so it names no file. Point it at the model file, or choose the file itself.")
                                  .arg(models::isolatedPath(path)),
                              {}};
        });
        setFailedLoad(path, errorMaker_);
        emit modelLoadFinished(false);
        return;
    }
    if (path.isEmpty() || !QFileInfo(path).isFile()) {
        // rwkv-desktop asks for the demo model by an empty path when it found no resources folder (a binary copied
        // away from it): name the file it looked for, not “” (new-user trial, session 16).
        // Isolated and on one line (isolatedPath): a folder named with U+202E drew the rest of the sentence backwards
        // (session 40), one with a line break broke the banner in two.
        const QString shown =
            models::isolatedPath(path.isEmpty() ? expectedDemoModelPath(QCoreApplication::applicationDirPath()) : path);
        // A model in use stays in use; a device / threads change for it (the same path again) waits for its file
        // (session 28's trial, F6: only "does not exist" was said, as if nothing were loaded).
        const QString still = modelLoaded_ ? models::isolatedOneLine(model_.name) : QString();
        const bool again = modelLoaded_ && path == model_.path;
        showError([shown, still, again] {
            return ErrorTexts{again ? tr("The model file “%1” does not exist any more, so the changed settings were not "
                                         "applied: %2 stays in use as it was loaded. They apply when you choose a model.")
                                          .arg(shown, still)
                              : !still.isEmpty() ? tr("The model file “%1” does not exist. Still using %2.").arg(shown, still)
                                                 : tr("The model file “%1” does not exist.").arg(shown),
                              {}};
        });
        setFailedLoad(path, errorMaker_);
        emit modelLoadFinished(false);
        return;
    }
    const ComposerState before = composerState();
    pendingModelPath_.clear();  // the user's latest choice wins over a download waiting to load
    setFailedLoad({}, nullptr);
    loading_ = true;
    loadingPath_ = path;
    closeErrorForNewAction();
    emit modelChanged();
    updateComposerState(before);
    emit loadModelRequested(path);
}

void ChatController::loadModelWhenIdle(const QString& path) {
    if (generating_ || loading_) {
        pendingModelPath_ = path;
        return;
    }
    loadModel(path);
}

void ChatController::reloadModelWhenIdle() {
    if (!generating_ && !loading_) {
        if (!model_.path.isEmpty()) loadModel(model_.path);
        return;
    }
    if (pendingModelPath_.isEmpty()) pendingModelPath_ = loading_ ? loadingPath_ : model_.path;
    if (!pendingModelPath_.isEmpty()) setOptionsWaiting(true);
}

void ChatController::followRenamedModel(const QString& oldPath, const QString& newPath) {
    const QString from = QFileInfo(oldPath).absoluteFilePath(), to = QFileInfo(newPath).absoluteFilePath();
    if (!modelLoaded_ || oldPath.isEmpty() || newPath.isEmpty() || from != model_.path || to == from) return;
    model_.path = to;
    model_.name = QFileInfo(to).completeBaseName();  // as the worker names a model it loads
    if (pendingModelPath_ == from) pendingModelPath_ = to;  // a reload for Settings' device, waiting for the reply
    if (!loading_) {  // a load under way names its own model when it ends
        worker_.renameModel(to);  // at once, also while a reply holds the worker's thread (its record too)
        emit modelRenameRequested(to);
    }
    emit modelChanged();
}

void ChatController::setFailedLoad(const QString& path, ErrorMaker make) {
    if (path.isEmpty() && failedModelPath_.isEmpty()) return;
    failedModelPath_ = path;
    failedLoadMaker_ = path.isEmpty() ? ErrorMaker() : std::move(make);
    emit failedLoadChanged();
}

void ChatController::setOptionsWaiting(bool waiting) {
    if (waiting == optionsWaiting_) return;
    optionsWaiting_ = waiting;
    emit loadOptionsWaitingChanged();
}

void ChatController::loadPendingModel() {
    if (pendingModelPath_.isEmpty() || generating_ || loading_) return;
    const QString path = std::exchange(pendingModelPath_, QString());
    loadModel(path);
}

}  // namespace rwkv::app
