// store_error_text.cpp — see store_error_text.h.
#include "store_error_text.h"

#include <QCoreApplication>

#include <sqlite3.h>

#include "store/store_error.h"

namespace rwkv::app {

QString storeErrorText(const std::exception& e) {
    const auto* se = dynamic_cast<const store::StoreError*>(&e);
    const QString english = QString::fromStdString(store::userMessage(e));
    if (!se) return english;
    const QString file =
        se->file().empty() ? QStringLiteral("conversations.sqlite") : QString::fromStdString(se->file());
    const QString sqlite = se->sqliteMessage().empty() ? QString::fromUtf8(sqlite3_errstr(se->extendedCode()))
                                                       : QString::fromStdString(se->sqliteMessage());
    switch (se->code()) {
    case SQLITE_READONLY:
        return QCoreApplication::translate("StoreError", "The conversation database %1 is read-only, so this change was not saved. Make the file and its folder writable, then start again.").arg(file);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return QCoreApplication::translate("StoreError", "The conversation database %1 is locked by another program (%2). Close the other program using it (another RWKV Desktop or rwkv-cli) and try again; nothing was changed.").arg(file, sqlite);
    case SQLITE_FULL:
        return QCoreApplication::translate("StoreError", "The disk holding the conversation database %1 is full, so this change was not saved. Free some space and try again.").arg(file);
    case SQLITE_IOERR:
        return QCoreApplication::translate("StoreError", "A disk error occurred while using the conversation database %1 (%2); the last change may not have been saved. Check the disk and try again.").arg(file, sqlite);
    case SQLITE_NOMEM:
        return QCoreApplication::translate("StoreError", "Out of memory while using the conversation database %1. Close other programs and try again.").arg(file);
    default: return english;
    }
}

}  // namespace rwkv::app
