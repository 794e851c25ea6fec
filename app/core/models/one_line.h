// models/one_line.h — a name from outside (a model's file name, another computer's host name in a lock) as a sentence
// or a row may quote it: on one line, every invisible or direction-changing character written as an escape, and cut to
// a length. Used by ModelManagerController (the local models' rows, the "Not listed" note) and LockHolder::shownHost
// (the download banner's note). Tests: test_model_manager (fileNameWithALineBreakIsShownOnOneLine), test_download_part
// (lockHostIsShownOnOneLine). Also `isolated`, the form every name from outside takes inside a sentence of the app's
// banners and dialogs (BundleImportController, ChatController, LibraryController for QML).
#pragma once

#include <QString>

namespace rwkv::models {

/// `text` with each control character written as an escape ("\n", "\r", "\t", else "\u0007"), and so each format
/// character (bidi: U+202E turned the rest of a sentence around), line or paragraph separator, private-use, unassigned
/// or surrogate code point ("\u202e"; "\U000e0001" above U+FFFF); other characters as they are. But a U+200D ZERO
/// WIDTH JOINER inside an emoji sequence ("👩‍💻", "👨‍👩‍👧": the joiner between two emoji, UAX #29 GB11) stays as it is:
/// a model file named with one read "\U0001f469\u200d\U0001f4bb" where a file manager shows one picture (session 40's
/// check); it turns and hides nothing. With maxChars >= 0, at most maxChars UTF-16 units, then "…" when cut, never
/// inside an escape or a character.
QString oneLine(const QString& text, qsizetype maxChars = -1);

/// `name` (a conversation's title, a file's name or path) as a sentence quotes it: between U+2068 FIRST STRONG ISOLATE
/// and U+2069 POP DIRECTIONAL ISOLATE (Unicode UAX #9, X5c / X6a), so that its own direction stays inside it. A Hebrew
/// or Arabic title in "Imported “…” (2 messages)." otherwise took the words and the number after it into its right-to-
/// left run, and the sentence read out of order (session 32's trial). The isolate controls U+2066…U+2069 in `name` are
/// left out: a stray U+2069 would end the isolate early, an unclosed U+2066 would take the closing one. Embeddings and
/// overrides (U+202A…U+202E) in `name` end at the closing U+2069 (X6a). Empty for an empty `name`.
QString isolated(const QString& name);

/// `name` from outside (a file's name or path, an engine's or another program's words about it) as a sentence quotes
/// it: isolated(oneLine(name, maxChars)) — on one line, no control of its own left in it, cut to maxChars (>= 0), its
/// direction kept inside it. Import from disk's sentences (model_manager_import.cpp) quote the file's name and the
/// engine's words so; a name with a line break, a U+202E or 250 bytes of letters read raw there until session 44.
QString isolatedOneLine(const QString& name, qsizetype maxChars = -1);

/// A file's or folder's path as a sentence quotes it: isolatedOneLine(QDir::toNativeSeparators(path)), whole. The
/// Models page's folder notes, Import from disk's and the downloads' sentences (session 44: they quoted it raw).
QString isolatedPath(const QString& path);

}  // namespace rwkv::models
