// drawable_text.h — a message's text as the chat view hands it to Qt to draw, where a few characters that Qt's text
// items do not draw as characters, or that turn the text around them, are swapped for U+FFFD (the replacement
// character). The stored text, Copy, export
// and search keep the original; only what the view draws changes, one UTF-16 unit for one, so positions and lengths
// (pieces, selections, the wrapped-line estimate) stay the same. Tested in tests/app/test_message_segments.cpp.
#pragma once

#include <QString>

namespace rwkv::app {

/// The character drawn in place of each one drawableText() swaps: U+FFFD, in every font the app draws with and
/// meaning "a character that cannot be shown here" — true of an image placeholder whose image is not in the text.
inline constexpr char16_t kDrawnInstead = 0xFFFD;

/// `text` with each of these characters as kDrawnInstead:
///  * U+FFFC (object replacement: browsers and Word put it where an image was in copied text; a token of the World
///    vocabulary). Qt 6.4's TextEdit (QQuickTextNodeEngine) draws the whole run of same-format text that holds one as
///    an inline object — nothing: a user's message showed an empty bubble, a reply's paragraph lost everything from
///    it on (session 35's trial);
///  * U+0000: Text.StyledText (the search results' snippets) stops reading at it, the rest not drawn;
///  * half a surrogate pair (a bad split): the Markdown reader drops it where the plain text draws U+FFFD;
///  * the other control characters (C0 but tab, line feed and carriage return; U+007F…U+009F): ESC (U+001B, a
///    terminal's colour codes pasted or written by a model) drew as an empty box, and Qt draws none of them as what
///    it is (the fonts the app draws with have no control pictures, U+241B "␛", either);
///  * the bidi embeddings, overrides and isolates (isBidiControl, bidi_control.h: the rule the titles use): U+202E in
///    a message turned the rest of its line around ("\u202eevil" drew "live"), a reply's or a pasted text's hidden
///    formatting deciding what the user reads (session 39's check). Shown, not left out as a title's are: a message is
///    read and copied as it is, and its Copy (the stored text) carries the control, which turns the text around where
///    it is pasted (an editor, a terminal); the mark says it is there. A message's own direction still comes from its
///    letters (an Arabic or Hebrew paragraph reads right to left), and the marks U+200E / U+200F / U+061C stay.
/// U+2028 / U+2029 (line / paragraph separators) and the rest are drawn (a line break for those two) and stay.
QString drawableText(QString text);

}  // namespace rwkv::app
