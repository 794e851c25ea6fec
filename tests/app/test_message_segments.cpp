// test_message_segments.cpp — splitMessage (prose / fenced code / <think> reasoning) and MessageSegmentModel's
// in-place updates while a reply streams in. Code: app/core/message_segments.*
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

#include "message_segments.h"

using rwkv::app::MessageSegment;
using rwkv::app::MessageSegmentModel;
using rwkv::app::splitMessage;
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
    QTest::newRow("four spaces is not a fence")
        << QStringLiteral("    ```\nx")
        << QList<MessageSegment>{prose(QStringLiteral("    ```\nx"))};
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

QTEST_GUILESS_MAIN(TestMessageSegments)
#include "test_message_segments.moc"
