// terminal_text.h — model text (a chat reply, a generation) as rwkv-cli writes it to stdout in its human output: every
// control character but a line break and a tab, and every bidi control, as an escape ("\u001b", "\u202e"), so that
// no text moves the cursor, recolours or retitles the terminal, writes its clipboard (ESC ] 52) or turns a line
// around. --json keeps the exact text (JSON escapes). terminal_line: the same for one line (a path in an error, a title
// in a table). Tested in tests/cli/test_terminal_text.cpp.
#pragma once

#include <string>
#include <string_view>

namespace rwkv::cli {

/// Escapes streamed UTF-8, piece by piece as it comes (a piece may end inside a character or between "\r" and "\n").
/// Escaped: C0 controls but "\n" and "\t" (ESC as "\u001b"), DEL, the C1 controls U+0080…U+009F, a "\r" not followed
/// by "\n" ("\r", which would go back over the line), and the bidi controls (rwkv::app::isBidiControl). Everything
/// else, bytes that are not UTF-8 included, is written as it came.
class TerminalText {
public:
    /// The text of `utf8` that can be written now; a last byte or two that may begin an escaped character wait.
    std::string feed(std::string_view utf8);
    /// What still waits at the end of the text (a lone "\r" as "\r" escaped), written as it is.
    std::string finish();

private:
    std::string pending_;
};

/// `utf8` (a path, a file or model name, a title, an error message: text from outside) as one line of rwkv-cli's
/// output: TerminalText's escapes, and a line break or a tab as "\n" / "\t" too, so that the text can neither drive the
/// terminal nor break the line or the table row it is in. The one rule for every path, name and stored text rwkv-cli
/// writes to stdout or stderr outside --json (which keeps the exact text): main.cpp's error lines, the messages that
/// name a file, and `conversations list`'s MODEL and TITLE columns.
std::string terminal_line(std::string_view utf8);

}  // namespace rwkv::cli
