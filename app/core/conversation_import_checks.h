// conversation_import_checks.h — private to conversation_export.cpp and conversation_import_checks.cpp (not a public
// header): the words an import is refused in (ImportError, English and the window's language), the bundle's header
// arithmetic, and the checks of a file before it is parsed that the parser shares.
#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

namespace rwkv::app::import_checks {

inline constexpr qsizetype kHeaderBytes = 32;  ///< a bundle's header: magic, version, flags, JSON and state bytes
inline constexpr qsizetype kHashBytes = 32;    ///< its SHA-256, at its end

/// One piece of a refusal's reason in English (what(), rwkv-cli) and in the window's language (ImportError::reason).
struct Words {
    QString en, local;
};
/// A number or a name from the file: the same in every language.
Words as_is(const QString& s);
Words as_is(qint64 n);
/// `source` (marked for lupdate with QT_TRANSLATE_NOOP("rwkv::app::ImportError", …)), and with %1 (and %2, %3) filled
/// in one pass (a name from the file may itself hold "%1").
Words words(const char* source);
Words words(const char* source, const Words& a);
Words words(const char* source, const Words& a, const Words& b);
Words words(const char* source, const Words& a, const Words& b, const Words& c);
/// Throws ImportError("cannot import: WHY; nothing was imported", why in the window's language).
[[noreturn]] void bad(const Words& why);

/// Refuses a bundle of `size` bytes whose header's lengths (its JSON part, its state part) do not add up to it:
/// "its header says its JSON part is N bytes, more than the whole file (SIZE bytes)" where one part alone is larger
/// than the file, checked before any sum (a damaged length near 2^63 was added up and said as "9223372036854776791",
/// session 54's trial), else "the bundle is truncated or has extra bytes (SIZE bytes, its header says EXPECTED)".
void refuseIfLengthsDisagree(qint64 size, quint64 jsonBytes, quint64 stateBytes);

/// `bytes` without a UTF-8 byte order mark before them (a JSON export saved by Windows Notepad).
QByteArray withoutBom(const QByteArray& bytes);
/// Refuses a file that is neither a bundle nor a JSON export, saying what it is where its first bytes tell.
[[noreturn]] void refuseNeitherBundleNorJson(const QByteArray& head);

}  // namespace rwkv::app::import_checks
