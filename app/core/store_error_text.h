// store_error_text.h — errors of the conversation database (store::StoreError) as sentences in the window's language.
// StoreError::userMessage() is English (rwkv-cli prints it); the window translates the errors a session can meet
// after the start — read-only, locked, disk full, disk error, out of memory — and keeps that English text for the
// rest. Tested in tests/packaging/test_translations (zh_CN).
#pragma once

#include <QString>

#include <exception>

namespace rwkv::app {

/// `e` as a translated sentence when it is a StoreError of SQLITE_READONLY, SQLITE_BUSY / SQLITE_LOCKED, SQLITE_FULL,
/// SQLITE_IOERR or SQLITE_NOMEM (naming the database file); otherwise store::userMessage(e) as it is.
QString storeErrorText(const std::exception& e);

}  // namespace rwkv::app
