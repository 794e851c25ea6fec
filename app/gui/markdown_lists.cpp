// markdown_lists.cpp — see markdown_lists.h.
#include "markdown_lists.h"

#include "markdown_inert.h"
#include "math_text.h"

#include <algorithm>

#include <QAbstractTextDocumentLayout>
#include <QClipboard>
#include <QDesktopServices>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QHash>
#include <QList>
#include <QQmlEngine>
#include <QQuickTextDocument>
#include <QRegularExpression>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextLayout>
#include <QTextList>
#include <QTextTable>
#include <QUrl>

namespace rwkv::gui {
namespace {

/// An ordered list item's first line (CommonMark: at most 9 digits, "." or ")", blanks, then its text), also inside
/// block quotes and other lists. Group 2 is the number; the item's text starts where the match ends.
const QRegularExpression& itemLine() {
    static const QRegularExpression re(QStringLiteral(R"(^((?:[ \t]*>)*[ \t]*)(\d{1,9})([.)])([ \t]+)(?=\S))"),
                                       QRegularExpression::MultilineOption);
    return re;
}

/// Stands before and after the number written into an item's text for the second parse (a private-use character).
constexpr QChar kMark(0xE000);

bool ordered(const QTextList* list) { return list && list->format().style() <= QTextListFormat::ListDecimal; }

/// The author's first number of each ordered list of `doc`, read from `marked` (the same Markdown with each item's
/// number written at the start of its text). Empty when the two parses do not pair block for block.
QHash<QTextList*, int> startNumbers(QTextDocument* doc, const QString& marked) {
    QTextDocument scratch;
    scratch.setMarkdown(marked);
    if (scratch.blockCount() != doc->blockCount()) return {};
    QHash<QTextList*, int> starts;
    for (QTextBlock a = doc->begin(), b = scratch.begin(); a.isValid() && b.isValid(); a = a.next(), b = b.next()) {
        QTextList* list = a.textList();
        const QTextList* seen = b.textList();
        if (!list != !seen || (list && list->itemNumber(a) != seen->itemNumber(b))) return {};
        if (!ordered(list) || list->itemNumber(a) != 0) continue;
        const QString text = b.text();
        const qsizetype close = text.indexOf(kMark, 1);
        if (!text.startsWith(kMark) || close < 0) continue;
        bool ok = false;
        const int start = QStringView(text).mid(1, close - 1).toInt(&ok);
        if (ok) starts.insert(list, start);
    }
    return starts;
}

/// On an item writeNumbers made a paragraph: which renumbered list of the document it belongs to (1, 2, …), so that
/// spaceParagraphs tells two lists apart when one or both are no QTextList any more.
constexpr int kRenumberedList = QTextFormat::UserProperty + 1;

/// Turns `list`'s items into paragraphs that begin with their numbers from `start` on, hung in the list's margin;
/// `id` marks them as one list (kRenumberedList).
void writeNumbers(QTextDocument* doc, QTextList* list, int start, int id, QTextCursor& cursor) {
    const QTextListFormat format = list->format();
    const QString prefix = format.hasProperty(QTextFormat::ListNumberPrefix) ? format.numberPrefix() : QString();
    const QString suffix =
        format.hasProperty(QTextFormat::ListNumberSuffix) ? format.numberSuffix() : QStringLiteral(".");
    const QFontMetricsF metrics(doc->defaultFont());
    QList<QTextBlock> items;
    for (int i = 0; i < list->count(); ++i) items << list->item(i);
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QTextBlock& block = items[i];
        // Qt draws a list's number a space's width left of the item's text: the same place.
        const QString label = prefix + QString::number(qint64(start) + i) + suffix + u' ';
        list->remove(block);  // the block keeps the list's indent
        QTextBlockFormat blockFormat = block.blockFormat();
        blockFormat.setTextIndent(-metrics.horizontalAdvance(label));
        blockFormat.setProperty(kRenumberedList, id);
        cursor.setPosition(block.position());
        cursor.setBlockFormat(blockFormat);
        cursor.insertText(label, QTextCharFormat());
    }
}

}  // namespace

int showListStarts(QTextDocument* doc, const QString& markdown) {
    if (!doc) return 0;
    bool needed = false;  // an item numbered other than 1 (the common text has none: no second parse)
    for (auto it = itemLine().globalMatch(markdown); it.hasNext() && !needed;)
        needed = it.next().capturedView(2).toInt() != 1;
    if (!needed) return 0;

    QString marked;
    qsizetype from = 0;
    for (auto it = itemLine().globalMatch(markdown); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        marked += QStringView(markdown).mid(from, m.capturedEnd() - from);
        marked += kMark + QString::number(m.capturedView(2).toInt()) + kMark;
        from = m.capturedEnd();
    }
    marked += QStringView(markdown).mid(from);

    const QHash<QTextList*, int> starts = startNumbers(doc, marked);
    QList<std::pair<QTextList*, int>> wrong;  // lists Qt numbers from 1 that the author started elsewhere
    for (auto it = starts.cbegin(); it != starts.cend(); ++it) {
        if (it.value() == 1 || it.key()->count() == 0) continue;
        const QTextListFormat f = it.key()->format();
        const QString suffix = f.hasProperty(QTextFormat::ListNumberSuffix) ? f.numberSuffix() : QStringLiteral(".");
        if (it.key()->itemText(it.key()->item(0)) != f.numberPrefix() + QString::number(it.value()) + suffix)
            wrong << std::pair{it.key(), it.value()};
    }
    if (wrong.isEmpty()) return 0;

    const bool undo = doc->isUndoRedoEnabled();
    doc->setUndoRedoEnabled(false);  // a read-only view's document: nothing to undo
    QTextCursor cursor(doc);
    cursor.beginEditBlock();
    int id = 0;
    for (const auto& [list, start] : wrong) writeNumbers(doc, list, start, ++id, cursor);
    cursor.endEditBlock();
    doc->setUndoRedoEnabled(undo);
    return int(wrong.size());
}

namespace {

constexpr QChar kBreakMark(0x2000);  // en quad: see markLineBreaks

/// A line whose end carries Markdown meaning (markLineBreaks' exceptions).
bool endMatters(QStringView line) {
    const QStringView t = line.trimmed();
    if (t.contains(u'|') || t.startsWith(u"```") || t.startsWith(u"~~~")) return true;
    if (line.endsWith(u'\\') || line.endsWith(u"  ")) return true;
    if (t.startsWith(u'[') && t.contains(u"]:")) return true;
    return std::all_of(t.begin(), t.end(), [](QChar c) { return QStringView(u"-=*_: \t").contains(c); });
}

}  // namespace

QString markLineBreaks(const QString& markdown) {
    if (markdown.contains(kBreakMark) || !markdown.contains(u'\n')) return markdown;
    QString out;
    out.reserve(markdown.size() + markdown.size() / 8);
    qsizetype from = 0;
    bool lineBlank = QStringView(markdown).first(markdown.indexOf(u'\n')).trimmed().isEmpty();  // the line at `from`
    for (;;) {
        const qsizetype end = markdown.indexOf(u'\n', from);
        if (end < 0) {
            out += QStringView(markdown).mid(from);
            break;
        }
        const QStringView line = QStringView(markdown).mid(from, end - from);
        qsizetype nextEnd = markdown.indexOf(u'\n', end + 1);
        if (nextEnd < 0) nextEnd = markdown.size();
        const bool nextBlank = QStringView(markdown).mid(end + 1, nextEnd - end - 1).trimmed().isEmpty();
        out += line;
        if (!lineBlank && !nextBlank && !endMatters(line)) {
            out += u' ';
            out += kBreakMark;
        }
        out += u'\n';
        from = end + 1;
        lineBlank = nextBlank;
    }
    return out;
}

int showLineBreaks(QTextDocument* doc, const QString& markdown) {
    if (!doc || markdown.contains(kBreakMark) || doc->find(QString(kBreakMark)).isNull()) return 0;
    const bool undo = doc->isUndoRedoEnabled();
    doc->setUndoRedoEnabled(false);  // a read-only view's document: nothing to undo
    int breaks = 0;
    QTextCursor cursor(doc);
    cursor.beginEditBlock();
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
        const QString text = block.text();
        for (qsizetype i = text.lastIndexOf(kBreakMark); i >= 0; i = i > 0 ? text.lastIndexOf(kBreakMark, i - 1) : -1) {
            qsizetype start = i;  // the blanks before it too (the line's own end blanks: Markdown drops them)
            while (start > 0 && text[start - 1] == u' ') --start;
            const bool soft = i + 1 < text.size() && text[i + 1] == u' ';
            cursor.setPosition(block.position() + int(start));
            cursor.setPosition(block.position() + int(i + (soft ? 2 : 1)), QTextCursor::KeepAnchor);
            if (soft) {
                cursor.insertText(QString(QChar::LineSeparator));
                ++breaks;
            } else {
                cursor.removeSelectedText();
            }
        }
    }
    cursor.endEditBlock();
    doc->setUndoRedoEnabled(undo);
    return breaks;
}

namespace {

/// The list a block is an item of: its QTextList, or the list writeNumbers made paragraphs of (a negative text indent,
/// kRenumberedList); both empty for a block that is no item. `indent`: its nesting level (1 = outermost).
struct ListOf {
    const QTextList* list = nullptr;
    int renumbered = 0;
    int indent = 0;
    bool isItem() const { return list || renumbered; }
    bool operator==(const ListOf& o) const { return list == o.list && renumbered == o.renumbered; }
};

ListOf listOf(const QTextBlock& b) {
    if (const QTextList* list = b.textList()) return {list, 0, list->format().indent()};
    const QTextBlockFormat f = b.blockFormat();
    if (f.textIndent() < 0) return {nullptr, f.intProperty(kRenumberedList), f.indent()};
    return {};
}

/// A line of a code block, fenced or indented: Qt reads each line as a block of its own.
bool isCode(const QTextBlock& b) {
    const QTextBlockFormat f = b.blockFormat();
    return f.hasProperty(QTextFormat::BlockCodeFence) || f.hasProperty(QTextFormat::BlockCodeLanguage) ||
           f.nonBreakableLines();
}

/// `b` with `top` pixels above it and none below.
void setMargins(QTextCursor& cursor, const QTextBlock& b, qreal top) {
    QTextBlockFormat format = b.blockFormat();
    if (format.topMargin() == top && format.bottomMargin() == 0) return;
    format.setTopMargin(top);
    format.setBottomMargin(0);
    cursor.setPosition(b.position());
    cursor.setBlockFormat(format);
}

/// Removes the empty line Qt 6.4's Markdown reader puts at the top of a table's first cell when the table follows a
/// code block or a quote (the header's first cell a line lower than the others, and not bold: the reader set the
/// header's bold on the empty line).
void dropEmptyCellLines(QTextTable* table, QTextCursor& cursor) {
    for (int row = 0; row < table->rows(); ++row) {
        for (int column = 0; column < table->columns(); ++column) {
            const QTextTableCell cell = table->cellAt(row, column);
            const QTextBlock first = cell.firstCursorPosition().block();
            const QTextBlock next = first.next();
            if (!first.text().isEmpty() || !next.isValid() || next.position() > cell.lastPosition()) continue;
            cursor.setPosition(next.position());
            cursor.setPosition(next.position() + next.length() - 1, QTextCursor::KeepAnchor);
            cursor.mergeCharFormat(first.charFormat());  // a header's bold
            cursor.setPosition(first.position());
            cursor.setBlockFormat(next.blockFormat());  // the merged line keeps the cell's own (its alignment)
            cursor.setPosition(next.position(), QTextCursor::KeepAnchor);
            cursor.removeSelectedText();
        }
    }
}

}  // namespace

int spaceParagraphs(QTextDocument* doc, qreal gap) {
    if (!doc) return 0;
    int spaced = 0;
    QTextCursor cursor(doc);
    cursor.beginEditBlock();
    QList<ListOf> listsOfTheRun;  // the lists of the items since the last block that is no item or a list's first
    QTextBlock previous;  // the last block with content (the empty lines that stand where a table begins or ends
                          // are skipped)
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
        if (block.text().isEmpty() && !isCode(block) && !block.textList()) {
            setMargins(cursor, block, 0);
            continue;
        }
        // Items of one list, nested lists included, stay together; a list after another (a bullet list, then a
        // numbered one) has a gap above it, as a paragraph has.
        const ListOf item = listOf(block), before = previous.isValid() ? listOf(previous) : ListOf{};
        const bool sameList = item.isItem() && before.isItem() &&
                              (item.indent > before.indent || listsOfTheRun.contains(item));
        const bool together = previous.isValid() && (sameList || (isCode(previous) && isCode(block)));
        if (!sameList) listsOfTheRun.clear();
        if (item.isItem() && !listsOfTheRun.contains(item)) listsOfTheRun << item;
        const qreal top = !previous.isValid() || together ? 0 : gap;
        spaced += top > 0;
        setMargins(cursor, block, top);
        previous = block;
    }
    cursor.endEditBlock();
    return spaced;
}

int spaceTables(QTextDocument* doc, qreal gap) {
    if (!doc) return 0;
    QList<QTextTable*> tables;  // Qt's Markdown reader puts them in the root frame
    for (QTextFrame* frame : doc->rootFrame()->childFrames())
        if (auto* table = qobject_cast<QTextTable*>(frame)) tables << table;
    if (tables.isEmpty()) return 0;
    int spaced = 0;
    QTextCursor cursor(doc);
    cursor.beginEditBlock();
    for (QTextTable* table : tables) {
        dropEmptyCellLines(table, cursor);
        const QTextBlock first = doc->findBlock(table->firstPosition());
        for (QTextBlock b = first; b.isValid() && b.position() <= table->lastPosition(); b = b.next())
            setMargins(cursor, b, 0);
        // The line before the table, unless it is the document's empty first one (where a table at the top begins).
        const QTextBlock above = first.previous();
        const qreal top = above.isValid() && (above != doc->begin() || !above.text().isEmpty()) ? gap : 0;
        spaced += top > 0;
        QTextTableFormat format = table->format();
        if (format.topMargin() == top && format.bottomMargin() == 0) continue;
        format.setTopMargin(top);
        format.setBottomMargin(0);
        table->setFormat(format);
    }
    cursor.endEditBlock();
    return spaced;
}

QList<QRectF> quoteBars(QTextDocument* doc, qreal barWidth) {
    QList<QRectF> bars;
    if (!doc) return bars;
    QAbstractTextDocumentLayout* const layout = doc->documentLayout();
    QList<qsizetype> open;  // open[k]: the bar of quote level k + 1 that the block before this one has
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
        const QTextBlockFormat format = b.blockFormat();
        const int level = format.intProperty(QTextFormat::BlockQuoteLevel);
        open.resize(std::min<qsizetype>(open.size(), level));  // the quotes this block is not in are over
        if (level <= 0 || !b.layout() || b.layout()->lineCount() == 0) continue;
        const QRectF rect = layout->blockBoundingRect(b);
        const qreal textLeft = b.layout()->position().x() + b.layout()->lineAt(0).x();
        const qreal indent = format.leftMargin() + format.indent() * doc->indentWidth();
        const qreal step = indent > 0 ? indent / level : 40;  // Qt's reader indents each level by the same
        for (int k = 0; k < level; ++k) {
            if (k < open.size()) {  // the quote goes on: its bar down to this block's end
                bars[open[k]].setBottom(rect.bottom());
                continue;
            }
            const qreal x = textLeft - indent + k * step + step / 4;
            bars << QRectF(x, rect.top(), barWidth, rect.height());
            open << bars.size() - 1;
        }
    }
    return bars;
}

int MarkdownLists::spaceBlocks(QObject* textDocument, qreal gap) const {
    auto* document = qobject_cast<QQuickTextDocument*>(textDocument);
    return document ? spaceParagraphs(document->textDocument(), gap) : 0;
}

int MarkdownLists::spaceTableBlocks(QObject* textDocument, qreal gap) const {
    auto* document = qobject_cast<QQuickTextDocument*>(textDocument);
    return document ? spaceTables(document->textDocument(), gap) : 0;
}

QVariantList MarkdownLists::quoteBarsOf(QObject* textDocument, qreal barWidth) const {
    QVariantList out;
    if (auto* document = qobject_cast<QQuickTextDocument*>(textDocument))
        for (const QRectF& bar : quoteBars(document->textDocument(), barWidth)) out << bar;
    return out;
}

QString MarkdownLists::markBreaks(const QString& markdown) const { return markTags(markLineBreaks(markdown)); }

QString MarkdownLists::showMath(const QString& markdown) const { return rwkv::app::renderMath(markdown); }

int MarkdownLists::showInert(QObject* textDocument) const {
    auto* document = qobject_cast<QQuickTextDocument*>(textDocument);
    return document ? showTagsAndImages(document->textDocument()) : 0;
}

int MarkdownLists::tintLinks(QObject* textDocument, const QColor& color) const {
    auto* document = qobject_cast<QQuickTextDocument*>(textDocument);
    return document ? rwkv::gui::tintLinks(document->textDocument(), color) : 0;
}

int MarkdownLists::showBreaks(QObject* textDocument, const QString& markdown) const {
    auto* document = qobject_cast<QQuickTextDocument*>(textDocument);
    return document ? showLineBreaks(document->textDocument(), markdown) : 0;
}

int setCodeFamilies(QTextDocument* doc, const QStringList& families) {
    if (!doc || families.isEmpty()) return 0;
    QList<std::pair<int, int>> runs;  // position, length: collected first, as the formats change under the walk
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next())
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            const QTextCharFormat format = fragment.charFormat();
            if (format.fontFixedPitch() && format.fontFamilies().toStringList() != families)
                runs.append({fragment.position(), fragment.length()});
        }
    QTextCharFormat code;
    code.setFontFamilies(families);
    for (const auto& [position, length] : runs) {
        QTextCursor cursor(doc);
        cursor.setPosition(position);
        cursor.setPosition(position + length, QTextCursor::KeepAnchor);
        cursor.mergeCharFormat(code);
    }
    return int(runs.size());
}

int MarkdownLists::codeFamilies(QObject* textDocument, const QStringList& families) const {
    auto* document = qobject_cast<QQuickTextDocument*>(textDocument);
    return document ? setCodeFamilies(document->textDocument(), families) : 0;
}

bool MarkdownLists::beginEdit(QObject* textDocument) const {
    auto* document = qobject_cast<QQuickTextDocument*>(textDocument);
    if (!document) return false;
    document->textDocument()->setUndoRedoEnabled(false);  // a read-only view's document: nothing to undo
    QTextCursor(document->textDocument()).beginEditBlock();
    return true;
}

void MarkdownLists::endEdit(QObject* textDocument) const {
    if (auto* document = qobject_cast<QQuickTextDocument*>(textDocument))
        QTextCursor(document->textDocument()).endEditBlock();
}

MarkdownLists::LinkOutcome MarkdownLists::openLink(const QString& link) const {
    const bool web = opensOnTheDesktop(link);
    if (web && QDesktopServices::openUrl(QUrl(link.trimmed(), QUrl::StrictMode))) return Opened;
    QGuiApplication::clipboard()->setText(web ? link.trimmed() : link);
    return web ? CopiedUnopened : CopiedNotWeb;
}

int MarkdownLists::showStarts(QObject* textDocument, const QString& markdown) const {
    auto* document = qobject_cast<QQuickTextDocument*>(textDocument);
    return document ? showListStarts(document->textDocument(), markdown) : 0;
}

void registerMarkdownLists() {
    qmlRegisterSingletonType<MarkdownLists>("RwkvDesktop.Core", 1, 0, "MarkdownLists",
                                            [](QQmlEngine*, QJSEngine*) -> QObject* { return new MarkdownLists; });
}

}  // namespace rwkv::gui
