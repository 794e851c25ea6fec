// store_error_text.cpp — see store_error_text.h.
#include "store_error_text.h"

#include <QCoreApplication>

#include <sqlite3.h>

#include "bidi_control.h"  // isolated
#include "store/store_error.h"

namespace rwkv::app {

QString sqliteWords(const std::exception& e) {
    const auto* se = dynamic_cast<const store::StoreError*>(&e);
    return se ? store::sqliteReason(e, QString::fromUtf8(sqlite3_errstr(se->extendedCode()))) : QString();
}

QString storeErrorText(const std::exception_ptr& error) {
    if (!error) return {};
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        return storeErrorText(e);
    } catch (...) {
    }
    return {};
}

QString storeEnglishText(const std::exception& e) {
    return QString::fromStdString(store::userMessage(e, store::Paths::Isolated));
}

QString storeErrorText(const std::exception& e) {
    const QString translated = translatedStoreError(e);
    return translated.isEmpty() ? storeEnglishText(e) : translated;
}

QString translatedStoreError(const std::exception& e) {
    const auto* se = dynamic_cast<const store::StoreError*>(&e);
    if (!se) return {};  // none: storeErrorText says the store's own words
    const QString path =
        se->file().empty() ? QStringLiteral("conversations.sqlite") : QString::fromStdString(se->file());
    // The path as one unit of the sentence (U+2068 … U+2069): a U+202E in a folder's name turned the rest around.
    const QString file = isolated(path);
    const QString sqlite = sqliteWords(e);
    switch (se->code()) {
    case SQLITE_READONLY:
        return QCoreApplication::translate("StoreError", "The conversation database %1 is read-only, so this change was not saved. Make the file and its folder writable, then start again.").arg(file);
    case SQLITE_BUSY:
        if (se->extendedCode() == store::kBusyFreeingStates)
            return QCoreApplication::translate("StoreError", "RWKV Desktop is freeing the space used by saved states in the conversation database %1 (Settings → Folders), so this change was not made. Try again once it has finished.").arg(file);
        if (se->extendedCode() == store::kBusyWithThisProgram)
            return QCoreApplication::translate("StoreError", "RWKV Desktop is still saving a reply to the conversation database %1, so this change was not made. Try again in a moment.").arg(file);
        [[fallthrough]];
    case SQLITE_LOCKED:
        return QCoreApplication::translate("StoreError", "The conversation database %1 is locked by another program (%2). Close the other program using it (another RWKV Desktop or rwkv-cli) and try again; nothing was changed.").arg(file, sqlite);
    case SQLITE_FULL:
        return QCoreApplication::translate("StoreError", "The disk holding the conversation database %1 is full, so this change was not saved. Free some space and try again.").arg(file);
    case SQLITE_IOERR:
        return QCoreApplication::translate("StoreError", "A disk error occurred while using the conversation database %1 (%2); the last change may not have been saved. Check the disk and try again.").arg(file, sqlite);
    case SQLITE_CONSTRAINT:
        if (se->extendedCode() != SQLITE_CONSTRAINT_COMMITHOOK) return {};  // Database::fileWasReplaced
        return QCoreApplication::translate("StoreError", "The conversation database %1 was replaced or removed by another program while RWKV Desktop had it open, so this change was not saved and nothing more is written to it (writing on would damage the file now at that path). Quit and start RWKV Desktop again to use the file that is there now.").arg(file);
    case SQLITE_NOMEM:
        return QCoreApplication::translate("StoreError", "Out of memory while using the conversation database %1. Close other programs and try again.").arg(file);
    case SQLITE_CANTOPEN: {  // a folder in the file's place, a link to nothing, … (session 23's trial, T12, T13)
        const QString why = store::databaseFileProblem(path, store::Words::Translated);  // isolates the paths
        return why;
    }
    default: return {};
    }
}

bool isAnotherProgramsLock(const std::exception& e) {
    const auto* se = dynamic_cast<const store::StoreError*>(&e);
    return se && (se->code() == SQLITE_BUSY || se->code() == SQLITE_LOCKED) && !isBusyWithThisProgram(e);
}

bool isBusyWithThisProgram(const std::exception& e) {
    const auto* se = dynamic_cast<const store::StoreError*>(&e);
    return se && (se->extendedCode() == store::kBusyWithThisProgram || se->extendedCode() == store::kBusyFreeingStates);
}

StartupStoreProblem startupStoreProblem(const std::exception& e, const QString& dbPath) {
    const auto* se = dynamic_cast<const store::StoreError*>(&e);
    if (!se) return {};
    const QString sqlite = sqliteWords(e);
    const QString what = QCoreApplication::translate(
        "StoreError", "Free some space on that disk and choose Try again, or start RWKV Desktop with --data-dir naming a "
                      "folder on another disk.");
    switch (se->code()) {
    case SQLITE_FULL:
        return {QCoreApplication::translate("StoreError", "The disk is full: RWKV Desktop cannot set up its conversation database."),
                QCoreApplication::translate("StoreError", "File: %1\nThe disk holding it has no room for a new conversation database, so the app cannot start with it. Nothing was changed.").arg(dbPath) +
                    QStringLiteral("\n\n") + what};
    case SQLITE_IOERR:
        return {QCoreApplication::translate("StoreError", "RWKV Desktop cannot write its conversation database."),
                QCoreApplication::translate("StoreError", "File: %1\nA disk error occurred while setting it up (%2): the disk may be full, or a file there cannot grow. Nothing was changed.").arg(dbPath, sqlite) +
                    QStringLiteral("\n\n") + what};
    default: return {};
    }
}

}  // namespace rwkv::app
