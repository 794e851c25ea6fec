// conversation_title.h — a conversation's title as one line of plain text, wherever it is shown: the app's sidebar,
// trash, search results, header, undo bar and import banner (ConversationListModel, SearchResultModel,
// LibraryController, BundleImportController: shownTitle); the Markdown heading (oneLineTitle). rwkv-cli's table and
// lines do not use these: since 8a4ae46 they escape controls with terminal_line (app/cli/terminal_text.h). Tested in
// tests/app/test_library_controller.cpp and tests/cli/test_cli_conversations.cpp.
#pragma once

#include <QString>

#include "invisible_format.h"  // withoutInvisibleFormat

namespace rwkv::app {

/// Every control character (newline, tab, ESC and the rest of Unicode category Cc) and line / paragraph separator
/// becomes a space, then runs of white space become one (QString::simplified). An imported bundle can set any title:
/// a newline would break a sidebar row or a table row, and escape codes would reach a terminal raw. Stored titles
/// and JSON output keep the exact text.
QString oneLineTitle(const QString& title);

/// oneLineTitle as the window draws it (the sidebar, header, trash, search results, banners and the window title):
/// with the characters Qt's text items draw as nothing (U+FFFC, half a surrogate pair) as U+FFFD, as the message view
/// draws them (drawableText), and each invisible formatting character but the direction marks (withoutHiddenFormat:
/// the bidi controls, U+200B, U+FEFF, …; U+200E / U+200F / U+061C stay, RTL punctuation needs them) left out. A title holding U+FFFC (an image's place
/// in text copied from a browser) lost it in the header and the sidebar without a mark (session 35's check); one
/// holding U+202E was drawn backwards ("live title" for "\u202eevil\u202c title", session 36's check). Left out,
/// not escaped (session 36 to 38 drew "\u202eevil\u202c title"): what remains is the title's own letters in their own
/// order, so nothing can be turned around, and a row reads "evil title", not backslashes; a title is a label (a
/// sentence quotes it isolated: models::isolated), and nobody needs an override to write one. Stored titles and JSON
/// keep the exact text; the exports' Markdown heading keeps oneLineTitle.
QString shownTitle(const QString& title);

/// A folder name an import could not make (ImportResult::folderRefused) as one line says it, at most `shown`
/// characters (its first ones and "…", never half a surrogate pair or half an escape): rwkv-cli conversations import's
/// stderr line and the window's import banner. A name with nothing to read (holdsNothingToRead: "\u200b" alone,
/// "\u3164", blanks) is each of its characters as an escape ("\u200b"): drawn, it stood as an empty pair of quotes,
/// "" on stderr until 7289014 and “” in the banner until session 52. Any other name is `drawn`, the name as that place
/// draws it (the window's shownTitle; rwkv-cli's with each half of a surrogate pair as U+FFFD).
QString refusedFolderShown(const QString& name, const QString& drawn, qsizetype shown);

/// The longest title a conversation keeps, in characters (UTF-16 units): an import or a rename cuts a longer one. A
/// 900,000-character imported title made every start of the app take 22 s instead of 3 (session 22's trial, F8); the
/// sidebar shows about 30.
inline constexpr int kMaxTitleLength = 200;

/// `title` if it has at most kMaxTitleLength characters, else its first ones and "…" (kMaxTitleLength in all; never
/// half a surrogate pair), with each half of a pair it holds as U+FFFD: the database stored one as "?", so the import
/// banner read "half \uFFFD pair" and the sidebar "half ? pair" (session 36's check). `cut` (if given) says whether it
/// was cut. Used at import and rename.
QString cappedTitle(const QString& title, bool* cut = nullptr);

/// The longest file name, in bytes of UTF-8, that Linux file systems (ext4, btrfs, XFS, tmpfs: NAME_MAX) and macOS
/// take; Windows takes 255 UTF-16 units, never fewer than this many bytes.
inline constexpr int kMaxFileNameBytes = 255;

/// The file name Export… suggests for a conversation titled `title`, ending in `suffix`: the title on one line
/// (oneLineTitle) with each run of characters a file name cannot hold on some system (/ \ : * ? " < > |) made one
/// space, without the "…" (or "...") of a title cut short and without leading dots and spaces (a hidden file), or
/// "conversation" when nothing is left; cut at a character boundary (a whole grapheme: an emoji sequence or an accent
/// stays with its letter) so that the name with `suffix` has at most kMaxFileNameBytes bytes of UTF-8 (a title of 190
/// Chinese characters gave a 579-byte name that no file system takes, and Export failed: session 30's trial, A5).
QString exportFileName(const QString& title, const QString& suffix = QStringLiteral(".rwkvchat"));

}  // namespace rwkv::app
