// store_error_text.h — errors of the conversation database (store::StoreError) as sentences in the window's language.
// StoreError::userMessage() is English (rwkv-cli prints it); the window translates the errors a session can meet
// after the start — read-only, locked, disk full, disk error, out of memory — and keeps that English text for the
// rest. Tested in tests/packaging/test_translations (zh_CN).
#pragma once

#include <QString>

#include <exception>
#include <string>

#include "store/store_error.h"  // printableSqliteWords

namespace rwkv::app {

/// `e` as a translated sentence when it is a StoreError of SQLITE_READONLY, SQLITE_BUSY / SQLITE_LOCKED (another
/// program's lock, or this program's own save: store::kBusyWithThisProgram), SQLITE_FULL, SQLITE_IOERR or SQLITE_NOMEM
/// (naming the database file), or SQLITE_CANTOPEN where store::databaseFileProblem names the case (a folder in the file's place, a link to nothing, a folder missing or that cannot be written); otherwise
/// storeEnglishText(e).
QString storeErrorText(const std::exception& e);
/// storeErrorText's translated sentence for `e`, or empty where it has none (where storeErrorText says the store's
/// English): replyErrorText words those cases itself.
QString translatedStoreError(const std::exception& e);
/// The same for an error kept (std::current_exception() in its catch), so that a banner made again after a language
/// switch says it in the new language; empty for none, the text of what() for an exception of another kind.
QString storeErrorText(const std::exception_ptr& error);

/// The store's own English sentence for `e` (store::userMessage) as the window shows it: every path it names — the
/// database, its folder (SQLITE_CANTOPEN), a link's target, an upgrade's backup — isolated (U+2068 … U+2069), so that
/// a U+202E in a folder's name cannot turn the store's words after it around. The details of a reply that could not be
/// saved, storeErrorText's fallback, the start-up dialog's details and "Cannot record the download: …"; rwkv-cli
/// prints userMessage(e) with bare paths.
QString storeEnglishText(const std::exception& e);

/// SQLite's own words for a StoreError ("disk I/O error"): the message the store kept, else the text of its extended
/// code (store::sqliteReason); empty for another exception. English: for a banner's details line.
QString sqliteWords(const std::exception& e);

/// SQLite's message as a sentence quotes it: its bytes and controls as escapes, cut after 300 characters. The store's
/// own (store_error.h), so that its English userMessage says it as the window does: one rule.
using store::printableSqliteWords;

/// True when `e` is a StoreError of another program's lock (SQLITE_BUSY, SQLITE_LOCKED): the change was not made and
/// can be tried again once that program lets go of the database.
bool isAnotherProgramsLock(const std::exception& e);

/// True when `e` is a change refused because this program's own save (a reply and its state, on the worker's thread)
/// held the database longer than the change may wait (store::kBusyWithThisProgram): not made; it can be tried again
/// in a moment (store::kBusyFreeingStates too: "Free space used by saved states" holding it). storeErrorText says so.
bool isBusyWithThisProgram(const std::exception& e);

/// What the start-up window says when the conversation database at `dbPath` cannot be opened because the disk is full
/// (SQLITE_FULL) or failed a write (SQLITE_IOERR) — in practice a new database on a full disk, since an existing one
/// opens read-only there. storeErrorText's sentences are written for a change made after the start ("this change was
/// not saved"); these say that the start could not set the database up, that nothing was changed, and what to do
/// (free space and Try again, or --data-dir on another disk). Empty headline for any other error.
struct StartupStoreProblem {
    QString headline, detail;
};
StartupStoreProblem startupStoreProblem(const std::exception& e, const QString& dbPath);

}  // namespace rwkv::app
