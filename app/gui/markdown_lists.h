// markdown_lists.h — what Qt 6.4's Markdown reader loses from a reply, put back: an ordered list shows the number its
// author started it at ("6. foo" shows 6., not 1.), and a single line break stays a line break (markLineBreaks).
// Qt 6.4's Markdown reader (QTextMarkdownImporter) drops md4c's start number (QTextListFormat has no start before
// Qt 6.6), so every ordered list in a reply counted from 1. showListStarts() puts the author's numbers back into a
// document Qt has read; the MarkdownLists singleton of RwkvDesktop.Core calls it for a TextEdit (MarkdownSegment.qml),
// and opens the edit block that has such a TextEdit lay out each new text once (beginEdit).
// Tested in tests/app/test_markdown_lists.cpp.
#pragma once

#include <QList>
#include <QObject>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <QVariantList>

class QTextDocument;

namespace rwkv::gui {

/// For each ordered list of `doc` — a document that QTextDocument::setMarkdown (a TextEdit with MarkdownText) made
/// from `markdown` — whose first item the author numbered S != 1 and that Qt numbers from 1: its items become
/// paragraphs that begin with their numbers as text ("6. ", "7. ", the list's delimiter kept), hung in the margin
/// where Qt draws a list's numbers (same indent, so they look as Qt's own list would). Qt versions that keep the start
/// number are left as they are. The start numbers are read from a second parse of `markdown` in which each item's
/// text begins with its number; when that parse's blocks do not pair with `doc`'s one to one, nothing changes.
/// Costs nothing for a text without an ordered item numbered other than 1. Returns how many lists were renumbered.
int showListStarts(QTextDocument* doc, const QString& markdown);

/// Marks each line break of `markdown` that Markdown would read as a soft break (a line of a paragraph followed by
/// another; md4c, like CommonMark, shows it as a space) so that showLineBreaks() can make it a line break in the
/// document Qt reads from the result: poems, addresses and one-per-line lists written by a chat model (RWKV writes a
/// single "\n" between lines) keep their lines, as chat apps show them. (Markdown's own hard break, two blanks or a
/// '\' at the line's end, is no help: Qt 6.4 makes it a new paragraph, and in a list a new item with its own bullet.)
/// The mark, " " + U+2000 (an en quad: Unicode white space to md4c, so emphasis, code spans and autolinks end at it
/// as they end at a line's end), is added at the end of every line that is followed by a non-blank line, except lines
/// whose end carries meaning: a line with a '|' (a table row), one of only '-', '=', '*', '_', ':' and blanks (an
/// underline, a rule, a table's delimiter row), a fence line (``` or ~~~), a link definition ("[x]: url") and a line
/// already ending in a hard break. Block structure is unchanged: the mark never starts a line. `markdown` that holds
/// U+2000 already is returned as it is.
QString markLineBreaks(const QString& markdown);

/// In `doc` — read from markLineBreaks(`markdown`) — each mark followed by a blank (a soft break Qt turned into a
/// space) becomes a line break inside its paragraph (U+2028, so a list item stays one item) and each other mark (at
/// the end of a block: a heading, a list item, a code line) is removed, with the blanks before it. Nothing changes
/// when `markdown` (the text before marking) holds U+2000. Returns how many line breaks were made.
int showLineBreaks(QTextDocument* doc, const QString& markdown);

/// Puts `gap` pixels above each paragraph of `doc` but its first — a paragraph, a heading, a quote, a list as a whole
/// or a code block after another — and none between the items of a list (nested lists included; the items
/// showListStarts() renumbered count as items). A list right after another (a bullet list, then a numbered one: two
/// lists to Markdown) has the gap above it, as GitHub shows them apart (before session 26 they ran on as one list:
/// session 26's trial, N5). Qt 6.4's Markdown reader spaces its paragraphs by two thirds of the default font's point
/// size, which is -1 for a font set in pixels (every TextEdit of the app): a reply's paragraphs ran together with
/// nothing between them (session 23's trial, T11). Lines kept by showLineBreaks() are inside one paragraph: no gap.
/// The empty lines where a table begins or ends get no margins (tables: spaceTables). Returns how many blocks have a
/// gap above them.
int spaceParagraphs(QTextDocument* doc, qreal gap);

/// After spaceParagraphs(): puts `gap` pixels above each table of `doc` as a whole (its frame's top margin; none at
/// the document's top) and none above its cells' lines, which spaceParagraphs spaced as paragraphs; and removes the
/// empty line Qt 6.4's Markdown reader puts at the top of a table's first cell after a code block or a quote (the
/// first header a line lower than the others). Before session 26 a table touched the line above it (session 26's
/// trial, N5). QTextDocument finds its tables only outside an edit block: call it after the one a text was read in.
/// Returns how many tables have a gap above them.
int spaceTables(QTextDocument* doc, qreal gap);

/// Where the bars at the left of `doc`'s quotes go, in document coordinates, `barWidth` wide: one per quote and level
/// (a nested quote has its own, right of its parent's), from the top of the quote's first block to the bottom of its
/// last, left of its text, a quarter of a level's indent in. Qt's rich text draws no border at a block's side, so
/// MarkdownSegment.qml draws these over its text (before session 26 a quote was only indented: the trial's F11).
/// Reads the blocks' QTextFormat::BlockQuoteLevel (set by Qt's Markdown reader) and needs `doc` laid out. Empty for a
/// document without a quote.
QList<QRectF> quoteBars(QTextDocument* doc, qreal barWidth);

/// Gives the fixed-pitch text of `doc` — inline `code` spans and indented code that Qt's Markdown reader set in its
/// one fixed font, "monospace" — the font families `families` (Theme.monoFamilies: the interface language's Noto Sans
/// Mono CJK face first, han_fonts.h), so that Han in code is drawn in that language's forms: with "monospace" alone
/// fontconfig picked the face for the system's locale, Simplified Chinese forms in 日本語 on a zh_CN system (session
/// 49). An empty `families` leaves the text as the reader set it. Returns how many runs of text were given them.
int setCodeFamilies(QTextDocument* doc, const QStringList& families);

/// The QML singleton "MarkdownLists".
class MarkdownLists : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    /// What openLink() did with a clicked link.
    enum LinkOutcome {
        Opened,          ///< handed to the desktop, which took it
        CopiedNotWeb,    ///< not a web or mail link: copied, not opened
        CopiedUnopened,  ///< a web or mail link no program opened (no browser, no xdg-open): copied instead
    };
    Q_ENUM(LinkOutcome)
    /// showListStarts() on a TextEdit's `textDocument` (a QQuickTextDocument); 0 for anything else.
    Q_INVOKABLE int showStarts(QObject* textDocument, const QString& markdown) const;
    /// markLineBreaks() then markTags() (markdown_inert.h), for the text a TextEdit is given.
    Q_INVOKABLE QString markBreaks(const QString& markdown) const;
    /// renderMath() (app/core/math_text.h): the TeX math spans of a prose part as Unicode text, before markBreaks.
    Q_INVOKABLE QString showMath(const QString& markdown) const;
    /// showTagsAndImages() (markdown_inert.h) on a TextEdit's `textDocument`, first after its text is read; 0 for
    /// anything else.
    Q_INVOKABLE int showInert(QObject* textDocument) const;
    /// tintLinks() (markdown_inert.h) on a TextEdit's `textDocument`: its links in `color`; 0 for anything else.
    Q_INVOKABLE int tintLinks(QObject* textDocument, const QColor& color) const;
    /// showLineBreaks() on a TextEdit's `textDocument`; 0 for anything else.
    Q_INVOKABLE int showBreaks(QObject* textDocument, const QString& markdown) const;
    /// spaceParagraphs() on a TextEdit's `textDocument`; 0 for anything else.
    Q_INVOKABLE int spaceBlocks(QObject* textDocument, qreal gap) const;
    /// setCodeFamilies() on a TextEdit's `textDocument`; 0 for anything else.
    Q_INVOKABLE int codeFamilies(QObject* textDocument, const QStringList& families) const;
    /// quoteBars() of a TextEdit's `textDocument` (rects); empty for anything else.
    Q_INVOKABLE QVariantList quoteBarsOf(QObject* textDocument, qreal barWidth) const;
    /// spaceTables() on a TextEdit's `textDocument` (after endEdit); 0 for anything else.
    Q_INVOKABLE int spaceTableBlocks(QObject* textDocument, qreal gap) const;
    /// Around setting a Markdown TextEdit's text: its document is laid out once, at endEdit, instead of after each
    /// piece of text Qt 6.4's Markdown reader inserts (it opens no edit block, and a TextEdit's document lays out the
    /// paragraph it grows at every insert: thousands of short lines or emphasis runs in one paragraph cost a time
    /// that grows with the square of their number — 8 s for 2,000 one-letter lines in one 4 K piece). beginEdit
    /// returns false (and endEdit must not be called) for anything but a QQuickTextDocument.
    Q_INVOKABLE bool beginEdit(QObject* textDocument) const;
    Q_INVOKABLE void endEdit(QObject* textDocument) const;
    /// A link clicked in a reply: opened by the desktop (browser, mail program) when opensOnTheDesktop()
    /// (markdown_inert.h) says so (Opened); else put on the clipboard, not opened (CopiedNotWeb). A web link the
    /// desktop did not open (QDesktopServices::openUrl false: no browser, no xdg-open) is copied too
    /// (CopiedUnopened); before (session 32's brief) such a click did nothing, without a word. The caller says which.
    Q_INVOKABLE rwkv::gui::MarkdownLists::LinkOutcome openLink(const QString& link) const;
};

/// Registers MarkdownLists as the singleton "MarkdownLists" of RwkvDesktop.Core (made by the engine).
void registerMarkdownLists();

}  // namespace rwkv::gui
