// terminal_cells.h — a text's width on a terminal, in cells, and a table cell of it: rwkv-cli's `conversations list`
// pads its MODEL column by what the terminal draws, not by characters. Before (session 40's check), a CJK or emoji
// model name (two cells a character) pushed its row's TITLE to the right, and a long name cut inside an escape showed
// "\u20". Widths from a small table of East Asian Wide / Fullwidth ranges and emoji (terminal_cells.cpp), not the C
// library's wcwidth, which answers -1 for every non-ASCII character unless the program has set a UTF-8 locale (and
// rwkv-cli does not, so that its output never depends on one). Tested in tests/cli/test_cli_conversations.cpp.
#pragma once

#include <QString>

#include <string>

namespace rwkv::cli {

/// How many terminal cells `text` takes written by terminal_line's rule (terminal_text.h: a control or bidi character
/// as its escape, "\u202e", one cell a letter), counted as wcwidth counts on a UTF-8 terminal: 2 for a wide character
/// (CJK, Hangul, kana, fullwidth forms, emoji), 0 for a combining mark, a format character (U+200D ZWJ) or a
/// variation selector, else 1. An emoji ZWJ sequence ("👨‍👩‍👧") counts its emoji (6): what xterm, VTE (GNOME
/// Terminal) and Konsole draw; a terminal that draws it as one picture shows 4 spaces more after it.
qsizetype terminalWidth(const QString& text);

/// `text` as a cell of a table column `width` cells wide: terminal_line's text, cut with "…" (1 cell) at a whole
/// escape or character as drawn (a grapheme cluster: an emoji sequence, a letter and its accents) when wider, then
/// spaces to `width` cells. "-" for an empty text.
std::string terminalCell(const QString& text, qsizetype width);

}  // namespace rwkv::cli
