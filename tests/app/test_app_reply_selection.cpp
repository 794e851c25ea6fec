// test_app_reply_selection.cpp — the three parts of a reply (app/gui/qml: MarkdownSegment.qml prose, CodeBlock.qml
// code, ThinkBlock.qml reasoning) keep words selected in them when their text grows, as it does every ~30 ms while a
// reply streams. The QML files are loaded from the source tree as the module RwkvDesktop (a qmldir written here), with
// stand-ins for the C++ singletons Theme reads (AppSettings.theme, SystemTheme.dark); offscreen platform.
// Before session 16 only the prose kept its selection (MarkdownSegment's replaceText, session 15): the code and the
// reasoning were bound to their text, and each new piece cleared a selection made in them.
#include <QGuiApplication>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickItem>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

#include "qml_test_module.h"

class TestAppReplySelection : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void selectionLastsWhileThePartGrows_data();
    void selectionLastsWhileThePartGrows();

private:
    QTemporaryDir modules_;  // RwkvDesktop/: the app's QML files and a qmldir
    QQmlEngine engine_;
};

namespace {

/// The first TextEdit at or under `item` with text, in the tree's order.
QQuickItem* firstTextEdit(QQuickItem* item) {
    if (!item) return nullptr;
    if (item->inherits("QQuickTextEdit") && !item->property("text").toString().isEmpty()) return item;
    for (QQuickItem* child : item->childItems())
        if (QQuickItem* found = firstTextEdit(child)) return found;
    return nullptr;
}

}  // namespace

void TestAppReplySelection::initTestCase() {
    const QString failed = rwkv::test::installQmlModule(modules_, engine_);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
}

void TestAppReplySelection::selectionLastsWhileThePartGrows_data() {
    QTest::addColumn<QString>("part");      // the QML of the part, without its closing brace
    QTest::addColumn<QString>("property");  // its text property
    QTest::addColumn<QString>("more");      // the text once more of the reply has come
    QTest::newRow("prose") << QStringLiteral("MarkdownSegment { markdown: 'Some **bold** words'; streaming: true")
                           << QStringLiteral("markdown") << QStringLiteral("Some **bold** words and then more");
    QTest::newRow("code") << QStringLiteral("CodeBlock { code: 'int a = 1;\\nint b = 2;'; language: 'cpp'; closed: false")
                          << QStringLiteral("code") << QStringLiteral("int a = 1;\nint b = 2;\nint c = 3;");
    QTest::newRow("reasoning")
        << QStringLiteral("ThinkBlock { reasoning: 'First I read the question.'; closed: false")
        << QStringLiteral("reasoning") << QStringLiteral("First I read the question. Then I answer it.");
}

// "Some" (prose), "int a = 1" (code) or "First" (reasoning) selected; the part's text grows: the same words are
// still selected, and the part shows the new text.
void TestAppReplySelection::selectionLastsWhileThePartGrows() {
    QFETCH(QString, part);
    QFETCH(QString, property);
    QFETCH(QString, more);
    QQmlComponent component(&engine_);
    component.setData(("import QtQuick\nimport RwkvDesktop\nItem { width: 600; height: 400\n" + part +
                       "; objectName: 'part'; width: 600 } }")
                          .toUtf8(),
                      QUrl(QStringLiteral("file:///test.qml")));
    std::unique_ptr<QObject> root(component.create());
    QVERIFY2(root, qPrintable(component.errorString()));
    auto* item = root->findChild<QQuickItem*>(QStringLiteral("part"));
    QVERIFY(item);
    QQuickItem* edit = firstTextEdit(item);
    QVERIFY(edit);
    const QString first = edit->property("text").toString();
    const int words = part.startsWith(QLatin1String("Code")) ? 9 : part.startsWith(QLatin1String("Think")) ? 5 : 4;
    QVERIFY(QMetaObject::invokeMethod(edit, "select", Q_ARG(int, 0), Q_ARG(int, words)));
    const QString selected = edit->property("selectedText").toString();
    QCOMPARE(selected.size(), words);
    QVERIFY(item->setProperty(property.toUtf8().constData(), more));
    QVERIFY(edit->property("text").toString() != first);  // the new text is shown
    QCOMPARE(edit->property("selectedText").toString(), selected);
}

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    TestAppReplySelection test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_app_reply_selection.moc"
