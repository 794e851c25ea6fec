// markdown_inert.h — a reply's Markdown read by Qt 6.4 as text only: raw HTML stays text and an image loads nothing.
// Qt 6.4's TextEdit.MarkdownText reads with the GitHub dialect, raw HTML on, and QQuickTextEdit offers no way to ask
// for QTextDocument::MarkdownNoHTML (setMarkdown's features; QQuickTextDocument has only textDocument() before 6.7).
// With HTML on, md4c passes "<int>" or "<br>" in prose to Qt's HTML importer, which swallowed the rest of the piece
// (session 30's trial, A1); an image ![x](url) was loaded by the document's layout on the GUI thread — a named pipe's
// open() froze the app for good, a 1 GB file was read whole, an http address fetched each time (A6, A2). So the text
// is prepared before Qt reads it (markTags) and the document fixed after, before it is laid out (showTagsAndImages:
// MarkdownSegment.qml calls both inside MarkdownLists.beginEdit's edit block, where nothing is laid out).
// Links: only web and mail links are opened (opensOnTheDesktop). Tested in tests/app/test_markdown_inert.cpp.
#pragma once

#include <QColor>
#include <QString>

class QTextDocument;

namespace rwkv::gui {

/// Deepest quote level drawn as such: deeper levels are shown at this level (3,000 nested ">" drew their bars and
/// indents past the bubble, the text out of sight: session 30's trial, N1).
inline constexpr int kMaxQuoteLevel = 8;

/// `markdown` with a mark (U+2060, word joiner) after each '<' that md4c could read as the start of raw HTML (a '<'
/// followed by a letter, '/', '!' or '?'), so that md4c reads it as text: "std::vector<int>", "the <br> tag",
/// "<script>" are shown as written. Autolinks ("<https://…>", "<a@b.org>") and a link's "<…>" destination ("](<"
/// or "]: <") are left as they are: they stay links. An image's empty alt text "![]" gets the mark too (Qt 6.4 leaves
/// such an image out of the document: it is to be shown by its address). Code spans get marks too
/// (showTagsAndImages removes every one).
QString markTags(const QString& markdown);

/// In `doc`, read by Qt from markTags()'s text, before it is laid out: removes the marks; each image
/// becomes its alt text (its address when it has none) as a link to its address, so that nothing is ever loaded for
/// it (the user may click it as any link); blocks quoted deeper than kMaxQuoteLevel are put at that level. Returns
/// how many images were replaced.
int showTagsAndImages(QTextDocument* doc);

/// In `doc`: the text of every link (an anchor with an address) drawn in `color`, the theme's link colour. Qt 6.4's
/// Markdown reader colours links with the application palette's (pure blue: 1.6:1 on the dark theme's bubbles, session
/// 32's check). Returns how many link fragments it recoloured (0 when all had `color` already).
int tintLinks(QTextDocument* doc, const QColor& color);

/// Whether a link clicked in a reply may be handed to the desktop (QDesktopServices::openUrl): an http or https
/// address with a host, or a mailto address; the scheme in any case. Any other link — file://, smb://, javascript:,
/// a custom scheme's handler, a relative or unreadable address — was written by the model or by whoever sent an
/// imported chat and is not opened (MarkdownLists::openLink copies it instead; before session 30 one click handed it
/// to xdg-open).
bool opensOnTheDesktop(const QString& link);

}  // namespace rwkv::gui
