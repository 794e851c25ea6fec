// markdown_lists.cpp — see markdown_lists.h.
#include "markdown_lists.h"

#include <algorithm>

#include <QFontMetricsF>
#include <QHash>
#include <QList>
#include <QQmlEngine>
#include <QQuickTextDocument>
#include <QRegularExpression>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextList>

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

/// Turns `list`'s items into paragraphs that begin with their numbers from `start` on, hung in the list's margin.
void writeNumbers(QTextDocument* doc, QTextList* list, int start, QTextCursor& cursor) {
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
    for (const auto& [list, start] : wrong) writeNumbers(doc, list, start, cursor);
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

int spaceParagraphs(QTextDocument* doc, qreal gap) {
    if (!doc) return 0;
    // A list's item: in a QTextList, or hung in the margin by writeNumbers (a negative text indent).
    const auto isItem = [](const QTextBlock& b) { return b.textList() || b.blockFormat().textIndent() < 0; };
    // A line of a code block, fenced or indented: Qt reads each line as a block of its own.
    const auto isCode = [](const QTextBlock& b) {
        const QTextBlockFormat f = b.blockFormat();
        return f.hasProperty(QTextFormat::BlockCodeFence) || f.hasProperty(QTextFormat::BlockCodeLanguage) ||
               f.nonBreakableLines();
    };
    int spaced = 0;
    QTextCursor cursor(doc);
    cursor.beginEditBlock();
    for (QTextBlock block = doc->begin(), previous; block.isValid(); previous = block, block = block.next()) {
        const bool together = previous.isValid() && ((isItem(previous) && isItem(block)) ||
                                                     (isCode(previous) && isCode(block)));
        const qreal top = !previous.isValid() || together ? 0 : gap;
        QTextBlockFormat format = block.blockFormat();
        spaced += top > 0;
        if (format.topMargin() == top && format.bottomMargin() == 0) continue;
        format.setTopMargin(top);
        format.setBottomMargin(0);
        cursor.setPosition(block.position());
        cursor.setBlockFormat(format);
    }
    cursor.endEditBlock();
    return spaced;
}

int MarkdownLists::spaceBlocks(QObject* textDocument, qreal gap) const {
    auto* document = qobject_cast<QQuickTextDocument*>(textDocument);
    return document ? spaceParagraphs(document->textDocument(), gap) : 0;
}

int MarkdownLists::showBreaks(QObject* textDocument, const QString& markdown) const {
    auto* document = qobject_cast<QQuickTextDocument*>(textDocument);
    return document ? showLineBreaks(document->textDocument(), markdown) : 0;
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

int MarkdownLists::showStarts(QObject* textDocument, const QString& markdown) const {
    auto* document = qobject_cast<QQuickTextDocument*>(textDocument);
    return document ? showListStarts(document->textDocument(), markdown) : 0;
}

void registerMarkdownLists() {
    qmlRegisterSingletonType<MarkdownLists>("RwkvDesktop.Core", 1, 0, "MarkdownLists",
                                            [](QQmlEngine*, QJSEngine*) -> QObject* { return new MarkdownLists; });
}

}  // namespace rwkv::gui
