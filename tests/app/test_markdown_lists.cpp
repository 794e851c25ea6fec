// test_markdown_lists.cpp — an ordered list in a reply shows the numbers its author wrote ("6. foo" as 6., not 1.):
// showListStarts (app/gui/markdown_lists.h) on documents read by QTextDocument::setMarkdown, and MarkdownSegment.qml
// (the prose of a reply, loaded from the source tree as the module RwkvDesktop; $RWKV_QML_DIR: another copy, e.g. an
// older commit's, to see it fail there) as it is made and as its text grows. Before session 19 Qt 6.4 numbered every
// list from 1; offscreen platform.
#include <QElapsedTimer>
#include <QFont>
#include <QGuiApplication>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickTextDocument>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QAbstractTextDocumentLayout>
#include <QTextFrame>
#include <QTextList>
#include <QTextTable>
#include <QtTest>

#include <memory>

#include "markdown_lists.h"
#include "qml_test_module.h"

class TestMarkdownLists : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void listsShowTheAuthorsNumbers_data();
    void listsShowTheAuthorsNumbers();
    void segmentShowsTheAuthorsNumbers();
    void denseTextIsLaidOutOnce_data();
    void lineBreaksStay_data();
    void lineBreaksStay();
    void segmentKeepsTheLines();
    void segmentShowsMathAsText();
    void denseTextIsLaidOutOnce();
    void paragraphsAreSpaced_data();
    void paragraphsAreSpaced();
    void segmentSpacesItsParagraphs();
    void listsAndTablesAreSeparated_data();
    void listsAndTablesAreSeparated();
    void segmentSeparatesListsAndTables();
    void quotesHaveABar();
    void segmentDrawsQuoteBars();
    void segmentDrawsCodeInTablesMonospace();

private:
    /// A MarkdownSegment 600 px wide made with `properties` (its text, streaming) and shown in `window`, kept by
    /// `object`; null (and a warning) when it could not be made or shown.
    QQuickItem* showSegment(QQuickWindow& window, std::unique_ptr<QObject>& object, const QVariantMap& properties);

    QTemporaryDir modules_;  // RwkvDesktop/: the app's QML files and a qmldir
    QQmlEngine engine_;
};

namespace {

/// Each block as it is seen: a list item with the number (or bullet) Qt draws before it, then its text.
QStringList shown(const QTextDocument& doc) {
    QStringList out;
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
        const QTextList* list = b.textList();
        QString marker;
        if (list) marker = list->format().style() <= QTextListFormat::ListDecimal ? list->itemText(b) : QStringLiteral("•");
        out << (marker.isEmpty() ? b.text() : marker + u' ' + b.text());
    }
    return out;
}

/// `markdown` read into `doc` as MarkdownSegment reads a reply (its font, line breaks, list numbers), not yet spaced.
void readAsAReply(QTextDocument& doc, const QString& markdown) {
    QFont font = doc.defaultFont();
    font.setPixelSize(14);  // as MarkdownSegment's
    doc.setDefaultFont(font);
    doc.setMarkdown(rwkv::gui::markLineBreaks(markdown));
    rwkv::gui::showListStarts(&doc, markdown);
    rwkv::gui::showLineBreaks(&doc, markdown);
}

/// Each block as shown() sees it, after the gap above it: "g " (the gap), ". " (none); a table's first cell "T " when
/// the table has the gap above it, "t " when not (the cell itself has none, as every cell); a cell's blocks as
/// "|row,column| ", their text between "**" when it is all bold (a header's). "? " for any other margin.
QStringList spacedBlocks(const QTextDocument& doc, qreal gap) {
    QStringList out;
    const QStringList texts = shown(doc);
    qsizetype i = 0;
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next(), ++i) {
        const QTextBlockFormat f = b.blockFormat();
        QString mark = f.bottomMargin() != 0 ? QStringLiteral("?") : f.topMargin() == gap ? QStringLiteral("g")
                       : f.topMargin() == 0                       ? QStringLiteral(".")
                                                                  : QStringLiteral("?");
        QString text = texts[i];
        const QTextCursor at(b);
        if (const QTextTable* table = at.currentTable()) {
            const QTextTableCell cell = table->cellAt(at);
            bool bold = !b.text().isEmpty();
            for (auto it = b.begin(); !it.atEnd(); ++it)
                bold = bold && it.fragment().charFormat().fontWeight() >= QFont::Bold;
            text = QStringLiteral("|%1,%2| ").arg(cell.row()).arg(cell.column()) +
                   (bold ? QStringLiteral("**") + text + QStringLiteral("**") : text);
            if (b.position() == table->firstPosition() && mark == u'.' && table->format().bottomMargin() == 0)
                mark = table->format().topMargin() == gap ? QStringLiteral("T")
                       : table->format().topMargin() == 0 ? QStringLiteral("t")
                                                          : QStringLiteral("?");
        }
        out << mark + u' ' + text;
    }
    return out;
}

}  // namespace

QQuickItem* TestMarkdownLists::showSegment(QQuickWindow& window, std::unique_ptr<QObject>& object,
                                           const QVariantMap& properties) {
    return rwkv::test::showItem(engine_, window, object, "MarkdownSegment { width: 600 }", properties);
}

void TestMarkdownLists::initTestCase() {
    const QString failed = rwkv::test::installQmlModule(modules_, engine_);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
}

void TestMarkdownLists::listsShowTheAuthorsNumbers_data() {
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<QStringList>("expected");  // shown() after showListStarts
    QTest::addColumn<int>("renumbered");        // lists
    // With Qt 6.4's numbers: "1. foo", "2. bar".
    QTest::newRow("starts at 6") << QStringLiteral("6. foo\n7. bar") << QStringList{"6. foo", "7. bar"} << 1;
    QTest::newRow("counts from its start") << QStringLiteral("6. foo\n6. bar\n9. baz")
                                           << QStringList{"6. foo", "7. bar", "8. baz"} << 1;
    QTest::newRow("parenthesis") << QStringLiteral("3) x\n4) y") << QStringList{"3) x", "4) y"} << 1;
    QTest::newRow("zero") << QStringLiteral("0. none\n1. one") << QStringList{"0. none", "1. one"} << 1;
    QTest::newRow("after a paragraph")
        << QStringLiteral("Steps left:\n\n4. **cut** the board\n5. sand it") << QStringList{"Steps left:", "4. cut the board", "5. sand it"}
        << 1;
    QTest::newRow("nested") << QStringLiteral("1. a\n\n   5. b\n   6. c\n2. d")
                            << QStringList{"1. a", "5. b", "6. c", "2. d"} << 1;
    QTest::newRow("two lists") << QStringLiteral("2. a\n\ntext\n\n10. b\n11. c")
                               << QStringList{"2. a", "text", "10. b", "11. c"} << 2;
    QTest::newRow("in a quote") << QStringLiteral("> 4. q\n> 5. r") << QStringList{"4. q", "5. r"} << 1;
    // Left as Qt reads them.
    QTest::newRow("starts at 1") << QStringLiteral("1. a\n2. b") << QStringList{"1. a", "2. b"} << 0;
    QTest::newRow("bullets") << QStringLiteral("- a\n- b") << QStringList{"• a", "• b"} << 0;
    QTest::newRow("not a list") << QStringLiteral("In 2024 we had\n6. items") << QStringList{"In 2024 we had 6. items"}
                                << 0;
    QTest::newRow("indented code") << QStringLiteral("    6. code") << QStringList{"6. code"} << 0;
}

void TestMarkdownLists::listsShowTheAuthorsNumbers() {
    QFETCH(QString, markdown);
    QFETCH(QStringList, expected);
    QFETCH(int, renumbered);
    QTextDocument doc;
    doc.setMarkdown(markdown);
    const QStringList before = shown(doc);
    QCOMPARE(rwkv::gui::showListStarts(&doc, markdown), renumbered);
    qInfo("Qt: %s; shown: %s", qPrintable(before.join(u'|')), qPrintable(shown(doc).join(u'|')));
    QCOMPARE(shown(doc), expected);
    QCOMPARE(rwkv::gui::showListStarts(&doc, markdown), 0);  // once numbered, left as it is
}

// MarkdownSegment as a reply shows it: made with the list, then grown by one item (as a streamed reply grows, with
// the typing cursor). The numbers stand where Qt draws a list's numbers: an item's text starts at the x of a list
// from 1's item text.
void TestMarkdownLists::segmentShowsTheAuthorsNumbers() {
    QQuickWindow window;
    window.resize(600, 300);
    QQmlComponent component(&engine_);
    component.setData(QByteArrayLiteral(R"(import QtQuick
import RwkvDesktop
Column {
    width: 600
    property alias text: segment.markdown
    MarkdownSegment { id: segment; objectName: "six"; width: 600; markdown: "6. foo\n7. bar"; streaming: true }
    MarkdownSegment { objectName: "one"; width: 600; markdown: "1. foo\n2. bar" }
})"),
                      QUrl(QStringLiteral("file:///lists.qml")));
    std::unique_ptr<QObject> object(component.create(engine_.rootContext()));
    QVERIFY2(object, qPrintable(component.errorString()));
    auto* column = qobject_cast<QQuickItem*>(object.get());
    column->setParentItem(window.contentItem());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* six = column->findChild<QQuickItem*>(QStringLiteral("six"));
    auto* one = column->findChild<QQuickItem*>(QStringLiteral("one"));
    QVERIFY(six && one);
    QTextDocument* sixDoc = six->property("textDocument").value<QQuickTextDocument*>()->textDocument();
    QTextDocument* oneDoc = one->property("textDocument").value<QQuickTextDocument*>()->textDocument();
    QCOMPARE(shown(*sixDoc), (QStringList{"6. foo", "7. bar ▍"}));
    QCOMPARE(shown(*oneDoc), (QStringList{"1. foo", "2. bar"}));

    column->setProperty("text", QStringLiteral("6. foo\n7. bar\n8. baz"));
    QCOMPARE(shown(*sixDoc), (QStringList{"6. foo", "7. bar", "8. baz ▍"}));

    // "foo" begins where the list from 1 begins its "foo" (Qt's own numbers hang left of it).
    QRectF sixFoo, oneFoo;
    QMetaObject::invokeMethod(six, "positionToRectangle", Q_RETURN_ARG(QRectF, sixFoo), Q_ARG(int, 3));
    QMetaObject::invokeMethod(one, "positionToRectangle", Q_RETURN_ARG(QRectF, oneFoo), Q_ARG(int, 0));
    qInfo("x of foo: %g (from 6), %g (from 1)", sixFoo.x(), oneFoo.x());
    QVERIFY(oneFoo.x() > 0);
    QVERIFY2(qAbs(sixFoo.x() - oneFoo.x()) <= 1.0, "the renumbered item's text does not line up with a list's");
    if (qEnvironmentVariableIsSet("RWKV_SHOT")) window.grabWindow().save(qEnvironmentVariable("RWKV_SHOT"));
}

void TestMarkdownLists::denseTextIsLaidOutOnce_data() {
    QTest::addColumn<QString>("unit");  // repeated 2,000 times: one 4 K piece of a reply
    QTest::newRow("emphasis") << QStringLiteral("*a");
    QTest::newRow("short lines") << QStringLiteral("l\n");
}

// A piece dense with Markdown (2,000 emphasis runs, 2,000 one-letter lines: a small model looping, an imported chat)
// is read and laid out once, as it is made and as it grows. Qt 6.4's Markdown reader inserts each run on its own and
// the TextEdit's document laid the growing paragraph out after every insert, and the text set while the item was made
// was read twice (at its completion and in onCompleted): session 23's trial (T5) measured 16 s of CPU for 2,000 '*a'
// (a 40 KB reply froze the window for minutes), 7 s for 2,000 lines. Now the document's changes come in one edit
// block (MarkdownLists.beginEdit): one change signal per new text, a few tens of milliseconds.
void TestMarkdownLists::denseTextIsLaidOutOnce() {
    QFETCH(QString, unit);
    QQuickWindow window;
    window.resize(600, 400);
    QQmlComponent component(&engine_);
    component.setData(QByteArrayLiteral("import QtQuick\nimport RwkvDesktop\nMarkdownSegment { width: 600 }\n"),
                      QUrl(QStringLiteral("file:///dense.qml")));
    QElapsedTimer made;
    made.start();
    std::unique_ptr<QObject> object(
        component.createWithInitialProperties({{QStringLiteral("markdown"), unit.repeated(2000)}}, engine_.rootContext()));
    QVERIFY2(object, qPrintable(component.errorString()));
    auto* segment = qobject_cast<QQuickItem*>(object.get());
    segment->setParentItem(window.contentItem());
    QVERIFY(segment->implicitHeight() > 0);
    const qint64 makeMs = made.elapsed();

    QTextDocument* doc = segment->property("textDocument").value<QQuickTextDocument*>()->textDocument();
    int changes = 0;
    QObject::connect(doc, &QTextDocument::contentsChange, segment, [&changes] { ++changes; });
    QElapsedTimer grown;
    grown.start();
    segment->setProperty("markdown", unit.repeated(2001));  // a streamed reply's next piece
    QVERIFY(segment->implicitHeight() > 0);
    const qint64 growMs = grown.elapsed();
    qInfo("made in %lld ms, grown in %lld ms with %d change signals", makeMs, growMs, changes);
    QVERIFY2(changes <= 2, "the new text was laid out piece by piece");
    // Before: 4-16 s each on a 2-core box; the bound leaves room for a busy one.
    QVERIFY2(makeMs < 3000, "the piece took seconds to make");
    QVERIFY2(growMs < 3000, "the piece took seconds to grow");
}

void TestMarkdownLists::lineBreaksStay_data() {
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<QStringList>("expected");  // shown(), a line break as '/'; empty: as Qt reads `markdown` itself
    QTest::newRow("poem") << QStringLiteral("Here is a poem:\n\nRoses are red,\nViolets are blue,\nRWKV is fast.")
                          << QStringList{"Here is a poem:", "Roses are red,/Violets are blue,/RWKV is fast."};
    QTest::newRow("address") << QStringLiteral("Address:\nJohn Smith\n12 Main Street")
                             << QStringList{"Address:/John Smith/12 Main Street"};
    QTest::newRow("numbers") << QStringLiteral("1\n2\n3") << QStringList{"1/2/3"};
    QTest::newRow("trailing blank") << QStringLiteral("a \nb") << QStringList{"a/b"};
    QTest::newRow("emphasis at the ends") << QStringLiteral("_foo_\n**bar**\n*baz*") << QStringList{"foo/bar/baz"};
    QTest::newRow("code span") << QStringLiteral("run `ls`\nthen `cd`") << QStringList{"run ls/then cd"};
    QTest::newRow("link at the end") << QStringLiteral("see http://example.com/a\nnext")
                                     << QStringList{"see http://example.com/a/next"};
    QTest::newRow("list item") << QStringLiteral("- one\n  more\n- two\nlazy")
                               << QStringList{"• one/more", "• two/lazy"};
    QTest::newRow("ordered") << QStringLiteral("1. a\n2. b") << QStringList{"1. a", "2. b"};
    QTest::newRow("quote") << QStringLiteral("> q1\n> q2") << QStringList{"q1/q2"};
    QTest::newRow("heading") << QStringLiteral("# Head\ntext\nmore") << QStringList{"Head", "text/more"};
    QTest::newRow("underlined heading") << QStringLiteral("Title\n===\ntext") << QStringList{"Title", "text"};
    // Left as Qt reads them.
    QTest::newRow("table") << QStringLiteral("| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |") << QStringList{};
    QTest::newRow("table without outer pipes") << QStringLiteral("a | b\n--|--\n1 | 2") << QStringList{};
    QTest::newRow("indented code") << QStringLiteral("    code1\n    code2") << QStringList{};
    QTest::newRow("rule") << QStringLiteral("a\n\n---\nb") << QStringList{};
    QTest::newRow("hard break") << QStringLiteral("a  \nb") << QStringList{};
    QTest::newRow("link definition") << QStringLiteral("[x]\n\n[x]: http://example.com\ntext") << QStringList{};
    QTest::newRow("holds the mark") << QStringLiteral("a\u2000\nb") << QStringList{};
}

// A single line break in a reply stays a line break (session 23's trial, T11: a poem, an address and "1\n2\n…" ran
// together on one line — Markdown reads a lone line break as a space; RWKV's chat models write one "\n" between
// lines). markLineBreaks marks such breaks in the source and showLineBreaks turns them into U+2028 in the document Qt
// read, inside the same paragraph or list item; tables, code, rules and Markdown's own hard breaks read as before.
void TestMarkdownLists::lineBreaksStay() {
    QFETCH(QString, markdown);
    QFETCH(QStringList, expected);
    QTextDocument plain;
    plain.setMarkdown(markdown);
    QTextDocument doc;
    doc.setMarkdown(rwkv::gui::markLineBreaks(markdown));
    rwkv::gui::showLineBreaks(&doc, markdown);
    QStringList seen = shown(doc);
    for (QString& line : seen) line.replace(QChar::LineSeparator, u'/');
    QCOMPARE(seen, expected.isEmpty() ? shown(plain) : expected);
    QCOMPARE(doc.toPlainText().count(QChar(0x2000)), markdown.count(QChar(0x2000)));  // no mark is left
    QCOMPARE(doc.blockCount(), plain.blockCount());
    if (QTest::currentDataTag() == QByteArrayLiteral("link at the end")) {
        const QTextBlock block = doc.begin();
        QString href;
        for (auto it = block.begin(); !it.atEnd(); ++it)
            if (it.fragment().charFormat().isAnchor()) href = it.fragment().charFormat().anchorHref();
        QCOMPARE(href, QStringLiteral("http://example.com/a"));
    }
}

// MarkdownSegment as a reply shows it: the poem's four lines are four lines, also as the reply streams.
void TestMarkdownLists::segmentKeepsTheLines() {
    QQuickWindow window;
    window.resize(600, 300);
    const QString poem = QStringLiteral("Roses are red,\nViolets are blue,\nRWKV is fast,\nAnd so are you.");
    std::unique_ptr<QObject> object;
    QQuickItem* const segment = showSegment(
        window, object, {{QStringLiteral("markdown"), poem.first(29)}, {QStringLiteral("streaming"), true}});
    QVERIFY(segment);
    QTextDocument* doc = segment->property("textDocument").value<QQuickTextDocument*>()->textDocument();
    QCOMPARE(doc->toRawText(), QStringLiteral("Roses are red,\u2028Violets are bl ▍"));
    segment->setProperty("markdown", poem);
    segment->setProperty("streaming", false);
    qInfo("shown: %s; lines: %d", qPrintable(doc->toRawText().replace(QChar::LineSeparator, u'/')),
          segment->property("lineCount").toInt());
    QCOMPARE(doc->toRawText(),
             QStringLiteral("Roses are red,\u2028Violets are blue,\u2028RWKV is fast,\u2028And so are you."));
    QCOMPARE(segment->property("lineCount").toInt(), 4);
    if (qEnvironmentVariableIsSet("RWKV_SHOT")) window.grabWindow().save(qEnvironmentVariable("RWKV_SHOT"));
}

// TeX math in a reply is shown as Unicode text (MarkdownLists.showMath, app/core/math_text.h): before, Qt's Markdown
// reader showed "\\(\\pi r^2\\)" as "(\\pi r^2)" (its "\\(" an escaped bracket) and "$$…$$" as written. A display
// formula's rows stay lines; a span still being written stays as written until it closes.
void TestMarkdownLists::segmentShowsMathAsText() {
    QQuickWindow window;
    window.resize(600, 300);
    std::unique_ptr<QObject> object;
    const QString reply = QStringLiteral(
        "The area is \\(\\pi r^2\\), and for $a_q$:\n\n"
        "$$\\begin{aligned} x &= \\frac{-b \\pm \\sqrt{b^2-4ac}}{2a} \\\\ \\sum_{i=1}^n i &= \\frac{n(n+1)}{2} \\end{aligned}$$\n\n"
        "It costs $5 and $10.");
    QQuickItem* const segment = showSegment(
        window, object, {{QStringLiteral("markdown"), reply.first(21)}, {QStringLiteral("streaming"), true}});
    QVERIFY(segment);
    QTextDocument* doc = segment->property("textDocument").value<QQuickTextDocument*>()->textDocument();
    QCOMPARE(doc->toRawText(), QStringLiteral("The area is (\\pi r^2 ▍"));  // not closed yet: as written
    segment->setProperty("markdown", reply);
    segment->setProperty("streaming", false);
    QCOMPARE(shown(*doc), QStringList({QStringLiteral("The area is πr², and for a_q:"),
                                       QStringLiteral("x = (−b ± √(b² − 4ac))/2a\u2028∑ᵢ₌₁ⁿ i = n(n + 1)/2"),
                                       QStringLiteral("It costs $5 and $10.")}));
    if (qEnvironmentVariableIsSet("RWKV_SHOT")) window.grabWindow().save(qEnvironmentVariable("RWKV_SHOT"));
}

void TestMarkdownLists::paragraphsAreSpaced_data() {
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<QString>("gaps");  // per block: 'g' a gap above it, '.' none
    QTest::newRow("paragraphs") << QStringLiteral("one\n\ntwo\n\nthree") << QStringLiteral(".gg");
    QTest::newRow("lines of one paragraph") << QStringLiteral("Roses are red,\nViolets are blue,\n\nEnd")
                                            << QStringLiteral(".g");
    QTest::newRow("list") << QStringLiteral("A list:\n\n- one\n- two\n- three\n\nAfter") << QStringLiteral(".g..g");
    QTest::newRow("tight list after a line") << QStringLiteral("Items:\n- a\n- b") << QStringLiteral(".g.");
    QTest::newRow("nested list") << QStringLiteral("- a\n  - a1\n  - a2\n- b") << QStringLiteral("....");
    QTest::newRow("numbered from 6") << QStringLiteral("Steps left:\n\n6. cut\n7. sand\n\nDone")
                                     << QStringLiteral(".g.g");  // 6. and 7. are paragraphs now
    QTest::newRow("heading") << QStringLiteral("# Head\ntext\n\nmore") << QStringLiteral(".gg");
    QTest::newRow("indented code") << QStringLiteral("before\n\n    code1\n    code2\n\nafter") << QStringLiteral(".g.g");
    QTest::newRow("fenced code") << QStringLiteral("before\n\n```\nc1\n\nc3\n```\nafter") << QStringLiteral(".g..g");
    QTest::newRow("quote") << QStringLiteral("text\n\n> q1\n> q2\n\nafter") << QStringLiteral(".gg");
}

// A reply's paragraphs have a gap between them (session 23's trial, T11: none — Qt 6.4's Markdown reader spaces them
// by two thirds of the default font's point size, -1 for the app's fonts, set in pixels); a list's items, the lines of
// a poem (one paragraph, showLineBreaks) and a code block's lines stay together; the first block has none.
void TestMarkdownLists::paragraphsAreSpaced() {
    QFETCH(QString, markdown);
    QFETCH(QString, gaps);
    QTextDocument doc;
    readAsAReply(doc, markdown);
    QCOMPARE(rwkv::gui::spaceParagraphs(&doc, 8), int(gaps.count(u'g')));
    QString seen;
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
        QCOMPARE(b.blockFormat().bottomMargin(), 0.0);
        seen += b.blockFormat().topMargin() == 8 ? u'g' : b.blockFormat().topMargin() == 0 ? u'.' : u'?';
    }
    QCOMPARE(seen, gaps);
}

// MarkdownSegment as a reply shows it: laid out, the second paragraph starts some pixels below the first one's foot
// (0 before: the two read as one block of text), the poem's second line right under its first.
void TestMarkdownLists::segmentSpacesItsParagraphs() {
    QQuickWindow window;
    window.resize(600, 300);
    std::unique_ptr<QObject> object;
    QQuickItem* const segment = showSegment(
        window, object,
        {{QStringLiteral("markdown"), QStringLiteral("First paragraph.\n\nRoses are red,\nViolets are blue.")}});
    QVERIFY(segment);
    QTextDocument* doc = segment->property("textDocument").value<QQuickTextDocument*>()->textDocument();
    QCOMPARE(doc->blockCount(), 2);
    const QTextBlock first = doc->begin(), second = first.next();
    const QRectF firstLine = first.layout()->lineAt(0).rect().translated(first.layout()->position());
    const QRectF poem1 = second.layout()->lineAt(0).rect().translated(second.layout()->position());
    const QRectF poem2 = second.layout()->lineAt(1).rect().translated(second.layout()->position());
    const qreal gap = poem1.top() - firstLine.bottom();
    qInfo("gap between the paragraphs: %.1f px; between the poem's lines: %.1f px", gap, poem2.top() - poem1.bottom());
    QVERIFY2(gap >= 6, qPrintable(QString::number(gap)));
    QVERIFY2(poem2.top() - poem1.bottom() < 2, qPrintable(QString::number(poem2.top() - poem1.bottom())));
    if (qEnvironmentVariableIsSet("RWKV_SHOT")) window.grabWindow().save(qEnvironmentVariable("RWKV_SHOT"));
}

void TestMarkdownLists::listsAndTablesAreSeparated_data() {
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<QStringList>("expected");  // spacedBlocks() after the reply's passes (MarkdownSegment's order)
    // A list right after another is a list of its own, with the gap a paragraph has (GitHub's margin between them);
    // before session 26 the numbered list ran on from the bullets as if one list.
    QTest::newRow("bullets, then numbers") << QStringLiteral("- a\n- b\n1. c\n2. d")
                                           << QStringList{". • a", ". • b", "g 1. c", ". 2. d"};
    QTest::newRow("after a line") << QStringLiteral("Steps:\n- a\n- b\n1. c\n2. d")
                                  << QStringList{". Steps:", "g • a", ". • b", "g 1. c", ". 2. d"};
    QTest::newRow("numbers, then bullets") << QStringLiteral("1. a\n2. b\n- c")
                                           << QStringList{". 1. a", ". 2. b", "g • c"};
    QTest::newRow("bullets, then numbers from 3") << QStringLiteral("- a\n- b\n3. c\n4. d")
                                                  << QStringList{". • a", ". • b", "g 3. c", ". 4. d"};
    QTest::newRow("nested bullets, then numbers") << QStringLiteral("- a\n  - a1\n1. c")
                                                  << QStringList{". • a", ". • a1", "g 1. c"};
    QTest::newRow("numbered from 6 around bullets") << QStringLiteral("6. a\n   - x\n7. b")
                                                    << QStringList{". 6. a", ". • x", ". 7. b"};
    // A table has the gap above it as a whole (before: none, the text above touching its border); its cells none.
    QTest::newRow("table after a line")
        << QStringLiteral("The fares:\n\n| Cabin | Price |\n|---|---|\n| Deck | 20 |\n\nDone")
        << QStringList{". The fares:", "T |0,0| **Cabin**", ". |0,1| **Price**", ". |1,0| Deck", ". |1,1| 20", ". ",
                       "g Done"};
    QTest::newRow("table first") << QStringLiteral("| a | b |\n|---|---|\n| 1 | 2 |")
                                 << QStringList{". ", "t |0,0| **a**", ". |0,1| **b**", ". |1,0| 1", ". |1,1| 2", ". "};
    QTest::newRow("two tables") << QStringLiteral("| a |\n|---|\n\n| b |\n|---|")
                                << QStringList{". ", "t |0,0| **a**", ". ", "T |0,0| **b**", ". "};
    // After a code block (or a quote) Qt 6.4 began the first header cell with an empty line: "h1" a line lower, not
    // bold.
    QTest::newRow("table after indented code")
        << QStringLiteral("Run it:\n\n    ferry --night\n\n| h1 | h2 |\n|---|---|\n| x | y |")
        << QStringList{". Run it:", "g ferry --night", "T |0,0| **h1**", ". |0,1| **h2**", ". |1,0| x", ". |1,1| y",
                       ". "};
    QTest::newRow("table after fenced code") << QStringLiteral("```\ncode\n```\n\n| h1 | h2 |\n|---|---|")
                                             << QStringList{". code", "T |0,0| **h1**", ". |0,1| **h2**", ". "};
    QTest::newRow("table after a quote") << QStringLiteral("> q\n\n| h1 | h2 |\n|---|---|")
                                         << QStringList{". q", "T |0,0| **h1**", ". |0,1| **h2**", ". "};
}

// Session 26's trial (N5): a bullet list followed at once by a numbered list ran on as one list, a table had no gap
// above it, and after an indented code block a table's first header cell dropped a line. Each is now spaced as a chat
// app (and GitHub) shows it.
void TestMarkdownLists::listsAndTablesAreSeparated() {
    QFETCH(QString, markdown);
    QFETCH(QStringList, expected);
    QTextDocument doc;
    readAsAReply(doc, markdown);
    rwkv::gui::spaceParagraphs(&doc, 8);
    const int tables = rwkv::gui::spaceTables(&doc, 8);
    const QStringList seen = spacedBlocks(doc, 8);
    qInfo("%s", qPrintable(seen.join(QStringLiteral(" / "))));
    QCOMPARE(seen, expected);
    QCOMPARE(tables, int(expected.filter(QRegularExpression(QStringLiteral("^T "))).size()));
}

// MarkdownSegment as a reply shows it, laid out: the numbered list starts a gap below the bullets, the table's border a
// gap below the line above it, and after an indented code block both header cells' text on one line.
void TestMarkdownLists::segmentSeparatesListsAndTables() {
    QQuickWindow window;
    window.resize(600, 400);
    std::unique_ptr<QObject> object;
    QQuickItem* const segment = showSegment(
        window, object,
        {{QStringLiteral("markdown"), QStringLiteral("- a bag\n- a charger\n1. pack the bag\n2. charge the phone\n\n"
                                                     "The fares:\n\n| Cabin | Price |\n|---|---|\n| Deck | 20 |\n\n"
                                                     "    ferry --night\n\n| Header one | Header two |\n|---|---|\n"
                                                     "| x | y |")}});
    QVERIFY(segment);
    QTextDocument* doc = segment->property("textDocument").value<QQuickTextDocument*>()->textDocument();
    QHash<QString, QTextBlock> block;
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) block.insert(b.text(), b);
    const auto rect = [segment](const QTextBlock& b) {  // the block's first line, in the item
        QRectF r;
        QMetaObject::invokeMethod(segment, "positionToRectangle", Q_RETURN_ARG(QRectF, r), Q_ARG(int, b.position()));
        return r;
    };
    const QList<QTextTable*> tables = [doc] {
        QList<QTextTable*> out;
        for (QTextFrame* f : doc->rootFrame()->childFrames())
            if (auto* t = qobject_cast<QTextTable*>(f)) out << t;
        return out;
    }();
    QCOMPARE(tables.size(), 2);
    const qreal listGap = rect(block.value(QStringLiteral("pack the bag"))).top() -
                          rect(block.value(QStringLiteral("a charger"))).bottom();
    const qreal itemGap = rect(block.value(QStringLiteral("a charger"))).top() -
                          rect(block.value(QStringLiteral("a bag"))).bottom();
    const QRectF fares = rect(block.value(QStringLiteral("The fares:")));
    const qreal tableGap = rect(block.value(QStringLiteral("Cabin"))).top() - fares.bottom();
    const QRectF one = rect(block.value(QStringLiteral("Header one")));
    const QRectF two = rect(block.value(QStringLiteral("Header two")));
    qInfo("gap above the numbered list %.1f px (between items %.1f), above the table %.1f px; header y %.1f, %.1f",
          listGap, itemGap, tableGap, one.top(), two.top());
    if (qEnvironmentVariableIsSet("RWKV_SHOT")) window.grabWindow().save(qEnvironmentVariable("RWKV_SHOT"));
    QVERIFY2(listGap >= itemGap + 6, qPrintable(QString::number(listGap)));
    QVERIFY2(tableGap >= 6, qPrintable(QString::number(tableGap)));
    QVERIFY2(qAbs(one.top() - two.top()) < 1, qPrintable(QString::number(one.top() - two.top())));
}

// A quote has a bar at its left, as GitHub draws one (session 26's trial, F11: it was only indented): one bar per
// quote, from the top of its first line to the bottom of its last, left of its text.
void TestMarkdownLists::quotesHaveABar() {
    QTextDocument doc;
    readAsAReply(doc, QStringLiteral("Intro\n\n> a\n\nMid\n\n> slow on two cores,\n> build less\n\nEnd"));
    rwkv::gui::spaceParagraphs(&doc, 8);
    doc.setTextWidth(600);
    QList<QTextBlock> blocks;
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) blocks << b;
    QCOMPARE(blocks.size(), 5);
    QCOMPARE(blocks[3].text(), QStringLiteral("slow on two cores,\u2028build less"));  // one block, two lines
    QCOMPARE(blocks[1].blockFormat().intProperty(QTextFormat::BlockQuoteLevel), 1);
    QCOMPARE(blocks[3].blockFormat().intProperty(QTextFormat::BlockQuoteLevel), 1);
    const auto rect = [&](int i) { return doc.documentLayout()->blockBoundingRect(blocks[i]); };
    const auto left = [&](int i) {  // where the block's text starts
        const QTextLayout* l = blocks[i].layout();
        return l->position().x() + l->lineAt(0).x();
    };
    const QList<QRectF> bars = rwkv::gui::quoteBars(&doc, 3);
    QStringList seen;
    for (const QRectF& r : bars) seen << QStringLiteral("%1,%2 %3x%4").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
    qInfo("bars %s; quote text at x %.1f, paragraphs at %.1f", qPrintable(seen.join(QStringLiteral(" / "))), left(1),
          left(0));
    QCOMPARE(bars.size(), 2);
    for (int i = 0; i < 2; ++i) {
        const int quote = 1 + 2 * i;
        QCOMPARE(bars[i].top(), rect(quote).top());
        QCOMPARE(bars[i].bottom(), rect(quote).bottom());
        QCOMPARE(bars[i].width(), 3.0);
        QVERIFY(bars[i].right() < left(quote) - 8);
        QVERIFY(bars[i].left() >= left(0));
    }
    QVERIFY(bars[1].height() >= 2 * bars[0].height() - 1);  // both of its lines
    // nothing without a quote
    QTextDocument plain;
    readAsAReply(plain, QStringLiteral("a > b\n\n- c"));
    plain.setTextWidth(600);
    QCOMPARE(rwkv::gui::quoteBars(&plain, 3).size(), 0);
}

// MarkdownSegment as a reply shows it: the quote's bar drawn in Theme.quoteBar left of its text, over its lines.
void TestMarkdownLists::segmentDrawsQuoteBars() {
    QQuickWindow window;
    window.resize(600, 400);
    window.setColor(Qt::white);
    std::unique_ptr<QObject> object;
    QQuickItem* const segment = showSegment(
        window, object, {{QStringLiteral("markdown"), QStringLiteral("Intro\n\n> slow on two cores,\n> build less\n\nEnd")}});
    QVERIFY(segment);
    QTRY_COMPARE(segment->property("quoteBars").toList().size(), 1);
    const QRectF bar = segment->property("quoteBars").toList().first().toRectF();
    const QImage shot = window.grabWindow();
    if (qEnvironmentVariableIsSet("RWKV_SHOT")) shot.save(qEnvironmentVariable("RWKV_SHOT"));
    const QColor barColor = QColor(0xc3, 0xc8, 0xd1);  // Theme.quoteBar, light
    const QPoint middle = segment->mapToScene(bar.center()).toPoint();
    const QPoint beside = segment->mapToScene(QPointF(bar.right() + 4, bar.center().y())).toPoint();
    qInfo("bar %.1f,%.1f %.1fx%.1f: colour %s, 4 px right %s", bar.x(), bar.y(), bar.width(), bar.height(),
          qPrintable(shot.pixelColor(middle).name()), qPrintable(shot.pixelColor(beside).name()));
    QCOMPARE(shot.pixelColor(middle), barColor);
    QVERIFY(shot.pixelColor(beside) != barColor);
    QVERIFY(bar.height() > 30);  // both lines
}

// Inline code in a table cell is drawn in the monospace font as it is in a paragraph, every span of a cell and of a row
// (session 26's note said only a table's first code span was; not so at HEAD: the spans looked alike at 1x, `x`, `a`
// and `fp16` draw much the same in either font). "iiii" and "mmmm" tell the fonts apart: the monospace "iiii" is as
// wide as its "mmmm", a proportional one less than half as wide. Each span's ink is measured in the window grabbed.
void TestMarkdownLists::segmentDrawsCodeInTablesMonospace() {
    QQuickWindow window;
    window.resize(600, 400);  // white, as a window is by default
    std::unique_ptr<QObject> object;
    QQuickItem* const segment = showSegment(
        window, object,
        {{QStringLiteral("markdown"), QStringLiteral("| Name | Notes |\n|---|---|\n| `iiii` `mmmm` | **b** `iiii` |\n"
                                                     "| `mmmm` | `iiii` x `mmmm` |\n\nAfter: `iiii` and `mmmm`.")}});
    QVERIFY(segment);
    QTextDocument* doc = segment->property("textDocument").value<QQuickTextDocument*>()->textDocument();
    const QImage shot = window.grabWindow();
    if (qEnvironmentVariableIsSet("RWKV_SHOT")) shot.save(qEnvironmentVariable("RWKV_SHOT"));
    const auto rect = [segment](int position) {
        QRectF r;
        QMetaObject::invokeMethod(segment, "positionToRectangle", Q_RETURN_ARG(QRectF, r), Q_ARG(int, position));
        return segment->mapRectToScene(r);
    };
    // The width of the dark pixels between a span's first and last character's edges, on its line.
    const auto inkWidth = [&](int from, int to) {
        const QRectF a = rect(from), b = rect(to);
        int first = -1, last = -1;
        for (int x = int(a.left()); x <= int(b.left()); ++x)
            for (int y = int(a.top()); y < int(a.bottom()); ++y)
                if (qGray(shot.pixel(x, y)) < 128) {
                    if (first < 0) first = x;
                    last = x;
                    break;
                }
        return first < 0 ? 0 : last - first + 1;
    };
    QHash<QString, int> paragraph;  // text -> ink width, outside the table
    QList<std::pair<QString, int>> cells;
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
        const bool inTable = QTextCursor(b).currentTable() != nullptr;
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextFragment f = it.fragment();
            if (!f.charFormat().fontFixedPitch()) continue;
            const int ink = inkWidth(f.position(), f.position() + f.length());
            if (inTable) cells.append({f.text(), ink});
            else paragraph.insert(f.text(), ink);
        }
    }
    QStringList seen;
    for (const auto& [text, ink] : cells) seen << QStringLiteral("%1 %2").arg(text).arg(ink);
    qInfo("ink widths in the cells: %s; in the paragraph: iiii %d, mmmm %d", qPrintable(seen.join(u", ")),
          paragraph.value(QStringLiteral("iiii")), paragraph.value(QStringLiteral("mmmm")));
    QCOMPARE(cells.size(), 6);
    QVERIFY(paragraph.value(QStringLiteral("iiii")) >= paragraph.value(QStringLiteral("mmmm")) - 4);  // monospace
    for (const auto& [text, ink] : cells)
        QVERIFY2(qAbs(ink - paragraph.value(text)) <= 2, qPrintable(QStringLiteral("%1: %2").arg(text).arg(ink)));
}

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    TestMarkdownLists test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_markdown_lists.moc"
