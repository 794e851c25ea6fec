// models/one_line.h — a name from outside (a model's file name, another computer's host name in a lock) as a sentence
// or a row may quote it: on one line, every invisible or direction-changing character written as an escape, and cut to
// a length. Used by ModelManagerController (the local models' rows, the "Not listed" note) and LockHolder::shownHost
// (the download banner's note). Tests: test_model_manager (fileNameWithALineBreakIsShownOnOneLine), test_download_part
// (lockHostIsShownOnOneLine).
#pragma once

#include <QString>

namespace rwkv::models {

/// `text` with each control character written as an escape ("\n", "\r", "\t", else "\u0007"), and so each format
/// character (bidi: U+202E turned the rest of a sentence around), line or paragraph separator, private-use, unassigned
/// or surrogate code point ("\u202e"; "\U000e0001" above U+FFFF); other characters as they are. With maxChars >= 0, at
/// most maxChars UTF-16 units, then "…" when cut, never inside an escape or a character.
QString oneLine(const QString& text, qsizetype maxChars = -1);

}  // namespace rwkv::models
