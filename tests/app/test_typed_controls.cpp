// test_typed_controls.cpp — what the window's text fields do with a direction control or another invisible formatting
// character typed or pasted into them (session 40's check): the search box keeps the cursor where a paste ended when
// the search leaves a control out (SearchField.qml), "No messages match “…”" keeps a right-to-left search inside its
// quotes (SearchResults.qml), and the message boxes leave the bidi controls out with a note (TypedText.qml, as the
// Composer's and the Edit dialog's boxes call it). The QML files are loaded from the source tree as the module
// RwkvDesktop ($RWKV_QML_DIR: another copy, e.g. an older commit's, to see these fail there) with the real
// LibraryController on an in-memory store; offscreen platform. A paste too long for the box (PastedText.qml, held
// beside it) leaves them out too (session 42's trial). The rename dialog's title field leaves them out as well
// (ConversationDialogs.qml; session 47's trial).
#include <QClipboard>
#include <QGuiApplication>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

#include "chat_controller.h"
#include "clipboard_text.h"
#include "inference_worker.h"
#include "library_controller.h"
#include "perceived_characters.h"
#include "qml_test_module.h"
#include "store/conversation_store.h"
#include "tab_order.h"

class TestTypedControls : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void searchBoxKeepsTheCursorWhereThePasteEnded();
    void noMatchSentenceKeepsARightToLeftSearchInItsQuotes();
    void messageBoxLeavesOutBidiControls();
    void longPasteLeavesOutBidiControls();
    void longPasteCountsCharactersAsRead();
    void perceivedCharactersCountWhatIsDrawn();
    void longPasteFirstLineEndsBetweenCharacters();
    void emojiPasteIsHeldBesideTheBox();
    void renameFieldLeavesOutBidiControls();
    void instructionsFieldLeavesOutBidiControls();
    void instructionsNotesSayBothCounts();

private:
    QQuickItem* show(const QByteArray& qml);

    QTemporaryDir modules_;
    std::unique_ptr<rwkv::store::ConversationStore> store_;
    std::unique_ptr<rwkv::app::InferenceWorker> worker_;
    std::unique_ptr<rwkv::app::ChatController> chat_;
    std::unique_ptr<rwkv::app::LibraryController> library_;
    QQmlEngine engine_;  // gone before the controllers it shows
    std::unique_ptr<QObject> object_;
    QQuickWindow window_;
};

using rwkv::test::textItem;

namespace {
/// The item named `name` at or under `item` (depth first), or nullptr: a dialog's field lies in the window's overlay.
QQuickItem* namedItem(QQuickItem* item, const QString& name) {
    if (!item) return nullptr;
    if (item->objectName() == name) return item;
    for (QQuickItem* child : item->childItems())
        if (QQuickItem* found = namedItem(child, name)) return found;
    return nullptr;
}
}  // namespace

void TestTypedControls::initTestCase() {
    const QString failed = rwkv::test::installQmlModule(modules_, engine_);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    store_ = std::make_unique<rwkv::store::ConversationStore>(QStringLiteral(":memory:"));
    worker_ = std::make_unique<rwkv::app::InferenceWorker>(*store_, QStringLiteral(RWKV_TESTDATA_DIR));
    chat_ = std::make_unique<rwkv::app::ChatController>(*store_, *worker_);
    library_ = std::make_unique<rwkv::app::LibraryController>(*store_, *chat_);
    QQmlEngine::setObjectOwnership(library_.get(), QQmlEngine::CppOwnership);
    qmlRegisterSingletonInstance<QObject>("RwkvDesktop.Core", 1, 0, "Library", library_.get());
    QQmlEngine::setObjectOwnership(chat_.get(), QQmlEngine::CppOwnership);
    qmlRegisterSingletonInstance<QObject>("RwkvDesktop.Core", 1, 0, "Chat", chat_.get());  // the rename dialog's
    qmlRegisterSingletonType<rwkv::gui::TabOrder>("RwkvDesktop.Core", 1, 0, "TabOrder",
                                                  [](QQmlEngine*, QJSEngine*) -> QObject* { return new rwkv::gui::TabOrder; });
    qmlRegisterSingletonType<rwkv::gui::ClipboardText>(
        "RwkvDesktop.Core", 1, 0, "Clipboard", [](QQmlEngine*, QJSEngine*) -> QObject* { return new rwkv::gui::ClipboardText; });
    window_.resize(400, 300);
}

void TestTypedControls::cleanupTestCase() { object_.reset(); }

QQuickItem* TestTypedControls::show(const QByteArray& qml) {
    object_.reset();
    return rwkv::test::showItem(engine_, window_, object_, "import QtQuick.Controls\n" + qml, {});
}

// A U+202E pasted between "ab" and "cd" with "xy": the box holds "ab\u202Exycd", the cursor after "xy" (5). The search
// leaves the control out and the box shows "abxycd": the cursor stays after "xy" (4); before, it went to the end (6).
void TestTypedControls::searchBoxKeepsTheCursorWhereThePasteEnded() {
    QQuickItem* field = show("SearchField { width: 300 }");
    QVERIFY(field);
    field->setProperty("text", QStringLiteral("ab\u202Excd"));
    field->setProperty("cursorPosition", 4);  // where the paste of "\u202Ex" ended
    QTRY_COMPARE(library_->searchText(), QStringLiteral("abxcd"));
    QTRY_COMPARE(field->property("text").toString(), QStringLiteral("abxcd"));
    QCOMPARE(field->property("cursorPosition").toInt(), 3);  // before: 5, the end
    field->setProperty("text", QStringLiteral("ab\u200Bx\u2066\u202Ey\u200Fcd"));  // the cursor at the end
    QTRY_COMPARE(field->property("text").toString(), QStringLiteral("abxycd"));
    QCOMPARE(field->property("cursorPosition").toInt(), 6);
    field->setProperty("text", QStringLiteral("\u200Babxycd"));
    field->setProperty("cursorPosition", 1);  // after the control at the start
    QTRY_COMPARE(field->property("text").toString(), QStringLiteral("abxycd"));
    QCOMPARE(field->property("cursorPosition").toInt(), 0);
    library_->search(QStringLiteral("elsewhere"));  // a search started elsewhere (--search): the cursor at the end
    QCOMPARE(field->property("text").toString(), QStringLiteral("elsewhere"));
    QCOMPARE(field->property("cursorPosition").toInt(), 9);
    library_->search(QString());
}

// Session 40's check: "No messages match “שלום”." drew the Hebrew search's quotes and full stop inside its
// right-to-left run. The search is isolated (U+2068…U+2069, models::isolated) inside the sentence.
void TestTypedControls::noMatchSentenceKeepsARightToLeftSearchInItsQuotes() {
    QQuickItem* results = show("SearchResults { width: 300; height: 200 }");
    QVERIFY(results);
    library_->search(QStringLiteral("שלום"));
    QVERIFY(library_->searching());
    QQuickItem* none = textItem(results, QStringLiteral("No messages match"));
    QVERIFY(none);
    QCOMPARE(none->property("text").toString(),  // before: without U+2068 / U+2069
             QStringLiteral("No messages match “\u2068שלום\u2069”."));
    library_->search(QString());
}

// A pasted U+202E turned what was typed after it around in the message box ("evil" read "live") and was sent with the
// message. The bidi controls are taken out where they are (the cursor where the paste ended) and a note names them;
// the marks U+200E / U+200F, which right-to-left writers type, stay.
void TestTypedControls::messageBoxLeavesOutBidiControls() {
    QQuickItem* area = show("TextArea { width: 300; property string note\n"
                            "onTextChanged: { const n = TypedText.leaveOutBidiControls(this); if (n.length > 0) note = n } }");
    QVERIFY(area);
    area->setProperty("text", QStringLiteral("say "));
    area->setProperty("cursorPosition", 4);
    QVERIFY(QMetaObject::invokeMethod(area, "insert", Q_ARG(int, 4), Q_ARG(QString, QStringLiteral("\u202Eevil\u2066 "))));
    QCOMPARE(area->property("text").toString(), QStringLiteral("say evil "));  // before: "say \u202Eevil\u2066 "
    QCOMPARE(area->property("cursorPosition").toInt(), 9);
    QCOMPARE(area->property("note").toString(),
             QStringLiteral("Left out U+202E, U+2066: direction controls turn the text around, so messages keep none."));
    area->setProperty("note", QString());
    area->setProperty("text", QStringLiteral("\u200Fשלום (1)\u200E and \u200D"));
    QCOMPARE(area->property("text").toString(), QStringLiteral("\u200Fשלום (1)\u200E and \u200D"));
    QCOMPARE(area->property("note").toString(), QString());
}

// Session 42's trial: a paste of more than 100,000 characters (a log) is held above the message box (PastedText.take)
// and sent as it was: its U+202E were kept — 18,113 of them in a 1.5 MB paste — where a shorter paste into the box
// loses them. It leaves them out as the box does, with the box's note; the marks U+200E / U+200F stay.
void TestTypedControls::longPasteLeavesOutBidiControls() {
    QClipboard* clipboard = QGuiApplication::clipboard();
    QVERIFY(clipboard);
    QQuickItem* row = show("PastedText { width: 300 }");
    QVERIFY(row);
    const int limit = row->property("limit").toInt();
    QCOMPARE(limit, 100000);
    const QString line = QStringLiteral("log \u202Eevil\u2069 \u200Fשלום\u200E ok\n");
    const int lines = limit / int(line.size()) + 1;
    clipboard->setText(line.repeated(lines));
    QVariant held;
    QVERIFY(QMetaObject::invokeMethod(row, "take", Q_RETURN_ARG(QVariant, held), Q_ARG(QVariant, false)));
    QVERIFY(held.toBool());
    const QString kept = QStringLiteral("log evil \u200Fשלום\u200E ok\n").repeated(lines);
    const QString text = row->property("text").toString();
    QCOMPARE(text.size(), kept.size());  // before: 2 characters a line more (U+202E and U+2069 kept)
    QVERIFY(text == kept);
    QCOMPARE(row->property("leftOut").toString(),
             QStringLiteral("Left out U+202E, U+2069: direction controls turn the text around, so messages keep none."));
    row->setProperty("text", QString());
    clipboard->setText(QStringLiteral("plain line\n").repeated(limit / 11 + 1));  // nothing to leave out: no note
    QVERIFY(QMetaObject::invokeMethod(row, "take", Q_RETURN_ARG(QVariant, held), Q_ARG(QVariant, false)));
    QVERIFY(held.toBool());
    QCOMPARE(row->property("text").toString().size(), 11 * (limit / 11 + 1));
    QCOMPARE(row->property("leftOut").toString(), QString());
    clipboard->clear();
}

// Session 46's trial, LOW: a 1 MB paste with emoji said "1,027,964 characters" for 1,000,021 — each duck counted as its
// two UTF-16 units. The label counts characters as a reader does (a character beyond U+FFFF is one).
void TestTypedControls::longPasteCountsCharactersAsRead() {
    QQuickItem* row = show("PastedText { width: 300 }");
    QVERIFY(row);
    // The label as drawn: a Text whose words begin with the kind of text held.
    const auto label = [row](const QString& kind) {
        const QQuickItem* item = textItem(row, kind);
        return item ? item->property("text").toString() : QStringLiteral("(no label)");
    };
    row->setProperty("text", QStringLiteral("duck \U0001F986 日本\n").repeated(3));  // 10 characters a line, 11 UTF-16 units
    QCOMPARE(label(QStringLiteral("Pasted text:")), QStringLiteral("Pasted text: 3 lines, 30 characters"));  // was 33
    row->setProperty("edited", true);
    row->setProperty("text", QStringLiteral("\U0001F986").repeated(120000));
    QCOMPARE(label(QStringLiteral("Long text:")), QStringLiteral("Long text: one line, 120,000 characters"));
    // Session 59's loose ends: an emoji family (5 code points), a flag (2) and a letter with a combining accent (2) are
    // one character each as drawn; the label counted their code points, 11 for these 5.
    row->setProperty("edited", false);
    row->setProperty("text", QStringLiteral("\U0001F468\u200D\U0001F469\u200D\U0001F467 \U0001F1EF\U0001F1F5 e\u0301"));
    QCOMPARE(label(QStringLiteral("Pasted text:")), QStringLiteral("Pasted text: one line, 5 characters"));
    row->setProperty("text", QString());
}

// The count behind the window's numbers of characters (rwkv::app::perceivedCharacters, Clipboard.characters): grapheme
// clusters, with its fast path for texts no neighbour joins giving the same counts as the boundary finder.
void TestTypedControls::perceivedCharactersCountWhatIsDrawn() {
    using rwkv::app::perceivedCharacters;
    QCOMPARE(perceivedCharacters(u""), 0);
    QCOMPARE(perceivedCharacters(u"plain ASCII text"), 16);
    QCOMPARE(perceivedCharacters(u"line\r\nnext"), 9);                  // CR LF is one
    QCOMPARE(perceivedCharacters(u"e\u0301\u0301a"), 2);                 // a letter and its two accents, then a letter
    QCOMPARE(perceivedCharacters(u"\U0001F468\u200D\U0001F469\u200D\U0001F467\U0001F986"), 2);  // a family, a duck
    QCOMPARE(perceivedCharacters(u"\U0001F1EF\U0001F1F5\U0001F1FA\U0001F1F8"), 2);  // two flags, not four letters
    QCOMPARE(perceivedCharacters(u"\U0001F44D\U0001F3FD"), 1);          // a skin tone joins its emoji
    QCOMPARE(perceivedCharacters(u"\u65E5\u672C\uD55C"), 3);           // CJK and a Hangul syllable
    QCOMPARE(perceivedCharacters(u"\u1100\u1161\u11A8"), 1);           // Hangul jamo that make one syllable
    rwkv::gui::ClipboardText clipboard;
    QCOMPARE(clipboard.characters(QStringLiteral("e\u0301").repeated(100000)), 100000);
}

// Session 58's loose ends: the held text's first line, shown beside its size, is its first 300 UTF-16 units, and they
// were cut wherever the 300th ended: inside "e\u0301\u0301" (the letter kept one accent of two), inside an emoji
// sequence joined by U+200D (half a family drawn as separate people) or inside a surrogate pair (a lone half). It ends
// between characters as drawn now (Clipboard.clustersUpTo), as many whole ones as fit.
void TestTypedControls::longPasteFirstLineEndsBetweenCharacters() {
    QQuickItem* row = show("PastedText { width: 300 }");
    QVERIFY(row);
    const QString accented = QStringLiteral("e\u0301\u0301");  // 3 units a character: 1 + 99 * 3 = 298, then "e\u0301"
    row->setProperty("text", QStringLiteral("x") + accented.repeated(40000));
    QCOMPARE(row->property("firstLine").toString(), QStringLiteral("x") + accented.repeated(99));  // before: 300 units
    const QString family = QStringLiteral("\U0001F468\u200D\U0001F469\u200D\U0001F467");  // 8 units: 296, then half
    row->setProperty("text", family.repeated(20000));
    QCOMPARE(row->property("firstLine").toString(), family.repeated(37));
    row->setProperty("text", QStringLiteral("a") + QStringLiteral("\U0001F986").repeated(60000));  // 300th: a high half
    QCOMPARE(row->property("firstLine").toString(), QStringLiteral("a") + QStringLiteral("\U0001F986").repeated(149));
    const QString exact = QStringLiteral("abc").repeated(100);  // 300 units that end a character: all of them
    row->setProperty("text", exact + accented + QStringLiteral("\nsecond line"));
    QCOMPARE(row->property("firstLine").toString(), exact);
    row->setProperty("text", QStringLiteral("short first line\n") + accented.repeated(40000));  // a line break first
    QCOMPARE(row->property("firstLine").toString(), QStringLiteral("short first line"));
    row->setProperty("text", QString());
    QCOMPARE(rwkv::gui::wholeClusters(accented, 2), QStringLiteral(""));  // not even the one character fits
    QCOMPARE(rwkv::gui::wholeClusters(accented, 3), accented);
    QCOMPARE(rwkv::gui::wholeClusters(QStringLiteral("\r\n"), 1), QString());  // CR LF is one
}

// Session 47's trial: a paste of colour emoji froze the window. 49,000 ducks are 98,000 UTF-16 units, under the
// 100,000 of `limit`, so they went into the box, where Qt 6.4 decodes each duck's picture as it lays it out: 8.1 s of
// CPU and 460 MB (session 48, app start to saved window). A paste with more than 1,000 characters beyond U+FFFF is held
// beside the box as a long one is, and a draft or an edited message of them is held too (holds, split); 1,000 go in.
void TestTypedControls::emojiPasteIsHeldBesideTheBox() {
    QClipboard* clipboard = QGuiApplication::clipboard();
    QVERIFY(clipboard);
    QQuickItem* row = show("PastedText { width: 300 }");
    QVERIFY(row);
    QCOMPARE(row->property("beyondBmpLimit").toInt(), 1000);
    const QString ducks = QStringLiteral("\U0001F986").repeated(1001);
    clipboard->setText(ducks);
    QVariant held;
    QVERIFY(QMetaObject::invokeMethod(row, "take", Q_RETURN_ARG(QVariant, held), Q_ARG(QVariant, false)));
    QVERIFY(held.toBool());  // before: false, the 2,002 units left to the box
    QCOMPARE(row->property("text").toString(), ducks);
    QCOMPARE(row->property("characters").toInt(), 1001);
    row->setProperty("text", QString());
    clipboard->setText(QStringLiteral("\U0001F986 \u65E5").repeated(1000));  // 1,000 ducks and 2,000 BMP characters
    QVERIFY(QMetaObject::invokeMethod(row, "take", Q_RETURN_ARG(QVariant, held), Q_ARG(QVariant, false)));
    QVERIFY(!held.toBool());
    QCOMPARE(row->property("text").toString(), QString());
    QVariant parts;  // the Edit dialog: a message of 1,001 ducks is held whole, none of it in the box
    QVERIFY(QMetaObject::invokeMethod(row, "split", Q_RETURN_ARG(QVariant, parts), Q_ARG(QVariant, ducks)));
    QCOMPARE(parts.toStringList(), (QStringList{ducks, QString()}));
    const QString question = QStringLiteral("abc").repeated(1000) + QStringLiteral("\n\nwhy?");
    QVERIFY(QMetaObject::invokeMethod(row, "split", Q_RETURN_ARG(QVariant, parts), Q_ARG(QVariant, question)));
    QCOMPARE(parts.toStringList(), (QStringList{QString(), question}));
    clipboard->clear();
}

// Session 47's trial, MED: a title pasted into Rename… with a U+202E (a message's Copy) drew "ereh eltit live" in the
// field for "evil title here", and the title was stored with the control (rwkv-cli listed "\u202eevil title herex").
// The field leaves the bidi controls out where they are, as the message boxes do; without a note, as a shown title
// leaves out every invisible formatting character without one (shownTitle). The marks U+200E / U+200F stay.
void TestTypedControls::renameFieldLeavesOutBidiControls() {
    const qint64 id = store_->createConversation(QStringLiteral("Trip"));
    chat_->refreshConversations();
    QQuickItem* dialogs = show("ConversationDialogs { width: 400; height: 300 }");
    QVERIFY(dialogs);
    QVERIFY(QMetaObject::invokeMethod(dialogs, "askRename", Q_ARG(QVariant, id), Q_ARG(QVariant, QStringLiteral("Trip"))));
    QQuickItem* field = namedItem(window_.contentItem(), QStringLiteral("renameTitleField"));
    QVERIFY(field);
    field->setProperty("text", QStringLiteral("say "));
    field->setProperty("cursorPosition", 4);
    QVERIFY(QMetaObject::invokeMethod(field, "insert", Q_ARG(int, 4), Q_ARG(QString, QStringLiteral("\u202Eevil\u2066 title"))));
    QCOMPARE(field->property("text").toString(), QStringLiteral("say evil title"));  // before: "say \u202Eevil\u2066 title"
    QCOMPARE(field->property("cursorPosition").toInt(), 14);
    QVERIFY(QMetaObject::invokeMethod(field, "accepted"));  // Enter: the dialog's OK
    QCOMPARE(store_->conversation(id)->title, QStringLiteral("say evil title"));
    QVERIFY(QMetaObject::invokeMethod(dialogs, "askRename", Q_ARG(QVariant, id), Q_ARG(QVariant, QStringLiteral("x"))));
    field->setProperty("text", QStringLiteral("\u200Fשלום (1)\u200E"));
    QCOMPARE(field->property("text").toString(), QStringLiteral("\u200Fשלום (1)\u200E"));
}

// Session 47's trial, MED: the same paste into the Instructions… dialog drew "ereh eltit live" and was kept in the
// chat's system prompt. Its field (InstructionsField.qml, also Settings' "Instructions for new chats") leaves the bidi
// controls out where they are, as the rename field does; the marks U+200E / U+200F stay.
void TestTypedControls::instructionsFieldLeavesOutBidiControls() {
    const qint64 id = store_->createConversation(QStringLiteral("Trip"));
    chat_->refreshConversations();
    QQuickItem* dialogs = show("ConversationDialogs { width: 500; height: 400 }");
    QVERIFY(dialogs);
    QVERIFY(QMetaObject::invokeMethod(dialogs, "askInstructions", Q_ARG(QVariant, id), Q_ARG(QVariant, QStringLiteral("Trip"))));
    QQuickItem* field = namedItem(window_.contentItem(), QStringLiteral("instructionsField"));
    QVERIFY(field);
    field->setProperty("text", QStringLiteral("Be "));
    field->setProperty("cursorPosition", 3);
    QVERIFY(QMetaObject::invokeMethod(field, "insert", Q_ARG(int, 3), Q_ARG(QString, QStringLiteral("\u202Ebrief\u2067 please"))));
    QCOMPARE(field->property("text").toString(), QStringLiteral("Be brief please"));  // before: "Be \u202Ebrief\u2067 please"
    QCOMPARE(field->property("cursorPosition").toInt(), 15);
    field->setProperty("text", QStringLiteral("\u200Fשלום\u200E, answer in Hebrew"));
    QCOMPARE(field->property("text").toString(), QStringLiteral("\u200Fשלום\u200E, answer in Hebrew"));
}

// Session 59's loose ends: the instructions' limit counts UTF-16 units, and its notes said "this text has 10,008" of a
// text of 1,251 emoji families on screen, without a word why. Where the counts differ, the notes give the characters as
// read too and say what counts as more than one; a text of letters keeps the short sentence.
void TestTypedControls::instructionsNotesSayBothCounts() {
    QClipboard* clipboard = QGuiApplication::clipboard();
    QVERIFY(clipboard);
    const qint64 id = store_->createConversation(QStringLiteral("Limit"));
    chat_->refreshConversations();
    QQuickItem* dialogs = show("ConversationDialogs { width: 500; height: 400 }");
    QVERIFY(dialogs);
    QVERIFY(QMetaObject::invokeMethod(dialogs, "askInstructions", Q_ARG(QVariant, id), Q_ARG(QVariant, QStringLiteral("Limit"))));
    QQuickItem* field = namedItem(window_.contentItem(), QStringLiteral("instructionsField"));
    QQuickItem* note = namedItem(window_.contentItem(), QStringLiteral("instructionsFieldLimit"));
    QVERIFY(field && note);
    const QString family = QStringLiteral("\U0001F468\u200D\U0001F469\u200D\U0001F467");  // 8 units, one character
    field->setProperty("text", family.repeated(1251));
    QCOMPARE(note->property("text").toString(),
             QStringLiteral("Instructions hold at most 10,000 characters, an emoji, a flag or some accented letters "
                            "counting as 2 or more; this text has 10,008 counted so (1,251 as you read them). Shorten "
                            "it to keep it."));  // before: "… this text has 10,008. Shorten it to keep it."
    field->setProperty("text", QStringLiteral("a").repeated(10001));
    QCOMPARE(note->property("text").toString(),
             QStringLiteral("Instructions hold at most 10,000 characters; this text has 10,001. Shorten it to keep it."));
    // A paste of 1,300 families (10,400 units) into the empty field: refused, both counts said.
    field->setProperty("text", QString());
    clipboard->setText(family.repeated(1300));
    field->forceActiveFocus();
    QTest::keyClick(&window_, Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(field->property("text").toString(), QString());
    QCOMPARE(note->property("text").toString(),
             QStringLiteral("Not pasted: the 1,300 characters on the clipboard, 10,400 as the limit counts them (an "
                            "emoji, a flag or some accented letters count as 2 or more), would make these instructions "
                            "longer than 10,000. A long text for the model to read goes in a message."));
    clipboard->clear();
}

QTEST_MAIN(TestTypedControls)
#include "test_typed_controls.moc"
