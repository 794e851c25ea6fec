// markdown_lists.cpp — see markdown_lists.h.
#include "markdown_lists.h"

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
