// models/disk_space.h — free-space and folder checks for downloads and imports (QStorageInfo), and the
// human-readable byte counts shown with them. Tests: tests/app/test_download.cpp.
#pragma once

#include "wording.h"

#include <QString>
#include <QtGlobal>

namespace rwkv::models {

/// Bytes available to this user on the filesystem holding dir, or -1 when unknown.
qint64 freeBytes(const QString& dir);

/// The size of the filesystem holding dir, in bytes, or -1 when unknown.
qint64 totalBytes(const QString& dir);

/// True when a file of `size` bytes is larger than the whole filesystem holding dir (known sizes only): downloading it
/// there can never end, so no Resume is offered.
bool largerThanTheDisk(qint64 size, const QString& dir);

/// Why dir cannot receive model files: it is missing, not a folder, or not writable (writeProblem). Empty when it is
/// fine. Worded where it is shown.
Wording folderProblem(const QString& dir);

/// Why no file can be made in the existing folder dir, in the system's words ("Read-only file system", "Permission
/// denied"; checked by creating and removing a probe file, so root is refused by a read-only mount only); empty when
/// one can be.
QString writeProblem(const QString& dir);

/// "812.0 KB", "3.06 GB" (powers of 1000, like file managers; B up to EB, never "1000.0" of a unit); "?" for a
/// negative count.
QString humanBytes(qint64 bytes);

}  // namespace rwkv::models
