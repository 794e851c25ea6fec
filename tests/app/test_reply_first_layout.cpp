// test_reply_first_layout.cpp — a short message in its bubble (ReplyContent.qml inside a bubble laid out as
// MessageBubble.qml lays out its own) is never laid out narrower than its text: its text item is one line high from
// its creation on. Before session 18 the reply's column laid its pieces out once before the bubble had been given a
// width, so the text item got width 0 and wrapped every word onto a line of its own ("Hello there. How can I help
// you today?": 9 lines for a frame), the bubble grew and shrank back, and a scrolled-up view that followed it jumped
// (session 17 worked around the jump in ff93f65). The QML files are loaded from the source tree as the module
// RwkvDesktop ($RWKV_QML_DIR: another copy, e.g. an older commit's, to see it fail there); offscreen platform.
#include <QGuiApplication>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <memory>

#include "message_segments.h"
#include "qml_test_module.h"

class TestReplyFirstLayout : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void shortMessageKeepsOneLine_data();
    void shortMessageKeepsOneLine();
    void releasedRowsLeaveNoError();
    void aWordLongerThanAPieceWrapsAnywhere();

private:
    QTemporaryDir modules_;  // RwkvDesktop/: the app's QML files and a qmldir
    QQmlEngine engine_;
};

namespace {

/// Every TextEdit at or under `item`.
void textEdits(QQuickItem* item, QList<QQuickItem*>& out) {
    if (!item) return;
    if (item->inherits("QQuickTextEdit")) out << item;
    for (QQuickItem* child : item->childItems()) textEdits(child, out);
}

}  // namespace

void TestReplyFirstLayout::initTestCase() {
    const QString failed = rwkv::test::installQmlModule(modules_, engine_);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    // The pieces model is the app's own.
    qmlRegisterType<rwkv::app::MessageSegmentModel>("RwkvDesktop.Core", 1, 0, "MessageSegments");
}

void TestReplyFirstLayout::shortMessageKeepsOneLine_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("plain");  // a user's message (else a reply, Markdown)
    QTest::newRow("reply") << QStringLiteral("Hello there. How can I help you today?") << false;
    QTest::newRow("one word") << QStringLiteral("Hello!") << false;
    QTest::newRow("question") << QStringLiteral("What is 2 + 2?") << true;
}

// The bubble as MessageBubble.qml builds it: a row with the column of the bubble (at most 88 % of the width) and a
// filler; the bubble's preferred size is the reply's implicit size plus its margins. Reading the new bubble's implicit
// height (as ListView does to place a delegate) lays out the reply's column before the bubble has a width. The text
// item's height, from creation to a few frames later, is never more than its final one line (its lineCount is no
// witness: it read 1 while the item was 34 px high at width 0). HEAD before session 18: 153, 34 and 119 px first.
void TestReplyFirstLayout::shortMessageKeepsOneLine() {
    QFETCH(QString, text);
    QFETCH(bool, plain);
    QQuickWindow window;
    window.resize(900, 300);
    QQmlComponent component(&engine_);
    component.setData(QByteArrayLiteral(R"(import QtQuick
import QtQuick.Layouts
import RwkvDesktop
Item {
    id: root
    property alias text: reply.text
    property alias plain: reply.plain
    implicitHeight: row.implicitHeight
    RowLayout {
        id: row
        width: root.width
        spacing: 10
        ColumnLayout {
            id: column
            readonly property real maxWidth: root.width * 0.88
            Layout.maximumWidth: maxWidth
            Layout.alignment: Qt.AlignTop
            Rectangle {
                Layout.maximumWidth: column.maxWidth
                Layout.preferredWidth: reply.implicitWidth + 28
                Layout.preferredHeight: reply.implicitHeight + 20
                ReplyContent {
                    id: reply
                    objectName: "reply"
                    anchors.fill: parent
                    anchors.margins: 10
                    anchors.leftMargin: 14
                    anchors.rightMargin: 14
                }
            }
        }
        Item { Layout.fillWidth: true }
    }
})"),
                      QUrl(QStringLiteral("file:///bubble.qml")));
    // Made as ListView makes a delegate in a window on screen: the properties set before the component completes.
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    std::unique_ptr<QObject> object(component.beginCreate(engine_.rootContext()));
    QVERIFY2(object, qPrintable(component.errorString()));
    auto* bubble = qobject_cast<QQuickItem*>(object.get());
    QVERIFY(bubble);
    bubble->setProperty("text", text);
    bubble->setProperty("plain", plain);
    bubble->setParentItem(window.contentItem());
    component.completeCreate();
    bubble->setWidth(900);
    bubble->setHeight(bubble->implicitHeight());  // ListView reads a new delegate's height to place it

    QList<QQuickItem*> edits;
    textEdits(bubble, edits);
    QVERIFY(!edits.isEmpty());
    // The height of the text item whenever it was laid out anew (its implicit height: its lines at its width).
    QList<qreal> heights;
    QQuickItem* edit = edits.first();
    heights << edit->implicitHeight();
    QObject::connect(edit, &QQuickItem::implicitHeightChanged, &window,
                     [edit, &heights] { heights << edit->implicitHeight(); });
    QTest::qWait(300);
    QVERIFY(QTest::qWaitFor([&] { return edit->width() > 0; }, 2000));
    QStringList seen;
    for (qreal h : heights) seen << QString::number(h);
    qInfo("heights of the text item: %s; now %g px wide, %d line(s)", qPrintable(seen.join(u',')), edit->width(),
          edit->property("lineCount").toInt());
    QVERIFY2(*std::max_element(heights.cbegin(), heights.cend()) == edit->implicitHeight(),
             qPrintable(QStringLiteral("the text item was %1 px high before it settled at %2 (one line)")
                            .arg(*std::max_element(heights.cbegin(), heights.cend()))
                            .arg(edit->implicitHeight())));
    QCOMPARE(edit->property("lineCount").toInt(), 1);
}

namespace {
QStringList gQmlErrors;  // the "invalid context" and TypeError lines seen by releasedRowsLeaveNoError
QtMessageHandler gPreviousHandler = nullptr;
void collectQmlErrors(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    if (message.contains(QLatin1String("invalid context")) || message.contains(QLatin1String("TypeError")))
        gQmlErrors << message;
    if (gPreviousHandler) gPreviousHandler(type, context, message);
}
}  // namespace

// Replies in a list's rows (ReplyContent with the list as its view, as MessageBubble sets it), the rows made and
// released again before the event loop runs, as a quick switch between conversations does: nothing runs in a released
// row. Before (session 20's trial, F1/F7/F15: 58 of each for 48 clicks) each released reply's first band update,
// queued with Qt.callLater, ran in its destroyed QML context: "QQmlVMEMetaObject: Internal error - attempted to
// evaluate a function in an invalid context" and "ReplyContent.qml:61: TypeError: Property 'updateBand' … is not a
// function". HEAD's QML (RWKV_QML_DIR): 56 lines here.
void TestReplyFirstLayout::releasedRowsLeaveNoError() {
    QQuickWindow window;
    window.resize(600, 400);
    QQmlComponent component(&engine_);
    component.setData(QByteArrayLiteral(R"(import QtQuick
import RwkvDesktop
ListView {
    id: list
    model: 0
    delegate: Item {
        id: row
        width: list.width
        height: 60
        ReplyContent {
            width: parent.width
            text: "A reply in two pieces.\n\n```\ncode\n```"
            view: list
            place: row
        }
    }
})"),
                      QUrl(QStringLiteral("file:///rows.qml")));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    std::unique_ptr<QObject> object(component.create(engine_.rootContext()));
    QVERIFY2(object, qPrintable(component.errorString()));
    auto* list = qobject_cast<QQuickItem*>(object.get());
    QVERIFY(list);
    list->setParentItem(window.contentItem());
    list->setSize(QSizeF(600, 400));
    gQmlErrors.clear();
    gPreviousHandler = qInstallMessageHandler(collectQmlErrors);
    for (int round = 0; round < 3; ++round) {
        for (const int rows : {10, 0, 10, 0, 10}) list->setProperty("model", rows);
        QTest::qWait(100);
        list->setProperty("contentY", 200);
        QTest::qWait(100);
    }
    qInstallMessageHandler(gPreviousHandler);
    QVERIFY2(gQmlErrors.isEmpty(), qPrintable(QStringLiteral("%1 lines, the first: %2")
                                                  .arg(gQmlErrors.size())
                                                  .arg(gQmlErrors.value(0))));
}

// Session 59's loose ends: a chat holding a 150,000-letter word (a user's paste, a reply) took 1-2 s of CPU each time
// the message came back into view and its text item was made (ScrollBarTop / ScrollBarBottom: 4 jumps +4.5 s of CPU,
// the same chat with the word cut by spaces +0 s), and each width change as long: Qt 6.4's word wrap measured the rest
// of the word for every line. Its piece wraps anywhere now (the same lines); an ordinary text keeps the word wrap.
void TestReplyFirstLayout::aWordLongerThanAPieceWrapsAnywhere() {
    const QString word = QStringLiteral("ab0Z").repeated(30'000);  // 120,000 characters, no break
    const auto firstEdit = [](QQuickItem* content) -> QQuickItem* {
        QList<QQuickItem*> edits;
        textEdits(content, edits);
        const auto it = std::find_if(edits.cbegin(), edits.cend(),
                                     [](QQuickItem* e) { return !e->property("text").toString().isEmpty(); });
        return it == edits.cend() ? nullptr : *it;
    };
    for (const char* const plain : {"false", "true"}) {
        QQmlComponent component(&engine_);
        component.setData(QByteArray("import QtQuick\nimport RwkvDesktop\nItem { width: 600; height: 400\n"
                                     "ReplyContent { objectName: 'part'; width: 600; plain: ") + plain + " } }",
                          QUrl(QStringLiteral("file:///test.qml")));
        std::unique_ptr<QObject> root(component.create());
        QVERIFY2(root, qPrintable(component.errorString()));
        auto* content = root->findChild<QQuickItem*>(QStringLiteral("part"));
        QVERIFY(content);
        QVERIFY(content->setProperty("text", QStringLiteral("Short words that wrap at spaces.")));
        QQuickItem* edit = firstEdit(content);
        QVERIFY2(edit, plain);
        QCOMPARE(edit->property("wrapMode").toInt(), 4);  // TextEdit.Wrap
        QVERIFY(content->setProperty("text", word));
        edit = firstEdit(content);
        QVERIFY2(edit, plain);
        QCOMPARE(edit->property("wrapMode").toInt(), 3);  // TextEdit.WrapAnywhere; before: 4, the word wrap
    }
}

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    TestReplyFirstLayout test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_reply_first_layout.moc"
