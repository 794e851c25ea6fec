// whole_file_write.cpp — see whole_file_write.h.
#include "whole_file_write.h"

#include <QSaveFile>

namespace rwkv::app {

WholeFileWrite writeWholeFile(const QString& path, const QByteArray& bytes) {
    WholeFileWrite result;
    QSaveFile file(path);
    result.opened = file.open(QIODevice::WriteOnly);
    if (!result.opened) {
        result.openError = file.errorString();
        return result;
    }
    if (file.write(bytes) != bytes.size() || !file.flush()) {
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

}  // namespace rwkv::app
