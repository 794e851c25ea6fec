// markdown_lists.h — an ordered Markdown list shows the number its author started it at ("6. foo" shows 6., not 1.).
// Qt 6.4's Markdown reader (QTextMarkdownImporter) drops md4c's start number (QTextListFormat has no start before
// Qt 6.6), so every ordered list in a reply counted from 1. showListStarts() puts the author's numbers back into a
// document Qt has read; the MarkdownLists singleton of RwkvDesktop.Core calls it for a TextEdit (MarkdownSegment.qml),
// and opens the edit block that has such a TextEdit lay out each new text once (beginEdit).
// Tested in tests/app/test_markdown_lists.cpp.
#pragma once

#include <QObject>
#include <QString>

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

/// The QML singleton "MarkdownLists".
class MarkdownLists : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    /// showListStarts() on a TextEdit's `textDocument` (a QQuickTextDocument); 0 for anything else.
    Q_INVOKABLE int showStarts(QObject* textDocument, const QString& markdown) const;
    /// Around setting a Markdown TextEdit's text: its document is laid out once, at endEdit, instead of after each
    /// piece of text Qt 6.4's Markdown reader inserts (it opens no edit block, and a TextEdit's document lays out the
    /// paragraph it grows at every insert: thousands of short lines or emphasis runs in one paragraph cost a time
    /// that grows with the square of their number — 8 s for 2,000 one-letter lines in one 4 K piece). beginEdit
    /// returns false (and endEdit must not be called) for anything but a QQuickTextDocument.
    Q_INVOKABLE bool beginEdit(QObject* textDocument) const;
    Q_INVOKABLE void endEdit(QObject* textDocument) const;
};

/// Registers MarkdownLists as the singleton "MarkdownLists" of RwkvDesktop.Core (made by the engine).
void registerMarkdownLists();

}  // namespace rwkv::gui
