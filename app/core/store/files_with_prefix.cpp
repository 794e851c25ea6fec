// store/files_with_prefix.cpp — see files_with_prefix.h.
#include "files_with_prefix.h"

namespace rwkv::store {

QStringList filesWithPrefix(const QDir& dir, const QString& prefix, QDir::SortFlags sort) {
    // All files, then a text comparison: QDir's name filters are wildcard patterns ([ ] * ? are special in them),
    // and they ignore case.
    QStringList names;
    for (const QString& name : dir.entryList(QDir::Files | QDir::Hidden, sort))
        if (name.startsWith(prefix, Qt::CaseSensitive)) names << name;
    return names;
}

}  // namespace rwkv::store
