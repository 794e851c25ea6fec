// whole_file_write.cpp — see whole_file_write.h.
#include "whole_file_write.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace rwkv::app {

// Why the temporary file for `path` could not be made, asked of the system (QSaveFile's reason is words only, and its
// errno is gone by the time open() returns): the file there refusing this user, else its folder.
static int whyNotOpened(const QString& path) {
    const QByteArray file = QFile::encodeName(path);
    struct stat st {};
    if (::stat(file.constData(), &st) == 0 && ::access(file.constData(), W_OK) != 0) return errno;
    if (::access(QFile::encodeName(QFileInfo(path).absolutePath()).constData(), W_OK) != 0) return errno;
    return 0;
}

WholeFileWrite writeWholeFile(const QString& path, const QByteArray& bytes) {
    WholeFileWrite result;
    QSaveFile file(path);
    result.opened = file.open(QIODevice::WriteOnly);
    if (!result.opened) {
        result.openError = file.errorString();
        result.systemError = whyNotOpened(path);
        return result;
    }
    errno = 0;
    if (file.write(bytes) != bytes.size() || !file.flush()) {
        result.systemError = errno;  // the failed write(2)'s, read before anything else can change it
        file.cancelWriting();  // the temporary file is removed by the destructor; the old file stays
        return result;
    }
    if (!file.commit()) {  // QSaveFile removed the temporary file; the old file stays
        if (file.error() == QFileDevice::RenameError) result.commitError = file.errorString();
        return result;
    }
    result.written = true;
    return result;
}

WriteFailure writeFailure(const WholeFileWrite& w) {
    if (w.written) return WriteFailure::None;
    switch (w.systemError) {
    case ENOSPC:
    case EDQUOT:
    case EFBIG: return WriteFailure::DiskFull;
    case EACCES:
    case EPERM:
    case EROFS: return WriteFailure::NoPermission;
    case 0: return w.opened && w.commitError.isEmpty() ? WriteFailure::DiskFull : WriteFailure::Other;
    default: return WriteFailure::Other;
    }
}

QString failureReason(const WholeFileWrite& w) {
    if (w.written) return {};
    if (w.systemError != 0) return QString::fromLocal8Bit(std::strerror(w.systemError));
    return !w.commitError.isEmpty() ? w.commitError : w.openError;
}

}  // namespace rwkv::app
