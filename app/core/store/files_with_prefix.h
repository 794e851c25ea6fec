// store/files_with_prefix.h — the files next to a database that belong to it by name ("<db>-unsaved-<id>",
// "<db>.bak-v<N>"), found by comparing names as text. Tested in tests/app/test_files_with_prefix.cpp.
#pragma once

#include <QDir>
#include <QString>
#include <QStringList>

namespace rwkv::store {

/// The names of the files (hidden ones too) in `dir` whose names start with `prefix`, compared as text,
/// case-sensitively: never as a wildcard pattern, so a library named "chat[1].sqlite" or "a*b?.sqlite" finds its
/// own files and no other library's (as "chat[1].sqlite-unsaved-*" as a pattern took chat1.sqlite's). Sorted by
/// `sort` (QDir::Time: newest first). Folders are not listed.
QStringList filesWithPrefix(const QDir& dir, const QString& prefix, QDir::SortFlags sort = QDir::Name);

}  // namespace rwkv::store
