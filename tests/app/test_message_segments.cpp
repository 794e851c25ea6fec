// test_message_segments.cpp — splitMessage (prose / fenced code / <think> reasoning), splitPieces (long parts cut
// into pieces the view lays out one by one) and MessageSegmentModel's in-place updates while a reply streams in.
// Code: app/core/message_segments.*
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

#include "bidi_control.h"  // forTerminal, isolated
#include "drawable_text.h"
#include "message_segments.h"

using rwkv::app::MessageSegment;
using rwkv::app::MessageSegmentModel;
using rwkv::app::MessagePiece;
using rwkv::app::splitMessage;
using rwkv::app::splitPieces;
using Kind = MessageSegment::Kind;

Q_DECLARE_METATYPE(MessageSegment)

namespace {

MessageSegment prose(const QString& t) { return {Kind::Prose, t, {}, true}; }
MessageSegment code(const QString& t, const QString& lang, bool closed = true) { return {Kind::Code, t, lang, closed}; }
MessageSegment think(const QString& t, bool closed = true) { return {Kind::Think, t, {}, closed}; }

QString describe(const QList<MessageSegment>& segs) {
    QStringList out;
    for (const auto& s : segs)
        out << QStringLiteral("%1[%2|%3|%4]").arg(int(s.kind)).arg(s.text, s.language).arg(s.closed);
    return out.join(QStringLiteral(", "));
}

}  // namespace

class TestMessageSegments : public QObject {
    Q_OBJECT

private slots:
    void split_data();
    void split();
    void everyPrefixSplits();
    void modelUpdatesInPlaceWhileStreaming();
    void modelReplacesRowsWhoseKindChanges();
    void shortSegmentsAreOnePieceEach();
    void longCodeIsCutAtLineBreaks();
    void longProseIsCutAtBlankLines();
    void aLineWithoutBreaksIsCutInside();
    void aLongTextWithoutBreaksIsCutAtTheLimit();
    void aWordLongerThanAPieceIsNotCutInside();
    void aWordPieceIsMarked();
    void piecesOfAGrowingReplyStay();
    void modelOfALongReply();
    void plainTextIsOneProsePart();
    void pieceHoldingFindsASearchsWords();
    void objectReplacementIsDrawnAsReplacement();
    void drawableTextSwapsOnlyWhatQtDoesNotDraw();
    void drawableTextShowsControlsInsteadOfObeyingThem();
    void terminalTextLeavesOutIsolatesAndEscapesOverrides();
};

void TestMessageSegments::split_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<MessageSegment>>("expected");

    QTest::newRow("empty") << QString() << QList<MessageSegment>{};
    QTest::newRow("blank") << QStringLiteral(" \n\n  ") << QList<MessageSegment>{};
    QTest::newRow("prose only, markdown kept")
        << QStringLiteral("Hello **world**\n- a\n- b\n")
        << QList<MessageSegment>{prose(QStringLiteral("Hello **world**\n- a\n- b"))};
    QTest::newRow("prose, code, prose")
        << QStringLiteral("Use this:\n\n```cpp\nint main() {\n    return 0;\n}\n```\nThat is all.")
        << QList<MessageSegment>{prose(QStringLiteral("Use this:")),
                                 code(QStringLiteral("int main() {\n    return 0;\n}"), QStringLiteral("cpp")),
                                 prose(QStringLiteral("That is all."))};
    QTest::newRow("info string: first word is the language")
        << QStringLiteral("```python title=\"x.py\"\nprint(1)\n```")
        << QList<MessageSegment>{code(QStringLiteral("print(1)"), QStringLiteral("python"))};
    QTest::newRow("no language, indented fence, tildes")
        << QStringLiteral("  ~~~~\na\n\nb\n~~~~\n")
        << QList<MessageSegment>{code(QStringLiteral("a\n\nb"), QString())};
    QTest::newRow("a shorter or different fence does not close")
        << QStringLiteral("````\n```\n~~~\n````")
        << QList<MessageSegment>{code(QStringLiteral("```\n~~~"), QString())};
    QTest::newRow("a tab before a closing fence is 4 columns of indent: it does not close")
        << QStringLiteral("```\na\n\t```\nb\n```")
        << QList<MessageSegment>{code(QStringLiteral("a\n\t```\nb"), QString())};
    QTest::newRow("four spaces is not a fence: an indented code block")
        << QStringLiteral("    ```\nx")
        << QList<MessageSegment>{code(QStringLiteral("```"), QString()), prose(QStringLiteral("x"))};
    // CommonMark's indented code block is a code block as a fence without a language is (session 26's trial, F11:
    // it was prose, bare monospace with no box and no Copy).
    QTest::newRow("indented code block after a paragraph")
        << QStringLiteral("Run:\n\n    make\n      -j2\n\n    ctest\n\n\nDone.")
        << QList<MessageSegment>{prose(QStringLiteral("Run:")), code(QStringLiteral("make\n  -j2\n\nctest"), QString()),
                                 prose(QStringLiteral("Done."))};
    QTest::newRow("indented code block with a tab, at the end")
        << QStringLiteral("# Title\n\tx = 1\n  \ty = 2\n")
        << QList<MessageSegment>{prose(QStringLiteral("# Title")), code(QStringLiteral("x = 1\ny = 2"), QString())};
    QTest::newRow("indented code block keeps what is past 4 columns")
        << QStringLiteral("\n    code\n\t\tdeeper\n     five\n \t six")
        << QList<MessageSegment>{code(QStringLiteral("code\n\tdeeper\n five\n six"), QString())};
    QTest::newRow("indented line continuing a paragraph is prose")
        << QStringLiteral("one\n    two")
        << QList<MessageSegment>{prose(QStringLiteral("one\n    two"))};
    QTest::newRow("indented paragraph of a list item is prose")
        << QStringLiteral("- a\n\n    more of a\n\n10. b\n\n    more of b")
        << QList<MessageSegment>{prose(QStringLiteral("- a\n\n    more of a\n\n10. b\n\n    more of b"))};
    QTest::newRow("indented code block after a list has ended")
        << QStringLiteral("- a\n\nText\n\n    code")
        << QList<MessageSegment>{prose(QStringLiteral("- a\n\nText")), code(QStringLiteral("code"), QString())};
    QTest::newRow("indented code block right after a fenced one")
        << QStringLiteral("```\na\n```\n    b")
        << QList<MessageSegment>{code(QStringLiteral("a"), QString()), code(QStringLiteral("b"), QString())};
    QTest::newRow("inline backticks are prose")
        << QStringLiteral("Call `f()` or ``g``.")
        << QList<MessageSegment>{prose(QStringLiteral("Call `f()` or ``g``."))};
    QTest::newRow("backtick info string with a backtick is not a fence")
        << QStringLiteral("``` a`b\nx")
        << QList<MessageSegment>{prose(QStringLiteral("``` a`b\nx"))};
    QTest::newRow("unclosed fence streams as open code")
        << QStringLiteral("Here:\n```js\nlet a = 1;\n")
        << QList<MessageSegment>{prose(QStringLiteral("Here:")), code(QStringLiteral("let a = 1;"), QStringLiteral("js"), false)};
    QTest::newRow("half-written closing fence is held back")
        << QStringLiteral("```js\nlet a = 1;\n``")
        << QList<MessageSegment>{code(QStringLiteral("let a = 1;"), QStringLiteral("js"), false)};
    QTest::newRow("CRLF")
        << QStringLiteral("a\r\n```\r\nb\r\n```\r\n")
        << QList<MessageSegment>{prose(QStringLiteral("a")), code(QStringLiteral("b"), QString())};
    QTest::newRow("think then answer")
        << QStringLiteral("<think>\nThe user greets me.\n</think>\nHello!")
        << QList<MessageSegment>{think(QStringLiteral("The user greets me.")), prose(QStringLiteral("Hello!"))};
    QTest::newRow("think after leading space, empty reasoning")
        << QStringLiteral(" <think></think> Hi")
        << QList<MessageSegment>{think(QString()), prose(QStringLiteral(" Hi"))};
    QTest::newRow("think still open")
        << QStringLiteral("<think>Let me see")
        << QList<MessageSegment>{think(QStringLiteral("Let me see"), false)};
    QTest::newRow("think with a closing tag half written")
        << QStringLiteral("<think>Let me see</thi")
        << QList<MessageSegment>{think(QStringLiteral("Let me see"), false)};
    QTest::newRow("think containing a fence stays one block")
        << QStringLiteral("<think>try ```x``` here\n```\ncode\n```\n</think>\n```sh\nls\n```")
        << QList<MessageSegment>{think(QStringLiteral("try ```x``` here\n```\ncode\n```")),
                                 code(QStringLiteral("ls"), QStringLiteral("sh"))};
    // Think mode's prompt ends with "<think"; replies stored before ThinkFilter (901edf4) kept that tag in front of
    // whatever the model wrote. Shown as the filter now stores them: the answer alone, or the reasoning block.
    QTest::newRow("stored <think without > is the answer")
        << QStringLiteral("<think Hello there.")
        << QList<MessageSegment>{prose(QStringLiteral("Hello there."))};
    QTest::newRow("stored <think, blank lines, answer")
        << QStringLiteral("<think\n\nSure: 4")
        << QList<MessageSegment>{prose(QStringLiteral("Sure: 4"))};
    QTest::newRow("stored <think glued to the answer")
        << QStringLiteral("<thinkHello there.\n```\nx\n```")
        << QList<MessageSegment>{prose(QStringLiteral("Hello there.")), code(QStringLiteral("x"), QString())};
    QTest::newRow("stored <think alone is empty") << QStringLiteral("<think") << QList<MessageSegment>{};
    QTest::newRow("stored <think, blanks, > is reasoning")
        << QStringLiteral("<think \n>plan</think>\nHi")
        << QList<MessageSegment>{think(QStringLiteral("plan")), prose(QStringLiteral("Hi"))};
    QTest::newRow("another tag starting with <think stays")
        << QStringLiteral("<thinking>yes</thinking>")
        << QList<MessageSegment>{prose(QStringLiteral("<thinking>yes</thinking>"))};
    QTest::newRow("think inside prose is prose")
        << QStringLiteral("I <think> so")
        << QList<MessageSegment>{prose(QStringLiteral("I <think> so"))};
    QTest::newRow("think tag inside code is code")
        << QStringLiteral("```\n<think>\n```")
        << QList<MessageSegment>{code(QStringLiteral("<think>"), QString())};
    QTest::newRow("empty closed code block")
        << QStringLiteral("```\n```")
        << QList<MessageSegment>{code(QString(), QString())};
}

void TestMessageSegments::split() {
    QFETCH(QString, text);
    QFETCH(QList<MessageSegment>, expected);
    const QList<MessageSegment> got = splitMessage(text);
    QVERIFY2(got == expected, qPrintable(QStringLiteral("got %1\nwant %2").arg(describe(got), describe(expected))));
}

// Streaming: every prefix of a reply splits without surprises — at most one unclosed segment, and it is last.
void TestMessageSegments::everyPrefixSplits() {
    const QString reply = QStringLiteral(
        "<think>\nplan: show code\n</think>\nSure:\n```python\nfor i in range(3):\n    print(i)\n```\nDone, see `i`.");
    for (qsizetype n = 0; n <= reply.size(); ++n) {
        const QList<MessageSegment> segs = splitMessage(reply.left(n));
        for (qsizetype i = 0; i + 1 < segs.size(); ++i)
            QVERIFY2(segs[i].closed, qPrintable(QStringLiteral("prefix %1: %2").arg(n).arg(describe(segs))));
        for (const auto& s : segs) QVERIFY(!s.text.contains(QStringLiteral("</th")));
    }
    QCOMPARE(splitMessage(reply).size(), 4);
}

void TestMessageSegments::modelUpdatesInPlaceWhileStreaming() {
    MessageSegmentModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy count(&model, &MessageSegmentModel::countChanged);

    model.setText(QStringLiteral("Here"));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(inserted.size(), 1);
    model.setText(QStringLiteral("Here is code:"));  // the prose row changes in place
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.last().at(0).toModelIndex().row(), 0);
    model.setText(QStringLiteral("Here is code:\n```c\nint x;"));  // a code row is appended
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.last().at(1).toInt(), 1);
    const QModelIndex codeRow = model.index(1);
    QCOMPARE(codeRow.data(MessageSegmentModel::KindRole).toInt(), int(MessageSegmentModel::Kind::Code));
    QCOMPARE(codeRow.data(MessageSegmentModel::LanguageRole).toString(), QStringLiteral("c"));
    QCOMPARE(codeRow.data(MessageSegmentModel::ClosedRole).toBool(), false);
    changed.clear();
    model.setText(QStringLiteral("Here is code:\n```c\nint x;\n```"));  // closes in place; prose untouched
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.last().at(0).toModelIndex().row(), 1);
    QCOMPARE(model.index(1).data(MessageSegmentModel::ClosedRole).toBool(), true);
    QCOMPARE(model.index(1).data(MessageSegmentModel::SegmentTextRole).toString(), QStringLiteral("int x;"));
    QCOMPARE(removed.size(), 0);
    QCOMPARE(count.size(), 2);
    QCOMPARE(model.roleNames().value(MessageSegmentModel::SegmentTextRole), QByteArray("segmentText"));

    changed.clear();
    model.setText(model.text());  // same text: nothing happens
    QCOMPARE(changed.size(), 0);
    model.setText(QString());  // cleared: rows removed
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(removed.size(), 1);
}

void TestMessageSegments::modelReplacesRowsWhoseKindChanges() {
    MessageSegmentModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setText(QStringLiteral("a\n```\nb\n```\nc"));
    QCOMPARE(model.rowCount(), 3);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.setText(QStringLiteral("<think>x</think>a"));  // think, prose: every row's kind differs from row 0 on
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.last().at(1).toInt(), 0);
    QCOMPARE(removed.last().at(2).toInt(), 2);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.index(0).data(MessageSegmentModel::KindRole).toInt(), int(MessageSegmentModel::Kind::Think));
    QCOMPARE(model.index(1).data(MessageSegmentModel::SegmentTextRole).toString(), QStringLiteral("a"));
}

namespace {

/// The pieces' texts of segment `segment`.
QStringList pieceTexts(const QList<MessagePiece>& pieces, int segment) {
    QStringList out;
    for (const MessagePiece& p : pieces)
        if (p.segment == segment) out << p.part.text;
    return out;
}

/// first / last / segment / kind / language / closed of every piece agree with the segments they came from.
void checkPieceFlags(const QList<MessagePiece>& pieces, const QList<MessageSegment>& segments) {
    for (qsizetype i = 0; i < pieces.size(); ++i) {
        const MessagePiece& p = pieces[i];
        QVERIFY(p.segment >= 0 && p.segment < segments.size());
        QCOMPARE(p.first, i == 0 || pieces[i - 1].segment != p.segment);
        QCOMPARE(p.last, i + 1 == pieces.size() || pieces[i + 1].segment != p.segment);
        QCOMPARE(p.part.kind, segments[p.segment].kind);
        QCOMPARE(p.part.language, segments[p.segment].language);
        QCOMPARE(p.part.closed, segments[p.segment].closed);
    }
}

}  // namespace

// A reply of short parts is one piece per segment, the segment itself.
void TestMessageSegments::shortSegmentsAreOnePieceEach() {
    const QList<MessageSegment> segs =
        splitMessage(QStringLiteral("<think>hm</think>Use:\n```cpp\nint a;\n```\nDone."));
    QCOMPARE(segs.size(), 4);  // reasoning, prose, code, prose
    const QList<MessagePiece> pieces = splitPieces(segs);
    QCOMPARE(pieces.size(), 4);
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(pieces[i].part, segs[i]);
        QCOMPARE(pieces[i].segment, i);
        QVERIFY(pieces[i].first && pieces[i].last);
    }
    QVERIFY(splitPieces({}).isEmpty());
}

// 3,000 lines of code (~100 KB): pieces of at most 4,096 characters, each ending where a line ended, that give the
// code back joined with line breaks; prose before and after stays one piece each.
void TestMessageSegments::longCodeIsCutAtLineBreaks() {
    QStringList lines;
    for (int i = 0; i < 3000; ++i) lines << QStringLiteral("    x[%1] = f(x[%2]) + %3;  // step").arg(i).arg(i * 7 % 64).arg(i);
    const QString code = lines.join(u'\n');
    const QList<MessageSegment> segs =
        splitMessage(QStringLiteral("Before.\n```c\n") + code + QStringLiteral("\n```\nAfter."));
    QCOMPARE(segs.size(), 3);
    const QList<MessagePiece> pieces = splitPieces(segs);
    checkPieceFlags(pieces, segs);
    const QStringList texts = pieceTexts(pieces, 1);
    QVERIFY2(texts.size() >= code.size() / rwkv::app::kMaxPieceChars + 1, qPrintable(QString::number(texts.size())));
    for (const QString& t : texts) {
        QVERIFY(t.size() <= rwkv::app::kMaxPieceChars);
        QVERIFY2(t.size() > rwkv::app::kMaxPieceChars - 60 || &t == &texts.last(), qPrintable(QString::number(t.size())));
        QVERIFY(!t.startsWith(u'\n') && !t.endsWith(u'\n'));
    }
    QCOMPARE(texts.join(u'\n'), code);
    QCOMPARE(pieceTexts(pieces, 0), QStringList{QStringLiteral("Before.")});
    QCOMPARE(pieceTexts(pieces, 2), QStringList{QStringLiteral("After.")});
}

// 200 paragraphs of Markdown prose: each piece ends at a blank line (a paragraph's end), at most 4,096 characters;
// joined with blank lines they give the prose back.
void TestMessageSegments::longProseIsCutAtBlankLines() {
    QStringList paragraphs;
    for (int i = 0; i < 200; ++i)
        paragraphs << QStringLiteral("Paragraph %1 has **some** words, `code` and a [link](https://example.org/%1). ")
                          .arg(i)
                          .repeated(1 + i % 5);
    const QString prose = paragraphs.join(QStringLiteral("\n\n"));
    const QList<MessageSegment> segs = splitMessage(prose);
    QCOMPARE(segs.size(), 1);
    const QList<MessagePiece> pieces = splitPieces(segs);
    checkPieceFlags(pieces, segs);
    QVERIFY(pieces.size() > 1);
    QStringList texts = pieceTexts(pieces, 0);
    for (const QString& t : texts) {
        QVERIFY(t.size() <= rwkv::app::kMaxPieceChars);
        QVERIFY(t.startsWith(QStringLiteral("Paragraph ")));
        QVERIFY(t.endsWith(QStringLiteral(". ")) || t.endsWith(u'.'));
    }
    QCOMPARE(texts.join(QStringLiteral("\n\n")), segs[0].text);
}

// One line of 10,000 characters: prose is cut at the last space that fits (the space dropped), code inside the line
// (nothing dropped) and never between the two halves of a surrogate pair (an emoji).
void TestMessageSegments::aLineWithoutBreaksIsCutInside() {
    const QString words = QStringLiteral("word ").repeated(2000).trimmed();
    const QList<MessagePiece> prose = splitPieces({MessageSegment{Kind::Prose, words, {}, true}});
    QVERIFY(prose.size() >= 3);
    QCOMPARE(pieceTexts(prose, 0).join(u' '), words);
    for (const MessagePiece& p : prose) QVERIFY(p.part.text.size() <= rwkv::app::kMaxPieceChars);

    const QString emoji = QStringLiteral("a") + QString::fromUtf8("\xF0\x9F\x98\x80").repeated(5000);  // 1 + 10,000 UTF-16 units
    for (const auto& [kind, maxWord] : {std::pair{Kind::Code, rwkv::app::kMaxPieceChars}, std::pair{Kind::Prose, qsizetype(6000)}}) {
        const QList<MessagePiece> pieces = splitPieces({MessageSegment{kind, emoji, {}, true}}, rwkv::app::kMaxPieceChars, maxWord);
        QVERIFY(pieces.size() >= 2);
        QCOMPARE(pieceTexts(pieces, 0).join(QString()), emoji);
        for (const MessagePiece& p : pieces) {
            QVERIFY(p.part.text.size() <= maxWord);
            QVERIFY(!p.part.text.front().isLowSurrogate() && !p.part.text.back().isHighSurrogate());
        }
    }
}

// A word longer than a piece (a 120,000-character hash or base64 as a reply's prose, a user's message, reasoning) is
// one piece, cut where it ends — at the space or the line breaks after it, dropped as between words — not inside: its
// pieces, each a text item, drew a short line and a new one every 4,096 characters, where the text should wrap at
// the bubble's edge only (session 58's loose ends: "the pieces of a 120,000-character word": 30). While the word is the
// text's end (streaming) it is the last piece, whole; a word longer than kMaxWordPieceChars is cut inside there.
void TestMessageSegments::aWordLongerThanAPieceIsNotCutInside() {
    const QString word = QStringLiteral("ab0Z").repeated(30'000);  // 120,000 characters
    for (const Kind kind : {Kind::Prose, Kind::Think}) {
        const QList<MessagePiece> alone = splitPieces({MessageSegment{kind, word, {}, true}});
        QCOMPARE(alone.size(), 1);
        QCOMPARE(alone[0].part.text, word);
        const QString text = QStringLiteral("Before it. ") + word + QStringLiteral("\n\n\nAfter it, words.");
        const QList<MessagePiece> pieces = splitPieces({MessageSegment{kind, text, {}, true}});
        QCOMPARE(pieceTexts(pieces, 0),
                 (QStringList{QStringLiteral("Before it."), word, QStringLiteral("After it, words.")}));
        const QList<MessagePiece> spaced = splitPieces({MessageSegment{kind, word + QStringLiteral(" and on"), {}, true}});
        QCOMPARE(pieceTexts(spaced, 0), (QStringList{word, QStringLiteral("and on")}));
    }
    // Longer than kMaxWordPieceChars: cut inside there, no character lost.
    const QString longer = word.repeated(3);  // 360,000
    const QList<MessagePiece> pieces = splitPieces({MessageSegment{Kind::Prose, longer, {}, true}});
    QCOMPARE(pieces.size(), 2);
    QCOMPARE(pieces[0].part.text.size(), rwkv::app::kMaxWordPieceChars);
    QCOMPARE(pieceTexts(pieces, 0).join(QString()), longer);
    // Code does not wrap (a block scrolls sideways): a line longer than a piece is still cut at kMaxPieceChars.
    QCOMPARE(splitPieces({MessageSegment{Kind::Code, word, {}, true}}).size(),
             (word.size() + rwkv::app::kMaxPieceChars - 1) / rwkv::app::kMaxPieceChars);
}

// Session 59's loose ends: Qt 6.4's word wrap of a 150,000-letter word took 5 s each time its text item was made (the
// message scrolled back into view) or its width changed, where wrapping anywhere gives the same lines in 0.7 s. The
// model marks such a piece (wordPiece: one word longer than a piece), and ReplyContent wraps it anywhere; ordinary prose
// and code pieces are not marked, in a reply or a user's plain text.
void TestMessageSegments::aWordPieceIsMarked() {
    const QString word = QStringLiteral("ab0Z").repeated(30'000);  // 120,000 characters
    for (const bool plain : {false, true}) {
        MessageSegmentModel model;
        model.setPlain(plain);
        model.setText(QStringLiteral("Before it. ") + word + QStringLiteral("\n\nAfter it, words."));
        QCOMPARE(model.rowCount(), 3);
        QList<bool> marked;
        for (int r = 0; r < model.rowCount(); ++r) marked << model.index(r).data(MessageSegmentModel::WordPieceRole).toBool();
        QCOMPARE(marked, (QList<bool>{false, true, false}));
        QVERIFY(model.roleNames().value(MessageSegmentModel::WordPieceRole) == "wordPiece");
    }
    MessageSegmentModel code;  // a long line of code is cut at a piece's size and scrolls sideways: never marked
    code.setText(QStringLiteral("```\n") + word + QStringLiteral("\n```"));
    QVERIFY(code.rowCount() > 1);
    for (int r = 0; r < code.rowCount(); ++r) QVERIFY(!code.index(r).data(MessageSegmentModel::WordPieceRole).toBool());
}

// The trial's 3,000,000 'x' (session 20, F3) and the same with one space near the start: as code every piece but the
// last is exactly kMaxPieceChars, as prose kMaxWordPieceChars (one word; the early space is not reached back to from a
// later piece), and the pieces give the text back. The search for a place to cut looks only inside the piece's window: it searched back to
// the text's start, ~3e9 character compares for this text (12 s of the imported conversation's opening; the time is
// measured with RWKV_TIMING=1, not here).
void TestMessageSegments::aLongTextWithoutBreaksIsCutAtTheLimit() {
    const QString xs(3'000'000, u'x');
    const QString spaced = QStringLiteral("xxxxxxxxx ") + xs;
    for (const auto& [kind, size] : {std::pair{Kind::Code, rwkv::app::kMaxPieceChars},
                                     std::pair{Kind::Prose, rwkv::app::kMaxWordPieceChars}}) {
        const QList<MessagePiece> pieces = splitPieces({MessageSegment{kind, xs, {}, true}});
        QCOMPARE(pieces.size(), (xs.size() + size - 1) / size);
        for (qsizetype i = 0; i + 1 < pieces.size(); ++i) QCOMPARE(pieces[i].part.text.size(), size);
        QCOMPARE(pieceTexts(pieces, 0).join(QString()), xs);
    }
    const QList<MessagePiece> pieces = splitPieces({MessageSegment{Kind::Prose, spaced, {}, true}});
    QCOMPARE(pieces.first().part.text, QStringLiteral("xxxxxxxxx"));  // cut at the space, which is dropped
    for (qsizetype i = 1; i + 1 < pieces.size(); ++i) QCOMPARE(pieces[i].part.text.size(), rwkv::app::kMaxWordPieceChars);
    QCOMPARE(pieceTexts(pieces, 0).join(QString()), QStringLiteral("xxxxxxxxx") + xs);
}

// Streaming: while a reply grows, a piece that has another of its segment after it never changes (its delegate and a
// selection in it stay; only `closed` follows the segment), checked on every prefix of a reply of prose, code and
// prose cut into pieces of at most 64 characters.
void TestMessageSegments::piecesOfAGrowingReplyStay() {
    QString reply = QStringLiteral("Intro words here.\n\n");
    for (int i = 0; i < 12; ++i) reply += QStringLiteral("Sentence %1 of the intro goes on a while. ").arg(i) + (i % 3 == 2 ? QStringLiteral("\n\n") : QString());
    reply += QStringLiteral("\n```py\n");
    for (int i = 0; i < 20; ++i) reply += QStringLiteral("print(%1 * %1)\n").arg(i);
    reply += QStringLiteral("```\nThe end of it all, in one last paragraph of words.");
    const QList<MessagePiece> whole = splitPieces(splitMessage(reply), 64);
    QVERIFY(whole.size() > 10);
    for (qsizetype n = 0; n <= reply.size(); ++n) {
        const QList<MessagePiece> part = splitPieces(splitMessage(reply.left(n)), 64);
        for (qsizetype i = 0; i + 1 < part.size(); ++i) {
            if (part[i].segment != part[i + 1].segment) continue;  // the segment's last piece may still change
            QVERIFY2(i < whole.size() && part[i].part.text == whole[i].part.text && part[i].segment == whole[i].segment &&
                         part[i].first == whole[i].first && part[i].part.kind == whole[i].part.kind,
                     qPrintable(QStringLiteral("prefix %1, piece %2: '%3'").arg(n).arg(i).arg(part[i].part.text)));
        }
    }
}

// The model's rows are the pieces: a code block of ~100 KB streamed line by line only changes its last row or adds
// rows (no row removed), wholeSegmentText gives the whole block from any of its pieces, and wrappedLines counts the
// lines a piece takes at a width.
void TestMessageSegments::modelOfALongReply() {
    MessageSegmentModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QString reply = QStringLiteral("Here:\n```txt\n");
    QString code;
    model.setText(reply);
    for (int i = 0; i < 3000; ++i) {
        const QString line = QStringLiteral("line %1 of the log, with some more words on it").arg(i);
        code += (i ? QStringLiteral("\n") : QString()) + line;
        reply += line + u'\n';
        if (i % 10 == 9) model.setText(reply);
    }
    model.setText(reply + QStringLiteral("```"));
    QCOMPARE(removed.size(), 0);
    QVERIFY(model.rowCount() > 20);
    QCOMPARE(model.roleNames().value(MessageSegmentModel::FirstRole), QByteArray("first"));
    QCOMPARE(model.index(1).data(MessageSegmentModel::FirstRole).toBool(), true);
    QCOMPARE(model.index(2).data(MessageSegmentModel::FirstRole).toBool(), false);
    QCOMPARE(model.index(model.rowCount() - 1).data(MessageSegmentModel::LastRole).toBool(), true);
    QCOMPARE(model.index(model.rowCount() - 1).data(MessageSegmentModel::ClosedRole).toBool(), true);
    QCOMPARE(model.index(model.rowCount() - 1).data(MessageSegmentModel::SegmentRole).toInt(), 1);
    QCOMPARE(model.wholeSegmentText(1), code);
    QCOMPARE(model.wholeSegmentText(model.rowCount() - 1), code);
    QCOMPARE(model.wholeSegmentText(0), QStringLiteral("Here:"));
    QCOMPARE(model.wholeSegmentText(model.rowCount()), QString());
    QStringList texts;
    for (int r = 1; r < model.rowCount(); ++r) texts << model.index(r).data(MessageSegmentModel::SegmentTextRole).toString();
    QCOMPARE(texts.join(u'\n'), code);

    model.setText(QStringLiteral("ab\n\nabcdefgh\nabc"));  // one prose piece of three lines and a blank one
    QCOMPARE(model.wrappedLines(0, 0), 4);
    QCOMPARE(model.wrappedLines(0, 4), 1 + 1 + 2 + 1);
    QCOMPARE(model.index(0).data(MessageSegmentModel::LongestLineRole).toInt(), 8);
    QCOMPARE(model.wrappedLines(1, 4), 0);
}

// A user's message (plain): shown as typed — a fence, a <think> tag and surrounding blank lines stay text in one prose
// part — and a long one is cut into pieces as prose is. Switching plain on re-splits the same text.
void TestMessageSegments::plainTextIsOneProsePart() {
    MessageSegmentModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString typed = QStringLiteral("\n<think>hm</think>\n```\nls\n```\n  ");
    model.setText(typed);
    QCOMPARE(model.rowCount(), 2);  // a reply: reasoning and code
    QSignalSpy plainChanged(&model, &MessageSegmentModel::plainChanged);
    model.setPlain(true);
    QCOMPARE(plainChanged.size(), 1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0).data(MessageSegmentModel::KindRole).toInt(), int(MessageSegmentModel::Kind::Prose));
    QCOMPARE(model.index(0).data(MessageSegmentModel::SegmentTextRole).toString(), typed);
    QVERIFY(model.endsWithProse());
    model.setText(QString());
    QCOMPARE(model.rowCount(), 0);

    QString log;
    for (int i = 0; i < 2000; ++i) log += QStringLiteral("[%1] usb 1-1: new device found\n").arg(i);
    model.setText(log);
    QVERIFY(model.rowCount() > 10);
    QStringList texts;
    for (int r = 0; r < model.rowCount(); ++r) {
        texts << model.index(r).data(MessageSegmentModel::SegmentTextRole).toString();
        QVERIFY(texts.last().size() <= rwkv::app::kMaxPieceChars);
    }
    QCOMPARE(texts.join(u'\n'), log);  // cut at line breaks (dropped); the last piece keeps the text's last one
    QCOMPARE(model.wholeSegmentText(3), log);
}

// U+FFFC (where an image was in copied text; a World token) made Qt's TextEdit draw the run holding it as an inline
// object: nothing (session 35's trial: an empty user bubble, a reply paragraph cut at it). The view gets U+FFFD in
// its place — in a user's text, a reply's paragraph, a code block and the reasoning — one unit for one, while a code
// block's Copy (wholeSegmentText) and the model's text keep the original.
void TestMessageSegments::objectReplacementIsDrawnAsReplacement() {
    const QChar obj(0xFFFC), shown(0xFFFD);
    const QString user = QStringLiteral("see the chart %1 above").arg(obj);
    MessageSegmentModel model;
    model.setPlain(true);
    model.setText(user);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0).data(MessageSegmentModel::SegmentTextRole).toString(),
             QStringLiteral("see the chart %1 above").arg(shown));
    QCOMPARE(model.text(), user);  // what is stored and copied

    model.setPlain(false);
    const QString reply = QStringLiteral("<think>look %1 here</think>\nThe chart %1 shows **growth**.\n\n"
                                         "```txt\nfig %1 1\n```\nEnd %1")
                              .arg(obj);
    model.setText(reply);
    QCOMPARE(model.rowCount(), 4);
    const auto shownAt = [&](int row) { return model.index(row).data(MessageSegmentModel::SegmentTextRole).toString(); };
    QCOMPARE(model.index(0).data(MessageSegmentModel::KindRole).toInt(), int(MessageSegmentModel::Kind::Think));
    QCOMPARE(shownAt(0), QStringLiteral("look %1 here").arg(shown));
    QCOMPARE(model.index(1).data(MessageSegmentModel::KindRole).toInt(), int(MessageSegmentModel::Kind::Prose));
    QCOMPARE(shownAt(1), QStringLiteral("The chart %1 shows **growth**.").arg(shown));
    QCOMPARE(model.index(2).data(MessageSegmentModel::KindRole).toInt(), int(MessageSegmentModel::Kind::Code));
    QCOMPARE(shownAt(2), QStringLiteral("fig %1 1").arg(shown));
    QCOMPARE(model.wholeSegmentText(2), QStringLiteral("fig %1 1").arg(obj));  // the code block's Copy
    QCOMPARE(shownAt(3), QStringLiteral("End %1").arg(shown));
    QCOMPARE(model.index(1).data(MessageSegmentModel::LongestLineRole).toInt(), 29);
    QCOMPARE(model.text(), reply);

    // A long text of them is cut into the same pieces as before, each drawn with U+FFFD only.
    QString many;
    for (int i = 0; i < 3000; ++i) many += QStringLiteral("word%1 ").arg(obj);
    model.setPlain(true);
    model.setText(many);
    QVERIFY(model.rowCount() > 3);
    qsizetype drawn = 0;
    for (int r = 0; r < model.rowCount(); ++r) {
        const QString piece = shownAt(r);
        QVERIFY(!piece.contains(obj));
        QCOMPARE(piece.count(shown), piece.count(QStringLiteral("word")));
        drawn += piece.size();
    }
    QCOMPARE(drawn + model.rowCount() - 1, many.size());  // the spaces at the cuts dropped, nothing else
}

// Only the characters Qt does not draw as characters are swapped, one UTF-16 unit for one: U+FFFC, U+0000 (the end
// of Text.StyledText's reading) and half a surrogate pair; a whole pair (an emoji), U+2028 / U+2029 (drawn as line
// breaks) and ordinary text stay. A text with nothing to swap is given back as it is (no copy).
void TestMessageSegments::drawableTextSwapsOnlyWhatQtDoesNotDraw() {
    using rwkv::app::drawableText;
    const QString emoji = QString::fromUtf8("\xF0\x9F\x98\x80");  // U+1F600, a surrogate pair
    const QString kept = QStringLiteral("a") + QChar(0x2028) + QStringLiteral("b") + QChar(0x2029) + emoji +
                         QChar(0xFFFD) + QChar(0xFEFF) + QStringLiteral("\t\n<b>");
    QCOMPARE(drawableText(kept), kept);
    QVERIFY(drawableText(kept).isSharedWith(kept));
    QString bad = QStringLiteral("x") + QChar(0xFFFC) + QChar(0) + QChar(0xD83D) + QStringLiteral("y") + QChar(0xDE00) +
                  emoji + QChar(0xDE00) + QChar(0xD83D);
    const QString r = QChar(0xFFFD);
    QCOMPARE(drawableText(bad), QStringLiteral("x") + r + r + r + QStringLiteral("y") + r + emoji + r + r);
    QCOMPARE(drawableText(QString(QChar(0xD800))), r);
    QCOMPARE(drawableText(QString(QChar(0xDC00))), r);
    QCOMPARE(drawableText(QString()), QString());
}

// Session 39's check: U+202E in a message turned the rest of its line around ("\u202eevil" drew "live") and ESC drew
// as an empty box. Each bidi embedding, override and isolate (isBidiControl, as the titles leave out) and each control
// character but tab, line feed and carriage return is drawn as U+FFFD, one for one; the marks U+200E / U+200F / U+061C
// and right-to-left letters stay, so an Arabic or Hebrew line still reads right to left.
void TestMessageSegments::drawableTextShowsControlsInsteadOfObeyingThem() {
    using rwkv::app::drawableText;
    const QString r = QChar(0xFFFD);
    QCOMPARE(drawableText(QStringLiteral("\u202Eevil\u202C title \u2067x\u2069 \u202Ay \u202Dz\u202B \u2066\u2068")),
             QStringLiteral("%1evil%1 title %1x%1 %1y %1z%1 %1%1").arg(r));
    QCOMPARE(drawableText(QStringLiteral("\x1b[31mred\x1b[0m\x7f\x85\x9f\x01\x0b\x0c\x1f")),
             QStringLiteral("%1[31mred%1[0m%1%1%1%1%1%1%1").arg(r));
    const QString kept = QStringLiteral("a\tb\r\nc ") +  // made at run time, as a message's text is (isSharedWith)
                         QStringLiteral("\u200E\u200F\u061C \u00A0\u00A9 שלום عربي \u2028\u202F\u2060\u206A");
    QCOMPARE(drawableText(kept), kept);
    QVERIFY(drawableText(kept).isSharedWith(kept));
    // Only the drawn text changes: the model's roles for Copy keep the control.
    rwkv::app::MessageSegmentModel model;
    model.setPlain(true);
    model.setText(QStringLiteral("\u202Eevil\x1b"));
    QCOMPARE(model.data(model.index(0), rwkv::app::MessageSegmentModel::SegmentTextRole).toString(),
             QStringLiteral("%1evil%1").arg(r));
    QCOMPARE(model.wholeSegmentText(0), QStringLiteral("\u202Eevil\x1b"));
}

// The app's lines on stderr (bidi_control.h forTerminal): the isolates the window's sentences put around a path are
// left out — a path copied from the terminal kept them and named no file (session 42's trial) — and an override or
// embedding is written as rwkv-cli writes it, so that it turns nothing on the line; marks and other text stay.
void TestMessageSegments::terminalTextLeavesOutIsolatesAndEscapesOverrides() {
    using rwkv::app::forTerminal;
    QCOMPARE(forTerminal(QStringLiteral("File: \u2068/tmp/x/conversations.sqlite\u2069\nnext")),
             QStringLiteral("File: /tmp/x/conversations.sqlite\nnext"));
    QCOMPARE(forTerminal(rwkv::app::isolated(QStringLiteral("/home/ab\u202Ecd"))), QStringLiteral("/home/ab\\u202ecd"));
    QCOMPARE(forTerminal(QStringLiteral("\u202A\u202B\u202C\u202D\u2066x\u2067")),
             QStringLiteral("\\u202a\\u202b\\u202c\\u202d") + QStringLiteral("x"));
    QCOMPARE(forTerminal(QStringLiteral("\u200Fשלום\u200E 你好 🦆")), QStringLiteral("\u200Fשלום\u200E 你好 🦆"));
    QCOMPARE(forTerminal(QString()), QString());
}

// Where a search hit opens a long message (ReplyContent.showWords): the first piece that holds the search's words, case
// aside and its blanks matching a line break or a tab (as the search finds them), else the first word's; -1 for none.
void TestMessageSegments::pieceHoldingFindsASearchsWords() {
    MessageSegmentModel model;
    model.setPlain(true);
    QString text;
    for (int i = 0; i < 400; ++i) text += QStringLiteral("%1 log line with some text: ERROR at module %2\n").arg(i, 5, 10, QChar(u'0')).arg(i % 17);
    const qsizetype late = text.indexOf(QStringLiteral("00350 "));
    text.insert(late, QStringLiteral("Zebra\n\tcrossing here. "));
    model.setText(text);
    QVERIFY(model.rowCount() > 3);
    int holding = -1;  // the piece whose text holds "Zebra"
    for (int r = 0; r < model.rowCount() && holding < 0; ++r)
        if (model.index(r).data(MessageSegmentModel::SegmentTextRole).toString().contains(QStringLiteral("Zebra"))) holding = r;
    QVERIFY(holding > 0);
    QCOMPARE(model.pieceHolding(QStringLiteral("zebra crossing")), holding);
    QCOMPARE(model.pieceHolding(QStringLiteral("  ZEBRA   Crossing ")), holding);
    QCOMPARE(model.pieceHolding(QStringLiteral("zebra spotted")), holding);  // the first word, without the phrase
    QCOMPARE(model.pieceHolding(QStringLiteral("log line")), 0);
    QCOMPARE(model.pieceHolding(QStringLiteral("giraffe")), -1);
    QCOMPARE(model.pieceHolding(QStringLiteral(" \t")), -1);
    QCOMPARE(model.pieceHolding(QStringLiteral("module.1")), -1);  // the words as written, not a pattern ("module 1")
}

QTEST_GUILESS_MAIN(TestMessageSegments)
#include "test_message_segments.moc"
