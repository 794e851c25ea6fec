// whole_file_write.h — write a file all or nothing (QSaveFile), with the check Qt 6.4's QSaveFile needs on a full disk.
// Used by the app's Export… (bundle_import_controller.cpp) and `rwkv-cli export --out` (cli_conversations.cpp), which
// had each written these steps.
#pragma once

#include <QByteArray>
#include <QString>

namespace rwkv::app {

/// How writeWholeFile went.
struct WholeFileWrite {
    bool written = false;  ///< `path` now holds all of the bytes
    bool opened = false;   ///< the temporary file could be made; false: `openError` says why (folder missing, no right)
    QString openError;     ///< QSaveFile's reason when !opened, else empty
};

/// Writes `bytes` to `path` through a temporary file renamed over it only when complete, so a full disk (or a file-size
/// limit) leaves the file that was there, whole, and no temporary file. On a full disk Qt 6.4's QSaveFile cuts a large
/// write short, or fails the flush inside commit() and still renames the cut file over the old one and returns true,
/// with no reason ("Unknown error"): the flush is checked before commit(). opened && !written means the disk is full or
/// the file cannot grow; the callers say so with the number of bytes needed.
WholeFileWrite writeWholeFile(const QString& path, const QByteArray& bytes);

}  // namespace rwkv::app
