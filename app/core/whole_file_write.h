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
    /// QSaveFile's reason when the whole file was written but could not be given its name (commit()'s rename or link
    /// failed: "File name too long", a rename refused), else empty.
    QString commitError;
    /// The system's error number (errno) of the step that failed: the write's own (ENOSPC, EDQUOT, EIO …), or when the
    /// temporary file could not be made, what the system says of writing the file there (EACCES for a file of mode 000
    /// or a folder without write permission, EROFS). 0 when written, or when unknown.
    int systemError = 0;
};

/// Why a write failed, in the kinds a user acts on differently (writeFailure).
enum class WriteFailure {
    None,          ///< written
    DiskFull,      ///< no room: ENOSPC, EDQUOT, EFBIG, or a short write with no reason (Qt 6.4 on a full disk)
    NoPermission,  ///< the file or its folder may not be written by this user (EACCES, EPERM) or is read-only (EROFS)
    Other,         ///< anything else: failureReason() names it
};
WriteFailure writeFailure(const WholeFileWrite& w);
/// The system's or Qt's words for a failed write (strerror of systemError, else Qt's reason); empty when written.
QString failureReason(const WholeFileWrite& w);

/// Writes `bytes` to `path` through a temporary file renamed over it only when complete, so a full disk (or a file-size
/// limit) leaves the file that was there, whole, and no temporary file. On a full disk Qt 6.4's QSaveFile cuts a large
/// write short, or fails the flush inside commit() and still renames the cut file over the old one and returns true,
/// with no reason ("Unknown error"): the flush is checked before commit(). opened && !written with no commitError means
/// the disk is full or the file cannot grow; the callers say so with the number of bytes needed. On Linux the temporary
/// file is made without a name (O_TMPFILE) and `path` is first used by commit(): a name too long fails only there.
WholeFileWrite writeWholeFile(const QString& path, const QByteArray& bytes);

}  // namespace rwkv::app
